"""What a release and an upgrade rely on: bounds, copied theme templates, no private
imports, the version, the install source a new site pins, and the release build itself."""

from __future__ import annotations

import ast
import hashlib
import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib
from types import SimpleNamespace

import pytest
from conftest import REPO
from hypothesis import given
from hypothesis import strategies as st
from packaging.requirements import Requirement

import sphinx_scholar
from sphinx_scholar.cli.scaffold.files import DIST, pin_from
from sphinx_scholar.sphinx_ext.theme import defer_scripts

SRC = REPO / "src" / "sphinx_scholar"
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
ORIGINALS = json.loads((Path(__file__).parent / "data" / "theme-originals.json").read_text())
#: What we rely on the internals of (pyproject.toml says which internal, for each).
BOUNDED = ("sphinx", "sphinxcontrib-bibtex", "pybtex", "pydata-sphinx-theme")


def declared() -> dict[str, Requirement]:
    project = PYPROJECT["project"]
    requirements = [*project["dependencies"], *project["optional-dependencies"]["site"]]
    return {Requirement(r).name.lower(): Requirement(r) for r in requirements}


# -- upgrades are deliberate -----------------------------------------------------------
@pytest.mark.parametrize("name", BOUNDED)
def test_dependencies_we_rely_on_the_internals_of_have_upper_bounds(name):
    specifier = declared()[name].specifier
    assert any(spec.operator in {"<", "<="} for spec in specifier), f"{name}: {specifier}"


def test_copied_theme_templates_match_the_theme_originals_they_were_copied_from():
    """An upgrade of pydata-sphinx-theme that changes a template we copied fails here: the
    copy must be merged with the new original, then tests/data/theme-originals.json updated."""
    import pydata_sphinx_theme

    theme = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
    copies = ORIGINALS["copies"]
    ours = sorted(p.name for p in (SRC / "templates").glob("*.html"))
    assert ours == sorted(copies), "a template copy is not registered in theme-originals.json"
    changed = {
        name: entry["original"]
        for name, entry in copies.items()
        if hashlib.sha256((theme / entry["original"]).read_bytes()).hexdigest() != entry["sha256"]
    }
    assert not changed, (
        f"pydata-sphinx-theme changed the originals of our copies {changed} since "
        f"{ORIGINALS['version']}: merge the changes into src/sphinx_scholar/templates/"
    )
    assert declared()["pydata-sphinx-theme"].specifier.contains(ORIGINALS["version"])


def _private_imports(path: Path) -> list[str]:
    """Modules imported by *path* that a dependency keeps private (a part starting with _)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        for name in names:
            top, *rest = name.split(".")
            if top != "sphinx_scholar" and any(p.startswith("_") for p in rest):
                found.append(f"{path.relative_to(REPO)}:{node.lineno}: {name}")
    return found


def test_no_private_module_of_a_dependency_is_imported():
    found = [hit for path in sorted(SRC.rglob("*.py")) for hit in _private_imports(path)]
    assert found == []


def test_a_plain_string_script_is_deferred_with_sphinxs_own_class():
    """Scripts an extension put in the context as plain strings get ``defer`` too; the class
    comes from Sphinx's own entries, not from its private module."""
    from sphinx.builders.html._assets import _JavaScript  # the test may name it; src may not

    config = SimpleNamespace(scholar_theme_fixes=True, scholar_defer_scripts=True)
    context = {"script_files": [_JavaScript("_static/doctools.js"), "_static/old.js"]}
    defer_scripts(SimpleNamespace(config=config), "index", "page.html", context, None)
    first, second = context["script_files"]
    assert [type(first), type(second)] == [_JavaScript, _JavaScript]
    assert second.filename == "_static/old.js" and second.attributes["defer"] == "defer"


