"""Corpus analysis (``arapol analyze``) and the end-to-end path predict(level="sentence") → annotate_actors."""

from __future__ import annotations

import csv
import json
import sys
from itertools import islice
from pathlib import Path

import pandas as pd
import pytest

import arapol
from arapol.actors import add_actors, annotate_actors, clause_scorer, default_actor_table
from arapol.analysis import analyze_corpus, read_corpus
from arapol.cli import main
from arapol.errors import ArapolError, DataError
from arapol.sentences import split_sentences

ROOT = Path(__file__).resolve().parents[1]
PNG = b"\x89PNG\r\n\x1a\n"


class FakeStance:
    labels = ["favor", "against", "none"]
    folder = "no-such-model"  # no training config: records' targets are read from `target`

    class info:  # noqa: N801 - stands in for the model's ModelInfo
        target = "وقف إطلاق النار"


class FakePredictor:
    """Sentence stance by keyword: رحب → favor, رفض → against, else none."""

    stance = FakeStance()

    def __init__(self) -> None:
        self.calls: list[tuple[int, str]] = []

    @staticmethod
    def _label(text: str) -> dict:
        lab = "favor" if "رحب" in text else "against" if "رفض" in text else "none"
        return {"label": lab, "scores": {lab: 0.8}}

    def predict(self, texts, target=None, batch_size=32, level="text", progress=None):
        self.calls.append((len(texts), level))
        out = []
        for t in texts:
            r = {"stance": self._label(t)}
            if level == "sentence":
                r["sentences"] = [{"text": t[a:b], "start": a, "end": b, "stance": self._label(t[a:b])}
                                  for a, b in split_sentences(t)]
            out.append(r)
        return out


RECORDS = [
    {"id": "a1", "date": "2016-09-12", "source": "x",
     "text": "رحبت موسكو بالهدنة في حلب. ورفضت هيئة تحرير الشام الاتفاق."},
    {"id": "a2", "date": "2016-09-20", "text": "رفض لافروف المقترح. ورحب بوتين بالهدنة."},
    {"id": 3, "date": "2016-11-02", "text": "رحبت روسيا بتمديد الهدنة، ورفضت هيئة تحرير الشام ذلك."},
    {"id": "a4", "text": "قصف في إدلب."},
    {"id": "a5", "date": "2016-11-05T08:00:00Z", "text": ""},
]


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8-sig").splitlines()


def write_corpus(path: Path, records=RECORDS) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n\n", encoding="utf-8")
    return path


def test_a_list_of_targets_is_read_for_a_text_only_model_alone(tmp_path):
    """``read_corpus`` (and ``corpus_problems``) given a list of targets without ``text_only`` read records toward
    any of them, one analysis of several targets, where a list is meant for a text-only model's training targets:
    it is refused, naming what to give; a text-only model's list and one target as a string read as before."""
    from arapol.analysis import corpus_problems

    p = write_corpus(tmp_path / "c.jsonl", [{"id": 1, "text": "رحبت موسكو بالهدنة.", "target": "الهدنة"},
                                            {"id": 2, "text": "رفضت موسكو التطبيع.", "target": "التطبيع"}])
    for target in (["الهدنة", "التطبيع"], ("الهدنة",)):
        with pytest.raises(ArapolError, match=r"target: one target as a string, got (list|tuple) .*a list is for a "
                                              r"text-only model \(text_only=True\)"):
            list(read_corpus(p, target=target))
        with pytest.raises(ArapolError, match=r"target: one target as a string"):
            corpus_problems(p, target=target)
    assert [rec["id"] for _, rec in read_corpus(p, target=["التطبيع", "الهدنة"], text_only=True,
                                                 fields={"target": ""})] == [1, 2]
    assert corpus_problems(p, target=["الهدنة", "التطبيع"], text_only=True)[0] == 1  # (the second: another target)
    assert corpus_problems(p, target="الهدنة")[0] == 1


def test_targets_given_as_an_iterator_are_read_for_every_record(tmp_path):
    """A text-only model's targets given as a generator were used up by the first record: the next was refused as
    of another target, and the refusal raised a TypeError (a generator has no len()); they read as a list does."""
    from arapol.analysis import corpus_problems

    targets = ["الهدنة", "التطبيع"]
    p = write_corpus(tmp_path / "c.jsonl", [{"id": 1, "text": "رحبت موسكو بالهدنة.", "target": "الهدنة"},
                                            {"id": 2, "text": "رحبت دمشق بالهدنة.", "target": "الهدنة"},
                                            {"id": 3, "text": "رفض الوزير اللقاح.", "target": "اللقاح"}])
    as_list = corpus_problems(p, target=targets, text_only=True)
    assert as_list[0] == 2 and [n for n, _ in as_list[1]] == [3]
    assert corpus_problems(p, target=(t for t in targets), text_only=True) == as_list
    assert [rec["id"] for _, rec in islice(read_corpus(p, target=iter(targets), text_only=True), 2)] == [1, 2]


def test_the_target_read_is_the_one_given_or_the_model_s_own():
    """analyze_corpus handed its body both the target given and the target every article is read toward, two names
    for one thing that could disagree; the second is now derived from the first wherever it is needed."""
    from types import SimpleNamespace

    from arapol.analysis import _target_read

    own = SimpleNamespace(default_target="وقف إطلاق النار", info=SimpleNamespace(text_only=False, target="الهدنة"))
    assert _target_read(own, None) == "وقف إطلاق النار" and _target_read(own, "الانتخابات") == "الانتخابات"
    assert _target_read(SimpleNamespace(info=SimpleNamespace(text_only=True, target="الهدنة")), None) is None
    assert _target_read(FakeStance(), None) == "وقف إطلاق النار"  # no default_target: the config's


