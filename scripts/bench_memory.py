"""Peak memory of ``predict_stream()`` over a long generator of sentences: flat, not growing with the input.

Streams ``--sentences`` (default 50,000) news-like sentences, generated lazily from the bundled corpus
(never held in a list), through ``Predictor.predict_stream`` and records the resident set size (RSS) and
the peak RSS after 5k, 20k and 50k sentences. The model is a trained tiny NER model by default (memory
of the streaming machinery, not of the weights, is what is measured; ``--model`` takes any folder).
Merges the result into ``benchmarks/predict_cpu.json`` (``"memory"``; other modes under ``"memory_<mode>"``)
and rewrites the ``## predict() on CPU`` section of ``benchmarks/README.md`` (whose table shows fp32).

    python scripts/bench_memory.py                 # about 30 s on 2 cores
    python scripts/bench_memory.py --dtype bf16 --out benchmarks/predict_memory_modes.json   # the other modes
    python scripts/bench_memory.py --dtype int8 --backend onnx --out benchmarks/predict_memory_modes.json
    python scripts/bench_memory.py --sentences 200000 --checkpoints 5000,20000,50000,100000,150000,200000 \
        --passes 6 --out /tmp/memory.json          # a longer run, then the first 5,000 sentences' batches again
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_predict as bp  # noqa: E402
from arapol.checkpoint import write_json_atomic  # noqa: E402
from bench_common import rel_path, rss_mb  # noqa: E402


def sentences(n: int, seed: int = 7) -> Iterator[str]:
    """``n`` sentences recombined from the corpus words, generated one at a time."""
    words = [w for t in bp.corpus_texts() for w in t.split()]
    rng = random.Random(seed)
    for _ in range(n):
        k = max(3, int(rng.lognormvariate(3.0, 0.5)))
        start = rng.randrange(len(words))
        yield " ".join(words[(start + j) % len(words)] for j in range(k))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sentences", type=int, default=50_000)
    ap.add_argument("--checkpoints", default="5000,20000,50000")
    ap.add_argument("--model", type=Path, default=None, help="a model folder (default: the tiny NER model)")
    ap.add_argument("--dtype", default="fp32")
    ap.add_argument("--backend", default="torch", choices=["torch", "onnx"])
    ap.add_argument("--chunk-size", type=int, default=512)
    ap.add_argument("--passes", type=int, default=0,
                    help="then run the model this many times over the first --checkpoints point's sentences again, "
                         "recording RSS after each pass (are the same batch shapes free the second time?)")
    ap.add_argument("--out", type=Path, default=bp.OUTPUT)
    ap.add_argument("--readme", type=Path, default=bp.README)
    args = ap.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    import arapol

    model = args.model or bp.train_tiny(bp.CACHE)
    marks = sorted(int(x) for x in args.checkpoints.split(",") if int(x) <= args.sentences)
    p = arapol.load(model, dtype=args.dtype, backend=args.backend)
    p.predict(["تمهيد"] * 8)
    points, start, n_entities = [], time.time(), 0
    before = rss_mb()
    for i, result in enumerate(p.predict_stream(sentences(args.sentences), chunk_size=args.chunk_size), start=1):
        n_entities += len(result["entities"])
        if marks and i == marks[0]:
            marks.pop(0)
            points.append({"sentences": i, "rss_mb": round(rss_mb(), 1), "peak_rss_mb": round(bp.peak_rss_mb(), 1),
                           "seconds": round(time.time() - start, 1)})
            print(points[-1], flush=True)
    repeats = []
    if args.passes and points:
        prepared = p.ner.prepare(list(sentences(points[0]["sentences"])))
        for k in range(args.passes):
            p.ner.run(prepared, batch_size=32)
            repeats.append({"pass": k + 1, "rss_mb": round(rss_mb(), 1)})
            print(repeats[-1], flush=True)
    mode = p.ner.mode.name  # the mode that ran: a CPU without native bf16 or int8 dot products runs fp32
    memory = {"command": "python scripts/bench_memory.py " + " ".join(sys.argv[1:] if argv is None else argv),
              "mode": mode,
              "model": rel_path(model),
              "chunk_size": args.chunk_size, "rss_before_mb": round(before, 1), "points": points,
              "entities": n_entities, "load": bp.load_conditions(), **({"repeated_passes": repeats} if repeats else {}),
              "peak_growth_mb": round(points[-1]["peak_rss_mb"] - points[0]["peak_rss_mb"], 1) if points else None}
    report = bp.read_json(args.out)
    report["memory" if mode == "fp32" else f"memory_{mode}"] = memory  # the README's table shows fp32
    write_json_atomic(args.out, report)
    if report.get("settings"):
        bp.write_section(args.readme, bp.SECTION, bp.render_section(report))
    print(json.dumps(memory, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
