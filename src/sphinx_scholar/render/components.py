"""Component HTML: news, timeline, people, awards, teaching, projects, the profile header.

Pure functions of a *view* (what an item shows, read from the page) and a
:class:`ComponentContext` (where links point from the page being written). Each
returns a :data:`Piece`: the HTML written before and after the node's children,
which are inline markup (a news text, a note) that Sphinx writes itself.
Every string from a page or conf.py passes through :func:`esc`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..core.dates import PartialDate
from ..core.messages import ENGLISH, Messages
from .html import attrs, esc, link

#: HTML before and after a node's children.
Piece = tuple[str, str]

ICONS_DIR = Path(__file__).parent.parent / "static" / "icons"
LOGO_SIZE = 48
PHOTO_SIZE = 96
PROFILE_PHOTO_SIZE = 160
PROJECT_IMAGE = (320, 180)
#: ``dark-light`` is pydata-sphinx-theme's mark for images that need no dark-mode
#: treatment: a photo is opaque, so it keeps its colours and its round shape there.
PHOTO_CLASSES = "scholar-person__photo dark-light"


@dataclass(frozen=True)
class ComponentContext:
    """Links as they must be written on one page.

    ``person_url``: a name -> its link ("" when the site knows none);
    ``file_url``: an image value -> a page-relative URL (None when the site lacks it);
    ``doc_url``: "docname" or "docname#anchor" -> a page-relative URL.
    """

    person_url: Callable[[str], str] = lambda name: ""
    file_url: Callable[[str], str | None] = lambda value: value
    doc_url: Callable[[str], str] = lambda target: target
    level: int = 2  #: heading level for titles inside the component
    messages: Messages = ENGLISH  #: the interface's words and dates in the site's language


# -- shared pieces ---------------------------------------------------------------
def date_html(date: PartialDate, css_class: str = "", messages: Messages = ENGLISH) -> str:
    text = messages.date(date.year, date.month, date.day)
    return f"<time{attrs(class_=css_class or None, datetime=date.iso)}>{esc(text)}</time>"


def range_html(start: PartialDate, end: PartialDate | None, messages: Messages = ENGLISH) -> str:
    """ "Sep 2013 – Jun 2020"; screen readers hear "to" instead of the dash."""
    _ = messages
    until = date_html(end, messages=messages) if end else esc(_("present"))
    to = esc(_("to"))
    return (
        f'{date_html(start, messages=messages)}<span aria-hidden="true"> – </span>'
        f'<span class="scholar-sr-only"> {to} </span>{until}'
    )


def name_html(name: str, url: str, css_class: str = "") -> str:
    if url:
        return link(url, esc(name), class_=css_class or None)
    return f"<span{attrs(class_=css_class or None)}>{esc(name)}</span>"


def names_html(names: tuple[str, ...], ctx: ComponentContext) -> str:
    """ "A", "A and B", "A, B, and C", each linked through the people registry."""
    _ = ctx.messages
    parts = [name_html(n, ctx.person_url(n), "scholar-person-link") for n in names]
    if len(parts) <= 2:
        return _(" and ").join(parts)
    return ", ".join(parts[:-1]) + _(", and ") + parts[-1]


def initials(name: str) -> str:
    """First and last initials, for a tile standing in for a missing photo or logo."""
    words = [w for w in re.split(r"[\s\-]+", name) if w and w[0].isalnum()]
    if not words:
        return "?"
    first, last = words[0][0], words[-1][0] if len(words) > 1 else ""
    return (first + last).upper()


def acronym(org: str) -> str:
    """ "Los Alamos National Lab" -> "LANL": a tile standing in for a missing logo."""
    words = [w for w in re.split(r"[\s\-&,()]+", org) if w[:1].isupper() or w[:1].isdigit()]
    if len(words) == 1 and words[0].isupper():  # already an acronym: "MIT"
        return words[0][:4]
    letters = "".join(w[0] for w in words[:4])
    return letters or initials(org)


def image_html(src: str | None, alt: str, width: int, height: int, css_class: str) -> str:
    return "<img{}>".format(
        attrs(
            class_=css_class,
            src=src,
            alt=alt,
            width=width,
            height=height,
            loading="lazy",
            decoding="async",
        )
    )


@lru_cache(maxsize=32)
def icon_svg(name: str) -> str:
    """An icon of static/icons/ inline: it takes the text colour, so it follows dark mode.

    The files are ours (the navbar shows them as images); inline, the fixed
    ``color`` they carry for that use is dropped.
    """
    path = ICONS_DIR / f"{name}.svg"
    if not path.is_file():
        path = ICONS_DIR / "link.svg"
    svg = path.read_text(encoding="utf-8")
    svg = svg[svg.index("<svg") :].strip()
    root, rest = svg.split(">", 1)
    root = re.sub(r'\s(?:color|width|height|xmlns)="[^"]*"', "", root)
    extra = ' class="scholar-icon" width="16" height="16" aria-hidden="true" focusable="false"'
    return root + extra + ">" + rest


def icon_for(label: str, url: str) -> str:
    """Which of our icons a profile link gets, from its label (or its URL)."""
    low = f"{label} {url}".lower()
    for needle, name in (
        ("scholar.google", "scholar"),
        ("google scholar", "scholar"),
        ("dblp", "dblp"),
        ("github", "github"),
        ("orcid", "orcid"),
        ("mailto:", "email"),
        ("email", "email"),
    ):
        if needle in low:
            return name
    if re.search(r"\b(cv|vita|résumé|resume)\b", label.lower()):
        return "cv"
    return "link"


# -- lists -----------------------------------------------------------------------
@dataclass(frozen=True)
class ListView:
    classes: tuple[str, ...]
    label: str = ""  #: the list's accessible name, when the page gives it no heading
    more_target: str = ""  #: "docname" of the full list (the news archive), if any
    more_label: str = ""
    ordered: bool = False  #: an ``<ol>``: the order means something (a timeline)


def list_piece(view: ListView, ctx: ComponentContext) -> Piece:
    element = "ol" if view.ordered else "ul"
    before = f"<{element}{attrs(class_=' '.join(view.classes), aria_label=view.label or None)}>"
    after = f"</{element}>"
    if view.more_target:
        more = link(ctx.doc_url(view.more_target), esc(view.more_label))
        after += f'<p class="scholar-more">{more}</p>'
    return before, after


# -- news ------------------------------------------------------------------------
@dataclass(frozen=True)
class NewsItemView:
    date: PartialDate
    anchor: str | None = None  #: None for a copy shown elsewhere (ids stay unique)


def news_item_piece(view: NewsItemView, ctx: ComponentContext) -> Piece:
    return (
        f"<li{attrs(class_='scholar-news__item', id=view.anchor)}>"
        f"{date_html(view.date, 'scholar-news__date', ctx.messages)} ",
        "</li>",
    )


# -- timeline --------------------------------------------------------------------
@dataclass(frozen=True)
class TimelineView:
    org: str
    role: str
    start: PartialDate
    end: PartialDate | None = None  #: None: present
    url: str = ""
    logo: str = ""
    place: str = ""
    advisors: tuple[str, ...] = ()
    advisors_label: str = ""
    note: bool = False  #: the node's child is the note


def timeline_piece(view: TimelineView, ctx: ComponentContext) -> Piece:
    _ = ctx.messages
    logo_src = ctx.file_url(view.logo) if view.logo else None
    if logo_src:
        alt = _("{org} logo").format(org=view.org)
        logo = image_html(logo_src, alt, LOGO_SIZE, LOGO_SIZE, "scholar-timeline__logo")
    else:
        logo = (
            '<span class="scholar-timeline__logo scholar-timeline__logo--initials" '
            f'aria-hidden="true">{esc(acronym(view.org))}</span>'
        )
    org = name_html(view.org, view.url)
    place = (
        f'<span class="scholar-timeline__place">, {esc(view.place)}</span>' if view.place else ""
    )
    body = [
        f'<p class="scholar-timeline__org">{org}{place}</p>',
        f'<p class="scholar-timeline__role">{esc(view.role)}</p>',
        f'<p class="scholar-timeline__dates">{range_html(view.start, view.end, ctx.messages)}</p>',
    ]
    if view.advisors:
        label = view.advisors_label or (_("Advisors:") if len(view.advisors) > 1 else _("Advisor:"))
        names = names_html(view.advisors, ctx)
        body.append(f'<p class="scholar-timeline__advisors">{esc(label)} {names}</p>')
    before = (
        f'<li class="scholar-timeline__item">{logo}<div class="scholar-timeline__body">'
        + "".join(body)
    )
    if view.note:
        return before + '<p class="scholar-timeline__note">', "</p></div></li>"
    return before, "</div></li>"


# -- people ----------------------------------------------------------------------
@dataclass(frozen=True)
class PersonView:
    name: str
    anchor: str
    alumni: bool = False
    url: str = ""
    photo: str = ""
    role: str = ""
    coadvisors: tuple[str, ...] = ()
    degree: str = ""
    year: str = ""
    now: str = ""
    note: bool = False


def person_piece(view: PersonView, ctx: ComponentContext) -> Piece:
    _ = ctx.messages
    name = f'<span class="scholar-person__name">{name_html(view.name, view.url)}</span>'
    with_whom = ""
    if view.coadvisors:
        with_whom = (
            '<span class="scholar-person__coadvisors">'
            + esc(_("co-advised with {names}")).format(names=names_html(view.coadvisors, ctx))
            + "</span>"
        )
    if view.alumni:
        facts = ", ".join(esc(x) for x in (view.role, view.degree, view.year) if x)
        parts = [name]
        if facts:
            parts.append(f' <span class="scholar-person__degree">({facts})</span>')
        if with_whom:
            parts.append(f", {with_whom}")
        if view.now:
            now = esc(_("now {where}")).format(where=esc(view.now))
            parts.append(f', <span class="scholar-person__now">{now}</span>')
        before = (
            f'<li class="scholar-person scholar-person--alumni" id="{esc(view.anchor)}">'
            + "".join(parts)
        )
        if view.note:
            return before + ' <span class="scholar-person__note">', "</span></li>"
        return before, "</li>"
    photo_src = ctx.file_url(view.photo) if view.photo else None
    if photo_src:
        alt = _("Photo of {name}").format(name=view.name)
        photo = image_html(photo_src, alt, PHOTO_SIZE, PHOTO_SIZE, PHOTO_CLASSES)
    else:
        photo = (
            '<span class="scholar-person__photo scholar-person__photo--initials" '
            f'aria-hidden="true">{esc(initials(view.name))}</span>'
        )
    body = [f"<p>{name}</p>"]
    if view.role:
        body.append(f'<p class="scholar-person__role">{esc(view.role)}</p>')
    if with_whom:
        body.append(f"<p>{with_whom}</p>")
    before = (
        f'<li class="scholar-person" id="{esc(view.anchor)}">{photo}'
        f'<div class="scholar-person__body">{"".join(body)}'
    )
    if view.note:
        return before + '<p class="scholar-person__note">', "</p></div></li>"
    return before, "</div></li>"


# -- awards ----------------------------------------------------------------------
@dataclass(frozen=True)
class AwardView:
    name: str
    year: str
    org: str = ""
    url: str = ""  #: shown as its own link when the badge links to the paper


def award_piece(view: AwardView, ctx: ComponentContext) -> Piece:
    year = esc(view.year)
    before = (
        '<li class="scholar-award-item">'
        f'<time class="scholar-award-item__year" datetime="{year}">{year}</time> '
        '<span class="scholar-award-item__body">'
    )
    after = ""
    if view.org:
        after += f' <span class="scholar-award-item__org">{esc(view.org)}</span>'
    if view.url:
        _ = ctx.messages
        about = esc(_("about the {award}")).format(award=esc(view.name))
        details = esc(_("Details"))
        after += " " + link(
            view.url,
            f'{details}<span class="scholar-sr-only"> {about}</span>',
            class_="scholar-award-item__link",
        )
    return before, after + "</span></li>"


# -- teaching --------------------------------------------------------------------
@dataclass(frozen=True)
class CourseView:
    title: str
    number: str = ""
    url: str = ""  #: the course's link, when all its terms share one
    role: str = ""  #: shown only when not the default
    terms: tuple[tuple[str, str], ...] = ()  #: (term, its own URL or "")


def course_piece(view: CourseView, ctx: ComponentContext) -> Piece:
    number = (
        f'<span class="scholar-course__number">{esc(view.number)}</span> ' if view.number else ""
    )
    title = f'<span class="scholar-course__title">{name_html(view.title, view.url)}</span>'
    role = f' <span class="scholar-course__role">({esc(view.role)})</span>' if view.role else ""
    terms = ", ".join(name_html(text, url) for text, url in view.terms)
    terms_html = f': <span class="scholar-course__terms">{terms}</span>' if terms else ""
    return f'<li class="scholar-course">{number}{title}{role}{terms_html}</li>', ""


# -- projects --------------------------------------------------------------------
@dataclass(frozen=True)
class ProjectImageView:
    image: str
    alt: str = ""  #: "" by default: the card's title says what the image shows


def project_image_piece(view: ProjectImageView, ctx: ComponentContext) -> Piece:
    src = ctx.file_url(view.image)
    if not src:
        return "", ""
    width, height = PROJECT_IMAGE
    return image_html(src, view.alt, width, height, "sd-card-img-top scholar-project__image"), ""


@dataclass(frozen=True)
class ProjectTitleView:
    name: str
    url: str = ""


def project_title_piece(view: ProjectTitleView, ctx: ComponentContext) -> Piece:
    level = min(max(ctx.level, 2), 6)
    inner = name_html(view.name, view.url)
    return f'<h{level} class="sd-card-title scholar-project__title">{inner}</h{level}>', ""


@dataclass(frozen=True)
class LinksView:
    links: tuple[tuple[str, str], ...]


def links_piece(view: LinksView, ctx: ComponentContext) -> Piece:
    if not view.links:
        return "", ""
    # the labels a card's buttons use ("Code", "Slides") read as the cards do; others as written
    buttons = "".join(
        link(url, esc(ctx.messages(label)), class_="scholar-btn") for label, url in view.links
    )
    return f'<p class="scholar-actions scholar-project__links">{buttons}</p>', ""


# -- profile ---------------------------------------------------------------------
@dataclass(frozen=True)
class ProfileView:
    name: str
    show_name: bool = True
    title: str = ""
    affiliation: str = ""
    affiliation_url: str = ""
    email: tuple[str, str] = ("", "")  #: (user, domain)
    photo: str = ""
    links: tuple[tuple[str, str], ...] = field(default_factory=tuple)  #: (label, url)


def email_html(user: str, domain: str, messages: Messages = ENGLISH) -> str:
    """Readable and copyable as "user [at] domain"; scholar-email.js makes it a mailto link.

    The address never appears whole in the HTML, so harvesters that scan pages
    for ``x@y`` find nothing.
    """
    _ = messages
    at = _("[at]")
    return (
        f'<span class="scholar-email" data-user="{esc(user)}" data-domain="{esc(domain)}">'
        f"{esc(user)} {esc(at)} {esc(domain)}</span>"
    )


def profile_piece(view: ProfileView, ctx: ComponentContext) -> Piece:
    _ = ctx.messages
    photo = ""
    photo_src = ctx.file_url(view.photo) if view.photo else None
    if photo_src:
        photo = image_html(
            photo_src,
            _("Photo of {name}").format(name=view.name),
            PROFILE_PHOTO_SIZE,
            PROFILE_PHOTO_SIZE,
            "scholar-profile__photo dark-light",
        )
        photo = photo.replace(' loading="lazy"', ' fetchpriority="high"')
    text = []
    if view.show_name:
        text.append(f'<p class="scholar-profile__name">{esc(view.name)}</p>')
    if view.title:
        text.append(f'<p class="scholar-profile__title">{esc(view.title)}</p>')
    if view.affiliation:
        text.append(
            '<p class="scholar-profile__affiliation">'
            f"{name_html(view.affiliation, view.affiliation_url)}</p>"
        )
    user, domain = view.email
    if user and domain:
        email = email_html(user, domain, ctx.messages)
        text.append(f'<p class="scholar-profile__email">{icon_svg("email")}{email}</p>')
    if view.links:
        profiles = _("Profiles")
        items = "".join(
            "<li>"
            + link(url, icon_svg(icon_for(label, url)) + esc(label), class_="scholar-profile__link")
            + "</li>"
            for label, url in view.links
        )
        text.append(f'<ul class="scholar-profile__links" aria-label="{esc(profiles)}">{items}</ul>')
    return (
        f'<div class="scholar-profile">{photo}'
        f'<div class="scholar-profile__text">{"".join(text)}</div></div>',
        "",
    )


#: Renderer names (what component nodes store) -> functions.
RENDERERS: dict[str, Callable[..., Piece]] = {
    "list": list_piece,
    "news_item": news_item_piece,
    "timeline": timeline_piece,
    "person": person_piece,
    "award": award_piece,
    "course": course_piece,
    "project_image": project_image_piece,
    "project_title": project_title_piece,
    "links": links_piece,
    "profile": profile_piece,
}


def render_piece(name: str, view: object, ctx: ComponentContext) -> Piece:
    return RENDERERS[name](view, ctx)
