"""Cards, paper bodies and head tags from records made in code: no Sphinx, no build.

The pure layers (``core/`` and ``render/``) are checked here in milliseconds; the
build tests (test_cards.py, test_pages.py) check that Sphinx wires them right.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from bs4 import BeautifulSoup
from conftest import tile_said

from sphinx_scholar.core.names import DEFAULT_MARK_LEGEND, key_of
from sphinx_scholar.core.people import PeopleRegistry, PersonEntry
from sphinx_scholar.core.records import Author, Award, Link, Publication, Rich, Source
from sphinx_scholar.core.venues import venues_from_config
from sphinx_scholar.render.card import CardContext, card_html, card_view, group_start, list_start
from sphinx_scholar.render.head import PaperUrls, highwire_tags, paper_head_html
from sphinx_scholar.render.paper import citation_text, paper_body_html
from sphinx_scholar.render.placeholder import placeholder_tile


def author(name: str, *marks: str, others: bool = False) -> Author:
    given, _, family = name.rpartition(" ")
    return Author(name, given, family, key_of(name), tuple(marks), others)


def record(**fields) -> Publication:
    values = {
        "key": "quill2024tides",
        "entry_type": "inproceedings",
        "title": Rich.of("Tides: Scheduling Work Like the Sea"),
        "authors": (author("Ada Quill", "*"), author("Ben Ortiz", "*"), author("Cy Dorn")),
        "source": Source("refs.bib", 3),
        "digest": "d",
        "venue": Rich.of("Symposium on Imaginary Systems"),
        "venue_abbr": "SIS",
        "year": 2024,
        "month": 3,
    }
    values.update(fields)
    return Publication(**values)


def context(**overrides) -> CardContext:
    people = PeopleRegistry.build(
        [
            PersonEntry("Ada Quill", owner=True),
            PersonEntry("Ben Ortiz", url="https://example.org/ben"),
            PersonEntry("Cy Dorn", docname="group", anchor="cy-dorn"),
        ]
    )
    values = {
        "people": people,
        "person_url": lambda p: p.url or (f"../group.html#{p.anchor}" if p.docname else ""),
        "file_url": lambda value, folder: (
            f"../_static/{folder}/{value}" if value == "f.pdf" else None
        ),
        "paper_url": lambda r: f"../publications/{r.key}/",
        "placeholder": placeholder_tile,
        "legend": DEFAULT_MARK_LEGEND,
        "preview_dir": "previews",
        "files_dir": "papers",
    }
    values.update(overrides)
    return CardContext(**values)


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "lxml")


def card(rec: Publication, ctx: CardContext | None = None, anchor: str | None = "x"):
    ctx = ctx or context()
    return soup(card_html(card_view(rec, ctx, anchor), ctx.legend))


def test_a_card_shows_title_authors_venue_and_date():
    page = card(record())
    title = page.select_one(".scholar-title a")
    assert title.get_text() == "Tides: Scheduling Work Like the Sea"
    assert title["href"] == "../publications/quill2024tides/"
    assert page.select_one(".scholar-badge--venue").get_text() == "SIS"
    assert page.select_one(".scholar-venue time")["datetime"] == "2024-03"
    assert page.select_one("li.scholar-card")["id"] == "x"


def test_the_owner_is_bold_and_people_link_where_the_registry_says():
    page = card(record())
    assert page.select_one(".scholar-author--owner").get_text() == "Ada Quill"
    links = {a.get_text(): a["href"] for a in page.select("a.scholar-author")}
    assert links == {"Ben Ortiz": "https://example.org/ben", "Cy Dorn": "../group.html#cy-dorn"}


def test_marks_are_superscripts_with_their_meaning_for_screen_readers():
    page = card(record())
    assert [m.get_text() for m in page.select("sup.scholar-mark")] == ["*", "*"]
    assert page.select_one(".scholar-sr-only").get_text() == " (equal contribution)"


@pytest.mark.parametrize(
    ("count", "joined"),
    [(1, "Ada Quill"), (2, "Ada Quill and Ben Ortiz"), (3, "Ada Quill, Ben Ortiz, and Cy Dorn")],
)
def test_author_lists_read_as_english(count, joined):
    names = ("Ada Quill", "Ben Ortiz", "Cy Dorn")[:count]
    page = card(record(authors=tuple(author(n) for n in names)))
    assert page.select_one(".scholar-authors").get_text() == joined


def test_et_al_closes_the_list_without_and():
    authors = (author("Ada Quill"), author("Ben Ortiz"), author("others", others=True))
    assert card(record(authors=authors)).select_one(".scholar-authors").get_text() == (
        "Ada Quill, Ben Ortiz et al."
    )


def test_a_file_link_points_into_the_site_or_is_shown_disabled():
    links = (Link("pdf", "PDF", "f.pdf"), Link("slides", "Slides", "missing.pdf"))
    buttons = card(record(links=links)).select(".scholar-btn")
    assert buttons[0]["href"] == "../_static/papers/f.pdf"
    assert buttons[1].get("href") is None and buttons[1]["aria-disabled"] == "true"


def test_without_a_preview_the_card_shows_the_generated_tile_hidden_from_screen_readers():
    """The tile repeats the card's title, venue and year: read out, it would say them twice."""
    media = card(record()).select_one(".scholar-card__media--tile")
    assert media.select_one("img") is None
    assert tile_said(media.select_one("span.scholar-tile"))[1:] == ("Tides", "SIS 2024")


