"""Benchmark vocabulary trimming on CPU: full vs trimmed vs frozen-embedding e5 token classifiers.

For ``BertForTokenClassification`` (9 labels) on the offline multilingual-e5-small base, measures
the median training-step time (forward, backward, AdamW step; batch 16 x 24 tokens of Arabic;
wall clock, and process CPU time, which is steadier on a shared machine),
the peak RSS (each configuration runs in its own subprocess) and the checkpoint size, then writes
``benchmarks/trim_cpu.json`` atomically and prints a Markdown table.

    python scripts/bench_trim.py --threads 1 --steps 20
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
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
    parser.add_argument("--out", type=Path, default=OUTPUT)
    parser.add_argument("--child", choices=CONFIGS, help=argparse.SUPPRESS)
    parser.add_argument("--model", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def train_steps(args: argparse.Namespace) -> dict[str, Any]:
    """Child process: time training steps of one configuration and report its peak RSS."""
    import torch
    from transformers import AutoTokenizer, BertForTokenClassification
    from transformers.utils import logging

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
    if args.child == "frozen_embeddings":
        model.bert.embeddings.word_embeddings.weight.requires_grad_(False)
    trainable = [parameter for parameter in model.parameters() if parameter.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=5e-5, fused=True)  # the HF Trainer default on torch>=2.8
    wall, cpu = [], []
    for step in range(args.warmup + args.steps):
        start, start_cpu = time.perf_counter(), time.process_time()
        model(**batch, labels=labels).loss.backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        if step >= args.warmup:
            wall.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
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
        "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "checkpoint_bytes": checkpoint,
        "tokens_per_batch": int(batch["attention_mask"].sum()),
    }


def run_child(config: str, model: Path, args: argparse.Namespace) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", config, "--model", str(model),
               "--threads", str(args.threads), "--steps", str(args.steps), "--warmup", str(args.warmup),
               "--batch-size", str(args.batch_size), "--seq-len", str(args.seq_len)]
    env = dict(os.environ, OMP_NUM_THREADS=str(args.threads), TOKENIZERS_PARALLELISM="false")
    done = subprocess.run(command, check=True, capture_output=True, text=True, env=env)
    return json.loads(done.stdout.strip().splitlines()[-1])


def machine_info(threads: int) -> dict[str, Any]:
    import torch
    import transformers

    cpu = platform.processor() or "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        names = [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                 if line.startswith("model name")]
        cpu = names[0] if names else cpu
    return {"cpu": cpu, "cpu_count": os.cpu_count(), "threads": threads, "torch": torch.__version__,
            "transformers": transformers.__version__, "python": platform.python_version(),
            "platform": platform.platform()}


def ratios(results: dict[str, dict[str, Any]]) -> dict[str, dict[str, float]]:
    full = results["full"]
    keys = {"step_time": "step_seconds_median", "step_cpu_time": "step_cpu_seconds_median",
            "peak_rss": "peak_rss_bytes",
            "checkpoint": "checkpoint_bytes", "trainable_parameters": "trainable_parameters"}
    return {config: {name: round(result[key] / full[key], 3) for name, key in keys.items()}
            for config, result in results.items()}


def markdown(results: dict[str, dict[str, Any]], vs_full: dict[str, dict[str, float]]) -> str:
    rows = ["| configuration | vocab | params (M) | trainable (M) | step ms (median) | step CPU ms "
            "| peak RSS MiB | checkpoint MiB | step × | CPU × | RSS × | checkpoint × |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for config, result in results.items():
        ratio = vs_full[config]
        rows.append(
            f"| {config} | {result['vocab_size']:,} | {result['parameters'] / 1e6:.1f} "
            f"| {result['trainable_parameters'] / 1e6:.1f} | {result['step_seconds_median'] * 1e3:.0f} "
            f"| {result['step_cpu_seconds_median'] * 1e3:.0f} | {result['peak_rss_bytes'] / 2**20:,.0f} "
            f"| {result['checkpoint_bytes'] / 2**20:,.0f} | {ratio['step_time']:.2f} "
            f"| {ratio['step_cpu_time']:.2f} | {ratio['peak_rss']:.2f} | {ratio['checkpoint']:.2f} |"
        )
    return "\n".join(rows)


def write_atomically(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, suffix=".tmp",
                                     delete=False) as handle:
        json.dump(data, handle, ensure_ascii=False, indent=2)
        handle.write("\n")
    os.replace(handle.name, path)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        print(json.dumps(train_steps(args)))
        return 0
    from arapol.base.offline import build_offline_base
    from arapol.base.trim import trim_vocabulary

    texts, source = load_texts()
    load_before = os.getloadavg()[0]
    base = build_offline_base()
    with tempfile.TemporaryDirectory() as folder:
        trimmed = Path(folder) / "trimmed"
        trim_report = trim_vocabulary(base, texts, trimmed)
        models = {"full": base, "trimmed": trimmed, "frozen_embeddings": base}
        results = {config: run_child(config, models[config], args) for config in CONFIGS}
    vs_full = ratios(results)
    load = {"load_average_1min": {"start": load_before, "end": os.getloadavg()[0]}}
    write_atomically(args.out, {
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": machine_info(args.threads) | load,
        "settings": {"model": "offline:multilingual-e5-small", "head": "BertForTokenClassification",
                     "num_labels": NUM_LABELS, "batch_size": args.batch_size, "seq_len": args.seq_len,
                     "warmup": args.warmup, "steps": args.steps, "optimizer": "AdamW fused, lr=5e-5",
                     "texts": source, "num_texts": len(texts)},
        "trim_report": trim_report,
        "results": results,
        "ratios_vs_full": vs_full,
    })
    print(markdown(results, vs_full))
    print(f"\nwritten: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
