"""Talks as HTML: one list per year, each talk with its schema.org ``Event`` JSON-LD."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..core.cv import Talk
from ..core.messages import ENGLISH, Messages
from ..core.urls import is_safe
from .head import json_ld
from .html import esc, link


def talk_event(talk: Talk, owner: str, paper: tuple[str, str] | None) -> dict[str, Any]:
    """schema.org Event: what search engines read of a talk."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": talk.title,
        "startDate": talk.date.iso,
    }
    if talk.location or talk.event:
        data["location"] = {"@type": "Place", "name": talk.location or talk.event}
    if talk.event:
        data["superEvent"] = {"@type": "Event", "name": talk.event}
    if owner:
        data["performer"] = {"@type": "Person", "name": owner}
    event_url = dict((label, url) for label, url in talk.links).get("Event", "")
    if event_url.startswith(("http://", "https://")):
        data["url"] = event_url
    if paper:
        data["workPerformed"] = {"@type": "ScholarlyArticle", "name": paper[0]}
    return data


def talk_html(
    talk: Talk, owner: str, paper: tuple[str, str] | None, messages: Messages = ENGLISH
) -> str:
    _ = messages
    date = talk.date
    when = (
        f'<time class="scholar-talk__date" datetime="{esc(date.iso)}">'
        f"{esc(messages.date(date.year, date.month, date.day))}</time>"
    )
    where = ", ".join(esc(x) for x in (talk.event, talk.location) if x)
    where_html = f' <span class="scholar-talk__where">{where}</span>' if where else ""
    links = [
        link(url, esc(_(label)), class_="scholar-btn") for label, url in talk.links if is_safe(url)
    ]
    if paper:
        title, url = paper
        inner = esc(_("Paper")) + f'<span class="scholar-sr-only">: {esc(title)}</span>'
        links.append(link(url, inner, class_="scholar-btn") if url else f"<em>{esc(title)}</em>")
    actions = f' <span class="scholar-talk__links">{" ".join(links)}</span>' if links else ""
    return (
        f'<li class="scholar-talk" id="{esc(talk.anchor)}">{when} '
        f'<span class="scholar-talk__title">{esc(talk.title)}</span>{where_html}{actions}'
        f"{json_ld(talk_event(talk, owner, paper))}</li>"
    )


def talks_html(
    talks: Iterable[Talk],
    level: int,
    papers: Mapping[str, tuple[str, str]],
    owner: str,
    label: str = "",
    messages: Messages = ENGLISH,
) -> str:
    """Newest year first; a heading per year at *level*."""
    years: dict[int, list[Talk]] = {}
    for talk in talks:
        years.setdefault(talk.date.year, []).append(talk)
    aria = f' aria-label="{esc(label)}"' if label else ""
    out = [f'<div class="scholar-talks"{aria}>']
    for year in sorted(years, reverse=True):
        out.append(f'<h{level} class="scholar-talks__year">{year}</h{level}>')
        items = "".join(talk_html(t, owner, papers.get(t.paper), messages) for t in years[year])
        out.append(f'<ul class="scholar-talks__list">{items}</ul>')
    out.append("</div>")
    return "".join(out)
