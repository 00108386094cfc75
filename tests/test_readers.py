import json
import re
from pathlib import Path

import pytest

from arapol.data import (
    from_token_dataset,
    join_examples,
    read_conll,
    read_ner_jsonl,
    read_stance_csv,
    read_stance_jsonl,
    read_unifiedfc,
    write_ner_jsonl,
)
from arapol.errors import DataError
from arapol.labels import CORPUS_LABEL_MAPS, ENTITY_TYPES, STANCE_LABELS

ANER = {"label_map": CORPUS_LABEL_MAPS["anercorp"], "types": ENTITY_TYPES}


def spans(ex):
    return [(ex.text[s.start:s.end], s.label) for s in ex.spans]


def test_conll_reads_tokens_tags_and_sentences(resources):
    ex = read_conll(resources / "ner_good.conll", **ANER)
    assert len(ex) == 2
    assert spans(ex[0]) == [("بشار الأسد", "PER"), ("دمشق", "LOC")]
    assert spans(ex[1]) == [("دي ميستورا", "PER"), ("جنيف", "LOC")]
    assert ex[1].line == 9


@pytest.mark.parametrize("name", ["ner_bom_crlf.conll", "ner_space_sep.conll"])
def test_conll_accepts_bom_crlf_and_space_separation(resources, name):
    good = read_conll(resources / "ner_good.conll", **ANER)
    other = read_conll(resources / name, **ANER)
    assert [(e.text, e.spans) for e in other] == [(e.text, e.spans) for e in good]


@pytest.mark.parametrize("name, line, message", [
    ("ner_unknown_tag.conll", 2, "unknown entity type 'PERSON'"),
    ("ner_bad_tag.conll", 2, "not an IOB2 tag"),
    ("ner_orphan.conll", 3, "orphan tag 'I-PER'"),
    ("ner_columns.conll", 3, "expected 3 columns"),
    ("ner_undecodable.conll", 2, "expected UTF-8"),
])
def test_conll_errors_name_file_and_line(resources, name, line, message):
    with pytest.raises(DataError, match=message) as err:
        read_conll(resources / name, **ANER)
    assert err.value.line == line
    assert str(err.value).startswith(f"{resources / name}:{line}: ")


