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
