"""``sphinx-scholar import``: convert real exports, build the result with no warnings.

Every real sample of ../shared/bib-corpus that the importers target is converted
into a fresh site and built; the site must build without a single warning, show
one card per entry the report says it kept, and pass ``sphinx-scholar check``.
Small fixtures of our own (tests/data/import/) cover what the corpus lacks: an
al-folio folder with coauthors.yml, venues.yml and files, an academicpages site,
DBLP homonym numbers.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import io
import re
import shutil
import tempfile
import time
from pathlib import Path

import pytest
from conftest import CORPUS, parse_html, warnings_of
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from sphinx_scholar.cli.importers import command
from sphinx_scholar.cli.importers.academicpages import authors_from_citation, plain, tex
from sphinx_scholar.cli.importers.bibwrite import entry_spans, entry_text, splice
from sphinx_scholar.cli.importers.confedit import NotLiteral, read_literals, set_value
from sphinx_scholar.cli.importers.dblp import abbr_of
from sphinx_scholar.cli.safewrite import BACKUP_DIR
from sphinx_scholar.core.bibparse import parse_files

#: What no line the commands print may hold: C0/C1 controls, DEL, bidi controls.
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
DATA = Path(__file__).parent / "data" / "import"
REAL = CORPUS / "real"

CONF = 'extensions = ["myst_parser", "sphinx_scholar"]\n# the site\'s own comment\n'
INDEX = "# Publications\n\n```{publications}\n```\n"


def parser() -> argparse.ArgumentParser:
    """The subcommand as cli.py wires it."""
    top = argparse.ArgumentParser(prog="sphinx-scholar")
    sub = top.add_subparsers(dest="command").add_parser("import")
    command.add_arguments(sub)
    return top


def new_site(tmp_path: Path, conf: str = CONF) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    (site / "conf.py").write_text(conf, encoding="utf-8")
    (site / "index.md").write_text(INDEX, encoding="utf-8")
    return site


def run_import(site: Path, *args: str, capsys=None) -> tuple[int, str, str]:
    code = command.run(parser().parse_args(["import", *args, "--into", str(site)]))
    out, err = capsys.readouterr() if capsys else ("", "")
    return code, out, err


def build(make_app, site: Path):
    app = make_app("html", srcdir=site, freshenv=True)
    app.build()
    return app


def bib_keys(path: Path) -> list[str]:
    """The keys the build's own parser reads from *path*."""
    return list(parse_files([path]).data.entries)


def backups(site: Path) -> list[Path]:
    return sorted(p for p in (site / BACKUP_DIR).rglob("*") if p.is_file())


def backup_folder(out: str) -> Path:
    """The backup folder the report names."""
    (line,) = [line for line in out.splitlines() if line.startswith("backups of the ")]
    return Path(line.split(" are in ", 1)[1].split(": ", 1)[0])


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under *folder*, by relative path: what "nothing written" compares."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def kept_of(out: str) -> int:
    """The number of entries the report says it kept."""
    first = out.splitlines()[0]
    return int(first.split(" kept ")[1].split()[0])


def cards(app) -> list:
    return parse_html(app, "index").select("li.scholar-card")


def card(app, key: str):
    found = [c for c in cards(app) if c.get("id", "").lower() == key.lower()]
    assert found, f"no card {key!r}"
    return found[0]


def assert_clean(app, site: Path, out: str) -> None:
    """No warning, one card per kept entry, and the check command finds nothing."""
    assert warnings_of(app) == ""
    assert len(cards(app)) == kept_of(out)
    assert command.remaining_problems(site, "refs.bib") == []
    assert "check: the imported bib has no problems" in out


# -- pure functions -------------------------------------------------------------------
def test_conf_edit_replaces_the_literal_and_keeps_the_rest():
    source = (
        "# conf\nimport os\n"
        'scholar_people = {"Ada Lovelace": "https://ada.example"}  # people\n'
        "html_theme = 'basic'\n"
    )
    new = {"Charles Babbage": {"url": "https://cb.example", "aliases": ["C. Babbage", 'Q"uote']}}
    edited = set_value(source, "scholar_people", new)
    values = read_literals(edited)
    assert values["scholar_people"] == {
        "Ada Lovelace": "https://ada.example",
        "Charles Babbage": {"url": "https://cb.example", "aliases": ["C. Babbage", 'Q"uote']},
    }
    assert values["html_theme"] == "basic"
    assert "# conf\nimport os\n" in edited and "  # people\n" in edited
    # the value is a literal Python reads back
    tree = ast.parse(edited)
    assert len([n for n in tree.body if isinstance(n, ast.Assign)]) == 2


