"""Page components (news, timeline, people, awards, teaching, projects, profile header),
built from small real projects: tests/roots/test-components* ."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import parse_html, rewrite, templates_path_kept, warnings_of
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_scholar.core.dates import parse_date, parse_term
from sphinx_scholar.core.records import NewsItem
from sphinx_scholar.sphinx_ext.domain import get_domain

GOOD = pytest.mark.sphinx("html", testroot="components", copy_test_root=True, freshenv=True)
BAD = pytest.mark.sphinx("html", testroot="components-bad", copy_test_root=True, freshenv=True)
HOSTILE = pytest.mark.sphinx(
    "html", testroot="components-hostile", copy_test_root=True, freshenv=True
)
EVIL = "<img src=x onerror=alert(1)>\"'&"


@pytest.fixture(autouse=True)
def _shared_templates_path():
    with templates_path_kept():
        yield


@pytest.fixture
def built(app):
    app.build()
    return app


def text(element) -> str:
    return " ".join(element.get_text(" ", strip=True).split())


def line_of(path: Path, needle: str) -> int:
    """The 1-based line of *path* where *needle* first appears (what a warning must name)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def warning_lines(app) -> list[str]:
    return [line for line in warnings_of(app).splitlines() if "WARNING" in line]


def assert_warned(app, page: str, needle: str, *words: str) -> None:
    """A warning names the file and the exact line of the item, and the item itself."""
    path = Path(app.srcdir) / page
    where = f"{path}:{line_of(path, needle)}:"
    hits = [w for w in warning_lines(app) if where in w and all(x in w for x in words)]
    assert hits, f"no warning at {where} with {words}:\n" + "\n".join(warning_lines(app))


# -- dates ---------------------------------------------------------------------------
def test_dates_as_written_and_terms():
    assert parse_date("2013.9").iso == "2013-09"
    assert parse_date("2013.10").iso == "2013-10"
    assert parse_date("2025-03-14").text == "Mar 14, 2025"
    assert parse_date("Feb 2025").iso == "2025-02"
    assert parse_date("2025").text == "2025"
    for bad in ("2013.13", "2025-02-30", "someday", "25", "2025-00"):
        assert parse_date(bad) is None, bad
    terms = [parse_term(t) for t in ("fall 2023", "Spring 2023", "winter 2024", "summer 2023")]
    assert [t.text for t in sorted(terms, key=lambda t: t.sort_key)] == [
        "Spring 2023",
        "summer 2023",
        "fall 2023",
        "winter 2024",
    ]
    assert parse_term("fal 2024") is None


# -- news ----------------------------------------------------------------------------
@GOOD
def test_news_newest_first_stable_with_time_elements(built):
    items = parse_html(built, "news").select("ul.scholar-news > li.scholar-news__item")
    assert [i.time["datetime"] for i in items] == [
        "1843-09-05",
        "1843-09",
        "1843",
        "1843",
        "1842",
        "1840",
    ]
    # equal dates keep the page's order
    texts = [text(i.select_one(".scholar-news__text")) for i in items]
    assert texts[2] == "Translated Menabrea’s paper."
    assert texts[3] == "A second item of 1843, after the first."
    assert texts[4] == "Met Babbage again. Second line of the same item."
    assert [i.time.get_text() for i in items[:3]] == ["Sep 5, 1843", "Sep 1843", "1843"]


@GOOD
def test_news_inline_markup_links_and_award_badge(built):
    items = parse_html(built, "news").select("li.scholar-news__item")
    award = items[0].select_one("a.scholar-badge-link")
    assert award["href"] == "pubs.html#lovelace1843notes"
    assert text(award) == "Outstanding Paper Award"
    assert items[1].select_one("a")["href"] == "https://example.org/notes"
    assert items[1].select_one("em").get_text() == "engine"


