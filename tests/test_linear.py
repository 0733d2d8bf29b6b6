"""Small hostile inputs cost time in proportion to their size, never minutes.

Each test feeds one shape that took tens of seconds or more before its fix (the size
is chosen so that the old code would take minutes) and allows a generous bound.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_scholar.core.bibparse import EXPANSION_BUDGET, MAX_VALUE, ParsedBib, TolerantParser
from sphinx_scholar.core.convert import MAX_CROSSREF_DEPTH, records_from
from sphinx_scholar.core.mdlinks import parse_links
from sphinx_scholar.core.names import clean_name, key_of
from sphinx_scholar.core.urls import arxiv_id

T = TypeVar("T")
BOUND = 5.0  #: seconds; each input below runs well under a second when linear


def timed(run: Callable[[], T]) -> T:
    start = time.perf_counter()
    result = run()
    elapsed = time.perf_counter() - start
    assert elapsed < BOUND, f"took {elapsed:.1f} s"
    return result


def parse(text: str) -> ParsedBib:
    parser = TolerantParser()
    parser.filename = "mem.bib"
    parser.parse_string(text)
    return parser.result


def convert(text: str):
    parsed = parse(text)
    found, problems = records_from(parsed.data, parsed.sources, parsed.marks, parsed.field_lines)
    return found, parsed.diagnostics + problems


# -- crossref chains (1000 links took 43 s) --------------------------------------------
def test_a_long_crossref_chain_is_linear_and_capped():
    size = 3000
    text = "@misc{k0, title={Root}, year={2020}}\n" + "".join(
        f"@misc{{k{i}, crossref={{k{i - 1}}}}}\n" for i in range(1, size)
    )
    found, problems = timed(lambda: convert(text))
    assert len(found) == size
    assert found[f"k{MAX_CROSSREF_DEPTH}"].title.plain == "Root"
    assert found[f"k{MAX_CROSSREF_DEPTH + 1}"].title.plain == ""
    deep = [d for d in problems if d.kind == "crossref"]
    assert {d.key for d in deep} == {f"k{i}" for i in range(MAX_CROSSREF_DEPTH + 1, size)}


def test_a_crossref_loop_is_named_once_per_entry_on_it():
    found, problems = timed(
        lambda: convert(
            "@misc{a, title={A}, crossref={b}}\n@misc{b, year={2020}, crossref={A}}\n"
            "@misc{c, crossref={a}}\n"
        )
    )
    assert (found["a"].year, found["b"].title.plain, found["c"].title.plain) == (2020, "A", "A")
    loops = [(d.key, d.line) for d in problems if d.kind == "crossref"]
    assert loops == [("a", 1), ("b", 2)]


def test_a_dangling_crossref_is_named_with_its_line():
    _, problems = convert("@misc{a,\n  title={A},\n  crossref={nowhere}}\n@misc{b, crossref={a}}\n")
    dangling = [(d.key, d.line, d.file) for d in problems if d.kind == "crossref"]
    assert dangling == [("a", 3, "mem.bib")]
    assert "'nowhere'" in next(d.message for d in problems if d.kind == "crossref")


# -- links with many brackets ("[a](" * 8000 was quadratic) --------------------------
def test_bracket_runs_in_links_are_linear():
    for shape in ("[a](", "[", "](", "[a][", "[a](()", "[a]((x)", "[a]: [b]("):
        parsed = timed(lambda shape=shape: parse_links(shape * 100_000))
        assert parsed.stray  # none of these is a link: each is named, not dropped
    parsed = timed(lambda: parse_links("[a](x) " * 40_000))
    assert len(parsed.links) == 40_000 and not parsed.stray


def test_links_field_of_brackets_builds_records_in_time():
    found, problems = timed(lambda: convert("@misc{k, title={T}, links={" + "[a](" * 20_000 + "}}"))
    assert found["k"].title.plain == "T"
    assert any(d.kind == "bad_link" for d in problems)


# -- arXiv ids with a repeated prefix (4000 repeats: 5.5 s; 20000: minutes) ----------
def test_a_repeated_arxiv_prefix_is_linear():
    for prefix in ("arxiv.org/abs/", "arxiv.org/pdf/", "arXiv:", "https://arxiv.org/abs/"):
        for end in (" x", "?", "#", ""):
            value = prefix * 20_000 + end
            result = timed(lambda value=value: arxiv_id(value))
            assert result == "" or result.endswith(prefix.rstrip(":/")) or "arxiv" in result


# -- a run of spaces in a name (2000 spaces after "$": 15.8 s) ------------------------
def test_runs_of_spaces_in_names_are_linear():
    for raw in ("A $" + " " * 50_000, "A $^" + " " * 50_000 + "{", "A" + " " * 50_000 + "x"):
        name, marks = timed(lambda raw=raw: clean_name(raw))
        assert "  " not in name and marks == ()
        assert timed(lambda raw=raw: key_of(raw)) != "" or raw.strip() == ""
    assert clean_name("Ada $ ^ {  *  } $ Lovelace") == ("Ada Lovelace", ("*",))


# -- @string macro bombs (771 bytes: a 10 MB title; one level more: out of memory) ----
def _bomb(levels: int, uses: int = 1) -> str:
    lines = ['@string{a0 = "xxxxxxxxxx"}']
    lines += [f"@string{{a{i} = a{i - 1} # a{i - 1}}}" for i in range(1, levels + 1)]
    fields = ", ".join(f"f{n} = a{levels}" for n in range(uses))
    lines.append(f'@misc{{k,\n  title = a{levels} # " more",\n  {fields}, year = 2020}}')
    lines.append("@misc{after, title = {Still here}, year = 2021}")
    return "\n".join(lines)


def test_a_macro_bomb_is_cut_with_a_warning():
    parsed = timed(lambda: parse(_bomb(20)))  # 10 MB of title before the bound
    title = parsed.data.entries["k"].fields["title"]
    assert set(title) == {"x"} and len(title) == MAX_VALUE
    assert parsed.data.entries["after"].fields["title"] == "Still here"
    cut = [d for d in parsed.diagnostics if d.kind == "macro"]
    assert cut and all(d.file == "mem.bib" and d.line for d in cut)
    assert any(d.key == "k" and d.line == 23 and "'title'" in d.message for d in cut)
    assert any("@string macro 'a13'" in d.message for d in cut)  # 10 * 2**13 > 50,000


def test_macro_expansion_has_a_budget_per_file():
    text = _bomb(60, uses=500)  # 60 levels: 10 * 2**60 characters before the bound
    parsed = timed(lambda: parse(text))
    fields = parsed.data.entries["k"].fields
    total = sum(len(value) for value in fields.values())
    assert total <= EXPANSION_BUDGET + 20 * len(text) + MAX_VALUE
    spent = [d for d in parsed.diagnostics if "left empty" in d.message]
    assert [(d.line, d.file) for d in spent] == [(24, "mem.bib")]  # in @string a23
    assert "'a22'" in spent[0].message
    assert parsed.data.entries["after"].fields["title"] == "Still here"


def test_long_macro_use_within_the_bounds_is_kept_whole():
    text = '@string{j = "Journal of Things"}\n' + "".join(
        f"@article{{k{i}, journal = j # {{, vol. }} # {{{i}}}, year = 2020}}\n" for i in range(3000)
    )
    parsed = timed(lambda: parse(text))
    assert parsed.diagnostics == []
    assert parsed.data.entries["k2999"].fields["journal"] == "Journal of Things, vol. 2999"


# -- the same shapes through a whole Sphinx build ------------------------------------
def _billion_laughs(levels: int = 9) -> list[str]:
    """The classic YAML alias bomb: 1 KB that names 9**9 strings (137 s and 9 GB before)."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels)]
    return lines


