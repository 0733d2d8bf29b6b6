"""Build-speed benchmark: sphinx-scholar (A) against plain sphinxcontrib-bibtex (B).

For each size N it generates two sites from one seeded bib (see generate.py) and
times separate ``sphinx-build`` processes, alternating A and B, for these scenarios:

* ``cold``: a truly cold build: empty output and doctree folders (a new clone, CI);
* ``rebuild_all``: ``-E -a`` on the existing output folder (a fresh environment, but
  what the extension keeps beside the doctrees is still there);
* ``noop``: a rebuild where nothing changed;
* ``touch_page``: about.md (a page that shows no papers) got a new mtime;
* ``touch_bib``: refs.bib got a new mtime, its content is the same;
* ``edit_title``, ``edit_author``, ``edit_year``: one selected entry's title, author
  list or year changed; the runner checks that the new value is in publications.html,
  on the home page (A) and on the paper's page (A, if the extension writes paper
  pages), and that no earlier edit's value remains;
* ``add_entry``: a new entry inserted in the middle of the bib (every later entry's
  line moves); it must show on publications.html;
* ``delete_entry``: that entry removed again; it must be gone from publications.html.

Wall time is measured around the subprocess, peak RSS by ``/usr/bin/time -v``
(or by polling the child with psutil where GNU time is missing).

    python bench/run.py                                  # 100, 1000, 5000; 3 rounds
    python bench/run.py --sizes 100 1000 --rounds 1      # a quick look
    python bench/run.py --publish                        # also write bench/latest.*
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

import generate
import report

BENCH = Path(__file__).resolve().parent
SITES = ("A", "B")
SCENARIOS = (
    "cold",
    "rebuild_all",
    "noop",
    "touch_page",
    "touch_bib",
    "edit_title",
    "edit_author",
    "edit_year",
    "add_entry",
    "delete_entry",
)
EDITS = ("edit_title", "edit_author", "edit_year")
GNU_TIME = Path("/usr/bin/time")
_MAXRSS = re.compile(r"Maximum resident set size \(kbytes\):\s*(\d+)")
_EDIT_TOKEN = re.compile(r"(?<![a-z])zq(?:edit|author)\d+", re.I)  # not in B's labels


class BenchError(RuntimeError):
    """A build failed or its output is wrong: the numbers would mean nothing."""


@dataclass
class Build:
    n: int
    site: str
    scenario: str
    round: int
    seconds: float
    rss_mib: float
    warnings: int
    load: float  #: the 1-minute load average just before the build (other work skews times)


@dataclass
class Site:
    name: str
    src: Path
    out: Path
    doctrees: Path

    def command(self, *flags: str) -> list[str]:
        return [
            sys.executable,
            "-m",
            "sphinx",
            "-q",
            "-b",
            "html",
            "-d",
            str(self.doctrees),
            *flags,
            str(self.src),
            str(self.out),
        ]


def child_env() -> dict[str, str]:
    """The environment builds run in: as a user's, so Python caches bytecode as usual."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_build(site: Site, flags: tuple[str, ...] = ()) -> tuple[float, float, str]:
    """Run one sphinx-build; return (wall seconds, peak RSS in MiB, stderr)."""
    command = site.command(*flags)
    if GNU_TIME.exists():
        start = time.perf_counter()
        done = subprocess.run(
            [str(GNU_TIME), "-v", *command],
            capture_output=True,
            text=True,
            check=False,
            env=child_env(),
        )
        seconds = time.perf_counter() - start
        stderr = done.stderr
        match = _MAXRSS.search(stderr)
        if not match:
            raise BenchError(f"no peak RSS in /usr/bin/time's output:\n{stderr[-2000:]}")
        rss = int(match.group(1)) / 1024
        stderr = stderr[: stderr.rfind("\tCommand being timed:")]
    else:
        seconds, rss, stderr, code = _run_polled(command)
        done = subprocess.CompletedProcess(command, code, "", stderr)
    if done.returncode != 0:
        raise BenchError(f"{' '.join(command)} failed ({done.returncode}):\n{stderr[-3000:]}")
    return seconds, rss, stderr


def _run_polled(command: list[str]) -> tuple[float, float, str, int]:
    """The psutil fallback: sample the child's RSS every 10 ms."""
    import psutil

    with tempfile.TemporaryFile("w+") as errors:
        start = time.perf_counter()
        child = psutil.Popen(
            command, stdout=subprocess.DEVNULL, stderr=errors, text=True, env=child_env()
        )
        peak = 0
        while child.poll() is None:
            try:
                peak = max(peak, child.memory_info().rss)
            except psutil.NoSuchProcess:
                break
            time.sleep(0.01)
        seconds = time.perf_counter() - start
        errors.seek(0)
        return seconds, peak / 2**20, errors.read(), child.returncode


