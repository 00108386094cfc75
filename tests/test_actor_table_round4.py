"""Round 4 of the bundled alias table: spokespeople and ministers quoted on ceasefires (Dujarric, Albusaidi,
al-Mismari), the Omani foreign minister's title, leaders of the 2000s that ANERcorp names most, the IAEA, Latin
acronyms written in capitals, Persian-letter spellings; and what the table leaves alone (bare عمان, bare المملكة)."""

from __future__ import annotations

import pytest

from arapol.actors.aliases import normalise_key
from test_actors import found, ids

# ---- people: one realistic sentence each, the person's id and the span ------------------------------

PEOPLE = [
    ("وقال ستيفان دوجاريك، المتحدث باسم الأمين العام، إن المنظمة تتابع الوضع في غزة", "stephane_dujarric",
     "ستيفان دوجاريك"),
    ("وأكد دوجاريك في مؤتمر صحفي أن القوافل لم تدخل بعد", "stephane_dujarric", "دوجاريك"),
    ("وقال فرحان حق إن الأمين العام قلق من التصعيد", "farhan_haq", "فرحان حق"),
    ("وبحث بدر البوسعيدي مع نظيره الإيراني سبل استئناف المحادثات", "badr_al_busaidi", "بدر البوسعيدي"),
    ("واستقبل يوسف بن علوي وفدا من الحوثيين في مسقط", "yusuf_bin_alawi", "يوسف بن علوي"),
    ("وقال أحمد المسماري إن قواتهم ستلتزم بالهدنة", "ahmed_al_mismari", "أحمد المسماري"),
    ("وأضاف المسماري أن الطيران استهدف مواقع في محيط طرابلس", "ahmed_al_mismari", "المسماري"),
    ("وقال رياض المالكي إن السلطة ستتوجه إلى مجلس الأمن", "riyad_al_maliki", "رياض المالكي"),
    ("وقال يحيى سريع إن قواتهم أطلقت صواريخ باليستية", "yahya_saree", "يحيى سريع"),
    ("وزعم أفيخاي أدرعي أن الغارة استهدفت عناصر من حماس", "avichay_adraee", "أفيخاي أدرعي"),
    ("وقال الأمير سعود الفيصل إن المملكة تدعم المبادرة العربية", "saud_al_faisal", "الأمير سعود الفيصل"),
    ("واستقبل الشيخ حمد بن خليفة آل ثاني الرئيس اللبناني", "hamad_bin_khalifa", "الشيخ حمد بن خليفة آل ثاني"),
    ("وهنأ الشيخ خليفة بن زايد آل نهيان الشعب الإماراتي", "khalifa_bin_zayed", "الشيخ خليفة بن زايد آل نهيان"),
    ("وأصدر الملك حمد بن عيسى آل خليفة مرسوما ملكيا", "hamad_bin_isa", "الملك حمد بن عيسى آل خليفة"),
    ("وقال حسني مبارك إن مصر لن تتدخل", "hosni_mubarak", "حسني مبارك"),
    ("وقال محمد البرادعي إن المفتشين لم يجدوا أدلة", "mohamed_elbaradei", "محمد البرادعي"),
    ("وقال يوكيا أمانو إن إيران تلتزم بالاتفاق", "yukiya_amano", "يوكيا أمانو"),
    ("وقال رافائيل غروسي إن المفتشين عادوا إلى المنشأة", "rafael_grossi", "رافائيل غروسي"),
    ("وقال محمد خاتمي إن الحوار بين الحضارات ضروري", "mohammad_khatami", "محمد خاتمي"),
    ("وأكد محمود أحمدي نجاد أن بلاده لن تتخلى عن برنامجها النووي", "mahmoud_ahmadinejad", "محمود أحمدي نجاد"),
    ("وقال علي لاريجاني إن المفاوضات مع الأوروبيين مستمرة", "ali_larijani", "علي لاريجاني"),
    ("وقال أرييل شارون إن خطة الانسحاب ستنفذ", "ariel_sharon", "أرييل شارون"),
    ("وقال إيهود أولمرت إن الحرب على لبنان ستستمر", "ehud_olmert", "إيهود أولمرت"),
    ("وقال ياسر عرفات إن الشعب الفلسطيني لن يركع", "yasser_arafat", "ياسر عرفات"),
    ("وتوعد أسامة بن لادن في تسجيل صوتي الولايات المتحدة", "osama_bin_laden", "أسامة بن لادن"),
    ("وأعلن أبو مصعب الزرقاوي مسؤوليته عن الهجوم", "abu_musab_al_zarqawi", "أبو مصعب الزرقاوي"),
    ("وقال فؤاد السنيورة إن الحكومة ستنشر الجيش في الجنوب", "fouad_siniora", "فؤاد السنيورة"),
    ("ورفض إميل لحود التوقيع على المرسوم", "emile_lahoud", "إميل لحود"),
    ("وقال ميشال سليمان إن الحوار الوطني سيستأنف", "michel_suleiman", "ميشال سليمان"),
    ("وقال وليد جنبلاط إن الحزب لن يشارك في الحكومة", "walid_jumblatt", "وليد جنبلاط"),
    ("وقال جلال طالباني إن العراق لن يكون منطلقا للاعتداء على جيرانه", "jalal_talabani", "جلال طالباني"),
    ("وقال نيجيرفان بارزاني إن حكومة الإقليم مستعدة للحوار مع بغداد", "nechirvan_barzani", "نيجيرفان بارزاني"),
    ("وقال صدام حسين أمام المحكمة إنه لا يعترف بها", "saddam_hussein", "صدام حسين"),
    ("وقال بيل كلينتون إن الاتفاق كان قريبا", "bill_clinton", "بيل كلينتون"),
    ("وقال كولن باول إن لدى واشنطن أدلة", "colin_powell", "كولن باول"),
    ("ووصلت كوندوليزا رايس إلى القدس", "condoleezza_rice", "كوندوليزا رايس"),
    ("وقال دونالد رامسفيلد إن القوات ستبقى في العراق", "donald_rumsfeld", "دونالد رامسفيلد"),
    ("وقال روبرت غيتس إن الانسحاب سيكون تدريجيا", "robert_gates", "روبرت غيتس"),
    ("وقال ليون بانيتا إن الخيارات كلها مطروحة", "leon_panetta", "ليون بانيتا"),
    ("وقال تشاك هيغل إن البنتاغون يراجع خططه", "chuck_hagel", "تشاك هيغل"),
    ("وقال جون بولتون إن العقوبات ستشدد", "john_bolton", "جون بولتون"),
    ("وقال جاك شيراك إن فرنسا تعارض الحرب", "jacques_chirac", "جاك شيراك"),
    ("وقال نيكولا ساركوزي إن فرنسا تدعم المعارضة الليبية", "nicolas_sarkozy", "نيكولا ساركوزي"),
    ("وقال توني بلير إن بريطانيا تقف مع حلفائها", "tony_blair", "توني بلير"),
    ("وقال غوردون براون إن القوات البريطانية ستنسحب من البصرة", "gordon_brown", "غوردون براون"),
    ("وقال خافيير سولانا إن الاتحاد الأوروبي يدعم الحوار", "javier_solana", "خافيير سولانا"),
    ("وقالت كاثرين آشتون إن المحادثات مع إيران كانت بناءة", "catherine_ashton", "كاثرين آشتون"),
    ("وقال أنان إن المنظمة الدولية مستعدة للمساعدة", "kofi_annan", "أنان"),
]


