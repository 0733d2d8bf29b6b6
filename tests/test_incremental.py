"""Incremental, parallel and repeated builds give exactly the pages a clean build gives.

Each test copies tests/roots/test-incremental and builds it with real Sphinx
applications. An "incremental" build is a new application on the same source
and build folders with ``freshenv=False``, which is what ``sphinx-build`` (and
sphinx-autobuild) do after an edit: the pickled environment is loaded and only
what changed is re-read and rewritten.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS, parse_html, rewrite, tile_said, warnings_of

from sphinx_scholar.sphinx_ext.domain import get_domain

ROOT = ROOTS / "test-incremental"
EDITED = "lovelace1843notes"  #: selected: on the home page, the full list and its own page
OLD_TITLE = "Notes on the Analytical Engine"
NEW_TITLE = "Sketch of the Analytical Engine Invented by Charles Babbage"
ADDED = "lovelace1844flow"
ADDED_ENTRY = """
@article{lovelace1844flow,
  author = {Ada Lovelace and Michael Faraday},
  title = {A Calculus of the Nervous System},
  journal = {Letters on Science},
  year = {1844},
  selected = {true},
  tags = {engines},
  abstract = {Thinking, computed.},
}
"""
REMOVED = "babbage1837engine"  #: selected, tagged (research page), cited in talks.md
#: Pages whose cards depend on the bib (the others show no paper).
PAPER_PAGES = ("index", "publications", "research", "talks")
#: Pages Sphinx itself writes on every build, whatever changed (plus .buildinfo, the
#: search index, objects.inv and its templated ``_static`` files, which keep their content).
SPHINX_ALWAYS_WRITES = frozenset({"genindex.html", "search.html"})


# -- helpers ----------------------------------------------------------------------------


def copy_root(dest: Path) -> Path:
    shutil.copytree(ROOT, dest)
    return dest


def build(make_app, srcdir: Path, **kwargs):
    """One sphinx-build run; records which documents it read.

    The app is cleaned up at once (docutils' directive, role and node registries are
    global), so the next app of the test starts as a new ``sphinx-build`` process would.
    """
    app = make_app("html", srcdir=srcdir, **kwargs)
    app._read_docs = []
    app.connect(
        "env-before-read-docs", lambda _app, _env, docnames: app._read_docs.extend(docnames)
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def clean_build(make_app, src: Path, tmp_path: Path):
    """A build into empty folders of a copy of *src* as it is now (its ``_build`` left out):
    what an incremental build of *src* must equal."""
    clean_src = tmp_path / "clean"
    shutil.copytree(src, clean_src, ignore=shutil.ignore_patterns("_build"))
    return build(make_app, clean_src, freshenv=True)


def outputs(app) -> dict[str, bytes]:
    """Every output file by relative path, except Sphinx's build bookkeeping; the search
    index without its empty terms (:func:`search_index`)."""
    out = Path(app.outdir)
    files = {}
    for path in sorted(out.rglob("*")):
        rel = path.relative_to(out).as_posix()
        if path.is_dir() or rel.startswith(".doctrees/") or rel == ".buildinfo":
            continue
        files[rel] = (
            search_index(path.read_bytes()) if rel == "searchindex.js" else path.read_bytes()
        )
    return files


def search_index(index: bytes) -> bytes:
    """``searchindex.js`` without the terms and title terms whose list of documents is
    empty: Sphinx's incremental index keeps a term whose last document lost it (a clean
    index has none; Sphinx 8.2 keeps empty title terms too, such as a year group gone)."""
    if not (index.startswith(b"Search.setIndex(") and index.endswith(b")")):
        return index
    data = json.loads(index[len(b"Search.setIndex(") : -1])
    for kind in ("terms", "titleterms"):  # a card's title is a title of its page
        data[kind] = {term: docs for term, docs in data[kind].items() if docs != []}
    return json.dumps(data, sort_keys=True).encode()


def snapshot(app) -> dict[str, tuple[int, bytes]]:
    """Every output file (but the doctrees): its mtime and content."""
    out = Path(app.outdir)
    return {
        path.relative_to(out).as_posix(): (path.stat().st_mtime_ns, path.read_bytes())
        for path in out.rglob("*")
        if path.is_file() and ".doctrees" not in path.parts
    }


def rewritten_pages(before: dict, after: dict) -> set[str]:
    """Output files the build wrote again, but for what Sphinx writes on every build.

    Any other file Sphinx rewrites on every build (.buildinfo, the search index,
    templated CSS/JS) must keep its content; our own files (thumbnails, paper
    pages) must not be rewritten at all.
    """
    assert set(after) == set(before), (set(after) ^ set(before), "files appeared or vanished")
    pages = set()
    for name, (mtime, content) in after.items():
        if mtime == before[name][0] or name in SPHINX_ALWAYS_WRITES:
            continue
        sphinx_own = not name.endswith(".html") and not name.startswith("_static/scholar")
        if sphinx_own and name != "searchindex.js":
            assert content == before[name][1], f"{name} changed"
        elif not sphinx_own:
            pages.add(name)
    return pages


def card_titles(app, page: str) -> dict[str, str]:
    """Card id -> its title text, for every card on *page*."""
    soup = parse_html(app, page)
    return {
        card.get("id", ""): card.select_one(".scholar-title").get_text(" ", strip=True)
        for card in soup.select("li.scholar-card")
    }


def paper_page(app, key: str) -> Path:
    slug = get_domain(app.env).slugs[key]
    return Path(app.outdir) / "publications" / slug / "index.html"


def paper_page_title(path: Path) -> str:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
    return soup.select_one("h1.scholar-paper__title").get_text(" ", strip=True)


def page_text(app, page: str) -> str:
    soup = parse_html(app, page)
    main = soup.select_one("main") or soup.body
    return main.get_text(" ", strip=True)


def everything_said(path: Path) -> str:
    """A page's text, its <title> and every meta tag's content (what search engines read)."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
    metas = [tag.get("content", "") for tag in soup.find_all("meta")]
    return " ".join([soup.get_text(" ", strip=True), *metas])


def xml_text(app, name: str) -> str:
    """The text and link targets of a feed or sitemap."""
    soup = BeautifulSoup((Path(app.outdir) / name).read_text(encoding="utf-8"), "xml")
    hrefs = [tag.get("href", "") for tag in soup.find_all("link")]
    return " ".join([soup.get_text(" ", strip=True), *hrefs])


def differences(left: dict[str, bytes], right: dict[str, bytes]) -> str:
    """A readable account of which files differ and how (first lines of a diff)."""
    report = []
    for name in sorted(set(left) | set(right)):
        if name not in left or name not in right:
            report.append(f"{name}: only in {'right' if name not in left else 'left'}")
        elif left[name] != right[name]:
            diff = difflib.unified_diff(
                left[name].decode("utf-8", "replace").splitlines(),
                right[name].decode("utf-8", "replace").splitlines(),
                lineterm="",
                n=0,
            )
            report.append(f"{name}:\n" + "\n".join(list(diff)[2:12]))
    return "\n".join(report)


