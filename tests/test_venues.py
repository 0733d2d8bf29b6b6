"""``scholar_venues``: venue badges with a link, a full name and a readable colour."""

from __future__ import annotations

import pytest
from conftest import parse_html, warnings_of

from sphinx_scholar.core.venues import contrast, text_color_on, venues_from_config


@pytest.mark.parametrize(
    "background", ["#000000", "#ffffff", "#1a237e", "#ffeb3b", "#777", "#00369f"]
)
def test_the_text_colour_reads_at_least_as_well_as_the_other_choice(background):
    chosen = text_color_on(background)
    other = "#ffffff" if chosen == "#000000" else "#000000"
    assert contrast(background, chosen) >= contrast(background, other)
    assert contrast(background, chosen) >= 4.5  # black or white always reaches AA on some side


def test_config_forms_and_errors():
    venues, errors = venues_from_config(
        {
            "NeurIPS": "https://neurips.cc",
            "ICML": {
                "url": "https://icml.cc",
                "name": "International Conference on Machine Learning",
                "color": "#ABC",
            },
            "X": {"url": "data:text/html,hi", "color": "blue"},
            "Y": 3,
        }
    )
    assert venues["neurips"].url == "https://neurips.cc" and venues["neurips"].color == ""
    assert venues["icml"].color == "#abc" and venues["icml"].name.startswith("International")
    assert venues["x"].url == "" and venues["x"].color == ""
    assert "y" not in venues
    assert len(errors) == 3 and all("scholar_venues[" in e for e in errors)
    assert venues_from_config([])[1] == [
        "scholar_venues must be a dict of abbreviation -> URL or dict"
    ]


@pytest.mark.sphinx("html", testroot="example", copy_test_root=True, freshenv=True)
def test_badges_link_and_take_the_venue_colour(app):
    app.build()
    soup = parse_html(app, "publications")
    royal = soup.select_one("li#babbage1837engine .scholar-badge--venue")
    assert royal.parent.name == "a" and royal.parent["href"] == "https://royalsociety.org/"
    assert royal["title"] == "Royal Society"
    assert royal["style"] == "background-color:#1a237e;color:#ffffff;border-color:#1a237e"
    memoirs = soup.select_one("li#lovelace1843notes .scholar-badge--venue")
    assert memoirs.parent["href"] == "https://example.org/memoirs" and not memoirs.get("style")
    bad = soup.select_one("li#lovelace1842fragments .scholar-badge--venue")
    assert bad.parent.name != "a" and not bad.get("style")
    assert not soup.select("a[href^='javascript']")
    warnings = warnings_of(app)
    assert "scholar_venues['BAD']: unsafe URL" in warnings and "[scholar.config]" in warnings
    # the paper page shows the same badge
    page = parse_html(app, "publications/babbage1837engine/index")
    assert page.select_one(".scholar-badge--venue").parent["href"] == "https://royalsociety.org/"
