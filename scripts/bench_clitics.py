"""Clitic rules compared: how many gold entities word-level labels can reach, and what fine-tuning gives.

A model labels words; an entity that starts inside a word (after a clitic the words do not part, as in
``وتركيا`` → ``تركيا``) can never be predicted exactly. For each split of the bundled NER corpus this
counts the gold spans whose start and end fall on word boundaries of :class:`arapol.alignment.WordEncoder`
with the offline e5 base's tokenizer, under ``clitic_rule: pieces`` and ``retokenise``. With ``--finetune
SEEDS`` it also fine-tunes ``configs/ner_e5small.yaml`` under each rule and seed (one thread; a finished run
in ``runs/clitics/`` is reused). Writes ``benchmarks/clitics.json`` and a section of ``benchmarks/README.md``.

    python scripts/bench_clitics.py                  # counts only, seconds
    python scripts/bench_clitics.py --finetune 13    # and two fine-tunes, about 10 min each on 1 thread
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

from bench_common import BENCH_README, ROOT, machine, publish, read_json

OUT = ROOT / "benchmarks" / "clitics.json"
RUNS = ROOT / "runs" / "clitics"
CONFIG = ROOT / "configs" / "ner_e5small.yaml"
SECTION = "## Clitic splitting (bundled NER corpus)"


def reachable(encoder, normaliser, examples) -> tuple[int, list[str]]:
    """The number of gold spans on word boundaries, and the text of (up to 20 of) the others."""
    hit, missed = 0, []
    for ex in examples:
        norm = normaliser(ex.text)
        words = encoder.encode([norm.text])[0].words
        starts = {norm.to_original(a, b)[0] for a, b in words}
        ends = {norm.to_original(a, b)[1] for a, b in words}
        for s in ex.spans:
            if s.start in starts and s.end in ends:
                hit += 1
            elif len(missed) < 20:
                missed.append(ex.text[s.start:s.end])
    return hit, missed


def finetune(rule: str, seed: int) -> dict:
    """Dev and test entity F1 of ``CONFIG`` trained under ``rule`` and ``seed`` (reusing a finished run)."""
    from arapol.config import load_config

    folder = RUNS / f"{rule}-s{seed}"
    saved = folder / "training_config.yaml"
    want = load_config(CONFIG, {"training": {"seed": seed}, "clitic_rule": rule}).to_dict()
    done = saved.is_file() and (folder / "metrics.json").is_file()
    if done:  # the same config today (the output folder aside): reuse the run
        done = {**yaml.safe_load(saved.read_text(encoding="utf-8")), "output_dir": None} == {**want, "output_dir": None}
    if not done:
        cmd = [sys.executable, "-m", "arapol.cli", "train", str(CONFIG), "--set", f"output_dir={folder}",
               "--set", f"training.seed={seed}", "--set", f"clitic_rule={rule}", "--no-resume"]
        print("$", " ".join(cmd), flush=True)
        subprocess.run(cmd, check=True, env={**os.environ, "OMP_NUM_THREADS": "1"})
    metrics = json.loads((folder / "metrics.json").read_text(encoding="utf-8"))
    return {"rule": rule, "seed": seed, "folder": str(folder.relative_to(ROOT)), "dev_f1": metrics["dev"]["f1"],
            "test_f1": metrics["test"]["f1"], "train_s": metrics["train"]["runtime_s"]}


def earlier_finetunes(path: Path) -> dict:
    """The fine-tunes of the report at ``path`` with their learning rate, and the command and machine that ran them,
    which a counts-only run keeps: it dropped them from the JSON and the README."""
    earlier = read_json(path)
    if not earlier.get("finetune"):
        return {}
    kept = {k: v for k, v in earlier.items() if k in ("finetune", "learning_rate", "learning_rate_from")}
    return {**kept, "finetune_command": earlier.get("finetune_command", earlier.get("command")),
            "finetune_machine": earlier.get("finetune_machine", earlier.get("machine"))}


def render(report: dict) -> str:
    out = [SECTION, "", "_Written by `scripts/bench_clitics.py` (edit the script, not this section); data in "
           "`benchmarks/clitics.json`._", "",
           "Gold entities that word-level labels can reach, with the offline e5 tokenizer (`clitic_rule`: where "
           "a leading و ف ب ل ك becomes a word of its own):", "",
           "| split | entities | out of reach, `pieces` | out of reach, `retokenise` |", "|---|---:|---:|---:|"]
    for split, row in report["splits"].items():
        out.append(f"| {split} | {row['entities']} | {row['pieces']['out_of_reach']} | "
                   f"{row['retokenise']['out_of_reach']} |")
    if report.get("finetune"):
        lr = report.get("learning_rate")
        at = "" if lr is None else f" at learning rate {lr:g}" + (f" ({report['learning_rate_from']})"
                                                                  if report.get("learning_rate_from") else "")
        out += ["", f"Fine-tuning `{CONFIG.relative_to(ROOT)}`{at} under each rule (strict entity F1 on exact "
                "character spans; one thread):", "", "| seed | rule | dev F1 | test F1 | train s |",
                "|---:|---|---:|---:|---:|"]
        for r in report["finetune"]:
            out.append(f"| {r['seed']} | {r['rule']} | {r['dev_f1']:.4f} | {r['test_f1']:.4f} | {r['train_s']:.0f} |")
        stuck = [f"seed {r['seed']} ({r['rule']})" for r in report["finetune"] if r["dev_f1"] == 0]
        if stuck:
            out += ["", f"F1 0: {', '.join(stuck)} never left tagging every word O (its loss stayed near 1.0); "
                    "this learning rate lets a start stall on some seeds."]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--finetune", default="", help="comma-separated seeds to fine-tune under each rule")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    from transformers import AutoTokenizer

    from arapol.alignment import CLITIC_RULES, WordEncoder
    from arapol.base.resolve import resolve_base_model
    from arapol.data.ner import read_ner_jsonl
    from arapol.text import Normaliser

    base = "offline:multilingual-e5-small"
    tokenizer = AutoTokenizer.from_pretrained(resolve_base_model(base))
    normaliser = Normaliser()
    report = {"command": "python scripts/bench_clitics.py " + " ".join(sys.argv[1:] if argv is None else argv),
              "base": base, "machine": machine(1), "splits": {}}
    for split in ("train", "dev", "test"):
        examples = read_ner_jsonl(ROOT / "data" / "ner" / f"{split}.jsonl")
        row = {"entities": sum(len(ex.spans) for ex in examples)}
        for rule in CLITIC_RULES:
            hit, missed = reachable(WordEncoder(tokenizer, clitic_rule=rule), normaliser, examples)
            row[rule] = {"reachable": hit, "out_of_reach": row["entities"] - hit, "examples_out_of_reach": missed}
        report["splits"][split] = row
    seeds = [int(s) for s in args.finetune.split(",") if s.strip()]
    if seeds:
        from transformers import TrainingArguments

        from arapol.config import load_config

        report["finetune"] = [finetune(rule, seed) for seed in seeds for rule in CLITIC_RULES]
        report["learning_rate"] = load_config(CONFIG).training.get("learning_rate", TrainingArguments.learning_rate)
    else:
        report |= earlier_finetunes(OUT)
    publish(OUT, report, BENCH_README, SECTION, render(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
