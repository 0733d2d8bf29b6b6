"""``scholar-example``: source and result side by side, nothing declared site-wide
(tests/roots/test-example)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import parse_html, warnings_of
from lxml import etree

EXAMPLE = pytest.mark.sphinx("html", testroot="example", copy_test_root=True, freshenv=True)


@pytest.fixture
def built(app):
    app.build()
    return app


def text(element) -> str:
    return " ".join(element.get_text(" ", strip=True).split())


@EXAMPLE
def test_each_example_shows_its_source_then_its_result(built):
    soup = parse_html(built, "guide")
    examples = soup.select("div.scholar-example")
    assert len(examples) == 6
    first = examples[0]
    assert text(first.select_one(".scholar-example__caption")) == "A news list"
    source = first.select_one("div.highlight-markdown pre").get_text()
    assert source.splitlines() == ["```{news}", "- 1900-01: An example item.", "```"]
    result = first.select_one("div.scholar-example__result")
    assert "An example item." in text(result.select_one(".scholar-news__text"))
    assert len(examples[2].select(".scholar-example__result li.scholar-card")) == 3
    assert "Example Medal" in text(examples[3].select_one(".scholar-example__result"))
    warnings = warnings_of(built)
    # the two bad venue values, the typo and the missing picture below
    assert warnings.count("WARNING") == 4
    assert "guide.md:46: WARNING: preview:" in warnings and "[example2025missing]" in warnings
    assert (
        "guide.md:37: WARNING: unknown field 'preveiw'" in warnings and "[example2024]" in warnings
    )


@EXAMPLE
def test_a_bib_example_shows_its_entries_as_cards_of_the_page_alone(built):
    box = parse_html(built, "guide").select("div.scholar-example")[-2]
    assert "@inproceedings{example2024," in box.select_one("div.highlight-bibtex pre").get_text()
    card = box.select_one(".scholar-example__result li.scholar-card#example2024")
    assert text(card.select_one(".scholar-title")) == "An Example Paper"
    assert card.select_one(".scholar-title a") is None  # no paper page for it
    assert card.select_one("img, .scholar-tile") is None  # nor a generated tile
    assert card.select_one(".scholar-badge--venue").parent["href"] == "https://royalsociety.org/"
    assert "Spotlight" in text(card.select_one(".scholar-awards"))
    assert [a["href"] for a in card.select(".scholar-actions a")] == ["https://example.org/code"]
    # it joins no bib: no paper page, and the full list still has the three entries
    assert not (Path(built.outdir) / "publications/example2024").exists()
    assert len(parse_html(built, "publications").select("li.scholar-card")) == 3


@EXAMPLE
def test_an_example_news_item_stays_out_of_latest_news_and_the_feed(built):
    latest = [text(li) for li in parse_html(built, "index").select("ul.scholar-news--latest li")]
    assert latest == ["Sep 1843 Notes published."]
    feed = etree.parse(str(Path(built.outdir) / "news.xml"))
    titles = feed.findall(
        ".//{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}title"
    )
    assert [t.text for t in titles] == ["Notes published."]


@EXAMPLE
def test_an_example_person_joins_no_registry(built):
    card = parse_html(built, "publications").select_one("li#lovelace1843notes")
    names = {a.get_text() for a in card.select(".scholar-authors a")}
    assert "Mary Somerville" not in names
    assert "Mary Somerville" in card.select_one(".scholar-authors").get_text()


@EXAMPLE
def test_an_example_list_is_never_a_cards_home(built):
    """The guide's full list is as long as the publications page and sorts first."""
    link = parse_html(built, "index").select_one("a.scholar-paper-ref, main a[href*='#lovelace']")
    assert link is not None and link["href"] == "publications.html#lovelace1843notes"
