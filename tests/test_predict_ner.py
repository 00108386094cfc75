import json
import threading
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import arapol
from arapol.errors import ArapolError, ModelError

ROOT = Path(__file__).resolve().parents[1]
ARABIC_ALPHABET = list("ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآىة ًٌٍَُِّْـ٠١٢٣٤٥٦٧٨٩،؛؟.()«»\"")
TEXTS = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.sampled_from(ARABIC_ALPHABET), max_size=300),
    st.text(alphabet=st.sampled_from(ARABIC_ALPHABET + list("abc XYZ😀🇸🇾\u200f\u200b\n\t")), max_size=300),
)


def corpus_texts(split: str) -> list[str]:
    lines = (ROOT / f"data/ner/{split}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines]


@pytest.fixture(scope="module")
def predictor(tiny_ner_model):
    return arapol.load(tiny_ner_model)


def test_checkpoint_folder_has_everything(tiny_ner_model):
    names = {p.name for p in Path(tiny_ner_model).iterdir()}
    assert {"model.safetensors", "config.json", "tokenizer.json", "arapol.json", "training_config.yaml",
            "metrics.json"} <= names
    config = json.loads((tiny_ner_model / "config.json").read_text())
    assert config["id2label"]["0"] == "O" and "B-PER" in config["label2id"]
    info = json.loads((tiny_ner_model / "arapol.json").read_text())
    assert info["normalise"] and info["task"] == "ner" and info["clitic_rule"] == "retokenise"
    metrics = json.loads((tiny_ner_model / "metrics.json").read_text())
    assert {"dev", "test"} <= set(metrics) and 0.0 <= metrics["test"]["f1"] <= 1.0


def test_the_tiny_model_learned_the_bundled_corpus(tiny_ner_model):
    metrics = json.loads((tiny_ner_model / "metrics.json").read_text())
    assert metrics["dev"]["f1"] > 0.3, metrics["dev"]


def test_result_shape_and_single_string(predictor, check_spans):
    text = corpus_texts("test")[0]
    one = predictor.predict(text)
    assert set(one) == {"entities"}
    check_spans(text, one["entities"])
    assert all(set(e) == {"text", "label", "start", "end", "score"} for e in one["entities"])
    assert predictor.predict([text]) == [one]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXTS, max_size=6))
def test_span_property_on_arbitrary_text(predictor, check_spans, texts):
    results = predictor.predict(texts, batch_size=4)
    assert len(results) == len(texts)
    for text, res in zip(texts, results):
        check_spans(text, res["entities"])
        if not text.strip():
            assert res["entities"] == []


@pytest.mark.parametrize("aggregation", ["first", "average", "max"])
def test_span_property_on_real_text_with_noise(predictor, check_spans, aggregation):
    texts = corpus_texts("test")
    noisy = [t.replace("ا", "اَ").replace("ل", "لـ") + " 😀\u200f" for t in texts[:40]]
    for text, res in zip(texts + noisy, predictor.predict(texts + noisy, aggregation=aggregation)):
        check_spans(text, res["entities"])
    assert sum(len(r["entities"]) for r in predictor.predict(texts)) > 0


def test_long_articles_are_windowed_not_truncated(predictor, check_spans):
    sentences = corpus_texts("train")
    article = ""
    while len(article) < 30_000:
        article += " ".join(sentences[: 1 + len(article) % 7]) + "\n"
        sentences = sentences[7:] + sentences[:7]
    res = predictor.predict(article)
    check_spans(article, res["entities"])
    assert any(e["start"] > len(article) - 3000 for e in res["entities"])
    tail = article[-2000:]
    tail_alone = predictor.predict(tail)["entities"]
    shifted = {(e["start"] + len(article) - 2000, e["end"] + len(article) - 2000, e["label"]) for e in tail_alone}
    found = {(e["start"], e["end"], e["label"]) for e in res["entities"]}
    assert len(shifted & found) >= 0.5 * len(shifted)


def test_random_20000_character_string(predictor, check_spans):
    import random

    rng = random.Random(7)
    text = "".join(rng.choice(ARABIC_ALPHABET + list(" \n😀ab")) for _ in range(20_000))
    check_spans(text, predictor.predict(text)["entities"])
    check_spans("ب" * 20_000, predictor.predict("ب" * 20_000)["entities"])


