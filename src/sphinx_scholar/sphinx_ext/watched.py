"""Local files the bib entries name (thumbnails, PDFs, ...), watched between builds.

A file that appears or goes after a build changes what a clean build gives (the
thumbnail is shown or not, the ``missing_file`` warning is given or not). Folders
the bare names live in are watched by their mtime (loading.py); a path with a
slash can point anywhere in the source, so each named file is checked itself:
one ``stat`` per file per build, no records loaded.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from ..core.fields import FILE_FIELDS
from ..core.files import SiteFiles, is_remote
from ..core.records import Publication

#: key -> ((source path, exists), ...), in bib order
FileStates = tuple[tuple[str, tuple[tuple[str, bool], ...]], ...]


def file_states(
    records: Mapping[str, Publication], site: SiteFiles, preview_dir: str, files_dir: str
) -> FileStates:
    """Every local file each entry names, and whether it exists now."""
    out = []
    for key, record in records.items():
        wanted = [(record.thumbnail, preview_dir)] if record.thumbnail else []
        wanted += [
            (link.url, files_dir)
            for link in record.links
            if link.kind in FILE_FIELDS and link.url and not is_remote(link.url)
        ]
        paths = [str(site.locate(value, where)) for value, where in wanted if not is_remote(value)]
        if paths:
            out.append((key, tuple((path, os.path.isfile(path)) for path in paths)))
    return tuple(out)


def recheck(states: FileStates) -> FileStates:
    """The same files, as they are now."""
    return tuple(
        (key, tuple((path, os.path.isfile(path)) for path, _ in files)) for key, files in states
    )
