"""NER readers: CoNLL token/tag files, the native JSONL with character spans, ``datasets.Dataset``.

Every reader returns :class:`NerExample` objects whose spans index the example's text, so the rest
of the pipeline sees one representation whatever the source.
"""

from __future__ import annotations

import numbers
import re
import unicodedata
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DataError
from ..labels import Span, map_tag, split_tag, tags_to_spans
from ..sentences import shows_something
from .io import not_a_string, read_jsonl, read_lines


@dataclass
class NerExample:
    """A text with labelled character spans, and where it came from."""

    text: str
    spans: list[Span]
    id: str = ""
    source: str = ""
    line: int | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    span_lines: list[int] = field(default_factory=list)
    """In a file of one token a line (CoNLL): the line of each span's first token; empty otherwise."""

    def line_of(self, types: Container[str]) -> int | None:
        """The line of the first span whose type is in ``types`` (its first token's line in a CoNLL file), else
        the record's line."""
        for i, span in enumerate(self.spans):
            if span.label in types and i < len(self.span_lines):
                return self.span_lines[i]
        return self.line


def _check_label(label: str, allowed: Sequence[str] | None, source: str, line: int | None) -> None:
    if allowed is not None and label not in allowed:
        raise DataError(f"unknown entity type {label!r}: expected one of {list(allowed)}", source=source, line=line)


def _tags_to_example(
    tokens: list[str], raw_tags: list[str], *, source: str, lines: list[int], repair_iob: bool,
    types: Sequence[str] | None, idx: str, mapping: Mapping[str, str],
) -> NerExample:
    """Join tokens with spaces and turn their IOB2 tags (as the file writes them; ``mapping`` renames their types)
    into character spans."""
    tags = []
    for i, raw in enumerate(raw_tags):
        try:
            tags.append(map_tag(raw, mapping))
        except ValueError as exc:
            raise DataError(str(exc), source=source, line=lines[i]) from None
    starts, pos = [], 0
    for tok in tokens:
        starts.append(pos)
        pos += len(tok) + 1
    prev: str | None = None
    for i, tag in enumerate(tags):
        try:
            prefix, t = split_tag(tag)
        except ValueError as exc:
            raise DataError(str(exc), source=source, line=lines[i]) from None
        if t is not None:
            _check_label(t, types, source, lines[i])
        if prefix == "I" and prev != t:
            if not repair_iob:
                other = (f"; if {prev!r} and {t!r} are one type, give data.label_map {{{prev}: {t}}} (or the "
                         "other way)" if prev is not None else "")  # (B-PERSON then I-PER: a type mislabelled)
                read = f" (read as {tag!r} by data.label_map)" if raw_tags[i] != tag else ""
                raise DataError(
                    f"orphan tag {raw_tags[i]!r}{read} after {raw_tags[i - 1] if i else 'the sentence start'!r}: "
                    f"expected B-{t}{other} (set repair_iob: true to turn orphan I- tags into B-)",
                    source=source, line=lines[i])
            tags[i] = f"B-{t}"
        prev = t
    text = " ".join(tokens)
    found = tags_to_spans(tags)
    spans = [Span(starts[a], starts[b - 1] + len(tokens[b - 1]), t) for a, b, t in found]
    for span, (a, _, _) in zip(spans, found):
        if not shows_something(text[span.start:span.end]):
            raise DataError(f"entity {span.label} {text[span.start:span.end]!r} {_INVISIBLE_SAID}",
                            source=source, line=lines[a])
    return NerExample(text, spans, id=idx, source=source, line=lines[0], span_lines=[lines[a] for a, _, _ in found])


