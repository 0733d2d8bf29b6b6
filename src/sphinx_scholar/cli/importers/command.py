"""``sphinx-scholar import FORMAT SOURCE``: convert, write into the site, report.

Exit status: 0 imported, 2 usage error (unknown source, a bib that exists
without ``--force`` or ``--append``). The report goes to stdout, grouped by what
was done (mapped, fixed, renamed, merged, dropped) with counts, then what the
build would still warn about (the same checks ``sphinx-scholar check`` runs).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from ...core.bibparse import parse_files
from ...core.config import defaults
from ...core.diagnostics import Diagnostic
from ...core.files import SiteFiles
from ...core.people import PeopleRegistry, entries_from_config
from ...core.validate import FileCheck, check_name_variants, read_and_check
from . import (
    ACTIONS,
    FORMATS,
    Draft,
    ImportResult,
    ReportItem,
    academicpages,
    alfolio,
    dblp,
    gscholar,
)
from .alfolio import SourceError
from .bibwrite import entry_spans, entry_text, splice, write_entries
from .clean import SiteContext, clean
from .confedit import NotLiteral, literal, read_literals, set_value

#: format -> (reader, its own clean-up steps, what to call it in the report)
READERS: dict[str, tuple[Callable[[Path], Draft], Sequence[Callable[[Draft], None]], str]] = {
    "alfolio": (alfolio.read, alfolio.STEPS, "al-folio"),
    "academicpages": (academicpages.read, academicpages.STEPS, "academicpages"),
    "dblp": (dblp.read, dblp.STEPS, "DBLP"),
    "scholar": (gscholar.read, gscholar.STEPS, "Google Scholar"),
}
#: conf.py values the import reads; defaults from the one config table (core/config.py).
CONF_READS = (
    "bibtex_bibfiles",
    "scholar_owner",
    "scholar_people",
    "scholar_venues",
    "scholar_preview_dir",
    "scholar_files_dir",
    "scholar_paper_pages",
    "html_static_path",
    "html_extra_path",
    "suppress_warnings",
)


class UsageError(Exception):
    """A command line the import cannot work with (exit status 2)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``import`` subcommand's arguments (cli.py calls this)."""
    parser.description = (
        "Convert publications from an al-folio or academicpages site, a DBLP export or a "
        "Google Scholar export into the site's bib file and conf.py, with a report of what "
        "was mapped, fixed, renamed, merged and dropped, and why."
    )
    parser.add_argument("format", choices=FORMATS, metavar="FORMAT", help=" | ".join(FORMATS))
    parser.add_argument(
        "source",
        metavar="SOURCE",
        help="alfolio: the site folder or papers.bib; academicpages: the site folder, a .md "
        "or a .tsv; dblp, scholar: the .bib export",
    )
    parser.add_argument(
        "--into", metavar="SITE", default=".", help="the Sphinx site to write into (default: .)"
    )
    parser.add_argument(
        "--bib", metavar="FILE", default="refs.bib", help="bib file in SITE (default: refs.bib)"
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--force", action="store_true", help="overwrite the bib file if it exists")
    mode.add_argument(
        "--append", action="store_true", help="add the entries whose keys the bib lacks"
    )
    parser.add_argument(
        "--owner", metavar="NAME", help="your name as papers write it (sets scholar_owner)"
    )


def conf_values(site: Path) -> tuple[dict[str, Any], str | None]:
    """The literal values of SITE/conf.py over the defaults, and its text (None if absent)."""
    path = site / "conf.py"
    if not path.is_file():
        return defaults(CONF_READS), None
    text = path.read_text(encoding="utf-8")
    try:
        values = read_literals(text)
    except SyntaxError as error:
        raise UsageError(f"cannot read {path}: {error}") from error
    return {**defaults(CONF_READS), **{k: v for k, v in values.items() if k in CONF_READS}}, text


def context_for(site: Path, conf: dict[str, Any], owner: str | None) -> SiteContext:
    return SiteContext(
        site=SiteFiles(
            srcdir=site,
            static_dirs=tuple(site / p for p in conf["html_static_path"]),
            extra_dirs=tuple(site / p for p in conf["html_extra_path"]),
        ),
        preview_dir=str(conf["scholar_preview_dir"]).strip("/"),
        files_dir=str(conf["scholar_files_dir"]).strip("/"),
        owner=owner if owner is not None else conf["scholar_owner"],
        people=conf["scholar_people"] if isinstance(conf["scholar_people"], dict) else {},
        paper_pages=bool(conf["scholar_paper_pages"]),
    )


def convert(fmt: str, source: Path, ctx: SiteContext) -> ImportResult:
    """Read *source* as *fmt*, clean it up for the site, and render the bib text."""
    if fmt not in READERS:
        raise UsageError(f"unknown format {fmt!r}; one of: {', '.join(FORMATS)}")
    if not source.exists():
        raise UsageError(f"no such file or folder: {source}")
    reader, steps, label = READERS[fmt]
    try:
        draft = reader(source)
    except SourceError as error:
        raise UsageError(str(error)) from error
    read = len(draft.entries)
    suppress = clean(draft, ctx, steps)
    header = f"Imported from {label} ({source.name}) by sphinx-scholar import {fmt}."
    if draft.original:  # hand-written (al-folio): untouched entries stay as they were
        spans = entry_spans(draft.original, draft.lines.items())
        replacements: dict[str, str | None] = {}
        for key in spans:
            if key not in draft.entries:
                replacements[key] = None
            elif key in draft.changed:
                replacements[key] = entry_text(key, draft.entries[key], draft.marks.get(key))
        extra = [
            entry_text(key, entry, draft.marks.get(key))
            for key, entry in draft.entries.items()
            if key not in spans
        ]
        text = splice(draft.original, spans, replacements, extra)
    else:
        text = write_entries(draft.entries, draft.marks, header)
    aside = ""
    if draft.set_aside:
        aside = write_entries(
            draft.set_aside,
            draft.marks,
            f"Entries sphinx-scholar import {fmt} left out of the bib (the report says why).\n"
            "Fix them and move them into the bib file.",
        )
    draft.report.insert(0, ReportItem("mapped", "", f"{read} entries read from {source} ({label})"))
    return ImportResult(
        fmt=fmt,
        source=source,
        bib_text=text,
        keys=list(draft.entries),
        people=draft.people,
        venues=draft.venues,
        owner_aliases=draft.owner_aliases,
        files=draft.files,
        report=draft.report,
        suppress=suppress,
        set_aside_text=aside,
        entries=draft.entries,
        marks=draft.marks,
    )


def _owner_value(existing: Any, owner: str | None, aliases: list[str]) -> Any:
    """scholar_owner with the aliases the import found (its shapes: str, list, dict)."""
    base = owner or existing
    if not aliases:
        return base
    if isinstance(base, dict):
        return {**base, "aliases": [*base.get("aliases", []), *aliases]}
    names = [base] if isinstance(base, str) else list(base)
    return [*names, *(a for a in aliases if a not in names)]


def write_into(
    result: ImportResult, site: Path, bib: str, mode: str, owner: str | None, out: TextIO
) -> list[str]:
    """Write the bib, the set-aside file, the files and conf.py; return lines for the report."""
    notes: list[str] = []
    target = site / bib
    site.mkdir(parents=True, exist_ok=True)
    if mode == "append" and target.exists():
        existing = target.read_text(encoding="utf-8")
        known = {k.lower() for k in parse_files([target]).data.entries}
        new = {k: e for k, e in result.entries.items() if k.lower() not in known}
        for key in result.keys:
            if key.lower() in known:
                result.report.append(
                    ReportItem("dropped", key, f"--append: {bib} has this key already")
                )
        result.keys = list(new)
        added = write_entries(new, result.marks)
        target.write_text(existing.rstrip("\n") + ("\n\n" + added if new else "\n"), "utf-8")
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(result.bib_text, encoding="utf-8")
    aside = target.with_name(f"{target.stem}-set-aside.bib")
    if result.set_aside_text:
        aside.write_text(result.set_aside_text, encoding="utf-8")
        notes.append(f"set-aside entries written to {aside} (they are not in the site)")
    for source, dest in result.files:
        path = site / dest
        if path.exists() and mode != "force":
            notes.append(f"kept the site's own {dest}")
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, path)
    if result.files:
        notes.append(f"copied {len(result.files)} files into {site}")
    conf_path = site / "conf.py"
    values: dict[str, Any] = {"bibtex_bibfiles": [Path(bib).as_posix()]}
    conf, _ = conf_values(site)
    served = context_for(site, conf, None).site
    static = sorted(
        {dest.split("/")[0] for _, dest in result.files if served.served_as(site / dest) is None}
    )
    if static:  # a copied preview must be served, or the build warns missing_file
        values["html_static_path"] = static
    if result.people:
        values["scholar_people"] = result.people
    if result.venues:
        values["scholar_venues"] = result.venues
    if result.suppress:
        values["suppress_warnings"] = result.suppress
    if owner is not None or result.owner_aliases:
        values["scholar_owner"] = _owner_value(conf["scholar_owner"], owner, result.owner_aliases)
    if not conf_path.is_file():
        snippet = "\n".join(f"{name} = {literal(value)}" for name, value in values.items())
        notes.append(f"no conf.py in {site}; add this to it:\n{snippet}")
        return notes
    text = conf_path.read_text(encoding="utf-8")
    by_hand = []
    for name, value in values.items():
        try:
            text = set_value(text, name, value, combine=name != "scholar_owner")
        except NotLiteral:
            by_hand.append(f"{name} = {literal(value)}")
    conf_path.write_text(text, encoding="utf-8")
    notes.append(f"updated {conf_path}: {', '.join(n for n in values)}")
    if by_hand:
        notes.append("conf.py computes these values; merge by hand:\n" + "\n".join(by_hand))
    return notes


