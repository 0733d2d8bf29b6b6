"""Google Scholar exports: repeated keys, preprints as journals, missing years.

Scholar's keys are author+year+word, so two papers often share one; the reader
keeps both (see :mod:`.readbib`) and the clean-up merges or renames them.
"""

from __future__ import annotations

import re
from pathlib import Path

from ...core.urls import arxiv_id
from ..sourcetext import SourceError
from . import Draft
from .clean import _field
from .dblp import from_dblp
from .readbib import read_bib

_ARXIV_JOURNAL = re.compile(r"arxiv\s+preprint\s+arxiv:\s*(\S+)", re.I)


def arxiv_from_journal(draft: Draft) -> None:
    """``journal = {arXiv preprint arXiv:2506.06045}``: an arXiv link button as well."""
    count = 0
    for key, entry in draft.entries.items():
        match = _ARXIV_JOURNAL.search(_field(entry, "journal"))
        if match and not _field(entry, "arxiv") and not _field(entry, "eprint"):
            identifier = arxiv_id(match.group(1).rstrip(".,"))
            if identifier:
                entry.fields["arxiv"] = identifier
                draft.changed.add(key)
                count += 1
    if count:
        draft.note(
            "mapped",
            "",
            f"arXiv ids read from 'arXiv preprint arXiv:...' journals ({count} entries): "
            "an arXiv link on each card",
        )


def read(source: Path) -> Draft:
    """Every entry of a Scholar export, duplicates included (written again)."""
    draft, _ = read_bib(source, "scholar")
    if all(from_dblp(key, entry) for key, entry in draft.entries.items()):
        raise SourceError(f"{source} is a DBLP export: import it with 'import dblp'")
    return draft


STEPS = (arxiv_from_journal,)
