"""A tiny randomly initialised BERT with a WordPiece vocabulary built from the given texts.

It learns the bundled corpus in seconds on a CPU: the model for tests, smoke runs and CI, never
for real use (``base_model: tiny:bert`` in a config).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import torch
from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

from ..errors import ModelError

SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def bert_fast_tokenizer(tok: Tokenizer, **kwargs) -> PreTrainedTokenizerFast:
    """Wrap a WordPiece ``tok`` (vocabulary holding :data:`SPECIALS`) as a BERT-style fast tokenizer:
    ``[CLS] A [SEP] (B [SEP])`` with segment ids, WordPiece decoding and the special tokens set."""
    ids = {s: tok.token_to_id(s) for s in SPECIALS}
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", ids["[CLS]"]), ("[SEP]", ids["[SEP]"])])
    tok.decoder = decoders.WordPiece()
    return PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]",
                                   sep_token="[SEP]", mask_token="[MASK]", **kwargs)


def build_tiny_bert(out: str | Path, texts: Iterable[str], *, vocab_size: int = 4000, hidden: int = 64,
                    layers: int = 2, heads: int = 2, seed: int = 13) -> Path:
    """Build a WordPiece vocabulary from ``texts`` and save it with a random ``BertModel`` into ``out``.

    The vocabulary is deterministic (the ``tokenizers`` trainer breaks frequency ties differently from
    run to run): the special tokens, every character (alone and as a ``##`` continuation), then the
    most frequent words, ties broken alphabetically. Unknown words fall back to characters.
    """
    normalizer = normalizers.BertNormalizer(clean_text=True, strip_accents=False, lowercase=False)
    pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(w for w, _ in pre_tokenizer.pre_tokenize_str(normalizer.normalize_str(text)))
    chars = sorted({c for w in counts for c in w})
    vocab_list = SPECIALS + chars + [f"##{c}" for c in chars]
    words = sorted((w for w in counts if len(w) > 1), key=lambda w: (-counts[w], w))
    vocab_list += words[: max(0, vocab_size - len(vocab_list))]
    tok = Tokenizer(models.WordPiece(vocab={t: i for i, t in enumerate(vocab_list)}, unk_token="[UNK]"))
    tok.normalizer = normalizer
    tok.pre_tokenizer = pre_tokenizer
    fast = bert_fast_tokenizer(tok)
    if len(fast) < 50:
        raise ModelError(f"the tiny tokenizer learned only {len(fast)} pieces: too little training text")
    torch.manual_seed(seed)
    config = BertConfig(vocab_size=len(fast), hidden_size=hidden, num_hidden_layers=layers, num_attention_heads=heads,
                        intermediate_size=hidden * 2, max_position_embeddings=512, pad_token_id=fast.pad_token_id)
    out = Path(out)
    BertModel(config).save_pretrained(out)
    fast.save_pretrained(out)
    return out
