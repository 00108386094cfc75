"""A stance model's label bias: chosen on dev, saved in ``arapol.json``, applied by every prediction."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
import torch

import arapol
from arapol.checkpoint import read_info
from arapol.config import load_config
from arapol.errors import ConfigError, ModelError
from arapol.inference.label_bias import apply_label_bias, fit_label_bias
from arapol.metrics import stance_scores

ROOT = Path(__file__).resolve().parents[1]
LABELS = ["favor", "against", "none"]


def _skewed(n: int = 300, seed: int = 0) -> tuple[np.ndarray, list[str]]:
    """Probabilities of a model that under-predicts ``none``: for its gold texts, ``none`` is only second."""
    rng = np.random.default_rng(seed)
    gold = rng.choice(LABELS, size=n, p=[0.6, 0.3, 0.1]).tolist()
    probs = np.empty((n, 3))
    for i, g in enumerate(gold):
        row = rng.dirichlet([1, 1, 1]) * 0.2
        if g == "none":  # the skew: favor outscores the true none
            row += [0.4, 0.0, 0.3]
        else:
            row[LABELS.index(g)] += 0.6
        probs[i] = row / row.sum()
    return probs, gold


def _macro(probs: np.ndarray, gold: list[str]) -> float:
    return stance_scores(gold, [LABELS[i] for i in probs.argmax(1)], LABELS)["macro_f1"]


def test_the_fitted_bias_lifts_the_rare_class_and_the_macro_f1():
    probs, gold = _skewed()
    bias = fit_label_bias(probs, gold, LABELS)
    assert bias["favor"] == 0.0 and bias["none"] > 0
    assert _macro(apply_label_bias(probs, LABELS, bias), gold) > _macro(probs, gold) + 0.1
    held_out, gold2 = _skewed(seed=1)  # the same skew on other texts: the offsets carry over
    assert _macro(apply_label_bias(held_out, LABELS, bias), gold2) > _macro(held_out, gold2) + 0.1


def test_a_model_that_cannot_be_improved_keeps_no_offsets():
    gold = ["favor", "against", "none"] * 20
    probs = np.array([[0.8, 0.1, 0.1] if g == "favor" else [0.1, 0.8, 0.1] if g == "against" else [0.1, 0.1, 0.8]
                      for g in gold])
    assert fit_label_bias(probs, gold, LABELS) == {"favor": 0.0, "against": 0.0, "none": 0.0}


@pytest.mark.parametrize("gold", [["favor", "against"] * 30, ["favor"] * 60])
def test_a_label_missing_from_dev_gets_no_offsets_at_all(gold):
    """Without an example of a label the fit could only learn to avoid predicting it: nothing is chosen."""
    probs, _ = _skewed(n=len(gold))
    assert fit_label_bias(probs, gold, LABELS) == {"favor": 0.0, "against": 0.0, "none": 0.0}
    assert fit_label_bias(np.full((3, 3), np.nan), ["favor", "against", "none"], LABELS)["none"] == 0.0  # all blank


def test_large_offsets_neither_overflow_nor_blank_a_row():
    probs = np.array([[0.2, 0.3, 0.5]], dtype=np.float32)
    out = apply_label_bias(probs, LABELS, {"favor": 800.0, "none": 790.0})
    assert np.isfinite(out).all() and out.argmax() == 0 and out.sum() == pytest.approx(1.0)


def test_applying_a_bias_keeps_rows_normalised_and_blank_rows_nan():
    probs = np.array([[0.5, 0.3, 0.2], [np.nan, np.nan, np.nan]], dtype=np.float32)
    out = apply_label_bias(probs, LABELS, {"none": np.log(4.0)})
    assert out.dtype == np.float32 and np.isnan(out[1]).all()
    assert out[0] == pytest.approx(np.array([0.5, 0.3, 0.8]) / 1.6, abs=1e-6)
    assert apply_label_bias(probs, LABELS, {}) is probs


def test_predictions_apply_the_saved_bias(tiny_stance_model, tmp_path):
    folder = tmp_path / "biased"
    shutil.copytree(tiny_stance_model, folder)
    labels = read_info(folder).labels
    bias = {labels[-1]: 2.0}
    info = json.loads((folder / "arapol.json").read_text(encoding="utf-8"))
    (folder / "arapol.json").write_text(json.dumps({**info, "label_bias": bias}), encoding="utf-8")
    texts = [json.loads(line)["text"] for line in
             (ROOT / "data/stance/test.jsonl").read_text(encoding="utf-8").splitlines()][:16]
    plain, biased = arapol.load(tiny_stance_model), arapol.load(folder)
    want = apply_label_bias(plain.predict_proba(texts), labels, bias)
    got = biased.predict_proba(texts)
    assert got == pytest.approx(want, abs=1e-6) and not np.allclose(got, plain.predict_proba(texts))
    assert [r["stance"]["label"] for r in biased.predict(texts)] == [labels[i] for i in got.argmax(1)]
    # the one-line form knows the edited arapol.json for another model
    assert arapol.predict(texts[0], model=folder)["stance"]["scores"] == biased.predict(texts[0])["stance"]["scores"]
    (folder / "arapol.json").write_text(json.dumps({**info, "label_bias": {labels[0]: 2.0}}), encoding="utf-8")
    again = arapol.load(folder).predict(texts[0])["stance"]["scores"]
    assert arapol.predict(texts[0], model=folder)["stance"]["scores"] == again


@pytest.mark.parametrize("field, value, message", [
    ("label_bias", {"maybe": 1.0}, r"'label_bias': \['maybe'\] not among the labels"),
    ("label_bias", {"none": "1"}, r"field 'label_bias': expected a JSON object of label: number between -100 and 100"),
    ("label_bias", {"none": 1000.0}, r"field 'label_bias': expected a JSON object of label: number between"),
])
def test_a_bad_saved_bias_is_named(tiny_stance_model, tmp_path, field, value, message):
    folder = tmp_path / "bad"
    shutil.copytree(tiny_stance_model, folder)
    info = json.loads((folder / "arapol.json").read_text(encoding="utf-8"))
    (folder / "arapol.json").write_text(json.dumps({**info, field: value}), encoding="utf-8")
    with pytest.raises(ModelError, match=message):
        read_info(folder)


def test_tuning_needs_a_stance_task_and_a_dev_split():
    with pytest.raises(ConfigError, match=r"tune_label_bias: .* \(task here: ner\)"):
        load_config(ROOT / "configs/ner_tiny.yaml", {"tune_label_bias": True})
    with pytest.raises(ConfigError, match="tune_label_bias: .*needs task: stance and data.dev"):
        load_config(ROOT / "configs/stance_tiny.yaml", {"tune_label_bias": True, "data": {"dev": None}})


def test_training_chooses_the_bias_on_dev_and_saves_it(tmp_path):
    from arapol.cli import main

    out = tmp_path / "tuned"
    assert main(["train", str(ROOT / "configs/stance_tiny.yaml"), "--set", f"output_dir={out}",
                 "--set", "training.num_train_epochs=2", "--set", "tune_label_bias=true"]) == 0
    tuned = json.loads((out / "metrics.json").read_text(encoding="utf-8"))["train"]["label_bias"]
    assert set(tuned["offsets"]) == set(read_info(out).labels)
    assert tuned["dev_macro_f1_after"] >= tuned["dev_macro_f1_before"]
    saved = read_info(out).label_bias
    assert saved == (tuned["offsets"] if any(tuned["offsets"].values()) else {})
    dev = json.loads((out / "metrics.json").read_text(encoding="utf-8"))["dev"]["macro_f1"]
    assert round(dev, 4) == tuned["dev_macro_f1_after"]  # the final scores are the biased model's
    from arapol.data.stance import read_stance_jsonl
    from arapol.evaluation import evaluate_stance
    from arapol.inference.stance import SequenceClassifier

    cfg = load_config(ROOT / "configs/stance_tiny.yaml")
    again = evaluate_stance(SequenceClassifier(out, torch.device("cpu")),
                            read_stance_jsonl(cfg.data.dev, default_target=cfg.target))
    assert again["macro_f1"] == dev  # and so is the saved model's, read back with its bias
    card = (out / "README.md").read_text(encoding="utf-8")
    assert ("**Label bias**" in card) == any(tuned["offsets"].values())


def test_turning_the_tuning_on_or_off_does_not_make_another_run(tmp_path):
    from arapol.training.trainer import _check_same_run

    cfg = load_config(ROOT / "configs/stance_tiny.yaml", {"output_dir": str(tmp_path / "m")})
    _check_same_run(cfg, tmp_path / "m", LABELS, resuming=False, built_base=None)
    tuned = load_config(ROOT / "configs/stance_tiny.yaml", {"output_dir": str(tmp_path / "m"), "tune_label_bias": True})
    _check_same_run(tuned, tmp_path / "m", LABELS, resuming=True, built_base=None)
    other = load_config(ROOT / "configs/stance_tiny.yaml", {"output_dir": str(tmp_path / "m"), "training": {"seed": 1}})
    with pytest.raises(ConfigError, match="other .*training"):
        _check_same_run(other, tmp_path / "m", LABELS, resuming=True, built_base=None)
