"""The ``talks`` directive: grouped by year, schema.org Event JSON-LD, warnings per item."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from bs4 import BeautifulSoup
from conftest import parse_html, warnings_of
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_scholar.core.cv import Talk
from sphinx_scholar.core.dates import PartialDate
from sphinx_scholar.render.talks import talks_html

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40)


@settings(deadline=None)
@given(title=TEXT, event=TEXT, location=TEXT, day=st.dates(date(1000, 1, 1), date(2999, 12, 31)))
def test_any_text_stays_text_and_json_ld_parses(title, event, location, day):
    """No value escapes its element or its script: the parsed page gives back each value."""
    talk = Talk(
        PartialDate(day.year, day.month, day.day),
        title,
        event,
        location,
        links=(("Slides", "https://example.org/s"),),
        anchor="t",
    )
    html = talks_html([talk], 2, {}, "Ada <Lovelace>")
    soup = BeautifulSoup(f"<body>{html}</body>", "html.parser")
    item = soup.select_one(".scholar-talk")
    assert item.select_one(".scholar-talk__title").get_text() == title
    data = json.loads(item.find("script", type="application/ld+json").string)
    assert data["name"] == title
    assert data["superEvent"]["name"] == event
    assert data["location"]["name"] == location
    assert data["performer"]["name"] == "Ada <Lovelace>"
    assert data["startDate"] == day.isoformat()
    assert len(soup.find_all("script")) == 1  # nothing broke out into a new element


PAGE = """# Talks

```{talks}
- date: 2024-05
  title: Newest talk
  event: Conference A
  video: https://example.org/video
- date: 2023-11-02
  title: Older talk
  location: Paris
  slides: javascript:alert(1)
- date: someday
  title: Undated talk
- title: No date at all
- date: 2022
  title: Talk about a missing paper
  paper: nosuchkey
```
"""


@pytest.fixture
def talks_app(make_app, tmp_path):
    (tmp_path / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_scholar"]\n'
        'scholar_profile = {"name": "Ada Lovelace"}\n'
        "scholar_paper_pages = ''\n"
        'bibtex_bibfiles = ["refs.bib"]\n'
    )
    (tmp_path / "refs.bib").write_text(
        "@misc{a, title = {A}, author = {Lovelace, Ada}, year = {2020}, howpublished = {x}}\n"
    )
    (tmp_path / "index.md").write_text(PAGE)
    app = make_app("html", srcdir=tmp_path, freshenv=True)
    app.build()
    return app


def test_talks_page_groups_by_year_and_warns_per_item(talks_app):
    page = parse_html(talks_app, "index")
    years = [h.get_text() for h in page.select(".scholar-talks__year")]
    assert years == ["2024", "2023", "2022"]
    titles = [t.get_text() for t in page.select(".scholar-talk__title")]
    assert titles == ["Newest talk", "Older talk", "Talk about a missing paper"]
    older = page.select(".scholar-talk")[1]
    assert older.select("a") == []  # the javascript: link is dropped
    warnings = warnings_of(talks_app)
    assert "index.md:12: WARNING: talks: 'date': 'someday' is not a date" in warnings
    assert "index.md:14: WARNING: talks: missing required key 'date'" in warnings
    assert "index.md:8: WARNING: talks: 'slides' holds a URL that is not http(s)" in warnings
    assert "index.md:15: WARNING: talks: no bib entry has the key 'nosuchkey'" in warnings
    # the times are machine-readable
    times = [t["datetime"] for t in page.select("time.scholar-talk__date")]
    assert times == ["2024-05", "2023-11-02", "2022"]


def test_example_site_talks_page_names_no_speaker(tmp_path):
    """The example site is a real person's: its made-up talks are an example, not theirs."""
    import shutil

    from conftest import REPO
    from test_cv import build

    source = tmp_path / "examples"
    shutil.copytree(REPO / "examples", source, ignore=shutil.ignore_patterns("_build"))
    built = build(source, tmp_path / "out")
    assert "WARNING" not in built.warnings
    page = built.page("talks")
    talks = page.select(".scholar-talk")
    assert [t.select_one(".scholar-talk__title").get_text() for t in talks] == [
        "Cold starts are a scheduling problem",
        "Sharing GPUs between functions",
    ]
    for talk in talks:
        data = json.loads(talk.find("script", type="application/ld+json").string)
        assert "performer" not in data


def test_talks_feed_lists_each_talk_of_the_site(tmp_path):
    import shutil

    from conftest import ROOTS
    from lxml import etree
    from test_cv import build

    source = tmp_path / "site"
    shutil.copytree(ROOTS / "test-cv", source)
    built = build(source, tmp_path / "out")
    feed = etree.parse(str(built.outdir / "talks.xml"))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = feed.xpath("//a:entry/a:title/text()", namespaces=ns)
    assert titles == ["The Engine weaves </script> algebraic patterns", "Numbers of Bernoulli"]
    links = feed.xpath("//a:entry/a:link/@href", namespaces=ns)
    page = built.page("talks")
    for link in links:
        assert link.startswith("https://ada.example.org/talks.html#")
        assert page.find(id=link.split("#")[1]) is not None
    alternate = built.page("index").find("link", rel="alternate", title=re.compile("^Talks"))
    assert alternate["href"] == "talks.xml"
