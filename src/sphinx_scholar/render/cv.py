"""The CV page's HTML, from the same :class:`~sphinx_scholar.core.cv.CvDocument` as the PDF.

Every value is escaped here; links go through :func:`.html.link` (only safe URLs).
Headings start at *level* so the CV fits under the page's own title.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..core.cv import CvAuthor, CvDocument, CvEntry, CvPaper, CvProfile, CvSection
from ..core.messages import ENGLISH, Messages
from ..core.urls import is_safe
from .authors import marks_html
from .components import email_html
from .html import attrs, esc, link


def _maybe_link(url: str, inner: str, **values: object) -> str:
    return link(url, inner, **values) if url and is_safe(url) else inner


def profile_html(profile: CvProfile, pdf_url: str = "", messages: Messages = ENGLISH) -> str:
    _ = messages
    pdf_label, contact = _("CV (PDF)"), _("Contact")
    parts = []
    if profile.name:  # also under a page titled "CV": a printed CV must say whose it is
        parts.append(f'<p class="scholar-cv__person">{esc(profile.name)}</p>')
    if profile.title:
        parts.append(f'<p class="scholar-cv__role">{esc(profile.title)}</p>')
    if profile.affiliation:
        affiliation = _maybe_link(profile.affiliation_url, esc(profile.affiliation))
        parts.append(f'<p class="scholar-cv__affiliation">{affiliation}</p>')
    contacts = []
    user, _at, domain = profile.email.partition("@")
    if user and domain:
        contacts.append(email_html(user, domain, messages))
    contacts += [_maybe_link(url, esc(label)) for label, url in profile.links]
    if pdf_url:
        contacts.append(link(pdf_url, esc(pdf_label), class_="scholar-cv__pdf"))
    if contacts:
        items = "".join(f"<li>{c}</li>" for c in contacts)
        parts.append(f'<ul class="scholar-cv__contacts" aria-label="{esc(contact)}">{items}</ul>')
    return f'<div class="scholar-cv__profile">{"".join(parts)}</div>' if parts else ""


def author_html(author: CvAuthor, legend: Mapping[str, str], messages: Messages = ENGLISH) -> str:
    _ = messages
    if author.others:
        return esc(_("et al."))
    name = esc(author.name)
    if author.owner:
        name = f'<strong class="scholar-author--owner">{name}</strong>'
    return name + marks_html(author.marks, legend)


def paper_html(
    paper: CvPaper, legend: Mapping[str, str], used: set[str], messages: Messages = ENGLISH
) -> str:
    """The key is the entry's id (so links to the paper's card land here when the CV is
    its home), unless the page already has that id: then ``cv-key``, ``cv-key-2``..."""
    anchor = paper.key if paper.key not in used else _unique(f"cv-{paper.key}", used)
    used.add(anchor)
    title = _maybe_link(paper.url, esc(paper.title))
    authors = ", ".join(author_html(a, legend, messages) for a in paper.authors)
    where = ", ".join(x for x in (esc(paper.venue), str(paper.year or "")) if x)
    awards = "".join(
        f' <span class="scholar-badge scholar-badge--award">{esc(a)}</span>' for a in paper.awards
    )
    value = f' value="{paper.number}"' if paper.number is not None else ""
    return (
        f'<li class="scholar-cv__paper"{value} id="{esc(anchor)}">'
        f'<span class="scholar-cv__title">{title}</span>'
        f'<span class="scholar-cv__authors">{authors}</span>'
        f'<span class="scholar-cv__venue">{where}{awards}</span></li>'
    )


def entry_html(entry: CvEntry) -> str:
    when = f'<span class="scholar-cv__when">{esc(entry.when)}</span>' if entry.when else ""
    title = _maybe_link(entry.url, esc(entry.title))
    detail = f", {esc(entry.detail)}" if entry.detail else ""
    note = f'<span class="scholar-cv__note">{esc(entry.note)}</span>' if entry.note else ""
    links = "".join(
        " " + _maybe_link(url, esc(label), class_="scholar-cv__link") for label, url in entry.links
    )
    return (
        f'<li class="scholar-cv__entry">{when}<span class="scholar-cv__what">'
        f'<span class="scholar-cv__name">{title}</span>{detail}{links}{note}</span></li>'
    )


def _unique(base: str, used: set[str]) -> str:
    """*base*, or *base*-2, -3... : the first id the page does not have yet."""
    found, counter = base, 2
    while found in used:
        found, counter = f"{base}-{counter}", counter + 1
    return found


def section_start(section: CvSection, level: int, used: set[str]) -> str:
    """``<section id>`` and its heading; the id is unique on the page."""
    sid = _unique(f"cv-{section.id}", used)
    used.add(sid)
    return (
        f"<section{attrs(class_='scholar-cv__section', id=sid)}>"
        f"<h{level}>{esc(section.title)}</h{level}>"
    )


def section_html(
    section: CvSection,
    level: int,
    legend: Mapping[str, str],
    numbered: bool,
    used: set[str],
    messages: Messages = ENGLISH,
) -> str:
    out = [section_start(section, level, used)]
    out += [f"<p>{esc(p)}</p>" for p in section.paragraphs]
    sub = min(level + 1, 6)
    for group in section.groups:
        if group.title:
            out.append(f'<h{sub} class="scholar-cv__group">{esc(group.title)}</h{sub}>')
        if group.papers:
            tag = "ol" if numbered else "ul"
            items = "".join(paper_html(p, legend, used, messages) for p in group.papers)
            out.append(f'<{tag} class="scholar-cv__papers">{items}</{tag}>')
        if group.entries:
            items = "".join(entry_html(e) for e in group.entries)
            out.append(f'<ul class="scholar-cv__entries">{items}</ul>')
    out.append("</section>")
    return "".join(out)


def cv_pieces(
    doc: CvDocument,
    level: int,
    legend: Mapping[str, str],
    numbered: bool,
    pdf_url: str = "",
    used_ids: set[str] | None = None,
    messages: Messages = ENGLISH,
) -> list[str | int]:
    """The CV as HTML strings, with a free section's index where the page's own markup of
    that section goes (its links and emphasis kept), between its start and ``</section>``.
    """
    used = used_ids if used_ids is not None else set()
    profile = profile_html(doc.profile, pdf_url, messages)
    pieces: list[str | int] = ['<div class="scholar-cv">' + profile]
    for section in doc.sections:
        if section.free_index is None:
            pieces.append(section_html(section, level, legend, numbered, used, messages))
        else:
            pieces += [section_start(section, level, used), section.free_index, "</section>"]
    pieces.append(legend_html(doc) + "</div>")
    return pieces


def legend_html(doc: CvDocument) -> str:
    if not doc.legend:
        return ""
    items = " ".join(
        f'<span class="scholar-legend__item"><sup aria-hidden="true">{esc(m)}</sup>'
        f"{esc(meaning)}</span>"
        for m, meaning in doc.legend
    )
    return f'<p class="scholar-legend">{items}</p>'


def cv_html(
    doc: CvDocument,
    level: int,
    legend: Mapping[str, str],
    numbered: bool,
    pdf_url: str = "",
    used_ids: set[str] | None = None,
    messages: Messages = ENGLISH,
) -> str:
    """The whole CV: profile line, then each section under an ``h{level}``.

    *used_ids*: the ids the page already has; the CV's own are added to it.
    """
    used = used_ids if used_ids is not None else set()
    body = [profile_html(doc.profile, pdf_url, messages)]
    body += [section_html(s, level, legend, numbered, used, messages) for s in doc.sections]
    body.append(legend_html(doc))
    return f'<div class="scholar-cv">{"".join(body)}</div>'
