"""Publishing a model folder on the Hugging Face hub, after checking it is fit to publish; and fetching a
published one (:func:`model_folder`) for ``arapol.load("ORG/NAME")``.

:func:`validate_folder` needs no network: safetensors weights only, ``id2label`` in ``config.json``,
a model card whose metadata parses (and whose ``model-index`` agrees with ``metrics.json``), no
training leftovers, no stray file over a size limit, no symbolic link, no text file holding an ``hf_…``
token, a readable ``inference.json`` and an int8 calibration that fits the weights. :func:`push_folder`
validates, then (unless ``dry_run``) uploads through ``huggingface_hub`` with the token from ``HF_TOKEN`` or
the user's login.
"""

from __future__ import annotations

import fnmatch
import glob
import json
import logging
import math
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .checkpoint import (
    CALIBRATION_FILE,
    EVAL_DIR,
    INFO_FILE,
    METRICS_FILE,
    hub_id_like,
    not_utf8,
    read_info,
    read_json,
    safetensors_weights,
    task_folders,
    tokenizer_files_problem,
)
from .errors import ArapolError, ModelError
from .inference.loading import label_mismatch, load_model_and_tokenizer, saved_defaults
from .inference.onnx import ONNX_DIR

_log = logging.getLogger(__name__)
DEFAULT_MAX_FILE_MB = 10.0
"""Files other than weights, config and tokenizer files larger than this are stray."""

WEIGHT_SUFFIX = ".safetensors"
FORBIDDEN_SUFFIXES = (".bin", ".pt", ".pth", ".ckpt", ".pkl", ".pickle", ".joblib", ".npy", ".npz", ".h5",
                      ".msgpack", ".onnx", ".gguf")
"""Weights or arrays in any format but safetensors (most of them pickles, which run code when loaded)."""

LARGE_OK = {"config.json", "model.safetensors.index.json", "tokenizer.json", "tokenizer_config.json",
            "special_tokens_map.json", "added_tokens.json", "vocab.txt", "vocab.json", "merges.txt",
            "sentencepiece.bpe.model", "spiece.model", "tokenizer.model"}
"""Files that may be larger than the limit (besides ``*.safetensors``)."""

TRAINING_LEFTOVERS = ("checkpoints", "tiny-base", "trimmed-base", "runs", "wandb", "__pycache__")
EXPORT_HINT = "run `arapol export MODEL OUT` and push OUT"
REPLACED_ON_PUSH = ("*.safetensors", "*.safetensors.index.json", "config.json", "arapol.json", "inference.json",
                    "training_config.yaml", "metrics.json", "NOTICE", "tokenizer*", "special_tokens_map.json",
                    "added_tokens.json", "vocab.*", "merges.txt", "*.model")
"""The files of a model that a push replaces, at the top of the repository: those of an earlier push that this
folder lacks are deleted in the same commit (a stale ``int8_calibration.safetensors`` or ``inference.json`` would
change what the download runs). Other files, and every file in a sub-folder, stay."""
PIPELINE_TAGS = {"ner": "token-classification", "stance": "text-classification"}


class HubError(ArapolError):
    """A folder unfit to publish, or an upload that cannot go ahead; the message says what to do."""


@dataclass(frozen=True)
class FileEntry:
    """One file to upload: its path inside the folder (POSIX) and its size in bytes."""

    path: str
    size: int


@dataclass
class PushResult:
    """What :func:`push_folder` uploaded (or, with ``dry_run``, would upload)."""

    repo_id: str
    files: list[FileEntry]
    revision: str | None = None
    private: bool = False
    dry_run: bool = True
    url: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)


def _files(folder: Path) -> list[FileEntry]:
    """Every file under ``folder`` except hidden ones (``.git``, ``.cache``…), which are never uploaded; a symbolic
    link is listed as one (its size 0) for :func:`validate_folder` to refuse."""
    out = []
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts) or not (p.is_file() or p.is_symlink()):
            continue
        out.append(FileEntry(rel.as_posix(), 0 if p.is_symlink() else p.stat().st_size))
    return out


