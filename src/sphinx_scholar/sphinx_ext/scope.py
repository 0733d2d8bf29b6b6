"""Which bib entries are the site's business: the scope of paper pages, feeds and checks.

Adding sphinx-scholar to a site that only cites (sphinxcontrib-bibtex's ``:cite:``,
``{bibliography}``, footcites) must change nothing it did not ask for: entries no
card, list or ``paper``/``award`` role shows (and not marked ``hidden``, which asks
for a page without a card) get no paper page, no feed or sitemap
entry and no per-entry warning. ``scholar_whole_bib = True`` takes the whole bib.

Problems with the bib file itself (syntax, encoding, macros, a key twice) concern
sphinxcontrib-bibtex's reading as much as ours and are always reported, at load time.
Per-entry problems wait until every page is read and the shown entries are known.
"""

from __future__ import annotations

from collections.abc import Iterable

from sphinx.application import Sphinx

from ..core.diagnostics import Diagnostic
from .domain import get_domain
from .report import warn
from .state import state_of

#: Problems of the file rather than of one entry: reported whatever the site shows.
FILE_KINDS = frozenset({"syntax", "encoding", "macro", "duplicate_key"})


def is_file_level(diagnostic: Diagnostic) -> bool:
    return not diagnostic.key or diagnostic.kind in FILE_KINDS


def file_level(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if is_file_level(d)]


def in_scope(app: Sphinx, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The per-entry problems of entries the site shows (file-level ones are left out)."""
    shown = state_of(app.env).shown
    return [d for d in diagnostics if not is_file_level(d) and d.key in shown]


def _inputs(app: Sphinx) -> tuple:
    """What the shown entries depend on, computed without loading the records."""
    domain = get_domain(app.env)
    state = state_of(app.env)
    return (
        domain.data["state"],
        domain.queries_digest(),
        state.registry.digest(),
        state.config.whole_bib,
    )


def update(app: Sphinx) -> bool:
    """``env-get-updated``: warn about the shown entries not warned about yet.

    Like Sphinx with the warnings of unchanged pages, an entry's problems are
    reported once per parse of the bib; an entry that comes into view later (a page
    now lists it) is reported then. Returns whether the scope changed (the
    environment must then be saved, and the placeholder tiles told apart again).
    """
    domain = get_domain(app.env)
    build = state_of(app.env)
    inputs = _inputs(app)
    old = domain.data.get("scope")
    if not build.bib_changed and old is not None and old[0] == inputs:
        return False
    warned = frozenset() if build.bib_changed or old is None else frozenset(old[1])
    shown = build.shown
    new = shown - warned
    warn(d for d in domain.diagnostics if d.key in new and not is_file_level(d))
    # sorted: the state is digested (feeds.py), and a set's order changes between runs
    domain.data["scope"] = (inputs, tuple(sorted(shown)))
    build.scope_changed = True
    return True
