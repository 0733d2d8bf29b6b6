"""Which papers a ``publications`` directive shows, in which order and groups.

Pure functions over records, so the same query resolves identically when a page
is written and when the build decides whether that page is out of date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from .messages import N_
from .people import PeopleRegistry
from .records import Publication

GROUPINGS = ("year", "type", "none")
SORTS = ("newest", "oldest", "title")
TYPE_GROUPS: tuple[tuple[str, frozenset[str]], ...] = (
    (N_("Conference papers"), frozenset({"inproceedings", "conference"})),
    (N_("Journal articles"), frozenset({"article", "periodical"})),
    (N_("Books and chapters"), frozenset({"book", "inbook", "incollection", "proceedings"})),
    (N_("Theses"), frozenset({"phdthesis", "mastersthesis", "thesis"})),
    (N_("Reports"), frozenset({"techreport", "report"})),
    (N_("Preprints and other"), frozenset()),
)
_YEARS = re.compile(r"^\s*(\d{4})?\s*(?:(-|–|\.\.)\s*(\d{4})?)?\s*$")


@dataclass(frozen=True)
class Query:
    """The options of a ``publications`` or ``publication`` directive."""

    keys: tuple[str, ...] = ()
    selected: bool = False
    year_from: int | None = None
    year_to: int | None = None
    types: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    author_keys: tuple[str, ...] = ()  #: name keys; any of them matches
    group_by: str = "year"
    sort: str = "newest"
    limit: int | None = None
    group_earlier: int | None = None  #: years up to this one form one "… and earlier" group
    example: bool = False  #: inside a ``scholar-example``: never a card's home


def parse_years(text: str) -> tuple[int | None, int | None]:
    """'2020', '2019-2024', '2020-', '-2019' -> (from, to). Raises ValueError otherwise."""
    match = _YEARS.match(text)
    if not match or not (match.group(1) or match.group(3)):
        raise ValueError(f"{text!r} is not a year or a range such as 2019-2024")
    start = int(match.group(1)) if match.group(1) else None
    end = int(match.group(3)) if match.group(3) else None
    if not match.group(2):
        end = start
    if start and end and start > end:
        raise ValueError(f"{text!r}: the range runs backwards")
    return start, end


def find_record(
    records: Mapping[str, Publication], key: str, folded: Mapping[str, str] | None = None
) -> Publication | None:
    """The record of *key*, matched case-insensitively as BibTeX matches keys.

    A bib with ``Smith2020`` and a page with ``{paper}`smith2020``` name one paper:
    duplicates are already found without regard to case (pybtex's rule).
    *folded* (from :func:`folded_keys`) saves the scan when many keys are looked up.
    """
    record = records.get(key)
    if record is not None:
        return record
    canonical = (folded if folded is not None else folded_keys(records)).get(key.casefold())
    return records.get(canonical) if canonical is not None else None


def folded_keys(records: Mapping[str, Publication]) -> dict[str, str]:
    """Each key case-folded, to the key as the bib spells it (the first, if two fold alike)."""
    folded: dict[str, str] = {}
    for key in records:
        folded.setdefault(key.casefold(), key)
    return folded


def select(records: Mapping[str, Publication], query: Query) -> tuple[list[Publication], list[str]]:
    """The records the query shows, sorted; and the explicit keys it did not find."""
    if query.keys:
        folded = None if all(k in records for k in query.keys) else folded_keys(records)
        looked_up = [(k, find_record(records, k, folded)) for k in query.keys]
        found = [record for _, record in looked_up if record is not None]
        missing = [k for k, record in looked_up if record is None]
        chosen: Iterable[Publication] = found
    else:
        missing = []
        chosen = (r for r in records.values() if not r.hidden)
    chosen = [r for r in chosen if _matches(r, query)]
    if not query.keys or query.sort != "newest":
        chosen = _sorted(chosen, query.sort)
    if query.limit is not None:
        chosen = chosen[: query.limit]
    return chosen, missing


def _matches(record: Publication, query: Query) -> bool:
    if query.selected and not record.selected:
        return False
    if query.year_from is not None and (record.year is None or record.year < query.year_from):
        return False
    if query.year_to is not None and (record.year is None or record.year > query.year_to):
        return False
    if query.types and record.entry_type not in query.types:
        return False
    if query.tags and not {t.lower() for t in record.tags} & {t.lower() for t in query.tags}:
        return False
    return not query.author_keys or any(a.key in query.author_keys for a in record.authors)


def _sorted(records: list[Publication], how: str) -> list[Publication]:
    order = {id(r): i for i, r in enumerate(records)}  # bib order breaks ties
    if how == "title":
        return sorted(records, key=lambda r: (r.title.plain.casefold(), order[id(r)]))
    newest = how == "newest"

    def when(record: Publication) -> tuple[int, int, int]:
        year = record.year if record.year is not None else -1
        month = record.month or 0
        # undated papers go last either way
        if newest:
            return (-year if year >= 0 else 1, -month, order[id(record)])
        return (year if year >= 0 else 10**6, month, order[id(record)])

    return sorted(records, key=when)


def group(records: list[Publication], query: Query) -> list[tuple[str, list[Publication]]]:
    """Split sorted records into titled groups (one group with title "" for 'none')."""
    if query.group_by == "none" or not records:
        return [("", records)]
    groups: dict[str, list[Publication]] = {}
    if query.group_by == "type":
        for title, _ in TYPE_GROUPS:
            groups[title] = []
        for record in records:
            groups[_type_group(record.entry_type)].append(record)
        return [(title, members) for title, members in groups.items() if members]
    for record in records:
        groups.setdefault(_year_group(record.year, query.group_earlier), []).append(record)
    return list(groups.items())


def _type_group(entry_type: str) -> str:
    for title, types in TYPE_GROUPS:
        if entry_type in types:
            return title
    return TYPE_GROUPS[-1][0]


def _year_group(year: int | None, earlier: int | None) -> str:
    if year is None:
        return N_("Undated")
    if earlier is not None and year <= earlier:
        return N_("{year} and earlier").format(year=earlier)
    return str(year)


def group_id(title: str) -> str:
    """An HTML id for a group heading ('2024', '2017-and-earlier')."""
    return "year-" + re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def resolve(
    query: Query, records: Mapping[str, Publication], registry: PeopleRegistry
) -> tuple[list[Publication], list[str]]:
    """:func:`select`, where an author filter matches every alias of that person."""
    if query.author_keys:
        keys = set(query.author_keys)
        for key in query.author_keys:
            person = registry.lookup(key)
            if person:
                keys.update(person.keys)
        query = replace(query, author_keys=tuple(sorted(keys)))
    return select(records, query)


def card_homes(listings: Iterable[tuple[str, Query, list[str]]]) -> dict[str, str]:
    """Where each paper's card lives, from (docname, query, keys shown) of every list.

    The page with the longest list showing the paper wins (a list in a
    ``scholar-example`` only when no other page shows it); ties go to the first
    docname, so the answer never depends on the order pages were read.
    """
    ranked = sorted(
        ((query.example, -len(keys), docname, keys) for docname, query, keys in listings),
        key=lambda item: item[:3],  # stable: one page's lists keep their order
    )
    homes: dict[str, str] = {}
    for _, _, docname, keys in ranked:
        for key in keys:
            homes.setdefault(key, docname)
    return homes
