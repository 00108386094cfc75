"""The words attribution reads (in the matching normalisation: أ/إ/آ → ا, ى → ي, ة → ه): reporting verbs and
their forms, particles, prepositions, titles and the anaphoric nouns that take up a last speaker, with the
word-level tests on them (a conjunction, a passive, a reporting verb)."""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

_PAST = ("اكد", "قال", "ادعي", "بين", "اعتبر", "رحب", "اشار", "اضاف", "تابع", "خلص", "دعا", "رفض", "حذر", "اعلن",
         "اوضح", "شدد",
         "طالب", "ادان", "اتهم", "وصف", "صرح", "افاد", "ذكر", "نفي", "جدد", "اعرب", "ابدي", "كشف", "لفت", "نوه",
         "زعم", "هدد", "توعد", "اشترط", "تعهد", "وافق", "ايد", "انتقد", "ندد", "استنكر", "ناشد", "حث", "اقترح",
         "ابلغ", "اعترف", "تمسك", "ختم", "استطرد", "اردف", "اشاد", "نبه", "بارك", "راي", "رات", "ثمن", "حمل",
         "اتفق", "عارض", "قبل", "شكك", "قرر", "اشتكي", "رد", "استبعد", "دان", "كتب", "غرد")
_PRESENT = ("يؤكد", "يقول", "يعتبر", "يرحب", "يشير", "يضيف", "يدعو", "يرفض", "يحذر", "يعلن", "يوضح", "يشدد",
            "يطالب", "يدين", "يتهم", "يصف", "يصرح", "يفيد", "يذكر", "ينفي", "يجدد", "يعرب", "يبدي", "يكشف",
            "يلفت", "ينوه", "يزعم", "يهدد", "يتوعد", "يشترط", "يتعهد", "يوافق", "يؤيد", "ينتقد", "يندد",
            "يستنكر", "يناشد", "يحث", "يقترح", "يعترف", "يتمسك", "يشيد", "ينبه", "يري", "يعارض", "يشكك", "يقرر",
            "يستبعد", "يكتب", "يغرد")
_NOT_VERBS = {"قبل", "حمل", "ثمن", "بين", "رات", "رد", "ردوا", "ردا"}
"""Bare forms that are nouns or prepositions: only their inflections are verbs."""
CONTINUATION_VERBS = frozenset({"اضاف", "تابع", "استطرد", "اردف", "ختم", "يضيف", "مضيفا", "متابعا", "مستطردا",
                                "اضافت", "تابعت", "استطردت", "اردفت", "ختمت", "تضيف", "مضيفه", "متابعه"})
"""Verbs that by themselves continue the previous speaker (وأضاف، وتابع)."""
OBJECT_VERBS = frozenset({"دعا", "دعت", "طالب", "طالبت", "حث", "حثت", "ناشد", "ناشدت", "اتهم", "اتهمت", "حمل",
                          "حملت", "حذر", "حذرت", "ابلغ", "ابلغت", "انتقد", "انتقدت", "يدعو", "تدعو", "يطالب", "تطالب",
                          "يحث", "تحث", "يناشد", "تناشد", "يتهم", "تتهم", "يحذر", "تحذر", "ينتقد", "تنتقد"})
"""Verbs whose following noun is usually their object when the subject is the clause's last speaker
(``…، ودعت روسيا إلى`` = "and [it] called on Russia to")."""
PARTICIPLES = frozenset({"مضيفا", "متابعا", "مستطردا", "مؤكدا", "مشددا", "محذرا", "داعيا", "مشيرا", "معتبرا",
                         "مطالبا", "موضحا", "لافتا", "منوها", "معربا", "مرحبا", "رافضا", "مؤكده", "مشيره",
                         "معتبره", "داعيه", "محذره", "مضيفه", "مطالبه", "واصفا", "واصفه", "قائلا", "قائله",
                         "مشددين", "مؤكدين", "مشددتين", "مؤكدتين", "متهما", "متهمه", "مشترطا", "مشترطه", "طالبا",
                         "طالبه"})
"""Circumstantial participles (``…، مؤكدا أن``): their subject is the sentence's own speaker or agent."""
_PARTICLES = {"قد", "كان", "كانت", "لقد", "فقد", "وقد", "بدوره", "بدورها", "بدورهم", "ايضا", "كذلك"}
_CONNECTIVES = {"لكن", "لكنه", "لكنها", "غير", "ان", "الا", "اما", "ثم", "كما", "قد", "وقد", "لقد", "فقد", "كان",
                "كانت", "بيد", "ايضا", "كذلك", "في", "المقابل", "من", "جهته", "جهتها", "جانبه", "جانبها", "بدوره",
                "بدورها", "غضون", "ذلك", "حين", "اليوم", "امس", "اذ"}
