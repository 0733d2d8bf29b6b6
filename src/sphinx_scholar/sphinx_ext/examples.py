"""``scholar-example``: show a piece of markup, then what it renders, on the same page.

The user guide documents every directive with one of these, so each example is
both its documentation and a test (the guide is built with ``-W``). Components
inside an example render as usual but declare nothing site-wide: an example news
item stays out of the feed and the home page's latest news, an example person
out of the people registry, an example list is never a card's home.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..core.bibparse import field_names, parse_text
from ..core.convert import records_from
from ..core.diagnostics import Diagnostic
from ..core.query import Query
from ..core.validate import check_fields, check_files
from .nodes import publication_query
from .report import warn
from .state import EXAMPLE_FLAG, state_of


class ExampleDirective(SphinxDirective):
    """The body, shown as source (in the page's own markup language) and rendered."""

    has_content = True
    optional_arguments = 1  #: a caption
    final_argument_whitespace = True

    def run(self) -> list[nodes.Node]:
        source = "\n".join(self.content)
        language = "markdown" if self.env.doc2path(self.env.docname).suffix == ".md" else "rst"
        code = nodes.literal_block(source, source, language=language)
        self.set_source_info(code)
        result = nodes.container(classes=["scholar-example__result"])
        self.env.temp_data[EXAMPLE_FLAG] = True
        try:
            result += self.parse_content_to_nodes()
        finally:
            self.env.temp_data.pop(EXAMPLE_FLAG, None)
        box = nodes.container(classes=["scholar-example"])
        if self.arguments:
            box += nodes.paragraph(
                self.arguments[0], self.arguments[0], classes=["scholar-example__caption"]
            )
        box += [code, result]
        self.set_source_info(box)
        return [box]


class BibExampleDirective(SphinxDirective):
    """BibTeX in the page, shown as source and as the cards it makes.

    The entries are the page's own: they join no bib file, get no paper page and
    no generated thumbnail, so a guide can show every field without adding papers
    to the site. Problems are reported like a bib file's, at the page's lines.
    """

    has_content = True
    optional_arguments = 1  #: a caption
    final_argument_whitespace = True

    def run(self) -> list[nodes.Node]:
        source = "\n".join(self.content)
        code = nodes.literal_block(source, source, language="bibtex")
        self.set_source_info(code)
        filename = str(self.env.doc2path(self.env.docname))
        parsed = parse_text(source, filename)
        records, problems = records_from(
            parsed.data, parsed.sources, parsed.marks, parsed.field_lines
        )
        state = state_of(self.env)
        config = state.config
        problems += check_fields(field_names(parsed.data), records, parsed.field_lines)
        problems += check_files(
            records, state.files, config.preview_dir, config.files_dir, parsed.field_lines
        )
        problems = parsed.diagnostics + problems
        # the page line of the content's first line: reST gives the content's offset;
        # MyST gives 0 there, and the fence's line as lineno (the content follows it)
        first = self.content_offset + 1 if self.content_offset else self.lineno + 1
        warn(
            [
                Diagnostic(p.kind, p.message, filename, (p.line or 1) + first - 1, p.key)
                for p in problems
            ]
        )
        box = nodes.container(classes=["scholar-example"])
        if self.arguments:
            caption = self.arguments[0]
            box += nodes.paragraph(caption, caption, classes=["scholar-example__caption"])
        box += code
        if records:
            query = publication_query(
                query=Query(keys=tuple(records), group_by="none", example=True),
                filter="no",
                author="",
                records=list(records.values()),
            )
            self.set_source_info(query)
            result = nodes.container(classes=["scholar-example__result"])
            result += query
            box += result
        self.set_source_info(box)
        return [box]
