"""sphinxcontrib-bibtex's own roles keep working on our tolerant parse."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import parse_html, rewrite, warnings_of


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
