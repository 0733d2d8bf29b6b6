"""Hostile input: no field of a bib file can put markup or script into the site.

tests/roots/test-xss/refs.bib carries payloads in titles, authors, venues,
abbreviations, notes, abstracts, awards, tags, URLs of every scheme, file names
and an entry key. Every HTML page of the built site (cards, paper pages,
search, index) is parsed and checked: no script from the bib, no event-handler
attribute, no javascript:/data:/vbscript: link or source, and the payloads
shown as text. The browser test of the same root checks that nothing runs.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS, build_site, tile_said

from sphinx_scholar.core.urls import scheme_of

XSS = ROOTS / "test-xss"
FORBIDDEN_SCHEMES = {"javascript", "data", "vbscript"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href", "srcset"}
#: Every payload calls alert(...) or msgbox(...) with a label.
CALL = re.compile(r"(alert|msgbox)\(")
EVIL_KEY = "xss\"><img/src=x/onerror=alert('key')>"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    src = tmp_path_factory.mktemp("xss") / "src"
    shutil.copytree(XSS, src)
    return build_site(src)


@pytest.fixture(scope="module")
def pages(site) -> dict[str, BeautifulSoup]:
    out = Path(site.outdir)
    return {
        str(path.relative_to(out)): BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        for path in sorted(out.rglob("*.html"))
    }


def test_the_site_built_every_entry(site, pages):
    assert site.statuscode == 0
    cards = pages["index.html"].select(".scholar-publications")[0].select("li.scholar-card")
    assert {card["id"] for card in cards} == {
        "xsstitle2024",
        "xsslinks2023",
        "xsslatex2022",
        EVIL_KEY,
    }
    assert len(pages) > 4  # the paper pages are checked too


def test_no_script_from_the_bib(pages):
    for name, soup in pages.items():
        for script in soup.find_all("script"):
            if script.get("src"):
                assert scheme_of(script["src"]) in {"", "https"}, (name, script)
                assert not CALL.search(script["src"]), (name, script)
            elif script.get("type") == "application/ld+json":
                json.loads(script.string or "")  # data only; a payload did not close it
            else:
                assert not CALL.search(script.get_text()), (name, script)


def test_no_event_handler_attributes(pages):
    for name, soup in pages.items():
        for element in soup.find_all(True):
            handlers = [a for a in element.attrs if a.lower().startswith("on")]
            assert not handlers, (name, str(element)[:200])


def test_no_forbidden_scheme_in_any_url(pages):
    for name, soup in pages.items():
        for element in soup.find_all(True):
            for attribute in URL_ATTRIBUTES & set(element.attrs):
                value = element[attribute]
                values = value if isinstance(value, list) else [value]
                for url in values:
                    assert scheme_of(url) not in FORBIDDEN_SCHEMES, (name, str(element)[:200])


def test_no_element_a_payload_would_make(pages):
    for name, soup in pages.items():
        assert not soup.find_all(["iframe", "object", "embed", "svg"], onload=True), name
        for image in soup.find_all("img"):
            assert image.get("src") != "x", (name, image)
        assert not soup.find_all("b", onmouseover=True), name


def card(pages, key: str):
    found = pages["index.html"].select(".scholar-publications")[0].find(id=key)
    assert found is not None, key
    return found


def test_payloads_show_as_text(pages):
    title = card(pages, "xsstitle2024").select_one(".scholar-title").get_text()
    assert "<script>alert('title')</script>" in title
    assert "\"><img src=x onerror=alert('title2')>" in title
    text = card(pages, "xsstitle2024").get_text(" ")
    for shown in (
        "\"><img src=x onerror=alert('author')>",
        "<iframe src=\"javascript:alert('venue')\"></iframe>",
        "\"><script>alert('abbr')</script>",
        "<a href=\"javascript:alert('note')\">click</a>",
        "<b onmouseover=alert('award')>Best Paper</b>",
        "</p><script>alert('abstract')</script>",
    ):
        assert shown in text, shown
    venue = card(pages, "xsslinks2023").select_one(".scholar-venue").get_text()
    assert "<svg onload=alert('macro')>" in venue
    latex = card(pages, "xsslatex2022").select_one(".scholar-title").get_text()
    assert "<script>alert('latex')</script>" in latex
    assert "a link" in latex


def test_award_detail_stays_in_its_attribute(pages):
    badges = card(pages, "xsstitle2024").select(".scholar-awards .scholar-badge")
    assert badges[0]["title"] == "Detail \"><img src=x onerror=alert('awarddetail')>"


def test_unsafe_links_are_dropped(pages):
    links = card(pages, "xsslinks2023")
    hrefs = [a.get("href", "") for a in links.find_all("a")]
    assert all(scheme_of(h) not in FORBIDDEN_SCHEMES for h in hrefs)
    labels = {a.get_text() for a in links.select("a.scholar-btn[href]")}
    assert not labels & {"PDF", "Code", "Website", "Slides", "Poster", "Video", "Evil", "Data"}
    # a DOI with markup in it is percent-encoded into a doi.org URL
    doi = links.select_one("a.scholar-btn[href*='doi.org']")
    assert doi is not None and "<" not in doi["href"] and '"' not in doi["href"]


def test_hostile_key_is_an_escaped_id(pages):
    assert card(pages, EVIL_KEY).select_one(".scholar-title").get_text() == "A Hostile Key"


def test_preview_file_name_is_not_markup(pages):
    """The preview names no file of the site: the card shows a generated tile instead."""
    media = card(pages, "xsstitle2024").select_one(".scholar-card__media--tile")
    assert [element.name for element in media.find_all(True)] == ["span"]  # the tile alone
    assert tile_said(media.span)[-1] == "\"><script>alert('abbr')</script> 2024"  # as text


UNSAFE_PREVIEWS = [
    "javascript:alert('preview')",
    "vbscript:msgbox('preview')",
    "data:image/svg+xml,<svg onload=alert('preview')>",
    "file:///etc/passwd",
    " JaVaScRiPt:alert('preview')",
]


def images_of(soup: BeautifulSoup) -> list[str]:
    """Every image address a page gives: <img src>, og:image, twitter:image, JSON-LD image."""
    found = [img.get("src", "") for img in soup.find_all("img")]
    found += [m.get("content", "") for m in soup.find_all("meta", property="og:image")]
    found += [m.get("content", "") for m in soup.find_all("meta", attrs={"name": "twitter:image"})]
    for block in soup.find_all("script", type="application/ld+json"):
        stack = [json.loads(block.string)]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                stack += item.values()
                image = item.get("image")
                found += image if isinstance(image, list) else [image] if image else []
            elif isinstance(item, list):
                stack += item
    return [value for value in found if isinstance(value, str)]


def build_with_preview(make_app, rootdir: Path, tmp_path: Path, preview: str):
    """tests/roots/test-builders (html_baseurl set: paper pages with their head tags) with
    *preview* in the first entry."""
    src = tmp_path / "site"
    shutil.copytree(rootdir / "test-builders", src)
    bib = src / "refs.bib"
    text = bib.read_text(encoding="utf-8")
    escaped = preview.replace("{", "").replace("}", "")
    bib.write_text(
        text.replace("  year = {1843},\n", f"  year = {{1843}},\n  preview = {{{escaped}}},\n", 1),
        encoding="utf-8",
    )
    app = make_app("html", srcdir=src)
    app.build()
    return app, text


def test_a_safe_preview_reaches_every_image_output(make_app, rootdir, tmp_path):
    """The places checked below are where a preview goes: an http(s) one is in all four."""
    url = "https://example.org/engine.png"
    app, _ = build_with_preview(make_app, rootdir, tmp_path, url)
    paper = BeautifulSoup(
        (Path(app.outdir) / "publications/lovelace1843notes/index.html").read_text("utf-8"),
        "lxml",
    )
    assert paper.find("img", src=url)
    assert paper.find("meta", property="og:image")["content"] == url
    assert paper.find("meta", attrs={"name": "twitter:image"})["content"] == url
    assert images_of(paper).count(url) == 4


@pytest.mark.parametrize("preview", UNSAFE_PREVIEWS)
def test_an_unsafe_preview_reaches_no_image(make_app, rootdir, tmp_path, preview):
    """preview was the one link-like field whose scheme was not checked."""
    app, text = build_with_preview(make_app, rootdir, tmp_path, preview)
    warned = app.warning.getvalue()
    assert "field 'preview' holds a URL that is not http(s)" in warned
    assert "[lovelace1843notes] [scholar.unsafe_url]" in warned
    assert f"refs.bib:{text.splitlines().index('  year = {1843},') + 2}:" in warned
    out = Path(app.outdir)
    for page in ("pubs.html", "publications/lovelace1843notes/index.html"):
        soup = BeautifulSoup((out / page).read_text(encoding="utf-8"), "lxml")
        for image in images_of(soup):
            assert scheme_of(image) in {"", "http", "https"}, (page, image)
    card = BeautifulSoup((out / "pubs.html").read_text("utf-8"), "lxml").find(
        id="lovelace1843notes"
    )
    assert card.find("img") is None and card.select_one("span.scholar-tile")  # the placeholder
