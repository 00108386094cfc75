"""The time that whole blocks of rows and pieces cost ``predict()`` on CPU: an A/B in one process.

oneDNN keeps a compiled kernel, with its own scratch memory, for every row count and matrix shape it meets, so
``predict()`` multiplies whole blocks of rows (:data:`arapol.inference.onednn.ROW_BLOCK`) and pads attention's
pieces to whole blocks (:data:`arapol.inference.cpu_attention.PIECE_BLOCK`); that keeps the memory of a long run
flat (``bench_memory.py``), and the piece blocks keep a text's results independent of its batch. This measures
what it costs in time: the same predictor, the same texts, with the blocks as shipped, with attention's pieces
not padded, and with both set to 1 (no padding), in alternating order (ABBA), after a warm-up of each. BERT-base
shape with random weights (``bench_predict.py``'s model and workload), one thread.

    python scripts/bench_blocks.py           # about 3 minutes on 2 cores; benchmarks/predict_blocks.json
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_predict as bp  # noqa: E402
from bench_common import machine, publish, rel_path  # noqa: E402

OUTPUT = bp.ROOT / "benchmarks" / "predict_blocks.json"
SECTION = "## Whole row blocks: their time cost"
VARIANTS = ("shipped", "rows only", "off")
"""The settings compared: ``shipped`` (both blocks as in the package), ``rows only`` (attention's pieces not padded)
and ``off`` (both 1)."""


def blocks(variant: str, shipped: tuple[int, int]) -> tuple[int, int]:
    """``(ROW_BLOCK, PIECE_BLOCK)`` of ``variant``."""
    return {"shipped": shipped, "rows only": (shipped[0], 1), "off": (1, 1)}[variant]


def measure(model: Path, texts: list[str], dtype: str, rounds: int) -> dict[str, Any]:
    """Median seconds of ``predict(texts)`` per variant of ``dtype`` (rounds in ABBA order) and whether the
    entities are the same in every variant."""
    import arapol
    from arapol.inference import cpu_attention, onednn

    shipped = (onednn.ROW_BLOCK, cpu_attention.PIECE_BLOCK)
    p = arapol.load(model, dtype=dtype, backend="torch", threads=1)
    times: dict[str, list[float]] = {v: [] for v in VARIANTS}
    entities: dict[str, list] = {}
    try:
        for r in range(rounds + 1):  # round 0 warms each variant's kernels up and is not counted
            for v in VARIANTS if r % 2 == 0 else VARIANTS[::-1]:
                onednn.ROW_BLOCK, cpu_attention.PIECE_BLOCK = blocks(v, shipped)
                t = time.perf_counter()
                out = p.predict(texts, batch_size=32, progress=False)
                if r:
                    times[v].append(time.perf_counter() - t)
                entities[v] = [[i, e["start"], e["end"], e["label"]] for i, o in enumerate(out) for e in o["entities"]]
    finally:
        onednn.ROW_BLOCK, cpu_attention.PIECE_BLOCK = shipped
    med = {v: statistics.median(ts) for v, ts in times.items()}
    return {"blocks": {v: list(blocks(v, shipped)) for v in VARIANTS}, "seconds": times, "median_seconds": med,
            "cost_vs_off": {v: round(med[v] / med["off"] - 1, 4) for v in VARIANTS if v != "off"},
            "same_entities_as_off": {v: entities[v] == entities["off"] for v in VARIANTS if v != "off"}}


def render(report: dict[str, Any]) -> str:
    w = report["workload"]
    lines = [SECTION, "", f"_Written by `scripts/bench_blocks.py`. Command: `{report['command']}`; "
             f"{report['created']}; runtime {report['runtime_s']} s._", "",
             "What whole blocks cost in time: the row blocks keep `predict_stream()`'s memory flat (see \"Memory "
             "of `predict_stream()`\" above), the piece blocks keep a text's results independent of its batch "
             "(and oneDNN's bf16 kernels few). The same predictor and texts with the blocks as shipped, with "
             "attention's pieces not padded (`rows only`) and with both block sizes set to 1, alternating "
             f"(ABBA) over {report['rounds']} rounds after a warm-up, in one process, one thread. BERT-base shape, "
             f"random weights; {w['texts']} texts, {w['pieces']} pieces. Load average before/after: "
             f"{report['machine']['load_average']} / {report['load_average_end']}.", "",
             "| dtype | setting | ROW_BLOCK, PIECE_BLOCK | median s | cost vs off | same entities as off |",
             "|---|---|---|---:|---:|---|"]
    for dtype, r in report["results"].items():
        for v, med in r["median_seconds"].items():
            cost = f"{100 * r['cost_vs_off'][v]:+.1f} %" if v in r["cost_vs_off"] else "—"
            same = str(r["same_entities_as_off"].get(v, "—")).lower()
            lines.append(f"| {dtype} | {v} | {', '.join(map(str, r['blocks'][v]))} | {med:.3f} | {cost} | {same} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=6, help="timed rounds per variant (even: ABBA balances order)")
    ap.add_argument("--sentences", type=int, default=96)
    ap.add_argument("--articles", type=int, default=1)
    ap.add_argument("--dtypes", default="fp32,bf16")
    ap.add_argument("--out", type=Path, default=OUTPUT)
    ap.add_argument("--readme", type=Path, default=bp.README)
    args = ap.parse_args(argv)
    sys.path.insert(0, str(bp.ROOT / "src"))
    import torch

    torch.set_num_threads(1)
    start = time.time()
    model = bp.build_models(bp.CACHE, ("ner",))["ner"]
    work = bp.build_workload(model, args.sentences, args.articles)
    report: dict[str, Any] = {
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "command": " ".join(["python scripts/bench_blocks.py", *(sys.argv[1:] if argv is None else argv)]),
        "machine": machine(1), "model": rel_path(model), "rounds": args.rounds,
        "workload": {"texts": len(work["texts"]), "pieces": work["stats"]["total_tokens"]}, "results": {}}
    for dtype in args.dtypes.split(","):
        report["results"][dtype] = measure(model, work["texts"], dtype, args.rounds)
        print(dtype, report["results"][dtype]["median_seconds"], report["results"][dtype]["cost_vs_off"], flush=True)
    report["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    report["runtime_s"] = round(time.time() - start, 1)
    publish(args.out, report, args.readme, SECTION, render(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
