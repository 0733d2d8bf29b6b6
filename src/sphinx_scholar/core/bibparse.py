"""Reading bib files without losing entries: pybtex's parser, our error path.

sphinxcontrib-bibtex calls pybtex in strict mode, where one syntax error stops
the build and a duplicate key makes the rest of the file vanish. We run the
same pybtex parser, but route every error to a :class:`Diagnostic` (with the
file, the line and the entry), keep everything that parsed, and remember where
each entry starts. The result fills sphinxcontrib-bibtex's own cache, so the
bib is parsed once per change and ``:cite:`` keeps working.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import Path
from string import digits
from typing import overload

import pybtex.errors
from pybtex.database import BibliographyData, BibliographyDataError, Entry, Person
from pybtex.database.input.bibtex import (
    NAME_CHARS,
    DuplicateField,
    LowLevelParser,
    Parser,
    UndefinedMacro,
)
from pybtex.exceptions import PybtexError
from pybtex.scanner import Pattern, PrematureEOF, PybtexSyntaxError

from .diagnostics import Diagnostic
from .latex import to_text
from .names import clean_name
from .records import Source
from .text import ILLEGAL, describe, xml_text

_NEWLINE = re.compile("\n")
#: No field or @string value is kept longer than this (the longest abstracts run to a
#: few thousand characters); a chain of macros that doubles at each step would
#: otherwise grow a few hundred bytes of bib into gigabytes.
MAX_VALUE = 50_000
#: Characters @string macros may add in one file, beyond this plus 20 per input character.
EXPANSION_BUDGET = 1_000_000
#: A line that starts an entry: where reading resumes after an unclosed brace.
_ENTRY_START = re.compile(r"^[ \t]*(@[A-Za-z]+[ \t]*[{(])", re.M)
#: An entry's start where a field name is expected (``@series = `` is a field).
_ENTRY_HERE = re.compile(r"@[A-Za-z]+[ \t]*[{(]")
#: An entry's first line, as exporters write it (``@article{key,`` at the start of a
#: line): inside a value, such a line means the value's brace was never closed.
_HEADER = re.compile(r"^(@[A-Za-z]+[ \t]*[{(][^\s,{}()\"@]*[ \t]*)(?:,|$)", re.M)


@dataclass
class ParsedBib:
    """Everything one parse of the bib files yields."""

    data: BibliographyData
    sources: dict[str, Source] = field(default_factory=dict)
    #: marks split off each name: key -> role -> one tuple per person
    marks: dict[str, dict[str, list[tuple[str, ...]]]] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: key -> field name (lowercase) -> line, so warnings point at the field
    field_lines: dict[str, dict[str, int]] = field(default_factory=dict)
    #: the keys each file contributed, in order (sphinxcontrib-bibtex's cache wants them)
    keys_by_file: dict[Path, list[str]] = field(default_factory=dict)
    #: file -> the lines its ``@`` commands start on (how entrycache knows a file's
    #: entries are where its lines that start with ``@`` say)
    command_lines: dict[str, list[int]] = field(default_factory=dict)


def field_names(data: BibliographyData) -> dict[str, tuple[str, ...]]:
    """Each entry's field names as written, by key: what the unknown-field check reads."""
    return {key: tuple(entry.fields.keys()) for key, entry in data.entries.items()}


def read_text(path: Path, encoding: str = "utf-8-sig") -> tuple[str, Diagnostic | None]:
    """Read a bib file; lines that are not *encoding* are read as Windows-1252 (or Latin-1).

    Line by line, so one stray byte (a name pasted from an old file) changes that
    line only: decoding the whole file another way would turn every other
    non-ASCII character of it into mojibake.
    """
    raw = path.read_bytes()
    try:
        return raw.decode(encoding), None
    except UnicodeDecodeError as error:
        first = raw.count(b"\n", 0, error.start) + 1
        byte = raw[error.start]
    codec = encoding.replace("-sig", "")
    lines = raw.split(b"\n")
    if lines and encoding.endswith("-sig") and lines[0].startswith(b"\xef\xbb\xbf"):
        lines[0] = lines[0][3:]
    texts, bad, used = [], [], set()
    for number, line in enumerate(lines, 1):
        try:
            texts.append(line.decode(codec))
        except UnicodeDecodeError:
            bad.append(number)
            for fallback in ("cp1252", "latin-1"):
                try:
                    texts.append(line.decode(fallback))
                    used.add(fallback)
                    break
                except UnicodeDecodeError:
                    continue
    names = {"cp1252": "Windows-1252", "latin-1": "Latin-1 (ISO-8859-1)"}
    how = " or ".join(names[f] for f in ("cp1252", "latin-1") if f in used)
    where = f"line {first}" if len(bad) == 1 else f"{len(bad)} lines, the first {first}"
    return "\n".join(texts), Diagnostic(
        "encoding",
        f"not valid {codec.upper()} (byte 0x{byte:02X} in line {first}); read {where} "
        f"as {how}, the rest as {codec.upper()}: re-save the file as {codec.upper()}",
        str(path),
        first,
    )


