"""Round 12 of the bundled alias table: heads of state and government of the 1990-2020 news that the table lacked —
Kings Fahd and Abdullah of Saudi Arabia, Hussein of Jordan, Hassan II of Morocco, Sheikhs Zayed and Jaber, Sultans
Qaboos and Haitham, the presidents of Algeria and Tunisia, Sadat, Khomeini and Rafsanjani, Israel's prime ministers
before Netanyahu and its presidents, Yeltsin and Gorbachev, Nasser, Boumediene, Chadli and Bourguiba — and the
earlier holders of the titles they held."""

from __future__ import annotations

import datetime as dt

import pytest

from test_actors import found, ids

NEW = [
    ("وقال خادم الحرمين الشريفين الملك فهد بن عبد العزيز إن المملكة تقف إلى جانب الكويت", "1990-08-10",
     "king_fahd", "الملك فهد بن عبد العزيز"),
    ("وأصدر الملك فهد أمرا ملكيا بتعيين أعضاء مجلس الشورى", "1993-08-21", "king_fahd", "الملك فهد"),
    ("ودعا الملك عبد الله بن عبد العزيز إلى الحوار بين أتباع الأديان", "2008-06-04",
     "king_abdullah_bin_abdulaziz", "الملك عبد الله بن عبد العزيز"),
    ("والتقى ولي العهد السعودي الأمير عبد الله بن عبد العزيز الرئيس الأمريكي في تكساس", "2002-04-25",
     "king_abdullah_bin_abdulaziz", "الأمير عبد الله بن عبد العزيز"),
    ("وبعث الملك عبدالله بن عبدالعزيز برقية تهنئة", "2012-03-01",
     "king_abdullah_bin_abdulaziz", "الملك عبدالله بن عبدالعزيز"),
    ("وأكد الملك حسين أن الأردن لن يكون ممرا لأي عدوان", "1996-09-30", "king_hussein", "الملك حسين"),
    ("ووقع الملك الحسين بن طلال ورابين معاهدة السلام في وادي عربة", "1994-10-26",
     "king_hussein", "الملك الحسين بن طلال"),
    ("وترأس الملك الحسن الثاني اجتماع لجنة القدس في الرباط", "1995-01-20", "king_hassan_ii", "الملك الحسن الثاني"),
    ("واستقبل الشيخ زايد بن سلطان آل نهيان في أبوظبي الرئيس اليمني", "1998-05-01",
     "zayed_bin_sultan", "الشيخ زايد بن سلطان آل نهيان"),
    ("وأكد الشيخ زايد أن الإمارات تدعم الشعب الفلسطيني", "2001-01-15", "zayed_bin_sultan", "الشيخ زايد"),
    ("وعاد الشيخ جابر الأحمد الجابر الصباح إلى الكويت بعد التحرير", "1991-03-14",
     "jaber_al_ahmad", "الشيخ جابر الأحمد الجابر الصباح"),
    ("وافتتح السلطان قابوس بن سعيد الانعقاد السنوي لمجلس عمان", "2012-10-31",
     "qaboos_bin_said", "السلطان قابوس بن سعيد"),
    ("وأدى السلطان هيثم بن طارق اليمين سلطانا للبلاد", "2020-01-11", "haitham_bin_tariq", "السلطان هيثم بن طارق"),
    ("وقال الرئيس عبد العزيز بوتفليقة في خطاب إلى الأمة إن", "2011-04-15",
     "abdelaziz_bouteflika", "عبد العزيز بوتفليقة"),
    ("وأعلن بوتفليقة استقالته من رئاسة الجمهورية", "2019-04-02", "abdelaziz_bouteflika", "بوتفليقة"),
    ("ووقع رئيس الدولة المؤقت عبد القادر بن صالح مرسوم استدعاء الهيئة الناخبة", "2019-09-15",
     "abdelkader_bensalah", "عبد القادر بن صالح"),
    ("وأدى عبد المجيد تبون اليمين الدستورية رئيسا للجزائر", "2019-12-19",
     "abdelmadjid_tebboune", "عبد المجيد تبون"),
    ("ودعا الرئيس اليمين زروال إلى انتخابات رئاسية مسبقة", "1998-09-11", "liamine_zeroual", "اليمين زروال"),
    ("وغادر الرئيس زين العابدين بن علي تونس متوجها إلى جدة", "2011-01-15",
     "zine_el_abidine_ben_ali", "زين العابدين بن علي"),
    ("وكلف الرئيس المؤقت فؤاد المبزع الباجي قايد السبسي بتشكيل الحكومة", "2011-02-27",
     "fouad_mebazaa", "فؤاد المبزع"),
    ("وانتخب المجلس التأسيسي المنصف المرزوقي رئيسا للجمهورية", "2011-12-12",
     "moncef_marzouki", "المنصف المرزوقي"),
    ("وقال الباجي قائد السبسي إن تونس ماضية في مسارها الديمقراطي", "2016-03-20",
     "beji_caid_essebsi", "الباجي قائد السبسي"),
    ("وقال قيس سعيد إن الدولة التونسية واحدة", "2021-07-26", "kais_saied", "قيس سعيد"),
    ("وزار أنور السادات القدس في نوفمبر 1977", "2017-11-19", "anwar_sadat", "أنور السادات"),
    ("وأصدر آية الله الخميني فتوى بإهدار دم الكاتب", "1989-02-14", "ruhollah_khomeini", "آية الله الخميني"),
    ("وقال هاشمي رفسنجاني رئيس مجمع تشخيص مصلحة النظام إن", "2009-06-20",
     "akbar_hashemi_rafsanjani", "هاشمي رفسنجاني"),
    ("واغتيل إسحاق رابين في تل أبيب", "2015-11-04", "yitzhak_rabin", "إسحاق رابين"),
    ("وقال شمعون بيريز إن إسرائيل تريد السلام", "2009-03-01", "shimon_peres", "شمعون بيريز"),
    ("ورفض إسحق شامير وقف الاستيطان", "1991-10-30", "yitzhak_shamir", "إسحق شامير"),
    ("ووقع مناحيم بيغن اتفاقية كامب ديفيد", "2018-09-17", "menachem_begin", "مناحيم بيغن"),
    ("وقال رؤوفين ريفلين إن", "2016-01-10", "reuven_rivlin", "رؤوفين ريفلين"),
    ("وقال يتسحاق هرتسوغ إن", "2022-01-10", "isaac_herzog", "يتسحاق هرتسوغ"),
    ("وأدين موشيه كتساف بالاغتصاب", "2010-12-30", "moshe_katsav", "موشيه كتساف"),
    ("وأعلن بوريس يلتسين استقالته من رئاسة روسيا", "1999-12-31", "boris_yeltsin", "بوريس يلتسين"),
    ("وقال ميخائيل غورباتشوف إن", "1991-08-22", "mikhail_gorbachev", "ميخائيل غورباتشوف"),
    ("وأمم جمال عبد الناصر قناة السويس عام 1956", "2016-07-26", "gamal_abdel_nasser", "جمال عبد الناصر"),
    ("واستقبل الرئيس هواري بومدين الوفد الفلسطيني", "1974-11-01", "houari_boumediene", "هواري بومدين"),
    ("والتقى الشاذلي بن جديد الملك الحسن الثاني على الحدود", "1988-05-16", "chadli_bendjedid", "الشاذلي بن جديد"),
    ("وعاد الحبيب بورقيبة إلى قصر قرطاج", "1985-05-01", "habib_bourguiba", "الحبيب بورقيبة"),
]


