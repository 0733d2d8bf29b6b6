"""Any text a user's data can carry still builds: a property test over whole Sphinx builds.

Hypothesis writes bib fields (arbitrary Unicode, C0 controls, NUL, non-characters, stray
non-UTF-8 bytes), news items and profile values into a small real project, and the build
must finish with every entry a card and the feeds and sitemap well-formed XML. Each
example is one full build, so the example count is set by SCHOLAR_PROPERTY_EXAMPLES (CI
raises it); the failing example is what hypothesis reports.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from conftest import build_site
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from lxml import etree
from sphinx.util.console import strip_colors

from sphinx_scholar.core.text import ILLEGAL

EXAMPLES = int(os.environ.get("SCHOLAR_PROPERTY_EXAMPLES", "20"))

# Every code point a UTF-8 file can hold (surrogates cannot be encoded at all).
ANY_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)
# Bytes that are not UTF-8 on their own, as text pasted from a Latin-1 file would be.
STRAY_BYTES = st.binary(min_size=1, max_size=6).map(
    lambda raw: bytes(b for b in raw if b not in b"{}\r\n") or b"\xe9"
)


def balanced(text: str) -> str:
    """*text* with its braces balanced, so the entry around it stays well-formed BibTeX.

    An unbalanced brace ends the entry by the format's own rules: that is a syntax error,
    which the parser tests cover; here every entry must stay valid."""
    out, depth = [], 0
    for char in text:
        if char == "}":
            if depth == 0:
                continue
            depth -= 1
        elif char == "{":
            depth += 1
        out.append(char)
    return "".join(out) + "}" * depth


def one_line(text: str) -> str:
    """*text* on one line, so that a news item stays one list item."""
    return " ".join(text.replace("`", "'").splitlines())


ENTRY = st.fixed_dictionaries(
    {
        "title": ANY_TEXT,
        "author": ANY_TEXT,
        "venue": ANY_TEXT,
        "abstract": ANY_TEXT,
        "note": ANY_TEXT,
        "links": ANY_TEXT,
        "preview": ANY_TEXT,
        "raw": STRAY_BYTES,
    }
)


def bib_of(entries: list[dict]) -> bytes:
    """A bib file of *entries*, each valid: a plain key, a year, balanced braces."""
    chunks = []
    for index, entry in enumerate(entries):
        fields = [
            f"title = {{Paper {index} {balanced(entry['title'])}}}",
            f"author = {{Ada Lovelace and {balanced(entry['author'])}}}",
            f"journal = {{{balanced(entry['venue'])}}}",
            f"abstract = {{{balanced(entry['abstract'])}}}",
            f"note = {{{balanced(entry['note'])}}}",
            f"links = {{{balanced(entry['links'])}}}",
            f"preview = {{{balanced(entry['preview'])}}}",
            "year = {2020}",
        ]
        head = f"@article{{key{index},\n  " + ",\n  ".join(fields)
        chunks.append(head.encode("utf-8") + b",\n  keywords = {" + entry["raw"] + b"}\n}\n")
    return b"\n".join(chunks)


CONF = """\
extensions = ["myst_parser", "sphinx_scholar"]
bibtex_bibfiles = ["refs.bib"]
html_baseurl = "https://example.org/"
scholar_owner = ["Ada Lovelace"]
scholar_profile = {profile!r}
html_title = {title!r}
suppress_warnings = ["scholar.indexing"]
"""

INDEX = """\
# Home

```{{profile}}
```

```{{news}}
- 2020-01: News {news}
- 2021: News {news2}
```

