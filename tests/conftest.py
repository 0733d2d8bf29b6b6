"""Shared fixtures: tiny real Sphinx projects under tests/roots/test-*/."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


def parse_html(app, page: str = "index") -> BeautifulSoup:
    """The built page *page* (a pagename like 'publications/index') as a soup."""
    path = Path(app.outdir) / f"{page}.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


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
