"""The home page's og:image is a raster image: link previews show no SVG."""

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