class ValueTooLong(PybtexError):
    """A value cut at :data:`MAX_VALUE`, or a macro left empty once the budget ran out."""

    def __init__(self, message: str, lineno: int) -> None:
        super().__init__(message)
        self.lineno = lineno


class Unclosed(PybtexSyntaxError):
    """A value's brace or quote still open at a line that starts the next entry."""

    def __init__(self, scanner: LowLevelParser, value_line: int) -> None:
        super().__init__("a brace or quote is never closed", scanner)
        self.value_line = value_line


@dataclass
class _Budget:
    """What macro expansion may still add to one file's values."""

    left: int
    spent: bool = False  #: the warning that it ran out was given


class _Scanner(LowLevelParser):
    """pybtex's scanner, also noting the line each field starts on, and bounding values."""

    field_lines: list[tuple[str, int]]
    budget: _Budget
    starts: list[int]  #: where each command began (offsets)
    # pybtex's scanner state (pybtex has no type hints)
    pos: int
    lineno: int
    current_field_name: str | None

    # Macro names and keys never start with '@' here (pybtex allows it): an '@' where one
    # is expected is the next entry, after this one broke off (``title = `` and a new line
    # ``@misc{...``). Read as a name, it would make the next entry part of this one.
    # Field names keep pybtex's rule: ``@series = {...}`` is how some people switch a
    # field off, and it is then an unknown field, not an error.
    NAME = Pattern(
        rf"[{re.escape(NAME_CHARS.replace('@', ''))}][{re.escape(NAME_CHARS + digits)}]*",
        "a valid name",
    )
    KEY_PAREN = Pattern(r"[^\s,{@][^\s,{]*", "entry key")
    KEY_BRACE = Pattern(r"[^\s,{}@][^\s,{}]*", "entry key")

    def parse_value(self) -> None:
        """pybtex's loop over ``a # "b" # c``, cutting the value at :data:`MAX_VALUE`."""
        parts: list[str] = []
        length = 0
        cut = False
        start = True
        while start or self.optional([self.HASH]):
            start = False
            part = self.parse_value_part()
            if length + len(part) > MAX_VALUE:
                part, cut = part[: MAX_VALUE - length], True
            parts.append(part)
            length += len(part)
        self.current_value = parts
        if cut:
            if self.current_entry_key:
                what = f"field {self.current_field_name!r}"
            elif self.current_field_name:
                what = f"@string macro {self.current_field_name!r}"
            else:
                what = "@preamble"
            self.handle_error(
                ValueTooLong(
                    f"{what} is longer than {MAX_VALUE:,} characters once @string macros "
                    "are expanded; it is cut there",
                    self.lineno,
                )
            )

    def parse_value_part(self) -> str:
        """A value whose brace or quote runs over a line that starts an entry ends there.

        Valid BibTeX, but never meant: ``title = {Unclosed`` would take every entry up to
        the next brace that balances it into its title, and they would vanish unnamed.
        """
        start, lineno = self.pos, self.lineno
        part = super().parse_value_part()
        swallowed = _HEADER.search(self.text, start, self.pos)
        if swallowed:
            space = self.WHITESPACE.match(self.text, start)
            value_line = lineno + self.text.count("\n", start, space.end() if space else start)
            self.pos = swallowed.start(1)
            self.lineno = lineno + self.text.count("\n", start, self.pos)
            raise Unclosed(self, value_line)
        return part

    def substitute_macro(self, name: str) -> str:
        value = super().substitute_macro(name)
        if len(value) <= self.budget.left:
            self.budget.left -= len(value)
            return value
        if not self.budget.spent:
            self.budget.spent = True
            self.handle_error(
                ValueTooLong(
                    f"@string macros expand to more text than this file can hold "
                    f"(over {EXPANSION_BUDGET:,} characters plus 20 per character of the "
                    f"file); macro {name!r} and every later use of a macro is left empty",
                    self.lineno,
                )
            )
        return ""

    def parse_command(self) -> tuple:
        self.field_lines = []
        self.starts.append(self.command_start)
        return super().parse_command()

    def parse_field(self) -> None:
        self.eat_whitespace()
        if _ENTRY_HERE.match(self.text, self.pos):  # ``@misc{``: the next entry, not a field
            raise PybtexSyntaxError("'}' expected before the next entry", self)
        name = self.optional([LowLevelParser.NAME])
        if not name:
            return
        self.current_field_name = name.value
        self.field_lines.append((name.value.lower(), self.lineno))
        self.required([self.EQUALS])
        self.parse_value()