HOSTILE_BIB = "\n".join(
    [
        "@misc{k0, title={Root of a Chain}, author={Ada Lovelace}, year={2020},"
        " howpublished={Chains}}",
        *(f"@misc{{k{i}, crossref={{k{i - 1}}}}}" for i in range(1, 1000)),
        _bomb(20).replace("@misc{k,", "@misc{bomb,").replace("{after,", "{afterbomb,"),
        "@misc{brackets, title={Brackets}, year={2020}, links={" + "[a](" * 8000 + "}}",
        "@misc{prefix, title={Prefix}, year={2020}, arxiv={" + "arxiv.org/abs/" * 8000 + " x}}",
        "@misc{spaces, title={Spaces}, year={2020}, author={A $" + " " * 8000 + "}}",
        "@misc{fine, title={A Fine Paper}, author={Grace Hopper}, year={2021},"
        " howpublished={Venue}}",
    ]
)


def test_a_site_of_hostile_inputs_builds_in_seconds(tmp_path):
    from bs4 import BeautifulSoup
    from conftest import build_site

    (tmp_path / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_scholar"]\n'
        'bibtex_bibfiles = ["refs.bib"]\nscholar_paper_pages = ""\n'
    )
    (tmp_path / "refs.bib").write_text(HOSTILE_BIB)
    people = "\n".join(f"    {line}" for line in _billion_laughs())
    (tmp_path / "index.md").write_text(
        "# Hostile\n\n"
        + "".join(
            f"```{{publication}} {key}\n```\n\n"
            for key in ("k999", "k3", "bomb", "afterbomb", "brackets", "prefix", "spaces", "fine")
        )
        + f"```{{people}}\n:group: current\n- name: Bomb\n  note:\n{people}\n```\n\n"
        "```{timeline}\n- org: Loop\n  role: &r [x, *r]\n  start: 2020\n```\n\n"
        "```{people}\n:group: current\n- name: Still Here\n```\n"
    )

    app = timed_build(lambda: build_site(tmp_path))
    soup = BeautifulSoup((tmp_path / "_build/html/index.html").read_text(), "lxml")
    ids = {card["id"] for card in soup.select("li.scholar-card")}
    assert ids >= {"k999", "k3", "bomb", "afterbomb", "brackets", "prefix", "spaces", "fine"}
    assert "Root of a Chain" in soup.find(id="k3").get_text()
    assert len(soup.find(id="bomb").select_one(".scholar-title").get_text()) <= MAX_VALUE
    assert "Still Here" in soup.get_text()
    warned = app.warning.getvalue()
    for kind in ("crossref", "macro", "bad_link", "invalid_item"):
        assert f"[scholar.{kind}]" in warned, kind
    assert warned.count("aliases (*name) are not read") == 2


