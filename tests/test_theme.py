"""theme.py's fixes to pydata-sphinx-theme, on a real build (tests/roots/test-browser).

The browser tests (tests/browser/) check their effect in chromium: no icon font loaded,
no console error, Lighthouse-relevant behaviour. These check the HTML that causes it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import parse_html, warnings_of

from sphinx_scholar.sphinx_ext.theme import (
    DESCRIPTION_CHARS,
    TEMPLATES,
    description_of,
    has_meta,
    shorten,
)

ICON_LINKS = {
    "icon_links": [
        {"name": "Local", "url": "https://example.org/a", "icon": "_static/x.svg", "type": "local"},
        {
            "name": "Web",
            "url": "https://example.org/b",
            "icon": "https://e.org/b.svg",
            "type": "url",
        },
    ]
}


pytestmark = pytest.mark.sphinx("html", testroot="browser", copy_test_root=True, freshenv=True)


def with_conf(**overrides):
    return pytest.mark.sphinx(
        "html", testroot="browser", copy_test_root=True, freshenv=True, confoverrides=overrides
    )


@pytest.fixture
def site(app):
    app.build()
    assert "WARNING" not in warnings_of(app), warnings_of(app)
    return app


def scripts(soup):
    return soup.find_all("script")


def test_no_font_awesome_script_and_no_preloads(site):
    soup = parse_html(site, "index")
    sources = [s.get("src", "") for s in scripts(soup)]
    assert not [src for src in sources if "fontawesome" in src]
    assert not soup.select("link[rel=preload]")
    # the theme's own scripts are still there, deferred
    assert any("pydata-sphinx-theme.js" in src for src in sources)


def test_every_script_runs_after_parsing_in_order(site):
    soup = parse_html(site, "index")
    for script in scripts(soup):
        kind = script.get("type")
        if script.get("src"):
            assert script.has_attr("defer") and not script.has_attr("async"), script
        elif kind == "module" or kind == "application/ld+json":
            continue
        else:
            # only the colour-mode script stays synchronous: it must run before the first paint
            assert script.get("data-cfasync") == "false", script
    pagename = [s for s in scripts(soup) if "DOCUMENTATION_OPTIONS.pagename" in s.get_text()]
    assert len(pagename) == 1 and pagename[0]["type"] == "module"


def test_search_scripts_only_on_the_search_page(site):
    index = [s.get("src", "") for s in scripts(parse_html(site, "index"))]
    assert not [src for src in index if "searchtools" in src or "searchindex" in src]
    search = scripts(parse_html(site, "search"))
    tools = [s for s in search if "searchtools" in s.get("src", "")]
    index_js = [s for s in search if "searchindex.js" in s.get("src", "")]
    assert len(tools) == 1 and len(index_js) == 1
    assert tools[0].has_attr("defer") and index_js[0].has_attr("defer")


def test_our_favicon_by_default(site):
    soup = parse_html(site, "publications/index")
    icons = [link for link in soup.find_all("link") if "icon" in link.get("rel", [])]
    assert [link["href"] for link in icons] == ["../_static/scholar-favicon.svg"]
    assert (Path(site.outdir) / "_static" / "scholar-favicon.svg").is_file()


@with_conf(html_favicon="https://example.org/f.png")
def test_the_site_favicon_wins(site):
    soup = parse_html(site, "index")
    icons = [link["href"] for link in soup.find_all("link") if "icon" in link.get("rel", [])]
    assert icons == ["https://example.org/f.png"]


def test_meta_description_on_document_and_generated_pages(site):
    index = parse_html(site, "index").find("meta", attrs={"name": "description"})
    assert index["content"] == (
        "Cards with abstracts and BibTeX, for the keyboard and filter tests."
    )
    for page, title in [("search", "Search"), ("genindex", "Index")]:
        tags = parse_html(site, page).find_all("meta", attrs={"name": "description"})
        assert [t["content"] for t in tags] == [f"{title} – Browser checks"]
    # a page with a title and a list but no paragraph: its title and the site
    pubs = parse_html(site, "publications/index").find("meta", attrs={"name": "description"})
    assert pubs["content"] == "Publications – Browser checks"


def test_mode_defaults_to_auto_before_the_first_paint(site):
    soup = parse_html(site, "index")
    head_script = soup.find("script", attrs={"data-cfasync": "false"})
    assert '|| "auto"' in head_script.get_text()
    # and not pydata's default_mode="auto", which writes data-theme="auto" for no-JS readers
    assert soup.html.get("data-theme") is None


def test_search_button_named_by_its_text(site):
    soup = parse_html(site, "index")
    for button in soup.select("button.search-button-field"):
        assert not button.has_attr("aria-label")
        assert "Search" in button.get_text()


@with_conf(html_theme_options=ICON_LINKS)
def test_icon_link_images_are_sized(site):
    images = parse_html(site, "index").select("img.icon-link-image")
    assert len(images) >= 2
    assert all(img["width"] == "24" and img["height"] == "24" for img in images)


@with_conf(scholar_theme_fixes=False)
def test_everything_off_gives_the_theme_back(site):
    soup = parse_html(site, "index")
    sources = [s.get("src", "") for s in scripts(soup)]
    assert any("fontawesome" in src for src in sources)
    assert any("searchtools" in src for src in sources)
    assert not soup.find("meta", attrs={"name": "description"})
    assert not [link for link in soup.find_all("link") if "scholar-theme" in link.get("href", "")]


def test_shorten_cuts_at_a_word():
    text = "word " * 100
    short = shorten(text)
    assert len(short) <= DESCRIPTION_CHARS and short.endswith("word…")
    assert shorten("  a\n b  ") == "a b"


def test_description_skips_admonition_titles():
    from docutils import nodes

    tree = nodes.section()
    tree += nodes.paragraph(text="Note", classes=["admonition-title"])
    tree += nodes.paragraph(text="The real text.")
    assert description_of(tree) == "The real text."


def test_has_meta_reads_names_not_substrings():
    assert has_meta('<meta name="Description" content="x">', "description")
    assert not has_meta('<meta property="og:description" content="x">', "description")


@pytest.mark.sphinx(
    "html",
    testroot="components",
    copy_test_root=True,
    freshenv=True,
    confoverrides={"html_title": "Ada Lovelace"},
)
def test_the_home_page_is_titled_by_the_name_alone(app):
    app.build()
    assert parse_html(app, "index").title.get_text() == "Ada Lovelace"
    assert parse_html(app, "news").title.get_text() == "News — Ada Lovelace"


HOSTILE_TITLE = 'Ada </title><script>alert("x")</script> & <b>Co</b>'


@pytest.mark.sphinx(
    "html",
    testroot="builders",
    copy_test_root=True,
    freshenv=True,
    confoverrides={"html_title": HOSTILE_TITLE},
)
def test_html_title_is_text_everywhere(app):
    """html_title is text: the theme wrote it unescaped into the search page's <title>
    and the navbar, so a title with markup ran as a script."""
    app.build()
    assert warnings_of(app) == ""
    for page in ("index", "search", "publications/lovelace1843notes/index"):
        soup = parse_html(app, page)
        assert not soup.find("b"), page
        for script in soup.find_all("script"):
            assert "alert" not in script.get_text(), page
        title = soup.find("title").get_text()
        assert title.endswith(HOSTILE_TITLE) or title == HOSTILE_TITLE, (page, title)
        navbar = soup.select_one(".navbar-brand .logo__title")
        assert navbar.get_text(strip=True) == HOSTILE_TITLE, page


def test_icon_selectors_name_whole_classes():
    """Each selector of the icon lists is one whole class, and every icon drawn has one.

    ``.fa-`` at a line's end and ``arrow-up`` on the next is two selectors, not
    ``.fa-arrow-up``: "Back to top" then kept the icon font's family, and the browser
    downloaded the font when a reader scrolled up."""
    css = (TEMPLATES.parent / "static" / "scholar-theme.css").read_text(encoding="utf-8")
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    drawn = set(re.findall(r"^\.(fa-[a-z0-9-]+) \{ --scholar-icon:", css, re.M))
    lists = re.findall(r":is\(([^)]*)\)", css)
    assert drawn and len(lists) == 2
    for selectors in lists:
        items = [" ".join(item.split()) for item in selectors.split(",")]
        assert all(re.fullmatch(r"\.fa-[a-z0-9]+(-[a-z0-9]+)*", item) for item in items), items
        assert {item[1:] for item in items} == drawn