@GOOD
def test_news_items_registered_for_the_feed(built):
    source = Path(built.srcdir) / "news.md"
    news = [item for _, item in get_domain(built.env).items("news")]
    assert all(isinstance(item, NewsItem) for item in news)
    by_text = {item.text: item for item in news}
    item = by_text["Published the notes on the engine."]
    assert (item.date, item.docname) == ("1843-09", "news")
    assert item.source.line == line_of(source, "1843-09: Published")
    ids = {li["id"] for li in parse_html(built, "news").select("li.scholar-news__item")}
    assert {i.anchor for i in news if i.docname == "news"} == ids
    assert by_text["A reST item."].docname == "rst"


@GOOD
def test_latest_news_on_home_page_copies_newest_items_and_links_archive(built):
    soup = parse_html(built, "index")
    latest = soup.select_one("ul.scholar-news--latest")
    items = latest.select("li.scholar-news__item")
    # the newest three of the whole site (the reST page's item is the newest)
    assert [i.time["datetime"] for i in items] == ["1851", "1843-09-05", "1843-09"]
    assert all(not i.has_attr("id") for i in items)
    # the copied award badge is resolved for this page
    assert items[1].select_one("a.scholar-badge-link")["href"] == "pubs.html#lovelace1843notes"
    more = latest.find_next_sibling("p", class_="scholar-more").a
    assert (more.get_text(), more["href"]) == ("All news", "news.html")


def sphinx_build(srcdir: Path, outdir: Path) -> str:
    """A real ``sphinx-build`` in its own process: in-process rebuilds are not incremental,
    because pydata-sphinx-theme grows Sphinx's shared ``templates_path`` on every app.

    NO_COLOR keeps its log one page per line: with ``CI=true`` (as CI runners set) or
    FORCE_COLOR, Sphinx colours its log and redraws its progress on a single line."""
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", str(srcdir), str(outdir)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    return result.stdout


def written(log: str) -> set[str]:
    """The pages a build's log says it wrote; refuses a log it could misread as 'none'."""
    assert "build succeeded" in log and "\x1b[" not in log, log
    return set(re.findall(r"writing output\.\.\. \[\s*\d+%\] (\S+)", log))


@pytest.fixture
def site_copy(tmp_path, rootdir) -> Path:
    source = tmp_path / "site"
    shutil.copytree(rootdir / "test-components", source)
    return source


def test_latest_news_follows_the_archive_on_rebuild(site_copy, tmp_path):
    out = tmp_path / "out"
    sphinx_build(site_copy, out)
    news = site_copy / "news.md"
    rewrite(
        news,
        news.read_text(encoding="utf-8").replace("```{news}\n", "```{news}\n- 1900: Newest.\n"),
    )
    log = sphinx_build(site_copy, out)
    assert "index" in written(log)  # not re-read, but its latest news changed
    home = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "lxml")
    items = home.select("ul.scholar-news--latest li")
    assert text(items[0].select_one(".scholar-news__text")) == "Newest."
    # a rebuild with nothing changed writes nothing
    assert written(sphinx_build(site_copy, out)) == set()


def test_links_follow_the_group_page_on_rebuild(site_copy, tmp_path):
    """A timeline links an advisor through the registry: it is rewritten when that changes."""
    out = tmp_path / "out"
    sphinx_build(site_copy, out)
    group = site_copy / "group.md"
    rewrite(
        group,
        group.read_text(encoding="utf-8").replace(
            "- name: Mary Somerville\n", "- name: Mary Somerville\n  url: https://example.org/ms\n"
        ),
    )
    log = sphinx_build(site_copy, out)
    assert "experience" in written(log) and "teaching" not in written(log)
    page = BeautifulSoup((out / "experience.html").read_text(encoding="utf-8"), "lxml")
    advisors = {a.get_text(): a["href"] for a in page.select(".scholar-timeline__advisors a")}
    assert advisors["Mary Somerville"] == "https://example.org/ms"


