"""Real-data accuracy: fine-tune and score ANERcorp (NER) and Mawqif (stance) next to published figures.

Each run is ``arapol train CONFIG`` in its own process (``--threads`` torch threads each, ``--jobs`` at a
time), into ``runs/accuracy/{task}-{tag}-seed{seed}``. A run whose folder already holds a finished model
trained from the same resolved config is reused, not retrained, so an interrupted benchmark resumes (and
``arapol train`` itself resumes a killed run from its last checkpoint). Each finished run is scored
again on its test split (NER: also micro-F1 over PER/ORG/LOC without MISC; stance: also F_avg, the mean
F1 of favor and against), merged into ``benchmarks/accuracy.json`` (written atomically after every run)
and the table in ``benchmarks/README.md`` is regenerated.

    python scripts/bench_accuracy.py                           # anercorp seeds 13 14 15, mawqif seed 13
    python scripts/bench_accuracy.py --runs anercorp:13 --tag lr1e-4 --set training.learning_rate=1e-4
    python scripts/bench_accuracy.py --report-only             # redraw the table from the JSON

The corpora are read from ``../shared/data`` by the configs' paths; nothing is copied into the repository.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from arapol.checkpoint import CONFIG_FILE, write_json_atomic  # noqa: E402
from arapol.cli.train import overrides as parse_overrides  # noqa: E402
from arapol.config import config_from_dict, load_config  # noqa: E402
from bench_common import BENCH_README, ROOT, machine, read_json, rel_path, write_section  # noqa: E402

OUTPUT = ROOT / "benchmarks" / "accuracy.json"
RUNS_DIR = ROOT / "runs" / "accuracy"
HEADING = "## Real-data accuracy (ANERcorp, Mawqif)"
LIMIT_S = 3600
TASKS: dict[str, dict[str, Any]] = {
    "anercorp": {
        "config": "configs/ner_anercorp_e5small.yaml", "metric": "micro-F1", "target": 0.80,
        "published": [("AraBERTv0.1 (AraBERT repo, CAMeL split)", 0.831), ("AraBERTv1 (same notebook)", 0.824),
                      ("AraBERTv0.2-base (public model card)", 0.813), ("mBERT (AraBERT README)", 0.784)],
        "published_per_type": {"model": "AraBERTv0.1", "LOC": 0.907, "PER": 0.861, "ORG": 0.748, "MISC": 0.633},
    },
    "mawqif": {
        "config": "configs/stance_mawqif_e5small.yaml", "metric": "macro-F1", "target": 0.72,
        "published": [("best in the Mawqif paper (Alturayeif et al. 2022)", 0.7889),
                      ("StanceEval 2024 best team (F_avg of favor and against)", 0.8438)],
    },
}
DEFAULT_RUNS = ["anercorp:13,14,15", "mawqif:13"]
MAIN_TYPES = ("PER", "ORG", "LOC")


@dataclass
class Run:
    """One (task, seed) training run and where it lives."""

    task: str
    seed: int
    tag: str
    folder: Path
    overrides: dict[str, Any]

    @property
    def key(self) -> str:
        return f"{self.task}/{self.tag}/seed{self.seed}"

    @property
    def log(self) -> Path:
        """``{folder}.log`` beside the folder (a tag may hold dots, so not ``with_suffix``)."""
        return self.folder.parent / f"{self.folder.name}.log"

    def config(self):
        return load_config(ROOT / TASKS[self.task]["config"], self.overrides)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", nargs="+", default=DEFAULT_RUNS, metavar="TASK:SEEDS",
                   help=f"task and comma-separated seeds; tasks: {sorted(TASKS)} (default: {' '.join(DEFAULT_RUNS)})")
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                   help="override a config key in every run (as in `arapol train --set`)")
    p.add_argument("--tag", default="default", help="names these runs' folders and rows (default: default)")
    p.add_argument("--jobs", type=int, default=2, help="runs trained at the same time (default 2)")
    p.add_argument("--threads", type=int, default=1, help="torch threads per run (default 1)")
    p.add_argument("--runs-dir", type=Path, default=RUNS_DIR)
    p.add_argument("--out", type=Path, default=OUTPUT)
    p.add_argument("--readme", type=Path, default=BENCH_README)
    p.add_argument("--force", action="store_true", help="retrain even when a finished run can be reused")
    p.add_argument("--report-only", action="store_true", help="only redraw the README table from --out")
    return p.parse_args(argv)


def plan(args: argparse.Namespace) -> list[Run]:
    """The runs the command line asks for. Runs with ``--set`` are others than the configs' own: they need a
    ``--tag`` of their own (their rows would read as the default runs', and their folders be the default runs')."""
    if args.set and args.tag == "default":
        raise SystemExit("--set changes what the runs train: give them a --tag of their own (--tag default names "
                         "the configs' own runs)")
    runs = []
    for spec in args.runs:
        task, _, seeds = spec.partition(":")
        if task not in TASKS or not seeds:
            raise SystemExit(f"--runs: expected TASK:SEEDS with TASK one of {sorted(TASKS)}, got {spec!r}")
        for seed in (int(s) for s in seeds.split(",")):
            folder = (args.runs_dir / f"{task}-{args.tag}-seed{seed}").resolve()
            extra = parse_overrides(args.set)
            extra["output_dir"] = str(folder)
            extra.setdefault("training", {})["seed"] = seed
            runs.append(Run(task, seed, args.tag, folder, extra))
    return runs


def trained_config(run: Run):
    """The resolved config ``run.folder``'s model was trained with (saved beside it), read through the dataclasses,
    so that a setting added since (saved without it) reads as its default."""
    saved = run.folder / CONFIG_FILE
    return config_from_dict(yaml.safe_load(saved.read_text(encoding="utf-8")), saved.parent)


def finished(run: Run) -> bool:
    """Whether ``run.folder`` holds a model trained from exactly this run's resolved config."""
    if not (run.folder / "metrics.json").is_file() or not (run.folder / CONFIG_FILE).is_file():
        return False
    return {**trained_config(run).to_dict(), "output_dir": None} == {**run.config().to_dict(), "output_dir": None}


