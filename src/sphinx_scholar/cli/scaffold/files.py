"""The files of a new site: the templates of ``template/`` filled in with the answers.

Templates ship inside the package (``importlib.resources``). Dotfiles are stored under
``dot-`` names because setuptools' package-data globs skip names that start with a dot;
they get their real names here. Only ``*.in`` templates are filled in, with
:class:`string.Template`; the others (the GitHub workflow's ``${{ }}``) are copied as they
are. Each value is written in the syntax of the file it goes into: Python literals
(``repr``) in conf.py, backslash escapes in Markdown, LaTeX escapes in BibTeX.
"""

from __future__ import annotations

import datetime
import importlib.metadata
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING

from ...core.config import SETTINGS
from ..safewrite import Backups
from .answers import Answers

if TYPE_CHECKING:  # importlib.resources.abc is Python 3.11+; annotations only
    from importlib.resources.abc import Traversable

DIST = "sphinx-scholar"
#: The site extras the new site's requirements.txt names, with the bounds pyproject gives.
SITE_EXTRAS = ("myst-parser", "pydata-sphinx-theme", "sphinx-autobuild")
#: What pip records (PEP 610): a URL with a scheme, a commit hash, a relative folder; a
#: record that holds anything else gives the version pin instead of a line pip cannot read.
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s#]+")
_COMMIT = re.compile(r"[0-9A-Za-z]{4,64}")
_SUBDIRECTORY = re.compile(r"[\w.-]+(/[\w.-]+)*")
_DOT = "dot-"
_FILLED = ".in"
_MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_LATEX_SPECIALS = re.compile(r"([%&#_])")
_BIB_AND = re.compile(r"\band\b", re.IGNORECASE)


def installed_version() -> str:
    """The version of sphinx-scholar that runs this command: the one the site is tested with."""
    return importlib.metadata.version(DIST)


@dataclass(frozen=True)
class Pin:
    """How the new site's requirements.txt names sphinx-scholar, and what to tell the user."""

    requirement: str
    #: empty for an index version; else where the pin points and who can install it
    note: str = ""


def pin_from(direct_url: str | None, version: str) -> Pin:
    """The source pip installed sphinx-scholar from (its PEP 610 ``direct_url.json``).

    pip writes the file only for a direct install (a folder, an archive, a VCS URL); an
    install from the index has none, and the version is then the pin.
    """
    try:
        info = json.loads(direct_url) if direct_url else None
    except ValueError:  # a damaged record says nothing of the source: the version still does
        info = None
    url = info.get("url") if isinstance(info, dict) else None
    if not isinstance(info, dict) or not isinstance(url, str) or not _URL.fullmatch(url):
        return Pin(f"{DIST}=={version}")
    subdirectory = info.get("subdirectory")
    fragment = ""
    if isinstance(subdirectory, str) and _SUBDIRECTORY.fullmatch(subdirectory):
        fragment = f"#subdirectory={subdirectory}"
    vcs = info.get("vcs_info")
    if (
        isinstance(vcs, dict)
        and isinstance(vcs.get("commit_id"), str)
        and _COMMIT.fullmatch(vcs["commit_id"])
        and vcs.get("vcs", "git") in {"git", "hg", "svn", "bzr"}
    ):
        return Pin(
            f"{DIST} @ {vcs.get('vcs', 'git')}+{url}@{vcs['commit_id']}{fragment}",
            f"requirements.txt pins sphinx-scholar to the commit it was installed from "
            f"({vcs['commit_id'][:12]}): Read the Docs and GitHub Pages install it from there",
        )
    if url.startswith("file:"):
        return Pin(
            f"{DIST} @ {url}{fragment}",
            f"requirements.txt pins sphinx-scholar to {url}, the "
            f"{'folder' if 'dir_info' in info else 'file'} it was installed from: that works "
            f"only on this machine; for Read the Docs and GitHub Pages, replace the line with "
            f"'{DIST}=={version}' once it is on PyPI, or with a git+https URL of the repository",
        )
    return Pin(
        f"{DIST} @ {url}{fragment}",
        f"requirements.txt pins sphinx-scholar to {url}, the archive it was installed from",
    )


def install_source() -> Pin:
    """The pin for the sphinx-scholar that runs this command."""
    dist = importlib.metadata.distribution(DIST)
    return pin_from(dist.read_text("direct_url.json"), dist.version)


