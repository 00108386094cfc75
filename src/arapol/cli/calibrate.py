"""``arapol calibrate MODEL TEXTS``: measure the int8 calibration of a model (or of each model of a bundle)."""

from __future__ import annotations

import argparse


def read_texts(path: str, text_field: str, target_field: str | None = None) -> tuple[list[str], list[str | None]]:
    """The texts of ``path`` and each one's stance target: each record's ``text_field`` and ``target_field`` (absent
    or null, or no ``target_field``: none) in a ``.jsonl`` file, else (``.txt``, or no extension) each non-blank
    line, with no target; any other kind of file is refused, as its lines are no texts (``.gz`` read through)."""
    from pathlib import Path

    from ..data.io import read_jsonl, read_lines, target_problem
    from ..errors import ArapolError, DataError

    name = Path(path).name.lower().removesuffix(".gz")
    suffix = Path(name).suffix
    if suffix not in (".jsonl", ".txt", ""):
        raise ArapolError(f"{path}: expected a .jsonl file (each record's --text-field) or a .txt file, one text a "
                          f"line; a {suffix} file's lines are not texts (convert it to one of those)")
    if suffix != ".jsonl":
        if text_field != "text" or target_field not in (None, "target"):
            raise ArapolError(f"--text-field and --target-field name fields of a .jsonl file; {path} is read one "
                              "text a line")
        texts = [line for line in read_lines(path) if line.strip()]
        return texts, [None] * len(texts)
    texts, targets = [], []
    for n, rec in read_jsonl(path):
        if not isinstance(rec, dict) or not isinstance(rec.get(text_field), str):
            raise DataError(f"expected an object with a string field {text_field!r} (--text-field)",
                            source=path, line=n)
        target = rec.get(target_field) if target_field else None
        if problem := target_problem(target, target_field or "", "the model's own target (--target-field names it)"):
            raise DataError(problem, source=path, line=n)
        texts.append(rec[text_field])
        targets.append(target)
    return texts, targets


def run(args: argparse.Namespace) -> int:
    from ..checkpoint import CALIBRATION_FILE, task_folders
    from ..errors import ArapolError
    from ..inference.calibration import calibrate

    folders = task_folders(args.model)
    for option, given in (("--target", args.target is not None), ("--target-field", args.target_field != "target")):
        if given and "stance" not in folders:
            raise ArapolError(f"{option} is for the stance target, and {args.model} holds no stance model: leave it "
                              "out")
    # each text toward its record's own target, as training calibrates a model of several targets (--target: all)
    texts, targets = read_texts(args.texts, args.text_field, args.target_field if "stance" in folders else None)
    stance_target = args.target if args.target is not None or not any(targets) else targets
    for task in sorted(folders, key=lambda t: t != "stance"):  # stance first: a target it cannot read writes nothing
        had = (folders[task] / CALIBRATION_FILE).is_file()
        path = calibrate(folders[task], texts, target=stance_target if task == "stance" else None,
                         max_texts=args.max_texts)
        print(f"{task}: {'replaced' if had else 'wrote'} {path}")
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
    p.add_argument("--target", default=None, help="a stance model reads every text toward this target "
                   "(default: each record's --target-field, else the model's own)")
    p.add_argument("--target-field", default="target", help="the field of a .jsonl file holding a record's stance "
                   "target (absent or null: the model's own)")
    p.add_argument("--max-texts", type=int, default=CALIBRATION_TEXTS,
                   help=f"run at most this many texts, spread evenly over the file (default {CALIBRATION_TEXTS})")
    p.set_defaults(func=run)
