"""Every input warning, seen as a user sees it: file, line, entry key and ``scholar.<kind>``.

The site in tests/roots/test-bad has one entry per problem (refs.bib) and a
Latin-1 file (latin1.bib); its page asks for a key that does not exist, a
filter that matches nothing and a paper role with an unknown key. It is built
once per module (a build per test would repeat the same work 30 times).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS, build_site, warnings_of
from sphinx.util.console import strip_colors

from sphinx_scholar.core.bibparse import TolerantParser
from sphinx_scholar.core.convert import records_from
from sphinx_scholar.core.diagnostics import KINDS
from sphinx_scholar.core.validate import check_name_variants

BAD = ROOTS / "test-bad"

#: Every entry of refs.bib and latin1.bib that pybtex keeps (dupkey2018 once).
ALL_KEYS = {
    "hopper1952compiler",
    "brokencomma2020",
    "afterbroken2021",
    "undefinedmacro2019",
    "dupkey2018",
    "twice2017a",
    "twice2017b",
    "noyear",
    "typofield2016",
    "emptylink2015",
    "unsafejs2014",
    "unsafedata2014",
    "unsafevb2014",
    "unsafetab2014",
    "nopreview2013",
    "nopdf2013",
    "padon2012",
    "padan2012",
    "accent2011",
    "noaccent2011",
    "fullname2010",
    "initials2010",
    "commas2009",
    "unknownmacro2008",
    "dblp2007",
    "latin2006",
    "pdfpaste2005",
    "smarch2004",
    "emptynames2003",
    "andand2003",
    "dangling2002",
    "looseLinks2001",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    src = tmp_path_factory.mktemp("bad") / "src"
    shutil.copytree(BAD, src)
    return build_site(src)


@pytest.fixture(scope="module")
def warnings(site) -> list[str]:
    return strip_colors(site.warning.getvalue()).splitlines()


def line_of(path: Path, needle: str, encoding: str = "utf-8", nth: int = 1) -> int:
    """The 1-based line of the *nth* line containing *needle* (so tests survive edits)."""
    found = [
        number
        for number, line in enumerate(path.read_text(encoding=encoding).splitlines(), 1)
        if needle in line
    ]
    assert len(found) >= nth, f"{needle!r} not in {path}"
    return found[nth - 1]


def the_warning(warnings: list[str], kind: str, key: str, containing: str = "") -> str:
    found = [w for w in warnings if f"[scholar.{kind}]" in w and key in w and containing in w]
    assert len(found) == 1, f"expected one {kind} warning for {key}, got {found}\n" + "\n".join(
        warnings
    )
    return found[0]


def assert_at(warning: str, file: str, line: int) -> None:
    """The warning starts with 'path/to/file:line:' (what editors and Sphinx print)."""
    match = re.match(r"^(?P<path>\S+?):(?P<line>\d+): WARNING: ", warning)
    assert match, warning
    assert Path(match["path"]).name == file, warning
    assert int(match["line"]) == line, warning


BIB_CASES = [
    # kind, key, needle marking the reported line, message fragment
    ("syntax", "brokencomma2020", "year = {2020}", "bib syntax error"),
    ("macro", "undefinedmacro2019", "journal = nosuchmacro", "'nosuchmacro'"),
    ("duplicate_key", "dupkey2018", ("@article{dupkey2018", 2), "duplicate key 'dupkey2018'"),
    ("duplicate_paper", "twice2017b", "@article{twice2017b", "'twice2017a'"),
    ("missing_field", "noyear", "@article{noyear", "no year"),
    ("unknown_field", "typofield2016", "preveiw =", "did you mean 'preview'?"),
    ("empty_link", "emptylink2015", "code = {}", "'code'"),
    ("unsafe_url", "unsafejs2014", "code = {javascript", "javascript:alert(1)"),
    ("unsafe_url", "unsafedata2014", "website = {data:", "data:text/html"),
    ("unsafe_url", "unsafevb2014", "slides = {vbscript", "vbscript:"),
    ("unsafe_url", "unsafetab2014", "url = {java\tscript", "the link is dropped"),
    ("missing_file", "nopreview2013", "preview = {no-such-image.png}", "no-such-image.png"),
    ("missing_file", "nopdf2013", "pdf = {no-such-paper.pdf}", "no-such-paper.pdf"),
    ("name_variant", "padan2012", "@article{padan2012", "'Oded Padan' here and 'Oded Padon'"),
    ("name_variant", "noaccent2011", "@article{noaccent2011", "'José Meseguer'"),
    ("name_variant", "fullname2010", "@article{fullname2010", "'G. C. Necula'"),
    ("bad_name", "commas2009", "@article{commas2009", "Too many commas"),
    ("latex", "unknownmacro2008", "title = {The \\frobnicate", "\\frobnicate"),
    ("bad_char", "pdfpaste2005", "title = {Copied out of a PDF", "(U+0002)"),
    ("bad_date", "smarch2004", "month = {Smarch}", "'Smarch' is no month"),
    ("bad_name", "emptynames2003", "author = {Grace Hopper and , ,", "empty name (', ,')"),
    ("bad_name", "emptynames2003", "author = {Grace Hopper and , ,", "empty name ('{}')"),
    ("bad_name", "andand2003", "and and Howard", "read as 'Howard Aiken'"),
    ("crossref", "dangling2002", "crossref = {DBLP:conf/nowhere", "'DBLP:conf/nowhere/2002'"),
    ("bad_link", "looseLinks2001", "links = {[Talk]", "'slides at https://example.org/slides'"),
    ("bad_link", "looseLinks2001", "links = {[Talk]", "'[Code][repo]' names a reference"),
]


@pytest.mark.parametrize(
    ("kind", "key", "needle", "fragment"), BIB_CASES, ids=[f"{c[0]}-{c[1]}" for c in BIB_CASES]
)
def test_bib_warning_names_file_line_and_entry(warnings, kind, key, needle, fragment):
    warning = the_warning(warnings, kind, key, fragment)
    needle, nth = needle if isinstance(needle, tuple) else (needle, 1)
    assert_at(warning, "refs.bib", line_of(BAD / "refs.bib", needle, nth=nth))
    assert f"[{key}]" in warning
    assert fragment in warning


def test_encoding_warning_names_the_encoding_assumed(warnings):
    found = [w for w in warnings if "[scholar.encoding]" in w]
    assert len(found) == 1, found
    assert_at(found[0], "latin1.bib", line_of(BAD / "latin1.bib", "Andr", "latin-1"))
    assert "not valid UTF-8" in found[0] and "Windows-1252" in found[0]


def test_syntax_error_reports_what_was_skipped(warnings):
    warning = the_warning(warnings, "syntax", "brokencomma2020")
    start = line_of(BAD / "refs.bib", "year = {2020}")
    assert f"lines {start}-{start + 2} skipped" in warning


def test_latex_warning_names_every_unknown_command(warnings):
    found = [w for w in warnings if "[scholar.latex]" in w and "[unknownmacro2008]" in w]
    assert {re.search(r"\\[a-z]+", w).group() for w in found} == {"\\frobnicate", "\\zorblax"}


@pytest.mark.parametrize(
    ("kind", "needle", "key"),
    [
        ("unknown_key", ("{publication} nosuchkey2024", 1), "nosuchkey2024"),
        ("empty_filter", ("```{publications}", 2), "year 1900"),
        ("unknown_key", ("{paper}`ghostpaper1999`", 1), "ghostpaper1999"),
    ],
)
def test_page_warning_names_page_line_and_key(warnings, kind, needle, key):
    warning = the_warning(warnings, kind, key)
    assert_at(warning, "index.md", line_of(BAD / "index.md", needle[0], nth=needle[1]))


def test_every_input_kind_is_exercised(warnings):
    """Each kind that concerns input has at least one warning in this root (the others
    concern conf.py or the machine: each has its own test)."""
    others = {"invalid_item", "indexing", "config", "owner_unmatched", "cv_pdf"}
    input_kinds = set(KINDS) - others
    seen = {m.group(1) for w in warnings if (m := re.search(r"\[scholar\.(\w+)\]$", w))}
    assert input_kinds <= seen, input_kinds - seen


def test_dblp_suffix_is_stripped_silently(site, warnings):
    assert not [w for w in warnings if "dblp2007" in w]
    card = BeautifulSoup(
        (Path(site.outdir) / "index.html").read_text(encoding="utf-8"), "lxml"
    ).find(id="dblp2007")
    names = [a.get_text() for a in card.select(".scholar-author")]
    assert names[0] == "Wei Wang"
    assert "0001" not in card.get_text()


def cards(app) -> list:
    soup = BeautifulSoup((Path(app.outdir) / "index.html").read_text(encoding="utf-8"), "lxml")
    return soup.select(".scholar-publications")[0].select("li.scholar-card")


def test_without_w_every_valid_entry_is_in_place(site):
    assert site.statuscode == 0
    ids = [card["id"] for card in cards(site)]
    assert sorted(ids) == sorted(ALL_KEYS)


def test_damaged_entries_keep_what_was_read(site):
    by_id = {card["id"]: card for card in cards(site)}
    assert "A Missing Comma" in by_id["brokencomma2020"].get_text()
    assert "The Entry After the Broken One" in by_id["afterbroken2021"].get_text()
    # the first of two keys is kept
    assert "The First of Two Keys" in by_id["dupkey2018"].get_text()
    assert "The Second of Two Keys" not in cards_text(site)
    # Latin-1 read as such: the accents survive
    assert "Café Theory" in by_id["latin2006"].get_text()
    # unknown LaTeX: readable fallback, never a backslash
    title = by_id["unknownmacro2008"].select_one(".scholar-title").get_text()
    assert "Widget" in title and "\\" not in title
    # dropped links are gone, the empty one is a disabled button
    assert not by_id["unsafejs2014"].select("a[href^='javascript']")
    assert by_id["emptylink2015"].select_one(".scholar-btn--disabled").get_text() == "Code"
    # empty names are left out, a doubled "and" reads the name after it
    names = [a.get_text() for a in by_id["emptynames2003"].select(".scholar-author")]
    assert names == ["Grace Hopper"]
    names = [a.get_text() for a in by_id["andand2003"].select(".scholar-author")]
    assert names == ["Grace Hopper", "Howard Aiken"]
    # a month that is no month: the year alone
    assert by_id["smarch2004"].select_one("time")["datetime"] == "2004"
    # the link that is a link is kept
    talk = by_id["looseLinks2001"].select("a.scholar-btn")
    assert [(a.get_text(), a["href"]) for a in talk] == [("Talk", "https://example.org/talk")]


def cards_text(app) -> str:
    return " ".join(card.get_text(" ") for card in cards(app))


def test_with_w_the_build_fails(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(BAD, src)
    app = build_site(src, warningiserror=True)
    assert app.statuscode == 1
    assert len(cards(app)) == len(ALL_KEYS)  # the site is still complete


def test_with_w_sphinx_build_exits_non_zero(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(BAD, src)
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(src), str(tmp_path / "o")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "[scholar.syntax]" in result.stderr


@pytest.mark.parametrize(
    "kind",
    ["syntax", "duplicate_key", "unknown_field", "unsafe_url", "name_variant", "unknown_key"],
)
def test_suppress_warnings_silences_one_kind(tmp_path, kind):
    src = tmp_path / "src"
    shutil.copytree(BAD, src)
    app = build_site(src, confoverrides={"suppress_warnings": [f"scholar.{kind}"]})
    text = warnings_of(app)
    assert f"[scholar.{kind}]" not in text
    assert "[scholar.missing_field]" in text  # the others stay


def test_name_variant_hint_silenced_by_alias():
    """A declared alias tells the check the two spellings are one person."""
    parser = TolerantParser()
    parser.filename = "mem.bib"
    parser.parse_string(
        "@article{a, author={Oded Padon}, title={A}, journal={J}, year=2020}\n"
        "@article{b, author={Oded Padan}, title={B}, journal={J}, year=2021}\n"
    )
    parsed = parser.result
    records, _ = records_from(parsed.data, parsed.sources, parsed.marks)
    assert len(check_name_variants(records.values())) == 1
    same = {("oded padan", "oded padon"), ("oded padon", "oded padan")}
    assert check_name_variants(records.values(), lambda a, b: (a, b) in same) == []


def test_keys_match_case_insensitively_in_pages(site, warnings):
    """BibTeX keys are case-insensitive (duplicates already are): so are page references."""
    assert not [w for w in warnings if "HOPPER1952COMPILER" in w or "Hopper1952Compiler" in w]
    soup = BeautifulSoup((Path(site.outdir) / "index.html").read_text(encoding="utf-8"), "lxml")
    single = soup.select(".scholar-publications")[-1].select("li.scholar-card")
    assert len(single) == 1
    assert "The Education of a Computer" in single[0].get_text()
    ref = soup.select_one("a.scholar-paper-ref")
    assert ref.get_text() and ref["href"] == "#hopper1952compiler"
    award = [a for a in soup.select("a[href]") if a.get_text(" ", strip=True) == "Best Compiler"]
    assert [a["href"] for a in award] == ["#hopper1952compiler"]
    assert soup.find(id="hopper1952compiler") is not None
