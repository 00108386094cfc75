import contextlib
import gc
import threading
import weakref

import pytest

import arapol
from arapol.inference.gcpause import paused_gc


@pytest.fixture
def gc_on():
    was = gc.isenabled()
    gc.enable()
    yield
    gc.enable() if was else gc.disable()


def test_the_collector_is_off_inside_and_back_after(gc_on):
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause still holds
    assert gc.isenabled()


def test_a_collector_the_user_turned_off_stays_off(gc_on):
    gc.disable()
    with paused_gc():
        pass
    assert not gc.isenabled()


@contextlib.contextmanager
def _held_by_another_thread():
    """A pause held by a background thread for the duration of the block."""
    entered, release = threading.Event(), threading.Event()

    def background():
        with paused_gc():
            entered.set()
            release.wait(10)

    worker = threading.Thread(target=background)
    worker.start()
    entered.wait(10)
    try:
        yield
    finally:
        release.set()
        worker.join(10)


def test_the_collector_comes_back_when_the_last_of_two_threads_ends(gc_on):
    with _held_by_another_thread():
        with paused_gc():
            pass
        assert not gc.isenabled()  # the background pause is still running
    assert gc.isenabled()


class _Node:
    pass


def test_overlapping_pauses_still_collect_what_each_left_behind(gc_on):
    with _held_by_another_thread():
        with paused_gc():
            cycle = _Node()
            cycle.me = cycle
            ref = weakref.ref(cycle)
            del cycle
            assert ref() is not None
        assert ref() is None  # collected as this pause ended, while the other still holds the collector off
        assert not gc.isenabled()
    assert gc.isenabled()


def test_an_error_inside_still_ends_the_pause(gc_on):
    with pytest.raises(ValueError), paused_gc():
        raise ValueError("boom")
    assert gc.isenabled()


def test_predict_and_predict_stream_prepare_and_decode_with_the_collector_paused(tiny_ner_model, gc_on,
                                                                                   monkeypatch):
    predictor = arapol.load(tiny_ner_model, device="cpu")
    seen = []
    for name in ("prepare", "entities"):
        original = getattr(predictor.ner, name)

        def spy(*args, _original=original, **kwargs):
            seen.append(gc.isenabled())
            return _original(*args, **kwargs)

        monkeypatch.setattr(predictor.ner, name, spy)
    model_calls = []
    runner = predictor.ner.runner

    def spy_runner(inputs):
        model_calls.append(gc.isenabled())
        return runner(inputs)

    monkeypatch.setattr(predictor.ner, "runner", spy_runner)
    texts = ["قال الرئيس بوتين إن روسيا تدعم الهدنة في حلب", "رحبت الأمم المتحدة بالقرار"]
    assert predictor.predict(texts) == list(predictor.predict_stream(texts, chunk_size=1))
    assert seen and not any(seen)
    assert model_calls and all(model_calls[:1])  # the model's own run is not paused (predict(): nothing overlaps)
    assert gc.isenabled()
