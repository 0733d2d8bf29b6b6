"""The two sites of the repository, each against the seed page it was made from.

The root site is seed 004; examples/ is seed 000. Each list of the
seed is parsed here and compared, item by item, with the built pages.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, Built, build_site, templates_path_kept

#: The seed pages, copied into the repository (tests/data/seed/README.md).
SEED = Path(__file__).parent / "data" / "seed"
SEED_ROOT = SEED / "root-site.txt"
SEED_EXAMPLE = SEED / "example-site.txt"
#: Seed spellings the site corrects.
TYPOS = {"lanuched": "launched"}


@pytest.fixture(autouse=True, scope="module")
def _shared_templates_path():
    with templates_path_kept():
        yield


def build(srcdir: Path, builddir: Path, **overrides: object) -> Built:
    app = build_site(srcdir, builddir, confoverrides=dict(overrides))
    return Built(app)


@pytest.fixture(scope="module")
def root_site(tmp_path_factory) -> Built:
    return build(REPO, tmp_path_factory.mktemp("root-site"))


@pytest.fixture(scope="module")
def example_site(tmp_path_factory) -> Built:
    source = tmp_path_factory.mktemp("example-src") / "examples"
    shutil.copytree(REPO / "examples", source, ignore=shutil.ignore_patterns("_build"))
    return build(source, tmp_path_factory.mktemp("example-site"))


def norm(value: str) -> str:
    """Whitespace collapsed; typographic quotes as the seed types them."""
    value = value.translate(str.maketrans({"“": '"', "”": '"', "’": "'", "‘": "'"}))
    return " ".join(value.split())


def text(element) -> str:
    return norm(element.get_text(" ", strip=True))


def flat(element) -> str:
    """Text as a reader sees it: inline elements joined without added spaces."""
    return norm(element.get_text())


def section(seed: str, start: str, end: str | None = None) -> list[str]:
    """The seed's lines between the heading line *start* and the heading line *end*
    (or the end of the seed)."""
    lines = seed.splitlines()
    first = lines.index(start) + 1
    return lines[first : lines.index(end, first) if end else None]


def fixed(value: str) -> str:
    for wrong, right in TYPOS.items():
        value = value.replace(wrong, right)
    return norm(value)


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED_ROOT.read_text(encoding="utf-8")


# -- the root site -------------------------------------------------------------------
def test_root_site_builds_without_a_warning(root_site):
    assert root_site.warnings.strip() == ""


def test_news_every_seed_item_in_order(root_site, seed):
    expected = [
        (m.group(1), fixed(m.group(2)))
        for m in (
            re.match(r"^- \[(\d{4})\] (.*)$", line) for line in section(seed, "News", "Teaching")
        )
        if m
    ]
    assert len(expected) == 21
    items = root_site.page("news/index").select("ul.scholar-news > li.scholar-news__item")
    built = [(i.time["datetime"], flat(i.select_one(".scholar-news__text"))) for i in items]
    assert built == expected
    assert all(i.get("id") for i in items)


def test_home_page_shows_the_latest_five_and_links_the_archive(root_site, seed):
    home = root_site.page("index")
    latest = home.select_one("ul.scholar-news--latest")
    seed_news = [line for line in section(seed, "News", "Teaching") if line.startswith("- [")]
    assert [flat(t) for t in latest.select(".scholar-news__text")] == [
        fixed(line.split("] ", 1)[1]) for line in seed_news[:5]
    ]
    more = latest.find_next_sibling("p", class_="scholar-more").a
    assert (more.get_text(), more["href"]) == ("All news", "news/index.html")


def test_home_page_profile_biography_and_recruiting_note(root_site, seed):
    home = root_site.page("index")
    lines = seed.splitlines()
    profile = home.select_one(".scholar-profile")
    assert home.h1.get_text(strip=True).rstrip("#") == lines[0] == "Zhihao Jia"
    assert text(profile.select_one(".scholar-profile__title")) == lines[1]
    assert text(profile.select_one(".scholar-profile__affiliation")) == f"{lines[2]}, {lines[3]}"
    email = profile.select_one(".scholar-email")
    assert f"{email['data-user']}@{email['data-domain']}" == lines[4] == "zhihao@cmu.edu"
    assert text(email) == "zhihao [at] cmu.edu"
    assert profile.select_one("img.scholar-profile__photo")["alt"] == "Photo of Zhihao Jia"
    article = home.select_one("article")
    prose = " ".join(flat(p) for p in article.select("p, li"))
    for paragraph in (lines[5], lines[6]):
        assert norm(paragraph) in prose
    recruiting = lines[7]
    intro, *parts = re.split(r"\(\d\) ", recruiting)
    assert norm(intro) in prose
    numbered = [flat(li) for li in article.select("ol > li")]
    assert numbered == [norm(p) for p in parts] and len(parts) == 3
    links = {a.get_text(): a["href"] for a in article.select("p a")}
    for name in ("CMU Catalyst Group", "Parallel Data Lab", "Alex Aiken", "Matei Zaharia"):
        assert links[name].startswith("https://"), name
    assert links["Andrew Yao"] == "https://iiis.tsinghua.edu.cn/en/yao/"


def test_navbar_order_and_local_icon_links(root_site):
    home = root_site.page("index")
    nav = [a.get_text(strip=True) for a in home.select(".bd-header .navbar-nav a.nav-link")]
    assert nav == [
        "Publications",
        "Group",
        "Projects",
        "Teaching",
        "Awards",
        "Experience",
        "CV",
        "News",
    ]
    # the tool's manual is its own site (docs/), not a page of anyone's homepage
    built = {p.relative_to(root_site.outdir).parts[0] for p in root_site.outdir.rglob("*.html")}
    assert not {"docs", "guide"} & built
    icons = home.select_one(".navbar-icon-links").select("a")
    assert [(a["title"], a.img["src"]) for a in icons] == [
        ("Google Scholar", "_static/icons/scholar.svg"),
        ("DBLP", "_static/icons/dblp.svg"),
        ("GitHub", "_static/icons/github.svg"),
    ]


def test_teaching_every_seed_course(root_site, seed):
    expected = []
    for line in section(seed, "Teaching", "Projects"):
        match = re.match(r"^- (\S+) (.+): (\w+ \d{4})$", line.strip())
        assert match, line
        expected.append(match.groups())
    assert len(expected) == 7
    lines = root_site.page("teaching/index").select("li.scholar-course")
    built = [
        (
            text(li.select_one(".scholar-course__number")),
            text(li.select_one(".scholar-course__title")),
            term,
        )
        for li in lines
        for term in text(li.select_one(".scholar-course__terms")).split(" , ")
    ]
    assert sorted(built) == sorted(expected)
    # one line per course, terms in order, the latest course first
    assert [text(li) for li in lines] == [
        "15-779 Advanced Topics in Machine Learning Systems (LLM Edition) : fall 2025",
        "15-418/618 Parallel Computer Architecture : "
        "fall 2022 , spring 2023 , fall 2023 , fall 2024",
        "15-442/642 Machine Learning Systems : spring 2024",
        "15-849 Machine Learning Systems : spring 2022",
    ]


def test_projects_every_seed_project(root_site, seed):
    expected = [norm(line[2:]) for line in section(seed, "Projects", "Awards")]
    assert len(expected) == 7
    cards = root_site.page("projects/index").select(".sd-row > .sd-col > .sd-card")
    built = [
        (text(c.select_one(".scholar-project__title")), text(c.select_one(".sd-card-text")))
        for c in cards
    ]
    assert [description for _, description in built] == expected
    assert [name for name, _ in built] == [
        "Mirage",
        "FlexFlow Serve",
        "FlexFlow",
        "TASO",
        "Lux",
        "Quartz",
        "Legion",
    ]
    for (name, description), card in zip(built, cards, strict=True):
        assert description.startswith(name)
        image = card.select_one("img.sd-card-img-top")
        assert (root_site.outdir / "projects" / image["src"]).resolve().is_file()


def test_awards_every_seed_award_and_paper_links(root_site, seed):
    expected = [
        tuple(line[2:].rsplit(", ", 1))
        for line in section(seed, "Awards", "Current Ph.D. and Postdoctoral Students")
    ]
    assert len(expected) == 15
    items = root_site.page("awards/index").select("li.scholar-award-item")
    built = [(text(i.select_one(".scholar-badge")), i.time["datetime"]) for i in items]
    assert built == expected
    links = {
        text(i.select_one(".scholar-badge")): i.select_one("a.scholar-badge-link")["href"]
        for i in items
        if i.select_one("a.scholar-badge-link")
    }
    assert links == {
        "IEEE Micro Top Picks Honorable Mention": "../publications/index.html#miao2024spotserve",
        "ACL Outstanding Paper Award": "../publications/index.html#zhang2024quantized",
        "ASPLOS Distinguished Artifact Award": "../publications/index.html#miao2024spotserve",
        "Stanford Arthur Samuel Best Doctoral Thesis Award": (
            "../publications/index.html#jia2020thesis"
        ),
    }
    publications = root_site.page("publications/index")
    for target in set(links.values()):
        assert publications.find(id=target.split("#")[1]) is not None


def test_group_every_current_student_and_alumnus(root_site, seed):
    group = root_site.page("group/index")
    students = [
        re.match(r"^- (.+?)(?: \(with (.+)\))?$", line.strip()).groups()
        for line in section(seed, "Current Ph.D. and Postdoctoral Students", "Alumni")
    ]
    assert len(students) == 7
    current = group.select("ul.scholar-people--current > li.scholar-person")
    built = [
        (
            text(p.select_one(".scholar-person__name")),
            (lambda c: norm(c.get_text()).removeprefix("co-advised with ") if c else None)(
                p.select_one(".scholar-person__coadvisors")
            ),
        )
        for p in current
    ]
    assert built == students
    coadvisors = {a.get_text(): a["href"] for a in group.select(".scholar-person__coadvisors a")}
    assert coadvisors == {
        "Beidi Chen": "https://www.andrew.cmu.edu/user/beidic/",
        "Umut Acar": "https://www.cs.cmu.edu/~umut/",
    }
    alumni_seed = [
        re.match(r"^- (.+) \((\w+), (\d{4}), now (.+)\)$", line.strip()).groups()
        for line in section(seed, "Alumni", "Publications")
    ]
    assert len(alumni_seed) == 12
    alumni = group.select("ul.scholar-people--alumni > li.scholar-person")
    built = [
        (
            text(a.select_one(".scholar-person__name")),
            *text(a.select_one(".scholar-person__degree")).strip("()").split(", "),
            text(a.select_one(".scholar-person__now")).removeprefix("now "),
        )
        for a in alumni
    ]
    assert built == [tuple(a) for a in alumni_seed]


def test_student_names_in_publication_cards_link_to_the_group_page(root_site):
    publications = root_site.page("publications/index")
    card = publications.find(id="miao2024specinfer")
    links = {a.get_text(): a["href"] for a in card.select("a.scholar-author")}
    assert links["Gabriele Oliaro"] == "../group/index.html#gabriele-oliaro"
    assert links["Xupeng Miao"] == "../group/index.html#xupeng-miao"
    # the paper spells her "Rae Ying Yee Wong"; the group page, "Ying Yee (Rae) Wong"
    assert links["Rae Ying Yee Wong"] == "../group/index.html#ying-yee-rae-wong"
    group = root_site.page("group/index")
    assert text(group.find(id="ying-yee-rae-wong").select_one(".scholar-person__name")) == (
        "Ying Yee (Rae) Wong"
    )


def _timeline_seed(seed: str, start: str, end: str | None) -> list[tuple]:
    entries: list[list] = []
    for line in section(seed, start, end):
        match = re.match(r"^- (\d{4})\.(\d+) - (\d{4})\.(\d+): (.+)$", line.strip())
        if match:
            y1, m1, y2, m2, what = match.groups()
            role, sep, org = what.strip().partition(" at ")
            if not sep:
                role, org = what.strip().rsplit(", ", 1)
            entries.append([role, org, f"{y1}-{int(m1):02d}", f"{y2}-{int(m2):02d}", ""])
        else:
            entries[-1][4] = line.strip().removeprefix("Working with ")
    return [tuple(e) for e in entries]


def _timeline_built(page: BeautifulSoup, index: int) -> list[tuple]:
    timeline = page.select("ol.scholar-timeline")[index]
    out = []
    for entry in timeline.select("li.scholar-timeline__item"):
        org = entry.select_one(".scholar-timeline__org > :first-child")
        advisors = entry.select_one(".scholar-timeline__advisors")
        out.append(
            (
                text(entry.select_one(".scholar-timeline__role")),
                text(org),
                *[t["datetime"] for t in entry.select(".scholar-timeline__dates time")],
                re.sub(r"^(Working with|Advisors?:) ", "", flat(advisors)) if advisors else "",
            )
        )
        logo = entry.select_one("img.scholar-timeline__logo")
        assert logo["alt"] == f"{text(org)} logo"
    return out


def test_education_and_experience_every_seed_entry(root_site, seed):
    page = root_site.page("experience/index")
    education = _timeline_seed(seed, "Education", "Experience")
    assert len(education) == 3
    built = _timeline_built(page, 0)
    # the seed's education lists no advisors; the timeline adds the biography's two
    assert [entry[:4] for entry in built] == [entry[:4] for entry in education]
    assert built[0][4] == "Alex Aiken and Matei Zaharia"
    experience = _timeline_seed(seed, "Experience", None)
    assert len(experience) == 4
    assert _timeline_built(page, 1) == experience
    assert not page.select("article table")


# -- the example site (seed 000) -------------------------------------------------------
def test_example_site_builds_with_no_warning(example_site):
    assert example_site.warnings.strip() == ""


def test_example_title_has_the_right_apostrophe(example_site):
    home = example_site.page("index")
    assert home.h1.get_text(strip=True).rstrip("#") == "Chaobo Jia\u2019s Homepage"
    assert "â€™" not in (example_site.outdir / "index.html").read_text("utf-8")
    assert "Chaobo Jiaâ€™s Homepage" in SEED_EXAMPLE.read_text("utf-8")  # what was fixed


def test_example_biography_contact_and_hobbies(example_site):
    home = example_site.page("index")
    article = home.select_one("article")
    links = {a.get_text(): a["href"] for a in article.select("a[href]")}
    seed = SEED_EXAMPLE.read_text("utf-8")
    live = re.sub(r"<!--.*?-->", "", seed, flags=re.S)  # the seed's commented-out parts
    for label, url in re.findall(r"\[([^\]]+)\]\((https?://[^)]+)\)", live):
        assert links.get(label) == url, label
    prose = " ".join(flat(p) for p in article.select("p, li"))
    assert "please feel free to chat with me or drop me an email!" in prose
    assert article.select_one("blockquote") is not None
    for words in (
        "Undergrad@HUST",
        "Systems & Compiler for Machine learning",
        "LLM Training & Cloud Systems for ML inference",
        "crazy fan of Lionel Messi",
        "Argentina National Team",
        "Charles Leclerc",
        "Guanyu Zhou",
        "Stake F1 Team Kick Sauber",
    ):
        assert words in prose, words
    education = article.select("ol.scholar-timeline")[0]
    assert text(education.select_one(".scholar-timeline__org")) == (
        "Huazhong University of Science and Technology , Wuhan, China"
    )
    assert [t["datetime"] for t in education.select("time")] == ["2021-09", "2025-06"]


def test_example_faascale_card(example_site):
    card = example_site.page("index").find(id="jia2025faascale")
    assert text(card.select_one(".scholar-title")) == (
        "FaaScale: Unlocking Fast Model Scaling for Serverless Inference"
    )
    assert text(card.select_one(".scholar-note")) == (
        "Tips: I am the main contributor, some details are in the Author Contributions below"
    )
    assert text(card.select_one(".scholar-venue")) == "Submitted to SIGCOMM'25 , 2025"
    assert text(card.select_one(".scholar-author--owner")) == "Chaobo Jia"
    image = card.select_one(".scholar-card__media img")
    assert image["src"] == "_static/previews/faascale.svg"
    assert (example_site.outdir / image["src"]).is_file()
    # the seed's links have empty hrefs: shown, visibly disabled, never a dead link
    buttons = card.select(".scholar-btn--disabled")
    assert sorted(b.get_text() for b in buttons) == sorted(
        ["Author Contributions", "Code", "arXiv", "Poster"]
    )
    assert all(b.get("aria-disabled") == "true" and not b.has_attr("href") for b in buttons)


def test_example_experience_timeline_with_logos_and_advisors(example_site):
    timeline = example_site.page("index").select("ol.scholar-timeline")[1]
    entries = timeline.select("li.scholar-timeline__item")
    logos = [e.select_one("img.scholar-timeline__logo") for e in entries]
    assert [(i["src"], i["alt"]) for i in logos] == [
        ("_static/logos/uiuc.svg", "University of Illinois Urbana-Champaign logo"),
        ("_static/logos/uva.svg", "University of Virginia & CUHK logo"),
        ("_static/logos/bytedance.svg", "ByteDance TikTok logo"),
    ]
    assert all((example_site.outdir / i["src"]).is_file() for i in logos)
    advisors = [
        {a.get_text(): a["href"] for a in e.select(".scholar-timeline__advisors a")}
        for e in entries
    ]
    assert advisors == [
        {"Fan Lai": "https://grainger.illinois.edu/about/directory/faculty/fanlai"},
        {
            "Minchen Yu": "https://sds.cuhk.edu.cn/en/teacher/1246",
            "Yue Cheng": "https://tddg.github.io/",
            "Wei Wang": "https://www.cse.ust.hk/~weiwa/",
        },
        {},
    ]
    assert [text(e.select_one(".scholar-timeline__role")) for e in entries] == [
        "Research Intern",
        "Research Intern",
        "Software Engineering Intern",
    ]
    assert [
        [t["datetime"] for t in e.select(".scholar-timeline__dates time")] for e in entries
    ] == [["2025-02"], ["2024-03", "2025-02"], ["2023-06", "2023-10"]]
    assert "present" in text(entries[0].select_one(".scholar-timeline__dates"))


def test_example_empty_links_warn_without_the_suppression(tmp_path):
    source = tmp_path / "examples"
    shutil.copytree(REPO / "examples", source, ignore=shutil.ignore_patterns("_build"))
    built = build(source, tmp_path / "build", suppress_warnings=[])
    bib = source / "refs.bib"
    lines = bib.read_text("utf-8").splitlines()
    warnings = [w for w in built.warnings.splitlines() if "scholar.empty_link" in w]
    assert len(warnings) == 4
    for field, label in (
        ("links", "Author Contributions"),
        ("code", "Code"),
        ("arxiv", "arXiv"),
        ("poster", "Poster"),
    ):
        line = next(n for n, text in enumerate(lines, 1) if text.strip().startswith(f"{field} ="))
        assert any(
            f"{bib}:{line}:" in w and f"({label})" in w and "[jia2025faascale]" in w
            for w in warnings
        ), field
