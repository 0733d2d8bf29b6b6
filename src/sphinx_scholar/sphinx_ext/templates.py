"""Build-time savings that are not about papers at all, but dominate a no-op rebuild.

Measured on the demo site (2 cores): a rebuild where nothing changed spent 0.45 s
compiling the theme's Jinja templates again, for the index and search pages that
Sphinx rewrites on every build. A bytecode cache next to the doctrees keeps the
compiled templates (keyed by template source, so an edited template recompiles).
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
