extensions = ["myst_parser", "sphinx_scholar"]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["refs.bib"]
html_static_path = ["_static"]
scholar_owner = "Ada Lovelace"
scholar_paper_pages = ""
html_theme = "pydata_sphinx_theme"
