"""The fast modes of predict(): fp32, bf16 autocast, int8 linear layers, ONNX Runtime (fp32, int8).

Every mode keeps the span contract; the low-precision modes agree with fp32 on the tiny model's test
outputs within the stated tolerance; batching (length-sorted, token budget) never changes results.
"""

import json
import os
from pathlib import Path

import numpy as np
import pytest
import torch

import arapol
from arapol.errors import ArapolError
from arapol.inference import backend
from arapol.inference.backend import bf16_batch_exact, bf16_supported, resolve_device, resolve_dtype
from arapol.inference.batching import length_sorted_batches, pad_arrays
from arapol.inference.loading import save_defaults, saved_defaults
from arapol.inference.onednn import packed_linear_supported
from arapol.inference.quantize import Int8Linear, int8_supported
from arapol.labels import tags_to_spans

ROOT = Path(__file__).resolve().parents[1]
AGREEMENT = {"bf16": 0.97, "int8": 0.97, "onnx-fp32": 0.999, "onnx-int8": 0.97}
"""Minimum entity-set F1 against fp32 on the test split (the tiny model: 2 layers, hidden 64, barely trained,
so many words sit near a decision boundary; the benchmark reports the figures on larger trained models)."""


@pytest.fixture(autouse=True)
def torch_int8_everywhere(monkeypatch):
    """These tests check what ``dtype="int8"`` computes, not how fast: on a CPU without int8 dot-product
    instructions, where arapol runs fp32 instead (a test below), they run torch's slow int8 kernels anyway."""
    monkeypatch.setattr(backend, "int8_dot_missing", lambda: False)


HAS_ONNX = True
try:
    import onnx  # noqa: F401
    import onnxruntime  # noqa: F401
except ImportError:
    HAS_ONNX = False

MODES = [
    pytest.param("fp32", "torch", id="fp32"),
    pytest.param("bf16", "torch", id="bf16", marks=pytest.mark.skipif(not bf16_supported(torch.device("cpu")),
                                                                     reason="no native bf16 on this CPU")),
    pytest.param("int8", "torch", id="int8", marks=pytest.mark.skipif(not int8_supported(), reason="no torch._int_mm")),
    pytest.param("fp32", "onnx", id="onnx-fp32", marks=pytest.mark.skipif(not HAS_ONNX, reason="no onnx extra")),
    pytest.param("int8", "onnx", id="onnx-int8", marks=pytest.mark.skipif(not HAS_ONNX, reason="no onnx extra")),
]


