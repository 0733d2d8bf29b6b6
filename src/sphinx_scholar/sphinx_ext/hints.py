"""Spelling hints across the whole bib: one co-author written two ways.

They need every page's people (an alias declared on the group page silences a
hint), so they run once reading is done, and are kept beside the records: like
them, they survive a fresh environment (``-E``), and an edit that changes no
author, key or line (a title, a year) reuses them too. Telling that takes each
record's authors, kept by the record's digest: after an edit only the edited
entry's are read again.
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
from .loading import code_version, conf_location
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
    # the code that turns an entry into authors: a record's digest then tells its authors
    token = digest(registry.digest(), code_version())
    path = str(Path(app.doctreedir) / FILENAME)
    try:
        kept = sidecar.read(path, token)
    except sidecar.SidecarMissing:
        kept = {"parse": None, "authors": None, "hints": None, "signatures": {}}
    if kept["parse"] != parse or parse is None:
        signatures = author_signatures(domain.records, kept.get("signatures") or {})
        authors = authors_digest(domain.records, signatures)
        if kept["authors"] != authors:
            hints = check_name_variants(domain.records.values(), registry.same_person)
        else:
            hints = kept["hints"]
        kept = {"parse": parse, "authors": authors, "hints": hints, "signatures": signatures}
        sidecar.write(Path(app.doctreedir), token, kept, FILENAME)
    warn(scope.in_scope(app, kept["hints"]))
    warn_owner_unmatched(app)
    return True


def author_signatures(
    records: Mapping[str, Publication], known: Mapping[str, str]
) -> dict[str, str]:
    """Record digest -> a digest of its authors' names, those of *known* reused."""
    signatures = {}
    for record in records.values():
        signature = known.get(record.digest)
        if signature is None:
            signature = digest(
                [(a.key, a.name, a.given, a.family, a.others) for a in record.authors]
            )
        signatures[record.digest] = signature
    return signatures


def authors_digest(records: Mapping[str, Publication], signatures: Mapping[str, str]) -> str:
    """All that the hints read of the records: keys, places and author names, in order."""
    return digest(
        [
            (record.key, record.source.file, record.source.line, signatures[record.digest])
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
