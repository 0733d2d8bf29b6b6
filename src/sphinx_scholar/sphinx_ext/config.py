"""conf.py values, their defaults, and the one place they are read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sphinx.application import Sphinx

from ..core.names import DEFAULT_MARK_LEGEND
from ..core.venues import Venue, venues_from_config

#: name -> (default, rebuild, types). ``env``: changing it re-reads every page.
CONFIG_VALUES: dict[str, tuple[Any, str, tuple[type, ...]]] = {
    "scholar_owner": ("", "env", (str, list, tuple, dict)),
    "scholar_people": ({}, "env", (dict,)),
    # venue abbreviation -> URL or {"url", "name", "color"} (al-folio's venues.yml)
    "scholar_venues": ({}, "env", (dict,)),
    "scholar_marks": (dict(DEFAULT_MARK_LEGEND), "env", (dict,)),
    "scholar_preview_dir": ("_static/previews", "env", (str,)),
    "scholar_files_dir": ("_static/papers", "env", (str,)),
    # folder of the generated paper pages (<folder>/<slug>/); "" writes none
    "scholar_paper_pages": ("publications", "env", (str,)),
    "scholar_filter_threshold": (10, "env", (int,)),
    # the site's person: {"name", "title", "affiliation", "affiliation_url", "email",
    # "photo" (a file of the site or a URL), "links": {label: url}}; read by the profile
    # header, the navbar's icon links and the home page's Person JSON-LD (seo.py)
    "scholar_profile": ({}, "env", (dict,)),
    # Atom feeds at the site root (need html_baseurl); "" writes none
    "scholar_news_feed": ("news.xml", "env", (str,)),
    "scholar_papers_feed": ("papers.xml", "env", (str,)),
    "scholar_site_description": ("", "env", (str,)),
}


@dataclass(frozen=True)
class ScholarConfig:
    """Typed view of the scholar_* values."""

    owner: Any
    people: Mapping[str, Any]
    venues: Mapping[str, Venue]  #: by case-folded abbreviation; bad items left out
    marks: Mapping[str, str]
    preview_dir: str
    files_dir: str
    paper_pages: str
    filter_threshold: int
    profile: Mapping[str, Any]
    news_feed: str
    papers_feed: str
    site_description: str

    @classmethod
    def of(cls, app: Sphinx) -> ScholarConfig:
        config = app.config
        return cls(
            owner=config.scholar_owner,
            people=config.scholar_people or {},
            venues=venues_from_config(config.scholar_venues or {})[0],
            marks={**DEFAULT_MARK_LEGEND, **(config.scholar_marks or {})},
            preview_dir=config.scholar_preview_dir.strip("/"),
            files_dir=config.scholar_files_dir.strip("/"),
            paper_pages=config.scholar_paper_pages.strip("/"),
            filter_threshold=config.scholar_filter_threshold,
            profile=config.scholar_profile or {},
            news_feed=config.scholar_news_feed,
            papers_feed=config.scholar_papers_feed,
            site_description=config.scholar_site_description,
        )


def register(app: Sphinx) -> None:
    for name, (default, rebuild, types) in CONFIG_VALUES.items():
        app.add_config_value(name, default, rebuild, types=types)
