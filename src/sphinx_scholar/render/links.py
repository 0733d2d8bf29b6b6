"""Link buttons and the abstract and BibTeX toggles."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.records import Rich
from .html import esc, link, rich_html
from .icons import icon


@dataclass(frozen=True, slots=True)
class LinkView:
    label: str
    url: str  #: "" for a link the bib left empty: shown, but disabled


def link_button(view: LinkView) -> str:
    if not view.url:
        return (
            f'<a class="scholar-btn scholar-btn--disabled" role="link" aria-disabled="true">'
            f"{esc(view.label)}</a>"
        )
    return link(view.url, esc(view.label), class_="scholar-btn")


def abstract_toggle(abstract: Rich) -> str:
    if not abstract:
        return ""
    return (
        '<details class="scholar-toggle scholar-toggle--abstract">'
        '<summary class="scholar-btn">Abstract</summary>'
        f'<div class="scholar-toggle__panel"><p>{rich_html(abstract)}</p></div></details>'
    )


def bibtex_block(bibtex: str) -> str:
    """The BibTeX with a copy button; the button appears only once the JS runs."""
    return (
        f'<div class="scholar-bibtex"><pre><code>{esc(bibtex)}</code></pre>'
        '<button type="button" class="scholar-copy" hidden>'
        f'{icon("copy")}<span class="scholar-copy__label" aria-live="polite">Copy BibTeX</span>'
        "</button></div>"
    )


def bibtex_toggle(bibtex: str) -> str:
    if not bibtex:
        return ""
    return (
        '<details class="scholar-toggle scholar-toggle--bibtex">'
        '<summary class="scholar-btn">BibTeX</summary>'
        f'<div class="scholar-toggle__panel">{bibtex_block(bibtex)}</div></details>'
    )


def actions_html(links: tuple[LinkView, ...], abstract: Rich, bibtex: str) -> str:
    inner = (
        "".join(link_button(v) for v in links) + abstract_toggle(abstract) + bibtex_toggle(bibtex)
    )
    return f'<div class="scholar-actions">{inner}</div>' if inner else ""
