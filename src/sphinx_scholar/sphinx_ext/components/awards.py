"""``awards``: a list of award badges, newest first; an award won by a paper links its card.

::

    - name: ACL Outstanding Paper Award
      year: 2024
      paper: zhang2024quantized        # a bib key: the badge links to that card
    - name: Sloan Research Fellowship
      year: 2025
      url: https://sloan.org/fellowships

A ``paper`` badge is the ``award`` role's node (``award_badge_node`` with a
key), so the publications post-transform links it to wherever the card lives,
and warns if no bib entry has the key.
"""

from __future__ import annotations

import re
from typing import ClassVar

from docutils import nodes

from ...core.records import Award
from ...render.components import AwardView, ListView
from ..domain import get_domain
from ..nodes import award_badge_node
from ..state import in_example
from .items import ComponentDirective, Field
from .nodes import block

_YEAR = re.compile(r"^\d{4}$")


class AwardsDirective(ComponentDirective):
    component = "awards"
    option_spec: ClassVar[dict] = {"label": lambda value: value.strip()}
    schema: ClassVar[dict[str, Field]] = {
        "name": Field("text", required=True),
        "year": Field("year", required=True),
        "url": Field("url"),
        "paper": Field("text"),
        "org": Field("text"),
    }

    def run(self) -> list[nodes.Node]:
        domain = get_domain(self.env)
        docname = self.env.docname
        awards = []
        for item in self.yaml_items():
            line, label = item.line, item.label
            name, year, paper = item.get("name"), item.get("year"), item.get("paper")
            if not _YEAR.match(year):
                self.warn(
                    "invalid_item",
                    f"'year': {year!r} is not a year (write YYYY); the item is left out",
                    line,
                    label,
                )
                continue
            url = self.checked_url(item.get("url"), line, label)
            award = Award(name)
            badge = award_badge_node(name, name, award=award, key=paper)
            badge.source, badge.line = self.source, line
            if paper:
                domain.add("paper_refs", docname, paper)
            elif url:
                badge["refuri"] = url
            view = AwardView(name, year, org=item.get("org"), url=url if paper else "")
            children = [badge, self.field("name", name, line)]
            node = block("award", view, plain=f"{year}:", children=children)
            if view.org:
                node["plain_after"] = f", {view.org}"
            node.source, node.line = self.source, line
            if not in_example(self.env):
                domain.add("awards", docname, Award(name, detail=year))
            awards.append((year, node))
        if not awards:
            return []
        awards.sort(key=lambda pair: pair[0], reverse=True)  # stable: same year, page order
        listing = ListView(("scholar-award-list",), label=self.options.get("label", ""))
        listed = [*(node for _, node in awards), *self.option_fields("label")]
        return [block("list", listing, children=listed)]
