"""The model card: filled from a real training run, metadata that parses, numbers equal to metrics.json."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from arapol.errors import ModelError
from arapol.model_card import (
    TEMPLATE,
    expected_scores,
    model_index_scores,
    render_card,
    render_template,
    split_front_matter,
    write_model_card,
)


def _card(folder: Path) -> tuple[dict, str]:
    return split_front_matter((folder / "README.md").read_text(encoding="utf-8"))


def _copy_model(src: Path, dst: Path) -> Path:
    """The top-level files of a model folder (not its checkpoints)."""
    dst.mkdir(parents=True)
    for f in src.iterdir():
        if f.is_file():
            shutil.copy2(f, dst / f.name)
    return dst


def _metric(meta: dict, split: str, name: str) -> float:
    return model_index_scores(meta)[(split, name)]


@pytest.mark.parametrize("fixture", ["tiny_ner_model", "tiny_stance_model"])
def test_training_writes_a_card_from_the_run(fixture, request):
    folder: Path = request.getfixturevalue(fixture)
    meta, body = _card(folder)
    assert meta == yaml.safe_load((folder / "README.md").read_text(encoding="utf-8").split("---")[1])
    metrics = json.loads((folder / "metrics.json").read_text(encoding="utf-8"))
    config = yaml.safe_load((folder / "training_config.yaml").read_text(encoding="utf-8"))
    info = json.loads((folder / "arapol.json").read_text(encoding="utf-8"))
    ner = info["task"] == "ner"

    assert meta["language"] == ["ar"] and meta["license"] == "apache-2.0" and meta["library_name"] == "transformers"
    assert meta["pipeline_tag"] == ("token-classification" if ner else "text-classification")
    assert "base_model" not in meta                      # tiny:bert is randomly initialised: no base to name
    assert "datasets" not in meta and "test-model" in meta["tags"]  # the hub reads datasets as hub dataset ids
    # model-index: the held-out numbers of metrics.json, exactly; the dev split chose the epoch, so it stays out
    names = (["Precision (micro, strict entity)", "precision"], ["Recall (micro, strict entity)", "recall"],
             ["F1 (micro, strict entity)", "f1"], ["F1 (macro over types, strict entity)", "macro_f1"]) if ner else \
        (["Accuracy", "accuracy"], ["F1 (macro over classes)", "macro_f1"])
    for name, key in names:
        assert _metric(meta, "test", name) == metrics["test"][key]
    assert len(model_index_scores(meta)) == len(names)
    assert meta["model-index"][0]["results"][0]["dataset"] == {
        "name": f"arapol bundled {'NER' if ner else 'stance'} corpus", "type": f"arapol-{info['task']}",
        "split": "test"}

    # the body: labels, normalisation, data, hyperparameters, seed, versions, use and limitations
    for label in info["labels"]:
        assert f"`{label}`" in body
    for step in info["normalise"]:
        assert f"`{step}`" in body
    assert f"**Seed**: {config['training']['seed']}" in body
    assert f"**Epochs**: {metrics['train']['epochs']}" in body
    train = metrics["train"]  # the tiny configs have a dev file: the best epoch on it is kept
    assert train["selection"] == ("best dev f1 (entity F1, Viterbi decoding)" if ner else "best dev macro_f1")
    assert train["metric"] == ("f1" if ner else "macro_f1")
    assert 1 <= train["best_epoch"] <= train["epochs"] and 0 <= train["best_dev"] <= 1
    # the dev score that picked the epoch is the saved model's, scored as `arapol evaluate` scores it
    assert train["best_dev"] == pytest.approx(metrics["dev"][train["metric"]], abs=1e-4)
    assert f"**Model selection**: {train['selection']}, kept epoch {train['best_epoch']:g}" in body
    assert f"| `learning_rate` | {config['training']['learning_rate']} |" in body
    assert f"| train | `data/{info['task']}/train.jsonl` |" in body and str(metrics["train"]["examples"]) in body
    import torch
    import transformers
    assert f"transformers {transformers.__version__}" in body and f"torch {torch.__version__}" in body
    for section in ("## Intended use", "## Limitations and bias", "Modern Standard Arabic", "What the labels mean",
                    "**A test model.**", "does **not** apply arapol's preprocessing"):
        assert section in body
    assert ("each punctuation mark as a word of its own" in body) == ner  # what else the NER pipeline reads apart
    assert ("pass `text.strip()`" in body) == (not ner)  # and the stance one
    assert "{{" not in body and "<!--" not in body and "/tmp" not in body and str(Path.home()) not in body
    for split in ("test", "dev"):  # the card's text shows both
        assert f"{metrics[split]['f1' if ner else 'macro_f1']:.4f}" in body


def test_hub_reads_the_card(tiny_ner_model):
    hub = pytest.importorskip("huggingface_hub")
    card = hub.ModelCard((tiny_ner_model / "README.md").read_text(encoding="utf-8"))
    assert card.data.language == ["ar"] and card.data.license == "apache-2.0"
    results = {(r.dataset_split, r.metric_name): r.metric_value for r in card.data.eval_results}
    metrics = json.loads((tiny_ner_model / "metrics.json").read_text(encoding="utf-8"))
    assert results[("test", "F1 (micro, strict entity)")] == metrics["test"]["f1"]
    assert hub.metadata_load(tiny_ner_model / "README.md")["pipeline_tag"] == "token-classification"


def test_missing_facts_are_left_out(tiny_stance_model, tmp_path):
    folder = _copy_model(tiny_stance_model, tmp_path / "bare")
    (folder / "metrics.json").unlink()
    (folder / "training_config.yaml").unlink()
    write_model_card(folder)
    meta, body = _card(folder)
    assert "model-index" not in meta and "datasets" not in meta
    assert "license" not in meta                         # unknown training data: no licence claimed
    assert "No held-out scores" in body and "### Hyperparameters" not in body and "### Data" not in body
    assert "**Seed**" not in body and "Apache-2.0" not in body and "{{" not in body


def test_a_split_missing_classes_publishes_no_score(tiny_stance_model, tmp_path):
    """A dev split of favor records alone gave a model that calls every text favor accuracy and macro-F1 1.0 in
    the hub's metadata (a review): such a split is left out of it, and the results say what its scores cover."""
    folder = _copy_model(tiny_stance_model, tmp_path / "one-class")
    metrics = json.loads((folder / "metrics.json").read_text(encoding="utf-8"))
    del metrics["test"]
    metrics["dev"] = {**metrics["dev"], "accuracy": 1.0, "macro_f1": 1.0, "absent": ["against", "none"]}
    (folder / "metrics.json").write_text(json.dumps(metrics), encoding="utf-8")
    write_model_card(folder)
    meta, body = _card(folder)
    assert "model-index" not in meta
    assert ("dev cover only favor: against, none had neither an example nor a prediction there, so they are left "
            "out of its macro-F1 and the card's metadata leaves this split out") in " ".join(body.split())
    metrics["dev"]["absent"] = []  # every class met: the dev score is the card's (nothing else was scored)
    (folder / "metrics.json").write_text(json.dumps(metrics), encoding="utf-8")
    write_model_card(folder)
    meta, body = _card(folder)
    assert _metric(meta, "dev", "F1 (macro over classes)") == 1.0 and "cover only" not in body


