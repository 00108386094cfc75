"""Reading text files for the readers: UTF-8 (BOM accepted), CRLF accepted, clear errors."""

from __future__ import annotations

import gzip
import json
import math
import re
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from ..errors import DataError


def read_text(path: str | Path) -> str:
    """Return a UTF-8 text file's content with ``\n`` line ends; raise ``DataError`` on bad bytes or no content.

    A ``.gz`` file is decompressed first.
    """
    p = Path(path)
    try:
        raw = p.read_bytes()
        if p.suffix.lower() == ".gz":
            raw = gzip.decompress(raw)
    except (OSError, EOFError, zlib.error) as exc:  # zlib.error: a damaged gzip stream
        raise DataError(f"cannot read file: {exc}", source=str(p)) from exc
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")  # byte offsets below count a byte-order mark's 3 bytes
    except UnicodeDecodeError as exc:
        raise DataError(undecodable(raw, exc), source=str(p), line=line_at(raw, exc.start)) from exc
    nul = raw.find(b"\x00")
    if nul >= 0:  # valid UTF-8, never text: UTF-16 without a byte-order mark (Arabic and ASCII alike), or binary
        why = UTF16_HINT if _mostly_nul(raw) else "expected text"
        raise DataError(f"a NUL byte at byte {nul}: {why}", source=str(p), line=line_at(raw, nul))
    if not text.strip():
        raise DataError("empty file: expected at least one record", source=str(p))
    # \r\n and \r\r\n end one line, a lone \r too (classic Mac, or one line of a file mixing them); a byte-order
    # mark at a line's start is one of a file concatenated into this one (cat a b), not text
    return _LINE_END.sub("\n", text).replace("\n\ufeff", "\n")


_LINE_END = re.compile(r"\r+\n|\r")
_LINE_END_BYTES = re.compile(rb"\r+\n|\r|\n")


def line_at(raw: bytes, pos: int) -> int:
    """The line (from 1) of byte ``pos`` of a file's bytes ``raw``, line ends counted as :func:`read_text` reads
    them."""
    return len(_LINE_END_BYTES.findall(raw, 0, pos)) + 1


def read_lines(path: str | Path) -> list[str]:
    """Return the lines of a UTF-8 text file without line ends (see :func:`read_text`)."""
    return read_text(path).split("\n")


def open_lines(path: str | Path) -> IO[bytes]:
    """``path`` opened for reading its byte lines; a ``.gz`` file is decompressed as it is read."""
    p = Path(path)
    return gzip.open(p, "rb") if p.suffix.lower() == ".gz" else p.open("rb")


class _DuplicateKey(ValueError):
    """A JSON object holding one key twice."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(f"the key {key!r} is given twice in one object (which one counts is unclear)")
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise ValueError(f"invalid JSON ({name} is not a JSON number)")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"invalid JSON (the number {text[:40]} is beyond a 64-bit float's range)")
    return value


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _lone_surrogate(value: Any) -> str | None:
    """The first lone surrogate in the strings (keys too) of a parsed JSON value, else ``None``."""
    if isinstance(value, str):
        return next((c for c in value if "\ud800" <= c <= "\udfff"), None)
    items = [*value.keys(), *value.values()] if isinstance(value, dict) else value if isinstance(value, list) else ()
    return next((found for item in items if (found := _lone_surrogate(item))), None)


def loads(raw: str) -> Any:
    """``json.loads`` that refuses an object holding a key twice (plain ``json`` silently keeps the last one,
    dropping the other: two ``entities`` lists, say) and ``NaN``/``Infinity``, which Python reads but JSON has not
    (and strict readers of what arapol writes would refuse), written as such or as a number beyond a float's range
    (``1e999``, which Python reads as ``inf``); raises ``ValueError`` with what is wrong."""
    try:
        return json.loads(raw, object_pairs_hook=_unique_keys, parse_constant=_no_constant, parse_float=_finite)
    except json.JSONDecodeError as exc:
        where = "" if exc.msg.endswith(" at") else " at"  # "Unterminated string starting at"
        raise ValueError(f"invalid JSON ({exc.msg}{where} column {exc.colno})") from None
    except RecursionError:
        raise ValueError("invalid JSON here (nested too deeply to read)") from None
    except ValueError as exc:
        if "integer string conversion" not in str(exc):  # arapol's own refusals above
            raise
        raise ValueError(f"invalid JSON (a number of more than {sys.get_int_max_str_digits():,} digits)") from None


ARRAY_HINT = "it starts a JSON array: arapol reads JSON Lines, one object a line (`jq -c '.[]'` converts an array)"
"""Said of a JSONL file whose first line opens a JSON array."""


def read_jsonl(path: str | Path) -> Iterator[tuple[int, Any]]:
    """Yield ``(line_number, value)`` for each non-blank line of a JSONL file (training and evaluation data); invalid
    JSON (or a key given twice in one object), a lone surrogate escape (``\\ud800``: half of a character, which
    reports and models' files cannot hold) or a JSON array where the lines should begin, is a ``DataError``."""
    first = True
    for n, raw in enumerate(read_lines(path), start=1):
        if not raw.strip():
            continue
        if first and raw.lstrip("\ufeff \t").startswith("["):
            raise DataError(ARRAY_HINT, source=str(path), line=n)
        first = False
        try:
            value = loads(raw)
        except ValueError as exc:
            raise DataError(str(exc), source=str(path), line=n) from None
        if _SURROGATE_ESCAPE.search(raw) and (lone := _lone_surrogate(value)):
            raise DataError(f"the escape \\u{ord(lone):04x} is half of a surrogate pair (no character): a text cut "
                            "inside an emoji?", source=str(path), line=n)
        yield n, value


def utf8_line(data: bytes) -> str:
    """One line's bytes decoded as UTF-8, its line ending dropped; a ``ValueError`` names the first bad byte."""
    try:
        return data.decode("utf-8").rstrip("\r\n")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not valid UTF-8 (byte {exc.start} of the line: {data[exc.start:exc.start + 1]!r})"
                         f"{_encoding_hint(data)}") from None


