"""Sphinx's search finds papers: titles (leading to the card), authors, venues, years.

Built from tests/roots/test-filters; the index is read as the search page reads it.
The browser test tests/browser/test_find.py runs real queries on the demo.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import parse_html
from hypothesis import given, settings
from hypothesis import strategies as st
from sphinx.search.en import SearchEnglish

from sphinx_scholar.core.records import Author, Publication, Rich, Source
from sphinx_scholar.core.text import ILLEGAL
from sphinx_scholar.sphinx_ext.publications import search_nodes

pytestmark = pytest.mark.sphinx("html", testroot="filters", copy_test_root=True, freshenv=True)


def search_index(app) -> dict:
    text = (Path(app.outdir) / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


@pytest.fixture
def built(app):
    app.build()
    return app


def test_each_card_title_is_a_search_title_leading_to_the_card(built):
    index = search_index(built)
    page = index["docnames"].index("index")
    soup = parse_html(built, "index")
    cards = soup.select("li.scholar-card")
    assert len(cards) == 12
    for card in cards:
        title = card.select_one(".scholar-title").get_text()
        assert [page, card["id"]] in index["alltitles"][title], title


def test_authors_and_venues_are_words_of_the_page(built):
    index = search_index(built)
    page = index["docnames"].index("index")
    stem = SearchEnglish({}).stem

    def found(word: str) -> bool:
        entry = index["terms"].get(stem(word).lower())
        return entry == page or (isinstance(entry, list) and page in entry)

    # a folded name, the owner, a co-author, a journal and a school
    for word in ("Person13", "Lovelace", "Debugger", "Hands", "London", "Symposium"):
        assert found(word), word
    # a word of a title is a title word of the page (it ranks the page higher)
    for word in ("Tessellation", "Bernoulli", "Fifteen"):
        entry = index["titleterms"].get(stem(word).lower())
        assert entry == page or (isinstance(entry, list) and page in entry), word


def test_a_year_is_found_as_its_group(built):
    index = search_index(built)
    soup = parse_html(built, "index")
    page = index["docnames"].index("index")
    for heading in soup.select(".scholar-group__title"):
        assert index["alltitles"][heading.get_text()] == [[page, heading["id"]]]


def test_nothing_for_the_search_is_written_into_the_page(built):
    soup = parse_html(built, "index")
    card = soup.find(id="long2023")
    for toggle in card.select("details"):
        toggle.decompose()  # the BibTeX repeats the title
    assert card.get_text().count("A Paper With Fifteen Authors") == 1
    assert len(soup.select("h2")) == len(soup.select(".scholar-group__title"))


def test_search_page_ranks_cards_first(built):
    language_data = (Path(built.outdir) / "_static" / "language_data.js").read_text("utf-8")
    assert "Scorer.score = function" in language_data


#: what a record's text can hold: the bib's NUL and control characters are removed
NAMES = st.text(max_size=14).map(lambda text: ILLEGAL.sub("", text))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.lists(NAMES, max_size=4), NAMES, NAMES), max_size=8))
def test_the_search_gets_every_word_of_every_card_of_a_page(cards):
    """A page's cards give each word once (publications.search_nodes), and what Sphinx's
    splitter makes of them is every word the cards hold, whatever the text."""
    split = SearchEnglish({}).split
    seen: set[str] = set()
    given: list[str] = []  # each white-space word the page gives, once
    given_words: set[str] = set()
    every_word: set[str] = set()
    for number, (names, venue, abbr) in enumerate(cards):
        authors = tuple(Author(name, "", name, name) for name in names)
        record = Publication(
            f"k{number}",
            "article",
            Rich.of("T"),
            authors,
            Source("refs.bib", 1),
            "d",
            venue=Rich.of(venue),
            venue_abbr=abbr,
        )
        title, *words = search_nodes(record, seen)
        assert title.astext() == "T"
        given += [w for node in words for w in node.astext().split()]
        given_words.update(split(" ".join(node.astext() for node in words)))
        every_word.update(split(" ".join([*names, record.venue.plain, abbr])))
    assert given_words == every_word
    assert len(given) == len(set(given))
