"""Input checks that look at the whole bib: fields, files, duplicates, name spellings.

Every check returns :class:`Diagnostic` values and prints nothing, so the
Sphinx build and the ``check`` command report the same problems.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import entrycache
from .bibparse import ParsedBib, field_names, parse_files
from .convert import records_from
from .diagnostics import Diagnostic
from .entrycache import SpanResult
from .fields import (
    AUTHOR_OPTIONAL,
    FILE_FIELDS,
    KNOWN_FIELDS,
    OWN_FIELDS,
    STANDARD_FIELDS,
    VENUE_OPTIONAL,
)
from .files import SiteFiles, is_remote
from .names import initials_compatible_pairs, normalize, pairs_one_edit_apart
from .records import Author, Publication

_SUGGESTIONS = sorted(OWN_FIELDS | STANDARD_FIELDS)


#: Whether a record has each field it may need (a type that does not need it counts as having it).
_HAS: dict[str, Callable[[Publication], bool]] = {
    "title": lambda r: bool(r.title),
    "author": lambda r: bool(r.authors) or r.entry_type in AUTHOR_OPTIONAL,
    "year": lambda r: r.year is not None,
    "venue": lambda r: bool(r.venue) or r.entry_type in VENUE_OPTIONAL,
    "abstract": lambda r: bool(r.abstract),
}
#: What a card needs (the build warns ``missing_field``; the importers fix or set aside).
CARD_NEEDS = ("title", "author", "year", "venue")
#: What Google Scholar reads from a paper page (the build warns ``indexing``).
SCHOLAR_NEEDS = ("abstract", "venue", "year")


def missing_fields(record: Publication, needs: tuple[str, ...] = CARD_NEEDS) -> list[str]:
    """The fields of *needs* that *record* lacks, in that order."""
    return [name for name in needs if not _HAS[name](record)]


def indexing_problem(record: Publication) -> Diagnostic | None:
    """What Scholar will miss on this paper's page; None when it has what Scholar needs."""
    missing = ["date" if name == "year" else name for name in missing_fields(record, SCHOLAR_NEEDS)]
    if not missing:
        return None
    what = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " or " + missing[-1]
    return Diagnostic(
        "indexing",
        f"the paper page gives Google Scholar no {what}, so its entry there will lack it",
        record.source.file,
        record.source.line,
        record.key,
    )


def check_fields(
    fields: Mapping[str, Iterable[str]],
    records: Mapping[str, Publication],
    field_lines: Mapping[str, Mapping[str, int]] | None = None,
) -> list[Diagnostic]:
    """Missing required fields, and custom fields nobody reads (*fields*: each entry's
    field names, :func:`~.bibparse.field_names`).

    An unknown field is reported once per file, at its first use, with the number
    of entries that have it: a typo is found at once, and a tool's private field
    (``journal-URL`` on every entry of one export) is one line, not thousands.
    """
    problems: list[Diagnostic] = []
    unknown: dict[tuple[str, str], list[tuple[Publication, str]]] = {}
    for key, record in records.items():
        names = fields.get(key)
        where = (record.source.file, record.source.line)
        missing = missing_fields(record)
        if missing:
            problems.append(
                Diagnostic(
                    "missing_field",
                    f"@{record.entry_type} entry has no {', '.join(missing)}; "
                    "the card shows what there is",
                    *where,
                    key,
                )
            )
        for name in names or ():
            lower = name.lower()
            if lower not in KNOWN_FIELDS:
                unknown.setdefault((record.source.file, lower), []).append((record, name))
    for (_, lower), uses in unknown.items():
        record, name = uses[0]
        guess = difflib.get_close_matches(lower, _SUGGESTIONS, n=1, cutoff=0.75)
        hint = f"; did you mean {guess[0]!r}?" if guess else " (it is not shown)"
        more = f" (in {len(uses)} entries; this is the first)" if len(uses) > 1 else ""
        line = (field_lines or {}).get(record.key, {}).get(lower, record.source.line)
        problems.append(
            Diagnostic(
                "unknown_field",
                f"unknown field {name!r}{more}{hint}",
                record.source.file,
                line,
                record.key,
            )
        )
    return problems


#: Kinds whose message does not depend on the entry: repeats are reported once.
_COLLAPSIBLE = frozenset({"latex", "macro"})


