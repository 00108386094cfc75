"""Scoring a loaded model on labelled examples, in the original text's characters.

Besides the strict scores, :func:`ner_error_analysis` sorts every gold entity into one outcome
(:data:`OUTCOMES`) and counts spurious predictions, so a report can say *how* a model errs.
:func:`evaluate_path` is the library form of ``arapol evaluate``: a model folder and a data file
in, the scores out.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .checkpoint import ModelInfo
from .data import READ_AS, TASK_FORMATS, NerExample, StanceExample, guess_format
from .data.stance import OTHER_LABELS
from .errors import ArapolError, ConfigError, DataError, first_few
from .inference.decoding import TagScheme
from .inference.ner import TokenClassifier, WordPredictions, decode_entities
from .inference.stance import SequenceClassifier
from .labels import DEFAULT_TARGET, text_labels, types_of
from .metrics import ner_scores, span_tags, stance_scores, without_edge_marks

log = logging.getLogger(__name__)

Spans = Sequence[tuple[int, int, str]]

OUTCOMES: tuple[str, ...] = ("exact", "wrong_boundary", "wrong_type", "wrong_boundary_and_type", "missed")
"""What became of a gold entity. They are checked in the order listed here (the first that applies wins),
not in the tuple's order, which is the order of the report's columns:

- ``exact``: a prediction has the same start, end and type;
- ``wrong_type``: a prediction has the same start and end but another type;
- ``wrong_boundary``: a prediction of the same type overlaps it with other boundaries;
- ``wrong_boundary_and_type``: only predictions of another type and other boundaries overlap it;
- ``missed``: no prediction overlaps it.

