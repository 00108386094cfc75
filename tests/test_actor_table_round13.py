"""Round 13 of the bundled alias table and its matching, from a review's probes of real news phrasings: other people
tied to an actor (its opponents, victims, lawyers) speaking; entities that begin with a state's name (Northern Cyprus,
Somaliland, the Republic of China, newspapers named after cities); ل before a word of الل; the Egyptian hamza seat
(مسئول); and NER entities whose offsets are numpy integers or fall outside the text."""

from __future__ import annotations

import numpy as np
import pytest

from arapol.actors.aliases import RELATED, normalise_key
from test_actors import found, ids
from test_attribution import run, stances


@pytest.mark.parametrize("text, actor", [
    ("وقال معارضو أردوغان إن الهدنة مهمة.", "recep_tayyip_erdogan"),
    ("وقال منتقدو بوتين إن الهدنة مهمة.", "vladimir_putin"),
    ("وقال ضحايا داعش إن الهدنة مهمة.", "isis"),
    ("وقال أعداء إيران إن الهدنة مهمة.", "iran"),
    ("وقال منافس ترامب إن الهدنة مهمة.", "donald_trump"),
    ("وقال محامي ترامب إن الهدنة مهمة.", "donald_trump"),
])
def test_an_actors_opponents_victims_or_lawyers_speak_not_the_actor(table, text, actor):
    """Each was credited to the actor named after the noun, with the sentence's stance: often its opposite."""
    assert stances(text, ["favor"], table) == {actor: "none"}


def test_the_actor_itself_still_speaks(table):
    assert stances("وقال أردوغان إن الهدنة مهمة.", ["favor"], table) == {"recep_tayyip_erdogan": "favor"}
    assert stances("وقالت إيران إن الهدنة مهمة.", ["against"], table) == {"iran": "against"}


def test_the_related_nouns_are_written_as_matching_reads_them():
    assert RELATED == {normalise_key(w) for w in RELATED}


@pytest.mark.parametrize("text, actor, mention", [
    ("وقالت جمهورية قبرص التركية إن المحادثات فشلت", "northern_cyprus", "جمهورية قبرص التركية"),
    ("وقالت قبرص الشمالية إن المحادثات فشلت", "northern_cyprus", "قبرص الشمالية"),
    ("وقالت أرض الصومال إن الاتفاق نهائي", "somaliland", "أرض الصومال"),
    ("وقالت جمهورية الصين إنها ترفض الضغوط", "taiwan", "جمهورية الصين"),
    ("وقالت الصين الوطنية إنها ترفض الضغوط", "taiwan", "الصين الوطنية"),
    ("وقالت صحيفة إسرائيل اليوم إن الهدنة ستنهار", "israel_hayom", "صحيفة إسرائيل اليوم"),
    ("وقالت موسكو تايمز إن الهدنة ستنهار", "moscow_times", "موسكو تايمز"),
    ("وقالت صحيفة طهران تايمز إن الهدنة ستنهار", "tehran_times", "صحيفة طهران تايمز"),
])
def test_an_entity_that_begins_with_a_states_name_is_not_that_state(table, text, actor, mention):
    assert found(table, text) == [(actor, mention)]


def test_the_states_themselves_still_match(table):
    assert ids(table, "وقالت قبرص إن المحادثات فشلت") == ["cyprus"]
    assert ids(table, "وقالت جمهورية الصين الشعبية إنها ترفض الضغوط") == ["china"]
    assert ids(table, "وقال الصومال إن الاتفاق باطل") == ["somalia"]
    assert ids(table, "وأعلنت إسرائيل اليوم الثلاثاء أن") == ["israel"]  # Israel today, not the paper
    assert ids(table, "وقالت موسكو إن الهدنة صامدة") == ["moscow"]


@pytest.mark.parametrize("text, actor, mention", [
    ("ووفقا للجنة الدولية للصليب الأحمر، فإن الهدنة صامدة", "icrc", "للجنة الدولية للصليب الأحمر"),
    ("وصل الوفد للاذقية أمس", "latakia", "للاذقية"),
    ("انضم لليكود قبل الانتخابات", "likud", "لليكود"),
])
def test_lam_before_a_word_of_lam_after_its_article(table, text, actor, mention):
    """ل + اللجنة is written للجنة: the whole name was missed, or only its end found (للصليب الأحمر)."""
    assert found(table, text) == [(actor, mention)]


