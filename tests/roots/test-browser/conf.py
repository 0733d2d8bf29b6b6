# For the browser tests (tests/browser/): cards with abstracts, which neither demo site's
# bib has, and enough of them (12 > scholar_filter_threshold) for the filter box.
project = "Browser checks"
extensions = ["myst_parser", "sphinx_scholar"]
html_theme = "pydata_sphinx_theme"
html_title = "Browser checks"
bibtex_bibfiles = ["refs.bib"]
scholar_owner = "Ada Lovelace"
scholar_people = {"Charles Babbage": "https://example.org/babbage"}