def test_batching_never_changes_results_or_order(predictor):
    texts = corpus_texts("dev")[:30]
    assert predictor.predict(texts, batch_size=1) == predictor.predict(texts, batch_size=7)


def test_module_level_predict_matches_predictor(tiny_ner_model, predictor):
    texts = corpus_texts("dev")[:3]
    assert arapol.predict(texts, model=tiny_ner_model) == predictor.predict(texts)
    argmax = arapol.load(tiny_ner_model, decoding="argmax").predict(texts)
    assert arapol.predict(texts, model=tiny_ner_model, decoding="argmax") == argmax


def test_module_level_predict_takes_one_folder_per_task(tiny_ner_model, tiny_stance_model):
    text = "قال الرئيس بوتين إن الهدنة في حلب صامدة"
    both = arapol.load(tiny_ner_model, tiny_stance_model).predict(text)
    assert arapol.predict(text, model=[tiny_ner_model, tiny_stance_model]) == both and both["stance"] is not None
    assert arapol.predict(text, model=(str(tiny_ner_model), str(tiny_stance_model))) == both
    for bad in (3, [], [tiny_ner_model, 3]):
        with pytest.raises(arapol.ArapolError, match="model: a model folder, or a list of one folder per task"):
            arapol.predict(text, model=bad)
    # an option of a wrong type that cannot key the cache was a bare TypeError (unhashable type: 'list'), where
    # arapol.load names it (a helper's probe)
    for option, message in ((dict(dtype=["fp32"]), r"unknown dtype \['fp32'\]"), (dict(threads=[1]), "threads"),
                            (dict(device={"cpu": 1}), "device")):
        with pytest.raises(arapol.ArapolError, match=message):
            arapol.load(tiny_ner_model, **option)
        with pytest.raises(arapol.ArapolError, match=message):
            arapol.predict(text, model=tiny_ner_model, **option)


def test_module_level_predict_knows_a_folder_by_its_path_and_weights(tiny_ner_model, tiny_stance_model, tmp_path,
                                                                     monkeypatch):
    import shutil

    text = "قال الرئيس بوتين إن الهدنة في حلب صامدة"
    for name, src in (("a", tiny_ner_model), ("b", tiny_stance_model)):
        shutil.copytree(src, tmp_path / name / "model", ignore=shutil.ignore_patterns("checkpoints", "tiny-base"))
    monkeypatch.chdir(tmp_path / "a")
    assert "entities" in arapol.predict(text, model="model")
    monkeypatch.chdir(tmp_path / "b")  # the same relative path, another folder
    assert "stance" in arapol.predict(text, model="model")
    shutil.rmtree(tmp_path / "b" / "model")  # retrained in place: the NER model now lives there
    shutil.copytree(tiny_ner_model, tmp_path / "b" / "model", ignore=shutil.ignore_patterns("checkpoints", "tiny-base"))
    assert "entities" in arapol.predict(text, model="model")


def test_stream_yields_in_order(predictor):
    texts = corpus_texts("dev")[:25]
    assert list(predictor.predict_stream(iter(texts), chunk_size=4)) == predictor.predict(texts)


def test_prepare_workers_give_the_same_results_and_stop_with_the_stream(predictor, tiny_stance_model, tiny_ner_model):
    """Worker processes that prepare the entities' part of each chunk, in parts: the same results in the same order
    (a long article windowed, blank and odd texts, a chunk cut short by a bad text), entities and stance both; the
    workers stop when the stream ends, or is dropped half read."""
    import multiprocessing

    texts = corpus_texts("dev")[:13] + ["", "   ", " ".join(corpus_texts("test")[:40]), "abc 😀🇸🇾", "\u200b"]
    want = predictor.predict(texts)
    assert list(predictor.predict_stream(iter(texts), chunk_size=6, prepare_workers=2)) == want
    got = []
    with pytest.raises(ArapolError, match=r"texts\[18\] is a NoneType"):
        for res in predictor.predict_stream(texts[:18] + [None], chunk_size=5, prepare_workers=1):
            got.append(res)
    assert got == want[:18]
    both = arapol.load(tiny_ner_model, tiny_stance_model)
    assert list(both.predict_stream(texts, chunk_size=8, prepare_workers=np.int64(1))) == both.predict(texts)
    stream = predictor.predict_stream(texts, chunk_size=4, prepare_workers=1)
    next(stream)
    assert multiprocessing.active_children()
    stream.close()
    assert not multiprocessing.active_children()
    for bad in (-1, True, 1.5, "2"):
        with pytest.raises(ArapolError, match="prepare_workers must be 0 .* or a positive integer"):
            predictor.predict_stream(texts, prepare_workers=bad)


