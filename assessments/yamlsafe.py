"""YAML from people's files (weights files), loaded with a bounded cost and no surprises.

``yaml.safe_load`` builds no objects but plain data, yet a small file can still
cost a lot: aliases (``*name``) let a few lines stand for a structure of billions
of items, which any later walk over it (a message quoting it, say) expands;
deep nesting ends in a RecursionError; an integer of thousands of digits raises
ValueError, and a date such as 2026-13-45 does too. :func:`load_yaml` loads with
PyYAML's safe constructors but refuses, each as a plain sentence for the caller's
catalogue error:

* text longer than ``max_chars``;
* more than :data:`MAX_ALIASES` aliases, or nesting deeper than :data:`MAX_DEPTH`;
* a key given twice in one mapping;

and reads an integer longer than :data:`MAX_NUMBER_CHARS` as a :class:`HugeNumber`
(which no caller takes for a number) instead of converting it.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode

MAX_ALIASES = 20
"""Aliases a file may use (a weights file needs none)."""
MAX_DEPTH = 20
"""Deepest nesting of lists and mappings (a weights file nests one level)."""
MAX_NUMBER_CHARS = 40
"""Longest integer converted, in characters."""


class YamlRefused(Exception):
    """The text is not loaded; ``str(exc)`` says why, without quoting the text at length."""


class HugeNumber:
    """An integer too long to convert, standing in for it (its repr says how long it was)."""

    def __init__(self, digits: int) -> None:
        self.digits = digits

    def __repr__(self) -> str:
        return f"a whole number of {self.digits:,} digits"


class _BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader with the bounds of this module (pure Python, so it can count as it composes)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._aliases = 0
        self._depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise YamlRefused(f"it uses more than {MAX_ALIASES} aliases (*name)")
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise YamlRefused(f"it is nested more than {MAX_DEPTH} levels deep")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _value in node.value:
            if isinstance(key_node, ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                key = (key_node.tag, key_node.value)
                if key in seen:
                    raise YamlRefused(f"'{key_node.value[:60]}' is given twice")
                seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _construct_int(loader: yaml.SafeLoader, node: ScalarNode) -> Any:
    text = str(node.value)
    if len(text) > MAX_NUMBER_CHARS:
        return HugeNumber(sum(ch.isdigit() for ch in text))
    return loader.construct_yaml_int(node)


_BoundedLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def load_yaml(text: str | bytes, *, max_chars: int) -> Any:
    """Load one YAML document with the bounds above.

    Raises:
        YamlRefused: over a bound, not YAML, or a value PyYAML cannot construct; the message is
            one line, for the caller's catalogue error.
    """
    if len(text) > max_chars:
        raise YamlRefused(f"it is {len(text):,} characters long; a weights file is at most {max_chars:,}")
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise YamlRefused("it is not UTF-8 text") from exc
    loader: _BoundedLoader | None = None
    try:
        loader = _BoundedLoader(text)  # its reader already refuses characters YAML does not allow
        return loader.get_single_data()
    except YamlRefused:
        raise
    except yaml.YAMLError as exc:
        raise YamlRefused(" ".join(str(exc).split())) from exc
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        # PyYAML's constructors raise these for values such as the date 2026-13-45.
        raise YamlRefused(f"a value cannot be read ({type(exc).__name__}: {' '.join(str(exc).split())[:80]})") from exc
    finally:
        if loader is not None:
            loader.dispose()
