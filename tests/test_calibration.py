"""int8 calibration: measured activation ranges, saved with the model, smooth the int8 layers (SmoothQuant)."""

import json
import shutil
from pathlib import Path

import pytest
import torch
from safetensors.torch import load_file, save_file

import arapol
from arapol.checkpoint import CALIBRATION_FILE
from arapol.errors import ArapolError, InferenceOnlyError, ModelError
from arapol.export import export_model
from arapol.hub import HubError, validate_folder
from arapol.inference.calibration import calibrate, calibration_digest, read_calibration
from arapol.inference.onednn import LINEAR_LAYERS
from arapol.inference.quantize import Int8Linear, int8_supported, smoothing_factors

ROOT = Path(__file__).resolve().parents[1]
needs_int8 = pytest.mark.skipif(not int8_supported(), reason="no torch._int_mm")


def texts(split: str) -> list[str]:
    lines = (ROOT / f"data/ner/{split}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines if line.strip()]


@pytest.fixture
def ner_copy(tiny_ner_model, tmp_path) -> Path:
    return Path(shutil.copytree(tiny_ner_model, tmp_path / "ner"))




def linear_names(model: torch.nn.Module) -> dict[str, int]:
    return {n: m.in_features for n, m in model.named_modules() if isinstance(m, LINEAR_LAYERS)}


def test_smoothing_keeps_the_float_product():
    torch.manual_seed(0)
    lin = torch.nn.Linear(16, 8)
    x = torch.randn(5, 16)
    s = smoothing_factors(x.abs().amax(0), lin.weight)
    assert torch.allclose((x / s) @ (lin.weight * s).T, x @ lin.weight.T, atol=1e-5)


@needs_int8
def test_smoothing_rescues_inputs_with_outlier_channels():
    torch.manual_seed(0)
    lin = torch.nn.Linear(256, 256)
    x = torch.randn(64, 256)
    x[:, :4] *= 80.0  # a few channels far larger than the rest, as in trained encoders
    want = lin(x)
    plain = (Int8Linear(lin)(x) - want).norm() / want.norm()
    smoothed_layer = Int8Linear(lin, x.abs().amax(0))
    smoothed = (smoothed_layer(x) - want).norm() / want.norm()
    assert smoothed < plain / 2, (float(smoothed), float(plain))
    assert "smoothed" in repr(smoothed_layer)
    with pytest.raises(ValueError, match=r"input_max has shape \(3,\), expected \(256,\)"):
        Int8Linear(lin, torch.ones(3))


def test_training_saves_a_calibration_that_fits_the_model(tiny_ner_model, tiny_stance_model):
    for folder in (tiny_ner_model, tiny_stance_model):
        task = json.loads((folder / "arapol.json").read_text())["task"]
        model = arapol.load(folder, dtype="fp32").ner if task == "ner" else arapol.load(folder, dtype="fp32").stance
        saved = load_file(str(folder / CALIBRATION_FILE))
        assert {n: int(t.shape[0]) for n, t in saved.items()} == linear_names(model.model)
        assert all(bool((t >= 0).all()) and float(t.max()) > 0 for t in saved.values())


def test_calibrate_measures_the_largest_input_of_each_layer(ner_copy):
    sample = texts("train")[:5]
    path = calibrate(ner_copy, sample)
    assert path == ner_copy / CALIBRATION_FILE
    saved = load_file(str(path))
    clf = arapol.load(ner_copy, dtype="fp32").ner
    seen: dict[str, torch.Tensor] = {}

    def record(name):
        def hook(_m, args):
            peak = args[0].detach().reshape(-1, args[0].shape[-1]).abs().amax(0)
            seen[name] = torch.maximum(seen[name], peak) if name in seen else peak
        return hook

    for name, mod in clf.model.named_modules():
        if isinstance(mod, LINEAR_LAYERS):
            mod.register_forward_pre_hook(record(name))
    for text in sample:  # one at a time: no padding
        clf.word_probabilities([text])
    assert saved.keys() == seen.keys()
    for name in saved:
        assert torch.allclose(saved[name], seen[name], rtol=1e-5, atol=1e-6), name


def test_calibrate_refuses_no_texts(ner_copy):
    with pytest.raises(ArapolError, match="no texts given"):
        calibrate(ner_copy, ["", "   "])


def test_calibrate_reads_one_string_as_one_text_and_refuses_what_is_no_text(ner_copy):
    """A string is one text, as predict reads it (a review: each of its characters was a text, and that
    calibration replaced training's); an item that is no string is refused, not left out."""
    from safetensors import safe_open

    before = (ner_copy / CALIBRATION_FILE).read_bytes()
    with pytest.raises(ArapolError, match=r"texts\[1\] is an int, expected a string"):
        calibrate(ner_copy, ["قال بوتين في موسكو", 42])
    with pytest.raises(ArapolError, match="texts must be a string or a list or tuple of strings, found dict"):
        calibrate(ner_copy, {"text": "قال بوتين في موسكو"})
    assert (ner_copy / CALIBRATION_FILE).read_bytes() == before
    with safe_open(str(calibrate(ner_copy, "أعلن الطرفان التزامهما بوقف إطلاق النار")), "pt") as fh:
        assert fh.metadata()["texts"] == "1"


@needs_int8
def test_int8_uses_the_calibration(ner_copy, check_spans, monkeypatch):
    from arapol.inference import backend

    monkeypatch.setattr(backend, "int8_dot_missing", lambda: False)  # int8 where it is slow too: its numbers count
    calibrate(ner_copy, texts("train"))
    clf = arapol.load(ner_copy, dtype="int8").ner
    layers = [m for m in clf.model.modules() if isinstance(m, Int8Linear)]
    assert layers and all(m.input_smoothing is not None for m in layers)
    sample = texts("test")
    for text, res in zip(sample, arapol.load(ner_copy, dtype="int8").predict(sample)):
        check_spans(text, res["entities"])
    (ner_copy / CALIBRATION_FILE).unlink()
    clf = arapol.load(ner_copy, dtype="int8").ner  # an older model without one: unsmoothed
    assert all(m.input_smoothing is None for m in clf.model.modules() if isinstance(m, Int8Linear))


@needs_int8
def test_the_one_line_form_reloads_after_calibrate_only_the_int8_model(ner_copy, monkeypatch):
    """`arapol calibrate` changes what int8 runs, not fp32 nor bf16: `arapol.predict` loaded an fp32 model from disk
    again after it (a review), and reuses it now, while int8 loads with the new calibration."""
    from arapol.inference import backend

    monkeypatch.setattr(backend, "int8_dot_missing", lambda: False)  # int8 where it is slow too
    loads = []
    real = arapol.load
    monkeypatch.setattr(arapol, "load", lambda *a, **k: loads.append(k["dtype"]) or real(*a, **k))
    text = "قال بوتين في موسكو"
    arapol._cached.cache_clear()
    try:
        fp32 = arapol.predict(text, model=ner_copy, dtype="fp32")
        arapol.predict(text, model=ner_copy, dtype="int8")
        calibrate(ner_copy, texts("dev")[:4])
        assert arapol.predict(text, model=ner_copy, dtype="fp32") == fp32 and loads == ["fp32", "int8"]
        arapol.predict(text, model=ner_copy, dtype="int8")
        assert loads == ["fp32", "int8", "int8"]
    finally:
        arapol._cached.cache_clear()


def test_a_calibration_of_another_model_is_refused(ner_copy):
    from arapol.inference.loading import load_trained_model

    model = load_trained_model(ner_copy, "ner")
    name = next(iter(linear_names(model)))
    save_file({name: torch.ones(3)}, str(ner_copy / CALIBRATION_FILE))
    with pytest.raises(ModelError, match=rf"{CALIBRATION_FILE}: entry '{name}' with shape \(3,\) does not fit"):
        read_calibration(ner_copy, model)
    save_file({"no.such.layer": torch.ones(3)}, str(ner_copy / CALIBRATION_FILE))
    with pytest.raises(ModelError, match="no such linear layer"):
        read_calibration(ner_copy, model)
    (ner_copy / CALIBRATION_FILE).write_bytes(b"not safetensors")
    with pytest.raises(ModelError, match="unreadable int8 calibration"):
        read_calibration(ner_copy, model)


def test_a_calibration_of_weights_replaced_since_is_named(ner_copy, caplog):
    """Weights replaced by hand after calibrating (another seed's, of the same shapes): int8 smoothed with the old
    calibration without a word (a helper's probe). The calibration records the weights it was measured on."""
    import logging

    from arapol.inference.loading import load_trained_model

    model = load_trained_model(ner_copy, "ner")
    calibrate(ner_copy, texts("dev")[:4])
    with caplog.at_level(logging.WARNING, logger="arapol.inference.calibration"):
        assert read_calibration(ner_copy, model) is not None
        assert "measured on other weights" not in caplog.text
        weights = load_file(str(ner_copy / "model.safetensors"))
        name = next(iter(weights))
        save_file({**weights, name: weights[name] + 0.01}, str(ner_copy / "model.safetensors"),
                  metadata={"format": "pt"})
        assert read_calibration(ner_copy, model) is not None
    assert (f"{CALIBRATION_FILE}: measured on other weights than model.safetensors holds now (the model was "
            "retrained or replaced since)") in caplog.text


def test_the_calibration_travels_with_the_model_but_is_not_weights(ner_copy, tmp_path):
    out = export_model(ner_copy, tmp_path / "export")
    assert (out / CALIBRATION_FILE).read_bytes() == (ner_copy / CALIBRATION_FILE).read_bytes()
    assert CALIBRATION_FILE in {f.path for f in validate_folder(out)[0]}  # published with the model
    (out / "model.safetensors").unlink()
    with pytest.raises(HubError, match=r"no model weights \(model.safetensors\) at the top"):
        validate_folder(out)
    with pytest.raises(ModelError, match=r"no model weights \(model.safetensors\) found"):
        arapol.load(out)
    with pytest.raises(ModelError, match=r"no model weights \(model.safetensors\)"):
        export_model(out, tmp_path / "again")


def test_onnx_int8_is_smoothed_with_the_calibration(ner_copy, tmp_path):
    pytest.importorskip("onnxruntime")
    onnx = pytest.importorskip("onnx")
    from arapol.inference.loading import load_trained_model
    from arapol.inference.onnx import FP32_FILE, META_FILE, _matches_torch, export_onnx, input_names
    from arapol.inference.onnx_smoothing import smooth_graph

    calibrate(ner_copy, texts("train"))
    int8 = export_onnx(ner_copy, quantize=True)
    meta = json.loads((int8.parent / META_FILE).read_text())
    assert meta["int8"]["smoothing"]["calibration"] == calibration_digest(ner_copy)
    assert meta["int8_smoothed"] is True
    assert sum(n.op_type == "Mul" and n.name.endswith("_smooth") for n in onnx.load(str(int8)).graph.node) > 0
    model = load_trained_model(ner_copy, "ner")
    smoothed = tmp_path / "smoothed.onnx"
    count = smooth_graph(int8.parent / FP32_FILE, smoothed, model, read_calibration(ner_copy, model), 0.8)
    layers = model.config.num_hidden_layers
    assert count == 4 * layers + 1  # per layer the fused attention (Q, K, V), its output, the FFN's two; the classifier
    assert sum(n.op_type == "Mul" and n.name.endswith("_smooth") for n in onnx.load(str(smoothed)).graph.node) == count
    assert _matches_torch(smoothed, model, input_names(ner_copy))  # the float graph computes the same
    (ner_copy / CALIBRATION_FILE).unlink()
    export_onnx(ner_copy, quantize=True)  # the int8 graph was smoothed with a calibration that is gone: redone
    assert json.loads((int8.parent / META_FILE).read_text())["int8"]["smoothing"]["calibration"] is None


def test_texts_that_reach_no_model_save_nothing(ner_copy):
    before = (ner_copy / CALIBRATION_FILE).read_bytes()  # training's
    with pytest.raises(ArapolError, match="none of the 2 texts reached the model"):
        calibrate(ner_copy, ["ـــ", "\u064b\u064c"])
    assert (ner_copy / CALIBRATION_FILE).read_bytes() == before
    from arapol.inference.loading import load_trained_model

    save_file({}, str(ner_copy / CALIBRATION_FILE))  # an empty file smooths nothing: read as none
    assert read_calibration(ner_copy, load_trained_model(ner_copy, "ner")) is None


def test_the_model_card_counts_weights_not_the_calibration(ner_copy):
    from arapol.model_card import _parameter_count

    weights = sum(t.numel() for t in load_file(str(ner_copy / "model.safetensors")).values())
    assert (ner_copy / CALIBRATION_FILE).is_file() and _parameter_count(ner_copy) == weights


def test_another_model_s_calibration_is_neither_exported_nor_published(ner_copy, tiny_stance_model, tmp_path):
    shutil.copyfile(tiny_stance_model / CALIBRATION_FILE, ner_copy / CALIBRATION_FILE)
    with pytest.raises(ModelError, match="a calibration of another model"):
        export_model(ner_copy, tmp_path / "export")
    assert not (tmp_path / "export").exists()
    (ner_copy / CALIBRATION_FILE).unlink()
    out = export_model(ner_copy, tmp_path / "export")
    shutil.copyfile(tiny_stance_model / CALIBRATION_FILE, out / CALIBRATION_FILE)
    with pytest.raises(HubError, match="entries fit no linear layer of the weights"):
        validate_folder(out)


def test_an_onnx_graph_the_calibration_does_not_fit_is_quantised_unsmoothed_once(ner_copy, monkeypatch, caplog):
    pytest.importorskip("onnxruntime")
    onnx = pytest.importorskip("onnx")
    import arapol.inference.onnx_smoothing as smoothing
    from arapol.inference.onnx import META_FILE, export_onnx, find_or_export

    calibrate(ner_copy, texts("train")[:20])
    monkeypatch.setattr(smoothing, "smooth_graph", lambda src, dst, *a: 0)  # as for a graph of unknown layers
    int8 = export_onnx(ner_copy, quantize=True)
    assert "could not be applied to the ONNX graph" in caplog.text
    assert json.loads((int8.parent / META_FILE).read_text())["int8_smoothed"] is False
    assert not any(n.name.endswith("_smooth") for n in onnx.load(str(int8)).graph.node)
    before = int8.stat().st_mtime_ns
    assert find_or_export(ner_copy, quantize=True) == int8 and int8.stat().st_mtime_ns == before  # not redone


def test_an_identical_recalibration_keeps_the_onnx_int8_graph(ner_copy, monkeypatch):
    """`arapol calibrate` redone on the same texts rewrites the file (another time, and safetensors writes its
    metadata in no fixed order), and the int8 graph was quantised again, slow on a real model (a review): the graph
    is stamped by what the calibration holds, so only a calibration that holds other maxima redoes it."""
    pytest.importorskip("onnxruntime")
    pytest.importorskip("onnx")
    import arapol.inference.onnx as onnx_module

    quantised = []
    quantize = onnx_module._quantize
    monkeypatch.setattr(onnx_module, "_quantize", lambda *a: quantised.append(a[0]) or quantize(*a))
    sample = texts("train")[:6]
    calibrate(ner_copy, sample)
    int8 = onnx_module.find_or_export(ner_copy, quantize=True)
    assert len(quantised) == 1
    calibrate(ner_copy, sample)  # the same maxima, in a file written again
    assert onnx_module.find_or_export(ner_copy, quantize=True) == int8 and len(quantised) == 1
    calibrate(ner_copy, texts("dev")[:6])  # other texts: other maxima
    assert onnx_module.find_or_export(ner_copy, quantize=True) == int8 and len(quantised) == 2


def test_an_int8_graph_an_earlier_arapol_stamped_by_the_calibration_s_size_and_time_is_kept(ner_copy, monkeypatch):
    """Stamping the calibration by its digest quantised every graph exported before once more, slow on a real model
    and back and forth in a folder two versions share (a regression hunt): a recorded size and time the file still
    has is taken as its digest."""
    pytest.importorskip("onnxruntime")
    pytest.importorskip("onnx")
    import arapol.inference.onnx as onnx_module
    from arapol.checkpoint import file_stamp

    quantised = []
    quantize = onnx_module._quantize
    monkeypatch.setattr(onnx_module, "_quantize", lambda *a: quantised.append(a[0]) or quantize(*a))
    calibrate(ner_copy, texts("train")[:6])
    int8 = onnx_module.find_or_export(ner_copy, quantize=True)
    meta_path = int8.parent / onnx_module.META_FILE
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["int8"]["smoothing"]["calibration"] = file_stamp(ner_copy / CALIBRATION_FILE)  # as 0.2.0 wrote it
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    assert onnx_module.find_or_export(ner_copy, quantize=True) == int8 and len(quantised) == 1
    meta["int8"]["smoothing"]["calibration"] = [1, 2]  # a calibration since replaced
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    assert onnx_module.find_or_export(ner_copy, quantize=True) == int8 and len(quantised) == 2


def test_cli_calibrates_each_model_of_a_bundle(ner_copy, tiny_stance_model, tmp_path, capsys, monkeypatch):
    from arapol.checkpoint import write_bundle
    from arapol.cli import main

    bundle = tmp_path / "bundle"
    shutil.copytree(ner_copy, bundle / "ner")
    shutil.copytree(tiny_stance_model, bundle / "stance")
    write_bundle(bundle, {"ner": "ner", "stance": "stance"})
    for sub in ("ner", "stance"):
        (bundle / sub / CALIBRATION_FILE).unlink()
    lines = tmp_path / "texts.txt"
    lines.write_text("\n".join(texts("dev")[:6]) + "\n\n", encoding="utf-8")
    assert main(["calibrate", str(bundle), str(lines)]) == 0
    out = capsys.readouterr().out
    for sub in ("ner", "stance"):
        assert f"{sub}: wrote {bundle / sub / CALIBRATION_FILE}" in out
        assert load_file(str(bundle / sub / CALIBRATION_FILE))
    records = tmp_path / "texts.jsonl"
    records.write_text('{"text": "رحبت موسكو بالهدنة"}\n{"body": "لا نص"}\n', encoding="utf-8")
    assert main(["calibrate", str(bundle / "ner"), str(records)]) == 2
    assert f"{records}:2" in capsys.readouterr().err
    assert main(["calibrate", str(bundle / "ner"), str(lines), "--max-texts", "0"]) == 2
    assert "max_texts must be at least 1" in capsys.readouterr().err
    # files whose lines are no texts replaced the calibration with one of JSON or CSV lines (a helper's probe)
    saved = (bundle / "ner" / CALIBRATION_FILE).read_bytes()
    for name, content in (("texts.json", '[\n  {"text": "رحبت موسكو"}\n]\n'), ("texts.csv", "text,stance\nنص,favor\n")):
        (tmp_path / name).write_text(content, encoding="utf-8")
        assert main(["calibrate", str(bundle / "ner"), str(tmp_path / name)]) == 2
        assert f"a {Path(name).suffix} file's lines are not texts" in capsys.readouterr().err
    assert main(["calibrate", str(bundle / "ner"), str(lines), "--text-field", "body"]) == 2
    assert "--text-field and --target-field name fields of a .jsonl file" in capsys.readouterr().err
    assert main(["calibrate", str(bundle / "ner"), str(lines), "--target", "الهدنة"]) == 2
    assert "holds no stance model" in capsys.readouterr().err
    assert main(["calibrate", str(bundle / "ner"), str(records), "--target-field", "topic"]) == 2
    assert "--target-field is for the stance target, and" in capsys.readouterr().err
    assert (bundle / "ner" / CALIBRATION_FILE).read_bytes() == saved
    assert main(["calibrate", str(bundle / "ner"), str(lines)]) == 0
    assert f"ner: replaced {bundle / 'ner' / CALIBRATION_FILE}" in capsys.readouterr().out
    numbered = tmp_path / "numbered.jsonl"  # an NER model reads no target: its records' target field is not read
    numbered.write_text('{"text": "رحبت موسكو بالهدنة", "target": 0}\n', encoding="utf-8")
    assert main(["calibrate", str(bundle / "ner"), str(numbered)]) == 0
    capsys.readouterr()

    def read_only(path, *args, **kwargs):  # (a read-only mount: root, as tests run here, ignores chmod)
        raise OSError(30, "Read-only file system", str(path))

    import arapol.inference.calibration

    monkeypatch.setattr(arapol.inference.calibration, "atomic_writer", read_only)
    assert main(["calibrate", str(bundle / "ner"), str(lines)]) == 2  # a raw [Errno 30] (a helper's probe)
    assert (f"{bundle / 'ner'}: cannot write its calibration there (Read-only file system): calibrate a copy of "
            "the model") in capsys.readouterr().err
    with pytest.raises(ArapolError, match="cannot write its calibration there"):  # Python callers too (a probe)
        calibrate(bundle / "ner", texts("dev")[:2])


def test_calibrate_refuses_a_target_predict_refuses(tiny_stance_model, tmp_path, capsys):
    """`arapol calibrate --target ''` read the model's own target, and a text-only model's --target was ignored,
    where predict refuses both (a review): the calibration is kept."""
    from arapol.cli import main

    folder = Path(shutil.copytree(tiny_stance_model, tmp_path / "stance",
                                  ignore=shutil.ignore_patterns("checkpoints", "tiny-base")))
    lines = tmp_path / "texts.txt"
    lines.write_text("\n".join(texts("dev")[:3]) + "\n", encoding="utf-8")
    saved = (folder / CALIBRATION_FILE).read_bytes()
    assert main(["calibrate", str(folder), str(lines), "--target", ""]) == 2
    assert "target is blank: give the stance target, or leave it out" in capsys.readouterr().err
    info = json.loads((folder / "arapol.json").read_text(encoding="utf-8"))
    (folder / "arapol.json").write_text(json.dumps({**info, "text_only": True}, ensure_ascii=False), encoding="utf-8")
    assert main(["calibrate", str(folder), str(lines), "--target", "الهدنة"]) == 2
    assert "reads the text alone (trained with text_only: true" in capsys.readouterr().err
    with pytest.raises(ArapolError, match="reads the text alone"):
        calibrate(folder, texts("dev")[:3], target="الهدنة")
    assert (folder / CALIBRATION_FILE).read_bytes() == saved
    assert main(["calibrate", str(folder), str(lines)]) == 0


def test_a_damaged_calibration_is_not_published(ner_copy, tmp_path):
    from safetensors.torch import save_file

    out = export_model(ner_copy, tmp_path / "export")
    maxima = load_file(str(out / CALIBRATION_FILE))
    first = sorted(maxima)[0]
    maxima[first] = maxima[first].clone().fill_(float("nan"))  # what dtype='int8' would refuse after download
    save_file(maxima, str(out / CALIBRATION_FILE))
    with pytest.raises(HubError, match=rf"1 entries hold negative or non-finite maxima \(e.g. '{first}'\)"):
        validate_folder(out)


def test_an_int8_model_has_no_state_dict_to_save():
    """Its int8 weights are buffers outside the state dict: save_pretrained() wrote a model without its linear
    layers' weights, silently (a helper's probe)."""
    model = torch.nn.Sequential(Int8Linear(torch.nn.Linear(4, 4)))
    with pytest.raises(InferenceOnlyError, match="load the model again from its folder"):
        model.state_dict()


def test_a_model_of_several_targets_is_calibrated_toward_each(tmp_path):
    """A fresh user's audit: a model trained on its own targets (its config's ``target`` only the default of records
    without one, as for Mawqif) has no default target, and training saved no calibration («no stance target given»):
    int8 then ran unsmoothed. Each training text is now read toward its own target."""
    from arapol.cli import main

    root = Path(__file__).resolve().parents[1]
    records = [json.loads(line) for line in (root / "data/stance/train.jsonl").read_text(encoding="utf-8").splitlines()
               if line.strip()][:64]
    train = tmp_path / "two.jsonl"
    train.write_text("".join(json.dumps({**r, "target": ("الهدنة", "المفاوضات")[i % 2]}, ensure_ascii=False) + "\n"
                             for i, r in enumerate(records)), encoding="utf-8")
    out = tmp_path / "model"
    assert main(["train", str(root / "configs/stance_tiny.yaml"), "--set", f"output_dir={out}", "--set",
                 f"data.train={train}", "--set", "data.dev=null", "--set", "data.test=null", "--set",
                 "training.num_train_epochs=1"]) == 0
    assert load_file(str(out / CALIBRATION_FILE))
    texts = [r["text"] for r in records[:4]]
    with pytest.raises(ArapolError, match="no stance target given"):
        calibrate(out, texts)
    with pytest.raises(ArapolError, match="3 targets for 4 texts"):
        calibrate(out, texts, target=["الهدنة"] * 3)
    assert calibrate(out, texts, target=["الهدنة", "المفاوضات"] * 2) == out / CALIBRATION_FILE
    # the command reads each record's target too (it read texts only, and its error said to give a target field in
    # each record: a helper's probe); --target still reads them all toward one, and a bad target names its line
    assert main(["calibrate", str(out), str(train), "--max-texts", "8"]) == 0
    assert main(["calibrate", str(out), str(train), "--max-texts", "8", "--target", "الهدنة"]) == 0
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"text": "نص", "target": 3}) + "\n", encoding="utf-8")
    assert main(["calibrate", str(out), str(bad)]) == 2
    untargeted = tmp_path / "untargeted.jsonl"
    untargeted.write_text(json.dumps({"text": texts[0]}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["calibrate", str(out), str(untargeted)]) == 2  # no target, and the model has no default one