def test_conf_edit_appends_lists_and_absent_names():
    source = 'bibtex_bibfiles = ["old.bib"]\nsuppress_warnings: list = []\n'
    edited = set_value(source, "bibtex_bibfiles", ["refs.bib", "old.bib"])
    edited = set_value(edited, "suppress_warnings", ["scholar.indexing"])
    edited = set_value(edited, "scholar_venues", {"NeurIPS": {"url": "https://neurips.cc"}})
    values = read_literals(edited)
    assert values["bibtex_bibfiles"] == ["old.bib", "refs.bib"]
    assert values["suppress_warnings"] == ["scholar.indexing"]
    assert "suppress_warnings: list = " in edited  # the annotation survives
    assert values["scholar_venues"] == {"NeurIPS": {"url": "https://neurips.cc"}}


def test_conf_edit_never_overwrites_code():
    with pytest.raises(NotLiteral):
        set_value("import os\nbibtex_bibfiles = os.listdir('.')\n", "bibtex_bibfiles", ["x"])


@pytest.mark.parametrize(
    ("key", "venue", "abbr"),
    [
        ("DBLP:conf/stoc/HakoniemiLT24", "Proceedings of ..., STOC 2024", "STOC"),
        ("DBLP:journals/pacmpl/LovelaceW24", "Proc. {ACM} Program. Lang.", "PACMPL"),
        ("DBLP:conf/nips/Wang0L23", "Advances in Neural ...", "NeurIPS"),
        ("DBLP:conf/coco/Limaye0T22", "37th Computational Complexity Conference, CCC", "CCC"),
        ("DBLP:journals/algorithmica/ChauguleL24", "Algorithmica", "Algorithmica"),
        ("DBLP:conf/fsttcs/KrebsLL17", "", "FSTTCS"),
        ("smith2020", "", ""),
    ],
)
def test_abbr_from_the_dblp_key(key, venue, abbr):
    assert abbr_of(key, venue) == abbr


def test_authors_from_apa_citations():
    koks = (
        "Koks, E. E., Carrera, L., Jonkeren, O., Aerts, J. C., Husby, T. G., Thissen, M. & "
        "Mysiak, J. (2016). Regional disaster impact analysis. Natural Hazards, 16(8), 1911-1924."
    )
    assert authors_from_citation(koks) == [
        "Koks, E. E.",
        "Carrera, L.",
        "Jonkeren, O.",
        "Aerts, J. C.",
        "Husby, T. G.",
        "Thissen, M.",
        "Mysiak, J.",
    ]
    template = 'Your Name, You. (2009). "Paper Title Number 1." Journal 1. 1(1).'
    assert authors_from_citation(template) == ["Your Name, You."]
    assert authors_from_citation("A paper with no year.") == []
    initials = "Doe, J.R., Roe, J.-P., Poe, A.Bcd, Moe, Jean-Pierre (2020). T."
    assert authors_from_citation(initials) == [
        "Doe, J.R.",
        "Roe, J.-P.",
        "Poe, A.Bcd",
        "Moe, Jean-Pierre",
    ]


@pytest.mark.parametrize(
    "citation",
    [
        "Doe, " + "A" * 5000 + "! (2020). T.",  # given names: exponential in the word's length
        "Doe, " + "A." * 5000 + "! (2020). T.",
        "Doe, J. " + "& " * 50_000 + "(2020). T.",
    ],
    ids=["letters", "initials", "ampersands"],
)
def test_reading_authors_is_linear(citation):
    """A word of 30 capitals took minutes; these sizes would take longer than the universe."""
    started = time.monotonic()
    authors_from_citation(citation)
    assert time.monotonic() - started < 10


def test_html_tags_are_removed_in_linear_time():
    """A run of "<" with no ">": 160 000 took 49 s; 2 MB would take hours."""
    started = time.monotonic()
    assert plain("<" * 2_000_000 + "b>x") == "<" * 1_999_999 + "x"
    assert time.monotonic() - started < 10
    assert plain("a <i>b</i> &amp; <a <b>c") == "a b & <a c"


def test_plain_text_becomes_a_safe_bibtex_value():
    assert tex("Water Economics & Policy 100% {x} $5 #1 a_b") == (
        r"Water Economics \& Policy 100\% \{x\} \$5 \#1 a\_b"
    )


def test_untouched_entries_are_copied_verbatim():
    original = (
        "% my comment\n@string{c = {Conf}}\n\n@article{a,\n  title = {A},  % odd spacing\n}\n\n"
        "@inproceedings{b,\n  title = {B},\n  booktitle = c,\n}\n\n@misc{gone,\n  title={G}}\n"
        "trailing text\n"
    )
    spans = entry_spans(original, [("a", 4), ("b", 8), ("gone", 13)])
    from pybtex.database import Entry

    text = splice(original, spans, {"b": entry_text("b", Entry("inproceedings")), "gone": None})
    assert text.startswith("% my comment\n@string{c = {Conf}}\n\n@article{a,\n  title = {A},  %")
    assert "@inproceedings{b\n}" in text
    assert "gone" not in text
    assert text.endswith("trailing text\n")