def split_texts(split: str) -> list[str]:
    lines = (ROOT / f"data/ner/{split}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines if line.strip()]


def entity_set(results: list[dict]) -> set:
    return {(i, e["start"], e["end"], e["label"]) for i, r in enumerate(results) for e in r["entities"]}


def f1(a: set, b: set) -> float:
    return 1.0 if not a and not b else 2 * len(a & b) / (len(a) + len(b))


def assert_same(got: list[dict], want: list[dict], score_tol: float = 1e-3) -> None:
    """The same entities (text, label, span) per text; scores equal up to ``score_tol`` (float sums may be
    ordered differently in differently shaped batches)."""
    assert len(got) == len(want)
    for g, w in zip(got, want):
        key = [[(e["text"], e["label"], e["start"], e["end"]) for e in r["entities"]] for r in (g, w)]
        assert key[0] == key[1]
        for a, b in zip(g["entities"], w["entities"]):
            assert abs(a["score"] - b["score"]) <= score_tol


BATCH_EXACT = ({"fp32", "int8", "onnx-fp32"} | ({"bf16"} if bf16_batch_exact() else set())
               if packed_linear_supported(torch.float32) else {"onnx-fp32"})
"""Modes whose results, scores included, never depend on the batch a text is run in: on CPU the torch modes run
each text's pieces through oneDNN's prepacked linear layers as rows of their own and attend within the text
(``cpu_attention``); without those layers float32 sums move by about 1e-7 (entities kept, ``assert_same``). ONNX
Runtime's int8 quantises activations with one scale per batch tensor, so a text's activations are scaled by its
batch mates (arapol's torch int8 uses one scale per row instead). oneDNN's bf16 kernels for AMX sum a row's products
in an order that depends on the row count (:func:`~arapol.inference.backend.bf16_batch_exact`)."""
BATCH_CLOSE = {"fp32", "bf16", "int8"} - BATCH_EXACT


@pytest.fixture(scope="module")
def model_copy(tiny_ner_model, tmp_path_factory) -> Path:
    """A private copy of the tiny NER model (the ONNX export and saved defaults write into the folder)."""
    import shutil

    folder = tmp_path_factory.mktemp("modes") / "ner"
    shutil.copytree(tiny_ner_model, folder, ignore=shutil.ignore_patterns("checkpoints", "tiny-base"))
    return folder


@pytest.fixture(scope="module")
def fp32_results(model_copy):
    return arapol.load(model_copy, dtype="fp32").predict(split_texts("test"))


@pytest.mark.parametrize(("dtype", "backend"), MODES)
def test_every_mode_keeps_the_span_contract_and_agrees_with_fp32(model_copy, fp32_results, check_spans, dtype,
                                                                  backend):
    p = arapol.load(model_copy, dtype=dtype, backend=backend)
    texts = split_texts("test")
    noisy = [t.replace("ا", "اَ").replace("ل", "لـ") + " 😀\u200f" for t in texts[:20]]
    odd = ["", "   ", "ب" * 3000, "abc XYZ 😀🇸🇾", "\u200b\u200f", "٠١٢ ،؛؟"]
    results = p.predict(texts + noisy + odd, batch_size=8)
    for text, res in zip(texts + noisy + odd, results):
        check_spans(text, res["entities"])
        assert all(set(e) == {"text", "label", "start", "end", "score"} for e in res["entities"])
    assert results[len(texts) + len(noisy)]["entities"] == []
    name = dtype if backend == "torch" else f"{backend}-{dtype}"
    got = entity_set(results[: len(texts)])
    want = entity_set(fp32_results)
    if name == "fp32" and name in BATCH_EXACT:  # other texts in the call, another batch size: the same results
        assert results[: len(texts)] == fp32_results
    elif name == "fp32":
        assert_same(results[: len(texts)], fp32_results)
    else:
        assert f1(got, want) >= AGREEMENT[name], (name, f1(got, want))
    assert p.ner.mode.dtype == dtype and p.ner.mode.backend == backend


@pytest.mark.skipif(not bf16_supported(torch.device("cpu")), reason="no native bf16 on this CPU")
def test_bf16_without_packed_layers_casts_the_whole_model(model_copy, fp32_results, tiny_stance_model, check_spans,
                                                          monkeypatch):
    """Where oneDNN's prepacked bf16 layers are missing (a GPU), bf16 is the whole model cast to bf16 and run without
    autocast; its entities keep the span contract and agree with fp32 as autocast's do; stance runs too."""
    monkeypatch.setattr(backend, "packed_linear_supported", lambda dtype: dtype != torch.bfloat16)
    p = arapol.load(model_copy, dtype="bf16")
    assert not p.ner.runner.autocast
    assert {t.dtype for t in p.ner.runner.model.parameters()} == {torch.bfloat16}
    texts = split_texts("test")
    results = p.predict(texts, batch_size=8)
    for text, res in zip(texts, results):
        check_spans(text, res["entities"])
    assert f1(entity_set(results), entity_set(fp32_results)) >= AGREEMENT["bf16"]
    stance_texts = [json.loads(line)["text"] for line in
                    (ROOT / "data/stance/test.jsonl").read_text(encoding="utf-8").splitlines()[:16]]
    stance = arapol.load(tiny_stance_model, dtype="bf16")
    assert not stance.stance.runner.autocast
    whole = stance.predict(stance_texts)
    monkeypatch.undo()
    want = arapol.load(tiny_stance_model, dtype="fp32").predict(stance_texts)
    assert np.mean([w["stance"]["label"] == g["stance"]["label"] for w, g in zip(want, whole)]) >= 0.9
    for w, g in zip(want, whole):
        assert max(abs(w["stance"]["scores"][k] - g["stance"]["scores"][k]) for k in w["stance"]["scores"]) < 0.05


@pytest.mark.parametrize(("dtype", "backend"), MODES)
def test_batching_and_token_budget_never_change_results(model_copy, dtype, backend):
    p = arapol.load(model_copy, dtype=dtype, backend=backend)
    texts = split_texts("dev")[:24]
    long_text = " ".join(split_texts("train")[:40])  # several windows
    texts = [*texts[:12], long_text, *texts[12:]]
    base = p.predict(texts, batch_size=1)
    p.ner.max_batch_tokens = 64
    budget = p.predict(texts, batch_size=16)
    p.ner.max_batch_tokens = None
    unbudgeted = p.predict(texts, batch_size=7)
    name = dtype if backend == "torch" else f"{backend}-{dtype}"
    for other in (budget, unbudgeted):
        if name in BATCH_EXACT:
            assert other == base
        elif name in BATCH_CLOSE:
            assert_same(other, base)
        else:
            assert f1(entity_set(other), entity_set(base)) >= 0.98


@pytest.mark.parametrize("aggregation", ["first", "average", "max"])
def test_vectorised_aggregation_matches_a_per_word_reference(model_copy, aggregation):
    """The numpy gather/reduceat path gives what a plain per-word loop over the pieces gives."""
    from arapol.inference.backend import softmax

    p = arapol.load(model_copy)
    clf = p.ner
    texts = split_texts("dev")[:10] + [" ".join(split_texts("train")[:30])]
    preds = clf.word_probabilities(texts, batch_size=4, aggregation=aggregation)
    prep = clf.prepare(texts)
    for ti, text_pred in enumerate(preds):
        for w in (w for w, t in zip(prep.windows, prep.window_text) if t == ti):
            logits = clf.runner(pad_arrays([{"input_ids": w.input_ids}], clf.pad_id))[0]
            probs = softmax(logits)
            for k in range(w.own_first - w.first, w.own_last - w.first):
                lo, hi = w.starts[k], w.starts[k + 1]
                rows = probs[lo:hi]
                ref = rows[0] if aggregation == "first" else rows.mean(0) if aggregation == "average" else (
                    rows.max(0) / rows.max(0).sum())
                np.testing.assert_allclose(text_pred.probs[w.first + k], ref, atol=1e-5)


def test_vectorised_decoding_matches_tags_to_spans(model_copy):
    clf = arapol.load(model_copy).ner
    clf.decoding = "argmax"  # each word's own best tag, orphan I- tags included
    rng = np.random.default_rng(3)
    for n in [0, 1, 2, 5, 17, 60]:
        for _ in range(40):
            probs = rng.dirichlet(np.full(len(clf.tags), 0.3), size=n).astype(np.float32)
            first, last, kind, score = clf.scheme.word_spans([probs], clf.decoding)[0]
            want = tags_to_spans([clf.tags[i] for i in probs.argmax(-1)])
            assert [(int(f), int(la), clf.scheme.types[k]) for f, la, k in zip(first, last, kind)] == want
            conf = probs.max(-1)
            for (f, la, _), s in zip(want, score):
                assert abs(s - float(conf[f:la].mean())) < 1e-5


def test_int8_linear_is_close_to_float():
    torch.manual_seed(0)
    for m, k, n in [(1, 64, 128), (3, 65, 7), (40, 768, 3072)]:
        lin = torch.nn.Linear(k, n)
        x = torch.randn(2, m, k)
        want, got = lin(x), Int8Linear(lin)(x)
        assert got.shape == want.shape
        assert (got - want).norm() / want.norm() < 0.02
    assert Int8Linear(torch.nn.Linear(8, 4))(torch.zeros(0, 8)).shape == (0, 4)


def test_token_budget_batches():
    lengths = [512, 10, 300, 20, 20, 5]
    batches = list(length_sorted_batches(lengths, 4, max_tokens=520))
    assert sorted(i for b in batches for i in b) == list(range(6))
    assert batches[0] == [0] and batches[1] == [2]  # long windows go alone under the budget
    assert all(len(b) * max(lengths[i] for i in b) <= 520 or len(b) == 1 for b in batches)
    assert list(length_sorted_batches(lengths, 4)) == [[0, 2, 3, 4], [1, 5]]


def test_saved_defaults_choose_the_mode(model_copy):
    save_defaults(model_copy, dtype="int8")
    try:
        assert saved_defaults(model_copy) == {"dtype": "int8"}
        if int8_supported():
            assert arapol.load(model_copy).ner.mode.dtype == "int8"
        assert arapol.load(model_copy, dtype="fp32").ner.mode.dtype == "fp32"  # an argument wins
    finally:
        (model_copy / "inference.json").unlink()
    assert arapol.load(model_copy).ner.mode.dtype == "fp32"
    # the argument wins over the saved half it cannot run with: dtype bf16 over a saved ONNX backend was an error
    # blaming backend='onnx', an option never given (a helper's probe); and backend onnx over a saved bf16
    from arapol.inference.loading import resolve_mode

    cpu = torch.device("cpu")
    (model_copy / "inference.json").write_text('{"dtype": "int8", "backend": "onnx"}', encoding="utf-8")
    try:
        assert resolve_mode(model_copy, cpu, "bf16", None).backend == "torch"
        (model_copy / "inference.json").write_text('{"dtype": "bf16"}', encoding="utf-8")
        mode = resolve_mode(model_copy, cpu, None, "onnx")
        assert (mode.dtype, mode.backend) == ("fp32", "onnx")
        with pytest.raises(arapol.ArapolError, match="backend='onnx' runs fp32 or int8, not bf16"):
            resolve_mode(model_copy, cpu, "bf16", "onnx")  # both given: still refused
        # a misspelt key was ignored: the model ran in fp32 while its owner had saved int8
        (model_copy / "inference.json").write_text('{"dtpye": "int8"}', encoding="utf-8")
        with pytest.raises(arapol.ArapolError, match=r"inference.json: unknown key 'dtpye' \(did you mean 'dtype'"):
            arapol.load(model_copy)
        with pytest.raises(arapol.ArapolError, match="unknown key 'dtpye'"):
            save_defaults(model_copy, dtype="int8")
    finally:
        (model_copy / "inference.json").unlink()


def test_saved_defaults_of_a_folder_with_both_tasks_reach_each_model(tiny_ner_model, tiny_stance_model, tmp_path):
    import shutil

    from arapol.checkpoint import write_bundle

    bundle = tmp_path / "both"
    for task, src in (("ner", tiny_ner_model), ("stance", tiny_stance_model)):
        shutil.copytree(src, bundle / task, ignore=shutil.ignore_patterns("checkpoints", "tiny-base"))
    write_bundle(bundle, {"ner": "ner", "stance": "stance"})
    assert save_defaults(bundle, dtype="int8") == [bundle / "ner" / "inference.json", bundle / "stance" /
                                                   "inference.json"]
    if int8_supported():
        p = arapol.load(bundle)
        assert (p.ner.mode.dtype, p.stance.mode.dtype) == ("int8", "int8")
    with pytest.raises(ArapolError, match=r"unknown dtype 'int4': expected one of"):
        save_defaults(bundle, dtype="int4")
    save_defaults(bundle / "stance", backend="onnx")
    # bf16 with the saved ONNX backend of one task: refused before either task's file is written
    with pytest.raises(ArapolError, match=r"stance/inference.json holds \{.*'backend': 'onnx'\}: with it, "
                       "backend='onnx' runs fp32 or int8, not bf16"):
        save_defaults(bundle, dtype="bf16")
    assert saved_defaults(bundle / "ner") == {"dtype": "int8"}
    assert saved_defaults(bundle / "stance") == {"dtype": "int8", "backend": "onnx"}


def test_mode_errors_are_clear(model_copy):
    with pytest.raises(ArapolError, match="unknown dtype"):
        arapol.load(model_copy, dtype="fp8")
    with pytest.raises(ArapolError, match="unknown backend"):
        arapol.load(model_copy, backend="tensorrt")
    with pytest.raises(ArapolError, match="bf16"):
        arapol.load(model_copy, dtype="bf16", backend="onnx")
    for threads in (0, 2.5, "2", True):
        with pytest.raises(ArapolError, match="threads must be a whole number"):
            arapol.load(model_copy, threads=threads)
    if not torch.cuda.is_available():
        with pytest.raises(ArapolError, match="device 'cuda': this torch sees no CUDA GPU"):
            arapol.load(model_copy, device="cuda")
    p = arapol.load(model_copy)
    for target in (5, ["هدنة", "حرب"]):
        with pytest.raises(ArapolError, match="target must be one string"):
            p.predict("قال بوتين", target=target)
    assert resolve_dtype("auto", torch.device("cpu")) in ("fp32", "bf16")


@pytest.mark.parametrize("native", [True, False])
def test_auto_and_bf16_follow_the_cpu_and_the_backend(model_copy, monkeypatch, caplog, native):
    from arapol.inference import backend
    from arapol.inference.loading import resolve_mode

    cpu = torch.device("cpu")
    monkeypatch.setattr(backend, "bf16_supported", lambda device: native)
    assert resolve_mode(model_copy, cpu, "auto", "onnx").name == "onnx-fp32"  # auto never asks ONNX for bf16
    assert resolve_mode(model_copy, cpu, "auto", "torch").dtype == ("bf16" if native else "fp32")
    assert resolve_dtype("bf16", cpu) == ("bf16" if native else "fp32")
    assert ("no native bf16" in caplog.text) is not native
    with pytest.raises(ArapolError, match="bf16"):  # asked for explicitly, refused whatever the CPU
        resolve_mode(model_copy, cpu, "bf16", "onnx")
    for empty in ({"dtype": ""}, {"backend": ""}):  # an empty name is not "not given": it read as the default
        with pytest.raises(ArapolError, match="''"):
            resolve_mode(model_copy, cpu, empty.get("dtype"), empty.get("backend"))


@pytest.mark.parametrize("flags", ["sse2 avx2 fma", "sse2 avx2 avx_vnni", "sse2 avx512f avx512_vnni", "asimd"])
def test_torch_int8_runs_fp32_on_a_cpu_without_int8_dot_products(model_copy, monkeypatch, caplog, flags):
    from arapol.inference.loading import resolve_mode

    monkeypatch.undo()  # the real int8_dot_missing, on these flags
    monkeypatch.setattr(backend, "cpu_flags", lambda: frozenset(flags.split()))
    lacking = flags == "sse2 avx2 fma"  # an x86 CPU without VNNI or AMX (an ARM CPU's flags are not read)
    cpu = torch.device("cpu")
    assert resolve_mode(model_copy, cpu, "int8", "torch").dtype == ("fp32" if lacking else "int8")
    assert ("no int8 dot-product instructions" in caplog.text) is lacking
    assert resolve_mode(model_copy, cpu, "int8", "onnx").name == "onnx-int8"  # ONNX Runtime's kernels need none


def test_saved_cpu_defaults_do_not_bind_a_gpu(model_copy, caplog):
    from arapol.inference.loading import resolve_mode

    gpu = torch.device("cuda")  # resolve_mode only reads the device's type: no GPU is needed for this test
    save_defaults(model_copy, dtype="int8", backend="onnx")
    try:
        assert resolve_mode(model_copy, torch.device("cpu"), None, None).name == "onnx-int8"
        assert resolve_mode(model_copy, gpu, None, None).name == "fp32"
        assert "runs on CPU only" in caplog.text
        with pytest.raises(ArapolError, match="CPU"):
            resolve_mode(model_copy, gpu, "int8", None)
    finally:
        (model_copy / "inference.json").unlink()


def test_threads_setting_is_restored(model_copy):
    before = torch.get_num_threads()
    p = arapol.load(model_copy, threads=1)
    p.predict(split_texts("dev")[:3])
    assert torch.get_num_threads() == before


@pytest.mark.skipif(not HAS_ONNX, reason="no onnx extra")
def test_export_onnx_writes_both_graphs_and_redoes_a_stale_one(model_copy, tmp_path):
    from arapol.inference.onnx import export_onnx

    out = tmp_path / "onnx"
    path = export_onnx(model_copy, out, quantize=True)
    assert path.name == "model.int8.onnx" and path.is_file() and (out / "model.onnx").is_file()
    meta = json.loads((out / "export.json").read_text())
    assert meta["inputs"] == ["input_ids", "attention_mask"]
    assert export_onnx(model_copy, out) == out / "model.onnx"  # cached: no re-export
    weights = model_copy / "model.safetensors"
    stat = weights.stat()
    os.utime(weights, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1000))  # retrained within the same second
    export_onnx(model_copy, out)  # stale: re-exported, the int8 graph dropped
    assert json.loads((out / "export.json").read_text())["weights"] != meta["weights"]
    assert not (out / "model.int8.onnx").exists()


