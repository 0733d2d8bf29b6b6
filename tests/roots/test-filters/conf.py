# Filters and folded author lists: kinds, years, tags and awards to choose from, a
# long author list with the owner deep inside, a short one that must not fold.
project = "Filters"
html_theme = "pydata_sphinx_theme"
extensions = ["myst_parser", "sphinx_scholar"]
bibtex_bibfiles = ["refs.bib"]
scholar_owner = "Ada Lovelace"
suppress_warnings = ["scholar.indexing"]
