"""What a visitor downloads for one search: Sphinx's search page against Pagefind.

    PYTHONPATH=src python bench/search_bytes.py SITE_HTML [PAGEFIND_SITE] [QUERIES]

SITE_HTML is a built site (the demo, or ``bench/generate.py 5000 ... --site A`` built);
PAGEFIND_SITE is a copy of it after ``pagefind --site`` ("-" to skip); QUERIES are
comma-separated words. The site is served with gzip (tests/browser/browser_harness.py),
so the bytes are what travels. For Sphinx: the search page with everything it loads,
including the result pages its searchtools.js fetches for the summaries. For Pagefind:
its script and WebAssembly, the index chunks of the query and the first five results.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright

from tests.browser.browser_harness import launch, serve

DONE = """() => {
  const p = document.querySelector("#search-results p.search-summary, #search-results > p");
  return p && /found|did not match/i.test(p.textContent);
}"""
PAGEFIND = """async (query) => {
  const pagefind = await import("./pagefind/pagefind.js");
  const found = await pagefind.search(query);
  await Promise.all(found.results.slice(0, 5).map((result) => result.data()));
  return found.results.length;
}"""


def transferred(requests: list) -> list[tuple[str, int]]:
    out = []
    for request in requests:
        sizes = request.sizes()
        out.append((request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"]))
    return out


def main() -> None:
    site = Path(sys.argv[1])
    pagefind = Path(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2] != "-" else None
    queries = sys.argv[3].split(",") if len(sys.argv) > 3 else ["lovelace"]
    roots = {"sphinx": site, **({"pagefind": pagefind} if pagefind else {})}
    with serve(roots) as server, sync_playwright() as playwright:
        browser = launch(playwright)
        for query in queries:
            context = browser.new_context()
            page = context.new_page()
            requests: list = []
            page.on("requestfinished", lambda request, seen=requests: seen.append(request))
            page.goto(server.url("sphinx", f"search.html?q={query}"), wait_until="load")
            page.wait_for_function(DONE, timeout=120_000)
            page.wait_for_timeout(1500)  # the summaries' fetches
            got = transferred(requests)
            search = sum(
                n
                for url, n in got
                if any(k in url for k in ("searchindex", "searchtools", "language_data"))
            )
            summaries = sum(
                n for url, n in got if url.endswith(".html") and "search.html" not in url
            )
            print(
                f"sphinx   {query}: {sum(n for _, n in got) / 1024:.0f} KiB in all, "
                f"index and scripts {search / 1024:.0f} KiB, "
                f"result pages for summaries {summaries / 1024:.0f} KiB"
            )
            context.close()
            if pagefind:
                context = browser.new_context()
                page = context.new_page()
                page.goto(server.url("pagefind", "index.html"), wait_until="load")
                requests = []
                page.on("requestfinished", lambda request, seen=requests: seen.append(request))
                results = page.evaluate(PAGEFIND, query)
                page.wait_for_timeout(500)
                got = transferred(requests)
                print(
                    f"pagefind {query}: {sum(n for _, n in got) / 1024:.0f} KiB "
                    f"({len(got)} requests, {results} results)"
                )
                context.close()
        browser.close()


if __name__ == "__main__":
    main()
