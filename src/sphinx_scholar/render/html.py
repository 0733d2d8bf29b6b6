"""Escaping and the few HTML builders the render modules share."""

from __future__ import annotations

from html import escape

from ..core.records import Rich

_STYLE_TAGS = {"em": "em", "b": "strong", "tt": "code", "sup": "sup", "sub": "sub"}


def esc(text: object) -> str:
    """Escape text for element content and quoted attribute values."""
    return escape(str(text), quote=True)


def attrs(**values: object) -> str:
    """' name="value"' pairs; ``class_`` becomes ``class``; None and False are left out."""
    out = []
    for name, value in values.items():
        if value is None or value is False:
            continue
        name = name.rstrip("_").replace("_", "-")
        out.append(f" {name}" if value is True else f' {name}="{esc(value)}"')
    return "".join(out)


def tag(name: str, inner_html: str = "", **values: object) -> str:
    return f"<{name}{attrs(**values)}>{inner_html}</{name}>"


def rich_html(rich: Rich) -> str:
    """Styled runs as HTML: math in a span, sup/sub/em/strong as elements."""
    out = []
    for style, text in rich.parts:
        piece = esc(text)
        flags = style.split()
        for flag in flags:
            if flag in _STYLE_TAGS:
                element = _STYLE_TAGS[flag]
                piece = f"<{element}>{piece}</{element}>"
        if "sc" in flags:
            piece = f'<span class="scholar-smallcaps">{piece}</span>'
        if "math" in flags:
            piece = f'<span class="scholar-math">{piece}</span>'
        out.append(piece)
    return "".join(out)


def link(url: str, inner_html: str, **values: object) -> str:
    """An anchor; callers pass only URLs that passed :func:`urls.is_safe`."""
    return tag("a", inner_html, href=url, **values)