@pytest.mark.parametrize("text, actor, mention", [
    ("وقال مسئول تركي إن", "turkey", "مسئول تركي"),
    ("وقال مسئولون أمريكيون إن", "usa", "مسئولون أمريكيون"),
    ("وقال مسئول عسكري روسي إن", "russia", "مسئول عسكري روسي"),
    ("وقالت الحكومة السورية الموقتة إن", "syrian_interim_government", "الحكومة السورية الموقتة"),
    ("وقالت الحكومة السورية المئقتة إن", "syrian_interim_government", "الحكومة السورية المئقتة"),
])
def test_the_hamza_seats_papers_write(table, text, actor, mention):
    """Egyptian papers write مسئول for مسؤول: no official was found; الموقتة read the opposition's interim government
    as the regime (syria)."""
    assert found(table, text) == [(actor, mention)]


def test_entities_with_numpy_offsets_are_read_and_offsets_outside_the_text_refused(table):
    text = "قال فلان الفلاني إن الهدنة مهمة"
    plain = table.find(text, entities=[{"label": "PER", "start": 4, "end": 16}])
    assert [m.actor for m in plain] == ["ner:فلان الفلاني"]
    assert table.find(text, entities=[{"label": "PER", "start": np.int64(4), "end": np.int64(16)}]) == plain
    with pytest.raises(ValueError, match=r"entities\[0\]: span \[-13, -1\) is outside the text \(length 31\)"):
        table.find(text, entities=[{"label": "PER", "start": -13, "end": -1}])
    with pytest.raises(ValueError, match=r"entities\[1\]: span \[30, 100\) is outside the text"):
        table.find(text, entities=[{"label": "PER", "start": 4, "end": 16}, {"label": "PER", "start": 30, "end": 100}])
    with pytest.raises(ValueError, match=r"entities\[0\]: start and end must be integers, found 4.0 and 16"):
        table.find(text, entities=[{"label": "PER", "start": 4.0, "end": 16}])


@pytest.mark.parametrize("text, date, actor, mention", [
    ("قال الرئيس السوري الأسد إن", "1995-05-01", "hafez_al_assad", "الأسد"),
    ("قال الرئيس السوري الأسد إن", "2012-05-01", "bashar_al_assad", "الأسد"),
    ("قال الرئيس الأمريكي جورج بوش إن", "1991-01-17", "george_hw_bush", "جورج بوش"),
    ("قال الرئيس الأمريكي جورج بوش إن", "2003-03-20", "george_w_bush", "جورج بوش"),
])
def test_a_name_two_holders_of_a_title_share_is_the_one_in_office_on_the_date(table, text, date, actor, mention):
    """The name after the title was read as the table's owner of that alias whatever the date: in 1995 «الرئيس
    السوري الأسد» was Bashar, president from 2000; and the title with it."""
    got = found(table, text, date=date)
    assert got[-1] == (actor, mention) and {a for a, _ in got} == {actor}


