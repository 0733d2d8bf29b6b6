"""Reading the files an import brings in: any encoding, with a word about it; never binary.

Sites exported from old tools are not always UTF-8 (a Windows-made TSV is
cp1252). The core's bib reader decodes line by line (core/bibparse.py); the
other sources an import reads (TSV, Markdown, YAML) are small, one-author files,
so one encoding for the whole file is enough, and the report names it.
"""

from __future__ import annotations

import codecs
from pathlib import Path

#: Tried in order after UTF-8; latin-1 decodes any bytes, so the list always ends.
FALLBACKS = ("cp1252", "latin-1")
#: C0 control bytes text files do not hold (tab, line feed, form feed, carriage return do).
_CONTROL = frozenset(range(32)) - {9, 10, 12, 13}


class SourceError(Exception):
    """The source is not what the format expects, or cannot be read (exit status 2)."""


def source_bytes(path: Path) -> bytes:
    """The bytes of a source file, refused when unreadable, a folder, empty or binary."""
    if path.is_dir():
        raise SourceError(f"{path} is a folder, not a file")
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise SourceError(f"cannot read {path}: {error.strerror or error}") from error
    if not raw.strip():
        raise SourceError(f"{path} is empty")
    if looks_binary(raw):
        raise SourceError(f"{path} is not a text file (an image, a PDF, an archive?)")
    return raw


def decode(raw: bytes) -> tuple[str, str | None]:
    """*raw* as text and the encoding it was read in when that is not UTF-8 (else None)."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    for encoding in FALLBACKS:
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def read_text(path: Path) -> tuple[str, str | None]:
    """The text of *path* (see :func:`decode`); SourceError when it is no text file."""
    return decode(source_bytes(path))


def looks_binary(raw: bytes) -> bool:
    """Whether *raw* is not text: a NUL byte, or more than 1 byte in 20 a C0 control.

    Text exports never hold NUL, and images, PDFs and archives all do; text pasted
    from a PDF may hold a few control characters (the build removes and warns about
    them), random bytes hold one in nine.
    """
    if b"\x00" in raw:
        return True
    controls = sum(raw.count(bytes([byte])) for byte in _CONTROL)
    return controls * 20 > len(raw)


def encoding_note(path: Path | str, encoding: str | None) -> str:
    """What the report says about a file that was not UTF-8."""
    return f"{path} is not UTF-8: read as {encoding}; check its accented letters"
