"""``python -m sphinx_scholar check refs.bib``: the same as the ``sphinx-scholar`` script."""

from __future__ import annotations

import sys

from .cli.main import main

if __name__ == "__main__":
    sys.exit(main())
