"""Typed records: what the rest of the extension knows about a paper.

Records are frozen and hold plain Python values only (no docutils, no HTML),
so they pickle cheaply into the environment and can be unit-tested alone.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

#: A styled run of text. ``style`` is a space-separated set of flags:
#: ``math``, ``sup``, ``sub``, ``em``, ``b``, ``tt``, ``sc`` (or "" for plain).
Part = tuple[str, str]

_SUPERSCRIPT = str.maketrans("0123456789+-=()nijkr*", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱʲᵏʳ*")
_SUBSCRIPT = str.maketrans("0123456789+-=()aeijoruvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑᵢⱼₒᵣᵤᵥₓ")


@dataclass(frozen=True)
class Rich:
    """Text decoded from LaTeX: Unicode runs plus the few styles HTML shows."""

    parts: tuple[Part, ...] = ()

    @classmethod
    def of(cls, text: str) -> Rich:
        return cls((("", text),) if text else ())

    @functools.cached_property
    def plain(self) -> str:
        """Plain Unicode, for meta tags, feeds, sorting and the filter box."""
        out = []
        for style, text in self.parts:
            flags = style.split()
            if "sup" in flags:
                mapped = text.translate(_SUPERSCRIPT)
                out.append(mapped if mapped != text or text == "*" else "^" + text)
            elif "sub" in flags:
                mapped = text.translate(_SUBSCRIPT)
                out.append(mapped if mapped != text else "_" + text)
            else:
                out.append(text)
        return "".join(out)

    def __bool__(self) -> bool:
        return any(text.strip() for _, text in self.parts)


@dataclass(frozen=True)
class Source:
    """Where a record or an item was written, for warnings."""

    file: str
    line: int | None = None


@dataclass(frozen=True)
class Author:
    """One name of an author list, its marks split off."""

    name: str  #: display form, "Given von Family, Jr"
    given: str
    family: str
    key: str  #: normalised for matching: accents, case, punctuation and DBLP suffix removed
    marks: tuple[str, ...] = ()  #: "*" equal contribution, "†" corresponding, ...
    others: bool = False  #: BibTeX's "and others", shown as "et al."


@dataclass(frozen=True)
class Link:
    """A link button. ``url`` is empty when the bib field was empty."""

    kind: str  #: the bib field it came from: pdf, code, arxiv, ...
    label: str
    url: str


@dataclass(frozen=True)
class Award:
    name: str
    detail: str = ""

    @property
    def kind(self) -> str:
        """'award' for prizes, 'highlight' for spotlight/oral-style marks."""
        low = self.name.lower()
        if any(word in low for word in ("award", "best", "prize", "honorable", "fellow")):
            return "award"
        return "highlight"


@dataclass(frozen=True)
class Publication:
    """One bib entry, decoded once per build."""

    key: str
    entry_type: str
    title: Rich
    authors: tuple[Author, ...]
    source: Source
    digest: str  #: changes whenever anything the entry says changes
    venue: Rich = field(default_factory=Rich)
    venue_abbr: str = ""
    year: int | None = None
    month: int | None = None
    volume: str = ""
    number: str = ""
    pages: str = ""
    publisher: str = ""
    address: str = ""
    doi: str = ""
    arxiv: str = ""
    links: tuple[Link, ...] = ()
    url: str = ""  #: the paper's own page elsewhere (html/url field), if any
    thumbnail: str = ""  #: path relative to the source dir, or an http(s) URL
    thumbnail_alt: str = ""
    abstract: Rich = field(default_factory=Rich)
    awards: tuple[Award, ...] = ()
    tags: tuple[str, ...] = ()
    selected: bool = False
    hidden: bool = False  #: al-folio's ``hidden``: left out of lists, still its own page
    note: Rich = field(default_factory=Rich)
    annotation: str = ""
    show_bibtex: bool = True
    bibtex: str = ""
    #: what the title protects with braces ("Korch" of "... with {Korch}"): names, acronyms
    protected: tuple[str, ...] = ()

    @functools.cached_property
    def short_title(self) -> str:
        """The system name before a colon ("SpecInfer"), else the whole title."""
        plain = self.title.plain
        head, sep, _ = plain.partition(":")
        return head.strip() if sep and 0 < len(head) <= 40 else plain

    @property
    def is_journal(self) -> bool:
        return self.entry_type in {"article", "periodical"}


@dataclass(frozen=True)
class NewsItem:
    """One dated news item of a ``news`` directive (what the news feed is made from)."""

    date: str  #: "2025", "2025-03" or "2025-03-14"
    text: str  #: plain text of the item
    docname: str  #: the page the item is on
    anchor: str  #: its HTML id on that page
    source: Source = field(default_factory=lambda: Source(""))
