"""bf16 on CPU: oneDNN's prepacked bf16 linear layers (activation fused) and the chunked attention give the
numbers of plain bf16 autocast to bf16 precision, and the same argmax as float32."""

import numpy as np
import pytest
import torch

from arapol.inference import cpu_bf16
from arapol.inference.backend import TorchRunner, bf16_supported, precision
from arapol.inference.batching import pad_arrays
from arapol.inference.cpu_bf16 import ATTENTION, Bf16Linear, additive_mask, attention, cpu_bf16_supported
from arapol.inference.loading import load_model_and_tokenizer
from test_modes import split_texts

pytestmark = pytest.mark.skipif(not (cpu_bf16_supported() and bf16_supported(torch.device("cpu"))),
                                reason="no native bf16 or no oneDNN bf16 linear on this CPU")
CPU = torch.device("cpu")


def reference_attention(q, k, v, keep, scaling):
    """Attention in float64 with a boolean ``keep`` mask ([batch, 1, query, key])."""
    scores = (q.double() * scaling) @ k.double().transpose(2, 3)
    scores = scores.masked_fill(~keep, float("-inf"))
    return (torch.softmax(scores, -1) @ v.double()).transpose(1, 2)


@pytest.mark.parametrize("chunk", [1 << 20, 40, 7])  # one chunk; several; fewer scores than one query row
def test_chunked_attention_matches_a_plain_one(monkeypatch, chunk):
    monkeypatch.setattr(cpu_bf16, "CHUNK_SCORES", chunk)
    gen = torch.Generator().manual_seed(0)
    q, k, v = (torch.randn(2, 3, 9, 4, generator=gen) for _ in range(3))
    keep = torch.ones(2, 1, 9, 9, dtype=torch.bool)
    keep[1, ..., 6:] = False  # the second text has 3 padded pieces
    bias = torch.zeros(keep.shape).masked_fill_(~keep, torch.finfo(torch.float32).min)
    for mask, want_keep in ((bias, keep), (bias[:, :, :1], keep), (keep, keep), (None, torch.ones_like(keep))):
        out, weights = attention(torch.nn.Identity(), q, k, v, mask, scaling=0.5)
        assert weights is None and out.shape == (2, 9, 3, 4)
        torch.testing.assert_close(out.double(), reference_attention(q, k, v, want_keep, 0.5), atol=1e-5, rtol=1e-5)
    out, _ = attention(torch.nn.Identity(), q.bfloat16(), k.bfloat16(), v.bfloat16(), bias)
    assert out.dtype == torch.bfloat16
    torch.testing.assert_close(out.double(), reference_attention(q, k, v, keep, 0.5), atol=0.05, rtol=0.05)


def test_additive_mask_is_zero_where_a_piece_may_attend():
    pad = torch.tensor([[1, 1, 1], [1, 1, 0]])
    from transformers.masking_utils import bidirectional_mask_function

    bias = additive_mask(batch_size=2, q_length=3, kv_length=3, mask_function=bidirectional_mask_function,
                         attention_mask=pad.bool())
    assert bias.dtype == torch.float32 and bias.shape[-1] == 3
    assert (bias[0] == 0).all() and (bias[1, ..., :2] == 0).all()
    assert (bias[1, ..., 2] == torch.finfo(torch.float32).min).all()


@pytest.mark.parametrize(("post_op", "algorithm", "act"), [
    ("none", "", lambda y: y),
    ("gelu", "none", torch.nn.functional.gelu),
    ("gelu", "tanh", lambda y: torch.nn.functional.gelu(y, approximate="tanh")),
    ("relu", "", torch.relu),
])
def test_bf16_linear_is_the_float_layer_to_bf16_precision(post_op, algorithm, act):
    gen = torch.Generator().manual_seed(0)
    layer = torch.nn.Linear(48, 20)
    layer.weight.data, layer.bias.data = torch.randn(20, 48, generator=gen), torch.randn(20, generator=gen)
    fast = Bf16Linear(layer, post_op, algorithm)
    for x in (torch.randn(3, 5, 48, generator=gen), torch.randn(48, 6, generator=gen).t(), torch.zeros(0, 48)):
        got = fast(x)
        assert got.dtype == torch.bfloat16 and got.shape == (*x.shape[:-1], 20)
        torch.testing.assert_close(got.float(), act(layer(x)).detach(), atol=0.15, rtol=0.02)
    assert "packed_weight" not in fast.state_dict()


def test_bf16_runner_on_cpu_swaps_layers_and_attention_and_keeps_the_numbers(tiny_ner_model):
    model, tok = load_model_and_tokenizer(tiny_ner_model, "ner", CPU)
    reference, _ = load_model_and_tokenizer(tiny_ner_model, "ner", CPU)
    runner = TorchRunner(model, CPU, "bf16")
    modules = list(runner.model.modules())
    assert not any(isinstance(m, torch.nn.Linear) for m in modules)
    assert sum(isinstance(m, Bf16Linear) and m.post_op == "gelu" for m in modules) == model.config.num_hidden_layers
    assert runner.model.config._attn_implementation == ATTENTION
    texts = split_texts("test")[:16]  # different lengths: padded batches exercise the mask
    batch = pad_arrays([{"input_ids": tok(t)["input_ids"]} for t in texts], tok.pad_token_id)
    assert (batch["attention_mask"] == 0).any()
    tensors = {k: torch.from_numpy(v) for k, v in batch.items()}
    with torch.inference_mode():
        fp32 = reference(**tensors).logits.numpy()
        with precision("bf16", CPU):
            autocast = reference(**tensors).logits.float().numpy()
    got = runner(batch)
    real = batch["attention_mask"].astype(bool)
    np.testing.assert_allclose(got[real], autocast[real], atol=0.1, rtol=0.05)
    assert (got[real].argmax(-1) == fp32[real].argmax(-1)).mean() >= 0.99


def test_bf16_without_onednn_casts_the_linear_weights_once_with_autocast_s_numbers(tiny_ner_model, monkeypatch):
    monkeypatch.setattr("arapol.inference.backend.cpu_bf16_supported", lambda: False)
    model, tok = load_model_and_tokenizer(tiny_ner_model, "ner", CPU)
    reference, _ = load_model_and_tokenizer(tiny_ner_model, "ner", CPU)
    runner = TorchRunner(model, CPU, "bf16")
    linears = [m for m in runner.model.modules() if isinstance(m, torch.nn.Linear)]
    assert linears and all(m.weight.dtype == torch.bfloat16 for m in linears)
    batch = pad_arrays([{"input_ids": tok(t)["input_ids"]} for t in split_texts("test")[:8]], tok.pad_token_id)
    with torch.inference_mode(), precision("bf16", CPU):
        want = reference(**{k: torch.from_numpy(v) for k, v in batch.items()}).logits.float().numpy()
    assert np.array_equal(runner(batch), want)
