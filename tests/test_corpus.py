import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

import arapol
from arapol.analysis import analyze_corpus
from arapol.cli import main
from arapol.corpus import predict_corpus
from arapol.errors import ArapolError, DataError
from arapol.evaluation import evaluate_path
from arapol.inference.calibration import calibrate

ROOT = Path(__file__).resolve().parents[1]


def write_corpus(path: Path, n: int) -> list[str]:
    lines = (ROOT / "data/ner/train.jsonl").read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["text"] for line in lines]
    ids = []
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            ids.append(f"doc-{i}")
            fh.write(json.dumps({"id": f"doc-{i}", "text": texts[i % len(texts)], "source": "wire"},
                                ensure_ascii=False) + "\n")
    return ids


def cli(model: Path, corpus: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "arapol.cli", "predict", str(model), "--input", str(corpus), "--output", str(out),
            "--chunk-size", "3", "--carry", "source"]


def test_bad_records_go_to_the_errors_file_and_the_run_goes_on(tiny_ner_model, tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join([
        json.dumps({"id": "a", "text": "قال بوتين في موسكو"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "b", "text": 42}),
        json.dumps({"id": "c", "text": "x" * 50}),
        json.dumps({"id": "a", "text": "مكرر"}, ensure_ascii=False),
        json.dumps({"text": "بلا معرف"}, ensure_ascii=False),
    ]) + "\n", encoding="utf-8")
    with corpus.open("ab") as fh:  # a Latin-1 byte in the middle of a record, then a good CRLF record
        fh.write(b'{"id": "d", "text": "caf\xe9"}\n' + json.dumps({"id": "e", "text": "في حلب"}).encode() + b"\r\n")
    out = tmp_path / "out.jsonl"
    report = predict_corpus(arapol.load(tiny_ner_model), corpus, out, max_chars=40, progress=False)
    assert (report.written, report.errors) == (3, 5)
    assert [json.loads(x)["id"] for x in out.read_text(encoding="utf-8").splitlines()] == ["a", "line:6", "e"]
    errors = {e["line"]: e["error"] for e in map(json.loads, (tmp_path / "out.jsonl.errors.jsonl").read_text(
        encoding="utf-8").splitlines())}
    assert set(errors) == {2, 3, 4, 5, 7}
    assert "invalid JSON" in errors[2] and "must be a string, found int 42" in errors[3]
    assert "over the limit" in errors[4]
    assert "duplicate id" in errors[5] and errors[7] == "not valid UTF-8 (byte 24 of the line: b'\\xe9')"
    assert not (tmp_path / "out.jsonl.lock").exists()  # the run deleted its lock (it stayed beside every output)
    again = predict_corpus(arapol.load(tiny_ner_model), corpus, out, max_chars=40, progress=False)
    assert (again.written, again.errors) == (0, 0)
    # the error says "raise --max-chars": a rerun that does resumes, and predicts the longer text (it was refused as
    # another run's, only --overwrite went on: a helper's probe); a lower limit is another run
    raised = predict_corpus(arapol.load(tiny_ner_model), corpus, out, max_chars=60, progress=False)
    assert (raised.written, raised.skipped, raised.errors_in_file) == (1, 3, 4)
    assert [json.loads(x)["id"] for x in out.read_text(encoding="utf-8").splitlines()] == ["a", "line:6", "e", "c"]
    assert json.loads((tmp_path / "out.jsonl.run.json").read_text())["records"]["max_chars"] == 60
    with pytest.raises(ArapolError, match=r"records.max_chars: 60 then, 40 now"):
        predict_corpus(arapol.load(tiny_ner_model), corpus, out, max_chars=40, progress=False)


def test_a_line_too_long_for_max_chars_goes_to_the_errors_file_unread(tiny_ner_model, tmp_path, monkeypatch):
    import arapol.corpus

    monkeypatch.setattr(arapol.corpus, "MAX_LINE_BYTES", 0)  # the limit is then 12 bytes a character + 1 MiB
    corpus = tmp_path / "c.jsonl"
    array = json.dumps([{"id": i, "text": "قال بوتين في موسكو"} for i in range(30_000)], ensure_ascii=False)
    assert len(array.encode("utf-8")) > 12 * 40 + 2**20
    corpus.write_text("\n".join([json.dumps({"id": "a", "text": "في حلب"}, ensure_ascii=False), array,
                                 json.dumps({"id": "b", "text": "في حمص"}, ensure_ascii=False)]) + "\n",
                      encoding="utf-8")
    out = tmp_path / "out.jsonl"
    report = predict_corpus(arapol.load(tiny_ner_model), corpus, out, max_chars=40, progress=False)
    assert (report.written, report.errors) == (2, 1)
    (error,) = map(json.loads, (tmp_path / "out.jsonl.errors.jsonl").read_text(encoding="utf-8").splitlines())
    assert error["line"] == 2 and error["error"].startswith(f"the line is over {12 * 40 + 2**20:,} bytes, so it was "
                                                            "not read; it starts a JSON array")


def test_a_lone_surrogate_is_predicted_and_written_back_exactly(tiny_ner_model, tmp_path):
    corpus = tmp_path / "c.jsonl"
    texts = ["قال بوتين في موسكو \ud83d", "رحب أردوغان بالهدنة في حلب"]
    corpus.write_text("".join(json.dumps({"id": f"d{i}", "text": t, "src": t[-2:]}) + "\n"
                              for i, t in enumerate(texts)), encoding="utf-8")  # JSON escapes keep the surrogate
    out = tmp_path / "out.jsonl"
    report = predict_corpus(arapol.load(tiny_ner_model), corpus, out, carry=["src"], progress=False)
    assert (report.written, report.errors) == (2, 0)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["src"] for r in rows] == [t[-2:] for t in texts]
    assert rows[0] == {"id": "d0", "src": " \ud83d", **arapol.load(tiny_ner_model).predict(texts[0])}


def test_file_names_that_are_not_utf8_run_and_resume(tiny_ner_model, tmp_path, capsys):
    """A corpus named in a legacy Arabic code page (cp1256, from a Windows zip), or such an output name, ended in a
    raw ``UnicodeEncodeError`` as the run record was written, leaving a lock behind (a helper's probe). The names are
    recorded with escapes and read back exactly: the run resumes."""
    corpus = tmp_path / os.fsdecode(b"\xc7\xe1\xe4\xd5.jsonl")  # النص in cp1256
    corpus.write_text(json.dumps({"id": 1, "text": "قال بوتين في موسكو"}) + "\n", encoding="utf-8")
    out = tmp_path / os.fsdecode(b"o_\xff.jsonl")
    args = ["predict", str(tiny_ner_model), "--input", str(corpus), "--output", str(out)]
    assert main(args) == 0 and json.loads(out.read_text(encoding="utf-8"))["id"] == 1
    assert main(args) == 0
    assert "wrote 0 records, skipped 1 already done" in capsys.readouterr().err


def test_carry_given_as_one_name_and_a_target_field_no_model_reads(tiny_ner_model, tmp_path, capsys):
    """``carry="src"`` was read as the fields s, r and c, and ``--target-field`` with a NER model alone was ignored
    without a word, where ``--target`` is refused (a helper's probe)."""
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": 1, "text": "قال بوتين", "src": "sana"}) + "\n", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    predict_corpus(arapol.load(tiny_ner_model), corpus, out, carry="src", progress=False)
    assert json.loads(out.read_text(encoding="utf-8"))["src"] == "sana"
    assert json.loads((tmp_path / "o.jsonl.run.json").read_text(encoding="utf-8"))["records"]["carry"] == ["src"]
    assert main(["predict", str(tiny_ner_model), "--input", str(corpus), "--output", str(tmp_path / "t.jsonl"),
                 "--target-field", "target"]) == 2
    assert ("--target-field names each record's stance target, and no stance model is loaded (NER reads none): "
            "leave it out") in capsys.readouterr().err
    assert not (tmp_path / "t.jsonl").exists()


def test_corpus_options_that_would_lose_data_are_refused(tiny_ner_model, tmp_path):
    corpus = tmp_path / "c.jsonl"
    write_corpus(corpus, 3)
    p = arapol.load(tiny_ner_model)
    with pytest.raises(ArapolError, match=r"carry: field\(s\) \['id', 'stance'\] would be overwritten"):
        predict_corpus(p, corpus, tmp_path / "o.jsonl", carry=["source", "stance", "id"], id_field="doc")
    with pytest.raises(ArapolError, match="chunk_size must be a positive integer"):
        predict_corpus(p, corpus, tmp_path / "o.jsonl", chunk_size=0)
    assert not (tmp_path / "o.jsonl").exists()


def test_a_gzip_input_is_read_as_gzip(tmp_path):
    import gzip

    corpus = tmp_path / "c.jsonl"
    ids = write_corpus(corpus, 5)
    packed = tmp_path / "c.jsonl.gz"
    packed.write_bytes(gzip.compress(corpus.read_bytes()))
    plain = predict_corpus(Echo(), corpus, tmp_path / "plain.jsonl", progress=False)
    report = predict_corpus(Echo(), packed, tmp_path / "packed.jsonl", progress=False)
    assert report.written == plain.written == len(ids) and report.errors == 0
    assert (tmp_path / "packed.jsonl").read_text(encoding="utf-8") == (tmp_path / "plain.jsonl").read_text(
        encoding="utf-8")
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(packed.read_bytes()[:-12])  # a download cut short: named, not a silent partial run
    with pytest.raises(DataError, match=r"cut.jsonl.gz: cannot read the input"):
        predict_corpus(Echo(), cut, tmp_path / "cut.jsonl", progress=False)
    damaged = bytearray(gzip.compress(corpus.read_bytes(), mtime=0))
    damaged[10] ^= 0xFF  # a damaged deflate block: zlib's own error, naming no file (a helper's probe)
    (tmp_path / "bad.jsonl.gz").write_bytes(bytes(damaged))
    with pytest.raises(DataError, match=r"bad.jsonl.gz: cannot read the input: Error -3 while decompressing"):
        predict_corpus(Echo(), tmp_path / "bad.jsonl.gz", tmp_path / "bad.jsonl", progress=False)


def test_resume_refuses_a_foreign_output(tiny_ner_model, tmp_path):
    corpus = tmp_path / "c.jsonl"
    write_corpus(corpus, 3)
    out = tmp_path / "out.jsonl"
    predict_corpus(Echo(), corpus, out, progress=False)
    out.write_text("not arapol output\n", encoding="utf-8")  # the run record is there, the lines are not arapol's
    with pytest.raises(DataError, match="out.jsonl:1: cannot resume"):
        predict_corpus(Echo(), corpus, out, progress=False)


def test_an_output_arapol_did_not_write_is_refused_and_left_as_it_is(tmp_path):
    corpus = tmp_path / "c.jsonl"
    write_corpus(corpus, 2)
    out = tmp_path / "out.jsonl"
    mine = b'{"id":"z","text":"keep me"}'  # no newline at the end: not a line cut by a kill
    out.write_bytes(mine)
    with pytest.raises(ArapolError, match=r"out.jsonl exists but was not written by arapol predict \(no "
                                          r"out.jsonl.run.json beside the output\): choose another --output"):
        predict_corpus(Echo(), corpus, out, progress=False)
    assert out.read_bytes() == mine
    assert sorted(x.name for x in tmp_path.iterdir()) == ["c.jsonl", "out.jsonl"]  # (its lock deleted as it ended)
    errors = tmp_path / "bad.jsonl"
    errors.write_bytes(mine)
    with pytest.raises(ArapolError, match="bad.jsonl exists but was not written by arapol predict"):
        predict_corpus(Echo(), corpus, tmp_path / "new.jsonl", errors_path=errors, progress=False)
    assert errors.read_bytes() == mine and not (tmp_path / "new.jsonl").exists()


def test_resume_with_other_settings_is_refused_naming_them(tmp_path):
    corpus, other = tmp_path / "c.jsonl", tmp_path / "other.jsonl"
    write_corpus(corpus, 3)
    write_corpus(other, 3)
    out = tmp_path / "out.jsonl"
    predict_corpus(Echo(), corpus, out, target="هدنة", progress=False)
    before = out.read_bytes()
    refused = {
        "input: '" + str(corpus) + "' then, '" + str(other) + "' now": dict(input_path=other, target="هدنة"),
        "options.target: 'هدنة' then, 'حرب' now": dict(input_path=corpus, target="حرب"),
        "options.level: 'unset' then, 'sentence' now": dict(input_path=corpus, target="هدنة", level="sentence"),
        "records.carry: [] then, ['source'] now": dict(input_path=corpus, target="هدنة", carry=["source"]),
        "records.id_field: 'id' then, 'doc' now": dict(input_path=corpus, target="هدنة", id_field="doc"),
    }
    for named, kwargs in refused.items():
        moved = " (if the input or the model folders were moved, with the same files, --moved resumes; in Python: " \
                "moved=True)" if named.startswith("input") else ""
        with pytest.raises(ArapolError, match=re.escape(f"out.jsonl was written by another run ({named}): run with "
                                                        f"the same settings to resume it{moved}, or start over with "
                                                        "--overwrite")):
            predict_corpus(Echo(), output_path=out, progress=False, **kwargs)
        assert out.read_bytes() == before
    with pytest.raises(ArapolError, match=re.escape("now; options.target: 'هدنة' then, 'حرب' now): run with the "
                                                    "same settings to resume it, or start over")):
        predict_corpus(Echo(), other, out, target="حرب", moved=True, progress=False)  # moved: paths only
    again = predict_corpus(Echo(), corpus, out, target="هدنة", batch_size=7, progress=False)  # speed only: resumed
    assert (again.written, again.skipped) == (0, 3) and out.read_bytes() == before
    fresh = predict_corpus(Echo(), corpus, out, target="حرب", carry=["source"], overwrite=True, progress=False)
    assert fresh.written == 3 and all(json.loads(x)["source"] == "wire" for x in out.read_text().splitlines())
    assert json.loads((tmp_path / "out.jsonl.run.json").read_text())["options"] == {"target": "حرب"}


def test_a_run_whose_input_and_model_were_moved_resumes_with_moved(tiny_ner_model, tmp_path):
    (tmp_path / "a").mkdir()
    corpus, model = tmp_path / "a/c.jsonl", tmp_path / "a/model"
    write_corpus(corpus, 3)
    shutil.copytree(tiny_ner_model, model, ignore=shutil.ignore_patterns("checkpoints", "tiny-base"))
    out = tmp_path / "out.jsonl"
    predict_corpus(arapol.load(model), corpus, out, progress=False)
    before = out.read_bytes()
    (tmp_path / "a").rename(tmp_path / "b")  # a move keeps the weights' size and time
    corpus, model = tmp_path / "b/c.jsonl", tmp_path / "b/model"
    with corpus.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "new", "text": "في حلب"}, ensure_ascii=False) + "\n")
    with pytest.raises(ArapolError, match=r"\(input: .*; models.ner.folder: .*\): run with the same settings to "
                                          r"resume it \(if the input or the model folders were moved, with the same "
                                          r"files, --moved resumes; in Python: moved=True\)"):
        predict_corpus(arapol.load(model), corpus, out, progress=False)
    resumed = predict_corpus(arapol.load(model), corpus, out, moved=True, progress=False)
    assert (resumed.skipped, resumed.written) == (3, 1) and out.read_bytes().startswith(before)
    record = json.loads((tmp_path / "out.jsonl.run.json").read_text(encoding="utf-8"))
    assert record["input"] == str(corpus.resolve()) and record["models"]["ner"]["folder"] == str(model.resolve())
    weights = model / "model.safetensors"  # the weights rewritten: another model, moved or not
    weights.write_bytes(weights.read_bytes())
    shutil.move(model, tmp_path / "c")
    with pytest.raises(ArapolError, match=r"models.ner.weights.model.safetensors: .*now\): run with the same "
                                          r"settings to resume it, or start over"):
        predict_corpus(arapol.load(tmp_path / "c"), corpus, out, moved=True, progress=False)


