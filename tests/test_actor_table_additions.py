"""Additions to the bundled alias table: names that contain سوريا or الأسد are their own actors, not the Syrian
state or Bashar al-Assad; ISIS's earlier name; UN envoy title variants; Kurdish, Russian-forces and spelling
variants."""

from __future__ import annotations

import pytest

from arapol.actors import ActorTable, default_actor_table
from test_actors import found, ids

DATE = "2018-06-01"


@pytest.fixture(scope="module")
def table() -> ActorTable:
    return default_actor_table()


# ---- B1: longer names around سوريا -------------------------------------------------------------------

@pytest.mark.parametrize("name", ["قوات سوريا الديمقراطية", "قوات سوريا الديموقراطية", "قوات سورية الديمقراطية",
                                  "قوات سورية الديموقراطية"])
def test_the_sdf_in_either_spelling_is_not_the_syrian_state(table, name):
    """Both spellings of ديمقراطية name the SDF, whole."""
    assert found(table, f"وقالت {name} إنها انسحبت من المدينة", date=DATE) == [("sdf", name)]


def test_the_sdf_commander_title_in_either_spelling(table):
    """قائد قوات سوريا الديموقراطية is Mazloum Abdi's title, as with الديمقراطية."""
    assert ids(table, "وقال قائد قوات سوريا الديموقراطية إن", date=DATE) == ["mazloum_abdi"]


@pytest.mark.parametrize("name", ["مجلس سوريا الديمقراطية", "مجلس سوريا الديموقراطية", "مجلس سورية الديمقراطية",
                                  "مسد"])
def test_the_syrian_democratic_council_is_its_own_actor(table, name):
    """The SDF's political wing (مسد) is a party of its own, affiliated with the SDF, not Syria."""
    assert found(table, f"ورحب {name} بالاتفاق", date=DATE) == [("syrian_democratic_council", name)]
    msd = table.get("syrian_democratic_council")
    assert msd.type == "party" and msd.related("affiliated_with") == ["sdf"]


def test_the_syrian_free_army_is_not_syria_nor_the_fsa(table):
    """جيش سوريا الحرة is the Syrian Free Army, apart from the Free Syrian Army (الجيش السوري الحر)."""
    assert found(table, "وأعلن جيش سوريا الحرة السيطرة على الموقع", date=DATE) == [
        ("syrian_free_army", "جيش سوريا الحرة")]
    assert table.get("syrian_free_army").type == "armed_group"
    assert ids(table, "وأعلن الجيش السوري الحر السيطرة على الموقع", date=DATE) == ["free_syrian_army"]


def test_syria_tv_is_a_media_actor(table):
    """تلفزيون سوريا is the opposition channel (media), not the Syrian state speaking."""
    assert found(table, "وقال تلفزيون سوريا إن القصف استمر", date=DATE) == [("syria_tv", "تلفزيون سوريا")]
    assert table.get("syria_tv").type == "media"


def test_plain_syria_is_still_the_state(table):
    """The bare name and the state's other aliases are unchanged."""
    assert ids(table, "وقالت سوريا إنها ترحب بالاتفاق", date=DATE) == ["syria"]
    assert ids(table, "في شمال شرق سوريا", date=DATE) == ["syria"]


# ---- B2: forces named after Assad -------------------------------------------------------------------

@pytest.mark.parametrize("name", ["ميليشيات الأسد", "مليشيات الأسد", "ميليشيا الأسد", "قوات الأسد", "جيش الأسد",
                                  "قوات بشار الأسد", "قوات نظام الأسد"])
def test_forces_named_after_assad_are_the_syrian_army(table, name):
    """As قوات النظام: the Syrian army, not Bashar al-Assad the person (nor the state)."""
    assert ids(table, "وتقدمت قوات النظام نحو المدينة", date=DATE) == ["syrian_army"]
    assert found(table, f"وتقدمت {name} نحو المدينة", date=DATE) == [("syrian_army", name)]


def test_assad_himself_is_still_the_person(table):
    """بشار الأسد and الأسد alone, also after a verb such as عيّن, stay the person."""
    assert ids(table, "وقال بشار الأسد إن", date=DATE) == ["bashar_al_assad"]
    assert ids(table, "عيّن الأسد حسين عرنوس رئيسا للحكومة", date=DATE) == ["bashar_al_assad"]
    assert ids(table, "عين الأسد رئيسا جديدا للحكومة", date=DATE) == ["bashar_al_assad"]


def test_the_ain_al_asad_base_is_not_assad(table):
    """قاعدة عين الأسد (an air base in Iraq) is a blocked phrase."""
    assert "bashar_al_assad" not in ids(table, "أطلقت صواريخ على قاعدة عين الأسد في الأنبار", date=DATE)


