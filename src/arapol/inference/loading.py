"""Loading a model folder safely (safetensors only, pickle only on explicit request, no remote code), the
inference defaults saved with it, and the runner that executes it in the chosen mode."""

from __future__ import annotations

import contextlib
import difflib
import json
import logging
import numbers
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
from transformers import AutoTokenizer

from ..checkpoint import (
    CALIBRATION_FILE,
    INFO_FILE,
    model_stamp,
    not_utf8,
    read_json,
    safetensors_weights,
    tokenizer_files_problem,
)
from ..errors import ArapolError, ModelError
from ..heads import load_task_model
from .backend import Runner, TorchRunner, check_mode, resolve_backend, resolve_dtype

log = logging.getLogger(__name__)

DEFAULTS_FILE = "inference.json"
"""Optional file in a model folder: ``{"dtype": "int8", "backend": "onnx"}`` — the mode used when ``load`` is not
told one."""
_DEFAULT_KEYS = ("dtype", "backend")


def _check_weights(folder: Path, allow_pickle: bool) -> bool:
    has_safetensors = bool(safetensors_weights(folder))
    if not has_safetensors and not allow_pickle:
        if any(folder.glob("*.bin")) or any(folder.glob("*.pt")):
            raise ModelError(f"{folder}: only pickle weights found; they can run code when loaded. Convert them "
                             "to safetensors, or pass allow_pickle=True if you trust the source")
        raise ModelError(f"{folder}: no model weights (model.safetensors) found")
    return has_safetensors


def check_model_config(folder: Path) -> dict[str, Any]:
    """The model folder's ``config.json``, refused when it is missing or no JSON object with a ``model_type`` and,
    where it has them, ``id2label`` and ``label2id`` mappings: transformers would fail on it with an error naming
    no file."""
    path = folder / "config.json"
    if not path.is_file():
        raise ModelError(f"{path}: missing (the model's architecture and labels): copy the model folder again")
    config = read_json(path)
    bad = ("expected a JSON object" if not isinstance(config, dict) else
           "no 'model_type'" if not isinstance(config.get("model_type"), str) else
           next((f"'{k}' is not a mapping" for k in ("id2label", "label2id")
                 if k in config and not isinstance(config[k], dict)), None))
    if bad:
        raise ModelError(f"{path}: {bad}: damaged? Copy the model folder again")
    return config


def load_tokenizer(folder: str | Path):
    """The model folder's tokenizer (no remote code), refused when its files are missing, it holds no pieces, or
    more pieces than the model has embeddings."""
    folder = Path(folder)
    rows = check_model_config(folder).get("vocab_size")
    problem = tokenizer_files_problem(folder)
    if problem is not None:
        raise ModelError(f"{folder}: {problem}; copy the file back from where the model came from")
    try:
        tokenizer = AutoTokenizer.from_pretrained(folder, trust_remote_code=False)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ModelError(f"{folder}: cannot load the tokenizer: {exc}") from exc
    if len(tokenizer) <= len(tokenizer.all_special_tokens):
        raise ModelError(f"{folder}: the tokenizer holds only its {len(tokenizer)} special tokens: damaged "
                         "tokenizer files?")
    pieces = tokenizer.backend_tokenizer.get_vocab_size(with_added_tokens=False)  # (added tokens unresized: allowed)
    if isinstance(rows, int) and pieces > rows:  # its last pieces would index past the embeddings
        raise ModelError(f"{folder}: the tokenizer's vocabulary holds {pieces} pieces, more than the {rows} rows of "
                         "the model's embeddings (config.json's vocab_size): tokenizer files from another model? "
                         "Copy the model folder again")
    return tokenizer


@contextlib.contextmanager
def held_load_report() -> Iterator[None]:
    """Hold back transformers' table of the weights a folder lacks or holds in other shapes: training a base lists
    the new head as MISSING on every run, and arapol's own checks name what matters (the head's new weights,
    weights of other shapes than config.json's). Where loading fails (a conversion error), the table explains the
    error: it is logged after all."""
    hub_logger = logging.getLogger("transformers.modeling_utils")
    held: list[logging.LogRecord] = []

    def hold(record: logging.LogRecord) -> bool:
        held.append(record)
        return False

    hub_logger.addFilter(hold)
    try:
        yield
    except BaseException:
        hub_logger.removeFilter(hold)
        for record in held:
            hub_logger.handle(record)
        raise
    finally:
        hub_logger.removeFilter(hold)


