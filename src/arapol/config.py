"""Training configuration: YAML files loaded into dataclasses, resolved and saved beside each model."""

from __future__ import annotations

import difflib
import functools
import json
import math
import re
import types
import typing
from collections.abc import Collection, Mapping
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

from .alignment import CLITIC_RULES
from .checkpoint import TASKS
from .errors import ConfigError
from .labels import DEFAULT_TARGET, ENTITY_TYPES, STANCE_LABELS, label_text, text_label_map
from .text import DEFAULT_STEPS, STEPS
from .yamlio import load_yaml, yaml_problem

_FLOAT = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)[eE][-+]?\d+")
FORMATS = ("jsonl", "conll", "csv", "unifiedfc")
LABELS_FROM_DATA = ["from_data"]
"""``labels: [from_data]``: NER entity types read from the data (every split) instead of listed."""
PATH_KEYS = ("output_dir", "data.train", "data.dev", "data.test")
"""Config keys holding paths: their YAML value is the text written (``output_dir: 2025-01-15`` is a folder, not a
date; ``null`` none), in a file as in ``arapol train --set``. Relative to the config file's folder in the file, to the
current folder given with ``--set``; ``base_model`` too, when it names an existing local folder."""
TEXT_KEYS = (*PATH_KEYS, "base_model", "target", "input_prefix", "labels", "data.label_map", "data.targets",
             "data.text_column", "data.target_column", "data.label_column", "data.aux_columns")
"""Config keys whose values are text (paths, the base's name, stance targets, labels, column names): a date or a
number written there is the text written (``target: 2025-01-15``, ``labels: [1, 0, -1]``), in their lists and
mappings too, in a file as in ``arapol train --set``; ``null`` is still none, and ``no`` still false, refused with
the hint to quote it. So are the ``training.<name>`` arguments of ``TrainingArguments`` typed as text alone
(``training.run_name: 2025-01-15``): see :func:`text_keys`."""
DEFAULT_SEED = 13
"""The run's seed when ``training.seed`` is not set."""
POOLINGS = ("cls", "mean")
"""Stance heads: the base's pooler over ``[CLS]``, or the mean of the token vectors (see :mod:`arapol.heads`)."""


@dataclass
class DataConfig:
    """Where the data is and how to read it. Paths resolve against the config file's folder."""

    train: str = ""
    dev: str | None = None
    test: str | None = None
    format: str = "jsonl"
    label_map: dict[str, str] = field(default_factory=dict)
    repair_iob: bool = False
    dev_fraction: float = 0.0
    """Carve a dev split of this size from train (seeded) when ``dev`` is not given."""
    dev_seed: int | None = None
    """The seed that carves that dev split; unset, the training seed (so each seed has its own dev split)."""
    text_column: str = "text"
    """Stance: the text's column (CSV) or field (JSONL)."""
    target_column: str | None = "target"
    """Stance: the target's column or field; a record without one (or ``None``: every record) reads the config's
    ``target``."""
    label_column: str | None = None
    """Stance: the label's column or field; by default ``stance`` in a CSV, ``label`` in JSONL."""
    targets: list[str] = field(default_factory=list)
    """Stance: keep only examples whose target is listed (all when empty)."""
    join_sentences: int = 1
    """NER: join this many consecutive sentences of a document into one text (each split), so the model
    learns and is scored with each sentence's context, as ``predict()`` meets it in a whole article."""
    aux_columns: list[str] = field(default_factory=list)
    """Stance: columns (CSV) or fields (JSONL) with auxiliary tasks' labels, learnt beside the stance
    (Mawqif: ``[sentiment, sarcasm]``); needs ``pooling: mean``. Prediction uses the stance head only."""


@dataclass
class TrainConfig:
    """A whole training run: task, base model, data, preprocessing and Trainer arguments."""

    task: str = "ner"
    base_model: str = "offline:multilingual-e5-small"
    data: DataConfig = field(default_factory=DataConfig)
    labels: list[str] = field(default_factory=list)
    """Entity types (NER) or stance labels; empty means the project defaults (NER: PER, ORG, LOC, MISC less the types
    ``data.label_map`` maps to ``O``; stance: favor, against, none); :data:`LABELS_FROM_DATA` reads NER types from the
    data. The config saved with a model lists the labels it was trained with."""
    normalise: list[str] = field(default_factory=lambda: list(DEFAULT_STEPS))
    max_length: int = 256
    stride: int = 64
    split_clitics: bool = True
    clitic_rule: str = "retokenise"
    """NER: where a proclitic becomes a word of its own (:data:`arapol.alignment.CLITIC_RULES`)."""
    target: str = DEFAULT_TARGET
    text_only: bool = False
    """Stance: classify the text alone, without the target as a first segment."""
    input_prefix: str = ""
    """Stance: put before the first segment (the target; the text with ``text_only``), in training and in
    ``predict()`` alike, for bases pre-trained with one (e5: ``"query: "``)."""
    class_weights: bool = False
    """Stance: weight the loss by inverse class frequency."""
    tune_label_bias: bool = False
    """Stance: after training, choose per-class offsets to the log-probabilities that maximise the dev split's
    macro-F1, saved with the model and applied by ``predict()`` (:mod:`arapol.inference.label_bias`)."""
    pooling: str = "cls"
    """Stance: ``cls`` (the base's pooler over ``[CLS]``) or ``mean`` (mean of the token vectors; BERT bases)."""
    aux_weight: float = 0.5
    """Stance: the weight of each auxiliary task's loss (``data.aux_columns``) beside the stance loss."""
    freeze_embeddings: bool = False
    layer_lr_decay: float = 1.0
    """Each encoder layer learns at this factor times the rate of what is above it (the heads, at the configured
    rate, are above the top layer; the embeddings below the first); 1.0 gives every parameter the same rate."""
    average_checkpoints: int = 1
    """The final model: 1 keeps the epoch with the best dev score (the last one without a dev split); N > 1
    averages the weights of the last N saved checkpoints (one per epoch, or every ``save_steps`` with
    ``save_strategy: steps``), and the dev split only reports."""
    trim_vocab: bool = False
    trim_keep: str = "default"
    output_dir: str = "runs/model"
    training: dict[str, Any] = field(default_factory=dict)
    """Passed through to ``transformers.TrainingArguments``."""

    @property
    def seed(self) -> int:
        """The run's seed: ``training.seed``, else :data:`DEFAULT_SEED` (what the ``Trainer`` is given)."""
        return int(self.training.get("seed", DEFAULT_SEED))

    def dev_carve_seed(self, seed: int | None = None) -> int:
        """The seed that carves ``data.dev_fraction`` of train into dev: ``data.dev_seed`` when set, else
        ``seed`` (by default the run's :attr:`seed`)."""
        if self.data.dev_seed is not None:
            return self.data.dev_seed
        return self.seed if seed is None else seed

    def resolved_labels(self) -> list[str]:
        """The label list to train with: configured, else the task default (NER: without the types that
        ``data.label_map`` maps to ``O``, which the data then never holds)."""
        if self.labels:
            return list(self.labels)
        if self.task == "ner":
            return [t for t in ENTITY_TYPES if self.data.label_map.get(t) != "O"]
        return list(STANCE_LABELS)

    def to_dict(self) -> dict[str, Any]:
        """A plain dict of every setting, for saving beside the model; credentials among the ``training`` values
        (``hub_token``...) are left out (:func:`without_secrets`)."""
        data = asdict(self)
        data["training"] = without_secrets(data["training"])
        return data


