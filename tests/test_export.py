"""``arapol export``: a clean folder that stock transformers and its pipeline load, and arapol too."""

from __future__ import annotations

import copy
import json
import pickle
import shutil
from pathlib import Path

import pytest
import torch
import yaml

import arapol
from arapol.checkpoint import write_bundle
from arapol.cli import main
from arapol.errors import ArapolError, InferenceOnlyError, ModelError
from arapol.export import export_model
from arapol.model_card import model_index_scores, split_front_matter

ROOT = Path(__file__).resolve().parents[1]
EXPECTED = {"README.md", "arapol.json", "config.json", "metrics.json", "model.safetensors", "tokenizer.json",
            "tokenizer_config.json", "training_config.yaml"}
CLEAN_TEXT = "قال وزير الخارجية الروسي سيرغي لافروف إن موسكو ترحب بالهدنة في حلب"


@pytest.fixture(scope="module")
def exported_ner(tiny_ner_model, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export") / "arapol-ner-tiny"
    assert main(["export", str(tiny_ner_model), str(out), "--name", "org/arapol-ner-tiny"]) == 0
    return out


def _same_logits(src: Path, dst: Path, cls, *texts: str) -> None:
    from transformers import AutoTokenizer

    a, b = cls.from_pretrained(src).eval(), cls.from_pretrained(dst).eval()
    inputs = AutoTokenizer.from_pretrained(dst)(*texts, return_tensors="pt")
    with torch.inference_mode():
        assert torch.equal(a(**inputs).logits, b(**inputs).logits)


def test_export_is_clean_and_self_contained(exported_ner, tiny_ner_model):
    assert [p.name for p in exported_ner.parent.iterdir()] == [exported_ner.name]  # no .NAME.export.lock left
    names = {p.relative_to(exported_ner).as_posix() for p in exported_ner.rglob("*")}
    assert EXPECTED <= names and not {n for n in names if n.startswith(("checkpoints", "tiny-base"))}
    assert not [n for n in names if n.endswith((".bin", ".pt", ".pth"))] and not [n for n in names if "/" in n]
    config = json.loads((exported_ner / "config.json").read_text(encoding="utf-8"))
    info = json.loads((exported_ner / "arapol.json").read_text(encoding="utf-8"))
    assert [config["id2label"][str(i)] for i in range(len(info["labels"]))] == info["labels"]
    assert config["label2id"] == {lab: i for i, lab in enumerate(info["labels"])}
    assert info["normalise"] and info["split_clitics"] is True
    tok = json.loads((exported_ner / "tokenizer_config.json").read_text(encoding="utf-8"))
    assert tok["model_max_length"] == info["max_length"] and "truncation_strategy" not in tok
    # published config: no local paths
    cfg = yaml.safe_load((exported_ner / "training_config.yaml").read_text(encoding="utf-8"))
    assert cfg["data"]["train"] == "data/ner/train.jsonl" and not Path(cfg["output_dir"]).is_absolute()
    # the card names the model as asked, and its numbers are those of metrics.json
    meta, body = split_front_matter((exported_ner / "README.md").read_text(encoding="utf-8"))
    metrics = json.loads((exported_ner / "metrics.json").read_text(encoding="utf-8"))
    assert meta["model-index"][0]["name"] == "org/arapol-ner-tiny" and '"org/arapol-ner-tiny"' in body
    assert model_index_scores(meta)[("test", "F1 (micro, strict entity)")] == metrics["test"]["f1"]
    src_metrics = json.loads((tiny_ner_model / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["test"] == src_metrics["test"]
    # readable by other users and containers, whatever modes save_pretrained and mkstemp left
    assert {p.name: p.stat().st_mode & 0o777 for p in exported_ner.iterdir() if p.is_file()} == \
        {p.name: 0o644 for p in exported_ner.iterdir() if p.is_file()}
    assert 'arapol.load("org/arapol-ner-tiny")' in body


def test_a_local_base_is_published_by_its_name_only(tiny_ner_model, tmp_path):
    import shutil

    from arapol.export import export_model

    src = tmp_path / "model"
    shutil.copytree(tiny_ner_model, src, ignore=shutil.ignore_patterns("checkpoints", "tiny-base"))
    info = json.loads((src / "arapol.json").read_text(encoding="utf-8"))
    (src / "arapol.json").write_text(json.dumps({**info, "base_model": "/home/someone/bases/my-bert"}),
                                     encoding="utf-8")
    out = export_model(src, tmp_path / "out")
    assert json.loads((out / "arapol.json").read_text(encoding="utf-8"))["base_model"] == "my-bert"


def test_stock_transformers_and_pipeline_load_it(exported_ner, tiny_ner_model):
    from transformers import AutoModelForTokenClassification, pipeline

    model = AutoModelForTokenClassification.from_pretrained(exported_ner)
    assert model.config.id2label[0] == "O" and "B-PER" in model.config.label2id
    _same_logits(tiny_ner_model, exported_ner, AutoModelForTokenClassification, CLEAN_TEXT)
    ner = pipeline("token-classification", model=str(exported_ner), aggregation_strategy="first", device="cpu")
    for text in (CLEAN_TEXT, CLEAN_TEXT * 30):              # a text longer than the window is truncated, not fatal
        out = ner(text)
        assert isinstance(out, list)
        for e in out:
            assert e["entity_group"] in {"PER", "ORG", "LOC", "MISC"}
            assert 0 <= e["start"] < e["end"] <= len(text) and text[e["start"]:e["end"]].strip()


def test_arapol_loads_the_export_the_same(exported_ner, tiny_ner_model):
    texts = [CLEAN_TEXT, json.loads((ROOT / "data/ner/test.jsonl").read_text(encoding="utf-8").splitlines()[0])["text"]]
    assert arapol.load(exported_ner).predict(texts) == arapol.load(tiny_ner_model).predict(texts)


def test_stance_export_and_bundle(tiny_ner_model, tiny_stance_model, tmp_path, caplog):
    from transformers import AutoModelForSequenceClassification

    out = export_model(tiny_stance_model, tmp_path / "stance")
    assert EXPECTED <= {p.name for p in out.iterdir()}
    _same_logits(tiny_stance_model, out, AutoModelForSequenceClassification, "وقف إطلاق النار", CLEAN_TEXT)
    with pytest.raises(ModelError, match="exists"):
        export_model(tiny_stance_model, out)
    with caplog.at_level("WARNING", logger="arapol.export"):
        assert export_model(tiny_stance_model, out, overwrite=True) == out
        assert not caplog.records  # the same task again: nothing to say
        # --force over an export of another task replaced it without a word (a helper's probe)
        export_model(tiny_ner_model, tmp_path / "other")
        export_model(tiny_stance_model, tmp_path / "other", overwrite=True)
    assert "other held a model of ner; it now holds one of stance (--force)" in caplog.text
    mine = tmp_path / "mine"  # --force replaced any folder, a user's files and all (a helper's probe)
    mine.mkdir()
    (mine / "notes.txt").write_text("precious", encoding="utf-8")
    with pytest.raises(ModelError, match=r"mine is not an arapol model folder \(no arapol.json; it holds notes.txt…\): "
                                         r"--force replaces only an earlier export"):
        export_model(tiny_stance_model, mine, overwrite=True)
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "precious"
    # ... nor a training folder, a model folder too: its checkpoints and the user's files went (a fresh user's audit)
    run = tmp_path / "run"
    shutil.copytree(tiny_stance_model, run, ignore=shutil.ignore_patterns("tiny-base"))
    (run / "notes.txt").write_text("precious", encoding="utf-8")
    before = sorted(p.relative_to(run) for p in run.rglob("*"))
    with pytest.raises(ModelError, match=r"run holds what an export does not write \(checkpoints/, notes.txt\): "
                                         r"--force replaces only an earlier export"):
        export_model(tiny_ner_model, run, overwrite=True)
    assert sorted(p.relative_to(run) for p in run.rglob("*")) == before
    assert not list(tmp_path.glob(".run.export-tmp*"))
    (out / "onnx").mkdir()  # what arapol writes into an export on first use does not stop it
    assert export_model(tiny_stance_model, out, overwrite=True) == out
    # a folder with both tasks exports each into its own sub-folder
    bundle = tmp_path / "both"
    for task, src in (("ner", tiny_ner_model), ("stance", tiny_stance_model)):
        shutil.copytree(src, bundle / task, ignore=shutil.ignore_patterns("checkpoints", "tiny-base"))
    write_bundle(bundle, {"ner": "ner", "stance": "stance"})
    both = export_model(bundle, tmp_path / "both-out")
    assert {p.name for p in both.iterdir()} == {"arapol.json", "ner", "stance"}
    assert set(arapol.load(both).predict(CLEAN_TEXT)) == {"entities", "stance"}
    only = export_model(bundle, tmp_path / "only-stance", task="stance")
    assert json.loads((only / "arapol.json").read_text(encoding="utf-8"))["task"] == "stance"
    # --force over an earlier export of the other shape: refused as holding "what an export does not write"
    # (config.json, model.safetensors...; ner/, stance/), which was (a helper's probe)
    assert export_model(bundle, only, overwrite=True) == only and set(arapol.load(only).predict(CLEAN_TEXT)) == {
        "entities", "stance"}
    assert export_model(bundle, only, task="ner", overwrite=True) == only
    assert json.loads((only / "arapol.json").read_text(encoding="utf-8"))["task"] == "ner"
    (bundle / "stance" / "notes.txt").write_text("precious", encoding="utf-8")
    shutil.copytree(bundle, tmp_path / "both-run")  # a training folder of both tasks is no earlier export
    with pytest.raises(ModelError, match=r"both-run holds what an export does not write \(.*stance/notes.txt\)"):
        export_model(tiny_ner_model, tmp_path / "both-run", overwrite=True)
    with pytest.raises(ModelError, match="outside the model folder"):
        export_model(bundle, bundle / "inside")


def test_onnx_export_replaces_an_export_only_when_it_succeeds(tiny_ner_model, tmp_path, monkeypatch, capsys):
    """``--onnx --force`` replaced the old export before the graphs were made: a failed ONNX export (say, the extra
    not installed) left the folder without its graphs (a helper's probe)."""
    from arapol.inference import onnx as ox

    out = tmp_path / "served"
    assert main(["export", str(tiny_ner_model), str(out), "--onnx"]) == 0
    graph = out / "onnx" / "model.onnx"
    meta = json.loads((out / "onnx" / "export.json").read_text(encoding="utf-8"))
    assert graph.is_file() and "source" not in meta  # no path of the user's folders (a helper's probe)
    assert str(tmp_path) not in (out / "onnx" / "export.json").read_text(encoding="utf-8")
    served = arapol.load(out, backend="onnx")
    assert served.predict(CLEAN_TEXT) == arapol.load(tiny_ner_model).predict(CLEAN_TEXT)
    for attempt in (lambda: copy.deepcopy(served), lambda: pickle.dumps(served)):  # (a raw TypeError: a probe)
        with pytest.raises(InferenceOnlyError, match="ONNX Runtime"):
            attempt()
    before = graph.read_bytes()

    def broken(*args, **kwargs):
        raise ModelError("the exporter failed")

    monkeypatch.setattr(ox, "_export_fp32", broken)
    assert main(["export", str(tiny_ner_model), str(out), "--onnx", "--force"]) == 2
    assert "the exporter failed" in capsys.readouterr().err
    assert graph.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["served"]  # nothing left beside it, not even its lock


def test_cli_int8_without_onnx_is_refused(tiny_ner_model, tmp_path, capsys):
    from arapol.cli import main

    assert main(["export", str(tiny_ner_model), str(tmp_path / "out"), "--int8"]) == 2
    assert "--int8 quantises the ONNX graph: give it with --onnx" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_pickle_only_weights_are_refused(tiny_stance_model, tmp_path):
    src = tmp_path / "pickled"
    shutil.copytree(tiny_stance_model, src, ignore=shutil.ignore_patterns("checkpoints", "tiny-base"))
    (src / "model.safetensors").rename(src / "pytorch_model.bin")
    with pytest.raises(ModelError, match="only pickle weights"):
        export_model(src, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_missing_config_json_is_named_as_load_names_it(tiny_stance_model, tmp_path):
    """Export let transformers say the folder's config.json had no `model_type`, of a file that was not there (a
    helper's probe); arapol.load and evaluate named it missing."""
    src = tmp_path / "copied"
    shutil.copytree(tiny_stance_model, src, ignore=shutil.ignore_patterns("checkpoints", "tiny-base"))
    (src / "config.json").unlink()
    with pytest.raises(ModelError, match=r"copied/config.json: missing \(the model's architecture and labels\)"):
        export_model(src, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_training_config_that_is_not_utf8_is_named(tiny_stance_model, tmp_path):
    """A damaged training_config.yaml ended export in a bare UnicodeDecodeError (a helper's probe)."""
    src = tmp_path / "damaged"
    shutil.copytree(tiny_stance_model, src, ignore=shutil.ignore_patterns("checkpoints", "tiny-base"))
    (src / "training_config.yaml").write_bytes(b"task: stance\n# caf\xe9\n")
    with pytest.raises(ModelError, match=r"training_config.yaml: not UTF-8 text"):
        export_model(src, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_export_keeps_the_saved_mode_and_no_local_paths(tiny_ner_model, tmp_path):
    from arapol.checkpoint import METRICS_FILE
    from arapol.inference.loading import save_defaults, saved_defaults

    model = Path(shutil.copytree(tiny_ner_model, tmp_path / "m", ignore=shutil.ignore_patterns("checkpoints")))
    save_defaults(model, dtype="int8")
    metrics = json.loads((model / METRICS_FILE).read_text(encoding="utf-8"))
    metrics.update(model=str(model), data=str(tmp_path / "private" / "test.jsonl"))  # as `arapol evaluate --out` writes
    (model / METRICS_FILE).write_text(json.dumps(metrics), encoding="utf-8")
    out = export_model(model, tmp_path / "out")
    assert saved_defaults(out) == {"dtype": "int8"}
    published = json.loads((out / METRICS_FILE).read_text(encoding="utf-8"))
    assert published["model"] == "m" and str(tmp_path) not in json.dumps(published)


def test_a_saved_tokenizer_names_a_class_transformers_4_knows(tmp_path):
    """transformers 5 saves a tokenizer read from tokenizer.json as ``TokenizersBackend``, which 4.x cannot load;
    saved as ``PreTrainedTokenizerFast`` it reads to the same ids in both, without the flags left from loading."""
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import AutoTokenizer, PreTrainedTokenizerFast

    from arapol.checkpoint import save_tokenizer

    pieces = [("<unk>", 0.0), ("<s>", 0.0), ("</s>", 0.0), ("<pad>", 0.0), ("▁", -2.0), ("▁قال", -3.0),
              ("▁بوتين", -3.0), ("ب", -4.0), ("و", -4.0), ("ت", -4.0), ("ي", -4.0), ("ن", -4.0)]
    backend = Tokenizer(models.Unigram(pieces, unk_id=0))
    backend.pre_tokenizer = pre_tokenizers.Metaspace()
    backend.save(str(tmp_path / "tokenizer.json"))
    PreTrainedTokenizerFast(tokenizer_file=str(tmp_path / "tokenizer.json"), unk_token="<unk>", cls_token="<s>",
                            sep_token="</s>", pad_token="<pad>").save_pretrained(tmp_path / "a")
    loaded = AutoTokenizer.from_pretrained(tmp_path / "a")
    assert json.loads((tmp_path / "a" / "tokenizer_config.json").read_text())["tokenizer_class"] == "TokenizersBackend"
    save_tokenizer(loaded, tmp_path / "b", 128)
    saved = json.loads((tmp_path / "b" / "tokenizer_config.json").read_text(encoding="utf-8"))
    assert saved["tokenizer_class"] == "PreTrainedTokenizerFast" and saved["model_max_length"] == 128
    assert not {"is_local", "local_files_only"} & saved.keys()
    again = AutoTokenizer.from_pretrained(tmp_path / "b")
    for text in ("قال بوتين", "وبوتين قال"):
        assert again(text)["input_ids"] == loaded(text)["input_ids"]


def test_the_stock_pipeline_reads_an_exported_stance_model_as_arapol_does(tiny_stance_model, tmp_path):
    """The saved tokenizer made no segment ids, so the stock pipeline (and the hub widget) fed zeros where arapol
    feeds the text's: labels differed (a helper's probe)."""
    from transformers import AutoTokenizer, pipeline

    out = export_model(tiny_stance_model, tmp_path / "stance")
    assert "token_type_ids" in AutoTokenizer.from_pretrained(out)("الهدنة", "نص")
    p = arapol.load(out)
    target = p.stance.info.target
    texts = [json.loads(line)["text"] for line in
             (ROOT / "data/stance/test.jsonl").read_text(encoding="utf-8").splitlines()][:12]
    stock = pipeline("text-classification", model=str(out), device="cpu")
    norm = p.stance.normaliser.text  # the pipeline reads the text as given: give it what arapol's model reads
    got = [r["label"] for r in stock([{"text": norm(target), "text_pair": norm(t)} for t in texts])]
    assert got == [r["stance"]["label"] for r in p.predict(texts)]


@pytest.mark.parametrize("name", ['my org/ner "x"', "org/name/extra", "a b", "../up"])
def test_a_name_that_the_cards_code_cannot_load_is_refused(tiny_ner_model, tmp_path, name):
    """``--name 'my org/ner "x"'`` wrote ``arapol.load("my org/ner "x"")`` into the card (a helper's probe)."""
    with pytest.raises(ArapolError, match=r"--name .*: expected ORG/NAME"):
        export_model(tiny_ner_model, tmp_path / "out", name=name)
    assert not (tmp_path / "out").exists()


def test_one_export_at_a_time_into_a_folder(tiny_stance_model, tmp_path):
    """Two exports into one folder shared the folder they build in: one could publish the other's weights under its
    own metadata, both reporting success (a helper's probe). The second now stops, naming the folder; the first's
    export is whole."""
    from arapol.checkpoint import exclusive_lock

    out = tmp_path / "pub"
    with exclusive_lock(tmp_path / ".pub.export.lock", "held by this test"):
        with pytest.raises(ArapolError, match=r"pub: another export is writing this folder now"):
            export_model(tiny_stance_model, out)
    assert not out.exists() and not (tmp_path / ".pub.export-tmp").exists()
    assert export_model(tiny_stance_model, out) == out and (out / "model.safetensors").is_file()
