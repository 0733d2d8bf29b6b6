"""Author lists: the owner highlighted, co-authors linked, marks as superscripts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..core.messages import ENGLISH, Messages
from .html import esc, link


@dataclass(frozen=True, slots=True)
class AuthorView:
    name: str
    url: str = ""  #: already relative to the page, or external
    owner: bool = False
    marks: tuple[str, ...] = ()
    others: bool = False


def marks_html(
    marks: tuple[str, ...], legend: Mapping[str, str], messages: Messages = ENGLISH
) -> str:
    """Superscript marks; screen readers hear the meaning instead of the symbol."""
    if not marks:
        return ""
    shown = "".join(marks)
    meaning = ", ".join(messages.inline(legend.get(m, m)) for m in marks)
    return (
        f'<sup class="scholar-mark" aria-hidden="true">{esc(shown)}</sup>'
        f'<span class="scholar-sr-only"> ({esc(meaning)})</span>'
    )


def author_html(author: AuthorView, legend: Mapping[str, str], messages: Messages = ENGLISH) -> str:
    _ = messages
    if author.others:
        others = esc(_("et al."))
        return f'<span class="scholar-author scholar-author--others">{others}</span>'
    name = esc(author.name)
    if author.owner:
        inner = f'<strong class="scholar-author scholar-author--owner">{name}</strong>'
    elif author.url:
        inner = link(author.url, name, class_="scholar-author")
    else:
        inner = f'<span class="scholar-author">{name}</span>'
    return inner + marks_html(author.marks, legend, messages)


def authors_html(
    authors: tuple[AuthorView, ...], legend: Mapping[str, str], messages: Messages = ENGLISH
) -> str:
    """'A, B, and C' with the Oxford comma that academic pages use."""
    _ = messages
    parts = [author_html(a, legend, messages) for a in authors]
    if len(parts) > 2 and authors[-1].others:
        joined = ", ".join(parts[:-1]) + " " + parts[-1]
    elif len(parts) > 2:
        joined = ", ".join(parts[:-1]) + _(", and ") + parts[-1]
    elif len(parts) == 2:
        joined = parts[0] + (" " if authors[-1].others else _(" and ")) + parts[1]
    else:
        joined = "".join(parts)
    return f'<p class="scholar-authors">{joined}</p>' if joined else ""


def legend_html(marks: set[str], legend: Mapping[str, str], messages: Messages = ENGLISH) -> str:
    """The key to the marks that a list actually uses."""
    used = [m for m in legend if m in marks] + sorted(m for m in marks if m not in legend)
    if not used:
        return ""
    items = " ".join(
        f'<span class="scholar-legend__item"><sup aria-hidden="true">{esc(m)}</sup>'
        f"{esc(messages(legend.get(m, '')))}</span>"
        for m in used
    )
    return f'<p class="scholar-legend">{items}</p>'