_NEGATIONS = {"لم", "لن", "لا", "ليس", "ليست"}
"""Particles before a verb (ولم تلتزم قوات النظام، لن تسمح تركيا): the agent after the verb still opens the clause."""
_SOURCE_NOUNS = {"مصادر", "مصدر", "مسؤول", "مسؤوله", "مسؤولون", "مسؤولين", "قيادي", "قياديون", "قياديين", "قيادات",
                 "عضو", "اعضاء", "متحدث", "ناطق", "خبراء", "مستشار", "دبلوماسي", "دبلوماسيون", "قائد", "قاده"}
_SAYING = {stem + end for stem in ("قال", "اكد", "اوضح", "اعلن", "ذكر", "افاد", "كشف", "اضاف", "صرح", "اشار")
           for end in ("", "ت")} | {"قالوا", "اكدوا", "يقول", "تقول"}
"""Verbs of saying that take no ``بـ`` object: after them, ``مسؤول بـX`` is an official of X (``قال مسؤول
بالمعارضة``), where after ``أشاد``، ``رحب``، ``ندد`` the ``بـ`` is the verb's."""
_TIMES = {"الان", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "الليله", "البارحه",
          "الاسبوع", "الشهر", "العام", "السنه", "الصباح", "المساء"}
"""Definite words of time that may open a sentence or follow a source (``قال مصدر الخميس في دمشق``)."""
_WHEN = {"امس", "اليوم", "مساء", "صباح", "ظهر", "فجر", "ليل"}
"""Words of time without ال that may follow a source's noun (``مصدر رسمي أمس في تونس``)."""
_COMPLEMENTIZERS = {"ان", "بان", "انه", "انها", "انهم", "انهما", "بانه", "بانها", "بانهم", "لان", "انما", "انا"}
_BUT = {"لكن", "ولكن"}
"""Particles that go on with what a speaker says (``قال إنه …، لكن إيران لن``)."""
_BUT_HE = {"لكنه", "لكنها", "لكنهم"}
"""``لكن`` with the speaker's pronoun before a reporting verb (``…، لكنه أوضح أن``): the same speaker goes on."""
_LATTER = {"الاخيره", "الاخير"}
"""``الأخيرة``/``الأخير`` ("the latter") as a verb's subject: the last actor named before it."""
_IMPERSONAL = {"يذكر", "يشار"}
"""Verbs that, right before ``أن``/``إلى``, are impersonal (``يذكر أن``، ``ويشار إلى أن``: it is noted that)."""
_RANKS = {"العميد", "اللواء", "العقيد", "المقدم", "الرائد", "النقيب", "الفريق", "المشير", "الجنرال", "الاميرال",
          "العماد", "الشيخ", "الدكتور", "السفير"}
"""Ranks and honorifics between an organisation or title and its person's name (``العميد يحيى سريع``)."""
_RESETS = {"فيما", "بينما", "حين", "حينما", "بعدما", "عندما"}
_PREPS = {"الي", "في", "لدي", "عقب", "اثر", "مع", "من", "عن", "علي", "حول", "ضد", "بين", "عبر", "نحو", "تجاه", "ازاء",
          "بعد",
          "قبل", "منذ", "خلال", "داخل", "خارج", "قرب", "امام", "وراء", "تحت", "فوق", "عند", "لصالح", "بشان",
          "حيال", "بحق", "لدن", "سوي", "غير", "دون", "بدون", "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي",
          "شرقي", "غربي", "وسط", "مواقع", "ضواحي", "ريف", "محيط", "باتجاه", "حتي", "لمصلحه", "ضمن", "لقاء",
          "نظيره", "نظيرته", "نظرائه"}
_MEETINGS = tuple(n + suffix for n in ("لقائ", "استقبال", "اجتماع", "اتصال", "مباحثات", "محادثات", "زيارت", "لقاءات")
                  for suffix in ("ه", "ها", "هم", "هما"))
