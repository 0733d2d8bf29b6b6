"""The site as a card sees it from one page: relative links to people, files and papers."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from ..core.files import is_remote
from ..core.people import PersonEntry
from ..core.records import Publication
from ..render.card import CardContext
from ..render.placeholder import placeholder_tile
from .domain import get_domain
from .i18n import messages_for
from .output import anchor_uri
from .state import state_of


def card_context(app: Sphinx, docname: str) -> CardContext:
    """Links as they must be written on page *docname*."""
    builder = app.builder
    state = state_of(app.env)
    config = state.config
    domain = get_domain(app.env)
    files = state.files
    here = builder.get_target_uri(docname)
    pages = state.paper_pages

    def person_url(person: PersonEntry) -> str:
        if person.url:
            return person.url
        if person.docname:
            return anchor_uri(builder, docname, person.docname, person.anchor)
        return ""

    def file_url(value: str, folder: str) -> str | None:
        if is_remote(value):
            return value
        served, _ = files.resolve(value, folder)
        return relative_uri(here, served) if served else None

    def paper_url(record: Publication) -> str:
        if not pages or record.key not in domain.slugs:
            return ""
        return builder.get_relative_uri(docname, state.paper_pagename(domain.slugs[record.key]))

    messages = messages_for(app.config)

    def placeholder(record: Publication) -> str:
        # a shown entry's tile is told apart from the others' (state.tile_html); an entry no
        # list shows has no card, so the fallback is never drawn next to a card
        return state.tile_html.get(record.key) or placeholder_tile(record, messages)

    return CardContext(
        people=state.registry,
        person_url=person_url,
        file_url=file_url,
        paper_url=paper_url,
        placeholder=placeholder,
        legend=config.marks,
        preview_dir=config.preview_dir,
        files_dir=config.files_dir,
        venues=config.venues,
        messages=messages,
        max_authors=config.max_authors,
    )
