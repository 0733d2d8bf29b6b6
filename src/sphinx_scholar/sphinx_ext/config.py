"""Registering the conf.py values of :mod:`sphinx_scholar.core.config` with Sphinx."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config

from ..core.config import SETTINGS, ScholarConfig


def register(app: Sphinx) -> None:
    for setting in SETTINGS:
        if setting.ours:
            app.add_config_value(
                setting.name, setting.default, setting.rebuild, types=setting.types
            )


def read_config(config: Config) -> ScholarConfig:
    """The typed view of Sphinx's config (builds use :attr:`BuildState.config`, made once)."""
    return ScholarConfig.from_values({s.name: config[s.name] for s in SETTINGS if s.ours})
