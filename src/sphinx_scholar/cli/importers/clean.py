"""The clean-up every import shares: fix what a ``-W`` build would warn about, and say so.

Each step works on a :class:`Draft` and notes what it did. The checks are the
build's own (:mod:`sphinx_scholar.validate`, :mod:`sphinx_scholar.bib`), run on
the draft, so "fixed" means "the build no longer warns about it". What cannot
be fixed without guessing (a paper with no year) is set aside in a side file,
not lost.
"""

from __future__ import annotations

import ast
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pybtex.database import BibliographyData, Entry, Person

from ...core.convert import records_from
from ...core.fields import FILE_FIELDS, KNOWN_FIELDS, LINK_LABELS, VENUE_FIELDS, VENUE_OPTIONAL
from ...core.files import SiteFiles, is_remote
from ...core.names import author_from_person, normalize
from ...core.people import PeopleRegistry, entries_from_config
from ...core.records import Publication, Source
from ...core.urls import arxiv_id, doi_url, is_safe, scheme_of
from ...core.validate import check_duplicates, check_name_variants, missing_fields
from . import Draft

#: Venues of preprints and reports: when a paper is also published, the published
#: version is kept and the preprint becomes its link.
_PREPRINT = re.compile(
    r"\b(arxiv|corr|biorxiv|medrxiv|ssrn|eccc|electron\. colloquium|cryptology e ?print|"
    r"iacr|preprint|techrxiv|chemrxiv|psyarxiv|research ?square|dagstuhl seminar)\b",
    re.I,
)
_ARXIV_IN_TEXT = re.compile(
    r"(?:arxiv[:\s/]*|abs/)(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})", re.I
)
_QUOTED_KEY = re.compile(r"as ('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\") \(")
#: Fields of a crossref'd proceedings entry that describe the volume, not the paper.
_PARENT_ONLY = frozenset(
    {"title", "url", "doi", "isbn", "issn", "biburl", "bibsource", "timestamp", "crossref", "ee"}
)


@dataclass
class SiteContext:
    """What the clean-up needs to know about the site being imported into."""

    site: SiteFiles
    preview_dir: str = "_static/previews"
    files_dir: str = "_static/papers"
    owner: Any = ""
    people: Mapping[str, Any] = field(default_factory=dict)  #: scholar_people already there
    paper_pages: bool = True  #: whether the site writes paper pages (the indexing warning)


# -- helpers -----------------------------------------------------------------------------
def records(draft: Draft) -> dict[str, Publication]:
    """The build's records of the draft's entries (its warnings are re-checked from them)."""
    data = BibliographyData()
    for key, entry in draft.entries.items():
        data.add_entry(key, entry)
    sources = {key: Source(str(draft.source), draft.lines.get(key) or None) for key in data.entries}
    result, _ = records_from(data, sources, draft.marks)
    return result


def _field(entry: Entry, name: str) -> str:
    for key, value in entry.fields.items():
        if key.lower() == name:
            return value
    return ""


def _delete(entry: Entry, name: str) -> None:
    for key in [k for k in entry.fields if k.lower() == name]:
        del entry.fields[key]


def _set(entry: Entry, name: str, value: str) -> None:
    _delete(entry, name)
    entry.fields[name] = value


def fill_missing(target: Entry, donor: Entry) -> list[str]:
    """Copy the donor's fields and names the target lacks; return what was copied."""
    copied = []
    have = {name.lower() for name in target.fields}
    for name, value in donor.fields.items():
        if name.lower() not in have and value.strip():
            target.fields[name] = value
            copied.append(name.lower())
    for role, persons in donor.persons.items():
        if not target.persons.get(role):
            for person in persons:
                target.add_person(person, role)
            copied.append(role.lower())
    return copied


# -- steps -------------------------------------------------------------------------------
def report_parse_problems(draft: Draft) -> None:
    """What the tolerant parser repaired: the entry is written again from what was read."""
    for problem in draft.problems:
        where = f"line {problem.line}: " if problem.line else ""
        if problem.kind == "encoding":
            draft.note("fixed", "", f"{problem.message}; the imported bib is UTF-8")
        elif problem.key and problem.key in draft.entries:
            draft.changed.add(problem.key)
            draft.note("fixed", problem.key, f"{where}{problem.message}; check this entry")
        else:
            draft.note("dropped", problem.key, f"{where}{problem.message}")


