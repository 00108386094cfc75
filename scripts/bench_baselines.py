"""Classical baselines on the real-data benchmarks' splits, to read ``bench_accuracy.py``'s scores against.

Each baseline sees what a fine-tuning run of the same seed sees: the config's training file minus the dev carve
of that seed (``data.dev_fraction``, drawn as training draws it), its dev carve for choosing a setting, and the
test file. Scores are arapol's own (``arapol.metrics``).

* ANERcorp (``configs/ner_anercorp_e5small.yaml``): each test word gets the IOB2 tag it carried most often in
  training (``O`` when unseen; an ``I-`` that cannot continue an entity starts one), scored as strict entities
  on the original text's characters, like the fine-tuned models. Nothing to choose on dev.
* Mawqif (``configs/stance_mawqif_e5small.yaml``): one linear SVM per target on TF-IDF features of the text
  (character 2–5-grams within words and word 1–2-grams, sublinear counts), classes weighted by inverse frequency
  as the fine-tuning config does; the SVM's ``C`` chosen on the dev carve's macro-F1.

    python scripts/bench_baselines.py            # seeds 13 14 15 → benchmarks/baselines.json + benchmarks/README.md

The corpora are read from ``../shared/data`` by the configs' paths; nothing is copied into the repository.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter, defaultdict
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from arapol.config import load_config  # noqa: E402
from arapol.data import load_split  # noqa: E402
from arapol.data.ner import NerExample  # noqa: E402
from arapol.data.stance import StanceExample  # noqa: E402
from arapol.labels import Span, spans_to_tags, tags_to_spans  # noqa: E402
from arapol.metrics import ner_scores, span_tags, stance_scores  # noqa: E402
from arapol.text import words_covering  # noqa: E402
from arapol.training.trainer import dev_split  # noqa: E402
from bench_common import BENCH_README, ROOT, machine, publish  # noqa: E402

OUTPUT = ROOT / "benchmarks" / "baselines.json"
HEADING = "## Classical baselines (ANERcorp, Mawqif)"
CONFIGS = {"anercorp": "configs/ner_anercorp_e5small.yaml", "mawqif": "configs/stance_mawqif_e5small.yaml"}
SVM_C = (0.03, 0.1, 0.3, 1.0, 3.0)
STANCE_LABELS = ("favor", "against", "none")


def _words(example: NerExample) -> list[tuple[int, int, str, str]]:
    """``(start, end, word, tag)`` for each space-separated word of a CoNLL example (its tokens joined by spaces):
    the IOB2 tag its gold spans give it."""
    bounds, pos = [], 0
    for word in example.text.split(" "):
        if word:
            bounds.append((pos, pos + len(word)))
        pos += len(word) + 1
    tags = spans_to_tags(len(bounds), words_covering(bounds, [(s.start, s.end, s.label) for s in example.spans]))
    return [(start, end, example.text[start:end], tag) for (start, end), tag in zip(bounds, tags)]


def _spans(words: list[tuple[int, int, str, str]], tags: list[str]) -> list[Span]:
    """Entity spans of words tagged ``tags`` (IOB2; an ``I-T`` that does not follow ``B-T``/``I-T`` starts one)."""
    return [Span(words[first][0], words[last - 1][1], kind) for first, last, kind in tags_to_spans(tags)]


def anercorp(seeds: list[int], config: str = CONFIGS["anercorp"]) -> dict[str, Any]:
    """The most-frequent-tag baseline, one row per seed's dev carve (``config``: relative to the repository)."""
    cfg = load_config(ROOT / config)
    train_all, test = load_split(cfg.data.train, cfg), load_split(cfg.data.test, cfg)
    rows = {}
    for seed in seeds:
        train, _ = dev_split(cfg, train_all, seed)
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for ex in train:
            for _, _, word, tag in _words(ex):
                counts[word][tag] += 1
        gold_seqs, pred_seqs = [], []
        for ex in test:
            words = _words(ex)
            tags = [counts[w].most_common(1)[0][0] if w in counts else "O" for _, _, w, _ in words]
            gold = [(s.start, s.end, s.label) for s in ex.spans]
            pred = [(s.start, s.end, s.label) for s in _spans(words, tags)]
            g, p = span_tags(ex.text, gold, pred)
            gold_seqs.append(g)
            pred_seqs.append(p)
        scores = ner_scores(gold_seqs, pred_seqs)
        main = ner_scores([[t if t[2:] != "MISC" else "O" for t in s] for s in gold_seqs],
                          [[t if t[2:] != "MISC" else "O" for t in s] for s in pred_seqs])
        rows[str(seed)] = {"train_examples": len(train), "test_f1": round(scores["f1"], 4),
                           "test_f1_per_loc_org": round(main["f1"], 4),
                           "per_type": {k: round(v["f1-score"], 4) for k, v in scores["per_type"].items()}}
    return {"baseline": "most frequent training tag per word", "config": config,
            "metric": "strict entity micro-F1", "seeds": rows, "summary": _summary(rows, "test_f1")}


