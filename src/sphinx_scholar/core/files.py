"""Files a bib entry or a component names: where they are, and where they will be served.

A bare file name is looked up in a configured folder (al-folio writes
``preview = {brain.png}``); a path with a slash is relative to the source
directory. Files are served only from ``html_static_path`` and
``html_extra_path``, so that is where they must live.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .urls import scheme_of


@dataclass(frozen=True)
class SiteFiles:
    """The source folder and the folders Sphinx copies to the output."""

    srcdir: Path
    static_dirs: tuple[Path, ...] = ()  #: served under ``_static/``
    extra_dirs: tuple[Path, ...] = ()  #: served at the site root

    def locate(self, value: str, default_dir: str = "") -> Path:
        """The source path a bib value names."""
        value = value.strip()
        if value.startswith("/"):
            return self.srcdir / value.lstrip("/")
        if "/" not in value and default_dir:
            return self.srcdir / default_dir / value
        return self.srcdir / value

    @cached_property
    def _roots(self) -> tuple[tuple[Path, ...], tuple[Path, ...]]:
        """The served folders, resolved once per site rather than once per file looked up."""
        return (
            tuple(folder.resolve() for folder in self.static_dirs),
            tuple(folder.resolve() for folder in self.extra_dirs),
        )

    def served_as(self, path: Path) -> str | None:
        """The output path (relative to the site root) a source file is copied to."""
        resolved = path.resolve()
        static_roots, extra_roots = self._roots
        for folder in static_roots:
            try:
                return posixpath.join("_static", resolved.relative_to(folder).as_posix())
            except ValueError:
                continue
        for folder in extra_roots:
            try:
                return resolved.relative_to(folder).as_posix()
            except ValueError:
                continue
        return None

    def resolve(self, value: str, default_dir: str = "") -> tuple[str | None, str]:
        """(output path, problem): the output path is None when the file cannot be served."""
        if is_remote(value):
            return value, ""
        path = self.locate(value, default_dir)
        if not path.is_file():
            return None, f"file {value!r} not found (looked for {path})"
        served = self.served_as(path)
        if served is None:
            return None, (
                f"file {value!r} is not inside html_static_path or html_extra_path, "
                "so the site would not serve it"
            )
        return served, ""


def is_remote(value: str) -> bool:
    """An absolute URL (http, https, ...) rather than a file of the site."""
    return bool(scheme_of(value)) or value.strip().startswith("//")
