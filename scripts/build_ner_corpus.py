#!/usr/bin/env python3
"""Build the bundled Arabic NER corpus from its hand-annotated source.

The human-editable source is ``data/ner/annotated.txt``: one sentence a line,
entities marked inline as ``[[surface|LABEL]]``.  Attached clitics stay
outside the brackets (``و[[بوتين|PER]]``).  Lines starting with ``#`` are
comments; a line ``## split: train`` (or ``dev`` / ``test``) switches the split
that the following sentences belong to.  Blank lines are ignored.

This script strips the markup, computes character offsets by code and writes
one JSON object per line to ``data/ner/{train,dev,test}.jsonl``::

    {"id": "ner-train-0001", "text": "...",
     "entities": [{"start": 5, "end": 17, "label": "PER"}]}

Offsets are Python string indices (Unicode code points), ``end`` exclusive,
entities sorted by ``start``.  Every span is validated (see :func:`validate`);
any problem is reported with its line number and the build fails without
writing anything.  Output files are written atomically (temporary file and
``os.replace``).

It also prints per-split / per-type counts and checks that at least
``--min-unseen`` percent of the distinct test entity surface forms never occur
as an entity surface in train.

Usage::

    python scripts/build_ner_corpus.py            # build
    python scripts/build_ner_corpus.py --check    # verify the JSONL files are up to date

Standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

LABELS: tuple[str, ...] = ("PER", "ORG", "LOC", "MISC")
SPLITS: tuple[str, ...] = ("train", "dev", "test")

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO_ROOT / "data" / "ner" / "annotated.txt"
DEFAULT_OUT_DIR = REPO_ROOT / "data" / "ner"

MARKUP_RE = re.compile(r"\[\[(?P<surface>[^\[\]|]*)\|(?P<label>[^\[\]|]*)\]\]")
SPLIT_RE = re.compile(r"^##\s*split:\s*(?P<split>\S+)\s*$")

TATWEEL = "\u0640"
# Arabic harakat, tanwin, shadda, sukun, dagger alef and similar combining marks.
DIACRITICS_RE = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
# Run of "word" characters immediately before / after a span (letters, marks, tatweel).
ARABIC_WORD_CHAR_RE = re.compile("[\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u0640\u064b-\u065f\u0670]")
ARABIC_LETTER_RE = re.compile("[\u0621-\u063a\u0641-\u064a\u0671-\u06d3]")
# Allowed attached proclitics before an entity: optional و/ف, optional ب/ل/ك,
# optionally followed by tatweel (as in "لـ«داعش»" or "بـداعش").
CLITIC_PREFIX_RE = re.compile("^[\u0648\u0641]?[\u0628\u0644\u0643]?\u0640*$")
# A span that itself begins with clitic + article (e.g. "بالأمم", "للأمم"):
# the clitic should have been left outside the brackets.
CLITIC_INSIDE_RE = re.compile("^(?:[\u0648\u0641\u0628\u0643]{1,2}\u0627\u0644|[\u0648\u0641]?\u0644\u0644)")
# Names that legitimately start like "clitic + ال" (وكالة = agency, فاليري = Valery).
CLITIC_INSIDE_ALLOWED: tuple[str, ...] = ("وكالة", "وكالات", "فالي", "فالن", "والتر", "بالي")
# Titles and honorifics that must stay outside a PER span.
PER_TITLES: tuple[str, ...] = (
    "الرئيس",
    "رئيس",
    "وزير",
    "الوزير",
    "الشيخ",
    "السيد",
    "الجنرال",
    "المشير",
    "العماد",
    "العقيد",
    "النقيب",
    "اللواء",
    "العميد",
    "الأمير",
    "الملك",
    "البابا",
    "آية الله",
    "الدكتور",
    "المبعوث",
    "القاضي",
    "الإمام",
    "السفير",
    "الكولونيل",
    "المستشار",
    "المستشارة",
    "العاهل",
    "المرشد",
    "النائب",
)


class CorpusError(Exception):
    """Raised when the annotated source is malformed; carries every problem found."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Entity:
    """One entity span over the plain text."""

    start: int
    end: int
    label: str
    surface: str


@dataclass
class Sentence:
    """One annotated sentence with its split and source line number."""

    split: str
    line: int
    text: str
    entities: list[Entity] = field(default_factory=list)


def strip_marks(text: str) -> str:
    """Remove Arabic diacritics and tatweel (used only for lint checks and reporting)."""
    return DIACRITICS_RE.sub("", text).replace(TATWEEL, "")