A prediction that overlaps no gold entity is ``spurious`` (counted under its predicted type). One
prediction may account for several gold entities (two names merged into one span: each is a
``wrong_boundary``), so only ``exact`` equals seqeval's true positives.
"""

NO_ENTITY = "O"
"""The row/column of the entity confusion matrix for "no entity": missed (column) and spurious (row)."""


def predict_spans(model: TokenClassifier, texts: Sequence[str], batch_size: int = 32
                  ) -> list[list[tuple[int, int, str]]]:
    """Predicted ``(start, end, label)`` spans in each original text."""
    return decode_spans(model.scheme, model.word_probabilities(texts, batch_size), model.decoding)


def decode_spans(scheme: TagScheme, preds: Sequence[WordPredictions], decoding: str = "viterbi"
                 ) -> list[list[tuple[int, int, str]]]:
    """``(start, end, label)`` spans in the original text of each text's word probabilities, decoded as
    ``predict()`` does (:func:`~arapol.inference.ner.decode_entities`)."""
    return [[(e["start"], e["end"], e["label"]) for e in found] for found in decode_entities(scheme, preds, decoding)]


def gold_spans(examples: Sequence[NerExample]) -> list[list[tuple[int, int, str]]]:
    """The annotated ``(start, end, label)`` spans of each example."""
    return [[(s.start, s.end, s.label) for s in ex.spans] for ex in examples]


def evaluate_ner(model: TokenClassifier, examples: Sequence[NerExample], batch_size: int = 32, *,
                 analysis: bool = False, top: int = 20, label_map: Mapping[str, str] | None = None
                 ) -> dict[str, Any]:
    """Strict entity scores of ``model`` on ``examples`` (exact character spans and types).

    ``label_map``: the one the examples' types were read with, applied to the predictions too as far as
    :func:`predictions_map` says (a type it maps to ``O``, such as ``MISC=O``, is then scored on neither side). The
    result's ``absent_types`` are the model's types, as the map leaves them, that were neither annotated nor
    predicted in the examples (:func:`~arapol.metrics.ner_scores`). With ``analysis`` it also has ``"errors"``:
    :func:`ner_error_analysis` of the same predictions.
    """
    mapping = predictions_map(label_map or {})
    pred = predict_spans(model, [e.text for e in examples], batch_size)
    pred = [[(a, b, mapping.get(t, t)) for a, b, t in spans if mapping.get(t, t) != "O"] for spans in pred]
    types = [t for t in dict.fromkeys(mapping.get(t, t) for t in types_of(model.tags)) if t != "O"]
    gold = gold_spans(examples)
    out = {"n_examples": len(examples), **ner_span_scores([e.text for e in examples], gold, pred, types)}
    if analysis:
        out["errors"] = ner_error_analysis([e.text for e in examples], gold, pred, top=top,
                                           ids=[e.id or str(i + 1) for i, e in enumerate(examples)])
    return out


def ner_span_scores(texts: Sequence[str], gold: Sequence[Spans], pred: Sequence[Spans],
                    types: Sequence[str] | None = None) -> dict[str, Any]:
    """Strict seqeval scores of character spans (see :func:`arapol.metrics.span_tags`); ``types``: the model's, for
    the ``absent_types`` of :func:`~arapol.metrics.ner_scores`."""
    gold_tags, pred_tags = [], []
    for text, g, p in zip(texts, gold, pred):
        gt, pt = span_tags(text, g, p)
        gold_tags.append(gt)
        pred_tags.append(pt)
    return ner_scores(gold_tags, pred_tags, types)


def _overlap(a: tuple[int, int, str], b: tuple[int, int, str]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def _outcome(g: tuple[int, int, str], preds: Spans) -> tuple[str, tuple[int, int, str] | None]:
    """The outcome of gold entity ``g`` among the predictions of its text, and the prediction it points at."""
    hits = [p for p in preds if _overlap(g, p) > 0]
    if not hits:
        return "missed", None
    for p in hits:
        if p == g:
            return "exact", p
    for p in hits:
        if p[:2] == g[:2]:
            return "wrong_type", p
    same = [p for p in hits if p[2] == g[2]]
    best = max(same or hits, key=lambda p: (_overlap(g, p), -p[0]))
    return ("wrong_boundary" if same else "wrong_boundary_and_type"), best


def _context(text: str, start: int, end: int, width: int = 30) -> str:
    lo, hi = max(0, start - width), min(len(text), end + width)
    return ("…" if lo else "") + " ".join(text[lo:hi].split()) + ("…" if hi < len(text) else "")


def ner_error_analysis(texts: Sequence[str], gold: Sequence[Spans], pred: Sequence[Spans], *, top: int = 20,
                       ids: Sequence[str] | None = None) -> dict[str, Any]:
    """Sort each gold entity into one of :data:`OUTCOMES` and count spurious predictions, per type.

    Returns ``{"per_type": {T: {"gold", <outcomes>, "predicted", "spurious"}}, "total": {...},
    "confusion": {"labels", "matrix"}, "top_errors": [...]}``. The confusion matrix has a row per gold
    type and a column per predicted type, plus :data:`NO_ENTITY` for "none": each gold entity counts
    once (in the column of the prediction its outcome points at, or ``O`` when missed) and each
    spurious prediction once (in row ``O``). ``top_errors`` are the ``top`` most frequent errors, with
    the gold and predicted text, the first example they occur in and a snippet around it.
    """
    types: dict[str, None] = {}
    for spans in (*gold, *pred):
        for s in spans:
            types.setdefault(s[2], None)
    order = sorted(types)
    keys = ("gold", *OUTCOMES, "predicted", "spurious")
    per_type = {t: dict.fromkeys(keys, 0) for t in order}
    labels = [*order, NO_ENTITY]
    at = {lab: i for i, lab in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    errors: Counter[tuple[str, str, str, str, str]] = Counter()
    first_seen: dict[tuple[str, str, str, str, str], tuple[int, int, int]] = {}

    def note(key: tuple[str, str, str, str, str], i: int, span: tuple[int, int, str]) -> None:
        errors[key] += 1
        first_seen.setdefault(key, (i, span[0], span[1]))

    for i, (text, g_spans, p_spans) in enumerate(zip(texts, gold, pred)):
        g_spans, p_spans = without_edge_marks(text, g_spans), without_edge_marks(text, p_spans)  # as scored
        for p in p_spans:
            per_type[p[2]]["predicted"] += 1
            if not any(_overlap(g, p) > 0 for g in g_spans):
                per_type[p[2]]["spurious"] += 1
                matrix[at[NO_ENTITY]][at[p[2]]] += 1
                note(("spurious", "", "", text[p[0]:p[1]], p[2]), i, p)
        for g in g_spans:
            kind, p = _outcome(g, p_spans)
            row = per_type[g[2]]
            row["gold"] += 1
            row[kind] += 1
            matrix[at[g[2]]][at[p[2]] if p else at[NO_ENTITY]] += 1
            if kind != "exact":
                note((kind, text[g[0]:g[1]], g[2], text[p[0]:p[1]] if p else "", p[2] if p else ""), i,
                     (min(g[0], p[0]), max(g[1], p[1]), "") if p else g)
    total = {k: sum(row[k] for row in per_type.values()) for k in keys}
    top_errors = []
    for key, count in errors.most_common(top):
        kind, g_text, g_label, p_text, p_label = key
        i, s, e = first_seen[key]
        top_errors.append({"error": kind, "count": count, "gold_text": g_text, "gold_label": g_label,
                           "pred_text": p_text, "pred_label": p_label,
                           "example": ids[i] if ids is not None else str(i + 1),
                           "context": _context(texts[i], s, e)})
    return {"per_type": per_type, "total": total, "confusion": {"labels": labels, "matrix": matrix},
            "top_errors": top_errors}


def stance_probabilities(model: SequenceClassifier, examples: Sequence[StanceExample], batch_size: int = 32
                         ) -> np.ndarray:
    """``[len(examples), n_labels]``: each example's stance probabilities toward its own target (NaN rows for texts
    blank once normalised)."""
    by_target: dict[str, list[int]] = defaultdict(list)
    for i, ex in enumerate(examples):
        by_target[ex.target].append(i)
    probs = np.full((len(examples), len(model.labels)), np.nan, dtype=np.float32)
    for target, idx in by_target.items():
        try:
            probs[idx] = model.probabilities([examples[i].text for i in idx], target, batch_size)
        except ArapolError as exc:
            first = examples[idx[0]]
            raise DataError(f"the target of this example cannot be read: {exc}", source=first.source or None,
                            line=first.line) from exc
    return probs


def evaluate_stance(model: SequenceClassifier, examples: Sequence[StanceExample], batch_size: int = 32,
                    probs: np.ndarray | None = None, label_map: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Stance scores of ``model`` on ``examples`` (each toward its own target); ``probs``: their probabilities
    when already at hand (:func:`stance_probabilities`, perhaps adjusted). ``label_map``: the one the examples'
    labels were read with, applied to the predictions too as far as :func:`predictions_map` says (as for NER)."""
    if probs is None:
        probs = stance_probabilities(model, examples, batch_size)
    mapping = predictions_map(label_map or {})
    # a text blank once normalised has no prediction: "" counts as wrong
    pred = [mapping.get(res["label"], res["label"]) if res is not None else "" for res in model.as_dicts(probs)]
    return {"n_examples": len(examples), **stance_scores([e.label for e in examples], pred, model.labels)}


