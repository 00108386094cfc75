"""Label schemes: the entity types, IOB2 tags, corpus mappings and stance labels."""

from __future__ import annotations

import numbers
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .errors import ConfigError

ENTITY_TYPES: tuple[str, ...] = ("PER", "ORG", "LOC", "MISC")
"""The project's entity scheme: people, organisations (armed groups, parties, agencies), places, other."""

STANCE_LABELS: tuple[str, ...] = ("favor", "against", "none")
NO_STANCE = "none"
"""The stance label that says a sentence takes no stance: actors and ``arapol analyze`` give it no weight."""
_NO_STANCE_NAMES = {"none", "neutral", "other", "discuss", "unrelated", "no_stance", "no stance", "neither", "nostance"}
DEFAULT_TARGET = "وقف إطلاق النار"

CORPUS_LABEL_MAPS: dict[str, dict[str, str]] = {
    "anercorp": {"PERS": "PER"},
    "mawqif": {"Favor": "favor", "Against": "against", "None": "none"},
    "ans": {"agree": "favor", "disagree": "against", "other": "none"},
    "unifiedfc": {"agree": "favor", "disagree": "against", "discuss": "none", "unrelated": "none"},
}
"""Mappings from other corpora's labels to the project's (entity types without the B-/I- prefix)."""


def no_stance_problem(labels: Sequence[str]) -> str | None:
    """What is wrong, for actor stance, with a stance model's ``labels``: one of them names "no stance" otherwise than
    :data:`NO_STANCE` (``None``, ``NEUTRAL``, ``other``), so its sentences would count as a stance; ``None`` when
    ``none`` is among them, or no label names "no stance" (a model of favor and against alone)."""
    if NO_STANCE in labels:
        return None
    other = next((lb for lb in labels if lb.casefold().replace("-", "_") in _NO_STANCE_NAMES), None)
    if other is None:
        return None
    return (f"stance labels {list(labels)}: actors and arapol analyze read the label {NO_STANCE!r} as no stance, and "
            f"this model calls it {other!r}, which would count as a stance: train it with data.label_map mapping "
            f"{other!r} to {NO_STANCE!r} (the presets mawqif, ans and unifiedfc do)")


