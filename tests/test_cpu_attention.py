"""Encoders on CPU: the chunked attention and unpadded token classifiers of every torch mode (a text's results do
not depend on its batch mates); in bf16 with oneDNN's prepacked bf16 linear layers (activation fused), the numbers
of plain bf16 autocast to bf16 precision, and the same argmax as float32."""

import numpy as np
import pytest
import torch

from arapol.errors import ArapolError
from arapol.inference import cpu_attention, onednn
from arapol.inference.backend import TorchRunner, bf16_batch_exact, bf16_supported, precision
from arapol.inference.batching import pad_arrays
from arapol.inference.cpu_attention import ATTENTION, additive_mask, attention
from arapol.inference.loading import load_model_and_tokenizer
from arapol.inference.onednn import ROW_BLOCK, PackedLinear, packed_linear_supported
from arapol.inference.quantize import Int8Linear, int8_supported
from test_modes import split_texts

CPU = torch.device("cpu")
needs_onednn_bf16 = pytest.mark.skipif(not (packed_linear_supported(torch.bfloat16) and bf16_supported(CPU)),
                                       reason="no native bf16 or no oneDNN bf16 linear on this CPU")


def reference_attention(q, k, v, keep, scaling):
    """Attention in float64 with a boolean ``keep`` mask ([batch, 1, query, key])."""
    scores = (q.double() * scaling) @ k.double().transpose(2, 3)
    scores = scores.masked_fill(~keep, float("-inf"))
    return (torch.softmax(scores, -1) @ v.double()).transpose(1, 2)


# 9 pieces, padded to 16: one chunk; two chunks of one block each (2 texts × 3 heads × 16 keys × 8 rows); less
# than one row's scores (still a whole block)
@pytest.mark.parametrize("chunk", [1 << 20, 768, 7])
def test_chunked_attention_matches_a_plain_one(monkeypatch, chunk):
    monkeypatch.setattr(cpu_attention, "CHUNK_SCORES", chunk)
    gen = torch.Generator().manual_seed(0)
    q, k, v = (torch.randn(2, 3, 9, 4, generator=gen) for _ in range(3))
    keep = torch.ones(2, 1, 9, 9, dtype=torch.bool)
    keep[1, ..., 6:] = False  # the second text has 3 padded pieces
    bias = torch.zeros(keep.shape).masked_fill_(~keep, torch.finfo(torch.float32).min)
    per_head = bias.expand(2, 3, 9, 9)  # a mask with a heads dimension
    for mask, want_keep in ((bias, keep), (bias[:, :, :1], keep), (keep, keep), (None, torch.ones_like(keep)),
                            (per_head, keep)):
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
@pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16])
def test_packed_linear_is_the_float_layer_to_its_dtype_s_precision(post_op, algorithm, act, dtype):
    if not packed_linear_supported(dtype):
        pytest.skip(f"this torch build has no oneDNN linear on prepacked {dtype} weights")
    gen = torch.Generator().manual_seed(0)
    layer = torch.nn.Linear(48, 20)
    layer.weight.data, layer.bias.data = torch.randn(20, 48, generator=gen), torch.randn(20, generator=gen)
    fast = PackedLinear(layer, dtype, post_op, algorithm)
    tol = {"atol": 1e-4, "rtol": 1e-4} if dtype == torch.float32 else {"atol": 0.15, "rtol": 0.02}
    for x in (torch.randn(3, 5, 48, generator=gen), torch.randn(48, 6, generator=gen).t(), torch.zeros(0, 48)):
        got = fast(x)
        assert got.dtype == dtype and got.shape == (*x.shape[:-1], 20)
        torch.testing.assert_close(got.float(), act(layer(x)).detach(), **tol)
    # the activation itself, on an identity layer: erf and tanh GELU differ by more than bf16's rounding here
    identity = torch.nn.Linear(8, 8)
    identity.weight.data, identity.bias.data = torch.eye(8), torch.zeros(8)
    x = torch.linspace(-5, -0.5, 512).bfloat16().float().reshape(64, 8)
    got = PackedLinear(identity, dtype, post_op, algorithm)(x).float()
    if dtype == torch.float32:  # the two GELUs differ by up to ~2e-4 here
        torch.testing.assert_close(got, act(x), atol=2e-6, rtol=1e-5)
    else:
        exact = (got == act(x).to(dtype).float()).float().mean()
        assert exact >= 0.95, float(exact)


