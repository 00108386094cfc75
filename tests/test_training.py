import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from arapol.config import load_config
from arapol.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "c.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_relative_paths_resolve_against_the_config_folder():
    cfg = load_config(ROOT / "configs/ner_tiny.yaml")
    assert cfg.data.train == str((ROOT / "data/ner/train.jsonl").resolve())
    assert cfg.output_dir == str((ROOT / "runs/ner-tiny").resolve())


@pytest.mark.parametrize("text, message", [
    ("task: ner\ndata: {train: a.jsonl}\nepochs: 3\n", r"unknown key\(s\) \['epochs'\]"),
    ("task: pos\ndata: {train: a.jsonl}\n", "task: 'pos' is not one of"),
    ("task: ner\ndata: {}\n", "data.train: a training file is required"),
    ("task: ner\ndata: {train: a.jsonl, format: xml}\n", "data.format: 'xml'"),
    ("task: ner\ndata: {train: a.jsonl}\nmax_length: 64\nstride: 64\n", "stride"),
    ("task: ner\ndata: [1, 2]\n", "data: expected a mapping"),
    ("task: ner\ndata: {train: a.jsonl\n", "invalid YAML"),
])
def test_config_errors_name_the_field(tmp_path, text, message):
    with pytest.raises(ConfigError, match=message):
        load_config(write(tmp_path, text))


def test_unknown_normalisation_step_and_training_argument(tmp_path):
    from arapol.training import train

    base = f"task: ner\nbase_model: tiny:bert\ndata: {{train: {ROOT}/data/ner/dev.jsonl}}\noutput_dir: {tmp_path}/o\n"
    with pytest.raises(ConfigError, match="unknown normalisation step"):
        train(load_config(write(tmp_path, base + "normalise: [stemming]\n")))
    with pytest.raises(ConfigError, match="training:"):
        train(load_config(write(tmp_path, base + "training: {not_an_argument: 1}\n")))