def test_a_paced_stream_closed_half_way_stops_reading_its_source(predictor):
    """A ``max_wait`` stream closed early left its reading thread alive, blocked on a full queue, and a live feed's
    later items went to that thread, lost to whoever read the feed on (a helper's probe: 9 of 10)."""
    import queue
    import time

    feed: queue.Queue = queue.Queue()

    def live():
        while (item := feed.get()) is not None:
            yield item

    source = live()
    for n in range(3):
        feed.put(f"خبر رقم {n}")
    stream = predictor.predict_stream(source, chunk_size=2, max_wait=0.05)
    assert len([next(stream) for _ in range(3)]) == 3
    stream.close()
    deadline = time.monotonic() + 5  # the thread waits in the feed for its next item: it ends when one comes
    feed.put("خبر يأخذه الخيط قبل أن يرى الإغلاق")
    while any(t.name == "arapol-read" for t in threading.enumerate()) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not any(t.name == "arapol-read" for t in threading.enumerate())
    later = [f"خبر لاحق {n}" for n in range(10)]
    for text in later:
        feed.put(text)
    feed.put(None)
    assert list(source) == later  # the feed's later items are the caller's


def test_a_paced_stream_gives_the_same_results_and_its_source_s_errors_in_order(predictor):
    """``max_wait``: the texts read in the background and predicted once none comes for that long, full chunk or
    not (a live feed); the same results in the same order, the source's error after every text before it."""
    texts = corpus_texts("dev")[:11]
    assert list(predictor.predict_stream(iter(texts), chunk_size=4, max_wait=0.05)) == predictor.predict(texts)

    def lines():
        yield from texts
        raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")

    got = []
    with pytest.raises(UnicodeDecodeError):
        for res in predictor.predict_stream(lines(), chunk_size=4, max_wait=0.05):
            got.append(res)
    assert got == predictor.predict(texts)

    def gives_up():  # a BaseException ended the reading thread with nothing queued: the stream waited for ever
        yield from texts[:3]
        raise SystemExit("the source gave up")

    ended: list = []

    def consume():
        try:
            ended.extend(predictor.predict_stream(gives_up(), chunk_size=4, max_wait=0.05))
        except SystemExit as exc:
            ended.append(exc)

    worker = threading.Thread(target=consume, daemon=True)
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive(), "predict_stream(max_wait=...) hung on a source's SystemExit"
    assert ended[:3] == predictor.predict(texts[:3]) and str(ended[3]) == "the source gave up"
    for bad in (0, -1, True, "1", float("inf"), float("nan")):
        with pytest.raises(ArapolError, match="max_wait must be a positive number of seconds"):
            predictor.predict_stream(texts, max_wait=bad)


def test_stream_yields_every_text_before_a_bad_one_then_names_its_position(predictor):
    texts = corpus_texts("dev")[:7]
    got = []
    with pytest.raises(ArapolError, match=r"texts\[7\] is a NoneType"):
        for res in predictor.predict_stream(texts + [None] + texts, chunk_size=5):
            got.append(res)
    assert got == predictor.predict(texts)
    with pytest.raises(ArapolError, match="not one string"):
        next(predictor.predict_stream("قال بوتين"))
    # a dict: its keys were predicted as the texts, without a word, and predict's error sent its user there (a
    # helper's probe)
    docs = {"doc-1": texts[0], "doc-2": texts[1]}
    for call in (predictor.predict, predictor.predict_stream):
        with pytest.raises(ArapolError, match=r"found dict \(its keys would be read as the texts: pass "
                                              r"list\(texts.values\(\)\)"):
            call(docs)


