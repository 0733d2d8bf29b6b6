"""Fingerprints of what a page or a file is made from: equal digests, equal output."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

PACKAGE = Path(__file__).parent.parent


def digest(*parts: object) -> str:
    return hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()


def stable_digest(value: object) -> str:
    """A digest of nested data that ignores the order of sets and dict keys."""
    if isinstance(value, dict):
        value = sorted(stable_digest(item) for item in value.items())
    elif isinstance(value, (list, tuple, set, frozenset)):
        value = sorted(stable_digest(item) for item in value)
    elif isinstance(value, type) or callable(value):
        value = f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', value)}"
    return hashlib.blake2b(str(value).encode(), digest_size=12).hexdigest()


@functools.lru_cache(maxsize=1)
def code_state() -> tuple:
    """This package's code, styles, templates and catalogs: a change rewrites what they make.

    Listed once per process (three caches ask for it in a build): a build runs the code it
    imported at its start, and sphinx-autobuild starts a process for each build."""
    return tuple(
        (str(path.relative_to(PACKAGE)), path.stat().st_mtime_ns)
        for path in sorted(PACKAGE.rglob("*"))
        if path.suffix in {".py", ".css", ".js", ".html", ".mo"}
    )