# -- incremental --------------------------------------------------------------------------


def test_edit_add_remove_reach_every_page(make_app, tmp_path):
    src = copy_root(tmp_path / "site")
    bib = src / "refs.bib"
    first = build(make_app, src, freshenv=True)
    assert warnings_of(first) == ""
    assert card_titles(first, "publications")[EDITED] == OLD_TITLE
    assert card_titles(first, "index")[EDITED] == OLD_TITLE
    assert paper_page_title(paper_page(first, EDITED)) == OLD_TITLE
    untouched = snapshot(first)

    # 1. edit a title
    text = bib.read_text(encoding="utf-8")
    old_line = "title = {Notes on the {Analytical Engine}},"
    assert text.count(old_line) == 1
    rewrite(bib, text.replace(old_line, f"title = {{{NEW_TITLE}}},"))
    edited = build(make_app, src)
    assert not edited.fresh_env_used, "the second build must load the pickled environment"
    assert set(edited._read_docs) <= set(PAPER_PAGES), "a page without papers was re-read"
    for page in ("publications", "index"):
        assert card_titles(edited, page)[EDITED] == NEW_TITLE, page
        assert OLD_TITLE not in page_text(edited, page), page
    assert paper_page_title(paper_page(edited, EDITED)) == NEW_TITLE
    assert OLD_TITLE not in everything_said(paper_page(edited, EDITED))
    assert NEW_TITLE in everything_said(paper_page(edited, EDITED))
    assert NEW_TITLE in xml_text(edited, "papers.xml")
    assert OLD_TITLE not in xml_text(edited, "papers.xml")
    now = snapshot(edited)
    for page in ("about.html", "contact.html", "teaching.html"):
        assert now[page][0] == untouched[page][0], f"{page} shows no paper, yet was rewritten"
    other_paper = paper_page(edited, "lovelace1840thesis").relative_to(edited.outdir).as_posix()
    assert now[other_paper][0] == untouched[other_paper][0], "an unchanged paper page was rewritten"

    # 2. add an entry (selected, tagged): on the full list, the home page, research, own page
    rewrite(bib, bib.read_text(encoding="utf-8") + ADDED_ENTRY)
    added = build(make_app, src)
    assert not added.fresh_env_used
    for page in ("publications", "index", "research"):
        assert card_titles(added, page).get(ADDED) == "A Calculus of the Nervous System", page
    assert paper_page_title(paper_page(added, ADDED)) == "A Calculus of the Nervous System"
    assert "A Calculus of the Nervous System" in xml_text(added, "papers.xml")
    assert f"publications/{ADDED}/" in xml_text(added, "sitemap.xml")

    # 3. remove an entry: gone from every list, and its paper page file is deleted
    removed_page = paper_page(added, REMOVED)
    assert removed_page.is_file()
    text = bib.read_text(encoding="utf-8")
    start = text.index(f"@article{{{REMOVED},")
    end = text.index("\n}\n", start) + 3
    rewrite(bib, text[:start] + text[end:])
    removed = build(make_app, src)
    assert not removed.fresh_env_used
    for page in ("publications", "index", "research"):
        titles = card_titles(removed, page)
        assert REMOVED not in titles, page
        assert "On the Mathematical Powers of the Calculating Engine" not in titles.values()
    assert "On the Mathematical Powers" not in page_text(removed, "publications")
    assert not removed_page.exists(), "the paper page of a removed entry is left behind"
    assert f"publications/{REMOVED}/" not in xml_text(removed, "sitemap.xml")
    assert "On the Mathematical Powers" not in xml_text(removed, "papers.xml")
    assert not any(REMOVED in path.as_posix() for path in Path(removed.outdir).rglob("*.html")), (
        "some output file still names the removed entry"
    )
    # the role that cited it now warns (and names the key) instead of linking to nothing
    assert REMOVED in warnings_of(removed)
    talks = parse_html(removed, "talks")
    assert not talks.select(f'a[href*="{REMOVED}"]')


def edited_twice(make_app, tmp_path):
    """(incremental, clean): the site after a year change and an added entry, built both ways."""
    src = copy_root(tmp_path / "site")
    bib = src / "refs.bib"
    build(make_app, src, freshenv=True)
    rewrite(bib, bib.read_text(encoding="utf-8").replace("{1837}", "{1838}") + ADDED_ENTRY)
    incremental = build(make_app, src)
    assert not incremental.fresh_env_used
    clean_src = copy_root(tmp_path / "clean")
    shutil.copyfile(bib, clean_src / "refs.bib")
    return outputs(incremental), outputs(build(make_app, clean_src, freshenv=True))


def test_incremental_result_equals_a_clean_build(make_app, tmp_path):
    """After edits, every file both builds wrote is byte-identical, and none is missing."""
    incremental, clean = edited_twice(make_app, tmp_path)
    assert set(clean) <= set(incremental), sorted(set(clean) - set(incremental))
    common = {name: incremental[name] for name in clean}
    assert common == clean, differences(common, clean)


def test_incremental_build_leaves_no_stale_file(make_app, tmp_path):
    """E.g. the placeholder tile of an entry whose year changed (its name is a digest)."""
    incremental, clean = edited_twice(make_app, tmp_path)
    assert sorted(set(incremental) - set(clean)) == []


def test_noop_rebuild_rewrites_nothing(make_app, tmp_path):
    src = copy_root(tmp_path / "site")
    first = build(make_app, src, freshenv=True)
    before = snapshot(first)
    second = build(make_app, src)
    assert not second.fresh_env_used
    assert second._read_docs == []
    assert rewritten_pages(before, snapshot(second)) == set()


def test_touching_a_page_without_papers_rewrites_only_it(make_app, tmp_path):
    src = copy_root(tmp_path / "site")
    first = build(make_app, src, freshenv=True)
    before = snapshot(first)
    about = src / "about.md"
    rewrite(about, about.read_text(encoding="utf-8"))
    second = build(make_app, src)
    assert second._read_docs == ["about"]
    # index.html: Sphinx rewrites the page whose toctree lists a re-read page (it does so
    # without any extension too); no page with papers and no paper page is rewritten
    assert rewritten_pages(before, snapshot(second)) <= {
        "about.html",
        "_sources/about.md.txt",
        "index.html",
    }