def test_resume_with_another_model_or_decoding_is_refused(tiny_ner_model, tiny_stance_model, tmp_path):
    corpus = tmp_path / "c.jsonl"
    write_corpus(corpus, 3)
    out = tmp_path / "out.jsonl"
    predict_corpus(arapol.load(tiny_ner_model), corpus, out, progress=False)
    before = out.read_bytes()
    run = json.loads((tmp_path / "out.jsonl.run.json").read_text(encoding="utf-8"))
    stamps = {f: [(tiny_ner_model / f).stat().st_size, (tiny_ner_model / f).stat().st_mtime_ns]
              for f in ("model.safetensors", "arapol.json")}  # not the int8 calibration, which fp32 does not read
    assert run["models"] == {"ner": {"folder": str(tiny_ner_model.resolve()), "dtype": "fp32", "backend": "torch",
                                     "decoding": "viterbi", "weights": stamps}}
    assert {"target": None, "level": "text", "aggregation": "first"}.items() <= run["options"].items()
    assert "batch_size" not in run["options"]  # speed only: a resume may change it
    with pytest.raises(ArapolError, match="no stance model is loaded"):  # read by no model: refused, not recorded
        predict_corpus(arapol.load(tiny_ner_model), corpus, out, target="حرب", progress=False)
    with pytest.raises(ArapolError, match=r"\(models.ner.decoding: 'viterbi' then, 'argmax' now\)"):
        predict_corpus(arapol.load(tiny_ner_model, decoding="argmax"), corpus, out, progress=False)
    with pytest.raises(ArapolError, match=r"models.ner.folder: '.+' then, 'unset' now; models.ner.weights.*; "
                                          r"models.stance.backend"):
        predict_corpus(arapol.load(tiny_stance_model), corpus, out, progress=False)
    assert out.read_bytes() == before
    retrained = tmp_path / "retrained"  # the same folder, retrained in place: its output is another model's
    shutil.copytree(tiny_ner_model, retrained)
    predict_corpus(arapol.load(retrained), corpus, tmp_path / "r.jsonl", progress=False)
    weights = retrained / "model.safetensors"
    weights.write_bytes(weights.read_bytes())
    with pytest.raises(ArapolError, match=r"models.ner.weights.model.safetensors: [\d,]+ bytes modified "
                       r"\d{4}-\d\d-\d\d [\d:]+ then, [\d,]+ bytes modified .* now"):
        predict_corpus(arapol.load(retrained), corpus, tmp_path / "r.jsonl", progress=False)
    # recalibrated in place (arapol calibrate): its int8 results are another model's too (a helper's probe: the
    # resume mixed the old calibration's results with the new one's)
    predict_corpus(arapol.load(retrained, dtype="int8"), corpus, tmp_path / "c8.jsonl", progress=False)
    calibrate(retrained, ["قال بوتين في موسكو", "وصل الوفد إلى دمشق"])
    with pytest.raises(ArapolError, match=r"models.ner.weights.int8_calibration.safetensors: sha256 [0-9a-f]{12}… "
                                          r"then, sha256 [0-9a-f]{12}… now"):
        predict_corpus(arapol.load(retrained, dtype="int8"), corpus, tmp_path / "c8.jsonl", progress=False)
    # a run recorded before calibration and arapol.json were stamped resumes as it did (the weights checked alone)
    legacy = tmp_path / "r.jsonl.run.json"
    predict_corpus(arapol.load(retrained), corpus, tmp_path / "r.jsonl", progress=False, overwrite=True)
    record = json.loads(legacy.read_text(encoding="utf-8"))
    assert "int8_calibration.safetensors" not in record["models"]["ner"]["weights"]
    del record["models"]["ner"]["weights"]["arapol.json"]
    legacy.write_text(json.dumps(record), encoding="utf-8")
    assert predict_corpus(arapol.load(retrained), corpus, tmp_path / "r.jsonl", progress=False).skipped == 3
    assert "arapol.json" in json.loads(legacy.read_text(encoding="utf-8"))["models"]["ner"]["weights"]  # completed
    stance = arapol.load(tiny_stance_model)  # its own target, given or left out, is the same run
    first = predict_corpus(stance, corpus, tmp_path / "s.jsonl", progress=False)
    again = predict_corpus(stance, corpus, tmp_path / "s.jsonl", target=stance.stance.info.target, progress=False)
    assert (first.written, again.skipped) == (3, 3)


def test_a_run_resumes_after_a_calibration_its_dtype_does_not_read(tiny_ner_model, tmp_path):
    """`arapol calibrate` changes int8 results only: an interrupted fp32 run resumes after it (a review: refused,
    and the old calibration gone, so no setting could resume it), and so does an int8 run after a calibration
    redone on the same texts (the same bytes); a record written when every run stamped the calibration's size and
    time resumes where that says the same (fp32 always; int8 while the file keeps them)."""
    model, corpus = tmp_path / "model", tmp_path / "c.jsonl"
    shutil.copytree(tiny_ner_model, model)
    write_corpus(corpus, 3)
    texts = ["قال بوتين في موسكو", "وصل الوفد إلى دمشق"]

    def interrupted(out: Path, dtype: str, older: bool = True) -> None:  # a run that wrote one record (``older``:
        predict_corpus(arapol.load(model, dtype=dtype), corpus, out, progress=False, overwrite=True)  # stamped so)
        out.write_text(out.read_text(encoding="utf-8").splitlines(keepends=True)[0], encoding="utf-8")
        if not older:
            return
        side = out.with_name(out.name + ".run.json")
        record = json.loads(side.read_text(encoding="utf-8"))
        st = (model / "int8_calibration.safetensors").stat()
        record["models"]["ner"]["weights"]["int8_calibration.safetensors"] = [st.st_size, st.st_mtime_ns]
        side.write_text(json.dumps(record), encoding="utf-8")

    def resumed(out: Path, dtype: str) -> tuple[int, int]:
        report = predict_corpus(arapol.load(model, dtype=dtype), corpus, out, progress=False)
        return report.skipped, report.written

    for dtype in ("fp32", "int8"):
        interrupted(tmp_path / f"{dtype}.jsonl", dtype)
        assert resumed(tmp_path / f"{dtype}.jsonl", dtype) == (1, 2)  # the calibration untouched: as before
    calibrate(model, texts)
    interrupted(tmp_path / "fp32.jsonl", "fp32")
    calibrate(model, texts[::-1])  # another calibration: another int8 model, the same fp32 one
    assert resumed(tmp_path / "fp32.jsonl", "fp32") == (1, 2)
    interrupted(tmp_path / "int8.jsonl", "int8", older=False)
    calibrate(model, texts[::-1])  # redone on the same texts: the same bytes, a newer time
    assert resumed(tmp_path / "int8.jsonl", "int8") == (1, 2)
    interrupted(tmp_path / "int8.jsonl", "int8")
    calibrate(model, texts[::-1])  # an older record's size and time no longer match: its content is unknown
    with pytest.raises(ArapolError, match=r"int8_calibration.safetensors: [\d,]+ bytes modified .* then, sha256"):
        resumed(tmp_path / "int8.jsonl", "int8")


def test_the_input_is_never_its_own_output(tmp_path):
    corpus = tmp_path / "c.jsonl"
    write_corpus(corpus, 2)
    before = corpus.read_bytes()
    (tmp_path / "link.jsonl").symlink_to(corpus)
    os.link(corpus, tmp_path / "hard.jsonl")
    same = "input and the output"
    for out, errors, named in [(corpus, None, same), (tmp_path / "link.jsonl", None, same),
                               (tmp_path / "hard.jsonl", None, same),
                               (tmp_path / "o.jsonl", corpus, "input and the errors file"),
                               (tmp_path / "o.jsonl", tmp_path / "o.jsonl", "output and the errors file")]:
        with pytest.raises(ArapolError, match=f"the {named} are the same file"):
            predict_corpus(Echo(), corpus, out, errors_path=errors, overwrite=True, progress=False)
    assert corpus.read_bytes() == before and not (tmp_path / "o.jsonl").exists()


def test_missing_folders_of_the_output_and_errors_file_are_made(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "a", "text": "أ"}\n{"id": "b"}\n', encoding="utf-8")
    out, errors = tmp_path / "new/deeper/out.jsonl", tmp_path / "other/errors.jsonl"
    report = predict_corpus(Echo(), corpus, out, errors_path=errors, progress=False)
    assert (report.written, report.errors) == (1, 1)
    assert json.loads(out.read_text(encoding="utf-8"))["id"] == "a" and json.loads(errors.read_text())["line"] == 2
    assert (out.parent / "out.jsonl.run.json").is_file()


def test_cli_corpus_options_without_input_are_refused(tiny_ner_model, tmp_path, capsys, monkeypatch):
    out = tmp_path / "out.jsonl"
    assert main(["predict", str(tiny_ner_model), "--text", "قال بوتين", "--output", str(out)]) == 2
    assert "--output only goes with --input (a JSONL corpus); the texts of --text or stdin are printed to stdout" in \
        capsys.readouterr().err
    assert main(["predict", str(tiny_ner_model), "--text", "قال بوتين", "--errors", "e", "--overwrite",
                 "--moved"]) == 2
    assert "--errors, --overwrite, --moved only go with --input" in capsys.readouterr().err
    assert main(["predict", str(tiny_ner_model), "--text", "قال بوتين", "--chunk-size", "5", "--text-field", "t"]) == 2
    assert "--text-field, --chunk-size only go with --input" in capsys.readouterr().err
    corpus = tmp_path / "c.jsonl"
    write_corpus(corpus, 2)
    assert main(["predict", str(tiny_ner_model), "--text", "قال بوتين", "--input", str(corpus), "--output",
                 str(out)]) == 2
    assert "--text and --input both give texts: pass one" in capsys.readouterr().err
    assert not out.exists()
    monkeypatch.chdir(tmp_path)  # --output - wrote a file named "-" (a probe)
    assert main(["predict", str(tiny_ner_model), "--input", str(corpus), "--output", "-"]) == 2
    assert "--output -: a corpus run writes a file it can resume" in capsys.readouterr().err
    assert not (tmp_path / "-").exists()


def test_cli_overwrite_starts_a_run_with_other_settings_over(tiny_ner_model, tmp_path, capsys):
    corpus = tmp_path / "c.jsonl"
    write_corpus(corpus, 2)
    out = tmp_path / "out.jsonl"
    base = ["predict", str(tiny_ner_model), "--input", str(corpus), "--output", str(out)]
    assert main(base) == 0
    before = out.read_bytes()
    assert main([*base, "--decoding", "argmax"]) == 2
    assert "(models.ner.decoding: 'viterbi' then, 'argmax' now): run with the same settings" in \
        capsys.readouterr().err
    assert main([*base, "--level", "sentence", "--overwrite"]) == 2  # a bad option removes nothing
    assert "needs a stance model" in capsys.readouterr().err and out.read_bytes() == before
    assert main([*base, "--decoding", "argmax", "--overwrite"]) == 0
    assert "wrote 2 records, skipped 0 already done" in capsys.readouterr().err
    assert json.loads((tmp_path / "out.jsonl.run.json").read_text())["models"]["ner"]["decoding"] == "argmax"
    assert [json.loads(x)["id"] for x in out.read_text(encoding="utf-8").splitlines()] == ["doc-0", "doc-1"]


def test_cli_fails_when_not_one_record_can_be_read(tiny_ner_model, tmp_path, capsys):
    """A UTF-16 file, a CSV or a mistyped --text-field made every line a bad record and exited 0 (a helper's probe);
    the run now fails, saying why, with the first error; UTF-16 is named."""
    corpus = tmp_path / "c.jsonl"
    corpus.write_bytes('{"id": "a", "text": "قال بوتين"}\n{"id": "b", "text": "في موسكو"}\n'.encode("utf-16"))
    base = ["predict", str(tiny_ner_model), "--input", str(corpus), "--output", str(tmp_path / "o.jsonl")]
    assert main(base) == 1
    err = capsys.readouterr().err
    assert "arapol: error: not one record of" in err and "the first error: line 1: not valid UTF-8" in err
    assert "the file looks like UTF-16: save it as UTF-8" in err
    lines = (tmp_path / "o.jsonl.errors.jsonl").read_text(encoding="utf-8").splitlines()
    assert all("UTF-16" in json.loads(x)["error"] for x in lines), lines
    import gzip  # gzip named .jsonl: said as in training (it was called UTF-16 for its NUL bytes: a helper's probe)

    corpus.write_bytes(gzip.compress('{"id": "a", "text": "قال بوتين"}\n'.encode()))
    assert main([*base, "--overwrite"]) == 1
    assert "the file is gzip-compressed: name it .gz" in capsys.readouterr().err
    good = tmp_path / "g.jsonl"
    good.write_text('{"id": "a", "body": "قال بوتين"}\n', encoding="utf-8")
    typo = ["predict", str(tiny_ner_model), "--input", str(good), "--output", str(tmp_path / "t.jsonl")]
    assert main([*typo, "--text-field", "text"]) == 1
    assert "with the text in 'text' (--text-field)" in capsys.readouterr().err
    assert main([*typo, "--text-field", "text"]) == 1  # the same run again: no new bad record, still not one read
    assert "arapol: error: not one record of" in capsys.readouterr().err  # (it exited 0: a helper's probe)
    assert main([*typo, "--text-field", "body", "--overwrite"]) == 0  # a record read: not an error
    # every record over --max-chars: the cause is named, and the format, which was fine, is not blamed (a review)
    assert main([*typo, "--text-field", "body", "--overwrite", "--max-chars", "3"]) == 1
    err = capsys.readouterr().err
    assert "the first error: line 1: text has 9 characters, over the limit of 3 (raise --max-chars to accept it)\n" \
        in err and "JSON Lines" not in err
    null = tmp_path / "n.jsonl"
    null.write_text("null\n[1]\n", encoding="utf-8")
    assert main(["predict", str(tiny_ner_model), "--input", str(null), "--output", str(tmp_path / "n.out")]) == 1
    assert "expected a JSON object, found null" in capsys.readouterr().err


