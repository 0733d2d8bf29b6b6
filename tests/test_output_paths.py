"""conf.py values naming files the build writes stay inside the output folder.

``scholar_papers_feed``, ``scholar_news_feed`` and ``scholar_paper_pages`` are joined to
the output folder; ``../x`` or ``/tmp/x`` wrote (and, when the value changed again,
deleted) files outside it.
"""

from __future__ import annotations

import os
import posixpath
import shutil
from pathlib import Path

import pytest
from conftest import warnings_of
from hypothesis import given
from hypothesis import strategies as st

from sphinx_scholar.core.config import ScholarConfig, checked, escapes_output

SETTINGS = ("scholar_papers_feed", "scholar_news_feed", "scholar_paper_pages")
DEFAULTS = {"scholar_papers_feed": "papers.xml", "scholar_news_feed": "news.xml"}

segments = st.sampled_from(["..", ".", "", "a", "b.xml", "c:", "C:", "\\", "..\\x", "~"])


@given(st.lists(segments, min_size=1, max_size=6), st.booleans())
def test_an_accepted_path_stays_inside(parts: list[str], absolute: bool) -> None:
    value = ("/" if absolute else "") + "/".join(parts)
    if escapes_output(value):
        return
    # as the builders join it: posix and Windows separators alike
    for joined in (posixpath.join("/out", value), posixpath.join("/out", value.replace("\\", "/"))):
        assert posixpath.normpath(joined).startswith("/out")
    assert ":" not in value.split("/")[0] or len(value.split("/")[0]) != 2


@pytest.mark.parametrize(
    "value", ["../x.xml", "/tmp/x.xml", "a/../../x", "..", "..\\x.xml", "C:/x.xml", "c:x.xml"]
)
def test_escaping_values_fall_back_with_a_warning(value: str) -> None:
    for name in SETTINGS:
        good, problems = checked({name: value})
        assert [kind for kind, _ in problems] == ["path"]
        assert name in problems[0][1]
        assert not escapes_output(good[name])
    config = ScholarConfig.from_values({"scholar_papers_feed": value})
    assert config.papers_feed == "papers.xml"


@pytest.mark.parametrize("value", ["papers.xml", "feeds/papers.xml", "", "publications"])
def test_plain_values_are_kept(value: str) -> None:
    for name in SETTINGS:
        good, problems = checked({name: value})
        assert problems == [] and good[name] == value


def tree(root: Path, skip: Path) -> dict[str, int]:
    """Every file under *root* but those under *skip*, with its size."""
    out = {}
    for folder, _, files in os.walk(root):
        if Path(folder).is_relative_to(skip):
            continue
        for name in files:
            path = Path(folder) / name
            out[str(path.relative_to(root))] = path.stat().st_size
    return out


@pytest.mark.parametrize("escape", ["../..", "ABSOLUTE"])
def test_nothing_is_written_outside_the_output_folder(make_app, rootdir, tmp_path, escape):
    src = tmp_path / "site" / "src"
    shutil.copytree(rootdir / "test-builders", src)
    outside = tmp_path / "outside"
    outside.mkdir()
    base = str(outside) if escape == "ABSOLUTE" else escape
    overrides = {
        "scholar_papers_feed": f"{base}/papers-out.xml",
        "scholar_news_feed": f"{base}/news-out.xml",
        "scholar_paper_pages": f"{base}/pages-out",
        "scholar_talks_feed": f"{base}/talks-out.xml",
        "scholar_cv_pdf": f"{base}/cv-out.pdf",
    }
    build_dir = tmp_path / "site" / "src" / "_build"
    before = tree(tmp_path, build_dir)
    app = make_app("html", srcdir=src, confoverrides=overrides)
    app.build()
    assert tree(tmp_path, build_dir) == before
    assert not any(outside.iterdir())
    warned = warnings_of(app)
    for name, value in overrides.items():
        assert f"{name} = {value!r} is outside the output folder" in warned
    # each falls back to its default
    out = Path(app.outdir)
    assert (out / "papers.xml").is_file() and (out / "news.xml").is_file()
    assert (out / "publications" / "lovelace1843notes" / "index.html").is_file()