# -- timeline ------------------------------------------------------------------------
@GOOD
def test_timeline_is_an_ordered_list_newest_first_with_logos(built):
    soup = parse_html(built, "experience")
    timeline = soup.select_one("ol.scholar-timeline")
    assert not soup.select("table")
    entries = timeline.select("li.scholar-timeline__item")
    assert [text(e.select_one(".scholar-timeline__org")) for e in entries] == [
        "Analytical Society",
        "University of London , London, UK",
    ]
    logo = entries[1].select_one("img.scholar-timeline__logo")
    assert (logo["alt"], logo["width"], logo["height"], logo["loading"]) == (
        "University of London logo",
        "48",
        "48",
        "lazy",
    )
    assert logo["src"] == "_static/logos/engine.svg"
    assert entries[0].select_one(".scholar-timeline__logo--initials")["aria-hidden"] == "true"
    assert [t["datetime"] for t in entries[1].select(".scholar-timeline__dates time")] == [
        "1840-06",
        "1842-01",
    ]
    assert "present" in text(entries[0].select_one(".scholar-timeline__dates"))
    assert entries[0].select_one(".scholar-timeline__note em").get_text() == "the"


@GOOD
def test_timeline_advisors_linked_through_the_people_registry(built):
    entries = parse_html(built, "experience").select("li.scholar-timeline__item")
    advisors = entries[0].select_one(".scholar-timeline__advisors")
    links = {a.get_text(): a["href"] for a in advisors.select("a")}
    assert links == {
        "Charles Babbage": "https://example.org/babbage",  # conf.py
        "Mary Somerville": "group.html#mary-somerville",  # the group page
    }
    # the owner is named, not linked
    assert "Ada Lovelace" in text(advisors) and "Ada Lovelace" not in links
    assert text(entries[1].select_one(".scholar-timeline__advisors")) == (
        "Advisor: Augustus De Morgan"
    )


# -- people --------------------------------------------------------------------------
@GOOD
def test_people_current_and_alumni(built):
    soup = parse_html(built, "group")
    current = soup.select_one("ul.scholar-people--current").select("li.scholar-person")
    assert [p["id"] for p in current] == ["mary-wong", "grace-hopper"]
    mary, grace = current
    assert mary.select_one("img.scholar-person__photo")["alt"] == "Photo of Mary Wong"
    assert text(mary.select_one(".scholar-person__role")) == "Ph.D. student"
    coadvisor = mary.select_one(".scholar-person__coadvisors a")
    assert (coadvisor.get_text(), coadvisor["href"]) == (
        "Charles Babbage",
        "https://example.org/babbage",
    )
    assert grace.select_one(".scholar-person__name a")["href"] == "https://example.org/hopper"
    assert grace.select_one(".scholar-person__note em").get_text() == "compilers"
    alumni = soup.select_one("ul.scholar-people--alumni").select("li.scholar-person")
    assert [text(a) for a in alumni] == [
        "Ying Yee (Rae) Wong (BS, 2023) , now Masters at Stanford",
        "Mary Somerville (PhD, 1830)",
    ]
    assert alumni[0]["id"] == "ying-yee-rae-wong"


@GOOD
def test_student_name_in_a_card_links_to_the_group_page(built):
    card = parse_html(built, "pubs").find(id="lovelace1843notes")
    links = {a.get_text(): a["href"] for a in card.select("a.scholar-author")}
    assert links["Mary Wong"] == "group.html#mary-wong"
    # spelt as the paper spells it: an alias declared on the group page
    assert links["Rae Ying Yee Wong"] == "group.html#ying-yee-rae-wong"
    assert links["Charles Babbage"] == "https://example.org/babbage"


