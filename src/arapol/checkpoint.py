"""The checkpoint folder: ``arapol.json`` beside a Hugging Face model, and atomic writes."""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import math
import os
import shutil
import tempfile
from collections.abc import Collection, Iterator, Sequence
from dataclasses import asdict, dataclass, field, fields
from functools import cached_property
from pathlib import Path
from typing import IO, Any

from .alignment import CLITIC_RULES
from .errors import ModelError
from .text import STEPS
from .version import __version__

INFO_FILE = "arapol.json"
MODEL_WEIGHTS = "model.safetensors"
CONFIG_FILE = "training_config.yaml"
METRICS_FILE = "metrics.json"
CALIBRATION_FILE = "int8_calibration.safetensors"
"""int8 calibration saved beside the weights (see :mod:`arapol.inference.calibration`); safetensors, not weights."""
EVAL_DIR = "eval"
"""Where ``arapol evaluate`` writes a model's reports, inside its folder (``eval/<split or data file>/``)."""
CALIBRATION_TEXTS = 512
"""Texts :func:`~arapol.inference.calibration.calibrate` runs at most (spread evenly over those it is given). More
is better: on the bundled NER model, int8's entity agreement with fp32 was 0.985 calibrated on 192 of the 383
training texts and 0.993 on all of them."""
TOKENIZER_CONFIG = "tokenizer_config.json"
"""Which tokenizer class a folder's tokenizer files are read with, and its settings: without it transformers builds
another class (a BERT tokenizer that splits Arabic words into letters), and predictions change without a word."""
TOKENIZER_FILES = ("tokenizer.json", "vocab.txt", "sentencepiece.bpe.model", "spiece.model", "vocab.json")
"""A model folder's tokenizer needs one of these (without any, transformers builds an empty tokenizer that reads
every word as unknown)."""
FAST_TOKENIZER = "tokenizer.json"
"""The file a tokenizer saved by the ``tokenizers`` backend (every one arapol saves) is read from."""
TOPIC_EXAMPLES = 10
"""Training examples a stance target, on average, from which a model's targets are topics, not claims
(:attr:`ModelInfo.reads_claims`)."""


@dataclass
class ModelInfo:
    """What arapol needs beyond ``config.json`` to run a model as it was trained."""

    task: str
    labels: list[str]
    normalise: list[str]
    max_length: int
    stride: int
    split_clitics: bool = True
    clitic_rule: str = "pieces"
    base_model: str = ""
    target: str = ""
    text_only: bool = False
    input_prefix: str = ""
    label_scheme: str = "IOB2"
    version: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    label_bias: dict[str, float] = field(default_factory=dict)
    """Stance: offsets added to each label's log-probability at prediction (see :mod:`.inference.label_bias`)."""

    @property
    def learned_targets(self) -> dict[str, int]:
        """Stance: the targets the model learned, with their training examples, most frequent first (``extra``'s
        ``train_targets``, recorded by training since 2026-12; empty for models saved before, and text-only ones)."""
        got = self.extra.get("train_targets")
        return {str(k): int(v) for k, v in got.items()} if isinstance(got, dict) else {}

    @property
    def text_only_targets(self) -> dict[str, int] | None:
        """Text-only stance: the targets of its training examples, with their counts, most frequent first (``extra``'s
        ``text_only_targets``, recorded by training since 2026-12: Mawqif's three for a model trained text-only on
        them); ``None`` for a model saved before, which may have been trained on several, and other models."""
        got = self.extra.get("text_only_targets")
        return {str(k): int(v) for k, v in got.items()} if isinstance(got, dict) and got else None  # ({}: none known)

    @property
    def reads_claims(self) -> bool:
        """Stance: whether the targets it learned are claims rather than topics: under :data:`TOPIC_EXAMPLES`
        training examples a target on average (ANS and UnifiedFC give a few a claim; Mawqif about 1,000 a topic),
        so that every target given at prediction is a new one."""
        learned = self.learned_targets
        return bool(learned) and sum(learned.values()) < TOPIC_EXAMPLES * len(learned)

    @cached_property
    def saved_target_learned(self) -> str | None:
        """Stance: the learned target (:attr:`learned_targets`) that the saved ``target`` is
        (:func:`learned_spelling`); ``None`` where it is none of them, or none are recorded. Computed once (it
        normalises every learned target: thousands for a model of claims), from ``target`` and ``extra`` as loaded,
        which nothing changes after."""
        return learned_spelling(self.target, self.learned_targets)

    @cached_property
    def default_target(self) -> str | None:
        """Stance: the target a text is read toward when none is given: ``target``, unless the model learned other
        targets: then the learned spelling of ``target`` where it learned it so (:attr:`saved_target_learned`), else
        the one it learned, if it learned one, else ``None`` (a model of Mawqif's three targets saved the config's
        default, a target it never saw). Computed once, as :attr:`saved_target_learned` is: ``predict()`` reads it
        for every call without a target."""
        return default_target_of(self.target, self.learned_targets, self.saved_target_learned)


