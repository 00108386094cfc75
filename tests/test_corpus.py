import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import arapol
from arapol.corpus import predict_corpus
from arapol.errors import ArapolError, DataError

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
    assert "invalid JSON" in errors[2] and "not a string" in errors[3] and "over the limit" in errors[4]
    assert "duplicate id" in errors[5] and errors[7] == "not valid UTF-8 (byte 24 of the line: b'\\xe9')"
    again = predict_corpus(arapol.load(tiny_ner_model), corpus, out, max_chars=40, progress=False)
    assert (again.written, again.errors) == (0, 0)


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


def test_corpus_options_that_would_lose_data_are_refused(tiny_ner_model, tmp_path):
    corpus = tmp_path / "c.jsonl"
    write_corpus(corpus, 3)
    p = arapol.load(tiny_ner_model)
    with pytest.raises(ArapolError, match=r"carry: field\(s\) \['id', 'stance'\] would be overwritten"):
        predict_corpus(p, corpus, tmp_path / "o.jsonl", carry=["source", "stance", "id"], id_field="doc")
    with pytest.raises(ArapolError, match="chunk_size must be a positive integer"):
        predict_corpus(p, corpus, tmp_path / "o.jsonl", chunk_size=0)
    assert not (tmp_path / "o.jsonl").exists()


def test_resume_refuses_a_foreign_output(tiny_ner_model, tmp_path):
    corpus = tmp_path / "c.jsonl"
    write_corpus(corpus, 3)
    out = tmp_path / "out.jsonl"
    out.write_text("not arapol output\n", encoding="utf-8")
    with pytest.raises(DataError, match="out.jsonl:1: cannot resume"):
        predict_corpus(arapol.load(tiny_ner_model), corpus, out, progress=False)


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
    """A stand-in predictor: each text's length as its only field."""

    def predict(self, texts, progress=False, **kwargs):
        return [{"entities": [], "length": len(t)} for t in texts]


def test_resume_reports_a_duplicate_as_an_uninterrupted_run_does(tmp_path):
    corpus = tmp_path / "c.jsonl"
    rows = [{"id": "a", "text": "أ"}, {"id": None, "text": "بب"}, {"id": None, "text": "تتت"}, {"id": "a", "text": "ث"}]
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    whole = predict_corpus(Echo(), corpus, tmp_path / "whole.jsonl", progress=False)
    assert (whole.written, whole.errors) == (3, 1)  # null ids are line:2 and line:3, not two "None"
    out = tmp_path / "resumed.jsonl"
    out.write_text((tmp_path / "whole.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)[0],
                   encoding="utf-8")  # a run killed after its first record
    resumed = predict_corpus(Echo(), corpus, out, progress=False)
    assert (resumed.skipped, resumed.written, resumed.errors) == (1, 2, 1)
    assert out.read_text(encoding="utf-8") == (tmp_path / "whole.jsonl").read_text(encoding="utf-8")
    errors = [json.loads(line) for line in (tmp_path / "resumed.jsonl.errors.jsonl").read_text().splitlines()]
    assert errors == [{"line": 4, "id": "a", "error": "duplicate id: an earlier record has it"}]


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