def launch(run: Run, threads: int) -> tuple[subprocess.Popen, Any, float]:
    """Start ``arapol train`` for ``run``; its output goes to ``{folder}.log``."""
    run.folder.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "arapol.cli", "train", str(ROOT / TASKS[run.task]["config"])]
    for key, value in _flat(run.overrides):
        command += ["--set", f"{key}={json.dumps(value)}"]  # JSON scalars are YAML
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads),
               TOKENIZERS_PARALLELISM="false")
    log = open(run.log, "a", encoding="utf-8")  # noqa: SIM115 (closed in main)
    print(f"[{_now()}] start {run.key}: {' '.join(command[2:])}", flush=True)
    return subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=ROOT), log, time.monotonic()


def _flat(tree: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    out = []
    for key, value in tree.items():
        if isinstance(value, dict):
            out += _flat(value, f"{prefix}{key}.")
        else:
            out.append((f"{prefix}{key}", value))
    return out


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def score(run: Run) -> dict[str, Any]:
    """The run's dev and test scores. Stance: as saved by ``arapol train``, plus F_avg. NER: scored again
    here through today's inference code (so a change of decoding reaches old runs too), plus micro-F1
    over PER/ORG/LOC without MISC."""
    metrics = read_json(run.folder / "metrics.json")
    cfg = trained_config(run)  # not the config file as it reads now: it may have been edited while the run trained
    out: dict[str, Any] = {"train": metrics.get("train", {}),
                           "hyperparameters": {k: cfg.training.get(k) for k in
                                               ("learning_rate", "num_train_epochs", "per_device_train_batch_size",
                                                "warmup_steps", "weight_decay", "bf16")}
                           | {"trim_vocab": cfg.trim_vocab, "freeze_embeddings": cfg.freeze_embeddings,
                              "max_length": cfg.max_length, "base_model": cfg.base_model, "pooling": cfg.pooling,
                              "text_only": cfg.text_only, "input_prefix": cfg.input_prefix,
                              "aux_columns": list(cfg.data.aux_columns),
                              "aux_weight": cfg.aux_weight, "dev_fraction": cfg.data.dev_fraction,
                              "layer_lr_decay": cfg.layer_lr_decay, "class_weights": cfg.class_weights,
                              "join_sentences": cfg.data.join_sentences,
                              "average_checkpoints": cfg.average_checkpoints}}
    if run.task == "anercorp":
        out.update(_rescore_ner(run, cfg))
    else:
        out.update(dev=_headline(run.task, metrics.get("dev")), test=_headline(run.task, metrics["test"]))
    return out


def _headline(task: str, scores: dict[str, Any] | None) -> dict[str, Any] | None:
    if not scores:
        return None
    if task == "anercorp":
        return {"micro_f1": scores["f1"], "precision": scores["precision"], "recall": scores["recall"],
                "per_type": {t: round(v["f1-score"], 4) for t, v in scores["per_type"].items()},
                "support": {t: int(v["support"]) for t, v in scores["per_type"].items()}}
    per = scores["per_class"]
    return {"macro_f1": scores["macro_f1"], "accuracy": scores["accuracy"],
            "f_avg": (per["favor"]["f1-score"] + per["against"]["f1-score"]) / 2,
            "per_class": {c: round(v["f1-score"], 4) for c, v in per.items()}}


def _rescore_ner(run: Run, cfg) -> dict[str, Any]:
    """Dev and test scores of a saved NER model (the dev split carved as training carved it); test also
    strict micro scores over PER, ORG and LOC only, MISC spans dropped from gold and predictions."""
    from arapol.data import load_split
    from arapol.evaluation import gold_spans, ner_span_scores, predict_spans
    from arapol.inference.backend import resolve_device
    from arapol.inference.ner import TokenClassifier
    from arapol.training.trainer import dev_split

    model = TokenClassifier(run.folder, resolve_device("cpu"))
    _, dev = dev_split(cfg, load_split(cfg.data.train, cfg), run.seed)

    def main_types(spans: list[list[tuple[int, int, str]]]) -> list[list[tuple[int, int, str]]]:
        return [[s for s in row if s[2] in MAIN_TYPES] for row in spans]

    out: dict[str, Any] = {"decoding": model.decoding, "dev": None}
    for name, examples in (("dev", dev), ("test", load_split(cfg.data.test, cfg))):
        if not examples:
            continue
        texts = [e.text for e in examples]
        pred = predict_spans(model, texts)
        gold = gold_spans(examples)
        out[name] = _headline(run.task, ner_span_scores(texts, gold, pred))
        s = ner_span_scores(texts, main_types(gold), main_types(pred))
        out[name]["per_org_loc"] = {"micro_f1": s["f1"], "precision": s["precision"], "recall": s["recall"]}
    return out


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    report = read_json(args.out) or {"runs": {}}
    failed = []
    if not args.report_only:
        import torch

        torch.set_num_threads(args.threads)
        todo = []
        for run in plan(args):
            if not args.force and finished(run):
                print(f"[{_now()}] reuse {run.key} ({run.folder})", flush=True)
                report = _save(args, run.key, _record(run, report["runs"].get(run.key, {}), None, None))
            else:
                todo.append(run)
        active: dict[int, tuple[Run, subprocess.Popen, Any, float]] = {}
        while todo or active:
            while todo and len(active) < args.jobs:
                run = todo.pop(0)
                proc, log, start = launch(run, args.threads)
                active[proc.pid] = (run, proc, log, start)
            pid, status, usage = os.wait4(-1, 0)
            if pid not in active:
                continue
            run, proc, log, start = active.pop(pid)
            proc.returncode = os.waitstatus_to_exitcode(status)
            log.close()
            wall = time.monotonic() - start
            if proc.returncode != 0:
                print(f"[{_now()}] FAILED {run.key} (exit {proc.returncode}); see {run.log}")
                failed.append(run.key)
                continue
            usage_info = {"wall_s": round(wall, 1), "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
                          "cpu_s": round(usage.ru_utime + usage.ru_stime, 1)}
            report = _save(args, run.key, _record(run, {}, usage_info, args))
            print(f"[{_now()}] done {run.key} in {wall / 60:.1f} min", flush=True)
    report = read_json(args.out) or {"runs": {}}  # with what other invocations have added meanwhile
    print(render(report))
    write_section(args.readme, HEADING, render(report))
    if failed:
        print(f"failed: {', '.join(failed)}")
    return 1 if failed else 0


def _record(run: Run, previous: dict[str, Any], usage: dict[str, Any] | None,
            args: argparse.Namespace | None) -> dict[str, Any]:
    rec = {**previous, "task": run.task, "tag": run.tag, "seed": run.seed, "folder": rel_path(run.folder),
           "config": TASKS[run.task]["config"], "overrides": {k: v for k, v in _flat(run.overrides)
                                                              if k not in ("output_dir", "training.seed")},
           **score(run), "scored": _now()}
    if usage is not None and args is not None:
        rec.update(usage, finished=_now(), machine=machine(args.threads), jobs=args.jobs)
    return rec


def _save(args: argparse.Namespace, key: str, record: dict[str, Any]) -> dict[str, Any]:
    """Merge one run's record into ``--out`` under a lock (several invocations may share the file)."""
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        report = read_json(args.out) or {"runs": {}}
        report["runs"][key] = record
        report["updated"] = _now()
        report["published"] = {t: v["published"] for t, v in TASKS.items()}
        report["targets"] = {t: {"metric": v["metric"], "min": v["target"]} for t, v in TASKS.items()}
        report["summary"] = summary(report)
        write_json_atomic(args.out, report)
    return report


def summary(report: dict[str, Any]) -> dict[str, Any]:
    """Per (task, tag): the test score's mean, spread and range over seeds, and whether the target is met."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for rec in report["runs"].values():
        groups.setdefault(f"{rec['task']}/{rec['tag']}", []).append(rec)
    out = {}
    for name, recs in sorted(groups.items()):
        recs.sort(key=lambda r: r["seed"])
        task = recs[0]["task"]
        key = "micro_f1" if task == "anercorp" else "macro_f1"
        values = [r["test"][key] for r in recs]
        mean = statistics.fmean(values)
        out[name] = {"seeds": [r["seed"] for r in recs], "test": values, "mean": round(mean, 4),
                     "std": round(statistics.stdev(values), 4) if len(values) > 1 else None,
                     "min": min(values), "max": max(values),
                     "target": TASKS[task]["target"], "target_met": mean >= TASKS[task]["target"]}
    return out


EDGE_MARKS_IGNORED = "2026-12-01T01:00:00+00:00"
"""When scoring began to pass over invisible marks at an entity's edge (``arapol.metrics.span_tags``): ANERcorp
dev scores from before read low (about 1 point on the run scored both ways)."""


def render(report: dict[str, Any]) -> str:
    """The README section: every run, the per-tag summary and the published figures."""
    lines = [HEADING, "",
             "_Written by `scripts/bench_accuracy.py` (edit the script, not this section); data from "
             "`benchmarks/accuracy.json`._", "",
             "Strict entity F1 on exact character spans (seqeval, IOB2) for ANERcorp; macro-F1 over "
             "favor/against/none and F_avg (mean of favor and against) for Mawqif. Offline "
             "multilingual-e5-small base (117.7 M parameters; trimmed vocabulary unless `set-up` says otherwise). "
             "Dev = 10 % of train carved "
             "with the run's seed, so the seeds vary the initialisation, the data order and the dev carve; the "
             "model is picked on dev F1 after each epoch (`kept: mean of …`: the weights of those epochs averaged "
             "instead) and the test split is scored once per run. `N sentences a text`: every N consecutive "
             "sentences of a split (train, dev and test alike) form one text, so each is read in its context as "
             "`predict()` reads an article; the gold entities are the same ones. NER runs are "
             "scored again by this script through the current inference code; `decoding` says how each word's tag "
             "was chosen (`viterbi`: the most probable valid IOB2 sequence; `argmax`: each word alone). A `wall` "
             "marked `(train)` is the `Trainer`'s own runtime: that run was trained before this script picked "
             "it up. `kept`: the epoch kept on dev and the metric that chose it (NER: `viterbi` entity F1, as "
             "`predict()` decodes; runs trained before `arapol train` recorded this chose on token-level argmax "
             "F1 and show `—`). An ANERcorp `dev` marked `*` was scored before scoring passed over invisible marks "
             "at an entity's edge (106 of the training split's entities end in an RLM, which predictions leave "
             "out): it reads low, by about 1 point where a run was scored both ways (0.8027 against 0.8120 for "
             "`onednn`; each seed carves its own dev split), and the model has been deleted since; compare "
             "starred rows with starred rows. The test split has no such entity.", "",
             "| run | seed | lr | epochs | set-up | decoding | kept | dev | test | PER | ORG | LOC | MISC "
             "| PER+ORG+LOC | F_avg | wall min | hardware | threads × jobs |",
             "|---|---:|---:|---:|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"]
    for key in sorted(report["runs"]):
        r = report["runs"][key]
        hp = r["hyperparameters"]
        test, dev = r["test"], r.get("dev") or {}
        main_key = "micro_f1" if r["task"] == "anercorp" else "macro_f1"
        pt = test.get("per_type", {})
        wall = f"{r['wall_s'] / 60:.0f}" if "wall_s" in r else f"{r['train'].get('runtime_s', 0) / 60:.0f} (train)"
        m = r.get("machine", {})
        lines.append(
            f"| {r['task']} {r['tag']} | {r['seed']} | {hp['learning_rate']:g} | {hp['num_train_epochs']:g} "
            f"| {_setup(r)} | {r.get('decoding', '—')} | {_kept(r['train'])} | {_f(dev.get(main_key))}"
            f"{'*' if r['task'] == 'anercorp' and dev and r.get('scored', '') < EDGE_MARKS_IGNORED else ''} "
            f"| **{_f(test[main_key])}** | "
            + " | ".join(_f(pt.get(t)) for t in ("PER", "ORG", "LOC", "MISC"))
            + f" | {_f(test.get('per_org_loc', {}).get('micro_f1'))} | {_f(test.get('f_avg'))} | {wall} "
            + (f"| {_hardware(m)} | {m['threads']} × {r['jobs']} |" if m else "| — | — |"))
    lines += ["", "| task / tag | seeds | test mean | std | range | target | met |", "|---|---|---:|---:|---|---:|---|"]
    for name, s in report.get("summary", {}).items():
        std = f"{s['std']:.4f}" if s["std"] is not None else "—"
        lines.append(f"| {name} | {', '.join(map(str, s['seeds']))} | {s['mean']:.4f} | {std} "
                     f"| {s['min']:.4f}–{s['max']:.4f} | ≥ {s['target']} | {'yes' if s['target_met'] else '**no**'} |")
    lines += ["", "Published figures (from `../shared/data/README.md`):", ""]
    for task, spec in TASKS.items():
        for name, value in spec["published"]:
            lines.append(f"- {task}: {name}: {value:.4f}")
    pt = TASKS["anercorp"]["published_per_type"]
    per_type = ", ".join(f"{t} {pt[t]}" for t in ("PER", "ORG", "LOC", "MISC"))
    lines += [f"- anercorp per type, {pt['model']}: {per_type}",
              "", "Caveats: ANERcorp labels are the original, uncorrected ones (figures can differ by about ±1 F1 "
              "from papers that used CAMeL's corrected files); the published models are 110–135 M-parameter "
              "base encoders (AraBERT pre-trained on Arabic only), ours a 12 × 384 multilingual one. Mawqif's "
              "paper figure is its best model's macro-F1; StanceEval's is F_avg. `wall min` is the whole run "
              "(base resolution, trimming, training, dev evaluation each epoch, final scoring) with other runs "
              "sharing the machine (`threads × jobs`).", "",
              _gpu_note(report)]
    return "\n".join(lines)


def _hardware(m: dict[str, Any]) -> str:
    cpu = f"{m['cpu']} ({m['cpu_count']} cores)"
    return f"{m['gpu']} + {cpu}" if m.get("gpu") else cpu


def _gpu_note(report: dict[str, Any]) -> str:
    """Which rows ran on a GPU, or that none did."""
    gpu = [r for r in report["runs"].values() if r.get("machine", {}).get("gpu")]
    tags = sorted({f"{r['task']} {r['tag']}" for r in gpu})
    if not tags:
        return ("GPU: no run in this table ran on a GPU, so the ANERcorp fine-tune on a GPU was not timed "
                "(`python scripts/gpu_kit.py run` does it where a GPU machine is lent).")
    train = sorted(r["train"]["runtime_s"] for r in gpu if r.get("train", {}).get("runtime_s"))
    trained = f", of which the training loop took {train[0]:.0f}–{train[-1]:.0f} s" if train else ""
    return (f"GPU: the rows {', '.join(tags)} ran on a GPU machine (`python scripts/gpu_kit.py run`: the same "
            f"config, its base carried losslessly packed); their `wall min` is the whole run there{trained}.")


def _setup(rec: dict[str, Any]) -> str:
    """Precision, vocabulary, stance pooling, input, auxiliary tasks and label bias of a run, in a few words."""
    hp = rec["hyperparameters"]
    parts = ["bf16" if hp.get("bf16") else "fp32"]
    if not hp.get("trim_vocab", True):
        parts.append("full vocabulary")
    if hp.get("freeze_embeddings"):
        parts.append("frozen embeddings")
    if rec["task"] != "anercorp":
        parts.append(f"{hp.get('pooling', 'cls')} pooling")
    if rec["task"] != "anercorp" and hp.get("class_weights") is False:
        parts.append("no class weights")
    if hp.get("text_only"):
        parts.append("text alone (no target)")
    if hp.get("input_prefix"):
        parts.append(f"input prefix {hp['input_prefix']!r}")
    if hp.get("aux_columns"):
        parts.append(f"auxiliary {' + '.join(hp['aux_columns'])} × {hp.get('aux_weight')}")
    if hp.get("layer_lr_decay", 1.0) != 1.0:
        parts.append(f"layer-wise lr decay × {hp['layer_lr_decay']}")
    if hp.get("join_sentences", 1) > 1:
        parts.append(f"{hp['join_sentences']} sentences a text")
    if hp.get("per_device_train_batch_size") not in (None, 16):
        parts.append(f"batch {hp['per_device_train_batch_size']}")
    if hp.get("dev_fraction") == 0:
        parts.append("no dev split (train + dev, last epoch)")
    offsets = ((rec.get("train") or {}).get("label_bias") or {}).get("offsets") or {}
    if offsets:
        parts.append("label bias on dev (" + ", ".join(f"{k} {v:+g}" for k, v in offsets.items()) + ")")
    return ", ".join(parts)


def _kept(train: dict[str, Any]) -> str:
    """The kept epoch and what chose it, from the run's ``metrics.json`` training record."""
    if not train.get("selection"):
        return "—"
    if train.get("averaged_epochs"):
        return "mean of " + " + ".join(f"{e:g}" for e in train["averaged_epochs"])
    if train.get("best_epoch") is None:
        return "last"
    return f"{train['best_epoch']:g} ({'viterbi' if train['metric'] == 'f1' else train['metric']})"


def _f(x: float | None) -> str:
    return "—" if x is None else f"{x:.4f}"


if __name__ == "__main__":
    sys.exit(main())
