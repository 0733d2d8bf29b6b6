"""Spelling hints across the whole bib: one co-author written two ways.

They need every page's people (an alias declared on the group page silences a
hint), so they run once reading is done, and are kept beside the records: like
them, they survive a fresh environment (``-E``), and an edit that changes no
author, key or line (a title, a year) reuses them too.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from sphinx.application import Sphinx

from ..core.records import Publication
from ..core.validate import check_name_variants
from . import scope, sidecar
from .digests import digest
from .domain import get_domain
from .report import warn
from .sidecar import Lazy
from .state import state_of

FILENAME = "scholar-hints.pickle"


def hint_name_variants(app: Sphinx) -> bool:
    """Warn about name variants, once per change of the records, people or shown entries.

    Returns whether they were settled again (the environment must then be saved).
    """
    domain = get_domain(app.env)
    registry = state_of(app.env).registry
    inputs = (domain.data["state"], registry.digest(), domain.data.get("scope"))
    if domain.data["hint_state"] == inputs:
        return False
    domain.data["hint_state"] = inputs
    records = domain.data["records"]
    parse = records.token if isinstance(records, Lazy) else None
    token = digest(registry.digest())
    path = str(Path(app.doctreedir) / FILENAME)
    try:
        kept = sidecar.read(path, token)
    except sidecar.SidecarMissing:
        kept = {"parse": None, "authors": None, "hints": None}
    if kept["parse"] != parse or parse is None:
        authors = authors_digest(domain.records)
        if kept["authors"] != authors:
            hints = check_name_variants(domain.records.values(), registry.same_person)
            kept = {"parse": parse, "authors": authors, "hints": hints}
        else:
            kept = {**kept, "parse": parse}
        sidecar.write(Path(app.doctreedir), token, kept, FILENAME)
    warn(scope.in_scope(app, kept["hints"]))
    return True


def authors_digest(records: Mapping[str, Publication]) -> str:
    """All that the hints read of the records: keys, places and author names, in order."""
    return digest(
        [
            (
                record.key,
                record.source.file,
                record.source.line,
                [(a.key, a.name, a.given, a.family, a.others) for a in record.authors],
            )
            for record in records.values()
        ]
    )
