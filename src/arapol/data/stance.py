"""Stance readers: native JSONL, CSV with a column mapping (Mawqif, ANS), and UnifiedFC JSONL."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DataError
from ..labels import DEFAULT_TARGET, label_text, text_label_map, text_labels
from ..sentences import shows_something
from .io import misspelt_field, read_jsonl, read_text

JSONL_LABEL = "label"
"""The label's field in a stance JSONL record unless ``data.label_column`` names another."""
CSV_LABEL = "stance"
"""The label's column in a stance CSV unless ``data.label_column`` names another (Mawqif's and ANS's name)."""
OTHER_LABELS = "list them in the config's labels, or map them onto these with data.label_map"
"""How training takes a stance label that is none of the config's (``arapol evaluate``, which reads no config, names
its ``--label-map`` instead: :func:`arapol.evaluation.load_examples`)."""


@dataclass
class StanceExample:
    """A text, the target its stance is about, and the stance label (``""`` when unlabelled); ``aux``
    holds the labels of auxiliary tasks (e.g. Mawqif's sentiment and sarcasm) by column name."""

    text: str
    target: str
    label: str
    id: str = ""
    source: str = ""
    line: int | None = None
    aux: dict[str, str] = field(default_factory=dict)


def _found(value: Any) -> str:
    """What a label's field holds, for an error: ``null``, or its JSON type and value (``bool true``)."""
    return "null" if value is None else f"{type(value).__name__} {json.dumps(value, ensure_ascii=False)[:80]}"


def _label(value: Any, field: str, mapping: Mapping[str, str], labels: Sequence[str] | None, source: str,
           line: int) -> str:
    """A record's stance label (``field``), through ``mapping``, checked against ``labels``. A JSON integer is read
    as the text it is written as, as a CSV cell holds it (``1`` as ``"1"``: ``labels: [1, 0, -1]`` in a config are
    that text too, and so are a label map's integer keys); anything else but a string is an error."""
    raw = label_text(value)
    if raw is None:
        raise DataError(f"field {field!r}: a stance label must be a string or an integer, found {_found(value)}",
                        source=source, line=line)
    if not raw.strip().isprintable():  # an RLM left by right-to-left editing would make a label of its own
        raise DataError(f"stance label {raw!r} holds an invisible or control character", source=source, line=line)
    label = mapping.get(raw.strip(), raw.strip())
    if labels is not None and label not in labels:
        if raw.strip() in mapping:
            raise DataError(f"stance label {raw!r} maps (label map) to {label!r}, which is not one of the labels "
                            f"{list(labels)}: fix the label map", source=source, line=line)
        known = sorted(set(labels) | {k for k, v in mapping.items() if v in labels}, key=str)
        raise DataError(f"unknown stance label {raw!r}: expected one of {known} (other labels: {OTHER_LABELS})",
                        source=source, line=line)
    return label


def _header_hint(missing: list[str], header: list[str], tsv: bool, target_column: str | None) -> str:
    """Why a CSV header may lack the ``missing`` columns: another separator, other capitals, other names; or, the
    ``target_column`` among them, a file of one target that needs none."""
    if len(header) == 1 and any(sep in header[0] for sep in ";\t|" if not (tsv and sep == "\t")):
        return (" (one column: the file looks separated by another character; a .csv is read comma-separated, a "
                ".tsv tab-separated)")
    folded = {h.casefold(): h for h in header}
    if cased := [f"{folded[c.casefold()]!r} for {c!r}" for c in missing if c.casefold() in folded]:
        return f" (the header writes {', '.join(cased)}: names are matched exactly)"
    one_target = ("; a file of one target needs no target column: data.target_column: null, or --target-column '', "
                  "reads every row toward the default target" if target_column in missing else "")
    return (" (name the columns with data.text_column, data.target_column and data.label_column, or --text-column, "
            f"--target-column and --label-column{one_target})")


def _text(raw: Any, field: str, source: str, line: int) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise DataError(f"field {field!r} is missing, empty or not a string", source=source, line=line)
    if not shows_something(raw):  # predict() gives such a text no stance: it would train on nothing
        raise DataError(f"field {field!r} holds nothing that shows by itself ({raw[:20]!r}: only spaces, tatweel, "
                        "invisible characters or combining marks): expected text", source=source, line=line)
    return raw


