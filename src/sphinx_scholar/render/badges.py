"""Badges: venue abbreviations and awards, in cards and in prose."""

from __future__ import annotations

from ..records import Award
from .html import esc, link
from .icons import icon


def venue_badge(abbr: str) -> str:
    return f'<span class="scholar-badge scholar-badge--venue">{esc(abbr)}</span>'


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
