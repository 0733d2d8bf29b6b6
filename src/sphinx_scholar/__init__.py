"""sphinx-scholar: academic homepages with Sphinx.

Add ``"sphinx_scholar"`` to ``extensions``; it sets up sphinxcontrib-bibtex and
sphinx-design itself. See the README for the directives, roles and options.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

__version__ = "0.1.0"

STATIC = Path(__file__).parent / "static"


def _add_static_path(app: Sphinx) -> None:
    """Serve our CSS/JS. A new list: appending would change Sphinx's shared default."""
    if app.builder.format == "html" and str(STATIC) not in app.config.html_static_path:
        app.config.html_static_path = [*app.config.html_static_path, str(STATIC)]


def setup(app: Sphinx) -> dict[str, Any]:
    from .sphinx_ext import components, config, feeds, nodes, pages, seo, theme
    from .sphinx_ext import templates as speed
    from .sphinx_ext.domain import ScholarDomain
    from .sphinx_ext.events import (
        collect_pages,
        forget_derived,
        hint_name_variants,
        pages_to_rewrite,
    )
    from .sphinx_ext.examples import BibExampleDirective, ExampleDirective
    from .sphinx_ext.loading import load_bibliography
    from .sphinx_ext.publications import PublicationDirective, PublicationsDirective
    from .sphinx_ext.roles import AwardRole, PaperRole
    from .sphinx_ext.transforms import ResolvePublications

    app.setup_extension("sphinxcontrib.bibtex")
    app.setup_extension("sphinx_design")
    config.register(app)
    nodes.register(app)
    app.add_domain(ScholarDomain)
    app.add_directive("publications", PublicationsDirective)
    app.add_directive("publication", PublicationDirective)
    app.add_directive("scholar-example", ExampleDirective)
    app.add_directive("scholar-bib-example", BibExampleDirective)
    app.add_role("award", AwardRole())
    app.add_role("paper", PaperRole())
    app.add_post_transform(ResolvePublications)
    # before sphinxcontrib-bibtex's own handler (priority 500), which then finds its cache fresh
    app.connect("builder-inited", load_bibliography, priority=400)
    app.connect("builder-inited", _add_static_path)
    app.connect("env-get-updated", forget_derived, priority=100)
    app.connect("env-get-updated", pages_to_rewrite)
    app.connect("env-updated", hint_name_variants)
    app.connect("html-collect-pages", collect_pages)
    pages.setup(app)
    seo.setup(app)
    feeds.setup(app)
    speed.setup(app)
    theme.setup(app)
    components.setup(app)
    app.add_css_file("scholar.css")
    app.add_js_file("scholar.js", loading_method="defer")
    return {
        "version": __version__,
        "env_version": 3,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
