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
import shutil
from pathlib import Path

import pytest
from conftest import CORPUS, parse_html, warnings_of

from sphinx_scholar.cli.importers import command
from sphinx_scholar.cli.importers.academicpages import authors_from_citation, tex
from sphinx_scholar.cli.importers.bibwrite import entry_spans, entry_text, splice
from sphinx_scholar.cli.importers.confedit import NotLiteral, read_literals, set_value
from sphinx_scholar.cli.importers.dblp import abbr_of

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
    assert code == 0 and kept_of(out) == 2
    text = (site / "refs.bib").read_text()
    assert text.startswith("@misc{mine,") and "DBLP:journals/pacmpl/LovelaceW24" in text

    code, out, _ = run_import(site, "dblp", str(source), "--append", capsys=capsys)
    assert code == 0 and kept_of(out) == 0
    assert "DBLP:conf/nips/Wang0L23: --append: refs.bib has this key already" in out
    assert (site / "refs.bib").read_text() == text

    code, out, _ = run_import(site, "dblp", str(source), "--force", capsys=capsys)
    assert code == 0 and "mine" not in (site / "refs.bib").read_text()


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
