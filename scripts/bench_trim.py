"""Benchmark vocabulary trimming on CPU: full vs trimmed vs frozen-embedding e5 token classifiers.

For ``BertForTokenClassification`` (9 labels) on the offline multilingual-e5-small base, measures
the median training-step time (forward, backward, AdamW step; batch 16 x 24 tokens of Arabic;
wall clock, and process CPU time, which is steadier on a shared machine) with each optimizer asked
for (``fused``: the ``Trainer``'s default AdamW; ``plain``: ``torch.optim.AdamW()`` as a hand-written
loop gets it; with ``--bf16`` each also under bf16 autocast, as ``training.bf16: true`` trains), the
peak RSS (each configuration runs in its own subprocess) and the checkpoint size.
With ``--finetune`` it also fine-tunes ``configs/ner_e5small.yaml`` on the bundled corpus twice, full
and trimmed vocabulary (two processes at once, one thread each), and compares their dev and test F1.
Writes ``benchmarks/trim_cpu.json`` atomically and the trimming section of ``benchmarks/README.md``
(a run without ``--finetune`` keeps the previous fine-tuning figures).

    python scripts/bench_trim.py --threads 1 --steps 20 --bf16 --finetune
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_common import BENCH_README, machine, peak_rss_mb, publish, read_json, rel_path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
HEADING = "## Vocabulary trimming (offline e5-small)"
FINETUNE_CONFIG = ROOT / "configs" / "ner_e5small.yaml"
OPTIMIZERS = ("fused", "plain")
PRECISIONS = ("fp32", "bf16")
TRAIN_FILE = ROOT / "data" / "ner" / "train.jsonl"
OUTPUT = ROOT / "benchmarks" / "trim_cpu.json"
NUM_LABELS = 9
CONFIGS = ("full", "trimmed", "frozen_embeddings")
BUILT_IN_TEXTS = [
    "أكدت روسيا وإيران على ضرورة الحفاظ على الهدنة في حلب",
    "قال وزير الخارجية المصري سامح شكري إن المفاوضات ستستأنف الأسبوع المقبل في القاهرة",
    "أعلنت الحكومة الأردنية عن خطة جديدة لدعم اللاجئين السوريين في عمان",
    "التقى الرئيس الفرنسي إيمانويل ماكرون بنظيره الأمريكي في البيت الأبيض",
    "انتقد البرلمان الأوروبي قرار الحكومة التركية بشأن الصحفيين",
    "رحبت الأمم المتحدة بالاتفاق بين الأطراف اليمنية في ستوكهولم",
    "دعا الأمين العام لجامعة الدول العربية إلى وقف فوري لإطلاق النار في غزة",
    "وصل وفد من صندوق النقد الدولي إلى بيروت لبحث خطة الإنقاذ الاقتصادي",
]


def load_texts() -> tuple[list[str], str]:
    """The NER training texts if present, else a built-in handful of Arabic sentences."""
    if TRAIN_FILE.is_file():
        with TRAIN_FILE.open(encoding="utf-8") as handle:
            texts = [json.loads(line)["text"] for line in handle if line.strip()]
        return texts, str(TRAIN_FILE.relative_to(ROOT))
    return BUILT_IN_TEXTS, "built-in"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=1, help="torch intra-op threads (default 1)")
    parser.add_argument("--steps", type=int, default=20, help="timed steps after warm-up (default 20)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed warm-up steps (default 3)")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--seq-len", type=int, default=24)
    parser.add_argument("--optimizers", default=",".join(OPTIMIZERS),
                        help=f"comma-separated among {', '.join(OPTIMIZERS)} (default: both)")
    parser.add_argument("--bf16", action="store_true", help="also time each optimizer under bf16 autocast")
    parser.add_argument("--finetune", action="store_true",
                        help="also fine-tune the bundled NER corpus with the full and the trimmed vocabulary")
    parser.add_argument("--runs-dir", type=Path, default=ROOT / "runs" / "bench_trim")
    parser.add_argument("--out", type=Path, default=OUTPUT)
    parser.add_argument("--readme", type=Path, default=BENCH_README)
    parser.add_argument("--child", choices=CONFIGS, help=argparse.SUPPRESS)
    parser.add_argument("--optimizer", choices=OPTIMIZERS, default="fused", help=argparse.SUPPRESS)
    parser.add_argument("--precision", choices=PRECISIONS, default="fp32", help=argparse.SUPPRESS)
    parser.add_argument("--model", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def train_steps(args: argparse.Namespace) -> dict[str, Any]:
    """Child process: time training steps of one configuration and report its peak RSS."""
    import torch
    from transformers import AutoTokenizer, BertForTokenClassification
    from transformers.utils import logging

    from arapol.inference.onednn import mkl_trains_faster, onednn_linear_supported, use_onednn_linears

    logging.set_verbosity_error()
    logging.disable_progress_bar()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    texts, _ = load_texts()
    tokenizer = AutoTokenizer.from_pretrained(args.model)
    batch = tokenizer((texts * args.batch_size)[: args.batch_size], truncation=True, max_length=args.seq_len,
                      padding="max_length", return_tensors="pt")
    labels = torch.randint(0, NUM_LABELS, batch["input_ids"].shape)
    labels = labels.masked_fill(batch["attention_mask"] == 0, -100)
    model = BertForTokenClassification.from_pretrained(args.model, num_labels=NUM_LABELS).train()
    onednn = args.precision == "fp32" and onednn_linear_supported() and not mkl_trains_faster()
    if onednn:  # as arapol's training runs fp32 on CPU (where torch has AVX-512)
        use_onednn_linears(model)
    if args.child == "frozen_embeddings":
        model.bert.embeddings.word_embeddings.weight.requires_grad_(False)
    trainable = [parameter for parameter in model.parameters() if parameter.requires_grad]
    # fused: what the HF Trainer picks on torch >= 2.8 ("adamw_torch_fused"); plain: torch's own default
    optimizer = torch.optim.AdamW(trainable, lr=5e-5, fused=True if args.optimizer == "fused" else None)
    wall, cpu, opt_cpu = [], [], []
    autocast = torch.autocast("cpu", dtype=torch.bfloat16, enabled=args.precision == "bf16")
    for step in range(args.warmup + args.steps):
        start, start_cpu = time.perf_counter(), time.process_time()
        with autocast:
            loss = model(**batch, labels=labels).loss
        loss.backward()
        before_step = time.process_time()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        if step >= args.warmup:
            wall.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
            opt_cpu.append(time.process_time() - before_step)
    with tempfile.TemporaryDirectory() as folder:
        model.save_pretrained(folder)
        checkpoint = (Path(folder) / "model.safetensors").stat().st_size
    return {
        "vocab_size": model.config.vocab_size,
        "parameters": sum(parameter.numel() for parameter in model.parameters()),
        "trainable_parameters": sum(parameter.numel() for parameter in trainable),
        "step_seconds_median": statistics.median(wall),
        "step_seconds_min": min(wall),
        "step_cpu_seconds_median": statistics.median(cpu),
        "optimizer_cpu_seconds_median": statistics.median(opt_cpu),
        "peak_rss_bytes": int(peak_rss_mb() * 2**20),  # VmHWM: not the parent's RSS carried over the fork
        "checkpoint_bytes": checkpoint,
        "tokens_per_batch": int(batch["attention_mask"].sum()),
        "linear_layers": "oneDNN" if onednn else "torch (MKL in fp32, oneDNN in bf16)",
    }


def run_child(config: str, optimizer: str, precision: str, model: Path, args: argparse.Namespace) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", config, "--optimizer", optimizer, "--precision", precision,
               "--model", str(model),
               "--threads", str(args.threads), "--steps", str(args.steps), "--warmup", str(args.warmup),
               "--batch-size", str(args.batch_size), "--seq-len", str(args.seq_len)]
    env = dict(os.environ, OMP_NUM_THREADS=str(args.threads), TOKENIZERS_PARALLELISM="false")
    done = subprocess.run(command, check=True, capture_output=True, text=True, env=env)
    return json.loads(done.stdout.strip().splitlines()[-1])


def ratios(results: dict[str, dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Each configuration's figures over the full model's (same optimizer), and its speed-up."""
    full = results["full"]
    keys = {"step_time": "step_seconds_median", "step_cpu_time": "step_cpu_seconds_median",
            "peak_rss": "peak_rss_bytes", "checkpoint": "checkpoint_bytes",
            "trainable_parameters": "trainable_parameters"}
    out = {}
    for config, result in results.items():
        out[config] = {name: round(result[key] / full[key], 3) for name, key in keys.items()}
        out[config]["speedup_cpu"] = round(full["step_cpu_seconds_median"] / result["step_cpu_seconds_median"], 2)
    return out


