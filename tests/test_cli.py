"""The command line turns bad options and unwritable paths into one readable line (exit 2), not a traceback."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from arapol.cli import main
from arapol.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]


def test_a_set_value_that_is_not_yaml_names_the_option(capsys):
    assert main(["train", str(ROOT / "configs/ner_tiny.yaml"), "--set", "max_length=[1,"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("arapol: error: --set max_length: the value '[1,' is not valid YAML")
    assert "Traceback" not in err


def test_a_set_value_that_yaml_reads_as_a_date(capsys):
    """``--set output_dir=2025-02-29`` ended in a traceback (``day is out of range for month``) and
    ``output_dir=2025-01-15`` was refused as a date (a review): a path key takes the text given, and another key's
    impossible date is named as the file's is."""
    from arapol.cli.train import overrides

    assert overrides(["output_dir=2025-02-29"]) == {"output_dir": str(Path("2025-02-29").resolve())}
    assert overrides(["data.dev=2025-01-15", "data.test=null"]) == {
        "data": {"dev": str(Path("2025-01-15").resolve()), "test": None}}
    assert main(["train", str(ROOT / "configs/ner_tiny.yaml"), "--set", "max_length=2025-02-29"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("arapol: error: --set max_length: the value '2025-02-29' is not valid YAML ('2025-02-29' is "
                          "not a valid date (day is out of range for month))")


def test_a_path_that_yaml_reads_as_a_date_is_that_path_in_a_set_mapping_and_in_the_file(tmp_path, capsys):
    """``--set 'data={train: 2025-01-15}'`` and ``output_dir: 2025-01-15`` in a config file were refused as dates
    (``expected a string, found datetime.date(2025, 1, 15)``; an impossible one was not valid YAML) where the
    top-level ``--set data.train=2025-01-15`` was that file (a review): a path key takes the text written wherever
    it is, ``null`` still none; another key's date is still a date."""
    from arapol.cli.train import overrides
    from arapol.config import load_config

    assert overrides(["data={train: 2025-01-15, dev: 2025-02-30, test: null}", "output_dir=2025"]) == {
        "data": {"train": str(Path("2025-01-15").resolve()), "dev": str(Path("2025-02-30").resolve()), "test": None},
        "output_dir": str(Path("2025").resolve())}
    config = tmp_path / "c.yaml"
    config.write_text("x-data: &d {dev: 2025-01-16}\ntask: ner\noutput_dir: 2025-01-15\n"
                      "data: {<<: *d, train: 2025-01-14, test: null}\n", encoding="utf-8")
    cfg = load_config(config)
    assert (cfg.output_dir, cfg.data.train, cfg.data.dev, cfg.data.test) == (
        str(tmp_path / "2025-01-15"), str(tmp_path / "2025-01-14"), str(tmp_path / "2025-01-16"), None)
    config.write_text("task: ner\ndata: {train: a.jsonl}\nmax_length: 2025-01-15\n", encoding="utf-8")
    assert main(["train", str(config)]) == 2
    assert "c.yaml: max_length: expected an integer, found datetime.date(2025, 1, 15)" in capsys.readouterr().err


def test_a_text_key_that_yaml_reads_as_a_date_or_a_number_is_that_text(tmp_path, capsys):
    """``target: 2025-01-15`` was refused as a date (``expected a string, found datetime.date(2025, 1, 15)``), and
    ``base_model: 2025`` or stance ``labels: [1, 0, -1]`` as numbers: a key whose value is text (a name, a target, a
    label, a column) takes a date or a number as the text written, as a path key does, in its list or mapping too,
    in the file as with ``--set``; ``no`` is still refused with the hint to quote it, and a number key's date is
    still a date."""
    from arapol.cli.train import overrides
    from arapol.config import load_config

    config = tmp_path / "c.yaml"
    config.write_text("task: stance\npooling: mean\nbase_model: 2025\ntarget: 2025-01-15\ninput_prefix: 1e3\n"
                      "labels: [1, 0, -1]\ndata: {train: a.jsonl, targets: [2025-01-15, 0x1F], label_map: {2: 1}, "
                      "text_column: 2024, target_column: null, label_column: 1.0, aux_columns: [2023]}\n",
                      encoding="utf-8")
    cfg = load_config(config)
    assert (cfg.base_model, cfg.target, cfg.input_prefix, cfg.labels) == ("2025", "2025-01-15", "1e3", ["1", "0", "-1"])
    d = cfg.data
    assert (d.targets, d.label_map, d.text_column, d.target_column, d.label_column, d.aux_columns) == (
        ["2025-01-15", "0x1F"], {"2": "1"}, "2024", None, "1.0", ["2023"])
    assert overrides(["target=2025-01-15", "labels=[1, 0]", "data={targets: [2025]}", "data.label_map.x=2"]) == {
        "target": "2025-01-15", "labels": ["1", "0"], "data": {"targets": ["2025"], "label_map": {"x": "2"}}}
    config.write_text("task: stance\ndata: {train: a.jsonl}\ntarget: no\n", encoding="utf-8")
    assert main(["train", str(config)]) == 2
    assert "c.yaml: target: expected a string, found False (YAML reads an unquoted no" in capsys.readouterr().err


def test_a_text_training_argument_that_yaml_reads_as_a_date_or_a_number_is_that_text(tmp_path, capsys):
    """``training.run_name: 2025-01-15`` was refused as a date (``expected a string or null, found
    datetime.date(2025, 1, 15)``), and ``hub_model_id: 2025`` as a number: a ``TrainingArguments`` argument typed as
    text alone takes the text written, in the file as with ``--set``; the other arguments keep their numbers and
    bools (a date is still refused there), ``no`` is still refused with the hint to quote it, and a config without
    ``training:`` is read without importing transformers."""
    from arapol.cli.train import overrides
    from arapol.config import load_config

    config = tmp_path / "c.yaml"
    config.write_text("x-t: &t {hub_model_id: 2025}\ntask: ner\ndata: {train: a.jsonl}\ntraining:\n  <<: *t\n"
                      "  run_name: 2025-01-15\n  metric_for_best_model: 1e3\n  seed: 7\n  learning_rate: 1.0e-4\n"
                      "  bf16: true\n  save_steps: 100\n  save_strategy: steps\n  report_to: none\n",
                      encoding="utf-8")
    assert load_config(config).training == {
        "hub_model_id": "2025", "run_name": "2025-01-15", "metric_for_best_model": "1e3", "seed": 7,
        "learning_rate": 1e-4, "bf16": True, "save_steps": 100, "save_strategy": "steps", "report_to": "none"}
    assert overrides(["training.run_name=2025-01-15", "training.hub_model_id=2025", "training.seed=7",
                      "training.bf16=true"]) == {
        "training": {"run_name": "2025-01-15", "hub_model_id": "2025", "seed": 7, "bf16": True}}
    assert overrides(["training={run_name: 2025, save_steps: 100}"]) == {"training": {"run_name": "2025",
                                                                                     "save_steps": 100}}
    config.write_text("task: ner\ndata: {train: a.jsonl}\n", encoding="utf-8")
    assert load_config(config, overrides(["training.run_name=2025-01-15"])).training == {"run_name": "2025-01-15"}
    for training, error in (("{run_name: no}", "training.run_name: expected a string or null, found False (YAML "
                                                "reads an unquoted no"),
                            ("{seed: 2025-01-15}", "training.seed: expected an integer, found datetime.date(2025, 1, "
                                                   "15)")):
        config.write_text(f"task: ner\ndata: {{train: a.jsonl}}\ntraining: {training}\n", encoding="utf-8")
        assert main(["train", str(config)]) == 2
        assert error in capsys.readouterr().err
    config.write_text("task: ner\ndata: {train: a.jsonl}\noutput_dir: 2025\n", encoding="utf-8")
    code = ("import sys\nfrom arapol.config import load_config\n"
            f"load_config({str(config)!r})\nprint('transformers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False"]


def test_a_training_argument_of_a_few_words_takes_one_of_them(tmp_path, capsys):
    """``training.log_level: 10`` (Python's number for DEBUG) was read as the text ``'10'`` and failed once training
    began (``KeyError: '10'`` in the Trainer), and ``train_sampling_strategy: 1`` silently left arapol's
    ``group_by_length`` for random order: an argument that takes one of a few words is no text key, so a number is
    refused at load as before, and a word that is none of them is refused naming them (``verbose`` failed in the
    Trainer too). An empty ``training:`` and a model's saved config are read without importing transformers."""
    from arapol.cli.train import overrides
    from arapol.config import load_config

    config = tmp_path / "c.yaml"
    for training, error in (("{log_level: 10}", "c.yaml: training.log_level: expected a string, found 10"),
                            ("{train_sampling_strategy: 1}",
                             "c.yaml: training.train_sampling_strategy: expected a string, found 1"),
                            ("{log_level: verbose}", "c.yaml: training.log_level: expected one of detail, debug, "
                                                     "info, warning, error, critical, passive, found 'verbose'")):
        config.write_text(f"task: ner\ndata: {{train: a.jsonl}}\ntraining: {training}\n", encoding="utf-8")
        assert main(["train", str(config)]) == 2
        assert error in capsys.readouterr().err
    assert overrides(["training.log_level=10"]) == {"training": {"log_level": 10}}
    config.write_text("task: ner\ndata: {train: a.jsonl}\ntraining: {log_level: info, "
                      "dataloader_multiprocessing_context: spawn}\n", encoding="utf-8")
    assert load_config(config).training == {"log_level": "info", "dataloader_multiprocessing_context": "spawn"}
    for backend in ("ucc", "tccl", "cuda:nccl,cpu:gloo", "cpu:ourcomm"):  # (accelerate, torch.distributed take them)
        config.write_text(f"task: ner\ndata: {{train: a.jsonl}}\ntraining: {{ddp_backend: '{backend}'}}\n",
                          encoding="utf-8")
        assert load_config(config).training == {"ddp_backend": backend}
    for backend, slip, meant in (("ncll", "ncll", "nccl"), ("cuda:nccl,cpu:glo", "glo", "gloo")):
        config.write_text(f"task: ner\ndata: {{train: a.jsonl}}\ntraining: {{ddp_backend: '{backend}'}}\n",
                          encoding="utf-8")
        with pytest.raises(ConfigError, match=rf"c\.yaml: training\.ddp_backend: no distributed backend is called "
                                              rf"'{slip}' \(did you mean '{meant}'\?\)"):
            load_config(config)
    config.write_text("task: ner\ndata: {train: a.jsonl}\ntraining: {ddp_backend: 1}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"c\.yaml: training\.ddp_backend: expected a string or null, found 1"):
        load_config(config)
    config.write_text("task: ner\ndata: {train: a.jsonl}\ntraining: {}\n", encoding="utf-8")
    saved = tmp_path / "saved.yaml"
    saved.write_text("task: ner\ndata: {train: a.jsonl}\ntraining: {run_name: '2025-01-15', seed: 7}\n",
                     encoding="utf-8")
    code = ("import sys\nfrom arapol.config import load_config\n"
            f"load_config({str(config)!r})\nc = load_config({str(saved)!r}, saved=True)\n"
            "print(c.training['run_name'], 'transformers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["2025-01-15", "False"]


def test_an_alias_under_a_text_key_is_read_once_and_leaves_its_anchor_as_written(tmp_path, monkeypatch, capsys):
    """Reading a text key's lists as text followed aliases without end: ``labels: &l [favor, *l]`` crashed with a
    ``RecursionError`` (it was refused as a list among the labels), and aliases of aliases under ``data.targets``
    took time exponential in their depth; and it retagged the node an anchor shares, so ``seed: &s 2025`` with
    ``target: *s`` refused the seed as the text '2025' (a review). Each node is read once, and the anchored value
    stays a number at the number key while the text key reads it as the text written."""
    from arapol import yamlio
    from arapol.config import load_config

    config = tmp_path / "c.yaml"
    config.write_text("task: stance\nbase_model: tiny:bert\nlabels: &l [favor, *l]\ndata: {train: a.jsonl}\n",
                      encoding="utf-8")
    assert main(["train", str(config)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"arapol: error: {config}: labels[1]: expected a string, found ['favor', ")
    config.write_text("task: stance\ndata: {train: a.jsonl, label_map: &m {a: *m}}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"c\.yaml: data\.label_map\.a: expected a string"):
        load_config(config)
    levels = ["&a0 [x, x, x, x, x, x, x, x, x, x]"] + [f"&a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 5)]
    config.write_text("task: stance\ndata:\n  train: a.jsonl\n  targets:\n" + "".join(f"  - {v}\n" for v in levels),
                      encoding="utf-8")
    within, calls = yamlio._within, []
    monkeypatch.setattr(yamlio, "_within", lambda *a: calls.append(a) or within(*a))
    with pytest.raises(ConfigError, match=r"c\.yaml: data\.targets\[0\]: expected a string, found \['x', "):
        load_config(config)
    assert len(calls) < 200  # (10 ** 5 items reached through the aliases)
    config.write_text("task: stance\ntraining: {seed: &s 2025}\ntarget: *s\ndata: {train: a.jsonl}\n"
                      "x-labels: &x [2, 1]\nlabels: *x\nx-data: &d {target_column: 3}\n"
                      "data: {<<: *d, train: a.jsonl, text_column: *s}\n".replace("data: {train: a.jsonl}\n", ""),
                      encoding="utf-8")
    cfg = load_config(config)
    assert (cfg.seed, cfg.target, cfg.labels, cfg.data.text_column, cfg.data.target_column) == (
        2025, "2025", ["2", "1"], "2025", "3")


def test_a_path_key_written_no_or_true_is_refused_with_the_hint_to_quote_it(tmp_path, capsys):
    """Reading a path key's date as its text read ``dev: no`` as a file named ``no`` (``no such file``, the config
    file unnamed) and ``output_dir: true`` as a folder named ``true`` that training made (a regression hunt): YAML's
    booleans stay booleans there, refused with the hint to quote them."""
    from arapol.cli.train import overrides
    from arapol.config import load_config
    from arapol.errors import ConfigError

    config = tmp_path / "c.yaml"
    for line in ("data: {train: a.jsonl, dev: no}", "data: {train: a.jsonl}\noutput_dir: true"):
        config.write_text(f"task: ner\n{line}\n", encoding="utf-8")
        with pytest.raises(ConfigError, match=r"c\.yaml: (data\.dev|output_dir): expected a string, found (False|True) "
                                              r"\(YAML reads an unquoted no"):
            load_config(config)
    assert overrides(["data={dev: no}"]) == {"data": {"dev": False}}
    assert main(["train", str(config), "--set", "data={train: a.jsonl, dev: off}"]) == 2
    assert "data.dev: expected a string, found False" in capsys.readouterr().err
    assert not (tmp_path / "true").exists()


def test_an_output_path_that_is_a_file_is_one_line(tiny_stance_model, tmp_path, capsys):
    taken = tmp_path / "report"
    taken.write_text("mine", encoding="utf-8")
    data = ROOT / "data/stance/test.jsonl"
    assert main(["evaluate", str(tiny_stance_model), str(data), "--out", str(taken), "--no-plot"]) == 2
    last = capsys.readouterr().err.strip().splitlines()[-1]  # after the model-loading progress bar
    assert last.startswith("arapol: error:") and str(taken) in last
    assert taken.read_text(encoding="utf-8") == "mine"


def test_arapol_warnings_are_one_line(tiny_stance_model, capsys):
    """An arapol warning printed Python's source file, line and code line (a fresh user's audit); others as Python
    shows them."""
    import warnings

    import arapol

    with warnings.catch_warnings():
        warnings.simplefilter("always", arapol.UnseenTargetWarning)
        assert main(["predict", str(tiny_stance_model), "--text", "رحبت موسكو بالهدنة", "--target", "اللقاح"]) == 0
    err = capsys.readouterr().err
    assert f"arapol: warning: {tiny_stance_model}: target 'اللقاح' is none of the 1 this model learned" in err
    assert "stance.py" not in err and "UnseenTargetWarning" not in err
    shown: list[str] = []
    from arapol.cli import _WarningLines

    _WarningLines(lambda message, *_: shown.append(str(message)))("old", DeprecationWarning, "x.py", 1)
    assert shown == ["old"]


def test_many_unseen_targets_are_named_in_one_line_after_the_first_few(tiny_stance_model, tmp_path, capsys):
    """A corpus of many targets read by a model of one printed one warning per target (575 lines for ANS): the
    first few stay in full, the rest are named together in one line at the end; none is lost."""
    import json
    import re
    import warnings

    import arapol
    from arapol.cli import UNSEEN_SHOWN

    targets = [f"هدف {n}" for n in range(UNSEEN_SHOWN + 4)]
    corpus = tmp_path / "in.jsonl"
    corpus.write_text("".join(json.dumps({"id": n, "text": "رحبت موسكو بالهدنة", "target": t}, ensure_ascii=False)
                              + "\n" for n, t in enumerate(targets)), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("always", arapol.UnseenTargetWarning)
        assert main(["predict", str(tiny_stance_model), "--input", str(corpus), "--output",
                     str(tmp_path / "out.jsonl"), "--target-field", "target"]) == 0
    err = capsys.readouterr().err
    lines = re.findall(r"arapol: warning: [^\r\n]*", err)
    assert all(line.startswith("arapol: warning: ") for line in err.splitlines() if "arapol: warning: " in line), (
        err)  # each on a line of its own, not after the progress bar's (a review: a warning there was easy to miss)
    full = [ln for ln in lines if "is none of the 1 this model learned" in ln]
    assert len(full) == UNSEEN_SHOWN, err
    assert lines[-1] == ("arapol: warning: 4 more targets are none of those the model learned, or one in another "
                         "spelling, read all the same: "
                         + ", ".join(repr(t) for t in targets[UNSEEN_SHOWN:]))
    assert len(lines) == UNSEEN_SHOWN + 1


def test_import_and_help_leave_torch_and_transformers_unloaded():
    """``import arapol`` and ``arapol --help`` answer at once: torch and transformers load with the first model."""
    code = ("import contextlib, io, sys\n"
            "import arapol\n"
            "from arapol.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
            "    main(['--help'])\n"
            "print([m for m in ('torch', 'transformers') if m in sys.modules], arapol.Predictor.__module__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["[]", "arapol.predictor"]
    import arapol
    from arapol.actors import ActorTableWarning, UndatedTitleWarning

    assert arapol.UndatedTitleWarning is UndatedTitleWarning  # named in the README, to filter it
    assert arapol.ActorTableWarning is ActorTableWarning


def test_a_reader_that_stops_early_ends_the_run_quietly(tiny_ner_model, tmp_path):
    """``arapol predict MODEL < texts | head -1`` ended with ``arapol: error: [Errno 32] Broken pipe`` and status 2
    (a helper's probe): a closed reader ends the run quietly, with 141 as a SIGPIPE would."""
    texts = tmp_path / "texts.txt"  # (a file: a pipe written here would fill while the run writes its results)
    texts.write_text("\n".join(["قال بوتين في موسكو"] * 3000) + "\n", encoding="utf-8")
    with texts.open("rb") as stdin:
        proc = subprocess.Popen([sys.executable, "-m", "arapol.cli", "predict", str(tiny_ner_model)],
                                stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
    assert proc.stdout.readline().startswith(b'{"text": ')
    proc.stdout.close()
    with proc.stderr:
        err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141
    assert "Broken pipe" not in err and "Traceback" not in err and "Exception ignored" not in err, err


@pytest.mark.parametrize("stop", ["reader", "interrupt"])
def test_a_run_on_a_slow_source_ends_cleanly_mid_wait(tiny_ner_model, tmp_path, stop):
    """``tail -f feed | arapol predict MODEL | head -1``: with the source idle, a closed reader (then one more line)
    or Ctrl-C ended in "Fatal Python error: _enter_buffered_busy: could not acquire lock for <_io.BufferedReader
    name='<stdin>'>" and SIGABRT (a helper's probe): the thread reading ahead held standard input's lock at exit."""
    import signal
    import time

    # Ctrl-C as a terminal sends it: a shell's background job (`cmd &`, nohup, some CI runners) starts with SIGINT
    # ignored, which Python keeps, and the run would then wait on its idle source for ever
    proc = subprocess.Popen([sys.executable, "-m", "arapol.cli", "predict", str(tiny_ner_model)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    proc.stdin.write("قال بوتين في موسكو\n".encode())
    proc.stdin.flush()  # kept open: a source that waits for more
    assert proc.stdout.readline().startswith(b'{"text": ')
    time.sleep(0.5)  # the reader thread now waits on standard input
    if stop == "reader":
        proc.stdout.close()
        proc.stdin.write("رحبت أنقرة بالهدنة\n".encode())
        proc.stdin.flush()
    else:
        proc.send_signal(signal.SIGINT)
    with proc.stderr:
        err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == (141 if stop == "reader" else 130), err
    assert "Fatal Python error" not in err and "Traceback" not in err, err
    proc.stdin.close()
    proc.stdout.close()


def test_actors_given_before_the_model_is_explained(tiny_ner_model, capsys):
    """``arapol predict --actors NER STANCE --text ...`` read the NER folder as the alias table: "cannot read file:
    [Errno 21] Is a directory" (a helper's probe)."""
    assert main(["predict", "--actors", str(tiny_ner_model), str(tiny_ner_model), "--text", "رحبت موسكو"]) == 2
    err = capsys.readouterr().err
    assert f"--actors {tiny_ner_model}: a folder, where an alias table (YAML) was expected" in err
    assert "give it after the model folder(s)" in err


def test_predict_reads_every_actors_table_given(tiny_ner_model, tmp_path, capsys):
    """``arapol predict --actors A.yaml --actors B.yaml`` read B alone, A's actors dropped without a word, where
    ``arapol analyze`` reads both (a review); ``--no-default-actors`` leaves the bundled table out, as there."""
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text("actors:\n  - {id: nour_brigade, ar: كتيبة النور, en: Nour Brigade, type: armed_group, "
                 "aliases: [كتيبة النور]}\n", encoding="utf-8")
    b.write_text("actors:\n  - {id: abu_ali, ar: أبو علي الحسن, en: Abu Ali al-Hassan, type: person, "
                 "aliases: [أبو علي الحسن]}\n", encoding="utf-8")
    text = "قالت كتيبة النور إن أبو علي الحسن التقى وفدا من روسيا"

    def actors(*options: str) -> list[str]:
        assert main(["predict", str(tiny_ner_model), *options, "--text", text]) == 0
        return sorted(x["id"] for x in json.loads(capsys.readouterr().out)["actors"])

    assert actors("--actors", str(a), "--actors", str(b)) == ["abu_ali", "nour_brigade", "russia"]
    assert actors("--actors", "--actors", str(b)) == ["abu_ali", "russia"]  # (the bare --actors: the bundled table)
    assert actors("--actors", str(a), "--actors", str(b), "--no-default-actors") == ["abu_ali", "nour_brigade"]
    assert main(["predict", str(tiny_ner_model), "--actors", "--no-default-actors", "--text", text]) == 2
    assert "--no-default-actors: give the alias tables to use with --actors YAML" in capsys.readouterr().err


def test_python_m_arapol_is_the_arapol_command():
    """Two fresh users' audits reached for ``python -m arapol``, which had no ``__main__``."""
    for module in ("arapol", "arapol.cli"):
        proc = subprocess.run([sys.executable, "-m", module, "--version"], capture_output=True, text=True)
        assert proc.returncode == 0 and proc.stdout.startswith("arapol "), (module, proc.stdout, proc.stderr)


def test_a_full_disk_under_another_librarys_writer_is_one_line(tiny_stance_model, monkeypatch, capsys):
    """safetensors says a full disk with its own exception type (``SafetensorError: … StorageFull``), which ended
    `arapol train` and `arapol export` in a traceback (a helper's probe on a small tmpfs)."""
    import errno

    import arapol.cli.predict

    class SafetensorError(Exception):
        pass

    def full(args):  # noqa: ANN001
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError as exc:
            raise SafetensorError("Error while serializing: I/O error") from exc

    monkeypatch.setattr(arapol.cli.predict, "run", full)
    assert main(["predict", str(tiny_stance_model), "--text", "نص"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("arapol: error: no space left on the device while writing (Error while serializing")

    for said in ("unexpected pos 1856 vs 1744", "[enforce fail at inline_container.cc:664] . PytorchStreamWriter "
                                                 "failed writing file data/3: file write failed"):
        def cut_short(args, said=said):  # noqa: ANN001
            raise RuntimeError(said)  # torch.save of an optimizer state on a full disk: nothing of the disk said

        monkeypatch.setattr(arapol.cli.predict, "run", cut_short)
        assert main(["predict", str(tiny_stance_model), "--text", "نص"]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert err[-1].startswith(f"arapol: error: torch could not write a file ({said}): most often the disk is "
                                  "full")

    def other(args):  # noqa: ANN001
        raise RuntimeError("a bug")

    monkeypatch.setattr(arapol.cli.predict, "run", other)
    with pytest.raises(RuntimeError, match="a bug"):  # any other error stays a traceback, to be reported
        main(["predict", str(tiny_stance_model), "--text", "نص"])
