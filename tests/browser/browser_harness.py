"""What the browser tests and ``tools/screenshots.py`` share: build, serve, launch, views.

The sites are served as a real static host serves them (gzip for text, a cache
header), each under its own path prefix on one 127.0.0.1 server, so "no request
to another origin" means "no request to anything but this server".
"""

from __future__ import annotations

import gzip
import http.server
import io
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: Only this machine resolves: a request elsewhere fails at once (and is still recorded)
#: instead of waiting on a network that CI may or may not have.
OFFLINE_ARGS = ["--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1"]
#: The sites of the repository, name -> source folder: the homepage, the student site and
#: the documentation (docs/, the user guide, whose pages the audits check there).
SITES = {"root": REPO, "example": REPO / "examples", "docs": REPO / "docs"}
SKIP_ENV = "SCHOLAR_SKIP_BROWSER"
INSTALL_HINT = "run `bash tools/install-system-deps.sh` (or `make system-deps`)"

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


def missing_tools() -> list[str]:
    """What the browser tests need and this machine lacks, each with how to get it."""
    missing = []
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the Python package playwright (pip install -e '.[test]')")
    if not CHROMIUM.exists():
        missing.append(f"Debian's chromium at {CHROMIUM} ({INSTALL_HINT})")
    if not AXE_JS.exists():
        missing.append(f"axe-core at {AXE_JS.relative_to(REPO)} ({INSTALL_HINT})")
    if not VNU_JAR.exists():
        missing.append(f"vnu-jar at {VNU_JAR.relative_to(REPO)} ({INSTALL_HINT})")
    if shutil.which("java") is None:
        missing.append(f"a Java runtime for the Nu HTML checker ({INSTALL_HINT})")
    return missing


# -- building -------------------------------------------------------------------------


@dataclass
class BuildResult:
    name: str
    source: Path
    outdir: Path
    returncode: int
    warnings: str


def start_build(source: Path, outdir: Path, *, strict: bool = True) -> subprocess.Popen[str]:
    """A ``sphinx-build`` in its own process (the conf.py of a site is not ours to import)."""
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-E"]
    if strict:
        cmd += ["-W", "--keep-going"]
    cmd += ["-d", str(outdir.parent / f"{outdir.name}.doctrees"), str(source), str(outdir)]
    # Python's own warnings (deprecations in dependencies) are not the site's: stderr must
    # hold Sphinx's warnings only, since any output there fails a strict build's test.
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=source
    )


def build_sites(
    sources: Mapping[str, Path], out: Path, *, strict: bool = True
) -> dict[str, BuildResult]:
    """Build every site at once (one process each)."""
    running = {
        name: (source, out / name, start_build(source, out / name, strict=strict))
        for name, source in sources.items()
    }
    results = {}
    for name, (source, outdir, proc) in running.items():
        stdout, stderr = proc.communicate(timeout=600)
        results[name] = BuildResult(name, source, outdir, proc.returncode, stderr + stdout)
    return results


# -- serving --------------------------------------------------------------------------

COMPRESSIBLE = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "application/atom+xml",
    "image/svg+xml",
)


class _Handler(http.server.SimpleHTTPRequestHandler):
    """``/<site>/<path>`` from that site's folder, gzipped like a real static host."""

    server: _SiteServer

    def translate_path(self, path: str) -> str:
        prefix, _, rest = path.lstrip("/").partition("/")
        folder = self.server.roots.get(prefix)
        if folder is None:
            return os.path.join(os.devnull, "missing")  # never a file: 404
        self.directory = str(folder)
        return super().translate_path("/" + rest)

    def send_head(self) -> Any:
        path = self.translate_path(self.path)
        ctype = self.guess_type(path)
        if (
            not os.path.isfile(path)
            or "gzip" not in self.headers.get("Accept-Encoding", "")
            or not ctype.startswith(COMPRESSIBLE)
        ):
            return super().send_head()
        body = gzip.compress(Path(path).read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the tests record what the browser asked for themselves."""


class _SiteServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, roots: dict[str, Path]) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.roots = roots


@dataclass
class Server:
    """The running server; ``url(site, path)`` is where a page of a site is served."""

    origin: str
    roots: dict[str, Path] = field(default_factory=dict)

    def url(self, site: str, path: str = "index.html") -> str:
        return f"{self.origin}/{site}/{path}"

    def add(self, site: str, folder: Path) -> None:
        self.roots[site] = folder


@contextmanager
def serve(roots: Mapping[str, Path]) -> Iterator[Server]:
    table = dict(roots)
    httpd = _SiteServer(table)
    thread = threading.Thread(target=httpd.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield Server(f"http://127.0.0.1:{httpd.server_address[1]}", table)
    finally:
        httpd.shutdown()
        httpd.server_close()


# -- the browser ----------------------------------------------------------------------


def launch(playwright: Any) -> Any:
    """Debian's chromium, never a downloaded one."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS + OFFLINE_ARGS
    )


