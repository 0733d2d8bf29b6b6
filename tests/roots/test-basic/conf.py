extensions = ["myst_parser", "sphinx_scholar"]
bibtex_bibfiles = ["refs.bib"]
scholar_owner = ["Ada Lovelace", "A. Lovelace"]
scholar_people = {
    "Charles Babbage": "https://example.org/babbage",
    "Mary Somerville": {"url": "https://example.org/somerville", "aliases": ["M. Somerville"]},
}
html_static_path = ["_static"]
suppress_warnings = ["scholar.indexing"]  # these entries have no abstract on purpose
