"""Registering the conf.py values of :mod:`sphinx_scholar.core.config` with Sphinx."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from ..core.config import SETTINGS, ScholarConfig, checked

logger = logging.getLogger(__name__)


def register(app: Sphinx) -> None:
    for setting in SETTINGS:
        if setting.ours:
            app.add_config_value(
                setting.name, setting.default, setting.rebuild, types=setting.types
            )


def our_values(config: Config) -> dict[str, Any]:
    return {s.name: config[s.name] for s in SETTINGS if s.ours}


def read_config(config: Config) -> ScholarConfig:
    """The typed view of Sphinx's config (builds use :attr:`BuildState.config`, made once)."""
    return ScholarConfig.from_values(our_values(config))


def warn_config(config: Config) -> None:
    """What the typed view had to change (Sphinx warns about wrong types itself)."""
    for kind, message in checked(our_values(config))[1]:
        if kind != "type":
            logger.warning(message, type="scholar", subtype="config")
