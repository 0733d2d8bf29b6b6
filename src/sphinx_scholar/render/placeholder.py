"""Thumbnails of our own making for papers without a ``preview``: a small tile.

The tile shows what kind of work it is (Paper, Thesis, Book…), the paper's short name
and its venue and year, on a colour derived from the venue, so a page of cards stays
readable without any image.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from html import escape

from ..core.cv import paper_kind
from ..core.messages import ENGLISH, N_, Messages
from ..core.records import Publication
from ..core.text import xml_text

#: Dark backgrounds that keep white text above 4.5:1 contrast.
_COLOURS = ("#1f4e79", "#2e5e3a", "#6b2d5c", "#7a3b12", "#24546b", "#4b3f8f", "#5c4a1e", "#8a2632")

#: The name's lines: at most this many characters (longer single words get a smaller font)
LINE = 13
MAX_LINES = 2
#: a word longer than this cannot be drawn legibly whole; the tile then shows no name
#: (kind, venue and year only) rather than a piece of the word
LONGEST_WORD = 30
#: the caption's font size in px, unless a lengthened caption needs a smaller one
#: (scholar.css has the same default for ``--scholar-tile-caption``)
CAPTION_SIZE = 12
#: a head before a colon longer than this is a phrase, not a name
_HEAD_CHARS = 24
_SMALL_WORDS = frozenset(
    ("a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or"),
) | frozenset(("over", "the", "to", "under", "via", "vs", "with", "without"))
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*$")  # SLIK, TASO, KINT
_INTRODUCED = re.compile(r"\b(?:with|using|via|in|for)\s+(\S+)\s*$", re.IGNORECASE)

#: The kind line of a tile, by the kind :func:`paper_kind` finds, then by entry type.
_KIND_LABELS = {
    "thesis": N_("Thesis"),
    "preprint": N_("Preprint"),
    "journal": N_("Article"),
    "conference": N_("Paper"),
    "workshop": N_("Paper"),
}
_TYPE_LABELS = {
    "book": N_("Book"),
    "incollection": N_("Chapter"),
    "inbook": N_("Chapter"),
    "techreport": N_("Report"),
    "report": N_("Report"),
    "patent": N_("Patent"),
}


def kind_label(record: Publication) -> str:
    """The English label of the record's kind; translated where the tile is drawn."""
    return _KIND_LABELS.get(paper_kind(record)) or _TYPE_LABELS.get(record.entry_type, "Paper")


def _words(text: str) -> list[str]:
    return text.split()


def _is_name(word: str) -> bool:
    """A made-up name or acronym: "SpecInfer", "Korch", "TASO"; not "Multi-GPU" or "I/O"."""
    core = word.strip(".,;:!?()[]\"'“”")
    if not core.isalnum() or not core[0].isupper():
        return False
    if _ACRONYM.match(core):
        return True
    return any(c.isupper() for c in core[1:]) or core.isalpha()


def short_name(title: str, protected: tuple[str, ...] = ()) -> str:
    """What a tile calls the paper: a name, never a truncated word; never empty for a title.

    In order: the head before a colon ("SpecInfer: …", "TASO: …"), a protected name or
    capitalised acronym the title ends on ("… with {Korch}", "… with {KINT}"), the one
    made-up name the bib protects, else the title's first words (only whole words, as
    many as fit two lines).
    """
    title = " ".join(title.split())
    head, sep, _rest = title.partition(":")
    head = head.strip()
    if sep and head and len(head) <= _HEAD_CHARS:
        return head
    introduced = _INTRODUCED.search(title)
    if introduced:
        last = introduced.group(1).strip(".,;:!?")
        if last in protected and _is_name(last):
            return last
    # a made-up name the bib protects ("{Ouroboros}"); a protected acronym alone ("{DNN}")
    # is a term of the field, not the paper's name, unless it starts or ends the title
    names = [w for w in protected if " " not in w and _is_name(w) and not _ACRONYM.match(w)]
    if len(names) == 1 and names[0] in title.split():
        return names[0]
    return _leading_words(title) or "…"