def test_cli_says_what_the_errors_file_holds_after_a_resume(tiny_ner_model, tmp_path, capsys):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "a", "text": "قال بوتين"}\n{bad\n{"id": "b", "text": 5}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    base = ["predict", str(tiny_ner_model), "--input", str(corpus), "--output", str(out)]
    assert main(base) == 0
    assert f"wrote 1 records, skipped 0 already done, 2 new bad records; {out}.errors.jsonl holds 2" in \
        capsys.readouterr().err
    assert main(base) == 0  # the same bad records: none new, both still there
    assert f"wrote 0 records, skipped 1 already done, 0 new bad records; {out}.errors.jsonl holds 2" in \
        capsys.readouterr().err


def test_cli_says_once_which_undated_texts_read_a_title_as_its_latest_holder(tiny_ner_model, capsys):
    base = ["predict", str(tiny_ner_model), "--actors", "--text", "قال الرئيس الأمريكي إن الهدنة يجب أن تصمد",
            "--text", "رحبت موسكو بالهدنة", "--text", "وقال الرئيس الأمريكي إن الهدنة صامدة"]
    assert main(base) == 0
    err = capsys.readouterr().err
    assert "arapol: warning: 2 of 3 texts name a title (such as الرئيس الأمريكي) that, with no --date" in err
    assert "UndatedTitleWarning" not in err  # said in the command line's words, once
    assert main([*base, "--date", "2016-10-18"]) == 0
    assert "warning" not in capsys.readouterr().err


def test_cli_actors_are_dated_per_text_or_per_record(tiny_ner_model, tmp_path, capsys):
    text = "قال الرئيس الأمريكي إن الهدنة في حلب يجب أن تصمد"
    base = ["predict", str(tiny_ner_model), "--actors"]
    assert main([*base, "--text", text, "--date", "2016-10-18", "--aggregation", "average"]) == 0
    row = json.loads(capsys.readouterr().out)
    assert "barack_obama" in [a["id"] for a in row["actors"]]
    p = arapol.load(tiny_ner_model)
    assert row["entities"] == p.predict(text, aggregation="average")["entities"]
    assert main([*base, "--text", text, "--date", "18/10/2016"]) == 2
    assert "arapol: error: --date '18/10/2016': not an ISO date (2016-10-18, 2016-10-18T09:00:00Z, 2016-10 or 2016); " \
           "leave --date out for none" in capsys.readouterr().err  # (no Python's None or NaN: a fresh user's audit)

    corpus, out = tmp_path / "c.jsonl", tmp_path / "out.jsonl"
    rows = [{"id": "a", "text": text, "published": "2016-10-18"}, {"id": "b", "text": text, "published": "2018-05-01"},
            {"id": "c", "text": text, "published": "18/10/2016"}, {"id": "d", "text": text}]
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    run = ["predict", str(tiny_ner_model), "--input", str(corpus), "--output", str(out), "--actors"]
    assert main([*run, "--date", "2016-10-18"]) == 2
    assert "--date goes with --text or stdin; with --input each record's own date is read" in capsys.readouterr().err
    assert main([*run, "--date-field", "published"]) == 0
    holders = {r["id"]: [a["id"] for a in r["actors"]] for r in map(json.loads, out.read_text().splitlines())}
    assert "barack_obama" in holders["a"] and "donald_trump" in holders["b"] and "donald_trump" in holders["d"]
    assert set(holders) == {"a", "b", "d"}  # (no date: the latest holder)
    error = json.loads((tmp_path / "out.jsonl.errors.jsonl").read_text())
    assert error["id"] == "c" and "field 'published' must be an ISO date such as 2016-10-18" in error["error"]
    assert main([*run]) == 2  # another date field: another run
    assert "records.date_field: 'published' then, 'date' now" in capsys.readouterr().err
    assert main([*base, "--text", text, "--date-field", "published"]) == 2
    assert "--date-field only goes with --input" in capsys.readouterr().err
    assert main(["predict", str(tiny_ner_model), "--text", text, "--date", "2016-10-18"]) == 2
    assert "--date and --date-field date the titles of --actors: give --actors too" in capsys.readouterr().err
    assert main(["predict", str(tiny_ner_model), "--text", text, "--no-clauses"]) == 2
    assert "--no-clauses is about the speakers of --actors: give --actors too" in capsys.readouterr().err
    assert main([*run, "--date-field", "published", "--no-clauses"]) == 2  # whole sentences: another run
    assert "options.clauses: True then, False now" in capsys.readouterr().err
    mine = tmp_path / "mine.yaml"  # the table's content is part of the run: an edited file is another run
    mine.write_text("actors:\n  - {id: zaid, ar: زيد, en: Zaid, type: person, aliases: [زيد الزيدي]}\n",
                    encoding="utf-8")
    mine_out = tmp_path / "mine.jsonl"
    assert main([*run, "--date-field", "published", "--actors", str(mine), "--output", str(mine_out)]) == 0
    capsys.readouterr()
    moved = tmp_path / "elsewhere" / "mine.yaml"  # the same table given by another path resumes
    moved.parent.mkdir()
    shutil.copy(mine, moved)
    assert main([*run, "--date-field", "published", "--actors", str(moved), "--output", str(mine_out)]) == 0
    capsys.readouterr()
    mine.write_text(mine.read_text(encoding="utf-8").replace("zaid", "zaid2"), encoding="utf-8")
    assert main([*run, "--date-field", "published", "--actors", str(mine), "--output", str(mine_out)]) == 2
    assert "options.actors_table: 'ActorTable " in capsys.readouterr().err
    assert main(["predict", str(tiny_ner_model), "--text", text, "--target", "هدنة"]) == 2
    assert "target: the stance target, and no stance model is loaded" in capsys.readouterr().err


@pytest.mark.parametrize("kill_after_lines", [0, 7, 40])
def test_sigkill_then_restart_equals_an_uninterrupted_run(tiny_ner_model, tmp_path, kill_after_lines):
    corpus = tmp_path / "corpus.jsonl"
    ids = write_corpus(corpus, 150)
    reference = tmp_path / "reference.jsonl"
    subprocess.run(cli(tiny_ner_model, corpus, reference), check=True, capture_output=True)

    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(cli(tiny_ner_model, corpus, out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        if out.exists() and out.read_bytes().count(b"\n") >= kill_after_lines:
            break
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with out.open("ab") as fh:   # what a kill in the middle of a write leaves behind
        fh.write(b'{"id": "doc-1')
    subprocess.run(cli(tiny_ner_model, corpus, out), check=True, capture_output=True)

    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["id"] for x in lines] == ids
    assert lines == reference.read_text(encoding="utf-8").splitlines()


class Echo:
    """A stand-in NER predictor that finds no entity (its results hold only what a predictor's do: an output without
    a run record that holds more, and no prediction, is not --overwrite's to remove)."""

    def predict(self, texts, progress=False, **kwargs):
        return [{"entities": []} for _ in texts]


class Failing(Echo):
    """A predictor that fails on the first text it is given (an out-of-memory error, a kill)."""

    def predict(self, texts, progress=False, **kwargs):
        if texts:
            raise RuntimeError("out of memory")
        return []


def test_a_long_run_of_bad_lines_is_written_out_as_it_is_read(tmp_path):
    """Bad lines are not held until ``chunk_size`` good ones have been read: a file of a million bad lines is read in
    constant memory, and those met before a failure are in the errors file already."""
    corpus, out = tmp_path / "c.jsonl", tmp_path / "o.jsonl"
    _write(corpus, ["not json"] * 8 + [{"id": "a", "text": "أ"}])
    with pytest.raises(RuntimeError, match="out of memory"):
        predict_corpus(Failing(), corpus, out, chunk_size=3, progress=False)
    errors = [json.loads(line) for line in (tmp_path / "o.jsonl.errors.jsonl").read_text().splitlines()]
    assert [e["line"] for e in errors] == [1, 2, 3, 4, 5, 6]  # two batches of three; 7 and 8 came with "a"
    report = predict_corpus(Echo(), corpus, out, chunk_size=3, progress=False)
    assert (report.written, report.errors, report.errors_in_file) == (1, 2, 8)


def test_resume_reports_a_duplicate_as_an_uninterrupted_run_does(tmp_path):
    corpus = tmp_path / "c.jsonl"
    rows = [{"id": "a", "text": "أ"}, {"id": None, "text": "بب"}, {"id": None, "text": "تتت"}, {"id": "a", "text": "ث"}]
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    whole = predict_corpus(Echo(), corpus, tmp_path / "whole.jsonl", progress=False)
    assert (whole.written, whole.errors) == (3, 1)  # null ids are line:2 and line:3, not two "None"
    out = tmp_path / "resumed.jsonl"
    out.write_text((tmp_path / "whole.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)[0],
                   encoding="utf-8")  # a run killed after its first record
    record = json.loads((tmp_path / "whole.jsonl.run.json").read_text(encoding="utf-8"))
    record["errors"] = "resumed.jsonl.errors.jsonl"  # the record that run wrote
    (tmp_path / "resumed.jsonl.run.json").write_text(json.dumps(record), encoding="utf-8")
    resumed = predict_corpus(Echo(), corpus, out, progress=False)
    assert (resumed.skipped, resumed.written, resumed.errors) == (1, 2, 1)
    assert out.read_text(encoding="utf-8") == (tmp_path / "whole.jsonl").read_text(encoding="utf-8")
    errors = [json.loads(line) for line in (tmp_path / "resumed.jsonl.errors.jsonl").read_text().splitlines()]
    assert errors == [{"line": 4, "id": "a", "error": "duplicate id: an earlier record has it"}]


def test_a_duplicate_of_a_line_name_says_where_the_name_comes_from(tmp_path):
    """A record whose own id is line:1 clashed with the id-less record of line 1 and was refused as a plain duplicate
    (a fresh user's audit): the error says that records without an id are named so."""
    corpus = tmp_path / "c.jsonl"
    rows = [{"text": "قال بوتين"}, {"id": "line:1", "text": "قال لافروف"}]
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    predict_corpus(Echo(), corpus, tmp_path / "out.jsonl", progress=False)
    errors = [json.loads(line) for line in (tmp_path / "out.jsonl.errors.jsonl").read_text().splitlines()]
    assert [e["id"] for e in errors] == ["line:1"]
    assert errors[0]["error"].startswith("duplicate id: an earlier record has it (a record without an id is named "
                                         "line:N by its line number")


def test_a_resume_after_a_kill_between_digests_and_output_writes_each_digest_once(tmp_path):
    """A kill after a chunk's digests were written and before its output lines left the digests of records the
    restart predicts again: they were appended a second time, the file growing with every such kill."""
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"d{i}", "text": "نص " * i}, ensure_ascii=False) + "\n"
                              for i in range(1, 7)), encoding="utf-8")
    out = tmp_path / "o.jsonl"
    predict_corpus(Echo(), corpus, out, progress=False, chunk_size=2)
    whole = out.read_text(encoding="utf-8")
    out.write_text("".join(whole.splitlines(keepends=True)[:2]), encoding="utf-8")  # the second chunk's lines lost
    resumed = predict_corpus(Echo(), corpus, out, progress=False, chunk_size=2)
    assert (resumed.skipped, resumed.written) == (2, 4) and out.read_text(encoding="utf-8") == whole
    digests = [json.loads(x)["id"] for x in (tmp_path / "o.jsonl.digests.jsonl").read_text().splitlines()]
    assert digests == [f"d{i}" for i in range(1, 7)]


def test_a_bad_record_reusing_a_predicted_id_does_not_stop_the_resume(tmp_path):
    """A bad record whose id a good record of the input holds is another record (a helper's probe): a run killed
    before reaching it, or given it appended, took it for the predicted record edited into a bad one and refused to
    resume, forever. A predicted record that the input now holds only as a bad one still stops the resume."""
    corpus = tmp_path / "c.jsonl"
    rows = [{"id": f"d{i}", "text": "نص " * i} for i in range(1, 6)] + [{"id": "d1", "title": "no text"}]
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    whole = predict_corpus(Echo(), corpus, tmp_path / "whole.jsonl", progress=False, chunk_size=2)
    assert (whole.written, whole.errors) == (5, 1)
    out = tmp_path / "o.jsonl"
    predict_corpus(Echo(), corpus, out, progress=False, chunk_size=2)
    out.write_text("".join(out.read_text(encoding="utf-8").splitlines(keepends=True)[:2]), encoding="utf-8")
    (tmp_path / "o.jsonl.errors.jsonl").unlink()  # killed after its first chunk: the bad record not met yet
    resumed = predict_corpus(Echo(), corpus, out, progress=False, chunk_size=2)
    assert (resumed.skipped, resumed.written, resumed.errors) == (2, 3, 1)
    assert out.read_text(encoding="utf-8") == (tmp_path / "whole.jsonl").read_text(encoding="utf-8")
    rows.insert(0, {"id": "d2", "date": "no text either"})  # met before the good d2, by a resume
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    again = predict_corpus(Echo(), corpus, out, progress=False, chunk_size=2)
    assert (again.skipped, again.written, again.errors_in_file) == (5, 0, 2)
    assert out.read_text(encoding="utf-8") == (tmp_path / "whole.jsonl").read_text(encoding="utf-8")
    edited = [{"id": "d1", "title": "no text"} if r.get("id") == "d1" and "text" in r else r for r in rows]
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in edited), encoding="utf-8")
    with pytest.raises(DataError, match="record 'd1' was predicted by an earlier run and is now a bad record"):
        predict_corpus(Echo(), corpus, out, progress=False, chunk_size=2)


def test_a_cut_last_line_is_removed_from_a_long_output(tmp_path):
    from arapol.corpus import _BLOCK, _repair_tail

    path = tmp_path / "o.jsonl"
    whole = "".join(json.dumps({"id": i, "pad": "x" * 300}) + "\n" for i in range(3 * _BLOCK // 300))
    path.write_text(whole + '{"id": "cut", "pad": "' + "y" * (2 * _BLOCK), encoding="utf-8")  # over 2 blocks
    _repair_tail(path)
    assert path.read_text(encoding="utf-8") == whole
    _repair_tail(path)  # a whole file stays as it is
    assert path.read_text(encoding="utf-8") == whole
    path.write_text('{"id": 1', encoding="utf-8")  # no complete line at all
    _repair_tail(path)
    assert path.read_bytes() == b""


def test_ids_keep_their_json_value_and_bad_ids_go_to_the_errors_file(tmp_path):
    corpus = tmp_path / "c.jsonl"
    ids = [1, "1", 2.0, True, ["x"], None, 7]
    corpus.write_text("".join(json.dumps({"id": i, "text": "نص"}) + "\n" for i in ids), encoding="utf-8")
    out = tmp_path / "o.jsonl"
    report = predict_corpus(Echo(), corpus, out, chunk_size=2, progress=False)
    written = [json.loads(x)["id"] for x in out.read_text().splitlines()]
    assert written == [1, "1", "line:6", 7]  # the integer 1 and the string "1" are two ids
    errors = [json.loads(x) for x in (tmp_path / "o.jsonl.errors.jsonl").read_text().splitlines()]
    assert [e["line"] for e in errors] == [3, 4, 5]
    assert errors[0]["error"] == "field 'id' must be a string or an integer, found float 2.0"
    assert "found bool true" in errors[1]["error"] and "found list [\"x\"]" in errors[2]["error"]
    assert (report.written, report.errors) == (4, 3)
    out.write_text("".join(out.read_text().splitlines(keepends=True)[:2]))  # killed after two records
    again = predict_corpus(Echo(), corpus, out, chunk_size=2, progress=False)
    assert (again.skipped, again.written, again.errors) == (2, 2, 0)
    assert [json.loads(x)["id"] for x in out.read_text().splitlines()] == written
    other = predict_corpus(Echo(), corpus, tmp_path / "d.jsonl", id_field="doc", progress=False)
    assert other.written == 0 and other.errors == len(ids)  # asked for by name: no silent line:N ids
    assert "field 'doc' (the id field asked for) is missing or null" in \
        (tmp_path / "d.jsonl.errors.jsonl").read_text().splitlines()[0]


def test_a_damaged_run_record_is_named(tmp_path):
    corpus, out = tmp_path / "c.jsonl", tmp_path / "o.jsonl"
    write_corpus(corpus, 2)
    predict_corpus(Echo(), corpus, out, progress=False)
    for damage, message in ((b"{", "invalid JSON"), (b"\xff{}", r"not UTF-8 text \(byte 0\)"),
                            (b"[]", "expected a JSON object"), (b'{"written_by": "me"}', "not a run record")):
        (tmp_path / "o.jsonl.run.json").write_bytes(damage)
        with pytest.raises(ArapolError, match=r"o\.jsonl\.run\.json.*" + message):
            predict_corpus(Echo(), corpus, out, progress=False)


def test_one_run_at_a_time_writes_an_output(tmp_path):
    import fcntl

    corpus, out = tmp_path / "c.jsonl", tmp_path / "o.jsonl"
    write_corpus(corpus, 3)
    with open(tmp_path / "o.jsonl.lock", "a") as held:  # another run holds it
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(ArapolError, match=r"o.jsonl is being written by another run \(it holds o.jsonl.lock\)"):
            predict_corpus(Echo(), corpus, out, progress=False)
        assert not out.exists()
    assert predict_corpus(Echo(), corpus, out, progress=False).written == 3  # released when that run ends
    with pytest.raises(ArapolError, match=r"o.jsonl.gz: outputs are written as plain JSONL"):
        predict_corpus(Echo(), corpus, tmp_path / "o.jsonl.gz", progress=False)
    with pytest.raises(ArapolError, match="max_chars must be a positive integer, got 0"):
        predict_corpus(Echo(), corpus, tmp_path / "o2.jsonl", max_chars=0, progress=False)


def test_cli_stdin_drops_a_byte_order_mark(tiny_ner_model, monkeypatch, capsys):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("\ufeffقال بوتين في حلب\n\nرحبت موسكو\n".encode())))
    assert main(["predict", str(tiny_ner_model)]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    # one output line per input line, the blank one too (its result is empty): they line up
    assert [r["text"] for r in rows] == ["قال بوتين في حلب", "", "رحبت موسكو"] and rows[1]["entities"] == []
    p = arapol.load(tiny_ner_model)
    assert [r["entities"] for r in rows] == [x["entities"] for x in p.predict([r["text"] for r in rows])]
    monkeypatch.setattr(sys, "stdin", io.StringIO("قال بوتين\n"))  # a text stand-in, as notebooks have
    assert main(["predict", str(tiny_ner_model)]) == 0
    assert [json.loads(x)["text"] for x in capsys.readouterr().out.splitlines()] == ["قال بوتين"]


def test_cli_stdin_is_predicted_as_it_comes(tiny_ner_model, monkeypatch):
    """stdin was read whole before the first result (a fresh user's audit: memory, and nothing out until the end of
    ``zcat archive.gz | arapol predict``): chunk by chunk, results are written while later lines are still unread —
    at most three chunks ahead (one run, one prepared, one read in the background) — and a line of a slow source
    (typed at a terminal, ``tail -f``) is answered without waiting for the next (it had waited for two chunks)."""
    import io
    import time

    import arapol.cli.predict as cli_predict

    out = io.StringIO()

    class Lines:
        """Standard input that checks, as each line is read, how many results are out."""

        def __init__(self) -> None:
            self.behind: list[int] = []

        def __iter__(self):
            for n in range(1, 21):
                self.behind.append(n - out.getvalue().count("\n"))
                yield f"رحبت موسكو بالهدنة {n}\n"

    lines = Lines()
    monkeypatch.setattr(cli_predict, "STDIN_CHUNK", 3)
    monkeypatch.setattr(sys, "stdin", lines)
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["predict", str(tiny_ner_model)]) == 0
    assert len(out.getvalue().splitlines()) == 20
    assert max(lines.behind) <= 3 * 3 + 1

    class Feed:
        """A live feed: each line comes only once the result of the line before is out."""

        def __iter__(self):
            for n in range(1, 6):
                deadline = time.monotonic() + 120
                while out.getvalue().count("\n") < n - 1:
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"line {n - 1} had no result while the source waited")
                    time.sleep(0.01)
                yield f"رحبت موسكو بالهدنة {n}\n"

    out.seek(0), out.truncate()
    monkeypatch.setattr(sys, "stdin", Feed())
    assert main(["predict", str(tiny_ner_model)]) == 0
    assert len(out.getvalue().splitlines()) == 5


