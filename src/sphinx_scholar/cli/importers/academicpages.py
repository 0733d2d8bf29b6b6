"""academicpages sites: ``_publications/*.md`` front matter and ``publications.tsv``.

academicpages keeps no author list: a paper's authors live only in its
``citation`` string, so they are read from there (APA-like "Last, F., & Last, F.
(2016). Title ...") as well as can be, and the report says when they could not.
"""

from __future__ import annotations

import csv
import datetime
import html
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pybtex.database import Entry, Person

from ..sourcetext import SourceError, encoding_note, read_text
from . import Draft

#: A tag holds no "<": with ``[^>]+`` a run of "<" was scanned to its end from each one.
_TAG = re.compile(r"<[^<>]*>")
#: One word of given names: a name (``Jean-Pierre``, ``Joh.``) or initials (``J.R.``, ``J.-P.``).
#: Checked word by word: one pattern for the whole token, with optional separators, had
#: exponentially many ways to split a long word that fails ("AAAA...!").
_GIVEN_WORD = re.compile(r"[A-Z][\w'-]*\.?|(?:[A-Z]\.-?)+(?:[A-Z][\w'-]*\.?)?")
_YEAR_IN_CITATION = re.compile(r"\(\s*((?:1[89]|20)\d\d)[a-z]?\s*\)")
_CONFERENCE = re.compile(
    r"conference|proceedings|workshop|symposium|congress|meeting|colloquium|summit|\bconf\b",
    re.I,
)
_DATE_PREFIX = re.compile(r"^\d{4}(?:-\d{1,2}){0,2}-")
_KEY_CHARS = re.compile(r"[^A-Za-z0-9_.:-]+")
_VOLUME = re.compile(
    r",\s*(?P<volume>\d+)\s*(?:\((?P<number>[\w-]+)\))?\s*(?:,\s*(?P<pages>[\w]+(?:\s*[-–]+\s*\w+)?))?\s*\.?\s*$"
)
#: TeX's special characters as text. latexcodec encodes Unicode, but leaves
#: ``{ } $ #`` alone (it expects LaTeX), and these values are plain text.
_TEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def tex(text: str) -> str:
    """Plain text as a BibTeX value."""
    return "".join(_TEX_SPECIAL.get(char, char) for char in text)


def plain(value: Any) -> str:
    """Front matter or TSV text: HTML entities and tags gone, spaces collapsed."""
    text = _TAG.sub("", html.unescape(str(value or "")))
    return " ".join(text.split())


@dataclass
class Item:
    """One publication as academicpages describes it."""

    where: str
    line: int
    title: str = ""
    date: str = ""
    venue: str = ""
    excerpt: str = ""
    citation: str = ""
    slug: str = ""
    paper_url: str = ""
    slides_url: str = ""
    bibtex_url: str = ""
    permalink: str = ""


def _given(token: str) -> bool:
    """Whether *token* reads as given names or initials (``E. E.``, ``J.-P.``, ``You.``)."""
    return all(_GIVEN_WORD.fullmatch(word) for word in token.split())


def authors_from_citation(citation: str) -> list[str]:
    """The names before "(year)" in an APA-like citation, as BibTeX names; [] if none."""
    match = _YEAR_IN_CITATION.search(citation)
    if not match:
        return []
    prefix = citation[: match.start()].strip(" ,")
    prefix = re.sub(r"\s*(?:,\s*)?(?:&|\band\b)\s*", ", ", prefix)
    tokens = [t.strip() for t in prefix.split(",") if t.strip()]
    if not tokens:
        return []
    paired = len(tokens) % 2 == 0 and all(_given(t) for t in tokens[1::2])
    if paired and all(len(t.split()) <= 3 for t in tokens[1::2]):
        names = [f"{last}, {first}" for last, first in zip(tokens[::2], tokens[1::2], strict=True)]
    else:
        names = tokens
    return ["others" if re.fullmatch(r"et\.? al\.?", n) else n for n in names]