def resolve_duplicate_keys(draft: Draft) -> None:
    """Two entries, one key: the same title is one paper (merged), else a new key (renamed)."""
    for new, (old, line) in draft.duplicates.items():
        first, second = draft.entries.get(old), draft.entries.get(new)
        if first is None or second is None:
            continue
        if normalize(_field(first, "title")) == normalize(_field(second, "title")):
            copied = fill_missing(first, second)
            if copied:
                draft.changed.add(old)
            del draft.entries[new]
            draft.changed.discard(new)
            also = f"; took {', '.join(copied)} from it" if copied else ""
            draft.note(
                "merged", old, f"key repeated at line {line} for the same title: one entry{also}"
            )
        else:
            draft.note(
                "renamed",
                new,
                f"key {old!r} repeated at line {line} for another paper: this one is now {new!r}",
            )


def inline_crossrefs(draft: Draft, owner_keys: set[str]) -> None:
    """Copy crossref'd proceedings into their papers; drop the proceedings themselves.

    On a homepage every entry is a card: DBLP's ``@proceedings`` volumes are the
    conferences, not the owner's papers (unless the owner edited them).
    """
    parents: dict[str, list[str]] = defaultdict(list)
    lowered = {key.lower(): key for key in draft.entries}
    for key, entry in draft.entries.items():
        parent = lowered.get(_field(entry, "crossref").lower())
        if parent is None:
            continue
        parents[parent].append(key)
        for name, value in draft.entries[parent].fields.items():
            lower = name.lower()
            if lower in _PARENT_ONLY or _field(entry, lower) or not value.strip():
                continue
            entry.fields[name] = value
        if not entry.persons.get("editor"):
            for person in draft.entries[parent].persons.get("editor", []):
                entry.add_person(person, "editor")
        _delete(entry, "crossref")
        draft.changed.add(key)
    for parent, children in parents.items():
        entry = draft.entries[parent]
        editors = {author_from_person(p).key for p in entry.persons.get("editor", [])}
        if entry.type == "proceedings" and not editors & owner_keys:
            del draft.entries[parent]
            draft.changed.discard(parent)
            draft.note(
                "dropped",
                parent,
                f"the proceedings volume (crossref) of {', '.join(children)}: not a paper "
                "of yours; its fields are copied into them",
            )
    if parents:
        count = sum(len(c) for c in parents.values())
        draft.note("fixed", "", f"crossref: the volume's fields copied into {count} entries")


def drop_unknown_fields(draft: Draft) -> None:
    """Fields the extension does not read would warn ``unknown_field``: drop them, once each."""
    uses: dict[str, list[str]] = defaultdict(list)
    for key, entry in draft.entries.items():
        for name in list(entry.fields):
            lower = name.lower()
            if lower not in KNOWN_FIELDS:
                del entry.fields[name]
                uses[lower].append(key)
                draft.changed.add(key)
    for name, keys in sorted(uses.items()):
        shown = ", ".join(keys[:3]) + (", ..." if len(keys) > 3 else "")
        draft.note(
            "dropped",
            f"field {name!r}",
            f"in {len(keys)} entr{'y' if len(keys) == 1 else 'ies'} ({shown}): "
            "the extension does not read it",
        )


def fix_links(draft: Draft) -> None:
    """Empty link fields and URLs that are not http(s), mailto or relative: dropped."""
    names = {*LINK_LABELS, "url"}
    for key, entry in draft.entries.items():
        for name in list(entry.fields):
            lower, value = name.lower(), entry.fields[name].strip()
            if lower not in names:
                continue
            if not value:
                why = "empty"
            elif lower == "arxiv" and (arxiv_id(value) or scheme_of(value) in {"http", "https"}):
                continue
            elif lower == "doi":
                from ...core.urls import doi_of

                if doi_of(value) or scheme_of(value) in {"http", "https"}:
                    continue
                why = f"holds neither a DOI nor a URL ({value[:40]!r})"
            elif lower == "arxiv":
                why = f"holds neither an arXiv id nor a URL ({value[:40]!r})"
            elif is_safe(value):
                continue
            else:
                why = f"not an http(s), mailto or relative URL ({value[:40]!r})"
            del entry.fields[name]
            draft.changed.add(key)
            draft.note("dropped", key, f"field {lower!r}: {why}")


def place_files(draft: Draft, ctx: SiteContext) -> None:
    """Previews and PDFs: copied from the source site when it has them, else dropped.

    A file the site cannot serve would warn ``missing_file`` at every build.
    """
    for key, entry in draft.entries.items():
        for name in list(entry.fields):
            lower = name.lower()
            if lower != "preview" and lower not in FILE_FIELDS:
                continue
            value = entry.fields[name].strip()
            if not value or is_remote(value):
                continue
            folder = ctx.preview_dir if lower == "preview" else ctx.files_dir
            source_dir = draft.asset_dirs.get("preview" if lower == "preview" else "file")
            source = source_dir / value.lstrip("/") if source_dir else None
            if source is not None and source.is_file() and "/" not in value.strip("/"):
                dest = f"{folder}/{value.strip('/')}"
                if (source, dest) not in draft.files:
                    draft.files.append((source, dest))
                continue
            served, _ = ctx.site.resolve(value, folder)
            if served is not None:
                continue
            del entry.fields[name]
            draft.changed.add(key)
            where = f" or in {source_dir}" if source_dir else ""
            draft.note(
                "dropped",
                key,
                f"field {lower!r}: file {value!r} is not in the site's {folder}{where}",
            )


