"""``scholar_venues``: a link, a full name and a colour for a venue abbreviation.

al-folio keeps these in ``_data/venues.yml`` (abbr -> url, color); this is the same
data as a conf.py dict, so ``sphinx-scholar import alfolio`` can carry it over.
Pure Python: read by the cards (badges) and the check command alike.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from .urls import is_safe

_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")


@dataclass(frozen=True)
class Venue:
    """How a venue badge looks and where it leads."""

    abbr: str
    url: str = ""
    name: str = ""
    color: str = ""  #: a #rrggbb background; "" keeps the theme's colours
    text_color: str = ""  #: black or white, whichever reads better on ``color``


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(color: str) -> float:
    """WCAG relative luminance of a #rgb/#rrggbb colour."""
    digits = color.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    r, g, b = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_color_on(background: str) -> str:
    """Black or white text, whichever contrasts more: al-folio's colours are the user's
    choice, the badge must stay readable (axe checks 4.5:1) whatever they are."""
    return (
        "#000000"
        if contrast(background, "#000000") >= contrast(background, "#ffffff")
        else "#ffffff"
    )


def venues_from_config(value: object) -> tuple[dict[str, Venue], list[str]]:
    """Read ``scholar_venues``: ``{"ABBR": "https://…"}`` or ``{"ABBR": {"url", "name",
    "color"}}``; keyed by the case-folded abbreviation. Returns venues and config errors."""
    venues: dict[str, Venue] = {}
    errors: list[str] = []
    if not isinstance(value, Mapping):
        return venues, ["scholar_venues must be a dict of abbreviation -> URL or dict"]
    for abbr, spec in value.items():
        if not isinstance(abbr, str) or not abbr.strip():
            errors.append(f"scholar_venues: {abbr!r} is not an abbreviation")
            continue
        if isinstance(spec, str):
            spec = {"url": spec}
        if not isinstance(spec, Mapping):
            errors.append(f"scholar_venues[{abbr!r}] must be a URL or a dict")
            continue
        url = str(spec.get("url") or "")
        if url and not is_safe(url):
            errors.append(f"scholar_venues[{abbr!r}]: unsafe URL {url!r} dropped")
            url = ""
        color = str(spec.get("color") or "").strip()
        if color and not _HEX.fullmatch(color):
            errors.append(f"scholar_venues[{abbr!r}]: colour {color!r} is not #rgb or #rrggbb")
            color = ""
        venues[abbr.strip().casefold()] = Venue(
            abbr=abbr.strip(),
            url=url,
            name=str(spec.get("name") or ""),
            color=color.lower(),
            text_color=text_color_on(color) if color else "",
        )
    return venues, errors
