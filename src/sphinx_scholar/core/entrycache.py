"""Per-entry reuse of a parse: after an edit, only the entries whose text changed are read.

A bib file is cut into spans, one per line that starts an ``@`` command (where
our parser resumes after an error, too). Each entry span is keyed on its file,
its text and the ``@string`` macros defined before it. Its parse is kept with the
line the span started on; its record is the last parse's own (the caller keeps
those anyway), so nothing is stored twice. Of the parse, what is kept is what the
next read needs: each entry's field names (for the unknown-field check) and lines,
not pybtex's objects, which are most of the file's size and of the time to load it;
only entries a crossref links (a child or a parent) are kept whole, to be converted
again. An entry that only moved (a line was added above it) is reused with its lines
shifted, not read again.

What one entry's result depends on beyond its own text is handled so that the
result is the one a full parse gives (a property test compares them):

* ``@string`` macros: part of the key; ``@string``, ``@preamble`` and
  ``@comment`` spans are read again on every parse (they are few and short);
* crossref: an entry with a ``crossref`` field is converted again every time
  (its parent may have changed); its parse is still reused. When a child (new
  or edited) names a parent that was kept without its pybtex object, the bib is
  parsed whole;
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

from .bibparse import ParsedBib, TolerantParser, field_names, parse_files, read_text
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
    #: each entry's field names as written, in the order of the span
    fields: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: the parse of each entry a crossref links (a child or a parent), converted again
    entries: dict[str, Entry] = field(default_factory=dict)
    lines: dict[str, int | None] = field(default_factory=dict)
    marks: dict[str, dict[str, list[tuple[str, ...]]]] = field(default_factory=dict)
    field_lines: dict[str, dict[str, int]] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: what converting each entry reported (its record is in the last parse's records)
    problems: dict[str, list[Diagnostic]] = field(default_factory=dict)


@dataclass
class Read:
    """A parse and its conversion, and the spans to reuse next time."""

    #: after a read that reused spans, ``data`` holds the entries parsed again and those
    #: kept whole, not all: the others' field names are in :attr:`field_names`
    parsed: ParsedBib
    records: dict[str, Publication]
    problems: list[Diagnostic]
    spans: dict[str, SpanResult]
    #: every entry's field names as written, in the order of the bib
    field_names: dict[str, tuple[str, ...]] = field(default_factory=dict)
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


def _linked(entries: Iterable[Entry]) -> set[str]:
    """The keys (lowercase, as pybtex looks them up) that the entries' crossrefs name."""
    return {e.fields["crossref"].strip().lower() for e in entries if _has_crossref(e)}


def _kept_whole(key: str, entry: Entry, linked: set[str]) -> bool:
    """Whether a span keeps entry *key*'s pybtex object: a crossref links it (see _linked)."""
    return _has_crossref(entry) or key.lower() in linked


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
    spans = _spans_of(paths, encoding, parsed, problems)
    return Read(parsed, records, problems, spans, field_names(parsed.data))


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
    linked = _linked(parsed.data.entries.values())
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
            _store(result, key, parsed, linked)
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


def _store(result: SpanResult, key: str, parsed: ParsedBib, linked: set[str] | None) -> None:
    """Put entry *key* of *parsed* into *result*; its pybtex object too if a crossref links
    it (*linked*: the keys crossrefs name; None: keep it in any case)."""
    entry = parsed.data.entries[key]
    result.fields[key] = tuple(entry.fields.keys())
    if linked is None or _kept_whole(key, entry, linked):
        result.entries[key] = entry
    line = parsed.sources[key].line
    result.lines[key] = line
    if key in parsed.marks:
        result.marks[key] = parsed.marks[key]
    if key in parsed.field_lines:
        result.field_lines[key] = dict(parsed.field_lines[key])


def _moved(result: SpanResult, by: int) -> SpanResult:
    """*result* for its span now *by* lines further down."""
    return SpanResult(
        result.start + by,
        result.fields,
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
    data = parser.data  # the entries parsed now, and those kept whole (crossref)
    parsed = parser.result
    spans_out: dict[str, SpanResult] = {}
    #: key -> its span's key and result, how far it moved since the last read, whether it
    #: is reused
    home: dict[str, tuple[str, SpanResult, int, bool]] = {}
    names: dict[str, tuple[str, ...]] = {}  # every entry's field names, in bib order
    known: set[str] = set()  # every key, lowercase (pybtex's keys ignore case)
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
        keys: list[str] = []
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
                    _store(kept, entry_key, alone, None)  # trimmed below, once links are known
                hit = False
            else:
                reused += 1
                hit = True
            spans_out[key] = kept
            got = _moved(kept, span.line - 1)  # with this read's lines
            parsed.diagnostics.extend(got.diagnostics)
            for entry_key, fields in got.fields.items():
                if entry_key.lower() in known:
                    return None  # a duplicate key: its message names the first entry
                known.add(entry_key.lower())
                keys.append(entry_key)
                names[entry_key] = fields
                if entry_key in got.entries:
                    data.add_entry(entry_key, got.entries[entry_key])
                parsed.sources[entry_key] = Source(name, got.lines[entry_key])
                if entry_key in got.marks:
                    parsed.marks[entry_key] = got.marks[entry_key]
                if entry_key in got.field_lines:
                    parsed.field_lines[entry_key] = got.field_lines[entry_key]
                home[entry_key] = (key, got, span.line - 1, hit)
        parsed.keys_by_file[path] = keys
    linked = _linked(data.entries.values())
    if any(key in known and key not in data.entries for key in linked):
        return None  # a crossref names an entry kept without its parse: read it whole
    records: dict[str, Publication] = {}
    problems: list[Diagnostic] = []
    moved: set[str] = set()
    for entry_key, fields in names.items():
        span_key, got, offset, hit = home[entry_key]
        old = last_records.get(entry_key)
        crossref = any(name.lower() == "crossref" for name in fields)
        if hit and old is not None and entry_key in got.problems and not crossref:
            source = parsed.sources[entry_key]
            record = old
            if old.source != source:
                record = replace(old, source=source)
                moved.add(entry_key)
            found = got.problems[entry_key]
        else:
            entry = got.entries.get(entry_key)
            if entry is None:
                return None  # kept without its parse and its record: read the bib whole
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
    for span_key, result in spans_out.items():
        if span_key not in last:  # read now: keep whole only what a crossref links
            spans_out[span_key] = _trimmed(result, linked)
    return Read(parsed, records, problems, spans_out, names, reused, moved)


def _trimmed(result: SpanResult, linked: set[str]) -> SpanResult:
    """*result* without the pybtex objects of entries no crossref links."""
    entries = {k: e for k, e in result.entries.items() if _kept_whole(k, e, linked)}
    return replace(result, entries=entries)
