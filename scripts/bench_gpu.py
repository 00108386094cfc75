"""predict() on a CUDA GPU: a BERT-base-shaped token classifier in bf16, model throughput and model FLOP
utilisation at batch sizes 32–512 (``predict()``'s model, the whole model cast to bf16, and beside it the same
weights with only the linear layers in bf16, run under autocast: the GPU path before 2026-12-05), and end-to-end
``predict_stream()`` tokens/s (the next chunk is normalised and tokenised in a background thread while the GPU runs
the current one).

The same random-weight model, locally trained tokenizer and news-like workload as ``scripts/bench_predict.py``
(built on the CPU, cached under ``--cache``). Model FLOP utilisation = useful forward FLOPs (the matrix
products of the unpadded pieces, attention included) per second over the GPU's dense bf16 peak
(``--peak-tflops``; known for H200/H100/A100 by name). Writes ``--out`` (JSON) atomically.

    python scripts/bench_gpu.py                     # on a machine with a CUDA GPU
    python scripts/bench_gpu.py --smoke             # the same code on CPU with a small workload: a check of the script
    python scripts/bench_gpu.py --host-only --out benchmarks/predict_host.json   # the host's ceiling, on CPU

``host_only`` (also ``--host-only``, on any CPU): ``predict_stream()`` with the model swapped for a stub that
answers at once, batched as on a GPU (no token budget), with Python's garbage collector paused as ``predict()``
pauses it and left running: what the host side alone allows end to end.

Its figures on an H200 (2026-12-04) are in ``benchmarks/README.md`` (``--render``); the whole run took 218 s there.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from arapol.checkpoint import write_json_atomic  # noqa: E402
from bench_common import BENCH_README, cpu_name, read_json, rel_path, versions, write_section  # noqa: E402
from bench_predict import BASE, build_models, build_workload, model_flops  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PEAK_BF16_TFLOPS = {"H200": 989.4, "H100": 989.4, "A100": 312.0, "L40S": 362.1, "L4": 121.0}
"""Dense bf16 tensor-core peaks (vendor data sheets, without sparsity), by a name the device name contains."""
BATCHES = (32, 64, 128, 256, 512)
HOST_HEADING = "## predict() host side (the ceiling a GPU cannot raise)"
GPU_HEADING = "## predict() on a GPU"


def peak_tflops(name: str, given: float | None) -> float:
    if given:
        return given
    for key, value in PEAK_BF16_TFLOPS.items():
        if key in name:
            return value
    raise SystemExit(f"unknown GPU {name!r}: give its dense bf16 peak with --peak-tflops")


def gemm_tflops(device: Any, size: int = 8192, reps: int = 10) -> float:
    """The GPU's measured bf16 matrix-product rate: ``size``³ products on random data, the mean of ``reps`` timed
    after three warm-ups (the ceiling the model's utilisation is also read against)."""
    import torch

    a, b = (torch.randn(size, size, device=device, dtype=torch.bfloat16) for _ in range(2))
    for _ in range(3):
        a @ b
    torch.cuda.synchronize(device)
    start = time.perf_counter()
    for _ in range(reps):
        a @ b
    torch.cuda.synchronize(device)
    return round(2 * size**3 * reps / (time.perf_counter() - start) / 1e12, 1)


def bf16_linears(folder: Path, device: Any) -> Any:
    """The token classifier of ``folder`` with its linear layers cast to bf16 (the rest float32), on ``device``."""
    import torch
    from transformers import AutoModelForTokenClassification

    model = AutoModelForTokenClassification.from_pretrained(folder).eval()
    for module in model.modules():
        if isinstance(module, torch.nn.Linear):
            module.to(torch.bfloat16)
    return model.to(device)


def model_throughput(predictor: Any, texts: list[str], batch: int, reps: int, device: Any, model: Any = None
                     ) -> dict[str, Any]:
    """The model alone on length-sorted padded batches of ``batch`` windows (inputs already on the device):
    ``predict()``'s own model as its runner runs it, or ``model`` under bf16 autocast."""
    import torch

    from arapol.inference.batching import length_sorted_batches, pad_arrays

    clf = predictor.ner
    windows = clf.prepare(texts).windows
    batches = []
    for idx in length_sorted_batches([len(w.input_ids) for w in windows], batch, None):
        arrays = pad_arrays([{"input_ids": windows[i].input_ids} for i in idx], clf.pad_id)
        batches.append({k: torch.from_numpy(v).to(device) for k, v in arrays.items()})
    pieces = [len(w.input_ids) for w in windows]
    padded = sum(int(b["input_ids"].numel()) for b in batches)
    own = model is None
    autocast = clf.runner.autocast if own else True
    model = clf.runner.model if own else model
    times = []
    with torch.inference_mode():
        for rep in range(reps + 1):  # the first run warms up (kernel choice, allocator)
            torch.cuda.synchronize(device) if device.type == "cuda" else None
            start = time.perf_counter()
            for b in batches:
                with torch.autocast(device.type, dtype=torch.bfloat16, enabled=autocast):
                    model(**b)
            torch.cuda.synchronize(device) if device.type == "cuda" else None
            if rep:
                times.append(time.perf_counter() - start)
    seconds = sorted(times)[len(times) // 2]
    how = "bf16 autocast" if autocast else "whole model in bf16" if clf.mode.dtype == "bf16" else clf.mode.dtype
    name = f"predict()'s ({how})" if own else "bf16 linear layers under autocast"
    return {"batch": batch, "model": name,
            "windows": len(windows), "pieces": sum(pieces), "padded_pieces": padded,
            "seconds": round(seconds, 4), "tokens_per_s": round(sum(pieces) / seconds),
            "useful_tflops": round(model_flops(pieces, BASE, 9) / seconds / 1e12, 2)}


def end_to_end(predictor: Any, texts: list[str], batch: int, chunk: int, workers: int = 0) -> dict[str, Any]:
    """``predict_stream()`` over ``texts``: tokenisation of the next chunk overlapped with the model (in a background
    thread, or in ``workers`` processes: ``prepare_workers``)."""
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(predictor.ner.folder)
    pieces = sum(len(x) for x in tok(texts, add_special_tokens=False, verbose=False)["input_ids"])
    for _ in predictor.predict_stream(texts[:chunk], chunk_size=chunk, batch_size=batch):  # warm-up
        pass
    start = time.perf_counter()  # (the workers' start, a few seconds, counts: predict_stream starts them)
    count = sum(1 for _ in predictor.predict_stream(texts, chunk_size=chunk, batch_size=batch,
                                                    prepare_workers=workers))
    seconds = time.perf_counter() - start
    return {"batch": batch, "chunk_size": chunk, "prepare_workers": workers, "texts": count, "pieces": pieces,
            "seconds": round(seconds, 3), "tokens_per_s": round(pieces / seconds)}


def host_only(predictor: Any, texts: list[str], batch: int, chunk: int, collector: bool, workers: int = 0
              ) -> dict[str, Any]:
    """:func:`end_to_end` with the model swapped for a stub that answers at once (seeded random logits, ``O``
    favoured so that most words fall outside any entity, as in news): the host's own ceiling — normalising,
    tokenising, windowing, batching, decoding — which no GPU can raise. ``collector``: leave Python's cyclic
    garbage collector running where ``predict()`` pauses it (the A/B of :mod:`arapol.inference.gcpause`)."""
    import numpy as np

    from arapol.inference import gcpause

    clf = predictor.ner
    rng = np.random.default_rng(0)
    outside = clf.tags.index("O")

    def stub(inputs: dict[str, Any]) -> Any:
        logits = rng.standard_normal((*inputs["input_ids"].shape, len(clf.tags)), dtype=np.float32)
        logits[..., outside] += 3.0
        return logits

    class KeepOn:  # gc as paused_gc sees it, with disable() doing nothing
        isenabled, enable = staticmethod(gc.isenabled), staticmethod(gc.enable)

        @staticmethod
        def disable() -> None:
            return None

    real = clf.runner, clf.max_batch_tokens, gcpause.gc
    clf.runner, clf.max_batch_tokens = stub, None  # batched as on a GPU
    gcpause.gc = KeepOn if collector else real[2]
    try:
        return {**end_to_end(predictor, texts, batch, chunk, workers), "model": "stub (no model time)",
                "gc": "on (collector left running)" if collector else "paused (as predict() runs)"}
    finally:
        clf.runner, clf.max_batch_tokens, gcpause.gc = real


def render_host(report: dict[str, Any]) -> str:
    """The README section of a ``--host-only`` run."""
    rows = report["host_only"]
    base = next(r for r in rows if r["gc"].startswith("on"))
    lines = [HOST_HEADING, "",
             f"_Written by `scripts/bench_gpu.py --host-only` from `{report['out']}`. Command: `{report['command']}`; "
             f"{report['date']}; {report['device']}; {report['workload']['sentences']:,} news-length sentences and "
             f"{report['workload']['articles']} articles, {rows[0]['pieces']:,} pieces._", "",
             "`predict_stream()` over the bench's workload (chunks of "
             f"{rows[0]['chunk_size']:,} texts, batches of {rows[0]['batch']}, no token budget: batched as on a GPU; "
             "the next chunk normalised, tokenised and windowed in a background thread, or in worker processes: "
             "`prepare_workers`) with the model swapped "
             "for a stub that answers at once (seeded random logits, `O` favoured). What is left is the host's own "
             "work — normalising, tokenising, windowing, batching, decoding entities: end to end on a GPU cannot "
             "go faster than this, whatever the GPU. The workers' start (spawned processes) counts in their rows.",
             "", "| prepare workers | garbage collector | seconds | tokens/s | × collector left on |",
             "|---:|---|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r.get('prepare_workers', 0)} | {r['gc']} | {r['seconds']:.2f} | {r['tokens_per_s']:,} "
                     f"| {r['tokens_per_s'] / base['tokens_per_s']:.2f}× |")
    return "\n".join(lines)


def render_gpu(report: dict[str, Any], source: str, repeats: list[tuple[dict[str, Any], str]] = ()) -> str:
    """The README section of a GPU run (``--render``): the model alone per batch size, then end to end; each of
    ``repeats`` (another run's report and file) in a column of its own beside the first."""
    measured = report.get("measured_bf16_tflops")
    files = " ".join([source, *(name for _, name in repeats)])
    host = max((r for r in report["host_only"] if not r.get("prepare_workers")), key=lambda r: r["tokens_per_s"])
    lines = [GPU_HEADING, "",
             f"_Written by `scripts/bench_gpu.py --render {files}` from a run of `{report['command']}` on "
             f"{report['device']}; {report['date']}; torch {report['versions']['torch']}, transformers "
             f"{report['versions']['transformers']}; {report['workload']['sentences']:,} news-length sentences and "
             f"{report['workload']['articles']} articles; BERT-base shape, random weights, 9 labels._", "",
             f"Utilisation is the useful forward FLOPs (matrix products of the unpadded pieces, attention included) "
             f"per second over the data sheet's dense bf16 peak ({report['peak_bf16_tflops']:g} TFLOP/s)"
             + (f", and over a bf16 8192³ matrix product measured in the same run ({measured:g} TFLOP/s)"
                if measured else "") + ". `predict()'s` is the model as `arapol.load(..., dtype=\"bf16\")` ran it "
             "on the day of the run: until 2026-12-05 bf16 linear layers under autocast (beside it, `whole model in "
             "bf16`: the same weights cast whole, run without autocast); since then the whole model cast to bf16 "
             "(beside it, `bf16 linear layers under autocast`: the earlier path). "
             "Inputs are already on the GPU, batches length-sorted.", "",
             "| model | batch | tokens/s | useful TFLOP/s | of data-sheet peak | of measured matmul |"
             + "".join(f" of peak, other run {i + 1} |" for i in range(len(repeats))),
             "|---|---:|---:|---:|---:|---:|" + "---:|" * len(repeats)]
    for r in report["model_only"]:
        share = f"{r['share_of_measured']:.1%}" if r.get("share_of_measured") is not None else "—"
        again = [next((f"{x['mfu']:.1%}" for x in rep["model_only"] if (x["model"], x["batch"]) ==
                       (r["model"], r["batch"])), "—") for rep, _ in repeats]
        lines.append(f"| {r['model']} | {r['batch']} | {r['tokens_per_s']:,} | {r['useful_tflops']:g} "
                     f"| {r['mfu']:.1%} | {share} |" + "".join(f" {a} |" for a in again))
    chunk = report["end_to_end"][0]["chunk_size"]
    lines += ["", f"End to end, `predict_stream()` over the workload (chunks of {chunk:,} texts; "
              "the next chunk normalised, tokenised and windowed while the GPU runs the current one: in a "
              "background thread, or with `prepare_workers` in that many worker processes). The host side alone "
              f"(model swapped for a stub, no workers) ran at {host['tokens_per_s']:,} tokens/s on that machine's "
              "CPU.", "", "| prepare workers | batch | seconds | tokens/s |", "|---:|---:|---:|---:|"]
    lines += [f"| {r.get('prepare_workers', 0)} | {r['batch']} | {r['seconds']:.2f} | {r['tokens_per_s']:,} |"
              for r in report["end_to_end"]]
    if "targets" in report:
        t = report["targets"]
        lines += ["", f"Targets (issue #6): model utilisation ≥ 30 % of the bf16 peak: "
                  f"{t['model_mfu']['measured']:.1%}, {'met' if t['model_mfu']['met'] else '**not met**'}; "
                  f"end to end ≥ 200,000 tokens/s: {t['end_to_end_tokens_per_s']['measured']:,}, "
                  f"{'met' if t['end_to_end_tokens_per_s']['met'] else '**not met**'}."]
    for i, (rep, name) in enumerate(repeats):
        e2e = ", ".join(f"batch {r['batch']} {r['tokens_per_s']:,}" for r in rep["end_to_end"]) or "none"
        host = max(r["tokens_per_s"] for r in rep["host_only"])
        lines += ["", f"Other run {i + 1} (`{name}`, {rep['date']}, `{rep['command']}`): host side alone {host:,} "
                  f"tokens/s; end to end {e2e}" + ("" if "targets" in rep else
                                                    " (it stopped at its time limit before the rest)") + "."]
    return "\n".join(lines)


def host_readme(args: argparse.Namespace) -> Path | None:
    """Where a ``--host-only`` run writes its README section: a smoke check (``--smoke --host-only``) writes none
    unless ``--readme`` names a file, never over the committed host figures."""
    return None if args.smoke and args.readme == BENCH_README else args.readme


def default_out(args: argparse.Namespace) -> Path:
    """Where a run writes without ``--out``: a smoke check or a host-only run wrote over the committed GPU figures
    (``benchmarks/predict_gpu.json``)."""
    if args.smoke:
        return args.cache / "predict_gpu_smoke.json"
    return ROOT / "benchmarks" / ("predict_host.json" if args.host_only else "predict_gpu.json")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sentences", type=int, default=20000, help="sentences in the workload (smoke: 40)")
    ap.add_argument("--articles", type=int, default=100, help="long articles in the workload (smoke: 2)")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--peak-tflops", type=float, default=None, help="the GPU's dense bf16 peak (TFLOP/s)")
    ap.add_argument("--chunk-size", type=int, default=8192, help="predict_stream's chunk size")
    ap.add_argument("--prepare-workers", type=int, nargs="+", default=[0], metavar="N",
                    help="predict_stream's prepare_workers, each measured (0: the background thread)")
    ap.add_argument("--smoke", action="store_true", help="run on CPU with a tiny workload (checks the script)")
    ap.add_argument("--host-only", action="store_true",
                    help="only the host's ceiling (model swapped for a stub), on the CPU: no GPU needed")
    ap.add_argument("--cache", type=Path, default=ROOT / "runs" / "bench_predict")
    ap.add_argument("--out", type=Path, default=None,
                    help="default: benchmarks/predict_gpu.json; --host-only: benchmarks/predict_host.json; --smoke: "
                         "CACHE/predict_gpu_smoke.json (a check, never over the committed figures)")
    ap.add_argument("--readme", type=Path, default=BENCH_README, help="where --host-only and --render write")
    ap.add_argument("--render", type=Path, nargs="+", default=None, metavar="JSON",
                    help="only write the README section of a GPU run's JSON, and of repeats after it (no measuring)")
    args = ap.parse_args(argv)
    if args.render:
        runs = [(read_json(f), rel_path(f)) for f in args.render]
        # (a repeat may have stopped at its time limit before its end-to-end rows: rendered as none)
        for k, ((report, _), f) in enumerate(zip(runs, args.render)):
            if "host_only" not in report or "model_only" not in report or (k == 0 and not report.get("end_to_end")):
                raise SystemExit(f"--render {f}: no report of a GPU run there (a JSON that bench_gpu.py wrote "
                                 "without --host-only is expected)")
        main_run, *repeats = runs
        write_section(args.readme, GPU_HEADING, render_gpu(*main_run, repeats))
        print(f"wrote {args.readme}")
        return 0
    args.out = args.out or default_out(args)
    args.out.parent.mkdir(parents=True, exist_ok=True)

    import torch

    import arapol

    if args.smoke or args.host_only:
        device, name, peak = torch.device("cpu"), "cpu (smoke test)" if args.smoke else f"cpu ({cpu_name()})", 1.0
        n_sent, n_art = (40, 2) if args.smoke else (args.sentences, args.articles)
        batches = (4, 8) if args.smoke else ()
    else:
        if not torch.cuda.is_available():
            raise SystemExit("no CUDA GPU here (use --smoke to check the script on CPU)")
        device = torch.device("cuda")
        name = torch.cuda.get_device_name(device)
        peak = peak_tflops(name, args.peak_tflops)
        n_sent, n_art, batches = args.sentences, args.articles, BATCHES
    args.cache.mkdir(parents=True, exist_ok=True)
    folder = build_models(args.cache, ("ner",))["ner"]
    texts = build_workload(folder, n_sent, n_art)["texts"]
    predictor = arapol.load(folder, device=device.type, dtype="bf16" if device.type == "cuda" else "fp32")
    report: dict[str, Any] = {
        "command": "python scripts/bench_gpu.py " + " ".join(sys.argv[1:] if argv is None else argv),
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "device": name,
        "peak_bf16_tflops": peak, "versions": versions(("torch", "transformers", "tokenizers")),
        "model": {**BASE, "num_labels": 9, "weights": "random (speed only)"},
        "workload": {"sentences": n_sent, "articles": n_art}, "model_only": [], "end_to_end": []}
    chunk = min(args.chunk_size, len(texts))
    runs = [(0, False), (0, True), *((w, False) for w in args.prepare_workers if w)]
    report["host_only"] = [host_only(predictor, texts, max(batches or BATCHES), chunk, collector, w)
                           for w, collector in runs]
    for row in report["host_only"]:
        print(f"host only (stub model), {row['prepare_workers']} prepare workers, gc {row['gc']}: "
              f"{row['tokens_per_s']:,} tokens/s", flush=True)
    if args.host_only:
        report["out"] = rel_path(args.out)
        write_json_atomic(args.out, report)
        if (readme := host_readme(args)) is None:
            print(f"wrote {args.out} (a smoke check: the README is written only where --readme names one)")
        else:
            write_section(readme, HOST_HEADING, render_host(report))
            print(f"wrote {args.out} and {readme}")
        return 0
    # beside predict()'s model (cast whole to bf16), the same weights with only the linear layers in bf16 under
    # autocast: the GPU path before 2026-12-05, what the whole cast gains
    linears = bf16_linears(folder, device) if device.type == "cuda" else None
    report["measured_bf16_tflops"] = gemm_tflops(device) if device.type == "cuda" else None
    print(f"bf16 matrix product: {report['measured_bf16_tflops']} TFLOP/s measured, {peak} data sheet", flush=True)
    for b in batches:
        for model in (None, linears) if linears is not None else (None,):
            row = model_throughput(predictor, texts, b, args.reps, device, model)
            row["mfu"] = round(row["useful_tflops"] / peak, 3)
            if report["measured_bf16_tflops"]:
                row["share_of_measured"] = round(row["useful_tflops"] / report["measured_bf16_tflops"], 3)
            report["model_only"].append(row)
            write_json_atomic(args.out, report)  # a run stopped at its time limit keeps the rows so far
            print(f"model ({row['model']}), batch {b}: {row['tokens_per_s']:,} tokens/s, "
                  f"{row['useful_tflops']} TFLOP/s, MFU {row['mfu']:.1%}", flush=True)
    for w in args.prepare_workers:
        for b in batches:
            row = end_to_end(predictor, texts, b, chunk, w)
            report["end_to_end"].append(row)
            write_json_atomic(args.out, report)
            print(f"predict_stream, batch {b}, {w} prepare workers: {row['tokens_per_s']:,} tokens/s", flush=True)
    best_mfu = max(r["mfu"] for r in report["model_only"] if r["model"].startswith("predict"))
    best_e2e = max(r["tokens_per_s"] for r in report["end_to_end"])
    report["targets"] = {"model_mfu": {"target": 0.30, "measured": best_mfu, "met": best_mfu >= 0.30},
                         "end_to_end_tokens_per_s": {"target": 200000, "measured": best_e2e,
                                                     "met": best_e2e >= 200000}}
    write_json_atomic(args.out, report)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
