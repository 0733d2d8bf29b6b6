"""Light, dark and phone views of the home and publications pages, kept as test artifacts.

They land in ``test-artifacts/screenshots/``; ``tools/screenshots.py`` takes the same
views (same code) for the README's ``docs/img/``.
"""

from __future__ import annotations

import struct

import pytest

from .browser_harness import DESKTOP, PHONE, SITES, VIEWS, screenshot_all

pytestmark = pytest.mark.browser

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(PNG_SIGNATURE), "not a PNG"
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk comes first
    return width, height


def test_screenshots_are_saved(browser, server, built_sites, artifacts):
    out = artifacts / "screenshots"
    made = screenshot_all(browser, server, built_sites, out)
    names = {path.name for path in made}
    for site in SITES:
        for view in VIEWS:
            assert f"{site}-home-{view.name}.png" in names
    assert {f"root-publications-{view.name}.png" for view in VIEWS} <= names

    for path in made:
        data = path.read_bytes()
        phone = path.stem.endswith("-phone")
        viewport = PHONE if phone else DESKTOP
        assert png_size(data) == (viewport["width"], viewport["height"]), path.name
        assert len(data) > 5_000, f"{path.name}: {len(data)} bytes, a blank page?"
    for site in SITES:
        light = (out / f"{site}-home-light.png").read_bytes()
        dark = (out / f"{site}-home-dark.png").read_bytes()
        assert light != dark