@pytest.mark.skipif(not HAS_ONNX, reason="no onnx extra")
def test_an_onnx_export_killed_before_leaves_nothing_behind_the_next(model_copy, tmp_path):
    """A run killed while it exported or quantised left its half-written graph in ``onnx/.export-*`` (and the int8
    temporaries) for ever (a helper's probe); the next export clears them, one process at a time."""
    from arapol.inference.onnx import LOCK_FILE, export_onnx

    out = tmp_path / "onnx"
    (out / ".export-abc123").mkdir(parents=True)
    (out / ".export-abc123" / "model.onnx").write_bytes(b"half a graph")
    (out / ".model.int8.onnx.tmp.smoothed.onnx").write_bytes(b"half")
    export_onnx(model_copy, out, quantize=True)
    assert sorted(p.name for p in out.iterdir()) == sorted([LOCK_FILE, "export.json", "model.int8.onnx",
                                                            "model.onnx"])


@pytest.mark.skipif(not HAS_ONNX, reason="no onnx extra")
def test_an_onnx_export_on_a_full_disk_names_the_graph(model_copy, tmp_path, monkeypatch):
    """The exporters' writers say "[Errno 28] No space left on device" and no file (a helper's probe)."""
    import errno

    import arapol.inference.onnx as onnx_module

    def full(*args, **kwargs):  # noqa: ANN002, ANN003
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(onnx_module, "_export_fp32", full)
    out = tmp_path / "onnx"
    with pytest.raises(OSError, match=r"No space left on device: '.*onnx/model\.onnx'"):
        onnx_module.export_onnx(model_copy, out)
    monkeypatch.undo()
    onnx_module.export_onnx(model_copy, out)
    monkeypatch.setattr(onnx_module, "_quantize", full)
    with pytest.raises(OSError, match=r"No space left on device: '.*onnx/model\.int8\.onnx'"):
        onnx_module.export_onnx(model_copy, out, quantize=True)


