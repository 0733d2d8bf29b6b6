"""Build a site over each bib of the corpus and measure what came out.

The corpus is ../shared/bib-corpus beside the repository, or $SCHOLAR_CORPUS.
Used by tests/test_corpus.py, and runnable alone for the totals (files, entries,
cards, warnings by kind)::

    python tests/corpus_report.py            # real/ and edge/
    python tests/corpus_report.py real       # real/ only

Each unit is one file, or the concatenation SOURCES.md names (the IRIDIA parts,
biber's definitions + papers), given to the site as several ``bibtex_bibfiles``
in that order. Sites are lean on purpose (no theme, no paper pages, one page).
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path

import lxml.html
import pybtex.errors
from conftest import build_site
from pybtex.database.input.bibtex import Parser
from sphinx.util.console import strip_colors

#: As tests/conftest.py: SCHOLAR_CORPUS, else ../shared/bib-corpus beside the repository.
CORPUS = Path(
    os.environ.get("SCHOLAR_CORPUS")
    or Path(__file__).resolve().parent.parent.parent / "shared" / "bib-corpus"
)
REAL = CORPUS / "real"
EDGE = CORPUS / "edge"

#: Files that only parse together, in the order SOURCES.md gives.
GROUPS = (
    tuple(
        f"iridia-ulb__references__{part}.bib"
        for part in ("abbrev", "journals", "authors", "articles", "biblio", "crossref")
    ),
    ("plk__biber__definitions.bib", "plk__biber__papers.bib"),
)
#: A backslash command in text a visitor reads.
RAW_COMMAND = re.compile(r"\\[A-Za-z]+")
#: TeX math left between dollars ("$x^2$"); a lone "$2 million" is text.
DOLLAR_MATH = re.compile(r"\$[^\s$](?:[^$]*[^\s$])?\$")
_WARNING = re.compile(r"^(?P<location>.*?): WARNING: (?P<message>.*) \[scholar\.(?P<kind>\w+)\]$")
_CARD = "//li[contains(concat(' ', normalize-space(@class), ' '), ' scholar-card ')]"


def real_units() -> list[tuple[Path, ...]]:
    """Each real file alone, except the members of a group, which go together."""
    grouped = {name for group in GROUPS for name in group}
    units = [(path,) for path in sorted(REAL.glob("*.bib")) if path.name not in grouped]
    units += [tuple(REAL / name for name in group) for group in GROUPS]
    return units


def edge_units() -> list[tuple[Path, ...]]:
    return [(path,) for path in sorted(EDGE.glob("*.bib")) + sorted(EDGE.glob("inline/*.bib"))]


def read_text(path: Path) -> str:
    """The fallback a user's build applies: UTF-8 (BOM allowed), else Windows-1252, else Latin-1."""
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any byte")  # pragma: no cover


def pybtex_count(paths: tuple[Path, ...]) -> int:
    """How many entries pybtex itself keeps (non-strict, errors captured), files in order."""
    with pybtex.errors.capture():
        parser = Parser()
        for path in paths:
            parser.parse_string(read_text(path))
    return len(parser.data.entries)


@dataclass
class Result:
    """What one site build over one unit gave."""

    name: str
    files: int
    entries: int
    cards: int = 0
    seconds: float = 0.0
    warnings: Counter = field(default_factory=Counter)
    messages: list[tuple[str, str, str]] = field(default_factory=list)  # (location, kind, msg)
    raw_latex: list[tuple[str, str]] = field(default_factory=list)  # (card id, text)
    error: str = ""


CONF = """extensions = ["sphinx_scholar"]
bibtex_bibfiles = {files!r}
scholar_paper_pages = ""
html_theme = "basic"
"""
INDEX = """Corpus
======

.. publications::
   :filter: no
"""


def build(paths: tuple[Path, ...], workdir: Path) -> Result:
    """Build a one-page site over *paths*; collect cards, warnings and leaked LaTeX."""
    name = "+".join(path.stem for path in paths) if len(paths) > 1 else paths[0].name
    result = Result(name, len(paths), pybtex_count(paths))
    src = workdir / "src"
    if src.exists():
        shutil.rmtree(src)
    src.mkdir(parents=True)
    (src / "conf.py").write_text(CONF.format(files=[str(p) for p in paths]), encoding="utf-8")
    (src / "index.rst").write_text(INDEX, encoding="utf-8")
    start = time.perf_counter()
    warning = StringIO()  # ours, not the app's: a build that raised returns no app
    try:
        build_site(src, src / "_build", parallel=1, warning=warning)
    except Exception as error:  # a crash is what the corpus test looks for
        import traceback

        result.error = "".join(traceback.format_exception(error))
    finally:
        result.seconds = time.perf_counter() - start
    for line in strip_colors(warning.getvalue()).splitlines():
        match = _WARNING.match(line)
        if match:
            result.warnings[match["kind"]] += 1
            result.messages.append((match["location"], match["kind"], match["message"]))
    index = src / "_build" / "html" / "index.html"
    if index.is_file() and not result.error:
        inspect_cards(index, result)
    return result


def inspect_cards(index: Path, result: Result) -> None:
    """Count the cards and look for LaTeX a visitor would see (the BibTeX block aside)."""
    tree = lxml.html.parse(str(index))
    cards = tree.xpath(_CARD)
    result.cards = len(cards)
    for card in cards:
        for block in card.xpath(".//*[contains(@class, 'scholar-bibtex')]"):
            block.getparent().remove(block)
        text = " ".join(card.itertext())
        # <code> holds TeX shown on purpose ({\tt\bs strut} is the name of a command)
        code = " ".join(" ".join(c.itertext()) for c in card.iter("code"))
        shown = text
        for fragment in code.split(" "):
            if fragment.startswith("\\"):
                shown = shown.replace(fragment, "")
        if RAW_COMMAND.search(shown) or DOLLAR_MATH.search(shown):
            result.raw_latex.append((card.get("id", ""), text[:200]))


def run(units: list[tuple[Path, ...]]) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="scholar-corpus-") as tmp:
        return [build(unit, Path(tmp)) for unit in units]


def report(results: list[Result], out: object = sys.stdout) -> None:
    total = Counter()
    for r in results:
        total.update(r.warnings)
        status = "CRASH" if r.error else ("ok" if r.cards == r.entries else "MISMATCH")
        print(
            f"{r.name[:60]:60} {r.entries:6} entries {r.cards:6} cards "
            f"{sum(r.warnings.values()):6} warnings {r.seconds:6.1f}s {status}",
            file=out,  # type: ignore[arg-type]
        )
    print(
        f"\n{len(results)} sites, {sum(r.files for r in results)} files, "
        f"{sum(r.entries for r in results)} entries, {sum(r.cards for r in results)} cards, "
        f"{sum(total.values())} warnings, {sum(r.seconds for r in results):.1f}s",
        file=out,  # type: ignore[arg-type]
    )
    for kind, count in sorted(total.items(), key=lambda item: -item[1]):
        print(f"  {kind:16} {count}", file=out)  # type: ignore[arg-type]


def main(argv: list[str]) -> int:
    which = argv[1:] or ["real", "edge"]
    for part in which:
        units = real_units() if part == "real" else edge_units()
        print(f"== {part}/")
        report(run(units))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
