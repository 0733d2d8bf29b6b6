"""The folder of SVG tiles that earlier builds wrote into the output.

Tiles are now part of each card (render/placeholder.py). Sphinx never removes a file
from the output folder, so a site built before would go on deploying thousands of files
no page links to. The folder is removed once, and the stamp of the language the tiles
were drawn in, which was kept beside the doctrees.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx

from .output import inside

FOLDER = "_static/scholar/thumbs"
LANGUAGE_STAMP = "scholar-tiles-language.txt"


def remove_old_tiles(app: Sphinx) -> None:
    """``html-collect-pages``: remove the SVG tile folder an earlier build wrote."""
    folder = Path(app.outdir) / FOLDER
    if folder.is_dir() and inside(app, folder):
        shutil.rmtree(folder, ignore_errors=True)
    (Path(app.doctreedir) / LANGUAGE_STAMP).unlink(missing_ok=True)
