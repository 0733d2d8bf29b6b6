"""What every component directive shares: YAML items that know their page line, and checks.

Items are composed with PyYAML's node API, not loaded, for two reasons: each
node keeps the line it was written on (warnings name it), and every scalar stays
the string the author typed (``start: 2013.10`` is not the float 2013.1, and
``year: 2024`` is not an int to be formatted back).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

import yaml
from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ...core.dates import PartialDate, is_present, parse_date
from ...core.diagnostics import Diagnostic
from ...core.files import is_remote
from ...core.text import ILLEGAL, clean_deep, describe, xml_text
from ...core.urls import is_safe
from ..report import warn
from ..state import state_of
from .nodes import component_field, component_text

#: Shapes a field may take; see :class:`Field`.
SCALAR_KINDS = frozenset({"text", "inline", "url", "file", "date", "end", "year"})


@dataclass(frozen=True, slots=True)
class Field:
    """One key of an item.

    ``kind``: ``text`` (plain), ``inline`` (inline markup), ``url``, ``file`` (an
    image of the site or a URL), ``date``, ``end`` (a date or "present"), ``year``,
    ``list`` (strings; one string is a list of one) or ``links`` (label -> URL).
    """

    kind: str = "text"
    required: bool = False


@dataclass
class Item:
    """One item of a component: its values, and where it was written."""

    line: int  #: page line of the item's first line
    values: dict[str, Any] = field(default_factory=dict)
    label: str = ""  #: how warnings name it

    def get(self, key: str, default: Any = "") -> Any:
        value = self.values.get(key)
        return default if value is None or value == "" else value


def _value(node: yaml.Node) -> Any:
    """A composed node as plain strings, lists and dicts (no implicit typing)."""
    if isinstance(node, yaml.ScalarNode):
        return None if node.tag == "tag:yaml.org,2002:null" else node.value
    if isinstance(node, yaml.SequenceNode):
        return [_value(child) for child in node.value]
    if isinstance(node, yaml.MappingNode):
        return {str(_value(key)): _value(value) for key, value in node.value}
    return None


#: Component data is a list of flat items: deeper nesting is a mistake, or an attack.
MAX_YAML_DEPTH = 20


class _ItemLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing aliases and deep nesting.

    An alias (``*name``) repeats a node; a few of them nest into an exponential
    document (a 1 KB "billion laughs" takes minutes and gigabytes to walk), and a
    recursive one never ends. Component items have no use for either.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not read in component data", event.start_mark
            )
        self._depth += 1
        try:
            if self._depth > MAX_YAML_DEPTH:
                event = self.peek_event()
                raise yaml.composer.ComposerError(
                    None, None, f"nested deeper than {MAX_YAML_DEPTH} levels", event.start_mark
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def compose(text: str) -> tuple[yaml.Node | None, tuple[int, str] | None]:
    """(root node, None) or (None, (0-based line, problem)) for a YAML error."""
    loader = None
    try:
        loader = _ItemLoader(text)  # its reader refuses some characters (NUL) right here
        return loader.get_single_node(), None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line if mark else 0
        return None, (line, " ".join(filter(None, (error.context, error.problem))))
    except yaml.YAMLError as error:  # a reader error: a character YAML does not accept
        return None, (text.count("\n", 0, getattr(error, "position", 0) or 0), str(error))
    finally:
        if loader is not None:
            loader.dispose()


def text_of_raw(node: nodes.Element) -> None:
    """Raw HTML in a text shown as the characters it is (see ``ComponentDirective.inline``)."""
    for raw in list(node.findall(nodes.raw)):
        raw.replace_self(nodes.Text(raw.astext()))


def did_you_mean(key: str, known: list[str]) -> str:
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _is_myst(directive: SphinxDirective) -> bool:
    return type(directive.state_machine).__module__.startswith("myst_parser")


class ComponentDirective(SphinxDirective):
    """Base of the component directives: page lines, warnings, inline text, checks."""

    has_content = True
    component: ClassVar[str] = ""  #: the directive's name, for messages
    schema: ClassVar[dict[str, Field]] = {}
    label_keys: ClassVar[tuple[str, ...]] = ("name",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clean_input()

    def _clean_input(self) -> None:
        """The page's data without the characters no page can carry, each line warned."""
        for offset, line in enumerate(self.content):
            if ILLEGAL.search(line):
                self.warn(
                    "bad_char",
                    f"characters no page can carry ({describe(line)}) are removed",
                    self.page_line(offset),
                    xml_text(line).strip()[:60],
                )
                self.content[offset] = xml_text(line)
        for name, value in list(self.options.items()):
            if isinstance(value, str) and ILLEGAL.search(value):
                self.warn(
                    "bad_char",
                    f"option :{name}: holds characters no page can carry ({describe(value)}); "
                    "they are removed",
                    self.lineno,
                )
                self.options[name] = xml_text(value)

    # -- where things are ------------------------------------------------------
    def page_line(self, offset: int) -> int:
        """The page line (1-based) of content line *offset* (0-based).

        docutils gives ``content_offset`` as an absolute input offset (mapped back
        through includes by the state machine); MyST gives it relative to the
        directive's own line.
        """
        if _is_myst(self):
            return self.lineno + self.content_offset + offset + 1
        _, line = self.state_machine.get_source_and_line(self.content_offset + offset + 1)
        return line or self.lineno

    @property
    def source(self) -> str:
        return self.get_source_info()[0] or self.env.doc2path(self.env.docname).as_posix()

    def warn(self, kind: str, message: str, line: int | None, label: str = "") -> None:
        """A warning that names the file, the line and the item."""
        text = f"{self.component}: {message}"
        warn([Diagnostic(kind, text, self.source, line or self.lineno, label)])

    # -- ids ---------------------------------------------------------------------
    def unique_id(self, wanted: str, node: nodes.Element) -> str:
        """An id no other element of the page has; registered so later ones avoid it."""
        document = self.state.document
        base = wanted or "item"
        candidate, counter = base, 2
        while candidate in document.ids:
            candidate, counter = f"{base}-{counter}", counter + 1
        document.ids[candidate] = node
        return candidate

    # -- text ----------------------------------------------------------------------
    def inline(self, text: str, line: int, classes: tuple[str, ...] = ()) -> component_text:
        """Inline markup (MyST or reST, as the page is written), translatable.

        Raw HTML in it (MyST reads ``<b>`` as HTML) is shown as the text it is: the
        rule for every component's text is the page's inline markup (links, emphasis,
        code, roles), never HTML, as the README and docs/components.md say (a
        translation's raw HTML is made text too: :mod:`.translate`). Parser messages
        were already reported when they were made.
        """
        children, _messages = self.parse_inline(text, lineno=line)
        node = component_text(text, "", *children, classes=list(classes))
        text_of_raw(node)
        node.source, node.line = self.source, line
        return node

    def field(self, key: str, text: str, line: int, **attributes: Any) -> component_field:
        """A plain text field of an item, for the page's message catalog (see nodes.py)."""
        node = component_field(text, text, field=key, **attributes)
        node.source, node.line = self.source, line
        return node

    def option_fields(self, *keys: str) -> list[component_field]:
        """The directive's prose options given (``label``), for the page's catalog."""
        return [
            self.field(key.replace("-", "_"), self.options[key], self.lineno)
            for key in keys
            if self.options.get(key)
        ]

    # -- YAML items ----------------------------------------------------------------
    def yaml_items(self) -> list[Item]:
        """The content as a list of items, each checked against :attr:`schema`."""
        text = "\n".join(self.content)
        if not text.strip():
            self.warn(
                "invalid_item", "no items (write a YAML list: lines starting with '- ')", None
            )
            return []
        root, error = compose(text)
        if error is not None:
            offset, problem = error
            shown = self.content[offset].strip() if offset < len(self.content) else ""
            self.warn("invalid_item", f"YAML error: {problem}", self.page_line(offset), shown)
            return []
        if not isinstance(root, yaml.SequenceNode):
            self.warn(
                "invalid_item",
                "expects a YAML list of items (lines starting with '- ')",
                self.page_line(root.start_mark.line if root else 0),
                self.content[0].strip(),
            )
            return []
        items = []
        for node in root.value:
            item = self.checked_item(node)
            if item is not None:
                items.append(item)
        return items

    def checked_item(self, node: yaml.Node) -> Item | None:
        line = self.page_line(node.start_mark.line)
        first = self.content[node.start_mark.line].strip() if self.content else ""
        if not isinstance(node, yaml.MappingNode):
            self.warn(
                "invalid_item", "an item must be a mapping of 'key: value' lines", line, first
            )
            return None
        values: dict[str, Any] = _value(node)
        label = next((str(values[k]) for k in self.label_keys if values.get(k)), "") or first
        item = Item(line=line, values={}, label=label)
        known = list(self.schema)
        for key, value in values.items():
            spec = self.schema.get(key)
            if spec is None:
                self.warn(
                    "invalid_item",
                    f"unknown key {key!r}{did_you_mean(key, known)} (known: {', '.join(known)})",
                    line,
                    label,
                )
                continue
            shaped = self._shaped(key, spec, value, line, label)
            if shaped is not None:
                item.values[key] = shaped
        missing = [k for k, spec in self.schema.items() if spec.required and not item.values.get(k)]
        if missing:
            self.warn(
                "invalid_item",
                f"missing required key{'s' if len(missing) > 1 else ''} "
                f"{', '.join(repr(k) for k in missing)}; the item is left out",
                line,
                label,
            )
            return None
        return item

    def _shaped(self, key: str, spec: Field, value: Any, line: int, label: str) -> Any:
        """The value in the shape its kind wants, or None (with a warning) if it has another."""
        if value is None:
            return None
        # YAML's escapes ("\x00" in a quoted string) make characters the page text did not hold
        value, found = clean_deep(value)
        if found:
            self.warn(
                "bad_char",
                f"{key!r} holds characters no page can carry ({', '.join(found)}); "
                "they are removed",
                line,
                label,
            )
        if spec.kind in SCALAR_KINDS:
            if isinstance(value, str):
                return value.strip()
            self.warn("invalid_item", f"{key!r} must be a single value", line, label)
            return None
        if spec.kind == "list":
            values = [value] if isinstance(value, str) else value
            if isinstance(values, list) and all(isinstance(v, str) for v in values):
                return [v.strip() for v in values if v and v.strip()]
            self.warn("invalid_item", f"{key!r} must be a list of names or terms", line, label)
            return None
        if spec.kind == "links":
            if isinstance(value, Mapping) and all(isinstance(v, str) for v in value.values()):
                return {str(k).strip(): str(v).strip() for k, v in value.items()}
            self.warn("invalid_item", f"{key!r} must be a mapping of label: URL", line, label)
            return None
        raise ValueError(f"unknown field kind {spec.kind!r}")

    # -- value checks ------------------------------------------------------------------
    def checked_url(self, url: str, line: int, label: str, key: str = "url") -> str:
        """The URL if a page may link to it; else "" and an ``unsafe_url`` warning."""
        if not url:
            return ""
        if is_safe(url):
            return url
        shown = url if len(url) <= 60 else url[:57] + "..."
        self.warn(
            "unsafe_url",
            f"{key!r} holds a URL that is not http(s), mailto or relative ({shown!r}); "
            "the link is dropped",
            line,
            label,
        )
        return ""

    def checked_file(self, value: str, line: int, label: str, key: str) -> str:
        """An image the site serves (or a safe URL); else "" and a warning."""
        if not value:
            return ""
        if is_remote(value):
            return self.checked_url(value, line, label, key)
        files = state_of(self.env).files
        # even a missing file: Sphinx re-reads the page while it is missing and once it
        # changes, so a photo added (or removed) after a build shows as in a clean one
        self.env.note_dependency(str(files.locate(value)))
        served, problem = files.resolve(value)
        if served is None:
            self.warn("missing_file", f"{key!r}: {problem}", line, label)
            return ""
        return value

    def checked_date(
        self, value: str, line: int, label: str, key: str, *, end: bool = False
    ) -> PartialDate | bool | None:
        """A date; for an end date, None means "present". False: not a date (warned)."""
        if end and (not value or is_present(value)):
            return None
        date = parse_date(value)
        if date is None:
            self.warn(
                "invalid_item",
                f"{key!r}: {value!r} is not a date (write YYYY, YYYY-MM or YYYY-MM-DD"
                + (", or 'present'" if end else "")
                + "); the item is left out",
                line,
                label,
            )
            return False
        return date
