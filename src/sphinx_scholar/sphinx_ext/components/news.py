"""``news``: dated items, newest first; ``:latest: N`` shows the site's newest N elsewhere.

The body is a Markdown (or reST) bullet list, one item per news::

    - 2025-03: Honored to be named a Sloan Research Fellow.
    - 2024 Quantized Side Tuning received an {award}`Outstanding Paper Award <key>`.

Once the page is read (and translated), each item registers a
:class:`~sphinx_scholar.records.NewsItem` (the Atom feed is made from them) and
keeps its nodes for ``:latest:`` (components/state.py), which is resolved at
write time because the archive page may be read after the home page.
"""

from __future__ import annotations

import re
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives

from ...core.dates import parse_date
from ...render.components import ListView, NewsItemView
from ..i18n import _
from ..state import in_example
from .items import ComponentDirective
from .nodes import block, news_latest
from .state import need

_BULLET = re.compile(r"^[-*+]\s+(?P<text>.*)$")
_DATED = re.compile(r"^(?P<date>\d{4}(?:-\d{1,2}){0,2})(?:\s*:\s*|\s+)(?P<text>.*)$", re.S)
_ANCHOR_WORDS = 6


class NewsDirective(ComponentDirective):
    component = "news"
    option_spec: ClassVar[dict] = {
        "latest": directives.positive_int,
        "more": directives.unchanged_required,
        "label": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        if "latest" in self.options:
            return self.latest()
        entries = []
        for offset, text in self.bullets():
            entry = self.item(offset, text)
            if entry is not None:
                entries.append(entry)
        if not entries:
            return []
        # newest first; sorted() is stable, so equal dates keep the page's order
        entries.sort(key=lambda node: node["news_date"], reverse=True)
        view = ListView(("scholar-news",), label=self.options.get("label", ""))
        return [block("list", view, children=[*entries, *self.option_fields("label")])]

    def latest(self) -> list[nodes.Node]:
        if self.content:
            self.warn(
                "invalid_item",
                "with :latest: the items come from the news pages; this body is ignored",
                self.page_line(0),
                self.content[0].strip(),
            )
        node = news_latest(
            count=self.options["latest"],
            more=self.options.get("more", _("All news")),
            label=self.options.get("label", _("Latest news")),
        )
        self.set_source_info(node)
        node.extend(self.option_fields("label", "more"))
        need(self.env, "news")
        return [node]

    def bullets(self) -> list[tuple[int, str]]:
        """(content line, text) per bullet; indented lines continue the bullet above."""
        found: list[list] = []
        current: list | None = None
        for offset, raw in enumerate(self.content):
            if not raw.strip():
                continue
            match = _BULLET.match(raw)
            if match:
                current = [offset, match.group("text").strip()]
                found.append(current)
            elif current is not None and raw[:1].isspace():
                current[1] += "\n" + raw.strip()
            else:
                self.warn(
                    "invalid_item",
                    "every news item is a bullet ('- 2025-03: text'); this line is left out",
                    self.page_line(offset),
                    raw.strip(),
                )
                current = None
        if not found and not self.content:
            self.warn("invalid_item", "no items (write '- 2025-03: text' lines)", None)
        return [(offset, text) for offset, text in found]

    def item(self, offset: int, text: str) -> nodes.Element | None:
        line = self.page_line(offset)
        shown = text.splitlines()[0] if text else ""
        match = _DATED.match(text)
        date = parse_date(match.group("date")) if match else None
        if match is None or date is None:
            self.warn(
                "invalid_item",
                "a news item starts with its date (YYYY, YYYY-MM or YYYY-MM-DD, "
                "then ':' or a space); the item is left out",
                line,
                shown,
            )
            return None
        body = match.group("text").strip()
        if not body:
            self.warn("invalid_item", "the item has a date but no text", line, shown)
            return None
        inline = self.inline(body, line, ("scholar-news__text",))
        plain = " ".join(inline.astext().split())
        node = block("news_item", None, plain=date.text + ":", children=[inline])
        words = " ".join(plain.split()[:_ANCHOR_WORDS])
        anchor = self.unique_id(nodes.make_id(f"news-{date.iso}-{words}"), node)
        node["render"] = ("news_item", NewsItemView(date, anchor))
        node["news_date"] = date
        node["news_anchor"] = anchor
        node["news_text"] = plain  # the feed's text, unless a catalog translates it
        node.source, node.line = self.source, line
        if in_example(self.env):  # neither in the feed nor in the latest news
            node["news_example"] = True
        return node
