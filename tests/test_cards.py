"""Cards, lists and roles, built from a tiny real project (tests/roots/test-basic)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import parse_html, warnings_of

pytestmark = pytest.mark.sphinx("html", testroot="basic", copy_test_root=True, freshenv=True)


@pytest.fixture
def built(app):
    app.build()
    return app


def cards_of(soup):
    return soup.select("li.scholar-card")


def test_every_entry_rendered_exactly_once_in_the_full_list(built):
    soup = parse_html(built, "pubs")
    full = soup.select(".scholar-publications")[0]
    ids = [card["id"] for card in full.select("li.scholar-card")]
    assert sorted(ids) == sorted(["lovelace1843notes", "babbage1837engine", "lovelace1840thesis"])


def test_groups_are_years_newest_first(built):
    soup = parse_html(built, "pubs")
    full = soup.select(".scholar-publications")[0]
    assert [h.get_text() for h in full.select(".scholar-group__title")] == ["1843", "1840", "1837"]
    assert full.select_one(".scholar-group__title").name == "h2"


def test_owner_highlighted_in_every_spelling(built):
    soup = parse_html(built, "pubs")
    full = soup.select(".scholar-publications")[0]
    owners = [o.get_text() for o in full.select(".scholar-author--owner")]
    # "A. Lovelace" is declared an alias of the owner in conf.py
    assert owners == ["Ada Lovelace", "Ada Lovelace", "A. Lovelace"]


def test_marks_superscripts_and_legend(built):
    soup = parse_html(built, "pubs")
    card = soup.find(id="lovelace1843notes")
    marks = [m.get_text() for m in card.select("sup.scholar-mark")]
    assert marks == ["*", "*", "†"]
    # the owner stays highlighted even when marked
    owner = card.select_one(".scholar-author--owner")
    assert owner.get_text() == "Ada Lovelace"
    assert owner.find_next_sibling("sup").get_text() == "*"
    legend = soup.select_one(".scholar-publications .scholar-legend").get_text(" ", strip=True)
    assert "Equal contribution" in legend and "Corresponding author" in legend


def test_coauthor_links_from_registry(built):
    soup = parse_html(built, "pubs")
    card = soup.find(id="lovelace1843notes")
    links = {a.get_text(): a["href"] for a in card.select("a.scholar-author")}
    assert links == {
        "Charles Babbage": "https://example.org/babbage",
        "Mary Somerville": "https://example.org/somerville",
    }


def test_venue_badge_awards_links_and_thumbnail(built):
    card = parse_html(built, "pubs").find(id="lovelace1843notes")
    assert card.select_one(".scholar-badge--venue").get_text() == "SciMem"
    assert "Proceedings of the Scientific Memoirs" in card.select_one(".scholar-venue").get_text()
    assert card.select_one(".scholar-venue time")["datetime"] == "1843-09"
    awards = [(b["class"][1], b.get_text()) for b in card.select(".scholar-awards .scholar-badge")]
    assert awards == [
        ("scholar-badge--award", "Best Paper Award"),
        ("scholar-badge--highlight", "Spotlight"),
    ]
    buttons = {a.get_text(): a["href"] for a in card.select("a.scholar-btn")}
    assert buttons == {
        "PDF": "https://example.org/notes.pdf",
        "arXiv": "https://arxiv.org/abs/1843.00001",
        "Code": "https://example.org/code",
    }
    img = card.select_one(".scholar-card__media img")
    assert img["src"] == "_static/previews/engine.svg"
    assert (
        img["alt"] and img["loading"] == "lazy" and img["width"] == "160" and img["height"] == "120"
    )


def test_title_latex_becomes_unicode_math(built):
    card = parse_html(built, "pubs").find(id="lovelace1843notes")
    title = card.select_one(".scholar-title")
    assert title.get_text() == "Notes on the Analytical Engine: α-Programs"
    assert title.select_one(".scholar-math").get_text() == "α"


def test_abstract_and_bibtex_toggles(built):
    card = parse_html(built, "pubs").find(id="lovelace1843notes")
    toggles = card.select("details.scholar-toggle > summary")
    assert [s.get_text(strip=True) for s in toggles] == ["Abstract▸", "BibTeX▸"] or [
        s.get_text(strip=True) for s in toggles
    ] == ["Abstract", "BibTeX"]
    assert (
        "Bernoulli numbers – with loops." in card.select_one(".scholar-toggle--abstract").get_text()
    )
    bibtex = card.select_one(".scholar-bibtex code").get_text()
    assert bibtex.startswith("@inproceedings{lovelace1843notes,")
    assert "Lovelace, Ada and Babbage, Charles and Somerville, Mary" in bibtex
    for custom in ("abbr", "preview", "award_name", "selected", "pdf =", "code ="):
        assert custom not in bibtex
    assert card.select_one("button.scholar-copy").has_attr("hidden")  # shown by the JS


def test_no_card_holds_a_pre(built):
    """pydata-sphinx-theme's script measures every ``pre`` of a page at load and sets its
    tabindex in between, a layout per ``pre`` (bench/measurements.md: a long list blocks
    a phone for seconds). The BibTeX is a wrapping ``code`` block."""
    soup = parse_html(built, "pubs")
    cards = soup.select(".scholar-card")
    assert cards and all(card.select("pre") == [] for card in cards)
    for block in soup.select(".scholar-bibtex"):
        assert block.select_one("code.scholar-bibtex__code").get_text().startswith("@")


def test_note_is_shown(built):
    card = parse_html(built, "pubs").find(id="lovelace1843notes")
    assert card.select_one(".scholar-note").get_text() == "Translated with extensive notes"


def test_html_in_title_is_escaped_and_unsafe_link_dropped(built):
    soup = parse_html(built, "pubs")
    card = soup.find(id="lovelace1840thesis")
    assert card.select("script") == []
    assert card.select_one(".scholar-title").get_text() == (
        'A <script>alert("x")</script> Thesis "quoted" & more'
    )
    assert not [a for a in soup.select("a[href]") if a["href"].lower().startswith("javascript")]
    warnings = warnings_of(built)
    assert "refs.bib:31: WARNING: field 'html' holds a URL that is not http(s)" in warnings
    assert "[lovelace1840thesis] [scholar.unsafe_url]" in warnings


def test_ids_unique_when_a_paper_is_shown_twice(built):
    soup = parse_html(built, "pubs")
    ids = [tag["id"] for tag in soup.select("[id]")]
    assert len(ids) == len(set(ids))
    assert len(soup.select("li.scholar-card")) == 4  # 3 in the full list, 1 selected


def test_single_publication_directive(built):
    soup = parse_html(built, "index")
    cards = cards_of(soup)
    assert [c["id"] for c in cards] == ["lovelace1843notes"]
    assert soup.select_one(".scholar-legend")  # marks shown, so the legend too


def test_paper_role_links_to_card_and_award_role(built):
    soup = parse_html(built, "pubs")
    refs = {a.get_text(): a["href"] for a in soup.select("a.scholar-paper-ref")}
    assert refs == {
        "On the Mathematical Powers of the Calculating Engine": "#babbage1837engine",
        "the notes": "#lovelace1843notes",
    }
    linked = soup.select_one("a.scholar-badge-link")
    assert linked["href"] == "#babbage1837engine"
    assert linked.get_text() == "Test of Time Award"
    plain = [b for b in soup.select("p .scholar-badge") if b.get_text() == "Oral"]
    assert plain and plain[0]["class"] == ["scholar-badge", "scholar-badge--highlight"]


def test_filter_box_only_for_long_lists(built):
    soup = parse_html(built, "pubs")
    assert soup.select(".scholar-filter") == []  # 3 entries < scholar_filter_threshold


def test_no_warnings_except_the_planted_ones(built):
    lines = [line for line in warnings_of(built).splitlines() if "WARNING" in line]
    assert all("lovelace1840thesis" in line for line in lines), lines


@pytest.mark.sphinx(
    "html",
    testroot="basic",
    copy_test_root=True,
    freshenv=True,
    confoverrides={"scholar_people": {"Charles Babbage": "javascript:alert(1)"}},
)
def test_unsafe_people_url_is_not_linked(app):
    app.build()
    card = parse_html(app, "pubs").find(id="lovelace1843notes")
    names = {a.get_text() for a in card.select("a.scholar-author")}
    assert "Charles Babbage" not in names
    assert "scholar_people['Charles Babbage']" in warnings_of(app)
    assert "[scholar.config]" in warnings_of(app)


def test_fragment_encodes_characters_urls_may_not_hold():
    from sphinx_scholar.sphinx_ext.transforms import fragment

    assert fragment("miao2024specinfer") == "miao2024specinfer"
    assert fragment("noauthor_[1506.07365]_nodate") == "noauthor_%5B1506.07365%5D_nodate"
    assert fragment("1973A&A....24..337S") == "1973A&A....24..337S"


def test_sphinx_logs_marks_and_the_page_gets_the_whole_cards(app, monkeypatch):
    """Issue 17: Sphinx's event manager repr()s an event's arguments for its debug line,
    even when nothing logs it; a page of thousands of cards was copied and escaped once
    more per page written. What it repr()s of a page holds marks where the cards go; the
    page written holds every card, and no mark."""
    from sphinx import events

    repr_args: list[str] = []
    original = events.logger.debug

    def debug(message, *args, **kwargs):
        if args and args[0] == "html-page-context":
            repr_args.append(args[1])
        return original(message, *args, **kwargs)

    monkeypatch.setattr(events.logger, "debug", debug)
    app.build()
    soup = parse_html(app, "pubs")
    assert len(soup.select("li.scholar-card .scholar-title")) >= 3
    logged = next(text for text in repr_args if text.startswith("('pubs',"))
    assert "scholar-card__body" not in logged, "a card's HTML was in what Sphinx repr()s"
    for page in Path(app.outdir).rglob("*.html"):
        assert "\x00" not in page.read_text(encoding="utf-8"), page
