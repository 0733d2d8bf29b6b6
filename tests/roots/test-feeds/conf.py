"""A site with all three feeds (papers, news, talks); tests set its ``language``."""

extensions = ["myst_parser", "sphinx_scholar"]
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib"]
scholar_owner = ["Ada Lovelace"]
scholar_talks_feed = "talks.xml"
html_baseurl = "https://example.org/"
html_theme = "basic"
templates_path: list[str] = []
html_static_path: list[str] = []
