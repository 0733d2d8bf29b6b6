"""bench/phases.py: a build's wall time cut into phases at the build events."""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.fixture
def phases(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(BENCH))  # bench/ is scripts, not a package
    return importlib.import_module("phases")


def test_a_phase_is_the_time_between_its_marks_and_a_missing_mark_joins_two(
    phases: ModuleType,
) -> None:
    names = [name for name, _ in phases.PHASES]
    marks = [(mark, 10.0 + i) for i, (_, mark) in enumerate(phases.PHASES) if mark != "exit"]
    whole = phases.split(9.5, marks, 30.0)
    assert list(whole) == names
    assert whole[names[0]] == 0.5  # from the process's start to the first mark
    assert all(whole[name] == 1.0 for name in names[1:-1])
    assert whole[names[-1]] == 30.0 - (10.0 + len(marks) - 1)

    # a build that emits no write-started (Sphinx before 7.3 has no such event)
    gone = [(m, t) for m, t in marks if not m.startswith("write-started")]
    joined = phases.split(9.5, gone, 30.0)
    at = names.index("pickling the environment, consistency checks")
    merged = " + ".join(names[at : at + 3])
    assert merged in joined
    assert joined[merged] == 3.0
    assert sum(joined.values()) == pytest.approx(20.5)


def test_every_phase_is_measured_and_an_edit_reaches_the_pages(
    phases: ModuleType, tmp_path: Path
) -> None:
    found = phases.bench(20, ["cold", "edit_title"], 1, tmp_path, phases.generate.SEED)
    (cold,), (edit,) = found["cold"], found["edit_title"]
    assert list(cold) == [name for name, _ in phases.PHASES]  # every event was marked
    assert all(seconds >= 0 for seconds in (*cold.values(), *edit.values()))
    # the edited title is on the pages that show the entry (bench checked it too)
    site = phases.run.Site(
        "A",
        tmp_path / "n20" / "src",
        tmp_path / "n20" / "_build" / "html",
        tmp_path / "n20" / "_build" / "doctrees",
    )
    key = phases.generate.edit_target(phases.generate.entries(20)).key
    checked = phases.run.verify_edit(site, key, "Retitled paper zqedit1 about caching", "zqedit1")
    assert "publications.html" in checked