@pytest.mark.parametrize("text, date, want", [
    ("قال الأسد إن المفاوضات مستمرة", "1995-05-01", [("hafez_al_assad", "الأسد")]),
    ("قال الرئيس الأسد إن المفاوضات مستمرة", "1995-05-01", [("hafez_al_assad", "الرئيس الأسد")]),
    ("قال الرئيس الأسد إن المفاوضات مستمرة", "2010-05-01", [("bashar_al_assad", "الرئيس الأسد")]),
    ("قال الأسد إن المفاوضات مستمرة", "2025-03-01", [("bashar_al_assad", "الأسد")]),  # fallen: still no other's
    ("قال الأسد إن المفاوضات مستمرة", None, [("bashar_al_assad", "الأسد")]),
    ("قال جورج بوش إن الحرب انتهت", "1991-03-01", [("george_hw_bush", "جورج بوش")]),
    ("قال بشار الأسد إن المفاوضات مستمرة", "1995-05-01", [("bashar_al_assad", "بشار الأسد")]),  # his full name
    ("زار بشار الأسد باريس. وقال الأسد إن المفاوضات مستمرة", "1999-11-01",
     [("bashar_al_assad", "بشار الأسد"), ("paris", "باريس"), ("bashar_al_assad", "الأسد")]),  # named before
    ("التقى جورج دبليو بوش والده. وقال جورج بوش إن الحرب انتهت", "1991-03-01",  # the son named in full before
     [("george_w_bush", "جورج دبليو بوش"), ("george_w_bush", "جورج بوش")]),
    ("قال حافظ الأسد إن المفاوضات مستمرة. وأضاف الأسد أن", "1995-05-01",
     [("hafez_al_assad", "حافظ الأسد"), ("hafez_al_assad", "الأسد")]),
    ("قال الشيخ زايد إن الاتحاد قوة", "2010-05-01", [("zayed_bin_sultan", "الشيخ زايد")]),  # not Khalifa bin Zayed
    ("قال الملك الحسين إن السلام خيار", "2005-05-01", [("king_hussein", "الملك الحسين")]),  # not Abdullah II
])
def test_a_name_two_holders_share_is_the_one_in_office_without_a_title_too(table, text, date, want):
    """«الأسد» and «الرئيس الأسد» alone were Bashar's aliases whatever the date: a 1995 archive's every «الأسد»
    spoke for Bashar, president from 2000 (only a title just before the name was read on the date)."""
    assert found(table, text, date=date) == want


@pytest.mark.parametrize("text, name, actor", [
    ("قالت فاليري بايدن إن الهدنة مهمة", "فاليري بايدن", "ner:فاليري بايدن"),  # his sister
    ("قال فريد ترامب إن الهدنة مهمة", "فريد ترامب", "ner:فريد ترامب"),
    ("قال منير الأسد إن الهدنة مهمة", "منير الأسد", "ner:منير الاسد"),
    ("قال بينيامين نتنياهو إن الهدنة مهمة", "بينيامين نتنياهو", "benjamin_netanyahu"),  # his own name, spelt so
    ("قال فلاديمر بوتين إن الهدنة مهمة", "فلاديمر بوتين", "vladimir_putin"),
    ("قال الرئيس بايدن إن الهدنة مهمة", "الرئيس بايدن", "joe_biden"),  # a title the model took in
])
def test_a_surname_inside_an_ner_person_with_another_given_name_is_a_namesake(table, text, name, actor):
    """The given-name lists are closed: «فاليري بايدن» tagged PER as a whole was Joe Biden all the same."""
    start = text.index(name)
    got = table.find(text, entities=[{"label": "PER", "start": start, "end": start + len(name)}])
    assert [m.actor for m in got] == [actor]
    assert [m.actor for m in table.find(text)] == [actor if not actor.startswith("ner:") else
                                                   {"فاليري بايدن": "joe_biden", "فريد ترامب": "donald_trump",
                                                    "منير الأسد": "bashar_al_assad"}[name]]  # without NER: as before


def test_a_weak_alias_that_opens_another_persons_longer_name_is_not_the_person(table):
    """Once the person was named in full, a weak alias was read as them wherever it stood: «وقال الأمير محمد بن عبد
    الرحمن» spoke for Mohammed bin Salman, «وقال عباس زكي» (tagged PER) for Mahmoud Abbas."""
    text = "وقال الأمير محمد بن سلمان إن الهدنة مهمة. وقال الأمير محمد بن عبد الرحمن إن الاتفاق سيء."
    assert found(table, text) == [("mohammed_bin_salman", "الأمير محمد بن سلمان")]
    assert found(table, "التقى محمد بن سلمان الوفد. وقال الأمير محمد إن الهدنة مهمة.")[-1] == \
        ("mohammed_bin_salman", "الأمير محمد")  # the weak alias alone is still the person named before
    text = "قال الرئيس الفلسطيني محمود عباس إن الهدنة مهمة. وقال عباس زكي إن الاتفاق سيء."
    start = text.index("عباس زكي")
    got = found(table, text, entities=[{"label": "PER", "start": start, "end": start + 8}])
    assert got[-1] == ("ner:عباس زكي", "عباس زكي") and got.count(("mahmoud_abbas", "عباس")) == 0
    assert found(table, text)[-1] == ("mahmoud_abbas", "عباس")  # without NER: nothing says he is another