# ---- B3: ISIS's earlier name -----------------------------------------------------------------------

def test_the_state_of_iraq_and_the_levant_is_isis(table):
    """دولة العراق والشام is ISIS (ISIL), not Iraq; دولة العراق الإسلامية stays al-Qaeda in Iraq."""
    assert found(table, "وأعلنت دولة العراق والشام مسؤوليتها", date=DATE) == [("isis", "دولة العراق والشام")]
    assert ids(table, "وأعلنت دولة العراق الإسلامية مسؤوليتها", date=DATE) == ["al_qaeda_in_iraq"]


# ---- C: UN envoy to Syria ------------------------------------------------------------------------

@pytest.mark.parametrize("title", ["المبعوث الأممي لسوريا", "المبعوث الدولي إلى سوريا", "المبعوث الأممي الخاص لسوريا",
                                   "مبعوث الأمم المتحدة لسوريا", "المبعوث الأممي إلى سورية",
                                   "مبعوث الأمم المتحدة الخاص إلى سورية", "المبعوث الدولي لسوريا"])
@pytest.mark.parametrize(("date", "envoy"), [(DATE, "staffan_de_mistura"), ("2020-01-01", "geir_pedersen"),
                                             ("2013-06-01", "lakhdar_brahimi")])
def test_un_envoy_to_syria_variants_resolve_by_date(table, title, date, envoy):
    """Each variant is the listed envoy title, whole (سوريا inside it is not the state), with its dated holders."""
    assert found(table, f"وقال {title} إن المحادثات ستستأنف", date=date) == [(envoy, title)]


def test_a_named_envoy_after_a_variant_title(table):
    """The holder named right after a variant title resolves it, as after the listed title."""
    listed = ids(table, "وقال المبعوث الأممي إلى سوريا غير بيدرسن إن", date=DATE)
    assert ids(table, "وقال المبعوث الأممي لسوريا غير بيدرسن إن", date=DATE) == listed == ["geir_pedersen"] * 2


# ---- C: Kurdish names ------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["الوحدات الكردية", "وحدات الحماية الكردية", "وحدات حماية الشعب الكردية"])
def test_ypg_names(table, name):
    """Kurdish People's Protection Units, by their usual names in news."""
    assert found(table, f"وقالت {name} إنها صدت الهجوم", date=DATE) == [("ypg", name)]


@pytest.mark.parametrize("name", ["حزب الاتحاد الديمقراطي", "حزب الاتحاد الديموقراطي",
                                  "حزب الاتحاد الديموقراطي الكردي"])
def test_pyd_spellings(table, name):
    """Both spellings of ديمقراطي name the PYD."""
    assert found(table, f"وقال {name} إن", date=DATE) == [("pyd", name)]


# ---- C: Russian forces ------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["الطائرات الروسية", "الطيران الروسي", "الطيران الحربي الروسي", "المقاتلات الروسية",
                                  "الطائرات الحربية الروسية", "قاعدة حميميم"])
def test_russian_aircraft_and_hmeimim_are_the_russian_forces(table, name):
    """Russian aircraft and the Hmeimim base act as the Russian armed forces."""
    assert found(table, f"وقالت {name} إن", date=DATE) == [("russian_forces", name)]


def test_the_hmeimim_reconciliation_centre_stays_apart(table):
    """مركز حميميم and مركز المصالحة الروسي في حميميم are the reconciliation centre, not the base."""
    assert ids(table, "وقال مركز حميميم إن", date=DATE) == ["russian_reconciliation_center"]
    assert ids(table, "وقال مركز المصالحة الروسي في حميميم إن", date=DATE) == ["russian_reconciliation_center"]


# ---- C: spelling variants -----------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "actor"), [("بوتن", "vladimir_putin"), ("فلاديمير بوتن", "vladimir_putin"),
                                             ("الكريملين", "russia"), ("واشنطون", "washington"),
                                             ("ديمستورا", "staffan_de_mistura"), ("فيصل مقداد", "faisal_mekdad")])
def test_spelling_variants(table, name, actor):
    """Variants that normalisation does not join are listed."""
    assert found(table, f"وقال {name} إن", date=DATE) == [(actor, name)]


def test_kremlin_spokesman_with_the_other_spelling(table):
    """المتحدث باسم الكريملين is Peskov, as with الكرملين."""
    assert ids(table, "وقال المتحدث باسم الكريملين إن", date=DATE) == ["dmitry_peskov"]


# ---- each new phrase names one actor -----------------------------------------------------------------

