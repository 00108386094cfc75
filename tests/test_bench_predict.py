"""``scripts/bench_predict.py``: ``--quick`` stops a pipeline run that takes too long, and says so in its tables."""

from __future__ import annotations

import multiprocessing
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import bench_predict as bp  # noqa: E402


def _timed_runs(folder: str, cut_after_s: float, first_s: float, later_s: float) -> None:
    """Three timed runs as a measurement's process makes them: the first ``first_s`` long, the others ``later_s``."""
    calls = []

    def run() -> None:
        time.sleep(first_s if not calls else later_s)
        calls.append(1)

    bp._timed({"reps": 3, "barrier": folder, "cut_after_s": cut_after_s}, run, lambda: None)


def _start(*args: object) -> multiprocessing.Process:
    with warnings.catch_warnings():  # fork from a process with threads (torch's): nothing here needs them
        warnings.simplefilter("ignore", DeprecationWarning)
        proc = multiprocessing.get_context("fork").Process(target=_timed_runs, args=args)
        proc.start()
    return proc


def test_a_first_run_past_the_limit_is_stopped_and_kept_as_a_lower_bound(tmp_path):
    proc = _start(str(tmp_path), 0.3, 30.0, 30.0)
    row = bp._cut(proc, tmp_path / bp.TIMING_MARK, 0.3)
    assert row is not None and row["cut"] and row["runs"] == 0 and row["times"] == []
    assert 0.3 < row["seconds"] < 30 and not proc.is_alive()
    row["cut_factor"] = 3.0
    assert bp.seconds_text(row).startswith(">") and "stopped after" in bp.run_note(row, 3)


def test_only_the_first_run_is_watched_not_the_runs_added_up(tmp_path):
    """Runs after a quick first one may add up past the limit: the setting is measured in full."""
    proc = _start(str(tmp_path), 0.8, 0.05, 0.6)
    assert bp._cut(proc, tmp_path / bp.TIMING_MARK, 0.8) is None
    assert proc.exitcode == 0 and not (tmp_path / bp.TIMING_MARK).exists()


def test_rows_without_a_cut_read_as_before():
    row = {"seconds": 5.326, "runs": 1, "stop_factor": 1.5}
    assert bp.seconds_text(row) == "5.33" and bp.run_note(row, 3) == " (1 run, >1.5× the best)"
    assert bp.run_note({"seconds": 29.4, "runs": 1}, 3) == " (1 run, >3× the best)"  # rows of runs before the factor
    assert bp.run_note({"seconds": 1.0, "runs": 3}, 3) == ""


def test_stance_accuracy_scores_each_mode_against_fp32(tiny_stance_model):
    """Each mode's macro-F1 on the bundled stance test split and the share of its labels equal to fp32's (fp32
    first, whatever order the modes come in); a later run's rows replace a model's earlier ones, other models'
    stay with the command that measured them."""
    import numpy as np

    import arapol
    from arapol.evaluation import stance_probabilities

    examples = bp.stance_test_split()
    rows = bp.stance_accuracy([tiny_stance_model], [("int8", "torch"), ("fp32", "torch")], examples)
    assert [r["mode"] for r in rows] == ["fp32", "int8"]
    assert rows[0]["label_agreement_with_fp32"] == 1.0 and rows[0]["f1_loss_points"] == 0.0
    assert rows[0]["texts"] == len(examples) == 56 and 0 <= rows[1]["label_agreement_with_fp32"] <= 1
    labels = {dtype: [r and r["label"] for r in m.as_dicts(stance_probabilities(m, examples))]  # by hand
              for dtype in ("fp32", "int8") for m in [arapol.load(tiny_stance_model, dtype=dtype).stance]}
    same = np.mean([a == b for a, b in zip(labels["int8"], labels["fp32"])])
    assert rows[1]["label_agreement_with_fp32"] == round(float(same), 4)
    assert rows[1]["f1_loss_points"] == round(rows[0]["test_macro_f1"] - rows[1]["test_macro_f1"], 2)
    report = {"accuracy_stance": [{"model": "other", "command": "before"}, {"model": rows[0]["model"]}]}
    bp.add_stance_accuracy(report, rows, "now")
    assert report["accuracy_stance"][0] == {"model": "other", "command": "before"}
    assert [r["command"] for r in report["accuracy_stance"][1:]] == ["now", "now"]


def test_modes_chosen_always_run_fp32_first(capsys):
    """--modes bf16,int8 measured "agreement with fp32" against bf16, the first mode run (a helper's probe)."""
    import pytest

    assert bp.chosen_modes(bp.ARAPOL_MODES, "int8,bf16") == [bp.FP32, ("bf16", "torch"), ("int8", "torch")]
    assert "fp32 is run too" in capsys.readouterr().out
    assert bp.chosen_modes(bp.ARAPOL_MODES, "onnx-int8,fp32")[0] == bp.FP32
    with pytest.raises(SystemExit, match=r"--modes: unknown \['bf61'\]"):
        bp.chosen_modes(bp.ARAPOL_MODES, "bf61")
