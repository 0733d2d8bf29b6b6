"""Once per build: read the bib files (if they changed) and turn them into records.

Runs on ``builder-inited`` just before sphinxcontrib-bibtex's own handler. We
parse with our tolerant parser and store the result in sphinxcontrib-bibtex's
cache, which then finds it up to date: one parse, shared by both extensions.
The entries themselves live in a side file (see :mod:`sphinx_scholar.sidecar`).
"""

from __future__ import annotations

import hashlib
import math
import re
from pathlib import Path
from typing import cast

from sphinx.application import Sphinx
from sphinx.util import logging
from sphinxcontrib.bibtex.bibfile import BibData, BibFile
from sphinxcontrib.bibtex.domain import BibtexDomain

from . import sidecar
from .config import ScholarConfig
from .diagnostics import Diagnostic
from .domain import get_domain
from .files import SiteFiles
from .people import entries_from_config
from .records import Publication
from .sidecar import Lazy, LazyBibliographyData
from .validate import FileCheck, read_and_check

logger = logging.getLogger(__name__)


def warn(diagnostics: list[Diagnostic]) -> None:
    """Each problem as a Sphinx warning: ``file:line: message [key]``, type scholar.<kind>."""
    for diagnostic in diagnostics:
        logger.warning(
            diagnostic.text,
            location=diagnostic.location or None,
            type="scholar",
            subtype=diagnostic.kind,
        )


def bib_paths(app: Sphinx) -> list[Path]:
    return [(Path(app.confdir) / name).resolve() for name in app.config.bibtex_bibfiles or []]


def _mtime(path: Path) -> float:
    try:
        return path.lstat().st_mtime
    except OSError:
        return -math.inf


def site_files(app: Sphinx) -> SiteFiles:
    confdir = Path(app.confdir)
    return SiteFiles(
        srcdir=Path(app.srcdir),
        static_dirs=tuple(confdir / p for p in app.config.html_static_path),
        extra_dirs=tuple(confdir / p for p in app.config.html_extra_path),
    )


def _state(app: Sphinx, paths: list[Path], config: ScholarConfig) -> tuple:
    """Changes whenever the records could: a bib file, or the folders files are checked in."""
    folders = [Path(app.srcdir) / config.preview_dir, Path(app.srcdir) / config.files_dir]
    return (
        app.config.bibtex_encoding,
        tuple((str(p), _mtime(p)) for p in paths),
        tuple((str(f), _mtime(f)) for f in folders),
        config.preview_dir,
        config.files_dir,
        tuple(app.config.html_static_path),
        tuple(app.config.html_extra_path),
    )


def load_bibliography(app: Sphinx) -> None:
    """Parse and convert the bib files if anything they depend on changed."""
    config = ScholarConfig.of(app)
    domain = get_domain(app.env)
    _, errors = entries_from_config(config.owner, config.people)
    for error in errors:
        logger.warning(error, type="scholar", subtype="config")
    paths = bib_paths(app)
    state = _state(app, paths, config)
    token = hashlib.blake2b(repr(state).encode(), digest_size=16).hexdigest()
    side = str(Path(app.doctreedir) / sidecar.FILENAME)
    if domain.data["state"] == state and sidecar.is_valid(side, token):
        app.env._scholar_bib_changed = False  # type: ignore[attr-defined]
        return
    app.env._scholar_bib_changed = True  # type: ignore[attr-defined]
    encoding = app.config.bibtex_encoding
    files = FileCheck(site_files(app), config.preview_dir, config.files_dir)
    checked = read_and_check(paths, encoding, files)
    parsed, records = checked.parsed, checked.records
    warn(checked.diagnostics)
    slugs = make_slugs(records)
    written = str(
        sidecar.write(
            Path(app.doctreedir),
            token,
            {"bibdata": parsed.data, "records": records, "slugs": slugs},
        )
    )
    cite = cast(BibtexDomain, app.env.get_domain("cite"))
    cite.data["bibdata"] = BibData(
        encoding=encoding,
        bibfiles={
            path: BibFile(mtime=_mtime(path), keys=dict.fromkeys(parsed.keys_by_file.get(path, [])))
            for path in paths
        },
        data=LazyBibliographyData(Lazy(written, token, "bibdata", parsed.data)).bind(),
    )
    domain.data["records"] = Lazy(written, token, "records", records)
    domain.data["slugs"] = Lazy(written, token, "slugs", slugs)
    domain.data["state"] = state
    domain.data["hint_state"] = None


_SLUG = re.compile(r"[^a-z0-9._-]+")


def make_slugs(records: dict[str, Publication]) -> dict[str, str]:
    """URL-safe, unique names for paper pages, stable across builds (bib order)."""
    slugs: dict[str, str] = {}
    used: set[str] = set()
    for key in records:
        base = _SLUG.sub("-", key.lower()).strip("-.") or "paper"
        slug, counter = base, 2
        while slug in used:
            slug, counter = f"{base}-{counter}", counter + 1
        used.add(slug)
        slugs[key] = slug
    return slugs
