"""The GPU machine's benchmark kit: what travels there (the device tool carries at most 64 MiB) and the one
command that runs there.

    python scripts/gpu_kit.py pack                 # here: fills .gpu/ (git-ignored; the device tool's carry names it)
    python scripts/gpu_kit.py run --out "$OUT"     # there: unpack, bench_gpu.py, ANERcorp fine-tune × 3 seeds
    python scripts/gpu_kit.py run --out /tmp/k --smoke --seeds 13   # here, on CPU: the same steps, tiny (checks
                                                   # the kit; 101 s on 2 cores; three seeds at once there outrun
                                                   # --limit-train in their scoring)

On an H200 with 16 CPU cores (2026-12-04) ``run`` took 390 s with ``--limit-predict 230``: bench_gpu.py stopped
at that limit before its last three end-to-end rows (alone, it then took 218 s), and the three ANERcorp seeds
at once took 145 s. The defaults leave room for both inside the device tool's 10 minutes a command (since
2026-12-05 bench_gpu.py also measures ``predict_stream(prepare_workers=2)``, ``--prepare-workers``: a row that
does not fit its limit is left out, the rows before it kept).

``pack`` puts into ``.gpu/``:

- ``base/``: the vocabulary-trimmed e5-small base of ANERcorp's seed-13 run (``--base``, else built as training
  builds it, into ``runs/gpu-kit/trimmed-base``). Its float32 weights are
  the offline base's 4-bit blocks de-quantised, so they are stored again as those blocks (Q4_0: one fp16
  scale and 32 nibbles), checked bit for bit, about 20 MB instead of 130 MB (fp16 would round them, and
  would not fit beside the rest). Tensors that are not such blocks (position embeddings, LayerNorms,
  biases) stay float32. ``unpack`` writes the same ``model.safetensors`` and checks each tensor's SHA-256.
- ``anercorp/``: ANERcorp's train and test files, read from ``../shared/data`` (never committed).
- ``whl/``: the wheels the GPU machine lacks: this venv's ``transformers`` and ``seqeval`` (built here).

``run`` writes into ``--out``: ``predict_gpu.json`` and its log, ``accuracy_gpu.json`` (the three ANERcorp
runs, records as ``scripts/bench_accuracy.py`` writes them) and the runs' logs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
KIT = ROOT / ".gpu"
BASE_FILES = ("config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "NOTICE",
              "arapol_base.json", "arapol_trim.json")
DATA = ROOT.parent / "shared" / "data" / "anercorp"
Q4_BLOCK = np.dtype([("scale", "<f2"), ("nibbles", "u1", (16,))])
"""The E5S1 file's Q4_0 block, as :func:`arapol.base.e5s1.dequantize_q4_0` reads it."""


def q4_blocks(values: np.ndarray) -> bytes | None:
    """``values`` as Q4_0 blocks when they are exactly such blocks de-quantised (``None`` otherwise): each block's
    largest magnitude is ``-8 × scale``, as the quantiser wrote it."""
    from arapol.base.e5s1 import dequantize_q4_0

    flat = values.astype(np.float32).reshape(-1)
    if flat.size == 0 or flat.size % 32:
        return None
    blocks = flat.reshape(-1, 32)
    peak = blocks[np.arange(len(blocks)), np.abs(blocks).argmax(1)]
    scale = np.where(peak == 0, peak, peak / -8).astype(np.float16)  # a zero block keeps its zeros' sign
    step = np.where(scale == 0, np.float32(1), scale.astype(np.float32))
    q = np.clip(np.rint(blocks / step[:, None]) + 8, 0, 15).astype(np.uint8)
    packed = np.empty(len(blocks), dtype=Q4_BLOCK)
    packed["scale"] = scale
    packed["nibbles"] = q[:, :16] | (q[:, 16:] << 4)
    raw = packed.tobytes()
    same = np.array_equal(dequantize_q4_0(raw).view(np.uint32), flat.view(np.uint32))  # bit for bit: -0.0 too
    return raw if same else None


def _sha(array: np.ndarray) -> str:
    return hashlib.sha256(np.ascontiguousarray(array, dtype=np.float32).tobytes()).hexdigest()