SECRET_SETTING = re.compile(r"(?:^|_)(?:token|secret|password|api_?key)$", re.IGNORECASE)
"""Names of settings that hold credentials (``training.hub_token``): refused in a config, and left out of the
configs that folders saved before that hold when they are exported or shown in a card."""


def without_secrets(settings: Mapping[str, Any]) -> dict[str, Any]:
    """``settings`` without the keys :data:`SECRET_SETTING` names."""
    return {k: v for k, v in settings.items() if not SECRET_SETTING.search(str(k))}


def _build(cls: type, values: Any, where: str, prefix: str = "") -> Any:
    """``cls`` from a mapping, each value checked against its field's type (``where``: the file, for errors)."""
    if not isinstance(values, dict):
        raise ConfigError(f"{where}: {prefix.rstrip('.') or 'config'}: expected a mapping, found "
                          f"{_KIND_NAMES.get(type(values), type(values).__name__)}")
    _string_keys(values, where, prefix)
    if not prefix:  # x-…: blocks that YAML anchors are defined in (x-defaults: &d {...}), not settings
        values = {k: v for k, v in values.items() if not k.startswith(EXTENSION_PREFIX)}
    hints = typing.get_type_hints(cls)
    unknown = sorted(set(values) - set(hints))
    if unknown:
        named = [prefix + key for key in unknown]
        raise ConfigError(f"{where}: unknown key(s) {named}; expected some of {[prefix + h for h in sorted(hints)]}")
    kwargs = {}
    for key, value in values.items():
        if key == "data":
            kwargs[key] = _build(DataConfig, value, where, "data.")
        else:
            kwargs[key] = _typed(_labels_as_text(prefix + key, value, where), hints[key], f"{where}: {prefix}{key}")
    return cls(**kwargs)


def _labels_as_text(key: str, value: Any, where: str) -> Any:
    """A Python caller's integer labels (``{"labels": [1, 0, -1]}``, ``{"data": {"label_map": {1: "favor"}}}``) as
    the text they are written as, as a config file reads them (:func:`arapol.labels.label_text`); any other value as
    given, for :func:`_typed` to check."""
    if key == "labels" and isinstance(value, list):
        return [text if (text := label_text(label)) is not None else label for label in value]
    if key == "data.label_map" and isinstance(value, dict):
        # (an entry of another kind is left as given, for _typed to name)
        texts = {k: v for k, v in value.items() if label_text(k) is not None and label_text(v) is not None}
        others = {k: v for k, v in value.items() if label_text(k) is None or label_text(v) is None}
        try:
            return {**text_label_map(texts), **others}
        except ConfigError as exc:  # two keys read as one (1 and "1") that map apart
            raise ConfigError(f"{where}: {str(exc).replace('label map:', 'data.label_map:', 1)}") from None
    return value


def _overrides_as_text(overrides: dict[str, Any], where: str) -> dict[str, Any]:
    """A Python caller's overrides with their ``labels`` and ``data.label_map`` as text (:func:`_labels_as_text`)
    before they are merged into a file's, so that ``{1: "against"}`` replaces the file's ``1: favor`` (read as
    ``"1"``) as ``--set data.label_map.1=against`` does, rather than standing beside it."""
    out = dict(overrides)
    if "labels" in out:
        out["labels"] = _labels_as_text("labels", out["labels"], where)
    data = out.get("data")
    if isinstance(data, dict) and "label_map" in data:
        kind = type(data["label_map"])  # (a Replace stays one)
        mapped = _labels_as_text("data.label_map", data["label_map"], where)
        out["data"] = type(data)({**data, "label_map": kind(mapped) if isinstance(mapped, dict) else mapped})
    return out


EXTENSION_PREFIX = "x-"
"""Top-level config keys starting so are no settings: a place for blocks that YAML anchors name and settings reuse
(``x-training: &t {...}`` then ``training: *t``), as in docker-compose files."""


