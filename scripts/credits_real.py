"""Actor credits on real news, sentence by sentence, and the sentences where two runs differ.

How each change to the attribution rules or the alias table is measured (the CHANGELOG's "on 90,659 real texts N
sentences differ"): ``run`` credits every sentence of the real corpora in ``../shared/data`` (UnifiedFC claims and
article paragraphs, ANS claim and stance sentences, ANERcorp sentences: texts of four words or more, each once), read
as if each sentence held the stance ``favor``, dated 2017-06-01 (as ``scripts/bench_wire.py`` credits its cases);
``--articles N`` credits the first N whole UnifiedFC articles of 15–700 words instead (the CHANGELOG's "1,367
UnifiedFC articles"). Run it once before and once after a change (from two checkouts: each run uses the ``src/`` of
the checkout the script lies in), then ``compare`` prints the sentences whose credits differ, to be read by hand.
Nothing is written into the repository; the corpora are never copied.

    python scripts/credits_real.py run /tmp/before.json          # in the old checkout
    python scripts/credits_real.py run /tmp/after.json           # in the new one
    python scripts/credits_real.py compare /tmp/before.json /tmp/after.json --show 40

``run --cases FILE ...`` credits the cases of wire-style JSONL files instead (``data/actors_gold/wire*.jsonl``, or a
new probe's file), each with its own date; ``compare --cases`` with the same files also says, for each case whose
credits differ, whether it became right (BETTER) or wrong (WORSE) by its expected actors. ``show`` prints what each
sentence of the texts given (or of standard input, one text a line) credits, to try a sentence by hand.

    python scripts/credits_real.py run /tmp/before.json --cases data/actors_gold/wire*.jsonl
    python scripts/credits_real.py compare /tmp/before.json /tmp/after.json --cases data/actors_gold/wire*.jsonl
    python scripts/credits_real.py show "قال وزير الخارجية الروسي سيرغي لافروف إن الهدنة صامدة."
"""

from __future__ import annotations

import argparse
import csv
import datetime
import gzip
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from bench_common import ROOT
from bench_wire import check, credited, load_cases

sys.path.insert(0, str(ROOT / "src"))  # this checkout's arapol (bench_wire puts it first too)

from arapol.actors import default_actor_table  # noqa: E402
from arapol.checkpoint import write_json_atomic  # noqa: E402
from arapol.sentences import split_sentences  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
DATE = "2017-06-01"


def real_texts(data: Path) -> list[str]:
    """The texts of the real corpora in ``data``, in a fixed order, each once, of four words or more."""
    texts: list[str] = []
    seen: set[str] = set()

    def add(text: str) -> None:
        text = text.strip()
        if text and len(text.split()) >= 4 and text not in seen:
            seen.add(text)
            texts.append(text)

    for record in _unifiedfc(data):
        add(record["claim"])
        for article in record["article"]:
            for paragraph in (article or "").split("\n"):
                add(paragraph)
    for path in sorted((data / "ans").glob("*/*.csv")):
        with path.open(encoding="utf-8") as fh:
            for row in csv.reader(fh):
                for cell in row[:2]:
                    if len(cell) > 20:
                        add(cell)
    for split in ("train", "test"):
        words: list[str] = []
        for line in (data / "anercorp" / f"{split}.tsv").read_text(encoding="utf-8").splitlines():
            if not line.strip():
                if words:
                    add(" ".join(words))
                    words = []
                continue
            words.append(line.split("\t")[0].split(" ")[0])
            if words[-1] in (".", "؟", "!") and len(words) > 3:
                add(" ".join(words))
                words = []
    return texts


def articles(data: Path, limit: int) -> list[str]:
    """The first ``limit`` whole UnifiedFC articles of 15–700 words, each once."""
    out: list[str] = []
    seen: set[str] = set()
    for record in _unifiedfc(data):
        for article in record["article"]:
            if article and article not in seen and 15 <= len(article.split()) <= 700:
                seen.add(article)
                out.append(article)
    return out[:limit]


