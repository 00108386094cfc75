"""A loaded model used from several threads at once (a web server's request threads, a thread pool over an
archive): each race a probe showed, replayed in a fixed order so that the test fails the same way every time."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
import torch

import arapol
from arapol.inference.backend import torch_threads


def _blocked(lock, call) -> bool:
    """Whether ``call`` (run in a thread) waits while ``lock`` is held by the test, and ends once it is released."""
    done = threading.Event()
    with lock:
        thread = threading.Thread(target=lambda: (call(), done.set()))
        thread.start()
        waited = not done.wait(0.3)
    thread.join(30)
    return waited and done.is_set()


def test_stance_tokenising_is_one_thread_at_a_time(tiny_stance_model):
    """Each tokenizer call first sets its truncation on the shared Rust tokenizer: two threads' calls ran under
    each other's settings (an untruncated window past 512 positions, or a changed score)."""
    model = arapol.load(tiny_stance_model).stance
    assert _blocked(model._tokenizer_lock, lambda: model.prepare(["رحبت موسكو بالهدنة في حلب"]))


def test_a_word_cache_emptied_by_another_thread_loses_no_word(tiny_ner_model, monkeypatch):
    """The retokenise cache is replaced, not cleared in place, when it grows past its size: a call that found a
    word there keeps it, whatever another thread does meanwhile."""
    import arapol.alignment as alignment

    encoder = arapol.load(tiny_ner_model).ner.encoder
    if not encoder.retokenise:
        pytest.skip("the tiny model does not retokenise clitics")
    known = "قالت باريس ودعم وفرنسا للمعارضة بريف حلب"  # ودعم, وفرنسا, بريف: the tiny tokenizer's pieces part
    text = known + " والأممية"  # no clitic, and retokenising does: a word the next call must tokenise
    alone = encoder.encode([text])
    encoder._cuts = {}
    encoder.encode([known])  # its words are cached; وبالمدينة is not, so the next call tokenises it
    real, calls = encoder.word_pieces, []

    def another_thread_meanwhile(words):  # the call's second tokenising is its cache's: another call runs there
        calls.append(words)
        if len(calls) == 2:
            monkeypatch.setattr(alignment, "_CACHE_SIZE", 0)
            # this call finds the cache over its size and empties it
            encoder._retokenised(["وبالأمس"], [([1, 2], [(0, 2), (2, 7)])], [0])
        return real(words)

    monkeypatch.setattr(encoder, "word_pieces", another_thread_meanwhile)
    assert encoder.encode([text]) == alone and len(calls) == 3


@pytest.mark.skipif(not __import__("importlib").util.find_spec("onnxruntime"), reason="no onnx extra")
def test_onnx_graphs_are_found_or_exported_one_thread_at_a_time(tiny_ner_model, tmp_path):
    """torch's exporters are not thread-safe, and an export silences stdout, loggers and warnings for the whole
    process: threads exporting at once failed, ran different graphs, and left stdout closed."""
    import shutil

    from arapol.inference import onnx

    folder = tmp_path / "m"
    shutil.copytree(tiny_ner_model, folder, ignore=shutil.ignore_patterns("checkpoints", "tiny-base", "onnx"))
    assert _blocked(onnx._EXPORT_LOCK, lambda: onnx.find_or_export(folder, quantize=False))


def test_a_thread_leaving_threads_blocks_gets_the_setting_from_before_them():
    """A thread that first runs torch inside another thread's block takes that block's setting; on leaving its
    own block it went back to what it saw on entering (the other block's), and kept it."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        inside, leave, seen = threading.Event(), threading.Event(), []

        def first() -> None:
            with torch_threads(2):
                inside.set()
                leave.wait(30)

        def second() -> None:  # starts torch while the first block runs
            with torch_threads(2):
                pass
            seen.append(torch.get_num_threads())

        a = threading.Thread(target=first)
        a.start()
        inside.wait(30)
        b = threading.Thread(target=second)
        b.start()
        b.join(30)
        leave.set()
        a.join(30)
        assert seen == [1]
    finally:
        torch.set_num_threads(before)


def test_threads_calling_arapol_predict_at_once_load_the_model_once(tiny_ner_model: Path, monkeypatch):
    loads = []
    real = arapol.load

    def slow_load(*args, **kwargs):
        loads.append(args)
        time.sleep(0.3)
        return real(*args, **kwargs)

    monkeypatch.setattr(arapol, "load", slow_load)
    arapol._cached.cache_clear()
    try:
        threads = [threading.Thread(target=arapol.predict, args=(["قال بوتين"],), kwargs={"model": tiny_ner_model})
                   for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert len(loads) == 1
    finally:
        arapol._cached.cache_clear()


def test_a_cached_model_answers_while_another_model_loads(tiny_ner_model: Path, tiny_stance_model: Path,
                                                           monkeypatch):
    real, release, answered = arapol.load, threading.Event(), threading.Event()

    def load(*args, **kwargs):
        if Path(args[0]) == tiny_stance_model:  # a slow load: a hub download, an ONNX export
            release.wait(60)
        return real(*args, **kwargs)

    monkeypatch.setattr(arapol, "load", load)
    arapol._cached.cache_clear()
    try:
        arapol.predict("قال بوتين", model=tiny_ner_model)  # cached now
        slow = threading.Thread(target=arapol.predict, args=("قال بوتين",), kwargs={"model": tiny_stance_model})
        slow.start()
        quick = threading.Thread(target=lambda: (arapol.predict("قال بوتين", model=tiny_ner_model), answered.set()))
        quick.start()
        assert answered.wait(30)  # not after the other model's load
        release.set()
        slow.join(60)
        quick.join(60)
    finally:
        release.set()
        arapol._cached.cache_clear()


def test_the_locks_of_models_asked_for_stay_few(monkeypatch):
    """A model folder retrained or recalibrated in place is a new key each time: its lock does not stay forever."""
    class Answers:
        def predict(self, texts, **kwargs):
            return [{"entities": []}]

    monkeypatch.setattr(arapol, "_identity", lambda model, dtype: (str(model), ""))
    monkeypatch.setattr(arapol, "_cached", lambda *key: Answers())
    monkeypatch.setattr(arapol, "_LOADING", {})
    for i in range(100):
        assert arapol.predict("قال بوتين", model=f"model-{i}") == [{"entities": []}]
    assert len(arapol._LOADING) <= arapol._LOADING_KEPT
