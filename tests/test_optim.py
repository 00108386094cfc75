"""Layer-wise learning-rate decay: the parameter groups, and a real ``arapol train`` run that uses them."""

from pathlib import Path

import pytest
from safetensors.torch import load_file
from transformers import BertConfig, BertForTokenClassification

from arapol.config import config_from_dict
from arapol.errors import ConfigError
from arapol.training.optim import layer_depth, layer_rate_groups

ROOT = Path(__file__).resolve().parents[1]


def test_depth_of_each_parameter():
    assert layer_depth("bert.embeddings.word_embeddings.weight", 12) == 0
    assert layer_depth("bert.encoder.layer.0.attention.self.query.weight", 12) == 1
    assert layer_depth("bert.encoder.layer.11.output.dense.bias", 12) == 12
    assert layer_depth("classifier.weight", 12) == 13
    assert layer_depth("aux.sentiment.weight", 12) == 13


def test_groups_give_each_layer_its_rate_and_cover_every_trainable_parameter():
    model = BertForTokenClassification(BertConfig(vocab_size=50, hidden_size=16, num_hidden_layers=3,
                                                  num_attention_heads=2, intermediate_size=32, num_labels=5))
    model.bert.embeddings.position_embeddings.weight.requires_grad_(False)
    decayed = {n for n, _ in model.named_parameters() if not n.endswith("bias") and "LayerNorm" not in n}
    groups = layer_rate_groups(model, 1e-3, 0.5, 0.01, decayed)
    by_param = {id(p): g for g in groups for p in g["params"]}
    trainable = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
    assert len(by_param) == sum(len(g["params"]) for g in groups) == len(trainable)
    for name, p in trainable:
        g = by_param[id(p)]
        assert g["lr"] == pytest.approx(1e-3 * 0.5 ** (4 - layer_depth(name, 3))), name
        assert g["weight_decay"] == (0.01 if name in decayed else 0.0), name
    rates = {n.split(".")[0] if "layer." not in n else n.split(".")[3]: by_param[id(p)]["lr"] for n, p in trainable}
    assert rates["classifier"] == pytest.approx(1e-3) and rates["2"] == pytest.approx(5e-4)
    assert rates["0"] == pytest.approx(1.25e-4)


@pytest.mark.parametrize("value", [0, 1.5, "0.9", True])
def test_decay_outside_zero_one_is_refused(value):
    with pytest.raises(ConfigError, match="layer_lr_decay: expected a number"):
        config_from_dict({"task": "ner", "data": {"train": "a.jsonl"}, "layer_lr_decay": value})


def test_training_with_a_steep_decay_moves_each_layer_less_than_the_one_above(tmp_path):
    from arapol.cli import main

    out = tmp_path / "model"
    assert main(["train", str(ROOT / "configs/stance_tiny.yaml"), "--set", f"output_dir={out}",
                 "--set", "layer_lr_decay=0.001", "--set", "training.num_train_epochs=2",
                 "--set", "data.test=null"]) == 0
    base, tuned = load_file(out / "tiny-base" / "model.safetensors"), load_file(out / "model.safetensors")
    moved = {k: (tuned["bert." + k].float() - base[k].float()).abs().max().item() for k in base}
    by_depth: dict[int, float] = {}
    for k, v in moved.items():
        d = layer_depth(k, 2)
        by_depth[d] = max(by_depth.get(d, 0.0), v)
    # embeddings, layer 0, layer 1, pooler: each learns at 0.001 × the rate above it (AdamW: steps ∝ rate)
    assert by_depth[3] > 1e-3
    for d in (0, 1, 2):
        assert by_depth[d] < by_depth[d + 1] / 100, by_depth
    assert "Layer-wise learning-rate decay" in (out / "README.md").read_text(encoding="utf-8")