def test_the_prince_form_of_mohamed_bin_zayed_is_his(table):
    """Blocked by hand so that «الأمير محمد» (Mohammed bin Salman's weak alias) would not take it, it hid him."""
    assert found(table, "قال الأمير محمد بن زايد إن") == [("mohamed_bin_zayed", "الأمير محمد بن زايد")]
    assert found(table, "قال الأمير محمد بن نايف إن") == []


def test_a_lion_and_a_school_of_law_are_nobody(table):
    """«كالأسد الجريح» ("like a wounded lion") was Bashar al-Assad, «المذهب المالكي» (the Maliki school) Nouri
    al-Maliki."""
    assert found(table, "قاتل الجنود كالأسد الجريح") == []
    assert found(table, "يتبع المذهب المالكي في الفقه") == []
    assert found(table, "وقال الأسد إن") == [("bashar_al_assad", "الأسد")]
    assert found(table, "وقال المالكي إن") == [("nouri_al_maliki", "المالكي")]
    assert found(table, "وأضاف كبوتين") == [("vladimir_putin", "بوتين")]  # a name that is no noun keeps ك


@pytest.mark.parametrize("text, label, want", [
    ("ورفضت إسرائيل دعوة غوتيريش إلى وقف إطلاق النار.", "against",
     {"israel": "against", "antonio_guterres": "none"}),  # the name owns the object's noun
    ("رفضت حماس شروط نتنياهو.", "against", {"hamas": "against", "benjamin_netanyahu": "none"}),
    ("وقال المتحدث باسم الكرملين دميتري بيسكوف إن الهدنة صامدة.", "favor",
     {"dmitry_peskov": "favor"}),  # apposition still speaks
    ("وقال بيان مشترك لروسيا وتركيا إن الهدنة صامدة.", "favor", {"russia": "favor", "turkey": "favor"}),
    ("وأكد بيان مشترك لمصر وقطر والولايات المتحدة أن الاتفاق سيدخل حيز التنفيذ.", "favor",
     {"egypt": "favor", "qatar": "favor", "usa": "favor"}),
    ("وخرقت قوات النظام الهدنة في حماة، على حد قول فصائل المعارضة.", "favor",
     {"syrian_army": "favor", "hama": "none", "opposition_factions": "favor"}),
    ("لكن الرياض سلمت على ما يبدو بدور روسيا.", "favor", {"saudi_arabia": "favor", "russia": "none"}),
    ("وستلتزم إسرائيل بالهدنة، وفق ما ذكرت مصادر في الجيش الإسرائيلي.", "favor",
     {"israel": "favor", "idf": "favor"}),
])
def test_objects_joint_statements_and_trailing_sources(table, text, label, want):
    """A review's probes: a person after the object's noun was credited as an apposed speaker; the issuers of «بيان
    مشترك لـ» and the sources after «وفق ما ذكرت»، «على حد قول» were left out («على ما يبدو», "apparently", names
    none)."""
    assert stances(text, [label], table) == want


