"""Writing into a user's site without losing what was there.

Every file is written whole or not at all: to a temporary file beside it, then
:func:`os.replace` (atomic on one file system), so an interrupted import leaves
the old file, never half a new one. A file that is replaced is first copied into
one backup folder per run (``.scholar-backup/<time>/``, the site's layout kept),
which the command names in its report.
"""

from __future__ import annotations

import datetime
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

BACKUP_DIR = ".scholar-backup"


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write *data* (text as UTF-8) to *path* through a temporary file and os.replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            shutil.copymode(path, temp)
        else:  # mkstemp makes 0600 files; a new file gets the usual mode
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


@dataclass
class Backups:
    """The backup folder of one run: files are copied there before they are replaced."""

    site: Path
    folder: Path | None = None
    kept: list[Path] = field(default_factory=list)  #: the backups, in the order made

    def _folder(self) -> Path:
        if self.folder is None:
            stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
            base = self.site / BACKUP_DIR / stamp
            folder, counter = base, 2
            while folder.exists():
                folder, counter = base.with_name(f"{stamp}-{counter}"), counter + 1
            self.folder = folder
        return self.folder

    def keep(self, path: Path) -> Path | None:
        """Copy *path* into the backup folder if it exists; where the copy is."""
        if not path.is_file():
            return None
        try:
            relative = path.resolve().relative_to(self.site.resolve())
        except ValueError:  # a file outside the site: keep it under its name
            relative = Path(path.name)
        copy = self._folder() / relative
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, copy)
        self.kept.append(copy)
        return copy

    def replace(self, path: Path, data: str | bytes) -> None:
        """Write *data* to *path*, keeping a backup of what was there if it differs."""
        payload = data.encode("utf-8") if isinstance(data, str) else data
        if path.is_file():
            if path.read_bytes() == payload:
                return
            self.keep(path)
        atomic_write(path, payload)
