"""The ``sphinx-scholar`` command: ``check`` (here), ``new`` (scaffold/) and ``import``
(importers/).

``check`` runs the build's bib checks without a build (for editors and pre-commit).

It runs :func:`sphinx_scholar.validate.read_and_check`, the function the Sphinx
build calls, plus the name-spelling hints, and prints each problem the way
compilers do (``file:line: kind: message [key]``) so editors can jump to it.
Exit status: 0 clean, 1 problems found, 2 usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from .. import __version__
from ..core.config import defaults
from ..core.diagnostics import KINDS, Diagnostic
from ..core.files import SiteFiles
from ..core.people import PeopleRegistry, entries_from_config
from ..core.validate import FileCheck, check_name_variants, read_and_check
from .importers.confedit import read_literals
from .terminal import printable

#: conf.py values the check reads; defaults from the one config table (core/config.py).
CONF_READS = (
    "bibtex_bibfiles",
    "bibtex_encoding",
    "scholar_owner",
    "scholar_people",
    "scholar_preview_dir",
    "scholar_files_dir",
    "html_static_path",
    "html_extra_path",
)


class UsageError(Exception):
    """A command line or conf.py the check cannot work with (exit status 2)."""


@dataclass
class Settings:
    """What the check needs to know about the site, from the command line and conf.py."""

    bibfiles: list[Path]
    srcdir: Path
    encoding: str = "utf-8-sig"
    owner: Any = ""
    people: dict[str, Any] = field(default_factory=dict)
    preview_dir: str = "_static/previews"
    files_dir: str = "_static/papers"
    static_path: list[str] = field(default_factory=lambda: ["_static"])
    extra_path: list[str] = field(default_factory=list)


def read_conf(path: Path) -> dict[str, Any]:
    """The literal values conf.py assigns at top level, read without running it.

    conf.py is Python and may import anything; running it to find one list would
    run a project's code from a pre-commit hook. :func:`ast.literal_eval` reads
    assignments of literals (strings, lists, dicts, ...); other values (computed
    ones, ``os.environ[...]``) are skipped and their defaults used.
    """
    try:
        values = read_literals(path.read_text(encoding="utf-8"), filename=str(path))
    except (OSError, SyntaxError, ValueError) as error:
        raise UsageError(f"cannot read {path}: {error}") from error
    return {name: value for name, value in values.items() if name in CONF_READS}


def settings_from(args: argparse.Namespace, cwd: Path) -> Settings:
    """Bib files from the arguments, else from the site's conf.py; the folders to check files in.

    The site is ``--srcdir`` when given (as for sphinx-build, the folder of conf.py), else
    the current folder."""
    site = cwd / args.srcdir if args.srcdir else cwd
    if args.srcdir and not site.is_dir():
        raise UsageError(f"--srcdir {args.srcdir}: not a folder")
    conf_path = site / "conf.py"
    conf = read_conf(conf_path) if conf_path.is_file() else {}
    values = {**defaults(CONF_READS), **conf}
    if not conf_path.is_file():
        # no conf.py to read: assume the usual layout rather than Sphinx's empty default
        values["html_static_path"] = ["_static"]
    if args.bibfiles:
        bibfiles = [Path(name) for name in args.bibfiles]
        # a site's files are relative to its conf.py; a lone bib's, to its folder
        default_src = Path(".") if conf_path.is_file() else bibfiles[0].parent
    elif conf_path.is_file():
        names = values["bibtex_bibfiles"]
        if not isinstance(names, list | tuple) or not all(isinstance(n, str) for n in names):
            raise UsageError("conf.py: bibtex_bibfiles must be a list of file names")
        if not names:
            raise UsageError(
                "conf.py names no bib file (bibtex_bibfiles); pass one: check refs.bib"
            )
        bibfiles = [_relative(site / name, cwd) for name in names]
        default_src = Path(".")
    else:
        raise UsageError(
            "no bib file given and no conf.py here; run: sphinx-scholar check refs.bib"
        )
    srcdir = Path(args.srcdir) if args.srcdir else default_src
    owner = args.owner if args.owner is not None else values["scholar_owner"]
    return Settings(
        bibfiles=bibfiles,
        srcdir=srcdir,
        encoding=str(values["bibtex_encoding"] or "utf-8-sig"),
        owner=owner,
        people=values["scholar_people"] if args.owner is None else {},
        preview_dir=str(values["scholar_preview_dir"]).strip("/"),
        files_dir=str(values["scholar_files_dir"]).strip("/"),
        static_path=_names(values, "html_static_path"),
        extra_path=_names(values, "html_extra_path"),
    )


def _names(values: dict[str, Any], name: str) -> list[str]:
    value = values[name]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise UsageError(f"conf.py: {name} must be a list of folder names")
    return list(value)


def _relative(path: Path, base: Path) -> Path:
    """A path as short as the user would write it (editors resolve it against the cwd)."""
    try:
        return path.relative_to(base)
    except ValueError:
        return path


def run_check(settings: Settings) -> list[Diagnostic]:
    """Every problem the build would report about the bib files, in file order, then hints."""
    try:
        "".encode(settings.encoding)
    except LookupError as error:
        raise UsageError(f"unknown encoding {settings.encoding!r}") from error
    entries, errors = entries_from_config(settings.owner, settings.people)
    if errors:
        raise UsageError("; ".join(errors))
    site = SiteFiles(
        srcdir=settings.srcdir,
        static_dirs=tuple(settings.srcdir / p for p in settings.static_path),
        extra_dirs=tuple(settings.srcdir / p for p in settings.extra_path),
    )
    files = FileCheck(site, settings.preview_dir, settings.files_dir)
    checked = read_and_check(settings.bibfiles, settings.encoding, files)
    registry = PeopleRegistry.build(entries)
    hints = check_name_variants(checked.records.values(), registry.same_person)
    return [*checked.diagnostics, *hints]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sphinx-scholar",
        description="Tools for sphinx-scholar sites.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {installed_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser(
        "check",
        help="check bib files the way the build does, without building",
        description=(
            "Check bib files the way the Sphinx build does, without building: syntax, "
            "encoding, duplicates, missing and unknown fields, unsafe URLs, missing "
            "files, LaTeX and name spellings. Prints 'file:line: kind: message [key]' "
            "for each problem; exits 1 if there is any, 0 if none, 2 on a usage error."
        ),
        epilog="Kinds: " + ", ".join(KINDS),
    )
    check.add_argument(
        "bibfiles",
        nargs="*",
        metavar="BIB",
        help="bib files, read in order like bibtex_bibfiles (default: those of ./conf.py)",
    )
    check.add_argument(
        "--srcdir",
        metavar="DIR",
        help="the site's source folder: its conf.py is read and previews and PDFs are "
        "looked up there (default: . if it has a conf.py, else the first bib file's folder)",
    )
    check.add_argument(
        "--owner",
        metavar="NAME",
        help="the site owner's name (default: scholar_owner of ./conf.py)",
    )
    from .importers import command as import_command
    from .scaffold import command as new_command

    new_command.add_arguments(
        commands.add_parser(
            "new",
            help="write a new homepage site into a folder",
            description="Write a minimal working homepage: conf.py, index.md, publications/, "
            "refs.bib, .readthedocs.yaml, a GitHub Pages workflow and requirements.txt.",
        )
    )
    import_command.add_arguments(
        commands.add_parser(
            "import",
            help="bring papers from al-folio, academicpages, DBLP or Google Scholar",
            description="Convert papers from another template or service into the site's "
            "bib file (and co-author links and venues into conf.py), with a report of what "
            "was mapped, what was dropped and why.",
        )
    )
    from . import cv as cv_command

    cv_command.add_arguments(
        commands.add_parser(
            "cv",
            help="write the site's CV as a PDF",
            description="Read the site as a build does and write its CV (the cv page's "
            "sections, from conf.py, refs.bib and the pages' lists) typeset as a PDF.",
        )
    )
    return parser


def installed_version() -> str:
    """The version pip installed (what a bug report needs), else this source's own."""
    try:
        return metadata.version("sphinx-scholar")
    except metadata.PackageNotFoundError:  # run from a source tree that pip never installed
        return __version__


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 clean, 1 problems, 2 usage)."""
    try:
        return _main(argv)
    except BrokenPipeError:
        # the reader left (``| head``): stop quietly, as Unix tools do, without a traceback
        # when Python flushes stdout at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _main(argv: Sequence[str] | None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits on --help (0) and on errors (2)
        return int(exit_.code or 0)
    if args.command == "new":
        from .scaffold import command as new_command

        return new_command.run(args)
    if args.command == "import":
        from .importers import command as import_command

        return import_command.run(args)
    if args.command == "cv":
        from . import cv as cv_command

        return cv_command.run(args)
    if args.command != "check":
        parser.print_usage(sys.stderr)
        print("sphinx-scholar: error: name a command (check, new, import, cv)", file=sys.stderr)
        return 2
    try:
        settings = settings_from(args, Path.cwd())
        missing = [str(p) for p in settings.bibfiles if not p.is_file()]
        if missing:
            raise UsageError(f"no such bib file: {', '.join(missing)}")
        problems = run_check(settings)
    except UsageError as error:
        print(f"sphinx-scholar check: error: {printable(str(error))}", file=sys.stderr)
        return 2
    for problem in problems:  # messages quote the bib: its control characters are escaped
        print(printable(problem.format()))
    names = printable(", ".join(str(p) for p in settings.bibfiles))
    if not problems:
        print(f"sphinx-scholar check: {names}: no problems", file=sys.stderr)
        return 0
    counts = Counter(problem.kind for problem in problems)
    detail = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()))
    total = len(problems)
    print(
        f"sphinx-scholar check: {names}: {total} problem{'s' if total != 1 else ''} ({detail})",
        file=sys.stderr,
    )
    return 1