def fix_missing_fields(draft: Draft) -> None:
    """No title, year or author: set aside (guessing would publish wrong data).
    No venue on a type that needs one: written as @misc, which does not."""
    for key, record in records(draft).items():
        entry = draft.entries[key]
        missing = [name for name in missing_fields(record) if name != "venue"]
        if missing:
            draft.drop(
                key,
                f"no {' or '.join(missing)}: set aside in the side file; add "
                f"the {' and '.join(missing)} and move it into the bib",
            )
            continue
        if not record.venue and record.entry_type not in VENUE_OPTIONAL:
            where = "/".join(VENUE_FIELDS.get(record.entry_type, ("journal", "booktitle")))
            draft.entries[key] = Entry(
                "misc",
                fields=list(entry.fields.items()),
                persons={r: list(p) for r, p in entry.persons.items()},
            )
            draft.changed.add(key)
            draft.note(
                "fixed", key, f"@{record.entry_type} with no venue ({where}): written as @misc"
            )


def _is_preprint(record: Publication) -> bool:
    if record.entry_type in {"misc", "unpublished", "techreport", "online"}:
        return True
    return bool(_PREPRINT.search(f"{record.venue.plain} {record.venue_abbr}"))


def _arxiv_of(record: Publication, entry: Entry) -> str:
    if record.arxiv:
        return record.arxiv
    for name in ("journal", "volume", "url", "note"):
        match = _ARXIV_IN_TEXT.search(_field(entry, name))
        if match:
            return arxiv_id(match.group(1)) or match.group(1)
    return ""


def merge_duplicate_papers(draft: Draft) -> None:
    """One paper entered twice (preprint and published): keep the published one,
    with the preprint as its link. The build would warn ``duplicate_paper``."""
    recs = records(draft)
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.get(key, key) != key:
            key = parent[key]
        return key

    for problem in check_duplicates(recs):
        match = _QUOTED_KEY.search(problem.message)
        if not match:  # pragma: no cover  (the message names the first entry)
            continue
        first = ast.literal_eval(match.group(1))
        parent[root(problem.key)] = root(first)
    groups: dict[str, list[str]] = defaultdict(list)
    for key in recs:
        if key in parent or any(v == key for v in parent.values()):
            groups[root(key)].append(key)
    for members in groups.values():
        published = [k for k in members if not _is_preprint(recs[k])]
        keeper = (published or members)[0]
        entry = draft.entries[keeper]
        for other in members:
            if other == keeper:
                continue
            record, donor = recs[other], draft.entries[other]
            arxiv = _arxiv_of(record, donor)
            what = record.venue_abbr or record.venue.plain or "another version"
            if arxiv and not _arxiv_of(recs[keeper], entry):
                entry.fields["arxiv"] = arxiv
                kept = f"its arXiv id {arxiv} is the arXiv link"
            elif arxiv:
                kept = "the arXiv link was there already"
            else:
                url = record.url or (doi_url(record.doi) if record.doi else "")
                label = _short_label(record)
                if url:
                    links = _field(entry, "links")
                    _set(entry, "links", f"{links} [{label}]({url})".strip())
                    kept = f"its link is kept as [{label}]"
                else:
                    kept = "it had no link to keep"
            if not _field(entry, "abstract") and _field(donor, "abstract"):
                entry.fields["abstract"] = _field(donor, "abstract")
            draft.changed.add(keeper)
            del draft.entries[other]
            draft.changed.discard(other)
            draft.note(
                "merged",
                other,
                f"the same paper as {keeper!r} ({what[:50]}): merged into it; {kept}",
            )


def _short_label(record: Publication) -> str:
    venue = record.venue_abbr or record.venue.plain
    if re.search(r"electron\. colloquium|\beccc\b", venue, re.I):
        return "ECCC"
    if len(venue) <= 24 and venue:
        return venue.replace("[", "(").replace("]", ")")
    return "Preprint" if _is_preprint(record) else "Other version"


