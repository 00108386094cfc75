"""The actor alias table: loading it from YAML and finding actor mentions in Arabic text.

Both the aliases and the text are normalised the same way (:data:`MATCH_STEPS` of
:class:`arapol.text.Normaliser`, plus a one-to-one fold of Persian letter forms and Latin case), so
spelling variants of alef, alef maqsura and ta marbuta, tashkeel, tatweel and bidi marks never stop a
match. A text word may carry clitic prefixes (و ف ب ل ك, and pairs such as وب، ول، فب) before the
alias's first word, and ``لل`` stands for ``ل`` + ``ال``. Matching is greedy left to right, longest
alias first (of two as long, the whole word's before a clitic's: وجدة is Oujda's, not و + جدة "and Jeddah",
unless an NER entity starts after the clitic), and every mention is an exact character span of the ORIGINAL text.

Aliases come in four kinds (see ``data/actors.yaml``):

- ``aliases`` of an actor — matched anywhere;
- ``weak`` aliases — words that are often something else (فتح "opened", عون "help"): a weak mention is
  kept only when the same actor also has a strong mention in the text, or when an NER entity of its kind
  lies within it (a longer name around it is someone else; a state may be tagged LOC as well as ORG);
  otherwise a strong alias that opens it stands (with a user's weak ``روسيا اليوم`` for the channel, ``أعلنت
  روسيا اليوم`` is Russia, today);
- ``titles`` — offices such as الرئيس الروسي, resolved per text to one of their holders: the holder
  named right after the title (a person who holds another title, named there, is its object, not its
  holder), else, with a date, the holder in office then (for a year or a month, the one in office longest
  in it, if longer than the days no listed holder held it; otherwise no mention), else a holder named
  anywhere in the text, else the latest holder. A ``named_only`` title (المبعوث الأممي) stops after the
  names: with none of its holders named it gives no mention. A title followed by السابق ("former"),
  المنتخب ("elect") or المقبل ("next") resolves only to a name next to it, and one right after a possessor noun
  (نائب, مستشار, زوجة, مبعوث…: the holder's deputy, adviser, wife, envoy) gives no mention;
- ``blocked`` phrases — longer phrases that contain an alias but are not that actor
  (مجلس الأمن القومي is not the UN Security Council); they match and produce nothing.

A state's ``nisba`` adjectives (تركي، أتراك) make an unnamed official or source a mention of that state (kind
``official``): one of :data:`_OFFICIALS`, up to two adjectives (:data:`OFFICIAL_MODIFIERS`), then the nisba
(``مسؤول تركي``، ``مصادر دبلوماسية روسية``، ``مسؤولون أمريكيون وأتراك``: two states), unless a word after it says
the official is not the state's (``سابق``، ``معارض``).
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as _dt
import operator
import os
import re
import unicodedata
import warnings
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from ..errors import ArapolError, DataError, callers_stacklevel, first_few
from ..sentences import soft_breaks
from ..text import Normalised, Normaliser
from ..yamlio import load_yaml, yaml_problem
from .lexicon import _COMPLEMENTIZERS, _RANKS, is_reporting_verb
from .names import ARABIC, COMPOUND_HEADS, FOREIGN, HONOURS, NAMED_AFTER, PATRONYMIC, consonants

MATCH_STEPS: tuple[str, ...] = ("presentation_forms", "tashkeel", "combining_marks", "tatweel", "alef",
                                "alef_maqsura", "ta_marbuta", "controls")
"""Normalisation applied to both the aliases and the text before matching."""

ACTOR_TYPES: tuple[str, ...] = (
    "person", "state", "government_body", "armed_forces", "armed_group", "party", "international_org",
    "ngo", "media", "city", "region", "organisation",
)
"""The actor types an alias table may use (``organisation`` is what an unknown NER ORG becomes)."""

PLACE_TYPES: frozenset[str] = frozenset({"city", "region"})
"""Types that are places: they speak or act only through a ``capital_of`` relation (metonymy)."""

RELATION_TYPES: tuple[str, ...] = (
    "successor_of", "part_of", "member_of", "affiliated_with", "capital_of", "leader_of", "located_in",
)
"""Relations between actors. ``capital_of`` makes a city speak for its state (رحبت موسكو → Russia)."""

CLITICS: tuple[str, ...] = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك")
"""Prefixes a text word may carry before an alias's first word (the empty prefix first)."""

DEFAULT_ACTORS_ENV = "ARAPOL_ACTORS"
"""Environment variable naming the default alias table instead of ``data/actors.yaml``."""

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_.:-]*$")
_QID_RE = re.compile(r"^Q[1-9][0-9]*$")
_TOKEN_RE = re.compile(r"(?:ال)?\d+|[^\W\d_]+")
"""Words, and numbers as words of their own (الوحدة 8200), an ordinal's ال with its number (الـ44: one word, so
a name after it still follows the title right away)."""
_LATIN_BASES = {**{c: d[0] for c in map(chr, [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)])
                   if (d := unicodedata.normalize("NFD", c)) != c and d[0].isascii() and d[0].isalpha()
                   and all(unicodedata.combining(m) for m in d[1:])},
                **dict(zip("ıøØłŁđĐħĦŧŦ", "ioOlLdDhHtT"))}
"""Latin letters with an accent as their bare letters (``ğ`` → ``g``), as ``combining_marks`` drops an accent written
apart (``g`` + U+0306): ``Erdoğan``, ``Erdogan`` and the decomposed spelling are one name; so are letters with a
stroke or without a dot (``Yıldırım``, ``Yildirim``)."""
_FOLD = str.maketrans({"ی": "ي", "ې": "ي", "ى": "ي", "ک": "ك", "ھ": "ه", "ە": "ه", "ۀ": "ه", "ٱ": "ا", **_LATIN_BASES,
                       **{chr(0x660 + d): str(d) for d in range(10)}, **{chr(0x6F0 + d): str(d) for d in range(10)}})
TABLE_VERSION = 1
"""The format of alias tables this arapol reads (their ``version:``)."""
_ACTOR_KEYS = {"id", "ar", "en", "type", "qid", "aliases", "weak", "relations", "nisba", "note"}
_DEAD = {"الراحل", "الراحله", "المغتال", "الشهيد"}
"""Words after a title that say its holder has died: of the holders a name after them may be, the one who left
first (``الرئيس السوري الراحل الأسد`` is Hafez; ``الرئيس الأمريكي الراحل جورج بوش`` the father)."""
_GONE = {"السابق", "السابقه", "الاسبق", "الاسبقه", "المخلوع", "المخلوعه", "المعزول", "المعزوله", "الفار", "الهارب",
         *_DEAD}
"""Words after a title that say its holder has left it (former, late, deposed, fled, assassinated): a name after them
is a holder whose term ended by the text's date (on the day of a fall too)."""
_TO_COME = {"المنتخب", "المنتخبه", "المقبل", "المقبله"}
"""Words after a title that say its holder has not taken it yet (elect, next): a name after them is not the one in
office on the text's date."""
FORMER = _GONE | _TO_COME
"""Words after a title that say its holder is not the one in office on the text's date: only a name next to the
title tells who."""
_NOT_YET = {"المكلف", "المكلفه", "المرشح", "المرشحه", "القادم", "القادمه"}
"""Words after a title that, with no phrase after them, say its holder is not (yet) the one in office (designate,
nominee, next): like :data:`_TO_COME` there; not in ``المرشح لولاية ثانية`` (a holder running again), ``القادم من
باريس`` (arriving), ``المكلف بالملف`` (in charge of); but ``المكلف بتشكيل الحكومة`` is a designate."""
_DESIGNATE_OF = {"تشكيل", "تاليف", "خلافه"}
"""After a :data:`_NOT_YET` word with ب or ل, what keeps it a designate's (``المكلف بتشكيل الحكومة``، ``المرشح
لخلافة``); forming a government, only after a head of government's title (``واستقبل الرئيس الفرنسي المكلف بتشكيل
الحكومة اللبنانية سعد الحريري``: Macron receives the designate)."""
_DISMISSED = {"المتنحي"}
"""Words after a title that say its holder stepped down: a name after them is that holder whoever held it on the
date; with no name, the title is no longer the one in office (``ومثل الرئيس المصري المتنحي أمام المحكمة``)."""
_PHRASE_HEADS = {"من", "عن", "الي", "علي", "في", "لدي", "مع"}
"""Prepositions that open a phrase of a :data:`_NOT_YET` word's own (``القادم من``، ``بالوكالة عن``)."""
_AMBIGUOUS = {"الشهيد", "المقال", "المقاله"}
"""Words that say a holder died or was dismissed only with his name after them; alone, they may be the verb's
object (``ونعى الرئيس الفلسطيني الشهيد``، ``ونشر وزير الخارجية المقال``: the article)."""

POSSESSORS = {"نائب", "نائبه", "نائبا", "نائبي", "مستشار", "مستشاره", "مساعد", "مساعده", "زوجه", "ابن", "ابنه", "نجل",
              "شقيق", "شقيقه", "صهر", "مبعوث", "مستشارو", "مستشاري", "مساعدو", "مساعدي", "مبعوثو", "مبعوثي", "نواب",
              "عائله", "اسره"}
"""Nouns that make the title right after them its possessor (the deputy, adviser, wife, son, envoy, family... of the
holder): such a title names nobody who acts. Normalised forms (ة as ه)."""

_DEPUTIES = {"نائب", "نائبه", "نائبا", "نائبي", "نواب"}
"""Of :data:`POSSESSORS`, the nouns that also stand alone for a member of parliament."""

RELATED = frozenset({"معارض", "معارضو", "معارضي", "منتقد", "منتقدو", "منتقدي", "خصم", "خصوم", "منافس", "منافسو",
                     "منافسي", "عدو", "اعداء", "ضحايا", "محامي", "محامو", "انصار", "مؤيدو", "مؤيدي", "خاطفو",
                     "خاطفي", "قتله"})
"""Nouns of other people tied to the actor named right after them (its opponents, critics, rivals, enemies,
victims, lawyers, supporters, kidnappers, killers: ``وقال معارضو أردوغان``): they speak, not the actor. Normalised
forms."""

_OFFICIALS = {"مسؤول", "مسؤوله", "مسؤولان", "مسؤولون", "مسؤولين", "مسئول", "مسئوله", "مسئولان", "مسئولون",
              "مسئولين", "مصدر", "مصدران", "مصادر", "دبلوماسيان",
              "دبلوماسيون", "دبلوماسيين", "سلطات", "وفد", "وفود", "جانب", "رئاسه", "حكومه", "متحدث", "متحدثه",
              "ناطق", "ناطقه"}
"""Nouns of unnamed officials, sources, delegations and authorities that a state's nisba makes that state's (``مسؤول
تركي``، ``مصادر دبلوماسية روسية``، ``السلطات الهندية``، ``وفد سعودي``، ``الجانب الأوكراني``، ``الرئاسة المصرية``،
``متحدث عسكري روسي``;
normalised; ``مسئول`` as Egyptian papers write it). Not the singular ``دبلوماسي``, as often an adjective
(``جهد دبلوماسي روسي``)."""
OFFICIAL_MODIFIERS = frozenset(
    {"رفيع", "رفيعه", "رفيعو", "رفيعي", "كبير", "كبيره", "كبار", "بارز", "بارزه"}
    | {stem + end for stem in ("دبلوماسي", "عسكري", "امني", "حكومي", "رسمي", "استخباراتي", "استخباري", "مطلع",
                               "مسؤول", "مسئول", "رئاسي", "ميداني") for end in ("", "ه", "ون", "ين", "ان")})
"""Adjectives between an official's noun and the nisba (``مصدر دبلوماسي روسي``، ``مسؤول رفيع تركي``; normalised).
Not ``سياسي``: political sources are parties' as often as the state's."""
_MINISTERS = (("وزير", "الخارجيه"), ("وزير", "الدفاع"))
_DUALS = {"الرئيسان": (("الرئيس",),), "الرئيسين": (("الرئيس",),), "الرؤساء": (("الرئيس",),), "وزيرا": _MINISTERS,
          "وزيري": _MINISTERS, "وزراء": _MINISTERS}
"""Dual and plural offices (normalised) → the singular title's words before the state's adjective: ``الرئيسان
الروسي والتركي``، ``وزيرا الخارجية الروسي والأمريكي``، ``وزراء الخارجية الروسي والتركي والإيراني`` name one title
holder per adjective. Not a plural with the states' names
(``وزراء خارجية روسيا وتركيا``): those name the states, as the actor gold set reads them."""
COUNTERPARTS = frozenset({"نظيره", "نظيرته", "نظيرها"})
"""A title's holder's counterpart (``ونظيره الروسي``): the same office for the state of the adjective after it."""
_FORMER_DUAL = {"السابقان", "السابقين", "الاسبقان", "الاسبقين", "الراحلان", "الراحلين"}
_NOT_OFFICIAL = {stem + end for stem in ("سابق", "اسبق", "معارض", "مستقل", "منشق", "متقاعد", "مقيم", "كردي", "مقرب")
                 for end in ("", "ه", "ون", "ين", "ان")} | {"كرد", "اكراد", "الاصل", *FORMER}
"""Words after the nisba (past its adjectives) that say the official does not speak for the state: former, opposition,
defector, retired, Kurdish, close to… (``مسؤول سوري سابق``، ``مصدر سوري معارض``، ``مسؤول عسكري سوري منشق``)."""
_OTHER_BODIES = {"المعارضه", "حزب", "الحزب", "اقليم", "الاقليم", "الائتلاف", "الفصائل", "فصيل", "هيئه", "الهيئه",
                 "جبهه", "الجبهه", "حركه", "الحركه", "جماعه", "الجماعه", "تنظيم", "التنظيم", "المؤقته", "الاداره"}
"""After ``في`` following the nisba, words of a body that is not the state (``مسؤول سوري في المعارضة``، ``مسؤول
لبناني في حزب الله``، ``مسؤول عراقي في إقليم كردستان``)."""
_RULING = {"الحاكم", "الحاكمه"}
"""After a body of :data:`_OTHER_BODIES`: the state's ruling one (``مسؤول تركي في الحزب الحاكم``)."""
_SUPPLY = {"من", "علي"}
"""Before ``مصادر``: its origin (``أسلحة من مصادر إيرانية``), not a source who speaks."""
_COUNCILS = {"النواب", "الشيوخ", "الشعب", "الامه", "الشوري", "الوزراء"}
"""After ``مجلس``: a state's parliament or cabinet (``مجلس النواب المصري``)."""
_MINISTRIES = {"الخارجيه", "الداخليه"}
"""Ministries a news text names by their adjective alone (``الخارجية الصينية``: ``وزارة`` understood)."""
_THE_STATES = {"الاداره"}
"""Of :data:`_OTHER_BODIES`, those that with the official's own nisba are the state's (``في الإدارة الأمريكية``)."""