@pytest.mark.parametrize(("phrase", "actor"), [
    ("قوات سوريا الديموقراطية", "sdf"), ("مجلس سوريا الديمقراطية", "syrian_democratic_council"),
    ("جيش سوريا الحرة", "syrian_free_army"), ("تلفزيون سوريا", "syria_tv"), ("قوات الأسد", "syrian_army"),
    ("دولة العراق والشام", "isis"), ("الوحدات الكردية", "ypg"), ("حزب الاتحاد الديموقراطي", "pyd"),
    ("المقاتلات الروسية", "russian_forces"), ("بوتن", "vladimir_putin"), ("الكريملين", "russia")])
def test_lookup_of_new_phrases(table, phrase, actor):
    """Table lookup of each new phrase gives its one actor."""
    assert table.lookup(phrase) == [actor]


# ---- D: more names around سوريا --------------------------------------------------------------------

@pytest.mark.parametrize("name", ["جبهة تحرير سوريا", "جبهة تحرير سورية"])
def test_the_syrian_liberation_front_is_not_the_syrian_state(table, name):
    """جبهة تحرير سوريا (the 2018 Ahrar al-Sham–Zenki merger) is an armed group of its own, related to both."""
    text = f"وأعلنت {name} السيطرة على قرى في ريف حلب الغربي"
    assert found(table, text, date=DATE) == [("syrian_liberation_front", name), ("aleppo", "حلب")]
    assert "syria" not in ids(table, text, date=DATE)
    slf = table.get("syrian_liberation_front")
    assert slf.type == "armed_group"
    assert slf.related("affiliated_with") == ["ahrar_al_sham", "nour_al_din_al_zenki"]


def test_the_2012_syrian_islamic_liberation_front_is_blocked(table):
    """جبهة تحرير سوريا الإسلامية (2012) is neither the 2018 front nor the state."""
    assert ids(table, "وقالت جبهة تحرير سوريا الإسلامية إن", date="2013-01-01") == []


@pytest.mark.parametrize("name", ["مجموعة أصدقاء سوريا", "مجموعة أصدقاء سورية", "مجموعة أصدقاء الشعب السوري"])
def test_the_friends_of_syria_group_is_not_the_syrian_state(table, name):
    """The Friends of Syria Group is an international coalition, not Syria speaking."""
    text = f"ودعت {name} إلى وقف القصف"
    assert found(table, text, date="2012-07-06") == [("friends_of_syria", name)]
    assert "syria" not in ids(table, text, date="2012-07-06")
    assert table.get("friends_of_syria").type == "international_org"


@pytest.mark.parametrize("name", ["مغاوير الثورة", "جيش مغاوير الثورة"])
def test_maghawir_al_thawra_is_the_syrian_free_army(table, name):
    """مغاوير الثورة was the Syrian Free Army's name before 2022."""
    assert found(table, f"وقال {name} المدعوم أمريكيا إن", date="2019-03-01") == [("syrian_free_army", name)]


# ---- D: people ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "actor", "name", "group"), [
    ("وقال المتحدث باسم وزارة الدفاع الروسية إيغور كوناشينكوف إن", "igor_konashenkov", "إيغور كوناشينكوف",
     "russian_mod"),
    ("وقال رئيس هيئة الأركان الروسية فاليري غيراسيموف إن", "valery_gerasimov", "فاليري غيراسيموف", "russian_forces"),
    ("وقال نائب وزير الخارجية الروسي سيرغي ريابكوف إن", "sergei_ryabkov", "سيرغي ريابكوف", "russian_mfa"),
    ("وقال المبعوث الأمريكي للتحالف الدولي بريت ماكغورك إن", "brett_mcgurk", "بريت ماكغورك", "usa"),
    ("وقالت نيكي هيلي إن", "nikki_haley", "نيكي هيلي", "usa"),
    ("وقالت سامانثا باور إن", "samantha_power", "سامانثا باور", "usa"),
    ("وقال مستشار المرشد الإيراني علي أكبر ولايتي إن", "ali_akbar_velayati", "علي أكبر ولايتي", "iran"),
    ("وقال رئيس مكتب الأمن الوطني علي مملوك إن", "ali_mamlouk", "علي مملوك", "syria")])
def test_new_people(table, text, actor, name, group):
    """Each is a person, found by full name, member of their body."""
    assert (actor, name) in found(table, text, date="2017-06-01")
    person = table.get(actor)
    assert person.type == "person" and person.related("member_of") == [group]


@pytest.mark.parametrize(("name", "actor"), [("كوناشينكوف", "igor_konashenkov"), ("جيراسيموف", "valery_gerasimov"),
                                             ("ريابكوف", "sergei_ryabkov"), ("ماكغورك", "brett_mcgurk"),
                                             ("هيلي", "nikki_haley")])
def test_new_people_by_surname(table, name, actor):
    """The surnames that are not ordinary words are aliases."""
    assert found(table, f"وقال {name} إن", date="2017-06-01") == [(actor, name)]