_OTHER_BREAK = re.compile("[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
"""Where ``str.splitlines`` ends a line besides ``\\n`` and ``\\r`` (which :func:`~arapol.data.io.read_text` reads)."""
_SEPARATORS = {True: re.compile(r"\t"), False: re.compile(r" +")}
"""Columns split on tabs in a file whose first token line has one (a token may then hold a space, ``عبد الله``),
else on runs of spaces."""


def read_conll(
    path: str | Path, *, label_map: Mapping[str, str] | None = None, types: Sequence[str] | None = None,
    repair_iob: bool = False, token_col: int = 0, tag_col: int = -1,
) -> list[NerExample]:
    """Read a CoNLL-style file: ``token<TAB or spaces>...tag`` a line, a blank line between sentences.

    Every line of the file must have the same number of columns, split on tabs when the first token line holds one
    (a token may then contain spaces), else on spaces. ``label_map`` renames entity types
    (``{"PERS": "PER"}``); ``types`` restricts them; orphan ``I-`` tags are errors unless ``repair_iob``.
    """
    source = str(path)
    mapping = dict(label_map or {})
    examples: list[NerExample] = []
    tokens: list[str] = []
    tags: list[str] = []
    lines: list[int] = []
    ncols: int | None = None
    first = (0, "")  # the line that set ncols
    document = 0

    def flush() -> None:
        if tokens:
            examples.append(_tags_to_example(tokens, tags, source=source, lines=lines, repair_iob=repair_iob,
                                             types=types, idx=f"{Path(source).stem}-{len(examples) + 1}",
                                             mapping=mapping))
            examples[-1].meta["document"] = document
        tokens.clear(), tags.clear(), lines.clear()

    for n, raw in enumerate(read_lines(path), start=1):
        if brk := _OTHER_BREAK.search(raw):  # str.strip() and some editors take it for a line end: rows run together
            raise DataError(f"U+{ord(brk[0]):04X} ({unicodedata.name(brk[0], 'a control character')}) at column "
                            f"{brk.start() + 1}: a line break other than \\n, which some tools read as a line end and "
                            "others not; expected one token a line (replace it with \\n, or remove it)",
                            source=source, line=n)
        line = raw.strip()
        if not line:
            flush()
            continue
        if line.startswith("-DOCSTART-"):
            flush()  # a document boundary ends the sentence even without a blank line before it
            document += 1
            continue
        if ncols is None:
            sep = _SEPARATORS["\t" in line]
        cols = sep.split(line)
        if ncols is None:
            ncols, first = len(cols), (n, line)
            if ncols < 2:
                raise DataError(f"expected at least 2 columns (token and tag), found 1: {line!r}",
                                source=source, line=n)
        if len(cols) != ncols:
            comment = " (a comment line? only token lines, blank lines and -DOCSTART- are read)" \
                if first[1].startswith("#") else ""
            tabs = (f"; line {first[0]} has no tab, so every line is split on spaces: separate its columns with a "
                    "tab too, or use spaces throughout") if "\t" in line and "\t" not in first[1] else ""
            raise DataError(f"expected {ncols} columns like line {first[0]} ({first[1]!r}{comment}), found "
                            f"{len(cols)}: {line!r}{tabs}", source=source, line=n)
        tokens.append(cols[token_col])
        tags.append(cols[tag_col])
        lines.append(n)
    flush()
    return examples


def join_examples(examples: Sequence[NerExample], n: int) -> list[NerExample]:
    """Join each run of ``n`` consecutive examples of one document (CoNLL: between ``-DOCSTART-`` lines; JSONL:
    the same ``document`` field, or none) into one text, sentences separated by a space, spans shifted.

    A model trained and scored on such texts sees each sentence in its context, as ``predict()`` does when
    given a whole article; the entities are the same ones.
    """
    out: list[NerExample] = []
    group: list[NerExample] = []

    def flush() -> None:
        if not group:
            return
        text, spans, span_lines, offset = [], [], [], 0
        for ex in group:
            spans += [Span(s.start + offset, s.end + offset, s.label) for s in ex.spans]
            span_lines += ex.span_lines
            text.append(ex.text)
            offset += len(ex.text) + 1
        first = group[0]
        out.append(NerExample(" ".join(text), spans, id=first.id if len(group) == 1 else f"{first.id}+{len(group) - 1}",
                              source=first.source, line=first.line, meta=dict(first.meta),
                              span_lines=span_lines if len(span_lines) == len(spans) else []))
        group.clear()

    for ex in examples:
        if group and (len(group) == n or ex.meta.get("document") != group[0].meta.get("document")):
            flush()
        group.append(ex)
    flush()
    return out


_INVISIBLE_SAID = ("holds no letter or digit, only invisible marks (format or control characters, tatweel, "
                   "combining marks)")
"""Said of a gold span that shows nothing by itself (:func:`~arapol.sentences.shows_something`)."""


def _is_int(value: Any) -> bool:
    """An integer, not a bool (``True`` is an ``int`` in Python, not an offset)."""
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _span_from_record(ent: Any, text: str, where: dict[str, Any], k: int, mapping: Mapping[str, str]) -> Span:
    if not isinstance(ent, dict):
        raise DataError(f"entities[{k}] must be an object with start, end, label", **where)
    try:
        start, end, label = ent["start"], ent["end"], ent["label"]
    except KeyError as exc:
        raise DataError(f"entities[{k}] lacks field {exc.args[0]!r} (expected start, end, label)", **where) from None
    if not (_is_int(start) and _is_int(end) and isinstance(label, str)):
        raise DataError(f"entities[{k}]: start and end must be integers and label a string", **where)
    if start >= end and 0 <= end <= start <= len(text):
        raise DataError(f"entities[{k}] span [{start}, {end}) is empty or reversed: expected start < end", **where)
    if not 0 <= start < end <= len(text):
        raise DataError(f"entities[{k}] span [{start}, {end}) is outside the text (length {len(text)})", **where)
    if "text" in ent and text[start:end] != ent["text"]:
        raise DataError(f"entities[{k}] claims text {ent['text']!r} but [{start}, {end}) is "
                        f"{text[start:end]!r}", **where)
    core = text[start:end]
    if not core.strip():
        raise DataError(f"entities[{k}] span [{start}, {end}) {core!r} is only whitespace", **where)
    if not shows_something(core):
        raise DataError(f"entities[{k}] span [{start}, {end}) {core!r} {_INVISIBLE_SAID}", **where)
    if not label.strip() or label != label.strip() or not label.isprintable():
        raise DataError(f"entities[{k}]: label {label!r} is empty, has spaces around it or holds an invisible or "
                        "control character: expected a type such as PER", **where)
    if label == "O" and "O" not in mapping:
        raise DataError(f"entities[{k}] has label 'O', which means no entity: leave it out of entities, or give a "
                        "type such as PER", **where)
    # whitespace at an edge (annotation tools export "محمد " often) is no part of the name: scores compare
    # exact characters, and a predicted span never holds it
    return Span(start + len(core) - len(core.lstrip()), end - len(core) + len(core.rstrip()), mapping.get(label, label))


def _as_given(ent: dict[str, Any]) -> str:
    return f"[{ent['start']}, {ent['end']}) {ent['label']}"


def parse_ner_record(
    record: Any, *, source: str, line: int, label_map: Mapping[str, str] | None = None,
    types: Sequence[str] | None = None,
) -> NerExample:
    """Validate one native record ``{"text", "entities": [{"start", "end", "label"}]}``."""
    where = {"source": source, "line": line}
    if not isinstance(record, dict):
        raise DataError("expected a JSON object with 'text' and 'entities'", **where)
    text = record.get("text")
    if not isinstance(text, str):
        raise DataError(not_a_string(record, "text"), **where)
    if "entities" not in record:  # a misspelt key, or another task's data, would read as a text without entities
        raise DataError("field 'entities' is missing: expected a list of {start, end, label} objects ([] for a "
                        f"text without entities); found fields {sorted(record)}", **where)
    ents = record["entities"]
    if not isinstance(ents, list):
        raise DataError("field 'entities' must be a list", **where)
    mapping = dict(label_map or {})
    kept = sorted((s, k) for s, k in ((_span_from_record(e, text, where, k, mapping), k) for k, e in enumerate(ents))
                  if s.label != "O")  # a type mapped to O is dropped
    for (a, i), (b, j) in zip(kept, kept[1:]):
        if b.start < a.end:  # (named as the record gives them: the offsets before edge whitespace is trimmed)
            first, second = sorted((i, j))
            raise DataError(f"entities[{first}] {_as_given(ents[first])} and entities[{second}] "
                            f"{_as_given(ents[second])} overlap: expected spans that do not share a character",
                            **where)
    spans = [s for s, _ in kept]
    for s in spans:
        _check_label(s.label, types, source, line)
    meta = {k: v for k, v in record.items() if k not in ("text", "entities")}
    rid = record.get("id")  # null: no id, as in the stance reader (not the id "None", shared by every such record)
    return NerExample(text, spans, id=str(f"{Path(source).stem}-{line}" if rid is None else rid), source=source,
                      line=line, meta=meta, span_lines=[line] * len(spans))  # (joined with others: still its line)


def read_ner_jsonl(
    path: str | Path, *, label_map: Mapping[str, str] | None = None, types: Sequence[str] | None = None,
) -> list[NerExample]:
    """Read the native JSONL format: one ``{"text", "entities": [{"start", "end", "label"}]}`` a line."""
    return [parse_ner_record(record, source=str(path), line=n, label_map=label_map, types=types)
            for n, record in read_jsonl(path)]


def write_ner_jsonl(examples: Iterable[NerExample], path: str | Path) -> Path:
    """Write ``examples`` as native NER JSONL (``{"text", "entities": [{"start", "end", "label", "text"}]}``, one
    a line, UTF-8; written atomically), the file a config's ``data.train`` reads: how examples from
    :func:`from_token_dataset` (a ``datasets.Dataset``) or built in Python are trained on. Return ``path``."""
    import json

    from ..checkpoint import atomic_writer

    with atomic_writer(path) as fh:
        for ex in examples:
            ents = [{"start": s.start, "end": s.end, "label": s.label, "text": ex.text[s.start:s.end]}
                    for s in ex.spans]
            fh.write(json.dumps({"text": ex.text, "entities": ents}, ensure_ascii=False) + "\n")
    return Path(path)


def from_token_dataset(
    dataset: Iterable[Mapping[str, Any]], *, tag_names: Sequence[str] | None = None,
    label_map: Mapping[str, str] | None = None, types: Sequence[str] | None = None, repair_iob: bool = False,
    source: str = "dataset",
) -> list[NerExample]:
    """Read rows with ``tokens`` and ``ner_tags`` (tag strings, or ids into ``tag_names``), such as a
    ``datasets.Dataset``. Errors name the row as ``line`` (the first row is 1)."""
    if tag_names is None:
        features = getattr(dataset, "features", None)
        feature = features.get("ner_tags") if features is not None else None
        tag_names = getattr(getattr(feature, "feature", None), "names", None)
    mapping = dict(label_map or {})
    out = []
    for i, row in enumerate(dataset, start=1):
        if "tokens" not in row or "ner_tags" not in row:
            raise DataError("expected columns 'tokens' and 'ner_tags'", source=source, line=i)
        for column in ("tokens", "ner_tags"):
            if isinstance(row[column], (str, bytes)) or not isinstance(row[column], Iterable):
                raise DataError(f"'{column}' must be a list, got {type(row[column]).__name__}", source=source, line=i)
        tokens, raw_tags = list(row["tokens"]), list(row["ner_tags"])
        if not all(isinstance(t, str) for t in tokens):
            raise DataError("'tokens' must be strings", source=source, line=i)
        if len(tokens) != len(raw_tags):
            raise DataError(f"{len(tokens)} tokens but {len(raw_tags)} tags", source=source, line=i)
        if not tokens:
            continue
        if _is_int(raw_tags[0]):
            if tag_names is None:
                raise DataError("ner_tags are ids but no tag names are known (pass tag_names=)", source=source, line=i)
            bad = [t for t in raw_tags if not (_is_int(t) and 0 <= t < len(tag_names))]
            if bad:
                raise DataError(f"tag id {bad[0]!r} is not one of 0..{len(tag_names) - 1} ({len(tag_names)} tag names)",
                                source=source, line=i)
            raw_tags = [tag_names[int(t)] for t in raw_tags]
        elif not all(isinstance(t, str) for t in raw_tags):
            raise DataError("'ner_tags' must be all tag strings or all tag ids, found a mix", source=source, line=i)
        out.append(_tags_to_example(tokens, raw_tags, source=source, lines=[i] * len(tokens), repair_iob=repair_iob,
                                    types=types, idx=f"{source}-{i}", mapping=mapping))
    return out
