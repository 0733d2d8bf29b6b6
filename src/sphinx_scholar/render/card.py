"""Publication cards and lists of them.

Why HTML strings and not a docutils tree per card: a card is dozens of nodes, and
at thousands of papers building, pickling and writing those trees cost thirty times
this renderer (bench/measurements.md). Cards therefore travel through the doctree as
one node each (:mod:`sphinx_scholar.nodes`) and are written by these functions.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from ..core.cv import KIND_TITLES, PAPER_KINDS, paper_kind
from ..core.fields import FILE_FIELDS, LINK_LABELS
from ..core.messages import ENGLISH, N_, Messages
from ..core.people import PeopleRegistry, PersonEntry
from ..core.records import Publication
from ..core.venues import Venue
from .authors import AuthorView, authors_html, legend_html
from .badges import awards_html, venue_badge
from .html import attrs, esc, link, rich_html
from .links import LinkView, actions_html

THUMB_WIDTH, THUMB_HEIGHT = 160, 120

#: The interface strings of lists and their filters (translated where shown).
#: ``{shown}`` and ``{total}`` are numbers of papers.
STRINGS = {
    "filter": N_("Filter publications"),
    "search": N_("Words on the card"),
    "search_hint": N_("Title, author, venue or year"),
    "kind": N_("Kind"),
    "year": N_("Year"),
    "tag": N_("Tag"),
    "any_kind": N_("All kinds"),
    "any_year": N_("All years"),
    "any_tag": N_("All tags"),
    "award": N_("Awards and highlights only"),
    "clear": N_("Clear filters"),
    "count_all": N_("{total} papers"),
    "count_some": N_("{shown} of {total} papers"),
    "untitled": N_("Untitled"),
}


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
    max_authors: int = 0  #: longer author lists fold (``scholar_max_authors``; 0: never)
    tile: str = ""  #: the HTML of the generated tile shown instead of a figure
    #: the paper page, when the abstract and BibTeX are links to it rather than folded in
    details_url: str = ""


@dataclass
class CardContext:
    """What cards need from the site, as functions of the current page.

    ``person_url`` gives a person's link relative to the page; ``file_url`` maps
    a bib file value to a page-relative URL (None when the site lacks it);
    ``paper_url`` gives the paper page; ``placeholder`` the HTML of a generated tile
    ("" for none).
    """

    people: PeopleRegistry
    person_url: Callable[[PersonEntry], str]
    file_url: Callable[[str, str], str | None]
    paper_url: Callable[[Publication], str]
    placeholder: Callable[[Publication], str]
    legend: Mapping[str, str] = field(default_factory=dict)
    preview_dir: str = ""
    files_dir: str = ""
    venues: Mapping[str, Venue] = field(default_factory=dict)  #: by case-folded abbr
    messages: Messages = ENGLISH  #: the site's language: alt texts, link labels
    max_authors: int = 0  #: ``scholar_max_authors``


def card_view(
    record: Publication, ctx: CardContext, anchor: str | None, link_details: bool = False
) -> CardView:
    """The card of *record* on the page *ctx* describes. With *link_details*, its abstract
    and BibTeX are links to its paper page (when it has one) instead of folded in."""
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
    alt = tile = ""
    if thumb_url:
        _ = ctx.messages
        alt = record.thumbnail_alt or _("Figure from “{title}”").format(title=record.short_title)
    else:
        tile = ctx.placeholder(record)
    paper_url = ctx.paper_url(record)
    return CardView(
        record=record,
        authors=tuple(authors),
        links=tuple(links),
        title_url=paper_url or record.url,
        thumb_url=thumb_url or "",
        thumb_alt=alt,
        anchor=anchor,
        venue=ctx.venues.get(record.venue_abbr.casefold()) if record.venue_abbr else None,
        max_authors=ctx.max_authors,
        tile=tile,
        details_url=paper_url if link_details else "",
    )


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
    if view.tile:
        return f'<div class="scholar-card__media scholar-card__media--tile">{view.tile}</div>'
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
        + authors_html(view.authors, legend, view.max_authors, messages)
        + venue_html(record, view.venue, messages)
        + awards_html(record.awards)
        + note_html(record)
        + actions_html(view.links, record.abstract, bibtex, messages, view.details_url)
    )
    thumb = thumb_html(view)
    classes = "scholar-card" if thumb else "scholar-card scholar-card--text"
    facets = attrs(
        id=view.anchor,
        data_year=record.year,
        data_kind=paper_kind(record),
        data_tags=json.dumps(list(record.tags)) if record.tags else None,
        data_award="1" if record.awards else None,
    )
    return f'<li class="{classes}"{facets}>{thumb}<div class="scholar-card__body">{body}</div></li>'


def _select(
    list_id: str, name: str, label: str, counts: Counter, total: int, messages: Messages
) -> str:
    """A native select: each option's label, and its count (the script keeps it current)."""
    _ = messages
    any_label = _(STRINGS[f"any_{name}"])
    options = [(f"{any_label}", "", total)] + [
        (_(KIND_TITLES[value]) if name == "kind" and value in KIND_TITLES else value, value, n)
        for value, n in counts.items()
    ]
    items = "".join(
        f"<option{attrs(value=value, data_label=text)}>{esc(text)} ({n})</option>"
        for text, value, n in options
    )
    select_id = f"{list_id}-{name}"
    return (
        f'<div class="scholar-filter__field"><label for="{esc(select_id)}">{esc(label)}</label>'
        f'<select id="{esc(select_id)}" name="{name}">{items}</select></div>'
    )