def test_a_split_missing_entity_types_publishes_no_macro_score(tiny_ner_model, tmp_path):
    """A test file without MISC gave a macro-F1 over PER, ORG and LOC alone, published in the hub's metadata and
    the results as the model's (the metrics review): the micro scores stay, the macro one is left out of the
    metadata and marked in the text; push's check expects the same."""
    folder = _copy_model(tiny_ner_model, tmp_path / "no-misc")
    metrics = json.loads((folder / "metrics.json").read_text(encoding="utf-8"))
    metrics["test"] = {**metrics["test"], "absent_types": ["MISC"]}
    metrics["test"]["per_type"].pop("MISC", None)
    (folder / "metrics.json").write_text(json.dumps(metrics), encoding="utf-8")
    write_model_card(folder)
    meta, body = _card(folder)
    assert _metric(meta, "test", "F1 (micro, strict entity)") == metrics["test"]["f1"]
    assert ("test", "F1 (macro over types, strict entity)") not in model_index_scores(meta)
    assert f"| {metrics['test']['macro_f1']:.4f} (without MISC) |" in body
    assert (f"The macro F1 on arapol bundled NER corpus, test covers only {', '.join(metrics['test']['per_type'])}: "
            "MISC had neither an entity nor a prediction there") in " ".join(body.split())
    want = {name for split, name in expected_scores(folder)[0] if split == "test"}
    assert "F1 (micro, strict entity)" in want and "F1 (macro over types, strict entity)" not in want
    metrics["test"]["absent_types"] = []  # every type met: the macro score is the model's
    (folder / "metrics.json").write_text(json.dumps(metrics), encoding="utf-8")
    write_model_card(folder)
    meta, body = _card(folder)
    assert _metric(meta, "test", "F1 (macro over types, strict entity)") == metrics["test"]["macro_f1"]
    assert "without MISC" not in body and "covers only" not in body


