"""How long ``make preview`` (sphinx-autobuild) takes to rebuild after one edit.

Copies the demo site, starts sphinx-autobuild on it, then edits a page and refs.bib
in turn, and times each from the save to the end of the rebuild (the log's "build
succeeded"), when sphinx-autobuild tells the browser to reload.

    python bench/preview.py            # prints a Markdown table
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DONE = re.compile(r"build succeeded|build finished with problems")


def site_copy(target: Path) -> Path:
    files = subprocess.run(
        ["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split()
    for name in files:
        if name.startswith(("tests/", "bench/", "src/", "docs/", "examples/", "tools/")):
            continue
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, target / name)
    return target


class Server:
    """sphinx-autobuild in a subprocess, with its log lines timestamped as they come."""

    def __init__(self, src: Path, out: Path, port: int) -> None:
        autobuild = Path(sys.executable).with_name("sphinx-autobuild")
        self.proc = subprocess.Popen(
            [str(autobuild), str(src), str(out), "--port", str(port), "-W", "--keep-going"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        self.done: list[float] = []
        self.log: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.log.append(line)
            if DONE.search(line):
                self.done.append(time.monotonic())

    def wait_builds(self, count: int, timeout: float = 300) -> float:
        deadline = time.monotonic() + timeout
        while len(self.done) < count:
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise RuntimeError("no rebuild:\n" + "".join(self.log[-30:]))
            time.sleep(0.02)
        return self.done[count - 1]

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


def edit(path: Path, old: str, new: str) -> float:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return time.monotonic()


def main() -> int:
    rounds = 3
    with tempfile.TemporaryDirectory() as tmp:
        src = site_copy(Path(tmp) / "site")
        server = Server(src, Path(tmp) / "out", port=8765)
        try:
            start = time.monotonic()
            first = server.wait_builds(1) - start
            results: dict[str, list[float]] = {"a page (index.md)": [], "refs.bib (one title)": []}
            builds = 1
            for n in range(rounds):
                time.sleep(1.5)  # let the watcher settle
                saved = edit(src / "index.md", "Research interests", f"Research interests{n}")
                builds += 1
                results["a page (index.md)"].append(server.wait_builds(builds) - saved)
                time.sleep(1.5)
                saved = edit(src / "refs.bib", "{AdaServe", f"{{AdaServe{n}")
                builds += 1
                results["refs.bib (one title)"].append(server.wait_builds(builds) - saved)
        finally:
            server.stop()
    print(f"first build: {first:.1f} s\n")
    print("| edit | rebuild, median of 3 (s) | all (s) |\n|---|---:|---:|")
    for what, times in results.items():
        ordered = sorted(times)
        shown = ", ".join(f"{t:.2f}" for t in times)
        print(f"| {what} | {ordered[len(ordered) // 2]:.2f} | {shown} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