@pytest.mark.parametrize(("text", "date", "actor", "span"), NEW)
def test_round12_names_are_found(table, text, date, actor, span):
    assert (actor, span) in found(table, text, date=date)


# ---- titles, by the text's date -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "date", "actor"), [
    ("وقال العاهل السعودي إن", "2010-05-01", "king_abdullah_bin_abdulaziz"),
    ("وقال العاهل السعودي إن", "1990-01-01", "king_fahd"),
    ("وقال العاهل السعودي إن", "2016-05-01", "king_salman"),
    ("وقال خادم الحرمين الشريفين إن", "1998-05-01", "king_fahd"),
    ("وقال الملك السعودي إن", "2005-08-01", "king_abdullah_bin_abdulaziz"),
    ("وقال الملك السعودي إن", "2005-07-31", "king_fahd"),
    ("وقال العاهل الأردني إن", "1994-10-26", "king_hussein"),
    ("وقال العاهل الأردني إن", "2005-10-26", "king_abdullah_ii"),
    ("وقال العاهل المغربي إن", "1996-03-01", "king_hassan_ii"),
    ("وقال العاهل المغربي إن", "2011-03-09", "king_mohammed_vi"),
    ("وقال رئيس دولة الإمارات إن", "1999-05-01", "zayed_bin_sultan"),
    ("وقال رئيس دولة الإمارات إن", "2004-11-02", "zayed_bin_sultan"),
    ("وقال رئيس دولة الإمارات إن", "2004-11-03", "khalifa_bin_zayed"),
    ("وقال أمير الكويت إن", "1991-03-14", "jaber_al_ahmad"),
    ("وقال أمير الكويت إن", "2010-03-14", "sabah_al_ahmad"),
    ("وقال سلطان عمان إن", "2015-11-18", "qaboos_bin_said"),
    ("وقال السلطان العماني إن", "2020-01-10", "qaboos_bin_said"),
    ("وقال سلطان عمان إن", "2020-01-11", "haitham_bin_tariq"),
    ("وقال العاهل العماني إن", "2023-01-11", "haitham_bin_tariq"),
    ("وقال الرئيس الجزائري إن", "2005-07-05", "abdelaziz_bouteflika"),
    ("وقال الرئيس الجزائري إن", "2019-04-02", "abdelaziz_bouteflika"),
    ("وقال الرئيس الجزائري إن", "2019-07-05", "abdelkader_bensalah"),
    ("وقال الرئيس الجزائري إن", "2022-07-05", "abdelmadjid_tebboune"),
    ("وقال الرئيس الجزائري إن", "1996-07-05", "liamine_zeroual"),
    ("وقال الرئيس التونسي إن", "2008-11-07", "zine_el_abidine_ben_ali"),
    ("وقال الرئيس التونسي إن", "2011-01-14", "zine_el_abidine_ben_ali"),
    ("وقال الرئيس التونسي إن", "2011-06-01", "fouad_mebazaa"),
    ("وقال الرئيس التونسي إن", "2013-06-01", "moncef_marzouki"),
    ("وقال الرئيس التونسي إن", "2017-06-01", "beji_caid_essebsi"),
    ("وقال الرئيس التونسي إن", "2021-07-26", "kais_saied"),
    ("وقال الرئيس المصري إن", "1978-09-17", "anwar_sadat"),
    ("وقال الرئيس المصري إن", "1981-10-06", "anwar_sadat"),
    ("وقال الرئيس المصري إن", "1990-08-10", "hosni_mubarak"),
    ("وقال المرشد الأعلى للثورة الإسلامية إن", "1988-07-20", "ruhollah_khomeini"),
    ("وقال المرشد الأعلى للثورة الإسلامية إن", "1989-06-04", "ali_khamenei"),
    ("وقال الرئيس الإيراني إن", "1995-04-30", "akbar_hashemi_rafsanjani"),
    ("وقال الرئيس الإيراني إن", "1999-04-30", "mohammad_khatami"),
    ("وقال رئيس الوزراء الإسرائيلي إن", "1993-09-13", "yitzhak_rabin"),
    ("وقال رئيس الوزراء الإسرائيلي إن", "1995-11-04", "yitzhak_rabin"),
    ("وقال رئيس الوزراء الإسرائيلي إن", "1996-04-18", "shimon_peres"),
    ("وقال رئيس الوزراء الإسرائيلي إن", "1991-10-30", "yitzhak_shamir"),
    ("وقال رئيس الوزراء الإسرائيلي إن", "1985-06-01", "shimon_peres"),
    ("وقال رئيس الوزراء الإسرائيلي إن", "1982-06-06", "menachem_begin"),
    ("وقال رئيس الوزراء الإسرائيلي إن", "1997-07-20", "benjamin_netanyahu"),
    ("وقال الرئيس الإسرائيلي إن", "2010-05-01", "shimon_peres"),
    ("وقال الرئيس الإسرائيلي إن", "2018-05-01", "reuven_rivlin"),
    ("وقال الرئيس الإسرائيلي إن", "2023-10-12", "isaac_herzog"),
    ("وقال الرئيس الإسرائيلي إن", "2003-05-01", "moshe_katsav"),
    ("وقال الرئيس الروسي إن", "1996-07-03", "boris_yeltsin"),
    ("وقال الرئيس الروسي إن", "2000-03-26", "vladimir_putin"),
    ("وقال الرئيس الروسي إن", "2005-03-26", "vladimir_putin"),
    ("وقال الرئيس السوفيتي إن", "1991-08-22", "mikhail_gorbachev"),
    ("وقال الرئيس الجزائري إن", "1985-07-05", "chadli_bendjedid"),
    ("وقال الرئيس الجزائري إن", "1975-07-05", "houari_boumediene"),
    ("وقال الرئيس التونسي إن", "1985-07-05", "habib_bourguiba"),
    ("وقال الرئيس السوري إن", "1995-10-01", "hafez_al_assad"),
    ("وقال الرئيس السوري إن", "2005-10-01", "bashar_al_assad"),
    ("وقال الرئيس العراقي إن", "1990-08-02", "saddam_hussein"),
    ("وقال الرئيس العراقي إن", "2006-10-01", "jalal_talabani"),
])
def test_round12_titles_name_the_holder_of_the_day(table, text, date, actor):
    assert ids(table, text, date=date) == [actor]


