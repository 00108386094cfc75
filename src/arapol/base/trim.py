"""Vocabulary trimming of a Unigram-tokenizer (XLM-R style) BERT model folder.

Most of a multilingual encoder's parameters sit in its word-embedding table. Trimming keeps only
the pieces an Arabic task can meet and gathers the matching embedding rows, which shrinks the
model, its checkpoints and its optimiser state without changing what it computes for kept text.

Kept pieces (``keep="default"``): every special/added token and every id the config names
(``pad_token_id``...), every single-character piece, every piece containing an Arabic-script
character, every piece the corpus tokenises to, and the lowest-scoring piece (the Unigram model's
``<unk>`` penalty is ``min(score) - 10``, so keeping the minimum keeps every Viterbi choice). If a
character occurs in the vocabulary but has no single-character piece, each piece containing it is
kept too (XLM-R has none such), as are the ``<0xNN>`` pieces of a byte-fallback model.

``keep="corpus"`` drops the Arabic-script rule. It still keeps all single-character pieces (about
13.8k in XLM-R): with them every character the original tokenizer could cover stays coverable, so
no text, seen or unseen, becomes ``<unk>`` where the original would not.

Pieces keep their relative order, so ``<s> <pad> </s> <unk>`` keep ids 0-3. Ids are remapped in
``tokenizer.json`` (vocab, ``unk_id``, added tokens, post-processor, padding),
``tokenizer_config.json`` (``added_tokens_decoder``) and ``config.json`` (``*_token_id``,
``vocab_size``). Vocabulary-sized tensors (word embeddings, an MLM decoder and its bias) are
gathered; every other file is copied. Vocabulary files the edit cannot keep consistent
(``sentencepiece.bpe.model``, ``vocab.txt``...) are left out and listed in the report.
"""

from __future__ import annotations

import copy
import itertools
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import torch
from safetensors import safe_open
from safetensors.torch import save_file
from transformers import AutoTokenizer

from arapol.checkpoint import make_readable, read_json, sha256_of
from arapol.errors import ConfigError, ModelError

KEEP_MODES = ("default", "corpus")
ARABIC_SCRIPT = re.compile(
    "[\u0600-\u06ff\u0750-\u077f\u0870-\u089f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
    "\U00010e60-\U00010e7f\U00010ec0-\U00010eff\U0001ec70-\U0001ecbf\U0001ed00-\U0001ed4f\U0001ee00-\U0001eeff]"
)
BYTE_PIECE = re.compile("<0x[0-9A-F]{2}>")
VOCAB_TENSOR_SUFFIXES = ("word_embeddings.weight", "predictions.decoder.weight", "predictions.decoder.bias",
                         "predictions.bias")
DROPPED_FILES = ("sentencepiece.bpe.model", "spiece.model", "tokenizer.model", "vocab.txt", "vocab.json",
                 "merges.txt", "added_tokens.json")
REWRITTEN_FILES = ("tokenizer.json", "tokenizer_config.json", "config.json", "model.safetensors")
REPORT_FILE = "arapol_trim.json"
SOURCE_FILES = ("config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json",
                "model.safetensors")
"""The files of a model that trimming reads (all it needs of a hub repository)."""
_BATCH = 512
_VERIFY_TEXTS = 256


def source_digests(folder: Path) -> dict[str, str]:
    """The SHA-256 of each of :data:`SOURCE_FILES` that model ``folder`` holds: what trimming reads of it."""
    return {name: sha256_of([folder / name]) for name in SOURCE_FILES if (folder / name).is_file()}


