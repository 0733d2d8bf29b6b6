"""Where search engines look: the home page's Person JSON-LD, OpenGraph tags of every
page, sitemap.xml and robots.txt (the paper pages' own head: render/head.py).

Every absolute URL here is made from ``html_baseurl``, so a site served under a
sub-path (a GitHub project page, a Read the Docs version) gets right URLs.
Without ``html_baseurl`` there is nothing to make them from: the sitemap and
robots.txt are skipped (an info message says so), as Sphinx skips the canonical link.

Why our own sitemap rather than sphinx-sitemap (2.9.0, read in its ``__init__.py``):
it collects the pages to list in its ``html-page-context`` handler
(``add_html_link``, lines 153-188), so an incremental build lists only the pages
written in that build and drops the rest (and our paper pages, written from a
shell, would be missing); its ``builder-inited`` handler starts a
``multiprocessing.Manager()`` server process on every build (line 123), a process
start on every no-op rebuild; its default URL scheme ``{lang}{version}{link}``
(lines 41-43 and 236-245) puts ``en/`` into every URL of a site with
``language = "en"``; and ``site_url.rstrip("/") + "/"`` (line 199) discards its
result, so a base URL without a trailing slash is glued to each page name.
Listing every document and paper page from the environment takes a few lines
and has none of these problems.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from sphinx.application import Sphinx
from sphinx.util import logging

from ..core.files import is_remote
from ..core.people import entries_from_config
from ..core.urls import is_external, is_safe
from ..render.head import json_ld, meta_name, meta_property, robots_txt, sitemap_xml
from .domain import get_domain
from .output import file_url, page_url, site_url, write_if_changed
from .state import state_of

logger = logging.getLogger(__name__)

SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"


# -- the home page ------------------------------------------------------------------
def profile_name(app: Sphinx) -> str:
    """The person the site is about: ``scholar_profile["name"]``, the owner, the project."""
    config = state_of(app.env).config
    name = config.profile.get("name")
    if isinstance(name, str) and name.strip():
        return name.strip()
    entries, _ = entries_from_config(config.owner, {})
    return entries[0].name if entries else str(app.config.project or "")


def person_ld(app: Sphinx) -> dict[str, Any]:
    """schema.org Person for the home page, from ``scholar_profile``."""
    profile = state_of(app.env).config.profile
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": profile_name(app),
    }
    if isinstance(profile.get("title"), str) and profile["title"]:
        data["jobTitle"] = profile["title"]
    if isinstance(profile.get("affiliation"), str) and profile["affiliation"]:
        data["affiliation"] = {"@type": "Organization", "name": profile["affiliation"]}
        url = profile.get("affiliation_url")
        if isinstance(url, str) and is_external(url):
            data["affiliation"]["url"] = url
    # No "email": the profile header hides the address from harvesters, and JSON-LD is
    # the first thing a harvester reads.
    base = site_url(app)
    if base:
        data["url"] = base
    photo = profile.get("photo")
    if isinstance(photo, str) and photo:
        image = file_url(app, photo, "")
        if image:
            data["image"] = image
    links = profile.get("links")
    if isinstance(links, Mapping):
        same = [str(url) for url in links.values() if isinstance(url, str) and is_external(url)]
        if same:
            data["sameAs"] = same
    return data


def add_person(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: the home page's Person JSON-LD (from ``scholar_profile``).

    Descriptions of documents come from sphinxext-opengraph or theme.py; paper
    pages bring their own head (:mod:`sphinx_scholar.pages`).
    """
    if pagename == app.config.root_doc and not context.get("scholar_paper"):
        metatags = context.get("metatags") or ""
        context["metatags"] = metatags + json_ld(person_ld(app)) + "\n"


_DESCRIPTION = re.compile(r'<meta\s+name="description"\s+content="([^"]*)"')


