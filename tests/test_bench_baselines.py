"""``scripts/bench_baselines.py``: the classical baselines score what they should on tiny corpora."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import bench_baselines as bb  # noqa: E402
from arapol.data.ner import NerExample  # noqa: E402
from arapol.labels import Span  # noqa: E402


def _conll(path: Path, sentences: list[list[tuple[str, str]]]) -> Path:
    path.write_text("\n\n".join("\n".join(f"{w}\t{t}" for w, t in s) for s in sentences) + "\n", encoding="utf-8")
    return path


def test_word_tags_follow_the_gold_spans_and_an_orphan_inside_tag_starts_an_entity():
    text = "قال بشار الأسد في دمشق"
    words = bb._words(NerExample(text, [Span(4, 14, "PER"), Span(18, 22, "LOC")]))
    assert [(w, t) for _, _, w, t in words] == [("قال", "O"), ("بشار", "B-PER"), ("الأسد", "I-PER"), ("في", "O"),
                                                ("دمشق", "B-LOC")]
    spans = bb._spans(words, ["O", "I-PER", "I-PER", "I-LOC", "I-ORG"])
    assert [(s.start, s.end, s.label) for s in spans] == [(4, 14, "PER"), (15, 17, "LOC"), (18, 22, "ORG")]


def test_the_lookup_baseline_tags_seen_words_as_training_did_and_misses_unseen_ones(tmp_path):
    seen = [("زار", "O"), ("بشار", "B-PERS"), ("الأسد", "I-PERS"), ("دمشق", "B-LOC"), (".", "O")]
    train = _conll(tmp_path / "train.conll", [seen] * 10)
    test = _conll(tmp_path / "test.conll", [[("زار", "O"), ("بشار", "B-PERS"), ("الأسد", "I-PERS"), ("حلب", "B-LOC")]])
    config = tmp_path / "ner.yaml"
    config.write_text(f"task: ner\nbase_model: tiny:bert\ndata:\n  train: {train}\n  test: {test}\n  format: conll\n"
                      "  label_map: {PERS: PER}\n  dev_fraction: 0.2\n", encoding="utf-8")
    report = bb.anercorp([13, 14], str(config))
    for row in report["seeds"].values():
        assert row["train_examples"] == 8
        assert row["test_f1"] == pytest.approx(2 / 3, abs=1e-4)  # the person found, the unseen city missed
        assert row["per_type"] == {"LOC": 0.0, "PER": 1.0}
    assert report["summary"] == {"mean": pytest.approx(2 / 3, abs=1e-4), "sd": 0.0}


def test_the_svm_baseline_chooses_c_on_dev_and_scores_a_separable_test_set_fully(tmp_path):
    words = {"Favor": "ممتاز رائع", "Against": "سيء مرفوض", "None": "خبر عادي"}
    rows = ["ID,text,target,stance"]
    for i in range(60):
        stance = list(words)[i % 3]
        target = ("Covid Vaccine", "Women empowerment")[i % 2]
        rows.append(f"{i},{words[stance]} {i},{target},{stance}")
    train = tmp_path / "train.csv"
    train.write_text("\n".join(rows) + "\n", encoding="utf-8")
    test = tmp_path / "test.csv"
    test.write_text("ID,text,target,stance\n1,ممتاز رائع,Covid Vaccine,Favor\n2,سيء مرفوض,Women empowerment,Against\n"
                    "3,خبر عادي,Covid Vaccine,None\n", encoding="utf-8")
    config = tmp_path / "stance.yaml"
    config.write_text(f"task: stance\nbase_model: tiny:bert\ndata:\n  train: {train}\n  test: {test}\n  format: csv\n"
                      "  label_map: {Favor: favor, Against: against, None: none}\n  dev_fraction: 0.2\n",
                      encoding="utf-8")
    report = bb.mawqif([13], str(config))
    row = report["seeds"]["13"]
    assert row["C"] in bb.SVM_C and set(row["dev_macro_f1_by_C"]) == {str(c) for c in bb.SVM_C}
    assert row["dev_macro_f1"] == max(row["dev_macro_f1_by_C"].values())  # the C kept is dev's best
    assert row["test_macro_f1"] == 1.0 and row["test_f_avg"] == 1.0
    assert row["per_class"] == {"favor": 1.0, "against": 1.0, "none": 1.0}