HF_TOKEN = re.compile(rb"hf_[A-Za-z0-9]{30,}")
"""What a Hugging Face access token looks like."""
SCANNED_MB = 50
"""Files up to this size are searched for a token, whatever their kind (a ``.log``, ``.sh``, ``.py`` or ``.ipynb`` as
well as the card and configs; larger ones are weights)."""


def _link_or_secret_problems(folder: Path, files: list[FileEntry]) -> list[str]:
    """Symbolic links (the upload would send what they point to, which can lie outside the folder) and files
    holding something like a Hugging Face access token."""
    problems = []
    for f in files:
        path = folder / f.path
        if path.is_symlink():
            problems.append(f"{f.path}: a symbolic link (to {os.readlink(path)}): the upload would send what it points "
                            "to; replace it with the file itself, or remove it")
        elif f.size <= SCANNED_MB * 1024 * 1024 and HF_TOKEN.search(path.read_bytes()):
            problems.append(f"{f.path}: holds what looks like a Hugging Face access token (hf_…): remove it before "
                            "publishing, and revoke the token if it was ever shared")
    return problems


def _check_card(folder: Path, problems: list[str]) -> dict[str, Any]:
    from .model_card import expected_scores, model_index_scores, read_card_metadata

    if not (folder / "README.md").is_file():
        problems.append(f"no model card (README.md): {EXPORT_HINT}")
        return {}
    try:
        meta = read_card_metadata(folder)
    except ModelError as exc:
        problems.append(f"{exc}: {EXPORT_HINT} to write it again")
        return {}
    try:
        from huggingface_hub import ModelCard

        ModelCard((folder / "README.md").read_text(encoding="utf-8"))
    except ImportError:  # pragma: no cover - huggingface_hub comes with transformers
        pass
    except Exception as exc:  # noqa: BLE001 - any parse failure of the hub's own reader is a problem
        problems.append(f"README.md: huggingface_hub cannot read the card's metadata ({exc})")
    for key in ("language", "pipeline_tag"):
        if not meta.get(key):
            problems.append(f"README.md: the metadata has no {key!r}")
    if meta.get("model-index") and not (folder / METRICS_FILE).is_file():
        problems.append(f"README.md: the card reports scores but {METRICS_FILE} is missing: {EXPORT_HINT}")
    if (folder / METRICS_FILE).is_file() and (folder / INFO_FILE).is_file():
        try:
            name = (meta.get("model-index") or [{}])[0].get("name", "model")
            (want, reported), have = expected_scores(folder, name), model_index_scores(meta)
        except (ModelError, AttributeError, TypeError, KeyError, IndexError) as exc:
            problems.append(f"README.md: cannot compare the card's scores with {METRICS_FILE} ({exc})")
        else:
            # each score the card gives equals metrics.json's; of each split it reports (or an exported card
            # would), none is left out
            splits = reported | {split for split, _metric in have}
            wrong = [f"{split} {metric}" + ("" if (split, metric) in want else " (none to publish)")
                     for (split, metric), v in have.items() if want.get((split, metric)) != v]
            wrong += [f"{split} {metric} (missing)" for split, metric in want if split in splits
                      and (split, metric) not in have]
            if wrong:
                problems.append(f"README.md: the model-index scores differ from {METRICS_FILE} ({', '.join(wrong)}):"
                                f" {EXPORT_HINT} to write the card again")
    return meta


def _one_model_a_repository(folder: Path, subs: dict[str, Path]) -> HubError:
    """The refusal of a folder holding one model per task (``subs``, by task: ner/ and stance/ side by side, or a
    bundle's), naming a sub-folder to push as it is on disk (a bundle's ``{"stance": "st"}``: ``FOLDER/st``)."""
    names = ", ".join(f"{sub.relative_to(folder).as_posix()}/" for sub in subs.values())
    return HubError(f"{folder}: holds its models in task sub-folders ({names}); a hub repository holds one model: "
                    f"push each sub-folder (e.g. {next(iter(subs.values()))}) to its own --repo-id")


