"""tests/roots/test-xss (a payload in every bib field) in a real browser: nothing runs.

The payloads call ``alert()``: a dialog would mean a script from the bib ran. Beyond
that, the DOM is checked after the page's own scripts ran and every toggle was opened
and every badge hovered: no inline event handler, no ``javascript:``-like link, no
element the bib smuggled in (a ``<script>``, ``<iframe>`` or ``<img src=x>``).
"""

from __future__ import annotations

import pytest

from .browser_harness import html_pages

pytestmark = pytest.mark.browser

ROOT = "test-xss"

#: The DOM after the page's scripts ran: what a payload would have left behind.
TRACES = """() => {
  const traces = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith("on")) traces.push(`${el.tagName} ${attr.name}=${attr.value}`);
    }
  }
  for (const a of document.querySelectorAll("a[href], area[href]")) {
    if (!["http:", "https:", "mailto:"].includes(a.protocol)) traces.push(`link ${a.href}`);
  }
  const smuggled = "iframe, object, embed, frame, form[action^='javascript']";
  for (const el of document.querySelectorAll(smuggled)) traces.push(el.outerHTML.slice(0, 120));
  for (const s of document.scripts) {
    if (/(alert|msgbox)\\s*\\(/.test(s.textContent) && s.type !== "application/ld+json")
      traces.push("script " + s.textContent.slice(0, 120));
  }
  for (const img of document.images) {
    if (/\\/x$/.test(new URL(img.src, location.href).pathname)) traces.push("img " + img.src);
  }
  return traces;
}"""


@pytest.fixture(scope="module")
def xss_site(build_root):
    # not -W: a hostile bib warns, by design (tests/test_xss.py checks those warnings)
    return build_root(ROOT, strict=False)


def test_no_script_from_the_bib_runs(xss_site, new_tab, server):
    pages = html_pages(xss_site)
    assert "index.html" in pages and len(pages) > 3
    tab = new_tab()
    page = tab.page
    problems = []
    cards = 0
    for path in pages:
        tab.forget()
        tab.goto(server.url(ROOT, path))
        cards += page.locator(".scholar-card, .scholar-paper").count()
        # everything a reader can open or point at
        for summary in page.locator("details > summary").all():
            if summary.is_visible():
                summary.click()
        page.evaluate("for (const d of document.querySelectorAll('details')) d.open = true")
        for badge in page.locator(".scholar-badge, .scholar-title, .scholar-authors a").all():
            if badge.is_visible():
                badge.hover()
        page.wait_for_timeout(50)
        where = f"{ROOT}/{path}"
        problems += [f"{where}: dialog {d}" for d in tab.dialogs]
        problems += [f"{where}: uncaught {e}" for e in tab.page_errors]
        if page.evaluate("typeof window.__pwned !== 'undefined'"):
            problems.append(f"{where}: window.__pwned is set")
        problems += [f"{where}: {trace}" for trace in page.evaluate(TRACES)]
        problems += [f"{where}: requested {url}" for url in tab.requests if url.endswith("/x")]
        problems += [f"{where}: offsite {url}" for url in tab.offsite]
    assert cards, "the hostile site shows no card: nothing was tested"
    assert not problems, "\n".join(problems)


def test_a_payload_that_runs_is_caught(xss_site, new_tab, server):
    """The checks above can fail: a script that slips through is seen."""
    tab = new_tab()
    tab.goto(server.url(ROOT, "index.html"))
    tab.page.evaluate(
        """() => { document.body.insertAdjacentHTML("beforeend",
             '<img src="x" onerror="alert(1)"><a href="javascript:void 0">j</a>'); }"""
    )
    tab.page.wait_for_function("() => [...document.images].every((img) => img.complete)")
    tab.page.wait_for_timeout(100)
    assert tab.dialogs == ["alert: 1"]
    traces = tab.page.evaluate(TRACES)
    assert any("onerror" in t for t in traces) and any("javascript:" in t for t in traces)