@pytest.mark.parametrize(("text", "actor", "surface"), PEOPLE)
def test_round4_people_are_found(table, text, actor, surface):
    assert (actor, surface) in found(table, text)
    assert table.get(actor).type == "person"


@pytest.mark.parametrize(("actor", "relation", "target"), [
    ("stephane_dujarric", "member_of", "un"), ("badr_al_busaidi", "member_of", "oman_mfa"),
    ("ahmed_al_mismari", "member_of", "lna"), ("yahya_saree", "member_of", "houthis"),
    ("avichay_adraee", "member_of", "idf"), ("rafael_grossi", "leader_of", "iaea"),
    ("osama_bin_laden", "leader_of", "al_qaeda"), ("walid_jumblatt", "leader_of", "psp")])
def test_round4_people_are_related_as_their_peers(table, actor, relation, target):
    assert table.get(actor).related(relation) == [target]


def test_the_lna_spokesman_with_his_title_is_him_not_haftar(table):
    assert found(table, "وقال المتحدث باسم قوات القيادة العامة أحمد المسماري إن قواتهم ستلتزم بالهدنة") == [
        ("lna", "قوات القيادة العامة"), ("ahmed_al_mismari", "أحمد المسماري")]


# ---- weak surnames: kept with the full name, alone they name nobody ---------------------------------

