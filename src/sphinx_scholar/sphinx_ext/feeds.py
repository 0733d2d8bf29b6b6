"""Atom feeds of the papers and of the news, made with feedgen.

Feeds are deterministic: every date comes from the input (a paper's year and
month, a news item's date) and the feed's ``updated`` is its newest entry, never
the clock, so two builds of one input give byte-identical files and a deploy
diff shows only real changes. Items without a date cannot be placed in time and
are left out (the ``indexing`` warning already names undated papers).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .. import __version__
from ..core.dates import parse_date
from ..core.records import NewsItem, Publication
from ..render.html import esc
from ..render.paper import description
from .config import ScholarConfig
from .context import digest, has_paper_pages, paper_pagename
from .domain import get_domain
from .seo import page_url, profile_name, site_url, write_if_changed, writes_site_files

ATOM = "application/atom+xml"


@dataclass(frozen=True)
class Entry:
    """One feed entry, independent of feedgen (so tests and sorting stay simple)."""

    id: str
    title: str
    date: datetime
    link: str
    summary: str = ""
    authors: tuple[str, ...] = ()


def paper_date(record: Publication) -> datetime | None:
    if record.year is None:
        return None
    return datetime(record.year, record.month or 1, 1, tzinfo=timezone.utc)


def news_date(text: str) -> datetime | None:
    """'2025', '2025-03' or '2025-03-14' (as the news directive wrote it) at UTC midnight."""
    date = parse_date(text)
    if date is None:
        return None
    return datetime(date.year, date.month or 1, date.day or 1, tzinfo=timezone.utc)


def newest_first(entries: Iterable[Entry]) -> list[Entry]:
    """Newest first; equal dates keep their input order (bib order, page order)."""
    return sorted(entries, key=lambda e: e.date, reverse=True)


def atom(
    entries: list[Entry], *, feed_id: str, title: str, site: str, author: str, subtitle: str = ""
) -> str:
    """The Atom document. ``entries`` must be non-empty and newest first."""
    # imported here: feedgen (with dateutil) takes ~0.1 s to import, and a no-op
    # rebuild, which writes no feed, should not pay for it
    from feedgen.feed import FeedGenerator

    feed = FeedGenerator()
    feed.id(feed_id)
    feed.title(title)
    if subtitle:
        feed.subtitle(subtitle)
    feed.updated(entries[0].date)
    feed.link(href=feed_id, rel="self", type=ATOM)
    feed.link(href=site, rel="alternate", type="text/html")
    if author:
        feed.author({"name": author})
    feed.generator("sphinx-scholar", __version__)
    for item in entries:
        entry = feed.add_entry(order="append")
        entry.id(item.id)
        entry.title(item.title)
        entry.updated(item.date)
        entry.published(item.date)
        entry.link(href=item.link, rel="alternate", type="text/html")
        if item.summary:
            entry.summary(item.summary)
        for name in item.authors:
            entry.author({"name": name})
    return feed.atom_str(pretty=True, encoding="UTF-8").decode("utf-8")


def paper_entries(app: Sphinx) -> list[Entry]:
    """One entry per dated paper, linking to its page (or its own URL without pages)."""
    domain = get_domain(app.env)
    config = ScholarConfig.of(app)
    pages = has_paper_pages(app)
    entries = []
    for key, record in domain.records.items():
        date = paper_date(record)
        if date is None:
            continue
        if pages and key in domain.slugs:
            link = page_url(app, paper_pagename(config, domain.slugs[key]))
        else:
            link = record.url or site_url(app)
        entries.append(
            Entry(
                id=link if pages else f"{site_url(app)}#{key}",
                title=record.title.plain or key,
                date=date,
                link=link,
                summary=description(record, limit=600),
                authors=tuple(a.name for a in record.authors if not a.others),
            )
        )
    return newest_first(entries)


def _headline(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def news_entries(app: Sphinx) -> list[Entry]:
    """One entry per dated news item, linking to the item on its page."""
    entries = []
    for docname, item in get_domain(app.env).items("news"):
        if not isinstance(item, NewsItem):
            continue
        date = news_date(item.date)
        if date is None or not item.text.strip():
            continue
        url = page_url(app, item.docname or docname)
        link = f"{url}#{item.anchor}" if item.anchor else url
        entries.append(
            Entry(id=link, title=_headline(item.text), date=date, link=link, summary=item.text)
        )
    return newest_first(entries)


def _site_title(app: Sphinx) -> str:
    return str(app.config.html_title or app.config.project or "")


def feeds(app: Sphinx) -> list[tuple[str, str, list[Entry]]]:
    """(file name, title, entries) of each feed this site has."""
    config = ScholarConfig.of(app)
    site = _site_title(app)
    out = []
    if config.papers_feed:
        out.append((config.papers_feed, f"Publications — {site}", paper_entries(app)))
    if config.news_feed:
        out.append((config.news_feed, f"News — {site}", news_entries(app)))
    return [(name, title, entries) for name, title, entries in out if entries]


def _state(app: Sphinx) -> str:
    """What the feeds are made from, without loading the records."""
    domain = get_domain(app.env)
    return digest(
        __version__,
        str(app.outdir),
        domain.data["state"],
        list(domain.items("news")),
        site_url(app),
        repr(ScholarConfig.of(app)),
        _site_title(app),
        profile_name(app),
        has_paper_pages(app),
        app.builder.name,
    )


def plan_feeds(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: make the feeds if their inputs changed (before the env is saved).

    ``feeds_state`` keeps (inputs, feed file names), so a no-op rebuild neither
    loads the records nor rewrites a feed, and every page knows which feeds to link.
    """
    builder: Any = app.builder
    builder._scholar_feeds = None
    domain = get_domain(env)
    old_state, old_names = domain.data.get("feeds_state") or (None, ())
    if not writes_site_files(app):
        if old_names and builder.format == "html":
            builder._scholar_feeds = ([], list(old_names))
            domain.data["feeds_state"] = None
            return [app.config.root_doc]
        return []
    state = _state(app)
    outdir = Path(app.outdir)
    if state == old_state and all((outdir / name).is_file() for name in old_names):
        return []
    base = site_url(app)
    author = profile_name(app)
    texts = [
        (name, atom(entries, feed_id=base + name, title=title, site=base, author=author))
        for name, title, entries in feeds(app)
    ]
    names = [name for name, _ in texts]
    builder._scholar_feeds = (texts, [n for n in old_names if n not in names])
    domain.data["feeds_state"] = (state, tuple(names))
    # a rewritten document makes Sphinx save the environment, and with it this state
    return [app.config.root_doc] if state != old_state else []


