"""A site's tiles: distinct papers get tiles that say different things (issue 16)."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import REPO, parse_html, tile_said
from hypothesis import given, settings
from hypothesis import strategies as st
from pybtex.database import parse_file

from sphinx_scholar.core.convert import records_from
from sphinx_scholar.core.messages import ENGLISH
from sphinx_scholar.core.records import Author, Publication, Rich, Source
from sphinx_scholar.render.placeholder import MAX_LINES, kind_label, placeholder_tile
from sphinx_scholar.render.tileset import base_tiles, distinct_tiles

said = tile_said


def name_lines(html: str) -> list[str]:
    """The name's lines: between the kind and the caption."""
    return list(tile_said(html)[1:-1])


def author(family: str) -> Author:
    return Author(name=f"Ann {family}", given="Ann", family=family, key=family.casefold())


def paper(key: str, title: str, **fields) -> Publication:
    values = {
        "key": key,
        "entry_type": "inproceedings",
        "title": Rich.of(title),
        "authors": (),
        "source": Source("refs.bib", 1),
        "digest": key,
        "venue_abbr": "OSDI",
        "year": 2023,
    }
    values.update(fields)
    return Publication(**values)


# -- the rule a reader sees ----------------------------------------------------------


def test_a_tile_no_other_says_stays_what_it_was():
    records = [paper("a", "SpecInfer: Tree-based Speculation"), paper("b", "Korch")]
    tiles = distinct_tiles(records)
    assert tiles == {r.key: placeholder_tile(r) for r in records}


def test_alike_names_go_on_with_the_next_words_of_their_titles():
    tiles = distinct_tiles(
        [paper("a", "SpecInfer: Tree-based Speculation"), paper("b", "SpecInfer: Accelerating")]
    )
    assert name_lines(tiles["a"]) == ["SpecInfer:", "Tree-based…"]
    assert name_lines(tiles["b"]) == ["SpecInfer:", "Accelerating"]


def test_more_words_are_taken_only_when_they_fit_with_their_ellipsis():
    """'Cascading: I.…' is one character too long: the tile showed 'Cascading:…'."""
    first = paper("a", "Fractional Cascading: I. A Data Structuring Technique")
    second = paper("b", "Fractional Cascading: II. Applications")
    tiles = distinct_tiles([first, second], ENGLISH)
    assert name_lines(tiles["a"]) == name_lines(tiles["b"]) == ["Fractional", "Cascading"]
    assert said(tiles["a"]) != said(tiles["b"])


def test_titles_alike_as_far_as_the_tile_goes_name_their_first_authors():
    tiles = distinct_tiles(
        [
            paper("a", "Notes on the Analytical Engine", authors=(author("Lovelace"),)),
            paper("b", "Notes on the Analytical Difference Engine", authors=(author("Babbage"),)),
        ]
    )
    assert said(tiles["a"]) == ("Paper", "Notes on the", "Analytical…", "OSDI 2023 · Lovelace")
    assert said(tiles["b"]) == ("Paper", "Notes on the", "Analytical…", "OSDI 2023 · Babbage")


def test_the_same_authors_are_told_apart_by_the_month_then_by_an_ordinal():
    same = {"authors": (author("Jia"),)}
    tiles = distinct_tiles(
        [
            paper("a", "Same Title", month=3, **same),
            paper("b", "Same Title", month=5, **same),
            paper("c", "Same Title", month=5, **same),
        ]
    )
    assert said(tiles["a"])[-1] == "OSDI Mar 2023"
    assert said(tiles["b"])[-1] == "OSDI May 2023"
    assert said(tiles["c"])[-1] == "OSDI May 2023 · 2"


def test_an_ordinal_never_repeats_a_tile_that_already_says_it():
    """'X · 2' is taken by a paper whose caption says so: the copy gets '· 3'."""
    taken = paper("z", "Same Title", venue_abbr="", year=None, authors=(author("2"),))
    twin = paper("w", "Same Title", venue_abbr="", year=None)
    tiles = distinct_tiles([paper("a", "Same Title", venue_abbr="", year=None), twin, taken])
    assert len({said(html) for html in tiles.values()}) == 3


def test_the_demo_sites_tiles_are_unchanged():
    """No two demo papers collide: every tile is the one a paper gets on its own."""
    records, _ = records_from(parse_file(str(REPO / "refs.bib")), {})
    tiles = distinct_tiles(records.values())
    assert tiles == {key: placeholder_tile(record) for key, record in records.items()}


# -- the class of inputs -------------------------------------------------------------

