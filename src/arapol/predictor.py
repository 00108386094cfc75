"""The public inference object: one ``Predictor`` holding an NER model, a stance model, or both."""

from __future__ import annotations

import contextlib
import itertools
import numbers
import os
import queue
import threading
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from .checkpoint import task_folders
from .errors import ArapolError, ModelError, callers_stacklevel
from .hub import model_folder
from .inference.backend import resolve_device
from .inference.decoding import check_aggregation
from .inference.gcpause import paused_gc
from .inference.ner import TokenClassifier
from .inference.preparation import PreparePool
from .inference.stance import SequenceClassifier
from .labels import no_stance_problem, types_of
from .sentences import split_sentences

AUTO_PROGRESS_MIN = 256
"""``progress=None`` shows a progress bar from this many texts on."""


class Predictor:
    """Runs arapol models over texts; see :meth:`predict` for the result's shape."""

    def __init__(self, ner: TokenClassifier | None = None, stance: SequenceClassifier | None = None) -> None:
        if ner is None and stance is None:
            raise ModelError("a Predictor needs an NER model, a stance model, or both")
        self.ner = ner
        self.stance = stance

    def __repr__(self) -> str:
        """The models loaded, each with its folder, mode (dtype, backend) and device: what ``dtype="auto"`` chose."""
        models = ", ".join(f"{task}={str(m.folder)!r} ({m.mode.name}, {m.device})"
                           for task, m in (("ner", self.ner), ("stance", self.stance)) if m is not None)
        return f"Predictor({models})"

    @classmethod
    def load(cls, *paths: str | Path, device: str = "auto", dtype: str | None = None, backend: str | None = None,
             threads: int | None = None, allow_pickle: bool = False, decoding: str = "viterbi",
             revision: str | None = None) -> Predictor:
        """Load one folder holding an NER model, a stance model or both, or one folder per task; a path that does
        not exist and reads as a hub repository id (``ORG/NAME``) is fetched from the Hugging Face hub (at
        ``revision``: a branch, tag or commit), or found in its cache (see :func:`arapol.hub.model_folder`).

        ``device``: ``auto`` (CUDA when present, else CPU; CPU for ``dtype="int8"`` and ``backend="onnx"``, which
        run on CPU only), ``cpu``, ``cuda`` or ``cuda:N``. ``dtype``: ``fp32``, ``bf16`` (autocast; where the CPU/GPU
        runs it natively), ``int8`` (dynamic int8 linear layers, CPU) or ``auto`` (bf16 where native, else fp32).
        ``backend``: ``torch`` or ``onnx`` (ONNX Runtime, CPU; fp32 or int8; exported into ``<folder>/onnx`` on
        first use). ``None`` takes the folder's saved default (``inference.json``, see
        :func:`arapol.inference.loading.save_defaults`), else fp32 on torch. ``threads``: intra-op threads
        (``None``: torch's setting, one per physical core unless the user set it). ``decoding``: ``viterbi``
        (default; the most probable valid IOB2 tag sequence) or ``argmax`` (each word's own best tag), see
        :mod:`arapol.inference.decoding`.
        """
        if not paths or not all(isinstance(p, (str, os.PathLike)) for p in paths):
            raise ArapolError(f"load takes model folders or hub ids (one holding both tasks, or one per task), got "
                              f"{', '.join(repr(p) for p in paths) or 'none'}"[:200])
        _check_flags(allow_pickle=allow_pickle)  # the gate of code-running weights: "no" must not open it
        dev = resolve_device(device, dtype=dtype, backend=backend)
        found: dict[str, Path] = {}
        for p in paths:
            for task, folder in task_folders(model_folder(p, revision)).items():
                if task in found:
                    raise ModelError(f"two {task} models given: {found[task]} and {folder}")
                found[task] = folder
        kw = {"backend": backend, "threads": threads}
        ner = (TokenClassifier(found["ner"], dev, dtype, allow_pickle, decoding=decoding, **kw)
               if "ner" in found else None)
        stance = SequenceClassifier(found["stance"], dev, dtype, allow_pickle, **kw) if "stance" in found else None
        return cls(ner, stance)

    def predict(self, texts: str | Sequence[str], *, target: str | None = None, batch_size: int = 32,
                level: str = "text", aggregation: str = "first", progress: bool | None = None,
                actors: Any = False, date: Any = None, clauses: bool = True) -> Any:
        """Predict entities (and stance toward ``target`` with a stance model) for each text.

        Returns one dict per text, in input order — or a single dict for a single ``str``::

            {"entities": [{"text", "label", "start", "end", "score"}],   # with an NER model
             "stance": {"label", "scores"},             # with a stance model (None for a blank text)
             "sentences": [{"text", "start", "end", "stance"}],         # with level="sentence"
             "actors": [{"id", "name", "name_ar", "type", "qid"?, "mentions", "stance": {"label", "counts"},
                         "evidence"}]}                         # with actors=True ("qid" where the table has one)

        ``start``/``end`` index the string passed in: ``text[start:end] == entity["text"]``.
        ``actors``: ``True`` (the bundled alias table), an :class:`arapol.actors.ActorTable`, or the path of an
        alias YAML file that extends the bundled table; ``date``
        (one, or one per text) picks the holder of titles such as الرئيس الأمريكي; ``clauses`` (with actors and a
        stance model) scores apart the clauses of a sentence whose speakers sit in different clauses (``False``:
        they share the sentence's stance, and the stance model runs once less).
        """
        single = isinstance(texts, str)
        batch = check_texts([texts] if single else texts)
        batch_size = self._check_options(level, aggregation, batch_size, target, reads=bool(batch))
        _check_flags(clauses=clauses, progress=progress)
        show = len(batch) >= AUTO_PROGRESS_MIN if progress is None else progress
        with_actors, run_level = self._actors_level(actors, level, date)
        if with_actors:  # a mistyped table path or a date list one short: said before the models run
            from .actors import add_actors, checked_actor_options

            actors, date = checked_actor_options(actors, date, len(batch))
        results = self._run(batch, self._prepare(batch, target, run_level), batch_size, aggregation, show)
        if with_actors:
            add_actors(self, batch, results, target=target, table=actors, date=date,
                       keep_sentences=level == "sentence", batch_size=batch_size, clauses=clauses)
        return results[0] if single else results

    def predict_proba(self, texts: str | Sequence[str], *, target: str | None = None,
                      batch_size: int = 32) -> np.ndarray:
        """Stance probabilities toward ``target``: ``[len(texts), n_labels]``, columns in the order of
        :attr:`stance_labels` (one row for a single ``str``). A long text averages its windows, as in
        :meth:`predict`, whose ``stance`` is each row's argmax; a blank text's row is NaN (``stance`` None)."""
        if self.stance is None:
            raise ArapolError("predict_proba gives stance probabilities and needs a stance model")
        single = isinstance(texts, str)
        batch = check_texts([texts] if single else texts)
        batch_size = self._check_options("text", "first", batch_size, target, reads=bool(batch))
        probs = self.stance.probabilities(batch, target, batch_size)
        return probs[0] if single else probs

    @property
    def stance_labels(self) -> list[str]:
        """The stance model's labels, in the column order of :meth:`predict_proba` (an :class:`AttributeError` too
        without a stance model, so that ``hasattr`` and ``getattr(p, "stance_labels", None)`` read it as absent)."""
        if self.stance is None:
            raise _NoStanceModel("this Predictor has no stance model")
        return list(self.stance.labels)

    def _actors_level(self, actors: Any, level: str, date: Any = None) -> tuple[bool, str]:
        """Whether ``actors`` asks for actors (an empty ActorTable is falsy, yet asked for), and the level to run at:
        sentences with a stance model, whose stances attribution reads, else ``level``. A ``date`` without actors,
        which nothing would read, is refused."""
        asked = actors is not None and actors is not False
        if not asked and date is not None:
            raise ArapolError("date dates the titles that actors= reads (who held الرئيس الأمريكي then), and no "
                              "actors are asked for: give actors=True too, or leave date out")
        if asked and self.stance is not None and (problem := no_stance_problem(self.stance.labels)):
            raise ArapolError(f"{self.stance.folder}: {problem}")
        if asked and self.ner is not None and not {"PER", "ORG"} & set(types := types_of(self.ner.tags)):
            warnings.warn(f"{self.ner.folder}: entity types {types}: actors= makes actors of the PER and ORG entities "
                          "the alias table lacks, and this model has neither, so only the table's actors are found "
                          "(train it with data.label_map naming its people PER and organisations ORG to have them)",
                          UserWarning, stacklevel=callers_stacklevel())
        return asked, "sentence" if asked and self.stance is not None else level

    def _check_options(self, level: str, aggregation: str, batch_size: int, target: Any = None,
                       reads: bool = True) -> int:
        """Refuse a bad option, naming it, and a missing stance target where the model has no default one, whatever
        the texts (a blank text's stance None was answered only while no text of the call showed anything); return
        ``batch_size`` as a Python int. ``reads``: whether the call has texts to read (``predict([])`` has none: a
        corpus run checks its options so, before its records name their own targets)."""
        check_target(self.stance, target)
        if reads and self.stance is not None and self.stance.lacks_target(target):
            raise ArapolError(self.stance.no_default_target())
        if level not in ("text", "sentence"):
            raise ArapolError(f"unknown level {level!r}: expected 'text' or 'sentence'")
        if level == "sentence" and self.stance is None:
            raise ArapolError("level='sentence' gives per-sentence stance and needs a stance model")
        check_aggregation(aggregation)
        if not _int_at_least(batch_size):
            raise ArapolError(f"batch_size must be a positive integer, got {batch_size!r}")
        return int(batch_size)

    @paused_gc()
    def _prepare(self, texts: list[str], target: str | None, level: str,
                 workers: PreparePool | None = None) -> dict[str, Any]:
        """Everything before the model: normalisation, words, tokenisation, windows (CPU, no model); the entities'
        part in ``workers`` where given."""
        prep: dict[str, Any] = {}
        if self.ner is not None:
            live = [i for i, t in enumerate(texts) if t.strip()]
            prep["ner"] = (live, (workers.prepare if workers else self.ner.prepare)([texts[i] for i in live]))
        if self.stance is not None:
            prep["stance"] = self.stance.prepare(texts, target)
            if level == "sentence":
                spans = [split_sentences(t) for t in texts]
                flat = [t[a:b] for t, ss in zip(texts, spans) for a, b in ss]
                prep["sentences"] = (spans, flat, self.stance.prepare(flat, target) if flat else None)
        return prep

    def _run(self, texts: list[str], prep: dict[str, Any], batch_size: int, aggregation: str,
             show: bool) -> list[dict[str, Any]]:
        results: list[dict[str, Any]] = [{} for _ in texts]
        if "ner" in prep:
            live, prepared = prep["ner"]
            preds = self.ner.run(prepared, batch_size, aggregation, show)
            for r in results:
                r["entities"] = []
            with paused_gc():
                for i, found in zip(live, self.ner.entities(preds)):
                    results[i]["entities"] = found
        if "stance" in prep:
            probs = self.stance.run(prep["stance"], len(texts), batch_size, show)
            for r, s in zip(results, self.stance.as_dicts(probs)):
                r["stance"] = s
        if "sentences" in prep:
            spans, flat, prepared = prep["sentences"]
            stances = iter(self.stance.as_dicts(self.stance.run(prepared, len(flat), batch_size, show))
                           if flat else [])
            for t, ss, r in zip(texts, spans, results):
                r["sentences"] = [{"text": t[a:b], "start": a, "end": b, "stance": next(stances)} for a, b in ss]
        return results

    def predict_stream(self, texts: Iterable[str], *, chunk_size: int = 512, target: str | None = None,
                       batch_size: int = 32, level: str = "text", aggregation: str = "first",
                       progress: bool | None = None, actors: Any = False, date: Any = None,
                       clauses: bool = True, max_wait: float | None = None, prepare_workers: int = 0
                       ) -> Iterator[dict]:
        """Yield one result per text, in order, predicting ``chunk_size`` texts at a time (bounded memory).

        The next chunk is normalised and tokenised in a background thread while the model runs the current
        one. ``progress`` is accepted for symmetry with :meth:`predict` and ignored (the stream has no length).
        ``actors``, ``date`` and ``clauses`` are :meth:`predict`'s; ``date`` is one date for all texts or an iterable
        of one date per text, read in step with ``texts`` (a generator of an archive's dates will do).
        ``max_wait`` (seconds), for a source that gives texts slowly (a live feed, ``tail -f``): ``texts`` is read
        in a background thread, and a chunk is predicted once no new text has come for that long, full or not, so
        each result comes within about ``max_wait`` of its text; by default a chunk waits to be full.
        ``prepare_workers`` (for a GPU, where the host side is the bound): that many worker processes normalise,
        tokenise and window each chunk for the entities, in parts, instead of the background thread; the same
        results. They start with the stream (a few seconds: each imports arapol and gets a copy of the tokenizer) and
        stop when it ends; a script needs the ``if __name__ == "__main__":`` guard (they are spawned).
        """
        if max_wait is not None and (not isinstance(max_wait, numbers.Real) or isinstance(max_wait, bool)
                                     or not 0 < max_wait < float("inf")):
            raise ArapolError(f"max_wait must be a positive number of seconds, got {max_wait!r}")
        if isinstance(texts, str):
            raise ArapolError("predict_stream takes an iterable of texts, not one string (use predict for one text)")
        if not isinstance(texts, Iterable) or isinstance(texts, (bytes, bytearray, Mapping)):
            raise ArapolError(f"predict_stream takes an iterable of texts (strings), found {type(texts).__name__}"
                              f"{_MAPPING_HINT if isinstance(texts, Mapping) else ''}")
        chunk_size = check_chunk_size(chunk_size)
        if not _int_at_least(prepare_workers, 0):
            raise ArapolError(f"prepare_workers must be 0 (none: a background thread) or a positive integer, got "
                              f"{prepare_workers!r:.80}")
        batch_size = self._check_options(level, aggregation, batch_size, target)
        _check_flags(progress=progress, clauses=clauses)
        with_actors, run_level = self._actors_level(actors, level, date)
        if with_actors:
            from .actors import actor_table, add_actors, checked_date, one_date

            table = actor_table(actors)  # a YAML file read once, not once a chunk
        days = iter(date) if with_actors and not one_date(date) else None
        it = iter(texts)

        def results() -> Iterator[dict]:
            """The stream itself: the arguments above are checked when predict_stream is called, not when the
            first result is asked for."""
            taken = 0
            failure: list[Exception] = []
            dates: list[Any] = []  # the dates of the chunk being taken, with one date per text
            paced = _Paced(it, float(max_wait), chunk_size) if max_wait is not None else None

            def take(block: bool = True) -> list[str]:
                """The next chunk; a chunk with a bad item, or cut short by an error of ``texts`` itself (a file
                with a bad byte), ends before it, and the error waits in ``failure`` until every text before it
                has been yielded. Paced and not ``block``: only what comes without a pause, perhaps nothing."""
                nonlocal taken
                if failure:
                    return []
                chunk = []
                if paced is not None:
                    chunk, error = paced.take(chunk_size, block)
                    if error is not None:
                        failure.append(error)
                else:
                    try:
                        for text in itertools.islice(it, chunk_size):
                            chunk.append(text)
                    except Exception as exc:
                        failure.append(exc)
                try:
                    check_texts(chunk, first=taken)
                except _BadText as exc:
                    failure.insert(0, exc)  # it comes before any error of the iterable after it
                    chunk = chunk[:exc.index - taken]
                if days is not None:
                    dates[:] = itertools.islice(days, len(chunk))
                    if len(dates) < len(chunk):
                        failure.insert(0, ArapolError(f"date: the dates ran out after {taken + len(dates)}, and text "
                                                      f"{taken + len(dates)} has none (give one date per text)"))
                        chunk = chunk[:len(dates)]
                    for i, day in enumerate(dates):  # numbered in the stream, and the chunk ends before a bad one
                        try:
                            checked_date(day, f"date of text {taken + i}")
                        except ArapolError as exc:
                            failure.insert(0, exc)
                            del chunk[i:], dates[i:]
                            break
                taken += len(chunk)
                return chunk

            def run(chunk: list[str], prep: dict[str, Any], chunk_dates: list[Any]) -> list[dict[str, Any]]:
                results = self._run(chunk, prep, batch_size, aggregation, False)
                if with_actors:
                    add_actors(self, chunk, results, target=target, table=table,
                               date=chunk_dates if days is not None else date, keep_sentences=level == "sentence",
                               batch_size=batch_size, clauses=clauses)
                return results

            workers = (PreparePool(self.ner.normaliser, self.ner.encoder, int(prepare_workers))
                       if prepare_workers and self.ner is not None else None)
            reading = contextlib.closing(paced) if paced is not None else contextlib.nullcontext()
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="arapol-prepare") as pool, \
                    workers or contextlib.nullcontext(), reading:
                chunk = take()
                chunk_dates = list(dates)
                pending = pool.submit(self._prepare, chunk, target, run_level, workers) if chunk else None
                while pending is not None:
                    prep = pending.result()
                    following = take(block=paced is None)  # (paced: a slow source's results wait for no more)
                    pending = pool.submit(self._prepare, following, target, run_level, workers) if following else None
                    yield from run(chunk, prep, chunk_dates)
                    if pending is None and paced is not None and not paced.ended:
                        following = take()
                        pending = (pool.submit(self._prepare, following, target, run_level, workers) if following
                                   else None)
                    chunk, chunk_dates = following, list(dates)
            if failure:
                raise failure[0]
            if days is not None and next(days, _NONE) is not _NONE:
                raise ArapolError(f"date: more dates than the {taken} texts (give one date per text)")

        return results()