def test_stream_yields_every_text_read_before_the_iterable_fails(predictor):
    texts = corpus_texts("dev")[:7]

    def lines():
        yield from texts
        raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")

    got = []
    with pytest.raises(UnicodeDecodeError):
        for res in predictor.predict_stream(lines(), chunk_size=4):
            got.append(res)
    assert got == predictor.predict(texts)


@pytest.mark.parametrize("gold, clitic, want", [
    (["B-PER", "I-PER", "O"], [False, True, False], [(0, 1)]),  # توم فليتشر → توم، not "توم ف"
    (["B-PER", "I-PER", "I-PER", "O"], [False, True, True, False], [(0, 1)]),  # two clitics
    (["B-PER", "I-PER", "I-PER"], [False, True, False], [(0, 3)]),  # a clitic inside a name stays
    (["O", "B-ORG", "I-ORG"], [False, True, False], [(1, 3)]),  # the model's ل of لافروف rejoins its word
    (["B-LOC", "O"], [True, False], []),  # a clitic alone
    (["B-PER", "I-PER", "B-PER"], [False, True, False], [(0, 1), (2, 3)]),  # بوتين و|لافروف: two people
])
def test_a_clitic_never_ends_an_entity(predictor, gold, clitic, want):
    tags = predictor.ner.tags
    probs = np.full((len(gold), len(tags)), 1e-3, np.float32)
    for i, tag in enumerate(gold):
        probs[i, tags.index(tag)] = 1.0
    first, last, _, _ = predictor.ner.scheme.word_spans([probs / probs.sum(1, keepdims=True)],
                                                         predictor.ner.decoding, [clitic])[0]
    assert list(zip(first.tolist(), last.tolist())) == want


def test_lone_surrogate_is_predicted_with_exact_spans(predictor, check_spans):
    text = "قال الرئيس الروسي فلاديمير بوتين \ud83d في موسكو \udc9f"
    res = predictor.predict(text)
    check_spans(text, res["entities"])
    clean = predictor.predict(text.replace("\ud83d", "\ufffd").replace("\udc9f", "\ufffd"))

    def placed(r: dict) -> list[tuple]:
        return [(e["label"], e["start"], e["end"], e["score"]) for e in r["entities"]]
    assert placed(res) == placed(clean) and res["entities"]  # the same reading; texts cut from the input


@pytest.mark.parametrize("text", ["\x00\x01", "\x02\x03\x04\x05", "\ud83d\ud83d\ud83d بوتين",
                                  "روسيا \ufffd\x01 لافروف", "وصل لافروف إلى \ud83dأنقرة أمس",
                                  "قال \ud83dسيرغي لافروف \U000e0075 في موسكو"])
@pytest.mark.parametrize("tokenizer", ["wordpiece", "sentencepiece"])
def test_a_word_that_tokenises_to_nothing_is_never_an_entity(predictor, sentencepiece_ner_model, text, tokenizer):
    """Such a word keeps its place (one unk piece where it has none, so it never shifts its neighbours) but stays
    outside every entity, as stance treats a text made only of them as blank. e5's SentencePiece tokenizer does not
    drop them: it reads U+FFFD (a lone surrogate) as a bare ``▁`` and NUL as ``▁`` + unk, pieces that spell nothing,
    and the demo model tagged such a character as a place beside ``أنقرة``."""
    if tokenizer == "sentencepiece":
        predictor = arapol.load(sentencepiece_ner_model)
    (pred,) = predictor.ner.word_probabilities([text])
    empty = np.asarray(pred.encoded.empty)
    assert empty.any()
    outside = predictor.ner.tags.index("O")
    assert (pred.probs[empty, outside] == 1.0).all()
    for e in predictor.predict(text)["entities"]:
        assert e["text"].strip() and all(ord(c) >= 0x20 and c not in "\ufffd" and not 0xD800 <= ord(c) < 0xE000
                                         for c in e["text"]), e