def trim_vocabulary(src: str | Path, texts: Iterable[str], out: str | Path, *, keep: str = "default",
                    extra_texts: Iterable[str] = ()) -> dict[str, Any]:
    """Write to ``out`` a copy of the model folder ``src`` whose vocabulary keeps only the needed pieces.

    Returns a report: vocabulary and embedding sizes before and after, checkpoint bytes, and the
    kept piece counts by reason (each piece counted under its first reason, in the order listed). ``out`` holds it
    too (:data:`REPORT_FILE`), with the folder trimmed (``source``) and the SHA-256 of each of its files read
    (``source_files``: :data:`SOURCE_FILES`).
    """
    src, out = Path(src), Path(out)
    if keep not in KEEP_MODES:
        raise ConfigError(f"keep must be one of {KEEP_MODES}, not {keep!r}")
    tokenizer_json, config = _read_source(src, out)
    corpus = list(itertools.chain(texts, extra_texts))
    tokenizer = AutoTokenizer.from_pretrained(src)
    reasons = _keep_reasons(tokenizer_json, config, _corpus_ids(tokenizer, corpus), arabic=keep == "default")
    kept = np.flatnonzero(np.logical_or.reduce(list(reasons.values())))
    remap = np.full(len(next(iter(reasons.values()))), -1, dtype=np.int64)
    remap[kept] = np.arange(len(kept))

    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".trimming", dir=out.parent))
    try:
        shutil.copytree(src, staging, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns(*REWRITTEN_FILES, *DROPPED_FILES))
        _write_json(staging / "tokenizer.json", _remap_tokenizer_json(tokenizer_json, kept, remap))
        _write_tokenizer_config(src, staging, remap)
        rows = _write_model(src / "model.safetensors", staging / "model.safetensors", kept)
        _write_json(staging / "config.json", _remap_config(config, remap, len(kept)))
        _verify(tokenizer, staging, corpus[:_VERIFY_TEXTS], remap)
        report = _report(src, staging, keep, reasons, rows, len(kept))
        _write_json(staging / REPORT_FILE, {"source": str(src.resolve()), "source_files": source_digests(src),
                                            **report})
        make_readable(staging)
        os.replace(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return report


def _keep_reasons(tokenizer_json: dict[str, Any], config: dict[str, Any], corpus_ids: np.ndarray,
                 *, arabic: bool) -> dict[str, np.ndarray]:
    """Boolean masks over token ids, one per reason to keep a piece (insertion order = report order)."""
    model = tokenizer_json["model"]
    pieces = [piece for piece, _ in model["vocab"]]
    added = [token["id"] for token in tokenizer_json.get("added_tokens", [])]
    size = max([len(pieces), *(index + 1 for index in added)])
    lengths = np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces))
    scores = np.array([score for _, score in model["vocab"]], dtype=np.float64)

    special = np.zeros(size, dtype=bool)
    special[[*added, model["unk_id"], *_config_token_ids(config, size)]] = True
    single = _pad(lengths == 1, size)
    singles = {piece for piece in pieces if len(piece) == 1}
    uncovered = set("".join(pieces)) - singles
    fallback = np.array([bool(uncovered) and not uncovered.isdisjoint(piece) for piece in pieces])
    if model.get("byte_fallback"):
        fallback |= np.array([BYTE_PIECE.fullmatch(piece) is not None for piece in pieces])
    fallback = _pad(fallback, size)
    corpus = np.zeros(size, dtype=bool)
    corpus[corpus_ids] = True
    lowest = np.zeros(size, dtype=bool)
    lowest[int(np.argmin(scores))] = True
    reasons = {"special": special, "single_char": single, "char_fallback": fallback}
    if arabic:
        arabic_pieces = np.array([ARABIC_SCRIPT.search(piece) is not None for piece in pieces])
        reasons["arabic"] = _pad(arabic_pieces, size)
    return reasons | {"corpus": corpus, "min_score": lowest}


def _remap_tokenizer_json(tokenizer_json: dict[str, Any], kept: np.ndarray,
                         remap: np.ndarray) -> dict[str, Any]:
    """A copy of ``tokenizer_json`` restricted to the ``kept`` ids, every id rewritten through ``remap``."""
    model, result = tokenizer_json["model"], dict(tokenizer_json)
    vocab = model["vocab"]
    result["model"] = dict(model, vocab=[vocab[index] for index in kept.tolist() if index < len(vocab)],
                           unk_id=int(remap[model["unk_id"]]))
    result["added_tokens"] = [dict(token, id=int(remap[token["id"]]))
                              for token in tokenizer_json.get("added_tokens", [])]
    result["post_processor"] = copy.deepcopy(tokenizer_json.get("post_processor"))
    _remap_processor(result["post_processor"], remap)
    if tokenizer_json.get("padding"):
        padding = tokenizer_json["padding"]
        result["padding"] = dict(padding, pad_id=int(remap[padding["pad_id"]]))
    return result


def _read_source(src: Path, out: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """Check the folders and return the source's ``tokenizer.json`` and ``config.json``."""
    for name in ("tokenizer.json", "config.json", "model.safetensors"):
        if not (src / name).is_file():
            raise ModelError(f"{src} has no {name}: trimming needs a folder with tokenizer.json, config.json "
                             "and a single model.safetensors")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ModelError(f"{out} already exists; remove it or choose another output folder")
    tokenizer_json = read_json(src / "tokenizer.json")
    kind = tokenizer_json.get("model", {}).get("type")
    if kind != "Unigram":
        raise ModelError(f"{src / 'tokenizer.json'}: vocabulary trimming supports Unigram tokenizers only, "
                         f"found {kind!r}")
    return tokenizer_json, read_json(src / "config.json")


def _write_json(path: Path, data: dict[str, Any]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=2)
        handle.write("\n")


def _batches(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), _BATCH):
        yield items[start : start + _BATCH]