```{{publications}}
```
"""


#: Every property here builds a whole project per example. Shrinking would rebuild it
#: hundreds of times; the unshrunk example is small already (a few short items).
WHOLE_BUILDS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def build(
    bib: bytes, profile: dict, title: str, news: tuple[str, str], page: str | None = None
) -> tuple[Path, str]:
    """Build the project in a fresh folder; returns the output folder and the warnings."""
    root = Path(tempfile.mkdtemp(prefix="hostile-"))
    src = root / "src"
    src.mkdir()
    (src / "refs.bib").write_bytes(bib)
    (src / "conf.py").write_text(CONF.format(profile=profile, title=title), encoding="utf-8")
    if page is None:
        page = INDEX.format(news=one_line(news[0]), news2=one_line(news[1]))
    (src / "index.md").write_text(page, encoding="utf-8")
    app = build_site(src, root / "_build")
    return Path(app.outdir), app.warning.getvalue()


@WHOLE_BUILDS
@given(
    entries=st.lists(ENTRY, min_size=1, max_size=4),
    name=ANY_TEXT,
    affiliation=ANY_TEXT,
    title=ANY_TEXT,
    news=st.tuples(ANY_TEXT, ANY_TEXT),
)
def test_any_text_builds_every_entry_and_well_formed_xml(
    entries: list[dict], name: str, affiliation: str, title: str, news: tuple[str, str]
) -> None:
    profile = {"name": name, "affiliation": affiliation}
    outdir, warnings = build(bib_of(entries), profile, title, news)
    try:
        soup = BeautifulSoup((outdir / "index.html").read_text(encoding="utf-8"), "lxml")
        cards = [card["id"] for card in soup.select(".scholar-publications li.scholar-card")]
        assert sorted(cards) == sorted(f"key{index}" for index in range(len(entries))), warnings
        for name in ("papers.xml", "news.xml", "sitemap.xml"):
            etree.parse(str(outdir / name))  # raises on anything that is not XML
        lines = strip_colors(warnings).splitlines()
        for index, entry in enumerate(entries):
            text = "".join(value for value in entry.values() if isinstance(value, str))
            # U+001C..U+001F are whitespace to Python and BibTeX alike: read as spaces
            refused = [char for char in ILLEGAL.findall(text) if not char.isspace()]
            if refused or b"\x00" in entry["raw"]:
                # the removed characters are named with the file, the line and the entry
                assert any(
                    "refs.bib:" in line and f"key{index}" in line and "scholar.bad_char" in line
                    for line in lines
                ), warnings
    finally:
        shutil.rmtree(outdir.parent.parent, ignore_errors=True)


PERSON = st.fixed_dictionaries(
    {"name": ANY_TEXT, "role": ANY_TEXT, "note": ANY_TEXT, "now": ANY_TEXT, "url": ANY_TEXT}
)
STATION = st.fixed_dictionaries(
    {"org": ANY_TEXT, "role": ANY_TEXT, "place": ANY_TEXT, "note": ANY_TEXT, "start": ANY_TEXT}
)
AWARD = st.fixed_dictionaries({"name": ANY_TEXT, "org": ANY_TEXT, "year": ANY_TEXT})
PROJECT = st.fixed_dictionaries({"name": ANY_TEXT, "description": ANY_TEXT, "url": ANY_TEXT})
COURSE = st.fixed_dictionaries({"course": ANY_TEXT, "title": ANY_TEXT, "term": ANY_TEXT})


def directive(name: str, items: list[dict], options: str = "") -> str:
    """A MyST directive whose body is *items* as YAML (every character escaped by PyYAML)."""
    return f"```{{{name}}}\n{options}{yaml.safe_dump(items, allow_unicode=False)}```\n"


@WHOLE_BUILDS
@given(
    people=st.lists(PERSON, min_size=1, max_size=3),
    stations=st.lists(STATION, min_size=1, max_size=3),
    awards=st.lists(AWARD, min_size=1, max_size=3),
    projects=st.lists(PROJECT, min_size=1, max_size=3),
    courses=st.lists(COURSE, min_size=1, max_size=3),
)
def test_any_text_in_component_items_builds_every_item(
    people: list[dict],
    stations: list[dict],
    awards: list[dict],
    projects: list[dict],
    courses: list[dict],
) -> None:
    page = "# Home\n\n" + "\n".join(
        [
            directive("people", people, ":group: current\n"),
            directive("timeline", stations),
            directive("awards", awards),
            directive("projects", projects),
            directive("teaching", courses),
        ]
    )
    outdir, warnings = build(bib_of([]), {}, "Site", ("a", "b"), page=page)
    try:
        soup = BeautifulSoup((outdir / "index.html").read_text(encoding="utf-8"), "lxml")
        lines = strip_colors(warnings).splitlines()

        def left_out(name: str) -> int:
            return sum(f"{name}: " in line and "left out" in line for line in lines)

        # every item is shown, or left out with a warning that names the page and line
        for name, selector, items in (
            ("people", ".scholar-person", people),
            ("timeline", ".scholar-timeline__item", stations),
            ("awards", ".scholar-award-item", awards),
        ):
            shown = len(soup.select(selector))
            assert shown + left_out(name) == len(items), warnings
        assert all("index.md:" in line for line in lines if "left out" in line)
        etree.parse(str(outdir / "sitemap.xml"))
    finally:
        shutil.rmtree(outdir.parent.parent, ignore_errors=True)
