"""Which URLs a page may link to: http(s), mailto and relative ones, whatever the disguise."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_scholar.core.urls import (
    _ARXIV_ID,
    arxiv_id,
    arxiv_url,
    doi_of,
    doi_url,
    is_safe,
    scheme_of,
)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/paper.pdf",
        "http://example.org",
        "mailto:ada@example.org",
        "papers/notes.pdf",
        "/_static/papers/notes.pdf",
        "#section",
        "//cdn.example.org/x",
        "HTTPS://EXAMPLE.ORG",
    ],
)
def test_safe(url):
    assert is_safe(url)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "java script:alert(1)",
        "\x00javascript:alert(1)",
        "javascript\x7f:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "ftp://example.org",
        "",
        "   ",
    ],
)
def test_unsafe(url):
    assert not is_safe(url)


def test_scheme_of():
    assert scheme_of("java\tscript:x") == "javascript"
    assert scheme_of("Mailto:x") == "mailto"
    assert scheme_of("notes.pdf") == ""


@pytest.mark.parametrize(
    ("value", "identifier"),
    [
        ("2305.09781", "2305.09781"),
        ("arXiv:2305.09781v2", "2305.09781v2"),
        ("https://arxiv.org/abs/2305.09781", "2305.09781"),
        ("https://arxiv.org/pdf/2305.09781.pdf", "2305.09781"),
        ("hep-th/9901001", "hep-th/9901001"),
        ("javascript:alert(1)", ""),
    ],
)
def test_arxiv_id(value, identifier):
    assert arxiv_id(value) == identifier


@pytest.mark.parametrize(
    ("value", "doi"),
    [
        ("10.1145/3575693.3575747", "10.1145/3575693.3575747"),
        ("doi:10.1145/x", "10.1145/x"),
        ("https://doi.org/10.1145/x", "10.1145/x"),
        ("https://dx.doi.org/10.1145/x", "10.1145/x"),
        ("not a doi", ""),
    ],
)
def test_doi_of(value, doi):
    assert doi_of(value) == doi


# -- properties -------------------------------------------------------------------
DISGUISE = st.text(alphabet="\t\n\r \x00\x01\x1f\x7f", max_size=3)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(["javascript", "data", "vbscript"]), st.data())
def test_control_characters_do_not_hide_a_scheme(scheme, data):
    """Browsers drop these characters before reading the scheme; so do we."""
    pieces = [data.draw(DISGUISE) + c for c in scheme]
    url = "".join(pieces) + data.draw(DISGUISE) + ":alert(1)"
    if data.draw(st.booleans()):
        url = url.upper()
    assert not is_safe(url)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=60))
def test_safe_means_a_safe_scheme(url):
    if is_safe(url):
        assert scheme_of(url) in {"", "http", "https", "mailto"}


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_identifier_urls_carry_no_markup(text):
    for url in (doi_url(text), arxiv_url(text)):
        assert not set(url) & set("\"'<> \t\n")
        assert is_safe(url)


_OLD_ARXIV_URL = re.compile(r"arxiv\.org/(?:abs|pdf)/(?P<id>[^\s?#]+?)(?:\.pdf)?$", re.I)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["arxiv.org/abs/", "arXiv.org/PDF/", "2305.09781", ".pdf", " ", "?", "#"])
        | st.text(alphabet="ab/.x ?", max_size=4),
        max_size=8,
    ).map("".join)
)
def test_arxiv_id_of_a_url_is_what_the_one_regex_found(value):
    """The linear reading finds the id the quadratic regex did, for any mix of the parts."""
    value = value.strip()
    bare = _ARXIV_ID.match(value)
    old = bare or _OLD_ARXIV_URL.search(value)
    assert arxiv_id(value) == (old.group("id") if old else "")
