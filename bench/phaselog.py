"""A Sphinx extension for ``bench/phases.py``: when each build event's first and last
handler ran, by the wall clock, so a build's time splits into its phases.

Loaded only by phases.py (``-D extensions=...,phaselog``); it writes the marks as JSON to
the file named by ``SCHOLAR_PHASES_OUT`` when ``build-finished`` is done.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from typing import Any

from sphinx.application import Sphinx

#: in the order a build emits them
EVENTS = (
    "config-inited",
    "builder-inited",
    "env-get-updated",
    "write-started",
    "html-collect-pages",
    "build-finished",
)
#: before and after every other handler (Sphinx runs lower priorities first)
FIRST, LAST = -(10**6), 10**6


def setup(app: Sphinx) -> dict[str, Any]:
    marks: list[tuple[str, float]] = []
    target = os.environ.get("SCHOLAR_PHASES_OUT", "")

    def marker(label: str) -> Callable[..., list[Any]]:
        def handler(*args: Any) -> list[Any]:
            marks.append((label, time.time()))
            if label == "build-finished:last" and target:
                with open(target, "w", encoding="utf-8") as handle:
                    json.dump(marks, handle)
            return []  # env-get-updated and html-collect-pages iterate what handlers return

        return handler

    for event in EVENTS:
        app.connect(event, marker(f"{event}:first"), priority=FIRST)
        app.connect(event, marker(f"{event}:last"), priority=LAST)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
