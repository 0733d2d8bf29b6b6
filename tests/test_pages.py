"""Paper pages: one per bib entry, indexable by Google Scholar (tests/roots/test-pages)."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, parse_html, rewrite, warnings_of
from lxml import etree
from pybtex.database import parse_file

from sphinx_scholar.sphinx_ext import pages
from sphinx_scholar.sphinx_ext.domain import get_domain
from sphinx_scholar.sphinx_ext.state import state_of

pytestmark = pytest.mark.sphinx("html", testroot="pages", copy_test_root=True, freshenv=True)

VENUE_TAGS = (
    "citation_conference_title",
    "citation_journal_title",
    "citation_dissertation_institution",
    "citation_technical_report_institution",
)
KEYS = ["lovelace1843notes", "babbage1837engine", "lovelace1840thesis", "lovelace1842fragments"]
TITLES = {
    "lovelace1843notes": "Notes on the Analytical Engine",
    "babbage1837engine": "On the Mathematical Powers of the Calculating Engine",
    "lovelace1840thesis": 'A <script>alert("x")</script> Thesis "quoted" & it\'s more',
    "lovelace1842fragments": "Fragments Without a Home",
}


@pytest.fixture
def app_params(app_params, request, sphinx_test_tempdir, rootdir):
    """Each test gets its own copy of the root and its own output folder.

    sphinx.testing copies a root into one folder per root name and keeps its
    ``_build`` across tests, so a page written by an earlier test would hide a
    page this test failed to write (and edits to refs.bib would leak).
    """
    args, kwargs = app_params
    root = rootdir / f"test-{Path(kwargs['srcdir']).name}"
    name = re.sub(r"\W+", "-", request.node.name)[:80]
    srcdir = Path(sphinx_test_tempdir) / f"{root.name}--{name}"
    shutil.rmtree(srcdir, ignore_errors=True)
    shutil.copytree(root, srcdir)
    return args, {**kwargs, "srcdir": srcdir, "builddir": srcdir / "_build"}


@pytest.fixture
def built(app):
    app.build()
    return app


def paper(app, key: str) -> BeautifulSoup:
    return parse_html(app, f"publications/{key}/index")


def meta(soup: BeautifulSoup, name: str) -> list[str]:
    return [tag["content"] for tag in soup.find_all("meta", attrs={"name": name})]


def prop(soup: BeautifulSoup, name: str) -> list[str]:
    return [tag["content"] for tag in soup.find_all("meta", attrs={"property": name})]


def json_ld(soup: BeautifulSoup) -> list[dict]:
    return [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]


def bib_authors(path: Path) -> dict[str, list[str]]:
    """The oracle: 'Family, Given' per author, straight from pybtex."""
    data = parse_file(str(path))
    out = {}
    for key, entry in data.entries.items():
        names = []
        for person in entry.persons.get("author", []):
            given = " ".join(person.first_names + person.middle_names)
            family = " ".join(person.prelast_names + person.last_names)
            names.append(f"{family}, {given}" if given else family)
        out[key] = names
    return out


def sitemap_locs(app_or_outdir) -> list[str]:
    outdir = Path(getattr(app_or_outdir, "outdir", app_or_outdir))
    tree = etree.parse(str(outdir / "sitemap.xml"))
    return [loc.text for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]


def line_of(path: Path, key: str) -> int:
    for number, text in enumerate(path.read_text().splitlines(), 1):
        if re.match(rf"@\w+\{{{key},", text):
            return number
    raise AssertionError(key)


# -- Highwire tags --------------------------------------------------------------------
def test_every_entry_has_a_page_with_the_required_citation_tags(built):
    authors = bib_authors(Path(built.srcdir) / "refs.bib")
    assert sorted(authors) == sorted(KEYS)
    for key in KEYS:
        soup = paper(built, key)
        url = f"https://example.org/publications/{key}/index.html"
        assert meta(soup, "citation_title") == [TITLES[key]]
        assert meta(soup, "citation_author") == authors[key]
        assert meta(soup, "citation_abstract_html_url") == [url]
        assert soup.find("link", rel="canonical")["href"] == url
        assert prop(soup, "og:url") == [url]
        if key != "lovelace1842fragments":
            assert len(meta(soup, "citation_publication_date")) == 1


def test_dates_venues_volume_issue_pages_and_identifiers(built):
    notes = paper(built, "lovelace1843notes")
    assert meta(notes, "citation_publication_date") == ["1843/09"]
    assert meta(notes, "citation_conference_title") == ["Proceedings of the Scientific Memoirs"]
    assert meta(notes, "citation_journal_title") == []
    assert meta(notes, "citation_firstpage") == ["666"]
    assert meta(notes, "citation_lastpage") == ["731"]
    assert meta(notes, "citation_doi") == ["10.1000/notes.1843"]
    assert meta(notes, "citation_arxiv_id") == ["1843.00001"]

    article = paper(built, "babbage1837engine")
    assert meta(article, "citation_publication_date") == ["1837/12"]
    assert meta(article, "citation_journal_title") == ["Journal of Engines"]
    assert meta(article, "citation_conference_title") == []
    assert meta(article, "citation_volume") == ["12"]
    assert meta(article, "citation_issue") == ["3"]
    assert (meta(article, "citation_firstpage"), meta(article, "citation_lastpage")) == (
        ["1"],
        ["20"],
    )
    assert meta(article, "citation_arxiv_id") == []

    thesis = paper(built, "lovelace1840thesis")
    assert meta(thesis, "citation_publication_date") == ["1840"]
    assert meta(thesis, "citation_dissertation_institution") == ["University of London"]


def test_pdf_url_only_for_a_pdf_the_site_serves(built):
    notes = paper(built, "lovelace1843notes")
    assert meta(notes, "citation_pdf_url") == ["https://example.org/_static/papers/notes.pdf"]
    assert (Path(built.outdir) / "_static/papers/notes.pdf").is_file()
    # babbage1837engine's pdf is on another host: Scholar would not accept it
    assert meta(paper(built, "babbage1837engine"), "citation_pdf_url") == []
    assert meta(paper(built, "lovelace1840thesis"), "citation_pdf_url") == []


# -- JSON-LD, description, social tags ---------------------------------------------------
def test_scholarly_article_json_ld(built):
    data = json_ld(paper(built, "lovelace1843notes"))
    assert len(data) == 1
    article = data[0]
    assert article["@context"] == "https://schema.org"
    assert article["@type"] == "ScholarlyArticle"
    assert article["headline"] == "Notes on the Analytical Engine"
    assert [(a["@type"], a["name"]) for a in article["author"]] == [
        ("Person", "Ada Lovelace"),
        ("Person", "Charles Babbage"),
        ("Person", "Mary Somerville"),
    ]
    assert article["author"][0]["url"] == "https://example.org/"
    assert article["author"][1]["url"] == "https://example.org/babbage"
    assert article["datePublished"] == "1843-09"
    assert article["isPartOf"]["name"] == "Proceedings of the Scientific Memoirs"
    assert article["sameAs"] == [
        "https://doi.org/10.1000/notes.1843",
        "https://arxiv.org/abs/1843.00001",
    ]
    assert article["abstract"] == "We describe Bernoulli numbers – with loops."
    assert article["image"] == "https://example.org/_static/previews/engine.png"

    journal = json_ld(paper(built, "babbage1837engine"))[0]
    assert journal["isPartOf"] == {"@type": "Periodical", "name": "Journal of Engines"}
    assert journal["datePublished"] == "1837-12"


def test_json_ld_cannot_close_its_script(built):
    soup = paper(built, "lovelace1840thesis")
    script = soup.find("script", type="application/ld+json").string
    assert "<" not in script and ">" not in script and "&" not in script
    article = json.loads(script)
    assert article["headline"] == TITLES["lovelace1840thesis"]
    assert article["abstract"].startswith("Ends a script: </script>")
    # the rest of the head survived: the page still has its title and canonical link
    assert soup.title.get_text().startswith(TITLES["lovelace1840thesis"])
    assert soup.find("link", rel="canonical") is not None


def test_description_and_social_tags(built):
    soup = paper(built, "lovelace1843notes")
    assert meta(soup, "description") == ["We describe Bernoulli numbers – with loops."]
    assert prop(soup, "og:type") == ["article"]
    assert prop(soup, "og:title") == ["Notes on the Analytical Engine"]
    assert prop(soup, "og:image") == ["https://example.org/_static/previews/engine.png"]
    assert meta(soup, "twitter:card") == ["summary_large_image"]
    assert meta(soup, "twitter:image") == ["https://example.org/_static/previews/engine.png"]
    # no abstract: the description says who, where and when
    article = paper(built, "babbage1837engine")
    assert meta(article, "description") == ["An engine that computes."]
    bare = paper(built, "lovelace1842fragments")
    assert meta(bare, "description") == ["Ada Lovelace and Ludwig van Beethoven."]
    assert prop(bare, "og:image") == [] and meta(bare, "twitter:card") == ["summary"]


# -- the page body ----------------------------------------------------------------------
def test_body_shows_everything_a_card_has_and_more(built):
    soup = paper(built, "lovelace1843notes")
    body = soup.select_one(".scholar-paper")
    assert [h.get_text() for h in soup.find_all("h1")] == ["Notes on the Analytical Engine"]
    assert body.select_one(".scholar-author--owner").get_text() == "Ada Lovelace"
    links = {a.get_text(): a["href"] for a in body.select("a.scholar-author")}
    assert links == {"Charles Babbage": "https://example.org/babbage"}
    venue = body.select_one(".scholar-venue")
    assert venue.select_one(".scholar-badge--venue").get_text() == "SciMem"
    assert venue.select_one("time")["datetime"] == "1843-09"
    assert [b.get_text() for b in body.select(".scholar-awards .scholar-badge")] == [
        "Best Paper Award"
    ]
    buttons = {a.get_text(): a["href"] for a in body.select("a.scholar-btn")}
    assert buttons["PDF"] == "../../_static/papers/notes.pdf"
    assert buttons["Code"] == "https://example.org/code"
    image = body.select_one(".scholar-card__media img")
    assert image["src"] == "../../_static/previews/engine.png"
    page_dir = Path(built.outdir) / "publications/lovelace1843notes"
    assert (page_dir / image["src"]).resolve().is_file()
    assert (page_dir / buttons["PDF"]).resolve().is_file()


def test_abstract_is_visible_not_in_a_toggle(built):
    soup = paper(built, "lovelace1843notes")
    section = soup.find("section", attrs={"aria-labelledby": "abstract"})
    assert section.find("h2").get_text() == "Abstract"
    assert section.find("p").get_text() == "We describe Bernoulli numbers – with loops."
    assert section.find_parent("details") is None
    assert soup.select(".scholar-paper details") == []


def test_bibtex_with_copy_button_and_no_custom_fields(built):
    soup = paper(built, "lovelace1843notes")
    block = soup.select_one(".scholar-paper .scholar-bibtex")
    code = block.find("code").get_text()
    assert code.startswith("@inproceedings{lovelace1843notes,")
    assert "title = {Notes on the {Analytical Engine}}" in code
    for custom in ("award_name", "preview", "abbr", "code ="):
        assert custom not in code
    button = block.find("button", class_="scholar-copy")
    assert button.get_text(strip=True) == "Copy BibTeX"


def test_formatted_citation(built):
    cite = {k: paper(built, k).select_one(".scholar-citation").get_text() for k in KEYS}
    assert cite["lovelace1843notes"] == (
        "Ada Lovelace, Charles Babbage, and Mary Somerville. 1843. Notes on the Analytical "
        "Engine. In Proceedings of the Scientific Memoirs (SciMem '43), 666–731. "
        "https://doi.org/10.1000/notes.1843"
    )
    assert cite["babbage1837engine"] == (
        "Charles Babbage and A. Lovelace. 1837. On the Mathematical Powers of the Calculating "
        "Engine. Journal of Engines 12, 3 (December 1837), 1–20. https://doi.org/10.1000/engine.1837"
    )
    assert cite["lovelace1840thesis"] == (
        f"Ada Lovelace. 1840. {TITLES['lovelace1840thesis']}. Ph. D. Dissertation. "
        "University of London."
    )
    assert cite["lovelace1842fragments"] == (
        "Ada Lovelace and Ludwig van Beethoven. Fragments Without a Home."
    )


def test_breadcrumb_leads_back_to_the_publications_page(built):
    soup = paper(built, "babbage1837engine")
    crumbs = soup.select(".bd-breadcrumbs .breadcrumb-item a.nav-link")
    parent = [a for a in crumbs if a.get_text(strip=True)]
    assert [(a.get_text(), a["href"]) for a in parent] == [("Publications", "../../pubs.html")]
    current = soup.select_one(".bd-breadcrumbs .breadcrumb-item.active").get_text()
    assert current == TITLES["babbage1837engine"]


def test_card_titles_link_to_the_paper_pages(built):
    soup = parse_html(built, "pubs")
    for key in KEYS:
        href = soup.find(id=key).select_one(".scholar-title a")["href"]
        assert href == f"publications/{key}/index.html"
        assert (Path(built.outdir) / href).is_file()


# -- missing data ----------------------------------------------------------------------------
def test_missing_abstract_venue_date_still_get_a_page_and_a_warning(built):
    soup = paper(built, "lovelace1842fragments")
    assert meta(soup, "citation_title") == ["Fragments Without a Home"]
    assert meta(soup, "citation_publication_date") == []
    assert soup.find("section", attrs={"aria-labelledby": "abstract"}) is None
    bib = Path(built.srcdir) / "refs.bib"
    lines = [w for w in warnings_of(built).splitlines() if "scholar.indexing" in w]
    assert len(lines) == 1
    warning = lines[0]
    assert f"refs.bib:{line_of(bib, 'lovelace1842fragments')}:" in warning
    assert "[lovelace1842fragments]" in warning
    assert "no abstract, venue or date" in warning


def test_indexing_warning_can_be_suppressed(make_app, app_params):
    args, kwargs = app_params
    kwargs["confoverrides"] = {"suppress_warnings": ["scholar.indexing"]}
    app = make_app(*args, **kwargs)
    app.build()
    assert "scholar.indexing" not in warnings_of(app)
    assert (Path(app.outdir) / "publications/lovelace1842fragments/index.html").is_file()


# -- the shell -----------------------------------------------------------------------------------
def test_shell_page_is_byte_identical_to_a_normally_rendered_page(built):
    home = pages._home(built)
    shell = pages.make_shell(built, home)
    assert shell is not None
    for key in ("lovelace1843notes", "lovelace1840thesis"):
        page = pages.make_page(built, key)
        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / "page.html"
            pages.render_normally(built, page, target, home)
            normal = target.read_text(encoding="utf-8")
        assert shell.fill(page) == normal
        # and the page the build wrote (through the shell) is that very page
        written = Path(built.outdir) / f"publications/{key}/index.html"
        assert written.read_text(encoding="utf-8") == normal
        assert f"DOCUMENTATION_OPTIONS.pagename = 'publications/{key}/index'" in normal


def test_the_build_uses_the_shell(built):
    keys = list(get_domain(built.env).records)
    assert pages.write_pages(built, keys) == len(keys) - 1  # the first is rendered to check


def test_one_card_context_serves_every_paper_page(built):
    shared = pages.card_context(built, state_of(built.env).paper_pagename("x"))
    for key in KEYS:
        assert pages.make_page(built, key) == pages.make_page(built, key, shared)


def test_page_specific_theme_output_falls_back_to_full_rendering(app):
    def stamp(app, pagename, templatename, context, doctree):
        digest = hashlib.md5(pagename.encode()).hexdigest()
        context["metatags"] = (
            context.get("metatags", "") + f'<meta name="x-stamp" content="{digest}">'
        )

    app.connect("html-page-context", stamp)
    app.build()
    for key in KEYS:
        expected = hashlib.md5(f"publications/{key}/index".encode()).hexdigest()
        assert meta(paper(app, key), "x-stamp") == [expected]
        assert meta(paper(app, key), "citation_title") == [TITLES[key]]


# -- incremental builds ----------------------------------------------------------------------------
def _page_mtimes(app) -> dict[str, int]:
    return {
        key: (Path(app.outdir) / f"publications/{key}/index.html").stat().st_mtime_ns
        for key in KEYS
        if (Path(app.outdir) / f"publications/{key}/index.html").exists()
    }


def test_noop_rebuild_writes_no_paper_page(make_app, built):
    before = _page_mtimes(built)
    again = make_app("html", srcdir=built.srcdir)
    again.build()
    assert _page_mtimes(again) == before
    assert "paper pages" not in again.status.getvalue()


def test_changing_one_title_rewrites_only_that_page(make_app, built):
    before = _page_mtimes(built)
    bib = Path(built.srcdir) / "refs.bib"
    rewrite(
        bib,
        bib.read_text().replace(
            "On the Mathematical Powers of the Calculating Engine", "On the Powers of Engines"
        ),
    )
    again = make_app("html", srcdir=built.srcdir)
    again.build()
    after = _page_mtimes(again)
    changed = {key for key in KEYS if after[key] != before[key]}
    assert changed == {"babbage1837engine"}
    assert meta(paper(again, "babbage1837engine"), "citation_title") == ["On the Powers of Engines"]
    assert paper(again, "babbage1837engine").h1.get_text() == "On the Powers of Engines"
    assert "writing 1 paper pages (3 unchanged)" in again.status.getvalue()


def test_removed_entry_loses_its_page_and_its_sitemap_line(make_app, built):
    bib = Path(built.srcdir) / "refs.bib"
    text = bib.read_text()
    start = text.index("@article{lovelace1842fragments")
    rewrite(bib, text[:start])
    again = make_app("html", srcdir=built.srcdir)
    again.build()
    folder = Path(again.outdir) / "publications/lovelace1842fragments"
    assert not folder.exists()
    locs = sitemap_locs(again)
    assert "https://example.org/publications/lovelace1842fragments/index.html" not in locs
    assert "https://example.org/publications/lovelace1843notes/index.html" in locs


def test_missing_output_file_is_written_again(make_app, built):
    target = Path(built.outdir) / "publications/lovelace1843notes/index.html"
    target.unlink()
    again = make_app("html", srcdir=built.srcdir)
    again.build()
    assert target.is_file()
    assert "writing 1 paper pages" in again.status.getvalue()


def test_switching_paper_pages_off_removes_them(make_app, built):
    assert (Path(built.outdir) / "publications/lovelace1843notes/index.html").is_file()
    again = make_app("html", srcdir=built.srcdir, confoverrides={"scholar_paper_pages": ""})
    again.build()
    assert not (Path(again.outdir) / "publications").exists()


def test_a_document_with_a_paper_page_name_wins(make_app, app_params):
    args, kwargs = app_params
    srcdir = Path(kwargs["srcdir"])
    folder = srcdir / "publications/lovelace1840thesis"
    folder.mkdir(parents=True)
    (folder / "index.md").write_text("---\norphan: true\n---\n# My own thesis page\n\nText.\n")
    app = make_app(*args, **kwargs)
    app.build()
    soup = paper(app, "lovelace1840thesis")
    assert soup.h1.get_text(strip=True).startswith("My own thesis page")
    assert meta(soup, "citation_title") == []
    warning = [w for w in warnings_of(app).splitlines() if "lovelace1840thesis/index" in w]
    assert len(warning) == 1 and "[lovelace1840thesis]" in warning[0]
    assert f"refs.bib:{line_of(srcdir / 'refs.bib', 'lovelace1840thesis')}" in warning[0]


def test_a_paper_folder_holding_documents_is_rendered_in_full(make_app, app_params):
    args, kwargs = app_params
    srcdir = Path(kwargs["srcdir"])
    folder = srcdir / "publications/lovelace1843notes"
    folder.mkdir(parents=True)
    (folder / "slides.md").write_text("---\norphan: true\n---\n# Slides\n\nThe talk.\n")
    app = make_app(*args, **kwargs)
    app.build()
    # the other pages still go through the shell; this one through handle_page
    assert pages.write_pages(app, KEYS) == len(KEYS) - 2
    soup = paper(app, "lovelace1843notes")
    assert meta(soup, "citation_title") == [TITLES["lovelace1843notes"]]
    image = soup.select_one(".scholar-card__media img")["src"]
    page_dir = Path(app.outdir) / "publications/lovelace1843notes"
    assert (page_dir / image).resolve().is_file()
    assert (page_dir / "slides.html").is_file()


# -- switches and other builders ---------------------------------------------------------
@pytest.mark.sphinx("html", testroot="pages", confoverrides={"scholar_paper_pages": ""})
def test_paper_pages_can_be_switched_off(built):
    assert not (Path(built.outdir) / "publications").exists()
    card = parse_html(built, "pubs").find(id="babbage1837engine")
    assert card.select_one(".scholar-title a") is None
    assert sitemap_locs(built) == [
        "https://example.org/index.html",
        "https://example.org/news.html",
        "https://example.org/pubs.html",
    ]


@pytest.mark.sphinx("text", testroot="pages")
def test_non_html_builders_write_no_paper_pages(built):
    assert not (Path(built.outdir) / "publications").exists()


# -- the real site ----------------------------------------------------------------------------
def test_every_paper_of_the_root_site_has_an_indexable_page(tmp_path):
    from sphinx.cmd.build import build_main

    out = tmp_path / "site"
    code = build_main(
        [
            "-b",
            "html",
            "-W",
            "--keep-going",
            "-q",
            "-d",
            str(tmp_path / "doctrees"),
            str(REPO),
            str(out),
        ]
    )
    assert code == 0
    keys = list(parse_file(str(REPO / "refs.bib")).entries)
    assert len(keys) == 51
    for key in keys:
        soup = BeautifulSoup((out / f"publications/{key}/index.html").read_text(), "lxml")
        assert meta(soup, "citation_title"), key
        assert meta(soup, "citation_author"), key
        assert re.fullmatch(r"\d{4}(/\d{2})?", meta(soup, "citation_publication_date")[0]), key
        assert any(meta(soup, tag) for tag in VENUE_TAGS), key
        url = meta(soup, "citation_abstract_html_url")[0]
        assert url.startswith("https://") and url.endswith(f"publications/{key}/index.html")
        assert soup.find("link", rel="canonical")["href"] == url
        assert json_ld(soup)[0]["@type"] == "ScholarlyArticle"
    locs = sitemap_locs(out)
    assert all(any(loc.endswith(f"publications/{key}/index.html") for loc in locs) for key in keys)
