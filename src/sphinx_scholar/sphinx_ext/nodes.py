"""Doctree nodes, and how the HTML writer writes them.

Reading leaves a :class:`publication_query` (what to show); the post-transform
turns it into a :class:`publication_list` of groups and cards once the whole
site is known (people from every page, the current bib). Cards are one node
each, written by :mod:`sphinx_scholar.render` (see there for why).
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from ..core.messages import Messages
from ..render.badges import award_badge
from ..render.card import group_end, group_start, list_end, list_start
from .i18n import messages_for


class publication_query(nodes.General, nodes.Element):
    """Pending: a ``publications``/``publication`` directive before resolution."""


class publication_list(nodes.General, nodes.Element):
    """Resolved list: children are :class:`publication_group` nodes."""


class publication_group(nodes.General, nodes.Element):
    """A titled group (a year) of :class:`publication_card` nodes."""


class publication_card(nodes.General, nodes.Element):
    """One card: ``node["html"]`` its HTML (rendered by the post-transform, which keeps
    cards across builds: cardcache.py), ``node["record"]`` its entry.

    Its children are what Sphinx's search indexes of it, never written
    (:func:`sphinx_scholar.sphinx_ext.publications.search_nodes`).
    """


class search_title(nodes.title):
    """A title only Sphinx's search sees: a card's or a year group's, with their ids,
    so a search for a paper's title or a year leads to that card or group.

    Its text is its ``rawsource``, not a child: Sphinx's indexer takes a title's words
    from ``astext()`` and then walks the title's children as words of the page, which gave
    it every card's title twice, the second time for nothing (a word of a page's titles is
    not indexed again as one of its words)."""

    def astext(self) -> str:
        return self.rawsource


class award_badge_node(nodes.Inline, nodes.TextElement):
    """An award badge in prose; ``node["key"]`` names the paper it belongs to."""


class paper_reference(nodes.Inline, nodes.TextElement):
    """Pending: a ``paper`` role, resolved to a reference to the paper's card."""


class raw_html_block(nodes.General, nodes.Element):
    """Finished HTML a component rendered (``node["html"]``), for HTML writers only."""


def _messages(self: HTML5Translator) -> Messages:
    return messages_for(self.config)


def _visit_list(self: HTML5Translator, node: publication_list) -> None:
    records = [card["record"] for card in node.findall(publication_card)]
    self.body.append(
        list_start(node["list_id"], node["count"], node["filter_box"], records, _messages(self))
    )


def _depart_list(self: HTML5Translator, node: publication_list) -> None:
    self.body.append(list_end(set(node["marks"]), node["legend"], _messages(self)))


def _visit_group(self: HTML5Translator, node: publication_group) -> None:
    self.body.append(group_start(node["title"], node["heading_id"], node["level"]))


def _depart_group(self: HTML5Translator, node: publication_group) -> None:
    self.body.append(group_end(bool(node["title"])))


#: A card stands in the page body as this mark, its slot (place among the page's cards)
#: inside; fill.py puts the cards in. NUL is in no HTML Sphinx writes: nothing else
#: looks like it.
CARD_MARK = "\x00scholar-card {}\x00"
CARD_MARKS = re.compile("\x00scholar-card (\\d+)\x00")


def _visit_card(self: HTML5Translator, node: publication_card) -> None:
    self.body.append(CARD_MARK.format(node["slot"]))
    raise nodes.SkipNode


def _visit_award(self: HTML5Translator, node: award_badge_node) -> None:
    self.body.append(award_badge(node["award"], node.get("refuri", "")))
    raise nodes.SkipNode


def _visit_raw_html(self: HTML5Translator, node: raw_html_block) -> None:
    self.body.append(node["html"])
    raise nodes.SkipNode


def _skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def _pass(self: Any, node: nodes.Node) -> None:
    pass


def register(app: Sphinx) -> None:
    """HTML visitors; other builders get plain docutils nodes from the post-transform."""
    skip = (_skip, None)
    for node, html in (
        (publication_list, (_visit_list, _depart_list)),
        (publication_group, (_visit_group, _depart_group)),
        (publication_card, (_visit_card, None)),
        (award_badge_node, (_visit_award, None)),
        (raw_html_block, (_visit_raw_html, None)),
    ):
        app.add_node(node, html=html, latex=skip, text=skip, man=skip, texinfo=skip)
    app.add_node(search_title, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)
    for passive in (publication_query, paper_reference):
        app.add_node(passive, html=(_pass, _pass), latex=skip, text=skip, man=skip, texinfo=skip)
