"""The documentation of sphinx-scholar: the user guide, a site of its own.

It is built with the extension it documents, so every example in it is live. Its papers,
people and venues are made up (refs.bib, and the values below): the guide shows what the
tool does, not anyone's homepage.
"""

import os

project = "sphinx-scholar"
author = "The sphinx-scholar authors"
copyright = "2026, the sphinx-scholar authors"
language = "en"

extensions = ["myst_parser", "sphinx_scholar"]
myst_enable_extensions = ["colon_fence", "deflist", "attrs_inline"]
# img/ holds the README's screenshots, not pages of this site.
exclude_patterns = ["_build", "img"]

html_theme = "pydata_sphinx_theme"
html_title = "sphinx-scholar"
# The guide is one level of pages, all in the navbar: a left sidebar would stay empty.
html_sidebars = {"**": []}
html_theme_options = {
    "header_links_before_dropdown": 6,
    "navbar_persistent": ["search-button"],
    "secondary_sidebar_items": ["page-toc"],
    # The project's own link: without it, the navbar would show the made-up profile's links.
    "icon_links": [
        {
            "name": "GitHub",
            "url": "https://github.com/sphinx-scholar/sphinx-scholar",
            "icon": "_static/icons/github.svg",
            "type": "local",
        }
    ],
}
html_show_sourcelink = False
html_static_path = ["_static"]
# Read the Docs sets the canonical URL of each version (see .readthedocs.yaml in this folder).
html_baseurl = (
    os.environ.get("READTHEDOCS_CANONICAL_URL")
    or os.environ.get("SCHOLAR_BASEURL")
    or "https://sphinx-scholar.readthedocs.io/en/latest/"
)

# -- what the live examples show: a made-up researcher -----------------------------------
bibtex_bibfiles = ["refs.bib"]
scholar_owner = ["Ada Quist", "A. Quist"]
scholar_people = {
    "Kofi Brandt": "https://example.org/brandt",
    "Greta Olawale": {"url": "https://example.org/olawale", "aliases": ["G. Olawale"]},
    "Jun Sato-Reyes": {"aliases": ["Jun Sato"]},
}
scholar_venues = {
    "SYSCONF": {
        "url": "https://example.org/sysconf",
        "name": "Symposium on Imaginary Systems",
    },
    "MLCONF": {
        "url": "https://example.org/mlconf",
        "name": "Conference on Imaginary Machine Learning",
        "color": "#1f4e79",
    },
}
scholar_profile = {
    "name": "Ada Quist",
    "title": "Associate Professor",
    "affiliation": "Department of Computer Science, University of Examples",
    "affiliation_url": "https://example.org/cs",
    "email": "ada.quist@example.org",
    "photo": "_static/profile/ada.svg",
    "links": {"GitHub": "https://example.org/git/adaquist"},
}
scholar_site_description = "The documentation of sphinx-scholar, an academic homepage from Markdown and BibTeX."
# The made-up papers have few abstracts: paper pages would warn that Google Scholar finds none.
suppress_warnings = ["scholar.indexing"]
