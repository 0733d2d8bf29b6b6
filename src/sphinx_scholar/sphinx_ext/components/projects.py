"""``projects``: cards in a responsive sphinx-design grid.

::

    - name: Mirage
      url: https://github.com/mirage-project/mirage
      image: _static/projects/mirage.svg
      description: A superoptimizer for GPU kernels ({paper}`wu2025mirage`).
      links:
        Code: https://github.com/mirage-project/mirage

Why sphinx-design *nodes* (``create_component``) rather than its class names in
our own HTML: the grid and cards are then written by sphinx-design's own
translator, exactly as its ``grid``/``grid-item-card`` directives write them,
so its CSS (and any later change to its markup) applies unchanged, and the
description stays a docutils paragraph whose roles and references Sphinx
resolves. Only the pieces that depend on the page (image URL, heading level,
link buttons) are our rendered blocks.
"""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from sphinx_design.grids import gutter_option, row_columns_option
from sphinx_design.shared import create_component

from ...render.components import LinksView, ProjectImageView, ProjectTitleView
from .items import ComponentDirective, Field, Item
from .nodes import block

DEFAULT_COLUMNS = "1 2 2 2"  #: phones, small tablets, tablets, desktops (beside two sidebars)


class ProjectsDirective(ComponentDirective):
    component = "projects"
    option_spec: ClassVar[dict] = {
        "columns": row_columns_option,
        "gutter": gutter_option,
    }
    schema: ClassVar[dict[str, Field]] = {
        "name": Field("text", required=True),
        "description": Field("inline"),
        "url": Field("url"),
        "image": Field("file"),
        "image_alt": Field("text"),
        "links": Field("links"),
    }

    def run(self) -> list[nodes.Node]:
        cards = [self.card(item) for item in self.yaml_items()]
        if not cards:
            return []
        container = create_component(
            "grid-container",
            ["sd-container-fluid", "sd-sphinx-override", "sd-mb-4", "scholar-projects"],
        )
        row = create_component(
            "grid-row",
            [
                "sd-row",
                *self.options.get("columns", row_columns_option(DEFAULT_COLUMNS)),
                *self.options.get("gutter", gutter_option("3")),
            ],
        )
        for card in cards:
            row += create_component("grid-item", ["sd-col", "sd-d-flex-row"], children=[card])
        container += row
        self.set_source_info(container)
        return [container]

    def card(self, item: Item) -> nodes.Element:
        line, label = item.line, item.label
        name = item.get("name")
        card = create_component(
            "card", ["sd-card", "sd-sphinx-override", "sd-w-100", "sd-shadow-sm", "scholar-project"]
        )
        card.source, card.line = self.source, line
        image = self.checked_file(item.get("image"), line, label, "image")
        if image:
            alt = item.get("image_alt")
            fields = [self.field("alt", alt, line)] if alt else []
            card += block("project_image", ProjectImageView(image, alt), children=fields)
        body = create_component("card-body", ["sd-card-body"])
        url = self.checked_url(item.get("url"), line, label)
        body += block("project_title", ProjectTitleView(name, url), plain=name)
        if item.get("description"):
            text = item.get("description")
            description = self.inline(text, line)
            paragraph = nodes.paragraph(
                text, "", *description.children, classes=["sd-card-text"], scholar_text=True
            )
            paragraph.source, paragraph.line = self.source, line  # for the catalog
            body += paragraph
        links = tuple(
            (text, safe)
            for text, link in item.get("links", {}).items()
            if (safe := self.checked_url(link, line, label, f"links: {text}"))
        )
        if links:
            plain = ", ".join(f"{text} <{link}>" for text, link in links)
            body += block("links", LinksView(links), plain=plain)
        card += body
        return card
