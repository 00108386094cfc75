"""``arapol push MODEL --repo-id ORG/NAME``: validate a model folder and upload it to the Hugging Face hub."""

from __future__ import annotations

import argparse
import math


def _megabytes(value: str) -> float:
    """An argparse type: a size in MB, a finite number above 0 (``nan`` let every file through, ``-1`` none)."""
    try:
        mb = float(value)
    except ValueError:
        mb = math.nan
    if not (math.isfinite(mb) and mb > 0):
        raise argparse.ArgumentTypeError(f"expected a size in MB above 0, got {value}")
    return mb


def run(args: argparse.Namespace) -> int:
    from ..hub import human_size, push_folder

    result = push_folder(args.model, args.repo_id, private=args.private, revision=args.revision,
                         dry_run=args.dry_run, max_file_mb=args.max_file_mb, commit_message=args.message)
    where = f"{args.repo_id}" + (f"@{args.revision}" if args.revision else "")
    if args.dry_run:
        total = human_size(sum(f.size for f in result.files))
        print(f"dry run: the folder is valid; would upload {len(result.files)} files ({total}) to {where}"
              f"{' (private)' if args.private else ''}:")
    else:
        print(f"uploaded {len(result.files)} files to {where}: {result.url}")
    for f in result.files:
        print(f"  {f.path}  ({human_size(f.size)})")
    if not args.dry_run:
        revision = f", revision={args.revision!r}" if args.revision else ""
        print(f"load it with arapol.load({args.repo_id!r}{revision}) or `arapol predict {args.repo_id}"
              f"{' --revision ' + args.revision if args.revision else ''}`")
    return 0


def register(sub) -> None:
    p = sub.add_parser(
        "push", help="upload an exported model folder to the Hugging Face hub (--dry-run: validate only)",
        description="Validate MODEL (safetensors weights only, id2label in config.json, a model card whose "
                    "metadata parses, no stray large files) and upload it with huggingface_hub. The token comes "
                    "from HF_TOKEN or `hf auth login`. Push what `arapol export` wrote.")
    p.add_argument("model", help="a model folder, as written by `arapol export`")
    p.add_argument("--repo-id", required=True, help="ORG/NAME on the hub")
    p.add_argument("--private", action="store_true", help="create the repository as private")
    p.add_argument("--revision", default=None, help="the branch to push to (created if missing; default: main)")
    p.add_argument("--dry-run", action="store_true", help="validate and list the files; no network")
    p.add_argument("--max-file-mb", type=_megabytes, default=None,
                   help="the size limit for files other than weights, tokenizer and config (default: 10)")
    p.add_argument("--message", default=None, help="the commit message")
    p.set_defaults(func=run)
