"""The people registry: who the site owner is, and where each co-author's name links.

Entries come from conf.py (``scholar_owner``, ``scholar_people``) and from the
``people`` directive of any page (students and alumni link to their entry on
the group page). Names match by key: accents, case, punctuation and DBLP's
homonym numbers are ignored, and every alias maps to the same person.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .names import key_of
from .urls import is_safe


@dataclass(frozen=True, slots=True)
class PersonEntry:
    """A person the site knows. ``url`` is external; ``docname``+``anchor`` point into the site."""

    name: str
    url: str = ""
    aliases: tuple[str, ...] = ()
    docname: str = ""
    anchor: str = ""
    owner: bool = False

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(k for k in map(key_of, (self.name, *self.aliases)) if k))


@dataclass
class PeopleRegistry:
    """Name key -> person. Built once per build, read by every card."""

    by_key: dict[str, PersonEntry] = field(default_factory=dict)

    @classmethod
    def build(cls, entries: Iterable[PersonEntry]) -> PeopleRegistry:
        """Later entries fill in what earlier ones lack; the owner always wins."""
        registry = cls()
        for entry in entries:
            registry.add(entry)
        return registry

    def add(self, entry: PersonEntry) -> None:
        keys = entry.keys
        known = next((self.by_key[k] for k in keys if k in self.by_key), None)
        if known is not None:
            entry = _merge(known, entry)
            keys = tuple(dict.fromkeys((*known.keys, *entry.keys)))
        for key in keys:
            self.by_key[key] = entry

    def lookup(self, key: str) -> PersonEntry | None:
        return self.by_key.get(key)

    def same_person(self, a: str, b: str) -> bool:
        ea, eb = self.by_key.get(a), self.by_key.get(b)
        return ea is not None and ea is eb

    def digest(self) -> str:
        """Changes when any link or alias changes (cards must then be rewritten)."""
        import hashlib

        text = repr(sorted((k, repr(v)) for k, v in self.by_key.items()))
        return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


def _merge(old: PersonEntry, new: PersonEntry) -> PersonEntry:
    return PersonEntry(
        name=old.name if old.owner or not new.name else new.name if not old.name else old.name,
        url=old.url or new.url,
        aliases=tuple(dict.fromkeys((*old.aliases, *new.aliases, new.name))),
        docname=old.docname or new.docname,
        anchor=old.anchor or new.anchor,
        owner=old.owner or new.owner,
    )


def entries_from_config(owner: object, people: object) -> tuple[list[PersonEntry], list[str]]:
    """Read ``scholar_owner`` and ``scholar_people``; return entries and config errors.

    ``scholar_owner``: "Name" or ["Name", "Alias", ...] or {"name", "aliases", "url"}.
    ``scholar_people``: {"Name": "https://..."} or {"Name": {"url": ..., "aliases": [...]}}.
    """
    entries: list[PersonEntry] = []
    errors: list[str] = []
    if owner:
        if isinstance(owner, str):
            entries.append(PersonEntry(owner, owner=True))
        elif isinstance(owner, (list, tuple)) and all(isinstance(n, str) for n in owner):
            entries.append(PersonEntry(owner[0], aliases=tuple(owner[1:]), owner=True))
        elif isinstance(owner, Mapping) and isinstance(owner.get("name"), str):
            owner_url = str(owner.get("url", ""))
            if owner_url and not is_safe(owner_url):
                errors.append(
                    f"scholar_owner: {owner_url!r} is not an http(s), mailto or relative "
                    "URL; the name is shown without a link"
                )
            entries.append(
                PersonEntry(
                    owner["name"],
                    url=owner_url if is_safe(owner_url) else "",
                    aliases=tuple(owner.get("aliases", ())),
                    owner=True,
                )
            )
        else:
            errors.append("scholar_owner must be a name, a list of names or a dict with 'name'")
    if isinstance(people, Mapping):
        for name, value in people.items():
            if isinstance(value, str):
                url, aliases = value, ()
            elif isinstance(value, Mapping):
                url, aliases = str(value.get("url", "")), tuple(value.get("aliases", ()))
            else:
                errors.append(f"scholar_people[{name!r}] must be a URL or a dict")
                continue
            if url and not is_safe(url):
                errors.append(
                    f"scholar_people[{name!r}]: {url!r} is not an http(s), mailto or relative "
                    "URL; the name is shown without a link"
                )
                url = ""
            entries.append(PersonEntry(str(name), url=url, aliases=aliases))
    elif people:
        errors.append("scholar_people must be a dict of name -> URL or {url, aliases}")
    return entries, errors
