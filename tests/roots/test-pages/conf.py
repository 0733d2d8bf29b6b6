"""A small site with paper pages, a profile, news (through a local test directive) and SEO."""

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

project = "Ada Lovelace"
html_title = "Ada Lovelace"
extensions = ["myst_parser", "sphinx_scholar", "sphinxext.opengraph"]
html_theme = "pydata_sphinx_theme"
html_baseurl = "https://example.org/"
html_static_path = ["_static"]
bibtex_bibfiles = ["refs.bib"]
scholar_owner = ["Ada Lovelace", "A. Lovelace"]
scholar_people = {"Charles Babbage": "https://example.org/babbage"}
scholar_profile = {
    "name": "Ada Lovelace",
    "title": "Analyst",
    "affiliation": "Analytical Society",
    "email": "ada@example.org",
    "photo": "_static/ada.png",
    "links": {"GitHub": "https://github.com/ada", "Scholar": "https://scholar.google.com/ada"},
}
ogp_social_cards = {"enable": False}


class TestNews(SphinxDirective):
    """``date | text`` lines, each stored as a NewsItem (stands in for the real news directive)."""

    has_content = True

    def run(self):
        from sphinx_scholar.sphinx_ext.domain import get_domain
        from sphinx_scholar.core.records import NewsItem, Source

        out = nodes.bullet_list()
        for offset, line in enumerate(self.content):
            date, _, text = (part.strip() for part in line.partition("|"))
            anchor = f"news-{date}"
            source = Source(str(self.env.doc2path(self.env.docname)), self.lineno + offset + 1)
            item = NewsItem(date, text, self.env.docname, anchor, source)
            get_domain(self.env).add("news", self.env.docname, item)
            entry = nodes.list_item(ids=[anchor])
            entry += nodes.paragraph(text=f"{date}: {text}")
            out += entry
        return [out]


def setup(app):
    app.add_directive("testnews", TestNews)