@pytest.mark.parametrize("text, labels, want", [
    ("ويأمل بايدن أن توافق حماس على المقترح.", ["favor"], {"joe_biden": "favor", "hamas": "none"}),
    ("وتخشى إسرائيل أن ترفض حماس المقترح.", ["favor"], {"israel": "favor", "hamas": "none"}),
    ("إذا وافقت إسرائيل على الاتفاق فستتوقف الحرب.", ["favor"], {"israel": "none"}),
    ("قال نتنياهو إن إسرائيل لن توقف الحرب. وتضغط واشنطن على إسرائيل كي توافق على الهدنة.", ["against", "favor"],
     {"benjamin_netanyahu": "against", "israel": "against", "usa": "favor"}),
    ("وبعد أن أعلنت روسيا الهدنة رحبت تركيا بها.", ["favor"], {"russia": "favor", "turkey": "favor"}),
    ("يذكر أن اقترحت مصر مبادرة لوقف إطلاق النار.", ["favor"], {"egypt": "favor"}),
])
def test_a_verb_hoped_for_or_supposed_is_not_its_subjects_word(table, text, labels, want):
    """A reporting verb after أن، كي، إذا made its subject the speaker: Hamas «agreed» in what Biden hopes for, and
    «كي توافق» with no subject went on in Netanyahu's name, turning his stance to favor (a review's probes)."""
    assert stances(text, labels, table) == want


def test_a_full_name_inside_another_holders_longer_name_stays_its_own(table):
    """«حافظ الأسد» ends Bashar's «بشار حافظ الأسد»: next to a title read on a date of Bashar's, it stayed Hafez (the
    date rule takes a shared surname or the start of the other's name, not its end; real-text comparison)."""
    got = found(table, "في 1973 قرر الرئيسان المصري أنور السادات والسوري حافظ الأسد اللجوء إلى الحرب",
                date="2017-06-01")
    assert ("hafez_al_assad", "حافظ الأسد") in got and "bashar_al_assad" not in {a for a, _ in got}


@pytest.mark.parametrize("text, labels, want", [
    ("قال نتنياهو إن إسرائيل لن توقف الحرب. أما حماس، فأكدت أنها ملتزمة بالهدنة.", ["against", "favor"],
     {"benjamin_netanyahu": "against", "israel": "against", "hamas": "favor"}),  # not Netanyahu going on
    ("نتنياهو لـ«فوكس نيوز»: حماس رفضت المقترح.", ["against"], {"benjamin_netanyahu": "against", "hamas": "none"}),
    ("بايدن عن اتفاق غزة: نتنياهو وافق على المقترح.", ["favor"],
     {"joe_biden": "favor", "gaza": "none", "benjamin_netanyahu": "none"}),
])
def test_a_topic_set_up_by_amma_and_a_headline_to_a_medium(table, text, labels, want):
    """«أما حماس، فأكدت» went on in the last speaker's name; a headline «X لـ«medium»:» or «X عن Y:» credited the one
    quoted after the colon instead of X (a review's probes)."""
    assert stances(text, labels, table) == want


def test_a_topic_before_a_verb_with_its_own_subject_does_not_speak(table):
    got = run("أما إيران، فيوضح الأكاديمي أن دفاعها أكسبها شرعية.", ["favor"], table)
    assert "speaker" not in [e["role"] for e in got["iran"]["evidence"]]


def test_the_movement_takes_up_hamas_named_by_its_one_word_name(table):
    """«وأكدت الحركة» after «حماس» took up nobody: only a mention of two words opening with حركة was taken up."""
    got = stances("دعت مصر حماس إلى قبول المقترح. وأكدت الحركة أنها تدرسه بإيجابية.", ["favor", "against"], table)
    assert got == {"egypt": "favor", "hamas": "against"}


def test_hollande_spelt_without_alef_names_the_counterpart(table):
    """``ونظيره الفرنسي فرنسوا هولاند`` (a real text's spelling): Hollande's alias began after فرنسوا, so no name came
    right after the title, which fell to the holder of the text's date (Macron in 2017)."""
    text = "حث الرئيس الأمريكي باراك أوباما ونظيره الفرنسي فرنسوا هولاند أمس روسيا على تجنب التصعيد."
    assert "emmanuel_macron" not in ids(table, text, date="2017-06-01")
    assert ("francois_hollande", "فرنسوا هولاند") in found(table, text, date="2017-06-01")


def test_the_qatari_spokesman_with_his_fathers_name(table):
    """QNA names the spokesman with his father's name (wire_blind19): ``ماجد بن محمد الأنصاري``."""
    assert "majed_al_ansari" in ids(table, "وأكد الدكتور ماجد بن محمد الأنصاري أن الوساطة مستمرة", date="2024-01-09")
