"""Cards into the pages that show them: after the page is written, or in its context.

The HTML writer puts a mark where each card goes (nodes.py): Sphinx's event manager
repr()s every event's arguments for a debug line, even when nothing logs it, and a
page of thousands of cards would be copied and escaped once more per page written.

Where the builder writes pages as files that nothing reads before the build's end
(``html``, ``dirhtml``), the marks stay through the template: the page is written
small, and then filled here card by card, straight into the file. The whole page is
never one string, which on a page of thousands of cards was the build's peak of
memory (the body, the template's output and its encoding, each as large as the page;
bench/measurements.md). Other builders (single page, epub, json) get the cards at
``html-page-context``, before anything reads the body.

A build stopped between writing a page and filling it would leave its marks in a page
Sphinx thinks is up to date: the pages to fill are noted beside the doctrees first,
and a note left behind makes the next build read those pages again.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .nodes import CARD_MARK, CARD_MARKS, publication_card
from .output import inside
from .state import state_of

#: builders whose pages are files read by nothing before the build ends
FILLED_AFTER = frozenset({"html", "dirhtml"})
#: pages written with marks and not filled yet, one docname per line
PENDING = "scholar-unfilled.txt"


def fills_after(app: Sphinx) -> bool:
    return app.builder.name in FILLED_AFTER


def number_cards(app: Sphinx, docname: str, document: nodes.Element) -> None:
    """Give each card of a resolved doctree its slot (its place among the page's cards);
    where the page is filled after writing, keep the cards' HTML for that."""
    cards = list(document.findall(publication_card))
    for slot, card in enumerate(cards):
        card["slot"] = slot
    if cards and fills_after(app):
        state = state_of(app.env)
        if docname not in state.unfilled:
            with open(Path(app.doctreedir) / PENDING, "a", encoding="utf-8") as note:
                note.write(docname + "\n")
        state.unfilled[docname] = [card["html"] for card in cards]


def expand_in_context(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: nodes.document | None
) -> None:
    """``html-page-context``, first of all handlers, for builders that are not filled
    after: the cards' HTML in place of their marks."""
    body = context.get("body")
    if fills_after(app) or doctree is None or not isinstance(body, str) or "\x00" not in body:
        return
    cards = {card["slot"]: card["html"] for card in doctree.findall(publication_card)}
    # a mark no card has (a page's own text that looks like one) stays as it was
    context["body"] = CARD_MARKS.sub(lambda mark: cards.get(int(mark[1]), mark[0]), body)


def fill_written(app: Sphinx) -> list:
    """``html-collect-pages`` (every document page is written by then, ``-j`` too): each
    page written with marks gets its cards, written piece by piece."""
    if not fills_after(app):
        return []
    state = state_of(app.env)
    encoding = app.config.html_output_encoding
    for docname, cards in state.unfilled.items():
        path = Path(app.builder.get_output_path(docname))  # type: ignore[attr-defined]
        if inside(app, path) and path.is_file():
            fill(path, cards, encoding)
    state.unfilled.clear()
    (Path(app.doctreedir) / PENDING).unlink(missing_ok=True)
    return []


def fill(path: Path, cards: list[str], encoding: str) -> None:
    """Put *cards* in place of the marks of the page at *path*: the bytes Sphinx would
    have written for the whole page (its encoding, characters it cannot encode as
    references, newlines as the platform's). A page without marks is left as it is."""
    with open(path, encoding=encoding, newline="") as written:  # exactly as written
        page = written.read()
    pieces = CARD_MARKS.split(page)
    if len(pieces) == 1:
        return
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding=encoding, errors="xmlcharrefreplace", newline="") as out:
        for index, piece in enumerate(pieces):
            if index % 2 == 0:
                out.write(piece)
            elif int(piece) < len(cards):
                # a card's newlines become what Sphinx's write makes of the page's
                out.write(cards[int(piece)].replace("\n", os.linesep))
            else:  # a mark no card has (a page's own text that looks like one) stays
                out.write(CARD_MARK.format(piece))
    tmp.replace(path)


def pending_pages(
    app: Sphinx,
    env: BuildEnvironment,
    added: Iterable[str],
    changed: Iterable[str],
    removed: Iterable[str],
) -> list[str]:
    """``env-get-outdated``: the pages an earlier build wrote and did not fill are read
    (and so written) again."""
    note = Path(app.doctreedir) / PENDING
    try:
        listed = note.read_text(encoding="utf-8").split()
    except (OSError, ValueError):  # gone, or not ours: nothing to write again
        return []
    return sorted(set(listed) & set(env.found_docs))