_BEFORE_NOUNS = frozenset({"في", "الي", "من", "داخل", "خارج", "عن", "علي", "نحو", "تجاه", "حول", "ان", "بان", "لان"})
"""Prepositions and complementizers after which a word is a noun: a weak alias that is also an adjective names its
actor there."""


_MINISTER = {"وزير", "وزيره"}
_SPOKESMEN = {"متحدث", "متحدثه", "ناطق", "ناطقه"}
_NOT_PORTFOLIOS = {"السابق", "السابقه", "الاسبق", "الاسبقه"}
_HEADS_OF_GOVERNMENT = {"الوزراء", "الحكومه"}
_ENVOYS = {"سفير", "سفيره", "مندوب", "مندوبه"}
"""With a state's nisba and no holder in the table, a minister of any portfolio (``وزير الخارجية الكويتي``), a head
of government (``رئيس الوزراء الكويتي``) and an ambassador or envoy (``السفير الكويتي``) are that state's officials,
as :data:`_OFFICIALS` are. Not ``الوزير الكويتي`` without a portfolio: an anaphor of a minister named before."""
_OFFICES = {p + w for p in ("", "ال") for w in ("وزير", "وزيره", "رئيس", "رئيسه", "ملك", "امير", "متحدث", "متحدثه",
                                                "ناطق", "ناطقه", "سفير", "سفيره", "مندوب", "مندوبه", "مبعوث", "قائد")}
"""Nouns of an office, bare or definite (``وزير``، ``الرئيس``): one between a title and ``نظيره`` may be whose
counterpart it names (:meth:`ActorTable._counterpart_title`)."""


def _official_head(tokens: list[_Token], i: int) -> tuple[str, bool, int] | None:
    """Whether word ``i`` opens an unnamed official, a source or the authorities (:data:`_OFFICIALS`, definite or
    not: ``مسؤول``، ``المصادر``، ``السلطات``), or a state body the table does not list (a ministry of any definite
    noun, ``وزارة العدل``; a parliament, ``البرلمان``، ``مجلس النواب``; a minister, head of government or envoy of
    :data:`_ENVOYS`' kinds that the table's titles do not cover): its clitic, whether the nisba agreeing with
    it is definite, and the token where adjectives or the nisba may start; else ``None``. A ministry named by its
    adjective (:data:`_MINISTRIES`, ``قالت الخارجية الصينية``) is one unless it follows a definite noun it qualifies
    (``السياسة الخارجية الصينية``) or a minister's title (``وزيرة الخارجية``)."""
    word = tokens[i].text
    nxt = tokens[i + 1].text if i + 1 < len(tokens) else ""
    for prefix in CLITICS:
        if not word.startswith(prefix):
            continue
        rest = word[len(prefix):]
        definite = rest.startswith("ال")
        if (rest[2:] if definite else rest) in _OFFICIALS:
            return prefix, definite, i + 1
        if rest == "البرلمان" or (rest in _MINISTRIES and not _qualifies(tokens[i - 1].text if i else "")):
            return prefix, True, i + 1
        if (rest == "وزاره" and nxt.startswith("ال")) or (rest == "مجلس" and nxt in _COUNCILS):
            return prefix, True, i + 2
        if (rest in _MINISTER and nxt.startswith("ال") and nxt not in _NOT_PORTFOLIOS) or (
                rest == "رئيس" and nxt in _HEADS_OF_GOVERNMENT):
            return prefix, True, i + 2
        if rest.removeprefix("ال") in _ENVOYS:
            return prefix, rest.startswith("ال"), i + 1
    return None


_STOPS = frozenset(".:؛;!?؟")


def _named_after(ntext: str, tokens: list[_Token], j: int, persons: set[int]) -> bool:
    """A person (the tokens ``persons``) is named within six words after token ``j``, before a sentence's end, a colon,
    ``أن`` or a verb of saying or meeting: the title's holder (``وزير الخارجية العراقي، إبراهيم الجعفري``، ``السفيرة
    الأمريكية في الأمم المتحدة نيكي هيلي``)."""
    for k in range(j + 1, min(len(tokens), j + 7)):
        if _STOPS & set(ntext[tokens[k - 1].end:tokens[k].start]) or tokens[k].text in _COMPLEMENTIZERS or \
                is_reporting_verb(tokens[k].text) or tokens[k].text.lstrip("وف") in _MEETING_VERBS:
            return False  # (رئيس الوزراء التونسي يتهم ماكرون: a verb between, the person is its object)
        if k in persons:
            return True
    return False


_MEETING_VERBS = {"استقبل", "يستقبل", "التقي", "يلتقي", "زار", "يزور", "هاتف", "يهاتف", "اجتمع", "يجتمع"}
"""Verbs of meeting (normalised) that a headline puts between an official and whom he meets."""


def _posted(tokens: list[_Token], j: int) -> bool:
    """An envoy's nisba at token ``j`` is followed by his post (``في العراق``، ``لدى الأمم المتحدة``، ``بالقاهرة``)."""
    nxt = tokens[j + 1].text if j + 1 < len(tokens) else ""
    return nxt in ("في", "لدي") or (nxt.startswith("بال") and len(nxt) > 4)


def _qualifies(word: str) -> bool:
    """Whether ``word``, before an adjective, is a definite noun or a minister's title that the adjective qualifies
    (``السياسة``، ``والشؤون``، ``للسياسة``، ``وزيرة``)."""
    return any(word.startswith(p + "ال") or word.startswith(p + "وزير") for p in CLITICS) or word.startswith("لل")


def nisba_forms(word: str) -> tuple[str, ...]:
    """The normalised forms a nisba adjective as a table writes it (``تركي``; a broken plural such as ``أتراك`` as
    itself) takes after an official's noun: feminine, dual and sound plurals of one that ends in ي."""
    base = normalise_key(word)
    if not base.endswith("ي"):
        return (base,)
    return (base, base + "ه", base + "ان", base + "تان", base + "ون", base + "ين", base + "ات")

_normaliser = Normaliser(MATCH_STEPS)


def fold(text: str) -> str:
    """Fold characters one to one (same length): Persian letter forms to Arabic ones, Arabic-Indic digits to
    ASCII ones, accented Latin letters to bare ones, Latin to lower case."""
    text = text.translate(_FOLD)
    if text.isascii():
        return text.lower()
    return "".join(c.lower() if c.isascii() else c for c in text)


def normalise(text: str) -> Normalised:
    """Normalise ``text`` for matching, keeping the offsets back to ``text``; a line break that hard wrapping put
    inside a sentence (:func:`~arapol.sentences.soft_breaks`) is a space, so that an alias may span it."""
    n = _normaliser(text)
    folded = fold(n.text)
    if soft := soft_breaks(text):
        chars = list(folded)
        for o in soft:
            a, b = n.from_original(o, o + (2 if text.startswith("\r\n", o) else 1))  # (the LF of a CR LF too)
            chars[a:b] = " " * (b - a)
        folded = "".join(chars)
    return n if folded == n.text else Normalised(folded, n.original, n.offsets)


def normalise_key(text: str) -> str:
    """The matching form of a phrase: normalised, folded, words joined by one space."""
    return " ".join(_TOKEN_RE.findall(fold(_normaliser.text(text))))


_FOREIGN_GIVEN = frozenset(map(normalise_key, FOREIGN))
_GIVEN = _FOREIGN_GIVEN | frozenset(map(normalise_key, ARABIC))
_NAMED_AFTER = frozenset(map(normalise_key, NAMED_AFTER))
_HONOURS = frozenset(map(normalise_key, HONOURS))
"""Given names, the nouns of what is named after a person, and words of honour (:mod:`.names`), normalised."""
_BETWEEN_TITLE_AND_NAME = (_HONOURS - _GONE) | _RANKS | {
    "الجديد", "الجديده", "المعين", "المعينه", "بالوكاله", "بالانابه", "المنتهيه", "المنتهي", "المستقيل", "المستقيله",
    "المقال", "المقاله", "المتنحي"}
"""Words that may stand between a title and its holder's name whoever held it on the text's date, besides an
ordinal: words of honour and ranks (``الرئيس السوري السيد``), new, appointed (``الرئيس الأمريكي الجديد جو بايدن``
two days before his inauguration), acting, and leaving (outgoing, resigned, dismissed, stepping down: a caretaker
still in office, ``رئيس الحكومة اللبنانية المستقيل حسان دياب``)."""
_NOT_ADJECTIVES = {"الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "اليوم", "الغد", "الان",
                   "الليله", "البارحه", "الي", "الا", "الذي", "التي", "الاعلامي", "الصحفي", "الصحافي", "المحامي",
                   "القاضي"}
"""Words that look definite once normalised, or like a nisba adjective, but qualify no title (days, now, إلى, a
journalist): a full name after them is no holder of the title it follows unless in office then (``وهاجم الرئيس
الأمريكي الأربعاء دونالد ترامب``)."""

_GENERIC = frozenset(map(normalise_key, (
    "تنظيم", "التنظيم", "حركة", "الحركة", "جماعة", "الجماعة", "جبهة", "الجبهة", "حزب", "الحزب", "فصيل", "الفصيل",
    "فصائل", "الفصائل", "ميليشيا", "الميليشيا", "ميليشيات", "الميليشيات", "كتائب", "الكتائب", "لواء", "اللواء",
    "جيش", "الجيش", "قوات", "القوات", "حكومة", "الحكومة", "وزارة", "الوزارة", "الرئيس", "الوزير", "وزير", "الشيخ",
    "السيد", "المتحدث", "الناطق")))
"""Words that name a kind of group or office, not one (normalised): an NER entity that is one of them alone
(``تنظيم`` cut off before a quoted ``«داعش»``) makes no ``ner:`` actor. Not ``النظام`` or ``المعارضة``: in the
news of one conflict they name one side."""


class ActorTableWarning(UserWarning):
    """An alias table that loads but may not do what its author meant: a later file's phrase that takes over another
    file's actor's or title's (a new actor's «حماس» while «حركة حماس» stays the bundled Hamas's), or an entry that
    reuses an existing actor's id with another type or names (it extends that actor and renames it: every «حلب»
    becomes the new one's). Given once per table loaded; ``warnings.simplefilter("ignore", ActorTableWarning)``
    silences it."""


@dataclass(frozen=True)
class Actor:
    """One canonical actor."""

    id: str
    name_ar: str
    name_en: str
    type: str
    qid: str | None = None
    relations: tuple[tuple[str, str], ...] = ()
    aliases: tuple[str, ...] = ()
    weak: tuple[str, ...] = ()
    source: str = ""
    nisba: tuple[str, ...] = ()
    """Adjectives of a state (``تركي``، ``أتراك``) that make an unnamed official or source its (``مسؤول تركي``)."""

    @property
    def speaks_for(self) -> str | None:
        """The state a capital city stands for when it speaks or acts (``capital_of``), else ``None``."""
        for rel, target in self.relations:
            if rel == "capital_of":
                return target
        return None

    @property
    def is_place(self) -> bool:
        return self.type in PLACE_TYPES

    def related(self, relation: str) -> list[str]:
        """Ids this actor has ``relation`` to (``successor_of`` …)."""
        return [t for r, t in self.relations if r == relation]

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "name": self.name_en, "name_ar": self.name_ar, "type": self.type}
        if self.qid:
            out["qid"] = self.qid
        return out


@dataclass(frozen=True)
class Holder:
    """One holder of a title, with the dates of office: ``start`` the first day in it, ``end`` the first day out
    of it (exclusive: a successor's ``from``, or the day after a death or fall); ``None``: open."""

    id: str
    start: _dt.date | None = None
    end: _dt.date | None = None

    def days_in(self, period: tuple[_dt.date, _dt.date]) -> int:
        """Days of ``period`` (start, end exclusive) this holder was in office."""
        if period[0] >= period[1]:  # the last day there is (9999-12-31), whose end no date can stand for
            return int((self.start or _dt.date.min) <= period[0] and (self.end is None or self.end > period[0]))
        lo = max(period[0], self.start or _dt.date.min)
        hi = min(period[1], self.end or _dt.date.max)
        return max(0, (hi - lo).days)


@dataclass(frozen=True)
class Title:
    """An office named by a phrase (الرئيس الروسي) whose holder depends on the text and its date."""

    aliases: tuple[str, ...]
    holders: tuple[Holder, ...]
    source: str = ""
    named_only: bool = False


@dataclass(frozen=True)
class Mention:
    """One actor mention: an exact span of the original text.

    ``kind`` is ``alias``, ``weak``, ``title``, ``official`` (an unnamed official or source with a state's nisba:
    ``مسؤول تركي``) or ``ner``; ``prefix`` is the clitic prefix (normalised)
    the matched word carried outside the span (``و``, ``ب``, ``ول`` …; ``لل`` words keep it inside the
    span and report ``ل``); ``latest``: a title that neither the text's date nor a name resolved, read as the
    table's latest holder.
    """

    actor: str
    start: int
    end: int
    text: str
    kind: str = "alias"
    prefix: str = ""
    alias: str = ""
    ner_label: str = ""
    latest: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass
class _Entry:
    kind: str  # alias | weak | title | blocked
    target: Any  # actor id, Title, or None
    tokens: tuple[str, ...]
    source: str
    cased: tuple[bool, ...] = ()
    """Per token: written as a Latin acronym (``US``, ``UN``), matched only where the text writes it in capitals
    too (not ``us`` in "help us", nor French ``un``)."""
    marks: tuple[str, ...] = ()
    """Per gap between two tokens: the punctuation the alias writes there (``U.S. Army``: ``.``, ``.``;
    ``الوحدة (8200)``: ``(``; ``""`` where it writes none), which the text may write there too. Both are ``()``
    for a joined or split variant (عبدالله for عبد الله), whose words are not the phrase's."""


@dataclass
class _Token:
    start: int  # in the normalised text
    end: int
    text: str
    capitals: bool = False  # written in Latin capitals in the original text (US, not us)