def _string_keys(values: Mapping[Any, Any], where: str, prefix: str) -> None:
    """Refuse a key that is not a string (YAML reads ``1:`` or ``true:`` as a number or a bool)."""
    odd = next((k for k in values if not isinstance(k, str)), None)
    if odd is not None:
        raise ConfigError(f"{where}: {prefix or ''}{odd!r}: expected a setting's name, found a key that YAML reads as "
                          f"{_KIND_NAMES.get(type(odd), type(odd).__name__)}")


_TYPE_NAMES = {bool: "true or false", int: "an integer", float: "a number", str: "a string"}


_YES_NO = ' (YAML reads an unquoted no, yes, off or on as false or true: quote it, e.g. "no")'


def _typed(value: Any, hint: Any, where: str) -> Any:
    """``value`` checked against the type ``hint`` (``X | None``, ``list[X]``, ``dict[str, X]``, scalars);
    a number field also takes YAML 1.1's exponent strings (``3e-4``). Raises ``ConfigError``."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        (hint,) = [a for a in args if a is not type(None)]
        return _typed(value, hint, where)
    if hint is Any:
        return value
    if origin is list:
        if not isinstance(value, list):
            raise ConfigError(f"{where}: expected a list, found {value!r}")
        return [_typed(v, args[0], f"{where}[{i}]") for i, v in enumerate(value)]
    if origin is dict:
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: expected a mapping, found {value!r}")
        return {_typed(k, args[0], f"{where} key"): _typed(v, args[1], f"{where}.{k}") for k, v in value.items()}
    if hint is float and isinstance(value, str) and _FLOAT.fullmatch(value.strip()):
        value = float(value)
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, hint) or (hint is int and isinstance(value, bool)):
        raise ConfigError(f"{where}: expected {_TYPE_NAMES.get(hint, hint.__name__)}, found {value!r}"
                          + (_YES_NO if hint is str and isinstance(value, bool) else ""))
    if hint is float and not math.isfinite(value):
        raise ConfigError(f"{where}: expected a finite number, found {value!r}")
    return value


def _resolve(path: str | None, base: Path) -> str | None:
    if not path:
        return path
    p = Path(path).expanduser()
    return str(p if p.is_absolute() else (base / p).resolve())


STANCE_ONLY = ("class_weights", "pooling", "text_only", "data.text_column", "data.target_column", "data.label_column",
               "target", "aux_weight")
"""Settings that only a stance run reads: the first three shape its model and loss, the rest its data."""
NER_ONLY = ("split_clitics", "clitic_rule", "data.repair_iob")
"""Settings that only an NER run reads (``clitic_rule`` with ``split_clitics`` alone, ``data.repair_iob`` in CoNLL
files alone). A stance config may keep them, unread (one copied from an NER config): they are not refused."""


def _setting(settings: Mapping[str, Any], name: str) -> Any:
    """The value of a dotted setting (``data.dev``) in a config's :meth:`TrainConfig.to_dict`; None if absent."""
    key, _, sub = name.partition(".")
    value = settings.get(key)
    return (value.get(sub) if isinstance(value, dict) else None) if sub else value


BASE_MODELS = "a hub name such as aubmindlab/bert-base-arabertv02, a model folder or offline:multilingual-e5-small"
"""What ``base_model`` names, as errors say it."""
TINY_BASE = "tiny:bert"
"""The base model built from the training corpus (:mod:`arapol.base.tiny`), for tests and quick trials."""


def unread_settings(settings: Mapping[str, Any]) -> list[str]:
    """Dotted names of the settings in ``settings`` (a config's :meth:`TrainConfig.to_dict`) that its training
    would not read, set away from their defaults: an NER run's :data:`STANCE_ONLY` settings, ``data.dev_seed``
    beside ``data.dev``, ``trim_keep`` without ``trim_vocab``, both with the tiny base. Training refuses them
    (:func:`validate`); arapol 0.2.0 ignored them, so a resume compares runs without them (:func:`without_unread`).
    Also a stance run's :data:`NER_ONLY` settings, ``clitic_rule`` without ``split_clitics`` and ``data.repair_iob``
    outside CoNLL files, which training lets be (a resume still compares runs without them)."""
    defaults = TrainConfig().to_dict()
    stance = settings.get("task", "ner") == "stance"
    unread = list(NER_ONLY if stance else STANCE_ONLY)
    if not stance and not settings.get("split_clitics", True):
        unread.append("clitic_rule")
    if not stance and _setting(settings, "data.format") != "conll":
        unread.append("data.repair_iob")
    if _setting(settings, "data.dev"):
        unread.append("data.dev_seed")
    if settings.get("base_model") == TINY_BASE:
        unread.append("trim_vocab")
    if not settings.get("trim_vocab") or settings.get("base_model") == TINY_BASE:
        unread.append("trim_keep")
    return [name for name in unread if _setting(settings, name) not in (None, _setting(defaults, name))]


def without_unread(settings: Mapping[str, Any]) -> dict[str, Any]:
    """``settings`` with each of its :func:`unread_settings` set to its default (what its training read)."""
    defaults, out = TrainConfig().to_dict(), dict(settings)
    for name in unread_settings(settings):
        key, _, sub = name.partition(".")
        if sub:
            out[key] = {**out[key], sub: defaults[key][sub]}
        else:
            out[key] = defaults[key]
    return out