@pytest.mark.skipif(not HAS_ONNX, reason="no onnx extra")
def test_exported_graph_has_onnx_runtimes_fused_transformer_layers(tiny_ner_model, tmp_path):
    import collections

    import onnx

    from arapol.inference.onnx import export_onnx

    path = export_onnx(tiny_ner_model, tmp_path / "onnx")
    assert json.loads((tmp_path / "onnx" / "export.json").read_text())["exporter"].endswith("+fused")
    ops = collections.Counter(n.op_type for n in onnx.load(str(path)).graph.node)
    layers = json.loads((tiny_ner_model / "config.json").read_text())["num_hidden_layers"]
    assert (ops["Attention"], ops["BiasGelu"], ops["EmbedLayerNormalization"]) == (layers, layers, 1)
    assert ops["Softmax"] == 0
    # ONNX Runtime's SkipLayerNormalization is slower on CPU than the Add and LayerNormalization it replaces
    assert (ops["SkipLayerNormalization"], ops["LayerNormalization"]) == (0, 2 * layers)


@pytest.mark.skipif(not HAS_ONNX, reason="no onnx extra")
def test_graph_exported_with_slow_fusions_is_redone_and_not_fused_at_load(tiny_ner_model, tmp_path, monkeypatch):
    import collections

    import onnx
    import onnxruntime

    from arapol.inference.onnx import SLOW_FUSIONS, OnnxRunner, export_onnx

    out = tmp_path / "onnx"
    path = export_onnx(tiny_ner_model, out)
    meta = json.loads((out / "export.json").read_text())
    assert meta["left_out"] == list(SLOW_FUSIONS)
    real = onnxruntime.InferenceSession
    optimized = tmp_path / "as-loaded.onnx"

    def keeping_the_optimized_graph(path, options, *args, **kwargs):
        options.optimized_model_filepath = str(optimized)
        return real(path, options, *args, **kwargs)

    with monkeypatch.context() as patched:
        patched.setattr(onnxruntime, "InferenceSession", keeping_the_optimized_graph)
        OnnxRunner(path, 1)  # ONNX Runtime does not fuse Add + LayerNormalization back when it loads the graph
    loaded = collections.Counter(n.op_type for n in onnx.load(str(optimized)).graph.node)
    layers = json.loads((tiny_ner_model / "config.json").read_text())["num_hidden_layers"]
    assert (loaded["SkipLayerNormalization"], loaded["LayerNormalization"]) == (0, 2 * layers)
    (out / "export.json").write_text(json.dumps({k: v for k, v in meta.items() if k != "left_out"}))
    stamp = path.stat().st_mtime_ns
    export_onnx(tiny_ner_model, out)  # an export from before: done again
    assert json.loads((out / "export.json").read_text())["left_out"] == list(SLOW_FUSIONS)
    assert path.stat().st_mtime_ns != stamp
    assert collections.Counter(n.op_type for n in onnx.load(str(path)).graph.node)["SkipLayerNormalization"] == 0