"""A meeting's noun with the subject's pronoun (``خلال لقائه``، ``لدى استقباله``): the actor after it is met, and
the verb before it has a pronoun subject (SANA's ``وقال خلال لقائه وزير الخارجية الروسي …``)."""
_PREPS |= set(_MEETINGS)
_ATTACHING = {"باسم", "لسان", "بقياده", "برئاسه", "بزعامه"}
_RELATIVES = {"الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي", "اللاتي", "اللذان", "اللتان", "من", "ما"}
_BL_NOUNS = {"لجنه", "لجان", "بعثه", "بيان", "برلمان", "بلديه", "بلاد", "بلد", "بلدان", "لواء", "ليبيا", "لبنان",
             "بريطانيا", "بغداد", "بيروت", "بكين", "برلين", "باريس", "بنغازي", "لندن", "بلجيكا", "باكستان",
             # verbs that begin with ب or ل (بدأت القوات الحكومية الانسحاب: their subject, no genitive)
             "بدات", "بحث", "بحثت", "بعث", "بعثت", "باشر", "باشرت", "بلغ", "بلغت", "بادر", "بادرت", "بارك", "باركت",
             "لجا", "لجات", "لوح", "لوحت", "لبي", "لبت"}
_STATEMENTS = {"بيان", "بيانا", "تصريح", "تصريحات", "رساله", "بلاغ", "مذكره"}
"""Statements, whose issuer after لـ or صادر عن is the one who speaks (وذكر بيان للجيش السوري أن)."""
_STATEMENT_ADJECTIVES = {"مشترك", "ختامي", "رسمي", "مقتضب", "منفصل"}
"""Adjectives between a statement and its issuer (``بيان مشترك لروسيا وتركيا``; normalised)."""
_ISSUED = {"صادر", "الصادر", "صادره", "الصادره"}
_MEDIA_NOUNS = {"وكاله", "صحيفه", "قناه", "تلفزيون", "اذاعه", "موقع", "مراسل", "وسائل", "وكالات", "صحف", "قنوات",
                "مجله"}
"""Nouns of news media, as a reporting verb's subject that the table may not know (``وذكرت وكالة الأنباء العراقية
أن``): a medium reports, holding no stance."""
_CAME = {"جاء", "ورد"}
_ADDRESSES = {"تقرير", "كلمه", "خطاب", "رساله", "مقابله", "حديث"}
"""With a statement, what ``جاء في``/``ورد في`` ("it came in") names: its issuer speaks (``وجاء في بيان للخارجية
الروسية أن``، ``وورد في كلمة لأردوغان``)."""
_QUOTING = {"نقل", "نقلت", "نقلوا", "ينقل", "تنقل"}
"""``نقل X عن Y``: X (often a news agency) quotes Y, who speaks."""
_SAYING_NOUNS = {"قوله", "قولها", "قولهم", "قولهما"}
"""``قوله`` after a source quoted with ``عن`` (``نقلت الوكالة عن مصدر قوله إن``): what follows is what the source said,
as after a verb of saying."""
_SOURCE_MARKERS: tuple[tuple[str, ...], ...] = (
    ("بحسب",), ("حسب",), ("وفق",), ("وفقا",), ("طبقا",), ("نقلا", "عن"), ("علي", "لسان"), ("بحسب", "ما", "ذكر"),
    ("بحسب", "ما", "قال"), ("حسبما", "ذكر"), ("حسبما", "افاد"), ("حسبما",), ("علي", "حد", "قول"),
)
"""Words before a source (normalised); after one, ``ما`` and a verb of saying (``وفق ما أفادت به``) are passed over."""
_QUOTES = set("«»“”\"„‟")
_OPEN_QUOTES = set("«“„‟")
_CLOSE_QUOTES = set("»”")
_NAME_QUOTES = {"«": "»", "“": "”", "„": "“”", "‟": "”", '"': '"', "'": "'", "‘": "’"}
"""Opening quotation marks and the closing ones that pair with them around a name."""
_PUNCT_BOUNDARY = set("،,:؛;()[]-–—") | _QUOTES
_CLITIC_ADJUNCT = set("بلك")
MAX_GAP = 6
"""Words allowed between a reporting verb and its subject (المتحدث الرسمي باسم …)."""
MAX_TITLE = 9
"""Words allowed before a person's name after the verb when they are all a title's (``وقال المتحدث باسم مجلس الأمن
القومي الأمريكي جون كيربي``: a body the table does not know)."""
MAX_RELATIVE = 24
"""Tokens from a sentence's start within which an attack's relative clause names the sentence's agent (``قتل ثمانية
مدنيين على الأقل، الثلاثاء، في غارات شنتها الطائرات الروسية``)."""
MAX_BEFORE = 3
"""Words allowed between a subject before the verb and the verb (لافروف قد أكد)."""


