"""YAML as users write it (configs, alias tables): ``yaml.safe_load``, with a key given twice in one mapping
an error, where PyYAML would silently keep the last value and drop the other setting."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

import yaml


class _UniqueKeyLoader(yaml.SafeLoader):
    """``SafeLoader`` that refuses a mapping holding the same key twice."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":  # ``<<: *defaults``: keys given beside it override
                continue
            key = self.construct_object(key_node, deep=deep)
            try:
                twice = key in seen
            except TypeError:  # an unhashable key: PyYAML's own error follows
                break
            if twice:
                raise yaml.constructor.ConstructorError(
                    "while reading a mapping", node.start_mark, f"the key {key!r} is given twice",
                    key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        """An unquoted date such as ``2016-13-01`` that is no calendar day: a YAML error with its line, where
        PyYAML raises a bare ``ValueError``."""
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:
            raise yaml.constructor.ConstructorError(
                None, None, f"{node.value!r} is not a valid date ({exc})", node.start_mark) from exc


_UniqueKeyLoader.add_constructor("tag:yaml.org,2002:timestamp", _UniqueKeyLoader.construct_yaml_timestamp)


def load_yaml(text: str, as_text: Collection[str] | Callable[[yaml.Node], Collection[str]] = (),
              at: str = "") -> Any:
    """Parse ``text`` as YAML (safe types only); a duplicated key raises ``yaml.YAMLError`` with its line. A date or
    a number at one of the dotted keys ``as_text``, or in a list or mapping there (its keys too), is the text written
    (a config's ``output_dir: 2025-01-15`` names a folder, not a date; ``labels: [1, 0]`` two labels); ``null`` is
    still none and ``no`` still false, which the key's check refuses with a hint to quote it; ``as_text`` may be a
    function of the document's node, before it is built, that gives those keys. ``at``: the dotted key ``text`` is
    the value of (``data`` for ``{train: 2025-01-15}``), the whole document by default."""
    loader = _UniqueKeyLoader(text)  # a SafeLoader subclass: safe types only
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        return loader.construct_document(_tag_as_text(node, at, as_text(node) if callable(as_text) else as_text))
    finally:
        loader.dispose()


_STR, _MERGE = "tag:yaml.org,2002:str", "tag:yaml.org,2002:merge"
_AS_WRITTEN = {f"tag:yaml.org,2002:{t}" for t in ("timestamp", "int", "float")}  # (not null, nor a bool)


def _tag_as_text(node: yaml.Node, name: str, as_text: Collection[str],
                 done: dict[tuple[int, str | bool], yaml.Node] | None = None) -> yaml.Node:
    """``node`` (the value of the key ``name``) with the scalars at the dotted keys ``as_text`` tagged as strings,
    before the document is built: ``2025-01-15`` stays that text, not a date (nor ``2025`` a number); in a list or
    mapping at such a key, each item, key and value. The nodes given are left as they are: a changed one is a
    copy, so a number an anchor shares with a number key (``seed: &s 2025``, ``target: *s``) stays a number there.
    Each node is walked once per key it is read at (``done``), so an alias in its own list, or aliases of aliases
    (a "billion laughs"), are read in time proportional to the text; the document keeps their sharing."""
    text = _within(name, as_text)
    if isinstance(node, yaml.ScalarNode):
        if text and node.tag in _AS_WRITTEN:
            return yaml.ScalarNode(_STR, node.value, node.start_mark, node.end_mark, node.style)
        return node
    if not (isinstance(node, yaml.SequenceNode) and text or isinstance(node, yaml.MappingNode) and (
            text or any(key.startswith(f"{name}.") or not name for key in as_text))):
        return node
    if done is None:
        done = {}
    seen = (id(node), True if text else name)  # (inside a text key every key below reads alike)
    if seen in done:
        return done[seen]
    copy = type(node)(node.tag, [], node.start_mark, node.end_mark, node.flow_style)
    done[seen] = copy  # before its items: one that is an alias of this node is this copy
    if isinstance(node, yaml.SequenceNode):
        copy.value.extend(_tag_as_text(item, name, as_text, done) for item in node.value)
        return copy
    for key, value in node.value:
        if key.tag == _MERGE:  # (``<<: *defaults``: the merged mappings' keys are this mapping's)
            if isinstance(value, yaml.SequenceNode):
                value = yaml.SequenceNode(value.tag, [_tag_as_text(m, name, as_text, done) for m in value.value],
                                          value.start_mark, value.end_mark, value.flow_style)
            else:
                value = _tag_as_text(value, name, as_text, done)
        elif isinstance(key, yaml.ScalarNode):
            value = _tag_as_text(value, f"{name}.{key.value}" if name else key.value, as_text, done)
            key = _tag_as_text(key, name, as_text, done)  # (text only in a text key's mapping: data.label_map's)
        copy.value.append((key, value))
    return copy


def _within(name: str, keys: Collection[str]) -> bool:
    """Whether the dotted key ``name`` is one of ``keys`` or lies inside one (``data.label_map.PER``)."""
    return any(name == key or name.startswith(f"{key}.") for key in keys)


def yaml_problem(exc: yaml.YAMLError) -> tuple[int | None, str]:
    """The line (from 1) a YAML error points at, when it points at one, and what went wrong, on one line."""
    mark = getattr(exc, "problem_mark", None)
    return (mark.line + 1 if mark is not None else None), " ".join(str(getattr(exc, "problem", None) or exc).split())
