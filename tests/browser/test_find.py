"""Finding papers in a real browser: filters, the URL state, folded author lists,
search results, and the publications page at a phone's width.

The filters and folding run on tests/roots/test-filters (kinds, years, tags, awards, a
15-author paper); search and the phone layout on the demo homepage.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from .browser_harness import PHONE

pytestmark = pytest.mark.browser

ROOT = "test-filters"
SHOWN = """() => [...document.querySelectorAll(".scholar-card")]
  .filter((card) => card.offsetParent !== null).map((card) => card.id).sort()"""
#: The demo's publications page at 375px before issue 16 (tiles in an 88px column):
#: 21,506px tall (measured with this browser on the commit before the change).
PHONE_HEIGHT_BEFORE = 21_506


@pytest.fixture
def filters_page(build_root, new_tab, server):
    build_root(ROOT)
    tab = new_tab()

    def open_(query: str = ""):
        tab.goto(server.url(ROOT, "index.html" + query))
        tab.page.locator("form.scholar-filter").wait_for(state="visible")
        return tab

    return open_


def shown(page) -> list[str]:
    return page.evaluate(SHOWN)


def query_of(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_each_filter_narrows_and_they_combine(filters_page):
    tab = filters_page()
    page = tab.page
    form = page.locator("form.scholar-filter")
    count = form.locator("output")
    assert len(shown(page)) == 12 and count.inner_text() == "12 papers"

    form.locator('select[name="kind"]').select_option("conference")
    assert shown(page) == sorted(["four2023", "conf2022", "conf2021", "conf2018", "hidden2013"])
    assert count.inner_text() == "5 of 12 papers"
    assert query_of(page) == {"kind": ["conference"]}
    # the other facets count what they would show next to this choice
    year_2023 = form.locator('select[name="year"] option[value="2023"]')
    assert year_2023.inner_text() == "2023 (2)"

    form.locator('select[name="year"]').select_option("2023")
    assert shown(page) == ["four2023", "hidden2013"]
    assert query_of(page) == {"kind": ["conference"], "year": ["2023"]}
    # a year group with no card left is hidden with its heading
    assert not page.locator("#year-2022").is_visible()

    form.locator('input[name="award"]').check()
    assert shown(page) == ["four2023"]
    assert count.inner_text() == "1 of 12 papers"

    form.locator("button[type=reset]").click()
    page.wait_for_function("() => !location.search")
    assert len(shown(page)) == 12

    form.locator('select[name="tag"]').select_option("ml")
    assert shown(page) == ["long2023", "pre2024"]
    assert not tab.page_errors and not tab.console_errors


def test_words_match_what_the_card_shows_never_its_hidden_text(filters_page):
    page = filters_page().page
    words = page.locator('form.scholar-filter input[name="q"]')
    # only in the folded abstract, the BibTeX or the key of hidden2013
    for hidden in ("booktitle", "2013", "hidden2013", "measured"):
        words.fill(hidden)
        assert shown(page) == [], hidden
        assert page.locator("form.scholar-filter output").inner_text() == "0 of 12 papers"
    words.fill("person13")  # a folded author name is on the card; its list opens
    assert shown(page) == ["long2023"]
    assert (
        page.locator("#long2023 button.scholar-authors__more").get_attribute("aria-expanded")
        == "true"
    )
    assert page.get_by_text("Author13 Person13").is_visible()
    words.fill("engines 2022")  # every word, anywhere on the card
    assert shown(page) == ["conf2022"]
    assert query_of(page) == {"q": ["engines 2022"]}


def test_a_filtered_view_can_be_linked(filters_page):
    page = filters_page("?kind=thesis&year=2020").page
    assert shown(page) == ["thesis2020"]
    assert page.locator('select[name="kind"]').input_value() == "thesis"
    assert page.locator("form.scholar-filter output").inner_text() == "1 of 12 papers"
    # a value no control offers is ignored, not a blank list
    page = filters_page("?kind=bogus&award=1").page
    assert shown(page) == ["conf2021", "four2023"]


def test_the_filters_are_used_by_keyboard(filters_page):
    page = filters_page().page
    page.locator('form.scholar-filter input[name="q"]').focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.name")
    assert focused == "kind"
    page.keyboard.press("ArrowDown")  # the next option: journal articles
    page.wait_for_function("() => new URLSearchParams(location.search).get('kind')")
    assert shown(page) == ["art2018", "long2023"]


def test_long_author_list_folds_and_opens_by_keyboard(filters_page):
    page = filters_page().page
    card = page.locator("#long2023")
    button = card.locator("button.scholar-authors__more")
    names = card.locator(".scholar-author")
    assert button.is_visible()
    assert button.get_attribute("aria-expanded") == "false"
    assert button.inner_text() == "11 more authors"
    visible = [n.inner_text() for n in names.all() if n.is_visible()]
    assert visible == [
        "Author1 Person1",
        "Author2 Person2",
        "Author3 Person3",
        "Ada Lovelace",  # the owner, ninth, stays
    ]
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    assert all(n.is_visible() for n in names.all())
    assert button.evaluate("b => b === document.activeElement")
    page.keyboard.press("Space")
    assert button.get_attribute("aria-expanded") == "false"
    assert not names.nth(3).is_visible()


def test_without_javascript_every_card_and_name_shows(browser, build_root, server):
    build_root(ROOT)
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(server.url(ROOT, "index.html"), wait_until="load")
        assert len(shown(page)) == 12
        assert not page.locator("form.scholar-filter").is_visible()
        assert not page.locator("button.scholar-authors__more").is_visible()
        names = page.locator("#long2023 .scholar-author")
        assert names.count() == 15 and all(n.is_visible() for n in names.all())
    finally:
        context.close()


def results_of(tab, server, query: str) -> list[tuple[str, str]]:
    tab.goto(server.url("root", f"search.html?q={query}"))
    page = tab.page
    page.wait_for_function(
        "() => document.querySelector('#search-results li')"
        " || /no documents|did not match/i.test(document.body.innerText)"
        " || document.querySelector('#search-results p.search-summary')",
        timeout=10_000,
    )
    page.wait_for_function(
        "() => !document.querySelector('#search-progress')"
        " || !document.querySelector('#search-progress').textContent.trim()"
    )
    return page.eval_on_selector_all(
        "#search-results li > a",
        """links => links.map((a) => {
          const url = new URL(a.href);
          return [a.textContent, url.pathname.split('/').slice(-2).join('/') + url.hash];
        })""",
    )


def test_search_finds_papers_by_author_title_venue_and_year(new_tab, server):
    tab = new_tab()
    for author in ("Oliaro", "Mudigere"):
        results = results_of(tab, server, author)
        assert any(link.startswith("publications/index.html") for _, link in results), (
            author,
            results,
        )
    # a paper's full title: its card first
    tab.goto(server.url("root", "publications/index.html"))
    card = tab.page.locator("li.scholar-card:has(.scholar-badge--venue)").nth(4)
    title = card.locator(".scholar-title").inner_text()
    key = card.get_attribute("id")
    badge = card.locator(".scholar-badge--venue").inner_text()
    year = card.get_attribute("data-year")
    results = results_of(tab, server, title)
    assert results and results[0][1] == f"publications/index.html#{key}", (title, results[:3])
    # the venue's abbreviation, and a year (Sphinx's index has no numbers: its group)
    assert any(link.startswith("publications/") for _, link in results_of(tab, server, badge))
    results = results_of(tab, server, year)
    assert results and results[0][1] == f"publications/index.html#year-{year}", results[:3]
    assert not tab.page_errors and not tab.console_errors


def test_publications_on_a_phone(new_tab, server):
    tab = new_tab(phone=True)
    tab.goto(server.url("root", "publications/index.html"))
    page = tab.page
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # a generated tile is text drawn for 160px: shown smaller it is unreadable
    tiles = page.eval_on_selector_all(
        ".scholar-card__media--tile .scholar-tile",
        """tiles => tiles.filter((t) => t.offsetParent !== null)
          .map((t) => t.getBoundingClientRect().width)""",
    )
    assert all(width >= 160 for width in tiles), tiles
    # the text column takes the screen
    widths = page.eval_on_selector_all(
        ".scholar-card .scholar-card__body",
        "bodies => bodies.map(b => b.getBoundingClientRect().width)",
    )
    assert min(widths) >= 300, min(widths)
    height = page.evaluate("document.documentElement.scrollHeight")
    print(f"publications page at 375px: {height}px (before: {PHONE_HEIGHT_BEFORE}px)")
    assert height <= 0.8 * PHONE_HEIGHT_BEFORE, height


def test_paper_page_heading_fits_a_phone(new_tab, server):
    tab = new_tab(phone=True)
    tab.goto(server.url("root", "publications/index.html"))
    # the longest title of the demo
    href = tab.page.evaluate(
        """() => [...document.querySelectorAll('.scholar-title a')]
          .sort((a, b) => b.textContent.length - a.textContent.length)[0].href"""
    )
    tab.page.goto(href, wait_until="load")
    heading = tab.page.locator("h1.scholar-paper__title").bounding_box()
    assert heading["x"] >= 0 and heading["x"] + heading["width"] <= PHONE["width"]
    assert heading["y"] + heading["height"] <= PHONE["height"] / 2, heading
    assert tab.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_text_column_stays_put_from_page_to_page(new_tab, server):
    """Pages with a table of contents (home) and without (publications, a paper page)
    start their text at the same place."""
    tab = new_tab()
    tab.goto(server.url("root", "publications/index.html"))
    paper = tab.page.locator(".scholar-title a").first.get_attribute("href")
    lefts = {}
    for path in ("index.html", "publications/index.html", f"publications/{paper}"):
        tab.goto(server.url("root", path))
        lefts[path] = round(tab.page.locator("article.bd-article").bounding_box()["x"])
    assert len(set(lefts.values())) == 1, lefts


def test_toggles_open_below_their_buttons_and_are_named_without_the_arrow(
    new_tab, server, build_root
):
    build_root("test-browser")
    tab = new_tab()
    tab.goto(server.url("test-browser", "publications/index.html"))
    page = tab.page
    card = page.locator("li.scholar-card:has(.scholar-toggle--abstract)").first
    summaries = card.locator("details.scholar-toggle > summary")
    expect(summaries.nth(0)).to_have_accessible_name("Abstract")
    expect(summaries.nth(1)).to_have_accessible_name("BibTeX")
    before = [s.bounding_box() for s in summaries.all()]
    summaries.nth(1).click()  # BibTeX
    summaries.nth(0).click()  # Abstract
    after = [s.bounding_box() for s in summaries.all()]
    assert after == before  # no button moved
    buttons_bottom = max(b["y"] + b["height"] for b in after)
    for panel in card.locator(".scholar-toggle__panel").all():
        assert panel.is_visible() and panel.bounding_box()["y"] >= buttons_bottom
    expect(summaries.nth(1)).to_have_accessible_name("BibTeX")
    summaries.nth(1).focus()
    page.keyboard.press("Enter")  # closes again by keyboard
    assert not card.locator(".scholar-toggle--bibtex .scholar-toggle__panel").is_visible()


def test_every_tile_shows_its_whole_name_inside_it(new_tab, server):
    """A tile is text laid out by the browser: its name lines (chosen in Python for a bold
    system font) must fit the 160 x 120 box in the fonts a browser really has."""
    tab = new_tab()
    tab.goto(server.url("root", "publications/index.html"))
    # tiles off screen are not laid out (content-visibility): lay them all out to measure
    tab.page.add_style_tag(content=".scholar-tile { content-visibility: visible; }")
    boxes = tab.page.eval_on_selector_all(
        ".scholar-tile",
        """tiles => tiles.map((t) => [t.textContent, t.getBoundingClientRect().width,
              t.getBoundingClientRect().height, t.scrollWidth, t.scrollHeight])""",
    )
    assert len(boxes) > 10, "the demo shows tiles"
    for name, width, height, scroll_width, scroll_height in boxes:
        assert (width, height) == (160, 120), name
        assert scroll_width <= width and scroll_height <= height, name
