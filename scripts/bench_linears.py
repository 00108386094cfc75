"""fp32 linear layers on CPU: torch's MKL against oneDNN, for inference and training, in one process.

``arapol`` runs fp32 inference on CPU by oneDNN's prepacked layers (:class:`~arapol.inference.onednn.PackedLinear`),
and fp32 training by oneDNN (:class:`~arapol.inference.onednn.OneDnnLinear`) where torch has AVX-512 and by MKL (plain
``nn.Linear``) where its best code is AVX2 (:func:`arapol.inference.onednn.mkl_trains_faster`). This measures both
kernels on the layer shapes of e5-small (384 → 1,536) and BERT-base (768 → 3,072), at one and two threads:
inference (a forward on a batch's rows, whole blocks of 16 as ``predict()`` passes them) and training (forward and
backward). The candidates alternate within each round; each figure is the median of ``--rounds`` rounds, in GFLOP/s
(2·rows·in·out per forward; three times that with the backward). oneDNN's inference layers here fuse no GELU, as
``predict()``'s widening layer does: the whole fp32 ``predict()`` is measured too, as shipped against MKL's layers
(as a torch without oneDNN runs it: results that can move with the batch), on ``bench_predict.py``'s random
BERT-base and ``--quick`` workload (24 sentences and an article), the two predictors alternating in one process.

    python scripts/bench_linears.py --out benchmarks/linears_avx2.json   # about 5 minutes on 2 cores
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_common import ROOT, machine, publish  # noqa: E402

SECTION = "## Linear layers: MKL against oneDNN (fp32, CPU)"
SHAPES = {"e5-small": (384, 1536), "BERT-base": (768, 3072)}
INFERENCE_ROWS = (48, 160, 256, 496)
TRAINING_ROWS = (320, 640)
"""Rows of one product: a sentence or a batch of ``predict()`` (whole blocks of 16), and a training batch
(16 texts of 20 or 40 pieces)."""


def _round_times(fns: dict[str, Callable[[], Any]], rounds: int, repeat: int) -> dict[str, list[float]]:
    """Seconds per call of each candidate in each of ``rounds`` rounds (the mean of ``repeat`` calls), after one
    warm-up call each; the candidates take turns within a round, in reversed order every other round (ABBA)."""
    for fn in fns.values():
        fn()
    times: dict[str, list[float]] = {k: [] for k in fns}
    for r in range(rounds):
        order = list(fns) if r % 2 == 0 else list(reversed(fns))
        for name in order:
            start = time.perf_counter()
            for _ in range(repeat):
                fns[name]()
            times[name].append((time.perf_counter() - start) / repeat)
    return times


def _median_seconds(fns: dict[str, Callable[[], Any]], rounds: int, repeat: int) -> dict[str, float]:
    """Median over ``rounds`` of the time of ``repeat`` calls, each candidate in turn within a round."""
    return {k: statistics.median(v) for k, v in _round_times(fns, rounds, repeat).items()}


def measure(threads: int, rounds: int) -> list[dict[str, Any]]:
    """Rows of figures at ``threads`` threads: each shape and row count, inference and training."""
    import torch
    from torch import nn

    from arapol.inference.onednn import OneDnnLinear, PackedLinear

    torch.set_num_threads(threads)
    gen = torch.Generator().manual_seed(0)
    out = []
    for model, (hidden, ffn) in SHAPES.items():
        for n_in, n_out in ((hidden, hidden), (hidden, ffn), (ffn, hidden)):
            layer = nn.Linear(n_in, n_out)
            inference = {"MKL (nn.Linear)": layer, "oneDNN (PackedLinear)": PackedLinear(layer)}
            for rows in INFERENCE_ROWS:
                x = torch.randn(rows, n_in, generator=gen)
                with torch.inference_mode():
                    secs = _median_seconds({k: (lambda m=m, x=x: m(x)) for k, m in inference.items()}, rounds, 3)
                flop = 2 * rows * n_in * n_out
                out.append({"threads": threads, "model": model, "layer": f"{n_in}→{n_out}", "rows": rows,
                            "pass": "inference", **{k: round(flop / s / 1e9, 1) for k, s in secs.items()}})
            training = {"MKL (nn.Linear)": layer, "oneDNN (OneDnnLinear)": OneDnnLinear(layer)}
            for rows in TRAINING_ROWS:
                x = torch.randn(rows, n_in, generator=gen, requires_grad=True)
                grad = torch.randn(rows, n_out, generator=gen)

                def step(m: nn.Module, x: torch.Tensor = x, grad: torch.Tensor = grad,
                         layer: nn.Linear = layer) -> None:
                    m(x).backward(grad)
                    layer.weight.grad = layer.bias.grad = x.grad = None

                secs = _median_seconds({k: (lambda m=m: step(m)) for k, m in training.items()}, rounds, 2)
                flop = 6 * rows * n_in * n_out
                out.append({"threads": threads, "model": model, "layer": f"{n_in}→{n_out}", "rows": rows,
                            "pass": "training", **{k: round(flop / s / 1e9, 1) for k, s in secs.items()}})
    return out


def predict_ab(threads: int, rounds: int) -> dict[str, Any]:
    """Median seconds of fp32 ``predict()`` over ``bench_predict.py``'s quick workload with MKL's layers and with
    oneDNN's prepacked ones (as shipped), alternating (ABBA) after a warm-up round, and whether they find the same
    entities."""
    import arapol
    import bench_predict as bp
    from arapol.inference import backend

    model = bp.build_models(bp.CACHE, ("ner",))["ner"]
    texts = bp.build_workload(model, 24, 1, (4, 6))["texts"]
    shipped = backend.packed_linear_supported, backend.onednn_linear_supported
    no_onednn = (lambda dtype: False), (lambda: False)  # read when a model is loaded: its nn.Linear layers stay (MKL)
    predictors = {}
    try:
        for name, kernels in (("MKL", no_onednn), ("oneDNN", shipped)):
            backend.packed_linear_supported, backend.onednn_linear_supported = kernels
            predictors[name] = arapol.load(model, dtype="fp32", backend="torch", threads=threads)
    finally:
        backend.packed_linear_supported, backend.onednn_linear_supported = shipped
    entities: dict[str, list] = {}

    def run(name: str) -> None:
        out = predictors[name].predict(texts, batch_size=32, progress=False)
        entities[name] = [[i, e["start"], e["end"], e["label"]] for i, o in enumerate(out) for e in o["entities"]]

    rounds_s = _round_times({k: (lambda k=k: run(k)) for k in predictors}, rounds, 1)
    times = {k: [round(t, 3) for t in v] for k, v in rounds_s.items()}
    med = {k: statistics.median(v) for k, v in times.items()}
    return {"threads": threads, "median_seconds": med, "mkl_over_onednn": round(med["oneDNN"] / med["MKL"], 3),
            "same_entities": entities["MKL"] == entities["oneDNN"], "seconds": times}


def summary(rows: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Per pass and thread count: the median over shapes and row counts of MKL's speed over oneDNN's."""
    groups: dict[str, list[float]] = {}
    for r in rows:
        mkl, onednn = (v for k, v in r.items() if k.startswith(("MKL", "oneDNN")))
        groups.setdefault(f"{r['pass']}, {r['threads']} thread{'s' if r['threads'] > 1 else ''}", []).append(
            mkl / onednn)
    return {k: {"mkl_over_onednn_median": round(statistics.median(v), 3), "min": round(min(v), 3),
                "max": round(max(v), 3), "cases": len(v)} for k, v in groups.items()}


