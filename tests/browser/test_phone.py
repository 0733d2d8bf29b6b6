"""At 375x812 (an iPhone's width): no sideways scrolling, readable cards, a working menu."""

from __future__ import annotations

import pytest

from .browser_harness import PHONE, SITES

pytestmark = pytest.mark.browser

#: Below this, body text on a phone needs zooming (Lighthouse's legible-font-size rule uses 12px
#: for any text; a publication's title and authors are what a reader came for).
MIN_FONT_PX = 14

CARD_TEXT = """() => [...document.querySelectorAll(".scholar-card")]
  .filter((card) => card.offsetParent !== null)
  .map((card) => {
    const part = (selector) => {
      const el = card.querySelector(selector);
      if (!el) return null;
      const box = el.getBoundingClientRect();
      return { size: parseFloat(getComputedStyle(el).fontSize), left: box.left,
               right: box.right, width: box.width, height: box.height,
               visible: getComputedStyle(el).visibility === "visible" };
    };
    return { id: card.id, title: part(".scholar-title"), authors: part(".scholar-authors") };
  })"""


@pytest.mark.parametrize("site", list(SITES))
def test_no_page_scrolls_sideways(site, new_tab, server, site_pages):
    tab = new_tab(phone=True)
    wide = []
    for path in site_pages[site]:
        tab.goto(server.url(site, path))
        width = tab.page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            culprits = tab.page.evaluate(
                """(limit) => [...document.querySelectorAll("body *")]
                  .filter((el) => el.getBoundingClientRect().right > limit + 1
                                  && getComputedStyle(el).position !== "fixed")
                  .slice(-5).map((el) => el.tagName.toLowerCase() + "." + el.className)""",
                PHONE["width"],
            )
            wide.append(f"{site}/{path}: {width}px wide, e.g. {culprits}")
    assert not wide, "pages wider than the phone:\n" + "\n".join(wide)


@pytest.mark.parametrize("site", list(SITES))
def test_cards_stay_readable(site, new_tab, server, site_pages):
    tab = new_tab(phone=True)
    seen = 0
    problems = []
    for path in site_pages[site]:
        tab.goto(server.url(site, path))
        for card in tab.page.evaluate(CARD_TEXT):
            seen += 1
            for name in ("title", "authors"):
                part = card[name]
                where = f"{site}/{path}#{card['id']} {name}"
                if part is None:
                    if name == "title":
                        problems.append(f"{where}: missing")
                    continue
                if part["size"] < MIN_FONT_PX:
                    problems.append(f"{where}: {part['size']}px text")
                if not part["visible"] or part["width"] < 40 or part["height"] < 10:
                    problems.append(f"{where}: not visible ({part})")
                if part["left"] < 0 or part["right"] > PHONE["width"] + 0.5:
                    problems.append(f"{where}: outside the screen ({part})")
    assert seen, f"no publication card on any page of {site}"
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("site", list(SITES))
def test_the_menu_opens_and_leads_everywhere(site, new_tab, server):
    """The hamburger opens the site navigation: every header link, on screen, and working."""
    tab = new_tab(phone=True)
    tab.goto(server.url(site, "index.html"))
    page = tab.page
    header_links = page.eval_on_selector_all(
        ".navbar-header-items .bd-navbar-elements a", "links => links.map(a => a.href)"
    )
    toggle = page.locator("button.primary-toggle")
    assert toggle.is_visible(), "no menu button on a phone"
    dialog = page.locator("#pst-primary-sidebar-modal")
    assert dialog.evaluate("d => !d.open")
    toggle.click()
    dialog.wait_for(state="visible")
    page.evaluate("Promise.all(document.getAnimations().map((a) => a.finished))")
    assert dialog.evaluate("d => d.open")

    links = dialog.locator(".bd-navbar-elements a")
    hrefs = links.evaluate_all("links => links.map(a => a.href)")
    assert hrefs == header_links
    for i in range(links.count()):
        box = links.nth(i).bounding_box()
        assert links.nth(i).is_visible() and box is not None, hrefs[i]
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (hrefs[i], box)
    # the colour mode, which the header holds on a desktop, is in the menu too
    assert dialog.locator(".theme-switch-button").is_visible()

    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('pst-primary-sidebar-modal').open")
    if hrefs:
        toggle.click()
        dialog.wait_for(state="visible")
        page.evaluate("Promise.all(document.getAnimations().map((a) => a.finished))")
        links.first.click()
        page.wait_for_url(hrefs[0])
        assert page.locator("h1").first.is_visible()
    assert not tab.page_errors and not tab.console_errors
