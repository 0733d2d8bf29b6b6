"""Spelling hints across the whole bib: one co-author written two ways.

They need every page's people (an alias declared on the group page silences a
hint), so they run once reading is done, and are kept beside the records: like
them, they survive a fresh environment (``-E``).
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from ..core.validate import check_name_variants
from . import scope, sidecar
from .digests import digest
from .domain import get_domain
from .loading import conf_location
from .report import warn
from .sidecar import Lazy
from .state import state_of

FILENAME = "scholar-hints.pickle"

logger = logging.getLogger(__name__)


def hint_name_variants(app: Sphinx) -> None:
    """Warn about name variants, once per change of the records or the people."""
    domain = get_domain(app.env)
    registry = state_of(app.env).registry
    inputs = (domain.data["state"], registry.digest(), domain.data.get("scope"))
    if domain.data["hint_state"] == inputs:
        return
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
    warn_owner_unmatched(app)


def warn_owner_unmatched(app: Sphinx) -> None:
    """``scholar_owner`` set, and no author of any entry is the owner: a misspelling,
    most likely (no card would highlight the owner's name)."""
    state = state_of(app.env)
    registry = state.registry
    owners = [person for person in registry.by_key.values() if person.owner]
    records = get_domain(app.env).records
    if not owners or not records:
        return
    for record in records.values():
        for author in record.authors:
            person = registry.lookup(author.key) if author.key else None
            if person is not None and person.owner:
                return
    spellings = sorted({name for person in owners for name in (person.name, *person.aliases)})
    logger.warning(
        f"scholar_owner ({', '.join(map(repr, spellings))}) matches no author of the "
        f"{len(records)} entries of the bib files; no card highlights the owner's name",
        location=conf_location(app.confdir, "scholar_owner"),
        type="scholar",
        subtype="owner_unmatched",
    )