def default_target_of(target: str, learned: Collection[str], spelled: str | None) -> str | None:
    """Stance: the target a model saved with ``target`` reads a text toward when none is given, having learned the
    targets ``learned`` (most examples first; :attr:`ModelInfo.default_target`): ``target`` where none are recorded,
    else the learned one it is (``spelled``: :func:`learned_spelling` of the two), else the one learned if one was,
    else ``None``."""
    if not learned:
        return target
    if spelled is not None:
        return spelled
    return next(iter(learned)) if len(learned) == 1 else None


def learned_spelling(target: str, learned: Collection[str]) -> str | None:
    """The one of the ``learned`` stance targets (most examples first) that ``target`` is, as learned targets are
    compared (:func:`~arapol.actors.aliases.normalise_key`: a hamza, marks, tatweel, spacing aside): ``target``
    itself where it is one of them as written, else the first spelled so (``وقف إطلاق النار`` for
    ``وقف اطلاق النار``); ``None`` where it is none of them."""
    if target in learned:
        return target
    if not learned or not target:
        return None
    from .actors.aliases import normalise_key

    key = normalise_key(target)
    return next((t for t in learned if normalise_key(t) == key), None)


def make_readable(folder: Path) -> None:
    """Give a folder built in private (temp dirs, ``mkstemp`` and some libraries write 0700/0600) the usual
    permissions, 0755 folders and 0644 files, so other users and containers can load what it holds."""
    for path in [folder, *folder.rglob("*")]:
        os.chmod(path, 0o755 if path.is_dir() else 0o644)


@contextlib.contextmanager
def atomic_writer(path: str | Path, mode: str = "w") -> Iterator[IO[Any]]:
    """A file to write ``path`` through (mode 0644): a temporary file beside it, moved into place with
    ``os.replace`` when the block ends without an error (the folder then synced, so the new name survives a power
    cut), deleted otherwise. ``mode``: ``"w"`` (UTF-8) or ``"wb"``."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o644)
        with os.fdopen(fd, mode, **({"encoding": "utf-8"} if "b" not in mode else {})) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        raise_naming(exc, path)
        raise
    sync_folder(path.parent)


def raise_naming(exc: BaseException, path: str | Path) -> None:
    """Raise ``exc`` again with ``path`` as its file name when it is an ``OSError`` that names no file (a write
    refused for a full disk says "[Errno 28] No space left on device" and nothing of which file); else return."""
    if isinstance(exc, OSError) and exc.filename is None and exc.errno is not None:
        raise OSError(exc.errno, exc.strerror, str(path)) from exc


def sync_folder(folder: Path) -> None:
    """``fsync`` a folder, making the names just written in it durable (where the file system allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # some file systems refuse to sync a folder: the rename is then as durable as they make it
        pass
    finally:
        os.close(fd)


def remove_stale_temporaries(folder: Path, names: Sequence[str]) -> None:
    """Delete the temporary files that :func:`atomic_writer` leaves beside ``folder``'s ``names`` when its process
    is killed (a kill skips its clean-up). Call it only while no other process can be writing them
    (:func:`exclusive_lock`)."""
    for name in names:
        for tmp in folder.glob(f".{name}.*.tmp"):
            tmp.unlink(missing_ok=True)


@contextlib.contextmanager
def exclusive_lock(lock: Path, busy: str | None, remove: bool = False) -> Iterator[None]:
    """Hold the file ``lock`` locked (an exclusive ``flock``) for the block; ``busy`` is the ``ArapolError`` raised
    when another process holds it (``None``: wait for it, as a second export of a model's graph waits, then finds
    the first one's). The lock goes with the process, however it ends; the empty file stays unless ``remove``
    (then every user of ``lock`` must pass it): it is deleted before it is let go, and a process that locked the
    deleted file locks the new one instead. A killed process leaves it behind, harmless."""
    import fcntl

    from .errors import ArapolError

    lock.parent.mkdir(parents=True, exist_ok=True)
    while True:
        with lock.open("a") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX if busy is None else fcntl.LOCK_EX | fcntl.LOCK_NB)
                locked = True
            except BlockingIOError:
                raise ArapolError(busy) from None
            except OSError as exc:  # a file system without locks (some network mounts): go on, unguarded, and say so
                logging.getLogger(__name__).warning("%s: cannot be locked here (%s): nothing stops a second run from "
                                                    "writing beside this one", lock, exc.strerror)
                locked = False
            if locked and remove and not _still_there(lock, fh.fileno()):
                continue  # the run before ours deleted it as it ended: lock the file now at that name
            try:
                yield
            finally:
                if remove:
                    lock.unlink(missing_ok=True)
            return