def validate_folder(folder: str | Path, *, max_file_mb: float | None = None) -> tuple[list[FileEntry], dict]:
    """Check that ``folder`` is fit to publish; return the files to upload and the card's metadata.

    Raises :class:`HubError` listing every problem found, each with what to do about it.
    """
    folder = Path(folder)
    limit = DEFAULT_MAX_FILE_MB if max_file_mb is None else max_file_mb
    if not folder.is_dir():
        raise HubError(f"{folder}: no such folder")
    problems: list[str] = []
    info_path = folder / INFO_FILE
    info = None
    if not info_path.is_file():
        try:
            subs = task_folders(folder)
        except ModelError:
            subs = {}
        if subs:  # ner/ and stance/ side by side, as arapol.load takes them
            raise _one_model_a_repository(folder, subs)
        problems.append(f"no {INFO_FILE} (the normalisation and windows arapol.load needs): {EXPORT_HINT}")
    else:
        try:
            if read_json(info_path).get("kind") == "bundle":  # (a sub-folder it names holds no model: a problem)
                raise _one_model_a_repository(folder, task_folders(folder))
            info = read_info(folder)
        except ModelError as exc:
            problems.append(str(exc))
    try:
        tokenizer = tokenizer_files_problem(folder)
    except ModelError as exc:  # a damaged tokenizer_config.json
        tokenizer = str(exc)
    if tokenizer is not None:
        problems.append(f"{tokenizer}: {EXPORT_HINT}")
    files = _files(folder)
    problems.extend(_link_or_secret_problems(folder, files))
    files = [f for f in files if not (folder / f.path).is_symlink()]
    leftovers: dict[str, int] = {}
    for f in files:
        name = Path(f.path).name
        top = f.path.split("/")[0]
        if "/" in f.path and (top in (*TRAINING_LEFTOVERS, EVAL_DIR, ONNX_DIR) or top.startswith("checkpoint-")):
            leftovers[top] = leftovers.get(top, 0) + 1
        elif Path(name).suffix.lower() in FORBIDDEN_SUFFIXES:
            problems.append(f"{f.path}: weights must be safetensors only (pickle and other formats can run code or "
                            f"are not what stock loaders expect): remove it, or {EXPORT_HINT}")
        elif not name.endswith(WEIGHT_SUFFIX) and name not in LARGE_OK and f.size > limit * 1024 * 1024:
            problems.append(f"{f.path}: a stray file of {f.size / 1024 / 1024:.1f} MB (limit {limit:g} MB): remove it "
                            "or raise --max-file-mb")
    for top, n in leftovers.items():
        if top == EVAL_DIR:
            problems.append(f"{top}/ ({n} files): reports of `arapol evaluate`, which name data files by their paths "
                            "on this machine: not part of the model; move them out of the folder (or evaluate with "
                            "--out elsewhere)")
        elif top == ONNX_DIR:
            problems.append(f"{top}/ ({n} files): arapol's ONNX Runtime copy of the model, written when the folder "
                            "was loaded with backend='onnx' or exported with --onnx; the hub takes the safetensors "
                            "weights only (arapol.load(..., backend='onnx') makes its own copy from them): delete "
                            f"{top}/ and push again")
        else:
            problems.append(f"{top}/ ({n} files): training state or a base model, not part of this model: "
                            f"{EXPORT_HINT}")
    if not any(f.path.endswith(WEIGHT_SUFFIX) and "/" not in f.path and f.path != CALIBRATION_FILE for f in files):
        problems.append(f"no model weights (model.safetensors) at the top of the folder: {EXPORT_HINT}")
    for f in files:
        if f.path.endswith(WEIGHT_SUFFIX) and "/" not in f.path:
            problems.extend(_safetensors_problem(folder / f.path))
    if not problems and (folder / CALIBRATION_FILE).is_file():
        problems.extend(_calibration_problem(folder))
    if not problems and info is not None:
        problems.extend(_load_problem(folder, info.task))
    config = folder / "config.json"
    if not config.is_file():
        problems.append(f"no config.json: {EXPORT_HINT}")
    else:
        try:
            conf = json.loads(config.read_text(encoding="utf-8"))
        except UnicodeDecodeError as exc:
            problems.append(f"config.json: {not_utf8(exc)}")
        except (OSError, json.JSONDecodeError) as exc:
            problems.append(f"config.json: cannot read it ({exc})")
        else:
            id2label = conf.get("id2label") if isinstance(conf, dict) else None
            if not id2label:
                problems.append("config.json: no id2label, so stock loaders would call the labels LABEL_0, LABEL_1…: "
                                f"{EXPORT_HINT}")
            elif not isinstance(id2label, dict):
                problems.append(f"config.json: id2label must be an object {{\"0\": label, …}}, found "
                                f"{type(id2label).__name__}: {EXPORT_HINT}")
            elif all(str(v) == f"LABEL_{k}" for k, v in id2label.items()):
                problems.append("config.json: id2label holds only placeholder names (LABEL_0…): " + EXPORT_HINT)
            elif info is not None and (mismatch := label_mismatch(id2label, info.labels)):
                problems.append(f"{mismatch}: {EXPORT_HINT}")
    try:
        saved_defaults(folder)
    except ModelError as exc:
        problems.append(f"{exc}: arapol.load would refuse it; fix it with arapol.inference.loading.save_defaults")
    meta = _check_card(folder, problems)
    if problems:
        raise HubError(f"{folder} is not ready to publish:\n" + "\n".join(f"  - {p}" for p in problems))
    return files, meta


