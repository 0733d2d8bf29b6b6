"""The pure core: bib files to typed records, validation and queries.

Nothing here imports Sphinx or docutils (a test enforces it), so the ``check``
command, the importers and the unit tests use it without a build.
"""
