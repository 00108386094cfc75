"""The checkpoint folder: ``arapol.json`` beside a Hugging Face model, and atomic writes."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

from .errors import ModelError

INFO_FILE = "arapol.json"
CONFIG_FILE = "training_config.yaml"
METRICS_FILE = "metrics.json"


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


def make_readable(folder: Path) -> None:
    """Give a folder built in private (temp dirs, ``mkstemp`` and some libraries write 0700/0600) the usual
    permissions, 0755 folders and 0644 files, so other users and containers can load what it holds."""
    for path in [folder, *folder.rglob("*")]:
        os.chmod(path, 0o755 if path.is_dir() else 0o644)


@contextlib.contextmanager
def atomic_writer(path: str | Path, mode: str = "w") -> Iterator[IO[Any]]:
    """A file to write ``path`` through (mode 0644): a temporary file beside it, moved into place with
    ``os.replace`` when the block ends without an error, deleted otherwise. ``mode``: ``"w"`` (UTF-8) or ``"wb"``."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o644)
        with os.fdopen(fd, mode, **({"encoding": "utf-8"} if "b" not in mode else {})) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_json_atomic(path: str | Path, data: Any) -> None:
    """Write JSON to ``path`` (mode 0644) through a temporary file and ``os.replace``."""
    with atomic_writer(path) as fh:
        json.dump(data, fh, ensure_ascii=False, indent=2)
        fh.write("\n")


_NEWER_FIELDS = {"input_prefix": "", "clitic_rule": "pieces"}
"""``ModelInfo`` fields added since 0.1.0, with the value that means what 0.1.0 did: written only when they
differ from it, so that arapol 0.1.0 reads every model it can run (and refuses the others, by the unknown key)."""


def write_info(folder: str | Path, info: ModelInfo) -> None:
    """Save ``arapol.json`` into a model folder."""
    data = {k: v for k, v in asdict(info).items() if k not in _NEWER_FIELDS or v != _NEWER_FIELDS[k]}
    write_json_atomic(Path(folder) / INFO_FILE, {"kind": "model", **data})


def weights_stamp(folder: str | Path) -> dict[str, list[int]]:
    """Size and modification time (ns) of each weights file in ``folder``: changes when the model is retrained
    or replaced in place, so what was derived from the old weights (an ONNX export, a corpus run) is not reused."""
    folder = Path(folder)
    files = sorted(folder.glob("*.safetensors")) or sorted(folder.glob("*.bin"))
    return {f.name: [st.st_size, st.st_mtime_ns] for f in files for st in [f.stat()]}


def read_json(path: Path) -> dict[str, Any]:
    """Read a JSON object, raising ``ModelError`` that names the file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ModelError(f"{path}: cannot read ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise ModelError(f"{path}: not UTF-8 text (byte {exc.start}): a damaged file?") from exc
    except json.JSONDecodeError as exc:
        raise ModelError(f"{path}: invalid JSON ({exc.msg}, line {exc.lineno})") from exc
    if not isinstance(data, dict):
        raise ModelError(f"{path}: expected a JSON object")
    return data


def read_info(folder: str | Path) -> ModelInfo:
    """Load ``arapol.json`` from a single-task model folder."""
    path = Path(folder) / INFO_FILE
    data = read_json(path)
    data.pop("kind", None)
    try:
        return ModelInfo(**data)
    except TypeError as exc:
        raise ModelError(f"{path}: unexpected content ({exc})") from exc


def task_folders(folder: str | Path) -> dict[str, Path]:
    """The model folders in ``folder`` by task: itself, or the sub-folders a bundle's ``arapol.json`` names."""
    folder = Path(folder)
    path = folder / INFO_FILE
    if not path.is_file():
        raise ModelError(f"{folder}: not an arapol model folder (no {INFO_FILE}); train one with `arapol train`")
    data = read_json(path)
    if data.get("kind") == "bundle":
        return {task: folder / sub for task, sub in data.get("tasks", {}).items()}
    return {read_info(folder).task: folder}


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
