"""Arabic-aware sentence splitting with exact character spans."""

from __future__ import annotations

import re
import unicodedata

from .text import TATWEEL

_BREAKS = "\n\r\v\f\x85\u2028\u2029"
"""Line and paragraph breaks: each ends a sentence (CR LF counts once)."""
_END = re.compile(rf"[.!?؟؛;…]+(?:[ \u00a0][.…]+)*[\"'»”’)\]]*|[{_BREAKS}]+")
"""A sentence's end: its marks (a spaced ellipsis ``. . .`` is one), any closing quotes or brackets, or breaks."""
_NAME_BEFORE, _NAME_AFTER = re.compile(r"[A-Za-z0-9/]"), re.compile(r"[a-z0-9/]")
"""What stands before and after a dot inside a web address or file name (``www.aljazeera.net``, ``t.co/abc``,
``report.pdf``); a capital after it starts a sentence (``passed.Then``)."""
_ABBREV = re.compile(r"(?:^|[\s(])(?:(?:[A-Za-z]\.)+[A-Za-z]|[A-Za-z]"
                     r"|(?:[\u0621-\u064A][\u064B-\u0652]*\.)*[\u0621-\u064A][\u064B-\u0652]*"
                     r"|Dr|Mr|Mrs|Ms|St|Jr|Sr|Prof|No|vs|etc|e\.g|i\.e)$")

_LOOKBACK = 64
"""Characters before a dot searched for an abbreviation (longer than any ``_ABBREV`` matches)."""


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentence spans ``(start, end)`` with surrounding whitespace, control characters and
    format marks excluded; a stretch with nothing visible in it (only such characters, harakat, tatweel) is no
    sentence.

    Sentences end at ``. ! ? ؟ ؛ ;`` (and any closing quotes or brackets after them) and at line
    breaks (LF, CR, U+2028...), except where hard wrapping broke a line inside a sentence (:func:`soft_breaks`).
    A dot between digits (``3.5``), inside a web address or file name
    (``www.aljazeera.net``, ``t.co/abc``: a Latin letter, digit or ``/`` before it and a small letter, digit or
    ``/`` after it), or after a one-letter or known abbreviation (``د.``, ``دُ.``, ``أ.د.``, ``U.S.``) does not end
    a sentence.
    ``text[start:end]`` is always the sentence itself.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    soft = soft_breaks(text)
    marks = _Marks(text)  # the quotation marks of the current line so far
    for m in _END.finditer(text):
        mark = m.group()
        if m.start() in soft:
            continue
        if mark.startswith(".") and len(mark.rstrip("\"'»”’)]")) == 1:
            i = m.start()  # look back a bounded stretch: copying the text before every dot is quadratic
            before, after = text[i - 1:i], text[m.end():m.end() + 1]
            if (before.isdigit() and after.isdigit()) or (m.end() == i + 1 and _NAME_BEFORE.match(before)
                                                          and _NAME_AFTER.match(after)) or \
                    _ABBREV.search(text, max(0, i - _LOOKBACK), i):
                continue
        if mark[0] in _BREAKS:
            _add(text, start, m.start(), spans)
            start = m.end()
            marks.new_line(start)
            continue
        end = marks.spaced_close(m.end())
        _add(text, start, end, spans)
        start = end
    _add(text, start, len(text), spans)
    return spans


_SPACED_CLOSE = re.compile(r"[ \u00a0]+([\"»”)])")
_PAIRS = {"»": "«", "”": "“", ")": "("}


class _Marks:
    """The quotation marks and brackets of a text's current line, counted as the split moves on (each character
    once: a long line of many sentences stays linear)."""

    def __init__(self, text: str) -> None:
        self.text, self.counted = text, 0
        self.seen = dict.fromkeys('"«»“”()', 0)

    def new_line(self, start: int) -> None:
        self.counted = start
        self.seen = dict.fromkeys(self.seen, 0)

    def spaced_close(self, end: int) -> int:
        """Where a sentence that ends at ``end`` really ends: past a closing quotation mark or bracket written after
        a space (``سوريا . "`` in text tokenised with spaces, as UnifiedFC's is) when it closes one opened on the line
        before it, which the next sentence would otherwise open with, read as inside a quotation."""
        m = _SPACED_CLOSE.match(self.text, end)
        if m is None:
            return end
        for c in self.seen:
            self.seen[c] += self.text.count(c, self.counted, end)
        self.counted = end
        close = m.group(1)
        opened = self.seen['"'] % 2 == 1 if close == '"' else self.seen[_PAIRS[close]] > self.seen[close]
        return m.end() if opened else end