_HEADS = {"ner": ("ForTokenClassification",), "stance": ("ForSequenceClassification", "MeanPooledClassifier")}
"""The class-name endings of a trained model of each task (``config.json``'s ``architectures``)."""


def load_trained_model(folder: str | Path, task: str, *, strict: bool = False, **kwargs) -> torch.nn.Module:
    """The trained ``task`` model saved in ``folder`` (``kwargs`` go to ``from_pretrained``): refused when its
    architecture is another task's, when weights are missing from the file (a head left random) or have other
    shapes than ``config.json`` gives them. Weights the model does not use (a ``config.json`` of fewer layers than
    the file) are warned of, or refused with ``strict``."""
    from safetensors import SafetensorError
    from transformers.utils import logging as hf_logging

    folder = Path(folder)
    _check_saved_labels(folder)
    bar = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()  # transformers' "Loading weights" bar: noise around predict()'s own
    try:  # weights of other shapes are loaded (left random) to be named below, not met by a bare RuntimeError
        with held_load_report():
            model, loading = load_task_model(folder, task, output_loading_info=True, ignore_mismatched_sizes=True,
                                             **kwargs)
    except SafetensorError as exc:
        raise ModelError(f"{folder}: {_weights_named(folder)} cannot be read ({exc}): the file is truncated or "
                         "damaged; copy the model folder again (or export or train it again)") from exc
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ModelError(f"{folder}: cannot load the {task} model: {exc}") from exc
    finally:
        if bar:
            hf_logging.enable_progress_bar()
    archs = getattr(model.config, "architectures", None) or []
    if archs and not any(a.endswith(_HEADS[task]) for a in archs):
        raise ModelError(f"{folder}: config.json's architectures {archs} are not a {task} model's "
                         f"(*{' or *'.join(_HEADS[task])})")
    if loading.get("mismatched_keys"):
        shown = "; ".join(f"{key} {tuple(saved)} in the file, {tuple(wanted)} by config.json"
                          for key, saved, wanted in sorted(loading["mismatched_keys"])[:3])
        raise ModelError(f"{folder}: {_weights_named(folder)}: {len(loading['mismatched_keys'])} tensors of other "
                         f"shapes than config.json gives them ({shown}): another model's weights, or config.json "
                         "replaced? Copy the model folder again")
    if loading.get("unexpected_keys"):
        unused = sorted(loading["unexpected_keys"])
        said = (f"{folder}: {len(unused)} weights in the file that the model config.json describes does not use "
                f"(e.g. {unused[:3]}): another model's weights, or config.json edited?")
        if strict:
            raise ModelError(said)
        log.warning("%s", said)
    if loading.get("missing_keys"):
        missing = sorted(loading["missing_keys"])
        raise ModelError(f"{folder}: weights missing from the checkpoint ({len(missing)}, e.g. {missing[:3]}): "
                         f"not a trained {task} model, or damaged")
    return model


def _weights_named(folder: Path) -> str:
    """The folder's safetensors weight files by name, for a message."""
    return ", ".join(p.name for p in safetensors_weights(folder)) or "its weights"


def _check_saved_labels(folder: Path) -> None:
    """Refuse a folder whose ``config.json`` labels are not those of its ``arapol.json``, before the weights load:
    with another number of labels transformers fails on the head's shape, naming neither file."""
    if not (folder / INFO_FILE).is_file() or not (folder / "config.json").is_file():
        return
    labels = read_json(folder / INFO_FILE).get("labels")
    id2label = read_json(folder / "config.json").get("id2label")
    if isinstance(labels, list) and isinstance(id2label, dict) and (problem := label_mismatch(id2label, labels)):
        raise ModelError(f"{folder}: {problem}: config.json edited or replaced? Copy the model folder again")


def load_model_and_tokenizer(folder: str | Path, task: str, device: torch.device, allow_pickle: bool = False,
                             strict: bool = False):
    """Load the model of ``task`` and its tokenizer from ``folder`` onto ``device``, in eval mode (``strict``: see
    :func:`load_trained_model`).

    Weights must be safetensors; a pickle checkpoint (``pytorch_model.bin``) loads only with
    ``allow_pickle=True``, and then with ``weights_only=True``.
    """
    folder = Path(folder)
    has_safetensors = _check_weights(folder, allow_pickle)
    tokenizer = load_tokenizer(folder)
    model = load_trained_model(folder, task, strict=strict, use_safetensors=has_safetensors)
    return model.to(device).eval(), tokenizer


