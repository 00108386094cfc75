import gc
import threading

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


def test_the_collector_comes_back_when_the_last_of_two_threads_ends(gc_on):
    entered, release = threading.Event(), threading.Event()

    def background():
        with paused_gc():
            entered.set()
            release.wait(10)

    worker = threading.Thread(target=background)
    worker.start()
    entered.wait(10)
    with paused_gc():
        pass
    assert not gc.isenabled()  # the background pause is still running
    release.set()
    worker.join(10)
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
    texts = ["قال الرئيس بوتين إن روسيا تدعم الهدنة في حلب", "رحبت الأمم المتحدة بالقرار"]
    assert predictor.predict(texts) == list(predictor.predict_stream(texts, chunk_size=1))
    assert seen and not any(seen)
    assert gc.isenabled()