def label_text(value: Any) -> str | None:
    """A label as text: a string itself, an integer (not a bool; NumPy's too, as pandas gives a column's values) the
    text it is written as (``1`` as ``"1"``, as a CSV cell holds it); ``None`` for anything else (a bool, a float,
    null), which is no label."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return str(int(value))
    return value if isinstance(value, str) else None


def text_labels(labels: Iterable[Any] | None) -> list[str] | None:
    """``labels`` each as the text it is written as (``[1, 0, -1]`` as ``["1", "0", "-1"]``), as a config's
    ``labels: [1, 0, -1]`` reads them, so that they name a data's integer labels (:func:`label_text`); ``None`` for
    ``None`` (any label). A ``ConfigError`` names a label that is neither a string nor an integer (a bool, a float,
    None), or ``labels`` given as one string rather than a list of them."""
    if labels is None:
        return None
    if isinstance(labels, (str, bytes, bytearray)):
        kind = "string" if isinstance(labels, str) else type(labels).__name__
        raise ConfigError(f"labels: expected a list of labels, found the {kind} {labels!r} (write [{labels!r}])")
    out = []
    for label in labels:
        text = label_text(label)
        if text is None:
            raise ConfigError(f"labels: {label!r} is {type(label).__name__}: expected a label as the data writes it, "
                              "a string or an integer")
        out.append(text)
    return out


def text_label_map(label_map: Mapping[Any, Any] | None) -> dict[str, str]:
    """``label_map`` with each integer key and value as the text it is written as (``{1: "favor"}`` as
    ``{"1": "favor"}``, ``{"agree": 1}`` as ``{"agree": "1"}``), so that it maps a data's integer labels as a
    config's ``data.label_map: {1: favor}`` does; a ``ConfigError`` names a key or a value that is neither a string
    nor an integer (a bool, a float, None), or two keys read as one (``1`` and ``"1"``) that map apart."""
    out: dict[str, str] = {}
    for key, value in (label_map or {}).items():
        text, onto = label_text(key), label_text(value)
        if text is None:
            raise ConfigError(f"label map: the key {key!r} is {type(key).__name__}: expected a label as the data "
                              "writes it, a string or an integer")
        if onto is None:
            raise ConfigError(f"label map: {key!r} maps to {value!r}, a {type(value).__name__}: expected a label, "
                              "a string or an integer")
        if text in out and out[text] != onto:
            raise ConfigError(f"label map: the keys {text!r} and {key!r} both name the label {text!r}, mapped to "
                              f"{out[text]!r} and {onto!r}: give one")
        out[text] = onto
    return out


@dataclass(frozen=True, order=True)
class Span:
    """A labelled character span ``[start, end)`` of a text."""

    start: int
    end: int
    label: str


def bio_labels(types: Iterable[str]) -> list[str]:
    """Return the IOB2 tag list for ``types``: ``O`` first, then ``B-T``/``I-T`` per type."""
    tags = ["O"]
    for t in types:
        tags += [f"B-{t}", f"I-{t}"]
    return tags


def types_of(tags: Iterable[str]) -> list[str]:
    """Entity types named by IOB2 ``tags`` (first-seen order, ``O`` ignored)."""
    seen: dict[str, None] = {}
    for tag in tags:
        if tag != "O":
            seen.setdefault(tag[2:], None)
    return list(seen)


def map_tag(tag: str, mapping: Mapping[str, str]) -> str:
    """Apply a type mapping (``{"PERS": "PER"}``; a type mapped to ``O`` is dropped) to one IOB2 tag; raise
    ``ValueError`` for a tag of type ``O`` (``B-O``) that the mapping does not name: no entity type is called O."""
    if tag == "O" or len(tag) < 3:
        return tag
    if tag[2:] == "O" and "O" not in mapping:
        raise ValueError(f"tag {tag!r} gives an entity the type 'O', which means no entity: expected 'O' for a token "
                         "outside entities, or a type such as B-PER")
    new = mapping.get(tag[2:], tag[2:])
    return "O" if new == "O" else tag[:2] + new


def split_tag(tag: str) -> tuple[str, str | None]:
    """Split an IOB2 tag into its prefix (``B``, ``I`` or ``O``) and type; raise ``ValueError`` if malformed."""
    if tag == "O":
        return "O", None
    if len(tag) > 2 and tag[0] in "BI" and tag[1] == "-":
        if not tag[2:].isprintable():  # an RLM left by right-to-left editing would make a type of its own
            raise ValueError(f"not an IOB2 tag: {tag!r} (its type holds an invisible or control character)")
        return tag[0], tag[2:]
    raise ValueError(f"not an IOB2 tag: {tag!r} (expected 'O', 'B-TYPE' or 'I-TYPE')")


def tags_to_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Decode IOB2 tags into ``(first, last_exclusive, type)`` index spans; an ``I-T`` that does not
    continue a ``T`` entity starts a new one (readers reject or repair such orphans before this)."""
    spans: list[tuple[int, int, str]] = []
    start, kind = -1, None
    for i, tag in enumerate(tags):
        prefix, t = split_tag(tag)
        if prefix == "I" and kind == t:
            continue
        if kind is not None:
            spans.append((start, i, kind))
            kind = None
        if prefix in "BI" and t is not None:
            start, kind = i, t
    if kind is not None:
        spans.append((start, len(tags), kind))
    return spans


def spans_to_tags(n: int, spans: Iterable[tuple[int, int, str]]) -> list[str]:
    """Encode non-overlapping ``(first, last_exclusive, type)`` index spans as ``n`` IOB2 tags."""
    tags = ["O"] * n
    for first, last, t in spans:
        tags[first] = f"B-{t}"
        for i in range(first + 1, last):
            tags[i] = f"I-{t}"
    return tags