@pytest.mark.parametrize(("text", "date"), [
    ("وقال الرئيس المصري إن", "1981-10-10"),          # Sufi Abu Taleb, acting: not listed
    ("وقال الرئيس الجزائري إن", "2019-04-05"),         # between Bouteflika's resignation and Bensalah
    ("وقال الرئيس التونسي إن", "2019-09-01"),          # Mohamed Ennaceur, interim: not listed
    ("وقال الرئيس الإسرائيلي إن", "2007-07-10"),       # Dalia Itzik, acting: not listed
    ("وقال الرئيس السوفيتي إن", "2010-07-10"),         # no Soviet Union
    ("وقال الرئيس السوفياتي إن", "1987-12-08"),        # before the Soviet presidency (1990)
    ("وقال الرئيس الجزائري إن", "1993-07-05"),         # the High Council of State: not listed
])
def test_round12_titles_between_listed_holders_name_nobody(table, text, date):
    assert ids(table, text, date=date) == []


def test_round12_the_emir_of_kuwait_in_saad_al_abdullahs_days(table):
    """Saad al-Abdullah (15-24 January 2006) is not listed: the title names nobody, only Kuwait inside it."""
    assert ids(table, "وقال أمير الكويت إن", date="2006-01-20") == ["kuwait"]
    assert ids(table, "وقال أمير الكويت إن", date="2006-01-15") == ["jaber_al_ahmad"]