def validate(cfg: TrainConfig, training: bool = True) -> TrainConfig:
    """Check a config's values (their types were checked as it was built); raise ``ConfigError`` naming the field.
    ``training``: check ``training:`` against ``TrainingArguments`` too."""
    if cfg.task not in TASKS:
        raise ConfigError(f"task: {cfg.task!r} is not one of {list(TASKS)}")
    if cfg.data.format not in FORMATS:
        raise ConfigError(f"data.format: {cfg.data.format!r} is not one of {list(FORMATS)}")
    from .data import TASK_FORMATS  # (arapol.data reads configs)

    if cfg.data.format not in TASK_FORMATS[cfg.task]:  # (found once training had made its output folder)
        raise ConfigError(f"data.format: {cfg.data.format!r} is not a {cfg.task} format: a {cfg.task} file is one "
                          f"of {', '.join(TASK_FORMATS[cfg.task])}")
    if not cfg.data.train:
        raise ConfigError("data.train: a training file is required")
    if not cfg.base_model.strip():  # (Path("") is the current folder)
        raise ConfigError(f"base_model: expected {BASE_MODELS}, found {cfg.base_model!r}")
    if cfg.max_length < 16:
        raise ConfigError(f"max_length ({cfg.max_length}) must be ≥ 16")
    if not 0 <= cfg.stride < cfg.max_length - 2:  # a window holds max_length − 2 pieces besides [CLS] and [SEP]
        raise ConfigError(f"stride ({cfg.stride}) must be between 0 and max_length − 3 ({cfg.max_length - 3}): the "
                          f"overlap of windows of {cfg.max_length - 2} pieces")
    if not 0.0 <= cfg.data.dev_fraction < 1.0:
        raise ConfigError(f"data.dev_fraction: {cfg.data.dev_fraction} must be in [0, 1)")
    if cfg.data.dev and cfg.data.dev_fraction > 0:
        raise ConfigError(f"data.dev_fraction: {cfg.data.dev_fraction} carves a dev split from train, and data.dev "
                          "names one: set one of them (data.dev: null to carve)")
    if cfg.data.join_sentences < 1 or (cfg.data.join_sentences > 1 and cfg.task != "ner"):
        raise ConfigError(f"data.join_sentences: expected an integer ≥ 1 (above 1 only for task: ner), found "
                          f"{cfg.data.join_sentences!r}")
    if cfg.input_prefix and cfg.task != "stance":
        raise ConfigError(f"input_prefix: only for task: stance (an NER prefix would shift the spans), found "
                          f"{cfg.input_prefix!r}")
    unknown = [step for step in cfg.normalise if step not in STEPS]
    if unknown:
        raise ConfigError(f"normalise: unknown step(s) {unknown}; expected some of {sorted(STEPS)}")
    if cfg.pooling not in POOLINGS:
        raise ConfigError(f"pooling: {cfg.pooling!r} is not one of {list(POOLINGS)}")
    if cfg.data.aux_columns and (cfg.task != "stance" or cfg.pooling != "mean"):
        raise ConfigError("data.aux_columns: auxiliary tasks need task: stance with pooling: mean")
    if cfg.aux_weight <= 0:
        raise ConfigError(f"aux_weight: expected a number above 0, found {cfg.aux_weight!r}")
    settings = cfg.to_dict()
    unread = unread_settings(settings) if training else []
    stance_only = [f"{name}: {_setting(settings, name)!r}" for name in unread if name in STANCE_ONLY[:3]]
    if stance_only:
        them = "them" if len(stance_only) > 1 else "it"
        raise ConfigError(f"{', '.join(stance_only)}: only for task: stance (an NER model classifies each piece: "
                          f"it has no pooled text, no target and one loss): remove {them}")
    columns = [f"{name}: {_setting(settings, name)!r}" for name in unread if name in STANCE_ONLY[3:]]
    if columns:
        them = "them" if len(columns) > 1 else "it"
        raise ConfigError(f"{', '.join(columns)}: only for task: stance (NER reads each record's text and entities "
                          f"fields, or a CoNLL file's columns, and has no target): remove {them}")
    if "data.dev_seed" in unread:
        raise ConfigError(f"data.dev_seed: {cfg.data.dev_seed!r} seeds the dev split carved from train "
                          f"(data.dev_fraction), and data.dev gives one ({cfg.data.dev}): remove one of them")
    if "trim_vocab" in unread:
        raise ConfigError(f"trim_vocab: the tiny base ({TINY_BASE}) is built from the training corpus's own words, "
                          "with nothing to trim (the run trained the whole vocabulary, and its card said it was "
                          "trimmed): remove trim_vocab" + (" and trim_keep" if "trim_keep" in unread else ""))
    if "trim_keep" in unread:
        raise ConfigError(f"trim_keep: {cfg.trim_keep!r} says which pieces a trimmed vocabulary keeps, and "
                          "trim_vocab is off: set trim_vocab: true, or remove trim_keep")
    if cfg.data.targets and cfg.task != "stance":
        raise ConfigError(f"data.targets: only for task: stance (it keeps the examples of those targets), found "
                          f"{cfg.data.targets!r}")
    twice = sorted({label for label in cfg.labels if cfg.labels.count(label) > 1})
    if twice:
        raise ConfigError(f"labels: {twice} listed more than once in {cfg.labels}")
    if LABELS_FROM_DATA[0] in cfg.labels and cfg.labels != LABELS_FROM_DATA:
        raise ConfigError(f"labels: {cfg.labels}: [{LABELS_FROM_DATA[0]}] stands alone (the types come from the "
                          "data); list the types instead to fix them")
    if cfg.labels == LABELS_FROM_DATA and cfg.task != "ner":
        raise ConfigError("labels: [from_data] collects entity types (task: ner); a stance model lists its labels")
    bad = [label for label in cfg.labels if cfg.task == "ner" and cfg.labels != LABELS_FROM_DATA
           and (not label.strip() or label == "O" or label[:2] in ("B-", "I-"))]
    if bad:
        raise ConfigError(f"labels: {bad}: NER labels are entity types such as PER (not 'O', not IOB2 tags, not "
                          "empty); to drop a type from the data, map it to O with data.label_map")
    tagged = [key for key in cfg.data.label_map if cfg.task == "ner" and key[:2] in ("B-", "I-")]
    if tagged:
        value = str(cfg.data.label_map[tagged[0]])
        value = value[2:] if value[:2] in ("B-", "I-") else value
        raise ConfigError(f"data.label_map: {tagged} are IOB2 tags, which it never meets: it maps entity types "
                          f"(write {tagged[0][2:]}: {value}; --label-map {tagged[0][2:]}={value})")
    blank = [key for key, value in cfg.data.label_map.items() if not isinstance(value, str) or not value.strip()]
    if blank:
        raise ConfigError(f"data.label_map: {blank} map{'s' if len(blank) == 1 else ''} to "
                          f"{cfg.data.label_map[blank[0]]!r}: each name maps to a label (a type such as PER, or O to "
                          "drop it)")
    if training:  # (a model trained with such a label still loads its saved config)
        _check_label_names(cfg)
    if not 0.0 < cfg.layer_lr_decay <= 1.0:
        raise ConfigError(f"layer_lr_decay: expected a number in (0, 1], found {cfg.layer_lr_decay!r}")
    if cfg.tune_label_bias and (cfg.task != "stance" or not (cfg.data.dev or cfg.data.dev_fraction > 0)):
        raise ConfigError("tune_label_bias: chooses a stance model's label offsets on its dev split: it needs "
                          "task: stance and data.dev or data.dev_fraction"
                          + ("" if cfg.task == "stance" else f" (task here: {cfg.task})"))
    if cfg.average_checkpoints < 1:
        raise ConfigError(f"average_checkpoints: expected an integer ≥ 1, found {cfg.average_checkpoints!r}")
    if cfg.average_checkpoints > 1 and cfg.training.get("save_strategy", "epoch") not in ("epoch", "steps"):
        raise ConfigError(f"average_checkpoints: averages the last checkpoints saved each epoch (or every "
                          f"save_steps); training.save_strategy {cfg.training['save_strategy']!r} does not save them")
    if cfg.clitic_rule not in CLITIC_RULES:
        raise ConfigError(f"clitic_rule: {cfg.clitic_rule!r} is not one of {list(CLITIC_RULES)}")
    if cfg.trim_keep not in ("default", "corpus"):
        raise ConfigError(f"trim_keep: {cfg.trim_keep!r} is not 'default' or 'corpus'")
    if not cfg.output_dir.strip():
        raise ConfigError("output_dir: expected the folder to save the model in, found ''")
    if cfg.training and training:
        cfg.training = _checked_training(cfg.training)
    return cfg


