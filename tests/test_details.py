"""Long lists link each card's abstract and BibTeX to its paper page; short ones fold them in.

Built from tests/roots/test-details, where ``scholar_details_threshold`` is 2: the home
page's list of three is long, the short page has a list of two, and lists told
``:details: link`` or ``:details: inline``.
"""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest
from bs4 import BeautifulSoup
from conftest import parse_html, warnings_of
from hypothesis import given
from hypothesis import strategies as st

from sphinx_scholar.core.records import Rich
from sphinx_scholar.render.links import actions_html

pytestmark = pytest.mark.sphinx("html", testroot="details", copy_test_root=True, freshenv=True)

ABSTRACT = "Looms that weave <algebraic> patterns & more."
#: what each entry has: (an abstract, its BibTeX shown)
HAS = {"both2023": (True, True), "plain2022": (False, False), "bibonly2021": (False, True)}


def fragments(abstract: bool, bibtex: bool) -> set[str]:
    return {name for name, has in (("abstract", abstract), ("bibtex", bibtex)) if has}


def cards(soup: BeautifulSoup, index: int = 0) -> dict[str, BeautifulSoup]:
    """The cards of the page's *index*-th list, by the entry they show."""
    found = soup.select("div.scholar-publications")[index].select("li.scholar-card")
    return {card.select_one(".scholar-title a")["href"].split("/")[-2]: card for card in found}


def detail_links(card) -> dict[str, str]:
    """The card's links to its paper page's abstract and BibTeX, by fragment."""
    out = {}
    for a in card.select(".scholar-actions > a.scholar-btn"):
        page, _, fragment = a["href"].partition("#")
        if fragment in {"abstract", "bibtex"}:
            out[fragment] = page
    return out


def assert_linked(app, docname: str, found: dict) -> None:
    assert set(found) == set(HAS)
    for key, card in found.items():
        abstract, bibtex = HAS[key]
        assert not card.select("details"), key  # nothing folded into the list
        links = detail_links(card)
        assert set(links) == fragments(abstract, bibtex), key
        for fragment, page in links.items():
            # the link leads to the paper page, and that page has the section
            assert page == card.select_one(".scholar-title a")["href"]
            target = PurePosixPath(docname).parent / page
            paper = parse_html(app, str(target.with_suffix("")))
            section = paper.find(id=fragment)
            assert section is not None, (key, fragment)
        if abstract:
            assert ABSTRACT not in card.get_text()
            paper = parse_html(app, f"publications/{key}/index")
            assert paper.select_one(".scholar-paper__abstract p").get_text() == ABSTRACT


def assert_folded(found: dict) -> None:
    assert set(found) <= set(HAS)
    for key, card in found.items():
        abstract, bibtex = HAS[key]
        assert not detail_links(card), key
        toggle = card.select_one("details.scholar-toggle--abstract .scholar-toggle__panel")
        assert (toggle.get_text() if toggle else None) == (ABSTRACT if abstract else None)
        assert bool(card.select("details.scholar-toggle--bibtex code")) is bibtex, key


@pytest.fixture
def built(app):
    app.build()
    assert "WARNING" not in warnings_of(app)
    return app


def test_a_list_longer_than_the_threshold_links_them_to_the_paper_pages(built):
    assert_linked(built, "index", cards(parse_html(built, "index")))


def test_a_list_as_long_as_the_threshold_folds_them_in(built):
    short = parse_html(built, "short")
    assert len(cards(short, 0)) == 2
    assert_folded(cards(short, 0))


def test_the_option_overrides_the_threshold_either_way(built):
    short = parse_html(built, "short")
    linked = cards(short, 1)  # two cards, ``:details: link``
    assert len(linked) == 2
    for key, card in linked.items():
        assert not card.select("details")
        assert set(detail_links(card)) == fragments(*HAS[key]), key
    assert_folded(cards(short, 2))  # three cards, ``:details: inline``
    assert len(cards(short, 2)) == 3


@pytest.mark.sphinx(
    "html",
    testroot="details",
    copy_test_root=True,
    freshenv=True,
    confoverrides={"scholar_paper_pages": ""},
)
def test_without_paper_pages_a_long_list_folds_them_in(app):
    app.build()
    soup = parse_html(app, "index")
    found = soup.select("li.scholar-card")
    assert len(found) == 3
    for card in found:
        assert not detail_links(card)
    assert len(soup.select("details.scholar-toggle--bibtex")) == 2
    assert soup.select_one("details.scholar-toggle--abstract p").get_text() == ABSTRACT


@pytest.mark.sphinx(
    "html",
    testroot="details",
    copy_test_root=True,
    freshenv=True,
    confoverrides={"scholar_details_threshold": 3},
)
def test_the_threshold_counts_the_lists_cards(app):
    app.build()
    assert_folded(cards(parse_html(app, "index")))


@given(
    abstract=st.text(max_size=20),
    bibtex=st.text(max_size=20),
    url=st.sampled_from(["", "p/x/index.html", "../p/a&b/index.html", "p/x/"]),
)
def test_links_or_toggles_for_exactly_what_there_is(abstract, bibtex, url):
    rich = Rich.of(abstract)
    html = actions_html((), rich, bibtex, details_url=url)
    soup = BeautifulSoup(html, "html.parser")
    toggles = {d["class"][-1] for d in soup.select("details")}
    hrefs = [a["href"] for a in soup.select("a")]
    wanted = fragments(bool(rich), bool(bibtex))
    if url:
        assert not toggles
        assert hrefs == [f"{url}#{f}" for f in ("abstract", "bibtex") if f in wanted]
    else:
        assert not hrefs
        assert toggles == {f"scholar-toggle--{f}" for f in wanted}