def _safetensors_problem(path: Path) -> list[str]:
    """A weights file whose header safetensors cannot read (truncated, or not safetensors at all)."""
    from safetensors import SafetensorError, safe_open

    try:
        with safe_open(str(path), framework="pt") as fh:
            fh.keys()
    except (OSError, SafetensorError) as exc:
        return [f"{path.name}: not a readable safetensors file ({exc})"]
    return []


def _load_problem(folder: Path, task: str) -> list[str]:
    """What ``arapol.load`` refuses in a folder that looks fit to publish (weights of other shapes than
    ``config.json`` gives them, a tokenizer of more pieces than the model has embeddings: another model's files),
    and weights the model does not use, which it only warns of."""
    import torch

    try:
        load_model_and_tokenizer(folder, task, torch.device("cpu"), strict=True)
    except ModelError as exc:
        return [f"arapol.load would refuse it: {exc}"]
    except Exception as exc:  # the tokenizers library's own errors (a damaged tokenizer.json) are plain Exceptions
        return [f"arapol.load would fail on it: {type(exc).__name__}: {exc}"]
    return []


def _calibration_problem(folder: Path) -> list[str]:
    """An int8 calibration whose entries are not the input widths of the weights' linear layers (another
    model's file): ``arapol.load(..., dtype='int8')`` would refuse the published model."""
    from safetensors import SafetensorError, safe_open
    from safetensors.torch import load_file

    from .inference.calibration import REDO, damaged_maxima

    widths: dict[str, int] = {}
    for path in safetensors_weights(folder):
        with safe_open(str(path), framework="pt") as fh:
            for key in fh.keys():
                shape = fh.get_slice(key).get_shape()
                if key.endswith(".weight") and len(shape) == 2:
                    widths[key.removesuffix(".weight")] = shape[1]
    try:
        maxima = load_file(str(folder / CALIBRATION_FILE))
    except (OSError, SafetensorError) as exc:
        return [f"{CALIBRATION_FILE}: not a readable safetensors file ({exc}): delete it or redo it"]
    wrong = [name for name, peak in maxima.items() if list(peak.shape) != [widths.get(name, -1)]]
    if wrong:
        return [f"{CALIBRATION_FILE}: {len(wrong)} entries fit no linear layer of the weights (e.g. {wrong[0]!r}): "
                f"a calibration of another model? Redo it with {REDO}, or delete it"]
    damaged = [name for name, peak in maxima.items() if damaged_maxima(peak)]
    if damaged:
        return [f"{CALIBRATION_FILE}: {len(damaged)} entries hold negative or non-finite maxima (e.g. {damaged[0]!r}):"
                f" damaged; redo it with {REDO}, or delete it"]
    return []