def parse_line(raw: str, split: str, lineno: int, source: str) -> tuple[Sentence | None, list[str]]:
    """Parse one annotated line into plain text and entity spans computed by code."""
    problems: list[str] = []
    where = f"{source}:{lineno}"
    pieces: list[str] = []
    entities: list[Entity] = []
    cursor = 0
    length = 0
    for match in MARKUP_RE.finditer(raw):
        before = raw[cursor : match.start()]
        pieces.append(before)
        length += len(before)
        surface = match.group("surface")
        label = match.group("label")
        start = length
        pieces.append(surface)
        length += len(surface)
        entities.append(Entity(start=start, end=length, label=label, surface=surface))
        cursor = match.end()
    tail = raw[cursor:]
    pieces.append(tail)
    text = "".join(pieces)

    # Anything bracket-like left over means the markup was unbalanced or malformed.
    for char in ("[", "]", "|"):
        if char in text:
            col = text.index(char)
            problems.append(
                f"{where}: unbalanced or malformed markup: stray {char!r} near {text[max(0, col - 15) : col + 15]!r}"
            )
    if text != text.strip():
        problems.append(f"{where}: sentence has leading or trailing whitespace")
    if "  " in text or "\t" in text:
        problems.append(f"{where}: sentence contains a tab or a double space")
    if not text.strip():
        problems.append(f"{where}: empty sentence")
    problems.extend(validate(text, entities, where))
    if problems:
        return None, problems
    return Sentence(split=split, line=lineno, text=text, entities=entities), []


def validate(text: str, entities: list[Entity], where: str) -> list[str]:
    """Check every span of one sentence; return human-readable problems (empty if fine)."""
    problems: list[str] = []
    previous_end = -1
    for ent in sorted(entities, key=lambda e: (e.start, e.end)):
        label = f"[[{ent.surface}|{ent.label}]]"
        if ent.label not in LABELS:
            problems.append(f"{where}: {label}: label {ent.label!r} not in {', '.join(LABELS)}")
        if ent.start >= ent.end or not ent.surface:
            problems.append(f"{where}: {label}: empty entity")
            continue
        if text[ent.start : ent.end] != ent.surface:
            problems.append(f"{where}: {label}: offsets do not reproduce the surface")
        if ent.surface != ent.surface.strip():
            problems.append(f"{where}: {label}: surface has leading or trailing whitespace")
        if ent.start < previous_end:
            problems.append(f"{where}: {label}: overlaps the previous entity")
        previous_end = max(previous_end, ent.end)
        first = ent.surface[0]
        if DIACRITICS_RE.match(first) or first == TATWEEL:
            problems.append(f"{where}: {label}: span starts with a diacritic or tatweel")
        # Characters glued to the span on the left must be an allowed clitic chain.
        i = ent.start
        while i > 0 and ARABIC_WORD_CHAR_RE.match(text[i - 1]):
            i -= 1
        prefix = DIACRITICS_RE.sub("", text[i : ent.start])
        if i < ent.start and not CLITIC_PREFIX_RE.match(prefix):
            problems.append(
                f"{where}: {label}: span starts inside a word (glued prefix {text[i : ent.start]!r} "
                "is not a clitic و/ف + ب/ل/ك)"
            )
        # The span must not end in the middle of a word (letters or marks after it).
        if ent.end < len(text) and (ARABIC_LETTER_RE.match(text[ent.end]) or DIACRITICS_RE.match(text[ent.end])):
            problems.append(f"{where}: {label}: span ends inside a word")
        bare = strip_marks(ent.surface)
        if CLITIC_INSIDE_RE.match(bare) and not bare.startswith(CLITIC_INSIDE_ALLOWED):
            problems.append(
                f"{where}: {label}: span seems to start with a clitic + article; keep و/ف/ب/ك/ل outside the brackets"
            )
        if ent.label == "PER":
            for title in PER_TITLES:
                if bare == title or bare.startswith(title + " "):
                    problems.append(f"{where}: {label}: title {title!r} must stay outside the PER span")
                    break
    return problems


def parse_source(path: Path) -> list[Sentence]:
    """Parse the whole annotated file; raise :class:`CorpusError` listing every problem."""
    source = path.name
    problems: list[str] = []
    sentences: list[Sentence] = []
    split: str | None = None
    seen: dict[str, int] = {}
    attempted: set[str] = set()
    with path.open(encoding="utf-8") as handle:
        for lineno, raw_line in enumerate(handle, start=1):
            raw = raw_line.rstrip("\n").rstrip("\r")
            if unicodedata.normalize("NFC", raw) != raw:
                problems.append(f"{source}:{lineno}: line is not NFC-normalised")
            if not raw.strip():
                continue
            if raw.startswith("#"):
                m = SPLIT_RE.match(raw)
                if m:
                    if m.group("split") not in SPLITS:
                        problems.append(
                            f"{source}:{lineno}: unknown split {m.group('split')!r} "
                            f"(expected one of {', '.join(SPLITS)})"
                        )
                        split = None
                    else:
                        split = m.group("split")
                elif raw.startswith("##") and "split" in raw:
                    problems.append(f"{source}:{lineno}: malformed split line {raw!r}")
                continue
            if split is None:
                problems.append(f"{source}:{lineno}: sentence before any valid '## split: ...' line")
                continue
            attempted.add(split)
            sentence, line_problems = parse_line(raw, split, lineno, source)
            problems.extend(line_problems)
            if sentence is None:
                continue
            if sentence.text in seen:
                problems.append(f"{source}:{lineno}: duplicate sentence (first seen on line {seen[sentence.text]})")
                continue
            seen[sentence.text] = lineno
            sentences.append(sentence)
    for name in SPLITS:
        if name not in attempted:
            problems.append(f"{source}: split {name!r} has no sentences")
    if problems:
        raise CorpusError(problems)
    return sentences


