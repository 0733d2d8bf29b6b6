"""The layers stay what the README says: a pure core, Sphinx beside it, the command line
beside that."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import sphinx_scholar
from sphinx_scholar.sphinx_ext import loading

PACKAGE = Path(sphinx_scholar.__file__).parent
PURE = ("core", "render")
FRAMEWORKS = ("sphinx", "docutils", "sphinxcontrib", "sphinx_design", "myst_parser")


def modules_of(folder: str) -> list[str]:
    return sorted(
        "sphinx_scholar." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        for path in (PACKAGE / folder).rglob("*.py")
        if path.name != "__init__.py"
    )


def imported_frameworks(path: Path) -> set[str]:
    """Top-level packages of Sphinx and docutils that a module imports (at any depth)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found |= {name.split(".")[0] for name in names} & set(FRAMEWORKS)
    return found


@pytest.mark.parametrize("layer", PURE)
def test_the_pure_layers_import_no_sphinx_in_their_source(layer):
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(imported_frameworks(path))
        for path in (PACKAGE / layer).rglob("*.py")
        if imported_frameworks(path)
    }
    assert offenders == {}


def _loaded_after_importing(modules: list[str]) -> list[str]:
    code = (
        "import json, sys\n"
        f"for name in {modules!r}: __import__(name)\n"
        "print(json.dumps(sorted(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_importing_the_pure_layers_loads_no_sphinx_module():
    """``python -c "import sphinx_scholar.core.records"`` must not drag Sphinx in through the
    package's ``__init__`` (the check command and the unit tests rely on it)."""
    loaded = _loaded_after_importing([*modules_of("core"), *modules_of("render")])
    assert "sphinx_scholar.core.records" in loaded  # the import happened
    assert [m for m in loaded if m.split(".")[0] in FRAMEWORKS] == []


def test_the_check_command_loads_no_sphinx_module():
    loaded = _loaded_after_importing(["sphinx_scholar.cli.main"])
    assert [m for m in loaded if m.split(".")[0] in FRAMEWORKS] == []


def test_the_records_cache_is_keyed_on_every_module_that_makes_records(tmp_path):
    """``code_version`` hashes all of ``core/``; reading and checking a bib must use nothing of
    ours outside it, or an edit there would leave stale records in the cache."""
    bib = tmp_path / "refs.bib"
    bib.write_text("@article{a, title={T}, author={A B}, journal={J}, year=2020}\n")
    code = (
        "import json, sys, pathlib\n"
        "from sphinx_scholar.core.validate import read_and_check\n"
        f"read_and_check([pathlib.Path({str(bib)!r})])\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('sphinx_scholar'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    used = set(json.loads(out.stdout)) - {"sphinx_scholar", "sphinx_scholar.core"}
    assert used and all(name.startswith("sphinx_scholar.core.") for name in used), used
    hashed = {path.stem for path in (PACKAGE / "core").glob("*.py")}
    assert {name.rsplit(".", 1)[1] for name in used} <= hashed


def test_the_records_cache_key_changes_with_the_core(tmp_path, monkeypatch):
    before = loading.code_version()
    copy = tmp_path / "sphinx_scholar"
    core = copy / "core"
    core.mkdir(parents=True)
    for path in (PACKAGE / "core").glob("*.py"):
        (core / path.name).write_bytes(path.read_bytes())
    (copy / "sphinx_ext").mkdir()
    fake_loading = copy / "sphinx_ext" / "loading.py"
    fake_loading.write_bytes(Path(loading.__file__).read_bytes())
    (core / "names.py").write_text((core / "names.py").read_text() + "\n# an edit\n")
    loading.code_version.cache_clear()
    monkeypatch.setattr(loading, "__file__", str(fake_loading))
    try:
        assert loading.code_version() != before
    finally:
        loading.code_version.cache_clear()


def test_every_handler_is_connected_in_the_one_table():
    """``app.connect`` appears once in the package: in sphinx_ext/setup.py's loop."""
    calls = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute) and node.attr == "connect"
    ]
    assert calls == ["sphinx_ext/setup.py"]


def test_no_state_is_kept_on_sphinx_objects():
    """No ``env._scholar_*`` or ``builder._scholar_*`` attributes: the build state is one object."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr.startswith("_scholar"):
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in {"setattr", "getattr"}
                and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant)
                and str(node.args[1].value).startswith("_scholar")
            ):
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert offenders == []
