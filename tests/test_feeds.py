"""Atom feeds of the papers and of the news (the news comes from a test directive in the root)."""

from __future__ import annotations

import re
import shutil
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import parse_html
from lxml import etree
from test_pages import app_params  # noqa: F401

from sphinx_scholar.sphinx_ext.feeds import news_date

pytestmark = pytest.mark.sphinx("html", testroot="pages", copy_test_root=True, freshenv=True)

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


@pytest.fixture
def built(app):
    app.build()
    return app


def feed_of(app, name: str) -> etree._Element:
    return etree.parse(str(Path(app.outdir) / name)).getroot()


def check_atom(feed: etree._Element) -> list[etree._Element]:
    """What RFC 4287 requires of a feed and its entries; returns the entries."""
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert len(feed.findall(f"{ATOM}{name}")) == 1, name
    assert RFC3339.match(feed.findtext(f"{ATOM}updated"))
    assert feed.find(f"{ATOM}link[@rel='self']") is not None
    entries = feed.findall(f"{ATOM}entry")
    feed_author = feed.find(f"{ATOM}author/{ATOM}name") is not None
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
            assert entry.findtext(f"{ATOM}{name}").strip(), name
        assert RFC3339.match(entry.findtext(f"{ATOM}updated"))
        assert feed_author or entry.find(f"{ATOM}author/{ATOM}name") is not None
        assert entry.find(f"{ATOM}link") is not None
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(ids) == len(set(ids))
    return entries


def dates(entries) -> list[datetime]:
    return [datetime.fromisoformat(e.findtext(f"{ATOM}updated")) for e in entries]


def local_file(app, url: str) -> Path:
    """The output file an absolute URL of the site names."""
    path = urlsplit(url).path.lstrip("/")
    return Path(app.outdir) / path


# -- the papers feed ---------------------------------------------------------------------------
def test_papers_feed_is_atom_and_newest_first(built):
    feed = feed_of(built, "papers.xml")
    entries = check_atom(feed)
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    # newest first; the undated entry cannot be placed in time and is left out
    assert titles == [
        "Notes on the Analytical Engine",
        'A <script>alert("x")</script> Thesis "quoted" & it\'s more',
        "On the Mathematical Powers of the Calculating Engine",
    ]
    assert dates(entries) == sorted(dates(entries), reverse=True)
    assert feed.findtext(f"{ATOM}updated") == entries[0].findtext(f"{ATOM}updated")
    assert feed.findtext(f"{ATOM}id") == "https://example.org/papers.xml"


def test_paper_entries_link_to_the_paper_pages_with_authors_and_summary(built):
    first = feed_of(built, "papers.xml").find(f"{ATOM}entry")
    url = "https://example.org/publications/lovelace1843notes/index.html"
    assert first.findtext(f"{ATOM}id") == url
    assert first.find(f"{ATOM}link").get("href") == url
    assert local_file(built, url).is_file()
    names = [a.findtext(f"{ATOM}name") for a in first.findall(f"{ATOM}author")]
    assert names == ["Ada Lovelace", "Charles Babbage", "Mary Somerville"]
    assert first.findtext(f"{ATOM}summary") == "We describe Bernoulli numbers – with loops."
    assert first.findtext(f"{ATOM}updated") == "1843-09-01T00:00:00+00:00"


# -- the news feed -----------------------------------------------------------------------------
def test_news_feed_is_atom_newest_first_and_links_each_item(built):
    entries = check_atom(feed_of(built, "news.xml"))
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "Joined the Analytical Society.",
        "Talk on Bernoulli numbers.",
        "Notes accepted at the Scientific Memoirs.",
    ]
    assert [e.findtext(f"{ATOM}updated")[:10] for e in entries] == [
        "2025-01-01",
        "2024-11-01",
        "2024-03-14",
    ]
    news = parse_html(built, "news")
    for entry in entries:
        link = entry.find(f"{ATOM}link").get("href")
        page, _, anchor = link.partition("#")
        assert page == "https://example.org/news.html"
        assert news.find(id=anchor) is not None


def test_news_dates():
    assert news_date("2025").isoformat() == "2025-01-01T00:00:00+00:00"
    assert news_date("2025-03").isoformat() == "2025-03-01T00:00:00+00:00"
    assert news_date("2025-03-14").isoformat() == "2025-03-14T00:00:00+00:00"
    assert news_date("2025-13") is None
    # named months, as the timeline reads them
    assert news_date("March 2025").isoformat() == "2025-03-01T00:00:00+00:00"
    assert news_date("soon") is None


# -- links from every page ---------------------------------------------------------------------
def test_every_page_links_both_feeds(built):
    outdir = Path(built.outdir)
    for path in sorted(outdir.rglob("*.html")):
        if "_static" in path.parts:
            continue
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        links = soup.find_all("link", rel="alternate", type="application/atom+xml")
        targets = sorted(
            (outdir / urljoin(path.relative_to(outdir).as_posix(), link["href"])).resolve()
            for link in links
        )
        assert targets == [(outdir / "news.xml").resolve(), (outdir / "papers.xml").resolve()]
        assert all(link.get("title") for link in links)


@pytest.mark.sphinx("html", testroot="pages", confoverrides={"scholar_news_feed": ""})
def test_a_feed_can_be_switched_off(built):
    assert not (Path(built.outdir) / "news.xml").exists()
    links = parse_html(built, "index").find_all("link", type="application/atom+xml")
    assert [link["href"] for link in links] == ["papers.xml"]


# templates_path: a fresh list. pydata-sphinx-theme appends to the shared default list, so
# after a pydata build in this process a default-theme site would find pydata's templates.
@pytest.mark.sphinx(
    "html",
    testroot="basic",
    confoverrides={"html_baseurl": "https://example.org/basic/", "templates_path": []},
)
def test_a_site_without_news_has_no_news_feed(built):
    assert not (Path(built.outdir) / "news.xml").exists()
    entries = check_atom(feed_of(built, "papers.xml"))
    assert len(entries) == 3
    links = parse_html(built, "index").find_all("link", type="application/atom+xml")
    assert [link["href"] for link in links] == ["papers.xml"]


# -- the feeds' language -----------------------------------------------------------------------
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.mark.parametrize(
    ("language", "tag"), [(None, "en"), ("de", "de"), ("zh_CN", "zh-CN"), ("pt_BR", "pt-BR")]
)
def test_every_feed_says_the_sites_language(make_app, tmp_path, language, tag):
    """xml:lang on each <feed>: the feed's titles ("Publikationen — …") are in that language."""
    from conftest import ROOTS

    source = tmp_path / "site"
    shutil.copytree(ROOTS / "test-feeds", source)
    overrides = {"language": language} if language else {}
    app = make_app("html", srcdir=source, freshenv=True, confoverrides=overrides)
    app.build()
    for name in ("papers.xml", "news.xml", "talks.xml"):
        feed = feed_of(app, name)
        check_atom(feed)
        assert feed.get(XML_LANG) == tag, name


def test_a_feed_follows_a_change_of_language_in_an_incremental_build(make_app, tmp_path):
    from conftest import ROOTS

    source = tmp_path / "site"
    shutil.copytree(ROOTS / "test-feeds", source)
    make_app("html", srcdir=source, freshenv=True).build()
    again = make_app("html", srcdir=source, confoverrides={"language": "de"})
    again.build()
    assert not again.fresh_env_used
    assert feed_of(again, "papers.xml").get(XML_LANG) == "de"