def card_names_repo(folder: str | Path, repo_id: str) -> bool:
    """Whether ``folder``'s model card names ``repo_id`` (its usage code loads the model from there)."""
    try:
        return f'"{repo_id}"' in (Path(folder) / "README.md").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False


def _network_errors() -> tuple[type[BaseException], ...]:
    """The errors of the hub client's HTTP layer that mean the hub could not be reached."""
    errors: list[type[BaseException]] = [ConnectionError, TimeoutError]
    for module in ("httpx2", "httpx", "requests"):
        try:
            mod = __import__(module)
        except ImportError:
            continue
        found = [getattr(mod, name, None) for name in ("TransportError", "ConnectionError", "Timeout")]
        errors += [e for e in found if isinstance(e, type) and issubclass(e, BaseException)]
    return tuple(errors)


def resolve_token(token: str | None = None) -> str:
    """The hub token: given, else ``HF_TOKEN`` or the stored login (``hf auth login``)."""
    if token:
        return token
    try:
        from huggingface_hub import get_token
    except ImportError as exc:  # pragma: no cover - huggingface_hub comes with transformers
        raise HubError("pushing needs huggingface_hub: pip install huggingface_hub") from exc
    found = get_token()
    if not found:
        raise HubError("no Hugging Face token: run `hf auth login` (or `huggingface-cli login`), or set HF_TOKEN to a "
                       "token with write access (https://huggingface.co/settings/tokens)")
    return found


def _http_status(exc: Exception) -> int | None:
    response = getattr(exc, "response", None)
    return getattr(response, "status_code", None)


def _explain(exc: Exception, repo_id: str) -> HubError:
    status = _http_status(exc)
    if status == 401:
        return HubError(f"the hub refused the token (401): log in again with `hf auth login` or set HF_TOKEN ({exc})")
    if status == 403:
        owner = repo_id.split("/")[0]
        return HubError(f"the token may not write to {repo_id!r} (403): use a token with write access, and make "
                        f"sure you are a member of {owner!r} with write rights ({exc})")
    return HubError(f"the upload to {repo_id!r} failed: {exc}")


def names_hub_repository(model: str | Path) -> bool:
    """Whether :func:`model_folder` fetches ``model`` from the hub: no such local path, and it reads as a hub
    repository id (``ORG/NAME``, see :func:`~arapol.checkpoint.hub_id_like`)."""
    return not Path(model).expanduser().exists() and hub_id_like(model)


def cached_snapshot(repo_id: str) -> Path | None:
    """The folder of hub repository ``repo_id`` that loading it by name reads now, offline or just after fetching
    it: its ``main`` snapshot in the Hugging Face cache; ``None`` where the cache holds none of it, or where
    ``repo_id`` is no repository id (loading says so)."""
    from huggingface_hub import try_to_load_from_cache

    try:
        found = try_to_load_from_cache(repo_id, "config.json")
    except ValueError:  # (huggingface_hub's HFValidationError)
        return None
    return Path(found).parent if isinstance(found, str) else None


