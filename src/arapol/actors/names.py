"""Given names, which tell a namesake from a table's person: ``أسماء الأسد`` is not Bashar al-Assad, ``أحمد
الصفدي`` not Ayman Safadi, ``إيفانكا ترامب`` not Donald Trump. A person's alias right after a given name that is not
one of that person's own names names somebody else (see :meth:`~.aliases.ActorTable.find`); so does one after the
noun of a place or an institution named after the person (``مطار رفيق الحريري``، ``مركز الملك سلمان للإغاثة``).

The list is of names in Arabic script. It leaves out given names that are as often ordinary words before a name
(أمل، سلام، نور، أمين، سعيد، حسن، عادل، جميل، صالح، ناصر، منصور، أشرف، منى: "hope", "peace", "the good",
"victorious", "supervised", "from me"…)."""

from __future__ import annotations

import re

_ARABIC = """
محمد أحمد محمود مصطفى حسين عثمان خالد وليد سامي سمير ماهر باسل بشار فراس طارق زياد نزار بسام هشام عصام عماد
إياد مهند معتز أيمن أسامة حمزة يوسف إبراهيم إسماعيل إسحاق يعقوب موسى عيسى داود سليمان زكريا إلياس يونس أنس
بلال جمال كمال فيصل فهد تركي نايف بندر مشعل متعب سعود طلال الوليد راشد مكتوم حمدان زايد هزاع طحنون تميم جاسم
حمد ثامر قابوس هيثم رياض فؤاد نبيه جبران نجيب تمام رفيق بهاء مروان قاسم نعيم صبحي حسان مهدي مقتدى عمار نوري
حيدر برهم مسعود نيجيرفان مسرور قباد هوشيار قصي عدي طه عزت برزان وطبان لؤي زهير منذر حسني علاء عمرو
حازم عصمت نبيل صفوت فتحي أنور ممدوح عاطف ثروت هاني وجدي حمدين معمر سيف الساعدي هانيبال المعتصم
قيس منصف حمادي سعد مولود هاكان جواد محسن باقر مجتبى
عبلة بثينة أسماء أنيسة بشرى ريم رنا رزان سهير سوزان ليلى لينا هالة هند هيفاء وداد زينب فاطمة خديجة عائشة مريم
سارة نادية نجلاء رغد ماجدة نوال كوثر سلمى سميرة لبنى عبير ياسمين رانيا جيهان سوسن صفية أمينة
ياسر بلقاسم ريبال سومر دريد فواز نمير هلال وسيم ميثم عزمي بكر عدنان غسان وائل سمية إسراء سها سهى
"""
"""Arabic, Kurdish, Turkish and Persian given names as Arabic news writes them (some for the leaders' families:
أسماء، ماهر، باسل، بشرى of the Assads; بلال، أمينة of the Erdoğans; the Gaddafis' sons). Left out: names that are
also a verb, a preposition or a noun often written before a leader's name once normalised (علي is على, عمر
"age", حافظ and رفعت verbs, يحيى the verb يحيي, صدام "clash", أمير "emir", خليفة "caliph", مبارك, عباس and
شكري surnames of the table's leaders); the table's blocked phrases take up such namesakes one by one."""

_FOREIGN = """
إيفانكا ميلانيا باربرا لورا هيلاري بيل تشيلسي ميشيل جاريد إريك تيفاني بارون دونالد جو هانتر
فلاديمير ديمتري سيرغي ماريا يفغيني أليكسي إيمانويل بريجيت نيكولا فرانسوا جاك لوران جان ماري مارين
أنغيلا أولاف فرانك بنيامين يائير أفيغدور إيهود أرييل شاؤول نفتالي غادي موشيه
جون جورج مايك مايكل ديفيد جيمس روبرت ريتشارد توماس بيتر بول مارك أندرو ستيفن تشارلز كريستوفر كيفن كيث
أنتوني ماثيو دانيال نيكولاس سكوت تيد توم تيم فرانسيس ليز لارا إيفانا آشلي أوشا أولينا لودميلا شيري ساشا
أفنير يوناتان تومي عومري جلعاد
"""
"""Given names of foreign leaders' families and of the West as Arabic transcribes them."""

ARABIC: tuple[str, ...] = tuple(re.findall(r"\S+", _ARABIC))
FOREIGN: tuple[str, ...] = tuple(re.findall(r"\S+", _FOREIGN))
"""The given names as written (the alias table normalises them as it does aliases). A foreign one is compared
with a person's own names by its consonants (:func:`consonants`), an Arabic one as it is (بشرى is not بشار)."""

NAMED_AFTER = ("جامعة", "كلية", "معهد", "أكاديمية", "مدرسة", "مطار", "ميناء", "جسر", "شارع", "ميدان", "ساحة",
               "نفق", "برج", "مدينة", "ضاحية", "بحيرة", "حديقة", "مستشفى", "ملعب", "استاد", "قاعة", "مكتبة", "متحف",
               "مسرح", "مسجد", "جامع", "ضريح", "مرقد", "مجمع", "مركز", "مؤسسة", "جائزة", "وسام", "قلادة", "منطقة")
"""Nouns of places, institutions and prizes that take a person's name (``جسر الملك حسين``، ``مدينة الصدر``، ``برج
ترامب``); not قاعدة ("base", also "rule": قاعدة ترامب الانتخابية) or سد ("dam", also the verb "blocked"), and not a
family (``أسرة الرئيس مرسي`` names him: :data:`~.aliases.POSSESSORS`)."""

HONOURS = ("الملك", "الشيخ", "الأمير", "السلطان", "الإمام", "الرئيس", "الشهيد", "الراحل", "السيد")
"""Words of honour between such a noun and the name (``مسجد الملك الحسن الثاني``)."""

COMPOUND_HEADS = ("عبد", "ابو")
"""Heads of compound given names in the matching normalisation (عبد الرحيم، أبو محمد): the word after them is the
name's second half, whatever it is (not أم: "or" as well as "mother of")."""

PATRONYMIC = ("بن", "ابن", "بنت")
"""Words that put a father's name after a given name (عادل بن أحمد الجبير): the given name before them is whose."""

_VOWELS = str.maketrans("", "", "اويء")
_ALIKE = str.maketrans({"غ": "ج", "ق": "ج", "ك": "ج", "ت": "ط", "د": "ض", "ث": "س", "ص": "س", "ذ": "ز", "ظ": "ز",
                        "ح": "ه"})


def consonants(word: str) -> str:
    """A normalised word's consonants, with the letters Arabic writes one foreign sound with made one: سيرغي and
    سيرجي both give ``سرج``, so another spelling of a person's own given name is no namesake."""
    return word.translate(_VOWELS).translate(_ALIKE)