@dataclass
class ActorTable:
    """Actors, their aliases, titles and blocked phrases; :meth:`find` returns the mentions in a text."""

    actors: dict[str, Actor] = field(default_factory=dict)
    titles: list[Title] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    phrase_files: dict[tuple[str, str], str] = field(default_factory=dict)
    """The file that last gave each phrase: ``(actor id, alias, weak alias or nisba word)``, ``("", blocked
    phrase)`` or ``("#title", alias)`` of a title that a later file extended → path (a phrase not listed: its actor's
    or title's ``source``). A later file's phrase takes a phrase over from an earlier file's, whatever their kinds; a
    later file's nisba word takes it over from another actor."""
    phrase_lines: dict[tuple[str, str], int] = field(default_factory=dict, compare=False, repr=False)
    """The line of its file where the item giving each phrase starts, for errors: :attr:`phrase_files`' keys, and
    ``("#title", alias)`` for a title's."""

    def __post_init__(self) -> None:
        self._index: dict[str, list[_Entry]] = {}
        self._build()

    # ---- building -------------------------------------------------------------------------------
    def _build(self) -> None:
        self._title_holders = {h.id for t in self.titles for h in t.holders}
        self._titles_of: dict[str, list[Title]] | None = None  # a holder's titles, made when first asked for
        self._held: dict[str, list[tuple[tuple[str, ...], Holder]]] | None = None  # made when first asked for
        self._own: dict[str, tuple[set[str], set[str]]] = {}  # a person's own names and their consonants, as asked
        index: dict[tuple[str, ...], _Entry] = {}
        self._taken: dict[tuple[str, str], str] = {}  # (file, phrase) → what it took from which file, for a warning

        def add(phrase: str, kind: str, target: Any, source: str, owner: str, line: int | None) -> None:
            written = _as_written(phrase)
            for tokens in _variants(phrase):
                old = index.get(tokens)
                if old is not None and old.target != target and "blocked" not in (kind, old.kind):
                    if old.source == source:
                        raise DataError(
                            f"alias {phrase!r} of {owner} is also {_describe(old)}: an alias must name one actor "
                            "(make it a title, or a weak alias of one of them)", source=source or None, line=line)
                    now = _Entry(kind, target, tokens, source)
                    if not _named(now) <= _named(old):  # (a title's phrase given to one of its holders: no one new)
                        self._taken.setdefault((source, phrase), f"{source}{f':{line}' if line else ''}: {phrase!r} "
                                               f"({_describe(old)} in {_file_named(old.source)}) is now "
                                               f"{_describe(now)}")
                if kind == "blocked" and old is not None and old.kind != "blocked" and source and old.source == source:
                    # blocked phrases come after the file's other phrases: this one would never match
                    raise DataError(f"{phrase!r} is {_describe(old)} and a blocked phrase in the same file: keep one",
                                    source=source, line=line)
                cased, marks = written
                if len(cased) != len(tokens) or len(marks) != len(tokens) - 1:  # a joined or split variant
                    cased, marks = (), ()
                index[tokens] = _Entry(kind, target, tokens, source, cased, marks)

        rank = {src: i for i, src in enumerate(self.sources)}
        lines = self.phrase_lines
        entries: list[tuple[str, str, Any, str, str, int | None]] = []  # phrase, kind, target, file, owner, line
        for actor in self.actors.values():
            for kind, phrases in (("alias", actor.aliases), ("weak", actor.weak)):
                entries += [(a, kind, actor.id, self.phrase_files.get((actor.id, a), actor.source), actor.id,
                             lines.get((actor.id, a))) for a in phrases]
        for title in self.titles:
            entries += [(a, "title", title, self.phrase_files.get(("#title", a), title.source),
                         f"the title {title.aliases[0]!r}", lines.get(("#title", a))) for a in title.aliases]
        entries += [(p, "blocked", None, self.phrase_files.get(("", p), ""), "a blocked phrase", lines.get(("", p)))
                    for p in self.blocked]
        # a phrase whose file is not known ranks first; a blocked one last (it used to be added after all)
        def file_rank(e: tuple[str, str, Any, str, str, int | None]) -> int:
            return rank.get(e[3], len(self.sources) if e[1] == "blocked" else -1)

        for entry in sorted(entries, key=file_rank):
            add(*entry)
        for tokens, entry in list(index.items()):  # after every phrase written: one written so stays its own
            for case in _kunya_cases(tokens):
                index.setdefault(case, replace(entry, tokens=case))
        self._nisba: dict[str, str] = {}
        given: dict[str, str] = {}  # each form's file
        words = [(word, actor.id, self.phrase_files.get((actor.id, word), actor.source))
                 for actor in self.actors.values() for word in actor.nisba]
        for word, aid, source in sorted(words, key=lambda w: rank.get(w[2], -1)):
            for form in nisba_forms(word):
                other = self._nisba.get(form)
                if other is not None and other != aid and given[form] == source:
                    raise DataError(f"nisba {word!r} of {aid} is also one of {other}: a nisba must name one actor",
                                    source=source or None, line=self.phrase_lines.get((aid, word)))
                if other is not None and other != aid:
                    line = self.phrase_lines.get((aid, word))
                    self._taken.setdefault((source, word), f"{source}{f':{line}' if line else ''}: nisba {word!r} "
                                           f"({other}'s in {_file_named(given[form])}) is now {aid}'s")
                self._nisba[form], given[form] = aid, source  # a later file's takes it over
        for actor in self.actors.values():  # طائرات روسية، قوات تركية: some of the state's forces (not تحالف دولي,
            if actor.type == "armed_forces":  # a coalition), where nothing else is written so
                for alias in actor.aliases:
                    for tokens in _variants(_indefinite(alias)):
                        if self._nisba.get(tokens[-1]) in actor.related("part_of"):
                            index.setdefault(tokens, _Entry("alias", actor.id, tokens, actor.source))
        self._index = {}
        for tokens, entry in index.items():
            self._index.setdefault(tokens[0], []).append(entry)
        for entries in self._index.values():
            entries.sort(key=lambda e: -len(e.tokens))

    @property
    def alias_count(self) -> int:
        """Distinct alias phrases (strong and weak, before automatic spelling variants)."""
        return len({normalise_key(a) for actor in self.actors.values() for a in (*actor.aliases, *actor.weak)})

    def __len__(self) -> int:
        return len(self.actors)

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self.actors

    def get(self, actor_id: str) -> Actor | None:
        """The actor with this id; ``ner:`` ids give a synthetic actor."""
        if actor_id in self.actors:
            return self.actors[actor_id]
        if actor_id.startswith("ner:"):
            return ner_actor(actor_id)
        return None

    def lookup(self, phrase: str) -> list[str]:
        """Actor ids a whole phrase names exactly (for tests and debugging): alias, weak or title holders."""
        tokens = tuple(normalise_key(phrase).split())
        for entry in self._index.get(tokens[0], []) if tokens else []:
            if entry.tokens == tokens:
                if entry.kind == "title":
                    return list(dict.fromkeys(h.id for h in entry.target.holders))
                return [] if entry.kind == "blocked" else [entry.target]
        return []

    def held_offices(self, actor_id: str, period: tuple[_dt.date, _dt.date] | None = None) -> list[str]:
        """The phrases (normalised) of the titles ``actor_id`` holds, in ``period`` (:func:`date_period`'s) when
        given, else ever."""
        if self._held is None:  # each title's phrases normalised once, not at every question
            self._held = {}
            for title in self.titles:
                phrases = tuple(normalise_key(a) for a in title.aliases)
                for h in title.holders:
                    self._held.setdefault(h.id, []).append((phrases, h))
        return [p for phrases, h in self._held.get(actor_id, ()) if period is None or h.days_in(period) > 0
                for p in phrases]

    def title_states(self, actor_id: str, period: tuple[_dt.date, _dt.date] | None = None) -> set[str]:
        """The states whose titles ``actor_id`` holds (in ``period`` when given), by the definite nisba in the title:
        ``رئيس مجلس النواب اللبناني`` → Lebanon (not سوريا of ``إلى سوريا``, also a form of سوري)."""
        return {s for p in self.held_offices(actor_id, period) for w in p.split()
                if w.startswith("ال") and (s := self.nisba_of(w))}

    def nisba_of(self, word: str) -> str | None:
        """The actor whose nisba a (normalised) word is, definite (``التركي``) or not; ``None`` if none."""
        found = self._nisba.get(word)
        if found is None and word.startswith("ال"):
            found = self._nisba.get(word[2:])
        return found

    # ---- matching -------------------------------------------------------------------------------
    def fingerprint(self) -> str:
        """A hash of what the table finds: its actors, titles and blocked phrases, with each file they came from
        named by its place in :attr:`sources` (later files take phrases over), not by its path: the same files
        moved or copied elsewhere give the same fingerprint, an edited one another."""
        import hashlib

        rank = {src: str(i) for i, src in enumerate(self.sources)}
        content = ([replace(a, source=rank.get(a.source, a.source)) for _, a in sorted(self.actors.items())],
                   [replace(t, source=rank.get(t.source, t.source)) for t in self.titles], list(self.blocked),
                   sorted((key, rank.get(src, src)) for key, src in self.phrase_files.items()))
        return hashlib.sha256(repr(content).encode("utf-8", "backslashreplace")).hexdigest()[:16]

    def find(self, text: str, *, date: str | _dt.date | None = None,
             entities: Sequence[Mapping[str, Any]] | None = None) -> list[Mention]:
        """All actor mentions in ``text``, sorted by position, non-overlapping.

        ``date`` (ISO string or date) picks title holders in office on that day (``2021`` or ``2021-06``: the
        holder in office longest in that year or month, if longer than the days no listed holder held it);
        ``entities`` (NER results with ``start``/``end``/``label``) confirm weak aliases and add unknown
        ``PER``/``ORG`` entities as ``ner:<normalised text>`` actors.
        """
        period = date_period(date)
        norm = normalise(text)
        tokens = [_Token(m.start(), m.end(), m.group(),
                         m.group().isascii() and _capitals(text, norm, m.start(), m.end()))  # Arabic: none to see
                  for m in _TOKEN_RE.finditer(norm.text)]
        ents = _checked_entities(entities or [], len(text))
        starts = _entity_starts(ents, norm)
        persons_named = [norm.from_original(e["start"], e["end"]) for e in ents if e.get("label") == "PER"]
        raw: list[tuple[_Entry, int, int, int, str]] = []  # entry, first token, last token (excl), nstart, prefix
        namesakes: list[tuple[int, str]] = []  # first token and surname of each namesake named
        i = 0
        while i < len(tokens):
            best = self._match_at(norm.text, tokens, i, starts)
            if best is not None and (why := self._namesake(norm.text, tokens, best, persons_named)):
                if why == "namesake":
                    namesakes.append((best[1], best[0].tokens[-1]))
                i = best[2]
                continue
            if best is not None and best[0].kind == "blocked" and len(best[0].tokens) > 1 and \
                    self._person_surname(best[0].tokens[-1]) and any(
                        s <= best[3] and tokens[best[2] - 1].end <= e for s, e in persons_named):
                # رفعت الأسد, blocked, that NER finds a person: a later الأسد is not Bashar (بحيرة الأسد, a place
                # blocked too, leaves him named)
                namesakes.append((best[1], best[0].tokens[-1]))
            if best is None and (other := self._counterpart_title(tokens, i, raw)) is not None:
                raw.append(other)  # (…، فيما أكد نظيره التركي: the office of the title named before, Turkey's)
                i = other[2]
                continue
            if best is None:
                group = self._collective_title(norm.text, tokens, i)
                raw.extend(group)
                i = group[-1][2] if group else i + 1
                continue
            raw.append(best)
            raw.extend(more := self._elliptic(norm.text, tokens, best))
            i = (more or [best])[-1][2]
        strong: dict[str, list[int]] = {}  # actor → first tokens of its mentions, sorted
        for entry, first, _last, _s, _p in raw:
            if entry.kind == "alias":
                strong.setdefault(entry.target, []).append(first)
        near = _Neighbours(raw, ents, norm)
        resolved: list[tuple[_Entry, int, int, int, str, str]] = []
        latest: set[int] = set()  # first tokens of titles read as their latest holder
        dated: list[tuple[Title, int, int, str]] = []  # titles resolved on a date: title, first, last token, holder
        for entry, first, last, nstart, prefix in raw:
            if entry.kind == "alias":
                resolved.append((entry, first, last, nstart, prefix, entry.target))
            elif entry.kind == "title":
                before = tokens[first - 1].text if first > 0 and prefix in ("", "ل", "لل") else ""
                # (with ل, not نائب: وقال نائب للرئيس, an MP who speaks to him)
                possessors = POSSESSORS - _DEPUTIES if prefix else POSSESSORS
                if before in possessors or (before[:1] in ("و", "ف", "ل", "ب") and before[1:] in possessors):
                    # نائب الرئيس الأمريكي: the title names whose deputy, not who acts; an actor named in it stays
                    resolved += self._inside(norm.text, tokens, first, last)
                    continue
                nstart_next = tokens[last].start if last < len(tokens) else len(norm.text)
                # المتحدث باسم الأمين العام ستيفان دوجاريك: the name after the title is the spokesman's
                named_next = before != "باسم" and self._other_name_follows(entry.target, last, near, nstart_next)
                not_in = _not_in_office(tokens, last, entry.tokens)
                holder, guessed = (None, False) if named_next else self._resolve_title(
                    entry.target, first, last, tokens, near, strong, period, not_in)
                if guessed:
                    latest.add(first)
                if holder is not None:
                    resolved.append((entry, first, last, nstart, prefix, holder))
                    bisect.insort(strong.setdefault(holder, []), first)
                    if period is not None:
                        dated.append((entry.target, first, last, holder))
                elif not not_in:  # (a former envoy of Russia's: Russia would be taken to speak)
                    resolved += self._inside(norm.text, tokens, first, last)
        for title, first, last, holder in dated:  # الرئيس السوري الأسد in 1995: the name next to it is Hafez's too
            for k, (entry, f, la, ns, p, actor) in enumerate(resolved):
                if entry.kind == "alias" and actor != holder and (la == first or f in (last, last + 1)) and \
                        holder in (self._holder_of_the_day(title, entry, period),
                                   self._holder_of_the_day(title, entry, period, gone=True),
                                   self._late_holder(title, entry, period)):
                    resolved[k] = (entry, f, la, ns, p, holder)
        if period is not None:  # الأسد alone in 1995: Hafez too; not once the text named Bashar by another name
            for k, (entry, f, la, ns, p, actor) in enumerate(resolved):  # (جورج دبليو بوش … جورج بوش in 1991)
                if entry.kind == "alias" and actor == entry.target and entry.target in self._title_holders and \
                        not any(e.kind == "alias" and a == actor and e.tokens != entry.tokens and f0 < f
                                for e, f0, _l, _n, _p, a in resolved) and \
                        (other := self._dated_name(entry, period)) is not None:
                    resolved[k] = (entry, f, la, ns, p, other)
        for entry, first, last, nstart, prefix in raw:
            if entry.kind == "weak":
                start, end = norm.to_original(nstart, tokens[last - 1].end)
                if last + 1 < len(tokens) and tokens[last].text in PATRONYMIC and \
                        _joined(norm.text, tokens, last - 1, last + 2):
                    continue  # الأمير محمد بن عبد الرحمن: a son of another father, whoever the text named before
                if any(e.get("label") == "PER" and e["start"] <= start and end <= e["end"] and
                       e["end"] - e["start"] > end - start for e in ents):
                    continue  # عباس زكي tagged as one person: not Mahmoud Abbas, though the text named him before
                if entry.target in strong or _confirmed_by_ner(self.actors[entry.target], start, end, ents) or \
                        self._state_after_preposition(entry, tokens, first, prefix):
                    resolved.append((entry, first, last, nstart, prefix, entry.target))
                elif (shorter := self._match_at(norm.text, tokens, first, starts, below=last)) is not None:
                    resolved.append((*shorter, shorter[0].target))  # (a weak «X Y» unconfirmed: a strong «X» stays)
        mentions: list[Mention] = []
        for entry, first, last, nstart, prefix, actor in self._surnames_taken_up(resolved, namesakes):
            start, end = norm.to_original(nstart, _name_end(norm.text, tokens, first, last))
            span_prefix = prefix[:-1] if prefix.endswith("لل") else prefix
            mentions.append(Mention(actor, start, end, text[start:end], entry.kind, span_prefix,
                                    " ".join(entry.tokens), latest=first in latest))
        covered = {k for _e, first, last, _s, _p in raw for k in range(first, last)}
        # a state's one-word alias that is also its nisba may close an official (وزارة الصحة السعودية): the
        # official's mention then takes its place
        covered -= {first for e, first, last, _s, _p in raw
                    if e.kind == "alias" and last == first + 1 and self.nisba_of(tokens[first].text) == e.target}
        persons = {first for _e, first, _l, _s, _p, actor in resolved if self.actors[actor].type == "person"} | {
            i for i, tok in enumerate(tokens) if norm.offsets[tok.start] in near.person_starts}
        officials = self._officials(text, norm, tokens, covered, persons)
        mentions = [m for m in mentions
                    if not any(o.start <= m.start and m.end <= o.end and o.actor == m.actor for o in officials)]
        mentions.extend(officials)
        mentions.extend(self._ner_mentions(text, mentions, ents))
        mentions.sort(key=lambda m: m.start)
        return mentions

    def _namesake(self, ntext: str, tokens: list[_Token], match: tuple[_Entry, int, int, int, str],
                  persons_named: Sequence[tuple[int, int]] = ()) -> str | None:
        """Whether a person's alias ``match`` follows a given name that is not one of the person's own (``أسماء
        الأسد``، ``إيفانكا ترامب``، ``عبد الرحيم دقلو``: ``"namesake"``; a name the given-name lists lack counts where
        an NER person, ``persons_named``: normalised spans, holds it and the alias, ``فاليري بايدن``، ``منير الأسد``),
        or the noun of a place or an institution named after the person (``مطار رفيق الحريري``، ``مسجد الملك الحسن
        الثاني``: ``"place"``): then it names nobody who acts. ``None`` otherwise."""
        entry, first, last, _nstart, prefix = match
        if entry.kind not in ("alias", "weak") or prefix or first == 0 or \
                self.actors[entry.target].type != "person" or not _joined(ntext, tokens, first - 1, first + 1):
            return None
        readings = {rest for _p, rest, _o in _analyses(tokens[first - 1].text)}
        noun = readings  # the readings of the word before, or before a word of honour (مسجد الملك الحسن الثاني)
        if readings & _HONOURS and first > 1 and _joined(ntext, tokens, first - 2, first):
            noun = {rest for _p, rest, _o in _analyses(tokens[first - 2].text)}
        if noun & _NAMED_AFTER:
            return "place"
        if entry.tokens[0] in _HONOURS:
            return None  # (… بن عبد العزيز، الملك عبد الله الثاني: no given name stands before a title)
        compound = first > 1 and len(tokens[first - 1].text) > 2 and _joined(ntext, tokens, first - 2, first) and \
            any(rest in COMPOUND_HEADS for _p, rest, _o in _analyses(tokens[first - 2].text))
        before = tokens[first - 1].text  # not a title the model took in (الرئيس بايدن), nor a word of honour
        in_person = any(s <= tokens[first - 1].start and tokens[last - 1].end <= e for s, e in persons_named) and \
            not before.startswith("ال") and not readings & _HONOURS
        if not compound and not readings & _GIVEN and not in_person:
            return None
        if first > 2 and tokens[first - 2].text in PATRONYMIC and _joined(ntext, tokens, first - 3, first):
            readings |= {rest for _p, rest, _o in _analyses(tokens[first - 3].text)}  # (عادل بن أحمد الجبير)
        if (own := self._own.get(entry.target)) is None:
            actor = self.actors[entry.target]
            words = {w for phrase in (actor.name_ar, *actor.aliases, *actor.weak)
                     for w in normalise_key(phrase).split()}
            own = self._own[entry.target] = (words, {consonants(w) for w in words})
        # a given name spelt another way (فلاديمر، بينيامين) is the person's own: among the lists' foreign names, or
        # any name where only NER says it is one
        own_name = any(r in own[0] or ((r in _FOREIGN_GIVEN or in_person) and consonants(r) in own[1])
                       for r in readings)
        return None if own_name else "namesake"

    def _person_surname(self, word: str) -> bool:
        """``word`` (normalised) is a person's alias of one word (``الاسد``)."""
        return any(e.kind in ("alias", "weak") and len(e.tokens) == 1 and self.actors[e.target].type == "person"
                   for e in self._index.get(word, ()))

    def _surnames_taken_up(self, resolved: list[tuple[_Entry, int, int, int, str, str]],
                           namesakes: list[tuple[int, str]]) -> list[tuple[_Entry, int, int, int, str, str]]:
        """``resolved`` in text order, a person's bare surname (``الأسد``، ``المالكي``) taken up by the person last
        named in full with it when the text has not named the surname's own actor before: ``رياض المالكي … وقال
        المالكي`` is Riyad al-Maliki, ``حافظ الأسد … الأسد`` (in 1994) Hafez; after a namesake (``محمد الصفدي … وقال
        الصفدي``) it names nobody. A text that named Bashar al-Assad before keeps him for ``الأسد``."""
        bearer: dict[str, str | None] = {}  # surname → the person last named in full with it (None: a namesake)
        seen: set[str] = set()
        out = []
        waiting = sorted(namesakes)
        for item in sorted(resolved, key=lambda r: r[1]):
            entry, first, _last, _nstart, _prefix, actor = item
            while waiting and waiting[0][0] < first:
                bearer[waiting.pop(0)[1]] = None
            person = entry.kind in ("alias", "weak") and self.actors[actor].type == "person"
            if person and len(entry.tokens) == 1 and actor not in seen and bearer.get(entry.tokens[0], actor) != actor:
                if (other := bearer[entry.tokens[0]]) is None:
                    continue
                item, actor = (*item[:5], other), other
            elif person and len(entry.tokens) > 1:
                bearer[entry.tokens[-1]] = actor
            seen.add(actor)
            out.append(item)
        return out

    def _state_after_preposition(self, entry: _Entry, tokens: list[_Token], first: int, prefix: str) -> bool:
        """A weak alias that is also its state's nisba (``سورية``: Syria, or "Syrian") names the state after a
        preposition or a complementizer (``في سورية``، ``لسورية``، ``أن سورية``), where no adjective stands."""
        if len(entry.tokens) != 1 or self.nisba_of(entry.tokens[0]) != entry.target:
            return False
        if prefix.endswith(("ب", "ل")):
            return True
        before = tokens[first - 1].text.removeprefix("و") if first > 0 and not prefix else ""
        return before in _BEFORE_NOUNS

    def _collective_title(self, ntext: str, tokens: list[_Token], i: int) -> list[tuple[_Entry, int, int, int, str]]:
        """The titles a dual office names at word ``i``, one raw match each, with the names matched between them:
        ``الرئيسان الروسي والتركي`` (the Russian and the Turkish president: ``الرئيسان الروسي`` and ``التركي``),
        ``وزيرا الخارجية الروسي والأمريكي``, ``الرئيسين الأميركي جورج بوش والروسي فلاديمير بوتين``; [] where none."""
        word = tokens[i].text
        lead = 1 if word[:1] in ("و", "ف") and word[1:] in _DUALS else 0
        head = next((h for h in _DUALS.get(word[lead:], ()) if i + len(h) <= len(tokens)
                     and all(tokens[i + k].text == w for k, w in enumerate(h) if k)), None)
        j = i + len(head or ())
        entry = self._title_entry((*head, tokens[j].text)) if head and j < len(tokens) else None
        if entry is None or not _joined(ntext, tokens, i, j + 1):
            return []
        out = [(entry, i, j + 1, tokens[i].start + lead, word[:lead])]
        j += 1
        while True:  # the next adjective with و, past up to three words of a name (matched where the table has it)
            names: list[tuple[_Entry, int, int, int, str]] = []
            k, nxt = j, None
            while k < len(tokens) and k - j <= 3 and _joined(ntext, tokens, k - 1, k + 1):
                if tokens[k].text[:1] == "و" and (nxt := self._title_entry((*head, tokens[k].text[1:]))) is not None:
                    break
                name = self._match_at(ntext, tokens, k)
                if name is not None and name[0].kind != "alias":
                    break
                if name is not None:
                    names.append(name)
                k = name[2] if name is not None else k + 1
            if nxt is None:  # (وزيرا الخارجية الأمريكي والبريطاني السابقان: former ones, by name only)
                return [] if j < len(tokens) and tokens[j].text in _FORMER_DUAL else out
            out += [*names, (nxt, k, k + 1, tokens[k].start + 1, "و")]
            j = k + 1

    def _elliptic(self, ntext: str, tokens: list[_Token], match: tuple[_Entry, int, int, int, str]
                  ) -> list[tuple[_Entry, int, int, int, str]]:
        """After a phrase that ends in a state's adjective, the next adjectives joined by و that name another phrase of
        the table with the same head (``الطائرات الروسية والسورية``: ``الطائرات السورية``، the Syrian army's), one
        raw match each."""
        entry, out = match[0], []
        if entry.kind == "blocked" or len(entry.tokens) < 2 or not entry.tokens[-1].startswith("ال") or \
                self.nisba_of(entry.tokens[-1]) is None:
            return out
        k = match[2]
        while k < len(tokens) and tokens[k].text[:1] == "و" and _joined(ntext, tokens, k - 1, k + 1):
            words = (*entry.tokens[:-1], tokens[k].text[1:])
            other = next((e for e in self._index.get(words[0], ()) if e.tokens == words and e.kind != "blocked"), None)
            if other is None or self.nisba_of(words[-1]) is None:
                break
            out.append((other, k, k + 1, tokens[k].start + 1, "و"))
            k += 1
        if entry.kind == "title" and k + 1 < len(tokens) and _joined(ntext, tokens, k - 1, k + 2):
            # الرئيس التركي ونظيره الروسي: the counterpart holds the same office for the adjective's state
            clitic = next((c for c in ("", "و", "ل", "ب") if tokens[k].text[len(c):] in COUNTERPARTS
                           and tokens[k].text.startswith(c)), None)
            other = self._title_entry((*entry.tokens[:-1], tokens[k + 1].text)) if clitic is not None else None
            if other is not None and other is not entry and self.nisba_of(tokens[k + 1].text) is not None:
                out.append((other, k, k + 2, tokens[k].start + len(clitic), clitic))
        return out

    def _counterpart_title(self, tokens: list[_Token], i: int, raw: Sequence[tuple[_Entry, int, int, int, str]]
                           ) -> tuple[_Entry, int, int, int, str] | None:
        """``نظيره`` and a state's adjective at token ``i``, after a title that ends in another state's adjective was
        matched earlier in the text (``قال وزير الخارجية الروسي …، فيما أكد نظيره التركي``): the same office for the
        adjective's state, as right after the title (:meth:`_elliptic`); the latest such title counts, unless another
        office or another person is named between (whose counterpart it may be)."""
        if i + 1 >= len(tokens) or self.nisba_of(tokens[i + 1].text) is None:
            return None
        clitic = next((c for c in ("", "و", "ل", "ب") if tokens[i].text[len(c):] in COUNTERPARTS
                       and tokens[i].text.startswith(c)), None)
        title, end = next(((e, last) for e, _f, last, *_ in reversed(raw) if e.kind == "title" and len(e.tokens) > 1
                           and e.tokens[-1].startswith("ال") and self.nisba_of(e.tokens[-1]) is not None), (None, 0))
        if clitic is None or title is None or any(_OFFICES & {t.text, t.text[1:], t.text[2:]} for t in tokens[end:i]):
            return None  # (not past another office: قال الرئيس الأوكراني … . وقال وزير الخارجية الأوكراني …، عقب لقائه
            # نظيره الروسي: the minister's)
        holder = next((e.target for e, f, *_ in raw if f == end and e.kind == "alias"), None)  # (named after it)
        if any(e.kind == "alias" and end <= f < i and e.target != holder and self.actors[e.target].type == "person"
               for e, f, *_ in raw):
            return None  # (nor past another person: قال الرئيس الروسي … . وقال لافروف …، فيما أكد نظيره التركي)
        other = self._title_entry((*title.tokens[:-1], tokens[i + 1].text))
        return None if other is None or other is title else (other, i, i + 2, tokens[i].start + len(clitic), clitic)

    def _title_entry(self, words: tuple[str, ...]) -> _Entry | None:
        """The title whose alias is exactly ``words`` (normalised), if any."""
        return next((e for e in self._index.get(words[0], ()) if e.kind == "title" and e.tokens == words), None)

    def _officials(self, text: str, norm: Normalised, tokens: list[_Token], covered: set[int],
                   persons: set[int]) -> list[Mention]:
        """Unnamed officials and sources with a state's nisba (``مسؤول تركي``، ``ومصادر أمنية تركية``، ``مسؤولون
        أمريكيون وأتراك``: the second state's nisba a mention of its own), on tokens no alias matched. A minister,
        spokesman or envoy is unnamed only where no person (of the table, or a ``PER`` entity: the tokens
        ``persons``) is named right after the title (``وزير الخارجية العراقي، إبراهيم الجعفري``: he speaks), and an
        envoy only with his post (``السفير الإيراني في العراق``; ``وأضافت السفيرة الأمريكية`` alone takes up the one
        who spoke)."""
        out: list[Mention] = []
        if not self._nisba:
            return out
        after = 0  # the first token after the last mention found
        for i, tok in enumerate(tokens):
            head = None if i in covered or i < after else _official_head(tokens, i)
            if head is None or (tok.text.endswith("مصادر") and i > 0 and tokens[i - 1].text.removeprefix("و")
                                in _SUPPLY):
                continue
            prefix, definite, j = head
            the = "ال" if definite else ""  # (المصادر الأمنية الإسرائيلية: the adjectives agree)
            while j < len(tokens) and j - i <= 2 and tokens[j].text.startswith(the) and \
                    tokens[j].text[len(the):] in OFFICIAL_MODIFIERS and self.nisba_of(tokens[j].text) is None:
                j += 1
            if j >= len(tokens) or not _joined(norm.text, tokens, i, j + 1) or covered & set(range(i, j + 1)) or \
                    not tokens[j].text.startswith(the):
                continue
            actor = self._nisba.get(tokens[j].text[len(the):])
            if actor is None or self._not_the_states(norm.text, tokens, j):
                continue
            noun = tok.text[len(prefix):]
            envoy = noun.removeprefix("ال") in _ENVOYS
            named = envoy or noun in _MINISTER or noun == "رئيس" or noun.removeprefix("ال") in _SPOKESMEN
            if named and _named_after(norm.text, tokens, j, persons) or (envoy and not _posted(tokens, j)):
                continue
            start, end = norm.to_original(tok.start + len(prefix), tokens[j].end)
            out.append(Mention(actor, start, end, text[start:end], "official", prefix,
                               " ".join(t.text for t in tokens[i:j + 1])[len(prefix):]))
            k = after = j + 1  # مسؤولون أمريكيون وأتراك
            if k < len(tokens) and k not in covered and tokens[k].text[:1] == "و" and \
                    _joined(norm.text, tokens, j, k + 1):
                other = self._nisba.get(tokens[k].text[1:])
                if other is not None and other != actor and not self._not_the_states(norm.text, tokens, k):
                    start, end = norm.to_original(tokens[k].start + 1, tokens[k].end)
                    out.append(Mention(other, start, end, text[start:end], "official", "و", tokens[k].text[1:]))
                    after = k + 1
        return out

    def _not_the_states(self, ntext: str, tokens: list[_Token], j: int) -> bool:
        """The words after the nisba at token ``j``, past adjectives, say the official is not the state's (:data:`
        _NOT_OFFICIAL`), or place them in another body (``في المعارضة``: :data:`_OTHER_BODIES`)."""
        k, crossed = j + 1, False
        while k < len(tokens) and k - j <= 3 and _joined(ntext, tokens, k - 1, k + 1):
            word = tokens[k].text
            if word in _NOT_OFFICIAL:  # past another state's nisba, only "former" qualifies both
                return not crossed or word.startswith(("سابق", "اسبق", "متقاعد"))
            if word == "في":
                return any(t.text in _OTHER_BODIES and not self._the_states_body(tokens, n, j)
                           for n, t in enumerate(tokens[k + 1:k + 3], k + 1))
            crossed = crossed or (word[:1] == "و" and self._nisba.get(word[1:]) is not None)
            if word not in OFFICIAL_MODIFIERS and self.nisba_of(word) is None and not crossed:
                return False  # (past another state's nisba with و: مسؤولون أمريكيون وأتراك سابقون)
            k += 1
        return False

    def _the_states_body(self, tokens: list[_Token], n: int, j: int) -> bool:
        """The body at token ``n`` is the state's own: its ruling one (``في الحزب الحاكم``), or its administration
        with the nisba at token ``j`` (``مسؤول أمريكي في الإدارة الأمريكية``; not ``في المعارضة السورية``)."""
        if n + 1 >= len(tokens):
            return False
        word = tokens[n + 1].text
        same = self.nisba_of(word) == self.nisba_of(tokens[j].text)
        return word in _RULING or (tokens[n].text in _THE_STATES and same)

    def _other_name_follows(self, title: Title, last: int, near: _Neighbours, nstart_next: int) -> bool:
        """A person who does not hold the title is named right after it, so the title is theirs. Not a person who
        holds another title in the table: named after the title, that one is its object (واتهم الرئيس الأمريكي
        بوتين, رحب الرئيس الروسي بأردوغان), not its holder."""
        holders = {h.id for h in title.holders}
        entry = near.starting.get(last)
        if entry is not None and entry.kind in ("alias", "weak"):
            return (entry.target not in holders and self.actors[entry.target].type == "person"
                    and entry.target not in self._title_holders)
        if nstart_next < len(near.norm.offsets):
            return near.norm.offsets[nstart_next] in near.person_starts
        return False

    def _inside(self, ntext: str, tokens: list[_Token], first: int, last: int
                ) -> list[tuple[_Entry, int, int, int, str, str]]:
        """The strong aliases inside a title (words ``first``–``last``) that names nobody: ``نائب الأمين العام للأمم
        المتحدة`` still names the UN, and ``مندوب روسيا لدى الأمم المتحدة`` Russia, who speaks through its envoy."""
        out = []
        i = first + 1
        while i < last:
            best = self._match_at(ntext, tokens, i)
            if best is not None and best[0].kind == "alias" and best[2] <= last:
                out.append((*best, best[0].target))
                i = best[2]
            else:
                i += 1
        return out

    def _match_at(self, ntext: str, tokens: list[_Token], i: int, starts: frozenset[int] = frozenset(),
                  below: int | None = None) -> tuple[_Entry, int, int, int, str] | None:
        """The longest match at word ``i``. Of two as long, the whole word's (وجدة: Oujda) before a clitic's
        (و + جدة, "and Jeddah"), unless the clitic's span starts where an NER entity does (``starts``). With
        ``below``, only a strong alias that ends before word ``below``."""
        word = tokens[i].text
        best: tuple[_Entry, int, int, int, str] | None = None
        readings = _analyses(word)
        if starts:  # stable: a reading whose span starts where an entity starts goes first
            readings.sort(key=lambda r: tokens[i].start + r[2] not in starts)
        for prefix, rest, offset in readings:
            for entry in self._index.get(rest, ()):
                n = len(entry.tokens)
                if best is not None and i + n <= best[2]:
                    break  # entries are sorted longest first
                if i + n > len(tokens) or not _joined(ntext, tokens, i, i + n, entry.marks) or (
                        below is not None and (i + n >= below or entry.kind != "alias")) or (
                        prefix.endswith("ك") and (entry.kind == "weak" or n == 1 and entry.tokens[0][:2] == "ال"
                                                   and self.actors[entry.target].type == "person")):
                    continue  # (a weak alias never takes ك, "like": كامل is no Amal, كبرى no Berri; nor a definite
                    # surname alone, a noun as well: كالأسد الجريح, "like a wounded lion")
                if all(tokens[i + k].text == entry.tokens[k] for k in range(1, n)) and \
                        all(tokens[i + k].capitals for k, cased in enumerate(entry.cased) if cased):
                    best = (entry, i, i + n, tokens[i].start + offset, prefix)
                    break
        return best

    def _resolve_title(self, title: Title, first: int, last: int, tokens: list[_Token], near: _Neighbours,
                       strong: dict[str, list[int]], period: tuple[_dt.date, _dt.date] | None,
                       former: bool) -> tuple[str | None, bool]:
        """The holder a title names, and whether only step 4 (no date, no holder named: the latest) said so."""
        holder_ids = list(dict.fromkeys(h.id for h in title.holders))
        # 1. a holder named right after the title (apposition: الرئيس الروسي فلاديمير بوتين), or after one word that
        # qualifies the title or honours the name (:func:`_named_holds`); else right before it (وقال ترامب الرئيس
        # الأمريكي), when in office then and the title says nothing else (وانتقد ترامب الرئيس الأمريكي السابق: his
        # object)
        between = tokens[last].text if last < len(tokens) else ""
        # (المنتهية ولايته: "outgoing", two words)
        after = last + 1 + (between in ("المنتهيه", "المنتهي") and last + 1 < len(tokens)
                            and tokens[last + 1].text.startswith("ولايت"))
        candidates = [(near.starting.get(last), ""), (near.starting.get(after), between),
                      (None if former else near.ending.get(first), "before")]
        for entry, word in candidates:  # (a weak alias after the title too: الرئيس المصري المعزول مرسي)
            if entry is None or entry.kind not in ("alias", "weak" if word != "before" else "alias") or \
                    entry.target not in holder_ids:
                continue
            if word in _DEAD and (late := self._late_holder(title, entry, period)):
                return late, False
            if _named_holds(title, entry, word, period):
                return (period is not None and self._holder_of_the_day(title, entry, period)) or entry.target, False
            if word in _GONE and period is not None and (
                    earlier := self._holder_of_the_day(title, entry, period, gone=True)):
                return earlier, False  # الرئيس السوري الأسبق الأسد, in 2005: Hafez, the one who had left
            if (word in FORMER or word in _NOT_YET) and len(entry.tokens) > 1 or word in _GONE and not any(
                    self._shares_name(h.id, entry) for h in title.holders if h.id != entry.target):
                return entry.target, False  # a full name, or a name no other holder shares after a word of leaving,
                # beats the table's dates (الأمين العام لحلف شمال الأطلسي السابق روته, after a term the table does
                # not know has ended)
        if former:
            return None, False  # "the former president": the date says nothing and no name follows
        # 2. the holder in office on the text's date (for a year or a month, the one in office longest in it)
        if period is not None and not title.named_only:
            days: dict[str, int] = {}
            for h in title.holders:  # a holder with two stints in the period: both count
                days[h.id] = days.get(h.id, 0) + h.days_in(period)
            best = max(days, key=days.__getitem__)
            # in office for most of the period: longer than any other holder and than the days nobody listed held
            # it (a holder the table does not list); else no guess
            unlisted = (period[1] - period[0]).days - sum(days.values())
            return (best if days[best] > max(unlisted, 0) else None), False
        # 3. a holder named elsewhere in the text (the nearest mention)
        named = [(_distance(strong[h], first), h) for h in holder_ids if h in strong]
        if named:
            return min(named)[1], False
        if title.named_only:
            return None, False  # a generic title (المبعوث الأممي) with none of its holders named
        # 4. the latest holder
        latest = max(title.holders, key=lambda h: (h.end is None, h.end or _dt.date.min, h.start or _dt.date.min))
        return latest.id, True

    def _holder_of_the_day(self, title: Title, named: _Entry, period: tuple[_dt.date, _dt.date],
                           gone: bool = False) -> str | None:
        """The one other holder of ``title`` in office in ``period`` whose own names hold the words of the alias
        ``named`` (words of honour before them aside), where ``named``'s actor was not in office then: the name two
        holders share (``الرئيس السوري الأسد`` or ``الرئيس الأسد`` in 1995 is Hafez; ``جورج بوش`` in 1991 the
        father). With ``gone``, the one whose term had ended by then, where ``named``'s had not (``الرئيس السوري
        الراحل الأسد`` in 2005 is Hafez)."""

        def held(h: Holder) -> bool:
            return h.end is not None and h.end <= period[1] if gone else h.days_in(period) > 0

        if any(held(h) for h in title.holders if h.id == named.target):
            return None
        sharing = {h.id for h in title.holders if h.id != named.target and held(h) and self._shares_name(h.id, named)}
        return sharing.pop() if len(sharing) == 1 else None

    def _late_holder(self, title: Title, named: _Entry, period: tuple[_dt.date, _dt.date] | None) -> str | None:
        """Of the holders of ``title`` the alias ``named`` may name (its own actor, and those whose names hold its
        words) whose term had ended (by the end of ``period`` when dated), the one who left first: after الراحل,
        the one who died (``رئيس الوزراء اللبناني الراحل الحريري`` is Rafic)."""
        left: dict[str, _dt.date] = {}
        for h in title.holders:
            if h.end is not None and (period is None or h.end <= period[1]) and (
                    h.id == named.target or self._shares_name(h.id, named)):
                left[h.id] = max(left.get(h.id, h.end), h.end)
        return min(left, key=left.__getitem__) if left else None

    def _shares_name(self, actor_id: str, named: _Entry) -> bool:
        """The names of ``actor_id`` hold the words of the alias ``named`` (words of honour before them aside): a
        surname alone (الأسد), or the start of the other's name (جورج بوش الأب); not its end (حافظ الأسد is Bashar's
        بشار حافظ الأسد, not Hafez's), nor a father's name (الملك الحسين is not Abdullah II bin al-Hussein)."""
        words = named.tokens
        while len(words) > 1 and words[0] in _HONOURS:
            words = words[1:]
        return any(names[:len(words)] == words or len(words) == 1 and names[-1:] == words and
                   (len(names) < 2 or names[-2] not in PATRONYMIC)
                   for names in (tuple(normalise_key(a).split()) for a in self.actors[actor_id].aliases))

    def _dated_name(self, entry: _Entry, period: tuple[_dt.date, _dt.date]) -> str | None:
        """The other holder of one of the titles ``entry``'s person held whom the alias names on a date out of the
        person's own term (:meth:`_holder_of_the_day`: ``الأسد`` in 1995 is Hafez, not Bashar); else ``None``."""
        if self._titles_of is None:
            self._titles_of = {}
            for title in self.titles:
                for holder in dict.fromkeys(h.id for h in title.holders):
                    self._titles_of.setdefault(holder, []).append(title)
        found = {h for title in self._titles_of.get(entry.target, ()) if (h := self._holder_of_the_day(
            title, entry, period)) is not None}
        return found.pop() if len(found) == 1 else None

    def _ner_mentions(self, text: str, mentions: list[Mention], ents: list[Mapping[str, Any]]) -> list[Mention]:
        out: list[Mention] = []
        taken = [(m.start, m.end) for m in mentions]
        for e in ents:
            label, start, end = e.get("label"), e["start"], e["end"]  # ints within the text (_checked_entities)
            if label not in ("PER", "ORG"):
                continue
            if any(s < end and start < t for s, t in taken):
                continue
            surface, key = text[start:end], normalise_key(text[start:end])
            if not key or (surface.isascii() and surface == surface.lower()) or key in _GENERIC:
                continue  # by, pdf, 2016: a model's guess on ASCII boilerplate; a Latin name has a capital (UN)
            out.append(Mention(f"ner:{key}", start, end, surface, "ner", ner_label=label))
            taken.append((start, end))
        return out

    # ---- extending ------------------------------------------------------------------------------
    def extended(self, *paths: str | Path) -> ActorTable:
        """A new table with more YAML files' actors, titles and blocked phrases (see :func:`load_actor_table`)."""
        return load_actor_table(*paths, base=self)


