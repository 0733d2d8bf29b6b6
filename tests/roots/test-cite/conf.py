extensions = ["myst_parser", "sphinx_scholar"]
bibtex_bibfiles = ["refs.bib"]
suppress_warnings = ["scholar.indexing"]