UTF16_HINT = "the file looks like UTF-16: save it as UTF-8"
"""Said of a line that is no UTF-8 because of a UTF-16 byte-order mark, or no JSON because of NUL bytes."""


def _line_hint(raw: str, exc: ValueError) -> str:
    """What a JSONL line that is no JSON may be instead: UTF-16 read as UTF-8, or lines ended by lone CRs."""
    if _mostly_nul(raw):
        return f"; {UTF16_HINT}"
    if "Extra data" in str(exc) and "\r" in raw:
        return "; the line ends in a lone CR: save the file with \\n line ends"
    return ""


def _mostly_nul(data: bytes | str) -> bool:
    """Whether NULs make up over an eighth of ``data``: UTF-16 read as UTF-8, not one stray NUL in a text."""
    return data.count(b"\x00" if isinstance(data, bytes) else "\x00") > len(data) // 8


def undecodable(raw: bytes, exc: UnicodeDecodeError) -> str:
    """What is wrong with the whole file ``raw`` that UTF-8 could not decode (``exc``), with the UTF-16 hint where
    it applies."""
    return (f"undecodable bytes {raw[exc.start:exc.end]!r} at byte {exc.start}: expected UTF-8 text"
            f"{_encoding_hint(raw)}")


def _encoding_hint(data: bytes) -> str:
    """What the first bytes of a file (or of its first line) that is no UTF-8 say it is: gzip, UTF-16, or nothing."""
    if data.startswith(b"\x1f\x8b"):
        return "; the file is gzip-compressed: name it .gz"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
        return f"; {UTF16_HINT}"
    return ""


MAX_LINE_BYTES = 64 * 2**20
"""The longest JSONL line read by default (a news article is a few kilobytes): a longer one is named and passed
over without being held, where parsing it would take several times its size (a whole JSON array on one line)."""


class LongLine(bytes):
    """The first bytes of a line longer than the limit of :func:`bounded_lines` (the rest was passed over)."""


def bounded_lines(fh: IO[bytes], max_bytes: int = MAX_LINE_BYTES) -> Iterator[bytes]:
    """``fh``'s lines (ending at ``\n``), each read whole only up to ``max_bytes``: a longer one comes as a
    :class:`LongLine` holding its first bytes, and the rest of it is read past a megabyte at a time."""
    while line := fh.readline(max_bytes + 1):
        if len(line) <= max_bytes or line.endswith(b"\n"):
            yield line
            continue
        head = line[:64]
        del line
        while (rest := fh.readline(2**20)) and not rest.endswith(b"\n"):
            pass
        yield LongLine(head)


def jsonl_objects(lines: Iterable[bytes], max_bytes: int = MAX_LINE_BYTES,
                  hint: str = "") -> Iterator[tuple[int, dict[str, Any] | str]]:
    """Stream a JSONL file's byte lines (a binary file is read through :func:`bounded_lines`, lines over
    ``max_bytes`` passed over): ``(line number, object)`` for each non-blank line, or ``(line number, error
    message)`` where the line is too long (``hint``: how to accept it), not UTF-8, not JSON or not a JSON object.

    Each line is decoded on its own (one bad byte costs one line); lines end at ``\n`` only; a BOM is
    accepted. The caller decides whether an error stops the read or is set aside.
    """
    if hasattr(lines, "readline"):
        lines = bounded_lines(lines, max_bytes)  # type: ignore[arg-type]
    for n, data in enumerate(lines, start=1):
        if isinstance(data, LongLine):
            array = data.lstrip(b"\xef\xbb\xbf \t\r").startswith(b"[")
            yield n, (f"the line is over {max_bytes:,} bytes, so it was not read"
                      + (f"; {ARRAY_HINT}" if array else f"{hint}"))
            continue
        try:
            raw = utf8_line(data).lstrip("\ufeff")
        except ValueError as exc:
            yield n, str(exc)
            continue
        if not raw.strip():
            continue
        try:
            rec = loads(raw)
        except _DuplicateKey as exc:
            yield n, str(exc)
            continue
        except ValueError as exc:
            yield n, f"{exc}: expected one object a line{_line_hint(raw, exc)}"
            continue
        yield n, rec if isinstance(rec, dict) else f"expected a JSON object, found {json_type(rec)}"