class _Neighbours:
    """Look-ups over a text's raw matches: the match starting or ending at a token, and where NER found
    persons (original offsets)."""

    def __init__(self, raw: list, ents: list[Mapping[str, Any]], norm: Normalised) -> None:
        self.starting: dict[int, _Entry] = {}
        self.ending: dict[int, _Entry] = {}
        for entry, first, last, _s, _p in raw:  # raw matches do not overlap: one starts or ends at a token
            self.starting.setdefault(first, entry)
            self.ending.setdefault(last, entry)
        self.person_starts = {e["start"] for e in ents if e.get("label") == "PER"}
        self.norm = norm


def _distance(positions: list[int], p: int) -> int:
    """The distance from ``p`` to the nearest of the sorted ``positions``."""
    i = bisect.bisect_left(positions, p)
    return min(abs(positions[j] - p) for j in (i - 1, i) if 0 <= j < len(positions))


def _named(entry: _Entry) -> set[str]:
    """The actors an alias or title entry may name: its actor, or its title's holders."""
    return {h.id for h in entry.target.holders} if entry.kind == "title" else {entry.target}


def _describe(entry: _Entry) -> str:
    if entry.kind == "title":
        return f"the title {entry.target.aliases[0]!r}"
    if entry.kind == "blocked":
        return "a blocked phrase"
    return f"{'an' if entry.kind == 'alias' else 'a weak'} alias of {entry.target}"