def align_spellings(draft: Draft) -> None:
    """One co-author written two ways that compare equal ('GERHARD NEUMANN'): one spelling.

    The build's hint for these cannot be silenced by an alias (the names are one
    key already); the spelling used most often wins (accented and mixed-case first).
    """
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    persons: dict[tuple[str, str], Person] = {}
    for entry in draft.entries.values():
        for people in entry.persons.values():
            for person in people:
                author = author_from_person(person)
                if author.others or not author.key:
                    continue
                seen[author.key][author.name] += 1
                persons.setdefault((author.key, author.name), person)

    def loose(name: str) -> str:
        return " ".join(name.replace(".", " ").split())

    def rank(item: tuple[str, int]) -> tuple:
        name, count = item
        return (not name.isupper(), not name.isascii(), count, name)

    best: dict[str, str] = {}
    for key, names in seen.items():
        if len({loose(n) for n in names}) > 1:
            best[key] = max(names.items(), key=rank)[0]
    if not best:
        return
    for key, entry in draft.entries.items():
        for role, people in entry.persons.items():
            for index, person in enumerate(people):
                author = author_from_person(person)
                wanted = best.get(author.key)
                if wanted and author.name != wanted and loose(author.name) != loose(wanted):
                    people[index] = persons[(author.key, wanted)]
                    draft.changed.add(key)
                    draft.note("fixed", key, f"{role} {author.name!r} written as {wanted!r}")


def declare_aliases(draft: Draft, ctx: SiteContext) -> None:
    """Spellings of one co-author that differ in initials or a middle name: declared
    aliases of one person in ``scholar_people`` (the build's hint says to)."""
    people = {**dict(ctx.people), **draft.people}
    entries, _ = entries_from_config(ctx.owner, people)
    registry = PeopleRegistry.build(entries)
    pairs: list[tuple[str, str]] = []

    def same_person(a: str, b: str) -> bool:
        if registry.same_person(a, b):
            return True
        pairs.append((a, b))
        return True

    recs = records(draft)
    check_name_variants(recs.values(), same_person)
    if not pairs:
        return
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.get(key, key) != key:
            key = parent[key]
        return key

    for a, b in pairs:
        parent[root(b)] = root(a)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    for record in recs.values():
        for author in record.authors:
            if author.key:
                names[author.key][author.name] += 1
    groups: dict[str, list[str]] = defaultdict(list)
    for key in {k for pair in pairs for k in pair}:
        groups[root(key)].append(key)
    for keys in groups.values():
        spellings = Counter[str]()
        for key in keys:
            spellings.update(names[key])

        def rank(item: tuple[str, int]) -> tuple:
            name, count = item
            tokens = name.split()
            full = sum(len(t.strip(".")) > 1 for t in tokens)
            return (full, len(tokens), count, name)

        main = max(spellings.items(), key=rank)[0]
        aliases = sorted(set(spellings) - {main})
        known = next((registry.lookup(k) for k in keys if registry.lookup(k)), None)
        if known is not None and known.owner:
            draft.owner_aliases.extend(a for a in aliases if a not in draft.owner_aliases)
            draft.note("mapped", main, f"your name also spelt {', '.join(aliases)}: aliases")
            continue
        name = known.name if known is not None else main
        spec = draft.people.get(name) or people.get(name) or {}
        if isinstance(spec, str):
            spec = {"url": spec}
        spec = dict(spec)
        spec["aliases"] = sorted({*spec.get("aliases", ()), *aliases} - {name})
        draft.people[name] = spec
        draft.note(
            "mapped",
            name,
            f"also spelt {', '.join(spec['aliases'])}: declared as aliases in scholar_people "
            "(one person; remove an alias if it is someone else)",
        )


def missing_abstracts(draft: Draft, ctx: SiteContext) -> list[str]:
    """Warning kinds to suppress: ``indexing`` when paper pages will lack an abstract."""
    if not ctx.paper_pages:
        return []
    lacking = [key for key, record in records(draft).items() if not record.abstract]
    if not lacking:
        return []
    draft.note(
        "fixed",
        "",
        f"{len(lacking)} of {len(draft.entries)} entries have no abstract, so their paper "
        "pages warn 'scholar.indexing' (Google Scholar indexes a page with no abstract "
        "poorly): added 'scholar.indexing' to suppress_warnings in conf.py; remove it "
        "there to see which papers lack one",
    )
    return ["scholar.indexing"]


def clean(
    draft: Draft, ctx: SiteContext, steps: Sequence[Callable[[Draft], None]] = ()
) -> list[str]:
    """Run the shared steps (format-specific ones in *steps* first); return kinds to suppress."""
    owner_entries, _ = entries_from_config(ctx.owner, {})
    owner_keys = {k for e in owner_entries for k in e.keys}
    report_parse_problems(draft)
    resolve_duplicate_keys(draft)
    inline_crossrefs(draft, owner_keys)
    for step in steps:
        step(draft)
    drop_unknown_fields(draft)
    fix_links(draft)
    place_files(draft, ctx)
    fix_missing_fields(draft)
    merge_duplicate_papers(draft)
    align_spellings(draft)
    declare_aliases(draft, ctx)
    return missing_abstracts(draft, ctx)
