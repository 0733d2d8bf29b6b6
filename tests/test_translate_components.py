"""A site's own component text goes through Sphinx's gettext workflow (docs/languages.md).

One site (tests/roots/test-translate) is built three ways: ``-b gettext`` (what the
catalogs hold, and where each message was written), ``-D language=de`` with a German
catalog made from those templates (what the pages, the feeds and the CV show), and in
English with no catalog (nothing changes: the component tests of the other files check
the markup itself). A catalog edit is built by ``sphinx-build`` processes, and a property
test feeds any text to the step that puts a translation into a view.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from bs4 import BeautifulSoup
from conftest import ROOTS, build_site, rewrite, warnings_of
from docutils import nodes
from docutils.utils import new_document
from hypothesis import given
from hypothesis import strategies as st

import sphinx_scholar
from sphinx_scholar.core.dates import PartialDate
from sphinx_scholar.core.messages import babel_locale
from sphinx_scholar.core.text import xml_text
from sphinx_scholar.render.components import AwardView, TimelineView
from sphinx_scholar.sphinx_ext.components.nodes import block, component_field
from sphinx_scholar.sphinx_ext.components.timeline import plain_text as timeline_plain
from sphinx_scholar.sphinx_ext.components.translate import apply_translations
from sphinx_scholar.sphinx_ext.nodes import award_badge_node

GERMAN = {
    "Our notes won a prize at [the engine workshop](https://example.org/workshop).": (
        "Unsere Notizen gewannen einen Preis beim [Maschinen-Workshop](https://example.org/workshop)."
    ),
    "We moved to a *new* office.": "Wir sind in ein *neues* Büro <b>umgezogen</b>.",
    "We wrote {paper}`the notes <lovelace1843notes>`.": (
        "Wir schrieben {paper}`die Notizen <lovelace1843notes>`."
    ),
    "Research fellow": "Forschungsstipendiatin",
    "Notes on *the engine*.": "Notizen zur *Maschine*.",
    "Visiting scholar": "Gastwissenschaftlerin",
    "Royal Medal": "Königliche Medaille",
    "Calculus of engines": "Maschinenrechnung",
    "Tutor": "Tutorin\x1b",  # a control character, as text copied from a PDF brings along
    "Notes on the engine": "Notizen zur Maschine",
    "Royal Society evening": "Abend der Royal Society",
    "A machine for *numbers*.": "Eine Maschine für *Zahlen*.",
    "Drawing of the engine": "Zeichnung der Maschine",
    "Analyst": "Analytikerin",
    "Group news": "Neuigkeiten der Gruppe",
    "Mentor:": "Mentor war:",
    "Every news item": "Alle Neuigkeiten",
}


def line_of(path: Path, text: str) -> int:
    """The 1-based line of *path* that holds *text* (where the test root wrote an item)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def write_catalogs(templates: Path, source: Path, german: dict[str, str]) -> None:
    """``locales/de/LC_MESSAGES/<page>.po``, as sphinx-intl writes them; Sphinx compiles
    them itself (``gettext_auto_build``)."""
    folder = source / "locales" / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    for pot in templates.glob("*.pot"):
        with open(pot, "rb") as file:
            catalog: Catalog = read_po(file)
        catalog.locale = babel_locale("de")
        for message in catalog:
            if message.id in german:
                message.string = german[message.id]
        text = BytesIO()
        write_po(text, catalog)
        po = folder / f"{pot.stem}.po"
        if not po.exists():
            po.write_bytes(text.getvalue())
        elif po.read_bytes() != text.getvalue():  # only an edited catalog looks edited
            rewrite(po, text.getvalue().decode("utf-8"))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The root's copy, its message templates, and its German and English builds."""
    tmp = tmp_path_factory.mktemp("translate")
    source = tmp / "site"
    shutil.copytree(ROOTS / "test-translate", source)
    english = build_site(source, tmp / "en")  # before any catalog exists
    templates = build_site(source, tmp / "gettext", "gettext")
    write_catalogs(Path(templates.outdir), source, GERMAN)
    german = build_site(source, tmp / "de", confoverrides={"language": "de"})
    return {
        "source": source,
        "pot": Path(templates.outdir),
        "de": Path(german.outdir),
        "en": Path(english.outdir),
        "de_warnings": warnings_of(german),
    }


def messages(site: dict[str, Any], page: str) -> dict[str, set[tuple[str, int]]]:
    """msgid -> its (file name, line) references in the page's template."""
    with open(site["pot"] / f"{page}.pot", "rb") as file:
        catalog = read_po(file)
    return {m.id: {(Path(f).name, n) for f, n in m.locations} for m in catalog if m.id}


def html(site: dict[str, Any], language: str, page: str) -> BeautifulSoup:
    return BeautifulSoup((site[language] / f"{page}.html").read_text("utf-8"), "lxml")


