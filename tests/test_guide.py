"""The user guide (docs/, a site of its own): complete, and every live example works.

docs/ is built from a copy, like Read the Docs and ``make docs`` build it, and must give
no warning at all (``-W``).

Completeness is computed from the code: every directive and role the extension
registers, every field of its bib vocabulary, every ``scholar_*`` config value and
every warning kind must be documented on the guide's pages. Each live example is
also a test: its result must hold what its directive makes.
"""

from __future__ import annotations

import re
import runpy
import shlex
import shutil
import subprocess
from io import StringIO
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from conftest import REPO, templates_path_kept
from docutils.parsers.rst import directives as rst_directives
from docutils.parsers.rst import roles as rst_roles
from lxml import etree
from markdown_it import MarkdownIt
from sphinx.config import eval_config_file
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from sphinx_scholar.core.bibparse import parse_files
from sphinx_scholar.core.diagnostics import KINDS
from sphinx_scholar.core.fields import OWN_FIELDS
from sphinx_scholar.core.latex import decode
from sphinx_scholar.render.html import rich_html

DOCS = REPO / "docs"
#: Every page of the documentation site.
GUIDE_PAGES = tuple(sorted(page.stem for page in DOCS.glob("*.md")))
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
    with templates_path_kept():
        yield


class Site:
    """The documentation site, built once from a copy of docs/, with what setup registered."""

    def __init__(self, tmp: Path) -> None:
        source = tmp / "docs"
        shutil.copytree(DOCS, source, ignore=shutil.ignore_patterns("_build"))
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
        self.owner = app.config.scholar_owner
        self.venues = app.config.scholar_venues
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
        (page, box) for page in GUIDE_PAGES for box in site.page(page).select("div.scholar-example")
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
def test_the_docs_build_without_a_warning(site):
    assert site.warnings.strip() == ""
    assert {"index", "publications", "configuration", "warnings"} <= set(GUIDE_PAGES)
    for page in GUIDE_PAGES:
        assert (site.outdir / f"{page}.html").is_file(), page


def test_every_guide_page_is_in_the_docs_navigation(site):
    """The index's toctree reaches every page (the navbar, and its "More" menu)."""
    linked = {
        a["href"].removesuffix(".html")
        for a in site.page("index").select(".bd-header .navbar-nav a")
        if a.get("href", "").endswith(".html")
    }
    assert set(GUIDE_PAGES) - {"index"} <= linked


def test_the_docs_show_made_up_papers_not_the_demo_owners(site):
    """docs/refs.bib is its own: no key of the homepage's bib, not its owner's name."""
    homepage = eval_config_file(REPO / "conf.py", None)
    own = set(parse_files([DOCS / "refs.bib"]).data.entries)
    demo = set(parse_files([REPO / "refs.bib"]).data.entries)
    assert own and demo and not own & demo
    # example cards carry no id (they are no link target): their titles link to paper pages
    shown = {
        match.group(1)
        for page in GUIDE_PAGES
        for a in site.page(page).select("li.scholar-card .scholar-title a[href]")
        if (match := re.search(r"publications/([^/#]+)/", a["href"]))
    }
    assert shown and shown <= own
    for name in homepage["scholar_owner"]:
        for page in GUIDE_PAGES:
            assert name not in text(site.page(page)), (name, page)


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
        assert site.page(page).select("div.scholar-example"), page


def test_every_own_bib_field_is_in_a_bib_example(examples):
    bib_sources = [source_of(box) for _, box in examples if box.select_one("div.highlight-bibtex")]
    shown = {m for s in bib_sources for m in re.findall(r"^\s*([\w-]+)\s*=", s, re.M)}
    missing = OWN_FIELDS - shown
    assert not missing, f"no scholar-bib-example shows {sorted(missing)}"


def test_every_config_value_is_on_the_configuration_page(site):
    page = site.page("configuration")
    documented = {
        code.get_text()
        for heading in page.select("article h2, article h3")
        for code in heading.select("code")
    }
    missing = site.config - documented
    assert not missing, f"configuration.md has no heading for {sorted(missing)}"


def test_every_warning_kind_has_a_heading_on_the_warnings_page(site):
    page = site.page("warnings")
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
    # the site's own papers (docs/refs.bib) each have a paper page; example entries none
    paper_pages = {p.name for p in (site.outdir / "publications").iterdir() if p.is_dir()}
    assert set(parse_files([DOCS / "refs.bib"]).data.entries) <= paper_pages
    assert keys and not keys & paper_pages


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
    news = {text(t) for t in site.page("news").select("ul.scholar-news .scholar-news__text")}
    latest = [box for _, box in examples if ":latest:" in source_of(box)]
    shown_latest = {text(li) for box in latest for li in result_of(box).select("li")}
    for item in items:
        assert item not in titles
        assert not any(item in line for line in news | shown_latest)
    assert len(titles) > 1 and news and shown_latest  # the real news is there