@pytest.mark.skipif(not packed_linear_supported(torch.float32), reason="no oneDNN linear on prepacked weights")
def test_packed_linear_multiplies_whole_row_blocks_in_one_call(monkeypatch):
    """oneDNN keeps a kernel per row count: a layer must meet only whole blocks of ROW_BLOCK rows, in one call
    (the rows padded with zeros), and give each real row what the float layer gives it."""
    counts = []
    real = onednn._linear
    monkeypatch.setattr(onednn, "_linear", lambda x, *a: (counts.append(x.shape[0]), real(x, *a))[1])
    gen = torch.Generator().manual_seed(0)
    layer = torch.nn.Linear(16, 8)
    layer.weight.data, layer.bias.data = torch.randn(8, 16, generator=gen), torch.randn(8, generator=gen)
    fast = PackedLinear(layer)
    block = onednn.ROW_BLOCK
    for rows in (1, block - 1, block, block + 1, 70, 96, 127, 300):
        x = torch.randn(rows, 16, generator=gen)
        got = fast(x)
        assert got.shape == (rows, 8) and got.is_contiguous()
        torch.testing.assert_close(got, layer(x).detach(), atol=1e-4, rtol=1e-4)
        assert counts == [-(-rows // block) * block], (rows, counts)
        counts.clear()
    # a batch of texts keeps its shape; no rows at all make no call
    x = torch.randn(3, 5, 16, generator=gen)
    torch.testing.assert_close(fast(x), layer(x).detach(), atol=1e-4, rtol=1e-4)
    assert fast(torch.zeros(0, 16)).shape == (0, 8) and counts == [-(-15 // block) * block]


@pytest.mark.skipif(not packed_linear_supported(torch.float32), reason="no oneDNN linear on prepacked weights")
def test_a_packed_model_refuses_to_be_copied_or_pickled():
    import copy
    import pickle

    model = torch.nn.Sequential(PackedLinear(torch.nn.Linear(4, 4)))
    # its state dict left the packed weight out: save_pretrained() wrote a model without its linear layers (a probe)
    for attempt in (lambda: copy.deepcopy(model), lambda: pickle.dumps(model), lambda: model.state_dict()):
        with pytest.raises(TypeError, match="load it again") as err:
            attempt()
        assert isinstance(err.value, ArapolError)


@needs_onednn_bf16
def test_bf16_runner_on_cpu_swaps_layers_and_attention_and_keeps_the_numbers(tiny_ner_model):
    model, tok = load_model_and_tokenizer(tiny_ner_model, "ner", CPU)
    reference, _ = load_model_and_tokenizer(tiny_ner_model, "ner", CPU)
    runner = TorchRunner(model, CPU, "bf16")
    modules = list(runner.model.modules())
    assert not any(isinstance(m, torch.nn.Linear) for m in modules)
    assert all(m.dtype == torch.bfloat16 for m in modules if isinstance(m, PackedLinear))
    assert sum(isinstance(m, PackedLinear) and m.post_op == "gelu" for m in modules) == model.config.num_hidden_layers
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
    one = {k: v[:1, : int(real[0].sum())] for k, v in batch.items()}  # no padding: the mask is None
    np.testing.assert_allclose(runner(one)[0], got[0, : int(real[0].sum())], atol=0.1, rtol=0.05)


def test_a_decoder_keeps_its_own_attention():
    from transformers import LlamaConfig, LlamaForTokenClassification

    from arapol.inference.cpu_attention import use_cpu_attention

    cfg = LlamaConfig(vocab_size=50, hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                      num_attention_heads=4, num_key_value_heads=2, num_labels=3)
    torch.manual_seed(0)
    model = LlamaForTokenClassification(cfg).eval()
    ids = torch.randint(0, 50, (1, 12))
    with torch.inference_mode():
        want = model(input_ids=ids).logits
    fast = use_cpu_attention(model)
    assert fast.config._attn_implementation != ATTENTION  # causal, grouped key/value heads: not handled
    with torch.inference_mode():
        got = fast(input_ids=ids).logits
    torch.testing.assert_close(got, want)


@pytest.mark.skipif(not bf16_supported(CPU), reason="no native bf16 on this CPU")
def test_bf16_without_onednn_runs_the_whole_model_in_bf16_without_autocast(tiny_ner_model, monkeypatch):
    """Where oneDNN's prepacked bf16 layers are missing (a GPU), bf16 is the model cast whole: the numbers of that
    cast run without autocast."""
    monkeypatch.setattr("arapol.inference.backend.packed_linear_supported", lambda dtype: False)
    model, tok = load_model_and_tokenizer(tiny_ner_model, "ner", CPU)
    reference, _ = load_model_and_tokenizer(tiny_ner_model, "ner", CPU)
    runner = TorchRunner(model, CPU, "bf16")
    assert not runner.autocast and {t.dtype for t in runner.model.parameters()} == {torch.bfloat16}
    runner.unpadded = False  # the same attention and padded batches on both sides
    reference = cpu_attention.use_cpu_attention(reference.to(torch.bfloat16))
    batch = pad_arrays([{"input_ids": tok(t)["input_ids"]} for t in split_texts("test")[:8]], tok.pad_token_id)
    with torch.inference_mode():
        want = reference(**{k: torch.from_numpy(v) for k, v in batch.items()}).logits.float().numpy()
    assert np.array_equal(runner(batch), want)


SAME_SUMS = {"atol": 1 / 64, "rtol": 1 / 128}
"""bf16 logits of the same arithmetic with float32 sums taken in another order: a bf16 step or two apart (a position
counted wrongly moves these tiny models' logits by about 0.4; texts attending to each other's pieces, which would
move them by less, are refused by ``token_logits``' count of the attention layers that used the layout)."""


def _token_classifier(kind: str):
    """A tiny random token classifier of ``kind`` (a BERT or an XLM-R: positions after the padding id)."""
    from transformers import BertConfig, BertForTokenClassification, XLMRobertaConfig, XLMRobertaForTokenClassification

    shape = {"vocab_size": 60, "hidden_size": 32, "num_hidden_layers": 2, "num_attention_heads": 4,
             "intermediate_size": 64, "num_labels": 5, "max_position_embeddings": 64}
    torch.manual_seed(0)
    if kind == "bert":
        return BertForTokenClassification(BertConfig(**shape)).eval()
    return XLMRobertaForTokenClassification(XLMRobertaConfig(**shape, pad_token_id=1)).eval()


@needs_onednn_bf16
@pytest.mark.parametrize("kind", ["bert", "xlm-roberta"])
def test_a_padded_batch_runs_on_its_real_pieces_with_the_padded_numbers(kind):
    from arapol.inference.cpu_attention import runs_unpadded, token_logits

    model = _token_classifier(kind)
    pad = model.config.pad_token_id or 0
    gen = torch.Generator().manual_seed(1)
    texts = [torch.randint(2, 60, (n,), generator=gen).tolist() for n in (9, 4, 13, 1)]
    batch = {k: torch.from_numpy(v) for k, v in pad_arrays([{"input_ids": t} for t in texts], pad).items()}
    runner = TorchRunner(model, CPU, "bf16")
    assert runner.unpadded and runs_unpadded(runner.model)
    calls = []
    handle = runner.model.register_forward_pre_hook(lambda m, a, kw: calls.append(kw["input_ids"].shape),
                                                    with_kwargs=True)
    with torch.inference_mode():
        got = token_logits(runner.model, batch)
        alone = [token_logits(runner.model, {"input_ids": torch.tensor([t]), "attention_mask": torch.ones(1, len(t))})
                 for t in texts]
        runner.unpadded = False
        padded = torch.from_numpy(runner({k: v.numpy() for k, v in batch.items()}))
    handle.remove()
    # one row of the real pieces, filled up to a whole block of rows (PackedLinear's), no padding
    assert calls[0] == (1, -(-sum(map(len, texts)) // ROW_BLOCK) * ROW_BLOCK) != (1, sum(map(len, texts)))
    keep = batch["attention_mask"].bool()
    assert (got[~keep] == 0).all()
    # the same arithmetic, row by row, up to the order of oneDNN's sums (which may depend on the row count)
    torch.testing.assert_close(got[keep].float(), padded[keep], **SAME_SUMS)
    for i, want in enumerate(alone):  # each text as if alone: its own positions, attending within itself
        torch.testing.assert_close(got[i, : len(texts[i])], want[0], **SAME_SUMS)
    # left padding: the positions are counted within each text, not by column
    width = max(map(len, texts))
    left = {"input_ids": torch.tensor([[pad] * (width - len(t)) + t for t in texts]),
            "attention_mask": torch.tensor([[0] * (width - len(t)) + [1] * len(t) for t in texts])}
    with torch.inference_mode():
        got_left = token_logits(runner.model, left)
    for i, want in enumerate(alone):
        torch.testing.assert_close(got_left[i, got_left.shape[1] - len(texts[i]):], want[0], **SAME_SUMS)


@needs_onednn_bf16
def test_unpadded_embeddings_are_filled_along_the_pieces_and_the_block_is_read_at_call_time(monkeypatch):
    from arapol.inference import onednn
    from arapol.inference.cpu_attention import token_logits

    model = _token_classifier("bert")
    texts = [[5, 9, 11, 2, 7], [3, 4], [8, 8, 8, 20, 21, 22, 23]]
    batch = {k: torch.from_numpy(v) for k, v in pad_arrays([{"input_ids": t} for t in texts], 0).items()}
    runner = TorchRunner(model, CPU, "bf16")
    calls = []
    runner.model.register_forward_pre_hook(
        lambda m, a, kw: calls.append(tuple((kw.get("input_ids") if kw.get("input_ids") is not None
                                             else kw["inputs_embeds"]).shape)), with_kwargs=True)
    keep = batch["attention_mask"].bool()
    with torch.inference_mode():
        by_ids = token_logits(runner.model, batch)
        embeds = runner.model.get_input_embeddings()(batch["input_ids"])
        by_embeds = token_logits(runner.model, {"inputs_embeds": embeds, "attention_mask": batch["attention_mask"]})
        monkeypatch.setattr(onednn, "ROW_BLOCK", 1)
        unfilled = token_logits(runner.model, batch)
    n = sum(map(len, texts))
    filled = -(-n // ROW_BLOCK) * ROW_BLOCK
    # embeddings are filled with whole zero pieces (the hidden size kept), as ids are with id 0
    assert calls == [(1, filled), (1, filled, model.config.hidden_size), (1, n)]
    torch.testing.assert_close(by_embeds[keep], by_ids[keep], **SAME_SUMS)
    torch.testing.assert_close(unfilled[keep], by_ids[keep], **SAME_SUMS)


@needs_onednn_bf16
def test_unpadded_positions_follow_the_model_where_a_text_holds_the_padding_id():
    from arapol.inference.cpu_attention import token_logits

    model = _token_classifier("xlm-roberta")
    with torch.inference_mode():
        reference = model(input_ids=torch.tensor([[7, 1, 9, 4]])).logits  # id 1 is padding: RoBERTa skips it
        runner = TorchRunner(model, CPU, "bf16")
        ids = torch.tensor([[7, 1, 9, 4], [5, 6, 1, 1]])
        mask = torch.tensor([[1, 1, 1, 1], [1, 1, 0, 0]])
        got = token_logits(runner.model, {"input_ids": ids, "attention_mask": mask})
        alone = runner.model(input_ids=ids[:1]).logits
    torch.testing.assert_close(got[0], alone[0], **SAME_SUMS)
    torch.testing.assert_close(got[0].float(), reference[0], atol=0.1, rtol=0.05)


def test_an_all_padding_batch_gives_zeros():
    from arapol.inference.cpu_attention import token_logits

    runner = TorchRunner(_token_classifier("bert"), CPU, "fp32")
    with torch.inference_mode():
        empty = token_logits(runner.model, {"input_ids": torch.zeros(2, 3, dtype=torch.long),
                                            "attention_mask": torch.zeros(2, 3, dtype=torch.long)})
    assert empty.shape == (2, 3, 5) and (empty == 0).all()


@pytest.mark.parametrize("dtype", ["fp32", "int8"])
def test_a_model_that_drops_the_layout_runs_padded_from_then_on(dtype, caplog):
    from transformers import BertForTokenClassification

    class SwallowingForTokenClassification(BertForTokenClassification):  # keeps its keyword arguments to itself
        def forward(self, input_ids=None, attention_mask=None, position_ids=None, **kwargs):
            return super().forward(input_ids=input_ids, attention_mask=attention_mask, position_ids=position_ids)

    config = _token_classifier("bert").config
    torch.manual_seed(1)
    model = SwallowingForTokenClassification(config).eval()
    reference = BertForTokenClassification(config).eval()
    reference.load_state_dict(model.state_dict())
    runner = TorchRunner(model, CPU, dtype)
    padded = TorchRunner(reference, CPU, dtype)
    padded.unpadded = False
    assert runner.unpadded
    batch = pad_arrays([{"input_ids": [3, 4, 5]}, {"input_ids": [6]}], 0)
    with caplog.at_level("WARNING", logger="arapol.inference.backend"):
        got = runner(batch)
    assert "0 of its 2 attention layers" in caplog.text and not runner.unpadded
    np.testing.assert_array_equal(got, padded(batch))  # the padded run, not texts attending to each other
    np.testing.assert_array_equal(runner(batch), got)


@pytest.mark.parametrize("dtype", ["fp32", "int8", "bf16"])
def test_only_token_classifiers_run_unpadded(dtype):
    from transformers import BertConfig, BertForSequenceClassification

    if dtype == "bf16" and not (packed_linear_supported(torch.bfloat16) and bf16_supported(CPU)):
        pytest.skip("no native bf16 or no oneDNN bf16 linear on this CPU")
    stance = BertForSequenceClassification(BertConfig(vocab_size=60, hidden_size=32, num_hidden_layers=1,
                                                      num_attention_heads=4, intermediate_size=64)).eval()
    runner = TorchRunner(stance, CPU, dtype)
    assert runner.unpadded is False  # its pooler reads each text's first piece
    assert runner.model.config._attn_implementation == ATTENTION
    assert TorchRunner(_token_classifier("bert"), CPU, dtype).unpadded is True


def test_unpadded_attention_is_the_padded_one_at_the_real_pieces():
    from arapol.inference.cpu_attention import Unpadded

    gen = torch.Generator().manual_seed(0)
    q, k, v = (torch.randn(3, 2, 6, 4, generator=gen) for _ in range(3))
    keep = torch.tensor([[1, 1, 1, 1, 1, 1], [1, 1, 0, 0, 0, 0], [1, 1, 1, 1, 0, 0]], dtype=torch.bool)
    bias = torch.zeros(3, 1, 1, 6).masked_fill_(~keep[:, None, None, :], torch.finfo(torch.float32).min)
    want, _ = attention(torch.nn.Identity(), q, k, v, bias, scaling=0.5)
    rows, cols = keep.nonzero(as_tuple=True)
    row = [t.permute(0, 2, 1, 3)[rows, cols].unsqueeze(0).transpose(1, 2) for t in (q, k, v)]  # [1, heads, n, 4]
    got, _ = attention(torch.nn.Identity(), *row, None, scaling=0.5, arapol_unpadded=Unpadded(rows, cols, bias))
    assert got.shape == (1, int(keep.sum()), 2, 4)
    torch.testing.assert_close(got[0], want[rows, cols])


@needs_onednn_bf16
def test_attention_multiplies_whole_blocks_of_pieces(monkeypatch):
    """oneDNN keeps a kernel per shape of bf16 product: queries and keys come in whole PIECE_BLOCKs, padded or
    unpadded, whatever the batch's width, and so do chunks of query rows."""
    from arapol.inference.cpu_attention import PIECE_BLOCK, token_logits

    monkeypatch.setattr(cpu_attention, "CHUNK_SCORES", 300)  # chunks of query rows: a block still, not 1 row
    shapes = []
    real = torch.matmul
    monkeypatch.setattr(torch, "matmul", lambda a, b, **kw: (shapes.append((*a.shape[-2:], *b.shape[-2:])),
                                                             real(a, b, **kw))[1])
    from transformers import BertConfig, BertForTokenClassification

    torch.manual_seed(0)
    head = 9  # not a whole block, so that it cannot hide an unpadded product
    runner = TorchRunner(BertForTokenClassification(BertConfig(
        vocab_size=60, hidden_size=4 * head, num_hidden_layers=2, num_attention_heads=4, intermediate_size=64,
        num_labels=5, max_position_embeddings=64)).eval(), CPU, "bf16")
    gen = torch.Generator().manual_seed(2)
    with torch.inference_mode():
        for lengths in ((9,), (3, 3), (13, 4, 1), (17, 16)):
            texts = [torch.randint(2, 60, (n,), generator=gen).tolist() for n in lengths]
            token_logits(runner.model, {k: torch.from_numpy(v) for k, v in pad_arrays(
                [{"input_ids": t} for t in texts], 0).items()})
    assert shapes and all(n % PIECE_BLOCK == 0 for shape in shapes for n in shape if n != head), shapes


def test_attention_workspaces_are_per_thread():
    import threading

    gen = torch.Generator().manual_seed(0)
    inputs = [[torch.randn(1, 2, n, 4, generator=gen) for _ in range(3)] for n in (40, 7)]
    want = [attention(torch.nn.Identity(), *x, None)[0] for x in inputs]
    got, errors = {}, []

    def run(i: int) -> None:
        try:
            for _ in range(200):
                out = attention(torch.nn.Identity(), *inputs[i], None)[0]
                if not torch.equal(out, want[i]):
                    got[i] = out
                    return
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and not got


@pytest.mark.parametrize("dtype", ["fp32", "int8", "bf16"])
@pytest.mark.parametrize("task", ["token", "sequence"])
def test_a_text_in_a_batch_gets_the_logits_it_gets_alone_bit_for_bit(dtype, task):
    """Texts of 3 to 510 pieces, one batch against each alone: the sums of every product are ordered as for the text
    alone (queries and keys in whole blocks of 16, the weighted values in blocks of 128 keys, the float32 layers by
    oneDNN) — torch's own attention on padded batches gives differences of 1e-7 in float32 and 1e-3 in int8 here. In
    bf16 on a CPU with AMX, oneDNN's kernels sum by the row count: within a bf16 rounding step, the same argmax."""
    from transformers import BertConfig, BertForSequenceClassification, BertForTokenClassification

    if dtype == "bf16" and not (packed_linear_supported(torch.bfloat16) and bf16_supported(CPU)):
        pytest.skip("no native bf16 or no oneDNN bf16 linear on this CPU")
    if not packed_linear_supported(torch.float32):
        pytest.skip("no oneDNN prepacked float32 linear in this torch: its float32 sums move with the row count")
    config = BertConfig(vocab_size=300, hidden_size=384, num_hidden_layers=2, num_attention_heads=12,
                        intermediate_size=1536, num_labels=5, max_position_embeddings=512)
    torch.manual_seed(0)
    model = (BertForTokenClassification if task == "token" else BertForSequenceClassification)(config).eval()
    runner = TorchRunner(model, CPU, dtype)
    rng = np.random.default_rng(0)
    lengths = (3, 17, 40, 95, 160, 260, 300, 7, 510) + ((5, 9, 12, 20, 4, 30, 6, 11, 8, 25, 14, 3) if task ==
                                                         "sequence" else ())  # over 16 rows for the head's layers
    rows = [{"input_ids": rng.integers(5, 300, n).tolist()} for n in lengths]
    together = runner(pad_arrays(rows, 0))
    exact = dtype != "bf16" or bf16_batch_exact()  # AMX's bf16 kernels: a rounding step apart, same argmax
    for i, row in enumerate(rows):
        alone = runner(pad_arrays([row], 0))[0]
        n = len(row["input_ids"])
        got, want = (together[i, :n], alone[:n]) if task == "token" else (together[i], alone)
        if exact:
            np.testing.assert_array_equal(got, want, err_msg=f"text {i} ({n} pieces)")
        else:
            np.testing.assert_allclose(got, want, **SAME_SUMS, err_msg=f"text {i} ({n} pieces)")
            assert (got.argmax(-1) == want.argmax(-1)).all()


def _tiny(config_cls, head_cls, **extra):
    torch.manual_seed(0)
    config = config_cls(vocab_size=60, hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                        intermediate_size=64, num_labels=5, **extra)
    return head_cls(config).eval()


def test_a_decoder_keeps_its_causal_mask_in_a_padded_batch():
    """The joined row of the unpadded path has no causal mask: a decoder runs its padded batches as they are."""
    import copy

    from transformers import BertConfig, BertForTokenClassification

    model = _tiny(BertConfig, BertForTokenClassification, is_decoder=True)
    stock, runner = copy.deepcopy(model), TorchRunner(model, torch.device("cpu"), "fp32")
    assert not cpu_attention.runs_unpadded(runner.model)
    got = runner(pad_arrays([{"input_ids": [5, 9, 11, 2, 7]}, {"input_ids": [3, 4]}], 0))[0]
    with torch.inference_mode():
        want = stock(input_ids=torch.tensor([[5, 9, 11, 2, 7]])).logits[0].numpy()
    assert np.abs(got - want).max() < 1e-5


@pytest.mark.skipif(not int8_supported(), reason="this torch has no CPU int8 matrix multiply")
def test_int8_keeps_every_classifier_layer_in_float32():
    from transformers import XLMRobertaConfig, XLMRobertaForSequenceClassification

    model = TorchRunner(_tiny(XLMRobertaConfig, XLMRobertaForSequenceClassification), torch.device("cpu"),
                        "int8").model
    head = dict(model.classifier.named_modules())
    assert not any(isinstance(m, Int8Linear) for m in head.values())  # its dense and out_proj layers
    assert any(isinstance(m, Int8Linear) for m in model.roberta.modules())