def _not_in_office(tokens: list[_Token], i: int, title: Sequence[str] = ()) -> bool:
    """Token ``i``, right after a title (its words ``title``), says its holder is not the one in office on the text's
    date (:data:`FORMER`; :data:`_NOT_YET` unless a phrase of its own follows: ``المرشح لولاية ثانية``)."""
    word = tokens[i].text if i < len(tokens) else ""
    if word in _AMBIGUOUS:
        return False
    if word in FORMER or word in _DISMISSED:
        return True
    if word not in _NOT_YET:
        return False
    following = tokens[i + 1].text if i + 1 < len(tokens) else ""
    if following.startswith("ال"):
        return False  # (وانتقد الرئيس الأمريكي المرشح الجمهوري دونالد ترامب: a nominee of his own)
    if len(following) > 2 and following[0] in "لب":  # (المكلف بتشكيل الحكومة: a designate; المكلف بالملف: in charge)
        government = bool({"الوزراء", "الحكومه"} & set(title))
        return following[1:] in _DESIGNATE_OF and (government or following[1:] not in ("تشكيل", "تاليف"))
    return following not in _PHRASE_HEADS


_SUCCESSION_DAYS = 120
"""How soon after a text's date a successor's term may start for an elect or designate named after a title to be that
successor's predecessor, re-elected or not, rather than himself again (a US president-elect: 11 weeks)."""


