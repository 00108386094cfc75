"""``arapol evaluate``: strict scores and the error analysis on hand-made cases, and the CLI end to end."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from arapol.cli import main
from arapol.cli.evaluate import summary_line
from arapol.data import guess_format, read_ner_jsonl
from arapol.errors import ArapolError, ConfigError, DataError
from arapol.evaluation import evaluate_path, ner_error_analysis, ner_span_scores, parse_label_map
from arapol.labels import ENTITY_TYPES, bio_labels
from arapol.metrics import ner_scores, stance_scores
from arapol.reports import ReportError, markdown_report, write_report

ROOT = Path(__file__).resolve().parents[1]
PNG = b"\x89PNG\r\n\x1a\n"

TEXT = "قال الرئيس فلاديمير بوتين إن وزارة الخارجية تدعم دمشق وحلب ضد داعش في سوريا"


MODEL = SimpleNamespace(tags=bio_labels(ENTITY_TYPES))
"""What :func:`arapol.evaluation.evaluate_ner` reads of a model besides its predictions (patched in): its tags."""


def span(sub: str, label: str, after: int = 0) -> tuple[int, int, str]:
    start = TEXT.index(sub, after)
    return start, start + len(sub), label


# Gold entities, and a prediction for each outcome (plus one spurious):
GOLD = [span("فلاديمير بوتين", "PER"),   # wrong boundary: "بوتين" PER
        span("وزارة الخارجية", "ORG"),   # exact
        span("دمشق", "LOC"),             # wrong type: "دمشق" PER
        span("حلب", "LOC"),              # wrong boundary and type: "وحلب" ORG
        span("داعش", "ORG"),             # missed
        span("سوريا", "LOC")]            # exact
PRED = [span("الرئيس", "MISC"),          # spurious
        span("بوتين", "PER"), span("وزارة الخارجية", "ORG"), span("دمشق", "PER"), span("وحلب", "ORG"),
        span("سوريا", "LOC")]


def test_strict_scores_by_hand():
    s = ner_span_scores([TEXT], [GOLD], [PRED])
    # 2 of 6 predictions are exact, 2 of 6 gold entities found exactly.
    assert s["precision"] == pytest.approx(2 / 6) and s["recall"] == pytest.approx(2 / 6)
    assert s["f1"] == pytest.approx(1 / 3)
    per = s["per_type"]
    assert per["PER"] == {"precision": 0.0, "recall": 0.0, "f1-score": 0.0, "support": 1}
    assert per["ORG"]["precision"] == pytest.approx(0.5) and per["ORG"]["recall"] == pytest.approx(0.5)
    assert per["LOC"]["precision"] == pytest.approx(1.0) and per["LOC"]["recall"] == pytest.approx(1 / 3)
    assert per["LOC"]["f1-score"] == pytest.approx(0.5) and per["LOC"]["support"] == 3
    assert per["MISC"]["precision"] == 0.0 and per["MISC"]["support"] == 0
    # Macro: the mean over the four types seqeval reports (MISC only predicted).
    assert s["macro_precision"] == pytest.approx((0 + 0.5 + 1 + 0) / 4)
    assert s["macro_recall"] == pytest.approx((0 + 0.5 + 1 / 3 + 0) / 4)
    assert s["macro_f1"] == pytest.approx((0 + 0.5 + 0.5 + 0) / 4)


def test_an_invisible_mark_at_an_entity_edge_does_not_change_the_entity():
    text = "قال الرئيس حسني مبارك\u200f إن القاهرة\u200f ترحب"
    name, city = text.index("حسني"), text.index("القاهرة")
    gold = [(name, text.index("\u200f"), "PER"), (city, text.rindex("\u200f") + 1, "LOC")]  # RLM in the second
    pred = [(name, text.index("\u200f") + 1, "PER"), (city, text.rindex("\u200f"), "LOC")]
    assert ner_span_scores([text], [gold], [pred])["f1"] == 1.0
    assert ner_error_analysis([text], [gold], [pred])["total"]["exact"] == 2  # and its error list agrees
    assert ner_span_scores([text], [gold], [[(name + 5, text.index("\u200f"), "PER")]])["f1"] == 0.0


def test_the_tashkeel_of_an_entitys_last_letter_is_part_of_it_on_both_sides():
    """A gold span that stops before its last letter's damma against a prediction that takes it in (a word keeps its
    marks) was a wrong boundary, while training's dev score (over the normalised text) counted it right (a helper's
    probe). A span outside the text is a clear error, not an IndexError."""
    text = "وصل الوفد إلى دمشقُ اليوم"
    start = text.index("دمشق")
    gold, pred = [(start, start + 4, "LOC")], [(start, start + 5, "LOC")]
    assert ner_span_scores([text], [gold], [pred])["f1"] == 1.0
    assert ner_error_analysis([text], [gold], [pred])["total"]["exact"] == 1
    assert ner_span_scores([text], [gold], [[(start, start + 3, "LOC")]])["f1"] == 0.0
    with pytest.raises(ValueError, match=r"span \(20, 40, 'LOC'\) lies outside the text \(length 25\)"):
        ner_span_scores([text], [[(20, 40, "LOC")]], [[]])


def test_spans_given_to_the_scorers_are_read_as_the_error_analysis_reads_them():
    """Through the library, a prediction with a space at its edge scored exact while the error analysis called it a
    wrong boundary, and of two overlapping predictions the later one silently won (a helper's probe): whitespace at
    an edge is no part of an entity on either side, and overlapping spans are refused."""
    text = "زار محمد بغداد اليوم"
    gold = [(4, 8, "PER")]
    assert ner_span_scores([text], [gold], [[(4, 9, "PER")]])["f1"] == 1.0
    assert ner_error_analysis([text], [gold], [[(4, 9, "PER")]])["total"]["exact"] == 1
    only_space = ner_error_analysis([text], [gold], [[(4, 8, "PER"), (8, 9, "LOC")]])["total"]
    assert (only_space["exact"], only_space["predicted"]) == (1, 1)  # as scored: the space holds no entity
    with pytest.raises(ValueError, match=r"spans \(4, 8, 'ORG'\) and \(4, 8, 'PER'\) overlap"):
        ner_span_scores([text], [gold], [[(4, 8, "PER"), (4, 8, "ORG")]])


def test_a_type_the_label_map_drops_is_scored_on_neither_side(monkeypatch):
    import arapol.evaluation as evaluation
    from arapol.data.ner import NerExample
    from arapol.labels import Span

    gold = [s for s in GOLD if s[2] != "MISC"]  # read with MISC=O: the data has none left
    monkeypatch.setattr(evaluation, "predict_spans", lambda model, texts, batch_size: [PRED])
    examples = [NerExample(TEXT, [Span(*s) for s in gold])]
    kept = evaluation.evaluate_ner(MODEL, examples)
    mapped = evaluation.evaluate_ner(MODEL, examples, label_map={"MISC": "O"}, analysis=True)
    assert kept["precision"] == pytest.approx(2 / 6) and "MISC" in kept["per_type"]
    assert mapped["precision"] == pytest.approx(2 / 5) and "MISC" not in mapped["per_type"]
    assert mapped["errors"]["total"]["spurious"] == 0


def test_a_macro_score_over_fewer_types_than_the_models_says_which_it_leaves_out(monkeypatch):
    """Macro-F1 averages the types a split annotates or predicts (seqeval's macro avg): on a test file without MISC
    it was the mean over PER, ORG and LOC alone, published as the model's macro-F1 beside that of a split holding
    all four (the metrics review). The scores name the model's types they leave out; the report marks the average."""
    import arapol.evaluation as evaluation
    from arapol.data.ner import NerExample
    from arapol.labels import Span

    found = [s for s in PRED if s[2] != "MISC"]  # no MISC annotated, none predicted
    monkeypatch.setattr(evaluation, "predict_spans", lambda model, texts, batch_size: [found])
    examples = [NerExample(TEXT, [Span(*s) for s in GOLD])]
    got = evaluation.evaluate_ner(MODEL, examples)
    assert got["absent_types"] == ["MISC"] and set(got["per_type"]) == {"PER", "ORG", "LOC"}
    assert got["macro_f1"] == pytest.approx((0 + 0.5 + 0.5) / 3) and got["f1"] == pytest.approx(4 / 11)  # P 2/5, R 2/6
    md = markdown_report({"task": "ner", "n_examples": 1, **got})
    assert "| macro, without MISC | " in md and "| macro | " not in md
    assert "Neither annotated nor predicted here, so left out of the macro average: MISC." in md
    # a type the label map drops is none of the model's types as scored; a type predicted only is in the average
    assert evaluation.evaluate_ner(MODEL, examples, label_map={"MISC": "O"})["absent_types"] == []
    monkeypatch.setattr(evaluation, "predict_spans", lambda model, texts, batch_size: [PRED])
    every = evaluation.evaluate_ner(MODEL, examples)
    assert every["absent_types"] == [] and "without" not in markdown_report({"task": "ner", **every})
    none = ner_scores([["O"]], [["O"]], ["PER", "LOC"])  # nothing annotated, nothing found
    assert none["absent_types"] == ["PER", "LOC"] and "absent_types" not in ner_scores([["O"]], [["O"]])


def test_a_label_map_onto_a_type_it_also_drops_keeps_the_models_own_predictions(monkeypatch):
    """With ``{LOC: O, ORG: LOC}`` (a corpus's LOC dropped, its ORG read as the model's LOC) the model's correct LOC
    predictions were mapped to O and dropped: `arapol evaluate` said 0.04 where training had scored 0.20 (a helper's
    probe). A label the map also maps onto is the model's own."""
    import arapol.evaluation as evaluation
    from arapol.data.ner import NerExample
    from arapol.labels import Span

    gold = [span("وزارة الخارجية", "LOC"), span("سوريا", "LOC"), span("بوتين", "PER")]  # as read with the map
    pred = [span("وزارة الخارجية", "LOC"), span("سوريا", "LOC"), span("بوتين", "PER"), span("دمشق", "MISC")]
    monkeypatch.setattr(evaluation, "predict_spans", lambda model, texts, batch_size: [pred])
    examples = [NerExample(TEXT, [Span(*s) for s in gold])]
    got = evaluation.evaluate_ner(MODEL, examples, label_map={"LOC": "O", "ORG": "LOC"})
    assert got["per_type"]["LOC"]["f1-score"] == 1.0 and got["precision"] == pytest.approx(3 / 4)
    dropped = evaluation.evaluate_ner(MODEL, examples, label_map={"LOC": "O", "ORG": "LOC", "MISC": "O"})
    assert dropped["precision"] == dropped["recall"] == 1.0  # MISC: mapped to O, nothing onto it: on neither side
    assert evaluation.predictions_map({"GPE": "LOC", "LOC": "O", "PERS": "PER"}) == {"GPE": "LOC", "PERS": "PER"}


def test_error_analysis_by_hand():
    err = ner_error_analysis([TEXT, TEXT], [GOLD, GOLD], [PRED, PRED], ids=["a", "b"])
    per = err["per_type"]
    zero = {"gold": 0, "exact": 0, "wrong_boundary": 0, "wrong_type": 0, "wrong_boundary_and_type": 0, "missed": 0,
            "predicted": 0, "spurious": 0}
    assert per["PER"] == {**zero, "gold": 2, "wrong_boundary": 2, "predicted": 4}
    assert per["ORG"] == {**zero, "gold": 4, "exact": 2, "missed": 2, "predicted": 4}
    assert per["LOC"] == {**zero, "gold": 6, "exact": 2, "wrong_type": 2, "wrong_boundary_and_type": 2, "predicted": 2}
    assert per["MISC"] == {**zero, "predicted": 2, "spurious": 2}
    assert err["total"] == {"gold": 12, "exact": 4, "wrong_boundary": 2, "wrong_type": 2,
                            "wrong_boundary_and_type": 2, "missed": 2, "predicted": 12, "spurious": 2}
    conf = err["confusion"]
    assert conf["labels"] == ["LOC", "MISC", "ORG", "PER", "O"]
    assert conf["matrix"] == [[2, 0, 2, 2, 0],   # LOC: exact, as ORG (وحلب), as PER (دمشق)
                              [0, 0, 0, 0, 0],
                              [0, 0, 2, 0, 2],   # ORG: exact, missed (داعش)
                              [0, 0, 0, 2, 0],   # PER: boundary error of the same type
                              [0, 2, 0, 0, 0]]   # spurious MISC
    top = err["top_errors"]
    assert [(e["error"], e["count"]) for e in top] == [("spurious", 2), ("wrong_boundary", 2), ("wrong_type", 2),
                                                        ("wrong_boundary_and_type", 2), ("missed", 2)]
    assert top[0] | {"context": ""} == {"error": "spurious", "count": 2, "gold_text": "", "gold_label": "",
                                        "pred_text": "الرئيس", "pred_label": "MISC", "example": "a", "context": ""}
    assert (top[1]["gold_text"], top[1]["pred_text"]) == ("فلاديمير بوتين", "بوتين")
    assert (top[2]["gold_label"], top[2]["pred_label"]) == ("LOC", "PER")
    assert (top[3]["gold_text"], top[3]["pred_text"], top[3]["pred_label"]) == ("حلب", "وحلب", "ORG")
    assert (top[4]["gold_text"], top[4]["pred_text"]) == ("داعش", "")
    assert "داعش" in top[4]["context"]
    assert len(ner_error_analysis([TEXT], [GOLD], [PRED], top=2)["top_errors"]) == 2


def test_one_prediction_over_two_entities_and_exact_equals_true_positives():
    text = "زار موسكو ودمشق وأنقرة"
    a, b, c = (text.index(w) for w in ("موسكو", "دمشق", "أنقرة"))
    gold = [(a, a + 5, "LOC"), (b, b + 4, "LOC"), (c, c + 5, "LOC")]
    pred = [(a, b + 4, "LOC"), (c, c + 5, "LOC")]          # two names merged into one span, one exact
    err = ner_error_analysis([text], [gold], [pred])
    assert err["per_type"]["LOC"] == {"gold": 3, "exact": 1, "wrong_boundary": 2, "wrong_type": 0,
                                           "wrong_boundary_and_type": 0, "missed": 0, "predicted": 2, "spurious": 0}
    s = ner_span_scores([text], [gold], [pred])
    assert s["precision"] == pytest.approx(1 / 2) and s["recall"] == pytest.approx(1 / 3)


def test_empty_predictions_and_nothing_to_find():
    err = ner_error_analysis([TEXT, "لا شيء هنا"], [GOLD, []], [[], []])
    assert err["total"]["missed"] == 6 and err["total"]["predicted"] == 0
    assert ner_error_analysis([], [], [])["top_errors"] == []


def test_nothing_to_find_and_nothing_found_scores_zero_not_nan():
    s = ner_scores([["O", "O"], []], [["O", "O"], []])
    assert (s["f1"], s["macro_f1"], s["per_type"]) == (0.0, 0.0, {})
    text = "زار محمد بغداد اليوم"
    assert ner_span_scores([text], [[]], [[]])["macro_f1"] == 0.0
    # an I- tag alone is no strict entity: nothing either, not NaN (the metrics review helper's probe)
    for gold, pred in (([["I-PER"]], [["O"]]), ([["O"], []], [["I-ORG"], []])):
        s = ner_scores(gold, pred)
        assert (s["f1"], s["macro_f1"], s["macro_precision"], s["per_type"]) == (0.0, 0.0, 0.0, {})


def test_whitespace_at_a_gold_span_edge_is_no_part_of_the_entity(tmp_path):
    from arapol.data import read_ner_jsonl

    text = "زار محمد بغداد اليوم"
    path = tmp_path / "ws.jsonl"
    ents = [{"start": 4, "end": 9, "label": "PER"}, {"start": 8, "end": 14, "label": "LOC"}]
    path.write_text(json.dumps({"text": text, "entities": ents}), encoding="utf-8")
    spans = [(s.start, s.end, s.label) for s in read_ner_jsonl(path)[0].spans]
    assert spans == [(4, 8, "PER"), (9, 14, "LOC")]  # "محمد " and " بغداد" as exported by a tool
    pred = [(4, 8, "PER"), (9, 14, "LOC")]
    assert ner_span_scores([text], [spans], [pred])["f1"] == 1.0
    assert ner_error_analysis([text], [spans], [pred])["total"]["exact"] == 2  # both measures agree
    path.write_text(json.dumps({"text": text, "entities": [{"start": 3, "end": 4, "label": "PER"}]}),
                    encoding="utf-8")
    with pytest.raises(DataError, match=r"entities\[0\] span \[3, 4\) ' ' is only whitespace"):
        read_ner_jsonl(path)
    # a span of invisible marks alone: scored apart from the error analysis, which counted it (a helper's probe)
    marked = "قال \u200f بوتين"
    path.write_text(json.dumps({"text": marked, "entities": [{"start": 4, "end": 5, "label": "PER"}]}),
                    encoding="utf-8")
    with pytest.raises(DataError, match=r"ws.jsonl:1: entities\[0\] span \[4, 5\) '\\u200f' holds no letter or "
                                        r"digit, only invisible marks"):
        read_ner_jsonl(path)


def test_stance_scores_by_hand():
    gold = ["favor", "favor", "against", "none", "none", "none"]
    pred = ["favor", "none", "against", "none", "favor", "none"]
    s = stance_scores(gold, pred, ["favor", "against", "none"])
    assert s["accuracy"] == pytest.approx(4 / 6)
    assert s["confusion"] == [[1, 0, 1], [0, 1, 0], [1, 0, 2]]
    # favor P 1/2 R 1/2; against P 1 R 1; none P 2/3 R 2/3
    assert s["per_class"]["favor"]["f1-score"] == pytest.approx(0.5)
    assert s["per_class"]["none"]["precision"] == pytest.approx(2 / 3)
    assert s["macro_f1"] == pytest.approx((0.5 + 1 + 2 / 3) / 3)
    md = markdown_report({"task": "stance", "n_examples": 6, **s})
    assert "| none | 1 | 0 | 2 |" in md and "0.6667" in md and s["unpredicted"] == 0 and "blank" not in md
    # macro-F1 over the classes annotated or predicted; a blank text's "" counts as wrong, outside the matrix
    s = stance_scores(["favor", "favor", "against"], ["favor", "", "favor"], ["favor", "against", "none"])
    assert s["macro_f1"] == pytest.approx((0.5 + 0) / 2) and s["per_class"]["none"]["support"] == 0
    assert s["unpredicted"] == 1 and sum(map(sum, s["confusion"])) == 2 and s["accuracy"] == pytest.approx(1 / 3)
    md = markdown_report({"task": "stance", "n_examples": 3, **s})
    assert "1 text(s) blank once normalised have no prediction" in md
    # the report says which class its macro-F1 leaves out (its F1 column showed a 0 the average did not count)
    assert s["absent"] == ["none"] and "Neither annotated nor predicted here, so left out of macro-F1: none." in md
    empty = stance_scores([], [], ["favor", "against", "none"])  # raised scikit-learn's ValueError
    assert (empty["accuracy"], empty["macro_f1"], empty["confusion"]) == (0.0, 0.0, [])
    assert ner_scores([["B-PER", "O"]], [["B-PER", "O"]])["per_type"]["PER"]["support"] == 1  # an int, not 1.0


def test_label_maps_and_formats():
    assert parse_label_map("anercorp") == {"PERS": "PER"}
    assert parse_label_map(["PERS=PER, Org=ORG", "mawqif"])["Favor"] == "favor"
    assert parse_label_map({"a": "b"}) == {"a": "b"} and parse_label_map(None) == {}
    assert parse_label_map({1: "favor", -1: "against"}) == {"1": "favor", "-1": "against"}  # a data's integer labels
    with pytest.raises(ConfigError, match="label map: the key False is bool"):
        parse_label_map({False: "none"})
    with pytest.raises(ConfigError, match="neither KEY=VALUE nor a known corpus"):
        parse_label_map("nosuchcorpus")
    assert guess_format("x/train.conll", "ner") == "conll" and guess_format("a.tsv", "ner") == "conll"
    assert guess_format("a.csv", "stance") == "csv" and guess_format("u.jsonl.gz", "stance") == "jsonl"


def test_report_without_matplotlib(tmp_path, monkeypatch):
    s = stance_scores(["favor", "none"], ["favor", "favor"], ["favor", "against", "none"])
    for mod in ("matplotlib", "matplotlib.figure", "matplotlib.backends", "matplotlib.backends.backend_agg"):
        monkeypatch.setitem(sys.modules, mod, None)
    with pytest.raises(ReportError, match=r"pip install 'arapol\[report\]'"):
        write_report({"task": "stance", **s}, tmp_path)
    assert (tmp_path / "metrics.json").is_file() and "confusion.png" not in (tmp_path / "report.md").read_text()
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "confusion.png").write_bytes(b"an earlier run's plot")
    assert set(write_report({"task": "stance", **s}, tmp_path / "b", plot=False)) == {"metrics", "report"}
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == ["metrics.json", "report.md"]


def test_a_plot_cut_short_leaves_the_earlier_one(tmp_path, monkeypatch):
    """confusion.png was drawn straight into its final path: a run killed while drawing left half a picture beside
    a finished report.md that shows it (a helper's probe); it goes through a temporary file as the others do."""
    from matplotlib.figure import Figure

    s = stance_scores(["favor", "none"], ["favor", "favor"], ["favor", "against", "none"])
    write_report({"task": "stance", **s}, tmp_path)
    before = (tmp_path / "confusion.png").read_bytes()
    assert before[:8] == PNG

    def cut_short(self, fh, **kwargs):  # noqa: ANN001
        fh.write(PNG + b"half")
        raise KeyboardInterrupt

    monkeypatch.setattr(Figure, "savefig", cut_short)
    with pytest.raises(KeyboardInterrupt):
        write_report({"task": "stance", **s}, tmp_path)
    assert (tmp_path / "confusion.png").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["confusion.png", "metrics.json", "report.md"]


def test_evaluate_ner_cli(tiny_ner_model, tmp_path, capsys):
    out = tmp_path / "ner-eval"
    assert main(["evaluate", str(tiny_ner_model), str(ROOT / "data/ner/test.jsonl"), "--out", str(out)]) == 0
    assert "F1" in capsys.readouterr().out
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert (out / "confusion.png").read_bytes()[:8] == PNG
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "## Error analysis" in report and "most frequent errors" in report and "confusion.png" in report
    # The same inference path as training's final scores: the same numbers.
    trained = json.loads((tiny_ner_model / "metrics.json").read_text(encoding="utf-8"))["test"]
    for key in ("precision", "recall", "f1", "macro_f1", "per_type", "absent_types"):
        assert metrics[key] == trained[key]
    err = metrics["errors"]
    tot = err["total"]
    assert tot["gold"] == sum(v["support"] for v in metrics["per_type"].values())
    assert tot["gold"] == tot["exact"] + tot["wrong_boundary"] + tot["wrong_type"] + tot["wrong_boundary_and_type"] \
        + tot["missed"]
    # exact outcomes are seqeval's true positives
    assert tot["exact"] == round(metrics["recall"] * tot["gold"]) == round(metrics["precision"] * tot["predicted"])
    assert len(err["top_errors"]) <= 20
    assert sum(map(sum, err["confusion"]["matrix"])) == tot["gold"] + tot["spurious"]


def test_evaluate_conll_needs_the_corpus_label_map(tiny_ner_model, resources, tmp_path):
    with pytest.raises(DataError, match=r"ner_good.conll:3: entity types \['PERS'\] \(the first on this line\) "
                                        r"are not among the model's .*--label-map"):
        evaluate_path(tiny_ner_model, resources / "ner_good.conll")
    m = evaluate_path(tiny_ner_model, resources / "ner_good.conll", label_map="anercorp")
    assert m["format"] == "conll" and m["label_map"] == {"PERS": "PER"} and m["n_examples"] >= 2
    assert m["errors"]["per_type"]["PER"]["gold"] >= 2
    # a model trained with a label map applies it by default
    trained_on_anercorp = tmp_path / "anercorp-model"
    shutil.copytree(tiny_ner_model, trained_on_anercorp, ignore=shutil.ignore_patterns("checkpoints", "tiny-base"))
    cfg_path = trained_on_anercorp / "training_config.yaml"
    cfg = yaml.safe_load(cfg_path.read_text(encoding="utf-8"))
    cfg["data"]["label_map"] = {"PERS": "PER"}
    cfg_path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    assert evaluate_path(trained_on_anercorp, resources / "ner_good.conll")["label_map"] == {"PERS": "PER"}
    with pytest.raises(DataError, match="--label-map"):
        evaluate_path(trained_on_anercorp, resources / "ner_good.conll", label_map={})
    with pytest.raises(DataError, match="with arapol evaluate: --repair-iob"):
        evaluate_path(tiny_ner_model, resources / "ner_orphan.conll")
    repaired = evaluate_path(tiny_ner_model, resources / "ner_orphan.conll", repair_iob=True)
    two_names = tmp_path / "two_names.conll"  # one type under two names: evaluate's option says it, not training's
    two_names.write_text("قال\tO\nفلاديمير\tB-PER\nبوتين\tI-LOC\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"two_names.conll:3: .*give --label-map PER=LOC \(or the other way\)") as info:
        evaluate_path(tiny_ner_model, two_names)
    assert "data.label_map" not in str(info.value)
    assert repaired["errors"]["total"]["gold"] == 1
    with pytest.raises(ArapolError, match="no stance model"):
        evaluate_path(tiny_ner_model, resources / "ner_good.conll", task="stance")


def test_a_models_training_settings_are_taken_as_saved(tiny_ner_model, tmp_path, capsys):
    """``arapol evaluate MODEL test`` reads only ``data:`` of the saved config: a setting this arapol refuses to train
    with (an earlier one let ``save_total_limit: 0`` through) or an integration missing here (``report_to``) stopped
    it (a helper's review)."""
    model = tmp_path / "older"
    shutil.copytree(tiny_ner_model, model, ignore=shutil.ignore_patterns("checkpoints", "tiny-base"))
    cfg_path = model / "training_config.yaml"
    cfg = yaml.safe_load(cfg_path.read_text(encoding="utf-8"))
    cfg["training"] = {**cfg.get("training", {}), "save_total_limit": 0, "report_to": "flyte"}
    cfg_path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    assert main(["evaluate", str(model), "test", "--out", str(tmp_path / "eval"), "--no-plot"]) == 0
    assert json.loads((tmp_path / "eval" / "metrics.json").read_text(encoding="utf-8"))["n_examples"] > 0


def test_evaluate_a_split_reads_it_as_training_did(tiny_ner_model, tmp_path, capsys):
    """``arapol evaluate MODEL test`` reads the split with the training config's options, joining included."""
    model = tmp_path / "joined"
    shutil.copytree(tiny_ner_model, model, ignore=shutil.ignore_patterns("checkpoints", "tiny-base"))
    cfg_path = model / "training_config.yaml"
    cfg = yaml.safe_load(cfg_path.read_text(encoding="utf-8"))
    cfg["data"]["join_sentences"] = 4
    cfg_path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    assert main(["evaluate", str(model), "test", "--out", str(tmp_path / "eval"), "--no-plot"]) == 0
    metrics = json.loads((tmp_path / "eval" / "metrics.json").read_text(encoding="utf-8"))
    sentences = evaluate_path(tiny_ner_model, ROOT / "data/ner/test.jsonl")["n_examples"]
    assert metrics["join_sentences"] == 4 and metrics["n_examples"] == -(-sentences // 4)


def test_evaluate_dev_carves_it_from_train_as_training_did(tiny_stance_model, tmp_path, capsys):
    """A model trained with ``data.dev_fraction`` has no dev file: ``arapol evaluate MODEL dev`` carves it again,
    with the run's seed, and scores the very split training chose its epoch on."""
    from arapol.config import load_config
    from arapol.data import load_split
    from arapol.training.trainer import dev_split

    model = tmp_path / "carved"
    shutil.copytree(tiny_stance_model, model, ignore=shutil.ignore_patterns("checkpoints", "tiny-base"))
    cfg_path = model / "training_config.yaml"
    cfg = yaml.safe_load(cfg_path.read_text(encoding="utf-8"))
    cfg["data"].update(dev=None, dev_fraction=0.2)
    cfg_path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    assert main(["evaluate", str(model), "dev", "--out", str(tmp_path / "eval"), "--no-plot"]) == 0
    metrics = json.loads((tmp_path / "eval" / "metrics.json").read_text(encoding="utf-8"))
    loaded = load_config(cfg_path)
    _, dev = dev_split(loaded, load_split(loaded.data.train, loaded), int(loaded.training["seed"]))
    assert metrics["n_examples"] == len(dev) and metrics["carved"].startswith("dev: 0.2 of the records")
    assert metrics["data"] == loaded.data.train
    assert "- **split**: dev: 0.2 of the records, drawn with seed" in (tmp_path / "eval" / "report.md").read_text(
        encoding="utf-8")
    assert main(["evaluate", str(model), "dev", "--targets", "x", "--no-plot", "--out", str(tmp_path / "e2")]) == 2
    assert "do not apply to it" in capsys.readouterr().err
    # train: what is left once dev is carved, the examples learnt from (it scored them all: a fresh user's audit)
    assert main(["evaluate", str(model), "train", "--out", str(tmp_path / "t"), "--no-plot"]) == 0
    metrics = json.loads((tmp_path / "t" / "metrics.json").read_text(encoding="utf-8"))
    learnt, _ = dev_split(loaded, load_split(loaded.data.train, loaded), int(loaded.training["seed"]))
    assert metrics["n_examples"] == len(learnt) == len(load_split(loaded.data.train, loaded)) - len(dev)
    assert metrics["carved"].startswith("train: the records left once dev (0.2 of the records, drawn with seed")


def test_evaluate_a_split_of_an_exported_model(tiny_ner_model, tmp_path, capsys):
    """An exported model's config keeps shortened data paths. A bundled corpus's split is found in this checkout
    (it was read against the export's folder, and refused); another file cannot be found, and the error quotes the
    path as the config holds it (it quoted one resolved against the export's folder, which the config never held)."""
    out = tmp_path / "exported"
    assert main(["export", str(tiny_ner_model), str(out)]) == 0
    assert main(["evaluate", str(out), "test", "--out", str(tmp_path / "eval"), "--no-plot"]) == 0
    metrics = json.loads((tmp_path / "eval" / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["data"] == str(ROOT / "data/ner/test.jsonl")
    assert metrics["n_examples"] == len(read_ner_jsonl(ROOT / "data/ner/test.jsonl"))
    info = json.loads((out / "arapol.json").read_text(encoding="utf-8"))
    del info["extra"]["bundled_data"]
    (out / "arapol.json").write_text(json.dumps(info), encoding="utf-8")
    cfg = yaml.safe_load((out / "training_config.yaml").read_text(encoding="utf-8"))
    cfg["data"]["test"] = "news/test.jsonl"
    (out / "training_config.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    capsys.readouterr()
    assert main(["evaluate", str(out), "test", "--out", str(tmp_path / "eval2"), "--no-plot"]) == 2
    err = capsys.readouterr().err
    assert f"{out / 'training_config.yaml'}: its test split is news/test.jsonl, not on this machine" in err
    assert f"arapol evaluate {out} PATH/test.jsonl" in err


def test_evaluate_a_file_joined_as_training_did(tiny_ner_model, tmp_path, capsys):
    test = str(ROOT / "data/ner/test.jsonl")
    assert main(["evaluate", str(tiny_ner_model), test, "--join-sentences", "3", "--out", str(tmp_path / "e"),
                 "--no-plot"]) == 0
    metrics = json.loads((tmp_path / "e" / "metrics.json").read_text(encoding="utf-8"))
    sentences = evaluate_path(tiny_ner_model, test)["n_examples"]
    assert metrics["join_sentences"] == 3 and metrics["n_examples"] == -(-sentences // 3)
    assert metrics == {**evaluate_path(tiny_ner_model, test, join_sentences=3), "data": test}


def test_default_report_folders_do_not_collide(tiny_ner_model, tmp_path, capsys):
    from arapol.cli.evaluate import report_name

    assert report_name("../shared/data/anercorp/test.tsv") == "anercorp-test"
    assert report_name(ROOT / "data/ner/test.jsonl") == "ner-test"
    assert report_name("ev/a.v1.jsonl") != report_name("ev/a.v2.jsonl")  # both were ev-a
    assert report_name("ev/a.v1.jsonl.gz") == "ev-a.v1"
    model = tmp_path / "m"
    shutil.copytree(tiny_ner_model, model, ignore=shutil.ignore_patterns("checkpoints", "tiny-base"))
    other = tmp_path / "corpus" / "test.jsonl"
    other.parent.mkdir()
    other.write_text((ROOT / "data/ner/test.jsonl").read_text(encoding="utf-8").split("\n", 1)[0] + "\n",
                     encoding="utf-8")
    assert main(["evaluate", str(model), "test", "--no-plot"]) == 0
    assert main(["evaluate", str(model), str(other), "--no-plot"]) == 0
    reports = {p.name: json.loads((p / "metrics.json").read_text(encoding="utf-8"))["n_examples"]
               for p in (model / "eval").iterdir()}
    assert reports["corpus-test"] == 1 and reports["test"] > 1


@pytest.mark.filterwarnings("ignore::arapol.UnseenTargetWarning")  # unlearned targets on purpose
def test_evaluate_keeps_the_targets_asked(tiny_stance_model, resources):
    m = evaluate_path(tiny_stance_model, resources / "stance_mawqif_like.csv", label_map=["mawqif"],
                      targets=["Covid Vaccine"])
    assert m["targets"] == ["Covid Vaccine"] and m["n_examples"] == 2


@pytest.mark.filterwarnings("ignore::arapol.UnseenTargetWarning")  # the plain model reads a spelling apart
def test_evaluating_a_text_only_model_on_another_target_s_labels_says_so(text_only_stance_model, tiny_stance_model,
                                                                          caplog, tmp_path):
    """A text-only model (``text_only: true``) reads the text alone, toward the one target it was trained for: gold
    labels toward other targets were scored against its stance toward that one without a word (a review). It is said,
    with the first line and the option that keeps its own target's examples (not refused: a model trained text-only
    on several targets, as Mawqif's, is scored on them)."""
    model = text_only_stance_model
    own = json.loads((model / "arapol.json").read_text(encoding="utf-8"))["target"]
    data = tmp_path / "d.jsonl"
    data.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in [
        {"text": "رحبت موسكو بالهدنة", "target": own.replace("إ", "ا"), "label": "favor"},  # its own, spelt apart
        {"text": "رفضت الفصائل الاتفاق", "label": "against"},  # no target: its own
        {"text": "اللقاح آمن", "target": "لقاح كورونا", "label": "favor"}]), encoding="utf-8")
    with caplog.at_level("WARNING", logger="arapol.evaluation"):
        assert evaluate_path(model, data)["n_examples"] == 3
    assert (f"{data}: 1 of the 3 examples (the first on line 3) are labelled toward another stance target "
            f"('لقاح كورونا') than {own!r}, the one this model was trained toward: it reads the text alone "
            f"(text_only: true), so their gold labels are scored against its stance toward {own!r}; --targets "
            f"{own!r}") in caplog.text
    caplog.clear()
    with caplog.at_level("WARNING", logger="arapol.evaluation"):
        evaluate_path(model, data, targets=[own])  # its own target's examples kept
        evaluate_path(tiny_stance_model, data)  # a model that reads each example's target: nothing to say
    assert "labelled toward another stance target" not in caplog.text


def test_a_split_is_found_beside_a_folder_of_its_name_and_reports_keep_apart(tiny_stance_model, tmp_path,
                                                                             monkeypatch, capsys):
    """``arapol evaluate MODEL test`` run where a folder named test exists (or dev from /, where /dev is) said there
    was no such data file; two corpora's test files of one folder name wrote one report folder (ANS's
    stance/test.csv and the bundled data/stance/test.jsonl): a helper's probe."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "test").mkdir()
    model = tmp_path / "model"
    shutil.copytree(tiny_stance_model, model)
    assert main(["evaluate", str(model), "test", "--no-plot"]) == 0
    assert (model / "eval" / "test" / "metrics.json").is_file()
    other = tmp_path / "ans" / "stance" / "test.jsonl"  # another corpus, a folder of the same name
    other.parent.mkdir(parents=True)
    shutil.copy(ROOT / "data/stance/test.jsonl", other)
    bundled = ROOT / "data/stance/test.jsonl"
    assert main(["evaluate", str(model), str(bundled), "--no-plot"]) == 0
    assert main(["evaluate", str(model), str(other), "--no-plot"]) == 0
    first = json.loads((model / "eval" / "stance-test" / "metrics.json").read_text(encoding="utf-8"))
    assert first["data"] == str(bundled)
    (kept,) = [p for p in (model / "eval").iterdir() if p.name.startswith("stance-test-")]
    assert json.loads((kept / "metrics.json").read_text(encoding="utf-8"))["data"] == str(other)
    assert main(["evaluate", str(model), str(other), "--no-plot"]) == 0  # the same file again: its own folder
    assert len([p for p in (model / "eval").iterdir() if p.name.startswith("stance-test")]) == 2


def test_a_stance_label_map_applies_to_the_predictions_too(tiny_stance_model):
    """--label-map mapped a stance file's labels and not the model's predictions, unlike NER (a helper's probe):
    with favor=against, gold favor became against while predicted favor stayed, and counted wrong."""
    test = ROOT / "data/stance/test.jsonl"
    plain = evaluate_path(tiny_stance_model, test)
    mapped = evaluate_path(tiny_stance_model, test, label_map=["favor=against"])
    labels = mapped["labels"]
    assert mapped["per_class"]["favor"]["support"] == 0 and not any(row[labels.index("favor")]
                                                                    for row in mapped["confusion"])
    both = {lab: sum(plain["confusion"][labels.index(lab)][labels.index(p)] for p in ("favor", "against"))
            for lab in ("favor", "against")}  # texts of either class predicted as either: right once both are one
    assert mapped["per_class"]["against"]["support"] == (plain["per_class"]["favor"]["support"]
                                                         + plain["per_class"]["against"]["support"])
    assert mapped["confusion"][labels.index("against")][labels.index("against")] == both["favor"] + both["against"]


def test_a_stance_label_none_of_the_model_s_names_evaluate_s_label_map(tiny_stance_model, tmp_path, capsys):
    """A review: ``arapol evaluate`` on a file labelled pro/con/neutral said to list them in "the config's labels,
    or map them onto these with data.label_map", training's options; an evaluation has no config. It names
    ``--label-map RAW=MODEL_LABEL``, which reads the file."""
    renamed = {"favor": "pro", "against": "con", "none": "neutral"}
    test = ROOT / "data/stance/test.jsonl"
    records = [json.loads(line) for line in test.read_text(encoding="utf-8").splitlines() if line.strip()]
    data = tmp_path / "renamed.jsonl"
    data.write_text("".join(json.dumps({**r, "label": renamed[r["label"]]}, ensure_ascii=False) + "\n"
                            for r in records), encoding="utf-8")
    assert main(["evaluate", str(tiny_stance_model), str(data), "--out", str(tmp_path / "a"), "--no-plot"]) == 2
    err = capsys.readouterr().err
    first = renamed[records[0]["label"]]
    assert (f"{data}:1: unknown stance label {first!r}: expected one of ['against', 'favor', 'none'] (other labels: "
            "map them onto these with --label-map RAW=MODEL_LABEL, pairs comma-separated; in Python "
            "label_map={RAW: MODEL_LABEL})") in err
    assert "config" not in err and "data.label_map" not in err
    assert main(["evaluate", str(tiny_stance_model), str(data), "--out", str(tmp_path / "b"), "--no-plot",
                 "--label-map", "pro=favor,con=against,neutral=none"]) == 0
    scores = json.loads((tmp_path / "b" / "metrics.json").read_text(encoding="utf-8"))
    assert scores["macro_f1"] == evaluate_path(tiny_stance_model, test)["macro_f1"]


def test_a_model_s_own_split_is_read_toward_the_target_training_read_it_toward(tiny_stance_model, tmp_path):
    """``evaluate MODEL test`` reads a record without a target toward the config's target, as training did and as
    its metrics.json test score was measured, not toward the model's default target (a helper's probe: a model that
    learned one other target scored 0.375 there against its metrics.json's 0.393)."""
    from arapol.cli.evaluate import _data_from_training_config

    cfg = yaml.safe_load((tiny_stance_model / "training_config.yaml").read_text(encoding="utf-8"))
    assert _data_from_training_config(tiny_stance_model, "stance", "test")["target"] == cfg["target"]


def test_evaluate_refuses_the_other_tasks_options(tiny_ner_model, tiny_stance_model, tmp_path, capsys):
    """An NER model given --text-column, --target-column, --label-column or --target (or a stance model given
    --repair-iob) was evaluated as if they were not there, and the report looked as asked (a helper's probe)."""
    data = str(ROOT / "data/ner/test.jsonl")
    assert main(["evaluate", str(tiny_ner_model), data, "--out", str(tmp_path / "a"), "--no-plot",
                 "--text-column", "body", "--target", "الهدنة"]) == 2
    assert ("--text-column, --target: only for a stance model, and this is an NER model"
            in capsys.readouterr().err) and not (tmp_path / "a").exists()
    assert main(["evaluate", str(tiny_stance_model), "test", "--out", str(tmp_path / "b"), "--no-plot",
                 "--repair-iob"]) == 2
    assert "--repair-iob: only for an NER model" in capsys.readouterr().err and not (tmp_path / "b").exists()


@pytest.mark.filterwarnings("ignore::arapol.UnseenTargetWarning")  # unlearned targets on purpose
def test_evaluate_stance_cli_and_csv(tiny_stance_model, resources, tmp_path):
    out = tmp_path / "stance-eval"
    assert main(["evaluate", str(tiny_stance_model), "test", "--out", str(out)]) == 0
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    trained = json.loads((tiny_stance_model / "metrics.json").read_text(encoding="utf-8"))["test"]
    assert {k: metrics[k] for k in trained} == trained
    assert (out / "confusion.png").read_bytes()[:8] == PNG
    assert "### Confusion matrix" in (out / "report.md").read_text(encoding="utf-8")
    with pytest.raises(DataError, match="--label-map mawqif"):
        evaluate_path(tiny_stance_model, resources / "stance_mawqif_like.csv")
    m = evaluate_path(tiny_stance_model, resources / "stance_mawqif_like.csv", label_map=["mawqif"])
    assert m["format"] == "csv" and m["n_examples"] == sum(m["per_class"][c]["support"] for c in m["labels"])
    import csv

    rows = list(csv.reader((resources / "stance_mawqif_like.csv").read_text(encoding="utf-8").splitlines()))
    tsv = tmp_path / "mawqif_like.tsv"
    tsv.write_text("\n".join("\t".join(r) for r in rows) + "\n", encoding="utf-8")
    m_tsv = evaluate_path(tiny_stance_model, tsv, label_map=["mawqif"])
    assert m_tsv["format"] == "csv" and {**m_tsv, "data": ""} == {**m, "data": ""}  # read tab-separated
    with pytest.raises(DataError, match="--label-map ans or unifiedfc"):
        evaluate_path(tiny_stance_model, resources / "unifiedfc_small.jsonl", fmt="unifiedfc")
    m = evaluate_path(tiny_stance_model, resources / "unifiedfc_small.jsonl", fmt="unifiedfc", label_map="unifiedfc")
    assert m["format"] == "unifiedfc" and m["per_class"]["favor"]["support"] >= 1


def test_evaluate_names_a_file_of_a_format_the_task_cannot_read(tiny_ner_model, tmp_path, capsys):
    data = tmp_path / "stance.csv"
    data.write_text("text,target,stance\nنص,هدنة,favor\n", encoding="utf-8")
    assert main(["evaluate", str(tiny_ner_model), str(data), "--no-plot"]) == 2
    err = capsys.readouterr().err
    assert f"{data}: read as csv (the format its name says), which is not a ner format: a ner file is one of " \
           "conll, jsonl (fmt= / --format)" in err
    with pytest.raises(DataError, match=r"read as csv \(as asked\)"):
        evaluate_path(tiny_ner_model, ROOT / "data/ner/test.jsonl", fmt="csv")


def test_evaluate_says_the_format_a_file_was_read_in_by_its_own_option(resources):
    """A file that does not read in the format asked, and whose name says another: evaluate names its own option
    (``--format``, in Python ``fmt=``), not training's config key ``data.format``."""
    from arapol.evaluation import load_examples

    with pytest.raises(DataError, match=r"ner_good.jsonl:2: expected .* columns .*\(read as conll by fmt= / --format, "
                                        r"and this file's name says jsonl\)$") as err:
        load_examples(resources / "ner_good.jsonl", "ner", fmt="conll")
    assert "data.format" not in str(err.value) and "every split" not in str(err.value)


def test_a_split_read_in_the_saved_config_s_format_names_that_config(tiny_ner_model, tmp_path, capsys):
    """``arapol evaluate MODEL test`` reads the split in the format of the model's training config (data.format): a
    file that does not read so, and whose name says another, was said read so "by fmt= / --format", which were not
    given (a review). It names the config now, and --format given is named as before."""
    model = tmp_path / "conll"
    shutil.copytree(tiny_ner_model, model, ignore=shutil.ignore_patterns("checkpoints", "tiny-base"))
    cfg_path = model / "training_config.yaml"
    cfg = yaml.safe_load(cfg_path.read_text(encoding="utf-8"))
    cfg["data"]["format"] = "conll"  # and its test split is a .jsonl file
    cfg_path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    assert main(["evaluate", str(model), "test", "--out", str(tmp_path / "eval"), "--no-plot"]) == 2
    err = capsys.readouterr().err
    assert err.endswith(f"(read as conll, the data.format of {cfg_path}, which --format overrides, and this file's "
                        "name says jsonl)\n") and "fmt=" not in err
    assert main(["evaluate", str(model), "test", "--format", "conll", "--out", str(tmp_path / "eval"),
                 "--no-plot"]) == 2
    assert capsys.readouterr().err.endswith("(read as conll by fmt= / --format, and this file's name says jsonl)\n")
    assert main(["evaluate", str(model), "test", "--format", "jsonl", "--out", str(tmp_path / "eval"),
                 "--no-plot"]) == 0


def test_evaluate_an_unknown_split_name_lists_the_splits(tiny_ner_model, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["evaluate", str(tiny_ner_model), "validation", "--no-plot"]) == 2
    assert "validation: no such data file (nor one of the model's own splits: train, dev, test)" in \
        capsys.readouterr().err


@pytest.mark.parametrize("argv", [["evaluate", "m", "f.jsonl", "--batch-size", "0"], ["evaluate", "m", "f.jsonl",
                                  "--join-sentences", "0"], ["analyze", "c.jsonl", "--batch-size", "-1"],
                                  ["predict", "m", "--text", "x", "--batch-size", "0"]])
def test_sizes_below_one_are_refused_by_the_command_line(argv, capsys):
    """evaluate --batch-size 0 ended in a traceback; analyze --batch-size -1 left an empty --out folder."""
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2 and "expected a positive integer" in capsys.readouterr().err


def test_stance_jsonl_reads_the_fields_named(tiny_stance_model, tmp_path):
    """--text-column, --target-column and --label-column applied to CSV only: on JSONL they were dropped without a
    word, and a file holding the gold stance in ``stance`` beside another ``label`` was scored on ``label`` (a
    helper's probe)."""
    test = [json.loads(line) for line in (ROOT / "data/stance/test.jsonl").read_text(encoding="utf-8").splitlines()]
    flipped = {"favor": "against", "against": "none", "none": "favor"}
    renamed = tmp_path / "renamed.jsonl"
    renamed.write_text("".join(json.dumps({"body": r["text"], "topic": r.get("target", "وقف إطلاق النار"),
                                           "stance": r["label"], "label": flipped[r["label"]]}, ensure_ascii=False)
                               + "\n" for r in test), encoding="utf-8")
    truth = evaluate_path(tiny_stance_model, ROOT / "data/stance/test.jsonl")
    named = evaluate_path(tiny_stance_model, renamed, text_column="body", target_column="topic",
                          label_column="stance")
    assert {k: named[k] for k in ("accuracy", "macro_f1", "n_examples")} == \
        {k: truth[k] for k in ("accuracy", "macro_f1", "n_examples")}
    assert evaluate_path(tiny_stance_model, renamed, text_column="body", target_column="topic")["accuracy"] != \
        truth["accuracy"]  # JSONL's own label field: the flipped one
    with pytest.raises(DataError, match=r"renamed.jsonl:1: field 'text' is missing"):
        evaluate_path(tiny_stance_model, renamed)
    with pytest.raises(DataError, match=r"renamed.jsonl:1: missing field 'gold' \(the label, as data.label_column"):
        evaluate_path(tiny_stance_model, renamed, text_column="body", label_column="gold")


def test_a_split_of_a_model_saved_before_jsonl_read_label_column(tiny_stance_model, tmp_path):
    """Saved configs of JSONL stance models hold ``label_column: stance``, the CSV default JSONL did not read."""
    model = tmp_path / "older"
    shutil.copytree(tiny_stance_model, model, ignore=shutil.ignore_patterns("checkpoints", "tiny-base"))
    cfg_path = model / "training_config.yaml"
    cfg = yaml.safe_load(cfg_path.read_text(encoding="utf-8"))
    assert cfg["data"]["format"] == "jsonl" and cfg["data"]["label_column"] is None
    cfg["data"]["label_column"] = "stance"
    cfg_path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    assert main(["evaluate", str(model), "test", "--out", str(tmp_path / "eval"), "--no-plot"]) == 0
    metrics = json.loads((tmp_path / "eval" / "metrics.json").read_text(encoding="utf-8"))
    trained = json.loads((tiny_stance_model / "metrics.json").read_text(encoding="utf-8"))["test"]
    assert {k: metrics[k] for k in trained} == trained


@pytest.mark.filterwarnings("ignore::arapol.UnseenTargetWarning")  # unlearned targets on purpose
def test_a_target_that_cannot_be_read_names_its_example(tiny_stance_model, tmp_path):
    """A too long or blank target stopped evaluate without a file, a line or a field (a helper's probe), after a
    tokenizer warning about the length."""
    data = tmp_path / "targets.jsonl"
    rows = [{"text": "رحبت موسكو بالهدنة", "target": "الهدنة", "label": "favor"},
            {"text": "نص", "target": "هدنة " * 300, "label": "none"}]
    data.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    import logging

    said: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: said.append(record.getMessage())
    logging.getLogger("transformers").addHandler(handler)  # transformers' loggers do not propagate to the root
    try:
        with pytest.raises(DataError, match=r"targets.jsonl:2: the target of this example cannot be read: target: "
                                            r"too long \(\d+ pieces\)"):
            evaluate_path(tiny_stance_model, data)
    finally:
        logging.getLogger("transformers").removeHandler(handler)
    assert not [m for m in said if "Token indices sequence length" in m]
    rows[1]["target"] = "ـــ"
    data.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    with pytest.raises(DataError, match=r"targets.jsonl:2: field 'target' holds nothing that shows by itself "
                                        r"\('ـــ': only spaces, tatweel"):  # refused as it is read
        evaluate_path(tiny_stance_model, data)


def test_a_report_that_cannot_be_written_asks_for_out(tiny_ner_model, monkeypatch, capsys):
    import arapol.reports

    def read_only(metrics, out, plot=True):
        raise PermissionError(13, "Permission denied", str(out))

    monkeypatch.setattr(arapol.reports, "write_report", read_only)
    assert main(["evaluate", str(tiny_ner_model), "test", "--no-plot"]) == 2
    err = capsys.readouterr().err
    assert "eval/test: cannot write the report (Permission denied): give --out a folder you can write to" in err


@pytest.mark.filterwarnings("ignore::arapol.UnseenTargetWarning")  # UnifiedFC's claims: targets it never learned
def test_evaluate_reads_a_file_by_the_columns_the_model_was_trained_on(tiny_stance_model, tmp_path, capsys):
    """A fresh user's audit: a model trained on a CSV of tweet/topic/position failed on a test file of that layout
    (missing column(s) ['text', 'target', 'stance']) unless the three options were given again."""
    model = tmp_path / "columns"
    shutil.copytree(tiny_stance_model, model, ignore=shutil.ignore_patterns("checkpoints", "tiny-base"))
    cfg_path = model / "training_config.yaml"
    cfg = yaml.safe_load(cfg_path.read_text(encoding="utf-8"))
    cfg["data"].update(text_column="body", target_column="topic", label_column="position")
    cfg_path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    test = [json.loads(line) for line in (ROOT / "data/stance/test.jsonl").read_text(encoding="utf-8").splitlines()]
    layout = tmp_path / "layout.jsonl"
    layout.write_text("".join(json.dumps({"body": r["text"], "topic": r.get("target", "وقف إطلاق النار"),
                                          "position": r["label"]}, ensure_ascii=False) + "\n" for r in test),
                      encoding="utf-8")
    assert main(["evaluate", str(model), str(layout), "--out", str(tmp_path / "r1"), "--no-plot"]) == 0
    got = json.loads((tmp_path / "r1" / "metrics.json").read_text(encoding="utf-8"))
    truth = evaluate_path(tiny_stance_model, ROOT / "data/stance/test.jsonl")
    assert (got["accuracy"], got["n_examples"]) == (truth["accuracy"], truth["n_examples"])
    capsys.readouterr()
    assert main(["evaluate", str(tiny_stance_model), str(layout), "--out", str(tmp_path / "r2"), "--no-plot"]) != 0
    assert "layout.jsonl:1: missing field 'label'" in capsys.readouterr().err  # the model trained on the defaults
    assert main(["evaluate", str(tiny_stance_model), str(layout), "--out", str(tmp_path / "r3"), "--no-plot",
                 "--text-column", "body", "--target-column", "topic", "--label-column", "position"]) == 0
    # a UnifiedFC file has its own fields: the model's columns were applied, and refused as the user's (a probe)
    assert main(["evaluate", str(model), str(ROOT / "tests/resources/unifiedfc_small.jsonl"), "--format", "unifiedfc",
                 "--label-map", "unifiedfc", "--out", str(tmp_path / "r4"), "--no-plot"]) == 0, capsys.readouterr().err


def test_a_report_never_replaces_files_no_report_wrote(tmp_path, tiny_ner_model):
    """A user's files, or a model's own metrics.json, were silently replaced by ``--out`` (a helper's probe);
    an earlier report's files are still replaced."""
    s = stance_scores(["favor", "none"], ["favor", "favor"], ["favor", "against", "none"])
    for name, content in (("metrics.json", '{"dev": {"f1": 0.8}}'), ("report.md", "mine"),
                          ("metrics.json", "not json")):
        folder = tmp_path / name / content[:3]
        folder.mkdir(parents=True)
        (folder / name).write_text(content, encoding="utf-8")
        with pytest.raises(ArapolError, match=f"holds {name}, which no arapol evaluate wrote"):
            write_report({"task": "stance", **s}, folder, plot=False)
        assert (folder / name).read_text(encoding="utf-8") == content
    write_report({"task": "stance", **s}, tmp_path / "again", plot=False)
    write_report({"task": "stance", **s, "n_examples": 7}, tmp_path / "again", plot=False)
    assert '"n_examples": 7' in (tmp_path / "again" / "metrics.json").read_text(encoding="utf-8")
    assert main(["evaluate", str(tiny_ner_model), str(ROOT / "data/ner/test.jsonl"), "--out",
                 str(tiny_ner_model), "--no-plot"]) == 2  # the model folder's own metrics.json stays


def test_the_printed_line_says_which_types_a_macro_score_leaves_out():
    scores = {"task": "ner", "n_examples": 3, "precision": 1.0, "recall": 0.5, "f1": 2 / 3, "macro_f1": 0.75,
              "per_type": {"PER": {"precision": 1.0, "recall": 0.5, "f1-score": 2 / 3, "support": 2}}}
    assert summary_line({**scores, "absent_types": ["ORG", "MISC"]}).endswith("macro-F1 0.7500 without ORG, MISC")
    assert summary_line({**scores, "absent_types": []}).endswith("macro-F1 0.7500")
    assert summary_line({"task": "stance", "n_examples": 2, "accuracy": 0.5, "macro_f1": 0.4}) == (
        "2 examples: accuracy 0.5000, macro-F1 0.4000")


def test_data_without_entities_found_or_annotated_report_no_score():
    """A test file with no entity, where the model found none, was reported as ``macro-F1 0.0000 without PER, ORG,
    LOC, MISC`` and a report row of 0s: seqeval's 0/0, a perfect answer read as the worst (a regression hunt)."""
    nothing = [["O", "O"], ["O"]]
    scores = {"task": "ner", "n_examples": 2, **ner_scores(nothing, nothing, list(ENTITY_TYPES))}
    assert summary_line(scores) == "2 examples: no entity annotated or predicted, so no score"
    report = markdown_report(scores)
    assert "these data give no entity score" in report and "0.0000" not in report


def test_evaluating_a_text_only_model_of_several_targets_on_them_says_nothing(text_only_stance_model, caplog,
                                                                              tmp_path):
    """A text-only model trained on Mawqif's three targets, scored on its own test split, was said to be scored on
    another target's labels: any target it was trained on is its own. One saved before its targets were recorded,
    trained with a target column, may have learned several: what it is scored on besides its saved target is said
    as maybe so (nothing was said, a review: a one-target model's wrong score went by)."""
    own = json.loads((text_only_stance_model / "arapol.json").read_text(encoding="utf-8"))["target"]
    data = tmp_path / "d.jsonl"
    data.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in [
        {"text": "رحبت موسكو بالهدنة", "target": own, "label": "favor"},
        {"text": "رفضت الفصائل الاتفاق", "target": "اللاجئون", "label": "against"},
        {"text": "اللقاح آمن", "target": "لقاح كورونا", "label": "favor"}]), encoding="utf-8")
    folder = tmp_path / "three"
    shutil.copytree(text_only_stance_model, folder)
    info = json.loads((folder / "arapol.json").read_text(encoding="utf-8"))
    recorded = {**info, "extra": {**info["extra"], "text_only_targets": {own: 2, "اللاجئون": 1}}}
    (folder / "arapol.json").write_text(json.dumps(recorded, ensure_ascii=False), encoding="utf-8")
    with caplog.at_level("WARNING", logger="arapol.evaluation"):
        evaluate_path(folder, data)
    assert (f"{data}: 1 of the 3 examples (the first on line 3) are labelled toward a stance target ('لقاح كورونا') "
            f"none of the 2 this model was trained on ({own!r}, 'اللاجئون')") in caplog.text
    assert "the one this model was trained toward" not in caplog.text
    caplog.clear()
    del recorded["extra"]["text_only_targets"]  # saved before; its config read the target column
    (folder / "arapol.json").write_text(json.dumps(recorded, ensure_ascii=False), encoding="utf-8")
    with caplog.at_level("WARNING", logger="arapol.evaluation"):
        evaluate_path(folder, data)
    assert (f"{data}: 2 of the 3 examples (the first on line 2) are labelled toward a stance target ('اللاجئون', "
            f"'لقاح كورونا') other than {own!r}, this model's saved target: it reads the text alone (text_only: "
            "true), and which targets it was trained on is not recorded (saved by an earlier arapol); if") \
        in caplog.text


def test_a_carved_dev_split_is_read_toward_the_target_training_scored(tmp_path):
    """``arapol evaluate MODEL dev`` carved the dev split again but read its records without a target toward the saved
    target, where training read them toward the model's default one (the one target it learned): two scores for
    one split (a review)."""
    from dataclasses import replace

    from arapol.checkpoint import CONFIG_FILE, ModelInfo, default_target_of, learned_spelling, write_info
    from arapol.cli.evaluate import _data_from_training_config
    from arapol.config import DataConfig, TrainConfig, save_config, validate
    from arapol.data import load_split, reading_target
    from arapol.training.trainer import _train_targets, dev_split

    data = tmp_path / "train.jsonl"
    records = [{"text": f"نص رقم {i} عن الهدنة", "target": "الهدنة", "label": ["favor", "against", "none"][i % 3]}
               for i in range(20)] + [{"text": "نص بلا هدف", "label": "favor"}]
    data.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    for seed in range(200):  # a carve that takes the record without a target into dev
        cfg = validate(TrainConfig(task="stance", base_model="tiny:bert", target="وقف إطلاق النار",
                                   labels=["favor", "against", "none"],
                                   data=DataConfig(train=str(data), format="jsonl", dev_fraction=0.2, dev_seed=seed)),
                       training=False)
        train_ex, dev_ex = dev_split(cfg, load_split(cfg.data.train, cfg))
        if any(e.target == cfg.target for e in dev_ex):
            break
    learned = _train_targets(cfg, train_ex)["train_targets"]
    default = default_target_of(cfg.target, learned, learned_spelling(cfg.target, learned))
    read = replace(cfg, target=reading_target(cfg, default))
    scored = dev_split(read, load_split(cfg.data.train, read))[1]  # as training scores it
    model = tmp_path / "model"
    model.mkdir()
    save_config(cfg, model / CONFIG_FILE)
    write_info(model, ModelInfo(task="stance", labels=["favor", "against", "none"], normalise=[], max_length=64,
                                stride=16, base_model="tiny:bert", target=cfg.target,
                                extra={"train_targets": learned}))
    got = _data_from_training_config(model, "stance", "dev")["examples"]
    assert [(e.text, e.target) for e in got] == [(e.text, e.target) for e in scored]
    assert {e.target for e in got} == {"الهدنة"}
