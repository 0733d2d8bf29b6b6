"""The site as a card sees it from one page: relative links to people, files and papers."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from ..core.files import SiteFiles, is_remote
from ..core.people import PeopleRegistry, PersonEntry, entries_from_config
from ..core.query import Query, select
from ..core.records import Publication
from ..render.card import CardContext
from ..render.placeholder import FOLDER, placeholder_svg
from .config import ScholarConfig
from .domain import ScholarDomain, get_domain
from .loading import site_files


def app_of(env: Any) -> Sphinx:
    """The Sphinx app behind an environment, as Sphinx's own post-transforms reach it."""
    return getattr(env, "_app", None) or env.app


def paper_pagename(config: ScholarConfig, slug: str) -> str:
    return f"{config.paper_pages}/{slug}/index"


def has_paper_pages(app: Sphinx) -> bool:
    return (
        bool(ScholarConfig.of(app).paper_pages)
        and app.builder.format == "html"
        and (app.builder.name not in {"singlehtml", "epub"})
    )


def registry_of(app: Sphinx) -> PeopleRegistry:
    """The registry for this build (conf.py people, then every page's people)."""
    cached = getattr(app.env, "_scholar_registry", None)
    if cached is not None:
        return cached
    config = ScholarConfig.of(app)
    entries, _ = entries_from_config(config.owner, config.people)
    registry = get_domain(app.env).registry(entries)
    app.env._scholar_registry = registry  # type: ignore[attr-defined]
    return registry


def resolve(
    query: Query, domain: ScholarDomain, registry: PeopleRegistry
) -> tuple[list[Publication], list[str]]:
    """Select records for a query; an author filter matches every alias of that person."""
    if query.author_keys:
        keys = set(query.author_keys)
        for key in query.author_keys:
            person = registry.lookup(key)
            if person:
                keys.update(person.keys)
        query = replace(query, author_keys=tuple(sorted(keys)))
    return select(domain.records, query)


def card_context(app: Sphinx, docname: str) -> CardContext:
    """Links as they must be written on page *docname*."""
    builder = app.builder
    config = ScholarConfig.of(app)
    domain = get_domain(app.env)
    files: SiteFiles = site_files(app)
    here = builder.get_target_uri(docname)
    pages = has_paper_pages(app)

    def person_url(person: PersonEntry) -> str:
        if person.url:
            return person.url
        if person.docname:
            target = builder.get_relative_uri(docname, person.docname)
            return f"{target}#{person.anchor}" if person.anchor else target
        return ""

    def file_url(value: str, folder: str) -> str | None:
        if is_remote(value):
            return value
        served, _ = files.resolve(value, folder)
        return relative_uri(here, served) if served else None

    def paper_url(record: Publication) -> str:
        if not pages or record.key not in domain.slugs:
            return ""
        return builder.get_relative_uri(docname, paper_pagename(config, domain.slugs[record.key]))

    def placeholder_url(record: Publication) -> str:
        name, _ = placeholder_svg(record)
        return relative_uri(here, f"{FOLDER}/{name}")

    return CardContext(
        people=registry_of(app),
        person_url=person_url,
        file_url=file_url,
        paper_url=paper_url,
        placeholder_url=placeholder_url,
        legend=config.marks,
        preview_dir=config.preview_dir,
        files_dir=config.files_dir,
        venues=config.venues,
    )


def write_placeholders(app: Sphinx) -> None:
    """Write the placeholder tiles the cards use, and remove those no card uses any more."""
    folder = Path(app.outdir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    domain = get_domain(app.env)
    config = ScholarConfig.of(app)
    files = site_files(app)
    wanted: set[str] = set()
    for record in domain.records.values():
        if record.thumbnail and files.resolve(record.thumbnail, config.preview_dir)[0]:
            continue
        name, svg = placeholder_svg(record)
        wanted.add(name)
        target = folder / name
        if not target.exists():
            target.write_text(svg, encoding="utf-8")
    for stale in folder.glob("*.svg"):
        if stale.name not in wanted:
            stale.unlink()


def digest(*parts: object) -> str:
    return hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()


def stable_digest(value: object) -> str:
    """A digest of nested data that ignores the order of sets and dict keys."""
    if isinstance(value, dict):
        value = sorted(stable_digest(item) for item in value.items())
    elif isinstance(value, (list, tuple, set, frozenset)):
        value = sorted(stable_digest(item) for item in value)
    elif isinstance(value, type) or callable(value):
        value = f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', value)}"
    return hashlib.blake2b(str(value).encode(), digest_size=12).hexdigest()
