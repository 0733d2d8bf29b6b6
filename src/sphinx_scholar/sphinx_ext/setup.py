"""Everything sphinx-scholar adds to Sphinx, and every event it handles, in one place."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .. import STATIC, __version__
from . import (
    config,
    cvdata,
    cvpdf,
    feeds,
    fill,
    hints,
    i18n,
    leftovers,
    loading,
    nodes,
    pages,
    publications,
    rebuild,
    scope,
    seo,
    sidecar,
    templates,
    theme,
    thumbs,
)
from .components import nodes as component_nodes
from .components import state as component_state
from .components import translate as component_translate
from .components.awards import AwardsDirective
from .components.cv import CvDirective, ResolveCv, add_cv_css
from .components.cv import register as register_cv_nodes
from .components.news import NewsDirective
from .components.people import PeopleDirective
from .components.profile import ProfileDirective, add_email_script, check_profile
from .components.projects import ProjectsDirective
from .components.resolve import ResolveComponents
from .components.talks import TalksDirective
from .components.teaching import TeachingDirective
from .components.timeline import TimelineDirective
from .domain import ScholarDomain
from .examples import BibExampleDirective, ExampleDirective
from .publications import PublicationDirective, PublicationsDirective
from .roles import AwardRole, PaperRole
from .state import begin, state_of
from .transforms import ResolvePublications, ResolvePublicationsInHtml

DIRECTIVES = {
    "publications": PublicationsDirective,
    "publication": PublicationDirective,
    "news": NewsDirective,
    "timeline": TimelineDirective,
    "people": PeopleDirective,
    "awards": AwardsDirective,
    "teaching": TeachingDirective,
    "projects": ProjectsDirective,
    "profile": ProfileDirective,
    "scholar-example": ExampleDirective,
    "scholar-bib-example": BibExampleDirective,
    "cv": CvDirective,
    "talks": TalksDirective,
}
ROLES = {"award": AwardRole(), "paper": PaperRole()}


def add_static_path(app: Sphinx) -> None:
    """Serve our CSS/JS. A new list: appending would change Sphinx's shared default."""
    if app.builder.format == "html" and str(STATIC) not in app.config.html_static_path:
        app.config.html_static_path = [*app.config.html_static_path, str(STATIC)]


def after_reading(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: every decision that needs all pages read, in this order.

    The people registry and the card homes are derived again from the pages just
    read; then the entries the site shows are settled (scope.py: their warnings),
    then the spelling hints (they need every page's people and the shown entries),
    and the pages whose cards or components changed, the paper pages and the feeds
    are planned. Sphinx saves the environment only when some document
    is rewritten, so when only our own state changed, the root document is.
    """
    state = state_of(env)
    state.reading_done()
    in_scope = scope.update(app)
    hinted = hints.hint_name_variants(app)
    changed = set(rebuild.card_pages(app)) | set(rebuild.component_pages(app))
    save = [
        in_scope,
        hinted,
        pages.plan_pages(app),
        feeds.plan_feeds(app),
        leftovers.plan(app),
        state.bib_changed,
        state.homes_stored,
    ]
    if any(save) and not changed:
        changed.add(app.config.root_doc)
    return sorted(changed)


def write_generated(app: Sphinx) -> list:
    """``html-collect-pages`` (HTML builders only): paper pages (written ourselves)."""
    thumbs.remove_old_tiles(app)
    pages.write_planned(app)
    return []


def finish(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: sitemap, robots.txt and feeds, once the pages are written;
    the site files no longer written are removed."""
    if exception is not None:
        return
    state_of(app.env).save_cards()
    seo.write_sitemap(app)
    feeds.write_feeds(app)
    cvpdf.write_pdf(app)
    leftovers.remove(app)


#: (event, handler, priority). Sphinx runs lower priorities first (default 500).
EVENTS: tuple[tuple[str, Any, int], ...] = (
    # before Sphinx's type check (800), which would warn about the string once more
    ("config-inited", loading.one_bib_file, 400),
    ("config-inited", seo.default_ogp_site_url, 500),
    ("config-inited", check_profile, 500),
    ("config-inited", publications.use_search_scorer, 500),
    # after the theme's and the site's own handlers
    ("config-inited", theme.register_templates, 800),
    # a fresh build state before anything of ours asks for it
    ("builder-inited", begin, 100),
    # before sphinxcontrib-bibtex's own handler (500), which then finds its cache fresh
    ("builder-inited", loading.load_bibliography, 400),
    ("builder-inited", add_static_path, 500),
    ("builder-inited", templates.cache_templates, 500),
    # the page's catalog translated its component text: into the views before they are read
    ("doctree-read", component_translate.apply_translations, 400),
    ("doctree-read", component_state.collect_news, 500),
    ("doctree-read", cvdata.collect_items, 500),
    ("env-get-outdated", fill.pending_pages, 500),
    ("env-get-updated", after_reading, 500),
    # every document page is written: the cards into those written with marks
    ("html-collect-pages", fill.fill_written, 400),
    ("html-collect-pages", write_generated, 500),
    # first: the cards' HTML into the body, where pages are not filled after writing
    ("html-page-context", fill.expand_in_context, 10),
    ("html-page-context", theme.mark_theme, 500),
    ("html-page-context", seo.add_person, 500),
    ("html-page-context", feeds.add_feed_links, 500),
    ("html-page-context", add_email_script, 500),
    ("html-page-context", add_cv_css, 500),
    # after pydata-sphinx-theme, sphinxext-opengraph and the paper pages' own head
    ("html-page-context", theme.add_meta_description, 900),
    # after the description it repeats
    ("html-page-context", seo.add_open_graph, 920),
    # last: every script of the page is in by now
    ("html-page-context", theme.defer_scripts, 950),
    ("build-finished", finish, 500),
    # last: the records frozen out of the garbage collector's passes are given back
    ("build-finished", sidecar.thaw, 999),
)


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinxcontrib.bibtex")
    app.setup_extension("sphinx_design")
    config.register(app)
    i18n.register(app)
    nodes.register(app)
    component_nodes.register(app)
    register_cv_nodes(app)
    app.add_domain(ScholarDomain)
    for name, directive in DIRECTIVES.items():
        app.add_directive(name, directive)
    for name, role in ROLES.items():
        app.add_role(name, role)
    app.add_post_transform(ResolveCv)
    app.add_post_transform(ResolveComponents)
    app.add_post_transform(ResolvePublications)
    app.add_post_transform(ResolvePublicationsInHtml)
    for event, handler, priority in EVENTS:
        app.connect(event, handler, priority=priority)
    sidecar.freeze_at_exit()
    app.add_css_file("scholar.css")
    app.add_js_file("scholar.js", loading_method="defer")
    return {
        "version": __version__,
        "env_version": 5,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
