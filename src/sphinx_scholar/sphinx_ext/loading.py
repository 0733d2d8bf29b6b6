"""Once per build: read the bib files (if they changed) and turn them into records.

Runs on ``builder-inited`` just before sphinxcontrib-bibtex's own handler. We
parse with our tolerant parser and store the result in sphinxcontrib-bibtex's
cache, which then finds it up to date: one parse, shared by both extensions.
The entries themselves live in a side file (see :mod:`sphinx_scholar.sidecar`).
"""

from __future__ import annotations

import functools
import hashlib
import math
import re
from dataclasses import replace
from pathlib import Path
from typing import cast

from pybtex.database import BibliographyData
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging
from sphinxcontrib.bibtex.bibfile import BibData, BibFile, is_bibdata_outdated
from sphinxcontrib.bibtex.domain import BibtexDomain

from ..core.bibparse import parse_files
from ..core.config import ScholarConfig
from ..core.people import entries_from_config
from ..core.records import Publication
from ..core.validate import CheckedBib, FileCheck, read_and_check
from ..core.venues import venues_from_config
from . import scope, sidecar, watched
from .domain import get_domain
from .report import warn
from .sidecar import Lazy, LazyBibliographyData
from .state import state_of

logger = logging.getLogger(__name__)
#: The file that keeps each entry's parse for the next one (see _read_bibs).
ENTRIES = "scholar-entries.pickle"


def bib_paths(app: Sphinx) -> list[Path]:
    return [(Path(app.confdir) / name).resolve() for name in app.config.bibtex_bibfiles or []]


def conf_location(confdir: str | Path | None, name: str) -> str | None:
    """``conf.py:line`` where *name* is set, for a warning about that value (None when
    conf.py does not set it, e.g. ``-D``). A bare path would not do: Sphinx takes a
    location without a line for a document name and adds ``.rst``."""
    if confdir is None:
        return None
    path = Path(confdir) / "conf.py"
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    setting = re.compile(rf"^{re.escape(name)}\s*(:[^=]*)?=(?!=)")
    found = [number for number, line in enumerate(lines, 1) if setting.match(line)]
    return f"{path}:{found[-1]}" if found else None  # the last assignment is the value


def one_bib_file(app: Sphinx, config: Config) -> None:
    """``config-inited``, before Sphinx checks types: ``bibtex_bibfiles = "refs.bib"`` is
    read as ``["refs.bib"]`` with one warning (sphinxcontrib-bibtex read each character
    as a file name: a warning per character and no cards)."""
    value = config.bibtex_bibfiles
    if isinstance(value, str):
        logger.warning(
            f"bibtex_bibfiles should be a list of file names, not a string; read as [{value!r}]",
            location=conf_location(app.confdir, "bibtex_bibfiles"),
            type="scholar",
            subtype="config",
        )
        config.bibtex_bibfiles = [value]


def warn_missing_bibs(app: Sphinx, paths: list[Path]) -> set[str]:
    """A bib file that does not exist, warned at conf.py's ``bibtex_bibfiles`` (the file
    itself has no line to point at); returns the missing paths."""
    missing = {str(path) for path in paths if not path.is_file()}
    for path in sorted(missing):
        logger.warning(
            f"bibtex_bibfiles names a bib file that does not exist: {path}",
            location=conf_location(app.confdir, "bibtex_bibfiles"),
            type="scholar",
            subtype="missing_file",
        )
    return missing


def _mtime(path: Path) -> float:
    try:
        return path.lstat().st_mtime
    except OSError:
        return -math.inf


def _content(path: Path) -> str:
    """A digest of a file's bytes: touching a bib without changing it costs nothing."""
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return ""


def _inputs(app: Sphinx, paths: list[Path], config: ScholarConfig) -> tuple:
    """Changes whenever the records could: a bib's content, or the folders files are checked in."""
    folders = [Path(app.srcdir) / config.preview_dir, Path(app.srcdir) / config.files_dir]
    return (
        app.config.bibtex_encoding,
        tuple((str(p), _content(p)) for p in paths),
        tuple((str(f), _mtime(f)) for f in folders),
        config.preview_dir,
        config.files_dir,
        tuple(str(p) for p in app.config.html_static_path),
        tuple(str(p) for p in app.config.html_extra_path),
    )


