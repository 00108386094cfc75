"""Corpus-scale prediction: JSONL in, JSONL out, in constant memory, durable and resumable.

Each finished chunk is appended to the output and flushed to disk (``fsync``) before the next one
starts. On restart, the ids already in the output are skipped, and a partly written last line —
left by a kill in the middle of a write — is cut off first, so the output ends with every id
exactly once. Bad records go to an errors file with their line number and reason; the run goes on.

Before its first record, a run writes what it is (input, errors file, models, options) to ``OUTPUT.run.json``.
A restart resumes only an output that file vouches for, made with the same settings: an output arapol
did not write, or one made by another model (or the same folder retrained), input or option, is refused
and left as it is. Beside the output, ``OUTPUT.digests.jsonl`` keeps a hash of what each record was predicted from (its
text, carried fields, its own stance target and, with actors, date): a record edited in the input since it was predicted
stops the restart (its result would be stale), as does one edited into a bad record, while records added to the input
are predicted. An output holds only records of its input: an input that lacks some of them (another file at its path, or
records removed) is refused before the restart writes anything. Each finished pass leaves in the errors file exactly the
bad records it met, so a record fixed in the input leaves it. One run at a time writes an output: it holds
``OUTPUT.lock`` locked, and deletes it as it ends.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import inspect
import json
import logging
import os
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from tqdm.auto import tqdm

from .actors import ActorTable, actor_table, undated_titles_counted, warn_undated
from .actors.aliases import a_record_date, normalise_key, record_date_problem
from .checkpoint import (
    CALIBRATION_FILE,
    INFO_FILE,
    atomic_writer,
    exclusive_lock,
    file_stamp,
    json_text,
    raise_naming,
    read_json,
    write_json_atomic,
)
from .config import changed_settings, flat_settings
from .data.io import (
    MAX_LINE_BYTES,
    an_id,
    id_key,
    jsonl_objects,
    misspelt_field,
    non_blank,
    not_a_string,
    open_lines,
    target_problem,
)
from .errors import ArapolError, DataError, ModelError, first_few
from .inference.loading import model_files
from .predictor import Predictor, check_chunk_size

log = logging.getLogger(__name__)


@dataclass
class CorpusReport:
    """What a corpus run did."""

    written: int = 0
    skipped: int = 0
    errors: int = 0
    """Bad records this pass met that the errors file did not hold yet."""
    errors_file: str = ""
    errors_in_file: int = 0
    """The bad records the errors file holds once the pass is over (those of earlier passes that are still bad)."""


@dataclass
class _Record:
    line: int
    id: str | int
    text: str
    carry: dict[str, Any]
    date: Any = None
    target: str | None = None
    """The record's own stance target (``target_field``); ``None``: the run's."""
    unread_target: str | None = None
    """The ``target`` field of a record whose targets the run does not read (:func:`_unread_target_field`): said of,
    not predicted toward."""

    @property
    def key(self) -> str:
        return id_key(self.id)


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


def _rows(path: Path, *keys: str) -> Iterator[dict[str, Any]]:
    """The complete lines of a JSONL file written by an earlier run, each checked to hold ``keys``."""
    if not path.exists():
        return
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataError(f"cannot resume: this line is not one arapol wrote ({exc})", source=str(path),
                                line=n) from None
            missing = [k for k in keys if k not in row] if isinstance(row, dict) else ["an object"]
            if missing:
                raise DataError(f"cannot resume: this line is not one arapol wrote (no {missing[0]!r})",
                                source=str(path), line=n)
            yield row


def _digest(rec: _Record) -> str:
    """A hash of what ``rec``'s result is made from: its text, date, carried fields and its own target (a record
    without one hashes as it did before records had targets)."""
    made_of = [rec.text, rec.date, rec.carry] + ([rec.target] if rec.target is not None else [])
    data = json.dumps(made_of, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()[:16]


RESULT_KEYS = ("id", "entities", "stance", "sentences", "actors")
"""The keys an output record is made of; a carried input field may not take one of these names."""


def json_line(row: Any) -> str:
    """``row`` as one line of JSON (:func:`~arapol.checkpoint.json_text`: a lone surrogate reads back exactly)."""
    return json_text(row) + "\n"


def _append(fh: TextIO, rows: Sequence[dict[str, Any]]) -> None:
    """Append ``rows`` to ``fh`` and flush them to disk; an ``OSError`` (a full disk) names the file."""
    try:
        for row in rows:
            fh.write(json_line(row))
        fh.flush()
        os.fsync(fh.fileno())
    except OSError as exc:
        raise_naming(exc, fh.name)
        raise


def _records(path: Path, text_field: str, id_field: str, carry: Sequence[str], max_chars: int,
             date_field: str | None = None, target_field: str | None = None, unread_target_field: str | None = None
             ) -> Iterator[_Record | dict[str, Any]]:
    """Yield each record in line order: a valid one as a :class:`_Record`, an invalid one as a ``{"line", "id"?,
    "error"}`` entry (yielded, not gathered: a file of a million bad lines is read in constant memory). A ``.gz`` file
    is read as gzip; a corrupt or truncated one is a ``DataError``. ``unread_target_field``: see :func:`_valid`."""
    with open_lines(path) as fh:
        try:
            lines = jsonl_objects(fh, max(MAX_LINE_BYTES, 12 * max_chars + 2**20),  # \ud83d\ude00: 12 bytes
                                  hint="; a higher --max-chars (max_chars=) raises it (12 bytes a character)")
            yield from _valid(lines, text_field, id_field, carry, max_chars, date_field, target_field,
                              unread_target_field)
        except (OSError, EOFError, zlib.error) as exc:  # zlib.error: a damaged gzip stream
            raise DataError(f"cannot read the input: {exc}", source=str(path)) from exc


def _valid(lines: Iterator[tuple[int, dict[str, Any] | str]], text_field: str, id_field: str,
           carry: Sequence[str], max_chars: int, date_field: str | None = None,
           target_field: str | None = None, unread_target_field: str | None = None
           ) -> Iterator[_Record | dict[str, Any]]:
    """The records of ``lines`` (from :func:`~arapol.data.io.jsonl_objects`) as :func:`_records` yields them; with
    ``date_field``, each record's date (absent or null: none; else an ISO date) is read too, and with
    ``target_field`` its stance target (absent or null: the run's; else a non-blank string). A non-blank string in
    ``unread_target_field`` is kept apart (:attr:`_Record.unread_target`), for the run to say it was not read (a
    blank one names no target, as an absent one)."""
    named = (text_field, id_field, date_field or "", target_field or "", *carry)  # keys that are no misspellings
    for n, rec in lines:
        if isinstance(rec, str):
            yield {"line": n, "error": rec}
            continue
        rid = rec.get(id_field)
        text = rec.get(text_field)
        date = rec.get(date_field) if date_field else None
        target = rec.get(target_field) if target_field else None
        if miss := misspelt_field(rec, id_field, "id", "the record's id" + (
                "; without it the record is named line:N" if id_field == "id" else ""), an_id, named):
            yield {"line": n, "error": miss}
            continue
        if rid is None and id_field == "id":
            rid = f"line:{n}"
        if rid is None:
            yield {"line": n, "error": f"field {id_field!r} (the id field asked for) is missing or null"}
        elif not isinstance(rid, (str, int)) or isinstance(rid, bool):
            yield {"line": n, "error": f"field {id_field!r} must be a string or an integer, found "
                   f"{type(rid).__name__} {json.dumps(rid, ensure_ascii=False)[:80]}"}
        elif not isinstance(text, str):
            yield {"line": n, "id": rid, "error": not_a_string(rec, text_field)}
        elif len(text) > max_chars:
            yield {"line": n, "id": rid, "error": f"text has {len(text)} characters, over the limit of {max_chars} "
                   "(raise --max-chars to accept it)"}
        elif date_field and (problem := record_date_problem(date, date_field)):
            yield {"line": n, "id": rid, "error": problem}
        elif miss := (misspelt_field(rec, date_field, "date", "the record's date; without it titles are read undated",
                                     a_record_date, named)
                      or misspelt_field(rec, target_field, "target", "the record's stance target; without it the run's "
                                        "target is read", non_blank, named)):
            yield {"line": n, "id": rid, "error": miss}
        elif problem := target_problem(target, target_field, "the run's target"):
            yield {"line": n, "id": rid, "error": problem}
        else:
            unread = rec.get(unread_target_field) if unread_target_field else None
            yield _Record(n, rid, text, {k: rec[k] for k in carry if k in rec}, date, target,
                          unread if non_blank(unread) else None)


DUPLICATE = "duplicate id: an earlier record has it"
"""The errors file's reason for a record whose id an earlier record of the input has."""
LINE_NAMED = (" (a record without an id is named line:N by its line number; give every record an id, or use "
              "--id-field with a field no record lacks)")
"""Added to :data:`DUPLICATE` when the id is of that form: it may clash with a record named so."""
RUN_SUFFIX = ".run.json"
"""The file beside an output (``OUTPUT.run.json``) that records the run that writes it."""
DIGESTS_SUFFIX = ".digests.jsonl"
"""The file beside an output (``OUTPUT.digests.jsonl``) holding ``{"id", "digest"}`` for each record written:
a hash of its text, date, carried fields and own stance target, checked when a restart skips the record."""
LOCK_SUFFIX = ".lock"
"""The file beside an output (``OUTPUT.lock``) that the run writing it holds locked."""
ERRORS_SUFFIX = ".errors.jsonl"
"""A run's bad records go to ``OUTPUT`` + this unless it is given an errors file."""

_SPEED_OPTIONS = ("batch_size", "progress")
"""Predict options that change how fast results come, not what they are: a resume may change them."""


def _plain(value: Any) -> Any:
    """A JSON stand-in for a predict option that JSON cannot hold (a date): its type and a hash of its ``repr``,
    equal for equal values."""
    digest = hashlib.sha256(repr(value).encode("utf-8", "backslashreplace")).hexdigest()[:16]
    return f"{type(value).__name__} {digest}"


def _describe_run(predictor: Predictor, src: Path, errors: str, options: Mapping[str, Any],
                  fields: Mapping[str, Any], table: ActorTable | None = None) -> dict[str, Any]:
    """What makes a corpus run's results what they are: the input and errors file (``errors``, as :func:`_errors_entry`
    names it), each model folder (:func:`~.inference.loading.model_files`: its weights, ``arapol.json`` and, for int8,
    its calibration, so a model retrained, recalibrated or given a label bias in place is another run) with how it runs,
    the predict options (defaults filled in, speed-only ones left out; with actors, the alias table's fingerprint, not
    the path it was given by) and how records are read (``fields``)."""
    models = {}
    for task in ("ner", "stance"):
        model = getattr(predictor, task, None)
        if model is not None:
            models[task] = {"folder": str(model.folder.resolve()),
                            "weights": model_files(model.folder, model.mode.dtype),
                            "dtype": model.mode.dtype, "backend": model.mode.backend}
            if task == "ner":
                models[task]["decoding"] = model.decoding
    defaults = {name: param.default for name, param in inspect.signature(predictor.predict).parameters.items()
                if param.default is not inspect.Parameter.empty}
    chosen = {k: v for k, v in {**defaults, **options}.items() if k not in _SPEED_OPTIONS}
    if table is None:  # read with actors only: a run without them is the run it was before the option existed
        chosen.pop("clauses", None)
    stance = getattr(predictor, "stance", None)
    if stance is not None and not chosen.get("target"):  # the target it reads: its own when none is given
        chosen["target"] = stance.default_target
    if table is not None:  # the alias table's content, not its name: an edited file is another run
        chosen["actors"] = True
        chosen["actors_table"] = f"ActorTable {table.fingerprint()}"
    return {"written_by": "arapol predict", "input": str(src.resolve()), "errors": errors,
            "models": models, "options": json.loads(json.dumps(chosen, default=_plain)), "records": dict(fields)}


def _differences(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """``"key: OLD then, NEW now"`` for each setting where the runs described by ``old`` and ``new`` differ."""
    was, now = flat_settings(old), flat_settings(new)

    def shown(key: str, value: Any) -> str:
        if ".weights." in key and isinstance(value, list) and len(value) == 2:  # weights_stamp: size, mtime (ns)
            when = _dt.datetime.fromtimestamp(value[1] / 1e9).isoformat(sep=" ", timespec="seconds")
            return f"{value[0]:,} bytes modified {when}"
        if key.endswith(f".weights.{CALIBRATION_FILE}") and isinstance(value, str):  # model_files: its digest
            return f"sha256 {value[:12]}…"
        return repr(value)

    return [f"{k}: {shown(k, was.get(k, 'unset'))} then, {shown(k, now.get(k, 'unset'))} now"
            for k in changed_settings(old, new)]


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file: the same path once resolved, or hard links to one file."""
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)  # hard links
    except OSError:
        return False


def _beside(out: Path, suffix: str) -> Path:
    """The file a run keeps beside its output ``out``: ``OUTPUT`` + ``suffix``."""
    return out.with_name(out.name + suffix)


def default_errors_path(out: Path) -> Path:
    """Where a run writing ``out`` puts its bad records unless told otherwise: ``OUTPUT.errors.jsonl``."""
    return _beside(out, ERRORS_SUFFIX)


def _errors_lock(err: Path) -> Path:
    """The lock of an errors file named apart from its output: that of the output whose default errors file it is
    (``X.errors.jsonl``: ``X.lock``, which the run writing ``X`` holds), else ``ERRORS.lock``."""
    if err.name.endswith(ERRORS_SUFFIX) and err.name != ERRORS_SUFFIX:
        return _beside(err.with_name(err.name.removesuffix(ERRORS_SUFFIX)), LOCK_SUFFIX)
    return _beside(err, LOCK_SUFFIX)


def _errors_apart(out: Path, err: Path) -> bool:
    """Whether the errors file ``err`` is named apart from the output ``out`` (neither its default errors file nor
    the output itself): locked by :func:`_errors_lock`."""
    return err.resolve() not in (default_errors_path(out).resolve(), out.resolve())


def _errors_entry(out: Path, err: Path) -> str:
    """How a run record names its errors file: by its name when it sits beside the output (a folder copied or moved
    keeps naming its own), else by its absolute path."""
    path = err.resolve()
    return path.name if path.parent == out.resolve().parent else str(path)


def check_output_paths(output_path: str | Path, errors_path: str | Path | None = None) -> None:
    """Refuse, before any model time or file is touched, a run whose files cannot be written: a folder at the output,
    its errors file (``errors_path``, by default :func:`default_errors_path`) or a file it keeps beside the output
    (``OUTPUT.run.json``, ``OUTPUT.digests.jsonl``, ``OUTPUT.lock``), and a file where their folder would be. An
    ``ArapolError`` names the path and what was expected there; ``--overwrite`` removes none of them (arapol did not
    write them)."""
    out = Path(output_path)
    err = Path(errors_path) if errors_path else default_errors_path(out)
    if out.is_dir():
        raise ArapolError(f"--output {out} is a folder: give a file's path (such as {out / 'out.jsonl'})")
    if err.is_dir():
        raise ArapolError(f"--errors {err} is a folder: give a file's path (such as {err / 'errors.jsonl'})"
                          if errors_path else f"{err} is a folder, where the errors file of --output {out.name} "
                          "goes (a file): remove or rename it, or give the errors file another path (--errors; in "
                          "Python: errors_path=)")
    for what, suffix in (("run record", RUN_SUFFIX), ("digests file", DIGESTS_SUFFIX), ("lock file", LOCK_SUFFIX)):
        side = _beside(out, suffix)
        if side.is_dir():
            raise ArapolError(f"{side} is a folder, where the {what} of --output {out.name} goes (a file, which "
                              "arapol predict writes): remove or rename it, or choose another --output")
    if _errors_apart(out, err) and (lock := _errors_lock(err)).is_dir():
        raise ArapolError(f"{lock} is a folder, where the lock of the errors file {err.name} goes (a file, which "
                          "arapol predict writes): remove or rename it, or give the errors file another path")
    for what, path in (("--output", out), ("--errors" if errors_path else "the errors file", err)):
        folder = next((p for p in path.parents if p.exists()), None)  # the nearest that exists: a folder made below
        if folder is not None and not folder.is_dir():
            raise ArapolError(f"{what} {path}: {folder} is a file, where a folder was expected")


def _shaped(path: Path, keys: tuple[str, ...], any_of: tuple[str, ...],
            fits: Callable[[dict[str, Any]], bool] | None = None) -> bool:
    """Whether ``path`` is absent, or a plain file whose every complete line is a JSON object holding ``keys`` (and
    one of ``any_of``, and that ``fits``): a file of the shape an arapol predict run writes (a killed run may leave its
    last line unfinished). Files of another shape, and links, are not ``--overwrite``'s to remove."""
    if not path.exists() and not path.is_symlink():
        return True
    if path.is_symlink() or not path.is_file():
        return False
    try:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if not line.endswith("\n"):
                    break
                row = json.loads(line)
                if not isinstance(row, dict) or any(k not in row for k in keys) or (
                        any_of and not any(k in row for k in any_of)) or (fits is not None and not fits(row)):
                    return False
    except (UnicodeDecodeError, json.JSONDecodeError, OSError):
        return False
    return True


class _Predictions:
    """Reads the lines of an output that no run record vouches for (:func:`_shaped` calls it on each): a line is a
    prediction's where it has a score on every entity and a stance that is a label with its scores, which an annotated
    corpus given as the output (the bundled ``test.jsonl``'s gold entities; a stance corpus's ``"stance": "against"``)
    does not. Lines that hold more than results (a text, other fields: carried by a run, or a corpus's own) are a
    run's only where some line shows a prediction (:attr:`proven`: an entity, a stance, a sentence or an actor),
    whatever fields this run carries or reads: a corpus of texts awaiting annotation (``"entities": []`` or
    ``"stance": null`` on every line) is not. :attr:`field` is the first field seen besides the results, and
    :attr:`texts` whether a line holds ``text_field`` (where given)."""

    def __init__(self, text_field: str | None = None) -> None:
        self.more = self.shown = self.texts = False
        self.field: str | None = None
        self.text_field = text_field

    def __call__(self, row: dict[str, Any]) -> bool:
        entities, stance = row.get("entities", []), row.get("stance")
        if self.field is None:
            self.field = next((k for k in row if k not in RESULT_KEYS), None)
        self.more = self.field is not None
        self.texts = self.texts or (self.text_field is not None and self.text_field in row)
        self.shown = self.shown or bool(entities) or stance is not None or any(
            isinstance(row.get(k), list) and any(isinstance(x, dict) for x in row[k]) for k in ("sentences", "actors"))
        return isinstance(entities, list) and all(isinstance(e, dict) and "score" in e for e in entities) and (
            stance is None or isinstance(stance, dict) and "label" in stance)

    @property
    def proven(self) -> bool:
        """Whether the lines read so far hold results alone, or show a prediction."""
        return self.shown or not self.more


def _unvouched_output(out: Path, run: Mapping[str, Any] | None = None) -> tuple[bool, str | None]:
    """Whether ``out``, which no run record vouches for, is absent or reads as a run's predictions
    (:class:`_Predictions`); where it does not only for want of a prediction, also the first field its lines hold
    besides the results. With ``run`` (a damaged run record of ours beside ``out``), lines that show no prediction
    also pass where they hold ``run``'s text field only if ``run`` carries it: the damaged record vouches as much as
    it did before outputs were judged by their lines alone."""
    records = (run or {}).get("records") or {}
    text_field = records.get("text_field", "text")
    lines = _Predictions(text_field if run is not None else None)
    if not _shaped(out, ("id",), RESULT_KEYS[1:], lines):
        return False, None
    carried = text_field in (records.get("carry") or ())
    if lines.proven or (run is not None and (carried or not lines.texts)):
        return True, None
    return False, lines.field


def _errors_named(out: Path, entry: str) -> Path:
    """The errors file a run record's ``entry`` names (:func:`_errors_entry`)."""
    return out.resolve().parent / entry


def _moved_only(recorded: Mapping[str, Any], run: Mapping[str, Any]) -> bool:
    """Whether two run records differ only in where the input, the errors file and the model folders are."""
    paths = {"input", "errors", *(f"models.{task}.folder" for task in recorded.get("models") or {})}
    return set(changed_settings(recorded, run)) <= paths


def _with_model_files(recorded: dict[str, Any], run: Mapping[str, Any]) -> dict[str, Any]:
    """``recorded`` with each model's file stamps as :func:`~.inference.loading.model_files` writes them now, where that
    says the same of the files: the stamps of ``arapol.json`` (and, for int8, the calibration) taken from ``run`` where
    it holds none (written by an arapol that stamped only the weights, which it then checked alone); the calibration's
    left out for a model run in fp32 or bf16 (stamped by an arapol that stamped it for every dtype, though only int8
    reads it); an int8 run's calibration stamped by size and time taken as its digest while the file keeps them."""
    models = recorded.get("models")
    if not isinstance(models, dict):
        return recorded
    filled = {}
    for task, m in models.items():
        now = (run.get("models") or {}).get(task)
        if isinstance(m, dict) and isinstance(m.get("weights"), dict) and isinstance(now, dict):
            stamps, current = dict(m["weights"]), now["weights"]
            if not {CALIBRATION_FILE, INFO_FILE} & stamps.keys():
                stamps.update({f: current[f] for f in (CALIBRATION_FILE, INFO_FILE) if f in current})
            if m.get("dtype") != "int8":
                stamps.pop(CALIBRATION_FILE, None)
            elif isinstance(stamps.get(CALIBRATION_FILE), list) and CALIBRATION_FILE in current \
                    and stamps[CALIBRATION_FILE] == file_stamp(Path(now["folder"]) / CALIBRATION_FILE):
                stamps[CALIBRATION_FILE] = current[CALIBRATION_FILE]
            m = {**m, "weights": stamps}
        filled[task] = m
    return {**recorded, "models": filled}


def _raised_limit(recorded: Mapping[str, Any], run: Mapping[str, Any]) -> bool:
    """Whether ``run`` differs from ``recorded`` in a higher ``max_chars`` at most there: every text it wrote is
    within the new limit, and the longer texts in the errors file (which say "raise --max-chars") are read again."""
    old, new = recorded.get("records"), run.get("records")
    return (isinstance(old, Mapping) and isinstance(new, Mapping) and isinstance(old.get("max_chars"), int)
            and old["max_chars"] < new["max_chars"])


def _claim_output(src: Path, out: Path, err: Path, run: dict[str, Any], overwrite: bool, moved: bool = False
                  ) -> dict[str, Any] | None:
    """Make ``out`` and ``err`` ready to append to: refuse any that is the input (or each other), one arapol did
    not write, or one another run wrote (with ``moved``, a run whose files are elsewhere now is this one);
    remove them first with ``overwrite`` (an errors file only where this output's run record names it, or by its
    default name). Then cut off a partly written last line, and record ``run`` beside ``out`` unless an output (or
    errors file) is kept: the earlier run's record is returned then (else ``None``), and the resume records ``run``
    once it has checked that the output's records are still in the input."""
    side, digests = _beside(out, RUN_SUFFIX), _beside(out, DIGESTS_SUFFIX)
    named = {"input": src, "output": out, "errors file": err, "run record": side, "digests file": digests}
    for i, (a, pa) in enumerate(named.items()):
        for b, pb in list(named.items())[i + 1:]:
            if same_file(pa, pb):
                raise ArapolError(f"the {a} and the {b} are the same file ({pb}): choose another --output or "
                                  f"--errors")
    damaged = False  # a run record of ours that could not be read (a full disk, a killed write)
    try:
        recorded = read_json(side) if side.exists() else None
    except ModelError:
        if not overwrite:  # a damaged record vouches for nothing: only starting over gets past it
            raise
        recorded, damaged = None, side.is_file() and not side.is_symlink()
    ours_recorded = recorded is not None and recorded.get("written_by") == run["written_by"]
    on_disk = recorded  # returned as it is: a record completed below is written again once the resume is checked
    if ours_recorded:  # model stamps an older arapol wrote: taken as now where they say the same of the files
        recorded = _with_model_files(recorded, run)
    if ours_recorded and _raised_limit(recorded, run):  # the records over the old limit are predicted now
        recorded = {**recorded, "records": {**recorded["records"], "max_chars": run["records"]["max_chars"]}}
    if ours_recorded and "errors" not in recorded:  # written before records named the errors file: the default, or
        holds_ours = err.is_file() and _shaped(err, ("line", "error"), ())  # the one given if it holds only ours
        given = err if holds_ours else default_errors_path(out)
        recorded = {**recorded, "errors": _errors_entry(out, given)}
    if overwrite:
        ours = {default_errors_path(out).resolve()}
        if ours_recorded:
            ours.add(_errors_named(out, recorded["errors"]))
        if err.exists() and err.resolve() not in ours:
            raise ArapolError(f"{err} exists and is not an errors file of {out}: --overwrite removes only what arapol "
                              "wrote; choose another --errors, or remove it yourself")
        shapes = [(digests, ("id", "digest")), *((p, ("line", "error")) for p in ours)]
        foreign = [p for p, keys in shapes if not _shaped(p, keys, ())]
        unproven = None  # a field besides the results, in lines of their shape that show no prediction
        if ours_recorded:
            if not _shaped(out, ("id",), RESULT_KEYS[1:]):
                foreign.insert(0, out)
        else:
            fits, unproven = _unvouched_output(out, run if damaged else None)
            if not fits:
                foreign.insert(0, out)
        if side.exists() and not ours_recorded and (recorded is not None or side.is_symlink()):
            foreign.insert(0, side)  # another program's record; a damaged one of ours goes with the output
        if foreign and foreign[0] == out and unproven is not None:  # says why: it may be an output whose record is lost
            raise ArapolError(f"{out} exists and is not a file arapol predict wrote, as far as arapol can tell: it has "
                              f"no {'readable ' if damaged else ''}run record, and no line shows a prediction (an "
                              f"entity, a stance, a sentence or an actor), though its lines hold other fields (such "
                              f"as {unproven!r}), so arapol cannot tell it from input data; --overwrite leaves it: "
                              "choose another --output, or remove it yourself")
        if foreign:
            raise ArapolError(f"{foreign[0]} exists and is not a file arapol predict wrote: --overwrite removes only "
                              "what arapol wrote; choose another --output (or --errors), or remove it yourself")
        for p in (out, side, digests, *ours):
            p.unlink(missing_ok=True)
        recorded = None
    # an empty file holds nothing to keep: a run that failed before its first record (an errors file that could not
    # be written) left one, and must not stand in the way of the same run with another --errors
    kept = [p for p in (out, err) if p.exists() and not (p.is_file() and not p.is_symlink() and not p.stat().st_size)]
    if recorded is None:
        if kept:
            raise ArapolError(f"{kept[0]} exists but was not written by arapol predict (no {side.name} beside "
                              "the output): choose another --output (or --errors) or remove it; it was left as it is "
                              "(an output of an arapol without run records cannot be resumed: --overwrite starts "
                              "over if it holds only results)")
    elif recorded.get("written_by") != run["written_by"]:
        raise DataError("not a run record written by arapol predict: choose another --output", source=str(side))
    elif recorded != run and kept and not (moved and _moved_only(recorded, run)):
        hint = (" (if the input or the model folders were moved, with the same files, --moved resumes; in Python: "
                "moved=True)" if _moved_only(recorded, run) else "")
        raise ArapolError(f"{out} was written by another run ({'; '.join(_differences(recorded, run))}): run "
                          f"with the same settings to resume it{hint}, or start over with --overwrite (in Python: "
                          f"overwrite=True), which removes it, its errors file, {side.name} and {digests.name}, or "
                          "choose another --output")
    for p in (out, err):
        p.parent.mkdir(parents=True, exist_ok=True)
    if recorded != run and not kept:  # a new run, or a record left by one that wrote nothing yet
        write_json_atomic(side, run)
    for p in (*kept, digests):
        _repair_tail(p)
    return on_disk if kept else None


TRAINED_TARGET = "auto"
"""The default record field holding each record's stance target: the target column the stance model was trained on
(:func:`trained_target_field`)."""


def trained_target_field(predictor: Any) -> str | None:
    """The field a corpus record's stance target is read from by default: the target column the stance model was
    trained on (its ``training_config.yaml``), else ``target``; none for a model trained with
    ``target_column: null`` (it read every record toward its target)."""
    from .evaluation import DEFAULT_COLUMNS, trained_columns

    folder = getattr(getattr(predictor, "stance", None), "folder", None)
    return DEFAULT_COLUMNS["target_column"] if folder is None else trained_columns("stance", folder)["target_column"]


def _unread_target_field(predictor: Any, trained: str | None) -> str | None:
    """The field a record names its stance target in where a run reads no record's target by default, though a
    record may name one: a model trained with ``target_column: null`` (``trained``, from
    :func:`trained_target_field`, is None), which knows one target and reads every record toward it, its field
    ``target``; a text-only model (``text_only: true``), which reads the text alone, the field it was trained with
    (``trained``, else ``target``); else None. The run says how many records named another there
    (:func:`_warn_unread_targets`)."""
    from .evaluation import DEFAULT_COLUMNS

    stance = getattr(predictor, "stance", None)
    if stance is None or (trained is not None and not stance.info.text_only):
        return None
    return trained or DEFAULT_COLUMNS["target_column"]


def _unread_targets_own(predictor: Any, target: str | None) -> list[str]:
    """The targets a record may name where the run reads none (:func:`_unread_target_field`) and not be counted as
    naming another: a text-only model's training targets (Mawqif's three for one trained on them; its saved target
    where they are not known: :func:`~arapol.evaluation.text_only_targets`), else the one every record is read toward
    (``target``, else the model's default)."""
    from .evaluation import text_only_targets

    stance = predictor.stance
    if stance.info.text_only:
        return text_only_targets(stance.info, getattr(stance, "folder", None)) or [stance.info.target]
    return [target or stance.default_target]


def _warn_unread_targets(src: Path, unread: int, shown: Sequence[str], field: str, written: int,
                         read: Sequence[str], text_only: bool, known: bool = True) -> None:
    """Say, where ``unread`` of the ``written`` records name in ``field`` a stance target none of ``read``
    (:func:`_unread_targets_own`; ``shown``: the first few), that every record was read as one of ``read`` all the
    same: the run did not read that field (``text_only``: the model reads no target at all, so no option reads it;
    ``known`` False: which targets it was trained on is not recorded, and ``read`` is its saved target)."""
    if not unread:
        return
    if text_only and not known:
        why, how = ("this model reads the text alone (trained with text_only: true), and which targets it was trained "
                    f"on is not recorded (saved by an earlier arapol): if {read[0]!r} alone, every record was read "
                    "toward it", "predict the records of another target with a model trained toward it, unless this "
                    "one was trained on theirs too")
    elif text_only and len(read) > 1:
        why, how = (f"this model reads the text alone (trained with text_only: true, on {len(read)} targets: "
                    f"{first_few([repr(t) for t in read])}), so every record was read as one of them",
                    "predict the records of another target with a model trained toward it")
    elif text_only:
        why, how = ("this model reads the text alone (trained with text_only: true, toward one target), so every "
                    f"record was read toward {read[0]!r}",
                    "predict the records of another target with a model trained toward it")
    else:
        why, how = ("this model was trained with data.target_column: null and knows one target, so every record was "
                    f"read toward {read[0]!r}",
                    f"--target-field {field} (in Python: target_field={field!r}) reads each record's own, a target "
                    "the model did not learn")
    log.warning("%s: %d of the %d records written named a stance target in their field %r (such as %s), which was "
                "not read: %s; %s", src, unread, written, field, ", ".join(map(repr, shown)), why, how)


def predict_corpus(predictor: Predictor, input_path: str | Path, output_path: str | Path, *,
                   errors_path: str | Path | None = None, text_field: str = "text", id_field: str = "id",
                   carry: str | Sequence[str] = (), chunk_size: int = 256, max_chars: int = 1_000_000,
                   date_field: str = "date", target_field: str | None = TRAINED_TARGET, progress: bool = True,
                   overwrite: bool = False, moved: bool = False, **predict_kwargs: Any) -> CorpusReport:
    """Predict every record of a JSONL corpus into ``output_path`` (one ``{"id", ...fields, ...result}``
    a line), resuming where an earlier run stopped. Ids (strings or integers) are written as they are; records
    without one (or with ``null``) are named ``line:N``, unless an ``id_field`` other than ``id`` is asked for:
    there a record without it goes to the errors file.
    ``predict_kwargs`` go to :meth:`Predictor.predict` (``target``, ``level``, ``batch_size``, ``actors``...);
    with ``actors``, each record's ``date_field`` (an ISO date; absent or null: none) dates its titles. With a stance
    model, each record's ``target_field`` (by default the target column the model was trained on, as ``arapol predict``
    reads it: :func:`trained_target_field`) is the target its stance is read toward; records without it (and all of
    them with ``target_field=None`` or ``""``) read ``target``, by default the model's own.

    The run (the input, the errors file, each model folder with its dtype, backend and decoding, the predict
    options but ``batch_size``, the record fields and ``carry``, ``max_chars``) is recorded in ``OUTPUT.run.json``
    before the first record; an existing output (or errors file) is resumed only when that record matches this run,
    else refused (``ArapolError``) and left as it is, as is an input given as the output or errors file. A record
    predicted before and edited since (see the module doc) stops the resume with a ``DataError``; an input that lacks
    records of the output (replaced, or records removed) is refused (``ArapolError``) before anything is written.
    ``overwrite`` removes the output, its errors file, ``OUTPUT.digests.jsonl`` and the record first, to start over;
    it refuses an existing ``errors_path`` that is not this output's errors file. ``moved`` resumes a run whose input,
    errors file or model folders have been moved since (paths are all that differ: each model's weights, size and
    time, must be the same, every record skipped is checked against its digest as always, and the input must hold
    every record of the output); the record then names the new paths. Missing folders are made. While it writes, the
    run holds ``OUTPUT.lock``: a second run on the same output is refused, and so is a run given this one's errors
    file (an errors file named apart is locked by :func:`_errors_lock`)."""
    src, out = Path(input_path), Path(output_path)
    err = Path(errors_path) if errors_path else default_errors_path(out)
    if not src.is_file():
        raise DataError("input file not found" if not src.exists() else "not a regular file (a folder, a pipe or a "
                        "device): give a JSONL file, which a run can read again to resume", source=str(src))
    for path in (out, err):
        if path.suffix.lower() == ".gz":
            raise ArapolError(f"{path}: outputs are written as plain JSONL (appended and fsynced chunk by chunk); "
                              "give a name without .gz and compress the finished file")
    check_output_paths(out, errors_path)
    check_chunk_size(chunk_size)
    if not isinstance(max_chars, int) or max_chars < 1:
        raise ArapolError(f"max_chars must be a positive integer, got {max_chars!r}")
    carry = [carry] if isinstance(carry, str) else list(carry)  # carry="source": one field, not its letters
    clash = sorted(set(carry) & set(RESULT_KEYS))
    if clash:
        raise ArapolError(f"carry: field(s) {clash} would be overwritten in the output, whose records are made "
                          f"of {list(RESULT_KEYS)}; rename them in the input")
    if "date" in predict_kwargs:
        raise ArapolError("date: each record's own date is read from its date_field (--date-field)")
    fields = {"text_field": text_field, "id_field": id_field, "carry": list(carry), "max_chars": max_chars}
    table = None
    stance = getattr(predictor, "stance", None)
    unread = None
    if target_field == TRAINED_TARGET:
        target_field = trained_target_field(predictor)
        unread = _unread_target_field(predictor, target_field)
    if stance is not None and not stance.info.text_only and target_field:  # a text-only model reads no target
        fields["target_field"] = target_field
    if predict_kwargs.get("actors") not in (None, False):
        fields["date_field"] = date_field
        table = actor_table(predict_kwargs["actors"])  # read once, not again for every chunk
    run_kwargs = {**predict_kwargs, "actors": table} if table is not None else predict_kwargs
    predictor.predict([], progress=False, **run_kwargs)  # bad options fail here, before any file is touched
    lock = _beside(out, LOCK_SUFFIX)  # a second run on the same output would write every record again
    # an errors file named apart is locked too: two runs of other outputs sharing one lost each other's entries
    shared = _errors_lock(err) if _errors_apart(out, err) else None  # (the output itself: refused below)
    with exclusive_lock(lock, f"{out} is being written by another run (it holds {lock.name}): wait for it to end, "
                              "or choose another --output", remove=True), \
            exclusive_lock(shared, f"{err} is being written by another run (of another --output; it holds "
                                   f"{shared.name}): give each run its own --errors file", remove=True) \
            if shared else contextlib.nullcontext():
        run = _describe_run(predictor, src, _errors_entry(out, err), predict_kwargs, fields, table)
        earlier = _claim_output(src, out, err, run, overwrite, moved)
        return _run(predictor, src, out, err, run_kwargs, fields, chunk_size, progress, run, earlier, unread)


def _run(predictor: Predictor, src: Path, out: Path, err: Path, predict_kwargs: Mapping[str, Any],
         fields: Mapping[str, Any], chunk_size: int, progress: bool, run: Mapping[str, Any],
         earlier: Mapping[str, Any] | None, unread_target_field: str | None = None) -> CorpusReport:
    """The body of :func:`predict_corpus`, once the output is claimed (``fields`` holds ``date_field`` when
    actors are asked for; ``run``: this run's record; ``earlier``: the record of the run whose output or errors file
    this one resumes, if any; ``unread_target_field``: :func:`_unread_target_field`).

    Before its first write the pass makes sure that every record of the output is still in the input, and only then
    records ``run`` where it differs from ``earlier`` (paths moved): on a plain resume the records already met are
    all of them (the output holds the input's records in its order), else the input is read ahead for the ids not
    met yet. A pass that writes nothing checks once it has read the whole input."""
    date_field = fields.get("date_field")
    digests_path = _beside(out, DIGESTS_SUFFIX)
    done = dict.fromkeys(id_key(row["id"]) for row in _rows(out, "id"))  # in the output's order, for the messages
    digests = {id_key(row["id"]): row["digest"] for row in _rows(digests_path, "id", "digest")}
    failed = {_error_key(row) for row in _rows(err, "line", "error")}
    met: set[tuple[int, str, str]] = set()  # the bad records of this pass
    report = CorpusReport()
    seen: set[str] = set()
    undated = 0  # records of this pass predicted with actors and no date (all of them with no date field)
    titled = 0  # of them, those where a title was read as its latest holder
    carried: set[str] = set()  # the carry fields that a record written this pass has
    own_targets = False  # whether a record written this pass named its own stance target
    unread = 0  # records written this pass that name a target other than the run's where targets are not read
    unread_shown: dict[str, None] = {}  # the first few of those targets
    own_read = (_unread_targets_own(predictor, predict_kwargs.get("target")) if unread_target_field is not None
                else [])
    own = {normalise_key(t) for t in own_read}
    moved_from = earlier["input"] if earlier is not None and earlier.get("input") != run["input"] else None

    def check(read_all: bool) -> None:
        _check_kept(done, seen, src, out, fields, moved_from, read_all)
        if earlier is not None and earlier != run:  # resumed with --moved, or a record to complete
            write_json_atomic(_beside(out, RUN_SUFFIX), run)

    checked = not done  # whether every record of the output is known to be in the input
    if checked:
        check(read_all=True)  # nothing to look for
    records = _read_records(src, fields, unread_target_field)
    with out.open("a", encoding="utf-8") as fo, err.open("a", encoding="utf-8") as fe, \
            digests_path.open("a", encoding="utf-8") as fd, \
            tqdm(desc="records", unit="rec", disable=not progress, smoothing=0.1) as bar:  # closed before an error
        ended = False
        while not ended:
            batch, bad, ended = _take(records, chunk_size)
            read = len(batch) + len(bad)
            chunk: list[_Record] = []
            for rec in batch:
                if rec.key in seen:  # before the resume check: a duplicate is reported on every pass
                    bad.append({"line": rec.line, "id": rec.id, "error": DUPLICATE + (
                        LINE_NAMED if _line_named(rec.id) else "")})
                    continue
                seen.add(rec.key)
                if rec.key not in done:
                    chunk.append(rec)
                    continue
                digest = _digest(rec)
                if digests.get(rec.key, digest) != digest:  # an output older than digests: unchecked
                    raise _changed(rec, src, out, fields, digests)
                report.skipped += 1
            # before the first write (nothing changes if it fails) and before any model time, and before a bad record
            # that holds the id of one predicted before is taken for another record: that one edited since into this
            # (its result stale) is refused there, where the input holds the id only in bad records
            if not checked and (chunk or any(_error_key(b) not in failed for b in bad)):
                check(read_all=False)
                checked = True
            results: list[dict[str, Any]] = []
            if chunk:  # predicted before anything is written; a record whose own target cannot be read is a bad one
                with undated_titles_counted() as count:  # said once at the end
                    results, unreadable = _predict(predictor, chunk, predict_kwargs, bool(date_field))
                titled += count[0]
                bad += [{"line": chunk[i].line, "id": chunk[i].id, "error": why} for i, why in unreadable.items()]
                chunk = [r for i, r in enumerate(chunk) if i not in unreadable]
                results = [r for i, r in enumerate(results) if i not in unreadable]
                if "date_field" in fields:  # actors asked for: a record without a date reads titles undated
                    undated += sum(r.date is None or r.date == "" for r in chunk) if date_field else len(chunk)
            met.update(_error_key(b) for b in bad)
            new_bad = sorted((b for b in bad if _error_key(b) not in failed), key=lambda b: b["line"])
            if chunk:
                # written first (an output line is checked), and not again for a record a kill here left unwritten
                fresh = {r.key: (r.id, d) for r in chunk if digests.get(r.key) != (d := _digest(r))}
                _append(fd, [{"id": rid, "digest": d} for rid, d in fresh.values()])
                digests.update((k, d) for k, (_, d) in fresh.items())
                _append(fo, [{"id": r.id, **r.carry, **res} for r, res in zip(chunk, results)])
                report.written += len(chunk)
                carried.update(k for r in chunk for k in r.carry)
                own_targets = own_targets or any(r.target is not None for r in chunk)
                for r in chunk:  # (one spelled as the run's is the same: وقف اطلاق النار for وقف إطلاق النار)
                    if r.unread_target is not None and normalise_key(r.unread_target) not in own:
                        unread += 1
                        if len(unread_shown) < 3:
                            unread_shown[r.unread_target] = None
            if new_bad:
                _append(fe, new_bad)
                report.errors += len(new_bad)
                failed.update(_error_key(b) for b in new_bad)
            bar.update(read)
    if not checked:  # nothing written: the whole input has been read
        check(read_all=True)
    if not (report.written or report.skipped or met):
        log.warning("%s holds no records (only blank lines, or nothing): nothing to predict", src)
    warn_undated(log, undated, report.written, titled)
    if report.written and (absent := [k for k in fields["carry"] if k not in carried]):
        log.warning("%s: none of the %d records written has the field(s) %s that carry names: a mistyped name? "
                    "(the output holds them only where a record has them)", src, report.written, absent)
    named = fields.get("target_field")
    if report.written and named not in (None, "target") and not own_targets:  # (--target-field topc)
        log.warning("%s: none of the %d records written has the field %r (a record's stance target): each was read "
                    "toward %r; a mistyped name?", src, report.written, named,
                    predict_kwargs.get("target") or predictor.stance.default_target)
    if unread_target_field is not None:
        from .evaluation import text_only_targets

        info = predictor.stance.info
        known = text_only_targets(info, getattr(predictor.stance, "folder", None)) is not None
        _warn_unread_targets(src, unread, list(unread_shown), unread_target_field, report.written, own_read,
                             info.text_only, known)
    if failed - met:  # bad records of an earlier pass, fixed in the input since (or now at other lines)
        kept = [row for row in _rows(err, "line", "error") if _error_key(row) in met]
        with atomic_writer(err) as fh:
            fh.writelines(json_line(row) for row in kept)
    report.errors_file, report.errors_in_file = str(err), len(met)
    return report


def _predict(predictor: Predictor, chunk: Sequence[_Record], predict_kwargs: Mapping[str, Any],
             dated: bool) -> tuple[list[dict[str, Any]], dict[int, str]]:
    """The results of ``chunk``'s records in order, each read toward its own target where it has one (and dated by
    its own date when ``dated``), and the records whose own target cannot be read (blank once normalised, too long),
    by index, with why: their results are ``{}``."""
    groups: dict[str | None, list[int]] = {}
    for i, rec in enumerate(chunk):
        groups.setdefault(rec.target, []).append(i)
    results: list[dict[str, Any]] = [{}] * len(chunk)
    unreadable: dict[int, str] = {}
    stance = getattr(predictor, "stance", None)
    for target, members in groups.items():
        if stance is not None and stance.lacks_target(target or predict_kwargs.get("target")):
            unreadable.update((i, stance.no_default_target()) for i in members)
            continue
        kwargs = dict(predict_kwargs, **({"target": target} if target is not None else {}))
        if dated:
            kwargs["date"] = [chunk[i].date for i in members]
        try:
            found = predictor.predict([chunk[i].text for i in members], progress=False, **kwargs)
        except ArapolError as exc:
            if target is None:
                raise
            unreadable.update((i, f"its stance target {target!r} cannot be read ({exc})") for i in members)
            continue
        for i, res in zip(members, found):
            results[i] = res
    return results, unreadable


def _read_records(src: Path, fields: Mapping[str, Any], unread_target_field: str | None = None
                  ) -> Iterator[_Record | dict[str, Any]]:
    """The records of ``src`` with the run's ``fields`` (:func:`_records`: bad ones as their errors-file entries):
    what a pass reads (with ``unread_target_field``, :func:`_unread_target_field`), and what it reads again to look
    ahead or to name a changed record."""
    return _records(src, fields["text_field"], fields["id_field"], fields["carry"], fields["max_chars"],
                    fields.get("date_field"), fields.get("target_field"), unread_target_field)


def _take(records: Iterator[_Record | dict[str, Any]], size: int
          ) -> tuple[list[_Record], list[dict[str, Any]], bool]:
    """The next ``size`` valid records of ``records`` and the bad ones met among them, or fewer where ``size`` bad
    ones come first (a long run of bad lines is written out as it is read, not held), and whether ``records`` ran
    out."""
    batch: list[_Record] = []
    bad: list[dict[str, Any]] = []
    for rec in records:
        if isinstance(rec, dict):
            bad.append(rec)
            if len(bad) == size:
                return batch, bad, False
        else:
            batch.append(rec)
            if len(batch) == size:
                return batch, bad, False
    return batch, bad, True


def _check_kept(done: Mapping[str, None], seen: set[str], src: Path, out: Path, fields: Mapping[str, Any],
                moved_from: str | None, read_all: bool) -> None:
    """Refuse to go on when records of ``out`` (their id keys: ``done``) are not in ``src``: a resume would leave their
    results in an output that claims to be this input's. ``seen``: the ids of the records met so far; unless
    ``read_all``, the rest of the input is read for the others (ids only kept, and only until all are found). A record
    of the output that the input has only as a bad record stops the run as it would when met."""
    missing = done.keys() - seen
    if missing and not read_all:
        only_bad: dict[str, dict[str, Any]] = {}  # the first bad record holding each missing id
        with contextlib.closing(_read_records(src, fields)) as records:
            for rec in records:
                if isinstance(rec, dict):
                    if "id" in rec and id_key(rec["id"]) in missing:
                        only_bad.setdefault(id_key(rec["id"]), rec)
                    continue
                missing.discard(rec.key)
                if not missing:
                    return
        now_bad = [only_bad[k] for k in missing if k in only_bad]
        if now_bad:
            raise _now_bad(min(now_bad, key=lambda b: b["line"]), src, out, fields)
    if not missing:
        return
    gone = [k for k in done if k in missing]  # in the output's order
    shown = first_few([repr(json.loads(k)) for k in gone], 3)
    moved = (f" With --moved the input must be the same file at its new path: the earlier run's was {moved_from}."
             if moved_from else "")
    line_named = fields["id_field"] == "id" and any(_line_named(json.loads(k)) for k in gone)
    by_line = (" Records without an 'id' field are named by their line (line:N), so adding or removing lines renames "
               "the records below them: give each record an 'id' field to resume across such edits."
               if line_named else "")
    many = len(gone) != 1
    raise ArapolError(
        f"{out} holds {len(gone):,} record{'s' * many} that {src} does not have now (id{'s' * many} {shown}): the "
        f"input was replaced, or records were removed from it{', or lines added to it' if line_named else ''}, since "
        "an earlier run predicted them, and resuming would "
        f"leave their results in this input's output.{moved}{by_line} Nothing was written: "
        f"{_OVERWRITE}, which removes {out.name}, its errors file, {out.name}{RUN_SUFFIX} and "
        f"{out.name}{DIGESTS_SUFFIX}, or write this input to another --output")


def _line_named(rid: Any) -> bool:
    """Whether ``rid`` is the name a record without an id is given by its line (``line:N``)."""
    return isinstance(rid, str) and rid.startswith("line:") and rid[5:].isdigit()


_OVERWRITE = "start over with --overwrite (in Python: overwrite=True)"


def _changed(rec: _Record, src: Path, out: Path, fields: Mapping[str, Any], digests: Mapping[str, str]
             ) -> DataError:
    """The error for ``rec``, predicted by an earlier run, whose text, date, carried fields or own stance target
    differ now (:func:`_read_parts`: those this run reads). For a record named by its line (it has no id), the input
    is read again for where the text predicted under its name is now: lines added or removed above it rename the
    records, which is no edit."""
    if not (fields["id_field"] == "id" and _line_named(rec.id)):
        return DataError(f"record {rec.id!r} has changed since an earlier run predicted it ({_read_parts(fields)}): "
                         f"its result in {out} would be stale; {_OVERWRITE}, or give the edited records new ids",
                         source=str(src), line=rec.line)
    was, digest = digests[rec.key], _digest(rec)
    # the line a record's text moved to, and the name this one was predicted under: records that still hold their own
    # text under their own name are left out (a text that occurs twice, as boilerplate does, moved nowhere)
    named = {k for k, d in digests.items() if d == digest and k != rec.key and _line_named(json.loads(k))}
    now, holds = None, set()
    with contextlib.closing(_read_records(src, fields)) as records:
        for r in records:
            if isinstance(r, dict):  # a bad record
                continue
            d = _digest(r)
            if digests.get(r.key) == d:
                holds.add(r.key)
            elif now is None and d == was and r.key != rec.key:
                now = r.line
    then = next((k for k in sorted(named - holds, key=lambda k: int(json.loads(k)[5:]))), None)
    if now is None and then is None:
        happened = (f"it is not the record that an earlier run predicted as {rec.id!r}: it was edited since (its "
                    f"result in {out} would be stale), or lines were added to or removed from the input above it (the "
                    "records below them go by other names now). Records without an id resume only while their lines "
                    "stay where they are and are not edited: undo the change")
    else:
        where = ([f"what was predicted as {rec.id!r} is at line {now:,} now"] if now is not None else []) + \
                ([f"this record was predicted as {json.loads(then)!r}"] if then is not None else [])
        happened = (f"lines were added to or removed from the input above it since an earlier run predicted it "
                    f"({'; '.join(where)}): the records below them go by other names now, and their results in "
                    f"{out} belong to other records. Records without an id resume only while their lines stay where "
                    "they are: put the lines back")
    return DataError(f"record {rec.id!r} has no 'id' field, so it is named by its line, and {happened}, or "
                     f"{_OVERWRITE}, or give each record an 'id' field and predict them into another --output",
                     source=str(src), line=rec.line)


def _read_parts(fields: Mapping[str, Any]) -> str:
    """What of a record its digest is made of, as far as a run with ``fields`` reads it: one of them changed
    (``its text or stance target`` where the run reads targets and neither dates nor carries)."""
    parts = ["text", *(["date"] if fields.get("date_field") else []),
             *(["stance target"] if fields.get("target_field") else []),
             *(["carried fields"] if fields["carry"] else [])]
    return "its " + (f"{', '.join(parts[:-1])} or {parts[-1]}" if len(parts) > 1 else parts[0])


def _now_bad(b: Mapping[str, Any], src: Path, out: Path, fields: Mapping[str, Any]) -> DataError:
    """The error for the bad record ``b`` whose id names a record an earlier run predicted."""
    lines = (" (it has no 'id' field, so it is named by its line: if lines were added to or removed from the input "
             "above it, it is another record, as records without an id resume only while their lines stay where "
             "they are)" if fields["id_field"] == "id" and _line_named(b["id"]) else "")
    return DataError(f"record {b['id']!r} was predicted by an earlier run and is now a bad record ({b['error']})"
                     f"{lines}: its result in {out} would be stale; fix the record, or {_OVERWRITE}",
                     source=str(src), line=b["line"])


def _error_key(row: Mapping[str, Any]) -> tuple[int, str, str]:
    """What tells two entries of an errors file apart: the line, the record's id (an edited record with the same
    fault is another entry) and the reason."""
    return int(row["line"]), json.dumps(row.get("id")), str(row["error"])


