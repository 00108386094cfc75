"""``arapol train CONFIG``: fine-tune a model from a YAML config."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import yaml

from ..errors import ArapolError
from ..yamlio import load_yaml


def overrides(pairs: list[str]) -> dict:
    """``key=value`` pairs (values parsed as YAML) into a nested dict; ``training.num_train_epochs=1`` nests. A
    mapping value replaces the config's mapping there (:class:`~arapol.config.Replace`), and the paths in it
    (``data={train: x.jsonl}``) are relative to the current folder as well."""
    from ..config import Replace

    out: dict = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise ArapolError(f"--set expects key=value, got {pair!r}")
        *parents, leaf = parts = key.split(".")
        if not all(part.strip() for part in parts):
            raise ArapolError(f"--set {pair!r}: the key {key!r} has an empty part; expected names joined by dots, "
                              "such as training.learning_rate=2e-4")
        node = out
        for i, p in enumerate(parents):
            node = node.setdefault(p, {})
            if not isinstance(node, dict):
                raise ArapolError(f"--set {key}: {'.'.join(parents[:i + 1])} was set to a value, not a mapping")
        try:
            parsed = _parsed(key, value)
        except yaml.YAMLError as exc:
            raise ArapolError(f"--set {key}: the value {value!r} is not valid YAML ({exc.problem or exc})") from None
        node[leaf] = _absolute(key, Replace(parsed) if isinstance(parsed, dict) else parsed)
    return out


def _parsed(key: str, value: str) -> object:
    """``value`` read as a config file's YAML is (:func:`~arapol.yamlio.load_yaml`: an impossible date is a YAML
    error, not a traceback), as the value of ``key``: a text key's (:data:`~arapol.config.TEXT_KEYS`, the paths
    among them) is the text given, in a mapping too (``output_dir=2025-01-15``, ``data={train: 2025-01-15}`` name a
    folder and a file, ``target=2025-01-15`` a target, not dates), and so is a ``TrainingArguments`` text
    argument's (``training.run_name=2025-01-15``; :func:`~arapol.config.text_keys`)."""
    from ..config import text_keys

    return load_yaml(value, as_text=text_keys(training=key.split(".")[0] == "training"), at=key)


def _absolute(key: str, value: object) -> object:
    """``value`` given for ``key`` with its paths (:data:`~arapol.config.PATH_KEYS`, a ``base_model`` folder that
    exists) made absolute from the current folder, in a mapping too."""
    from ..config import PATH_KEYS

    if isinstance(value, dict):
        for k in value:
            value[k] = _absolute(f"{key}.{k}", value[k])
        return value
    if isinstance(value, str) and value and (key in PATH_KEYS or key == "base_model" and Path(value).exists()):
        return str(Path(value).expanduser().resolve())
    return value


def run(args: argparse.Namespace) -> int:
    from ..config import load_config
    from ..training import train

    args.resumes = (": the same command without --no-resume resumes from the last checkpoint saved, if any"
                    if args.no_resume else
                    ": the same command resumes from the last checkpoint saved, if any (--no-resume starts over)")
    named = "the overrides (--set)"
    cfg = load_config(args.config, overrides(args.set), overrides_named=named)
    # an error training finds may lie in the file's value or in an override's, which it cannot tell: "with", not "in"
    where = f"{args.config} (with --set overrides)" if args.set else args.config
    out = train(cfg, resume=not args.no_resume, where=where)
    if out is None:
        return 0
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    print(f"saved {cfg.task} model to {out}")
    key = "f1" if cfg.task == "ner" else "macro_f1"
    for split in ("dev", "test"):
        if split in metrics:
            print(f"{split}: {key} = {metrics[split][key]:.4f}")
    return 0


def register(sub) -> None:
    p = sub.add_parser("train", help="fine-tune a model from a YAML config")
    p.add_argument("config", help="a YAML file such as configs/ner_tiny.yaml")
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                   help="override a config key (dots nest: training.num_train_epochs=1)")
    p.add_argument("--no-resume", action="store_true", help="start afresh even if checkpoints exist")
    p.set_defaults(func=run)
