"""Reusing the entries of the last parse gives exactly what a whole parse gives.

Bibs are made of pieces that exercise what ties one entry to others: @string
macros (defined, redefined, undefined), crossref, duplicate keys (in any case),
syntax errors, comments and junk, and per-entry problems (LaTeX, names, illegal
characters, unknown fields). A series of edits is read once with the spans of the
read before and once from scratch; records, problems and positions must be equal.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_scholar.core import entrycache
from sphinx_scholar.core.validate import read_and_check

KEYS = ("ada", "Ada", "bob", "cy", "dee")
TITLES = ("Engines", "On {Looms}", "\\foo{Bar} baz", "Bad\x07char", "Caf\\'e")
AUTHORS = ("Ada Lovelace and Charles Babbage", "Smith, John, Jr, Extra", "Lovelace, A.")


@st.composite
def piece(draw: st.DrawFn) -> str:
    """One chunk of bib text (usually an entry) as people write them."""
    kind = draw(
        st.sampled_from(
            ("entry",) * 20 + ("string", "crossref", "comment", "junk", "broken", "inner")
        )
    )
    key = draw(st.sampled_from(KEYS)) + str(draw(st.integers(0, 12)))  # sometimes twice
    if kind == "string":
        return f'@string{{jnl = "{draw(st.sampled_from(("Nature", "Cell")))}"}}\n\n'
    if kind == "comment":
        return "@comment{a note}\n\n"
    if kind == "junk":
        return "% a comment line\n\n"
    if kind == "broken":
        return f"@article{{{key},\n  title = {{never closed,\n\n"
    lines = [f"@article{{{key},"]
    lines.append(f"  title = {{{draw(st.sampled_from(TITLES))}}},")
    lines.append(f"  author = {{{draw(st.sampled_from(AUTHORS))}}},")
    if kind == "inner":  # a line inside a value that looks like an entry's start
        lines.append("  abstract = {Cited as\n@misc{inner, in a value}},")
    if kind == "crossref":
        parent = draw(st.sampled_from(KEYS)) + str(draw(st.integers(0, 12)))
        name = draw(st.sampled_from(("crossref", "CrossRef", "CROSSREF")))  # any case
        lines.append(f"  {name} = {{{parent}}},")
    else:
        lines.append(
            draw(st.sampled_from(("  journal = jnl,", "  journal = {J},", "  booktitle = {B},")))
        )
    year = draw(st.sampled_from(("", "  year = {1843},", "  year = 1999,", "  yeer = {1}, ")))
    if year:
        lines.append(year)
    lines.append("}")
    return "\n".join(lines) + "\n" * draw(st.integers(1, 3))


@st.composite
def edits(draw: st.DrawFn) -> list[list[str]]:
    """A bib (as pieces) and the same bib after each of a few edits."""
    first = draw(st.lists(piece(), min_size=0, max_size=8))
    versions = [first]
    for _ in range(draw(st.integers(1, 3))):
        pieces = list(versions[-1])
        what = draw(st.sampled_from(("insert", "delete", "replace", "move")))
        at = draw(st.integers(0, len(pieces)))
        if what == "insert" or not pieces:
            pieces.insert(at, draw(piece()))
        elif what == "delete":
            del pieces[min(at, len(pieces) - 1)]
        elif what == "replace":
            pieces[min(at, len(pieces) - 1)] = draw(piece())
        else:
            pieces.insert(at, pieces.pop(min(at, len(pieces) - 1)))
        versions.append(pieces)
    return versions


def _same(left: entrycache.Read, right: entrycache.Read) -> None:
    assert left.records == right.records
    assert left.problems == right.problems
    assert left.parsed.diagnostics == right.parsed.diagnostics
    assert left.parsed.sources == right.parsed.sources
    assert left.parsed.field_lines == right.parsed.field_lines
    assert left.parsed.marks == right.parsed.marks
    assert left.parsed.keys_by_file == right.parsed.keys_by_file
    assert left.field_names == right.field_names  # every entry, with its fields, in order
    # what a read kept of pybtex's parse is the whole parse's own, entry for entry
    for key, entry in left.parsed.data.entries.items():
        assert entry == right.parsed.data.entries[key]


def _problems_of(spans: dict[str, entrycache.SpanResult]) -> dict:
    """Each kept span's problems, by the identity of each list (a crossref entry's are
    made again each time, equal to the last ones: only identity tells them apart)."""
    return {key: {k: id(v) for k, v in span.problems.items()} for key, span in spans.items()}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits(), st.booleans())
def test_reusing_the_last_parse_equals_a_whole_parse(versions, two_files):
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder) / "a.bib", Path(folder) / "b.bib"][: 1 + two_files]
        last = None
        reuses: list[int] = []
        for pieces in versions:
            cut = len(pieces) // 2 if two_files else len(pieces)
            paths[0].write_text("".join(pieces[:cut]), encoding="utf-8")
            if two_files:  # macros of the first file carry over into the second
                paths[1].write_text("".join(pieces[cut:]), encoding="utf-8")
            whole = entrycache.read(paths)
            kept = _problems_of(last.spans) if last else None
            again = entrycache.read(
                paths,
                last=last.spans if last else None,
                last_records=last.records if last else None,
            )
            _same(again, whole)
            if last:  # what was kept is not changed: its side file keeps unchanged shards
                assert _problems_of(last.spans) == kept
            reuses.append(again.reused)
            last = again


def test_an_edit_reads_only_the_changed_entry(tmp_path):
    entries = [
        f"@article{{key{i},\n  title = {{Paper {i}}},\n  author = {{A. Author}},\n"
        f"  journal = {{J}},\n  year = {{2001}},\n}}\n\n"
        for i in range(20)
    ]
    bib = tmp_path / "refs.bib"
    bib.write_text("".join(entries), encoding="utf-8")
    first = entrycache.read([bib])
    assert first.reused == 0 and len(first.spans) == 20
    entries[5] = entries[5].replace("Paper 5", "Paper five")
    entries.insert(10, entries.pop(0).replace("key0", "key0moved"))  # moves the lines below
    bib.write_text("".join(entries), encoding="utf-8")
    second = entrycache.read([bib], last=first.spans, last_records=first.records)
    assert second.reused == 18  # all but the edited and the renamed entry
    assert second.records["key5"].title.plain == "Paper five"
    assert second.records["key6"].source.line == 6 * 7 - 6  # moved up: key0's lines left
    _same(second, entrycache.read([bib]))
    # what is kept for the next read is the very object kept before, moved or not (the
    # side file then keeps its shard)
    kept = [key for key in second.spans if key in first.spans]
    assert len(kept) == 18
    assert all(second.spans[key] is first.spans[key] for key in kept)


def test_warnings_of_untouched_entries_stay_as_they_were(tmp_path):
    """An unknown LaTeX command in an entry below the edit: same warning, new line."""
    bib = tmp_path / "refs.bib"
    top = "@article{top,\n  title = {Top},\n  author = {A. B},\n  year = {2000},\n}\n\n"
    low = "@article{low,\n  title = {\\foo{Low}},\n  author = {A. B},\n  year = {2000},\n}\n"
    bib.write_text(top + low, encoding="utf-8")
    first = read_and_check([bib], reuse={})
    bib.write_text(top.replace("Top", "Top\n  edited") + low, encoding="utf-8")
    second = read_and_check([bib], reuse=first.spans, reuse_records=first.records)
    assert second.reused == 1
    assert second.diagnostics == read_and_check([bib]).diagnostics
    (before,) = [d for d in first.diagnostics if d.key == "low" and d.kind == "latex"]
    (after,) = [d for d in second.diagnostics if d.key == "low" and d.kind == "latex"]
    assert (after.kind, after.message, after.line) == (before.kind, before.message, before.line + 1)


@pytest.mark.parametrize("field", ["crossref", "CrossRef"])  # BibTeX's names ignore case
def test_a_crossref_child_follows_its_edited_parent(tmp_path, field):
    bib = tmp_path / "refs.bib"
    child = (
        f"@inproceedings{{child,\n  title = {{C}},\n  author = {{A. B}},\n  {field} = {{proc}},\n}}"
    )
    child += "\n\n"
    parent = "@proceedings{proc,\n  booktitle = {Old Venue},\n  year = {2001},\n}\n"
    bib.write_text(child + parent, encoding="utf-8")
    first = entrycache.read([bib], last={})
    assert first.records["child"].venue.plain == "Old Venue"
    bib.write_text(child + parent.replace("Old", "New"), encoding="utf-8")
    second = entrycache.read([bib], last=first.spans, last_records=first.records)
    assert second.reused == 1  # the child's parse; its record is made again
    assert second.records["child"].venue.plain == "New Venue"
    _same(second, entrycache.read([bib]))


def test_only_entries_a_crossref_links_are_kept_whole(tmp_path):
    """The kept spans hold pybtex's parse only for a crossref's child and parent; a new
    child of a parent kept without it makes a whole parse, equal to one from scratch."""
    bib = tmp_path / "refs.bib"
    plain = "@article{plain,\n  title = {P},\n  author = {A. B},\n  journal = {J},\n}\n\n"
    child = "@inproceedings{child,\n  title = {C},\n  author = {A. B},\n  crossref = {Proc},\n}\n\n"
    parent = "@proceedings{proc,\n  booktitle = {Venue},\n  year = {2001},\n}\n\n"
    other = "@proceedings{other,\n  booktitle = {Elsewhere},\n  year = {2002},\n}\n"
    bib.write_text(plain + child + parent + other, encoding="utf-8")

    def whole(read: entrycache.Read) -> set[str]:
        return {key for span in read.spans.values() for key in span.entries}

    def named(read: entrycache.Read) -> set[str]:
        return {key for span in read.spans.values() for key in span.fields}

    first = entrycache.read([bib], last={})
    assert whole(first) == {"child", "proc"}
    assert named(first) == {"plain", "child", "proc", "other"}
    # a title edit of the plain entry: read again, and kept without its parse
    bib.write_text(plain.replace("{P}", "{Q}") + child + parent + other, encoding="utf-8")
    second = entrycache.read([bib], last=first.spans, last_records=first.records)
    assert second.reused == 3 and whole(second) == {"child", "proc"}
    assert set(second.parsed.data.entries) == {"plain", "child", "proc"}
    _same(second, entrycache.read([bib]))
    # a new child (on top: every other span is as it was) of "other", whose parse was
    # not kept: the bib is parsed whole
    adopted = child.replace("child", "adopted").replace("Proc", "other")
    bib.write_text(adopted + plain + child + parent + other, encoding="utf-8")
    third = entrycache.read([bib], last=second.spans, last_records=second.records)
    assert third.reused == 0
    assert third.records["adopted"].venue.plain == "Elsewhere"
    assert whole(third) == {"child", "proc", "adopted", "other"}
    _same(third, entrycache.read([bib]))
    # a parent edited: read again, and kept whole again for its child
    edited = parent.replace("Venue", "Hall")
    bib.write_text(adopted + plain + child + edited + other, encoding="utf-8")
    fourth = entrycache.read([bib], last=third.spans, last_records=third.records)
    assert fourth.reused == 4 and whole(fourth) == {"child", "proc", "adopted", "other"}
    assert fourth.records["child"].venue.plain == "Hall"
    _same(fourth, entrycache.read([bib]))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_children_naming_any_entry_read_as_a_whole_parse(data):
    """Children added anywhere naming any entry (kept with its parse or without it, in
    another case, or none), and entries deleted: each read from the last read's spans
    equals a whole parse."""
    parents = [
        f"@article{{e{i},\n  title = {{T{i}}},\n  journal = {{J{i}}},\n  year = {{2001}},\n}}\n\n"
        for i in range(data.draw(st.integers(1, 5)))
    ]
    pieces = list(parents)
    names = [f"e{i}" for i in range(len(parents))] + ["E0", "nowhere"]
    with tempfile.TemporaryDirectory() as folder:
        bib = Path(folder) / "refs.bib"
        bib.write_text("".join(pieces), encoding="utf-8")
        last = entrycache.read([bib], last={})
        for step in range(data.draw(st.integers(1, 4))):
            if pieces and data.draw(st.booleans()):
                del pieces[data.draw(st.integers(0, len(pieces) - 1))]
            else:
                parent = data.draw(st.sampled_from(names))
                child = (
                    f"@inproceedings{{c{step},\n  title = {{C}},\n  crossref = {{{parent}}},\n}}"
                )
                child += "\n\n"
                pieces.insert(data.draw(st.integers(0, len(pieces))), child)
            bib.write_text("".join(pieces), encoding="utf-8")
            again = entrycache.read([bib], last=last.spans, last_records=last.records)
            _same(again, entrycache.read([bib]))
            last = again


def test_a_value_with_a_line_that_starts_like_an_entry_is_read_whole(tmp_path):
    """The spans are cut at lines starting with "@": one inside a value cuts an entry in
    two, so such a file is not kept in spans (found by the property test)."""
    bib = tmp_path / "refs.bib"
    inner = "@article{a,\n  abstract = {Cited as\n@misc{inner, in a value}},\n  journal = jnl,\n}\n"
    bib.write_text(inner, encoding="utf-8")
    first = entrycache.read([bib], last={})
    assert first.spans == {}
    bib.write_text("@article{b,\n  title = {B},\n}\n\n" + inner, encoding="utf-8")
    _same(
        entrycache.read([bib], last=first.spans, last_records=first.records), entrycache.read([bib])
    )


#: what a line that starts a command is, as a regex tried at every line start
_LINE_COMMAND = re.compile(r"^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(]", re.M)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="@ \t\na{(x%", max_size=60))
def test_command_lines_are_found_as_an_anchored_regex_finds_them(text):
    expected = [(match.start(), match.group(1)) for match in _LINE_COMMAND.finditer(text)]
    assert entrycache.command_starts(text) == expected
