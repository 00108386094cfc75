"""Exceptions and warnings raised by arapol. Every error derives from :class:`ArapolError`."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.as_posix() + "/"


def callers_stacklevel() -> int:
    """The ``stacklevel`` for a ``warnings.warn`` in the function that calls this, that names the first frame outside
    arapol (and the ``contextlib`` frames its context managers add): the user's line that called into it, wherever in
    arapol the warning is raised; 2 in a thread of arapol's own, whose stack holds no user's line."""
    frame, level = sys._getframe(1), 1
    while frame is not None and (frame.f_globals.get("__name__") == "contextlib"
                                 or Path(frame.f_code.co_filename).resolve().as_posix().startswith(_PACKAGE)):
        frame, level = frame.f_back, level + 1
    return level if frame is not None and frame.f_globals.get("__name__") != "threading" else 2


class ArapolError(Exception):
    """Base class of every error arapol raises on purpose."""


class DataError(ArapolError, ValueError):
    """Malformed input data; names the source, the line or record, and what was expected."""

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None) -> None:
        self.source = source
        self.line = line
        self.reason = message
        """What is wrong, without the place."""
        where = ""
        if source is not None:
            where = f"{source}"
            if line is not None:
                where += f":{line}"
            where += ": "
        super().__init__(where + message)


class ConfigError(ArapolError, ValueError):
    """An invalid training or inference configuration."""


class ModelError(ArapolError):
    """A model folder that cannot be loaded or used as asked."""


class InferenceOnlyError(ModelError, TypeError):
    """A model prepared for inference only (oneDNN's prepacked weights) asked to be copied, pickled or saved."""


class UnseenTargetWarning(UserWarning):
    """A stance target given at prediction that the model did not learn, or learned in another spelling that it
    reads as other pieces (``وقف اطلاق النار`` for ``وقف إطلاق النار``; the message names the learned one): it reads
    the pair all the same, but its stance toward that target has not been measured. Given once per model and target;
    to silence it:
    ``warnings.simplefilter("ignore", arapol.UnseenTargetWarning)``. :attr:`target` is the target given."""

    def __init__(self, message: str, target: str = "") -> None:
        super().__init__(message)
        self.target = target


def first_few(items: Sequence[str], limit: int = 5) -> str:
    """``items`` as a message lists them: the first ``limit``, and how many more."""
    more = len(items) - limit
    return ", ".join(items[:limit]) + (f" and {more:,} more" if more > 0 else "")
