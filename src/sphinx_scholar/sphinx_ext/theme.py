"""What pydata-sphinx-theme leaves undone for a fast, quiet, accessible homepage.

A stock pydata-sphinx-theme home page downloads an icon font and a script for a
dozen glyphs, blocks rendering on several scripts (three of them load the whole
search index on every page, for a search-as-you-type that is off), asks for a
``/favicon.ico`` that does not exist and logs a console error about an empty colour
mode (the audit figures are in bench/measurements.md). What changes:

* icons: ``templates/layout.html`` drops the Font Awesome script;
  ``static/scholar-theme.css`` draws each icon the theme shows as a CSS mask of a
  small SVG of our own, so the icon font is never downloaded (it still loads, on
  demand, for an icon link a site adds from the Font Awesome set);
* scripts: every ``<script>`` of a page runs deferred, in document order
  (:func:`defer_scripts`); the search scripts load only with search-as-you-type;
* favicon: ours (``static/scholar-favicon.svg``) unless ``html_favicon`` is set;
* a meta description on every page Sphinx writes from a document, and on its
  search and index pages (:func:`add_meta_description`);
* the colour mode defaults to ``auto`` where the theme wrote an empty one, and is
  resolved before the first paint, so a dark-mode reader sees no white flash. (Not
  through the theme's ``default_mode``: set to ``auto``, it writes
  ``data-theme="auto"`` into the HTML, which leaves a reader without JavaScript
  with no colours at all.);
* layout shifts on the publication list: the place of the
  secondary sidebar and of the filter box is kept from the first paint;
* blocking time on a phone: the theme's per-``<pre>``
  read-then-write loop no longer forces a style recalculation each (layout.html);
* the search button keeps a name when only its icon shows, and icon-link images
  are sized (templates ``search-button-field.html``, ``icon-links.html``).

The template overrides apply to pydata-sphinx-theme only; the rest works with
any theme. ``scholar_theme_fixes = False`` turns all of it off.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config

TEMPLATES = Path(__file__).parent.parent / "templates"
FAVICON = Path(__file__).parent.parent / "static" / "scholar-favicon.svg"
PYDATA = "pydata_sphinx_theme"
#: Long enough for a search result snippet, short enough not to be cut by one.
DESCRIPTION_CHARS = 160
#: Pages Sphinx makes without a document (so without a doctree) that still deserve
#: a description. Pages from other ``html-collect-pages`` handlers (paper pages,
#: feeds) write their own head and are left alone.
GENERATED_PAGES = {"search.html": "Search", "genindex.html": "Index"}


def register_templates(app: Sphinx, config: Config) -> None:
    """``config-inited``: our CSS, and our template overrides after the site's own (before
    the theme's)."""
    if not config.scholar_theme_fixes:
        return
    app.add_css_file("scholar-theme.css")
    if config.html_theme == PYDATA and str(TEMPLATES) not in config.templates_path:
        # a new list: when conf.py sets none, the value is Sphinx's shared default list
        # (which the theme's setup appends its components folder to, so in a process
        # that built before, that folder is already there): ours go before the theme's
        paths = [str(path) for path in config.templates_path]
        theirs = [i for i, path in enumerate(paths) if PYDATA in Path(path).parts]
        at = theirs[0] if theirs else len(paths)
        config.templates_path = [*paths[:at], str(TEMPLATES), *paths[at:]]
    if not config.html_favicon:
        config.html_favicon = str(FAVICON)


def mark_theme(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Tell our template overrides whether the page is pydata-sphinx-theme's
    (``html-page-context``). Sphinx finds them for every builder of the build, and the
    epub builder's theme has none of the theme templates they use."""
    theme = getattr(app.builder, "theme", None)
    context["scholar_pydata"] = getattr(theme, "name", "") == PYDATA


def defer_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Run every script of the page after parsing, keeping their order (``html-page-context``).

    Scripts from files get ``defer``; ``async`` ones too (they promised not to
    depend on order, and MathJax's inline configuration, run in order, must come
    before MathJax). Inline scripts cannot be deferred, so they become inline
    modules, which run in the same ordered queue as deferred scripts: an inline
    ``DOCUMENTATION_OPTIONS.pagename = ...`` still runs after the file defining
    ``DOCUMENTATION_OPTIONS``. Nothing then blocks the first paint but CSS.
    """
    if not app.config.scholar_theme_fixes or not app.config.scholar_defer_scripts:
        return
    scripts = context.get("script_files")
    if not scripts:
        return
    # Sphinx's script class is private (sphinx.builders.html._assets): take it from
    # Sphinx's own entries rather than import it
    asset = next((type(s) for s in scripts if getattr(s, "attributes", None) is not None), None)
    deferred = []
    for script in scripts:
        filename = getattr(script, "filename", None)
        attributes = getattr(script, "attributes", None)
        if attributes is None:  # an old-style plain string: a file
            deferred.append(asset(script, defer="defer") if asset else script)
            continue
        attrs = dict(attributes)
        if attrs.get("type") not in (None, "", "text/javascript"):
            deferred.append(script)  # a module, JSON data or a template: already fine
            continue
        if filename:
            attrs.pop("async", None)
            attrs["defer"] = "defer"
        elif attrs.get("body"):
            attrs["type"] = "module"
        deferred.append(type(script)(filename, priority=script.priority, **attrs))
    context["script_files"] = deferred


class _MetaNames(HTMLParser):
    """The ``name`` of every ``<meta>`` in a fragment of head HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            name = dict(attrs).get("name")
            if name:
                self.names.add(name.lower())


def has_meta(head_html: str, name: str) -> bool:
    parser = _MetaNames()
    parser.feed(head_html)
    parser.close()
    return name in parser.names


def shorten(text: str, limit: int = DESCRIPTION_CHARS) -> str:
    """*text* on one line, cut at a word boundary with an ellipsis when longer than *limit*."""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.-–—")
    return cut + "…"


def description_of(doctree: nodes.Node | None) -> str:
    """The page's first paragraphs, as a search engine's snippet would quote them."""
    if doctree is None:
        return ""
    parts: list[str] = []
    for paragraph in doctree.findall(nodes.paragraph):
        if paragraph.get("classes") and "admonition-title" in paragraph["classes"]:
            continue
        parts.append(paragraph.astext())
        if sum(len(p) for p in parts) >= DESCRIPTION_CHARS:
            break
    return shorten(" ".join(parts))


def add_meta_description(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: a ``<meta name="description">`` where nothing else wrote one.

    Runs after sphinxext-opengraph (which writes one when it is enabled) and
    after the paper pages' own head; fills in for sites without opengraph, and
    for Sphinx's search and index pages.
    """
    if not app.config.scholar_theme_fixes:
        return
    if doctree is None and templatename not in GENERATED_PAGES:
        return
    metatags = context.get("metatags") or ""
    if has_meta(metatags, "description"):
        return
    site = app.config.html_title or app.config.project or ""
    title = re.sub(r"<[^>]+>", "", context.get("title") or "") or GENERATED_PAGES.get(
        templatename, ""
    )
    title = html.unescape(title)
    text = description_of(doctree)
    if not text:
        about = app.config.scholar_site_description or site
        text = shorten(f"{title} – {about}" if title and title != about else about)
    if not text:
        return
    tag = f'<meta name="description" content="{html.escape(text, quote=True)}" />\n'
    context["metatags"] = metatags + tag