def test_analyze_writes_every_output(tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl")
    fake = FakePredictor()
    summary = analyze_corpus(corpus, fake, tmp_path / "out", chunk_size=2, top=3, progress=False)
    out = tmp_path / "out"
    assert summary["documents"] == 5 and summary["dated_documents"] == 4
    assert summary["freq"] == "week" and summary["top_actors"][:2] == ["hts", "russia"]
    assert summary["target"] == "وقف إطلاق النار"  # no target given: the model's own, named
    assert fake.calls[0] == (0, "sentence")  # the options, checked before anything else: no text
    assert [n for n, level in fake.calls[1:] if level == "sentence"] == [2, 2, 1]  # streamed two at a time
    assert (2, "text") in fake.calls  # the two clauses of record 3 were scored
    for name in summary["files"] + ["summary.json"]:
        assert (out / name).stat().st_size > 0

    docs = [json.loads(line) for line in lines(out / "documents.jsonl")]
    assert [d["id"] for d in docs] == ["a1", "a2", 3, "a4", "a5"]
    assert docs[0]["date"] == "2016-09-12" and docs[0]["source"] == "x" and docs[0]["stance"]["label"] == "favor"
    first = {a["id"]: a for a in docs[0]["actors"]}
    assert first["russia"]["stance"]["label"] == "favor" and first["hts"]["stance"]["label"] == "against"
    for d, rec in zip(docs, RECORDS):
        for a in d["actors"]:
            for m in a["mentions"]:
                assert rec["text"][m["start"]:m["end"]] == m["text"]

    for name in ("actor_stance.csv", "stance_over_time.csv"):  # a byte-order mark, for Excel; pandas reads past it
        assert (out / name).read_bytes().startswith("\ufeff".encode()), name
        assert list(pd.read_csv(out / name).columns)[0] in ("actor_id", "period"), name
    rows = list(csv.DictReader(lines(out / "actor_stance.csv")))
    by_id = {r["actor_id"]: r for r in rows}
    assert list(rows[0])[:9] == ["actor_id", "name", "name_ar", "type", "qid", "documents", "mentions",
                                 "stance_documents", "evidence_sentences"]
    assert by_id["hts"]["against"] == "2" and by_id["hts"]["documents"] == "2"
    assert by_id["russia"]["favor"] == "2" and by_id["russia"]["qid"] == "Q159"
    assert by_id["sergey_lavrov"]["against"] == "1" and by_id["vladimir_putin"]["favor"] == "1"
    assert by_id["idlib"]["none"] == "1" and by_id["idlib"]["stance_documents"] == "0"

    import pyarrow.parquet as pq

    table = pq.read_table(out / "actor_stance.parquet")
    assert table.column_names == list(rows[0])
    assert table.num_rows == len(rows)
    assert table.column("actor_id").to_pylist() == [r["actor_id"] for r in rows]
    assert str(table.schema.field("favor").type) == "int64"

    series = list(csv.DictReader(lines(out / "stance_over_time.csv")))
    weeks = ["2016-09-12", "2016-09-19", "2016-09-26", "2016-10-03", "2016-10-10", "2016-10-17", "2016-10-24",
             "2016-10-31"]  # the weeks between the articles' stay in the series, with no articles
    assert list(dict.fromkeys(r["period"] for r in series)) == weeks
    hts = {r["period"]: r for r in series if r["actor_id"] == "hts"}
    assert hts["2016-09-12"]["against"] == "1" and hts["2016-10-31"]["against"] == "1"
    assert hts["2016-10-10"]["documents"] == "0" and hts["2016-10-10"]["against"] == "0"
    assert (out / "stance_over_time.png").read_bytes()[:8] == PNG


def test_the_summary_names_the_target_the_texts_were_read_toward(tmp_path):
    """It named the config's target, where the model read toward the one target it learned (its default), and a
    text-only model's, which reads none (a helper's probe)."""
    corpus = write_corpus(tmp_path / "c.jsonl")

    class Learned(FakeStance):
        default_target = "الانتخابات الرئاسية"

    class TextOnly(FakeStance):
        class info:  # noqa: N801
            target = "وقف إطلاق النار"
            text_only = True

    for stance, want in ((Learned(), "الانتخابات الرئاسية"), (TextOnly(), None)):
        predictor = FakePredictor()
        predictor.stance = stance
        out = tmp_path / type(stance).__name__
        assert analyze_corpus(corpus, predictor, out, progress=False)["target"] == want
        assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["target"] == want


def test_a_year_or_month_date_stays_out_of_a_series_no_period_of_which_holds_it(tmp_path):
    records = [{"id": 1, "date": "2016-09-05", "text": "هطلت أمطار غزيرة."},  # no actor: still sets the first week
               {"id": 2, "date": "2016-09-14", "text": "رحبت موسكو بالهدنة."},
               {"id": 3, "date": "2016", "text": "رفض لافروف المقترح."},  # a year: in no week, nor month
               {"id": 4, "date": "2016-09", "text": "رحب بوتين بالهدنة."},  # a month: in no week
               {"id": 5, "date": "2016-09-28", "text": "هطلت أمطار غزيرة."}]
    corpus = write_corpus(tmp_path / "c.jsonl", records)
    weekly = analyze_corpus(corpus, FakePredictor(), tmp_path / "w", progress=False)
    assert weekly["freq"] == "week" and weekly["dated_documents"] == 5 and weekly["coarsely_dated_documents"] == 2
    assert weekly["top_actors"] == ["russia"]  # Lavrov and Putin, dated too coarsely, would draw only zeros
    series = list(csv.DictReader(lines(tmp_path / "w" / "stance_over_time.csv")))
    assert list(dict.fromkeys(r["period"] for r in series)) == ["2016-09-05", "2016-09-12", "2016-09-19",
                                                                "2016-09-26"]
    counted = {(r["period"], r["actor_id"]): int(r["documents"]) for r in series if int(r["documents"])}
    assert counted == {("2016-09-12", "russia"): 1}
    monthly = analyze_corpus(corpus, FakePredictor(), tmp_path / "m", freq="month", progress=False)
    series = list(csv.DictReader(lines(tmp_path / "m" / "stance_over_time.csv")))
    assert monthly["coarsely_dated_documents"] == 1 and monthly["top_actors"] == ["russia", "vladimir_putin"]
    assert {(r["period"], r["actor_id"]) for r in series if int(r["documents"])} == {
        ("2016-09-01", "russia"), ("2016-09-01", "vladimir_putin")}


def test_documents_without_a_stance_are_counted_apart(tmp_path):
    class BlankHasNone(FakePredictor):
        def predict(self, texts, **kwargs):
            return [{"stance": None, "sentences": []} if not t.strip() else r
                    for t, r in zip(texts, super().predict(texts, **kwargs))]

    summary = analyze_corpus(write_corpus(tmp_path / "c.jsonl"), BlankHasNone(), tmp_path / "o", progress=False)
    assert summary["documents_without_stance"] == 1
    assert sum(summary["document_stance"].values()) + 1 == summary["documents"]


def test_plot_titles_show_arabic_names_shaped_in_display_order():
    """matplotlib draws Arabic letters apart and left to right: «حركة النور» (an ner: actor, which has no ASCII id to
    stand for it) was drawn so. The title holds each letter's joined form, the last letter leftmost."""
    from arapol.analysis import _title

    assert _title("recep_tayyip_erdogan", "Recep Tayyip Erdoğan") == "Recep Tayyip Erdoğan"
    # ر alone (after و), و final, ن medial, ل initial, ا alone; ة final, ك initial (after ر), ر final, ح initial
    assert _title("ner:حركه النور", "حركة النور") == "\ufead\ufeee\ufee8\ufedf\ufe8d \ufe94\ufedb\ufeae\ufea3"
    assert _title("bashar_al_assad", "بشار الأسد")[0] == "\ufeaa"  # د final, drawn leftmost
    assert _title("x", None) == "x"


def test_plot_titles_without_the_shaping_packages_use_an_ascii_id(monkeypatch):
    from arapol.analysis import _title

    monkeypatch.setitem(sys.modules, "arabic_reshaper", None)  # not installed: importing it fails
    assert _title("bashar_al_assad", "بشار الأسد") == "bashar_al_assad"
    assert _title("ner:حركه النور", "حركة النور") == "حركة النور"  # no ASCII id: the name as it is


def test_analyze_without_dates_still_writes_a_plot(tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl", [{"id": 1, "text": "رحب بوتين بالهدنة."}])
    summary = analyze_corpus(corpus, FakePredictor(), tmp_path / "o", progress=False, freq="month")
    assert summary["dated_documents"] == 0 and summary["freq"] == "month"
    assert (tmp_path / "o" / "stance_over_time.png").read_bytes()[:8] == PNG


def test_analyze_needs_a_stance_model(tmp_path):
    class NerOnly:
        stance = None

    with pytest.raises(ArapolError, match="needs a stance model"):
        analyze_corpus(write_corpus(tmp_path / "c.jsonl"), NerOnly(), tmp_path / "o")


@pytest.mark.parametrize("name", ["documents.jsonl", "summary.json", "actor_stance.csv"])
def test_a_corpus_that_is_one_of_the_outputs_is_refused_untouched(tmp_path, name):
    """A corpus kept in --out under an output's name was overwritten (documents.jsonl) or deleted (summary.json)."""
    out = tmp_path / "o"
    out.mkdir()
    corpus = write_corpus(out / name)
    before = corpus.read_bytes()
    with pytest.raises(ArapolError, match=rf"the corpus .*{name} is this analysis's own {name} in .*choose another"):
        analyze_corpus(corpus, FakePredictor(), out, progress=False)
    assert corpus.read_bytes() == before
    link = tmp_path / "elsewhere.jsonl"  # the same file by another name
    link.symlink_to(corpus)
    with pytest.raises(ArapolError, match="is this analysis's own"):
        analyze_corpus(link, FakePredictor(), out, progress=False)
    assert corpus.read_bytes() == before


def test_ids_are_told_apart_by_their_json_value_as_predict_does(tmp_path):
    p = tmp_path / "ids.jsonl"
    p.write_text('{"id": 1, "text": "نص"}\n{"id": "1", "text": "نص"}\n{"id": 1, "text": "نص"}\n', encoding="utf-8")
    with pytest.raises(DataError, match=r"ids.jsonl:3: duplicate id 1"):
        list(read_corpus(p))  # the integer 1 twice; the string "1" is another id


def test_an_empty_date_is_no_date_as_in_python(tmp_path):
    """``"date": ""`` (what a spreadsheet's empty cell becomes) is undated, as ``predict(date="")`` reads it."""
    from arapol.actors.aliases import checked_date, record_date_problem

    p = tmp_path / "c.jsonl"
    p.write_text('{"id": 1, "text": "نص", "date": ""}\n', encoding="utf-8")
    assert [r["id"] for _, r in read_corpus(p)] == [1]
    assert record_date_problem("") is None and checked_date("") is None
    assert record_date_problem(" ") is not None  # a blank that is not empty is no date either way: refused


@pytest.mark.parametrize("line,message", [
    ("{not json", "invalid JSON"),
    ("[1, 2]", "expected a JSON object"),
    ('{"id": "line:4", "text": "نص"}\n{"text": "نص"}', r"duplicate id 'line:4' \(a record without an id is named"),
    ('{"id": true, "text": "نص"}', "'id' must be a string or an integer"),
    ('{"id": 1}', r"field 'text' is missing; found fields \['id'\] \(record 1\)"),
    ('{"id": 1, "text": null}', r"field 'text' must be a string, found null"),
    ('{"id": 1, "text": ["نص"]}', r"field 'text' must be a string, found list \[\"نص\"\]"),
    ('{"id": 1, "text": "نص", "date": "yesterday"}', "field 'date' must be an ISO date"),
    ('{"id": 1, "text": "نص", "date": "20161018"}', "field 'date' must be an ISO date"),  # not 2016-01-01
    ('{"id": 1, "text": "نص", "date": "2016-10-18 junk"}', "field 'date' must be an ISO date"),
    ('{"id": 1, "text": "نص", "date": "1476748800"}', "field 'date' must be an ISO date"),
    ('{"id": 1, "text": "نص", "date": 1476748800}', "field 'date' must be an ISO date"),  # a timestamp, not a year
    ('{"id": 1, "text": "نص", "date": 2016.0}', r"\(a string; a year may also be an integer\), got 2016.0"),
    ('{"id": 1, "text": "نص", "date": true}', "field 'date' must be an ISO date"),
    ('{"id": "a1", "text": "نص"}', "duplicate id 'a1'"),
    ('{"id": 1, "text": "نص", "text": "آخر"}', "the key 'text' is given twice"),
])
def test_bad_corpus_records_name_the_file_and_line(tmp_path, line, message):
    p = tmp_path / "bad.jsonl"
    p.write_text('{"id": "a1", "text": "نص"}\n\n' + line + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=message) as err:
        list(read_corpus(p))
    assert f"{p}:{3 + line.count(chr(10))}" in str(err.value)


def test_a_record_without_an_id_is_named_by_its_line_as_predict_names_it(tmp_path):
    """A fresh user's audit: analyze refused records without an id, which arapol predict names line:N."""
    p = tmp_path / "c.jsonl"
    p.write_text('{"id": "a1", "text": "نص"}\n\n{"text": "نص"}\n{"id": null, "text": "نص"}\n', encoding="utf-8")
    assert [r["id"] for _, r in read_corpus(p)] == ["a1", "line:3", "line:4"]
    with pytest.raises(DataError, match=r"c.jsonl:1: missing field 'key' \(a string or an integer\)"):
        list(read_corpus(p, {"id": "key"}))  # an id field asked for by name must be there


def test_analyze_lists_every_bad_record_at_once(tmp_path):
    """A fresh user's audit: analyze stopped at the first bad record, so an archive with 156 took 156 runs."""
    good = [json.dumps({"id": i, "text": "رحبت تركيا بالهدنة"}) for i in range(3)]
    bad = ["{cut", json.dumps({"id": 7, "text": 5}), json.dumps({"id": 8, "text": "نص", "date": "x"})] * 9
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(good + bad) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        analyze_corpus(corpus, FakePredictor(), tmp_path / "out", progress=False)
    message = str(err.value)
    assert message.startswith(f"{corpus}: 27 bad record(s) of 30; nothing was analysed")
    assert f"{corpus}:4: invalid JSON" in message and f"{corpus}:5: field 'text' must be a string" in message
    assert f"{corpus}:6: field 'date' must be an ISO date" in message and "… and 7 more" in message
    assert f"{corpus}:23:" in message and f"{corpus}:24:" not in message  # the first 20 listed


def test_the_corpus_fields_may_have_other_names(tmp_path, capsys):
    """An archive whose fields are named otherwise (``body``, ``published``) is read as arapol predict reads one,
    with --text-field and --date-field (and --id-field, --source-field); analyze had no such options."""
    records = [{"article_id": "x1", "body": "رحبت موسكو بالهدنة.", "published": "2016-10-20", "outlet": "sana",
                "date": "not read"},
               {"article_id": "x2", "body": "رفضت موسكو الهدنة.", "published": "2016-10-21"}]
    corpus = write_corpus(tmp_path / "c.jsonl", records)
    fields = ["--text-field", "body", "--id-field", "article_id", "--date-field", "published", "--source-field",
              "outlet"]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(arapol, "load", lambda *a, **k: FakePredictor())
        assert main(["analyze", str(corpus), "--out", str(tmp_path / "o"), "--model", "m", "--no-progress",
                     *fields]) == 0
        capsys.readouterr()
        bad = write_corpus(tmp_path / "bad.jsonl", [{"article_id": "x1", "body": "نص", "published": "yesterday"}])
        assert main(["analyze", str(bad), "--out", str(tmp_path / "p"), "--model", "m", *fields]) == 2
    assert f"{bad}:1: field 'published' must be an ISO date" in capsys.readouterr().err
    # a misspelt field name read every document undated, and said only "give them dates" (a helper's probe;
    # arapol predict --input refused it)
    dated = write_corpus(tmp_path / "dated.jsonl", [{**records[1], "date": "2016-10-21"}])
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(arapol, "load", lambda *a, **k: FakePredictor())
        assert main(["analyze", str(dated), "--out", str(tmp_path / "s"), "--model", "m", "--no-progress",
                     *fields, "--date-field", "dte"]) == 2
    assert (f"{dated}:1: no field 'dte' (the record's date; without it the article is in no period), but 'date' "
            "holds a date: a misspelling?" in capsys.readouterr().err) and not (tmp_path / "s").exists()
    # a near key that holds no date is another field: an undated record with `data` or `rate` is read as before
    other = write_corpus(tmp_path / "other.jsonl", [{"id": 1, "text": "رحبت موسكو بالهدنة.", "data": "x"},
                                                   {"id": 2, "text": "رفضت موسكو الهدنة.", "rate": 3}])
    assert [rec["id"] for _, rec in read_corpus(other)] == [1, 2]
    # ... and one that holds no date does not hide a misspelt key after it that holds one (a helper's probe)
    shadowed = write_corpus(tmp_path / "shadowed.jsonl",
                            [{"id": 1, "text": "رحبت موسكو بالهدنة.", "data": {"v": 1}, "Date": "2016-10-18"}])
    with pytest.raises(DataError, match=r"shadowed.jsonl:1: no field 'date' .*but 'Date' holds a date"):
        list(read_corpus(shadowed))
    # a misspelt id named the record line:N without a word; arapol predict refuses it (a helper's probe)
    for key in ("ID", "_id"):
        misnamed = write_corpus(tmp_path / "misnamed.jsonl", [{key: "x1", "text": "رحبت موسكو بالهدنة."}])
        with pytest.raises(DataError, match=rf"misnamed.jsonl:1: no field 'id' \(the record's id\), but '{key}': "
                                            "a misspelling?"):
            list(read_corpus(misnamed))
    # a misspelt source was read as no source, silently (the corpus review helper's note)
    sourced = write_corpus(tmp_path / "sourced.jsonl", [{"id": 1, "text": "رحبت موسكو بالهدنة.", "Source": "sana"}])
    with pytest.raises(DataError, match=r"sourced.jsonl:1: no field 'source' \(the record's source\), but 'Source'"):
        list(read_corpus(sourced))
    assert [rec["source"] for _, rec in read_corpus(sourced, {"source": "Source"})] == ["sana"]
    # a null id beside a misspelt key is the record's own (named line:N), as predict reads it
    nulled = write_corpus(tmp_path / "nulled.jsonl", [{"id": None, "ID": "x1", "text": "رحبت موسكو بالهدنة."}])
    assert [rec["id"] for _, rec in read_corpus(nulled)] == ["line:1"]
    docs = [json.loads(x) for x in lines(tmp_path / "o" / "documents.jsonl")]
    assert [(d["id"], d.get("date"), d.get("source")) for d in docs] == [("x1", "2016-10-20", "sana"),
                                                                        ("x2", "2016-10-21", None)]
    series = list(csv.DictReader(lines(tmp_path / "o" / "stance_over_time.csv")))
    assert [(r["period"], r["favor"], r["against"]) for r in series] == [("2016-10-20", "1", "0"),
                                                                        ("2016-10-21", "0", "1")]
    with pytest.raises(DataError, match=r"field 'body' is missing; found fields \['date', 'id', 'source', 'text'\]"):
        list(read_corpus(write_corpus(tmp_path / "d.jsonl"), {"text": "body"}))
    with pytest.raises(ArapolError, match=r"unknown corpus fields \['title'\]: expected some of \['id', 'text'"):
        analyze_corpus(corpus, FakePredictor(), tmp_path / "q", fields={"title": "headline"})
    assert not (tmp_path / "q").exists()


def test_a_record_naming_another_stance_target_is_refused_not_read_toward_the_runs(tmp_path, capsys):
    """analyze read every article toward the run's target and dropped a record's own ``target`` without a word, where
    arapol predict reads each record toward its own (the last closing note's item): one actor table cannot mix two
    targets, so such a record is refused, by line, before the model runs."""
    records = [{"id": 1, "text": "رحبت موسكو بالهدنة.", "target": "وقف اطلاق النار"},  # the same, hamza aside
               {"id": 2, "text": "رفضت موسكو الهدنة.", "target": None},  # null: the run's
               {"id": 3, "text": "رحبت أنقرة بالاتفاق.", "target": "الانتخابات الرئاسية"},
               {"id": 4, "text": "رحبت أنقرة بالاتفاق.", "target": " "},
               {"id": 5, "text": "رحبت أنقرة بالاتفاق.", "traget": "الانتخابات الرئاسية"}]
    corpus = write_corpus(tmp_path / "c.jsonl", records)
    predictor = FakePredictor()
    with pytest.raises(DataError) as err:
        analyze_corpus(corpus, predictor, tmp_path / "out", progress=False)
    message = str(err.value)
    assert message.startswith(f"{corpus}: 3 bad record(s) of 5; nothing was analysed")
    assert (f"{corpus}:3: field 'target' names the target 'الانتخابات الرئاسية', but this analysis reads every "
            "article toward 'وقف إطلاق النار'" in message)
    assert f"{corpus}:4: field 'target' (the record's stance target) must be a non-blank string" in message
    assert (f"{corpus}:5: no field 'target' (the record's stance target; --target-field '' reads none), but 'traget'"
            in message)
    assert f"{corpus}:1:" not in message and f"{corpus}:2:" not in message
    assert all(n == 0 for n, _ in predictor.calls)  # only the options checked: no text predicted
    # the run's target named: those records are its own, and the others are refused
    assert analyze_corpus(write_corpus(tmp_path / "e.jsonl", records[2:3]), predictor, tmp_path / "e",
                          target="الانتخابات الرئاسية", progress=False)["documents"] == 1
    with pytest.raises(DataError, match="e.jsonl: 1 bad record"):
        analyze_corpus(tmp_path / "e.jsonl", predictor, tmp_path / "f", progress=False)
    # a field of another name holds no target unless named; named, it is checked as `target` is
    held = write_corpus(tmp_path / "h.jsonl", [{"id": 1, "text": "رحبت موسكو بالهدنة.", "topic": "الانتخابات"}])
    assert analyze_corpus(held, predictor, tmp_path / "h", progress=False)["documents"] == 1
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(arapol, "load", lambda *a, **k: FakePredictor())
        assert main(["analyze", str(held), "--out", str(tmp_path / "i"), "--model", "m", "--no-progress",
                     "--target-field", "topic"]) == 2
    assert f"{held}:1: field 'topic' names the target 'الانتخابات'" in capsys.readouterr().err
    # a field one edit from `target` that holds no target of theirs (`targets`: the victims) stopped corpora that
    # analysed before (a review): --target-field '' reads no target field
    victims = write_corpus(tmp_path / "v.jsonl", [{"id": 1, "text": "رحبت موسكو بالهدنة.", "targets": "المدنيون"}])
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(arapol, "load", lambda *a, **k: FakePredictor())
        assert main(["analyze", str(victims), "--out", str(tmp_path / "v"), "--model", "m", "--no-progress"]) == 2
        assert "--target-field '' reads none" in capsys.readouterr().err
        assert main(["analyze", str(victims), "--out", str(tmp_path / "v"), "--model", "m", "--no-progress",
                     "--target-field", ""]) == 0
    # by default the field is the target column the model was trained on, as arapol predict reads it
    trained = tmp_path / "trained"
    trained.mkdir()
    (trained / "training_config.yaml").write_text("task: stance\ndata: {target_column: topic}\n", encoding="utf-8")
    topical = FakePredictor()
    topical.stance = type("Topical", (FakeStance,), {"folder": str(trained)})()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(arapol, "load", lambda *a, **k: topical)
        assert main(["analyze", str(held), "--out", str(tmp_path / "j"), "--model", "m", "--no-progress"]) == 2
    assert f"{held}:1: field 'topic' names the target 'الانتخابات'" in capsys.readouterr().err
    with pytest.raises(DataError, match="field 'topic' names the target 'الانتخابات'"):  # the Python function too
        analyze_corpus(held, topical, tmp_path / "k", progress=False)
    assert analyze_corpus(held, topical, tmp_path / "k", progress=False, fields={"target": ""})["documents"] == 1
    # a text-only model reads the text alone, toward the one target it was trained for: a record naming another
    # was read toward that one without a word (a review), where the README says it is refused
    class TextOnly(FakeStance):
        class info:  # noqa: N801
            target = "وقف إطلاق النار"
            text_only = True
            text_only_targets = {"وقف إطلاق النار": 40}  # (recorded by its training)

    predictor.stance = TextOnly()
    mixed = write_corpus(tmp_path / "m.jsonl", records[:3])  # 1 and 2: its own target
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(arapol, "load", lambda *a, **k: predictor)
        assert main(["analyze", str(mixed), "--out", str(tmp_path / "t"), "--model", "m", "--no-progress"]) == 2
        assert (f"{mixed}: 1 bad record(s) of 3; nothing was analysed" in (err := capsys.readouterr().err)
                and f"{mixed}:3: field 'target' names the target 'الانتخابات الرئاسية', but this model reads the text "
                "alone (trained with text_only: true), toward 'وقف إطلاق النار': actors' stances toward two targets "
                "are not one table. Analyse the records of each target apart, with a model trained toward it "
                "(--target-field '' reads them") in err
        assert main(["analyze", str(mixed), "--out", str(tmp_path / "t2"), "--model", "m", "--no-progress",
                     "--target-field", ""]) == 0  # asked to read none: all toward its target, as before
        # ... and naming a field for it is refused, as arapol predict refuses it
        assert main(["analyze", str(held), "--out", str(tmp_path / "u"), "--model", "m", "--no-progress",
                     "--target-field", "topic"]) == 2
    assert "reads the text alone (trained with text_only: true): leave it out" in capsys.readouterr().err


def test_a_year_may_be_a_json_integer_as_in_predict(tmp_path):
    from arapol.actors.aliases import date_period

    p = tmp_path / "years.jsonl"
    p.write_text('{"id": 1, "text": "نص", "date": 2016}\n{"id": 2, "text": "نص", "date": "2016"}\n', encoding="utf-8")
    dates = [rec["date"] for _, rec in read_corpus(p)]
    assert [date_period(d) for d in dates] == [date_period("2016")] * 2


def test_timestamps_in_common_formats_are_dates():
    from arapol.actors.aliases import parse_date

    for value in ("2016-10-18", "2016-10-18T09:00:00Z", "2016-10-18 09:00:00+03", "2016-10-18 09:00:00 +0300",
                  "2016-10-18T09", "2016-10-18T09:00:00,5Z", "2016-10-18Z", "2016-10-18 09:00:00 UTC",
                  "2016-10-18 09:00:00.123456+00:00", "2016-10-18 09:00 UTC+3", "2016-10-18 09:00 GMT+03:00",
                  "2016-10-18 09:00 AST", "2016-10-18T09:00:00+03:00[Asia/Riyadh]"):
        assert str(parse_date(value)) == "2016-10-18", value
    assert str(parse_date("2016-10")) == "2016-10-01" and str(parse_date("2016")) == "2016-01-01"
    for value in ("20161018", "1476748800", "2016/10/18", "2016-10-18 junk", "2016-13-01", "2016-10-18 1st edition",
                  "2016-10-18 12 dead", "2016-10-18T09:00:00 Damascus", "2016-10-18-05", "2016-10-18 UTC",
                  "2016-10-18T99:99", "2016-10-18T25", "2016-10-18 09:60", "2016-10-18T09:00:61Z"):
        assert parse_date(value) is None, value
    for value in ("2016-10-18T24:00", "2016-10-18T23:59:60Z", "2016-10-18T09:00+14:00"):  # the day's end, a leap
        assert str(parse_date(value)) == "2016-10-18", value  # second, the farthest zone
    # a typo past the day's end, or a zone no place has, was read as the 18th (a helper's probe)
    for value in ("2016-10-18T24:30", "2016-10-18T24:59:59", "2016-10-18T09:00+99:99", "2016-10-18T09:00+15",
                  "2016-10-18 09:00 UTC+25"):
        assert parse_date(value) is None, value


def test_undecodable_line_is_named(tmp_path):
    p = tmp_path / "bad.jsonl"
    p.write_bytes('{"id": 1, "text": "نص"}\n'.encode() + b'{"id": 2, "text": "\xff"}\n')
    with pytest.raises(DataError, match="not valid UTF-8") as err:
        list(read_corpus(p))
    assert f"{p}:2" in str(err.value)


def test_analyze_keeps_a_cut_emoji_and_writes_whole_files(tmp_path):
    """A lone surrogate (a tweet cut mid-emoji) is written escaped; a run that fails leaves the earlier
    run's files whole and no summary.json (the mark of a finished analysis)."""
    text = "رحبت تركيا بالهدنة \ud83d"
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": 1, "text": text}) + "\n", encoding="utf-8")  # JSON escapes it
    out = tmp_path / "out"
    analyze_corpus(corpus, FakePredictor(), out, progress=False)
    (doc,) = [json.loads(line) for line in lines(out / "documents.jsonl")]
    assert doc["id"] == 1 and doc["stance"]["label"] == "favor"
    before = (out / "documents.jsonl").read_bytes()

    class Failing(FakePredictor):
        def predict(self, texts, *args, **kwargs):
            if texts:  # the options' check (no text) passes: the run fails midway
                raise RuntimeError("killed")
            return []

    with pytest.raises(RuntimeError, match="killed"):
        analyze_corpus(corpus, Failing(), out, progress=False)
    assert (out / "documents.jsonl").read_bytes() == before and not (out / "summary.json").exists()
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]


def test_corpus_reader_accepts_bom_and_gzip(tmp_path):
    import gzip

    p = tmp_path / "c.jsonl.gz"
    p.write_bytes(gzip.compress(("\ufeff" + json.dumps({"id": 1, "text": "نص"}, ensure_ascii=False) + "\n")
                                .encode("utf-8")))
    assert [r["id"] for _, r in read_corpus(p)] == [1]
    cut = tmp_path / "cut.jsonl.gz"  # truncated: named
    cut.write_bytes(gzip.compress("".join(json.dumps({"id": i, "text": "x"}) + "\n" for i in range(50))
                                  .encode("utf-8"))[:-10])
    with pytest.raises(DataError, match="cut.jsonl.gz: cannot read the corpus"):
        list(read_corpus(cut))


def test_a_bad_record_stops_analyze_before_the_model_runs(tmp_path):
    """The corpus is checked whole first: a bad line near the end does not cost the predictions before it."""
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps({"id": i, "text": "رحبت تركيا بالهدنة"}) + "\n" for i in range(3))
                      + json.dumps({"id": 9, "text": "نص", "date": "yesterday"}) + "\n", encoding="utf-8")
    calls = []

    class Counting(FakePredictor):
        def predict(self, *args, **kwargs):
            calls.append(args)
            return super().predict(*args, **kwargs)

    with pytest.raises(DataError, match="c.jsonl:4: field 'date' must be an ISO date"):
        analyze_corpus(corpus, Counting(), tmp_path / "out", progress=False, chunk_size=1)
    assert calls == [([],)]  # the options' check alone: no text


