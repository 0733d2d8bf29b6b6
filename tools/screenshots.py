"""Refresh the README's screenshots: light, dark and phone views of both sites' pages.

Usage: ``python tools/screenshots.py [--out docs/img] [--site NAME=BUILT_DIR ...]``

Without ``--site`` it builds both sites (``-W``, into a temporary folder) first. The
views and the code that takes them are the browser tests' own
(``tests/browser/browser_harness.py``), so the README shows what the tests saw:
``test_screenshots.py`` saves the same files under ``test-artifacts/screenshots/``.
Needs Debian's chromium (``bash tools/install-system-deps.sh``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from browser.browser_harness import (  # noqa: E402  (needs the path above)
    SITES,
    build_sites,
    launch,
    missing_tools,
    screenshot_all,
    serve,
)


def parse_site(text: str) -> tuple[str, Path]:
    name, _, folder = text.partition("=")
    if not folder or not (Path(folder) / "index.html").is_file():
        raise argparse.ArgumentTypeError(f"{text!r}: want NAME=BUILT_DIR, with an index.html")
    return name, Path(folder)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "img")
    parser.add_argument(
        "--site", type=parse_site, action="append", default=[], help="NAME=BUILT_DIR"
    )
    args = parser.parse_args(argv)
    missing = [m for m in missing_tools() if "chromium" in m or "playwright" in m]
    if missing:
        print("needs:", *missing, sep="\n  ", file=sys.stderr)
        return 2

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        sites = dict(args.site)
        if not sites:
            results = build_sites(SITES, Path(tmp), strict=True)
            for result in results.values():
                if result.returncode != 0:
                    print(f"{result.name}: the build failed\n{result.warnings}", file=sys.stderr)
                    return 1
            sites = {name: result.outdir for name, result in results.items()}
        with serve(sites) as server, sync_playwright() as playwright:
            browser = launch(playwright)
            try:
                made = screenshot_all(browser, server, sites, args.out)
            finally:
                browser.close()
    for path in made:
        print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
