"""``make preview``: sphinx-autobuild rebuilds the demo after an edit of refs.bib or a page,
and the served page changes (the browser is told to reload when the build ends)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, rewrite

pytestmark = pytest.mark.hosting


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def make_target(makefile: Path) -> list[str]:
    """The command ``make preview`` runs, with make's variables filled in."""
    text = makefile.read_text(encoding="utf-8")
    recipe = re.search(r"^preview:.*\n\t(.+)$", text, re.M)
    assert recipe, "Makefile has no preview target"
    return shlex.split(recipe.group(1).replace("$(VENV)/bin/", ""))


@pytest.fixture
def demo(tmp_path) -> Path:
    """The demo site's own files (pages, refs.bib, _static, conf.py)."""
    src = tmp_path / "site"
    keep = ("conf.py", "index.md", "refs.bib")
    src.mkdir()
    for name in keep:
        shutil.copy2(REPO / name, src / name)
    for folder in (
        "_static",
        "publications",
        "group",
        "projects",
        "teaching",
        "awards",
        "experience",
        "news",
        "cv",
    ):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, src / folder)
    return src


def test_an_edit_of_refs_bib_or_a_page_rebuilds_the_served_site(demo, tmp_path):
    command = make_target(REPO / "Makefile")
    assert command[0] == "sphinx-autobuild" and command[1:3] == [".", "_build/html"]
    port = free_port()
    autobuild = Path(sys.executable).with_name("sphinx-autobuild")
    proc = subprocess.Popen(
        [str(autobuild), str(demo), str(tmp_path / "out"), "--port", str(port), *command[3:]],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    builds: list[float] = []
    log: list[str] = []

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            log.append(line)
            if "build succeeded" in line:
                builds.append(time.monotonic())

    threading.Thread(target=read, daemon=True).start()

    def wait_for(count: int) -> float:
        deadline = time.monotonic() + 120
        while len(builds) < count:
            assert proc.poll() is None and time.monotonic() < deadline, "".join(log[-40:])
            time.sleep(0.05)
        return builds[count - 1]

    def page(path: str) -> BeautifulSoup:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=10) as r:
                    return BeautifulSoup(r.read().decode("utf-8"), "lxml")
            except OSError:
                assert time.monotonic() < deadline
                time.sleep(0.2)

    try:
        wait_for(1)
        home = page("publications/index.html")
        assert "AdaServe" in home.select_one("li#li2026adaserve .scholar-title").get_text()
        # the page carries sphinx-autobuild's reload script
        assert any("websocket-reload" in s.get_text() for s in home.select("script"))

        time.sleep(1)
        bib = demo / "refs.bib"
        rewrite(bib, bib.read_text(encoding="utf-8").replace("{AdaServe}:", "{AdaServe2}:", 1))
        wait_for(2)
        title = page("publications/index.html").select_one("li#li2026adaserve .scholar-title")
        assert "AdaServe2" in title.get_text()

        time.sleep(1)
        index = demo / "index.md"
        rewrite(index, index.read_text(encoding="utf-8").replace("Research interests", "Topics", 1))
        wait_for(3)
        assert "Topics:" in page("index.html").get_text()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