def remaining_problems(site: Path, bib: str) -> list[Diagnostic]:
    """What the build will still warn about the bib (``sphinx-scholar check``'s checks)."""
    conf, _ = conf_values(site)
    ctx = context_for(site, conf, None)
    checked = read_and_check(
        [site / bib], "utf-8-sig", FileCheck(ctx.site, ctx.preview_dir, ctx.files_dir)
    )
    entries, _ = entries_from_config(conf["scholar_owner"], conf["scholar_people"])
    registry = PeopleRegistry.build(entries)
    hints = check_name_variants(checked.records.values(), registry.same_person)
    return [*checked.diagnostics, *hints]


def print_report(result: ImportResult, notes: list[str], out: TextIO) -> None:
    for action in ACTIONS:
        items = result.items(action)
        if not items:
            continue
        print(f"\n{action} ({len(items)}):", file=out)
        for item in items:
            print(f"  - {item.format()}", file=out)
    print("", file=out)
    for note in notes:
        print(note, file=out)


def run(args: argparse.Namespace) -> int:
    """Import, write, report; 0 on success, 2 on a usage error."""
    out = sys.stdout
    site = Path(args.into)
    try:
        if site.exists() and not site.is_dir():
            raise UsageError(f"--into {site}: not a folder")
        target = site / args.bib
        mode = "force" if args.force else "append" if args.append else "new"
        if target.exists() and mode == "new":
            raise UsageError(
                f"{target} exists; pass --force to overwrite it or --append to add the "
                "entries whose keys it lacks"
            )
        conf, _ = conf_values(site)
        ctx = context_for(site, conf, args.owner)
        result = convert(args.format, Path(args.source), ctx)
    except UsageError as error:
        print(f"sphinx-scholar import: error: {error}", file=sys.stderr)
        return 2
    notes = write_into(result, site, args.bib, mode, args.owner, out)
    print(
        f"sphinx-scholar import {args.format}: kept {result.kept} entries in {target}",
        file=out,
    )
    print_report(result, notes, out)
    problems = remaining_problems(site, args.bib)
    if problems:
        print(f"\nthe build will still warn about {len(problems)} things:", file=out)
        for problem in problems:
            print(f"  {problem.format()}", file=out)
    else:
        print("\ncheck: the imported bib has no problems", file=out)
    return 0