# -- awards --------------------------------------------------------------------------
@GOOD
def test_awards_newest_first_as_badges_linking_paper_or_url(built):
    items = parse_html(built, "awards").select("ul.scholar-award-list > li.scholar-award-item")
    assert [(i.time["datetime"], text(i.select_one(".scholar-badge"))) for i in items] == [
        ("1843", "Best Paper Award"),
        ("1843", "Notes Prize"),
        ("1841", "Royal Medal"),
    ]
    assert items[0].select_one("a.scholar-badge-link")["href"] == "pubs.html#lovelace1843notes"
    assert items[0].select_one(".scholar-badge--award svg")  # the trophy of the badge style
    assert items[1].select_one("a") is None
    assert items[2].select_one("a.scholar-badge-link")["href"] == "https://example.org/medal"
    assert text(items[2].select_one(".scholar-award-item__org")) == "Royal Society"


# -- teaching ------------------------------------------------------------------------
@GOOD
def test_teaching_grouped_by_course_terms_in_order_newest_course_first(built):
    lines = parse_html(built, "teaching").select("ul.scholar-teaching > li.scholar-course")
    assert [
        (
            text(li.select_one(".scholar-course__number")),
            text(li.select_one(".scholar-course__title")),
            text(li.select_one(".scholar-course__terms")),
        )
        for li in lines
    ] == [
        ("15-779", "Advanced Topics", "fall 2025"),
        (
            "15-418/618",
            "Parallel Computer Architecture",
            "fall 2022 , spring 2023 , fall 2023 , fall 2024",
        ),
        ("15-849", "Machine Learning Systems", "spring 2022"),
    ]
    assert lines[0].select_one(".scholar-course__title a")["href"] == "https://example.org/779"
    assert lines[1].select_one("a") is None


# -- projects ------------------------------------------------------------------------
@GOOD
def test_projects_are_sphinx_design_cards_in_a_responsive_grid(built):
    soup = parse_html(built, "projects")
    grid = soup.select_one(".sd-container-fluid.scholar-projects")
    row = grid.select_one(".sd-row")
    assert {"sd-row-cols-1", "sd-row-cols-sm-2", "sd-row-cols-lg-2"} <= set(row["class"])
    cards = row.select(".sd-col > .sd-card.scholar-project")
    assert len(cards) == 2
    engine, notes = cards
    title = engine.select_one(".sd-card-body .scholar-project__title")
    assert title.name == "h2"  # directly under the page's h1
    assert (title.a.get_text(), title.a["href"]) == ("Engine", "https://example.org/engine")
    image = engine.select_one("img.sd-card-img-top")
    assert (image["src"], image["alt"], image["loading"]) == (
        "_static/logos/engine.svg",
        "",
        "lazy",
    )
    assert engine.select_one("p.sd-card-text em").get_text() == "mechanical"
    assert [(a.get_text(), a["href"]) for a in engine.select("a.scholar-btn")] == [
        ("Code", "https://example.org/code"),
        ("Paper", "https://example.org/paper"),
    ]
    assert notes.select_one("img") is None and notes.select_one("a") is None


# -- profile -------------------------------------------------------------------------
@GOOD
def test_profile_header(built):
    soup = parse_html(built, "index")
    profile = soup.select_one(".scholar-profile")
    photo = profile.select_one("img.scholar-profile__photo")
    assert photo["alt"] == "Photo of Ada Lovelace"
    # the page title already is the name: one h1, no second name
    assert len(soup.select("h1")) == 1 and profile.select_one(".scholar-profile__name") is None
    assert text(profile.select_one(".scholar-profile__title")) == "Analyst <Engines>"
    affiliation = profile.select_one(".scholar-profile__affiliation a")
    assert (affiliation.get_text(), affiliation["href"]) == (
        "Analytical Society & Co",
        "https://example.org/society",
    )
    links = [(text(a), a["href"]) for a in profile.select("a.scholar-profile__link")]
    assert links == [("GitHub", "https://github.com/ada"), ("CV", "_static/logos/engine.svg")]
    assert all(a.svg["aria-hidden"] == "true" for a in profile.select("a.scholar-profile__link"))
    about = parse_html(built, "about")
    assert text(about.select_one(".scholar-profile__name")) == "Ada Lovelace"
    assert about.select_one(".scholar-profile__name").name == "p"