def test_analyze_reads_a_pipe_once(tmp_path):
    import os
    import threading

    fifo = tmp_path / "corpus.fifo"
    os.mkfifo(fifo)
    body = "".join(json.dumps({"id": i, "text": "رحبت تركيا بالهدنة"}) + "\n" for i in range(5)).encode()

    def feed():
        with open(fifo, "wb") as fh:
            fh.write(body)

    writer = threading.Thread(target=feed)
    writer.start()
    try:
        summary = analyze_corpus(fifo, FakePredictor(), tmp_path / "out", progress=False)
    finally:
        if writer.is_alive():  # refused before reading the pipe: free its writer, or the test hangs
            with open(fifo, "rb") as fh:
                fh.read()
        writer.join()
    assert summary["documents"] == 5


# ---- end to end on the tiny models -------------------------------------------------------------------

ARTICLE = (ROOT / "data" / "sample_article.txt").read_text(encoding="utf-8")


def test_end_to_end_predict_then_annotate(tiny_ner_model, tiny_stance_model, check_spans):
    predictor = arapol.load(tiny_ner_model, tiny_stance_model, device="cpu")
    texts = [ARTICLE, "رحبت موسكو بالهدنة في حلب، ورفضتها هيئة تحرير الشام.", ""]
    results = predictor.predict(texts, target="وقف إطلاق النار", level="sentence")
    table = default_actor_table()
    for text, res in zip(texts, results):
        actors = annotate_actors(text, res, table)
        assert [a["id"] for a in actors] == list(dict.fromkeys(a["id"] for a in actors))
        for a in actors:
            check_spans(text, a["mentions"])
            assert a["stance"]["label"] in {"favor", "against", "none"}
            for e in a["evidence"]:
                assert text[e["start"]:e["end"]] == e["text"]
                assert e["stance"]["label"] != "none"
    got = {a["id"]: a for a in annotate_actors(ARTICLE, results[0], table)}
    # alias matching does not depend on the models
    assert {"sergey_lavrov", "staffan_de_mistura", "recep_tayyip_erdogan", "ahrar_al_sham", "isis",
            "al_nusra_front", "unsc", "sohr", "russian_mod", "opposition_factions"} <= set(got)
    assert got["isis"]["stance"]["label"] == "none"  # only mentioned, in Lavrov's reported clause
    assert got["al_nusra_front"]["stance"]["label"] == "none"
    assert [m["text"] for m in got["sergey_lavrov"]["mentions"]] == ["وزير الخارجية الروسي", "سيرغي لافروف", "لافروف"]
    assert annotate_actors("", results[2], table) == []

    # add_actors: what predict(..., actors=True) runs; clauses are scored by the stance model alone
    again = predictor.predict(texts, target="وقف إطلاق النار", level="sentence")
    add_actors(predictor, texts, again, target="وقف إطلاق النار", date=["2016-10-18", None, None],
               keep_sentences=False)
    assert all("actors" in r and "sentences" not in r and "entities" in r for r in again)
    assert [a["id"] for a in again[0]["actors"]] == list(got)
    score = clause_scorer(predictor, "وقف إطلاق النار")
    clauses = score(["رحبت موسكو بالهدنة", "ورفضتها هيئة تحرير الشام"])
    assert [set(c) for c in clauses] == [{"label", "scores"}] * 2
    with pytest.raises(ArapolError, match="2 dates for 3 texts"):
        add_actors(predictor, texts, again, date=["2016-10-18", None])


