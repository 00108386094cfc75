"""``arapol export MODEL OUT``: a clean, self-contained folder that stock ``transformers`` loads."""

from __future__ import annotations

import argparse


def run(args: argparse.Namespace) -> int:
    from ..errors import ArapolError
    from ..export import export_model

    if args.int8 and not args.onnx:
        raise ArapolError("--int8 quantises the ONNX graph: give it with --onnx (torch's int8 needs no export: "
                          "arapol.load(MODEL, dtype='int8'))")
    out = export_model(args.model, args.out, task=args.task, name=args.name, overwrite=args.force, onnx=args.onnx,
                       int8=args.int8)
    print(f"exported to {out}")
    for f in sorted(p for p in out.rglob("*") if p.is_file()):
        print(f"  {f.relative_to(out)}  ({f.stat().st_size:,} bytes)")
    return 0


def register(sub) -> None:
    p = sub.add_parser(
        "export", help="write a clean model folder (safetensors, config, tokenizer, card) for stock transformers",
        description="Copy MODEL into OUT without training state: model.safetensors, config.json with id2label, "
                    "the tokenizer, arapol.json (normalisation settings), training_config.yaml, metrics.json, "
                    "the int8 calibration (int8_calibration.safetensors) and saved mode (inference.json) where the "
                    "model has them, and the model card README.md. Stock transformers loads OUT with "
                    "AutoModelFor*.")
    p.add_argument("model", help="a model folder from `arapol train` (or a folder with both tasks)")
    p.add_argument("out", help="the folder to create")
    p.add_argument("--task", choices=["ner", "stance"], default=None,
                   help="export only this task of a folder with both (default: every task it holds)")
    p.add_argument("--name", default=None,
                   help="the model's name in the card, e.g. the hub repo id (default: OUT's name)")
    p.add_argument("--force", action="store_true", help="replace OUT if it holds an earlier export (nothing else)")
    p.add_argument("--onnx", action="store_true", help="also export ONNX graphs into onnx/ (needs the onnx extra; "
                   "for local serving — `arapol push` accepts safetensors only)")
    p.add_argument("--int8", action="store_true", help="with --onnx: also write an int8-quantised graph")
    p.set_defaults(func=run)
