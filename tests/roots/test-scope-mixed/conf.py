# a site that cites with sphinxcontrib-bibtex and shows a card and a paper role
extensions = ["sphinxcontrib.bibtex", "sphinx_scholar"]
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib"]
html_baseurl = "https://example.org/site/"
# lists of our own: pydata-sphinx-theme appends to these, and Sphinx's defaults are
# shared by every app of a test process
templates_path: list[str] = []
html_static_path: list[str] = []
