"""Shared fixtures: tiny real Sphinx projects under tests/roots/test-*/."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parent.parent
#: Real bib files written by others, kept beside the repository (never copied into it).
CORPUS = Path(os.environ.get("SCHOLAR_CORPUS") or REPO.parent / "shared" / "bib-corpus")
#: CI sets this so that a missing corpus fails the run instead of skipping its tests.
REQUIRE_CORPUS = "SCHOLAR_REQUIRE_CORPUS"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.hookimpl(trylast=True)  # after -m has deselected what the command line leaves out
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Without the corpus, its tests leave the run with one line (or fail it, in CI)."""
    if CORPUS.is_dir():
        return
    corpus = [item for item in items if item.get_closest_marker("corpus")]
    if not corpus:
        return
    if os.environ.get(REQUIRE_CORPUS) == "1":
        raise pytest.UsageError(
            f"{REQUIRE_CORPUS}=1 but the bib corpus is absent ({CORPUS}): "
            f"its {len(corpus)} tests cannot run"
        )
    config.hook.pytest_deselected(items=corpus)
    items[:] = [item for item in items if not item.get_closest_marker("corpus")]
    config.stash[_SKIPPED_CORPUS] = len(corpus)


_SKIPPED_CORPUS = pytest.StashKey[int]()


def pytest_report_header(config: pytest.Config) -> str | None:
    if CORPUS.is_dir():
        return f"bib corpus: {CORPUS}"
    return None


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    skipped = terminalreporter.config.stash.get(_SKIPPED_CORPUS, 0)
    if skipped:
        terminalreporter.write_line(
            f"corpus: {skipped} tests not run: no bib corpus at {CORPUS} "
            "(set SCHOLAR_CORPUS to its folder; CI requires it)",
            yellow=True,
        )


@contextmanager
def templates_path_kept() -> Iterator[None]:
    """Undo what a build appends to Sphinx's *shared* default ``templates_path`` list
    (pydata-sphinx-theme and theme.py do), so it cannot leak template overrides into the
    next project built in this process."""
    from sphinx.config import Config

    default = Config.config_values["templates_path"].default
    saved = list(default)
    yield
    default[:] = saved


class Built:
    """A project built by :func:`build_site`: its output folder, warnings and pages."""

    def __init__(self, app: SphinxTestApp) -> None:
        self.app = app
        self.outdir = Path(app.outdir)
        self.warnings = warnings_of(app)

    def page(self, name: str) -> BeautifulSoup:
        return BeautifulSoup((self.outdir / f"{name}.html").read_text("utf-8"), "lxml")


def build_site(
    srcdir: Path,
    builddir: Path | None = None,
    builder: str = "html",
    *,
    confoverrides: dict[str, Any] | None = None,
    freshenv: bool = True,
    **kwargs: Any,
) -> SphinxTestApp:
    """Build the project in *srcdir* into *builddir* (``srcdir/_build`` if None) and
    return the app, cleaned up; its warnings stay readable with warnings_of(app).

    One place for what each build outside the sphinx fixture needs: Sphinx 9 builds a
    test root in place, so callers copy it or name a fresh *builddir*; app.cleanup()
    always runs (it restores docutils' and Sphinx's global registries), even when the
    build raises. *kwargs* go to SphinxTestApp (parallel=2, warningiserror=True, or a
    caller's own status/warning StringIO)."""
    kwargs.setdefault("status", StringIO())
    kwargs.setdefault("warning", StringIO())
    app = SphinxTestApp(
        builder,
        srcdir=srcdir,
        builddir=builddir,
        freshenv=freshenv,
        confoverrides=confoverrides,
        **kwargs,
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def parse_html(app, page: str = "index") -> BeautifulSoup:
    """The built page *page* (a pagename like 'publications/index') as a soup."""
    path = Path(app.outdir) / f"{page}.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def tile_said(tile) -> tuple[str, ...]:
    """What a generated tile says, top to bottom: kind, name lines, caption ("" if none).

    *tile* is its HTML or its parsed element."""
    if isinstance(tile, str):
        tile = BeautifulSoup(tile, "html.parser").select_one("span.scholar-tile")
    assert tile is not None and tile.get("aria-hidden") == "true", tile
    name = tile.get_text()
    return (tile["data-kind"], *(name.split("\n") if name else ()), tile["data-caption"])


def warnings_of(app) -> str:
    """Everything the build warned, with the ANSI colours removed."""
    from sphinx.util.console import strip_colors

    return strip_colors(app.warning.getvalue())


def rewrite(path: Path, text: str) -> None:
    """Save *text* so that the next build sees an edit, as an editor's save would look.

    Sphinx calls a page changed when its mtime is later than the wall clock at its last
    read. A plain write can fail that on a filesystem with whole-second timestamps (ext4
    with 128-byte inodes, tried here): it truncates the stamp of a quick edit to before a
    read made earlier in the same second. So stamp the wall clock, read the stamp back,
    and wait until the stored stamp is later than the moment this save began. A stamp in
    the future is avoided: it would look edited again at the build after next."""
    started = max(time.time_ns(), path.stat().st_mtime_ns + 1_000)
    path.write_text(text, encoding="utf-8")
    while True:
        now = time.time_ns()
        os.utime(path, ns=(now, now))
        if path.stat().st_mtime_ns > started:
            return
        time.sleep(0.02)
