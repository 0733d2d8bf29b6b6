"""Site files an earlier build wrote and this one does not: sitemap.xml and robots.txt.

Sphinx never removes a file from the output folder, so a file we stop writing (the
base URL was removed, the builder changed) would stay and be deployed. Paper pages
and feeds have plans of their own (pages.py, feeds.py); these two are written when
the build ends, after the environment is saved, so what they will be is decided
once reading is done, and remembered in the environment.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from .domain import get_domain
from .output import writes_site_files
from .seo import ROBOTS, SITEMAP, _own_robots
from .state import state_of


def site_files(app: Sphinx) -> tuple[str, ...]:
    """The site files this build writes (seo.write_sitemap)."""
    if not writes_site_files(app):
        return ()
    return (SITEMAP,) if _own_robots(app) else (SITEMAP, ROBOTS)


def plan(app: Sphinx) -> bool:
    """``env-get-updated``: which files to remove; returns whether the record changed."""
    build = state_of(app.env)
    build.stale_site_files = []
    if app.builder.format != "html":  # another output folder: the HTML one is not ours here
        return False
    domain = get_domain(app.env)
    old = tuple(domain.data.get("site_files") or ())
    new = site_files(app)
    # a robots.txt of the site's own (html_extra_path) replaced ours: it stays
    own = _own_robots(app)
    build.stale_site_files = [n for n in old if n not in new and not (n == ROBOTS and own)]
    domain.data["site_files"] = new
    return new != old


def remove(app: Sphinx) -> None:
    """``build-finished``: remove what :func:`plan` found stale."""
    outdir = Path(app.outdir)
    for name in state_of(app.env).stale_site_files:
        (outdir / name).unlink(missing_ok=True)
