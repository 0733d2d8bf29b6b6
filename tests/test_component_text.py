"""The text of a component item is the page's inline markup, never HTML.

News texts, people's and timeline notes and project descriptions are read as the
page's inline markup (MyST or reST: links, emphasis, code, roles). Raw HTML in them
(MyST reads ``<b>`` as HTML) ran in the page; it is now shown as the text it is, in
every component alike. Hypothesis writes texts full of ``<``, ``>``, ``&`` and quotes
(tags, comments, attributes, unclosed ones) and each must come out as exactly that text,
with no element added.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import build_site
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

CONF = """
extensions = ["myst_parser", "sphinx_scholar"]
bibtex_bibfiles = ["refs.bib"]
# Sphinx's default theme: these builds check our HTML, many times over, and it is faster
scholar_paper_pages = ""
# Sphinx would make "a" into curly quotes: this test compares the text character for
# character, and quotes are part of what it throws at the escaping
smartquotes = False
"""
BIB = "@misc{x2020, title = {X}, author = {Ada Lovelace}, year = {2020}}\n"

#: Pieces of HTML (tags, attributes, comments, unclosed ones) among single characters.
#: No ';' (no entity can form), no ':' or '@' (no autolink), no '*', '_', '`', '[', '\\'
#: (markup that rightly changes the text): what is left is raw HTML and text.
PIECES = [
    "<b>", "</b>", "<i>x</i>", "<a href='x'>", "</a>", "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>", "<!-- c -->", "<br/>", "<span class=\"c\">", "<x", "a>",
    "&amp", "& b", "\"", "'", "<", ">", "&", "=", "/", "!", "?", "-",
]  # fmt: skip
texts = (
    st.lists(st.sampled_from(PIECES) | st.sampled_from(list("ab ")), min_size=1, max_size=12)
    .map("".join)
    .filter(lambda t: any(c in t for c in "abx"))
)


def page_for(component: str, items: list[str]) -> str:
    """A page of one component with an item per text, newest first (the order shown)."""
    if component == "news":
        body = "\n".join(f"- 1843-{12 - i:02}-01: {text}" for i, text in enumerate(items))
    elif component == "people":
        body = "\n".join(
            f"- name: Person {i}\n  note: {json.dumps(text)}" for i, text in enumerate(items)
        )
    elif component == "timeline":
        body = "\n".join(
            f"- org: Org {i}\n  role: Analyst\n  start: {1899 - i}\n  note: {json.dumps(text)}"
            for i, text in enumerate(items)
        )
    else:
        body = "\n".join(
            f"- name: Project {i}\n  description: {json.dumps(text)}"
            for i, text in enumerate(items)
        )
    return f"# Page\n\n```{{{component}}}\n{body}\n```\n"


SELECTOR = {
    "news": ".scholar-news__text",
    "people": ".scholar-person__note",
    "timeline": ".scholar-timeline__note",
    "projects": ".scholar-project .sd-card-text, .sd-card-text",
}


def built_texts(component: str, items: list[str]) -> tuple[list[BeautifulSoup], str]:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        src.mkdir()
        (src / "conf.py").write_text(CONF, encoding="utf-8")
        (src / "refs.bib").write_text(BIB, encoding="utf-8")
        (src / "index.md").write_text(page_for(component, items), encoding="utf-8")
        try:
            app = build_site(src)
            html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
            warnings = app.warning.getvalue()
        finally:
            shutil.rmtree(src, ignore_errors=True)
    soup = BeautifulSoup(html, "lxml")
    body = soup.select_one("div.body") or soup
    return body.select(SELECTOR[component]), warnings


def normal(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("component", ["news", "people", "timeline", "projects"])
@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(items=st.lists(texts, min_size=1, max_size=6))
def test_component_text_is_text(component: str, items: list[str]) -> None:
    shown, warnings = built_texts(component, items)
    assert "WARNING" not in warnings, warnings
    assert [normal(node.get_text()) for node in shown] == [normal(t) for t in items]
    for node in shown:
        # nothing but text, at most in the plain <span> that wraps inline markup
        for element in node.find_all(True):
            assert element.name == "span" and not element.attrs, node


def test_markup_still_works_and_html_is_text() -> None:
    """The rule both ways: MyST inline markup renders, HTML beside it is text."""
    text = "A *mechanical* [engine](https://example.org/e) <b>bold</b> `code` <script>x</script>"
    for component in ("news", "people", "timeline", "projects"):
        shown, _ = built_texts(component, [text])
        (node,) = shown
        assert node.find("em").get_text() == "mechanical"
        assert node.find("a")["href"] == "https://example.org/e"
        assert node.find("code").get_text() == "code"
        assert not node.find("b") and not node.find("script")
        assert "<b>bold</b>" in node.get_text() and "<script>x</script>" in node.get_text()