#: few words, so that titles share prefixes and whole titles repeat; a word too long for
#: a tile, a long line of small words, non-Latin scripts
WORDS = ("Serving", "Large", "Models", "of", "the", "数据库", "Ünïcode", "A" * 31, "I.", "II.")
#: the starts of titles: a name before a colon, first words that fill the tile's lines
STARTS = ("SpecInfer:", "Notes on the Analytical", "Fractional Cascading:", "")
titles = st.one_of(
    st.just(""),
    st.tuples(st.sampled_from(STARTS), st.lists(st.sampled_from(WORDS), max_size=5)).map(
        lambda parts: " ".join([parts[0], *parts[1]]).strip()
    ),
    # what the bib reader gives: no control characters (text.clean removes them)
    st.text(st.characters(categories=("L", "N", "P", "S", "Zs")), max_size=20),
)
records = st.builds(
    lambda title, abbr, year, month, entry_type, family: (
        title,
        {
            "venue_abbr": abbr,
            "year": year,
            "month": month,
            "entry_type": entry_type,
            "authors": (author(family),) if family else (),
        },
    ),
    titles,
    st.sampled_from(["", "OSDI", "OSDI 2023"]),
    st.sampled_from([2023, None]),
    st.sampled_from([None, 3]),
    st.sampled_from(["inproceedings", "conference", "misc"]),
    st.sampled_from(["", "Jia", "2"]),
)
sites = st.lists(records, max_size=12).map(
    lambda items: [paper(f"k{i:02d}", title, **fields) for i, (title, fields) in enumerate(items)]
)


def bare(words: list[str]) -> list[str]:
    """Words without the punctuation around them (a name drops a colon, adds an ellipsis)."""
    return [b for b in (w.strip(".,;:!?()[]\"'“”…") for w in words) if b]


def is_run(part: list[str], whole: list[str]) -> bool:
    return any(whole[i : i + len(part)] == part for i in range(len(whole) - len(part) + 1))


@settings(max_examples=300, deadline=None)
@given(sites, st.randoms(use_true_random=False))
def test_distinct_papers_get_distinct_tiles_that_keep_words_whole(site, rnd: random.Random):
    tiles = distinct_tiles(site)
    assert set(tiles) == {r.key for r in site}
    texts = [said(html) for html in tiles.values()]
    assert len(set(texts)) == len(texts), Counter(texts).most_common(2)
    assert len(set(tiles.values())) == len(tiles)
    alone = Counter(said(placeholder_tile(r)) for r in site)
    for record in site:
        html = tiles[record.key]
        if alone[said(placeholder_tile(record))] == 1:
            assert html == placeholder_tile(record), record.key
        lines = name_lines(html)
        assert len(lines) <= MAX_LINES
        # the name is a run of the title's whole words (or the head before its colon)
        title = record.title.plain
        drawn = bare(" ".join(lines).split())
        runs = (bare(title.split()), bare(title.partition(":")[0].split()))
        assert any(is_run(drawn, run) for run in runs) or drawn == [kind_label(record)], lines
    shuffled = list(site)
    rnd.shuffle(shuffled)
    assert distinct_tiles(shuffled) == tiles  # any order: serial, -j, incremental


def by_content(site: list[Publication]) -> list[Publication]:
    """The records with a digest of what they say, as the bib reader gives them."""
    return [
        replace(r, digest=repr((r.title, r.venue_abbr, r.year, r.month, r.entry_type, r.authors)))
        for r in site
    ]


@settings(max_examples=200, deadline=None)
@given(sites, sites)
def test_tiles_from_an_earlier_builds_bases_are_the_tiles_drawn_anew(site, earlier):
    """Issue 17: the tiles on their own kept from an earlier build (of another bib: entries
    edited, added, deleted, alike or not) give exactly the tiles drawn from nothing."""
    site, earlier = by_content(site), by_content(earlier)
    kept = base_tiles(earlier)
    bases = base_tiles(site, known=kept)
    assert set(bases) == {r.digest for r in site}
    assert distinct_tiles(site, bases=bases) == distinct_tiles(site)


# -- a site ---------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="tiles")
def test_two_alike_papers_on_a_page_show_two_different_tiles(app):
    app.build()
    cards = parse_html(app, "index").select("li.scholar-card")
    assert len(cards) == 2
    assert all(card.select_one("img") is None for card in cards)
    texts = [said(card.select_one("span.scholar-tile")) for card in cards]
    assert texts[0] != texts[1]
    assert {t[1:-1] for t in texts} == {("Notes on the", "Analytical…")}


@pytest.mark.sphinx("html", testroot="tiles", copy_test_root=True, freshenv=True)
def test_the_svg_tiles_an_earlier_build_wrote_are_removed(app):
    """Tiles are part of the cards now: the folder of SVG files earlier builds wrote into the
    output would otherwise be deployed for ever, linked from nowhere."""
    old = Path(app.outdir) / "_static" / "scholar" / "thumbs"
    old.mkdir(parents=True)
    (old / "0123456789abcdef.svg").write_text("<svg/>", encoding="utf-8")
    app.build()
    assert not old.exists()
    assert (Path(app.outdir) / "_static" / "scholar.css").is_file()  # the rest is untouched
    page = parse_html(app, "index")
    assert len(page.select("span.scholar-tile")) == 2
