"""``cv``: the CV page, assembled from what the site declares (see :mod:`..cvdata`).

::

    ```{cv}
    :sections: profile, timeline, publications, awards, teaching, advising, service
    :since: 2018
    :group-by: kind
    :numbered:

    ## Service

    - Program committee: OSDI 2024, MLSys 2023
    ```

Sections written in the directive's body (service, skills, grants...) are free
sections: they come where ``free`` (or their own id, e.g. ``service``) stands in
``:sections:``. The directive leaves a pending node; the CV is assembled once every
page is read (:class:`ResolveCv`), so it never depends on the order pages are read.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.builders.gettext import I18nBuilder
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

from ...core.cv import (
    GROUPINGS,
    KNOWN_SECTIONS,
    CvDocument,
    CvEntry,
    CvOptions,
    FreeSection,
    Talk,
    assemble,
    slug,
)
from ...core.cvpdf import is_pdf_path, typst_installed
from ...core.query import Query
from ...render.cv import cv_pieces
from ...render.talks import talks_html
from ..context import card_context
from ..cvdata import OPTIONS, cv_profile, cv_source
from ..domain import get_domain
from ..i18n import _, messages_for
from ..nodes import raw_html_block
from ..state import in_example, state_of
from ..transforms import section_depth
from .items import ComponentDirective
from .nodes import component_block
from .state import need

logger = logging.getLogger(__name__)


class cv_pending(nodes.General, nodes.Element):
    """Pending: a ``cv`` directive; its children are the free sections of its body."""


class talks_pending(nodes.General, nodes.Element):
    """Pending: a ``talks`` list; ``node["talks"]`` holds :class:`~...core.cv.Talk` records."""


_HEADING = re.compile(r"^#{1,6}\s+(\S.*?)\s*#*\s*$")


def _skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def register(app: Sphinx) -> None:
    """The pending nodes are always replaced before writing; a writer never sees one."""
    skip = (_skip, None)
    for pending in (cv_pending, talks_pending):
        app.add_node(pending, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)


def _csv(text: str | None) -> tuple[str, ...]:
    return tuple(w.strip().lower() for w in (text or "").split(",") if w.strip())


def _year(text: str | None) -> int:
    value = (text or "").strip()
    if len(value) != 4 or not value.isdigit():
        raise ValueError(f"{value!r} is not a year (write YYYY)")
    return int(value)


def free_sections(pending: cv_pending) -> tuple[FreeSection, ...]:
    """(id, title, paragraphs, entries) of each section of the body, as text (for the PDF)."""
    out = []
    for section in pending.children:
        if not isinstance(section, nodes.section):
            continue
        title_node = section.next_node(nodes.title)
        title = " ".join(title_node.astext().split()) if title_node is not None else "Section"
        paragraphs, entries = [], []
        for child in section.children[1:]:  # after the title
            if isinstance(child, (nodes.bullet_list, nodes.enumerated_list)):
                for item in child.children:
                    entries.append(CvEntry("", " ".join(item.astext().split())))
            elif child.astext().strip():  # a paragraph, or anything else: its text
                paragraphs.append(" ".join(child.astext().split()))
        out.append((slug(title), title, tuple(paragraphs), tuple(entries)))
    return tuple(out)


class CvDirective(ComponentDirective):
    component = "cv"
    option_spec: ClassVar[dict] = {
        "sections": _csv,
        "selected": directives.flag,
        "since": _year,
        "tag": _csv,
        "group-by": lambda v: directives.choice(v, GROUPINGS),
        "numbered": directives.flag,
    }

    def free_section_nodes(self) -> list[nodes.section]:
        """The body's ``## Title`` sections, each body parsed in the page's own markup.

        Split here rather than parsed with headings: MyST lifts a heading inside a
        directive into the page's own sections, out of the CV.
        """
        chunks: list[tuple[str, int, list[str]]] = []
        for offset, line in enumerate(self.content):
            match = _HEADING.match(line)
            if match:
                chunks.append((match.group(1).strip(), offset, []))
            elif chunks:
                chunks[-1][2].append(line)
            elif line.strip():
                self.warn(
                    "invalid_item",
                    "text before the first '## Title' of the body is left out "
                    "(start each free section with a '## Title' line)",
                    self.page_line(offset),
                    line.strip()[:60],
                )
        out = []
        for title, offset, lines in chunks:
            section = nodes.section("", nodes.title(title, title), ids=[])
            section.source, section.line = self.source, self.page_line(offset)
            section += self.parse_text_to_nodes(
                "\n".join(lines), offset=self.content_offset + offset + 1
            )
            out.append(section)
        return out

    def run(self) -> list[nodes.Node]:
        options = CvOptions(
            sections=self.options.get("sections") or CvOptions().sections,
            selected="selected" in self.options,
            since=self.options.get("since"),
            tags=self.options.get("tag", ()),
            group_by=self.options.get("group-by", "kind"),
            numbered="numbered" in self.options,
        )
        pending = cv_pending("", options=options)
        self.set_source_info(pending)
        pending += self.free_section_nodes()
        free = free_sections(pending)
        ids = {sid for sid, *_ in free}
        for name in options.sections:
            if name not in KNOWN_SECTIONS and name not in ids:
                logger.warning(
                    f"cv: unknown section {name!r} in :sections: (known: "
                    f"{', '.join(sorted(KNOWN_SECTIONS))}, or the id of a section of the body: "
                    f"{', '.join(sorted(ids)) or 'none'})",
                    location=pending,
                    type="scholar",
                    subtype="invalid_item",
                )
        domain = get_domain(self.env)
        if not in_example(self.env):
            domain.add(OPTIONS, self.env.docname, (options, free))
        # The bib's papers as a query that is never a card's home: when an entry changes,
        # the page is written again like any page showing that card (rebuild.card_pages).
        query = Query(
            selected=options.selected,
            year_from=options.since,
            tags=options.tags,
            group_by="none",
            example=True,
        )
        domain.add("queries", self.env.docname, query)
        need(self.env, "cv")
        need(self.env, "people")
        return [pending]


class ResolveCv(SphinxPostTransform):
    """Before the components (5): the CV and talks become HTML; the profile gets the PDF link."""

    default_priority = 4

    def run(self, **kwargs: Any) -> None:
        state = state_of(self.env)
        app = state.app
        if isinstance(app.builder, I18nBuilder):  # the catalog builder reads the pending nodes
            return
        html = app.builder.format == "html"
        docname = self.env.docname
        # no link to a PDF the build cannot write (it warns once, at the end: cvpdf.py)
        pdf = state.config.cv_pdf if html and typst_installed() else ""
        pdf = pdf if is_pdf_path(pdf) else ""
        pdf_url = relative_uri(app.builder.get_target_uri(docname), pdf) if pdf else ""
        if pdf_url:
            for node in self.document.findall(component_block):
                name, view = node["render"]
                if name == "profile":
                    node["render"] = (
                        name,
                        replace(view, links=(*view.links, (_("CV (PDF)"), pdf_url))),
                    )
        for talks in list(self.document.findall(talks_pending)):
            self.resolve_talks(talks, html)
        for cv in list(self.document.findall(cv_pending)):
            self.resolve_cv(cv, html, pdf_url)

    def resolve_cv(self, node: cv_pending, html: bool, pdf_url: str) -> None:
        app = state_of(self.env).app
        domain = get_domain(self.env)
        state = state_of(self.env)
        options: CvOptions = node["options"]
        free = free_sections(node)
        docname = self.env.docname
        paper_urls: dict[str, str] = {}
        if html:
            ctx = card_context(app, docname)
            paper_urls = {key: ctx.paper_url(r) for key, r in domain.records.items()}
        doc = assemble(
            cv_source(app, free),
            domain.records,
            state.registry,
            options,
            state.config.marks,
            paper_urls,
            messages_for(app.config),
        )
        if not html:
            node.replace_self(_plain(doc))
            return
        level = min(section_depth(node) + 1, 6)
        used = set(self.document.ids)
        messages = messages_for(app.config)
        legend = {mark: messages(meaning) for mark, meaning in state.config.marks.items()}
        pieces = cv_pieces(doc, level, legend, options.numbered, pdf_url, used, messages)
        # the CV's ids are taken: a later list of the page (publications) avoids them
        self.document.ids.update(dict.fromkeys(used - set(self.document.ids), node.parent))
        sections = [s for s in node.children if isinstance(s, nodes.section)]
        result: list[nodes.Node] = []
        for piece in pieces:
            if isinstance(piece, int):  # the page's own markup of a free section
                result += [child.deepcopy() for child in sections[piece].children[1:]]
            else:
                result.append(raw_html_block(html=piece))
        node.replace_self(result)

    def resolve_talks(self, node: talks_pending, html: bool) -> None:
        app = state_of(self.env).app
        domain = get_domain(self.env)
        docname = self.env.docname
        homes = state_of(self.env).homes
        papers: dict[str, tuple[str, str]] = {}
        ctx = card_context(app, docname) if html else None
        for talk in node["talks"]:
            if not talk.paper:
                continue
            record = domain.records.get(talk.paper)
            if record is None:
                logger.warning(
                    f"talks: no bib entry has the key {talk.paper!r} [{talk.title}]",
                    location=(docname, talk.line or node.line),
                    type="scholar",
                    subtype="unknown_key",
                )
                continue
            url = ""
            if ctx is not None:
                home = homes.get(talk.paper)
                if home is not None:
                    target = "" if home == docname else app.builder.get_relative_uri(docname, home)
                    url = f"{target}#{talk.paper}"
                else:
                    url = ctx.paper_url(record) or record.url
            papers[talk.paper] = (record.short_title, url)
        if not html:
            node.replace_self(_plain_talks(node["talks"], papers))
            return
        level = min(section_depth(node) + 1, 6)
        # an example's talks are nobody's: the site's owner is not named as their speaker
        owner = "" if node.get("example") else cv_profile(app).name
        label = node.get("label", "")
        body = talks_html(node["talks"], level, papers, owner, label, messages_for(self.config))
        node.replace_self(raw_html_block(html=body))


def add_cv_css(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: nodes.document | None
) -> None:
    """``html-page-context``: the CV and talks stylesheet, only on pages that show them;
    the email script for the CV's address (a page with a profile header has it already)."""
    body = context.get("body", "")
    if 'class="scholar-cv"' in body or 'class="scholar-talks"' in body:
        app.add_css_file("scholar-cv.css")
    if 'class="scholar-cv"' in body and doctree is not None:
        blocks = doctree.findall(component_block)
        if 'class="scholar-email"' in body and not any(
            node["render"][0] == "profile" for node in blocks
        ):
            app.add_js_file("scholar-email.js", loading_method="defer")


def _plain(doc: CvDocument) -> list[nodes.Node]:
    """Other builders: a rubric and a bullet list per section."""
    out: list[nodes.Node] = []
    for section in doc.sections:
        out.append(nodes.rubric(section.title, section.title))
        for text in section.paragraphs:
            out.append(nodes.paragraph(text, text))
        items = nodes.bullet_list()
        for group in section.groups:
            for paper in group.papers:
                text = f"{paper.title}. {', '.join(a.name for a in paper.authors)}. {paper.venue}"
                items += nodes.list_item("", nodes.paragraph(text, text))
            for entry in group.entries:
                text = ", ".join(x for x in (entry.when, entry.title, entry.detail) if x)
                items += nodes.list_item("", nodes.paragraph(text, text))
        if len(items):
            out.append(items)
    return out


def _plain_talks(talks: tuple[Talk, ...], papers: dict[str, tuple[str, str]]) -> list[nodes.Node]:
    items = nodes.bullet_list()
    for talk in talks:
        text = ", ".join(x for x in (talk.date.text, talk.title, talk.event, talk.location) if x)
        items += nodes.list_item("", nodes.paragraph(text, text))
    return [items] if len(items) else []