def test_written_entries_keep_marks_and_latex():
    from pybtex.database import Entry, Person

    entry = Entry("article", fields={"title": r"Caf{\'e} \emph{x} with a \"quote\"", "note": ""})
    entry.add_person(Person("Agarwal, Navneet"), "author")
    entry.add_person(Person('M{\\"u}ller, Jan'), "author")
    text = entry_text("k", entry, {"author": [("*",), ()]})
    assert 'author = {Agarwal*, Navneet and M{\\"u}ller, Jan}' in text
    assert r"title = {Caf{\'e} \emph{x} with a \"quote\"}" in text
    assert "note" not in text  # empty fields are left out


# -- refusing to overwrite --------------------------------------------------------------
def test_an_existing_bib_is_kept_unless_force_or_append(tmp_path, capsys):
    site = new_site(tmp_path)
    source = DATA / "dblp-homonyms.bib"
    assert run_import(site, "dblp", str(source), capsys=capsys)[0] == 0
    before = (site / "refs.bib").read_text()
    code, out, err = run_import(site, "dblp", str(source), capsys=capsys)
    assert code == 2 and out == ""
    assert "refs.bib exists; pass --force" in err and "--append" in err
    assert (site / "refs.bib").read_text() == before

    (site / "refs.bib").write_text("@misc{mine,\n  title = {Mine}, year = 2020}\n")
    code, out, _ = run_import(site, "dblp", str(source), "--append", capsys=capsys)
    assert code == 0 and kept_of(out) == 3 == len(bib_keys(site / "refs.bib"))
    assert "(added 2; 0 it had already" in out.splitlines()[0]
    text = (site / "refs.bib").read_text()
    assert text.startswith("@misc{mine,") and "DBLP:journals/pacmpl/LovelaceW24" in text

    # the second time the file keeps all of them: the report says so, not "kept 0"
    code, out, _ = run_import(site, "dblp", str(source), "--append", capsys=capsys)
    assert code == 0 and kept_of(out) == 3 == len(bib_keys(site / "refs.bib"))
    assert "(added 0; 2 it had already, kept as they were)" in out.splitlines()[0]
    assert "DBLP:conf/nips/Wang0L23: --append: refs.bib has this key; its entry is kept" in out
    assert (site / "refs.bib").read_text() == text

    code, out, _ = run_import(site, "dblp", str(source), "--force", capsys=capsys)
    assert code == 0 and "mine" not in (site / "refs.bib").read_text()
    assert kept_of(out) == 2 == len(bib_keys(site / "refs.bib"))
    # ...and the bib it replaced is in the backup folder the report names
    assert (backup_folder(out) / "refs.bib").read_text() == text


def test_force_and_append_exclude_each_other(tmp_path, capsys):
    with pytest.raises(SystemExit):
        parser().parse_args(["import", "dblp", "x.bib", "--force", "--append"])
    assert "not allowed with argument" in capsys.readouterr().err


def test_a_missing_source_is_a_usage_error(tmp_path, capsys):
    code, out, err = run_import(new_site(tmp_path), "scholar", "nope.bib", capsys=capsys)
    assert out == ""
    assert code == 2 and "no such file or folder: nope.bib" in err


# -- our fixtures, built ------------------------------------------------------------------
def test_dblp_homonym_numbers_and_bookkeeping_stay_out_of_the_page(tmp_path, make_app, capsys):
    site = new_site(tmp_path)
    code, out, _ = run_import(site, "dblp", str(DATA / "dblp-homonyms.bib"), capsys=capsys)
    assert code == 0
    assert "Wei Wang 0001: DBLP's homonym number dropped: 'Wei Wang' (2 entries)" in out
    assert "conf/nips -> NeurIPS" in out and "journals/pacmpl -> PACMPL" in out
    bib = (site / "refs.bib").read_text()
    assert "0001" not in bib.replace("0001-Abstract", "") and "0012" not in bib
    assert "biburl" in bib  # kept in the file, where it says where the entry came from
    app = build(make_app, site)
    assert_clean(app, site, out)
    nips = card(app, "DBLP:conf/nips/Wang0L23")
    names = [a.get_text() for a in nips.select(".scholar-author")]
    assert names == ["Wei Wang", "Ada Lovelace", "Li Li"]
    assert nips.select_one(".scholar-badge--venue").get_text() == "NeurIPS"
    shown = nips.select_one(".scholar-bibtex").get_text()
    assert "author = {Wang, Wei and Lovelace, Ada and Li, Li}" in shown
    for field in ("biburl", "bibsource", "timestamp"):
        assert field not in shown


