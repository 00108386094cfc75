"""``scripts/bench_accuracy.py``: which finished runs it reuses, and the summary it writes."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import bench_accuracy as ba  # noqa: E402
from arapol.checkpoint import CONFIG_FILE  # noqa: E402
from arapol.config import save_config  # noqa: E402


def _args(tmp_path: Path, *extra: str) -> argparse.Namespace:
    return ba.parse_args(["--runs-dir", str(tmp_path), *extra])


def test_plan_names_each_run_and_sets_its_seed(tmp_path):
    runs = ba.plan(_args(tmp_path, "--runs", "anercorp:1,2", "mawqif:3", "--tag", "t",
                         "--set", "training.learning_rate=2e-4"))
    assert [(r.task, r.seed, r.folder.name) for r in runs] == [
        ("anercorp", 1, "anercorp-t-seed1"), ("anercorp", 2, "anercorp-t-seed2"), ("mawqif", 3, "mawqif-t-seed3")]
    cfg = runs[0].config()
    assert cfg.training["seed"] == 1 and cfg.training["learning_rate"] == 2e-4
    assert cfg.output_dir == str(runs[0].folder)
    (dotted,) = ba.plan(_args(tmp_path, "--runs", "anercorp:5", "--tag", "ls0.1"))
    assert dotted.log.name == "anercorp-ls0.1-seed5.log"
    with pytest.raises(SystemExit, match="TASK:SEEDS"):
        ba.plan(_args(tmp_path, "--runs", "conll2003:1"))
    # changed settings under the default tag read as the default runs (a helper's probe: a 2-step run's row did)
    with pytest.raises(SystemExit, match="--set changes what the runs train: give them a --tag of their own"):
        ba.plan(_args(tmp_path, "--runs", "anercorp:5", "--set", "training.max_steps=2"))


def test_a_finished_run_is_reused_only_with_the_same_config(tmp_path):
    (run,) = ba.plan(_args(tmp_path, "--runs", "anercorp:7"))
    assert not ba.finished(run)
    run.folder.mkdir(parents=True)
    save_config(run.config(), run.folder / CONFIG_FILE)
    assert not ba.finished(run), "no metrics.json: the run did not finish"
    (run.folder / "metrics.json").write_text("{}", encoding="utf-8")
    assert ba.finished(run)
    (other,) = ba.plan(_args(tmp_path, "--runs", "anercorp:7", "--set", "training.num_train_epochs=1",
                             "--tag", "ep1"))
    other.folder = run.folder
    assert not ba.finished(other), "a different config must be retrained, not reused"
    saved = yaml.safe_load((run.folder / CONFIG_FILE).read_text(encoding="utf-8"))
    del saved["pooling"]  # a run saved before this setting existed trained with its default
    (run.folder / CONFIG_FILE).write_text(yaml.safe_dump(saved, allow_unicode=True), encoding="utf-8")
    assert ba.finished(run)


def test_a_run_is_scored_with_the_config_it_trained_with(tmp_path):
    """The config file may be edited while a long run trains: the record describes the saved, resolved config."""
    (run,) = ba.plan(_args(tmp_path, "--runs", "mawqif:7", "--set", "training.learning_rate=3e-5", "--tag", "lr"))
    run.folder.mkdir(parents=True)
    save_config(run.config(), run.folder / CONFIG_FILE)
    per = {c: {"f1-score": 0.5} for c in ("favor", "against", "none")}
    (run.folder / "metrics.json").write_text(json.dumps({"test": {"macro_f1": 0.5, "accuracy": 0.5,
                                                                  "per_class": per}}), encoding="utf-8")
    (edited,) = ba.plan(_args(tmp_path, "--runs", "mawqif:7", "--set", "training.learning_rate=9e-5", "--tag", "lr"))
    assert edited.folder == run.folder
    assert ba.score(edited)["hyperparameters"]["learning_rate"] == 3e-5


def _rec(task: str, seed: int, score: float) -> dict:
    key = "micro_f1" if task == "anercorp" else "macro_f1"
    return {"task": task, "tag": "default", "seed": seed, "test": {key: score}, "train": {"runtime_s": 60.0},
            "hyperparameters": {"learning_rate": 1e-4, "num_train_epochs": 5}}


def test_summary_reports_mean_spread_and_target():
    report = {"runs": {f"anercorp/default/seed{s}": _rec("anercorp", s, f) for s, f in ((1, 0.78), (2, 0.80),
                                                                                          (3, 0.79))}}
    report["runs"]["mawqif/default/seed1"] = _rec("mawqif", 1, 0.75)
    s = ba.summary(report)
    aner = s["anercorp/default"]
    assert aner["mean"] == pytest.approx(0.79) and aner["std"] == pytest.approx(0.01)
    assert aner["min"] == 0.78 and aner["max"] == 0.80 and aner["target_met"] is False
    assert s["mawqif/default"]["std"] is None and s["mawqif/default"]["target_met"] is True
    report["summary"] = s
    table = ba.render(report)
    assert table.startswith(ba.HEADING) and "| anercorp/default | 1, 2, 3 | 0.7900 | 0.0100 |" in table
    assert "AraBERTv0.1" in table and "0.8310" in table


def test_records_from_separate_invocations_are_merged(tmp_path):
    out = tmp_path / "accuracy.json"
    one = _args(tmp_path, "--out", str(out))
    ba._save(one, "anercorp/default/seed1", _rec("anercorp", 1, 0.7))
    report = ba._save(_args(tmp_path, "--out", str(out)), "mawqif/default/seed1", _rec("mawqif", 1, 0.6))
    assert set(report["runs"]) == {"anercorp/default/seed1", "mawqif/default/seed1"}
    assert set(ba.read_json(out)["summary"]) == {"anercorp/default", "mawqif/default"}


def test_setup_column_names_what_a_run_changed():
    hp = {"bf16": True, "trim_vocab": True, "pooling": "mean", "aux_columns": ["sentiment", "sarcasm"],
          "aux_weight": 0.2, "dev_fraction": 0.1}
    assert ba._setup({"task": "mawqif", "hyperparameters": hp}) == \
        "bf16, mean pooling, auxiliary sentiment + sarcasm × 0.2"
    hp = {"trim_vocab": False, "freeze_embeddings": True, "dev_fraction": 0.0}
    assert ba._setup({"task": "anercorp", "hyperparameters": hp}) == \
        "fp32, full vocabulary, frozen embeddings, no dev split (train + dev, last epoch)"
    hp = {"bf16": True, "pooling": "mean", "class_weights": False, "layer_lr_decay": 0.9}
    assert ba._setup({"task": "mawqif", "hyperparameters": hp}) == \
        "bf16, mean pooling, no class weights, layer-wise lr decay × 0.9"
    hp = {"bf16": True, "pooling": "mean", "input_prefix": "query: "}
    assert ba._setup({"task": "mawqif", "hyperparameters": hp}) == "bf16, mean pooling, input prefix 'query: '"
    tuned = {"label_bias": {"offsets": {"favor": 0.0, "against": -0.25, "none": 1.0}}}
    assert ba._setup({"task": "mawqif", "hyperparameters": {"bf16": True, "pooling": "mean"}, "train": tuned}) == \
        "bf16, mean pooling, label bias on dev (favor +0, against -0.25, none +1)"


def test_kept_column_says_which_epoch_and_metric():
    assert ba._kept({}) == "—"
    assert ba._kept({"selection": "best dev f1 (entity F1, Viterbi decoding)", "metric": "f1",
                     "best_epoch": 5.0}) == "5 (viterbi)"
    assert ba._kept({"selection": "best dev macro_f1", "metric": "macro_f1", "best_epoch": 3.0}) == "3 (macro_f1)"
    assert ba._kept({"selection": "last epoch (no dev split)"}) == "last"
