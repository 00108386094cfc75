"""Turn a base-model spec from a config into something ``from_pretrained`` accepts."""

from __future__ import annotations

from pathlib import Path

from arapol.base.offline import build_offline_base, offline_base_folder
from arapol.config import BASE_MODELS
from arapol.errors import ConfigError

OFFLINE_PREFIX = "offline:"


def resolve_base_model(spec: str, build: bool = True) -> str:
    """Resolve ``spec`` for ``from_pretrained``.

    ``offline:<name>`` builds (once; with ``build`` False, only names) and returns the offline base folder,
    e.g. ``offline:multilingual-e5-small``; an existing local model folder is returned (with ``~`` expanded);
    anything else (a hub id such as ``aubmindlab/bert-base-arabertv02``) is returned unchanged. An empty spec and
    a path (``/``, ``.``, ``~``) that names no folder are ``ConfigError``s (an empty one read the current folder).
    """
    if not isinstance(spec, str) or not spec.strip():
        raise ConfigError(f"base_model: expected {BASE_MODELS}, found {spec!r}")
    if spec.startswith(OFFLINE_PREFIX):
        name = spec.removeprefix(OFFLINE_PREFIX)
        return str(build_offline_base(name) if build else offline_base_folder(name))
    local = Path(spec).expanduser()
    if local.is_dir():
        return str(local)
    if spec.startswith((".", "/", "~")):  # a path, never a hub id
        raise ConfigError(f"base_model: no model folder {spec!r}")
    return spec


load_base = resolve_base_model
