"""Base encoders: the offline e5 base rebuilt from PyPI wheels, spec resolution, vocabulary trimming."""

from arapol.base.e5s1 import E5S1Model, read_e5s1
from arapol.base.offline import OFFLINE_BASES, build_offline_base, cache_root
from arapol.base.resolve import load_base, resolve_base_model
from arapol.base.trim import trim_vocabulary

__all__ = [
    "OFFLINE_BASES", "E5S1Model", "build_offline_base", "cache_root", "load_base", "read_e5s1",
    "resolve_base_model", "trim_vocabulary",
]
