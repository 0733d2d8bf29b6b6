"""``sphinx-scholar new``: the site it writes builds with no warning, as it is, from any answers."""

from __future__ import annotations

import argparse
import ast
import builtins
import importlib.metadata
import io
import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from packaging.requirements import Requirement

from sphinx_scholar.cli.scaffold import command
from sphinx_scholar.cli.scaffold.files import bib_name, install_source, markdown_text

FLAGS = [
    "--name",
    "Ada Lovelace",
    "--title",
    "Professor of Analytical Engines",
    "--affiliation",
    "Department of Mathematics, Example University",
    "--email",
    "ada@example.org",
    "--url",
    "https://ada.example.org/",
    "--link",
    "Google Scholar=https://scholar.google.com/citations?user=abc",
    "--link",
    "GitHub=https://github.com/ada",
]
PROFILE = {
    "name": "Ada Lovelace",
    "title": "Professor of Analytical Engines",
    "affiliation": "Department of Mathematics, Example University",
    "email": "ada@example.org",
    "photo": "_static/profile.svg",
    "links": {
        "Google Scholar": "https://scholar.google.com/citations?user=abc",
        "GitHub": "https://github.com/ada",
    },
}
FILES = {
    "conf.py",
    "index.md",
    "publications/index.md",
    "cv/index.md",
    "refs.bib",
    "_static/profile.svg",
    ".readthedocs.yaml",
    ".github/workflows/pages.yml",
    "requirements.txt",
    ".gitignore",
    "README.md",
}
HOSTILE = 'O\'Brien "x" <script>alert(1)</script> & Co_1 #2'


def new(*argv: str) -> int:
    """Run ``new`` the way cli.py will: a parser made by add_arguments, then run."""
    parser = argparse.ArgumentParser(prog="sphinx-scholar new")
    command.add_arguments(parser)
    return command.run(parser.parse_args(list(argv)))


