"""A small scholar site with every kind of output on: cards, paper pages, components, feeds
and sitemap (html_baseurl). Built with every builder in tests/test_builders.py."""

project = "Ada Lovelace"
extensions = ["myst_parser", "sphinx_scholar"]
html_theme = "pydata_sphinx_theme"
html_baseurl = "https://example.org/"
html_static_path = ["_static"]
bibtex_bibfiles = ["refs.bib"]
scholar_owner = ["Ada Lovelace"]
scholar_people = {"Charles Babbage": "https://example.org/babbage"}
scholar_profile = {
    "name": "Ada Lovelace",
    "title": "Analyst",
    "affiliation": "Analytical Society",
    "email": "ada@example.org",
    "photo": "_static/engine.svg",
    "links": {"GitHub": "https://github.com/ada"},
}
suppress_warnings = ["scholar.indexing"]  # no abstracts here on purpose
latex_documents = [("index", "site.tex", "Ada Lovelace", "Ada Lovelace", "manual")]
man_pages = [("index", "site", "Ada Lovelace", ["Ada Lovelace"], 1)]
version = "1"
copyright = "1843, Ada Lovelace"
