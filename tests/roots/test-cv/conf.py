extensions = ["myst_parser", "sphinx_scholar"]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["refs.bib"]
scholar_owner = ["Ada Lovelace"]
scholar_profile = {
    "name": "Ada Lovélace",
    "title": "Analyst <Engines>",
    "affiliation": "Analytical Society & Co",
    "affiliation_url": "https://example.org/society",
    "email": "ada@example.org",
    "links": {"GitHub": "https://github.com/ada"},
}
scholar_paper_pages = "publications"
scholar_cv_pdf = "cv.pdf"
html_baseurl = "https://ada.example.org/"
html_theme = "basic"