def render(report: dict[str, Any]) -> str:
    """The README section: the summary, then the figures."""
    m = report["machine"]
    lines = [SECTION, "", f"_Written by `scripts/bench_linears.py`._ `{report['command']}` ({report['date'][:10]}; "
             f"{m['cpu']}, torch's CPU code {report['cpu_capability']}; arapol's choice here: "
             f"{report['arapol_choice']}; inference: oneDNN). GFLOP/s, median of {report['rounds']} rounds, "
             "the candidates alternating. MKL over oneDNN, median over shapes and row counts (min–max):", ""]
    lines += [f"- {k}: {v['mkl_over_onednn_median']}× ({v['min']}–{v['max']})" for k, v in report["summary"].items()]
    lines += [f"- whole fp32 `predict()`, {r['threads']} thread{'s' if r['threads'] > 1 else ''}: "
              f"{r['mkl_over_onednn']}× (median {r['median_seconds']['MKL']:.2f} s against "
              f"{r['median_seconds']['oneDNN']:.2f} s over {len(r['seconds']['MKL'])} alternating rounds; same "
              f"entities: {str(r['same_entities']).lower()})" for r in report.get("predict", [])]
    lines += ["", "| threads | model | layer | rows | pass | MKL | oneDNN |", "|---|---|---|---|---|---|---|"]
    for r in report["rows"]:
        mkl, onednn = (v for k, v in r.items() if k.startswith(("MKL", "oneDNN")))
        lines.append(f"| {r['threads']} | {r['model']} | {r['layer']} | {r['rows']} | {r['pass']} | {mkl} | {onednn} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, required=True, help="the JSON file to write (one per kind of CPU)")
    ap.add_argument("--readme", type=Path, default=ROOT / "benchmarks" / "README.md")
    ap.add_argument("--threads", default="1,2", help="thread counts, comma-separated (default 1,2)")
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--predict-rounds", type=int, default=8,
                    help="rounds of the whole predict() per kernel and thread count (0: leave it out)")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    import torch

    from arapol.inference.onednn import mkl_trains_faster

    threads = [int(t) for t in args.threads.split(",")]
    rows = [r for t in threads for r in measure(t, args.rounds)]
    predict = [predict_ab(t, args.predict_rounds) for t in threads] if args.predict_rounds else []
    report = {"command": "python scripts/bench_linears.py " + " ".join(sys.argv[1:] if argv is None else argv),
              "date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "machine": machine(1),
              "cpu_capability": torch.backends.cpu.get_cpu_capability(),
              "arapol_choice": f"training by {'MKL' if mkl_trains_faster() else 'oneDNN'}", "rounds": args.rounds,
              "summary": summary(rows), "predict": predict, "rows": rows}
    publish(args.out, report, args.readme, SECTION, render(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
