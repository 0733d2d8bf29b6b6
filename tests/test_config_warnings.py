"""conf.py mistakes a new user makes: each is one warning at conf.py, naming the value.

A missing bib file was warned at a made-up ``refs.bib.rst``; ``bibtex_bibfiles`` as a
string gave a warning per character and no cards; an unsafe ``scholar_owner`` URL was
dropped silently; an owner spelt differently from every author warned nothing.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import warnings_of

WARNING = re.compile(r"^(?P<location>\S*?):? ?WARNING: (?P<message>.*)$", re.MULTILINE)


def site(rootdir: Path, tmp_path: Path, extra_conf: str) -> Path:
    src = tmp_path / "site"
    shutil.copytree(rootdir / "test-builders", src)
    conf = src / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + extra_conf, encoding="utf-8")
    return src


def build(make_app, src: Path):
    app = make_app("html", srcdir=src)
    app.build()
    return app


def warnings(app) -> list[tuple[str, str]]:
    return [(m["location"], m["message"]) for m in WARNING.finditer(warnings_of(app))]


def line_of(conf: Path, text: str) -> int:
    lines = conf.read_text(encoding="utf-8").splitlines()
    return max(number for number, line in enumerate(lines, 1) if line.startswith(text))


def cards(app, page: str = "pubs") -> list[str]:
    soup = BeautifulSoup((Path(app.outdir) / f"{page}.html").read_text("utf-8"), "lxml")
    return [card["id"] for card in soup.select(".scholar-card")]


def test_a_missing_bib_is_warned_at_conf_py(make_app, rootdir, tmp_path):
    src = site(rootdir, tmp_path, 'bibtex_bibfiles = ["refs.bib", "missing.bib"]\n')
    app = build(make_app, src)
    line = line_of(src / "conf.py", "bibtex_bibfiles")
    assert warnings(app) == [
        (
            f"{src / 'conf.py'}:{line}",
            f"bibtex_bibfiles names a bib file that does not exist: {src / 'missing.bib'} "
            "[scholar.missing_file]",
        )
    ]
    assert cards(app) == ["lovelace1843notes", "babbage1837engine"]


def test_bibfiles_as_a_string_is_one_file_and_one_warning(make_app, rootdir, tmp_path):
    src = site(rootdir, tmp_path, 'bibtex_bibfiles = "refs.bib"\n')
    app = build(make_app, src)
    line = line_of(src / "conf.py", "bibtex_bibfiles")
    assert warnings(app) == [
        (
            f"{src / 'conf.py'}:{line}",
            "bibtex_bibfiles should be a list of file names, not a string; read as "
            "['refs.bib'] [scholar.config]",
        )
    ]
    assert cards(app) == ["lovelace1843notes", "babbage1837engine"]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "vbscript:x"])
def test_an_unsafe_owner_url_warns_as_for_people(make_app, rootdir, tmp_path, url):
    src = site(
        rootdir,
        tmp_path,
        f'scholar_owner = {{"name": "Ada Lovelace", "url": {url!r}}}\n'
        f'scholar_people = {{"Charles Babbage": {url!r}}}\n',
    )
    app = build(make_app, src)
    messages = [message for _, message in warnings(app)]
    assert messages == [
        f"scholar_owner: {url!r} is not an http(s), mailto or relative URL; the name is "
        "shown without a link [scholar.config]",
        f"scholar_people['Charles Babbage']: {url!r} is not an http(s), mailto or relative "
        "URL; the name is shown without a link [scholar.config]",
    ]
    soup = BeautifulSoup((Path(app.outdir) / "pubs.html").read_text("utf-8"), "lxml")
    assert not soup.select(f'a[href="{url}"]')
    assert [o.get_text() for o in soup.select(".scholar-author--owner")] == ["Ada Lovelace"] * 2


def test_an_owner_who_is_no_author_is_warned(make_app, rootdir, tmp_path):
    src = site(rootdir, tmp_path, 'scholar_owner = ["Ada Lovelance", "A. Lovelance"]\n')
    app = build(make_app, src)
    line = line_of(src / "conf.py", "scholar_owner")
    assert warnings(app) == [
        (
            f"{src / 'conf.py'}:{line}",
            "scholar_owner ('A. Lovelance', 'Ada Lovelance') matches no author of the 2 "
            "entries of the bib files; no card highlights the owner's name "
            "[scholar.owner_unmatched]",
        )
    ]


def test_an_owner_who_is_an_author_is_not_warned(make_app, rootdir, tmp_path):
    src = site(rootdir, tmp_path, 'scholar_owner = ["Ada Lovelance", "Ada Lovelace"]\n')
    app = build(make_app, src)
    assert warnings(app) == []
