"""A CV as plain data: sections assembled from what the site already declares.

The CV page (HTML) and the CV PDF are two views of one :class:`CvDocument`, so they
can never disagree. Nothing here knows Sphinx: the integration collects the items
(timeline, awards, courses, people, talks, free sections) and the records, and this
module filters, groups and orders them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from .dates import PartialDate
from .messages import ENGLISH, N_, Messages
from .people import PeopleRegistry
from .records import Publication

#: The kinds a paper is grouped by, in the order a CV lists them.
PAPER_KINDS: tuple[tuple[str, str], ...] = (
    ("journal", N_("Journal articles")),
    ("conference", N_("Conference papers")),
    ("workshop", N_("Workshop papers")),
    ("preprint", N_("Preprints")),
    ("thesis", N_("Theses")),
    ("other", N_("Other publications")),
)
KIND_TITLES = dict(PAPER_KINDS)
#: The sections a ``cv`` shows when ``:sections:`` is not given, in this order. "timeline"
#: stands for every timeline list of the site (education, experience...), "free" for the
#: sections written inside the directive.
DEFAULT_SECTIONS = (
    "profile",
    "timeline",
    "publications",
    "awards",
    "talks",
    "teaching",
    "advising",
    "free",
)
KNOWN_SECTIONS = frozenset(DEFAULT_SECTIONS)
GROUPINGS = ("kind", "year", "none")
_THESIS = frozenset({"phdthesis", "mastersthesis", "thesis"})
_PREPRINT_VENUE = re.compile(r"arxiv|corr\b|preprint|biorxiv|medrxiv|ssrn", re.IGNORECASE)


def paper_kind(record: Publication) -> str:
    """journal, conference, workshop, preprint, thesis or other, from type and venue."""
    kind = record.entry_type
    venue = f"{record.venue.plain} {record.venue_abbr}"
    if kind in _THESIS:
        return "thesis"
    if kind in {"unpublished"} or (
        kind in {"misc", "article", "online", "report", "techreport"}
        and (_PREPRINT_VENUE.search(venue) or (record.arxiv and not record.venue))
    ):
        return "preprint"
    if kind in {"inproceedings", "conference", "proceedings"}:
        return "workshop" if re.search(r"workshop", venue, re.IGNORECASE) else "conference"
    if kind in {"article", "periodical"}:
        return "journal"
    return "other"


@dataclass(frozen=True)
class CvOptions:
    """The options of a ``cv`` directive (and of ``sphinx-scholar cv``)."""

    sections: tuple[str, ...] = DEFAULT_SECTIONS
    selected: bool = False
    since: int | None = None
    tags: tuple[str, ...] = ()
    group_by: str = "kind"
    numbered: bool = False


@dataclass(frozen=True)
class CvAuthor:
    name: str
    owner: bool = False
    marks: tuple[str, ...] = ()
    others: bool = False


@dataclass(frozen=True)
class CvPaper:
    key: str
    title: str
    authors: tuple[CvAuthor, ...]
    venue: str
    year: int | None
    url: str  #: the paper's own page, else its DOI or URL
    awards: tuple[str, ...] = ()
    number: int | None = None  #: its number when the list is numbered


@dataclass(frozen=True)
class CvEntry:
    """One line of a non-publication section: when, what, where, and a link."""

    when: str
    title: str
    detail: str = ""
    url: str = ""
    note: str = ""
    links: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Talk:
    """One talk of a ``talks`` directive."""

    date: PartialDate
    title: str
    event: str = ""
    location: str = ""
    links: tuple[tuple[str, str], ...] = ()  #: (label, URL): event page, slides, video
    paper: str = ""  #: a bib key
    anchor: str = ""  #: its HTML id on the talks page
    line: int = 0  #: the page line it was written on, for warnings


def talk_entry(talk: Talk, messages: Messages = ENGLISH) -> CvEntry:
    """A talk as a CV line: its date and its links' labels in the site's language."""
    detail = ", ".join(x for x in (talk.event, talk.location) if x)
    links = tuple((messages(label), url) for label, url in talk.links)
    date = messages.date(talk.date.year, talk.date.month, talk.date.day)
    return CvEntry(date, talk.title, detail, links=links)


@dataclass(frozen=True)
class CvGroup:
    title: str  #: "" for one untitled group
    papers: tuple[CvPaper, ...] = ()
    entries: tuple[CvEntry, ...] = ()


@dataclass(frozen=True)
class CvSection:
    id: str
    title: str
    groups: tuple[CvGroup, ...]
    paragraphs: tuple[str, ...] = ()  #: the free text of a section written in the page
    free_index: int | None = None  #: a free section: its place in ``CvSource.free``


@dataclass(frozen=True)
class CvProfile:
    name: str = ""
    title: str = ""
    affiliation: str = ""
    affiliation_url: str = ""
    email: str = ""
    links: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class CvDocument:
    profile: CvProfile
    sections: tuple[CvSection, ...]
    legend: tuple[tuple[str, str], ...] = ()  #: the marks the papers use, with meanings


#: A free section written in the page: (id, title, paragraphs, list items).
FreeSection = tuple[str, str, tuple[str, ...], tuple["CvEntry", ...]]


@dataclass(frozen=True)
class CvSource:
    """What the site declares, collected by the integration (all plain data)."""

    profile: CvProfile = field(default_factory=CvProfile)
    #: one (title, entries) per timeline list of the site, in page order
    timelines: tuple[tuple[str, tuple[CvEntry, ...]], ...] = ()
    awards: tuple[CvEntry, ...] = ()
    teaching: tuple[CvEntry, ...] = ()
    current: tuple[CvEntry, ...] = ()
    alumni: tuple[CvEntry, ...] = ()
    talks: tuple[CvEntry, ...] = ()
    #: (id, title, paragraphs, entries) of the sections written inside the directive
    free: tuple[FreeSection, ...] = ()


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "section"


def select_papers(records: Iterable[Publication], options: CvOptions) -> list[Publication]:
    """The papers the options keep, newest first (hidden entries are never listed)."""
    tags = {t.casefold() for t in options.tags}
    kept = [
        r
        for r in records
        if not r.hidden
        and (not options.selected or r.selected)
        and (options.since is None or (r.year is not None and r.year >= options.since))
        and (not tags or tags & {t.casefold() for t in r.tags})
    ]
    return sorted(kept, key=lambda r: (-(r.year or 0), -(r.month or 0), r.key))


def cv_paper(
    record: Publication, registry: PeopleRegistry, url: str = "", messages: Messages = ENGLISH
) -> CvPaper:
    _ = messages
    authors = []
    for author in record.authors:
        person = registry.lookup(author.key) if author.key else None
        authors.append(
            CvAuthor(author.name, bool(person and person.owner), author.marks, author.others)
        )
    doi = f"https://doi.org/{record.doi}" if record.doi else ""
    venue = record.venue.plain or record.venue_abbr
    return CvPaper(
        key=record.key,
        title=record.title.plain or _("Untitled"),
        authors=tuple(authors),
        venue=venue,
        year=record.year,
        url=url or record.url or doi,
        awards=tuple(a.name for a in record.awards),
    )


def group_papers(
    papers: list[CvPaper], kinds: Mapping[str, str], how: str, messages: Messages = ENGLISH
) -> list[CvGroup]:
    """Groups by kind (in :data:`PAPER_KINDS` order), by year (newest first), or one."""
    _ = messages
    if how == "kind":
        order = [kind for kind, _ in PAPER_KINDS]
        buckets: dict[str, list[CvPaper]] = {kind: [] for kind in order}
        for paper in papers:
            buckets[kinds[paper.key]].append(paper)
        return [CvGroup(_(KIND_TITLES[k]), tuple(buckets[k])) for k in order if buckets[k]]
    if how == "year":
        years: dict[str, list[CvPaper]] = {}
        for paper in papers:
            years.setdefault(str(paper.year) if paper.year else _("Undated"), []).append(paper)
        return [CvGroup(year, tuple(group)) for year, group in years.items()]
    return [CvGroup("", tuple(papers))] if papers else []


def _numbered(groups: list[CvGroup]) -> list[CvGroup]:
    """Numbers counting down across the whole list, as CVs number papers."""
    total = sum(len(g.papers) for g in groups)
    out, n = [], total
    for group in groups:
        papers = []
        for paper in group.papers:
            papers.append(replace(paper, number=n))
            n -= 1
        out.append(CvGroup(group.title, tuple(papers)))
    return out


def assemble(
    source: CvSource,
    records: Mapping[str, Publication],
    registry: PeopleRegistry,
    options: CvOptions,
    legend: Mapping[str, str] | None = None,
    paper_url: Mapping[str, str] | None = None,
    messages: Messages = ENGLISH,
) -> CvDocument:
    """The CV: every asked-for section that has something to show, in the asked order."""
    _ = messages
    sections: list[CvSection] = []
    used_marks: set[str] = set()
    for name in options.sections:
        if name == "timeline":
            for title, entries in source.timelines:
                if entries:
                    sections.append(CvSection(slug(title), title, (CvGroup("", entries=entries),)))
        elif name == "publications":
            chosen = select_papers(records.values(), options)
            urls = paper_url or {}
            papers = [cv_paper(r, registry, urls.get(r.key, ""), messages) for r in chosen]
            kinds = {r.key: paper_kind(r) for r in chosen}
            groups = group_papers(papers, kinds, options.group_by, messages)
            if options.numbered:
                groups = _numbered(groups)
            for paper in papers:
                for author in paper.authors:
                    used_marks.update(author.marks)
            if groups:
                sections.append(CvSection("publications", _("Publications"), tuple(groups)))
        elif name == "advising":
            groups = [
                CvGroup(title, entries=entries)
                for title, entries in (
                    (_("Current students"), source.current),
                    (_("Alumni"), source.alumni),
                )
                if entries
            ]
            if groups:
                sections.append(CvSection("advising", _("Advising"), tuple(groups)))
        elif name in {"awards", "teaching", "talks"}:
            entries = getattr(source, name)
            if entries:
                title = {"awards": _("Awards"), "teaching": _("Teaching"), "talks": _("Talks")}[
                    name
                ]
                sections.append(CvSection(name, title, (CvGroup("", entries=entries),)))
        elif name == "free":
            for index, (sid, title, paragraphs, entries) in enumerate(source.free):
                if sid in options.sections and sid not in KNOWN_SECTIONS:
                    continue  # placed by its own id elsewhere in the order
                groups_ = (CvGroup("", entries=entries),) if entries else ()
                sections.append(CvSection(sid, title, groups_, paragraphs, index))
        else:  # the id of one free section: placed where the option puts it
            for index, (sid, title, paragraphs, entries) in enumerate(source.free):
                if sid == name:
                    groups_ = (CvGroup("", entries=entries),) if entries else ()
                    sections.append(CvSection(sid, title, groups_, paragraphs, index))
    profile = source.profile if "profile" in options.sections else CvProfile()
    meanings = legend or {}
    marks = tuple((m, messages(meanings.get(m, ""))) for m in sorted(used_marks))
    return CvDocument(profile, tuple(sections), marks)