@dataclass(frozen=True)
class Mode:
    """How a model runs: ``dtype`` (fp32, bf16, int8), ``backend`` (torch, onnx), ``threads`` (None: torch's)."""

    dtype: str = "fp32"
    backend: str = "torch"
    threads: int | None = None

    @property
    def name(self) -> str:
        return self.dtype if self.backend == "torch" else f"onnx-{self.dtype}"


def saved_defaults(folder: str | Path) -> dict[str, str]:
    """The ``dtype``/``backend`` saved in ``folder``'s ``inference.json`` (empty when there is none)."""
    path = Path(folder) / DEFAULTS_FILE
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise ModelError(f"{path}: {not_utf8(exc)}") from exc
    except (OSError, json.JSONDecodeError) as exc:
        raise ModelError(f"{path}: unreadable inference defaults ({exc})") from exc
    if not isinstance(data, dict):
        raise ModelError(f"{path}: expected a JSON object like {{\"dtype\": \"int8\", \"backend\": \"onnx\"}}")
    unknown = [k for k in data if k not in _DEFAULT_KEYS]
    if unknown:  # a misspelt key would otherwise be ignored, and the model run in a mode nobody chose
        close = difflib.get_close_matches(unknown[0], _DEFAULT_KEYS, n=1)
        raise ModelError(f"{path}: unknown key {unknown[0]!r}" + (f" (did you mean {close[0]!r}?)" if close else "")
                         + "; it holds only \"dtype\" and \"backend\"")
    saved = {k: str(v) for k, v in data.items()}
    try:
        check_mode(saved.get("dtype"), saved.get("backend"))
    except ArapolError as exc:
        raise ModelError(f"{path}: {exc}") from None
    return saved


def save_defaults(folder: str | Path, *, dtype: str | None = None, backend: str | None = None) -> list[Path]:
    """Save the mode ``arapol.load(folder)`` uses when not told one (``None`` keeps what was saved): in the
    model folder, or in each task's folder of a folder holding both. Returns the files written."""
    from ..checkpoint import task_folders, write_json_atomic

    check_mode(dtype, backend)
    updated = {}
    for sub in task_folders(folder).values():
        saved = saved_defaults(sub)
        data = {**saved, **{k: v for k, v in (("dtype", dtype), ("backend", backend)) if v is not None}}
        try:  # with what was saved: checked before any write
            check_mode(data.get("dtype"), data.get("backend"))
        except ArapolError as exc:
            raise ArapolError(f"{sub / DEFAULTS_FILE} holds {saved}: with it, {exc}; give both dtype and "
                              "backend") from None
        updated[sub / DEFAULTS_FILE] = data
    for path, data in updated.items():
        try:
            write_json_atomic(path, data)
        except OSError as exc:
            raise ArapolError(f"{path}: cannot write the saved defaults there ({exc.strerror or exc}): save them in "
                              "a copy of the model, or its export, in a folder you can write to") from exc
    return list(updated)


def resolve_mode(folder: str | Path, device: torch.device, dtype: str | None, backend: str | None,
                 threads: int | None = None) -> Mode:
    """The mode for ``folder``: the arguments, else its saved defaults, else fp32 on torch; checked against
    the device. Saved CPU-only defaults (int8, onnx) do not bind a GPU: there the folder loads in fp32 on
    torch, with a warning; the same asked for as arguments is an error."""
    saved = saved_defaults(folder)
    if device.type != "cpu" and (saved.get("dtype") == "int8" or saved.get("backend") == "onnx"):
        log.warning("%s: its saved default %s runs on CPU only; loading on %s in fp32 (torch)",
                    Path(folder) / DEFAULTS_FILE, saved, device)
        saved = {}
    # None (not "" or another falsy name) means "not given": an empty name is checked, and refused, as any other
    be_name = saved.get("backend", "torch") if backend is None else backend
    dt_name = saved.get("dtype", "fp32") if dtype is None else dtype
    if be_name == "onnx" and dt_name == "auto":
        dt_name = "fp32"  # ONNX Runtime runs fp32 or int8 here: auto never means bf16 for it
    if be_name == "onnx" and dt_name == "bf16" and (backend is None) != (dtype is None):
        # the argument wins over the saved half that cannot run with it (the error blamed an option never given)
        be_name, dt_name = ("torch", dt_name) if backend is None else (be_name, "fp32")
        log.info("%s: its saved default %s cannot run with %s; running %s on %s", Path(folder) / DEFAULTS_FILE,
                 saved, f"dtype={dtype!r}" if backend is None else f"backend={backend!r}", dt_name, be_name)
    be = resolve_backend(be_name, device, dt_name)  # the dtype asked for, before a CPU without bf16 changes it
    dt = resolve_dtype(dt_name, device, be)
    if threads is not None and (not isinstance(threads, numbers.Integral) or isinstance(threads, bool) or threads < 1):
        raise ArapolError(f"threads must be a whole number ≥ 1 (or None: torch's setting), got {threads!r}")
    return Mode(dt, be, None if threads is None else int(threads))  # (numpy's integers too, as batch_size)


