# Hostile input: every field of refs.bib carries a payload. Used by tests/test_xss.py
# (parsed HTML) and by the browser test (no dialog opens, no script from the bib runs).
project = "Hostile bib"
extensions = ["myst_parser", "sphinx_scholar"]
html_theme = "pydata_sphinx_theme"
html_static_path = ["_static"]
html_baseurl = "https://example.org/"
bibtex_bibfiles = ["refs.bib"]
scholar_owner = "Alice Safe"
scholar_people = {"Bob Linked": "https://example.org/bob"}