def test_entity_types_outside_the_scheme_are_refused(tmp_path, resources):
    from arapol.training import train

    data = tmp_path / "d.jsonl"
    data.write_text(json.dumps({"text": "قال بوتين", "entities": [{"start": 4, "end": 9, "label": "LEADER"}]},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    cfg = write(tmp_path, f"task: ner\nbase_model: tiny:bert\ndata: {{train: {data}}}\noutput_dir: {tmp_path}/o\n")
    with pytest.raises(ConfigError, match=r"entity types \['LEADER'\] are not in labels"):
        train(load_config(cfg))


def train_cmd(out: Path, epochs: int) -> list[str]:
    return [sys.executable, "-m", "arapol.cli", "train", str(ROOT / "configs/ner_tiny.yaml"),
            "--set", f"output_dir={out}", "--set", f"training.num_train_epochs={epochs}"]


@pytest.fixture(scope="module")
def reference_run(tmp_path_factory) -> Path:
    """An uninterrupted 3-epoch run of the tiny config, in one process."""
    out = tmp_path_factory.mktemp("reference") / "model"
    subprocess.run(train_cmd(out, 3), check=True, capture_output=True)
    return out


def test_killed_training_resumes_to_the_same_result(tmp_path, reference_run):
    out = tmp_path / "killed"
    proc = subprocess.Popen(train_cmd(out, 3), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 300
    while time.time() < deadline and proc.poll() is None:
        if list((out / "checkpoints").glob("checkpoint-*/trainer_state.json")):
            break
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not (out / "metrics.json").exists(), "the run finished before it could be killed"
    done = subprocess.run(train_cmd(out, 3), check=True, capture_output=True, text=True)
    assert "saved ner model" in done.stdout

    a = json.loads((reference_run / "metrics.json").read_text())
    b = json.loads((out / "metrics.json").read_text())
    assert b["train"]["resumed_from"] is not None
    for split in ("dev", "test"):
        assert b[split]["f1"] == pytest.approx(a[split]["f1"], abs=0.02)


def test_two_process_training_matches_one_process(tmp_path, reference_run):
    """`accelerate launch --num_processes 2` (CPU, gloo) — the path to several GPUs — trains the same model."""
    one, two = reference_run, tmp_path / "two"
    launch = [sys.executable, "-m", "accelerate.commands.launch", "--cpu", "--num_processes", "2",
              "--num_machines", "1", "--mixed_precision", "no", "--dynamo_backend", "no", "-m", "arapol.cli",
              *train_cmd(two, 3)[3:], "--set", "training.per_device_train_batch_size=8"]
    subprocess.run(launch, check=True, capture_output=True, timeout=900)
    a = json.loads((one / "metrics.json").read_text())
    b = json.loads((two / "metrics.json").read_text())
    assert b["train"]["epochs"] == a["train"]["epochs"] == 3
    assert b["dev"]["f1"] == pytest.approx(a["dev"]["f1"], abs=0.1)


def test_base_licence_notice_travels_with_the_model_and_its_export(tmp_path, tiny_ner_model, resources):
    """A base folder's NOTICE (the offline e5 base has one: MIT) is copied into the model and its export."""
    from arapol.export import export_model
    from arapol.training import train

    base = tmp_path / "base"
    shutil.copytree(tiny_ner_model / "tiny-base", base)
    (base / "NOTICE").write_text("licence of the base\n", encoding="utf-8")
    cfg = write(tmp_path, f"task: ner\nbase_model: {base}\ndata: {{train: {resources / 'ner_good.jsonl'}}}\n"
                          f"output_dir: {tmp_path}/model\ntraining: {{num_train_epochs: 1}}\n")
    model = train(load_config(cfg))
    assert (model / "NOTICE").read_text(encoding="utf-8") == "licence of the base\n"
    exported = export_model(model, tmp_path / "export")
    assert (exported / "NOTICE").read_text(encoding="utf-8") == "licence of the base\n"


@pytest.mark.parametrize("native", [True, False])
def test_bf16_on_a_cpu_autocasts_only_where_it_is_native(tmp_path, monkeypatch, caplog, native):
    import torch

    from arapol.training import trainer as tr

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(tr, "bf16_supported", lambda device: native)
    cfg = load_config(ROOT / "configs" / "ner_tiny.yaml", {"training": {"bf16": True}})
    args = tr._training_args(cfg, tmp_path, has_dev=True, best_metric="f1")
    assert args.bf16 is native and args.use_cpu is native
    assert ("no native bf16" in caplog.text) is not native


def test_best_epoch_metric_decodes_valid_iob2_like_predict():
    """The dev ``f1`` that picks the best epoch uses Viterbi (as ``predict()``); ``f1_argmax`` does not."""
    import numpy as np
    from transformers import EvalPrediction

    from arapol.training.trainer import _ner_metrics

    tags = ["O", "B-PER", "I-PER"]
    probs = np.array([[[0.45, 0.40, 0.15], [0.05, 0.05, 0.90], [0.90, 0.05, 0.05], [0.3, 0.3, 0.4]]])
    labels = np.array([[1, 2, 0, -100]])  # B-PER I-PER O, then a piece that is not a word's first
    scores = _ner_metrics(dict(enumerate(tags)))(EvalPrediction(predictions=np.log(probs), label_ids=labels))
    assert scores["f1"] == pytest.approx(1.0)  # Viterbi: B-PER I-PER beats O I-PER (invalid) and O O
    assert scores["f1_argmax"] == pytest.approx(0.0)  # argmax: O I-PER, an entity with the wrong start


def test_dev_seed_fixes_the_carved_dev_split_across_training_seeds(tmp_path):
    from arapol.training.trainer import dev_split

    items = list(range(100))
    base = "task: ner\ndata: {train: a.jsonl, dev_fraction: 0.2%s}\n"
    per_seed = load_config(write(tmp_path, base % ""))
    assert dev_split(per_seed, items, 13)[1] != dev_split(per_seed, items, 14)[1]
    fixed = load_config(write(tmp_path, base % ", dev_seed: 7"))
    train13, dev13 = dev_split(fixed, items, 13)
    assert dev_split(fixed, items, 14)[1] == dev13 and len(dev13) == 20
    assert sorted(train13 + dev13) == items
    with pytest.raises(ConfigError, match="data.dev_seed: expected an integer"):
        load_config(write(tmp_path, base % ", dev_seed: '7'"))


@pytest.mark.parametrize("config", ["stance_tiny.yaml", "ner_tiny.yaml"])
def test_training_without_a_dev_split_keeps_the_last_epoch(tmp_path, config):
    from arapol.cli import main

    out = tmp_path / "model"
    assert main(["train", str(ROOT / "configs" / config), "--set", f"output_dir={out}", "--set", "data.dev=null",
                 "--set", "data.test=null", "--set", "training.num_train_epochs=1"]) == 0
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["train"]["selection"] == "last epoch (no dev split)"
    assert "dev" not in metrics and "test" not in metrics
