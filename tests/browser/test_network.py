"""Loading a page: only the local server asked, nothing missing, no icon font, a small
transfer, and nothing shifting as it arrives."""

from __future__ import annotations

import pytest

from .browser_harness import PHONE, SITES

pytestmark = pytest.mark.browser

#: The issue's budget for the home page, gzip served (a stock pydata-sphinx-theme
#: page transferred 252 KiB, 225 KB of it icon fonts).
HOME_BUDGET_KIB = 150


@pytest.mark.parametrize("site", list(SITES))
def test_pages_request_nothing_offsite_and_nothing_missing(site, new_tab, server, site_pages):
    problems = []
    tab = new_tab()
    for path in site_pages[site]:
        tab.forget()
        tab.goto(server.url(site, path))
        # lazy images load only when scrolled to: load them all, and wait for them
        tab.page.evaluate("for (const img of document.images) img.loading = 'eager'")
        tab.page.wait_for_function("[...document.images].every((img) => img.complete)")
        where = f"{site}/{path}"
        problems += [f"{where}: request to another origin: {url}" for url in tab.offsite]
        problems += [f"{where}: failed: {failure}" for failure in tab.failed]
        problems += [f"{where}: console error: {text}" for text in tab.console_errors]
        problems += [f"{where}: uncaught: {text}" for text in tab.page_errors]
        problems += [
            f"{where}: icon font: {url}"
            for url in tab.requests
            if "fontawesome" in url or url.split("?")[0].endswith((".woff", ".woff2", ".ttf"))
        ]
    assert not problems, "\n".join(problems)


def test_an_offsite_request_is_caught(new_tab, server):
    """The recording above can fail: a page that loads an image from elsewhere is seen."""
    tab = new_tab()
    tab.goto(server.url("root", "index.html"))
    tab.page.evaluate(
        "() => new Promise((done) => { const img = new Image();"
        " img.onload = img.onerror = done; img.src = 'https://cdn.example.org/x.png'; })"
    )
    assert tab.offsite == ["https://cdn.example.org/x.png"]


@pytest.mark.parametrize("site", list(SITES))
def test_home_page_transfers_within_budget(site, new_tab, server):
    """Everything the home page loads, as compressed bytes on the wire."""
    tab = new_tab()
    responses = []
    tab.page.on("requestfinished", lambda request: responses.append(request))
    tab.goto(server.url(site, "index.html"))
    tab.page.wait_for_load_state("networkidle")
    total = 0
    for request in responses:
        sizes = request.sizes()
        total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    encodings = {
        r.url.split("?")[0].rsplit("/", 1)[-1]: (r.response().headers.get("content-encoding"))
        for r in responses
        if r.url.endswith((".css", ".js")) or ".css?" in r.url or ".js?" in r.url
    }
    assert encodings and all(e == "gzip" for e in encodings.values()), encodings
    assert total <= HOME_BUDGET_KIB * 1024, (
        f"{site}/index.html transfers {total / 1024:.1f} KiB (budget {HOME_BUDGET_KIB} KiB): "
        + ", ".join(f"{r.url.rsplit('/', 1)[-1]}" for r in responses)
    )


#: Layout shift scores summed over the load (Lighthouse's CLS counts 0.1 as "good").
MAX_LAYOUT_SHIFT = 0.02
RECORD_SHIFTS = """window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shifts.push({
    value: entry.value,
    nodes: entry.sources.map((s) => s.node && (s.node.id || s.node.className || s.node.nodeName)),
  });
}).observe({ type: "layout-shift", buffered: true });"""


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
@pytest.mark.parametrize("site", list(SITES))
def test_nothing_shifts_while_the_page_loads(site, phone, new_tab, server, built_sites):
    """Boxes that scripts reveal, and the sidebar that comes after a long article, keep
    their place from the first paint (scholar-theme.css)."""
    tab = new_tab(phone=phone)
    tab.page.context.add_init_script(RECORD_SHIFTS)
    if not phone:  # wide enough for the secondary sidebar to be in the flow
        tab.page.set_viewport_size({"width": 1350, "height": PHONE["height"]})
    report = []
    for path in ("index.html", "publications/index.html"):
        if not (built_sites[site] / path).is_file():
            continue
        tab.goto(server.url(site, path))
        tab.page.wait_for_timeout(300)
        shifts = tab.page.evaluate("window.__shifts")
        total = sum(s["value"] for s in shifts)
        if total > MAX_LAYOUT_SHIFT:
            report.append(f"{site}/{path}: layout shift {total:.3f}: {shifts}")
    assert not report, "\n".join(report)


#: Open every toggle a reader can open, then scroll to the end in steps and back up part
#: of the way (pydata-sphinx-theme shows "Back to top" while a reader scrolls up, below
#: the header). Returns whether the page was long enough for the button to show.
SCROLL_AND_OPEN = """async () => {
  const pause = () => new Promise((done) => setTimeout(done, 60));
  for (const details of document.querySelectorAll("details")) details.open = true;
  for (const button of document.querySelectorAll(
    ".primary-toggle, .secondary-toggle, .theme-switch-button, .search-button, "
    + ".scholar-card button, summary")) {
    try { button.click(); } catch (e) {}
    await pause();
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    for (const dialog of document.querySelectorAll("dialog[open]")) dialog.close();
  }
  const end = document.documentElement.scrollHeight - innerHeight;
  for (let y = 0; y <= end; y += 400) { window.scrollTo(0, y); await pause(); }
  window.scrollTo(0, end); await pause();
  const header = document.querySelector(".bd-header").getBoundingClientRect().height;
  const stop = Math.max(end / 2, header + 50);
  for (let y = end - 100; y >= stop; y -= 100) { window.scrollTo(0, y); await pause(); }
  await pause();
  return end > header + 200;
}"""
#: Every element and pseudo-element whose font family is the icon font, rendered or not.
ICON_FONT_USERS = """() => {
  const users = [];
  for (const el of document.querySelectorAll("*")) {
    for (const pseudo of [null, "::before", "::after"]) {
      const style = getComputedStyle(el, pseudo);
      if (pseudo && (style.content === "none" || style.content === "normal")) continue;
      if (/font awesome/i.test(style.fontFamily))
        users.push((el.id || el.className || el.nodeName) + (pseudo || ""));
    }
  }
  return users;
}"""


@pytest.mark.parametrize("site", list(SITES))
def test_scrolling_and_toggles_load_no_icon_font(site, new_tab, server, built_sites):
    """Loading a page is not all: "Back to top" appears when a reader scrolls up, toggles
    reveal more icons. None of them may make the browser fetch the icon font."""
    tab = new_tab()
    tab.page.set_viewport_size({"width": 1350, "height": PHONE["height"]})
    problems = []
    for path in ("index.html", "publications/index.html"):
        if not (built_sites[site] / path).is_file():
            continue
        tab.forget()
        tab.goto(server.url(site, path))
        long_page = tab.page.evaluate(SCROLL_AND_OPEN)
        tab.page.wait_for_load_state("networkidle")
        back = tab.page.locator("#pst-back-to-top")
        if long_page and back.count():  # the case that loaded the font: the button shown
            assert back.evaluate("(el) => getComputedStyle(el).display") != "none", path
        problems += [
            f"{site}/{path}: icon font: {url}"
            for url in tab.requests
            if "fontawesome" in url or url.split("?")[0].endswith((".woff", ".woff2", ".ttf"))
        ]
        problems += [
            f"{site}/{path}: in the icon font: {u}" for u in tab.page.evaluate(ICON_FONT_USERS)
        ]
    assert not problems, "\n".join(problems)