def test_a_split_without_entities_publishes_no_score(tiny_ner_model, tmp_path):
    """A test file holding no entity, where the model found none, published precision, recall and F1 0 in the hub's
    metadata (seqeval's 0/0, written as 0): a perfect answer read as the worst one. No score of such a split is
    published, as none of an empty stance split is, and the results say why."""
    folder = _copy_model(tiny_ner_model, tmp_path / "no-entity")
    metrics = json.loads((folder / "metrics.json").read_text(encoding="utf-8"))
    nothing = {"precision": 0.0, "recall": 0.0, "f1": 0.0, "macro_precision": 0.0, "macro_recall": 0.0,
               "macro_f1": 0.0, "per_type": {}, "absent_types": ["PER", "ORG", "LOC", "MISC"]}
    metrics["test"] = {**metrics["test"], **nothing}
    (folder / "metrics.json").write_text(json.dumps(metrics), encoding="utf-8")
    write_model_card(folder)
    meta, body = _card(folder)
    assert "model-index" not in meta and not [key for key in expected_scores(folder)[0] if key[0] == "test"]
    assert ("The scores on arapol bundled NER corpus, test measure nothing: it holds no entity and the model "
            "predicted none there, so the card's metadata leaves this split out.") in " ".join(body.split())


def test_the_card_names_the_label_bias_the_model_applies(tiny_stance_model, tmp_path):
    """The bias is read from arapol.json, which predict applies: without metrics.json the card left it out (a
    review); metrics.json says only how it was chosen, and only of the offsets it chose."""
    folder = _copy_model(tiny_stance_model, tmp_path / "biased")
    info = json.loads((folder / "arapol.json").read_text(encoding="utf-8"))
    bias = {"favor": 0.0, "against": -0.25, "none": 0.5}
    (folder / "arapol.json").write_text(json.dumps({**info, "label_bias": bias}, ensure_ascii=False), encoding="utf-8")
    metrics = json.loads((folder / "metrics.json").read_text(encoding="utf-8"))
    (folder / "metrics.json").unlink()
    write_model_card(folder)
    _, body = _card(folder)
    assert ("**Label bias**: log-probability offsets favor +0, against -0.25, none +0.5; arapol applies them, stock "
            "`transformers` does not") in body
    for offsets, chosen in ((bias, True), ({**bias, "none": 0.75}, False)):  # (the bias edited since: not chosen so)
        metrics["train"]["label_bias"] = {"offsets": offsets, "dev_macro_f1_before": 0.2, "dev_macro_f1_after": 0.5}
        (folder / "metrics.json").write_text(json.dumps(metrics), encoding="utf-8")
        write_model_card(folder)
        _, body = _card(folder)
        assert "none +0.5" in body and ("chosen on dev (macro-F1 0.2 → 0.5)" in body) == chosen


