"""Per-entry reuse of a parse: after an edit, only the entries whose text changed are read.

A bib file is cut into spans, one per line that starts an ``@`` command (where
our parser resumes after an error, too). Each entry span is keyed on its file,
its text and the ``@string`` macros defined before it. Its parse is kept with the
line the span started on; its record is the last parse's own (the caller keeps
those anyway), so nothing is stored twice. An entry that only moved (a line was
added above it) is reused with its lines shifted, not read again.

What one entry's result depends on beyond its own text is handled so that the
result is the one a full parse gives (a property test compares them):

* ``@string`` macros: part of the key; ``@string``, ``@preamble`` and
  ``@comment`` spans are read again on every parse (they are few and short);
* crossref: an entry with a ``crossref`` field is converted again every time
  (its parent may have changed); its parse is still reused;
* duplicate keys, syntax and encoding errors: their messages name other lines or
  entries, so a bib with any of them is parsed whole, as without this module.

Everything a parse says about the whole bib (unknown fields per file, duplicates,
missing files) is checked again over all records by the caller, as before.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from pybtex.database import Entry

from .bibparse import ParsedBib, TolerantParser, parse_files, read_text
from .convert import publication_from, records_from
from .diagnostics import Diagnostic
from .records import Publication, Source

#: An ``@`` command's name and brace. It starts a command only first on its line (after
#: spaces and tabs): checked in :func:`command_starts`, not with ``^`` and ``re.M``,
#: which tried the pattern at every line of a large bib instead of at its ``@`` signs.
_AT_COMMAND = re.compile(r"@[ \t]*([A-Za-z]+)[ \t]*[{(]")
_NOT_ENTRIES = frozenset({"string", "preamble", "comment"})
#: Problems whose message names other lines or entries: such a bib is parsed whole.
_WHOLE_FILE_KINDS = frozenset({"syntax", "duplicate_key", "encoding"})


@dataclass(frozen=True)
class Span:
    """One ``@`` command's text, up to the next line that starts one."""

    line: int  #: the line the span starts on (1-based)
    kind: str  #: the command, lowercase: "article", "string", ...
    text: str


