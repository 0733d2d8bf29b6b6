"""Cards as last written, kept beside the doctrees: an edit re-renders only its own card.

A page of thousands of cards is written again whenever one of them changes; rendering
every card anew was most of the cost of an edit at that size. A card's HTML is a
function of its entry, the page it is on (links are relative), its id there, the files it
names, its tile, and what every card shares (people, scholar config, the language, the
builder, this package's code). The shared part is one fingerprint for the whole file;
the rest is each card's own. A card whose fingerprint matches is taken as written.
"""

from __future__ import annotations

import pickle
from pathlib import Path

from sphinx.application import Sphinx

from .. import __version__
from ..core.records import Publication
from .digests import code_state, digest

FILENAME = "scholar-cards.pickle"

Slot = tuple[str, str, str]  #: (docname, key, id on the page)


class CardCache:
    """What :mod:`.transforms` rendered, by slot; saved at the end of the build if changed."""

    def __init__(self, path: Path, shared: str) -> None:
        self.path = path
        self.shared = shared
        self.cards: dict[Slot, tuple[str, str]] = {}
        self.changed = False
        try:
            with path.open("rb") as handle:
                saved = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            return
        if isinstance(saved, dict) and saved.get("shared") == shared:
            self.cards = saved.get("cards", {})

    def get(self, slot: Slot, fingerprint: str) -> str | None:
        kept = self.cards.get(slot)
        return kept[1] if kept is not None and kept[0] == fingerprint else None

    def put(self, slot: Slot, fingerprint: str, html: str) -> None:
        self.cards[slot] = (fingerprint, html)
        self.changed = True

    def save(self, docnames: set[str]) -> None:
        """Write the cards of pages that still exist (atomically: a cut build leaves the old)."""
        if not self.changed:
            return
        cards = {slot: card for slot, card in self.cards.items() if slot[0] in docnames}
        tmp = self.path.with_suffix(".tmp")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("wb") as handle:
            pickle.dump({"shared": self.shared, "cards": cards}, handle, pickle.HIGHEST_PROTOCOL)
        tmp.replace(self.path)
        self.changed = False


def shared_fingerprint(app: Sphinx) -> str:
    """What every card depends on beyond its own entry."""
    from .state import state_of

    state = state_of(app.env)
    builder = app.builder
    return digest(
        __version__,
        code_state(),
        builder.name,
        getattr(builder, "out_suffix", ""),
        getattr(builder, "link_suffix", ""),
        app.config.language,
        repr(state.config),
        state.registry.digest(),
        state.paper_pages,
    )


def card_fingerprint(
    record: Publication, files: dict[str, object], slugs: dict[str, str], tile_url: str
) -> str:
    """What one card depends on of its own: the entry, its files, its page's slug, its tile.

    *files* and *slugs* are the domain's (:attr:`~.domain.ScholarDomain.file_states`,
    ``slugs``), fetched once per list.
    """
    return digest(record.digest, files.get(record.key), slugs.get(record.key), tile_url)


def open_cache(app: Sphinx) -> CardCache:
    return CardCache(Path(app.doctreedir) / FILENAME, shared_fingerprint(app))
