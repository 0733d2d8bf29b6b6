"""What search engines read: head tags of paper pages, JSON-LD, sitemap.xml and robots.txt.

Google Scholar indexes a paper from a page of its own carrying Highwire Press
``citation_*`` meta tags (https://scholar.google.com/intl/en/scholar/inclusion.html);
Google and other engines read schema.org JSON-LD and OpenGraph/Twitter tags.
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
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin
from xml.sax.saxutils import escape as xml_escape

from sphinx.application import Sphinx
from sphinx.util import logging

from ..core.files import is_remote
from ..core.people import entries_from_config
from ..core.records import Publication
from ..core.urls import arxiv_url, doi_url, is_external, is_safe
from ..render.html import esc
from ..render.paper import description, page_range
from .config import ScholarConfig
from .context import has_paper_pages
from .domain import get_domain
from .loading import site_files

logger = logging.getLogger(__name__)

SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
#: Highwire's venue tag for each entry type (others get none).
_VENUE_TAG = {
    "inproceedings": "citation_conference_title",
    "conference": "citation_conference_title",
    "article": "citation_journal_title",
    "periodical": "citation_journal_title",
    "phdthesis": "citation_dissertation_institution",
    "mastersthesis": "citation_dissertation_institution",
    "thesis": "citation_dissertation_institution",
    "techreport": "citation_technical_report_institution",
    "report": "citation_technical_report_institution",
    "incollection": "citation_inbook_title",
    "inbook": "citation_inbook_title",
}


# -- URLs -----------------------------------------------------------------------
def site_url(app: Sphinx) -> str:
    """``html_baseurl`` ending in one slash, or "" when it is not set."""
    base = (app.config.html_baseurl or "").strip()
    return base.rstrip("/") + "/" if base else ""


def page_url(app: Sphinx, pagename: str) -> str:
    """The absolute URL of a page (as Sphinx's canonical link has it), or ""."""
    base = site_url(app)
    return base + app.builder.get_target_uri(pagename) if base else ""


def file_url(app: Sphinx, value: str, folder: str) -> str:
    """The absolute URL of a file a bib field names, or "" (missing, or no base URL)."""
    if is_remote(value):
        return value if is_external(value) else ""
    base = site_url(app)
    if not base:
        return ""
    served, _ = site_files(app).resolve(value, folder)
    return base + served if served else ""


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


# -- tags -------------------------------------------------------------------------
def meta_name(name: str, content: str) -> str:
    """A ``<meta name>``; *name* is one of our constants, *content* is escaped."""
    return f'<meta name="{name}" content="{esc(content)}" />'


def meta_property(prop: str, content: str) -> str:
    return f'<meta property="{prop}" content="{esc(content)}" />'


def json_ld(data: Mapping[str, Any]) -> str:
    """A JSON-LD script that no value can break out of (``</script>``, ``<!--``)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'


@dataclass(frozen=True)
class PaperUrls:
    """Absolute URLs a paper's head needs; "" where unknown."""

    page: str = ""
    pdf: str = ""  #: only a PDF the site itself serves
    image: str = ""
    authors: tuple[str, ...] = ()  #: one URL (or "") per author, in order


def publication_date(record: Publication, sep: str = "/") -> str:
    """'2025/07' or '2025' (Highwire); with sep='-', ISO 8601 for schema.org."""
    if record.year is None:
        return ""
    return f"{record.year:04d}{sep}{record.month:02d}" if record.month else f"{record.year:04d}"


def citation_name(given: str, family: str) -> str:
    """'Family, Given': unambiguous for Scholar when a family name has several words."""
    return f"{family}, {given}" if given and family else family or given


def highwire_tags(record: Publication, urls: PaperUrls) -> list[tuple[str, str]]:
    """Google Scholar's tags, in the order its inclusion guidelines list them."""
    tags = [("citation_title", record.title.plain)]
    tags += [
        ("citation_author", citation_name(a.given, a.family))
        for a in record.authors
        if not a.others
    ]
    date = publication_date(record)
    if date:
        tags.append(("citation_publication_date", date))
    venue_tag = _VENUE_TAG.get(record.entry_type)
    if venue_tag and record.venue:
        tags.append((venue_tag, record.venue.plain))
    tags.append(("citation_volume", record.volume))
    if record.entry_type in {"techreport", "report"}:
        tags.append(("citation_technical_report_number", record.number))
    else:
        tags.append(("citation_issue", record.number))
    first, last = page_range(record.pages)
    if first:
        tags.append(("citation_firstpage", first))
    if last:
        tags.append(("citation_lastpage", last))
    if record.publisher:
        tags.append(("citation_publisher", record.publisher))
    if record.doi:
        tags.append(("citation_doi", record.doi))
    if record.arxiv:
        tags.append(("citation_arxiv_id", record.arxiv))
    if urls.page:
        tags.append(("citation_abstract_html_url", urls.page))
    if urls.pdf:
        tags.append(("citation_pdf_url", urls.pdf))
    return [(name, value) for name, value in tags if value]


def scholarly_article(
    record: Publication, urls: PaperUrls, summary: str | None = None
) -> dict[str, Any]:
    """schema.org ScholarlyArticle: what Google's rich results read."""
    title = record.title.plain
    authors: list[dict[str, str]] = []
    author_urls = urls.authors or ("",) * len(record.authors)
    for author, url in zip(record.authors, author_urls, strict=False):
        if author.others:
            continue
        person = {"@type": "Person", "name": author.name}
        if author.given:
            person["givenName"] = author.given
        if author.family:
            person["familyName"] = author.family
        if url:
            person["url"] = url
        authors.append(person)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": title,
        "name": title,
        "author": authors,
    }
    date = publication_date(record, "-")
    if date:
        data["datePublished"] = date
    if record.venue:
        if record.entry_type in {"phdthesis", "mastersthesis", "thesis"}:
            data["sourceOrganization"] = {"@type": "Organization", "name": record.venue.plain}
        else:
            kind = "Periodical" if record.is_journal else "CreativeWork"
            data["isPartOf"] = {"@type": kind, "name": record.venue.plain}
    if record.abstract:
        data["abstract"] = record.abstract.plain
    data["description"] = description(record) if summary is None else summary
    if urls.page:
        data["url"] = urls.page
        data["mainEntityOfPage"] = urls.page
    if urls.image:
        data["image"] = urls.image
    same = [doi_url(record.doi)] if record.doi else []
    if record.arxiv:
        same.append(arxiv_url(record.arxiv))
    if same:
        data["sameAs"] = same
    if record.doi:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": record.doi}
    if record.publisher:
        data["publisher"] = {"@type": "Organization", "name": record.publisher}
    keywords = ", ".join(record.tags)
    if keywords:
        data["keywords"] = keywords
    return data


