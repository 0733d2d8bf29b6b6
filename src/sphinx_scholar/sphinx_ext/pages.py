"""A page per paper, at ``<scholar_paper_pages>/<slug>/``, that Google Scholar can index.

Pages are generated, never written by hand: ``html-collect-pages`` writes one
for every entry the site shows (scope.py), with the theme's full chrome, the paper's body
(:mod:`sphinx_scholar.render.paper`) and its head tags (:mod:`sphinx_scholar.seo`).

Incremental: ``env-get-updated`` digests what each page is made from (the
entry, the people registry, scholar config, the site's navigation, the HTML
config and templates, this package's code) into ``page_digests`` in the domain.
It runs before Sphinx pickles the environment (and asks for the root document
to be rewritten when the digests changed, since Sphinx saves the environment
only when some document is), so the digests survive the build. Only pages whose
digest changed or whose file is missing are written; pages of vanished entries
are deleted. A no-op rebuild neither loads the records nor writes a page.

Cold builds use a *shell*. Rendering pydata-sphinx-theme's page template
through ``builder.handle_page`` costs several times what the page's own HTML does,
and every paper page has the same depth and chrome (bench/measurements.md). So one
page is rendered through the real machinery (handle_page, so the theme and every
``html-page-context`` handler contribute) with sentinel strings standing for the
page-specific parts (title, head tags, body, and the slug inside the page name, which
the theme repeats in ``DOCUMENTATION_OPTIONS.pagename``, the canonical link, ...).
Every other page is that output with the sentinels replaced. The first real page is
rendered both ways and compared; if a theme or extension puts anything else
page-specific in (the comparison differs), every page goes through handle_page.
A paper whose folder also holds documents (links into it differ) is rendered in full.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markupsafe
import sphinx
from sphinx.application import Sphinx
from sphinx.util import logging

from ..core.records import Publication
from ..core.validate import indexing_problem
from ..render.card import CardContext, card_view
from ..render.head import paper_head_html, paper_urls
from ..render.html import esc
from ..render.paper import paper_body_html
from .context import card_context
from .digests import code_state, digest, stable_digest
from .domain import get_domain
from .output import inside, site_url, write_if_changed
from .report import warn
from .state import state_of

logger = logging.getLogger(__name__)

#: Fewer pages than this are rendered directly: the shell costs two renders.
SHELL_MIN_PAGES = 3
#: Sentinels: letters and digits only, so escaping, quoting and URL-encoding keep them whole.
SLUG = "scholarshellslug7q2x"
TITLE = "SCHOLARSHELLTITLE7Q2X"
META = "SCHOLARSHELLMETA7Q2X"
BODY = "SCHOLARSHELLBODY7Q2X"
_SENTINEL = re.compile(f"({SLUG}|{TITLE}|{META}|{BODY})")


@dataclass(frozen=True)
class PaperPage:
    """Everything page-specific about one paper page."""

    key: str
    slug: str
    pagename: str
    title: str  #: escaped plain text, stable under the templates' ``striptags|e``
    metatags: str
    body: str


@dataclass
class Plan:
    """What this build writes: computed before the env is pickled, used at write time."""

    write: list[str] = field(default_factory=list)  #: keys
    remove: list[str] = field(default_factory=list)  #: pagenames of vanished pages


def page_title(record: Publication) -> str:
    """The ``title`` context value: markupsafe-escaped, whitespace collapsed.

    Templates print it as ``{{ title }}`` and ``{{ title|striptags|e }}``; both
    give this very string back, so one sentinel stands for every occurrence.
    """
    return str(markupsafe.escape(" ".join((record.title.plain or record.key).split())))


# -- what a page is made from --------------------------------------------------------
def _nav_state(app: Sphinx) -> tuple:
    """The site's navigation as the theme draws it: toctrees and document titles."""
    env = app.env
    titles = sorted((doc, node.astext()) for doc, node in env.titles.items())
    includes = sorted((doc, tuple(children)) for doc, children in env.toctree_includes.items())
    return (titles, includes, sorted(env.all_docs))


