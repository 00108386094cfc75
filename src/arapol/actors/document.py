"""One text as the attribution rules read it: its tokens, its actor mentions and the look-ups the rules share."""

from __future__ import annotations

import bisect
import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from .aliases import (
    COUNTERPARTS,
    FORMER,
    OFFICIAL_MODIFIERS,
    POSSESSORS,
    RELATED,
    Actor,
    ActorTable,
    Mention,
    ner_actor,
    normalise,
    normalise_key,
)
from .lexicon import (
    _ATTACHING,
    _BL_NOUNS,
    _CLOSE_QUOTES,
    _COMMANDS,
    _COMPLEMENTIZERS,
    _IMPERSONAL,
    _ISSUED,
    _NAME_QUOTES,
    _ON_BEHALF,
    _PREPS,
    _QUOTES,
    _RELATIVES,
    _SAYING,
    _SHADDA,
    _SHADDA_VERBS,
    _SOURCE_NOUNS,
    _STATEMENT_ADJECTIVES,
    _STATEMENTS,
    _TIMES,
    _WHEN,
    _is_prep,
    _passive,
    _strip_conj,
    is_reporting_verb,
)


@dataclass
class _Tok:
    text: str  # normalised, folded
    start: int  # in the original text
    end: int
    word: bool
    name: bool = False  # the first word of a mention: no function word (قال بان كي مون: not بأن)


def _complementizer(t: _Tok, conj: bool = False) -> bool:
    """``t`` is ``أن``/``إن``/``بأن``… (``وإن``/``فإن`` too when ``conj``), not a name's first word."""
    return t.word and not t.name and (_strip_conj(t.text) if conj else t.text) in _COMPLEMENTIZERS


_SHORT_WORDS = {"في", "من", "عن", "لا", "ما", "ان", "لم", "قد", "هو", "هي", "او", "كل", "مع", "ثم", "لن", "بل", "اي",
                "يا", "له", "به", "ذا"}
"""Words of one or two letters that stand alone: never the end of a verb split at its shadda."""


def tokens_of(text: str) -> list[_Tok]:
    """Words (normalised) and punctuation marks of ``text``, with their original spans. A verb of saying that
    scraped text splits where its shadda was (``صر ح``، ``وأك د``، ``حذ ر``: a space for the mark) is one word."""
    n = normalise(text)
    out: list[_Tok] = []
    for m in re.finditer(r"[^\W\d_]+|\d+|[^\s\w]", n.text):
        s, e = n.to_original(m.start(), m.end())
        word = m.group()
        prev = out[-1] if out else None
        if prev is not None and prev.word and len(word) <= 2 and word not in _SHORT_WORDS and \
                n.text[m.start() - 1:m.start()] == " " and n.text[m.start() - 2:m.start() - 1] == prev.text[-1:] and \
                is_reporting_verb(prev.text + word) and not is_reporting_verb(prev.text):
            out[-1] = _Tok(prev.text + word, prev.start, e, True)
            continue
        out.append(_Tok(word, s, e, word[0].isalnum()))
    return out


def _unquote_names(toks: list[_Tok], mentions: Sequence[Mention]) -> list[_Tok]:
    """``toks`` without the quotation marks right around a run of adjacent mentions (``«جبهة النصرة»``،
    ``" روسيا وتركيا "``) or around the rest of a name after its first word (``تنظيم " الدولة "``): the rules then
    read a quoted name as they read it unquoted."""
    starts = [t.start for t in toks]
    covered: set[int] = set()
    for m in mentions:
        covered.update(range(bisect.bisect_right(starts, m.start) - 1, bisect.bisect_right(starts, m.end - 1)))
    drop: set[int] = set()
    for i in covered - {c + 1 for c in covered}:  # the first token of each run
        j = i
        while j + 1 in covered:
            j += 1
        drop |= {k for k in range(i, j + 1) if toks[k].text in _QUOTES}  # (قوات " سوريا الديمقراطية ": in the name)
        if i > 0 and j + 1 < len(toks) and toks[j + 1].text in _NAME_QUOTES.get(toks[i - 1].text, ""):
            drop |= {i - 1, j + 1}
    return [t for k, t in enumerate(toks) if k not in drop]


