"""Names: contribution marks, DBLP suffixes, the key spellings are compared by."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pybtex.database import Person

from sphinx_scholar.core.names import (
    author_from_person,
    clean_name,
    edit_distance_at_most_one,
    initials_compatible,
    initials_compatible_pairs,
    key_of,
    normalize,
    pairs_one_edit_apart,
    split_marks,
    strip_dblp_suffix,
)


@pytest.mark.parametrize(
    ("raw", "name", "marks"),
    [
        ("Ada Lovelace", "Ada Lovelace", ()),
        ("Ada Lovelace*", "Ada Lovelace", ("*",)),
        ("Miao*, Xupeng", "Miao, Xupeng", ("*",)),
        ("Mary Somerville$^\\dagger$", "Mary Somerville", ("†",)),
        ("Mary Somerville$^{\\ddagger}$", "Mary Somerville", ("‡",)),
        ("Ada Lovelace\\textsuperscript{*}", "Ada Lovelace", ("*",)),
        ("Ada Lovelace\\textsuperscript{\\dag}", "Ada Lovelace", ("†",)),
        ("Ada Lovelace{\\textdagger}", "Ada Lovelace", ("†",)),
        ("Ada Lovelace*†", "Ada Lovelace", ("*", "†")),
        ("Ada Lovelace**", "Ada Lovelace", ("*",)),
        ("Ada Lovelace^*", "Ada Lovelace", ("*",)),
        ("Ada Lovelace§", "Ada Lovelace", ("§",)),
    ],
)
def test_split_marks(raw, name, marks):
    assert split_marks(raw) == (name, marks)


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("Wei Wang 0001", "Wei Wang"),
        ("Wang 0001, Wei", "Wang, Wei"),
        ("Zhihao Jia 0002", "Zhihao Jia"),
        ("Wei Wang", "Wei Wang"),
        ("Louis XIV", "Louis XIV"),
        ("Team 2020 Members", "Team 2020 Members"),
        ("Nutan Limaye 0001", "Nutan Limaye"),
    ],
)
def test_dblp_suffix(raw, name):
    assert strip_dblp_suffix(raw) == name


def test_clean_name_strips_marks_and_suffix():
    assert clean_name("Wei Wang 0001*") == ("Wei Wang", ("*",))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Jia, Zhihao", "Zhihao Jia"),
        ("Zhihao Jia 0001", "Zhihao Jia"),
        ("L{\\'e}on Bottou", "Leon Bottou"),
        ("Léon Bottou", "LEON BOTTOU"),
        ("Ada Lovelace*", "Lovelace, Ada"),
    ],
)
def test_key_of_ignores_form_accents_case_and_marks(a, b):
    assert key_of(a) == key_of(b)


def test_key_of_keeps_different_people_apart():
    assert key_of("Oded Padon") != key_of("Oded Padan")
    assert key_of("Zhihao Jia") != key_of("Zhihao Jian")


def test_author_from_person():
    author = author_from_person(Person("de la Fontaine, Jean"), ("*",))
    assert (author.name, author.given, author.family, author.marks) == (
        "Jean de la Fontaine",
        "Jean",
        "de la Fontaine",
        ("*",),
    )
    assert author.key == "jean de la fontaine"
    assert author_from_person(Person("Smith, Jr., John")).name == "John Smith, Jr."
    others = author_from_person(Person("others"))
    assert others.others and others.name == "et al."
    assert author_from_person(Person("{Alexander} von {Humboldt}")).family == "von Humboldt"


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("g", "george", True),
        ("george", "george h", True),
        ("g c", "george", True),
        ("george", "g h", True),
        ("j a", "a", False),  # the first given name cannot be dropped
        ("x j", "j", False),
        ("john", "jane", False),
        ("john", "john", False),  # the same name is no variant
        ("", "john", False),
    ],
)
def test_initials_compatible(a, b, expected):
    assert initials_compatible(a, b) is expected
    assert initials_compatible(b, a) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("padon", "padan", True),
        ("padon", "padonn", True),
        ("padon", "pado", True),
        ("padon", "padon", True),
        ("padon", "pardan", False),
        ("abc", "xyz", False),
    ],
)
def test_edit_distance_at_most_one(a, b, expected):
    assert edit_distance_at_most_one(a, b) is expected
    assert edit_distance_at_most_one(b, a) is expected


# -- properties -------------------------------------------------------------------
NAMES = st.from_regex(r"\A[A-Z][a-z]{1,8}( [A-Z][a-z]{1,8}){1,2}\Z")
MARKS = st.lists(st.sampled_from(["*", "†", "‡", "§"]), unique=True, max_size=4)
FORMS = {
    "*": ["*", "\\textsuperscript{*}", "$^*$", "$^{\\ast}$"],
    "†": ["†", "$^\\dagger$", "\\textsuperscript{\\dag}", "{\\textdagger}"],
    "‡": ["‡", "$^\\ddagger$", "\\textsuperscript{\\ddag}"],
    "§": ["§", "$^\\S$"],
}


@settings(max_examples=300, deadline=None)
@given(NAMES, MARKS, st.data())
def test_marks_round_trip(name, marks, data):
    """Marks written after a name, in any form, come back in order and leave the name intact."""
    written = "".join(data.draw(st.sampled_from(FORMS[m])) for m in marks)
    assert split_marks(name + written) == (name, tuple(marks))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_name_functions_never_raise(text):
    split_marks(text)
    strip_dblp_suffix(text)
    key_of(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_normalize_is_idempotent(text):
    assert normalize(normalize(text)) == normalize(text)


@settings(max_examples=200, deadline=None)
@given(NAMES, st.integers(min_value=1, max_value=9999))
def test_dblp_suffix_never_changes_the_key(name, number):
    assert key_of(f"{name} {number:04d}") == key_of(name)


@settings(max_examples=500)
@given(st.text(st.characters(max_codepoint=127)))
def test_ascii_text_normalizes_as_the_full_fold_would(text):
    """ASCII text skips the per-letter fold (issue 17: every title is normalised on every
    edit); the full fold, applied to it, gives the same."""
    import re
    import unicodedata

    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    assert normalize(text) == re.sub(r"[\W_]+", " ", folded.lower()).strip()


def _all_pairs(items: list[str], accept) -> list[tuple[int, int]]:
    """Index pairs (i < j) that *accept* takes, every pair compared: what the bucketed
    pair finders must find."""
    return [
        (i, j) for i, a in enumerate(items) for j in range(i + 1, len(items)) if accept(a, items[j])
    ]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet="abcé", max_size=7), max_size=25))
def test_pairs_one_edit_apart_are_the_pairs_an_all_pairs_comparison_finds(words):
    expected = _all_pairs(
        words, lambda a, b: min(len(a), len(b)) >= 4 and edit_distance_at_most_one(a, b)
    )
    assert pairs_one_edit_apart(words) == expected


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet="ajJé. ", max_size=8), max_size=25))
def test_initials_compatible_pairs_are_the_pairs_an_all_pairs_comparison_finds(givens):
    assert initials_compatible_pairs(givens) == _all_pairs(givens, initials_compatible)
