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
from sphinx.util import logging

from ..core.records import Publication
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
    warn_owner_unmatched(app)
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
