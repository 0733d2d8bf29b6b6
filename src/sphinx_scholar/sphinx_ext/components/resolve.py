"""At write time: fill ``:latest:`` news, then render every component block of the page.

Runs before Sphinx resolves references (priority 10) and before the
publications post-transform (20), so the news items copied from the archive
page get their cross-references and award badges resolved for this page.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from ...core.names import key_of
from ...core.urls import is_safe
from ...render.components import ComponentContext, ListView, render_piece
from ..context import card_context
from ..i18n import messages_for
from ..nodes import award_badge_node
from ..output import anchor_uri
from ..state import state_of
from ..transforms import section_depth
from .nodes import block, component_block, component_text, news_latest
from .profile import hide_repeated_name
from .state import all_news
from .translate import drop_fields, extracting

logger = logging.getLogger(__name__)


class ResolveComponents(SphinxPostTransform):
    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        app = state_of(self.env).app
        if extracting(app):  # the catalog builder reads the text where the directives put it
            return
        drop_fields(self.document)
        latest = list(self.document.findall(news_latest))
        for latest_node in latest:
            self.fill_latest(latest_node)
        blocks = list(self.document.findall(component_block))
        if not blocks:
            return
        if app.builder.format != "html":
            for root in blocks:
                if not isinstance(root.parent, component_block) and root.parent is not None:
                    root.replace_self(plain_nodes(root))
            return
        ctx = self.context()
        for node in blocks:
            name, view = node["render"]
            here = ctx
            if name == "project_title":
                here = replace(ctx, level=section_depth(node) + 1)
            elif name == "profile":
                view = hide_repeated_name(node, view)
            node["before"], node["after"] = render_piece(name, view, here)

    def context(self) -> ComponentContext:
        app = state_of(self.env).app
        docname = self.env.docname
        cards = card_context(app, docname)
        builder = app.builder

        def person_url(name: str) -> str:
            person = cards.people.lookup(key_of(name))
            if person is None or person.owner:
                return ""
            url = cards.person_url(person)
            return url if is_safe(url) else ""  # conf.py's scholar_people is not checked

        def file_url(value: str) -> str | None:
            return cards.file_url(value, "")

        def doc_url(target: str) -> str:
            doc, _, anchor = target.partition("#")
            return anchor_uri(builder, docname, doc, anchor) or "#"

        return ComponentContext(
            person_url=person_url,
            file_url=file_url,
            doc_url=doc_url,
            messages=messages_for(self.config),
        )

    def fill_latest(self, node: news_latest) -> None:
        """The newest N items of every news page, copied without their ids."""
        news = all_news(self.env)
        if not news:
            logger.warning(
                "news: ':latest:' found no news items on any page",
                location=node,
                type="scholar",
                subtype="empty_filter",
            )
            node.replace_self([])
            return
        copies = []
        for _date, _doc, _anchor, item in news[: node["count"]]:
            copy = item.deepcopy()
            name, view = copy["render"]
            copy["render"] = (name, replace(view, anchor=None))
            for key in ("news_date", "news_anchor", "news_text"):
                del copy[key]
            copies.append(copy)
        per_page = Counter(doc for _, doc, _, _ in news)
        archive = min(per_page, key=lambda doc: (-per_page[doc], doc))
        more = archive if archive != self.env.docname else ""
        view = ListView(
            ("scholar-news", "scholar-news--latest"),
            label=node["label"],
            more_target=more,
            more_label=node["more"],
        )
        result = block("list", view, children=copies)
        result.source, result.line = node.source, node.line
        node.replace_self(result)


def plain_nodes(root: component_block) -> list[nodes.Node]:
    """What builders other than HTML get: bullet lists of paragraphs."""
    name, _ = root["render"]
    if name == "list":
        bullets = nodes.bullet_list()
        for child in root.children:
            if isinstance(child, component_block):
                item = nodes.list_item()
                item.extend(plain_nodes(child))
                bullets += item
        return [bullets]
    para = nodes.paragraph()
    if root.get("plain"):
        para += nodes.Text(root["plain"])
    for child in root.children:
        if isinstance(child, component_block):
            continue
        copy = child.deepcopy()
        if isinstance(copy, component_text):  # a span other writers know
            copy = nodes.inline("", "", *copy.children, classes=copy["classes"])
        # badges are HTML-only nodes: other writers get their text
        if isinstance(copy, award_badge_node):
            copy = nodes.Text(copy.astext())
        for badge in list(copy.findall(award_badge_node)):
            badge.replace_self(nodes.Text(badge.astext()))
        para += nodes.Text(" ")
        para += copy
    if root.get("plain_after"):
        para += nodes.Text(root["plain_after"])
    return [para] if len(para) else []
