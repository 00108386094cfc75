"""Turn a base-model spec from a config into something ``from_pretrained`` accepts."""

from __future__ import annotations

from pathlib import Path

from arapol.base.offline import build_offline_base, offline_base_folder

OFFLINE_PREFIX = "offline:"


def resolve_base_model(spec: str, build: bool = True) -> str:
    """Resolve ``spec`` for ``from_pretrained``.

    ``offline:<name>`` builds (once; with ``build`` False, only names) and returns the offline base folder,
    e.g. ``offline:multilingual-e5-small``; an existing local folder is returned (with ``~`` expanded);
    anything else (a hub id such as ``aubmindlab/bert-base-arabertv02``) is returned unchanged.
    """
    if spec.startswith(OFFLINE_PREFIX):
        name = spec.removeprefix(OFFLINE_PREFIX)
        return str(build_offline_base(name) if build else offline_base_folder(name))
    local = Path(spec).expanduser()
    return str(local) if local.is_dir() else spec


load_base = resolve_base_model