def _check_label_names(cfg: TrainConfig) -> None:
    """Each label in ``labels`` and each that ``data.label_map`` maps to is one a model can be named by
    (:func:`_label_problem`); ``ConfigError`` naming the first that is not (``data.label_map.PER``)."""
    named = [*((f"labels[{i}]", label) for i, label in enumerate(cfg.labels)),
             *((f"data.label_map.{key}", value) for key, value in cfg.data.label_map.items())]
    for where, label in named:
        if (problem := _label_problem(label, cfg.task)) is not None:
            raise ConfigError(f"{where}: {label!r} {problem}")


def _label_problem(label: str, task: str) -> str | None:
    """What is wrong with a label a config names (in ``labels``, or as ``data.label_map`` maps to it), said after
    it; ``None`` for nothing. Spaces around it or an unprintable character stay in the model's labels (``PER `` gave
    tags ``B-PER `` and every prediction said so); an NER label with an IOB2 prefix is a tag, not a type."""
    if label != label.strip():
        return f"has spaces around it, which would stay in the model's labels: write {label.strip()!r}"
    odd = next((c for c in label if not c.isprintable()), None)
    if odd is not None:
        return (f"holds an unprintable character (U+{ord(odd):04X}), which would stay in the model's labels: "
                "write it without")
    if task == "ner" and label[:2] in ("B-", "I-"):
        return f"is an IOB2 tag, not an entity type (write {label[2:]})"
    return None


_TRAINING_MINIMUMS: dict[str, tuple[float, bool]] = {
    "learning_rate": (0, False), "num_train_epochs": (0, False), "per_device_train_batch_size": (1, True),
    "per_device_eval_batch_size": (1, True), "gradient_accumulation_steps": (1, True), "weight_decay": (0, True),
    "warmup_steps": (0, True), "seed": (0, True), "data_seed": (0, True), "max_grad_norm": (0, True),
    "adam_epsilon": (0, False), "label_smoothing_factor": (0, True), "adam_beta1": (0, True), "adam_beta2": (0, True),
    "logging_steps": (0, False), "save_steps": (0, False), "eval_steps": (0, False),
    "dataloader_num_workers": (0, True),
    "save_total_limit": (1, True),  # (0 and below kept every checkpoint; null keeps every one, as the Trainer says)
}
"""``training.<key>``: the lowest value that makes sense, and whether that bound itself is allowed."""
_TRAINING_MAXIMUMS: dict[str, tuple[float, bool]] = {
    "label_smoothing_factor": (1, False), "adam_beta1": (1, False), "adam_beta2": (1, False),
}
"""``training.<key>``: the highest value that makes sense, and whether that bound itself is allowed (a smoothing of
1.5 trained to a negative loss and F1 0 without an error; a beta of 1.5 failed in the optimizer after the base was
built)."""
_DECIDED_BY_ARAPOL = {
    "resume_from_checkpoint": "arapol resumes a run from its last checkpoint by itself (`arapol train --no-resume` "
                              "starts over)",
    "do_train": "not read by the Trainer (arapol trains, then scores dev and test): leave it out",
    "do_eval": "not read by the Trainer (arapol scores the dev split after each epoch when there is one): leave it out",
    "do_predict": "not read by the Trainer (arapol scores the test split at the end): leave it out",
    "push_to_hub": "publish the finished model with `arapol push` (it checks the folder and writes the card first)",
    "label_names": "arapol's models take their gold labels as `labels`, which the dev scores read: leave it out",
}
"""``training.<key>`` settings of ``TrainingArguments`` that arapol decides or that the Trainer ignores, and why."""
_KIND_NAMES = {**_TYPE_NAMES, type(None): "null", list: "a list", dict: "a mapping"}


