"""What one build knows beyond the environment: one object, made at ``builder-inited``.

:class:`BuildState` lives on the scholar domain's instance, never in its pickled
``data``: Sphinx recreates domain instances whenever it sets up an environment and
never pickles them, so nothing here can go stale in a saved environment. What must
survive a build (records, digests) is domain data (:mod:`.domain`); what is derived
from it for one build (the people registry, where each card lives, what to write)
is here, computed once when first asked for after reading.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from ..core.config import ScholarConfig
from ..core.files import SiteFiles, is_remote
from ..core.messages import Messages
from ..core.people import PeopleRegistry, entries_from_config
from ..core.query import Query, card_homes, resolve
from ..core.records import Publication
from ..render.tileset import Base, Drawn, base_tiles, distinct_tiles
from .config import read_config, warn_config
from .domain import get_domain
from .i18n import messages_for

if TYPE_CHECKING:
    from .cardcache import CardCache
    from .feeds import FeedsPlan
    from .pages import Plan

#: ``env.temp_data`` flag: the content of a ``scholar-example`` is being read.
EXAMPLE_FLAG = "scholar_example"
#: each tile on its own, by entry digest (BuildState.tile_html), beside the doctrees
TILE_BASES = "scholar-tile-bases.pickle"


def site_files(config: Config, confdir: str | Path, srcdir: str | Path) -> SiteFiles:
    """The source folder and the folders Sphinx copies to the output."""
    base = Path(confdir)
    return SiteFiles(
        srcdir=Path(srcdir),
        static_dirs=tuple(base / p for p in config.html_static_path),
        extra_dirs=tuple(base / p for p in config.html_extra_path),
    )


@dataclass
class BuildState:
    """Made once per build by :func:`begin`; reset only by the next build's :func:`begin`."""

    app: Sphinx
    config: ScholarConfig
    files: SiteFiles
    #: the bib (or what its records depend on) changed in this build: set by loading.py
    bib_changed: bool = True
    #: site files an earlier build wrote and this one does not (leftovers.py)
    stale_site_files: list[str] = field(default_factory=list)
    #: the entries the site shows changed in this build: set by scope.py
    scope_changed: bool = False
    #: paper pages to write and remove (pages.py, decided at env-get-updated)
    pages_plan: Plan | None = None
    #: feeds to write and remove (feeds.py, decided at env-get-updated)
    feeds_plan: FeedsPlan | None = None
    #: the card homes or tiles were computed anew (the environment must be saved to
    #: keep them)
    homes_stored: bool = False
    #: docname -> its cards' HTML, by slot, for pages written with marks (fill.py)
    unfilled: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _cards: CardCache | None = field(default=None, repr=False)
    _registry: PeopleRegistry | None = field(default=None, repr=False)
    _homes: dict[str, str] | None = field(default=None, repr=False)
    _listings: list[tuple[str, Any, list[str]]] | None = field(default=None, repr=False)
    _shown: frozenset[str] | None = field(default=None, repr=False)
    _resolved: dict[Query, tuple[list[Publication], list[str]]] = field(
        default_factory=dict, repr=False
    )
    _tile_html: dict[str, Drawn] | None = field(default=None, repr=False)

    @property
    def env(self) -> BuildEnvironment:
        return self.app.env

    @property
    def registry(self) -> PeopleRegistry:
        """conf.py's people, then every page's: complete once every page is read."""
        if self._registry is None:
            entries, _ = entries_from_config(self.config.owner, self.config.people)
            self._registry = get_domain(self.env).registry(entries)
        return self._registry

    def resolve(self, query: Query) -> tuple[list[Publication], list[str]]:
        """A list's records and the keys it names that no entry has (see query.resolve),
        once per query in a build: the lists, the pages to rewrite and the page being
        written all ask. The lists returned are shared: read them, do not change them."""
        found = self._resolved.get(query)
        if found is None:
            found = resolve(query, get_domain(self.env).records, self.registry)
            self._resolved[query] = found
        return found

    @property
    def listings(self) -> list[tuple[str, Any, list[str]]]:
        """(docname, query, keys it lists) of every publications list and card."""
        if self._listings is None:
            self._listings = [
                (docname, query, [r.key for r in self.resolve(query)[0]])
                for docname, query in get_domain(self.env).queries()
            ]
        return self._listings

    def card_inputs(self) -> tuple:
        """What every card and list depends on, computed without loading the records."""
        domain = get_domain(self.env)
        return (domain.data["state"], self.registry.digest(), domain.queries_digest())

    @property
    def homes(self) -> dict[str, str]:
        """key -> the page whose list is the paper's card's home (see query.card_homes).

        Kept in the environment with what it was computed from: a page edit that
        changes no list (the common edit) then rewrites a page of cards without
        resolving every list of the site, which needs every record.
        """
        if self._homes is None:
            domain = get_domain(self.env)
            inputs = self.card_inputs()
            kept = domain.data["homes"]
            if not self.bib_changed and kept is not None and kept[0] == inputs:
                self._homes = kept[1]
            else:
                self._homes = card_homes(self.listings)
                domain.data["homes"] = (inputs, self._homes)
                self.homes_stored = True
        return self._homes

    @property
    def shown(self) -> frozenset[str]:
        """The entries the site shows through our directives and roles (see scope.py).

        A site that only cites (sphinxcontrib-bibtex's roles and bibliographies) shows
        none: its entries get no paper page, no feed entry and no checks, unless
        ``scholar_whole_bib`` asks for the whole bib.
        """
        if self._shown is None:
            domain = get_domain(self.env)
            records = domain.records
            if self.config.whole_bib:
                self._shown = frozenset(records)
            else:
                keys = {key for _, _, listed in self.listings for key in listed}
                keys.update(key for _, key in domain.items("paper_refs") if key in records)
                # ``hidden`` asks for a page without a card: only our bibs have it
                keys.update(key for key, record in records.items() if record.hidden)
                self._shown = frozenset(keys)
        return self._shown

    @property
    def cards(self) -> CardCache:
        """The cards as last written (cardcache.py), opened when a page of cards is written."""
        if self._cards is None:
            from .cardcache import open_cache

            self._cards = open_cache(self.app)
        return self._cards

    def save_cards(self) -> None:
        """``build-finished``: keep the cards rendered in this build for the next one."""
        if self._cards is not None:
            self._cards.save(set(self.env.all_docs))

    def tiled(self, record: Publication) -> bool:
        """Whether the record's card shows a generated tile: no preview the site serves."""
        thumb = record.thumbnail
        return not (
            thumb and (is_remote(thumb) or self.files.resolve(thumb, self.config.preview_dir)[0])
        )

    def _tile_bases(self, records: list[Publication], messages: Messages) -> dict[str, Base]:
        """Each tile on its own, kept beside the doctrees from the last build that told
        tiles apart: after an edit only the edited entry's tile is drawn again."""
        from . import sidecar
        from .digests import code_state, digest

        token = digest(code_state(), messages.language, repr(self.config))
        try:
            known = sidecar.read(str(Path(self.app.doctreedir) / TILE_BASES), token)["bases"]
        except Exception:  # gone, another build's, or not a pickle: they are drawn anew
            known = {}
        bases = base_tiles(records, messages, known)
        if bases.keys() != known.keys():  # in shards: an edit writes its entry's shard
            value = {"bases": bases}
            doctrees = Path(self.app.doctreedir)
            sidecar.write(doctrees, token, value, TILE_BASES, shard="bases", previous=known)
        return bases

    @property
    def tile_html(self) -> dict[str, Drawn]:
        """key -> the HTML of the tile of every shown entry without a preview.

        One map for the whole site: tileset.py tells alike tiles apart, so a tile depends
        on the other entries. Kept in the environment with what they depend on (like
        :attr:`homes`): a page edit that changes no list then rewrites a page of cards
        without telling every tile of the site apart again.
        """
        if self._tile_html is None:
            domain = get_domain(self.env)
            inputs = (self.card_inputs(), self.config.whole_bib, self.app.config.language)
            kept = domain.data["tile_html"]
            if not self.bib_changed and kept is not None and kept[0] == inputs:
                self._tile_html = kept[1]
            else:
                records = domain.records
                tiled = [records[key] for key in self.shown if self.tiled(records[key])]
                messages = messages_for(self.app.config)
                bases = self._tile_bases(tiled, messages)
                self._tile_html = distinct_tiles(tiled, messages, bases)
                domain.data["tile_html"] = (inputs, self._tile_html)
                self.homes_stored = True
        return self._tile_html

    def reading_done(self) -> None:
        """Pages were read (or re-read): what was derived from them before is stale."""
        self._registry = None
        self._homes = None
        self._listings = None
        self._resolved = {}
        self._shown = None
        self._tile_html = None

    # -- paper pages ---------------------------------------------------------------
    @property
    def paper_pages(self) -> bool:
        """Whether this build writes a page per paper (multi-page HTML with the folder set)."""
        builder = self.app.builder
        return (
            bool(self.config.paper_pages)
            and builder.format == "html"
            and builder.name not in {"singlehtml", "epub"}
        )

    def paper_pagename(self, slug: str) -> str:
        return f"{self.config.paper_pages}/{slug}/index"


def begin(app: Sphinx) -> None:
    """``builder-inited`` (first of ours): a fresh state for this build."""
    warn_config(app.config)
    get_domain(app.env).build = BuildState(
        app=app,
        config=read_config(app.config),
        files=site_files(app.config, app.confdir, app.srcdir),
    )


def state_of(env: BuildEnvironment) -> BuildState:
    state = get_domain(env).build
    if state is None:  # pragma: no cover  (begin runs at builder-inited, before any reader)
        raise RuntimeError("sphinx-scholar: no build state (builder-inited has not run)")
    return state


def in_example(env: BuildEnvironment) -> bool:
    """True while the content of a ``scholar-example`` is being read."""
    return bool(env.temp_data.get(EXAMPLE_FLAG))


def app_of(env: Any) -> Sphinx:
    """The application of the build an environment belongs to."""
    return state_of(env).app