def test_gettext_extracts_component_prose_with_its_file_and_line(site):
    index, more = site["source"] / "index.md", site["source"] / "more.md"
    found = messages(site, "index")
    news = line_of(index, "- 2025-03: Our notes")
    assert found[
        "Our notes won a prize at [the engine workshop](https://example.org/workshop)."
    ] == {("index.md", news)}
    assert found["We moved to a *new* office."] == {("index.md", news + 1)}
    timeline = line_of(index, "- org: Analytical Society")
    assert found["Research fellow"] == {("index.md", timeline)}
    assert found["Notes on *the engine*."] == {("index.md", timeline)}
    assert found["Mentor:"] == {("index.md", line_of(index, "{timeline}"))}
    person = line_of(index, "- name: Mary Somerville")
    assert found["Visiting scholar"] == {("index.md", person)}
    assert found["Professor at Oxford"] == {("index.md", person)}
    assert found["Analyst"] == {("index.md", line_of(index, "{profile}"))}
    assert found["Group news"] == {("index.md", line_of(index, "{news}"))}
    data = {
        "2025-03",
        "2024-11",
        "1840-01",
        "1842",
        "https://example.org/society",
        "https://example.org/mary",
        "Mary Somerville",  # a person's name
        "Charles Babbage",
        "Analytical Society",  # an organisation's
        "London",
        "Ada Lovelace",  # the profile's name (the page title is its own message)
    }
    assert not data & (set(found) - {"Ada Lovelace"})
    assert found["Ada Lovelace"] == {("index.md", 1)}  # the heading, not the profile
    found = messages(site, "more")
    assert found["Royal Medal"] == {("more.md", line_of(more, "- name: Royal Medal"))}
    course = line_of(more, "- course: M101")
    assert found["Calculus of engines"] == found["Tutor"] == {("more.md", course)}
    talk = line_of(more, "- date: 1843-06-01")
    assert found["Notes on the engine"] == found["Royal Society evening"] == {("more.md", talk)}
    assert found["Every news item"] == {("more.md", line_of(more, "{news}"))}
    project = line_of(more, "- name: Engine")
    assert found["A machine for *numbers*."] == {("more.md", project)}
    assert found["Drawing of the engine"] == {("more.md", project)}
    data = {"1843", "Royal Society", "M101", "fall 1842", "1843-06-01", "London", "Engine"}
    assert not data & set(found)
    assert "https://example.org/evening" not in " ".join(found)
    assert "https://example.org/engine.png" not in " ".join(found)


def test_a_catalog_translates_component_text_with_its_markup(site):
    page = html(site, "de", "index")
    news = page.select(".scholar-news__text")
    assert page.select_one(".scholar-news")["aria-label"] == "Neuigkeiten der Gruppe"
    assert [n.get_text(" ", strip=True) for n in news] == [
        "Unsere Notizen gewannen einen Preis beim Maschinen-Workshop .",
        "Wir sind in ein neues Büro <b>umgezogen</b>.",
        "Wir schrieben die Notizen .",
    ]
    link = news[0].select_one("a")
    assert (link.get_text(), link["href"]) == ("Maschinen-Workshop", "https://example.org/workshop")
    assert news[1].select_one("em").get_text() == "neues"
    assert news[1].select_one("b") is None  # a translation's HTML is text, as the original's
    paper = news[2].select_one("a")  # a role in the translation: a link to the paper's card
    assert (paper.get_text(), paper["href"]) == ("die Notizen", "pubs.html#lovelace1843notes")
    timeline = page.select_one(".scholar-timeline")
    assert "Forschungsstipendiatin" in timeline.get_text(" ", strip=True)
    assert "Research fellow" not in timeline.get_text(" ", strip=True)
    assert timeline.select_one("em").get_text() == "Maschine"
    assert "Mentor war: Charles Babbage" in timeline.get_text(" ", strip=True)
    assert "Gastwissenschaftlerin" in page.select_one(".scholar-people").get_text()
    assert "Analytikerin" in page.select_one(".scholar-profile").get_text()
    more = html(site, "de", "more")
    latest = more.select_one(".scholar-news--latest .scholar-news__text")
    assert latest.get_text(" ", strip=True).startswith("Unsere Notizen")
    more_link = more.select_one(".scholar-news--latest").find_next("a", href="index.html")
    assert more_link.get_text(strip=True) == "Alle Neuigkeiten"
    body = more.select_one("[role=main]").get_text(" ", strip=True)
    for german in ("Königliche Medaille", "Maschinenrechnung", "Tutorin", "Notizen zur Maschine"):
        assert german in body
    assert more.select_one(".sd-card-text em").get_text() == "Zahlen"
    assert more.select_one(".scholar-project img")["alt"] == "Zeichnung der Maschine"
    problems = [line for line in site["de_warnings"].splitlines() if "scholar" in line]
    assert len(problems) == 1
    course = line_of(site["source"] / "more.md", "- course: M101")
    assert f"more.md:{course}: WARNING: the translation holds characters no page" in problems[0]
    assert problems[0].endswith("[Tutor] [scholar.bad_char]")
    assert "\x1b" not in (site["de"] / "more.html").read_text("utf-8")


