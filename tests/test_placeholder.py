"""The generated tiles: a short name from the title, whole words only, a label per kind."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, tile_said
from hypothesis import given
from hypothesis import strategies as st
from pybtex.database import parse_file

from sphinx_scholar.core.convert import protected_words, records_from
from sphinx_scholar.core.messages import Messages
from sphinx_scholar.core.records import Publication, Rich, Source
from sphinx_scholar.core.text import xml_text
from sphinx_scholar.render.placeholder import (
    LINE,
    LONGEST_WORD,
    MAX_LINES,
    TileText,
    draw,
    font_size,
    kind_label,
    placeholder_tile,
    short_name,
    wrap,
)


def record(title: str = "A Title", raw: str | None = None, **fields) -> Publication:
    values = {
        "key": "k",
        "entry_type": "inproceedings",
        "title": Rich.of(title),
        "authors": (),
        "source": Source("refs.bib", 1),
        "digest": "d",
        "venue_abbr": "SIS",
        "year": 2024,
        "protected": protected_words(raw if raw is not None else title),
    }
    values.update(fields)
    return Publication(**values)


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("{SpecInfer}: Accelerating Generative Large Language Model Serving", "SpecInfer"),
        ("{TASO}: Optimizing Deep Learning Computation", "TASO"),
        ("Optimal Kernel Orchestration for Tensor Programs with {Korch}", "Korch"),
        ("Improving Integer Security for Systems with {KINT}", "KINT"),
        ("Building Verified Neural Networks for Computer Systems with {Ouroboros}", "Ouroboros"),
        ("Undefined Behavior: What Happened to My Code?", "Undefined Behavior"),
        # a protected term of the field is not the paper's name
        ("Optimizing {DNN} Computation with Relaxed Graph Substitutions", "Optimizing DNN…"),
        ("Automatic and Transparent {I/O} Optimization With Storage", "Automatic and Transparent…"),
        ("Communication Bounds for the Distributed Experts Problem", "Communication Bounds…"),
        ("Sequoia", "Sequoia"),
    ],
)
def test_the_short_name_is_what_the_paper_is_called(raw, name):
    assert short_name(raw.replace("{", "").replace("}", ""), protected_words(raw)) == name


def test_a_long_name_is_never_cut_inside_a_word():
    """'SuffixDecoding' was drawn as 'SuffixDecodi' / 'ng'."""
    lines = tile_said(placeholder_tile(record("SuffixDecoding: Extreme Speculative Decoding")))
    assert lines[1:-1] == ("SuffixDecoding",)


@given(st.lists(st.text(min_size=1, max_size=LONGEST_WORD), min_size=1, max_size=2))
def test_the_longest_line_fits_the_tile_even_in_wide_bold_glyphs(lines):
    """At 0.7 em a character (wider than system-ui bold's average), a word of 30 fits."""
    assert font_size(lines) * 0.7 * max(len(line) for line in lines) <= 160


@pytest.mark.parametrize(
    ("fields", "label"),
    [
        ({"entry_type": "phdthesis"}, "Thesis"),
        ({"entry_type": "mastersthesis"}, "Thesis"),
        ({"entry_type": "book"}, "Book"),
        ({"entry_type": "incollection"}, "Chapter"),
        ({"entry_type": "techreport"}, "Report"),
        ({"entry_type": "misc", "arxiv": "2401.00001"}, "Preprint"),
        ({"entry_type": "article", "venue": Rich.of("Journal of Tides")}, "Article"),
        ({"entry_type": "inproceedings"}, "Paper"),
    ],
)
def test_each_kind_has_its_label_on_the_tile(fields, label):
    rec = record("Automated Discovery of Machine Learning Optimizations", **fields)
    assert kind_label(rec) == label
    assert tile_said(placeholder_tile(rec))[0] == label


def test_the_kind_label_is_in_the_sites_language():
    german = Messages(gettext={"Thesis": "Abschlussarbeit"}.get, language="de")
    html = placeholder_tile(record("Automated Discovery", entry_type="phdthesis"), german)
    assert tile_said(html)[0] == "Abschlussarbeit"


def test_the_demo_papers_get_distinct_tiles_that_never_only_repeat_the_venue():
    data = parse_file(str(REPO / "refs.bib"))
    records, _ = records_from(data, {})
    tiles = {key: placeholder_tile(rec) for key, rec in records.items()}
    assert len(set(tiles.values())) == len(records)
    for key, html in tiles.items():
        lines = tile_said(html)
        shown = " ".join(lines[1:-1])
        assert shown.rstrip("…") and shown != records[key].venue_abbr, key
        title_words = {w.strip(":,") for w in records[key].title.plain.split()}
        for word in shown.split():
            assert word.strip("…,:") in title_words, (key, word)


words = st.text(
    alphabet=st.characters(categories=("L", "N", "P", "S"), exclude_characters="{}"),
    min_size=1,
    max_size=30,
)


@given(st.lists(words, min_size=1, max_size=12))
def test_a_name_is_never_empty_and_made_of_whole_words_of_the_title(title_words):
    title = " ".join(title_words)
    name = short_name(title, tuple(title_words[:2]))
    assert name.strip()
    pieces = {
        form for w in title.split() for form in (w, w.rstrip(",;:"), w.strip(".,;:!?()[]\"'“”"))
    }
    head = title.partition(":")[0].strip()
    if name != head and name != "…":
        for word in name.split():
            assert word.rstrip("…").rstrip(",;:") in pieces | {""}


@given(st.lists(words, min_size=1, max_size=12))
def test_wrapping_keeps_every_word_whole_and_in_order(title_words):
    lines = wrap(title_words)
    assert " ".join(lines).split() == " ".join(title_words).split()
    for line in lines:
        assert len(line) <= LINE or " " not in line  # only a single long word overflows


@given(st.lists(words, min_size=1, max_size=12), st.sampled_from(["", "SIS", "ICML"]))
def test_a_tile_is_one_hidden_element_with_at_most_two_name_lines(title_words, abbr):
    rec = record(" ".join(title_words), raw="", venue_abbr=abbr)
    html = placeholder_tile(rec)
    lines = tile_said(html)
    shown = lines[1:-1]  # the caption: the venue and the year (2024)
    assert len(shown) <= MAX_LINES
    long_word = any(len(w) > LONGEST_WORD for w in short_name(rec.title.plain).split())
    assert bool(shown) != long_word  # a name, unless only a piece of a word could be drawn


#: any text a bib can hold, markup, quotes and characters no page can carry included; white
#: space only as single spaces (a tile's texts are words of fields whose white space is
#: collapsed to spaces)
any_text = st.text(
    st.characters(exclude_characters="".join(c for c in map(chr, range(0x3001)) if c.isspace())),
    max_size=20,
).map(lambda text: text.replace("_", " "))


@given(any_text, st.lists(any_text.filter(xml_text), max_size=2), any_text, st.integers(7, 12))
def test_a_tile_says_exactly_its_text_whatever_the_text_holds(kind, lines, caption, size):
    """No text of a bib can add an element or an attribute to a tile, or lose a character
    a page can carry (those it cannot are removed, as everywhere: core/text.xml_text)."""
    html = draw(TileText(kind, tuple(lines), caption, size), "SIS")
    soup = BeautifulSoup(html, "html.parser")
    tile = soup.select_one("span.scholar-tile")
    assert len(soup.find_all(True)) == 1 and tile is not None
    assert set(tile.attrs) == {"class", "style", "data-kind", "data-caption", "aria-hidden"}
    assert tile_said(tile) == (
        xml_text(kind),
        *(xml_text(line) for line in lines),
        xml_text(caption),
    )


@given(st.text(alphabet=st.sampled_from("{}\\$ aZ:"), max_size=40))
def test_protected_words_are_braced_parts_of_the_raw_title(raw):
    """Any raw title, braces unbalanced or not: only what a brace pair protects, never empty."""
    for word in protected_words(raw):
        assert word.strip() == word and word
        assert re.search(r"\{\s*" + re.escape(word) + r"\s*\}", raw)
