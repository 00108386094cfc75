import json
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

import arapol
from arapol.actors import UndatedTitleWarning
from arapol.errors import ArapolError, UnseenTargetWarning

ROOT = Path(__file__).resolve().parents[1]


def stance_texts(split: str) -> list[dict]:
    lines = (ROOT / f"data/stance/{split}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


@pytest.fixture(scope="module")
def predictor(tiny_stance_model):
    return arapol.load(tiny_stance_model)


def test_stance_checkpoint_loads_in_stock_transformers(tiny_stance_model):
    from transformers import AutoModelForSequenceClassification

    model = AutoModelForSequenceClassification.from_pretrained(tiny_stance_model)
    assert set(model.config.id2label.values()) == {"favor", "against", "none"}
    metrics = json.loads((tiny_stance_model / "metrics.json").read_text())
    assert {"accuracy", "macro_f1", "confusion"} <= set(metrics["test"])


def test_stance_result_shape(predictor):
    res = predictor.predict("رحبت الأمم المتحدة بوقف إطلاق النار في حلب")
    assert set(res) == {"stance"}
    assert res["stance"]["label"] in {"favor", "against", "none"}
    assert sum(res["stance"]["scores"].values()) == pytest.approx(1.0, abs=1e-3)
    assert res["stance"]["label"] == max(res["stance"]["scores"], key=res["stance"]["scores"].get)


@pytest.mark.filterwarnings("ignore::arapol.UnseenTargetWarning")  # unlearned targets on purpose
def test_target_changes_the_input(predictor):
    # unrounded probabilities: a tiny model sure of its label (none 0.9917 on one CPU) gives both targets the same
    # scores to the four decimals predict() keeps
    text = "رحبت الأمم المتحدة بالهدنة في حلب"
    a = predictor.predict_proba(text, target="وقف إطلاق النار")
    b = predictor.predict_proba(text, target="الانتخابات البرلمانية في العراق")
    assert np.array_equal(a, predictor.predict_proba(text, target="وقف إطلاق النار"))
    assert not np.array_equal(a, b)


def test_an_input_prefix_is_read_before_the_target(tiny_stance_model, tmp_path):
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from arapol.text import Normaliser

    folder = tmp_path / "prefixed"
    shutil.copytree(tiny_stance_model, folder)
    info = json.loads((folder / "arapol.json").read_text(encoding="utf-8"))
    (folder / "arapol.json").write_text(json.dumps({**info, "input_prefix": "query: "}), encoding="utf-8")
    text, target = "رحبت الأمم المتحدة بالهدنة في حلب", "وقف إطلاق النار"
    prefixed, plain = arapol.load(folder), arapol.load(tiny_stance_model)
    got = prefixed.predict_proba([text], target=target)[0]
    tok = AutoTokenizer.from_pretrained(folder)
    model = AutoModelForSequenceClassification.from_pretrained(folder).eval()
    norm = Normaliser(info["normalise"]).text
    with torch.no_grad():
        inputs = tok("query: " + norm(target), norm(text), return_tensors="pt", return_token_type_ids=True)
        logits = model(**inputs).logits
    want = logits.softmax(-1)[0].numpy()
    assert got == pytest.approx(want, abs=1e-5)
    (row,), _ = prefixed.stance.prepare([text], target)
    (unprefixed,), _ = plain.stance.prepare([text], target)
    assert row["input_ids"] == inputs["input_ids"][0].tolist() != unprefixed["input_ids"]


def test_predict_proba_rows_match_predict(predictor, tiny_ner_model):
    texts = [r["text"] for r in stance_texts("test")][:12]
    probs = predictor.predict_proba(texts, target="وقف إطلاق النار", batch_size=4)
    assert probs.shape == (len(texts), 3) and predictor.stance_labels == predictor.stance.labels
    assert probs.sum(1) == pytest.approx(1.0, abs=1e-4)
    for row, res in zip(probs, predictor.predict(texts, target="وقف إطلاق النار")):
        assert predictor.stance_labels[int(row.argmax())] == res["stance"]["label"]
        assert res["stance"]["scores"] == {k: round(float(v), 4) for k, v in zip(predictor.stance_labels, row)}
    assert predictor.predict_proba(texts[0]).tolist() == pytest.approx(probs[0].tolist(), abs=1e-6)
    with pytest.raises(ArapolError, match="needs a stance model"):
        arapol.load(tiny_ner_model).predict_proba(texts)


def test_a_blank_text_has_no_stance(predictor):
    """Nothing to classify: no label (a label would come from the target alone), a NaN row of probabilities."""
    import numpy as np

    texts = ["", "رحبت الأمم المتحدة بالهدنة", " \n\u064e\u0640 "]  # the last: spaces, a fatha, a tatweel
    results = predictor.predict(texts)
    assert results[0]["stance"] is None and results[2]["stance"] is None
    assert results[1]["stance"]["label"] in predictor.stance_labels
    probs = predictor.predict_proba(texts)
    assert np.isnan(probs[[0, 2]]).all() and np.isfinite(probs[1]).all()
    assert predictor.predict(["", " "])[1]["stance"] is None  # only blank texts: no window at all
    # characters the tokenizer drops: NUL, U+FFFD, a lone surrogate (an emoji cut in half, read as U+FFFD)
    dropped = ["\x00", "\ufffd \ufffd", "\ud83d"]
    assert [r["stance"] for r in predictor.predict(dropped)] == [None, None, None]
    assert predictor.predict("؟")["stance"] is not None  # punctuation is a piece: classified
    # combining marks alone (a Latin acute, a Hebrew point: the normalisation keeps them) show nothing: no stance,
    # as they make no sentence (a helper's probe: a confident stance with sentences [])
    for marks in ("\u0301", "\u05b0\u0301 \u200f"):
        result = predictor.predict(marks, level="sentence")
        assert result["stance"] is None and result["sentences"] == []


def test_evaluation_counts_a_text_blank_after_normalisation_as_wrong(predictor):
    from arapol.data import StanceExample
    from arapol.evaluation import evaluate_stance

    text = "رحبت الأمم المتحدة بالهدنة"
    label = predictor.predict(text)["stance"]["label"]
    scores = evaluate_stance(predictor.stance, [StanceExample(text, "وقف إطلاق النار", label),
                                                StanceExample("\u064e\u0640", "وقف إطلاق النار", label)])
    assert scores["accuracy"] == 0.5  # the blank one has no prediction, not the first label


def test_long_text_stance_averages_windows(predictor):
    sentences = [r["text"] for r in stance_texts("train")]
    article = " ".join(sentences * 3)
    res = predictor.predict(article)
    windows = predictor.stance.probabilities([article])
    assert res["stance"]["scores"] == {k: round(float(v), 4) for k, v in zip(predictor.stance.labels, windows[0])}
    from arapol.inference.stance import encode_pairs

    rows, owner = encode_pairs(predictor.stance.tokenizer, [article], ["وقف إطلاق النار"], 128, 32)
    assert len(rows) > 3 and set(owner) == {0}


def test_sentence_level_spans_are_exact(predictor, check_spans):
    text = "  رحبت موسكو بالهدنة في حلب.\nلكن الفصائل رفضتها؟ وقال د. أحمد إن 3.5 مليون نزحوا!  "
    res = predictor.predict(text, level="sentence")
    check_spans(text, res["sentences"])
    assert [s["text"] for s in res["sentences"]] == [
        "رحبت موسكو بالهدنة في حلب.", "لكن الفصائل رفضتها؟", "وقال د. أحمد إن 3.5 مليون نزحوا!"]
    assert all(s["stance"]["label"] in {"favor", "against", "none"} for s in res["sentences"])


def test_sentence_level_needs_a_stance_model(tiny_ner_model):
    with pytest.raises(ArapolError, match="needs a stance model"):
        arapol.load(tiny_ner_model).predict("نص", level="sentence")


def test_one_predictor_holds_both_models(tiny_ner_model, tiny_stance_model, check_spans):
    both = arapol.load(tiny_ner_model, tiny_stance_model)
    text = "وقال الرئيس التركي رجب طيب أردوغان إن أنقرة تدعم الهدنة في إدلب"
    res = both.predict([text], target="وقف إطلاق النار")[0]
    assert set(res) == {"entities", "stance"}
    check_spans(text, res["entities"])


def test_cli_predict_prints_json_lines(tiny_stance_model):
    out = subprocess.run([sys.executable, "-m", "arapol.cli", "predict", str(tiny_stance_model), "--text",
                          "رفضت الفصائل الهدنة", "--level", "sentence"], capture_output=True, text=True, check=True)
    rec = json.loads(out.stdout.strip().splitlines()[-1])
    assert rec["text"] == "رفضت الفصائل الهدنة" and rec["stance"]["label"] in {"favor", "against", "none"}


def test_cli_predict_reads_crlf_lines_and_refuses_a_zero_chunk(tiny_stance_model):
    out = subprocess.run([sys.executable, "-m", "arapol.cli", "predict", str(tiny_stance_model)],
                         input="رفضت الفصائل الهدنة\r\n\r\nرحبت موسكو بالهدنة\r\n", capture_output=True, text=True,
                         check=True)
    rows = [json.loads(x) for x in out.stdout.splitlines()]
    assert [r["text"] for r in rows] == ["رفضت الفصائل الهدنة", "", "رحبت موسكو بالهدنة"] and rows[1]["stance"] is None
    bad = subprocess.run([sys.executable, "-m", "arapol.cli", "predict", str(tiny_stance_model), "--input", "x",
                          "--output", "y", "--chunk-size", "0"], capture_output=True, text=True)
    assert bad.returncode == 2 and "expected a positive integer, got 0" in bad.stderr


def test_a_text_or_target_of_pieces_that_spell_nothing_is_blank(sentencepiece_stance_model):
    """e5's tokenizer reads U+FFFD (a lone surrogate) as a bare ``▁`` and NUL as ``▁`` + unk: a text made only of
    them has no stance, and such a target is refused, as with a tokenizer that drops them. A symbol the vocabulary
    has (``؟``) is read."""
    sp = arapol.load(sentencepiece_stance_model)
    results = sp.predict(["\x00", "\ufffd \ufffd", "\ud83d", "\U000e0075", "؟", "رفضت الفصائل الهدنة"])
    assert [r["stance"] is None for r in results] == [True, True, True, True, False, False]
    for junk in ("\ufffd", "\x00", "\ud83d"):
        with pytest.raises(ArapolError, match="is blank once normalised"):
            sp.predict("رفضت الفصائل الهدنة", target=junk)
    with pytest.warns(UnseenTargetWarning):  # letters the vocabulary lacks: read
        assert sp.predict("رفضت الفصائل الهدنة", target="ڤيينا")["stance"] is not None


def test_a_blank_target_is_refused_not_read_as_the_default(predictor):
    with pytest.raises(ArapolError, match=r"target is blank: give the stance target, or leave it out \(None\) for "
                                          r"the model's own"):
        predictor.predict("رفضت الفصائل الهدنة", target=" ")
    for invisible in ("\u200f", "\u064e\u064e", "\u0640"):  # a bidi mark, tashkeel, tatweel: nothing once normalised
        with pytest.raises(ArapolError, match="is blank once normalised"):
            predictor.predict("رفضت الفصائل الهدنة", target=invisible)


def _learned(tiny_stance_model, folder: Path, targets: dict[str, int]) -> Path:
    """A copy of the tiny stance model (its top-level files) that says it learned ``targets``."""
    from test_model_card import _copy_model

    _copy_model(tiny_stance_model, folder)
    info = json.loads((folder / "arapol.json").read_text(encoding="utf-8"))
    info["extra"]["train_targets"] = targets
    (folder / "arapol.json").write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
    return folder


def test_an_unlearned_target_is_warned_of_once(tiny_stance_model, tmp_path, recwarn):
    """A target the model never learned is read all the same, with one warning per model and target; a learned one
    written with diacritics, tatweel or other spacing is the same target; a model that records no targets, or whose
    targets are claims (a few examples each), says nothing."""
    text = "رحبت الحكومة بالهدنة"
    two = arapol.load(_learned(tiny_stance_model, tmp_path / "two", {"الهدنة": 50, "وقف إطلاق النار": 40}))
    for target in ("الهدنة", "وَقْف  إطلاق النـار", " الهدنة "):
        two.predict(text, target=target)
    assert not recwarn.list
    with pytest.warns(arapol.UnseenTargetWarning, match=r"target 'اللقاح' is none of the 2 this model learned "
                                                        r"\('الهدنة', 'وقف إطلاق النار'\)") as caught:
        first = two.predict([text, text], target="اللقاح")
        assert two.predict(text, target="اللقاح") == first[0]
    assert len(caught) == 1 and str(tmp_path / "two") in str(caught[0].message)
    recwarn.clear()
    info = json.loads((tiny_stance_model / "arapol.json").read_text(encoding="utf-8"))
    unrecorded = _learned(tiny_stance_model, tmp_path / "none", {})
    saved = json.loads((unrecorded / "arapol.json").read_text(encoding="utf-8"))
    del saved["extra"]["train_targets"]
    (unrecorded / "arapol.json").write_text(json.dumps(saved, ensure_ascii=False), encoding="utf-8")
    arapol.load(unrecorded).predict(text, target="اللقاح")
    claims = {f"ادعاء رقم {i}": 3 for i in range(40)}
    arapol.load(_learned(tiny_stance_model, tmp_path / "claims", claims)).predict(text, target="ادعاء جديد")
    assert not recwarn.list and "train_targets" in info["extra"]  # the trained model records its targets


def test_a_learned_target_spelled_otherwise_is_warned_of_with_its_learned_spelling(tiny_stance_model, tmp_path,
                                                                                    recwarn, capsys):
    """An audit: «وقف اطلاق النار» (alef without hamza) for the learned «وقف إطلاق النار», or «الهدنه» (ha for ta
    marbuta) for «الهدنة», matched the learned target as the alias table folds names, so nothing was said, yet the
    model read other pieces and 18 of 56 labels changed. It is read as spelled, with a warning naming the learned
    spelling; a model whose normalisation folds such letters reads the two alike and says nothing."""
    from arapol.cli import main

    text = "رحبت الحكومة بالهدنة"
    folder = _learned(tiny_stance_model, tmp_path / "two", {"الهدنة": 50, "وقف إطلاق النار": 40})
    two = arapol.load(folder)
    typed, learned = "وقف اطلاق النار", "وقف إطلاق النار"
    with pytest.warns(UnseenTargetWarning, match=rf"target '{typed}' is read as spelled; the model learned "
                                                 rf"'{learned}' \(pass that spelling\)") as caught:
        read = two.predict_proba(text, target=typed)
        assert np.array_equal(two.predict_proba(text, target=typed), read)
    assert len(caught) == 1 and caught[0].message.target == typed
    assert not np.array_equal(read, two.predict_proba(text, target=learned))  # read as spelled, not replaced
    with pytest.warns(UnseenTargetWarning, match=r"target 'الهدنه' is read as spelled; the model learned 'الهدنة'"):
        two.predict(text, target="الهدنه")
    recwarn.clear()
    info = json.loads((folder / "arapol.json").read_text(encoding="utf-8"))
    info["normalise"] += ["alef", "ta_marbuta"]
    (folder / "arapol.json").write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
    folded = arapol.load(folder)
    for target in (typed, "الهدنه"):
        folded.predict(text, target=target)
    assert not recwarn.list
    assert main(["predict", str(folder), "--text", text, "--target", "الهدنه"]) == 0  # the command line says it too
    assert not capsys.readouterr().err
    info["normalise"] = info["normalise"][:-2]
    (folder / "arapol.json").write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
    assert main(["predict", str(folder), "--text", text, "--target", "الهدنه"]) == 0
    assert f"arapol: warning: {folder}: target 'الهدنه' is read as spelled; the model learned 'الهدنة'" in \
        capsys.readouterr().err


@pytest.mark.filterwarnings("ignore::arapol.UnseenTargetWarning")  # unlearned targets on purpose
def test_a_model_of_several_targets_none_its_default_asks_for_one(tiny_stance_model, tmp_path):
    """A fresh user's audit: a model trained on Mawqif's three targets (its config names none) saved the default
    target «وقف إطلاق النار», never learned, and read every text without a target toward it, silently."""
    from arapol.cli import main
    from arapol.corpus import predict_corpus

    text = "رحبت الحكومة بالهدنة"
    several = arapol.load(_learned(tiny_stance_model, tmp_path / "three", {"الهدنة": 5, "اللقاح": 4, "المرأة": 3}))
    with pytest.raises(ArapolError, match=r"no stance target given, and this model has no default one: it learned 3 "
                                          r"targets \('الهدنة', 'اللقاح', 'المرأة'\), not its saved target"):
        several.predict(text)
    assert several.predict(text, target="الهدنة")["stance"] == arapol.load(tiny_stance_model).predict(
        text, target="الهدنة")["stance"]
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": 1, "text": text, "target": "اللقاح"}, ensure_ascii=False) + "\n"
                      + json.dumps({"id": 2, "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    report = predict_corpus(several, corpus, tmp_path / "out.jsonl", progress=False)
    assert (report.written, report.errors) == (1, 1)
    assert "this model has no default one" in (tmp_path / "out.jsonl.errors.jsonl").read_text(encoding="utf-8")
    # one learned target is the default, whatever the saved one
    one = arapol.load(_learned(tiny_stance_model, tmp_path / "one", {"الهدنة": 5}))
    assert one.predict(text)["stance"] == one.predict(text, target="الهدنة")["stance"]
    assert main(["predict", str(tmp_path / "three"), "--text", text]) == 2
    # predict_stream refuses it when called, as predict does, not after yielding blank texts' results (a helper's
    # probe: two results of stance None, then the error)
    with pytest.raises(ArapolError, match=r"no stance target given, and this model has no default one"):
        several.predict_stream(["", "", text], chunk_size=1)
    assert [r["stance"] for r in several.predict_stream(["", text], chunk_size=1, target="الهدنة")] == [
        None, several.predict(text, target="الهدنة")["stance"]]
    # evaluate reads a record without a target as predict() does (it read it toward the saved, unlearned target)
    from arapol.errors import DataError
    from arapol.evaluation import evaluate_path

    labelled = tmp_path / "labelled.jsonl"
    test = [json.loads(line) for line in (ROOT / "data/stance/test.jsonl").read_text(encoding="utf-8").splitlines()]
    labelled.write_text("".join(json.dumps({"text": r["text"], "label": r["label"]}, ensure_ascii=False) + "\n"
                                for r in test), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error", arapol.UnseenTargetWarning)
        assert evaluate_path(tmp_path / "one", labelled) == evaluate_path(tmp_path / "one", labelled, target="الهدنة")
    with pytest.raises(DataError, match=r"labelled.jsonl:1: no stance target: field 'target' is missing or null, and "
                                        r"there is no default target for such records"):
        evaluate_path(tmp_path / "three", labelled)


def test_a_saved_target_learned_in_another_spelling_is_the_default_one():
    """A model of several targets whose saved target it learned written otherwise (saved ``وقف اطلاق النار``,
    learned ``وقف إطلاق النار``; or with tatweel, marks, other spacing) had no default target: the two were compared
    as raw text. Its default is the learned spelling (the one of most examples where it learned several); a saved
    target learned as written stays the default, and one it did not learn stays none."""
    from arapol.checkpoint import ModelInfo

    def info(saved: str, learned: dict[str, int]) -> ModelInfo:
        return ModelInfo("stance", ["favor"], [], 8, 2, target=saved, extra={"train_targets": learned})

    learned = {"الهدنة": 9, "وقف إطلاق النار": 5, "اللقاح": 4}
    for saved in ("وقف اطلاق النار", "وقـف إطلاق النار", " وقف  إطلاق   النار", "وَقْف إطلاق النار"):
        assert info(saved, learned).default_target == "وقف إطلاق النار", saved
        assert info(saved, learned).saved_target_learned == "وقف إطلاق النار", saved
    both = {"وقف اطلاق النار": 6, "وقف إطلاق النار": 3, "الهدنة": 2}
    assert info("وقف إطلاق النار", both).default_target == "وقف إطلاق النار"  # learned as saved: kept as saved
    assert info("وقـف إطلاق النار", both).default_target == "وقف اطلاق النار"  # (the spelling of most examples)
    assert info("التطبيع", learned).default_target is None and info("التطبيع", learned).saved_target_learned is None
    assert info("التطبيع", {"الهدنة": 9}).default_target == "الهدنة"  # one learned: that one, as before
    assert info("التطبيع", {}).default_target == "التطبيع" and info("التطبيع", {}).saved_target_learned is None
    assert info("", learned).default_target is None


def test_the_default_target_is_found_once_per_model(monkeypatch):
    """``default_target``, read twice by every ``predict()`` without a target, normalised each learned target at each
    read (120 ms a call for a model of 3,000 claims): it is found once, and the same at every read."""
    from arapol.actors import aliases
    from arapol.checkpoint import ModelInfo

    calls = []
    real = aliases.normalise_key
    monkeypatch.setattr(aliases, "normalise_key", lambda text: calls.append(text) or real(text))
    learned = {f"ادعاء رقم {i}": 3 for i in range(50)} | {"وقف إطلاق النار": 3}
    info = ModelInfo("stance", ["favor"], [], 8, 2, target="وقف اطلاق النار", extra={"train_targets": learned})
    assert {info.default_target for _ in range(5)} == {"وقف إطلاق النار"} == {info.saved_target_learned}
    assert len(calls) == 1 + len(learned)  # (the saved target, then each learned one, once)


def test_predict_reads_a_saved_target_learned_in_another_spelling_as_learned(tiny_stance_model, tmp_path):
    """predict() without a target refused a model of several targets whose saved target it learned spelled
    otherwise; it reads the pair as the model learned it now, as do evaluate and the model card."""
    from arapol.evaluation import evaluate_path
    from arapol.model_card import write_model_card

    text, learned = "رحبت الحكومة بوقف إطلاق النار", "وقف إطلاق النار"
    folder = _learned(tiny_stance_model, tmp_path / "two", {"الهدنة": 50, learned: 40})  # (topics, not claims)
    info = json.loads((folder / "arapol.json").read_text(encoding="utf-8"))
    info["target"] = "وقف اطلاق النار"
    (folder / "arapol.json").write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
    two = arapol.load(folder)
    assert two.stance.default_target == learned
    assert np.array_equal(two.predict_proba(text), two.predict_proba(text, target=learned))
    assert two.predict(text) == two.predict(text, target=learned)
    labelled = tmp_path / "labelled.jsonl"
    labelled.write_text("".join(json.dumps({"text": r["text"], "label": r["label"]}, ensure_ascii=False) + "\n"
                                for r in stance_texts("test")[:8]), encoding="utf-8")
    assert evaluate_path(folder, labelled) == evaluate_path(folder, labelled, target=learned)
    write_model_card(folder)
    card = (folder / "README.md").read_text(encoding="utf-8")
    assert f"toward a target, by default «{learned}»)" in card and f"by default **{learned}**" in card
    assert "وقف اطلاق النار" not in card


def test_a_model_without_a_default_target_refuses_blank_texts_too(tiny_stance_model, tmp_path):
    """A review: without a target, a model of several targets answered ``predict([""])`` with stance None and
    ``predict_proba(["  "])`` with a NaN row, while ``predict_stream([""])`` and ``predict(["", "نص"])`` refused: a
    missing ``target=`` came to light only once a batch held a real text. Every call with texts refuses it now;
    ``predict([])``, with nothing to read (how a corpus run checks its options), answers ``[]``."""
    text = "رحبت الحكومة بالهدنة"
    several = arapol.load(_learned(tiny_stance_model, tmp_path / "two", {"الهدنة": 5, "اللقاح": 4}))
    calls = [lambda: several.predict([""]), lambda: several.predict("\u0640"), lambda: several.predict_proba(["  "]),
             lambda: several.predict_stream([""]), lambda: several.predict(["", text]),
             lambda: several.stance.probabilities([""])]  # (the classifier, as evaluate and calibrate call it)
    for call in calls:
        with pytest.raises(ArapolError, match=r"no stance target given, and this model has no default one"):
            call()
    assert several.predict([]) == [] and several.predict_proba([]).shape == (0, len(several.stance_labels))
    assert several.predict([""], target="الهدنة") == [{"stance": None}]
    assert np.isnan(several.predict_proba(["  "], target="الهدنة")).all()


def test_analyze_asks_a_model_without_a_default_target_for_the_one_it_reads(tiny_stance_model, tmp_path):
    """A review: ``arapol analyze`` of a model of several targets, none its default, over records each naming a
    learned target, said to "give the target (predict(target=...), --target, or a target field in each record)", and
    the records held one: analyze reads every article toward one target, so it asks for that one by name."""
    from arapol.analysis import analyze_corpus

    several = arapol.load(_learned(tiny_stance_model, tmp_path / "two", {"الهدنة": 5, "اللقاح": 4}))
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": 1, "text": "رحبت الحكومة بالهدنة", "target": "الهدنة"}, ensure_ascii=False)
                      + "\n", encoding="utf-8")
    with pytest.raises(ArapolError, match=r"arapol analyze reads every article toward one stance target, and this "
                                          r"model has no default one: give it \(--target T; Python: target=T\), one "
                                          r"of the 2 it learned \('الهدنة', 'اللقاح'\)"):
        analyze_corpus(corpus, several, tmp_path / "out", progress=False)
    assert not (tmp_path / "out").exists()
    summary = analyze_corpus(corpus, several, tmp_path / "out", target="الهدنة", progress=False)
    assert summary["target"] == "الهدنة"


def test_a_target_too_long_for_the_window_is_a_clear_error(predictor):
    with pytest.raises(ArapolError, match=r"target: too long \(\d+ pieces\); with max_length 128"):
        predictor.predict("رفضت الفصائل الهدنة", target="هدنة " * 200)
    # in training data: the example is named
    from arapol.data import StanceExample
    from arapol.errors import DataError
    from arapol.text import Normaliser
    from arapol.training.features import stance_features

    examples = [StanceExample("نص", "هدنة", "favor", source="t.jsonl", line=1),
                StanceExample("نص", "هدنة " * 200, "none", source="t.jsonl", line=2)]
    with pytest.raises(DataError, match=r"t.jsonl:2: target: too long .*: 'هدنة هدنة"):
        stance_features(examples, predictor.stance.tokenizer, Normaliser(), {"favor": 0, "none": 1}, 128, 32, False)


def test_predict_with_actors(tiny_ner_model, tiny_stance_model, check_spans):
    both = arapol.load(tiny_ner_model, tiny_stance_model)
    text = "رحب الرئيس الروسي فلاديمير بوتين بالهدنة في حلب. ورفضت جبهة النصرة الاتفاق."
    res = both.predict(text, actors=True)
    assert "sentences" not in res
    ids = {a["id"] for a in res["actors"]}
    assert {"vladimir_putin", "al_nusra_front"} <= ids, ids
    for actor in res["actors"]:
        check_spans(text, sorted(actor["mentions"], key=lambda m: m["start"]))
        assert actor["stance"]["label"] in {"favor", "against", "none"}
        assert sum(actor["stance"]["counts"].values()) == len(actor["evidence"])
        for e in actor["evidence"]:
            assert text[e["start"]:e["end"]] == e["text"] and e["role"]
    # no stance model: no actor's stance was read, which "none" (no stance taken) would not say
    ner_only = arapol.load(tiny_ner_model).predict(text, actors=True)["actors"]
    assert {"vladimir_putin", "al_nusra_front"} <= {a["id"] for a in ner_only}
    assert all(a["stance"] is None for a in ner_only)


def test_actor_dates_one_or_one_per_text_in_any_sequence(tiny_stance_model):
    import numpy as np

    p = arapol.load(tiny_stance_model)
    texts = ["قال الرئيس الأمريكي إن الهدنة يجب أن تصمد"] * 2

    def holders(date):
        return [[a["id"] for a in r["actors"]] for r in p.predict(texts, actors=True, date=date)]

    assert holders("2016-10-18") == [["barack_obama"]] * 2
    per_text = [["barack_obama"], ["donald_trump"]]
    dates = ["2016-10-18", "2018-05-01"]
    assert holders(dates) == holders(tuple(dates)) == holders(d for d in dates) == per_text
    assert holders(np.array(dates, dtype="datetime64[D]")) == per_text
    with pytest.raises(ArapolError, match="got 3 dates for 2 texts"):
        holders([*dates, "2020-01-01"])
    with pytest.raises(ArapolError, match=r"date of text 1: '18/10/2016' is not an ISO date"):
        holders(["2018-05-01", "18/10/2016"])
    import pandas as pd

    column = pd.Series(pd.to_datetime(["2016-10-18", None]))  # a missing date (NaT): no date, as None is
    with pytest.warns(UndatedTitleWarning):
        assert holders(column) == [["barack_obama"], ["donald_trump"]]


def test_stream_with_actors_matches_predict_chunk_by_chunk(tiny_ner_model, tiny_stance_model, tmp_path):
    """``predict_stream(actors=..., date=...)`` gives what ``predict`` gives, with dates read in step with the texts
    across chunks (a generator of them will do); too few or too many dates are refused, naming the count."""
    both = arapol.load(tiny_ner_model, tiny_stance_model)
    texts = ["رحب الرئيس الروسي فلاديمير بوتين بالهدنة في حلب. ورفضت جبهة النصرة الاتفاق.",
             "قال الرئيس الأمريكي إن الهدنة يجب أن تصمد", "قال الرئيس الأمريكي إن الهدنة يجب أن تصمد",
             "وأكدت تركيا دعمها للاتفاق.", "قال الرئيس الأمريكي إن الهدنة يجب أن تصمد"]
    dates = ["2016-10-18", "2016-10-18", "2018-05-01", "2016-10-18", "2016-10-18"]
    want = both.predict(texts, actors=True, date=dates, level="sentence")
    for chunk_size in (1, 2, 5):
        got = list(both.predict_stream(iter(texts), chunk_size=chunk_size, actors=True, date=(d for d in dates),
                                       level="sentence"))
        assert got == want, chunk_size
    assert [[a["id"] for a in r["actors"]] for r in want[1:3]] == [["barack_obama"], ["donald_trump"]]
    one = list(both.predict_stream(texts[:2], chunk_size=1, actors=True, date="2018-05-01"))
    assert one == both.predict(texts[:2], actors=True, date="2018-05-01") and "sentences" not in one[0]
    extra = tmp_path / "mine.yaml"
    extra.write_text("actors:\n  - {id: aleppo_council, ar: مجلس حلب, en: Aleppo Council, type: organisation,"
                     " aliases: [مجلس حلب]}\n", encoding="utf-8")
    [r] = both.predict_stream(["رحب مجلس حلب بالهدنة."], actors=extra, date="2016-10-18")
    assert [a["id"] for a in r["actors"]] == ["aleppo_council"]
    stream = both.predict_stream(texts, chunk_size=2, actors=True, date=iter(dates[:3]))
    assert len([next(stream) for _ in range(3)]) == 3  # every text with a date first
    with pytest.raises(ArapolError, match="dates ran out after 3, and text 3 has none"):
        next(stream)
    with pytest.raises(ArapolError, match="more dates than the 2 texts"):
        list(both.predict_stream(texts[:2], actors=True, date=dates))
    # a bad date: named by its place in the stream, as predict names it, after every text before it (it was
    # numbered in its chunk, and the chunk's good texts before it were lost: a helper's probe)
    bad = [*dates[:4], "garbage"]
    with pytest.raises(ArapolError, match=r"date of text 4: 'garbage' is not an ISO date"):
        both.predict(texts, actors=True, date=bad, level="sentence")
    got = []
    with pytest.raises(ArapolError, match=r"date of text 4: 'garbage' is not an ISO date"):
        for res in both.predict_stream(texts, chunk_size=3, actors=True, date=bad, level="sentence"):
            got.append(res)
    assert got == want[:4]


def test_a_title_read_as_its_latest_holder_for_want_of_a_date_is_warned_of(tiny_stance_model, recwarn):
    p = arapol.load(tiny_stance_model)
    undated = "قال الرئيس الأمريكي إن الهدنة يجب أن تصمد"
    with pytest.warns(UndatedTitleWarning, match="latest holder.*give date="):
        assert [a["id"] for a in p.predict(undated, actors=True)["actors"]] == ["donald_trump"]
    recwarn.clear()
    named = "قال الرئيس الأمريكي جو بايدن إن الهدنة يجب أن تصمد"  # the name says who, the date is not needed
    assert {a["id"] for a in p.predict(named, actors=True)["actors"]} == {"joe_biden"}
    assert {a["id"] for a in p.predict(undated, actors=True, date="2016-10-18")["actors"]} == {"barack_obama"}
    assert not recwarn.list


def test_actors_from_an_empty_table_or_a_yaml_file(tiny_stance_model, tmp_path):
    from arapol.actors import ActorTable

    p = arapol.load(tiny_stance_model)
    text = "رحب المجلس العسكري في السويداء بالهدنة."
    assert p.predict(text, actors=ActorTable({}))["actors"] == []  # asked for, none found: not left out
    extra = tmp_path / "mine.yaml"
    extra.write_text("actors:\n  - {id: sweida_council, ar: المجلس العسكري في السويداء, en: Sweida Military Council,"
                     " type: armed_group, aliases: [المجلس العسكري في السويداء]}\n", encoding="utf-8")
    assert [a["id"] for a in p.predict(text, actors=str(extra))["actors"]] == ["sweida_council"]
    for bad in (3, "", "  "):  # ("" was read as the folder ".": a helper's probe)
        with pytest.raises(ArapolError, match="actors: expected True, an ActorTable or the path"):
            p.predict(text, actors=bad)


def test_api_edges_an_engineer_probed(tiny_ner_model, tiny_stance_model, tmp_path):
    """allow_pickle="no" opened the gate of code-running weights; hasattr(p, "stance_labels") raised on an NER-only
    predictor; an unseen target's warning named arapol's own line, not the caller's (a helper's probes)."""
    import warnings

    from arapol.errors import UnseenTargetWarning

    for flag in ("no", "false", 0, None):
        with pytest.raises(ArapolError, match="allow_pickle must be True or False"):
            arapol.load(tiny_stance_model, allow_pickle=flag)
    ner = arapol.load(tiny_ner_model)
    assert not hasattr(ner, "stance_labels") and getattr(ner, "stance_labels", None) is None
    with pytest.raises(ArapolError, match="this Predictor has no stance model"):
        ner.stance_labels  # noqa: B018 - the property raises
    stance = arapol.load(tiny_stance_model)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        stance.predict("رحبت موسكو بالهدنة.", target="هدف لم يره النموذج قط")
    unseen = [w for w in caught if issubclass(w.category, UnseenTargetWarning)]
    assert len(unseen) == 1 and unseen[0].filename == __file__, [(w.filename, w.lineno) for w in caught]


def test_a_text_only_model_refuses_a_target_it_would_ignore(text_only_stance_model, tmp_path):
    """A model trained with ``text_only: true`` reads no target: ``target=`` was ignored without a word (a helper's
    probe); a corpus run reads no record's target for it."""
    from arapol.corpus import predict_corpus

    folder = text_only_stance_model
    p = arapol.load(folder)
    with pytest.raises(ArapolError, match=r"reads the text alone \(trained with text_only: true.*leave it out"):
        p.predict("رحبت موسكو بالهدنة", target="الانتخابات")
    assert p.predict("رحبت موسكو بالهدنة")["stance"] is not None
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": 1, "text": "رحبت موسكو بالهدنة", "target": "الانتخابات"},
                                 ensure_ascii=False) + "\n", encoding="utf-8")
    assert predict_corpus(p, corpus, tmp_path / "out.jsonl", progress=False).written == 1
    run = json.loads((tmp_path / "out.jsonl.run.json").read_text(encoding="utf-8"))
    assert "target_field" not in run["records"]


def test_a_long_text_without_letters_is_windowed_without_a_length_warning(tiny_stance_model):
    """``"! " * 200`` warned "Token indices sequence length is longer than the specified maximum ... will result in
    indexing errors" (a helper's probe): the check of a letterless text asked the tokenizer with the warning on,
    though the text is windowed as any other. (``؟``: the tiny vocabulary lacks ``!``, and a text of unknown symbols
    alone, unk pieces only, is blank.)"""
    import logging

    said: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: said.append(record.getMessage())
    logging.getLogger("transformers").addHandler(handler)  # transformers' loggers do not propagate to the root
    try:
        result = arapol.load(tiny_stance_model).predict("؟ " * 400)
    finally:
        logging.getLogger("transformers").removeHandler(handler)
    assert result["stance"] is not None
    assert not [m for m in said if "Token indices sequence length" in m]