def test_cli_stdin_that_is_not_utf8_names_its_line(tiny_ner_model, monkeypatch, capsys):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("قال بوتين\n".encode() + b"caf\xe9\n"),
                                                       encoding="latin-1"))  # whatever the locale would decode
    assert main(["predict", str(tiny_ner_model)]) == 2
    out, err = capsys.readouterr()
    assert "<stdin>:2" in err and "not valid UTF-8 (byte 3 of the line: b'\\xe9')" in err
    # the lines before it are written (they were all lost: stdin was read whole first, a fresh user's audit)
    assert [json.loads(x)["text"] for x in out.splitlines()] == ["قال بوتين"]


def _write(path: Path, rows: list) -> None:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in rows),
                    encoding="utf-8")


def test_a_record_nested_too_deeply_goes_to_the_errors_file(tmp_path):
    corpus = tmp_path / "c.jsonl"
    _write(corpus, [{"id": "a", "text": "أ"}, '{"id": "b", "text": "x", "a": ' + "[" * 100_000 + "]" * 100_000 + "}",
                    {"id": "c", "text": "ت"}])
    report = predict_corpus(Echo(), corpus, tmp_path / "o.jsonl", progress=False)
    assert (report.written, report.errors) == (2, 1)
    (error,) = map(json.loads, (tmp_path / "o.jsonl.errors.jsonl").read_text().splitlines())
    assert error == {"line": 2, "error": "invalid JSON here (nested too deeply to read): expected one object a line"}


def test_an_errors_file_arapol_did_not_write_is_never_touched(tmp_path):
    corpus, out, notes = tmp_path / "c.jsonl", tmp_path / "o.jsonl", tmp_path / "notes.txt"
    _write(corpus, [{"id": "a", "text": "أ"}])
    predict_corpus(Echo(), corpus, out, progress=False)
    notes.write_text("my notes\nan unfinished line", encoding="utf-8")
    with pytest.raises(ArapolError, match=r"o.jsonl was written by another run \(errors: .*o.jsonl.errors.jsonl' "
                                          r"then, .*notes.txt' now\)"):
        predict_corpus(Echo(), corpus, out, errors_path=notes, progress=False)
    with pytest.raises(ArapolError, match=r"notes.txt exists and is not an errors file of .*o.jsonl: --overwrite "
                                          "removes only what arapol wrote"):
        predict_corpus(Echo(), corpus, out, errors_path=notes, overwrite=True, progress=False)
    assert notes.read_text(encoding="utf-8") == "my notes\nan unfinished line" and out.exists()


def test_a_record_edited_since_it_was_predicted_stops_the_resume(tmp_path):
    corpus, out = tmp_path / "c.jsonl", tmp_path / "o.jsonl"
    _write(corpus, [{"id": "a", "text": "أ"}, {"id": "b", "text": "بب", "date": "2016-10-18"}])
    predict_corpus(Echo(), corpus, out, progress=False)
    before = out.read_text(encoding="utf-8")
    _write(corpus, [{"id": "a", "text": "أ"}, {"id": "b", "text": "بب", "date": "2016-10-18"},
                    {"id": "c", "text": "تتت"}])  # added: predicted on resume
    assert predict_corpus(Echo(), corpus, out, progress=False).written == 1
    _write(corpus, [{"id": "a", "text": "أأ"}, {"id": "b", "text": "بب", "date": "2016-10-18"}])
    with pytest.raises(DataError, match=r"c.jsonl:1: record 'a' has changed since an earlier run predicted it \(its "
                                        r"text\): its result in .* would be stale; start over with --overwrite"):
        predict_corpus(Echo(), corpus, out, progress=False)  # (the date is read with actors only: not named)
    assert out.read_text(encoding="utf-8").startswith(before)
    carried = tmp_path / "carried.jsonl"  # a run that carries fields names them
    _write(corpus, [{"id": "a", "text": "أ", "source": "x"}])
    predict_corpus(Echo(), corpus, carried, carry="source", progress=False)
    _write(corpus, [{"id": "a", "text": "أ", "source": "y"}])
    with pytest.raises(DataError, match=r"record 'a' has changed since an earlier run predicted it \(its text or "
                                        r"carried fields\)"):
        predict_corpus(Echo(), corpus, carried, carry="source", progress=False)


def test_a_bad_record_fixed_in_the_input_leaves_the_errors_file(tmp_path):
    corpus, out, err = tmp_path / "c.jsonl", tmp_path / "o.jsonl", tmp_path / "o.jsonl.errors.jsonl"
    _write(corpus, [{"id": "a", "text": "أ"}, {"id": "b"}, "{not json", {"id": "d", "text": "ث"}])
    assert predict_corpus(Echo(), corpus, out, progress=False).errors == 2
    _write(corpus, [{"id": "a", "text": "أ"}, {"id": "b", "text": "بب"}, "{not json", {"id": "d", "text": "ث"}])
    report = predict_corpus(Echo(), corpus, out, progress=False)
    assert (report.written, report.skipped, report.errors) == (1, 2, 0)
    assert [json.loads(x)["line"] for x in err.read_text(encoding="utf-8").splitlines()] == [3]
    assert [json.loads(x)["id"] for x in out.read_text(encoding="utf-8").splitlines()] == ["a", "d", "b"]


def test_a_bad_record_edited_into_another_with_the_same_fault_is_named_by_its_new_id(tmp_path):
    """The errors file kept the old id of a record edited into another bad record with the same message: entries
    were told apart by line and message only (a helper's probe)."""
    corpus, out, err = tmp_path / "c.jsonl", tmp_path / "o.jsonl", tmp_path / "o.jsonl.errors.jsonl"
    _write(corpus, [{"id": "k", "text": "x"}, {"id": "a", "title": "x"}])
    predict_corpus(Echo(), corpus, out, progress=False)
    _write(corpus, [{"id": "k", "text": "x"}, {"id": "b", "title": "x"}])
    assert predict_corpus(Echo(), corpus, out, progress=False).errors == 1
    assert [(e["line"], e["id"]) for e in map(json.loads, err.read_text(encoding="utf-8").splitlines())] == [(2, "b")]


def test_a_near_key_holding_no_value_of_the_field_is_another_field(tiny_stance_model, tmp_path):
    """``data``, ``rate`` (one edit from ``date``) and a list of ``targets`` made good records bad, with a remedy
    (--date-field data) that failed too; a near key is a misspelling only where its value fits the field (a helper's
    probe), as analyze reads it."""
    corpus, out = tmp_path / "c.jsonl", tmp_path / "o.jsonl"
    _write(corpus, [{"id": "a", "text": "قال بوتين", "data": {"views": 10}}, {"id": "b", "text": "قال", "rate": 5},
                    {"id": "c", "text": "قال", "targets": ["الهدنة"]}, {"Id": True, "text": "قال"},
                    {"id": "e", "text": "قال", "Date": "2016-10-18"}])
    report = predict_corpus(arapol.load(tiny_stance_model), corpus, out, actors=True, progress=False)
    assert (report.written, report.errors) == (4, 1)
    errors = [json.loads(x) for x in (tmp_path / "o.jsonl.errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(e["line"], e["id"]) for e in errors] == [(5, "e")] and "but 'Date': a misspelling?" in errors[0]["error"]


def test_predict_and_analyze_refuse_a_misspelt_field_with_one_check():
    """arapol predict and arapol analyze each had their own copy of the check (one reading several fields, one a
    field at a time); one now serves both, each naming the field in Python as its own function takes it."""
    from arapol.actors.aliases import a_record_date
    from arapol.corpus import misspelt_field

    rec = {"id": "e", "text": "قال", "Date": "2016-10-18", "data": {"views": 10}}
    what = "the record's date"
    assert misspelt_field(rec, "date", "date", what, a_record_date, ("id", "text")) == (
        "no field 'date' (the record's date), but 'Date': a misspelling? Rename it 'date', or name the field "
        "(--date-field Date / date_field=)")
    assert misspelt_field(rec, "date", "date", what, a_record_date, ("id", "text"), " holds a date",
                          in_fields=True).endswith("but 'Date' holds a date: a misspelling? Rename it 'date', or name "
                                                   "the field (--date-field Date / fields={'date': 'Date'})")
    for field, named in ((None, ()), ("", ()), ("date", ("Date",)), ("source", ())):  # unread, named, none near
        assert misspelt_field(rec, field, "date", what, a_record_date, named) is None
    assert misspelt_field({**rec, "date": None}, "date", "date", what, a_record_date, ()) is None  # null: its own


def test_an_atomic_write_syncs_the_file_then_its_folder(tmp_path, monkeypatch):
    import stat

    from arapol.checkpoint import write_json_atomic

    synced, real = [], os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(stat.S_ISDIR(os.fstat(fd).st_mode)) or real(fd))
    write_json_atomic(tmp_path / "x.json", {"a": 1})
    assert synced == [False, True]  # the data, then the new name in its folder
    assert json.loads((tmp_path / "x.json").read_text(encoding="utf-8")) == {"a": 1}


def test_overwrite_gets_past_a_damaged_run_record(tmp_path):
    corpus, out = tmp_path / "c.jsonl", tmp_path / "o.jsonl"
    _write(corpus, [{"id": "a", "text": "أ"}])
    predict_corpus(Echo(), corpus, out, progress=False)
    (tmp_path / "o.jsonl.run.json").write_text("{", encoding="utf-8")
    with pytest.raises(ArapolError, match="o.jsonl.run.json: invalid JSON"):
        predict_corpus(Echo(), corpus, out, progress=False)
    assert predict_corpus(Echo(), corpus, out, overwrite=True, progress=False).written == 1


def test_overwrite_removes_only_files_of_the_shape_arapol_writes(tmp_path):
    """--overwrite removed whatever stood at the output's paths (a helper's probe): a user's file named as the
    output or its default errors file, another program's run record, a link. It now refuses, naming the file, and
    leaves everything as it was; a killed run's unfinished last line still counts as arapol's."""
    corpus = tmp_path / "c.jsonl"
    _write(corpus, [{"id": "a", "text": "أ"}])
    cases = {"o1.jsonl": "precious\n", "o2.jsonl.errors.jsonl": '{"note": "user"}\n',
             "o3.jsonl.run.json": '{"written_by": "another tool"}', "o4.jsonl.digests.jsonl": "1,2\n"}
    for name, content in cases.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
        out = tmp_path / (name.split(".jsonl")[0] + ".jsonl")
        with pytest.raises(ArapolError, match=rf"{name} exists and is not a file arapol predict wrote: --overwrite "
                                              r"removes only what arapol wrote"):
            predict_corpus(Echo(), corpus, out, overwrite=True, progress=False)
        assert (tmp_path / name).read_text(encoding="utf-8") == content
    target = tmp_path / "target.jsonl"
    target.write_text("kept\n", encoding="utf-8")
    (tmp_path / "link.jsonl").symlink_to(target)
    with pytest.raises(ArapolError, match="link.jsonl exists and is not a file arapol predict wrote"):
        predict_corpus(Echo(), corpus, tmp_path / "link.jsonl", overwrite=True, progress=False)
    assert (tmp_path / "link.jsonl").is_symlink() and target.read_text(encoding="utf-8") == "kept\n"
    # an annotated corpus given as the output (no run record beside it): its id, text and gold entities made it read
    # as results, and --overwrite replaced it with predictions (a helper's probe)
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "t1", "text": "قال بوتين", "entities": [{"start": 4, "end": 9, "label": "PER"}]},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    kept = gold.read_bytes()
    for name in ("gold.jsonl", "gold2.jsonl"):
        if name == "gold2.jsonl":  # no text, but entities without scores
            gold = tmp_path / name
            gold.write_text('{"id": "t1", "entities": [{"start": 4, "end": 9, "label": "PER"}]}\n', encoding="utf-8")
            kept = gold.read_bytes()
        with pytest.raises(ArapolError, match=rf"{name} exists and is not a file arapol predict wrote"):
            predict_corpus(Echo(), corpus, gold, overwrite=True, progress=False)
        assert gold.read_bytes() == kept
    # ... nor a stance corpus whose text is in another field, read with --text-field (a review)
    tweets = tmp_path / "tweets.jsonl"
    _write(tweets, [{"id": "a", "tweet": "أ", "target": "هدنة", "stance": "against"}])
    kept, fresh = tweets.read_bytes(), tmp_path / "new.jsonl"
    _write(fresh, [{"id": "b", "tweet": "ب"}])
    with pytest.raises(ArapolError, match="tweets.jsonl exists and is not a file arapol predict wrote"):
        predict_corpus(Echo(), fresh, tweets, text_field="tweet", overwrite=True, progress=False)
    assert tweets.read_bytes() == kept
    # an output of arapol's whose run record is gone, with the text carried, is still arapol's to start over
    carried = tmp_path / "carried.jsonl"
    _write(carried, [{"id": "a", "entities": [{"text": "أ", "label": "PER", "start": 0, "end": 1, "score": 0.9}],
                      "text": "أ"}])
    assert predict_corpus(Echo(), corpus, carried, carry=["text"], overwrite=True, progress=False).written == 1
    out = tmp_path / "o5.jsonl"  # a run killed in the middle of a line: --overwrite starts it over
    predict_corpus(Echo(), corpus, out, progress=False)
    with out.open("a", encoding="utf-8") as fh:
        fh.write('{"id": "b", "enti')
    assert predict_corpus(Echo(), corpus, out, overwrite=True, progress=False).written == 1


