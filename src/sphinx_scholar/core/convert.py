"""pybtex entries to :class:`Publication` records: names, marks, venue, links, awards.

Pure Python: no Sphinx, no docutils. Problems found while converting (LaTeX
nobody can read, unsafe URLs, empty links) come back as diagnostics; checks
that look across entries live in :mod:`sphinx_scholar.validate`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping

from pybtex.database import BibliographyData, Entry

from .diagnostics import Diagnostic
from .fields import BIBTEX_FIELDS, DEFAULT_VENUE_FIELDS, LINK_LABELS, VENUE_FIELDS
from .latex import MAX_DEPTH, decode
from .mdlinks import parse_links
from .messages import N_
from .names import author_from_person
from .records import Author, Award, Link, Publication, Rich, Source
from .urls import arxiv_id, arxiv_url, doi_of, doi_url, is_safe, scheme_of

_BIBTEX_CASE = {"archiveprefix": "archivePrefix", "primaryclass": "primaryClass"}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_TRUE = frozenset({"true", "yes", "1", "on"})
_YEAR = re.compile(r"(1[5-9]|2[0-9])\d\d")
_SPACES = re.compile(r"\s+")
_TOO_DEEP = f"LaTeX nested deeper than {MAX_DEPTH} levels"


def records_from(
    data: BibliographyData,
    sources: Mapping[str, Source],
    marks: Mapping[str, Mapping[str, list[tuple[str, ...]]]] | None = None,
    field_lines: Mapping[str, Mapping[str, int]] | None = None,
) -> tuple[dict[str, Publication], list[Diagnostic]]:
    """Convert every entry; one bad entry never stops the others."""
    records: dict[str, Publication] = {}
    diagnostics: list[Diagnostic] = []
    crossrefs = Crossrefs(data)
    for key, entry in data.entries.items():
        source = sources.get(key, Source(""))
        entry_marks = (marks or {}).get(key, {})
        lines = (field_lines or {}).get(key, {})
        record, problems = publication_from(key, entry, source, data, entry_marks, lines, crossrefs)
        records[key] = record
        diagnostics.extend(problems)
    return records, diagnostics


#: Fields are inherited through at most this many crossrefs (BibTeX itself follows one).
MAX_CROSSREF_DEPTH = 8
_DANGLING = "crossref {name!r} names no entry of the bib; nothing is inherited"


def _lower_fields(entry: Entry) -> dict[str, str]:
    """Fields by lowercase name: pybtex's case-insensitive dict is slow to query."""
    return {name.lower(): value for name, value in entry.fields.items()}


class Crossrefs:
    """Each entry's fields (lowercased) and the chain of entries it inherits from.

    Computed once per bib and shared by its entries: walking the chain again for
    every field of every entry made a long chain quadratic. The chain is capped at
    :data:`MAX_CROSSREF_DEPTH`, so each entry costs a bounded amount however long it is.
    """

    def __init__(self, data: BibliographyData) -> None:
        self.data = data
        self._fields: dict[str, dict[str, str]] = {}
        self._chains: dict[str, tuple[list[str], str]] = {}

    def fields(self, key: str) -> dict[str, str]:
        known = self._fields.get(key)
        if known is None:
            known = self._fields[key] = _lower_fields(self.data.entries[key])
        return known

    def canonical(self, key: str) -> str | None:
        """The key as the bib spells it; keys match case-insensitively, as in BibTeX."""
        entry = self.data.entries.get(key.strip()) if key.strip() else None
        return None if entry is None else (entry.key or key.strip())

    def chain(self, key: str) -> tuple[list[str], str]:
        """The keys *key* inherits from, nearest first, and what cut the chain ("" if nothing)."""
        known = self._chains.get(key)
        if known is not None:
            return known
        parents: list[str] = []
        seen = {key.lower()}
        problem = ""
        current = key
        while True:
            name = self.fields(current).get("crossref", "").strip()
            if not name:
                break
            parent = self.canonical(name)
            if parent is None:
                if current == key:  # the entry that names it says so; its children need not
                    problem = _DANGLING.format(name=name)
                break
            if parent.lower() in seen:
                if parent.lower() == key.lower():
                    problem = (
                        f"crossref {name!r} leads back to {key!r} (a loop); "
                        "fields are inherited up to the loop"
                    )
                break
            if len(parents) == MAX_CROSSREF_DEPTH:
                problem = (
                    f"crossref chain deeper than {MAX_CROSSREF_DEPTH} entries; "
                    f"nothing is inherited from {parent!r} or the entries above it"
                )
                break
            seen.add(parent.lower())
            parents.append(parent)
            current = parent
        self._chains[key] = (parents, problem)
        return parents, problem


