"""Shared fixtures: paths to the test resources, and tiny models trained once per session."""

from __future__ import annotations

import json
import os
import shutil
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


@pytest.fixture
def text_only_stance_model(tiny_stance_model, tmp_path) -> Path:
    """A copy of the tiny stance model marked as trained with ``text_only: true`` (it reads the text alone, toward
    the one target it was trained for: ``arapol.json``'s ``target``, recorded as training records a text-only
    model's targets)."""
    folder = tmp_path / "text-only"
    shutil.copytree(tiny_stance_model, folder, ignore=shutil.ignore_patterns("checkpoints", "tiny-base"))
    info = json.loads((folder / "arapol.json").read_text(encoding="utf-8"))
    extra = {k: v for k, v in info.get("extra", {}).items() if k != "train_targets"}
    extra["text_only_targets"] = {info["target"]: 1}
    (folder / "arapol.json").write_text(json.dumps({**info, "text_only": True, "extra": extra}, ensure_ascii=False),
                                        encoding="utf-8")
    return folder


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



def _sentencepiece_tokenizer():
    """A small Unigram tokenizer that reads as e5's (XLM-R's) does: a Metaspace word start, U+FFFD as the bare
    ``▁`` piece, NUL as ``▁`` + ``<unk>``, Arabic letters and digits as pieces of their own."""
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast

    letters = [chr(c) for c in range(0x621, 0x64B)] + list("0123456789؟.,،")
    pieces = [("<s>", 0.0), ("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0), ("▁", -3.0)]
    pieces += [("▁" + c, -4.0) for c in letters] + [(c, -4.0) for c in letters]
    backend = Tokenizer(models.Unigram(pieces, unk_id=3))
    backend.normalizer = normalizers.Replace("\ufffd", " ")  # e5 reads it as a bare ▁ piece
    backend.pre_tokenizer = pre_tokenizers.Metaspace()
    backend.post_processor = processors.TemplateProcessing(single="<s> $A </s>", pair="<s> $A </s> </s> $B </s>",
                                                           special_tokens=[("<s>", 0), ("</s>", 2)])
    return PreTrainedTokenizerFast(tokenizer_object=backend, unk_token="<unk>", cls_token="<s>", sep_token="</s>",
                                   pad_token="<pad>", bos_token="<s>", eos_token="</s>")


@pytest.fixture(scope="session")
def sentencepiece_tokenizer():
    return _sentencepiece_tokenizer()


def _with_sentencepiece_tokenizer(model: Path, out: Path) -> Path:
    """A copy of the model folder ``model`` that reads its texts through :func:`_sentencepiece_tokenizer` (its ids
    fit the tiny models' embeddings): the e5 tokenizer's ways, on a model small enough for the tests."""
    import shutil

    shutil.copytree(model, out, ignore=shutil.ignore_patterns("checkpoints", "onnx", "tokenizer*"))
    _sentencepiece_tokenizer().save_pretrained(out)
    return out


@pytest.fixture(scope="session")
def sentencepiece_ner_model(tiny_ner_model, tmp_path_factory) -> Path:
    """The tiny NER model reading through an e5-like SentencePiece tokenizer."""
    return _with_sentencepiece_tokenizer(tiny_ner_model, tmp_path_factory.mktemp("sp_ner") / "model")


@pytest.fixture(scope="session")
def sentencepiece_stance_model(tiny_stance_model, tmp_path_factory) -> Path:
    """The tiny stance model reading through an e5-like SentencePiece tokenizer."""
    return _with_sentencepiece_tokenizer(tiny_stance_model, tmp_path_factory.mktemp("sp_stance") / "model")