def test_conll_column_count_error_names_the_line_that_set_it(tmp_path):
    """The column count comes from the first token line: a comment line there made the error blame the next line
    alone (its 2 columns against the comment's 4), with nothing pointing at the comment."""
    path = tmp_path / "commented.conll"
    path.write_text("# sent_id = 1\nقال O\nبوتين B-PER\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"commented.conll:2: expected 4 columns like line 1 \('# sent_id = 1' \(a "
                                        r"comment line\? only token lines, blank lines and -DOCSTART- are read\)\), "
                                        r"found 2: 'قال O'"):
        read_conll(path)
    path.write_text("قال O x\nبوتين B-PER\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"commented.conll:2: expected 3 columns like line 1 \('قال O x'\), found 2"):
        read_conll(path)
    # tabs after a first line of spaces: the first line set the separator (a fresh user's audit: the error blamed
    # a good line and never said why)
    path.write_text("أعلنت  O\nوزارة\tB-ORG\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"commented.conll:2: expected 2 columns like line 1 \('أعلنت  O'\), found 1: "
                                        r"'وزارة\\tB-ORG'; line 1 has no tab, so every line is split on spaces"):
        read_conll(path)
    # an I- tag after an entity of another type: a type mislabelled, which label_map mends (not repair_iob alone)
    path.write_text("قال\tO\nفلاديمير\tB-PERSON\nبوتين\tI-PER\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"commented.conll:3: orphan tag 'I-PER' after 'B-PERSON': expected B-PER; if "
                                        r"'PERSON' and 'PER' are one type, give data.label_map \{PERSON: PER\}"):
        read_conll(path)
    # with a label_map, the tag as the file writes it, then as mapped (it named only the mapped one: an audit)
    path.write_text("قال\tO\nموسكو\tI-PERS\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"commented.conll:2: orphan tag 'I-PERS' \(read as 'I-PER' by data.label_map\) "
                                        r"after 'O': expected B-PER"):
        read_conll(path, label_map={"PERS": "PER"})


@pytest.mark.parametrize("name", ["ner_empty.conll", "ner_empty.jsonl"])
def test_empty_file_is_an_error(resources, name):
    with pytest.raises(DataError, match="empty file"):
        (read_conll if name.endswith("conll") else read_ner_jsonl)(resources / name)


def test_orphan_is_repaired_only_when_asked(resources):
    ex = read_conll(resources / "ner_orphan.conll", **ANER, repair_iob=True)
    assert spans(ex[0]) == [("الأسد", "PER")]


def test_jsonl_reads_character_spans(resources):
    ex = read_ner_jsonl(resources / "ner_good.jsonl", types=ENTITY_TYPES)
    assert spans(ex[0]) == [("بوتين", "PER"), ("موسكو", "LOC")]
    assert spans(ex[1]) == [("الأمم المتحدة", "ORG")]


@pytest.mark.parametrize("name, line, message", [
    ("ner_overlap.jsonl", 2, r"entities\[0\] \[5, 18\) ORG and entities\[1\] \[11, 18\) LOC overlap"),
    ("ner_outside.jsonl", 1, "outside the text"),
    ("ner_claim.jsonl", 3, "claims text 'لافروف'"),
    ("ner_unknown_label.jsonl", 1, "unknown entity type 'PERSON'"),
    ("ner_badjson.jsonl", 2, "invalid JSON"),
    ("ner_missing_entities.jsonl", 2, r"field 'entities' is missing.*found fields \['entites', 'text'\]"),
])
def test_jsonl_errors_name_file_and_line(resources, name, line, message):
    with pytest.raises(DataError, match=message) as err:
        read_ner_jsonl(resources / name, types=ENTITY_TYPES)
    assert err.value.line == line
    assert f"{name}:{line}:" in str(err.value)


def test_overlap_error_names_the_entities_and_offsets_as_given(tmp_path):
    """The overlap named the trimmed offsets (an edge space is dropped) and no index: in a record of many entities,
    which two were meant was left to guess (a helper's probe)."""
    p = tmp_path / "o.jsonl"
    ents = [{"start": 0, "end": 3, "label": "PER"}, {"start": 4, "end": 13, "label": "LOC"},
            {"start": 8, "end": 14, "label": "ORG"}]
    p.write_text(json.dumps({"text": "قال الرئيس بوتين", "entities": ents}, ensure_ascii=False) + "\n",
                 encoding="utf-8")
    with pytest.raises(DataError, match=r"o.jsonl:1: entities\[1\] \[4, 13\) LOC and entities\[2\] \[8, 14\) ORG "
                                        "overlap"):
        read_ner_jsonl(p)


def test_a_label_o_is_an_error_not_a_silent_non_entity(tmp_path):
    """An entity labelled O, or a CoNLL tag B-O / I-O, was read as no entity without a word; a type that
    data.label_map maps to O is still dropped, as documented."""
    p = tmp_path / "o.jsonl"
    p.write_text(json.dumps({"text": "قال بوتين", "entities": [{"start": 4, "end": 9, "label": "O"}]},
                            ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"o.jsonl:1: entities\[0\] has label 'O', which means no entity"):
        read_ner_jsonl(p)
    assert read_ner_jsonl(p, label_map={"O": "O"})[0].spans == []
    c = tmp_path / "o.conll"
    c.write_text("قال O\nبوتين B-PER\nفي O\nموسكو B-O\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"o.conll:4: tag 'B-O' gives an entity the type 'O'"):
        read_conll(c)
    c.write_text("قال O\nبوتين B-PER\nفي O\nموسكو B-MISC\n", encoding="utf-8")
    assert [s.label for s in read_conll(c, label_map={"MISC": "O"})[0].spans] == ["PER"]


def test_a_key_given_twice_is_an_error_not_a_silent_choice(tmp_path):
    p = tmp_path / "twice.jsonl"
    p.write_text('{"text": "ذهب محمد", "entities": [{"start": 4, "end": 8, "label": "PER"}], "entities": []}\n',
                 encoding="utf-8")
    with pytest.raises(DataError, match=r"twice.jsonl:1: the key 'entities' is given twice"):
        read_ner_jsonl(p, types=ENTITY_TYPES)


def test_missing_file_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match="cannot read"):
        read_ner_jsonl(tmp_path / "nope.jsonl")


def test_token_dataset_with_names_and_ids(tmp_path):
    datasets = pytest.importorskip("datasets")
    names = ["O", "B-PERS", "I-PERS", "B-LOC", "I-LOC"]
    ds = datasets.Dataset.from_dict(
        {"tokens": [["وصل", "دي", "ميستورا", "إلى", "جنيف"]], "ner_tags": [[0, 1, 2, 0, 3]]},
        features=datasets.Features({"tokens": datasets.Sequence(datasets.Value("string")),
                                    "ner_tags": datasets.Sequence(datasets.ClassLabel(names=names))}))
    ex = from_token_dataset(ds, label_map={"PERS": "PER"}, types=ENTITY_TYPES)
    assert spans(ex[0]) == [("دي ميستورا", "PER"), ("جنيف", "LOC")]
    # training reads files: the examples written as native JSONL read back the same (a fresh user's audit)
    path = write_ner_jsonl(ex, tmp_path / "train.jsonl")
    assert [(e.text, spans(e)) for e in read_ner_jsonl(path)] == [(e.text, spans(e)) for e in ex]
    with pytest.raises(DataError, match="orphan"):
        from_token_dataset([{"tokens": ["a", "b"], "ner_tags": ["O", "I-LOC"]}])


def test_anercorp_test_split_reads_as_published():
    path = Path(__file__).resolve().parents[2] / "shared/data/anercorp/test.tsv"
    if not path.exists():
        pytest.skip("../shared/data is not beside this checkout")
    ex = read_conll(path, **ANER, repair_iob=True)
    assert len(ex) == 852
    assert sum(len(e.text.split(" ")) for e in ex) == 24617
    counts = {t: sum(s.label == t for e in ex for s in e.spans) for t in ENTITY_TYPES}
    assert counts == {"PER": 887, "ORG": 450, "LOC": 656, "MISC": 236}


def test_stance_jsonl_defaults_the_target(resources):
    ex = read_stance_jsonl(resources / "stance_good.jsonl", labels=STANCE_LABELS)
    assert [e.label for e in ex] == ["favor", "against", "none"]
    assert ex[1].target == "وقف إطلاق النار"


def test_stance_jsonl_reads_a_null_target_as_an_absent_one(tmp_path):
    """``"target": null`` (pandas writes a missing value so) takes the default target, as a record without the
    field does here and in ``predict --input``; it was refused as "missing, empty or not a string" in training and
    evaluation alone. An empty or non-string target is still refused."""
    path = tmp_path / "s.jsonl"
    rows = [{"text": "نص", "target": None, "label": "favor"}, {"text": "نص", "target": "هدنة حلب", "label": "none"}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    ex = read_stance_jsonl(path, labels=STANCE_LABELS, default_target="هدنة إدلب")
    assert [e.target for e in ex] == ["هدنة إدلب", "هدنة حلب"]
    for bad in ("", " ", 3):
        path.write_text(json.dumps({"text": "نص", "target": bad, "label": "none"}), encoding="utf-8")
        with pytest.raises(DataError, match="field 'target' is missing, empty or not a string"):
            read_stance_jsonl(path, labels=STANCE_LABELS)


@pytest.mark.parametrize("key", ["Target", "targt", " target", "traget", "targets"])
def test_stance_jsonl_refuses_a_misspelt_target_rather_than_defaulting(tmp_path, key):
    path = tmp_path / "s.jsonl"
    rows = [{"text": "نص", "target": "هدنة حلب", "label": "favor"}, {"text": "نص", key: "هدنة حلب", "label": "none"}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    with pytest.raises(DataError, match=f"no field 'target' .*but {key!r}: a misspelling") as err:
        read_stance_jsonl(path, labels=STANCE_LABELS)
    assert err.value.line == 2
    path.write_text(json.dumps({"text": "نص", "label": "none", "id": 7, "target_id": 3}), encoding="utf-8")
    assert read_stance_jsonl(path, labels=STANCE_LABELS)[0].target == "وقف إطلاق النار"  # other keys: the default


def test_stance_jsonl_and_corpus_runs_share_one_misspelt_field_check(tmp_path):
    """The stance reader had its own copy of the near-miss check that serves arapol predict and arapol analyze
    (corpus.misspelt_field); one now serves all three. The reader's message is as it was: a training or evaluation
    file's field is named by its column setting, not by --target-field, so it asks for the key to be renamed."""
    from arapol.corpus import misspelt_field as corpus_check
    from arapol.data.io import misspelt_field

    assert corpus_check is misspelt_field
    rec = {"text": "نص", "targt": 3, "label": "none"}  # any value: a training file takes no default by accident
    path = tmp_path / "s.jsonl"
    path.write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DataError) as err:
        read_stance_jsonl(path, labels=STANCE_LABELS)
    assert err.value.reason == misspelt_field(rec, "target", "", "a record without it takes the default target",
                                              None, ("text", "label")) == (
        "no field 'target' (a record without it takes the default target), but 'targt': a misspelling? Rename it "
        "'target'")


@pytest.mark.parametrize("name, line, message", [
    ("stance_unknown_label.jsonl", 1, "unknown stance label 'support'"),
    ("stance_missing_label.jsonl", 2, "missing field 'label'"),
])
def test_stance_jsonl_errors(resources, name, line, message):
    with pytest.raises(DataError, match=message) as err:
        read_stance_jsonl(resources / name, labels=STANCE_LABELS)
    assert err.value.line == line


def test_integer_stance_labels_read_alike_in_jsonl_and_csv(tmp_path):
    """A config of ``labels: [1, 0, -1]`` (or a ``data.label_map`` with number keys) read a CSV's cells ``1``, ``0``
    and ``-1``, while a JSONL file's ``"label": 1`` was refused ("label must be a string"): one config now reads
    both, a JSON integer as the text it is written as. Any other label that is no string (a bool, a float, null, a
    list) is an error naming the file, line and field."""
    from arapol.config import load_config
    from arapol.data import load_split

    rows = [("رحبت الحكومة بالهدنة", 1), ("رفضت الفصائل الهدنة", -1), ("عقد الاجتماع اليوم", 0)]
    jsonl, csv_file = tmp_path / "s.jsonl", tmp_path / "s.csv"
    jsonl.write_text("".join(json.dumps({"text": t, "target": "هدنة", "label": v}, ensure_ascii=False) + "\n"
                             for t, v in rows), encoding="utf-8")
    csv_file.write_text("text,target,stance\n" + "".join(f"{t},هدنة,{v}\n" for t, v in rows), encoding="utf-8")
    for labels in ("labels: [1, 0, -1]", "data.label_map: {1: favor, -1: against, 0: none}"):
        read = []
        for data, fmt in ((jsonl, "jsonl"), (csv_file, "csv")):
            config = tmp_path / "c.yaml"
            key, _, value = labels.partition(": ")
            block = f"data: {{train: {data.name}, format: {fmt}, label_map: {value}}}" if key == "data.label_map" \
                else f"data: {{train: {data.name}, format: {fmt}}}\n{labels}"
            config.write_text(f"task: stance\n{block}\n", encoding="utf-8")
            cfg = load_config(config)
            read.append([(e.text, e.label) for e in load_split(data, cfg)])
        assert read[0] == read[1], labels
        assert [label for _, label in read[0]] == (["1", "-1", "0"] if key == "labels" else
                                                   ["favor", "against", "none"])
    for bad, found in ((True, "bool true"), (1.5, "float 1.5"), (1.0, "float 1.0"), (None, "null"),
                       (["1"], 'list ["1"]')):
        jsonl.write_text(json.dumps({"text": "نص", "rating": 1}) + "\n" + json.dumps({"text": "نص", "rating": bad}),
                         encoding="utf-8")
        with pytest.raises(DataError, match=rf"s.jsonl:2: field 'rating': a stance label must be a string or an "
                                            rf"integer, found {re.escape(found)}$"):
            read_stance_jsonl(jsonl, labels=["1", "0", "-1"], label_field="rating")


def test_label_map_of_integer_keys_in_python(tmp_path):
    """A Python ``label_map={1: "favor", ...}`` (the number keys a config's ``data.label_map: {1: favor}`` has) maps
    a JSONL ``"label": 1`` and a CSV cell ``1`` alike, as the config does; with ``labels`` it raised a TypeError
    (sorting int and str keys), without them it was ignored (the label ``"1"`` returned). A key that is neither a
    string nor an integer is refused by name."""
    from arapol.errors import ConfigError
    from arapol.evaluation import load_examples

    int_map, text_map = {1: "favor", 0: "none", -1: "against"}, {"1": "favor", "0": "none", "-1": "against"}
    jsonl, csv_file = tmp_path / "s.jsonl", tmp_path / "s.csv"
    jsonl.write_text("".join(json.dumps({"text": "نص", "target": "هدنة", "label": v}) + "\n" for v in (1, -1, 0, 2)),
                     encoding="utf-8")
    csv_file.write_text("text,target,stance\n" + "".join(f"نص,هدنة,{v}\n" for v in (1, -1, 0, 2)),
                        encoding="utf-8")
    assert [e.label for e in read_stance_jsonl(jsonl, label_map=int_map)] == ["favor", "against", "none", "2"]
    for read in (lambda m, **kw: read_stance_jsonl(jsonl, label_map=m, **kw),
                 lambda m, **kw: read_stance_csv(csv_file, label_map=m, **kw),
                 lambda m, **kw: load_examples(jsonl, "stance", label_map=m, **kw)):
        with_2 = [*STANCE_LABELS, "2"]
        assert [e.label for e in read(int_map, labels=with_2)] == [e.label for e in read(text_map, labels=with_2)] \
            == ["favor", "against", "none", "2"]
        for labels in (STANCE_LABELS, [*STANCE_LABELS, 3]):  # (a label of another type: sorted too)
            with pytest.raises(DataError, match=r":[45]: unknown stance label '2': expected one of \[.*'-1'"):
                read(int_map, labels=labels)
    uf = tmp_path / "u.jsonl"
    uf.write_text(json.dumps({"claim": "ادعاء", "article": ["نص"], "stance": [1]}) + "\n", encoding="utf-8")
    assert read_unifiedfc(uf, label_map=int_map, labels=STANCE_LABELS)[0].label == "favor"
    for bad in ({True: "favor"}, {1.0: "favor"}, {None: "none"}):
        with pytest.raises(ConfigError, match=rf"label map: the key {re.escape(repr(next(iter(bad))))} is "):
            read_stance_jsonl(jsonl, label_map=bad)
    with pytest.raises(ConfigError, match=r"the keys '1' and '1' both name the label '1'"):
        read_stance_csv(csv_file, label_map={1: "favor", "1": "against"})



def test_integer_labels_in_python_read_as_a_configs_do(tmp_path):
    """A Python ``labels=[1, 0, -1]`` reads a JSONL ``"label": 1`` and a CSV cell ``1`` as a config's
    ``labels: [1, 0, -1]`` does, in the readers and ``load_examples()``; before, each label was refused as unknown
    ("unknown stance label '1': expected one of [-1, 0, 1]"). A label that is neither a string nor an integer, or one
    string given for the list, is refused by name."""
    from arapol.config import load_config
    from arapol.data import load_split
    from arapol.errors import ConfigError
    from arapol.evaluation import load_examples

    jsonl, csv_file, uf = tmp_path / "s.jsonl", tmp_path / "s.csv", tmp_path / "u.jsonl"
    jsonl.write_text("".join(json.dumps({"text": "نص", "target": "هدنة", "label": v}) + "\n" for v in (1, -1, 0)),
                     encoding="utf-8")
    csv_file.write_text("text,target,stance\n" + "".join(f"نص,هدنة,{v}\n" for v in (1, -1, 0)), encoding="utf-8")
    uf.write_text(json.dumps({"claim": "ادعاء", "article": ["نص", "نص"], "stance": [1, -1]}) + "\n",
                  encoding="utf-8")
    config = tmp_path / "c.yaml"
    config.write_text(f"task: stance\nlabels: [1, 0, -1]\ndata: {{train: {jsonl.name}}}\n", encoding="utf-8")
    by_config = [e.label for e in load_split(jsonl, load_config(config))]
    for read in (lambda **kw: read_stance_jsonl(jsonl, **kw), lambda **kw: read_stance_csv(csv_file, **kw),
                 lambda **kw: load_examples(jsonl, "stance", **kw)):
        assert [e.label for e in read(labels=[1, 0, -1])] == by_config == ["1", "-1", "0"]
        with pytest.raises(DataError, match=r":[23]: unknown stance label '-1': expected one of \['0', '1'\]"):
            read(labels=[1, 0])  # still checked, against the labels as text
        for bad in (True, 1.0, None):
            with pytest.raises(ConfigError, match=rf"labels: {bad!r} is {type(bad).__name__}: expected a label as "
                                                  "the data writes it, a string or an integer"):
                read(labels=[1, 0, bad])
        with pytest.raises(ConfigError, match=r"labels: expected a list of labels, found the string 'favor'"):
            read(labels="favor")  # (each of its letters a label: 'f', 'a'...)
    assert [e.label for e in read_unifiedfc(uf, labels=[1, -1])] == ["1", "-1"]



def test_integer_labels_in_a_python_config_read_as_a_config_files_do(tmp_path):
    """``config_from_dict({"labels": [1, 0, -1], ...})``, ``load_config(path, {"labels": [1, 0, -1]})`` and a
    Python ``data.label_map`` of integer keys give the config a file's ``labels: [1, 0, -1]`` gives (the labels as
    text), where they were refused ("labels[0]: expected a string, found 1"); a float is still refused by name, and
    two keys read as one that map apart too."""
    from arapol.config import config_from_dict, load_config
    from arapol.data import load_split
    from arapol.errors import ConfigError

    jsonl, config = tmp_path / "s.jsonl", tmp_path / "c.yaml"
    jsonl.write_text("".join(json.dumps({"text": "نص", "target": "هدنة", "label": v}) + "\n" for v in (1, -1, 0)),
                     encoding="utf-8")
    config.write_text(f"task: stance\nlabels: [1, 0, -1]\ndata: {{train: {jsonl.name}, label_map: {{2: 1}}}}\n",
                      encoding="utf-8")
    by_file = load_config(config)
    values = {"task": "stance", "labels": [1, 0, -1], "data": {"train": str(jsonl), "label_map": {2: "1"}}}
    plain = tmp_path / "plain.yaml"
    plain.write_text(f"task: stance\ndata: {{train: {jsonl.name}}}\n", encoding="utf-8")
    for cfg in (config_from_dict(values), load_config(plain, {"labels": [1, 0, -1], "data": {"label_map": {2: "1"}}})):
        assert (cfg.labels, cfg.data.label_map) == (by_file.labels, by_file.data.label_map) == (["1", "0", "-1"],
                                                                                                {"2": "1"})
        assert [e.label for e in load_split(jsonl, cfg)] == ["1", "-1", "0"]
    with pytest.raises(ConfigError, match=r"config: labels\[1\]: expected a string, found 1.5"):
        config_from_dict({**values, "labels": [1, 1.5]})
    with pytest.raises(ConfigError, match=r"config: data.label_map key: expected a string, found 1.0"):
        config_from_dict({**values, "data": {"train": str(jsonl), "label_map": {1.0: "favor"}}})
    with pytest.raises(ConfigError, match=r"config: data.label_map: the keys '1' and 1 both name the label '1'"):
        config_from_dict({**values, "data": {"train": str(jsonl), "label_map": {"1": "favor", 1: "against"}}})




def test_a_python_label_map_onto_integers_and_numpys_integers_read_as_text(tmp_path):
    """A review of the two tests above: a Python label map onto integers (``{"agree": 1}``) reads its values as
    text, as YAML's ``label_map: {agree: 1}`` does, where the readers refused ``1`` as "not one of the labels
    ['1', '-1']" and, without ``labels``, gave integer labels; a Python override ``{1: "against"}`` replaces the
    file's ``1: favor`` as ``--set data.label_map.1=against`` does, where the two keys were refused as a clash; a bad
    key among integer ones is the one named; NumPy's integers (``list(df[col].unique())``) are integers, and bytes no
    list of labels."""
    import numpy as np

    from arapol.cli.train import overrides
    from arapol.config import config_from_dict, load_config
    from arapol.errors import ConfigError

    jsonl, config = tmp_path / "s.jsonl", tmp_path / "c.yaml"
    jsonl.write_text("".join(json.dumps({"text": "نص", "target": "هدنة", "label": v}) + "\n"
                             for v in ("agree", "disagree")), encoding="utf-8")
    config.write_text(f"task: stance\nlabels: [1, -1]\ndata: {{train: {jsonl.name}, label_map: {{agree: 1, "
                      "disagree: -1}}\n", encoding="utf-8")
    by_file = load_config(config)
    assert by_file.data.label_map == {"agree": "1", "disagree": "-1"}
    mapping = {"agree": 1, "disagree": np.int64(-1)}
    for labels in ([1, -1], list(np.array([1, -1])), None):
        assert [e.label for e in read_stance_jsonl(jsonl, label_map=mapping, labels=labels)] == ["1", "-1"]
    values = {"task": "stance", "labels": list(np.array([1, -1])), "data": {"train": str(jsonl), "label_map": mapping}}
    assert (config_from_dict(values).labels, config_from_dict(values).data.label_map) == (by_file.labels,
                                                                                         by_file.data.label_map)
    config.write_text(f"task: stance\ndata: {{train: {jsonl.name}, label_map: {{1: favor, -1: against}}}}\n",
                      encoding="utf-8")
    by_set = load_config(config, overrides(["data.label_map.1=against"])).data.label_map
    assert load_config(config, {"data": {"label_map": {1: "against"}}}).data.label_map == by_set == {
        "1": "against", "-1": "against"}
    for odd in (1.5, None):
        with pytest.raises(ConfigError, match=rf"config: data.label_map key: expected a string, found {odd!r}"):
            config_from_dict({**values, "data": {"train": str(jsonl), "label_map": {1: "favor", odd: "against"}}})
    with pytest.raises(ConfigError, match=r"label map: 'agree' maps to 1.5, a float: expected a label"):
        read_stance_jsonl(jsonl, label_map={"agree": 1.5})
    with pytest.raises(ConfigError, match=r"labels: expected a list of labels, found the bytes b'agree'"):
        read_stance_jsonl(jsonl, labels=b"agree")

def test_stance_csv_with_mawqif_mapping(resources):
    ex = read_stance_csv(resources / "stance_mawqif_like.csv", label_map=CORPUS_LABEL_MAPS["mawqif"],
                         labels=STANCE_LABELS)
    assert [(e.text, e.target, e.label) for e in ex] == [
        ("نص أول, مع فاصلة", "Covid Vaccine", "favor"), ("نص ثان", "Women empowerment", "none"),
        ("نص ثالث", "Covid Vaccine", "against")]


@pytest.mark.parametrize("name, line, message", [
    ("stance_bad_label.csv", 3, "unknown stance label 'Neutral'"),
    ("stance_missing_column.csv", 1, r"missing column\(s\) \['target'\]"),
    ("stance_columns.csv", 3, "expected 4 columns"),
])
def test_stance_csv_errors(resources, name, line, message):
    with pytest.raises(DataError, match=message) as err:
        read_stance_csv(resources / name, label_map=CORPUS_LABEL_MAPS["mawqif"], labels=STANCE_LABELS)
    assert err.value.line == line


def test_a_stray_quote_in_a_csv_is_named_not_rows_run_together(tmp_path):
    p = tmp_path / "quotes.csv"
    p.write_text('id,text,target,stance\n1,نص أول,هدنة,Favor\n2,"بداية اقتباس بلا نهاية,هدنة,Against\n'
                 '3,النص الثالث,هدنة,None\n4,قال "نعم" هنا,هدنة,Favor\n', encoding="utf-8")
    with pytest.raises(DataError, match=r"quotes.csv:3: malformed quoting in the row that starts here") as err:
        read_stance_csv(p, label_map=CORPUS_LABEL_MAPS["mawqif"], labels=STANCE_LABELS)
    assert err.value.line == 3
    # a TSV as Python's csv module (and pandas) write one: cells with quotes or line breaks quoted
    import csv

    rows = [["id", "text", "target", "stance"], ["1", 'قال المتحدث "لا هدنة" اليوم', "هدنة", "Against"],
            ["2", "سطر أول\nسطر ثان", "هدنة", "None"], ["3", "قال نعم", "هدنة", "Favor"]]
    tsv = tmp_path / "quoted.tsv"
    with tsv.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter="\t").writerows(rows)
    ex = read_stance_csv(tsv, label_map=CORPUS_LABEL_MAPS["mawqif"], labels=STANCE_LABELS)
    assert [e.text for e in ex] == [r[1] for r in rows[1:]]


def test_a_type_mapped_to_o_is_dropped(tmp_path, resources):
    ex = read_ner_jsonl(resources / "ner_good.jsonl", label_map={"LOC": "O"}, types=ENTITY_TYPES)
    assert spans(ex[0]) == [("بوتين", "PER")]
    conll = read_conll(resources / "ner_good.conll", **{**ANER, "label_map": {**ANER["label_map"], "LOC": "O"}})
    assert all(s.label != "O" and s.label != "LOC" for e in conll for s in e.spans) and any(e.spans for e in conll)


def test_unifiedfc_never_exposes_the_id(resources):
    ex = read_unifiedfc(resources / "unifiedfc_small.jsonl", label_map=CORPUS_LABEL_MAPS["unifiedfc"],
                        labels=STANCE_LABELS)
    assert [(e.text, e.target, e.label) for e in ex] == [
        ("مقال أول", "قصف مستشفى في حلب", "favor"), ("مقال ثان", "قصف مستشفى في حلب", "none")]
    assert all("V-1" not in e.text + e.target for e in ex)


def test_unifiedfc_read_as_stance_jsonl_says_its_format(resources):
    """Without data.format unifiedfc, a UnifiedFC file failed on a missing 'label' field with no hint (a helper's
    probe)."""
    with pytest.raises(DataError, match=r"unifiedfc_small.jsonl:1: missing field 'label' \(the label\): a UnifiedFC "
                                        r"record \(claim, article\[\], stance\[\]\): read it with format unifiedfc"):
        read_stance_jsonl(resources / "unifiedfc_small.jsonl")


def test_unifiedfc_dev_is_carved_by_claim(tmp_path):
    """Two records may hold one claim (UnifiedFC's V-249 and V-696 do): the dev carve grouped records, so one claim
    could be learnt and scored (a helper's probe); it groups claims."""
    from arapol.config import load_config
    from arapol.data import load_split
    from arapol.training.trainer import dev_split

    rows = [{"id": f"V-{i}", "claim": f"ادعاء رقم {i % 5}", "article": [f"مقال {i} أ", f"مقال {i} ب"],
             "stance": ["agree", "discuss"]} for i in range(20)]
    path = tmp_path / "ufc.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    cfg = load_config(Path(__file__).resolve().parents[1] / "configs" / "stance_tiny.yaml",
                      {"data": {"train": str(path), "dev": None, "test": None, "format": "unifiedfc",
                                "dev_fraction": 0.2, "label_map": CORPUS_LABEL_MAPS["unifiedfc"]}})
    for seed in range(10):
        train, dev = dev_split(cfg, load_split(path, cfg), seed)
        assert dev and not {e.target for e in train} & {e.target for e in dev}, seed


def test_stance_csv_rows_are_named_by_their_first_line(tmp_path):
    """A quoted cell may hold line breaks: the row is named by the line it starts on (it was named by its last,
    where the error's cell is not)."""
    path = tmp_path / "multi.csv"
    path.write_text('text,target,stance\n"سطر أول\nسطر ثان\nسطر ثالث",الهدنة,favor\n"نص\nآخر",الهدنة,maybe\n',
                    encoding="utf-8")
    with pytest.raises(DataError, match=r"multi.csv:5: .*'maybe'"):
        read_stance_csv(path, labels=["favor", "against", "none"])
    path.write_text('text,target,stance\n"سطر أول\nسطر ثان",الهدنة,favor\nنص,الهدنة,none\n', encoding="utf-8")
    assert [(e.line, e.id) for e in read_stance_csv(path)] == [(2, "2"), (4, "4")]


def test_stance_csv_auxiliary_columns(resources):
    ex = read_stance_csv(resources / "stance_aux.csv", aux_columns=["sentiment", "sarcasm"])
    assert len(ex) == 12 and ex[3].aux == {"sentiment": "Negative", "sarcasm": "Yes"}
    with pytest.raises(DataError, match=r"field 'sentiment': an auxiliary label \(data.aux_columns \['sentiment'\]\), "
                                        r"which every split's records carry, must be a non-empty string or an "
                                        r"integer, found an empty string") as err:
        read_stance_csv(resources / "stance_aux_empty.csv", aux_columns=["sentiment"])
    assert err.value.line == 3
    with pytest.raises(DataError, match=r"missing column\(s\) \['mood'\]"):
        read_stance_csv(resources / "stance_aux.csv", aux_columns=["mood"])


def test_integer_auxiliary_labels_read_alike_in_jsonl_and_csv(tmp_path):
    """A JSONL ``"sarcasm": 0`` is read as the CSV cell ``0`` is (it was refused as "missing, empty or not a
    string", where the stance label beside it was read); a bool, a float, null or a missing field is refused by
    name."""
    jsonl, csv_file = tmp_path / "a.jsonl", tmp_path / "a.csv"
    jsonl.write_text(json.dumps({"text": "نص", "target": "هدنة", "label": 1, "sarcasm": 0}) + "\n", encoding="utf-8")
    csv_file.write_text("text,target,stance,sarcasm\nنص,هدنة,1,0\n", encoding="utf-8")
    read = [read_stance_jsonl(jsonl, labels=["1", "0", "-1"], aux_fields=["sarcasm"])[0],
            read_stance_csv(csv_file, labels=["1", "0", "-1"], aux_columns=["sarcasm"])[0]]
    assert read[0].aux == read[1].aux == {"sarcasm": "0"}
    for bad, found in ((False, "bool false"), (0.0, "float 0.0"), (None, "null"), ("  ", "an empty string"),
                       (..., "no such field")):
        rec = {"text": "نص", "label": "1", **({} if bad is ... else {"sarcasm": bad})}
        jsonl.write_text(json.dumps({"text": "نص", "label": "1", "sarcasm": 1}) + "\n" + json.dumps(rec) + "\n",
                         encoding="utf-8")
        with pytest.raises(DataError, match=rf"a.jsonl:2: field 'sarcasm': an auxiliary label .* must be a non-empty "
                                            rf"string or an integer, found {re.escape(found)}$"):
            read_stance_jsonl(jsonl, aux_fields=["sarcasm"])


def test_token_dataset_ids_numpy_or_out_of_range():
    np = pytest.importorskip("numpy")
    names = ["O", "B-PER", "I-PER"]
    rows = [{"tokens": np.array(["قال", "بوتين"]), "ner_tags": np.array([0, 1])}]
    assert spans(from_token_dataset(rows, tag_names=names)[0]) == [("بوتين", "PER")]
    for bad in (-2, 3):
        with pytest.raises(DataError, match=rf"dataset:1: tag id {bad} is not one of 0..2"):
            from_token_dataset([{"tokens": ["a", "b"], "ner_tags": [0, bad]}], tag_names=names)


@pytest.mark.parametrize("row, message", [
    ({"tokens": "قال بوتين", "ner_tags": ["O", "B-PER"]}, "'tokens' must be a list, got str"),
    ({"tokens": ["قال", 7], "ner_tags": ["O", "B-PER"]}, "'tokens' must be strings"),
    ({"tokens": ["قال", "بوتين"], "ner_tags": ["O", 1]}, "'ner_tags' must be all tag strings or all tag ids"),
])
def test_token_dataset_rows_of_the_wrong_shape(row, message):
    with pytest.raises(DataError, match=rf"dataset:2: {message}"):
        from_token_dataset([{"tokens": ["نص"], "ner_tags": ["O"]}, row], tag_names=["O", "B-PER"])


def test_conll_line_ends_and_document_boundaries(tmp_path):
    path = tmp_path / "a.conll"
    path.write_bytes("قال O\r\r\nبوتين B-PER\r\r\n\r\r\nموسكو B-LOC\r\n-DOCSTART- O\nحلب B-LOC\n".encode())
    ex = read_conll(path)
    assert [spans(e) for e in ex] == [[("بوتين", "PER")], [("موسكو", "LOC")], [("حلب", "LOC")]]
    assert [e.line for e in ex] == [1, 4, 6]


def test_jsonl_offsets_must_be_integers_not_booleans(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "قال بوتين", "entities": [{"start": true, "end": 3, "label": "PER"}]}\n',
                    encoding="utf-8")
    with pytest.raises(DataError, match="a.jsonl:1: entities\\[0\\]: start and end must be integers"):
        read_ner_jsonl(path)


def test_a_lone_surrogate_escape_is_refused_by_line_and_a_pair_is_read(tmp_path):
    """``\\ud800`` read as a text holding half a character: scoring ran, then writing report.md failed in a
    traceback (a helper's probe). A whole pair (an emoji) is one character."""
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "قال بوتين \\ud83d\\ude00", "entities": []}\n'
                    '{"text": "محمد \\ud800 في مصر", "entities": [{"start": 0, "end": 4, "label": "PER"}]}\n',
                    encoding="utf-8")
    with pytest.raises(DataError, match=r"a.jsonl:2: the escape \\ud800 is half of a surrogate pair"):
        read_ner_jsonl(path)
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    assert read_ner_jsonl(path)[0].text == "قال بوتين \U0001f600"


