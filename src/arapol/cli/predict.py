"""``arapol predict MODEL``: entities (and stance) for texts, as JSON lines."""

from __future__ import annotations

import argparse
import json
import sys


def run(args: argparse.Namespace) -> int:
    from .. import load

    texts = args.texts or [line.rstrip("\n") for line in sys.stdin if line.strip()]
    predictor = load(*args.model, device=args.device, dtype=args.dtype)
    results = predictor.predict(texts, target=args.target, batch_size=args.batch_size, level=args.level)
    for text, res in zip(texts, results):
        print(json.dumps({"text": text, **res}, ensure_ascii=False))
    return 0


def register(sub) -> None:
    p = sub.add_parser("predict", help="print entities (and stance) for texts as JSON lines")
    p.add_argument("model", nargs="+", help="model folder(s)")
    p.add_argument("--text", dest="texts", action="append", default=[], help="a text (repeatable; else stdin lines)")
    p.add_argument("--target", default=None, help="stance target (default: the model's)")
    p.add_argument("--level", default="text", choices=["text", "sentence"])
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--device", default="auto")
    p.add_argument("--dtype", default="fp32", choices=["fp32", "bf16", "auto"])
    p.set_defaults(func=run)