def test_bad_inputs_get_clear_errors(predictor, tmp_path):
    with pytest.raises(ArapolError, match=r"texts\[1\] is an int, expected a string"):
        predictor.predict(["نص", 3])
    with pytest.raises(ArapolError, match="aggregation"):
        predictor.predict("نص", aggregation="mean")
    with pytest.raises(ModelError, match="not an arapol model folder"):
        arapol.load(tmp_path)
    with pytest.raises(ModelError, match=r"org/name: no such local folder, and the hub repository 'org/name' could "
                                         r"not be had \(.*\); HF_HUB_OFFLINE is set, so only the cache was searched"):
        arapol.load("org/name")  # offline here (conftest): not in the cache
    with pytest.raises(ModelError, match=r"no such folder$"):  # a local folder not made yet: no hub hint
        arapol.load(tmp_path / "runs")
    with pytest.raises(ArapolError, match=r"found bytes \(decode bytes first"):
        predictor.predict("نص".encode())
    with pytest.raises(ArapolError, match=r"found generator \(an iterator or a generator: pass list\(texts\), or "
                                          r"stream a long one through predict_stream\)"):
        predictor.predict(t for t in ["نص"])
    with pytest.raises(ArapolError, match="predict_stream takes an iterable of texts"):
        predictor.predict_stream(None)  # at the call, not at the first result (a helper's probe)
    with pytest.raises(ArapolError, match="batch_size must be a positive integer"):
        predictor.predict("نص", batch_size=True)
    with pytest.raises(ArapolError, match="chunk_size must be a positive integer, got True"):
        predictor.predict_stream(["نص"], chunk_size=True)
    # a numpy integer is a batch size like any other (np.int64 from an array's length, a config read by numpy)
    assert predictor.predict(["نص", "قال بوتين"], batch_size=np.int64(1)) == predictor.predict(["نص", "قال بوتين"])
    assert list(predictor.predict_stream(["نص"], chunk_size=np.int32(1), batch_size=np.int64(2))) == \
        predictor.predict(["نص"])
    with pytest.raises(ArapolError, match="load takes model folders or hub ids .*, got None"):
        arapol.load(None)  # e.g. os.environ.get("MODEL") unset
    with pytest.raises(ArapolError, match="load takes model folders or hub ids .*, got none"):
        arapol.load()
    with pytest.raises(ArapolError, match=r"progress must be True or False \(or None\), got 'yes'"):
        predictor.predict("نص", progress="yes")
    with pytest.raises(ArapolError, match="date dates the titles that actors= reads .* give actors=True too"):
        predictor.predict("نص", date="garbage")  # read by nothing: ignored, even a bad one (a helper's probe)
    with pytest.raises(ArapolError, match="date dates the titles that actors= reads"):
        predictor.predict_stream(["نص"], date="2016-10-18")
    with pytest.raises(ArapolError, match="clauses must be True or False, got 'no'"):
        predictor.predict("نص", clauses="no")  # a non-empty string would read as yes
    with pytest.raises(ArapolError, match="progress must be True or False"):
        predictor.predict_stream(["نص"], progress=1)
    # the checkpoint's tokenizer truncates where the model was trained, for the stock pipeline
    assert json.loads((predictor.ner.folder / "tokenizer_config.json").read_text())["model_max_length"] == \
        predictor.ner.info.max_length


def _spoilt(tiny_ner_model, tmp_path, spoil):
    import shutil

    folder = tmp_path / "spoilt"
    shutil.copytree(tiny_ner_model, folder, ignore=shutil.ignore_patterns("checkpoints", "tiny-base"))
    spoil(folder)
    return folder


def _info_set(**fields):
    def spoil(folder):
        info = json.loads((folder / "arapol.json").read_text(encoding="utf-8"))
        (folder / "arapol.json").write_text(json.dumps({**info, **fields}), encoding="utf-8")
    return spoil


def _no_tokenizer(folder):
    for name in ("tokenizer.json", "vocab.txt"):
        (folder / name).unlink(missing_ok=True)


def _truncated(folder):
    (folder / "model.safetensors").write_bytes((folder / "model.safetensors").read_bytes()[:64])


def _bytes_in(name):
    def spoil(folder):
        (folder / name).write_bytes(b"\xff\xfe{}")
    return spoil


def _config_as(text):
    def spoil(folder):
        (folder / "config.json").write_text(text, encoding="utf-8")
    return spoil


def _labels_swapped(folder):  # (a fresh user's audit: PER and LOC swapped in config.json named every entity wrongly)
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    names = config["id2label"]
    per, loc = (next(k for k, v in names.items() if v == tag) for tag in ("B-PER", "B-LOC"))
    names[per], names[loc] = "B-LOC", "B-PER"
    (folder / "config.json").write_text(json.dumps(config), encoding="utf-8")