def test_the_feeds_and_the_cv_carry_the_translation(site):
    feed = BeautifulSoup((site["de"] / "news.xml").read_text("utf-8"), "xml")
    assert [e.find("title").get_text() for e in feed.find_all("entry")] == [
        "Unsere Notizen gewannen einen Preis beim Maschinen-Workshop.",
        "Wir sind in ein neues Büro <b>umgezogen</b>.",
        "Wir schrieben die Notizen.",
    ]
    talks = BeautifulSoup((site["de"] / "talks.xml").read_text("utf-8"), "xml")
    entry = talks.find("entry")
    assert entry.find("title").get_text() == "Notizen zur Maschine"
    assert entry.find("summary").get_text() == "Abend der Royal Society, London"
    cv = html(site, "de", "cv").select_one("[role=main]").get_text(" ", strip=True)
    for german in ("Forschungsstipendiatin", "Königliche Medaille", "Maschinenrechnung"):
        assert german in cv
    assert "Gastwissenschaftlerin" in cv and "Notizen zur Maschine" in cv


def test_without_a_catalog_the_text_is_as_written(site):
    page = html(site, "en", "index")
    assert [n.get_text(" ", strip=True) for n in page.select(".scholar-news__text")] == [
        "Our notes won a prize at the engine workshop .",
        "We moved to a new office.",
        "We wrote the notes .",
    ]
    assert "Research fellow" in page.select_one(".scholar-timeline").get_text()
    feed = BeautifulSoup((site["en"] / "news.xml").read_text("utf-8"), "xml")
    assert feed.find("entry").find("title").get_text() == (
        "Our notes won a prize at the engine workshop."
    )


def sphinx_build(source: Path, out: Path) -> Path:
    """A German ``sphinx-build`` of its own: Python's gettext keeps every catalog file it
    read for the life of the process, so an edited one is only seen by a new process."""
    env = {
        **os.environ,
        "NO_COLOR": "1",
        "PYTHONPATH": str(Path(sphinx_scholar.__file__).parents[1]),
    }
    command = [sys.executable, "-m", "sphinx", "-q", "-b", "html", "-D", "language=de"]
    command += ["-d", str(out / "doctrees"), str(source), str(out / "html")]
    subprocess.run(command, check=True, env=env, capture_output=True)
    return out / "html"


def test_a_catalog_edit_reaches_the_page_the_latest_news_and_the_feed(site, tmp_path):
    """The page is read again when its catalog changes (Sphinx compiles the .po and notes
    the .mo as the page's dependency); the page showing its newest item and the feed follow."""
    source = tmp_path / "site"
    shutil.copytree(ROOTS / "test-translate", source)
    write_catalogs(site["pot"], source, GERMAN)
    sphinx_build(source, tmp_path / "de")
    newest = "Our notes won a prize at [the engine workshop](https://example.org/workshop)."
    honoured = "Unsere Notizen wurden beim [Workshop](https://example.org/workshop) geehrt."
    write_catalogs(site["pot"], source, {**GERMAN, newest: honoured})
    out = sphinx_build(source, tmp_path / "de")
    wanted = "Unsere Notizen wurden beim Workshop geehrt."
    page = BeautifulSoup((out / "index.html").read_text("utf-8"), "lxml")
    news = page.select_one(".scholar-news__text")
    assert " ".join(news.get_text().split()) == wanted
    more = BeautifulSoup((out / "more.html").read_text("utf-8"), "lxml")
    latest = more.select_one(".scholar-news--latest .scholar-news__text")
    assert " ".join(latest.get_text().split()) == wanted
    feed = BeautifulSoup((out / "news.xml").read_text("utf-8"), "xml")
    assert feed.find("entry").find("title").get_text() == wanted


#: docutils' own escape mark, which no parsed text holds
_TEXT = st.text(st.characters(exclude_characters="\x00"))


@given(role=_TEXT, award=_TEXT)
def test_a_translated_field_is_shown_as_the_text_the_catalog_gives(role, award):
    """Whatever a catalog's translation of a plain field holds, its view, the text of
    other builders and an award's badge get its words (no markup, no crash); an
    untranslated field changes nothing."""
    timeline = block("timeline", TimelineView("Org", "Role", PartialDate(2020)), plain="before")
    translated_role = component_field("Role", "", nodes.Text(role), field="role", translated=True)
    timeline += translated_role
    untranslated = component_field("Org", "", nodes.Text("Anders"), field="org", translated=False)
    timeline += untranslated
    badge = award_badge_node("Medal", "Medal")
    medal = block("award", AwardView("Medal", "2020"), plain="2020:", children=[badge])
    medal += component_field("Medal", "", nodes.Text(award), field="name", translated=True)
    document = new_document("test")
    document += [timeline, medal]
    apply_translations(None, document)  # type: ignore[arg-type]  # no talks: no app needed
    view = timeline["render"][1]
    assert (view.role, view.org) == (" ".join(xml_text(role).split()), "Org")
    assert timeline["plain"] == timeline_plain(view)
    assert medal["render"][1].name == badge.astext() == " ".join(xml_text(award).split())
