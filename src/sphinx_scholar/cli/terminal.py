"""Text from a source file, made safe to print in a terminal.

A bib or a TSV may hold control characters (ESC starts terminal escape
sequences that can recolour, retitle or rewrite the screen) and bidirectional
overrides that reorder what is shown. Everything the commands print that came
from a file goes through :func:`printable`, which writes such characters as
escapes (``\\x1b``, ``\\u202e``) the way Python's ``repr`` does.
"""

from __future__ import annotations

import re
from typing import TextIO

#: C0 and C1 controls and DEL, bidirectional controls, line and paragraph separators.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, keep_lines: bool = False) -> str:
    """*text* with every control character escaped; line breaks too unless *keep_lines*."""
    if keep_lines:
        return "\n".join(_UNSAFE.sub(_escape, line) for line in text.split("\n"))
    return _UNSAFE.sub(_escape, text)


def say(text: str, out: TextIO) -> None:
    """Print our own multi-line *text* (its lines kept) with what came from files escaped."""
    print(printable(text, keep_lines=True), file=out)