def test_overwrite_judges_an_output_without_a_run_record_by_its_lines_not_by_this_run_s_fields(tmp_path):
    """Without a run record, --overwrite read a line's text as a carried one (arapol's) only where this run carries it,
    and read the text in this run's --text-field alone: a corpus of texts awaiting annotation (no entity, no stance on
    any line) was removed with --carry text, or when its texts sat in another field, and an output that carried its
    texts was refused without --carry text. Fields besides the results now need a prediction in the file, whatever
    this run carries and reads."""
    corpus = tmp_path / "c.jsonl"
    _write(corpus, [{"id": "a", "text": "أ"}])
    todo, tweets, carried = (tmp_path / n for n in ("todo.jsonl", "tweets.jsonl", "carried.jsonl"))
    _write(todo, [{"id": "t1", "text": "قال بوتين", "entities": []}, {"id": "t2", "text": "رد لافروف", "entities": []}])
    _write(tweets, [{"id": "t1", "tweet": "قال بوتين", "target": "هدنة", "stance": None}])
    for path, carry in ((todo, ["text"]), (tweets, []), (tweets, ["tweet"])):
        kept = path.read_bytes()
        with pytest.raises(ArapolError, match=rf"{path.name} exists and is not a file arapol predict wrote"):
            predict_corpus(Echo(), corpus, path, carry=carry, overwrite=True, progress=False)
        assert path.read_bytes() == kept
    for carry in ([], ["text"]):  # an output of arapol's that carried its texts, its run record gone
        _write(carried, [{"id": "a", "text": "أ", "entities": []},
                         {"id": "b", "text": "ب", "entities": [{"text": "ب", "label": "PER", "start": 0, "end": 1,
                                                                "score": 0.9}]}])
        assert predict_corpus(Echo(), corpus, carried, carry=carry, overwrite=True, progress=False).written == 1
        (tmp_path / "carried.jsonl.run.json").unlink()



def test_overwrite_gets_past_a_damaged_run_record_beside_an_output_that_carried_its_texts(tmp_path):
    """Outputs judged by their lines alone left a damaged run record of ours vouching for nothing: a run carrying its
    texts that found no entity, its record cut short (a full disk, a killed write), was refused by --overwrite,
    which had started it over. The damaged record vouches for the output by this run's --carry and --text-field, as
    before; lines holding a text this run does not carry, with no prediction, are still left."""
    corpus, out = tmp_path / "c.jsonl", tmp_path / "o.jsonl"
    _write(corpus, [{"id": "a", "text": "أ"}, {"id": "b", "text": "ب"}])
    side = tmp_path / "o.jsonl.run.json"
    predict_corpus(Echo(), corpus, out, carry=["text"], progress=False)
    side.write_text("{", encoding="utf-8")
    with pytest.raises(ArapolError, match="o.jsonl.run.json: invalid JSON"):
        predict_corpus(Echo(), corpus, out, carry=["text"], progress=False)
    assert predict_corpus(Echo(), corpus, out, carry=["text"], overwrite=True, progress=False).written == 2
    assert json.loads(side.read_text(encoding="utf-8"))["records"]["carry"] == ["text"]
    side.write_text("{", encoding="utf-8")
    kept = out.read_bytes()
    with pytest.raises(ArapolError, match="o.jsonl exists and is not a file arapol predict wrote, as far as arapol can "
                                          "tell: it has no readable run record"):
        predict_corpus(Echo(), corpus, out, overwrite=True, progress=False)  # its texts are not this run's to carry
    assert out.read_bytes() == kept and side.read_text(encoding="utf-8") == "{"


def test_overwrite_counts_actors_and_sentences_as_predictions(tmp_path):
    """Without a run record, an output whose lines carried a text showed a prediction only by an entity or a stance:
    one whose finds were all actors (or sentences) was refused by --overwrite."""
    corpus, out = tmp_path / "c.jsonl", tmp_path / "o.jsonl"
    _write(corpus, [{"id": "a", "text": "أ"}])
    actor = {"id": "putin", "name": "Vladimir Putin", "name_ar": "بوتين", "type": "person", "mentions": 1,
             "stance": {"label": "none", "counts": {}}}
    sentence = {"text": "أ", "start": 0, "end": 1, "stance": {"label": "favor", "scores": {"favor": 0.9}}}
    for finds in ({"actors": [actor]}, {"sentences": [sentence]}):
        _write(out, [{"id": "a", "text": "أ", "entities": [], **finds}, {"id": "b", "text": "ب", "entities": []}])
        assert predict_corpus(Echo(), corpus, out, carry=["text"], overwrite=True, progress=False).written == 1
        (tmp_path / "o.jsonl.run.json").unlink()
    _write(out, [{"id": "a", "text": "أ", "entities": [], "actors": [], "sentences": []}])
    with pytest.raises(ArapolError, match="no line shows a prediction"):
        predict_corpus(Echo(), corpus, out, carry=["text"], overwrite=True, progress=False)


def test_overwrite_says_why_it_leaves_lines_that_hold_more_than_results_and_no_prediction(tmp_path):
    """--overwrite refused a file of texts awaiting annotation as "not a file arapol predict wrote", though it may be
    an output whose run record was lost: it now says what it saw (no run record, no prediction, other fields)."""
    corpus, todo = tmp_path / "c.jsonl", tmp_path / "todo.jsonl"
    _write(corpus, [{"id": "a", "text": "أ"}])
    _write(todo, [{"id": "t1", "text": "قال بوتين", "entities": []}])
    with pytest.raises(ArapolError) as caught:
        predict_corpus(Echo(), corpus, todo, carry=["text"], overwrite=True, progress=False)
    assert ("it has no run record, and no line shows a prediction (an entity, a stance, a sentence or an actor), "
            "though its lines hold other fields (such as 'text'), so arapol cannot tell it from input data; "
            "--overwrite leaves it: choose another --output, or remove it yourself") in str(caught.value)
    _write(todo, [{"id": "t1", "text": "قال بوتين", "entities": [{"start": 4, "end": 9, "label": "PER"}]}])
    with pytest.raises(ArapolError) as caught:  # gold entities: not of a prediction's shape, as before
        predict_corpus(Echo(), corpus, todo, carry=["text"], overwrite=True, progress=False)
    assert "no line shows a prediction" not in str(caught.value)
    assert "todo.jsonl exists and is not a file arapol predict wrote: --overwrite removes only" in str(caught.value)