def pack_base(base: Path, out: Path) -> dict[str, int]:
    """Store ``base`` (a built e5 base folder) into ``out``: its small files, ``weights.npz`` and ``index.json``."""
    from safetensors.numpy import load_file

    out.mkdir(parents=True, exist_ok=True)
    state = load_file(str(base / "model.safetensors"))
    arrays: dict[str, np.ndarray] = {}
    index: dict[str, dict] = {}
    counts = {"q4": 0, "f32": 0}
    for i, (name, tensor) in enumerate(sorted(state.items())):
        raw = q4_blocks(tensor)
        kind = "q4" if raw is not None else "f32"
        arrays[f"t{i}"] = np.frombuffer(raw, dtype=np.uint8) if raw is not None else tensor.astype(np.float32)
        index[name] = {"key": f"t{i}", "kind": kind, "shape": list(tensor.shape), "sha256": _sha(tensor)}
        counts[kind] += tensor.size
    np.savez(out / "weights.npz", **arrays)
    (out / "index.json").write_text(json.dumps(index, indent=1), encoding="utf-8")
    for name in BASE_FILES:
        if (base / name).is_file():
            shutil.copyfile(base / name, out / name)
    return counts


def unpack_base(kit: Path, out: Path) -> Path:
    """Rebuild the base folder from :func:`pack_base`'s files, checking every tensor against its SHA-256."""
    from safetensors.numpy import save_file

    from arapol.base.e5s1 import dequantize_q4_0

    out.mkdir(parents=True, exist_ok=True)
    index = json.loads((kit / "index.json").read_text(encoding="utf-8"))
    state = {}
    with np.load(kit / "weights.npz") as arrays:
        for name, spec in index.items():
            stored = arrays[spec["key"]]
            tensor = (dequantize_q4_0(stored.tobytes()) if spec["kind"] == "q4" else stored).reshape(spec["shape"])
            if _sha(tensor) != spec["sha256"]:
                raise SystemExit(f"{kit}: tensor {name} does not match its SHA-256 after unpacking")
            state[name] = np.ascontiguousarray(tensor, dtype=np.float32)
    save_file(state, str(out / "model.safetensors"), metadata={"format": "pt"})
    for name in BASE_FILES:
        if (kit / name).is_file():
            shutil.copyfile(kit / name, out / name)
    return out


def trimmed_base(config: Path, seed: int, out: Path) -> Path:
    """The trimmed base that ``arapol train config`` with ``seed`` trains from, built into ``out`` as training
    builds it (the same dev carve and texts); reused when ``out`` already holds it."""
    from arapol.config import load_config
    from arapol.data import load_split
    from arapol.text import Normaliser
    from arapol.training.trainer import base_folder, dev_split, vocabulary_texts

    cfg = load_config(config, {"output_dir": str(out), "training": {"seed": seed}})
    train_ex, _ = dev_split(cfg, load_split(cfg.data.train, cfg), seed)
    return Path(base_folder(cfg, vocabulary_texts(cfg, train_ex, Normaliser(cfg.normalise)), out))


def pack(args: argparse.Namespace) -> int:
    kit = args.kit
    base = args.base or trimmed_base(ROOT / "configs" / "ner_anercorp_e5small.yaml", 13, ROOT / "runs" / "gpu-kit")
    if kit.exists():
        shutil.rmtree(kit)
    counts = pack_base(base, kit / "base")
    (kit / "anercorp").mkdir(parents=True)
    for split in ("train", "test"):
        shutil.copyfile(args.data / f"{split}.tsv", kit / "anercorp" / f"{split}.tsv")
    import transformers

    wheels = kit / "whl"
    for command in ([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:",
                     "-d", str(wheels), f"transformers=={transformers.__version__}"],
                    [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), "seqeval==1.2.2"]):
        subprocess.run(command, check=True)
    size = sum(f.stat().st_size for f in kit.rglob("*") if f.is_file())
    print(f"packed {kit}: {size / 2**20:.1f} MiB ({counts['q4']:,} weights in 4-bit blocks, "
          f"{counts['f32']:,} float32)")
    return 0


def _step(name: str, command: list[str], log: Path, limit: float, env: dict[str, str]) -> bool:
    """Run one step with its output in ``log``; a failure or a step past ``limit`` seconds does not stop the next."""
    print(f"[{time.strftime('%H:%M:%S')}] {name}: {' '.join(command[1:])}", flush=True)
    start = time.monotonic()
    with open(log, "w", encoding="utf-8") as out:
        step = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=ROOT,
                                start_new_session=True)  # its own process group: a timeout ends its children too
        try:
            code: int | str = step.wait(timeout=limit)
        except subprocess.TimeoutExpired:
            os.killpg(step.pid, signal.SIGKILL)
            step.wait()
            code = "timeout"
    print(f"[{time.strftime('%H:%M:%S')}] {name}: exit {code} after {time.monotonic() - start:.0f} s", flush=True)
    print("".join(log.read_text(encoding="utf-8", errors="replace").splitlines(keepends=True)[-15:]), flush=True)
    return code == 0