class TolerantParser(Parser):
    """pybtex's BibTeX parser that reports instead of raising, and records positions."""

    def __init__(self, encoding: str = "utf-8-sig") -> None:
        super().__init__(encoding=encoding)
        self.result = ParsedBib(self.data)
        self._text = ""
        self._lines: list[int] = []
        self._scanner: _Scanner | None = None
        self._entry_line: int | None = None
        self._eof_at: int | None = None
        self._people: dict[str, tuple[Person, list[Exception]]] = {}
        self._budget = _Budget(EXPANSION_BUDGET)  #: set again for each file read

    # -- input -------------------------------------------------------------
    def parse_path(self, path: Path) -> None:
        """Parse one file into the shared data (macros carry over, like BibTeX)."""
        self.filename = str(path)
        try:
            text, problem = read_text(path, self.encoding)
        except OSError as error:
            self._report("syntax", f"cannot read bib file: {error.strerror}", None)
            return
        if problem:
            self.result.diagnostics.append(problem)
        self.parse_string(text)

    def parse_string(self, text: str) -> BibliographyData:
        self.unnamed_entry_counter = 1
        # old Mac files end lines with CR alone: as one line, every warning would say line 1
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        self._text = text
        self._budget = _Budget(EXPANSION_BUDGET + 20 * len(text))
        self._lines = [match.start() for match in _NEWLINE.finditer(text)]
        offset: int | None = 0
        while offset is not None:
            offset = self._scan(text, offset)
        return self.data

    def _scan(self, text: str, offset: int) -> int | None:
        """Scan from *offset*; return where to resume if a value ran to the end of file.

        pybtex resumes after an error at the next ``@``; when a brace or quote is
        never closed, that is the end of the file and every later entry would be
        lost. We resume at the next line that starts with ``@`` instead.
        """
        scanner = _Scanner(
            text,
            keyless_entries=self.keyless_entries,
            handle_error=self.handle_error,
            want_entry=self.data.want_entry,
            filename=self.filename,
            macros=self.macros,
        )
        scanner.pos = offset
        scanner.budget = self._budget
        scanner.lineno = self._line_at(offset) or 1
        scanner.starts = []
        self._scanner = scanner
        self._eof_at = None
        for command in scanner:
            self._entry_line = self._line_at(scanner.command_start)
            kind = command[0].lower()
            if kind == "string":
                pass
            elif kind == "preamble":
                self.process_preamble(*command[1])
            else:
                self.process_entry(command[0], *command[1])
                key = command[1][0]
                if key and key in self.data.entries and getattr(scanner, "field_lines", None):
                    canonical = self.data.entries[key].key
                    self.result.field_lines.setdefault(canonical, dict(scanner.field_lines))
            if self._eof_at is not None:
                break
        self._scanner = None
        self.result.command_lines.setdefault(self.filename, []).extend(
            self._line_at(start) or 0 for start in scanner.starts
        )
        if self._eof_at is None:
            return None
        match = _ENTRY_START.search(text, self._eof_at + 1)
        return match.start(1) if match else None

    @overload
    def _line_at(self, offset: int) -> int: ...
    @overload
    def _line_at(self, offset: None) -> None: ...
    @overload
    def _line_at(self, offset: int | None) -> int | None: ...
    def _line_at(self, offset: int | None) -> int | None:
        if offset is None:
            return None
        return bisect_left(self._lines, offset) + 1

    # -- errors --------------------------------------------------------------
    def _report(self, kind: str, message: str, line: int | None, key: str = "") -> None:
        self.result.diagnostics.append(Diagnostic(kind, message, self.filename, line, key))

    def handle_error(self, error: Exception) -> None:
        scanner = self._scanner
        key = (scanner.current_entry_key if scanner else None) or ""
        if isinstance(error, UndefinedMacro):
            self._report(
                "macro",
                f"undefined @string macro {error.args[0]!r}; the value is left empty "
                "(list the file that defines it first in bibtex_bibfiles)",
                error.lineno,
                key,
            )
        elif isinstance(error, ValueTooLong):
            self._report("macro", str(error), error.lineno, key)
        elif isinstance(error, Unclosed):
            what = f"entry {key!r}" if key else "this entry"
            self._report(
                "syntax",
                f"bib syntax error (a brace or quote opened in {what} is not closed before "
                f"the entry at line {error.lineno}): it keeps the fields read before the "
                "problem",
                error.value_line,
                key,
            )
        elif isinstance(error, PrematureEOF) and scanner is not None:
            self._eof_at = scanner.command_start
            self._entry_line = self._line_at(scanner.command_start)
            self._report("syntax", self._eof_message(key), self._entry_line, key)
        elif isinstance(error, PybtexSyntaxError):
            self._report("syntax", self._syntax_message(error, key), error.lineno, key)
        elif isinstance(error, DuplicateField):
            self._report("syntax", f"{error}; the first value is kept", self._entry_line, key)
        else:
            self._report("syntax", str(error), self._entry_line, key)

    def _eof_message(self, key: str) -> str:
        match = _ENTRY_START.search(self._text, (self._eof_at or 0) + 1)
        end = self._line_at(match.start(1)) - 1 if match else len(self._lines) + 1
        what = f"entry {key!r}" if key else "this entry"
        return (
            f"bib syntax error (a brace or quote opened in {what} is never closed): "
            f"it keeps the fields read before the problem; reading resumes at line {end + 1}"
            if match
            else f"bib syntax error (a brace or quote opened in {what} is never closed "
            f"before the end of the file, line {end})"
        )

    def _syntax_message(self, error: PybtexSyntaxError, key: str) -> str:
        reason = str(error).split(": ", 1)[-1]
        start = self._line_at(error.error_context_info[2]) or error.lineno
        resume = self._text.find("@", error.error_context_info[2])
        end = self._line_at(resume) if resume >= 0 else len(self._lines) + 1
        skipped = f"line {start}" if end is None or end - 1 <= start else f"lines {start}-{end - 1}"
        if key:
            return (
                f"bib syntax error ({reason}): entry {key!r} keeps the fields before it; "
                f"{skipped} skipped"
            )
        return f"bib syntax error ({reason}); {skipped} skipped"

    # -- entries ---------------------------------------------------------------
    def process_entry(self, entry_type: str, key: str | None, fields: list) -> None:
        line = self._entry_line
        if key and ILLEGAL.search(key):
            self._report(
                "bad_char",
                f"the key holds characters no page can carry ({describe(key)}); "
                "they are removed from it",
                line,
                xml_text(key),
            )
            key = xml_text(key)
        if not key:
            self._report("syntax", f"@{entry_type} entry without a key; skipped", line)
            return
        if key in self.data.entries:
            first = self.result.sources.get(key) or self.result.sources.get(
                self.data.entries[key].key, Source("")
            )
            where = f"{first.file}:{first.line}" if first.file else "earlier"
            self._report(
                "duplicate_key",
                f"duplicate key {key!r}: the entry at {where} is kept, this one is skipped",
                line,
                key,
            )
            return
        entry = Entry(entry_type)
        seen: set[str] = set()
        marks: dict[str, list[tuple[str, ...]]] = {}
        for name, value_parts in fields:
            lower = name.lower()
            if lower in seen:
                self.handle_error(DuplicateField(key, name))
                continue
            seen.add(lower)
            value = " ".join("".join(value_parts).split())
            if ILLEGAL.search(value):
                self._report(
                    "bad_char",
                    f"field {name!r} holds characters no page can carry ({describe(value)}), "
                    "as text copied out of a PDF often does; they are removed",
                    self._field_line(name, line),
                    key,
                )
                value = xml_text(value)
            if name in self.person_fields:
                marks[lower] = self._add_persons(entry, name, value, key, line)
            else:
                entry.fields[name] = value
        try:
            self.data.add_entry(key, entry)
        except BibliographyDataError as error:  # pragma: no cover  (pre-checked above)
            self._report("duplicate_key", str(error), line, key)
            return
        self.result.sources[entry.key] = Source(self.filename, line)
        if marks:
            self.result.marks[entry.key] = marks

    def _field_line(self, name: str, default: int | None) -> int | None:
        """The line a field of the entry being read starts on (the scanner noted it)."""
        lines = dict(getattr(self._scanner, "field_lines", None) or ())
        return lines.get(name.lower(), default)

    def _doubled_and(self, raw: str, role: str, line: int | None, key: str) -> str | None:
        """'A and and B' splits into 'A' and 'and B': read the second as 'B', and say so.

        None for an 'and' with no name at all ('and and and'): nothing to show."""
        words = raw.split(maxsplit=1)
        if len(words) == 1 and words[0].lower() == "and":
            self._report(
                "bad_name", f"'and' with no name beside it in the {role} list; left out", line, key
            )
            return None
        if len(words) == 2 and words[0].lower() == "and":
            self._report(
                "bad_name",
                f"'and and' in the {role} list; the name after it is read as {words[1]!r}",
                line,
                key,
            )
            return words[1]
        return raw

    def _person(self, name: str) -> tuple[Person, list[Exception]]:
        """pybtex's Person for a name, parsed once per bib: a lab's names repeat across
        entries many times over. Entries share the object; nothing downstream mutates it."""
        known = self._people.get(name)
        if known is None:
            with pybtex.errors.capture() as errors:
                try:
                    person = Person(name)
                except PybtexError as error:  # defensive: capture() should catch these
                    errors.append(error)
                    person = Person(name.replace(",", " "))
            known = self._people[name] = (person, list(errors))
        return known

    def _add_persons(
        self, entry: Entry, role: str, value: str, key: str, line: int | None
    ) -> list[tuple[str, ...]]:
        from pybtex.bibtex.utils import split_name_list

        marks = []
        where = self._field_line(role, line)
        trimmed = _trim_and(value)
        if trimmed != value:
            self._report(
                "bad_name",
                f"the {role} list starts or ends with 'and' (no name beside it); left out",
                where,
                key,
            )
        for raw in split_name_list(trimmed):
            raw = self._doubled_and(raw, role, where, key)
            if raw is None:
                continue
            name, person_marks = clean_name(raw)
            if not any(char.isalnum() for char in to_text(name)):
                shown = f" ({raw.strip()!r})" if raw.strip() else ""
                self._report(
                    "bad_name", f"empty name{shown} in the {role} list; left out", where, key
                )
                continue
            person, errors = self._person(name)
            for error in errors:
                self._report("bad_name", f"{error}; read as {person}", line, key)
            entry.add_person(person, role)
            marks.append(person_marks)
        return marks


def _trim_and(value: str) -> str:
    """*value* without 'and's at its ends: 'A and B and' would read as one name 'B and'.

    Word by word, not a regex: ``(\\s+and)+$`` tried from every space is quadratic."""
    words = value.split()
    start, end = 0, len(words)
    while start < end and words[start].lower() == "and":
        start += 1
    while end > start and words[end - 1].lower() == "and":
        end -= 1
    if (start, end) == (0, len(words)):
        return value
    return " ".join(words[start:end])


def parse_text(text: str, filename: str) -> ParsedBib:
    """Parse BibTeX held in memory (a page's example), reporting like a file's."""
    parser = TolerantParser()
    parser.filename = filename
    parser.parse_string(text)
    return parser.result


def parse_files(paths: list[Path], encoding: str = "utf-8-sig") -> ParsedBib:
    """Parse *paths* in order into one database, reporting every problem."""
    parser = TolerantParser(encoding)
    for path in paths:
        if not path.is_file():
            parser.filename = str(path)
            parser._report("missing_file", "bib file not found", None)
            continue
        before = len(parser.data.entries)
        parser.parse_path(path)
        parser.result.keys_by_file[path] = list(parser.data.entries)[before:]
    return parser.result