class _Doc:
    def __init__(self, text: str, mentions: Sequence[Mention], table: ActorTable,
                 period: tuple[datetime.date, datetime.date] | None = None) -> None:
        self.text = text
        self.period = period  # the text's date (date_period's), for the titles its people held then
        self.toks = _unquote_names(tokens_of(text), mentions)
        self.starts = [t.start for t in self.toks]
        self.mentions = list(mentions)
        self.table = table
        self.first_tok = [self.tok_at(m.start) for m in self.mentions]
        for f in set(self.first_tok):
            self.toks[f] = replace(self.toks[f], name=True)
        self.last_tok = [self.tok_at(m.end - 1) for m in self.mentions]
        self._covered = {t for f, la in zip(self.first_tok, self.last_tok) for t in range(f, la + 1)}
        self.starting = {f: k for k, f in reversed(list(enumerate(self.first_tok)))}  # the first mention at a token
        self._ending: dict[int, list[int]] = {}  # mentions by their last token
        for k, la in enumerate(self.last_tok):
            self._ending.setdefault(la, []).append(k)
        self.wa_starts = {f for f, m in zip(self.first_tok, self.mentions) if m.prefix == "و"}  # (وتركيا)
        self._by_start = sorted(range(len(self.mentions)), key=lambda k: self.mentions[k].start)
        self._starts_sorted = [self.mentions[k].start for k in self._by_start]
        self._adjuncts: dict[int, bool] | None = None  # adjunct() of each mention, made when first asked for
        self._actors: dict[str, Actor] = {}
        for m in self.mentions:
            if m.actor not in self._actors:
                a = table.get(m.actor) if not m.actor.startswith("ner:") else ner_actor(m.actor, m.ner_label, m.text)
                if a is not None:
                    self._actors[m.actor] = a

    @cached_property
    def first_words(self) -> list[str]:
        """Each mention's first word, normalised (``الكتائب``، ``وزاره``): what a bare head noun names."""
        return [normalise_key(m.text).split()[0] for m in self.mentions]

    def tok_at(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def actor(self, actor_id: str) -> Actor | None:
        return self._actors.get(actor_id) or self.table.get(actor_id)

    def word_before(self, tok: int, n: int = 1) -> str:
        """The n-th word before token ``tok`` (without و/ف), or '' at punctuation or the text's start."""
        j = tok - n
        return _strip_conj(self.toks[j].text) if j >= 0 and self.toks[j].word else ""

    def prev_word(self, k: int) -> str:
        return self.word_before(self.first_tok[k])

    def adjunct(self, k: int) -> bool:
        """The mention sits in a prepositional phrase (بالإعلان، إلى سوريا، لدى الأمم المتحدة).

        ``باسم X``، ``على لسان X``، ``مصادر في X`` (``مسؤول بـX``) and a genitive ``لـ`` after a definite noun
        (``القيادة العامة للجيش``) attach X to the phrase before instead.
        """
        if self._adjuncts is None:  # in text order: a mention asks only about one before it (no deep recursion)
            self._adjuncts = {}
            for j in sorted(range(len(self.mentions)), key=lambda j: (self.first_tok[j], self.last_tok[j])):
                self._adjuncts[j] = self._adjunct(j)
        return self._adjuncts[k]

    def _adjunct(self, k: int) -> bool:
        """:meth:`adjunct`, worked out (the issuer after لـ of a statement is none: ``بيان مشترك لروسيا``)."""
        m = self.mentions[k]
        prev = self.prev_word(k)
        if m.prefix and m.prefix[-1] in "بك":  # (not قال مسؤول بالمعارضة, قيادي بحزب الله: مسؤول في X)
            return not (m.prefix[-1] == "ب" and self.source_noun_before(self.first_tok[k], said=True))
        if any(self._adjuncts.get(j, False) for j in self._ending.get(self.first_tok[k] - 1, ())
               if j != k and (self.mentions[j].actor == m.actor or m.prefix == "و" and m.kind == "title"
                              and normalise_key(m.text).split(" ")[0] in COUNTERPARTS)):
            return True  # a name after its own title, both in the phrase (لدى استقباله المبعوث الأممي غير بيدرسون), and
            # a counterpart joined to it (مع الرئيس الروسي فلاديمير بوتين ونظيره الإيراني)
        if (prev in _STATEMENTS or prev in _STATEMENT_ADJECTIVES and self.word_before(self.first_tok[k], 2) in
                _STATEMENTS) and m.prefix and m.prefix[-1] == "ل" or (
                prev == "عن" and self.word_before(self.first_tok[k], 2) in _ISSUED
                and self.word_before(self.first_tok[k], 3) in _STATEMENTS):
            return False  # بيان للجيش السوري، بيان صادر عن الخارجية: the statement's issuer, who speaks through it
        if m.prefix and m.prefix[-1] == "ل":
            return not (prev.startswith("ال") and prev not in _PREPS and not self.in_mention(self.first_tok[k] - 1))
        if prev in _ATTACHING or (prev == "عن" and self.word_before(self.first_tok[k], 2) in _ON_BEHALF):
            return False  # (باسم X; ممثلون عن X: X acts through them)
        if prev == "في" and self.source_noun_before(self.first_tok[k] - 1):
            return False
        if prev == "من" and self.word_before(self.first_tok[k], 2) == "كل":
            return False  # كل من روسيا وتركيا: "each of", the list itself
        if self.first_tok[k] > 0 and _reports(self, self.first_tok[k] - 1):
            return False  # وبيّن لافروف، وبينت موسكو: a verb's subject (not بين "between", nor بـ + a noun)
        if _is_prep(prev):
            return True
        # the genitive of a prepositional phrase: لدعم سوريا، بمشاركة إيران
        return (len(prev) > 3 and prev[0] in "بل" and not prev.startswith(("بال", "لل")) and prev not in _BL_NOUNS
                and not self.in_mention(self.first_tok[k] - 1))

    def in_mention(self, tok: int) -> bool:
        return tok in self._covered

    def source_noun_before(self, tok: int, said: bool = False) -> bool:
        """A source's noun stands before token ``tok`` (``في``), past its adjectives and quotation marks
        (``مصادر في``، ``مسؤول رفيع في``، ``"مصدر مطلع" في``); with ``said``, right after a verb of saying that takes
        no ``بـ`` (``قال مسؤول بالمعارضة``; not ``أشاد مسؤول بالجيش``: the army is praised)."""
        j, words = tok - 1, 0
        while j >= 0 and words <= 2:
            t = self.toks[j]
            if t.word:
                w = _strip_conj(t.text)
                if w in _SOURCE_NOUNS:
                    return not said or (j > 0 and _strip_conj(self.toks[j - 1].text) in _SAYING)
                if w in _TIMES or w in _WHEN:  # مصدر رسمي أمس في تونس
                    j -= 1
                    continue
                if w not in OFFICIAL_MODIFIERS and self.table.nisba_of(w) is None:  # (مسؤول لبناني في حزب الله)
                    return False
                words += 1
            elif t.text not in _QUOTES:
                return False
            j -= 1
        return False

    def mentions_in(self, start: int, end: int) -> list[int]:
        """Indices of the mentions that start in ``[start, end)``, by position."""
        return self._by_start[bisect.bisect_left(self._starts_sorted, start):
                              bisect.bisect_left(self._starts_sorted, end)]

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """``(lo, hi)``: the tokens that start in ``[start, end)``."""
        return bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)

    def among_others(self, k: int) -> bool:
        """Mention ``k`` right after a noun of other people tied to it (:data:`RELATED`: ``وقال معارضو أردوغان``،
        ``ضحايا داعش``، ``محامي ترامب``): those people speak, and often against it, not the actor."""
        j = self.first_tok[k] - 1
        return not self.mentions[k].prefix and j >= 0 and self.toks[j].word and not self.in_mention(j) and \
            _strip_conj(self.toks[j].text) in RELATED

    def after_definite(self, k: int) -> bool:
        """The mention follows a definite word that belongs to no mention (المندوب البريطاني روسيا), a name in
        quotation marks (``شركة الطاقة النووية الأوكرانية «إنرغوآتوم» القوات الروسية``), or a prepositional phrase that
        ends in another actor: a noun phrase ended before it, so it is an object — unless it is a person named in
        apposition."""
        j = self.first_tok[k] - 1
        if j > 0 and self.toks[j].text in _CLOSE_QUOTES and self.toks[j - 1].word and not self.in_mention(j - 1):
            return True
        if j < 0 or not self.toks[j].word:
            return False
        if self.in_mention(j):  # after a phrase that ends in an actor (المندوب البريطاني لدى الأمم المتحدة روسيا)
            return any(self.adjunct(i) and self.mentions[i].actor != self.mentions[k].actor
                       for i in self._ending.get(j, ()))
        prev = _strip_conj(self.toks[j].text)
        if self.mentions[k].prefix[-1:] == "ل" and not self.adjunct(k) and self.commanded(k):
            return False  # القيادة العامة للجيش الوطني الليبي: the body speaks through its command
        return prev.startswith("ال") and prev not in _PREPS and not is_reporting_verb(self.toks[j].text)

    def ancestors(self, actor_id: str) -> set[str]:
        """Actors this one belongs to, transitively (member_of, leader_of, part_of; and the state of a title it
        holds: ``نبيه بري``, holder of ``رئيس مجلس النواب اللبناني``, is Lebanon's)."""
        out: set[str] = set()
        todo = [actor_id]
        while todo:
            current = todo.pop()
            a = self.actor(current)
            if a is None:
                continue
            targets = [t for rel, t in a.relations if rel in ("member_of", "leader_of", "part_of")]
            for target in (*targets, *sorted(self.table.title_states(current, self.period))):
                if target not in out:
                    out.add(target)
                    todo.append(target)
        return out

    def after_own_title(self, k: int) -> bool:
        """The mention ``k`` follows one of the same actor (``الأمين العام لحزب الله حسن نصر الله``: its title)."""
        actor = self.mentions[k].actor
        return any(self.mentions[j].actor == actor for j in self._ending.get(self.first_tok[k] - 1, ()))

    def commanded(self, k: int) -> bool:
        """The mention ``k``, a genitive with لـ, belongs to a body's command, organ or arm (``القيادة العامة للجيش``،
        ``هيئة الأركان العامة للجيش``، ``اللجنة التنفيذية للعمال الكردستاني``، ``الذراع السياسية للجماعة``، ``القوات
        التابعة لحزب الله``), which speaks or acts for it; not to an office (``القائد العام للجيش``، ``المندوب الدائم
        لسوريا``: the holder speaks)."""
        j = self.first_tok[k] - 1
        for _ in range(3):
            if j < 0 or not self.toks[j].word or self.in_mention(j):
                return False
            if _strip_conj(self.toks[j].text) in _COMMANDS:
                return True
            j -= 1
        return False

    def possessed(self, k: int) -> bool:
        """The person mention ``k`` names whose son, deputy or adviser speaks (``نجل الزعيم الليبي الراحل معمر القذافي
        سيف الإسلام``، ``نجل القذافي``): a word of :data:`POSSESSORS` before it, with nothing between but a title it
        holds on the text's date (at any time after الراحل، السابق); not ``مستشار الرئيس التركي ياسين أقطاي``, the
        adviser's own name after his chief's title, nor ``نائب وزير الخارجية السوري فيصل المقداد`` before he was
        minister. Also a genitive with لـ after a definite noun (``الممثل الخاص للأمين العام``، ``المستشار الإعلامي
        للرئيس السوري``): the noun before is who speaks."""
        if self.mentions[k].prefix[-1:] == "ل" and self.after_definite(k):
            return True
        j = self.first_tok[k] - 1
        between: list[str] = []
        while j >= 0 and self.toks[j].word and not self.in_mention(j):
            w = _strip_conj(self.toks[j].text)
            if w[:1] in "لب" and w[1:] in POSSESSORS:
                w = w[1:]  # (ووفقا لمبعوث الرئيس الروسي: the envoy is the source)
            if w in POSSESSORS:
                tok = self.toks[j]
                if w[-1] == "ه" and w[:-1] in POSSESSORS and self.text[tok.end - 1] == "ه":
                    return False  # شقيقه ماهر الأسد, "his brother Maher": the name says who he is (شقيقة: sister of)
                phrase = " ".join(reversed([b for b in between if b not in FORMER]))
                period = None if len(phrase.split()) < len(between) else self.period
                return not phrase or any(p.startswith(phrase) or phrase.startswith(p)
                                         for p in self.table.held_offices(self.mentions[k].actor, period))
            between.append(self.toks[j].text)
            j -= 1
        return False

    def can_speak(self, k: int) -> bool:
        """Places speak only as capitals (metonymy); news media report and hold no stance."""
        a = self.actor(self.mentions[k].actor)
        return a is not None and a.type != "media" and (not a.is_place or a.speaks_for is not None)

    def actor_type(self, k: int) -> str:
        """The type of mention ``k``'s actor (``""`` for one the table does not know)."""
        a = self.actor(self.mentions[k].actor)
        return a.type if a is not None else ""

    def is_person(self, k: int) -> bool:
        return self.actor_type(k) == "person"

    def is_place(self, k: int) -> bool:
        a = self.actor(self.mentions[k].actor)
        return a is not None and a.is_place


