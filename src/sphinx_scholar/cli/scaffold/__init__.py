"""``sphinx-scholar new``: a new homepage from templates shipped in this package.

:mod:`.answers` checks what the owner says, :mod:`.files` fills in the templates of
``template/``, and :mod:`.command` is the command line (wired into ``cli.py``).
"""
