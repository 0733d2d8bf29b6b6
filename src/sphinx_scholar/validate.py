"""Input checks that look at the whole bib: fields, files, duplicates, name spellings.

Every check returns :class:`Diagnostic` values and prints nothing, so the
Sphinx build and the ``check`` command report the same problems.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping

from pybtex.database import BibliographyData

from .bib import FILE_FIELDS, LINK_FIELDS, VENUE_OPTIONAL
from .diagnostics import Diagnostic
from .files import SiteFiles, is_remote
from .names import edit_distance_at_most_one, initials_compatible, normalize
from .records import Author, Publication

#: Fields this extension reads (al-folio's vocabulary included).
OWN_FIELDS = frozenset(
    {name for name, _ in LINK_FIELDS}
    | {
        "abbr",
        "preview",
        "preview_alt",
        "selected",
        "abstract",
        "bibtex_show",
        "award",
        "award_name",
        "annotation",
        "tags",
        "links",
        "hidden",
    }
)
#: Standard BibTeX and biblatex fields.
STANDARD_FIELDS = frozenset(
    {
        "address",
        "annote",
        "author",
        "booktitle",
        "chapter",
        "crossref",
        "edition",
        "editor",
        "howpublished",
        "institution",
        "journal",
        "key",
        "month",
        "note",
        "number",
        "organization",
        "pages",
        "publisher",
        "school",
        "series",
        "title",
        "type",
        "volume",
        "year",
        "url",
        "doi",
        "eprint",
        "archiveprefix",
        "primaryclass",
        "eprinttype",
        "eprintclass",
        "isbn",
        "issn",
        "keywords",
        "date",
        "urldate",
        "language",
        "langid",
        "location",
        "journaltitle",
        "booktitleaddon",
        "eventtitle",
        "eventdate",
        "venue",
        "subtitle",
        "titleaddon",
        "maintitle",
        "shorttitle",
        "shortjournal",
        "shortauthor",
        "shortseries",
        "issue",
        "issuetitle",
        "pagetotal",
        "numpages",
        "articleno",
        "translator",
        "annotator",
        "commentator",
        "introduction",
        "foreword",
        "afterword",
        "holder",
        "version",
        "addendum",
        "pubstate",
        "origdate",
        "origlanguage",
        "related",
        "relatedtype",
        "xdata",
        "xref",
        "ids",
        "sortkey",
        "sortname",
        "sorttitle",
        "sortyear",
        "presort",
        "execute",
        "options",
        "label",
        "entryset",
        "gender",
        "indextitle",
        "indexsorttitle",
        "library",
        "lccn",
        "mrnumber",
        "zmnumber",
        "pmid",
        "pmcid",
        "isrn",
        "ismn",
        "isan",
        "iswc",
        "ean",
        "bookauthor",
        "editora",
        "editorb",
        "editorc",
        "editortype",
        "namea",
        "nameb",
        "namec",
        "file",
        "abstract",
        "mrclass",
        "mrreviewer",
        "fjournal",
        "coden",
        "acknowledgement",
        "bibdate",
        "bibsource",
        "biburl",
        "timestamp",
        "copyright",
        "size",
        "citeulike-article-id",
        "citeulike-linkout-0",
        "citeulike-linkout-1",
        "day",
        "publisher-place",
    }
)
#: Metadata that export tools add; nobody expects a homepage to show it.
TOOL_FIELDS = frozenset(
    {
        "google_scholar_id",
        "dimensions",
        "altmetric",
        "inspirehep_id",
        "additional_info",
        "adsurl",
        "adsnote",
        "date-added",
        "date-modified",
        "bdsk-url-1",
        "bdsk-url-2",
        "bdsk-url-3",
        "bdsk-file-1",
        "bdsk-file-2",
        "mendeley-groups",
        "mendeley-tags",
        "owner",
        "groups",
        "read",
        "rating",
        "priority",
        "ranking",
        "qualityassured",
        "readstatus",
        "comment",
        "comments",
        "review",
        "local-url",
        "researcherid-numbers",
        "unique-id",
        "orcid-numbers",
        "web-of-science-categories",
        "web-of-science-index",
        "da",
        "affiliation",
        "affiliations",
        "funding-acknowledgement",
        "funding-text",
        "number-of-cited-references",
        "times-cited",
        "usage-count-last-180-days",
        "usage-count-since-2013",
        "journal-iso",
        "doc-delivery-number",
        "keywords-plus",
        "research-areas",
        "cited-references",
        "eissn",
        "publication-type",
        "collaborator",
        "type_of_paper",
        "ee",
        "slug",
        "dblp",
        "arxivid",
        "bibtex_key",
        "citation-count",
        "semantic_scholar_id",
        "openalex",
        "zbl",
        "mrnumber",
        "language",
        "lang",
        "publisher_url",
        "school_url",
        "category",
        "topic",
        "project",
        "status",
    }
)
KNOWN_FIELDS = OWN_FIELDS | STANDARD_FIELDS | TOOL_FIELDS
_SUGGESTIONS = sorted(OWN_FIELDS | STANDARD_FIELDS)
PERSON_ROLES = frozenset({"author", "editor"})


def check_fields(data: BibliographyData, records: Mapping[str, Publication]) -> list[Diagnostic]:
    """Missing required fields, and custom fields nobody reads."""
    problems: list[Diagnostic] = []
    for key, record in records.items():
        entry = data.entries.get(key)
        where = (record.source.file, record.source.line)
        missing = []
        if not record.title:
            missing.append("title")
        if not record.authors:
            missing.append("author")
        if record.year is None:
            missing.append("year")
        if not record.venue and record.entry_type not in VENUE_OPTIONAL:
            missing.append("venue")
        if missing:
            problems.append(
                Diagnostic(
                    "missing_field",
                    f"@{record.entry_type} entry has no {', '.join(missing)}; "
                    "the card shows what there is",
                    *where,
                    key,
                )
            )
        if entry is None:
            continue
        for name in entry.fields:
            lower = name.lower()
            if lower in KNOWN_FIELDS or lower in PERSON_ROLES:
                continue
            guess = difflib.get_close_matches(lower, _SUGGESTIONS, n=1, cutoff=0.75)
            hint = f"; did you mean {guess[0]!r}?" if guess else " (it is not shown)"
            problems.append(
                Diagnostic("unknown_field", f"unknown field {name!r}{hint}", *where, key)
            )
    return problems


def check_files(
    records: Mapping[str, Publication],
    site: SiteFiles,
    preview_dir: str,
    files_dir: str,
) -> list[Diagnostic]:
    """Thumbnails and file links that point to files the site does not have."""
    problems: list[Diagnostic] = []
    for key, record in records.items():
        where = (record.source.file, record.source.line)
        wanted = []
        if record.thumbnail:
            wanted.append(("preview", record.thumbnail, preview_dir))
        wanted.extend(
            (link.kind, link.url, files_dir)
            for link in record.links
            if link.kind in FILE_FIELDS and link.url and not is_remote(link.url)
        )
        for field, value, folder in wanted:
            served, problem = site.resolve(value, folder)
            if served is None:
                problems.append(Diagnostic("missing_file", f"{field}: {problem}", *where, key))
    return problems


def check_duplicates(records: Mapping[str, Publication]) -> list[Diagnostic]:
    """One paper entered twice under two keys (same normalised title and year)."""
    seen: dict[tuple[str, int | None], Publication] = {}
    problems = []
    for record in records.values():
        title = normalize(record.title.plain)
        if not title:
            continue
        first = seen.setdefault((title, record.year), record)
        if first is not record:
            problems.append(
                Diagnostic(
                    "duplicate_paper",
                    f"same title and year as {first.key!r} ({first.source.file}:"
                    f"{first.source.line}); is this one paper entered twice?",
                    record.source.file,
                    record.source.line,
                    record.key,
                )
            )
    return problems


def check_name_variants(
    records: Iterable[Publication],
    same_person: Callable[[str, str], bool] = lambda a, b: False,
) -> list[Diagnostic]:
    """Hints for one co-author spelt two ways: accents, a typo, initials, a middle name.

    ``same_person(key_a, key_b)`` says when the people registry already knows two
    spellings are one person (an alias), which silences the hint.
    """
    forms: dict[str, dict[str, Publication]] = defaultdict(dict)  # key -> display -> first record
    authors: dict[str, Author] = {}
    for record in records:
        for author in record.authors:
            if author.others or not author.key:
                continue
            forms[author.key].setdefault(author.name, record)
            authors.setdefault(author.key, author)
    problems: list[Diagnostic] = []

    def hint(a_name: str, a_rec: Publication, b_name: str, b_rec: Publication, why: str) -> None:
        problems.append(
            Diagnostic(
                "name_variant",
                f"{b_name!r} here and {a_name!r} in {a_rec.key!r} look like one person "
                f"({why}); write one spelling, or declare it an alias in scholar_people",
                b_rec.source.file,
                b_rec.source.line,
                b_rec.key,
            )
        )

    # 1. one key, several spellings: accents or punctuation differ
    for spellings in forms.values():
        if len(spellings) > 1:
            (a_name, a_rec), *rest = spellings.items()
            for b_name, b_rec in rest:
                hint(a_name, a_rec, b_name, b_rec, "accents or punctuation differ")
    # 2. same family name, compatible given names; 3. same given name, family one letter apart
    by_family: dict[str, list[str]] = defaultdict(list)
    by_given: dict[str, list[str]] = defaultdict(list)
    for key, author in authors.items():
        by_family[normalize(author.family)].append(key)
        by_given[normalize(author.given)].append(key)
    pairs: set[tuple[str, str, str]] = set()
    for keys in by_family.values():
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                if initials_compatible(normalize(authors[a].given), normalize(authors[b].given)):
                    pairs.add((a, b, "initials or a middle name differ"))
    for given, keys in by_given.items():
        if not given:
            continue
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                fa, fb = normalize(authors[a].family), normalize(authors[b].family)
                if min(len(fa), len(fb)) >= 4 and edit_distance_at_most_one(fa, fb):
                    pairs.add((a, b, "the family names differ by one letter"))
    for a, b, why in sorted(pairs):
        if same_person(a, b):
            continue
        (a_name, a_rec), (b_name, b_rec) = (
            next(iter(forms[a].items())),
            next(iter(forms[b].items())),
        )
        hint(a_name, a_rec, b_name, b_rec, why)
    return problems
