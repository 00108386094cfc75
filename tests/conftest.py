"""Shared fixtures: paths to the test resources, and tiny models trained once per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
# The tiny test models gain nothing from a second thread, and threads that wait on a busy core slow
# every step; subprocesses (kill tests, accelerate) inherit this too.
os.environ.setdefault("OMP_NUM_THREADS", "1")
# Nothing in the tests may reach the hub: a hub id is looked up in the (empty) cache only.
os.environ["HF_HUB_OFFLINE"] = "1"

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = Path(__file__).parent / "resources"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def resources() -> Path:
    return RESOURCES


@pytest.fixture(scope="session")
def table():
    """The bundled actor alias table (read once)."""
    from arapol.actors import default_actor_table

    return default_actor_table()


def _train(config: str, out: Path, epochs: int | None = None) -> Path:
    from arapol.cli import main

    args = ["train", str(ROOT / "configs" / config), "--set", f"output_dir={out}"]
    if epochs is not None:
        args += ["--set", f"training.num_train_epochs={epochs}"]
    assert main(args) == 0
    return out


@pytest.fixture(scope="session")
def tiny_ner_model(tmp_path_factory) -> Path:
    """The tiny NER model trained through the real ``arapol train`` path on the bundled corpus."""
    return _train("ner_tiny.yaml", tmp_path_factory.mktemp("ner") / "model")


@pytest.fixture(scope="session")
def tiny_stance_model(tmp_path_factory) -> Path:
    """The tiny stance model trained through ``arapol train`` on the bundled stance corpus."""
    return _train("stance_tiny.yaml", tmp_path_factory.mktemp("stance") / "model")


def assert_valid_spans(text: str, items: list[dict]) -> None:
    """The span contract: inside the text, exact, sorted, non-overlapping."""
    prev_end = 0
    for it in items:
        assert 0 <= it["start"] < it["end"] <= len(text), it
        assert text[it["start"]:it["end"]] == it["text"], it
        assert it["start"] >= prev_end, (it, prev_end)
        prev_end = it["end"]


@pytest.fixture(scope="session")
def check_spans():
    return assert_valid_spans