def test_alfolio_site_brings_people_venues_and_files(tmp_path, make_app, capsys):
    site = new_site(tmp_path, CONF + 'scholar_owner = "Ada Lovelace"\n')
    source = DATA / "alfolio-site"
    code, out, _ = run_import(site, "alfolio", str(source), capsys=capsys)
    assert code == 0
    assert (site / "_static/previews/engine.png").read_bytes() == (
        source / "assets/img/publication_preview/engine.png"
    ).read_bytes()
    assert (site / "_static/papers/engine.pdf").is_file()
    assert (site / "_static/papers/talk.pdf").is_file()
    assert "lovelace2021notes: field 'preview': file 'missing.png' is not in" in out
    bib = (site / "refs.bib").read_text()
    original = (source / "_bibliography/papers.bib").read_text()
    untouched = original[original.index("@inproceedings") : original.index("@article")]
    assert untouched in bib  # macros, marks and layout as the owner wrote them
    assert bib.startswith("---\n---\n% A small al-folio")
    conf = read_literals((site / "conf.py").read_text())
    assert conf["scholar_people"]["Charles Babbage"]["aliases"] == ["C. Babbage"]
    assert conf["scholar_venues"] == {"ICML": {"url": "https://icml.cc/", "color": "#2c3e50"}}
    assert "# the site's own comment" in (site / "conf.py").read_text()
    app = build(make_app, site)
    assert_clean(app, site, out)
    engines = card(app, "lovelace2023engines")
    babbage = engines.find("a", class_="scholar-author")
    assert babbage.get_text() == "Charles Babbage"
    assert babbage["href"] == "https://en.wikipedia.org/wiki/Charles_Babbage"
    assert [m.get_text() for m in engines.select(".scholar-mark")] == ["*", "*"]
    thumb = engines.select_one("img")
    assert (Path(app.outdir) / thumb["src"]).is_file()
    pdf = engines.find("a", string=lambda s: s and s.strip() == "PDF")
    assert pdf is not None and (Path(app.outdir) / pdf["href"]).is_file()
    badge = engines.select_one("a.scholar-badge-link")
    assert badge["href"] == "https://icml.cc/"
    assert "background-color:#2c3e50" in badge.select_one(".scholar-badge--venue")["style"]


def test_academicpages_site_reads_front_matter_and_tsv(tmp_path, make_app, capsys):
    site = new_site(tmp_path)
    code, out, _ = run_import(
        site, "academicpages", str(DATA / "academicpages-site"), capsys=capsys
    )
    assert code == 0
    assert "paper-title-number-3-2015" in out and "reads as a conference" in out
    assert "publications.tsv:2: the same title as 'paper-title-number-1-2009'" in out
    assert "paper-title-number-2-2010: no author: set aside" in out
    assert "@article{paper-title-number-2-2010" in (site / "refs-set-aside.bib").read_text()
    app = build(make_app, site)
    assert_clean(app, site, out)
    three = card(app, "paper-title-number-3-2015")
    assert [a.get_text() for a in three.select(".scholar-author")] == ["Your Name", "A. N. Other"]
    assert "Proceedings of the Conference on Numbers" in three.select_one(".scholar-venue").text
    one = card(app, "paper-title-number-1-2009")
    pdf = one.find("a", string=lambda s: s and s.strip() == "PDF")
    assert pdf["href"] == "http://academicpages.github.io/files/paper1.pdf"


# -- the real samples, built ------------------------------------------------------------
SAMPLES = [
    ("alfolio", "594zyc__594zyc.github.io__papers.bib"),
    ("alfolio", "501Good__501Good.github.io__papers.bib"),
    ("alfolio", "0xtob__0xtob.github.io__papers.bib"),
    ("alfolio", "0xtob__0xtob.github.io__papers-19be9b1.bib"),
    ("academicpages", "academicpages/ElcoK__Koks__publications.tsv"),
    ("academicpages", "academicpages/ElcoK__Koks__2016-paper-title-number-6.md"),
    ("dblp", "hujilin1229__ps__dblp.bib"),
    ("dblp", "sa4s-serc__sa4s-serc.github.io__karthik.bib"),
    ("dblp", "nutanlimaye__nutanlimaye.github.io__dblp-standard.bib"),
    ("dblp", "nutanlimaye__nutanlimaye.github.io__dblp-withcrossref.bib"),
    ("dblp", "nutanlimaye__nutanlimaye.github.io__dblp.bib"),
    ("scholar", "ALRhub__alr_website__citations.bib"),
]


@pytest.mark.corpus
@pytest.mark.parametrize(("fmt", "name"), SAMPLES, ids=[n.split("__")[-1] for _, n in SAMPLES])
def test_real_sample_imports_and_builds_clean(fmt, name, tmp_path, make_app, capsys):
    site = new_site(tmp_path)
    code, out, _ = run_import(site, fmt, str(REAL / name), capsys=capsys)
    assert code == 0, out
    assert kept_of(out) > 0
    app = build(make_app, site)
    assert_clean(app, site, out)