_NONE = object()


class _Paced:
    """An iterable read in a background thread into a bounded queue, taken as it comes (``predict_stream``'s
    ``max_wait``): a slow source's texts are predicted without waiting for a full chunk."""

    def __init__(self, it: Iterator[Any], wait: float, ahead: int) -> None:
        self.wait, self.ended = wait, False
        self._queue: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=ahead)  # (memory stays bounded)
        self._stop = threading.Event()
        threading.Thread(target=self._read, args=(it,), name="arapol-read", daemon=True).start()

    def close(self) -> None:
        """Stop reading (the stream was closed): the thread ends at its next item instead of reading the source on
        (a live feed's later items went to the thread, lost to whoever reads the feed after the stream)."""
        self._stop.set()

    def _read(self, it: Iterator[Any]) -> None:
        while not self._stop.is_set():
            try:
                item = next(it)
            except StopIteration:
                self._put(("end", None))
                return
            except BaseException as exc:  # handed over in order, after the items before it (SystemExit too: the
                self._put(("error", exc))  # thread would end with nothing put, and take() wait for ever)
                return
            self._put(("item", item))

    def _put(self, entry: tuple[str, Any]) -> None:
        """Queue ``entry``, unless the stream is closed while the queue is full."""
        while not self._stop.is_set():
            try:
                self._queue.put(entry, timeout=0.1)
                return
            except queue.Full:
                continue

    def take(self, n: int, block: bool) -> tuple[list[Any], BaseException | None]:
        """Up to ``n`` items: the first waited for without limit when ``block`` (else up to ``wait`` seconds), each
        next one up to ``wait`` seconds; with the source's error, if it raised one."""
        items: list[Any] = []
        while len(items) < n and not self.ended:
            try:
                kind, value = self._queue.get(timeout=None if block and not items else self.wait)
            except queue.Empty:
                break
            if kind == "item":
                items.append(value)
            else:
                self.ended = True
                return items, value
        return items, None


