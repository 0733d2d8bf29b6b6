"""Atom feeds, made with feedgen, from feed entries that know nothing of Sphinx.

Feeds are deterministic: every date comes from the input (a paper's year and
month, a news item's date) and the feed's ``updated`` is its newest entry, never
the clock, so two builds of one input give byte-identical files and a deploy
diff shows only real changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone

from .. import __version__
from ..core.dates import parse_date
from ..core.records import Publication
from ..core.text import xml_text

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


def language_tag(language: str | None) -> str:
    """Sphinx's ``language`` ("zh_CN", "pt_BR") as the tag ``xml:lang`` takes ("zh-CN")."""
    return (language or "en").strip().replace("_", "-") or "en"


def atom(
    entries: list[Entry],
    *,
    feed_id: str,
    title: str,
    site: str,
    author: str,
    subtitle: str = "",
    language: str = "en",
) -> str:
    """The Atom document. ``entries`` must be non-empty and newest first; *language* is
    a language tag, said by the feed's ``xml:lang`` (its titles are in that language)."""
    # imported here: feedgen (with dateutil) is slow to import, and a no-op
    # rebuild, which writes no feed, should not pay for it
    from feedgen.feed import FeedGenerator

    x = xml_text  # every input was cleaned where it was read; this is the last guard
    title, site, author, subtitle, feed_id = map(x, (title, site, author, subtitle, feed_id))
    feed = FeedGenerator()
    feed.language(x(language))  # feedgen writes it as the Atom <feed>'s xml:lang
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
        entry.id(x(item.id))
        entry.title(x(item.title))
        entry.updated(item.date)
        entry.published(item.date)
        entry.link(href=x(item.link), rel="alternate", type="text/html")
        if item.summary:
            entry.summary(x(item.summary))
        for name in item.authors:
            entry.author({"name": x(name)})
    return feed.atom_str(pretty=True, encoding="UTF-8").decode("utf-8")


def headline(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