@pytest.mark.corpus
def test_alfolio_sample_with_our_coauthors_and_venues(tmp_path, make_app, capsys):
    """594zyc's papers.bib in an al-folio folder with coauthors.yml and venues.yml."""
    source = tmp_path / "alfolio"
    (source / "_bibliography").mkdir(parents=True)
    (source / "_data").mkdir()
    shutil.copy(REAL / "594zyc__594zyc.github.io__papers.bib", source / "_bibliography/papers.bib")
    shutil.copy(DATA / "coauthors.yml", source / "_data/coauthors.yml")
    shutil.copy(DATA / "venues.yml", source / "_data/venues.yml")
    site = new_site(tmp_path)
    code, out, _ = run_import(site, "alfolio", str(source), "--owner", "Yichi Zhang", capsys=capsys)
    assert code == 0
    assert "Joyce Chai: _data/coauthors.yml: linked to https://web.eecs.umich.edu/~chaijy/" in out
    assert "field 'codecoming'" in out
    app = build(make_app, site)
    assert_clean(app, site, out)
    danli = card(app, "zhang-etal-2022-danli")
    chai = danli.find("a", string="Joyce Chai")
    assert chai["href"] == "https://web.eecs.umich.edu/~chaijy/"
    assert danli.select_one(".scholar-author--owner").get_text() == "Yichi Zhang"
    badge = danli.select_one("a.scholar-badge-link")
    assert badge["href"] == "https://2023.emnlp.org/"
    assert badge.get_text() == "EMNLP"
    # a venue without an entry in venues.yml keeps the plain badge
    aaai = card(app, "zhang2020task").select_one(".scholar-badge--venue")
    assert aaai.get_text() == "AAAI" and aaai.find_parent("a") is None


@pytest.mark.corpus
def test_scholar_duplicate_keys_are_renamed_or_merged(tmp_path, make_app, capsys):
    site = new_site(tmp_path)
    source = REAL / "ALRhub__alr_website__citations.bib"
    code, out, _ = run_import(site, "scholar", str(source), capsys=capsys)
    assert code == 0
    renamed = [line for line in out.splitlines() if "for another paper: this one is now" in line]
    merged = [line for line in out.splitlines() if "for the same title: one entry" in line]
    assert len(renamed) + len(merged) == 11  # the file repeats 11 keys
    assert "paraschos2013probabilisticb: key 'paraschos2013probabilistic' repeated" in out
    assert "rueckert2014robust: key repeated at line 386 for the same title" in out
    assert "ruckertprinciples: no year: set aside" in out
    app = build(make_app, site)
    assert_clean(app, site, out)
    first = card(app, "paraschos2013probabilistic").select_one(".scholar-title").get_text()
    second = card(app, "paraschos2013probabilisticb").select_one(".scholar-title").get_text()
    assert first.strip() == "Probabilistic movement primitives"
    assert second.strip() and second != first
    # the arXiv preprint of a NeurIPS paper is merged into it, as its arXiv link
    neurips = card(app, "wurth2025diffusionbased")
    arxiv = neurips.find("a", string=lambda s: s and s.strip() == "arXiv")
    assert arxiv["href"] == "https://arxiv.org/abs/2506.06045"
    with pytest.raises(AssertionError):
        card(app, "wurth2025diffusion")


@pytest.mark.corpus
def test_dblp_preprints_merge_into_published_papers(tmp_path, make_app, capsys):
    site = new_site(tmp_path)
    source = REAL / "nutanlimaye__nutanlimaye.github.io__dblp-withcrossref.bib"
    code, out, _ = run_import(site, "dblp", str(source), capsys=capsys)
    assert code == 0
    assert "DBLP:conf/stoc/2024: the proceedings volume (crossref)" in out
    app = build(make_app, site)
    assert_clean(app, site, out)
    stoc = card(app, "DBLP:conf/stoc/HakoniemiLT24")
    assert stoc.select_one(".scholar-badge--venue").get_text() == "STOC"
    links = {a.get_text().strip(): a["href"] for a in stoc.select(".scholar-actions a")}
    assert links["arXiv"] == "https://arxiv.org/abs/2412.20114"
    assert "eccc.weizmann.ac.il" in links["ECCC"]
    # the crossref'd volume's booktitle is the paper's venue now
    assert "Symposium on Theory of Computing" in stoc.select_one(".scholar-venue").text