def filter_html(list_id: str, records: Iterable[Publication], messages: Messages = ENGLISH) -> str:
    """The filter form: words on the card, kind, year, tag, awards; shown by the script.

    Without the script it stays hidden and every card shows. Only facets with a
    choice to make get a control (two kinds or more, two years or more, any tag).
    """
    _ = messages
    text = {key: _(message) for key, message in STRINGS.items()}
    records = list(records)
    # the kinds of the CV (core/cv.py), in its order
    kinds = Counter(paper_kind(r) for r in records)
    kinds = Counter({kind: kinds[kind] for kind, _title in PAPER_KINDS if kinds[kind]})
    by_year = Counter(r.year for r in records if r.year is not None)
    years = Counter({str(y): by_year[y] for y in sorted(by_year, reverse=True)})
    tags = Counter(t for r in records for t in dict.fromkeys(r.tags))
    tags = Counter(dict(sorted(tags.items(), key=lambda item: item[0].casefold())))
    awarded = sum(1 for r in records if r.awards)
    input_id = f"{list_id}-q"
    search, hint, award, clear = text["search"], text["search_hint"], text["award"], text["clear"]
    fields = [
        f'<div class="scholar-filter__field scholar-filter__field--text">'
        f'<label for="{esc(input_id)}">{esc(search)}</label>'
        f'<input type="search" id="{esc(input_id)}" name="q" class="scholar-filter__input" '
        f'placeholder="{esc(hint)}" autocomplete="off"></div>'
    ]
    if len(kinds) > 1:
        fields.append(_select(list_id, "kind", text["kind"], kinds, len(records), messages))
    if len(years) > 1:
        fields.append(_select(list_id, "year", text["year"], years, len(records), messages))
    if tags:
        fields.append(_select(list_id, "tag", text["tag"], tags, len(records), messages))
    if awarded > 0:
        award_id = f"{list_id}-award"
        fields.append(
            f'<div class="scholar-filter__field scholar-filter__field--check">'
            f'<input type="checkbox" id="{esc(award_id)}" name="award" value="1">'
            f'<label for="{esc(award_id)}" data-label="{esc(award)}">'
            f"{esc(award)} ({awarded})</label></div>"
        )
    # replace(), not format(): a translation that misspells a placeholder must not stop a build
    total = text["count_all"].replace("{total}", str(len(records)))
    count_attrs = attrs(
        class_="scholar-filter__count",
        aria_live="polite",
        data_all=text["count_all"],
        data_some=text["count_some"],
    )
    return (
        f'<form class="scholar-filter" role="search" aria-label="{esc(text["filter"])}" hidden>'
        + "".join(fields)
        + f'<button type="reset" class="scholar-btn scholar-filter__reset">{esc(clear)}'
        f"</button><output{count_attrs}>{esc(total)}"
        "</output></form>"
    )


def list_start(
    list_id: str,
    count: int,
    filter_box: bool,
    records: Iterable[Publication] = (),
    messages: Messages = ENGLISH,
) -> str:
    """The list's wrapper, and the filter form (shown once the JS runs)."""
    form = filter_html(list_id, records, messages) if filter_box else ""
    return f'<div class="scholar-publications" id="{esc(list_id)}" data-count="{count}">{form}'


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
