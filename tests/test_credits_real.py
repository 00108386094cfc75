"""The real-text credit runs that measure each attribution change (scripts/credits_real.py), on a tiny fake corpus."""

import gzip
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import credits_real  # noqa: E402

SAID = "قال وزير الخارجية الروسي سيرغي لافروف إن الهدنة صامدة."


def _fake_data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    (data / "unifiedfc").mkdir(parents=True)
    (data / "ans" / "split").mkdir(parents=True)
    (data / "anercorp").mkdir()
    records = [
        {"claim": "روسيا تدعم الهدنة في حلب", "article": [SAID + "\nقصير جدا\n" + SAID, None]},
        {"claim": "روسيا تدعم الهدنة في حلب", "article": [" ".join(["كلمة"] * 20)]},
    ]
    with gzip.open(data / "unifiedfc" / "unifiedfc.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    (data / "ans" / "split" / "train.csv").write_text(
        "s1,s2,label\nأعلنت تركيا إغلاق حدودها مع سوريا اليوم,تركيا تغلق الحدود,0\n", encoding="utf-8")
    words = ["رحبت", "إيران", "بالاتفاق", "الجديد", "."]
    (data / "anercorp" / "train.tsv").write_text("".join(f"{w}\tO\n" for w in words) + "\n", encoding="utf-8")
    (data / "anercorp" / "test.tsv").write_text("", encoding="utf-8")
    return data


def test_real_texts_take_each_text_of_four_words_or_more_once_in_a_fixed_order(tmp_path):
    # the repeated claim and paragraph come once; "قصير جدا" and the three-word ANS claim are too short
    texts = credits_real.real_texts(_fake_data(tmp_path))
    assert texts == ["روسيا تدعم الهدنة في حلب", SAID, " ".join(["كلمة"] * 20),
                     "أعلنت تركيا إغلاق حدودها مع سوريا اليوم", "رحبت إيران بالاتفاق الجديد ."]


def test_articles_are_whole_unifiedfc_articles_of_15_words_or_more(tmp_path):
    data = _fake_data(tmp_path)
    assert credits_real.articles(data, 5) == [SAID + "\nقصير جدا\n" + SAID, " ".join(["كلمة"] * 20)]
    assert credits_real.articles(data, 1) == [SAID + "\nقصير جدا\n" + SAID]


def test_a_run_credits_each_sentence_and_compare_counts_the_sentences_that_differ(capsys):
    result = credits_real.run([SAID])
    assert result == [[[SAID, {"sergey_lavrov": "speaker"}]]]
    changed = json.loads(json.dumps(result, ensure_ascii=False))
    changed[0][0][1] = {"russia": "speaker"}
    assert credits_real.compare(result, result, show=5) == 0
    assert credits_real.compare(result, changed, show=5) == 1
    out = capsys.readouterr().out
    assert "before {'sergey_lavrov': 'speaker'}" in out and out.rstrip().endswith("differ: 1")


def test_compare_refuses_runs_over_different_corpora():
    with pytest.raises(SystemExit, match="1 and 2 texts"):
        credits_real.compare([[]], [[], []], show=0)


def test_compare_counts_a_text_split_otherwise():
    """A text split into more sentences after a change: zip paired its first sentences and dropped the rest, and a
    second sentence that credited someone new went unseen (a helper's probe: "differ: 0")."""
    before = [[["قال لافروف. وأضاف", {"sergey_lavrov": "speaker"}]]]
    after = [[["قال لافروف.", {"sergey_lavrov": "speaker"}], [" وأضاف", {"x": "speaker"}]]]
    assert credits_real.compare(before, after, show=0) == 1


def _cases_file(tmp_path: Path) -> Path:
    path = tmp_path / "wire_probe.jsonl"
    cases = [{"id": "p1", "text": SAID, "date": "2016-09-20", "credited": [["sergey_lavrov"]], "optional": [],
              "mentioned": []},
             {"id": "p2", "text": "رحبت روسيا بالاتفاق. وأضافت أن الهدنة صامدة.", "date": "2016-09-20",
              "credited": [["russia"], ["russia"]], "optional": [], "mentioned": []}]
    path.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases), encoding="utf-8")
    return path


def test_a_run_over_wire_cases_and_compare_name_each_case_that_became_right_or_wrong(tmp_path, capsys):
    cases = credits_real.wire_cases([_cases_file(tmp_path)])
    result = credits_real.run(cases)
    assert [[c for _, c in r] for r in result] == [[{"sergey_lavrov": "speaker"}],
                                                   [{"russia": "speaker"}, {"russia": "continuation"}]]
    worse = json.loads(json.dumps(result, ensure_ascii=False))
    worse[0][0][1] = {}
    assert credits_real.compare(result, worse, show=0, cases=cases) == 1
    assert credits_real.compare(worse, result, show=0, cases=cases) == 1
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[:2] for line in out if line.startswith(("WORSE", "BETTER"))] == [
        ["WORSE", "p1"], ["BETTER:", "0"], ["BETTER", "p1"], ["BETTER:", "1"]]


def test_compare_refuses_cases_that_are_not_the_runs_texts(tmp_path):
    cases = credits_real.wire_cases([_cases_file(tmp_path)])
    result = credits_real.run(cases)
    with pytest.raises(SystemExit, match="--cases: 1 cases, but the runs cover 2 texts"):
        credits_real.compare(result, result, show=0, cases=cases[:1])
    with pytest.raises(SystemExit, match="or other ones"):
        credits_real.compare(result, result, show=0, cases=cases[::-1])
    with pytest.raises(SystemExit, match=r"--cases .*nope.jsonl: no such file"):
        credits_real.wire_cases([tmp_path / "nope.jsonl"])


def test_show_prints_each_sentence_with_its_credits(capsys):
    credits_real.show([SAID + " وأضاف أن الاتفاق صامد."], credits_real.DATE)
    assert capsys.readouterr().out.splitlines() == [
        f"{SAID} => {{'sergey_lavrov': 'speaker'}}", "وأضاف أن الاتفاق صامد. => {'sergey_lavrov': 'continuation'}"]


def test_show_names_a_bad_date(capsys):
    """``show --date 2020-13-01`` ended in a traceback from deep in the actor table (a review's probe)."""
    with pytest.raises(SystemExit):
        credits_real.main(["show", "--date", "2020-13-01", "قال لافروف إن الهدنة صامدة."])
    assert "'2020-13-01' is not a date YYYY-MM-DD" in capsys.readouterr().err


def test_run_refuses_cases_with_articles(tmp_path):
    """``run --cases F --articles 5`` credited the cases and ignored --articles without a word (a review's probe)."""
    with pytest.raises(SystemExit, match="--cases and --articles: give one"):
        credits_real.main(["run", str(tmp_path / "out.json"), "--cases", str(_cases_file(tmp_path)), "--articles", "5"])