def _named_holds(title: Title, entry: _Entry, word: str, period: tuple[_dt.date, _dt.date] | None) -> bool:
    """Whether the holder ``entry`` names holds ``title`` where it is named: right after it (``word`` ``""``), after
    the one word ``word``, or right before it (``word`` ``"before"``), on the text's ``period``."""
    if word == "":
        return True
    gone, to_come = word in _GONE, word in _TO_COME or word in _NOT_YET
    sure = word in _BETWEEN_TITLE_AND_NAME or bool(re.fullmatch(r"(?:ال)?\d+", word))  # (an ordinal: الـ44)
    if not (gone or to_come or sure or word == "before" or word.startswith("ال")):
        return False  # (إن، سلفه، أمس: وانتقد الرئيس الأمريكي سلفه ترامب)
    if period is None:
        return True
    stints = [h for h in title.holders if h.id == entry.target]
    if gone:  # a holder whose term ended by then (الرئيس السوري الأسبق الأسد in 2005: not Bashar)
        return any(h.end is not None and h.end <= period[1] for h in stints)
    if to_come:  # not in office before the text's date (وانتقد الرئيس الأمريكي المنتخب ترامب, in December 2020: Biden
        # takes over soon after), or in office with no successor in sight (الرئيس الروسي المنتخب بوتين: re-elected)
        if not any((h.start or _dt.date.min) < period[0] and h.days_in(period) for h in stints):
            return True
        soon = period[0] + _dt.timedelta(days=_SUCCESSION_DAYS)
        return not any(h.id != entry.target and h.start is not None and period[0] <= h.start <= soon
                       for h in title.holders)
    if sure:
        return True
    # another definite word, or the name before the title: a holder in office then (وانتقد الرئيس الأمريكي الأربعاء
    # ترامب in 2022 is Biden's), or a full name after a nisba adjective (الرئيس الأمريكي الديمقراطي باراك أوباما; not
    # a noun: وهاجم رئيس الوزراء البريطاني النائب بوريس جونسون, وهاجم الرئيس الروسي العراق)
    return any(h.days_in(period) for h in stints) or (
        word != "before" and word.endswith("ي") and word not in _NOT_ADJECTIVES and len(entry.tokens) > 1)


def _checked_entities(entities: Sequence[Mapping[str, Any]], length: int, what: str = "entities",
                      keys: str = "start, end and label") -> list[Mapping[str, Any]]:
    """``entities`` (or sentences: ``what``, ``keys``) with integer offsets as Python ints (numpy's from a DataFrame
    were passed over unread); a ``ValueError`` names one whose offsets are no integers or fall outside a text of
    ``length`` characters."""
    out: list[Mapping[str, Any]] = []
    for k, e in enumerate(entities):
        if not isinstance(e, Mapping):
            raise ValueError(f"{what}[{k}]: expected a mapping with {keys}, found {type(e).__name__}")
        try:
            if isinstance(e.get("start"), bool) or isinstance(e.get("end"), bool):
                raise TypeError
            start, end = operator.index(e.get("start")), operator.index(e.get("end"))
        except TypeError:
            raise ValueError(f"{what}[{k}]: start and end must be integers, found {e.get('start')!r} and "
                             f"{e.get('end')!r}") from None
        if start > end:
            raise ValueError(f"{what}[{k}]: span [{start}, {end}) ends before it starts")
        if not 0 <= start <= end <= length:
            raise ValueError(f"{what}[{k}]: span [{start}, {end}) is outside the text (length {length})")
        if start == end and what == "entities":
            raise ValueError(f"{what}[{k}]: span [{start}, {end}) is empty")
        out.append({**e, "start": start, "end": end})
    return out


def _entity_starts(ents: list[Mapping[str, Any]], norm: Normalised) -> frozenset[int]:
    """Where the entities start, as positions in the normalised text."""
    out: set[int] = set()
    for e in ents:
        n = norm.from_original(e["start"], e["start"])[0]
        if n < len(norm.offsets) and norm.offsets[n] == e["start"]:
            out.add(n)
    return frozenset(out)


_GAP = re.compile("[-\t \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]{0,3}")
"""What may stand between the words of one alias: up to three spaces of any width (Unicode's space separators), tabs
or hyphens."""


_OPENING = {'"': '"', "«": "»", "“": "”"}
"""Quotation marks that may set off the rest of a name after its first word (``تنظيم " الدولة "``)."""


def _name_end(ntext: str, tokens: list[_Token], first: int, last: int) -> int:
    """Where the name of words ``first``..``last``-1 ends in ``ntext``: after its closing quotation mark when marks set
    off its rest (``تنظيم " الدولة "``: the mention holds both), else after its last word."""
    end = tokens[last - 1].end
    if last - first < 2 or (closer := _OPENING.get(ntext[tokens[first].end:tokens[first + 1].start].strip())) is None:
        return end
    after = ntext[end:end + 4]
    return end + len(after) - len(after.lstrip()) + len(closer) if after.lstrip().startswith(closer) else end


def _closes_quotation(ntext: str, pos: int) -> bool:
    """A ``"`` right after ``pos`` closes one its sentence opened before (an odd count of them since the sentence's
    start): ``مجلة " السياسة الخارجية " الأمريكية``."""
    start = max(ntext.rfind("\n", 0, pos), ntext.rfind(".", 0, pos)) + 1
    return ntext.count('"', start, pos) % 2 == 1


def _joined(ntext: str, tokens: list[_Token], i: int, j: int, marks: tuple[str, ...] = ()) -> bool:
    """Words i..j-1 are separated only by spaces (or a hyphen), or by the punctuation the alias itself writes
    there (``marks``): an alias never spans other punctuation (a sentence's end, a comma). Its first word may stand
    before quotation marks around the rest (``قوات " سوريا الديمقراطية "``، ``تنظيم «الدولة»``)."""
    for k in range(i, j - 1):
        if _GAP.fullmatch(ntext, tokens[k].end, tokens[k + 1].start):
            continue
        gap = ntext[tokens[k].end:tokens[k + 1].start]
        if k == i and (closer := _OPENING.get(gap.strip())) is not None and \
                ntext[tokens[j - 1].end:tokens[j - 1].end + 4].lstrip().startswith(closer) and \
                not (closer == '"' and _closes_quotation(ntext, tokens[k].end)):
            continue
        if not marks or not marks[k - i] or "".join(gap.split()) != marks[k - i] or len(gap) > len(marks[k - i]) + 3:
            return False
    return True


def _as_written(phrase: str) -> tuple[tuple[bool, ...], tuple[str, ...]]:
    """How ``phrase`` is written, word by word (:attr:`_Entry.cased`, :attr:`_Entry.marks`): which words are Latin
    acronyms (two or more capitals: ``US``, ``NATO``), and the punctuation between each two words (spaces left
    out)."""
    text = _normaliser.text(phrase)  # not folded: the capitals stay
    found = list(_TOKEN_RE.finditer(text))
    cased = tuple(len(w) > 1 and w.isascii() and w.isalpha() and w.isupper() for w in (m.group() for m in found))
    marks = tuple("".join(text[a.end():b.start()].split()) for a, b in zip(found, found[1:]))
    return cased, marks


def _analyses(word: str) -> list[tuple[str, str, int]]:
    """Ways to read ``word`` as clitic prefix + alias word: ``(prefix, rest, offset of the span start)``."""
    out: list[tuple[str, str, int]] = []
    for p in CLITICS:
        if word.startswith(p) and len(word) - len(p) >= (2 if p else 1):
            out.append((p, word[len(p):], len(p)))
    for p in ("", "و", "ف"):
        if word.startswith(p + "لل") and len(word) - len(p) >= 4:
            # لل + noun = ل + ال + noun: the span keeps the لل, the alias word is ال + noun; and ل + a noun that
            # opens with لـ after its article (اللجنة، اللاذقية، الليكود) is written لل + the rest as well
            out.append((p + "لل", "ال" + word[len(p) + 2:], len(p)))
            out.append((p + "لل", "ال" + word[len(p) + 1:], len(p)))
    return out


def _capitals(text: str, norm: Normalised, start: int, end: int) -> bool:
    """Whether the word at ``[start, end)`` of the normalised text is written in Latin capitals in ``text``."""
    a, b = norm.to_original(start, end)
    word = text[a:b]
    return word.isascii() and word.isupper()


def _indefinite(alias: str) -> str:
    """An alias of two or more definite words without their articles (``الطائرات الحربية الروسية`` → ``طائرات حربية
    روسية``), else ``""``."""
    words = alias.split()
    return " ".join(w[2:] for w in words) if len(words) > 1 and all(
        w.startswith("ال") and len(w) > 3 for w in words) else ""


def _variants(phrase: str) -> list[tuple[str, ...]]:
    """Token tuples a phrase matches: itself, عبد الله ↔ عبدالله / نصر الله ↔ نصرالله joined or split, and a word
    with ``ؤ`` written with ``ئ`` (``مسئول``, as Egyptian papers write it) or ``و`` (``الموقتة``)."""
    tokens = tuple(normalise_key(phrase).split())
    if not tokens:
        return []
    out = [tokens]
    for k in range(len(tokens) - 1):
        if tokens[k] in ("عبد", "ابو", "بن") or tokens[k + 1] in ("الله", "الدين", "الرحمن"):
            out.append(tokens[:k] + (tokens[k] + tokens[k + 1],) + tokens[k + 2:])
    for k, t in enumerate(tokens):
        for head in ("عبد",):
            if t.startswith(head) and len(t) > len(head) + 2:
                out.append(tokens[:k] + (head, t[len(head):]) + tokens[k + 1:])
        for tail in ("الله", "الدين", "الرحمن"):
            if t.endswith(tail) and len(t) > len(tail) + 1:
                out.append(tokens[:k] + (t[:-len(tail)], tail) + tokens[k + 1:])
        if "ؤ" in t:
            out += [tokens[:k] + (t.replace("ؤ", seat),) + tokens[k + 1:] for seat in ("ئ", "و")]
    return list(dict.fromkeys(out))


def _kunya_cases(tokens: tuple[str, ...]) -> list[tuple[str, ...]]:
    """A kunya's genitive and accusative, ``أبي موسى الشامي`` and ``أبا موسى الشامي`` for ``أبو موسى الشامي`` («عن أبي
    موسى»، «إن أبا موسى»), where the alias opens with أبو; the text's case, not the alias's: a phrase that a table
    writes so is its own."""
    return [(case, *tokens[1:]) for case in ("ابي", "ابا")] if len(tokens) > 1 and tokens[0] == "ابو" else []


def _confirmed_by_ner(actor: Actor, start: int, end: int, ents: list[Mapping[str, Any]]) -> bool:
    """Whether an entity of the actor's kind lies within the weak mention ``[start, end)`` (a longer name around
    it, رفيق الحريري around الحريري, is someone else). A state may be tagged LOC as well as ORG."""
    want = {"person": {"PER"}}.get(actor.type, {"LOC"} if actor.is_place else {"ORG"})
    want |= {"MISC"} | ({"LOC"} if actor.type == "state" else set())
    for e in ents:
        if start <= e["start"] < e["end"] <= end and e.get("label") in want:
            return True
    return False


