"""What the CV shows, read from what the pages declared: no item is typed twice.

Each page's component lists (timeline, awards, teaching, people) are kept as plain
:class:`~sphinx_scholar.core.cv.CvEntry` data when the page is read (``doctree-read``),
in the scholar domain's per-page ``cv_items``; the ``talks`` directive keeps its talks
in ``talks``. After every page is read, :func:`cv_source` joins them in docname order,
so the CV never depends on which page was read first, and the page and the PDF are
assembled from the same data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

from docutils import nodes
from sphinx.application import Sphinx

from ..core.cv import (
    CvDocument,
    CvEntry,
    CvOptions,
    CvProfile,
    CvSource,
    FreeSection,
    assemble,
    talk_entry,
)
from ..core.dates import PartialDate
from ..core.messages import N_, Messages
from ..render.components import AwardView, CourseView, ListView, PersonView, TimelineView
from .components.nodes import component_block, component_field
from .components.profile import read_profile
from .digests import digest
from .domain import get_domain
from .i18n import _, messages_for
from .nodes import award_badge_node
from .state import state_of

ITEMS = "cv_items"
TALKS = "talks"
OPTIONS = "cv"
_YEARS = re.compile(r"\b(\d{4})\b")


@dataclass(frozen=True)
class CollectedList:
    """One component list of a page, as CV entries."""

    kind: str  #: timeline, awards, teaching, current, alumni
    title: str  #: the list's label, else the title of the section holding it
    entries: tuple[CvEntry, ...]


def _in_example(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.container) and "scholar-example" in parent["classes"]:
            return True
        parent = parent.parent
    return False


def _section_title(node: nodes.Node) -> str:
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.section):
        parent = parent.parent
    title = parent.next_node(nodes.title) if parent is not None else None
    return " ".join(title.astext().split()) if title is not None else ""


def _note(child: component_block) -> str:
    """The item's own inline text (a note), without nested component blocks."""
    text = " ".join(
        c.astext()
        for c in child.children
        if not isinstance(c, (component_block, component_field, award_badge_node))
    )
    return " ".join(text.split())


#: what the CV calls a list that has no heading of its own on its page
_UNTITLED_LISTS = {
    "timeline": N_("Timeline"),
    "awards": N_("Awards"),
    "teaching": N_("Teaching"),
    "current": N_("Current students"),
    "alumni": N_("Alumni"),
}


def _date(date: PartialDate, messages: Messages) -> str:
    return messages.date(date.year, date.month, date.day)


def _timeline(view: TimelineView, child: component_block, messages: Messages) -> CvEntry:
    until = _date(view.end, messages) if view.end else _("present")
    detail = ", ".join(x for x in (view.role, view.place) if x)
    note = _note(child) if view.note else ""
    if view.advisors:
        label = view.advisors_label or (_("Advisors:") if len(view.advisors) > 1 else _("Advisor:"))
        note = " ".join(x for x in (f"{label} {', '.join(view.advisors)}.", note) if x)
    return CvEntry(f"{_date(view.start, messages)} – {until}", view.org, detail, view.url, note)


def _award(view: AwardView, child: component_block) -> CvEntry:
    badge = child.next_node(award_badge_node)
    url = view.url or (badge.get("refuri", "") if badge is not None else "")
    return CvEntry(view.year, view.name, view.org, url)


def _course(view: CourseView) -> CvEntry:
    years = sorted({int(y) for text, _ in view.terms for y in _YEARS.findall(text)})
    when = "" if not years else str(years[0]) if len(years) == 1 else f"{years[0]} – {years[-1]}"
    title = " ".join(x for x in (view.number, view.title) if x)
    terms = ", ".join(text for text, _ in view.terms)
    detail = ": ".join(x for x in (view.role, terms) if x)
    return CvEntry(when, title, detail, view.url)


def _person(view: PersonView, child: component_block) -> CvEntry:
    facts = ", ".join(x for x in (view.role, view.degree) if x)
    note = []
    if view.coadvisors:
        note.append(_("co-advised with {names}").format(names=", ".join(view.coadvisors)))
    if view.now:
        note.append(_("now {where}").format(where=view.now))
    if view.note:
        note.append(_note(child))
    return CvEntry(view.year, view.name, facts, view.url, "; ".join(note))


