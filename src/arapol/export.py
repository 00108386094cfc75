"""``arapol export``: a clean, self-contained model folder that stock ``transformers`` loads.

What the folder holds, and nothing else::

    model.safetensors        the weights (safetensors only)
    config.json              with id2label / label2id
    tokenizer.json, tokenizer_config.json (…)   model_max_length set to the training window
    arapol.json              task, labels, normalisation steps, window sizes: arapol's own settings
    training_config.yaml     the resolved training config, data paths shortened (no home directories)
    metrics.json             the scores the card reports
    README.md                the model card
    NOTICE                   the base model's licence notice, when it has one
    int8_calibration.safetensors   inputs' ranges for arapol's int8 mode, when the model has them
    inference.json           the mode ``arapol.load`` runs it in by default, when one was saved

``AutoModelForTokenClassification`` / ``AutoModelForSequenceClassification`` and
``transformers.pipeline`` load it as it is (a stance model trained with ``pooling: mean`` needs
:func:`arapol.heads.load_task_model`, which holds its head); ``arapol.load`` does too, with arapol's normalisation.
A folder with both tasks exports each into ``OUT/ner`` and ``OUT/stance`` (stock transformers loads
each sub-folder).
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import shutil
from pathlib import Path
from typing import Any

import yaml

from .checkpoint import (
    CALIBRATION_FILE,
    CONFIG_FILE,
    EVAL_DIR,
    INFO_FILE,
    METRICS_FILE,
    TASKS,
    ModelInfo,
    exclusive_lock,
    make_readable,
    read_info,
    read_json,
    reads_segments,
    replace_dir,
    safetensors_weights,
    save_tokenizer,
    task_folders,
    write_bundle,
    write_info,
    write_json_atomic,
)
from .errors import ModelError, first_few
from .hub import check_repo_id
from .model_card import display_path, published_settings, read_training_config, split_file, write_model_card

PICKLE_SUFFIXES = (".bin", ".pt", ".pth", ".ckpt", ".pkl", ".pickle")


def _sanitised_config(path: Path, info: ModelInfo) -> dict[str, Any] | None:
    """The training config with its paths shortened for publishing (see :func:`arapol.model_card.display_path`;
    a bundled corpus as ``data/<task>/<split>.jsonl``)."""
    cfg = read_training_config(path)
    if not cfg:
        return None
    data = cfg.get("data")
    if isinstance(data, dict):
        for key in ("train", "dev", "test"):
            if isinstance(data.get(key), str) and data[key]:
                data[key] = display_path(split_file(info, key, data[key]))
    if isinstance(cfg.get("output_dir"), str):
        cfg["output_dir"] = Path(cfg["output_dir"]).name
    if isinstance(cfg.get("base_model"), str):
        cfg["base_model"] = _published_base(cfg["base_model"])
    if isinstance(cfg.get("training"), dict):  # credentials (of a folder saved before they were left out), paths
        cfg["training"] = published_settings(cfg["training"])
    return cfg


def _published_base(base: str) -> str:
    """A base model as it may be published: a hub name or ``offline:…`` as is, a local folder by its name only."""
    return Path(base).name if Path(base).is_absolute() else base


def _sanitised_metrics(path: Path) -> dict[str, Any] | None:
    """The scores with their local paths shortened: a resumed checkpoint by its name, and the model and data of
    scores written by ``arapol evaluate ... --out MODEL`` as :func:`arapol.model_card.display_path` shows them."""
    if not path.is_file():
        return None
    metrics = read_json(path)
    train = metrics.get("train")
    if isinstance(train, dict) and train.get("resumed_from"):
        train["resumed_from"] = Path(str(train["resumed_from"])).name
    if isinstance(metrics.get("model"), str):
        metrics["model"] = Path(metrics["model"]).name
    if isinstance(metrics.get("data"), str):
        metrics["data"] = display_path(metrics["data"])
    return metrics


def _check_source(src: Path) -> None:
    """Refuse a model folder without safetensors weights or a readable ``config.json`` (transformers said only that
    the config lacked a ``model_type``, of a file that was not there), as :func:`arapol.load` does."""
    from .inference.loading import check_model_config

    check_model_config(src)
    if not safetensors_weights(src):
        pickles = sorted(p.name for p in src.iterdir() if p.suffix in PICKLE_SUFFIXES)
        if pickles:
            raise ModelError(f"{src}: only pickle weights ({', '.join(pickles)}); export writes safetensors only. "
                             "Load them once with arapol.load(..., allow_pickle=True) if you trust them, and "
                             "save_pretrained() the model as safetensors first")
        raise ModelError(f"{src}: no model weights (model.safetensors)")


def export_task(src: str | Path, dst: str | Path, *, name: str | None = None) -> Path:
    """Export the single-task model folder ``src`` into the new folder ``dst`` (which must not exist)."""
    from .inference.calibration import read_calibration
    from .inference.loading import DEFAULTS_FILE, id2label, load_tokenizer, load_trained_model, saved_defaults

    src, dst = Path(src), Path(dst)
    info = read_info(src)
    _check_source(src)
    model = load_trained_model(src, info.task, use_safetensors=True)
    tokenizer = load_tokenizer(src)
    id2label(src, model, info.labels)
    model.config.label2id = {lab: i for i, lab in enumerate(info.labels)}
    calibrated = read_calibration(src, model) is not None  # what dtype='int8' smooths with (another model's: refused)
    dst.mkdir(parents=True)
    model.save_pretrained(dst)
    save_tokenizer(tokenizer, dst, info.max_length, segments=reads_segments(info.task, model.config))
    write_info(dst, dataclasses.replace(info, base_model=_published_base(info.base_model)))
    cfg = _sanitised_config(src / CONFIG_FILE, info)
    if cfg is not None:
        (dst / CONFIG_FILE).write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    metrics = _sanitised_metrics(src / METRICS_FILE)
    if metrics is not None:
        write_json_atomic(dst / METRICS_FILE, metrics)
    if (src / "NOTICE").is_file():  # the base model's licence notice
        shutil.copyfile(src / "NOTICE", dst / "NOTICE")
    if calibrated:
        shutil.copyfile(src / CALIBRATION_FILE, dst / CALIBRATION_FILE)
    if saved_defaults(src):  # the mode the folder runs in by default (checked as it is read)
        shutil.copyfile(src / DEFAULTS_FILE, dst / DEFAULTS_FILE)
    write_model_card(dst, name=name or dst.name)
    return dst


def _not_exported(out: Path, built: Path) -> list[str]:
    """The entries of the existing folder ``out`` (recursively into task folders) that arapol writes into no exported
    model folder: another folder's files, which ``--force`` must not delete. What an exported task folder holds is
    read from the export ``built`` (a single task's, or a bundle's task folders), besides what arapol adds later
    (graphs exported on first use, saved defaults, a calibration, the base's notice, evaluation reports); ``out`` may
    be an earlier export of either shape (one task, or a bundle)."""
    from .inference.loading import DEFAULTS_FILE
    from .inference.onnx import ONNX_DIR

    written = {entry.name for folder in task_folders(built).values() for entry in folder.iterdir()}
    written |= {ONNX_DIR, DEFAULTS_FILE, CALIBRATION_FILE, "NOTICE", EVAL_DIR, INFO_FILE}

    def foreign(folder: Path, top: bool) -> list[str]:
        found = []
        for entry in sorted(folder.iterdir()):
            if top and entry.name in TASKS and entry.is_dir() and (entry / INFO_FILE).is_file():
                found += [f"{entry.name}/{name}" for name in foreign(entry, False)]
            elif entry.name not in written:
                found.append(entry.name + ("/" if entry.is_dir() else ""))
        return found

    return foreign(out, True)


def export_model(model: str | Path, out: str | Path, *, task: str | None = None, name: str | None = None,
                 overwrite: bool = False, onnx: bool = False, int8: bool = False) -> Path:
    """Export ``model`` (a model folder, or a folder with both tasks) into the clean folder ``out``.

    ``task`` picks one task of a folder with both; otherwise each task goes into ``out/<task>``.
    ``name`` is the model's name in the card (the hub repo id, say); by default ``out``'s name.
    ``onnx`` also exports each task's ONNX graph into its ``onnx/`` folder (``int8``: its int8 version too;
    needs the onnx extra). The folder is built beside ``out``, graphs included, and moved into place when
    complete; an existing ``out`` is replaced only with ``overwrite``, and stays as it was when the export fails.
    """
    if name is not None:  # the card's code loads it by this name: a hub id ORG/NAME, or a folder's plain name
        check_repo_id(name, "--name", plain=True)
    folders = {t: f.resolve() for t, f in task_folders(model).items()}  # unresolved: a hub id gets its hint
    src, out = Path(model).resolve(), Path(out).resolve()
    if task is not None:
        if task not in folders:
            raise ModelError(f"{src}: no {task} model here (found: {', '.join(sorted(folders))})")
        folders = {task: folders[task]}
    if out == src or src in out.parents or out in src.parents:
        raise ModelError(f"{out}: export into a folder outside the model folder {src}")
    out.parent.mkdir(parents=True, exist_ok=True)
    # one export at a time into ``out``: two shared the folder they build in, and one could publish the other's
    # weights under its own metadata, both saying they had succeeded
    with exclusive_lock(out.with_name(f".{out.name}.export.lock"), f"{out}: another export is writing this folder "
                        "now; wait for it to end, or export elsewhere", remove=True):
        return _export_locked(folders, out, name, overwrite, onnx, int8)


def _say_what_is_replaced(out: Path, tasks: set[str]) -> None:
    """Warn when ``--force`` replaces an export of other tasks than this one's (``arapol export stance OUT --force``
    over an NER export): the folder's name, or code that loads it, may still say it holds those."""
    if not (out / INFO_FILE).is_file():
        return
    with contextlib.suppress(ModelError):
        held = set(task_folders(out))
        if held != tasks:
            logging.getLogger(__name__).warning("%s held a model of %s; it now holds one of %s (--force)", out,
                                                " and ".join(sorted(held)), " and ".join(sorted(tasks)))


