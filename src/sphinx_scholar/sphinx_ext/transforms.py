"""At write time: pending publication nodes become cards, paper roles become links.

Resolution waits until every page is read, because a card links its co-authors
through the people registry that any page may extend.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from urllib.parse import quote

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from ..core.query import find_record, group, group_id
from ..core.records import Publication
from ..render.card import card_html, card_view
from .cardcache import card_fingerprint
from .context import card_context
from .domain import get_domain
from .fill import number_cards
from .i18n import group_title, messages_for
from .nodes import (
    award_badge_node,
    paper_reference,
    publication_card,
    publication_group,
    publication_list,
    publication_query,
)
from .output import anchor_uri
from .publications import group_search_title, search_nodes
from .state import state_of

logger = logging.getLogger(__name__)


def fragment(key: str) -> str:
    """A URL fragment for an id; browsers decode it before matching the id."""
    return quote(key, safe="!$&'()*+,;=:@/?~-._")


def section_depth(node: nodes.Node) -> int:
    depth = 0
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.section):
            depth += 1
        parent = parent.parent
    return depth


class _Ids:
    """HTML ids already used on the page, so two lists never repeat one."""

    def __init__(self, document: nodes.document) -> None:
        self.used = set(document.ids)

    def claim(self, wanted: str) -> str | None:
        """The id itself if free, else None (cards keep their key as id only once)."""
        if wanted in self.used:
            return None
        self.used.add(wanted)
        return wanted

    def unique(self, wanted: str) -> str:
        candidate, counter = wanted, 2
        while candidate in self.used:
            candidate, counter = f"{wanted}-{counter}", counter + 1
        self.used.add(candidate)
        return candidate


class ResolvePublications(SphinxPostTransform):
    """Lists, cards and paper links, for builders other than HTML: early, so that their
    own post-transforms (LaTeX's footnotes for URLs...) see the plain lists' links."""

    default_priority = 20

    def is_supported(self) -> bool:
        return self.sphinx_app.builder.format != "html"

    @property
    def sphinx_app(self) -> Any:
        """The application (``SphinxTransform.app`` is deprecated in Sphinx 9)."""
        return state_of(self.env).app

    def run(self, **kwargs: Any) -> None:
        queries = list(self.document.findall(publication_query))
        refs = list(self.document.findall(paper_reference))
        awards = [n for n in self.document.findall(award_badge_node) if n.get("key")]
        if not (queries or refs or awards):
            return
        docname = self.env.docname
        domain = get_domain(self.env)
        homes = state_of(self.env).homes
        html = self.sphinx_app.builder.format == "html"
        ids = _Ids(self.document)
        seen: set[str] = set()  # the words the page gave the search (search_nodes)
        for node in queries:
            self._replace_query(node, docname, ids, html, seen)
        if queries and html:
            number_cards(self.sphinx_app, docname, self.document)
        for ref in refs:
            self._replace_ref(ref, docname, homes, domain)
        for award in awards:
            key = award["key"]
            found = find_record(domain.records, key)  # keys match case-insensitively
            if found is not None and found.key in homes:
                award["refuri"] = self._card_uri(docname, homes[found.key], found.key)
            else:
                logger.warning(
                    f"award role names the unknown paper key {key!r}",
                    location=award,
                    type="scholar",
                    subtype="unknown_key",
                )

    def _card_uri(self, docname: str, home: str, key: str) -> str:
        """Link to a card; the key is percent-encoded (keys may hold ``[``, ``^``, ``\\``...)."""
        return anchor_uri(self.sphinx_app.builder, docname, home, fragment(key))

    def _replace_query(
        self, node: publication_query, docname: str, ids: _Ids, html: bool, seen: set[str]
    ) -> None:
        domain = get_domain(self.env)
        state = state_of(self.env)
        query = node["query"]
        own = node.get("records")  # a scholar-bib-example's entries: no bib file has them
        records, missing = (list(own), []) if own else state.resolve(query)
        for key in missing:
            logger.warning(
                f"no bib entry has the key {key!r}",
                location=node,
                type="scholar",
                subtype="unknown_key",
            )
        if not records and not missing:
            what = "the bib files hold no entries" if not domain.records else "no entry matches"
            logger.warning(
                f"publications: {what} (options: {_describe(node)})",
                location=node,
                type="scholar",
                subtype="empty_filter",
            )
        if not records:
            node.replace_self([])
            return
        if not html:
            node.replace_self(_plain(records))
            return
        config = state.config
        ctx = card_context(self.sphinx_app, docname)
        if own:  # no paper page and no generated tile exist for them
            ctx = replace(ctx, paper_url=lambda record: "", placeholder=lambda record: "")
        messages = messages_for(self.config)
        legend = dict(config.marks)
        cache = None if own else state.cards
        files, slugs = domain.file_states, domain.slugs
        tiles = state.tile_html if cache is not None else {}
        # a long list links each card's abstract and BibTeX to its paper page (render/links)
        details = node.get("details", "auto")
        linked = not own and (
            details == "link" or (details == "auto" and len(records) > config.details_threshold)
        )

        def render(record: Publication, anchor: str | None) -> str:
            """The card's HTML: as last written when nothing it shows changed."""
            if cache is None:
                return card_html(card_view(record, ctx, anchor, linked), legend, messages)
            slot = (docname, record.key, anchor or "")
            tile = tiles.get(record.key, "")
            fingerprint = card_fingerprint(record, files, slugs, tile, linked)
            html = cache.get(slot, fingerprint)
            if html is None:
                html = card_html(card_view(record, ctx, anchor, linked), legend, messages)
                cache.put(slot, fingerprint, html)
            return html

        level = section_depth(node) + 1
        show_filter = node["filter"] == "yes" or (
            node["filter"] == "auto" and len(records) > config.filter_threshold
        )
        result = publication_list(
            list_id=ids.unique("publications"),
            count=len(records),
            filter_box=show_filter,
            marks=sorted({m for r in records for a in r.authors for m in a.marks}),
            legend=legend,
        )
        for title, members in group(records, query):
            group_node = publication_group(
                title=group_title(title),
                # the id stays the English one: links to "#year-2017-and-earlier" keep working
                heading_id=ids.unique(group_id(title)) if title else "",
                level=level,
            )
            if title:
                group_node["ids"] = [group_node["heading_id"]]
                group_node += group_search_title(title)
            for record in members:
                anchor = ids.claim(record.key)
                card = publication_card(record=record, html=render(record, anchor))
                if anchor:
                    card["ids"] = [anchor]
                card += search_nodes(record, seen)
                group_node += card
            result += group_node
        node.replace_self(result)

    def _replace_ref(self, ref: paper_reference, docname: str, homes: dict, domain: Any) -> None:
        key = ref["key"]
        record = find_record(domain.records, key)  # keys match case-insensitively
        if record is None:
            logger.warning(
                f"paper role names the unknown key {key!r}",
                location=ref,
                type="scholar",
                subtype="unknown_key",
            )
            ref.replace_self(nodes.Text(ref.astext() or key))
            return
        key = record.key
        text = ref.astext() if ref["explicit"] else record.short_title
        home = homes.get(key)
        if home is None:
            uri = card_context(self.sphinx_app, docname).paper_url(record)
        else:
            uri = self._card_uri(docname, home, key)
        if not uri:
            ref.replace_self(nodes.emphasis(text, text))
            return
        ref.replace_self(
            nodes.reference(text, text, refuri=uri, internal=True, classes=["scholar-paper-ref"])
        )


class ResolvePublicationsInHtml(ResolvePublications):
    """The same for HTML, as late as it can be: just before MyST's heading slugs (700),
    which must see the cards' ids. The post-transforms before it (sphinx-design's, the
    theme's short links, code and image handling) then each walk a page that holds one
    node per list instead of several per card (thousands on a publications page); none
    of them has anything to do in a card."""

    default_priority = 699

    def is_supported(self) -> bool:
        return self.sphinx_app.builder.format == "html"


def _describe(node: publication_query) -> str:
    query = node["query"]
    parts = []
    if query.selected:
        parts.append("selected")
    if query.year_from or query.year_to:
        parts.append(f"year {query.year_from or ''}-{query.year_to or ''}")
    if query.types:
        parts.append("type " + ",".join(query.types))
    if query.tags:
        parts.append("tag " + ",".join(query.tags))
    if node.get("author"):
        parts.append(f"author {node['author']}")
    return "; ".join(parts) or "none"


def _plain(records: list) -> list[nodes.Node]:
    """What non-HTML builders get: one paragraph per paper."""
    out: list[nodes.Node] = []
    for record in records:
        para = nodes.paragraph()
        para += nodes.strong(text=record.title.plain)
        names = ", ".join(a.name for a in record.authors)
        venue = ", ".join(x for x in (record.venue.plain, str(record.year or "")) if x)
        para += nodes.Text(f". {names}. {venue}.")
        out.append(para)
    return out
