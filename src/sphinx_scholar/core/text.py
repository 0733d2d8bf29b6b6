"""Characters no page, feed or sitemap can carry, removed where text enters the build.

XML 1.0 (and so lxml, feedgen, SVG and every parser of our feeds and sitemaps)
refuses NUL, the C0 control characters other than tab, line feed and carriage
return, lone surrogates and the non-characters U+FFFE and U+FFFF. They reach bib
files in text copied out of PDFs. Each input is cleaned once, where it is read
(a bib field, a page's component data, a conf.py value), with a warning that names
where it was; the writers of XML keep :func:`xml_text` as a last guard.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> tuple[str, int]:
    """*text* without the characters XML cannot carry, and how many were removed."""
    cleaned, count = ILLEGAL.subn("", text)
    return cleaned, count


def xml_text(text: str) -> str:
    """*text* fit for XML (the last guard of the feed, sitemap and tile writers)."""
    return ILLEGAL.sub("", text)


def describe(text: str) -> str:
    """Which characters were refused, for a warning: 'U+0000, U+001B'."""
    found = sorted({f"U+{ord(char):04X}" for char in ILLEGAL.findall(text)})
    shown = ", ".join(found[:5])
    return shown + (f" and {len(found) - 5} more" if len(found) > 5 else "")


def clean_deep(value: Any) -> tuple[Any, list[str]]:
    """Strings inside lists, tuples and dicts cleaned; returns the value and what was found."""
    found: list[str] = []

    def walk(item: Any) -> Any:
        if isinstance(item, str):
            if ILLEGAL.search(item):
                found.append(describe(item))
                return ILLEGAL.sub("", item)
            return item
        if isinstance(item, Mapping):
            return {walk(k): walk(v) for k, v in item.items()}
        if isinstance(item, list):
            return [walk(v) for v in item]
        if isinstance(item, tuple):
            return tuple(walk(v) for v in item)
        return item

    return walk(value), found
