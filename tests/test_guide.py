"""The user guide (guide/ of the root site): complete, and every live example works.

Completeness is computed from the code: every directive and role the extension
registers, every field of its bib vocabulary, every ``scholar_*`` config value and
every warning kind must be documented on the guide's pages. Each live example is
also a test: its result must hold what its directive makes.
"""

from __future__ import annotations

import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import REPO
from docutils.parsers.rst import directives as rst_directives
from docutils.parsers.rst import roles as rst_roles
from lxml import etree
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from sphinx_scholar.core.diagnostics import KINDS
from sphinx_scholar.core.fields import OWN_FIELDS
from sphinx_scholar.core.latex import decode
from sphinx_scholar.render.html import rich_html

GUIDE_PAGES = (
    "index",
    "publications",
    "bib-fields",
    "components",
    "cv",
    "talks",
    "configuration",
    "warnings",
    "discoverability",
    "upgrading",
)
#: What the repository holds besides the site's pages (conf.py excludes these too).
NOT_SITE = ("_build", ".git", "node_modules", "src", "tests", "bench", "tools", "docs",
            "examples", "test-artifacts", "build", "dist", ".venv", ".hypothesis",
            ".ruff_cache", "audit-out", "*.egg-info")  # fmt: skip
#: The guide's own tools: every example on these pages is one of them (tested below),
#: so they need no example of themselves.
TOOLS = {"scholar-example", "scholar-bib-example"}
#: What each directive's or role's result must contain (a CSS selector).
MADE_BY = {
    "publications": "li.scholar-card",
    "publication": "li.scholar-card",
    "news": ".scholar-news__text",
    "timeline": ".scholar-timeline__item",
    "people": ".scholar-person__name",
    "awards": ".scholar-award-item",
    "teaching": ".scholar-course",
    "projects": ".scholar-project__title",
    "profile": ".scholar-profile",
    "paper": "a.scholar-paper-ref",
    "award": ".scholar-badge--award, .scholar-badge--highlight",
    "cv": ".scholar-cv__section",
    "talks": ".scholar-talk",
}


@pytest.fixture(autouse=True, scope="module")
def _shared_templates_path():
    """Keep pydata-sphinx-theme's edits to Sphinx's shared default ``templates_path``
    from leaking into the next project built in this process (as test_sites.py does)."""
    from sphinx.config import Config

    default = Config.config_values["templates_path"].default
    saved = list(default)
    yield
    default[:] = saved


class Site:
    """The root site, built once from a copy of its files, with what setup registered."""

    def __init__(self, tmp: Path) -> None:
        source = tmp / "site"
        shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(*NOT_SITE))
        warnings = StringIO()
        app = SphinxTestApp(
            "html",
            srcdir=source,
            builddir=tmp / "build",
            freshenv=True,
            status=StringIO(),
            warning=warnings,
        )
        try:
            # docutils' registries are restored at cleanup: read them while the app lives
            self.directives = _ours(rst_directives._directives)
            self.roles = _ours(rst_roles._roles)
            app.build()
        finally:
            app.cleanup()
        self.config = {v.name for v in app.config if v.name.startswith("scholar_")}
        self.outdir = Path(app.outdir)
        self.warnings = strip_colors(warnings.getvalue())

    def page(self, name: str) -> BeautifulSoup:
        return BeautifulSoup((self.outdir / f"{name}.html").read_text("utf-8"), "lxml")


def _ours(registry: dict) -> set[str]:
    """Names whose implementation is in sphinx_scholar (directives are classes, roles
    may be instances)."""
    found = set()
    for name, value in registry.items():
        implementation = value if isinstance(value, type) else type(value)
        if implementation.__module__.startswith("sphinx_scholar"):
            found.add(name)
    return found


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    return Site(tmp_path_factory.mktemp("guide"))


@pytest.fixture(scope="module")
def examples(site) -> list[tuple[str, Tag]]:
    """(page, div.scholar-example) for every example of the guide."""
    return [
        (page, box)
        for page in GUIDE_PAGES
        for box in site.page(f"guide/{page}").select("div.scholar-example")
    ]


def source_of(box: Tag) -> str:
    return box.select_one("div.highlight pre").get_text()


def result_of(box: Tag) -> Tag | None:
    return box.select_one("div.scholar-example__result")


def text(element: Tag) -> str:
    return " ".join(element.get_text(" ", strip=True).split())


def used_names(source: str) -> set[str]:
    """Directives (```{name}) and roles ({name}`) an example's source uses."""
    return set(re.findall(r"```\{([\w-]+)\}", source)) | set(
        re.findall(r"(?<!`)\{([\w-]+)\}`", source)
    )


# -- the build -------------------------------------------------------------------------
def test_the_site_with_the_guide_builds_without_a_warning(site):
    assert site.warnings.strip() == ""
    for page in GUIDE_PAGES:
        assert (site.outdir / "guide" / f"{page}.html").is_file(), page


def test_the_guide_is_in_the_navbar(site):
    nav = site.page("index").select(".bd-header .navbar-nav a.nav-link")
    assert nav[-1].get_text(strip=True) == "Guide"
    assert nav[-1]["href"] == "guide/index.html"
    assert not site.page("index").select(".bd-header .navbar-nav .dropdown")


# -- completeness, from the code ------------------------------------------------------------
def test_registries_were_read(site):
    """The completeness tests below are only as good as these sets."""
    assert {"publications", "publication", "news", "profile"} <= site.directives
    assert {"paper", "award"} <= site.roles
    assert {"scholar_owner", "scholar_venues", "scholar_theme_fixes"} <= site.config


