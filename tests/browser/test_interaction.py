"""The publication filter, the dark-mode switch, and search, as a reader uses them."""

from __future__ import annotations

import re

import pytest

from .browser_harness import SITES

pytestmark = pytest.mark.browser

VISIBLE_CARDS = """(list) => [...list.querySelectorAll(".scholar-card")]
  .filter((card) => card.offsetParent !== null).map((card) => card.id)"""

#: Relative luminance of the page background (0 black .. 1 white).
BACKGROUND_LUMINANCE = """() => {
  const [r, g, b] = getComputedStyle(document.body).backgroundColor
    .match(/[\\d.]+/g).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}"""


def filter_lists(tab, server, site_pages, sites) -> list[tuple[str, str]]:
    """(site, page) of every publication list that has a filter box."""
    found = []
    for site in sites:
        for path in site_pages[site]:
            tab.goto(server.url(site, path))
            if tab.page.locator(".scholar-publications .scholar-filter").count():
                found.append((site, path))
    return found


def test_the_filter_box_narrows_the_list(new_tab, server, site_pages):
    tab = new_tab()
    lists = filter_lists(tab, server, site_pages, list(SITES))
    assert lists, "no publication list with a filter box on either site"
    for site, path in lists:
        tab.goto(server.url(site, path))
        page = tab.page
        publications = page.locator(".scholar-publications:has(.scholar-filter)").first
        box = publications.locator(".scholar-filter")
        assert box.is_visible(), f"{site}/{path}: the filter box stays hidden"
        everything = publications.evaluate(VISIBLE_CARDS)
        # what the card shows: not its folded abstract and BibTeX
        texts = publications.locator(".scholar-card").evaluate_all(
            """cards => cards.map((c) => {
              const copy = c.cloneNode(true);
              copy.querySelectorAll("details, button").forEach((el) => el.remove());
              return [c.id, copy.textContent.toLowerCase()];
            })"""
        )
        # a word of the first title that some cards have and others do not
        title = publications.locator(".scholar-card .scholar-title").first.inner_text()
        words = sorted(set(re.findall(r"[a-z]{5,}", title.lower())), key=len, reverse=True)
        word = next(w for w in words if 0 < sum(w in t for _, t in texts) < len(texts))
        expected = [card for card, text in texts if word in text]

        box.locator('input[name="q"]').fill(word)
        page.wait_for_function(
            "([list, n]) => [...list.querySelectorAll('.scholar-card')]"
            ".filter(c => c.offsetParent !== null).length === n",
            arg=[publications.element_handle(), len(expected)],
        )
        shown = publications.evaluate(VISIBLE_CARDS)
        assert shown == expected and 0 < len(shown) < len(everything), (site, path, word)
        count = box.locator("output").inner_text()
        assert f"{len(expected)} of {len(everything)}" in count

        box.locator('input[name="q"]').fill("")
        page.wait_for_function(
            "([list, n]) => [...list.querySelectorAll('.scholar-card')]"
            ".filter(c => c.offsetParent !== null).length === n",
            arg=[publications.element_handle(), len(everything)],
        )
    assert not tab.page_errors and not tab.console_errors


@pytest.mark.parametrize("site", list(SITES))
def test_dark_mode_switch_works_and_persists(site, new_tab, server):
    tab = new_tab(mode=None)  # nothing stored: the theme follows the system (light here)
    tab.goto(server.url(site, "index.html"))
    page = tab.page
    assert page.evaluate("document.documentElement.dataset.theme") == "light"
    light = page.evaluate(BACKGROUND_LUMINANCE)

    page.locator(".navbar-header-items .theme-switch-button").click()
    choice = page.locator(".navbar-header-items .theme-change-button[data-mode='dark']")
    choice.wait_for(state="visible")
    choice.click()
    page.wait_for_function("document.documentElement.dataset.theme === 'dark'")
    page.evaluate("Promise.all(document.getAnimations().map((a) => a.finished))")
    dark = page.evaluate(BACKGROUND_LUMINANCE)
    assert dark < 0.1 < light, (dark, light)

    page.reload(wait_until="load")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert page.evaluate(BACKGROUND_LUMINANCE) == pytest.approx(dark)
    assert page.evaluate("localStorage.getItem('mode')") == "dark"
    # and on another page of the site
    page.goto(server.url(site, "search.html"), wait_until="load")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert not tab.page_errors and not tab.console_errors


@pytest.mark.parametrize("site", list(SITES))
def test_search_finds_a_page(site, new_tab, server, built_sites):
    """Sphinx's search runs with its scripts deferred (theme.py) and finds the home page."""
    tab = new_tab()
    tab.goto(server.url(site, "index.html"))
    title = tab.page.locator("article h1").first.inner_text()
    word = max(re.findall(r"\w{3,}", title), key=len)
    tab.goto(server.url(site, f"search.html?q={word}"))
    results = tab.page.locator("#search-results li")
    results.first.wait_for(timeout=10_000)
    assert results.count() >= 1
    assert not tab.page_errors and not tab.console_errors
