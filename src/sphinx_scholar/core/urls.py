"""Which URLs a page may link to, and links made from identifiers.

Only http(s), mailto and relative URLs pass. Browsers ignore ASCII control
characters and whitespace inside a scheme (``java\\tscript:``), so they are
removed before the scheme is read.
"""

from __future__ import annotations

import re
from urllib.parse import quote

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_ARXIV_ID = re.compile(
    r"^(?:arxiv:)?(?P<id>\d{4}\.\d{4,5}(?:v\d+)?|[a-z\-]+(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?)$", re.I
)
_ARXIV_URL = re.compile(r"arxiv\.org/(?:abs|pdf)/(?P<id>[^\s?#]+?)(?:\.pdf)?$", re.I)
_DOI = re.compile(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?(?P<doi>10\.\d{4,9}/\S+)$", re.I)


def scheme_of(url: str) -> str:
    """The scheme a browser would see, lowercased; "" for a relative URL."""
    match = _SCHEME.match(_CONTROL.sub("", url))
    return match.group(1).lower() if match else ""


def is_safe(url: str) -> bool:
    """True for http(s), mailto and relative URLs; False for javascript:, data:, ..."""
    if not url.strip():
        return False
    scheme = scheme_of(url)
    return scheme == "" or scheme in SAFE_SCHEMES


def is_external(url: str) -> bool:
    return scheme_of(url) in {"http", "https"} or url.strip().startswith("//")


def arxiv_id(value: str) -> str:
    """The bare arXiv id of '2305.09781', 'arXiv:2305.09781' or an arxiv.org URL, else ""."""
    value = value.strip()
    match = _ARXIV_ID.match(value)
    if match:
        return match.group("id")
    match = _ARXIV_URL.search(value)
    return match.group("id") if match else ""


def arxiv_url(identifier: str) -> str:
    return f"https://arxiv.org/abs/{quote(identifier, safe='/.')}"


def doi_of(value: str) -> str:
    """The bare DOI of '10.1145/x', 'doi:10.1145/x' or a doi.org URL, else ""."""
    match = _DOI.match(value.strip())
    return match.group("doi") if match else ""


def doi_url(doi: str) -> str:
    return f"https://doi.org/{quote(doi, safe='/:;()._-')}"
