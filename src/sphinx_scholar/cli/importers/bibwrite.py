"""Writing entries back as BibTeX.

Two ways, on purpose: an al-folio ``papers.bib`` is written by hand, so entries the
import leaves alone are copied from the source text verbatim (its comments,
``@string`` macros and layout are the owner's); every other entry is written by
pybtex's own BibTeX writer, with two changes: values are braced (its ``"..."``
breaks on a ``"`` inside a title) and written as they were read (its LaTeX
encoder would escape the backslashes of values that are LaTeX already).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping

from pybtex.database import BibliographyData, Entry, Person
from pybtex.database.output.bibtex import Writer

#: An entry's start: ``@type{`` or ``@type(`` (not @string, @comment, @preamble). No
#: leading ``[ \t]*``: searched for, such a prefix retries every blank of a long run
#: at every position, quadratic in a line of spaces; blanks are taken back by hand.
_ENTRY_AT = re.compile(r"@(?!(?i:string|comment|preamble)\b)[A-Za-z]+[ \t]*[{(]")


class BracedWriter(Writer):
    """pybtex's writer: one field per line, values in braces, LaTeX kept as read."""

    def quote(self, s: str) -> str:
        self.check_braces(s)
        return f"{{{s}}}"

    def _encode(self, text: str) -> str:
        return text


def _with_marks(entry: Entry, marks: Mapping[str, list[tuple[str, ...]]]) -> Entry:
    """A copy whose names carry their contribution marks again (``Agarwal*, Navneet``).

    The parser splits marks off the names; written back without them, al-folio's
    equal-contribution stars would be lost.
    """
    if not marks:
        return entry
    copy = Entry(entry.original_type, fields=list(entry.fields.items()))
    for role, persons in entry.persons.items():
        role_marks = marks.get(role.lower(), [])
        for index, person in enumerate(persons):
            person_marks = role_marks[index] if index < len(role_marks) else ()
            if person_marks:
                last = " ".join(person.prelast_names + person.last_names) + "".join(person_marks)
                first = " ".join(person.first_names + person.middle_names)
                lineage = " ".join(person.lineage_names)
                text = ", ".join(part for part in (last, lineage, first) if part)
                person = Person(text)
            copy.add_person(person, role)
    return copy


def entry_text(
    key: str, entry: Entry, marks: Mapping[str, list[tuple[str, ...]]] | None = None
) -> str:
    """One entry as BibTeX, empty fields left out."""
    clean = Entry(
        entry.original_type,
        fields=[(name, value) for name, value in entry.fields.items() if value.strip()],
        persons={role: list(persons) for role, persons in entry.persons.items()},
    )
    data = BibliographyData()
    data.add_entry(key, _with_marks(clean, marks or {}))
    stream = io.StringIO()
    BracedWriter().write_stream(data, stream)
    return stream.getvalue().strip() + "\n"


def write_entries(
    entries: Mapping[str, Entry],
    marks: Mapping[str, Mapping[str, list[tuple[str, ...]]]] | None = None,
    header: str = "",
) -> str:
    """Every entry in pybtex's form, one blank line apart."""
    texts = [entry_text(key, entry, (marks or {}).get(key)) for key, entry in entries.items()]
    head = "".join(f"% {line}\n" for line in header.splitlines()) + "\n" if header else ""
    return head + "\n".join(texts)


def entry_spans(text: str, starts: Iterable[tuple[str, int]]) -> dict[str, tuple[int, int]]:
    """key -> (start, end) offsets of each entry in *text*, from the line it starts on.

    *starts* come in the order the parser read the entries, so each entry is looked
    for after the one before: one pass over *text* in all (entries on one line get
    one span each). The start takes the blanks before ``@`` on its line along; the
    end is the brace (or parenthesis) that closes the entry, or where the next
    entry starts if its braces never balance.
    """
    line_offsets = [0, *(m.end() for m in re.finditer("\n", text))]
    found: list[tuple[int, int, str]] = []  # (start, offset of the opening delimiter, key)
    cursor = 0
    for key, line in starts:
        if not 1 <= line <= len(line_offsets):
            continue
        match = _ENTRY_AT.search(text, max(cursor, line_offsets[line - 1]))
        if match is None:
            continue
        start = match.start()
        while start > cursor and text[start - 1] in " \t":
            start -= 1
        found.append((start, match.end() - 1, key))
        cursor = match.end()
    spans: dict[str, tuple[int, int]] = {}
    for index, (start, opening, key) in enumerate(found):
        limit = found[index + 1][0] if index + 1 < len(found) else len(text)
        spans[key] = (start, _closing(text, opening, limit))
    return spans


def _closing(text: str, opening: int, limit: int) -> int:
    """The offset just past the delimiter that closes the entry opened at *opening*."""
    close = "}" if text[opening] == "{" else ")"
    depth = 0
    for index in range(opening + 1, limit):
        char = text[index]
        if char == "{":
            depth += 1
        elif char == "}":
            if depth == 0 and close == "}":
                return index + 1
            depth -= 1
        elif char == ")" and close == ")" and depth == 0:
            return index + 1
    return limit


def splice(
    original: str,
    spans: Mapping[str, tuple[int, int]],
    replacements: Mapping[str, str | None],
    new_texts: Iterable[str] = (),
) -> str:
    """*original* with some entries replaced (text) or removed (None); the rest verbatim."""
    out: list[str] = []
    position = 0
    for key, (start, end) in sorted(spans.items(), key=lambda item: item[1][0]):
        if key not in replacements:
            continue
        out.append(original[position:start])
        replacement = replacements[key]
        if replacement is not None:
            out.append(replacement.rstrip("\n"))
        elif end < len(original) and original[end] == "\n":
            end += 1  # a removed entry takes its line break along
        position = end
    out.append(original[position:])
    text = "".join(out)
    extra = [t.strip() + "\n" for t in new_texts]
    if extra:
        text = text.rstrip("\n") + "\n\n" + "\n".join(extra)
    return text