@pytest.mark.skipif(not HAS_ONNX, reason="no onnx extra")
def test_int8_graph_quantised_otherwise_is_redone(model_copy):
    import onnx

    from arapol.inference.onnx import INT8_SETTINGS, export_onnx, find_or_export

    out = model_copy / "onnx"
    path = export_onnx(model_copy, out, quantize=True)
    graph = onnx.load(str(path))
    scales = [i for i in graph.graph.initializer if i.name.endswith("_scale") and len(i.dims) == 1]
    assert scales and all(i.dims[0] > 1 for i in scales)  # one weight scale per output channel
    meta = json.loads((out / "export.json").read_text())
    assert INT8_SETTINGS.items() <= meta["int8"].items()
    (out / "export.json").write_text(json.dumps({**meta, "int8": {"weights": "per tensor"}}))
    path.write_bytes(b"an int8 graph quantised with other settings")
    assert find_or_export(model_copy, quantize=True) == path
    assert json.loads((out / "export.json").read_text())["int8"] == meta["int8"]
    onnx.load(str(path))  # a real graph again


@pytest.mark.skipif(not HAS_ONNX, reason="no onnx extra")
def test_stance_runs_on_onnx(tiny_stance_model, tmp_path):
    import shutil

    folder = tmp_path / "stance"
    shutil.copytree(tiny_stance_model, folder, ignore=shutil.ignore_patterns("checkpoints", "tiny-base"))
    lines = (ROOT / "data/stance/test.jsonl").read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["text"] for line in lines[:30]]
    want = arapol.load(folder).predict(texts)
    got = arapol.load(folder, backend="onnx").predict(texts)
    assert [g["stance"]["label"] for g in got] == [w["stance"]["label"] for w in want]
    for g, w in zip(got, want):
        for lab, v in w["stance"]["scores"].items():
            assert abs(g["stance"]["scores"][lab] - v) < 2e-3