def test_lowest_constraints_are_the_declared_lower_bounds():
    """tests/constraints-lowest.txt (make test-lowest) is regenerated with pyproject.toml."""
    made = subprocess.run(
        [sys.executable, str(REPO / "tools" / "lowest_constraints.py")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert (REPO / "tests" / "constraints-lowest.txt").read_text(encoding="utf-8") == made.stdout
    pins = dict(line.split("==") for line in made.stdout.splitlines()[1:])
    for name, requirement in declared().items():
        assert requirement.specifier.contains(pins[name]), name


# -- the version -----------------------------------------------------------------------
def test_version_option_prints_the_installed_version():
    done = subprocess.run(
        [sys.executable, "-c", "from sphinx_scholar.cli import main; main()", "--version"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["sphinx-scholar", sphinx_scholar.__version__]


def test_the_package_version_is_pyprojects():
    assert sphinx_scholar.__version__ == PYPROJECT["project"]["version"]


# -- what a new site pins --------------------------------------------------------------
def _pinned(direct_url: dict | None, version: str = "1.2.3"):
    pin = pin_from(json.dumps(direct_url) if direct_url is not None else None, version)
    return pin, Requirement(pin.requirement)


def test_an_index_install_pins_the_version():
    pin, requirement = _pinned(None)
    assert (requirement.name, str(requirement.specifier), requirement.url) == (
        DIST,
        "==1.2.3",
        None,
    )
    assert pin.note == ""


def test_an_editable_folder_pins_the_folder_and_says_it_works_only_here():
    pin, requirement = _pinned(
        {"url": "file:///home/ada/sphinx-scholar", "dir_info": {"editable": True}}
    )
    assert requirement.url == "file:///home/ada/sphinx-scholar"
    assert "only on this machine" in pin.note and "folder" in pin.note


def test_a_local_wheel_pins_the_file():
    url = "file:///tmp/dist/sphinx_scholar-1.2.3-py3-none-any.whl"
    pin, requirement = _pinned({"url": url, "archive_info": {}})
    assert requirement.url == url and "only on this machine" in pin.note


_HOSTS = st.from_regex(r"[a-z][a-z0-9-]{0,20}\.(org|com|io)", fullmatch=True)
_PATHS = st.lists(st.from_regex(r"[A-Za-z0-9_.-]{1,12}", fullmatch=True), min_size=1, max_size=3)


@given(host=_HOSTS, path=_PATHS, commit=st.from_regex(r"[0-9a-f]{40}", fullmatch=True))
def test_a_vcs_install_pins_its_commit(host, path, commit):
    url = f"https://{host}/{'/'.join(path)}"
    pin, requirement = _pinned(
        {"url": url, "vcs_info": {"vcs": "git", "commit_id": commit, "requested_revision": "main"}}
    )
    assert requirement.name == DIST
    assert requirement.url == f"git+{url}@{commit}"
    assert commit[:12] in pin.note


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
    max_leaves=8,
)
_RECORDS = st.fixed_dictionaries(
    {"url": st.text()},
    optional={
        "dir_info": st.fixed_dictionaries({}, optional={"editable": st.booleans()}),
        "archive_info": st.just({}),
        "vcs_info": st.fixed_dictionaries(
            {"vcs": st.sampled_from(["git", "hg"]), "commit_id": st.text()}
        ),
        "subdirectory": st.text(),
    },
)


@given(st.none() | st.text() | _JSON.map(json.dumps) | _RECORDS.map(json.dumps))
def test_any_direct_url_record_gives_a_valid_requirement_and_never_an_error(record):
    """A missing, damaged or unexpected record still gives a line pip can read."""
    pin = pin_from(record, "1.2.3")
    assert Requirement(pin.requirement).name == DIST


def test_a_vcs_url_over_ssh_keeps_its_user():
    record = {"url": "ssh://git@example.org/ada/sphinx-scholar.git",
              "vcs_info": {"vcs": "git", "commit_id": "b" * 40}}  # fmt: skip
    _, requirement = _pinned(record)
    assert requirement.url == "git+ssh://git@example.org/ada/sphinx-scholar.git@" + "b" * 40


def test_a_subdirectory_is_kept():
    _, requirement = _pinned(
        {
            "url": "https://example.org/mono",
            "vcs_info": {"vcs": "git", "commit_id": "a" * 40},
            "subdirectory": "python",
        }
    )
    assert requirement.url.endswith("@" + "a" * 40 + "#subdirectory=python")


# -- the release build (.github/workflows/release.yml runs the same steps) -------------
def _run(cmd: list[str], cwd: Path) -> str:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, f"{' '.join(cmd)}\n{done.stderr[-4000:]}\n{done.stdout[-800:]}"
    return done.stdout


def _venv(path: Path) -> Path:
    venv.EnvBuilder(with_pip=True, clear=True).create(path)
    return path / "bin" / "python"


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> tuple[Path, Path, Path]:
    """The release workflow's build: sdist and wheel of a clean copy, ``twine check``ed."""
    import shutil

    tmp = tmp_path_factory.mktemp("release")
    source = tmp / "repo"
    ignore = shutil.ignore_patterns(
        ".git", ".venv*", "_build", "node_modules", "*.egg-info", "__pycache__",
        "test-artifacts", "dist", "build", "audit-out",
    )  # fmt: skip
    shutil.copytree(REPO, source, ignore=ignore)
    tools = _venv(tmp / "tools")
    needs = [*PYPROJECT["project"]["optional-dependencies"]["release"], "setuptools>=69"]
    _run([str(tools), "-m", "pip", "install", "-q", *needs], source)
    _run([str(tools), "-m", "build", "--no-isolation", "--outdir", str(tmp / "dist"), "."], source)
    (sdist,) = (tmp / "dist").glob("*.tar.gz")
    (wheel,) = (tmp / "dist").glob("*.whl")
    checked = _run([str(tools), "-m", "twine", "check", "--strict", str(sdist), str(wheel)], source)
    assert checked.count("PASSED") == 2
    return source, sdist, wheel


@pytest.mark.network
def test_the_released_wheel_alone_builds_the_demo(release, tmp_path):
    """The wheel in a fresh venv (no source tree on the path) builds the demo with -W (with
    the cv extra: the demo writes its CV as a PDF)."""
    source, _, wheel = release
    assert "sphinx_scholar/templates/layout.html" in zipfile.ZipFile(wheel).namelist()
    python = _venv(tmp_path / "venv")
    _run([str(python), "-m", "pip", "install", "-q", f"{wheel}[site,cv]"], tmp_path)
    version = _run([str(python.parent / "sphinx-scholar"), "--version"], tmp_path)
    assert version.split() == ["sphinx-scholar", PYPROJECT["project"]["version"]]
    out = tmp_path / "demo"
    _run([str(python), "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html", ".", str(out)],
         source)  # fmt: skip
    assert (out / "publications" / "index.html").is_file()


@pytest.mark.network
def test_a_new_site_installs_from_its_own_requirements_and_builds(release, tmp_path):
    """``new`` run by an install of the wheel pins that wheel; the site's requirements.txt
    alone installs it into another fresh venv, which builds the site with -W."""
    _, _, wheel = release
    python = _venv(tmp_path / "venv")
    _run([str(python), "-m", "pip", "install", "-q", str(wheel)], tmp_path)
    site = tmp_path / "site"
    made = _run([str(python.parent / "sphinx-scholar"), "new", str(site), "--no-input",
                 "--name", "Ada Lovelace"], tmp_path)  # fmt: skip
    pinned = (site / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert f"{DIST} @ {wheel.as_uri()}" in pinned
    assert "only on this machine" in made
    fresh = _venv(tmp_path / "site-venv")
    _run([str(fresh), "-m", "pip", "install", "-q", "-r", "requirements.txt"], site)
    _run([str(fresh), "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html", ".", "_build/html"],
         site)  # fmt: skip
    assert (site / "_build" / "html" / "index.html").is_file()


def test_the_readmes_install_from_a_clone_names_the_folder_the_clone_makes():
    """Stand where the README says (a new folder), run its lines: ``git clone URL`` makes the
    folder named by the URL's last part, and ``pip install`` must name that folder."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Your own homepage", 1)[1].split("\n## ", 1)[0]
    commands = [line.split("#", 1)[0].strip() for line in section.splitlines()]
    (clone,) = [c for c in commands if c.startswith("git clone ")]
    (install,) = [c for c in commands if c.startswith("pip install ")]
    url = clone.split()[2]
    folder = url.rstrip("/").removesuffix(".git").rsplit("/", 1)[1]
    target = install.split(maxsplit=2)[2].strip("\"'")
    assert target == f"./{folder}[site]"
    assert url == PYPROJECT["project"]["urls"]["Homepage"]
    assert PYPROJECT["project"]["name"] == folder == DIST
    assert "site" in PYPROJECT["project"]["optional-dependencies"]


def test_new_says_where_its_requirements_pin_points(tmp_path, capsys, monkeypatch):
    """The pin and its note reach the user: the note is printed, the pin is written."""
    from sphinx_scholar.cli import main
    from sphinx_scholar.cli.scaffold import command, files

    folder = {"url": "file:///home/ada/sphinx-scholar", "dir_info": {"editable": True}}
    pin = pin_from(json.dumps(folder), "1.2.3")
    monkeypatch.setattr(files, "install_source", lambda: pin)
    monkeypatch.setattr(command, "install_source", lambda: pin)
    assert main(["new", str(tmp_path / "site"), "--no-input", "--name", "Ada"]) == 0
    out = capsys.readouterr().out
    assert f"Note: {pin.note}." in out
    written = (tmp_path / "site" / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert "sphinx-scholar @ file:///home/ada/sphinx-scholar" in written


# -- the corpus gate (tests/conftest.py) -------------------------------------------------
def _collect(*args: str, **env: str) -> subprocess.CompletedProcess:
    """Collect tests/test_corpus.py and tests/test_import.py as a fresh pytest would."""
    files = [str(REPO / "tests" / name) for name in ("test_corpus.py", "test_import.py")]
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-p",
            "no:randomly",
            *args,
            *files,
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO / "src"), **env},
    )


def test_without_the_corpus_its_tests_leave_with_one_line(tmp_path):
    done = _collect(SCHOLAR_CORPUS=str(tmp_path / "absent"), SCHOLAR_REQUIRE_CORPUS="")
    assert done.returncode == 0, done.stdout + done.stderr
    notes = [line for line in done.stdout.splitlines() if line.startswith("corpus: ")]
    assert len(notes) == 1 and "no bib corpus at" in notes[0], done.stdout
    assert "test_real_sample_imports_and_builds_clean" not in done.stdout
    assert "test_conf_edit_replaces_the_literal_and_keeps_the_rest" in done.stdout


def test_ci_fails_without_the_corpus(tmp_path):
    done = _collect(SCHOLAR_CORPUS=str(tmp_path / "absent"), SCHOLAR_REQUIRE_CORPUS="1")
    assert done.returncode == pytest.ExitCode.USAGE_ERROR
    assert "SCHOLAR_REQUIRE_CORPUS=1 but the bib corpus is absent" in done.stderr


def test_ci_may_still_leave_the_corpus_out_by_marker(tmp_path):
    """make test-lowest runs -m "not corpus" in CI: the requirement concerns selected tests."""
    done = _collect(
        "-m", "not corpus", SCHOLAR_CORPUS=str(tmp_path / "x"), SCHOLAR_REQUIRE_CORPUS="1"
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert not [line for line in done.stdout.splitlines() if line.startswith("corpus: ")]