def test_predict_with_actors_scores_clauses_apart_unless_told_not_to(tiny_ner_model, tiny_stance_model,
                                                                      monkeypatch):
    import arapol.actors

    predictor = arapol.load(tiny_ner_model, tiny_stance_model, device="cpu")
    target = "وقف إطلاق النار"
    text = ('واتهمت دمشق الفصائل المسلحة بخرق وقف إطلاق النار، فيما أكد الرئيس التركي رجب طيب أردوغان أن بلاده '
            '"ستواصل دعم الحل السياسي".')  # two speakers in two clauses of one sentence
    scored: list[list[str]] = []
    real = arapol.actors.clause_scorer

    def spy(*args, **kwargs):
        score = real(*args, **kwargs)
        return lambda texts: scored.append(list(texts)) or score(texts)

    monkeypatch.setattr(arapol.actors, "clause_scorer", spy)
    apart = predictor.predict(text, target=target, actors=True)
    assert len(scored) == 1 and len(scored[0]) == 2  # the two clauses, in one call of the stance model
    scored.clear()
    together = predictor.predict(text, target=target, actors=True, clauses=False)
    assert scored == []
    sentence = predictor.predict(text, target=target, level="sentence")["sentences"][0]["stance"]
    speakers = {a["id"]: a["evidence"] for a in together["actors"] if a["evidence"]}
    assert {"syria", "recep_tayyip_erdogan"} <= set(speakers)
    for evidence in speakers.values():
        assert [(e["start"], e["stance"]) for e in evidence] == [(0, sentence)]
    assert [a["id"] for a in apart["actors"]] == [a["id"] for a in together["actors"]]


