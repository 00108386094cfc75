"""The mean-pooled stance head: padding-blind pooling, trained and reloaded through every path."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
import torch
from transformers import BertConfig

import arapol
from arapol.cli import main
from arapol.config import config_from_dict
from arapol.errors import ConfigError
from arapol.heads import BertMeanPooledClassifier, load_task_model

ROOT = Path(__file__).resolve().parents[1]
HAS_ONNX = importlib.util.find_spec("onnxruntime") is not None


def _tiny_config() -> BertConfig:
    return BertConfig(vocab_size=50, hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                      intermediate_size=32, num_labels=3)


def test_mean_pooling_ignores_padding_and_averages_the_real_tokens():
    torch.manual_seed(0)
    model = BertMeanPooledClassifier(_tiny_config()).eval()
    ids = torch.tensor([[2, 7, 9, 3, 0, 0], [2, 5, 6, 8, 11, 3]])
    mask = (ids != 0).long()
    with torch.no_grad():
        batched = model(input_ids=ids, attention_mask=mask).logits
        alone = model(input_ids=ids[:1, :4], attention_mask=mask[:1, :4]).logits
        hidden = model.bert(input_ids=ids[:1, :4]).last_hidden_state
        manual = model.classifier(hidden.mean(1))
    torch.testing.assert_close(batched[:1], alone, atol=1e-5, rtol=1e-5)
    torch.testing.assert_close(alone, manual, atol=1e-5, rtol=1e-5)
    labels = torch.tensor([0, 2])
    loss = model(input_ids=ids, attention_mask=mask, labels=labels).loss
    assert loss is not None and loss.item() == pytest.approx(
        torch.nn.functional.cross_entropy(batched, labels).item(), rel=1e-5)


def test_pooling_is_checked_in_the_config():
    with pytest.raises(ConfigError, match="pooling"):
        config_from_dict({"task": "stance", "data": {"train": "x.jsonl"}, "pooling": "max"})


@pytest.fixture(scope="module")
def mean_model(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("mean") / "model"
    assert main(["train", str(ROOT / "configs" / "stance_tiny.yaml"), "--set", f"output_dir={out}",
                 "--set", "pooling=mean", "--set", "training.num_train_epochs=3"]) == 0
    return out


def test_a_mean_pooled_model_saves_its_head_and_reloads_as_itself(mean_model):
    config = json.loads((mean_model / "config.json").read_text(encoding="utf-8"))
    assert config["architectures"] == ["BertMeanPooledClassifier"]
    model = load_task_model(mean_model, "stance")
    assert isinstance(model, BertMeanPooledClassifier) and model.bert.pooler is None
    res = arapol.load(mean_model).predict(["رحبت الأمم المتحدة بوقف إطلاق النار في حلب", "قصف على إدلب"])
    assert all(set(r["stance"]["scores"]) == {"favor", "against", "none"} for r in res)
    assert all(abs(sum(r["stance"]["scores"].values()) - 1) < 1e-3 for r in res)
    card = (mean_model / "README.md").read_text(encoding="utf-8")
    # stock AutoModelForSequenceClassification would pool [CLS] with an untrained layer: not a transformers
    # model for the hub's widget or pipeline()
    assert "load_task_model" in card and "library_name: arapol" in card


@pytest.mark.skipif(not HAS_ONNX, reason="no onnx extra")
def test_a_mean_pooled_model_runs_on_onnx_like_torch(mean_model, tmp_path):
    import shutil

    folder = tmp_path / "stance"
    shutil.copytree(mean_model, folder, ignore=shutil.ignore_patterns("checkpoints", "tiny-base"))
    texts = [json.loads(line)["text"] for line in
             (ROOT / "data/stance/test.jsonl").read_text(encoding="utf-8").splitlines()[:20]]
    want = arapol.load(folder).predict(texts)
    got = arapol.load(folder, backend="onnx").predict(texts)
    for g, w in zip(got, want):
        for lab, v in w["stance"]["scores"].items():
            assert abs(g["stance"]["scores"][lab] - v) < 2e-3


def test_auxiliary_heads_add_their_weighted_loss_and_reload(tmp_path):
    torch.manual_seed(0)
    model = BertMeanPooledClassifier(_tiny_config()).eval()
    model.add_aux_heads({"sentiment": ["Negative", "Neutral", "Positive"], "sarcasm": ["No", "Yes"]}, 0.5)
    ids = torch.tensor([[2, 7, 9, 3, 0], [2, 5, 6, 8, 3]])
    mask = (ids != 0).long()
    labels, aux = torch.tensor([0, 2]), torch.tensor([[0, 2], [1, 0]])  # columns in name order: sarcasm, sentiment
    with torch.no_grad():
        out = model(input_ids=ids, attention_mask=mask, labels=labels, aux_targets=aux)
        plain = model(input_ids=ids, attention_mask=mask, labels=labels)
        hidden = model.bert(input_ids=ids, attention_mask=mask).last_hidden_state
        pooled = (hidden * mask.unsqueeze(-1)).sum(1) / mask.sum(1, keepdim=True)
    ce = torch.nn.functional.cross_entropy
    want_aux = 0.5 * (ce(model.aux["sarcasm"](pooled), aux[:, 0]) + ce(model.aux["sentiment"](pooled), aux[:, 1]))
    assert out.aux_loss.item() == pytest.approx(want_aux.item(), rel=1e-4)
    assert out.loss.item() == pytest.approx(plain.loss.item() + want_aux.item(), rel=1e-4)
    torch.testing.assert_close(out.logits, plain.logits)  # the stance logits do not depend on the aux heads
    assert plain.aux_loss is None
    model.save_pretrained(tmp_path)
    again = load_task_model(tmp_path, "stance").eval()
    assert list(again.aux) == list(model.aux) == ["sarcasm", "sentiment"] and again.config.aux_weight == 0.5
    with torch.no_grad():
        torch.testing.assert_close(again(input_ids=ids, attention_mask=mask, aux_targets=aux).aux_loss, out.aux_loss)


def test_auxiliary_columns_train_beside_the_stance(tmp_path, resources):
    """Mawqif-style multi-task training from CSV: the heads are saved, prediction reads the stance head."""
    data = str(resources / "stance_aux.csv")
    out = tmp_path / "model"
    assert main(["train", str(ROOT / "configs" / "stance_tiny.yaml"), "--set", f"output_dir={out}",
                 "--set", "pooling=mean", "--set", "training.num_train_epochs=2", "--set", "data.format=csv",
                 "--set", f"data.train={data}", "--set", f"data.dev={data}", "--set", "data.test=null",
                 "--set", "data.label_map={Favor: favor, Against: against, None: none}",
                 "--set", "data.aux_columns=[sentiment, sarcasm]", "--set", "aux_weight=0.3"]) == 0
    config = json.loads((out / "config.json").read_text(encoding="utf-8"))
    assert config["aux_labels"] == {"sentiment": ["Negative", "Neutral", "Positive"], "sarcasm": ["No", "Yes"]}
    assert config["aux_weight"] == 0.3
    card = (out / "README.md").read_text(encoding="utf-8")
    assert "**Auxiliary tasks**: sarcasm (No / Yes), sentiment (Negative / Neutral / Positive), loss weight 0.3" in card
    res = arapol.load(out).predict(["أخذت اللقاح اليوم"], target="Covid Vaccine")
    assert set(res[0]["stance"]["scores"]) == {"favor", "against", "none"}


def test_auxiliary_tasks_train_under_label_smoothing(tmp_path, resources):
    """With training.label_smoothing_factor the Trainer took the loss from the stance logits alone, and the
    auxiliary heads never trained: aux_weight 0.5 and 5 gave bit-identical models (a helper's probe)."""
    from safetensors.torch import load_file

    data = str(resources / "stance_aux.csv")
    weights = {}
    for aux_weight in (0.5, 5.0):
        out = tmp_path / str(aux_weight)
        assert main(["train", str(ROOT / "configs" / "stance_tiny.yaml"), "--set", f"output_dir={out}",
                     "--set", "pooling=mean", "--set", "training.num_train_epochs=3", "--set", "data.format=csv",
                     "--set", f"data.train={data}", "--set", "data.dev=null", "--set", "data.dev_fraction=0",
                     "--set", "data.test=null", "--set", "data.label_map={Favor: favor, Against: against, None: none}",
                     "--set", "data.aux_columns=[sentiment, sarcasm]", "--set", f"aux_weight={aux_weight}",
                     "--set", "training.label_smoothing_factor=0.1", "--set", "class_weights=false"]) == 0
        weights[aux_weight] = load_file(out / "model.safetensors")
    # (the encoder's: Adam moves a head that one loss alone trains by as much at any scale)
    encoder = [k for k in weights[0.5] if k.startswith("bert.encoder.")]
    assert encoder and any(not torch.equal(weights[0.5][k], weights[5.0][k]) for k in encoder)


@pytest.mark.parametrize("values, message", [
    ({"task": "stance", "data": {"train": "x.csv", "aux_columns": ["sentiment"]}},
     "need task: stance with pooling: mean"),
    ({"task": "stance", "pooling": "mean", "data": {"train": "x.csv", "aux_columns": "sentiment"}},
     "data.aux_columns: expected a list, found 'sentiment'"),
    ({"task": "stance", "pooling": "mean", "aux_weight": 0, "data": {"train": "x.csv", "aux_columns": ["s"]}},
     "aux_weight: expected a number above 0"),
])
def test_auxiliary_task_settings_are_checked(values, message):
    with pytest.raises(ConfigError, match=message):
        config_from_dict(values)