def _still_there(path: Path, fd: int) -> bool:
    """Whether ``path`` still names the file open as ``fd``."""
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except FileNotFoundError:
        return False


def json_text(data: Any, indent: int | None = None) -> str:
    """``data`` as JSON: UTF-8 text as it is, except where it holds a lone surrogate (valid in a Python string and in
    JSON, not in UTF-8: a cut emoji, or a file name that is not UTF-8, which Python reads with surrogate escapes),
    then written with ASCII escapes so that it reads back exactly."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(data, indent=indent)
    return text


def write_json_atomic(path: str | Path, data: Any) -> None:
    """Write JSON to ``path`` (mode 0644) through a temporary file and ``os.replace`` (:func:`json_text`)."""
    with atomic_writer(path) as fh:
        fh.write(json_text(data, indent=2) + "\n")


_NEWER_FIELDS = {"input_prefix": "", "clitic_rule": "pieces", "label_bias": {}}
"""``ModelInfo`` fields added since 0.1.0, with the value that means what 0.1.0 did: written only when they
differ from it, so that arapol 0.1.0 reads every model it can run (and refuses the others, by the unknown key)."""


def write_info(folder: str | Path, info: ModelInfo) -> None:
    """Save ``arapol.json`` into a model folder."""
    data = {k: v for k, v in asdict(info).items() if k not in _NEWER_FIELDS or v != _NEWER_FIELDS[k]}
    write_json_atomic(Path(folder) / INFO_FILE, {"kind": "model", **data})


def reads_segments(task: str, config: Any) -> bool:
    """Whether a model of ``task`` with this ``config`` reads segment ids: a stance model (target, text pairs) whose
    encoder has segment embeddings."""
    return task == "stance" and getattr(config, "type_vocab_size", 0) > 1


def save_tokenizer(tokenizer: Any, folder: str | Path, max_length: int, segments: bool = False) -> None:
    """Save ``tokenizer`` into a model folder as stock callers should find it: ``model_max_length`` the training
    window (the stock pipeline truncates there instead of failing past the position table), no truncation
    or padding state left over from building features, and with ``segments`` (a stance model reading (target, text)
    pairs with segment embeddings) ``token_type_ids`` among the inputs it makes, as arapol feeds them: without
    them the stock pipeline fed zeros and disagreed with arapol."""
    tokenizer.model_max_length = max_length
    backend = getattr(tokenizer, "backend_tokenizer", None)
    if backend is not None:
        backend.no_truncation()
        backend.no_padding()
    for key in ("max_length", "stride", "truncation_strategy", "padding_strategy", "pad_to_multiple_of"):
        getattr(tokenizer, "init_kwargs", {}).pop(key, None)
    tokenizer.save_pretrained(folder)
    path = Path(folder) / TOKENIZER_CONFIG
    saved = read_json(path)
    fixed = {k: v for k, v in saved.items() if k not in ("is_local", "local_files_only")}  # left from loading
    names = list(fixed.get("model_input_names") or tokenizer.model_input_names)
    if segments and "token_type_ids" not in names:
        fixed["model_input_names"] = [*names[:1], "token_type_ids", *names[1:]]
    if fixed.get("tokenizer_class") == "TokenizersBackend":  # transformers 5's generic class, unknown to 4.x;
        fixed["tokenizer_class"] = "PreTrainedTokenizerFast"  # both read tokenizer.json by this name, to the same ids
    if fixed != saved:
        write_json_atomic(path, fixed)


def tokenizer_files_problem(folder: Path) -> str | None:
    """What keeps ``folder``'s tokenizer from loading as it was saved (no tokenizer files, no
    ``tokenizer_config.json``, or no ``tokenizer.json`` where that config says it was saved as one), else None."""
    if not any((folder / name).is_file() for name in TOKENIZER_FILES):
        return f"no tokenizer files (expected one of {list(TOKENIZER_FILES)})"
    config = folder / TOKENIZER_CONFIG
    if not config.is_file():
        return (f"no {TOKENIZER_CONFIG}: without it transformers reads the tokenizer files as another tokenizer, and "
                "predictions change")
    if not (folder / FAST_TOKENIZER).is_file() and read_json(config).get("backend") == "tokenizers":
        # transformers then rebuilds a tokenizer from vocab.txt with its class's defaults (a BERT tokenizer that strips
        # the hamza from أكدت), and predictions change without a word
        return (f"no {FAST_TOKENIZER}, which its {TOKENIZER_CONFIG} says the tokenizer was saved as (backend: "
                "tokenizers): read from the other files, it splits words otherwise, and predictions change")
    return None


_INTACT: set[tuple[str, int, int, str]] = set()
"""The files whose sha256 this process has checked: path, size, modification time (ns), hash."""


def file_intact(path: Path, digest: str) -> bool:
    """Whether ``path`` has the sha256 ``digest`` (checked once per process while its size and time stay the
    same); a missing file raises ``OSError``."""
    st = path.stat()
    key = (str(path.resolve()), st.st_size, st.st_mtime_ns, digest)
    if key not in _INTACT:
        if sha256_of([path]) != digest:
            return False
        _INTACT.add(key)
    return True


def file_digests(folder: Path, skip: Sequence[str] = ()) -> dict[str, str]:
    """The sha256 of each file of ``folder`` (not its sub-folders) but ``skip``, by name: a build's record of its
    files, which :func:`files_intact` checks."""
    return {p.name: sha256_of([p]) for p in sorted(folder.iterdir()) if p.is_file() and p.name not in skip}


def files_intact(folder: Path, digests: dict[str, Any]) -> bool:
    """Whether every file :func:`file_digests` recorded in ``folder`` is there with its sha256 (a missing file
    raises ``OSError``)."""
    return all(isinstance(d, str) and file_intact(folder / name, d) for name, d in digests.items())


def sha256_of(paths: Sequence[Path]) -> str:
    """SHA-256 of the bytes of ``paths`` read one after the other (one file: that file's usual digest)."""
    digest = hashlib.sha256()
    for path in paths:
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def safetensors_weights(folder: str | Path) -> list[Path]:
    """The ``*.safetensors`` weights files in ``folder`` (the int8 calibration, also safetensors, is not weights)."""
    return sorted(p for p in Path(folder).glob("*.safetensors") if p.name != CALIBRATION_FILE)


def file_stamp(path: Path) -> list[int] | None:
    """A file's size and modification time (ns), None when there is no such file: what changes when it is
    rewritten in place."""
    if not path.is_file():
        return None
    st = path.stat()
    return [st.st_size, st.st_mtime_ns]


def weights_stamp(folder: str | Path) -> dict[str, list[int]]:
    """Size and modification time (ns) of each weights file in ``folder``: changes when the model is retrained
    or replaced in place, so what was derived from the old weights (an ONNX export, a corpus run) is not reused."""
    folder = Path(folder)
    files = safetensors_weights(folder) or sorted(folder.glob("*.bin"))
    return {f.name: file_stamp(f) for f in files}


def model_stamp(folder: str | Path) -> dict[str, list[int] | None]:
    """:func:`weights_stamp` with the size and time of the other files a model's predictions are made from: its
    int8 calibration and ``arapol.json`` (normalisation, label bias). A model retrained, recalibrated or given
    another label bias in place changes it."""
    folder = Path(folder)
    return {**weights_stamp(folder), **{f: file_stamp(folder / f) for f in (CALIBRATION_FILE, INFO_FILE)}}


def not_utf8(exc: UnicodeDecodeError) -> str:
    """What a model folder's file that failed to decode is said to be."""
    return f"not UTF-8 text (byte {exc.start}): a damaged file?"


def read_json(path: Path) -> dict[str, Any]:
    """Read a JSON object, raising ``ModelError`` that names the file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ModelError(f"{path}: cannot read ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise ModelError(f"{path}: {not_utf8(exc)}") from exc
    except json.JSONDecodeError as exc:
        raise ModelError(f"{path}: invalid JSON ({exc.msg}, line {exc.lineno})") from exc
    if not isinstance(data, dict):
        raise ModelError(f"{path}: expected a JSON object")
    return data


TASKS = ("ner", "stance")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


_INFO_CHECKS: dict[str, tuple[str, Any]] = {
    "task": (f"one of {list(TASKS)}", lambda v: isinstance(v, str) and v in TASKS),
    "labels": ("a non-empty list of strings",
               lambda v: isinstance(v, list) and v and all(isinstance(x, str) and x for x in v)),
    "normalise": (f"a list of steps from {list(STEPS)}",
                  lambda v: isinstance(v, list) and all(isinstance(x, str) and x in STEPS for x in v)),
    "max_length": ("an integer ≥ 8", lambda v: _is_int(v) and v >= 8),
    "stride": ("an integer ≥ 0", lambda v: _is_int(v) and v >= 0),
    "split_clitics": ("true or false", lambda v: isinstance(v, bool)),
    "clitic_rule": (f"one of {list(CLITIC_RULES)}", lambda v: isinstance(v, str) and v in CLITIC_RULES),
    "text_only": ("true or false", lambda v: isinstance(v, bool)),
    "label_scheme": ("'IOB2' (the only scheme this arapol decodes)", lambda v: v == "IOB2"),
    "extra": ("a JSON object (its train_targets: target → number of examples, as its text_only_targets; "
              "libraries: name → version; bundled_data: split → file; base_files: file → SHA-256)",
              lambda v: isinstance(v, dict) and all(
                  isinstance(v.get(key, {}), dict) and all(test(x) for x in v.get(key, {}).values())
                  for key, test in (("train_targets", lambda x: _is_int(x) and x >= 0),
                                    ("text_only_targets", lambda x: _is_int(x) and x >= 0),
                                    ("libraries", lambda x: isinstance(x, str)),
                                    ("bundled_data", lambda x: isinstance(x, str)),
                                    ("base_files", lambda x: isinstance(x, str))))),
    "label_bias": ("a JSON object of label: number between -100 and 100",
                   lambda v: isinstance(v, dict) and all(isinstance(x, (int, float)) and not isinstance(x, bool)
                                                         and math.isfinite(x) and abs(x) <= 100 for x in v.values())),
}
"""Each ``arapol.json`` field that is not a plain string: what it must be, and the test."""


def _is_newer(version: Any) -> bool:
    """Whether ``version`` (an ``arapol.json``'s) names a later arapol than this one."""
    from packaging.version import InvalidVersion, Version

    try:
        return isinstance(version, str) and Version(version) > Version(__version__)
    except InvalidVersion:
        return False


def read_info(folder: str | Path, task: str | None = None) -> ModelInfo:
    """Load ``arapol.json`` from a single-task model folder, each field checked (and, with ``task``, that the
    folder holds a model of that task). Raises ``ModelError`` naming the file and field."""
    path = Path(folder) / INFO_FILE
    data = read_json(path)
    if data.pop("kind", None) == "bundle":
        raise ModelError(f"{path}: a folder with one model per task ({', '.join(data.get('tasks') or {})}): give "
                         "one task's sub-folder")
    known = {f.name for f in fields(ModelInfo)}
    unknown = sorted(set(data) - known)
    if unknown:
        saved = data.get("version")
        why = (f"saved by arapol {saved}: upgrade arapol (this is {__version__}) to run this model"
               if _is_newer(saved) else "a damaged or hand-edited file?")
        raise ModelError(f"{path}: settings this arapol does not know: {unknown} ({why})")
    missing = [f.name for f in fields(ModelInfo) if f.name in ("task", "labels", "normalise", "max_length", "stride")
               and f.name not in data]
    if missing:
        raise ModelError(f"{path}: missing field(s) {missing}")
    for name, value in data.items():
        what, ok = _INFO_CHECKS.get(name, ("a string", lambda v: isinstance(v, str)))
        if not ok(value):
            raise ModelError(f"{path}: field {name!r}: expected {what}, got {value!r}")
    info = ModelInfo(**data)
    if info.stride >= info.max_length:
        raise ModelError(f"{path}: field 'stride' ({info.stride}) must be below 'max_length' ({info.max_length})")
    if task is not None and info.task != task:
        raise ModelError(f"{path}: this folder holds a {info.task} model, not a {task} model")
    strange = sorted(set(info.label_bias) - set(info.labels)) if info.task == "stance" else sorted(info.label_bias)
    if strange:
        raise ModelError(f"{path}: field 'label_bias': {strange} " + (f"not among the labels {info.labels}"
                         if info.task == "stance" else "given, and only a stance model has a label bias"))
    return info


def hub_id_like(path: str | Path) -> bool:
    """Whether ``path`` reads as a hub repository id (``ORG/NAME``) rather than a local folder: two non-empty
    parts, neither absolute nor starting with ``.`` or ``~``, and no local folder named like its first part."""
    text = str(path)
    parts = text.split("/")
    return len(parts) == 2 and all(parts) and not text.startswith((".", "~")) and not Path(parts[0]).exists()


def task_folders(folder: str | Path) -> dict[str, Path]:
    """The model folders in ``folder`` by task: itself, the sub-folders a bundle's ``arapol.json`` names, or,
    without an ``arapol.json``, its ``ner/`` and ``stance/`` model sub-folders (each checked to hold a model of
    the task it is named for)."""
    folder = Path(folder)
    path = folder / INFO_FILE
    if not folder.exists():
        raise ModelError(f"{folder}: no such folder" + (f" (if {str(folder)!r} is a model on the hub, arapol.load "
                         f"and `arapol predict` fetch it; here give its folder: huggingface_hub.snapshot_download("
                         f"{str(folder)!r}))" if hub_id_like(folder) else ""))
    if not path.is_file():
        for task in TASKS:  # a model's files without its arapol.json: never left out silently
            sub = folder / task
            if not (sub / INFO_FILE).is_file() and any((sub / f).is_file() for f in ("config.json", MODEL_WEIGHTS)):
                raise ModelError(f"{sub / INFO_FILE}: missing, beside the model files of {sub} (a training run "
                                 "killed as it published the model leaves this: train it again, it resumes)")
        subs = {task: folder / task for task in TASKS if (folder / task / INFO_FILE).is_file()}
        if subs:  # OUT/ner and OUT/stance trained side by side: the folder holding both, as a bundle would say
            for task, sub in subs.items():
                read_info(sub, task)
            return subs
        raise ModelError(f"{folder}: not an arapol model folder (no {INFO_FILE}, and no ner/ or stance/ model "
                         "inside); train one with `arapol train`")
    data = read_json(path)
    if data.get("kind") != "bundle":
        return {read_info(folder).task: folder}
    tasks = data.get("tasks")
    if not isinstance(tasks, dict) or not tasks or not all(t in TASKS and isinstance(sub, str) and sub
                                                          for t, sub in tasks.items()):
        raise ModelError(f"{path}: field 'tasks': expected a mapping from task ({' or '.join(TASKS)}) to "
                         f"sub-folder, such as {{\"ner\": \"ner\"}}, got {tasks!r}")
    for task, sub in tasks.items():
        read_info(folder / sub, task)
    return {task: folder / sub for task, sub in tasks.items()}


def write_bundle(folder: str | Path, tasks: dict[str, str]) -> None:
    """Write the top ``arapol.json`` of a folder that holds one model per task in sub-folders."""
    write_json_atomic(Path(folder) / INFO_FILE, {"kind": "bundle", "tasks": tasks})


def replace_dir(src: Path, dst: Path) -> None:
    """Move the finished folder ``src`` into place at ``dst``, replacing what was there."""
    if dst.exists():
        old = dst.with_name(f".{dst.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(dst, old)
        try:
            os.replace(src, dst)
        except BaseException:
            os.replace(old, dst)  # put the earlier folder back rather than leave it under a hidden name
            raise
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(src, dst)
