"""A site's own component text in its message catalogs: after the Locale transform.

The directives leave each prose field as a translatable node: text in inline markup as
a :class:`~.nodes.component_text` (shown as it is), a plain field (a timeline's role, an
award's name) as a :class:`~.nodes.component_field` beside the block that shows it from
its view. Sphinx's gettext builder extracts both with their file and line; with a
catalog, its Locale transform replaces their text while the page is read. Then
(``doctree-read``, before the news and the CV are collected) each translated field goes
into its view, and what was made from the view is made again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.gettext import I18nBuilder

from ...core.cv import Talk
from ...core.diagnostics import Diagnostic
from ...core.records import Award
from ...core.text import ILLEGAL, describe, xml_text
from ..cvdata import TALKS
from ..domain import get_domain
from ..nodes import award_badge_node
from ..report import warn
from .cv import talks_pending
from .items import text_of_raw
from .nodes import component_block, component_field, component_text, news_latest
from .people import plain_text as person_plain
from .profile import plain_text as profile_plain
from .teaching import plain_text as course_plain
from .timeline import plain_text as timeline_plain

#: render name -> the text non-HTML builders show, made again from a translated view
PLAIN: dict[str, Callable[[Any], str]] = {
    "timeline": timeline_plain,
    "person": person_plain,
    "course": course_plain,
    "profile": profile_plain,
}


def extracting(app: Sphinx) -> bool:
    """The message catalog builder: it reads the messages where the directives left them."""
    return isinstance(app.builder, I18nBuilder)


def is_translated(node: nodes.Node) -> bool:
    """A component's text or field the catalog translated (a project's description is
    sphinx-design's paragraph)."""
    if not isinstance(node, nodes.Element) or not node.get("translated"):
        return False
    return isinstance(node, (component_text, component_field)) or bool(node.get("scholar_text"))


def clean_translation(node: nodes.Element) -> None:
    """A translation without the characters no page can carry, each node warned once.

    The directives clean what the page holds as they read it; a catalog's text comes in
    later, through the Locale transform, so it is cleaned here.
    """
    found = ""
    for text in list(node.findall(nodes.Text)):
        if ILLEGAL.search(text):
            found += text
            text.parent.replace(text, nodes.Text(xml_text(text)))
    if found:
        original = " ".join(node.rawsource.split())
        warn(
            [
                Diagnostic(
                    "bad_char",
                    f"the translation holds characters no page can carry ({describe(found)}); "
                    "they are removed",
                    node.source or "",
                    node.line,
                    original[:60],
                )
            ]
        )


def translated(parent: nodes.Element) -> dict[tuple[int | None, str], str]:
    """(item, field) -> translated text of the fields the catalog translated.

    ``item`` numbers the talks of a ``talks`` directive; it is None for a field of
    the node itself.
    """
    return {
        (child.get("item"), child["field"]): " ".join(child.astext().split())
        for child in parent.children
        if isinstance(child, component_field) and child.get("translated")
    }


def apply_translations(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: translated fields into their views (nothing changes without any)."""
    for text in list(doctree.findall(is_translated)):
        assert isinstance(text, nodes.Element)
        clean_translation(text)
        if not isinstance(text, component_field):
            text_of_raw(text)  # a translation's HTML is shown as text, as the original's
    for node in doctree.findall(component_block):
        changes = {name: value for (_, name), value in translated(node).items()}
        if not changes:
            continue
        name, view = node["render"]
        view = replace(view, **changes)
        node["render"] = (name, view)
        if name in PLAIN:
            node["plain"] = PLAIN[name](view)
        badge = node.next_node(award_badge_node) if name == "award" else None
        if badge is not None:
            badge[:] = [nodes.Text(view.name)]
            badge["award"] = Award(view.name)
    for latest in doctree.findall(news_latest):
        for (_, name), value in translated(latest).items():
            latest[name] = value
    talks: dict[str, Talk] = {}  # anchor -> the talk as translated
    for pending in doctree.findall(talks_pending):
        found = translated(pending)
        if not found:
            continue
        shown = list(pending["talks"])
        for (index, name), value in found.items():
            if index is None:  # the directive's own option
                pending[name] = value
            else:
                shown[index] = replace(shown[index], **{name: value})
        pending["talks"] = tuple(shown)
        talks.update({talk.anchor: talk for talk in shown})
    if talks:  # the CV and the talks feed show them too
        listed = get_domain(app.env).data[TALKS].get(app.env.docname, [])
        listed[:] = [talks.get(talk.anchor, talk) for talk in listed]


def drop_fields(document: nodes.document) -> None:
    """At write time: the fields were for the catalog; the views show them."""
    for field in list(document.findall(component_field)):
        field.parent.remove(field)