def add_open_graph(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: OpenGraph and Twitter tags for pages written from documents.

    Why not sphinxext-opengraph (it still works, and this steps aside when it is
    loaded): at load time it imports matplotlib whenever that is installed, for its
    social cards, which costs every build and every live-preview rebuild more than
    rebuilding a page does (bench/measurements.md). Without matplotlib it prints a notice on
    every build. A homepage needs five tags from data the build already has: the
    title, the description written just before (theme.py), the URL, the site's name
    and, on the home page, the owner's photo.
    """
    if doctree is None or "sphinxext.opengraph" in app.extensions:
        return
    metatags = context.get("metatags") or ""
    if 'property="og:title"' in metatags:  # a paper page brings its own
        return
    title = html.unescape(re.sub(r"<[^>]+>", "", context.get("title") or ""))
    found = _DESCRIPTION.search(metatags)
    summary = html.unescape(found.group(1)) if found else ""
    site_name = app.config.html_title or app.config.project or ""
    lines = [meta_property("og:title", title or site_name), meta_property("og:type", "website")]
    url = page_url(app, pagename)
    if url:
        lines.append(meta_property("og:url", url))
    if site_name:
        lines.append(meta_property("og:site_name", site_name))
    if summary:
        lines.append(meta_property("og:description", summary))
    image = _profile_photo_url(app) if pagename == app.config.root_doc else ""
    if image:
        lines.append(meta_property("og:image", image))
    lines.append(meta_name("twitter:card", "summary"))
    context["metatags"] = metatags + "\n".join(lines) + "\n"


#: Formats link previews show (Facebook, LinkedIn, Slack, X...); none shows an SVG.
RASTER = (".png", ".jpg", ".jpeg", ".webp", ".gif")


def social_image(photo: str, exists: Callable[[str], bool]) -> str:
    """The photo for link previews: itself when it is a raster image, else a raster of
    the same name beside it (``me.svg`` -> ``me.png``), else "" (no ``og:image``: a
    preview without a picture beats a broken one)."""
    path = photo.split("?", 1)[0].split("#", 1)[0]
    if path.lower().endswith(RASTER):
        return photo
    if is_remote(photo):
        return ""
    stem = path.rsplit(".", 1)[0] if "." in path.rsplit("/", 1)[-1] else path
    return next((stem + ext for ext in RASTER if exists(stem + ext)), "")


def _profile_photo_url(app: Sphinx) -> str:
    """The owner's photo as an absolute URL (a file of the site, under html_baseurl),
    as a raster image (:func:`social_image`)."""
    photo = state_of(app.env).config.profile.get("photo")
    base = site_url(app)
    if not isinstance(photo, str) or not photo.strip():
        return ""
    srcdir = Path(app.srcdir)
    photo = social_image(photo.strip(), lambda name: (srcdir / name.lstrip("/")).is_file())
    if not photo:
        return ""
    if is_remote(photo):
        return photo if is_safe(photo) else ""
    return urljoin(base, photo.lstrip("/")) if base else ""


# -- sitemap.xml and robots.txt -----------------------------------------------------------
def sitemap_pages(app: Sphinx) -> list[str]:
    """Every document, then every paper page (search and genindex are not documents).

    Paper pages come from ``page_digests`` (see pages.py), so listing them needs
    no records: the sitemap costs a few milliseconds on a no-op rebuild.
    """
    pages = sorted(app.env.all_docs)
    if state_of(app.env).paper_pages:
        digests = get_domain(app.env).data["page_digests"]
        pages += [name for name, _ in digests.values()]
    return pages


def _own_robots(app: Sphinx) -> bool:
    """True when the site ships its own robots.txt (``html_extra_path``): it wins."""
    extra = app.config.html_extra_path
    return any((Path(app.confdir) / folder / ROBOTS).is_file() for folder in extra)


def write_sitemap(app: Sphinx) -> None:
    """At the end of the build: sitemap.xml and robots.txt, rewritten only when they change."""
    if app.builder.name not in {"html", "dirhtml"}:
        return
    base = site_url(app)
    if not base:
        logger.info(
            "sphinx-scholar: html_baseurl is not set, so no sitemap.xml, robots.txt, "
            "feeds or canonical links (they need absolute URLs)"
        )
        return
    outdir = Path(app.outdir)
    urls = [base + app.builder.get_target_uri(name) for name in sitemap_pages(app)]
    write_if_changed(outdir / SITEMAP, sitemap_xml(urls))
    if not _own_robots(app):
        write_if_changed(outdir / ROBOTS, robots_txt(base + SITEMAP))


def default_ogp_site_url(app: Sphinx, config: Any) -> None:
    """``config-inited``: sphinxext-opengraph's og:url is relative unless ``ogp_site_url``
    is set; default it to ``html_baseurl`` so every og:url is absolute."""
    if "ogp_site_url" in config and not config.ogp_site_url and config.html_baseurl:
        # with a trailing slash: opengraph urljoin()s, which drops a last path segment
        config.ogp_site_url = config.html_baseurl.strip().rstrip("/") + "/"