def _labels_cut(folder):  # (a fresh user's audit: a raw RuntimeError from transformers on the head's shape)
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    config["id2label"], config["label2id"] = {"0": "O"}, {"O": 0}
    (folder / "config.json").write_text(json.dumps(config), encoding="utf-8")


def _head_cut(folder):  # another model's weights: a raw RuntimeError from transformers (a helper's probe)
    from safetensors.torch import load_file, save_file

    weights = load_file(folder / "model.safetensors")
    for name in ("classifier.weight", "classifier.bias"):
        weights[name] = weights[name][:3]
    save_file(weights, folder / "model.safetensors", metadata={"format": "pt"})


def _tokenizer_grown(folder):  # another model's tokenizer: an IndexError at the first rare piece (a helper's probe)
    rows = json.loads((folder / "config.json").read_text(encoding="utf-8"))["vocab_size"]
    spec = json.loads((folder / "tokenizer.json").read_text(encoding="utf-8"))
    vocab = spec["model"]["vocab"]
    vocab.update({f"قطعة{i}": len(vocab) + i for i in range(rows - len(vocab) + 5)})
    (folder / "tokenizer.json").write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")


def _tokens_added(folder):  # added tokens the embeddings were never resized for: loaded as arapol 0.x did
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(folder)
    tokenizer.add_special_tokens({"additional_special_tokens": ["[X1]", "[X2]"]})
    tokenizer.save_pretrained(folder)


@pytest.mark.parametrize("spoil, message", [
    (_labels_swapped, r"config.json id2label \[.*\] does not match the labels in arapol.json"),
    (_labels_cut, r"config.json id2label \['O'\] does not match the labels in arapol.json \['O', .*\]: config.json "
                  r"edited or replaced\?"),
    (_info_set(task="stance"), r"architectures \['BertForTokenClassification'\] are not a stance model's"),
    (_info_set(task="sentiment"), r"arapol.json: field 'task': expected one of \['ner', 'stance'\], got 'sentiment'"),
    (_info_set(max_length="128"), r"arapol.json: field 'max_length': expected an integer ≥ 8, got '128'"),
    (_info_set(label_scheme="BIOES"), r"field 'label_scheme': expected 'IOB2'"),
    (_info_set(clitic_rule="morph"), r"field 'clitic_rule': expected one of \['pieces', 'retokenise'\]"),
    (_info_set(version="9.0.0", tokenizer_rule="x"),
     r"settings this arapol does not know: \['tokenizer_rule'\] \(saved by arapol 9.0.0: upgrade arapol"),
    (_info_set(extra_setting=1), r"does not know: \['extra_setting'\] \(a damaged or hand-edited file\?\)"),
    (_info_set(version="0.1.0", label_bias_v2={}),  # an older arapol never wrote a key this one does not know
     r"does not know: \['label_bias_v2'\] \(a damaged or hand-edited file\?\)"),
    # a hand-edited extra: a TypeError or AttributeError in predict or export (a helper's probe)
    (_info_set(extra={"train_targets": {"الهدنة": None}}), r"field 'extra': expected a JSON object \(its "
                                                          r"train_targets: target → number of examples"),
    (_info_set(extra={"libraries": ["torch"]}), r"field 'extra': expected .*libraries: name → version"),
    (_bytes_in("inference.json"), r"inference.json: not UTF-8 text \(byte 0\): a damaged file\?"),
    (_no_tokenizer, "no tokenizer files"),
    (_head_cut, r"model.safetensors: 2 tensors of other shapes than config.json gives them \(classifier.bias \(3,\) in "
                r"the file, \(9,\) by config.json; classifier.weight \(3, 64\) .*\): another model's weights"),
    (_tokenizer_grown, r"the tokenizer's vocabulary holds \d+ pieces, more than the \d+ rows of the model's "
                       r"embeddings"),
    # a raw TypeError or AttributeError from transformers, naming no file (a helper's probe)
    (_config_as("[]"), r"config.json: expected a JSON object"),
    (_config_as('{"model_type": "bert", "id2label": "PER"}'), r"config.json: 'id2label' is not a mapping: damaged\?"),
    (_truncated, r"model.safetensors cannot be read \(.*header.*\): the file is truncated or damaged; copy the model "
                 r"folder again"),
])
def test_a_damaged_or_mislabelled_folder_is_refused_by_name(tiny_ner_model, tmp_path, spoil, message):
    folder = _spoilt(tiny_ner_model, tmp_path, spoil)
    with pytest.raises(ModelError, match=message):
        arapol.load(folder)


