"""The site's Atom feeds (papers and news): what goes in them, when they are rewritten.

Items without a date cannot be placed in time and are left out (the
``indexing`` warning already names undated papers).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from .. import __version__
from ..core.records import NewsItem
from ..render.feed import (
    ATOM,
    Entry,
    atom,
    headline,
    language_tag,
    newest_first,
    news_date,
    paper_date,
)
from ..render.html import esc
from ..render.paper import description
from .digests import digest
from .domain import get_domain
from .i18n import _, messages_for
from .output import inside, page_url, site_url, write_if_changed, writes_site_files
from .seo import profile_name
from .state import state_of


@dataclass
class FeedsPlan:
    """What this build writes at its end: feed texts by file name, and feeds to remove."""

    texts: list[tuple[str, str]] = field(default_factory=list)
    remove: list[str] = field(default_factory=list)


def paper_entries(app: Sphinx) -> list[Entry]:
    """One entry per dated paper, linking to its page (or its own URL without pages)."""
    domain = get_domain(app.env)
    state = state_of(app.env)
    pages = state.paper_pages
    messages = messages_for(app.config)
    entries = []
    shown = state.shown
    for key, record in domain.records.items():
        if key not in shown:  # see scope.py
            continue
        date = paper_date(record)
        if date is None:
            continue
        if pages and key in domain.slugs:
            link = page_url(app, state.paper_pagename(domain.slugs[key]))
        else:
            link = record.url or site_url(app)
        entries.append(
            Entry(
                id=link if pages else f"{site_url(app)}#{key}",
                title=record.title.plain or key,
                date=date,
                link=link,
                summary=description(record, limit=600, messages=messages),
                authors=tuple(a.name for a in record.authors if not a.others),
            )
        )
    return newest_first(entries)


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
            Entry(id=link, title=headline(item.text), date=date, link=link, summary=item.text)
        )
    return newest_first(entries)


def talk_entries(app: Sphinx) -> list[Entry]:
    """One entry per talk of the site (talks in examples are no one's), linking to it."""
    entries = []
    for docname, talk in get_domain(app.env).items("talks"):
        date = news_date(talk.date.iso)
        if date is None:
            continue
        link = f"{page_url(app, docname)}#{talk.anchor}"
        where = ", ".join(x for x in (talk.event, talk.location) if x)
        entries.append(Entry(id=link, title=talk.title, date=date, link=link, summary=where))
    return newest_first(entries)


def _site_title(app: Sphinx) -> str:
    return str(app.config.html_title or app.config.project or "")


def feeds(app: Sphinx) -> list[tuple[str, str, list[Entry]]]:
    """(file name, title, entries) of each feed this site has."""
    config = state_of(app.env).config
    site = _site_title(app)
    out = []
    if config.papers_feed:
        out.append((config.papers_feed, _("Publications") + f" — {site}", paper_entries(app)))
    if config.news_feed:
        out.append((config.news_feed, _("News") + f" — {site}", news_entries(app)))
    if config.talks_feed:
        out.append((config.talks_feed, _("Talks") + f" — {site}", talk_entries(app)))
    return [(name, title, entries) for name, title, entries in out if entries]


def _inputs(app: Sphinx) -> str:
    """What the feeds are made from, without loading the records."""
    domain = get_domain(app.env)
    state = state_of(app.env)
    return digest(
        __version__,
        str(app.outdir),
        domain.data["state"],
        domain.data.get("scope"),
        list(domain.items("news")),
        list(domain.items("talks")),
        site_url(app),
        repr(state.config),
        _site_title(app),
        profile_name(app),
        state.paper_pages,
        app.builder.name,
        app.config.language,
    )


def plan_feeds(app: Sphinx) -> bool:
    """After reading: make the feeds if their inputs changed (before the env is saved).

    ``feeds_state`` keeps (inputs, feed file names), so a no-op rebuild neither
    loads the records nor rewrites a feed, and every page knows which feeds to link.
    Returns whether that state changed (the environment must then be saved).
    """
    state = state_of(app.env)
    state.feeds_plan = None
    domain = get_domain(app.env)
    old_inputs, old_names = domain.data.get("feeds_state") or (None, ())
    if not writes_site_files(app):
        if old_names and app.builder.format == "html":
            state.feeds_plan = FeedsPlan(remove=list(old_names))
            domain.data["feeds_state"] = None
            return True
        return False
    inputs = _inputs(app)
    outdir = Path(app.outdir)
    if inputs == old_inputs and all((outdir / name).is_file() for name in old_names):
        return False
    base = site_url(app)
    author = profile_name(app)
    language = language_tag(app.config.language)
    texts = [
        (
            name,
            atom(
                entries,
                feed_id=base + name,
                title=title,
                site=base,
                author=author,
                language=language,
            ),
        )
        for name, title, entries in feeds(app)
    ]
    names = [name for name, _ in texts]
    state.feeds_plan = FeedsPlan(texts, [n for n in old_names if n not in names])
    domain.data["feeds_state"] = (inputs, tuple(names))
    return inputs != old_inputs


def write_feeds(app: Sphinx) -> None:
    """At the end of the build: write the feeds made by :func:`plan_feeds` (if changed)."""
    plan = state_of(app.env).feeds_plan
    if plan is None:
        return
    outdir = Path(app.outdir)
    for name in plan.remove:
        if inside(app, outdir / name):
            (outdir / name).unlink(missing_ok=True)
    for name, text in plan.texts:
        if inside(app, outdir / name):
            write_if_changed(outdir / name, text)


def add_feed_links(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: ``<link rel="alternate">`` to each feed, on every page."""
    if not writes_site_files(app):
        return
    written = get_domain(app.env).data.get("feeds_state")
    if not written:
        return
    config = state_of(app.env).config
    site = _site_title(app)
    links = []
    visible = []
    for name, label in (
        (config.papers_feed, _("Publications")),
        (config.news_feed, _("News")),
        (config.talks_feed, _("Talks")),
    ):
        if name and name in written[1]:
            href = context["pathto"](name, resource=True)
            links.append(
                f'<link rel="alternate" type="{ATOM}" title="{esc(f"{label} — {site}")}" '
                f'href="{esc(href)}" />'
            )
            visible.append((label, href))
    # the footer's visible links (templates/layout.html): readers rarely find <link> tags
    context["scholar_feeds"] = visible
    context["scholar_feeds_label"] = _("Atom feeds:")
    if links:
        context["metatags"] = (context.get("metatags") or "") + "\n".join(links) + "\n"
