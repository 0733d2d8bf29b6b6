"""What a build knows, kept in the environment so ``-j`` and incremental builds stay right.

Bib-wide data (records, slugs) is replaced whenever the bib changes. Per-page
data (queries, people, news, ...) is keyed by docname: dropped when the page is
re-read (``clear_doc``) and merged back from parallel readers.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from typing import TYPE_CHECKING, Any, ClassVar, cast

from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment

from ..core.diagnostics import Diagnostic
from ..core.people import PeopleRegistry, PersonEntry
from ..core.query import Query
from ..core.records import Publication
from .sidecar import Lazy

if TYPE_CHECKING:
    from .state import BuildState

#: Per-page data: name -> docname -> items (a list, or the components' page state).
PER_DOC = (
    "queries",
    "paper_refs",
    "people",
    "news",
    "awards",
    "components",
    "cv_items",  # the page's component lists as CV entries (cvdata.py)
    "talks",  # the page's talks (components/talks.py)
    "cv",  # a cv directive's options and free sections (components/cv.py)
)


class ScholarDomain(Domain):
    name = "scholar"
    label = "Scholar"
    data_version = 9
    initial_data: ClassVar[dict[str, Any]] = {
        "state": None,  # fingerprint of the bib files and settings the records came from
        "records": {},  # key -> Publication
        "slugs": {},  # key -> URL slug of its paper page
        "doc_digests": {},  # docname -> what its cards were rendered from
        "page_digests": {},  # key -> what its paper page was rendered from
        "hint_state": None,  # what the name-spelling hints were last computed for
        "inputs": None,  # what the cards of every page were last checked against
        "page_state": None,  # what every paper page shares (theme, nav, config): pages.py
        "feeds_state": None,  # what the feeds were last written from: feeds.py
        "components_written": {},  # docname -> what its components were rendered from
        "site_files": (),  # sitemap.xml, robots.txt as last written: leftovers.py
        "scope": None,  # (what the shown entries depend on, the shown keys): scope.py
        "homes": None,  # (what the card homes depend on, key -> home page): state.py
        "tile_html": None,  # (what the tiles depend on, key -> tile HTML): state.py
        **{name: {} for name in PER_DOC},
    }

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        #: this build's derived state (state.py): an attribute of the instance, so it is
        #: never pickled with ``data``
        self.build: BuildState | None = None

    # -- bib-wide --------------------------------------------------------------
    @property
    def records(self) -> dict[str, Publication]:
        """Loaded from the side file on first use (see sidecar.py)."""
        value = self.data["records"]
        return value.value["records"] if isinstance(value, Lazy) else value

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """What parsing and checking the bib found (kept with the records, in the side file)."""
        value = self.data["records"]
        return list(value.value["diagnostics"]) if isinstance(value, Lazy) else []

    @property
    def file_states(self) -> dict[str, Any]:
        """key -> the local files it names and whether each exists (watched.py)."""
        state = self.data["state"]
        return dict(state[-1]) if isinstance(state, tuple) and state else {}

    @property
    def slugs(self) -> dict[str, str]:
        """Small, so kept in the environment itself."""
        return self.data["slugs"]

    def queries_digest(self) -> str:
        """What the pages ask for (not what it resolves to): cheap, no records needed."""
        import hashlib

        asked = [(kind, list(self.items(kind))) for kind in ("queries", "paper_refs")]
        return hashlib.blake2b(repr(asked).encode(), digest_size=12).hexdigest()

    # -- per page ----------------------------------------------------------------
    def add(self, kind: str, docname: str, item: Any) -> None:
        self.data[kind].setdefault(docname, []).append(item)

    def items(self, kind: str) -> Iterable[tuple[str, Any]]:
        """(docname, item) pairs in docname order, so output never depends on read order."""
        for docname in sorted(self.data[kind]):
            for item in self.data[kind][docname]:
                yield docname, item

    def queries(self) -> Iterable[tuple[str, Query]]:
        return self.items("queries")

    def registry(self, config_entries: list[PersonEntry]) -> PeopleRegistry:
        """conf.py people first (the owner wins), then the people pages declare."""
        return PeopleRegistry.build([*config_entries, *(p for _, p in self.items("people"))])

    def clear_doc(self, docname: str) -> None:
        for kind in PER_DOC:
            self.data[kind].pop(docname, None)
        self.data["doc_digests"].pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for kind in PER_DOC:
            for docname in docnames:
                if docname in otherdata[kind]:
                    self.data[kind][docname] = otherdata[kind][docname]

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list:
        return []


def get_domain(env: BuildEnvironment) -> ScholarDomain:
    return cast(ScholarDomain, env.get_domain("scholar"))