def _corpus_ids(tokenizer: Any, corpus: list[str]) -> np.ndarray:
    ids = [np.zeros(0, dtype=np.int64)]
    for batch in _batches(corpus):
        encoded = tokenizer(batch, add_special_tokens=False)["input_ids"]
        ids.extend(np.asarray(row, dtype=np.int64) for row in encoded)
    return np.unique(np.concatenate(ids))


def _config_token_ids(config: dict[str, Any], size: int) -> list[int]:
    values = [value for key, value in config.items() if key.endswith("_token_id")]
    flat = [item for value in values for item in (value if isinstance(value, list) else [value])]
    return [item for item in flat if isinstance(item, int) and 0 <= item < size]


def _pad(mask: np.ndarray, size: int) -> np.ndarray:
    return np.concatenate([mask.astype(bool), np.zeros(size - len(mask), dtype=bool)])


def _remap_processor(node: dict[str, Any] | None, remap: np.ndarray) -> None:
    kind = (node or {}).get("type")
    if kind == "Sequence":
        for processor in node["processors"]:
            _remap_processor(processor, remap)
    elif kind == "TemplateProcessing":
        for spec in node["special_tokens"].values():
            spec["ids"] = [int(remap[index]) for index in spec["ids"]]
    elif kind in ("RobertaProcessing", "BertProcessing"):
        for key in ("sep", "cls"):
            node[key][1] = int(remap[node[key][1]])


def _write_tokenizer_config(src: Path, staging: Path, remap: np.ndarray) -> None:
    path = src / "tokenizer_config.json"
    if not path.is_file():
        return
    config = read_json(path)
    if "added_tokens_decoder" in config:
        config["added_tokens_decoder"] = {str(remap[int(index)]): token
                                          for index, token in config["added_tokens_decoder"].items()}
    _write_json(staging / "tokenizer_config.json", config)


def _remap_config(config: dict[str, Any], remap: np.ndarray, size: int) -> dict[str, Any]:
    def new_id(value: Any) -> Any:
        return int(remap[value]) if isinstance(value, int) and 0 <= value < len(remap) else value

    result = dict(config, vocab_size=size)
    for key, value in config.items():
        if key.endswith("_token_id"):
            result[key] = [new_id(item) for item in value] if isinstance(value, list) else new_id(value)
    return result


def _write_model(src: Path, dst: Path, kept: np.ndarray) -> int:
    """Gather the vocabulary-sized tensors' rows; returns the source embedding row count."""
    with safe_open(src, framework="pt") as handle:
        metadata = handle.metadata() or {"format": "pt"}
        state = {name: handle.get_tensor(name) for name in handle.keys()}
    embeddings = [name for name in state if name.endswith("word_embeddings.weight")]
    if len(embeddings) != 1:
        raise ModelError(f"{src}: expected one *word_embeddings.weight tensor, found {embeddings or 'none'}")
    rows = state[embeddings[0]].shape[0]
    if rows <= kept[-1]:
        raise ModelError(f"{src}: the embedding has {rows} rows but the tokenizer uses id {int(kept[-1])}")
    index = torch.from_numpy(kept)
    for name in [name for name in state if name.endswith(VOCAB_TENSOR_SUFFIXES)]:
        if state[name].shape[0] != rows:
            raise ModelError(f"{src}: {name} has {state[name].shape[0]} rows, expected {rows} (one per id)")
        state[name] = state[name].index_select(0, index).contiguous()
    save_file(state, str(dst), metadata=metadata)
    return rows


def _verify(tokenizer: Any, staging: Path, sample: list[str], remap: np.ndarray) -> None:
    """Check the written tokenizer maps a corpus sample to the remapped ids of the original."""
    if not sample:
        return
    before = tokenizer(sample)["input_ids"]
    after = AutoTokenizer.from_pretrained(staging)(sample)["input_ids"]
    for text, old, new in zip(sample, before, after, strict=True):
        if remap[np.asarray(old, dtype=np.int64)].tolist() != new:
            raise ModelError(f"the trimmed tokenizer disagrees with the original on {text[:80]!r}")


def _report(src: Path, staging: Path, keep: str, reasons: dict[str, np.ndarray], rows: int,
            kept_count: int) -> dict[str, Any]:
    counted = np.zeros_like(next(iter(reasons.values())))
    by_reason = {}
    for reason, mask in reasons.items():
        by_reason[reason] = int(np.count_nonzero(mask & ~counted))
        counted |= mask
    return {
        "keep": keep,
        "vocab_before": len(counted),
        "vocab_after": kept_count,
        "embedding_rows_before": rows,
        "embedding_rows_after": kept_count,
        "model_bytes_before": (src / "model.safetensors").stat().st_size,
        "model_bytes_after": (staging / "model.safetensors").stat().st_size,
        "kept_by_reason": by_reason,
        "dropped_files": sorted(name for name in DROPPED_FILES if (src / name).exists()),
    }