def requirements() -> list[str]:
    """sphinx-scholar pinned to its source, and the site extras with pyproject's bounds."""
    found: dict[str, str] = {}
    for requirement in importlib.metadata.requires(DIST) or []:
        spec, _, marker = requirement.partition(";")
        if "extra" not in marker or '"site"' not in marker.replace("'", '"'):
            continue
        name = re.split(r"[<>=!~ \[]", spec.strip(), maxsplit=1)[0]
        if name.lower() in SITE_EXTRAS:
            found[name.lower()] = spec.strip()
    missing = [name for name in SITE_EXTRAS if name not in found]
    if missing:  # a broken install: better an error than a site that cannot build
        raise RuntimeError(f"{DIST}'s metadata has no [site] extra for {', '.join(missing)}")
    return [install_source().requirement, *(found[name] for name in SITE_EXTRAS)]


def markdown_text(text: str) -> str:
    """*text* as literal Markdown text: every ASCII punctuation character backslash-escaped
    (CommonMark allows it for all of them), so no name becomes markup, a role or raw HTML."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)


def bib_name(name: str) -> str:
    """*name* as one BibTeX author: LaTeX specials escaped, and braced when a comma or the
    word "and" would split it (the answers refuse braces and backslashes)."""
    escaped = _LATEX_SPECIALS.sub(r"\\\1", name)
    if "," in name or _BIB_AND.search(name):
        return "{" + escaped + "}"
    return escaped


def python_literal(value: object, indent: int = 0) -> str:
    """*value* (str, list and dict nests) as Python source, one item a line as people write
    conf.py; every string through ``repr``, so no answer can end its literal."""
    pad = " " * (indent + 4)
    if isinstance(value, dict):
        lines = [f"{pad}{k!r}: {python_literal(v, indent + 4)},\n" for k, v in value.items()]
        return "{\n" + "".join(lines) + " " * indent + "}" if lines else "{}"
    if isinstance(value, list):
        return "[" + ", ".join(python_literal(v, indent) for v in value) + "]"
    if isinstance(value, str):
        return repr(value)
    raise TypeError(f"no literal for {type(value).__name__}")


def substitutions(answers: Answers, version_pins: list[str], year: int) -> dict[str, str]:
    """The value of each ``$placeholder``, in the syntax of the file it fills."""
    return {
        "name": repr(answers.name),
        "copyright": repr(f"{year}, {answers.name}"),
        "url": repr(answers.url),
        "owner": python_literal([answers.name]),
        "profile": python_literal(answers.profile()),
        "name_md": markdown_text(answers.name),
        "bib_name": bib_name(answers.name),
        "requirements": "\n".join(version_pins),
        # conf.py's comments say what each value does, as the config table does
        **{f"doc_{s.name}": s.doc[:1].upper() + s.doc[1:] + "." for s in SETTINGS if s.ours},
    }


def _templates(folder: Traversable, prefix: str = "") -> Iterator[tuple[str, Traversable]]:
    for item in sorted(folder.iterdir(), key=lambda t: t.name):
        if item.name == "__pycache__":
            continue
        path = f"{prefix}{item.name}"
        if item.is_dir():
            yield from _templates(item, f"{path}/")
        else:
            yield path, item


def target_name(template_path: str) -> str:
    """``dot-github/workflows/pages.yml`` -> ``.github/workflows/pages.yml``; ``x.in`` -> ``x``."""
    parts = [("." + p[len(_DOT) :]) if p.startswith(_DOT) else p for p in template_path.split("/")]
    name = "/".join(parts)
    return name[: -len(_FILLED)] if name.endswith(_FILLED) else name


def site_files(answers: Answers, year: int | None = None) -> dict[str, str]:
    """Relative path -> text of every file of the new site."""
    year = year or datetime.date.today().year
    values = substitutions(answers, requirements(), year)
    result: dict[str, str] = {}
    for path, template in _templates(files(__package__).joinpath("template")):
        text = template.read_text(encoding="utf-8")
        if path.endswith(_FILLED):
            text = Template(text).substitute(values)
        result[target_name(path)] = text
    return result


def existing(target: Path, names: list[str]) -> list[str]:
    """The files of the new site that are already there (so they are not overwritten)."""
    return [name for name in names if (target / name).exists()]


def write(target: Path, site: dict[str, str], backups: Backups) -> None:
    """Write every file atomically, creating folders as needed; a file that is
    replaced (``--force``) is copied into *backups* first."""
    for name, text in site.items():
        backups.replace(target / name, text)