class Anaphor(NamedTuple):
    """Whom a continuation takes up of the last speakers: those of ``types`` (none named: any type), none who leads
    anything when ``no_leader``, only ``state``'s or its members' when ``state`` is given, only a holder (on the
    text's date) of a title that starts with one of ``offices`` (normalised), or a leader of an actor of a type in
    ``leads``, when offices are given."""

    types: tuple[str, ...] = ()
    no_leader: bool = False
    state: str | None = None
    offices: tuple[str, ...] = ()
    leads: tuple[str, ...] = ()


ANYONE = Anaphor()
"""A verb with no subject of its own (وأضاف أن): it takes up any last speaker."""
ANAPHORS = {"المصدر": (), "المصادر": (), "البيان": (), "الوزير": ("person",), "المتحدث": ("person",),
            "الناطق": ("person",), "المسؤول": ("person",), "المبعوث": ("person",), "الرئيس": ("person",),
            "الوزاره": ("government_body",), "الحكومه": ("state", "government_body"),
            "الهيئه": ("armed_group", "organisation"), "الحركه": ("armed_group", "party", "organisation"),
            "القوات": ("armed_forces", "armed_group"), "الجيش": ("armed_forces",)}
"""Definite nouns that, alone as a reporting verb's subject, take up the last speaker (``وأشار المصدر إلى أن``): any
of them (``()``), or only those of the actor types named (``وأكد الوزير أن``: the minister, not his state; ``وأضافت
الوزارة أن``: a ministry)."""
_PRIME = Anaphor(("person",), offices=("رئيس الوزراء", "رئيس الحكومه"), leads=("government_body",))
_HEADS_OF = {("رئيس", "الحكومه"): _PRIME, ("رئيس", "الوزراء"): _PRIME,
             ("رئيس", "الجمهوريه"): Anaphor(("person",), offices=("الرئيس", "رئيس الجمهوريه"))}
"""Two-word anaphoric subjects (``وأكد رئيس الحكومة أن``) → whom they take up: a holder of the office (a prime
minister) or a government's leader, not the government's spokesman who spoke before, nor a president."""
_HONORIFICS = {"سيادته", "فخامته", "سموه", "معاليه", "جلالته", "سيادتها", "معاليها"}
"""Honorifics with the pronoun (``وأكد سيادته``): a person who spoke before, whatever follows."""
_SUBORDINATES = {"الوزير", "المتحدث", "الناطق", "المبعوث", "المسؤول"}
"""Of :data:`ANAPHORS`, the nouns that take up no leader (``وأضاف الوزير الفرنسي`` after Macron spoke: not Macron)."""


def _forms() -> frozenset[str]:
    out: set[str] = set()
    for s in _PAST:
        out.add(s)
        if s.endswith(("ا", "ي")):
            out |= {s[:-1] + "ت", s[:-1] + "وا", s[:-1] + "تا"}
        else:
            out |= {s + "ت", s + "وا", s + "ا", s + "تا"}
    for p in _PRESENT:
        out |= {p, "ت" + p[1:], p + "ون", p[:-1] + "ون" if p.endswith(("ي", "و")) else p + "ان"}
    out |= PARTICIPLES
    return frozenset(out - _NOT_VERBS)


_WITH_OBJECT = ("اتهم", "انتقد", "حث", "ناشد", "ابلغ")
"""Verbs written with an object pronoun whose forms are no noun (``اتهمتها دمشق``: Damascus accused it; not حذره،
وصفه، طالبه، ادانه, which are nouns too after ة → ه)."""
_FEMININE = frozenset({p[:-1] + "ت" if p.endswith(("ا", "ي")) else p + "ت" for p in _PAST}
                      | {"ت" + p[1:] for p in _PRESENT})
"""Reporting verbs in the feminine singular (``قالت``، ``دعت``، ``تقول``)."""


def _object_pronoun_forms() -> frozenset[str]:
    """Forms of :data:`_WITH_OBJECT` and دعا with an object pronoun (``انتقدته``، ``يتهمها``، ``دعاهم``): the noun after
    such a verb is its subject."""
    pronouns = ("ه", "ها", "هم", "هما")
    stems = [s + e for s in _WITH_OBJECT for e in ("", "ت", "و")] + ["دعا", "دعت", "يدعو", "تدعو"]  # not دعوه: دعوة
    stems += [p + (s[1:] if s[0] == "ا" else s) for s in _WITH_OBJECT for p in ("ي", "ت")]
    stems += [s + e for s in ("رفض", "ايد", "عارض") for e in ("ت", "و")]  # (not رفضه, "his refusal")
    return frozenset(s + p for s in stems for p in pronouns) - {"دعاه"}  # دعاة (advocates) after ة → ه


