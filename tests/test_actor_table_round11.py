"""Round 11 of the bundled alias table: gaps a seventh probe of real news (UnifiedFC and ANS, seed 7707) found — Oman's
capital inside «مسقط رأسه» (one's birthplace, 48 paragraphs of UnifiedFC), Iran's militias by the state's name, a
Saudi armed forces actor, the ISSG, the Saudi envoy al-Mouallimi and a spelling of Fikri Işık."""

from __future__ import annotations

import pytest

from test_actors import found, ids

NEW = [
    ("القوات السعودية تفشل في اعتراض صاروخ استهدف نجران", "saudi_armed_forces", "القوات السعودية"),
    ("وأعلن الجيش السعودي إسقاط طائرة مسيرة", "saudi_armed_forces", "الجيش السعودي"),
    ("وتقاتل ميليشيات إيران الشيعية في ريف حلب", "iran_backed_militias", "ميليشيات إيران الشيعية"),
    ("واجتمعت المجموعة الدولية لدعم سوريا في فيينا", "issg", "المجموعة الدولية لدعم سوريا"),
    ("وقال عبد الله المعلمي إن بلاده ترفض", "abdullah_al_mouallimi", "عبد الله المعلمي"),
    ("قال وزير الدفاع التركي فكري إيشق إن", "fikri_isik", "فكري إيشق"),
]


@pytest.mark.parametrize(("text", "actor", "span"), NEW)
def test_round11_names_are_found(table, text, actor, span):
    assert (actor, span) in found(table, text, date="2017-06-01")


def test_round11_a_birthplace_is_no_oman(table):
    assert ids(table, "ودفن في مسقط رأسه بمدينة حلب") == ["aleppo"]
    assert ids(table, "وعادت إلى مسقط رأسها") == []
    assert ids(table, "ووصل الوفد إلى مسقط") == ["oman"]


def test_round11_iran_alone_stays_the_state(table):
    assert ids(table, "وقالت إيران إن ميليشياتها لا تقاتل") == ["iran"]
    assert ids(table, "وتقاتل ميليشيات إيران في حلب") == ["iran_backed_militias", "aleppo"]
