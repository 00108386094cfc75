"""Training features: examples → model inputs with labels (NER windows, stance pair windows)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..alignment import EncodedText, WordEncoder, window_labels
from ..data import NerExample, StanceExample
from ..inference.stance import encode_pairs
from ..labels import spans_to_tags
from ..text import Normalised, Normaliser, words_covering


def gold_word_tags(example: NerExample, norm: Normalised, encoded: EncodedText) -> list[str]:
    """IOB2 tags of an example's words in its normalised text ``norm``, from its character spans."""
    spans = [(*norm.from_original(s.start, s.end), s.label) for s in example.spans]
    return spans_to_tags(len(encoded.words), words_covering(encoded.words, spans))


def ner_features(examples: Sequence[NerExample], encoder: WordEncoder, normaliser: Normaliser,
                 label2id: dict[str, int]) -> list[dict[str, list[int]]]:
    """One feature per window: ``input_ids`` and ``labels`` (first piece of each owned word)."""
    norms = [normaliser(e.text) for e in examples]
    encoded = encoder.encode([n.text for n in norms])
    feats = []
    for ex, norm, enc in zip(examples, norms, encoded):
        ids = [label2id[t] for t in gold_word_tags(ex, norm, enc)]
        for w in encoder.windows(enc):
            feats.append({"input_ids": w.input_ids, "labels": window_labels(w, ids)})
    return feats


def aux_label_sets(examples: Sequence[StanceExample], names: Sequence[str]) -> dict[str, list[str]]:
    """Each auxiliary task's labels (sorted), as the training examples use them; tasks in name order (the
    order of the model's heads)."""
    return {name: sorted({e.aux[name] for e in examples}) for name in sorted(names)}


def stance_features(examples: Sequence[StanceExample], tokenizer, normaliser: Normaliser, label2id: dict[str, int],
                    max_length: int, stride: int, text_only: bool,
                    aux_labels: Mapping[str, Sequence[str]] | None = None) -> list[dict[str, list[int]]]:
    """One feature per window of each (target, text) pair, labelled with the example's stance; with
    ``aux_labels`` (task → labels) also ``aux_targets``, the ids of the example's auxiliary labels."""
    texts = [normaliser.text(e.text) for e in examples]
    targets = None if text_only else [normaliser.text(e.target) for e in examples]
    rows, owner = encode_pairs(tokenizer, texts, targets, max_length, stride)
    aux_ids = {name: {lab: k for k, lab in enumerate(labels)} for name, labels in (aux_labels or {}).items()}
    for row, i in zip(rows, owner):
        row["labels"] = label2id[examples[i].label]
        if aux_ids:
            row["aux_targets"] = [ids[examples[i].aux[name]] for name, ids in aux_ids.items()]
    return rows
