"""``teaching``: one line per course, its terms in order ("fall 2022, spring 2023").

::

    - course: 15-418/618
      title: Parallel Computer Architecture
      terms: [fall 2022, spring 2023]
    - course: 15-418/618
      title: Parallel Computer Architecture
      term: fall 2024
      url: https://www.cs.cmu.edu/~418/

Items with the same course number and title make one line; the course taught
most recently comes first. A term's own ``url`` links that term; a URL all the
terms of a course share links the title.
"""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes

from ...core.dates import Term, parse_term
from ...render.components import CourseView, ListView
from .items import ComponentDirective, Field
from .nodes import block

DEFAULT_ROLE = "Instructor"


class TeachingDirective(ComponentDirective):
    component = "teaching"
    option_spec: ClassVar[dict] = {"label": lambda value: value.strip()}
    schema: ClassVar[dict[str, Field]] = {
        "course": Field("text"),
        "title": Field("text", required=True),
        "term": Field("text"),
        "terms": Field("list"),
        "url": Field("url"),
        "role": Field("text"),
    }
    label_keys = ("title", "course")

    def run(self) -> list[nodes.Node]:
        # (course, title, role) -> [(term, url)], in page order
        courses: dict[tuple[str, str, str], list[tuple[Term | None, str, str]]] = {}
        first_line: dict[tuple[str, str, str], int] = {}  # where each course is first written
        for item in self.yaml_items():
            line, label = item.line, item.label
            url = self.checked_url(item.get("url"), line, label)
            written = ([item.get("term")] if item.get("term") else []) + list(item.get("terms", []))
            key = (item.get("course"), item.get("title"), item.get("role") or DEFAULT_ROLE)
            terms = courses.setdefault(key, [])
            first_line.setdefault(key, line)
            if not written:
                terms.append((None, "", url))
            for text in written:
                term = parse_term(text)
                if term is None:
                    self.warn(
                        "invalid_item",
                        f"{text!r} is not a term (write 'fall 2024': winter, spring, summer "
                        "or fall, then the year); the term is left out",
                        line,
                        label,
                    )
                    continue
                terms.append((term, term.text, url))
        lines = []
        for (number, title, role), terms in courses.items():
            unique = {  # first one wins
                text: (term, text, url) for term, text, url in reversed(terms) if term is not None
            }
            dated = sorted(unique.values(), key=lambda t: t[0].sort_key)
            urls = {url for _, _, url in terms}
            shared = next(iter(urls)) if len(urls) == 1 else ""
            view = CourseView(
                title=title,
                number=number,
                url=shared,
                role="" if role == DEFAULT_ROLE else role,
                terms=tuple((text, "" if shared else url) for _, text, url in dated),
            )
            latest = dated[-1][0].sort_key if dated else (0, 0)
            line = first_line[(number, title, role)]
            fields = [self.field("title", title, line)]
            if view.role:
                fields.append(self.field("role", view.role, line))
            node = block("course", view, plain=plain_text(view), children=fields)
            lines.append((latest, node))
        if not lines:
            return []
        lines.sort(key=lambda pair: pair[0], reverse=True)
        listing = ListView(("scholar-teaching",), label=self.options.get("label", ""))
        children = [*(node for _, node in lines), *self.option_fields("label")]
        return [block("list", listing, children=children)]


def plain_text(view: CourseView) -> str:
    plain = " ".join(x for x in (view.number, view.title) if x)
    if view.terms:
        plain += ": " + ", ".join(text for text, _ in view.terms)
    return plain
