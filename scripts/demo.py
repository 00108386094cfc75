"""The README's main job: fine-tune NER and stance on the bundled corpora from the offline base, then
print what the models find in a sample article (entities with character offsets, stance per sentence)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from bench_common import rel_path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ner-config", default=str(ROOT / "configs/ner_e5small.yaml"))
    parser.add_argument("--stance-config", default=str(ROOT / "configs/stance_e5small.yaml"))
    parser.add_argument("--article", default=str(ROOT / "data/sample_article.txt"))
    parser.add_argument("--out", default=str(ROOT / "runs/demo"), help="where the bundle of both models goes")
    parser.add_argument("--record", default=None, help="also write the timings, scores and findings to this JSON "
                        "file (benchmarks/demo.json holds the run the README quotes)")
    args = parser.parse_args(argv)

    import arapol
    from arapol.checkpoint import write_bundle
    from arapol.config import load_config
    from arapol.training import train

    out = Path(args.out).resolve()  # load_config reads a relative output_dir from the config's folder
    started = time.time()
    record: dict = {"command": "python scripts/demo.py " + " ".join(sys.argv[1:] if argv is None else argv),
                    "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "tasks": {}}
    for task, config in (("ner", args.ner_config), ("stance", args.stance_config)):
        print(f"== training {task} from {config}", flush=True)
        begun = time.time()
        train(load_config(config, {"output_dir": str(out / task)}))
        metrics = json.loads((out / task / "metrics.json").read_text(encoding="utf-8"))
        key = "f1" if task == "ner" else "macro_f1"
        print(f"   {task}: dev {key} {metrics['dev'][key]:.3f}, test {key} {metrics['test'][key]:.3f}", flush=True)
        record["tasks"][task] = {"config": rel_path(Path(config)), "seconds": round(time.time() - begun, 1),
                                 "metric": key, "dev": metrics["dev"][key], "test": metrics["test"][key]}
    write_bundle(out, {"ner": "ner", "stance": "stance"})
    record["train_seconds"] = round(time.time() - started, 1)
    print(f"== trained in {time.time() - started:.0f} s; model bundle in {out}\n")

    article = Path(args.article).read_text(encoding="utf-8")
    result = arapol.load(out).predict(article, level="sentence")
    print("Entities (label, [start, end), text, score):")
    for e in result["entities"]:
        assert article[e["start"]:e["end"]] == e["text"]
        print(f"  {e['label']:<5} [{e['start']:>4}, {e['end']:>4})  {e['text']}  ({e['score']:.2f})")
    s = result["stance"]
    print(f"\nArticle stance toward وقف إطلاق النار: {s['label']} {s['scores']}")
    print("Sentences:")
    for sent in result["sentences"]:
        print(f"  [{sent['start']:>4}, {sent['end']:>4}) {sent['stance']['label']:<8} {sent['text'][:70]}")
    if args.record:
        import torch

        from arapol.checkpoint import write_json_atomic
        from bench_common import machine

        record["machine"] = machine(torch.get_num_threads())
        record["article"] = {"entities": result["entities"], "stance": s,
                             "sentences": [{k: x[k] for k in ("start", "end", "stance")} for x in result["sentences"]]}
        Path(args.record).parent.mkdir(parents=True, exist_ok=True)
        write_json_atomic(args.record, record)
        print(f"\nrecorded in {args.record}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
