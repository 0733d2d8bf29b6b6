"""The ``sphinx-scholar`` command: ``check``, ``new`` and ``import``."""

from __future__ import annotations

from .main import main

__all__ = ["main"]