@GOOD
def test_email_reads_right_without_being_harvestable(built):
    soup = parse_html(built, "index")
    # (the home page's JSON-LD, from seo.py, is another matter)
    for script in soup.select('script[type="application/ld+json"]'):
        script.decompose()
    assert "ada@example.org" not in str(soup) and "mailto:" not in str(soup)
    email = parse_html(built, "index").select_one(".scholar-profile__email .scholar-email")
    assert (email["data-user"], email["data-domain"]) == ("ada", "example.org")
    assert text(email) == "ada [at] example.org"
    scripts = [s.get("src", "") for s in parse_html(built, "index").select("script")]
    assert any(src.startswith("_static/scholar-email.js") for src in scripts)
    assert not any(
        "scholar-email.js" in s.get("src", "") for s in parse_html(built, "news")("script")
    )
    assert (Path(built.outdir) / "_static" / "scholar-email.js").is_file()


@GOOD
def test_profile_links_become_local_icon_links_in_the_pydata_navbar(built):
    app = built
    soup = parse_html(app, "news")
    links = soup.select_one(".navbar-icon-links").select("a")
    assert [(a["href"], a.img["src"], a.img["alt"]) for a in links] == [
        ("https://github.com/ada", "_static/icons/github.svg", "GitHub")
    ]  # the CV is a file of the site: a relative link stays in the header only
    for name in ("scholar", "dblp", "github", "orcid", "cv", "email", "link"):
        assert (Path(app.outdir) / "_static" / "icons" / f"{name}.svg").is_file()
    assert not [link for link in soup("link") if "fontawesome" in link.get("href", "")]


@pytest.mark.sphinx(
    "html",
    testroot="components",
    copy_test_root=True,
    freshenv=True,
    confoverrides={
        "html_theme_options": {
            "icon_links": [{"name": "Mine", "url": "https://example.org/", "icon": "fa fa-x"}]
        },
    },
)
def test_icon_links_set_by_the_user_are_kept(app):
    app.build()
    links = parse_html(app, "index").select_one(".navbar-icon-links").select("a")
    assert [a["href"] for a in links] == ["https://example.org/"]


@pytest.mark.sphinx(
    "html",
    testroot="components",
    copy_test_root=True,
    freshenv=True,
    confoverrides={
        "scholar_profile": {
            "name": "Ada",
            "affilation": "Typo",
            "email": "not-an-address",
            "links": {"Evil": "javascript:alert(1)"},
            "photo": "_static/missing.png",
        }
    },
)
def test_profile_config_problems_warn(app):
    app.build()
    warnings = warnings_of(app)
    assert "unknown key 'affilation'; did you mean 'affiliation'?" in warnings
    assert "scholar_profile['email'] is not an address: 'not-an-address'" in warnings
    assert "scholar_profile['links']['Evil'] is not a safe URL" in warnings
    assert "scholar_profile['photo']: file '_static/missing.png' not found" in warnings
    assert warnings.count("[scholar.config]") == 4
    profile = parse_html(app, "about").select_one(".scholar-profile")
    assert profile.select_one("img") is None and profile.select_one("a") is None


# -- every component -----------------------------------------------------------------
@GOOD
def test_valid_markup_no_duplicate_ids_and_no_inline_styles(built):
    assert warning_lines(built) == []
    for page in ("index", "news", "experience", "group", "awards", "teaching", "projects", "rst"):
        soup = parse_html(built, page)
        ids = Counter(tag["id"] for tag in soup.select("[id]"))
        assert [i for i, n in ids.items() if n > 1] == [], page
        for selector in (
            ".scholar-news",
            ".scholar-timeline",
            ".scholar-people",
            ".scholar-award-list",
            ".scholar-teaching",
            ".scholar-projects",
            ".scholar-profile",
        ):
            for component in soup.select(selector):
                # light and dark mode come from the theme's variables through classes
                assert component.select("[style]") == [], (page, selector)
                assert all(img.get("alt") is not None for img in component.select("img"))