def test_a_run_that_failed_before_its_first_record_does_not_block_the_next(tmp_path, monkeypatch):
    """An errors file that cannot be written (a read-only mount) failed the run after the output was created: the
    empty output and its run record then refused the same run with a writable --errors (a helper's probe)."""
    import pathlib

    corpus, out, locked, free = (tmp_path / n for n in ("c.jsonl", "o.jsonl", "ro-errors.jsonl", "errors.jsonl"))
    _write(corpus, [{"id": "a", "text": "أ"}, "{bad"])
    real_open = pathlib.Path.open

    def refuse(self, mode="r", *args, **kwargs):
        if self == locked and "a" in mode:
            raise PermissionError(30, "Read-only file system", str(self))
        return real_open(self, mode, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", refuse)
    with pytest.raises(PermissionError):
        predict_corpus(Echo(), corpus, out, errors_path=locked, progress=False)
    assert out.exists() and out.stat().st_size == 0
    report = predict_corpus(Echo(), corpus, out, errors_path=free, progress=False)
    assert report.written == 1 and len(free.read_text(encoding="utf-8").splitlines()) == 1


def test_an_input_that_is_no_regular_file_is_named_so(tmp_path):
    with pytest.raises(DataError, match="input file not found"):
        predict_corpus(Echo(), tmp_path / "missing.jsonl", tmp_path / "o.jsonl", progress=False)
    with pytest.raises(DataError, match=r"not a regular file \(a folder, a pipe or a device\)"):
        predict_corpus(Echo(), tmp_path, tmp_path / "o.jsonl", progress=False)


def test_an_output_from_before_records_named_the_errors_file(tmp_path):
    """Such a record means the default errors file: another file given as --errors is another run's, untouched."""
    corpus, out, notes = tmp_path / "c.jsonl", tmp_path / "o.jsonl", tmp_path / "notes.txt"
    _write(corpus, [{"id": "a", "text": "أ"}, {"id": "b", "text": "بب"}])
    predict_corpus(Echo(), corpus, out, progress=False)
    side = tmp_path / "o.jsonl.run.json"
    record = json.loads(side.read_text(encoding="utf-8"))
    del record["errors"]
    side.write_text(json.dumps(record), encoding="utf-8")
    notes.write_text("my notes\nan unfinished line", encoding="utf-8")
    for overwrite in (False, True):
        with pytest.raises(ArapolError):
            predict_corpus(Echo(), corpus, out, errors_path=notes, overwrite=overwrite, progress=False)
    assert notes.read_text(encoding="utf-8") == "my notes\nan unfinished line"
    assert predict_corpus(Echo(), corpus, out, progress=False).skipped == 2  # the default resumes


def test_a_copied_output_folder_resumes_and_overwrites_only_its_own_files(tmp_path):
    (tmp_path / "A").mkdir()
    corpus = tmp_path / "c.jsonl"
    _write(corpus, [{"id": "a", "text": "أ"}, "{bad"])
    predict_corpus(Echo(), corpus, tmp_path / "A" / "o.jsonl", progress=False)
    shutil.copytree(tmp_path / "A", tmp_path / "B")
    assert predict_corpus(Echo(), corpus, tmp_path / "B" / "o.jsonl", progress=False).skipped == 1
    predict_corpus(Echo(), corpus, tmp_path / "B" / "o.jsonl", overwrite=True, progress=False)
    assert (tmp_path / "A" / "o.jsonl.errors.jsonl").exists() and (tmp_path / "B" / "o.jsonl.errors.jsonl").exists()


def test_an_output_line_that_is_not_an_object_is_named(tmp_path):
    corpus, out = tmp_path / "c.jsonl", tmp_path / "o.jsonl"
    _write(corpus, [{"id": "a", "text": "أ"}, {"id": "b", "text": "ب"}])
    predict_corpus(Echo(), corpus, out, progress=False)
    out.write_text('"valid JSON, not a record"\n', encoding="utf-8")
    with pytest.raises(DataError, match=r"o.jsonl:1: cannot resume: this line is not one arapol wrote \(no 'an "
                                        r"object'\)"):
        predict_corpus(Echo(), corpus, out, progress=False)


def test_a_file_system_without_locks_warns_and_goes_on(tmp_path, monkeypatch, caplog):
    import errno
    import fcntl

    def no_locks(fh, how):
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", no_locks)
    corpus = tmp_path / "c.jsonl"
    _write(corpus, [{"id": "a", "text": "أ"}])
    assert predict_corpus(Echo(), corpus, tmp_path / "o.jsonl", progress=False).written == 1
    assert "o.jsonl.lock: cannot be locked here (No locks available)" in caplog.text
    assert not (tmp_path / "o.jsonl.lock").exists()  # deleted as the run ended there too
    from arapol.checkpoint import exclusive_lock

    with pytest.raises(KeyError) as err, exclusive_lock(tmp_path / "x.lock", "busy", remove=True):
        raise KeyError("in the block")  # an error of the block is its own, not chained to the lock's (a review)
    assert err.value.__context__ is None


def test_an_older_run_given_its_own_errors_file_resumes(tmp_path):
    """A record from before records named the errors file: a given file holding only errors entries is that run's."""
    corpus, out, mine = tmp_path / "c.jsonl", tmp_path / "o.jsonl", tmp_path / "my-errors.jsonl"
    _write(corpus, [{"id": "a", "text": "أ"}, "{bad", {"id": "c", "text": "ت"}])
    predict_corpus(Echo(), corpus, out, errors_path=mine, progress=False)
    side = tmp_path / "o.jsonl.run.json"
    record = json.loads(side.read_text(encoding="utf-8"))
    del record["errors"]
    side.write_text(json.dumps(record), encoding="utf-8")
    report = predict_corpus(Echo(), corpus, out, errors_path=mine, progress=False)
    assert (report.skipped, report.written, report.errors) == (2, 0, 0)


def test_a_predicted_record_edited_into_a_bad_one_stops_the_resume(tmp_path):
    corpus, out = tmp_path / "c.jsonl", tmp_path / "o.jsonl"
    _write(corpus, [{"id": "a", "text": "أ"}, {"id": "b", "text": "بب"}])
    predict_corpus(Echo(), corpus, out, progress=False)
    _write(corpus, [{"id": "a", "text": "أ"}, {"id": "b"}])
    with pytest.raises(DataError, match=r"c.jsonl:2: record 'b' was predicted by an earlier run and is now a bad "
                                        r"record \(field 'text' is missing; found fields \['id'\]\)"):
        predict_corpus(Echo(), corpus, out, progress=False)


def test_nan_and_infinity_are_not_json_and_not_carried(tmp_path):
    corpus, out = tmp_path / "c.jsonl", tmp_path / "o.jsonl"
    _write(corpus, [{"id": "a", "text": "أ", "score": 1.5}, '{"id": "b", "text": "ب", "score": NaN}',
                    '{"id": "c", "text": "ت", "score": -Infinity}'])
    report = predict_corpus(Echo(), corpus, out, carry=["score"], progress=False)
    assert (report.written, report.errors) == (1, 2)
    errors = [json.loads(x)["error"] for x in (tmp_path / "o.jsonl.errors.jsonl").read_text().splitlines()]
    assert errors == ["invalid JSON (NaN is not a JSON number): expected one object a line",
                      "invalid JSON (-Infinity is not a JSON number): expected one object a line"]
    assert "NaN" not in out.read_text(encoding="utf-8")


def _beside_files(out: Path) -> dict[str, bytes]:
    """The bytes of an output and of the files a run keeps beside it."""
    return {p.name: p.read_bytes() for p in sorted(out.parent.glob(out.name + "*")) if p.name != out.name + ".lock"}


def test_a_resume_over_a_replaced_or_shrunk_input_is_refused_before_it_writes(tmp_path):
    """The output of a finished run holds only records of its input: one that has lost records is refused."""
    corpus, out = tmp_path / "c.jsonl", tmp_path / "o.jsonl"
    _write(corpus, [{"id": "a", "text": "أ"}, {"id": "b", "text": "بب"}])
    predict_corpus(Echo(), corpus, out, progress=False)
    before = _beside_files(out)
    _write(corpus, [{"id": "c", "text": "تتت"}, "{bad"])  # next week's corpus at the same path
    with pytest.raises(ArapolError, match=re.escape(
            f"{out} holds 2 records that {corpus} does not have now (ids 'a', 'b'): the input was replaced, or "
            "records were removed from it, since an earlier run predicted them") + r".* Nothing was written: start "
            r"over with --overwrite \(in Python: overwrite=True\), .* or write this input to another --output"):
        predict_corpus(Echo(), corpus, out, progress=False)
    assert _beside_files(out) == before  # no record, digest or bad record written
    _write(corpus, [{"id": "a", "text": "أ"}])  # shrunk: a pass with nothing to write checks at its end
    with pytest.raises(ArapolError, match=re.escape(f"holds 1 record that {corpus} does not have now (id 'b')")):
        predict_corpus(Echo(), corpus, out, progress=False)
    assert _beside_files(out) == before
    _write(corpus, [{"id": i, "text": "ن"} for i in range(5)])
    with pytest.raises(ArapolError, match=re.escape("(ids 'a', 'b')")):
        predict_corpus(Echo(), corpus, out, progress=False)
    fresh = predict_corpus(Echo(), corpus, out, overwrite=True, progress=False)
    assert fresh.written == 5 and [json.loads(x)["id"] for x in out.read_text().splitlines()] == list(range(5))
    _write(corpus, [{"id": 4, "text": "ن"}])
    with pytest.raises(ArapolError, match=re.escape("holds 4 records that") + ".*" + re.escape("(ids 0, 1, 2 and 1 "
                                                                                                "more)")):
        predict_corpus(Echo(), corpus, out, progress=False)


class Counting(Echo):
    """An :class:`Echo` that counts the texts it is given."""

    def __init__(self):
        self.texts = 0

    def predict(self, texts, progress=False, **kwargs):
        self.texts += len(texts)
        return super().predict(texts, progress=progress, **kwargs)


def test_a_resume_over_a_replaced_input_is_refused_before_any_model_time(tmp_path):
    corpus, out = tmp_path / "c.jsonl", tmp_path / "o.jsonl"
    _write(corpus, [{"id": "a", "text": "أ"}])
    predict_corpus(Echo(), corpus, out, progress=False)
    _write(corpus, [{"id": i, "text": "ن"} for i in range(3)])
    model = Counting()
    with pytest.raises(ArapolError, match=re.escape("holds 1 record that")):
        predict_corpus(model, corpus, out, chunk_size=2, progress=False)
    assert model.texts == 0


def test_a_resume_reads_ahead_only_for_records_it_has_not_met(tmp_path, monkeypatch):
    """A record fixed after an error is retried; the records predicted after it are looked for further on in the
    input before it is written, and a plain resume reads the input once."""
    import arapol.corpus

    corpus, out = tmp_path / "c.jsonl", tmp_path / "o.jsonl"
    _write(corpus, [{"id": "a", "text": "أ"}, {"id": "b"}, {"id": "c", "text": "ت"}, {"id": "d", "text": "ث"}])
    assert predict_corpus(Echo(), corpus, out, chunk_size=1, progress=False).errors == 1
    reads, real = [], arapol.corpus._records
    monkeypatch.setattr(arapol.corpus, "_records", lambda *a, **k: reads.append(a[0]) or real(*a, **k))
    _write(corpus, [{"id": "a", "text": "أ"}, {"id": "b", "text": "ب"}, {"id": "c", "text": "ت"},
                    {"id": "d", "text": "ث"}, {"id": "e", "text": "ج"}])
    before = out.read_bytes()
    report = predict_corpus(Echo(), corpus, out, chunk_size=1, progress=False)
    assert (report.written, report.skipped, report.errors_in_file) == (2, 3, 0) and len(reads) == 2  # read ahead
    assert [json.loads(x)["id"] for x in out.read_text().splitlines()] == ["a", "c", "d", "b", "e"]
    reads.clear()
    with corpus.open("a", encoding="utf-8") as fh:  # appended: every record of the output met before it
        fh.write(json.dumps({"id": "f", "text": "ح"}, ensure_ascii=False) + "\n")
    assert predict_corpus(Echo(), corpus, out, chunk_size=1, progress=False).written == 1 and len(reads) == 1
    before = _beside_files(out)
    _write(corpus, [{"id": "a", "text": "أ"}, {"id": "new", "text": "ن"}, {"id": "b", "text": "ب"},
                    {"id": "d", "text": "ث"}, {"id": "f"}])  # c removed, f made bad: found before "new" is written
    with pytest.raises(DataError, match=r"c.jsonl:5: record 'f' was predicted by an earlier run and is now a bad "
                                        r"record"):
        predict_corpus(Echo(), corpus, out, chunk_size=1, progress=False)
    assert _beside_files(out) == before  # "new" not written
    _write(corpus, [{"id": "a", "text": "أ"}, {"id": "new", "text": "ن"}, {"id": "b", "text": "ب"},
                    {"id": "d", "text": "ث"}, {"id": "f", "text": "ح"}])
    with pytest.raises(ArapolError, match=re.escape("holds 2 records that") + ".*" + re.escape("(ids 'c', 'e')")):
        predict_corpus(Echo(), corpus, out, chunk_size=1, progress=False)
    assert _beside_files(out) == before


def test_moved_refuses_another_file_at_the_new_path(tmp_path):
    (tmp_path / "a").mkdir()
    corpus, out = tmp_path / "a/c.jsonl", tmp_path / "o.jsonl"
    _write(corpus, [{"id": "a", "text": "أ"}, {"id": "b", "text": "بب"}])
    predict_corpus(Echo(), corpus, out, progress=False)
    before = _beside_files(out)
    (tmp_path / "b").mkdir()
    moved = tmp_path / "b/c.jsonl"
    _write(moved, [{"id": "z", "text": "ي"}])  # not the file that was moved
    with pytest.raises(ArapolError, match=re.escape(f"holds 2 records that {moved} does not have now") + ".*" +
                       re.escape(f"With --moved the input must be the same file at its new path: the earlier run's "
                                 f"was {corpus.resolve()}.")):
        predict_corpus(Echo(), moved, out, moved=True, progress=False)
    assert _beside_files(out) == before  # the run record still names the earlier input
    corpus.rename(moved)
    report = predict_corpus(Echo(), moved, out, moved=True, progress=False)
    assert (report.written, report.skipped) == (0, 2)
    assert json.loads((tmp_path / "o.jsonl.run.json").read_text(encoding="utf-8"))["input"] == str(moved.resolve())


def test_lines_moved_under_records_without_ids_are_named_as_such(tmp_path):
    """Records without an id are named line:N: lines added or removed above them rename them, which is no edit."""
    corpus, out = tmp_path / "c.jsonl", tmp_path / "o.jsonl"
    _write(corpus, [{"text": "أ"}, {"text": "بب"}])
    predict_corpus(Echo(), corpus, out, progress=False)
    before = _beside_files(out)
    common = (r": the records below them go by other names now, and their results in .*o.jsonl belong to other "
              r"records. Records without an id resume only while their lines stay where they are: put the lines "
              r"back, or start over with --overwrite \(in Python: overwrite=True\), or give each record an 'id' field")
    _write(corpus, [{"text": "جديد"}, {"text": "أ"}, {"text": "بب"}])
    with pytest.raises(DataError, match=r"c.jsonl:1: record 'line:1' has no 'id' field, so it is named by its line, "
                                        r"and lines were added to or removed from the input above it since an earlier "
                                        r"run predicted it \(what was predicted as 'line:1' is at line 2 now\)"
                                        + common):
        predict_corpus(Echo(), corpus, out, progress=False)
    _write(corpus, [{"text": "بب"}])
    with pytest.raises(DataError, match=r"\(this record was predicted as 'line:2'\)" + common):
        predict_corpus(Echo(), corpus, out, progress=False)
    _write(corpus, [{"text": "أأ"}, {"text": "بب"}])
    with pytest.raises(DataError, match=r"it is not the record that an earlier run predicted as 'line:1': it was "
                                        r"edited since \(its result in .*o.jsonl would be stale\), or lines were "
                                        r"added"):
        predict_corpus(Echo(), corpus, out, progress=False)
    _write(corpus, [{"text": "أ"}])
    with pytest.raises(ArapolError, match=r"holds 1 record that .* \(id 'line:2'\).* Records without an 'id' field "
                                          r"are named by their line \(line:N\), so adding or removing lines "
                                          r"renames the records below them"):
        predict_corpus(Echo(), corpus, out, progress=False)
    _write(corpus, ['{"text": 1}', {"text": "بب"}])
    with pytest.raises(DataError, match=r"record 'line:1' was predicted by an earlier run and is now a bad record "
                                        r"\(field 'text' must be a string, found int 1\) \(it has no 'id' field, so "
                                        r"it is named by its line: if lines were added"):
        predict_corpus(Echo(), corpus, out, progress=False)
    assert _beside_files(out) == before
    other = tmp_path / "o2.jsonl"  # a line added at the top: 'line:2' is 'line:3' now, and nothing was removed
    _write(corpus, [{"id": "a", "text": "أ"}, {"text": "بب"}])
    predict_corpus(Echo(), corpus, other, progress=False)
    _write(corpus, [{"text": "جديد"}, {"id": "a", "text": "أ"}, {"text": "بب"}])
    with pytest.raises(ArapolError, match=r"holds 1 record that .* \(id 'line:2'\): the input was replaced, or "
                                          r"records were removed from it, or lines added to it, since"):
        predict_corpus(Echo(), corpus, other, progress=False)


def test_cli_refuses_a_replaced_input(tiny_ner_model, tmp_path, capsys):
    corpus, out = tmp_path / "c.jsonl", tmp_path / "out.jsonl"
    _write(corpus, [{"id": "a", "text": "رحبت موسكو بالهدنة"}, {"id": "b", "text": "رفضت جبهة النصرة الاتفاق"}])
    base = ["predict", str(tiny_ner_model), "--input", str(corpus), "--output", str(out)]
    assert main(base) == 0
    capsys.readouterr()
    _write(corpus, [{"id": "c", "text": "وقال أردوغان إن أنقرة تدعم الهدنة"}])
    assert main(base) == 2
    assert f"{out} holds 2 records that {corpus} does not have now (ids 'a', 'b')" in capsys.readouterr().err
    assert [json.loads(x)["id"] for x in out.read_text(encoding="utf-8").splitlines()] == ["a", "b"]


def test_an_empty_input_is_warned_of(tmp_path, caplog):
    corpus, out = tmp_path / "c.jsonl", tmp_path / "o.jsonl"
    corpus.write_text("\n \n", encoding="utf-8")
    with caplog.at_level("WARNING", logger="arapol.corpus"):
        report = predict_corpus(Echo(), corpus, out, progress=False)
    assert report.written == 0 and "c.jsonl holds no records" in caplog.text


def test_an_edit_among_repeated_texts_is_named_an_edit(tmp_path):
    """A text that occurs twice (boilerplate) moved nowhere: line 3 edited in place is an edit, not lines moved."""
    corpus, out = tmp_path / "c.jsonl", tmp_path / "o.jsonl"
    _write(corpus, [{"text": "أ"}, {"text": "بب"}, {"text": "أ"}])
    predict_corpus(Echo(), corpus, out, progress=False)
    _write(corpus, [{"text": "أ"}, {"text": "بب"}, {"text": "جديد"}])
    with pytest.raises(DataError, match=r"c.jsonl:3: record 'line:3' has no 'id' field, so it is named by its line, "
                                        r"and it is not the record that an earlier run predicted as 'line:3': it was "
                                        r"edited since"):
        predict_corpus(Echo(), corpus, out, progress=False)


def test_undated_records_are_warned_of_where_a_title_was_read_as_its_latest_holder(tiny_ner_model, tmp_path,
                                                                                    caplog):
    p = arapol.load(tiny_ner_model)
    corpus = tmp_path / "c.jsonl"
    _write(corpus, [{"id": "a", "date": "2016-10-18", "text": "رحبت موسكو بالهدنة"},
                    {"id": "b", "text": "وقال الرئيس الأمريكي إن بلاده تدعم الهدنة"},
                    {"id": "c", "date": "", "text": "رفضت جبهة النصرة الاتفاق"}])
    with caplog.at_level("WARNING", logger="arapol.corpus"):
        predict_corpus(p, corpus, tmp_path / "o.jsonl", progress=False, actors=True)
    assert "2 of 3 articles have no date, and in 1 of them a title (such as الرئيس الأمريكي)" in caplog.text
    caplog.clear()
    titled = {"id": "a", "date": "2016", "text": "وقال الرئيس الأمريكي إن بلاده تدعم الهدنة"}
    with caplog.at_level("WARNING", logger="arapol.corpus"):
        predict_corpus(p, corpus, tmp_path / "p.jsonl", progress=False)  # no actors: dates read nothing
        _write(tmp_path / "d.jsonl", [titled])
        predict_corpus(p, tmp_path / "d.jsonl", tmp_path / "q.jsonl", progress=False, actors=True)
        _write(tmp_path / "e.jsonl", [{"id": "c", "text": "رفضت جبهة النصرة الاتفاق"}])  # undated, no title
        predict_corpus(p, tmp_path / "e.jsonl", tmp_path / "s.jsonl", progress=False, actors=True)
    assert "no date" not in caplog.text
    with caplog.at_level("WARNING", logger="arapol.corpus"):  # dates not read at all
        predict_corpus(p, tmp_path / "d.jsonl", tmp_path / "r.jsonl", progress=False, actors=True, date_field=None)
    assert "1 of 1 articles have no date, and in 1 of them" in caplog.text


@pytest.mark.filterwarnings("ignore::arapol.UnseenTargetWarning")  # unlearned targets on purpose
def test_each_record_is_read_toward_its_own_target(tiny_stance_model, tmp_path, capsys):
    """A stance corpus run read every record toward --target or the model's, whatever target the record named (a
    helper's probe: with --carry target the output paired a record's target with another target's scores)."""
    stance = arapol.load(tiny_stance_model)
    texts = [json.loads(line)["text"] for line in (ROOT / "data/stance/test.jsonl").read_text(
        encoding="utf-8").splitlines()][:6]
    targets = ["الهدنة", None, "الانتخابات", "الهدنة", None, "اللاجئون"]
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps({"id": i, "text": t, **({"target": g} if g else {})}, ensure_ascii=False)
                              + "\n" for i, (t, g) in enumerate(zip(texts, targets))), encoding="utf-8")
    report = predict_corpus(stance, corpus, tmp_path / "out.jsonl", chunk_size=4, progress=False)
    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert report.written == 6 and [r["id"] for r in rows] == list(range(6))
    for row, text, target in zip(rows, texts, targets):
        assert row["stance"] == stance.predict(text, target=target)["stance"]
    assert rows[0]["stance"] != stance.predict(texts[0])["stance"]  # the tiny model does read the target
    # --target: the target of the records that name none; --target-field '': of every record
    assert main(["predict", str(tiny_stance_model), "--input", str(corpus), "--output", str(tmp_path / "t.jsonl"),
                 "--target", "الحرب"]) == 0
    rows = [json.loads(line) for line in (tmp_path / "t.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["stance"] for r in rows] == [stance.predict(t, target=g or "الحرب")["stance"]
                                           for t, g in zip(texts, targets)]
    assert main(["predict", str(tiny_stance_model), "--input", str(corpus), "--output", str(tmp_path / "a.jsonl"),
                 "--target", "الحرب", "--target-field", ""]) == 0
    rows = [json.loads(line) for line in (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["stance"] for r in rows] == [stance.predict(t, target="الحرب")["stance"] for t in texts]
    # a target that is no string is a bad record; a record whose target changed is an edited one
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": 0, "text": texts[0], "target": 7}) + "\n", encoding="utf-8")
    assert predict_corpus(stance, bad, tmp_path / "b.jsonl", progress=False).errors == 1
    assert "field 'target' (the record's stance target) must be a non-blank string" in \
        (tmp_path / "b.jsonl.errors.jsonl").read_text(encoding="utf-8")
    corpus.write_text(corpus.read_text(encoding="utf-8").replace("الانتخابات", "الدستور"), encoding="utf-8")
    with pytest.raises(DataError, match=r"c.jsonl:3: record 2 has changed since an earlier run predicted it \(its "
                                        r"text or stance target\)"):  # (only the target was edited: it is named)
        predict_corpus(stance, corpus, tmp_path / "out.jsonl", chunk_size=4, progress=False)
    # blank once normalised, or too long: a bad record, as a blank one is (it stopped the whole run, the records
    # before and after it unwritten: a helper's probe); the run goes on, and a rerun reports it once
    blank = tmp_path / "blank.jsonl"
    blank.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in (
        {"id": "a", "text": texts[0]}, {"id": "x", "text": texts[1], "target": "ـــ"},
        {"id": "y", "text": texts[2], "target": "الحرب " * 600}, {"id": "b", "text": texts[3]})), encoding="utf-8")
    for _ in range(2):
        report = predict_corpus(stance, blank, tmp_path / "x.jsonl", progress=False)
        errors = [json.loads(line) for line in (tmp_path / "x.jsonl.errors.jsonl").read_text("utf-8").splitlines()]
        assert [(e["line"], e["id"]) for e in errors] == [(2, "x"), (3, "y")]
        assert errors[0]["error"].startswith("its stance target 'ـــ' cannot be read (target 'ـــ' is blank once")
        assert "too long" in errors[1]["error"]
        rows = [json.loads(line) for line in (tmp_path / "x.jsonl").read_text(encoding="utf-8").splitlines()]
        assert [r["id"] for r in rows] == ["a", "b"] and report.errors_in_file == 2


