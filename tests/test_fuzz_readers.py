"""Readers fed random bytes and truncated files: a clear arapol error or a clean result, never a traceback
from deep inside."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arapol.data import read_conll, read_ner_jsonl, read_stance_csv, read_stance_jsonl, read_unifiedfc
from arapol.errors import ArapolError
from arapol.labels import CORPUS_LABEL_MAPS, ENTITY_TYPES, STANCE_LABELS

RESOURCES = Path(__file__).parent / "resources"
READERS = {
    "conll": lambda p: read_conll(p, label_map={"PERS": "PER"}, types=ENTITY_TYPES),
    "ner_jsonl": lambda p: read_ner_jsonl(p, types=ENTITY_TYPES),
    "stance_jsonl": lambda p: read_stance_jsonl(p, labels=STANCE_LABELS),
    "csv": lambda p: read_stance_csv(p, label_map=CORPUS_LABEL_MAPS["mawqif"], labels=STANCE_LABELS),
    "unifiedfc": lambda p: read_unifiedfc(p, label_map=CORPUS_LABEL_MAPS["unifiedfc"], labels=STANCE_LABELS),
}
GOOD = {"conll": "ner_good.conll", "ner_jsonl": "ner_good.jsonl", "stance_jsonl": "stance_good.jsonl",
        "csv": "stance_mawqif_like.csv", "unifiedfc": "unifiedfc_small.jsonl"}


def read_or_arapol_error(kind: str, path: Path) -> None:
    try:
        READERS[kind](path)
    except ArapolError as exc:
        assert str(path) in str(exc)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(sorted(READERS)), data=st.binary(max_size=400))
def test_random_bytes(tmp_path, kind, data):
    path = tmp_path / "random"
    path.write_bytes(data)
    read_or_arapol_error(kind, path)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(sorted(READERS)), cut=st.floats(0, 1), flip=st.integers(0, 10_000))
def test_truncated_and_corrupted_good_files(tmp_path, kind, cut, flip):
    data = (RESOURCES / GOOD[kind]).read_bytes()
    data = data[: int(len(data) * cut)]
    if data:
        i = flip % len(data)
        data = data[:i] + bytes([data[i] ^ 0x5A]) + data[i + 1:]
    path = tmp_path / "cut"
    path.write_bytes(data)
    read_or_arapol_error(kind, path)


SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.mark.skipif(not SHARED.exists(), reason="../shared/data is not beside this checkout")
def test_mawqif_and_ans_read_with_the_documented_mapping():
    from collections import Counter

    mawqif = read_stance_csv(SHARED / "mawqif/Mawqif_AllTargets_Test.csv", label_map=CORPUS_LABEL_MAPS["mawqif"],
                             labels=STANCE_LABELS)
    assert Counter(e.label for e in mawqif) == {"favor": 380, "against": 180, "none": 59}
    train = read_stance_csv(SHARED / "mawqif/Mawqif_AllTargets_Train.csv", label_map=CORPUS_LABEL_MAPS["mawqif"],
                            labels=STANCE_LABELS)
    assert len(train) == 3502
    sizes = [len(read_stance_csv(SHARED / f"ans/stance/{s}.csv", text_column="s1", target_column="s2",
                                 label_map=CORPUS_LABEL_MAPS["ans"], labels=STANCE_LABELS))
             for s in ("train", "dev", "test")]
    assert sizes == [2652, 755, 379]
    fc = read_unifiedfc(SHARED / "unifiedfc/unifiedfc.jsonl.gz", label_map=CORPUS_LABEL_MAPS["unifiedfc"],
                        labels=STANCE_LABELS)
    assert Counter(e.label for e in fc) == {"favor": 474, "against": 87, "none": 409 + 2072}
