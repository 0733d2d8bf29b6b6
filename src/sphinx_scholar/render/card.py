"""Publication cards and lists of them.

Why HTML strings and not a docutils tree per card: a card is dozens of nodes, and
at thousands of papers building, pickling and writing those trees cost thirty times
this renderer (bench/measurements.md). Cards therefore travel through the doctree as
one node each (:mod:`sphinx_scholar.nodes`) and are written by these functions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ..core.fields import FILE_FIELDS, LINK_LABELS
from ..core.messages import ENGLISH, Messages
from ..core.people import PeopleRegistry, PersonEntry
from ..core.records import Publication
from ..core.venues import Venue
from .authors import AuthorView, authors_html, legend_html
from .badges import awards_html, venue_badge
from .html import attrs, esc, link, rich_html
from .links import LinkView, actions_html

THUMB_WIDTH, THUMB_HEIGHT = 160, 120


@dataclass(frozen=True)
class CardView:
    """A record plus everything that depends on the page it is shown on."""

    record: Publication
    authors: tuple[AuthorView, ...]
    links: tuple[LinkView, ...]
    title_url: str = ""
    thumb_url: str = ""
    thumb_alt: str = ""
    anchor: str | None = None  #: the HTML id; None when the page already has one
    venue: Venue | None = None  #: the venue's link and colour (``scholar_venues``)


@dataclass
class CardContext:
    """What cards need from the site, as functions of the current page.

    ``person_url`` gives a person's link relative to the page; ``file_url`` maps
    a bib file value to a page-relative URL (None when the site lacks it);
    ``paper_url`` gives the paper page; ``placeholder_url`` a generated thumbnail.
    """

    people: PeopleRegistry
    person_url: Callable[[PersonEntry], str]
    file_url: Callable[[str, str], str | None]
    paper_url: Callable[[Publication], str]
    placeholder_url: Callable[[Publication], str]
    legend: Mapping[str, str] = field(default_factory=dict)
    preview_dir: str = ""
    files_dir: str = ""
    venues: Mapping[str, Venue] = field(default_factory=dict)  #: by case-folded abbr
    messages: Messages = ENGLISH  #: the site's language: alt texts, link labels


def card_view(record: Publication, ctx: CardContext, anchor: str | None) -> CardView:
    authors = []
    for author in record.authors:
        person = ctx.people.lookup(author.key) if author.key else None
        authors.append(
            AuthorView(
                name=author.name,
                url=ctx.person_url(person) if person and not person.owner else "",
                owner=bool(person and person.owner),
                marks=author.marks,
                others=author.others,
            )
        )
    links = []
    for item in record.links:
        url = item.url
        if url and item.kind in FILE_FIELDS:
            url = ctx.file_url(url, ctx.files_dir) or ""
        translated = item.kind in LINK_LABELS or item.kind == "url"
        label = ctx.messages(item.label) if translated else item.label
        links.append(LinkView(label, url))
    thumb_url = ctx.file_url(record.thumbnail, ctx.preview_dir) if record.thumbnail else None
    if thumb_url:
        _ = ctx.messages
        alt = record.thumbnail_alt or _("Figure from “{title}”").format(title=record.short_title)
    else:
        thumb_url = ctx.placeholder_url(record)
        alt = placeholder_alt(record, ctx.messages)
    return CardView(
        record=record,
        authors=tuple(authors),
        links=tuple(links),
        title_url=ctx.paper_url(record) or record.url,
        thumb_url=thumb_url,
        thumb_alt=alt,
        anchor=anchor,
        venue=ctx.venues.get(record.venue_abbr.casefold()) if record.venue_abbr else None,
    )


def placeholder_alt(record: Publication, messages: Messages = ENGLISH) -> str:
    where = " ".join(str(x) for x in (record.venue_abbr, record.year) if x)
    _ = messages
    return f"{record.short_title} ({where})" if where else record.short_title or _("Paper")


def date_html(record: Publication, messages: Messages = ENGLISH) -> str:
    if record.year is None:
        return ""
    if record.month:
        stamp = f"{record.year:04d}-{record.month:02d}"
        when = messages.date(record.year, record.month, short=False)
        return f'<time datetime="{stamp}">{esc(when)}</time>'
    return f'<time datetime="{record.year:04d}">{record.year}</time>'


def venue_html(
    record: Publication, venue: Venue | None = None, messages: Messages = ENGLISH
) -> str:
    pieces = []
    if record.venue_abbr:
        pieces.append(venue_badge(record.venue_abbr, venue))
    text = []
    if record.venue:
        text.append(f'<span class="scholar-venue__name">{rich_html(record.venue)}</span>')
    date = date_html(record, messages)
    if date:
        text.append(date)
    if text:
        pieces.append(", ".join(text))
    return f'<p class="scholar-venue">{" ".join(pieces)}</p>' if pieces else ""


def title_html(view: CardView, element: str = "p", messages: Messages = ENGLISH) -> str:
    _ = messages
    title = rich_html(view.record.title) or "<em>" + esc(_("Untitled")) + "</em>"
    inner = link(view.title_url, title) if view.title_url else title
    return f'<{element} class="scholar-title">{inner}</{element}>'


def thumb_html(view: CardView) -> str:
    if not view.thumb_url:
        return ""
    image = "<img{}>".format(
        attrs(
            src=view.thumb_url,
            alt=view.thumb_alt,
            width=THUMB_WIDTH,
            height=THUMB_HEIGHT,
            loading="lazy",
            decoding="async",
        )
    )
    return f'<div class="scholar-card__media">{image}</div>'


def note_html(record: Publication) -> str:
    return f'<p class="scholar-note">{rich_html(record.note)}</p>' if record.note else ""


def card_html(view: CardView, legend: Mapping[str, str], messages: Messages = ENGLISH) -> str:
    """One card, as a list item of a ``scholar-list``."""
    record = view.record
    bibtex = record.bibtex if record.show_bibtex else ""
    body = (
        title_html(view, messages=messages)
        + authors_html(view.authors, legend, messages)
        + venue_html(record, view.venue, messages)
        + awards_html(record.awards)
        + note_html(record)
        + actions_html(view.links, record.abstract, bibtex, messages)
    )
    thumb = thumb_html(view)
    classes = "scholar-card" if thumb else "scholar-card scholar-card--text"
    return (
        f'<li class="{classes}"{attrs(id=view.anchor, data_year=record.year)}>'
        f'{thumb}<div class="scholar-card__body">{body}</div></li>'
    )


def list_start(list_id: str, count: int, filter_box: bool, messages: Messages = ENGLISH) -> str:
    """The list's wrapper, and the filter box (shown once the JS runs)."""
    filter_html = ""
    _ = messages
    if filter_box:
        input_id = f"{list_id}-filter"
        label, hint = _("Filter publications"), _("Title, author, venue or year")
        counter = attrs(data_template=_("{shown} of {total} papers"))
        filter_html = (
            f'<div class="scholar-filter" hidden>'
            f'<label for="{esc(input_id)}">{esc(label)}</label>'
            f'<input type="search" id="{esc(input_id)}" class="scholar-filter__input" '
            f'placeholder="{esc(hint)}" autocomplete="off">'
            f'<output class="scholar-filter__count" for="{esc(input_id)}" aria-live="polite"'
            f"{counter}></output></div>"
        )
    return (
        f'<div class="scholar-publications" id="{esc(list_id)}" data-count="{count}">{filter_html}'
    )


def group_start(title: str, heading_id: str, level: int) -> str:
    if not title:
        return '<ul class="scholar-list">'
    level = min(max(level, 2), 6)
    return (
        f'<section class="scholar-group" aria-labelledby="{esc(heading_id)}">'
        f'<h{level} class="scholar-group__title" id="{esc(heading_id)}">{esc(title)}</h{level}>'
        '<ul class="scholar-list">'
    )


def group_end(titled: bool) -> str:
    return "</ul></section>" if titled else "</ul>"


def list_end(marks: set[str], legend: Mapping[str, str], messages: Messages = ENGLISH) -> str:
    return legend_html(marks, legend, messages) + "</div>"