def test_predict_stream_overlaps_and_matches_predict(model_copy):
    p = arapol.load(model_copy)
    texts = split_texts("dev")[:30] + ["", "  "]

    def gen():
        yield from texts

    assert list(p.predict_stream(gen(), chunk_size=7)) == p.predict(texts)
    assert list(p.predict_stream(iter([]))) == []
    with pytest.raises(ArapolError, match="texts"):
        list(p.predict_stream(iter(["نص", 3])))


@pytest.mark.parametrize("packed", [True, False])
def test_fp32_on_cpu_runs_linear_layers_by_onednn_with_the_same_numbers(tiny_ner_model, monkeypatch, packed):
    from arapol.inference import onednn
    from arapol.inference.backend import TorchRunner
    from arapol.inference.loading import load_model_and_tokenizer

    if not (onednn.packed_linear_supported(torch.float32) if packed else onednn.onednn_linear_supported()):
        pytest.skip("this torch build has no oneDNN linear")
    if not packed:  # the fallback where oneDNN cannot prepack weights
        monkeypatch.setattr("arapol.inference.backend.packed_linear_supported", lambda dtype: False)
    layer_type = onednn.PackedLinear if packed else onednn.OneDnnLinear
    cpu = torch.device("cpu")
    model, tok = load_model_and_tokenizer(tiny_ner_model, "ner", cpu)
    reference, _ = load_model_and_tokenizer(tiny_ner_model, "ner", cpu)
    runner = TorchRunner(model, cpu, "fp32")
    assert not any(isinstance(m, torch.nn.Linear) for m in runner.model.modules())
    assert any(isinstance(m, layer_type) for m in runner.model.modules())
    assert packed == any(getattr(m, "post_op", None) == "gelu" for m in runner.model.modules())
    batch = pad_arrays([{"input_ids": tok(t)["input_ids"]} for t in split_texts("test")[:8]], tok.pad_token_id)
    with torch.inference_mode():
        want = reference(**{k: torch.from_numpy(v) for k, v in batch.items()}).logits.numpy()
    real = batch["attention_mask"].astype(bool)  # the runner gives padded places zeros (it skips them)
    assert (~real).any()
    np.testing.assert_allclose(runner(batch)[real], want[real], atol=1e-4, rtol=1e-4)
    if not packed:
        for x in (torch.zeros(0, 64), torch.randn(2, 3, 64).transpose(0, 1)):  # no rows; a non-contiguous view
            layer = next(m for m in runner.model.modules() if isinstance(m, onednn.OneDnnLinear))
            torch.testing.assert_close(layer(x), torch.nn.functional.linear(x, layer.weight, layer.bias))


