"""Shared fixtures: tiny real Sphinx projects under tests/roots/test-*/."""

from __future__ import annotations

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
