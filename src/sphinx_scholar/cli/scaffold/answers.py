"""What ``sphinx-scholar new`` asks, and the checks each answer passes before it is written.

Answers end up in conf.py (as Python literals), in Markdown pages and in refs.bib, so
they are checked here once: a value that would not survive one of those files is refused
with a message saying why, instead of producing a site that does not build.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

#: The profile links asked for, in the order they are asked (an empty answer skips one).
LINK_QUESTIONS = ("Google Scholar", "GitHub", "ORCID", "DBLP")

#: Characters BibTeX or its LaTeX would read as markup in an author name: ``{ } \`` break
#: the entry, ``$ ^ ~`` are math and spacing, ``* † ‡ §`` are contribution marks.
_NAME_MARKUP = set("{}\\$^~*†‡§")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class AnswerError(ValueError):
    """An answer that cannot go into the site as given (the message says why)."""


@dataclass
class Answers:
    """The owner's details, as conf.py's ``scholar_profile`` and ``html_baseurl`` need them."""

    name: str = ""
    title: str = ""
    affiliation: str = ""
    email: str = ""
    url: str = ""
    links: dict[str, str] = field(default_factory=dict)

    def profile(self) -> dict[str, object]:
        """``scholar_profile``: only the keys that have a value."""
        profile: dict[str, object] = {"name": self.name}
        for key in ("title", "affiliation", "email"):
            if getattr(self, key):
                profile[key] = getattr(self, key)
        profile["photo"] = "_static/profile.svg"
        if self.links:
            profile["links"] = dict(self.links)
        return profile


def _text(value: str, what: str) -> str:
    """One line of text: control characters (newlines included) would break a page's line."""
    value = " ".join(value.split())
    if any(unicodedata.category(c).startswith("C") for c in value):
        raise AnswerError(f"{what} contains a control character")
    return value


def check_name(value: str) -> str:
    """The owner's name: required, and plain text in refs.bib."""
    name = _text(value, "the name")
    if not name:
        raise AnswerError("a name is required")
    markup = sorted(c for c in set(name) if c in _NAME_MARKUP)
    if markup:
        raise AnswerError(f"a name cannot contain {' '.join(markup)} (BibTeX reads it as markup)")
    return name


def check_text(value: str, what: str) -> str:
    """A title or an affiliation: any one line of text (it is escaped where it is written)."""
    return _text(value, what)


def check_email(value: str) -> str:
    """An address the profile shows (empty: none)."""
    email = value.strip()
    if email and not _EMAIL.match(email):
        raise AnswerError(f"not an email address: {email!r}")
    return email


def check_url(value: str, what: str = "the URL") -> str:
    """An http(s) URL with a host (empty: none): anything else would be an unsafe link."""
    url = value.strip()
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc or any(c.isspace() for c in url):
        raise AnswerError(f"{what} must be an http:// or https:// address: {url!r}")
    return url


def check_link(value: str) -> tuple[str, str]:
    """``LABEL=URL`` from ``--link``."""
    label, equals, url = value.partition("=")
    label = _text(label, "a link label")
    if not equals or not label:
        raise AnswerError(f"--link takes LABEL=URL: {value!r}")
    url = check_url(url, f"the {label} link")
    if not url:
        raise AnswerError(f"the {label} link has no URL")
    return label, url


Ask = Callable[[str], str]
Say = Callable[[str], object]


def ask_until_valid(ask: Ask, prompt: str, check: Callable[[str], str], say: Say) -> str:
    """Ask again after a refused answer: a typo should not end the whole session."""
    while True:
        try:
            return check(ask(prompt))
        except AnswerError as error:
            say(f"  {error}")


def ask_missing(answers: Answers, given: Iterable[str], ask: Ask, say: Say) -> Answers:
    """Fill in, by asking, every answer the command line did not give."""
    given = set(given)
    questions: list[tuple[str, str, Callable[[str], str]]] = [
        ("name", "Your name (as your papers spell it): ", check_name),
        ("title", "Title (e.g. Assistant Professor; empty to skip): ", check_text_of("the title")),
        (
            "affiliation",
            "Affiliation (empty to skip): ",
            check_text_of("the affiliation"),
        ),
        ("email", "Email (empty to skip): ", check_email),
        ("url", "The site's address, https://... (empty to skip): ", check_url),
    ]
    for key, prompt, check in questions:
        if key not in given:
            setattr(answers, key, ask_until_valid(ask, prompt, check, say))
    if "links" not in given:
        for label in LINK_QUESTIONS:
            url = ask_until_valid(
                ask,
                f"{label} profile URL (empty to skip): ",
                functools.partial(check_url, what=f"the {label} link"),
                say,
            )
            if url:
                answers.links[label] = url
    return answers


def check_text_of(what: str) -> Callable[[str], str]:
    """:func:`check_text` for one question."""
    return lambda value: check_text(value, what)
