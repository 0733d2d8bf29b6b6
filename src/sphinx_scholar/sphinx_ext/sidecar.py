"""Bib-derived data kept out of the environment pickle, loaded only when a build needs it.

Sphinx unpickles the whole environment at the start of every build. With the
bib's entries inside it (pybtex's objects in sphinxcontrib-bibtex's cache, and
our records), a rebuild where nothing changed spent most of its time loading
entries it never looked at (bench/measurements.md). So:

- our records (and the warnings their parse gave) live in a side file next to the
  environment, written when the bib is parsed, and the environment holds a
  :class:`Lazy` stand-in; keyed on the content, it also spares a `-E` build the parse;
- sphinxcontrib-bibtex's parsed data is not stored at all: a
  :class:`LazyBibliographyData` stand-in parses the bib again on first use,
  which only a page with ``:cite:`` or ``{bibliography}`` triggers;
- a file's big mapping (every entry's record or parse) can be kept in shards, files
  of their own beside it (:func:`write`'s *shard*): an edit to one entry pickles again
  only the shard that entry falls in, not the thousands of entries around it.
"""

from __future__ import annotations

import atexit
import gc
import os
import pickle
import secrets
import zlib
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pybtex.database import BibliographyData

FILENAME = "scholar-records.pickle"
#: how many shards a big mapping is cut into (see :func:`write`)
SHARDS = 64
#: the folder of a file's shards is named after the file, with this after it
SHARDS_SUFFIX = ".d"


class SidecarMissing(RuntimeError):
    """The side file is gone or belongs to another parse."""


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small objects.

    Parsing, converting and unpickling thousands of entries create millions of
    objects and no garbage cycles; the collector's passes over them are a large
    share of that time (bench/measurements.md). Afterwards they are frozen (moved
    out of the collector's generations): otherwise its next full pass walks them
    all once more. :func:`thaw` gives them back to the collector when the build ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def thaw(app: Any, exception: BaseException | None) -> None:
    """``build-finished``: what :func:`gc_paused` froze is collectable again, so a process
    that builds many times (tests, an in-process preview) keeps no garbage of old builds."""
    gc.unfreeze()


def freeze_at_exit() -> None:
    """When the process ends, what is still alive is frozen first (registered once).

    Python's finalization collects cycles more than once, each time walking every object
    still alive: after a build that loaded thousands of records and pages, that walk cost
    more than a small edit's own work (bench/measurements.md); ``sphinx-autobuild`` runs
    a process per rebuild. Frozen objects are not walked; the process's memory goes back
    to the system all the same. A process that builds many times (tests) is untouched
    until it ends: :func:`thaw` still gives each build back to the collector.
    """
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)


