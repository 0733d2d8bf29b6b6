"""Page components of an academic homepage: news, timeline, people, awards, teaching,
projects and the profile header.

Their data sits in the page (YAML or a bullet list in the directive body), is
checked item by item (a warning names the file, the line and the item; the
other items still render), and is rendered at write time by
:mod:`sphinx_scholar.render.components`.
"""

from __future__ import annotations

from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    """Register the directives, nodes, post-transform and events (called by the extension)."""
    from . import nodes, state
    from .awards import AwardsDirective
    from .news import NewsDirective
    from .people import PeopleDirective
    from .profile import ProfileDirective, add_email_script, check_profile
    from .projects import ProjectsDirective
    from .resolve import ResolveComponents
    from .teaching import TeachingDirective
    from .timeline import TimelineDirective

    nodes.register(app)
    for name, directive in (
        ("news", NewsDirective),
        ("timeline", TimelineDirective),
        ("people", PeopleDirective),
        ("awards", AwardsDirective),
        ("teaching", TeachingDirective),
        ("projects", ProjectsDirective),
        ("profile", ProfileDirective),
    ):
        app.add_directive(name, directive)
    app.add_post_transform(ResolveComponents)
    app.connect("config-inited", check_profile)
    app.connect("doctree-read", state.collect_news)
    app.connect("env-get-updated", state.pages_to_rewrite)
    app.connect("html-page-context", add_email_script)
