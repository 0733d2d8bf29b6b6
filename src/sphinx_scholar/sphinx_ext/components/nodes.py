"""The doctree nodes components leave, and how writers write them.

A component is a tree of :class:`component_block` nodes. Each stores what it
shows (``node["render"]``: a renderer name and a view, see
:mod:`sphinx_scholar.render.components`) and ``node["plain"]`` (and
``node["plain_after"]``), its text before (and after) its children for
non-HTML builders; its children are inline markup Sphinx writes itself. HTML
is rendered at write time (``node["before"]``/``node["after"]``) because links
to people, images and other pages depend on the page being written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator


class component_block(nodes.General, nodes.Element):
    """``before`` + children + ``after``, all HTML once the post-transform rendered it."""


class component_text(nodes.TextElement):
    """An item's text in the page's inline markup, written as a ``<span>``; translatable.

    With ``rawsource`` (the text as written) and ``source``/``line``, Sphinx's gettext
    builder extracts it and its Locale transform replaces its children with the
    catalog's translation, parsed as the page's markup. Not a ``nodes.inline``: Sphinx
    extracts an inline only with a ``translatable`` attribute, and then unwraps every
    such inline after reading (``RemoveTranslatableInline``), which would lose the span.
    """


class component_field(nodes.TextElement):
    """A plain text field of the block's view (``node["field"]``), there to be translated.

    Writers never show it: the block shows the field from its view. After the Locale
    transform, :mod:`.translate` copies a translated text into the view.
    """


class news_latest(nodes.General, nodes.Element):
    """Pending: the newest ``count`` news items of the site, filled in at write time."""


def block(
    renderer: str,
    view: object,
    plain: str = "",
    children: Sequence[nodes.Node] = (),
    **attributes: Any,
) -> component_block:
    node = component_block("", *children, render=(renderer, view), plain=plain, **attributes)
    return node


def _visit_block(self: HTML5Translator, node: component_block) -> None:
    self.body.append(node.get("before", ""))


def _depart_block(self: HTML5Translator, node: component_block) -> None:
    self.body.append(node.get("after", ""))


def _skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def register(app: Sphinx) -> None:
    """HTML writes the rendered pieces; other builders get plain nodes (see resolve.py)."""
    skip = (_skip, None)
    app.add_node(component_text, html=(HTML5Translator.visit_inline, HTML5Translator.depart_inline))
    app.add_node(component_field, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)
    app.add_node(
        component_block,
        html=(_visit_block, _depart_block),
        latex=skip,
        text=skip,
        man=skip,
        texinfo=skip,
    )
    app.add_node(news_latest, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)