def test_touching_the_bib_changes_no_output(make_app, tmp_path):
    """Same content, new mtime: the bib is read again, but every output stays the same."""
    src = copy_root(tmp_path / "site")
    first = build(make_app, src, freshenv=True)
    before = snapshot(first)
    bib = src / "refs.bib"
    rewrite(bib, bib.read_text(encoding="utf-8"))
    second = build(make_app, src)
    after = snapshot(second)
    assert {name: content for name, (_, content) in after.items()} == {
        name: content for name, (_, content) in before.items()
    }
    # at most the root page is written again: Sphinx pickles the environment (and so
    # the new bib state) only in a build that writes some page
    assert rewritten_pages(before, after) <= {"index.html"}
    third = build(make_app, src)
    assert rewritten_pages(snapshot(second), snapshot(third)) == set()


# -- parallel and repeatable ------------------------------------------------------------

PYDATA = {"html_theme": "pydata_sphinx_theme"}


@pytest.mark.parametrize("theme", [{}, PYDATA], ids=["alabaster", "pydata"])
def test_parallel_build_writes_the_same_html(make_app, tmp_path, theme):
    serial = build(make_app, copy_root(tmp_path / "serial"), freshenv=True, confoverrides=theme)
    parallel = build(
        make_app, copy_root(tmp_path / "parallel"), freshenv=True, parallel=2, confoverrides=theme
    )
    assert parallel.parallel == 2
    assert parallel.builder.parallel_ok, "the extension must allow parallel writing"
    left, right = outputs(serial), outputs(parallel)
    assert len([name for name in left if name.endswith(".html")]) >= 14  # pages, paper pages
    assert {"papers.xml", "sitemap.xml"} <= set(left)
    assert left == right, differences(left, right)
    assert warnings_of(serial) == warnings_of(parallel) == ""


def test_parallel_build_tells_alike_tiles_apart_as_a_serial_one(make_app, tmp_path):
    """The tiles of two papers that would say the same: -j 2 draws the serial build's."""
    roots = []
    for name in ("serial", "parallel"):
        roots.append(copy_root(tmp_path / name))
        _append(roots[-1], TWIN.replace("TITLE", ALIKE))
    serial = build(make_app, roots[0], freshenv=True)
    parallel = build(make_app, roots[1], freshenv=True, parallel=2)
    left, right = outputs(serial), outputs(parallel)
    assert left == right, differences(left, right)
    page = parse_html(parallel, "publications")
    twins = (EDITED, "babbage1843twin")
    tiles = {tile_said(page.find(id=key).select_one("span.scholar-tile")) for key in twins}
    assert len(tiles) == 2


@pytest.mark.parametrize("theme", [{}, PYDATA], ids=["alabaster", "pydata"])
def test_two_clean_builds_are_byte_identical(make_app, tmp_path, theme):
    """Users diff their deploys: nothing may depend on the time, the folder or the run."""
    one = build(make_app, copy_root(tmp_path / "one"), freshenv=True, confoverrides=theme)
    assert {"papers.xml", "sitemap.xml", "searchindex.js"} <= set(outputs(one))
    time.sleep(1.1)  # a timestamp in any output would now differ
    two = build(make_app, copy_root(tmp_path / "other" / "two"), freshenv=True, confoverrides=theme)
    left, right = outputs(one), outputs(two)
    assert left == right, differences(left, right)


# -- every kind of edit: the whole output tree equals a clean build's ----------------------
# What is left out of the comparison, and why, is in every_file() and in the test: Sphinx's
# doctrees and .buildinfo.bak, empty search-index terms, and static files Sphinx copied once.

THUMB = "_static/figs/engine.png"  #: a preview with a slash: not in scholar_preview_dir
PHOTO = "_static/people/mary.png"  #: a component photo
PORTRAIT = "_static/people/ada.png"  #: the profile's photo
PEOPLE = f"""

```{{people}}
- name: Mary Wong
  role: Ph.D. student
  photo: {PHOTO}
```
"""
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16


def _edit_bib(src: Path, old: str, new: str) -> None:
    bib = src / "refs.bib"
    text = bib.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    rewrite(bib, text.replace(old, new))


def _edit_conf(src: Path, old: str, new: str) -> None:
    _edit_bib_like(src / "conf.py", old, new)


