"""The ``arapol`` command line: a thin layer over the library, one module per subcommand."""

from __future__ import annotations

import argparse
import errno
import importlib
import os
import sys
import warnings
from collections.abc import Callable, Sequence

from ..errors import ArapolError, UnseenTargetWarning, first_few

SUBCOMMANDS = ("train", "predict", "evaluate", "export", "push", "analyze", "calibrate")
"""Modules under ``arapol.cli`` that each define ``register(subparsers)``."""


def positive_int(value: str) -> int:
    """An argparse type: an integer ≥ 1 (a batch or chunk size of 0 would take nothing)."""
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {value}")
    return n


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    from ..version import __version__

    parser = argparse.ArgumentParser(prog="arapol", description="Arabic political NER and stance.")
    parser.add_argument("--version", action="version", version=f"arapol {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in SUBCOMMANDS:
        importlib.import_module(f"{__name__}.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; errors from arapol, and files that cannot be read or written, print as one
    readable line and exit 2; Ctrl-C prints one line and exits 130; a reader that closed standard output (``|
    head``) ends the run quietly with 141, as a signal would."""
    args = build_parser().parse_args(argv)
    try:
        with warnings.catch_warnings():
            warnings.showwarning = shown = _WarningLines(warnings.showwarning)
            try:
                return args.func(args)
            finally:
                shown.close()
    except BrokenPipeError as exc:
        if _stdout_closed():
            return 141
        print(f"arapol: error: {exc}", file=sys.stderr)
        return 2
    except (ArapolError, OSError) as exc:
        print(f"arapol: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # Ctrl-C: what was written stays (a training run or a corpus run resumes)
        print(f"arapol: interrupted{getattr(args, 'resumes', '')}", file=sys.stderr)
        return 130
    except Exception as exc:  # a full disk under safetensors' or torch's writers: their own exception types
        if _disk_full(exc):
            print(f"arapol: error: no space left on the device while writing ({exc}): free some space and run the "
                  "command again (a training run or a corpus run resumes where it stopped)", file=sys.stderr)
        elif _torch_write_failed(exc):
            print(f"arapol: error: torch could not write a file ({exc}): most often the disk is full; free some "
                  "space and run the command again (a training run resumes from its last checkpoint)",
                  file=sys.stderr)
        else:
            raise
        return 2


def _disk_full(exc: BaseException | None) -> bool:
    """Whether ``exc``, or an exception it was raised from, says the disk is full."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, OSError) and exc.errno == errno.ENOSPC or "No space left on device" in str(exc) or \
                "StorageFull" in str(exc):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def _torch_write_failed(exc: BaseException) -> bool:
    """Whether ``exc`` is torch's writer failing part way through a file (``torch.save`` of a training checkpoint's
    optimizer state on a full disk: "unexpected pos …" or "PytorchStreamWriter failed writing file …", which say
    nothing of the disk)."""
    return isinstance(exc, RuntimeError) and any(s in str(exc) for s in TORCH_WRITE_FAILED)


TORCH_WRITE_FAILED = ("unexpected pos ", "PytorchStreamWriter failed ")
"""What torch's ``PyTorchStreamWriter`` says when a write is cut short."""


UNSEEN_SHOWN = 3
"""Unseen-target warnings the command line prints in full; the rest are named together in one line at the end."""


class _WarningLines:
    """``warnings.showwarning`` for the command line: arapol's own warnings (:class:`~arapol.UnseenTargetWarning`...)
    as one line, as errors are, not with a source file and line, on a line of its own above a progress bar; others
    as ``show`` does. Unseen targets past the
    first :data:`UNSEEN_SHOWN` (a corpus of hundreds of targets read by a model of one) are kept for one line that
    :meth:`close` prints."""

    def __init__(self, show: Callable[..., None]) -> None:
        self.show = show
        self.unseen_shown = 0
        self.unseen_held: list[str] = []

    def __call__(self, message, category, filename, lineno, file=None, line=None) -> None:  # noqa: ANN001
        if category.__module__.split(".")[0] != "arapol":
            self.show(message, category, filename, lineno, file, line)
            return
        if issubclass(category, UnseenTargetWarning):
            if self.unseen_shown >= UNSEEN_SHOWN:
                self.unseen_held.append(getattr(message, "target", "") or str(message))
                return
            self.unseen_shown += 1
        from tqdm import tqdm

        tqdm.write(f"arapol: warning: {message}", file=sys.stderr if file is None else file)  # (above a progress bar)

    def close(self) -> None:
        """Name the unseen targets held back, in one line."""
        if self.unseen_held:
            held = [repr(t) for t in self.unseen_held]
            print(f"arapol: warning: {len(held):,} more targets are none of those the model learned, or one in "
                  f"another spelling, read all the same: {first_few(held, 10)}", file=sys.stderr)
            self.unseen_held = []


def _stdout_closed() -> bool:
    """Whether standard output's reader is gone (the broken pipe was stdout's, not another one's); if so, point it at
    the null device, or Python's flush at exit would complain."""
    import select

    try:
        fd = sys.stdout.fileno()
        poll = select.poll()
        poll.register(fd, select.POLLOUT)
        events = poll.poll(0)
    except (AttributeError, OSError, ValueError):  # a stand-in stream, or no poll() (Windows)
        return False
    if not any(ev & select.POLLERR for _, ev in events):  # a pipe's writing end whose reader is gone: POLLERR
        return False
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)
    return True