class _Reader:
    """Field access for one entry, with crossref inheritance and LaTeX decoding."""

    def __init__(
        self,
        key: str,
        entry: Entry,
        source: Source,
        data: BibliographyData,
        field_lines: Mapping[str, int] | None = None,
        crossrefs: Crossrefs | None = None,
    ) -> None:
        self.key = key
        self.entry = entry
        self.source = source
        self.data = data
        self.field_lines = field_lines or {}
        self.fields = _lower_fields(entry)
        self.problems: list[Diagnostic] = []
        self.parents: list[Entry] = []
        self.inherited = self.fields
        if self.fields.get("crossref", "").strip():
            self._inherit(crossrefs or Crossrefs(data))

    def _inherit(self, crossrefs: Crossrefs) -> None:
        """Merge the parents' fields once (the nearest wins) and name a broken chain."""
        if self.key in self.data.entries and self.data.entries[self.key] is self.entry:
            keys, problem = crossrefs.chain(self.key)
        else:  # an entry outside the bib (a test's, an example's): walk from its own field
            name = self.fields["crossref"].strip()
            parent = crossrefs.canonical(name)
            keys, problem = [], _DANGLING.format(name=name)
            if parent is not None:
                keys, problem = [parent, *crossrefs.chain(parent)[0]][:MAX_CROSSREF_DEPTH], ""
        self.parents = [self.data.entries[k] for k in keys]
        merged: dict[str, str] = {}
        for parent in reversed(keys):
            merged.update(crossrefs.fields(parent))
        merged.update(self.fields)
        self.inherited = merged
        if problem:
            self.problem("crossref", problem, "crossref")

    def raw(self, name: str) -> str:
        """A field's raw value, inherited through crossref; "" when absent."""
        return self.inherited.get(name, "").strip()

    def rich(self, name: str) -> Rich:
        value = self.raw(name)
        if not value:
            return Rich()
        decoded = decode(value)
        if decoded.too_deep:
            self.problem("latex", f"{_TOO_DEEP} in field {name!r}; shown as plain text", name)
        for command in decoded.unknown:
            self.problem(
                "latex",
                f"unknown LaTeX command {command} in field {name!r}; shown as plain text",
                name,
            )
        return decoded.rich

    def text(self, name: str) -> str:
        return self.rich(name).plain

    def problem(self, kind: str, message: str, field: str = "") -> None:
        """Report a problem at the field's line (or the entry's, if unknown)."""
        line = self.field_lines.get(field.lower(), self.source.line)
        self.problems.append(Diagnostic(kind, message, self.source.file, line, self.key))


