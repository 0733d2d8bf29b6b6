extensions = ["myst_parser", "sphinx_scholar"]
bibtex_bibfiles = ["refs.bib"]
html_baseurl = "https://example.org/"
scholar_owner = ["Ada Lovelace"]
scholar_venues = {
    "RS": {"url": "https://royalsociety.org/", "name": "Royal Society", "color": "#1a237e"},
    "SM": "https://example.org/memoirs",
    "BAD": {"url": "javascript:alert(1)", "color": "red"},
}
exclude_patterns = ["_build"]
suppress_warnings = ["scholar.indexing"]
