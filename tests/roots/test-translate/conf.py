"""A site whose component text goes through Sphinx's gettext workflow (docs/languages.md).
tests/test_translate_components.py writes the German catalogs into a copy."""

project = "Ada Lovelace"
extensions = ["myst_parser", "sphinx_scholar"]
html_baseurl = "https://example.org/"
bibtex_bibfiles = ["refs.bib"]
scholar_owner = ["Ada Lovelace"]
scholar_profile = {"name": "Ada Lovelace", "title": "Analyst", "affiliation": "Royal Institution"}
locale_dirs = ["locales/"]
gettext_compact = False  # one catalog per page, as sphinx-intl writes them
suppress_warnings = ["scholar.indexing"]
