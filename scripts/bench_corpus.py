"""Benchmark a corpus run: records/s and peak RSS of `predict_corpus` at several corpus sizes.

Each size runs in its own subprocess so that each peak RSS is its own. The model is the tiny NER
model (trained here from configs/ner_tiny.yaml unless --model is given). Writes
benchmarks/corpus_cpu.json and prints a Markdown table.

    python scripts/bench_corpus.py                 # 1k, 5k and 20k records
    python scripts/bench_corpus.py --sizes 1000 5000
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_common import peak_rss_mb, rss_mb  # noqa: E402


def child(model: str, size: int, workdir: Path) -> dict:
    """Write a corpus of ``size`` records, predict it, and report time and peak RSS."""
    import torch

    import arapol
    from arapol.corpus import predict_corpus

    torch.set_num_threads(1)
    lines = (ROOT / "data/ner/train.jsonl").read_text(encoding="utf-8").splitlines()
    texts = [json.loads(x)["text"] for x in lines]
    corpus = workdir / f"corpus-{size}.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for i in range(size):
            fh.write(json.dumps({"id": i, "text": texts[i % len(texts)]}, ensure_ascii=False) + "\n")
    predictor = arapol.load(model, device="cpu")
    rss_loaded = rss_mb()
    start = time.perf_counter()
    report = predict_corpus(predictor, corpus, workdir / f"out-{size}.jsonl", progress=False)
    elapsed = time.perf_counter() - start
    return {"records": size, "written": report.written, "seconds": round(elapsed, 2),
            "records_per_s": round(size / elapsed, 1), "peak_rss_mb": round(peak_rss_mb(), 1),
            "rss_after_load_mb": round(rss_loaded, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", help="an NER model folder (default: train the tiny one)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--out", default=str(ROOT / "benchmarks/corpus_cpu.json"))
    parser.add_argument("--child", nargs=2, metavar=("SIZE", "WORKDIR"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.model, int(args.child[0]), Path(args.child[1]))))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        model = args.model
        if model is None:
            model = str(Path(tmp) / "ner-tiny")
            subprocess.run([sys.executable, "-m", "arapol.cli", "train", str(ROOT / "configs/ner_tiny.yaml"),
                            "--set", f"output_dir={model}"], check=True, capture_output=True)
        rows = []
        for size in args.sizes:
            out = subprocess.run([sys.executable, __file__, "--model", model, "--child", str(size), tmp],
                                 check=True, capture_output=True, text=True)
            rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
            print(rows[-1], flush=True)
    from arapol.checkpoint import write_json_atomic

    result = {"benchmark": "corpus predict (predict_corpus, chunk 256, batch 32, 1 thread)",
              "command": "python scripts/bench_corpus.py " + " ".join(sys.argv[1:]),
              "machine": {"cpu": platform.processor() or platform.machine(), "python": platform.python_version()},
              "rows": rows}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    write_json_atomic(args.out, result)
    print("\n| records | seconds | records/s | peak RSS (MB) | RSS after load (MB) |\n|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['records']} | {r['seconds']} | {r['records_per_s']} | {r['peak_rss_mb']} | "
              f"{r['rss_after_load_mb']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