def run(args: argparse.Namespace) -> int:
    out, kit = args.out.resolve(), args.kit.resolve()
    out.mkdir(parents=True, exist_ok=True)
    work = Path(args.work)
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    if not args.smoke:  # the machine's own torch, numpy...; the missing wheels into a folder ahead of them
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-index", "--no-deps", "--no-compile",
                        "--upgrade", "--target", str(work / "site"), *map(str, sorted((kit / "whl").glob("*.whl")))],
                       check=True)
    env["PYTHONPATH"] = os.pathsep.join([str(work / "site"), str(ROOT / "src"), env.get("PYTHONPATH", "")])
    sys.path[:0] = [str(work / "site"), str(ROOT / "src")]  # this process too, before anything imports them
    import torch
    import transformers

    print("torch", torch.__version__, "transformers", transformers.__version__, "cuda",
          torch.cuda.is_available() and torch.cuda.get_device_name(), flush=True)
    base = unpack_base(kit / "base", work / "base")
    print("unpacked", base, flush=True)
    python = sys.executable
    ok = _step("bench_gpu", [python, "scripts/bench_gpu.py", "--out", str(out / "predict_gpu.json"),
                             "--cache", str(work / "bench"), "--prepare-workers", *args.prepare_workers.split(","),
                             *(["--smoke"] if args.smoke else [])],
               out / "bench_gpu.log", args.limit_predict, env)
    sets = [f"base_model={base}", f"data.train={kit / 'anercorp' / 'train.tsv'}",
            f"data.test={kit / 'anercorp' / 'test.tsv'}", *args.set]
    ok &= _step("anercorp", [python, "scripts/bench_accuracy.py", "--runs", f"anercorp:{args.seeds}", "--tag",
                             args.tag, "--jobs", str(len(args.seeds.split(","))), "--threads", str(args.threads),
                             "--runs-dir", str(work / "runs"), "--out", str(out / "accuracy_gpu.json"),
                             "--readme", str(work / "README.md"), *[x for s in sets for x in ("--set", s)]],
                out / "accuracy.log", args.limit_train, env)
    with open(out / "train_logs.txt", "w", encoding="utf-8") as logs:
        for log in sorted((work / "runs").glob("*.log")):
            logs.write(f"==> {log.name}\n" + log.read_text(encoding="utf-8", errors="replace")[-20000:] + "\n")
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("pack", help="fill the kit folder (here)")
    p.add_argument("--base", type=Path, default=None,
                   help="a trimmed base an ANERcorp run built (default: build seed 13's into runs/gpu-kit/)")
    p.add_argument("--data", type=Path, default=DATA, help="the folder of ANERcorp's train.tsv and test.tsv")
    p.add_argument("--kit", type=Path, default=KIT)
    r = sub.add_parser("run", help="run the benchmarks (on the GPU machine)")
    r.add_argument("--out", type=Path, required=True)
    r.add_argument("--kit", type=Path, default=KIT)
    r.add_argument("--work", default="/tmp/arapol-gpu", help="where the base, wheels and runs go")
    r.add_argument("--seeds", default="13,14,15")
    r.add_argument("--tag", default="gpu")
    r.add_argument("--threads", type=int, default=4, help="torch CPU threads per training run")
    r.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="more config overrides")
    r.add_argument("--prepare-workers", default="0,2", metavar="N,N…",
                   help="bench_gpu.py's predict_stream(prepare_workers=…) settings (0: the background thread)")
    r.add_argument("--limit-predict", type=float, default=330,
                   help="seconds for bench_gpu.py (218 s on an H200 without prepare workers; a first run stopped "
                   "at 230; the rows with 2 workers add about a third, not measured yet)")
    r.add_argument("--limit-train", type=float, default=260,
                   help="seconds for the ANERcorp runs (three seeds at once: 145 s on an H200)")
    r.add_argument("--smoke", action="store_true", help="on CPU, tiny: bench_gpu --smoke, 2 training steps")
    args = ap.parse_args(argv)
    if args.command == "run" and args.smoke:
        args.set += ["training.max_steps=2", "training.num_train_epochs=1"]
    return pack(args) if args.command == "pack" else run(args)


if __name__ == "__main__":
    raise SystemExit(main())