def test_every_directive_and_role_has_a_live_example(site, examples):
    used = set().union(*(used_names(source_of(box)) for _, box in examples))
    missing = (site.directives | site.roles) - TOOLS - used
    assert not missing, f"no live example uses {sorted(missing)}"


def test_every_directive_and_role_says_what_its_example_must_show(site):
    assert (site.directives | site.roles) - TOOLS <= set(MADE_BY)


def test_every_guide_page_but_the_overview_uses_the_example_tools(site):
    for page in ("publications", "bib-fields", "components", "configuration"):
        assert site.page(f"guide/{page}").select("div.scholar-example"), page


def test_every_own_bib_field_is_in_a_bib_example(examples):
    bib_sources = [source_of(box) for _, box in examples if box.select_one("div.highlight-bibtex")]
    shown = {m for s in bib_sources for m in re.findall(r"^\s*([\w-]+)\s*=", s, re.M)}
    missing = OWN_FIELDS - shown
    assert not missing, f"no scholar-bib-example shows {sorted(missing)}"


def test_every_config_value_is_on_the_configuration_page(site):
    page = site.page("guide/configuration")
    documented = {
        code.get_text()
        for heading in page.select("article h2, article h3")
        for code in heading.select("code")
    }
    missing = site.config - documented
    assert not missing, f"configuration.md has no heading for {sorted(missing)}"


def test_every_warning_kind_has_a_heading_on_the_warnings_page(site):
    page = site.page("guide/warnings")
    headings = {c.get_text() for h in page.select("article h2, article h3") for c in h("code")}
    assert not set(KINDS) - headings, sorted(set(KINDS) - headings)


# -- the examples are tests ---------------------------------------------------------------
def test_every_example_renders_something(examples):
    assert len(examples) >= 40
    for page, box in examples:
        result = result_of(box)
        assert result is not None and (text(result) or result.find("img")), (
            page,
            source_of(box)[:80],
        )


def test_each_example_shows_what_its_directives_and_roles_make(examples):
    checked = set()
    for page, box in examples:
        result = result_of(box)
        for name in used_names(source_of(box)) & set(MADE_BY):
            assert result.select(MADE_BY[name]), (page, name, source_of(box)[:80])
            checked.add(name)
    assert checked == set(MADE_BY)


def test_people_examples_show_every_person(examples):
    people = [box for _, box in examples if "```{people}" in source_of(box)]
    assert people
    for box in people:
        names = re.findall(r"^- name: (.+)$", source_of(box), re.M)
        shown = [text(n) for n in result_of(box).select(".scholar-person__name")]
        assert names and shown == names


def test_bib_examples_show_a_card_per_entry_with_its_title(examples):
    bibs = [box for _, box in examples if box.select_one("div.highlight-bibtex")]
    assert len(bibs) >= 8
    for box in bibs:
        source = source_of(box)
        entries = re.findall(r"^@\w+\{([^,]+),", source, re.M)
        written = re.findall(r"^\s*title = \{(.*)\},$", source, re.M)
        # the title as the card renderer draws it (math as Unicode with real superscripts)
        titles = [BeautifulSoup(rich_html(decode(t).rich), "lxml").get_text() for t in written]
        cards = result_of(box).select("li.scholar-card")
        assert [c.get("id") for c in cards] == entries
        assert [c.select_one(".scholar-title").get_text() for c in cards] == titles
        assert not any(c.select_one(".scholar-title a[href^='../publications/']") for c in cards)


def test_a_bib_example_entry_is_not_a_paper_of_the_site(site, examples):
    keys = {
        key
        for _, box in examples
        if box.select_one("div.highlight-bibtex")
        for key in re.findall(r"^@\w+\{([^,]+),", source_of(box), re.M)
    }
    listed = {li["id"] for li in site.page("publications/index").select("li.scholar-card")}
    assert keys and not keys & listed
    assert not any((site.outdir / "publications" / key).exists() for key in keys)


def test_example_news_stays_out_of_the_feed_and_the_latest_news(site, examples):
    items = [
        text(item)
        for _, box in examples
        if "```{news}" in source_of(box) and ":latest:" not in source_of(box)
        for item in result_of(box).select(".scholar-news__text")
    ]
    assert len(items) >= 3
    feed = etree.parse(str(site.outdir / "news.xml"))
    atom = "{http://www.w3.org/2005/Atom}"
    titles = {" ".join((t.text or "").split()) for t in feed.iter(f"{atom}title")}
    home = {text(t) for t in site.page("index").select("ul.scholar-news--latest li")}
    latest = [box for _, box in examples if ":latest:" in source_of(box)]
    shown_latest = {text(li) for box in latest for li in result_of(box).select("li")}
    for item in items:
        assert item not in titles
        assert not any(item in line for line in home | shown_latest)
    assert len(titles) > 1 and home  # the real news is there


def test_configuration_examples_show_the_values_of_this_site(site):
    page = site.page("guide/configuration")
    owner = page.select(".scholar-example__result .scholar-author--owner")
    assert owner and {text(o) for o in owner} == {"Zhihao Jia"}
    badges = {
        text(a): a["href"] for a in page.select(".scholar-example__result a.scholar-badge-link")
    }
    assert badges["OSDI"] == "https://www.usenix.org/conference/osdi"
    assert badges["MLSys"] == "https://mlsys.org/"
    assert page.select_one(".scholar-example__result .scholar-filter")