def _guess_type(venue: str) -> str:
    return "inproceedings" if _CONFERENCE.search(venue) else "article"


def _date(value: Any) -> tuple[str, str]:
    """(year, month): month only from an ISO date that is not the 1st of January
    (a placeholder academicpages sites often keep)."""
    if isinstance(value, datetime.date):
        value = value.isoformat()
    text = str(value or "")
    year = re.search(r"(?:1[89]|20)\d\d", text)
    iso = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    month = ""
    if iso and (iso.group(2), iso.group(3)) != ("01", "01"):
        month = str(int(iso.group(2)))
    return (year.group() if year else ""), month


def _key(item: Item, year: str, used: set[str]) -> str:
    slug = item.slug or item.permalink.rstrip("/").rsplit("/", 1)[-1]
    slug = _KEY_CHARS.sub("-", _DATE_PREFIX.sub("", slug)).strip("-") or "paper"
    key = slug if not year or year in slug else f"{slug}-{year}"
    base, counter = key, 2
    while key.lower() in used:
        key, counter = f"{base}-{counter}", counter + 1
    used.add(key.lower())
    return key


def from_markdown(path: Path, notes: list[str]) -> Item:
    """One ``_publications/*.md`` page; a note in *notes* when it was not UTF-8."""
    text, encoding = read_text(path)
    if encoding:
        notes.append(encoding_note(path.name, encoding))
    match = re.match(r"^---\s*\n(.*?)\n---\s*(?:\n|$)", text, re.S)
    try:
        meta = yaml.safe_load(match.group(1)) if match else {}
    except (yaml.YAMLError, RecursionError) as error:
        raise SourceError(f"{path}: front matter is not YAML: {error}") from error
    meta = meta if isinstance(meta, dict) else {}
    date = meta.get("date", "")
    return Item(
        where=str(path),
        line=1,
        title=plain(meta.get("title")).strip('"'),
        date=date.isoformat() if isinstance(date, datetime.date) else str(date or ""),
        venue=plain(meta.get("venue")),
        excerpt=plain(meta.get("excerpt")),
        citation=plain(meta.get("citation")),
        slug=_DATE_PREFIX.sub("", path.stem),
        paper_url=str(meta.get("paperurl") or meta.get("paper_url") or ""),
        slides_url=str(meta.get("slidesurl") or meta.get("slides_url") or ""),
        bibtex_url=str(meta.get("bibtexurl") or ""),
        permalink=str(meta.get("permalink") or ""),
    )


def from_tsv(path: Path, notes: list[str]) -> list[Item]:
    """Every row of a ``publications.tsv``; a note in *notes* when it was not UTF-8.

    A field longer than csv's limit (128 KiB) is refused with its line: in a
    publication list it is an unbalanced quote that swallowed the rows after it.
    """
    text, encoding = read_text(path)
    if encoding:
        notes.append(encoding_note(path.name, encoding))
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter="\t")
    rows: list[dict[str, Any]] = []
    try:
        for row in reader:
            rows.append(row)
    except csv.Error as error:  # the failing row starts on the line after the last read
        line = reader.line_num + 1 if rows else reader.line_num
        raise SourceError(f'{path}:{line}: {error} (an unbalanced " quote?)') from error
    return [
        Item(
            where=str(path),
            line=index + 2,
            title=plain(row.get("title")).strip('"'),
            date=str(row.get("pub_date") or ""),
            venue=plain(row.get("venue")),
            excerpt=plain(row.get("excerpt")),
            citation=plain(row.get("citation")).strip('"'),
            slug=str(row.get("url_slug") or ""),
            paper_url=str(row.get("paper_url") or ""),
            slides_url=str(row.get("slides_url") or ""),
        )
        for index, row in enumerate(rows)
    ]