def test_joined_jsonl_records_keep_each_entitys_line(tmp_path):
    """With join_sentences: 2 an unknown type on line 2 was named at line 1, its group's first (a helper's probe)."""
    from arapol.config import config_from_dict
    from arapol.data import load_split
    from arapol.training.trainer import _label_list

    path = tmp_path / "j.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in (
        {"text": "جملة أولى", "entities": []}, {"text": "محمد هنا", "entities": [
            {"start": 0, "end": 4, "label": "PERSON"}]})), encoding="utf-8")
    cfg = config_from_dict({"task": "ner", "data": {"train": str(path), "join_sentences": 2}})
    (joined,) = load_split(path, cfg)
    with pytest.raises(DataError, match=r"j.jsonl:2: entity types \['PERSON'\]"):
        _label_list(cfg, [joined])


def test_a_json_array_for_training_says_what_to_do(tmp_path):
    """A fresh user's audit: a JSON array where JSON Lines belong read as «invalid JSON (Expecting value at column
    2)» when pretty-printed, or «expected a JSON object» on one line; both now say how to convert it."""
    record = {"text": "قال بوتين", "entities": []}
    for name, body in (("pretty.jsonl", json.dumps([record], ensure_ascii=False, indent=2)),
                       ("one.jsonl", "\ufeff" + json.dumps([record], ensure_ascii=False))):
        path = tmp_path / name
        path.write_text("\n" + body + "\n", encoding="utf-8")
        with pytest.raises(DataError, match=rf"{name}:2: it starts a JSON array: arapol reads JSON Lines, one object "
                                            r"a line \(`jq -c '\.\[\]'` converts an array\)"):
            read_ner_jsonl(path)


