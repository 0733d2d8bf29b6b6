extensions = ["myst_parser", "sphinx_scholar"]
bibtex_bibfiles = ["refs.bib"]
html_theme = "pydata_sphinx_theme"
scholar_owner = "Ada Lovelace"
scholar_paper_pages = ""
EVIL = '<img src=x onerror=alert(1)>"\'&'
scholar_profile = {
    "name": "Ada " + EVIL,
    "title": "Title " + EVIL,
    "affiliation": "Affiliation " + EVIL,
    "affiliation_url": "javascript:alert(1)",
    "email": 'ada"><script>@example.org',
    "links": {"GitHub " + EVIL: "https://github.com/ada", "Evil": "javascript:alert(2)"},
}
scholar_people = {"Evil Advisor": "javascript:alert(3)"}
