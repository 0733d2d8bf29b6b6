"""``publications`` (a filtered, grouped list) and ``publication KEY`` (one card)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.docutils import SphinxDirective

from ..core.names import key_of
from ..core.query import GROUPINGS, SORTS, Query, parse_years
from ..core.records import Publication
from .domain import get_domain
from .nodes import publication_query, search_title
from .state import in_example


def search_nodes(record: Publication, seen: set[str]) -> list[nodes.Node]:
    """What Sphinx's search indexes of a card: its title as a title of the page (a
    search for it lists the card, by its anchor, as a result of its own), and the
    author names and the venue as words. The year is the group's title
    (:func:`group_search_title`): Sphinx's index leaves out numbers.

    A word an earlier card of the page gave (*seen*, the page's) is left out: the index
    keeps a word once per page, but Sphinx splits, filters and stems every word it is
    given, and a page of thousands of cards repeats the same names and venues thousands
    of times. Words are cut at white space, where Sphinx's splitters cut too, so the
    page's words are the same."""
    texts = [a.name for a in record.authors if not a.others]
    texts += [record.venue.plain, record.venue_abbr]
    words = []
    for text in texts:
        for word in text.split():
            if word not in seen:
                seen.add(word)
                words.append(word)
    title = record.title.plain or record.key
    found: list[nodes.Node] = [search_title(title)]
    return [*found, nodes.Text(" ".join(words))] if words else found


SCORER = Path(__file__).parent.parent / "static" / "scholar-search.js"


def use_search_scorer(app: Sphinx, config: Config) -> None:
    """``config-inited``: ours ranks a card above its page, unless the site has a scorer."""
    if not config.html_search_scorer:
        config.html_search_scorer = str(SCORER)


def group_search_title(title: str) -> list[nodes.Node]:
    """A group's title for the search (a year: "2023" finds that year's papers)."""
    return [search_title(title)] if title else []


def _words(text: str | None) -> tuple[str, ...]:
    return tuple(w for w in (text or "").replace(",", " ").split() if w)


def _csv(text: str | None) -> tuple[str, ...]:
    return tuple(w.strip() for w in (text or "").split(",") if w.strip())


def _years(text: str | None) -> tuple[int | None, int | None]:
    return parse_years(text or "")


class PublicationsDirective(SphinxDirective):
    """Every paper of the bib files, or those the options select, grouped by year."""

    has_content = False
    option_spec: ClassVar[dict] = {
        "selected": directives.flag,
        "year": _years,
        "type": _words,
        "tag": _csv,
        "author": directives.unchanged_required,
        "keys": _words,
        "group-by": lambda v: directives.choice(v, GROUPINGS),
        "sort": lambda v: directives.choice(v, SORTS),
        "limit": directives.positive_int,
        "group-earlier": directives.nonnegative_int,
        "filter": lambda v: directives.choice(v, ("auto", "yes", "no")),
        "details": lambda v: directives.choice(v, ("auto", "inline", "link")),
    }

    def query(self) -> Query:
        options = self.options
        year_from, year_to = options.get("year", (None, None))
        author = options.get("author", "")
        return Query(
            keys=options.get("keys", ()),
            selected="selected" in options,
            year_from=year_from,
            year_to=year_to,
            types=tuple(t.lower() for t in options.get("type", ())),
            tags=options.get("tag", ()),
            author_keys=(key_of(author),) if author else (),
            group_by=options.get("group-by", "year"),
            sort=options.get("sort", "newest"),
            limit=options.get("limit"),
            group_earlier=options.get("group-earlier"),
        )

    def run(self) -> list[nodes.Node]:
        query = self.query()
        if in_example(self.env):
            query = replace(query, example=True)
        node = publication_query(
            query=query,
            filter=self.options.get("filter", "auto"),
            details=self.options.get("details", "auto"),
            author=self.options.get("author", ""),
        )
        self.set_source_info(node)
        get_domain(self.env).add("queries", self.env.docname, query)
        return [node]


class PublicationDirective(PublicationsDirective):
    """One card, anywhere: ``publication KEY``."""

    required_arguments = 1
    option_spec: ClassVar[dict] = {}

    def query(self) -> Query:
        return Query(keys=(self.arguments[0],), group_by="none")

    def run(self) -> list[nodes.Node]:
        self.options["filter"] = "no"
        return super().run()