def _export_locked(folders: dict[str, Path], out: Path, name: str | None, overwrite: bool, onnx: bool,
                   int8: bool) -> Path:
    """:func:`export_model` once ``out`` is this run's to write."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        if not overwrite:
            raise ModelError(f"{out} exists: choose another folder, or pass --force (overwrite=True) to replace it")
        if not out.is_dir() or not (out / INFO_FILE).is_file():  # an export or a model folder holds arapol.json
            held = sorted(p.name for p in out.iterdir())[:3] if out.is_dir() else []
            raise ModelError(f"{out} is not an arapol model folder (no {INFO_FILE}"
                             + (f"; it holds {', '.join(held)}…" if held else "") + "): --force replaces only an "
                             "earlier export or model folder; choose another folder, or empty it yourself")
    tmp = out.with_name(f".{out.name}.export-tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        if len(folders) == 1:
            (only,) = folders.values()
            export_task(only, tmp, name=name or out.name)
        else:
            tmp.mkdir()
            for t, folder in folders.items():
                export_task(folder, tmp / t, name=f"{name or out.name}-{t}")
            write_bundle(tmp, {t: t for t in folders})
        if onnx:
            from .inference.onnx import LOCK_FILE, export_onnx_all

            export_onnx_all(tmp, quantize=int8)
            for lock in tmp.rglob(LOCK_FILE):  # (no other process writes in this run's own folder)
                lock.unlink()
        make_readable(tmp)  # save_pretrained and mkstemp leave some files 0600
        if out.is_dir() and (foreign := _not_exported(out, tmp)):
            raise ModelError(f"{out} holds what an export does not write ({first_few(foreign)}): --force replaces "
                             "only an earlier export (a training folder's checkpoints, reports and your own files "
                             "would be lost); choose another folder, or remove them yourself")
        _say_what_is_replaced(out, set(folders))
        replace_dir(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out
