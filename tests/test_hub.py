"""``arapol push``: the dry run catches every unfit folder; uploads go through a mocked ``HfApi`` (no network)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from types import SimpleNamespace
from unittest import mock

import pytest
import yaml

from arapol.checkpoint import ModelInfo, write_bundle
from arapol.cli import main
from arapol.errors import ConfigError
from arapol.export import export_model
from arapol.hub import HubError, push_folder, validate_folder
from arapol.model_card import split_front_matter


@pytest.fixture(scope="module")
def exported(tiny_stance_model, tmp_path_factory) -> Path:
    return export_model(tiny_stance_model, tmp_path_factory.mktemp("hub") / "stance-tiny", name="org/name")


@pytest.fixture()
def folder(exported, tmp_path) -> Path:
    """A fresh copy of the exported folder, for a test to spoil."""
    return Path(shutil.copytree(exported, tmp_path / "model"))


@pytest.fixture(autouse=True)
def no_login(tmp_path, monkeypatch):
    """No real token reaches any test: an empty HF_HOME and no HF_TOKEN."""
    monkeypatch.delenv("HF_TOKEN", raising=False)
    monkeypatch.delenv("HUGGING_FACE_HUB_TOKEN", raising=False)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("HF_OIDC_RESOURCE", raising=False)
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "HF_TOKEN_PATH", str(tmp_path / "hf-home" / "token"))


def test_dry_run_lists_the_files(exported, capsys):
    assert main(["push", str(exported), "--repo-id", "org/name", "--dry-run", "--private"]) == 0
    out = capsys.readouterr().out
    assert "would upload 9 files" in out and "org/name (private)" in out
    for name in ("model.safetensors", "config.json", "README.md", "tokenizer.json", "arapol.json",
                 "int8_calibration.safetensors"):
        assert f"  {name}  (" in out
    files, meta = validate_folder(exported)
    assert meta["pipeline_tag"] == "text-classification" and len(files) == 9


def _spoil_card(folder: Path, old: str, new: str) -> None:
    card = folder / "README.md"
    text = card.read_text(encoding="utf-8")
    assert old in text
    card.write_text(text.replace(old, new, 1), encoding="utf-8")


def _pickle(folder):
    (folder / "pytorch_model.bin").write_bytes(b"\x80\x04pickle")


def _no_weights(folder):
    (folder / "model.safetensors").unlink()


def _no_id2label(folder):
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    del config["id2label"], config["label2id"]
    (folder / "config.json").write_text(json.dumps(config), encoding="utf-8")


def _placeholder_labels(folder):
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    config["id2label"] = {str(i): f"LABEL_{i}" for i in range(3)}
    (folder / "config.json").write_text(json.dumps(config), encoding="utf-8")


def _bad_yaml(folder):
    _spoil_card(folder, "pipeline_tag: text-classification", "pipeline_tag: [text-classification")


def _no_front_matter(folder):
    (folder / "README.md").write_text("# a card without metadata\n", encoding="utf-8")


def _no_card(folder):
    (folder / "README.md").unlink()


def _scores_edited(folder):
    meta_value = json.loads((folder / "metrics.json").read_text(encoding="utf-8"))["test"]["accuracy"]
    _spoil_card(folder, f"value: {meta_value!r}", "value: 0.99")


def _model_index_mapping(folder):
    text = (folder / "README.md").read_text(encoding="utf-8")
    assert "model-index:\n- name:" in text
    (folder / "README.md").write_text(text.replace("model-index:\n- name:", "model-index:\n  name:")
                                      .replace("\n  results:", "\n  xresults:", 1), encoding="utf-8")


def _stray_file(folder):
    (folder / "notes.txt").write_bytes(b"x" * 20_000)


def _checkpoints(folder):
    (folder / "checkpoints" / "checkpoint-1").mkdir(parents=True)
    (folder / "checkpoints" / "checkpoint-1" / "trainer_state.json").write_text("{}", encoding="utf-8")


def _no_config(folder):
    (folder / "config.json").unlink()


def _no_info(folder):
    (folder / "arapol.json").unlink()


def _no_tokenizer(folder):
    for name in ("tokenizer.json", "vocab.txt"):
        (folder / name).unlink(missing_ok=True)


def _truncated_weights(folder):
    path = folder / "model.safetensors"
    path.write_bytes(path.read_bytes()[:100])


def _labels_disagree(folder):
    info = json.loads((folder / "arapol.json").read_text(encoding="utf-8"))
    info["labels"] = list(reversed(info["labels"]))
    (folder / "arapol.json").write_text(json.dumps(info), encoding="utf-8")


def _no_metrics(folder):
    (folder / "metrics.json").unlink()


def _onnx_copy(folder):  # what arapol.load(folder, backend="onnx") writes (a helper's probe)
    (folder / "onnx").mkdir()
    (folder / "onnx" / "model.onnx").write_bytes(b"onnx")


def _one_layer_fewer(folder):  # the model loads what config.json describes and leaves the rest unused
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    config["num_hidden_layers"] -= 1
    (folder / "config.json").write_text(json.dumps(config), encoding="utf-8")


def _head_of_other_shapes(folder):  # another model's weights: every loader fails on them
    from safetensors.torch import load_file, save_file

    weights = load_file(folder / "model.safetensors")
    for name in ("classifier.weight", "classifier.bias"):
        weights[name] = weights[name][:2]
    save_file(weights, folder / "model.safetensors", metadata={"format": "pt"})


def _id2label_list(folder):  # transformers loads it; validation raised AttributeError (a helper's probe)
    conf = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    conf["id2label"] = [conf["id2label"][str(i)] for i in range(len(conf["id2label"]))]
    (folder / "config.json").write_text(json.dumps(conf), encoding="utf-8")


def _bytes_in(name):  # not UTF-8: a traceback (a helper's probe)
    def spoil(folder):
        (folder / name).write_bytes(b"\xff\xfe{}")
    return spoil


@pytest.mark.parametrize(("spoil", "message"), [
    (_bytes_in("README.md"), r"README.md: not UTF-8 text \(byte 0\): a damaged file\?"),
    (_bytes_in("config.json"), r"config.json: not UTF-8 text \(byte 0\): a damaged file\?"),
    (_bytes_in("inference.json"), r"inference.json: not UTF-8 text \(byte 0\): a damaged file\?"),
    (_bytes_in("training_config.yaml"), r"training_config.yaml: not UTF-8 text \(byte 0\): a damaged file\?"),
    (_id2label_list, r"config.json: id2label must be an object .*found list"),
    (_pickle, "pytorch_model.bin: weights must be safetensors only"),
    (_no_weights, "no model weights"),
    (_no_id2label, "config.json: no id2label"),
    (_placeholder_labels, "placeholder names"),
    (_no_config, "no config.json"),
    (_no_info, "no arapol.json"),
    (_no_tokenizer, "no tokenizer files"),
    (_truncated_weights, "model.safetensors: not a readable safetensors file"),
    (_labels_disagree, "does not match the labels in arapol.json"),
    (_no_metrics, "the card reports scores but metrics.json is missing"),
    (_bad_yaml, "not valid YAML"),
    (_no_front_matter, "no YAML front matter"),
    (_no_card, r"no model card \(README.md\)"),
    (_scores_edited, "model-index scores differ from metrics.json"),
    (_model_index_mapping, "cannot compare the card's scores"),
    (_stray_file, r"notes.txt: a stray file of 0.0 MB \(limit 0.01 MB\)"),
    (_checkpoints, r"checkpoints/ \(1 files\): training state"),
    (_onnx_copy, r"onnx/ \(1 files\): arapol's ONNX Runtime copy of the model, .*: delete onnx/ and push again"),
    (_one_layer_fewer, r"arapol.load would refuse it: .*weights in the file that the model config.json describes "
                       r"does not use \(e.g. \['bert.encoder.layer.1."),
    (_head_of_other_shapes, r"arapol.load would refuse it: .*model.safetensors: 2 tensors of other shapes than "
                            r"config.json gives them \(classifier.bias \(2,\) in the file, \(3,\) by config.json"),
])
def test_dry_run_catches_each_unfit_folder(folder, spoil, message, capsys):
    spoil(folder)
    with pytest.raises(HubError, match=message):
        push_folder(folder, "org/name", dry_run=True, max_file_mb=0.01)
    assert main(["push", str(folder), "--repo-id", "org/name", "--dry-run", "--max-file-mb", "0.01"]) == 2
    assert "not ready to publish" in capsys.readouterr().err


def test_a_small_extra_file_is_fine_and_hidden_files_are_skipped(folder):
    (folder / "notes.txt").write_text("how this model was made", encoding="utf-8")
    (folder / ".cache").mkdir()
    (folder / ".cache" / "big").write_bytes(b"x" * 100)
    files, _ = validate_folder(folder)
    assert "notes.txt" in {f.path for f in files} and not [f for f in files if f.path.startswith(".")]


def test_bundles_and_bad_repo_ids_are_refused(exported, tmp_path):
    bundle = tmp_path / "bundle"
    shutil.copytree(exported, bundle / "st")
    write_bundle(bundle, {"stance": "st"})
    with pytest.raises(HubError) as refused:  # its own sub-folder named, not a literal OUT/ner (a review)
        push_folder(bundle, "org/name", dry_run=True)
    assert f"sub-folders (st/); a hub repository holds one model: push each sub-folder (e.g. {bundle / 'st'})" in str(
        refused.value)
    # spaces passed (a helper's probe); so did ids the hub refuses, and a real push died on them in a traceback
    for repo_id in ("name", "a/b/c", "/name", "my org/x y", "org/a..b", "org/name-", "org/model.", "org/name.git",
                    "org-/name", "org./name"):
        with pytest.raises(HubError, match="expected ORG/NAME"):
            push_folder(exported, repo_id, dry_run=True)
    # ner/ and stance/ side by side without an arapol.json (arapol.load takes them): named as such, not as a folder
    # lacking every file of a model
    pair = tmp_path / "pair"
    shutil.copytree(exported, pair / "stance")
    with pytest.raises(HubError, match=r"holds its models in task sub-folders \(stance/\).*push each sub-folder"):
        push_folder(pair, "org/name", dry_run=True)


def _card_metadata_edited(folder, edit):
    text = (folder / "README.md").read_text(encoding="utf-8")
    meta, body = split_front_matter(text)
    edit(meta)
    (folder / "README.md").write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n"
                                      + body, encoding="utf-8")


def test_a_card_that_leaves_out_scores_is_refused(folder, tmp_path):
    """Comparing only the scores a card gives let one that dropped a metric, or its whole model-index, through (the
    diff review's probe)."""
    shutil.copytree(folder, tmp_path / "whole")
    _card_metadata_edited(folder, lambda meta: meta["model-index"][0]["results"][0]["metrics"].pop())
    with pytest.raises(HubError, match=r"model-index scores differ from metrics.json \(test .* \(missing\)\)"):
        validate_folder(folder)
    _card_metadata_edited(tmp_path / "whole", lambda meta: meta.pop("model-index"))
    with pytest.raises(HubError, match=r"\(missing\)"):
        validate_folder(tmp_path / "whole")


def test_a_card_publishing_a_split_missing_classes_is_refused(folder):
    """A card written before splits missing classes were left out of the metadata publishes their inflated score:
    refused until the card is written again."""
    from arapol.model_card import write_model_card

    metrics = json.loads((folder / "metrics.json").read_text(encoding="utf-8"))
    metrics["test"]["absent"] = ["none"]
    (folder / "metrics.json").write_text(json.dumps(metrics), encoding="utf-8")
    with pytest.raises(HubError, match=r"model-index scores differ from metrics.json \(test Accuracy \(none to "
                                       r"publish\), test F1 \(macro over classes\) \(none to publish\)\)"):
        validate_folder(folder)
    write_model_card(folder)
    validate_folder(folder)


def test_a_card_is_checked_against_metrics_without_the_training_config(folder):
    """Without training_config.yaml (which names the data) a card whose scores equal metrics.json was said to
    differ from it (a helper's probe); a wrong score is still caught, and named."""
    (folder / "training_config.yaml").unlink()
    validate_folder(folder)
    _scores_edited(folder)
    with pytest.raises(HubError, match=r"model-index scores differ from metrics.json \(test Accuracy\)"):
        validate_folder(folder)


def _not_found():
    import httpx2
    from huggingface_hub.errors import RepositoryNotFoundError

    response = httpx2.Response(404, request=httpx2.Request("GET", "https://huggingface.co/api/models/org/name"))
    return RepositoryNotFoundError("404 not found", response=response)


def test_push_creates_the_repo_and_uploads_the_listed_files(exported):
    api = mock.MagicMock()
    api.model_info.side_effect = _not_found()
    api.upload_folder.return_value = SimpleNamespace(commit_url="https://huggingface.co/org/name/commit/abc")
    result = push_folder(exported, "org/name", private=True, revision="v1", token="hf_test", api=api)
    api.create_repo.assert_called_once_with("org/name", token="hf_test", private=True, repo_type="model",
                                            exist_ok=True)
    api.create_branch.assert_called_once_with("org/name", branch="v1", token="hf_test", repo_type="model",
                                              exist_ok=True)
    kwargs = api.upload_folder.call_args.kwargs
    assert kwargs["repo_id"] == "org/name" and kwargs["revision"] == "v1" and kwargs["folder_path"] == str(exported)
    assert sorted(kwargs["allow_patterns"]) == sorted(f.path for f in result.files)
    assert result.url.endswith("/commit/abc") and not result.dry_run


def test_a_push_replaces_the_model_files_of_an_earlier_one(exported):
    """Top-level model files of an earlier push that this folder lacks (a calibration, a saved mode) go in the same
    commit, as huggingface_hub selects them; other files and sub-folders stay (its ``*`` matches ``/``, so each
    pattern is a file's exact name). An upload the hub refuses after the repository was created says that it was."""
    from huggingface_hub.utils import filter_repo_objects

    api = mock.MagicMock()
    api.model_info.return_value = SimpleNamespace(pipeline_tag="text-classification", private=False)
    stale = {"model-00001-of-00002.safetensors", "model.safetensors.index.json", "inference.json", "vocab.txt"}
    kept = {"onnx/model.safetensors", "extras/sentencepiece.model", "eval/errors.md", "notes.txt", ".gitattributes"}
    api.list_repo_files.return_value = sorted(stale | kept | {"config.json", "model.safetensors"})
    result = push_folder(exported, "org/name", token="hf_test", api=api)
    assert not stale & {f.path for f in result.files}
    remote = set(api.list_repo_files.return_value)
    assert set(filter_repo_objects(remote, allow_patterns=api.upload_folder.call_args.kwargs["delete_patterns"])) \
        == stale

    api = mock.MagicMock()
    api.model_info.side_effect = _not_found()  # a new repository: nothing to delete, nothing listed
    push_folder(exported, "org/name", token="hf_test", api=api)
    assert api.upload_folder.call_args.kwargs["delete_patterns"] is None and not api.list_repo_files.called
    api.upload_folder.side_effect = ValueError("Invalid metadata in README.md.\n- \"license\" is invalid")
    with pytest.raises(HubError, match=r"(?s)refused the upload to 'org/name': Invalid metadata.*this push created "
                                       r"org/name, which stays empty"):
        push_folder(exported, "org/name", token="hf_test", api=api)
    api.model_info.side_effect = None
    api.model_info.return_value = SimpleNamespace(pipeline_tag="text-classification", private=False)
    api.list_repo_files.return_value = []
    with pytest.raises(HubError, match=r"refused the upload") as err:  # an existing repository: nothing to say
        push_folder(exported, "org/name", token="hf_test", api=api)
    assert "created" not in str(err.value)


def test_push_patterns_match_each_listed_file_and_nothing_else(folder):
    """The upload filters by pattern: a file named ``*`` or ``a[1].txt`` must stand for itself (``*`` would let
    hidden files such as ``.env`` through, ``a[1].txt`` would match no file)."""
    from fnmatch import fnmatch

    for name in ("*", "a[1].txt", "why?.md"):
        (folder / name).write_text("x", encoding="utf-8")
    (folder / ".env").write_text("SECRET=1", encoding="utf-8")
    api = mock.MagicMock()
    api.model_info.return_value = SimpleNamespace(pipeline_tag="text-classification", private=False)
    result = push_folder(folder, "org/name", token="hf_test", api=api)
    patterns = api.upload_folder.call_args.kwargs["allow_patterns"]
    for path in [f.path for f in result.files] + [".env"]:
        assert any(fnmatch(path, p) for p in patterns) is (path != ".env"), path


def test_push_to_an_existing_repo(exported):
    api = mock.MagicMock()
    api.model_info.return_value = SimpleNamespace(pipeline_tag="text-classification", private=False)
    push_folder(exported, "org/name", token="hf_test", api=api)
    api.create_repo.assert_not_called()
    api.create_branch.assert_not_called()
    assert api.upload_folder.call_args.kwargs["revision"] is None
    api.model_info.return_value = SimpleNamespace(pipeline_tag="token-classification", private=False)
    with pytest.raises(HubError, match="already holds a token-classification model.*another --repo-id"):
        push_folder(exported, "org/name", token="hf_test", api=api)
    api.model_info.return_value = SimpleNamespace(pipeline_tag="text-classification", private=False)
    with pytest.raises(HubError, match="exists and is public"):
        push_folder(exported, "org/name", private=True, token="hf_test", api=api)
    assert api.upload_folder.call_count == 1


def test_push_errors_say_what_to_do(exported, monkeypatch):
    with pytest.raises(HubError, match="no Hugging Face token: run `hf auth login`"):
        push_folder(exported, "org/name")
    with mock.patch("huggingface_hub.HfApi") as cls:
        assert main(["push", str(exported), "--repo-id", "org/name"]) == 2
        cls.assert_not_called()
    import httpx2
    from huggingface_hub.errors import HfHubHTTPError

    api = mock.MagicMock()
    api.model_info.side_effect = _not_found()
    response = httpx2.Response(403, request=httpx2.Request("POST", "https://huggingface.co/api/repos/create"))
    api.create_repo.side_effect = HfHubHTTPError("403 Forbidden", response=response)
    with pytest.raises(HubError, match="may not write to 'org/name'.*write access"):
        push_folder(exported, "org/name", token="hf_test", api=api)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(HubError, match="HF_HUB_OFFLINE"):
        push_folder(exported, "org/name", token="hf_test", api=mock.MagicMock())


def test_no_network_is_a_clear_error(exported):
    import httpx2

    api = mock.MagicMock()
    api.model_info.side_effect = httpx2.ConnectError("[Errno -2] Name or service not known")
    with pytest.raises(HubError, match="cannot reach the hub to push to 'org/name'.*--dry-run"):
        push_folder(exported, "org/name", token="hf_test", api=api)
    api.model_info.side_effect = ValueError("a local problem, not the network")  # surfaces as itself
    with pytest.raises(ValueError, match="a local problem"):
        push_folder(exported, "org/name", token="hf_test", api=api)


def test_a_card_written_for_another_name_is_not_pushed(tiny_ner_model, tiny_stance_model, tmp_path):
    local = export_model(tiny_stance_model, tmp_path / "stance-local")  # the card names "stance-local"
    with pytest.raises(HubError, match="does not name 'org/name'.*--name org/name`"):
        push_folder(local, "org/name", dry_run=True)
    # a task of a folder with both tasks exported whole: its card names NAME-ner, and the way out is --task
    bundle = tmp_path / "both"
    for task, src in (("ner", tiny_ner_model), ("stance", tiny_stance_model)):
        shutil.copytree(src, bundle / task, ignore=shutil.ignore_patterns("checkpoints", "tiny-base"))
    write_bundle(bundle, {"ner": "ner", "stance": "stance"})
    both = export_model(bundle, tmp_path / "both-out", name="org/name")
    assert push_folder(both / "ner", "org/name-ner", dry_run=True).repo_id == "org/name-ner"
    with pytest.raises(HubError, match=r"--task ner --name org/name` \(a folder with both tasks exported whole names"):
        push_folder(both / "ner", "org/name", dry_run=True)
    card = (tmp_path / "named").joinpath("README.md")
    export_model(tiny_stance_model, tmp_path / "named", name="org/name")
    text = card.read_text(encoding="utf-8")
    # the card's arapol snippet loads the repository by its id, as stock transformers does
    assert 'arapol.load("org/name")' in text and 'from_pretrained("org/name")' in text
    assert push_folder(tmp_path / "named", "org/name", dry_run=True).dry_run


@pytest.fixture()
def fake_hub(tmp_path, monkeypatch):
    """``huggingface_hub.snapshot_download`` serving ``repos`` (id → local model folder) from a fake cache, one
    snapshot folder per revision, as the real one does; ``calls`` records what was asked."""
    import huggingface_hub

    hub = SimpleNamespace(repos={}, calls=[])

    def snapshot_download(repo_id, revision=None, **kwargs):
        hub.calls.append((repo_id, revision))
        if repo_id not in hub.repos:
            raise RuntimeError(f"404 Client Error: Repository Not Found for url: https://huggingface.co/{repo_id}")
        snapshot = tmp_path / "hub-cache" / repo_id.replace("/", "--") / (revision or "main")
        if not snapshot.exists():
            shutil.copytree(hub.repos[repo_id], snapshot)
        return str(snapshot)

    monkeypatch.setattr(huggingface_hub, "snapshot_download", snapshot_download)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", False)  # "online", to this fake hub only
    monkeypatch.chdir(tmp_path)  # no local folder named like the repositories' owners
    return hub


def test_a_hub_repository_id_loads_from_the_hub(fake_hub, tiny_ner_model, tiny_stance_model, capsys, caplog):
    import arapol

    fake_hub.repos["acme/arapol-ner"] = tiny_ner_model
    fake_hub.repos["acme/arapol-stance"] = tiny_stance_model
    texts = ["التقى بوتين وأردوغان في موسكو", "رحبت دمشق بالهدنة في حلب"]
    local = arapol.load(tiny_ner_model, tiny_stance_model).predict(texts)
    assert local[0]["entities"] and local[0]["stance"]  # something to compare
    fetched = arapol.load("acme/arapol-ner", "acme/arapol-stance", revision="v1")
    assert fake_hub.calls == [("acme/arapol-ner", "v1"), ("acme/arapol-stance", "v1")]
    assert "acme/arapol-ner: no local folder of that name; loading the hub repository 'acme/arapol-ner' at " \
           "revision 'v1'" in caplog.text  # a mistyped local path fetched from the hub is said
    assert fetched.predict(texts) == local
    fake_hub.calls.clear()
    for _ in range(2):  # the one-line form fetches once, then reuses the loaded model
        assert arapol.predict(texts[0], model="acme/arapol-ner")["entities"] == local[0]["entities"]
    assert fake_hub.calls == [("acme/arapol-ner", None)]
    assert main(["predict", "acme/arapol-ner", "--revision", "v2", "--text", texts[0]]) == 0
    assert json.loads(capsys.readouterr().out)["entities"] == local[0]["entities"]
    assert fake_hub.calls[-1] == ("acme/arapol-ner", "v2")


def test_a_local_folder_named_like_a_hub_id_is_not_fetched(fake_hub, tiny_ner_model, tmp_path):
    import arapol
    from arapol.errors import ModelError

    shutil.copytree(tiny_ner_model, tmp_path / "acme" / "arapol-ner")
    assert arapol.load("acme/arapol-ner").predict("بوتين في موسكو")["entities"]
    assert fake_hub.calls == []
    with pytest.raises(ModelError, match=r"acme/arapol-ner: revision='v1' is for a hub repository id"):
        arapol.load("acme/arapol-ner", revision="v1")


def test_a_repository_that_cannot_be_had_is_named_with_the_reason(fake_hub):
    import arapol
    from arapol.errors import ModelError

    with pytest.raises(ModelError, match=r"acme/missing: no such local folder, and the hub repository "
                                         r"'acme/missing' at revision 'v3' could not be had \(RuntimeError: 404 "
                                         r"Client Error: Repository Not Found .*\); check the name and the network"):
        arapol.load("acme/missing", revision="v3")
    assert main(["predict", "acme/missing", "--text", "نص"]) == 2


def test_a_hub_model_is_evaluated_with_its_reports_outside_the_cache(fake_hub, tiny_ner_model, resources, capsys):
    fake_hub.repos["acme/arapol-ner"] = tiny_ner_model
    assert main(["evaluate", "acme/arapol-ner", str(resources / "ner_good.jsonl"), "--no-plot"]) == 0
    out = Path("eval") / "acme--arapol-ner" / "resources-ner_good"
    scores = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert scores["task"] == "ner" and scores["n_examples"] > 0 and f"wrote {out / 'metrics.json'}" in \
        capsys.readouterr().out
    assert fake_hub.calls == [("acme/arapol-ner", None)]
    assert not list((Path("hub-cache")).rglob("eval"))  # nothing written into the cache


def test_a_pushed_model_is_told_how_to_load(exported, monkeypatch, capsys):
    monkeypatch.setenv("HF_TOKEN", "hf_test")
    with mock.patch("huggingface_hub.HfApi") as cls:
        api = cls.return_value
        api.model_info.side_effect = _not_found()
        api.upload_folder.return_value = SimpleNamespace(commit_url="https://huggingface.co/org/name/commit/abc")
        assert main(["push", str(exported), "--repo-id", "org/name", "--revision", "v1"]) == 0
    out = capsys.readouterr().out
    assert "uploaded" in out and "load it with arapol.load('org/name', revision='v1') or `arapol predict org/name " \
        "--revision v1`" in out


@pytest.mark.parametrize("command", [["export", "org/name", "out"], ["calibrate", "org/name", "texts.txt"]])
def test_commands_for_local_folders_point_a_hub_id_to_its_download(command, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "texts.txt").write_text("نص\n", encoding="utf-8")
    assert main(command) == 2
    assert "org/name: no such folder (if 'org/name' is a model on the hub" in capsys.readouterr().err


def test_links_and_access_tokens_are_never_published(folder, tmp_path):
    secret = tmp_path / "id_rsa"
    secret.write_text("PRIVATE KEY", encoding="utf-8")
    (folder / "notes.txt").symlink_to(secret)
    (folder / "extra.yaml").write_text("hub_token: hf_" + "a1B2" * 9 + "\n", encoding="utf-8")
    with pytest.raises(HubError) as err:
        validate_folder(folder)
    assert f"notes.txt: a symbolic link (to {secret})" in str(err.value)
    assert "extra.yaml: holds what looks like a Hugging Face access token" in str(err.value)
    # a log, a script or a notebook was not searched (a helper's probe): any file that is not large weights is
    for name in ("train.log", "push.sh", "upload.py", "demo.ipynb"):
        (folder / name).write_text(f"login('hf_{'a1B2' * 9}')\n", encoding="utf-8")
    with pytest.raises(HubError) as err:
        validate_folder(folder)
    for name in ("train.log", "push.sh", "upload.py", "demo.ipynb"):
        assert f"{name}: holds what looks like a Hugging Face access token" in str(err.value)


@pytest.mark.parametrize("value", ["nan", "-1", "0", "inf", "ten"])
def test_a_size_limit_must_be_a_size(folder, value, capsys):
    """``--max-file-mb nan`` let every file through, ``-1`` refused every one (a helper's probe)."""
    with pytest.raises(SystemExit):
        main(["push", str(folder), "--repo-id", "org/name", "--dry-run", "--max-file-mb", value])
    assert f"expected a size in MB above 0, got {value}" in capsys.readouterr().err


def test_a_bad_saved_mode_is_caught_before_publishing(folder):
    (folder / "inference.json").write_text('{"dtype": "int4"}', encoding="utf-8")
    with pytest.raises(HubError, match=r"inference.json: unknown dtype 'int4'.*arapol.load would refuse it"):
        validate_folder(folder)


def test_a_training_token_is_neither_saved_nor_exported_nor_shown(tmp_path):
    from arapol.config import load_config, save_config
    from arapol.export import _sanitised_config
    from arapol.model_card import _hyperparameters

    token = "hf_" + "x9Y8" * 9
    config = Path(__file__).resolve().parents[1] / "configs/ner_tiny.yaml"
    with pytest.raises(ConfigError, match=r"training.hub_token: a credential does not belong in a config file"):
        load_config(config, {"training": {"hub_token": token}})
    cfg = load_config(config, {"training": {"average_tokens_across_devices": False}})
    cfg.training["hub_token"] = token  # set after validation, in Python
    save_config(cfg, tmp_path / "saved.yaml")
    saved = (tmp_path / "saved.yaml").read_text(encoding="utf-8")
    assert token not in saved and "average_tokens_across_devices: false" in saved  # only credentials go
    old = tmp_path / "old.yaml"  # a folder saved before tokens were left out
    old.write_text(f"task: ner\ntraining:\n  hub_token: {token}\n  seed: 13\n", encoding="utf-8")
    assert _sanitised_config(old, ModelInfo("ner", ["O"], [], 256, 64))["training"] == {"seed": 13}
    assert token not in _hyperparameters(SimpleNamespace(training={"training": {"hub_token": token, "seed": 13}}))


def test_a_folder_without_its_tokenizer_config_is_refused(tiny_ner_model, tmp_path):
    """Without tokenizer_config.json transformers read tokenizer.json as a BERT tokenizer that split Arabic words
    into letters: every prediction changed without a word, and push would publish it (a helper's probe)."""
    import arapol
    from arapol.errors import ModelError

    out = export_model(tiny_ner_model, tmp_path / "ner", name="org/name")
    (out / "tokenizer_config.json").unlink()
    with pytest.raises(ModelError, match=r"ner: no tokenizer_config.json: without it transformers reads the "
                                         r"tokenizer files as another tokenizer"):
        arapol.load(out)
    with pytest.raises(HubError, match=r"no tokenizer_config.json: without it transformers reads the tokenizer "
                                       r"files as another tokenizer"):
        push_folder(out, "org/name", dry_run=True)


def test_a_folder_that_lost_its_tokenizer_json_is_refused_not_read_from_vocab_txt(tiny_ner_model, tmp_path):
    """With tokenizer.json gone and a vocab.txt beside it (a folder copied in part, or a hub repository with the
    older files), transformers rebuilt a BERT tokenizer from vocab.txt that strips the hamza (أكدت → ا ##ك ...):
    the model loaded and its entities changed without a word (a closing note's item)."""
    import json

    import arapol
    from arapol.errors import ModelError

    out = export_model(tiny_ner_model, tmp_path / "ner", name="org/name")
    vocab = json.loads((out / "tokenizer.json").read_text(encoding="utf-8"))["model"]["vocab"]
    (out / "vocab.txt").write_text("".join(f"{piece}\n" for piece in sorted(vocab, key=vocab.get)), encoding="utf-8")
    arapol.load(out)  # both files: tokenizer.json is read
    config = json.loads((out / "tokenizer_config.json").read_text(encoding="utf-8"))
    assert config["backend"] == "tokenizers"
    (out / "tokenizer_config.json").write_text(json.dumps({**config, "tokenizer_class": "BertTokenizer"}),
                                               encoding="utf-8")
    (out / "tokenizer.json").unlink()
    with pytest.raises(ModelError, match=r"ner: no tokenizer.json, which its tokenizer_config.json says the tokenizer "
                                         r"was saved as"):
        arapol.load(out)
    with pytest.raises(HubError, match=r"no tokenizer.json, which its tokenizer_config.json says"):
        push_folder(out, "org/name", dry_run=True)


def test_evaluate_reports_inside_an_export_are_not_pushed(tiny_ner_model, tmp_path):
    """``arapol evaluate EXPORT FILE`` writes its reports into EXPORT/eval/, naming the data by its absolute path:
    push would have uploaded them (a helper's probe)."""
    out = export_model(tiny_ner_model, tmp_path / "ner", name="org/name")
    test = Path(__file__).resolve().parents[1] / "data/ner/test.jsonl"
    assert main(["evaluate", str(out), str(test), "--no-plot"]) == 0
    assert (out / "eval").is_dir()
    with pytest.raises(HubError, match=r"eval/ \(\d+ files\): reports of `arapol evaluate`, which name data files"):
        push_folder(out, "org/name", dry_run=True)


def test_label_mismatch_names_what_differs():
    """One check serves loading and publishing: the labels in order, string keys as config.json holds them."""
    from arapol.inference.loading import label_mismatch

    assert label_mismatch({"0": "O", "1": "B-PER"}, ["O", "B-PER"]) is None
    assert label_mismatch({1: "B-PER", 0: "O"}, ["O", "B-PER"]) is None
    assert "does not match the labels in arapol.json ['O', 'B-LOC']" in label_mismatch({"0": "O", "1": "B-PER"},
                                                                                       ["O", "B-LOC"])
    assert "no label indices: ['zero']" in label_mismatch({"zero": "O"}, ["O"])