def model_folder(model: str | Path, revision: str | None = None, files: Sequence[str] | None = None) -> Path:
    """The local folder of a model to load: ``model`` itself, unless it names a hub repository
    (:func:`names_hub_repository`): that repository at ``revision`` (a branch, tag or commit; the default branch
    when None), downloaded into the Hugging Face cache or found there (offline with ``HF_HUB_OFFLINE=1``); only
    ``files`` of it when given. Raises ``ModelError`` saying why a download failed."""
    if isinstance(model, str) and not model.strip():  # Path("") is the current folder: whatever model is there
        raise ModelError(f"{model!r}: an empty model path (an unset variable?): give a model folder or ORG/NAME")
    if not names_hub_repository(model):
        if revision is not None:
            raise ModelError(f"{model}: revision={revision!r} is for a hub repository id (ORG/NAME), and this is "
                             "a local path")
        return Path(model).expanduser()
    from huggingface_hub import constants, snapshot_download

    _log.warning("%s: no local folder of that name; loading the hub repository %r%s", model, str(model),
                 f" at revision {revision!r}" if revision else "")
    try:
        return Path(snapshot_download(str(model), revision=revision, allow_patterns=files))
    except Exception as exc:  # noqa: BLE001 (the hub's errors, httpx's and the file system's alike, said once)
        at = f" at revision {revision!r}" if revision else ""
        why = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        todo = ("HF_HUB_OFFLINE is set, so only the cache was searched: download it once with the network on"
                if constants.HF_HUB_OFFLINE else
                "check the name and the network, log in (`hf auth login` or HF_TOKEN) for a private repository, or "
                "set HF_HUB_OFFLINE=1 to use a copy already in the cache")
        raise ModelError(f"{model}: no such local folder, and the hub repository {str(model)!r}{at} could not be "
                         f"had ({type(exc).__name__}: {why}); {todo}") from exc


_NAME = r"[A-Za-z0-9](?:[\w.-]{0,94}[A-Za-z0-9_])?"
_REPO_ID = re.compile(f"{_NAME}/{_NAME}")
"""A hub repository id as the hub accepts one (its rules, less the length details: no spaces, no '..' or '--', no
'-' or '.' at either end of a part, no '.git' at the end)."""


def check_repo_id(repo_id: str, what: str, *, plain: bool = False) -> None:
    """Refuse a hub repository id that is not ``ORG/NAME`` (``HubError`` naming ``what``, the option); with
    ``plain``, a name without ``ORG/`` (a folder's) is taken too."""
    if plain and "/" not in repo_id and re.fullmatch(_NAME, repo_id) and _hub_accepts(repo_id):
        return
    if not _REPO_ID.fullmatch(repo_id) or not _hub_accepts(repo_id):  # (the hub's own check refuses '--' and '..')
        raise HubError(f"{what} {repo_id!r}: expected ORG/NAME (your user name or an organisation, then the "
                       "model's name: letters, digits, '-', '_' and '.', no spaces, no '--' or '..', no '-' or '.' at "
                       "either end of a part, no '.git' at the end)" + (", or a plain name" if plain else ""))


def _hub_accepts(repo_id: str) -> bool:
    """``huggingface_hub``'s own check of a repository id (which a push would otherwise fail on, untranslated)."""
    from huggingface_hub.utils import HFValidationError, validate_repo_id

    try:
        validate_repo_id(repo_id)
    except HFValidationError:
        return False
    return True


def _in_bundle(folder: Path) -> bool:
    """Whether ``folder`` is a task's sub-folder of a folder holding both tasks."""
    try:
        return folder.resolve() in {f.resolve() for f in task_folders(folder.resolve().parent).values()}
    except ModelError:
        return False


