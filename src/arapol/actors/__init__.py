"""Canonical actors and actor-level stance.

- :mod:`arapol.actors.aliases` — the alias table (``data/actors.yaml``, user-extensible) and matching
  that survives clitics, the article, spelling variants, tashkeel and tatweel; :mod:`~arapol.actors.names`, the
  given names that tell a namesake (``أسماء الأسد``) from the table's person.
- :mod:`arapol.actors.attribution` — which actor is the speaker or agent of each stance-bearing
  sentence, and each actor's document-level stance; the conventions it follows. Its parts:
  :mod:`~arapol.actors.lexicon` (the words the rules read), :mod:`~arapol.actors.document` (one text's tokens and
  mentions as the rules see them) and :mod:`~arapol.actors.roles` (the rules, sentence by sentence).

Typical use, after ``predict(..., level="sentence")``::

    from arapol.actors import annotate_actors
    res = predictor.predict(text, target="وقف إطلاق النار", level="sentence")
    res["actors"] = annotate_actors(text, res)

Each actor is ``{"id", "name", "name_ar", "type", "qid"?, "mentions": [{"text", "start", "end"}],
"stance": {"label", "counts"}, "evidence": [{"text", "start", "end", "stance", "role"}]}``, in order of
first mention (``mentions`` is empty for a state credited through its speaker's ``بلاده``, and such an actor comes
after those mentioned). With NER entities in the result, PER/ORG entities that no alias covers become actors
with ids ``ner:<normalised text>`` (type ``person`` or ``organisation``), and weak aliases with an entity of
their kind within them are kept.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import logging
import threading
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import ArapolError, callers_stacklevel
from ..sentences import split_sentences
from .aliases import (
    Actor,
    ActorTable,
    ActorTableWarning,
    Mention,
    checked_date,
    default_actor_table,
    default_actors_path,
    load_actor_table,
    normalise_key,
)
from .attribution import aggregate, attribute, stance_label
from .lexicon import is_reporting_verb

__all__ = [
    "Actor", "ActorTable", "ActorTableWarning", "Mention", "UndatedTitleWarning", "actor_table", "add_actors",
    "aggregate", "annotate_actors", "attribute", "clause_scorer", "default_actor_table", "default_actors_path",
    "is_reporting_verb", "load_actor_table", "normalise_key", "stance_label", "undated_titles_counted",
]


class UndatedTitleWarning(UserWarning):
    """A title (الرئيس الأمريكي) in a text without a date, with none of its holders named, was read as the alias
    table's latest holder, who may not have held it when the text was written. Python shows it once per session;
    ``arapol predict --input``, ``arapol analyze`` and ``arapol predict --text`` count the texts it concerned
    (:func:`undated_titles_counted`) and say so once (:func:`warn_undated`; the last in its own words)."""


@contextlib.contextmanager
def undated_titles_counted() -> Iterator[list[int]]:
    """Within it, each :class:`UndatedTitleWarning` (one per text it concerns) is counted in the list it gives,
    ``[n]``, instead of shown; other warnings are shown as before. For callers that say it once, in their own
    words."""
    count = [0]
    with warnings.catch_warnings():
        warnings.simplefilter("always", UndatedTitleWarning)
        show = warnings.showwarning

        def counted(message: Any, category: type[Warning], *args: Any, **kwargs: Any) -> None:
            if issubclass(category, UndatedTitleWarning):
                count[0] += 1
            else:
                show(message, category, *args, **kwargs)

        warnings.showwarning = counted
        yield count


def annotate_actors(text: str, result: Mapping[str, Any], table: ActorTable | str | Path | None = None, *,
                    date: Any = None, clause_stance: Callable[[list[str]], list[Any]] | None = None
                    ) -> list[dict[str, Any]]:
    """The ``actors`` list for one text and its ``predict()`` result.

    ``result["sentences"]`` (from ``level="sentence"``) gives the sentence spans and stances;
    without it every actor is ``none`` (mentions only). ``result["entities"]``, when present, adds
    unknown PER/ORG actors. ``date`` (ISO string or date) resolves titles such as الرئيس الأمريكي.
    ``table`` is as :func:`actor_table` reads it (the path of a YAML file: the bundled table extended by it), the
    bundled alias table by default. ``clause_stance`` (texts → stance dicts, e.g. the
    stance model) scores the clauses of sentences whose speakers sit in different clauses
    (``اتهمت دمشق …، فيما أكد أردوغان …``); without it they share the sentence's stance.
    """
    table = actor_table(table)
    entities = result.get("entities") if isinstance(result, Mapping) else None
    mentions = table.find(text, date=date, entities=entities)
    if any(m.latest for m in mentions):
        warnings.warn("a title (such as الرئيس الأمريكي) in a text without a date, and none of its holders named "
                      "there, was read as the alias table's latest holder, who may not have held it when the text "
                      "was written: give date= (one date, or one per text)", UndatedTitleWarning,
                      stacklevel=callers_stacklevel())
    sentences = result.get("sentences") if isinstance(result, Mapping) else None
    if not sentences:
        sentences = [{"start": a, "end": b, "stance": None} for a, b in split_sentences(text)]
    return attribute(text, sentences, mentions, table, clause_stance=clause_stance, date=date)


def clause_scorer(predictor: Any, target: str | None = None, batch_size: int = 32
                  ) -> Callable[[list[str]], list[Any]] | None:
    """A ``clause_stance`` function backed by a predictor's stance model (``None`` without one).

    It runs the stance model only — not NER — on the clauses it is given.
    """
    stance = getattr(predictor, "stance", None)
    if stance is None:
        return None
    stance_only = type(predictor)(None, stance) if getattr(predictor, "ner", None) is not None else predictor

    def score(texts: list[str]) -> list[Any]:
        return [r["stance"] for r in stance_only.predict(list(texts), target=target, batch_size=batch_size,
                                                          progress=False)]

    return score


def actor_table(table: ActorTable | str | Path | bool | None) -> ActorTable:
    """The table ``predict(..., actors=...)`` names: an :class:`ActorTable` as it is, ``True``/``None`` the
    bundled one, a path the bundled table extended by that YAML file."""
    if isinstance(table, ActorTable):
        return table
    if table is True or table is None:
        return default_actor_table()
    if isinstance(table, Path) or isinstance(table, str) and table.strip():  # ("" is no path: Path("") reads ".")
        return _loaded_table(Path(table))
    raise ArapolError(f"actors: expected True, an ActorTable or the path of an alias YAML file, got {table!r}")


_LOADED: dict[tuple[str, str, str], ActorTable] = {}
_LOADED_KEPT = 8
_LOADED_LOCK = threading.Lock()


def _loaded_table(path: Path) -> ActorTable:
    """:func:`load_actor_table` of ``path``, the last :data:`_LOADED_KEPT` kept: ``predict(text, actors="mine.yaml")``
    called text by text built the table again at every call (0.18 s). Kept by the file's resolved path and content
    (an edit between two calls, however soon, is read; a modification time may not tell) and the bundled table's
    path. A file that cannot be read is left to :func:`load_actor_table` to name."""
    try:
        key = (str(path.resolve()), hashlib.sha256(path.read_bytes()).hexdigest(), str(default_actors_path()))
    except OSError:
        return load_actor_table(path)
    with _LOADED_LOCK:
        table = _LOADED.pop(key, None)
    if table is None:
        table = load_actor_table(path)
    with _LOADED_LOCK:
        _LOADED[key] = table  # the newest last
        while len(_LOADED) > _LOADED_KEPT:
            del _LOADED[next(iter(_LOADED))]
    return table


def warn_undated(log: logging.Logger, undated: int, total: int, titled: int) -> None:
    """Warn once for a corpus that in ``titled`` of its ``undated`` texts without a date (of ``total``) a title
    was read as the alias table's latest holder, none of its holders named there: one who may not have held it when
    the text was written. Nothing when no title was read so."""
    if titled:
        log.warning("%d of %d articles have no date, and in %d of them a title (such as الرئيس الأمريكي), none of its "
                    "holders named there, was read as the alias table's latest holder, who may not have held it when "
                    "the article was written: give them dates", undated, total, titled)


def one_date(date: Any) -> bool:
    """Whether ``date`` (of ``predict(..., actors=True, date=...)``) is one date for all texts, not one per text."""
    return date is None or isinstance(date, (str, bytes, _dt.date)) or not isinstance(date, Iterable)


def checked_actor_options(table: ActorTable | str | Path | bool | None, date: Any, n_texts: int
                          ) -> tuple[ActorTable, Any]:
    """The actor table that ``table`` names (:func:`actor_table`) and ``date``: one date as given, or the dates one
    per text as a list (a generator, array or Series read once), every date checked. Raises before any model runs
    (``predict(..., actors=...)`` calls it first): a mistyped table path or a date list one short would otherwise
    fail once the whole batch was predicted."""
    tab = actor_table(table)
    one = one_date(date)
    dates = date if one else list(date)  # one per text: a list, array, Series, generator...
    if not one and len(dates) != n_texts:
        raise ArapolError(f"got {len(dates)} dates for {n_texts} texts")
    for i, day in enumerate([dates] if one else dates):
        checked_date(day, "date" if one else f"date of text {i}")
    return tab, dates


def add_actors(predictor: Any, texts: Sequence[str], results: Sequence[dict[str, Any]], *,
               target: str | None = None, table: ActorTable | str | Path | bool | None = None, date: Any = None,
               keep_sentences: bool = True, batch_size: int = 32, clauses: bool = True) -> None:
    """Add ``"actors"`` to each of a predictor's results (what ``predict(..., actors=True)`` does).

    ``results`` must come from ``level="sentence"`` for stances (else every actor is ``none``); with no
    stance model every actor's ``stance`` is ``None`` (nothing read it, which ``none`` would not say);
    ``table`` is as :func:`actor_table` reads it; ``date`` is one date
    for all texts or a sequence of dates, one per text; ``keep_sentences=False`` removes the
    ``"sentences"`` key afterwards (when the caller asked for ``level="text"``); ``clauses=False`` gives the
    speakers of one sentence its stance instead of scoring their clauses apart (see :func:`annotate_actors`).
    """
    tab, dates = checked_actor_options(table, date, len(texts))
    if one_date(dates):
        dates = [dates] * len(texts)
    score = clause_scorer(predictor, target, batch_size) if clauses else None
    read = getattr(predictor, "stance", None) is not None
    for text, res, day in zip(texts, results, dates):
        res["actors"] = annotate_actors(text, res, tab, date=day, clause_stance=score)
        if not read:
            for actor in res["actors"]:
                actor["stance"] = None
        if not keep_sentences:
            res.pop("sentences", None)