def _leading_words(title: str) -> str:
    """The first words that fit the tile's lines, small words trimmed from the end."""
    picked: list[str] = []
    for word in _words(title):
        if picked and len(wrap([*picked, word])) > MAX_LINES:
            break
        picked.append(word)
    while len(picked) > 1 and picked[-1].lower().strip(",;:") in _SMALL_WORDS:
        picked.pop()
    text = " ".join(picked).rstrip(",;:")
    return text if len(picked) == len(_words(title)) else text + "…"


def wrap(words: list[str], width: int = LINE) -> list[str]:
    """Greedy lines of whole words; a word longer than a line gets a line to itself.

    Why not :func:`textwrap.wrap`: it breaks long words (SuffixDecodi-ng) unless told not
    to, and then still splits at hyphens; a tile never cuts a name.
    """
    lines: list[str] = []
    for word in words:
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def font_size(lines: list[str]) -> int:
    """The largest size (at most 20) at which the longest line fits the tile's width."""
    longest = max((len(line) for line in lines), default=1)
    # bold system-ui glyphs average about 0.62 em; 136 px leaves a margin inside 160 px
    return max(7, min(20, int(136 / (0.62 * max(longest, 1)))))


@dataclass(frozen=True)
class TileText:
    """What a tile says, top to bottom: two tiles that say the same look the same."""

    kind: str
    lines: tuple[str, ...]
    caption: str
    #: the caption's font size: smaller only for a caption lengthened to tell tiles apart
    caption_size: int = CAPTION_SIZE


def name_lines(label: str) -> tuple[str, ...]:
    """The name's lines as drawn: whole words, at most :data:`MAX_LINES` lines."""
    lines = wrap(_words(label))
    if any(len(word) > LONGEST_WORD for word in _words(label)):
        return ()
    if len(lines) > MAX_LINES:  # only a name of many long words: keep whole words, mark the cut
        lines = [*lines[: MAX_LINES - 1], lines[MAX_LINES - 1] + "…"]
    return tuple(lines)


def base_caption(record: Publication) -> str:
    """The venue and year under the name."""
    return " ".join(str(x) for x in (record.venue_abbr, record.year) if x)


def tile_label(record: Publication, messages: Messages = ENGLISH) -> str:
    """The paper's short name; the kind of work when it has no title."""
    name = short_name(record.title.plain, record.protected) if record.title.plain else ""
    return name or messages(kind_label(record))


def tile_text(record: Publication, messages: Messages = ENGLISH) -> TileText:
    """What the record's tile says when no other tile says the same (see tileset.py)."""
    return TileText(
        messages(kind_label(record)), name_lines(tile_label(record, messages)), base_caption(record)
    )


def placeholder_tile(record: Publication, messages: Messages = ENGLISH) -> str:
    """The HTML of the record's tile when no other tile says the same (see tileset.py)."""
    return draw(tile_text(record, messages), record.venue_abbr or record.entry_type)


@functools.lru_cache(maxsize=1 << 14)
def draw(text: TileText, colour_of: str) -> str:
    """The HTML of a tile saying *text* on the colour of *colour_of* (the venue).

    HTML and CSS (scholar.css), not an image file: a site of thousands of papers would
    write, upload and serve as many small files, and a visitor's browser fetch one per
    card. The kind and the caption are the CSS's ``attr()`` content, so a tile costs
    the page one element, as an ``<img>`` did. It is hidden from screen readers: it
    repeats the card's title, venue and year. Cached: alike tiles are drawn once.
    """
    lines = text.lines
    seed = hashlib.blake2b(colour_of.encode(), digest_size=4).digest()
    style = f"background:{_COLOURS[int.from_bytes(seed, 'big') % len(_COLOURS)]}"
    style += f";--scholar-tile-size:{font_size(list(lines))}px"
    if text.caption_size != CAPTION_SIZE:
        style += f";--scholar-tile-caption:{text.caption_size}px"
    # pre-line in the CSS keeps these line breaks: the lines are chosen here (whole words)
    name = "\n".join(escape(xml_text(line)) for line in lines)
    return (
        f'<span class="scholar-tile" style="{style}" data-kind="{escape(xml_text(text.kind))}" '
        f'data-caption="{escape(xml_text(text.caption))}" aria-hidden="true">{name}</span>'
    )