@pytest.mark.parametrize(("text", "actor"), [
    ("وقال الرئيس حسني مبارك إنه لن يتدخل. وأضاف مبارك أن", "hosni_mubarak"),
    ("وقال ياسر عرفات إن الشعب لن يركع. وأضاف عرفات أن", "yasser_arafat"),
    ("وقال كوفي أنان إن المنظمة مستعدة. وأضاف عنان أن", "kofi_annan"),
    ("وقال بدر البوسعيدي إن الوساطة مستمرة. وأضاف البوسعيدي أن", "badr_al_busaidi"),
])
def test_a_weak_surname_is_kept_after_the_full_name(table, text, actor):
    assert ids(table, text) == [actor, actor]


@pytest.mark.parametrize("text", [
    "وقال إن العيد مبارك على الجميع", "ووقف الحجاج على صعيد عرفات", "وأطلق العنان لخياله",
    "وقع صدام بين المحتجين والشرطة", "وقال صادق لاريجاني إن القضاء مستقل", "وتبرعت مجموعة بن لادن بالمبلغ",
    "وتخرج من جامعة حمد بن خليفة", "وزار مكتبة الكونغرس", "وقال المتحدث باسم التحالف تركي المالكي إن"])
def test_ordinary_words_and_namesakes_are_not_round4_actors(table, text):
    assert ids(table, text) == []


# ---- titles with dated holders -----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "date", "actor"), [
    ("وقال وزير الخارجية العماني إن الوساطة مستمرة", "2022-06-02", "badr_al_busaidi"),
    ("وقال وزير الخارجية العماني إن الوساطة مستمرة", "2018-05-01", "yusuf_bin_alawi"),
    ("وقال وزير خارجية سلطنة عمان إن الوساطة مستمرة", "2021-03-01", "badr_al_busaidi"),
    ("وقال وزير الخارجية الأمريكي إن واشنطن ملتزمة", "2006-03-01", "condoleezza_rice"),
    ("وقال وزير الخارجية الأمريكي إن واشنطن ملتزمة", "2003-02-05", "colin_powell"),
    ("وقال وزير الدفاع الأمريكي إن القوات ستبقى", "2004-05-01", "donald_rumsfeld"),
    ("وقال وزير الدفاع الأمريكي إن القوات ستبقى", "2009-05-01", "robert_gates"),
    ("وقال وزير الدفاع الأمريكي إن القوات ستبقى", "2012-05-01", "leon_panetta"),
    ("وقال وزير الدفاع الأمريكي إن القوات ستبقى", "2014-05-01", "chuck_hagel"),
    ("وقال الرئيس الفرنسي إن باريس تعارض الحرب", "2003-02-14", "jacques_chirac"),
    ("وقال الرئيس الفرنسي إن باريس تدعم التدخل", "2011-03-19", "nicolas_sarkozy"),
    ("وقال رئيس الوزراء البريطاني إن لندن تقف مع حلفائها", "2003-03-20", "tony_blair"),
    ("وقال رئيس الوزراء البريطاني إن لندن تقف مع حلفائها", "2009-01-10", "gordon_brown"),
    ("وقال رئيس الوزراء الإسرائيلي إن الحرب ستستمر", "2006-07-20", "ehud_olmert"),
    ("وقال رئيس الوزراء الإسرائيلي إن خطة الانسحاب ستنفذ", "2005-08-15", "ariel_sharon"),
    ("وقال الرئيس الفلسطيني إن الشعب لن يركع", "2002-04-01", "yasser_arafat"),
    ("وقال الرئيس المصري إن القاهرة ترفض", "2006-07-20", "hosni_mubarak"),
    ("وقال وزير الخارجية السعودي إن الرياض تدعم المبادرة", "2007-03-28", "saud_al_faisal"),
    ("وقال أمير قطر إن الدوحة تدعم الحوار", "2008-05-21", "hamad_bin_khalifa"),
    ("وقال رئيس دولة الإمارات إن أبوظبي تدعم الحوار", "2015-01-10", "khalifa_bin_zayed"),
    ("وقال العاهل البحريني إن المنامة تدعم الحوار", "2019-06-25", "hamad_bin_isa"),
    ("وقال الرئيس اللبناني إن بيروت ترفض", "2006-07-20", "emile_lahoud"),
    ("وقال الرئيس اللبناني إن بيروت ترفض", "2012-07-20", "michel_suleiman"),
    ("وقال رئيس الحكومة اللبنانية إن بيروت ترفض", "2006-07-20", "fouad_siniora"),
    ("وقال الرئيس الإيراني إن طهران لن تتراجع", "2007-06-01", "mahmoud_ahmadinejad"),
    ("وقال الرئيس الإيراني إن طهران تريد الحوار", "2001-06-01", "mohammad_khatami"),
    ("وقال مسؤول السياسة الخارجية في الاتحاد الأوروبي إن بروكسل تدعم الحوار", "2006-01-10", "javier_solana"),
    ("وقال مسؤول السياسة الخارجية في الاتحاد الأوروبي إن بروكسل تدعم الحوار", "2013-11-24", "catherine_ashton"),
    ("وقال زعيم تنظيم القاعدة إن الحرب مستمرة", "2004-10-29", "osama_bin_laden"),
    ("وقال المدير العام للوكالة الدولية للطاقة الذرية إن المفتشين عادوا", "2023-03-04", "rafael_grossi"),
    ("وقال المدير العام للوكالة الدولية للطاقة الذرية إن المفتشين عادوا", "2015-07-14", "yukiya_amano"),
    ("وقال المدير العام للوكالة الدولية للطاقة الذرية إن المفتشين عادوا", "2003-02-14", "mohamed_elbaradei"),
])
def test_round4_titles_name_the_holder_of_the_day(table, text, date, actor):
    assert actor in ids(table, text, date=date)