def test_stance_csv_header_problems_say_what_to_do(tmp_path):
    """A fresh user's audit: a missing column named only the columns; the stance JSONL reader and the NER readers
    say how to fix it."""
    cases = [("text;target;stance\nنص;هدنة;favor\n", r"\(one column: the file looks separated by another character"),
             ("Text,Target,Stance\nنص,هدنة,favor\n", r"\(the header writes 'Text' for 'text', 'Target' for 'target', "
                                                      r"'Stance' for 'stance': names are matched exactly\)"),
             ("text,target,label\nنص,هدنة,favor\n", r"missing column\(s\) \['stance'\]: the header has \['text', "
                                                     r"'target', 'label'\] \(name the columns with data.text_column"),
             # a file of one target: the way out is no target column at all (a review)
             ("text,stance\nنص,favor\n", r"missing column\(s\) \['target'\]: .*--label-column; a file of one target "
                                          r"needs no target column: data.target_column: null, or --target-column '', "
                                          r"reads every row toward the default target\)")]
    for n, (body, message) in enumerate(cases):
        path = tmp_path / f"{n}.csv"
        path.write_text(body, encoding="utf-8")
        with pytest.raises(DataError, match=message):
            read_stance_csv(path)
    path = tmp_path / "labels.csv"
    path.write_text("text,target,stance\nنص,هدنة,con\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"unknown stance label 'con': expected one of \['against', 'favor', 'none'\] "
                                        r"\(other labels: list them in the config's labels, or map them onto these "
                                        r"with data.label_map\)"):
        read_stance_csv(path, labels=STANCE_LABELS)


