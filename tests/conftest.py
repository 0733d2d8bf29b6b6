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
    """Save *text* stamped with the wall clock, as an editor's save would look.

    Sphinx compares a file's mtime with the wall clock at its last read. On a filesystem
    whose timestamps lag that clock (CI's mounted checkout) a plain write can look older
    than the read, and the edit goes unseen; a stamp in the future would instead look
    edited again at the next build."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    now = max(time.time_ns(), before + 1_000)
    os.utime(path, ns=(now, now))
