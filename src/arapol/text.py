"""Arabic normalisation that keeps a map back to the original text, and word splitting.

Every step either deletes a character or replaces it with one or more characters, so the
normalised text carries ``offsets``: ``normalised[i]`` came from ``original[offsets[i]]``.
Spans found in the normalised text map back to the exact string the user passed in.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .errors import ConfigError

TASHKEEL = "".join(chr(c) for c in [*range(0x064B, 0x0660), 0x0670, *range(0x0610, 0x061B), *range(0x06D6, 0x06DD),
                                    *range(0x06DF, 0x06E5), 0x06E7, 0x06E8, *range(0x06EA, 0x06EE),
                                    *range(0x0898, 0x08A0), *range(0x08CA, 0x08E2), *range(0x08E3, 0x0900)])
"""The Arabic combining marks: harakat, tanween, shadda, sukun, dagger alef, Quranic annotation signs, and the
marks of Arabic Extended-A and -B (such as the open tanween of Quranic text, U+08F0–U+08F2)."""
TATWEEL = "\u0640"
CONTROLS = "".join(chr(c) for c in [0x00AD, 0x061C, 0x180E, *range(0x200B, 0x2010), *range(0x202A, 0x202F),
                                    *range(0x2060, 0x2070), 0xFEFF])

_DIGITS = {**{chr(0x0660 + i): str(i) for i in range(10)}, **{chr(0x06F0 + i): str(i) for i in range(10)}}

_PRESENTATION = {c: shown.strip() for c in map(chr, [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFF)])
                 if (shown := unicodedata.normalize("NFKC", c)) != c}
"""Arabic presentation forms (as text copied out of a PDF has them: ``ﻻﻓﺮﻭﻑ``) and the letters they show (``ﻻ`` is
two, ``لا``)."""

_LETTER_FORMS = str.maketrans({c: shown for c, shown in _PRESENTATION.items() if len(shown) == 1})
"""Presentation forms of one letter each, as that letter: one character for one, so positions hold (the
``clitic_tatweel`` rule reads ``ﻟـ`` as ``لـ``)."""

COMBINING = "".join(chr(c) for c in [*range(0x0300, 0x0370), *range(0x1AB0, 0x1B00), *range(0x1DC0, 0x1E00),
                                     *range(0x20D0, 0x2100), *range(0xFE20, 0xFE30)])
"""The general combining marks (accents written apart from their letter: ``e`` + U+0301), not the Arabic ones."""

STEPS: dict[str, dict[str, str]] = {
    "tashkeel": dict.fromkeys(TASHKEEL, ""),
    "combining_marks": dict.fromkeys(COMBINING, ""),
    "tatweel": {TATWEEL: ""},
    "alef": {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"},
    "alef_maqsura": {"ى": "ي"},
    "ta_marbuta": {"ة": "ه"},
    "digits": _DIGITS,
    "controls": {**dict.fromkeys(CONTROLS, ""), "\u200b": " "},
    "presentation_forms": _PRESENTATION,
    "clitic_tatweel": {},
}
"""The available steps: each maps a character to its replacement ('' deletes it).

