"""Badges: venue abbreviations and awards, in cards and in prose."""

from __future__ import annotations

from ..core.records import Award
from ..core.venues import Venue
from .html import esc, link, tag
from .icons import icon


def venue_badge(abbr: str, venue: Venue | None = None) -> str:
    """The abbreviation as a badge; with ``scholar_venues``, in the venue's colour and
    linking to its site (its full name as the tooltip)."""
    if venue is None:
        return f'<span class="scholar-badge scholar-badge--venue">{esc(abbr)}</span>'
    style = (
        f"background-color:{venue.color};color:{venue.text_color};border-color:{venue.color}"
        if venue.color
        else None
    )
    badge = tag(
        "span",
        esc(abbr),
        class_="scholar-badge scholar-badge--venue",
        style=style,
        title=venue.name or None,
    )
    return link(venue.url, badge, class_="scholar-badge-link") if venue.url else badge


def award_badge(award: Award | str, url: str = "") -> str:
    """An award (trophy) or a highlight such as Spotlight or Oral (star)."""
    award = award if isinstance(award, Award) else Award(award)
    kind = award.kind
    inner = icon("trophy" if kind == "award" else "star") + esc(award.name)
    title = f' title="{esc(award.detail)}"' if award.detail else ""
    badge = f'<span class="scholar-badge scholar-badge--{kind}"{title}>{inner}</span>'
    return link(url, badge, class_="scholar-badge-link") if url else badge


def awards_html(awards: tuple[Award, ...]) -> str:
    if not awards:
        return ""
    return '<p class="scholar-awards">' + " ".join(award_badge(a) for a in awards) + "</p>"