def finetune(args: argparse.Namespace) -> dict[str, Any]:
    """Fine-tune the bundled NER corpus with the full and the trimmed vocabulary, at the same time."""
    procs = {}
    for name, trim in (("trimmed", True), ("full", False)):
        out = args.runs_dir / f"ner-e5-{name}"
        command = [sys.executable, "-m", "arapol.cli", "train", str(FINETUNE_CONFIG), "--no-resume",
                   "--set", f"trim_vocab={json.dumps(trim)}", "--set", f"output_dir={out}"]
        env = dict(os.environ, OMP_NUM_THREADS="1", TOKENIZERS_PARALLELISM="false")
        out.parent.mkdir(parents=True, exist_ok=True)
        log = open(out.with_suffix(".log"), "w", encoding="utf-8")  # noqa: SIM115 (closed below)
        procs[name] = (subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=ROOT), log, out,
                       time.monotonic())
    results = {}
    for name, (proc, log, out, start) in procs.items():
        if proc.wait() != 0:
            raise SystemExit(f"fine-tuning {name} failed; see {out.with_suffix('.log')}")
        log.close()
        metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
        results[name] = {"dev_f1": metrics["dev"]["f1"], "test_f1": metrics["test"]["f1"],
                         "train_runtime_s": metrics["train"]["runtime_s"], "wall_s": round(time.monotonic() - start, 1),
                         "checkpoint_bytes": (out / "model.safetensors").stat().st_size,
                         "folder": rel_path(out)}
    results["dev_f1_difference_points"] = round(100 * (results["trimmed"]["dev_f1"] - results["full"]["dev_f1"]), 2)
    return {"config": str(FINETUNE_CONFIG.relative_to(ROOT)), "threads": 1, "jobs": 2,
            "created": datetime.now(timezone.utc).isoformat(timespec="seconds"), **results}


