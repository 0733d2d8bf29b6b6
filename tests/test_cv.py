"""The CV page and its PDF: assembled from the site's own data, typeset by Typst."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import REPO, ROOTS, Built, build_site, rewrite, templates_path_kept
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pybtex.database import parse_file

from sphinx_scholar.core.cv import (
    CvAuthor,
    CvDocument,
    CvEntry,
    CvGroup,
    CvOptions,
    CvPaper,
    CvProfile,
    CvSection,
    CvSource,
    assemble,
    paper_kind,
)
from sphinx_scholar.core.cvpdf import compile_pdf, data_json
from sphinx_scholar.core.latex import to_text
from sphinx_scholar.core.people import PeopleRegistry, PersonEntry
from sphinx_scholar.core.records import Publication, Rich, Source

pypdf = pytest.importorskip("pypdf")
pytest.importorskip("typst")


# -- helpers ---------------------------------------------------------------------------
def build(srcdir: Path, builddir: Path, fresh: bool = True, **overrides: object) -> Built:
    app = build_site(srcdir, builddir, freshenv=fresh, confoverrides=dict(overrides))
    return Built(app)


@pytest.fixture(autouse=True, scope="module")
def _shared_templates_path():
    with templates_path_kept():
        yield


def pdf_text(path: Path) -> str:
    reader = pypdf.PdfReader(path)
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def norm(text: str) -> str:
    return " ".join(text.split())


# -- pure: kinds and assembly -------------------------------------------------------------
def record(key: str, entry_type: str = "inproceedings", **values: object) -> Publication:
    defaults = {
        "title": Rich.of(key),
        "authors": (),
        "source": Source("refs.bib", 1),
        "digest": key,
        "year": 2020,
    }
    return Publication(key=key, entry_type=entry_type, **{**defaults, **values})


@pytest.mark.parametrize(
    ("entry_type", "values", "kind"),
    [
        ("article", {"venue": Rich.of("Journal of Things")}, "journal"),
        ("article", {"venue": Rich.of("arXiv preprint arXiv:2401.1")}, "preprint"),
        ("misc", {"arxiv": "2401.00001"}, "preprint"),
        ("inproceedings", {"venue": Rich.of("OSDI")}, "conference"),
        ("inproceedings", {"venue": Rich.of("Workshop on ML Systems")}, "workshop"),
        ("phdthesis", {}, "thesis"),
        ("mastersthesis", {}, "thesis"),
        ("book", {}, "other"),
    ],
)
def test_paper_kind(entry_type, values, kind):
    assert paper_kind(record("k", entry_type, **values)) == kind


def _owner_registry() -> PeopleRegistry:
    return PeopleRegistry.build([PersonEntry("Ada Lovelace", owner=True)])


def test_assemble_filters_groups_numbers_and_orders():
    from sphinx_scholar.core.records import Author

    ada = Author("Ada Lovelace", "Ada", "Lovelace", "ada lovelace")
    records = {
        "a": record("a", "article", year=2024, selected=True, tags=("ml",), authors=(ada,)),
        "b": record("b", "inproceedings", year=2019, tags=("ml",)),
        "c": record("c", "inproceedings", year=2022, hidden=True),
        "d": record("d", "phdthesis", year=2018),
    }
    source = CvSource(
        awards=(CvEntry("2020", "Prize"),),
        free=(("service", "Service", ("Reviewing.",), ()),),
    )
    options = CvOptions(sections=("service", "publications", "awards"), numbered=True)
    doc = assemble(source, records, _owner_registry(), options)
    assert [s.title for s in doc.sections] == ["Service", "Publications", "Awards"]
    pubs = doc.sections[1]
    assert [g.title for g in pubs.groups] == ["Journal articles", "Conference papers", "Theses"]
    papers = [p for g in pubs.groups for p in g.papers]
    assert [p.key for p in papers] == ["a", "b", "d"]  # hidden c left out
    assert [p.number for p in papers] == [3, 2, 1]
    assert papers[0].authors == (CvAuthor("Ada Lovelace", owner=True),)

    def keys(**kw):
        doc = assemble(
            source, records, _owner_registry(), CvOptions(sections=("publications",), **kw)
        )
        return [p.key for s in doc.sections for g in s.groups for p in g.papers]

    assert keys(selected=True) == ["a"]
    assert keys(since=2019) == ["a", "b"]
    assert keys(tags=("ML",)) == ["a", "b"]
    by_year = assemble(source, records, _owner_registry(), CvOptions(group_by="year"))
    titles = [g.title for s in by_year.sections if s.id == "publications" for g in s.groups]
    assert titles == ["2024", "2019", "2018"]


# -- pure: the PDF ---------------------------------------------------------------------------
#: What Typst's bundled fonts (Libertinus Serif, New Computer Modern) can show: Latin with
#: its accents, Greek, and every character Typst markup gives a meaning to.
TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from("#$*_`<>@[]\\/=-+~\"'{}()%&^|.,:;!?"),
        st.characters(min_codepoint=0x41, max_codepoint=0x5A),
        st.characters(min_codepoint=0x61, max_codepoint=0x7A),
        st.characters(min_codepoint=0xC0, max_codepoint=0x17F, categories=("Lu", "Ll")),
        st.characters(min_codepoint=0x391, max_codepoint=0x3C9, categories=("Lu", "Ll")),
    ),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip() and not s[0].isspace())


def _one_paper_doc(title: str, name: str) -> CvDocument:
    paper = CvPaper("k", title, (CvAuthor(name, owner=True),), title, 2024, "", (title,))
    entry = CvEntry(title, name, title, note=title)
    return CvDocument(
        CvProfile(name=name, title=title),
        (
            CvSection("p", title, (CvGroup(title, papers=(paper,)),), (title,)),
            CvSection("e", "Entries", (CvGroup("", entries=(entry,)),)),
        ),
    )


def _squash(text: str) -> str:
    """Text as compared: no whitespace (the PDF breaks lines where it likes)."""
    return "".join(text.split())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=TEXT, name=TEXT)
def test_any_title_or_name_compiles_and_is_in_the_pdf_text(title, name):
    pdf = compile_pdf(data_json(_one_paper_doc(title, name)))
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = _squash(" ".join(page.extract_text() for page in reader.pages))
    assert _squash(title) in text
    assert _squash(name) in text


def test_pdf_links_only_absolute_safe_urls():
    doc = CvDocument(
        CvProfile(name="A", links=(("Home", "https://a.example/"), ("Bad", "javascript:x"))),
        (
            CvSection(
                "e",
                "E",
                (CvGroup("", entries=(CvEntry("1", "T", url="relative/page.html"),)),),
            ),
        ),
    )
    reader = pypdf.PdfReader(io.BytesIO(compile_pdf(data_json(doc))))
    uris = [
        a.get_object()["/A"]["/URI"]
        for page in reader.pages
        for a in page.get("/Annots", [])
        if "/A" in a.get_object()
    ]
    assert uris == ["https://a.example/"]


# -- a small site: the page, talks, the PDF -----------------------------------------------------
@pytest.fixture(scope="module")
def cv_site(tmp_path_factory) -> Built:
    source = tmp_path_factory.mktemp("cv-src") / "site"
    shutil.copytree(ROOTS / "test-cv", source)
    return build(source, tmp_path_factory.mktemp("cv-out"))


def test_small_site_builds_without_a_warning(cv_site):
    # the root's papers have no abstracts: the only warnings are the paper pages' indexing
    other = [w for w in cv_site.warnings.splitlines() if "scholar.indexing" not in w]
    assert other == []


def test_cv_page_sections_in_default_order(cv_site):
    cv = cv_site.page("cv").select_one(".scholar-cv")
    titles = [h.get_text(strip=True) for h in cv.find_all("h2")]
    assert titles == [
        "Education",
        "Positions",
        "Publications",
        "Awards",
        "Talks",
        "Teaching",
        "Advising",
        "Service",
    ]
    groups = [h.get_text(strip=True) for h in cv.select("#cv-publications h3")]
    assert groups == [
        "Journal articles",
        "Conference papers",
        "Workshop papers",
        "Preprints",
        "Theses",
    ]
    numbers = [li["value"] for li in cv.select(".scholar-cv__paper")]
    assert numbers == ["5", "4", "3", "2", "1"]
    owner = cv.select(".scholar-author--owner")
    assert len(owner) == 5 and {o.get_text() for o in owner} == {"Ada Lovelace"}
    service = [li.get_text(" ", strip=True) for li in cv.select("#cv-service li")]
    assert service == ["Reviewer, Scientific Memoirs", "Chair, Loom Committee"]
    # the page's own markup of a free section is kept: its link too
    assert cv.select_one("#cv-service a")["href"] == "https://example.org/memoirs"
    alumni = cv.select_one("#cv-advising").get_text(" ", strip=True)
    assert "now Novelist at Household Words" in norm(alumni)


def test_cv_page_escapes_and_links_the_pdf(cv_site):
    page = cv_site.page("cv")
    profile = page.select_one(".scholar-cv__profile")
    assert profile.select_one(".scholar-cv__person").get_text() == "Ada Lovélace"
    assert profile.select_one(".scholar-cv__role").get_text() == "Analyst <Engines>"
    assert profile.select_one("a.scholar-cv__pdf")["href"] == "cv.pdf"
    # the profile header of the home page links it too
    home = cv_site.page("index")
    links = {a.get_text(strip=True): a["href"] for a in home.select(".scholar-profile__link")}
    assert links["CV (PDF)"] == "cv.pdf"


def test_cv_page_requests_nothing_from_another_origin(cv_site):
    page = cv_site.page("cv")
    fetched = {"stylesheet", "preload", "modulepreload", "icon", "prefetch"}
    for tag, attr in (("script", "src"), ("link", "href"), ("img", "src")):
        for element in page.find_all(tag):
            if tag == "link" and not fetched & set(element.get("rel", [])):
                continue  # canonical, alternate: addresses, not requests
            value = element.get(attr, "")
            assert not re.match(r"^(https?:)?//", value), (tag, value)


def test_talks_grouped_by_year_with_event_json_ld(cv_site):
    import json

    talks = cv_site.page("talks").select_one(".scholar-talks")
    assert [h.get_text() for h in talks.find_all("h2")] == ["1843", "1842"]
    first = talks.select_one(".scholar-talk")
    assert first.select_one(".scholar-talk__title").get_text() == (
        "The Engine weaves </script> algebraic patterns"
    )
    data = json.loads(first.find("script", type="application/ld+json").string)
    assert data["@type"] == "Event"
    assert data["name"] == "The Engine weaves </script> algebraic patterns"
    assert data["startDate"] == "1843-06-01"
    assert data["location"] == {"@type": "Place", "name": "London"}
    assert data["workPerformed"]["name"] == "Notes on the Analytical Engine"
    labels = [a.get_text(" ", strip=True) for a in first.select("a.scholar-btn")]
    assert labels == ["Event", "Slides", "Paper : Notes on the Analytical Engine"]
    # the paper link lands on the entry (the CV is its only list: its home)
    href = first.select("a.scholar-btn")[-1]["href"]
    assert href == "cv.html#lovelace1843notes"
    assert cv_site.page("cv").find(id="lovelace1843notes") is not None


def test_pdf_text_links_fonts(cv_site):
    path = cv_site.outdir / "cv.pdf"
    text = pdf_text(path)
    for expected in (
        "Ada Lovélace",
        "Notes on the Analytical Engine: Étude #1 & x²",
        "Jörg Müller",
        "Royal Medal",
        "Best Paper Award",
        "The Engine weaves </script> algebraic patterns",
        "Reviewer, Scientific Memoirs",
    ):
        assert expected in text, expected
    reader = pypdf.PdfReader(path)
    uris = {
        a.get_object()["/A"]["/URI"]
        for page in reader.pages
        for a in page.get("/Annots", [])
        if "/A" in a.get_object()
    }
    assert "https://doi.org/10.1000/notes" not in uris  # a paper page exists: it is linked
    assert "https://ada.example.org/publications/lovelace1843notes/index.html" in uris
    assert "https://github.com/ada" in uris
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font.get("/DescendantFonts")
            described = descendant[0].get_object() if descendant else font
            fonts[str(font["/BaseFont"])] = described["/FontDescriptor"].get_object()
    assert fonts
    for name, descriptor in fonts.items():
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), name


def test_pdf_is_byte_identical_across_builds(cv_site, tmp_path):
    source = tmp_path / "site"
    shutil.copytree(ROOTS / "test-cv", source)
    again = build(source, tmp_path / "out")
    assert (again.outdir / "cv.pdf").read_bytes() == (cv_site.outdir / "cv.pdf").read_bytes()


def test_incremental_bib_edit_updates_page_and_pdf_and_no_edit_keeps_the_pdf(tmp_path):
    source = tmp_path / "site"
    shutil.copytree(ROOTS / "test-cv", source)
    out = tmp_path / "out"
    build(source, out)
    pdf = out / "html" / "cv.pdf"
    first = pdf.read_bytes()
    stamp = pdf.stat().st_mtime_ns
    noop = build(source, out, fresh=False)  # nothing changed: the PDF is not typeset again
    assert pdf.stat().st_mtime_ns == stamp
    # ... and the records were not even loaded to find that out
    from sphinx_scholar.sphinx_ext.domain import get_domain
    from sphinx_scholar.sphinx_ext.sidecar import Lazy

    records = get_domain(noop.app.env).data["records"]
    assert isinstance(records, Lazy) and records._value is None  # never read from its file
    bib = source / "refs.bib"
    rewrite(bib, bib.read_text().replace("title = {On the Engine}", "title = {On the Loom}"))
    again = build(source, out, fresh=False)
    titles = [t.get_text() for t in again.page("cv").select(".scholar-cv__title")]
    assert "On the Loom" in titles and "On the Engine" not in titles
    assert pdf.read_bytes() != first
    text = pdf_text(pdf)
    assert "On the Loom" in text and "On the Engine" not in text


def test_incremental_component_edit_updates_the_cv(tmp_path):
    source = tmp_path / "site"
    shutil.copytree(ROOTS / "test-cv", source)
    out = tmp_path / "out"
    build(source, out)
    page = source / "awards.md"
    rewrite(page, page.read_text().replace("Royal Medal", "Copley Medal"))
    again = build(source, out, fresh=False)
    awards = again.page("cv").select_one("#cv-awards").get_text(" ", strip=True)
    assert "Copley Medal" in awards and "Royal Medal" not in awards
    assert "Copley Medal" in pdf_text(again.outdir / "cv.pdf")


def test_cv_options_choose_sections_and_papers(tmp_path):
    source = tmp_path / "site"
    shutil.copytree(ROOTS / "test-cv", source)
    (source / "cv.md").write_text(
        "# CV\n\n```{cv}\n:sections: publications, service, awards\n:selected:\n"
        ":group-by: none\n\n## Service\n\n- Reviewer\n```\n"
    )
    built = build(source, tmp_path / "out")
    cv = built.page("cv").select_one(".scholar-cv")
    assert [h.get_text() for h in cv.find_all("h2")] == ["Publications", "Service", "Awards"]
    assert [li["id"] for li in cv.select(".scholar-cv__paper")] == ["lovelace1843notes"]
    assert cv.find("h3") is None


def test_unknown_section_warns_with_file_and_line(tmp_path):
    source = tmp_path / "site"
    shutil.copytree(ROOTS / "test-cv", source)
    (source / "cv.md").write_text("# CV\n\n```{cv}\n:sections: publications, grants\n```\n")
    built = build(source, tmp_path / "out")
    assert re.search(r"cv\.md:3: WARNING: cv: unknown section 'grants'", built.warnings)
    assert built.page("cv").select(".scholar-cv__paper")


def test_example_lists_stay_out_of_the_cv(tmp_path):
    source = tmp_path / "site"
    shutil.copytree(ROOTS / "test-cv", source)
    page = source / "awards.md"
    page.write_text(
        page.read_text()
        + "\n```{scholar-example}\n~~~{awards}\n- name: Example Prize\n  year: 2000\n~~~\n```\n"
    )
    built = build(source, tmp_path / "out")
    assert "Example Prize" in built.page("awards").get_text()
    assert "Example Prize" not in built.page("cv").select_one(".scholar-cv").get_text()


# -- the demo homepage: every item of the sources, once ---------------------------------------
def _blocks(page: Path, directive: str) -> list[tuple[str, list[dict]]]:
    """(options text, YAML items) of each ``directive`` block of a page."""
    text = page.read_text("utf-8")
    found = []
    for match in re.finditer(rf"```\{{{directive}\}}\n(.*?)```", text, re.S):
        body = match.group(1)
        options = "".join(line for line in body.splitlines(True) if line.startswith(":"))
        lines = body.splitlines(True)
        items = yaml.safe_load("".join(x for x in lines if not x.startswith(":")))
        found.append((options, items))
    return found


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Built:
    return build(REPO, tmp_path_factory.mktemp("demo"))


def _count(haystack: list[str], needle: str) -> int:
    return sum(1 for text in haystack if norm(text) == norm(needle))


def test_demo_cv_lists_every_item_of_the_sources_once(demo):
    assert "WARNING" not in demo.warnings
    cv = demo.page("cv/index").select_one(".scholar-cv")
    titles = [t.get_text() for t in cv.select(".scholar-cv__title")]
    names = [n.get_text() for n in cv.select(".scholar-cv__name")]
    bib = parse_file(str(REPO / "refs.bib"))
    for key, entry in bib.entries.items():
        title = to_text(entry.fields["title"])
        assert _count(titles, title) == 1, key
    assert len(titles) == len(bib.entries)
    awards = [
        (e.select_one(".scholar-cv__when").get_text(), e.select_one(".scholar-cv__name").get_text())
        for e in cv.select("#cv-awards .scholar-cv__entry")
    ]
    seeded = [
        (str(item["year"]), item["name"])
        for _, items in _blocks(REPO / "awards" / "index.md", "awards")
        for item in items
    ]
    assert sorted(awards) == sorted(seeded) and len(set(seeded)) == len(seeded)
    courses = [
        " ".join(x for x in (i.get("course"), i["title"]) if x)
        for _, items in _blocks(REPO / "teaching" / "index.md", "teaching")
        for i in items
    ]
    for course in set(courses):
        assert _count(names, course) == 1, course
    timeline = _blocks(REPO / "experience" / "index.md", "timeline")
    entries = cv.select(".scholar-cv__entry")
    for _, items in timeline:
        for item in items:
            matching = [
                e
                for e in entries
                if norm(e.select_one(".scholar-cv__name").get_text()) == norm(item["org"])
                and item["role"] in e.get_text()
                and e.select_one(".scholar-cv__when")
                .get_text()
                .endswith(str(item["end"]).split(".")[0])
            ]
            assert len(matching) == 1, item
    people = _blocks(REPO / "group" / "index.md", "people")
    assert len(people) == 2
    for _options, items in people:
        for item in items:
            assert _count(names, item["name"]) == 1, item
            if item.get("now"):
                line = next(
                    e
                    for e in entries
                    if e.select_one(".scholar-cv__name").get_text() == item["name"]
                )
                assert f"now {item['now']}" in norm(line.get_text(" "))


def test_demo_pdf_has_every_paper_and_award(demo):
    text = _squash(pdf_text(demo.outdir / "cv.pdf"))
    bib = parse_file(str(REPO / "refs.bib"))
    for key, entry in bib.entries.items():
        assert _squash(to_text(entry.fields["title"])) in text, key
    for _, items in _blocks(REPO / "awards" / "index.md", "awards"):
        for item in items:
            assert _squash(item["name"]) in text, item


# -- a new site, and the command line --------------------------------------------------------
def _new_site(tmp_path: Path) -> Path:
    from sphinx_scholar.cli.main import main

    target = tmp_path / "site"
    assert main(["new", str(target), "--no-input", "--name", "Ada Lovelace"]) == 0
    return target


def test_new_site_cv_page_builds_with_no_warning(tmp_path):
    site = _new_site(tmp_path)
    built = build(site, tmp_path / "out")
    assert built.warnings == ""
    cv = built.page("cv/index").select_one(".scholar-cv")
    titles = [h.get_text() for h in cv.find_all("h2")]
    assert titles == ["Publications", "Service"]
    assert len(cv.select(".scholar-cv__paper")) == len(parse_file(str(site / "refs.bib")).entries)


def test_cli_cv_writes_the_pdf(tmp_path, capsys):
    from sphinx_scholar.cli.main import main

    site = _new_site(tmp_path)
    output = tmp_path / "ada-cv.pdf"
    assert main(["cv", str(site), "-o", str(output)]) == 0
    text = pdf_text(output)
    assert "Ada Lovelace" in text and "Service" in text
    bib = parse_file(str(site / "refs.bib"))
    for entry in bib.entries.values():
        assert _squash(to_text(entry.fields["title"])) in _squash(text)
    assert main(["cv", str(tmp_path / "nowhere")]) == 2
    assert "no conf.py" in capsys.readouterr().err


def test_cv_stylesheet_only_on_pages_that_show_a_cv_or_talks(cv_site):
    def sheets(name: str) -> list[str]:
        page = cv_site.page(name)
        return [link["href"] for link in page.find_all("link", rel="stylesheet")]

    assert any("scholar-cv.css" in href for href in sheets("cv"))
    assert any("scholar-cv.css" in href for href in sheets("talks"))
    assert not any("scholar-cv.css" in href for href in sheets("group"))
    css = (cv_site.outdir / "_static" / "scholar-cv.css").read_text()
    assert "@media print" in css


def test_without_typst_the_build_warns_and_links_no_pdf(tmp_path, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "typst" else real(name, *a)
    )
    monkeypatch.setitem(__import__("sys").modules, "typst", None)  # import typst fails
    source = tmp_path / "site"
    shutil.copytree(ROOTS / "test-cv", source)
    built = build(source, tmp_path / "out")
    assert re.search(
        r"WARNING: scholar_cv_pdf: the CV PDF needs the 'typst' package.*\[scholar\.cv_pdf\]",
        built.warnings,
    )
    assert not (built.outdir / "cv.pdf").exists()
    assert built.page("cv").select_one("a.scholar-cv__pdf") is None
    labels = [a.get_text(strip=True) for a in built.page("index").select(".scholar-profile__link")]
    assert "CV (PDF)" not in labels
    assert built.page("cv").select(".scholar-cv__paper")  # the page itself is whole


def test_text_builder_gets_plain_sections(tmp_path):
    source = tmp_path / "site"
    shutil.copytree(ROOTS / "test-cv", source)
    app = build_site(source, tmp_path / "out", "text")
    text = (Path(app.outdir) / "cv.txt").read_text("utf-8")
    for expected in ("Publications", "On the Engine", "Royal Medal", "Service", "Reviewer"):
        assert expected in text
    talks = (Path(app.outdir) / "talks.txt").read_text("utf-8")
    assert "Numbers of Bernoulli" in talks


def test_a_free_section_named_like_a_known_one_still_shows():
    source = CvSource(
        awards=(CvEntry("2020", "Prize"),),
        free=(("awards", "Awards", ("Also a grant.",), ()), ("skills", "Skills", ("Typst.",), ())),
    )
    doc = assemble(source, {}, _owner_registry(), CvOptions())
    assert [(s.id, s.paragraphs) for s in doc.sections] == [
        ("awards", ()),
        ("awards", ("Also a grant.",)),
        ("skills", ("Typst.",)),
    ]
    placed = assemble(source, {}, _owner_registry(), CvOptions(sections=("skills", "free")))
    assert [s.paragraphs for s in placed.sections] == [("Typst.",), ("Also a grant.",)]


def test_cv_page_loads_the_email_script_once(cv_site):
    scripts = [s.get("src", "") for s in cv_site.page("cv").find_all("script")]
    assert sum("scholar-email.js" in src for src in scripts) == 1
    home = [s.get("src", "") for s in cv_site.page("index").find_all("script")]
    assert sum("scholar-email.js" in src for src in home) == 1


ANY = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30)


@settings(deadline=None)
@given(title=ANY, name=ANY, detail=ANY, url=st.sampled_from(["", "javascript:alert(1)", "x.html"]))
def test_cv_html_keeps_any_text_as_text(title, name, detail, url):
    from sphinx_scholar.render.cv import cv_html

    paper = CvPaper("k<&", title, (CvAuthor(name, owner=True),), detail, 2024, url, (detail,))
    doc = CvDocument(
        CvProfile(name=name, title=detail),
        (
            CvSection("p", title, (CvGroup(detail, papers=(paper,)),), (detail,)),
            CvSection("e", "E", (CvGroup("", entries=(CvEntry(detail, title, detail, url),)),)),
        ),
    )
    soup = BeautifulSoup(f"<body>{cv_html(doc, 2, {}, True)}</body>", "html.parser")
    assert soup.select_one(".scholar-cv__person").get_text() == name
    assert soup.select_one(".scholar-cv__paper .scholar-cv__title").get_text() == title
    assert soup.select_one(".scholar-author--owner").get_text() == name
    assert soup.select_one(".scholar-cv__paper")["id"] == "k<&"
    assert soup.find("h2").get_text() == title
    assert soup.find("h3").get_text() == detail
    assert soup.find("script") is None
    hrefs = [a["href"] for a in soup.find_all("a")]
    assert "javascript:alert(1)" not in hrefs


def test_parallel_read_gives_the_same_cv(tmp_path):
    source = tmp_path / "site"
    shutil.copytree(ROOTS / "test-cv", source)
    serial = build(source, tmp_path / "serial")
    app = build_site(source, tmp_path / "parallel", parallel=2)
    parallel = BeautifulSoup((Path(app.outdir) / "cv.html").read_text("utf-8"), "lxml")
    assert str(parallel.select_one(".scholar-cv")) == str(
        serial.page("cv").select_one(".scholar-cv")
    )
    assert (Path(app.outdir) / "cv.pdf").read_bytes() == (serial.outdir / "cv.pdf").read_bytes()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        # every setting naming an output file is checked with the config (core/config.py)
        ("../outside.pdf", "scholar_cv_pdf = '../outside.pdf' is outside the output folder"),
        ("cv.html", "scholar_cv_pdf: 'cv.html' is not a .pdf path inside the site"),
    ],
)
def test_a_pdf_path_outside_the_site_or_not_pdf_is_refused(tmp_path, value, message):
    source = tmp_path / "site"
    shutil.copytree(ROOTS / "test-cv", source)
    built = build(source, tmp_path / "out", scholar_cv_pdf=value)
    assert f"WARNING: {message}" in built.warnings
    assert not (built.outdir.parent / "outside.pdf").exists()
    assert built.page("cv").select_one(".scholar-cv")  # cv.html is the page, not a PDF
    assert built.page("cv").select_one("a.scholar-cv__pdf") is None


@given(st.text(max_size=20))
def test_is_pdf_path(name):
    from sphinx_scholar.core.cvpdf import is_pdf_path

    if is_pdf_path(name):
        assert name.lower().endswith(".pdf") and not name.startswith(("/", "\\"))
        assert ".." not in name.replace("\\", "/").split("/")
    assert is_pdf_path("cv.pdf") and is_pdf_path("files/cv.PDF")
    assert not is_pdf_path("../cv.pdf") and not is_pdf_path("/tmp/cv.pdf")


def test_text_before_the_first_free_section_is_warned_with_its_line(tmp_path):
    source = tmp_path / "site"
    shutil.copytree(ROOTS / "test-cv", source)
    (source / "cv.md").write_text(
        "# CV\n\n```{cv}\n:sections: grants\nStray text.\n\n## Grants\n\n- NSF, 1842\n```\n"
    )
    built = build(source, tmp_path / "out")
    assert re.search(r"cv\.md:5: WARNING: cv: text before the first '## Title'", built.warnings)
    cv = built.page("cv").select_one(".scholar-cv")
    assert [h.get_text() for h in cv.find_all("h2")] == ["Grants"]
    assert cv.select_one("#cv-grants li").get_text(strip=True) == "NSF, 1842"


def test_a_paper_shown_in_several_cvs_of_a_page_gets_distinct_ids():
    """Two cv directives on one page (the docs show several) listed one paper twice under
    the same id, which the Nu checker refuses."""
    from sphinx_scholar.core.cv import CvPaper
    from sphinx_scholar.render.cv import paper_html

    paper = CvPaper(key="k2020", title="T", authors=(), venue="V", year=2020, url="")
    used = {"k2020"}  # the paper's card is on the page too
    ids = [BeautifulSoup(paper_html(paper, {}, used), "lxml").li["id"] for _ in range(3)]
    assert ids == ["cv-k2020", "cv-k2020-2", "cv-k2020-3"]
