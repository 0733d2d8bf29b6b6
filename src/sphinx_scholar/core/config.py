"""Every conf.py value sphinx-scholar reads, in one table, and its typed view.

The extension registers its own values from :data:`SETTINGS`; ``check`` and
``import`` read conf.py without running it and fill in the same defaults; the
``new`` scaffold writes its conf.py comments from the same docs. Values that
belong to Sphinx or sphinxcontrib-bibtex are listed with their owners' defaults,
so the command line reads them the way a build would.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any, Literal

from .names import DEFAULT_MARK_LEGEND
from .text import clean_deep
from .venues import Venue, venues_from_config


@dataclass(frozen=True, slots=True)
class Setting:
    """One conf.py value: its default, the types it accepts and what it does."""

    name: str
    default: Any
    types: tuple[type, ...]
    doc: str
    #: Sphinx's rebuild kind: "env" re-reads every page when it changes, "html" rewrites them
    rebuild: Literal["env", "html"] = "env"
    #: registered by sphinx-scholar (False: Sphinx's or sphinxcontrib-bibtex's own value)
    ours: bool = True
    #: names a file or folder the build writes: it must stay inside the output folder
    output: bool = False


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "scholar_owner",
        "",
        (str, list, tuple, dict),
        "your name as your papers spell it (or a list of spellings): highlighted on every card",
    ),
    Setting(
        "scholar_people",
        {},
        (dict,),
        'co-authors\' homepages, {"Name": "https://..."}: their names link on every card',
    ),
    Setting(
        "scholar_venues",
        {},
        (dict,),
        'venue abbreviations, {"ABBR": "https://..."}: the badge of every paper there links',
    ),
    Setting(
        "scholar_marks",
        dict(DEFAULT_MARK_LEGEND),
        (dict,),
        "what each contribution mark after a name means (equal contribution, ...)",
    ),
    Setting(
        "scholar_preview_dir",
        "_static/previews",
        (str,),
        "where a bare file name in a bib's preview field is looked up",
    ),
    Setting(
        "scholar_files_dir",
        "_static/papers",
        (str,),
        "where a bare file name in pdf, supp, poster or slides is looked up",
    ),
    Setting(
        "scholar_paper_pages",
        "publications",
        (str,),
        'the folder of the generated page per paper ("" writes none)',
        output=True,
    ),
    Setting(
        "scholar_whole_bib",
        False,
        (bool,),
        "every bib entry gets a paper page, a feed entry and checks; False: only those a "
        "publications list, a publication card or a paper or award role shows",
    ),
    Setting(
        "scholar_filter_threshold",
        10,
        (int,),
        "lists with more papers than this get a filter box",
    ),
    Setting(
        "scholar_details_threshold",
        100,
        (int,),
        "lists with more papers than this link each card's abstract and BibTeX to its paper "
        "page instead of carrying them: a page of hundreds of papers stays light",
    ),
    Setting(
        "scholar_profile",
        {},
        (dict,),
        "the home page's header, the navbar's icon links and the home page's JSON-LD",
    ),
    Setting(
        "scholar_news_feed",
        "news.xml",
        (str,),
        'the Atom feed of the news, at the site root (needs html_baseurl; "" writes none)',
        output=True,
    ),
    Setting(
        "scholar_papers_feed",
        "papers.xml",
        (str,),
        'the Atom feed of the papers, at the site root (needs html_baseurl; "" writes none)',
        output=True,
    ),
    Setting(
        "scholar_site_description",
        "",
        (str,),
        "the site's description, for pages that have no text of their own",
    ),
    Setting(
        "scholar_theme_fixes",
        True,
        (bool,),
        "pydata-sphinx-theme made fast and quiet: local icons, deferred scripts, favicon",
        rebuild="html",
    ),
    Setting(
        "scholar_defer_scripts",
        True,
        (bool,),
        "with scholar_theme_fixes: every script of a page runs after the page is read",
        rebuild="html",
    ),
    Setting(
        "scholar_talks_feed",
        "talks.xml",
        (str,),
        'the Atom feed of the talks, at the site root (needs html_baseurl; "" writes none)',
        output=True,
    ),
    Setting(
        "scholar_cv_pdf",
        "",
        (str,),
        'the CV as a PDF (typeset by Typst), at this path of the site ("" writes none)',
        output=True,
    ),
    Setting(
        "scholar_max_authors",
        3,
        (int,),
        "cards show this many authors (and the owner) and fold the rest behind a button; "
        "0 shows every name; paper pages always do",
        rebuild="html",
    ),
    # Sphinx's and sphinxcontrib-bibtex's own, with their defaults
    Setting("bibtex_bibfiles", [], (list, tuple), "the bib files, read in order", ours=False),
    Setting("bibtex_encoding", "utf-8-sig", (str,), "the bib files' encoding", ours=False),
    Setting("html_static_path", [], (list, tuple), "folders served under _static/", ours=False),
    Setting("html_extra_path", [], (list, tuple), "folders served at the site root", ours=False),
    Setting("suppress_warnings", [], (list, tuple), "warning types not shown", ours=False),
)
BY_NAME: dict[str, Setting] = {setting.name: setting for setting in SETTINGS}


def defaults(names: Iterable[str]) -> dict[str, Any]:
    """The defaults of *names* (fresh copies: callers may change them)."""
    return {name: copy.deepcopy(BY_NAME[name].default) for name in names}


def escapes_output(value: str) -> bool:
    """Whether a path the build writes at (relative to the output folder) could land
    outside it: absolute, with a drive, a ``..`` step or a backslash (a separator on
    Windows, so ``..\\x`` is a step up there)."""
    if "\\" in value or value.startswith("/"):
        return True
    if PureWindowsPath(value).drive:
        return True
    return ".." in PurePosixPath(value).parts


def checked(values: Mapping[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Our conf.py values as the build may use them, and what was wrong with them.

    A value of a type the setting does not take falls back to its default (a typo in
    conf.py must not stop the build; Sphinx itself warns about the type), and
    characters no page can carry are removed. A path the build writes at that would
    leave the output folder falls back to its default too. Problems are (``"type"``,
    ``"chars"`` or ``"path"``, message).
    """
    out: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    for name, value in values.items():
        setting = BY_NAME.get(name)
        if setting is None:
            continue
        wrong = not isinstance(value, setting.types) or (
            isinstance(value, bool) and bool not in setting.types
        )
        if value is None or wrong:
            if value is not None:
                expected = " or ".join(kind.__name__ for kind in setting.types)
                problems.append(
                    ("type", f"{name} must be {expected}, not {type(value).__name__}; "
                     "the default is used")
                )  # fmt: skip
            value = copy.deepcopy(setting.default)
        value, found = clean_deep(value)
        if setting.output and isinstance(value, str) and escapes_output(value):
            problems.append(
                ("path", f"{name} = {value!r} is outside the output folder (absolute, a drive, "
                 f"'..' or a backslash); the default {setting.default!r} is used")
            )  # fmt: skip
            value = copy.deepcopy(setting.default)
        problems += [
            ("chars", f"{name}: characters no page can carry ({chars}) are removed")
            for chars in found
        ]
        out[name] = value
    return out, problems


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
    whole_bib: bool = False
    cv_pdf: str = ""
    talks_feed: str = ""
    max_authors: int = 3
    details_threshold: int = 100

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> ScholarConfig:
        """From conf.py's values by name (missing ones take their defaults)."""

        good, _ = checked(values)

        def get(name: str) -> Any:
            return good.get(name, copy.deepcopy(BY_NAME[name].default))

        return cls(
            owner=get("scholar_owner"),
            people=get("scholar_people") or {},
            venues=venues_from_config(get("scholar_venues") or {})[0],
            marks={**DEFAULT_MARK_LEGEND, **(get("scholar_marks") or {})},
            preview_dir=get("scholar_preview_dir").strip("/"),
            files_dir=get("scholar_files_dir").strip("/"),
            paper_pages=get("scholar_paper_pages").strip("/"),
            filter_threshold=get("scholar_filter_threshold"),
            profile=get("scholar_profile") or {},
            news_feed=get("scholar_news_feed"),
            papers_feed=get("scholar_papers_feed"),
            site_description=get("scholar_site_description"),
            whole_bib=get("scholar_whole_bib"),
            cv_pdf=get("scholar_cv_pdf").strip("/"),
            talks_feed=get("scholar_talks_feed"),
            max_authors=max(0, get("scholar_max_authors")),
            details_threshold=get("scholar_details_threshold"),
        )
