extensions = ["myst_parser", "sphinx_scholar"]
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib"]
scholar_owner = ["Ada Lovelace", "A. Lovelace"]
scholar_people = {"Charles Babbage": "https://example.org/babbage"}
# Lists of our own: themes and extensions append to these, and Sphinx's defaults are one
# list object shared by every app of a test process (pydata's templates would leak into
# the next test's alabaster build).
templates_path: list[str] = []
html_static_path: list[str] = []
# With a base URL the site also gets its papers feed, sitemap.xml and robots.txt, so the
# tests cover those files too.
html_baseurl = "https://example.org/ada/"