def touch(path: Path) -> None:
    """A new mtime, strictly later than anything the last build recorded."""
    now = time.time()
    os.utime(path, (now, now))


def page_text(path: Path) -> str:
    """The visible text of a built page, whitespace squashed (what a reader sees)."""
    import lxml.html

    if not path.is_file():
        raise BenchError(f"{path} was not written")
    tree = lxml.html.parse(str(path))
    for junk in tree.xpath("//script | //style"):
        junk.drop_tree()
    return " ".join(tree.getroot().text_content().split())


def verify_edit(site: Site, key: str, title: str, token: str) -> list[str]:
    """The pages that must show the edited value; raise if one shows it not, or a stale one."""
    pages = [site.out / "publications.html"]
    if site.name == "A":
        pages.append(site.out / "index.html")  # the entry is selected: on the home page too
        paper_pages = site.out / "publications"
        if paper_pages.is_dir():
            pages.append(paper_pages / key / "index.html")
    for page in pages:
        text = page_text(page)
        if title not in text:
            raise BenchError(f"site {site.name}: the edited value {title!r} is not in {page}")
        kind = token.lower().rstrip("0123456789")
        found = {t.lower() for t in _EDIT_TOKEN.findall(text)}
        stale = {t for t in found if t.rstrip("0123456789") == kind} - {token.lower()}
        if stale:
            raise BenchError(f"site {site.name}: {page} still shows an earlier title {stale}")
    return [str(p.relative_to(site.out)) for p in pages]


def edit(site: Site, scenario: str, key: str, round_: int) -> tuple[str, str] | None:
    """Change refs.bib for *scenario*; return (text a page must now show, its token)."""
    bib = site.src / "refs.bib"
    text = bib.read_text("utf-8")
    shown: tuple[str, str] | None = None
    if scenario == "edit_title":
        token = f"zqedit{round_}"
        shown = (f"Retitled paper {token} about caching", token)
        text = generate.replace_title(text, key, shown[0])
    elif scenario == "edit_author":
        token = f"zqauthor{round_}"
        shown = (token.capitalize(), token)  # a family name: cards may shorten given names
        text = generate.replace_field(text, key, "author", f"Renée Okafor and Ann {shown[0]}")
    elif scenario == "edit_year":
        year = str(1960 + round_)
        shown = (year, year)
        text = generate.replace_field(text, key, "year", year)
    elif scenario == "add_entry":
        text = generate.insert_entry(text, generate.added_entry(round_))
    elif scenario == "delete_entry":
        text = generate.delete_entry(text, generate.added_entry(round_).key)
    bib.write_text(text, encoding="utf-8")
    touch(bib)
    return shown


def verify_added(site: Site, round_: int, present: bool) -> str:
    """The added entry's title is on publications.html exactly while it is in the bib."""
    title = generate.added_entry(round_).title
    page = site.out / "publications.html"
    if (title in page_text(page)) is not present:
        raise BenchError(f"site {site.name}: {title!r} {'not ' if present else ''}in {page}")
    return str(page.relative_to(site.out))


def warning_count(stderr: str) -> int:
    return sum(1 for line in stderr.splitlines() if "WARNING" in line)


def make_sites(root: Path, n: int, seed: int) -> tuple[dict[str, Site], str]:
    items = generate.entries(n, seed)
    sites = {}
    for name in SITES:
        base = root / f"n{n}" / name
        shutil.rmtree(base, ignore_errors=True)
        generate.write_site(base / "src", items, name, seed)
        sites[name] = Site(
            name, base / "src", base / "_build" / "html", base / "_build" / "doctrees"
        )
    return sites, generate.edit_target(items).key


def bench_size(
    n: int,
    rounds: int,
    seed: int,
    root: Path,
    log: list[Build],
    verified: list[str],
    baseline: tuple[str, ...] = SCENARIOS,
) -> None:
    """Time every scenario on A, and the scenarios of *baseline* on B."""
    sites, key = make_sites(root, n, seed)

    def record(site: Site, scenario: str, round_: int, flags: tuple[str, ...] = ()) -> None:
        load = os.getloadavg()[0]
        seconds, rss, stderr = run_build(site, flags)
        build = Build(n, site.name, scenario, round_, seconds, rss, warning_count(stderr), load)
        log.append(build)
        print(
            f"  N={n:<5} {site.name} {scenario:<10} round {round_}: "
            f"{seconds:7.2f} s {rss:6.0f} MiB  {build.warnings} warnings  load {load:.1f}",
            file=sys.stderr,
            flush=True,
        )

    for round_ in range(1, rounds + 1):
        for scenario in SCENARIOS:
            for site in sites.values():
                if site.name == "B" and scenario not in baseline:
                    continue
                flags: tuple[str, ...] = ()
                shown = None
                if scenario == "cold":
                    shutil.rmtree(site.out.parent, ignore_errors=True)
                elif scenario == "rebuild_all":
                    flags = ("-E", "-a")
                elif scenario == "touch_page":
                    touch(site.src / "about.md")
                elif scenario == "touch_bib":
                    touch(site.src / "refs.bib")
                elif scenario in (*EDITS, "add_entry", "delete_entry"):
                    shown = edit(site, scenario, key, round_)
                record(site, scenario, round_, flags)
                checked = None
                if shown is not None:
                    checked = ", ".join(verify_edit(site, key, *shown))
                elif scenario in ("add_entry", "delete_entry"):
                    checked = verify_added(site, round_, scenario == "add_entry")
                if checked:
                    verified.append(f"N={n} {site.name} {scenario} round {round_}: {checked}")