def to_records(sentences: Iterable[Sentence], split: str) -> list[dict[str, object]]:
    """Turn the sentences of one split into JSON-ready records with stable ids."""
    records: list[dict[str, object]] = []
    for index, sentence in enumerate((s for s in sentences if s.split == split), start=1):
        records.append(
            {
                "id": f"ner-{split}-{index:04d}",
                "text": sentence.text,
                "entities": [
                    {"start": e.start, "end": e.end, "label": e.label}
                    for e in sorted(sentence.entities, key=lambda e: (e.start, e.end))
                ],
            }
        )
    return records


def render_jsonl(records: list[dict[str, object]]) -> str:
    """Serialise records as JSON Lines (UTF-8, not ASCII-escaped, trailing newline)."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def write_atomic(path: Path, content: str) -> None:
    """Write ``content`` to ``path`` via a temporary file in the same folder and ``os.replace``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp creates the file 0600; give the output the usual permissions (0666 minus umask).
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp_name, 0o666 & ~umask)
        os.replace(tmp_name, path)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise


def unseen_stats(sentences: list[Sentence]) -> tuple[float, float, int, int]:
    """Share of test entity surfaces never annotated as an entity surface in train.

    Returns (percent of distinct test surface forms, percent of test mentions,
    number of distinct test forms, number of test mentions).  Exact surface match.
    """
    train_forms = {e.surface for s in sentences if s.split == "train" for e in s.entities}
    test_mentions = [e.surface for s in sentences if s.split == "test" for e in s.entities]
    test_forms = set(test_mentions)
    if not test_forms:
        return 0.0, 0.0, 0, 0
    unseen_forms = sum(1 for f in test_forms if f not in train_forms)
    unseen_mentions = sum(1 for f in test_mentions if f not in train_forms)
    return (
        100.0 * unseen_forms / len(test_forms),
        100.0 * unseen_mentions / len(test_mentions),
        len(test_forms),
        len(test_mentions),
    )


def stats_table(sentences: list[Sentence]) -> str:
    """Markdown table of sentences, whitespace tokens and entities per type for each split."""
    header = "| split | sentences | tokens | PER | ORG | LOC | MISC | entities |"
    rule = "|---|---:|---:|---:|---:|---:|---:|---:|"
    rows = [header, rule]
    total_counts: Counter[str] = Counter()
    total_sent = total_tok = 0
    for split in SPLITS:
        items = [s for s in sentences if s.split == split]
        counts = Counter(e.label for s in items for e in s.entities)
        tokens = sum(len(s.text.split()) for s in items)
        total_counts.update(counts)
        total_sent += len(items)
        total_tok += tokens
        rows.append(
            f"| {split} | {len(items)} | {tokens} | "
            + " | ".join(str(counts[label]) for label in LABELS)
            + f" | {sum(counts.values())} |"
        )
    rows.append(
        f"| **total** | {total_sent} | {total_tok} | "
        + " | ".join(str(total_counts[label]) for label in LABELS)
        + f" | {sum(total_counts.values())} |"
    )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the process exit status."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="annotated source file")
    parser.add_argument("--out-dir", type=Path, default=DEFAULT_OUT_DIR, help="folder for the JSONL files")
    parser.add_argument(
        "--min-unseen",
        type=float,
        default=30.0,
        help="minimum percent of distinct test entity surfaces absent from train (default 30)",
    )
    parser.add_argument(
        "--check", action="store_true", help="do not write; fail if the JSONL files are missing or stale"
    )
    args = parser.parse_args(argv)

    try:
        sentences = parse_source(args.source)
    except CorpusError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        print(f"{len(exc.problems)} problem(s); nothing written.", file=sys.stderr)
        return 1

    print(stats_table(sentences))
    pct_forms, pct_mentions, n_forms, n_mentions = unseen_stats(sentences)
    print(
        f"\nunseen in train: {pct_forms:.1f}% of {n_forms} distinct test surface forms, "
        f"{pct_mentions:.1f}% of {n_mentions} test mentions (exact surface match)"
    )
    if pct_forms < args.min_unseen:
        print(
            f"error: only {pct_forms:.1f}% of distinct test entity surfaces are unseen in train "
            f"(need at least {args.min_unseen:.1f}%)",
            file=sys.stderr,
        )
        return 1

    outputs = {split: render_jsonl(to_records(sentences, split)) for split in SPLITS}
    if args.check:
        stale = []
        for split, content in outputs.items():
            path = args.out_dir / f"{split}.jsonl"
            if not path.exists() or path.read_text(encoding="utf-8") != content:
                stale.append(str(path))
        if stale:
            print("error: out of date, rerun the build: " + ", ".join(stale), file=sys.stderr)
            return 1
        print("JSONL files are up to date.")
        return 0
    for split, content in outputs.items():
        write_atomic(args.out_dir / f"{split}.jsonl", content)
    print(f"wrote {', '.join(str(args.out_dir / f'{s}.jsonl') for s in SPLITS)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