def predictions_map(label_map: Mapping[str, str]) -> dict[str, str]:
    """The part of a corpus's ``label_map`` that applies to a model's predictions: a label the map also maps onto is
    the model's own and stays itself. With ``{LOC: O, ORG: LOC}`` (the corpus's LOC dropped, its ORG read as LOC) a
    predicted LOC is the model's LOC, not one to drop; with ``{MISC: O}`` a predicted MISC is dropped, as the
    corpus's are; with ``{GPE: LOC}`` a model's GPE is read as LOC."""
    onto = set(label_map.values())
    return {k: v for k, v in label_map.items() if k not in onto}


def parse_label_map(items: str | Sequence[str] | Mapping[str | int, str] | None) -> dict[str, str]:
    """A label mapping from corpus names (``anercorp``, ``mawqif``, ``ans``, ``unifiedfc``) and/or
    ``KEY=VALUE`` pairs (comma-separated or repeated); a mapping passes through, its integer keys as the text they
    are written as (:func:`arapol.labels.text_label_map`)."""
    from .labels import CORPUS_LABEL_MAPS, text_label_map

    if items is None:
        return {}
    if isinstance(items, Mapping):
        return text_label_map(items)
    out: dict[str, str] = {}
    for item in [items] if isinstance(items, str) else items:
        for part in (p.strip() for p in item.split(",")):
            if not part:
                continue
            key, sep, value = part.partition("=")
            if sep:
                if not key.strip() or not value.strip():
                    raise ConfigError(f"label map: {part!r} is not KEY=VALUE")
                out[key.strip()] = value.strip()
            elif part.lower() in CORPUS_LABEL_MAPS:
                out.update(CORPUS_LABEL_MAPS[part.lower()])
            else:
                raise ConfigError(f"label map: {part!r} is neither KEY=VALUE nor a known corpus "
                                  f"({', '.join(sorted(CORPUS_LABEL_MAPS))})")
    return out