def test_the_python_function_takes_a_table_s_path_as_predict_does(tmp_path):
    """``analyze_corpus(..., table="mine.yaml")`` failed deep inside, after the model had run on the first chunk
    (``str.find() takes no keyword arguments``; a review): a path extends the bundled table, as
    ``predict(actors=PATH)`` reads it."""
    extra = tmp_path / "mine.yaml"
    extra.write_text("actors:\n  - {id: nour_brigade, ar: كتيبة النور, en: Nour Brigade, type: armed_group, "
                     "aliases: [كتيبة النور]}\n", encoding="utf-8")
    corpus = write_corpus(tmp_path / "c.jsonl", [{"id": 1, "date": "2016-10-18",
                                                  "text": "رحبت كتيبة النور بالهدنة، ورفضت روسيا الاتفاق."}])
    analyze_corpus(corpus, FakePredictor(), tmp_path / "out", table=str(extra), progress=False)
    rows = list(csv.DictReader(lines(tmp_path / "out" / "actor_stance.csv")))
    assert {"nour_brigade", "russia"} <= {r["actor_id"] for r in rows}


def test_cli_analyze_end_to_end(tiny_ner_model, tiny_stance_model, tmp_path, capsys):
    corpus = write_corpus(tmp_path / "c.jsonl", [
        {"id": 1, "date": "2016-10-18", "text": ARTICLE},
        {"id": 2, "date": "2016-10-19", "text": "رحب الرئيس الروسي بالهدنة، ورفضت جبهة فتح الشام الاتفاق."},
        {"id": 3, "date": "2016-12-30", "text": "وقال بوتين إن الاتفاق يشمل جميع الأطراف باستثناء داعش."},
    ])
    extra = tmp_path / "mine.yaml"
    extra.write_text("actors:\n  - {id: vladimir_putin, aliases: [سيد الكرملين]}\n", encoding="utf-8")
    out = tmp_path / "out"
    code = main(["analyze", str(corpus), "--model", str(tiny_ner_model), str(tiny_stance_model), "--target",
                 "وقف إطلاق النار", "--out", str(out), "--actors", str(extra), "--top", "4", "--no-progress",
                 "--device", "cpu"])
    assert code == 0
    assert "analysed 3 articles (3 dated)" in capsys.readouterr().out
    docs = [json.loads(line) for line in lines(out / "documents.jsonl")]
    assert len(docs) == 3 and all("entities" in d and "actors" in d for d in docs)
    ids2 = [a["id"] for a in docs[1]["actors"]]
    assert "vladimir_putin" in ids2 and "jabhat_fateh_al_sham" in ids2  # the title by the record's date
    rows = list(csv.DictReader(lines(out / "actor_stance.csv")))
    assert {"isis", "vladimir_putin", "sergey_lavrov"} <= {r["actor_id"] for r in rows}
    assert (out / "stance_over_time.png").read_bytes()[:8] == PNG
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["documents"] == 3 and len(summary["top_actors"]) == 4


