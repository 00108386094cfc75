import importlib.util
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import sysconfig
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import arapol
from arapol.config import config_from_dict, load_config
from arapol.errors import ArapolError, ConfigError, DataError, ModelError
from arapol.labels import bio_labels, types_of

ROOT = Path(__file__).resolve().parents[1]
LABELS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]
"""The tags of ``configs/ner_tiny.yaml``'s model, which a run records beside its checkpoints (``_check_same_run``)."""


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "c.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_a_type_mapped_to_o_leaves_the_default_labels():
    from arapol.training.trainer import _label_list

    cfg = load_config(ROOT / "configs/ner_tiny.yaml", {"data": {"label_map": {"MISC": "O", "PERS": "PER"}}})
    assert cfg.resolved_labels() == ["PER", "ORG", "LOC"]
    assert [t for t in _label_list(cfg, []) if "MISC" in t] == []
    listed = load_config(ROOT / "configs/ner_tiny.yaml",
                         {"labels": ["PER", "MISC"], "data": {"label_map": {"MISC": "O"}}})
    assert listed.resolved_labels() == ["PER", "MISC"]  # listed by hand: kept as listed


def test_relative_paths_resolve_against_the_config_folder():
    cfg = load_config(ROOT / "configs/ner_tiny.yaml")
    assert cfg.data.train == str((ROOT / "data/ner/train.jsonl").resolve())
    assert cfg.output_dir == str((ROOT / "runs/ner-tiny").resolve())
    # a base written as a path, not next to the config: the config's folder, never the current one (a helper's
    # probe: the current folder's copy was used, and saved unresolved)
    moved = load_config(ROOT / "configs/ner_tiny.yaml", {"base_model": "../models/base"})
    assert moved.base_model == str((ROOT / "models/base").resolve())
    assert load_config(ROOT / "configs/ner_tiny.yaml", {"base_model": "org/name"}).base_model == "org/name"


def test_a_base_that_is_a_folder_of_the_current_folder_alone_is_refused(tmp_path, monkeypatch):
    """``base_model: models/base`` (one slash, a hub id's shape) that is no folder beside the config but one in the
    current folder was loaded from there: the run depended on where arapol ran, and saved the name unresolved (a
    helper's probe). It is refused; beside the config it resolves there; a hub id that is no folder here stays."""
    (tmp_path / "cwd/models/base").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "cwd")
    with pytest.raises(ConfigError, match=r"base_model: 'models/base' is a folder in the current folder .* but not "
                                          r"beside the config"):
        load_config(ROOT / "configs/ner_tiny.yaml", {"base_model": "models/base"})
    assert load_config(ROOT / "configs/ner_tiny.yaml", {"base_model": "org/name"}).base_model == "org/name"
    config = tmp_path / "cwd/c.yaml"
    config.write_text((ROOT / "configs/ner_tiny.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    here = load_config(config, {"base_model": "models/base", "data": {"train": str(ROOT / "data/ner/train.jsonl"),
                                                                       "dev": None, "test": None}})
    assert here.base_model == str(tmp_path / "cwd/models/base")


@pytest.mark.parametrize("text, message", [
    ("task: ner\ndata: {train: a.jsonl}\nepochs: 3\n", r"unknown key\(s\) \['epochs'\]"),
    ("task: ner\ndata: {train: a.jsonl, foo: 1}\n", r"unknown key\(s\) \['data.foo'\]; expected some of \['data.aux"),
    ("task: ner\ndata: {train: a.jsonl}\nlabels: [from_data, PER]\n", r"\[from_data\] stands alone"),
    ("task: pos\ndata: {train: a.jsonl}\n", "task: 'pos' is not one of"),
    ("task: ner\ndata: {}\n", "data.train: a training file is required"),
    ("task: ner\ndata: {train: a.jsonl, format: xml}\n", "data.format: 'xml'"),
    # found only once training had made its output folder, the config not named (a review)
    ("task: stance\ndata: {train: a.jsonl, format: conll}\n",
     r"c.yaml: data.format: 'conll' is not a stance format: a stance file is one of jsonl, csv, unifiedfc$"),
    ("task: ner\ndata: {train: a.csv, format: csv}\n", r"c.yaml: data.format: 'csv' is not a ner format"),
    ("task: ner\ndata: {train: a.jsonl}\nmax_length: 64\nstride: 64\n", "stride"),
    # stride 126 with max_length 128 was refused as "below it" though it is (a fresh user's audit)
    ("task: ner\ndata: {train: a.jsonl}\nmax_length: 128\nstride: 126\n",
     r"stride \(126\) must be between 0 and max_length − 3 \(125\)"),
    ("task: ner\ndata: {train: a.jsonl}\nmax_length: 128\nstride: -1\n", r"stride \(-1\) must be between 0"),
    ("task: ner\ndata: [1, 2]\n", "data: expected a mapping"),
    ("task: ner\ndata: {train: a.jsonl\n", "invalid YAML"),
    ("task: ner\ndata: {train: a.jsonl}\ninput_prefix: 'query: '\n", "input_prefix: only for task: stance"),
    # accepted, ignored by an NER model, and recorded in its training_config.yaml as if applied (a helper's probe)
    ("task: ner\ndata: {train: a.jsonl}\nclass_weights: true\npooling: mean\n",
     r"class_weights: True, pooling: 'mean': only for task: stance .*: remove them"),
    ("task: ner\ndata: {train: a.jsonl}\ntext_only: true\n", r"text_only: True: only for task: stance .*: remove it"),
    ("task: ner\ndata: {train: a.jsonl}\noutput_dir: ''\n", "output_dir: expected the folder to save the model in"),
    ("task: ner\ndata: {train: a.jsonl}\nlabels: [PER, PER, ORG]\n", r"labels: \['PER'\] listed more than once"),
    ("task: ner\ndata: {train: a.jsonl}\nlabels: [O, B-PER, '']\n",
     r"labels: \['O', 'B-PER', ''\]: NER labels are entity types .* map it to O with data.label_map"),
    ("task: stance\ndata: {train: a.jsonl}\nlabels: [from_data]\n", r"labels: \[from_data\] collects entity types"),
    # a tag as a key never matched (types are mapped without their prefix): the mapping was silently ignored
    ("task: ner\ndata: {train: a.jsonl, label_map: {B-PERS: B-PER, PERS: PER}}\n",
     r"data.label_map: \['B-PERS'\] are IOB2 tags, which it never meets: it maps entity types \(write PERS: PER; "
     r"--label-map PERS=PER\)"),
    # an empty name once ended in a traceback (`not an IOB2 tag: 'B-'`) or blamed the data for it
    ("task: ner\nlabels: [from_data]\ndata: {train: a.jsonl, label_map: {PER: ''}}\n",
     r"data.label_map: \['PER'\] maps to '': each name maps to a label"),
    ("task: stance\ndata: {train: a.jsonl, label_map: {pro: favor, con: ' '}}\n",
     r"data.label_map: \['con'\] maps to ' ': each name maps to a label"),
    # a space kept in the model's labels: tags 'B-PER ', and every prediction said 'PER ' (a review)
    ("task: ner\nlabels: [from_data]\ndata: {train: a.jsonl, label_map: {PER: 'PER '}}\n",
     r"c.yaml: data.label_map.PER: 'PER ' has spaces around it, which would stay in the model's labels: write 'PER'"),
    ("task: ner\ndata: {train: a.jsonl, label_map: {PERS: B-PER}}\n",
     r"data.label_map.PERS: 'B-PER' is an IOB2 tag, not an entity type \(write PER\)"),
    ("task: stance\ndata: {train: a.jsonl, label_map: {pro: \"favor\\u200f\"}}\n",
     r"data.label_map.pro: 'favor\\u200f' holds an unprintable character \(U\+200F\)"),
    ("task: stance\nlabels: [favor, ' against', none]\ndata: {train: a.jsonl}\n",
     r"labels\[1\]: ' against' has spaces around it"),
    ("task: ner\ndata: {train: a.jsonl, dev: b.jsonl, dev_fraction: 0.1}\n", r"data.dev_fraction: 0.1 carves a dev"),
    ("task: ner\ndata: {train: a.jsonl}\ntraining: {eval_strategy: no}\n",
     r"training.eval_strategy: .* found False \(YAML reads an unquoted no"),
    ("task: stance\ndata: {train: a.jsonl, label_map: {yes: favor, no: against}}\n",
     r"data.label_map key: expected a string, found True \(YAML reads an unquoted no, yes"),
    ("task: stance\nlabels: [yes, no, none]\ndata: {train: a.jsonl}\n",
     r"labels\[0\]: expected a string, found True \(YAML reads an unquoted no, yes"),
    ("task: stance\ndata: {train: a.jsonl}\nlabels: [favor, none, favor]\n", r"labels: \['favor'\] listed more"),
    ("task: stance\ndata: {train: a.jsonl}\naux_weight: 0\n", "aux_weight: expected a number above 0, found 0"),
    ("task: ner\ndata: {train: a.jsonl, targets: [x]}\n", "data.targets: only for task: stance"),
    ("task: ner\ndata: {train: a.jsonl}\ntraining: {learning_rat: 1.0e-3}\n",
     r"training.learning_rat: not an argument of transformers.TrainingArguments \(did you mean 'learning_rate'\?\)"),
    ("task: ner\ndata: {train: a.jsonl}\ntraining: {output_dir: x}\n", "training.output_dir: .* set output_dir"),
    ("task: ner\ndata: {train: a.jsonl}\ntraining: {num_train_epochs: 0}\n",
     "training.num_train_epochs: expected a number above 0, found 0"),
    ("task: ner\ndata: {train: a.jsonl}\ntraining: {learning_rate: -1}\n",
     "training.learning_rate: expected a number above 0, found -1"),
    ("task: ner\ndata: {train: a.jsonl}\ntraining: {learning_rate: 0e0}\n", "training.learning_rate: .* found 0.0"),
    ("task: ner\ndata: {train: a.jsonl}\ntraining: {per_device_train_batch_size: 0}\n",
     "training.per_device_train_batch_size: expected an integer ≥ 1, found 0"),
    ("task: ner\ndata: {train: a.jsonl}\ntraining: {weight_decay: -0.1}\n",
     "training.weight_decay: expected a number ≥ 0"),
    ("task: ner\ndata: {train: a.jsonl}\ntraining: {seed: -1}\n", "training.seed: expected an integer ≥ 0, found -1"),
    # YAML's .inf trained a useless model to the end, .nan crashed converting it (a helper's probe)
    ("task: ner\ndata: {train: a.jsonl}\ntraining: {learning_rate: .inf}\n",
     "training.learning_rate: expected a finite number, found inf"),
    ("task: ner\ndata: {train: a.jsonl}\ntraining: {num_train_epochs: .nan}\n",
     "training.num_train_epochs: expected a finite number, found nan"),
    ("task: stance\ndata: {train: a.jsonl}\naux_weight: .nan\n", "aux_weight: expected a finite number, found nan"),
    # a raw TypeError, a numpy ValueError after the lock was taken, one training step for 0 (a helper's probe)
    ("task: ner\ndata: {train: a.jsonl}\n1: 2\n", r"c.yaml: 1: expected a setting's name, found a key that YAML "
                                                   r"reads as an integer"),
    ("task: ner\ndata: {train: a.jsonl, 3: x}\n", r"c.yaml: data.3: expected a setting's name"),
    ("task: ner\ndata: {train: a.jsonl}\ntraining: {seed: 4294967296}\n",
     r"training.seed: expected an integer below 2\*\*32 \(numpy's seeds\), found 4294967296"),
    ("task: ner\ndata: {train: a.jsonl}\ntraining: {max_steps: 0}\n",
     "training.max_steps: expected a positive integer, or -1 to train num_train_epochs, found 0"),
    ("task: ner\ndata: {train: a.jsonl}\ntraining: {resume_from_checkpoint: x}\n",
     r"training.resume_from_checkpoint: arapol resumes a run from its last checkpoint by itself"),
    ("task: ner\ndata: {train: a.jsonl}\ntraining: {do_train: false}\n", r"training.do_train: not read by the"),
    ("task: ner\ndata: {train: a.jsonl}\ntraining: {push_to_hub: true}\n", r"training.push_to_hub: .*arapol push"),
    # a traceback once training began, after the output folder was made (a helper's probe)
    ("task: ner\ndata: {train: a.jsonl}\ntraining: {report_to: flyte}\n",  # (flytekit: not in any extra)
     r"training.report_to: the package of flyte is not installed here: install it, or report to none"),
    ("task: ner\ndata: {train: a.jsonl}\ntraining: {report_to: [none, tensorbord]}\n",
     r"training.report_to: unknown integration 'tensorbord': expected none, all or some of \['azure_ml'"),
    ("task: ner\ndata: {train: a.jsonl}\ntraining: {lr_scheduler_kwargs: x}\n",
     r"training.lr_scheduler_kwargs: expected a mapping \(or a JSON object in a string\), found 'x'"),
    ("task: ner\ndata: {train: a.jsonl}\ntraining: {label_names: [foo]}\n", r"training.label_names: .* `labels`"),
    ("task: ner\ndata: {train: a.jsonl}\ntraining: {save_total_limit: 0}\n",  # (the Trainer kept every checkpoint)
     "training.save_total_limit: expected an integer ≥ 1, found 0"),
    ("task: ner\ndata: null\n", "data: expected a mapping, found null"),  # (said NoneType)
    # a helper's probes: a smoothing of 1.5 trained to a negative loss and F1 0, exit 0; a beta of 1.5 failed in the
    # optimizer after the base was built; save_only_model made a resumed run another run, silently
    ("task: ner\ndata: {train: a.jsonl}\ntraining: {label_smoothing_factor: 1.5}\n",
     "training.label_smoothing_factor: expected a number below 1, found 1.5"),
    ("task: ner\ndata: {train: a.jsonl}\ntraining: {adam_beta1: 1.5}\n",
     "training.adam_beta1: expected a number below 1, found 1.5"),
    ("task: ner\ndata: {train: a.jsonl}\ntraining: {adam_beta2: -0.1}\n",
     "training.adam_beta2: expected a number ≥ 0, found -0.1"),
    ("task: ner\ndata: {train: a.jsonl}\ntraining: {save_only_model: true}\n",
     r"training.save_only_model: checkpoints without the optimizer's, scheduler's and random states: a run resumed"),
    # stance settings an NER config took and ignored (data.text_column: body read "text" all the same)
    ("task: ner\ndata: {train: a.jsonl, text_column: body}\n",
     r"data.text_column: 'body': only for task: stance \(NER reads each record's text and entities fields"),
    ("task: ner\ndata: {train: a.jsonl, label_column: tags}\ntarget: الهدنة\n",
     r"data.label_column: 'tags', target: 'الهدنة': only for task: stance .*: remove them"),
    ("task: ner\ndata: {train: a.jsonl}\naux_weight: 0.2\n", r"aux_weight: 0.2: only for task: stance"),
    ("task: ner\ndata: {train: a.jsonl, dev: b.jsonl, dev_seed: 7}\n",
     r"data.dev_seed: 7 seeds the dev split carved from train \(data.dev_fraction\), and data.dev gives one"),
    ("task: ner\ndata: {train: a.jsonl}\ntrim_keep: corpus\n", r"trim_keep: 'corpus' .* trim_vocab is off"),
    ("task: ner\nbase_model: ''\ndata: {train: a.jsonl}\n", r"base_model: expected a hub name .*, found ''"),
    # the tiny base trained its whole vocabulary, and the card said it was trimmed (a helper's probe)
    ("task: ner\nbase_model: tiny:bert\ndata: {train: a.jsonl}\ntrim_vocab: true\n",
     r"trim_vocab: the tiny base \(tiny:bert\) is built from the training corpus's own words.*: remove trim_vocab$"),
    ("task: ner\nbase_model: tiny:bert\ndata: {train: a.jsonl}\ntrim_vocab: true\ntrim_keep: corpus\n",
     r"remove trim_vocab and trim_keep$"),
])
def test_config_errors_name_the_field(tmp_path, text, message):
    with pytest.raises(ConfigError, match=message):
        load_config(write(tmp_path, text))


def test_a_mapping_setting_may_be_a_json_object_in_a_string_and_a_config_setting_a_file(tmp_path):
    """Kept as written (a resume compares it with the record of the run); ``deepspeed``, ``fsdp_config`` and
    ``accelerator_config`` take a file's path (they were refused for a while: a helper's review)."""
    text = ("task: ner\ndata: {train: a.jsonl}\ntraining: {report_to: [none], lr_scheduler_kwargs: '{\"power\": 2}', "
            "gradient_checkpointing_kwargs: {use_reentrant: false}, accelerator_config: acc.json}\n")
    assert load_config(write(tmp_path, text)).training == {
        "report_to": ["none"], "lr_scheduler_kwargs": '{"power": 2}',
        "gradient_checkpointing_kwargs": {"use_reentrant": False}, "accelerator_config": "acc.json"}


def test_unknown_normalisation_step_and_training_argument(tmp_path):
    from arapol.training import train

    base = f"task: ner\nbase_model: tiny:bert\ndata: {{train: {ROOT}/data/ner/dev.jsonl}}\noutput_dir: {tmp_path}/o\n"
    with pytest.raises(ConfigError, match=r"c\.yaml: normalise: unknown step\(s\) \['stemming'\]; expected some"):
        load_config(write(tmp_path, base + "normalise: [stemming]\n"))
    with pytest.raises(ConfigError, match=r"c\.yaml:5: invalid YAML: the key 'task' is given twice$"):
        load_config(write(tmp_path, base + "task: stance\n"))
    with pytest.raises(ConfigError, match=r"the key 'seed' is given twice"):
        load_config(write(tmp_path, base + "training:\n  seed: 1\n  learning_rate: 1.0e-4\n  seed: 2\n"))
    # a YAML merge key is no duplicate: the keys beside it override what it brings
    from arapol.yamlio import load_yaml

    assert load_yaml("a: &b {seed: 13, lr: 1}\nc:\n  <<: *b\n  seed: 14\n")["c"] == {"seed": 14, "lr": 1}
    with pytest.raises(ConfigError, match=r"^\S*c\.yaml: max_length \(8\) must be"):  # validation names the file too
        load_config(write(tmp_path, base + "max_length: 8\n"))
    for name, message in [("./no_such_folder", f"base_model: no model folder '{tmp_path / 'no_such_folder'}'"),
                          ("tiny:bart", r"base_model: cannot load 'tiny:bart' \(.*\); expected a hub name"),
                          ("no-such-org/bert-base", r"base_model: 'no-such-org/bert-base' is not in the local hub "
                                                    r"cache and the hub cannot be reached \(.*\): download it once "
                                                    r".*offline:multilingual-e5-small")]:
        with pytest.MonkeyPatch.context() as env:
            env.setenv("HF_HUB_OFFLINE", "1")  # as on a machine without the hub (no retries: at once)
            with pytest.raises(ConfigError, match=message):
                train(load_config(write(tmp_path, base.replace("tiny:bert", name))))
    import errno

    import arapol.base.trim
    from arapol.base.tiny import build_tiny_bert

    texts = (ROOT / "data/ner/dev.jsonl").read_text(encoding="utf-8").splitlines()
    tiny_base = build_tiny_bert(tmp_path / "base", texts)

    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "o" / "trimmed-base"))

    with pytest.MonkeyPatch.context() as mp:  # the disk, not the base, is at fault: its own error, naming the file
        mp.setattr(arapol.base.trim, "trim_vocabulary", full_disk)
        with pytest.raises(OSError, match="No space left on device: .*trimmed-base") as err:
            train(load_config(write(tmp_path, base.replace("tiny:bert", str(tiny_base)) + "trim_vocab: true\n")))
        assert not isinstance(err.value, ConfigError)
    # what TrainingArguments says, on one line, naming the setting its message names
    with pytest.raises(ConfigError, match=r"^training\.load_best_model_at_end: "
                                          r"--load_best_model_at_end requires [^\n]*$"):
        train(load_config(write(tmp_path, base + "training: {load_best_model_at_end: true, eval_strategy: steps, "
                                                 "save_strategy: steps, save_steps: 7, eval_steps: 5}\n"),
                          {"data": {"dev": str(ROOT / "data/ner/dev.jsonl")}}))
    with pytest.raises(ConfigError, match="training.not_an_argument: not an argument of transformers"):
        load_config(write(tmp_path, base + "training: {not_an_argument: 1}\n"))


def test_training_values_keep_their_meaning(tmp_path):
    """Exponent strings become numbers where the argument is a number only; the rest stay as written."""
    cfg = load_config(write(tmp_path, "task: ner\ndata: {train: a.jsonl}\ntraining: {learning_rate: 3e-4, "
                                      "num_train_epochs: 2, run_name: 1e5, report_to: [none], bf16: true, "
                                      "save_total_limit: null, warmup_steps: 0.1, lr_scheduler_type: cosine}\n"))
    assert cfg.training == {"learning_rate": 3e-4, "num_train_epochs": 2, "run_name": "1e5", "report_to": ["none"],
                            "bf16": True, "save_total_limit": None, "warmup_steps": 0.1, "lr_scheduler_type": "cosine"}


def test_training_argument_types_read_unions_and_literals():
    from typing import Any, Literal, Optional, Union

    from arapol.config import _classes

    assert _classes(Optional[int]) == (int, type(None))  # noqa: UP045 (the spelling transformers may use)
    assert _classes(Union[str, None, Literal[False]]) == (str, type(None), bool)  # noqa: UP007
    assert _classes(dict[str, Any] | str | None) == (dict, str, type(None))
    assert _classes(None | str | list[str]) == (type(None), str, list)
    assert _classes("int | None") == () and _classes(int | Any) == ()  # not resolved: not checked


