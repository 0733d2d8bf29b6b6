"""The tiles of a whole site: distinct papers always get tiles that say different things.

A tile on its own (:func:`~.placeholder.placeholder_tile`) shows the paper's short name,
its kind, venue and year, so two papers of one venue and year whose titles start alike
would get the same tile. Here the tiles that would say the same thing are told apart,
each step only for those still alike, in the order a reader looks for a difference:

1. more of the title: the name goes on with the title's next whole words, as many as
   fit the tile's lines ("SpecInfer" → "SpecInfer: Tree-based…");
2. the first author's family name in the caption ("OSDI 2023 · Jia");
3. the month ("OSDI Mar 2023");
4. the entry type beside the kind ("Paper (misc)");
5. last, a visible ordinal in the caption ("· 2"), by key.

A step is taken for a group of alike tiles only when it tells some of them apart. A
tile that no other says stays exactly what :func:`placeholder_tile` draws. Everything
is decided from the records sorted by key, so any order of the input (serial,
parallel, incremental builds) gives the same tiles.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cached_property

from ..core.messages import ENGLISH, Messages
from ..core.records import Publication
from .placeholder import (
    _SMALL_WORDS,
    CAPTION_SIZE,
    LONGEST_WORD,
    MAX_LINES,
    TileText,
    base_caption,
    draw,
    font_size,
    kind_label,
    name_lines,
    tile_label,
    wrap,
)

#: A tile as drawn: its HTML.
Drawn = str
#: What a tile says, as a reader sees it: kind, name lines, caption (not the caption's size)
Said = tuple[str, tuple[str, ...], str]
#: A record's tile on its own, before any step: (label, text, drawn). It depends on the
#: entry and the language only, so a caller may keep it across builds by the record's digest.
Base = tuple[str, TileText, Drawn]
_STRIP = ".,;:!?()[]\"'“”…"


@dataclass(frozen=True)
class _Draft:
    """A tile being told apart: which steps it took so far."""

    record: Publication
    label: str
    messages: Messages
    authors: bool = False
    month: bool = False
    entry_type: bool = False
    ordinal: int = 0
    #: the record's tile on its own, when the caller knew it; a step sets it to None
    base: Base | None = None

    @cached_property
    def text(self) -> TileText:
        if self.base is not None:
            return self.base[1]
        record, messages = self.record, self.messages
        kind = messages(kind_label(record))
        if self.entry_type:
            kind = f"{kind} ({record.entry_type})"
        caption = base_caption(record)
        if self.month and record.month and record.year:
            when = messages.date(record.year, record.month)
            caption = " ".join(x for x in (record.venue_abbr, when) if x)
        extras = [caption]
        if self.authors and record.authors:
            extras.append(record.authors[0].family or record.authors[0].name)
        if self.ordinal:
            extras.append(str(self.ordinal))
        caption = " · ".join(x for x in extras if x)
        size = CAPTION_SIZE if caption == base_caption(record) else caption_size(caption)
        return TileText(kind, name_lines(self.label), caption, size)

    @cached_property
    def said(self) -> Said:
        text = self.text
        return text.kind, text.lines, text.caption

    def drawn(self) -> Drawn:
        if self.base is not None:
            return self.base[2]
        return draw(self.text, self.record.venue_abbr or self.record.entry_type)


def caption_size(caption: str) -> int:
    """The caption's size (at most the usual one) at which a lengthened caption fits the tile."""
    return min(CAPTION_SIZE, font_size([caption]))


def _following_words(record: Publication, label: str) -> str:
    """*label* and the title's next whole words after it, as many as fit the tile's lines;
    *label* itself when it is not a run of the title's words or nothing more fits."""
    tokens = record.title.plain.split()
    name = [w.strip(_STRIP) for w in label.split()]
    if not name or not tokens:
        return label
    bare = [w.strip(_STRIP) for w in tokens]
    for start in range(len(tokens) - len(name) + 1):
        if bare[start : start + len(name)] == name:
            break
    else:
        return label
    end = start + len(name)

    def shown(upto: int) -> str:  # the title's words up to *upto*, "…" if it goes on
        text = " ".join(tokens[start:upto]).rstrip(",;:")
        return text if upto == len(tokens) else text + "…"

    def fits(upto: int) -> bool:  # with its "…", on the tile's lines, no word too long
        words = shown(upto).split()
        return len(wrap(words)) <= MAX_LINES and all(len(w) <= LONGEST_WORD for w in words)

    upto = end
    while upto < len(tokens) and fits(upto + 1):
        upto += 1
    while upto > end and tokens[upto - 1].lower().strip(",;:") in _SMALL_WORDS:
        upto -= 1  # "SpecInfer: Tree-based…", not "SpecInfer: Tree-based for…"
    return shown(upto) if upto > end and fits(upto) else label