_LINE = re.compile(r"\r\n|[\n\r]")
_WRAP_WIDTH = (40, 120)
"""The widths text is wrapped at (characters): a longest wrapped line outside them is no wrapping."""
_ENDS_SENTENCE = re.compile(r"[.!?؟؛;…:][\"'»”’)\]]*$")
_BULLET = re.compile(r"[-–—•*▪●◦]|\d{1,3}[.)\-]")


def soft_breaks(text: str) -> frozenset[int]:
    """Where hard wrapping (a wire feed, a PDF or OCR extract, ``textwrap.fill``) broke a line inside a sentence:
    the offsets of those line breaks (of the CR of a CR LF), read as spaces. A text is wrapped when two or more lines
    are followed by a single line break (not a blank line), the longest of them is 40–120 characters long, three in
    four of them are at least 0.7 of it, no more than half end with a sentence mark and not all the lines after them
    open with a digit; then a single break after a line of at least 0.6 of it that ends with no sentence mark or
    colon, before a line that opens with no bullet, is soft. A headline, a list, a chronology, or one punctuated
    sentence a line is not so read; lines of near-equal length without sentence marks (a feed of headlines, one
    a line) cannot be told from wrapped text by their shape and are read as wrapped: give such lines as texts of
    their own."""
    if "\n" not in text and "\r" not in text:
        return frozenset()
    breaks = list(_LINE.finditer(text))
    single: list[tuple[int, str, str]] = []  # (offset, the line before, the line after) of each single break
    for n, m in enumerate(breaks):
        before = text[breaks[n - 1].end() if n else 0:m.start()].strip()
        after = text[m.end():breaks[n + 1].start() if n + 1 < len(breaks) else len(text)]
        # a paragraph or line separator right after it ("\n\u2029") makes it no single break; a page break does not
        # (pdftotext writes "\n\f" where a page ends, inside a sentence as often as not)
        if before and after.strip() and after.lstrip(" \t\f")[:1] not in _BREAKS:
            after = after.strip()
            single.append((m.start(), before, after))
    widths = [len(b) for _o, b, _a in single]
    widest = max(widths, default=0)  # once: per line, a text of 20,000 wrapped lines took 13 s
    if len(widths) < 2 or not _WRAP_WIDTH[0] <= widest <= _WRAP_WIDTH[1] or \
            sum(w >= 0.7 * widest for w in widths) < 0.75 * len(widths) or \
            2 * sum(bool(_ENDS_SENTENCE.search(b)) for _o, b, _a in single) > len(single) or \
            all(a[:1].isdigit() for _o, _b, a in single):
        return frozenset()  # (a chronology: every line after a break opens with its date)
    return frozenset(o for o, b, a in single
                     if len(b) >= 0.6 * widest and not _ENDS_SENTENCE.search(b) and not _BULLET.match(a))


_EDGE = frozenset({"Cc", "Cf", "Cs"})
"""Unicode categories trimmed, with whitespace, from a sentence's edges: control characters, format and bidi marks
(RLM, BOM, joiners), lone surrogates."""
_BLANK = _EDGE | {"Mn", "Me"}
"""Categories that with whitespace and tatweel make no sentence on their own: a line of bidi marks or a stray
haraka is not one."""


def shows_something(text: str) -> bool:
    """Whether ``text`` holds a character that shows by itself: not whitespace, tatweel, a control, format or bidi
    character, nor a combining mark. A text without one has no sentence, and no stance."""
    return any(not c.isspace() and c != TATWEEL and unicodedata.category(c) not in _BLANK for c in text)


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and (text[start].isspace() or unicodedata.category(text[start]) in _EDGE):
        start += 1
    while end > start and (text[end - 1].isspace() or unicodedata.category(text[end - 1]) in _EDGE):
        end -= 1
    if shows_something(text[start:end]):
        spans.append((start, end))
