"""Author lists: the owner highlighted, co-authors linked, marks as superscripts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..core.messages import ENGLISH, N_, Messages
from .html import attrs, esc, link

#: the folding button's words (translated where shown); ``{n}``: how many names it hides
MORE = N_("{n} more authors")
FEWER = N_("Show fewer authors")


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


def folded(authors: tuple[AuthorView, ...], limit: int) -> frozenset[int]:
    """Indices of the names a list longer than *limit* hides at first (al-folio's
    folding): every name after the first *limit*, except the owner's and "et al.".
    One name is never folded: the button would be as long as the name."""
    names = [i for i, a in enumerate(authors) if not a.others]
    if limit <= 0:
        return frozenset()
    hidden = frozenset(i for i in names[limit:] if not authors[i].owner)
    return hidden if len(hidden) > 1 else frozenset()


def _separator(index: int, authors: tuple[AuthorView, ...], messages: Messages) -> str:
    """What comes before name *index*: 'A, B, and C' with the Oxford comma."""
    _ = messages
    if index == 0:
        return ""
    last = index == len(authors) - 1
    if last and authors[index].others:
        return " "
    if last:
        return _(" and ") if len(authors) == 2 else _(", and ")
    return ", "


def authors_html(
    authors: tuple[AuthorView, ...],
    legend: Mapping[str, str],
    limit: int = 0,
    messages: Messages = ENGLISH,
) -> str:
    """The names; with *limit*, longer lists fold behind an "N more" button.

    Every name is in the HTML (without JavaScript all show, and the button stays
    hidden); where scripts run the folded ones are hidden from the first paint (CSS,
    ``.scholar-js``) and the script shows the button, whose ``aria-expanded`` tells
    their state.
    """
    _ = messages
    hidden = folded(authors, limit)
    parts = []
    for i, author in enumerate(authors):
        piece = _separator(i, authors, messages) + author_html(author, legend, messages)
        if i in hidden and i - 1 not in hidden:
            piece = '<span class="scholar-authors__fold">' + piece
        if i in hidden and i + 1 not in hidden:
            piece += "</span>"  # one span per run of folded names: fewer nodes
        parts.append(piece)
    joined = "".join(parts)
    if not joined:
        return ""
    if not hidden:
        return f'<p class="scholar-authors">{joined}</p>'
    more = _(MORE).replace("{n}", str(len(hidden)))  # a misspelt placeholder cannot raise
    button = "<button{}>{}</button>".format(
        attrs(
            type="button",
            class_="scholar-authors__more",
            aria_expanded="false",
            data_more=more,
            data_fewer=_(FEWER),
            hidden=True,
        ),
        esc(more),
    )
    return f'<p class="scholar-authors scholar-authors--foldable">{joined} {button}</p>'


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
