"""Spelling hints across the whole bib: one co-author written two ways.

They need every page's people (an alias declared on the group page silences a
hint), so they run once reading is done, and are kept beside the records: like
them, they survive a fresh environment (``-E``).
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

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
    token = digest(records.token if isinstance(records, Lazy) else None, registry.digest())
    path = str(Path(app.doctreedir) / FILENAME)
    try:
        hints = sidecar.read(path, token)
    except sidecar.SidecarMissing:
        hints = check_name_variants(domain.records.values(), registry.same_person)
        sidecar.write(Path(app.doctreedir), token, hints, FILENAME)
    warn(scope.in_scope(app, hints))
    return True