def json_type(value: Any) -> str:
    """What JSON calls the type of a parsed value (``null``, not ``NoneType``)."""
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    return {list: "an array", str: "a string", int: "a number", float: "a number"}.get(type(value), "an object")


def id_key(value: Any) -> str:
    """What tells two record ids apart: their JSON (the integer 1 and the string "1" are two ids)."""
    return json.dumps(value, ensure_ascii=False)


def not_a_string(record: dict[str, Any], field: str) -> str:
    """What is wrong with ``record[field]`` where a string is expected: the field is missing (and which fields there
    are), or what it holds instead."""
    if field not in record:
        return f"field {field!r} is missing; found fields {sorted(record)}"
    value = record[field]
    found = "null" if value is None else f"{type(value).__name__} {json.dumps(value, ensure_ascii=False)[:80]}"
    return f"field {field!r} must be a string, found {found}"


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by at most one letter added, dropped, changed, or two neighbours swapped."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:] or (a[i:i + 2] == b[i:i + 2][::-1] and a[i + 2:] == b[i + 2:])
    return a[i + 1:] == b[i:] if len(a) > len(b) else a[i:] == b[i + 1:]


def misspelling_of(rec: Mapping[str, Any], field: str, others: Iterable[str] = (),
                   fits: Callable[[Any], bool] | None = None) -> str | None:
    """A key of ``rec`` (not ``field`` itself, none of ``others``) that looks like a misspelling of the absent
    ``field``: one edit away, case and surrounding spaces aside (``Target``, `` target``, ``targt``, ``traget``); for a
    field of at most two letters (``id``), only case, spaces and underscores aside (``ID``, ``_id``), as one edit
    from ``id`` is another word (``in``, ``is``). With ``fits``, only a key whose value ``fits`` the field: a near
    key holding something else (``data`` or ``rate`` beside a missing ``date``) is another field."""
    want = field.strip().lower()
    for k in rec:
        if not isinstance(k, str) or k == field or k in others:
            continue
        key = k.strip().lower()
        if ((key.strip("_") == want) if len(want) <= 2 else _one_edit(key, want)) and (fits is None or fits(rec[k])):
            return k
    return None


def misspelt_field(rec: Mapping[str, Any], field: str | None, option: str, what: str,
                   fits: Callable[[Any], bool] | None, named: Sequence[str], holds: str = "",
                   in_fields: bool = False) -> str | None:
    """Why ``rec`` is refused when it lacks ``field`` (``what`` it is; None or '': not read) but has a key, none of
    the ``named`` fields, that looks like a misspelling of it (:func:`misspelling_of`) and holds a value the field
    could (``fits``: ``Date`` holding a date, not ``data``, another field; None: any value), which would silently
    take the field's default (a field given as null is the record's own): ``arapol predict``'s records, ``arapol
    analyze``'s corpus and a stance JSONL file's records alike. ``option`` names the field in the message, as
    ``--OPTION-field`` and in Python (``''``: not named, the key is to be renamed: a training file's fields are named
    by its column settings); ``in_fields`` names it in Python as ``analyze_corpus`` takes it (``fields={'date':
    'Date'}``), not as ``predict_corpus`` does (``date_field=``). ``holds`` follows the key (`` holds a date``)."""
    if not field or field in rec or not (near := misspelling_of(rec, field, named, fits)):
        return None
    message = f"no field {field!r} ({what}), but {near!r}{holds}: a misspelling? Rename it {field!r}"
    if not option:
        return message
    python = f"fields={{{option!r}: {near!r}}}" if in_fields else f"{option}_field="
    return f"{message}, or name the field (--{option}-field {near} / {python})"


def an_id(value: Any) -> bool:
    """``value`` can be a record's id: a string or an integer."""
    return isinstance(value, (str, int)) and not isinstance(value, bool)


def non_blank(value: Any) -> bool:
    """``value`` is a non-blank string (what a record's stance target or source can be)."""
    return isinstance(value, str) and bool(value.strip())


def target_problem(value: Any, field: str, absent: str) -> str | None:
    """Why a record's stance target ``value`` (read from ``field``) is refused: neither absent or null (the target
    ``absent`` names is read then) nor a non-blank string; ``None`` when it is one of those."""
    if value is None or non_blank(value):
        return None
    return (f"field {field!r} (the record's stance target) must be a non-blank string, or absent or null for "
            f"{absent}, found {json.dumps(value, ensure_ascii=False)[:80]}")
