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


def details_links(paper_url: str, abstract: Rich, bibtex: str, messages: Messages = ENGLISH) -> str:
    """The abstract and BibTeX as links to their sections of the paper page
    (``render/paper.py``): a list of hundreds of cards would carry them all otherwise,
    and they are most of its weight."""
    _ = messages
    page = paper_url.partition("#")[0]
    out = link(f"{page}#abstract", esc(_("Abstract")), class_="scholar-btn") if abstract else ""
    if bibtex:
        out += link(f"{page}#bibtex", "BibTeX", class_="scholar-btn")
    return out


def actions_html(
    links: tuple[LinkView, ...],
    abstract: Rich,
    bibtex: str,
    messages: Messages = ENGLISH,
    details_url: str = "",
) -> str:
    """The card's buttons; with *details_url* (its paper page), the abstract and BibTeX
    are links there instead of toggles."""
    if details_url:
        details = details_links(details_url, abstract, bibtex, messages)
    else:
        details = abstract_toggle(abstract, messages) + bibtex_toggle(bibtex, messages)
    inner = "".join(link_button(v) for v in links) + details
    return f'<div class="scholar-actions">{inner}</div>' if inner else ""
