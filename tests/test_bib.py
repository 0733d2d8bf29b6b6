"""The records layer, without Sphinx: tolerant parsing, entries to records, the shared checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pybtex.database import Entry, Person

from sphinx_scholar.core.bibparse import ParsedBib, TolerantParser, parse_files
from sphinx_scholar.core.convert import publication_from, records_from
from sphinx_scholar.core.diagnostics import Diagnostic
from sphinx_scholar.core.files import SiteFiles
from sphinx_scholar.core.mdlinks import parse_links
from sphinx_scholar.core.records import Source
from sphinx_scholar.core.urls import is_safe
from sphinx_scholar.core.validate import FileCheck, collapse_repeats, read_and_check


def parse(text: str, filename: str = "mem.bib") -> ParsedBib:
    parser = TolerantParser()
    parser.filename = filename
    parser.parse_string(text)
    return parser.result


def records(text: str):
    parsed = parse(text)
    found, problems = records_from(parsed.data, parsed.sources, parsed.marks, parsed.field_lines)
    return found, parsed.diagnostics + problems


# -- parsing -----------------------------------------------------------------------
def test_missing_comma_keeps_the_entry_and_the_next():
    parsed = parse(
        "@article{a,\n  title = {A},\n  journal = {J}\n  year = {2020},\n}\n\n"
        "@article{b,\n  title = {B},\n  year = {2021},\n}\n"
    )
    assert list(parsed.data.entries) == ["a", "b"]
    assert parsed.data.entries["a"].fields["journal"] == "J"
    [problem] = parsed.diagnostics
    assert (problem.kind, problem.line, problem.key) == ("syntax", 4, "a")


def test_unclosed_brace_resumes_at_the_next_entry():
    """pybtex would read to the end of the file; every later entry would be lost."""
    parsed = parse(
        "@article{a,\n  title = {{Never closed,\n  year = {2020},\n}\n\n"
        "@article{b,\n  title = {B},\n}\n@article{c,\n  title = {C},\n}\n"
    )
    assert {"b", "c"} <= set(parsed.data.entries)
    assert [d.kind for d in parsed.diagnostics] == ["syntax"]
    assert "reading resumes at line 6" in parsed.diagnostics[0].message


def test_duplicate_key_keeps_the_first():
    parsed = parse("@misc{k, title={One}}\n@misc{k, title={Two}}\n@misc{K, title={Three}}\n")
    assert parsed.data.entries["k"].fields["title"] == "One"
    assert [(d.kind, d.line) for d in parsed.diagnostics] == [
        ("duplicate_key", 2),
        ("duplicate_key", 3),
    ]


def test_undefined_macro_is_reported_and_left_empty():
    parsed = parse("@article{a, journal = nosuch, title={T}}\n")
    assert parsed.data.entries["a"].fields["journal"] == ""
    assert [(d.kind, d.key) for d in parsed.diagnostics] == [("macro", "a")]


def test_macros_carry_across_files(tmp_path):
    (tmp_path / "abbrev.bib").write_text('@string{ejor = "Eur. J. Oper. Res."}\n')
    (tmp_path / "refs.bib").write_text("@article{a, journal = ejor, title={T}}\n")
    parsed = parse_files([tmp_path / "abbrev.bib", tmp_path / "refs.bib"])
    assert parsed.data.entries["a"].fields["journal"] == "Eur. J. Oper. Res."
    assert parsed.diagnostics == []
    assert parsed.keys_by_file[tmp_path / "refs.bib"] == ["a"]


def test_latin1_file_is_read_with_a_warning(tmp_path):
    path = tmp_path / "old.bib"
    path.write_bytes(b"@article{a,\n  title = {Caf\xe9},\n}\n")
    parsed = parse_files([path])
    assert parsed.data.entries["a"].fields["title"] == "Café"
    [problem] = parsed.diagnostics
    assert (problem.kind, problem.line, problem.file) == ("encoding", 2, str(path))
    assert "Windows-1252" in problem.message


def test_missing_bib_file_is_reported(tmp_path):
    parsed = parse_files([tmp_path / "nope.bib"])
    assert [(d.kind, d.message) for d in parsed.diagnostics] == [
        ("missing_file", "bib file not found")
    ]


def test_field_lines_and_entry_lines():
    parsed = parse("\n@article{a,\n  title = {T},\n  year = 2020,\n}\n")
    assert parsed.sources["a"] == Source("mem.bib", 2)
    assert parsed.field_lines["a"] == {"title": 3, "year": 4}


def test_capitalised_fields_bibdesk_style():
    found, problems = records(
        "@Article{CDL,\n\tAuthor = {Ramer, U and {La Joie}, R},\n\tTitle = {{T}itle},\n"
        "\tJournal = {J},\n\tYear = {2001}}\n"
    )
    record = found["CDL"]
    assert (record.title.plain, record.venue.plain, record.year) == ("Title", "J", 2001)
    assert [a.name for a in record.authors] == ["U Ramer", "R La Joie"]
    assert problems == []


def test_ads_keys_macros_and_bold_names():
    found, problems = records(
        "@article{1973A&A....24..337S,\n"
        "  author = {{Shakura}, N.~I. and \\textbf{de Val-Borro}, \\textbf{M.}},\n"
        '  title = "{Black holes in binary systems}",\n  journal = {\\aap},\n'
        "  year = 1973,\n  month = jan,\n}\n"
    )
    record = found["1973A&A....24..337S"]
    assert record.venue.plain == "A&A"
    assert [a.family for a in record.authors] == ["Shakura", "de Val-Borro"]
    assert (record.year, record.month) == (1973, 1)
    assert problems == []


def test_crossref_inherits_from_proceedings():
    found, _ = records(
        "@inproceedings{paper, author={Nutan Limaye 0001}, title={P}, "
        "crossref={DBLP:conf/stoc/2024}, pages={1--2}}\n"
        "@proceedings{DBLP:conf/stoc/2024, editor={Bojan Mohar}, title={Proceedings of STOC}, "
        "booktitle={STOC 2024}, publisher={ACM}, year={2024}}\n"
    )
    paper = found["paper"]
    assert (paper.venue.plain, paper.year, paper.pages) == ("STOC 2024", 2024, "1–2")
    assert paper.authors[0].name == "Nutan Limaye"
    proceedings = found["DBLP:conf/stoc/2024"]
    assert [a.name for a in proceedings.authors] == ["Bojan Mohar"]  # editors stand in


def test_crossref_cycle_ends():
    found, _ = records("@misc{a, crossref={b}}\n@misc{b, crossref={a}}\n")
    assert found["a"].title.plain == ""


# -- records -------------------------------------------------------------------
AL_FOLIO = """@inproceedings{miao2024specinfer,
  author = {Miao*, Xupeng and Zhihao Jia 0001$^\\dagger$ and others},
  title = {{SpecInfer}: Accelerating {LLM} Serving},
  booktitle = {ASPLOS},
  abbr = {ASPLOS},
  year = {2024},
  month = apr,
  pdf = {specinfer.pdf},
  code = {https://github.com/flexflow/flexflow},
  arxiv = {2305.09781},
  doi = {10.1145/3620666.3651335},
  website = {},
  slides = {javascript:alert(1)},
  award_name = {Best Paper Award; Spotlight},
  tags = {LLM, systems},
  selected = {true},
  bibtex_show = {false},
  preview = {specinfer.png},
  note = {Also at \\emph{MLSys}},
}
"""


def test_al_folio_entry():
    found, problems = records(AL_FOLIO)
    record = found["miao2024specinfer"]
    assert record.title.plain == "SpecInfer: Accelerating LLM Serving"
    assert [(a.name, a.marks, a.others) for a in record.authors] == [
        ("Xupeng Miao", ("*",), False),
        ("Zhihao Jia", ("†",), False),
        ("et al.", (), True),
    ]
    assert (record.venue_abbr, record.year, record.month) == ("ASPLOS", 2024, 4)
    # buttons keep the order of the fields in the entry
    assert [(link.kind, link.url) for link in record.links] == [
        ("pdf", "specinfer.pdf"),
        ("code", "https://github.com/flexflow/flexflow"),
        ("arxiv", "https://arxiv.org/abs/2305.09781"),
        ("doi", "https://doi.org/10.1145/3620666.3651335"),
        ("website", ""),
    ]
    assert [(a.name, a.kind) for a in record.awards] == [
        ("Best Paper Award", "award"),
        ("Spotlight", "highlight"),
    ]
    assert record.tags == ("LLM", "systems")
    assert record.selected and not record.show_bibtex
    assert record.thumbnail == "specinfer.png"
    assert record.note.parts == (("", "Also at "), ("em", "MLSys"))
    assert "eprint = {2305.09781}" in record.bibtex and "Miao*" not in record.bibtex
    assert sorted((d.kind, d.line) for d in problems) == [("empty_link", 12), ("unsafe_url", 13)]


@pytest.mark.parametrize(
    ("entry_type", "fields", "venue"),
    [
        ("article", {"journal": "J"}, "J"),
        ("inproceedings", {"booktitle": "C"}, "C"),
        ("phdthesis", {"school": "S"}, "S"),
        ("techreport", {"institution": "I"}, "I"),
        ("misc", {"howpublished": "H"}, "H"),
        ("book", {"publisher": "P"}, "P"),
    ],
)
def test_venue_by_type(entry_type, fields, venue):
    entry = Entry(entry_type, fields={"title": "T", **fields})
    record, _ = publication_from("k", entry, Source("x.bib", 1))
    assert record.venue.plain == venue


@pytest.mark.parametrize(
    ("fields", "year", "month"),
    [
        ({"year": "2024", "month": "Jan"}, 2024, 1),
        ({"year": "{2024}", "month": "9"}, 2024, 9),
        ({"date": "2023-07-14"}, 2023, 7),
        ({"year": "in press"}, None, None),
        ({"year": "2021a"}, 2021, None),
    ],
)
def test_dates(fields, year, month):
    record, _ = publication_from("k", Entry("misc", fields=fields), Source("x.bib", 1))
    assert (record.year, record.month) == (year, month)


def test_dblp_name_is_displayed_without_its_number():
    entry = Entry("article", fields={"title": "T"})
    entry.add_person(Person("Wei Wang"), "author")
    found, problems = records("@article{k, author={Wei Wang 0001 and Wang 0002, Wei}, title={T}}")
    assert [a.name for a in found["k"].authors] == ["Wei Wang", "Wei Wang"]
    assert not [d for d in problems if "0001" in d.message]


# -- the shared check ------------------------------------------------------------
def test_read_and_check_orders_by_file_and_line(tmp_path):
    (tmp_path / "b.bib").write_text("@article{late, title={L}, year=2020, journal={J}}\n")
    (tmp_path / "a.bib").write_text(
        "@article{x, title={T}, journal={J}, year=2020, preveiw={p.png}}\n\n\n"
        "@article{y, author={A B}, title={U}, journal={J}}\n"
    )
    site = SiteFiles(tmp_path, static_dirs=(tmp_path / "_static",))
    checked = read_and_check([tmp_path / "a.bib", tmp_path / "b.bib"], files=FileCheck(site))
    located = [(Path(d.file).name, d.line, d.kind) for d in checked.diagnostics]
    assert located == [
        ("a.bib", 1, "missing_field"),
        ("a.bib", 1, "unknown_field"),
        ("a.bib", 4, "missing_field"),
        ("b.bib", 1, "missing_field"),
    ]
    assert set(checked.records) == {"x", "y", "late"}


def test_unknown_field_is_reported_once_per_file_with_a_count(tmp_path):
    path = tmp_path / "r.bib"
    path.write_text(
        "".join(
            f"@article{{k{i}, author={{A B}}, title={{T{i}}}, journal={{J}}, year=2020,\n"
            f"  journal-ref = {{x}}}}\n"
            for i in range(5)
        )
    )
    checked = read_and_check([path])
    [problem] = [d for d in checked.diagnostics if d.kind == "unknown_field"]
    assert (problem.key, problem.line) == ("k0", 2)
    assert "in 5 entries" in problem.message


def test_collapse_repeats_keeps_the_first_with_a_count():
    same = [
        Diagnostic("latex", "unknown LaTeX command \\acro", "t.bib", n, f"k{n}") for n in (3, 9)
    ]
    other = Diagnostic("unsafe_url", "bad", "t.bib", 5, "k5")
    collapsed = collapse_repeats([same[0], other, same[1]])
    assert [(d.kind, d.line) for d in collapsed] == [("latex", 3), ("unsafe_url", 5)]
    assert collapsed[0].message.endswith("(and 1 more in this file)")


# -- properties -------------------------------------------------------------------
VALUES = st.text(max_size=40)
FIELDS = st.dictionaries(
    st.sampled_from(
        [
            "title",
            "journal",
            "booktitle",
            "year",
            "month",
            "url",
            "pdf",
            "code",
            "html",
            "doi",
            "arxiv",
            "links",
            "award",
            "award_name",
            "abstract",
            "note",
            "preview",
            "crossref",
        ]
    ),
    VALUES,
)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["article", "inproceedings", "misc", "phdthesis"]),
    FIELDS,
    st.lists(st.text(min_size=1, max_size=20), max_size=3),
)
def test_any_entry_becomes_a_record_with_safe_links(entry_type, fields, names):
    entry = Entry(entry_type, fields=fields)
    for name in names:
        try:
            entry.add_person(Person(name), "author")
        except Exception:  # pybtex rejects some strings outright; the parser reports those
            continue
    record, problems = publication_from("k", entry, Source("x.bib", 1))
    for link in record.links:
        assert link.url == "" or is_safe(link.url)
    assert record.url == "" or is_safe(record.url)
    assert all(d.file == "x.bib" and d.key == "k" for d in problems)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet='@{}(),="#%\n abc123', max_size=120))
def test_the_parser_never_raises(text):
    parsed = parse(text)
    for diagnostic in parsed.diagnostics:
        assert diagnostic.file == "mem.bib"


def test_doi_and_arxiv_fields_without_an_identifier_are_dropped():
    found, problems = records(
        "@article{k, title={T},\n"
        "  doi = {10.1146/annurev.astro.43.072103.150558PDF: http://x.org/a.pdf},\n"
        "  arxiv = {see the appendix},\n"
        "  code = {https://example.org/my code.zip},\n}\n"
    )
    assert [(link.kind, link.url) for link in found["k"].links] == [
        ("code", "https://example.org/my%20code.zip")
    ]
    assert sorted((d.kind, d.line) for d in problems if d.kind == "unsafe_url") == [
        ("unsafe_url", 2),
        ("unsafe_url", 3),
    ]


def test_doi_and_arxiv_urls_are_kept():
    found, _ = records(
        "@article{k, title={T}, doi={https://doi.org/10.1145/x}, arxiv={https://arxiv.org/abs/2305.1}}"
    )
    assert [(link.kind, link.url) for link in found["k"].links] == [
        ("doi", "https://doi.org/10.1145/x"),
        ("arxiv", "https://arxiv.org/abs/2305.1"),
    ]


def test_digest_follows_crossref_parents():
    """Editing a proceedings entry changes the digest of the papers that inherit from it."""
    child = "@inproceedings{paper, title={T}, author={A B}, crossref={conf}}\n"
    before, _ = records(child + "@proceedings{conf, booktitle={Conf 2020}, year={2020}}")
    after, _ = records(child + "@proceedings{conf, booktitle={Conf 2021}, year={2021}}")
    assert before["paper"].venue.plain == "Conf 2020" and after["paper"].year == 2021
    assert before["paper"].digest != after["paper"].digest


def test_unicode_digit_month_is_not_a_month():
    found, _ = records("@misc{k, title={T}, year={2020}, month={²}}")
    assert found["k"].month is None


# -- links ------------------------------------------------------------------------
def test_links_keep_parentheses_and_references():
    found, problems = records(
        "@misc{k, title={T},\n"
        "  links={[Wiki](https://en.wikipedia.org/wiki/Ada_(language)), [Code][repo]; "
        "[Slides][] [repo]: https://example.org/code [slides]: <https://example.org/s>}}\n"
    )
    assert [(link.label, link.url) for link in found["k"].links] == [
        ("Wiki", "https://en.wikipedia.org/wiki/Ada_(language)"),
        ("Code", "https://example.org/code"),
        ("Slides", "https://example.org/s"),
    ]
    assert problems == []


def test_links_text_that_is_no_link_is_named_with_file_line_and_key():
    found, problems = records(
        "@misc{k, title={T},\n  links={[Talk](https://example.org/t) see https://x.org "
        "[Code][nowhere] [Half](https://example.org/unclosed}}\n"
    )
    assert [link.url for link in found["k"].links] == ["https://example.org/t"]
    named = [(d.kind, d.file, d.line, d.key) for d in problems]
    assert named == [("bad_link", "mem.bib", 2, "k")] * 3
    text = " ".join(d.message for d in problems)
    assert "[Code][nowhere]" in text and "see https://x.org" in text and "unclosed" in text


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text(alphabet=st.characters(blacklist_characters="[]\\{}"), max_size=8),
            st.text(
                alphabet=st.characters(
                    blacklist_categories=("Zs", "Zl", "Zp", "Cc", "Cs"),
                    blacklist_characters="()[]<>\\{}",
                ),
                min_size=1,
            ),
        ),
        max_size=5,
    ),
    st.sampled_from([" ", ", ", " | ", "; "]),
)
def test_every_markdown_link_written_is_a_link_or_a_warning(pairs, separator):
    text = separator.join(f"[{label}](https://example.org/{url})" for label, url in pairs)
    parsed = parse_links(text)
    assert [(link.label, link.url) for link in parsed.links] == [
        (label.strip(), f"https://example.org/{url}") for label, url in pairs
    ]
    assert parsed.stray == () and parsed.undefined == ()


def test_crossref_keys_match_case_insensitively_and_digest_follows():
    found, problems = records(
        "@misc{child, crossref={PARENT}}\n@proceedings{parent, booktitle={B}, year={2021}}\n"
    )
    assert (found["child"].year, found["child"].venue.plain) == (2021, "B")
    assert not [d for d in problems if d.kind == "crossref"]


def test_a_doi_url_in_another_case_is_no_second_button():
    """DBLP's doi and url name one DOI in two cases; DOIs are case-insensitive."""
    found, problems = records(
        "@article{k, title={T}, journal={CoRR}, year={2024},\n"
        "  url = {https://doi.org/10.48550/arXiv.2402.05466},\n"
        "  doi = {10.48550/ARXIV.2402.05466}}\n"
        "@article{other, title={T}, journal={J}, year={2024},\n"
        "  url = {https://example.org/10.48550/arXiv.2402.05466},\n"
        "  doi = {10.48550/ARXIV.2402.05466}}\n"
    )
    assert [link.label for link in found["k"].links] == ["DOI"]
    assert [link.label for link in found["other"].links] == ["DOI", "Link"]
    assert problems == []


# -- the parser, for whole classes of input ----------------------------------------
#: Any character Python can hold, surrogates and controls included, except braces:
#: a value's braces must balance for the entry to be well-formed; they are added below.
ANY_CHAR = st.characters(blacklist_categories=(), blacklist_characters="{}")
KEY = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp"),
        blacklist_characters=' \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85,{}()"#%=@\\',
    ),
    min_size=1,
    max_size=12,
)
FIELD_NAME = st.sampled_from(
    ["title", "author", "journal", "year", "month", "links", "doi", "arxiv", "note", "pages"]
) | st.from_regex(r"\A[a-z][a-z_]{0,10}\Z")
VALUE = st.recursive(
    st.text(alphabet=ANY_CHAR, max_size=30),
    lambda inner: st.lists(inner | inner.map(lambda text: "{" + text + "}"), max_size=3).map(
        "".join
    ),
    max_leaves=6,
)