def _target(raw: Any, default: str, field: str, source: str, line: int) -> str:
    """A record's stance target: its own (``raw``), else ``default``; with neither (``default`` empty: a model
    that learned several targets has no default one) a ``DataError`` naming the line."""
    if raw is None and not default:
        raise DataError(f"no stance target: field {field!r} is missing or null, and there is no default target for "
                        "such records (target= / --target, or a target in each record)", source=source, line=line)
    return _text(default if raw is None else raw, field, source, line).strip()


def _aux(values: Mapping[str, Any], names: Sequence[str], source: str, line: int) -> dict[str, str]:
    """A record's or row's auxiliary labels ``names``: each a non-empty string, or an integer read as the text it is
    written as (a JSON ``0`` as the CSV cell ``0``), as a stance label is."""
    out = {}
    for name in names:
        text = label_text(values.get(name))
        if text is None or not text.strip():
            found = ("no such field" if name not in values else "an empty string" if text is not None
                     else _found(values[name]))
            raise DataError(f"field {name!r}: an auxiliary label (data.aux_columns {list(names)}), which every "
                            f"split's records carry, must be a non-empty string or an integer, found {found}",
                            source=source, line=line)
        out[name] = text.strip()
    return out


def read_stance_jsonl(
    path: str | Path, *, label_map: Mapping[str | int, str] | None = None, labels: Sequence[str | int] | None = None,
    default_target: str = DEFAULT_TARGET, text_field: str = "text", target_field: str | None = "target",
    label_field: str = JSONL_LABEL, aux_fields: Sequence[str] = (),
) -> list[StanceExample]:
    """Read one ``{"text", "target"?, "label"}`` object a line (the fields named by the arguments); a record
    without a target, or whose target is null (every record with ``target_field=None``), reads ``default_target``,
    as ``predict --input`` reads it (``""``: such a record is an error). Each of ``aux_fields`` must hold a
    non-empty string or an integer (read as its text, as the label is): an auxiliary task's label. ``labels``, when
    given, are the labels accepted, an integer among them the text it is written as, as ``label_map``'s integer keys
    are (:func:`arapol.labels.text_labels`)."""
    source, mapping, labels, out = str(path), text_label_map(label_map), text_labels(labels), []
    for n, rec in read_jsonl(path):
        if not isinstance(rec, dict):
            raise DataError(f"expected a JSON object with the fields {text_field!r}, {label_field!r}"
                            + (f" and {target_field!r}" if target_field else ""), source=source, line=n)
        if label_field not in rec:
            shape = (": a UnifiedFC record (claim, article[], stance[]): read it with format unifiedfc "
                     "(data.format / --format)" if {"claim", "article", "stance"} <= rec.keys() else "")
            raise DataError(f"missing field {label_field!r} (the label" + (")" if label_field == JSONL_LABEL else
                            ", as data.label_column / --label-column name it)") + shape, source=source, line=n)
        if miss := misspelt_field(rec, target_field, "", "a record without it takes the default target", None,
                                  (text_field, label_field, *aux_fields)):
            raise DataError(miss, source=source, line=n)
        out.append(StanceExample(
            _text(rec.get(text_field), text_field, source, n),
            _target(None if target_field is None else rec.get(target_field), default_target, target_field or "target",
                    source, n),
            _label(rec[label_field], label_field, mapping, labels, source, n),
            id=str(n if rec.get("id") is None else rec["id"]), source=source, line=n,
            aux=_aux(rec, aux_fields, source, n),
        ))
    return out


def read_stance_csv(
    path: str | Path, *, text_column: str = "text", target_column: str | None = "target",
    label_column: str = CSV_LABEL, label_map: Mapping[str | int, str] | None = None,
    labels: Sequence[str | int] | None = None, default_target: str = DEFAULT_TARGET, aux_columns: Sequence[str] = (),
) -> list[StanceExample]:
    """Read a CSV with a header; columns are named by the arguments (Mawqif: ``text, target, stance``;
    ANS: ``s1, s2, stance`` with ``s2`` as the target). ``target_column=None`` uses ``default_target`` (which
    must then not be empty). ``labels`` and ``label_map`` as :func:`read_stance_jsonl` reads them.
    ``aux_columns`` (Mawqif: ``sentiment, sarcasm``) hold auxiliary tasks' labels, none of them empty. A ``.tsv``
    file is read tab-separated. Quoting is read strictly (as Python's csv module and pandas write it): a stray
    quote at the start of a cell is an error naming its row, never rows silently run together."""
    source, mapping, labels = str(path), text_label_map(label_map), text_labels(labels)
    tsv = Path(path).name.lower().endswith((".tsv", ".tsv.gz"))
    content = read_text(path)
    limit = csv.field_size_limit(max(csv.field_size_limit(), len(content) + 1))  # a long article is one cell
    try:
        return _csv_rows(csv.reader(io.StringIO(content, newline=""), strict=True, delimiter="\t" if tsv else ","),
                         source, tsv, mapping, labels, default_target, text_column, target_column, label_column,
                         aux_columns)
    finally:
        csv.field_size_limit(limit)


