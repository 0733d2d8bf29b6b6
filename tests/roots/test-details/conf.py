# Abstracts and BibTeX folded into short lists, linked to the paper pages from long ones.
project = "Details"
extensions = ["myst_parser", "sphinx_scholar"]
bibtex_bibfiles = ["refs.bib"]
scholar_owner = "Ada Lovelace"
scholar_details_threshold = 2  # a list of three is a long one here
suppress_warnings = ["scholar.indexing"]
templates_path: list[str] = []
html_static_path: list[str] = []
