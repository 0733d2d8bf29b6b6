"""Every builder Read the Docs and users run completes on a full scholar site.

The root (tests/roots/test-builders) has cards, paper pages, components, a profile and
``html_baseurl`` (feeds and sitemap on). The epub builder has its own theme, which
lacks the pydata-sphinx-theme templates our overrides use; the single-page builder
gives every document as a fragment of one page.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import warnings_of

BUILDERS = ["epub", "dirhtml", "singlehtml", "latex", "text", "man"]


@pytest.fixture
def rootdir_copy(rootdir: Path, tmp_path: Path) -> Path:
    import shutil

    shutil.copytree(rootdir / "test-builders", tmp_path / "src" / "test-builders")
    return tmp_path / "src"


def build(make_app, root: Path, builder: str):

    app = make_app(builder, srcdir=root / "test-builders")
    app.build()
    return app


@pytest.mark.parametrize("builder", BUILDERS)
def test_builder_completes_without_warnings(make_app, rootdir_copy: Path, builder: str) -> None:
    app = build(make_app, rootdir_copy, builder)
    assert warnings_of(app) == ""
    out = Path(app.outdir)
    assert any(out.iterdir())


def test_html_build_is_the_baseline(make_app, rootdir_copy: Path) -> None:
    """The html build of the root warns nothing either, so no builder may add a warning."""
    app = build(make_app, rootdir_copy, "html")
    assert warnings_of(app) == ""
    assert (Path(app.outdir) / "papers.xml").is_file()


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def card_titles(soup: BeautifulSoup) -> list[str]:
    return [
        card.select_one(".scholar-title").get_text(" ", strip=True)
        for card in soup.select(".scholar-card")
    ]


def local_target(page: Path, href: str, out: Path) -> tuple[Path, str] | None:
    """The file and fragment a relative link of *page* points at, or None when external."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("mailto:"):
        return None
    target = page if not parts.path else (page.parent / unquote(parts.path))
    if target.is_dir():
        target = target / "index.html"
    return target.resolve(), unquote(parts.fragment)


def test_dirhtml_cards_and_links_resolve(make_app, rootdir_copy: Path) -> None:
    app = build(make_app, rootdir_copy, "dirhtml")
    out = Path(app.outdir)
    pubs = soup_of(out / "pubs" / "index.html")
    assert card_titles(pubs) == [
        "Notes on the Analytical Engine",
        "On the Mathematical Powers of the Calculating Engine",
    ]
    # each card's title goes to its paper page, which exists
    for card in pubs.select(".scholar-card"):
        href = card.select_one(".scholar-title a")["href"]
        target, _ = local_target(out / "pubs" / "index.html", href, out)
        assert target.is_file() and target.parent.parent.name == "publications"
    # every local link and asset of every page (paper pages too) resolves, fragments included
    for page in (p for p in out.rglob("*.html") if "_static" not in p.parts):
        soup = soup_of(page)
        for tag, attr in (("a", "href"), ("link", "href"), ("img", "src"), ("script", "src")):
            for element in soup.find_all(tag, attrs={attr: True}):
                found = local_target(page, element[attr], out)
                if found is None:
                    continue
                target, fragment = found
                assert target.exists(), (page, element[attr])
                if fragment and target.suffix == ".html":
                    assert soup_of(target).find(id=fragment), (page, element[attr])


def test_singlehtml_cards_and_links_resolve(make_app, rootdir_copy: Path) -> None:
    app = build(make_app, rootdir_copy, "singlehtml")
    soup = soup_of(Path(app.outdir) / "index.html")
    assert card_titles(soup) == [
        "Notes on the Analytical Engine",
        "On the Mathematical Powers of the Calculating Engine",
    ]
    # every in-page link names an id of the page (was "#document-pubs#key": two fragments)
    internal = [a["href"] for a in soup.find_all("a", href=True) if a["href"].startswith("#")]
    internal = [href for href in internal if href != "#"]  # the theme's "top of this page"
    assert "#babbage1837engine" in internal
    for href in internal:
        assert href.count("#") == 1 and soup.find(id=unquote(href[1:])), href


def test_epub_pages_have_the_cards(make_app, rootdir_copy: Path) -> None:
    app = build(make_app, rootdir_copy, "epub")
    out = Path(app.outdir)
    assert (out / "AdaLovelace.epub").is_file()
    pubs = BeautifulSoup((out / "pubs.xhtml").read_text(encoding="utf-8"), "lxml")
    assert card_titles(pubs) == [
        "Notes on the Analytical Engine",
        "On the Mathematical Powers of the Calculating Engine",
    ]


@pytest.mark.parametrize(
    ("builder", "output"), [("text", "pubs.txt"), ("latex", "site.tex"), ("man", "site.1")]
)
def test_text_builders_have_every_card(make_app, rootdir_copy: Path, builder, output) -> None:
    app = build(make_app, rootdir_copy, builder)
    text = " ".join((Path(app.outdir) / output).read_text(encoding="utf-8").split())
    for title in (
        "Notes on the Analytical Engine",
        "On the Mathematical Powers of the Calculating Engine",
    ):
        assert title in text


@pytest.mark.parametrize("builder", ["html", "dirhtml", "latex", "text"])
def test_post_transforms_before_the_lists_see_html_pages_without_cards(
    make_app, rootdir_copy: Path, builder: str
) -> None:
    """HTML pages get their cards just before MyST's heading slugs (transforms.py): the
    post-transforms before (sphinx-design's, the theme's, code and images) walk a page
    of one node per list, not thousands of cards. Other builders get the plain lists
    early: their own post-transforms (LaTeX's URL footnotes) see the lists' links."""
    from sphinx.transforms.post_transforms import SphinxPostTransform

    from sphinx_scholar.sphinx_ext.nodes import publication_card, publication_query

    seen: dict[str, list[int]] = {"queries": [], "cards": []}

    class Count(SphinxPostTransform):
        default_priority = 400  # LaTeX's ShowUrlsTransform's, the theme's short links'

        def run(self, **kwargs) -> None:
            seen["queries"].append(len(list(self.document.findall(publication_query))))
            seen["cards"].append(len(list(self.document.findall(publication_card))))

    app = make_app(builder, srcdir=rootdir_copy / "test-builders")
    app.add_post_transform(Count)
    app.build()
    assert warnings_of(app) == ""
    if builder in ("html", "dirhtml"):
        assert sum(seen["queries"]) > 0 and sum(seen["cards"]) == 0
    else:
        assert sum(seen["queries"]) == 0 and sum(seen["cards"]) == 0  # already plain lists