@GOOD
def test_components_in_a_rest_page(built):
    soup = parse_html(built, "rst")
    assert text(soup.select_one(".scholar-news__text")) == "A reST item."
    assert soup.select_one(".scholar-news__text em").get_text() == "reST"
    assert soup.select_one(".scholar-timeline__note em").get_text() == "a"


@pytest.mark.sphinx("text", testroot="components", copy_test_root=True, freshenv=True)
def test_other_builders_get_plain_text(app):
    app.build()
    news = (Path(app.outdir) / "news.txt").read_text(encoding="utf-8")
    assert "Sep 1843: Published the notes on the *engine*." in news
    assert "Sep 5, 1843: Won an Outstanding Paper Award." in news
    experience = " ".join((Path(app.outdir) / "experience.txt").read_text(encoding="utf-8").split())
    assert (
        "University of London, London, UK: Private student, Jun 1840 – Jan 1842. "
        "Advisor: Augustus De Morgan." in experience
    )
    index = " ".join((Path(app.outdir) / "index.txt").read_text(encoding="utf-8").split())
    assert "1851: A *reST* item." in index
    assert "Ada Lovelace. Analyst <Engines>. Analytical Society & Co. ada [at] example.org" in index


@pytest.mark.sphinx("html", testroot="components", copy_test_root=True, freshenv=True, parallel=2)
def test_parallel_read_merges_people_and_news(app):
    app.build()
    card = parse_html(app, "pubs").find(id="lovelace1843notes")
    assert {a.get_text(): a["href"] for a in card.select("a.scholar-author")}["Mary Wong"] == (
        "group.html#mary-wong"
    )
    latest = parse_html(app, "index").select("ul.scholar-news--latest li time")
    assert [t["datetime"] for t in latest] == ["1851", "1843-09-05", "1843-09"]


# -- malformed items -----------------------------------------------------------------
@BAD
def test_malformed_items_warn_with_file_line_and_item(built):
    page = "index.md"
    for needle, words in (
        ("- org: No Start College", ("missing required key 'start'", "[No Start College]")),
        ("- org: Bad Date Institute", ("'2013.13' is not a date", "[Bad Date Institute]")),
        ("- org: Backwards Lab", ("ends (1838) before it starts (1840)", "[Backwards Lab]")),
        ("- org: Typo Society", ("unknown key 'rol'; did you mean 'role'?", "[Typo Society]")),
        ("- org: Unsafe Link Union", ("scholar.unsafe_url", "javascript:alert(1)")),
        ("- org: Missing Logo Ltd", ("scholar.missing_file", "_static/nope.svg")),
        ("- just a string", ("must be a mapping",)),
        ("- org: Broken: [yaml", ("YAML error",)),
        ("- Undated item about nothing.", ("starts with its date", "[Undated item")),
        ("- 2025-13-01: A month", ("starts with its date", "[2025-13-01: A month")),
        ("This line is not a bullet.", ("is a bullet",)),
        ("- 1844:", ("a date but no text",)),
        ("- role: Nameless", ("missing required key 'name'", "Nameless")),
        ("- name: Bad Year", ("'twenty' is not a year", "[Bad Year]")),
        ("- name: Typo Person", ("did you mean 'coadvisors'?", "[Typo Person]")),
        ("- name: Yearless Award", ("missing required key 'year'", "[Yearless Award]")),
        ("- name: Bad Year Award", ("'MDCCC' is not a year", "[Bad Year Award]")),
        ("- name: Ghost Paper Award", ("unknown paper key 'nosuchkey'", "scholar.unknown_key")),
        ("- course: 102", ("'fal 1850' is not a term", "[Bad Term Course]")),
        ("- course: 103", ("missing required key 'title'", "[103]")),
        ("- description: No name.", ("missing required key 'name'",)),
        ("- name: Unsafe Project", ("'links: Code'", "scholar.unsafe_url", "[Unsafe Project]")),
        ("- name: Imageless Project", ("scholar.missing_file", "_static/missing.png")),
        ("- org: Nested Bad", ("'never' is not a date", "[Nested Bad]")),  # inside a note
    ):
        assert_warned(built, page, needle, *words)
    assert_warned(built, "rst.rst", "- org: Rest Bad Date", "'someday' is not a date")
    assert_warned(built, "rst.rst", "- nope: Bad.", "starts with its date", "[nope: Bad.]")
    kinds = Counter(re.findall(r"\[scholar\.(\w+)\]", warnings_of(built)))
    assert kinds == {"invalid_item": 21, "unsafe_url": 2, "missing_file": 2, "unknown_key": 1}