_UNSAID_AFTER = _RELATIVES | {"حسبما"}
"""Words after which a verb of saying opens no clause of its own: a relative (``الذي يدعو``، ``بحسب ما ذكرت``) and
``حسبما`` (``حسبما ذكرت الوكالة``), whose verb names a source."""


def _reports(doc: _Doc, i: int) -> bool:
    """Token ``i`` is a reporting verb in the active voice, outside a relative clause (``الذي يدعو``) and a source's
    marker (``حسبما ذكرت الوكالة قصفت قوات النظام``: حسب + ما, so the verb names the source, and the regime acts in
    what it reports); a shadda makes a verb of :data:`_SHADDA_VERBS` (``وحمّل``)."""
    t = doc.toks[i]
    written = doc.text[t.start:t.end]
    if _strip_conj(t.text) in _IMPERSONAL and i + 1 < len(doc.toks) and doc.toks[i + 1].text in ("ان", "الي"):
        return False  # يذكر أن مصر اقترحت: the writer's aside, nobody's words
    return ((is_reporting_verb(t.text) or (_strip_conj(t.text) in _SHADDA_VERBS and _SHADDA in written))
            and doc.word_before(i) not in _UNSAID_AFTER and not _passive(written) and not _hoped_for(doc, i))


_SUBJUNCTIVE = {"ان", "كي", "لكي", "اذا", "لو", "لئلا", "كيلا"}
"""Words after which a verb is hoped for, feared, asked for or supposed (``ويأمل بايدن أن توافق حماس``، ``كي توافق``،
``إذا وافقت إسرائيل``), not what its subject says or does; normalised."""


def _hoped_for(doc: _Doc, i: int) -> bool:
    """Token ``i`` follows one of :data:`_SUBJUNCTIVE` (with و or ف before it); an ``أن`` not after بعد، قبل، منذ،
    سبق (``بعد أن أعلنت روسيا``، ``وسبق أن شككت وزارة الدفاع``: it did) nor the writer's aside (``يذكر أن اقترحت
    مصر``: it did propose)."""
    particle = doc.word_before(i)
    if particle not in _SUBJUNCTIVE or particle == "ان" and "إ" in doc.text[doc.toks[i - 1].start:doc.toks[i - 1].end]:
        return False  # (إنّ takes a noun: سي إن إن قال لافروف, CNN's name before the verb)
    before = doc.word_before(i, 2)
    if before in ("سي", "ان"):
        return False  # (سي ان ان: CNN written without its hamzas)
    return particle != "ان" or before not in {"بعد", "قبل", "منذ", "ريثما", "سبق"} | _IMPERSONAL
