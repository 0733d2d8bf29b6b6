"""``sphinx-scholar new DIR``: write a minimal homepage that builds with ``-W`` as it is.

``cli.py`` adds the subcommand with :func:`add_arguments` and calls :func:`run`.
Exit status: 0 written, 2 usage error (a refused answer, no folder named, or files that
are already there), 1 the folder cannot be written. With ``--force`` the files it
replaces are backed up first (:mod:`..safewrite`), and the output says where.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..safewrite import Backups
from ..terminal import printable
from .answers import (
    AnswerError,
    Answers,
    ask_missing,
    check_email,
    check_link,
    check_name,
    check_text,
    check_url,
)
from .files import existing, install_source, site_files, write

DESCRIPTION = (
    "Write a new homepage into DIR: conf.py, index.md, publications/index.md, refs.bib "
    "with two example entries, a placeholder photo, requirements.txt, .readthedocs.yaml, "
    "a GitHub Pages workflow, .gitignore and a README. In a terminal it asks for what the "
    "options do not give; --no-input asks nothing. Existing files are left alone unless "
    "--force is given."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``new`` (the parser is the subcommand's, made by the caller)."""
    parser.description = parser.description or DESCRIPTION
    parser.add_argument("directory", metavar="DIR", help="where to write the site")
    parser.add_argument("--name", help="your name, as your papers spell it (required)")
    parser.add_argument("--title", help="e.g. 'Assistant Professor'")
    parser.add_argument("--affiliation", help="e.g. 'Department of Physics, Example University'")
    parser.add_argument("--email", help="shown in the profile, hidden from address harvesters")
    parser.add_argument("--url", help="the site's address, for canonical links, sitemap and feeds")
    parser.add_argument(
        "--link",
        action="append",
        metavar="LABEL=URL",
        help="a profile link, e.g. 'Google Scholar=https://scholar.google.com/...' (repeatable)",
    )
    parser.add_argument("--no-input", action="store_true", help="ask nothing: use the options only")
    parser.add_argument(
        "--force",
        action="store_true",
        help="overwrite files that exist (backups are kept in DIR/.scholar-backup/)",
    )


def answers_from(args: argparse.Namespace) -> tuple[Answers, set[str]]:
    """The answers the options give, checked, and which ones they are."""
    answers = Answers()
    given: set[str] = set()
    if args.name is not None:
        answers.name = check_name(args.name)
        given.add("name")
    for key in ("title", "affiliation"):
        if getattr(args, key) is not None:
            setattr(answers, key, check_text(getattr(args, key), f"--{key}"))
            given.add(key)
    if args.email is not None:
        answers.email = check_email(args.email)
        given.add("email")
    if args.url is not None:
        answers.url = check_url(args.url, "--url")
        given.add("url")
    if args.link:
        answers.links = dict(check_link(value) for value in args.link)
        given.add("links")
    return answers, given


def interactive(args: argparse.Namespace) -> bool:
    """Ask questions only of a person at a terminal, and only when not told otherwise."""
    return not args.no_input and sys.stdin is not None and sys.stdin.isatty()


def run(args: argparse.Namespace) -> int:
    """Write the site; 0 on success, 2 when an answer is refused or files exist, 1 when
    the folder cannot be written."""
    if not args.directory.strip():  # Path("") is ".": the site would land where we are
        print(
            "sphinx-scholar new: error: DIR is empty; name the folder to write the site "
            "into ('.' for this one)",
            file=sys.stderr,
        )
        return 2
    target = Path(args.directory)
    try:
        answers, given = answers_from(args)
        if interactive(args):
            answers = ask_missing(answers, given, input, print)
        if not answers.name:
            raise AnswerError("a name is required (--name)")
    except AnswerError as error:
        print(f"sphinx-scholar new: error: {error}", file=sys.stderr)
        return 2
    except (EOFError, KeyboardInterrupt):
        print("\nsphinx-scholar new: stopped; nothing written", file=sys.stderr)
        return 2
    shown = printable(str(target))
    if target.exists() and not target.is_dir():
        print(f"sphinx-scholar new: error: {shown} is not a folder", file=sys.stderr)
        return 2
    site = site_files(answers)
    there = existing(target, list(site))
    if there and not args.force:
        print(
            f"sphinx-scholar new: error: {shown} already has these files; nothing written "
            "(--force overwrites them):",
            file=sys.stderr,
        )
        for name in there:
            print(f"  {name}", file=sys.stderr)
        return 2
    backups = Backups(target)
    try:
        write(target, site, backups)
    except OSError as error:
        reason = error.strerror or str(error)
        where = printable(str(error.filename or target))
        kept = f"; backups of replaced files are in {backups.folder}" if backups.kept else ""
        print(f"sphinx-scholar new: error: cannot write {where}: {reason}{kept}", file=sys.stderr)
        return 1
    print(f"Wrote a new site in {shown}:")
    for name in site:
        print(f"  {name}")
    if backups.kept:
        print(f"\nThe files it replaced are backed up in {printable(str(backups.folder))}")
    note = install_source().note
    if note:
        print(f"\nNote: {note}.")
    print(
        f"\nNext:\n  cd {shown}\n  python -m pip install -r requirements.txt\n"
        "  python -m sphinx -W --keep-going -b html . _build/html   # build\n"
        "  sphinx-autobuild . _build/html                            # preview"
    )
    return 0