def test_abstract_and_bibtex_sit_behind_toggles():
    page = card(record(abstract=Rich.of("We schedule."), bibtex="@inproceedings{q,}"))
    assert page.select_one(".scholar-toggle--abstract summary").get_text() == "Abstract"
    assert page.select_one(".scholar-toggle--bibtex code").get_text() == "@inproceedings{q,}"


def test_awards_show_as_badges_of_their_kind():
    awards = (Award("Best Paper Award"), Award("Spotlight"))
    badges = card(record(awards=awards)).select(".scholar-awards .scholar-badge")
    assert [b["class"][1] for b in badges] == ["scholar-badge--award", "scholar-badge--highlight"]


def test_a_venue_from_scholar_venues_links_and_takes_its_colour():
    venues, errors = venues_from_config(
        {"SIS": {"url": "https://sis.example.org/", "name": "Imaginary", "color": "#ffcc00"}}
    )
    assert errors == []
    page = card(record(), context(venues=venues))
    badge = page.select_one("a.scholar-badge-link")
    assert badge["href"] == "https://sis.example.org/"
    assert badge.span["style"] == "background-color:#ffcc00;color:#000000;border-color:#ffcc00"


def test_text_from_the_bib_is_escaped_everywhere_on_the_card():
    hostile = '<script>alert(1)</script>"'
    rec = record(
        title=Rich.of(hostile),
        venue=Rich.of(hostile),
        venue_abbr=hostile,
        authors=(author(f"Eve {hostile}"),),
        note=Rich.of(hostile),
        abstract=Rich.of(hostile),
        bibtex=hostile,
        awards=(Award(hostile, hostile),),
    )
    page = card(rec)
    assert page.find("script") is None
    assert hostile in page.get_text()


def test_a_page_list_has_a_labelled_filter_and_titled_groups():
    page = soup(list_start("pubs", 12, True) + group_start("2024", "year-2024", 2))
    label = page.select_one(".scholar-filter label")
    assert page.find(id=label["for"]).name == "input"
    assert page.select_one("h2#year-2024").get_text() == "2024"


def test_a_paper_page_body_has_heading_abstract_and_citation():
    rec = record(abstract=Rich.of("We schedule."), bibtex="@inproceedings{q,}")
    ctx = context()
    page = soup(paper_body_html(card_view(rec, ctx, None), ctx.legend, show_thumb=False))
    assert page.select_one("h1.scholar-paper__title").get_text() == rec.title.plain
    assert page.select_one(".scholar-paper__abstract p").get_text() == "We schedule."
    assert page.select_one(".scholar-citation").get_text() == citation_text(rec)
    assert page.select_one(".scholar-card__media") is None


def test_highwire_tags_follow_google_scholars_order_and_names():
    rec = record(pages="12--20", doi="10.1/x")
    tags = highwire_tags(rec, PaperUrls(page="https://site/p/", pdf="https://site/p.pdf"))
    assert tags == [
        ("citation_title", rec.title.plain),
        ("citation_author", "Quill, Ada"),
        ("citation_author", "Ortiz, Ben"),
        ("citation_author", "Dorn, Cy"),
        ("citation_publication_date", "2024/03"),
        ("citation_conference_title", "Symposium on Imaginary Systems"),
        ("citation_firstpage", "12"),
        ("citation_lastpage", "20"),
        ("citation_doi", "10.1/x"),
        ("citation_abstract_html_url", "https://site/p/"),
        ("citation_pdf_url", "https://site/p.pdf"),
    ]


def test_json_ld_cannot_be_broken_out_of():
    rec = replace(record(), title=Rich.of("</script><script>alert(1)</script>"))
    head = soup(paper_head_html(rec, PaperUrls(), "Site"))
    scripts = head.find_all("script")
    assert [s["type"] for s in scripts] == ["application/ld+json"]
    assert json.loads(scripts[0].string)["headline"] == "</script><script>alert(1)</script>"