def push_folder(folder: str | Path, repo_id: str, *, private: bool = False, revision: str | None = None,
                dry_run: bool = False, max_file_mb: float | None = None, commit_message: str | None = None,
                token: str | None = None, api: Any = None) -> PushResult:
    """Validate ``folder`` and upload it to the hub model repository ``repo_id``.

    ``dry_run`` stops after validation (no network). Otherwise the repository is created when
    missing (``private`` then applies) and ``revision`` names a branch, created when missing. An
    existing repository that holds another kind of model, or that is public when ``private`` was
    asked for, is an error. The upload is one commit, which also deletes the model files of an earlier push
    that this folder lacks (:data:`REPLACED_ON_PUSH`). ``api`` (an ``HfApi``) is for tests.
    """
    folder = Path(folder)
    check_repo_id(repo_id, "--repo-id")
    files, meta = validate_folder(folder, max_file_mb=max_file_mb)
    if not card_names_repo(folder, repo_id):
        task = read_info(folder).task
        in_bundle = _in_bundle(folder)
        how = (f"`arapol export MODEL OUT --task {task} --name {repo_id}` (a folder with both tasks exported whole "
               f"names its cards NAME-ner and NAME-stance: one repository each)" if in_bundle
               else f"`arapol export MODEL OUT --name {repo_id}`")
        raise HubError(f"{folder / 'README.md'}: the model card does not name {repo_id!r}, so its usage code would "
                       f"load another model: write it for this repository with {how} (or edit the card)")
    result = PushResult(repo_id, files, revision, private, dry_run, metadata=meta)
    if dry_run:
        return result
    if os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on"):
        raise HubError("HF_HUB_OFFLINE is set: unset it to push, or use --dry-run")
    from huggingface_hub import HfApi
    from huggingface_hub.errors import HfHubHTTPError, RepositoryNotFoundError

    tok = resolve_token(token)
    api = api if api is not None else HfApi(token=tok)
    ours = meta.get("pipeline_tag")
    created = ""  # what this push made on the hub before its upload, for an error after it
    try:
        try:
            existing = api.model_info(repo_id, token=tok)
        except RepositoryNotFoundError:
            existing = None
        if existing is None:
            api.create_repo(repo_id, token=tok, private=private, repo_type="model", exist_ok=True)
            created = f" (this push created {repo_id}, which stays empty: push again, or delete it on the hub)"
        else:
            theirs = getattr(existing, "pipeline_tag", None)
            if theirs and ours and theirs != ours:
                raise HubError(f"{repo_id} already holds a {theirs} model and this one is {ours}: push to another "
                               "--repo-id, or delete or rename that repository on the hub first")
            if private and not getattr(existing, "private", False):
                raise HubError(f"{repo_id} exists and is public; --private only applies when the repository is "
                               "created: make it private in its settings on the hub, or drop --private")
        if revision and revision != "main":
            api.create_branch(repo_id, branch=revision, token=tok, repo_type="model", exist_ok=True)
        uploading = {f.path for f in files}
        stale = [] if existing is None else sorted(
            p for p in api.list_repo_files(repo_id, revision=revision, repo_type="model", token=tok)
            if "/" not in p and p not in uploading and any(fnmatch.fnmatchcase(p, pat) for pat in REPLACED_ON_PUSH))
        try:  # each pattern a file's exact name: huggingface_hub's * would match sub-folders too
            info = api.upload_folder(repo_id=repo_id, folder_path=str(folder), token=tok, repo_type="model",
                                     revision=revision, allow_patterns=[glob.escape(f.path) for f in files],
                                     delete_patterns=[glob.escape(p) for p in stale] or None,
                                     commit_message=commit_message or f"Upload {folder.name} with arapol")
        except ValueError as exc:  # huggingface_hub's own checks, the hub's reading of the card's metadata among them
            raise HubError(f"the hub refused the upload to {repo_id!r}: {exc}{created}") from exc
    except HubError:
        raise
    except HfHubHTTPError as exc:
        raise HubError(f"{_explain(exc, repo_id)}{created}") from exc
    except _network_errors() as exc:  # no connection, DNS, timeouts
        raise HubError(f"cannot reach the hub to push to {repo_id!r} ({type(exc).__name__}: {exc}): check the "
                       f"network, or use --dry-run to validate only{created}") from exc
    result.url = str(getattr(info, "commit_url", "") or getattr(info, "repo_url", "") or
                     f"https://huggingface.co/{repo_id}")
    return result


def human_size(n: int) -> str:
    """``1,234,567`` bytes as ``1.2 MB``."""
    if n < 1024:
        return f"{n} B"
    k = min(int(math.log(n, 1024)), 3)
    return f"{n / 1024 ** k:.1f} {('B', 'kB', 'MB', 'GB')[k]}"