def _csv_rows(reader: Any, source: str, tsv: bool, mapping: Mapping[str, str], labels: Sequence[str] | None,
              default_target: str, text_column: str, target_column: str | None, label_column: str,
              aux_columns: Sequence[str]) -> list[StanceExample]:
    """The examples of :func:`read_stance_csv`'s ``reader``."""
    try:
        header = [h.strip() for h in next(reader)]
    except (StopIteration, csv.Error) as exc:
        raise DataError(f"cannot read the CSV header: {exc}", source=source, line=1) from None
    wanted = [c for c in (text_column, target_column, label_column, *aux_columns) if c is not None]
    missing = [c for c in wanted if c not in header]
    if missing:
        raise DataError(f"missing column(s) {missing}: the header has {header}"
                        f"{_header_hint(missing, header, tsv, target_column)}", source=source, line=1)
    twice = sorted({c for c in wanted if header.count(c) > 1})
    if twice:
        raise DataError(f"column(s) {twice} appear more than once in the header: which one to read is unclear",
                        source=source, line=1)
    col = {c: header.index(c) for c in wanted}
    out = []
    last = reader.line_num  # where the row before ended: a quoted cell may hold line breaks
    try:
        for row in reader:
            n, last = last + 1, reader.line_num  # a row is named by its first line
            if not row or not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise DataError(f"expected {len(header)} columns as in the header, found {len(row)}",
                                source=source, line=n)
            out.append(StanceExample(
                _text(row[col[text_column]], text_column, source, n),
                _target(row[col[target_column]] if target_column else None, default_target,
                        target_column or "target", source, n),
                _label(row[col[label_column]], label_column, mapping, labels, source, n), id=str(n), source=source,
                line=n,
                aux=_aux({c: row[col[c]] for c in aux_columns}, aux_columns, source, n),
            ))
    except csv.Error as exc:
        raise DataError(f"malformed quoting in the row that starts here ({exc}; seen on line {reader.line_num}): "
                        "a cell that begins with a quote is a quoted cell, which must close its quote right before "
                        'the next delimiter or the line end, any quote inside it doubled ("")', source=source,
                        line=last + 1) from None
    return out


def read_unifiedfc(
    path: str | Path, *, label_map: Mapping[str | int, str] | None = None, labels: Sequence[str | int] | None = None,
) -> list[StanceExample]:
    """Read UnifiedFC (``claim``, parallel ``article[]``/``stance[]``): one example per article, the claim as
    target. The record ``id`` (which gives the fact label away) is kept only as provenance, never as text.
    ``labels`` and ``label_map`` as :func:`read_stance_jsonl` reads them."""
    source, mapping, labels, out = str(path), text_label_map(label_map), text_labels(labels), []
    for n, rec in read_jsonl(path):
        if not isinstance(rec, dict):
            raise DataError("expected a JSON object with claim, article and stance", source=source, line=n)
        claim = _text(rec.get("claim"), "claim", source, n).strip()  # a target, stripped as JSONL and CSV ones are
        articles, stances = rec.get("article"), rec.get("stance")
        if not isinstance(articles, list) or not isinstance(stances, list) or len(articles) != len(stances):
            raise DataError("'article' and 'stance' must be lists of equal length", source=source, line=n)
        for k, (art, st) in enumerate(zip(articles, stances)):
            out.append(StanceExample(_text(art, f"article[{k}]", source, n), claim,
                                     _label(st, f"stance[{k}]", mapping, labels, source, n), id=f"{n}-{k}",
                                     source=source, line=n))
    return out