def test_round12_successors_take_office_on_their_first_day(table):
    for text, day, before, after in [
        ("وقال العاهل السعودي إن", "2005-08-01", "king_fahd", "king_abdullah_bin_abdulaziz"),
        ("وقال العاهل السعودي إن", "2015-01-23", "king_abdullah_bin_abdulaziz", "king_salman"),
        ("وقال العاهل الأردني إن", "1999-02-07", "king_hussein", "king_abdullah_ii"),
        ("وقال العاهل المغربي إن", "1999-07-23", "king_hassan_ii", "king_mohammed_vi"),
        ("وقال رئيس الوزراء الإسرائيلي إن", "1995-11-05", "yitzhak_rabin", "shimon_peres"),
        ("وقال رئيس الوزراء الإسرائيلي إن", "1992-07-13", "yitzhak_shamir", "yitzhak_rabin"),
        ("وقال الرئيس الروسي إن", "1999-12-31", "boris_yeltsin", "vladimir_putin"),
        ("وقال الرئيس الإيراني إن", "1997-08-03", "akbar_hashemi_rafsanjani", "mohammad_khatami"),
        ("وقال الرئيس التونسي إن", "2011-01-15", "zine_el_abidine_ben_ali", "fouad_mebazaa"),
    ]:
        assert ids(table, text, date=day) == [after]
        prev = str(dt.date.fromisoformat(day) - dt.timedelta(days=1))
        assert ids(table, text, date=prev) == [before]


