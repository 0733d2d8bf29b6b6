"""Component data that outlives one page: news nodes for ``:latest:``, and what pages link to.

Kept in the scholar domain's per-page data under ``components`` (docname -> page
state), which the domain purges when a page is re-read and merges back from
parallel readers. After reading, :mod:`..rebuild` names the pages whose output would change
although their source did not (a home page showing the latest news when the news
page changed, a timeline when a person's link changed).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ...core.dates import PartialDate
from ...core.records import NewsItem, Source
from ..digests import digest
from ..domain import get_domain
from .nodes import component_block, component_text

KEY = "components"
WRITTEN = "components_written"


@dataclass
class PageState:
    """What one page's components need from other pages, and the news it holds."""

    needs: set[str] = field(default_factory=set)  #: "people", "news"
    news: list[tuple[PartialDate, str, nodes.Element]] = field(default_factory=list)


def pages(env: BuildEnvironment) -> dict[str, PageState]:
    return get_domain(env).data[KEY]


def page(env: BuildEnvironment, docname: str) -> PageState:
    return pages(env).setdefault(docname, PageState())


def need(env: BuildEnvironment, what: str) -> None:
    """The page being read shows something another page defines."""
    page(env, env.docname).needs.add(what)


def collect_news(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: each news item, translated by now, for ``:latest:`` and the feed."""
    env = app.env
    docname = env.docname
    found = [
        node
        for node in doctree.findall(component_block)
        if "news_date" in node and not node.get("news_example")
    ]
    if not found:
        return
    page(env, docname).news = [
        (node["news_date"], node["news_anchor"], node.deepcopy()) for node in found
    ]
    domain = get_domain(env)
    for node in found:
        text = node.next_node(component_text)
        plain = node["news_text"]  # as written, before the read transforms (smart quotes)
        if text is not None and text.get("translated"):
            plain = " ".join(text.astext().split())
        source = Source(node.source or "", node.line)
        item = NewsItem(node["news_date"].iso, plain, docname, node["news_anchor"], source)
        domain.add("news", docname, item)


def all_news(env: BuildEnvironment) -> list[tuple[PartialDate, str, str, nodes.Element]]:
    """(date, docname, anchor, node) of every news item, newest first.

    Equal dates keep page order, then item order: the output never depends on
    which page was read first.
    """
    found = [
        (date, docname, anchor, node)
        for docname, state in sorted(pages(env).items())
        for date, anchor, node in state.news
    ]
    return sorted(found, key=lambda item: item[0], reverse=True)


def news_digest(env: BuildEnvironment) -> str:
    return digest([(d.iso, doc, anchor, node.pformat()) for d, doc, anchor, node in all_news(env)])
