"""Fixtures for the browser tests: the sites built once, served with gzip, one chromium.

The tests need Debian's chromium, Java, and the npm packages axe-core and vnu-jar
(``bash tools/install-system-deps.sh``). Where one is missing they FAIL, so CI can
never pass by skipping them; ``SCHOLAR_SKIP_BROWSER=1`` skips them on purpose.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from .browser_harness import (
    AXE_JS,
    DESKTOP,
    PHONE,
    REPO,
    SITES,
    SKIP_ENV,
    Server,
    build_sites,
    launch,
    missing_tools,
    pages_to_check,
    serve,
    set_mode_script,
)

ARTIFACTS = REPO / "test-artifacts"
ROOTS = REPO / "tests" / "roots"


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where tests leave files for a person to look at (CI keeps the folder)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def browser_tools() -> None:
    """Skip on request; otherwise fail loudly when a tool is missing."""
    if os.environ.get(SKIP_ENV) == "1":
        pytest.skip(f"{SKIP_ENV}=1: browser tests skipped on request")
    missing = missing_tools()
    if missing:
        pytest.fail("the browser tests need:\n  - " + "\n  - ".join(missing), pytrace=False)


@pytest.fixture(scope="session")
def built_sites(browser_tools: None, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every site of the repository, built once with ``-W --keep-going``; a warning fails."""
    for name, source in SITES.items():
        if not (source / "conf.py").exists():
            pytest.fail(f"site {name!r}: no conf.py in {source}", pytrace=False)
    out = tmp_path_factory.mktemp("sites")
    results = build_sites(SITES, out, strict=True)
    problems = [
        f"site {r.name!r} ({r.source}): sphinx-build exited {r.returncode}\n{r.warnings.strip()}"
        for r in results.values()
        if r.returncode != 0 or r.warnings.strip()
    ]
    if problems:
        pytest.fail("the sites do not build cleanly:\n" + "\n\n".join(problems), pytrace=False)
    return {name: r.outdir for name, r in results.items()}


@pytest.fixture(scope="session")
def server(built_sites: dict[str, Path]) -> Iterator[Server]:
    with serve(built_sites) as running:
        yield running


@pytest.fixture(scope="session")
def build_root(
    browser_tools: None, server: Server, tmp_path_factory: pytest.TempPathFactory
) -> Callable[..., Path]:
    """``build_root("test-xss", strict=False)``: a test root of tests/roots, built once and
    served under its name. A strict build fails the test on any warning."""
    built: dict[str, Path] = {}

    def build(root: str, strict: bool = True) -> Path:
        if root not in built:
            result = build_sites({root: ROOTS / root}, tmp_path_factory.mktemp(root), strict=strict)
            outcome = result[root]
            if outcome.returncode != 0 or (strict and outcome.warnings.strip()):
                pytest.fail(f"{root} does not build cleanly:\n{outcome.warnings}", pytrace=False)
            server.add(root, outcome.outdir)
            built[root] = outcome.outdir
        return built[root]

    return build


@pytest.fixture(scope="session")
def site_pages(built_sites: dict[str, Path]) -> dict[str, list[str]]:
    """Per site: every page, and five paper pages spread over the list."""
    return {name: pages_to_check(outdir) for name, outdir in built_sites.items()}


@pytest.fixture(scope="session")
def browser(browser_tools: None) -> Iterator[Any]:
    """One chromium for the session; each test gets fresh contexts from it."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def axe_source(browser_tools: None) -> str:
    return AXE_JS.read_text(encoding="utf-8")


@dataclass
class Tab:
    """A page in a fresh browser context, with everything it asked for and complained of."""

    page: Any
    origin: str
    requests: list[str] = field(default_factory=list)
    offsite: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def forget(self) -> None:
        """Start a new record (for the next page of a test that visits several)."""
        for records in (
            self.requests,
            self.offsite,
            self.failed,
            self.console_errors,
            self.page_errors,
            self.dialogs,
        ):
            records.clear()

    def goto(self, url: str) -> Any:
        response = self.page.goto(url, wait_until="load")
        assert response is not None and response.ok, f"{url}: HTTP {response and response.status}"
        return response


def _record(tab: Tab) -> None:
    page = tab.page

    def on_request(request: Any) -> None:
        url = request.url
        if url.startswith(("data:", "blob:", "about:")):
            return
        tab.requests.append(url)
        if not url.startswith(tab.origin + "/"):
            tab.offsite.append(url)

    def on_response(response: Any) -> None:
        if response.status >= 400:
            tab.failed.append(f"{response.status} {response.url}")

    def on_dialog(dialog: Any) -> None:
        tab.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def on_failed(request: Any) -> None:
        # ERR_ABORTED: cancelled by the next navigation (a late favicon fetch), not missing
        if request.failure != "net::ERR_ABORTED":
            tab.failed.append(f"{request.failure} {request.url}")

    page.on("request", on_request)
    page.on("response", on_response)
    page.on("requestfailed", on_failed)
    page.on(
        "console",
        lambda m: tab.console_errors.append(m.text) if m.type == "error" else None,
    )
    page.on("pageerror", lambda e: tab.page_errors.append(str(e)))
    page.on("dialog", on_dialog)


@pytest.fixture
def new_tab(browser: Any, server: Server) -> Iterator[Callable[..., Tab]]:
    """``new_tab(mode="light", phone=False, clipboard=False)``: a page in a fresh context.

    *mode* is the colour mode stored before the page loads (``None``: none stored,
    so the theme follows the system). The browser resolves no host but this one
    (``OFFLINE_ARGS``), so a request elsewhere fails at once; it is still recorded.
    """
    contexts: list[Any] = []

    def make(mode: str | None = "light", phone: bool = False, clipboard: bool = False) -> Tab:
        context = browser.new_context(
            viewport=PHONE if phone else DESKTOP,
            is_mobile=phone,
            has_touch=phone,
            permissions=["clipboard-read", "clipboard-write"] if clipboard else [],
        )
        contexts.append(context)
        if mode:
            context.add_init_script(set_mode_script(mode))
        tab = Tab(context.new_page(), server.origin)
        _record(tab)
        return tab

    yield make
    for context in contexts:
        context.close()  # a no-op for one a test closed already
