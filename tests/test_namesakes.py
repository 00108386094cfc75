"""A table person's alias after a given name that is not his own names a namesake (``arapol.actors.names``)."""

from __future__ import annotations

import textwrap

import pytest

from arapol.actors import load_actor_table
from arapol.actors.names import consonants
from test_actors import found, ids

NAMESAKES = [
    ("وقالت أسماء الأسد إن السوريين صامدون", "bashar_al_assad"),
    ("وقالت بشرى الأسد إن العائلة", "bashar_al_assad"),
    ("وقال أحمد الصفدي إن الأردن يرفض", "ayman_safadi"),
    ("وقالت إيفانكا ترامب إن المرأة تستحق", "donald_trump"),
    ("وقالت ميلانيا ترامب إن الأطفال", "donald_trump"),
    ("وقال بلال أردوغان إن الشركة", "recep_tayyip_erdogan"),
    ("وقال شقيقه عبد الرحيم دقلو إن قواته ستنتصر", "hemedti"),
    ("وقال محمد خالد الصفدي إن", "ayman_safadi"),
    ("وقال خالد بن أحمد الجبير إن", "adel_al_jubeir"),
    ("وكتب يائير نتنياهو أن", "benjamin_netanyahu"),
    # blocked in the table: given names that are ordinary words too (جيل "generation"), a son, a mosque
    ("وقالت جيل بايدن إن", "joe_biden"),
    ("وقال دونالد ترامب جونيور إن", "donald_trump"),
    ("وصلى في الحرم الإبراهيمي", "lakhdar_brahimi"),
]


@pytest.mark.parametrize(("text", "actor"), NAMESAKES)
def test_a_given_name_not_his_own_makes_a_namesake(table, text, actor):
    assert actor not in ids(table, text, date="2017-06-01")


@pytest.mark.parametrize(("text", "actor", "span"), [
    ("وقال الرئيس السوري بشار الأسد إن", "bashar_al_assad", "بشار الأسد"),
    ("وقال سيرجي لافروف إن روسيا تدعم", "sergey_lavrov", "سيرجي لافروف"),
    ("وقال دونالد ترمب إن", "donald_trump", "دونالد ترمب"),
    ("وقال أبو محمد الجولاني إن الهيئة ستقاتل", "ahmed_al_sharaa", "أبو محمد الجولاني"),
    ("التقت أسماء والأسد بالجنود", "bashar_al_assad", "الأسد"),  # "Asma and Assad": two people
    ("وقال محمد، الأسد لن يرحل", "bashar_al_assad", "الأسد"),  # a comma between: no name
    ("وقال الأسد إن سوريا ستنتصر", "bashar_al_assad", "الأسد"),
    ("أوضح وزير الخارجية عادل بن أحمد الجبير أن", "adel_al_jubeir", "الجبير"),  # his father's name before his
    ("أم ا ماكرون فأك د أن", "emmanuel_macron", "ماكرون"),  # (أمّا split by a scraper: no «أم» compound)
    ("واستقبل الملك سلمان بن عبد العزيز الملك عبد الله الثاني", "king_abdullah_ii", "الملك عبد الله الثاني"),
])
def test_his_own_names_and_other_words_keep_the_person(table, text, actor, span):
    assert (actor, span) in found(table, text, date="2017-06-01")


def test_only_people_have_namesakes(table):
    assert "russia" in ids(table, "ووصل الأمير فيصل روسيا", date="2017-06-01")


def test_a_users_person_is_known_by_his_own_given_name(tmp_path):
    path = tmp_path / "people.yaml"
    path.write_text(textwrap.dedent("""\
        actors:
          - {id: ahmad_x, ar: أحمد الخطيب, en: Ahmad al-Khatib, type: person, aliases: [أحمد الخطيب, الخطيب]}
        """), encoding="utf-8")
    table = load_actor_table(path, default=False)
    assert ids(table, "وقال أحمد الخطيب إن") == ["ahmad_x"]
    assert ids(table, "وقال الخطيب إن") == ["ahmad_x"]
    assert ids(table, "وقال محمد الخطيب إن") == []


def test_a_foreign_given_name_spelt_another_way_is_still_his_own(tmp_path):
    path = tmp_path / "people.yaml"
    path.write_text(textwrap.dedent("""\
        actors:
          - {id: kozlov, ar: سيرجي كوزلوف, en: Sergey Kozlov, type: person, aliases: [كوزلوف]}
        """), encoding="utf-8")
    table = load_actor_table(path, default=False)
    assert ids(table, "وقال سيرغي كوزلوف إن") == ["kozlov"]  # سيرغي is listed, سيرجي his: one sound
    assert ids(table, "وقالت ماريا كوزلوف إن") == []


def test_consonants_make_spellings_of_one_sound_one():
    assert consonants("سيرغي") == consonants("سيرجي")
    assert consonants("جون") != consonants("جورج")


@pytest.mark.parametrize(("text", "actor"), [
    ("وقال مركز الملك سلمان للإغاثة إن المساعدات وصلت", "king_salman"),
    ("هبطت الطائرة في مطار رفيق الحريري الدولي", "rafic_hariri"),
    ("ووصل المحتجون إلى برج ترامب في نيويورك", "donald_trump"),
    ("وصلى في مسجد الرئيس الأسد", "bashar_al_assad"),  # a word of honour between
    ("وانتقل إلى منطقة الشيخ زايد غرب القاهرة", "zayed_bin_sultan"),
])
def test_what_is_named_after_a_person_is_not_the_person(table, text, actor):
    assert actor not in ids(table, text, date="2017-06-01")


def test_the_person_next_to_such_words_otherwise(table):
    assert ids(table, "وقال الملك سلمان إن", date="2017-06-01") == ["king_salman"]
    assert "donald_trump" in ids(table, "وزار ترامب مطار بن غوريون", date="2017-06-01")
    assert ids(table, "بيان من أسرة الرئيس محمد مرسي", date="2017-06-01") == ["mohamed_morsi"]  # his family


@pytest.mark.parametrize(("text", "date", "want"), [
    # a bare surname after another person named in full with it, the surname's own actor not named before
    ("وقال رياض المالكي إن فلسطين ستتوجه إلى المحكمة. وأضاف المالكي أن", "2015-01-01",
     [("riyad_al_maliki", "رياض المالكي"), ("palestine", "فلسطين"), ("riyad_al_maliki", "المالكي")]),
    ("وقال حافظ الأسد إن سوريا تريد السلام. وأكد الأسد أن", "1994-01-16",
     [("hafez_al_assad", "حافظ الأسد"), ("syria", "سوريا"), ("hafez_al_assad", "الأسد")]),
    ("وقال محمد الصفدي إنه انسحب. وقال الصفدي إن", "2011-01-01", []),  # a namesake: nobody
    # the surname's own actor named before keeps it
    ("قال الرئيس بشار الأسد إن والده حافظ الأسد بنى الدولة. وأكد الأسد أن", "2017-01-01",
     [("bashar_al_assad", "الرئيس بشار الأسد"), ("hafez_al_assad", "حافظ الأسد"), ("bashar_al_assad", "الأسد")]),
])
def test_a_bare_surname_takes_up_the_person_last_named_with_it(table, text, date, want):
    assert found(table, text, date=date) == want