def ner_actor(actor_id: str, label: str = "ORG", surface: str | None = None) -> Actor:
    """The synthetic actor of an unknown NER entity ``ner:<normalised text>`` (PER: person, else organisation)."""
    name = surface or actor_id[4:]
    return Actor(actor_id, name, name, "person" if label == "PER" else "organisation", source="ner")


_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:Z|[T ](?P<h>\d{1,2})(?::(?P<mi>\d{2})(?::(?P<s>\d{2})"
                       r"(?:[.,]\d+)?)?)?"
                       r"(?: ?(?:Z|(?:UTC|GMT)(?:[+-](?P<gh>\d{1,2})(?::?(?P<gm>\d{2}))?)?|[A-Z]{3,5}"
                       r"|[+-](?P<zh>\d{2})(?::?(?P<zm>\d{2}))?)"
                       r"(?:\[[\w/+-]+\])?)?)?)?)?")
"""A whole ISO date: year, year-month, or a day, then optionally ``Z``, or a time (``T`` or a space, then hours and
optionally minutes, seconds and a fraction) with optionally a zone (``Z``, ``UTC``, ``GMT+3``, ``AST``, ``+03``,
``+03:00``, and a name in brackets after it: ``[Asia/Riyadh]``). ``20161018``, an epoch number or a day followed by
other words (``2016-10-18 1st edition``) is not one."""


def no_date(value: Any) -> bool:
    """Whether ``value`` says "no date": ``None``, ``""``, or a missing value of numpy or pandas (NaN, NaT)."""
    if value is None or (isinstance(value, str) and value == ""):
        return True
    try:
        return bool(value != value)  # NaN and NaT are the values unequal to themselves
    except (TypeError, ValueError):
        return False


def checked_date(value: Any, what: str = "date") -> _dt.date | None:
    """:func:`parse_date`, but a value that is neither a date nor :func:`no_date` is an ``ArapolError`` naming
    ``what`` (no silent "latest holder" for a date misread)."""
    day = parse_date(value)
    if day is None and not no_date(value):
        raise ArapolError(f"{what}: {value!r} is not an ISO date (2016-10-18, 2016-10-18T09:00:00Z, 2016-10 "
                          "or 2016); None, NaN or NaT for no date")
    return day


def record_date_problem(value: Any, field: str = "date") -> str | None:
    """What is wrong with a JSON record's date ``value`` in ``field``; ``None`` when it is absent (null or ``""``, as
    ``predict(date="")`` reads it), an ISO date string, or a year written as a JSON integer (``2016``, as
    ``predict(date=2016)`` reads it): the one rule of ``arapol predict --date-field`` and ``arapol analyze``."""
    readable = isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))
    if value is None or value == "" or (readable and parse_date(value) is not None):
        return None
    return (f"field {field!r} must be an ISO date such as 2016-10-18, 2016-10-18T09:00:00Z, 2016-10 or 2016 (a "
            f"string; a year may also be an integer), got {value!r}")


def a_record_date(value: Any) -> bool:
    """``value`` is a date as a JSON record gives one (:func:`record_date_problem`), not an absent one."""
    return value is not None and value != "" and record_date_problem(value) is None


def date_period(value: Any) -> tuple[_dt.date, _dt.date] | None:
    """The days a date names, ``(first, end)`` with ``end`` exclusive: one day, or the whole month of
    ``2016-10`` or year of ``2016``; ``None`` for no date. An unreadable date raises as :func:`checked_date`."""
    day = checked_date(value)
    if day is None:
        return None
    m = None if isinstance(value, _dt.date) else _ISO_DATE.fullmatch(str(value).strip())
    try:
        if m is None or m.group(3):
            return day, day + _dt.timedelta(days=1)
        if m.group(2):
            return day, (day.replace(day=28) + _dt.timedelta(days=4)).replace(day=1)
        return day, day.replace(year=day.year + 1)
    except (OverflowError, ValueError):  # the last day, month or year there is (9999-12-31: "open-ended")
        return day, _dt.date.max


def _time_ok(m: re.Match[str]) -> bool:
    """The time and zone of an :data:`_ISO_DATE` match are ones a clock and the world have: ``T99:99`` and ``T24:30``
    are not (``T24:00`` and a leap second are), nor a zone ``+99:99`` (offsets run to ±14:00)."""
    hour, minute, second = (int(m[g] or 0) for g in ("h", "mi", "s"))
    if hour > 24 or minute > 59 or second > 60 or (hour == 24 and (minute or second)):
        return False
    return all(int(m[h] or 0) <= 14 and int(m[mi] or 0) <= 59 for h, mi in (("zh", "zm"), ("gh", "gm")))


def parse_date(value: Any) -> _dt.date | None:
    """An ISO date (``2016-10-18``, ``2016-10-18T09:00:00Z``, ``2016-10``, ``2016``) or a date; else ``None``
    (also for :func:`no_date` values). The calendar date as written counts: a zone is not applied (an article's
    ``2016-10-18T23:30-05:00`` is of the 18th, where it was published), and ``T24:00`` ends the day it follows."""
    if no_date(value):
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    m = _ISO_DATE.fullmatch(str(value).strip())
    if not m or not _time_ok(m):
        return None
    try:
        return _dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return None


# ---- loading ------------------------------------------------------------------------------------

def default_actors_path() -> Path:
    """The bundled alias table: ``$ARAPOL_ACTORS`` if set, else ``data/actors.yaml`` (shipped in the package)."""
    env = os.environ.get(DEFAULT_ACTORS_ENV)
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1] / "resources" / "actors.yaml"


_DEFAULT: dict[str, ActorTable] = {}


def default_actor_table() -> ActorTable:
    """The bundled alias table, loaded once per process."""
    path = default_actors_path()
    key = str(path)
    if key not in _DEFAULT:
        if not path.is_file():
            raise DataError(f"the actor alias table is missing: expected a YAML file (set ${DEFAULT_ACTORS_ENV} "
                            "to its path)", source=str(path))
        _DEFAULT[key] = load_actor_table(path, default=False)
    return _DEFAULT[key]


def load_actor_table(*paths: str | Path, default: bool = True, base: ActorTable | None = None) -> ActorTable:
    """Load alias tables from YAML files, later files extending earlier ones.

    With ``default`` (and no ``base``) the bundled table comes first. An actor whose ``id`` already
    exists adds its ``aliases``/``weak`` aliases/``relations`` to it and replaces the other fields it
    gives (a phrase it lists as an alias stops being weak, and the other way round); a new ``id`` adds an
    actor. A phrase that a later file gives (an alias of another actor, a title, a blocked phrase) takes
    it over from an earlier file's, whatever their kinds; an :class:`ActorTableWarning` lists the phrases of actors and
    titles taken so, and the existing actors an entry gave another type or names.
    """
    if base is None and default:
        base = default_actor_table()
    actors: dict[str, Actor] = dict(base.actors) if base else {}
    titles: list[Title] = list(base.titles) if base else []
    blocked: list[str] = list(base.blocked) if base else []
    sources: list[str] = list(base.sources) if base else []
    phrase_files: dict[tuple[str, str], str] = dict(base.phrase_files) if base else {}
    phrase_lines: dict[tuple[str, str], int] = dict(base.phrase_lines) if base else {}
    declared: dict[tuple[str, str, str], tuple[str, int | None]] = {}  # relation → the file and line giving it
    renamed: list[str] = []  # existing actors an entry renamed or retyped
    office = {v: k for k, t in enumerate(titles) for a in t.aliases for v in _variants(a)}  # phrase → its title
    for path in paths:
        src = str(path)
        if any(Path(seen).resolve() == Path(src).resolve() for seen in sources):
            raise DataError("this alias table was given twice (or was already loaded into the base table)", source=src)
        doc, lines = _read_yaml(path)
        for i, raw in enumerate(_list(doc, "actors", src), 1):
            with _located(src, lines, "actors", i):
                given, old = _merge_actor(actors, raw, src, i, phrase_files)
            phrase_lines.update({(raw["id"], phrase): _line(lines, "actors", i) for phrase in given})
            if old is not None and (change := _renaming(old, actors[raw["id"]])):
                line = _line(lines, "actors", i)
                renamed.append(f"{src}{f':{line}' if line else ''}: {change}")
            for rel, target in actors[raw["id"]].relations:
                declared.setdefault((raw["id"], rel, target), (src, _line(lines, "actors", i)))
        new_titles = _list(doc, "titles", src)
        for i, phrase in enumerate(_list(doc, "blocked", src), 1):
            if not isinstance(phrase, str) or not normalise_key(phrase):
                raise DataError(f"blocked phrase #{i} must be a non-empty string, got {phrase!r}", source=src,
                                line=_line(lines, "blocked", i))
            _one_name(phrase, f"blocked phrase #{i}", src, _line(lines, "blocked", i))
            blocked.append(phrase)
            phrase_files[("", phrase)] = src
            phrase_lines[("", phrase)] = _line(lines, "blocked", i)
        for i, raw in enumerate(new_titles, 1):
            with _located(src, lines, "titles", i):
                title = _parse_title(raw, actors, src, i)
                k = _extended_title(titles, office, title, src, phrase_files, f"title #{i}")
                if k is None:
                    k, given = len(titles), title.aliases
                    titles.append(title)
                else:
                    titles[k], given = _merged_title(titles[k], title, "named_only" in raw, f"title #{i}")
                    phrase_files.update({("#title", phrase): src for phrase in given})
            phrase_lines.update({("#title", phrase): _line(lines, "titles", i) for phrase in given})
            office.update({v: k for phrase in given for v in _variants(phrase)})
        sources.append(src)
    for actor in actors.values():
        for rel, target in actor.relations:
            src, line = declared.get((actor.id, rel, target), (actor.source, None))
            if target not in actors:
                raise DataError(f"actor {actor.id}: relation {rel} names an unknown actor {target!r}",
                                source=src or None, line=line)
            if rel == "capital_of" and not (actor.is_place and actors[target].type == "state" and
                                            [r for r, _t in actor.relations].count(rel) == 1):
                # a city speaks for the one state it is the capital of (رحبت موسكو → Russia)
                raise DataError(f"actor {actor.id} ({actor.type}): capital_of names {target!r} "
                                f"({actors[target].type}); a place is the capital of one state", source=src or None,
                                line=line)
        if actor.nisba and actor.type != "state":
            raise DataError(f"actor {actor.id} ({actor.type}): a nisba (تركي: an official of the state) belongs to "
                            "a state", source=actor.source or None)
    table = ActorTable(actors, titles, blocked, sources, phrase_files,
                       {key: line for key, line in phrase_lines.items() if line is not None})
    new = set(sources[len(sources) - len(paths):])
    if taken := [said for (src, _phrase), said in table._taken.items() if src in new]:
        warnings.warn(f"a later alias table takes phrases over from another file's actor or title, and texts naming "
                      f"them credit the later one's: {first_few(taken)}; to add a phrase to an existing actor, give "
                      "that actor's id", ActorTableWarning, stacklevel=callers_stacklevel())
    if renamed:
        warnings.warn(f"an entry with an existing actor's id extends that actor, and the type or names it gives "
                      f"replace the actor's, wherever the actor is named: {first_few(renamed)}; a new actor needs an "
                      "id of its own", ActorTableWarning, stacklevel=callers_stacklevel())
    return table


def _renaming(old: Actor, new: Actor) -> str:
    """What an entry extending ``old`` changed of its type, names and Wikidata id (``aleppo (Aleppo, city, of the
    bundled table): type 'city' → 'government_body', en 'Aleppo' → 'Aleppo Provincial Council'``); ``""`` for
    nothing."""
    changes = [f"{key} {before!r} → {after!r}" for key, before, after in (
        ("type", old.type, new.type), ("en", old.name_en, new.name_en), ("ar", old.name_ar, new.name_ar),
        ("qid", old.qid, new.qid)) if before != after]
    if not changes:
        return ""
    return f"{old.id} ({old.name_en}, {old.type}, of {_file_named(old.source)}): {', '.join(changes)}"


def _file_named(src: str) -> str:
    """``src`` as a message names it: ``the bundled table`` for :func:`default_actors_path`."""
    return "the bundled table" if src == str(default_actors_path()) else src


def _line(lines: Mapping[str, list[int]], key: str, i: int) -> int | None:
    """The line (from 1) where item ``i`` (from 1) of the top-level list ``key`` starts, when known."""
    found = lines.get(key, [])
    return found[i - 1] if 0 < i <= len(found) else None


@contextlib.contextmanager
def _located(src: str, lines: Mapping[str, list[int]], key: str, i: int) -> Iterator[None]:
    """Give a ``DataError`` raised about item ``i`` of ``key`` in ``src`` the line where that item starts."""
    try:
        yield
    except DataError as exc:
        line = _line(lines, key, i)
        if exc.source != src or exc.line is not None or line is None:
            raise
        raise DataError(exc.reason, source=src, line=line) from None


def _read_yaml(path: str | Path) -> tuple[Mapping[str, Any], dict[str, list[int]]]:
    """The table's document, and the line where each item of its top-level lists starts."""
    from ..data.io import read_text

    src = str(path)
    try:
        text = read_text(path)
        doc = load_yaml(text)
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        line, problem = yaml_problem(exc)
        raise DataError(f"not valid YAML: {problem}", source=src, line=line) from exc
    lines: dict[str, list[int]] = {}
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if isinstance(value, yaml.SequenceNode):
                lines[str(key.value)] = [item.start_mark.line + 1 for item in value.value]
    if not isinstance(doc, Mapping):
        raise DataError("an alias table must be a mapping with 'actors' (and optionally 'titles', 'blocked')",
                        source=src)
    unknown = set(doc) - {"actors", "titles", "blocked", "version"}
    if unknown:
        raise DataError(f"unknown top-level key(s) {sorted(unknown, key=str)}: expected actors, titles, blocked, "
                        "version", source=src)
    if doc.get("version", TABLE_VERSION) != TABLE_VERSION or isinstance(doc.get("version"), bool):
        raise DataError(f"version {doc['version']!r}: this arapol reads alias tables of version {TABLE_VERSION} "
                        "(or without one)", source=src)
    return doc, lines


def _list(doc: Mapping[str, Any], key: str, src: str) -> list:
    value = doc.get(key)
    if value is None:  # absent, or written with nothing after it (``blocked:``)
        return []
    if not isinstance(value, list):
        raise DataError(f"'{key}' must be a list, got {type(value).__name__}", source=src)
    return value


