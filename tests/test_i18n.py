"""The interface in the site's language: catalogs, dates, and the demo built in German and
Chinese with no English interface string left."""

from __future__ import annotations

import gettext
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from babel.dates import format_skeleton
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup, Comment
from conftest import REPO, ROOTS, build_site, tile_said
from hypothesis import given
from hypothesis import strategies as st

from sphinx_scholar.core.cv import CvDocument, CvProfile
from sphinx_scholar.core.cvpdf import data_json, needs_system_fonts
from sphinx_scholar.core.messages import ENGLISH, Messages, babel_locale
from sphinx_scholar.core.records import Author, Publication, Rich, Source
from sphinx_scholar.render.authors import AuthorView, authors_html
from sphinx_scholar.render.card import CardView, card_html, list_start
from sphinx_scholar.render.paper import citation_text, description
from sphinx_scholar.sphinx_ext.i18n import CATALOG, LOCALE_DIR

PACKAGE = REPO / "src" / "sphinx_scholar"
LANGUAGES = ("de", "es", "fr", "ja", "ko", "pt_BR", "zh_CN")
#: Where a built page carries words for people: its text and these attributes.
WORD_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder", "data-template", "data-copied")
DEMO_PARTS = (
    "conf.py",
    "index.md",
    "refs.bib",
    "_static",
    "publications",
    "group",
    "projects",
    "teaching",
    "awards",
    "experience",
    "news",
    "cv",
)


def template_ids() -> list[str]:
    with open(LOCALE_DIR / f"{CATALOG}.pot", "rb") as source:
        return [m.id for m in read_po(source) if m.id]


def catalog(language: str) -> dict[str, str]:
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{CATALOG}.po"
    with open(path, "rb") as source:
        return {m.id: m.string for m in read_po(source, locale=language) if m.id}


def gettext_of(language: str):
    """The catalog as gettext answers: a message it lacks stays as it is."""
    translated = catalog(language)
    return lambda message: translated.get(message) or message


# -- the pure side -------------------------------------------------------------------
def test_without_a_language_everything_reads_as_before():
    assert ENGLISH("Copy BibTeX") == "Copy BibTeX"
    assert ENGLISH.date(2024, 3) == "Mar 2024"
    assert ENGLISH.date(2024, 3, short=False) == "March 2024"
    assert ENGLISH.date(2024, 3, 14) == "Mar 14, 2024"
    assert ENGLISH.date(2024) == "2024"


@pytest.mark.parametrize(
    ("language", "month", "day"),
    [
        ("de", "März 2024", "14. März 2024"),
        ("zh_CN", "2024年3月", "2024年3月14日"),
        ("fr", "mars 2024", "14 mars 2024"),
        ("ja", "2024年3月", "2024年3月14日"),
    ],
)
def test_dates_follow_the_language(language, month, day):
    messages = Messages(language=language)
    assert messages.date(2024, 3, short=False) == month
    assert messages.date(2024, 3, 14) == day


@given(st.text(max_size=12))
def test_any_language_value_gives_a_locale_never_an_error(value):
    """conf.py may say anything; an unknown language reads dates in English."""
    assert babel_locale(value) is not None
    Messages(language=value).date(2024, 3, 14)


def test_the_empty_message_is_never_the_catalog_header():
    german = gettext.translation(CATALOG, str(LOCALE_DIR), ["de"])
    assert german.gettext("") != ""  # gettext's own answer: the header
    assert Messages(gettext=german.gettext, language="de")("") == ""


def _record(**changes) -> Publication:
    fields = {
        "key": "k",
        "entry_type": "inproceedings",
        "title": Rich.of("T"),
        "authors": (Author("A B", "A", "B", "a b"),),
        "source": Source("refs.bib", 1),
        "digest": "d",
        "year": 2024,
        "month": 3,
        "bibtex": "@misc{k}",
    }
    fields.update(changes)
    return Publication(**fields)


