"""``scripts/gpu_kit.py``: the base it carries to a GPU machine comes back bit for bit, in a quarter of the bytes."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
from safetensors.numpy import load_file, save_file

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import gpu_kit  # noqa: E402
from arapol.base.e5s1 import dequantize_q4_0  # noqa: E402


def _q4_tensor(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    """Float32 values that are Q4_0 blocks de-quantised, as the offline base's matrices are."""
    n = int(np.prod(shape)) // 32
    blocks = np.empty(n, dtype=gpu_kit.Q4_BLOCK)
    blocks["scale"] = rng.normal(0, 0.01, n).astype(np.float16)
    nibbles = rng.integers(0, 16, (n, 32), dtype=np.uint8)
    nibbles[:, 0] = 0  # each block's largest magnitude is -8 × scale, as the quantiser writes it
    nibbles[:, 1:] = np.clip(nibbles[:, 1:], 1, 15)
    blocks["nibbles"] = nibbles[:, :16] | (nibbles[:, 16:] << 4)
    return dequantize_q4_0(blocks.tobytes()).reshape(shape)


def test_a_base_packs_to_4_bit_blocks_and_unpacks_bit_for_bit(tmp_path):
    rng = np.random.default_rng(0)
    state = {"embeddings.word_embeddings.weight": _q4_tensor(rng, (50, 64)),
             "encoder.layer.0.attention.self.query.weight": _q4_tensor(rng, (64, 64)),
             "embeddings.position_embeddings.weight": rng.normal(size=(16, 64)).astype(np.float32),
             "encoder.layer.0.output.LayerNorm.bias": rng.normal(size=64).astype(np.float32),
             "odd.weight": rng.normal(size=33).astype(np.float32)}
    base = tmp_path / "base"
    base.mkdir()
    save_file(state, str(base / "model.safetensors"))
    (base / "config.json").write_text("{}", encoding="utf-8")
    counts = gpu_kit.pack_base(base, tmp_path / "kit")
    assert counts == {"q4": 50 * 64 + 64 * 64, "f32": 16 * 64 + 64 + 33}
    packed = (tmp_path / "kit" / "weights.npz").stat().st_size
    assert packed < 0.35 * (base / "model.safetensors").stat().st_size
    out = gpu_kit.unpack_base(tmp_path / "kit", tmp_path / "again")
    again = load_file(str(out / "model.safetensors"))
    assert sorted(again) == sorted(state)
    for name, tensor in state.items():
        assert again[name].dtype == np.float32 and again[name].tobytes() == tensor.tobytes(), name
    assert (out / "config.json").read_text(encoding="utf-8") == "{}"


def test_values_that_are_not_4_bit_blocks_stay_float32():
    rng = np.random.default_rng(1)
    close = _q4_tensor(rng, (4, 32))
    close[2, 5] = np.nextafter(close[2, 5], np.float32(1))  # one value off by a float32 step
    assert gpu_kit.q4_blocks(close) is None
    assert gpu_kit.q4_blocks(_q4_tensor(rng, (4, 32))) is not None
    for zeros in (np.zeros(64, np.float32), -np.zeros(64, np.float32)):  # all-zero blocks keep their sign
        raw = gpu_kit.q4_blocks(zeros)
        assert raw is not None and dequantize_q4_0(raw).tobytes() == zeros.tobytes()
    mixed = np.zeros(32, np.float32)
    mixed[3] = -0.0
    assert gpu_kit.q4_blocks(mixed) is None  # +0.0 and -0.0 in one block: not one scale's zeros


def test_a_step_past_its_limit_ends_with_its_children(tmp_path):
    import os
    import time

    pid_file = tmp_path / "child.pid"
    script = ("import subprocess, sys, time; "
              "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)']); "
              f"open({str(pid_file)!r}, 'w').write(str(child.pid)); time.sleep(60)")
    ok = gpu_kit._step("sleeper", [sys.executable, "-c", script], tmp_path / "log.txt", 3, dict(os.environ))
    assert not ok
    stat = Path(f"/proc/{int(pid_file.read_text())}/stat")
    for _ in range(50):
        if not stat.exists() or stat.read_text().rsplit(")", 1)[1].split()[0] == "Z":  # gone, or a zombie
            break
        time.sleep(0.1)
    else:
        pytest.fail("the step's child outlived the step's timeout")


def test_unpacking_a_damaged_kit_is_refused(tmp_path):
    rng = np.random.default_rng(2)
    base = tmp_path / "base"
    base.mkdir()
    save_file({"w": _q4_tensor(rng, (8, 32))}, str(base / "model.safetensors"))
    gpu_kit.pack_base(base, tmp_path / "kit")
    with np.load(tmp_path / "kit" / "weights.npz") as arrays:
        data = {k: arrays[k].copy() for k in arrays.files}
    data["t0"][5] ^= 0x11
    np.savez(tmp_path / "kit" / "weights.npz", **data)
    with pytest.raises(SystemExit, match="SHA-256"):
        gpu_kit.unpack_base(tmp_path / "kit", tmp_path / "again")
