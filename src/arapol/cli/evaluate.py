"""``arapol evaluate MODEL DATA``: scores, error analysis, a Markdown report and a confusion-matrix PNG."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from . import positive_int

SPLITS = ("train", "dev", "test")


def _data_from_training_config(model: Path, task: str, split: str) -> dict:
    """``DATA`` given as ``train``/``dev``/``test``: the file and reading options of the model's own training config;
    a dev split carved from train (``data.dev_fraction``) is carved again as training did and passed as
    ``examples``, and so is the train split, without it: the examples the model learnt from."""
    import yaml

    from ..checkpoint import CONFIG_FILE, read_info
    from ..config import load_config
    from ..data import reading_target
    from ..errors import ArapolError
    from ..evaluation import pick_task_folder
    from ..model_card import REPO_ROOT, split_file

    _, folder = pick_task_folder(model, task)
    path = folder / CONFIG_FILE
    if not path.is_file():
        raise ArapolError(f"{folder}: no {CONFIG_FILE} to find the {split} split in; give a data file instead")
    cfg = load_config(path, saved=True)
    key = split
    file = getattr(cfg.data, split)
    carve = split in ("train", "dev") and not cfg.data.dev and cfg.data.dev_fraction > 0
    if carve:
        key, file = "train", cfg.data.train
    if not file:
        raise ArapolError(f"{path}: the training config names no {split} file; give a data file instead")
    info = read_info(folder)
    place = split_file(info, key, "")  # a bundled corpus file: in this checkout, wherever the model is
    if not Path(file).is_file() and place and (REPO_ROOT / place).is_file():
        file = str(REPO_ROOT / place)
    if not Path(file).is_file():
        written = yaml.safe_load(path.read_text(encoding="utf-8"))["data"][key]  # before resolving against the folder
        source = f"carved from {written}" if carve else written
        raise ArapolError(f"{path}: its {split} split is {source}, not on this machine (a training config keeps the "
                          "path the model was trained with, shortened when the model is exported or published): "
                          f"give the data file instead, as arapol evaluate {model} PATH/{Path(file).name}")
    d = cfg.data
    target = {}
    if cfg.task == "stance":
        d.label_column = _saved_label_column(d, file)
        target = {"target": reading_target(cfg, info.default_target)}  # as training read dev and test
    extra: dict = {}
    if carve:
        from dataclasses import replace

        from ..data import load_split
        from ..training.trainer import dev_split

        read = replace(cfg, **target) if split == "dev" else cfg  # (training's own split: as it was read)
        train, dev = dev_split(read, load_split(file, read))
        drawn = f"{d.dev_fraction:g} of the records, drawn with seed {cfg.dev_carve_seed()}"
        extra = {"examples": dev, "carved": f"dev: {drawn}"} if split == "dev" else {
            "examples": train, "carved": f"train: the records left once dev ({drawn}) was carved"}
    return {**extra, "data": file, "fmt": d.format, "fmt_source": f"the data.format of {path}",
            "label_map": d.label_map, "repair_iob": d.repair_iob,
            "text_column": d.text_column, "target_column": d.target_column, "label_column": d.label_column,
            "targets": d.targets, "join_sentences": d.join_sentences,
            **target}


def _saved_label_column(data: Any, file: str) -> str | None:
    """The label column a training config's ``data`` names for ``file``. Configs saved before JSONL read
    ``label_column`` hold ``stance`` (then the CSV default, unused by JSONL): for a JSONL file whose records have no
    ``stance`` field, JSONL's own ``label`` is meant."""
    from ..data import CSV_LABEL
    from ..data.io import read_jsonl

    if data.format != "jsonl" or data.label_column != CSV_LABEL:
        return data.label_column
    first = next((rec for _, rec in read_jsonl(file)), None)
    return CSV_LABEL if isinstance(first, dict) and CSV_LABEL in first else None


def report_name(data: str | Path) -> str:
    """The default report folder of a data file: its folder's name and its own, without extensions
    (``../shared/data/anercorp/test.tsv`` → ``anercorp-test``, ``a.v1.jsonl.gz`` → ``…-a.v1``), so that two corpora's
    test files, or two versions of one, do not overwrite each other's report, nor the ``test`` split's."""
    path = Path(data).resolve()
    stem = path.name.removesuffix(".gz").rsplit(".", 1)[0] or path.name  # a.v1.jsonl → a.v1, not a
    return f"{path.parent.name}-{stem}" if path.parent.name else stem


