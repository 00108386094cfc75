#!/usr/bin/env python3
"""Build the bundled Arabic stance corpus from its hand-labelled source table.

The single source of truth is ``data/stance/annotated.tsv`` (UTF-8, tab-separated,
header ``split<TAB>label<TAB>phenomenon<TAB>text``).  This script validates every
row and writes one JSON Lines file per split::

    data/stance/train.jsonl
    data/stance/dev.jsonl
    data/stance/test.jsonl

Each output line is one object::

    {"id": "stance-train-0001", "text": "...", "target": "وقف إطلاق النار",
     "label": "favor", "phenomenon": "exclusion"}

Ids are numbered per split in the order the rows appear in the TSV.  Outputs are
written atomically (temporary file in the same folder, then ``os.replace``) and
only after every check has passed, so a failed run never leaves a partial corpus.

Checks (every error names ``file:line``):

* the header is exactly ``split, label, phenomenon, text``;
* every row has exactly four tab-separated fields;
* ``split`` is one of train/dev/test, ``label`` one of favor/against/none,
  ``phenomenon`` one of the documented phenomena;
* ``text`` is non-empty, has no surrounding whitespace and no control characters;
* no two rows share a text, whether exactly or after removing tashkeel and
  tatweel and collapsing whitespace;
* every split is non-empty and every label makes up at least ``--min-share``
  (default 25%) of every split.

The script prints counts per split x label and per phenomenon x label.

Usage (from the repository root)::

    python3 scripts/build_stance_corpus.py           # validate and (re)write the JSONL files
    python3 scripts/build_stance_corpus.py --check   # validate; fail if the JSONL files are stale

Exit status: 0 on success, 1 on validation errors or stale outputs, 2 on usage errors.
Only the Python standard library is used.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

TARGET = "وقف إطلاق النار"
HEADER: tuple[str, ...] = ("split", "label", "phenomenon", "text")
SPLITS: tuple[str, ...] = ("train", "dev", "test")
LABELS: tuple[str, ...] = ("favor", "against", "none")
PHENOMENA: tuple[str, ...] = (
    "plain",
    "exclusion",
    "conditional",
    "reported",
    "violation",
    "negation",
    "rhetorical",
    "mixed",
    "unrelated",
)
DEFAULT_MIN_SHARE = 0.25

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = REPO_ROOT / "data" / "stance" / "annotated.tsv"

# Arabic harakat, shadda, sukun, superscript alef and Quranic marks, plus tatweel.
_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_SPACES = re.compile(r"\s+")
_HEADER_LINE = "\t".join(HEADER)


class CorpusError(Exception):
    """One or more problems found in the annotated table; ``errors`` lists them all."""

    def __init__(self, errors: Sequence[str]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


@dataclass(frozen=True)
class Row:
    """One validated row of the annotated table."""

    line: int
    split: str
    label: str
    phenomenon: str
    text: str


def normalise(text: str) -> str:
    """Return ``text`` without tashkeel/tatweel and with whitespace collapsed, for duplicate checks."""
    text = unicodedata.normalize("NFC", text)
    text = _DIACRITICS.sub("", text)
    return _SPACES.sub(" ", text).strip()


def _has_control_chars(text: str) -> bool:
    """True if ``text`` contains a control character (tabs and newlines included)."""
    return any(unicodedata.category(ch) == "Cc" for ch in text)


def read_rows(path: Path) -> list[Row]:
    """Read and validate the rows of ``path``; raise :class:`CorpusError` listing every problem.

    Split balance is checked separately, by :func:`check_balance`.
    """
    errors: list[str] = []
    rows: list[Row] = []
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CorpusError([f"{path}: cannot read: {exc.strerror or exc}"]) from exc
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line_no = raw[: exc.start].count(b"\n") + 1
        raise CorpusError([f"{path}:{line_no}: not valid UTF-8 ({exc.reason})"]) from exc

    lines = content.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        raise CorpusError([f"{path}: file is empty; expected the header line {_HEADER_LINE!r}"])

    header = tuple(lines[0].rstrip("\r").split("\t"))
    if header != HEADER:
        errors.append(f"{path}:1: header is {header!r}, expected {HEADER!r}")

    first_seen: dict[str, int] = {}
    first_seen_norm: dict[str, int] = {}
    for line_no, raw_line in enumerate(lines[1:], start=2):
        line = raw_line.rstrip("\r")
        where = f"{path}:{line_no}"
        if not line.strip():
            errors.append(f"{where}: blank line; remove it")
            continue
        fields = line.split("\t")
        if len(fields) != len(HEADER):
            errors.append(
                f"{where}: expected {len(HEADER)} tab-separated fields "
                f"(split, label, phenomenon, text), found {len(fields)}"
            )
            continue
        split, label, phenomenon, text = fields
        row_ok = True
        if split not in SPLITS:
            errors.append(f"{where}: split {split!r} is not one of {', '.join(SPLITS)}")
            row_ok = False
        if label not in LABELS:
            errors.append(f"{where}: label {label!r} is not one of {', '.join(LABELS)}")
            row_ok = False
        if phenomenon not in PHENOMENA:
            errors.append(f"{where}: phenomenon {phenomenon!r} is not one of {', '.join(PHENOMENA)}")
            row_ok = False
        if not text.strip():
            errors.append(f"{where}: text is empty")
            continue
        if text != text.strip():
            errors.append(f"{where}: text has leading or trailing whitespace")
            row_ok = False
        if _has_control_chars(text):
            errors.append(f"{where}: text contains a control character")
            row_ok = False
        if text in first_seen:
            errors.append(f"{where}: duplicate text (same as line {first_seen[text]})")
            row_ok = False
        else:
            first_seen[text] = line_no
            key = normalise(text)
            if key in first_seen_norm:
                errors.append(
                    f"{where}: near-duplicate text (same as line {first_seen_norm[key]} "
                    "once tashkeel and spacing are ignored)"
                )
                row_ok = False
            else:
                first_seen_norm[key] = line_no
        if row_ok:
            rows.append(Row(line_no, split, label, phenomenon, text))

    if errors:
        raise CorpusError(errors)
    return rows


def check_balance(rows: Sequence[Row], min_share: float, *, source: str) -> list[str]:
    """Return an error for every empty split and every label under ``min_share`` of a split."""
    errors: list[str] = []
    per_split = Counter(r.split for r in rows)
    per_cell = Counter((r.split, r.label) for r in rows)
    for split in SPLITS:
        total = per_split[split]
        if total == 0:
            errors.append(f"{source}: split {split!r} has no rows")
            continue
        for label in LABELS:
            share = per_cell[(split, label)] / total
            if share < min_share:
                errors.append(
                    f"{source}: label {label!r} is {per_cell[(split, label)]}/{total} "
                    f"({share:.1%}) of split {split!r}, under the minimum {min_share:.0%}"
                )
    return errors


def render_split(rows: Sequence[Row], split: str) -> str:
    """Return the JSON Lines text for ``split``, ids numbered in table order."""
    out: list[str] = []
    for n, row in enumerate((r for r in rows if r.split == split), start=1):
        record = {
            "id": f"stance-{split}-{n:04d}",
            "text": row.text,
            "target": TARGET,
            "label": row.label,
            "phenomenon": row.phenomenon,
        }
        out.append(json.dumps(record, ensure_ascii=False))
    return "".join(line + "\n" for line in out)


def _file_mode(path: Path) -> int:
    """Mode for a rewritten ``path``: its current mode, else 0o666 less the umask (mkstemp would give 0o600)."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomically(files: dict[Path, str]) -> None:
    """Write every file to a temporary sibling first, then move them all into place."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            staged.append((tmp, path))
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
                handle.flush()
                os.fchmod(handle.fileno(), _file_mode(path))
                os.fsync(handle.fileno())
        for tmp, path in staged:
            os.replace(tmp, path)
    finally:
        for tmp, _ in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)


def format_counts(rows: Sequence[Row]) -> str:
    """Return the split x label and phenomenon x label count tables as plain text."""
    lines: list[str] = []
    cell = Counter((r.split, r.label) for r in rows)
    width = max(len(s) for s in (*SPLITS, "phenomenon", "total"))
    head = f"{'split':<{width}}" + "".join(f"{lab:>15}" for lab in LABELS) + f"{'total':>8}"
    lines.append(head)
    for split in SPLITS:
        total = sum(cell[(split, lab)] for lab in LABELS)
        parts = "".join(
            f"{cell[(split, lab)]:>7} ({cell[(split, lab)] / total:5.1%})" if total else f"{0:>15}" for lab in LABELS
        )
        lines.append(f"{split:<{width}}{parts}{total:>8}")
    totals = "".join(f"{sum(cell[(s, lab)] for s in SPLITS):>15}" for lab in LABELS)
    lines.append(f"{'total':<{width}}{totals}{len(rows):>8}")
    lines.append("")
    pcell = Counter((r.phenomenon, r.label) for r in rows)
    psplit = Counter((r.phenomenon, r.split) for r in rows)
    lines.append(
        f"{'phenomenon':<{width}}"
        + "".join(f"{lab:>9}" for lab in LABELS)
        + f"{'total':>8}   "
        + " ".join(f"{s:>5}" for s in SPLITS)
    )
    for ph in PHENOMENA:
        total = sum(pcell[(ph, lab)] for lab in LABELS)
        lines.append(
            f"{ph:<{width}}"
            + "".join(f"{pcell[(ph, lab)]:>9}" for lab in LABELS)
            + f"{total:>8}   "
            + " ".join(f"{psplit[(ph, s)]:>5}" for s in SPLITS)
        )
    return "\n".join(lines)


def build(input_path: Path, out_dir: Path, *, min_share: float, check: bool) -> int:
    """Validate ``input_path`` and write (or, with ``check``, compare) the split files."""
    try:
        rows = read_rows(input_path)
    except CorpusError as exc:
        for message in exc.errors:
            print(f"error: {message}", file=sys.stderr)
        print(f"{len(exc.errors)} error(s); nothing written.", file=sys.stderr)
        return 1
    balance = check_balance(rows, min_share, source=str(input_path))
    if balance:
        print(format_counts(rows), file=sys.stderr)
        for message in balance:
            print(f"error: {message}", file=sys.stderr)
        print(f"{len(balance)} error(s); nothing written.", file=sys.stderr)
        return 1

    outputs = {out_dir / f"{split}.jsonl": render_split(rows, split) for split in SPLITS}
    if check:
        stale = [
            path for path, text in outputs.items() if not path.exists() or path.read_text(encoding="utf-8") != text
        ]
        print(format_counts(rows) + "\n")
        for path in stale:
            print(f"error: {path} is missing or out of date; rerun without --check", file=sys.stderr)
        if stale:
            return 1
        print(f"ok: {len(rows)} rows; {', '.join(p.name for p in outputs)} are up to date")
        return 0
    write_atomically(outputs)  # before any printing, so a closed stdout cannot leave stale files
    print(format_counts(rows) + "\n")
    print(f"wrote {len(rows)} rows to " + ", ".join(str(p) for p in outputs))
    return 0


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(
        description="Validate data/stance/annotated.tsv and write the per-split JSONL files."
    )
    parser.add_argument(
        "--input",
        type=Path,
        default=DEFAULT_INPUT,
        help="annotated table (default: %(default)s)",
    )
    parser.add_argument(
        "--out-dir",
        type=Path,
        default=None,
        help="folder for {train,dev,test}.jsonl (default: the input's folder)",
    )
    parser.add_argument(
        "--min-share",
        type=float,
        default=DEFAULT_MIN_SHARE,
        help="smallest allowed share of each label in each split (default: %(default)s)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="validate and verify the JSONL files are up to date, without writing",
    )
    args = parser.parse_args(argv)
    if not 0.0 <= args.min_share <= 1.0 / len(LABELS):
        parser.error(f"--min-share must be between 0 and {1.0 / len(LABELS):.3f}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the process exit status."""
    args = parse_args(argv)
    out_dir: Path = args.out_dir if args.out_dir is not None else args.input.parent
    return build(args.input, out_dir, min_share=args.min_share, check=args.check)


if __name__ == "__main__":
    sys.exit(main())