def test_cli_analyze_reports_bad_input(tiny_stance_model, tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1}\n', encoding="utf-8")
    code = main(["analyze", str(bad), "--model", str(tiny_stance_model), "--out", str(tmp_path / "o"),
                 "--no-progress", "--device", "cpu"])
    assert code == 2
    assert "bad.jsonl:1" in capsys.readouterr().err


def test_a_killed_runs_half_written_files_are_removed_and_one_run_writes_at_a_time(tmp_path):
    from arapol.checkpoint import exclusive_lock

    corpus, out = write_corpus(tmp_path / "c.jsonl"), tmp_path / "out"
    out.mkdir()
    left = [out / ".documents.jsonl.k1l2.tmp", out / ".summary.json.x9.tmp"]  # what a SIGKILL leaves behind
    mine = out / ".notes.txt.tmp"  # not an analysis file: not ours to remove
    for path in [*left, mine]:
        path.write_text("half", encoding="utf-8")
    analyze_corpus(corpus, FakePredictor(), out, progress=False)
    assert not any(p.exists() for p in left) and mine.exists() and (out / "summary.json").exists()
    with exclusive_lock(out / ".analyze.lock", "held"):  # another analysis writing there
        with pytest.raises(ArapolError, match="is being written by another arapol analyze"):
            analyze_corpus(corpus, FakePredictor(), out, progress=False)
    assert (out / "summary.json").exists()


def test_analyze_reads_a_year_date_as_the_year_for_titles(tmp_path):
    """``2017`` is that year (Trump, in office for most of it), not 1 January (Obama), as in predict()."""
    corpus = write_corpus(tmp_path / "c.jsonl", [{"id": 1, "date": "2017", "text": "ورحب الرئيس الأمريكي بالهدنة."}])
    analyze_corpus(corpus, FakePredictor(), tmp_path / "out", progress=False)
    (doc,) = [json.loads(line) for line in lines(tmp_path / "out" / "documents.jsonl")]
    assert [a["id"] for a in doc["actors"]] == ["donald_trump"]