def publication_from(
    key: str,
    entry: Entry,
    source: Source,
    data: BibliographyData | None = None,
    marks: Mapping[str, list[tuple[str, ...]]] | None = None,
    field_lines: Mapping[str, int] | None = None,
    crossrefs: Crossrefs | None = None,
) -> tuple[Publication, list[Diagnostic]]:
    """One entry to one record, plus what was wrong with it."""
    data = data if data is not None else BibliographyData()
    read = _Reader(key, entry, source, data, field_lines, crossrefs)
    authors = _authors(read, "author", (marks or {}).get("author", []))
    if not authors:
        authors = _authors(read, "editor", (marks or {}).get("editor", []))
    year, month = _date(read)
    doi = doi_of(read.raw("doi")) or ""
    arxiv = arxiv_id(read.raw("arxiv")) or _eprint_arxiv(read)
    awards = _awards(read)
    links = _links(read, doi, arxiv)
    own_url = _own_url(read)
    record = Publication(
        key=key,
        entry_type=entry.type,
        title=read.rich("title"),
        protected=protected_words(read.raw("title")),
        authors=authors,
        source=source,
        digest=digest_of(entry, marks, read.parents),
        venue=_venue(read, entry.type),
        venue_abbr=read.text("abbr"),
        year=year,
        month=month,
        volume=read.text("volume"),
        number=read.text("number"),
        pages=read.text("pages"),
        publisher=read.text("publisher"),
        address=read.text("address"),
        doi=doi,
        arxiv=arxiv,
        links=links,
        url=own_url,
        thumbnail=_preview(read),
        thumbnail_alt=read.text("preview_alt"),
        abstract=read.rich("abstract"),
        awards=awards,
        tags=_tags(read),
        selected=read.raw("selected").lower() in _TRUE,
        hidden=read.raw("hidden").lower() in _TRUE,
        note=read.rich("note"),
        annotation=read.text("annotation"),
        show_bibtex=read.raw("bibtex_show").lower() not in {"false", "no", "0", "off"},
        bibtex=bibtex_of(key, entry, arxiv),
    )
    return record, read.problems


def _preview(read: _Reader) -> str:
    """The thumbnail: a file of the site or an http(s) image. Any other scheme
    (``javascript:``, ``data:``, ``file:``...) would reach ``<img src>``, ``og:image``
    and JSON-LD, so it is dropped with a warning (the card gets the placeholder)."""
    value = read.raw("preview")
    scheme = scheme_of(value)
    if value and scheme and scheme not in {"http", "https"}:
        read.problem(
            "unsafe_url",
            f"field 'preview' holds a URL that is not http(s) or a file of the site "
            f"({_show(value)}); the placeholder is shown",
            "preview",
        )
        return ""
    return value


_BRACED = re.compile(r"\{([^{}\\$]+)\}")


def protected_words(title: str) -> tuple[str, ...]:
    """The brace-protected words of a raw title, in order: ``{Korch}``, ``{GPU}``."""
    return tuple(word.strip() for word in _BRACED.findall(title or "") if word.strip())


def _authors(read: _Reader, role: str, marks: list[tuple[str, ...]]) -> tuple[Author, ...]:
    persons = read.entry.persons.get(role, [])
    authors = []
    for index, person in enumerate(persons):
        person_marks = marks[index] if index < len(marks) else ()
        author = author_from_person(person, person_marks)
        for part in (*person.first_names, *person.middle_names, *person.last_names):
            if decode(part).too_deep:
                read.problem("latex", f"{_TOO_DEEP} in a name; shown as plain text", role)
            for command in decode(part).unknown:
                read.problem("latex", f"unknown LaTeX command {command} in a name", role)
        authors.append(author)
    return tuple(authors)


def _venue(read: _Reader, entry_type: str) -> Rich:
    for name in VENUE_FIELDS.get(entry_type, DEFAULT_VENUE_FIELDS):
        value = read.rich(name)
        if value:
            return value
    if entry_type not in VENUE_FIELDS:
        howpublished = read.rich("howpublished")
        if howpublished:
            return howpublished
    return Rich()


