"""With the keyboard alone: reach and open the abstract and BibTeX toggles, copy the BibTeX."""

from __future__ import annotations

import pytest

from .browser_harness import SITES

pytestmark = pytest.mark.browser

#: Tab presses allowed to reach a control (the navigation and a few cards come first).
MAX_TABS = 400

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow !== "none" && style.boxShadow !== "";
  const card = el.closest(".scholar-card");
  return {
    tag: el.tagName.toLowerCase(), classes: el.className && String(el.className),
    text: (el.textContent || el.getAttribute("aria-label") || "").trim().slice(0, 40),
    focusVisible: el.matches(":focus-visible"), indicator: outline || shadow,
    outline: style.outlineStyle + " " + style.outlineWidth, shadow: style.boxShadow,
    card: card ? card.id : null,
    toggle: el.matches("summary") && el.parentElement.matches(".scholar-toggle--abstract")
      ? "abstract" : el.matches("summary") && el.parentElement.matches(".scholar-toggle--bibtex")
      ? "bibtex" : el.matches(".scholar-copy") ? "copy" : null,
  };
}"""


def tab_until(page, wanted, limit: int = MAX_TABS) -> list[dict]:
    """Press Tab until ``wanted(focused)``; every element focused on the way, in order."""
    path = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:
            continue
        path.append(focused)
        if wanted(focused):
            return path
    raise AssertionError(
        f"not reached in {limit} Tab presses; focused: {[f['text'] for f in path[-8:]]}"
    )


def first_card_with(page, kind: str) -> str | None:
    return page.evaluate(
        "(kind) => document.querySelector(`.scholar-card:has(.scholar-toggle--${kind})`)"
        "?.id ?? null",
        kind,
    )


def find_toggle(tab, server, site_pages, sites, kind: str) -> tuple[str, str, str]:
    """The first (site, page, card id) with a *kind* toggle, publication lists first."""
    for site in sites:
        pages = sorted(site_pages[site], key=lambda p: "publications/index.html" not in p)
        for path in pages:
            tab.goto(server.url(site, path))
            card = first_card_with(tab.page, kind)
            if card:
                return site, path, card
    raise LookupError(f"no card with a {kind} toggle on any page of {sites}")


@pytest.mark.parametrize("site", list(SITES))
def test_bibtex_toggle_works_from_the_keyboard_and_copies(site, new_tab, server, site_pages):
    tab = new_tab(clipboard=True)
    _, _, card = find_toggle(tab, server, site_pages, [site], "bibtex")
    page = tab.page
    details = page.locator(f"[id='{card}'] .scholar-toggle--bibtex")

    # Tab reaches the toggle, the focus showing on every control on the way; Space opens it.
    steps = tab_until(page, lambda f: f["card"] == card and f["toggle"] == "bibtex")
    unseen = [f for f in steps if not (f["focusVisible"] and f["indicator"])]
    assert not unseen, f"focus not visible on: {unseen}"
    page.keyboard.press("Space")
    assert details.evaluate("d => d.open")
    bibtex = details.locator("code").inner_text()
    assert bibtex.lstrip().startswith("@")

    # The copy button comes next; Enter puts the BibTeX on the clipboard.
    steps = tab_until(page, lambda f: f["toggle"] == "copy", limit=5)
    assert steps[-1]["card"] == card and steps[-1]["focusVisible"] and steps[-1]["indicator"]
    page.keyboard.press("Enter")
    page.wait_for_function("() => navigator.clipboard.readText().then((t) => t.length > 0)")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied.strip() == bibtex.strip()

    # Shift+Tab goes back to the toggle; Enter closes it.
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(FOCUSED)["toggle"] == "bibtex"
    page.keyboard.press("Enter")
    assert details.evaluate("d => !d.open")
    assert not tab.page_errors and not tab.console_errors


def test_abstract_toggle_works_from_the_keyboard(new_tab, server, site_pages, build_root):
    """On the demo sites' first abstract; their bibs have none yet, so else on a test root."""
    tab = new_tab()
    try:
        _, _, card = find_toggle(tab, server, site_pages, list(site_pages), "abstract")
    except LookupError:
        build_root("test-browser")
        pages = {"test-browser": ["publications/index.html"]}
        _, _, card = find_toggle(tab, server, pages, ["test-browser"], "abstract")
    page = tab.page
    details = page.locator(f"[id='{card}'] .scholar-toggle--abstract")
    steps = tab_until(page, lambda f: f["card"] == card and f["toggle"] == "abstract")
    unseen = [f for f in steps if not (f["focusVisible"] and f["indicator"])]
    assert not unseen, f"focus not visible on: {unseen}"
    page.keyboard.press("Enter")
    assert details.evaluate("d => d.open")
    assert details.locator(".scholar-toggle__panel").is_visible()
    page.keyboard.press("Space")
    assert details.evaluate("d => !d.open")
    assert not details.locator(".scholar-toggle__panel").is_visible()
    assert not tab.page_errors and not tab.console_errors


@pytest.mark.parametrize("site", list(SITES))
def test_focus_is_visible_on_every_control(site, new_tab, server):
    """Every control Tab reaches on the home page shows where the focus is."""
    tab = new_tab()
    tab.goto(server.url(site, "index.html"))
    page = tab.page
    seen: list[dict] = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or (seen and focused == seen[0]):
            break  # back to the start: every control seen
        seen.append(focused)
    assert len(seen) > 5
    invisible = [f for f in seen if not (f["focusVisible"] and f["indicator"])]
    assert not invisible, "no visible focus on:\n" + "\n".join(map(str, invisible))