@pytest.mark.parametrize(("text", "date", "actor", "name"), [
    ("وقال العاهل السعودي الملك عبد الله بن عبد العزيز إن", "2010-05-01",
     "king_abdullah_bin_abdulaziz", "الملك عبد الله بن عبد العزيز"),
    ("وقال العاهل الأردني الملك حسين إن", "1995-05-01", "king_hussein", "الملك حسين"),
    ("وقال الرئيس التونسي الباجي قايد السبسي إن", "2016-01-01", "beji_caid_essebsi", "الباجي قايد السبسي"),
    ("وقال الرئيس الجزائري عبد المجيد تبون إن", "2021-01-01", "abdelmadjid_tebboune", "عبد المجيد تبون"),
    ("وقال سلطان عمان السلطان قابوس بن سعيد إن", "2010-01-01", "qaboos_bin_said", "السلطان قابوس بن سعيد"),
    ("وقال رئيس الوزراء الإسرائيلي إسحاق رابين إن", "1994-01-01", "yitzhak_rabin", "إسحاق رابين"),
])
def test_round12_titles_with_their_holders_named(table, text, date, actor, name):
    assert found(table, text, date=date)[-1] == (actor, name)
    assert ids(table, text, date=date) == [actor, actor]


def test_round12_a_former_holder_named_after_the_title(table):
    """After المخلوع or الراحل only the name next to the title says who: not the holder of the text's day."""
    text = "وقال الرئيس التونسي المخلوع زين العابدين بن علي في بيان إن"
    assert ids(table, text, date="2012-06-20") == ["zine_el_abidine_ben_ali", "zine_el_abidine_ben_ali"]
    text = "وأحيا الأردنيون ذكرى رحيل العاهل الأردني الراحل الملك الحسين بن طلال"
    assert ids(table, text, date="2019-02-07") == ["king_hussein", "king_hussein"]


# ---- the two Kings Abdullah ---------------------------------------------------------------------------------

@pytest.mark.parametrize("date", [None, "2010-05-01", "2018-05-01"])
def test_bare_king_abdullah_names_neither_king(table, date):
    assert ids(table, "وأكد الملك عبد الله أن الحل السياسي هو السبيل الوحيد", date=date) == []


def test_a_title_or_a_full_name_says_which_king_abdullah(table):
    assert ids(table, "وأكد العاهل السعودي الملك عبد الله أن", date="2010-05-01") == ["king_abdullah_bin_abdulaziz"]
    assert ids(table, "وأكد العاهل الأردني الملك عبد الله أن", date="2010-05-01") == ["king_abdullah_ii"]
    assert ids(table, "وأكد الملك عبد الله الثاني أن", date="2010-05-01") == ["king_abdullah_ii"]
    assert ids(table, "وأكد الملك عبد الله بن عبد العزيز أن", date="2010-05-01") == ["king_abdullah_bin_abdulaziz"]
    text = "واستقبل خادم الحرمين الشريفين الملك عبد الله بن عبد العزيز العاهل الأردني الملك عبد الله الثاني في الرياض"
    assert found(table, text, date="2010-05-01") == [
        ("king_abdullah_bin_abdulaziz", "خادم الحرمين الشريفين"),
        ("king_abdullah_bin_abdulaziz", "الملك عبد الله بن عبد العزيز"),
        ("king_abdullah_ii", "العاهل الأردني"), ("king_abdullah_ii", "الملك عبد الله الثاني"), ("riyadh", "الرياض")]


# ---- Ben Ali and Binali Yıldırım ------------------------------------------------------------------------------

def test_bare_ben_ali_is_weak(table):
    assert ids(table, "وقال بن علي إن الانتخابات ستجرى في موعدها", date="2009-10-01") == []
    text = "وفاز الرئيس زين العابدين بن علي بولاية خامسة. وقال بن علي في خطاب إن"
    assert ids(table, text, date="2009-10-26") == ["zine_el_abidine_ben_ali", "zine_el_abidine_ben_ali"]
    assert found(table, "وقال رئيس الوزراء التركي بن علي يلدريم إن", date="2017-01-01")[-1] == \
        ("binali_yildirim", "بن علي يلدريم")
    assert ids(table, "وقال الرئيس بن علي إن", date="2005-01-01") == ["zine_el_abidine_ben_ali"]