def _date(read: _Reader) -> tuple[int | None, int | None]:
    year_text = read.raw("year") or read.raw("date")
    match = _YEAR.search(year_text)
    year = int(match.group()) if match else None
    month_text = read.raw("month").lower().strip(" .{}")
    month = None
    if month_text[:3] in _MONTHS:
        month = _MONTHS.index(month_text[:3]) + 1
    elif month_text.isascii() and month_text.isdigit() and 1 <= int(month_text) <= 12:
        month = int(month_text)
    else:
        date = re.match(r"\d{4}-(\d{2})", read.raw("date"))
        if date and 1 <= int(date.group(1)) <= 12:
            month = int(date.group(1))
    if month is None and month_text:
        read.problem(
            "bad_date",
            f"month {_show(read.raw('month'))} is no month (write jan...dec or 1...12); "
            "the date shows the year only",
            "month",
        )
    return year, month


def _eprint_arxiv(read: _Reader) -> str:
    prefix = (read.raw("archiveprefix") or read.raw("eprinttype")).lower()
    if prefix == "arxiv":
        return arxiv_id(read.raw("eprint"))
    return ""


def _awards(read: _Reader) -> tuple[Award, ...]:
    names = [part.strip() for part in read.text("award_name").split(";") if part.strip()]
    detail = read.text("award")
    if not names and detail:
        if len(detail) <= 60:
            return (Award(detail),)
        return (Award("Award", detail),)
    return tuple(Award(name, detail if index == 0 else "") for index, name in enumerate(names))


def _tags(read: _Reader) -> tuple[str, ...]:
    raw = ",".join(filter(None, (read.text("tags"), read.text("keywords"))))
    return tuple(dict.fromkeys(t.strip() for t in re.split(r"[,;]", raw) if t.strip()))


def _own_url(read: _Reader) -> str:
    for name in ("html", "url"):
        value = read.raw(name)
        if value and is_safe(value):
            return _tidy(value)
    return ""


def _tidy(url: str) -> str:
    """A URL as HTML wants it: spaces inside (``my paper.pdf``) percent-encoded."""
    return _SPACES.sub("%20", url.strip())


def _identifier_or_url(read: _Reader, name: str, value: str) -> str | None:
    """A doi or arxiv field that holds no identifier: keep it only if it is an http(s) URL.

    ADS and hand edits put notes there (``10.1146/x PDF: http://...``); as a
    link that would be a relative URL to nowhere.
    """
    if scheme_of(value) in {"http", "https"}:
        return value
    what = "a DOI" if name == "doi" else "an arXiv id"
    read.problem(
        "unsafe_url",
        f"field {name!r} holds neither {what} nor an http(s) URL ({_show(value)}); "
        "the link is dropped",
        name,
    )
    return None


def _links(read: _Reader, doi: str, arxiv: str) -> tuple[Link, ...]:
    """Link buttons in the order the entry writes its fields (the author's order)."""
    links: list[Link] = []
    present = set(read.fields)
    labels = LINK_LABELS
    for name in read.fields:
        if name == "links":
            links.extend(_markdown_links(read))
            continue
        if name not in labels:
            continue
        value = read.raw(name)
        checked: str | None = value
        if name == "arxiv" and value:
            checked = arxiv_url(arxiv) if arxiv else _identifier_or_url(read, name, value)
        elif name == "doi" and value:
            checked = doi_url(doi) if doi else _identifier_or_url(read, name, value)
        if checked is None:
            continue
        link = _checked_link(read, name, labels[name], checked)
        if link:
            links.append(link)
    url = read.raw("url")
    if url and is_safe(url) and _address(_tidy(url)) not in {_address(x.url) for x in links}:
        if "html" not in present:
            links.append(Link("url", N_("Link"), _tidy(url)))
    elif url and not is_safe(url):
        read.problem(
            "unsafe_url",
            f"field 'url' holds a URL that is not http(s), mailto or relative ({_show(url)}); "
            "the link is dropped",
            "url",
        )
    if arxiv and "arxiv" not in present and not any(link.kind == "arxiv" for link in links):
        links.append(Link("arxiv", "arXiv", arxiv_url(arxiv)))
    return tuple(links)


