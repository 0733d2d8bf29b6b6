"""Author names: marks, DBLP suffixes and the key two spellings are compared by.

pybtex splits names into their parts (von, Jr, "Last, First"); this module
only adds what academic homepages need on top: contribution marks written in
the name (al-folio writes ``Miao*, Xupeng``), and a normalised key.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict

from pybtex.database import Person

from .latex import to_text
from .messages import N_
from .records import Author

#: Marks as people write them in a bib, and the character each one means.
_MARK_FORMS: tuple[tuple[str, str], ...] = (
    (r"\$\s*\^?\s*\{?\s*(?:\*|\\ast)\s*\}?\s*\$", "*"),
    (r"\$\s*\^?\s*\{?\s*\\dagger\s*\}?\s*\$", "†"),
    (r"\$\s*\^?\s*\{?\s*\\ddagger\s*\}?\s*\$", "‡"),
    (r"\$\s*\^?\s*\{?\s*\\S\s*\}?\s*\$", "§"),
    (r"\\textsuperscript\s*\{\s*\*\s*\}", "*"),
    (r"\\textsuperscript\s*\{\s*(?:\\dag|\\textdagger|†)\s*\}", "†"),
    (r"\\textsuperscript\s*\{\s*(?:\\ddag|\\textdaggerdbl|‡)\s*\}", "‡"),
    (r"\{?\\(?:textdagger|dag)\b\s*\}?(?:\{\})?", "†"),
    (r"\{?\\(?:textdaggerdbl|ddag)\b\s*\}?(?:\{\})?", "‡"),
    (r"\^\s*\{?\s*\*\s*\}?", "*"),
    (r"\*", "*"),
    (r"†", "†"),
    (r"‡", "‡"),
    (r"§", "§"),
)
_MARKS = re.compile("|".join(f"({form})" for form, _ in _MARK_FORMS))
_MARK_OF_GROUP = [mark for _, mark in _MARK_FORMS]
_DBLP_SUFFIX = re.compile(r"\s+\d{4}(?=\s*(?:,|$))")
_NON_WORD = re.compile(r"[\W_]+")

#: What each mark means, unless conf.py says otherwise (``scholar_marks``).
DEFAULT_MARK_LEGEND = {
    "*": N_("Equal contribution"),
    "†": N_("Corresponding author"),
    "‡": N_("Equal advising"),
    "§": N_("Work done while at another institution"),
}


def split_marks(name: str) -> tuple[str, tuple[str, ...]]:
    """Remove contribution marks from a raw name; return the name and the marks."""
    if not any(c in name for c in "*†‡§\\^$"):
        return name, ()
    # one space per run first: the forms below allow spaces at several places, and on a
    # long run of spaces the regex engine would try every way to split it (cubic)
    name = " ".join(name.split())
    marks: list[str] = []

    def take(match: re.Match[str]) -> str:
        for index, group in enumerate(match.groups()):
            if group is not None:
                marks.append(_MARK_OF_GROUP[index])
                break
        return ""

    cleaned = _MARKS.sub(take, name)
    cleaned = re.sub(r"\s+,", ",", re.sub(r"\s{2,}", " ", cleaned)).strip()
    return cleaned, tuple(dict.fromkeys(marks))


def strip_dblp_suffix(name: str) -> str:
    """'Wei Wang 0001' -> 'Wei Wang': DBLP's homonym numbers are not part of a name."""
    return _DBLP_SUFFIX.sub("", name)


def clean_name(raw: str) -> tuple[str, tuple[str, ...]]:
    """The name pybtex should parse, and the marks it carried."""
    # runs of spaces mean nothing in a name, and both regexes are quadratic on them
    name, marks = split_marks(" ".join(raw.split()))
    return strip_dblp_suffix(name), marks


@functools.lru_cache(maxsize=1 << 16)
def normalize(text: str) -> str:
    """Lowercase ASCII-folded words: 'Léon  Bottou' and 'leon bottou' compare equal.

    Cached: the spelling checks compare every name of a large bib with many others.
    """
    if text.isascii():  # nothing to fold: the same result as below, without a pass per letter
        return _NON_WORD.sub(" ", text.lower()).strip()
    folded = unicodedata.normalize("NFKD", text.lower())  # lower first: "Ø" folds as "ø"
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = folded.replace("ı", "i").replace("ø", "o").replace("ł", "l").replace("ß", "ss")
    return _NON_WORD.sub(" ", folded.lower()).strip()


