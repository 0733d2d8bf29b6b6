"""``people``: current students (``:group: current``) and alumni (``:group: alumni``).

::

    - name: Ying Yee (Rae) Wong
      aliases: [Rae Ying Yee Wong]     # how papers spell the name
      degree: BS
      year: 2023
      now: Masters at Stanford

Every person joins the people registry with an anchor on this page, so their
name links here (or to ``url``) in every publication card of the site.
"""

from __future__ import annotations

import re
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives

from ...core.people import PersonEntry
from ...render.components import ListView, PersonView
from ..domain import get_domain
from ..i18n import _
from ..state import in_example
from .items import ComponentDirective, Field
from .nodes import block
from .state import need

_YEAR = re.compile(r"^\d{4}$")
GROUPS = ("current", "alumni")


class PeopleDirective(ComponentDirective):
    component = "people"
    option_spec: ClassVar[dict] = {
        "group": lambda value: directives.choice(value, GROUPS),
        "label": directives.unchanged_required,
    }
    schema: ClassVar[dict[str, Field]] = {
        "name": Field("text", required=True),
        "url": Field("url"),
        "photo": Field("file"),
        "role": Field("text"),
        "coadvisors": Field("list"),
        "aliases": Field("list"),
        "degree": Field("text"),
        "year": Field("year"),
        "now": Field("text"),
        "note": Field("inline"),
    }

    def run(self) -> list[nodes.Node]:
        alumni = self.options.get("group", "current") == "alumni"
        domain = get_domain(self.env)
        docname = self.env.docname
        people = []
        for item in self.yaml_items():
            line, label = item.line, item.label
            year = item.get("year")
            if year and not _YEAR.match(year):
                self.warn(
                    "invalid_item",
                    f"'year': {year!r} is not a year (write YYYY); the year is left out",
                    line,
                    label,
                )
                year = ""
            node = block("person", None)
            name = item.get("name")
            anchor = self.unique_id(nodes.make_id(name) or "person", node)
            view = PersonView(
                name=name,
                anchor=anchor,
                alumni=alumni,
                url=self.checked_url(item.get("url"), line, label),
                photo=self.checked_file(item.get("photo"), line, label, "photo"),
                role=item.get("role"),
                coadvisors=tuple(item.get("coadvisors", [])),
                degree=item.get("degree"),
                year=year,
                now=item.get("now"),
                note=bool(item.get("note")),
            )
            node["render"] = ("person", view)
            node["plain"] = plain_text(view)
            node.source, node.line = self.source, line
            for key in ("role", "degree", "now"):
                if getattr(view, key):
                    node += self.field(key, getattr(view, key), line)
            if view.note:
                node += self.inline(item.get("note"), line)
            if view.coadvisors:
                need(self.env, "people")
            if not in_example(self.env):  # an example person joins no registry
                domain.add(
                    "people",
                    docname,
                    PersonEntry(
                        name,
                        url=view.url,
                        aliases=tuple(item.get("aliases", [])),
                        docname=docname,
                        anchor=anchor,
                    ),
                )
            people.append(node)
        if not people:
            return []
        classes = ("scholar-people", f"scholar-people--{'alumni' if alumni else 'current'}")
        listing = ListView(classes, label=self.options.get("label", ""))
        return [block("list", listing, children=[*people, *self.option_fields("label")])]


def plain_text(view: PersonView) -> str:
    facts = ", ".join(x for x in (view.role, view.degree, view.year) if x)
    text = view.name + (f" ({facts})" if facts else "")
    if view.coadvisors:
        text += ", " + _("co-advised with {names}").format(names=", ".join(view.coadvisors))
    if view.now:
        text += ", " + _("now {where}").format(where=view.now)
    return text