@pytest.mark.parametrize(("capability", "native"), [((7, 5), False), ((8, 0), True), ((9, 0), True)])
def test_bf16_on_a_gpu_counts_only_native_support(monkeypatch, capability, native):
    """Cards before Ampere emulate bf16 (``torch.cuda.is_bf16_supported()`` says True there): they are not native."""
    asked = []
    monkeypatch.setattr(torch.cuda, "get_device_capability", lambda device=None: asked.append(device) or capability)
    assert bf16_supported(torch.device("cuda", 1)) is native
    assert asked == [torch.device("cuda", 1)]  # the card asked about, not the current one


@pytest.mark.parametrize(("dtype", "backend", "device"), [(None, None, "cuda"), ("bf16", "torch", "cuda"),
                                                          ("int8", None, "cpu"), (None, "onnx", "cpu"),
                                                          ("int8", "onnx", "cpu")])
def test_auto_device_takes_the_cpu_for_the_cpu_only_modes(monkeypatch, dtype, backend, device):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert resolve_device("auto", dtype=dtype, backend=backend).type == device
    assert resolve_device(None, dtype=dtype, backend=backend).type == device


@pytest.mark.parametrize("device", ["mps", "xpu", "meta"])
def test_a_device_arapol_does_not_run_on_is_refused_by_name(device):
    """``mps`` and ``xpu`` failed inside torch (a RuntimeError, an AssertionError), ``meta`` loaded and failed at the
    first predict (a helper's probe)."""
    with pytest.raises(ArapolError, match=rf"device '{device}': arapol runs on 'cpu' or 'cuda'"):
        resolve_device(device)


