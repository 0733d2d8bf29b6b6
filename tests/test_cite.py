"""sphinxcontrib-bibtex's own roles keep working on our tolerant parse."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS, parse_html, rewrite, warnings_of


@pytest.mark.sphinx("html", testroot="cite", copy_test_root=True, freshenv=True)
def test_cite_and_bibliography_survive_a_syntax_error_and_a_rebuild(app, make_app):
    app.build()
    soup = parse_html(app, "cite")
    entries = [e.get_text(" ") for e in soup.select("div.citation")]
    assert len(entries) == 2
    text = " ".join(entries)
    # (pybtex's style lowercases titles)
    assert "Literate programming" in text and "After the broken one" in text
    # the syntax error is ours to report (sphinxcontrib-bibtex's strict parse would stop)
    assert "[scholar.syntax]" in warnings_of(app)
    # the marks stay out of sphinxcontrib-bibtex's formatting
    assert "Knuth*" not in text

    # touch the citing page: the bib data comes back from its stand-in, not the env
    page = Path(app.srcdir) / "cite.md"
    rewrite(page, page.read_text() + "\nMore text.\n")
    again = make_app("html", srcdir=app.srcdir, freshenv=False)
    again.build()
    soup = parse_html(again, "cite")
    assert len(soup.select("div.citation")) == 2
    assert "Literate programming" in soup.get_text(" ") and "More text." in soup.get_text(" ")
    assert "could not find bibtex key" not in warnings_of(again)


@pytest.mark.sphinx("html", testroot="cite", copy_test_root=True, freshenv=True)
def test_fresh_environment_reuses_the_parse_and_repeats_its_warnings(app, make_app, monkeypatch):
    app.build()
    first = warnings_of(app)
    assert "[scholar.syntax]" in first

    import sphinx_scholar.sphinx_ext.loading as loading

    def no_parse(*args, **kwargs):
        raise AssertionError("the unchanged bib was parsed again")

    monkeypatch.setattr(loading, "read_and_check", no_parse)
    again = make_app("html", srcdir=app.srcdir, freshenv=True)  # like sphinx-build -E
    again.build()
    assert "[scholar.syntax]" in warnings_of(again)
    cards = parse_html(again, "index").select("li.scholar-card")
    assert {c["id"] for c in cards} == {"knuth1984", "broken", "after"}

    # a real change is parsed (and the cache is not mistaken for it)
    bib = Path(app.srcdir) / "refs.bib"
    rewrite(bib, bib.read_text().replace("Literate Programming", "Literate Programs"))
    monkeypatch.undo()
    third = make_app("html", srcdir=app.srcdir, freshenv=False)
    third.build()
    assert "Literate Programs" in parse_html(third, "index").get_text(" ")


# -- a site that only cites: adding sphinx_scholar changes nothing it did not ask for ----
#: Shaped like sphinxcontrib-bibtex's own test projects: roles, footcites, several
#: bibliographies with filters over two bib files.
CITE_ONLY = ("scope-citations", "scope-footcites", "scope-filter")
PLAIN = ["sphinxcontrib.bibtex"]
WITH_SCHOLAR = ["sphinxcontrib.bibtex", "sphinx_scholar"]


def build_copy(make_app, root: str, dest: Path, **overrides):
    shutil.copytree(ROOTS / f"test-{root}", dest)
    app = make_app("html", srcdir=dest, freshenv=True, confoverrides=overrides)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def main_bodies(app) -> dict[str, str]:
    """Every document's main body (alabaster's or pydata's), parsed and printed again."""
    bodies = {}
    for docname in sorted(app.env.found_docs):
        body = parse_html(app, docname).select_one("article.bd-article, div[role=main]")
        assert body is not None, docname
        bodies[docname] = body.decode()
    return bodies


def output_files(app) -> set[str]:
    out = Path(app.outdir)
    return {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}