def _config_state(app: Sphinx) -> str:
    """The HTML config, hashed as Sphinx's build info does, but blind to repeated list items.

    pydata-sphinx-theme appends its components folder to the shared default
    ``templates_path`` once per app, so in one process (tests, an in-process
    rebuild) the list grows and Sphinx's own hash changes without any real change.
    """
    values: dict[str, Any] = {}
    for option in app.config.filter(frozenset({"html"})):
        value = option.value
        if isinstance(value, (list, tuple)):
            value = sorted(set(map(stable_digest, value)))
        values[option.name] = value
    return stable_digest(values)


def _common_state(app: Sphinx) -> str:
    """Everything every paper page depends on, computed without loading the records."""
    builder = app.builder
    info = getattr(builder, "build_info", None)
    templates = getattr(builder, "templates", None)
    domain = get_domain(app.env)
    build = state_of(app.env)
    state = domain.data["state"]
    return digest(
        sphinx.__version__,
        str(app.outdir),
        _config_state(app),
        getattr(info, "tags_hash", ""),
        templates.newest_template_mtime() if templates else 0,
        repr(build.config),
        build.registry.digest(),
        _nav_state(app),
        code_state(),
        # the folders thumbnails and PDFs live in, not the bib's mtime: touching refs.bib
        # without changing it must not rewrite every page
        # (the files each entry names are digested per page, below: watched.py)
        state[2:-1] if isinstance(state, tuple) else state,
    )


def _home(app: Sphinx) -> str:
    """The page listing the most papers: the breadcrumb's "Publications"."""
    homes = state_of(app.env).homes
    counts: dict[str, int] = {}
    for docname in homes.values():
        counts[docname] = counts.get(docname, 0) + 1
    return min(counts, key=lambda d: (-counts[d], d)) if counts else ""


def _output_exists(app: Sphinx) -> Callable[[str], bool]:
    """Whether a paper page's file exists, for thousands of pages on every build.

    Strings, not ``builder.get_output_path`` (pathlib is slow at this count); a paper
    page name ends in ``/index``, which html and dirhtml both
    write to ``<name>.html``.
    """
    prefix = os.path.join(str(app.outdir), "")
    suffix = app.builder.out_suffix  # type: ignore[attr-defined]
    return lambda pagename: os.path.isfile(prefix + pagename + suffix)


def plan_pages(app: Sphinx) -> bool:
    """After reading: digest every page; decide which to write and which to remove.

    When neither the bib nor anything shared changed, only missing files are
    written, and the records are not even loaded (see sidecar.py). Returns whether
    the digests changed: Sphinx saves the environment only when a document is
    rewritten, and without that the new digests would be lost and every later
    build would rewrite every paper page.
    """
    build = state_of(app.env)
    build.pages_plan = None
    domain = get_domain(app.env)
    old: dict[str, tuple[str, str]] = domain.data["page_digests"]
    if not build.paper_pages:
        if old and app.builder.format == "html":
            build.pages_plan = Plan(remove=sorted({name for name, _ in old.values()}))
            domain.data["page_digests"] = {}
            domain.data["page_state"] = None
            return True
        return False
    shared = (_common_state(app), domain.queries_digest())
    if not build.bib_changed and domain.data.get("page_state") == shared:
        exists = _output_exists(app)
        build.pages_plan = Plan(write=[k for k, (name, _) in old.items() if not exists(name)])
        return False
    exists = _output_exists(app)
    common = digest(shared[0], _home(app))
    new: dict[str, tuple[str, str]] = {}
    plan = Plan()
    shown = build.shown
    files = domain.file_states
    for key, record in domain.records.items():
        if key not in shown:  # an entry the site only cites, or does not use (scope.py)
            continue
        pagename = build.paper_pagename(domain.slugs[key])
        if pagename in app.env.all_docs:
            where = record.source
            logger.warning(
                f"a document has the name of the paper page {pagename!r}; it is kept and "
                f"the paper gets no page [{key}]",
                location=f"{where.file}:{where.line}" if where.line else where.file or None,
                type="scholar",
                subtype="config",
            )
            continue
        state = (pagename, digest(common, record.digest, files.get(key)))
        new[key] = state
        if old.get(key) != state or not exists(pagename):
            plan.write.append(key)
    live = {name for name, _ in new.values()}
    plan.remove = sorted({name for name, _ in old.values()} - live)
    changed = new != old or domain.data.get("page_state") != shared
    domain.data["page_digests"] = new
    domain.data["page_state"] = shared
    build.pages_plan = plan
    warn([d for d in map(indexing_problem, (domain.records[k] for k in plan.write)) if d])
    return changed


