"""The placeholder tiles of papers without a ``preview``, written into the output."""

from __future__ import annotations

import os
from pathlib import Path

from sphinx.application import Sphinx

from ..render.placeholder import FOLDER
from .i18n import messages_for
from .state import state_of

#: the language the tiles were drawn in, beside the doctrees: a file in the output's
#: _static would be published (and the epub builder warns about its type)
LANGUAGE_STAMP = "scholar-tiles-language.txt"


def write_placeholders(app: Sphinx) -> None:
    """Write the placeholder tiles the cards use, and remove those no card uses any more."""
    folder = Path(app.outdir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    state = state_of(app.env)
    # one listing of the folder, not a test per tile: thousands of tiles on every bib edit
    present = {name for name in os.listdir(folder) if name.endswith(".svg")}
    wanted: set[str] = set()
    # the shown entries without a preview (no card, no tile: scope.py), told apart
    for name, svg in state.tiles.values():
        wanted.add(name)
        if name not in present:
            (folder / name).write_text(svg, encoding="utf-8")
    for stale in sorted(present - wanted):
        (folder / stale).unlink()
    language = messages_for(app.config).language
    (Path(app.doctreedir) / LANGUAGE_STAMP).write_text(language, encoding="utf-8")


def collect(app: Sphinx) -> None:
    """``html-collect-pages``: the tiles, when the bib changed, the output's tile folder is
    new or the site's language is not the one they were drawn in (their kind line is
    translated).

    Marks set this late are not saved (Sphinx pickles the environment before
    writing), hence a test of the folder rather than a stored flag.
    """
    if app.builder.format != "html":
        return
    stamp = Path(app.doctreedir) / LANGUAGE_STAMP
    drawn_in = stamp.read_text(encoding="utf-8") if stamp.is_file() else None
    state = state_of(app.env)
    fresh = not (Path(app.outdir) / FOLDER).is_dir()
    if (
        fresh
        or drawn_in != messages_for(app.config).language
        or state.bib_changed
        or state.scope_changed
    ):
        write_placeholders(app)
