"""sphinx-scholar: academic homepages with Sphinx.

Add ``"sphinx_scholar"`` to ``extensions``; it sets up sphinxcontrib-bibtex and
sphinx-design itself. See the README for the directives, roles and options.

Importing this package loads nothing of Sphinx: the pure core (``core/``,
``render/``) and the command line import it without a build.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"

STATIC = Path(__file__).parent / "static"


def setup(app: Sphinx) -> dict[str, Any]:
    """Sphinx's entry point (see :mod:`sphinx_scholar.sphinx_ext.setup`)."""
    from .sphinx_ext.setup import setup as setup_extension

    return setup_extension(app)
