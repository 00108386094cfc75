"""arapol: Arabic political NER and stance — fine-tune encoders, predict with exact character spans."""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ArapolError, ConfigError, DataError, ModelError, UnseenTargetWarning
from .version import __version__

if TYPE_CHECKING:
    from .predictor import Predictor

__all__ = [
    "ActorTableWarning", "ArapolError", "ConfigError", "DataError", "ModelError", "Predictor", "UndatedTitleWarning",
    "UnseenTargetWarning",
    "__version__", "load", "load_base", "predict",
]


def load(*paths: str | Path, device: str = "auto", dtype: str | None = None, backend: str | None = None,
         threads: int | None = None, allow_pickle: bool = False, decoding: str = "viterbi",
         revision: str | None = None) -> Predictor:
    """Load a model folder (NER, stance, or both), or one folder per task, into a :class:`Predictor`; a hub
    repository id (``ORG/NAME``) is fetched from the Hugging Face hub at ``revision`` (or found in its cache).

    ``dtype`` (``fp32``, ``bf16``, ``int8``, ``auto``) and ``backend`` (``torch``, ``onnx``) choose the mode;
    ``None`` takes the folder's saved default, else fp32 on torch; ``decoding`` (``viterbi``, ``argmax``) how
    NER picks each word's tag (see :meth:`Predictor.load`).
    """
    from .predictor import Predictor

    return Predictor.load(*paths, device=device, dtype=dtype, backend=backend, threads=threads,
                          allow_pickle=allow_pickle, decoding=decoding, revision=revision)


_CACHE_LOCK = threading.Lock()
_LOADING: dict[tuple, threading.Lock] = {}
"""A lock per model :func:`predict` has been asked for (what :func:`_cached` is called with); past
:data:`_LOADING_KEPT` of them, the idle ones are dropped (a model retrained in place is a new key each time)."""
_LOADING_KEPT = 16


@functools.lru_cache(maxsize=2)
def _cached(models: tuple[str, ...], weights: str, device: str, dtype: str | None, backend: str | None,
            threads: int | None, decoding: str, allow_pickle: bool, revision: str | None) -> Predictor:
    return load(*models, device=device, dtype=dtype, backend=backend, threads=threads, decoding=decoding,
                allow_pickle=allow_pickle, revision=revision)


def _identity(model: str | Path, dtype: str | None) -> tuple[str, str]:
    """A model folder as :func:`predict`'s cache knows it, loaded in ``dtype`` (None: its saved default): its
    absolute path (a relative one means another folder after ``os.chdir``), the files that dtype predicts from
    (:func:`~arapol.inference.loading.model_files`: weights, ``arapol.json``, for int8 the calibration) and the size
    and time of ``inference.json`` (a folder retrained, given a label bias or another default mode in place is
    another model; calibrated, another int8 model only). A hub repository id is known by its name: it is fetched
    once, when loaded."""
    from .checkpoint import file_stamp, task_folders
    from .hub import names_hub_repository
    from .inference.loading import DEFAULTS_FILE, model_files, saved_defaults

    if names_hub_repository(model):
        return str(model), ""
    folder = Path(model).expanduser().resolve()
    stamps = {task: {**model_files(sub, saved_defaults(sub).get("dtype") if dtype is None else dtype),
                     DEFAULTS_FILE: file_stamp(sub / DEFAULTS_FILE)}
              for task, sub in task_folders(folder).items()}
    return str(folder), json.dumps(stamps, sort_keys=True)


def predict(texts: str | Sequence[str], *, model: str | Path | Sequence[str | Path], device: str = "auto",
            dtype: str | None = None, backend: str | None = None, threads: int | None = None,
            decoding: str = "viterbi", allow_pickle: bool = False, revision: str | None = None, **kwargs: Any) -> Any:
    """One-line form of ``arapol.load(model, ...).predict(texts, **kwargs)``: ``model`` is a folder or hub id, or a
    list of one per task as :func:`load` takes them; ``device``, ``dtype``, ``backend``, ``threads``,
    ``decoding``, ``allow_pickle`` and ``revision`` as in :func:`load`, the others go to
    :meth:`Predictor.predict`; the loaded model is reused."""
    folders = [model] if isinstance(model, (str, Path)) else model
    if not isinstance(folders, (list, tuple)) or not folders or not all(isinstance(f, (str, Path)) for f in folders):
        raise ArapolError(f"model: a model folder, or a list of one folder per task (NER, stance), got {model!r:.80}")
    known = [_identity(f, dtype) for f in folders]
    key = (tuple(path for path, _ in known), json.dumps([stamp for _, stamp in known]), device, dtype, backend,
           threads, decoding, allow_pickle, revision)
    try:
        hash(key)
    except TypeError:  # an option of a wrong type (dtype=["fp32"]): load names it, as arapol.load(...) does
        return _cached.__wrapped__(*key).predict(texts, **kwargs)
    with _CACHE_LOCK:
        if len(_LOADING) >= _LOADING_KEPT:  # a lock dropped as another thread takes it costs at most a second load
            for idle in [k for k, lock in _LOADING.items() if not lock.locked()]:
                del _LOADING[idle]
        loading = _LOADING.setdefault(key, threading.Lock())
    with loading:  # threads asking for one model at once load it once; other models' calls go on meanwhile
        predictor = _cached(*key)
    return predictor.predict(texts, **kwargs)


def __getattr__(name: str) -> Any:
    """:class:`Predictor`, :class:`~arapol.actors.UndatedTitleWarning` and :class:`~arapol.actors.ActorTableWarning`,
    imported when first asked for: ``import arapol``, and the command line's ``--help``, do not load torch and
    transformers (about 10 s on a 2-core machine)."""
    if name == "Predictor":
        from .predictor import Predictor

        return Predictor
    if name in ("UndatedTitleWarning", "ActorTableWarning"):  # to filter them: warnings.simplefilter("ignore", ...)
        from . import actors

        return getattr(actors, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load_base(spec: str) -> str:
    """Resolve a base-model name: ``offline:multilingual-e5-small`` builds (once) and returns a local folder."""
    from .base.resolve import resolve_base_model

    return resolve_base_model(spec)