def check_target(stance: SequenceClassifier | None, target: Any) -> None:
    """Refuse a stance ``target`` that ``stance`` (``None``: no stance model) would not read, naming why: not one
    string, given without a stance model, blank, or given to a model trained with ``text_only``. ``None`` (the
    model's own) passes."""
    if target is None:
        return
    if not isinstance(target, str):
        raise ArapolError(f"target must be one string (the stance target of every text) or None (the model's), "
                          f"got {type(target).__name__} {target!r:.80}")
    if stance is None:
        raise ArapolError("target: the stance target, and no stance model is loaded (NER reads none): leave it "
                          "out, or load a stance model too")
    if not target.strip():
        raise ArapolError(f"target is blank: give the stance target, or leave it out (None) for the model's "
                          f"own ({stance.default_target!r})")
    if stance.info.text_only:
        raise ArapolError(f"target: {stance.folder} reads the text alone (trained with text_only: true, "
                          f"toward {stance.info.target!r}): a target changes nothing; leave it out")


def _int_at_least(value: Any, minimum: int = 1) -> bool:
    """An integer ≥ ``minimum`` (a numpy one too), not a bool."""
    return isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_)) and value >= minimum


def check_chunk_size(chunk_size: Any) -> int:
    """Texts taken at a time (``predict_stream``, corpus runs) must be a positive integer: 0 would take none.
    Returns it as a Python int."""
    if not _int_at_least(chunk_size):
        raise ArapolError(f"chunk_size must be a positive integer, got {chunk_size!r}")
    return int(chunk_size)


