"""The Sphinx integration: directives, roles, events and what a build writes."""
