"""The wire-style attribution cases and their benchmark (scripts/bench_wire.py)."""

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import bench_wire  # noqa: E402
from arapol.actors import default_actor_table  # noqa: E402


def test_every_case_names_table_actors_one_set_a_sentence():
    cases = bench_wire.load_cases(bench_wire.CASES)
    table = default_actor_table()
    assert len(cases) == 117 and len({c["id"] for c in cases}) == 117
    for c in cases:
        for actor in {a for s in c["credited"] for a in s} | set(c["optional"]) | set(c["mentioned"]):
            assert table.get(actor) is not None, (c["id"], actor)


def test_a_case_is_wrong_for_a_missing_or_an_extra_actor_not_for_an_optional_one():
    case = {"credited": [["russia"], ["sergey_lavrov"]], "optional": ["usa"]}
    assert bench_wire.check(case, [{"russia": "speaker", "usa": "agent"}, {"sergey_lavrov": "continuation"}]) == []
    assert bench_wire.check(case, [{"russia": "speaker", "iran": "speaker"}, {}]) == [
        {"sentence": 0, "missing": [], "extra": {"iran": "speaker"}},
        {"sentence": 1, "missing": ["sergey_lavrov"], "extra": {}}]


def test_the_rules_credit_the_speaker_and_not_the_object():
    table = default_actor_table()
    case = {"text": "رحبت روسيا بالاتفاق ودعت الولايات المتحدة إلى الوفاء بالتزاماتها.", "date": "2016-09-20"}
    assert bench_wire.credited(case, table) == [{"russia": "speaker"}]


def test_the_held_out_cases_name_table_actors_one_set_a_sentence():
    cases = bench_wire.load_cases(bench_wire.HELDOUT)
    ids = {c["id"] for c in bench_wire.load_cases(bench_wire.CASES)}
    table = default_actor_table()
    assert len(cases) == 60 and len({c["id"] for c in cases}) == 60 and not ids & {c["id"] for c in cases}
    for c in cases:
        for actor in {a for s in c["credited"] for a in s} | set(c["optional"]) | set(c["mentioned"]):
            assert table.get(actor) is not None, (c["id"], actor)


@pytest.mark.parametrize("name, count", [*((f"wire_blind{n}", 40) for n in range(2, 14)), ("wire_blind14", 30),
                                         ("wire_blind15", 30), ("wire_blind16", 30), ("wire_blind17", 30),
                                         ("wire_blind18", 30), ("wire_blind19", 30),
                                         ("wire_probe_lists", 50), ("wire_probe_lists2", 50),
                                         ("wire_probe_phrases", 50), ("wire_probe_copy", 50),
                                         ("wire_probe_phrases2", 30), ("wire_probe_counted", 30),
                                         ("wire_probe_nisba", 20), ("wire_probe_gender", 40),
                                         ("wire_probe_sign", 24), ("wire_probe_visit", 24)])
def test_the_blind_cases_name_table_actors(name, count):
    """Each blind or probe set: its cases (40, the later 30, the probes 50, 40, 30, 24 or 20), ids unique across every
    wire set, every actor a table actor."""
    folder = bench_wire.ROOT / "data" / "actors_gold"
    cases = bench_wire.load_cases(folder / f"{name}.jsonl")
    others = {c["id"] for f in folder.glob("wire*.jsonl") if f.stem != name for c in bench_wire.load_cases(f)}
    table = default_actor_table()
    assert len(cases) == count and len({c["id"] for c in cases}) == count and not others & {c["id"] for c in cases}
    for c in cases:
        for actor in {a for s in c["credited"] for a in s} | set(c["optional"]) | set(c["mentioned"]):
            assert table.get(actor) is not None, (c["id"], actor)


RIGHT_NOW = {"wire": 113, "wire_heldout": 56, "wire_blind2": 40, "wire_blind3": 40, "wire_blind4": 39,
             "wire_blind5": 40, "wire_blind6": 39, "wire_blind7": 40, "wire_blind8": 40, "wire_blind9": 40,
             "wire_blind10": 38, "wire_blind11": 39, "wire_blind12": 37, "wire_blind13": 31, "wire_blind14": 30,
             "wire_blind15": 23, "wire_blind16": 30, "wire_blind17": 30, "wire_blind18": 28, "wire_blind19": 14,
             "wire_probe_lists": 45,
             "wire_probe_lists2": 44, "wire_probe_phrases": 48, "wire_probe_copy": 44, "wire_probe_phrases2": 30,
             "wire_probe_counted": 28, "wire_probe_nisba": 20, "wire_probe_gender": 39,
             "wire_probe_sign": 20, "wire_probe_visit": 23}
"""Cases each wire set's rules get right (the "now" column of ``data/actors_gold/README.md``)."""


def test_every_wire_set_is_listed_with_its_score():
    folder = bench_wire.ROOT / "data" / "actors_gold"
    assert {f.stem for f in folder.glob("wire*.jsonl")} == set(RIGHT_NOW)


@pytest.mark.parametrize("name", sorted(RIGHT_NOW))
def test_a_change_to_the_rules_loses_no_wire_set_its_right_cases(name):
    """A gate for the attribution rules and the actor table: each wire set scores at least what it scores now (raise
    the figure, and the README's, when a change gets more right). Probes kept outside the repository were lost with
    their machine, and with them the only check of some rules; these sets keep theirs."""
    cases = bench_wire.load_cases(bench_wire.ROOT / "data" / "actors_gold" / f"{name}.jsonl")
    result = bench_wire.score(cases, default_actor_table())
    assert result["right"] >= RIGHT_NOW[name], [w["id"] for w in result["wrong"]]


def test_a_missing_cases_file_is_named_and_the_outputs_may_go_elsewhere(tmp_path):
    """A bad --cases was a FileNotFoundError traceback, and every run (--errors, other cases) rewrote the committed
    JSON and README section: --out and --readme say where (a helper's probe)."""
    with pytest.raises(SystemExit, match=r"--cases .*nope.jsonl: no such file"):
        bench_wire.main(["--cases", str(tmp_path / "nope.jsonl")])
    out, readme = tmp_path / "wire.json", tmp_path / "README.md"
    assert bench_wire.main(["--heldout", "", "--out", str(out), "--readme", str(readme)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["results"]["cases"] > 0
    assert bench_wire.SECTION in readme.read_text(encoding="utf-8")


def test_a_counts_only_clitics_run_keeps_the_fine_tunes(tmp_path):
    """``bench_clitics.py`` without --finetune dropped the committed fine-tune rows from its JSON and README."""
    import bench_clitics

    earlier = tmp_path / "clitics.json"
    earlier.write_text(json.dumps({"command": "x --finetune 13", "machine": {"cpu": "a"}, "splits": {},
                                   "finetune": [{"seed": 13}], "learning_rate": 3e-5}), encoding="utf-8")
    kept = {"finetune": [{"seed": 13}], "learning_rate": 3e-5, "finetune_command": "x --finetune 13",
            "finetune_machine": {"cpu": "a"}}  # with the command and machine that ran them (a review)
    assert bench_clitics.earlier_finetunes(earlier) == kept
    earlier.write_text(json.dumps({"command": "counts only", "machine": {"cpu": "b"}, **kept}), encoding="utf-8")
    assert bench_clitics.earlier_finetunes(earlier) == kept  # kept again by a second counts-only run
    assert bench_clitics.earlier_finetunes(tmp_path / "none.json") == {}