@st.composite
def well_formed_entries(draw) -> list[tuple[str, str]]:
    """(key, BibTeX) of entries whose every field holds arbitrary text in balanced braces."""
    keys = draw(st.lists(KEY, min_size=1, max_size=4, unique_by=str.casefold))
    entries = []
    for key in keys:
        fields = draw(st.dictionaries(FIELD_NAME, VALUE, max_size=5))
        body = "".join(f",\n  {name} = {{{value}}}" for name, value in fields.items())
        entries.append((key, f"@misc{{{key}{body}\n}}\n"))
    return entries


@settings(max_examples=300, deadline=None)
@given(well_formed_entries(), st.lists(st.text(alphabet=ANY_CHAR, max_size=40), max_size=4))
def test_every_well_formed_entry_is_kept_whatever_its_fields_hold(entries, between):
    """Arbitrary Unicode (controls, surrogates, NUL, '@', backslashes) in values; junk
    without '@' between entries (BibTeX reads it as a comment): never raises, every
    entry is a record, every problem names the file and a line."""
    text = ""
    for index, (_, entry) in enumerate(entries):
        junk = between[index] if index < len(between) else ""
        text += junk.replace("@", "") + "\n" + entry
    found, problems = records(text)
    kept = {key.casefold() for key in found}
    assert {key.casefold() for key, _ in entries} <= kept
    assert all(d.file == "mem.bib" and d.line for d in problems if d.kind != "encoding")


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=ANY_CHAR, max_size=20),
    st.text(alphabet=ANY_CHAR, max_size=40),
    KEY,
)
def test_any_macro_name_and_value_never_raises(name, value, key):
    text = f"@string{{{name} = {{{value}}}}}\n@misc{{{key}, title = {name} # {{x}}}}\n"
    found, problems = records(text)
    assert key.casefold() in {k.casefold() for k in found}
    assert all(d.file == "mem.bib" for d in problems)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400), well_formed_entries())
