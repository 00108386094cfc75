"""Corpus analysis: which actor holds which stance toward a target, over many articles and over time.

:func:`analyze_corpus` streams a JSONL corpus (``{"id", "text", "date"?, "source"?}`` a line), runs the
predictor at sentence level and :func:`arapol.actors.annotate_actors` on each article, and writes to
an output folder:

- ``documents.jsonl`` — one line per article: ``id``, ``date``, ``source``, the article's ``stance``
  and its ``actors`` (mentions, stance, evidence sentences), plus ``entities`` with an NER model;
- ``actor_stance.csv`` and ``actor_stance.parquet`` — one row per actor: in how many articles it is
  mentioned, how many times, and in how many articles its stance is each label;
- ``stance_over_time.csv`` and ``stance_over_time.png`` — for the most frequent actors of the dated
  articles (stance-bearing first), the number of articles per period (day, week or month) in which
  each holds each stance, every period from the first article placed in one to the last (0 where none); an
  article dated to a year or month that no one period holds (``2016`` in a weekly series) is counted in
  ``actor_stance`` only (and warned of), and ``auto`` chooses the period from the articles dated to a day
  (months where as many or more are dated to a month, not a day); a
  Matplotlib figure drawn with the Agg canvas (no display needed);
- ``summary.json`` — counts and settings (``coarsely_dated_documents``: those left out of the series;
  ``unlikely_dated_documents``: those dated before 1900 or more than a year after today, also left out of it;
  ``documents_without_stance``: texts blank once normalised), written last: a folder without it holds no
  finished analysis.

The CSV files start with a UTF-8 byte-order mark, so that Excel shows their Arabic (pandas reads past it; Python's
``csv`` module wants ``encoding="utf-8-sig"``). Each file is written through a temporary file and moved into
place, so none is ever half-written; a run holds ``OUT/.analyze.lock`` while it writes (a second run into the
same folder is refused; the empty file stays) and first removes the temporary files a killed run left.

Memory stays bounded by the corpus's ids and actors, not its texts: articles are read, predicted and
written a chunk at a time; per-actor and per-period counters and the set of ids seen (to refuse a
duplicate) are kept.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import logging
import unicodedata
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from .actors import (
    ActorTable,
    actor_table,
    annotate_actors,
    clause_scorer,
    undated_titles_counted,
    warn_undated,
)
from .actors.aliases import a_record_date, date_period, normalise_key, record_date_problem
from .checkpoint import atomic_writer, exclusive_lock, remove_stale_temporaries, write_json_atomic
from .corpus import LINE_NAMED, TRAINED_TARGET, json_line, same_file, trained_target_field
from .data.io import (
    an_id,
    id_key,
    jsonl_objects,
    misspelt_field,
    non_blank,
    not_a_string,
    open_lines,
    target_problem,
)
from .errors import ArapolError, DataError, first_few
from .labels import NO_STANCE, STANCE_LABELS, no_stance_problem
from .reports import matplotlib_figure

log = logging.getLogger(__name__)

FREQS = ("auto", "day", "week", "month")
MAX_LISTED = 20
"""Bad records a refused corpus lists by line (the count says how many more)."""
OUTPUT_FILES = ("documents.jsonl", "actor_stance.csv", "actor_stance.parquet", "stance_over_time.csv",
                "stance_over_time.png")
"""The files an analysis writes before ``summary.json``, which comes last and lists them."""
COLUMNS = ("actor_id", "name", "name_ar", "type", "qid", "documents", "mentions", "stance_documents",
           "evidence_sentences")
"""The leading columns of ``actor_stance.csv``; one column per stance label follows."""


LOCK_FILE = ".analyze.lock"
"""The file an analysis holds locked in its folder while it writes; it stays there, marking the folder as one."""


def _check_out(out: Path) -> None:
    """Refuse a folder whose files of an analysis's names no analysis wrote (neither ``summary.json`` nor
    :data:`LOCK_FILE` is there): they would be replaced. Other files in it are left alone. A file is no folder."""
    if out.exists() and not out.is_dir():
        raise ArapolError(f"--out {out} is a file, not a folder: give --out a folder (it is made if missing)")
    if not out.is_dir() or _an_analysis_summary(out / "summary.json") or (out / LOCK_FILE).exists():
        return
    mine = [name for name in (*OUTPUT_FILES, "summary.json") if (out / name).exists()]
    if mine:
        raise ArapolError(f"--out {out} holds {', '.join(mine)}, which no arapol analyze wrote there (it has no "
                          "summary.json of an analysis): the analysis would replace them; choose another --out, or "
                          "move them")


def _an_analysis_summary(path: Path) -> bool:
    """Whether ``path`` is the ``summary.json`` of an analysis (a JSON object naming its corpus and files), not a
    file of the user's that happens to bear the name."""
    try:
        summary = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(summary, dict) and {"corpus", "files", "documents"} <= summary.keys()