def test_render_takes_its_words_from_the_messages_it_is_given():
    shout = Messages(gettext=lambda m: f"<{m.upper()}>", language="de")
    view = CardView(record=_record(), authors=(AuthorView("A B"),), links=())
    soup = BeautifulSoup(card_html(view, {}, shout), "lxml")
    copy = soup.select_one(".scholar-copy")
    assert copy.select_one(".scholar-copy__label").get_text() == "<COPY BIBTEX>"
    assert copy["data-copied"] == "<COPIED>"
    assert copy["data-copy-failed"] == "<COPY FAILED>"
    assert soup.select_one("time").get_text() == "März 2024"
    box = BeautifulSoup(list_start("pubs", 1, True, messages=shout), "lxml")
    assert box.select_one("form")["aria-label"] == "<FILTER PUBLICATIONS>"
    assert box.select_one("label").get_text() == "<WORDS ON THE CARD>"
    assert box.select_one("input")["placeholder"] == "<TITLE, AUTHOR, VENUE OR YEAR>"
    assert box.select_one("output")["data-some"] == "<{SHOWN} OF {TOTAL} PAPERS>"
    assert box.select_one("output")["data-all"] == "<{TOTAL} PAPERS>"
    assert box.select_one("button[type=reset]").get_text() == "<CLEAR FILTERS>"


def test_author_lists_join_with_the_languages_words():
    german = Messages(gettext=gettext_of("de"), language="de")
    three = tuple(AuthorView(n) for n in ("A", "B", "C"))
    text = BeautifulSoup(authors_html(three, {}, messages=german), "lxml").get_text()
    assert text == "A, B und C"
    others = (AuthorView("A"), AuthorView("", others=True))
    chinese = Messages(gettext=gettext_of("zh_CN"), language="zh_CN")
    assert BeautifulSoup(authors_html(others, {}, messages=chinese), "lxml").get_text() == "A 等"


# -- the catalogs ---------------------------------------------------------------------
def test_the_template_holds_every_message_of_the_sources():
    """tools/catalogs.py was run after the last change of an interface string."""
    found = {
        message
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(PACKAGE), method_map=[("**.py", "python")], keywords={"_": None, "N_": None}
        )
    }
    assert found == set(template_ids())


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_catalog_translates_every_message(language):
    translated = catalog(language)
    assert set(translated) == set(template_ids())
    assert [m for m, text in translated.items() if not text] == []
    for message, text in translated.items():  # the placeholders survive translation
        assert set(re.findall(r"\{\w+\}", text)) == set(re.findall(r"\{\w+\}", message))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogs_match_the_translations(language):
    """The .mo Sphinx reads says what the .po says (tools/catalogs.py compiles it)."""
    compiled = gettext.translation(CATALOG, str(LOCALE_DIR), [language])
    for message, text in catalog(language).items():
        assert compiled.gettext(message) == text


def test_the_catalogs_ship_in_the_wheel():
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    data = re.search(
        r"\[tool\.setuptools\.package-data\]\n(?:#.*\n)*sphinx_scholar = (.*)", pyproject
    )
    assert data and '"locale/**/*"' in data.group(1)


# -- the demo, built in German and in Chinese ----------------------------------------------
def english_left(outdir: Path, language: str) -> dict[str, set[str]]:
    """The interface's English messages that a built site still shows: as an element's own
    text or as a word attribute, inside what sphinx-scholar writes (classes ``scholar-*``).

    Messages a language writes the same ("Blog", "et al." in German) are not English there.
    """
    same = {m for m, text in catalog(language).items() if text.strip() == m.strip()}
    patterns = {}
    for message in template_ids():
        if message in same:
            continue
        # the words around a placeholder keep their spaces: "In {venue}" is not "Integrating"
        parts = [re.escape(p) for p in re.split(r"\{\w+\}", message.strip(" ,:"))]
        patterns[message] = re.compile(r"^[\s,:()]*" + "(.+)".join(parts) + r"[\s,:.()]*$")
    found: dict[str, set[str]] = {}
    for page in outdir.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for tag in soup.select("[class*='scholar-'], [class*='scholar-'] *"):
            if tag.name in {"script", "style"}:
                continue
            own = " ".join(
                " ".join(s.split())
                for s in tag.find_all(string=True, recursive=False)
                if not isinstance(s, Comment)
            ).strip()
            for value in [own] + [tag.get(a) for a in WORD_ATTRIBUTES if tag.get(a)]:
                if not value.strip(" ,:.()"):
                    continue
                for message, pattern in patterns.items():
                    if pattern.match(value):
                        found.setdefault(message, set()).add(page.relative_to(outdir).as_posix())
    return found


def month_dates(outdir: Path) -> list[tuple[str, str]]:
    """(datetime, text) of every ``<time>`` that names a month."""
    out = []
    for page in outdir.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for time in soup.select("time[datetime]"):
            if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", time["datetime"]):
                out.append((time["datetime"], time.get_text(" ", strip=True)))
    return out


