"""``sphinx-scholar check``: the build's checks without a build, as a command and a hook."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import CORPUS, REPO, ROOTS, build_site, warnings_of

from sphinx_scholar.cli.main import main, read_conf

BAD = ROOTS / "test-bad"
CLEAN = (
    "@article{ok2020,\n  author = {Ada Lovelace},\n  title = {Fine},\n"
    "  journal = {J},\n  year = {2020},\n}\n"
)
#: file:line: kind: message [key]
LINE = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+): (?P<kind>[a-z_]+): (?P<message>.*?)(?: \[(?P<key>[^\]]+)\])?$"
)


@pytest.fixture
def bad(tmp_path, monkeypatch):
    site = tmp_path / "site"
    shutil.copytree(BAD, site)
    monkeypatch.chdir(site)
    return site


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sphinx_scholar", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def parsed(stdout: str) -> list[dict]:
    out = []
    for line in stdout.splitlines():
        match = LINE.match(line)
        assert match, f"not in compiler format: {line!r}"
        out.append(match.groupdict())
    return out


# -- as a command -------------------------------------------------------------------
def test_python_m_reports_problems_in_compiler_format(bad):
    result = run("check", "refs.bib", cwd=bad)
    assert result.returncode == 1, result.stderr
    problems = parsed(result.stdout)
    assert {p["file"] for p in problems} == {"refs.bib"}
    typo = next(p for p in problems if p["kind"] == "unknown_field")
    assert typo["key"] == "typofield2016" and "did you mean 'preview'?" in typo["message"]
    assert typo["line"] == str(_line(bad / "refs.bib", "preveiw ="))
    summary = result.stderr.strip().splitlines()[-1]
    assert summary.startswith("sphinx-scholar check: refs.bib:")
    assert f"{len(problems)} problems" in summary and "1 syntax" in summary


def test_console_script(bad):
    script = Path(sys.executable).parent / "sphinx-scholar"
    if not script.exists():
        pytest.skip("the console script is not installed in this environment")
    result = subprocess.run(
        [str(script), "check", "refs.bib"], cwd=bad, capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert result.stdout == run("check", "refs.bib", cwd=bad).stdout


def test_clean_bib_exits_zero(tmp_path):
    (tmp_path / "refs.bib").write_text(CLEAN, encoding="utf-8")
    result = run("check", "refs.bib", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "")
    assert "no problems" in result.stderr


def test_reads_bib_files_from_conf_py(bad):
    result = run("check", cwd=bad)
    assert result.returncode == 1
    problems = parsed(result.stdout)
    assert {p["file"] for p in problems} == {"refs.bib", "latin1.bib"}
    encoding = next(p for p in problems if p["kind"] == "encoding")
    assert encoding["file"] == "latin1.bib" and "Windows-1252" in encoding["message"]


def test_conf_py_is_read_not_run(tmp_path):
    (tmp_path / "refs.bib").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "conf.py").write_text(
        "import os\n"
        "open('ran.txt', 'w').write('conf.py was executed')\n"
        "bibtex_bibfiles = ['refs.bib']\n"
        "html_static_path = [os.path.join('x', 'y')]  # computed: the default is used\n",
        encoding="utf-8",
    )
    result = run("check", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "ran.txt").exists()
    assert read_conf(tmp_path / "conf.py") == {"bibtex_bibfiles": ["refs.bib"]}


def test_the_same_problems_as_the_build(bad, tmp_path):
    """Every bib warning of a Sphinx build, and only those, in the same places."""
    result = run("check", cwd=bad)
    from_cli = {
        (p["file"], int(p["line"]), p["kind"], p["key"] or "") for p in parsed(result.stdout)
    }
    src = tmp_path / "build-src"
    shutil.copytree(BAD, src)
    app = build_site(src)
    warning = re.compile(r"^(\S+?):(\d+): WARNING: .*?(?: \[([^\]\s]+)\])? \[scholar\.(\w+)\]$")
    from_build = set()
    for line in warnings_of(app).splitlines():
        match = warning.match(line)
        if match and match[1].endswith(".bib"):
            from_build.add((Path(match[1]).name, int(match[2]), match[4], match[3] or ""))
    assert from_cli == from_build


def test_srcdir_finds_the_site_files(tmp_path):
    site = tmp_path / "site"
    (site / "_static" / "previews").mkdir(parents=True)
    (site / "_static" / "previews" / "fig.png").write_bytes(b"\x89PNG")
    bib = tmp_path / "bibs" / "refs.bib"
    bib.parent.mkdir()
    bib.write_text(CLEAN.replace("year", "preview = {fig.png},\n  year"), encoding="utf-8")
    assert run("check", str(bib), cwd=tmp_path).returncode == 1  # looked beside the bib
    result = run("check", "--srcdir", str(site), str(bib), cwd=tmp_path)
    assert result.returncode == 0, result.stdout


def test_owner_aliases_from_conf_silence_the_hint_and_owner_option_overrides(bad):
    (bad / "conf.py").write_text(
        (bad / "conf.py").read_text()
        + 'scholar_people = {"Oded Padon": {"aliases": ["Oded Padan"]}}\n',
        encoding="utf-8",
    )
    padan = [p for p in parsed(run("check", cwd=bad).stdout) if p["key"] == "padan2012"]
    assert padan == []
    # --owner replaces the people of conf.py: the registry knows only the owner
    hinted = parsed(run("check", "--owner", "Grace Hopper", cwd=bad).stdout)
    assert [p["kind"] for p in hinted if p["key"] == "padan2012"] == ["name_variant"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check"], "no bib file given and no conf.py here"),
        (["check", "missing.bib"], "no such bib file: missing.bib"),
        (["check", "--srcdir", "nowhere", "refs.bib"], "not a folder"),
        (["frobnicate"], "invalid choice"),
        ([], "name a command"),
        (["check", "--bogus"], "unrecognized arguments"),
    ],
)
def test_usage_errors_exit_2(tmp_path, args, message):
    (tmp_path / "refs.bib").write_text(CLEAN, encoding="utf-8")
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stdout == ""


# -- in process -------------------------------------------------------------------
def test_main_returns_the_exit_status(bad, capsys):
    assert main(["check", "refs.bib"]) == 1
    out, err = capsys.readouterr()
    assert any(line.startswith("refs.bib:") and ": syntax: " in line for line in out.splitlines())
    assert "problems" in err
    (bad / "ok.bib").write_text(CLEAN, encoding="utf-8")
    assert main(["check", "ok.bib"]) == 0
    assert main(["check", "nope.bib"]) == 2
    assert main(["check", "--help"]) == 0


def test_main_without_conf_is_a_usage_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 2
    assert "no bib file given" in capsys.readouterr().err


# -- as a pre-commit hook --------------------------------------------------------------
def test_pre_commit_hook_definition():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "sphinx-scholar-check")
    assert hook["entry"] == "sphinx-scholar check"
    assert hook["language"] == "python"
    assert re.search(hook["files"], "refs/papers.bib")
    assert not re.search(hook["files"], "conf.py")


def _line(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


@pytest.mark.corpus
def test_new_then_import_then_build_as_the_readme_says(tmp_path):
    """The whole path through the real entry point: scaffold a site, import a DBLP export
    into it, and build it with warnings as errors."""
    site = tmp_path / "homepage"
    made = run("new", str(site), "--no-input", "--name", "Jilin Hu", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    dblp = CORPUS / "real/hujilin1229__ps__dblp.bib"
    imported = run("import", "dblp", str(dblp), "--into", str(site), "--force", cwd=tmp_path)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    checked = run("check", cwd=site)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-q",
            "-b",
            "html",
            ".",
            "_build/html",
        ],
        cwd=site,
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    from bs4 import BeautifulSoup

    page = (site / "_build/html/publications/index.html").read_text(encoding="utf-8")
    cards = BeautifulSoup(page, "lxml").select("li.scholar-card")
    kept = re.search(r"kept (\d+) entries", imported.stdout)
    assert kept and len(cards) == int(kept.group(1)) >= 18  # 19 read, one CoRR copy merged
    assert not any("0001" in card.get_text() for card in cards)


def test_a_reader_that_leaves_early_gets_no_traceback(tmp_path):
    """``sphinx-scholar check | head -1`` stops quietly, like other Unix tools: with more
    output than a pipe holds, the writer meets the closed pipe."""
    bib = tmp_path / "refs.bib"
    bib.write_text("".join(f"@article{{k{n}, author = {{A}}}}\n" for n in range(3000)))
    result = subprocess.run(
        f"{sys.executable} -m sphinx_scholar check refs.bib | head -1",
        shell=True,
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert len(result.stdout.splitlines()) == 1 and LINE.match(result.stdout.strip())
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr


def test_srcdir_is_the_site_whose_conf_py_is_read(bad, tmp_path):
    """As for sphinx-build, --srcdir names the site: its conf.py and bib files, from anywhere."""
    (tmp_path / "conf.py").write_text("bibtex_bibfiles = []\n", encoding="utf-8")
    result = run("check", "--srcdir", str(bad), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    here = run("check", cwd=bad)
    assert sorted(p["kind"] for p in parsed(result.stdout)) == sorted(
        p["kind"] for p in parsed(here.stdout)
    )
