"""``talks``: invited talks and presentations, grouped by year, each with schema.org Event data.

::

    - date: 2025-03-14
      title: Superoptimizing tensor programs
      event: Systems seminar, Example University
      location: Pittsburgh, PA
      url: https://example.org/seminar     # the event's page
      slides: https://example.org/slides.pdf
      video: https://example.org/video
      paper: jia2019taso                   # a bib key: links the paper's card

Talks join the CV (``cv``) unless shown inside a ``scholar-example``.
"""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives

from ...core.cv import Talk
from ...core.dates import PartialDate
from ...core.messages import N_
from ..cvdata import TALKS
from ..domain import get_domain
from ..state import in_example
from .cv import talks_pending
from .items import ComponentDirective, Field

#: link keys and the labels the page shows
LINKS = (("url", N_("Event")), ("slides", N_("Slides")), ("video", N_("Video")))


class TalksDirective(ComponentDirective):
    component = "talks"
    option_spec: ClassVar[dict] = {"label": directives.unchanged_required}
    schema: ClassVar[dict[str, Field]] = {
        "date": Field("date", required=True),
        "title": Field("text", required=True),
        "event": Field("text"),
        "location": Field("text"),
        "url": Field("url"),
        "slides": Field("url"),
        "video": Field("url"),
        "paper": Field("text"),
    }
    label_keys = ("title",)

    def run(self) -> list[nodes.Node]:
        domain = get_domain(self.env)
        docname = self.env.docname
        example = in_example(self.env)
        pending = talks_pending("", talks=(), label=self.options.get("label", ""), example=example)
        self.set_source_info(pending)
        talks = []
        for item in self.yaml_items():
            line, label = item.line, item.label
            date = self.checked_date(item.get("date"), line, label, "date")
            if not isinstance(date, PartialDate):
                continue
            links = tuple(
                (text, url)
                for key, text in LINKS
                if (url := self.checked_url(item.get(key), line, label, key))
            )
            anchor = self.unique_id(nodes.make_id(f"talk-{date.iso}-{item.get('title')}"), pending)
            talk = Talk(
                date=date,
                title=item.get("title"),
                event=item.get("event"),
                location=item.get("location"),
                links=links,
                paper=item.get("paper"),
                anchor=anchor,
                line=line,
            )
            if talk.paper:
                domain.add("paper_refs", docname, talk.paper)
            if not example:
                domain.add(TALKS, docname, talk)
            talks.append(talk)
        if not talks:
            return []
        talks.sort(key=lambda t: t.date, reverse=True)  # stable: same date, page order
        pending["talks"] = tuple(talks)
        pending.extend(self.option_fields("label"))
        for index, talk in enumerate(talks):  # for the page's catalog (translate.py)
            for key in ("title", "event"):
                if getattr(talk, key):
                    pending += self.field(key, getattr(talk, key), talk.line, item=index)
        return [pending]
