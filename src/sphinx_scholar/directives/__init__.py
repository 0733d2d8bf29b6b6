"""Directives and roles: option parsing only; the work happens in the post-transform."""
