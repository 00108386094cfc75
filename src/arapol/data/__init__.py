"""Readers for NER and stance data, and loading a split as a config describes it."""

from __future__ import annotations

from pathlib import Path

from ..config import LABELS_FROM_DATA, DataConfig, TrainConfig
from ..errors import ConfigError, DataError, first_few
from .ner import (
    NerExample,
    from_token_dataset,
    join_examples,
    parse_ner_record,
    read_conll,
    read_ner_jsonl,
    write_ner_jsonl,
)
from .stance import CSV_LABEL, JSONL_LABEL, StanceExample, read_stance_csv, read_stance_jsonl, read_unifiedfc

__all__ = [
    "FORMAT_BY_SUFFIX", "TASK_FORMATS", "NerExample", "StanceExample", "from_token_dataset", "guess_format",
    "join_examples", "load_split", "named_format", "parse_ner_record", "read_conll", "read_ner_jsonl", "reading_target",
    "read_stance_csv", "read_stance_jsonl", "read_unifiedfc", "write_ner_jsonl",
]


FORMAT_BY_SUFFIX = {".jsonl": "jsonl", ".conll": "conll", ".tsv": "conll", ".txt": "conll", ".iob": "conll",
                    ".bio": "conll", ".csv": "csv"}
"""The data format a file's extension names (``.gz`` looked through); for stance, ``.tsv`` names tab-separated
CSV and the other CoNLL extensions name none."""


TASK_FORMATS = {"ner": ("conll", "jsonl"), "stance": ("jsonl", "csv", "unifiedfc")}
"""The data formats each task reads."""


def named_format(path: str | Path, task: str) -> str | None:
    """The data format ``path``'s extension names for ``task`` (:data:`FORMAT_BY_SUFFIX`); ``None`` for none."""
    p = Path(path)
    suffix = (Path(p.stem).suffix if p.suffix.lower() == ".gz" else p.suffix).lower()
    fmt = FORMAT_BY_SUFFIX.get(suffix)
    if task == "stance" and fmt == "conll":
        return "csv" if suffix == ".tsv" else None
    return fmt


def guess_format(path: str | Path, task: str) -> str:
    """The format to read ``path`` in when none is given: the one its extension names, else ``jsonl``."""
    return named_format(path, task) or "jsonl"


READ_AS = "read as data.format {}, which applies to every split,"
"""How :func:`load_split` names the format (filled in) it read a file in, as a training config sets it; ``arapol
evaluate`` says its own option instead."""


def reading_target(cfg: TrainConfig, default: str | None) -> str:
    """The target a stance model's own splits read a record without one toward: the model's default target
    (``default``, :attr:`~arapol.checkpoint.ModelInfo.default_target`: ``وقف إطلاق النار`` learned for the saved
    ``وقف اطلاق النار``, the one target learned), so that their scores are those of the pairs ``predict()`` reads;
    ``cfg.target`` for a text-only model, a model without a default, and where ``data.targets`` leave such records
    out (reading them toward another target would let them in)."""
    kept = _kept_targets(cfg.data)
    if cfg.task != "stance" or cfg.text_only or not default or kept and cfg.target.strip() not in kept:
        return cfg.target
    return default


def _kept_targets(d: DataConfig) -> set[str]:
    """The stance targets whose examples ``data.targets`` keep (empty: all), as records' targets are read, without
    spaces around them."""
    return {t.strip() for t in d.targets}


def load_split(path: str | Path, cfg: TrainConfig) -> list[NerExample] | list[StanceExample]:
    """Read one data file with the format, columns and label mapping ``cfg.data`` names. A file that cannot be
    read so and whose extension names another format gets that said in its error."""
    try:
        out = _read(path, cfg)
    except DataError as exc:
        named = named_format(path, cfg.task)
        fits = ("conll", "jsonl") if cfg.task == "ner" else ("jsonl", "csv")  # unifiedfc files are .jsonl too
        if named is None or named not in fits or named == cfg.data.format or cfg.data.format == "unifiedfc":
            raise
        raise DataError(f"{exc.reason} ({READ_AS.format(cfg.data.format)} and this file's name says {named})",
                        source=exc.source, line=exc.line) from exc
    if not out:
        raise DataError("no examples in this file" + (f" after data.targets {cfg.data.targets} kept only those"
                                                      if cfg.task == "stance" and cfg.data.targets else ""),
                        source=str(path))
    return out


def _read(path: str | Path, cfg: TrainConfig) -> list[NerExample] | list[StanceExample]:
    d, labels = cfg.data, cfg.resolved_labels()
    if cfg.task == "ner":
        types = labels if cfg.labels and cfg.labels != LABELS_FROM_DATA else None
        if d.format == "conll":
            out = read_conll(path, label_map=d.label_map, types=types, repair_iob=d.repair_iob)
        elif d.format == "jsonl":
            out = read_ner_jsonl(path, label_map=d.label_map, types=types)
        else:
            raise ConfigError(f"data.format: {d.format!r} is not an NER format (use "
                              f"{' or '.join(TASK_FORMATS['ner'])})")
        return join_examples(out, d.join_sentences) if d.join_sentences > 1 else out
    if d.format == "jsonl":
        out = read_stance_jsonl(path, label_map=d.label_map, labels=labels, default_target=cfg.target,
                                text_field=d.text_column, target_field=d.target_column,
                                label_field=d.label_column or JSONL_LABEL, aux_fields=d.aux_columns)
    elif d.format == "csv":
        out = read_stance_csv(path, text_column=d.text_column, target_column=d.target_column,
                              label_column=d.label_column or CSV_LABEL, label_map=d.label_map, labels=labels,
                              default_target=cfg.target, aux_columns=d.aux_columns)
    elif d.format == "unifiedfc":
        if d.aux_columns:
            raise ConfigError("data.aux_columns: the unifiedfc format has no auxiliary labels")
        named = [f"data.{k}" for k, v in (("text_column", d.text_column), ("target_column", d.target_column),
                                          ("label_column", d.label_column)) if v != getattr(DataConfig, k)]
        if named:
            raise ConfigError(f"{', '.join(named)}: the unifiedfc format has its own fields (claim, article, "
                              "stance): leave them out")
        out = read_unifiedfc(path, label_map=d.label_map, labels=labels)
    else:
        raise ConfigError(f"data.format: {d.format!r} is not a stance format (use "
                          f"{', '.join(TASK_FORMATS['stance'])})")
    if not d.targets:
        return out
    kept = _kept_targets(d)
    found = {e.target for e in out}
    missing = sorted(kept - found)
    if missing and found & kept:  # (none found at all: load_split's "no examples" says so)
        raise DataError(f"targets {missing} (data.targets, or evaluate --targets) match no example of this file, "
                        f"whose targets are {first_few([repr(t) for t in sorted(found, key=str)])}: spelt otherwise, "
                        "or absent (leave them out)", source=str(path))
    return [e for e in out if e.target in kept]
