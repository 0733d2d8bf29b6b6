"""What search engines read, as HTML and XML: head tags of paper pages, JSON-LD, sitemaps.

Google Scholar indexes a paper from a page of its own carrying Highwire Press
``citation_*`` meta tags (https://scholar.google.com/intl/en/scholar/inclusion.html);
Google and other engines read schema.org JSON-LD and OpenGraph/Twitter tags.
Pure functions of records and absolute URLs; :mod:`sphinx_scholar.sphinx_ext.seo`
knows where the site is served.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin
from xml.sax.saxutils import escape as xml_escape

from ..core.files import is_remote
from ..core.messages import ENGLISH, Messages
from ..core.records import Publication
from ..core.text import xml_text
from ..core.urls import arxiv_url, doi_url, is_external
from .html import esc
from .paper import description, page_range

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


def paper_head_html(
    record: Publication, urls: PaperUrls, site_name: str, messages: Messages = ENGLISH
) -> str:
    """Every head tag of a paper page: description, Highwire, OpenGraph, Twitter, JSON-LD."""
    _ = messages
    title = record.title.plain
    summary = description(record, messages=messages)
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
        figure = _("Figure from “{title}”")
        alt = record.thumbnail_alt or figure.format(title=record.short_title)
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


def sitemap_xml(urls: Iterable[str]) -> str:
    """The sitemaps.org format; no ``lastmod``: a build cannot know it without guessing."""
    rows = "".join(f"<url><loc>{xml_escape(xml_text(url))}</loc></url>\n" for url in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{rows}</urlset>\n"
    )


def robots_txt(sitemap_url: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n"


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