def _svm_predict(train: list[StanceExample], dev: list[StanceExample], test: list[StanceExample], c: float
                 ) -> tuple[list[str], list[str]]:
    """Dev and test predictions of one SVM per target, trained on ``train`` with ``C = c``."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline, make_union
    from sklearn.svm import LinearSVC

    models = {}
    for target in sorted({e.target for e in train}):
        part = [e for e in train if e.target == target]
        features = make_union(TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2),
                              TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True))
        models[target] = make_pipeline(features, LinearSVC(C=c, class_weight="balanced")).fit(
            [e.text for e in part], [e.label for e in part])

    def predict(examples: list[StanceExample]) -> list[str]:
        out = [""] * len(examples)
        for target, model in models.items():
            idx = [i for i, e in enumerate(examples) if e.target == target]
            if idx:
                for i, label in zip(idx, model.predict([examples[i].text for i in idx])):
                    out[i] = str(label)
        return out

    return predict(dev), predict(test)


def mawqif(seeds: list[int], config: str = CONFIGS["mawqif"]) -> dict[str, Any]:
    """TF-IDF and a linear SVM per target, ``C`` chosen on each seed's dev carve (``config``: relative to the
    repository)."""
    cfg = load_config(ROOT / config)
    train_all, test = load_split(cfg.data.train, cfg), load_split(cfg.data.test, cfg)
    gold_test = [e.label for e in test]
    rows = {}
    for seed in seeds:
        train, dev = dev_split(cfg, train_all, seed)
        gold_dev = [e.label for e in dev]
        tried = {}
        for c in SVM_C:
            dev_pred, test_pred = _svm_predict(train, dev, test, c)
            tried[c] = (stance_scores(gold_dev, dev_pred, STANCE_LABELS)["macro_f1"], test_pred)
        best = max(SVM_C, key=lambda c: (tried[c][0], -c))  # ties: the stronger regularisation
        scores = stance_scores(gold_test, tried[best][1], STANCE_LABELS)
        per_class = {k: round(v["f1-score"], 4) for k, v in scores["per_class"].items()}
        rows[str(seed)] = {"C": best, "dev_macro_f1": round(tried[best][0], 4),
                           "dev_macro_f1_by_C": {str(c): round(tried[c][0], 4) for c in SVM_C},
                           "test_macro_f1": round(scores["macro_f1"], 4),
                           "test_f_avg": round((per_class["favor"] + per_class["against"]) / 2, 4),
                           "test_accuracy": round(scores["accuracy"], 4), "per_class": per_class}
    return {"baseline": "TF-IDF (character 2-5-grams in words, word 1-2-grams) and a linear SVM per target, "
                        "balanced class weights, C chosen on dev",
            "config": config, "metric": "macro-F1 (favor, against, none)", "seeds": rows,
            "summary": {**_summary(rows, "test_macro_f1"), "f_avg": _summary(rows, "test_f_avg")}}


def _summary(rows: dict[str, dict[str, Any]], key: str) -> dict[str, float]:
    values = [r[key] for r in rows.values()]
    return {"mean": round(statistics.mean(values), 4),
            "sd": round(statistics.stdev(values), 4) if len(values) > 1 else 0.0}


def render(report: dict[str, Any]) -> str:
    """The README section."""
    a, m = report["anercorp"], report["mawqif"]
    lines = [HEADING, "", f"_Written by `scripts/bench_baselines.py`. Command: `{report['command']}`; "
             f"{report['date']}; runtime {report['runtime_s']} s._", "",
             "Classical baselines on the splits the fine-tuning runs of `bench_accuracy.py` use (the same dev carve "
             "for each seed), scored by arapol's metrics, to read the fine-tuned scores against.", "",
             "| corpus | baseline | seed | test score | also |", "|---|---|---:|---:|---|"]
    for seed, r in a["seeds"].items():
        lines.append(f"| ANERcorp | {a['baseline']} | {seed} | {r['test_f1']:.4f} | PER/ORG/LOC alone "
                     f"{r['test_f1_per_loc_org']:.4f}; " + ", ".join(f"{k} {v:.3f}" for k, v in r["per_type"].items())
                     + " |")
    for seed, r in m["seeds"].items():
        lines.append(f"| Mawqif | TF-IDF + linear SVM per target (C {r['C']} on dev: {r['dev_macro_f1']:.4f}) | "
                     f"{seed} | {r['test_macro_f1']:.4f} | F_avg {r['test_f_avg']:.4f}; "
                     + ", ".join(f"{k} {v:.3f}" for k, v in r["per_class"].items()) + " |")
    sa, sm = a["summary"], m["summary"]
    lines += ["", f"Means over the seeds: ANERcorp {sa['mean']:.4f} ± {sa['sd']:.4f} (strict entity micro-F1); "
              f"Mawqif {sm['mean']:.4f} ± {sm['sd']:.4f} (macro-F1), F_avg {sm['f_avg']['mean']:.4f} ± "
              f"{sm['f_avg']['sd']:.4f}. The fine-tuned scores are in the section "
              "*Real-data accuracy (ANERcorp, Mawqif)* above."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", default="13,14,15", help="dev carves to run, comma-separated (default 13,14,15)")
    ap.add_argument("--out", type=Path, default=OUTPUT)
    ap.add_argument("--readme", type=Path, default=BENCH_README)
    args = ap.parse_args(argv)
    seeds = [int(s) for s in args.seeds.split(",")]
    start = time.perf_counter()
    report = {"command": "python scripts/bench_baselines.py" + (" " + " ".join(argv or sys.argv[1:])).rstrip(),
              "date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "machine": machine(threads=1),
              "anercorp": anercorp(seeds), "mawqif": mawqif(seeds)}
    report["runtime_s"] = round(time.perf_counter() - start, 1)
    publish(args.out, report, args.readme, HEADING, render(report))


if __name__ == "__main__":
    main()
