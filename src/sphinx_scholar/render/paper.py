"""A paper's own page: its body, and the citation a visitor copies.

The page is made of the same pieces as a card (authors, venue, badges, link
buttons, thumbnail, BibTeX block), so both always agree; only the layout
differs: a heading, the abstract shown in full, and the citation below.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..core.messages import ENGLISH, N_, Messages
from ..core.records import Author, Publication, Rich
from .authors import authors_html, legend_html
from .badges import awards_html
from .card import CardView, note_html, thumb_html, venue_html
from .html import esc, rich_html
from .links import actions_html, bibtex_block

_PAGE_SPLIT = re.compile(r"\s*(?:-{1,3}|–|—)\s*")
_THESIS = {"phdthesis": N_("Ph. D. Dissertation"), "mastersthesis": N_("Master's thesis")}
_CONFERENCE = frozenset({"inproceedings", "conference"})


def page_range(pages: str) -> tuple[str, str]:
    """('12', '34') from '12--34', '12-34' or '12–34'; ('e1002', '') from a single page."""
    parts = [p for p in _PAGE_SPLIT.split(pages.strip()) if p]
    if not parts:
        return "", ""
    return parts[0], parts[1] if len(parts) > 1 else ""


def _pages_text(pages: str) -> str:
    first, last = page_range(pages)
    return f"{first}–{last}" if last else first


def _names(authors: tuple[Author, ...], messages: Messages = ENGLISH) -> str:
    """'A', 'A and B', 'A, B, and C', 'A, B, et al.' (ACM's reference format)."""
    _ = messages
    names = [a.name for a in authors if not a.others]
    others = any(a.others for a in authors)
    if others:
        return ", ".join([*names, _("et al.")]) if names else ""
    if len(names) > 2:
        return ", ".join(names[:-1]) + _(", and ") + names[-1]
    return _(" and ").join(names)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".?!" else text + "."


def citation_text(record: Publication, messages: Messages = ENGLISH) -> str:
    """The paper in ACM's reference format, as plain text (its few words in the site's
    language: "In", "Ph. D. Dissertation", the month).

    ACM's format is what most CS venues print under "ACM Reference Format";
    it needs no abbreviation tables and reads well for any entry type.
    """
    _ = messages
    parts = [_sentence(_names(record.authors, messages)) if record.authors else ""]
    if record.year:
        parts.append(f"{record.year}.")
    parts.append(_sentence(record.title.plain or _("Untitled")))
    venue = record.venue.plain
    pages = _pages_text(record.pages)
    kind = record.entry_type
    if kind in _THESIS or (kind == "thesis" and venue):
        parts.append(_sentence(_(_THESIS.get(kind, N_("Thesis")))))
        if venue:
            parts.append(_sentence(venue))
    elif record.is_journal and venue:
        issue = venue + (f" {record.volume}" if record.volume else "")
        if record.number:
            issue += f", {record.number}"
        if record.month and record.year:
            when = messages.date(record.year, record.month, short=False)
        else:
            when = str(record.year or "")
        if when:
            issue += f" ({when})"
        parts.append(_sentence(f"{issue}, {pages}" if pages else issue))
    elif venue:
        where = venue
        if kind in _CONFERENCE and record.venue_abbr:
            short = f" '{record.year % 100:02d}" if record.year else ""
            where += f" ({record.venue_abbr}{short})"
        where = f"{where}, {pages}" if pages else where
        if kind in _CONFERENCE or kind in {"incollection", "inbook"}:
            where = _("In {venue}").format(venue=where)
        parts.append(_sentence(where))
    elif pages:
        parts.append(_sentence(pages))
    if record.publisher and record.publisher != venue:
        parts.append(_sentence(record.publisher))
    if record.doi:
        parts.append(f"https://doi.org/{record.doi}")
    elif record.arxiv:
        parts.append(f"arXiv:{record.arxiv}")
    return " ".join(p for p in parts if p)


def description(record: Publication, limit: int = 200, messages: Messages = ENGLISH) -> str:
    """What search results show under the title: the abstract, else who/where/when."""
    text = " ".join(record.abstract.plain.split())
    if not text:
        where = ", ".join(x for x in (record.venue.plain, str(record.year or "")) if x)
        names = _sentence(_names(record.authors, messages))
        text = " ".join(x for x in (names, _sentence(where) if where else "") if x)
        text = text or record.title.plain
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def paper_body_html(
    view: CardView,
    legend: Mapping[str, str],
    *,
    show_thumb: bool,
    messages: Messages = ENGLISH,
) -> str:
    """The page's body: heading, summary (as on a card), abstract and citation.

    ``show_thumb`` is False when the paper has no image of its own: a generated
    tile repeats the title, which the page already shows in its heading.
    """
    record = view.record
    _ = messages
    marks = {m for author in view.authors for m in author.marks}
    summary = (
        authors_html(view.authors, legend, messages=messages)
        + legend_html(marks, legend, messages)
        + venue_html(record, view.venue, messages)
        + awards_html(record.awards)
        + note_html(record)
        + actions_html(view.links, Rich(), "", messages)
    )
    media = thumb_html(view) if show_thumb else ""
    summary_class = "scholar-paper__summary" + (" scholar-paper__summary--media" if media else "")
    title = rich_html(record.title) or "<em>" + esc(_("Untitled")) + "</em>"
    out = [
        f'<div class="scholar-paper" data-key="{esc(record.key)}">',
        f'<h1 class="scholar-paper__title">{title}</h1>',
        f'<div class="{summary_class}">{media}',
        f'<div class="scholar-card__body">{summary}</div></div>',
    ]
    if record.abstract:
        out.append(
            '<section class="scholar-paper__abstract" aria-labelledby="abstract">'
            '<h2 id="abstract">' + esc(_("Abstract")) + "</h2>"
            f"<p>{rich_html(record.abstract)}</p></section>"
        )
    out.append(
        '<section class="scholar-paper__cite" aria-labelledby="cite">'
        '<h2 id="cite">' + esc(_("Cite")) + "</h2>"
        f'<p class="scholar-citation">{esc(citation_text(record, messages))}</p>'
    )
    if record.show_bibtex and record.bibtex:
        out.append('<h3 id="bibtex">BibTeX</h3>' + bibtex_block(record.bibtex, messages))
    out.append("</section></div>")
    return "".join(out)