# -- sources that are not what they claim: refused, nothing written ----------------------
MINE = "@misc{mine,\n  title = {Mine},\n  author = {Me, Myself},\n  year = 2020\n}\n"
SCHOLAR = (
    "@article{smith2020deep,\n  title={Deep things},\n  author={Smith, Jane and Doe, John},\n"
    "  journal={Journal of Things},\n  year={2020}\n}\n"
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
#: name -> (file name, bytes; None for a folder)
BAD_SOURCES: dict[str, tuple[str, bytes | None]] = {
    "folder": ("export", None),
    "empty": ("empty.bib", b""),
    "blank": ("blank.bib", b"\n \t\n"),
    "markdown": ("papers.md", b"# My papers\n\nSee [Scholar](https://scholar.google.com).\n"),
    "image": ("photo.png", PNG + bytes(range(256)) * 4),
    "random": ("data.bin", bytes((i * 7919) % 256 for i in range(4096))),
    "nul-in-text": ("nul.bib", MINE.encode() + b"\x00" * 8),
}


def bad_source(tmp_path: Path, name: str) -> Path:
    filename, data = BAD_SOURCES[name]
    path = tmp_path / filename
    if data is None:
        path.mkdir()
        (path / "notes.txt").write_text("not an export\n", encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def assert_refused(site: Path, before: dict[str, bytes], code: int, out: str, err: str) -> None:
    """Exit 2, one error line, and the site exactly as it was (no backup folder either)."""
    assert code == 2 and out == ""
    assert err.startswith("sphinx-scholar import: error: ") and err.count("\n") == 1
    assert "nothing imported" in err
    assert snapshot(site) == before


@pytest.mark.parametrize("fmt", command.FORMATS)
@pytest.mark.parametrize("name", list(BAD_SOURCES))
def test_a_source_that_is_no_export_is_refused_even_with_force(tmp_path, capsys, fmt, name):
    site = new_site(tmp_path)
    (site / "refs.bib").write_text(MINE, encoding="utf-8")
    before = snapshot(site)
    source = bad_source(tmp_path, name)
    code, out, err = run_import(site, fmt, str(source), "--force", capsys=capsys)
    assert_refused(site, before, code, out, err)


@pytest.mark.parametrize(
    ("fmt", "text", "message"),
    [
        ("dblp", SCHOLAR, "is not a DBLP export"),
        ("scholar", (DATA / "dblp-homonyms.bib").read_text(encoding="utf-8"), "'import dblp'"),
    ],
    ids=["scholar-as-dblp", "dblp-as-scholar"],
)
def test_an_export_of_another_format_is_refused(tmp_path, capsys, fmt, text, message):
    site = new_site(tmp_path)
    (site / "refs.bib").write_text(MINE, encoding="utf-8")
    before = snapshot(site)
    (tmp_path / "export.bib").write_text(text, encoding="utf-8")
    code, out, err = run_import(site, fmt, str(tmp_path / "export.bib"), "--force", capsys=capsys)
    assert_refused(site, before, code, out, err)
    assert message in err


def test_an_unreadable_source_is_refused(tmp_path, capsys, monkeypatch):
    site = new_site(tmp_path)
    before = snapshot(site)
    source = tmp_path / "export.bib"
    source.write_text(SCHOLAR, encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        if path == source:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    code, out, err = run_import(site, "scholar", str(source), capsys=capsys)
    assert_refused(site, before, code, out, err)
    assert "Permission denied" in err


#: Pieces of BibTeX and of garbage, so random sources are sometimes bibs, sometimes not.
FRAGMENTS = st.sampled_from(
    [b"---\ntitle: ", b"\n---\n", b"date: 2020-01-02\n", b"pub_date\ttitle\tcitation\n",
     b"2020\tA title\tDoe, J. (2020).\n", b"\t", b'"', b"<i>", b"&amp;",
     b"@article{", b"@misc(", b"k1,", b"key,", b"title = {", b"author = {A, B}", b"year = 2020",
     b"}", b")", b"{", b",", b"\n", b" " * 40, b"\x1b[2J", b"\x00", b"\xff\xfe", b"\xe9",
     b"@string{s = {x}}", b"%", b"DBLP:conf/x/Y20,", b"\x9b31m"]
)  # fmt: skip
#: One entry with random bytes in its title (control characters, stray Latin-1, NUL...).
ENTRIES = st.builds(
    lambda kind, key, junk: (
        b"@%s{%s,\n  title = {T %s},\n  author = {Doe, Jane},\n  year = 2020\n}\n"
        % (kind, key, junk.replace(b"{", b"").replace(b"}", b""))
    ),
    st.sampled_from([b"article", b"inproceedings", b"misc"]),
    st.sampled_from([b"DBLP:conf/x/Y20", b"doe2020t", b"k", b"K"]),
    st.binary(max_size=20),
)
SOURCES_BYTES = st.one_of(
    st.binary(max_size=300),
    st.lists(st.one_of(FRAGMENTS, st.binary(max_size=8), ENTRIES), max_size=12).map(b"".join),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    fmt=st.sampled_from(["alfolio", "dblp", "scholar", "academicpages.md", "academicpages.tsv"]),
    data=SOURCES_BYTES,
)
def test_any_bytes_are_refused_or_become_a_bib_that_parses(fmt, data):
    """Any bytes as a source: refused with the site untouched, or a bib whose entries the
    build reads back (as many as the report says), the old bib in the backup folder;
    never a traceback, never a control character printed."""
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        site = new_site(tmp)
        (site / "refs.bib").write_text(MINE, encoding="utf-8")
        before = snapshot(site)
        fmt, _, suffix = fmt.partition(".")
        source = tmp / f"export.{suffix or 'bib'}"
        source.write_bytes(data)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = command.run(
                parser().parse_args(["import", fmt, str(source), "--into", str(site), "--force"])
            )
        out_text, err_text = out.getvalue(), err.getvalue()
        assert not UNSAFE.search(out_text.replace("\n", "")), out_text
        assert not UNSAFE.search(err_text.replace("\n", "")), err_text
        event("refused" if code == 2 else "imported")
        if code == 2:
            assert_refused(site, before, code, out_text, err_text)
            return
        assert code == 0 and err_text == ""
        assert kept_of(out_text) == len(bib_keys(site / "refs.bib")) > 0
        assert (backup_folder(out_text) / "refs.bib").read_text(encoding="utf-8") == MINE


# -- other encodings: read, with a word about it -------------------------------------------
PAGE = (
    '---\ntitle: "Über Zahlen"\ndate: 2015-10-01\nvenue: "Journal of Café Studies"\n'
    "citation: 'Müller, A., & Señor, B. (2015). Über Zahlen. Journal of Café Studies.'\n---\n"
)
TABLE = (
    "pub_date\ttitle\tvenue\texcerpt\tcitation\turl_slug\n"
    "2015-10-01\tÜber Zahlen\tJournal of Café Studies\tÀ propos.\t"
    "Müller, A., & Señor, B. (2015). Über Zahlen.\tueber-zahlen\n"
)


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-8-sig"])
@pytest.mark.parametrize(("name", "text"), [("paper.md", PAGE), ("publications.tsv", TABLE)])
def test_academicpages_files_in_other_encodings_are_read(tmp_path, capsys, encoding, name, text):
    site = new_site(tmp_path)
    source = tmp_path / name
    source.write_bytes(text.encode(encoding))
    code, out, err = run_import(site, "academicpages", str(source), capsys=capsys)
    assert code == 0, err
    warned = f"{name} is not UTF-8: read as cp1252" in out  # latin-1 text is cp1252 too
    assert warned == (encoding != "utf-8-sig")
    (entry,) = parse_files([site / "refs.bib"]).data.entries.values()
    assert entry.fields["title"] == "Über Zahlen"
    assert [str(p) for p in entry.persons["author"]] == ["Müller, A.", "Señor, B."]


def test_a_coauthors_file_in_cp1252_is_read(tmp_path, capsys):
    source = tmp_path / "alfolio"
    shutil.copytree(DATA / "alfolio-site", source)
    people = source / "_data/coauthors.yml"
    people.write_bytes(
        '"babbage":\n  - firstname: ["Charles", "Chàrles"]\n    url: https://example.org/cb\n'.encode(
            "cp1252"
        )
    )
    site = new_site(tmp_path, CONF + 'scholar_owner = "Ada Lovelace"\n')
    code, out, err = run_import(site, "alfolio", str(source), capsys=capsys)
    assert code == 0, err
    assert "_data/coauthors.yml is not UTF-8: read as cp1252" in out
    conf = read_literals((site / "conf.py").read_text(encoding="utf-8"))
    assert conf["scholar_people"]["Charles Babbage"]["aliases"] == ["Chàrles Babbage"]


def test_a_tsv_field_over_csvs_limit_is_refused_with_its_line(tmp_path, capsys):
    site = new_site(tmp_path)
    (site / "refs.bib").write_text(MINE, encoding="utf-8")
    before = snapshot(site)
    source = tmp_path / "publications.tsv"
    huge = "x" * (200 * 1024)
    source.write_text(TABLE + f'2016-01-02\t"{huge}\tJ\t\t\tbig\n', encoding="utf-8")
    code, out, err = run_import(site, "academicpages", str(source), "--force", capsys=capsys)
    assert_refused(site, before, code, out, err)
    assert "publications.tsv:3: field larger than field limit" in err


# -- what is printed: no control character from a source reaches the terminal -----------
def test_control_characters_from_the_source_are_printed_escaped(tmp_path, capsys):
    site = new_site(tmp_path)
    source = tmp_path / "evil\x1b]0;owned\x07.bib"
    source.write_text(
        "@misc{k\u202eey,\n  title = {Title \x9b31m red},\n  author = {Doe, Jane},\n"
        "  year = 2020\n}\n@misc{k\u202eey,\n  title = {Other \x1b[2J},\n  year = 2020\n}\n",
        encoding="utf-8",
    )
    code, out, err = run_import(site, "scholar", str(source), capsys=capsys)
    assert code == 0, err
    assert not UNSAFE.search(out.replace("\n", "")), out
    assert "evil\\x1b]0;owned\\x07.bib" in out and "k\\u202eey" in out
    missing = tmp_path / "no\x1b[2Jpe.bib"
    code, out, err = run_import(site, "scholar", str(missing), "--force", capsys=capsys)
    assert code == 2 and not UNSAFE.search(err.replace("\n", "")) and "no\\x1b[2Jpe.bib" in err


# -- linear time --------------------------------------------------------------------------
def test_entries_on_one_line_get_one_span_each():
    text = "@misc{a, title={A}} @misc{b, title={B}}\n   @misc{c, title={C}}\n"
    spans = entry_spans(text, [("a", 1), ("b", 1), ("c", 2)])
    assert [text[s:e] for s, e in spans.values()] == [
        "@misc{a, title={A}}",
        " @misc{b, title={B}}",
        "   @misc{c, title={C}}",
    ]


def test_a_long_run_of_blanks_before_an_entry_is_linear(tmp_path, capsys):
    """One line of 2 MB of blanks before the entry: a regex that retried the run at every
    blank took ~4 s for 40 KB and would take hours here."""
    site = new_site(tmp_path)
    source = tmp_path / "papers.bib"
    entry = "@article{a,\n  title = {T},\n  author = {Doe, Jane},\n  year = 2020\n}\n"
    source.write_text(
        " \t" * 1_000_000 + "x " + entry + "@misc{b, title={U}, author={Roe, Ann}, year=2021}\n"
    )
    started = time.monotonic()
    code, _, err = run_import(site, "alfolio", str(source), capsys=capsys)
    assert code == 0, err
    assert time.monotonic() - started < 60
    assert bib_keys(site / "refs.bib") == ["a", "b"]


# -- atomic writes ------------------------------------------------------------------------
def test_a_failed_write_leaves_the_old_bib_whole(tmp_path, capsys, monkeypatch):
    site = new_site(tmp_path)
    (site / "refs.bib").write_text(MINE, encoding="utf-8")

    def full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("sphinx_scholar.cli.safewrite.os.replace", full)
    code, out, err = run_import(
        site, "dblp", str(DATA / "dblp-homonyms.bib"), "--force", capsys=capsys
    )
    assert code == 1 and out == "" and err.count("\n") == 1
    assert "cannot write into" in err and "No space left on device" in err
    assert (site / "refs.bib").read_text(encoding="utf-8") == MINE
    assert sorted(p.name for p in site.iterdir()) == [
        ".scholar-backup",
        "conf.py",
        "index.md",
        "refs.bib",
    ]


def test_a_yaml_alias_bomb_in_coauthors_is_refused_at_once(tmp_path, capsys):
    """Nine levels of nine aliases: 400 bytes that expanded to 387 million strings."""
    source = tmp_path / "alfolio"
    shutil.copytree(DATA / "alfolio-site", source)
    lines = ['a0: &a0 ["x"]'] + [
        f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)
    ]
    (source / "_data/coauthors.yml").write_text(
        "\n".join(lines) + "\nbabbage:\n  - firstname: *a9\n", encoding="utf-8"
    )
    site = new_site(tmp_path)
    before = snapshot(site)
    started = time.monotonic()
    code, out, err = run_import(site, "alfolio", str(source), capsys=capsys)
    assert time.monotonic() - started < 10
    assert_refused(site, before, code, out, err)
    assert "coauthors.yml" in err and "alias" in err


def test_check_prints_control_characters_escaped(tmp_path, capsys, monkeypatch):
    from sphinx_scholar.cli.main import main

    (tmp_path / "refs.bib").write_text(
        "@misc{k\u202eey,\n  title = {T \x9b2J},\n  year = {20\x1b[2J20}\n}\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert main(["check", "refs.bib"]) == 1
    out, err = capsys.readouterr()
    assert out and not UNSAFE.search(out.replace("\n", "") + err.replace("\n", ""))
    assert "k\\u202eey" in out


@pytest.mark.parametrize("fmt", ["alfolio", "scholar"])
def test_a_bib_in_cp1252_is_read_and_written_as_utf8(tmp_path, capsys, fmt):
    site = new_site(tmp_path)
    source = tmp_path / "papers.bib"
    source.write_bytes(
        "@article{doe2020t,\n  title = {Über Zahlen},\n  author = {Müller, Anna},\n"
        "  journal = {J},\n  year = {2020}\n}\n".encode("cp1252")
    )
    code, out, err = run_import(site, fmt, str(source), capsys=capsys)
    assert code == 0, err
    assert "not valid UTF-8 (byte 0xDC in line 2)" in out and "as Windows-1252" in out
    (entry,) = parse_files([site / "refs.bib"]).data.entries.values()
    assert entry.fields["title"] == "Über Zahlen"
    assert [str(p) for p in entry.persons["author"]] == ["Müller, Anna"]