def _edit_bib_like(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    rewrite(path, text.replace(old, new))


def _with_files(src: Path, present: bool) -> None:
    """A site whose bib names a thumbnail by path, with a people list and a profile photo."""
    _edit_conf(
        src,
        "html_static_path: list[str] = []",
        'html_static_path = ["_static"]\n'
        f'scholar_profile = {{"name": "Ada", "photo": "{PORTRAIT}"}}',
    )
    for name in (THUMB, PHOTO, PORTRAIT):
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        if present:
            (src / name).write_bytes(PNG)
    (src / "_static" / "keep.txt").write_text("the folder exists\n")
    _edit_bib_like(src / "about.md", "A page without papers.", "A page without papers." + PEOPLE)
    # on a page of its own: a photo of the people list makes about.md re-read anyway
    _edit_bib_like(src / "contact.md", "Write a letter.", "Write a letter.\n\n```{profile}\n```")
    _edit_bib(
        src,
        "title = {Notes on the {Analytical Engine}},",
        f"""title = {{Notes on the {{Analytical Engine}}}},
  preview = {{{THUMB}}},""",
    )


def _remove_entry(src: Path) -> None:
    bib = src / "refs.bib"
    text = bib.read_text(encoding="utf-8")
    start = text.index(f"@article{{{REMOVED},")
    rewrite(bib, text[:start] + text[text.index("\n}\n", start) + 3 :])


def _appear(src: Path) -> None:
    for name in (THUMB, PHOTO, PORTRAIT):
        (src / name).write_bytes(PNG)


def _disappear(src: Path) -> None:
    for name in (THUMB, PHOTO, PORTRAIT):
        (src / name).unlink()


#: A parent entry and its crossref child, and a @string macro (issue 17: entries that
#: depend on other text of the bib, which a per-entry reuse must follow).
LINKED = """
@string{engines = "Journal of Engines"}

@proceedings{royal1845,
  title = {Proceedings of the Royal Society},
  booktitle = {Proceedings of the Royal Society},
  year = {1845},
}

@inproceedings{lovelace1845child,
  author = {Ada Lovelace},
  title = {A Child of the Proceedings},
  crossref = {royal1845},
  abstract = {Inherits its venue.},
}

@article{lovelace1846macro,
  author = {Ada Lovelace},
  title = {A Paper in a Macro's Journal},
  journal = engines,
  year = {1846},
  abstract = {The journal is a macro.},
}
"""


#: A paper of the same venue and year as EDITED (issue 16): with the title of ALIKE, its
#: tile would say what EDITED's says ("Notes on the Analytical…", SciMem 1843), so both
#: are told apart, and EDITED's tile on the home page (whose source is not edited) changes.
TWIN = """
@inproceedings{babbage1843twin,
  author = {Charles Babbage},
  title = {TITLE},
  booktitle = {Scientific Memoirs},
  abbr = {SciMem},
  year = {1843},
  abstract = {Gears.},
}
"""
ALIKE = "Notes on the Analytical Difference Engine"
UNLIKE = "On a Difference Engine"


def _prepend(src: Path, text: str) -> None:
    """*text* before the first entry: every entry's lines move down."""
    bib = src / "refs.bib"
    rewrite(bib, text + "\n" + bib.read_text(encoding="utf-8"))


def _append_conf(src: Path, text: str) -> None:
    rewrite(src / "conf.py", (src / "conf.py").read_text(encoding="utf-8") + text)


def _append(src: Path, text: str) -> None:
    bib = src / "refs.bib"
    rewrite(bib, bib.read_text(encoding="utf-8") + text)


#: name -> (prepare the site before the first build, the edit between the two builds)
EDITS = {
    "bib entry edited": (None, lambda s: _edit_bib(s, "{1837}", "{1838}")),
    "bib entry added": (
        None,
        lambda s: rewrite(s / "refs.bib", (s / "refs.bib").read_text() + ADDED_ENTRY),
    ),
    "bib entry deleted": (None, _remove_entry),
    "bib entry's title edited": (
        None,
        lambda s: _edit_bib(
            s, "title = {Notes on the {Analytical Engine}},", f"title = {{{NEW_TITLE}}},"
        ),
    ),
    "bib entry's authors edited": (
        None,
        lambda s: _edit_bib(
            s, "Babbage, Charles and Lovelace, A.", "Babbage, Charles and Faraday, M."
        ),
    ),
    "bib entry added above every other (their lines move)": (
        None,
        lambda s: _prepend(s, ADDED_ENTRY),
    ),
    "bib entry edited below one that moved": (
        lambda s: _prepend(s, ADDED_ENTRY),
        lambda s: _edit_bib(s, "@misc{deMorgan1842letters,\n", "\n\n@misc{deMorgan1842letters,\n"),
    ),
    "@string macro redefined": (
        lambda s: _append(s, LINKED),
        lambda s: _edit_bib(s, '"Journal of Engines"}', '"Annals of Engines"}'),
    ),
    "crossref parent edited": (
        lambda s: _append(s, LINKED),
        lambda s: _edit_bib(
            s, "booktitle = {Proceedings of the Royal Society}", "booktitle = {Royal Proceedings}"
        ),
    ),
    "bib gets a duplicate key (parsed whole)": (
        None,
        lambda s: _append(s, ADDED_ENTRY.replace(ADDED, EDITED)),
    ),
    "edit makes two tiles alike": (
        lambda s: _append(s, TWIN.replace("TITLE", UNLIKE)),
        lambda s: _edit_bib(s, f"title = {{{UNLIKE}}}", f"title = {{{ALIKE}}}"),
    ),
    "edit tells two alike tiles apart": (
        lambda s: _append(s, TWIN.replace("TITLE", ALIKE)),
        lambda s: _edit_bib(s, f"title = {{{ALIKE}}}", f"title = {{{UNLIKE}}}"),
    ),
    "page edited": (
        None,
        lambda s: _edit_bib_like(s / "research.md", ":tag: engines", ":tag: nothing"),
    ),
    # the full list goes: entries shown nowhere else lose their page, tile and feed entry
    "page stops listing papers": (
        None,
        lambda s: _edit_bib_like(s / "publications.md", "```{publications}\n```\n", "None.\n"),
    ),
    "files appear": (lambda s: _with_files(s, present=False), _appear),
    "files disappear": (lambda s: _with_files(s, present=True), _disappear),
    "html_baseurl removed": (
        None,
        lambda s: _edit_conf(s, 'html_baseurl = "https://example.org/ada/"', ""),
    ),
    "html_baseurl added": (
        lambda s: _edit_conf(s, 'html_baseurl = "https://example.org/ada/"', ""),
        lambda s: rewrite(
            s / "conf.py",
            (s / "conf.py").read_text() + 'html_baseurl = "https://example.org/ada/"\n',
        ),
    ),
    "config value changed": (
        None,
        lambda s: rewrite(
            s / "conf.py", (s / "conf.py").read_text() + 'scholar_paper_pages = "papers"\n'
        ),
    ),
    # what every card shares (cardcache.py): a co-author's link
    "a co-author's link changed in conf.py": (
        None,
        lambda s: _edit_conf(s, "https://example.org/babbage", "https://example.org/cb"),
    ),
    # the full list of five grows past the threshold: its cards link abstract and BibTeX
    "an added entry makes a list long (details linked)": (
        lambda s: _append_conf(s, "scholar_details_threshold = 5\n"),
        lambda s: _append(s, ADDED_ENTRY),
    ),
    "a deleted entry makes a list short (details folded in)": (
        lambda s: _append_conf(s, "scholar_details_threshold = 4\n"),
        _remove_entry,
    ),
    # entries no page shows come back: their pages, tiles and feed entries
    "scholar_whole_bib turned on": (
        lambda s: _edit_bib_like(s / "publications.md", "```{publications}\n```\n", "None.\n"),
        lambda s: rewrite(
            s / "conf.py", (s / "conf.py").read_text() + "scholar_whole_bib = True\n"
        ),
    ),
}


def every_file(app) -> dict[str, bytes]:
    """Every file of the output folder, but Sphinx's own bookkeeping of the build.

    Left out: the doctrees (pickles of the environment) and ``.buildinfo.bak`` (Sphinx
    keeps the previous build info when the config changed). ``searchindex.js`` is
    compared without its empty terms (:func:`search_index`).
    """
    out = Path(app.outdir)
    files = {}
    for path in sorted(out.rglob("*")):
        rel = path.relative_to(out)
        if not path.is_file() or ".doctrees" in rel.parts or rel.name == ".buildinfo.bak":
            continue
        files[rel.as_posix()] = path.read_bytes()
    if "searchindex.js" in files:
        files["searchindex.js"] = search_index(files["searchindex.js"])
    return files


def site_static(src: Path) -> set[str]:
    """The site's own static files as Sphinx copies them (``_static/...``)."""
    static = src / "_static"
    return {f"_static/{p.relative_to(static).as_posix()}" for p in static.rglob("*") if p.is_file()}


@pytest.mark.parametrize("edit", list(EDITS))
def test_every_kind_of_edit_gives_the_clean_build_byte_for_byte(make_app, tmp_path, edit):
    prepare, change = EDITS[edit]
    src = copy_root(tmp_path / "site")
    if prepare:
        prepare(src)
    build(make_app, src, freshenv=True)
    static_before = site_static(src)
    change(src)
    incremental = build(make_app, src)
    assert not incremental.fresh_env_used
    clean = clean_build(make_app, src, tmp_path)
    left, right = every_file(incremental), every_file(clean)
    # Sphinx never removes a static file it copied once (with or without this extension):
    # a site file deleted from _static stays in the output; nothing of ours may
    sphinx_kept = (set(left) - set(right)) & (static_before - site_static(src))
    left = {name: data for name, data in left.items() if name not in sphinx_kept}
    assert left == right, differences(left, right)
    if edit.startswith("files"):  # the files are shown exactly when they exist
        shown = edit == "files appear"
        card = parse_html(incremental, "publications").find(id=EDITED)
        assert bool(card.select(f'img[src$="{THUMB.split("/", 1)[1]}"]')) is shown
        assert bool(parse_html(incremental, "about").select('img[src$="mary.png"]')) is shown
        assert bool(parse_html(incremental, "contact").select('img[src$="ada.png"]')) is shown
    # no warning the clean build does not give (e.g. one kept from before the edit); Sphinx
    # does not repeat the warnings of pages it did not read again, hence a subset
    said = set(warnings_of(incremental).replace(str(src), "").splitlines())
    assert said <= set(warnings_of(clean).replace(str(clean.srcdir), "").splitlines())


def test_fresh_environment_after_a_file_appears_keeps_no_old_warning(make_app, tmp_path):
    """``sphinx-build -E -W`` once the thumbnail exists: the records kept beside the
    doctrees (same bib) must not bring back the warning of the missing file."""
    src = copy_root(tmp_path / "site")
    _with_files(src, present=False)
    first = build(make_app, src, freshenv=True)
    assert "figs/engine.png" in warnings_of(first) and "[scholar.missing_file]" in warnings_of(
        first
    )
    _appear(src)
    again = build(make_app, src, freshenv=True)
    assert "[scholar.missing_file]" not in warnings_of(again)
    card = parse_html(again, "publications").find(id=EDITED)
    assert card.select('img[src$="figs/engine.png"]')


def calls_of(monkeypatch, owner, name: str) -> list[tuple]:
    """The arguments of every call of ``owner.name`` from now on; the function still runs.

    Iterators among them are read into lists first (and passed on as lists), so the spy
    neither consumes what the function needs nor keeps a spent generator.
    """
    calls: list[tuple] = []
    original = getattr(owner, name)

    def spy(*args, **kwargs):
        args = tuple(list(a) if isinstance(a, Iterator) else a for a in args)
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, spy)
    return calls