class _BadText(ArapolError):
    """An item that is not a string; ``index``: its position among all the texts given."""

    def __init__(self, index: int, found: Any) -> None:
        name = type(found).__name__
        super().__init__(f"texts[{index}] is {'an' if name[0] in 'aeiouAEIOU' else 'a'} {name}, expected a string")
        self.index = index


class _NoStanceModel(ArapolError, AttributeError):
    """Asked for what only a stance model has."""


def _check_flags(**flags: Any) -> None:
    """Refuse a yes/no option given as anything but ``True``/``False`` (``progress`` may also be None): the string
    ``"no"`` would read as yes."""
    for name, value in flags.items():
        if not isinstance(value, bool) and not (name == "progress" and value is None):
            raise ArapolError(f"{name} must be True or False{' (or None)' if name == 'progress' else ''}, got "
                              f"{value!r:.80}")


_MAPPING_HINT = " (its keys would be read as the texts: pass list(texts.values()), in the order of its keys)"


def check_texts(texts: Sequence[Any], first: int = 0) -> list[str]:
    """``texts`` as a list, each checked to be a string (predict's texts, and calibrate's: an item that is no string
    is refused, not dropped); ``first``: the position of ``texts[0]`` in a stream."""
    if not isinstance(texts, Sequence) or isinstance(texts, (bytes, bytearray)):
        hint = (" (decode bytes first: data.decode('utf-8'))" if isinstance(texts, (bytes, bytearray))
                else _MAPPING_HINT if isinstance(texts, Mapping)
                else " (a pandas Series or a numpy array: pass texts.tolist())" if hasattr(texts, "tolist")
                else " (an iterator or a generator: pass list(texts), or stream a long one through predict_stream)"
                if isinstance(texts, Iterable) else "")
        raise ArapolError(f"texts must be a string or a list or tuple of strings, found {type(texts).__name__}{hint}")
    for i, t in enumerate(texts):
        if not isinstance(t, str):
            raise _BadText(first + i, t)
    return list(texts)
