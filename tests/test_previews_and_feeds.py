"""Link previews and feeds: og:image is a raster image, and the feeds are linked visibly."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import parse_html
from test_pages import prop

from sphinx_scholar.sphinx_ext.seo import social_image

pytestmark = pytest.mark.sphinx("html", testroot="pages", copy_test_root=True, freshenv=True)

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>'


@pytest.mark.parametrize(
    ("photo", "files", "expected"),
    [
        ("_static/me.png", set(), "_static/me.png"),
        ("_static/me.JPG", set(), "_static/me.JPG"),
        ("_static/me.svg", {"_static/me.webp"}, "_static/me.webp"),
        ("_static/me.svg", {"_static/me.jpg", "_static/me.png"}, "_static/me.png"),
        ("_static/me.svg", set(), ""),
        ("https://example.org/me.svg", {"https://example.org/me.png"}, ""),
        ("https://example.org/me.jpg?s=200", set(), "https://example.org/me.jpg?s=200"),
        ("_static/photo", {"_static/photo.png"}, "_static/photo.png"),
    ],
)
def test_social_image_is_a_raster_or_nothing(photo, files, expected):
    assert social_image(photo, files.__contains__) == expected


@pytest.mark.sphinx(
    "html",
    testroot="pages",
    copy_test_root=True,
    freshenv=True,
    confoverrides={
        # our own OpenGraph tags (sphinxext-opengraph's og:image is its own setting)
        "extensions": ["myst_parser", "sphinx_scholar"],
        "scholar_profile": {"name": "Ada Lovelace", "photo": "_static/me.svg"},
    },
)
def test_an_svg_photo_gives_its_raster_twin_to_link_previews(app):
    static = Path(app.srcdir) / "_static"
    (static / "me.svg").write_text(SVG, encoding="utf-8")
    (static / "me.png").write_bytes((static / "ada.png").read_bytes())
    app.build()
    home = parse_html(app, "index")
    assert prop(home, "og:image") == ["https://example.org/_static/me.png"]


@pytest.mark.sphinx(
    "html",
    testroot="pages",
    copy_test_root=True,
    freshenv=True,
    confoverrides={
        # our own OpenGraph tags (sphinxext-opengraph's og:image is its own setting)
        "extensions": ["myst_parser", "sphinx_scholar"],
        "scholar_profile": {"name": "Ada Lovelace", "photo": "_static/solo.svg"},
    },
)
def test_an_svg_photo_alone_gives_no_og_image(app):
    (Path(app.srcdir) / "_static" / "solo.svg").write_text(SVG, encoding="utf-8")
    app.build()
    assert prop(parse_html(app, "index"), "og:image") == []


def test_the_footer_links_the_feeds_visibly(app):
    app.build()
    for page, prefix in (("index", ""), ("publications/lovelace1843notes/index", "../../")):
        soup = parse_html(app, page)
        links = soup.select("footer .scholar-feeds a")
        assert [(a.get_text(), a["href"], a["type"]) for a in links] == [
            ("Publications", f"{prefix}papers.xml", "application/atom+xml"),
            ("News", f"{prefix}news.xml", "application/atom+xml"),
        ], page
        assert all((Path(app.outdir) / a["href"].removeprefix(prefix)).is_file() for a in links)


@pytest.mark.sphinx(
    "html", testroot="pages", copy_test_root=True, freshenv=True, confoverrides={"html_baseurl": ""}
)
def test_no_feed_no_footer_link(app):
    app.build()
    assert parse_html(app, "index").select("footer .scholar-feeds") == []