def _entries_parsed(monkeypatch) -> list[str]:
    """Every entry key the bib parser reads from now on."""
    from sphinx_scholar.core.bibparse import TolerantParser

    seen: list[str] = []
    original = TolerantParser.process_entry

    def spy(self, entry_type, key, fields):
        seen.append(key)
        return original(self, entry_type, key, fields)

    monkeypatch.setattr(TolerantParser, "process_entry", spy)
    return seen


def test_an_edit_parses_only_the_edited_entry(make_app, tmp_path, monkeypatch):
    """Issue 17: one entry's edit (or one added above the others) reads that entry only."""
    src = copy_root(tmp_path / "site")
    build(make_app, src, freshenv=True)
    parsed = _entries_parsed(monkeypatch)
    _edit_bib(src, "{1837}", "{1838}")
    build(make_app, src)
    assert parsed == ["babbage1837engine"]
    parsed.clear()
    _prepend(src, ADDED_ENTRY)  # every other entry moves down
    build(make_app, src)
    assert parsed == [ADDED]


def test_warnings_of_untouched_entries_stay_as_they_were(make_app, tmp_path):
    """An entry's warning after an edit above it: the same words, its new line, as a clean
    build gives (the entry itself was not read again)."""
    src = copy_root(tmp_path / "site")
    _append(src, LINKED.replace("A Paper in a Macro's Journal", "A Paper with \\foo{LaTeX}"))
    first = build(make_app, src, freshenv=True)
    _prepend(src, ADDED_ENTRY)
    moved = ADDED_ENTRY.count("\n") + 1
    again = build(make_app, src)
    clean = clean_build(make_app, src, tmp_path)

    def latex_warnings(app, folder: Path) -> list[str]:
        said = warnings_of(app).replace(str(folder), "SRC").splitlines()
        return [line for line in said if "[scholar.latex]" in line]

    (before,) = latex_warnings(first, src)
    (after,) = latex_warnings(again, src)
    assert [after] == latex_warnings(clean, Path(clean.srcdir))
    place, _, said = before.partition(": WARNING: ")
    line = int(place.rsplit(":", 1)[1])
    assert after == f"{place.rsplit(':', 1)[0]}:{line + moved}: WARNING: {said}"


@pytest.mark.parametrize("kept", [b"", b"\x80\x05garbage", None])
def test_a_broken_or_missing_entries_file_means_a_whole_parse(make_app, tmp_path, kept):
    """The entries kept for the next parse are a cache: damaged or gone, the edit still
    gives the clean build's pages."""
    from sphinx_scholar.sphinx_ext.loading import ENTRIES

    src = copy_root(tmp_path / "site")
    first = build(make_app, src, freshenv=True)
    entries = Path(first.doctreedir) / ENTRIES
    assert entries.is_file()
    if kept is None:
        entries.unlink()
    else:
        entries.write_bytes(kept)
    _edit_bib(src, "{1837}", "{1838}")
    incremental = build(make_app, src)
    clean = clean_build(make_app, src, tmp_path)
    assert every_file(incremental) == every_file(clean)


def test_a_noop_after_a_cold_build_loads_no_records(make_app, tmp_path, monkeypatch):
    """Issue 17: after a build into empty folders, a rebuild where nothing changed must not
    unpickle the records (the spelling hints were settled before the shown entries were,
    so every later no-op settled them again, and the environment was never saved)."""
    from sphinx_scholar.sphinx_ext import sidecar

    src = copy_root(tmp_path / "site")
    build(make_app, src, freshenv=True)
    calls = calls_of(monkeypatch, sidecar, "read")
    for _ in range(2):
        again = build(make_app, src)
        assert again._read_docs == []
        assert sidecar.FILENAME not in [Path(path).name for path, _token in calls]


