"""Editing a site's conf.py: set a top-level literal without running or reformatting the file.

conf.py is the user's file: the import finds an assignment with :mod:`ast`,
replaces only its source span with the merged value, and leaves every other line
(comments included) as it was. A value that is computed (not a literal) is never
overwritten: the caller is told, and prints what to add by hand.
"""

from __future__ import annotations

import ast
import json
import pprint
from typing import Any


class NotLiteral(Exception):
    """conf.py computes this value; the import will not overwrite code."""


def _assignments(tree: ast.Module, name: str) -> list[ast.Assign | ast.AnnAssign]:
    found: list[ast.Assign | ast.AnnAssign] = []
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)
        ) or (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and node.target.id == name
            and node.value is not None
        ):
            found.append(node)
    return found


def read_literals(source: str, filename: str = "conf.py") -> dict[str, Any]:
    """Every top-level ``name = <literal>`` of conf.py (the last one wins, as in Python),
    read without running it: computed values (``os.environ[...]``) are left out.
    ``sphinx-scholar check`` reads conf.py with this too."""
    values: dict[str, Any] = {}
    for node in ast.parse(source, filename=filename).body:
        if isinstance(node, ast.Assign):
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value:
            names = [node.target.id]
        else:
            continue
        try:
            value = ast.literal_eval(node.value)  # type: ignore[arg-type]
        except ValueError:
            continue
        for name in names:
            values[name] = value
    return values


def literal(value: Any) -> str:
    """A pretty Python literal: JSON's layout (double quotes, one item a line), which is
    Python too for strings, numbers, lists and dicts; pprint's for anything else."""

    def plain(v: Any) -> bool:
        if isinstance(v, bool) or v is None:
            return False
        if isinstance(v, str | int | float):
            return True
        if isinstance(v, list | tuple):
            return all(plain(x) for x in v)
        if isinstance(v, dict):
            return all(isinstance(k, str) and plain(x) for k, x in v.items())
        return False

    if plain(value):
        return json.dumps(value, indent=4, ensure_ascii=False)
    return pprint.pformat(value, indent=1, width=96, sort_dicts=False)


def merge(old: Any, new: Any) -> Any:
    """Dicts: new keys added, known ones merged; lists: new items appended; else new wins."""
    if isinstance(old, dict) and isinstance(new, dict):
        merged = dict(old)
        for key, value in new.items():
            merged[key] = merge(old[key], value) if key in old else value
        return merged
    if isinstance(old, list | tuple) and isinstance(new, list | tuple):
        return [*old, *(item for item in new if item not in old)]
    if isinstance(old, dict) and isinstance(new, str):  # a URL for a person with aliases
        return old if old.get("url") else {**old, "url": new}
    if isinstance(old, str) and isinstance(new, dict):
        return {"url": old, **{k: v for k, v in new.items() if k != "url"}} if old else new
    return new


def set_value(source: str, name: str, value: Any, combine: bool = True) -> str:
    """conf.py *source* with ``name = value`` (merged into a literal already there).

    Raises :class:`NotLiteral` when conf.py computes the value.
    """
    tree = ast.parse(source)
    found = _assignments(tree, name)
    if not found:
        tail = "" if not source or source.endswith("\n") else "\n"
        return f"{source}{tail}{name} = {literal(value)}\n"
    node = found[-1]
    target = node.value
    assert target is not None and target.end_lineno is not None
    try:
        old = ast.literal_eval(target)
    except ValueError as error:
        raise NotLiteral(name) from error
    new = merge(old, value) if combine else value
    lines = source.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))

    def offset(lineno: int, col: int) -> int:
        """ast counts columns in UTF-8 bytes; str offsets count characters."""
        return offsets[lineno - 1] + len(lines[lineno - 1].encode()[:col].decode(errors="ignore"))

    start = offset(target.lineno, target.col_offset)
    end = offset(target.end_lineno, target.end_col_offset or 0)
    return f"{source[:start]}{literal(new)}{source[end:]}"