def test_weights_the_model_does_not_use_are_warned_of_and_added_tokens_load(tiny_ner_model, tmp_path, caplog):
    """A config.json of fewer layers than the file loaded a truncated model without a word once load_trained_model
    held transformers' table back (a helper's probe); unresized added tokens loaded before the vocabulary check."""
    def one_layer_fewer(folder):
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        config["num_hidden_layers"] -= 1
        (folder / "config.json").write_text(json.dumps(config), encoding="utf-8")

    with caplog.at_level("WARNING", logger="arapol.inference.loading"):
        arapol.load(_spoilt(tiny_ner_model, tmp_path / "a", one_layer_fewer))
    assert "weights in the file that the model config.json describes does not use" in caplog.text
    assert arapol.load(_spoilt(tiny_ner_model, tmp_path / "b", _tokens_added)).predict("قال بوتين")["entities"] == \
        arapol.load(tiny_ner_model).predict("قال بوتين")["entities"]


def test_a_missing_config_json_is_named_on_either_backend(tiny_ner_model, tmp_path):
    """With ``backend="onnx"`` the export ran first and transformers said "Unrecognized model", naming no file."""
    import shutil

    folder = tmp_path / "no-config"
    shutil.copytree(tiny_ner_model, folder, ignore=shutil.ignore_patterns("checkpoints", "tiny-base", "onnx"))
    (folder / "config.json").unlink()
    for backend in ("torch", "onnx"):
        with pytest.raises(ModelError, match=r"config.json: missing \(the model's architecture and labels\)"):
            arapol.load(folder, backend=backend)


def test_a_bundle_is_checked_against_its_models(tiny_ner_model, tiny_stance_model, tmp_path):
    import shutil

    from arapol.checkpoint import write_bundle

    bundle = tmp_path / "both"
    for task, src in (("ner", tiny_ner_model), ("stance", tiny_stance_model)):
        shutil.copytree(src, bundle / task, ignore=shutil.ignore_patterns("checkpoints", "tiny-base"))
    # trained side by side into both/ner and both/stance (no top arapol.json): loads as the pair
    both = arapol.load(bundle)
    assert both.ner is not None and both.stance is not None
    info = (bundle / "ner" / "arapol.json").read_bytes()
    (bundle / "ner" / "arapol.json").unlink()  # what a kill as training published ner/ leaves: stance alone, silently
    with pytest.raises(ModelError, match=r"ner/arapol.json: missing, beside the model files of .*train it again"):
        arapol.load(bundle)
    (bundle / "ner" / "arapol.json").write_bytes(info)
    write_bundle(bundle, {"ner": "stance", "stance": "ner"})  # swapped
    with pytest.raises(ModelError, match=r"stance/arapol.json: this folder holds a stance model, not a ner model"):
        arapol.load(bundle)
    from arapol.checkpoint import read_info

    with pytest.raises(ModelError, match=r"a folder with one model per task \(ner, stance\): give one task's"):
        read_info(bundle)
    (bundle / "arapol.json").write_text('{"kind": "bundle", "tasks": ["ner", "stance"]}', encoding="utf-8")
    with pytest.raises(ModelError, match=r"field 'tasks': expected a mapping from task"):
        arapol.load(bundle)


def test_pickle_weights_are_refused(tiny_ner_model, tmp_path):
    import shutil

    folder = tmp_path / "pickled"
    shutil.copytree(tiny_ner_model, folder, ignore=shutil.ignore_patterns("checkpoints", "tiny-base"))
    (folder / "model.safetensors").rename(folder / "pytorch_model.bin")
    with pytest.raises(ModelError, match="pickle"):
        arapol.load(folder)