def collapse_repeats(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """One unknown macro used 200 times in a file is one warning, naming the count."""
    out: list[Diagnostic | None] = []
    first: dict[tuple[str, str, str], tuple[int, int]] = {}  # -> (index in out, count)
    for diagnostic in diagnostics:
        if diagnostic.kind not in _COLLAPSIBLE:
            out.append(diagnostic)
            continue
        group = (diagnostic.kind, diagnostic.file, diagnostic.message)
        if group in first:
            index, count = first[group]
            first[group] = (index, count + 1)
            continue
        first[group] = (len(out), 1)
        out.append(diagnostic)
    for index, count in first.values():
        if count > 1:
            original = out[index]
            assert original is not None
            out[index] = replace(
                original, message=f"{original.message} (and {count - 1} more in this file)"
            )
    return [d for d in out if d is not None]


@dataclass
class CheckedBib:
    """What reading and checking the bib files yields: the parse, the records, the problems."""

    #: after a read that reused kept entries, ``parsed.data`` holds only the entries read
    #: again or kept whole (see :class:`~.entrycache.Read`)
    parsed: ParsedBib
    records: dict[str, Publication]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: each entry's parse and record, for the next read to reuse (see entrycache)
    spans: dict[str, SpanResult] = field(default_factory=dict)
    reused: int = 0  #: entries taken from the last read instead of parsed again
    #: records that are the last read's but for their place in the file (see entrycache)
    moved: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class FileCheck:
    """Where preview images and paper files are looked up (``scholar_preview_dir`` ...)."""

    site: SiteFiles
    preview_dir: str = "_static/previews"
    files_dir: str = "_static/papers"


def read_and_check(
    paths: list[Path],
    encoding: str = "utf-8-sig",
    files: FileCheck | None = None,
    reuse: Mapping[str, SpanResult] | None = None,
    reuse_records: Mapping[str, Publication] | None = None,
) -> CheckedBib:
    """Parse *paths* in order, build the records and run every per-bib check.

    The one list of checks the Sphinx build and the ``check`` command share.
    Name-spelling hints are not here: the build needs every page's people first.
    With *reuse* (the ``spans`` of an earlier result, or ``{}`` to start) and
    *reuse_records* (its records), entries whose text did not change are not
    parsed or converted again, and the result has ``spans`` for the next read.
    """
    spans: dict[str, SpanResult] = {}
    reused = 0
    moved: set[str] = set()
    if reuse is None:
        parsed = parse_files(paths, encoding)
        records, problems = records_from(
            parsed.data, parsed.sources, parsed.marks, parsed.field_lines
        )
        names = field_names(parsed.data)
    else:
        done = entrycache.read(paths, encoding, reuse, reuse_records)
        parsed, records, problems = done.parsed, done.records, done.problems
        spans, reused, moved = done.spans, done.reused, done.moved
        names = done.field_names
    problems = parsed.diagnostics + problems
    problems += check_fields(names, records, parsed.field_lines)
    if files is not None:
        problems += check_files(
            records, files.site, files.preview_dir, files.files_dir, parsed.field_lines
        )
    problems += check_duplicates(records)
    order = {str(path): index for index, path in enumerate(paths)}
    problems.sort(key=lambda d: (order.get(d.file, len(order)), d.line or 0))
    return CheckedBib(parsed, records, collapse_repeats(problems), spans, reused, moved)


def check_files(
    records: Mapping[str, Publication],
    site: SiteFiles,
    preview_dir: str,
    files_dir: str,
    field_lines: Mapping[str, Mapping[str, int]] | None = None,
) -> list[Diagnostic]:
    """Thumbnails and file links that point to files the site does not have."""
    problems: list[Diagnostic] = []
    for key, record in records.items():
        lines = (field_lines or {}).get(key, {})
        wanted = []
        if record.thumbnail:
            wanted.append(("preview", record.thumbnail, preview_dir))
        wanted.extend(
            (link.kind, link.url, files_dir)
            for link in record.links
            if link.kind in FILE_FIELDS and link.url and not is_remote(link.url)
        )
        for name, value, folder in wanted:
            served, problem = site.resolve(value, folder)
            if served is None:
                line = lines.get(name, record.source.line)
                problems.append(
                    Diagnostic("missing_file", f"{name}: {problem}", record.source.file, line, key)
                )
    return problems


def check_duplicates(records: Mapping[str, Publication]) -> list[Diagnostic]:
    """One paper entered twice under two keys (same normalised title, year and authors).

    Recurring columns ("Editorial comments", "Calendar") share a title and a year
    but not an issue: in the same venue, a different volume, number or page range
    means a different item.
    """
    seen: dict[tuple[str, int | None], list[Publication]] = {}
    problems = []
    for record in records.values():
        title = normalize(record.title.plain)
        if not title:
            continue
        earlier = seen.setdefault((title, record.year), [])
        first = next((e for e in earlier if _same_paper(e, record)), None)
        earlier.append(record)
        if first is not None:
            problems.append(
                Diagnostic(
                    "duplicate_paper",
                    f"same title, year and authors as {first.key!r} ({first.source.file}:"
                    f"{first.source.line}); is this one paper entered twice?",
                    record.source.file,
                    record.source.line,
                    record.key,
                )
            )
    return problems


def _same_paper(a: Publication, b: Publication) -> bool:
    families_a = [normalize(x.family) for x in a.authors if not x.others]
    families_b = [normalize(x.family) for x in b.authors if not x.others]
    if families_a and families_b and families_a != families_b:
        return False
    if normalize(a.venue.plain) == normalize(b.venue.plain):
        for attribute in ("volume", "number", "pages"):
            x, y = getattr(a, attribute), getattr(b, attribute)
            if x and y and x != y:
                return False
    return True


def _loose(name: str) -> str:
    """A name with the periods and spacing of initials ignored ('U. Ramer' = 'U Ramer')."""
    return " ".join(name.replace(".", " ").split())


def check_name_variants(
    records: Iterable[Publication],
    same_person: Callable[[str, str], bool] = lambda a, b: False,
) -> list[Diagnostic]:
    """Hints for one co-author spelt two ways: accents, a typo, initials, a middle name.

    ``same_person(key_a, key_b)`` says when the people registry already knows two
    spellings are one person (an alias), which silences the hint. Initials that
    fit two different full names ('J Huang': 'Jeffery Huang' or 'Jun Huang') are
    ambiguous and give no hint.
    """
    forms: dict[str, dict[str, Publication]] = defaultdict(dict)  # key -> display -> first record
    authors: dict[str, Author] = {}
    for record in records:
        for author in record.authors:
            if author.others or not author.key:
                continue
            forms[author.key].setdefault(author.name, record)
            authors.setdefault(author.key, author)
    problems: list[Diagnostic] = []

    def hint(a_name: str, a_rec: Publication, b_name: str, b_rec: Publication, why: str) -> None:
        problems.append(
            Diagnostic(
                "name_variant",
                f"{b_name!r} here and {a_name!r} in {a_rec.key!r} look like one person "
                f"({why}); write one spelling, or declare it an alias in scholar_people",
                b_rec.source.file,
                b_rec.source.line,
                b_rec.key,
            )
        )

    # 1. one key, several spellings: accents or punctuation differ (not just initials' dots)
    for spellings in forms.values():
        if len(spellings) > 1:
            (a_name, a_rec), *rest = spellings.items()
            for b_name, b_rec in rest:
                if _loose(b_name) != _loose(a_name):
                    hint(a_name, a_rec, b_name, b_rec, "accents or punctuation differ")
    given = {key: normalize(author.given) for key, author in authors.items()}
    family = {key: normalize(author.family) for key, author in authors.items()}
    pairs: set[tuple[str, str, str]] = set()
    # 2. same family name, compatible given names (initials, a middle name)
    by_family: dict[str, list[str]] = defaultdict(list)
    for key in authors:
        if family[key] and given[key]:
            by_family[family[key]].append(key)
    for keys in by_family.values():
        partners: dict[str, set[str]] = defaultdict(set)
        for i, j in initials_compatible_pairs([given[key] for key in keys]):
            partners[keys[i]].add(keys[j])
            partners[keys[j]].add(keys[i])
        for a, linked in partners.items():
            for b in linked:
                if a < b and not (partners[a] ^ partners[b]) - {a, b}:
                    pairs.add((a, b, "initials or a middle name differ"))
    # 3. same full given name, family names one letter apart ('Oded Padan', 'Oded Padon')
    by_given: dict[str, list[str]] = defaultdict(list)
    for key in authors:
        if len(given[key].split(" ")[0]) > 1:
            by_given[given[key]].append(key)
    for keys in by_given.values():
        for i, j in pairs_one_edit_apart([family[key] for key in keys]):
            pairs.add((keys[i], keys[j], "the family names differ by one letter"))
    for a, b, why in sorted(pairs):
        if same_person(a, b):
            continue
        (a_name, a_rec), (b_name, b_rec) = (
            next(iter(forms[a].items())),
            next(iter(forms[b].items())),
        )
        hint(a_name, a_rec, b_name, b_rec, why)
    return problems
