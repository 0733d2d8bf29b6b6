"""Problems found in the input, reported as Sphinx warnings."""

from __future__ import annotations

from collections.abc import Iterable

from sphinx.util import logging

from ..core.diagnostics import Diagnostic

logger = logging.getLogger(__name__)


def warn(diagnostics: Iterable[Diagnostic]) -> None:
    """Each problem as a Sphinx warning: ``file:line: message [key]``, type scholar.<kind>."""
    for diagnostic in diagnostics:
        logger.warning(
            diagnostic.text,
            location=diagnostic.location or None,
            type="scholar",
            subtype=diagnostic.kind,
        )
