"""Inputs that once stopped a build or `check`, or garbled a file: each one, built for real.

Found by trying real and hostile inputs (issue 12); the property tests in
test_hostile_build.py cover the classes, these pin the shapes that were reported.
"""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from conftest import build_site, tile_said, warnings_of
from lxml import etree
from sphinx.testing.util import SphinxTestApp
from test_cli import parsed, run

CONF = """\
extensions = ["myst_parser", "sphinx_scholar"]
bibtex_bibfiles = ["refs.bib"]
html_baseurl = "https://example.org/"
scholar_owner = ["Ada Lovelace"]
suppress_warnings = ["scholar.indexing"]
"""


def entry(key: str, title: str, extra: str = "") -> str:
    return (
        f"@article{{{key},\n  author = {{Ada Lovelace}},\n  title = {{{title}}},\n"
        f"  journal = {{Journal}},\n  year = {{2020}},{extra}\n}}\n"
    )


def site(tmp_path: Path, bib: bytes, page: str = "") -> Path:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "refs.bib").write_bytes(bib)
    (src / "index.md").write_text(f"# Home\n\n```{{publications}}\n```\n\n{page}", "utf-8")
    return src


def page(app: SphinxTestApp) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / "index.html").read_text("utf-8"), "lxml")


def feeds_parse(app: SphinxTestApp) -> None:
    for name in ("papers.xml", "sitemap.xml"):
        etree.parse(str(Path(app.outdir) / name))


def test_char_of_a_surrogate_or_non_character_is_a_replacement_character(tmp_path):
    """Was a UnicodeEncodeError while writing the placeholder tile."""
    bib = entry("surrogate2020", r'A \char"D800 B') + entry(
        "nonchar2020", r'C \char"FFFE D', '\n  abbr = {X\\char"D800}'
    )
    app = build_site(site(tmp_path, bib.encode()))
    titles = {
        card["id"]: card.select_one(".scholar-title").get_text()
        for card in page(app).select("li.scholar-card")
    }
    assert titles == {"surrogate2020": "A \ufffd B", "nonchar2020": "C \ufffd D"}
    feeds_parse(app)
    said = [" ".join(tile_said(tile)) for tile in page(app).select("span.scholar-tile")]
    assert len(said) == 2 and all("\ufffd" in text for text in said), said


def test_latex_nested_hundreds_deep_is_warned_not_a_recursion_error(tmp_path):
    """`$^^^…^x$` was a RecursionError in loading; check and import printed tracebacks."""
    deep = "$" + "^" * 400 + "x$"
    src = site(tmp_path, (entry("deep2020", f"Deep {deep}") + entry("ok2020", "Fine")).encode())
    result = run("check", cwd=src)
    assert "Traceback" not in result.stderr
    problems = parsed(result.stdout)
    assert [(p["kind"], p["key"], p["line"]) for p in problems] == [("latex", "deep2020", "3")]
    app = build_site(src)
    assert {card["id"] for card in page(app).select("li.scholar-card")} == {"deep2020", "ok2020"}
    assert "refs.bib:3:" in warnings_of(app) and "[deep2020] [scholar.latex]" in warnings_of(app)


def test_a_recursive_yaml_alias_in_a_component_item_is_refused(tmp_path):
    """Was a RecursionError; aliases are refused, the directive's line named."""
    people = "```{people}\n- name: Loop\n  aliases: &loop [x, *loop]\n- name: Other\n```\n"
    app = build_site(site(tmp_path, entry("ok2020", "Fine").encode(), people))
    warned = [line for line in warnings_of(app).splitlines() if "scholar.invalid_item" in line]
    assert len(warned) == 1
    assert "index.md:8:" in warned[0] and "aliases (*name) are not read" in warned[0]
    assert [card["id"] for card in page(app).select("li.scholar-card")] == ["ok2020"]


def test_a_news_item_of_year_zero_is_warned_and_the_feed_is_written(tmp_path):
    """Was "year 0 is out of range" while writing the news feed."""
    news = "```{news}\n- 0000: The beginning of time.\n- 2020-01: A real item.\n```\n"
    app = build_site(site(tmp_path, entry("ok2020", "Fine").encode(), news))
    feed = etree.parse(str(Path(app.outdir) / "news.xml")).getroot()
    entries = feed.findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == 1
    assert "index.md:" in warnings_of(app) and "0000" in warnings_of(app)


def test_one_stray_latin1_byte_changes_only_its_own_line(tmp_path):
    """One Latin-1 byte used to turn every other non-ASCII entry of the file to mojibake."""
    bib = (
        entry("mueller2020", "Über Müller").encode()
        + entry("stray2020", "Caf\xe9", "").encode("latin-1")
        + entry("zhang2020", "张伟的论文").encode()
    )
    app = build_site(site(tmp_path, bib))
    titles = {
        card["id"]: card.select_one(".scholar-title").get_text()
        for card in page(app).select("li.scholar-card")
    }
    assert titles == {"mueller2020": "Über Müller", "stray2020": "Café", "zhang2020": "张伟的论文"}
    warned = [line for line in warnings_of(app).splitlines() if "scholar.encoding" in line]
    assert len(warned) == 1 and "refs.bib:9:" in warned[0] and "line 9" in warned[0]  # its title


def test_entry_warnings_name_their_line_in_a_file_with_cr_only_line_endings(tmp_path):
    """Every entry-level warning used to say line 1 (old Mac line endings)."""
    text = entry("ok2020", "Fine") + "@article{noyear2021,\n  title = {No year},\n}\n"
    src = site(tmp_path, text.replace("\n", "\r").encode())
    problems = [p for p in parsed(run("check", cwd=src).stdout) if p["key"] == "noyear2021"]
    assert problems and {p["line"] for p in problems} == {"7"}  # where the entry starts