def expected_date(stamp: str, language: str) -> set[str]:
    """The language's CLDR forms of a month (short or long) or of a day."""
    parts = [int(p) for p in stamp.split("-")]
    when = date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)
    skeletons = ("yMMMd",) if len(parts) > 2 else ("yMMM", "yMMMM")
    return {format_skeleton(s, when, locale=language) for s in skeletons}


@pytest.fixture(scope="module")
def german(tmp_path_factory) -> Path:
    """The demo built the way a reader would ask for it: ``sphinx-build -D language=de``."""
    out = tmp_path_factory.mktemp("demo-de")
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(PACKAGE.parent)}
    command = [sys.executable, "-m", "sphinx", "-q", "-b", "html", "-D", "language=de"]
    command += ["-d", str(out / "doctrees"), str(REPO), str(out / "html")]
    subprocess.run(command, check=True, env=env, capture_output=True, cwd=REPO)
    return out / "html"


@pytest.fixture(scope="module")
def chinese(tmp_path_factory) -> Path:
    """The demo with ``language = "zh_CN"`` in its conf.py."""
    src = tmp_path_factory.mktemp("demo-zh") / "site"
    src.mkdir()
    for name in DEMO_PARTS:
        path = REPO / name
        if path.is_dir():
            shutil.copytree(path, src / name)
        elif path.exists():
            shutil.copy2(path, src / name)
    conf = (src / "conf.py").read_text(encoding="utf-8")
    assert 'language = "en"' in conf
    (src / "conf.py").write_text(conf.replace('language = "en"', 'language = "zh_CN"'), "utf-8")
    return Path(build_site(src).outdir)


@pytest.mark.parametrize(("site", "language"), [("german", "de"), ("chinese", "zh_CN")])
def test_the_demo_shows_no_english_interface_string(site, language, request):
    outdir = request.getfixturevalue(site)
    assert (outdir / "publications" / "index.html").exists()
    assert english_left(outdir, language) == {}


@pytest.mark.parametrize(("site", "language"), [("german", "de"), ("chinese", "zh_CN")])
def test_the_demo_shows_its_words_and_dates_in_the_language(site, language, request):
    outdir = request.getfixturevalue(site)
    words = catalog(language)
    soup = BeautifulSoup((outdir / "publications" / "index.html").read_text("utf-8"), "lxml")
    assert soup.select_one("form.scholar-filter")["aria-label"] == words["Filter publications"]
    assert soup.select_one(".scholar-copy__label").get_text() == words["Copy BibTeX"]
    dates = month_dates(outdir)
    assert len(dates) > 20
    wrong = [(s, t) for s, t in dates if t not in expected_date(s, language)]
    assert wrong == []
    english = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b")
    if language == "zh_CN":
        assert [t for _s, t in dates if english.search(t)] == []


def test_the_english_demo_keeps_its_english_interface(tmp_path):
    """The scan finds English where it is: the check above would catch a regression."""
    app = build_site(REPO, tmp_path)
    found = english_left(Path(app.outdir), "de")
    expected = {"Copy BibTeX", "Copied", "Filter publications", "Cite", "Equal contribution"}
    assert expected <= set(found)


def test_switching_the_language_of_a_built_site_rewrites_its_tiles(tmp_path):
    """conf.py's language edited under sphinx-autobuild: every tile a page shows is in the
    new language (the thesis tile says "Abschlussarbeit")."""
    source = tmp_path / "site"
    shutil.copytree(ROOTS / "test-basic", source)
    for language in ("en", "de"):
        app = build_site(
            source, tmp_path / "out", freshenv=False, confoverrides={"language": language}
        )
    outdir = Path(app.outdir)
    kinds = set()
    for page in outdir.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        kinds.update(tile_said(tile)[0] for tile in soup.select("span.scholar-tile"))
    assert "Abschlussarbeit" in kinds and "Thesis" not in kinds


@pytest.mark.parametrize("root", ["test-cv", "test-pages", "test-components"])
def test_every_component_speaks_the_language(root, tmp_path):
    """What the demo does not use: grouped lists ("Undated", "2017 and earlier"), the CV's
    timeline dates and talk links, every component's words."""
    app = build_site(ROOTS / root, tmp_path, confoverrides={"language": "de"})
    assert english_left(Path(app.outdir), "de") == {}


