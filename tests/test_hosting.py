"""Hosting: the GitHub Pages workflows build with the README's command, and Read the Docs'
own build (fresh venv, its install steps, its sphinx command, a version sub-path) works.

The Read the Docs tests (marked ``network``) install from the package index into a fresh
venv, as Read the Docs does; pip's cache makes the second run fast. They fail, never skip,
when the index cannot be reached: a hosting path nobody has checked is what they are for.
``make test-fast`` leaves them out; ``make test`` runs them.
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import runpy
import shutil
import subprocess
import sys
import threading
import urllib.error
import urllib.request
import venv
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import REPO

from sphinx_scholar.cli.scaffold import command

CANONICAL = "https://example.readthedocs.io/en/latest/"
PREFIX = "/en/latest/"
OFFICIAL = {
    "build": [
        "actions/checkout",
        "actions/setup-python",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
    ],
    "deploy": ["actions/deploy-pages"],
}
#: Not part of a fresh clone: build outputs, virtual environments, caches, audit tools.
UNTRACKED = shutil.ignore_patterns(
    ".git",
    "_build",
    ".venv",
    ".venv-lowest",
    "venv",
    "node_modules",
    "test-artifacts",
    "audit-out",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    ".hypothesis",
    ".ruff_cache",
    ".pytest_cache",
    "results",
)


# -- the README's command and the workflows ------------------------------------------------
def console_lines(markdown: str, heading: str | None = None) -> list[str]:
    """The commands of the ```console blocks (of one ``##`` section when *heading* is given),
    without prompts and trailing comments."""
    if heading is not None:
        match = re.search(rf"^## {re.escape(heading)}\s*$(.*?)(?=^## |\Z)", markdown, re.M | re.S)
        assert match, f"no '## {heading}' section"
        markdown = match.group(1)
    lines: list[str] = []
    for block in re.findall(r"^```console\s*$(.*?)^```\s*$", markdown, re.M | re.S):
        for line in block.splitlines():
            line = re.sub(r"\s+#.*$", "", line.strip()).removeprefix("$ ").strip()
            if line:
                lines.append(line)
    return lines


def sphinx_command(markdown: str, heading: str | None = None) -> str:
    """The one ``python -m sphinx`` build command a README tells readers to run."""
    commands = [c for c in console_lines(markdown, heading) if c.startswith("python -m sphinx")]
    assert len(commands) == 1, commands
    return commands[0]


def load_workflow(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key ``on`` as True
    data["on"] = data.pop(True, data.get("on"))
    return data


def build_step(workflow: dict) -> dict:
    steps = [
        s for s in workflow["jobs"]["build"]["steps"] if "python -m sphinx" in s.get("run", "")
    ]
    assert len(steps) == 1, steps
    return steps[0]


def check_pages_workflow(workflow: dict, readme_command: str, install: str) -> None:
    """What every Pages workflow here must do: README's build, official actions, base URL."""
    assert workflow["permissions"]["pages"] == "write"
    assert workflow["permissions"]["id-token"] == "write"
    assert "push" in workflow["on"]
    step = build_step(workflow)
    assert step["run"] == readme_command
    for job, actions in OFFICIAL.items():
        used = [s["uses"].split("@")[0] for s in workflow["jobs"][job]["steps"] if "uses" in s]
        assert used == actions, job
    build = workflow["jobs"]["build"]["steps"]
    configure = next(s for s in build if s.get("uses", "").startswith("actions/configure-pages"))
    assert step["env"]["SCHOLAR_BASEURL"] == f"${{{{ steps.{configure['id']}.outputs.base_url }}}}"
    upload = next(s for s in build if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == readme_command.split()[-1]
    assert install in [s.get("run", "") for s in build]
    assert workflow["jobs"]["deploy"]["needs"] == "build"
    assert workflow["jobs"]["deploy"]["environment"]["name"] == "github-pages"


def new_site(target: Path, *extra: str) -> None:
    parser = argparse.ArgumentParser()
    command.add_arguments(parser)
    args = ["--no-input", "--name", "Ada Lovelace", "--url", "https://ada.example.org/"]
    assert command.run(parser.parse_args([str(target), *args, *extra])) == 0


def test_root_workflow_builds_with_the_readme_command():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    command_line = sphinx_command(readme, "Build and host it")
    assert command_line == "python -m sphinx -W --keep-going -b html . _build/html"
    workflow = load_workflow(REPO / ".github/workflows/pages.yml")
    check_pages_workflow(workflow, command_line, 'python -m pip install -e ".[site,cv]"')


def test_scaffold_workflow_builds_with_its_readme_command(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "stdin", None)
    new_site(tmp_path / "site")
    readme = (tmp_path / "site/README.md").read_text(encoding="utf-8")
    command_line = sphinx_command(readme)
    assert command_line == "python -m sphinx -W --keep-going -b html . _build/html"
    workflow = load_workflow(tmp_path / "site/.github/workflows/pages.yml")
    check_pages_workflow(workflow, command_line, "python -m pip install -r requirements.txt")


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "https://www.cs.cmu.edu/~zhihaoj2/"),
        ({"SCHOLAR_BASEURL": "https://owner.github.io/repo"}, "https://owner.github.io/repo"),
        ({"READTHEDOCS_CANONICAL_URL": CANONICAL, "SCHOLAR_BASEURL": "https://x.io/"}, CANONICAL),
    ],
)
def test_root_baseurl_follows_the_host(monkeypatch, env, expected):
    for name in ("READTHEDOCS_CANONICAL_URL", "SCHOLAR_BASEURL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert runpy.run_path(str(REPO / "conf.py"))["html_baseurl"] == expected


# -- Read the Docs, emulated -----------------------------------------------------------------
def rtd_config(site: Path) -> dict:
    config = yaml.safe_load((site / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    assert config["sphinx"]["configuration"] == "conf.py"
    assert config["sphinx"]["fail_on_warning"] is True
    return config


def pip_arguments(config: dict) -> list[str]:
    """``pip install`` arguments for the ``python.install`` steps, as Read the Docs runs them."""
    arguments: list[str] = []
    for step in config["python"]["install"]:
        if "requirements" in step:
            arguments += ["-r", step["requirements"]]
        else:
            assert step.get("method", "pip") == "pip", step
            extras = ",".join(step.get("extra_requirements", []))
            arguments.append(step["path"] + (f"[{extras}]" if extras else ""))
    return arguments


def clean_env(**extra: str) -> dict[str, str]:
    """This process's environment without what would leak our venv into the fresh one."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PYTHONPATH", "VIRTUAL_ENV", "SCHOLAR_BASEURL", "PYTHONHOME"}
        and not k.startswith(("READTHEDOCS", "SPHINX"))
    }
    return {**env, "PIP_DISABLE_PIP_VERSION_CHECK": "1", **extra}


def run(cmd: list[str], cwd: Path, env: dict[str, str]) -> None:
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    # the warnings and errors are on stderr; stdout's end says which step got that far
    assert done.returncode == 0, f"{' '.join(cmd)}\n{done.stderr[-4000:]}\n{done.stdout[-500:]}"


def fresh_venv(path: Path) -> Path:
    """A new venv with pip; its python."""
    venv.EnvBuilder(with_pip=True, clear=True).create(path)
    return path / "bin" / "python"


def rtd_build(site: Path, python: Path, output: Path) -> Path:
    """Read the Docs' sphinx command, with its environment; the HTML folder."""
    env = clean_env(
        READTHEDOCS="True",
        READTHEDOCS_VERSION="latest",
        READTHEDOCS_CANONICAL_URL=CANONICAL,
        READTHEDOCS_OUTPUT=str(output),
        PATH=f"{python.parent}{os.pathsep}{os.environ.get('PATH', '')}",
    )
    html = output / "html"
    # fmt: off
    run([str(python), "-m", "sphinx", "-T", "-W", "--keep-going", "-b", "html",
         "-d", "_build/doctrees", "-D", "language=en", ".", str(html)], site, env)
    # fmt: on
    return html


class _VersionHandler(SimpleHTTPRequestHandler):
    """Serves the folder under /en/latest/ only, as Read the Docs does; elsewhere 404."""

    def translate_path(self, path: str) -> str:
        clean = urlsplit(path).path
        if not clean.startswith(PREFIX):
            return str(Path(self.directory) / "\0missing")
        return super().translate_path("/" + clean[len(PREFIX) :])

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(html: Path) -> Iterator[str]:
    """The site at http://127.0.0.1:PORT/en/latest/ for the block's duration."""
    handler = functools.partial(_VersionHandler, directory=str(html))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _references(page: BeautifulSoup) -> Iterator[str]:
    for tag in page.find_all(href=True):
        yield tag["href"]
    for tag in page.find_all(src=True):
        yield tag["src"]
    for tag in page.find_all(srcset=True):
        yield from (part.split()[0] for part in tag["srcset"].split(",") if part.strip())


def crawl(root: str) -> tuple[list[str], list[str], set[str]]:
    """Every page and asset reachable from index.html: (broken, canonicals, visited).

    Absolute links to the canonical site are followed on the local copy, so a canonical
    or sitemap URL that does not exist counts as broken too."""
    queue, seen, broken, canonicals = [root + "index.html"], set(), [], []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                body = response.read()
                kind = response.headers.get_content_type()
        except urllib.error.HTTPError as error:
            broken.append(f"{url}: {error.code}")
            continue
        if kind != "text/html":
            continue
        page = BeautifulSoup(body, "lxml")
        canonical = page.find("link", rel="canonical")
        if canonical is not None:
            canonicals.append(canonical["href"])
        for reference in _references(page):
            target = urljoin(url, reference.strip())
            if target.startswith(CANONICAL):
                target = root + target[len(CANONICAL) :]
            parts = urlsplit(target)
            if parts.scheme not in {"http", "https"} or parts.netloc != urlsplit(root).netloc:
                continue  # other sites, mailto:, data:
            queue.append(parts._replace(query="", fragment="").geturl())
    return broken, canonicals, seen


def check_served_under_version_path(html: Path) -> int:
    """No broken link or asset under /en/latest/; canonical and sitemap URLs on the RTD host."""
    sitemap = BeautifulSoup((html / "sitemap.xml").read_text(encoding="utf-8"), "xml")
    locations = [loc.get_text(strip=True) for loc in sitemap.find_all("loc")]
    assert locations
    assert all(loc.startswith(CANONICAL) for loc in locations), locations
    with serve(html) as root:
        broken, canonicals, seen = crawl(root)
        for loc in locations:  # every sitemap URL exists under the version path
            local = root + unquote(loc[len(CANONICAL) :])
            with urllib.request.urlopen(local, timeout=10) as response:
                assert response.status == 200, loc
                response.read()
    assert broken == []
    assert canonicals
    assert all(c.startswith(CANONICAL) for c in canonicals), canonicals
    return len(seen)


@pytest.fixture(scope="module")
def repo_copy(tmp_path_factory) -> Path:
    """The repository as a fresh clone has it (no build outputs, venvs or caches)."""
    copy = tmp_path_factory.mktemp("rtd") / "repo"
    shutil.copytree(REPO, copy, ignore=UNTRACKED)
    return copy


@pytest.fixture(scope="module")
def wheel(repo_copy, tmp_path_factory) -> Path:
    """sphinx-scholar as a wheel of this tree (its version is not on PyPI yet)."""
    out = tmp_path_factory.mktemp("wheel")
    # fmt: off
    run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out),
         str(repo_copy)], repo_copy, clean_env())
    # fmt: on
    (found,) = out.glob("sphinx_scholar-*.whl")
    return found


@pytest.mark.network  # the wheel's isolated build fetches setuptools
def test_wheel_ships_the_scaffold_templates(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    template = Path(command.__file__).parent / "template"
    expected = {
        "sphinx_scholar/cli/scaffold/template/" + p.relative_to(template).as_posix()
        for p in template.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert len(expected) >= 10
    assert expected <= names, sorted(expected - names)
    assert "sphinx_scholar/cli/scaffold/template/dot-github/workflows/pages.yml" in names


@pytest.mark.hosting
@pytest.mark.network
def test_read_the_docs_builds_the_root_site(repo_copy, tmp_path):
    """Read the Docs' steps on a fresh clone, then the site served under /en/latest/."""
    config = rtd_config(repo_copy)
    python = fresh_venv(tmp_path / "venv")
    run([str(python), "-m", "pip", "install", *pip_arguments(config)], repo_copy, clean_env())
    html = rtd_build(repo_copy, python, tmp_path / "_readthedocs")
    assert check_served_under_version_path(html) > 80  # pages, paper pages and their assets


@pytest.mark.hosting
@pytest.mark.network
def test_read_the_docs_builds_a_new_site(wheel, tmp_path):
    """A new site, made by the wheel's own ``new`` and built the way Read the Docs does."""
    python = fresh_venv(tmp_path / "venv")
    site = tmp_path / "site"
    # the wheel's templates, not this checkout's: the venv has no access to src/
    script = (
        "import argparse, sys\n"
        "from sphinx_scholar.cli.scaffold import command\n"
        "parser = argparse.ArgumentParser()\n"
        "command.add_arguments(parser)\n"
        "sys.exit(command.run(parser.parse_args(sys.argv[1:])))\n"
    )
    run([str(python), "-m", "pip", "install", str(wheel)], tmp_path, clean_env())
    # fmt: off
    run([str(python), "-c", script, str(site), "--no-input", "--name", "Ada Lovelace",
         "--affiliation", "Example University", "--link", "GitHub=https://github.com/ada"],
        tmp_path, clean_env())
    # fmt: on
    config = rtd_config(site)
    install = [str(wheel), *pip_arguments(config)]  # the wheel satisfies the pin
    run([str(python), "-m", "pip", "install", *install], site, clean_env())
    html = rtd_build(site, python, tmp_path / "_readthedocs")
    assert check_served_under_version_path(html) > 5
