"""``sphinx-scholar import``: bring papers from al-folio, academicpages, DBLP and Google Scholar.

Each source format has a reader that turns its files into a :class:`Draft` (pybtex
entries plus what the format says about people, venues and files); the shared
clean-up in :mod:`.clean` then fixes what a ``-W`` build would warn about and says
so, and :mod:`.command` writes the bib, copies files and edits conf.py. Nothing is
dropped silently: every change is a :class:`ReportItem`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pybtex.database import Entry

from ...core.diagnostics import Diagnostic

Action = Literal["mapped", "dropped", "renamed", "merged", "fixed"]
#: The order the report prints its groups in.
ACTIONS: tuple[Action, ...] = ("mapped", "fixed", "renamed", "merged", "dropped")
FORMATS = ("alfolio", "academicpages", "dblp", "scholar")


@dataclass(frozen=True)
class ReportItem:
    """One thing the import did that the user should know about."""

    action: Action
    key: str  #: the entry key, person, venue or field it is about ("" for the whole import)
    why: str

    def format(self) -> str:
        return f"{self.key}: {self.why}" if self.key else self.why


@dataclass
class Draft:
    """Entries on their way from a source format to the site's bib file.

    ``original`` is the source text when it is worth keeping: entries the import
    does not change are then copied from it verbatim (comments, ``@string`` macros
    and the author's layout survive); changed entries are in ``changed``.
    """

    fmt: str
    source: Path
    entries: dict[str, Entry] = field(default_factory=dict)
    #: key -> role -> one tuple of contribution marks per person (al-folio's ``Name*``)
    marks: dict[str, dict[str, list[tuple[str, ...]]]] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  #: key -> line in the source
    original: str = ""
    changed: set[str] = field(default_factory=set)
    report: list[ReportItem] = field(default_factory=list)
    people: dict[str, Any] = field(default_factory=dict)  #: for ``scholar_people``
    venues: dict[str, Any] = field(default_factory=dict)  #: for ``scholar_venues``
    #: where the format keeps local files: "preview" and "file" (PDFs, slides, ...)
    asset_dirs: dict[str, Path] = field(default_factory=dict)
    files: list[tuple[Path, str]] = field(default_factory=list)  #: (source, site-relative dest)
    set_aside: dict[str, Entry] = field(default_factory=dict)  #: dropped, kept for the user
    problems: list[Diagnostic] = field(default_factory=list)  #: what the parser reported
    owner_aliases: list[str] = field(default_factory=list)
    #: entries read under a new key because the key was taken: new -> (old, line)
    duplicates: dict[str, tuple[str, int | None]] = field(default_factory=dict)

    def note(self, action: Action, key: str, why: str) -> None:
        self.report.append(ReportItem(action, key, why))

    def drop(self, key: str, why: str) -> None:
        """Take an entry out of the bib, keeping it in the set-aside file."""
        entry = self.entries.pop(key, None)
        if entry is not None:
            self.set_aside[key] = entry
        self.changed.discard(key)
        self.note("dropped", key, why)


@dataclass
class ImportResult:
    """What an import produced, ready to be written into a site."""

    fmt: str
    source: Path
    bib_text: str
    keys: list[str]  #: the entries kept, in bib order
    people: dict[str, Any] = field(default_factory=dict)
    venues: dict[str, Any] = field(default_factory=dict)
    owner_aliases: list[str] = field(default_factory=list)
    files: list[tuple[Path, str]] = field(default_factory=list)
    report: list[ReportItem] = field(default_factory=list)
    suppress: list[str] = field(default_factory=list)  #: warning kinds to add to conf.py
    set_aside_text: str = ""  #: dropped entries, as BibTeX, for the user to fix by hand
    entries: dict[str, Entry] = field(default_factory=dict)
    marks: dict[str, dict[str, list[tuple[str, ...]]]] = field(default_factory=dict)

    @property
    def kept(self) -> int:
        return len(self.keys)

    def items(self, action: Action) -> list[ReportItem]:
        return [item for item in self.report if item.action == action]
