"""The interface's words and dates in the site's language, for the pure layers.

Sphinx owns translation (its message catalogs and the site's ``language``); the pure
layers must not import it, so the Sphinx side hands them a :class:`Messages` made from
Sphinx's ``gettext`` (``sphinx_ext/i18n.py``). Without one, everything reads in English.
Dates come from Babel's CLDR data, which Sphinx itself depends on.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_skeleton


def _untranslated(message: str) -> str:
    return message


def N_(message: str) -> str:
    """Marks a message kept in a table for the catalog; it is translated where shown."""
    return message


@lru_cache(maxsize=64)
def babel_locale(language: str | None) -> Locale:
    """Sphinx's ``language`` ("de", "zh_CN", "pt-BR") as a Babel locale; English if unknown."""
    try:
        return Locale.parse((language or "en").replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


#: languages whose nouns keep their capital inside a sentence
_NOUN_CAPITALS = frozenset({"de", "lb"})
#: CLDR skeletons: a month and year, a day too, with the month short ("Mar") or long.
_SKELETONS = {(True, False): "yMMM", (True, True): "yMMMd", (False, False): "yMMMM"}


@dataclass(frozen=True)
class Messages:
    """``gettext`` for interface strings plus the language's date formats."""

    gettext: Callable[[str], str] = field(default=_untranslated)
    language: str = "en"

    def __call__(self, message: str) -> str:
        # gettext("") is the catalog's header, never a message
        return str(self.gettext(message)) if message else ""

    def inline(self, message: str) -> str:
        """The message inside a sentence: "(equal contribution)"; German keeps its nouns'
        capitals ("(Gleicher Beitrag)")."""
        text = self(message)
        return text if babel_locale(self.language).language in _NOUN_CAPITALS else text.lower()

    def date(self, year: int, month: int = 0, day: int = 0, *, short: bool = True) -> str:
        """ "2025", "Mar 2025", "Mar 14, 2025" in English; "14. März 2025" in German."""
        if not month:
            return str(year)
        skeleton = _SKELETONS[(short or bool(day), bool(day))]
        when = datetime.date(year, month, day or 1)
        return format_skeleton(skeleton, when, locale=babel_locale(self.language))


ENGLISH = Messages()