@pytest.mark.parametrize("theme", ["alabaster", "pydata_sphinx_theme"])
@pytest.mark.parametrize("root", CITE_ONLY)
def test_adding_the_extension_to_a_citing_site_changes_no_page(make_app, tmp_path, root, theme):
    plain = build_copy(make_app, root, tmp_path / "plain", extensions=PLAIN, html_theme=theme)
    scholar = build_copy(
        make_app, root, tmp_path / "scholar", extensions=WITH_SCHOLAR, html_theme=theme
    )
    # -W clean: the bib's entries (no year, an unknown field, a missing preview, a name
    # spelt two ways) are cited, not shown as cards, so they are not ours to check
    assert warnings_of(plain) == ""
    assert warnings_of(scholar) == ""
    bodies = main_bodies(plain)
    assert any("testone" in body.lower() for body in bodies.values())  # the citations are there
    assert main_bodies(scholar) == bodies
    # no paper page, tile, paper feed or paper in the sitemap
    files = output_files(scholar)
    assert not any(name.startswith("publications/") for name in files)
    assert not any(name.startswith("_static/scholar/thumbs") for name in files)
    assert "papers.xml" not in files
    sitemap = BeautifulSoup((Path(scholar.outdir) / "sitemap.xml").read_bytes(), "xml")
    listed = sorted(loc.get_text() for loc in sitemap.find_all("loc"))
    pages = sorted(scholar.builder.get_target_uri(d) for d in scholar.env.found_docs)
    assert listed == [f"https://example.org/site/{page}" for page in pages]


@pytest.mark.parametrize("root", CITE_ONLY)
def test_whole_bib_opts_in_to_every_entry(make_app, tmp_path, root):
    app = build_copy(
        make_app, root, tmp_path / "site", extensions=WITH_SCHOLAR, scholar_whole_bib=True
    )
    keys = {"testone", "testtwo", "testthree", "testfour", "testfive"}
    pages = {p.parent.name for p in Path(app.outdir, "publications").glob("*/index.html")}
    assert pages == keys
    warnings = warnings_of(app)
    assert "[scholar.unknown_field]" in warnings and "[testtwo]" in warnings
    assert "[scholar.missing_file]" in warnings and "[testfour]" in warnings
    feed = BeautifulSoup((Path(app.outdir) / "papers.xml").read_bytes(), "xml")
    assert len(feed.find_all("entry")) == 4  # testthree has no year: no date, no entry


def test_cards_and_paper_roles_bring_only_their_entries_in(make_app, tmp_path):
    app = build_copy(make_app, "scope-mixed", tmp_path / "site", extensions=WITH_SCHOLAR)
    pages = {p.parent.name for p in Path(app.outdir, "publications").glob("*/index.html")}
    # the card, the paper role and the hidden entry (a page, no card); not the citation
    assert pages == {"testtwo", "testone", "testhidden"}
    warned = set(re.findall(r"\[([^\]]+)\] \[scholar\.", warnings_of(app)))
    # entry warnings (unknown field, no abstract) only for entries the page shows
    assert warned and warned <= {"testone", "testtwo", "testhidden"}
    assert "[scholar.unknown_field]" in warnings_of(app)
    soup = parse_html(app, "index")
    assert [c["id"] for c in soup.select("li.scholar-card")] == ["testtwo"]
    assert len(soup.select("div.citation")) == 1  # sphinxcontrib-bibtex's own, still there
    feed = BeautifulSoup((Path(app.outdir) / "papers.xml").read_bytes(), "xml")
    assert len(feed.find_all("entry")) == 3


@pytest.mark.sphinx("html", testroot="scope-mixed", copy_test_root=True, freshenv=True)
def test_an_entry_that_comes_into_view_is_checked_then(app, make_app):
    """A page now shows a cited entry: its warnings come (as a clean build gives them),
    and its paper page is written; without a bib change in between."""
    app.build()
    assert "[testthree]" not in warnings_of(app)
    page = Path(app.srcdir) / "index.rst"
    rewrite(page, page.read_text() + "\n.. publication:: testthree\n")
    again = make_app("html", srcdir=app.srcdir, freshenv=False)
    again.build()
    assert "[testthree] [scholar.missing_field]" in warnings_of(again)
    assert (Path(again.outdir) / "publications" / "testthree" / "index.html").is_file()
