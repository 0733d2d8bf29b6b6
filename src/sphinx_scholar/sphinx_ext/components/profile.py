"""``profile``: the home page header, from ``scholar_profile`` in conf.py.

::

    scholar_profile = {
        "name": "Zhihao Jia",
        "title": "Assistant Professor",
        "affiliation": "Computer Science Department, Carnegie Mellon University",
        "affiliation_url": "https://csd.cmu.edu/",
        "email": "zhihao@cmu.edu",
        "photo": "_static/photo.svg",
        "links": {"GitHub": "https://github.com/...", "Google Scholar": "https://..."},
    }

The same links become icon links in pydata-sphinx-theme's navbar (our own SVG
icons, served from ``_static/icons/``), unless conf.py sets ``icon_links`` itself.
The JSON-LD of the home page reads the same dict (:mod:`sphinx_scholar.seo`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ...core.files import SiteFiles, is_remote
from ...core.urls import is_external, is_safe
from ...render.components import ProfileView, icon_for
from ..config import read_config
from ..state import site_files, state_of
from .items import did_you_mean
from .nodes import block, component_block, component_field

logger = logging.getLogger(__name__)

KEYS = ("name", "title", "affiliation", "affiliation_url", "email", "photo", "links")
PYDATA = "pydata_sphinx_theme"
ICONS = "_static/icons"
#: Characters that would end the attribute pydata's template writes a URL into.
_URL_QUOTES = str.maketrans({'"': "%22", "'": "%27", "<": "%3C", ">": "%3E", " ": "%20"})


@dataclass(frozen=True)
class Profile:
    """``scholar_profile`` once checked: only values a page may show."""

    view: ProfileView
    problems: tuple[str, ...] = field(default_factory=tuple)


def read_profile(raw: object, files: SiteFiles | None = None) -> Profile:
    """The profile, and what is wrong with it (each problem drops only its value)."""
    problems: list[str] = []
    if not isinstance(raw, Mapping):
        return Profile(ProfileView(""), ("scholar_profile must be a dict",) if raw else ())
    for key in raw:
        if key not in KEYS:
            problems.append(
                f"scholar_profile: unknown key {key!r}{did_you_mean(str(key), list(KEYS))}"
            )
    text: dict[str, str] = {}
    for key in KEYS[:-1]:
        value = raw.get(key, "")
        if not isinstance(value, str):
            problems.append(f"scholar_profile[{key!r}] must be a string")
            value = ""
        text[key] = value.strip()
    affiliation_url = text["affiliation_url"]
    if affiliation_url and not is_safe(affiliation_url):
        problems.append(
            f"scholar_profile['affiliation_url'] is not a safe URL: {affiliation_url!r}"
        )
        affiliation_url = ""
    user, at, domain = text["email"].partition("@")
    if text["email"] and not (at and user and domain and "@" not in domain):
        problems.append(f"scholar_profile['email'] is not an address: {text['email']!r}")
        user = domain = ""
    photo = text["photo"]
    if photo and files is not None:
        served, problem = files.resolve(photo)
        if served is None:
            problems.append(f"scholar_profile['photo']: {problem}")
            photo = ""
    links: list[tuple[str, str]] = []
    raw_links = raw.get("links") or {}
    if not isinstance(raw_links, Mapping):
        problems.append("scholar_profile['links'] must be a dict of label: URL")
        raw_links = {}
    for label, url in raw_links.items():
        if not isinstance(url, str) or not is_safe(url):
            problems.append(f"scholar_profile['links'][{label!r}] is not a safe URL: {url!r}")
            continue
        links.append((str(label), url.strip()))
    view = ProfileView(
        name=text["name"],
        title=text["title"],
        affiliation=text["affiliation"],
        affiliation_url=affiliation_url,
        email=(user, domain),
        photo=photo,
        links=tuple(links),
    )
    return Profile(view, tuple(problems))


def check_profile(app: Sphinx, config: Config) -> None:
    """``config-inited``: warn about ``scholar_profile``; fill pydata's navbar icon links."""
    profile = read_profile(read_config(config).profile, site_files(config, app.confdir, app.srcdir))
    for problem in profile.problems:
        logger.warning(problem, type="scholar", subtype="config")
    if config.html_theme != PYDATA or not profile.view.links:
        return
    options = dict(config.html_theme_options or {})
    if "icon_links" in options:
        return
    options["icon_links"] = icon_links(profile.view.links)
    config.html_theme_options = options


def icon_links(links: tuple[tuple[str, str], ...]) -> list[dict[str, Any]]:
    """pydata's icon links: our own icons, local files; absolute URLs only.

    The navbar is the same on every page, so a relative link (a CV in _static)
    would break on pages in sub-folders; those stay in the profile header.
    """
    return [
        {
            # the theme writes the name into attributes it quotes itself: no straight quotes
            "name": label.replace('"', "”").replace("'", "’"),
            "url": url.translate(_URL_QUOTES),
            "icon": f"{ICONS}/{icon_for(label, url)}.svg",
            "type": "local",
        }
        for label, url in links
        if is_external(url)
    ]


class ProfileDirective(SphinxDirective):
    """The header block; the name is left out under a page title that already says it."""

    has_content = False
    option_spec: ClassVar[dict] = {"show-name": directives.flag}

    def run(self) -> list[nodes.Node]:
        state = state_of(self.env)
        profile = read_profile(state.config.profile, state.files)
        view = profile.view
        photo = (
            state.config.profile.get("photo") if isinstance(state.config.profile, Mapping) else ""
        )
        if isinstance(photo, str) and photo.strip() and not is_remote(photo):
            # even a missing photo: the page is read again once it exists (as a clean build)
            self.env.note_dependency(str(state.files.locate(photo)))
        if not (view.name or view.title or view.affiliation or view.links):
            logger.warning(
                "profile: scholar_profile in conf.py is empty",
                location=self.get_location(),
                type="scholar",
                subtype="config",
            )
            return []
        node = block("profile", view, plain=plain_text(view), show_name="show-name" in self.options)
        self.set_source_info(node)
        for key in ("title", "affiliation"):  # for the page's catalog (translate.py)
            if getattr(view, key):
                field = component_field(getattr(view, key), getattr(view, key), field=key)
                self.set_source_info(field)
                node += field
        return [node]


def hide_repeated_name(node: component_block, view: ProfileView) -> ProfileView:
    """No second name under a page title that is the name (one h1 per page)."""
    if node.get("show_name"):
        return view
    section = node.parent
    while section is not None and not isinstance(section, nodes.section):
        section = section.parent
    title = section.next_node(nodes.title) if section is not None else None
    if title is not None and " ".join(title.astext().split()) == view.name:
        return replace(view, show_name=False)
    return view


def plain_text(view: ProfileView) -> str:
    user, domain = view.email
    parts = [view.name, view.title, view.affiliation, f"{user} [at] {domain}" if user else ""]
    return ". ".join(p for p in parts if p)


def add_email_script(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    """``html-page-context``: the email script only on pages with a profile header."""
    if doctree is None:
        return
    if any(node["render"][0] == "profile" for node in doctree.findall(component_block)):
        app.add_js_file("scholar-email.js", loading_method="defer")