@BAD
def test_the_rest_of_a_component_still_renders(built):
    soup = parse_html(built, "index")
    orgs = [text(p) for p in soup.select(".scholar-timeline__org")]
    # still open ("present") first, then by start; the nested timeline's one item was bad
    assert orgs == ["Missing Logo Ltd", "Unsafe Link Union", "Typo Society", "Good University"]
    assert soup.select_one(".scholar-timeline").select("a") == []  # unsafe URL dropped
    assert [text(n) for n in soup.select(".scholar-news__text")] == [
        "Another good item.",
        "A good item.",
    ]
    people = [text(p.select_one(".scholar-person__name")) for p in soup.select(".scholar-person")]
    assert people == ["Good Person", "Bad Year", "Typo Person"]
    assert text(soup.select(".scholar-person")[1]) == "Bad Year"  # the bad year is left out
    badges = [text(b) for b in soup.select(".scholar-award-item .scholar-badge")]
    assert badges == ["Ghost Paper Award", "Good Award"]
    courses = [text(c) for c in soup.select(".scholar-course")]
    assert courses == ["101 Good Course : fall 1850", "102 Bad Term Course"]
    projects = [text(t) for t in soup.select(".scholar-project__title")]
    assert projects == ["Good Project", "Unsafe Project", "Imageless Project"]
    assert [a["href"] for a in soup.select(".scholar-projects a")] == ["https://example.org/site"]


# -- hostile text ----------------------------------------------------------------------
@HOSTILE
def test_hostile_text_is_escaped_in_every_plain_field(built):
    soup = parse_html(built, "index")
    expected = {
        ".scholar-profile__name": "Ada " + EVIL,
        ".scholar-profile__title": "Title " + EVIL,
        ".scholar-profile__affiliation": "Affiliation " + EVIL,
        ".scholar-profile__link": "GitHub " + EVIL,
        ".scholar-timeline__org > span:first-child": "Org " + EVIL,
        ".scholar-timeline__place": ", Place " + EVIL,
        ".scholar-timeline__role": "Role " + EVIL,
        ".scholar-people--current .scholar-person__name": "Person " + EVIL,
        ".scholar-people--current .scholar-person__role": "Role " + EVIL,
        ".scholar-person__coadvisors a, .scholar-person__coadvisors span": "Co <img src=x "
        "onerror=alert(1)>",
        ".scholar-people--alumni .scholar-person__name": "Alum " + EVIL,
        ".scholar-person__degree": "(Degree <img src=x onerror=alert(1)>, 1850)",
        ".scholar-person__now": "now Now " + EVIL,
        ".scholar-award-item .scholar-badge": "Award " + EVIL,
        ".scholar-award-item__org": "Org " + EVIL,
        ".scholar-course__number": "Course " + EVIL,
        ".scholar-course__title": "Title " + EVIL,
        ".scholar-course__role": "(Role " + EVIL + ")",
        ".scholar-project__title": "Project " + EVIL,
    }
    for selector, value in expected.items():
        element = soup.select_one(selector)
        assert element is not None, selector
        assert element.get_text().strip() == value, selector
    advisors = soup.select(".scholar-timeline__advisors .scholar-person-link")
    assert advisors[0].get_text() == "Advisor " + EVIL
    # attribute values too: an alt text and the email's data attributes
    assert soup.select_one(".scholar-email")["data-user"] == 'ada"><script>'
    # nothing in a plain field became an element
    for component in soup.select(".scholar-profile, .scholar-people--alumni, .scholar-award-list"):
        assert component.select("img[onerror], script") == []
    for selector in (".scholar-timeline__body > p:not(.scholar-timeline__note)", ".scholar-course"):
        for element in soup.select(selector):
            assert element.select("img, script") == []