FIELDS = {"id": "id", "text": "text", "date": "date", "source": "source", "target": "target"}
"""The fields of a corpus record, each read from the field of that name unless told otherwise (``fields=``)."""


def _field_names(fields: dict[str, str] | None) -> dict[str, str]:
    names = {**FIELDS, **(fields or {})}
    if set(names) != set(FIELDS):
        raise ArapolError(f"unknown corpus fields {sorted(set(names) - set(FIELDS))}: expected some of {list(FIELDS)}")
    return names


def read_corpus(path: str | Path, fields: dict[str, str] | None = None, *, target: str | Iterable[str] | None = None,
                text_only: bool = False, reads_target: bool = True) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line number, record)`` from a JSONL corpus, one record at a time.

    Each record needs ``text`` (string) and an ``id`` (string or integer, unique; a record without one, or with
    ``null``, is named ``line:N`` by its line, as ``arapol predict`` names it, unless ``fields`` reads the id from
    another field); ``date`` (ISO, e.g. ``2016-10-18``) and ``source`` are optional. ``fields`` reads any of them
    from another field (``{"date": "published"}``); the records yielded hold the four under their own names. A
    record's ``target`` (absent or null: the analysis's) must be ``target``, the one target an analysis reads every
    article toward, or one of them where ``target`` is a list (compared as names are: hamza on alef, marks and
    spacing aside): actors' stances toward two targets are not one table. The list is for a text-only model
    (``text_only``: ``target`` lists those it was trained on, any of them its own, and the refusal says so), and
    refused (:class:`~arapol.ArapolError`) without ``text_only``, where it would let one analysis read several; with
    ``text_only`` a record's target must also be the first record's to name one, the list given or not (``None``:
    which targets the model was trained on is not known). With ``reads_target`` False (a model trained with
    ``target_column: null``) or ``text_only``, a model that reads no record's target, a blank or non-string target
    names none, as an absent one, where a model that reads it refuses it. With ``fields={"target": ""}``, or
    without ``target`` and ``text_only``, the field is not read. Blank lines are skipped; ``.gz`` files are read as
    gzip. Raises :class:`~arapol.DataError` naming the file, line and field of the first bad record
    (:func:`corpus_problems` lists them all).
    """
    for n, rec in _records(path, fields, target, text_only, reads_target):
        if isinstance(rec, str):
            raise DataError(rec, source=str(path), line=n)
        yield n, rec


def corpus_problems(path: str | Path, fields: dict[str, str] | None = None, *,
                    target: str | Iterable[str] | None = None, text_only: bool = False, reads_target: bool = True
                    ) -> tuple[int, list[tuple[int, str]]]:
    """The number of good records of a JSONL corpus and ``(line, problem)`` for each bad one, read through once
    (``fields``, ``target``, a name or a list, the keywords ``text_only`` and ``reads_target``: as
    :func:`read_corpus`, which raises at the first bad one)."""
    good, bad = 0, []
    for n, rec in _records(path, fields, target, text_only, reads_target):
        if isinstance(rec, str):
            bad.append((n, rec))
        else:
            good += 1
    return good, bad


def _records(path: str | Path, fields: dict[str, str] | None, target: str | Iterable[str] | None,
             text_only: bool = False, reads_target: bool = True) -> Iterator[tuple[int, dict[str, Any] | str]]:
    """``(line, record)`` for each record of a corpus, or ``(line, what is wrong with it)``; a file that cannot be
    read raises :class:`~arapol.DataError`."""
    id_f, text_f, date_f, source_f, target_f = _field_names(fields).values()
    if not (target is None or isinstance(target, str) or text_only):
        raise ArapolError(f"target: one target as a string, got {type(target).__name__} {target!r:.80}: a list is "
                          "for a text-only model (text_only=True), any of whose training targets is its own; an "
                          "analysis reads every article toward one target")
    targets = None if target is None else [target] if isinstance(target, str) else list(target)  # (read once)
    named = (id_f, text_f, date_f, source_f, target_f)  # keys that are no misspellings
    p = Path(path)
    src = str(p)
    seen: set[str] = set()
    first: list[tuple[str, int]] = []  # a text-only model's: the first record's target, and its line
    try:
        fh = open_lines(p)
    except OSError as exc:
        raise DataError(f"cannot read the corpus: {exc}", source=src) from exc
    with fh:
        try:
            for n, rec in jsonl_objects(fh):
                if isinstance(rec, str):
                    yield n, rec
                    continue
                rid = rec.get(id_f)
                if miss := misspelt_field(rec, id_f, "id", "the record's id", an_id, named, in_fields=True):
                    yield n, miss
                    continue
                if rid is None and id_f == "id":
                    rid = f"line:{n}"
                if rid is None:
                    yield n, f"missing field {id_f!r} (a string or an integer); found fields {sorted(rec)}"
                elif isinstance(rid, bool) or not isinstance(rid, (str, int)):
                    yield n, f"{id_f!r} must be a string or an integer, got {rid!r}"
                elif not isinstance(rec.get(text_f), str):
                    yield n, f"{not_a_string(rec, text_f)} (record {rid!r})"
                elif problem := record_date_problem(rec.get(date_f), date_f):
                    yield n, problem
                elif miss := misspelt_field(rec, date_f, "date", "the record's date; without it the article is in "
                                            "no period", a_record_date, named, " holds a date", in_fields=True):
                    yield n, miss
                elif miss := misspelt_field(rec, source_f, "source", "the record's source", non_blank, named,
                                            in_fields=True):
                    yield n, miss
                elif targets is not None and target_f and (
                        problem := _other_target(rec, target_f, targets, named, text_only, reads_target)):
                    yield n, problem
                elif text_only and target_f and (problem := _second_target(rec.get(target_f), n, first)):
                    yield n, problem
                elif id_key(rid) in seen:  # (as arapol predict: the integer 1 and the string "1" are two ids)
                    yield n, f"duplicate id {rid!r}" + (LINE_NAMED if str(rid).startswith("line:") else "")
                else:
                    seen.add(id_key(rid))
                    yield n, {"id": rid, "text": rec[text_f], "date": rec.get(date_f), "source": rec.get(source_f)}
        except (OSError, EOFError, zlib.error) as exc:  # a corrupt or truncated .gz
            raise DataError(f"cannot read the corpus: {exc}", source=src) from exc


def _second_target(own: Any, line: int, first: list[tuple[str, int]]) -> str | None:
    """Why a record is refused whose target is another than an earlier record's, under a text-only model trained on
    several (Mawqif's three): each is one of its own, but an analysis reads every article toward one target, and
    actors' stances toward two are not one table. ``first`` holds the first record's target and line, once seen."""
    if not non_blank(own):
        return None
    if not first:
        first.append((own, line))
        return None
    if normalise_key(own) == normalise_key(first[0][0]):
        return None
    return (f"its target {own!r} is another than {first[0][0]!r}, line {first[0][1]}'s: an analysis reads every "
            "article toward one target, and actors' stances toward two are not one table. Analyse the records of "
            "each target apart")


def _other_target(rec: dict[str, Any], field: str, targets: Sequence[str], named: tuple[str, ...],
                  text_only: bool = False, reads_target: bool = True) -> str | None:
    """Why ``rec`` is refused when its own stance target (``field``; absent or null: the analysis's) is none of
    ``targets``: every article of an analysis is read toward one target, and a record's other one would be dropped
    without a word (``arapol predict`` reads each record toward its own; a text-only model, ``text_only``, reads
    none, and takes neither ``--target`` nor ``--target-field``: ``targets`` are those it was trained on). Where the
    model reads no record's target (``reads_target`` False, or ``text_only``), a blank or non-string one names none
    (``""``, ``[...]``: passed over, as before those models' records were checked)."""
    if field not in rec:
        return misspelt_field(rec, field, "target", "the record's stance target; --target-field '' reads none",
                              non_blank, named, in_fields=True)
    own = rec[field]
    if not (reads_target and not text_only):
        own = own if non_blank(own) else None
    if problem := target_problem(own, field, "the analysis's target"):
        return problem
    if own is None or normalise_key(own) in {normalise_key(t) for t in targets}:
        return None
    if text_only:
        trained = (f"toward {targets[0]!r}" if len(targets) == 1 else
                   f"on {len(targets)} targets ({first_few([repr(t) for t in targets])})")
        return (f"field {field!r} names the target {own!r}, but this model reads the text alone (trained with "
                f"text_only: true), {trained}: actors' stances toward two targets are not one table. Analyse the "
                "records of each target apart, with a model trained toward it (--target-field '' reads them as its "
                "own all the same, for a model trained text-only on their targets too)")
    target = targets[0]
    return (f"field {field!r} names the target {own!r}, but this analysis reads every article toward {target!r}: "
            "actors' stances toward two targets are not one table. Analyse the records of each target apart "
            f"(--target {own.strip()!r}), or name another field with --target-field")


def _period(day: dt.date, freq: str) -> dt.date:
    if freq == "month":
        return day.replace(day=1)
    if freq == "week":
        return day - dt.timedelta(days=day.weekday())
    return day


Span = tuple[dt.date, dt.date]
"""The days an article's date names, ``(first, end)`` with ``end`` exclusive (:func:`date_period`)."""
ONE_DAY = dt.timedelta(days=1)
EARLIEST_LIKELY = dt.date(1900, 1, 1)
"""An article dated before this, or more than :data:`LATEST_AHEAD` after today, is left out of the time series
(counted in ``actor_stance`` and in ``summary.json``, and warned of): a mistyped year (``0216``, ``2106``, a Hijri
``1438``) or a placeholder (``9999-12-31``) would otherwise stretch the series over centuries of empty rows and push
``auto`` to months."""
LATEST_AHEAD = dt.timedelta(days=366)


def _likely(span: Span, today: dt.date) -> bool:
    """Whether ``span`` starts in the years a news article can be dated to (see :data:`EARLIEST_LIKELY`)."""
    return EARLIEST_LIKELY <= span[0] <= today + LATEST_AHEAD


def _day_dated(spans: Counter[Span]) -> list[Span]:
    return [span for span in spans if span[1] - span[0] == ONE_DAY]


def _period_of(span: Span, freq: str) -> dt.date | None:
    """The period that holds all the days of ``span``; ``None`` where none does (``2016`` in a weekly series)."""
    first = _period(span[0], freq)
    return first if _period(span[1] - ONE_DAY, freq) == first else None


def _periods(days: list[dt.date], freq: str) -> list[dt.date]:
    """Every period from the first of ``days`` to the last (sorted), those without articles included: a time
    series that skipped them would draw two distant periods side by side."""
    if not days:
        return []
    out, last = [_period(days[0], freq)], _period(days[-1], freq)
    while out[-1] < last:
        p = out[-1]
        out.append(p + dt.timedelta(days=7 if freq == "week" else 1) if freq != "month"
                   else p.replace(year=p.year + p.month // 12, month=p.month % 12 + 1))
    return out


def _choose_freq(days: list[dt.date]) -> str:
    """The period for ``days`` (sorted, at least one): day, week or month, by the span they cover."""
    span = (max(days) - min(days)).days
    return "month" if span > 120 else "week" if span > 21 else "day"


def _target_read(stance: Any, target: str | None) -> str | None:
    """The target every article is read toward, as a record's own target is checked against it and the summary
    names it: ``target``, or where it is ``None`` the one ``stance`` reads a text toward when none is given
    (``None`` for a text-only model): the model's default target, not the one its config named when it learned
    another."""
    if target is not None:
        return target
    info = getattr(stance, "info", None)
    if getattr(info, "text_only", False):
        return None
    return getattr(stance, "default_target", getattr(info, "target", None))


def _text_only(stance: Any) -> bool:
    """Whether ``stance`` reads the text alone (trained with ``text_only: true``)."""
    return bool(getattr(getattr(stance, "info", None), "text_only", False))


def _records_target(stance: Any, target: str | None) -> str | list[str] | None:
    """The target(s) a record's own is checked against (:func:`read_corpus`): the one read (:func:`_target_read`),
    or for a text-only model, which reads none, those it was trained on: its stances are toward those, and a record
    of another (لقاح كورونا for a ceasefire model) read all the same would be a wrong answer without a word (``None``,
    none checked, where which those are is not known: :func:`~arapol.evaluation.text_only_targets`)."""
    from .evaluation import text_only_targets

    if _text_only(stance):
        return text_only_targets(stance.info, getattr(stance, "folder", None))
    return _target_read(stance, target)


def analyze_corpus(corpus: str | Path, predictor: Any, out_dir: str | Path, *, target: str | None = None,
                   table: ActorTable | str | Path | None = None, batch_size: int = 32, chunk_size: int = 64,
                   top: int = 6, freq: str = "auto", progress: bool = True, clauses: bool = True,
                   fields: dict[str, str] | None = None) -> dict[str, Any]:
    """Analyse a JSONL corpus with a loaded :class:`~arapol.Predictor` (with a stance model); see the module doc.

    ``table`` is the alias table (an :class:`~arapol.actors.ActorTable`, or the path of a YAML file extending the
    bundled one, as ``predict(actors=PATH)`` reads it; default: the bundled one). ``top`` actors go into the time plot;
    ``freq`` is the period (``auto`` picks day, week or month from
    the span of the articles dated to a day, month where as many or more are dated to a month); ``clauses``
    scores the clauses of sentences that hold several speakers; ``fields`` names the corpus's fields
    (:func:`read_corpus`; a record's stance target is read, unless ``fields`` names another, from the target column
    the model was trained on, as ``arapol analyze`` reads it: :func:`~arapol.corpus.trained_target_field`). Returns
    the summary written to ``summary.json``.
    """
    if getattr(predictor, "stance", None) is None:
        raise ArapolError("arapol analyze needs a stance model (a folder with stance/ or a stance checkpoint)")
    if problem := no_stance_problem(list(getattr(predictor.stance, "labels", STANCE_LABELS))):
        raise ArapolError(f"{getattr(predictor.stance, 'folder', 'the stance model')}: {problem}")
    if freq not in FREQS:
        raise ArapolError(f"unknown freq {freq!r}: expected one of {list(FREQS)}")
    if chunk_size < 1 or top < 1:
        raise ArapolError("chunk_size and top must be ≥ 1")
    trained = trained_target_field(predictor)
    if (fields or {}).get("target", TRAINED_TARGET) == TRAINED_TARGET:  # (a model trained with target_column: null
        # knows one target: a record naming another in the field 'target' is refused, as under any other model)
        from .evaluation import DEFAULT_COLUMNS

        fields = {**(fields or {}), "target": trained or DEFAULT_COLUMNS["target_column"]}
    _field_names(fields)
    matplotlib_figure(PLOT_NEEDS)  # before the corpus is read: the plot is drawn last
    # the target (blank, unreadable, or given to a model that reads none) and batch size, checked by the predictor
    predictor.predict([], target=target, batch_size=batch_size, level="sentence", progress=False)
    lacks_target = getattr(predictor.stance, "lacks_target", None)  # (records' own targets are checked, not read)
    if lacks_target is not None and lacks_target(target):
        learned = [repr(t) for t in predictor.stance.info.learned_targets]
        raise ArapolError(f"{predictor.stance.folder}: arapol analyze reads every article toward one stance target, "
                          "and this model has no default one: give it (--target T; Python: target=T), one of the "
                          f"{len(learned):,} it learned ({first_few(learned, 10)})")
    table = actor_table(table)  # (a path: the bundled table extended by it, as predict(actors=PATH) reads it)
    corpus = Path(corpus)
    if not corpus.exists() or corpus.is_dir():
        raise ArapolError(f"corpus {corpus}: " + ("a folder: give a JSONL file" if corpus.is_dir() else
                                                  "no such file"))
    # every record of a file checked before the model runs: a bad line near the end must not cost the whole run
    # (a pipe can be read once: its records are checked as they come)
    n_records = None
    checks = {"target": _records_target(predictor.stance, target), "text_only": _text_only(predictor.stance),
              "reads_target": trained is not None}  # how records' own targets are checked, in both passes
    if corpus.is_file():
        n_records, bad = corpus_problems(corpus, fields, **checks)
        if bad:
            listed = "\n".join(f"  {corpus}:{n}: {problem}" for n, problem in bad[:MAX_LISTED])
            more = f"\n  … and {len(bad) - MAX_LISTED} more" if len(bad) > MAX_LISTED else ""
            raise DataError(f"{len(bad)} bad record(s) of {n_records + len(bad)}; nothing was analysed. Fix or "
                            f"remove them (arapol predict --input sets such records aside in an errors file):\n"
                            f"{listed}{more}", source=str(corpus))
    out = Path(out_dir)
    for name in (*OUTPUT_FILES, "summary.json"):
        if same_file(corpus, out / name):
            raise ArapolError(f"the corpus {corpus} is this analysis's own {name} in {out}, which it would replace: "
                              "choose another --out, or move the corpus")
    _check_out(out)
    out.mkdir(parents=True, exist_ok=True)
    with exclusive_lock(out / LOCK_FILE, f"{out} is being written by another arapol analyze: wait for it to "
                        "end, or choose another --out"):
        remove_stale_temporaries(out, [*OUTPUT_FILES, "summary.json"])  # a killed run's half-written files
        (out / "summary.json").unlink(missing_ok=True)  # until this run writes it, no finished analysis is here
        return _analyze(predictor, corpus, fields, checks, out, n_records, target, table, batch_size, chunk_size, top,
                        freq, progress, clauses)


def _analyze(predictor: Any, corpus: Path, fields: dict[str, str] | None, checks: dict[str, Any], out: Path,
             n_records: int | None, target: str | None, table: ActorTable, batch_size: int, chunk_size: int, top: int,
             freq: str, progress: bool, clauses: bool) -> dict[str, Any]:
    """The body of :func:`analyze_corpus`, once the options are checked and ``out`` is held (``checks``: how
    :func:`read_corpus` checks records' own targets)."""
    from tqdm.auto import tqdm

    used = _target_read(predictor.stance, target)  # (target itself goes to the model: None reads its own)

    labels = list(getattr(predictor.stance, "labels", STANCE_LABELS))
    if NO_STANCE not in labels:
        labels.append(NO_STANCE)

    clause_stance = clause_scorer(predictor, target, batch_size) if clauses else None

    info: dict[str, dict[str, Any]] = {}
    docs: Counter[str] = Counter()
    mentions: Counter[str] = Counter()
    evidence: Counter[str] = Counter()
    by_label: dict[str, Counter[str]] = defaultdict(Counter)
    per_span: dict[tuple[Span, str], Counter[str]] = defaultdict(Counter)  # (the days its date names, actor)
    spans: Counter[Span] = Counter()  # every dated article's, with actors or not
    doc_stance: Counter[str] = Counter()
    n_docs = n_unscored = n_unlikely = 0
    first_unlikely = ""  # the first article left out of the series for its date, as the warning names it
    today = dt.date.today()
    bar = tqdm(total=n_records, disable=not progress, unit="doc", desc="analyze")
    # titles read undated are counted and said once at the end, not warned of one by one
    with atomic_writer(out / "documents.jsonl") as fout, undated_titles_counted() as titled:
        chunk: list[tuple[int, dict[str, Any]]] = []

        def flush() -> None:
            nonlocal n_docs, n_unscored, n_unlikely, first_unlikely
            if not chunk:
                return
            results = predictor.predict([r["text"] for _, r in chunk], target=target, batch_size=batch_size,
                                        level="sentence", progress=False)
            for (n, rec), res in zip(chunk, results):
                span = date_period(rec.get("date"))  # what it counts under; titles read the date as given
                if span is not None and not _likely(span, today):
                    n_unlikely += 1
                    first_unlikely = first_unlikely or f"{corpus}:{n} (id {rec['id']!r}, date {rec['date']!r})"
                    span = None
                actors = annotate_actors(rec["text"], res, table, date=rec.get("date"), clause_stance=clause_stance)
                row: dict[str, Any] = {"id": rec["id"]}
                for key in ("date", "source"):
                    if rec.get(key) is not None:
                        row[key] = rec[key]
                row["stance"] = res.get("stance")
                row["actors"] = actors
                if "entities" in res:
                    row["entities"] = res["entities"]
                fout.write(json_line(row))
                n_docs += 1
                if span is not None:
                    spans[span] += 1
                label = (res.get("stance") or {}).get("label")
                if label:
                    doc_stance[label] += 1
                else:  # a text blank once normalised: no stance to count
                    n_unscored += 1
                for a in actors:
                    aid = a["id"]
                    info.setdefault(aid, {k: a.get(k) for k in ("name", "name_ar", "type", "qid")})
                    docs[aid] += 1
                    mentions[aid] += len(a["mentions"])
                    evidence[aid] += len(a["evidence"])
                    lab = a["stance"]["label"]
                    by_label[aid][lab] += 1
                    if span is not None:
                        per_span[(span, aid)][lab] += 1
            bar.update(len(chunk))
            chunk.clear()

        try:
            for n, rec in read_corpus(corpus, fields, **checks):
                chunk.append((n, rec))
                if len(chunk) >= chunk_size:
                    flush()
            flush()
        finally:
            bar.close()
    if not n_docs:
        log.warning("%s holds no records (only blank lines, or nothing): the analysis is empty", corpus)
    warn_undated(log, n_docs - sum(spans.values()) - n_unlikely, n_docs, titled[0])
    if n_unlikely:
        log.warning("%d article(s) dated before %s or more than a year after today, first %s, are left out of "
                    "stance_over_time (counted in actor_stance): is a year mistyped (0216 for 2016)?", n_unlikely,
                    EARLIEST_LIKELY, first_unlikely)

    for lab in {lab for c in by_label.values() for lab in c}:
        if lab not in labels:
            labels.append(lab)
    stance_labels = [lb for lb in labels if lb != NO_STANCE]
    rows = []
    for aid in docs:
        row = {"actor_id": aid, **{k: info[aid].get(k) for k in ("name", "name_ar", "type", "qid")},
               "documents": docs[aid], "mentions": mentions[aid],
               "stance_documents": sum(by_label[aid][lb] for lb in stance_labels),
               "evidence_sentences": evidence[aid]}
        row.update({lb: by_label[aid][lb] for lb in labels})
        rows.append(row)
    rows.sort(key=lambda r: (-r["stance_documents"], -r["documents"], -r["mentions"], r["actor_id"]))
    columns = [*COLUMNS, *labels]
    _write_csv(out / "actor_stance.csv", columns, rows)
    _write_parquet(out / "actor_stance.parquet", columns, rows)

    # the span of the articles dated to a day chooses the period; months where articles dated to a month (not a day)
    # are as many or more (a day-dated article or two in a monthly archive left all the others out of the series)
    to_the_day = _day_dated(spans)
    days = sorted({d for first, end in to_the_day for d in (first, end - ONE_DAY)})
    day_dated = sum(spans[span] for span in to_the_day)
    month_dated = sum(n for span, n in spans.items() if _period_of(span, "month") is not None) - day_dated
    used_freq = freq if freq != "auto" else _choose_freq(days) if days and day_dated > month_dated else "month"
    # the most frequent actors among the articles placed in a period: stance-bearing first, then mentioned
    place = {span: _period_of(span, used_freq) for span in spans}  # None: dated too coarsely for a period
    if n_coarse := sum(n for span, n in spans.items() if place[span] is None):
        by_month = sum(n for span, n in spans.items() if place[span] is None and _period_of(span, "month"))
        log.warning("%d article(s) dated only to a year or month that no %s holds are left out of stance_over_time "
                    "(counted in actor_stance)%s", n_coarse, used_freq,
                    f"; --freq month places the {by_month} dated to a month" if by_month else "")
    dated: dict[str, Counter[str]] = defaultdict(Counter)
    for (span, aid), c in per_span.items():
        if place[span] is not None:  # an actor of coarsely dated articles only would draw zeros
            dated[aid].update(c)
    ranked = sorted(dated, key=lambda a: (-sum(v for k, v in dated[a].items() if k != NO_STANCE),
                                          -sum(dated[a].values()), a))
    top_ids = ranked[:top]
    series: dict[tuple[dt.date, str], Counter[str]] = defaultdict(Counter)
    for (span, aid), c in per_span.items():
        if aid in top_ids and place[span] is not None:
            series[(place[span], aid)].update(c)
    periods = _periods(sorted({p for p in place.values() if p is not None}), used_freq)
    time_rows = []
    for p in periods:
        for aid in top_ids:
            c = series.get((p, aid), Counter())
            time_rows.append({"period": p.isoformat(), "actor_id": aid, "name": info[aid].get("name"),
                              "documents": sum(c.values()), **{lb: c[lb] for lb in labels}})
    _write_csv(out / "stance_over_time.csv", ["period", "actor_id", "name", "documents", *labels], time_rows)
    plot_stance_over_time(out / "stance_over_time.png", periods, top_ids, series, info, stance_labels, used_freq)

    summary = {"corpus": str(corpus), "target": used, "documents": n_docs,
               "dated_documents": sum(spans.values()) + n_unlikely,
               # dated to a year or month that no single period holds: counted in actor_stance, not over time
               "coarsely_dated_documents": n_coarse,
               "unlikely_dated_documents": n_unlikely,  # before 1900 or over a year ahead: not over time either
               "actors": len(rows), "freq": used_freq, "top_actors": top_ids, "labels": labels,
               "document_stance": dict(doc_stance), "documents_without_stance": n_unscored,
               "files": list(OUTPUT_FILES)}
    write_json_atomic(out / "summary.json", summary)
    return summary


def _write_csv(path: Path, columns: list[str], rows: list[dict[str, Any]]) -> None:
    """A CSV file that starts with a UTF-8 byte-order mark: without one, Excel reads the Arabic as Latin-1."""
    with atomic_writer(path) as fh:
        fh.write("\ufeff")
        w = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: ("" if r.get(k) is None else r.get(k)) for k in columns})


def _write_parquet(path: Path, columns: list[str], rows: list[dict[str, Any]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    ints = {"documents", "mentions", "stance_documents", "evidence_sentences"}
    fields = [pa.field(c, pa.string() if c in COLUMNS and c not in ints else pa.int64()) for c in columns]
    schema = pa.schema(fields)
    table = pa.table({c: [r.get(c) for r in rows] for c in columns}, schema=schema)
    with atomic_writer(path, "wb") as fh:
        pq.write_table(table, fh)


_COLOURS = {"favor": "#1a9850", "against": "#d73027", "none": "#999999"}


def _title(actor_id: str, name: str | None) -> str:
    """An actor's name as a plot title. matplotlib draws Arabic letters apart, and backwards: a name written right
    to left is shaped and put in display order (``arabic-reshaper`` and ``python-bidi``, in the ``report`` extra);
    without them, its id stands for it where the id is ASCII."""
    rtl = name and any(unicodedata.bidirectional(c) in ("R", "AL") for c in name)
    if not name or not rtl:
        return name or actor_id
    try:
        import arabic_reshaper
        from bidi.algorithm import get_display
    except ImportError:
        return actor_id if actor_id.isascii() else name
    return get_display(arabic_reshaper.reshape(name))


PLOT_NEEDS = "arapol analyze's stance-over-time plot"


def plot_stance_over_time(path: Path, periods: list[dt.date], actor_ids: list[str],
                          series: dict[tuple[dt.date, str], Counter[str]], info: dict[str, dict[str, Any]],
                          labels: list[str], freq: str) -> None:
    """Small multiples: for each actor, the number of articles per period in which it holds each stance."""
    Figure, FigureCanvasAgg = matplotlib_figure(PLOT_NEEDS)
    from matplotlib.ticker import MaxNLocator

    n = max(1, len(actor_ids))
    cols = min(3, n)
    rows = (n + cols - 1) // cols
    fig = Figure(figsize=(4.2 * cols, 2.8 * rows + 0.6), layout="constrained")
    FigureCanvasAgg(fig)
    if not actor_ids or not periods:
        ax = fig.add_subplot(1, 1, 1)
        ax.axis("off")
        ax.text(0.5, 0.5, "no dated articles with actors" if not periods else "no actors found",
                ha="center", va="center")
    else:
        x = list(range(len(periods)))
        step = max(1, len(periods) // 6)
        ticks = x[::step]
        fmt = "%Y-%m" if freq == "month" else "%Y-%m-%d"
        for j, aid in enumerate(actor_ids):
            ax = fig.add_subplot(rows, cols, j + 1)
            for lb in labels:
                ys = [series.get((p, aid), Counter())[lb] for p in periods]
                ax.plot(x, ys, marker="o", markersize=3, linewidth=1.5, label=lb,
                        color=_COLOURS.get(lb))
            ax.set_title(_title(aid, info.get(aid, {}).get("name")), fontsize=10, parse_math=False)
            ax.set_xticks(ticks, [periods[i].strftime(fmt) for i in ticks], fontsize=7, rotation=30)
            ax.tick_params(axis="y", labelsize=7)
            ax.yaxis.set_major_locator(MaxNLocator(integer=True))
            ax.set_ylim(0, max(1, ax.get_ylim()[1]))  # whole articles, even where an actor has none
            ax.grid(alpha=0.3)
            if j == 0:
                ax.legend(fontsize=7)
        fig.supylabel("articles", fontsize=9)
    fig.suptitle(f"Stance over time (per {freq})", fontsize=11)
    with atomic_writer(path, "wb") as fh:
        fig.savefig(fh, dpi=110, format="png")
