"""axe-core on every page of every site (and a sample of paper pages), light and dark.

Every ``<details>`` is opened first, so what the toggles hide is checked as well.
"""

from __future__ import annotations

import pytest

from .browser_harness import SITES, axe_violations, describe_violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("mode", "phone"),
    [("light", False), ("dark", False), ("light", True)],
    ids=["light", "dark", "phone"],
)
@pytest.mark.parametrize("site", list(SITES))
def test_no_axe_violations(site, mode, phone, new_tab, server, site_pages, axe_source):
    """A phone's layout differs (icon-only buttons, the menu): checked at 375px too."""
    tab = new_tab(mode=mode, phone=phone)
    report = []
    for path in site_pages[site]:
        tab.goto(server.url(site, path))
        theme = tab.page.evaluate("document.documentElement.dataset.theme")
        assert theme == mode, f"{path}: data-theme is {theme!r}, not {mode!r}"
        # every toggle open, so the abstract and BibTeX panels and copy buttons are checked too
        tab.page.evaluate("for (const d of document.querySelectorAll('details')) d.open = true")
        violations = axe_violations(tab.page, axe_source)
        if violations:
            where = f"{site}/{path} ({mode}{', phone' if phone else ''})"
            report.append(f"{where}:\n{describe_violations(violations)}")
    assert not report, "axe-core violations:\n" + "\n".join(report)