def test_known_base_and_third_party_data(tiny_ner_model, tmp_path):
    folder = _copy_model(tiny_ner_model, tmp_path / "e5")
    info = json.loads((folder / "arapol.json").read_text(encoding="utf-8"))
    info["base_model"] = "offline:multilingual-e5-small"
    assert info["extra"].pop("bundled_data") == {s: f"data/ner/{s}.jsonl" for s in ("train", "dev", "test")}
    (folder / "arapol.json").write_text(json.dumps(info), encoding="utf-8")
    cfg = yaml.safe_load((folder / "training_config.yaml").read_text(encoding="utf-8"))
    cfg["data"].update(train="/somewhere/shared/data/anercorp/train.tsv", dev=None,
                       test="/somewhere/shared/data/anercorp/test.tsv", format="conll", label_map={"PERS": "PER"})
    (folder / "training_config.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    assert write_model_card(folder) == folder / "README.md"
    meta, body = _card(folder)
    assert meta["base_model"] == "intfloat/multilingual-e5-small" and "(licence: MIT)" in body
    assert "license" not in meta
    assert "`PERS` → `PER`" in body and "training corpus (ANERcorp)" in body
    assert "**A test model.**" not in body and "/somewhere" not in body
    assert meta["model-index"][0]["results"][0]["dataset"] == {"name": "ANERcorp", "type": "ANERcorp",
                                                               "split": "test"}
    # a dev split carved from train: the share asked for, and what it came to (a fresh user's audit: 1 of 3
    # records was said to be "10% of the training file")
    cfg["data"].update(dev_fraction=0.1)
    (folder / "training_config.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    write_model_card(folder)
    n_dev = json.loads((folder / "metrics.json").read_text(encoding="utf-8"))["dev"]["n_examples"]
    assert (f"The dev split is carved from the training file: 10% of its records (at least one), drawn with the "
            f"training seed; {n_dev} examples here.") in _card(folder)[1]


def test_a_card_claims_no_licence_its_base_does_not_give(tiny_ner_model, tmp_path):
    """Trained on the bundled corpora, a model was declared Apache-2.0 whatever its base, and a local base was not
    named at all (a helper's probe): the project's licence holds only over a base that allows it."""
    for base, licensed in (("tiny:bert", True), ("offline:multilingual-e5-small", True),
                           ("aubmindlab/bert-base-arabertv02", False), ("someorg/bert-arabic-nc", False),
                           ("/home/alice/models/some-nc-bert", False)):
        folder = _copy_model(tiny_ner_model, tmp_path / base.replace("/", "_").replace(":", "_"))
        info = json.loads((folder / "arapol.json").read_text(encoding="utf-8"))
        info["base_model"] = base
        (folder / "arapol.json").write_text(json.dumps(info), encoding="utf-8")
        write_model_card(folder)
        meta, body = _card(folder)
        assert (meta.get("license") == "apache-2.0") is licensed, base
        summary = body.split("\n\n")[1]
        assert summary.endswith("Licence: Apache-2.0.") is licensed, summary
        assert ("- **This model**: not stated" in body) is not licensed
    assert "fine-tuned from a local model `some-nc-bert`" in body and "/home/alice" not in body
    assert "a local model folder, `some-nc-bert` (its licence is not known to arapol)" in body


def test_a_card_names_the_revision_and_weights_of_its_hub_base(tiny_ner_model, tmp_path):
    """A card named a hub base by its repository alone, which the hub may have changed since: it names the revision
    and the weights' SHA-256 that training recorded (only for a hub base; an offline or local one is named as
    before), and a damaged record of them is an error naming the field."""
    commit, digest = "3f" * 20, "9b" * 32
    for base in ("aubmindlab/bert-base-arabertv02", "someorg/bert-arabic", "offline:multilingual-e5-small"):
        folder = _copy_model(tiny_ner_model, tmp_path / base.replace("/", "_").replace(":", "_"))
        info = json.loads((folder / "arapol.json").read_text(encoding="utf-8"))
        info["base_model"] = base
        info["extra"].update(base_revision=commit, base_files={"config.json": "11" * 32, "model.safetensors": digest})
        (folder / "arapol.json").write_text(json.dumps(info), encoding="utf-8")
        write_model_card(folder)
        line = next(x for x in _card(folder)[1].splitlines() if x.startswith("- **Base model**"))
        assert (commit in line and digest in line and "11" * 32 not in line) is not base.startswith("offline:"), line
    info["base_model"] = "someorg/bert-arabic"
    info["extra"]["base_files"] = {"model.safetensors": 1}
    (folder / "arapol.json").write_text(json.dumps(info), encoding="utf-8")
    with pytest.raises(ModelError, match=r"arapol.json: field 'extra': expected .*base_files: file → SHA-256"):
        write_model_card(folder)


def test_a_stance_card_names_the_targets_the_model_learned(tiny_stance_model, tmp_path):
    """A model trained on Mawqif's targets (its config names none) had a card whose text and snippets used the
    default target «وقف إطلاق النار», never learned; a target holding a quote made both snippets invalid Python;
    the intended use named labels and a domain the model does not have (a helper's probe)."""
    import ast
    import re

    learned = json.loads((tiny_stance_model / "arapol.json").read_text(encoding="utf-8"))["extra"]["train_targets"]
    assert sum(learned.values()) == 263  # recorded by training: the bundled corpus's training split, one target
    folder = _copy_model(tiny_stance_model, tmp_path / "mawqif")
    info = json.loads((folder / "arapol.json").read_text(encoding="utf-8"))
    info["extra"]["train_targets"] = {'قرار مجلس الأمن "2254"': 120, "Covid Vaccine": 80}
    info["labels"] = ["agree", "disagree", "other"]
    (folder / "arapol.json").write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
    write_model_card(folder)
    _, body = _card(folder)
    summary = body.split("\n\n")[1]
    assert "وقف إطلاق النار" not in summary and "trained on «قرار مجلس الأمن \"2254\"», «Covid Vaccine»" in summary
    assert "by default" not in body.split("## Results")[0]
    assert 'قرار مجلس الأمن "2254" (120), Covid Vaccine (80) (training examples)' in body
    for block in re.findall(r"```python\n(.*?)```", body, re.S):
        ast.parse(block)  # valid Python
        assert "قرار مجلس الأمن" in block and "وقف إطلاق النار" not in block
    assert "toward a target (agree, disagree or other)" in body and "favor, against or none" not in body
    info["text_only"] = True  # a text-only model refuses target=: its snippet gives none
    (folder / "arapol.json").write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
    write_model_card(folder)
    snippets = "".join(re.findall(r"```python\n(.*?)```", _card(folder)[1], re.S))
    assert "target" not in snippets
    # one target learned, not the saved one: predict() reads toward it by default, and the card says so
    info["text_only"] = False
    info["extra"]["train_targets"] = {"Covid Vaccine": 80}
    (folder / "arapol.json").write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
    write_model_card(folder)
    assert "toward a target, by default **Covid Vaccine**" in _card(folder)[1]
    # claims as targets (ANS, UnifiedFC: a few examples each): counted, and listed only in part
    info["extra"]["train_targets"] = {f"ادعاء رقم {i}": 3 for i in range(1200)}
    (folder / "arapol.json").write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
    write_model_card(folder)
    body = _card(folder)[1]
    assert "toward a target, trained on 1,200 claims)" in body.split("\n\n")[1]
    assert "ادعاء رقم 9 (3) and 1,190 more (training examples)" in body and "ادعاء رقم 10 (3)" not in body


def test_a_text_only_card_names_the_targets_it_was_trained_on(text_only_stance_model):
    """A model trained text-only on several targets (Mawqif's three, recorded as text_only_targets) had a card naming
    only its saved target, «وقف إطلاق النار», as its default, a target it may never have seen; one trained on its
    saved target alone keeps its card, and the metadata names no target either way. One recorded as trained on its
    saved target written otherwise (without its hamza) was named as trained on another target (a review)."""
    folder = text_only_stance_model
    write_model_card(folder)
    one_meta, one = _card(folder)
    assert "toward a target, by default «وقف إطلاق النار»)" in one.split("\n\n")[1]
    assert "by default **وقف إطلاق النار**.\nThe model classifies the text alone, without the target.\n" in one
    info = json.loads((folder / "arapol.json").read_text(encoding="utf-8"))
    for spelt in ({"وقف اطلاق النار": 80},  # (its saved target, as the data wrote it)
                  {"وقف إطلاق النار": 50, "وقف اطلاق النار": 30}):  # (in both spellings: one target to the model)
        info["extra"]["text_only_targets"] = spelt
        (folder / "arapol.json").write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
        write_model_card(folder)
        assert _card(folder) == (one_meta, one)
    for targets, saved in (({"Covid Vaccine": 120, "Women empowerment": 80, "Digital Transformation": 60},
                            "وقف إطلاق النار"),
                           ({"Covid Vaccine": 120, "Women empowerment": 80}, "Covid Vaccine"),  # its saved among them
                           ({"Covid Vaccine": 80}, "وقف إطلاق النار"),  # one, not its saved one
                           ({"التطبيع": 70, "وقف إطلاق النار": 50}, "وقف إطلاق النار")):  # (spellings counted together)
        recorded = {"التطبيع": 70, "وقف إطلاق النار": 30, "وقف اطلاق النار": 20} if "التطبيع" in targets else targets
        info["extra"]["text_only_targets"], info["target"] = recorded, saved
        (folder / "arapol.json").write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
        write_model_card(folder)
        meta, body = _card(folder)
        named = ", ".join(f"«{t}»" for t in targets)
        assert f"(favor / against / none toward a target, trained on {named})" in body.split("\n\n")[1]
        labels = body.split("## Labels")[1].split("## Results")[0]
        assert "by default" not in labels and saved not in labels.replace(f"{saved} (", "")  # (but as trained on)
        counts = ", ".join(f"{t} ({n})" for t, n in targets.items())
        assert (f"The model classifies the text alone, without the target; it was trained on texts toward {counts} "
                "(training examples)") in " ".join(labels.split())
        assert meta == one_meta and saved not in yaml.safe_dump(meta, allow_unicode=True)


def test_published_settings_show_no_local_paths(tiny_ner_model, tmp_path):
    """A path given as a training setting (run_name, logging_dir) was published as written (a helper's probe)."""
    from arapol.cli import main

    folder = _copy_model(tiny_ner_model, tmp_path / "m")
    cfg = yaml.safe_load((folder / "training_config.yaml").read_text(encoding="utf-8"))
    cfg["training"]["run_name"] = "/home/alice/clients/acme-secret/run1"
    (folder / "training_config.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    assert main(["export", str(folder), str(tmp_path / "out")]) == 0
    for name in ("README.md", "training_config.yaml"):
        text = (tmp_path / "out" / name).read_text(encoding="utf-8")
        assert "/home/alice" not in text and "acme-secret/run1" in text, name


def test_evaluate_out_refuses_a_model_folder(tiny_ner_model, tmp_path, capsys):
    """``arapol evaluate MODEL DATA --out MODEL`` replaced the training run's metrics.json, and the next card
    reported that one result, mislabelled (a helper's probe)."""
    from arapol.cli import main

    folder = _copy_model(tiny_ner_model, tmp_path / "m")
    before = (folder / "metrics.json").read_bytes()
    assert main(["evaluate", str(folder), "test", "--out", str(folder), "--no-plot"]) == 2
    assert f"--out {folder}: a model folder, whose metrics.json holds the scores of its training run" in \
        capsys.readouterr().err
    assert (folder / "metrics.json").read_bytes() == before


def test_template_engine():
    values = {"a": "A", "on": True, "off": "", "n": None}
    assert render_template("x{{#on}}[{{a}}]{{/on}}{{#off}}no{{/off}}{{^off}}yes{{/off}}", values) == "x[A]yes\n"
    assert render_template("{{#on}}\n- one\n{{/on}}\n{{#n}}\n- two\n{{/n}}\n- three\n", values) == "- one\n- three\n"
    assert render_template("<!-- a comment -->\nkeep {{a}}", values) == "keep A\n"
    with pytest.raises(ModelError, match="unknown field"):
        render_template("{{nope}}", values)
    with pytest.raises(ModelError, match="unclosed"):
        render_template("{{#on}} never closed", values)


def test_the_template_uses_known_fields_only(tiny_ner_model, tiny_stance_model, tmp_path):
    assert TEMPLATE.is_file()
    for folder in (tiny_ner_model, tiny_stance_model):
        card = render_card(folder, name="org/name")
        assert card.startswith("---\n") and "# org/name" in card
    assert write_model_card(tmp_path, template=tmp_path / "missing.md") is None


def test_the_cards_transformers_snippet_gives_arapols_label(tiny_stance_model):
    """The stock-transformers snippet of a stance card, run on clean text, agrees with arapol's predict()."""
    import re

    import arapol

    card = (tiny_stance_model / "README.md").read_text(encoding="utf-8")
    code = next(block for block in re.findall(r"```python\n(.*?)```", card, re.S) if "tokenizer(" in block)
    code = code.replace(f'"{tiny_stance_model.name}"', f'"{tiny_stance_model}"')
    predictor = arapol.load(tiny_stance_model)
    for text in ("رحبت الأمم المتحدة بالهدنة في حلب", "رفضت الفصائل المسلحة الاتفاق واستمر القصف"):
        scope: dict = {}
        exec(code.replace('text = "..."', f'text = "{text}"'), scope)  # noqa: S102 (the card's own code)
        assert scope["label"] == predictor.predict(text)["stance"]["label"]
        probs = scope["model"](**scope["inputs"]).logits.softmax(-1)[0].detach().numpy()
        assert probs == pytest.approx(predictor.predict_proba([text])[0], abs=1e-5)


def test_the_bundled_corpora_are_known_by_their_content(tmp_path):
    """A copy of a bundled file outside this checkout (another clone, beside a pip install) is the bundled corpus;
    an edited copy is not."""
    from arapol.model_card import BUNDLED_FILES, REPO_ROOT, _digest, bundled_place, corpus_of, display_path

    for digest, place in BUNDLED_FILES.items():  # the table is current (rebuild it after the corpus changes)
        f = REPO_ROOT / place
        assert _digest(str(f), f.stat().st_size, f.stat().st_mtime_ns) == digest, place
    copy = tmp_path / "elsewhere" / "train.jsonl"
    copy.parent.mkdir()
    copy.write_bytes((REPO_ROOT / "data/stance/train.jsonl").read_bytes().replace(b"\n", b"\r\n"))  # CRLF too
    assert bundled_place(copy) == "data/stance/train.jsonl" and display_path(str(copy)) == "data/stance/train.jsonl"
    assert corpus_of(str(copy)).id == "arapol-stance"
    copy.write_bytes(copy.read_bytes() + '{"id": "mine", "text": "نص", "target": "هدنة", "label": "none"}\n'.encode())
    assert bundled_place(copy) is None and corpus_of(str(copy)) is None
    assert display_path(str(copy)) == "elsewhere/train.jsonl"
    # a file right in a home folder: the folder is the user's name, which a published card would carry (a probe)
    for home in ("/home/alice", "/Users/alice", "/root", str(Path.home())):
        assert display_path(f"{home}/train.jsonl") == "train.jsonl"
    assert display_path("/home/alice/anercorp/train.tsv") == "anercorp/train.tsv"


def test_a_bundled_files_place_holding_other_data_is_not_the_bundled_corpus(tmp_path, monkeypatch):
    """data/ner/train.jsonl edited in a checkout was the bundled corpus by its place alone: the card gave the user's
    data its Apache-2.0 licence and guidelines (a helper's probe)."""
    import arapol.model_card as card

    (tmp_path / "data" / "ner").mkdir(parents=True)
    mine = tmp_path / "data" / "ner" / "train.jsonl"
    mine.write_text('{"id": "mine", "text": "نص", "entities": []}\n', encoding="utf-8")
    monkeypatch.setattr(card, "REPO_ROOT", tmp_path)
    assert card.bundled_place(str(mine)) is None and card.corpus_of(str(mine)) is None
    assert card.bundled_place(str(card.REPO_ROOT / "data/ner/train.jsonl")) is None
    from arapol.model_card import _dataset

    assert _dataset("/home/alice/news.jsonl") == ("news", "news")


def test_a_run_records_its_bundled_corpus_and_the_export_keeps_it(tiny_ner_model, tmp_path):
    """Trained from copies of the bundled files, then exported after the copies are gone: the card still names the
    corpus and its licence."""
    from arapol.config import load_config
    from arapol.export import export_model
    from arapol.model_card import REPO_ROOT
    from arapol.training.trainer import _bundled_data

    copies = tmp_path / "clone"
    copies.mkdir()
    for split in ("train", "dev", "test"):
        shutil.copy(REPO_ROOT / f"data/ner/{split}.jsonl", copies / f"{split}.jsonl")
    cfg = load_config(REPO_ROOT / "configs/ner_tiny.yaml",
                      {"data": {s: str(copies / f"{s}.jsonl") for s in ("train", "dev", "test")}})
    assert _bundled_data(cfg) == {"bundled_data": {s: f"data/ner/{s}.jsonl" for s in ("train", "dev", "test")}}

    folder = _copy_model(tiny_ner_model, tmp_path / "m")
    config = yaml.safe_load((folder / "training_config.yaml").read_text(encoding="utf-8"))
    config["data"].update({s: str(copies / f"{s}.jsonl") for s in ("train", "dev", "test")})
    (folder / "training_config.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    shutil.rmtree(copies)
    export_model(folder, tmp_path / "out")
    meta, body = _card(tmp_path / "out")
    assert meta["license"] == "apache-2.0" and "arapol bundled NER corpus" in body and "`ner/train.jsonl`" not in body
    exported = yaml.safe_load((tmp_path / "out" / "training_config.yaml").read_text(encoding="utf-8"))
    assert exported["data"]["train"] == "data/ner/train.jsonl"
