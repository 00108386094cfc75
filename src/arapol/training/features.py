"""Training features: examples → model inputs with labels (NER windows, stance pair windows)."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from ..alignment import EncodedText, WordEncoder, window_labels
from ..data import NerExample, StanceExample
from ..errors import ArapolError, DataError
from ..inference.stance import encode_pairs
from ..labels import spans_to_tags
from ..text import STRAY_MARKS, Normalised, Normaliser, words_covering

log = logging.getLogger(__name__)


def gold_word_tags(example: NerExample, norm: Normalised, encoded: EncodedText
                   ) -> tuple[list[str], list[str], list[str]]:
    """IOB2 tags of an example's words in its normalised text ``norm``, from its character spans, the entities
    that do not start and end at word edges (``قطر`` inside ``وقطر`` where the tokenizer keeps the clitic on), and
    those that start on a stray mark (:data:`~arapol.text.STRAY_MARKS`, which no word holds: ``\u0301بوتين`` after a
    space): they are tagged as the whole words, which is all a word-level model can predict.

    An entity that covers no word (only spaces, diacritics or tatweel), or two that share a word, cannot
    be tagged word by word: a ``DataError`` names the example rather than train on a lost entity."""
    covered, widened, stray = [], [], []
    for s in example.spans:
        start, end = norm.from_original(s.start, s.end)
        found = words_covering(encoded.words, [(start, end, s.label)])
        if not found:
            raise DataError(f"entity {s.label} [{s.start}, {s.end}) {example.text[s.start:s.end]!r} covers no word "
                            "(only spaces, diacritics or tatweel?)", source=example.source or None, line=example.line)
        edges = (encoded.words[found[0][0]][0], encoded.words[found[0][1] - 1][1])
        on_mark = start < edges[0] and STRAY_MARKS.fullmatch(norm.text, start, edges[0]) is not None
        if on_mark:
            stray.append(example.text[s.start:s.end])
        if (edges[0] if on_mark else start, end) != edges:  # (off its words' edges also once the marks are left out)
            widened.append(example.text[s.start:s.end])
        covered.append((found[0][0], found[0][1], s))
    covered.sort(key=lambda c: c[0])
    for (_, last, a), (first, _, b) in zip(covered, covered[1:]):
        if first < last:
            raise DataError(f"entities {a.label} {example.text[a.start:a.end]!r} and {b.label} "
                            f"{example.text[b.start:b.end]!r} share a word: each word takes one tag",
                            source=example.source or None, line=example.line)
    return spans_to_tags(len(encoded.words), [(first, last, s.label) for first, last, s in covered]), widened, stray


def ner_features(examples: Sequence[NerExample], encoder: WordEncoder, normaliser: Normaliser,
                 label2id: dict[str, int]
                 ) -> tuple[list[dict[str, list[int]]], list[int], list[Normalised], list[EncodedText]]:
    """One feature per window: ``input_ids`` and ``labels`` (first piece of each owned word). Returns the
    features, the example index of each (a long text has several windows, owning consecutive words), and each
    example's normalisation and encoded words (which are clitics, which spell nothing: decoding reads them, and
    maps the words back to the original text)."""
    norms = [normaliser(e.text) for e in examples]
    encoded = encoder.encode([n.text for n in norms])
    feats, owner, widened, stray = [], [], [], []
    for i, (ex, norm, enc) in enumerate(zip(examples, norms, encoded)):
        tags, inside, on_mark = gold_word_tags(ex, norm, enc)
        widened += inside
        stray += on_mark
        ids = [label2id[t] for t in tags]
        for w in encoder.windows(enc):
            feats.append({"input_ids": w.input_ids, "labels": window_labels(w, ids)})
            owner.append(i)
    _warn_off_edges(examples, widened, stray, encoder.retokenise)
    return feats, owner, norms, encoded


def _warn_off_edges(examples: Sequence[NerExample], widened: Sequence[str], stray: Sequence[str],
                    retokenise: bool) -> None:
    """Warn of the entities that word tags cannot hold as given: those that start on a stray mark (the annotation's to
    mend), and those off their words' edges otherwise (a clitic kept on: ``clitic_rule``'s)."""
    if not (widened or stray):
        return
    source, total = examples[0].source or "data", sum(len(e.spans) for e in examples)
    if stray:
        log.warning("%s: %d of %d entities start on a stray combining mark (e.g. %r), one at a text's start or after "
                    "a space, which belongs to no word: labelled as the words after it, which predict() then "
                    "returns, and which strict scoring counts as wrong (fix the annotation: start each such span "
                    "after the mark)", source, len(stray), total, stray[0])
    if widened:
        hint = ("clitic_rule: retokenise splits more clitics off" if not retokenise else
                "the tokenizer's pieces hide these boundaries even with clitic_rule: retokenise")
        log.warning("%s: %d of %d entities do not start and end at word edges (e.g. %r inside a word): labelled "
                    "as the whole words, which predict() then returns, and which strict scoring counts as wrong "
                    "(%s)", source, len(widened), total, widened[0], hint)


def aux_label_sets(examples: Sequence[StanceExample], names: Sequence[str]) -> dict[str, list[str]]:
    """Each auxiliary task's labels (sorted), as the training examples use them; tasks in name order (the
    order of the model's heads)."""
    return {name: sorted({e.aux[name] for e in examples}) for name in sorted(names)}


def stance_features(examples: Sequence[StanceExample], tokenizer, normaliser: Normaliser, label2id: dict[str, int],
                    max_length: int, stride: int, text_only: bool,
                    aux_labels: Mapping[str, Sequence[str]] | None = None, prefix: str = ""
                    ) -> tuple[list[dict[str, list[int]]], list[int]]:
    """One feature per window of each (target, text) pair, labelled with the example's stance; with
    ``aux_labels`` (task → labels) also ``aux_targets``, the ids of the example's auxiliary labels.
    Returns the features, in example order, and the example index of each (a long text has several windows).

    The pairs of each target are windowed together, as ``predict()`` windows a call's texts toward one target: the
    windows' overlap depends on the target's length, so the dev texts scored while training are cut as they are
    when scored after it."""
    texts = [normaliser.text(e.text) for e in examples]
    groups: dict[str | None, list[int]] = {}
    for i, e in enumerate(examples):
        groups.setdefault(None if text_only else normaliser.text(e.target), []).append(i)
    found: list[tuple[int, int, dict[str, list[int]]]] = []
    for target, idx in groups.items():
        try:
            rows, owner = encode_pairs(tokenizer, [texts[i] for i in idx], None if target is None else
                                       [target] * len(idx), max_length, stride, prefix)
        except ArapolError as exc:  # a target too long for the window: name the first example that has it
            ex = examples[idx[0]]
            raise DataError(f"{exc}: {ex.target[:80]!r}", source=ex.source or None, line=ex.line) from None
        found.extend((idx[k], n, row) for n, (row, k) in enumerate(zip(rows, owner)))
    found.sort(key=lambda f: (f[0], f[1]))  # example order; a text's windows in their order
    rows, owner = [row for _, _, row in found], [i for i, _, _ in found]
    aux_ids = {name: {lab: k for k, lab in enumerate(labels)} for name, labels in (aux_labels or {}).items()}
    for row, i in zip(rows, owner):
        row["labels"] = label2id[examples[i].label]
        if aux_ids:
            row["aux_targets"] = [ids[examples[i].aux[name]] for name, ids in aux_ids.items()]
    return rows, owner