def pick_task_folder(model: str | Path, task: str | None = None) -> tuple[str, Path]:
    """The task and single-task folder to use in ``model`` (a model folder or a bundle of them)."""
    from .checkpoint import task_folders

    folders = task_folders(model)
    if task is not None:
        if task not in folders:
            raise ArapolError(f"{model}: no {task} model here (found: {', '.join(sorted(folders)) or 'none'})")
        return task, folders[task]
    if len(folders) != 1:
        raise ArapolError(f"{model}: holds {' and '.join(sorted(folders))} models; choose one with --task")
    return next(iter(folders.items()))


def _hint(exc: DataError, label_map: Mapping[str, str], fmt: str, fmt_source: str | None = None) -> DataError:
    """Say a data error in ``arapol evaluate``'s options, not training's, which it has no config for: a stance label
    none of the model's is mapped onto them with ``--label-map RAW=MODEL_LABEL`` (not the config's ``labels`` or
    ``data.label_map``); ``--label-map CORPUS`` is added when a known corpus mapping covers an unknown label,
    ``--repair-iob`` for orphan ``I-`` tags, ``--label-map PERSON=PER`` for one after a tag of another name; the
    format ``fmt`` a file was read in, against the one its name says, is ``fmt= / --format``'s (not ``data.format``),
    or ``fmt_source``'s where that chose it, which ``--format`` overrides."""
    from .labels import CORPUS_LABEL_MAPS

    reason = exc.reason.replace(OTHER_LABELS, "map them onto these with --label-map RAW=MODEL_LABEL, pairs "
                                              "comma-separated; in Python label_map={RAW: MODEL_LABEL}")
    reason = reason.replace(READ_AS.format(fmt), f"read as {fmt}, {fmt_source}, which --format overrides," if fmt_source
                            else f"read as {fmt} by fmt= / --format,")
    reason = re.sub(r"give data\.label_map \{(.+?): (.+?)\}", r"give --label-map \1=\2", reason)  # (an orphan tag)
    reason = reason.replace(" by data.label_map)", " by --label-map)")
    names = [name for name, m in CORPUS_LABEL_MAPS.items() if any(repr(k) in reason for k in m)]
    if names and not label_map:
        reason += f" (a corpus label mapping covers it: --label-map {' or '.join(names)})"
    elif "repair_iob" in reason:
        reason += " (with arapol evaluate: --repair-iob)"
    elif reason == exc.reason:
        return exc
    return DataError(reason, source=exc.source, line=exc.line)


def load_examples(path: str | Path, task: str, *, fmt: str | None = None,
                  label_map: str | Sequence[str] | Mapping[str | int, str] | None = None, repair_iob: bool = False,
                  labels: Sequence[str | int] | None = None, target: str = DEFAULT_TARGET,
                  text_column: str = "text", target_column: str | None = "target", label_column: str | None = None,
                  targets: Sequence[str] = (), join_sentences: int = 1, fmt_source: str | None = None) -> list[Any]:
    """Read a labelled file with the readers of :mod:`arapol.data`, the label mapping applied.

    ``labels`` are the stance labels accepted, an integer as the text it is written as, as ``label_map``'s integer
    keys are (NER types are checked by :func:`evaluate_path`);
    ``target`` is the stance target of records that name none (``""``: such a record is a ``DataError``);
    ``fmt_source`` says what chose ``fmt`` where the caller did not (``arapol evaluate MODEL test``: the data.format
    of the model's training config), for an error to name.
    """
    from .config import DataConfig, TrainConfig, validate
    from .data import load_split

    mapping = parse_label_map(label_map)
    read_as = fmt or guess_format(path, task)
    if task in TASK_FORMATS and read_as not in TASK_FORMATS[task]:
        how = "as asked" if fmt else "the format its name says"
        raise DataError(f"read as {read_as} ({how}), which is not a {task} format: a {task} file is one of "
                        f"{', '.join(TASK_FORMATS[task])} (fmt= / --format)", source=str(path))
    data = DataConfig(train=str(path), format=read_as, label_map=mapping,
                      repair_iob=repair_iob, text_column=text_column, target_column=target_column or None,
                      label_column=label_column, targets=list(targets), join_sentences=join_sentences)
    cfg = validate(TrainConfig(task=task, data=data, labels=text_labels(labels) or [] if task == "stance" else [],
                               target=target), training=False)  # (an NER model's saved target: not read, as before)
    try:
        return load_split(path, cfg)
    except DataError as exc:
        raise _hint(exc, mapping, read_as, fmt_source) from exc


