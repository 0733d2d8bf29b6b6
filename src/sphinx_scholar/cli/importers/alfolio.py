"""al-folio sites: ``_bibliography/papers.bib`` plus co-authors, venues and files.

The extension reads al-folio's field vocabulary (abbr, preview, pdf, selected,
bibtex_show, ...), so the papers come over unchanged and entries the import does
not touch are copied verbatim. What al-folio keeps beside the bib becomes
conf.py: ``_data/coauthors.yml`` -> ``scholar_people``, ``_data/venues.yml`` ->
``scholar_venues``; previews and PDFs are copied into the site's folders.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import yaml

from ...core.names import author_from_person, normalize
from ...core.urls import is_safe
from ..sourcetext import SourceError, encoding_note, read_text
from . import Draft
from .readbib import read_bib

__all__ = ["SourceError", "read"]

_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")


class _DataLoader(yaml.SafeLoader):
    """PyYAML's safe loader without aliases: al-folio's data files do not use them, and
    ``&a [*a, *a]`` nested a few times is a small file that expands without end
    (the import turns every value into a string)."""

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None, None, "an alias (*name): data files are read without them",
                self.peek_event().start_mark,
            )  # fmt: skip
        return super().compose_node(parent, index)  # type: ignore[arg-type]


def _yaml(path: Path, draft: Draft, where: str) -> Any:
    """A YAML data file, in whatever encoding it was saved (the report says which)."""
    text, encoding = read_text(path)
    if encoding:
        draft.note("fixed", where, encoding_note(where, encoding))
    try:
        return yaml.load(text, Loader=_DataLoader) or {}  # _DataLoader is a SafeLoader
    except (yaml.YAMLError, RecursionError) as error:
        raise SourceError(f"cannot read {path}: {error}") from error


def _families(draft: Draft) -> dict[str, str]:
    """normalised family name -> its spelling in the bib ('muller' -> 'Müller')."""
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for entry in draft.entries.values():
        for persons in entry.persons.values():
            for person in persons:
                author = author_from_person(person)
                if author.family:
                    seen[normalize(author.family)][author.family] += 1
    return {key: spellings.most_common(1)[0][0] for key, spellings in seen.items()}


def people_from_coauthors(data: Any, draft: Draft, where: str = "coauthors.yml") -> None:
    """al-folio's ``lastname: [{firstname: [variants], url}]`` as scholar_people's
    ``{"First Last": {url, aliases}}``: the same people, matched by name key."""
    if not isinstance(data, dict):
        draft.note("dropped", where, "not a mapping of last names; nothing read")
        return
    families = _families(draft)
    for last, people in data.items():
        if not isinstance(people, list):
            people = [people]
        family = families.get(normalize(str(last)), str(last).title())
        for person in people:
            if not isinstance(person, dict):
                draft.note("dropped", str(last), f"{where}: an item is not a mapping")
                continue
            firsts = person.get("firstname") or []
            firsts = [firsts] if isinstance(firsts, str) else [str(f) for f in firsts]
            url = str(person.get("url") or "")
            if not firsts:
                draft.note("dropped", str(last), f"{where}: no firstname")
                continue
            if url and not is_safe(url):
                draft.note("dropped", str(last), f"{where}: unsafe URL {url!r}")
                url = ""
            name = f"{firsts[0]} {family}"
            aliases = [f"{first} {family}" for first in firsts[1:]]
            spec: dict[str, Any] = {"url": url} if url else {}
            if aliases:
                spec["aliases"] = aliases
            draft.people[name] = spec.get("url", "") if list(spec) == ["url"] else spec
            linked = f"linked to {url}" if url else "no URL"
            also = f" (also {', '.join(aliases)})" if aliases else ""
            draft.note("mapped", name, f"{where}: {linked}{also}")


def venues_from_yml(data: Any, draft: Draft, where: str = "venues.yml") -> None:
    """al-folio: ``ABBR: {url, color}`` -> ``scholar_venues`` (same shape)."""
    if not isinstance(data, dict):
        draft.note("dropped", where, "not a mapping of abbreviations; nothing read")
        return
    for abbr, spec in data.items():
        spec = {"url": spec} if isinstance(spec, str) else spec
        if not isinstance(spec, dict):
            draft.note("dropped", str(abbr), f"{where}: not a mapping")
            continue
        venue: dict[str, str] = {}
        url, color = str(spec.get("url") or ""), str(spec.get("color") or "").strip()
        if url and is_safe(url):
            venue["url"] = url
        elif url:
            draft.note("dropped", str(abbr), f"{where}: unsafe URL {url!r}")
        if color and _HEX.fullmatch(color):
            venue["color"] = color
        elif color:
            draft.note("dropped", str(abbr), f"{where}: colour {color!r} is not #rgb or #rrggbb")
        if spec.get("name"):
            venue["name"] = str(spec["name"])
        draft.venues[str(abbr)] = venue
        draft.note("mapped", str(abbr), f"{where}: venue badge {venue}")


def read(source: Path) -> Draft:
    """An al-folio site folder, or its papers.bib alone (then no people, venues or files)."""
    site: Path | None = source
    if source.is_dir():
        bib = source / "_bibliography" / "papers.bib"
        if not bib.is_file():
            raise SourceError(f"{source} has no _bibliography/papers.bib: is it an al-folio site?")
    else:  # a bib in _bibliography/ still has its site around it
        bib = source
        site = source.parent.parent if source.parent.name == "_bibliography" else None
    draft, _ = read_bib(bib, "alfolio", keep_text=True)
    if site is None:
        return draft
    data_dir = site / "_data"
    for name, reader in (("coauthors.yml", people_from_coauthors), ("venues.yml", venues_from_yml)):
        path = data_dir / name
        if path.is_file():
            reader(_yaml(path, draft, f"_data/{name}"), draft, f"_data/{name}")
    previews, pdfs = site / "assets/img/publication_preview", site / "assets/pdf"
    if previews.is_dir():
        draft.asset_dirs["preview"] = previews
    if pdfs.is_dir():
        draft.asset_dirs["file"] = pdfs
    return draft


STEPS = ()