def render(report: dict[str, Any]) -> str:
    """The README section: step time per optimizer, and the fine-tuning comparison."""
    s, m = report["settings"], report["machine"]
    lines = [HEADING, "",
             "_Written by `scripts/bench_trim.py` (edit the script, not this section); data in "
             "`benchmarks/trim_cpu.json`._", "",
             f"Token classification, {s['num_labels']} labels, batch {s['batch_size']} × {s['seq_len']} tokens, "
             f"{m['threads']} thread, median of {s['steps']} steps, texts from `{s['texts']}`; {m['cpu']}, "
             f"{m['cpu_count']} cores, load average at start {m['load_average']} (the CPU-time columns are the "
             f"steadier ones on a shared machine). Trimmed vocabulary: {report['trim_report']['vocab_after']:,} of "
             f"{report['trim_report']['vocab_before']:,} pieces.", "",
             "| optimizer | config | vocab | params (M) | trainable (M) | step ms | step CPU ms | optimizer CPU ms "
             "| peak RSS MiB | checkpoint MiB | speed-up (CPU) | RSS × | checkpoint × |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for opt, block in report["optimizers"].items():
        for config, r in block["results"].items():
            x = block["ratios_vs_full"][config]
            lines.append(
                f"| {opt} | {config} | {r['vocab_size']:,} | {r['parameters'] / 1e6:.1f} "
                f"| {r['trainable_parameters'] / 1e6:.1f} | {r['step_seconds_median'] * 1e3:.0f} "
                f"| {r['step_cpu_seconds_median'] * 1e3:.0f} | {r['optimizer_cpu_seconds_median'] * 1e3:.0f} "
                f"| {r['peak_rss_bytes'] / 2**20:,.0f} | {r['checkpoint_bytes'] / 2**20:,.0f} "
                f"| {x['speedup_cpu']:.2f}× | {x['peak_rss']:.2f} | {x['checkpoint']:.2f} |")
    lines += ["", "`fused` is the AdamW the `Trainer` uses (`adamw_torch_fused`); `plain` is "
              "`torch.optim.AdamW(params)` with torch's defaults (one tensor at a time on CPU); `bf16`: forward and "
              "loss under bf16 autocast (`training.bf16: true`). Target of the issue: trimmed ≥ 4× faster per step "
              "than full."]
    opts = report["optimizers"]
    linear = {r.get("linear_layers") for o, block in opts.items() if not o.endswith(", bf16")
              for r in block["results"].values()}
    if linear == {"oneDNN"}:
        lines.append("The fp32 rows run the linear layers by oneDNN, as arapol's training does in fp32 on CPU (torch's "
                     "MKL matrix product takes its AVX2 path on this AMD CPU).")
    for opt in [o for o in opts if not o.endswith(", bf16") and f"{o}, bf16" in opts]:
        full = opts[opt]["results"]["full"]["step_cpu_seconds_median"]
        trimmed = opts[f"{opt}, bf16"]["results"]["trimmed"]["step_cpu_seconds_median"]
        lines.append(f"Both together ({opt}): trimmed in bf16 against full in fp32, {full / trimmed:.2f}× per step "
                     "(CPU time).")
    ft = report.get("finetune")
    if ft:
        when = f", run {ft['created'][:10]}" if ft.get("created") else ""
        lines += ["", f"Fine-tuning `{ft['config']}` on the bundled corpus, full and trimmed vocabulary side by side "
                  f"({ft['jobs']} processes × {ft['threads']} thread{when}; strict entity F1 on exact character "
                  "spans):", "",
                  "| vocabulary | dev F1 | test F1 | train time s | wall s | checkpoint MiB |",
                  "|---|---:|---:|---:|---:|---:|"]
        for name in ("full", "trimmed"):
            r = ft[name]
            lines.append(f"| {name} | {r['dev_f1']:.4f} | {r['test_f1']:.4f} | {r['train_runtime_s']:.0f} "
                         f"| {r['wall_s']:.0f} | {r['checkpoint_bytes'] / 2**20:,.0f} |")
        lines += ["", f"Dev F1, trimmed minus full: {ft['dev_f1_difference_points']:+.2f} points (target: within 1)."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        print(json.dumps(train_steps(args)))
        return 0
    from arapol.base.offline import build_offline_base
    from arapol.base.trim import trim_vocabulary

    texts, source = load_texts()
    info = machine(args.threads)
    base = build_offline_base()
    report: dict[str, Any] = {"created": datetime.now(timezone.utc).isoformat(timespec="seconds"), "machine": info,
                              "command": "python scripts/bench_trim.py " + " ".join(argv or sys.argv[1:]),
                              "settings": {"model": "offline:multilingual-e5-small",
                                           "head": "BertForTokenClassification", "num_labels": NUM_LABELS,
                                           "batch_size": args.batch_size, "seq_len": args.seq_len,
                                           "warmup": args.warmup, "steps": args.steps, "lr": 5e-5,
                                           "texts": source, "num_texts": len(texts)}, "optimizers": {}}
    with tempfile.TemporaryDirectory() as folder:
        trimmed = Path(folder) / "trimmed"
        report["trim_report"] = trim_vocabulary(base, texts, trimmed)
        models = {"full": base, "trimmed": trimmed, "frozen_embeddings": base}
        for optimizer in args.optimizers.split(","):
            for precision in PRECISIONS if args.bf16 else PRECISIONS[:1]:
                results = {config: run_child(config, optimizer, precision, models[config], args)
                           for config in CONFIGS}
                name = optimizer if precision == "fp32" else f"{optimizer}, bf16"
                report["optimizers"][name] = {"results": results, "ratios_vs_full": ratios(results)}
    report["machine"]["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    previous = read_json(args.out) or {}
    if args.finetune:
        report["finetune"] = finetune(args)
    elif previous.get("finetune"):
        report["finetune"] = {**previous["finetune"], "created": previous["finetune"].get("created",
                                                                                            previous.get("created"))}
    publish(args.out, report, args.readme, HEADING, render(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