# ---- namesakes -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "actor"), [
    ("وقال الأمير متعب بن عبد الله بن عبد العزيز وزير الحرس الوطني إن", "king_abdullah_bin_abdulaziz"),
    ("وأكد الأمير عبد العزيز بن عبد الله بن عبد العزيز نائب وزير الخارجية أن", "king_abdullah_bin_abdulaziz"),
    ("وقال الدكتور عبد الله بن عبد العزيز الربيعة المشرف العام على مركز الإغاثة إن", "king_abdullah_bin_abdulaziz"),
    ("وافتتح الأمير محمد بن فهد بن عبد العزيز أمير المنطقة الشرقية المعرض", "king_fahd"),
    ("وقال سعيد بوتفليقة شقيق الرئيس إن", "abdelaziz_bouteflika"),
    ("وقال حافظ قايد السبسي المدير التنفيذي لحزب نداء تونس إن", "beji_caid_essebsi"),
    ("وقالت ليلى بن علي في كتابها إن", "zine_el_abidine_ben_ali"),
    ("وقال طلعت السادات إن", "anwar_sadat"),
    ("وقالت جيهان السادات إن", "anwar_sadat"),
    ("وقال السيد حسن الخميني حفيد مؤسس الجمهورية إن", "ruhollah_khomeini"),
    ("وقالت فائزة هاشمي رفسنجاني إن", "akbar_hashemi_rafsanjani"),
    ("وقال محسن هاشمي رفسنجاني رئيس مجلس بلدية طهران إن", "akbar_hashemi_rafsanjani"),
    ("وقال الأمين العام للأمم المتحدة خافيير بيريز دي كويلار إن", "shimon_peres"),
    ("وقال بيني بيغن إن", "menachem_begin"),
    ("وقال يائير شامير وزير الزراعة إن", "yitzhak_shamir"),
    ("وقال حاييم هرتسوغ إن", "isaac_herzog"),
    ("وقال الشيخ زايد بن حمدان بن زايد إن", "zayed_bin_sultan"),
    ("وقال الأمير عبدالعزيز بن عبدالله بن عبدالعزيز نائب وزير الخارجية إن", "king_abdullah_bin_abdulaziz"),
    ("وقال نصر الله إن متعب بن عبدالله بن عبدالعزيز", "king_abdullah_bin_abdulaziz"),
    ("وقالت هدى جمال عبد الناصر إن", "gamal_abdel_nasser"),
    ("وقال خالد جمال عبد الناصر إن", "gamal_abdel_nasser"),
    ("وقال عبد الناصر سلامة رئيس تحرير الأهرام إن", "gamal_abdel_nasser"),
])
def test_round12_namesakes_are_not_the_leaders(table, text, actor):
    assert actor not in ids(table, text, date="2012-06-01")


@pytest.mark.parametrize(("text", "actor", "span"), [
    # round 12b, from a seventh probe of real news: the Russian Security Council (it was blocked, so as not to be the
    # UN's), the ISIS spokesman al-Adnani, Bekir Bozdağ, Florence Parly
    ("مجلس الامن القومي الروسي : روسيا مستعدة للانسحاب", "russian_security_council", "مجلس الامن القومي الروسي"),
    ("وقال مجلس الأمن الروسي في بيان إن", "russian_security_council", "مجلس الأمن الروسي"),
    ("وقال المتحدث باسم التنظيم أبو محمد العدناني إن", "abu_mohammad_al_adnani", "أبو محمد العدناني"),
    ("وقال وزير العدل التركي بكير بوزداغ إن", "bekir_bozdag", "بكير بوزداغ"),
    ("وقالت وزيرة الجيوش الفرنسية فلورنس بارلي إن", "florence_parly", "فلورنس بارلي"),
])
def test_round12b_names_are_found(table, text, actor, span):
    assert (actor, span) in found(table, text, date="2017-06-01")
    assert "unsc" not in ids(table, text, date="2017-06-01")
