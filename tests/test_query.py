"""Which papers a list shows, in which order and groups, and where each card lives:
pure functions over records made in code."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sphinx_scholar.core.names import key_of
from sphinx_scholar.core.people import PeopleRegistry, PersonEntry
from sphinx_scholar.core.query import (
    Query,
    card_homes,
    group,
    group_id,
    parse_years,
    resolve,
    select,
)
from sphinx_scholar.core.records import Author, Publication, Rich, Source


def paper(key: str, year: int | None, *, entry_type="article", month=None, **fields) -> Publication:
    names = fields.pop("authors", ("Ada Quill",))
    authors = tuple(Author(n, *n.rsplit(" ", 1), key_of(n)) for n in names)
    return Publication(
        key=key,
        entry_type=entry_type,
        title=Rich.of(fields.pop("title", key.title())),
        authors=authors,
        source=Source("refs.bib", 1),
        digest=key,
        year=year,
        month=month,
        **fields,
    )


RECORDS = {
    r.key: r
    for r in (
        paper("a", 2020, selected=True, tags=("ML",)),
        paper("b", 2024, month=5, entry_type="inproceedings"),
        paper("c", 2024, month=11, authors=("Ben Ortiz",)),
        paper("d", None, title="Undated"),
        paper("e", 2018, hidden=True),
        paper("f", 2019, entry_type="phdthesis", tags=("ml", "theory")),
    )
}


def keys(records):
    return [r.key for r in records]


def test_everything_newest_first_undated_last_hidden_left_out():
    shown, missing = select(RECORDS, Query())
    assert keys(shown) == ["c", "b", "a", "f", "d"] and missing == []


def test_oldest_and_title_orders():
    assert keys(select(RECORDS, Query(sort="oldest"))[0]) == ["f", "a", "b", "c", "d"]
    assert keys(select(RECORDS, Query(sort="title"))[0]) == ["a", "b", "c", "f", "d"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (Query(selected=True), ["a"]),
        (Query(year_from=2020, year_to=2020), ["a"]),
        (Query(year_from=2019), ["c", "b", "a", "f"]),
        (Query(types=("inproceedings", "phdthesis")), ["b", "f"]),
        (Query(tags=("ml",)), ["a", "f"]),  # tags match whatever their case
        (Query(author_keys=(key_of("Ben Ortiz"),)), ["c"]),
        (Query(limit=2), ["c", "b"]),
    ],
)
def test_filters(query, expected):
    assert keys(select(RECORDS, query)[0]) == expected


def test_explicit_keys_keep_their_order_show_hidden_and_name_the_missing():
    shown, missing = select(RECORDS, Query(keys=("e", "a", "zz")))
    assert keys(shown) == ["e", "a"] and missing == ["zz"]


def test_an_author_filter_matches_every_alias_of_that_person():
    registry = PeopleRegistry.build([PersonEntry("Ben Ortiz", aliases=("Ada Quill",))])
    shown, _ = resolve(Query(author_keys=(key_of("Ben Ortiz"),)), RECORDS, registry)
    assert keys(shown) == ["c", "b", "a", "f", "d"]


def test_groups_by_year_and_earlier_and_by_type():
    shown, _ = select(RECORDS, Query())
    by_year = group(shown, Query(group_earlier=2020))
    assert [(title, keys(members)) for title, members in by_year] == [
        ("2024", ["c", "b"]),
        ("2020 and earlier", ["a", "f"]),
        ("Undated", ["d"]),
    ]
    by_type = group(shown, Query(group_by="type"))
    assert [title for title, _ in by_type] == [
        "Conference papers",
        "Journal articles",
        "Theses",
    ]
    assert group(shown, Query(group_by="none")) == [("", shown)]
    assert group_id("2020 and earlier") == "year-2020-and-earlier"


@pytest.mark.parametrize(
    ("text", "years"),
    [("2020", (2020, 2020)), ("2019-2024", (2019, 2024)), ("2020-", (2020, None)),
     ("-2019", (None, 2019)), ("2019..2024", (2019, 2024)), (" 2019 – 2024 ", (2019, 2024))],
)  # fmt: skip
def test_year_ranges(text, years):
    assert parse_years(text) == years


@pytest.mark.parametrize("text", ["", "-", "twenty", "2024-2019", "19-20"])
def test_year_ranges_that_are_not(text):
    with pytest.raises(ValueError):
        parse_years(text)


def test_a_card_lives_on_the_page_with_the_longest_list_examples_last():
    listings = [
        ("index", Query(selected=True), ["a"]),
        ("publications", Query(), ["c", "b", "a"]),
        ("guide", Query(example=True), ["a", "b", "c", "d"]),
    ]
    assert card_homes(listings) == {"c": "publications", "b": "publications", "a": "publications",
                                    "d": "guide"}  # fmt: skip


@given(st.permutations([("p1", Query(), ["a", "b"]), ("p2", Query(), ["b", "c"]),
                        ("p3", Query(selected=True), ["a"])]))  # fmt: skip
def test_card_homes_never_depend_on_the_order_pages_were_read(listings):
    assert card_homes(listings) == {"a": "p1", "b": "p1", "c": "p2"}
