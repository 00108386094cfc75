"""``arapol calibrate MODEL TEXTS``: measure the int8 calibration of a model (or of each model of a bundle)."""

from __future__ import annotations

import argparse


def read_texts(path: str, text_field: str) -> list[str]:
    """The texts of ``path``: each record's ``text_field`` in a ``.jsonl`` file, else each non-blank line."""
    from ..data.io import read_jsonl, read_lines
    from ..errors import DataError

    if not path.endswith(".jsonl"):
        return [line for line in read_lines(path) if line.strip()]
    texts = []
    for n, rec in read_jsonl(path):
        if not isinstance(rec, dict) or not isinstance(rec.get(text_field), str):
            raise DataError(f"expected an object with a string field {text_field!r} (--text-field)",
                            source=path, line=n)
        texts.append(rec[text_field])
    return texts


def run(args: argparse.Namespace) -> int:
    from ..checkpoint import task_folders
    from ..inference.calibration import calibrate

    texts = read_texts(args.texts, args.text_field)
    for task, folder in task_folders(args.model).items():
        path = calibrate(folder, texts, target=args.target, max_texts=args.max_texts)
        print(f"{task}: wrote {path}")
    return 0


def register(sub) -> None:
    from ..checkpoint import CALIBRATION_TEXTS

    p = sub.add_parser(
        "calibrate", help="measure a model's int8 calibration (each linear layer's input ranges) on texts",
        description="Run TEXTS through MODEL in fp32 and save each linear layer's largest input per channel as "
                    "int8_calibration.safetensors, which dtype='int8' (torch and ONNX) smooths with. Training "
                    "writes one from the training texts; this adds or redoes it (e.g. for a model trained "
                    "before calibrations, or on texts closer to what the model will read).")
    p.add_argument("model", help="a model folder (or a folder with both tasks: each is calibrated)")
    p.add_argument("texts", help="texts like those the model will read: a .jsonl file (field --text-field) or a "
                   "text file, one text a line")
    p.add_argument("--text-field", default="text", help="the field of a .jsonl file holding the text")
    p.add_argument("--target", default=None, help="a stance model reads the texts toward this target "
                   "(default: its own)")
    p.add_argument("--max-texts", type=int, default=CALIBRATION_TEXTS,
                   help=f"run at most this many texts, spread evenly over the file (default {CALIBRATION_TEXTS})")
    p.set_defaults(func=run)