def test_any_bytes_as_a_file_never_raise(tmp_path_factory, junk, entries):
    """Random bytes as a whole file, and random bytes before well-formed entries."""
    folder = tmp_path_factory.mktemp("bytes")
    alone, mixed = folder / "alone.bib", folder / "mixed.bib"
    alone.write_bytes(junk)
    tail = "".join(entry for _, entry in entries).encode("utf-8", "surrogatepass")
    mixed.write_bytes(junk.replace(b"@", b"") + b"\n" + tail)
    for path in (alone, mixed):
        parsed = parse_files([path])
        found, problems = records_from(
            parsed.data, parsed.sources, parsed.marks, parsed.field_lines
        )
        assert all(d.file == str(path) for d in parsed.diagnostics + problems)
    assert {key.casefold() for key, _ in entries} <= {key.casefold() for key in found}


#: Pieces of a damaged entry: unbalanced braces and parentheses, stray '@'s, names.
#: (A quote is left out: an unclosed quoted value may span entries in valid BibTeX.)
DAMAGE = st.lists(
    st.sampled_from(
        ["@", "{", "}", "(", ")", ",", "=", "\n", "#", "a", " ", "@misc", "@string{", "%", "é"]
    ),
    max_size=12,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(well_formed_entries(), st.lists(DAMAGE, min_size=1, max_size=4))
def test_a_damaged_entry_never_takes_the_next_one_with_it(entries, damage):
    """An entry broken off anywhere (``title = `` then the next entry's line) keeps every
    well-formed entry after it: an '@' where a name, key or value should be starts the
    next entry, it is not read as a name (pybtex would)."""
    text = "".join(
        f"@misc{{bad{index}, title = {damage[index % len(damage)]}\n{entry}"
        for index, (_, entry) in enumerate(entries)
    )
    found, problems = records(text)
    assert {key.casefold() for key, _ in entries} <= {key.casefold() for key in found}
    assert all(d.file == "mem.bib" for d in problems)


def test_a_value_left_out_before_the_next_entry():
    found, problems = records("@misc{a, title = \n@misc{b, title = {B}}\n@string{\n@misc{c}\n")
    assert found["b"].title.plain == "B" and "c" in found
    assert [(d.kind, d.line, d.key) for d in problems if d.kind == "syntax"] == [
        ("syntax", 2, "a"),
        ("syntax", 4, ""),
    ]


def test_a_brace_balanced_only_entries_later_ends_at_the_next_entry():
    found, problems = records(
        "@misc{a, year = {2020},\n  title = {Unclosed\n@article{b,\n  title = {B}}\n"
        "@misc{c, title = {C}}}\n@misc{d, note = {text\n  @misc{x} in text}, @series = {S}}\n"
    )
    assert (found["a"].year, found["b"].title.plain, found["c"].title.plain) == (2020, "B", "C")
    syntax = [(d.line, d.key) for d in problems if d.kind == "syntax"]
    assert syntax[0] == (2, "a")
    assert "not closed before the entry at line 3" in problems[0].message
    assert found["d"].note.plain == "text @miscx in text"  # indented, no key: text
    assert not [d for d in problems if d.key == "d" and d.kind == "syntax"]


# -- months and names that say nothing ----------------------------------------------
@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=12))
def test_every_way_of_writing_a_month_is_read_without_a_warning(month):
    import calendar

    name, abbr = calendar.month_name[month], calendar.month_abbr[month]
    for written in (f"{{{name}}}", f"{{{abbr}.}}", abbr.lower(), str(month), f'"{month}"'):
        found, problems = records(f"@misc{{k, year = 2020, month = {written}}}")
        assert found["k"].month == month, written
        assert problems == [], written