def test_training_arguments_are_checked_before_the_data_is_read(tmp_path):
    """What only ``TrainingArguments`` itself can check is refused before any data is read."""
    from arapol.training import train

    cfg = load_config(write(tmp_path, f"task: ner\ndata: {{train: missing.jsonl}}\noutput_dir: {tmp_path}/o\n"
                                      "training: {lr_scheduler_type: sideways}\n"))
    with pytest.raises(ConfigError, match="training.lr_scheduler_type: sideways is not a valid SchedulerType"):
        train(cfg)
    # the schedule itself, made as the Trainer makes it: these failed once training began, with a traceback, after
    # the output folder and its base were made (a helper's probe); a bad step count names its own field
    for training, message in (
            ("{lr_scheduler_kwargs: {foo: 1}}", r"the schedule 'linear' with \{'foo': 1\} cannot be made: "
                                                r".*unexpected keyword argument 'foo'"),
            ("{lr_scheduler_type: cosine_with_min_lr}", r"'cosine_with_min_lr' with \{\} cannot be made: One of "
                                                        r"min_lr or min_lr_rate"),
            ("{save_strategy: steps, save_steps: 2.5}", r"^training.save_steps: --save_steps must be an integer"),
            ("{lr_scheduler_type: polynomial, lr_scheduler_kwargs: {lr_end: 0.5}, learning_rate: 0.01}",
             r"'polynomial' with \{'lr_end': 0.5\} cannot be made: lr_end \(0.5\) must be smaller than initial lr")):
        cfg = load_config(write(tmp_path, f"task: ner\ndata: {{train: missing.jsonl}}\noutput_dir: {tmp_path}/o\n"
                                          f"training: {training}\n"))
        with pytest.raises(ConfigError, match=message):
            train(cfg)
        assert not (tmp_path / "o").exists()
    cfg = load_config(write(tmp_path, "task: ner\ndata: {train: a.jsonl}\ntraining: {lr_scheduler_type: "
                                      "cosine_with_min_lr, lr_scheduler_kwargs: {min_lr_rate: 0.1}}\n"))
    from arapol.training.trainer import _training_args

    assert _training_args(cfg, tmp_path, True, "f1").lr_scheduler_kwargs == {"min_lr_rate": 0.1}