def name_key(given: str, family: str) -> str:
    return normalize(f"{given} {family}")


def key_of(name: str) -> str:
    """The key of a name written in any BibTeX form ('Jia, Zhihao' or 'Zhihao Jia 0001')."""
    cleaned, _ = clean_name(name)
    try:
        person = Person(cleaned)
    except Exception:  # pybtex raises on malformed names in strict mode
        return normalize(to_text(cleaned))
    given, family = _parts(person)
    return name_key(given, family)


def _parts(person: Person) -> tuple[str, str]:
    given = " ".join(to_text(part) for part in person.first_names + person.middle_names)
    family = " ".join(to_text(part) for part in person.prelast_names + person.last_names)
    return given, family


def author_from_person(person: Person, marks: tuple[str, ...] = ()) -> Author:
    """Turn a pybtex Person (already free of marks) into an Author record."""
    given, family = _parts(person)
    lineage = " ".join(to_text(part) for part in person.lineage_names)
    if not given and family.lower() == "others":
        return Author(name="et al.", given="", family="", key="", marks=marks, others=True)
    if not family and given:  # a single word lands in "first" for some inputs
        given, family = "", given
    name = " ".join(part for part in (given, family) if part)
    if lineage:
        name = f"{name}, {lineage}"
    return Author(name=name, given=given, family=family, key=name_key(given, family), marks=marks)


def initials_compatible(a: str, b: str) -> bool:
    """True if given names a and b can name one person: 'G.'~'George', 'George'~'George H.'.

    The first given names must agree ('J A Woods' is not 'A Woods': people drop a
    middle name, not the name they go by); later ones may be dropped or abbreviated.
    """
    ta, tb = a.split(), b.split()
    if not ta or not tb or ta == tb:
        return False
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if not _token_match(short[0], long_[0]):
        return False
    # every later token of the shorter name matches, in order, a token of the longer one
    index = 1
    for token in short[1:]:
        while index < len(long_) and not _token_match(token, long_[index]):
            index += 1
        if index == len(long_):
            return False
        index += 1
    return True


def _token_match(x: str, y: str) -> bool:
    """Two given-name tokens agree: equal, or one is the initial of the other."""
    return x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))


def initials_compatible_pairs(givens: list[str]) -> list[tuple[int, int]]:
    """Index pairs (i < j) of *givens* that :func:`initials_compatible` accepts, in the
    order of i, then j.

    Not every pair is compared: compatible names' first tokens agree, so they begin with
    the same letter, and only names that do are (one family name with many given names
    made the all-pairs comparison most of the hints' time).
    """
    by_letter: dict[str, list[int]] = defaultdict(list)
    for index, given in enumerate(givens):
        tokens = given.split()
        if tokens:
            by_letter[tokens[0][0]].append(index)
    found = [
        (i, j)
        for members in by_letter.values()
        for k, i in enumerate(members)
        for j in members[k + 1 :]
        if initials_compatible(givens[i], givens[j])
    ]
    return sorted(found)


def pairs_one_edit_apart(words: list[str], shortest: int = 4) -> list[tuple[int, int]]:
    """Index pairs (i < j) of *words* at least *shortest* long that are equal or one
    substitution, insertion or deletion apart, in the order of i, then j.

    Not every pair is compared: two such words share the word itself or the word with one
    letter left out (a deletion neighbourhood), so only words sharing one are; many
    co-authors with one given name made the all-pairs comparison most of the hints' time.
    """
    buckets: dict[str, list[int]] = defaultdict(list)
    for index, word in enumerate(words):
        if len(word) < shortest:
            continue
        variants = {word} | {word[:at] + word[at + 1 :] for at in range(len(word))}
        for variant in variants:
            buckets[variant].append(index)
    found: set[tuple[int, int]] = set()
    for members in buckets.values():
        for k, i in enumerate(members):
            for j in members[k + 1 :]:
                if (i, j) not in found and edit_distance_at_most_one(words[i], words[j]):
                    found.add((i, j))
    return sorted(found)


def edit_distance_at_most_one(a: str, b: str) -> bool:
    """True if a and b differ by one substitution, insertion or deletion."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    for index, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            if len(a) == len(b):
                return a[index + 1 :] == b[index + 1 :]
            return a[index:] == b[index + 1 :]
    return True
