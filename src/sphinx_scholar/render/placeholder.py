"""Thumbnails of our own making for papers without a ``preview``: a small SVG tile.

The tile shows the paper's short name and its venue and year, on a colour
derived from the venue, so a page of cards stays readable without any image.
"""

from __future__ import annotations

import functools
import hashlib
import textwrap
from html import escape

from ..core.records import Publication
from ..core.text import xml_text
from .card import THUMB_HEIGHT, THUMB_WIDTH

#: Dark backgrounds that keep white text above 4.5:1 contrast.
_COLOURS = ("#1f4e79", "#2e5e3a", "#6b2d5c", "#7a3b12", "#24546b", "#4b3f8f", "#5c4a1e", "#8a2632")
FOLDER = "_static/scholar/thumbs"


def placeholder_svg(record: Publication) -> tuple[str, str]:
    """(file name, SVG text). The name is a hash of the content, so equal tiles share a file."""
    return _tile(record.short_title, record.venue_abbr, record.year, record.entry_type)


@functools.lru_cache(maxsize=1 << 14)
def _tile(short_title: str, abbr: str, year: int | None, entry_type: str) -> tuple[str, str]:
    """Cached: the page that shows a card and the placeholder writer ask for the same tile."""
    label = short_title if len(short_title) <= 24 else (abbr or "Paper")
    lines = textwrap.wrap(label, 12)[:2] or ["Paper"]
    caption = " ".join(str(x) for x in (abbr, year) if x)
    seed = hashlib.blake2b((abbr or entry_type).encode(), digest_size=4).digest()
    colour = _COLOURS[int.from_bytes(seed, "big") % len(_COLOURS)]
    size = 20 if max(len(line) for line in lines) <= 10 else 16
    top = 52 if len(lines) == 1 else 42
    text = "".join(
        f'<text x="80" y="{top + index * (size + 4)}" font-size="{size}" font-weight="700">'
        f"{escape(xml_text(line))}</text>"
        for index, line in enumerate(lines)
    )
    if caption:
        text += (
            f'<text x="80" y="98" font-size="12" opacity=".85">{escape(xml_text(caption))}</text>'
        )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{THUMB_WIDTH}" height="{THUMB_HEIGHT}" '
        f'viewBox="0 0 {THUMB_WIDTH} {THUMB_HEIGHT}" role="img">'
        f'<rect width="{THUMB_WIDTH}" height="{THUMB_HEIGHT}" rx="8" fill="{colour}"/>'
        f'<g fill="#fff" font-family="system-ui,-apple-system,Segoe UI,Roboto,sans-serif" '
        f'text-anchor="middle">{text}</g></svg>'
    )
    name = hashlib.blake2b(svg.encode(), digest_size=8).hexdigest() + ".svg"
    return name, svg