``combining_marks`` drops the general combining marks (:data:`COMBINING`), as ``tashkeel`` drops the Arabic ones.
``controls`` drops zero-width, invisible-format and bidi marks (soft hyphen, joiners, word joiner, LRM/RLM,
embeddings and isolates, BOM), except the zero-width space, which separates words and becomes a space.
``presentation_forms`` writes Arabic presentation forms as the letters they show (Unicode's NFKC of each): the
tokenizers of e5 and XLM-R do so themselves, but WordPiece ones (AraBERT's, the tiny test models') read every such
word as ``[UNK]``, and the alias table's matching needs it too.
``clitic_tatweel`` is the one step that reads context: a tatweel a writer puts after a leading clitic to part it from a
name becomes a space (``لـقسد`` → ``ل قسد``; see :meth:`Normaliser._clitic_tatweels`), whatever ``tatweel`` does
with the others.
"""

DEFAULT_STEPS: tuple[str, ...] = ("presentation_forms", "tashkeel", "tatweel", "clitic_tatweel", "digits", "controls")
"""Steps that help any encoder. ``alef``, ``alef_maqsura`` and ``ta_marbuta`` suit models pretrained on
text normalised that way; on others (e5, AraBERT v0.2) they split common words into rarer pieces."""

_SURROGATES = dict.fromkeys(map(chr, range(0xD800, 0xE000)), "\ufffd")
"""Always applied, whatever the steps: a lone UTF-16 surrogate (a cut emoji in a truncated tweet, which
``json.loads`` accepts) becomes U+FFFD, one character for one, so the tokenizer accepts the text and spans
still index the original."""

_HAMZA_MARKS = re.compile("[\u0653-\u0655]")
_MARKED = re.compile("(.)([" + re.escape(TASHKEEL) + "]+)", re.S)


def _composed(text: str) -> tuple[str, list[int]] | None:
    """``text`` with each letter and the madda or hamza mark written apart after it (decomposed, NFD, text:
    ``ا`` + U+0654) composed into one letter (``أ``), as Unicode's NFC composes them, and the offset in ``text`` of
    each character; ``None`` where nothing composes. Without it the ``tashkeel`` step dropped the marks, and the
    model read ``إسرائيل`` as ``اسراييل``."""
    if not _HAMZA_MARKS.search(text):
        return None
    out: list[str] = []
    offsets: list[int] = []
    pos = 0
    for m in _MARKED.finditer(text):
        cluster = m.group()
        nfc = unicodedata.normalize("NFC", cluster) if _HAMZA_MARKS.search(m.group(2)) else cluster
        if nfc == cluster or len(nfc) >= len(cluster) or nfc[:1] == cluster[:1]:
            continue
        out.append(text[pos:m.start()])
        offsets.extend(range(pos, m.start()))
        out.append(nfc)
        offsets.append(m.start())  # the letter, composed: where its base was
        places: dict[str, deque[int]] = {}  # the marks NFC kept, each at its own place (the first unused one)
        for k in range(m.start() + 1, m.end()):
            places.setdefault(text[k], deque()).append(k)
        offsets.extend(places[c].popleft() for c in nfc[1:])
        pos = m.end()
    if not out:
        return None
    out.append(text[pos:])
    offsets.extend(range(pos, len(text)))
    return "".join(out), offsets


# Characters absorbed into the end of a span when they follow its last kept character (across removed invisible
# characters between them: a ZWJ before a final damma).
_TRAILING = set(TASHKEEL) | set(COMBINING) | {TATWEEL}
_ABSORBED = _TRAILING | set(CONTROLS)


@dataclass(frozen=True)
class Normalised:
    """A normalised text, its original, and the offset of each normalised character in the original."""

    text: str
    original: str
    offsets: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the normalised span ``[start, end)`` (non-empty) to the original text.

        Diacritics (Arabic or Latin accents written apart) and tatweel that follow the span's last character (and
        were removed) are
        included, with any removed invisible characters between them, so a span covers whole written words.
        """
        o_start = self.offsets[start]
        o_end = self.offsets[end - 1] + 1
        limit = self.offsets[end] if end < len(self.offsets) else len(self.original)  # the next kept character
        i = o_end
        while i < limit and self.original[i] in _ABSORBED:
            i += 1
            if self.original[i - 1] in _TRAILING:
                o_end = i
        return o_start, o_end

    def from_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the original span ``[start, end)`` to the normalised text (possibly empty)."""
        return bisect.bisect_left(self.offsets, start), bisect.bisect_left(self.offsets, end)


class Normaliser:
    """Applies a configured list of normalisation steps, keeping offsets."""

    def __init__(self, steps: Sequence[str] = DEFAULT_STEPS) -> None:
        unknown = [s for s in steps if s not in STEPS]
        if unknown:
            raise ConfigError(f"unknown normalisation step(s) {unknown}; expected some of {sorted(STEPS)}")
        self.steps = tuple(steps)
        table: dict[str, str] = {}
        for step in self.steps:
            for src, dst in STEPS[step].items():
                table[src] = dst
        # Compose steps: a replacement produced by one step is normalised by the later ones.
        self._table = {src: "".join(table.get(c, c) for c in dst) for src, dst in table.items()} | _SURROGATES
        self._trans = str.maketrans(self._table)
        self._parts_clitics = "clitic_tatweel" in self.steps
        touched = "".join(table) + (TATWEEL if self._parts_clitics else "")
        self._touched = re.compile("[" + re.escape(touched) + "\u0653-\u0655\ud800-\udfff]")

    def _clitic_tatweels(self, text: str) -> set[int]:
        """Where the ``clitic_tatweel`` step writes a space: the tatweel a writer puts after a proclitic to part it
        from a name (``لـقسد``, ``ولـواشنطن``), the first of its run, when the rest of the word is three letters or
        more (``كـل`` and ``فـي`` are stretched, not parted) and holds no other tatweel (nor ``بـيـروت``), in a text
        that does not stretch the first letter of other words (``قـال``: see :data:`_KASHIDA_STYLE`)."""
        if not self._parts_clitics or TATWEEL not in text:
            return set()
        letters = text.translate(_LETTER_FORMS)  # ﻟـ, ﻭـ as PDF text writes them: the letters they show
        if _KASHIDA_STYLE.search(letters):
            return set()
        return {m.end() - 1 for m in _CLITIC_TATWEEL.finditer(letters)}

    def __call__(self, text: str) -> Normalised:
        """Normalise ``text`` and return it with its offset map. Whatever the steps, a letter and the madda or hamza
        written apart after it are composed first (:func:`_composed`)."""
        if not self._touched.search(text):
            return Normalised(text, text, tuple(range(len(text))))
        composed = _composed(text)
        if composed is None:
            return self._normalised(text, self._clitic_tatweels(text))
        ctext, where = composed
        done = self._normalised(ctext, self._clitic_tatweels(ctext))
        return Normalised(done.text, text, tuple(where[k] for k in done.offsets))

    def _normalised(self, text: str, spaced: set[int]) -> Normalised:
        """:meth:`__call__`'s work, with the clitic tatweels that become spaces (``spaced``) already found."""
        out: list[str] = []
        offsets: list[int] = []
        pos = 0
        for m in self._touched.finditer(text):
            i = m.start()
            out.append(text[pos:i])
            offsets.extend(range(pos, i))
            rep = " " if i in spaced else self._table.get(text[i], text[i])
            out.append(rep)
            offsets.extend([i] * len(rep))
            pos = i + 1
        out.append(text[pos:])
        offsets.extend(range(pos, len(text)))
        return Normalised("".join(out), text, tuple(offsets))

    def text(self, text: str) -> str:
        """Normalise ``text`` without computing offsets."""
        if _HAMZA_MARKS.search(text):
            return self(text).text
        spaced = self._clitic_tatweels(text)
        return self._normalised(text, spaced).text if spaced else text.translate(self._trans)


_MARKS = TASHKEEL + COMBINING + "\ufe00-\ufe0f"
"""Marks that stay inside a word (a regex class body): the Arabic tashkeel, and the general combining marks
and variation selectors that ``\\w`` does not match (``é`` written ``e`` + U+0301 is one word)."""
_DIGIT = "0-9٠-٩۰-۹"
_IN_WORD = re.escape(CONTROLS.replace("\u200b", ""))
"""Invisible characters that join the letters on either side into one word (a regex class body): ZWJ, ZWNJ, soft
hyphen, bidi marks. The ``controls`` step removes them; without it, ``لاف\u200dروف`` is still one word. The zero-width
space separates words."""
_EMOJI = "\u2300-\u23ff\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff"
"""Emoji and pictographs (a regex class body), skin-tone modifiers and regional indicators among them."""
_IN = rf"(?:[^\W_]|[{_MARKS}{TATWEEL}])"
"""A character of a word: a letter or digit, a mark or a tatweel; no underscore, which joins the words of a hashtag
(``#وقف_إطلاق_النار_في_حلب``: حلب is a word of its own, which may be named alone)."""
_DECIMAL_WORD = rf"(?:[^\W_]{_IN}*?)?[{_DIGIT}](?:[.,٫،][{_DIGIT}]+)+[{_MARKS}]*"
_OTHER_WORDS = (
    rf"[^\W_](?:{_IN}|[{_IN_WORD}]+(?={_IN}))*|{TATWEEL}{_IN}*"
    rf"|[{_EMOJI}](?:[{_MARKS}]|[{_IN_WORD}]*[{_EMOJI}])*|[^\s\w{_MARKS}{TATWEEL}][{_MARKS}]*|_[{_MARKS}]*"
)
WORD_RE = re.compile(f"{_DECIMAL_WORD}|{_OTHER_WORDS}")
"""A word: a run of letters, digits and marks (invisible joiners between them included), with a decimal part
kept whole where a digit ends it (``3.5``, ``1,000``, ``و٣٫٥``), a run of emoji with their marks and joiners (one
drawn character may be several: ``👍🏽``, a flag's two regional indicators, ``👨‍👩‍👧`` with or without its
joiners), or one other symbol with its marks (``❤️``, ``_``). ``محمد،٣`` and ``وقف_إطلاق`` are three
words. A mark with nothing before it but a space or the text's start (a stray U+0301 or fatha that opens a line) is in
no word, as a space is: no word, and so no entity, starts on it (``\u0301بوتين`` is the word ``بوتين``)."""
STRAY_MARKS = re.compile(rf"[{_MARKS}][{_MARKS}\s]*")
"""Marks with only spaces among them: matched where no word stands (between words, or before the first), stray marks,
which begin no word (:data:`WORD_RE`)."""
_CLITIC_TATWEEL = re.compile(
    rf"(?<![\w{_MARKS}{TATWEEL}{_IN_WORD}])[{_IN_WORD}]*(?:[وف][{_IN_WORD}]*[بلك]?|[بلك])[{_MARKS}{_IN_WORD}]*{TATWEEL}"
    rf"(?=[{TATWEEL}{_MARKS}{_IN_WORD}]*(?:[^\W\d_{TATWEEL}][{_MARKS}]*){{3,}}(?![\w{_MARKS}]|[{_IN_WORD}]+[\w{_MARKS}]))"
)
"""A tatweel that parts a proclitic from the rest of its word (see :meth:`Normaliser._clitic_tatweels`): the clitic
at a word's start (after any bidi marks), its marks and any joiners or bidi marks, the tatweel; then a run of at
least three letters (and marks, bidi marks, more tatweel before them; no tatweel among them: ``\\w`` counts it a
letter) that ends the word."""
_KASHIDA_STYLE = re.compile(rf"(?<![\w{_MARKS}{TATWEEL}])[^\W\d_وفبلك{TATWEEL}][{_MARKS}]*{TATWEEL}")
"""A word that starts with a letter that is no clitic and a tatweel (``قـال``): a text that has one stretches the
first letters of its words, and a tatweel after a clitic letter there parts nothing."""


_WITHOUT_DECIMALS_RE = re.compile(_OTHER_WORDS)
""":data:`WORD_RE` for a text with no decimal separator between digits, where its decimal alternative, tried first
at every word, can match nothing (a third of the splitting's time on news-length texts)."""
_DECIMAL_RE = re.compile(rf"[{_DIGIT}][.,٫،][{_DIGIT}]")


WORD_SPLITTING = 2
"""The version of :func:`split_words`' rules, which an NER run (and its trimmed base) records where its texts hold
what the versions read apart (:data:`_SPLIT_OTHERWISE`): 1 joined the words on either side of an underscore, and began
a word with a mark after a space or a decimal number (``\u0301بوتين``, ``3.5\u0301``); 2 parts the words, leaves a
mark after a space out of every word and keeps one after a number on it."""

_SPLIT_OTHERWISE = re.compile(rf"_|(?<!\S)[{_MARKS}]|[{_DIGIT}][.,٫،][{_DIGIT}]+[{_MARKS}]")
"""What version 1 of :func:`split_words` split otherwise: an underscore, a mark at a text's start or after a space,
a mark after a decimal number; a text without one is split alike by every version."""


def splitting_version(texts: Iterable[str]) -> int | None:
    """:data:`WORD_SPLITTING` for ``texts`` that an earlier version split otherwise (one holds an underscore or a
    stray mark: :data:`_SPLIT_OTHERWISE`), else ``None``: a run recording it is not resumed over checkpoints that
    learned the other splitting."""
    return WORD_SPLITTING if any(_SPLIT_OTHERWISE.search(t) for t in texts) else None


def split_words(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into word spans ``(start, end)``: letter/digit runs and single symbols (:data:`WORD_RE`)."""
    pattern = WORD_RE if _DECIMAL_RE.search(text) else _WITHOUT_DECIMALS_RE
    return [m.span() for m in pattern.finditer(text)]


def words_covering(words: Sequence[tuple[int, int]], spans: Iterable[tuple[int, int, str]]
                   ) -> list[tuple[int, int, str]]:
    """Convert character spans to word-index spans ``(first, last_exclusive, label)``.

    A word belongs to a span when they overlap; spans that cover no word are dropped.
    """
    starts = [w[0] for w in words]
    ends = [w[1] for w in words]
    out = []
    for s, e, label in spans:
        first = bisect.bisect_right(ends, s)
        last = bisect.bisect_left(starts, e)
        if first < last:
            out.append((first, last, label))
    return out
