"""Build events: which pages to rewrite when the bib or the people change."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..core.validate import check_name_variants
from ..render.placeholder import FOLDER
from . import sidecar
from .config import ScholarConfig
from .context import digest, registry_of, resolve, write_placeholders
from .domain import get_domain
from .loading import warn
from .sidecar import Lazy
from .transforms import card_homes

HINTS = "scholar-hints.pickle"


def forget_derived(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """First ``env-get-updated`` handler: the people registry and the card homes are
    rebuilt from this build's pages, by whichever handler asks for them first."""
    env._scholar_registry = None  # type: ignore[attr-defined]
    env._scholar_homes = None  # type: ignore[attr-defined]
    return []


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages whose cards would now come out differently (``env-get-updated``).

    A page stores queries, not cards; this compares what each query resolves to
    (record digests, people links, where cards live) with what it was written from.
    """
    domain = get_domain(env)
    registry = registry_of(app)
    config = ScholarConfig.of(app)
    # Nothing a card depends on changed: pages re-read now are written anyway, and the
    # records need not even be loaded (a no-op rebuild stays fast at thousands of papers).
    inputs = (domain.data["state"], registry.digest(), domain.queries_digest())
    if not getattr(env, "_scholar_bib_changed", True) and domain.data.get("inputs") == inputs:
        return []
    domain.data["inputs"] = inputs
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
    if not changed and getattr(env, "_scholar_bib_changed", False):
        # Sphinx saves the environment only when some page is written; the new bib
        # state must be saved too, or every later build would parse the bib again.
        changed.append(app.config.root_doc)
    return sorted(changed)


def hint_name_variants(app: Sphinx, env: BuildEnvironment) -> None:
    """Spelling hints need every page's people (aliases), so they wait for ``env-updated``."""
    domain = get_domain(env)
    registry = registry_of(app)
    state = (domain.data["state"], registry.digest())
    if domain.data["hint_state"] == state:
        return
    domain.data["hint_state"] = state
    # Kept beside the records (like them, it survives a fresh environment, -E).
    records = domain.data["records"]
    token = digest(records.token if isinstance(records, Lazy) else None, registry.digest())
    path = str(Path(app.doctreedir) / HINTS)
    try:
        hints = sidecar.read(path, token)
    except sidecar.SidecarMissing:
        hints = check_name_variants(domain.records.values(), registry.same_person)
        sidecar.write(Path(app.doctreedir), token, hints, HINTS)
    warn(hints)


def collect_pages(app: Sphinx) -> list:
    """``html-collect-pages``: placeholder thumbnails, when the bib changed or output is new."""
    if app.builder.format != "html":
        return []
    # Written only when the bib was parsed in this build or the output is new: marks
    # set this late are not saved (Sphinx pickles the environment before writing).
    missing = not (Path(app.outdir) / FOLDER).is_dir()
    if missing or getattr(app.env, "_scholar_bib_changed", True):
        write_placeholders(app)
    return []
