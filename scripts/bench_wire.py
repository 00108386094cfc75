"""Actor attribution sentence by sentence, on wire-style cases (``data/actors_gold/wire.jsonl``).

Each case is one or a few sentences in the styles of SANA, Reuters and AFP Arabic, with, for each sentence, the
actors that should be credited with its stance (speaker, source, agent, continued speaker), those that may be
(``optional``: readings the case's two readers left open) and those only mentioned. Every sentence is given the
stance ``favor``, so that what is measured is who gets it: a case is right when every sentence credits all of
its actors and none but them or the optional ones. This complements ``scripts/bench_actors.py``, which scores
document-level stances on the gold paragraphs. The held-out cases (``data/actors_gold/wire_heldout.jsonl``) are
scored apart. Writes ``benchmarks/attribution_wire.json`` and a section of ``benchmarks/README.md``; ``--errors``
prints the cases it gets wrong.

    python scripts/bench_wire.py
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from bench_common import BENCH_README, ROOT, publish, rel_path

sys.path.insert(0, str(ROOT / "src"))

from arapol.actors import annotate_actors, default_actor_table  # noqa: E402
from arapol.sentences import split_sentences  # noqa: E402

CASES = ROOT / "data" / "actors_gold" / "wire.jsonl"
HELDOUT = ROOT / "data" / "actors_gold" / "wire_heldout.jsonl"
OUT = ROOT / "benchmarks" / "attribution_wire.json"
SECTION = "## Actor attribution, sentence by sentence (wire-style cases)"


def load_cases(path: Path) -> list[dict[str, Any]]:
    """The cases of ``path``, each checked to give one set of credited actors per sentence."""
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for c in cases:
        n = len(split_sentences(c["text"]))
        if n != len(c["credited"]):
            raise SystemExit(f"{path}: {c['id']}: {n} sentences but {len(c['credited'])} sets of credited actors")
    return cases


def credited(case: dict[str, Any], table: Any) -> list[dict[str, str]]:
    """Per sentence of ``case``, the actors the rules credit with its stance and in which role."""
    text = case["text"]
    spans = split_sentences(text)
    sentences = [{"text": text[a:b], "start": a, "end": b, "stance": {"label": "favor", "scores": {"favor": 1.0}}}
                 for a, b in spans]
    got: list[dict[str, str]] = [{} for _ in spans]
    for actor in annotate_actors(text, {"sentences": sentences}, table, date=case.get("date")):
        for e in actor["evidence"]:
            i = next(j for j, (a, b) in enumerate(spans) if a <= e["start"] < b)
            got[i][actor["id"]] = e["role"]
    return got


def check(case: dict[str, Any], got: list[dict[str, str]]) -> list[dict[str, Any]]:
    """The sentences of ``case`` that the rules got wrong: the actors missed and those credited wrongly."""
    wrong = []
    for i, (want, have) in enumerate(zip(case["credited"], got)):
        missing = sorted(set(want) - set(have))
        extra = sorted(set(have) - set(want) - set(case.get("optional", [])))
        if missing or extra:
            wrong.append({"sentence": i, "missing": missing, "extra": {k: have[k] for k in extra}})
    return wrong


def score(cases: list[dict[str, Any]], table: Any) -> dict[str, Any]:
    """How many of ``cases`` the rules get right, and the wrong ones with what they missed or credited wrongly."""
    started = time.perf_counter()
    wrong = []
    for case in cases:
        bad = check(case, credited(case, table))
        if bad:
            wrong.append({"id": case["id"], "sentences": bad})
    return {"cases": len(cases), "sentences": sum(len(c["credited"]) for c in cases),
            "right": len(cases) - len(wrong), "with_extra": sum(any(s["extra"] for s in w["sentences"]) for w in wrong),
            "only_missing": sum(not any(s["extra"] for s in w["sentences"]) for w in wrong),
            "wrong": wrong, "seconds": round(time.perf_counter() - started, 3)}


def _summary(r: dict[str, Any]) -> str:
    return (f"**{r['right']} of {r['cases']} right**; of the {len(r['wrong'])} wrong, {r['with_extra']} credit an "
            f"actor that should not be and {r['only_missing']} only miss actors: "
            + ", ".join(f"`{w['id']}`" for w in r["wrong"]) + ".")


def render(report: dict[str, Any]) -> str:
    """The README section."""
    r = report["results"]
    lines = [
        SECTION, "",
        "_Written by `scripts/bench_wire.py` (edit the script, not this section); data in "
        "`benchmarks/attribution_wire.json`._", "",
        f"`{report['command']}`: {r['cases']} cases ({r['sentences']} sentences) written in the styles of SANA, "
        f"Reuters and AFP Arabic, with the actors each sentence should credit ({report['cases_file']}; every sentence "
        "given the stance favor, so only who gets it is measured). " + _summary(r)]
    h = report.get("heldout")
    if h:
        lines += ["", f"Held out ({report['heldout_file']}: {h['cases']} cases, {h['sentences']} sentences, written by "
                  "a helper who had not seen the rules; its first score, with the rules frozen, and what changed "
                  "since: `data/actors_gold/README.md`): " + _summary(h)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", default=str(CASES))
    ap.add_argument("--heldout", default=str(HELDOUT), help="held-out cases scored apart ('' for none)")
    ap.add_argument("--errors", action="store_true", help="print the cases the rules get wrong")
    ap.add_argument("--out", type=Path, default=OUT, help=f"the JSON written (default: {rel_path(OUT)})")
    ap.add_argument("--readme", type=Path, default=BENCH_README, help="the README whose section is written")
    args = ap.parse_args(argv)
    for option, given in (("--cases", args.cases), ("--heldout", args.heldout)):
        if given and not Path(given).is_file():
            raise SystemExit(f"{option} {given}: no such file (JSONL cases, as {rel_path(CASES)})")
    table = default_actor_table()
    report: dict[str, Any] = {
        "command": " ".join(["python scripts/bench_wire.py", *(sys.argv[1:] if argv is None else argv)]),
        "cases_file": rel_path(Path(args.cases)), "results": score(load_cases(Path(args.cases)), table)}
    if args.heldout:
        report["heldout_file"] = rel_path(Path(args.heldout))
        report["heldout"] = score(load_cases(Path(args.heldout)), table)
    if args.errors:
        for key in ("results", "heldout"):
            for w in report.get(key, {}).get("wrong", []):
                print(w["id"], json.dumps(w["sentences"], ensure_ascii=False))
    publish(args.out, report, args.readme, SECTION, render(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
