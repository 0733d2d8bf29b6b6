"""``sphinx-scholar import FORMAT SOURCE``: convert, write into the site, report.

Exit status: 0 imported; 2 refused, with nothing written: a usage error (a bib that
exists without ``--force`` or ``--append``) or a source that is missing,
unreadable, empty, binary, holds no entry or is another format than named; 1 when
writing into the site failed. Files are written atomically and every file
replaced is backed up first (:mod:`..safewrite`). The report goes to stdout,
grouped by what was done (mapped, fixed, renamed, merged, dropped) with counts,
then what the build would still warn about (the checks ``sphinx-scholar check``
runs); text from the source is printed with control characters escaped.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from ...core.bibparse import parse_files, read_text
from ...core.config import defaults
from ...core.diagnostics import Diagnostic
from ...core.files import SiteFiles
from ...core.people import PeopleRegistry, entries_from_config
from ...core.validate import FileCheck, check_name_variants, read_and_check
from ..safewrite import Backups
from ..sourcetext import SourceError
from ..terminal import printable, say
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
    mode.add_argument(
        "--force",
        action="store_true",
        help="replace the bib file if it exists (a backup is kept in SITE/.scholar-backup/)",
    )
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
    try:
        text = path.read_text(encoding="utf-8")
        values = read_literals(text)
    except (OSError, SyntaxError, ValueError) as error:
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
        raise UsageError(f"{error}; nothing imported") from error
    read = len(draft.entries)
    suppress = clean(draft, ctx, steps)
    if not draft.entries:  # written, the site's bib would be replaced by an empty one
        dropped = [item for item in draft.report if item.action == "dropped"]
        why = f" ({dropped[0].format()})" if dropped else ""
        raise UsageError(
            f"none of the {read} entries read from {source} can go into a bib{why}; "
            "nothing imported"
        )
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


@dataclass
class Written:
    """What :func:`write_into` did: report lines, and the bib's entries after it."""

    notes: list[str] = field(default_factory=list)
    added: int = 0  #: entries of the import now in the bib
    already: int = 0  #: --append: entries of the import whose keys the bib had
    total: int = 0  #: entries the bib holds now


def write_into(
    result: ImportResult, site: Path, bib: str, mode: str, owner: str | None, backups: Backups
) -> Written:
    """Write the bib, the set-aside file, the files and conf.py, each atomically and
    backed up in *backups* when it is replaced; what was written, for the report."""
    written = Written()
    notes = written.notes
    target = site / bib
    site.mkdir(parents=True, exist_ok=True)
    if mode == "append" and target.exists():
        existing, _ = parse_text(target)
        known = {k.lower() for k in parse_files([target]).data.entries}
        new = {k: e for k, e in result.entries.items() if k.lower() not in known}
        for key in result.keys:
            if key.lower() in known:
                result.report.append(
                    ReportItem("merged", key, f"--append: {bib} has this key; its entry is kept")
                )
        written.added, written.already = len(new), len(result.keys) - len(new)
        result.keys = list(new)
        added = write_entries(new, result.marks)
        backups.replace(target, existing.rstrip("\n") + ("\n\n" + added if new else "\n"))
    else:
        backups.replace(target, result.bib_text)
        written.added = len(result.keys)
    written.total = len(parse_files([target]).data.entries)
    aside = target.with_name(f"{target.stem}-set-aside.bib")
    if result.set_aside_text:
        backups.replace(aside, result.set_aside_text)
        notes.append(f"set-aside entries written to {aside} (they are not in the site)")
    copied = 0
    for source, dest in result.files:
        path = site / dest
        if path.exists() and mode != "force":
            notes.append(f"kept the site's own {dest}")
            continue
        backups.replace(path, source.read_bytes())
        copied += 1
    if copied:
        notes.append(f"copied {copied} files into {site}")
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
    else:
        text = conf_path.read_text(encoding="utf-8")
        by_hand = []
        for name, value in values.items():
            try:
                text = set_value(text, name, value, combine=name != "scholar_owner")
            except NotLiteral:
                by_hand.append(f"{name} = {literal(value)}")
        backups.replace(conf_path, text)
        notes.append(f"updated {conf_path}: {', '.join(n for n in values)}")
        if by_hand:
            notes.append("conf.py computes these values; merge by hand:\n" + "\n".join(by_hand))
    if backups.kept:
        notes.append(
            f"backups of the {len(backups.kept)} files replaced are in {backups.folder}: "
            + ", ".join(str(p.relative_to(backups.folder)) for p in backups.kept)  # type: ignore[arg-type]
        )
    return written


def parse_text(path: Path) -> tuple[str, str | None]:
    """The site's bib as text, in the encoding the build reads it in (see core/bibparse)."""
    text, problem = read_text(path)
    return text, problem.message if problem else None


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
    """The report's groups; every line from the source printed with controls escaped."""
    for action in ACTIONS:
        items = result.items(action)
        if not items:
            continue
        print(f"\n{action} ({len(items)}):", file=out)
        for item in items:
            print(f"  - {printable(item.format())}", file=out)
    print("", file=out)
    for note in notes:
        say(note, out)


def headline(fmt: str, target: Path, mode: str, written: Written) -> str:
    """The report's first line: what the bib holds now and what the import added."""
    if mode == "append":
        return (
            f"sphinx-scholar import {fmt}: kept {written.total} entries in {target} "
            f"(added {written.added}; {written.already} it had already, kept as they were)"
        )
    return f"sphinx-scholar import {fmt}: kept {written.total} entries in {target}"


def refuse(message: str, status: int = 2) -> int:
    print(f"sphinx-scholar import: error: {printable(message)}", file=sys.stderr)
    return status


def run(args: argparse.Namespace) -> int:
    """Import, write, report; 0 on success, 2 refused (nothing written), 1 write failed."""
    out = sys.stdout
    site = Path(args.into)
    try:
        if site.exists() and not site.is_dir():
            raise UsageError(f"--into {site}: not a folder")
        target = site / args.bib
        mode = "force" if args.force else "append" if args.append else "new"
        if target.exists() and mode == "new":
            raise UsageError(
                f"{target} exists; pass --force to replace it (a backup is kept) or --append "
                "to add the entries whose keys it lacks"
            )
        conf, _ = conf_values(site)
        ctx = context_for(site, conf, args.owner)
        result = convert(args.format, Path(args.source), ctx)
    except UsageError as error:
        return refuse(str(error))
    backups = Backups(site)
    try:
        written = write_into(result, site, args.bib, mode, args.owner, backups)
    except OSError as error:
        kept = f"; backups of what was replaced are in {backups.folder}" if backups.kept else ""
        return refuse(f"cannot write into {site}: {error}{kept}", 1)
    say(headline(args.format, target, mode, written), out)
    print_report(result, written.notes, out)
    problems = remaining_problems(site, args.bib)
    if problems:
        print(f"\nthe build will still warn about {len(problems)} things:", file=out)
        for problem in problems:
            print(f"  {printable(problem.format())}", file=out)
    else:
        print("\ncheck: the imported bib has no problems", file=out)
    return 0
