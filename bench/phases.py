"""Where a build's wall time goes, phase by phase, for site A (sphinx-scholar).

``run.py`` says how long a build takes; this says which part of it: each build is a
separate ``sphinx-build`` process, as in run.py, with ``phaselog.py`` added to the
site's extensions; the phases are cut at the first and the last handler of the build
events, so a phase holds everything Sphinx and every extension did between them.
Unlike a profiler, it slows nothing down: it adds a dozen handler calls to a build.

    python bench/phases.py --size 5000                       # cold, no-op, edits; 3 rounds
    python bench/phases.py --size 1000 --scenarios cold --rounds 5
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import generate
import run
from sphinx.config import Config
from sphinx.util.tags import Tags

BENCH = Path(__file__).resolve().parent
SCENARIOS = ("cold", "noop", "touch_page", *run.EDITS)
#: (phase, the mark that ends it); the first phase starts when the process is started
PHASES = (
    ("start: Python, Sphinx, conf.py, extensions", "config-inited:first"),
    ("config-inited handlers", "config-inited:last"),
    ("environment loaded, builder made", "builder-inited:first"),
    ("builder-inited handlers (sphinx-scholar: the bib)", "builder-inited:last"),
    ("finding and reading changed sources", "env-get-updated:first"),
    ("env-get-updated handlers (sphinx-scholar: pages to write again)", "env-get-updated:last"),
    ("pickling the environment, consistency checks", "write-started:first"),
    ("write-started handlers", "write-started:last"),
    ("static files, writing changed pages, general index", "html-collect-pages:first"),
    ("html-collect-pages handlers (sphinx-scholar: paper pages)", "html-collect-pages:last"),
    ("search page, images, search index, inventory", "build-finished:first"),
    ("build-finished handlers (feeds, sitemap, kept caches)", "build-finished:last"),
    ("process exit", "exit"),
)


def split(started: float, marks: list[tuple[str, float]], ended: float) -> dict[str, float]:
    """Seconds per phase. A phase whose closing mark is missing (an event a build did not
    emit) is counted with the next one, whose name then lists both."""
    at = dict(marks)
    at["exit"] = ended
    out: dict[str, float] = {}
    pending: list[str] = []
    last = started
    for name, mark in PHASES:
        pending.append(name)
        if mark in at:
            out[" + ".join(pending)] = at[mark] - last
            last, pending = at[mark], []
    return out


def measure(site: run.Site, extensions: list[str]) -> dict[str, float]:
    """One build of *site* with the phase marks: seconds per phase."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "marks.json"
        env = run.child_env()
        env["SCHOLAR_PHASES_OUT"] = str(out)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(BENCH), env.get("PYTHONPATH")]))
        env["NO_COLOR"] = "1"
        command = site.command("-D", "extensions=" + ",".join([*extensions, "phaselog"]))
        started = time.time()
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        ended = time.time()
        if done.returncode != 0 or not out.is_file():
            raise run.BenchError(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
        marks = [(label, stamp) for label, stamp in json.loads(out.read_text("utf-8"))]
    return split(started, marks, ended)


def prepare(site: run.Site, scenario: str, key: str, round_: int) -> tuple[str, str] | None:
    """What happens before the build, as in run.py; for an edit, what the pages must then
    show (:func:`run.verify_edit` checks it after the build)."""
    if scenario == "cold":
        shutil.rmtree(site.out.parent, ignore_errors=True)
    elif scenario == "touch_page":
        run.touch(site.src / "about.md")
    elif scenario in run.EDITS:
        return run.edit(site, scenario, key, round_)
    return None


def bench(
    n: int, scenarios: list[str], rounds: int, root: Path, seed: int
) -> dict[str, list[dict[str, float]]]:
    """scenario -> its rounds, each the seconds per phase."""
    items = generate.entries(n, seed)
    key = generate.edit_target(items).key
    base = root / f"n{n}"
    shutil.rmtree(base, ignore_errors=True)
    generate.write_site(base / "src", items, "A", seed)
    site = run.Site("A", base / "src", base / "_build" / "html", base / "_build" / "doctrees")
    extensions = list(Config.read(site.src, overrides={}, tags=Tags()).extensions)
    measure(site, extensions)  # untimed: the first build also warms caches
    found: dict[str, list[dict[str, float]]] = {s: [] for s in scenarios}
    for round_ in range(1, rounds + 1):
        for scenario in scenarios:
            shown = prepare(site, scenario, key, round_)
            phases = measure(site, extensions)
            if shown is not None:  # a build that missed the edit would time nothing useful
                run.verify_edit(site, key, *shown)
            found[scenario].append(phases)
            total = sum(phases.values())
            print(f"  N={n} {scenario:<11} round {round_}: {total:6.2f} s", file=sys.stderr)
    return found


def table(n: int, found: dict[str, list[dict[str, float]]]) -> str:
    """Median seconds per phase (rows) and scenario (columns), in Markdown."""
    scenarios = list(found)
    phases: list[str] = []
    for rounds in found.values():
        for per_phase in rounds:
            phases.extend(p for p in per_phase if p not in phases)
    lines = [
        f"| N={n}: phase | " + " | ".join(scenarios) + " |",
        "|---|" + "---:|" * len(scenarios),
    ]
    for phase in phases:
        cells = [[r[phase] for r in found[s] if phase in r] for s in scenarios]
        shown = [f"{statistics.median(c):.3f}" if c else "–" for c in cells]
        lines.append(f"| {phase} | " + " | ".join(shown) + " |")
    totals = [f"**{statistics.median(sum(r.values()) for r in found[s]):.3f}**" for s in scenarios]
    lines.append("| total (median of the rounds' sums) | " + " | ".join(totals) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--scenarios", nargs="+", choices=SCENARIOS, default=list(SCENARIOS))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=generate.SEED)
    parser.add_argument("--out", type=Path, default=BENCH / "results" / "phases")
    args = parser.parse_args(argv)
    found = bench(args.size, args.scenarios, args.rounds, args.out, args.seed)
    print(f"load average after the run: {os.getloadavg()[0]:.2f}")
    print(table(args.size, found))
    return 0


if __name__ == "__main__":
    sys.exit(main())