def training_data(folder: str | Path) -> dict[str, Any]:
    """The ``data`` section of the config the model in ``folder`` was trained with (``training_config.yaml``), else
    an empty dict."""
    import yaml

    from .checkpoint import CONFIG_FILE

    path = Path(folder) / CONFIG_FILE
    try:
        cfg = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None
    except (OSError, yaml.YAMLError):
        return {}
    data = cfg.get("data") if isinstance(cfg, dict) else None
    return data if isinstance(data, dict) else {}


DEFAULT_COLUMNS = {"text_column": "text", "target_column": "target", "label_column": None}
"""The stance columns a data file is read by when neither the options nor the model's training config name others
(the label's: ``stance`` in a CSV, ``label`` in JSONL)."""


def trained_columns(task: str, folder: str | Path) -> dict[str, str | None]:
    """The stance columns the model in ``folder`` was trained on (its ``training_config.yaml``), where they are not
    :data:`DEFAULT_COLUMNS` (a label column ``stance``, the CSV default that older configs saved for JSONL too, is
    left to the file's format); the defaults for the rest, and for an NER model. A model trained with
    ``target_column: null`` read every record toward its target: its target column is ``None``."""
    from .data import CSV_LABEL

    trained = training_data(folder) if task == "stance" else {}
    columns = {k: v if isinstance(v := trained.get(k), str) and v and v != CSV_LABEL else default
               for k, default in DEFAULT_COLUMNS.items()}
    if "target_column" in trained and trained["target_column"] is None:
        columns["target_column"] = None
    return columns


def text_only_targets(info: Any, folder: str | Path | None) -> list[str] | None:
    """The targets a text-only model (``text_only: true``) was trained on, which its records and examples may name:
    one of another (لقاح كورونا under a ceasefire model) is read as if it were one of them. Those its training
    recorded (:attr:`~arapol.checkpoint.ModelInfo.text_only_targets`: Mawqif's three); for a model saved before, its
    ``target`` where its training config read no target column (``target_column: null``), else ``None``: it may have
    been trained on several, and no record's target is checked."""
    recorded = getattr(info, "text_only_targets", None)
    if recorded is not None:
        return list(recorded)
    if folder is not None and trained_columns("stance", folder)["target_column"] is not None:
        return None
    return [info.target]


def training_label_map(folder: str | Path) -> dict[str, str]:
    """The label map the model in ``folder`` was trained with (``training_config.yaml``), else none."""
    mapping = training_data(folder).get("label_map")
    return {str(k): str(v) for k, v in mapping.items()} if isinstance(mapping, dict) else {}


def _default_target(info: ModelInfo) -> str:
    """The target ``predict()`` reads a record without one toward: the model's default; ``""`` where it has none
    (it learned several targets, none of them its saved one), so that such a record is refused as ``predict()``
    refuses it. A text-only model reads no target at all."""
    return info.target if info.text_only else info.default_target or ""


def _warn_other_targets(examples: Sequence[StanceExample], info: ModelInfo, folder: Path, data: str | Path
                        ) -> None:
    """Warn where a text-only model (``text_only: true``, which reads the text alone) is scored on examples whose
    target is none of those it was trained on (:func:`text_only_targets`): their gold stances are toward another
    target (a Covid-vaccine record's ``against`` scored against a ceasefire model's reading); where they are not
    recorded, those toward another than its saved target are said, as maybe so. A target spelled otherwise is the
    same (وقف اطلاق النار for وقف إطلاق النار)."""
    from .actors.aliases import normalise_key

    recorded = text_only_targets(info, folder)  # (None: saved before they were recorded, with a target column)
    known = recorded or [info.target]
    keys = {normalise_key(t) for t in known}
    other = [e for e in examples if normalise_key(e.target) not in keys]
    if not other:
        return
    shown = ", ".join(repr(t) for t in list(dict.fromkeys(e.target for e in other))[:3])
    if recorded is None:
        log.warning("%s: %d of the %d examples (the first on line %s) are labelled toward a stance target (%s) other "
                    "than %r, this model's saved target: it reads the text alone (text_only: true), and which targets "
                    "it was trained on is not recorded (saved by an earlier arapol); if %r alone, their gold labels "
                    "are scored against its stance toward it, and --targets %r (in Python: targets=[%r]) keeps that "
                    "target's examples", data, len(other), len(examples), other[0].line, shown, info.target,
                    info.target, info.target, info.target)
    elif len(known) == 1:
        log.warning("%s: %d of the %d examples (the first on line %s) are labelled toward another stance target (%s) "
                    "than %r, the one this model was trained toward: it reads the text alone (text_only: true), so "
                    "their gold labels are scored against its stance toward %r; --targets %r (in Python: "
                    "targets=[%r]) keeps that target's examples", data, len(other), len(examples), other[0].line,
                    shown, known[0], known[0], known[0], known[0])
    else:
        log.warning("%s: %d of the %d examples (the first on line %s) are labelled toward a stance target (%s) none of "
                    "the %d this model was trained on (%s): it reads the text alone (text_only: true), so their gold "
                    "labels are scored against its stance toward those; --targets (in Python: targets=[...]) keeps "
                    "their examples", data, len(other), len(examples), other[0].line, shown, len(known),
                    first_few([repr(t) for t in known]))


