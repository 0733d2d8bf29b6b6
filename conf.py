"""The demo site: Zhihao Jia's homepage (seed 004), built with sphinx-scholar."""

import os

project = "Zhihao Jia"
author = "Zhihao Jia"
copyright = "2026, Zhihao Jia"
language = "en"

# sphinx_scholar writes the OpenGraph tags itself (see seo.add_open_graph for why not
# sphinxext-opengraph, which still works if you add it).
extensions = ["myst_parser", "sphinx_scholar"]
myst_enable_extensions = ["colon_fence", "deflist", "attrs_inline"]

# The repository is both the extension and this site: only the site's pages are sources.
# This is the one list of what is not the homepage (docs/ is the tool's manual, its own site).
exclude_patterns = [
    "_build", "README.md", "CHANGELOG.md", "CONTRIBUTING.md", "docs", "examples", "tests",
    "bench", "src", "tools", ".ci", ".github", "build", "dist", "*.egg-info", "node_modules",
    "test-artifacts", "audit-out", ".venv", ".venv-lowest",
]

html_theme = "pydata_sphinx_theme"
html_title = "Zhihao Jia"
# A homepage's pages are all in the navbar: no left sidebar, and no "More" menu for eight links.
html_sidebars = {"**": []}
html_theme_options = {
    "header_links_before_dropdown": 8,
    "navbar_persistent": ["search-button"],
    "secondary_sidebar_items": ["page-toc"],
}
html_show_sourcelink = False
html_static_path = ["_static"]
# Read the Docs sets the canonical URL of each version, the GitHub Pages workflow
# (.github/workflows/pages.yml) the Pages URL; elsewhere, the owner's own.
html_baseurl = (
    os.environ.get("READTHEDOCS_CANONICAL_URL")
    or os.environ.get("SCHOLAR_BASEURL")
    or "https://www.cs.cmu.edu/~zhihaoj2/"
)

bibtex_bibfiles = ["refs.bib"]
# no scholar_whole_bib: publications/ lists every entry, so each has its paper page
scholar_owner = ["Zhihao Jia"]
scholar_people = {
    "Alex Aiken": "https://theory.stanford.edu/~aiken/",
    "Matei Zaharia": "https://people.eecs.berkeley.edu/~matei/",
    "Beidi Chen": "https://www.andrew.cmu.edu/user/beidic/",
    "Umut A. Acar": {"url": "https://www.cs.cmu.edu/~umut/", "aliases": ["Umut Acar"]},
    "Tianqi Chen": "https://tqchen.com/",
    "Gregory R. Ganger": {"url": "https://users.ece.cmu.edu/~ganger/", "aliases": ["Greg Ganger"]},
    "Ravi Netravali": "https://www.cs.princeton.edu/~ravian/",
    # The same people, spelt as their papers spell them.
    "Guoqing Harry Xu": {"aliases": ["Harry Xu"]},
    "George H. Chen": {"aliases": ["George Chen"]},
    "Michael Bauer": {"aliases": ["Mike Bauer"]},
}

# Venue badges link to the venue's site, with its full name as a tooltip (and, with
# "color", drawn in that colour with black or white text, whichever reads better).
scholar_venues = {
    "OSDI": {
        "url": "https://www.usenix.org/conference/osdi",
        "name": "USENIX Symposium on Operating Systems Design and Implementation",
    },
    "ASPLOS": {
        "url": "https://www.asplos-conference.org/",
        "name": "ACM International Conference on Architectural Support for Programming "
        "Languages and Operating Systems",
    },
    "MLSys": {
        "url": "https://mlsys.org/",
        "name": "Conference on Machine Learning and Systems",
        "color": "#1f4e79",
    },
}

# The header of the home page (``profile`` directive), the navbar's icon links and the
# home page's JSON-LD all come from this one dict. The Google Scholar and DBLP links are
# searches by name: the seed page gives no profile ids (replace them with the profile URLs).
scholar_profile = {
    "name": "Zhihao Jia",
    "title": "Assistant Professor",
    "affiliation": "Computer Science Department, Carnegie Mellon University",
    "affiliation_url": "https://csd.cmu.edu/",
    "email": "zhihao@cmu.edu",
    "photo": "_static/profile/zhihao.svg",
    "links": {
        "Google Scholar": "https://scholar.google.com/citations?view_op=search_authors&mauthors=Zhihao+Jia",
        "DBLP": "https://dblp.org/search?q=Zhihao+Jia",
        "GitHub": "https://github.com/jiazhihao",
    },
}

# The CV page (cv/index.md) typeset as a PDF at the site root, linked from the CV page and
# the profile (needs the "cv" extra: pip install "sphinx-scholar[cv]").
scholar_cv_pdf = "cv.pdf"

# refs.bib (from the seed page) has no abstracts, so every paper page would warn that
# Google Scholar finds none there. Add abstracts to the bib, then drop this line.
suppress_warnings = ["scholar.indexing"]
