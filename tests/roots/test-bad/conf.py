extensions = ["myst_parser", "sphinx_scholar"]
bibtex_bibfiles = ["refs.bib", "latin1.bib"]
scholar_owner = "Grace Hopper"
html_static_path = ["_static"]
scholar_paper_pages = ""