def paper_head_html(record: Publication, urls: PaperUrls, site_name: str) -> str:
    """Every head tag of a paper page: description, Highwire, OpenGraph, Twitter, JSON-LD."""
    title = record.title.plain
    summary = description(record)
    lines = [meta_name("description", summary)]
    lines += [meta_name(name, value) for name, value in highwire_tags(record, urls)]
    lines += [meta_property("og:title", title), meta_property("og:type", "article")]
    if urls.page:
        lines.append(meta_property("og:url", urls.page))
    if site_name:
        lines.append(meta_property("og:site_name", site_name))
    lines.append(meta_property("og:description", summary))
    date = publication_date(record, "-")
    if date:
        lines.append(meta_property("article:published_time", date))
    if urls.image:
        lines.append(meta_property("og:image", urls.image))
        alt = record.thumbnail_alt or f"Figure from “{record.short_title}”"
        lines.append(meta_property("og:image:alt", alt))
    lines += [
        meta_name("twitter:card", "summary_large_image" if urls.image else "summary"),
        meta_name("twitter:title", title),
        meta_name("twitter:description", summary),
    ]
    if urls.image:
        lines.append(meta_name("twitter:image", urls.image))
    lines.append(json_ld(scholarly_article(record, urls, summary)))
    return "\n".join(lines) + "\n"


# -- the home page ------------------------------------------------------------------
def profile_name(app: Sphinx) -> str:
    """The person the site is about: ``scholar_profile["name"]``, the owner, the project."""
    config = ScholarConfig.of(app)
    name = config.profile.get("name")
    if isinstance(name, str) and name.strip():
        return name.strip()
    entries, _ = entries_from_config(config.owner, {})
    return entries[0].name if entries else str(app.config.project or "")