# -- rendering ----------------------------------------------------------------------
def make_page(app: Sphinx, key: str, ctx: CardContext | None = None) -> PaperPage:
    """One paper's title, head tags and body, with links relative to its page."""
    domain = get_domain(app.env)
    record = domain.records[key]
    slug = domain.slugs[key]
    pagename = state_of(app.env).paper_pagename(slug)
    ctx = ctx or card_context(app, pagename)
    view = card_view(record, ctx, None)
    own_thumb = bool(record.thumbnail) and bool(ctx.file_url(record.thumbnail, ctx.preview_dir))
    base = site_url(app)
    urls = paper_urls(
        base + app.builder.get_target_uri(pagename) if base else "",
        record,
        [link.url for link in view.links],
        view.thumb_url if own_thumb else "",
        [base if author.owner else author.url for author in view.authors],
    )
    return PaperPage(
        key=key,
        slug=slug,
        pagename=pagename,
        title=page_title(record),
        metatags=paper_head_html(record, urls, _site_name(app), ctx.messages),
        body=paper_body_html(view, ctx.legend, show_thumb=own_thumb, messages=ctx.messages),
    )


def _site_name(app: Sphinx) -> str:
    return str(app.config.html_title or app.config.project or "")


def page_context(app: Sphinx, page: PaperPage, home: str | None = None) -> dict[str, Any]:
    """The template context: what ``get_doc_context`` gives a document, for a paper.

    ``home`` (the breadcrumb's parent) is computed when not given.
    """
    home = _home(app) if home is None else home
    parents = []
    if home:
        title = app.env.titles.get(home)
        parents.append(
            {
                "link": app.builder.get_relative_uri(page.pagename, home),
                "title": esc(title.astext() if title else "Publications"),
            }
        )
    return {
        "title": page.title,
        "body": page.body,
        "metatags": page.metatags,
        "parents": parents,
        "prev": None,
        "next": None,
        "display_toc": False,
        "meta": {},
        "sourcename": "",
        "page_source_suffix": "",
        "scholar_paper": True,
    }


def render_normally(
    app: Sphinx, page: PaperPage, outfilename: Path | None = None, home: str | None = None
) -> None:
    """The page through Sphinx's own machinery (what the shell must reproduce)."""
    context = page_context(app, page, home)
    app.builder.handle_page(  # type: ignore[attr-defined]
        page.pagename, context, "page.html", outfilename=outfilename
    )


@dataclass(frozen=True)
class Shell:
    """A rendered page cut at its sentinels: literal text and sentinel names, alternating."""

    parts: tuple[str, ...]

    def fill(self, page: PaperPage) -> str:
        values = {SLUG: page.slug, TITLE: page.title, META: page.metatags, BODY: page.body}
        return "".join(
            values.get(part, part) if i % 2 else part for i, part in enumerate(self.parts)
        )


