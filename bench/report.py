"""Turn the runner's raw timings into a summary, a Markdown table, budgets and a plot.

    python bench/report.py bench/results/results.json     # re-render from raw timings

Writes report.json (summary, budgets and the raw builds), report.md and report.png
next to the input.
"""

from __future__ import annotations

import json
import statistics
import sys
from collections import defaultdict
from pathlib import Path

SCENARIO_NAMES = {
    "cold": "cold (empty output and doctree folders)",
    "rebuild_all": "`-E -a` over the last output",
    "noop": "no-op rebuild",
    "touch_page": "touch a page without papers",
    "touch_bib": "touch refs.bib (mtime only)",
    "edit_title": "edit one entry's title",
    "edit_author": "edit one entry's authors",
    "edit_year": "edit one entry's year",
    "add_entry": "add an entry (mid-file)",
    "delete_entry": "delete that entry",
}
ORDER = tuple(SCENARIO_NAMES)


def summarize(builds: list[dict]) -> list[dict]:
    """One row per (N, scenario, site): median and range of wall time, peak RSS."""
    groups: dict[tuple[int, str, str], list[dict]] = defaultdict(list)
    for build in builds:
        groups[(build["n"], build["scenario"], build["site"])].append(build)
    rows = []
    for (n, scenario, site), items in groups.items():
        times = [b["seconds"] for b in items]
        rows.append(
            {
                "n": n,
                "scenario": scenario,
                "site": site,
                "runs": len(items),
                "median_s": round(statistics.median(times), 3),
                "min_s": round(min(times), 3),
                "max_s": round(max(times), 3),
                "peak_rss_mib": round(max(b["rss_mib"] for b in items), 1),
                "warnings": max(b["warnings"] for b in items),
                "max_load": round(max(b.get("load", 0.0) for b in items), 1),
            }
        )
    rows.sort(key=lambda r: (r["n"], ORDER.index(r["scenario"]), r["site"]))
    return rows


def _find(rows: list[dict], n: int, scenario: str, site: str) -> dict | None:
    return next(
        (r for r in rows if (r["n"], r["scenario"], r["site"]) == (n, scenario, site)), None
    )


def ratio(rows: list[dict], n: int, scenario: str) -> float | None:
    a, b = _find(rows, n, scenario, "A"), _find(rows, n, scenario, "B")
    if not a or not b or not b["median_s"]:
        return None
    return a["median_s"] / b["median_s"]


def budgets(rows: list[dict]) -> list[dict]:
    """The budgets of issues 6 and 17, from the medians of site A (SKIP if a size was not run).

    "cold" is the build into empty output and doctree folders (issue 17).
    """

    def median(n: int, scenario: str, site: str = "A") -> float | None:
        row = _find(rows, n, scenario, site)
        return row["median_s"] if row else None

    def peak_rss(n: int) -> float | None:
        values = [r["peak_rss_mib"] for r in rows if r["n"] == n and r["site"] == "A"]
        return max(values) if values else None

    cold_a_1000, cold_b_1000 = median(1000, "cold"), median(1000, "cold", "B")
    cold_a_5000, cold_b_5000 = median(5000, "cold"), median(5000, "cold", "B")

    def over_noop(n: int, scenario: str) -> float | None:
        edit, noop = median(n, scenario), median(n, "noop")
        return None if edit is None or noop is None else edit - noop

    checks = [
        (
            "N=1000: cold(A) <= 0.2 x cold(B)",
            None if cold_a_1000 is None or cold_b_1000 is None else cold_a_1000 / cold_b_1000,
            0.2,
            "x",
        ),
        ("N=1000: no-op rebuild <= 1.1 s", median(1000, "noop"), 1.1, "s"),
        ("N=1000: touch a page without papers <= 1.2 s", median(1000, "touch_page"), 1.2, "s"),
        ("N=5000: cold <= 10 s", cold_a_5000, 10.0, "s"),
        ("N=5000: no-op rebuild <= 2 s", median(5000, "noop"), 2.0, "s"),
        ("N=5000: peak RSS <= 300 MiB", peak_rss(5000), 300.0, "MiB"),
        (
            "N=5000: cold(A) <= 0.15 x cold(B)",
            None if cold_a_5000 is None or cold_b_5000 is None else cold_a_5000 / cold_b_5000,
            0.15,
            "x",
        ),
        ("N=5000: touch a page without papers <= 1.5 s", median(5000, "touch_page"), 1.5, "s"),
        *(
            (f"N={n}: {SCENARIO_NAMES[s]} <= no-op + 0.5 s", over_noop(n, s), 0.5, "s over no-op")
            for n in (1000, 5000)
            for s in ("edit_title", "edit_author", "edit_year", "add_entry", "delete_entry")
        ),
        (
            "cold(5000) / cold(1000) <= 5 (no worse than linear)",
            None if cold_a_1000 is None or cold_a_5000 is None else cold_a_5000 / cold_a_1000,
            5.0,
            "x",
        ),
    ]
    out = []
    for name, value, limit, unit in checks:
        status = "SKIP" if value is None else ("PASS" if value <= limit else "FAIL")
        out.append(
            {
                "budget": name,
                "value": None if value is None else round(value, 3),
                "limit": limit,
                "unit": unit,
                "status": status,
            }
        )
    return out


