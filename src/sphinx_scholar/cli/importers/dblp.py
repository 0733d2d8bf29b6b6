"""DBLP exports (standard, condensed, with crossref): clean names and venue badges.

DBLP numbers homonyms ("Wei Wang 0001"); the parser already reads names without
the number, and the import writes every entry again so the bib is clean too.
``timestamp``, ``biburl`` and ``bibsource`` stay in the file (they say where an
entry came from) but never in the BibTeX a card shows (``core.fields.BIBTEX_FIELDS``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from pybtex.database import Entry

from ...core.names import strip_dblp_suffix
from ..sourcetext import SourceError
from . import Draft
from .clean import _field
from .readbib import read_bib

#: DBLP's venue keys whose abbreviation is not the key in capitals.
KNOWN_CASING = {
    "nips": "NeurIPS",
    "neurips": "NeurIPS",
    "icml": "ICML",
    "iclr": "ICLR",
    "cvpr": "CVPR",
    "iccv": "ICCV",
    "eccv": "ECCV",
    "pvldb": "PVLDB",
    "vldb": "VLDB",
    "sigmod": "SIGMOD",
    "corr": "CoRR",
    "coco": "CCC",
    "kbse": "ASE",
    "aaai": "AAAI",
    "ijcai": "IJCAI",
    "aistats": "AISTATS",
    "sigir": "SIGIR",
    "sigcomm": "SIGCOMM",
    "siamcomp": "SICOMP",
    "jacm": "JACM",
    "cacm": "CACM",
    "pacmpl": "PACMPL",
    "pacmhci": "PACMHCI",
    "tkde": "TKDE",
    "tods": "TODS",
    "tmlr": "TMLR",
    "jmlr": "JMLR",
    "interspeech": "Interspeech",
    "icassp": "ICASSP",
    "naacl": "NAACL",
    "emnlp": "EMNLP",
    "acl": "ACL",
}
_DBLP_KEY = re.compile(r"^DBLP:(?:conf|journals|series|books)/([^/]+)/", re.I)


def abbr_of(key: str, venue: str = "") -> str:
    """conf/stoc -> STOC, journals/pacmpl -> PACMPL; a word the venue's name spells
    out keeps its spelling there (journals/algorithmica -> Algorithmica)."""
    match = _DBLP_KEY.match(key)
    if not match:
        return ""
    part = match.group(1)
    if part.lower() in KNOWN_CASING:
        return KNOWN_CASING[part.lower()]
    spelt = re.search(rf"(?<![\w-]){re.escape(part)}(?![\w-])", venue, re.I)
    if spelt and not spelt.group().islower():
        return spelt.group()
    return part.upper()


def derive_abbrs(draft: Draft) -> None:
    """A venue badge for every DBLP entry that has no ``abbr``, from its key."""
    derived: dict[str, list[str]] = defaultdict(list)
    for key, entry in draft.entries.items():
        if _field(entry, "abbr"):
            continue
        venue = " ".join(_field(entry, name) for name in ("booktitle", "journal", "series"))
        abbr = abbr_of(key, venue)
        if abbr:
            entry.fields["abbr"] = abbr
            draft.changed.add(key)
            derived[abbr].append(key)
    for abbr, keys in sorted(derived.items()):
        part = _DBLP_KEY.match(keys[0])
        where = part.group(0)[5:-1] if part else keys[0]
        draft.note(
            "mapped",
            f"abbr {abbr}",
            f"venue badge derived from the DBLP key ({where} -> {abbr}) for {len(keys)} "
            f"entr{'y' if len(keys) == 1 else 'ies'}",
        )


def from_dblp(key: str, entry: Entry) -> bool:
    """Whether an entry is DBLP's: its key (``DBLP:conf/...``) or its ``biburl`` says so."""
    where = " ".join(_field(entry, name) for name in ("biburl", "bibsource"))
    return key.lower().startswith("dblp:") or "dblp.org" in where.lower()


def read(source: Path) -> Draft:
    """Every entry of a DBLP export, written again (DBLP's layout is a machine's).

    A file with no DBLP entry in it is refused: read as DBLP it would lose nothing
    but be told it was DBLP's, and its badges would not be derived.
    """
    draft, parser = read_bib(source, "dblp")
    if not any(from_dblp(key, entry) for key, entry in draft.entries.items()):
        raise SourceError(
            f"{source} is not a DBLP export: none of its {len(draft.entries)} entries has a "
            "DBLP key (DBLP:conf/...) or a dblp.org biburl; a Google Scholar export is "
            "'import scholar', a hand-written bib 'import alfolio'"
        )
    names: dict[str, set[str]] = defaultdict(set)
    for key, written in parser.suffixes:
        names[written].add(key)
    for written, keys in sorted(names.items()):
        draft.note(
            "fixed",
            written,
            f"DBLP's homonym number dropped: {strip_dblp_suffix(written)!r} "
            f"({len(keys)} entr{'y' if len(keys) == 1 else 'ies'})",
        )
    bookkeeping = sum(
        1 for e in draft.entries.values() if any(_field(e, f) for f in ("biburl", "timestamp"))
    )
    if bookkeeping:
        draft.note(
            "mapped",
            "",
            f"timestamp, biburl and bibsource kept in the bib ({bookkeeping} entries): "
            "the BibTeX a card shows leaves them out",
        )
    return draft


STEPS = (derive_abbrs,)
