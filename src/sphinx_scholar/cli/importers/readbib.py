"""Reading a source bib with the extension's own tolerant parser, keeping duplicates.

The build keeps the first of two entries with one key and skips the second; an
import must not lose a paper that way (Google Scholar exports repeat keys), so
the second entry is read under a free key (``key`` + "b", "c", ...) and the
clean-up decides whether it is the same paper (merged) or another (renamed).
"""

from __future__ import annotations

from pathlib import Path

from pybtex.bibtex.utils import split_name_list
from pybtex.database import Entry

from ...core.bibparse import TolerantParser
from ...core.names import split_marks, strip_dblp_suffix
from ..sourcetext import SourceError, source_bytes
from . import Draft


class _ImportParser(TolerantParser):
    """The build's parser, renaming repeated keys instead of skipping them."""

    def __init__(self, encoding: str = "utf-8-sig") -> None:
        super().__init__(encoding)
        self.renamed: list[tuple[str, str, int | None]] = []  #: (old, new, line)
        self.suffixes: list[tuple[str, str]] = []  #: (key, name as written)

    def process_entry(self, entry_type: str, key: str | None, fields: list) -> None:
        if key and key in self.data.entries:
            first = self.data.entries[key].key
            for letter in "bcdefghijklmnopqrstuvwxyz":
                if f"{first}{letter}" not in self.data.entries:
                    new = f"{first}{letter}"
                    break
            else:  # pragma: no cover  (26 copies of one key)
                new = f"{first}-{len(self.data.entries)}"
            self.renamed.append((first, new, self._entry_line))
            key = new
        super().process_entry(entry_type, key, fields)

    def _add_persons(
        self, entry: Entry, role: str, value: str, key: str, line: int | None
    ) -> list[tuple[str, ...]]:
        for raw in split_name_list(value):
            name = split_marks(raw)[0]
            if strip_dblp_suffix(name) != name:
                self.suffixes.append((key, " ".join(name.split())))
        return super()._add_persons(entry, role, value, key, line)


def read_bib(path: Path, fmt: str, keep_text: bool = False) -> tuple[Draft, _ImportParser]:
    """A draft of every entry *path* holds; the parser, for what it noticed on the way.

    Raises :class:`SourceError` for a file that is no bib (a folder, empty, binary,
    not one entry in it): an import of it would replace the site's bib with nothing.
    """
    source_bytes(path)
    parser = _ImportParser()
    parser.parse_path(path)
    result = parser.result
    if not result.data.entries:
        found = f" ({result.diagnostics[0].message})" if result.diagnostics else ""
        raise SourceError(f"{path} holds no BibTeX entry{found}")
    draft = Draft(fmt=fmt, source=path)
    for key, entry in result.data.entries.items():
        draft.entries[key] = entry
        draft.lines[key] = result.sources[key].line or 0
    draft.marks = {key: dict(marks) for key, marks in result.marks.items()}
    draft.problems = list(result.diagnostics)
    if keep_text:
        draft.original = parser._text
    for old, new, line in parser.renamed:
        draft.changed.add(new)
        draft.duplicates[new] = (old, line)
    return draft, parser
