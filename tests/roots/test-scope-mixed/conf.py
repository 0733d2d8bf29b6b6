# a site that cites with sphinxcontrib-bibtex and shows a card and a paper role
extensions = ["sphinxcontrib.bibtex", "sphinx_scholar"]
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib"]
html_baseurl = "https://example.org/site/"