def written(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def conf_literals(site: Path) -> dict[str, object]:
    """conf.py's top-level literal assignments, read without running it."""
    values: dict[str, object] = {}
    for node in ast.parse((site / "conf.py").read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            try:
                values[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                continue
    return values


def build(make_app, site: Path):
    """Build *site* fresh; the app (its warnings in app.warning)."""
    app = make_app("html", srcdir=site, freshenv=True)
    app.build()
    return app


def unsmart(text: str) -> str:
    """Sphinx's smartquotes curl the quotes of a heading; compare the straight ones."""
    return text.translate(str.maketrans("‘’“”", "''\"\""))


def soup(app, page: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / f"{page}.html").read_text("utf-8"), "lxml")


@pytest.fixture
def no_tty(monkeypatch):
    """Tests run with no terminal; make sure of it, so nothing is asked unless a test says so."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))


@pytest.fixture
def site(tmp_path, no_tty) -> Path:
    target = tmp_path / "site"
    assert new(str(target), "--no-input", *FLAGS) == 0
    return target


def test_writes_every_file(site):
    assert written(site) == FILES


def test_builds_with_no_warning_and_shows_the_profile_and_papers(site, make_app):
    app = build(make_app, site)
    assert app.statuscode == 0
    assert app.warning.getvalue() == ""
    home = soup(app, "index")
    assert home.h1.get_text(strip=True).rstrip("#") == "Ada Lovelace"
    profile = home.select_one(".scholar-profile")
    assert profile is not None
    assert "Department of Mathematics, Example University" in profile.get_text(" ", strip=True)
    assert profile.select_one("img.scholar-profile__photo")["src"] == "_static/profile.svg"
    hrefs = {a["href"] for a in profile.find_all("a", href=True)}
    assert {"https://github.com/ada", "https://scholar.google.com/citations?user=abc"} <= hrefs
    # the home page lists the newest papers (a selected list would be empty after an import)
    assert [c["id"] for c in home.select("li.scholar-card")] == [
        "example2025paper",
        "example2023article",
    ]
    papers = soup(app, "publications/index")
    assert [c["id"] for c in papers.select("li.scholar-card")] == [
        "example2025paper",
        "example2023article",
    ]
    owner = papers.select(".scholar-author--owner")
    assert [o.get_text(strip=True) for o in owner] == ["Ada Lovelace", "Ada Lovelace"]
    # the two example papers have abstracts, so their pages have one too (and no warning)
    assert (Path(app.outdir) / "publications/example2025paper/index.html").is_file()


def test_conf_values_are_the_answers(site):
    conf = conf_literals(site)
    assert conf["extensions"] == ["myst_parser", "sphinx_scholar"]
    assert conf["html_theme"] == "pydata_sphinx_theme"
    assert conf["html_static_path"] == ["_static"]
    assert conf["bibtex_bibfiles"] == ["refs.bib"]
    assert conf["scholar_owner"] == ["Ada Lovelace"]
    assert conf["scholar_people"] == {}
    assert conf["scholar_venues"] == {}
    assert conf["scholar_profile"] == PROFILE
    assert {"_build", ".venv", "README.md"} <= set(conf["exclude_patterns"])


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "https://ada.example.org/"),
        ({"SCHOLAR_BASEURL": "https://ada.github.io/site"}, "https://ada.github.io/site"),
        (
            {
                "READTHEDOCS_CANONICAL_URL": "https://ada.readthedocs.io/en/latest/",
                "SCHOLAR_BASEURL": "https://ada.github.io/site",
            },
            "https://ada.readthedocs.io/en/latest/",
        ),
    ],
)
def test_html_baseurl_follows_the_host(site, monkeypatch, env, expected):
    for name in ("READTHEDOCS_CANONICAL_URL", "SCHOLAR_BASEURL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert runpy.run_path(str(site / "conf.py"))["html_baseurl"] == expected


def test_hostile_name_builds_and_is_escaped(tmp_path, no_tty, make_app):
    site = tmp_path / "site"
    title = "</p><script>alert(2)</script>"
    assert new(str(site), "--no-input", "--name", HOSTILE, "--title", title) == 0
    assert conf_literals(site)["scholar_profile"]["name"] == HOSTILE
    app = build(make_app, site)
    assert app.warning.getvalue() == ""
    for page in ("index", "publications/index"):
        main = soup(app, page).select_one("main")
        assert main.find("script", string=lambda s: s and "alert(" in s) is None, page
    home = soup(app, "index")
    assert unsmart(home.h1.get_text(strip=True).rstrip("#")) == HOSTILE
    profile = home.select_one(".scholar-profile")
    assert profile.select_one(".scholar-profile__name").get_text() == HOSTILE
    assert title in profile.get_text()
    owner = soup(app, "publications/index").select(".scholar-author--owner")
    assert len(owner) == 2


def test_hostile_name_is_escaped_in_the_navbar(tmp_path, no_tty, make_app):
    """pydata-sphinx-theme writes html_title into the navbar unescaped (navbar-logo.html)."""
    site = tmp_path / "site"
    assert new(str(site), "--no-input", "--name", HOSTILE) == 0
    app = build(make_app, site)
    for page in ("index", "publications/index"):
        html = soup(app, page)
        # JSON-LD holds the name as data (escaped); any other script holding it ran it
        code = [s for s in html.find_all("script") if s.get("type") != "application/ld+json"]
        injected = [s for s in code if "alert(" in s.get_text()]
        assert injected == [], page
        navbar = html.select_one(".logo__title")
        assert navbar is not None
        assert navbar.get_text() == HOSTILE


def test_refuses_to_overwrite_and_writes_nothing(tmp_path, no_tty, capsys):
    site = tmp_path / "site"
    (site / "publications").mkdir(parents=True)
    (site / "conf.py").write_text("mine\n", encoding="utf-8")
    (site / "publications/index.md").write_text("# Mine\n", encoding="utf-8")
    assert new(str(site), "--no-input", *FLAGS) == 2
    err = capsys.readouterr().err
    assert "conf.py" in err
    assert "publications/index.md" in err
    assert "index.md\n" not in err.replace("publications/index.md\n", "")
    assert written(site) == {"conf.py", "publications/index.md"}
    assert (site / "conf.py").read_text(encoding="utf-8") == "mine\n"


def test_force_overwrites(tmp_path, no_tty, capsys):
    site = tmp_path / "site"
    site.mkdir()
    (site / "conf.py").write_text("mine\n", encoding="utf-8")
    (site / "notes.txt").write_text("kept\n", encoding="utf-8")
    assert new(str(site), "--no-input", "--force", *FLAGS) == 0
    backups = [p for p in written(site) if p.startswith(".scholar-backup/")]
    assert written(site) == FILES | {"notes.txt", *backups}
    assert conf_literals(site)["scholar_profile"] == PROFILE
    assert (site / "notes.txt").read_text(encoding="utf-8") == "kept\n"
    # the one file it replaced is backed up, and the output says where
    assert [Path(p).name for p in backups] == ["conf.py"]
    assert (site / backups[0]).read_text(encoding="utf-8") == "mine\n"
    assert str((site / backups[0]).parent) in capsys.readouterr().out


def test_a_forced_rewrite_builds_without_its_backups(site, make_app, capsys):
    """The backups of index.md and publications/index.md are Markdown: the site must
    not read them as pages (duplicate pages, toctree warnings under -W)."""
    assert new(str(site), "--no-input", "--force", *FLAGS, "--name", "Mary Somerville") == 0
    assert any(p.name == "index.md" for p in (site / ".scholar-backup").rglob("*"))
    assert ".scholar-backup/" in (site / ".gitignore").read_text(encoding="utf-8").split("\n")
    app = build(make_app, site)
    assert app.warning.getvalue() == ""
    assert not list(Path(app.outdir).rglob("*scholar-backup*"))


@pytest.mark.parametrize("directory", ["", "   "])
def test_an_empty_dir_is_refused_and_nothing_is_written(
    tmp_path, no_tty, capsys, monkeypatch, directory
):
    monkeypatch.chdir(tmp_path)
    assert new(directory, "--no-input", *FLAGS) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "DIR is empty" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root writes anywhere")
@pytest.mark.parametrize("inside", [False, True])
def test_an_unwritable_dir_is_one_line_not_a_traceback(tmp_path, no_tty, capsys, inside):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        target = locked / "site" if inside else locked
        assert new(str(target), "--no-input", *FLAGS) == 1
        out, err = capsys.readouterr()
        assert out == "" and err.count("\n") == 1
        assert err.startswith("sphinx-scholar new: error: cannot write") and "ermission" in err
        assert written(locked) == set()
    finally:
        locked.chmod(0o755)


def test_a_dir_under_a_file_is_one_line_not_a_traceback(tmp_path, no_tty, capsys):
    (tmp_path / "afile").write_text("mine\n", encoding="utf-8")
    assert new(str(tmp_path / "afile" / "site"), "--no-input", *FLAGS) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "cannot write" in err
    assert [p.name for p in tmp_path.iterdir()] == ["afile"]


def test_a_write_that_fails_is_one_line_not_a_traceback(tmp_path, no_tty, capsys, monkeypatch):
    """The same failure as an unwritable folder, made without file permissions (root)."""

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path / "site"))

    monkeypatch.setattr("sphinx_scholar.cli.safewrite.tempfile.mkstemp", refuse)
    assert new(str(tmp_path / "site"), "--no-input", *FLAGS) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert err.startswith("sphinx-scholar new: error: cannot write") and "Permission denied" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "a name is required"),
        (["--name", "  "], "a name is required"),
        (["--name", "Ada {Lovelace}"], "cannot contain { }"),
        (["--name", "Ada", "--url", "ftp://ada.example.org/"], "http"),
        (["--name", "Ada", "--url", "javascript:alert(1)"], "http"),
        (["--name", "Ada", "--link", "GitHub"], "LABEL=URL"),
        (["--name", "Ada", "--link", "GitHub=javascript:alert(1)"], "http"),
        (["--name", "Ada", "--email", "not an address"], "email"),
    ],
)
def test_refuses_bad_answers(tmp_path, no_tty, capsys, argv, message):
    site = tmp_path / "site"
    assert new(str(site), "--no-input", *argv) == 2
    assert message in capsys.readouterr().err
    assert not site.exists()


def test_interactive_asks_and_writes_the_same_conf(tmp_path, monkeypatch, capsys):
    flags_site = tmp_path / "flags"
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert new(str(flags_site), "--no-input", *FLAGS) == 0

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    answers = iter(
        [
            "",  # name: required, asked again
            "Ada Lovelace",
            "Professor of Analytical Engines",
            "Department of Mathematics, Example University",
            "ada@example.org",
            "ada.example.org",  # not http(s): asked again
            "https://ada.example.org/",
            "https://scholar.google.com/citations?user=abc",
            "https://github.com/ada",
            "",  # ORCID skipped
            "",  # DBLP skipped
        ]
    )
    prompts: list[str] = []

    def fake_input(prompt: str = "") -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr(builtins, "input", fake_input)
    asked_site = tmp_path / "asked"
    assert new(str(asked_site)) == 0
    assert next(answers, None) is None
    assert len(prompts) == 11
    assert "a name is required" in capsys.readouterr().out
    for name in FILES:
        assert (asked_site / name).read_bytes() == (flags_site / name).read_bytes(), name


def test_no_input_at_a_terminal_asks_nothing(tmp_path, monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    def no_questions(prompt: str = "") -> str:
        raise AssertionError(f"asked {prompt!r}")

    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr(builtins, "input", no_questions)
    assert new(str(tmp_path / "site"), "--no-input", "--name", "Ada Lovelace") == 0
    profile = conf_literals(tmp_path / "site")["scholar_profile"]
    assert profile == {"name": "Ada Lovelace", "photo": "_static/profile.svg"}


def test_hosting_files_are_valid_yaml(site):
    rtd = yaml.safe_load((site / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert rtd["version"] == 2
    assert rtd["sphinx"]["configuration"] == "conf.py"
    assert rtd["sphinx"]["fail_on_warning"] is True
    assert rtd["python"]["install"] == [{"requirements": "requirements.txt"}]
    assert rtd["build"]["os"]
    assert rtd["build"]["tools"]["python"]
    workflow = yaml.safe_load((site / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    assert set(workflow["jobs"]) == {"build", "deploy"}
    assert workflow["permissions"]["pages"] == "write"
    assert workflow["permissions"]["id-token"] == "write"
    runs = [s.get("run", "") for s in workflow["jobs"]["build"]["steps"]]
    assert "python -m pip install -r requirements.txt" in runs


def test_requirements_pin_the_installed_source(site):
    lines = [
        line
        for line in (site / "requirements.txt").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    # the source this sphinx-scholar was installed from (tests/test_packaging.py: each kind)
    assert lines[0] == install_source().requirement
    assert Requirement(lines[0]).name == "sphinx-scholar"
    extras = [Requirement(line) for line in lines[1:]]
    assert [r.name for r in extras] == ["myst-parser", "pydata-sphinx-theme", "sphinx-autobuild"]
    declared = [Requirement(r) for r in importlib.metadata.requires("sphinx-scholar") or []]
    bounds = {r.name: r.specifier for r in declared}
    assert all(r.specifier == bounds[r.name] for r in extras)


def test_gitignore_keeps_build_and_venv_out(site):
    ignored = (site / ".gitignore").read_text(encoding="utf-8").split()
    assert {"_build/", ".venv/"} <= set(ignored)


def test_markdown_and_bib_escapes():
    assert markdown_text("A <b> *x* {role}`y`") == r"A \<b\> \*x\* \{role\}\`y\`"
    assert bib_name("Ada & Co_1 #2 50%") == r"Ada \& Co\_1 \#2 50\%"
    assert bib_name("King, Jr., Martin") == "{King, Jr., Martin}"
    assert bib_name("Ben and Jerry") == "{Ben and Jerry}"
    assert bib_name("Anand Rao") == "Anand Rao"


def test_python_m_sphinx_scholar_new(tmp_path):
    """The command as users type it (cli.py wires ``new`` to this package)."""
    site = tmp_path / "site"
    done = subprocess.run(
        [sys.executable, "-m", "sphinx_scholar", "new", str(site), "--no-input", *FLAGS],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert written(site) == FILES
    assert conf_literals(site)["scholar_profile"] == PROFILE
    again = subprocess.run(
        [sys.executable, "-m", "sphinx_scholar", "new", str(site), "--name", "Ada"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert again.returncode == 2
    assert "conf.py" in again.stderr
