"""Seed spread of a bundled config: the same training at several seeds, one ``arapol train`` process each.

    python scripts/bench_seeds.py                                  # configs/ner_e5small.yaml, seeds 13-17
    python scripts/bench_seeds.py --seeds 13 14 15 --set trim_vocab=false    # the same, full vocabulary
    python scripts/bench_seeds.py --config configs/stance_e5small.yaml --seeds 13 14 15

Writes ``benchmarks/seeds.json`` (one entry per config and overrides: each seed's dev and test scores, its
training time, the thread count and the machine) and the "Seed spread" section of ``benchmarks/README.md``,
with the paired difference (same seeds) of each overridden entry against the plain config's. A finished run
in ``--runs-dir`` is reused when its resolved config is the one asked for, unless ``--force``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench_common import BENCH_README, ROOT, machine, publish, read_json, rel_path

sys.path.insert(0, str(ROOT / "src"))
from transformers import TrainingArguments  # noqa: E402

from arapol.cli.train import overrides  # noqa: E402
from arapol.config import load_config  # noqa: E402

OUTPUT = ROOT / "benchmarks" / "seeds.json"
HEADING = "## Seed spread (bundled corpora)"


def metric_of(metrics: dict[str, Any]) -> str:
    """The headline score of a model's ``metrics.json``: NER entity F1, stance macro-F1."""
    return "f1" if "f1" in metrics.get("test", metrics.get("dev", {})) else "macro_f1"


def _resolved(config: Path, sets: list[str], seed: int, folder: Path) -> dict[str, Any]:
    """The config a run at ``seed`` trains with, as ``arapol train`` resolves and saves it
    (``training_config.yaml``)."""
    return load_config(config, overrides([*sets, f"training.seed={seed}", f"output_dir={folder}"])).to_dict()


def finished(folder: Path, want: dict[str, Any]) -> bool:
    """Whether ``folder`` holds a finished run of exactly the config ``want``."""
    import yaml

    saved = folder / "training_config.yaml"
    if not (folder / "metrics.json").is_file() or not saved.is_file():
        return False
    return yaml.safe_load(saved.read_text(encoding="utf-8")) == want


def train(config: Path, seed: int, sets: list[str], runs: Path, threads: int, force: bool) -> dict[str, Any]:
    """Train ``config`` with the ``--set`` overrides ``sets`` at ``seed`` (or reuse a finished run of the same
    resolved config); its scores and training time."""
    tag = "".join(f"-{x.replace('=', '_').replace('.', '_')}" for x in sets)
    folder = runs / f"{config.stem}{tag}-seed{seed}"
    if force or not finished(folder, _resolved(config, sets, seed, folder)):
        cmd = [sys.executable, "-m", "arapol.cli", "train", str(config), "--set", f"training.seed={seed}",
               "--set", f"output_dir={folder}", "--no-resume", *[a for x in sets for a in ("--set", x)]]
        start = time.time()
        subprocess.run(cmd, check=True, env={**os.environ, "OMP_NUM_THREADS": str(threads)})
        wall = round(time.time() - start, 1)
    else:
        wall = None
    metrics = json.loads((folder / "metrics.json").read_text(encoding="utf-8"))
    key = metric_of(metrics)
    return {"seed": seed, "metric": key, "dev": metrics.get("dev", {}).get(key),
            "test": metrics.get("test", {}).get(key), "train_s": metrics.get("train", {}).get("runtime_s"),
            "wall_s": wall, "folder": str(folder)}


def render(report: dict[str, Any]) -> str:
    lines = [HEADING, "", "_Written by `scripts/bench_seeds.py` (edit the script, not this section); data in "
             "`benchmarks/seeds.json`._", ""]

    def f4(x: float | None) -> str:
        return "—" if x is None else f"{x:.4f}"

    def spread(xs: list[float]) -> str:
        return f"{statistics.mean(xs):.4f} ± {statistics.stdev(xs):.4f}" if len(xs) > 1 else f4(xs[0])

    for name, entry in report.items():
        runs = entry["runs"]
        m = runs[0]["metric"]
        lr = entry.get("learning_rate")
        lr_note = "" if lr is None else f", learning rate {lr:g}" + (f" ({entry['learning_rate_from']})"
                                                                    if entry.get("learning_rate_from") else "")
        lines += [f"`{name}` (`{entry['command']}`{lr_note}): one `arapol train` process per seed, "
                  f"{entry['machine']['threads']} thread(s), {entry['machine']['cpu']}, load average at start "
                  f"{entry['machine']['load_average']}; {entry['date']}. Score: {m} (dev picks the epoch; test "
                  "once).", "", "| seed | dev | test | train s |", "|---:|---:|---:|---:|"]
        lines += [f"| {r['seed']} | {f4(r['dev'])} | {f4(r['test'])} | {r['train_s']} |" for r in runs]
        tests = [r["test"] for r in runs]
        devs = [r["dev"] for r in runs if r["dev"] is not None]
        lines += ["", f"Over {len(runs)} seeds: test {spread(tests)} (range {min(tests):.4f}–{max(tests):.4f})"
                  + (f", dev {spread(devs)}" if devs else "") + "."]
        plain = report.get(entry.get("config", name))
        if plain is not None and plain is not entry:
            base = {r["seed"]: r for r in plain["runs"]}
            pairs = [(r, base[r["seed"]]) for r in runs if r["seed"] in base and r["dev"] is not None
                     and base[r["seed"]]["dev"] is not None]
            if pairs:
                d_dev = [100 * (a["dev"] - b["dev"]) for a, b in pairs]
                d_test = [100 * (a["test"] - b["test"]) for a, b in pairs]
                lines += ["", f"Against `{entry['config']}` on the same {len(pairs)} seeds (this minus that, "
                          f"points): dev {', '.join(f'{x:+.2f}' for x in d_dev)} (mean {statistics.mean(d_dev):+.2f}), "
                          f"test {', '.join(f'{x:+.2f}' for x in d_test)} (mean {statistics.mean(d_test):+.2f})."]
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--config", type=Path, default=ROOT / "configs" / "ner_e5small.yaml")
    p.add_argument("--seeds", type=int, nargs="+", default=[13, 14, 15, 16, 17])
    p.add_argument("--threads", type=int, default=1, help="torch threads of each run (default 1)")
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="a config override (repeatable)")
    p.add_argument("--runs-dir", type=Path, default=ROOT / "runs" / "seeds")
    p.add_argument("--out", type=Path, default=OUTPUT)
    p.add_argument("--readme", type=Path, default=BENCH_README)
    p.add_argument("--force", action="store_true", help="retrain even when a finished run can be reused")
    args = p.parse_args(argv)
    config = args.config.resolve()
    at_start = machine(args.threads)
    runs = [train(config, seed, args.set, args.runs_dir, args.threads, args.force) for seed in args.seeds]
    report = read_json(args.out)
    plain = rel_path(config)
    name = " ".join([plain, *args.set])
    learning_rate = load_config(config, overrides(args.set)).training.get("learning_rate",
                                                                          TrainingArguments.learning_rate)
    report[name] = {"config": plain, "overrides": args.set, "learning_rate": learning_rate, "runs": runs,
                    "machine": at_start,
                    "date": time.strftime("%Y-%m-%d"),
                    "command": " ".join(["python", "scripts/bench_seeds.py", *(argv if argv is not None
                                                                                 else sys.argv[1:])])}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    publish(args.out, report, args.readme, HEADING, render(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