def timed_build(build: Callable[[], T]) -> T:
    """A build is allowed more than a parse: Sphinx itself takes a few seconds here."""
    start = time.perf_counter()
    result = build()
    elapsed = time.perf_counter() - start
    assert elapsed < 3 * BOUND, f"took {elapsed:.1f} s"
    return result


# -- crossref graphs of any shape -----------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=-1, max_value=14), min_size=1, max_size=14))
def test_any_crossref_graph_is_resolved_with_each_problem_named_once(parents):
    """Entry i names entry parents[i] (-1: no crossref; past the end: no such entry).
    Each entry inherits the title of the nearest titled entry its chain reaches; keys are
    written in another case in the crossref field."""
    size = len(parents)
    text = "".join(
        f"@misc{{e{i},\n  note = {{n{i}}}"
        + (f",\n  title = {{T{i}}}" if i % 3 == 0 else "")
        + (f",\n  crossref = {{E{parent}}}" if parent >= 0 else "")
        + "}\n"
        for i, parent in enumerate(parents)
    )
    found, problems = timed(lambda: convert(text))
    assert len(found) == size
    named = {d.key: d.message for d in problems if d.kind == "crossref"}
    for i in range(size):
        chain, problem, current = [], "", i
        while parents[current] >= 0:
            nxt = parents[current]
            if nxt >= size:
                problem = "names no entry" if current == i else ""
                break
            if nxt == i or nxt in chain:
                problem = "leads back" if nxt == i else ""
                break
            if len(chain) == MAX_CROSSREF_DEPTH:
                problem = "deeper than"
                break
            chain.append(nxt)
            current = nxt
        titled = [j for j in [i, *chain] if j % 3 == 0]
        assert found[f"e{i}"].title.plain == (f"T{titled[0]}" if titled else ""), i
        if problem:
            assert problem in named[f"e{i}"], (i, named)
        else:
            assert f"e{i}" not in named, (i, named)


def test_a_preamble_past_the_bound_is_named_as_such():
    macros = ['@string{a0 = "xxxxxxxxxx"}']
    macros += [f"@string{{a{i} = a{i - 1} # a{i - 1}}}" for i in range(1, 14)]
    parsed = timed(lambda: parse("\n".join(macros) + "\n@preamble{a13 # a13}\n@misc{k}\n"))
    assert "k" in parsed.data.entries
    cut = [(d.line, d.message.split(" is longer")[0]) for d in parsed.diagnostics]
    assert cut == [(14, "@string macro 'a13'"), (15, "@preamble")]
