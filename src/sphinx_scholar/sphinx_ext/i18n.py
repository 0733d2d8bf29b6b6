"""The interface in the site's language, through Sphinx's own translation machinery.

Our catalog (``sphinx_scholar``) lives in ``sphinx_scholar/locale``; Sphinx picks the
``.mo`` for the site's ``language`` (``-D language=de`` too). The pure layers cannot import
Sphinx, so they get a :class:`Messages` made from it.
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import get_translation

from ..core.messages import Messages

CATALOG = "sphinx_scholar"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

#: Sphinx's translator for our catalog (it returns a lazy string before the catalog loads).
_translate = get_translation(CATALOG)


def _(message: str) -> str:
    """The message in the site's language (the name is what gettext tools look for)."""
    return str(_translate(message))


_EARLIER = re.compile(r"(\d+) and earlier")


def group_title(title: str) -> str:
    """A publication list's group heading (core/query.py's English) in the site's language."""
    earlier = _EARLIER.fullmatch(title)
    if earlier:
        return _("{year} and earlier").format(year=earlier.group(1))
    return _(title) if title else ""


def messages_for(config: Config) -> Messages:
    """The words and date formats for the site's ``language``."""
    return Messages(gettext=_, language=config.language or "en")


def register(app: Sphinx) -> None:
    app.add_message_catalog(CATALOG, str(LOCALE_DIR))