def test_the_one_line_form_sees_a_new_saved_mode(tiny_ner_model, tmp_path):
    """``arapol.predict`` reuses a loaded model while its folder is unchanged: a default mode saved since is a
    change (it kept running fp32 before)."""
    import shutil

    from arapol.inference.loading import save_defaults

    model = Path(shutil.copytree(tiny_ner_model, tmp_path / "m", ignore=shutil.ignore_patterns("checkpoints")))
    before = arapol._identity(model, None)
    save_defaults(model, dtype="int8")
    assert arapol._identity(model, None) != before


def test_presentation_forms_read_as_the_letters_they_show(predictor, check_spans):
    """Text copied out of a PDF (``ﻻﻓﺮﻭﻑ``): a WordPiece tokenizer, the tiny model's as AraBERT's, read each such word
    as ``[UNK]`` and found nothing right; the default normalisation writes the letters, so the entities are those of
    the plain text, with spans on the original characters."""
    import unicodedata

    shown = "ﻭﻗﺎﻝ ﻭﺯﻳﺮ ﺍﻟﺨﺎﺭﺟﻴﺔ ﺍﻟﺮﻭﺳﻲ ﺳﻴﺮﻏﻲ ﻻﻓﺮﻭﻑ ﻓﻲ ﺃﻧﻘﺮﺓ"
    plain = unicodedata.normalize("NFKC", shown)
    assert "presentation_forms" in predictor.ner.info.normalise
    got, want = predictor.predict(shown), predictor.predict(plain)
    check_spans(shown, got["entities"])
    assert want["entities"], "the tiny model finds entities in the plain text"
    assert [(e["label"], unicodedata.normalize("NFKC", e["text"])) for e in got["entities"]] == \
        [(e["label"], e["text"]) for e in want["entities"]]


def test_words_from_one_character_make_one_entity(predictor):
    """ﷺ reads as four words (صلى الله عليه وسلم): entities found on two of them came back as two entities on the
    same character (a helper's probe). The likelier one stays."""
    import numpy as np

    from arapol.inference.ner import WordPredictions

    clf = predictor.ner
    text = "قال محمد \ufdfa اليوم"
    prep = clf.prepare([text])
    (norm,), (encoded,) = prep.norms, prep.encoded
    words = [norm.text[a:b] for a, b in encoded.words]
    assert words[2:5] == ["صلى", "الله", "عليه"]
    labels = list(clf.info.labels)
    probs = np.full((len(words), len(labels)), 0.01, dtype=np.float32)
    probs[:, labels.index("O")] = 0.9
    probs[2] = 0.01
    probs[2, labels.index("B-ORG")] = 0.9  # صلى: ORG
    probs[4] = 0.01
    probs[4, labels.index("B-PER")] = 0.95  # عليه: PER, the likelier
    (found,) = clf.entities([WordPredictions(norm, encoded, probs / probs.sum(1, keepdims=True))])
    assert [(e["text"], e["label"], e["start"], e["end"]) for e in found] == [("\ufdfa", "PER", 9, 10)]


def test_decomposed_text_finds_the_entities_of_composed_text(predictor, check_spans):
    """A fresh user's audit: decomposed (NFD) text lost its hamzas in normalisation, and the entities changed in 23 of
    40 test sentences; now the same entities, at the spans of the decomposed words."""
    import unicodedata

    texts = corpus_texts("test")[:40]
    decomposed = [unicodedata.normalize("NFD", t) for t in texts]
    assert sum(d != t for d, t in zip(decomposed, texts)) > 20  # the sentences do hold hamzas and maddas
    for nfd, a, b in zip(decomposed, predictor.predict(texts), predictor.predict(decomposed)):
        check_spans(nfd, b["entities"])
        assert [(e["label"], unicodedata.normalize("NFC", e["text"])) for e in b["entities"]] == \
            [(e["label"], e["text"]) for e in a["entities"]]


def test_a_predictor_shows_what_it_loaded(predictor, tiny_ner_model, tiny_stance_model):
    """``print(arapol.load(...))`` showed an object address (a fresh user's audit): it names each model's folder, mode
    and device."""
    assert repr(predictor) == f"Predictor(ner={str(tiny_ner_model)!r} (fp32, cpu))"
    both = arapol.load(tiny_ner_model, tiny_stance_model)
    assert repr(both) == f"Predictor(ner={str(tiny_ner_model)!r} (fp32, cpu), stance={str(tiny_stance_model)!r} " \
                         "(fp32, cpu))"