def bench_floor(rounds: int, root: Path, log: list[Build]) -> None:
    """The same theme and pages with no bibliography and no bib extension: the baseline.

    Also warms up: Python's bytecode caches and the OS file cache are filled
    before anything that counts is timed.
    """
    base = root / "floor"
    shutil.rmtree(base, ignore_errors=True)
    generate.write_floor_site(base / "src")
    floor = Site("floor", base / "src", base / "_build" / "html", base / "_build" / "doctrees")
    warm = generate.entries(20)
    for name in SITES:
        generate.write_site(base / f"warm-{name}", warm, name)
        run_build(Site(name, base / f"warm-{name}", base / f"warm-{name}-out", base / "wd"))
    for round_ in range(1, rounds + 1):
        for scenario, flags in (("cold", ()), ("rebuild_all", ("-E", "-a")), ("noop", ())):
            if scenario == "cold":
                shutil.rmtree(floor.out.parent, ignore_errors=True)
            load = os.getloadavg()[0]
            seconds, rss, stderr = run_build(floor, flags)
            log.append(
                Build(0, "floor", scenario, round_, seconds, rss, warning_count(stderr), load)
            )
            print(f"  floor {scenario:<5} round {round_}: {seconds:6.2f} s", file=sys.stderr)


def environment() -> dict[str, object]:
    """What the numbers were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for package in (
        "sphinx",
        "sphinx-scholar",
        "sphinxcontrib-bibtex",
        "pybtex",
        "myst-parser",
        "pydata-sphinx-theme",
        "docutils",
    ):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": versions,
        "rss_method": "/usr/bin/time -v" if GNU_TIME.exists() else "psutil polling",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=generate.SEED)
    parser.add_argument("--out", type=Path, default=BENCH / "results")
    parser.add_argument(
        "--publish", action="store_true", help="also write bench/latest.{json,md,png}"
    )
    parser.add_argument(
        "--baseline",
        nargs="+",
        choices=SCENARIOS,
        default=list(SCENARIOS),
        help="the scenarios B runs (B is slow at 5000; the budgets need only its cold build)",
    )
    parser.add_argument(
        "--strict", action="store_true", help="exit with status 1 if a budget fails"
    )
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    args.out.mkdir(parents=True, exist_ok=True)
    work = args.out / "sites"
    log: list[Build] = []
    verified: list[str] = []
    started = time.perf_counter()
    meta: dict[str, object] = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "sizes": args.sizes,
        "rounds": args.rounds,
        "seed": args.seed,
        "command": "python bench/run.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        **environment(),
    }
    raw_path = args.out / "results.json"
    print("floor (empty site, warm-up)", file=sys.stderr, flush=True)
    bench_floor(args.rounds, work, log)
    for n in args.sizes:
        print(f"N={n}", file=sys.stderr, flush=True)
        bench_size(n, args.rounds, args.seed, work, log, verified, tuple(args.baseline))
        meta["total_seconds"] = round(time.perf_counter() - started, 1)
        raw = {"meta": meta, "builds": [asdict(b) for b in log], "verified": verified}
        raw_path.write_text(json.dumps(raw, indent=1), encoding="utf-8")  # after every size
    summary = report.write_all(raw, args.out)
    print(summary["markdown"])
    print(f"results: {args.out}  (the full run took {meta['total_seconds']} s)")
    if args.publish:
        for suffix in ("json", "md", "png"):
            shutil.copyfile(args.out / f"report.{suffix}", BENCH / f"latest.{suffix}")
        print("published bench/latest.json, bench/latest.md, bench/latest.png")
    for check in summary["budgets"]:
        print(f"{check['status']:4}  {check['budget']}  (measured: {check['value']})")
    failed = any(b["status"] == "FAIL" for b in summary["budgets"])
    return 1 if failed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
