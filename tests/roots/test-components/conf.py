extensions = ["myst_parser", "sphinx_scholar"]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["refs.bib"]
html_static_path = ["_static"]
scholar_owner = ["Ada Lovelace"]
scholar_people = {"Charles Babbage": "https://example.org/babbage"}
scholar_profile = {
    "name": "Ada Lovelace",
    "title": "Analyst <Engines>",
    "affiliation": "Analytical Society & Co",
    "affiliation_url": "https://example.org/society",
    "email": "ada@example.org",
    "photo": "_static/logos/engine.svg",
    "links": {"GitHub": "https://github.com/ada", "CV": "_static/logos/engine.svg"},
}
scholar_paper_pages = ""  # cards only: paper pages are tested elsewhere
html_theme = "pydata_sphinx_theme"