#: The steps, in order: each gives a draft that says more.
_STEPS: tuple[Callable[[_Draft], _Draft], ...] = (
    lambda d: replace(d, label=_following_words(d.record, d.label), base=None),
    lambda d: replace(d, authors=True, base=None),
    lambda d: replace(d, month=True, base=None),
    lambda d: replace(d, entry_type=True, base=None),
)


def base_tiles(
    records: Iterable[Publication],
    messages: Messages = ENGLISH,
    known: Mapping[str, Base] | None = None,
) -> dict[str, Base]:
    """digest -> each record's tile on its own: from *known* (the last build's, same
    language) where the entry is unchanged, else drawn now."""
    known = known or {}
    bases: dict[str, Base] = {}
    for record in records:
        base = known.get(record.digest)
        if base is None:
            draft = _Draft(record, tile_label(record, messages), messages)
            base = (draft.label, draft.text, draft.drawn())
        bases[record.digest] = base
    return bases


def distinct_tiles(
    records: Iterable[Publication],
    messages: Messages = ENGLISH,
    bases: Mapping[str, Base] | None = None,
) -> dict[str, Drawn]:
    """key -> the HTML of each record's tile; distinct keys get tiles whose text
    differs. One pass groups all tiles by what they say; only groups of alike tiles take
    further steps, so a site whose tiles all differ pays for little more than drawing them.

    *bases* (from :func:`base_tiles`, same records and language) spares drawing the tiles
    that need no step again."""
    ordered = sorted({r.key: r for r in records}.values(), key=lambda r: r.key)
    known = bases or {}
    drafts = []
    for record in ordered:
        base = known.get(record.digest)
        label = base[0] if base is not None else tile_label(record, messages)
        drafts.append(_Draft(record, label, messages, base=base))
    done: dict[Said, _Draft] = {}
    pending = _settle(drafts, done)
    for step in _STEPS:
        if not pending:
            break
        moved: list[_Draft] = []
        for group in _groups(pending):
            after = [step(d) for d in group]
            texts = {d.said for d in after}
            alike = texts == {group[0].said}
            # a step is worth taking when it tells the group (or the one tile that repeats
            # a settled tile) apart; otherwise it would only add words
            moved.extend(group if alike or (len(group) > 1 and len(texts) == 1) else after)
        pending = _settle(moved, done)
    _number(pending, done)
    return {d.record.key: d.drawn() for d in done.values()}


def _groups(drafts: list[_Draft]) -> list[list[_Draft]]:
    """The drafts grouped by what they say, each group by key, groups by first key."""
    by_text: dict[Said, list[_Draft]] = defaultdict(list)
    for draft in drafts:
        by_text[draft.said].append(draft)
    return sorted(by_text.values(), key=lambda g: g[0].record.key)


def _settle(drafts: list[_Draft], done: dict[Said, _Draft]) -> list[_Draft]:
    """Settle each draft that says what no other draft and no settled tile says; the rest
    are returned, still alike."""
    left = []
    for group in _groups(drafts):
        said = group[0].said
        if len(group) == 1 and said not in done:
            done[said] = group[0]
        else:
            left.extend(group)
    return left


def _number(drafts: list[_Draft], done: dict[Said, _Draft]) -> None:
    """The last resort: the first of each group keeps its text (if no settled tile says
    it), the others get the next free ordinal, which no other tile can then say."""
    groups = _groups(drafts)
    still = {group[0].said for group in groups}
    for group in groups:
        ordinal = 1
        for draft in group:
            candidate = draft if ordinal == 1 else replace(draft, ordinal=ordinal, base=None)
            while candidate.said in done or (candidate is not draft and candidate.said in still):
                ordinal += 1
                candidate = replace(draft, ordinal=ordinal, base=None)
            done[candidate.said] = candidate
            ordinal += 1
