"""Bib-derived data kept beside the environment pickle, loaded only when a build needs it.

Sphinx unpickles the whole environment at the start of every build. With the
bib's entries inside it (pybtex's objects in sphinxcontrib-bibtex's cache, and
our records), a rebuild where nothing changed spent ~1 s of its time loading
6300 entries it never looked at (measured on a 6315-entry bib). So both live in
one side file, written when the bib is parsed, and the environment holds small
stand-ins that load it on first use. A build that touches no paper never does.
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

from pybtex.database import BibliographyData

FILENAME = "scholar-bib.pickle"


class SidecarMissing(RuntimeError):
    """The side file is gone or belongs to another parse (the lead handler re-parses)."""


def write(doctreedir: Path, token: str, payload: dict[str, Any]) -> Path:
    path = Path(doctreedir) / FILENAME
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as handle:
        pickle.dump({"token": token, **payload}, handle, pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    return path


def read(path: str, token: str) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            payload = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError) as error:
        raise SidecarMissing(f"{path}: {error}") from error
    if payload.get("token") != token:
        raise SidecarMissing(f"{path} was written by another parse")
    return payload


def is_valid(path: str, token: str) -> bool:
    """Cheap check (no unpickling of the entries): does the file hold this parse?"""
    try:
        with open(path, "rb") as handle:
            header = handle.read(256)
    except OSError:
        return False
    return token.encode() in header


class Lazy:
    """A value from the side file: pickles as (path, token, key), loads on ``.value``."""

    __slots__ = ("_key", "_path", "_token", "_value")

    def __init__(self, path: str, token: str, key: str, value: Any = None) -> None:
        self._path, self._token, self._key, self._value = path, token, key, value

    @property
    def value(self) -> Any:
        if self._value is None:
            self._value = read(self._path, self._token)[self._key]
        return self._value

    @property
    def token(self) -> str:
        return self._token

    def __reduce__(self) -> tuple:
        return (Lazy, (self._path, self._token, self._key))


class LazyBibliographyData(BibliographyData):
    """sphinxcontrib-bibtex's parsed data, loaded from the side file on first attribute use.

    It keeps its own bib cache in the environment (``BibData.data``) and only reads
    ``.data`` when a page cites or lists entries; until then this stand-in is enough.
    """

    def __init__(self, lazy: Lazy) -> None:  # no super().__init__: nothing loaded yet
        self.__dict__["_lazy"] = lazy

    def __getattr__(self, name: str) -> Any:
        lazy = self.__dict__.get("_lazy")
        if lazy is None or name.startswith("__"):
            raise AttributeError(name)
        real: BibliographyData = lazy.value
        self.__dict__.update(real.__dict__)
        self.__dict__["_lazy"] = None
        return getattr(self, name)

    def __reduce__(self) -> tuple:
        lazy = self.__dict__.get("_lazy")
        if lazy is None:  # loaded: still pickle only the reference
            lazy = self.__dict__["_source"]
        return (LazyBibliographyData, (Lazy(lazy._path, lazy._token, lazy._key),))

    def bind(self) -> LazyBibliographyData:
        """Remember the source even after loading, so pickling stays small."""
        self.__dict__["_source"] = self.__dict__["_lazy"]
        return self
