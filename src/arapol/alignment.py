"""Words → sub-word pieces → model windows, and word labels → piece labels.

The unit of labelling is the *word* (see :func:`arapol.text.split_words`). Each word is tokenised
on its own, so a word that tokenises to nothing still gets one ``unk`` piece and never shifts its
neighbours. With ``split_clitics`` a word whose first piece is a proclitic (و ف ب ل ك and their
pairs) is split after that piece, so ``وبوتين`` can be labelled ``O B-PER`` when the tokenizer
separates the clitic. Texts longer than the window are cut into windows that overlap by about
``stride`` pieces; each word is *owned* by exactly one window (the one where it sits furthest
from an edge), and only owners carry labels or give predictions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .text import split_words

CLITICS = frozenset({"و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"})
MAX_WORD_PIECES = 32
"""A word longer than this many pieces is represented by its first pieces (it is still labelled whole)."""


@dataclass
class EncodedText:
    """A normalised text's words (character spans) and each word's piece ids."""

    words: list[tuple[int, int]]
    pieces: list[list[int]]
    clitic: list[bool]
    """Whether each word is a proclitic split off the word after it (decoding rejoins it to a name)."""
    empty: list[bool]
    """Whether each word tokenised to nothing (a control character, U+FFFD...): one ``unk`` piece holds its
    place so that it never shifts its neighbours, and prediction keeps it outside every entity."""


@dataclass
class Window:
    """A model input covering words ``[first, last)``; it owns (labels, predicts) words ``[own_first, own_last)``."""

    first: int
    last: int
    own_first: int
    own_last: int
    input_ids: list[int]
    starts: list[int]
    """Position in ``input_ids`` of each covered word's first piece (plus one past the end)."""


class WordEncoder:
    """Tokenises texts word by word and cuts them into overlapping windows for a token classifier."""

    def __init__(self, tokenizer, max_length: int = 256, stride: int = 64, split_clitics: bool = True) -> None:
        self.tokenizer = tokenizer
        self.max_length = max_length
        self.stride = stride
        self.split_clitics = split_clitics
        self.budget = max_length - 2
        self.max_word_pieces = min(MAX_WORD_PIECES, self.budget)
        self.unk = tokenizer.unk_token_id
        self.cls = tokenizer.cls_token_id
        self.sep = tokenizer.sep_token_id

    def encode(self, texts: Sequence[str]) -> list[EncodedText]:
        """Split each (already normalised) text into words and tokenise all words in one batch."""
        spans = [split_words(t) for t in texts]
        flat = [t[a:b] for t, ws in zip(texts, spans) for a, b in ws]
        if flat:
            enc = self.tokenizer(flat, add_special_tokens=False, return_offsets_mapping=self.split_clitics)
            ids_all, offs_all = enc["input_ids"], enc.get("offset_mapping")
        else:
            ids_all, offs_all = [], None
        out, k = [], 0
        for ws in spans:
            words: list[tuple[int, int]] = []
            pieces: list[list[int]] = []
            clitic: list[bool] = []
            empty: list[bool] = []
            for a, b in ws:
                ids = ids_all[k] or [self.unk]
                empty.append(not ids_all[k])
                cut = self._clitic_cut(flat[k], offs_all[k]) if offs_all is not None and len(ids) > 1 else 0
                if cut:
                    c = offs_all[k][cut - 1][1]
                    words += [(a, a + c), (a + c, b)]
                    pieces += [ids[:cut], ids[cut:][: self.max_word_pieces]]
                    clitic += [True, False]
                    empty.append(False)
                else:
                    words.append((a, b))
                    pieces.append(ids[: self.max_word_pieces])
                    clitic.append(False)
                k += 1
            out.append(EncodedText(words, pieces, clitic, empty))
        return out

    @staticmethod
    def _clitic_cut(word: str, offsets: Sequence[tuple[int, int]]) -> int:
        """Number of leading pieces that form a proclitic (0 when the word starts with none)."""
        for i, (s, e) in enumerate(offsets[:-1]):
            if e > s:
                return i + 1 if word[:e] in CLITICS and e < len(word) else 0
        return 0

    def windows(self, enc: EncodedText) -> list[Window]:
        """Cut an encoded text into windows of at most ``max_length`` pieces (specials included)."""
        n = len(enc.pieces)
        if n == 0:
            return []
        sizes = [len(p) for p in enc.pieces]
        bounds: list[tuple[int, int]] = []
        start = 0
        while True:
            end, used = start, 0
            while end < n and used + sizes[end] <= self.budget:
                used += sizes[end]
                end += 1
            bounds.append((start, end))
            if end >= n:
                break
            nxt, overlap = end, 0
            while nxt - 1 > start and overlap + sizes[nxt - 1] <= self.stride:
                nxt -= 1
                overlap += sizes[nxt]
            start = nxt
        own = []
        for i, (s, e) in enumerate(bounds):
            own_s = s if i == 0 else (s + bounds[i - 1][1] + 1) // 2
            own_e = e if i == len(bounds) - 1 else (bounds[i + 1][0] + e + 1) // 2
            own.append((own_s, own_e))
        result = []
        for (s, e), (os_, oe) in zip(bounds, own):
            ids = [self.cls]
            starts = []
            for w in range(s, e):
                starts.append(len(ids))
                ids.extend(enc.pieces[w])
            starts.append(len(ids))
            ids.append(self.sep)
            result.append(Window(s, e, os_, oe, ids, starts))
        return result


def window_labels(window: Window, word_label_ids: Sequence[int], ignore: int = -100) -> list[int]:
    """Piece labels for a window: each owned word's label on its first piece, ``ignore`` elsewhere."""
    labels = [ignore] * len(window.input_ids)
    for w in range(window.own_first, window.own_last):
        labels[window.starts[w - window.first]] = word_label_ids[w]
    return labels