@functools.cache
def _training_argument_hints() -> dict[str, Any]:
    """Each argument of ``transformers.TrainingArguments``: its type hint (its field's own annotation where the
    hints do not resolve)."""
    from transformers import TrainingArguments

    try:
        hints = typing.get_type_hints(TrainingArguments)
    except (NameError, TypeError):  # an annotation that does not resolve: take the fields' own
        hints = {}
    return {f.name: hints.get(f.name, f.type) for f in fields(TrainingArguments) if f.init}


@functools.cache
def _training_argument_types() -> dict[str, tuple[type, ...]]:
    """Each argument of ``transformers.TrainingArguments``: the classes its value may be (empty: unchecked)."""
    return {name: _classes(hint) for name, hint in _training_argument_hints().items()}


@functools.cache
def _training_argument_choices() -> dict[str, tuple[str, ...]]:
    """The arguments of ``transformers.TrainingArguments`` that take one of a few words (``log_level``,
    ``train_sampling_strategy``...: the field's ``choices``), with those words."""
    from transformers import TrainingArguments

    return {f.name: tuple(f.metadata["choices"]) for f in fields(TrainingArguments)
            if f.init and f.metadata.get("choices")}


_OPEN_CHOICES = frozenset({"ddp_backend"})
"""Arguments whose ``choices`` are examples, not the words accepted: the Trainer hands ``ddp_backend`` to accelerate,
which takes ``tccl`` and passes any other to ``torch.distributed`` (``ucc``, ``cuda:nccl,cpu:gloo``). Still no text
keys: a number there is a mistake."""


def _check_ddp_backend(where: str, value: str) -> None:
    """Refuse a ``ddp_backend`` naming a backend that neither transformers, accelerate nor ``torch.distributed`` knows
    and that is one slip from one they know (``ncll``): it loaded and failed only when the distributed run began. An
    unknown name far from all (a backend of one's own) passes; each part of ``cuda:nccl,cpu:gloo`` is read."""
    import torch.distributed as dist

    torch_knows = getattr(getattr(dist, "Backend", None), "backend_list", ())  # (none in a build without it)
    known = {*_training_argument_choices()["ddp_backend"], *torch_knows, "tccl", "ccl", "smddp"}
    for part in value.split(","):
        name = part.rpartition(":")[2].strip().lower()
        close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.75) if name not in known else None
        if close:
            raise ConfigError(f"{where}: no distributed backend is called {name!r} (did you mean {close[0]!r}?)")


@functools.cache
def _training_text_keys() -> tuple[str, ...]:
    """``training.<name>`` for each argument of ``TrainingArguments`` typed ``str`` or ``Optional[str]`` alone (a
    name, a folder, an id: ``run_name``, ``hub_model_id``), where a date or a number written is that text; not one
    that also takes a number, a bool, a list or a choice of an enum (``save_strategy``, ``report_to``), nor one of
    a few words (``log_level: 10`` is a mistake to name, not the text ``'10'``)."""
    choices = _training_argument_choices()
    return tuple(f"training.{name}" for name, hint in _training_argument_hints().items()
                 if name not in choices and (hint is str or (typing.get_origin(hint) in (typing.Union, types.UnionType)
                                                             and set(typing.get_args(hint)) == {str, type(None)})))


def text_keys(training: bool = False) -> tuple[str, ...]:
    """:data:`TEXT_KEYS`, and with ``training`` the text arguments of ``training:`` (:func:`_training_text_keys`;
    that imports transformers, as checking the ``training:`` settings does: asked only where there are some)."""
    return (*TEXT_KEYS, *_training_text_keys()) if training else TEXT_KEYS


def _document_text_keys(document: yaml.Node) -> tuple[str, ...]:
    """:func:`text_keys` of a config file, from its YAML node before it is built: with the training arguments'
    where it has a ``training:`` mapping (given itself or by a ``<<:`` merge)."""
    todo, seen = [document], set()
    while todo:
        node = todo.pop()
        if not isinstance(node, yaml.MappingNode) or id(node) in seen:
            continue
        seen.add(id(node))
        for key, value in node.value:
            if key.tag == "tag:yaml.org,2002:merge":
                todo.extend(value.value if isinstance(value, yaml.SequenceNode) else [value])
            elif (isinstance(key, yaml.ScalarNode) and key.value == "training" and isinstance(value, yaml.MappingNode)
                  and value.value):  # (an empty one has no settings to read)
                return text_keys(training=True)
    return text_keys()