def test_the_spelling_hints_are_redone_only_when_an_author_or_a_line_changes(
    make_app, tmp_path, monkeypatch
):
    from sphinx_scholar.sphinx_ext import hints

    calls = calls_of(monkeypatch, hints, "check_name_variants")
    signed = calls_of(monkeypatch, hints, "author_signatures")

    def authors_read_again() -> list[str]:
        """The keys whose authors the last build read again (not kept by record digest)."""
        records, known = signed[-1]
        return sorted(key for key, record in records.items() if record.digest not in known)

    src = copy_root(tmp_path / "site")
    first = build(make_app, src, freshenv=True)
    assert len(calls) == 1
    every = sorted(get_domain(first.env).records)
    assert len(every) > 1 and authors_read_again() == every
    _edit_bib(src, "title = {Notes on the {Analytical Engine}},", f"title = {{{NEW_TITLE}}},")
    build(make_app, src)
    assert len(calls) == 1  # a title: the same authors at the same lines
    assert authors_read_again() == [EDITED]
    records, known = signed[-1]
    fresh = hints.author_signatures(records, {})
    assert all(known[d] == fresh[d] for d in fresh if d in known)  # kept ones are still true
    reused = hints.author_signatures(records, dict.fromkeys(fresh, "kept"))
    assert set(reused.values()) == {"kept"}  # and they are taken, not computed again
    _edit_bib(src, "Babbage, Charles and Lovelace, A.", "Babbage, Charles and Lovelace, Ada")
    build(make_app, src)
    assert len(calls) == 2
    assert len(authors_read_again()) == 1


def test_an_edit_resolves_each_list_once(make_app, tmp_path, monkeypatch):
    """The lists' records are asked for by the card homes, the pages to rewrite and the
    page being written: after a bib edit each distinct list is resolved once."""
    from sphinx_scholar.core import query

    src = copy_root(tmp_path / "site")
    build(make_app, src, freshenv=True)
    calls = calls_of(monkeypatch, query, "select")
    _edit_bib(src, "title = {Notes on the {Analytical Engine}},", f"title = {{{NEW_TITLE}}},")
    edited = build(make_app, src)
    lists = {q for _, q in get_domain(edited.env).queries()}
    assert len(lists) > 1
    assert len(calls) == len(lists)


def test_a_page_edit_that_changes_no_list_resolves_no_list(make_app, tmp_path, monkeypatch):
    """Issue 17: touching a page without papers rewrites the home page (Sphinx rewrites the
    page whose toctree lists it), whose cards link to their homes and tiles; both are kept
    with what they were computed from, so no list of the site is resolved again for that."""
    from sphinx_scholar.sphinx_ext import state

    calls = calls_of(monkeypatch, state, "card_homes")
    tiled = calls_of(monkeypatch, state, "distinct_tiles")
    src = copy_root(tmp_path / "site")
    first = build(make_app, src, freshenv=True)
    assert calls and tiled, "a cold build computes the homes and the tiles"
    before = snapshot(first)
    calls.clear()
    tiled.clear()
    about = src / "about.md"
    rewrite(about, about.read_text(encoding="utf-8"))
    second = build(make_app, src)
    assert second._read_docs == ["about"]
    assert "index.html" in rewritten_pages(before, snapshot(second))
    assert calls == [] and tiled == []
    # a page that changes what it lists computes them again
    _edit_bib_like(src / "publications.md", "```{publications}\n```\n", "None.\n")
    build(make_app, src)
    assert len(calls) == 1


def test_a_build_gives_the_garbage_collector_back_what_it_froze(make_app, tmp_path):
    """Parsed records are frozen out of the collector's passes during a build; a process
    that builds again and again (these tests, an in-process preview) must not keep them."""
    import gc

    src = copy_root(tmp_path / "site")
    gc.unfreeze()
    build(make_app, src, freshenv=True)
    assert gc.get_freeze_count() == 0


def test_an_edit_renders_only_the_edited_card_again(make_app, tmp_path, monkeypatch):
    """Issue 17: the cards of a page are kept across builds (cardcache.py); an edit of one
    entry renders that entry's cards, and every other card is the one written before."""
    from sphinx_scholar.sphinx_ext import transforms

    calls = calls_of(monkeypatch, transforms, "card_html")

    def rendered() -> set[str]:
        return {view.record.key for view, _legend, _messages in calls}

    src = copy_root(tmp_path / "site")
    build(make_app, src, freshenv=True)
    assert len(rendered()) > 2, "the root shows several cards"
    calls.clear()
    _edit_bib(src, "title = {Notes on the {Analytical Engine}},", f"title = {{{NEW_TITLE}}},")
    build(make_app, src)
    assert rendered() == {"lovelace1843notes"}


def _shard_files(doctrees: Path) -> dict[str, set[str]]:
    """Each sharded side file's folder (records, kept entries, each page's cards) and the
    shard files in it."""
    return {
        str(folder.relative_to(doctrees)): {path.name for path in folder.iterdir()}
        for folder in doctrees.rglob("*.pickle.d")
    }


def test_an_edit_writes_only_the_shards_of_the_edited_entry(make_app, tmp_path):
    """Issue 17: the records, the kept entries, the tiles and each page's kept cards are side
    files in shards (sidecar.py); an edit of one entry pickles again one shard of each (the
    one its record, its entry, its tile and its card fall in), not the thousands around it;
    the pages are the clean build's."""
    from sphinx_scholar.sphinx_ext import sidecar
    from sphinx_scholar.sphinx_ext.loading import ENTRIES, code_version

    def span_keys() -> set[str]:
        """The keys of the kept entry spans (of their text and file: a test's own path)."""
        version = f"{code_version()} {first.config.bibtex_encoding}"
        return set(sidecar.read(str(doctrees / ENTRIES), version)["spans"])

    src = copy_root(tmp_path / "site")
    first = build(make_app, src, freshenv=True)
    doctrees = Path(first.doctreedir)
    before = _shard_files(doctrees)
    spans_before = span_keys()
    sharded = {
        "scholar-records.pickle.d",
        "scholar-entries.pickle.d",
        "scholar-tile-bases.pickle.d",
    }
    assert sharded <= set(before)
    _edit_bib(src, "title = {Notes on the {Analytical Engine}},", f"title = {{{NEW_TITLE}}},")
    edited = build(make_app, src)
    after = _shard_files(doctrees)
    new = {folder: after[folder] - before.get(folder, set()) for folder in after}
    assert len(new.pop("scholar-records.pickle.d")) == 1
    # the edited span's new key, and its old key's shard if other spans are left in it
    spans_after = span_keys()
    (gone,), (came,) = spans_before - spans_after, spans_after - spans_before
    still = {sidecar._shard_of(key) for key in spans_after}
    changed = {sidecar._shard_of(came)} | ({sidecar._shard_of(gone)} & still)
    assert {int(name[:2], 16) for name in new.pop("scholar-entries.pickle.d")} == changed
    assert len(new.pop("scholar-tile-bases.pickle.d")) == 1  # the edited entry's tile alone
    (records_shard,) = after["scholar-records.pickle.d"] - before["scholar-records.pickle.d"]
    assert int(records_shard[:2], 16) == sidecar._shard_of(EDITED)
    # the pages that show the card: one new shard each; the others' cards: untouched
    showing = {f"scholar-cards/{page}.pickle.d" for page in PAPER_PAGES if page != "talks"}
    assert {folder for folder, names in new.items() if names} == showing
    assert all(len(new[folder]) == 1 for folder in showing)
    assert every_file(edited) == every_file(clean_build(make_app, src, tmp_path))


