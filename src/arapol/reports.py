"""Evaluation reports: ``metrics.json``, a Markdown report and a confusion-matrix PNG.

The PNG needs matplotlib (``pip install 'arapol[report]'``); it is imported only when a plot is
drawn, through the object-oriented API on the Agg canvas, so no GUI backend is touched and an
interactive session's pyplot backend is left alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .checkpoint import atomic_writer, write_json_atomic
from .errors import ArapolError

METRICS_JSON = "metrics.json"
REPORT_MD = "report.md"
CONFUSION_PNG = "confusion.png"

OUTCOME_TITLES = {
    "exact": "exact", "wrong_boundary": "wrong boundary", "wrong_type": "wrong type",
    "wrong_boundary_and_type": "wrong boundary and type", "missed": "missed", "spurious": "spurious",
}


class ReportError(ArapolError):
    """A report that cannot be written as asked (matplotlib missing for the PNG)."""


def matplotlib_figure(what: str = "the confusion-matrix PNG"):
    """matplotlib's ``Figure`` and ``FigureCanvasAgg``; a :class:`ReportError` saying that ``what`` needs it and how
    to install it where it is missing."""
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError as exc:
        raise ReportError(f"{what} needs matplotlib: pip install 'arapol[report]'") from exc
    return Figure, FigureCanvasAgg


def confusion_png(labels: Sequence[str], matrix: Sequence[Sequence[int]], path: str | Path, *, title: str = "",
                  xlabel: str = "predicted", ylabel: str = "gold") -> Path:
    """Draw ``matrix`` (rows gold, columns predicted) as a labelled heat map and save it as a PNG."""
    Figure, FigureCanvasAgg = matplotlib_figure()
    n = len(labels)
    size = max(3.5, 0.75 * n + 2.0)
    fig = Figure(figsize=(size, size * 0.85), dpi=120)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    data = [list(map(int, row)) for row in matrix] or [[0]]
    image = ax.imshow(data, cmap="Blues", vmin=0)
    fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
    ax.set_xticks(range(n), labels=list(labels), rotation=45 if n > 4 else 0)
    ax.set_yticks(range(n), labels=list(labels))
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    peak = max((v for row in data for v in row), default=0)
    for i, row in enumerate(data):
        for j, v in enumerate(row):
            ax.text(j, i, str(v), ha="center", va="center", color="white" if peak and v > peak / 2 else "black")
    fig.tight_layout()
    path = Path(path)
    with atomic_writer(path, "wb") as fh:  # a run killed while drawing leaves the earlier picture, not half a new one
        fig.savefig(fh, format="png")
    return path


def _cell(value: Any) -> str:
    """A Markdown table cell: pipes escaped, line breaks flattened."""
    return " ".join(str(value).split()).replace("|", "\\|")


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]], align: str = "") -> list[str]:
    align = align or "l" + "r" * (len(header) - 1)
    marks = ["---:" if a == "r" else "---" for a in align]
    return ["| " + " | ".join(map(_cell, header)) + " |", "| " + " | ".join(marks) + " |",
            *("| " + " | ".join(map(_cell, r)) + " |" for r in rows)]


def _f(x: float) -> str:
    return f"{x:.4f}"


def _ner_sections(m: dict[str, Any], png: str | None) -> list[str]:
    out = ["## Entity scores", "",
           "Strict IOB2 entity scores (seqeval): an entity counts only when its start, end and type all match, "
           "in the original text's characters.", ""]
    if not m["per_type"]:  # (seqeval's 0/0 is 0: a perfect answer would read as the worst)
        return out + ["No entity was annotated or predicted here, so these data give no entity score."]
    absent = m.get("absent_types") or []
    macro = f"macro, without {', '.join(absent)}" if absent else "macro"
    out += _table(["average", "precision", "recall", "F1"],
                  [["micro", _f(m["precision"]), _f(m["recall"]), _f(m["f1"])],
                   [macro, _f(m["macro_precision"]), _f(m["macro_recall"]), _f(m["macro_f1"])]])
    if absent:
        out += ["", f"Neither annotated nor predicted here, so left out of the macro average: {', '.join(absent)}. "
                "It covers the model's other types alone: not the model's macro score, and not comparable with "
                "that of data holding every type. The micro scores count every entity."]
    out += ["", "### Per type", ""]
    out += _table(["type", "precision", "recall", "F1", "support"],
                  [[t, _f(v["precision"]), _f(v["recall"]), _f(v["f1-score"]), int(v["support"])]
                   for t, v in m["per_type"].items()])
    err = m.get("errors")
    if err:
        out += ["", "## Error analysis", "",
                "Each gold entity has one outcome, the first that applies: **exact** (same span and type); "
                "**wrong type** (same span, another type); **wrong boundary** (a prediction of the same type "
                "overlaps it with other boundaries); **wrong boundary and type** (only predictions of another type "
                "and other boundaries overlap it); **missed** (no prediction overlaps it). A prediction that "
                "overlaps no gold entity is **spurious**.", ""]
        kinds = ["exact", "wrong_boundary", "wrong_type", "wrong_boundary_and_type", "missed"]
        header = ["type", "gold", *(OUTCOME_TITLES[k] for k in kinds), "predicted", "spurious"]
        rows = [[t, v["gold"], *(v[k] for k in kinds), v["predicted"], v["spurious"]]
                for t, v in [*err["per_type"].items(), ("**all**", err["total"])]]
        out += _table(header, rows)
        out += ["", "### Entity confusion", "",
                "Rows: gold type (`O`: spurious predictions). Columns: the type of the prediction each gold entity "
                "matched or overlapped (`O`: missed).", ""]
        labels, matrix = err["confusion"]["labels"], err["confusion"]["matrix"]
        out += _table(["gold \\ predicted", *labels], [[lab, *row] for lab, row in zip(labels, matrix)])
        if png:
            out += ["", f"![entity confusion matrix]({png})"]
        top = err.get("top_errors") or []
        out += ["", f"### The {len(top)} most frequent errors", ""]
        if top:
            out += _table(["#", "count", "error", "gold", "predicted", "first seen in", "context"],
                          [[i, e["count"], OUTCOME_TITLES.get(e["error"], e["error"]),
                            f"{e['gold_text']} ({e['gold_label']})" if e["gold_label"] else "—",
                            f"{e['pred_text']} ({e['pred_label']})" if e["pred_label"] else "—",
                            e["example"], e["context"]] for i, e in enumerate(top, 1)], align="rrlllll")
        else:
            out.append("No errors.")
    return out


def _stance_sections(m: dict[str, Any], png: str | None) -> list[str]:
    out = ["## Stance scores", ""]
    out += _table(["metric", "value"], [["accuracy", _f(m["accuracy"])], ["macro-F1", _f(m["macro_f1"])]])
    out += ["", "### Per class", ""]
    out += _table(["class", "precision", "recall", "F1", "support"],
                  [[c, _f(v["precision"]), _f(v["recall"]), _f(v["f1-score"]), int(v["support"])]
                   for c, v in m["per_class"].items()])
    if m.get("absent"):
        out += ["", f"Neither annotated nor predicted here, so left out of macro-F1: {', '.join(m['absent'])}."]
    if m.get("confusion"):
        out += ["", "### Confusion matrix", "", "Rows: gold label. Columns: predicted label.", ""]
        out += _table(["gold \\ predicted", *m["labels"]], [[lab, *row] for lab, row in zip(m["labels"],
                                                                                             m["confusion"])])
        if m.get("unpredicted"):
            out += ["", f"{m['unpredicted']} text(s) blank once normalised have no prediction: they count as wrong "
                    "(accuracy, recall) and are not in the matrix."]
    if png:
        out += ["", f"![confusion matrix]({png})"]
    return out


def markdown_report(metrics: dict[str, Any], *, png: str | None = None) -> str:
    """The Markdown report of an evaluation result (:func:`arapol.evaluation.evaluate_path`)."""
    task = metrics.get("task", "ner" if "per_type" in metrics else "stance")
    title = "Named-entity recognition" if task == "ner" else "Stance"
    out = [f"# {title} evaluation", ""]
    facts = [("model", metrics.get("model")), ("data", metrics.get("data")), ("split", metrics.get("carved")),
             ("format", metrics.get("format")),
             ("label map", ", ".join(f"{k} → {v}" for k, v in (metrics.get("label_map") or {}).items())),
             ("examples", metrics.get("n_examples")), ("arapol", metrics.get("arapol_version"))]
    out += [f"- **{k}**: {_cell(v)}" for k, v in facts if v not in (None, "")]
    out.append("")
    out += _ner_sections(metrics, png) if task == "ner" else _stance_sections(metrics, png)
    return "\n".join(out) + "\n"


def confusion_of(metrics: dict[str, Any]) -> tuple[list[str], list[list[int]], str] | None:
    """The labels, matrix and title to plot for an evaluation result (``None`` when it has none)."""
    if metrics.get("task") == "ner" or "per_type" in metrics:
        err = metrics.get("errors")
        if not err:
            return None
        return err["confusion"]["labels"], err["confusion"]["matrix"], "Entity confusion (O: none)"
    if not metrics.get("confusion"):
        return None
    return metrics["labels"], metrics["confusion"], "Stance confusion"


def _check_out(out: Path) -> None:
    """Refuse a folder whose ``metrics.json`` or ``report.md`` no report wrote (a model's own scores, a user's
    file): they would be replaced. An earlier report's files (its ``metrics.json`` names a ``task``) are replaced."""
    import json

    mine = [name for name in (METRICS_JSON, REPORT_MD) if (out / name).exists()]
    if not mine:
        return
    try:
        earlier = json.loads((out / METRICS_JSON).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        earlier = None
    if not (isinstance(earlier, dict) and "task" in earlier):
        raise ArapolError(f"--out {out} holds {', '.join(mine)}, which no arapol evaluate wrote there (a model's own "
                          "scores or a file of yours): give --out another folder")


def write_report(metrics: dict[str, Any], out: str | Path, *, plot: bool = True) -> dict[str, Path]:
    """Write ``metrics.json``, ``report.md`` and (with ``plot``) ``confusion.png`` into the folder ``out`` (without
    ``plot``, an earlier ``confusion.png`` there is removed).

    The JSON and the Markdown are written first, so a missing matplotlib costs only the PNG: the
    :class:`ReportError` then says how to install it.
    """
    out = Path(out)
    _check_out(out)
    out.mkdir(parents=True, exist_ok=True)
    confusion = confusion_of(metrics) if plot else None
    missing: ReportError | None = None
    if confusion:
        try:
            matplotlib_figure()
        except ReportError as exc:
            confusion, missing = None, exc
    paths = {"metrics": out / METRICS_JSON, "report": out / REPORT_MD}
    if not confusion:
        (out / CONFUSION_PNG).unlink(missing_ok=True)  # an earlier report's plot would show other scores
    write_json_atomic(paths["metrics"], metrics)
    with atomic_writer(paths["report"]) as fh:
        fh.write(markdown_report(metrics, png=CONFUSION_PNG if confusion else None))
    if missing is not None:
        raise ReportError(f"{missing} (or leave the plot out with --no-plot); {paths['metrics']} and "
                          f"{paths['report']} were written")
    if confusion:
        labels, matrix, title = confusion
        paths["confusion"] = confusion_png(labels, matrix, out / CONFUSION_PNG, title=title)
    return paths