def test_threads_may_be_a_numpy_integer_and_texts_a_series_are_named(tiny_ner_model):
    """``threads=np.int64(2)`` was refused where ``batch_size`` took it; a Series of texts is refused with the fix
    (a helper's probe); an empty model path is refused, not read as the current folder."""
    predictor = arapol.load(tiny_ner_model, threads=np.int64(1))
    with pytest.raises(ArapolError, match=r"found ndarray \(a pandas Series or a numpy array: pass texts.tolist\(\)\)"):
        predictor.predict(np.array(["قال بوتين"]))
    with pytest.raises(ArapolError, match="an empty model path"):
        arapol.load("")


def test_a_read_only_folder_exports_onnx_into_the_users_cache(tiny_ner_model, tmp_path, monkeypatch):
    """Not into a shared temporary folder, where another user could plant a graph under the predictable name."""
    from arapol.inference import onnx

    monkeypatch.setenv("ARAPOL_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(onnx.os, "access", lambda path, mode: False)
    monkeypatch.setattr(onnx, "export_onnx", lambda folder, out, quantize: Path(out) / "model.onnx")
    path = onnx.find_or_export(tiny_ner_model, quantize=False)
    assert path.parent.parent == tmp_path / "cache" / "onnx"
    assert (path.parent.parent.stat().st_mode & 0o777) == 0o700


def test_saving_defaults_where_nothing_can_be_written_is_an_arapol_error(model_copy, monkeypatch):
    """A read-only folder raised a raw OSError from save_defaults (a helper's probe)."""
    import arapol.checkpoint

    def read_only(path, *args, **kwargs):
        raise OSError(30, "Read-only file system", str(path))

    monkeypatch.setattr(arapol.checkpoint, "write_json_atomic", read_only)
    with pytest.raises(arapol.ArapolError, match=r"inference.json: cannot write the saved defaults there "
                                                 r"\(Read-only file system\)"):
        save_defaults(model_copy, dtype="int8")
