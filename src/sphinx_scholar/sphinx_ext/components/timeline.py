"""``timeline``: education and positions as an accessible list with logos, newest first.

::

    - org: Stanford University
      url: https://www.stanford.edu
      logo: _static/logos/stanford.svg
      role: Ph.D. candidate
      place: Stanford, CA
      start: 2013-09
      end: 2020-06          # or "present" (the default)
      advisors: [Alex Aiken, Matei Zaharia]
      note: Thesis on *automated discovery* of ML optimizations.

Advisors are linked through the people registry at write time, so a name
declared in conf.py or on the group page links wherever it appears.
"""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives

from ...core.dates import PartialDate
from ...render.components import ListView, TimelineView
from .items import ComponentDirective, Field
from .nodes import block
from .state import need

#: Sorts after every real date: "present" is the newest end.
_OPEN = PartialDate(9999, 12, 31)


class TimelineDirective(ComponentDirective):
    component = "timeline"
    option_spec: ClassVar[dict] = {
        "advisors-label": directives.unchanged_required,
        "label": directives.unchanged_required,
    }
    schema: ClassVar[dict[str, Field]] = {
        "org": Field("text", required=True),
        "url": Field("url"),
        "logo": Field("file"),
        "role": Field("text", required=True),
        "place": Field("text"),
        "start": Field("date", required=True),
        "end": Field("end"),
        "advisors": Field("list"),
        "note": Field("inline"),
    }
    label_keys = ("org", "role")

    def run(self) -> list[nodes.Node]:
        entries: list[tuple[tuple[PartialDate, PartialDate], nodes.Element]] = []
        for item in self.yaml_items():
            line, label = item.line, item.label
            start = self.checked_date(item.get("start"), line, label, "start")
            end = self.checked_date(item.get("end"), line, label, "end", end=True)
            if start is False or end is False:
                continue
            assert isinstance(start, PartialDate)
            assert end is None or isinstance(end, PartialDate)
            if end is not None and end < start:
                self.warn(
                    "invalid_item",
                    f"ends ({end.iso}) before it starts ({start.iso}); the item is left out",
                    line,
                    label,
                )
                continue
            advisors = tuple(item.get("advisors", []))
            view = TimelineView(
                org=item.get("org"),
                role=item.get("role"),
                start=start,
                end=end,
                url=self.checked_url(item.get("url"), line, label),
                logo=self.checked_file(item.get("logo"), line, label, "logo"),
                place=item.get("place"),
                advisors=advisors,
                advisors_label=self.options.get("advisors-label", ""),
                note=bool(item.get("note")),
            )
            children: list[nodes.Node] = [self.field("role", view.role, line)]
            if advisors:
                children += self.option_fields("advisors-label")
            if view.note:
                children.append(self.inline(item.get("note"), line))
            if advisors:
                need(self.env, "people")
            node = block("timeline", view, plain=plain_text(view), children=children)
            node.source, node.line = self.source, line
            entries.append(((end or _OPEN, start), node))
        if not entries:
            return []
        entries.sort(key=lambda entry: entry[0], reverse=True)
        listing = ListView(("scholar-timeline",), label=self.options.get("label", ""), ordered=True)
        children = [*(node for _, node in entries), *self.option_fields("label")]
        return [block("list", listing, children=children)]


def plain_text(view: TimelineView) -> str:
    where = f"{view.org}, {view.place}" if view.place else view.org
    until = view.end.text if view.end else "present"
    text = f"{where}: {view.role}, {view.start.text} – {until}."
    if view.advisors:
        label = view.advisors_label or ("Advisors:" if len(view.advisors) > 1 else "Advisor:")
        text += f" {label} {', '.join(view.advisors)}."
    return text