def set_mode_script(mode: str) -> str:
    """An init script choosing pydata-sphinx-theme's colour mode before the page loads."""
    return f'localStorage.setItem("mode", "{mode}"); localStorage.setItem("theme", "{mode}");'


# -- the pages of a built site --------------------------------------------------------


def html_pages(outdir: Path) -> list[str]:
    """Every HTML page of a built site, relative to it (not the copied sources or assets)."""
    pages = []
    for path in sorted(outdir.rglob("*.html")):
        rel = path.relative_to(outdir)
        if any(part.startswith(("_", ".")) for part in rel.parts[:-1]):
            continue
        pages.append(rel.as_posix())
    return pages


def is_paper_page(path: Path) -> bool:
    """A generated paper page: the only pages with Highwire ``citation_title`` tags."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
    return soup.find("meta", attrs={"name": "citation_title"}) is not None


def sample(items: list[str], count: int) -> list[str]:
    """*count* items spread evenly over *items* (the first and last included)."""
    if len(items) <= count:
        return list(items)
    step = (len(items) - 1) / (count - 1)
    return [items[round(i * step)] for i in range(count)]


def pages_to_check(outdir: Path, papers: int = 5) -> list[str]:
    """Every page of the site, with paper pages cut down to an even sample of *papers*."""
    pages = html_pages(outdir)
    paper_pages = [p for p in pages if is_paper_page(outdir / p)]
    others = [p for p in pages if p not in set(paper_pages)]
    return others + sample(paper_pages, papers)


# -- screenshot views -----------------------------------------------------------------


@dataclass(frozen=True)
class View:
    name: str
    mode: str
    phone: bool = False

    @property
    def viewport(self) -> dict[str, int]:
        return PHONE if self.phone else DESKTOP


VIEWS = (View("light", "light"), View("dark", "dark"), View("phone", "light", phone=True))
SCREENSHOT_PAGES = {"home": "index.html", "publications": "publications/index.html"}


def screenshot(browser: Any, url: str, view: View, path: Path) -> None:
    """One view of one page, as a reader first sees it."""
    context = browser.new_context(
        viewport=view.viewport,
        device_scale_factor=1,
        is_mobile=view.phone,
        has_touch=view.phone,
    )
    try:
        context.add_init_script(set_mode_script(view.mode))
        page = context.new_page()
        page.goto(url, wait_until="load")
        page.wait_for_function(f"document.documentElement.dataset.theme === '{view.mode}'")
        page.evaluate("document.fonts.ready")
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path), animations="disabled")
    finally:
        context.close()


def screenshot_all(
    browser: Any, server: Server, sites: Mapping[str, Path], out: Path
) -> list[Path]:
    """Light, dark and phone views of the home and publications pages of each site.

    A site whose publications are on its home page (no ``publications/index.html``)
    gets the home page's views only.
    """
    made = []
    for site, outdir in sites.items():
        for label, page_path in SCREENSHOT_PAGES.items():
            if not (outdir / page_path).is_file():
                continue
            for view in VIEWS:
                path = out / f"{site}-{label}-{view.name}.png"
                screenshot(browser, server.url(site, page_path), view, path)
                made.append(path)
    return made


# -- axe-core -------------------------------------------------------------------------

AXE_RUN = """async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) =>
      n.target.join(" ") + " :: " + (n.failureSummary || "").replace(/\\s+/g, " ")),
  }));
}"""


def axe_violations(page: Any, axe_source: str) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now (rules: axe's defaults)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    return page.evaluate(AXE_RUN)


def describe_violations(violations: list[dict[str, Any]], limit: int = 4) -> str:
    lines = []
    for v in violations:
        lines.append(f"  {v['id']} ({v['impact']}): {v['help']}")
        lines += [f"      {node}" for node in v["nodes"][:limit]]
        if len(v["nodes"]) > limit:
            lines.append(f"      … and {len(v['nodes']) - limit} more")
    return "\n".join(lines)