@HOSTILE
def test_unsafe_urls_are_dropped_with_a_warning(built):
    soup = parse_html(built, "index")
    hrefs = [a["href"] for a in soup.select("article a")]
    assert all(not h.lower().replace("\t", "").startswith(("javascript", "data")) for h in hrefs)
    assert "https://example.org/fine" in hrefs
    for needle in (
        "url: javascript:alert(1)",
        'url: "javascript:alert(1)"',
        'url: " javascript:alert(1)"',
        'url: "JaVaScRiPt:alert(1)"',
    ):
        path = Path(built.srcdir) / "index.md"
        # the warning names the item's first line, a line or two above the url
        item_line = max(
            n
            for n, line in enumerate(path.read_text().splitlines(), start=1)
            if line.startswith("- ") and n < line_of(path, needle)
        )
        assert any(
            f"index.md:{item_line}:" in w and "scholar.unsafe_url" in w
            for w in warning_lines(built)
        ), needle
    warnings = warnings_of(built)
    assert "java\\tscript:alert(1)" in warnings and "data:text/html" in warnings
    assert "scholar_profile['affiliation_url'] is not a safe URL" in warnings
    # a person's link from conf.py is not trusted either
    advisors = soup.select(".scholar-timeline__advisors a")
    assert advisors == []
    navbar = parse_html(built, "index").select_one(".navbar-icon-links").select("a")
    assert [a["href"] for a in navbar] == ["https://github.com/ada"]
    assert navbar[0]["title"] == "GitHub <img src=x onerror=alert(1)>”’&"


# -- YAML of any shape in component data ---------------------------------------------
YAML_PIECES = st.sampled_from(
    [
        "- ",
        "name: ",
        "&a ",
        "*a",
        "&b ",
        "*b",
        "[",
        "]",
        "{",
        "}",
        ", ",
        "\n",
        "  ",
        "x",
        "'",
        '"',
        ":",
        "? ",
        "!!str ",
        "<<: ",
        "|\n",
        "#",
        "\t",
        "\x00",
        "é",
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(YAML_PIECES, max_size=40).map("".join))
def test_component_yaml_of_any_shape_is_read_or_refused_never_raises(text):
    """Anchors, aliases (recursive ones too), merge keys, tags, flow and block styles."""
    from sphinx_scholar.sphinx_ext.components.items import compose

    node, problem = compose(text)
    assert node is None or problem is None  # an empty document gives neither
    if problem is not None:
        line, message = problem
        assert 0 <= line <= text.count("\n") + 1 and message


def test_billion_laughs_is_refused_at_the_first_alias_in_no_time():
    import time

    from sphinx_scholar.sphinx_ext.components.items import compose

    lines = ['- a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"  a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 12)]
    start = time.perf_counter()
    node, problem = compose("\n".join(lines))
    assert time.perf_counter() - start < 1.0
    assert node is None and problem == (1, "aliases (*name) are not read in component data")