def person_ld(app: Sphinx) -> dict[str, Any]:
    """schema.org Person for the home page, from ``scholar_profile``."""
    profile = ScholarConfig.of(app).profile
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
    social cards; that was 0.8 s of each build and each live-preview rebuild here,
    four times the work of rebuilding a page. Without matplotlib it prints a notice on
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


def _profile_photo_url(app: Sphinx) -> str:
    """The owner's photo as an absolute URL (a file of the site, under html_baseurl)."""
    photo = ScholarConfig.of(app).profile.get("photo")
    base = site_url(app)
    if not isinstance(photo, str) or not photo.strip():
        return ""
    if is_remote(photo):
        return photo if is_safe(photo) else ""
    return urljoin(base, photo.strip().lstrip("/")) if base else ""


# -- sitemap.xml and robots.txt -----------------------------------------------------------
def sitemap_pages(app: Sphinx) -> list[str]:
    """Every document, then every paper page (search and genindex are not documents).

    Paper pages come from ``page_digests`` (see pages.py), so listing them needs
    no records: the sitemap costs a few milliseconds on a no-op rebuild.
    """
    pages = sorted(app.env.all_docs)
    if has_paper_pages(app):
        digests = get_domain(app.env).data["page_digests"]
        pages += [name for name, _ in digests.values()]
    return pages


def sitemap_xml(urls: Iterable[str]) -> str:
    """The sitemaps.org format; no ``lastmod``: a build cannot know it without guessing."""
    rows = "".join(f"<url><loc>{xml_escape(url)}</loc></url>\n" for url in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{rows}</urlset>\n"
    )


def robots_txt(sitemap_url: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n"


def _own_robots(app: Sphinx) -> bool:
    """True when the site ships its own robots.txt (``html_extra_path``): it wins."""
    extra = app.config.html_extra_path
    return any((Path(app.confdir) / folder / ROBOTS).is_file() for folder in extra)


def writes_site_files(app: Sphinx) -> bool:
    """Sitemap and feeds exist for multi-page HTML output with a base URL."""
    return app.builder.name in {"html", "dirhtml"} and bool(site_url(app))


def write_sitemap(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: sitemap.xml and robots.txt, rewritten only when they change."""
    if exception is not None or app.builder.name not in {"html", "dirhtml"}:
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


def paper_urls(
    page: str,
    record: Publication,
    link_urls: Sequence[str],
    thumb_url: str,
    author_urls: Sequence[str],
) -> PaperUrls:
    """Absolute URLs for a paper's head, from the page-relative ones its card view resolved.

    ``link_urls`` are the view's URLs of ``record.links`` (same order); ``page`` is
    the page's absolute URL ("" without ``html_baseurl``: then only external URLs remain).
    """

    def absolute(url: str) -> str:
        if not url or is_external(url):
            return url
        return urljoin(page, url) if page else ""

    pdf = ""
    for link, url in zip(record.links, link_urls, strict=False):
        # only a file of the site itself: Scholar wants the PDF on the page's host
        if link.kind == "pdf" and link.url and not is_remote(link.url) and url:
            pdf = absolute(url)
            break
    return PaperUrls(
        page=page,
        pdf=pdf,
        image=absolute(thumb_url),
        authors=tuple(absolute(url) for url in author_urls),
    )


def default_ogp_site_url(app: Sphinx, config: Any) -> None:
    """``config-inited``: sphinxext-opengraph's og:url is relative unless ``ogp_site_url``
    is set; default it to ``html_baseurl`` so every og:url is absolute."""
    if "ogp_site_url" in config and not config.ogp_site_url and config.html_baseurl:
        # with a trailing slash: opengraph urljoin()s, which drops a last path segment
        config.ogp_site_url = config.html_baseurl.strip().rstrip("/") + "/"


def setup(app: Sphinx) -> None:
    app.connect("config-inited", default_ogp_site_url)
    app.connect("html-page-context", add_person)
    # after theme.py's meta description (priority 900)
    app.connect("html-page-context", add_open_graph, priority=920)
    app.connect("build-finished", write_sitemap)
