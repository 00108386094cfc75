"""How many gold entities word-level labels can reach, under each clitic rule.

A model labels words; an entity that starts inside a word (after a clitic the words do not part, as in
``وتركيا`` → ``تركيا``) can never be predicted exactly. For each split of the bundled NER corpus this
counts the gold spans whose start and end fall on word boundaries of :class:`arapol.alignment.WordEncoder`
with the offline e5 base's tokenizer, under ``clitic_rule: pieces`` and ``retokenise``, and writes
``benchmarks/clitics.json``.

    python scripts/bench_clitics.py
"""

from __future__ import annotations

import sys

from bench_common import ROOT

OUT = ROOT / "benchmarks" / "clitics.json"


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


def main() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from transformers import AutoTokenizer

    from arapol.alignment import CLITIC_RULES, WordEncoder
    from arapol.base.resolve import resolve_base_model
    from arapol.checkpoint import write_json_atomic
    from arapol.data.ner import read_ner_jsonl
    from arapol.text import Normaliser

    base = "offline:multilingual-e5-small"
    tokenizer = AutoTokenizer.from_pretrained(resolve_base_model(base))
    normaliser = Normaliser()
    report = {"command": "python scripts/bench_clitics.py", "base": base, "splits": {}}
    for split in ("train", "dev", "test"):
        examples = read_ner_jsonl(ROOT / "data" / "ner" / f"{split}.jsonl")
        row = {"entities": sum(len(ex.spans) for ex in examples)}
        for rule in CLITIC_RULES:
            hit, missed = reachable(WordEncoder(tokenizer, clitic_rule=rule), normaliser, examples)
            row[rule] = {"reachable": hit, "out_of_reach": row["entities"] - hit, "examples_out_of_reach": missed}
        report["splits"][split] = row
        print(split, {k: (v if isinstance(v, int) else v["out_of_reach"]) for k, v in row.items()}, flush=True)
    write_json_atomic(OUT, report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