def test_stance_csv_with_a_column_named_twice(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("text,target,stance,stance\nنص,هدنة,favor,against\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"a.csv:1: column\(s\) \['stance'\] appear more than once"):
        read_stance_csv(path)


def test_join_examples_keeps_every_span_and_respects_documents(tmp_path):
    path = tmp_path / "a.conll"
    path.write_text("قال O\nبوتين B-PER\n\nفي O\nموسكو B-LOC\n\nوصل O\nلافروف B-PER\n\n-DOCSTART- O\n\n"
                    "حلب B-LOC\n\nوإدلب B-LOC\n", encoding="utf-8")
    ex = read_conll(path)
    joined = join_examples(ex, 2)
    assert [e.text for e in joined] == ["قال بوتين في موسكو", "وصل لافروف", "حلب وإدلب"]  # no join across DOCSTART
    assert [spans(e) for e in joined] == [[("بوتين", "PER"), ("موسكو", "LOC")], [("لافروف", "PER")],
                                          [("حلب", "LOC"), ("وإدلب", "LOC")]]
    assert [e.line for e in joined] == [1, 7, 12]
    assert join_examples(ex, 1) == ex


def test_join_sentences_is_for_ner_only(tmp_path):
    from arapol.config import config_from_dict
    from arapol.errors import ConfigError

    with pytest.raises(ConfigError, match="data.join_sentences: expected an integer ≥ 1"):
        config_from_dict({"task": "stance", "data": {"train": "x.jsonl", "join_sentences": 3}})
    with pytest.raises(ConfigError, match="data.join_sentences"):
        config_from_dict({"task": "ner", "data": {"train": "x.jsonl", "join_sentences": 0}})


def test_a_file_read_in_another_format_than_its_name_says_is_told_so(resources, tmp_path):
    from arapol.config import load_config
    from arapol.data import load_split

    cfg = load_config(Path(__file__).resolve().parents[1] / "configs" / "ner_tiny.yaml", {"data": {"format": "conll"}})
    with pytest.raises(DataError, match=r"ner_good.jsonl:2: expected .* columns .*\(read as data.format conll, which "
                                        r"applies to every split, and this file's name says jsonl\)"):
        load_split(resources / "ner_good.jsonl", cfg)
    with pytest.raises(DataError, match=r"ner_bad_tag.conll:\d+: ") as err:  # the name agrees: the error as it was
        load_split(resources / "ner_bad_tag.conll", cfg)
    assert "this file's name says" not in str(err.value)
    anercorp_like = tmp_path / "test.tsv"  # ANERcorp's extension: CoNLL for NER
    anercorp_like.write_text("بوتين\tB-PER\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"test.tsv:1: .*\(read as data.format jsonl, which applies to every split, "
                                        r"and this file's name says conll\)"):
        load_split(anercorp_like, load_config(Path(__file__).resolve().parents[1] / "configs" / "ner_tiny.yaml"))
    unifiedfc = load_config(Path(__file__).resolve().parents[1] / "configs" / "stance_tiny.yaml",
                            {"data": {"format": "unifiedfc"}})
    with pytest.raises(DataError) as err:  # a unifiedfc file is named .jsonl: no note
        load_split(resources / "stance_good.jsonl", unifiedfc)
    assert "this file's name says" not in str(err.value)


def test_a_reversed_span_is_named_as_such(tmp_path):
    from arapol.data import read_ner_jsonl

    path = tmp_path / "reversed.jsonl"
    path.write_text(json.dumps({"text": "قال بوتين اليوم", "entities": [{"start": 9, "end": 4, "label": "PER"}]},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"reversed.jsonl:1: entities\[0\] span \[9, 4\) is empty or reversed"):
        read_ner_jsonl(path)


def test_a_gzip_file_is_read_whatever_the_case_of_its_extension(resources, tmp_path):
    import gzip

    from arapol.data import guess_format, read_ner_jsonl

    plain = read_ner_jsonl(resources / "ner_good.jsonl")
    for name in ("a.jsonl.gz", "b.jsonl.GZ"):
        (tmp_path / name).write_bytes(gzip.compress((resources / "ner_good.jsonl").read_bytes()))
        assert guess_format(tmp_path / name, "ner") == "jsonl"
        assert [(e.text, e.spans) for e in read_ner_jsonl(tmp_path / name)] == [(e.text, e.spans) for e in plain]


def test_a_label_map_onto_no_label_names_the_map(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("text,target,stance\nنص,هدنة,Favor\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"stance label 'Favor' maps \(label map\) to 'FAVOR', which is not one of "
                                        r"the labels \['favor', 'against', 'none'\]: fix the label map") as err:
        read_stance_csv(path, label_map={"Favor": "FAVOR"}, labels=STANCE_LABELS)
    assert err.value.line == 2


def test_a_line_over_the_limit_is_named_and_passed_over_unread():
    import io

    from arapol.data.io import jsonl_objects

    array = "[" + ",".join(json.dumps({"id": i, "text": "نص " * 20}, ensure_ascii=False) for i in range(20)) + "]"
    long_object = json.dumps({"id": "big", "text": "كلمة " * 400}, ensure_ascii=False)
    data = "\n".join(['{"id": 1, "text": "أول"}', array, long_object, '{"id": 2, "text": "ثان"}', "x" * 999])
    got = list(jsonl_objects(io.BytesIO(data.encode("utf-8")), max_bytes=1000, hint="; raise it"))
    assert [n for n, _ in got] == [1, 2, 3, 4, 5]
    assert got[0][1] == {"id": 1, "text": "أول"} and got[3][1] == {"id": 2, "text": "ثان"}
    assert got[1][1].startswith("the line is over 1,000 bytes, so it was not read; it starts a JSON array: arapol "
                                "reads JSON Lines")
    assert got[2][1] == "the line is over 1,000 bytes, so it was not read; raise it"
    assert got[4][1].startswith("invalid JSON")  # 999 bytes and no line end: read, and parsed


def test_invalid_json_says_where_once():
    from arapol.data.io import loads

    with pytest.raises(ValueError, match=r"^invalid JSON \(Unterminated string starting at column 7\)$"):
        loads('{"a": "x')
    with pytest.raises(ValueError, match=r"^invalid JSON \(Expecting ',' delimiter at column 9\)$"):
        loads('{"a": 1 2}')


def test_unifiedfc_refuses_column_names(resources):
    from arapol.config import load_config
    from arapol.data import load_split
    from arapol.errors import ConfigError

    cfg = load_config(Path(__file__).resolve().parents[1] / "configs" / "stance_tiny.yaml",
                      {"data": {"format": "unifiedfc", "label_column": "verdict"}})
    with pytest.raises(ConfigError, match=r"data.label_column: the unifiedfc format has its own fields"):
        load_split(resources / "unifiedfc_small.jsonl", cfg)


def test_a_utf16_data_file_is_named_so(tmp_path):
    from arapol.data import read_conll, read_stance_csv

    conll = tmp_path / "a.conll"
    conll.write_text("بوتين\tB-PER\n", encoding="utf-16")
    with pytest.raises(DataError, match=r"a.conll:1: undecodable bytes .*expected UTF-8 text; the file looks like "
                                        r"UTF-16: save it as UTF-8"):
        read_conll(conll)
    # without a byte-order mark UTF-16-LE Arabic decodes as UTF-8 (ASCII bytes and NULs): it was read as garbage,
    # and an error about tags or columns followed, if any
    conll.write_bytes("بوتين\tB-PER\n".encode("utf-16-le"))
    with pytest.raises(DataError, match=r"a.conll:1: a NUL byte at byte 11: the file looks like UTF-16: save it as "
                                        r"UTF-8$"):
        read_conll(conll)
    nul = tmp_path / "nul.jsonl"
    nul.write_bytes('{"text": "قال", "entities": []}\n\n{"text": "بوتين\x00", "entities": []}\n'.encode())
    with pytest.raises(DataError, match=r"nul.jsonl:3: a NUL byte at byte 56: expected text$"):
        read_ner_jsonl(nul)
    latin = tmp_path / "b.csv"
    latin.write_bytes("text,target,stance\ncafé,x,favor\n".encode("latin-1"))
    with pytest.raises(DataError, match=r"b.csv:2: undecodable bytes b'\\xe9' at byte 22: expected UTF-8 text$"):
        read_stance_csv(latin)


def test_a_config_that_is_not_utf8_is_named(tmp_path):
    from arapol.config import load_config
    from arapol.errors import ConfigError

    path = tmp_path / "c.yaml"
    path.write_text("task: ner\n", encoding="utf-16")
    with pytest.raises(ConfigError, match=r"c.yaml:1: undecodable bytes .*the file looks like UTF-16"):
        load_config(path)
    path.write_bytes("task: ner\n# café\n".encode("latin-1"))
    with pytest.raises(ConfigError, match=r"c.yaml:2: undecodable bytes b'\\xe9' at byte 15: expected UTF-8 text$"):
        load_config(path)


def test_line_ends_boms_and_damaged_gzip_as_a_careful_reader_takes_them(tmp_path):
    """Found by a helper's probe: a CR-only file with one LF was one line (its tokens one token, labelled by the
    last tag); a byte-order mark at a concatenated file's start hid its -DOCSTART-, joining two documents; a damaged
    gzip stream raised zlib's own error, naming no file."""
    import gzip

    from arapol.data import read_conll, read_ner_jsonl

    mac = tmp_path / "mac.conll"
    mac.write_bytes(b"a X B-PER\rb X I-PER\r\rc X B-LOC\r\n")
    assert [(e.text, [(s.start, s.end, s.label) for s in e.spans]) for e in read_conll(mac)] == [
        ("a b", [(0, 3, "PER")]), ("c", [(0, 1, "LOC")])]
    joined = tmp_path / "cat.conll"
    joined.write_bytes("-DOCSTART- O\nبوتين B-PER\n\n".encode() + b"\xef\xbb\xbf"
                       + "-DOCSTART- O\nالأسد B-PER\n".encode())
    assert [(e.text, e.meta["document"]) for e in read_conll(joined)] == [("بوتين", 1), ("الأسد", 2)]
    raw = bytearray(gzip.compress(b'{"text": "x", "entities": []}\n' * 50, mtime=0))
    raw[10] ^= 0xFF  # the first deflate block's header: "invalid code lengths set"
    damaged = tmp_path / "d.jsonl.gz"
    damaged.write_bytes(bytes(raw))
    with pytest.raises(DataError, match=r"d.jsonl.gz: cannot read file: Error -3 while decompressing"):
        read_ner_jsonl(damaged)
    unnamed = tmp_path / "e.jsonl"
    unnamed.write_bytes(gzip.compress(b'{"text": "x"}\n'))
    with pytest.raises(DataError, match=r"e.jsonl:1: undecodable bytes .*the file is gzip-compressed: name it .gz"):
        read_ner_jsonl(unnamed)


def test_targets_labels_and_invisible_entities_are_read_alike_everywhere(tmp_path):
    """A helper's probe: a CSV target with a trailing space was another target (and data.targets dropped it without
    a word); NER labels '' and ' PER' made tags 'B-' and 'B- PER'; CoNLL took an entity of invisible marks alone,
    which JSONL refused."""
    from arapol.config import config_from_dict
    from arapol.data import load_split, read_conll, read_ner_jsonl

    csv_file = tmp_path / "s.csv"
    csv_file.write_text("text,target,stance\nنص أول,وقف إطلاق النار ,favor\nنص ثان,وقف إطلاق النار,none\n",
                        encoding="utf-8")
    assert {e.target for e in read_stance_csv(csv_file)} == {"وقف إطلاق النار"}
    cfg = config_from_dict({"task": "stance", "data": {"train": str(csv_file), "format": "csv",
                                                       "targets": ["وقف إطلاق النار "]}})
    assert len(load_split(csv_file, cfg)) == 2
    for label in ("", " PER", "PER\u200f"):  # an RLM from right-to-left editing: a type of its own
        path = tmp_path / "l.jsonl"
        path.write_text(json.dumps({"text": "قال بوتين", "entities": [{"start": 4, "end": 9, "label": label}]},
                                   ensure_ascii=False) + "\n", encoding="utf-8")
        with pytest.raises(DataError, match=r"l.jsonl:1: entities\[0\]: label .* is empty, has spaces around it"):
            read_ner_jsonl(path)
    conll = tmp_path / "i.conll"
    conll.write_text("قال\tO\n\u200c\tB-PER\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"i.conll:2: entity PER '\\u200c' holds no letter or digit"):
        read_conll(conll)


def test_a_null_id_is_the_line_as_a_missing_one(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text('{"id": null, "text": "نص", "label": "none"}\n{"id": 7, "text": "نص", "label": "none"}\n',
                    encoding="utf-8")
    assert [e.id for e in read_stance_jsonl(path)] == ["1", "7"]  # null was the id "None" (a helper's probe)


def test_a_number_beyond_a_float_is_refused_as_infinity_is(tmp_path):
    """``1e999`` read as ``inf`` and was written back as ``Infinity`` in a carried field of ``arapol predict
    --input``: not JSON, so strict readers refused the whole output (a helper's probe)."""
    from arapol.data.io import loads

    for raw in ('{"big": 1e999}', '{"n": [-1e400]}', '{"x": Infinity}'):
        with pytest.raises(ValueError, match="invalid JSON"):
            loads(raw)
    assert loads('{"ok": 1.5e300, "n": 123456789012345678901234567890}') == {
        "ok": 1.5e300, "n": 123456789012345678901234567890}


def test_a_tab_separated_conll_token_may_hold_a_space(tmp_path):
    """A fresh user's audit: `عبد الله<TAB>B-PER` in a tab-separated file was refused (3 columns): its columns are
    split on tabs; a file of space-separated columns still reads as before."""
    tabbed = tmp_path / "tab.conll"
    tabbed.write_text("قال\tO\nعبد الله\tB-PER\nإن\tO\n", encoding="utf-8")
    (ex,) = read_conll(tabbed)
    assert ex.text == "قال عبد الله إن" and [(s.start, s.end, s.label) for s in ex.spans] == [(4, 12, "PER")]
    spaced = tmp_path / "space.conll"
    spaced.write_text("قال  O\nبوتين B-PER\n", encoding="utf-8")
    assert [s.label for s in read_conll(spaced)[0].spans] == ["PER"]
    mixed = tmp_path / "mixed.conll"
    mixed.write_text("قال\tO\nبوتين B-PER\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"mixed.conll:2: expected 2 columns like line 1"):
        read_conll(mixed)


def test_what_a_helper_found_the_readers_let_through(tmp_path):
    """A review's probes of the readers: each was a silent wrong answer or a misleading message."""
    import csv

    from arapol.data.io import jsonl_objects, loads

    # a CSV cell over the csv module's 131,072 characters (one long article) was refused as "malformed quoting"
    long_text = "قال المتحدث إن الهدنة صامدة. " * 6000
    path = tmp_path / "long.csv"
    path.write_text(f"text,target,stance\n{long_text},الهدنة,favor\n", encoding="utf-8")
    limit = csv.field_size_limit()
    assert [e.text for e in read_stance_csv(path)] == [long_text] and csv.field_size_limit() == limit
    # U+2028 (and the other breaks str.strip() reads as space) ran three CoNLL rows into one: two tokens lost
    conll = tmp_path / "u.conll"
    conll.write_text("قال O\nبوتين B-PER\u2028قال O\u2028بايدن B-PER\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"u.conll:2: U\+2028 \(LINE SEPARATOR\) at column 12: a line break other"):
        read_conll(conll)
    # an invisible mark in a tag or a stance label made a label of its own under labels: [from_data]
    conll.write_text("بوتين B-PER\u200f\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"u.conll:1: .*its type holds an invisible or control character"):
        read_conll(conll)
    path.write_text("text,target,stance\nنص,الهدنة,favor\u200f\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"long.csv:2: stance label 'favor\\u200f' holds an invisible"):
        read_stance_csv(path, labels=None)
    # a text of invisible characters alone: predict() gives it no stance, so it trained on nothing
    path.write_text("text,target,stance\n\u200fـ,الهدنة,favor\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"long.csv:2: field 'text' holds nothing that shows by itself"):
        read_stance_csv(path)
    # UnifiedFC's claims were not stripped: "claim" and "claim " were two targets (and could split train and dev)
    ufc = tmp_path / "u.jsonl"
    ufc.write_text("".join(json.dumps({"claim": c, "article": ["نص"], "stance": ["agree"]}, ensure_ascii=False) + "\n"
                           for c in ("الهدنة صامدة", "الهدنة صامدة ")), encoding="utf-8")
    assert {e.target for e in read_unifiedfc(ufc, label_map={"agree": "favor"})} == {"الهدنة صامدة"}
    # "id": null was the id "None", shared by every such record
    ner = tmp_path / "n.jsonl"
    ner.write_text("".join(json.dumps({"id": None, "text": "قال بوتين", "entities": []}, ensure_ascii=False) + "\n"
                           for _ in range(2)), encoding="utf-8")
    assert [e.id for e in read_ner_jsonl(ner)] == ["n-1", "n-2"]
    # a byte-order mark moved the byte named 3 too early
    bad = tmp_path / "b.conll"
    bad.write_bytes(b"\xef\xbb\xbfab O\nc\xff O\n")
    with pytest.raises(DataError, match=r"b.conll:2: undecodable bytes b'\\xff' at byte 9"):
        read_conll(bad)
    # one NUL in a UTF-8 line is no UTF-16 file; a file of lone CRs is one line, and says so
    [(_, one_nul)] = jsonl_objects([b'{"text": "a\x00b"}\n'])
    assert "UTF-16" not in one_nul
    [(_, mac)] = jsonl_objects([b'{"text": "a"}\r{"text": "b"}\r'])
    assert mac.endswith("; the line ends in a lone CR: save the file with \\n line ends")
    [(_, utf16)] = jsonl_objects(["{\"text\": \"ab\"}".encode("utf-16-le")])
    assert "UTF-16" in utf16
    # an integer of more digits than Python converts: Python's own advice was the message
    with pytest.raises(ValueError, match=r"^invalid JSON \(a number of more than 4,300 digits\)$"):
        loads('{"a": ' + "9" * 5000 + "}")
