"""Inline SVG icons: a few hundred bytes each, no icon font, no request."""

from __future__ import annotations

# fmt: off
_PATHS = {
    # Simple geometric shapes drawn for this project (24x24 grid).
    "trophy": "M7 3h10v2h3v3a4 4 0 0 1-4 4h-.3A5 5 0 0 1 13 14.9V17h3v3H8v-3h3v-2.1A5 5 0 0 1 8.3 12H8a4 4 0 0 1-4-4V5h3V3zm0 4H6v1a2 2 0 0 0 1 1.7V7zm10 0v2.7A2 2 0 0 0 18 8V7h-1z",
    "star": "M12 2.5l2.9 6.1 6.6.8-4.9 4.6 1.3 6.5L12 17.3l-5.9 3.2 1.3-6.5-4.9-4.6 6.6-.8z",
    "copy": "M8 3h11v14h-2V5H8V3zM5 7h10v14H5V7zm2 2v10h6V9H7z",
    "check": "M9.5 16.2 5.3 12l-1.4 1.4 5.6 5.6 11-11-1.4-1.4z",
    "search": "M10 3a7 7 0 0 1 5.6 11.2l5.1 5.1-1.4 1.4-5.1-5.1A7 7 0 1 1 10 3zm0 2a5 5 0 1 0 0 10 5 5 0 0 0 0-10z",
    "external": "M14 3h7v7h-2V6.4l-8.3 8.3-1.4-1.4L17.6 5H14V3zM5 5h6v2H5v12h12v-6h2v8H3V5h2z",
    "rss": "M5 3a16 16 0 0 1 16 16h-3A13 13 0 0 0 5 6V3zm0 6a10 10 0 0 1 10 10h-3a7 7 0 0 0-7-7V9zm2 8a2 2 0 1 1 0 4 2 2 0 0 1 0-4z",
}
# fmt: on


def icon(name: str, css_class: str = "scholar-icon") -> str:
    """A decorative icon (hidden from screen readers; the text beside it says it)."""
    return (
        f'<svg class="{css_class}" viewBox="0 0 24 24" width="16" height="16" '
        f'aria-hidden="true" focusable="false"><path d="{_PATHS[name]}"/></svg>'
    )