def test_entries_below_an_added_one_keep_their_shards_and_get_their_new_lines(make_app, tmp_path):
    """An entry added above all others moves every entry's lines: the records and parses
    kept beside the doctrees keep their shards (the records file notes each moved record's
    new place), and every later way of reading the records back (this build, a page edit
    after it, a ``-E`` build) has each record at the line a clean build gives it."""
    src = copy_root(tmp_path / "site")
    first = build(make_app, src, freshenv=True)
    doctrees = Path(first.doctreedir)
    before = _shard_files(doctrees)
    _prepend(src, ADDED_ENTRY)
    added = build(make_app, src)
    after = _shard_files(doctrees)
    records = "scholar-records.pickle.d"
    for folder in (records, "scholar-entries.pickle.d"):
        assert len(after[folder] - before[folder]) == 1, folder  # the added entry's
    clean = clean_build(make_app, src, tmp_path)
    assert every_file(added) == every_file(clean)

    def places(app) -> dict[str, tuple[str, int | None]]:
        records = get_domain(app.env).records
        return {key: (Path(r.source.file).name, r.source.line) for key, r in records.items()}

    expected = places(clean)
    assert expected[EDITED][1] > 1 and places(added) == expected
    page = src / "about.md"
    rewrite(page, page.read_text(encoding="utf-8") + "\nMore words.\n")
    touched = build(make_app, src)  # the records come from the file (sidecar.Lazy)
    assert places(touched) == expected
    again = build(make_app, src, freshenv=True)  # -E: the parse is read back, not redone
    assert places(again) == expected
    # an edit that moves nothing: the moved records stay as the file holds them
    before = _shard_files(doctrees)
    _edit_bib(src, "title = {Notes on the {Analytical Engine}},", f"title = {{{NEW_TITLE}}},")
    edited = build(make_app, src)
    assert len(_shard_files(doctrees)["scholar-records.pickle.d"] - before[records]) == 1
    assert places(edited) == expected
    rewrite(page, page.read_text(encoding="utf-8") + "\nAnd more.\n")
    assert places(build(make_app, src)) == expected


def test_a_records_file_whose_places_name_no_record_is_a_cache_missed(make_app, tmp_path):
    """The places noted beside the kept records (loading._as_stored) that do not fit them
    (a file damaged, or written by hand) make the records again: no crash, the pages of a
    clean build."""
    import pickle

    from sphinx_scholar.core.records import Source
    from sphinx_scholar.sphinx_ext import sidecar

    src = copy_root(tmp_path / "site")
    first = build(make_app, src, freshenv=True)
    _prepend(src, ADDED_ENTRY)
    build(make_app, src)
    top = Path(first.doctreedir) / sidecar.FILENAME
    payload = pickle.loads(top.read_bytes())
    assert payload["value"]["places"]  # every entry moved
    payload["value"]["places"]["no-such-key"] = Source("refs.bib", 1)
    top.write_bytes(pickle.dumps(payload))
    page = src / "publications.md"
    rewrite(page, page.read_text(encoding="utf-8") + "\nMore words.\n")
    incremental = build(make_app, src)
    assert every_file(incremental) == every_file(clean_build(make_app, src, tmp_path))


@pytest.mark.parametrize("which", ["scholar-records.pickle.d", "scholar-entries.pickle.d", "cards"])
@pytest.mark.parametrize("damage", ["missing", "garbage"])
@pytest.mark.parametrize("change", ["bib", "page"])
def test_a_damaged_shard_means_a_clean_builds_pages(make_app, tmp_path, which, damage, change):
    """A shard of a side file gone or garbled (a disk, a hand) is a cache missed: the build
    after it, for an edit of the bib or of a page of cards, gives the clean build's pages,
    with no crash."""
    src = copy_root(tmp_path / "site")
    first = build(make_app, src, freshenv=True)
    doctrees = Path(first.doctreedir)
    folder = doctrees / (which if which != "cards" else "scholar-cards/publications.pickle.d")
    for shard in folder.iterdir():
        if damage == "missing":
            shard.unlink()
        else:
            shard.write_bytes(b"\x80\x05garbage")
    if change == "bib":
        _edit_bib(src, "{1837}", "{1838}")
    else:
        page = src / "publications.md"
        rewrite(page, page.read_text(encoding="utf-8") + "\nMore words.\n")
    incremental = build(make_app, src)
    assert every_file(incremental) == every_file(clean_build(make_app, src, tmp_path))


def test_a_kept_card_follows_where_the_site_serves_its_files(make_app, tmp_path):
    """A card kept across builds (cardcache.py) links its files where the site serves them
    now: the folder moved from html_static_path to html_extra_path gives every page the
    clean build's HTML. (Sphinx itself leaves the old ``_static`` copies in the output, so
    only the pages are compared.)"""
    src = copy_root(tmp_path / "site")
    _with_files(src, present=True)
    build(make_app, src, freshenv=True)
    move = (
        'html_static_path = ["_static"]',
        'html_static_path: list[str] = []\nhtml_extra_path = ["_static"]',
    )
    _edit_conf(src, *move)
    incremental = build(make_app, src)
    clean = clean_build(make_app, src, tmp_path)
    pages = {k: v for k, v in every_file(incremental).items() if k.endswith(".html")}
    assert pages == {k: v for k, v in every_file(clean).items() if k.endswith(".html")}
    card = parse_html(incremental, "publications").find(id=EDITED)
    assert card.select('img[src="figs/engine.png"]')


@pytest.mark.parametrize(
    "garbage",
    [b"", b"not a pickle", b"\x80\x05K\x01.", b"\x80\x05}\x94(\x8c\x06shared\x94K\x01u."],
    ids=["empty", "text", "an int", "a foreign dict"],
)
def test_a_broken_card_cache_file_means_cards_rendered_anew(make_app, tmp_path, garbage):
    """A page's kept cards (cardcache.py) that cannot be read, or belong to something
    else, are rendered again: the edit still gives the clean build's output."""
    from sphinx_scholar.sphinx_ext.cardcache import FOLDER

    src = copy_root(tmp_path / "site")
    first = build(make_app, src, freshenv=True)
    kept = sorted((Path(first.doctreedir) / FOLDER).glob("*.pickle"))
    assert kept, "the cards of the pages with lists are kept"
    for path in kept:
        path.write_bytes(garbage)
    _edit_bib(src, "{1837}", "{1838}")
    incremental = build(make_app, src)
    clean = clean_build(make_app, src, tmp_path)
    assert every_file(incremental) == every_file(clean)