class Reparse:
    """sphinxcontrib-bibtex's data, parsed again when a page first cites (picklable recipe)."""

    def __init__(self, paths: list[Path], encoding: str) -> None:
        self.paths, self.encoding = paths, encoding

    def __call__(self) -> BibliographyData:
        with sidecar.gc_paused():
            return parse_files(self.paths, self.encoding).data


def _share_with_bibtex(
    app: Sphinx, paths: list[Path], keys_by_file: dict[Path, list[str]] | None
) -> None:
    """Fill sphinxcontrib-bibtex's cache so that it finds it fresh and never parses itself
    (it would parse strictly: one syntax error would stop the build)."""
    cite = cast(BibtexDomain, app.env.get_domain("cite"))
    encoding = app.config.bibtex_encoding
    if keys_by_file is None:  # same content, new mtimes: keep the keys we have
        keys_by_file = {p: list(f.keys) for p, f in cite.bibdata.bibfiles.items()}
    cite.data["bibdata"] = BibData(
        encoding=encoding,
        bibfiles={
            path: BibFile(mtime=_mtime(path), keys=dict.fromkeys(keys_by_file.get(path, [])))
            for path in paths
        },
        data=LazyBibliographyData(Reparse(paths, encoding)),
    )


def load_bibliography(app: Sphinx) -> None:
    """Parse and convert the bib files if anything they depend on changed.

    The records stay in a side file next to the doctrees, keyed on the bib's
    content and this code: a build with a fresh environment (``-E``) over an
    unchanged bib reads them back instead of parsing again, and repeats the
    warnings the parse gave.
    """
    build = state_of(app.env)
    config = build.config
    domain = get_domain(app.env)
    _, errors = entries_from_config(config.owner, config.people)
    errors += venues_from_config(app.config.scholar_venues or {})[1]
    for error in errors:
        logger.warning(error, type="scholar", subtype="config")
    paths = bib_paths(app)
    inputs = _inputs(app, paths, config)
    token = hashlib.blake2b(repr((inputs, code_version())).encode(), digest_size=16).hexdigest()
    side = str(Path(app.doctreedir) / sidecar.FILENAME)
    cached = sidecar.is_valid(side, token)
    # the state ends with the files the entries name (watched.py): one appearing or going
    # since the last build makes the records (and their warnings) again
    old = domain.data["state"]
    now = watched.recheck(old[-1]) if isinstance(old, tuple) and len(old) > len(inputs) else ()
    if cached and old == (*inputs, now):
        build.bib_changed = False
        cite = cast(BibtexDomain, app.env.get_domain("cite"))
        if is_bibdata_outdated(cite.bibdata, paths, app.config.bibtex_encoding):
            _share_with_bibtex(app, paths, None)  # touched, not changed
        return
    build.bib_changed = True
    payload = None
    if cached:
        try:
            payload = read_records(side, token)
        except sidecar.SidecarMissing:
            payload = None
        if payload is not None and watched.recheck(payload["files"]) != payload["files"]:
            payload = None  # a named file appeared or went since that parse
    files = FileCheck(build.files, config.preview_dir, config.files_dir)
    if payload is None:
        checked, last = _read_bibs(app, paths, token, files)
        payload = _payload(checked, files)
        last_records = last["records"] if last else {}
        side = sidecar.write(
            Path(app.doctreedir),
            token,
            _as_stored(payload, checked.moved, last),
            shard="records",
            previous=last_records,
        )
    # per-entry problems wait for the pages: only the entries the site shows are checked
    missing = warn_missing_bibs(app, paths)
    warn(
        d
        for d in scope.file_level(payload["diagnostics"])
        if not (d.kind == "missing_file" and d.line is None and d.file in missing)
    )
    records = payload["records"]
    _share_with_bibtex(app, paths, payload["keys_by_file"])
    remake = Remake(paths, app.config.bibtex_encoding, files)
    domain.data["records"] = Lazy(side, token, payload, remake, read_records)
    domain.data["slugs"] = make_slugs(records)
    domain.data["state"] = (*inputs, payload["files"])
    domain.data["hint_state"] = None


