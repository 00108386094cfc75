"""Attribution accuracy of arapol.actors on the gold set (data/actors_gold/gold.jsonl).

Two settings:

- ``oracle``: the GOLD sentence stances are given, so the score isolates the alias matching and the
  attribution rules;
- ``model``: sentence stances come from a stance model (``--stance-model``, or the tiny model trained
  on the bundled corpus with ``--train-tiny``), as in real use, with clause re-scoring (``whole_sentences``:
  without it, ``clauses=False``).

Each is compared with a baseline that gives every detected actor the document's stance (the
majority of its stance-bearing sentences) — what a reader gets without attribution.

    python scripts/bench_actors.py --train-tiny --out benchmarks/actors.json
    python scripts/bench_actors.py --stance-model runs/stance-e5 --errors
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from arapol.actors import annotate_actors, clause_scorer, load_actor_table  # noqa: E402
from arapol.sentences import split_sentences  # noqa: E402
from bench_common import rel_path  # noqa: E402

LABELS = ("favor", "against", "none")


def load_gold(path: Path) -> list[dict[str, Any]]:
    recs = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    for r in recs:
        n = len(split_sentences(r["text"]))
        if n != len(r["sentence_stances"]):
            raise SystemExit(f"{path}: {r['id']}: {n} sentences but {len(r['sentence_stances'])} gold stances")
    return recs


def doc_stance(labels: list[str]) -> str:
    c = Counter(lb for lb in labels if lb and lb != "none")
    if not c:
        return "none"
    top = max(c.values())
    tied = [lb for lb in c if c[lb] == top]
    return tied[0] if len(tied) == 1 else next(lb for lb in reversed(labels) if lb in tied)


def score(gold: list[dict[str, Any]], predicted: list[dict[str, str]]) -> dict[str, Any]:
    """Detection P/R/F1 over actor ids and stance accuracy over the gold (document, actor) pairs."""
    tp = fp = fn = 0
    correct = total = sb_correct = sb_total = none_total = none_wrong = 0
    confusion: dict[str, Counter] = {lb: Counter() for lb in LABELS}
    for rec, pred in zip(gold, predicted):
        g = {a["id"]: a["stance"] for a in rec["actors"]}
        p = {k: v for k, v in pred.items() if not k.startswith("ner:")}
        tp += len(g.keys() & p.keys())
        fp += len(p.keys() - g.keys())
        fn += len(g.keys() - p.keys())
        for aid, lab in g.items():
            got = p.get(aid, "none")
            total += 1
            correct += got == lab
            confusion[lab][got] += 1
            if lab != "none":
                sb_total += 1
                sb_correct += got == lab
            else:
                none_total += 1
                none_wrong += got != "none"
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec_ = tp / (tp + fn) if tp + fn else 0.0
    f1s = []
    for lb in LABELS:
        tp_l = confusion[lb][lb]
        fp_l = sum(confusion[o][lb] for o in LABELS if o != lb)
        fn_l = sum(confusion[lb][o] for o in LABELS if o != lb)
        f1s.append(2 * tp_l / (2 * tp_l + fp_l + fn_l) if tp_l else 0.0)
    return {
        "detection": {"precision": round(prec, 4), "recall": round(rec_, 4),
                      "f1": round(2 * prec * rec_ / (prec + rec_), 4) if prec + rec_ else 0.0},
        "stance_accuracy": round(correct / total, 4),
        "stance_bearing_accuracy": round(sb_correct / sb_total, 4),
        "false_stance_rate": round(none_wrong / none_total, 4),
        "macro_f1": round(sum(f1s) / len(f1s), 4),
        "pairs": total, "stance_bearing_pairs": sb_total,
        "confusion_gold_to_pred": {lb: dict(confusion[lb]) for lb in LABELS},
    }


def by_split(gold: list[dict[str, Any]], preds: list[dict[str, str]], base: list[dict[str, str]]
             ) -> dict[str, Any]:
    """Scores on all documents, on ``dev`` (written while the rules were built) and on ``heldout``
    (written after the rules were frozen, never used to tune them)."""
    out: dict[str, Any] = {}
    for split in ("all", "dev", "heldout"):
        keep = [i for i, r in enumerate(gold) if split == "all" or r.get("split", "dev") == split]
        if not keep:
            continue
        g = [gold[i] for i in keep]
        out[split] = {"documents": len(keep), "attribution": score(g, [preds[i] for i in keep]),
                      "baseline_document_stance": score(g, [base[i] for i in keep])}
    return out


def run_setting(gold: list[dict[str, Any]], results: list[dict[str, Any]], table, clause_stance=None
                ) -> tuple[list[dict[str, str]], list[dict[str, str]], float]:
    preds, base = [], []
    t0 = time.perf_counter()
    for rec, res in zip(gold, results):
        actors = annotate_actors(rec["text"], res, table, date=rec.get("date"),
                                 clause_stance=clause_stance(rec) if clause_stance else None)
        preds.append({a["id"]: a["stance"]["label"] for a in actors})
        ds = doc_stance([s["stance"] if isinstance(s["stance"], str) else (s["stance"] or {}).get("label")
                         for s in res["sentences"]])
        base.append({a["id"]: ds for a in actors})
    return preds, base, time.perf_counter() - t0


def errors(gold: list[dict[str, Any]], preds: list[dict[str, str]]) -> list[str]:
    out = []
    for rec, p in zip(gold, preds):
        for a in rec["actors"]:
            got = p.get(a["id"], "(missing)")
            if got != a["stance"] and not (got == "(missing)" and a["stance"] == "none"):
                out.append(f"{rec['id']} {a['id']}: gold {a['stance']}, got {got}")
            elif got == "(missing)":
                out.append(f"{rec['id']} {a['id']}: not detected (gold none)")
        for aid in p.keys() - {a["id"] for a in rec["actors"]}:
            out.append(f"{rec['id']} {aid}: spurious ({p[aid]})")
    return out


def train_tiny(workdir: Path) -> Path:
    from arapol.cli import main

    out = workdir / "stance-tiny"
    if main(["train", str(ROOT / "configs" / "stance_tiny.yaml"), "--set", f"output_dir={out}"]) != 0:
        raise SystemExit("training the tiny stance model failed")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", default=str(ROOT / "data" / "actors_gold" / "gold.jsonl"))
    ap.add_argument("--actors", default=str(ROOT / "data" / "actors.yaml"))
    ap.add_argument("--stance-model", help="a stance model folder for the 'model' setting")
    ap.add_argument("--train-tiny", action="store_true", help="train the tiny stance model for the 'model' setting")
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--out", help="write the results as JSON here (e.g. benchmarks/actors.json)")
    ap.add_argument("--errors", action="store_true", help="print every wrong or missing actor")
    args = ap.parse_args(argv)

    gold = load_gold(Path(args.gold))
    table = load_actor_table(args.actors, default=False)
    report: dict[str, Any] = {
        "gold": {"path": rel_path(Path(args.gold)),
                 "documents": len(gold), "actor_pairs": sum(len(r["actors"]) for r in gold),
                 "stance_bearing_pairs": sum(1 for r in gold for a in r["actors"] if a["stance"] != "none"),
                 "sentences": sum(len(r["sentence_stances"]) for r in gold)},
        "alias_table": {"actors": len(table), "aliases": table.alias_count, "titles": len(table.titles)},
        "environment": {"python": platform.python_version(), "device": args.device,
                        "command": " ".join(["python scripts/bench_actors.py", *(argv if argv is not None
                                                                                   else sys.argv[1:])])},
    }

    oracle_results = [{"sentences": [{"text": r["text"][a:b], "start": a, "end": b, "stance": lab}
                                     for (a, b), lab in zip(split_sentences(r["text"]), r["sentence_stances"])]}
                      for r in gold]
    preds, base, secs = run_setting(gold, oracle_results, table)
    report["oracle"] = {**by_split(gold, preds, base), "seconds": round(secs, 3)}
    if args.errors:
        print("== oracle errors ==")
        print("\n".join(errors(gold, preds)))

    model_path = args.stance_model
    tmp = None
    if model_path is None and args.train_tiny:
        tmp = tempfile.TemporaryDirectory()
        model_path = str(train_tiny(Path(tmp.name)))
    if model_path:
        import arapol

        predictor = arapol.load(model_path, device=args.device)
        texts = [r["text"] for r in gold]
        results = predictor.predict(texts, level="sentence")
        sent_gold = [lab for r in gold for lab in r["sentence_stances"]]
        sent_pred = [(s["stance"] or {}).get("label") for res in results for s in res["sentences"]]
        sent_acc = sum(a == b for a, b in zip(sent_gold, sent_pred)) / len(sent_gold)

        scorer = clause_scorer(predictor)

        def clause_stance(_rec):
            return scorer

        preds_m, base_m, secs = run_setting(gold, results, table, clause_stance)
        whole, _, _ = run_setting(gold, results, table)  # clauses=False: a sentence's speakers share its stance
        report["model"] = {
            "stance_model": "tiny (configs/stance_tiny.yaml, trained by this script)" if args.train_tiny
            and not args.stance_model else model_path,
            "sentence_stance_accuracy": round(sent_acc, 4),
            **by_split(gold, preds_m, base_m), "seconds": round(secs, 3),
            "whole_sentences": {split: scores["attribution"] for split, scores in
                                by_split(gold, whole, base_m).items()}}
        if args.errors:
            print("== model errors ==")
            print("\n".join(errors(gold, preds_m)))
    if tmp is not None:
        tmp.cleanup()

    if args.out and Path(args.out).is_file():
        # earlier measurements that the current code cannot reproduce are kept by hand under "history"
        history = json.loads(Path(args.out).read_text(encoding="utf-8")).get("history")
        if history:
            report["history"] = history
    text = json.dumps(report, ensure_ascii=False, indent=2)
    print(text)
    if args.out:
        from arapol.checkpoint import atomic_writer

        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        with atomic_writer(args.out) as fh:
            fh.write(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