def test_the_iaea_director_title_names_nobody_between_amano_and_grossi(table):
    """Amano died on 2019-07-18; the acting heads until Grossi are not listed (the agency is named still)."""
    assert ids(table, "وقال المدير العام للوكالة الدولية للطاقة الذرية إن", date="2019-10-01") == ["iaea"]


# ---- organisations -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "actor", "surface"), [
    ("وأعلنت الخارجية العمانية ترحيبها بالهدنة", "oman_mfa", "الخارجية العمانية"),
    ("ورحبت الحكومة العمانية بالاتفاق", "oman", "الحكومة العمانية"),
    ("وأقر الكونغرس الأمريكي حزمة مساعدات لإسرائيل", "us_congress", "الكونغرس الأمريكي"),
    ("وصوت الكونغرس على مشروع القانون", "us_congress", "الكونغرس"),
    ("وقالت الوكالة الدولية للطاقة الذرية إن إيران زادت مخزونها", "iaea", "الوكالة الدولية للطاقة الذرية"),
    ("وأعلنت جبهة البوليساريو انسحابها من اتفاق وقف إطلاق النار", "polisario", "جبهة البوليساريو"),
    ("وأعلن الحزب التقدمي الاشتراكي مقاطعته الجلسة", "psp", "الحزب التقدمي الاشتراكي"),
    ("وأكدت المملكة السعودية دعمها للهدنة", "saudi_arabia", "المملكة السعودية"),
    ("وأكدت المملكة الأردنية رفضها التهجير", "jordan", "المملكة الأردنية"),
])
def test_round4_organisations_are_found(table, text, actor, surface):
    assert found(table, text)[0] == (actor, surface)


# ---- item 2: عمان (Oman and Amman are one string once tashkeel is dropped) ------------------------------

def test_shadda_does_not_tell_amman_from_oman(table):
    """عَمّان and عُمان normalise alike: the table cannot use the diacritics."""
    assert table.lookup("عَمّان") == table.lookup("عُمان") == table.lookup("عمان")