def evaluate_path(model: str | Path, data: str | Path, *, task: str | None = None, fmt: str | None = None,
                  label_map: str | Sequence[str] | Mapping[str | int, str] | None = None, repair_iob: bool = False,
                  target: str | None = None, text_column: str = "text", target_column: str | None = "target",
                  label_column: str | None = None, targets: Sequence[str] = (), join_sentences: int = 1,
                  batch_size: int = 32, device: str = "auto", top: int = 20,
                  examples: Sequence[NerExample] | Sequence[StanceExample] | None = None,
                  carved: str | None = None, fmt_source: str | None = None) -> dict[str, Any]:
    """Evaluate the model folder ``model`` on the labelled file ``data``: what ``arapol evaluate`` does.

    NER gets strict scores and the error analysis; stance gets accuracy, macro-F1, per-class scores
    and the confusion matrix. The result also names the model, the data and how it was read.
    ``label_map`` defaults to the one the model was trained with (a corpus name or ``KEY=VALUE``
    pairs replace it; ``{}`` applies none); ``fmt`` to the one the file's extension suggests. ``targets``
    (stance) keeps the examples of those targets; ``join_sentences`` (NER) joins that many consecutive
    sentences of a document into one text, as the training options ``data.targets``/``data.join_sentences`` do.
    ``examples`` already read from ``data`` are scored as given (``carved``: how they were drawn from it, for the
    report), the reading options then only described. ``fmt_source``: what chose ``fmt``, where not the caller
    (:func:`load_examples`).
    """
    from .checkpoint import read_info
    from .inference.backend import resolve_device
    from .version import __version__

    task, folder = pick_task_folder(model, task)
    info = read_info(folder)
    mapping = parse_label_map(label_map) if label_map is not None else training_label_map(folder)
    if examples is None:
        examples = load_examples(data, task, fmt=fmt, label_map=mapping, repair_iob=repair_iob,
                                 labels=info.labels if task == "stance" else None,
                                 target=target or _default_target(info), text_column=text_column,
                                 target_column=target_column, label_column=label_column, targets=targets,
                                 join_sentences=join_sentences, fmt_source=fmt_source)
        if task == "stance" and info.text_only:
            _warn_other_targets(examples, info, folder, data)
    dev = resolve_device(device)
    head: dict[str, Any] = {"task": task, "model": str(folder), "data": str(data),
                            "format": fmt or guess_format(data, task),
                            "label_map": mapping, "arapol_version": __version__}
    if carved:
        head["carved"] = carved
    if targets:
        head["targets"] = list(targets)
    if join_sentences > 1:
        head["join_sentences"] = join_sentences
    if task == "ner":
        known = types_of(info.labels)
        unknown = sorted({s.label for ex in examples for s in ex.spans} - set(known))
        if unknown:
            first = next(ex for ex in examples if any(s.label in unknown for s in ex.spans))
            raise DataError(f"entity types {unknown} (the first on this line) are not among the model's {known}: map "
                            "them with --label-map (a corpus name such as anercorp, or KEY=VALUE pairs)",
                            source=str(data), line=first.line_of(unknown))
        scores = evaluate_ner(TokenClassifier(folder, dev), examples, batch_size, analysis=True, top=top,
                              label_map=mapping)
    else:
        scores = evaluate_stance(SequenceClassifier(folder, dev), examples, batch_size, label_map=mapping)
    return {**head, **scores}
