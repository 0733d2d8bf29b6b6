"""Inline roles: ``award`` badges in prose, ``paper`` links to a card."""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from ..core.records import Award
from .domain import get_domain
from .nodes import award_badge_node, paper_reference

_TITLE_TARGET = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.S)


def split_target(text: str) -> tuple[str, str]:
    """'Text <key>' -> ('Text', 'key'); 'key' -> ('', 'key')."""
    match = _TITLE_TARGET.match(text.strip())
    if match:
        return match.group("text").strip(), match.group("target").strip()
    return "", text.strip()


class AwardRole(SphinxRole):
    """``{award}`Outstanding Paper Award``, or ``...<key>`` to link the paper's card."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        name, key = split_target(self.text)
        if not name:  # no <key>: the whole text is the award
            name, key = key, ""
        node = award_badge_node(self.rawtext, name, award=Award(name), key=key)
        self.set_source_info(node)
        if key:
            get_domain(self.env).add("paper_refs", self.env.docname, key)
        return [node], []


class PaperRole(SphinxRole):
    """``{paper}`key``` or ``{paper}`our system <key>```: a link to that paper's card."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        text, key = split_target(self.text)
        node = paper_reference(self.rawtext, text, key=key, explicit=bool(text))
        self.set_source_info(node)
        get_domain(self.env).add("paper_refs", self.env.docname, key)
        return [node], []
