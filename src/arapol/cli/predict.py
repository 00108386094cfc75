"""``arapol predict MODEL``: entities (and stance) for texts or a whole JSONL corpus, as JSON lines."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..inference.decoding import AGGREGATIONS, DECODINGS
from . import positive_int

_CORPUS_ONLY = {"output": None, "errors": None, "carry": [], "overwrite": False, "moved": False, "text_field": "text",
                "id_field": "id", "date_field": "date", "target_field": None, "chunk_size": 256,
                "max_chars": 1_000_000}
"""Options that only a corpus run (``--input``) reads, with their defaults."""
STDIN_CHUNK = 256
"""Lines of standard input predicted at a time: memory stays flat over an archive piped in, and a chunk's results are
written while the next is read."""
STDIN_WAIT = 0.2
"""Seconds without a new line of stdin after which the lines read are predicted, however few (a slow source)."""


def _check_sources(args: argparse.Namespace) -> None:
    """Refuse options that would be ignored: the texts come from ``--input`` (written to ``--output``) or from
    ``--text``/stdin (printed to stdout), never both."""
    from ..errors import ArapolError

    for table in args.actors:
        if isinstance(table, str) and Path(table).is_dir():
            raise ArapolError(f"--actors {table}: a folder, where an alias table (YAML) was expected: --actors takes "
                              "an optional file, so give it after the model folder(s) (arapol predict MODEL --actors)")
    if args.no_default_actors and not any(isinstance(t, str) for t in args.actors):
        raise ArapolError("--no-default-actors: give the alias tables to use with --actors YAML (with neither, "
                          "no actor could be found)")
    if not args.actors and (args.date is not None or args.date_field != _CORPUS_ONLY["date_field"]):
        raise ArapolError("--date and --date-field date the titles of --actors: give --actors too")
    if not args.actors and args.no_clauses:
        raise ArapolError("--no-clauses is about the speakers of --actors: give --actors too")
    if args.date is not None:
        from ..actors.aliases import parse_date

        if parse_date(args.date) is None:
            raise ArapolError(f"--date {args.date!r}: not an ISO date (2016-10-18, 2016-10-18T09:00:00Z, 2016-10 or "
                              "2016); leave --date out for none")
    if args.input:
        if args.texts:
            raise ArapolError("--text and --input both give texts: pass one (--text prints to stdout, --input "
                              "writes --output)")
        if not args.output:
            raise ArapolError("--input needs --output (the JSONL file to write, resumed if it exists)")
        if args.output == "-":
            raise ArapolError("--output -: a corpus run writes a file it can resume, with OUTPUT.run.json beside it, "
                              "not stdout; to print results as JSON lines, give the texts one a line on stdin (no "
                              "--input)")
        if args.date is not None:
            raise ArapolError(f"--date goes with --text or stdin; with --input each record's own date is read "
                              f"(field {args.date_field!r}, --date-field)")
        return
    given = [f"--{name.replace('_', '-')}" for name, default in _CORPUS_ONLY.items() if getattr(args, name) != default]
    if given:
        raise ArapolError(f"{', '.join(given)} only go{'es' if len(given) == 1 else ''} with --input (a JSONL "
                          "corpus); the texts of --text or stdin are printed to stdout")


def _actors(args: argparse.Namespace) -> Any:
    """``predict``'s ``actors``: none, the bundled table, or the tables of ``--actors`` (every one given, each
    extending those before it), after the bundled one unless ``--no-default-actors``."""
    files = [t for t in args.actors if isinstance(t, str)]
    if not files:
        return bool(args.actors)
    from ..actors import load_actor_table

    return load_actor_table(*files, default=not args.no_default_actors)


def run(args: argparse.Namespace) -> int:
    from .. import load

    _check_sources(args)
    if args.input:  # before the models are loaded
        from ..corpus import check_output_paths

        check_output_paths(args.output, args.errors)
    predictor = load(*args.model, device=args.device, dtype=args.dtype, backend=args.backend,
                     decoding=args.decoding, revision=args.revision)
    kwargs = {"target": args.target, "batch_size": args.batch_size, "level": args.level,
              "aggregation": args.aggregation, "actors": _actors(args)}
    if args.no_clauses:
        kwargs["clauses"] = False
    if args.date is not None:
        kwargs["date"] = args.date
    if args.input:
        from ..corpus import TRAINED_TARGET, predict_corpus

        args.resumes = ": the same command resumes where the output stopped"
        if args.target_field is not None and (predictor.stance is None or predictor.stance.info.text_only):
            from ..errors import ArapolError

            raise ArapolError("--target-field names each record's stance target, and " + (
                "no stance model is loaded (NER reads none)" if predictor.stance is None else
                f"{predictor.stance.folder} reads the text alone (trained with text_only: true)") + ": leave it out")
        report = predict_corpus(predictor, args.input, args.output, errors_path=args.errors,
                                text_field=args.text_field, id_field=args.id_field, carry=args.carry,
                                date_field=args.date_field,
                                target_field=TRAINED_TARGET if args.target_field is None else args.target_field,
                                chunk_size=args.chunk_size, max_chars=args.max_chars,
                                overwrite=args.overwrite, moved=args.moved, **kwargs)
        held = f"; {report.errors_file} holds {report.errors_in_file}" if report.errors_in_file else ""
        print(f"wrote {report.written} records, skipped {report.skipped} already done, {report.errors} new bad "
              f"records{held}", file=sys.stderr)
        if report.errors_in_file and not report.written and not report.skipped:  # (a rerun meets no new one)
            first, of_format = first_error(report.errors_file, args.text_field)
            hint = (f". The input must be JSON Lines in UTF-8, one object a line with the text in {args.text_field!r} "
                    "(--text-field)" if of_format else "")
            print(f"arapol: error: not one record of {args.input} could be read ({report.errors_in_file} bad); the "
                  f"first error: {first}{hint}", file=sys.stderr)
            return 1
        return 0
    from collections import deque

    from ..actors import undated_titles_counted
    from ..corpus import json_line

    # one result line per input line, a blank one included: outputs line up with inputs
    texts = args.texts or _stdin_lines()
    pending: deque[str] = deque()  # the texts read and not yet written

    def read() -> Iterator[str]:
        for text in texts:
            pending.append(text)
            yield text

    written = 0
    with undated_titles_counted() as undated:
        # a line typed at a terminal, or one of a slow pipe (tail -f), is answered once no other follows at once
        results = predictor.predict_stream(read(), chunk_size=STDIN_CHUNK, max_wait=STDIN_WAIT, **kwargs)
        for res in results:
            sys.stdout.write(json_line({"text": pending.popleft(), **res}))
            sys.stdout.flush()  # (each line out as soon as it is known, to a pipe too)
            written += 1
    if undated[0]:
        print(f"arapol: warning: {undated[0]} of {written} texts name a title (such as الرئيس الأمريكي) that, "
              "with no --date and none of its holders named there, was read as the alias table's latest holder, "
              "who may not have held it when the text was written", file=sys.stderr)
    return 0


def _stdin_lines() -> Iterator[str]:
    """Standard input's lines as they come, each decoded as UTF-8 whatever the locale, a byte order mark dropped; a
    line that is not UTF-8 is a ``DataError`` naming it (the locale's decoder would have failed with a traceback or
    let it through), once the lines before it are predicted."""
    from ..data.io import utf8_line
    from ..errors import DataError

    stream = getattr(sys.stdin, "buffer", None)
    try:
        source = _fd_lines(stream.fileno()) if stream is not None else sys.stdin
    except (AttributeError, OSError):  # io.UnsupportedOperation too: a stand-in stream of bytes
        source = stream
    for n, data in enumerate(source, start=1):
        if stream is None:  # a stand-in stream of text (io.StringIO, some notebooks): already decoded
            line = data.rstrip("\r\n")
        else:
            try:
                line = utf8_line(data)
            except ValueError as exc:
                raise DataError(str(exc), source="<stdin>", line=n) from None
        yield line.removeprefix("\ufeff") if n == 1 else line


def _fd_lines(fd: int) -> Iterator[bytes]:
    """The lines of the file descriptor ``fd`` (each with its line end) as they come, read by ``os.read``: the
    thread that reads a slow source ahead of the model (``predict_stream``'s) then holds no lock of Python's
    buffered reader while it waits, which aborted the interpreter at exit ("could not acquire lock for
    <_io.BufferedReader name='<stdin>'>", SIGABRT) when ``| head`` or Ctrl-C ended the run mid-wait."""
    import os

    parts: list[bytes] = []
    while chunk := os.read(fd, 1 << 16):
        start = 0
        while (end := chunk.find(b"\n", start)) >= 0:
            parts.append(chunk[start:end + 1])
            yield b"".join(parts)
            parts, start = [], end + 1
        if start < len(chunk):
            parts.append(chunk[start:])
    if parts:
        yield b"".join(parts)


def first_error(errors_file: str, text_field: str) -> tuple[str, bool]:
    """The first entry of a corpus run's errors file, as ``line N: message``, and whether it may come of the input's
    format: a line not read as a JSON object (bad JSON, bytes not UTF-8: no ``id`` in the entry), or without its
    text in ``text_field``; not a record read whole and refused for what it holds (a text over ``--max-chars``, a
    bad date), where the format was fine."""
    import json

    try:
        with open(errors_file, encoding="utf-8") as fh:
            entry = json.loads(fh.readline())
        return (f"line {entry['line']}: {entry['error']}",
                "id" not in entry or str(entry["error"]).startswith(f"field {text_field!r}"))
    except (OSError, ValueError, TypeError, KeyError):
        return f"see {errors_file}", True


def register(sub) -> None:
    p = sub.add_parser("predict", help="entities (and stance) for texts or a JSONL corpus, as JSON lines")
    p.add_argument("model", nargs="+", help="model folder(s), or hub repository id(s) ORG/NAME (fetched once)")
    p.add_argument("--revision", default=None, help="for a hub repository id: the branch, tag or commit")
    p.add_argument("--text", dest="texts", action="append", default=[],
                   help="a text (repeatable; else stdin lines); results are printed to stdout")
    p.add_argument("--input", help="a JSONL corpus, one record a line (needs --output)")
    p.add_argument("--output", help="with --input: the JSONL output, its run recorded in OUTPUT.run.json; an "
                   "existing one is resumed (ids already there skipped) if the same run wrote it, else refused")
    p.add_argument("--errors", help="with --input: where bad records go (default: OUTPUT.errors.jsonl)")
    p.add_argument("--overwrite", action="store_true",
                   help="with --input: remove an existing OUTPUT, its errors file, OUTPUT.run.json and "
                        "OUTPUT.digests.jsonl, start over (only files of the shapes arapol predict writes: any other "
                        "file there, such as an annotated corpus, is refused and left as it is)")
    p.add_argument("--moved", action="store_true",
                   help="with --input: resume a run whose input, errors file or model folders were moved since "
                        "(the same files: only their paths may differ)")
    p.add_argument("--text-field", default=_CORPUS_ONLY["text_field"], help="with --input: the field holding the "
                   "text (default: text)")
    p.add_argument("--id-field", default=_CORPUS_ONLY["id_field"], help="with --input: the field holding the "
                   "record's id, a string or an integer (default: id; records without one are named line:N)")
    p.add_argument("--carry", nargs="*", default=[], help="input fields to copy into each output record")
    p.add_argument("--chunk-size", type=positive_int, default=_CORPUS_ONLY["chunk_size"],
                   help="records per durable write")
    p.add_argument("--max-chars", type=positive_int, default=_CORPUS_ONLY["max_chars"],
                   help="longer texts go to the errors file")
    p.add_argument("--date-field", default=_CORPUS_ONLY["date_field"],
                   help="with --input and --actors: each record's ISO date (dates titles such as الرئيس الأمريكي)")
    p.add_argument("--target-field", default=_CORPUS_ONLY["target_field"],
                   help="with --input and a stance model: the field holding each record's target (default: the "
                        "target column the model was trained on, else target; records without it read --target; '' "
                        "reads no field)")
    p.add_argument("--target", default=None, help="stance target (default: the model's); with --input, of the "
                   "records that name none (--target-field)")
    p.add_argument("--level", default="text", choices=["text", "sentence"],
                   help="stance of the whole text (default), or of each sentence too")
    p.add_argument("--aggregation", default=AGGREGATIONS[0], choices=AGGREGATIONS,
                   help="NER: how a word's sub-word predictions combine (default: its first piece's)")
    p.add_argument("--actors", action="append", nargs="?", const=True, default=[], metavar="YAML",
                   help="add the actors named in each text (the bundled alias table, extended by YAML if given; "
                   "repeatable, each table extending those before it), with their stance when a stance model is "
                   "loaded")
    p.add_argument("--no-default-actors", action="store_true", help="with --actors YAML: only those tables")
    p.add_argument("--date", default=None,
                   help="with --text or stdin and --actors: the texts' ISO date (dates titles)")
    p.add_argument("--no-clauses", action="store_true",
                   help="with --actors: speakers of one sentence share its stance (default: where they sit in "
                   "different clauses, each clause is scored apart)")
    p.add_argument("--batch-size", type=positive_int, default=32, help="texts per forward pass (default 32)")
    p.add_argument("--device", default="auto", help="auto (CUDA when present), cpu, cuda or cuda:N")
    p.add_argument("--dtype", default=None, choices=["fp32", "bf16", "int8", "auto"],
                   help="default: the model folder's saved default, else fp32")
    p.add_argument("--backend", default=None, choices=["torch", "onnx"], help="onnx needs the onnx extra")
    p.add_argument("--decoding", default=DECODINGS[0], choices=DECODINGS,
                   help="NER tags: the best valid IOB2 sequence (default) or each word's own best tag")
    p.set_defaults(func=run)