def _unifiedfc(data: Path) -> Iterator[dict]:
    with gzip.open(data / "unifiedfc" / "unifiedfc.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def wire_cases(paths: list[Path]) -> list[dict]:
    """The cases of the wire-style JSONL files ``paths``, in order, each checked as ``bench_wire.py`` checks them."""
    for path in paths:
        if not path.is_file():
            raise SystemExit(f"--cases {path}: no such file (JSONL cases, as data/actors_gold/wire.jsonl)")
    return [case for path in paths for case in load_cases(path)]


def run(texts: list[str] | list[dict]) -> list[list[list]]:
    """Per text (a string, dated ``DATE``, or a wire case with its own date), ``[sentence, {actor: role}]`` for each
    of its sentences."""
    table = default_actor_table()
    out = []
    for item in texts:
        case = {"text": item, "date": DATE} if isinstance(item, str) else item
        got = credited(case, table)
        text = case["text"]
        out.append([[text[a:b], got[k]] for k, (a, b) in enumerate(split_sentences(text))])
    return out


def compare(before: list[list[list]], after: list[list[list]], show: int, cases: list[dict] | None = None) -> int:
    """Print up to ``show`` sentences whose credits differ between two runs over the same texts; their number. With
    the ``cases`` the runs credited, also print each changed case that became right (BETTER) or wrong (WORSE)."""
    if len(before) != len(after):
        raise SystemExit(f"the runs cover {len(before)} and {len(after)} texts: not the same corpus")
    if cases is not None:
        _verdicts(before, after, cases)
    n = 0
    for old, new in zip(before, after):
        if [s for s, _ in old] != [s for s, _ in new]:  # split otherwise: zip would pair other sentences, or drop some
            n += 1
            if n <= show:
                print("--- split otherwise:", old[0][0].strip()[:200] if old else "(no sentence)")
                print("  before", [(s.strip()[:60], a) for s, a in old])
                print("  after ", [(s.strip()[:60], b) for s, b in new])
            continue
        for (sentence, a), (_, b) in zip(old, new):
            if a != b:
                n += 1
                if n <= show:
                    print("---", sentence.strip()[:400])
                    print("  before", a)
                    print("  after ", b)
    print("differ:", n)
    return n


def _verdicts(before: list[list[list]], after: list[list[list]], cases: list[dict]) -> None:
    if len(cases) != len(before) or any([s for s, _ in r] != [c["text"][a:b] for a, b in split_sentences(c["text"])]
                                        for c, r in zip(cases, before)):
        raise SystemExit(f"--cases: {len(cases)} cases, but the runs cover {len(before)} texts, or other ones")
    counts = {"BETTER": 0, "WORSE": 0, "changed": 0}
    for case, old, new in zip(cases, before, after):
        if old == new:
            continue
        was, now = (not check(case, [credits for _, credits in r]) for r in (old, new))
        verdict = "BETTER" if now and not was else "WORSE" if was and not now else "changed"
        counts[verdict] += 1
        print(verdict, case["id"], [c for _, c in old], "->", [c for _, c in new])
    print(" ".join(f"{k}: {v}" for k, v in counts.items()))


def show(texts: list[str], date: str) -> None:
    """Print each sentence of ``texts`` with the actors it credits and their roles."""
    table = default_actor_table()
    for text in texts:
        for (a, b), got in zip(split_sentences(text), credited({"text": text, "date": date}, table)):
            print(text[a:b].strip(), "=>", got)


def _iso_date(text: str) -> str:
    """``text`` if it is a date YYYY-MM-DD, for ``show --date``; else an error that names it."""
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None
    return text


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run", help="credit every sentence of the real corpora; write OUT (JSON)")
    r.add_argument("out", type=Path)
    r.add_argument("--data", type=Path, default=DATA, help="the shared corpora (default: ../shared/data)")
    r.add_argument("--articles", type=int, default=0, metavar="N",
                   help="whole UnifiedFC articles instead, the first N of 15-700 words")
    r.add_argument("--cases", type=Path, nargs="+", metavar="FILE", help="the cases of wire-style JSONL files instead")
    c = sub.add_parser("compare", help="print the sentences whose credits differ between two runs")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    c.add_argument("--show", type=int, default=50, help="sentences to print (default 50)")
    c.add_argument("--cases", type=Path, nargs="+", metavar="FILE",
                   help="the wire-style JSONL files both runs credited: say which changed cases became right or wrong")
    s = sub.add_parser("show", help="print what each sentence of the texts given (or of stdin, a text a line) credits")
    s.add_argument("texts", nargs="*")
    s.add_argument("--date", default=DATE, type=_iso_date, help=f"the texts' date, YYYY-MM-DD (default {DATE})")
    args = ap.parse_args(argv)
    if args.command == "run":
        if args.cases and args.articles:
            raise SystemExit("--cases and --articles: give one (wire cases, or real articles)")
        if args.cases:
            texts: list = wire_cases(args.cases)
        elif not args.data.is_dir():
            raise SystemExit(f"--data {args.data}: no such folder (the shared corpora, as ../shared/data)")
        else:
            texts = articles(args.data, args.articles) if args.articles else real_texts(args.data)
        result = run(texts)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        write_json_atomic(args.out, result)
        print(len(texts), "texts", sum(len(r) for r in result), "sentences")
    elif args.command == "compare":
        runs = [json.loads(p.read_text(encoding="utf-8")) for p in (args.before, args.after)]
        compare(*runs, args.show, wire_cases(args.cases) if args.cases else None)
    else:
        show(args.texts or [line for line in sys.stdin.read().splitlines() if line.strip()], args.date)


if __name__ == "__main__":
    main()