def model_files(folder: str | Path, dtype: str) -> dict[str, Any]:
    """The stamps of the files a model run in ``dtype`` predicts from (:func:`~arapol.checkpoint.model_stamp`): its
    int8 calibration only for ``int8``, the one dtype that reads it (torch and ONNX; an fp32 run's results are the
    same after ``arapol calibrate``), and then by what it holds (:func:`~.calibration.calibration_digest`: a
    calibration redone on the same texts is the same model; None: no calibration). A corpus run and
    ``arapol.predict``'s loaded models know a model folder by them."""
    from .calibration import calibration_digest

    stamps: dict[str, Any] = model_stamp(folder)
    if dtype != "int8":
        del stamps[CALIBRATION_FILE]
    else:
        stamps[CALIBRATION_FILE] = calibration_digest(folder)
    return stamps


def make_runner(folder: str | Path, task: str, device: torch.device, mode: Mode, allow_pickle: bool = False
                ) -> tuple[Runner, object, torch.nn.Module | None]:
    """Load ``folder`` for ``mode``: return the runner, the tokenizer and the torch model (None for ONNX)."""
    folder = Path(folder)
    if mode.backend == "onnx":
        from .onnx import OnnxRunner, find_or_export

        tokenizer = load_tokenizer(folder)  # before an export: it names a missing config.json (transformers not)
        _check_weights(folder, allow_pickle)
        path = find_or_export(folder, quantize=mode.dtype == "int8")
        return OnnxRunner(path, mode.threads), tokenizer, None
    model, tokenizer = load_model_and_tokenizer(folder, task, device, allow_pickle=allow_pickle)
    calibration = None
    if mode.dtype == "int8":
        from .calibration import REDO, read_calibration

        calibration = read_calibration(folder, model)
        if calibration is None:
            log.info("%s: no int8 calibration (%s, or an empty one): int8 runs unsmoothed, a little less close "
                     "to fp32; %s adds one", folder, CALIBRATION_FILE, REDO)
    return TorchRunner(model, device, mode.dtype, calibration), tokenizer, model


def id2label(folder: str | Path, model: torch.nn.Module | None = None,
             labels: Sequence[str] | None = None) -> dict[int, str]:
    """The model's ``id2label`` (from the loaded model, else from ``config.json``); with ``labels`` (those
    ``arapol.json`` lists), a :class:`ModelError` unless they are the same, in order (a hand-edited or replaced
    ``config.json`` would rename every prediction)."""
    if model is not None:
        names = model.config.id2label
    else:
        from transformers import AutoConfig

        try:
            names = AutoConfig.from_pretrained(Path(folder)).id2label
        except (OSError, ValueError) as exc:
            raise ModelError(f"{folder}: cannot read config.json: {exc}") from exc
    names = {int(k): v for k, v in (names or {}).items()}
    if labels is not None and (problem := label_mismatch(names, labels)):
        raise ModelError(f"{folder}: {problem}")
    return names


def label_mismatch(id2label: Mapping[Any, str], labels: Sequence[str]) -> str | None:
    """What is wrong when ``config.json``'s ``id2label`` (keys as ints or strings) is not ``labels`` in order, the
    labels ``arapol.json`` lists; ``None`` when they agree."""
    try:
        names = {int(k): v for k, v in id2label.items()}
    except (TypeError, ValueError):
        return f"config.json id2label has keys that are no label indices: {list(id2label)}"
    ordered = [names.get(i) for i in range(len(names))]
    if ordered == list(labels):
        return None
    return f"config.json id2label {ordered} does not match the labels in {INFO_FILE} {list(labels)}"