@pytest.mark.parametrize("text", ["وقال مملوك إن", "وقالت باور إن", "على مساحات واسعة من ولايتي هيرشبيلي وغلمدغ"])
def test_surnames_that_are_ordinary_words_are_weak(table, text):
    """مملوك ("owned"), ولايتي ("two states of") and باور alone name nobody; with the full name elsewhere, the
    person."""
    assert ids(table, text, date="2016-01-01") == []
    assert ids(table, "وقال علي مملوك إن ... وأضاف مملوك", date=DATE) == ["ali_mamlouk"] * 2
    assert ids(table, "وقال علي أكبر ولايتي إن ... وأضاف ولايتي", date=DATE) == ["ali_akbar_velayati"] * 2


# ---- D: US ambassador to the UN -------------------------------------------------------------------------

@pytest.mark.parametrize("title", ["المندوبة الأمريكية لدى الأمم المتحدة", "المندوب الأمريكي لدى الأمم المتحدة",
                                   "السفيرة الأمريكية لدى الأمم المتحدة", "المندوبة الأميركية لدى الأمم المتحدة",
                                   "مندوبة الولايات المتحدة لدى الأمم المتحدة"])
@pytest.mark.parametrize(("date", "holder"), [("2016-05-01", "samantha_power"), ("2018-04-14", "nikki_haley"),
                                              ("2020-03-01", "kelly_craft")])
def test_us_ambassador_to_the_un_resolves_by_date(table, title, date, holder):
    """The title, whole (not the US nor the UN), resolves to its holder on the date."""
    assert found(table, f"وقالت {title} إن", date=date) == [(holder, title)]


def test_us_ambassador_to_the_un_between_holders_is_nobody(table):
    """Between Haley (out 2019-01-01) and Craft (in 2019-09-12) no listed holder was in office."""
    assert ids(table, "وقالت المندوبة الأمريكية لدى الأمم المتحدة إن", date="2019-03-01") == []
    assert ids(table, "وقالت المندوبة الأمريكية لدى الأمم المتحدة إن", date="2018-12-31") == ["nikki_haley"]


def test_a_named_us_ambassador_after_the_title(table):
    """The holder named right after the title resolves it."""
    assert ids(table, "وقالت السفيرة الأمريكية لدى الأمم المتحدة نيكي هيلي إن", date="2017-04-07") == [
        "nikki_haley", "nikki_haley"]


# ---- D: armed groups and units --------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "actor"), [("فيلق الشام", "faylaq_al_sham"), ("الجبهة الشامية", "levant_front"),
                                             ("جيش العزة", "jaysh_al_izza"), ("لواء فاطميون", "fatemiyoun"),
                                             ("فاطميون", "fatemiyoun"), ("حركة النجباء", "nujaba")])
def test_new_armed_groups(table, name, actor):
    """Opposition factions and Iran-backed militias are armed groups of their own."""
    assert found(table, f"وأعلن {name} مقتل عدد من عناصره في المعارك", date=DATE) == [(actor, name)]
    assert table.get(actor).type == "armed_group"


def test_nujaba_alone_is_weak(table):
    """النجباء ("the noble ones") alone names the group only when it is also named in full."""
    assert ids(table, "وكرم الطلاب النجباء في الحفل", date=DATE) == []
    assert found(table, "وقال قائد في حركة النجباء إن مقاتلي النجباء", date=DATE) == [
        ("nujaba", "حركة النجباء"), ("nujaba", "النجباء")]


@pytest.mark.parametrize(("name", "actor"), [("الفرقة الرابعة", "syrian_4th_division"), ("قوات النمر", "tiger_forces")])
def test_syrian_army_units(table, name, actor):
    """The 4th Division and the Tiger Forces are units of the Syrian army; النمر alone is nobody."""
    assert found(table, f"وتقدمت {name} نحو المدينة", date=DATE) == [(actor, name)]
    assert table.get(actor).related("part_of") == ["syrian_army"]
    assert ids(table, "وشوهد النمر في الغابة", date=DATE) == []


@pytest.mark.parametrize(("phrase", "actor"), [
    ("جبهة تحرير سوريا", "syrian_liberation_front"), ("مجموعة أصدقاء سوريا", "friends_of_syria"),
    ("مغاوير الثورة", "syrian_free_army"), ("علي مملوك", "ali_mamlouk"), ("فاليري غيراسيموف", "valery_gerasimov"),
    ("الجبهة الشامية", "levant_front"), ("الفرقة الرابعة", "syrian_4th_division"), ("قوات النمر", "tiger_forces")])
def test_lookup_of_more_new_phrases(table, phrase, actor):
    """Table lookup of each new phrase gives its one actor."""
    assert table.lookup(phrase) == [actor]
