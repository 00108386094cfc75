"""``arapol analyze CORPUS``: actor × stance tables, per-article results and a stance-over-time plot."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import positive_int

DEFAULT_MODEL = "runs/demo"


def run(args: argparse.Namespace) -> int:
    from .. import load
    from ..actors import load_actor_table
    from ..analysis import analyze_corpus
    from ..corpus import TRAINED_TARGET
    from ..errors import ArapolError

    if args.no_default_actors and not args.actors:
        raise ArapolError("--no-default-actors: give the alias tables to use with --actors YAML (with neither, "
                          "no actor could be found)")
    table = load_actor_table(*args.actors, default=not args.no_default_actors)
    if args.model is None:  # the default: the demo's model, never looked for on the hub
        if not Path(DEFAULT_MODEL).is_dir():
            raise ArapolError(f"no {DEFAULT_MODEL} here ({Path.cwd()}), the model `make demo` trains: pass --model "
                              "(a model folder, or one holding ner/ and stance/ models, or a hub id ORG/NAME)")
        args.model = [DEFAULT_MODEL]
    predictor = load(*args.model, device=args.device, dtype=args.dtype, backend=args.backend,
                     revision=args.revision)
    stance = getattr(predictor, "stance", None)
    # as predict; '' (read none) stays: it reads on a corpus whose records name targets a text-only model ignores
    if args.target_field and stance is not None and getattr(stance.info, "text_only", False):
        raise ArapolError(f"--target-field names each record's stance target, and {stance.folder} reads the text "
                          "alone (trained with text_only: true): leave it out")
    summary = analyze_corpus(args.corpus, predictor, args.out, target=args.target, table=table,
                             batch_size=args.batch_size, chunk_size=args.chunk_size, top=args.top, freq=args.freq,
                             progress=not args.no_progress, clauses=not args.no_clauses,
                             fields={"id": args.id_field, "text": args.text_field, "date": args.date_field,
                                     "source": args.source_field,
                                     "target": TRAINED_TARGET if args.target_field is None else args.target_field})
    print(f"analysed {summary['documents']} articles ({summary['dated_documents']} dated): "
          f"{summary['actors']} actors; wrote {', '.join(summary['files'])} to {args.out}")
    return 0


def register(sub) -> None:
    p = sub.add_parser("analyze", help="actor-level stance over a JSONL corpus: CSV, Parquet, JSONL and a PNG")
    p.add_argument("corpus", help='JSONL, one {"id", "text", "date"?, "source"?, "target"?} a line (.gz accepted)')
    for name, what in (("text", "the article's text"), ("id", "its id, a string or an integer, unique"),
                       ("date", "its ISO date, optional"), ("source", "its source, optional")):
        p.add_argument(f"--{name}-field", default=name, metavar="FIELD",
                       help=f"the field holding {what} (default: {name}); documents.jsonl names it {name}")
    p.add_argument("--target-field", default=None, metavar="FIELD",
                   help="the field holding a record's stance target, optional (default: the target column the model "
                   "was trained on, else target; '' reads none): one analysis reads every article toward one target, "
                   "so a record naming another is refused")
    p.add_argument("--model", nargs="+", default=None,
                   help="model folder(s) or hub repository id(s) ORG/NAME with a stance model, and optionally NER "
                   "(default: runs/demo from make demo)")
    p.add_argument("--revision", default=None, help="for a hub repository id: the branch, tag or commit")
    p.add_argument("--target", default=None, help="stance target (default: the model's, e.g. وقف إطلاق النار)")
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--actors", action="append", default=[], metavar="YAML",
                   help="an extra alias table extending the bundled one (repeatable)")
    p.add_argument("--no-default-actors", action="store_true", help="use only the --actors tables")
    p.add_argument("--top", type=positive_int, default=6, help="actors in the stance-over-time plot (default 6)")
    p.add_argument("--freq", default="auto", choices=["auto", "day", "week", "month"],
                   help="period of the time series (auto: from the span of the articles dated to the day; month where "
                   "as many or more are dated to a month, not a day)")
    p.add_argument("--batch-size", type=positive_int, default=32, help="texts per forward pass (default 32)")
    p.add_argument("--chunk-size", type=positive_int, default=64, help="articles predicted at a time (bounded memory)")
    p.add_argument("--no-clauses", action="store_true",
                   help="do not re-score the clauses of sentences that hold several speakers")
    p.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    p.add_argument("--device", default="auto", help="auto (CUDA when present), cpu, cuda or cuda:N")
    p.add_argument("--dtype", default=None, choices=["fp32", "bf16", "int8", "auto"],
                   help="default: the model folder's saved default, else fp32")
    p.add_argument("--backend", default=None, choices=["torch", "onnx"], help="onnx needs the onnx extra")
    p.set_defaults(func=run)