def write(
    doctreedir: Path,
    token: str,
    value: Any,
    filename: str = FILENAME,
    *,
    shard: str | None = None,
    previous: Mapping[Any, Any] | None = None,
) -> str:
    """Pickle *value* (with *token*, which :func:`read` checks) to *filename*.

    With *shard*, ``value[shard]`` (a mapping whose keys are strings or tuples of them)
    goes into files of its own in a folder beside the file, by a hash of each key; a shard
    whose items are the very objects of *previous*'s (what :func:`read` gave back for the
    last version) keeps its file. Shard files are never overwritten: new ones get new
    names, and the ones the new version does not name are removed once it is in place.
    """
    path = Path(doctreedir) / filename
    path.parent.mkdir(parents=True, exist_ok=True)
    if shard is not None:
        value = {**value, shard: _write_shards(_shard_folder(path), value[shard], previous)}
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")  # parallel writers: one each
    with tmp.open("wb") as handle:
        pickle.dump({"token": token, "value": value}, handle, pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    if shard is not None:
        _remove_unnamed(_shard_folder(path), value[shard].files)
    return str(path)


def read(path: str, token: str) -> Any:
    try:
        with open(path, "rb") as handle, gc_paused():
            payload = pickle.load(handle)
            if isinstance(payload, dict) and payload.get("token") == token:
                value = payload["value"]
                if isinstance(value, dict):
                    for name, item in value.items():
                        if isinstance(item, _ShardList):
                            value[name] = _read_shards(_shard_folder(Path(path)), item)
    except Exception as error:  # a cache: unreadable for whatever reason is a cache missed
        raise SidecarMissing(f"{path}: {error}") from error
    if not isinstance(payload, dict) or payload.get("token") != token:
        raise SidecarMissing(f"{path} was written by another parse")
    return payload["value"]


class Shards(dict[Any, Any]):
    """A sharded mapping as :func:`read` gives it back: a dict, which also knows each
    shard's file and items, for the next :func:`write` to keep the unchanged ones.
    It pickles as a plain dict."""

    def __init__(self, items: dict[Any, Any], kept: dict[int, tuple[str, dict[Any, Any]]]) -> None:
        super().__init__(items)
        self.kept = kept

    def __reduce__(self) -> tuple:
        return (dict, (dict(self),))


class _ShardList:
    """Stands in the main file for a sharded mapping: its key order and its shard files."""

    def __init__(self, order: list[Any], files: list[str | None]) -> None:
        self.order, self.files = order, files


def _shard_folder(path: Path) -> Path:
    return path.with_name(path.name + SHARDS_SUFFIX)


def _shard_of(key: str | tuple[str, ...]) -> int:
    """Stable across processes (``hash`` of a str is not)."""
    text = key if isinstance(key, str) else "\0".join(key)
    return zlib.crc32(text.encode("utf-8", "surrogatepass")) % SHARDS


def _write_shards(
    folder: Path, mapping: Mapping[Any, Any], previous: Mapping[Any, Any] | None
) -> _ShardList:
    groups: list[dict[Any, Any]] = [{} for _ in range(SHARDS)]
    for key, item in mapping.items():
        groups[_shard_of(key)][key] = item
    kept = previous.kept if isinstance(previous, Shards) else {}
    files: list[str | None] = []
    for index, group in enumerate(groups):
        old = kept.get(index)
        if not group:
            files.append(None)
        elif old is not None and _same_items(old[1], group):
            files.append(old[0])
        else:
            name = f"{index:02x}-{secrets.token_hex(8)}.pickle"
            folder.mkdir(parents=True, exist_ok=True)
            with (folder / name).open("wb") as handle:
                pickle.dump(group, handle, pickle.HIGHEST_PROTOCOL)
            files.append(name)
    return _ShardList(list(mapping), files)


def stored(mapping: Mapping[Any, Any], key: Any) -> Any:
    """The object *key*'s shard file holds, as :func:`read` found it (None if *mapping*
    was not read from shards, or has no such key): what a later :func:`write` compares."""
    if not isinstance(mapping, Shards):
        return None
    part = mapping.kept.get(_shard_of(key))
    return None if part is None else part[1].get(key)


def _same_items(old: dict[Any, Any], new: dict[Any, Any]) -> bool:
    """The same keys holding the same objects: identity, not equality, which would
    compare every field of every record (a reused entry is the object that was read)."""
    return old.keys() == new.keys() and all(new[key] is old[key] for key in new)


def _read_shards(folder: Path, shards: _ShardList) -> Shards:
    kept: dict[int, tuple[str, dict[Any, Any]]] = {}
    merged: dict[Any, Any] = {}
    for index, name in enumerate(shards.files):
        if name is None:
            continue
        with (folder / name).open("rb") as handle:
            part = pickle.load(handle)
        if not isinstance(part, dict):
            raise SidecarMissing(f"{folder / name} is not a shard")
        kept[index] = (name, part)
        merged.update(part)
    if merged.keys() != set(shards.order):
        raise SidecarMissing(f"{folder}: the shards do not hold the keys their list names")
    return Shards({key: merged[key] for key in shards.order}, kept)


def _remove_unnamed(folder: Path, files: list[str | None]) -> None:
    """Shards no version names any more (an older version's, or a stopped write's)."""
    named = set(files)
    try:
        found = list(folder.iterdir())
    except OSError:
        return
    for path in found:
        if path.name not in named:
            path.unlink(missing_ok=True)


def is_valid(path: str, token: str) -> bool:
    """Cheap check (no unpickling of the entries): does the file hold this parse?"""
    try:
        with open(path, "rb") as handle:
            header = handle.read(256)
    except OSError:
        return False
    return token.encode() in header


class Lazy:
    """A value from the side file: pickles as its recipe, loads once on ``.value``.

    *load* reads the file (:func:`read` unless given); *remake* (picklable, with the
    environment) makes the value anew when the file cannot be read: a later build that
    finds the bib unchanged trusts the file by its first bytes (:func:`is_valid`) and only
    reads the rest when a page needs the records.
    """

    __slots__ = ("_load", "_path", "_remake", "_token", "_value")

    def __init__(
        self,
        path: str,
        token: str,
        value: Any = None,
        remake: Callable[[], Any] | None = None,
        load: Callable[[str, str], Any] | None = None,
    ) -> None:
        self._path, self._token, self._value = path, token, value
        self._remake, self._load = remake, load

    @property
    def value(self) -> Any:
        if self._value is None:
            try:
                self._value = (self._load or read)(self._path, self._token)
            except SidecarMissing:
                if self._remake is None:
                    raise
                self._value = self._remake()
        return self._value

    @property
    def token(self) -> str:
        return self._token

    def __reduce__(self) -> tuple:
        return (Lazy, (self._path, self._token, None, self._remake, self._load))


class LazyBibliographyData(BibliographyData):
    """sphinxcontrib-bibtex's parsed data, made on first attribute use by *load*.

    sphinxcontrib-bibtex keeps its bib cache in the environment (``BibData.data``)
    but reads ``.data`` only when a page cites or lists entries; until then this
    stand-in is enough, and it pickles as the recipe, not the entries.
    """

    def __init__(self, load: Callable[[], BibliographyData]) -> None:  # nothing loaded yet
        self.__dict__["_load"] = load

    def __getattr__(self, name: str) -> Any:
        load = self.__dict__.get("_load")
        if load is None or name.startswith("__") or "_loaded" in self.__dict__:
            raise AttributeError(name)
        self.__dict__.update(load().__dict__)
        self.__dict__["_loaded"] = True
        return getattr(self, name)

    def __reduce__(self) -> tuple:
        return (LazyBibliographyData, (self.__dict__["_load"],))
