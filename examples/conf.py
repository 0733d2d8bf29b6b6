"""Example site: Chaobo Jia's homepage (seed 000, an academicpages site), with sphinx-scholar.

Build it with ``sphinx-build -W -b html examples examples/_build/html``.
"""

project = "Chaobo Jia"
author = "Chaobo Jia"
copyright = "2025, Chaobo Jia"
language = "en"

extensions = ["myst_parser", "sphinx_scholar"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]

html_theme = "pydata_sphinx_theme"
html_title = "Chaobo Jia"
html_sidebars = {"**": []}  # one page: no navigation sidebar
html_show_sourcelink = False
html_static_path = ["_static"]

bibtex_bibfiles = ["refs.bib"]
scholar_owner = "Chaobo Jia"
# The advisors, so that the timeline links their names.
scholar_people = {
    "Fan Lai": "https://grainger.illinois.edu/about/directory/faculty/fanlai",
    "Minchen Yu": "https://sds.cuhk.edu.cn/en/teacher/1246",
    "Yue Cheng": "https://tddg.github.io/",
    "Wei Wang": "https://www.cse.ust.hk/~weiwa/",
    "Jiasi Shen": "https://shenjiasi.com/",
    "Yao Wan": "https://wanyao.me/",
}
# The paper has no abstract yet, so its page warns that Google Scholar will find none
# (scholar.indexing); the seed gives none to add.

# The seed page links its paper's Author Contributions, code, arXiv and Poster with empty
# hrefs (href=""): nothing is published yet. refs.bib keeps them as empty fields, so the card
# shows the four labels as disabled buttons; each would warn (scholar.empty_link) on every
# build, which says nothing new here until the links exist.
suppress_warnings = ["scholar.empty_link", "scholar.indexing"]