def _own_folder(out: Path, data: str | Path) -> Path:
    """``out``, unless it holds the report of another data file (``ans/stance/test.csv`` and
    ``data/stance/test.jsonl`` are both ``stance-test``): then ``out`` with a short hash of this file's path."""
    import hashlib
    import json

    try:
        earlier = json.loads((out / "metrics.json").read_text(encoding="utf-8")).get("data")
    except (OSError, ValueError, AttributeError):
        return out
    if earlier is None or Path(str(earlier)).resolve() == Path(data).resolve():
        return out
    tag = hashlib.sha256(str(Path(data).resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return out.with_name(f"{out.name}-{tag}")


def _check_task_options(args: argparse.Namespace, task: str) -> None:
    """Refuse options of the other task, which the evaluation would not read (they were ignored, and the report
    looked as asked)."""
    from ..errors import ArapolError

    if task == "ner":
        given = [flag for flag, value in (("--text-column", args.text_column), ("--target-column", args.target_column),
                                          ("--label-column", args.label_column), ("--target", args.target))
                 if value is not None]
        if given:
            raise ArapolError(f"{', '.join(given)}: only for a stance model, and this is an NER model (it reads each "
                              "record's text and entities fields, or a CoNLL file's columns, and has no target): "
                              f"remove {'them' if len(given) > 1 else 'it'}")
    elif args.repair_iob:
        raise ArapolError("--repair-iob: only for an NER model (it repairs orphan I- tags), and this is a stance "
                          "model: remove it")


def run(args: argparse.Namespace) -> int:
    from ..checkpoint import EVAL_DIR, INFO_FILE
    from ..config import DataConfig
    from ..errors import ArapolError
    from ..evaluation import evaluate_path, pick_task_folder, trained_columns
    from ..hub import model_folder, names_hub_repository
    from ..reports import ReportError, write_report

    model = model_folder(args.model, args.revision)
    if args.out and (Path(args.out) / INFO_FILE).is_file():
        raise ArapolError(f"--out {args.out}: a model folder, whose metrics.json holds the scores of its training "
                          "run (its card and push read them there), which the report would replace: give "
                          f"another folder (by default reports go to {Path(args.out) / EVAL_DIR}/NAME)")

    task, folder = pick_task_folder(model, args.task)
    _check_task_options(args, task)
    split = args.data in SPLITS and not Path(args.data).is_file()  # a folder named test is no data file
    columns = {"text_column": args.text_column, "target_column": args.target_column,
               "label_column": args.label_column}
    if args.format == "unifiedfc":  # its own fields, whatever columns the model trained with
        columns = {k: getattr(DataConfig, k) if v is None else v for k, v in columns.items()}
    elif not split:  # a stance file in the training data's layout: its columns are the model's own by default
        trained = trained_columns(task, folder)
        columns = {k: trained[k] if v is None else v for k, v in columns.items()}
    opts = {"data": args.data, "fmt": args.format, "label_map": args.label_map or None,
            "repair_iob": args.repair_iob, "text_column": columns["text_column"] or "text",
            "target_column": columns["target_column"] or None, "label_column": columns["label_column"],
            "join_sentences": args.join_sentences or 1, "targets": args.targets}
    if split:
        given = {"fmt": args.format, "label_map": args.label_map, "join_sentences": args.join_sentences,
                 "targets": args.targets}
        saved = _data_from_training_config(model, args.task, args.data)
        if "examples" in saved and any(given.values()):
            raise ArapolError(f"the {args.data} split, carved as training carved it, is read as training read it: "
                              "--format, --label-map, --join-sentences and --targets do not apply to it")
        opts = {**saved, **{k: opts[k] for k, v in given.items() if v}}
        if args.format:  # read as asked, not as the saved config says
            del opts["fmt_source"]
    if "examples" not in opts and not Path(opts["data"]).is_file():
        raise ArapolError(f"{opts['data']}: no such data file (nor one of the model's own splits: "
                          f"{', '.join(SPLITS)})")
    data, trained_target = opts.pop("data"), opts.pop("target", None)
    metrics = evaluate_path(model, data, task=args.task, target=args.target or trained_target,
                            batch_size=args.batch_size,
                            device=args.device, top=args.top, **opts)
    # a model fetched from the hub lives in its cache: its reports go under ./eval/ORG--NAME/ instead
    reports = (Path(EVAL_DIR) / str(args.model).replace("/", "--") if names_hub_repository(args.model)
               else Path(metrics["model"]) / EVAL_DIR)
    out = Path(args.out) if args.out else _own_folder(reports / (args.data if split else report_name(data)), data)
    try:
        paths = write_report(metrics, out, plot=not args.no_plot)
    except ReportError as exc:
        raise ArapolError(str(exc)) from exc
    except OSError as exc:  # a read-only model folder (one fetched from the hub lives in a cache, handled above)
        raise ArapolError(f"{out}: cannot write the report ({exc.strerror or exc}): give --out a folder you can "
                          "write to") from exc
    print(summary_line(metrics))
    for p in paths.values():
        print(f"wrote {p}")
    return 0


def register(sub) -> None:
    p = sub.add_parser(
        "evaluate", help="score a model on a labelled file: metrics.json, report.md, confusion.png",
        description="Score MODEL on DATA (a labelled file, or train/dev/test: that split of the model's training "
                    "config). NER: strict entity scores and an error analysis; stance: accuracy, macro-F1, "
                    "per-class scores and the confusion matrix.")
    p.add_argument("model", help="a model folder (or a folder with both tasks: pick one with --task), or a hub "
                   "repository id ORG/NAME (fetched once; reports then go to ./eval/ORG--NAME/ unless --out)")
    p.add_argument("--revision", default=None, help="for a hub repository id: the branch, tag or commit")
    p.add_argument("data", help="a labelled data file, or 'train'/'dev'/'test' for the model's own split")
    p.add_argument("--task", choices=["ner", "stance"], default=None, help="default: the model's task")
    p.add_argument("--out", default=None, help="output folder (default: MODEL/eval/DATA-NAME)")
    p.add_argument("--format", default=None, choices=["jsonl", "conll", "csv", "unifiedfc"],
                   help="default from the extension: .conll/.tsv/.txt → conll (NER), .csv → csv, .tsv → csv "
                        "tab-separated (stance), else jsonl")
    p.add_argument("--label-map", action="append", default=[], metavar="CORPUS|KEY=VALUE",
                   help="corpus labels → the model's: anercorp, mawqif, ans, unifiedfc, or KEY=VALUE pairs "
                        "(repeatable, or comma-separated; default: the map the model was trained with); applied "
                        "to the model's predictions too, except to labels it maps something onto (the model's own: "
                        "with LOC=O,ORG=LOC a predicted LOC stays)")
    p.add_argument("--repair-iob", action="store_true", help="CoNLL: turn orphan I- tags into B- instead of failing")
    p.add_argument("--text-column", default=None, help="stance: the text's column (CSV) or field (JSONL) "
                   "(default: the one the model was trained with, else text)")
    p.add_argument("--target-column", default=None, help="stance: the target's column or field (default: the one "
                   "the model was trained with, else target; '' uses the model's target for every record)")
    p.add_argument("--label-column", default=None, help="stance: the label's column or field (default: the one the "
                   "model was trained with, else stance in a CSV, label in JSONL)")
    p.add_argument("--target", default=None, help="stance target of records that name none (default: the model's)")
    p.add_argument("--targets", nargs="+", default=[], metavar="TARGET",
                   help="stance: score only the examples of these targets (dev/test: default the training config's "
                        "data.targets)")
    p.add_argument("--join-sentences", type=positive_int, default=None, metavar="N",
                   help="NER: join N consecutive sentences of a document into one text, as a model trained with "
                        "data.join_sentences: N saw them (dev/test: default the training config's; a file: 1)")
    p.add_argument("--top", type=positive_int, default=20, help="NER: how many of the most frequent errors to list")
    p.add_argument("--no-plot", action="store_true", help="skip the confusion-matrix PNG (no matplotlib needed)")
    p.add_argument("--batch-size", type=positive_int, default=32)
    p.add_argument("--device", default="auto")
    p.set_defaults(func=run)


def summary_line(metrics: dict[str, Any]) -> str:
    """The one line ``arapol evaluate`` prints; a macro-F1 over fewer types than the model's says which it leaves
    out (``macro-F1 0.8123 without MISC``), as the report does."""
    if metrics["task"] != "ner":
        return (f"{metrics['n_examples']} examples: accuracy {metrics['accuracy']:.4f}, "
                f"macro-F1 {metrics['macro_f1']:.4f}")
    if not metrics["per_type"]:
        return f"{metrics['n_examples']} examples: no entity annotated or predicted, so no score"
    absent = metrics.get("absent_types") or []
    return (f"{metrics['n_examples']} examples: precision {metrics['precision']:.4f}, recall {metrics['recall']:.4f}, "
            f"F1 {metrics['f1']:.4f} (micro), macro-F1 {metrics['macro_f1']:.4f}"
            + (f" without {', '.join(absent)}" if absent else ""))