@pytest.mark.parametrize(("text", "want"), [
    ("وقالت سلطنة عمان إنها تواصل جهود الوساطة", [("oman", "سلطنة عمان")]),
    ("ورحبت السلطات العمانية بالهدنة", [("oman", "السلطات العمانية")]),
    ("ووصل الوفد إلى العاصمة عمان لحضور المؤتمر", [("amman", "العاصمة عمان")]),
    ("ووصل الوفد إلى العاصمة الأردنية عمان", [("amman", "العاصمة الأردنية عمان")]),
    ("وقالت مصادر في العاصمة الأردنية إن المحادثات مستمرة", [("amman", "العاصمة الأردنية")]),
])
def test_unambiguous_phrases_of_oman_and_amman(table, text, want):
    assert found(table, text) == want


@pytest.mark.parametrize("text", ["وعقد الاجتماع في عمان أمس", "واستقبل العاهل الأردني الوفد في عمان"])
def test_bare_amman_or_oman_alone_names_no_one(table, text):
    assert "oman" not in ids(table, text)


def test_bare_oman_is_oman_beside_a_strong_oman_alias(table):
    assert ids(table, "وقالت سلطنة عمان إن عمان مستعدة للوساطة") == ["oman", "oman"]


# ---- item 3: bare المملكة is no one's -----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "وأكد العاهل الأردني أن المملكة ترفض أي تهجير", "وقال العاهل المغربي إن المملكة متمسكة بوحدتها الترابية"])
def test_bare_kingdom_is_not_saudi_arabia(table, text):
    assert "saudi_arabia" not in ids(table, text)
    ent = text.index("المملكة")
    assert "saudi_arabia" not in ids(table, text, entities=[{"start": ent, "end": ent + 7, "label": "LOC"}])


@pytest.mark.parametrize(("text", "actor"), [
    ("وقالت المملكة المتحدة إن", "uk"), ("وقالت المملكة المغربية إن", "morocco"),
    ("وقالت المملكة العربية السعودية إن", "saudi_arabia")])
def test_longer_kingdom_names_keep_their_states(table, text, actor):
    assert ids(table, text) == [actor]


# ---- item 4: Latin acronyms in Arabic copy, capitals only ------------------------------------------------

@pytest.mark.parametrize(("text", "actor", "surface"), [
    ("وأعلن تنظيم الدولة (ISIS) مسؤوليته عن الهجوم", "isis", "ISIS"),
    ("وتبنى ISIL الهجوم", "isis", "ISIL"),
    ("وأعلن فرع ISIS-K مسؤوليته عن التفجير", "isis_khorasan", "ISIS-K"),
    ("وسيطرت قوات SDF على القرية", "sdf", "SDF"),
    ("وقالت وحدات YPG إن", "ypg", "YPG"),
    ("وقال حزب PKK إن", "pkk", "PKK"),
    ("وسيطرت HTS على المعبر", "hts", "HTS"),
    ("وقال حلف NATO إن", "nato", "NATO"),
])
def test_latin_acronyms_in_capitals(table, text, actor, surface):
    assert (actor, surface) in found(table, text)


@pytest.mark.parametrize("text", ["the nato summit", "Isis the goddess", "un accord de paix", "Hts code 8471"])
def test_latin_acronyms_not_in_capitals_name_no_one(table, text):
    assert ids(table, text) == []


def test_a_clitic_on_a_latin_acronym_is_not_read(table):
    """و written onto ISIS (وISIS) makes one word not all capitals: not matched (a limit of the matcher)."""
    assert ids(table, "وISIS أعلن") == []


# ---- item 5: Persian letters are not folded, so Persian-script spellings are listed ---------------------

@pytest.mark.parametrize(("text", "actor", "surface"), [
    ("وقال پزشکیان إن", "masoud_pezeshkian", "پزشکیان"),
    ("وقال عباس عراقچی إن", "abbas_araghchi", "عباس عراقچی"),
    ("وقال محمود أحمدی نژاد إن", "mahmoud_ahmadinejad", "محمود أحمدی نژاد"),
])
def test_persian_script_spellings(table, text, actor, surface):
    assert found(table, text) == [(actor, surface)]


def test_persian_letters_are_not_folded_to_arabic_ones(table):
    """پ چ ژ گ stay as they are (ی ک are folded): each Persian-script spelling is its own alias."""
    assert [normalise_key(c) for c in "پچژگ"] == list("پچژگ")
    assert normalise_key("پزشکیان") != normalise_key("بزشكيان")
    assert table.lookup("پزشکیان") == table.lookup("بزشكيان") == ["masoud_pezeshkian"]
