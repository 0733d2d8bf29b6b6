"""Long lists link each card's abstract and BibTeX to its paper page; short ones fold them in.

Built from tests/roots/test-details, where ``scholar_details_threshold`` is 2: the home
page's list of three is long, the short page has a list of two, and lists told
``:details: link`` or ``:details: inline``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import PurePosixPath

import pytest
from bs4 import BeautifulSoup
from conftest import parse_html, warnings_of
from hypothesis import given
from hypothesis import strategies as st

from sphinx_scholar.core.config import ScholarConfig
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


def test_an_unknown_details_value_is_a_warning_at_its_line(make_app, rootdir, tmp_path):
    """A typo in the option is MyST's warning, at the page and the directive's line; the
    list still shows every card (as ``auto``), and so do the page's other lists."""
    src = tmp_path / "site"
    shutil.copytree(rootdir / "test-details", src)
    short = src / "short.md"
    text = short.read_text(encoding="utf-8")
    short.write_text(text + "\n```{publications}\n:details: maybe\n```\n", encoding="utf-8")
    fence = text.count("\n") + 2  # after a blank line; the option is on the next line
    app = make_app("html", srcdir=src)
    app.build()
    said = warnings_of(app)
    # the lowest myst-parser names the page "short.md.rst" and the fence's line
    found = re.findall(rf"^{re.escape(str(short))}(?:\.rst)?:(\d+): WARNING: (.*)$", said, re.M)
    assert len(found) == 1, said
    line, message = found[0]
    assert int(line) in {fence, fence + 1}
    assert "'details'" in message and "maybe" in message and '"link"' in message
    soup = parse_html(app, "short")
    assert len(soup.select("div.scholar-publications")) == 4
    assert_folded(cards(soup, 0))
    assert_linked(app, "short", cards(soup, 3))


@given(
    st.one_of(
        st.integers(),
        st.booleans(),
        st.floats(allow_nan=True),
        st.text(max_size=5),
        st.none(),
        st.lists(st.integers(), max_size=2),
    )
)
def test_any_threshold_value_gives_a_whole_number(value):
    """conf.py's value as the build reads it: an int as given, anything else the default
    (Sphinx warns about the type)."""
    threshold = ScholarConfig.from_values({"scholar_details_threshold": value}).details_threshold
    ok = isinstance(value, int) and not isinstance(value, bool)
    assert threshold == (value if ok else 100)
    assert type(threshold) is int