def _strings(value: Any, what: str, src: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and normalise_key(v) for v in value):
        raise DataError(f"{what} must be a list of non-empty strings, got {value!r}", source=src)
    for v in value:
        _one_name(v, what, src)
    return tuple(value)


def _one_name(name: str, what: str, src: str, line: int | None = None) -> None:
    """Refuse a list item that holds a separator of names (:data:`_LIST_MARKS`): ``[تل الحسن، وادي الحسن]`` is one
    item to YAML, a phrase no text writes."""
    if mark := next((c for c in _LIST_MARKS if c in name), None):
        raise DataError(f"{what}: {name!r} holds {mark!r}: read as one name, which no text would match; write "
                        "each name as its own item of the list ([name one, name two])", source=src, line=line)


_LIST_MARKS = ("،", "؛", ",", ";")
"""Separators of names a list may be typed with (YAML splits a flow list at ``,`` only, not at the Arabic comma):
no alias holds one."""


def _merge_actor(actors: dict[str, Actor], raw: Any, src: str, i: int,
                 phrase_files: dict[tuple[str, str], str]) -> tuple[tuple[str, ...], Actor | None]:
    """Add or extend the actor ``raw`` (item ``i`` of ``src``); returns the phrases it gives (aliases, weak
    aliases, nisba words) and the actor it extended (``None`` for a new one)."""
    if not isinstance(raw, Mapping):
        raise DataError(f"actor #{i} must be a mapping, got {type(raw).__name__}", source=src)
    aid = raw.get("id")
    where = f"actor #{i} ({aid})" if aid else f"actor #{i}"
    if not isinstance(aid, str) or not _ID_RE.match(aid) or aid.startswith("ner:"):
        raise DataError(f"{where}: 'id' must be lower-case letters, digits and _ . : - (not ner:), got {aid!r}",
                        source=src)
    unknown = set(raw) - _ACTOR_KEYS
    if unknown:
        raise DataError(f"{where}: unknown key(s) {sorted(unknown, key=str)}; expected some of {sorted(_ACTOR_KEYS)}",
                        source=src)
    old = actors.get(aid)
    if old is not None and old.source == src:
        raise DataError(f"{where}: the id {aid!r} appears twice in this file", source=src)
    aliases = _strings(raw.get("aliases"), f"{where}: 'aliases'", src)
    weak = _strings(raw.get("weak"), f"{where}: 'weak'", src)
    both = sorted({normalise_key(a) for a in aliases} & {normalise_key(w) for w in weak})
    if both:
        raise DataError(f"{where}: {both[0]!r} is both an alias and a weak alias: list it under one of them",
                        source=src)
    nisba = _strings(raw.get("nisba"), f"{where}: 'nisba'", src)
    if any(len(normalise_key(w).split()) != 1 for w in nisba):
        raise DataError(f"{where}: 'nisba' must list single words (تركي، أتراك), got {list(nisba)!r}", source=src)
    for word in nisba:
        _check_nisba(word.strip(), where, src)
    phrase_files.update({(aid, a): src for a in (*aliases, *weak, *nisba)})
    relations = _relations(raw.get("relations"), where, src)
    fields: dict[str, Any] = {}
    for key, attr in (("ar", "name_ar"), ("en", "name_en"), ("type", "type"), ("qid", "qid")):
        if key in raw:
            value = raw[key]
            if not isinstance(value, str) or not value.strip():
                raise DataError(f"{where}: '{key}' must be a non-empty string, got {value!r}", source=src)
            fields[attr] = value.strip()
    if "type" in fields and fields["type"] not in ACTOR_TYPES:
        raise DataError(f"{where}: unknown type {fields['type']!r}; expected one of {list(ACTOR_TYPES)}", source=src)
    if "qid" in fields and not _QID_RE.match(fields["qid"]):
        raise DataError(f"{where}: 'qid' must look like Q7747, got {fields['qid']!r}", source=src)
    if old is None:
        missing = [k for k, a in (("ar", "name_ar"), ("en", "name_en"), ("type", "type")) if a not in fields]
        if missing:
            raise DataError(f"{where}: a new actor needs {missing}", source=src)
        if not aliases and not weak:
            raise DataError(f"{where}: a new actor needs at least one alias", source=src)
        actors[aid] = Actor(aid, fields["name_ar"], fields["name_en"], fields["type"], fields.get("qid"),
                            relations, aliases, weak, src, nisba)
    else:
        # this file decides the kind of the phrases it gives: a weak alias listed as an alias becomes strong
        strong, soft = {normalise_key(a) for a in aliases}, {normalise_key(a) for a in weak}
        actors[aid] = replace(old, **fields, relations=tuple(dict.fromkeys(old.relations + relations)),
                              aliases=tuple(dict.fromkeys([a for a in old.aliases if normalise_key(a) not in soft]
                                                          + list(aliases))),
                              weak=tuple(dict.fromkeys([a for a in old.weak if normalise_key(a) not in strong]
                                                       + list(weak))), nisba=tuple(dict.fromkeys(old.nisba + nisba)),
                              source=src)
    return (*aliases, *weak, *nisba), old


def _check_nisba(word: str, where: str, src: str) -> None:
    """Refuse a nisba written with ال or in the feminine: the article and the feminine, dual and plural endings are
    added in matching (:func:`nisba_forms`), so ``الزدلاندي`` never matched ``مسؤول زدلاندي`` and ``يلاندية`` matched
    only itself. (The raw word: ``ألماني``, whose alef is its own, normalises to الماني.)"""
    if word.startswith("ال"):
        raise DataError(f"{where}: nisba {word!r}: write it without ال ({word[2:]!r}; الـ is read before it in "
                        "texts already); a nisba whose own first letters are ال is written with its hamza (ألماني)",
                        source=src)
    if word.endswith(("ية", "يه")):
        raise DataError(f"{where}: nisba {word!r} is feminine: write the masculine singular {word[:-1]!r} (its "
                        "feminine, dual and plural forms are derived)", source=src)


def _relations(value: Any, where: str, src: str) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    if not isinstance(value, Mapping):
        raise DataError(f"{where}: 'relations' must be a mapping such as {{successor_of: some_id}}", source=src)
    out: list[tuple[str, str]] = []
    for rel, targets in value.items():
        if rel not in RELATION_TYPES:
            raise DataError(f"{where}: unknown relation {rel!r}; expected one of {list(RELATION_TYPES)}", source=src)
        if targets is not None and not isinstance(targets, (str, list)):
            raise DataError(f"{where}: relation {rel} must name an actor id or a list of them, got {targets!r}",
                            source=src)
        for t in [targets] if isinstance(targets, str) else (targets or []):
            if not isinstance(t, str):
                raise DataError(f"{where}: relation {rel} must name actor ids, got {t!r}", source=src)
            out.append((rel, t))
    return tuple(out)


def _parse_title(raw: Any, actors: Mapping[str, Actor], src: str, i: int) -> Title:
    where = f"title #{i}"
    if not isinstance(raw, Mapping) or set(raw) - {"aliases", "holders", "note", "named_only"}:
        raise DataError(f"{where}: expected a mapping with 'aliases', 'holders' and optionally 'named_only'",
                        source=src)
    named_only = raw.get("named_only", False)
    if not isinstance(named_only, bool):
        raise DataError(f"{where}: 'named_only' must be true or false, got {named_only!r}", source=src)
    aliases = _strings(raw.get("aliases"), f"{where}: 'aliases'", src)
    holders_raw = raw.get("holders")
    if not aliases or not isinstance(holders_raw, list) or not holders_raw:
        raise DataError(f"{where}: needs non-empty 'aliases' and 'holders'", source=src)
    holders, within = [], []
    for h in holders_raw:
        if isinstance(h, str):
            h = {"id": h}
        if not isinstance(h, Mapping) or set(h) - {"id", "from", "to"}:
            raise DataError(f"{where} ({aliases[0]}): a holder is {{id, from, to}}, got {h!r}", source=src)
        if not isinstance(h.get("id"), str) or h["id"] not in actors:
            raise DataError(f"{where} ({aliases[0]}): unknown holder {h.get('id')!r} (an actor's id)", source=src)
        start, end = parse_date(h.get("from")), _first_day_out(h.get("to"))
        for key, parsed in (("from", start), ("to", end)):
            if h.get(key) is not None and parsed is None:
                raise DataError(f"{where} ({aliases[0]}): '{key}' must be a date like 2012-05-07, or a year (2012) "
                                f"or a month (2012-05), got {h[key]!r}", source=src)
        if start is not None and end is not None and end <= start:
            raise DataError(f"{where} ({aliases[0]}): holder {h['id']!r} leaves office ('to' {h['to']}) before "
                            f"taking it ('from' {h['from']})", source=src)
        holders.append(Holder(h["id"], start, end))
        within.append(parse_date(h.get("to")) if end != parse_date(h.get("to")) else None)
    holders = _handed_over(holders, within)
    if not named_only:
        _check_no_two_in_office(holders, f"{where} ({aliases[0]})", src)
    return Title(aliases, tuple(holders), src, named_only)


def _extended_title(titles: Sequence[Title], office: Mapping[tuple[str, ...], int], title: Title, src: str,
                    phrase_files: Mapping[tuple[str, str], str], where: str) -> int | None:
    """The place in ``titles`` of the earlier file's title that ``title`` (of ``src``) shares an alias with, and so
    extends (``office``: each phrase's title, as :func:`_variants` writes it); ``None`` for none, or for a title of
    ``src`` itself (two titles of one file sharing a phrase are an error when the table is built). Sharing aliases
    with two titles of earlier files is an error."""
    shared = sorted({office[v] for a in title.aliases for v in _variants(a) if v in office})
    if any(phrase_files.get(("#title", a), titles[k].source) == src for k in shared for a in titles[k].aliases):
        return None
    if len(shared) > 1:
        named = " and ".join(f"{titles[k].aliases[0]!r} of {_file_named(titles[k].source)}" for k in shared)
        raise DataError(f"{where} ({title.aliases[0]}): its aliases are those of two titles, {named}: a title may "
                        "extend one (list the holders of each under its own aliases)", source=src)
    return shared[0] if shared else None


def _merged_title(old: Title, new: Title, gives_named_only: bool, where: str) -> tuple[Title, tuple[str, ...]]:
    """``old`` (an earlier file's title) extended by ``new``, a later file's that shares an alias with it (a new
    Syrian foreign minister under «وزير الخارجية السوري»: the phrase had gone to the new one alone, and a text of 2016
    named nobody, while «وزير الخارجية والمغتربين السوري» kept the old holders), and the phrases ``new`` gives, as
    the merged title writes them. Its holders are ``old``'s and ``new``'s, a holder listed again with a term that
    overlaps the one listed replacing it (the bundled holder still in office, given a ``to``); ``named_only`` is
    ``new``'s where it gives one. Raises if two holders are then in office on one day."""
    spelt = {v: a for a in old.aliases for v in _variants(a)}
    given = tuple(dict.fromkeys(next((spelt[v] for v in _variants(a) if v in spelt), a) for a in new.aliases))
    kept = [h for h in old.holders if not any(h.id == n.id and _overlap(h, n) for n in new.holders)]
    merged = replace(old, aliases=tuple(dict.fromkeys(old.aliases + given)), holders=(*kept, *new.holders),
                     named_only=new.named_only if gives_named_only else old.named_only)
    if not merged.named_only:
        _check_no_two_in_office(merged.holders, f"{where} ({new.aliases[0]})", new.source, extends=old)
    return merged, given


def _overlap(a: Holder, b: Holder) -> bool:
    """Whether two terms share a day."""
    return max(a.start or _dt.date.min, b.start or _dt.date.min) < min(a.end or _dt.date.max, b.end or _dt.date.max)


def _handed_over(holders: list[Holder], within: Sequence[_dt.date | None]) -> list[Holder]:
    """``holders`` with each whose ``to`` is a year or a month (``within``: that period's first day; ``None`` for a
    day's) out of office on the day a successor takes it within that period: ``{to: 2021}`` beside ``{from: 2021}``
    is a handover in 2021, on the day the successor's ``from`` gives (2021-01-01), not two holders all year."""
    out = []
    for h, first in zip(holders, within):
        taken = [o.start for o in holders if first is not None and o is not h and o.start is not None
                 and first <= o.start < h.end and o.start > (h.start or _dt.date.min)]
        out.append(Holder(h.id, h.start, min(taken)) if taken else h)
    return out


def _first_day_out(value: Any) -> _dt.date | None:
    """A holder's ``to``: the first day out of office, as a day gives it; a year or a month is the holder's in full
    (``to: 2021`` is out from 2022-01-01, ``to: 2021-06`` from 2021-07-01), where it had read as its first day, so
    that ``{from: 2019, to: 2021}`` left a text of mid-2021 with no holder. ``None`` for none or an unreadable one."""
    day = parse_date(value)
    written = None if day is None or isinstance(value, _dt.date) else _ISO_DATE.fullmatch(str(value).strip())
    if written is None or written.group(3):
        return day
    period = date_period(value)
    return period[1] if period else day


def _check_no_two_in_office(holders: Sequence[Holder], where: str, src: str, extends: Title | None = None) -> None:
    """Refuse two holders of one title in office on the same day: which one a text of that day names would be
    the one listed first. A title whose holders are named, never read from a date, sets ``named_only``. ``extends``:
    the earlier file's title that this one extends, whose holder still in office the error names, with the ``to``
    that would end the term."""
    spans = sorted(holders, key=lambda h: h.start or _dt.date.min)
    for a, b in zip(spans, spans[1:]):
        if a.end is None or (b.start or _dt.date.min) < a.end:
            first = b.start or a.start
            when = f"from {first}" if first is not None else "with no dates"
            close = ""
            if extends is not None and a in extends.holders and b.start is not None:
                term = ", ".join(f"{key}: {value}" for key, value in (("id", a.id), ("from", a.start), ("to", b.start))
                                 if value is not None)
                close = (f"; {a.id!r} holds the title {extends.aliases[0]!r} of {_file_named(extends.source)}, "
                         f"which this one extends: to end that term, list it here as {{{term}}}")
            raise DataError(f"{where}: holders {a.id!r} and {b.id!r} are both in office {when} (a holder's 'to' is "
                            "the first day out of office, the next one's 'from' or later; a year or a month as 'to' "
                            "is in office to its end); fix their dates, or set named_only: true for a title read only "
                            f"where its holder is named{close}", source=src)
