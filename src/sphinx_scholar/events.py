"""Build events: which pages to rewrite when the bib or the people change."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .config import ScholarConfig
from .domain import get_domain
from .loading import warn
from .site import digest, registry_of, resolve, write_placeholders
from .transforms import card_homes
from .validate import check_name_variants


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages whose cards would now come out differently (``env-get-updated``).

    A page stores queries, not cards; this compares what each query resolves to
    (record digests, people links, where cards live) with what it was written from.
    """
    env._scholar_registry = None  # type: ignore[attr-defined]  (rebuilt from this build's pages)
    env._scholar_homes = None  # type: ignore[attr-defined]
    domain = get_domain(env)
    registry = registry_of(app)
    config = ScholarConfig.of(app)
    homes = card_homes(app)
    common = (registry.digest(), sorted(config.marks.items()), config.paper_pages)
    per_doc: dict[str, list] = {}
    for docname, query in domain.queries():
        records, missing = resolve(query, domain, registry)
        per_doc.setdefault(docname, []).append(
            (query, [(r.key, r.digest) for r in records], missing)
        )
    for docname, key in domain.items("paper_refs"):
        record = domain.records.get(key)
        per_doc.setdefault(docname, []).append(
            (key, record.digest if record else None, homes.get(key))
        )
    changed = []
    digests = domain.data["doc_digests"]
    for docname, parts in per_doc.items():
        value = digest(common, parts)
        if digests.get(docname) != value:
            digests[docname] = value
            changed.append(docname)
    return sorted(changed)


def hint_name_variants(app: Sphinx, env: BuildEnvironment) -> None:
    """Spelling hints need every page's people (aliases), so they wait for ``env-updated``."""
    domain = get_domain(env)
    registry = registry_of(app)
    state = (domain.data["state"], registry.digest())
    if domain.data["hint_state"] == state:
        return
    domain.data["hint_state"] = state
    warn(check_name_variants(domain.records.values(), registry.same_person))


def collect_pages(app: Sphinx) -> list:
    """``html-collect-pages``: placeholder thumbnails (paper pages come from pages.py)."""
    if app.builder.format == "html":
        write_placeholders(app)
    return []
