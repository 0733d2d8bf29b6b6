"""Link buttons and the abstract and BibTeX toggles."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.messages import ENGLISH, Messages
from ..core.records import Rich
from .html import attrs, esc, link, rich_html
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


def abstract_toggle(abstract: Rich, messages: Messages = ENGLISH) -> str:
    if not abstract:
        return ""
    _ = messages
    label = esc(_("Abstract"))
    return (
        '<details class="scholar-toggle scholar-toggle--abstract">'
        f'<summary class="scholar-btn">{label}</summary>'
        f'<div class="scholar-toggle__panel"><p>{rich_html(abstract)}</p></div></details>'
    )


def bibtex_block(bibtex: str, messages: Messages = ENGLISH) -> str:
    """The BibTeX with a copy button; the button appears only once the JS runs.

    The words scholar.js shows after a click travel in data- attributes, translated.
    A ``code`` block that wraps, not a ``pre``: pydata-sphinx-theme's script measures every
    ``pre`` of a page at load, and setting each one's tabindex between the measurements
    forces a layout per ``pre`` (bench/measurements.md). Wrapped, it
    never scrolls, so it needs no tab stop.
    """
    _ = messages
    button = attrs(
        type="button",
        class_="scholar-copy",
        hidden=True,
        data_copied=_("Copied"),
        data_copy_failed=_("Copy failed"),
    )
    copy = _("Copy BibTeX")
    return (
        f'<div class="scholar-bibtex"><code class="scholar-bibtex__code">{esc(bibtex)}</code>'
        f"<button{button}>"
        f'{icon("copy")}<span class="scholar-copy__label" aria-live="polite">'
        f"{esc(copy)}</span></button></div>"
    )


def bibtex_toggle(bibtex: str, messages: Messages = ENGLISH) -> str:
    if not bibtex:
        return ""
    return (
        '<details class="scholar-toggle scholar-toggle--bibtex">'
        '<summary class="scholar-btn">BibTeX</summary>'
        f'<div class="scholar-toggle__panel">{bibtex_block(bibtex, messages)}</div></details>'
    )


def actions_html(
    links: tuple[LinkView, ...], abstract: Rich, bibtex: str, messages: Messages = ENGLISH
) -> str:
    inner = (
        "".join(link_button(v) for v in links)
        + abstract_toggle(abstract, messages)
        + bibtex_toggle(bibtex, messages)
    )
    return f'<div class="scholar-actions">{inner}</div>' if inner else ""