@pytest.mark.filterwarnings("ignore::arapol.UnseenTargetWarning")  # unlearned targets on purpose
def test_a_misspelt_id_target_or_date_field_is_a_bad_record_not_a_default(tiny_stance_model, tiny_ner_model,
                                                                           tmp_path):
    """A helper's probe: ``{"Target": ...}`` was read toward the model's default target, and ``{"ID": ...}`` was
    written as ``line:N`` (the user's id lost), silently; the training reader refuses such keys already."""
    stance = arapol.load(tiny_stance_model)
    corpus = tmp_path / "c.jsonl"
    rows = [{"id": "ok", "text": "رحبت موسكو بالهدنة", "target": "الانتخابات"},
            {"id": "t", "text": "رحبت موسكو بالهدنة", "Target": "الانتخابات"},
            {"ID": "doc-77", "text": "رحبت موسكو بالهدنة"},
            {"_id": "doc-78", "text": "رحبت موسكو بالهدنة"},
            {"id": "s", "text": "رحبت موسكو بالهدنة", " targt": "الانتخابات"},
            {"text": "بلا معرف", "is": True, "in": "x"}]  # one edit from "id", but other words: named line:6
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    report = predict_corpus(stance, corpus, tmp_path / "out.jsonl", progress=False)
    written = [json.loads(x)["id"] for x in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    errors = [json.loads(x) for x in (tmp_path / "out.jsonl.errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert written == ["ok", "line:6"] and report.errors == 4
    assert [(e["line"], e.get("id")) for e in errors] == [(2, "t"), (3, None), (4, None), (5, "s")]
    assert errors[0]["error"] == ("no field 'target' (the record's stance target; without it the run's target is "
                                  "read), but 'Target': a misspelling? Rename it 'target', or name the field "
                                  "(--target-field Target / target_field=)")
    assert errors[1]["error"].startswith("no field 'id' (the record's id; without it the record is named line:N), "
                                         "but 'ID': a misspelling?")
    assert "but '_id'" in errors[2]["error"] and "but ' targt'" in errors[3]["error"]
    # named as the run's field, the same keys are read; an NER model reads no target (no stance target to miss)
    assert predict_corpus(stance, corpus, tmp_path / "t.jsonl", target_field="Target", progress=False).written == 2
    assert [json.loads(x)["id"] for x in (tmp_path / "t.jsonl").read_text(encoding="utf-8").splitlines()] == \
        ["t", "line:6"]  # "target" now looks like a misspelling of "Target"
    assert predict_corpus(stance, corpus, tmp_path / "i.jsonl", id_field="ID", progress=False).errors == 5
    ner = predict_corpus(arapol.load(tiny_ner_model), corpus, tmp_path / "n.jsonl", progress=False)
    assert ner.written == 4 and ner.errors == 2
    dated = tmp_path / "d.jsonl"
    dated.write_text(json.dumps({"id": 1, "text": "قال الرئيس", "Date": "2020-01-01"}) + "\n", encoding="utf-8")
    report = predict_corpus(arapol.load(tiny_ner_model), dated, tmp_path / "dd.jsonl", actors=True, progress=False)
    assert report.errors == 1 and "no field 'date' (the record's date; without it titles are read undated), but " \
        "'Date'" in (tmp_path / "dd.jsonl.errors.jsonl").read_text(encoding="utf-8")


@pytest.mark.filterwarnings("ignore::arapol.UnseenTargetWarning")  # unlearned targets on purpose
def test_a_corpus_run_reads_each_target_from_the_column_the_model_was_trained_on(tiny_stance_model, tmp_path,
                                                                                   caplog):
    """A fresh user's audit: a model trained on records whose target is in ``topic`` read a corpus of that layout
    toward the model's own target, every record's ``topic`` ignored, unless ``--target-field topic`` was given."""
    import yaml

    model = tmp_path / "topic"
    shutil.copytree(tiny_stance_model, model, ignore=shutil.ignore_patterns("checkpoints", "tiny-base"))
    cfg_path = model / "training_config.yaml"
    cfg = yaml.safe_load(cfg_path.read_text(encoding="utf-8"))
    cfg["data"]["target_column"] = "topic"
    cfg_path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    stance = arapol.load(model)
    texts = [json.loads(line)["text"] for line in (ROOT / "data/stance/test.jsonl").read_text(
        encoding="utf-8").splitlines()][:4]
    topics = ["الهدنة", "الانتخابات", None, "اللاجئون"]
    corpus = tmp_path / "c.jsonl"
    _write(corpus, [{"id": i, "text": t, **({"topic": g} if g else {})} for i, (t, g) in enumerate(zip(texts, topics))])

    def stances(out: str, *options: str) -> list[str]:
        assert main(["predict", str(model), "--input", str(corpus), "--output", str(tmp_path / out), *options]) == 0
        return [json.loads(line)["stance"] for line in (tmp_path / out).read_text(encoding="utf-8").splitlines()]

    own = [stance.predict(t, target=g)["stance"] for t, g in zip(texts, topics)]
    assert own != [stance.predict(t)["stance"] for t in texts]  # the tiny model does read the target
    with caplog.at_level("WARNING", logger="arapol.corpus"):
        assert stances("a.jsonl") == own
        assert "a mistyped name?" not in caplog.text
        # the Python function reads the same field by default (it read `target`: every `topic` ignored)
        predict_corpus(stance, corpus, tmp_path / "py.jsonl", progress=False)
        assert [json.loads(line)["stance"] for line in (tmp_path / "py.jsonl").read_text(
            encoding="utf-8").splitlines()] == own
        assert stances("b.jsonl", "--target-field", "target") == [stance.predict(t)["stance"] for t in texts]
        assert "a mistyped name?" not in caplog.text  # (the default field: a corpus of one target names none)
        # a mistyped field read every record toward the model's target, silently (a fresh user's audit); the
        # records that have the field meant are bad ones now, and the rest are warned of
        assert stances("d.jsonl", "--target-field", "topc") == [stance.predict(texts[2])["stance"]]
    errors = [json.loads(x) for x in (tmp_path / "d.jsonl.errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [e["id"] for e in errors] == [0, 1, 3]
    assert all("no field 'topc' (the record's stance target; without it the run's target is read), but 'topic': a "
               "misspelling?" in e["error"] for e in errors)
    assert "none of the 1 records written has the field 'topc' (a record's stance target): each was read toward " \
           f"{stance.stance.default_target!r}; a mistyped name?" in caplog.text


@pytest.mark.filterwarnings("ignore::arapol.UnseenTargetWarning")  # unlearned targets on purpose
def test_a_model_trained_with_no_target_column_reads_every_record_toward_its_target(tiny_stance_model, tmp_path,
                                                                                   caplog):
    """``data.target_column: null`` in training read every record toward the config's target; ``predict --input``
    and ``evaluate FILE`` read each record's ``target`` field all the same (a helper's probe). Records that name
    another target there are read toward the model's all the same, and said so once (a review: silently), with the
    option that reads theirs."""
    import yaml

    model = tmp_path / "no-column"
    shutil.copytree(tiny_stance_model, model, ignore=shutil.ignore_patterns("checkpoints", "tiny-base"))
    cfg_path = model / "training_config.yaml"
    cfg = yaml.safe_load(cfg_path.read_text(encoding="utf-8"))
    cfg["data"]["target_column"] = None
    cfg_path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    stance = arapol.load(model)
    records = [json.loads(line) for line in (ROOT / "data/stance/test.jsonl").read_text(
        encoding="utf-8").splitlines()][:6]
    topics = ["الهدنة", "الانتخابات", "اللاجئون"] * 2
    corpus = tmp_path / "c.jsonl"
    _write(corpus, [{"id": i, "text": r["text"], "target": g, "label": r["label"]}
                    for i, (r, g) in enumerate(zip(records, topics))])
    own = [stance.predict(r["text"])["stance"] for r in records]
    assert own != [stance.predict(r["text"], target=g)["stance"] for r, g in zip(records, topics)]  # it reads them
    with caplog.at_level("WARNING", logger="arapol.corpus"):
        assert main(["predict", str(model), "--input", str(corpus), "--output", str(tmp_path / "o.jsonl")]) == 0
    assert [json.loads(line)["stance"] for line in (tmp_path / "o.jsonl").read_text(encoding="utf-8").splitlines()] \
        == own
    assert (f"{corpus}: 6 of the 6 records written named a stance target in their field 'target' (such as 'الهدنة', "
            "'الانتخابات', 'اللاجئون'), which was not read: this model was trained with data.target_column: null and "
            f"knows one target, so every record was read toward {stance.stance.default_target!r}; --target-field "
            "target (in Python: target_field='target') reads each record's own") in caplog.text
    caplog.clear()
    with caplog.at_level("WARNING", logger="arapol.corpus"):
        assert main(["predict", str(model), "--input", str(corpus), "--output", str(tmp_path / "t.jsonl"),
                     "--target-field", "target"]) == 0
        assert [json.loads(line)["stance"] for line in (tmp_path / "t.jsonl").read_text("utf-8").splitlines()] == [
            stance.predict(r["text"], target=g)["stance"] for r, g in zip(records, topics)]
        own_target = tmp_path / "own.jsonl"  # the model's own target, in any spelling: nothing to say
        _write(own_target, [{"id": 0, "text": records[0]["text"], "target": stance.stance.default_target},
                            {"id": 1, "text": records[1]["text"], "target": stance.stance.default_target.replace(
                                "إ", "ا")}])
        predict_corpus(stance, own_target, tmp_path / "own-out.jsonl", progress=False)
        predict_corpus(stance, corpus, tmp_path / "none.jsonl", target_field=None, progress=False)  # asked not to
    assert "which was not read" not in caplog.text
    assert main(["evaluate", str(model), str(corpus), "--out", str(tmp_path / "r"), "--no-plot"]) == 0
    got = json.loads((tmp_path / "r" / "metrics.json").read_text(encoding="utf-8"))
    assert got["accuracy"] == evaluate_path(model, corpus, target_column=None)["accuracy"]
    # arapol analyze reads every article toward the one target: a record naming another is refused by line, before
    # the model runs (it was analysed toward the model's target without a word, a review), and the model's own
    # target, in another spelling too, is read
    from arapol.analysis import analyze_corpus

    with pytest.raises(DataError, match=r"c\.jsonl:2: field 'target' names the target 'الانتخابات', but this analysis "
                                        r"reads every article toward"):
        analyze_corpus(corpus, stance, tmp_path / "a", progress=False)
    assert not (tmp_path / "a").exists()
    assert analyze_corpus(own_target, stance, tmp_path / "a", progress=False)["target"] == stance.stance.default_target


def test_a_text_only_model_s_run_says_how_many_records_named_another_target(text_only_stance_model, tmp_path, caplog):
    """A text-only model (``text_only: true``) reads the text alone, toward the one target it was trained for: a
    record whose ``target`` named another was read toward that one without a word (a review), where ``predict``
    refuses any target. The run says so once, with a count, as for a model trained with ``target_column: null``."""
    model = text_only_stance_model
    own = json.loads((model / "arapol.json").read_text(encoding="utf-8"))["target"]
    corpus = tmp_path / "c.jsonl"
    _write(corpus, [{"id": 1, "text": "رحبت موسكو بالهدنة", "target": "الانتخابات"},
                    {"id": 2, "text": "رفضت الفصائل الاتفاق", "target": "لقاح كورونا"},
                    {"id": 3, "text": "رحبت أنقرة بالاتفاق", "target": own.replace("إ", "ا")},  # its own, spelt apart
                    {"id": 4, "text": "رفضت دمشق المقترح"}])
    with caplog.at_level("WARNING", logger="arapol.corpus"):
        assert main(["predict", str(model), "--input", str(corpus), "--output", str(tmp_path / "o.jsonl")]) == 0
    assert (f"{corpus}: 2 of the 4 records written named a stance target in their field 'target' (such as "
            "'الانتخابات', 'لقاح كورونا'), which was not read: this model reads the text alone (trained with "
            f"text_only: true, toward one target), so every record was read toward {own!r}; predict the records "
            "of another target with a model trained toward it") in caplog.text
    caplog.clear()
    with caplog.at_level("WARNING", logger="arapol.corpus"):
        predict_corpus(arapol.load(model), corpus, tmp_path / "n.jsonl", target_field=None, progress=False)
    assert "which was not read" not in caplog.text  # asked to read none


def test_an_output_or_errors_path_that_is_a_folder_is_named_so(tmp_path):
    """``--output out`` where ``out/`` is a folder said it "exists but was not written by arapol predict" (a helper's
    probe)."""
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": 1, "text": "نص"}\n', encoding="utf-8")
    (tmp_path / "out").mkdir()
    with pytest.raises(ArapolError, match=rf"--output {tmp_path / 'out'} is a folder: give a file's path \(such as "):
        predict_corpus(Echo(), corpus, tmp_path / "out", progress=False)
    with pytest.raises(ArapolError, match=rf"--errors {tmp_path / 'out'} is a folder"):
        predict_corpus(Echo(), corpus, tmp_path / "o.jsonl", errors_path=tmp_path / "out", progress=False)
    assert list((tmp_path / "out").iterdir()) == [] and not (tmp_path / "o.jsonl").exists()


@pytest.mark.parametrize("suffix", [".run.json", ".digests.jsonl", ".lock", ".errors.jsonl"])
def test_a_folder_where_a_run_keeps_a_file_beside_its_output_is_named_before_anything_is_touched(tmp_path, suffix,
                                                                                                capsys):
    """A folder at ``OUTPUT.run.json`` failed with ``[Errno 21] Is a directory`` (an ``IsADirectoryError`` from
    Python), and with ``--overwrite`` only after the output had been removed; at the digests file or the lock, and
    the errors file beside the output was said to be ``--errors``'s, which was not given (a review)."""
    corpus, out = tmp_path / "c.jsonl", tmp_path / "o.jsonl"
    _write(corpus, [{"id": "a", "text": "أ"}])
    predict_corpus(Echo(), corpus, out, progress=False)
    kept = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    side = tmp_path / f"o.jsonl{suffix}"
    side.unlink(missing_ok=True)
    side.mkdir()
    kept.pop(side.name, None)
    for overwrite in (False, True):
        with pytest.raises(ArapolError, match=rf"^{re.escape(str(side))} is a folder, where the [a-z ]+ of --output "
                                              r"o.jsonl goes \(a file"):
            predict_corpus(Echo(), corpus, out, overwrite=overwrite, progress=False)
        assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == kept and side.is_dir()
    # on the command line, before the model is loaded (there is none at this path)
    assert main(["predict", str(tmp_path / "no-model"), "--input", str(corpus), "--output", str(out)]) == 2
    assert capsys.readouterr().err.startswith(f"arapol: error: {side} is a folder")


@pytest.mark.parametrize("errors, lock", [("e.jsonl", "e.jsonl.lock"), ("x.errors.jsonl", "x.lock")])
def test_a_folder_at_the_lock_of_an_errors_file_named_apart_is_named(tmp_path, errors, lock):
    """``--errors e.jsonl`` with a folder at ``e.jsonl.lock`` (or ``--errors X.errors.jsonl`` with one at ``X.lock``,
    the lock it shares with output X) failed with ``[Errno 21] Is a directory`` once the model had loaded (a
    review)."""
    corpus, out = tmp_path / "c.jsonl", tmp_path / "o.jsonl"
    _write(corpus, [{"id": "a", "text": "أ"}])
    (tmp_path / lock).mkdir()
    with pytest.raises(ArapolError, match=rf"^{re.escape(str(tmp_path / lock))} is a folder, where the lock of the "
                                          rf"errors file {re.escape(errors)} goes \(a file"):
        predict_corpus(Echo(), corpus, out, errors_path=tmp_path / errors, progress=False)
    assert not out.exists()


def test_a_file_where_the_output_s_folder_would_be_is_named(tmp_path):
    """``--output notes.txt/o.jsonl`` failed with ``[Errno 17] File exists`` where the folder was to be made."""
    corpus, file = tmp_path / "c.jsonl", tmp_path / "notes.txt"
    _write(corpus, [{"id": "a", "text": "أ"}])
    file.write_text("mine\n", encoding="utf-8")
    with pytest.raises(ArapolError, match=rf"--output {re.escape(str(file))}/more/o.jsonl: {re.escape(str(file))} "
                                          "is a file, where a folder was expected"):
        predict_corpus(Echo(), corpus, file / "more" / "o.jsonl", progress=False)
    with pytest.raises(ArapolError, match=rf"--errors {re.escape(str(file))}/e.jsonl: {re.escape(str(file))} is a "
                                          "file"):
        predict_corpus(Echo(), corpus, tmp_path / "o.jsonl", errors_path=file / "e.jsonl", progress=False)
    assert file.read_text(encoding="utf-8") == "mine\n" and not (tmp_path / "o.jsonl").exists()


def test_a_carry_field_no_record_has_is_warned_of(tmp_path, caplog):
    """A fresh user's audit: --carry dat (for date) wrote records without it, and said nothing."""
    corpus, out = tmp_path / "c.jsonl", tmp_path / "o.jsonl"
    _write(corpus, [{"id": "a", "text": "أ", "date": "2016-10-18"}, {"id": "b", "text": "ب"}])
    with caplog.at_level("WARNING", logger="arapol.corpus"):
        predict_corpus(Echo(), corpus, out, carry=["dat", "date"], progress=False)
    warned = [r.getMessage() for r in caplog.records if "carry names" in r.getMessage()]
    assert len(warned) == 1 and "the field(s) ['dat']" in warned[0] and "none of the 2 records" in warned[0]
    caplog.clear()
    with caplog.at_level("WARNING", logger="arapol.corpus"):
        predict_corpus(Echo(), corpus, tmp_path / "o2.jsonl", carry=["date"], progress=False)
    assert not [r for r in caplog.records if "carry names" in r.getMessage()]  # one record has it: no warning


def test_two_runs_cannot_share_one_errors_file(tiny_ner_model, tmp_path):
    """Two runs of other outputs given one --errors file both passed its check while it was still empty, then each
    rewrote it without the other's entries (a helper's probe). The errors file is the run's as its output is."""
    from arapol.checkpoint import exclusive_lock

    corpus = tmp_path / "c.jsonl"
    write_corpus(corpus, 3)
    err = tmp_path / "shared.errors.jsonl"
    with exclusive_lock(tmp_path / "shared.lock", "held by this test"):
        with pytest.raises(ArapolError, match=r"shared.errors.jsonl is being written by another run .*: give each "
                                              r"run its own --errors file"):
            predict_corpus(arapol.load(tiny_ner_model), corpus, tmp_path / "out.jsonl", errors_path=err,
                           progress=False)
    assert not (tmp_path / "out.jsonl").exists()
    assert predict_corpus(arapol.load(tiny_ner_model), corpus, tmp_path / "out.jsonl", errors_path=err,
                          progress=False).written == 3


def test_a_run_cannot_take_the_default_errors_file_of_an_output_being_written(tiny_ner_model, tmp_path):
    """A run writing ``a.jsonl`` puts its bad records in ``a.jsonl.errors.jsonl``; a second run of another output
    given that file as its --errors took no lock the first one held, so each rewrote the other's entries."""
    from arapol.checkpoint import exclusive_lock

    corpus = tmp_path / "c.jsonl"
    write_corpus(corpus, 3)
    first = tmp_path / "a.jsonl"
    with exclusive_lock(tmp_path / "a.jsonl.lock", "held by this test, as a run writing a.jsonl holds it"):
        with pytest.raises(ArapolError, match=r"a.jsonl.errors.jsonl is being written by another run .*it holds "
                                              r"a.jsonl.lock\): give each run its own --errors file"):
            predict_corpus(arapol.load(tiny_ner_model), corpus, tmp_path / "b.jsonl",
                           errors_path=tmp_path / "a.jsonl.errors.jsonl", progress=False)
    assert not (tmp_path / "b.jsonl").exists() and not first.exists()


def test_a_lock_deleted_as_its_run_ends_still_keeps_out_a_second_run(tmp_path):
    """The lock beside an output is deleted as its run ends (it stayed beside every output). A run that opened it
    before then, and waited, must not hold the deleted file while a third run locks the new one at that name."""
    import threading

    from arapol.checkpoint import exclusive_lock

    lock = tmp_path / "o.jsonl.lock"
    first_in, first_go, second_in, second_go = (threading.Event() for _ in range(4))

    def first() -> None:
        with exclusive_lock(lock, None, remove=True):
            first_in.set()
            first_go.wait(10)

    def second() -> None:
        with exclusive_lock(lock, None, remove=True):  # opens the first's file and waits for it
            second_in.set()
            second_go.wait(10)

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    threads[0].start()
    assert first_in.wait(10)
    threads[1].start()
    time.sleep(0.3)  # the second is waiting on the first's file now
    assert not second_in.is_set()
    first_go.set()
    assert second_in.wait(10)
    try:
        with pytest.raises(ArapolError, match="busy"), exclusive_lock(lock, "busy", remove=True):
            pass
    finally:
        second_go.set()
        for t in threads:
            t.join(10)
    assert not lock.exists()


def test_a_full_disk_names_the_file_it_could_not_write(tiny_ner_model, tmp_path, monkeypatch):
    """`predict --input` on a full disk said "[Errno 28] No space left on device" and no file: which of the output,
    its errors file and its digests filled the disk was left to guess."""
    import errno

    import arapol.corpus

    corpus = tmp_path / "c.jsonl"
    write_corpus(corpus, 3)

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(arapol.corpus.os, "fsync", full)
    with pytest.raises(OSError, match=r"No space left on device: '.*out\.jsonl\.run\.json'") as caught:
        predict_corpus(arapol.load(tiny_ner_model), corpus, tmp_path / "out.jsonl", progress=False)
    assert caught.value.errno == errno.ENOSPC and Path(caught.value.filename).parent == tmp_path

    class FullFile(io.StringIO):  # the output's chunks, appended after the run's record was written
        name = str(tmp_path / "out.jsonl")

        def write(self, text: str) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OSError, match=r"No space left on device: '.*out\.jsonl'$"):
        arapol.corpus._append(FullFile(), [{"id": "a"}])


def _text_only_copy(model: Path, folder: Path, targets: dict[str, int] | None, target_column: str | None) -> Path:
    """A copy of the text-only ``model`` recording ``targets`` (``None``: saved before they were recorded), trained
    with ``target_column``."""
    shutil.copytree(model, folder)
    info = json.loads((folder / "arapol.json").read_text(encoding="utf-8"))
    extra = {k: v for k, v in info["extra"].items() if k != "text_only_targets"}
    if targets is not None:
        extra["text_only_targets"] = targets
    (folder / "arapol.json").write_text(json.dumps({**info, "extra": extra}, ensure_ascii=False), encoding="utf-8")
    cfg = yaml.safe_load((folder / "training_config.yaml").read_text(encoding="utf-8"))
    cfg["data"]["target_column"] = target_column
    (folder / "training_config.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    return folder


def test_a_text_only_model_of_several_targets_reads_records_of_each_without_a_word(text_only_stance_model, tmp_path,
                                                                                   caplog):
    """A text-only model trained on Mawqif's three targets was taken as knowing one: its own test split was said to
    name other targets "toward one target". Any target it was trained on is its own; a model saved before the
    targets were recorded, trained with a target column, may have learned several: what records name besides its
    saved target is said as maybe so, and an analysis of it takes one target's records."""
    own = json.loads((text_only_stance_model / "arapol.json").read_text(encoding="utf-8"))["target"]
    corpus = tmp_path / "c.jsonl"
    _write(corpus, [{"id": 1, "text": "رحبت موسكو بالهدنة", "target": "اللاجئون"},
                    {"id": 2, "text": "رفضت الفصائل الاتفاق", "target": "الحكومة السورية"},
                    {"id": 3, "text": "رحبت أنقرة بالاتفاق", "target": own},
                    {"id": 4, "text": "رفضت دمشق المقترح", "target": "لقاح كورونا"}])
    three = _text_only_copy(text_only_stance_model, tmp_path / "three",
                            {own: 3, "اللاجئون": 2, "الحكومة السورية": 1}, "target")
    with caplog.at_level("WARNING", logger="arapol.corpus"):
        predict_corpus(arapol.load(three), corpus, tmp_path / "a.jsonl", progress=False)
    assert (f"{corpus}: 1 of the 4 records written named a stance target in their field 'target' (such as "
            "'لقاح كورونا'), which was not read: this model reads the text alone (trained with text_only: true, on 3 "
            f"targets: {own!r}, 'اللاجئون', 'الحكومة السورية'), so every record was read as one of them") in caplog.text
    assert "toward one target" not in caplog.text
    with pytest.raises(DataError, match=r":4: field 'target' names the target 'لقاح كورونا', but this model reads the "
                                        r"text alone \(trained with text_only: true\), on 3 targets") as caught:
        analyze_corpus(corpus, arapol.load(three), tmp_path / "an", progress=False)
    assert ":1:" not in str(caught.value)
    assert ":2: its target 'الحكومة السورية' is another than 'اللاجئون', line 1's: an analysis reads every article " \
        "toward one target" in str(caught.value)  # each is its own, but one analysis is one target's (a review)
    refugees = tmp_path / "refugees.jsonl"
    _write(refugees, [{"id": 1, "text": "رحبت موسكو بالهدنة", "target": "اللاجئون"},
                      {"id": 2, "text": "رفضت الفصائل الاتفاق", "target": "اللاجئون"}])
    assert analyze_corpus(refugees, arapol.load(three), tmp_path / "ar", progress=False)["documents"] == 2
    caplog.clear()
    legacy = _text_only_copy(text_only_stance_model, tmp_path / "legacy", None, "target")
    with caplog.at_level("WARNING", logger="arapol.corpus"):
        predict_corpus(arapol.load(legacy), corpus, tmp_path / "b.jsonl", progress=False)
    assert ("3 of the 4 records written named a stance target in their field 'target' (such as 'اللاجئون', "
            "'الحكومة السورية', 'لقاح كورونا'), which was not read: this model reads the text alone (trained with "
            "text_only: true), and which targets it was trained on is not recorded (saved by an earlier arapol): "
            f"if {own!r} alone, every record was read toward it") in caplog.text  # (said as maybe so: a review)
    with pytest.raises(DataError, match=r":2: its target 'الحكومة السورية' is another than 'اللاجئون', line 1's"):
        analyze_corpus(corpus, arapol.load(legacy), tmp_path / "al", progress=False)
    assert analyze_corpus(refugees, arapol.load(legacy), tmp_path / "al", progress=False)["documents"] == 2
    # ... one saved before, trained with target_column: null, knew one target: the others are said
    one = _text_only_copy(text_only_stance_model, tmp_path / "one", None, None)
    with caplog.at_level("WARNING", logger="arapol.corpus"):
        predict_corpus(arapol.load(one), corpus, tmp_path / "d.jsonl", progress=False)
    assert "3 of the 4 records written named a stance target" in caplog.text and "toward one target" in caplog.text
    # an empty record of them (hand-edited) is none: the run ends (it ended in an IndexError, a review)
    empty = _text_only_copy(text_only_stance_model, tmp_path / "empty", {}, None)
    caplog.clear()
    with caplog.at_level("WARNING", logger="arapol.corpus"):
        assert predict_corpus(arapol.load(empty), corpus, tmp_path / "e.jsonl", progress=False).written == 4
    assert "3 of the 4 records written named a stance target" in caplog.text


def test_a_blank_or_non_string_target_is_no_target_where_the_model_reads_none(text_only_stance_model,
                                                                             tiny_stance_model, tmp_path, caplog):
    """A text-only model, or one trained with ``target_column: null``, reads no record's target: a blank one
    (``""``, ``"  "``) was said to name a stance target (such as ''), and ``arapol analyze`` refused blank and
    non-string ones. They name none, as an absent one; a non-blank other target is still said, and refused."""
    nocol = tmp_path / "nocol"
    shutil.copytree(tiny_stance_model, nocol, ignore=shutil.ignore_patterns("checkpoints", "tiny-base"))
    cfg = yaml.safe_load((nocol / "training_config.yaml").read_text(encoding="utf-8"))
    cfg["data"]["target_column"] = None
    (nocol / "training_config.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    corpus = tmp_path / "c.jsonl"
    records = [{"id": 1, "text": "رحبت موسكو بالهدنة في سوريا", "target": ""},
               {"id": 2, "text": "رفضت الفصائل الاتفاق", "target": "  "},
               {"id": 3, "text": "أعلن الجيش التزامه بالهدنة", "target": None},
               {"id": 4, "text": "قصفت الطائرات المدينة", "target": ["وقف إطلاق النار"]}]
    _write(corpus, records)
    other = tmp_path / "o.jsonl"
    _write(other, [*records, {"id": 5, "text": "رحبت دمشق بالاتفاق", "target": "الانتخابات"}])
    for model in (text_only_stance_model, nocol):
        predictor = arapol.load(model)
        caplog.clear()
        with caplog.at_level("WARNING", logger="arapol.corpus"):
            report = predict_corpus(predictor, corpus, tmp_path / model.name / "p.jsonl", progress=False)
        assert report.written == 4 and "which was not read" not in caplog.text
        assert analyze_corpus(corpus, predictor, tmp_path / model.name / "a", progress=False)["documents"] == 4
        with pytest.raises(DataError, match=r":5: field 'target' names the target 'الانتخابات'") as caught:
            analyze_corpus(other, predictor, tmp_path / model.name / "b", progress=False)
        assert ":1:" not in str(caught.value) and ":4:" not in str(caught.value)
