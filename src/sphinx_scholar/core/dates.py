"""Dates as homepages write them: "2025", "2025-03", "2025-03-14", "2013.9", "Feb 2025".

Only as precise as written: a year stays a year (``<time datetime="2025">``).
Academic terms ("fall 2024") sort by year, then season.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

_ISO = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?)?$")
_DOTTED = re.compile(r"^(?P<y>\d{4})[./](?P<m>\d{1,2})$")
_MONTH_NAMES = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
_MONTH_NAMES["sept"] = 9
_NAMED = re.compile(r"^(?P<month>[A-Za-z]+)\.?\s+(?P<y>\d{4})$")
PRESENT = frozenset({"present", "now", "today", "current"})


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int = 0  #: 0 when unknown
    day: int = 0  #: 0 when unknown

    @property
    def iso(self) -> str:
        """For ``<time datetime>`` and feeds: "2025", "2025-03" or "2025-03-14"."""
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    @property
    def text(self) -> str:
        """What a reader sees: "2025", "Mar 2025", "Mar 14, 2025"."""
        if self.day:
            return f"{calendar.month_abbr[self.month]} {self.day}, {self.year}"
        if self.month:
            return f"{calendar.month_abbr[self.month]} {self.year}"
        return str(self.year)


def parse_date(value: str) -> PartialDate | None:
    """The date *value* names, or None when it is not one (or not a real day)."""
    value = value.strip()
    match = _ISO.match(value) or _DOTTED.match(value)
    if match:
        year = int(match.group("y"))
        written = match.group("m"), match.groupdict().get("d")
        if any(part is not None and int(part) == 0 for part in written):
            return None  # "2025-00": a month 0 is no month
        month, day = (int(part or 0) for part in written)
    else:
        named = _NAMED.match(value)
        if not named or named.group("month").lower() not in _MONTH_NAMES:
            return None
        year, month, day = int(named.group("y")), _MONTH_NAMES[named.group("month").lower()], 0
    if year < 1 or (month and not 1 <= month <= 12):  # no year 0: feeds could not date it
        return None
    if day:
        try:
            datetime.date(year, month, day)
        except ValueError:
            return None
    return PartialDate(year, month, day)


def is_present(value: str) -> bool:
    return value.strip().lower() in PRESENT


#: Seasons in the order they fall in a calendar year (a winter term is January's).
SEASONS = {"winter": 0, "spring": 1, "summer": 2, "fall": 3, "autumn": 3}
_TERM = re.compile(r"^(?P<season>[A-Za-z]+)\s+(?P<year>\d{4})$")


@dataclass(frozen=True, slots=True)
class Term:
    """An academic term, kept as written ("fall 2024") and sortable."""

    text: str
    year: int
    season: int

    @property
    def sort_key(self) -> tuple[int, int]:
        return (self.year, self.season)


def parse_term(value: str) -> Term | None:
    """ "fall 2024" / "Spring 2023" -> Term; None for anything else."""
    text = " ".join(value.split())
    match = _TERM.match(text)
    if not match or match.group("season").lower() not in SEASONS:
        return None
    return Term(text, int(match.group("year")), SEASONS[match.group("season").lower()])