@dataclass
class SpanResult:
    """What one entry span parsed to, with lines as they were when the span began at *start*.

    The results a read keeps for the next one begin at line 1: the same wherever the span
    is in the file, so a span that only moved (a line added above it) is kept as the very
    object that was read, and the side file it is kept in need not write it again.
    """

    start: int
    entries: dict[str, Entry] = field(default_factory=dict)  #: in the order of the span
    lines: dict[str, int | None] = field(default_factory=dict)
    marks: dict[str, dict[str, list[tuple[str, ...]]]] = field(default_factory=dict)
    field_lines: dict[str, dict[str, int]] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: what converting each entry reported (its record is in the last parse's records)
    problems: dict[str, list[Diagnostic]] = field(default_factory=dict)


@dataclass
class Read:
    """A parse and its conversion, and the spans to reuse next time."""

    parsed: ParsedBib
    records: dict[str, Publication]
    problems: list[Diagnostic]
    spans: dict[str, SpanResult]
    reused: int = 0  #: how many entry spans came from the last parse
    #: the records that are the last read's but for their place in the file (their
    #: entry only moved): the records file keeps them as they were, with the new place
    moved: set[str] = field(default_factory=set)


def command_starts(text: str) -> list[tuple[int, str]]:
    """Where each line that starts an ``@`` command begins, and the command's name (the
    parser resumes after an error at such a line)."""
    found = []
    for match in _AT_COMMAND.finditer(text):
        at = match.start()
        line_start = text.rfind("\n", 0, at) + 1
        if not text[line_start:at].strip(" \t"):
            found.append((line_start, match.group(1)))
    return found


def split(text: str) -> tuple[str, list[Span]]:
    """The text before the first command, and one span per command line."""
    starts = command_starts(text)
    if not starts:
        return text, []
    spans = []
    line = text.count("\n", 0, starts[0][0]) + 1
    for (start, name), after in zip(starts, [*starts[1:], None], strict=True):
        end = after[0] if after is not None else len(text)
        chunk = text[start:end]
        spans.append(Span(line, name.lower(), chunk))
        line += chunk.count("\n")
    return text[: starts[0][0]], spans


def _normalized(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")  # as TolerantParser.parse_string


def _key(filename: str, macros: str, span: Span) -> str:
    hasher = hashlib.blake2b(digest_size=16)
    for part in (filename, macros, span.text):
        hasher.update(part.encode("utf-8", "surrogatepass"))
        hasher.update(b"\0")
    return hasher.hexdigest()


def _macros_digest(macros: Mapping[str, str]) -> str:
    return hashlib.blake2b(repr(sorted(macros.items())).encode(), digest_size=12).hexdigest()


def _shift(diagnostic: Diagnostic, by: int) -> Diagnostic:
    if not by or diagnostic.line is None:
        return diagnostic
    return replace(diagnostic, line=diagnostic.line + by)


def _has_crossref(entry: Entry) -> bool:
    return "crossref" in entry.fields  # pybtex's fields ignore case


def _whole_file_problem(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.kind in _WHOLE_FILE_KINDS for d in diagnostics)


def read(
    paths: list[Path],
    encoding: str = "utf-8-sig",
    last: Mapping[str, SpanResult] | None = None,
    last_records: Mapping[str, Publication] | None = None,
) -> Read:
    """Parse and convert *paths*, reusing the spans of *last* whose key is unchanged.

    *last_records* are the records of the read that made *last* (without them,
    entries are parsed from *last* but converted again).
    """
    if last:
        done = _read_reusing(paths, encoding, last, last_records or {})
        if done is not None:
            return done
    parsed = parse_files(paths, encoding)
    records, problems = records_from(parsed.data, parsed.sources, parsed.marks, parsed.field_lines)
    return Read(parsed, records, problems, _spans_of(paths, encoding, parsed, problems))


def _spans_of(
    paths: list[Path], encoding: str, parsed: ParsedBib, problems: list[Diagnostic]
) -> dict[str, SpanResult]:
    """Cut a whole parse into span results (none if the bib has a whole-file problem)."""
    if _whole_file_problem(parsed.diagnostics):
        return {}
    by_key: dict[str, list[Diagnostic]] = {}
    for problem in problems:
        by_key.setdefault(problem.key, []).append(problem)
    out: dict[str, SpanResult] = {}
    parser = TolerantParser(encoding)  # only for its macros, defined as the parse went
    for path in paths:
        if not path.is_file():
            continue
        try:
            text = _normalized(read_text(path, encoding)[0])
        except OSError:
            return {}
        name = str(path)
        prefix, spans = split(text)
        if "@" in prefix:
            return {}
        starts = [span.line for span in spans]
        if parsed.command_lines.get(name, []) != starts:
            return {}  # a line inside a value starts with "@", or a command starts mid-line
        per_span = [None if s.kind in _NOT_ENTRIES else SpanResult(s.line) for s in spans]
        for key in parsed.keys_by_file.get(path, []):
            result = _span_of(starts, per_span, parsed.sources[key].line)
            if result is None:
                return {}
            _store(result, key, parsed)
            result.problems[key] = by_key.get(key, [])
        for diagnostic in parsed.diagnostics:
            if diagnostic.file != name or diagnostic.line is None:
                continue
            result = _span_of(starts, per_span, diagnostic.line)
            if result is None:
                return {}  # a problem in a @string span (read again every time) or before
            result.diagnostics.append(diagnostic)
        macros = _macros_digest(parser.macros)
        for span, maybe in zip(spans, per_span, strict=True):
            if maybe is None:
                _parse_span(parser, name, span)
                macros = _macros_digest(parser.macros)
            else:
                out[_key(name, macros, span)] = _moved(maybe, 1 - maybe.start)
    return out


def _span_of(
    starts: list[int], per_span: list[SpanResult | None], line: int | None
) -> SpanResult | None:
    """The entry span holding *line*; None if none does."""
    index = bisect_right(starts, line) - 1 if line is not None else -1
    return per_span[index] if index >= 0 else None


def _store(result: SpanResult, key: str, parsed: ParsedBib, by: int = 0) -> None:
    """Put entry *key* of *parsed* into *result*, its lines moved by *by*."""
    result.entries[key] = parsed.data.entries[key]
    line = parsed.sources[key].line
    result.lines[key] = None if line is None else line + by
    if key in parsed.marks:
        result.marks[key] = parsed.marks[key]
    if key in parsed.field_lines:
        result.field_lines[key] = {k: v + by for k, v in parsed.field_lines[key].items()}


def _moved(result: SpanResult, by: int) -> SpanResult:
    """*result* for its span now *by* lines further down."""
    return SpanResult(
        result.start + by,
        result.entries,
        {k: None if v is None else v + by for k, v in result.lines.items()},
        result.marks,
        {k: {f: v + by for f, v in lines.items()} for k, lines in result.field_lines.items()},
        [_shift(d, by) for d in result.diagnostics],
        {k: [_shift(d, by) for d in found] for k, found in result.problems.items()},
    )


def _parse_span(parser: TolerantParser, filename: str, span: Span) -> ParsedBib:
    """Parse one span alone (lines from 1), with the macros defined so far."""
    alone = TolerantParser(parser.encoding)
    alone.macros = parser.macros  # shared: a @string span defines for the spans after it
    alone.filename = filename
    alone.parse_string(span.text)
    return alone.result


def _read_reusing(
    paths: list[Path],
    encoding: str,
    last: Mapping[str, SpanResult],
    last_records: Mapping[str, Publication],
) -> Read | None:
    """The parse, span by span; None when the bib needs a whole parse."""
    parser = TolerantParser(encoding)
    data = parser.data
    parsed = parser.result
    spans_out: dict[str, SpanResult] = {}
    #: key -> its span's key and result, how far it moved since the last read, whether it
    #: is reused
    home: dict[str, tuple[str, SpanResult, int, bool]] = {}
    reused = 0
    for path in paths:
        if not path.is_file():
            parser.filename = str(path)
            parser._report("missing_file", "bib file not found", None)
            continue
        name = str(path)
        text, problem = read_text(path, encoding)
        if problem is not None:
            return None
        prefix, spans = split(_normalized(text))
        if "@" in prefix:
            return None
        before = len(data.entries)
        macros = _macros_digest(parser.macros)
        for span in spans:
            if span.kind in _NOT_ENTRIES:
                alone = _parse_span(parser, name, span)
                if _whole_file_problem(alone.diagnostics) or alone.data.entries:
                    return None
                parsed.diagnostics.extend(_shift(d, span.line - 1) for d in alone.diagnostics)
                macros = _macros_digest(parser.macros)
                continue
            key = _key(name, macros, span)
            kept = last.get(key)
            if kept is None:
                alone = _parse_span(parser, name, span)  # its lines count from 1
                if _whole_file_problem(alone.diagnostics):
                    return None
                kept = SpanResult(1, diagnostics=list(alone.diagnostics))
                for entry_key in alone.data.entries:
                    _store(kept, entry_key, alone)
                hit = False
            else:
                reused += 1
                hit = True
            spans_out[key] = kept
            got = _moved(kept, span.line - 1)  # with this read's lines
            parsed.diagnostics.extend(got.diagnostics)
            for entry_key, entry in got.entries.items():
                if entry_key in data.entries:
                    return None  # a duplicate key: its message names the first entry
                data.add_entry(entry_key, entry)
                parsed.sources[entry_key] = Source(name, got.lines[entry_key])
                if entry_key in got.marks:
                    parsed.marks[entry_key] = got.marks[entry_key]
                if entry_key in got.field_lines:
                    parsed.field_lines[entry_key] = got.field_lines[entry_key]
                home[entry_key] = (key, got, span.line - 1, hit)
        parsed.keys_by_file[path] = list(data.entries)[before:]
    records: dict[str, Publication] = {}
    problems: list[Diagnostic] = []
    moved: set[str] = set()
    for entry_key, entry in data.entries.items():
        span_key, got, offset, hit = home[entry_key]
        old = last_records.get(entry_key)
        if hit and old is not None and entry_key in got.problems and not _has_crossref(entry):
            source = parsed.sources[entry_key]
            record = old
            if old.source != source:
                record = replace(old, source=source)
                moved.add(entry_key)
            found = got.problems[entry_key]
        else:
            record, found = publication_from(
                entry_key,
                entry,
                parsed.sources[entry_key],
                data,
                parsed.marks.get(entry_key, {}),
                parsed.field_lines.get(entry_key, {}),
            )
            kept = spans_out[span_key]
            if kept is last.get(span_key):
                # a copy: what the last read kept stays as it was (the side file keeps the
                # shard of a span whose result is the very object it read)
                kept = spans_out[span_key] = replace(kept, problems=dict(kept.problems))
            kept.problems[entry_key] = [_shift(d, -offset) for d in found]
        records[entry_key] = record
        problems.extend(found)
    return Read(parsed, records, problems, spans_out, reused, moved)