def test_group_headings_are_translated_and_keep_their_english_ids(tmp_path):
    source = tmp_path / "site"
    shutil.copytree(ROOTS / "test-pages", source)
    (source / "grouped.md").write_text(
        "# Grouped\n\n```{publications}\n:group-by: year\n:group-earlier: 1842\n```\n",
        encoding="utf-8",
    )
    app = build_site(source, tmp_path / "out", confoverrides={"language": "de"})
    soup = BeautifulSoup((Path(app.outdir) / "grouped.html").read_text("utf-8"), "lxml")
    headings = {h["id"]: h.get_text() for h in soup.select(".scholar-group__title")}
    assert headings["year-1842-and-earlier"] == "1842 und früher"
    assert headings["year-undated"] == "Ohne Datum"


@pytest.mark.parametrize(
    ("language", "lang"), [("zh_CN", "zh"), ("pt_BR", "pt"), ("de", "de"), ("", "en")]
)
def test_the_cv_pdf_is_typeset_in_the_sites_language(language, lang):
    """Typst's ``lang`` (hyphenation, quotation marks) follows the site."""
    data = json.loads(data_json(CvDocument(CvProfile(name="Ada"), ()), language=language))
    assert data["lang"] == lang


@given(st.text(alphabet=st.characters(categories=("Lu", "Ll", "Nd", "Zs")), max_size=40))
def test_a_cv_in_cjk_script_may_use_the_systems_fonts_and_only_that(text):
    cjk = any(
        "\u2e80" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af" or "\uff00" <= c <= "\uffef"
        for c in text
    )
    assert needs_system_fonts(json.dumps({"t": text}, ensure_ascii=False)) == cjk
    assert needs_system_fonts('{"t": "导师：Alex Aiken"}')
    assert needs_system_fonts('{"t": "2013년 9월"}')


def test_a_marks_meaning_reads_inside_the_sentence_in_each_language():
    """Screen readers hear "(equal contribution)"; German keeps the noun's capital."""
    legend = {"*": "Equal contribution"}
    for language, heard in (("en", "equal contribution"), ("de", "Gleicher Beitrag")):
        messages = Messages(
            gettext=gettext_of("de") if language == "de" else str, language=language
        )
        html = authors_html((AuthorView("A", marks=("*",)),), legend, messages=messages)
        assert (
            BeautifulSoup(html, "lxml").select_one(".scholar-sr-only").get_text() == f" ({heard})"
        )


def test_the_citation_and_description_read_in_the_language():
    german = Messages(gettext=gettext_of("de"), language="de")
    rec = _record(
        entry_type="article",
        authors=(Author("A B", "A", "B", "a b"), Author("C D", "C", "D", "c d")),
        venue=Rich.of("Journal of Tides"),
    )
    assert description(rec, messages=german) == "A B und C D. Journal of Tides, 2024."
    assert "(März 2024)" in citation_text(rec, german)
    thesis = _record(entry_type="phdthesis", venue=Rich.of("Tide University"))
    assert "Dissertation." in citation_text(thesis, german)
    talk = _record(entry_type="inproceedings", venue=Rich.of("Proc. of Tides"))
    assert "Dans Proc. of Tides." in citation_text(talk, Messages(gettext_of("fr"), "fr"))


def test_the_guides_gettext_workflow_translates_a_sites_own_pages(tmp_path):
    """docs/languages.md: ``-b gettext``, a catalog per page, ``locale_dirs``, ``-D language``.
    The page's own heading comes out translated, beside sphinx-scholar's own words."""
    source = tmp_path / "site"
    shutil.copytree(ROOTS / "test-components", source)
    (source / "conf.py").write_text(
        (source / "conf.py").read_text(encoding="utf-8")
        + '\nlocale_dirs = ["locales/"]\ngettext_compact = False\n',
        encoding="utf-8",
    )
    templates = tmp_path / "gettext"
    app = build_site(source, templates, "gettext")
    with open(Path(app.outdir) / "about.pot", "rb") as pot:
        messages = read_po(pot)
    assert "About this site" in messages
    messages.locale = babel_locale("de")
    messages["About this site"].string = "Über diese Seite"
    folder = source / "locales" / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with open(folder / "about.mo", "wb") as out:
        write_mo(out, messages)
    app = build_site(source, tmp_path / "html", confoverrides={"language": "de"})
    soup = BeautifulSoup((Path(app.outdir) / "about.html").read_text("utf-8"), "lxml")
    assert soup.select_one("h1").get_text(strip=True).startswith("Über diese Seite")
    assert soup.select_one(".scholar-profile__links")["aria-label"] == "Profile"