@pytest.mark.parametrize("month", ["{Smarch}", "{13}", "{0}", "{Frühling}", "{Q3}"])
def test_a_month_that_is_no_month_is_named(month):
    found, problems = records(f"@misc{{k,\n  year = 2020,\n  month = {month}}}")
    assert (found["k"].year, found["k"].month) == (2020, None)
    assert [(d.kind, d.line, d.key) for d in problems] == [("bad_date", 3, "k")]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Ada Lovelace", "Hopper, Grace", "", " ", ",", ", ,", "{}", "~", "{ }"]),
        min_size=1,
        max_size=6,
    )
)
def test_every_empty_name_is_left_out_and_named(names):
    found, problems = records("@misc{k,\n  title = {T},\n  author = {" + " and ".join(names) + "}}")
    real = [n for n in names if n in ("Ada Lovelace", "Hopper, Grace")]
    assert [a.name for a in found["k"].authors] == [
        "Ada Lovelace" if n == "Ada Lovelace" else "Grace Hopper" for n in real
    ]
    named = [d for d in problems if d.kind == "bad_name"]
    assert all((d.line, d.key) == (3, "k") for d in named)
    if not " and ".join(names).strip():
        return  # no author field at all: the check for missing fields names that
    assert len(named) >= (1 if len(real) < len(names) else 0)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ANY_CHAR | st.sampled_from("{}"), max_size=30), st.text(max_size=30))
def test_any_text_as_a_key_or_macro_name_never_takes_the_next_entry(key, macro):
    found, problems = records(
        f"@string{{{macro} = {{v}}}}\n@misc{{{key}, title={{T}}}}\n@misc{{good, title={{G}}}}\n"
    )
    assert found["good"].title.plain == "G"
    assert all(d.file == "mem.bib" for d in problems)
