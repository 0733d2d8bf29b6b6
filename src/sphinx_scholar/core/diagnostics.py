"""Problems found in the input, in one shape for Sphinx warnings and the ``check`` CLI.

Each kind is also a Sphinx warning subtype: ``suppress_warnings = ["scholar.<kind>"]``.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Every kind of problem, and what it means. The README's table is made from this.
KINDS: dict[str, str] = {
    "syntax": "a bib syntax error; the damaged entry is reported, the others are kept",
    "encoding": "a bib file that is not valid UTF-8, and the encoding assumed",
    "bad_char": "characters no page can carry (control characters, NUL), removed from the input",
    "macro": "an @string macro used but never defined, or one that expands past the bound",
    "crossref": "a crossref naming no entry, looping back, or chained too deep",
    "bad_date": "a month that is no month (Smarch); the date shows the year only",
    "duplicate_key": "two entries with one key; the first is kept",
    "duplicate_paper": "one paper entered twice (same normalised title and year)",
    "missing_field": "a missing title, author, year or venue",
    "unknown_field": "a custom field nobody reads, with a 'did you mean'",
    "empty_link": "a link field with no URL; its label is shown without a link",
    "bad_link": "text in a links field that is no Markdown link, or a reference never defined",
    "unsafe_url": "a URL that is not http(s), mailto or relative; the link is dropped",
    "missing_file": "a thumbnail, PDF or logo that points to a file the site does not have",
    "name_variant": "one co-author spelt two ways across entries",
    "bad_name": "a name pybtex cannot split (too many commas), an empty name, a doubled 'and'",
    "latex": "LaTeX that could not be turned into text; a readable fallback is shown",
    "unknown_key": "a publication or paper role naming a key no bib file has",
    "empty_filter": "a directive option or filter that matches nothing",
    "invalid_item": "a malformed item of a component (bad date, missing name, ...)",
    "indexing": "what Google Scholar will miss on a paper page (no abstract, venue or date)",
    "config": "a conf.py value of the wrong shape",
    "cv_pdf": "the CV PDF could not be made (no typst package); the site builds without it",
    "owner_unmatched": "scholar_owner names nobody among the authors of the bib files",
}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    kind: str
    message: str
    file: str = ""
    line: int | None = None
    key: str = ""  #: the entry key or item the problem is about

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown diagnostic kind {self.kind!r}")

    @property
    def location(self) -> str:
        """'file:line' as compilers print it (what Sphinx shows before a warning)."""
        if not self.file:
            return ""
        return f"{self.file}:{self.line}" if self.line else self.file

    @property
    def text(self) -> str:
        """The message, naming the entry."""
        return f"{self.message} [{self.key}]" if self.key else self.message

    def format(self) -> str:
        """The compiler format the CLI prints: 'file:line: kind: message [key]'."""
        prefix = f"{self.location}: " if self.location else ""
        return f"{prefix}{self.kind}: {self.text}"
