"""Words → sub-word pieces → model windows, and word labels → piece labels.

The unit of labelling is the *word* (see :func:`arapol.text.split_words`). Each word is tokenised
on its own, so a word that tokenises to nothing still gets one ``unk`` piece and never shifts its
neighbours. With ``split_clitics`` a leading proclitic (و ف ب ل ك and their pairs) becomes a word of its
own where :data:`CLITIC_RULES` say so, so ``وبوتين`` can be labelled ``O B-PER``. Texts longer than the
window are cut into windows that overlap by about ``stride`` pieces; each word is *owned* by exactly one
window (the one where it sits furthest from an edge), and only owners carry labels or give predictions.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tokenizers import decoders, pre_tokenizers

from .text import split_words

CLITICS = frozenset({"و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"})
CLITIC_RULES = ("pieces", "retokenise")
"""Where a proclitic becomes a word of its own. ``pieces``: only where the tokenizer's own pieces part it
from the rest (``▁و`` + ``إيران``). ``retokenise``: also where the rest, tokenised as a word of its own, is one
piece and the whole word is not, or starts with the article and takes no more pieces (``WordEncoder._retokenised``):
``وتركيا`` → ``و`` + ``تركيا``, ``للأمم`` → ``ل`` + ``لأمم``, while ``بغداد`` or ``واشنطن`` stay whole and a two-letter
chain parts only before the article (``وبشار`` → ``و`` + ``بشار``). The clitic and the rest are then tokenised
apart, as if a space parted them."""
WORDLIKE = re.compile(r"[^\W_]")
"""A letter or digit."""
_MIN_REST = 2
_CACHE_SIZE = 200_000
MAX_WORD_PIECES = 32
"""A word longer than this many pieces is represented by its first pieces (it is still labelled whole)."""


@dataclass
class EncodedText:
    """A normalised text's words (character spans) and each word's piece ids."""

    words: list[tuple[int, int]]
    pieces: list[tuple[int, ...]]
    """Each word's piece ids: tuples, one per distinct word shared by its occurrences (immutable, and ignored by
    Python's garbage collector once it has seen them: a list per occurrence cost predict_stream()'s host side about
    15 % of its time in collections)."""
    clitic: list[bool]
    """Whether each word is a proclitic split off the word after it (decoding rejoins it to a name)."""
    empty: list[bool]
    """Whether each word's pieces spell nothing (:func:`blank_pieces`: a control character, U+FFFD, NUL...): it
    keeps its place (one ``unk`` piece where it has none) so that it never shifts its neighbours, and prediction
    keeps it outside every entity."""


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


def blank_pieces(tokenizer) -> frozenset[int]:
    """Ids of the pieces that spell nothing: ``unk``, and the bare word-start piece of a tokenizer that marks word
    starts (:func:`_word_start_marks`). e5's tokenizer reads U+FFFD as ``▁`` alone and NUL as ``▁`` + ``unk``: a word
    or text made only of these holds no letter the model could read."""
    backend = tokenizer.backend_tokenizer
    found = {tokenizer.unk_token_id, *(backend.token_to_id(mark) for mark in _word_start_marks(backend))}
    return frozenset(i for i in found if i is not None)


def _word_start_marks(backend) -> set[str]:
    """The word-start marks a tokenizer's pre-tokenizer or decoder names: a Metaspace's replacement (``▁`` for
    SentencePiece), ``Ġ`` for byte-level BPE; none for WordPiece. Elsewhere the same string can be an ordinary piece
    (XLM-R's vocabulary holds a ``Ġ`` of its own)."""
    parts = [backend.decoder, backend.pre_tokenizer]
    if isinstance(backend.pre_tokenizer, pre_tokenizers.Sequence):  # its members are reached by index only
        for i in itertools.count():
            try:
                parts.append(backend.pre_tokenizer[i])
            except IndexError:
                break
    marks = {part.replacement for part in parts if isinstance(part, decoders.Metaspace | pre_tokenizers.Metaspace)}
    if any(isinstance(part, decoders.ByteLevel | pre_tokenizers.ByteLevel) for part in parts):
        marks.add("Ġ")
    return marks


def spells_nothing(text: str, ids: Iterable[int], blank: frozenset[int]) -> bool:
    """Whether ``text`` (a word, a text, a stance target) that tokenised to ``ids`` holds nothing a model can read:
    no piece at all, or no letter or digit and only :func:`blank_pieces`. A word of letters the vocabulary lacks
    (WordPiece's whole-word ``[UNK]``) is still read: its context may tell what it names."""
    ids = tuple(ids)
    return not ids or (blank.issuperset(ids) and not WORDLIKE.search(text))


def clitic_splits(word: str) -> list[tuple[str, str]]:
    """``(clitic, rest)`` for each clitic ``word`` may start with (shortest clitic first): the splits the
    ``retokenise`` rule weighs."""
    return [(c, word[len(c):]) for c in sorted(CLITICS, key=len)
            if word.startswith(c) and len(word) - len(c) >= _MIN_REST]


def _spelled(offsets: Sequence[tuple[int, int]]) -> int:
    """How many of a word's pieces spell letters of their own: not an empty one, nor one the next piece overlaps (the
    bare ``▁`` a SentencePiece tokenizer puts before a word it has no ``▁``-piece to start with)."""
    return sum(e > s and (i + 1 == len(offsets) or offsets[i + 1][0] >= e) for i, (s, e) in enumerate(offsets))


def _article(clitic: str, rest: str) -> bool:
    """Whether ``rest`` starts with the article after ``clitic``: ``ال``, or its ``ل`` alone after ``ل`` (للأمم)."""
    return rest.startswith("ال") or (clitic.endswith("ل") and rest.startswith("ل"))


def clitic_parts(word: str) -> list[str]:
    """The clitics and rests of :func:`clitic_splits`: what the ``retokenise`` rule tokenises (a vocabulary
    trimmed for such a model keeps their pieces too)."""
    return [part for split in clitic_splits(word) for part in split]


class WordEncoder:
    """Tokenises texts word by word and cuts them into overlapping windows for a token classifier."""

    def __init__(self, tokenizer, max_length: int = 256, stride: int = 64, split_clitics: bool = True,
                 clitic_rule: str = "pieces") -> None:
        if clitic_rule not in CLITIC_RULES:
            raise ValueError(f"clitic_rule: {clitic_rule!r} is not one of {list(CLITIC_RULES)}")
        self.max_length = max_length
        self.stride = stride
        self.split_clitics = split_clitics
        self.retokenise = split_clitics and clitic_rule == "retokenise"
        self._cuts: dict[str, tuple[int, tuple[int, ...], tuple[int, ...]] | None] = {}
        self._backend = tokenizer.backend_tokenizer  # shared: a copy of a 250k-piece tokenizer costs 250 MB
        self.budget = max_length - 2
        self.max_word_pieces = min(MAX_WORD_PIECES, self.budget)
        self.unk = tokenizer.unk_token_id
        self.blank = blank_pieces(tokenizer)
        self.cls = tokenizer.cls_token_id
        self.sep = tokenizer.sep_token_id

    def __getstate__(self) -> dict:
        """Pickled (to a worker process) without the cache of clitic decisions, which the copy builds again."""
        return {**self.__dict__, "_cuts": {}}

    def encode(self, texts: Sequence[str]) -> list[EncodedText]:
        """Split each (already normalised) text into words and tokenise all words in one batch."""
        spans = [split_words(t) for t in texts]
        flat = [t[a:b] for t, ws in zip(texts, spans) for a, b in ws]
        found = self.word_pieces(flat)
        ids_all = [f[0] for f in found]
        offs_all = [f[1] for f in found]
        cuts = [self._clitic_cut(w, offs_all[k]) if self.split_clitics and len(ids_all[k]) > 1 else 0
                for k, w in enumerate(flat)]
        retokenised = self._retokenised(flat, found, cuts) if self.retokenise else {}
        out, k = [], 0
        for ws in spans:
            words: list[tuple[int, int]] = []
            pieces: list[tuple[int, ...]] = []
            clitic: list[bool] = []
            empty: list[bool] = []
            for a, b in ws:
                ids = ids_all[k] or (self.unk,)  # a last piece that spells something settles it (one set look-up)
                empty.append(not ids_all[k] or (ids[-1] in self.blank and spells_nothing(flat[k], ids, self.blank)))
                cut = cuts[k]
                if self.retokenise:
                    split = retokenised.get(flat[k])
                else:
                    split = (offs_all[k][cut - 1][1], ids[:cut], ids[cut:]) if cut else None
                if split:
                    c, head, rest = split
                    words += [(a, a + c), (a + c, b)]
                    pieces += [head, rest[: self.max_word_pieces]]
                    clitic += [True, False]
                    empty.append(False)
                else:
                    words.append((a, b))
                    pieces.append(ids[: self.max_word_pieces])
                    clitic.append(False)
                k += 1
            out.append(EncodedText(words, pieces, clitic, empty))
        return out

    def word_pieces(self, words: Sequence[str]) -> list[tuple[tuple[int, ...], list[tuple[int, int]]]]:
        """Each word's piece ids and their character offsets, tokenised on its own. Each distinct word goes to the
        tokenizer once, in one batch straight to its Rust backend (the Python wrapper's per-word conversion cost
        more than the tokenising: 4.24 → 0.73 s for 4,000 news sentences)."""
        if self._backend.padding is not None:  # words are tokenised bare: as the wrapper does before each call,
            self._backend.no_padding()  # switch off what a tokenizer.json or a padded call left on
        if self._backend.truncation is not None:
            self._backend.no_truncation()
        distinct = list(dict.fromkeys(words))
        found = dict(zip(distinct, ((tuple(e.ids), e.offsets)
                                    for e in self._backend.encode_batch(distinct, add_special_tokens=False))))
        return [found[w] for w in words]

    def _retokenised(self, words: Sequence[str], found: Sequence[tuple[tuple[int, ...], list[tuple[int, int]]]],
                     cuts: Sequence[int]) -> dict[str, tuple[int, tuple[int, ...], tuple[int, ...]] | None]:
        """The ``retokenise`` splits of ``words`` (``found``: their pieces and offsets; ``cuts``: the leading pieces
        that form a clitic, 0 for none): word → ``(clitic length, clitic pieces, rest pieces)``, or ``None`` (kept
        whole). A clitic the word starts with parts where the tokenizer's own pieces part it off; where its rest,
        tokenised alone, is one piece and the whole word is not (``وتركيا``); or where the rest starts with the article
        and takes no more pieces than the whole word (:func:`_article`: ``للأمم`` is ``ل`` + ``لأمم``). A two-letter
        chain (``وب``, ``ول``…) parts only before the article (``وبالعراق``; ``وبشار`` is ``و`` + ``بشار`` even where
        the pieces say ``وب``). The whole word's pieces are counted by :func:`_spelled` (``بعثة``, ``▁`` + ``بعث`` +
        ``ة``, is no ``ب`` + ``عثة``). Of the clitics that may part, the one whose rest spells the fewest pieces
        does, the shorter on a tie; the tokenizer's own pieces are kept when its clitic wins. Decisions are cached
        per word across calls."""
        if len(self._cuts) > _CACHE_SIZE:  # a new dict, not cleared in place: another thread may be reading it
            self._cuts = {}
        cache = self._cuts  # this call's look-ups must all find their word, whatever other threads do
        todo: dict[str, int] = {}
        for k, w in enumerate(words):
            if w in cache or w in todo or len(found[k][0]) < 2 or w[:1] not in CLITICS:
                continue
            todo[w] = k
        if todo:
            asks = sorted({part for w in todo for part in clitic_parts(w)})
            parts = dict(zip(asks, self.word_pieces(asks)))
            for w, k in todo.items():
                ids, offsets = found[k]
                whole, cut = _spelled(offsets), cuts[k]
                own = offsets[cut - 1][1] if cut else 0  # the clitic the tokenizer's own pieces part off
                if own == 2 and not _article(w[:2], w[2:]):
                    own = 1  # the pieces' وك + فرزيتا is و + كفرزيتا
                best, rank = None, None
                for c, rest in clitic_splits(w):
                    (head, _), (tail, tail_offsets) = parts[c], parts[rest]
                    if not head or not tail:
                        continue
                    n, article = len(tail), _article(c, rest)
                    if len(c) > 1 and not article:
                        continue  # وليد is no ول + يد
                    mine = (_spelled(tail_offsets), len(c))
                    if (len(c) == own or n == 1 < whole or (n <= whole and article)) and (rank is None or mine < rank):
                        rank = mine
                        kept = cut and len(c) == own == offsets[cut - 1][1]
                        best = (len(c), ids[:cut], ids[cut:]) if kept else (len(c), head, tail)
                cache[w] = best
        return {w: cache[w] for w in words if cache.get(w)}

    @staticmethod
    def _clitic_cut(word: str, offsets: Sequence[tuple[int, int]]) -> int:
        """Number of leading pieces that form a proclitic (0 when the word starts with none). A piece that the next
        one overlaps parts nothing: a bare ``▁`` is given the first letter's offsets (``بعثة`` as ``▁`` + ``بعث`` +
        ``ة``), which is no ``ب`` of its own."""
        for i, (s, e) in enumerate(offsets[:-1]):
            if e > s:
                return i + 1 if word[:e] in CLITICS and e < len(word) and offsets[i + 1][0] >= e else 0
        return 0

    def windows(self, enc: EncodedText) -> list[Window]:
        """Cut an encoded text into windows of at most ``max_length`` pieces (specials included)."""
        n = len(enc.pieces)
        if n == 0:
            return []
        sizes = [len(p) for p in enc.pieces]
        bounds = self._bounds(sizes)
        own = []
        for i, (s, e) in enumerate(bounds):
            own_s = s if i == 0 else (s + bounds[i - 1][1] + 1) // 2
            own_e = e if i == len(bounds) - 1 else (bounds[i + 1][0] + e + 1) // 2
            own.append((own_s, own_e))
        return [Window(s, e, os_, oe, [self.cls, *itertools.chain.from_iterable(enc.pieces[s:e]), self.sep],
                       list(itertools.accumulate(sizes[s:e], initial=1)))
                for (s, e), (os_, oe) in zip(bounds, own)]

    def _bounds(self, sizes: Sequence[int]) -> list[tuple[int, int]]:
        """Word ranges ``[start, end)`` of the windows for words of ``sizes`` pieces: each as long as the budget
        allows, the next one starting about ``stride`` pieces back."""
        n = len(sizes)
        if sum(sizes) <= self.budget:  # one window holds it all (most sentences)
            return [(0, n)]
        bounds: list[tuple[int, int]] = []
        start = 0
        while True:
            end, used = start, 0
            while end < n and used + sizes[end] <= self.budget:
                used += sizes[end]
                end += 1
            bounds.append((start, end))
            if end >= n:
                return bounds
            nxt, overlap = end, 0
            while nxt - 1 > start and overlap + sizes[nxt - 1] <= self.stride:
                nxt -= 1
                overlap += sizes[nxt]
            start = nxt


def window_labels(window: Window, word_label_ids: Sequence[int], ignore: int = -100) -> list[int]:
    """Piece labels for a window: each owned word's label on its first piece, ``ignore`` elsewhere."""
    labels = [ignore] * len(window.input_ids)
    for w in range(window.own_first, window.own_last):
        labels[window.starts[w - window.first]] = word_label_ids[w]
    return labels