def make_shell(app: Sphinx, home: str | None = None) -> Shell | None:
    """Render the sentinel page once; None if the output lost a sentinel."""
    sentinel = PaperPage(
        key="",
        slug=SLUG,
        pagename=state_of(app.env).paper_pagename(SLUG),
        title=TITLE,
        metatags=META,
        body=BODY,
    )
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "shell.html"
        render_normally(app, sentinel, target, home)
        text = target.read_text(encoding=app.config.html_output_encoding)
    parts = tuple(_SENTINEL.split(text))
    found = parts[1::2]
    if found.count(BODY) != 1 or found.count(META) != 1 or TITLE not in found:
        return None
    return Shell(parts)


def _write(app: Sphinx, page: PaperPage, text: str) -> None:
    """Write as handle_page does, but leave a file that already holds this page alone.

    Overwriting costs several reads (truncation); a digest can
    change without the page changing (a code or config edit that this page does not show).
    """
    path = app.builder.get_output_path(page.pagename)  # type: ignore[attr-defined]
    write_if_changed(path, text, app.config.html_output_encoding)


def _doc_folders(app: Sphinx) -> set[str]:
    """Every folder that holds a document ("a/", "a/b/", ...)."""
    folders: set[str] = set()
    for doc in app.env.all_docs:
        parts = doc.split("/")[:-1]
        folders.update("/".join(parts[: i + 1]) + "/" for i in range(len(parts)))
    return folders


def write_pages(app: Sphinx, keys: list[str], use_shell: bool = True) -> int:
    """Write the pages of *keys*; returns how many went through the shell.

    Pages are made and written one at a time, so memory stays flat at any size.
    """
    home = _home(app)
    build = state_of(app.env)
    # Links from a page depend only on its folder's depth (documents inside a paper's
    # folder excepted), so one card context serves every paper page.
    shared = card_context(app, build.paper_pagename(SLUG))
    folders = _doc_folders(app)
    slugs = get_domain(app.env).slugs
    special: list[str] = []
    common: list[str] = []
    for key in keys:
        # a paper whose folder holds documents: links into it differ from the shell's
        folder = build.paper_pagename(slugs[key]).rsplit("/", 1)[0] + "/"
        (special if folder in folders else common).append(key)
    shell = make_shell(app, home) if use_shell and len(common) >= SHELL_MIN_PAGES else None
    if shell is not None:
        first = make_page(app, common.pop(0), shared)
        render_normally(app, first, home=home)
        written = app.builder.get_output_path(first.pagename).read_text(  # type: ignore[attr-defined]
            encoding=app.config.html_output_encoding
        )
        if written != shell.fill(first):
            logger.info(
                "sphinx-scholar: the theme puts page-specific content in paper pages beyond "
                "the title, head and body; rendering each page in full"
            )
            shell = None
    if shell is None:
        for key in common:
            render_normally(app, make_page(app, key, shared), home=home)
        common = []
    for key in common:
        page = make_page(app, key, shared)
        _write(app, page, shell.fill(page))  # type: ignore[union-attr]
    for key in special:
        render_normally(app, make_page(app, key), home=home)
    return len(common)


def remove_pages(app: Sphinx, pagenames: list[str]) -> None:
    """Delete vanished pages, and their folders once empty."""
    outdir = Path(app.outdir)
    for pagename in pagenames:
        path = app.builder.get_output_path(pagename)  # type: ignore[attr-defined]
        if not inside(app, path):
            continue
        path.unlink(missing_ok=True)
        folder = path.parent
        while folder != outdir and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent


def write_planned(app: Sphinx) -> None:
    """``html-collect-pages``: remove vanished pages, write changed ones (ourselves)."""
    build = state_of(app.env)
    plan = build.pages_plan
    if plan is None:
        return
    remove_pages(app, plan.remove)
    if plan.write and build.paper_pages:
        total = len(get_domain(app.env).data["page_digests"])
        logger.info(
            f"sphinx-scholar: writing {len(plan.write)} paper pages "
            f"({total - len(plan.write)} unchanged)"
        )
        write_pages(app, plan.write)