def test_a_trainer_setting_refused_when_training_starts_names_the_config_file(tmp_path, capsys):
    """``TrainingArguments`` refusing a value (an optimiser's name), or a combination arapol refuses as the arguments
    are made, is an error naming the config file and the key, as the config's own errors are (they named the key
    alone); with ``--set`` it says the overrides were given, not that they are at fault (it blamed them for the file's
    own value, a review). Nothing is made, and an error about the data, not the config, is left as it is."""
    from arapol.cli import main

    config = write(tmp_path, f"task: ner\nbase_model: tiny:bert\ndata: {{train: {ROOT}/data/ner/dev.jsonl}}\n"
                             f"output_dir: {tmp_path}/o\ntraining: {{optim: sideways}}\n")
    assert main(["train", str(config)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"arapol: error: {config}: training.optim: sideways is not a valid OptimizerNames")
    assert main(["train", str(config), "--set", "training.seed=3"]) == 2  # (the file's value, not the override's)
    err = capsys.readouterr().err
    assert err.startswith(f"arapol: error: {config} (with --set overrides): training.optim: sideways is not a valid ")
    assert "with the overrides" not in err
    assert main(["train", str(config), "--set", "training.optim=adamw_torch", "--set",
                 "training.lr_scheduler_type=sideways"]) == 2
    assert capsys.readouterr().err.startswith(f"arapol: error: {config} (with --set overrides): "
                                              "training.lr_scheduler_type: sideways is not a valid SchedulerType")
    dev = f"data.dev={ROOT}/data/ner/dev.jsonl"
    assert main(["train", str(config), "--set", "training={save_strategy: epoch, eval_strategy: steps}",
                 "--set", dev]) == 2
    assert capsys.readouterr().err.startswith(f"arapol: error: {config} (with --set overrides): "
                                              "training.save_strategy ('epoch') and training.eval_strategy ('steps') "
                                              "differ")
    assert not (tmp_path / "o").exists()
    assert main(["train", str(config), "--set", "training={}", "--set", f"data.train={tmp_path}/none.jsonl"]) == 2
    assert capsys.readouterr().err == f"arapol: error: {tmp_path}/none.jsonl: no such file (data.train)\n"


def test_an_error_in_a_config_value_that_training_finds_names_the_config_file(tmp_path, monkeypatch):
    """What training finds wrong with a config's values besides its Trainer settings (a base it cannot load, a
    max_length beyond the base's positions, an output_dir that is the base's folder or holds other files, a resume
    of other settings) names the config file given as ``where`` too, once (they named the key alone); without
    ``where`` the message is as it was."""
    from arapol.base.tiny import build_tiny_bert
    from arapol.training import train

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")  # (tiny:bart is refused at once)
    config = write(tmp_path, f"task: ner\nbase_model: tiny:bert\ndata: {{train: {ROOT}/data/ner/dev.jsonl}}\n"
                             f"output_dir: {tmp_path}/o\n")
    base = build_tiny_bert(tmp_path / "base", (ROOT / "data/ner/dev.jsonl").read_text(encoding="utf-8").splitlines())
    (tmp_path / "user").mkdir()
    (tmp_path / "user" / "notes.txt").write_text("mine\n", encoding="utf-8")
    (tmp_path / "r/checkpoints/checkpoint-1").mkdir(parents=True)  # an earlier run's, of other settings
    (tmp_path / "r/checkpoints/checkpoint-1/trainer_state.json").write_text("{}", encoding="utf-8")
    (tmp_path / "r/checkpoints/run_config.json").write_text('{"training": {"seed": 1}}', encoding="utf-8")
    where = f"{config} (with --set overrides)"
    for change, message in [
        ({"base_model": "tiny:bart"}, r"base_model: cannot load 'tiny:bart' \("),
        ({"base_model": str(base), "max_length": 1024}, "max_length: 1024 is more than the 512 positions"),
        ({"base_model": str(base), "output_dir": str(base)}, f"output_dir: {base} is the base model's folder"),
        ({"output_dir": str(tmp_path / "user")}, f"output_dir: {tmp_path / 'user'} holds files that no arapol run"),
        ({"output_dir": str(tmp_path / "r")}, f"output_dir {tmp_path / 'r'} holds the checkpoints of a run with other "
                                              r"\[[^]]*'training.seed'\]; train with --no-resume"),
        ({"training": {"optim": "sideways"}}, "training.optim: sideways is not"),  # (named before: not twice)
    ]:
        cfg = load_config(config, change)
        with pytest.raises(ConfigError, match=f"^{re.escape(where)}: {message}") as named:
            train(cfg, where=where)
        with pytest.raises(ConfigError, match=f"^{message}") as unnamed:
            train(cfg)
        # the error naming the file is raised from training's own, which keeps its cause (it was left out, a review)
        assert str(named.value.__cause__) == str(unnamed.value)
        assert type(named.value.__cause__.__cause__) is type(unnamed.value.__cause__)


@pytest.mark.skipif(importlib.util.find_spec("bitsandbytes") is not None, reason="bitsandbytes is installed here")
def test_an_optimiser_whose_package_is_missing_is_refused_before_anything_is_made(tmp_path, capsys):
    """``training.optim: adamw_bnb_8bit`` without bitsandbytes failed once training began, with an ``ImportError``
    traceback, after the output folder and its base were made (a helper's probe)."""
    from arapol.cli import main

    config = write(tmp_path, f"task: ner\nbase_model: tiny:bert\ndata: {{train: {ROOT}/data/ner/dev.jsonl}}\n"
                             f"output_dir: {tmp_path}/o\ntraining: {{optim: adamw_bnb_8bit}}\n")
    assert main(["train", str(config)]) == 2
    assert capsys.readouterr().err.startswith(f"arapol: error: {config}: training.optim: 'adamw_bnb_8bit' needs a "
                                              "package that is not installed here: You need to install `bitsandbytes`")
    assert not (tmp_path / "o").exists()


def ner_file(path: Path, label: str) -> Path:
    path.write_text(json.dumps({"text": "قال بوتين", "entities": [{"start": 4, "end": 9, "label": label}]},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def test_entity_types_outside_the_scheme_are_refused(tmp_path, resources):
    from arapol.training import train

    data = ner_file(tmp_path / "d.jsonl", "PER")
    data.write_text(data.read_text(encoding="utf-8") * 2 + ner_file(tmp_path / "x.jsonl", "LEADER").read_text(
        encoding="utf-8"), encoding="utf-8")
    cfg = write(tmp_path, f"task: ner\nbase_model: tiny:bert\ndata: {{train: {data}}}\noutput_dir: {tmp_path}/o\n")
    with pytest.raises(DataError, match=r"d.jsonl:3: entity types \['LEADER'\] \(the first on this line\) are not in"):
        train(load_config(cfg))
    # in a CoNLL file, the line of the entity's first token (the sentence's first line was named)
    conll = tmp_path / "d.conll"
    conll.write_text("قال\tO\nالرئيس\tO\nبشار\tB-PER\n\nوصل\tO\nالقائد\tO\nأبو\tB-LEADER\nمحمد\tI-LEADER\n",
                     encoding="utf-8")
    cfg = write(tmp_path, f"task: ner\nbase_model: tiny:bert\ndata: {{train: {conll}, format: conll}}\n"
                          f"output_dir: {tmp_path}/o\n")
    with pytest.raises(DataError, match=r"d.conll:7: entity types \['LEADER'\] \(the first on this line\)"):
        train(load_config(cfg))


@pytest.mark.parametrize("split", ["dev", "test"])
def test_entity_types_outside_the_scheme_are_refused_in_every_split(tmp_path, split):
    """A dev or test type without a tag would fail in training (dev) or score silently as 0 (test)."""
    from arapol.training import train

    other = ner_file(tmp_path / f"{split}.jsonl", "PERSON")
    cfg = load_config(ROOT / "configs/ner_tiny.yaml", {"output_dir": str(tmp_path / "o"), "data": {split: str(other)}})
    with pytest.raises(DataError, match=rf"{split}.jsonl:1: entity types \['PERSON'\] .* are not in labels \['PER'"):
        train(cfg)
    assert not (tmp_path / "o" / "tiny-base").exists()  # refused before the base was built


def test_training_refuses_a_folder_of_other_files(tmp_path, capsys):
    from arapol.cli import main

    user = tmp_path / "user"
    user.mkdir()
    (user / "README.md").write_text("mine\n", encoding="utf-8")
    (user / "config.json").write_text("{}\n", encoding="utf-8")
    assert main(["train", str(ROOT / "configs/ner_tiny.yaml"), "--set", f"output_dir={user}"]) == 2
    err = capsys.readouterr().err
    assert f"output_dir: {user} holds files that no arapol run wrote (README.md, config.json)" in err
    assert sorted(p.name for p in user.iterdir()) == ["README.md", "config.json"]
    assert (user / "README.md").read_text(encoding="utf-8") == "mine\n"


@pytest.mark.parametrize("files, ok", [
    ([], True),
    (["checkpoints/run_config.json", "tiny-base/arapol_recipe.json", ".tiny-base.building/x"], True),  # cut short
    ([".final-tmp/model.safetensors", "model.safetensors"], True),  # cut short while moving the model in
    (["arapol.json", "model.safetensors", "eval/report.md", "notes.txt"], True),  # a model: retrained in place
    (["checkpoints/x", "notes.txt"], False),
    # checkpoints that no run recorded (another run's, copied in): resumed from, or rotated away with a user's file
    (["checkpoints/checkpoint-90/trainer_state.json", "checkpoints/checkpoint-7/notes.txt"],
     "checkpoints \\(checkpoint-7, checkpoint-90\\) that no arapol run recorded"),
    (["checkpoints/run_config.json", "checkpoints/checkpoint-90/trainer_state.json"], True),
    (["arapol.json:bundle", "ner/arapol.json"], "a model of each task in sub-folders"),  # (not "no arapol run")
    (["arapol.json:{", "model.safetensors"], False),
])
def test_an_arapol_run_folder_can_be_trained_into_again(tmp_path, files, ok):
    from arapol.training.trainer import _check_output_folder

    out = tmp_path / "out"
    out.mkdir()
    for name in files:
        name, _, kind = name.partition(":")
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text(json.dumps({"kind": kind or "model"}) if kind != "{" else "{", encoding="utf-8")
    if ok is True:
        _check_output_folder(out)
    else:
        held = ok or "files that no arapol run wrote"
        with pytest.raises(ConfigError, match=f"output_dir: {out}/?[a-z]* holds {held}"):
            _check_output_folder(out)
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(ConfigError, match="is a file, not a folder"):
        _check_output_folder(tmp_path / "file")


def train_cmd(out: Path, epochs: int) -> list[str]:
    return [sys.executable, "-m", "arapol.cli", "train", str(ROOT / "configs/ner_tiny.yaml"),
            "--set", f"output_dir={out}", "--set", f"training.num_train_epochs={epochs}"]


REFERENCE_EPOCHS = 6
"""Past the steep start of the tiny model's learning curve (dev F1 0.12 after 3 epochs, 0.47 after 6 and 0.48
after 10), where runs that differ only in how batches are split compare on their result."""


@pytest.fixture(scope="module")
def reference_run(tmp_path_factory) -> Path:
    """An uninterrupted run of the tiny config, in one process."""
    out = tmp_path_factory.mktemp("reference") / "model"
    subprocess.run(train_cmd(out, REFERENCE_EPOCHS), check=True, capture_output=True)
    return out


def test_killed_training_resumes_to_the_same_result(tmp_path, reference_run):
    out = tmp_path / "killed"
    proc = subprocess.Popen(train_cmd(out, REFERENCE_EPOCHS), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 300
    while time.time() < deadline and proc.poll() is None:
        if list((out / "checkpoints").glob("checkpoint-*/trainer_state.json")):
            break
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not (out / "metrics.json").exists(), "the run finished before it could be killed"
    done = subprocess.run(train_cmd(out, REFERENCE_EPOCHS), check=True, capture_output=True, text=True)
    assert "saved ner model" in done.stdout

    a = json.loads((reference_run / "metrics.json").read_text())
    b = json.loads((out / "metrics.json").read_text())
    assert b["train"]["resumed_from"] is not None
    for split in ("dev", "test"):
        assert b[split]["f1"] == pytest.approx(a[split]["f1"], abs=0.02)


def test_training_time_counts_every_resume(tmp_path, reference_run):
    """A resumed run reported only its own part's time, and a finished run trained again 0.0 s (a helper's probe):
    each checkpoint records the time spent to reach it."""
    from arapol.training.averaging import finished_checkpoints
    from arapol.training.hf_trainer import time_before

    out = tmp_path / "again"
    shutil.copytree(reference_run, out)
    last = finished_checkpoints(out / "checkpoints")[-1]
    spent = time_before(last)
    assert spent > 0
    assert json.loads((reference_run / "metrics.json").read_text())["train"]["runtime_s"] >= round(spent, 1)
    subprocess.run(train_cmd(out, REFERENCE_EPOCHS), check=True, capture_output=True)
    again = json.loads((out / "metrics.json").read_text())["train"]
    assert again["resumed_from"].endswith(last.name) and again["runtime_s"] >= round(spent, 1)


def test_checkpoints_record_their_time_first_and_rotate_by_step(tmp_path, monkeypatch):
    """transformers rotates checkpoints by their folders' modification times: in a copied output folder (cp -r) a
    resumed run deleted the checkpoint it resumed from, and averaged others than the uninterrupted run; and the time
    file was written after trainer_state.json, so a kill between them left a finished checkpoint without its time
    (both a helper's probes)."""
    import transformers
    from transformers import BertConfig, BertForTokenClassification, TrainingArguments

    from arapol.training.hf_trainer import TIME_FILE, ArapolTrainer, TrainingTime, time_before

    model = BertForTokenClassification(BertConfig(vocab_size=32, hidden_size=8, num_hidden_layers=1,
                                                  num_attention_heads=2, intermediate_size=8, num_labels=3))
    args = TrainingArguments(output_dir=str(tmp_path), save_total_limit=2, report_to=[], use_cpu=True)
    trainer = ArapolTrainer(model=model, args=args)
    trainer.clock = TrainingTime(before=12.5)
    seen: list[bool] = []

    def save(self, model, trial):  # the library's save, which writes trainer_state.json last
        folder = tmp_path / f"checkpoint-{self.state.global_step}"
        seen.append((folder / TIME_FILE).is_file())
        folder.mkdir(exist_ok=True)
        (folder / "trainer_state.json").write_text("{}", encoding="utf-8")

    monkeypatch.setattr(transformers.Trainer, "_save_checkpoint", save)
    for step, age in ((10, 100), (20, 300)):  # copied in another order: checkpoint-20 looks the older
        (tmp_path / f"checkpoint-{step}").mkdir()
        os.utime(tmp_path / f"checkpoint-{step}", (time.time() - age, time.time() - age))
    trainer.state.global_step = 30
    trainer._save_checkpoint(model, None)
    assert seen == [True] and time_before(tmp_path / "checkpoint-30") >= 12.5
    assert sorted(p.name for p in tmp_path.glob("checkpoint-*")) == ["checkpoint-20", "checkpoint-30"]
    assert trainer.args.save_total_limit == 2


def test_two_process_training_matches_one_process(tmp_path, reference_run):
    """`torchrun --nproc_per_node 2` (CPU, gloo) — the path to several GPUs — trains the same model: two processes
    (the first builds the tiny base, the other reuses it) at half the batch each."""
    one, two = reference_run, tmp_path / "two"
    launch = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "2", "-m",
              "arapol.cli", *train_cmd(two, REFERENCE_EPOCHS)[3:], "--set", "training.per_device_train_batch_size=8"]
    subprocess.run(launch, check=True, capture_output=True, timeout=900)
    a = json.loads((one / "metrics.json").read_text())
    b = json.loads((two / "metrics.json").read_text())
    assert (a["train"]["processes"], b["train"]["processes"]) == (1, 2)
    assert "**Processes**: 2" in (two / "README.md").read_text(encoding="utf-8")
    assert "**Processes**" not in (one / "README.md").read_text(encoding="utf-8")
    steps = [max(int(c.name.split("-")[1]) for c in (run / "checkpoints").glob("checkpoint-*")) for run in (one, two)]
    assert steps[0] == steps[1]  # each step saw 2 × 8 examples, as one process's 16
    assert b["train"]["epochs"] == a["train"]["epochs"] == REFERENCE_EPOCHS
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


@pytest.mark.parametrize(("use_cpu", "checked", "kept"), [(False, "cuda", False), (True, "cpu", True)])
def test_bf16_on_a_gpu_machine_checks_the_device_that_trains(monkeypatch, caplog, use_cpu, checked, kept):
    """With CUDA present the GPU's native bf16 decides, unless ``use_cpu`` trains on the CPU (native here)."""
    import torch

    from arapol.training import trainer as tr

    asked = []
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(tr, "bf16_supported", lambda device: asked.append(device.type) or device.type == "cpu")
    values = {"bf16": True, "use_cpu": use_cpu}
    tr._native_bf16_only(values)
    assert asked == [checked] and values["bf16"] is kept
    assert ("this GPU has no native bf16" in caplog.text) is not kept


def test_training_state_is_freed_before_the_model_is_scored(tmp_path, monkeypatch):
    """The optimizer (and its state) no longer exists when the saved model is loaded again to be scored."""
    import gc

    import torch

    from arapol.training import trainer as tr

    seen = []
    score = tr._final_scores

    def checked(*args, **kwargs):
        gc.collect()
        seen.append(sum(issubclass(type(o), torch.optim.Optimizer) for o in gc.get_objects()))
        return score(*args, **kwargs)

    monkeypatch.setattr(tr, "_final_scores", checked)
    tr.train(load_config(ROOT / "configs/ner_tiny.yaml", {"output_dir": str(tmp_path / "m"),
                                                           "training": {"num_train_epochs": 1}}))
    assert seen == [0]


def test_final_scores_load_the_model_only_for_a_split_not_yet_scored(tmp_path, monkeypatch):
    """With the dev scores at hand (from the label-bias tuning) and no test split, nothing is loaded again."""
    from arapol.training import trainer as tr

    def refuse(*args, **kwargs):
        raise AssertionError("the model was loaded")

    monkeypatch.setattr(tr, "TokenClassifier", refuse)
    monkeypatch.setattr(tr, "SequenceClassifier", refuse)
    known = {"macro_f1": 0.5}
    assert tr._final_scores("stance", tmp_path, ["a dev example"], [], None, known) == {"dev": known}
    with pytest.raises(AssertionError, match="loaded"):
        tr._final_scores("stance", tmp_path, ["a dev example"], ["a test example"], None, known)


def _dev_texts(*texts: tuple) -> tuple[list, list, list]:
    """Dev examples, normalisations and encoded words for ``_ner_metrics``: each of ``texts`` is ``(text,
    [(start, end, label)], words)`` with optional ``clitic`` and ``empty`` flags after (``words`` None: the text's
    own)."""
    from arapol.alignment import EncodedText
    from arapol.data import NerExample
    from arapol.labels import Span
    from arapol.text import Normaliser, split_words

    examples, norms, encoded = [], [], []
    for text, spans, words, *flags in texts:
        words = words or split_words(text)
        clitic, empty = (*flags, None, None)[:2]
        examples.append(NerExample(text, [Span(*sp) for sp in spans]))
        norms.append(Normaliser(())(text))
        encoded.append(EncodedText(words, [(i + 5,) for i in range(len(words))], clitic or [False] * len(words),
                                   empty or [False] * len(words)))
    return examples, norms, encoded


def test_best_epoch_metric_decodes_valid_iob2_like_predict():
    """The dev ``f1`` that picks the best epoch uses Viterbi (as ``predict()``); ``f1_argmax`` does not."""
    import numpy as np
    from transformers import EvalPrediction

    from arapol.training.trainer import _ner_metrics

    tags = ["O", "B-PER", "I-PER"]
    probs = np.array([[[0.45, 0.40, 0.15], [0.05, 0.05, 0.90], [0.90, 0.05, 0.05], [0.3, 0.3, 0.4]]])
    labels = np.array([[1, 2, 0, -100]])  # B-PER I-PER O, then a piece that is not a word's first
    dev = _dev_texts(("بشار الأسد قال", [(0, 10, "PER")], None))
    scores = _ner_metrics(dict(enumerate(tags)), [0], *dev)(EvalPrediction(predictions=np.log(probs),
                                                                            label_ids=labels))
    assert scores["f1"] == pytest.approx(1.0)  # Viterbi: B-PER I-PER beats O I-PER (invalid) and O O
    assert scores["f1_argmax"] == pytest.approx(0.0)  # argmax: O I-PER, an entity with the wrong start


def test_dev_metric_decodes_words_as_predict_does():
    """A word that spells nothing is outside every entity, and a clitic alone is no entity, in the dev score that
    picks the epoch as in ``predict()``."""
    import numpy as np
    from transformers import EvalPrediction

    from arapol.training.trainer import _ner_metrics

    tags = ["O", "B-PER", "I-PER"]
    probs = np.log(np.array([[[0.05, 0.9, 0.05], [0.05, 0.15, 0.8]]]))  # B-PER I-PER, word 0 holding nothing
    labels = np.array([[0, 1]])  # gold: O B-PER
    text = ("\ufffd بوتين", [(2, 7, "PER")], None)
    assert _ner_metrics(dict(enumerate(tags)), [0], *_dev_texts(text))(EvalPrediction(probs, labels))["f1"] == 0.0
    metric = _ner_metrics(dict(enumerate(tags)), [0], *_dev_texts((*text, None, [True, False])))
    assert metric(EvalPrediction(probs, labels))["f1"] == 1.0
    alone = np.log(np.array([[[0.05, 0.9, 0.05], [0.9, 0.05, 0.05], [0.05, 0.9, 0.05]]]))  # B-PER O B-PER
    labels = np.array([[0, 0, 1]])
    dev = _dev_texts(("وقال بوتين", [(5, 10, "PER")], [(0, 1), (1, 4), (5, 10)], [True, False, False]))
    scores = _ner_metrics(dict(enumerate(tags)), [0], *dev)(EvalPrediction(alone, labels))
    assert scores["precision"] == 1.0 and scores["recall"] == 1.0  # the lone clitic is dropped, as predict() does


def test_dev_metric_joins_a_texts_windows():
    """An entity across a window border is one entity of its text, not two halves scored apart."""
    import numpy as np
    from transformers import EvalPrediction

    from arapol.training.trainer import _ner_metrics

    tags = ["O", "B-PER", "I-PER"]
    sure = np.eye(3)[[0, 1, 2, 0]] * 0.9 + 0.1 / 3  # O B-PER | I-PER O, the border between words 2 and 3
    probs = np.log(np.stack([sure[:2], sure[2:], sure[:2]]))
    labels = np.array([[0, 1], [2, 0], [0, 1]])  # windows 0 and 1: text 0; window 2: text 1 (one B-PER)
    metric = _ner_metrics(dict(enumerate(tags)), [0, 0, 1],
                          *_dev_texts(("قال فلاديمير بوتين أمس", [(4, 18, "PER")], None),
                                      ("قال بوتين", [(4, 9, "PER")], None)))
    scores = metric(EvalPrediction(predictions=probs, label_ids=labels))
    assert scores["f1"] == pytest.approx(1.0) and scores["f1_argmax"] == pytest.approx(1.0)
    wrong = np.log(np.stack([sure[:2], np.eye(3)[[0, 0]] * 0.9 + 0.1 / 3, sure[:2]]))  # the name cut after 1 word
    scores = metric(EvalPrediction(predictions=wrong, label_ids=labels))
    assert scores["precision"] == pytest.approx(0.5) and scores["recall"] == pytest.approx(0.5)


def test_dev_metric_scores_character_spans_as_evaluate_does():
    """An entity inside a word (``قطر`` in ``وقطر``, where the tokenizer keeps the clitic on) is tagged as the whole
    word, which is all the model can predict; strict scoring of character spans counts that as wrong, in the dev
    score that picks the epoch as in ``arapol evaluate`` (word-level gold tags counted it right: the saved dev
    score came out lower than the one that picked the epoch)."""
    import numpy as np
    from transformers import EvalPrediction

    from arapol.training.trainer import _ner_metrics

    tags = ["O", "B-LOC", "I-LOC"]
    probs = np.log(np.eye(3)[[0, 1]] * 0.9 + 0.1 / 3)[None]  # O B-LOC: the word وقطر
    labels = np.array([[0, 1]])
    scores = _ner_metrics(dict(enumerate(tags)), [0], *_dev_texts(("زار وقطر", [(5, 8, "LOC")], None)))(
        EvalPrediction(probs, labels))
    assert scores["f1"] == 0.0 and scores["f1_argmax"] == 0.0


@pytest.mark.parametrize("picks", [True, False])
def test_dev_macro_f1_says_which_types_it_leaves_out(caplog, picks):
    """The dev macro_f1, which ``metric_for_best_model: macro_f1`` picks the epoch by, was computed without the
    model's types: on a dev split without one of them it averaged the others alone and nothing said so, where
    ``arapol evaluate`` names them (``absent_types``). Now it is said, once; the score is as it was, so the same
    epoch is kept (a type predicted there anyway counts at F1 0, as in the evaluation report)."""
    import logging

    import numpy as np
    from transformers import EvalPrediction

    from arapol.training.trainer import _ner_metrics

    tags = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]
    labels = np.array([[1, 2, 0]])  # B-PER I-PER O
    metric = _ner_metrics(dict(enumerate(tags)), [0], *_dev_texts(("بشار الأسد قال", [(0, 10, "PER")], None)),
                          picks=picks)
    right = np.log(np.eye(5)[[1, 2, 0]] * 0.9 + 0.1 / 5)[None]
    spurious = np.log(np.eye(5)[[1, 2, 3]] * 0.9 + 0.1 / 5)[None]  # B-PER I-PER B-LOC: a LOC not annotated
    with caplog.at_level(logging.WARNING, logger="arapol"):
        assert metric(EvalPrediction(right, labels))["macro_f1"] == pytest.approx(1.0)  # PER alone
        assert metric(EvalPrediction(spurious, labels))["macro_f1"] == pytest.approx(0.5)  # PER 1, LOC 0
        assert metric(EvalPrediction(right, labels))["macro_f1"] == pytest.approx(1.0)
    said = [r.getMessage() for r in caplog.records if "macro_f1" in r.getMessage()]
    assert said == ["the dev macro_f1 averages PER alone: LOC had neither an entity nor a prediction in the dev split "
                    "(its absent_types, as arapol evaluate reports them)" + (
                        "; it picks the epoch kept (metric_for_best_model: macro_f1), where an epoch that predicts "
                        "one anyway counts it at F1 0: give a dev split with every type, or pick by f1" if picks
                        else "")]


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


def test_dev_carve_keeps_one_records_examples_together(tmp_path):
    """UnifiedFC gives one example per article; a claim's articles are all train or all dev."""
    from arapol.data import StanceExample
    from arapol.training.trainer import dev_split

    items = [StanceExample(f"مقال {r}-{k}", f"ادعاء {r}", "agree", source="u.jsonl", line=r)
             for r in range(1, 31) for k in range(r % 4 + 1)]
    cfg = load_config(write(tmp_path, "task: stance\ndata: {train: a.jsonl, dev_fraction: 0.2}\n"))
    for seed in (13, 14, 15):
        train, dev = dev_split(cfg, items, seed)
        assert len(train) + len(dev) == len(items)
        assert {e.line for e in dev} & {e.line for e in train} == set()
        assert len({e.line for e in dev}) == 6  # 20 % of the 30 records


def test_dev_carve_needs_two_records(tmp_path):
    from arapol.data import StanceExample
    from arapol.training.trainer import dev_split

    items = [StanceExample(f"مقال {k}", "ادعاء", "agree", source="u.jsonl", line=1) for k in range(5)]
    cfg = load_config(write(tmp_path, "task: stance\ndata: {train: a.jsonl, dev_fraction: 0.2}\n"))
    with pytest.raises(DataError, match="holds 1 record; a dev split needs at least 2"):
        dev_split(cfg, items, 13)


def test_dev_predictions_keep_the_dev_order(tmp_path):
    """The dev metrics join windows by position: evaluation must not sort the dev set by length, as
    transformers 5 does under ``group_by_length`` (arapol's training default)."""
    import torch
    from torch.utils.data import SequentialSampler

    from arapol.training import trainer as tr
    from arapol.training.hf_trainer import ArapolTrainer

    cfg = load_config(ROOT / "configs" / "ner_tiny.yaml")
    args = tr._training_args(cfg, tmp_path, has_dev=True, best_metric="f1")
    assert args.train_sampling_strategy == "group_by_length"
    dev = [{"input_ids": [1] * n} for n in (3, 9, 5, 12, 7, 4)]
    trainer = ArapolTrainer(model=torch.nn.Linear(2, 2), args=args, eval_dataset=dev)
    sampler = trainer._get_eval_sampler(dev)
    assert isinstance(sampler, SequentialSampler) and list(sampler) == list(range(len(dev)))


@pytest.mark.parametrize("config", ["stance_tiny.yaml", "ner_tiny.yaml"])
def test_training_without_a_dev_split_keeps_the_last_epoch(tmp_path, config):
    from arapol.cli import main

    out = tmp_path / "model"
    assert main(["train", str(ROOT / "configs" / config), "--set", f"output_dir={out}", "--set", "data.dev=null",
                 "--set", "data.test=null", "--set", "training.num_train_epochs=1"]) == 0
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["train"]["selection"] == "last epoch (no dev split)"
    assert "dev" not in metrics and "test" not in metrics


def test_a_built_base_is_reused_only_for_the_same_recipe(tmp_path):
    from arapol.training.trainer import BASE_RECIPE_FILE, _built, _with_texts

    calls = []

    def build(folder: Path) -> None:
        calls.append(folder.name)
        folder.mkdir()
        (folder / "weights").write_text(str(len(calls)), encoding="utf-8")

    base = tmp_path / "tiny-base"
    assert _built(base, _with_texts({"seed": 1}, ["a"]), build) == str(base) and len(calls) == 1
    _built(base, _with_texts({"seed": 1}, ["a"]), build)
    assert len(calls) == 1  # same recipe and texts: reused
    _built(base, _with_texts({"seed": 1}, ["a", "b"]), build)
    _built(base, _with_texts({"seed": 2}, ["a", "b"]), build)
    assert len(calls) == 3 and (base / "weights").read_text(encoding="utf-8") == "3"
    (base / BASE_RECIPE_FILE).unlink()  # a build a kill cut short (or one from before recipes): built again
    _built(base, _with_texts({"seed": 2}, ["a", "b"]), build)
    assert len(calls) == 4 and calls[0] == ".tiny-base.building" and not list(tmp_path.glob(".*"))
    (base / BASE_RECIPE_FILE).write_text('{"seed": 2, "texts', encoding="utf-8")  # unreadable: built again
    _built(base, _with_texts({"seed": 2}, ["a", "b"]), build)
    assert len(calls) == 5 and (base / "weights").read_text(encoding="utf-8") == "5"
    # a file of the build deleted or damaged since: it was loaded on every later run, and failed there with a
    # traceback naming the source base (a helper's probe)
    (base / "weights").write_text("x", encoding="utf-8")
    _built(base, _with_texts({"seed": 2}, ["a", "b"]), build)
    assert len(calls) == 6 and (base / "weights").read_text(encoding="utf-8") == "6"
    (base / "weights").unlink()
    _built(base, _with_texts({"seed": 2}, ["a", "b"]), build)
    assert len(calls) == 7 and (base / "weights").read_text(encoding="utf-8") == "7"
    _built(base, _with_texts({"seed": 2}, ["a", "b"]), build)
    assert len(calls) == 7  # intact: reused
    # one built by an earlier arapol (no record of its files) is trusted as then, and recorded: a rebuild by this
    # version's code could give a resumed run's checkpoints other piece ids (a review)
    (base / "arapol_files.json").unlink()
    _built(base, _with_texts({"seed": 2}, ["a", "b"]), build)
    import hashlib

    assert len(calls) == 7 and json.loads((base / "arapol_files.json").read_text(encoding="utf-8")) == {
        "weights": hashlib.sha256(b"7").hexdigest()}


def test_ner_trimming_keeps_each_words_own_pieces(tmp_path, monkeypatch):
    import arapol.base.trim as trim
    from arapol.training.trainer import BASE_RECIPE_FILE, base_folder

    seen = {}

    def fake_trim(src, texts, out, *, keep, extra_texts=()):
        seen.update(src=src, texts=list(texts), words=list(extra_texts))
        Path(out).mkdir()
        return {}

    monkeypatch.setattr(trim, "trim_vocabulary", fake_trim)
    (tmp_path / "base").mkdir()
    values = {"base_model": str(tmp_path / "base"), "trim_vocab": True, "data": {"train": "a.jsonl"}}
    base_folder(config_from_dict({"task": "ner", **values}), ["قال «بوتين»"], tmp_path / "ner")
    # each word, and the clitic and rest the retokenise rule may tokenise apart (ب + وتين)
    assert seen["texts"] == ["قال «بوتين»"] and seen["words"] == ["قال", "«", "بوتين", "»", "ب", "وتين"]
    assert json.loads((tmp_path / "ner" / "trimmed-base" / BASE_RECIPE_FILE).read_text())["clitic_rule"] == \
        "retokenise"
    base_folder(config_from_dict({"task": "ner", **values, "clitic_rule": "pieces"}), ["قال «بوتين»"],
                 tmp_path / "ner-pieces")
    assert seen["words"] == ["قال", "«", "بوتين", "»"]
    # a recipe as earlier versions wrote it (no clitic_rule key): still the same build, so old runs resume
    assert "clitic_rule" not in json.loads((tmp_path / "ner-pieces" / "trimmed-base" / BASE_RECIPE_FILE).read_text())
    base_folder(config_from_dict({"task": "stance", **values}), ["نص"], tmp_path / "stance")
    assert seen["words"] == []


def test_a_stance_vocabulary_keeps_the_targets_and_the_prefix():
    from arapol.data.stance import StanceExample
    from arapol.text import Normaliser
    from arapol.training.trainer import vocabulary_texts

    ex = [StanceExample("نص أول", "Covid Vaccine", "favor"), StanceExample("نصّ ثان", "Covid Vaccine", "none")]
    norm = Normaliser(["tashkeel"])
    values = {"task": "stance", "target": "الهدنة", "data": {"train": "a.csv"}}
    assert vocabulary_texts(config_from_dict(values), ex, norm) == ["نص أول", "نص ثان", "Covid Vaccine", "الهدنة"]
    got = vocabulary_texts(config_from_dict({**values, "input_prefix": "query: "}), ex, norm)
    assert got[2:] == ["query: Covid Vaccine", "query: الهدنة"]
    got = vocabulary_texts(config_from_dict({**values, "input_prefix": "query: ", "text_only": True}), ex, norm)
    assert got == ["نص أول", "نص ثان", "query: نص أول"]
    ner = config_from_dict({"task": "ner", "data": {"train": "a.jsonl"}})
    assert vocabulary_texts(ner, ex, norm) == ["نص أول", "نص ثان"]


def test_a_base_without_tokenizer_files_is_refused(tmp_path, tiny_ner_model, capsys):
    from arapol.cli import main

    base = tmp_path / "base"
    shutil.copytree(tiny_ner_model / "tiny-base", base)
    for name in ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.txt"):
        (base / name).unlink(missing_ok=True)
    assert main(["train", str(ROOT / "configs/ner_tiny.yaml"), "--set", f"base_model={base}",
                 "--set", f"output_dir={tmp_path / 'o'}"]) == 2
    assert "tokenizer files (tokenizer.json...) missing" in capsys.readouterr().err


def test_resume_skips_a_checkpoint_whose_save_was_cut_short(tmp_path, caplog):
    from arapol.training.averaging import finished_checkpoints

    assert finished_checkpoints(tmp_path / "none") == []
    for step, complete in ((12, True), (108, True), (36, False)):
        (tmp_path / f"checkpoint-{step}").mkdir()
        if complete:
            (tmp_path / f"checkpoint-{step}" / "trainer_state.json").write_text("{}")
    assert finished_checkpoints(tmp_path) == [tmp_path / "checkpoint-12", tmp_path / "checkpoint-108"]  # by step
    assert "checkpoint-36: incomplete" in caplog.text
    (tmp_path / "checkpoint-120").mkdir()  # killed while the Trainer rewrote its state: half the JSON
    (tmp_path / "checkpoint-120" / "trainer_state.json").write_text('{"best_metric": 0.5, "log_hist')
    assert finished_checkpoints(tmp_path)[-1] == tmp_path / "checkpoint-108"
    assert "checkpoint-120: incomplete" in caplog.text


def test_a_resume_finds_the_best_checkpoint_in_a_moved_folder(tmp_path):
    from arapol.training.trainer import _prepare_resume

    here = tmp_path / "moved" / "checkpoints"
    for name in ("checkpoint-24", "checkpoint-60"):
        (here / name).mkdir(parents=True)
    state = {"best_model_checkpoint": str(tmp_path / "before" / "checkpoints" / "checkpoint-24"), "epoch": 5.0}
    (here / "checkpoint-60" / "trainer_state.json").write_text(json.dumps(state), encoding="utf-8")
    _prepare_resume(here / "checkpoint-60", here)
    saved = json.loads((here / "checkpoint-60" / "trainer_state.json").read_text(encoding="utf-8"))
    assert saved["best_model_checkpoint"] == str(here / "checkpoint-24")


def test_a_second_run_into_the_same_folder_is_refused(tmp_path):
    from arapol.checkpoint import exclusive_lock
    from arapol.training import train
    from arapol.training.trainer import TRAIN_LOCK

    out = tmp_path / "m"
    with exclusive_lock(out / TRAIN_LOCK, "held"):  # as a run training into it holds it
        with pytest.raises(ArapolError, match=r"m is being trained into by another arapol train \(it holds "
                                              r"\.train\.lock\): wait for it to end, or give another output_dir"):
            train(load_config(ROOT / "configs/ner_tiny.yaml", {"output_dir": str(out)}))
    assert [p.name for p in out.iterdir()] == [TRAIN_LOCK]


def test_labels_from_data_take_every_splits_types(tmp_path):
    from arapol.data import load_split
    from arapol.training.trainer import _label_list

    for name, tags in (("train", "بوتين B-PER\nفي O\n"), ("test", "حلب B-LOC\n")):
        (tmp_path / f"{name}.conll").write_text(tags, encoding="utf-8")
    cfg = load_config(write(tmp_path, "task: ner\nlabels: [from_data]\ndata: {train: train.conll, test: test.conll, "
                                      "format: conll}\n"))
    train, test = load_split(cfg.data.train, cfg), load_split(cfg.data.test, cfg)
    assert _label_list(cfg, [*train, *test]) == ["O", "B-LOC", "I-LOC", "B-PER", "I-PER"]
    cfg.labels = ["PER"]
    with pytest.raises(DataError, match=r"test.conll:\d+: entity types \['LOC'\] .* are not in labels \['PER'\]"):
        _label_list(cfg, [*train, *test])


def test_a_split_with_no_examples_is_an_error(tmp_path):
    from arapol.data import load_split

    cfg = load_config(ROOT / "configs/stance_tiny.yaml", {"data": {"targets": ["الانتخابات"]}})
    with pytest.raises(DataError, match=r"train.jsonl: no examples in this file after data.targets"):
        load_split(cfg.data.train, cfg)


def test_a_listed_target_that_matches_nothing_is_an_error(tmp_path):
    """``targets: [Covid Vaccine, Women Empowerment]`` over data spelling ``Women empowerment`` kept the vaccine's
    examples alone, without a word (a helper's probe)."""
    from arapol.data import load_split

    p = tmp_path / "m.csv"
    p.write_text("text,target,stance\nنص1,Covid Vaccine,Favor\nنص2,Women empowerment,Against\n", encoding="utf-8")
    overrides = {"data": {"train": str(p), "format": "csv", "label_map": {"Favor": "favor", "Against": "against"}}}
    cfg = config_from_dict({**overrides, "task": "stance", "data": {
        **overrides["data"], "targets": ["Covid Vaccine", "Women Empowerment"]}})
    with pytest.raises(DataError, match=re.escape(f"{p}: targets ['Women Empowerment'] (data.targets, or evaluate "
                                                  "--targets) match no example of this file, whose targets are "
                                                  "'Covid Vaccine', 'Women empowerment'")):
        load_split(p, cfg)
    cfg.data.targets = ["Covid Vaccine", "Women empowerment"]
    assert len(load_split(p, cfg)) == 2


@pytest.mark.parametrize("line, message", [
    ("max_length: '256'", "max_length: expected an integer, found '256'"),
    ("labels: PER", "labels: expected a list, found 'PER'"),
    ("normalise: tashkeel", "normalise: expected a list"),
    ("data: {train: a.jsonl, targets: وقف إطلاق النار}", "data.targets: expected a list"),
    ("data: {train: a.jsonl, label_map: [a]}", "data.label_map: expected a mapping"),
    ("data: {train: a.jsonl, dev_seed: '7'}", "data.dev_seed: expected an integer"),
    ("class_weights: 'yes'", "class_weights: expected true or false"),
    ("training: {bf16: 'false'}", "training.bf16: expected true or false, found 'false'"),
    ("training: {bf16: 1}", "training.bf16: expected true or false, found 1"),
    ("training: {learning_rate: fast}", "training.learning_rate: expected a number, found 'fast'"),
    ("training: {weight_decay: x}", "training.weight_decay: expected a number, found 'x'"),
    ("training: {seed: abc}", "training.seed: expected an integer, found 'abc'"),
    ("training: {per_device_train_batch_size: 16.0}", "training.per_device_train_batch_size: expected an integer"),
    ("training: {per_device_train_batch_size: true}", "training.per_device_train_batch_size: expected an integer"),
    ("training: {save_total_limit: two}", "training.save_total_limit: expected an integer or null, found 'two'"),
    ("training: {run_name: [a]}", "training.run_name: expected a string or null"),
])
def test_values_of_the_wrong_type_name_their_field(tmp_path, line, message):
    text = "task: ner\n" + ("data: {train: a.jsonl}\n" if not line.startswith("data") else "") + line + "\n"
    with pytest.raises(ConfigError, match=message):
        load_config(write(tmp_path, text))


def test_exponent_strings_are_numbers_everywhere(tmp_path):
    cfg = load_config(write(tmp_path, "task: ner\ndata: {train: a.jsonl, dev_fraction: 1e-1}\nlayer_lr_decay: 9e-1\n"))
    assert cfg.data.dev_fraction == 0.1 and cfg.layer_lr_decay == 0.9


def test_set_paths_are_relative_to_the_current_folder(tmp_path, monkeypatch):
    from arapol.cli.train import overrides

    monkeypatch.chdir(tmp_path)
    (tmp_path / "base").mkdir()
    got = overrides(["output_dir=runs/x", "data.train=d/t.jsonl", "base_model=base", "training.seed=3"])
    assert got == {"output_dir": str(tmp_path / "runs/x"), "data": {"train": str(tmp_path / "d/t.jsonl")},
                   "base_model": str(tmp_path / "base"), "training": {"seed": 3}}
    assert overrides(["base_model=aubmindlab/bert-base-arabertv02"])["base_model"] == "aubmindlab/bert-base-arabertv02"
    cfg = load_config(ROOT / "configs/ner_tiny.yaml", overrides(["output_dir=runs/x"]))
    assert cfg.output_dir == str(tmp_path / "runs/x")
    with pytest.raises(ArapolError, match="--set data.train: data was set to a value, not a mapping"):
        overrides(["data=x", "data.train=y"])
    for pair in ("=5", "training.=5", "a..b=5", " =5"):  # it said "unknown key(s) ['']" (or ['a'])
        with pytest.raises(ArapolError, match=r"the key .* has an empty part; expected names joined by dots"):
            overrides([pair])
    # a mapping replaces the file's (it was merged into it: a label map could not be cleared), its paths relative here
    mapped = ROOT / "configs/ner_anercorp_e5small.yaml"
    assert load_config(mapped).data.label_map
    assert load_config(mapped, overrides(["data.label_map={}"])).data.label_map == {}
    assert load_config(mapped, overrides(["data.label_map={MISC: O}"])).data.label_map == {"MISC": "O"}
    whole = load_config(ROOT / "configs/ner_tiny.yaml", overrides(["data={train: d/t.jsonl}"]))
    assert whole.data.train == str(tmp_path / "d/t.jsonl") and whole.data.dev is None
    bare = write(tmp_path, "task: ner\ndata: {train: a.jsonl}\n")  # no training: block for the mapping to replace
    from arapol.config import save_config

    save_config(load_config(bare, overrides(["training.lr_scheduler_kwargs={a: 1}"])), tmp_path / "saved.yaml")
    assert "lr_scheduler_kwargs:\n    a: 1" in (tmp_path / "saved.yaml").read_text(encoding="utf-8")


def test_stance_dev_score_counts_each_text_once():
    from transformers import EvalPrediction

    from arapol.training.trainer import _stance_metrics

    # text 0 (favor) has three windows, two of them leaning against; text 1 (against) one window
    logits = np.log(np.array([[0.9, 0.05, 0.05], [0.4, 0.5, 0.1], [0.4, 0.5, 0.1], [0.1, 0.8, 0.1]]))
    scores = _stance_metrics(["favor", "against", "none"], [0, 0, 0, 1])(
        EvalPrediction(predictions=logits, label_ids=np.array([0, 0, 0, 1])))
    assert scores["accuracy"] == 1.0  # averaged: text 0 is favor (0.57); counted per window it would be 0.5


def test_model_folder_files_are_readable_by_others(tiny_ner_model):
    modes = {p.name: p.stat().st_mode & 0o777 for p in tiny_ner_model.iterdir() if p.is_file()}
    assert {"model.safetensors", "arapol.json", "metrics.json", "README.md"} <= set(modes)
    assert all(m & 0o044 == 0o044 for m in modes.values()), modes
    assert ".train.lock" not in modes  # the run deleted its lock as it ended (it stayed in every model folder)


def test_gold_spans_that_no_word_can_carry_are_data_errors(tmp_path):
    from arapol.alignment import EncodedText
    from arapol.data import read_ner_jsonl
    from arapol.text import Normaliser, split_words
    from arapol.training.features import gold_word_tags

    path = tmp_path / "a.jsonl"
    rows = [{"text": "بوتين ـ موسكو", "entities": [{"start": 6, "end": 7, "label": "LOC"}]}]  # a tatweel alone
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    with pytest.raises(DataError, match=r"a.jsonl:1: entities\[0\] span \[6, 7\) 'ـ' holds no letter or digit"):
        read_ner_jsonl(path)  # refused as it is read
    rows = [{"text": "ABC", "entities": [{"start": 0, "end": 1, "label": "PER"},
                                         {"start": 1, "end": 3, "label": "LOC"}]}]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    norm = Normaliser()
    for ex, message in zip(read_ner_jsonl(path), ["a.jsonl:1: entities PER 'A' and LOC 'BC' share a word"]):
        n = norm(ex.text)
        words = split_words(n.text)
        with pytest.raises(DataError, match=message):
            gold_word_tags(ex, n, EncodedText(words=words, pieces=[[1]] * len(words), clitic=[False] * len(words),
                                          empty=[False] * len(words)))
    # an entity inside a word (the clitic kept on): tagged as the whole word, and reported as such
    path.write_text(json.dumps({"text": "زار وقطر أمس", "entities": [{"start": 5, "end": 8, "label": "LOC"}]},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    (ex,) = read_ner_jsonl(path)
    n = norm(ex.text)
    words = split_words(n.text)
    tags, widened, stray = gold_word_tags(ex, n, EncodedText(words=words, pieces=[[1]] * len(words),
                                                             clitic=[False] * len(words), empty=[False] * len(words)))
    assert tags == ["O", "B-LOC", "O"] and widened == ["قطر"] and stray == []


def test_an_entity_that_starts_on_a_stray_mark_is_told_so_not_to_split_clitics(tmp_path, caplog):
    """A combining mark at a text's start or after a space is in no word (:data:`arapol.text.WORD_RE`): an entity
    that starts on one is off its word's edge for another reason than a clitic, which clitic_rule cannot mend."""
    from transformers import AutoTokenizer

    from arapol.alignment import WordEncoder
    from arapol.base.tiny import build_tiny_bert
    from arapol.data import NerExample
    from arapol.labels import Span
    from arapol.text import Normaliser
    from arapol.training.features import ner_features

    texts = ["قال \u0301بوتين أمس", "زار وقطر أمس", "\u0301بوتين وقطر"]
    base = build_tiny_bert(tmp_path / "base", [*texts, "رحبت الأمم المتحدة بقرار وقف إطلاق النار في حلب"])
    tokenizer = AutoTokenizer.from_pretrained(base)
    encoder = WordEncoder(tokenizer, 64, 16, split_clitics=False)
    label2id = {t: i for i, t in enumerate(["O", "B-PER", "I-PER", "B-LOC", "I-LOC"])}
    stray = NerExample(texts[0], [Span(4, 10, "PER")], source="a.jsonl", line=1)  # "\u0301بوتين"
    clitic = NerExample(texts[1], [Span(5, 8, "LOC")], source="a.jsonl", line=2)  # قطر in وقطر
    both = NerExample(texts[2], [Span(0, 6, "PER"), Span(8, 11, "LOC")], source="a.jsonl", line=3)
    with caplog.at_level("WARNING", logger="arapol.training.features"):
        ner_features([stray], encoder, Normaliser(), label2id)
    (said,) = [r.getMessage() for r in caplog.records]
    assert "1 of 1 entities start on a stray combining mark" in said and "'\u0301بوتين'" in said
    assert "belongs to no word" in said and "start each such span after the mark" in said
    assert "clitic_rule" not in said and "word edges" not in said
    caplog.clear()
    with caplog.at_level("WARNING", logger="arapol.training.features"):
        ner_features([clitic, both], encoder, Normaliser(), label2id)
    marks, edges = [r.getMessage() for r in caplog.records]
    assert "1 of 3 entities start on a stray combining mark (e.g. '\u0301بوتين')" in marks
    assert "2 of 3 entities do not start and end at word edges (e.g. 'قطر' inside a word)" in edges  # as before
    assert "clitic_rule: retokenise splits more clitics off" in edges


@pytest.mark.parametrize("overrides, message", [
    ({"training": {"metric_for_best_model": "accuracy"}}, r"'accuracy' is not a dev score of task ner; expected one"),
    ({"data": {"dev": None}, "training": {"eval_strategy": "epoch"}}, r"training.eval_strategy: 'epoch' needs a dev"),
    ({"data": {"dev": None}, "training": {"load_best_model_at_end": True}}, r"load_best_model_at_end: True needs a"),
    # no checkpoint was ever saved, so a killed run had nothing to resume from (a review)
    ({"data": {"dev": None}, "training": {"save_strategy": "best"}},
     r"^training.save_strategy: 'best' saves a checkpoint when the dev score improves: it needs a dev split"),
])
def test_settings_that_read_dev_scores_are_checked_before_training(tmp_path, overrides, message):
    from arapol.training import train

    cfg = load_config(ROOT / "configs/ner_tiny.yaml", {"output_dir": str(tmp_path / "m"), **overrides})
    with pytest.raises(ConfigError, match=message):
        train(cfg)
    assert not (tmp_path / "m").exists()  # refused before anything was built


def test_metrics_name_the_dev_score_that_picked_the_epoch(tmp_path):
    from arapol.cli import main

    out = tmp_path / "m"
    assert main(["train", str(ROOT / "configs/stance_tiny.yaml"), "--set", f"output_dir={out}", "--set",
                 "training.num_train_epochs=2", "--set", "training.metric_for_best_model=loss",
                 "--set", "data.test=null"]) == 0
    train = json.loads((out / "metrics.json").read_text(encoding="utf-8"))["train"]
    assert train["metric"] == "loss" and train["selection"] == "best dev loss"


def test_the_dev_loss_picks_the_lowest(tmp_path):
    from arapol.training.trainer import _training_args

    for metric in ("loss", "eval_loss"):
        cfg = load_config(ROOT / "configs/stance_tiny.yaml", {"training": {"metric_for_best_model": metric}})
        assert _training_args(cfg, tmp_path, True, "macro_f1").greater_is_better is False
    cfg = load_config(ROOT / "configs/stance_tiny.yaml", {"training": {"metric_for_best_model": "accuracy"}})
    assert _training_args(cfg, tmp_path, True, "macro_f1").greater_is_better is True
    # given against its metric, it kept the worst epoch and metrics.json called it the best (a helper's probe: dev
    # F1 0, 0, 0.26, and epoch 1 kept as "best dev f1")
    for given, message in (({"greater_is_better": False}, "false would keep the epoch of the lowest dev f1"),
                           ({"greater_is_better": True, "metric_for_best_model": "loss"},
                            "true would keep the epoch of the highest dev loss")):
        cfg = load_config(ROOT / "configs/ner_tiny.yaml", {"training": given})
        with pytest.raises(ConfigError, match=rf"training.greater_is_better: {message}, the worst one"):
            _training_args(cfg, tmp_path, True, "f1")
    for given in ({"greater_is_better": True}, {"greater_is_better": False, "metric_for_best_model": "eval_loss"},
                  {"greater_is_better": False, "metric_for_best_model": None}):
        cfg = load_config(ROOT / "configs/ner_tiny.yaml", {"training": given})
        assert _training_args(cfg, tmp_path, True, "f1").greater_is_better is given["greater_is_better"]
    # a null metric is the Trainer's dev loss: the lowest is kept (it was read as a score, the highest kept: a review)
    cfg = load_config(ROOT / "configs/ner_tiny.yaml", {"training": {"metric_for_best_model": None}})
    args = _training_args(cfg, tmp_path, True, "f1")
    assert (args.metric_for_best_model, args.greater_is_better) == ("loss", False)


def test_a_reused_tiny_base_trains_the_same_model(tmp_path):
    """Building the tiny base draws random numbers; a rerun that finds it built (a run killed early, then
    started again) must still start its head from the same numbers."""
    from safetensors.torch import load_file

    from arapol.cli import main

    first, second = tmp_path / "first", tmp_path / "second"
    opts = ["--set", "training.num_train_epochs=1", "--set", "data.test=null"]
    assert main(["train", str(ROOT / "configs/ner_tiny.yaml"), "--set", f"output_dir={first}", *opts]) == 0
    second.mkdir()
    shutil.copytree(first / "tiny-base", second / "tiny-base")
    assert main(["train", str(ROOT / "configs/ner_tiny.yaml"), "--set", f"output_dir={second}", *opts]) == 0
    a, b = (load_file(str(p / "model.safetensors")) for p in (first, second))
    assert a.keys() == b.keys() and all(a[k].equal(b[k]) for k in a)


def test_a_model_is_published_with_its_arapol_json_last(tmp_path, monkeypatch, caplog):
    """A kill while the new files move in leaves no loadable mix of the old model and the new one."""
    from arapol.training.trainer import FINAL_STAGING, _check_output_folder, _publish

    out, staging = tmp_path / "model", tmp_path / "model" / FINAL_STAGING
    staging.mkdir(parents=True)
    for name in ("arapol.json", "config.json", "model.safetensors"):
        (out / name).write_text("old", encoding="utf-8")
        (staging / name).write_text("new", encoding="utf-8")
    moved, replace = [], Path.replace

    def killed_after_one(self, target):
        if moved:
            raise KeyboardInterrupt
        moved.append(self.name)
        return replace(self, target)

    monkeypatch.setattr(Path, "replace", killed_after_one)
    with pytest.raises(KeyboardInterrupt):
        _publish(staging, out, "tiny:bert")
    monkeypatch.setattr(Path, "replace", replace)
    assert moved != ["arapol.json"] and not (out / "arapol.json").exists()
    with pytest.raises(ModelError):
        arapol.load(out)
    _check_output_folder(out)  # the rerun may train there
    # what the earlier model had and this one has not: its base's licence notice, a base it built
    (out / "NOTICE").write_text("the earlier base's licence", encoding="utf-8")
    (out / "trimmed-base").mkdir()
    (out / "tiny-base").mkdir()  # the base this run built and used: kept
    # made from the earlier weights: its calibration, reports and ONNX export (a helper saw a NER model's report
    # beside the stance model trained into its folder); its saved default mode is the user's: kept, and said
    (out / "int8_calibration.safetensors").write_text("old", encoding="utf-8")
    for made in ("eval/test", "eval/dev/empty", "onnx"):
        (out / made).mkdir(parents=True)
    for name in ("metrics.json", "report.md", "confusion.png"):
        (out / "eval/test" / name).write_text("old", encoding="utf-8")
    (out / "inference.json").write_text('{"dtype": "int8"}', encoding="utf-8")
    with caplog.at_level("WARNING", logger="arapol.training.trainer"):
        _publish(staging, out, str(out / "tiny-base"))
    assert {p.name: p.read_text(encoding="utf-8") for p in out.iterdir() if p.is_file()} == {
        "arapol.json": "new", "config.json": "new", "model.safetensors": "new", "inference.json": '{"dtype": "int8"}'}
    assert [p.name for p in out.iterdir() if p.is_dir()] == ["tiny-base"]
    assert "the earlier model's saved default mode {'dtype': 'int8'} stays and applies to this one" in caplog.text
    # a file of the user's under eval/ stays, and is named (a retrain removed eval/ whole: a helper's probe)
    staging.mkdir()
    (staging / "arapol.json").write_text("newer", encoding="utf-8")
    (out / "eval/test").mkdir(parents=True)
    for name in ("metrics.json", "report.md", "notes.txt"):
        (out / "eval/test" / name).write_text("old", encoding="utf-8")
    (out / "eval/dev").mkdir()
    (out / "eval/dev/metrics.json").write_text("old", encoding="utf-8")
    with caplog.at_level("WARNING", logger="arapol.training.trainer"):
        _publish(staging, out, str(out / "tiny-base"))
    assert [str(p.relative_to(out)) for p in sorted((out / "eval").rglob("*"))] == ["eval/test", "eval/test/notes.txt"]
    assert "eval: the earlier model's reports are removed, but not test/notes.txt, which arapol evaluate did not " \
           "write" in caplog.text
    # a link to a folder elsewhere: left as it is, and named; nothing in the folder it names is removed
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "metrics.json").write_text("theirs", encoding="utf-8")
    (out / "eval/test/notes.txt").unlink()
    (out / "eval/linked").symlink_to(elsewhere, target_is_directory=True)
    staging.mkdir()
    (staging / "arapol.json").write_text("newest", encoding="utf-8")
    caplog.clear()
    with caplog.at_level("WARNING", logger="arapol.training.trainer"):
        _publish(staging, out, str(out / "tiny-base"))
    assert [p.name for p in elsewhere.iterdir()] == ["metrics.json"] and (out / "eval/linked").is_symlink()
    assert "removed, but not linked, which" in caplog.text


def test_resume_refuses_checkpoints_of_another_run(tmp_path):
    from arapol.training.trainer import RUN_CONFIG_FILE, _check_same_run

    base = {"base": "tiny:bert", "texts_sha256": "aa"}
    cfg = load_config(ROOT / "configs/ner_tiny.yaml", {"output_dir": str(tmp_path / "a")})
    _check_same_run(cfg, tmp_path / "ck", LABELS, resuming=False, built_base=base)
    assert (tmp_path / "ck" / RUN_CONFIG_FILE).is_file()
    moved = load_config(ROOT / "configs/ner_tiny.yaml", {"output_dir": str(tmp_path / "b")})
    _check_same_run(moved, tmp_path / "ck", LABELS, resuming=True, built_base=base)  # only the output folder differs
    other = load_config(ROOT / "configs/ner_tiny.yaml", {"training": {"seed": 7}, "max_length": 96})
    with pytest.raises(ConfigError, match=r"other \['max_length', 'training.seed'\]; train with --no-resume"):
        _check_same_run(other, tmp_path / "ck", LABELS, resuming=True, built_base=base)
    # the same config, but the tags differ: labels: [from_data] took them from another data.test (which a resume
    # may change), and the checkpoints' classifier rows would be read in another order
    with pytest.raises(ConfigError, match=r"other \['model_labels'\] \(model_labels: the model's tags, \['O', 'B-PER', "
                                          r".*data.test's too\)"):
        _check_same_run(moved, tmp_path / "ck", ["O", "B-AAA", "I-AAA", *LABELS[1:]], resuming=True, built_base=base)
    # the same config, but the base would be built from other training texts (a data file edited in place)
    with pytest.raises(ConfigError, match=r"other \['built_base'\]"):
        _check_same_run(moved, tmp_path / "ck", LABELS, resuming=True, built_base={**base, "texts_sha256": "bb"})
    _check_same_run(other, tmp_path / "ck", LABELS, resuming=False, built_base=base)  # afresh: records the new run
    housekeeping = load_config(ROOT / "configs/ner_tiny.yaml", {  # the weights as they were: a resume may change it
        "training": {"seed": 7, "per_device_eval_batch_size": 4, "logging_steps": 50, "save_total_limit": 3},
        "max_length": 96, "data": {"test": str(ROOT / "data/ner/dev.jsonl")}})
    _check_same_run(housekeeping, tmp_path / "ck", LABELS, resuming=True, built_base=base)


def test_dev_and_test_records_without_a_target_are_read_toward_the_model_s_default_one(tmp_path, capsys):
    """A model of several targets whose saved target it learned spelled otherwise (``وقف اطلاق النار`` saved,
    ``وقف إطلاق النار`` learned) reads a text without a target toward the learned spelling, yet training scored its
    dev and test records without one toward the saved spelling, a pair predict() never reads, and so did
    ``arapol evaluate MODEL test``: the card's score and ``arapol evaluate MODEL test.jsonl`` disagreed (a review).
    All three now read such records toward the model's default target."""
    from arapol.cli import main
    from arapol.evaluation import evaluate_path

    rows = [json.loads(line) for line in (ROOT / "data/stance/train.jsonl").read_text("utf-8").splitlines()]
    with (tmp_path / "train.jsonl").open("w", encoding="utf-8") as fh:
        for i, row in enumerate(rows):
            fh.write(json.dumps({**row, "target": "الهدنة" if i % 2 else row["target"]}, ensure_ascii=False) + "\n")
    for split in ("dev", "test"):
        records = [json.loads(line) for line in (ROOT / f"data/stance/{split}.jsonl").read_text("utf-8").splitlines()]
        (tmp_path / f"{split}.jsonl").write_text("".join(json.dumps({k: v for k, v in r.items() if k != "target"},
                                                                   ensure_ascii=False) + "\n" for r in records),
                                                 encoding="utf-8")
    model = tmp_path / "m"
    assert main(["train", str(ROOT / "configs/stance_tiny.yaml"), "--set", f"output_dir={model}",
                 "--set", "target=وقف اطلاق النار", "--set", "training.num_train_epochs=2",
                 *(x for split in ("train", "dev", "test") for x in ("--set", f"data.{split}={tmp_path / split}.jsonl"))
                 ]) == 0
    assert arapol.load(model).stance.default_target == "وقف إطلاق النار"
    trained = json.loads((model / "metrics.json").read_text(encoding="utf-8"))["test"]["macro_f1"]
    assert evaluate_path(model, tmp_path / "test.jsonl")["macro_f1"] == pytest.approx(trained, abs=1e-6)
    capsys.readouterr()
    assert main(["evaluate", str(model), "test", "--out", str(tmp_path / "ev")]) == 0
    split = json.loads((tmp_path / "ev" / "metrics.json").read_text(encoding="utf-8"))["macro_f1"]
    assert split == pytest.approx(trained, abs=1e-6)


def test_records_without_a_target_left_out_by_data_targets_stay_out():
    """With ``data.targets: [الهدنة]`` and the config's target left out of them, records without a target (the
    config's) were read again toward the one target learned, so ``data.targets`` let them in: 263 training examples
    where 131 were asked for (a review). Such records stay out, and are read toward the config's target."""
    from arapol.data import reading_target

    cfg = load_config(ROOT / "configs/stance_tiny.yaml", {"data": {"targets": ["الهدنة"]}})
    assert reading_target(cfg, "الهدنة") == cfg.target
    kept = load_config(ROOT / "configs/stance_tiny.yaml", {"data": {"targets": ["الهدنة", f" {cfg.target}"]}})
    assert reading_target(kept, "الهدنة") == "الهدنة"
    assert reading_target(load_config(ROOT / "configs/stance_tiny.yaml"), "الهدنة") == "الهدنة"
    assert reading_target(load_config(ROOT / "configs/stance_tiny.yaml"), None) == cfg.target
    assert reading_target(load_config(ROOT / "configs/stance_tiny.yaml", {"text_only": True}), "الهدنة") == cfg.target


def test_resume_refuses_checkpoints_of_another_commit_of_a_hub_base(tmp_path, monkeypatch, capsys):
    """A hub base (``aubmindlab/bert-base-arabertv02``, the default for real training) updated on the hub between
    a kill and the resume was resumed from without a word, the new weights under the old checkpoints: the run
    records the model files of the snapshot it loaded (``ORG/NAME@HASH``: all of them, where loading fetched some into
    the snapshot), and a resume that loads others is refused;
    a commit that changes a README alone resumes, and a resume whose base has left the cache is checked once loading
    has fetched it again. A base_model that is no repository id is left to loading to explain (not a traceback)."""
    from arapol.base.tiny import build_tiny_bert
    from arapol.cli import main
    from arapol.training import trainer
    from arapol.training.trainer import RUN_CONFIG_FILE, _base_changed, _base_files, _check_same_run

    hub = tmp_path / "hub"
    repo = hub / "models--org--tiny"
    first, second, third = "a" * 40, "b" * 40, "c" * 40
    texts = [json.loads(line)["text"] for line in (ROOT / "data/ner/train.jsonl").read_text("utf-8").splitlines()]
    build_tiny_bert(repo / "snapshots" / first, texts)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(first, encoding="utf-8")
    monkeypatch.setattr("huggingface_hub.constants.HF_HUB_CACHE", str(hub))
    out = tmp_path / "out"
    args = ["train", str(ROOT / "configs/ner_tiny.yaml"), "--set", f"output_dir={out}", "--set", "base_model=org/tiny",
            "--set", "training.num_train_epochs=1", "--set", "training.save_strategy=epoch"]
    weights = next((repo / "snapshots" / first).glob("*.safetensors"))
    kept, real = weights.read_bytes(), trainer.base_folder
    weights.unlink()  # the tokenizer alone cached: loading fetches the weights into the same snapshot

    def fetching(*args: object, **kwargs: object) -> str:
        weights.write_bytes(kept)
        return real(*args, **kwargs)

    monkeypatch.setattr(trainer, "base_folder", fetching)
    assert main(args) == 0
    monkeypatch.setattr(trainer, "base_folder", real)
    record = json.loads((out / "checkpoints" / RUN_CONFIG_FILE).read_text(encoding="utf-8"))
    assert record["base_files"]["hub"] == "org/tiny" and weights.name in record["base_files"]["files"]
    assert all(re.fullmatch(r"[0-9a-f]{64}", digest) for digest in record["base_files"]["files"].values())
    card = (out / "README.md").read_text(encoding="utf-8")  # the card names the exact files trained from
    assert first in card and record["base_files"]["files"][weights.name] in card
    cfg = load_config(ROOT / "configs/ner_tiny.yaml", {"output_dir": str(out), "base_model": "org/tiny",
                                                       "training": {"num_train_epochs": 1, "save_strategy": "epoch"}})
    shutil.copytree(repo / "snapshots" / first, repo / "snapshots" / second)  # the hub's next commit: a README
    (repo / "snapshots" / second / "README.md").write_text("# tiny\n", encoding="utf-8")
    (repo / "refs" / "main").write_text(second, encoding="utf-8")
    assert _base_files(cfg) == record["base_files"]
    _check_same_run(cfg, out / "checkpoints", record["model_labels"], resuming=True, built_base=None,
                    base_files=_base_files(cfg), write=False)
    # a file cached beside them since (hf download), or one cached then and not now: the same model files
    (repo / "snapshots" / second / "vocab.txt").write_text("[PAD]\n", encoding="utf-8")
    _check_same_run(cfg, out / "checkpoints", record["model_labels"], resuming=True, built_base=None,
                    base_files=_base_files(cfg), write=False)
    (repo / "snapshots" / second / "vocab.txt").unlink()
    extra = {**record, "base_files": {**record["base_files"], "files": {**record["base_files"]["files"],
                                                                         "vocab.txt": "0" * 64}}}
    (out / "checkpoints" / RUN_CONFIG_FILE).write_text(json.dumps(extra), encoding="utf-8")
    _check_same_run(cfg, out / "checkpoints", record["model_labels"], resuming=True, built_base=None,
                    base_files=_base_files(cfg), write=False)
    # a newer snapshot whose weights loading is still to fetch (its tokenizer alone cached): compared once it has
    partial = {**record["base_files"], "files": {k: v for k, v in record["base_files"]["files"].items()
                                                 if k != weights.name}}
    _check_same_run(cfg, out / "checkpoints", record["model_labels"], resuming=True, built_base=None,
                    base_files=partial, write=False, loaded=False)
    # ... but one that holds other weights, under another name (shards, a pickle), is another base before loading
    other = {**partial, "files": {**partial["files"], "pytorch_model.bin": "1" * 64}}
    for files, loaded in ((partial, True), (other, False), (other, True)):
        with pytest.raises(ConfigError, match=r"other \['base_files'\]"):
            _check_same_run(cfg, out / "checkpoints", record["model_labels"], resuming=True, built_base=None,
                            base_files=files, write=False, loaded=loaded)
    shutil.copytree(repo / "snapshots" / second, repo / "snapshots" / third)  # and then new weights
    (repo / "snapshots" / third / "model.safetensors").write_bytes(b"other weights")
    (repo / "refs" / "main").write_text(third, encoding="utf-8")
    capsys.readouterr()
    assert main(args) == 2
    assert ("(base_files: the model files of the hub's org/tiny have changed since those checkpoints trained from "
            "them: a new commit on the hub); train with --no-resume") in capsys.readouterr().err
    _check_same_run(cfg, out / "checkpoints", record["model_labels"], resuming=True, built_base=None,
                    base_files=None, write=False)  # not in the cache: not refused before loading
    assert _base_changed("/x/base", record["base_files"], "ab" * 32) == (
        " (base_files: those checkpoints trained from the hub model org/tiny, and base_model is now the folder "
        "/x/base)")
    for odd in ("my org/bert model", "org/bert--base"):
        assert _base_files(load_config(ROOT / "configs/ner_tiny.yaml", {"base_model": odd})) is None


def _hub_commit(repo: Path, name: str, tokenizer: Any, seed: int | None = None, readme: bool = False) -> Path:
    """Cache commit ``name`` of the fake hub repository ``repo`` (the Hugging Face cache's layout) and point its
    ``main`` at it: a tiny BERT drawn from ``seed`` with ``tokenizer``, or without one a copy of the snapshot
    ``main`` names now; ``readme``: with a README beside them."""
    import torch
    from transformers import BertConfig, BertModel

    folder = repo / "snapshots" / name
    if seed is None:
        shutil.copytree(repo / "snapshots" / (repo / "refs" / "main").read_text(encoding="utf-8"), folder)
    else:
        tokenizer.save_pretrained(folder)
        torch.manual_seed(seed)
        BertModel(BertConfig(vocab_size=len(tokenizer), hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                             intermediate_size=64, max_position_embeddings=160)).save_pretrained(folder)
    if readme:
        (folder / "README.md").write_text("# sp\n", encoding="utf-8")
    (repo / "refs").mkdir(exist_ok=True)
    (repo / "refs" / "main").write_text(name, encoding="utf-8")
    return folder


def test_a_trimmed_hub_base_is_known_by_the_files_it_was_trimmed_from(tmp_path, monkeypatch, sentencepiece_tokenizer,
                                                                       capsys):
    """A trimmed hub base's recipe named the repository alone: after new weights were pushed to the hub (and
    cached), a resume trained on over the old trimmed base without a word, and a fresh run reused it. Its trim
    report and the run's record now hold the digests of the files trimming read (its recipe is written as an
    earlier arapol wrote it): a new commit's weights are refused on a resume, as for a hub base used as it is, and
    trimmed again in a fresh run; a README-only commit resumes."""
    import arapol.base.trim
    from arapol.base.trim import REPORT_FILE
    from arapol.cli import main
    from arapol.data import load_split
    from arapol.text import Normaliser
    from arapol.training.trainer import (
        BASE_RECIPE_FILE,
        RUN_CONFIG_FILE,
        _base_files,
        _check_same_run,
        base_folder,
        dev_split,
        planned_base_recipe,
        vocabulary_texts,
    )

    hub = tmp_path / "hub"
    repo = hub / "models--org--sp"
    commits = ["a" * 40, "b" * 40, "c" * 40, "d" * 40]

    def commit(name: str, seed: int | None = None, readme: bool = False) -> None:
        _hub_commit(repo, name, sentencepiece_tokenizer, seed, readme)

    commit(commits[0], seed=0)
    monkeypatch.setattr("huggingface_hub.constants.HF_HUB_CACHE", str(hub))
    out = tmp_path / "out"
    settings = {"output_dir": str(out), "base_model": "org/sp", "trim_vocab": True, "data.train": str(
        ROOT / "data/ner/dev.jsonl"), "training.num_train_epochs": 1, "training.save_strategy": "epoch"}
    args = ["train", str(ROOT / "configs/ner_tiny.yaml"), *(x for k, v in settings.items() for x in ("--set",
                                                                                                      f"{k}={v}"))]
    assert main(args) == 0
    record = json.loads((out / "checkpoints" / RUN_CONFIG_FILE).read_text(encoding="utf-8"))
    recipe = json.loads((out / "trimmed-base" / BASE_RECIPE_FILE).read_text(encoding="utf-8"))
    report = json.loads((out / "trimmed-base" / REPORT_FILE).read_text(encoding="utf-8"))
    assert record["base_files"]["hub"] == "org/sp" and "model.safetensors" in record["base_files"]["files"]
    assert recipe == record["built_base"] and "base_files" not in recipe  # (as an earlier arapol compares it)
    assert report["source_files"] == record["base_files"]["files"]
    card = (out / "README.md").read_text(encoding="utf-8")
    assert commits[0] in card and report["source_files"]["model.safetensors"] in card

    commit(commits[1], readme=True)  # a README alone: the same files, resumed
    cfg = load_config(ROOT / "configs/ner_tiny.yaml", {"output_dir": str(out), "base_model": "org/sp",
                                                       "trim_vocab": True, "data": {"train": settings["data.train"]},
                                                       "training": {"num_train_epochs": 1, "save_strategy": "epoch"}})
    texts = vocabulary_texts(cfg, dev_split(cfg, load_split(cfg.data.train, cfg))[0], Normaliser(cfg.normalise))
    assert planned_base_recipe(cfg, texts, out, _base_files(cfg)) == recipe
    _check_same_run(cfg, out / "checkpoints", record["model_labels"], resuming=True, write=False,
                    base_files=_base_files(cfg), built_base=planned_base_recipe(cfg, texts, out, _base_files(cfg)))

    commit(commits[2], seed=1)  # new weights pushed to the hub and cached
    capsys.readouterr()
    assert main(args) == 2
    assert ("other ['base_files'] (base_files: the model files of the hub's org/sp have changed since "
            "those checkpoints trained from them: a new commit on the hub); train with --no-resume"
            ) in capsys.readouterr().err
    assert json.loads((out / "trimmed-base" / BASE_RECIPE_FILE).read_text(encoding="utf-8")) == recipe  # (kept)
    trimmed: list[Path] = []
    real = arapol.base.trim.trim_vocabulary
    monkeypatch.setattr(arapol.base.trim, "trim_vocabulary", lambda base, *a, **k: trimmed.append(Path(base)) or
                        real(base, *a, **k))
    assert base_folder(cfg, texts, out) == str(out / "trimmed-base")  # a fresh run: trimmed again, from the new files
    assert trimmed == [repo / "snapshots" / commits[2]]
    rebuilt = json.loads((out / "trimmed-base" / REPORT_FILE).read_text(encoding="utf-8"))["source_files"]
    assert rebuilt == _base_files(cfg)["files"] != report["source_files"]
    assert base_folder(cfg, texts, out) == str(out / "trimmed-base") and len(trimmed) == 1  # (reused now)

    # a commit that adds (or drops) a file trimming reads, the others alike, is other input (a review: the mask
    # token a special_tokens_map.json names was left out of a base reused, and the card named the new commit)
    assert main([*args, "--no-resume"]) == 0
    commit(commits[3])
    extra = repo / "snapshots" / commits[3] / "special_tokens_map.json"
    extra.unlink() if extra.exists() else extra.write_text(json.dumps({"mask_token": "[UNK]"}), encoding="utf-8")
    capsys.readouterr()
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "other ['base_files'] (base_files: the model files of the hub's org/sp have changed" in err
    assert base_folder(cfg, texts, out) == str(out / "trimmed-base") and trimmed[-1] == repo / "snapshots" / commits[3]


def test_a_base_an_earlier_arapol_trimmed_from_the_hub_is_known_by_the_snapshot_its_report_names(
        tmp_path, monkeypatch, sentencepiece_tokenizer, capsys):
    """The recipe of a base an earlier arapol trimmed from a hub model names the repository alone, and was taken
    for one of the hub's files now and rewritten so: once new weights were cached, a fresh run reused the stale
    base and recorded the new commit and weights as what it trained from (arapol.json, the card), a resume trained
    on over it, and a run training from the folder as its own base was refused its resume (other ['built_base']).
    The snapshot its trim report names (by commit) tells the files it was trimmed from: the same files are trusted,
    and its recipe is left as it is; other files, or none known, are trimmed again in a fresh run and refused on a
    resume."""
    from dataclasses import replace

    import arapol.base.trim
    from arapol.base.trim import REPORT_FILE
    from arapol.cli import main
    from arapol.data import load_split
    from arapol.text import Normaliser
    from arapol.training.trainer import (
        BASE_RECIPE_FILE,
        RUN_CONFIG_FILE,
        _base_files,
        _check_same_run,
        _record_files,
        base_folder,
        dev_split,
        planned_base_recipe,
        vocabulary_texts,
    )

    repo = tmp_path / "hub" / "models--org--sp"
    old = _hub_commit(repo, "a" * 40, sentencepiece_tokenizer, seed=0)
    monkeypatch.setattr("huggingface_hub.constants.HF_HUB_CACHE", str(tmp_path / "hub"))
    out, trimmed = tmp_path / "out", tmp_path / "out" / "trimmed-base"
    settings = {"output_dir": str(out), "base_model": "org/sp", "trim_vocab": True, "data.train": str(
        ROOT / "data/ner/dev.jsonl"), "training.num_train_epochs": 1, "training.save_strategy": "epoch"}
    args = ["train", str(ROOT / "configs/ner_tiny.yaml"), *(x for k, v in settings.items() for x in ("--set",
                                                                                                      f"{k}={v}"))]
    assert main(args) == 0
    # as an earlier arapol left them: a trim report naming the snapshot alone, a run's record without the files
    report = json.loads((trimmed / REPORT_FILE).read_text(encoding="utf-8"))
    report.pop("source_files", None)  # (an earlier arapol wrote none)
    (trimmed / REPORT_FILE).write_text(json.dumps(report), encoding="utf-8")
    recipe = json.loads((trimmed / BASE_RECIPE_FILE).read_text(encoding="utf-8"))
    recipe.pop("base_files", None)
    (trimmed / BASE_RECIPE_FILE).write_text(json.dumps(recipe), encoding="utf-8")
    _record_files(trimmed)
    record = json.loads((out / "checkpoints" / RUN_CONFIG_FILE).read_text(encoding="utf-8"))
    del record["base_files"]
    record["built_base"] = recipe
    (out / "checkpoints" / RUN_CONFIG_FILE).write_text(json.dumps(record), encoding="utf-8")
    written = (trimmed / BASE_RECIPE_FILE).read_bytes()

    cfg = load_config(ROOT / "configs/ner_tiny.yaml", {"output_dir": str(out), "base_model": "org/sp",
                                                       "trim_vocab": True, "data": {"train": settings["data.train"]},
                                                       "training": {"num_train_epochs": 1, "save_strategy": "epoch"}})
    own = replace(cfg, base_model=str(trimmed), trim_vocab=False, output_dir=str(tmp_path / "own"))
    texts = vocabulary_texts(cfg, dev_split(cfg, load_split(cfg.data.train, cfg))[0], Normaliser(cfg.normalise))
    theirs = planned_base_recipe(own, texts, tmp_path / "own", _base_files(own))  # (what such a run records)

    def resume() -> None:
        _check_same_run(cfg, out / "checkpoints", record["model_labels"], resuming=True, write=False,
                        base_files=_base_files(cfg), built_base=planned_base_recipe(cfg, texts, out, _base_files(cfg)))

    built: list[Path] = []
    real = arapol.base.trim.trim_vocabulary
    monkeypatch.setattr(arapol.base.trim, "trim_vocabulary", lambda base, *a, **k: built.append(Path(base)) or
                        real(base, *a, **k))
    resume()  # the files of the commit its report names: the same run
    assert base_folder(cfg, texts, out) == str(trimmed) and built == []
    assert (trimmed / BASE_RECIPE_FILE).read_bytes() == written  # (left as it is)
    assert planned_base_recipe(own, texts, tmp_path / "own", _base_files(own)) == theirs

    new = _hub_commit(repo, "c" * 40, sentencepiece_tokenizer, seed=1)  # new weights cached
    with pytest.raises(ConfigError, match=re.escape(
            "other ['base_files'] (base_files: the model files of the hub's org/sp have changed since")):
        resume()
    old.rename(tmp_path / "pruned")  # the commit it names no longer cached: its files are not known
    with pytest.raises(ConfigError, match=re.escape(
            "other ['base_files'] (base_files: an earlier arapol trimmed the base of those checkpoints from files "
            "of the hub's org/sp no longer known")):
        resume()
    (tmp_path / "pruned").rename(old)
    assert main([*args, "--no-resume"]) == 0  # a fresh run: trimmed again, and known by the new files
    assert built == [new]
    report = json.loads((trimmed / REPORT_FILE).read_text(encoding="utf-8"))
    info = json.loads((out / "arapol.json").read_text(encoding="utf-8"))["extra"]
    assert Path(report["source"]) == new.resolve() and info["base_revision"] == new.name
    assert info["base_files"] == report["source_files"] == _base_files(cfg)["files"]
    assert report["source_files"]["model.safetensors"] in (out / "README.md").read_text(encoding="utf-8")


def test_resume_refuses_checkpoints_of_another_release_of_a_base_folder(tmp_path):
    """A local base folder replaced between a kill and the resume (another release, another vocabulary) was
    resumed from without a word: the model paired the old weights with the new tokenizer (a helper's probe). A
    record written before base_files existed resumes as before."""
    from arapol.training.trainer import RUN_CONFIG_FILE, _base_files, _check_same_run

    base = tmp_path / "base"
    base.mkdir()
    (base / "tokenizer.json").write_text("v1", encoding="utf-8")
    cfg = load_config(ROOT / "configs/ner_tiny.yaml", {"output_dir": str(tmp_path / "a"), "base_model": str(base)})
    assert _base_files(cfg) is not None
    assert _base_files(load_config(ROOT / "configs/ner_tiny.yaml")) is None  # tiny: its recipe is recorded
    # ... and no key is written for it: an arapol from before base_files still resumes such a run (a review)
    tiny = load_config(ROOT / "configs/ner_tiny.yaml", {"output_dir": str(tmp_path / "t")})
    assert "base_files" not in _check_same_run(tiny, tmp_path / "t", LABELS, resuming=False, built_base=None)
    _check_same_run(cfg, tmp_path / "ck", LABELS, resuming=False, built_base=None, base_files=_base_files(cfg))
    _check_same_run(cfg, tmp_path / "ck", LABELS, resuming=True, built_base=None, base_files=_base_files(cfg))
    # what loading does not read may change, or be unreadable (a git fetch, a README, a file of another user's)
    (base / ".git").mkdir()
    (base / ".git" / "FETCH_HEAD").write_text("x", encoding="utf-8")
    (base / "README.md").write_text("notes", encoding="utf-8")
    _check_same_run(cfg, tmp_path / "ck", LABELS, resuming=True, built_base=None, base_files=_base_files(cfg))
    shutil.copytree(base, tmp_path / "moved")  # the same files elsewhere (a project folder moved whole)
    moved = load_config(ROOT / "configs/ner_tiny.yaml", {"output_dir": str(tmp_path / "a"),
                                                         "base_model": str(tmp_path / "moved")})
    for folder in (moved, cfg):  # (and back)
        _check_same_run(folder, tmp_path / "ck", LABELS, resuming=True, built_base=None,
                        base_files=_base_files(folder))
    (base / "tokenizer.json").write_text("v2", encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"other \['base_files'\] \(base_files: the files of the base model folder "
                                          rf"{base} have changed since\); train with --no-resume"):
        _check_same_run(cfg, tmp_path / "ck", LABELS, resuming=True, built_base=None, base_files=_base_files(cfg))
    record = json.loads((tmp_path / "ck" / RUN_CONFIG_FILE).read_text(encoding="utf-8"))
    del record["base_files"]
    (tmp_path / "ck" / RUN_CONFIG_FILE).write_text(json.dumps(record), encoding="utf-8")
    _check_same_run(cfg, tmp_path / "ck", LABELS, resuming=True, built_base=None, base_files=_base_files(cfg))
    before = _base_files(cfg)  # the same bytes under another name are another base
    (base / "tokenizer.json").rename(base / "tokenizer_config.json")
    assert _base_files(cfg) != before
    # pickle weights beside safetensors are not what loading reads: deleting them changes nothing (a review)
    (base / "model.safetensors").write_bytes(b"weights")
    (base / "pytorch_model.bin").write_bytes(b"the same, pickled")
    before = _base_files(cfg)
    (base / "pytorch_model.bin").unlink()
    assert _base_files(cfg) == before
    (base / "model.safetensors").write_bytes(b"other weights")
    assert _base_files(cfg) != before


def test_a_run_trimming_a_local_base_folder_reads_its_files_once(tmp_path, monkeypatch, sentencepiece_tokenizer):
    """A run trimming a local base folder hashed each of its files three times (for its record's base_files, the
    recipe its checkpoints are checked against, and the recipe the trimmed base is built from): once now."""
    import torch
    from transformers import BertConfig, BertModel

    import arapol.training.trainer as trainer_module
    from arapol.training import train

    base = tmp_path / "base"
    sentencepiece_tokenizer.save_pretrained(base)
    torch.manual_seed(0)
    config = BertConfig(vocab_size=len(sentencepiece_tokenizer), hidden_size=32, num_hidden_layers=1,
                        num_attention_heads=2, intermediate_size=64, max_position_embeddings=160)
    BertModel(config).save_pretrained(base)
    read: list[Path] = []
    sha256_of = trainer_module.sha256_of
    monkeypatch.setattr(trainer_module, "sha256_of", lambda paths: read.extend(paths) or sha256_of(paths))

    class Loaded(Exception):
        """The base is built and its model about to load: what comes next reads no base file."""

    def loaded(*args, **kwargs):
        raise Loaded

    monkeypatch.setattr(trainer_module, "load_task_model", loaded)
    cfg = config_from_dict({"task": "ner", "base_model": str(base), "trim_vocab": True,
                            "output_dir": str(tmp_path / "o"), "data": {"train": str(ROOT / "data/ner/dev.jsonl")}})
    with pytest.raises(Loaded):
        train(cfg)
    assert (tmp_path / "o/trimmed-base/model.safetensors").is_file()
    names = [p.name for p in read if p.parent == base]
    assert "model.safetensors" in names and sorted(names) == sorted(set(names))


def test_changed_settings_are_named_down_to_the_setting():
    from arapol.config import changed_settings, flat_settings

    before = {"training": {"seed": 13, "lr": 1.0}, "built_base": {"base": "a", "texts": "x"}, "labels": {}}
    now = {"training": {"seed": 7, "lr": 1.0}, "built_base": {"base": "a", "texts": "y"}, "labels": {"PER": 1}}
    assert flat_settings(before, whole=("built_base",)) == {
        "training.seed": 13, "training.lr": 1.0, "built_base": {"base": "a", "texts": "x"}, "labels": {}}
    assert changed_settings(before, now, whole=("built_base",)) == ["built_base", "labels.PER", "training.seed"]
    assert changed_settings(before, now) == ["built_base.texts", "labels.PER", "training.seed"]
    assert changed_settings({"training": {}}, {"training": {"seed": 7}}) == ["training.seed"]
    assert changed_settings({"a": None}, {}) == ["a"]  # a setting one side lacks is not the same as None
    assert changed_settings({"a": {"b": 1}}, {"a": 2}) == ["a.b"]


def test_a_refused_resume_builds_no_base(tmp_path, monkeypatch):
    """Another run's checkpoints are refused (after the data are read) before a tiny or trimmed base is built
    over that run's own: by a changed setting, and by a base that would be built from other texts."""
    from arapol.data import load_split
    from arapol.text import Normaliser
    from arapol.training import trainer as trainer_module

    out = tmp_path / "model"
    cfg = load_config(ROOT / "configs/ner_tiny.yaml", {"output_dir": str(out)})
    train_ex, dev_ex = trainer_module.dev_split(cfg, load_split(cfg.data.train, cfg))
    recipe = trainer_module.planned_base_recipe(
        cfg, trainer_module.vocabulary_texts(cfg, train_ex, Normaliser(cfg.normalise)), out)
    assert recipe is not None and recipe["base"] == "tiny:bert" and not (out / "tiny-base").exists()
    checkpoints = out / trainer_module.CHECKPOINTS_DIR
    labels = trainer_module._label_list(cfg, [*train_ex, *dev_ex, *load_split(cfg.data.test, cfg)])
    trainer_module._check_same_run(cfg, checkpoints, labels, resuming=False, built_base=recipe)
    (checkpoints / "checkpoint-4").mkdir()
    (checkpoints / "checkpoint-4" / "trainer_state.json").write_text("{}", encoding="utf-8")
    record = checkpoints / trainer_module.RUN_CONFIG_FILE
    recorded = record.read_bytes()

    def no_base(*args, **kwargs):
        raise AssertionError("a base was built for a run that is refused")

    monkeypatch.setattr(trainer_module, "base_folder", no_base)
    other = load_config(ROOT / "configs/ner_tiny.yaml", {"output_dir": str(out), "training": {"seed": 7}})
    with pytest.raises(ConfigError, match=r"other \['built_base', 'training.seed'\]; train with --no-resume"):
        trainer_module.train(other)
    saved = json.loads(recorded)
    saved["built_base"]["texts_sha256"] = "0" * 64  # the earlier run's base was built from other texts
    record.write_text(json.dumps(saved), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"other \['built_base'\]; train with --no-resume"):
        trainer_module.train(cfg)
    assert json.loads(record.read_bytes()) == saved  # the earlier run's record, as it was
    record.write_bytes(recorded)
    with pytest.raises(AssertionError, match="a base was built"):  # the same run goes on to build its base
        trainer_module.train(cfg)
    missing = load_config(ROOT / "configs/ner_tiny.yaml", {"output_dir": str(out),
                                                           "data": {"train": str(tmp_path / "gone.jsonl")}})
    with pytest.raises(DataError, match="gone.jsonl"):  # a missing data file is said as such, not as another run
        trainer_module.train(missing)


def test_a_fresh_run_killed_before_it_starts_leaves_the_earlier_runs_record(tmp_path, monkeypatch):
    """--no-resume records the new run only once the earlier run's checkpoints are gone: killed before that, the
    folder keeps the earlier run's record beside them, and a plain rerun is still refused, not mixed in."""
    from arapol.training import trainer as trainer_module

    out = tmp_path / "model"
    earlier = load_config(ROOT / "configs/ner_tiny.yaml", {"output_dir": str(out)})
    checkpoints = out / trainer_module.CHECKPOINTS_DIR
    trainer_module._check_same_run(earlier, checkpoints, LABELS, resuming=False, built_base={"base": "tiny:bert"})
    (checkpoints / "checkpoint-4").mkdir()
    (checkpoints / "checkpoint-4" / "trainer_state.json").write_text("{}", encoding="utf-8")
    recorded = (checkpoints / trainer_module.RUN_CONFIG_FILE).read_bytes()

    def killed(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(trainer_module, "base_folder", killed)
    fresh = load_config(ROOT / "configs/ner_tiny.yaml", {"output_dir": str(out), "training": {"seed": 7}})
    with pytest.raises(KeyboardInterrupt):
        trainer_module.train(fresh, resume=False)
    assert (checkpoints / trainer_module.RUN_CONFIG_FILE).read_bytes() == recorded
    with pytest.raises(ConfigError, match=r"training.seed'\]; train with --no-resume"):
        trainer_module.train(fresh)


def test_a_base_used_as_it_is_is_known_by_the_recipe_it_records(tmp_path):
    """A config whose base is another run's built base folder: that folder's recipe stands for it, so a rebuild of
    it in place is another base (as arapol recorded before it planned bases)."""
    from arapol.training.trainer import BASE_RECIPE_FILE, planned_base_recipe

    base = tmp_path / "trimmed-base"
    base.mkdir()
    (base / BASE_RECIPE_FILE).write_text('{"base": "x", "texts_sha256": "aa"}', encoding="utf-8")
    cfg = load_config(ROOT / "configs/ner_tiny.yaml", {"output_dir": str(tmp_path / "out"), "base_model": str(base)})
    assert planned_base_recipe(cfg, ["نص"], tmp_path / "out") == {"base": "x", "texts_sha256": "aa"}
    hub = load_config(ROOT / "configs/ner_tiny.yaml", {"base_model": "aubmindlab/bert-base-arabertv02"})
    assert planned_base_recipe(hub, ["نص"], tmp_path / "out") is None


def test_a_trimmed_offline_base_is_known_by_name_wherever_the_cache_is(tmp_path, monkeypatch):
    """The recipe of a trimmed offline base named the cache folder it was built in: a resume with ARAPOL_CACHE
    pointing elsewhere (the same base built again there) was refused as another base (a helper's probe). Recipes
    recorded that way are read by the name they stand for."""
    from arapol.training.trainer import _check_same_run, _recipe_as_now, planned_base_recipe

    cfg = load_config(ROOT / "configs/ner_e5small.yaml", {"output_dir": str(tmp_path / "out")})
    recipes = []
    for cache in ("a", "b"):
        monkeypatch.setenv("ARAPOL_CACHE", str(tmp_path / cache))
        recipes.append(planned_base_recipe(cfg, ["قال بوتين"], tmp_path / "out"))
    assert recipes[0] == recipes[1] and recipes[0]["base"] == "offline:multilingual-e5-small"
    earlier = {**recipes[0], "base": str(tmp_path / "a" / "multilingual-e5-small")}  # as recorded before
    assert _recipe_as_now(earlier) == recipes[0]
    checkpoints = tmp_path / "out" / "checkpoints"
    _check_same_run(cfg, checkpoints, LABELS, resuming=False, built_base=earlier)
    _check_same_run(cfg, checkpoints, LABELS, resuming=True, built_base=recipes[1])  # the same run: resumed


def test_trimming_a_base_that_is_no_folder_says_so(tmp_path, monkeypatch):
    """trim_vocab with a hub name or a missing folder said the base had no tokenizer.json (a helper's probe): a
    missing folder is named, and a hub model's files are fetched (here: refused offline, with the hub's reason)."""
    from arapol.data import load_split
    from arapol.training.trainer import _base_plan

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setattr("huggingface_hub.constants.HF_HUB_OFFLINE", True)
    texts = [ex.text for ex in load_split(ROOT / "data/ner/dev.jsonl",
                                          load_config(ROOT / "configs/ner_e5small.yaml"))][:3]
    missing = load_config(ROOT / "configs/ner_e5small.yaml", {"base_model": str(tmp_path / "nope")})
    with pytest.raises(ConfigError, match=r"base_model: no model folder '.*nope'"):
        _base_plan(missing, texts, tmp_path / "out", resolve=True)
    hub = load_config(ROOT / "configs/ner_e5small.yaml", {"base_model": "intfloat/multilingual-e5-small"})
    with pytest.raises(ModelError, match=r"intfloat/multilingual-e5-small: no such local folder, and the hub "
                                         r"repository .* could not be had .*HF_HUB_OFFLINE is set"):
        _base_plan(hub, texts, tmp_path / "out", resolve=True)
    assert _base_plan(hub, texts, tmp_path / "out", resolve=False)[1]["base"] == "intfloat/multilingual-e5-small"


def test_a_run_killed_while_trimming_can_be_run_again(tmp_path):
    """A kill while the trimmed base was being made left trimming's staging folder in the output folder, which
    then refused the rerun as holding files no arapol run wrote (a helper's probe); the rerun's build removes it."""
    from arapol.training.trainer import _built, _check_output_folder

    out = tmp_path / "out"
    left = out / "..trimmed-base.building.k1ll3d.trimming"
    left.mkdir(parents=True)
    (left / "model.safetensors").write_bytes(b"half")
    (out / ".trimmed-base.building").mkdir()
    _check_output_folder(out)
    _built(out / "trimmed-base", {"base": "x"}, lambda folder: folder.mkdir())
    assert sorted(p.name for p in out.iterdir()) == ["trimmed-base"]
    (out / "..tiny-base.building.x.trimming.old").mkdir()
    with pytest.raises(ConfigError, match="holds files that no arapol run wrote"):
        _check_output_folder(out)


def test_resume_refuses_data_files_edited_in_place(tmp_path):
    """The same paths with other labels (a base that hashes only the texts, or a hub base that hashes nothing)."""
    from arapol.training.trainer import _check_same_run

    train = tmp_path / "train.jsonl"
    shutil.copyfile(ROOT / "tests/resources/ner_good.jsonl", train)
    cfg = load_config(ROOT / "configs/ner_tiny.yaml",
                      {"output_dir": str(tmp_path / "a"), "data": {"train": str(train)}})
    _check_same_run(cfg, tmp_path / "ck", LABELS, resuming=False, built_base=None)
    _check_same_run(cfg, tmp_path / "ck", LABELS, resuming=True, built_base=None)  # unchanged
    train.write_text(train.read_text(encoding="utf-8").replace('"PER"', '"MISC"'), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"other \['data_files.train'\]; train with --no-resume"):
        _check_same_run(cfg, tmp_path / "ck", LABELS, resuming=True, built_base=None)


def test_a_resume_compares_the_run_as_it_trained_not_as_written(tmp_path):
    """Edits that leave the run as it was were refused (a review): the model's own saved training_config.yaml (its
    labels listed, where the config had none), a default written out or left out (seed: 13, weight_decay: 0.0), a
    setting the task never reads (a stance config's split_clitics). A value that does change the run still is."""
    import yaml

    from arapol.config import save_config
    from arapol.training.trainer import _check_same_run

    def config(task: str, **edit) -> dict:
        values = yaml.safe_load((ROOT / f"configs/{task}_tiny.yaml").read_text(encoding="utf-8"))
        del values["training"]["seed"], values["training"]["weight_decay"]
        values["output_dir"] = str(tmp_path / "out")
        for key, value in edit.items():
            (values["training"] if key in ("seed", "weight_decay") or key.endswith(("_steps", "_strategy"))
             else values)[key] = value
        return config_from_dict(values, ROOT / "configs")

    _check_same_run(config("ner"), tmp_path / "ck", LABELS, resuming=False, built_base=None)
    save_config(config("ner", labels=types_of(LABELS), seed=13), tmp_path / "training_config.yaml")
    for same in (load_config(tmp_path / "training_config.yaml"), config("ner", weight_decay=0.0), config("ner")):
        _check_same_run(same, tmp_path / "ck", LABELS, resuming=True, built_base=None)
    with pytest.raises(ConfigError, match=r"other \['training.weight_decay'\]; train with --no-resume"):
        _check_same_run(config("ner", weight_decay=0.1), tmp_path / "ck", LABELS, resuming=True, built_base=None)
    with pytest.raises(ConfigError, match=r"other \['model_labels'\]"):  # listed in another order: other tags
        _check_same_run(config("ner", labels=["ORG", "PER", "LOC", "MISC"]), tmp_path / "ck",
                        bio_labels(["ORG", "PER", "LOC", "MISC"]), resuming=True, built_base=None)
    with pytest.raises(ConfigError, match=r"other \['split_clitics'\]"):  # NER reads it
        _check_same_run(config("ner", split_clitics=False), tmp_path / "ck", LABELS, resuming=True, built_base=None)
    stance = ["favor", "against", "none"]
    _check_same_run(config("stance"), tmp_path / "st", stance, resuming=False, built_base=None)
    unread = config("stance", split_clitics=False, clitic_rule="pieces", data={**config("stance").to_dict()["data"],
                                                                               "repair_iob": True})
    _check_same_run(unread, tmp_path / "st", stance, resuming=True, built_base=None)
    _check_same_run(config("stance"), tmp_path / "st", stance, resuming=True, built_base=None)  # and back
    # ... but a default written out beside a count that the other follows when alone is another run (a regression
    # hunt): eval_steps: 100 alone saves every 100 steps too, beside save_steps: 500 (the Trainer's default) not
    steps = {"save_strategy": "steps", "eval_steps": 100}
    _check_same_run(config("ner", **steps, save_steps=500), tmp_path / "sv", LABELS, resuming=False, built_base=None)
    with pytest.raises(ConfigError, match=r"other \['training.save_steps'\]"):
        _check_same_run(config("ner", **steps), tmp_path / "sv", LABELS, resuming=True, built_base=None)


def test_a_resume_takes_a_setting_written_out_where_the_run_ignores_it(tmp_path):
    """``load_best_model_at_end: false`` beside ``eval_strategy: "no"`` (where arapol turns it off itself), or
    ``eval_strategy: "no"`` written without a dev split (its default there), was refused as another run although the
    Trainer is given the same arguments (a review). Where they do change the run, they are still refused."""
    from arapol.training.trainer import _check_same_run, _training_args

    def cfg(dev: bool = True, **training):
        return load_config(ROOT / "configs/ner_tiny.yaml", {"output_dir": str(tmp_path / "out"), "training": training,
                                                            **({} if dev else {"data": {"dev": None}})})

    def same_arguments(a, b) -> bool:
        return _training_args(a, tmp_path, a.data.dev is not None, "f1").to_dict() == \
            _training_args(b, tmp_path, b.data.dev is not None, "f1").to_dict()

    for folder, kept, written in (("a", cfg(eval_strategy="no"), cfg(eval_strategy="no", load_best_model_at_end=False)),
                                  ("b", cfg(dev=False), cfg(dev=False, eval_strategy="no"))):
        assert same_arguments(kept, written)
        _check_same_run(kept, tmp_path / folder, LABELS, resuming=False, built_base=None)
        _check_same_run(written, tmp_path / folder, LABELS, resuming=True, built_base=None)
        _check_same_run(kept, tmp_path / folder, LABELS, resuming=True, built_base=None)  # and back
    _check_same_run(cfg(), tmp_path / "c", LABELS, resuming=False, built_base=None)
    for name, other in (("eval_strategy", cfg(eval_strategy="no")),  # no dev scores: the last epoch is the model
                        ("load_best_model_at_end", cfg(load_best_model_at_end=False))):  # so here
        assert not same_arguments(cfg(), other)
        with pytest.raises(ConfigError, match=rf"other \['training.{name}'\]"):
            _check_same_run(other, tmp_path / "c", LABELS, resuming=True, built_base=None)


def test_a_run_over_underscores_is_not_resumed_over_checkpoints_that_joined_words_there(tmp_path):
    """An underscore joined the words on either side until this release: a run of NER texts holding one resumed
    over checkpoints that learned the other splitting, a silent mix of two runs (a regression hunt). Its record
    names the splitting; texts without an underscore record none, and their runs resume as before."""
    from arapol.text import WORD_SPLITTING, splitting_version
    from arapol.training.trainer import RUN_CONFIG_FILE, _check_same_run

    assert splitting_version(["قال بوتين"]) is None and splitting_version(["#وقف_إطلاق_النار"]) == WORD_SPLITTING
    cfg = load_config(ROOT / "configs/ner_tiny.yaml")
    _check_same_run(cfg, tmp_path / "ck", LABELS, resuming=False, built_base=None)  # as an earlier release wrote it
    assert "word_splitting" not in json.loads((tmp_path / "ck" / RUN_CONFIG_FILE).read_text(encoding="utf-8"))
    _check_same_run(cfg, tmp_path / "ck", LABELS, resuming=True, built_base=None, write=False)
    with pytest.raises(ConfigError, match=r"other \['word_splitting'\] \(word_splitting: this arapol parts words "
                                          "otherwise than those checkpoints' run"):
        _check_same_run(cfg, tmp_path / "ck", LABELS, resuming=True, built_base=None, word_splitting=WORD_SPLITTING)
    _check_same_run(cfg, tmp_path / "new", LABELS, resuming=False, built_base=None, word_splitting=WORD_SPLITTING)
    _check_same_run(cfg, tmp_path / "new", LABELS, resuming=True, built_base=None, word_splitting=WORD_SPLITTING)


def test_a_project_folder_moved_whole_resumes(tmp_path):
    """Config, data and runs moved together were refused as other data.train and data.dev, their paths compared
    where the record holds the files' hashes (a review). A record without the hashes (an earlier arapol's) still
    compares the paths."""
    from arapol.training.trainer import RUN_CONFIG_FILE, _check_same_run

    def project(folder: Path):
        (folder / "data").mkdir(parents=True)
        for split in ("train", "dev"):
            shutil.copyfile(ROOT / f"data/ner/{split}.jsonl", folder / f"data/{split}.jsonl")
        config = folder / "ner.yaml"
        config.write_text((ROOT / "configs/ner_tiny.yaml").read_text(encoding="utf-8")
                          .replace("../data/ner/", "data/").replace("  test: ../data/ner/test.jsonl\n", ""),
                          encoding="utf-8")
        return load_config(config)

    cfg = project(tmp_path / "a")
    _check_same_run(cfg, tmp_path / "a/ck", LABELS, resuming=False, built_base=None)
    record = json.loads((tmp_path / "a/ck" / RUN_CONFIG_FILE).read_text(encoding="utf-8"))
    shutil.move(tmp_path / "a", tmp_path / "b")
    moved = project(tmp_path / "c")  # (the same files in another folder)
    _check_same_run(moved, tmp_path / "b/ck", LABELS, resuming=True, built_base=None)
    (tmp_path / "c/data/dev.jsonl").write_text("", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"other \['data_files.dev'\]; train with --no-resume"):
        _check_same_run(moved, tmp_path / "b/ck", LABELS, resuming=True, built_base=None)
    del record["data_files"]
    (tmp_path / "b/ck" / RUN_CONFIG_FILE).write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"other \['data.dev', 'data.train'\]"):
        _check_same_run(moved, tmp_path / "b/ck", LABELS, resuming=True, built_base=None)


def test_a_project_folder_moved_whole_resumes_over_a_base_trimmed_from_its_own_base_folder(tmp_path, monkeypatch,
                                                                                          sentencepiece_tokenizer):
    """A trimmed base recorded the path of the local base folder it was trimmed from: the project moved whole (its
    base folder with it) was refused as another built_base and base_model, and trimmed again. The base folder is
    known by its files now: the moved run resumes over the trimmed base it has; another base is still refused, and
    a record of an earlier arapol (the base's path) resumes while that folder is there."""
    import torch
    from transformers import BertConfig, BertModel

    import arapol.base.trim
    from arapol.training.trainer import (
        BASE_RECIPE_FILE,
        RUN_CONFIG_FILE,
        _base_files,
        _check_same_run,
        base_folder,
        planned_base_recipe,
    )

    def base(folder: Path, seed: int) -> None:
        tokenizer = sentencepiece_tokenizer
        tokenizer.save_pretrained(folder)
        torch.manual_seed(seed)
        BertModel(BertConfig(vocab_size=len(tokenizer), hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                             intermediate_size=64, max_position_embeddings=160)).save_pretrained(folder)

    project = tmp_path / "a"
    base(project / "base", seed=0)
    (project / "ner.yaml").write_text(f"task: ner\nbase_model: ./base\ntrim_vocab: true\noutput_dir: runs/x\n"
                                      f"data: {{train: {ROOT}/data/ner/dev.jsonl}}\n", encoding="utf-8")
    texts = ["قال وزير الخارجية", "في القاهرة"]

    def resume(folder: Path, write: bool = False) -> None:
        cfg = load_config(folder / "ner.yaml")
        out = Path(cfg.output_dir)
        _check_same_run(cfg, out / "checkpoints", LABELS, resuming=not write, write=write, base_files=_base_files(cfg),
                        built_base=planned_base_recipe(cfg, texts, out))
        assert base_folder(cfg, texts, out) == str(out / "trimmed-base")

    resume(project, write=True)
    record = json.loads((project / "runs/x/checkpoints" / RUN_CONFIG_FILE).read_text(encoding="utf-8"))
    shutil.move(project, tmp_path / "b")

    def refuse(*args, **kwargs):
        raise AssertionError("trimmed again")

    with monkeypatch.context() as mp:
        mp.setattr(arapol.base.trim, "trim_vocabulary", refuse)
        resume(tmp_path / "b")  # resumed, over the trimmed base it has
    shutil.move(tmp_path / "b/base", tmp_path / "kept")
    base(tmp_path / "b/base", seed=1)  # another base in its place
    with pytest.raises(ConfigError, match=r"other \['base_files', 'built_base'\] \(base_files: the files of the "
                                          r"base model folder .*b/base have changed since\)"):
        resume(tmp_path / "b")
    shutil.rmtree(tmp_path / "b/base")
    shutil.move(tmp_path / "kept", tmp_path / "b/base")
    # as an earlier arapol recorded it: by the base folder's path, compared by its files while it is there
    record["built_base"]["base"] = record["base_model"] = str(tmp_path / "b/base")
    del record["built_base"]["base_files"], record["base_files"]
    for path in ("checkpoints/" + RUN_CONFIG_FILE, "trimmed-base/" + BASE_RECIPE_FILE):
        (tmp_path / "b/runs/x" / path).write_text(json.dumps(record["built_base"] if "base" in path else record),
                                                  encoding="utf-8")
    with monkeypatch.context() as mp:
        mp.setattr(arapol.base.trim, "trim_vocabulary", refuse)
        resume(tmp_path / "b")


def test_a_damaged_run_record_is_named(tmp_path):
    from arapol.training.trainer import RUN_CONFIG_FILE, _check_same_run

    other = load_config(ROOT / "configs/ner_tiny.yaml", {"training": {"seed": 7}, "max_length": 96})
    _check_same_run(other, tmp_path / "ck", LABELS, resuming=False, built_base=None)
    (tmp_path / "ck" / RUN_CONFIG_FILE).write_text("{", encoding="utf-8")  # damaged by hand: named, no traceback
    with pytest.raises(ModelError, match=r"run_config\.json: invalid JSON"):
        _check_same_run(other, tmp_path / "ck", LABELS, resuming=True, built_base=None)
    (tmp_path / "ck" / RUN_CONFIG_FILE).write_bytes(b'{"a": "\xff"}')  # a bad byte (a disk error, a bad copy)
    with pytest.raises(ModelError, match=r"run_config\.json: not UTF-8 text \(byte 7\)"):
        _check_same_run(other, tmp_path / "ck", LABELS, resuming=True, built_base=None)


def test_max_length_beyond_the_base_positions_is_refused(tmp_path, capsys):
    from arapol.cli import main

    assert main(["train", str(ROOT / "configs/ner_tiny.yaml"), "--set", f"output_dir={tmp_path}",
                 "--set", "max_length=1024"]) == 2
    assert "max_length: 1024 is more than the 512 positions" in capsys.readouterr().err


def test_average_checkpoints_saves_the_mean_of_the_last_epochs(tmp_path):
    import torch
    from safetensors.torch import load_file

    from arapol.cli import main

    out = tmp_path / "model"
    assert main(["train", str(ROOT / "configs" / "stance_tiny.yaml"), "--set", f"output_dir={out}",
                 "--set", "average_checkpoints=2", "--set", "training.num_train_epochs=3",
                 "--set", "training.save_total_limit=1", "--set", "data.test=null"]) == 0
    checkpoints = sorted((out / "checkpoints").glob("checkpoint-*"), key=lambda p: int(p.name.split("-")[1]))
    assert len(checkpoints) == 2  # save_total_limit raised to what the averaging needs
    a, b = (load_file(str(p / "model.safetensors")) for p in checkpoints)
    final = load_file(str(out / "model.safetensors"))
    name = "classifier.weight"
    assert not torch.equal(a[name], b[name])
    assert torch.allclose(final[name], (a[name] + b[name]) / 2, atol=1e-6)
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["train"]["selection"] == "mean of the last 2 checkpoints' weights"
    assert metrics["train"]["averaged_epochs"] == [2.0, 3.0] and "dev" in metrics
    assert "mean of the last 2 checkpoints' weights (epochs 2, 3)" in (out / "README.md").read_text(encoding="utf-8")
    # a dev score that never improves: the first epoch stays "best", but the last two are still the ones averaged
    (out / "checkpoints" / "checkpoint-999").mkdir()  # an earlier run's leftover: --no-resume removes it
    assert main(["train", str(ROOT / "configs" / "stance_tiny.yaml"), "--set", f"output_dir={out}", "--no-resume",
                 "--set", "average_checkpoints=2", "--set", "training.num_train_epochs=3",
                 "--set", "training.learning_rate=1e-12", "--set", "data.test=null"]) == 0
    assert json.loads((out / "metrics.json").read_text(encoding="utf-8"))["train"]["averaged_epochs"] == [2.0, 3.0]
    assert not (out / "checkpoints" / "checkpoint-999").exists()
    with pytest.raises(ConfigError, match="average_checkpoints: expected an integer ≥ 1"):
        load_config(ROOT / "configs" / "stance_tiny.yaml", {"average_checkpoints": 0})


def test_checkpoints_saved_before_a_new_setting_existed_still_resume(tmp_path):
    """A run_config.json written before a setting was added lacks it: it had its default then."""
    from arapol.training.trainer import RUN_CONFIG_FILE, _check_same_run

    cfg = config_from_dict({"task": "stance", "data": {"train": "a.jsonl"}, "output_dir": str(tmp_path)})
    old = {k: v for k, v in cfg.to_dict().items() if k not in ("output_dir", "input_prefix")}
    del old["data"]["join_sentences"]
    (tmp_path / RUN_CONFIG_FILE).write_text(json.dumps(old), encoding="utf-8")
    _check_same_run(cfg, tmp_path, LABELS, resuming=True, built_base=None)
    (tmp_path / RUN_CONFIG_FILE).write_text(json.dumps(old), encoding="utf-8")
    cfg.input_prefix = "query: "
    with pytest.raises(ConfigError, match=r"other \['input_prefix'\]"):
        _check_same_run(cfg, tmp_path, LABELS, resuming=True, built_base=None)


@pytest.mark.parametrize("unread", [{"target": "الهدنة"}, {"aux_weight": 0.3}, {"data": {"text_column": "body"}},
                                    {"data": {"dev": "d.jsonl", "dev_fraction": 0.0, "dev_seed": 5}},
                                    {"trim_keep": "corpus"}])
def test_checkpoints_of_a_run_with_a_setting_it_did_not_read_resume_without_it(tmp_path, unread):
    """arapol 0.2.0 ignored settings that training now refuses (an NER run's stance-only keys, data.dev_seed beside
    data.dev, trim_keep without trim_vocab): such a run, resumed with the key removed, is the same run."""
    from arapol.config import unread_settings, without_unread
    from arapol.training.trainer import RUN_CONFIG_FILE, _check_same_run

    def _merge(base: dict, over: dict) -> dict:
        return {**base, **over, "data": {**base["data"], **over.get("data", {})}}

    base = {"task": "ner", "data": {"train": "a.jsonl"}, "output_dir": str(tmp_path)}
    cfg = config_from_dict(base)
    old = config_from_dict(_merge(base, unread), saved=True).to_dict()
    assert len(unread_settings(old)) == 1 and without_unread(old) != old
    if "dev_seed" in str(unread):
        cfg = config_from_dict(_merge(base, {"data": {"dev": "d.jsonl", "dev_fraction": 0.0}}))
    (tmp_path / RUN_CONFIG_FILE).write_text(json.dumps(old), encoding="utf-8")
    _check_same_run(cfg, tmp_path, LABELS, resuming=True, built_base=None)
    with pytest.raises(ConfigError, match="only for task: stance|remove one of them|set trim_vocab: true"):
        config_from_dict(_merge(base, unread))
    read = config_from_dict(_merge(base, {"trim_vocab": True, "trim_keep": "corpus"}))
    (tmp_path / RUN_CONFIG_FILE).write_text(json.dumps(read.to_dict()), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"other \['trim_keep'\]"):  # read when trimming: compared as before
        _check_same_run(config_from_dict(_merge(base, {"trim_vocab": True})), tmp_path, LABELS, resuming=True,
                        built_base=None)


def test_ner_checkpoints_saved_before_clitic_rule_split_by_pieces(tmp_path, tiny_ner_model):
    """Settings added later mean, when absent, what arapol did before them: NER runs split clitics by pieces
    (resuming one under today's default is refused), and a model folder without the key runs that way."""
    from arapol.checkpoint import read_info, write_info
    from arapol.training.trainer import RUN_CONFIG_FILE, _check_same_run

    cfg = load_config(ROOT / "configs/ner_tiny.yaml", {"output_dir": str(tmp_path)})
    old = {k: v for k, v in cfg.to_dict().items() if k not in ("output_dir", "clitic_rule")}
    (tmp_path / RUN_CONFIG_FILE).write_text(json.dumps(old), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"other \['clitic_rule'\]"):
        _check_same_run(cfg, tmp_path, LABELS, resuming=True, built_base=None)
    cfg.clitic_rule = "pieces"
    _check_same_run(cfg, tmp_path, LABELS, resuming=True, built_base=None)
    unsplit = load_config(ROOT / "configs/ner_tiny.yaml", {"output_dir": str(tmp_path), "split_clitics": False})
    (tmp_path / RUN_CONFIG_FILE).write_text(json.dumps(
        {k: v for k, v in unsplit.to_dict().items() if k not in ("output_dir", "clitic_rule")}), encoding="utf-8")
    _check_same_run(unsplit, tmp_path, LABELS, resuming=True, built_base=None)  # no clitics split: the rule is moot
    folder = tmp_path / "model"
    shutil.copytree(tiny_ner_model, folder, ignore=shutil.ignore_patterns("checkpoints", "tiny-base"))
    info = read_info(folder)
    assert info.clitic_rule == "retokenise"
    info.clitic_rule = "pieces"
    write_info(folder, info)
    assert "clitic_rule" not in json.loads((folder / "arapol.json").read_text(encoding="utf-8"))  # as 0.1.0 wrote
    assert read_info(folder).clitic_rule == "pieces"
    assert arapol.load(folder).ner.encoder.retokenise is False


def test_a_stance_input_prefix_is_trained_with_and_saved(tmp_path, tiny_stance_model):
    from arapol.cli import main

    out = tmp_path / "prefixed"
    assert main(["train", str(ROOT / "configs/stance_tiny.yaml"), "--set", f"output_dir={out}", "--set",
                 "training.num_train_epochs=1", "--set", 'input_prefix="query: "']) == 0
    assert json.loads((out / "arapol.json").read_text(encoding="utf-8"))["input_prefix"] == "query: "
    assert "- **Input prefix**: `query: ` before the target" in (out / "README.md").read_text(encoding="utf-8")
    vocab = json.loads((out / "tokenizer.json").read_text(encoding="utf-8"))["model"]["vocab"]
    assert "query" in vocab  # the built vocabulary learnt the prefix, read before every target
    # a model without one leaves the key out, so that arapol 0.1.0 still reads its arapol.json
    assert "input_prefix" not in json.loads((tiny_stance_model / "arapol.json").read_text(encoding="utf-8"))


def test_a_stalled_ner_run_is_reported(tmp_path, caplog):
    from arapol.training.trainer import _warn_if_stalled

    with caplog.at_level("WARNING", logger="arapol.training.trainer"):
        _warn_if_stalled("ner", {"dev": {"f1": 0.0}, "test": {"f1": 0.0}}, tmp_path)
        _warn_if_stalled("ner", {"dev": {"f1": 0.0}, "test": {"f1": 0.31}}, tmp_path)
        _warn_if_stalled("stance", {"dev": {"macro_f1": 0.0}}, tmp_path)
    assert [r.getMessage() for r in caplog.records] == [
        f"{tmp_path}: entity F1 0 on dev and test: the run stalled (the model tags every word O); train again "
        "with another training.seed or a lower training.learning_rate"]


def test_gradient_accumulation_keeps_the_loss_a_batch_mean(tmp_path, monkeypatch):
    """The heads' losses are batch means: with k accumulation steps the Trainer must divide each by k (left to
    guess from the heads' ``**kwargs`` it did not, and the loss and the gradients came out k times larger)."""
    from arapol.training import trainer as tr
    from arapol.training.hf_trainer import ArapolTrainer

    first, real = {}, ArapolTrainer.log

    def log(self, logs, *args, **kwargs):
        if "loss" in logs:
            first.setdefault(self.args.gradient_accumulation_steps, logs["loss"])
        return real(self, logs, *args, **kwargs)

    monkeypatch.setattr(ArapolTrainer, "log", log)
    # with label smoothing too: the Trainer's own smoother divided by the accumulated batch's tokens, then by k again,
    # so the loss and the gradients came out k times smaller (a helper's probe: 2.31 then 1.16 at k = 2)
    for smoothing in (0.0, 0.1):
        first.clear()
        for steps, batch in ((1, 16), (4, 4)):
            tr.train(load_config(ROOT / "configs/ner_tiny.yaml", {
                "output_dir": str(tmp_path / f"m{steps}-{smoothing}"), "training": {
                    "max_steps": 1, "logging_steps": 1, "gradient_accumulation_steps": steps,
                    "per_device_train_batch_size": batch, "label_smoothing_factor": smoothing}}))
        assert 0.75 < first[4] / first[1] < 1.33, (smoothing, first)  # the first step's loss, on the initial weights


def test_class_weighted_stance_loss_applies_label_smoothing():
    from types import SimpleNamespace

    import torch

    from arapol.training.trainer import batch_mean_loss, class_weights

    logits, gold = torch.tensor([[2.0, 0.1, -1.0], [0.3, 0.2, 0.1]]), torch.tensor([0, 2])
    weights = torch.tensor([4 / 6, 4 / 3, 4 / 3])  # inverse frequency of the training labels below
    assert torch.allclose(class_weights([0, 0, 1, 2], 3), weights)
    smoothed = batch_mean_loss(weights, 0.3)(SimpleNamespace(logits=logits), gold)
    assert torch.isclose(smoothed, torch.nn.functional.cross_entropy(logits, gold, weight=weights,
                                                                     label_smoothing=0.3))
    assert not torch.isclose(smoothed, batch_mean_loss(weights)(SimpleNamespace(logits=logits), gold))
    # a token classifier's: the mean over labelled tokens (-100 ignored), with the auxiliary loss added
    tokens, tags = torch.randn(2, 3, 5), torch.tensor([[1, -100, 4], [0, 2, -100]])
    aux = torch.tensor(0.25)
    got = batch_mean_loss(label_smoothing=0.1)(SimpleNamespace(logits=tokens, aux_loss=aux), tags)
    kept = tags.reshape(-1) != -100
    assert torch.isclose(got, torch.nn.functional.cross_entropy(tokens.reshape(-1, 5)[kept], tags.reshape(-1)[kept],
                                                                label_smoothing=0.1) + aux)


def test_stance_dev_windows_are_cut_as_predict_cuts_them(tiny_stance_model):
    """The overlap of a text's windows depends on its target's length: another, longer target in the same split
    must not change it (it did while the whole split was windowed in one call)."""
    from arapol.data import StanceExample
    from arapol.inference.stance import encode_pairs
    from arapol.text import Normaliser
    from arapol.training.features import stance_features

    tokenizer = arapol.load(tiny_stance_model).stance.tokenizer
    text = " ".join(["رحبت الحكومة بالاتفاق وقالت إنه خطوة مهمة نحو السلام في البلاد"] * 12)
    long_target = " ".join(["وقف إطلاق النار الشامل في كل المحافظات السورية"] * 3)
    examples = [StanceExample(text, "هدنة", "favor"), StanceExample("نص قصير", long_target, "none")]
    rows, owner = stance_features(examples, tokenizer, Normaliser(), {"favor": 0, "none": 1}, 64, 24, False)
    alone, _ = encode_pairs(tokenizer, [Normaliser().text(text)], ["هدنة"], 64, 24)
    assert owner == sorted(owner) and len(alone) > 2
    assert [r["input_ids"] for r, i in zip(rows, owner) if i == 0] == [r["input_ids"] for r in alone]


def test_the_new_head_is_reported_in_one_line_and_a_base_missing_its_encoder_is_warned_of(tmp_path, capfd, caplog):
    import logging

    from arapol.base.tiny import build_tiny_bert
    from arapol.heads import load_task_model
    from arapol.inference.loading import held_load_report
    from arapol.training.trainer import _report_new_weights

    texts = (ROOT / "data/ner/dev.jsonl").read_text(encoding="utf-8").splitlines()
    base = build_tiny_bert(tmp_path / "base", texts)
    def reported() -> bool:
        said = capfd.readouterr().err + caplog.text
        caplog.clear()
        return "LOAD REPORT" in said

    reported()
    load_task_model(base, "ner", num_labels=3)
    assert reported()  # transformers' table of the new head, on every fine-tuning run
    with held_load_report():
        _, loading = load_task_model(base, "ner", num_labels=3, output_loading_info=True)
    assert not reported()
    assert sorted(loading["missing_keys"]) == ["classifier.bias", "classifier.weight"]
    other = tmp_path / "three-labels"  # a classifier of another size: loading fails, and the table explains it
    load_task_model(base, "ner", num_labels=3).save_pretrained(other)
    reported()
    with pytest.raises(RuntimeError, match="ignore_mismatched_sizes"), held_load_report():
        load_task_model(other, "ner", num_labels=5)
    assert reported()
    with caplog.at_level(logging.INFO, logger="arapol.training.trainer"):
        _report_new_weights("tiny:bert", loading["missing_keys"])
        assert [r.levelname for r in caplog.records] == ["INFO"]
        _report_new_weights("x/y", [*loading["missing_keys"], "bert.encoder.layer.0.output.dense.weight"])
        assert "base_model x/y lacks 1 weights of the encoder itself (bert.encoder.layer.0.output.dense.weight)" \
            in caplog.records[-2].getMessage() and caplog.records[-2].levelname == "WARNING"


@pytest.mark.parametrize("mkl, compile", [(True, False), (False, False), (False, True)])
def test_fp32_training_on_cpu_runs_linear_layers_by_the_cpus_faster_kernel(tmp_path, monkeypatch, mkl, compile):
    """oneDNN's layers where torch has AVX-512; torch's own (MKL) where its best code is AVX2, as MKL is faster
    there (``benchmarks/linears_avx2.json``). Not under ``training.torch_compile``: inductor cannot lower oneDNN's
    packed linear, and the run crashed at its first step (a helper's probe, on an AMD EPYC)."""
    import torch

    from arapol.inference.onednn import OneDnnLinear, onednn_linear_supported
    from arapol.training import trainer as tr

    if not onednn_linear_supported():
        pytest.skip("this torch build has no oneDNN linear")

    class Built(Exception):
        pass

    def trainer(model, **kwargs):
        raise Built(model)

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(tr, "mkl_trains_faster", lambda: mkl)
    monkeypatch.setattr(tr, "ArapolTrainer", trainer)
    monkeypatch.setattr(tr, "_check_compiler", lambda args: None)  # (the machine's compiler: the tests below)
    with pytest.raises(Built) as built:
        tr.train(load_config(ROOT / "configs/ner_tiny.yaml", {"output_dir": str(tmp_path / "m"),
                                                               "training": {"torch_compile": compile}}))
    layers = {type(m) for m in built.value.args[0].modules()}
    assert (OneDnnLinear in layers) is not (mkl or compile)
    assert (torch.nn.Linear in layers) is (mkl or compile)



@pytest.mark.parametrize("lacks", ["compiler", "headers"])
@pytest.mark.filterwarnings("ignore:`torch.jit.script_method` is deprecated:DeprecationWarning")  # (inductor's import)
def test_torch_compile_without_a_compiler_or_pythons_headers_is_refused_before_the_run(tmp_path, monkeypatch, lacks):
    """Inductor builds its CPU kernels with a C++ compiler and Python's headers at the first step: where one is missing
    the run is refused before its output folder is made, naming what is missing, not failed with torch's traceback."""
    import torch
    from torch._inductor import config as inductor

    from arapol.training import trainer as tr

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    if lacks == "headers":  # (a folder without Python.h)
        (tmp_path / "include").mkdir()
        monkeypatch.setattr(tr.sysconfig, "get_path", lambda name, *a, **k: str(tmp_path / "include"))
    cfg = load_config(ROOT / "configs/ner_tiny.yaml", {"output_dir": str(tmp_path / "m"),
                                                        "training": {"torch_compile": True}})
    lacking = ("a C++ compiler (looked for arapol-no-such-compiler++" if lacks == "compiler"
               else f"Python's headers (no Python.h in {tmp_path / 'include'}")
    compiler = ("arapol-no-such-compiler++",) if lacks == "compiler" else inductor.cpp.cxx
    with inductor.patch({"cpp.cxx": compiler}), pytest.raises(
            ConfigError, match=r"training\.torch_compile: true builds its kernels with .*" + re.escape(lacking)):
        tr.train(cfg)
    assert not (tmp_path / "m").exists()


@pytest.mark.skipif(shutil.which(os.environ.get("CXX", "clang++" if sys.platform == "darwin" else "g++")) is None
                    or not Path(sysconfig.get_path("include"), "Python.h").is_file(),
                    reason="no C++ compiler, or no Python headers: torch_compile's inductor builds its CPU kernels "
                           "with them")
@pytest.mark.filterwarnings("ignore:`torch.jit.script_method` is deprecated:DeprecationWarning")  # (inductor's import)
def test_a_run_under_torch_compile_trains_and_saves_a_model_that_predicts(tmp_path):
    """``training.torch_compile: true`` for real, on the CPU (the test above stubs the Trainer out): the compiled run
    takes its step, where oneDNN's packed linear crashed it at the first step, and saves the model's own weights,
    which load and predict spans of the text given. About 45 s the first time on 2 cores (inductor builds its C++
    kernels), seconds once inductor's cache holds them."""
    import torch

    from arapol.training import trainer as tr

    try:
        out = tr.train(load_config(ROOT / "configs/ner_tiny.yaml", {"output_dir": str(tmp_path / "m"), "training": {
            "torch_compile": True, "max_steps": 1, "eval_strategy": "no", "save_strategy": "no"}}))
    finally:
        torch.compiler.reset()  # (the compiled graphs, held for the model's code, go with the run)
    text = "قال الرئيس المصري عبد الفتاح السيسي في القاهرة إن مصر تدعم الهدنة في غزة."
    entities = arapol.load(out, device="cpu").predict([text])[0]["entities"]
    assert entities and all(text[e["start"]:e["end"]] == e["text"] for e in entities)


def test_a_run_resumed_in_the_middle_of_an_epoch_ends_with_the_uninterrupted_runs_weights(tmp_path, monkeypatch,
                                                                                           caplog):
    """With ``group_by_length`` (the default) each epoch's order comes from the seed and the epoch: a checkpoint
    saved mid-epoch resumes into the rest of that epoch as the uninterrupted run took it, bit for bit."""
    import torch
    from safetensors.torch import load_file

    from arapol.training import trainer as tr
    from arapol.training.hf_trainer import ArapolTrainer

    class Killed(Exception):
        pass

    steps = {"num_train_epochs": 2, "save_strategy": "steps", "save_steps": 10, "eval_strategy": "steps",
             "eval_steps": 10, "load_best_model_at_end": False}  # the last step's weights, not the best dev score's

    def config(out: Path):
        return load_config(ROOT / "configs/ner_tiny.yaml", {"output_dir": str(out), "training": steps})

    whole = tr.train(config(tmp_path / "whole"))
    save = ArapolTrainer._save_checkpoint

    def killed_after_step_30(self, *args, **kwargs):
        save(self, *args, **kwargs)
        if self.state.global_step == 30:
            raise Killed

    monkeypatch.setattr(ArapolTrainer, "_save_checkpoint", killed_after_step_30)
    with pytest.raises(Killed):
        tr.train(config(tmp_path / "resumed"))
    monkeypatch.undo()
    state = json.loads((tmp_path / "resumed/checkpoints/checkpoint-30/trainer_state.json").read_text())
    assert 1 < state["epoch"] < 2  # in the middle of the second epoch
    with caplog.at_level("WARNING", logger="arapol.training.trainer"):
        resumed = tr.train(config(tmp_path / "resumed"))
    assert f"resuming from {tmp_path / 'resumed/checkpoints/checkpoint-30'}, the last checkpoint of an earlier run " \
           "of these settings (--no-resume starts over)" in caplog.text  # the rerun said nothing of it (a probe)
    assert json.loads((resumed / "metrics.json").read_text())["train"]["resumed_from"].endswith("checkpoint-30")
    a, b = load_file(whole / "model.safetensors"), load_file(resumed / "model.safetensors")
    assert a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)


def test_each_epochs_order_comes_from_the_seed_and_the_epoch():
    from transformers.trainer_pt_utils import LengthGroupedSampler

    from arapol.training.hf_trainer import EpochSeededLengthGroupedSampler

    lengths = [(7 * i) % 23 + 1 for i in range(100)]

    def order(seed: int, epoch: int) -> list[int]:
        sampler = EpochSeededLengthGroupedSampler(LengthGroupedSampler(8, lengths=lengths), seed)
        sampler.set_epoch(epoch)
        return list(sampler)

    assert order(13, 1) == order(13, 1) != order(13, 0)
    assert order(14, 1) != order(13, 1)
    assert sorted(order(13, 1)) == list(range(100))


def test_scored_splits_repeating_training_examples_are_warned_about(caplog):
    """A dev or test split holding training texts scores partly what the model learnt: said, with the first."""
    from arapol.data import NerExample, StanceExample
    from arapol.training.trainer import warn_overlap

    train = [NerExample(f"نص رقم {k}", [], source="train.jsonl", line=k) for k in range(1, 6)]
    dev = [NerExample("نص رقم 3 ", [], source="dev.jsonl", line=1), NerExample("نص آخر", [], source="dev.jsonl",
                                                                                line=2)]
    test = [NerExample("نص جديد", [], source="test.jsonl", line=1)]
    with caplog.at_level("WARNING", logger="arapol.training.trainer"):
        assert warn_overlap(train, dev=dev, test=test) == {"dev": 1}
    assert "dev: 1 of 2 examples are also training examples (the first: dev.jsonl, line 1)" in caplog.text
    assert "test:" not in caplog.text
    # stance: the same text toward another target is another input
    stance_train = [StanceExample("الهدنة صامدة", "الهدنة", "favor")]
    assert warn_overlap(stance_train, test=[StanceExample("الهدنة صامدة", "الانتخابات", "none")]) == {}
    assert warn_overlap(stance_train, test=[StanceExample("الهدنة صامدة", "الهدنة", "against")]) == {"test": 1}


def test_training_warns_about_a_dev_split_that_repeats_train(tmp_path, monkeypatch, caplog):
    from arapol.training import train
    from arapol.training import trainer as tr

    class Checked(Exception):
        pass

    warn = tr.warn_overlap

    def checked(train_ex, **scored):
        raise Checked(warn(train_ex, **scored))

    monkeypatch.setattr(tr, "warn_overlap", checked)
    dev = str(ROOT / "data/ner/dev.jsonl")
    cfg = config_from_dict({"task": "ner", "base_model": "tiny:bert", "output_dir": str(tmp_path / "o"),
                            "data": {"train": dev, "dev": dev}})
    with caplog.at_level("WARNING", logger="arapol.training.trainer"), pytest.raises(Checked) as found:
        train(cfg)
    assert found.value.args[0] == {"dev": 81}
    assert f"dev: 81 of 81 examples are also training examples (the first: {dev}, line 1)" in caplog.text


def test_labels_that_could_learn_nothing_or_tags_of_tags_are_refused(tmp_path):
    """``labels: [from_data]`` over spans typed ``B-PER`` trained tags B-B-PER / I-B-PER; a label map sending every
    type to O trained a model of O alone, then blamed the seed (a helper's probe)."""
    from arapol.training.trainer import _label_list

    data = ner_file(tmp_path / "d.jsonl", "PER")
    data.write_text(data.read_text(encoding="utf-8") + ner_file(tmp_path / "x.jsonl", "B-PER").read_text(
        encoding="utf-8"), encoding="utf-8")
    cfg = config_from_dict({"task": "ner", "labels": ["from_data"], "data": {"train": str(data)}})
    from arapol.data import load_split

    with pytest.raises(DataError, match=r"d.jsonl:2: entity type 'B-PER' looks like an IOB tag: a span carries the "
                                        r"type alone \('PER'\)"):
        _label_list(cfg, load_split(data, cfg))
    all_o = {"PER": "O", "ORG": "O", "LOC": "O", "MISC": "O"}
    cfg = load_config(ROOT / "configs/ner_tiny.yaml", {"data": {"label_map": all_o}})
    examples = [e for split in ("train", "dev") for e in load_split(getattr(cfg.data, split), cfg)]
    with pytest.raises(DataError, match=r"train.jsonl: no entity in any split once data.label_map is applied: a "
                                        r"model of the O tag alone learns nothing"):
        _label_list(cfg, examples)


def test_a_saved_config_with_spaces_in_a_label_still_loads():
    """Labels with spaces around them are refused in training (a review), but a model trained with one before still
    loads its training_config.yaml (``arapol evaluate MODEL test`` reads it)."""
    written = {"task": "ner", "labels": ["PER "], "data": {"train": "a.jsonl", "label_map": {"PERS": "PER "}}}
    assert config_from_dict(written, saved=True).labels == ["PER "]
    with pytest.raises(ConfigError, match=r"labels\[0\]: 'PER ' has spaces around it"):
        config_from_dict(written)


def test_a_saved_ner_config_with_stance_settings_still_loads():
    """NER configs with class_weights, pooling or text_only were accepted (and ignored) before they were refused:
    the training_config.yaml of such a model must still load, or ``arapol evaluate MODEL test`` fails on it."""
    written = {"task": "ner", "data": {"train": "a.jsonl", "text_column": "body", "dev": "b.jsonl", "dev_seed": 7},
               "class_weights": True, "pooling": "mean", "trim_keep": "corpus"}
    assert config_from_dict(written, saved=True).class_weights is True
    with pytest.raises(ConfigError, match="only for task: stance"):
        config_from_dict(written)


def test_one_strategy_set_brings_the_other(tmp_path):
    """``training.save_strategy: steps`` alone failed with an error about load_best_model_at_end, which arapol sets
    itself (a helper's probe): keeping the best dev checkpoint needs a dev score at each save."""
    from arapol.training.trainer import _training_args

    cfg = load_config(ROOT / "configs/stance_tiny.yaml", {"training": {"save_strategy": "steps", "save_steps": 7}})
    args = _training_args(cfg, tmp_path, True, "macro_f1")
    assert (args.save_strategy, args.eval_strategy, args.save_steps, args.eval_steps) == ("steps", "steps", 7, 7)
    cfg = load_config(ROOT / "configs/stance_tiny.yaml", {"training": {"eval_strategy": "steps", "eval_steps": 5}})
    args = _training_args(cfg, tmp_path, True, "macro_f1")
    assert (args.save_strategy, args.eval_strategy, args.save_steps, args.eval_steps) == ("steps", "steps", 5, 5)
    # no counts: the Trainer's would score dev every logging_steps and save every 500 steps, so the best dev score
    # could fall between saves and its weights go unkept (a helper's probe)
    for given in ({"save_strategy": "steps"}, {"eval_strategy": "steps"},
                  {"save_strategy": "steps", "eval_strategy": "steps"}):
        args = _training_args(load_config(ROOT / "configs/stance_tiny.yaml", {"training": given}), tmp_path, True,
                              "macro_f1")
        assert (args.save_strategy, args.eval_strategy, args.save_steps, args.eval_steps) == ("steps",) * 2 + (500,) * 2
    given = {"save_strategy": "steps", "eval_strategy": "steps", "eval_steps": 6}  # one count: the other follows it
    args = _training_args(load_config(ROOT / "configs/stance_tiny.yaml", {"training": given}), tmp_path, True,
                          "macro_f1")
    assert (args.save_steps, args.eval_steps) == (6, 6)
    both = {"save_strategy": "steps", "save_steps": 4, "eval_strategy": "epoch"}  # both given: the user's, checked
    with pytest.raises(ConfigError, match=r"training.save_strategy \('steps'\) and training.eval_strategy \('epoch'\) "
                                          r"differ: keeping the best dev checkpoint"):
        _training_args(load_config(ROOT / "configs/stance_tiny.yaml", {"training": both}), tmp_path, True, "macro_f1")
    # a count without a steps strategy was left unread: eval_steps alone evaluated once an epoch (a fresh user's probe)
    for given, count in (({"eval_steps": 10}, "eval_steps"), ({"save_steps": 10}, "save_steps")):
        with pytest.raises(ConfigError, match=rf"training.{count}: read only with training.{count[:4]}_strategy: "
                                              rf"steps, and this run's {count[:4]}_strategy is 'epoch'"):
            _training_args(load_config(ROOT / "configs/stance_tiny.yaml", {"training": given}), tmp_path, True,
                           "macro_f1")


def test_no_dev_scores_or_no_checkpoints_keep_the_last_epoch(tmp_path):
    """``eval_strategy: "no"`` (or ``save_strategy: "no"``) with a dev split failed with the Trainer's message about
    --load_best_model_at_end, which the config never set (a review): arapol's default of keeping the best dev
    checkpoint gives way; asked for as well, or saving the best without dev scores, it is named."""
    from arapol.training.trainer import _training_args

    for key in ("eval_strategy", "save_strategy"):
        args = _training_args(load_config(ROOT / "configs/stance_tiny.yaml", {"training": {key: "no"}}), tmp_path,
                              True, "macro_f1")
        assert getattr(args, key) == "no" and args.load_best_model_at_end is False
        both = {key: "no", "load_best_model_at_end": True}
        with pytest.raises(ConfigError, match=rf"^training.load_best_model_at_end: true keeps the checkpoint of the "
                                              rf"best dev score, and training.{key}: 'no' (scores no dev|saves none)"):
            _training_args(load_config(ROOT / "configs/stance_tiny.yaml", {"training": both}), tmp_path, True,
                           "macro_f1")
    never = {"eval_strategy": "no", "save_strategy": "best"}  # the Trainer took it, and saved nothing
    with pytest.raises(ConfigError, match=r"^training.save_strategy: 'best' saves a checkpoint when the dev score "
                                          r"improves, and training.eval_strategy: 'no' scores no dev"):
        _training_args(load_config(ROOT / "configs/stance_tiny.yaml", {"training": never}), tmp_path, True, "macro_f1")


def test_the_selection_reported_is_that_of_the_checkpoint_loaded():
    """Dev scored every 10 steps, saved every 30: the best score (step 160) fell between saves, so the Trainer loaded
    the best saved checkpoint (step 120), and metrics.json and the card claimed step 160's score (a helper's probe)."""
    from types import SimpleNamespace

    from arapol.training.trainer import _selection

    scores = ((90, 0.41), (120, 0.451), (160, 0.494))
    history = [{"step": step, "epoch": step / 48, "eval_f1": f1} for step, f1 in scores]
    state = SimpleNamespace(best_global_step=160, best_metric=0.494, log_history=[*history, {"step": 160, "loss": 1.0}],
                            best_model_checkpoint="/runs/m/checkpoints/checkpoint-120")
    trainer = SimpleNamespace(state=state, args=SimpleNamespace(load_best_model_at_end=True), eval_dataset=[1])
    assert _selection(trainer, "f1", []) == {"selection": "best dev f1 (entity F1, Viterbi decoding)", "metric": "f1",
                                             "best_dev": 0.451, "best_epoch": 2.5}
    state.best_model_checkpoint = None  # no save ever met the best score: the last weights are the model's
    assert _selection(trainer, "f1", []) == {"selection": "last epoch"}


def test_a_missing_data_file_is_named_before_the_output_folder_is_made(tmp_path):
    from arapol.training import train

    cfg = config_from_dict({"task": "ner", "base_model": "tiny:bert", "output_dir": str(tmp_path / "o"),
                            "data": {"train": str(ROOT / "data/ner/dev.jsonl"), "test": str(tmp_path / "gone.jsonl")}})
    with pytest.raises(DataError, match=rf"{tmp_path / 'gone.jsonl'}: no such file \(data.test\)"):
        train(cfg)
    assert not (tmp_path / "o").exists()  # it was made and locked first (a helper's probe)


def test_a_base_model_folder_is_never_the_output(tiny_ner_model, tmp_path):
    """base_model and output_dir one folder: the model was replaced by its own fine-tune, and a rerun started from
    that (a helper's probe); a base inside output_dir (a checkpoint of it) could be rotated away mid-run."""
    from arapol.training import train

    model = tmp_path / "m"
    shutil.copytree(tiny_ner_model, model / "inner", ignore=shutil.ignore_patterns("checkpoints", "tiny-base"))
    weights = (model / "inner" / "model.safetensors").read_bytes()
    data = {"train": str(ROOT / "data/ner/dev.jsonl")}
    for base, out, word in ((model / "inner", model / "inner", "is"), (model / "inner", model, "holds")):
        cfg = config_from_dict({"task": "ner", "base_model": str(base), "output_dir": str(out), "data": data})
        with pytest.raises(ConfigError, match=rf"output_dir: {out} {word} the base model's folder \(base_model: "
                                              r".*\): training would overwrite the model it starts from"):
            train(cfg)
    assert (model / "inner" / "model.safetensors").read_bytes() == weights
    assert sorted(p.name for p in model.iterdir()) == ["inner"]


def test_ctrl_c_prints_one_line(monkeypatch, capsys):
    """One line, which says how the run resumes (it said nothing of it: a helper's probe)."""
    import arapol.training
    from arapol.cli import main

    def interrupted(cfg, resume, where):
        raise KeyboardInterrupt

    monkeypatch.setattr(arapol.training, "train", interrupted)
    assert main(["train", str(ROOT / "configs/ner_tiny.yaml")]) == 130
    assert capsys.readouterr().err == ("arapol: interrupted: the same command resumes from the last checkpoint saved, "
                                       "if any (--no-resume starts over)\n")
    assert main(["train", str(ROOT / "configs/ner_tiny.yaml"), "--no-resume"]) == 130
    assert capsys.readouterr().err == ("arapol: interrupted: the same command without --no-resume resumes from the "
                                       "last checkpoint saved, if any\n")

    def broken(cfg, resume, where):  # a pipe other than standard output's: an error, not a reader that stopped early
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(arapol.training, "train", broken)
    assert main(["train", str(ROOT / "configs/ner_tiny.yaml")]) == 2
    assert capsys.readouterr().err == "arapol: error: [Errno 32] Broken pipe\n"


def test_x_blocks_hold_anchors_and_are_no_settings(tmp_path):
    """A block defined only for a YAML anchor was refused as an unknown key (a helper's probe)."""
    cfg = load_config(write(tmp_path, "x-train: &t {learning_rate: 1.0e-3, seed: 7}\ntask: ner\n"
                                      "data: {train: a.jsonl}\ntraining: *t\n"))
    assert cfg.training == {"learning_rate": 1.0e-3, "seed": 7} and "x-train" not in cfg.to_dict()
    with pytest.raises(ConfigError, match=r"unknown key\(s\) \['y-train'\]"):
        load_config(write(tmp_path, "y-train: 1\ntask: ner\ndata: {train: a.jsonl}\n"))


def test_a_dev_split_without_entities_is_refused_before_training(tmp_path):
    """A dev file with no gold entity (or blank texts) scored entity F1 0 at every epoch, and the first epoch's
    model was kept as the best, with a warning that blamed the seed; blank dev texts crashed inside transformers
    (a helper's probe)."""
    from arapol.training.trainer import train

    dev = tmp_path / "dev.jsonl"
    dev.write_text('{"text": "قال الرئيس إن الهدنة صامدة", "entities": []}\n{"text": "   ", "entities": []}\n',
                   encoding="utf-8")
    cfg = load_config(ROOT / "configs/ner_tiny.yaml", {"output_dir": str(tmp_path / "out"), "data": {"dev": str(dev)}})
    with pytest.raises(DataError, match=r"dev.jsonl: data.dev holds no gold entity: its entity F1 is 0 at every "
                                        r"epoch, so it cannot choose the best one .*--set data.dev=null\)"):
        train(cfg)
    assert not list((tmp_path / "out").glob("checkpoints/checkpoint-*"))


def test_the_saved_config_lists_the_labels_the_model_was_trained_with(tiny_ner_model, tiny_stance_model):
    """A fresh user's audit: labels: [from_data] (or none, the defaults) was saved as written, so retraining from the
    saved config on edited data could give another label set; the model's labels are saved instead."""
    import yaml

    for folder, task in ((tiny_ner_model, "ner"), (tiny_stance_model, "stance")):
        saved = yaml.safe_load((folder / "training_config.yaml").read_text(encoding="utf-8"))["labels"]
        labels = json.loads((folder / "arapol.json").read_text(encoding="utf-8"))["labels"]
        assert saved and saved == (types_of(labels) if task == "ner" else labels)
        assert load_config(folder / "training_config.yaml", saved=True).resolved_labels() == saved


def test_training_on_several_targets_none_the_configs_warns(caplog):
    """A fresh user's audit: Mawqif's config names no target, so its model saved the default «وقف إطلاق النار»,
    never learned, and nothing said so; training now warns that the model will have no default target."""
    from arapol.checkpoint import default_target_of, learned_spelling
    from arapol.data import StanceExample
    from arapol.training import trainer as tr

    examples = [StanceExample("نص", t, "favor") for t in ("Covid Vaccine", "Women empowerment", "Covid Vaccine")]
    cfg = config_from_dict({"task": "stance", "data": {"train": "a.jsonl"}})

    def warn(config: object, examples: list) -> None:  # as training calls it
        learned = tr._train_targets(config, examples)["train_targets"]
        tr._warn_unlearned_target(config, learned, default_target_of(config.target, learned,
                                                                     learned_spelling(config.target, learned)))

    with caplog.at_level("WARNING", logger=tr.__name__):
        warn(cfg, examples)
    assert "target 'وقف إطلاق النار' is none of the 2 targets in the training data ('Covid Vaccine', " \
           "'Women empowerment'): the model will have no default target" in caplog.text
    caplog.clear()
    with caplog.at_level("WARNING", logger=tr.__name__):
        warn(config_from_dict({"task": "stance", "data": {"train": "a.jsonl"}, "target": "Covid Vaccine"}), examples)
        warn(cfg, examples[:1])  # one target: it is the default
        # its own target, spelled otherwise in the data: the learned spelling is the default (ModelInfo)
        warn(cfg, [StanceExample("نص", t, "favor") for t in ("وقف اطلاق النار", "التطبيع")])
    assert caplog.text == ""


def test_labels_without_a_training_example_are_warned_of(caplog):
    """A fresh user's audit: a stance file of one label trained a model that always says it, and an NER file without
    MISC a MISC tag never used, without a word; training now names the labels it has no example of."""
    from arapol.data import NerExample, StanceExample
    from arapol.labels import Span
    from arapol.training import trainer as tr

    stance = config_from_dict({"task": "stance", "data": {"train": "one.csv"}})
    ner = config_from_dict({"task": "ner", "data": {"train": "a.jsonl"}})
    with caplog.at_level("WARNING", logger=tr.__name__):
        tr._warn_unseen_labels(stance, ["favor", "against", "none"], [StanceExample("نص", "هدنة", "favor")] * 3)
        tr._warn_unseen_labels(ner, bio_labels(["PER", "ORG", "LOC", "MISC"]),
                               [NerExample("قال بوتين في موسكو", [Span(4, 9, "PER"), Span(13, 18, "LOC")])])
    assert re.search(r"stance label\(s\) 'against', 'none': no training example in \S*one.csv, so the model never "
                     r"learns to predict them \(it learns 'favor'\)", caplog.text)
    assert re.search(r"entity type\(s\) 'ORG', 'MISC': no training example in \S*a.jsonl, so the model never learns "
                     r"to predict them \(it learns 'PER', 'LOC'\)", caplog.text)
    caplog.clear()
    with caplog.at_level("WARNING", logger=tr.__name__):
        tr._warn_unseen_labels(stance, ["favor", "against"], [StanceExample("نص", "هدنة", lab)
                                                              for lab in ("favor", "against")])
    assert caplog.text == ""


def test_an_override_refused_from_python_names_no_command_line_flag(tmp_path, capsys):
    """``load_config(path, overrides)`` from Python (the notebook's way) blamed "the overrides (--set)", a flag its
    user never typed (a review); ``arapol train --set`` still names it."""
    from arapol.cli import main

    config = ROOT / "configs/ner_tiny.yaml"
    with pytest.raises(ConfigError, match=r"ner_tiny\.yaml with the overrides: training\.num_train_epochs") as info:
        load_config(config, {"training": {"num_train_epochs": 0}})
    assert "--set" not in str(info.value)
    assert main(["train", str(config), "--set", "training.num_train_epochs=0"]) == 2
    assert f"{config} with the overrides (--set): training.num_train_epochs" in capsys.readouterr().err


def test_a_text_only_model_records_the_targets_it_was_trained_on():
    """A text-only model trained on Mawqif's three targets recorded none, so its corpus runs took it as knowing one
    (``arapol.json``'s ``target``) and warned of or refused its own test split; they are recorded apart from
    ``train_targets``, which would make it a model that reads targets (a default target, unseen-target warnings)."""
    from arapol.checkpoint import ModelInfo
    from arapol.data import StanceExample
    from arapol.training import trainer as tr

    examples = [StanceExample("نص", t, "favor") for t in ("Covid Vaccine", "Women empowerment", "Covid Vaccine")]
    cfg = config_from_dict({"task": "stance", "data": {"train": "a.jsonl"}, "text_only": True})
    extra = tr._train_targets(cfg, examples)
    assert extra == {"text_only_targets": {"Covid Vaccine": 2, "Women empowerment": 1}}
    info = ModelInfo("stance", ["favor"], [], 8, 2, target="وقف إطلاق النار", text_only=True, extra=extra)
    assert info.text_only_targets == {"Covid Vaccine": 2, "Women empowerment": 1}
    assert info.learned_targets == {} and info.default_target == "وقف إطلاق النار"
