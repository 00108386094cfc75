"""Peak memory of training, with and without gradient checkpointing, in one run.

Trains ``--config`` for ``--steps`` optimizer steps once per setting (``training.activation_checkpointing``
false, then true), each in its own ``arapol train`` subprocess with one thread, and records the
subprocess's peak resident set size (``wait4``) and the Trainer's seconds per step. The Trainer groups
batches by length and puts the longest batch first, so a few steps already reach the peak of a full run.
Writes ``benchmarks/train_memory.json`` and the ``## Training memory`` section of ``benchmarks/README.md``.

    python scripts/bench_train_memory.py                                   # ANERcorp (../shared/data)
    python scripts/bench_train_memory.py --config configs/ner_e5small.yaml # the bundled corpus
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_common import BENCH_README, ROOT, machine, publish, rel_path  # noqa: E402

OUTPUT = ROOT / "benchmarks" / "train_memory.json"
HEADING = "## Training memory"
SETTINGS = (False, True)


def run_once(config: Path, steps: int, checkpointing: bool, work: Path) -> dict[str, Any]:
    """One ``arapol train`` subprocess: peak RSS, wall time and the Trainer's seconds per step."""
    out = work / f"gc-{str(checkpointing).lower()}"
    # no dev evaluation, checkpoint or best-model reload inside the timed run: the Trainer's runtime is the steps'
    command = [sys.executable, "-m", "arapol.cli", "train", str(config), "--set", f"output_dir={out}",
               "--set", f"training.max_steps={steps}",
               "--set", f"training.activation_checkpointing={str(checkpointing).lower()}",
               "--set", "training.eval_strategy='no'", "--set", "training.save_strategy='no'",
               "--set", "training.load_best_model_at_end=false"]
    env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", TOKENIZERS_PARALLELISM="false")
    start = time.monotonic()
    with open(work / f"gc-{str(checkpointing).lower()}.log", "w", encoding="utf-8") as log:
        proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"arapol train failed (activation_checkpointing={checkpointing}); see {log.name}")
    runtime = json.loads((out / "metrics.json").read_text(encoding="utf-8"))["train"]["runtime_s"]
    return {"gradient_checkpointing": checkpointing, "steps": steps, "peak_rss_mb": round(usage.ru_maxrss / 1024),
            "train_s": runtime, "s_per_step": round(runtime / steps, 2), "wall_s": round(time.monotonic() - start, 1)}


def render(report: dict[str, Any]) -> str:
    """The README section."""
    rows = report["rows"]
    base = rows[0]
    m = report["machine"]
    lines = [HEADING, "", "_Written by `scripts/bench_train_memory.py` (edit the script, not this section); data in "
             f"`benchmarks/train_memory.json`. Command: `{report['command']}`; {report['finished']}._", "",
             f"`{report['config']}`, first {base['steps']} optimizer steps (the longest batch comes first), one "
             f"`arapol train` subprocess per row, 1 thread; {m['cpu']}, load average at start "
             f"{m['load_average']}.", "",
             "| gradient checkpointing | peak RSS MiB | RSS × | s / step | time × |", "|---|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {'yes' if r['gradient_checkpointing'] else 'no'} | {r['peak_rss_mb']:,} "
                     f"| {r['peak_rss_mb'] / base['peak_rss_mb']:.2f} | {r['s_per_step']} "
                     f"| {r['s_per_step'] / base['s_per_step']:.2f} |")
    lines += ["", "Peak RSS covers the whole process (base model, vocabulary trimming, features, the training "
              "step); `training.activation_checkpointing: true` recomputes each layer's activations in the backward "
              "pass instead of keeping them."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--config", type=Path, default=ROOT / "configs" / "ner_anercorp_e5small.yaml")
    ap.add_argument("--steps", type=int, default=8, help="optimizer steps per setting (default 8)")
    ap.add_argument("--out", type=Path, default=OUTPUT)
    ap.add_argument("--readme", type=Path, default=BENCH_README)
    args = ap.parse_args(argv)
    config = args.config.resolve()
    report = {"command": " ".join(["python scripts/bench_train_memory.py", *(sys.argv[1:] if argv is None else argv)]),
              "config": rel_path(config),
              "machine": machine(1), "rows": []}
    with tempfile.TemporaryDirectory(prefix="arapol-train-memory-") as tmp:
        for checkpointing in SETTINGS:
            row = run_once(config, args.steps, checkpointing, Path(tmp))
            print(row, flush=True)
            report["rows"].append(row)
    report["finished"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
    publish(args.out, report, args.readme, HEADING, render(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
