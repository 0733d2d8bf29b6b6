"""What a build writes into the output folder besides Sphinx's own pages, and where
the site is served (absolute URLs come from ``html_baseurl``)."""

from __future__ import annotations

import os
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders import Builder

from ..core.files import is_remote
from ..core.urls import is_external
from .state import state_of


def site_url(app: Sphinx) -> str:
    """``html_baseurl`` ending in one slash, or "" when it is not set."""
    base = (app.config.html_baseurl or "").strip()
    return base.rstrip("/") + "/" if base else ""


def page_url(app: Sphinx, pagename: str) -> str:
    """The absolute URL of a page (as Sphinx's canonical link has it), or ""."""
    base = site_url(app)
    return base + app.builder.get_target_uri(pagename) if base else ""


def anchor_uri(builder: Builder, docname: str, target: str, anchor: str) -> str:
    """A link from page *docname* to the element *anchor* of document *target*.

    Not ``get_relative_uri(...) + "#" + anchor``: the single-page builder gives every
    document as a fragment of the one page (``#document-pubs``), and a second ``#`` made
    a link that goes nowhere. Ids are unique on that page, so the anchor alone is enough.
    """
    uri = "" if target == docname else builder.get_relative_uri(docname, target)
    if not anchor:
        return uri
    return f"{uri.partition('#')[0]}#{anchor}"


def file_url(app: Sphinx, value: str, folder: str) -> str:
    """The absolute URL of a file a bib field names, or "" (missing, or no base URL)."""
    if is_remote(value):
        return value if is_external(value) else ""
    base = site_url(app)
    if not base:
        return ""
    served, _ = state_of(app.env).files.resolve(value, folder)
    return base + served if served else ""


def inside(app: Sphinx, path: Path) -> bool:
    """Whether *path* is in the output folder: the last guard before writing or removing
    a file whose name came from conf.py (the config check refuses such names already,
    but an environment saved before that check may still hold one)."""
    outdir = os.path.realpath(app.outdir)
    return os.path.commonpath([outdir, os.path.realpath(path)]) == outdir


def writes_site_files(app: Sphinx) -> bool:
    """Sitemap and feeds exist for multi-page HTML output with a base URL."""
    return app.builder.name in {"html", "dirhtml"} and bool(site_url(app))


def write_if_changed(path: Path, text: str, encoding: str = "utf-8") -> bool:
    """Write *text* unless the file already holds it (no-op builds touch nothing)."""
    data = text.encode(encoding, "xmlcharrefreplace")
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True
