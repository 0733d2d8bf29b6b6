"""A cache of the theme's compiled templates, next to the doctrees.

A rebuild where nothing changed otherwise spends much of its time compiling the
theme's Jinja templates again, for the index and search pages that Sphinx
rewrites on every build (bench/measurements.md). The cache is keyed by template
source, so an edited template recompiles.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx


def cache_templates(app: Sphinx) -> None:
    """Give the builder's Jinja environment a file bytecode cache (``builder-inited``)."""
    templates = getattr(app.builder, "templates", None)
    environment = getattr(templates, "environment", None)
    if environment is None or environment.bytecode_cache is not None:
        return
    from jinja2 import FileSystemBytecodeCache

    folder = Path(app.doctreedir) / "jinja-cache"
    folder.mkdir(parents=True, exist_ok=True)
    environment.bytecode_cache = FileSystemBytecodeCache(str(folder))