def test_the_default_model_is_never_looked_for_on_the_hub(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)  # no runs/demo here
    corpus = write_corpus(tmp_path / "c.jsonl")
    assert main(["analyze", str(corpus), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert f"no runs/demo here ({tmp_path}), the model `make demo` trains: pass --model" in err
    assert "hub" not in err.split("pass --model")[0] and not (tmp_path / "o").exists()


@pytest.mark.parametrize("freq", ["auto", "day"])
def test_a_date_far_outside_news_years_stays_out_of_the_series(tmp_path, caplog, freq):
    """One placeholder or mistyped year (9999-12-31, 0216, a Hijri 1438, 2106) stretched the series over centuries:
    millions of rows under --freq day, and auto pushed from days to months (a helper's probe). It is left out of the
    series and of the choice of period, counted and named, and kept in actor_stance and documents.jsonl."""
    far = ["9999-12-31", "0216-10-18", "1438-02-03", "2106-10", "9999"]
    records = [{"id": i, "date": d, "text": "رحبت موسكو بالهدنة."} for i, d in enumerate(far)]
    records += [{"id": "ok1", "date": "2016-10-20", "text": "رحبت موسكو بالهدنة."},
                {"id": "ok2", "date": "2016-10-22", "text": "رفضت موسكو الهدنة."}]
    with caplog.at_level("WARNING", logger="arapol.analysis"):
        summary = analyze_corpus(write_corpus(tmp_path / "c.jsonl", records), FakePredictor(), tmp_path / "o",
                                 progress=False, freq=freq)
    assert summary["freq"] == "day"
    assert summary["dated_documents"] == 7 and summary["unlikely_dated_documents"] == 5
    assert summary["coarsely_dated_documents"] == 0
    series = list(csv.DictReader(lines(tmp_path / "o" / "stance_over_time.csv")))
    assert [(r["period"], r["favor"], r["against"]) for r in series if r["actor_id"] == "russia"] == [
        ("2016-10-20", "1", "0"), ("2016-10-21", "0", "0"), ("2016-10-22", "0", "1")]
    stance = {r["actor_id"]: r for r in csv.DictReader(lines(tmp_path / "o" / "actor_stance.csv"))}
    assert stance["russia"]["documents"] == "7" and stance["russia"]["favor"] == "6"
    assert [json.loads(x)["date"] for x in lines(tmp_path / "o" / "documents.jsonl")][:5] == far
    assert f"5 article(s) dated before 1900-01-01 or more than a year after today, first {tmp_path / 'c.jsonl'}:1 " \
           "(id 0, date '9999-12-31'), are left out of stance_over_time" in caplog.text
    assert "undated" not in caplog.text  # they have dates


def test_a_date_within_news_years_is_not_warned_of(tmp_path, caplog):
    records = [{"id": 1, "date": "1900-01-01", "text": "رحبت موسكو بالهدنة."},
               {"id": 2, "date": "2016-10-20", "text": "رحبت موسكو بالهدنة."}]
    with caplog.at_level("WARNING", logger="arapol.analysis"):
        summary = analyze_corpus(write_corpus(tmp_path / "c.jsonl", records), FakePredictor(), tmp_path / "o",
                                 progress=False)
    assert summary["freq"] == "month" and summary["unlikely_dated_documents"] == 0
    assert "mistyped" not in caplog.text


def test_articles_dated_to_months_only_make_a_monthly_series(tmp_path):
    records = [{"id": 1, "date": "2016-09", "text": "رحبت موسكو بالهدنة."},
               {"id": 2, "date": "2016-11", "text": "رحبت موسكو بالهدنة."}]
    summary = analyze_corpus(write_corpus(tmp_path / "c.jsonl", records), FakePredictor(), tmp_path / "o",
                             progress=False)
    series = list(csv.DictReader(lines(tmp_path / "o" / "stance_over_time.csv")))
    assert summary["freq"] == "month" and summary["coarsely_dated_documents"] == 0
    assert [(r["period"], r["documents"]) for r in series if r["actor_id"] == "russia"] == [
        ("2016-09-01", "1"), ("2016-10-01", "0"), ("2016-11-01", "1")]


def test_a_monthly_archive_with_a_few_day_dated_articles_is_drawn_by_month(tmp_path, caplog):
    """One article dated to the day among month-dated ones made auto choose days, and every other article was left out
    of the series, unwarned (a helper's probe); the articles left out are now warned of."""
    records = [{"id": i, "date": f"2016-{m:02d}", "text": "رحبت موسكو بالهدنة."} for i, m in enumerate((9, 10, 11))]
    records.append({"id": 9, "date": "2016-10-12", "text": "رفضت موسكو الهدنة."})
    corpus = write_corpus(tmp_path / "c.jsonl", records)
    summary = analyze_corpus(corpus, FakePredictor(), tmp_path / "o", progress=False)
    assert summary["freq"] == "month" and summary["coarsely_dated_documents"] == 0
    series = list(csv.DictReader(lines(tmp_path / "o" / "stance_over_time.csv")))
    assert sum(int(r["documents"]) for r in series if r["actor_id"] == "russia") == 4
    with caplog.at_level("WARNING", logger="arapol.analysis"):
        daily = analyze_corpus(corpus, FakePredictor(), tmp_path / "d", freq="day", progress=False)
    assert daily["coarsely_dated_documents"] == 3
    assert "3 article(s) dated only to a year or month that no day holds are left out of stance_over_time " \
           "(counted in actor_stance); --freq month places the 3 dated to a month" in caplog.text
    # more articles dated to the day: auto still chooses from their span; as many: months, which place them all
    more = records + [{"id": 20 + d, "date": f"2016-10-{d:02d}", "text": "رحبت موسكو بالهدنة."} for d in range(1, 4)]
    assert analyze_corpus(write_corpus(tmp_path / "e.jsonl", more), FakePredictor(), tmp_path / "e",
                          progress=False)["freq"] == "day"
    assert analyze_corpus(write_corpus(tmp_path / "f.jsonl", more[:-1]), FakePredictor(), tmp_path / "f",
                          progress=False)["freq"] == "month"
    # years alone left out: no hint of months, which would place none of them (a review)
    caplog.clear()
    years = [{"id": i, "date": "2016", "text": "رحبت موسكو بالهدنة."} for i in range(3)]
    with caplog.at_level("WARNING", logger="arapol.analysis"):
        analyze_corpus(write_corpus(tmp_path / "y.jsonl", [*years, records[-1]]), FakePredictor(), tmp_path / "y",
                       progress=False)
    assert "3 article(s) dated only to a year or month that no day holds" in caplog.text
    assert "--freq month" not in caplog.text


def test_an_empty_corpus_is_warned_of(tmp_path, caplog):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n  \n", encoding="utf-8")
    with caplog.at_level("WARNING", logger="arapol.analysis"):
        summary = analyze_corpus(corpus, FakePredictor(), tmp_path / "o", progress=False)
    assert summary["documents"] == 0 and "c.jsonl holds no records" in caplog.text


def test_undated_articles_are_warned_of_where_a_title_was_read_as_its_latest_holder(tmp_path, caplog):
    records = [{"id": 1, "date": "2016-10-18", "text": "رحبت موسكو بالهدنة."},
               {"id": 2, "text": "وقال الرئيس الأمريكي إن بلاده تدعم الهدنة."},
               {"id": 3, "text": "رفضت جبهة النصرة الاتفاق."},
               {"id": 4, "text": "وقال الرئيس الأمريكي باراك أوباما إن الهدنة صامدة."}]  # his holder named: no guess
    with caplog.at_level("WARNING", logger="arapol.analysis"):
        analyze_corpus(write_corpus(tmp_path / "c.jsonl", records), FakePredictor(), tmp_path / "o", progress=False)
    assert "3 of 4 articles have no date, and in 1 of them a title (such as الرئيس الأمريكي)" in caplog.text
    caplog.clear()
    with caplog.at_level("WARNING", logger="arapol.analysis"):  # undated, but no title read as its latest holder
        analyze_corpus(write_corpus(tmp_path / "d.jsonl", [records[0], records[2], records[3]]), FakePredictor(),
                       tmp_path / "p", progress=False)
    assert "no date" not in caplog.text


def test_files_of_an_outputs_name_that_no_analysis_wrote_are_refused(tmp_path):
    """--out holding the user's own documents.jsonl and actor_stance.csv: replaced without a word (a helper's
    probe). Refused, and left as they were; a folder an analysis wrote (summary.json, or its lock when cut short)
    is analysed again."""
    corpus = write_corpus(tmp_path / "c.jsonl")
    out = tmp_path / "mine"
    out.mkdir()
    (out / "actor_stance.csv").write_text("my,own\n", encoding="utf-8")
    (out / "notes.txt").write_text("kept", encoding="utf-8")
    with pytest.raises(ArapolError, match=r"--out .*mine holds actor_stance.csv, which no arapol analyze wrote there"):
        analyze_corpus(corpus, FakePredictor(), out, progress=False)
    assert (out / "actor_stance.csv").read_text(encoding="utf-8") == "my,own\n"
    (out / "actor_stance.csv").unlink()
    analyze_corpus(corpus, FakePredictor(), out, progress=False)  # other files are no analysis's: left alone
    assert (out / "notes.txt").read_text(encoding="utf-8") == "kept"
    (out / "summary.json").unlink()  # as a run killed before its summary leaves the folder: its lock says whose
    analyze_corpus(corpus, FakePredictor(), out, progress=False)
    assert (out / "summary.json").is_file()
    with pytest.raises(ArapolError, match=r"--out .*notes.txt is a file, not a folder"):  # was a bare [Errno 17]
        analyze_corpus(corpus, FakePredictor(), out / "notes.txt", progress=False)
    assert (out / "notes.txt").read_text(encoding="utf-8") == "kept"


def test_a_summary_json_of_the_users_own_is_no_mark_of_an_analysis(tmp_path):
    """Any summary.json in --out was taken for an earlier analysis's, and the user's documents.jsonl beside it was
    replaced, and the summary too (a helper's probe)."""
    corpus = write_corpus(tmp_path / "c.jsonl")
    out = tmp_path / "mine"
    out.mkdir()
    (out / "summary.json").write_text('{"mine": 1}', encoding="utf-8")
    (out / "documents.jsonl").write_text("precious\n", encoding="utf-8")
    with pytest.raises(ArapolError, match=r"holds documents.jsonl, summary.json, which no arapol analyze wrote"):
        analyze_corpus(corpus, FakePredictor(), out, progress=False)
    assert (out / "documents.jsonl").read_text(encoding="utf-8") == "precious\n"
    (out / "documents.jsonl").unlink()
    with pytest.raises(ArapolError, match=r"holds summary.json, which no arapol analyze wrote"):
        analyze_corpus(corpus, FakePredictor(), out, progress=False)
    assert (out / "summary.json").read_text(encoding="utf-8") == '{"mine": 1}'


def _relabelled(model: Path, folder: Path, rename) -> tuple[Path, list[str]]:
    """A copy of ``model`` in ``folder`` whose labels are renamed by ``rename``, in arapol.json and config.json alike
    (a model trained on those labels, as far as loading and predicting go)."""
    import shutil

    shutil.copytree(model, folder)
    info = json.loads((folder / "arapol.json").read_text(encoding="utf-8"))
    renamed = [rename(lb) for lb in info["labels"]]
    (folder / "arapol.json").write_text(json.dumps({**info, "labels": renamed}), encoding="utf-8")
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    config["id2label"] = {str(i): lb for i, lb in enumerate(renamed)}
    config["label2id"] = {lb: i for i, lb in enumerate(renamed)}
    (folder / "config.json").write_text(json.dumps(config), encoding="utf-8")
    return folder, renamed


def test_a_stance_model_that_names_no_stance_otherwise_is_refused_for_actors(tiny_stance_model, tmp_path):
    """A fresh user's audit: a stance model trained on labels NEUTRAL/OPPOSE/SUPPORT gave actors NEUTRAL stances
    (its neutral sentences counted as evidence, outvoting a SUPPORT one), and analyze a phantom `none` column. Actors
    and analyze read `none` as no stance: another name for it is refused, naming the fix."""
    from arapol.labels import no_stance_problem

    folder, renamed = _relabelled(tiny_stance_model, tmp_path / "neutral", lambda lb: "NEUTRAL" if lb == "none" else lb)
    predictor = arapol.load(folder, device="cpu")
    assert predictor.predict("رحبت موسكو بالهدنة.")["stance"]["label"] in renamed  # without actors it runs
    with pytest.raises(ArapolError, match=r"calls it 'NEUTRAL'.*data.label_map mapping 'NEUTRAL' to 'none'"):
        predictor.predict("رحبت موسكو بالهدنة.", actors=True)
    with pytest.raises(ArapolError, match="calls it 'NEUTRAL'"):
        analyze_corpus(write_corpus(tmp_path / "c.jsonl"), predictor, tmp_path / "out", progress=False)
    assert not (tmp_path / "out").exists()
    assert no_stance_problem(["Favor", "Against", "None"]) is not None  # Mawqif's own labels, unmapped
    assert no_stance_problem(["favor", "against", "none"]) is None
    assert no_stance_problem(["favor", "against"]) is None  # no label says "no stance": nothing is miscounted


def test_actors_warn_when_the_entity_model_has_neither_per_nor_org(tiny_ner_model, tmp_path):
    """A fresh user's audit: a model trained with label_map {PER: PERSON, ORG: ORGANIZATION} made no `ner:` actors,
    silently (actors read PER and ORG entities)."""
    import warnings

    folder, _ = _relabelled(tiny_ner_model, tmp_path / "renamed",
                            lambda lb: lb.replace("-PER", "-PERSON").replace("-ORG", "-ORGANIZATION"))
    with pytest.warns(UserWarning, match=r"entity types \['PERSON', 'ORGANIZATION'.*has neither"):
        arapol.load(folder, device="cpu").predict("رحبت موسكو بالهدنة.", actors=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        arapol.load(tiny_ner_model, device="cpu").predict("رحبت موسكو بالهدنة.", actors=True)


def test_a_bad_corpus_path_or_target_leaves_a_finished_analysis_untouched(tmp_path, tiny_stance_model):
    """A mistyped corpus path, a folder, or a blank target failed only after --out's summary.json was removed (a
    helper's probe): a finished analysis was lost to a typo. They are refused before --out is touched."""
    corpus = write_corpus(tmp_path / "c.jsonl")
    out = tmp_path / "out"
    analyze_corpus(corpus, FakePredictor(), out, progress=False)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    fake = FakePredictor()
    with pytest.raises(ArapolError, match=r"corpus .*nosuch.jsonl: no such file"):
        analyze_corpus(tmp_path / "nosuch.jsonl", fake, out, progress=False)
    with pytest.raises(ArapolError, match=r"corpus .*: a folder: give a JSONL file"):
        analyze_corpus(tmp_path, fake, out, progress=False)
    predictor = arapol.load(tiny_stance_model)
    for target, message in (("  ", "target is blank"), ("\u0640", "is blank once normalised")):
        with pytest.raises(ArapolError, match=message):
            analyze_corpus(corpus, predictor, out, target=target, progress=False)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [n for n, _ in fake.calls if n] == []  # nothing was predicted


def test_a_missing_matplotlib_is_said_before_the_corpus_is_read(tmp_path, monkeypatch):
    """matplotlib (the report extra) draws the plot, the last output: without it the whole corpus ran, its files
    were written, and the run then failed with no summary.json (a helper's probe). It is said first."""
    import sys

    from arapol.reports import ReportError

    for module in ("matplotlib.backends.backend_agg", "matplotlib.figure"):  # as if not installed
        monkeypatch.setitem(sys.modules, module, None)
    fake = FakePredictor()
    with pytest.raises(ReportError, match=r"stance-over-time plot needs matplotlib: pip install 'arapol\[report\]'"):
        analyze_corpus(write_corpus(tmp_path / "c.jsonl"), fake, tmp_path / "out", progress=False)
    assert fake.calls == [] and not (tmp_path / "out").exists()


def test_an_actor_name_with_dollar_signs_is_drawn_as_written(tmp_path):
    """A user table's ``en: "Fund $\\badcmd$"`` reached matplotlib as a formula and ended `arapol analyze` in a
    traceback after every article was predicted, before summary.json (a helper's probe)."""
    import datetime as dt
    from collections import Counter

    pytest.importorskip("matplotlib")
    from arapol.analysis import plot_stance_over_time

    days = [dt.date(2016, 10, d) for d in (17, 18)]
    series = {(d, a): Counter({"favor": 1}) for d in days for a in ("fund_x", "fund_y")}
    info = {"fund_x": {"name": "Fund $X$ \\frac{"}, "fund_y": {"name": "Fund $\\badcmd$"}}
    path = tmp_path / "plot.png"
    plot_stance_over_time(path, days, ["fund_x", "fund_y"], series, info, ["favor", "against"], "day")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_predict_refuses_bad_actor_options_before_the_models_run(tiny_ner_model, tmp_path, monkeypatch):
    """A date list one short, a bad last date or a mistyped table path were refused only once every text had been
    predicted: minutes of a large model lost before the error (a helper's probe)."""
    from arapol.errors import DataError
    from arapol.predictor import Predictor

    predictor = arapol.load(tiny_ner_model, device="cpu")
    texts = ["قال لافروف إن الهدنة صامدة", "رحبت موسكو بالهدنة", "وقال أردوغان إن بلاده تدعم الحل"]

    def ran(*args, **kwargs):  # noqa: ANN002, ANN003
        raise AssertionError("the models ran before the options were checked")

    monkeypatch.setattr(Predictor, "_run", ran)
    with pytest.raises(ArapolError, match="got 2 dates for 3 texts"):
        predictor.predict(texts, actors=True, date=["2016-10-18", None])
    with pytest.raises(ArapolError, match="date of text 2"):
        predictor.predict(texts, actors=True, date=iter(["2016-10-18", None, "18/10/2016"]))
    with pytest.raises((ArapolError, DataError, OSError), match="nosuch.yaml"):
        predictor.predict(texts, actors=tmp_path / "nosuch.yaml")
    monkeypatch.undo()
    dated = predictor.predict(texts, actors=True, date=(d for d in ["2016-10-18", None, "2016-10-19"]))
    assert [r["actors"] for r in dated] == [r["actors"] for r in predictor.predict(
        texts, actors=True, date=["2016-10-18", None, "2016-10-19"])]  # a generator read once, as a list is