def _markdown_links(read: _Reader) -> list[Link]:
    """The ``links`` field's buttons; text that is no link is named, never dropped quietly."""
    parsed = parse_links(read.raw("links"))
    links = []
    for md in parsed.links:
        label = decode(md.label).rich.plain or "Link"
        link = _checked_link(read, "links", label, md.url)
        if link:
            links.append(link)
    for ref in parsed.undefined:
        read.problem(
            "bad_link",
            f"field 'links': {_show(ref)} names a reference with no definition "
            "(write [ref]: URL in the field); it is not shown",
            "links",
        )
    for text in parsed.stray:
        read.problem(
            "bad_link",
            f"field 'links' holds text that is no Markdown link ({_show(text)}); "
            "it is not shown: write [Label](URL)",
            "links",
        )
    return links


def _address(url: str) -> str:
    """What a link points at, for finding two buttons to one place.

    DOIs are case-insensitive: DBLP writes ``doi = {10.48550/ARXIV.2402.05466}`` beside
    ``url = {https://doi.org/10.48550/arXiv.2402.05466}``, one address.
    """
    doi = doi_of(url) if "doi" in url.lower() else ""
    return f"doi:{doi.casefold()}" if doi else url


def _checked_link(read: _Reader, name: str, label: str, value: str) -> Link | None:
    if not value:
        read.problem(
            "empty_link",
            f"link field {name!r} ({label}) is empty; its label is shown without a link",
            name,
        )
        return Link(name, label, "")
    if not is_safe(value):
        read.problem(
            "unsafe_url",
            f"field {name!r} holds a URL that is not http(s), mailto or relative "
            f"({_show(value)}); the link is dropped",
            name,
        )
        return None
    return Link(name, label, _tidy(value))


def _show(url: str) -> str:
    shown = url if len(url) <= 60 else url[:57] + "..."
    return repr(shown)


def digest_of(
    entry: Entry,
    marks: Mapping[str, list[tuple[str, ...]]] | None = None,
    parents: Iterable[Entry] = (),
) -> str:
    """A fingerprint of everything the entry says, crossref parents included.

    Equal digests render equally: pages and cards are rewritten only when it changes.
    """
    hasher = hashlib.blake2b(digest_size=12)
    for part in (entry, *parents):
        hasher.update(f"\x1c{part.type}".encode())
        for name, value in sorted((k.lower(), v) for k, v in part.fields.items()):
            hasher.update(f"\x1f{name}\x1e{value}".encode())
        for role, persons in sorted(part.persons.items()):
            hasher.update(f"\x1d{role}\x1e{' and '.join(str(p) for p in persons)}".encode())
    if marks:
        hasher.update(repr(sorted(marks.items())).encode())
    return hasher.hexdigest()


def bibtex_of(key: str, entry: Entry, arxiv: str = "") -> str:
    """The BibTeX a visitor copies: standard fields only, names without marks.

    pybtex's writer would do, but it quotes with double quotes on one long line;
    people paste braces, one field per line, into papers.
    """
    lines = [f"@{entry.type}{{{key},"]
    for role in ("author", "editor"):
        persons = entry.persons.get(role)
        if persons:
            lines.append(f"  {role} = {{{' and '.join(str(p) for p in persons)}}},")
    fields = {name.lower(): value for name, value in entry.fields.items()}
    if arxiv and "eprint" not in fields:
        fields["eprint"] = arxiv
        fields.setdefault("archiveprefix", "arXiv")
    for name in BIBTEX_FIELDS:
        value = fields.get(name)
        if not value:
            continue
        shown = _BIBTEX_CASE.get(name, name)
        month = value.lower()[:3]
        if name == "month" and month in _MONTHS:
            lines.append(f"  {shown} = {month},")
        else:
            lines.append(f"  {shown} = {{{value}}},")
    lines.append("}")
    return "\n".join(lines)
