"""The documentation's sources (docs/) publish no real person's e-mail address.

The home page writes the owner's address so that harvesters miss it; the guide showed
the same address in plain text as example source. Examples use made-up addresses at
the domains reserved for examples (RFC 2606).
"""

from __future__ import annotations

import re
from pathlib import Path

from conftest import REPO

SEEDS = REPO / "tests" / "data" / "seed"  # the demo sites' seed homepages

ADDRESS = re.compile(r"[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
RESERVED = ("example.org", "example.com", "example.net")


def guide_sources() -> list[Path]:
    skipped = {".svg", ".png", ".jpg"}
    sources = (REPO / "docs").rglob("*")
    found = sorted(p for p in sources if p.is_file() and p.suffix not in skipped)
    assert found, "no documentation sources found"
    return [p for p in found if "_build" not in p.parts]


def real_addresses() -> set[str]:
    """The addresses of the demo sites' conf.py files and of the seed homepages."""
    sources = [REPO / "conf.py", REPO / "examples" / "conf.py"]
    sources += sorted(SEEDS.glob("*.txt"))
    found = set()
    for path in sources:
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            found |= {m.group(0).lower() for m in ADDRESS.finditer(text)}
    return {address for address in found if not address.endswith(RESERVED)}


def test_the_demo_owner_has_an_address_to_hide():
    """The check below has something to find: the demo's conf.py has a real address."""
    assert real_addresses()


def test_no_real_address_in_the_guide():
    real = real_addresses()
    leaks = [
        f"{path.relative_to(REPO)}: {address}"
        for path in guide_sources()
        for address in real
        if address in path.read_text(encoding="utf-8", errors="replace").lower()
    ]
    assert not leaks, leaks


def test_every_address_in_the_guide_is_made_up():
    for path in guide_sources():
        for match in ADDRESS.finditer(path.read_text(encoding="utf-8", errors="replace")):
            domain = match.group(1).lower()
            if domain.endswith((".svg", ".png", ".jpg")):
                continue  # not an address: an image named like one
            assert domain in RESERVED or domain.endswith(tuple("." + d for d in RESERVED)), (
                path,
                match.group(0),
            )
