"""The filter form and folded author lists, built from tests/roots/test-filters.

What the script does with them (hiding, the URL, the button) is checked in a real
browser by tests/browser/test_find.py; here: what the HTML carries, without the script.
"""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from conftest import parse_html, warnings_of
from hypothesis import given
from hypothesis import strategies as st

from sphinx_scholar.core.cv import paper_kind
from sphinx_scholar.core.people import PeopleRegistry
from sphinx_scholar.render.authors import AuthorView, authors_html, folded
from sphinx_scholar.render.card import CardContext, card_html, card_view

CONTEXT = CardContext(
    people=PeopleRegistry.build([]),
    person_url=lambda person: "",
    file_url=lambda value, folder: None,
    paper_url=lambda record: "",
    placeholder=lambda record: "",
)

pytestmark = pytest.mark.sphinx("html", testroot="filters", copy_test_root=True, freshenv=True)


@pytest.fixture
def soup(app):
    app.build()
    assert "WARNING" not in warnings_of(app)
    return parse_html(app, "index")


def options(select) -> list[tuple[str, str]]:
    return [(o["value"], o.get_text()) for o in select.select("option")]


def test_without_script_the_form_is_hidden_and_every_card_shows(soup):
    form = soup.select_one("form.scholar-filter")
    assert form.has_attr("hidden")
    cards = soup.select("li.scholar-card")
    assert len(cards) == 12
    assert not [c for c in cards if c.has_attr("hidden")]


def test_controls_are_native_and_labelled(soup):
    form = soup.select_one("form.scholar-filter")
    assert form["role"] == "search" and form["aria-label"]
    for control in form.select("input, select"):
        label = form.select_one(f'label[for="{control["id"]}"]')
        assert label is not None and label.get_text(strip=True), control
    assert form.select_one("output")["aria-live"] == "polite"
    assert form.select_one("output").get_text() == "12 papers"
    assert form.select_one('input[name="q"]')["type"] == "search"


def test_each_facet_offers_its_values_with_counts(soup):
    form = soup.select_one("form.scholar-filter")
    assert options(form.select_one('select[name="kind"]')) == [  # the CV's kinds, its order
        ("", "All kinds (12)"),
        ("journal", "Journal articles (2)"),
        ("conference", "Conference papers (5)"),
        ("workshop", "Workshop papers (1)"),
        ("preprint", "Preprints (1)"),
        ("thesis", "Theses (1)"),
        ("other", "Other publications (2)"),
    ]
    years = options(form.select_one('select[name="year"]'))
    assert years[:3] == [("", "All years (12)"), ("2024", "2024 (1)"), ("2023", "2023 (3)")]
    assert [v for v, _ in years[1:]] == sorted((v for v, _ in years[1:]), reverse=True)
    assert options(form.select_one('select[name="tag"]')) == [
        ("", "All tags (12)"),
        ("ml", "ml (2)"),
        ("systems", "systems (2)"),
    ]
    award = form.select_one('input[name="award"]')
    assert award["type"] == "checkbox"
    assert form.select_one(f'label[for="{award["id"]}"]').get_text() == (
        "Awards and highlights only (2)"
    )


def test_cards_carry_what_the_filters_match(soup):
    card = soup.find(id="long2023")
    assert (card["data-kind"], card["data-year"]) == ("journal", "2023")
    assert json.loads(card["data-tags"]) == ["systems", "ml"]
    assert not card.has_attr("data-award")
    assert soup.find(id="four2023")["data-award"] == "1"
    assert soup.find(id="pre2024")["data-kind"] == "preprint"
    assert soup.find(id="thesis2020")["data-kind"] == "thesis"


def test_long_author_list_folds_keeping_the_owner(soup):
    card = soup.find(id="long2023")
    names = [a.get_text() for a in card.select(".scholar-author")]
    assert len(names) == 15  # every name is in the page
    folds = card.select(".scholar-authors__fold")
    hidden = [[a.get_text() for a in f.select(".scholar-author")] for f in folds]
    assert hidden == [  # two runs, either side of the owner
        [f"Author{i} Person{i}" for i in (4, 5, 6, 7, 8)],
        [f"Author{i} Person{i}" for i in (10, 11, 12, 13, 14, 15)],
    ]
    assert not card.select(".scholar-authors__fold .scholar-author--owner")
    button = card.select_one("button.scholar-authors__more")
    assert button.has_attr("hidden")  # the script shows it and folds the names
    assert button["type"] == "button" and button["aria-expanded"] == "false"
    assert button.get_text() == "11 more authors"
    assert button["data-more"] == "11 more authors"


def test_one_extra_name_is_not_folded(soup):
    card = soup.find(id="four2023")
    assert not card.select(".scholar-authors__fold, .scholar-authors__more")
    assert card.select_one(".scholar-authors").get_text() == (
        "Ada Lovelace, Bob Builder, Carol Coder, and Dan Debugger"
    )


def test_paper_page_shows_every_author(app, soup):
    page = parse_html(app, "publications/long2023/index")
    assert len(page.select(".scholar-author")) == 15
    assert not page.select(".scholar-authors__fold, .scholar-authors__more")


@pytest.mark.sphinx(
    "html",
    testroot="filters",
    copy_test_root=True,
    freshenv=True,
    confoverrides={"scholar_max_authors": 0},
)
def test_max_authors_zero_never_folds(app):
    app.build()
    soup = parse_html(app, "index")
    assert not soup.select(".scholar-authors__fold, .scholar-authors__more")


# no control or space characters: HTML and the page's text treat them as white space, so
# the text compared below would differ for a reason that is not the folding's
names = st.lists(
    st.builds(
        AuthorView,
        name=st.text(
            st.characters(exclude_categories=["Cc", "Cs", "Zs", "Zl", "Zp"]), min_size=1, max_size=5
        ),
        owner=st.booleans(),
    ),
    max_size=30,
)


@given(names, st.integers(min_value=0, max_value=10))
def test_folding_hides_only_late_names_never_the_owner(authors, limit):
    authors = tuple(authors)
    hidden = folded(authors, limit)
    assert all(not authors[i].owner for i in hidden)
    assert all(i >= limit for i in hidden)
    assert len(hidden) != 1
    if limit and len(authors) - limit - sum(a.owner for a in authors[limit:]) >= 2:
        assert hidden
    html = authors_html(authors, {}, limit)
    soup = BeautifulSoup(html, "html.parser")
    inside = [
        a.get_text()
        for fold in soup.select(".scholar-authors__fold")
        for a in fold.select(".scholar-author")
    ]
    assert inside == [authors[i].name for i in sorted(hidden)]
    assert len(soup.select(".scholar-author")) == len(authors)
    assert bool(soup.select("button.scholar-authors__more")) == bool(hidden)


def test_the_kind_is_the_cvs():
    from dataclasses import replace

    from sphinx_scholar.core.records import Publication, Rich, Source

    base = Publication("k", "misc", Rich(), (), Source(""), "d")
    record = replace(base, arxiv="2401.00001")
    card = BeautifulSoup(card_html(card_view(record, CONTEXT, "k"), {}), "html.parser")
    assert card.li["data-kind"] == paper_kind(record) == "preprint"
    assert paper_kind(base) == "other"
