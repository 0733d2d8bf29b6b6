"""Site-wide discoverability: sitemap, robots.txt, canonical URLs, descriptions, JSON-LD."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import parse_html, warnings_of
from lxml import etree
from test_pages import KEYS, app_params, json_ld, meta, prop, sitemap_locs  # noqa: F401

from sphinx_scholar.sphinx_ext import pages
from sphinx_scholar.sphinx_ext.seo import json_ld as json_ld_script

pytestmark = pytest.mark.sphinx("html", testroot="pages", copy_test_root=True, freshenv=True)

DOCS = ["index", "news", "pubs"]
SUB = "https://user.github.io/project/"


@pytest.fixture
def built(app):
    app.build()
    return app


def html_pages(app) -> list[str]:
    """Every page a visitor can land on (search and genindex excepted)."""
    outdir = Path(app.outdir)
    names = sorted(p.relative_to(outdir).as_posix() for p in outdir.rglob("*.html"))
    return [n for n in names if n not in {"search.html", "genindex.html"} and "_static" not in n]


def soup_of(app, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / name).read_text(encoding="utf-8"), "lxml")


# -- sitemap and robots.txt --------------------------------------------------------------------
def test_sitemap_lists_every_document_and_every_paper_page(built):
    tree = etree.parse(str(Path(built.outdir) / "sitemap.xml"))
    assert tree.getroot().tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    locs = sitemap_locs(built)
    assert locs == [f"https://example.org/{d}.html" for d in DOCS] + [
        f"https://example.org/publications/{key}/index.html" for key in KEYS
    ]
    # every listed URL is a page the build wrote, and every page is listed
    listed = sorted(loc.removeprefix("https://example.org/") for loc in locs)
    assert listed == html_pages(built)


def test_robots_txt_points_to_the_sitemap(built):
    lines = (Path(built.outdir) / "robots.txt").read_text().splitlines()
    assert "User-agent: *" in lines
    assert "Sitemap: https://example.org/sitemap.xml" in lines


def test_a_robots_txt_of_the_site_wins(make_app, app_params):  # noqa: F811
    args, kwargs = app_params
    srcdir = Path(kwargs["srcdir"])
    (srcdir / "extra").mkdir()
    (srcdir / "extra/robots.txt").write_text("User-agent: *\nDisallow: /drafts/\n")
    kwargs["confoverrides"] = {"html_extra_path": ["extra"]}
    app = make_app(*args, **kwargs)
    app.build()
    robots = (Path(app.outdir) / "robots.txt").read_text().splitlines()
    assert robots == ["User-agent: *", "Disallow: /drafts/"]
    assert (Path(app.outdir) / "sitemap.xml").is_file()


# -- every page --------------------------------------------------------------------------------
def test_every_page_has_a_description_and_its_canonical_url(built):
    locs = set(sitemap_locs(built))
    for name in html_pages(built):
        soup = soup_of(built, name)
        descriptions = meta(soup, "description")
        assert len(descriptions) == 1 and descriptions[0].strip(), name
        canonical = soup.find_all("link", rel="canonical")
        assert [c["href"] for c in canonical] == [f"https://example.org/{name}"], name
        assert canonical[0]["href"] in locs


def test_og_url_is_absolute_on_documents_too(built):
    assert prop(parse_html(built, "index"), "og:url") == ["https://example.org/index.html"]
    assert prop(parse_html(built, "pubs"), "og:url") == ["https://example.org/pubs.html"]


@pytest.mark.sphinx(
    "html",
    testroot="pages",
    confoverrides={
        "extensions": ["myst_parser", "sphinx_scholar"],
        "scholar_site_description": "Ada Lovelace's papers & notes",
    },
)
def test_without_opengraph_every_page_still_has_one_description(built):
    for doc in DOCS:
        descriptions = meta(parse_html(built, doc), "description")
        assert len(descriptions) == 1 and descriptions[0], doc
    # paper pages keep their own
    soup = parse_html(built, "publications/lovelace1843notes/index")
    assert meta(soup, "description") == ["We describe Bernoulli numbers – with loops."]


def test_home_page_carries_person_json_ld(built):
    people = [d for d in json_ld(parse_html(built, "index")) if d["@type"] == "Person"]
    assert people == [
        {
            "@context": "https://schema.org",
            "@type": "Person",
            "name": "Ada Lovelace",
            "jobTitle": "Analyst",
            "affiliation": {"@type": "Organization", "name": "Analytical Society"},
            "url": "https://example.org/",
            "image": "https://example.org/_static/ada.png",
            "sameAs": ["https://github.com/ada", "https://scholar.google.com/ada"],
        }
    ]
    assert (Path(built.outdir) / "_static/ada.png").is_file()
    # the address stays out of reach of harvesters, JSON-LD included
    assert "ada@example.org" not in (Path(built.outdir) / "index.html").read_text()
    # only the home page describes the person
    assert not [d for d in json_ld(parse_html(built, "pubs")) if d["@type"] == "Person"]


def test_json_ld_escapes_what_could_end_the_script():
    script = json_ld_script({"name": "</script><script>alert(1)</script> & <!--"})
    inner = script.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in inner and ">" not in inner and "&" not in inner
    assert json.loads(inner) == {"name": "</script><script>alert(1)</script> & <!--"}


# -- sub-path hosting --------------------------------------------------------------------------
@pytest.mark.sphinx("html", testroot="pages", confoverrides={"html_baseurl": SUB.rstrip("/")})
def test_a_site_under_a_sub_path(built):
    key = "lovelace1843notes"
    page = f"{SUB}publications/{key}/index.html"
    soup = parse_html(built, f"publications/{key}/index")
    assert soup.find("link", rel="canonical")["href"] == page
    assert meta(soup, "citation_abstract_html_url") == [page]
    assert meta(soup, "citation_pdf_url") == [f"{SUB}_static/papers/notes.pdf"]
    assert prop(soup, "og:url") == [page]
    assert prop(soup, "og:image") == [f"{SUB}_static/previews/engine.png"]
    assert json_ld(soup)[0]["url"] == page
    # links inside the page stay relative
    styles = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
    assert styles and all(href.startswith("../../_static/") for href in styles)
    assert soup.select_one(".scholar-card__media img")["src"].startswith("../../_static/")
    home = parse_html(built, "index")
    assert home.find("link", rel="canonical")["href"] == f"{SUB}index.html"
    assert prop(home, "og:url") == [f"{SUB}index.html"]
    locs = sitemap_locs(built)
    assert locs and all(loc.startswith(SUB) for loc in locs)
    assert page in locs
    robots = (Path(built.outdir) / "robots.txt").read_text().splitlines()
    assert f"Sitemap: {SUB}sitemap.xml" in robots
    atom = "{http://www.w3.org/2005/Atom}"
    feed = etree.parse(str(Path(built.outdir) / "papers.xml")).getroot()
    assert feed.findtext(f"{atom}id") == f"{SUB}papers.xml"
    entries = [e.findtext(f"{atom}id") for e in feed.iter(f"{atom}entry")]
    assert entries and all(url.startswith(SUB) for url in entries)


@pytest.mark.sphinx("html", testroot="pages", confoverrides={"html_baseurl": ""})
def test_without_a_base_url_there_is_nothing_absolute_to_write(built):
    outdir = Path(built.outdir)
    for name in ("sitemap.xml", "robots.txt", "papers.xml", "news.xml"):
        assert not (outdir / name).exists(), name
    soup = parse_html(built, "publications/lovelace1843notes/index")
    assert soup.find("link", rel="canonical") is None
    assert meta(soup, "citation_title") == ["Notes on the Analytical Engine"]
    assert meta(soup, "citation_abstract_html_url") == []
    assert meta(soup, "citation_pdf_url") == []
    assert soup.find("link", type="application/atom+xml") is None
    assert "html_baseurl is not set" in built.status.getvalue()
    assert "baseurl" not in warnings_of(built) and "sitemap" not in warnings_of(built)


# -- other builders ----------------------------------------------------------------------------
@pytest.mark.sphinx("dirhtml", testroot="pages")
def test_dirhtml_urls(built):
    key = "lovelace1843notes"
    soup = parse_html(built, f"publications/{key}/index")
    assert soup.find("link", rel="canonical")["href"] == f"https://example.org/publications/{key}/"
    assert f"https://example.org/publications/{key}/" in sitemap_locs(built)
    assert "https://example.org/" in sitemap_locs(built)
    assert parse_html(built, "pubs/index").find(id=key).select_one(".scholar-title a")["href"] == (
        f"../publications/{key}/"
    )
    # the shell holds for this builder too
    home = pages._home(built)
    shell = pages.make_shell(built, home)
    page = pages.make_page(built, key)
    written = (Path(built.outdir) / f"publications/{key}/index.html").read_text()
    assert shell is not None and shell.fill(page) == written


# -- determinism and no-op rebuilds ------------------------------------------------------------
SITE_FILES = ("sitemap.xml", "robots.txt", "papers.xml", "news.xml")


def test_two_builds_of_one_input_are_byte_identical(make_app, built):
    twin = Path(built.srcdir).with_name(Path(built.srcdir).name + "-twin")
    shutil.rmtree(twin, ignore_errors=True)
    shutil.copytree(built.srcdir, twin, ignore=shutil.ignore_patterns("_build"))
    other = make_app("html", srcdir=twin, freshenv=True)
    other.build()
    names = [*SITE_FILES, *(f"publications/{key}/index.html" for key in KEYS)]
    for name in names:
        first = (Path(built.outdir) / name).read_bytes()
        assert first == (Path(other.outdir) / name).read_bytes(), name


def test_noop_rebuild_leaves_sitemap_robots_and_feeds_alone(make_app, built):
    before = {n: (Path(built.outdir) / n).stat().st_mtime_ns for n in SITE_FILES}
    again = make_app("html", srcdir=built.srcdir)
    again.build()
    assert {n: (Path(again.outdir) / n).stat().st_mtime_ns for n in SITE_FILES} == before


def test_a_parallel_build_writes_the_same_files(make_app, built):
    twin = Path(built.srcdir).with_name(Path(built.srcdir).name + "-j2")
    shutil.rmtree(twin, ignore_errors=True)
    shutil.copytree(built.srcdir, twin, ignore=shutil.ignore_patterns("_build"))
    other = make_app("html", srcdir=twin, freshenv=True, parallel=2)
    other.build()
    names = [*SITE_FILES, *(f"publications/{key}/index.html" for key in KEYS)]
    for name in names:
        first = (Path(built.outdir) / name).read_bytes()
        assert first == (Path(other.outdir) / name).read_bytes(), name


@pytest.mark.sphinx(
    "html",
    testroot="pages",
    confoverrides={"extensions": ["myst_parser", "sphinx_scholar"]},
)
def test_without_opengraph_pages_still_get_open_graph_tags(built):
    home = parse_html(built, "index")
    assert prop(home, "og:title") == [home.h1.get_text().strip("#¶ \n")]
    assert prop(home, "og:image") == ["https://example.org/_static/ada.png"]
    assert prop(home, "og:type") == ["website"]
    assert prop(home, "og:url") == ["https://example.org/index.html"]
    assert prop(home, "og:description") == meta(home, "description")
    assert meta(home, "twitter:card") == ["summary"]
    pubs = parse_html(built, "pubs")
    assert (
        prop(pubs, "og:url") == ["https://example.org/pubs.html"] and prop(pubs, "og:image") == []
    )
    # a paper page keeps its own, once
    paper = parse_html(built, "publications/lovelace1843notes/index")
    assert prop(paper, "og:type") == ["article"]
