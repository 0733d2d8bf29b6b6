# a site that uses sphinxcontrib-bibtex only; the tests add sphinx_scholar
extensions = ["sphinxcontrib.bibtex"]
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib"]
html_baseurl = "https://example.org/site/"