def _cell(row: dict | None) -> str:
    if row is None:
        return "–"
    if row["runs"] == 1:
        return f"{row['median_s']:.2f}"
    return f"{row['median_s']:.2f} ({row['min_s']:.2f}–{row['max_s']:.2f})"


def markdown(rows: list[dict], checks: list[dict], meta: dict) -> str:
    sizes = sorted({r["n"] for r in rows})
    lines = [
        "| N | scenario | A: sphinx-scholar, s | B: sphinxcontrib-bibtex, s | A/B | "
        "peak RSS A, MiB | peak RSS B, MiB | max load |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for n in sizes:
        for scenario in ORDER:
            a, b = _find(rows, n, scenario, "A"), _find(rows, n, scenario, "B")
            if not a and not b:
                continue
            r = ratio(rows, n, scenario)
            lines.append(
                f"| {n} | {SCENARIO_NAMES[scenario]} | {_cell(a)} | {_cell(b)} | "
                f"{'–' if r is None else f'{r:.2f}'} | "
                f"{a['peak_rss_mib'] if a else '–'} | {b['peak_rss_mib'] if b else '–'} | "
                f"{max(r['max_load'] for r in (a, b) if r)} |"
            )
    floor = {scenario: _find(rows, 0, scenario, "floor") for scenario in ("cold", "noop")}
    floor_text = ""
    if floor["cold"] and floor["noop"]:
        floor_text = (
            "Baseline: the same theme and pages with no bibliography and no bib extension "
            f"(stock Sphinx, MyST and pydata-sphinx-theme) take {_cell(floor['cold'])} s cold "
            f"and {_cell(floor['noop'])} s for a no-op rebuild (peak RSS "
            f"{floor['noop']['peak_rss_mib']} MiB)."
        )
    budget_lines = ["| budget | measured | result |", "|---|---:|---|"]
    for check in checks:
        value = "–" if check["value"] is None else f"{check['value']:g} {check['unit']}"
        budget_lines.append(f"| {check['budget']} | {value} | **{check['status']}** |")
    for n in (1000, 5000):
        again = ratio(rows, n, "rebuild_all")
        if again is not None:
            budget_lines.append(
                f"| (not a budget) N={n}: `-E -a` over the last output, A / B "
                f"| {again:.3g} x | info |"
            )
    versions = ", ".join(f"{k} {v}" for k, v in (meta.get("versions") or {}).items() if v)
    header = [
        "# Build-speed benchmark",
        "",
        f"Measured {meta.get('date', '?')} on {meta.get('cpu', '?')} "
        f"({meta.get('cores', '?')} cores), Python {meta.get('python', '?')}; {versions}.",
        f"Seed {meta.get('seed')}, {meta.get('rounds')} rounds, sizes "
        f"{', '.join(map(str, meta.get('sizes', [])))}; the whole run took "
        f"{meta.get('total_seconds', '?')} s. Peak RSS by {meta.get('rss_method', '?')}.",
        "Times are the median (min–max) wall time of separate `sphinx-build -q` processes.",
        "",
        f"Reproduce: `{meta.get('command', 'python bench/run.py')}`",
        "",
        *([floor_text, ""] if floor_text else []),
    ]
    return "\n".join([*header, *lines, "", "## Budgets (site A)", "", *budget_lines, ""])


def plot(rows: list[dict], path: Path) -> None:
    """Time against N, log-log: cold and no-op builds of A and B, whiskers min–max."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FormatStrFormatter, NullFormatter

    fig, ax = plt.subplots(figsize=(7, 4.5), dpi=120)
    styles = {"A": ("tab:blue", "sphinx-scholar"), "B": ("tab:red", "sphinxcontrib-bibtex")}
    for scenario, marker, dash in (("cold", "o", "-"), ("noop", "s", "--")):
        for site, (colour, label) in styles.items():
            points = sorted(
                (r for r in rows if r["scenario"] == scenario and r["site"] == site),
                key=lambda r: r["n"],
            )
            if not points:
                continue
            xs = [r["n"] for r in points]
            ys = [r["median_s"] for r in points]
            err = [
                [r["median_s"] - r["min_s"] for r in points],
                [r["max_s"] - r["median_s"] for r in points],
            ]
            ax.errorbar(
                xs,
                ys,
                yerr=err,
                color=colour,
                marker=marker,
                linestyle=dash,
                capsize=3,
                label=f"{label}: {SCENARIO_NAMES[scenario].split(' (')[0]}",
            )
    for scenario, dash in (("cold", ":"), ("noop", "-.")):  # the floor's rows
        row = _find(rows, 0, scenario, "floor")
        if row:
            ax.axhline(
                row["median_s"],
                color="grey",
                linestyle=dash,
                linewidth=1,
                label=f"empty site, no extension: {SCENARIO_NAMES[scenario].split(' (')[0]}",
            )
    ax.set_xscale("log")
    ax.set_yscale("log")
    sizes = sorted({r["n"] for r in rows if r["n"] > 0})
    ax.set_xticks(sizes, [str(n) for n in sizes])
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.yaxis.set_major_formatter(FormatStrFormatter("%g"))
    ax.yaxis.set_minor_formatter(FormatStrFormatter("%g"))
    ax.set_xlabel("entries in refs.bib (N)")
    ax.set_ylabel("wall time of sphinx-build, s")
    ax.set_title("Build time against bibliography size")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize="small")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def write_all(raw: dict, outdir: Path) -> dict:
    """Write report.json, report.md and report.png into *outdir*; return the summary."""
    rows = summarize(raw["builds"])
    checks = budgets(rows)
    text = markdown(rows, checks, raw["meta"])
    summary = {
        "meta": raw["meta"],
        "summary": rows,
        "ratios": {
            f"{n}/{s}": ratio(rows, n, s)
            for n in sorted({r["n"] for r in rows})
            for s in ORDER
            if ratio(rows, n, s) is not None
        },
        "budgets": checks,
        "verified_edits": raw.get("verified", []),
        "builds": raw["builds"],
    }
    (outdir / "report.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    (outdir / "report.md").write_text(text, encoding="utf-8")
    plot(rows, outdir / "report.png")
    return {**summary, "markdown": text}


def main() -> None:
    source = Path(sys.argv[1] if len(sys.argv) > 1 else "bench/results/results.json")
    summary = write_all(json.loads(source.read_text(encoding="utf-8")), source.parent)
    print(summary["markdown"])


if __name__ == "__main__":
    main()
