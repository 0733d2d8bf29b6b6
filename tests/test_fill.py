"""Pages written with marks, then filled with their cards (sphinx_ext/fill.py)."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_scholar.sphinx_ext.fill import fill
from sphinx_scholar.sphinx_ext.nodes import CARD_MARKS

#: text around and inside cards: newlines of every kind, accents, CJK, an emoji (beyond
#: latin-1 and ascii: written as character references there), markup
TEXT = st.lists(
    st.sampled_from(["a", "<p>", "\n", "\r\n", "\r", "é", "ř", "数", "😀", "&", " "]), max_size=8
).map("".join)
ENCODINGS = st.sampled_from(["utf-8", "latin-1", "ascii", "utf-16", "cp1252"])


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=6), st.lists(TEXT, max_size=5), ENCODINGS)
def test_a_filled_page_is_the_page_sphinx_would_have_written(
    tmp_path_factory, parts, cards, encoding
):
    """Marks filled piece by piece give, byte for byte, what writing the whole page in one
    go gives (Sphinx's write: the encoding, references for what it cannot encode, the
    platform's newlines)."""
    folder = tmp_path_factory.mktemp("fill")
    cards = cards[: len(parts) - 1]
    marked = "".join(
        part + (f"\x00scholar-card {i}\x00" if i < len(cards) else "")
        for i, part in enumerate(parts)
    )
    whole = CARD_MARKS.sub(lambda mark: cards[int(mark[1])], marked)
    expected, page = folder / "whole.html", folder / "page.html"
    expected.write_text(whole, encoding=encoding, errors="xmlcharrefreplace")
    page.write_text(marked, encoding=encoding, errors="xmlcharrefreplace")
    fill(page, cards, encoding)
    assert page.read_bytes() == expected.read_bytes()
    assert [p.name for p in folder.iterdir() if p.suffix == ".tmp"] == []


def test_a_page_without_marks_is_left_as_it_is(tmp_path: Path):
    page = tmp_path / "page.html"
    page.write_text("<p>written by an earlier build</p>", encoding="utf-8")
    before = page.stat().st_mtime_ns
    fill(page, ["<li>card</li>"], "utf-8")
    assert page.stat().st_mtime_ns == before
    assert os.listdir(tmp_path) == ["page.html"]


def test_a_mark_no_card_has_stays_as_it_was(tmp_path: Path):
    """A page's own text that looks like a mark (a pasted NUL) is no card: kept, no crash."""
    page = tmp_path / "page.html"
    page.write_text("a\x00scholar-card 0\x00b\x00scholar-card 7\x00c", encoding="utf-8")
    fill(page, ["<li>card</li>"], "utf-8")
    assert page.read_text(encoding="utf-8") == "a<li>card</li>b\x00scholar-card 7\x00c"
