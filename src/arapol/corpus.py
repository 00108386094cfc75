"""Corpus-scale prediction: JSONL in, JSONL out, in constant memory, durable and resumable.

Each finished chunk is appended to the output and flushed to disk (``fsync``) before the next one
starts. On restart, the ids already in the output are skipped, and a partly written last line —
left by a kill in the middle of a write — is cut off first, so the output ends with every id
exactly once. Bad records go to an errors file with their line number and reason; the run goes on.
"""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from tqdm.auto import tqdm

from .data.io import jsonl_objects
from .errors import ArapolError, DataError
from .predictor import Predictor, check_chunk_size


@dataclass
class CorpusReport:
    """What a corpus run did."""

    written: int = 0
    skipped: int = 0
    errors: int = 0


@dataclass
class _Record:
    line: int
    id: str
    text: str
    carry: dict[str, Any]


_BLOCK = 1 << 16


def _repair_tail(path: Path) -> None:
    """Cut a partly written last line off ``path`` (a kill can leave one)."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb+") as fh:
        end = fh.seek(0, os.SEEK_END)
        pos = end
        while pos > 0:  # read backwards a block at a time: the output can be many GB
            start = max(0, pos - _BLOCK)
            fh.seek(start)
            block = fh.read(pos - start)
            if pos == end and block.endswith(b"\n"):
                return
            cut = block.rfind(b"\n")
            if cut >= 0:
                fh.truncate(start + cut + 1)
                return
            pos = start
        fh.truncate(0)


def _ids_in(path: Path, key: str) -> set[str]:
    """The values of ``key`` in each complete line of a JSONL file written by an earlier run."""
    if not path.exists():
        return set()
    done = set()
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            try:
                done.add(str(json.loads(line)[key]))
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise DataError(f"cannot resume: this line is not one arapol wrote ({exc})", source=str(path),
                                line=n) from None
    return done


RESULT_KEYS = ("id", "entities", "stance", "sentences", "actors")
"""The keys an output record is made of; a carried input field may not take one of these names."""


def json_line(row: Any) -> str:
    """``row`` as one line of JSON: UTF-8 text as it is, except in a row holding a lone surrogate (valid in a
    Python string and in JSON, not in UTF-8), which is written with ASCII escapes so it reads back exactly."""
    line = json.dumps(row, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(row)
    return line + "\n"


def _append(fh: TextIO, rows: Sequence[dict[str, Any]]) -> None:
    for row in rows:
        fh.write(json_line(row))
    fh.flush()
    os.fsync(fh.fileno())


def _records(path: Path, text_field: str, id_field: str, carry: Sequence[str], max_chars: int,
             bad: list[dict[str, Any]]) -> Iterator[_Record]:
    """Yield valid records; append a ``{"line", "id"?, "error"}`` entry to ``bad`` for each invalid one."""
    with path.open("rb") as fh:
        for n, rec in jsonl_objects(fh):
            if isinstance(rec, str):
                bad.append({"line": n, "error": rec})
                continue
            rid = rec.get(id_field)
            rid = f"line:{n}" if rid is None else str(rid)
            text = rec.get(text_field)
            if not isinstance(text, str):
                bad.append({"line": n, "id": rid, "error": f"field {text_field!r} is missing or not a string"})
            elif len(text) > max_chars:
                bad.append({"line": n, "id": rid, "error": f"text has {len(text)} characters, over the limit of "
                            f"{max_chars} (raise --max-chars to accept it)"})
            else:
                yield _Record(n, rid, text, {k: rec[k] for k in carry if k in rec})


def predict_corpus(predictor: Predictor, input_path: str | Path, output_path: str | Path, *,
                   errors_path: str | Path | None = None, text_field: str = "text", id_field: str = "id",
                   carry: Sequence[str] = (), chunk_size: int = 256, max_chars: int = 1_000_000,
                   progress: bool = True, **predict_kwargs: Any) -> CorpusReport:
    """Predict every record of a JSONL corpus into ``output_path`` (one ``{"id", ...fields, ...result}``
    a line), resuming where an earlier run stopped. Records without an id (or with ``null``) are named ``line:N``.
    ``predict_kwargs`` go to :meth:`Predictor.predict` (``target``, ``level``, ``batch_size``...)."""
    src, out = Path(input_path), Path(output_path)
    err = Path(errors_path) if errors_path else out.with_name(out.name + ".errors.jsonl")
    if not src.is_file():
        raise DataError("input file not found", source=str(src))
    check_chunk_size(chunk_size)
    clash = sorted(set(carry) & set(RESULT_KEYS))
    if clash:
        raise ArapolError(f"carry: field(s) {clash} would be overwritten in the output, whose records are made "
                          f"of {list(RESULT_KEYS)}; rename them in the input")
    for p in (out, err):
        _repair_tail(p)
    done, failed = _ids_in(out, "id"), {int(x) for x in _ids_in(err, "line")}
    report = CorpusReport()
    bad: list[dict[str, Any]] = []
    seen: set[str] = set()
    bar = tqdm(desc="records", unit="rec", disable=not progress, smoothing=0.1)
    records = _records(src, text_field, id_field, carry, max_chars, bad)
    with out.open("a", encoding="utf-8") as fo, err.open("a", encoding="utf-8") as fe:
        while True:
            batch = list(itertools.islice(records, chunk_size))
            chunk: list[_Record] = []
            for rec in batch:
                if rec.id in seen:  # before the resume check: a duplicate is reported on every pass
                    bad.append({"line": rec.line, "id": rec.id, "error": "duplicate id: an earlier record has it"})
                    continue
                seen.add(rec.id)
                if rec.id in done:
                    report.skipped += 1
                else:
                    chunk.append(rec)
            if chunk:
                results = predictor.predict([r.text for r in chunk], progress=False, **predict_kwargs)
                _append(fo, [{"id": r.id, **r.carry, **res} for r, res in zip(chunk, results)])
                report.written += len(chunk)
            new_bad = [b for b in bad if b["line"] not in failed]
            if new_bad:
                _append(fe, new_bad)
                report.errors += len(new_bad)
            bar.update(len(batch) + len(bad))
            bad.clear()
            if len(batch) < chunk_size:
                break
    bar.close()
    return report