def add_item(draft: Draft, item: Item, used: set[str]) -> None:
    """One academicpages publication as a BibTeX entry, and how it was read."""
    where = f"{Path(item.where).name}:{item.line}"
    if not item.title:
        draft.note("dropped", where, "no title")
        return
    year, month = _date(item.date)
    key = _key(item, year, used)
    entry_type = _guess_type(item.venue)
    entry = Entry(entry_type)
    entry.fields["title"] = tex(item.title.rstrip(". "))
    if item.venue:
        entry.fields["journal" if entry_type == "article" else "booktitle"] = tex(item.venue)
    if year:
        entry.fields["year"] = year
    if month:
        entry.fields["month"] = month
    if item.excerpt:
        entry.fields["abstract"] = tex(item.excerpt)
    names = authors_from_citation(item.citation)
    for name in names:
        entry.add_person(Person(tex(name)), "author")
    numbers = _VOLUME.search(item.citation)
    if numbers:
        for name in ("volume", "number", "pages"):
            if numbers.group(name):
                value = re.sub(r"\s*[-–]+\s*", "--", numbers.group(name))
                entry.fields[name] = value
    links = []
    if re.match(r"https?://", item.permalink):
        entry.fields["url"] = item.permalink
        links.append("permalink (an external URL) -> url")
    if item.paper_url:
        field = "pdf" if item.paper_url.lower().split("?")[0].endswith(".pdf") else "html"
        entry.fields[field] = item.paper_url
        links.append(f"paper URL -> {field}")
    if item.slides_url:
        entry.fields["slides"] = item.slides_url
        links.append("slides URL -> slides")
    draft.entries[key] = entry
    draft.lines[key] = item.line
    draft.changed.add(key)
    kind = "a conference" if entry_type == "inproceedings" else "a journal"
    who = (
        f"{len(names)} author{'s' if len(names) != 1 else ''} read from the citation"
        if names
        else "NO AUTHORS: the citation has none before '(year)'; add them"
    )
    more = f"; {', '.join(links)}" if links else ""
    draft.note(
        "mapped",
        key,
        f"{where}: @{entry_type} (venue {item.venue[:40]!r} reads as {kind}); {who}{more}",
    )
    if item.bibtex_url:
        draft.note("dropped", key, "bibtexurl: the card writes its own BibTeX")


def read(source: Path) -> Draft:
    """A site folder (``_publications/*.md`` and ``markdown_generator/*.tsv``) or one file."""
    if source.is_dir():
        markdown = sorted((source / "_publications").glob("*.md"))
        tables = sorted((source / "markdown_generator").glob("*.tsv"))
        if not markdown and not tables:
            raise SourceError(
                f"{source} has no _publications/*.md and no markdown_generator/*.tsv: "
                "is it an academicpages site?"
            )
    elif source.suffix.lower() in {".md", ".markdown"}:
        markdown, tables = [source], []
    elif source.suffix.lower() in {".tsv", ".txt"}:
        markdown, tables = [], [source]
    else:
        raise SourceError(f"{source}: give an academicpages site, a .md or a .tsv file")
    draft = Draft(fmt="academicpages", source=source)
    used: set[str] = set()
    seen: dict[str, str] = {}  # normalised title -> key
    notes: list[str] = []
    items = [from_markdown(path, notes) for path in markdown]
    for path in tables:
        items.extend(from_tsv(path, notes))
    for note in notes:
        draft.note("fixed", "", note)
    for item in items:
        title = " ".join(re.sub(r"[^\w\s]", " ", item.title.lower()).split())
        if title and title in seen:
            draft.note(
                "merged",
                f"{Path(item.where).name}:{item.line}",
                f"the same title as {seen[title]!r}, read from another file: one entry",
            )
            continue
        before = set(draft.entries)
        add_item(draft, item, used)
        for key in set(draft.entries) - before:
            seen[title] = key
    if not draft.entries:
        raise SourceError(
            f"{source}: not one publication with a title in it: is it an academicpages site?"
        )
    if markdown:
        draft.note(
            "dropped",
            "",
            "the markdown pages' text (\"Recommended citation: ...\"): the paper's page "
            "and card show the entry instead",
        )
    return draft


STEPS = ()
