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
  which only a page with ``:cite:`` or ``{bibliography}`` triggers.
"""

from __future__ import annotations

import atexit
import gc
import os
import pickle
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pybtex.database import BibliographyData

FILENAME = "scholar-records.pickle"


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


def write(doctreedir: Path, token: str, value: Any, filename: str = FILENAME) -> str:
    path = Path(doctreedir) / filename
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")  # parallel writers: one each
    with tmp.open("wb") as handle:
        pickle.dump({"token": token, "value": value}, handle, pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    return str(path)


def read(path: str, token: str) -> Any:
    try:
        with open(path, "rb") as handle, gc_paused():
            payload = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError) as error:
        raise SidecarMissing(f"{path}: {error}") from error
    if not isinstance(payload, dict) or payload.get("token") != token:
        raise SidecarMissing(f"{path} was written by another parse")
    return payload["value"]


def is_valid(path: str, token: str) -> bool:
    """Cheap check (no unpickling of the entries): does the file hold this parse?"""
    try:
        with open(path, "rb") as handle:
            header = handle.read(256)
    except OSError:
        return False
    return token.encode() in header


class Lazy:
    """A value from the side file: pickles as (path, token), loads once on ``.value``."""

    __slots__ = ("_path", "_token", "_value")

    def __init__(self, path: str, token: str, value: Any = None) -> None:
        self._path, self._token, self._value = path, token, value

    @property
    def value(self) -> Any:
        if self._value is None:
            self._value = read(self._path, self._token)
        return self._value

    @property
    def token(self) -> str:
        return self._token

    def __reduce__(self) -> tuple:
        return (Lazy, (self._path, self._token))


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