def collect_items(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: the page's component lists as CV entries (examples left out)."""
    env = app.env
    found: list[CollectedList] = []
    for node in doctree.findall(component_block):
        name, view = node["render"]
        if name != "list" or not isinstance(view, ListView) or _in_example(node):
            continue
        children = [c for c in node.children if isinstance(c, component_block)]
        if not children:
            continue
        kind, first = children[0]["render"]
        entries: list[CvEntry] = []
        for child in children:
            child_kind, child_view = child["render"]
            if child_kind == "timeline":
                entries.append(_timeline(child_view, child, messages_for(app.config)))
            elif child_kind == "award":
                entries.append(_award(child_view, child))
            elif child_kind == "course":
                entries.append(_course(child_view))
            elif child_kind == "person":
                entries.append(_person(child_view, child))
        if not entries:
            continue
        if kind == "person":
            kind = "alumni" if first.alumni else "current"
        kind = {"timeline": "timeline", "award": "awards", "course": "teaching"}.get(kind, kind)
        title = view.label or _section_title(node) or _(_UNTITLED_LISTS.get(kind, kind))
        found.append(CollectedList(kind, title, tuple(entries)))
    data = get_domain(env).data[ITEMS]
    if found:
        data[env.docname] = found
    else:
        data.pop(env.docname, None)


def items_digest(app: Sphinx) -> str:
    """What every CV shows besides the bib: when it changes, CV pages are written again."""
    domain = get_domain(app.env)
    return digest(list(domain.items(ITEMS)), list(domain.items(TALKS)))


def cv_profile(app: Sphinx) -> CvProfile:
    state = state_of(app.env)
    view = read_profile(state.config.profile, state.files).view
    user, domain = view.email
    return CvProfile(
        name=view.name,
        title=view.title,
        affiliation=view.affiliation,
        affiliation_url=view.affiliation_url,
        email=f"{user}@{domain}" if user and domain else "",
        links=view.links,
    )


def cv_source(app: Sphinx, free: tuple[FreeSection, ...] = ()) -> CvSource:
    """Everything the site declares, joined in docname order."""
    domain = get_domain(app.env)
    lists = [item for _, item in domain.items(ITEMS)]

    def entries(kind: str) -> tuple[CvEntry, ...]:
        return tuple(e for item in lists if item.kind == kind for e in item.entries)

    talks = sorted((t for _, t in domain.items(TALKS)), key=lambda t: t.date, reverse=True)
    return CvSource(
        profile=cv_profile(app),
        timelines=tuple((item.title, item.entries) for item in lists if item.kind == "timeline"),
        awards=tuple(sorted(entries("awards"), key=lambda e: e.when, reverse=True)),
        teaching=entries("teaching"),
        current=entries("current"),
        alumni=entries("alumni"),
        talks=tuple(talk_entry(t, messages_for(app.config)) for t in talks),
        free=free,
    )


def absolute_paper_urls(app: Sphinx) -> dict[str, str]:
    """key -> the absolute URL of its paper page (needs ``html_baseurl``), for the PDF."""
    state = state_of(app.env)
    base = app.config.html_baseurl
    if not base or not state.paper_pages:
        return {}
    slugs = get_domain(app.env).slugs
    builder = app.builder
    return {
        key: urljoin(base.rstrip("/") + "/", builder.get_target_uri(state.paper_pagename(slug)))
        for key, slug in slugs.items()
    }


def pdf_document(app: Sphinx) -> CvDocument:
    """The CV of the PDF: the options and free sections of the first ``cv`` page."""
    domain = get_domain(app.env)
    found = list(domain.items(OPTIONS))
    options, free = found[0][1] if found else (CvOptions(), ())
    state = state_of(app.env)
    return assemble(
        cv_source(app, free),
        domain.records,
        state.registry,
        options,
        state.config.marks,
        absolute_paper_urls(app),
        messages_for(app.config),
    )
