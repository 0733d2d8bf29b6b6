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
_ARXIV_URL = re.compile(r"arxiv\.org/(?:abs|pdf)/", re.I)
#: What cannot be part of an id in a URL: the id runs from the path to the end.
_NOT_ID = re.compile(r"[\s?#]")
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
    # Not one regex: searched from every "arxiv.org/abs/" of a value that repeats it, the
    # id pattern would scan to the end each time (quadratic). The id runs to the end of
    # the value, so only the text after its last space, "?" or "#" can hold it.
    tail = _NOT_ID.split(value)[-1]
    match = _ARXIV_URL.search(tail)
    if not match or match.end() == len(tail):
        return ""
    identifier = tail[match.end() :]
    if identifier.lower().endswith(".pdf") and len(identifier) > 4:
        identifier = identifier[:-4]
    return identifier


def arxiv_url(identifier: str) -> str:
    return f"https://arxiv.org/abs/{quote(identifier, safe='/.')}"


def doi_of(value: str) -> str:
    """The bare DOI of '10.1145/x', 'doi:10.1145/x' or a doi.org URL, else ""."""
    match = _DOI.match(value.strip())
    return match.group("doi") if match else ""


def doi_url(doi: str) -> str:
    return f"https://doi.org/{quote(doi, safe='/:;()._-')}"
