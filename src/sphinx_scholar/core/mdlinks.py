"""The Markdown links of a ``links`` field: inline, reference-style, and what is neither.

Our own small reader, not markdown-it: a bib field reaches us as one line (the
parser joins its lines), where CommonMark would not see a reference definition
(``[ref]: url`` must start a line). Every pattern here stops at the next bracket
or at the second unbalanced parenthesis, so reading is linear in the field's
length whatever its shape (a run of ``[a](`` made the old regex quadratic).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: ``[ref]: url`` anywhere in the field (the URL may be written ``<url>``).
_DEFINITION = re.compile(r"\[(?P<ref>[^\[\]]+)\]:[ \t]*(?P<url><[^<>]*>|\S+)")
#: ``[label](url)`` (one level of parentheses inside the URL, as CommonMark allows),
#: ``[label][ref]``, ``[label][]`` or ``[label]`` alone.
_LINK = re.compile(
    r"\[(?P<label>[^\[\]]*)\]"
    r"(?:\((?P<url>(?:[^()]|\([^()]*\))*)\)|\[(?P<ref>[^\[\]]*)\])?"
)
#: What may stand between links without saying anything (separators).
_FILLER = re.compile(r"[\s,;|·•/–—-]*")


@dataclass(frozen=True, slots=True)
class MdLink:
    label: str
    url: str


@dataclass(frozen=True, slots=True)
class MdLinks:
    links: tuple[MdLink, ...]
    #: references with no definition, e.g. ``[Code][repo]`` without ``[repo]: ...``
    undefined: tuple[str, ...]
    #: text that is no link: shown nowhere, so the caller warns about it
    stray: tuple[str, ...]


def _ref_key(ref: str) -> str:
    """References match case-insensitively, spaces collapsed (CommonMark's rule)."""
    return " ".join(ref.split()).casefold()


def _url(text: str) -> str:
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    return text.strip()


def parse_links(text: str) -> MdLinks:
    """Every link of *text* in the order written, and what could not be read as one."""
    definitions: dict[str, str] = {}
    kept: list[str] = []
    last = 0
    for match in _DEFINITION.finditer(text):
        if not match.group("ref").strip():
            continue
        definitions.setdefault(_ref_key(match.group("ref")), _url(match.group("url")))
        kept.append(text[last : match.start()])
        kept.append(" ")
        last = match.end()
    kept.append(text[last:])
    body = "".join(kept)

    links: list[MdLink] = []
    undefined: list[str] = []
    stray: list[str] = []
    last = 0
    for match in _LINK.finditer(body):
        label = match.group("label")
        url = match.group("url")
        if url is None:
            ref = match.group("ref")
            key = _ref_key(ref or label)
            if key in definitions:
                url = definitions[key]
            elif ref is not None:
                undefined.append(match.group())
                url = ""
            else:  # "[text]" alone and no definition: plain text in brackets
                continue
        between = body[last : match.start()]
        if not _FILLER.fullmatch(between):
            stray.append(between.strip())
        last = match.end()
        if url or match.group("ref") is None:
            links.append(MdLink(label.strip(), _url(url)))
    rest = body[last:]
    if not _FILLER.fullmatch(rest):
        stray.append(rest.strip())
    return MdLinks(tuple(links), tuple(undefined), tuple(stray))