def test_an_edit_draws_only_the_edited_entrys_tile_again(make_app, tmp_path, monkeypatch):
    """Issue 17: each tile on its own is kept beside the doctrees by the entry's digest; an
    edit draws the edited entry's tile, and tells the site's tiles apart from the kept ones."""
    from sphinx_scholar.render import tileset

    calls = calls_of(monkeypatch, tileset, "tile_label")
    src = copy_root(tmp_path / "site")
    build(make_app, src, freshenv=True)
    assert len({record.key for record, *_ in calls}) > 2, "the root has several tiles"
    calls.clear()
    _edit_bib(src, "{1837}", "{1838}")
    build(make_app, src)
    assert {record.key for record, *_ in calls} == {REMOVED}


@pytest.mark.parametrize(
    "garbage",
    [b"", b"not a pickle", b"\x80\x05K\x01.", b"\x80\x05}\x94(\x8c\x05token\x94K\x01u."],
    ids=["empty", "text", "an int", "a foreign dict"],
)
def test_a_broken_tile_bases_file_means_tiles_drawn_anew(make_app, tmp_path, garbage):
    """The tiles kept for the next build that cannot be read, or belong to something else,
    are drawn again: the edit still gives the clean build's output."""
    from sphinx_scholar.sphinx_ext.state import TILE_BASES

    src = copy_root(tmp_path / "site")
    first = build(make_app, src, freshenv=True)
    kept = Path(first.doctreedir) / TILE_BASES
    assert kept.is_file()
    kept.write_bytes(garbage)
    _edit_bib(src, "{1837}", "{1838}")
    incremental = build(make_app, src)
    clean = clean_build(make_app, src, tmp_path)
    assert every_file(incremental) == every_file(clean)


def test_a_page_left_unfilled_by_a_stopped_build_is_written_again(make_app, tmp_path, monkeypatch):
    """Pages of cards are written with marks and filled once every page is written
    (fill.py). A build stopped in between leaves pages Sphinx thinks are up to date: the
    note beside the doctrees makes the next build write them again, as a clean build."""
    from sphinx_scholar.sphinx_ext import fill

    def stop(*args) -> None:
        raise KeyboardInterrupt

    src = copy_root(tmp_path / "site")
    with monkeypatch.context() as stopping, pytest.raises(KeyboardInterrupt):
        stopping.setattr(fill, "fill", stop)  # the build stops before the first page is filled
        build(make_app, src, freshenv=True)
    marked = (src / "_build" / "html" / "publications.html").read_text(encoding="utf-8")
    assert "\x00scholar-card" in marked
    assert (src / "_build" / "doctrees" / fill.PENDING).is_file()
    again = build(make_app, src)
    assert {"index", "publications"} <= set(again._read_docs)
    assert not (Path(again.doctreedir) / fill.PENDING).exists()
    clean = clean_build(make_app, src, tmp_path)

    def site(app) -> dict[str, bytes]:
        # Sphinx's own search index misses the pages a stopped build did not index (it
        # saved the environment before writing): Sphinx's, not ours to compare
        return {k: v for k, v in every_file(app).items() if k != "searchindex.js"}

    assert site(again) == site(clean)


def test_a_build_process_ends_without_walking_its_objects_again(tmp_path):
    """Issue 17: Python's finalization collects cycles more than once, each time walking
    every object still alive; a ``sphinx-build`` process (sphinx-autobuild starts one per
    rebuild) freezes them first, and so ends at once."""
    src = copy_root(tmp_path / "site")
    script = (
        "import atexit, gc, sys\n"
        # registered first, so it runs last: after the extension's own exit handler
        "atexit.register(lambda: print('frozen', gc.get_freeze_count(), file=sys.stderr))\n"
        "from sphinx.cmd.build import build_main\n"
        f"sys.exit(build_main(['-q', '-b', 'html', {str(src)!r}, {str(src / 'out')!r}]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    frozen = re.search(r"^frozen (\d+)$", done.stderr, re.M)
    assert frozen is not None, done.stderr
    assert int(frozen[1]) > 10_000


@pytest.mark.parametrize("note", [b"\xff\xfe\x80 not utf-8", b"no-such-page\n../../etc\n\x00\n"])
def test_an_unreadable_or_foreign_unfilled_note_changes_nothing(make_app, tmp_path, note):
    """The note of pages left unfilled (fill.py) that is not UTF-8 or names no page of the
    site: the rebuild neither crashes nor reads a page again."""
    from sphinx_scholar.sphinx_ext import fill

    src = copy_root(tmp_path / "site")
    first = build(make_app, src, freshenv=True)
    (Path(first.doctreedir) / fill.PENDING).write_bytes(note)
    again = build(make_app, src)
    assert again._read_docs == []
    assert warnings_of(again) == ""


def test_an_environment_an_earlier_version_pickled_is_discarded_not_crashed_on(make_app, tmp_path):
    """Upgrading sphinx-scholar under a kept build folder (sphinx-autobuild, a CI cache):
    the pickled environment holds the domain data of the version that wrote it, without
    the keys this one reads. Its ``env_version`` tells Sphinx to start afresh. Before the
    tiles went into the cards (env_version 4), the key ``tile_names`` stood for
    ``tile_html``: reading that environment was a KeyError."""
    import pickle

    root = copy_root(tmp_path / "site")
    first = build(make_app, root, freshenv=True)
    expected = outputs(first)
    pickled = Path(first.doctreedir) / "environment.pickle"
    env = pickle.loads(pickled.read_bytes())
    data = env.domaindata["scholar"]
    data["tile_names"] = data.pop("tile_html")
    data["version"] = 8
    env.version["sphinx_scholar"] = 4
    pickled.write_bytes(pickle.dumps(env, pickle.HIGHEST_PROTOCOL))
    again = build(make_app, root)
    assert sorted(again._read_docs) == sorted(again.env.found_docs)  # read afresh
    assert outputs(again) == expected, differences(expected, outputs(again))


#: What the domain keeps in the environment, with the version numbers that say so.
KEPT = (
    9,  # ScholarDomain.data_version
    5,  # setup()'s env_version
    "awards components components_written cv cv_items doc_digests feeds_state hint_state "
    "homes inputs news page_digests page_state paper_refs people queries records scope "
    "site_files slugs state talks tile_html",
)


def test_the_domain_data_a_build_keeps_is_versioned(make_app, tmp_path):
    """A change to what the domain keeps in the environment must come with new
    ``data_version`` and ``env_version`` numbers, or environments pickled by the earlier
    code are read as if they were this code's (see the test above): change :data:`KEPT`
    only together with both numbers."""
    from sphinx_scholar.sphinx_ext.domain import ScholarDomain

    app = make_app("html", srcdir=copy_root(tmp_path / "site"))
    try:
        env_version = app.extensions["sphinx_scholar"].metadata["env_version"]
    finally:
        app.cleanup()
    keys = " ".join(sorted(ScholarDomain.initial_data))
    assert (ScholarDomain.data_version, env_version, keys) == KEPT
