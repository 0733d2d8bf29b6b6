"""Cards as last written, kept beside the doctrees: an edit re-renders only its own card.

A page of thousands of cards is written again whenever one of them changes; rendering
every card anew was most of the cost of an edit at that size. A card's HTML is a
function of its entry, the page it is on (links are relative), its id there, the files it
names, its tile, and what every card shares (people, scholar config, the folders files
are served from, the language, the builder, this package's code). The shared part is one
fingerprint per page file; the rest is each card's own. A card whose fingerprint matches
is taken as written.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import quote

from sphinx.application import Sphinx

from .. import __version__
from ..core.records import Publication
from . import sidecar
from .digests import code_state, digest

FOLDER = "scholar-cards"

Slot = tuple[str, str, str]  #: (docname, key, id on the page)


class CardCache:
    """What :mod:`.transforms` rendered, one file per page beside the doctrees.

    Per page, so rewriting the home page's few cards does not load the thousands of
    the publications page. Saved at the end of the build, for the pages that changed.
    """

    def __init__(self, folder: Path, shared: str) -> None:
        self.folder = folder
        self.shared = shared
        #: as last saved, per page
        self.pages: dict[str, dict[tuple[str, str], tuple[str, str]]] = {}
        #: the cards this build's pages showed, per page written: what is saved
        self.used: dict[str, dict[tuple[str, str], tuple[str, str]]] = {}

    def _path(self, docname: str) -> Path:
        return self.folder / (quote(docname, safe="") + ".pickle")

    def _page(self, docname: str) -> dict[tuple[str, str], tuple[str, str]]:
        page = self.pages.get(docname)
        if page is None:
            try:
                cards = sidecar.read(str(self._path(docname)), self.shared)["cards"]
            except (sidecar.SidecarMissing, KeyError, TypeError):
                cards = None
            page = cards if isinstance(cards, dict) else {}
            self.pages[docname] = page
        return page

    def get(self, slot: Slot, fingerprint: str) -> str | None:
        kept = self._page(slot[0]).get(slot[1:])
        if kept is None or kept[0] != fingerprint:
            return None
        self.used.setdefault(slot[0], {})[slot[1:]] = kept
        return kept[1]

    def put(self, slot: Slot, fingerprint: str, html: str) -> None:
        self.used.setdefault(slot[0], {})[slot[1:]] = (fingerprint, html)

    def save(self, docnames: set[str]) -> None:
        """Keep the cards of the pages written in this build whose cards changed (in
        shards: a page of thousands of cards where one changed writes that card's shard;
        each file written atomically: a cut build leaves the old); drop the files of pages
        that are gone."""
        for docname in sorted(set(self.used) & docnames):
            cards = self.used[docname]
            kept = self.pages.get(docname)
            if cards == kept:
                continue
            path = self._path(docname)
            sidecar.write(
                path.parent, self.shared, {"cards": cards}, path.name, shard="cards", previous=kept
            )
            self.pages[docname] = cards
        self.used.clear()
        live = {self._path(docname).name for docname in docnames}
        for path in self.folder.glob("*.pickle*"):
            if path.name.removesuffix(sidecar.SHARDS_SUFFIX) not in live:
                if path.is_dir():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)


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
        repr(state.files),  # where the files cards name are served (static and extra paths)
        state.registry.digest(),
        state.paper_pages,
    )


def card_fingerprint(
    record: Publication,
    files: dict[str, object],
    slugs: dict[str, str],
    tile: str,
    linked: bool = False,
) -> str:
    """What one card depends on of its own: the entry, its files, its page's slug, its
    tile's HTML (tiles are told apart site-wide: another entry can change it), and
    whether its list links the abstract and BibTeX (the list's length can decide it).

    *files* and *slugs* are the domain's (:attr:`~.domain.ScholarDomain.file_states`,
    ``slugs``), fetched once per list.
    """
    return digest(record.digest, files.get(record.key), slugs.get(record.key), tile, linked)


def open_cache(app: Sphinx) -> CardCache:
    return CardCache(Path(app.doctreedir) / FOLDER, shared_fingerprint(app))