def _classes(hint: Any) -> tuple[type, ...]:
    """The classes a value of type ``hint`` may be: unions and ``Literal`` flattened, ``list[str]`` as ``list``;
    empty (anything goes) for ``Any``, an unresolved string annotation, or a union holding one."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        parts = [_classes(a) for a in args]
        return () if not all(parts) else tuple(dict.fromkeys(c for p in parts for c in p))
    if origin is typing.Literal:
        return tuple(dict.fromkeys(type(a) for a in args))
    if hint is None:
        return (type(None),)
    if isinstance(origin, type):
        return (origin,)
    return (hint,) if isinstance(hint, type) and hint not in (object, Any) else ()


def _checked_training(values: dict[str, Any]) -> dict[str, Any]:
    """``training:`` checked against ``TrainingArguments``: known arguments, each value of its field's type
    (a bool a real bool; a float field takes integers and YAML 1.1's exponent strings, which become floats)
    and in range (:data:`_TRAINING_MINIMUMS`). Raises ``ConfigError`` naming ``training.<key>``."""
    known = _training_argument_types()
    out = {}
    for key, value in values.items():
        where = f"training.{key}"
        if key == "output_dir":
            raise ConfigError(f"{where}: arapol saves checkpoints in output_dir/checkpoints; set output_dir instead")
        if key in _DECIDED_BY_ARAPOL:
            raise ConfigError(f"{where}: {_DECIDED_BY_ARAPOL[key]}")
        if SECRET_SETTING.search(key):
            raise ConfigError(f"{where}: a credential does not belong in a config file (the Trainer pickles its "
                              "arguments into every checkpoint's training_args.bin); log in with `hf auth login` or "
                              "set HF_TOKEN, and publish with `arapol push`")
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            raise ConfigError(f"{where}: not an argument of transformers.TrainingArguments"
                              + (f" (did you mean {close[0]!r}?)" if close else ""))
        kinds = known[key]
        if isinstance(value, str) and float in kinds and str not in kinds and _FLOAT.fullmatch(value.strip()):
            value = float(value)  # YAML 1.1 reads 3e-4 (no dot) as a string
        if isinstance(value, float) and not math.isfinite(value):  # YAML's .inf and .nan
            raise ConfigError(f"{where}: expected a finite number, found {value!r}")
        if kinds and not _is_kind(value, kinds):
            names = " or ".join(dict.fromkeys(_KIND_NAMES.get(k, k.__name__) for k in kinds))
            hint = _YES_NO if isinstance(value, bool) and str in kinds else ""
            raise ConfigError(f"{where}: expected {names}, found {value!r}{hint}")
        if (isinstance(value, str) and key not in _OPEN_CHOICES
                and value not in (words := _training_argument_choices().get(key, (value,)))):
            raise ConfigError(f"{where}: expected one of {', '.join(words)}, found {value!r}")
        if key in _TRAINING_MINIMUMS and isinstance(value, (int, float)):
            low, inclusive = _TRAINING_MINIMUMS[key]
            if value < low or (value == low and not inclusive):
                noun = "an integer" if int in kinds and float not in kinds else "a number"
                raise ConfigError(f"{where}: expected {noun} {'≥' if inclusive else 'above'} {low}, found {value!r}")
        if key in _TRAINING_MAXIMUMS and isinstance(value, (int, float)):
            high, inclusive = _TRAINING_MAXIMUMS[key]
            if value > high or (value == high and not inclusive):
                raise ConfigError(f"{where}: expected a number {'≤' if inclusive else 'below'} {high}, found {value!r}")
        if key == "save_only_model" and value is True:
            raise ConfigError(f"{where}: checkpoints without the optimizer's, scheduler's and random states: a run "
                              "resumed from one (arapol resumes an interrupted run by itself) would go on as another "
                              "run; leave it out (save_total_limit keeps fewer checkpoints)")
        if key in _kwargs_fields() and isinstance(value, str):
            _check_json_object(where, value)  # (kept as written: the Trainer reads it, and resumes compare it)
        if key == "report_to":
            _check_reporters(where, value)
        if key == "ddp_backend" and isinstance(value, str):
            _check_ddp_backend(where, value)
        if key in ("seed", "data_seed") and isinstance(value, int) and value >= 2**32:
            raise ConfigError(f"{where}: expected an integer below 2**32 (numpy's seeds), found {value!r}")
        if key == "max_steps" and isinstance(value, int) and not (value == -1 or value >= 1):
            raise ConfigError(f"{where}: expected a positive integer, or -1 to train num_train_epochs, found {value!r}")
        out[key] = value
    return out


def _kwargs_fields() -> tuple[str, ...]:
    """The ``TrainingArguments`` fields of keyword arguments (``lr_scheduler_kwargs``...): a mapping, or a JSON object
    written as a string. (``deepspeed``, ``fsdp_config`` and ``accelerator_config`` also take a file's path.)"""
    from transformers import TrainingArguments

    return tuple(f for f in getattr(TrainingArguments, "_VALID_DICT_FIELDS", ()) if f.endswith("_kwargs"))


def _check_json_object(where: str, value: str) -> None:
    """A keyword-arguments field given as a string must hold a JSON object (the Trainer failed on anything else only
    once training began, with a bare ``TypeError``)."""
    try:
        parsed = json.loads(value)
    except ValueError:
        parsed = None
    if not isinstance(parsed, dict):
        raise ConfigError(f"{where}: expected a mapping (or a JSON object in a string), found {value!r}")


def _check_reporters(where: str, value: Any) -> None:
    """``report_to``: ``none``, ``all``, or integrations installed here (a missing one failed when training began,
    after the output folder was made, with a traceback)."""
    from transformers.integrations import get_available_reporting_integrations
    from transformers.integrations.integration_utils import INTEGRATION_TO_CALLBACK

    names = [value] if isinstance(value, str) else list(value) if isinstance(value, list) else []
    if any(not isinstance(n, str) for n in names):
        raise ConfigError(f"{where}: expected a name or a list of names, found {value!r}")
    for name in names:
        if name in ("none", "all"):
            continue
        if name not in INTEGRATION_TO_CALLBACK:
            raise ConfigError(f"{where}: unknown integration {name!r}: expected none, all or some of "
                              f"{sorted(INTEGRATION_TO_CALLBACK)}")
        if name not in get_available_reporting_integrations():
            raise ConfigError(f"{where}: the package of {name} is not installed here: install it, or report to "
                              "none")


def _is_kind(value: Any, kinds: tuple[type, ...]) -> bool:
    """Whether ``value`` is one of ``kinds``: a bool only where ``bool`` is, an integer also where ``float`` is."""
    if isinstance(value, bool):
        return bool in kinds
    return isinstance(value, kinds) or (isinstance(value, int) and float in kinds)


def config_from_dict(values: dict[str, Any], base_dir: str | Path = ".", where: str = "config", *,
                     saved: bool = False) -> TrainConfig:
    """Build a validated config from a mapping; relative paths resolve against ``base_dir``. ``saved``: a trained
    model's config, whose ``training:`` settings are taken as saved (checked when it trained: an earlier arapol may
    have let through what this one refuses, and an integration it reported to may be missing here)."""
    cfg: TrainConfig = _build(TrainConfig, values, where)
    base = Path(base_dir)
    for name in ("train", "dev", "test"):
        setattr(cfg.data, name, _resolve(getattr(cfg.data, name), base))
    cfg.output_dir = _resolve(cfg.output_dir, base) or cfg.output_dir
    # a folder next to the config, or a name written as a path (./base, ../models/x, ~/m): resolved like the data
    # paths, never looked up in the current folder instead (a resume elsewhere would take another base)
    written_as_path = cfg.base_model.startswith((".", "~", "/")) or cfg.base_model.count("/") > 1
    if not cfg.base_model.startswith("offline:") and (written_as_path or (base / cfg.base_model).exists()):
        cfg.base_model = _resolve(cfg.base_model, base) or cfg.base_model
    elif not saved and Path(cfg.base_model).is_dir():  # an id such as org/name that is a folder here alone
        raise ConfigError(f"{where}: base_model: {cfg.base_model!r} is a folder in the current folder ({Path.cwd()}) "
                          f"but not beside the config ({base.resolve()}), where relative paths resolve; loading it "
                          "would depend on where arapol runs. Write its path from the config's folder (./…, ../…) or "
                          "an absolute one, or move the folder away to load the hub model of that name")
    try:
        return validate(cfg, training=not saved)
    except ConfigError as exc:
        raise ConfigError(f"{where}: {exc}") from None


class Replace(dict):
    """An override's mapping that replaces the config's mapping at its place (``--set data.label_map={}``),
    where a plain one is merged into it key by key."""


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and not isinstance(value, Replace) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = _plain(value)
    return out


def _plain(value: Any) -> Any:
    """``value`` with every :class:`Replace` in it a plain dict (what YAML can save)."""
    return {k: _plain(v) for k, v in value.items()} if isinstance(value, dict) else value


def load_config(path: str | Path, overrides: dict[str, Any] | None = None, *, saved: bool = False,
                overrides_named: str = "the overrides") -> TrainConfig:
    """Load a YAML config (safe types, no key twice); ``overrides`` (nested dicts) are merged in before validation.
    Relative paths resolve against the config file's folder, in ``overrides`` as in the file: pass absolute paths
    for others (``arapol train --set`` makes its paths absolute from the working directory first). ``saved``: a
    model's ``training_config.yaml`` (:func:`config_from_dict`). ``overrides_named``: what an error the overrides
    brought calls them (``arapol train``: "the overrides (--set)")."""
    p = Path(path)
    try:
        raw = p.read_bytes()
        # (a model's saved config wrote its text quoted, and its training: settings are not checked)
        values = load_yaml(raw.decode("utf-8"), as_text=text_keys() if saved else _document_text_keys) or {}
    except OSError as exc:
        raise ConfigError(f"{p}: cannot read config: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        from .data.io import line_at, undecodable

        raise ConfigError(f"{p}:{line_at(raw, exc.start)}: {undecodable(raw, exc)}") from None
    except yaml.YAMLError as exc:
        line, problem = yaml_problem(exc)
        raise ConfigError(f"{p}{'' if line is None else f':{line}'}: invalid YAML: {problem}") from exc
    if not overrides:
        return config_from_dict(values, p.parent, where=str(p), saved=saved)
    try:
        return config_from_dict(_merge(values, _overrides_as_text(overrides, str(p))), p.parent, where=str(p),
                                saved=saved)
    except ConfigError as exc:
        try:  # the file alone is fine: the problem came with the overrides, so say so
            config_from_dict(values, p.parent, where=str(p), saved=saved)
        except ConfigError:
            raise exc from None
        raise ConfigError(str(exc).replace(str(p), f"{p} with {overrides_named}", 1)) from None


def save_config(cfg: TrainConfig, path: str | Path) -> None:
    """Write the resolved config as YAML."""
    Path(path).write_text(yaml.safe_dump(cfg.to_dict(), allow_unicode=True, sort_keys=False), encoding="utf-8")


def flat_settings(data: Mapping[str, Any], whole: Collection[str] = (), prefix: str = "") -> dict[str, Any]:
    """Nested settings on one level, named down to the setting: ``{"training": {"seed": 13}}`` as
    ``{"training.seed": 13}``. The top-level keys in ``whole``, and empty mappings, stay one value each."""
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, Mapping) and value and not (not prefix and key in whole):
            flat.update(flat_settings(value, (), f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


_MISSING = object()


def changed_settings(before: Mapping[str, Any], now: Mapping[str, Any], whole: Collection[str] = ()) -> list[str]:
    """The settings (dotted names, sorted) whose values differ between two nested records of a run; one that a
    side lacks differs from every value, and a mapping is named by its settings that differ (``training.seed``
    where ``training`` was empty). ``whole``: see :func:`flat_settings`."""
    was, new = flat_settings(before, whole), flat_settings(now, whole)
    changed = {k for k in set(was) | set(new) if was.get(k, _MISSING) != new.get(k, _MISSING)}
    return sorted(k for k in changed if not any(c.startswith(k + ".") for c in changed))
