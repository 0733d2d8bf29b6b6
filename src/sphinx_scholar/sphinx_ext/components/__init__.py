"""Page components of an academic homepage: news, timeline, people, awards, teaching,
projects and the profile header.

Their data sits in the page (YAML or a bullet list in the directive body), is
checked item by item (a warning names the file, the line and the item; the
other items still render), and is rendered at write time by
:mod:`sphinx_scholar.render.components`.
"""