def write_feeds(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: write the feeds made by :func:`plan_feeds` (if changed)."""
    planned = getattr(app.builder, "_scholar_feeds", None)
    if exception is not None or planned is None:
        return
    texts, removed = planned
    outdir = Path(app.outdir)
    for name in removed:
        (outdir / name).unlink(missing_ok=True)
    for name, text in texts:
        write_if_changed(outdir / name, text)


def add_feed_links(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: ``<link rel="alternate">`` to each feed, on every page."""
    if not writes_site_files(app):
        return
    state = get_domain(app.env).data.get("feeds_state")
    if not state:
        return
    config = ScholarConfig.of(app)
    site = _site_title(app)
    links = []
    for name, label in ((config.papers_feed, "Publications"), (config.news_feed, "News")):
        if name and name in state[1]:
            href = context["pathto"](name, resource=True)
            links.append(
                f'<link rel="alternate" type="{ATOM}" title="{esc(f"{label} — {site}")}" '
                f'href="{esc(href)}" />'
            )
    if links:
        context["metatags"] = (context.get("metatags") or "") + "\n".join(links) + "\n"


def setup(app: Sphinx) -> None:
    app.connect("env-get-updated", plan_feeds, priority=600)
    app.connect("html-page-context", add_feed_links)
    app.connect("build-finished", write_feeds)
