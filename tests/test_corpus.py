"""Real bib files written by other people: every site builds, no paper is lost, and an
edit read from what the last read kept gives what a whole parse gives.

One site per file of ../shared/bib-corpus/real/ (the IRIDIA parts and biber's
papers.bib with the files that define their macros, as SOURCES.md says), and
one per file of edge/ (test inputs of pybtex, bibtexparser and biber). The
builds and checks live in tests/corpus_report.py, which also prints totals.
Left out (one line in the summary) when the corpus is absent; CI requires it.
"""

from __future__ import annotations

import re

import pytest
from conftest import CORPUS
from test_entrycache import _same as same_read

from sphinx_scholar.core import entrycache

pytestmark = pytest.mark.corpus

if CORPUS.is_dir():
    import corpus_report as corpus

    REAL_UNITS = corpus.real_units()
    EDGE_UNITS = corpus.edge_units()
else:  # pragma: no cover
    REAL_UNITS = EDGE_UNITS = []


def _id(unit) -> str:
    return "+".join(path.stem.split("__")[-1] for path in unit)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("corpus")


@pytest.mark.parametrize("unit", REAL_UNITS, ids=[_id(u) for u in REAL_UNITS])
def test_real_file_builds_with_every_entry(unit, workdir):
    result = corpus.build(unit, workdir)
    assert not result.error, result.error
    assert result.entries > 0
    assert result.cards == result.entries, f"{result.cards} cards for {result.entries} entries"
    assert result.raw_latex == [], result.raw_latex[:5]


def test_the_malformed_file_warns_at_the_right_line(workdir):
    """The 0xtob older commit lacks a comma after ``booktitle = CVPR`` (line 26)."""
    unit = (corpus.REAL / "0xtob__0xtob.github.io__papers-19be9b1.bib",)
    result = corpus.build(unit, workdir)
    syntax = [(loc, msg) for loc, kind, msg in result.messages if kind == "syntax"]
    assert len(syntax) == 1, result.messages
    location, message = syntax[0]
    assert location.endswith("0xtob__0xtob.github.io__papers-19be9b1.bib:27")
    assert "weyand2020gldv2" in message
    assert result.cards == result.entries == 11


@pytest.mark.parametrize("unit", EDGE_UNITS, ids=[_id(u) for u in EDGE_UNITS])
def test_edge_file_builds(unit, workdir):
    result = corpus.build(unit, workdir)
    assert not result.error, result.error
    # the tolerant parser keeps at least what pybtex keeps
    assert result.cards >= result.entries
    assert result.raw_latex == [], result.raw_latex[:5]


def _edits(text: bytes) -> list[bytes]:
    """A user's edits of a bib, in turn: a line added on top (every entry moves), the
    middle entry deleted, the last entry moved to the top (a child before its parent)."""
    starts = [m.start() for m in re.finditer(rb"^[ \t]*@", text, re.M)]
    if len(starts) < 3:
        return [b"\n" + text]
    middle = len(starts) // 2
    deleted = text[: starts[middle]] + text[starts[middle + 1] :]
    last = deleted.rfind(b"\n@") + 1 or len(deleted)
    first = deleted.find(b"@")
    moved = deleted[:first] + deleted[last:] + b"\n" + deleted[first:last]
    return [b"\n" + text, deleted, moved]


@pytest.mark.parametrize(
    "unit", REAL_UNITS + EDGE_UNITS, ids=[_id(u) for u in REAL_UNITS + EDGE_UNITS]
)
def test_an_edit_read_from_the_kept_entries_equals_a_whole_parse(unit, tmp_path):
    """entrycache's promise on real bibs (macros, crossref chains, broken entries): each
    edit read from what the read before it kept gives what a whole parse gives."""
    paths = [tmp_path / path.name for path in unit]
    for source, path in zip(unit, paths, strict=True):
        path.write_bytes(source.read_bytes())
    last = entrycache.read(paths, last={})
    for text in _edits(unit[-1].read_bytes()):
        paths[-1].write_bytes(text)
        again = entrycache.read(paths, last=last.spans, last_records=last.records)
        same_read(again, entrycache.read(paths))
        last = again