REPORTING_FORMS: frozenset[str] = _forms() | _object_pronoun_forms()
"""Inflected reporting verbs (normalised, without و/ف)."""
_SHORT = {"في", "من", "عن", "مع", "قد", "ان", "لا", "لم", "لن", "ما", "ثم", "لو", "كل"}
_STEMS = {"وافق", "وافقت", "وافقا", "وافقتا", "وافقوا", "واصفا", "واصفه", "وصفت", "وصفا", "وصفتا", "وصفوا", "واجه",
          "واجهت", "وزير", "وزيره", "وزراء", "وزاره", "وزارات", "وفدا", "وفدي", "وفود", "وحدات", "وكاله", "وكالات",
          "وسائل", "وراء", "وقوف", "فورا", "فخامته", "فبراير", "فيما", "فيها", "فيهما", "فيهم"}
"""Words of the rules' lexicons whose first و or ف is their own letter, not a conjunction (``وزراء``، ``وحدات``،
``فيما``): :func:`_strip_conj` keeps them whole."""


def _conjoined(word: str) -> bool:
    """Whether ``word`` opens with a و/ف conjunction (``وأكد``، ``فقال``; not ``وافق``: :data:`_STEMS`)."""
    return word[:1] in ("و", "ف") and word not in _STEMS


def _medium(word: str) -> bool:
    """Whether ``word`` is a noun of :data:`_MEDIA_NOUNS`, with or without its conjunction and article (``الوكالة``،
    ``والتلفزيون``، ``صحيفة``)."""
    return _strip_conj(word).removeprefix("ال") in _MEDIA_NOUNS


def _strip_conj(word: str) -> str:
    """``word`` without a leading و/ف conjunction (وفي → في, وقال → قال, ووزير → وزير; وزير as it is)."""
    if _conjoined(word) and (len(word) > 3 or word[1:] in _SHORT):
        return word[1:]
    return word


_DAMMA = "\u064f"
_SHADDA = "\u0651"
_SHADDA_VERBS = {"حمل", "ثمن", "بين"}
"""Bare forms of :data:`_NOT_VERBS` that a shadda makes verbs (``وحمّل``، ``ثمّن``، ``وبيّن``; the nouns حَمْل، ثَمَن and
the preposition بين have none)."""


def _passive(written: str) -> bool:
    """Whether a verb as written is vowelled as a past passive: a damma on its first letter, or on the letter after a
    first alef (``اتُّهمت روسيا``, ``اُتهمت``, ``وأُعلن``: Russia was accused; the active has a fatha there). Unvowelled
    text says nothing of it."""
    letters = [(c, i) for i, c in enumerate(written) if unicodedata.category(c).startswith("L")]
    if letters and letters[0][0] in "وف" and len(letters) > 3:
        letters = letters[1:]  # a conjunction
    for n, (c, i) in enumerate(letters[:2]):
        marks = written[i + 1:letters[n + 1][1] if n + 1 < len(letters) else len(written)]
        if _DAMMA in marks:
            return True
        if c not in "اأإآ":
            return False
    return False


def is_reporting_verb(word: str) -> bool:
    """Whether a (normalised) word is a reporting verb, with or without و/ف."""
    return word in REPORTING_FORMS or (len(word) > 2 and word[0] in "وف" and word[1:] in REPORTING_FORMS)


def _is_prep(word: str) -> bool:
    """``word`` (normalised, without و/ف) is a preposition, bare or after ب/ل (``في``، ``بعد``، ``لدى``، ``بين``)."""
    return word in _PREPS or (len(word) > 2 and word[0] in "بل" and word[1:] in _PREPS)


_COMMANDS = {"القياده", "قياده", "الاركان", "اركان", "الذراع", "الجناح", "التابعه", "التابع", "التابعين", "المواليه",
             "الموالي", "المواليين", "اللجنه", "المكتب", "الهيئه", "المجلس"}
"""Nouns of a body's command or arm, and adjectives of belonging, before its genitive with لـ (``القيادة العامة
للجيش``، ``الفصائل الموالية لإيران``)."""
_ON_BEHALF = {"ممثلين", "ممثلي", "ممثلون", "ممثل", "مندوبين", "مندوبي", "مندوبون", "وفد", "وفدي", "عناصر", "قوات"}
"""Words between ``من قبل`` and the agent (``من قبل ممثلين عن الجيش``)."""
