"""How the clitic rule treats names: gold entities of the bundled corpora and names of the alias table.

With the offline e5 base's tokenizer and ``clitic_rule: retokenise``, counts
- on the bundled corpora's gold entities: those that start inside a word (a clitic left on, ``وأنقرة``) and those
  whose first word is cut after one or two letters (``ك`` + ``مال`` in ``كمال``: a model must then tag the clitic
  as part of the name);
- on the distinct first words of names (those entities' and the alias table's, not starting with ال): bare, how many
  are cut inside; written after ``و``, how many stay whole with the ``و`` and how many are cut elsewhere than after
  the ``و`` (``وب`` + ``شار``: no labelling can give ``بشار``).

Writes ``benchmarks/clitic_names.json``, one entry per ``--label`` (another entry is kept), so the code of another
commit can be measured beside today's: ``PYTHONPATH=OLD_CHECKOUT/src python scripts/bench_clitic_names.py --label
before`` with this script.

    python scripts/bench_clitic_names.py --label "2026-12-01"
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import yaml

from bench_common import ROOT, machine, read_json

OUT = ROOT / "benchmarks" / "clitic_names.json"
SPLITS = ("train", "dev", "test")


def gold_counts(encoder, normaliser) -> dict:
    """Gold entities of the bundled NER corpus that start inside a word, and those whose first word is cut."""
    from arapol.data.ner import read_ner_jsonl

    left_on, cut, total = [], [], 0
    for split in SPLITS:
        examples = read_ner_jsonl(ROOT / "data" / "ner" / f"{split}.jsonl")
        norms = [normaliser(e.text) for e in examples]
        for ex, norm, enc in zip(examples, norms, encoder.encode([n.text for n in norms])):
            starts = {a for a, _ in enc.words}
            for s in ex.spans:
                a, b = norm.from_original(s.start, s.end)
                total += 1
                if a not in starts:
                    left_on.append(ex.text[s.start:s.end])
                first = norm.text[a:b].split(" ")[0]
                if any(a < w <= a + 2 and w < a + len(first) and norm.text[w - 1].isalpha() for w in starts):
                    cut.append(ex.text[s.start:s.end])
    return {"entities": total, "clitic_left_on": len(left_on), "first_letters_cut": len(cut),
            "examples": {"clitic_left_on": left_on[:20], "first_letters_cut": cut[:20]}}


def name_words(normaliser) -> list[str]:
    """The distinct first words of the bundled corpora's entities and of the alias table's aliases, normalised, that
    are letters only and do not start with ال."""
    words = set()
    for split in SPLITS:
        for line in (ROOT / "data" / "ner" / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            words.update(rec["text"][e["start"]:e["end"]].split()[0] for e in rec["entities"])
    table = yaml.safe_load((ROOT / "data" / "actors.yaml").read_text(encoding="utf-8"))
    words.update(alias.split()[0] for actor in table["actors"] for alias in actor.get("aliases") or [])
    return sorted({normaliser.text(w) for w in words if w.isalpha() and not w.startswith("ال")})


def name_counts(encoder, names: list[str]) -> dict:
    """Names cut when bare; after و, kept whole with it and cut elsewhere than after it."""
    def parts(words: list[str]) -> list[list[str]]:
        return [[w[a:b] for a, b in enc.words] for w, enc in zip(words, encoder.encode(words))]

    bare = [(w, p) for w, p in zip(names, parts(names)) if len(p) > 1]
    after = ["و" + w for w in names]
    whole = [w for w, p in zip(after, parts(after)) if len(p) == 1]
    wrong = [(w, p) for w, p in zip(after, parts(after)) if len(p) > 1 and p != ["و", w[1:]]]
    return {"names": len(names), "bare_cut": len(bare), "after_wa_whole": len(whole), "after_wa_cut": len(wrong),
            "examples": {"bare_cut": bare[:20], "after_wa_whole": whole[:20], "after_wa_cut": wrong[:20]}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--label", required=True, help="the name of this entry (the code measured)")
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args(argv)

    from transformers import AutoTokenizer

    from arapol.alignment import WordEncoder
    from arapol.base.resolve import resolve_base_model
    from arapol.checkpoint import write_json_atomic
    from arapol.text import Normaliser

    tokenizer = AutoTokenizer.from_pretrained(resolve_base_model("offline:multilingual-e5-small"))
    normaliser = Normaliser()
    encoder = WordEncoder(tokenizer, clitic_rule="retokenise")
    import arapol

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=arapol.__path__[0], capture_output=True,
                            text=True).stdout.strip()
    entry = {"command": "python scripts/bench_clitic_names.py " + " ".join(sys.argv[1:] if argv is None else argv),
             "arapol": arapol.__path__[0], "commit": commit, "machine": machine(1),
             "gold": gold_counts(encoder, normaliser), "names": name_counts(encoder, name_words(normaliser))}
    report = read_json(Path(args.out))
    report[args.label] = entry
    write_json_atomic(args.out, report)
    g, n = entry["gold"], entry["names"]
    print(f"{args.label}: of {g['entities']} gold entities, clitic left on {g['clitic_left_on']}, first letters cut "
          f"{g['first_letters_cut']}; of {n['names']} names, cut bare {n['bare_cut']}, after و whole "
          f"{n['after_wa_whole']} and cut elsewhere {n['after_wa_cut']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