def test_configuration_examples_show_the_values_of_this_site(site):
    """What docs/conf.py sets is what the configuration page's examples show."""
    page = site.page("configuration")
    owner = page.select(".scholar-example__result .scholar-author--owner")
    assert owner and {text(o) for o in owner} == {site.owner[0]}
    badges = {
        text(a): a["href"] for a in page.select(".scholar-example__result a.scholar-badge-link")
    }
    assert badges and badges == {abbr: v["url"] for abbr, v in site.venues.items()}
    assert page.select_one(".scholar-example__result .scholar-filter")


# -- where the docs are built ----------------------------------------------------------------
def test_read_the_docs_builds_the_docs_from_their_own_config():
    """A second Read the Docs project points at docs/.readthedocs.yaml: the same machine as
    the homepage's project, this package with the site extra (the docs write no CV PDF, so
    not the cv extra the homepage needs), docs/conf.py, warnings fail the build."""
    docs = yaml.safe_load((DOCS / ".readthedocs.yaml").read_text(encoding="utf-8"))
    root = yaml.safe_load((REPO / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert docs["version"] == 2
    assert docs["sphinx"] == {"configuration": "docs/conf.py", "fail_on_warning": True}
    assert (REPO / docs["sphinx"]["configuration"]).is_file()
    assert root["sphinx"]["configuration"] == "conf.py"
    assert docs["build"] == root["build"]
    assert docs["python"] == {
        "install": [{"method": "pip", "path": ".", "extra_requirements": ["site"]}]
    }


@pytest.mark.hosting
@pytest.mark.network  # installs the package and its dependencies from the index
def test_read_the_docs_builds_the_docs(tmp_path):
    """Read the Docs' steps for the docs project on a fresh clone (docs/.readthedocs.yaml),
    then the documentation served under /en/latest/ with no broken link."""
    from test_hosting import (
        UNTRACKED,
        check_served_under_version_path,
        fresh_venv,
        pip_arguments,
        rtd_build,
        run,
    )
    from test_hosting import clean_env as rtd_env

    clone = tmp_path / "repo"
    shutil.copytree(REPO, clone, ignore=UNTRACKED)
    config = yaml.safe_load((clone / "docs" / ".readthedocs.yaml").read_text(encoding="utf-8"))
    python = fresh_venv(tmp_path / "venv")
    run([str(python), "-m", "pip", "install", *pip_arguments(config)], clone, rtd_env())
    # Read the Docs runs sphinx in the folder of the configured conf.py
    site = clone / Path(config["sphinx"]["configuration"]).parent
    html = rtd_build(site, python, tmp_path / "_readthedocs")
    assert check_served_under_version_path(html) >= len(GUIDE_PAGES)


def test_the_docs_canonical_url_follows_read_the_docs(monkeypatch):
    canonical = "https://example.readthedocs.io/en/latest/"
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", canonical)
    assert runpy.run_path(str(DOCS / "conf.py"))["html_baseurl"] == canonical


def test_make_docs_builds_docs_with_warnings_as_errors():
    # --no-print-directory: run under `make test`, the sub-make prints "Entering directory",
    # whose path may hold the word sphinx (a clone named sphinx-scholar)
    dry = subprocess.run(
        ["make", "-n", "--no-print-directory", "docs", "STAMP=/dev/null"],
        cwd=REPO, capture_output=True, text=True, check=True,
    )  # fmt: skip
    lines = dry.stdout.splitlines()
    (command,) = [shlex.split(line) for line in lines if " -m sphinx " in line]
    assert command[1:3] == ["-m", "sphinx"] and "-W" in command
    assert command[-2:] == ["docs", "docs/_build/html"]


def test_every_file_the_readme_links_exists():
    """The guide moved: the README's links (pages and pictures) point at files that exist."""
    tokens = MarkdownIt("commonmark").enable("table").parse((REPO / "README.md").read_text("utf-8"))
    targets = {
        child.attrs.get("href") or child.attrs.get("src")
        for token in tokens
        for child in token.children or []
        if child.type in {"link_open", "image"}
    }
    local = {t.split("#")[0] for t in targets if t and not re.match(r"[a-z]+:", t)}
    assert {"docs/index.md", "docs/warnings.md", "docs/img/root-home-light.png"} <= local
    assert not [t for t in sorted(local) if not (REPO / t).exists()]
