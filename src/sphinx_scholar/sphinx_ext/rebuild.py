"""Which pages to write again although their source did not change.

A page stores what it asks for (queries, paper references, components that show
other pages' data), not what that resolves to; after reading, this compares what
each page would now show with what it was last written from, and names the pages
whose output would change: cards whose entry, people links or home moved, a home
page showing the latest news when the news page changed, a people list when a
co-advisor's link changed.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from ..core.query import find_record
from .components.state import news_digest, pages
from .cvdata import items_digest
from .digests import digest
from .domain import get_domain
from .state import state_of


def card_pages(app: Sphinx) -> list[str]:
    """Pages whose cards or paper links would now come out differently."""
    domain = get_domain(app.env)
    state = state_of(app.env)
    registry = state.registry
    config = state.config
    # Nothing a card depends on changed: pages re-read now are written anyway, and the
    # records need not even be loaded (a no-op rebuild stays fast at thousands of papers).
    inputs = state.card_inputs()
    if not state.bib_changed and domain.data.get("inputs") == inputs:
        return []
    domain.data["inputs"] = inputs
    homes = state.homes
    common = (registry.digest(), sorted(config.marks.items()), config.paper_pages)
    files = domain.file_states  # a card shows its thumbnail only once the file exists
    # a tile depends on the other entries (two alike are told apart)
    tiles = state.tile_html
    per_doc: dict[str, list] = {}
    for docname, query in domain.queries():
        records, missing = state.resolve(query)
        cards = [(r.key, r.digest, files.get(r.key), tiles.get(r.key, "")) for r in records]
        per_doc.setdefault(docname, []).append((query, cards, missing))
    for docname, key in domain.items("paper_refs"):
        record = find_record(domain.records, key)
        per_doc.setdefault(docname, []).append(
            (key, record.digest if record else None, homes.get(record.key if record else key))
        )
    changed = []
    digests = domain.data["doc_digests"]
    for docname, parts in per_doc.items():
        value = digest(common, parts)
        if digests.get(docname) != value:
            digests[docname] = value
            changed.append(docname)
    return changed


def component_pages(app: Sphinx) -> list[str]:
    """Pages whose components show another page's data (people, news) that changed."""
    env = app.env
    states = pages(env)
    wanted = set().union(*(s.needs for s in states.values())) if states else set()
    current: dict[str, Any] = {}
    if "people" in wanted:
        current["people"] = state_of(env).registry.digest()
    if "news" in wanted:
        current["news"] = news_digest(env)
    if "cv" in wanted:
        current["cv"] = items_digest(app)
    written = get_domain(env).data["components_written"]
    changed = []
    for docname, page in sorted(states.items()):
        value = tuple((what, current[what]) for what in sorted(page.needs))
        if written.get(docname) != value:
            written[docname] = value
            if value:
                changed.append(docname)
    return changed
