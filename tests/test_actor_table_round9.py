"""Round 9 of the bundled alias table: gaps a probe of real news (UnifiedFC and ANERcorp, seed 8821) found — Israel
as the occupation and the Zionist entity, the Kurdistan Region acting as its government, UNIFIL's older Lebanese
name, the Palestinian government, bare تميم and الجزيرة (weak), the FAO (its full name held the UN's), and the Gulf
of Aden (no Aden)."""

from __future__ import annotations

import pytest

from test_actors import found, ids

NEW = [
    ("الاحتلال الإسرائيلي يواصل اعتداءاته على قطاع غزة", "israel", "الاحتلال الإسرائيلي"),
    ("اشتباكات بين الجيش اللبناني والكيان الصهيوني على الحدود", "israel", "الكيان الصهيوني"),
    ("وقصف العدو الإسرائيلي أطراف البلدة", "israel", "العدو الإسرائيلي"),
    ("وهدد إقليم كردستان العراق بالانفصال", "kurdistan_region_government", "إقليم كردستان العراق"),
    ("قرب تشكيل القوة الإضافية لقوات الطوارئ الدولية في الجنوب", "unifil", "قوات الطوارئ الدولية"),
    ("تعيين ثلاثة وزراء في الحكومة الفلسطينية المقبلة", "palestinian_authority", "الحكومة الفلسطينية"),
    ("قال المدير العام لمنظمة الأمم المتحدة للأغذية والزراعة إن", "fao", "منظمة الأمم المتحدة للأغذية والزراعة"),
]


@pytest.mark.parametrize(("text", "actor", "span"), NEW)
def test_round9_names_are_found(table, text, actor, span):
    assert (actor, span) in found(table, text, date="2017-06-01")


def test_round9_weak_names_need_a_strong_one(table):
    assert ids(table, "وقال تميم إن الحصار فشل.") == []
    assert ids(table, "قال أمير قطر الشيخ تميم بن حمد إن الحصار فشل، وأضاف تميم أن", date="2017-06-01")[-1] == \
        "tamim_bin_hamad"
    assert ids(table, "وصلت السفينة إلى الجزيرة.") == []
    assert ids(table, "وقال مراسل قناة الجزيرة إن القصف استمر، وأفادت مصادر للجزيرة بمقتل عنصرين.") == \
        ["al_jazeera", "al_jazeera"]


def test_round9_the_gulf_of_aden_is_no_aden_and_the_fao_no_un(table):
    assert ids(table, "من خليج عدن حتى مضيق هرمز.") == []
    assert ids(table, "وصل الوفد إلى عدن.") == ["aden"]
    assert "un" not in ids(table, "قال المدير العام لمنظمة الأمم المتحدة للأغذية والزراعة إن الجوع يتفاقم.")


def test_round9_the_peninsula_and_syrias_kurdistan_are_no_new_names(table):
    """A review: the weak الجزيرة inside شبه الجزيرة الكورية (beside the channel's full name), and إقليم كردستان
    سوريا read as Iraq's Kurdistan Regional Government."""
    assert ids(table, "في شبه الجزيرة الكورية. وقالت قناة الجزيرة إن") == ["al_jazeera"]
    assert "kurdistan_region_government" not in ids(table, "أعلن إقليم كردستان سوريا الإدارة الذاتية.")