def _payload(checked: CheckedBib, files: FileCheck) -> dict:
    """What the records file holds."""
    return {
        "records": checked.records,
        "keys_by_file": checked.parsed.keys_by_file,
        "diagnostics": checked.diagnostics,
        "files": watched.file_states(
            checked.records, files.site, files.preview_dir, files.files_dir
        ),
    }


def _as_stored(payload: dict, moved: set[str], last: dict | None) -> dict:
    """The records file's content: a record that is the last file's but for its place in
    the bib (an entry added above it) is kept as the object the file holds, and its place
    beside (``places``, which :func:`read_records` puts back): its shard is not written
    again, though every entry below an added one moved."""
    if not last:
        return payload
    read, placed = last["records"], last.get("places") or {}
    records, places = dict(payload["records"]), {}
    for key, record in payload["records"].items():
        if key in moved or (key in placed and record is read.get(key)):
            kept = sidecar.stored(read, key)
            if kept is not None:
                records[key], places[key] = kept, record.source
    return {**payload, "records": records, "places": places}


def read_records(path: str, token: str) -> dict:
    """The records file's content, each record in its place in the bib (see _as_stored)."""
    payload = sidecar.read(path, token)
    try:
        records = payload["records"]
        for key, source in (payload.get("places") or {}).items():
            records[key] = replace(records[key], source=source)
    except (KeyError, TypeError, AttributeError) as error:  # not what _as_stored writes
        raise sidecar.SidecarMissing(f"{path}: {error!r}") from error
    return payload


class Remake:
    """The records file's content made anew from the bibs, when a build that found the bib
    unchanged cannot read the file (a shard gone or damaged): picklable, kept with the
    :class:`~.sidecar.Lazy` stand-in in the environment."""

    def __init__(self, paths: list[Path], encoding: str, files: FileCheck) -> None:
        self.paths, self.encoding, self.files = paths, encoding, files

    def __call__(self) -> dict:
        logger.verbose("sphinx-scholar: the records file cannot be read; parsing the bibs again")
        with sidecar.gc_paused():
            return _payload(read_and_check(self.paths, self.encoding, self.files), self.files)


def _read_bibs(
    app: Sphinx, paths: list[Path], token: str, files: FileCheck
) -> tuple[CheckedBib, dict | None]:
    """Read and check the bibs, parsing again only the entries whose text changed.

    The entries of the last parse wait in a file of their own next to the doctrees
    (only a changed bib reads it), with the token of the records it goes with: the
    records file still holds them until this parse's records replace them (see
    :mod:`sphinx_scholar.core.entrycache`). *token* is this parse's. Also returns the
    last parse's records file, whose unchanged shards the new one keeps.
    """
    encoding = app.config.bibtex_encoding
    version = f"{code_version()} {encoding}"
    doctrees = Path(app.doctreedir)
    with sidecar.gc_paused():
        spans, file = {}, None
        entries, kept = str(doctrees / ENTRIES), str(doctrees / sidecar.FILENAME)
        if sidecar.is_valid(entries, version):  # another version's classes may not load
            try:
                last = sidecar.read(entries, version)
                if sidecar.is_valid(kept, last["records"]):
                    file = read_records(kept, last["records"])
                    spans = last["spans"]
            except (sidecar.SidecarMissing, KeyError, TypeError):
                spans, file = {}, None
        records = file["records"] if file else {}
        checked = read_and_check(paths, encoding, files, reuse=spans, reuse_records=records)
        sidecar.write(
            doctrees,
            version,
            {"records": token, "spans": checked.spans},
            ENTRIES,
            shard="spans",
            previous=spans,
        )
    logger.verbose(f"sphinx-scholar: {checked.reused} bib entries reused from the last parse")
    return checked, file


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """What turns a bib into records: the whole pure core, this module and the libraries.

    Every module of ``core/`` is hashed, not a hand-kept list: a module added to
    the core can never be forgotten (the records cache would outlive its change).
    """
    import latexcodec
    import pybtex

    hasher = hashlib.blake2b(digest_size=12)
    hasher.update(f"{pybtex.__version__} {getattr(latexcodec, '__version__', '')}".encode())
    core = Path(__file__).parent.parent / "core"
    for path in (*sorted(core.glob("*.py")), Path(__file__)):
        hasher.update(path.name.encode())
        hasher.update(path.read_bytes())
    return hasher.hexdigest()


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
