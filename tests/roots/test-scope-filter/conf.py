# a site that uses sphinxcontrib-bibtex only; the tests add sphinx_scholar
extensions = ["sphinxcontrib.bibtex"]
exclude_patterns = ["_build"]
bibtex_bibfiles = ["articles.bib", "misc.bib"]
html_baseurl = "https://example.org/site/"
# lists of our own: pydata-sphinx-theme appends to these, and Sphinx's defaults are
# shared by every app of a test process
templates_path: list[str] = []
html_static_path: list[str] = []
