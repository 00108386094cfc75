"""Round 10 of the bundled alias table: gaps a probe of real news (UnifiedFC and ANS, seed 4417) found — the kings of
Jordan and Saudi Arabia by their countries' names and the short «خادم الحرمين», Morocco's king, Mohammed bin Salman as
«الأمير محمد» (weak: beside his full name only; other princes Mohammed blocked), a spelling of Dujarric, Russian
bombers and helicopters, and a spelling of Seoul."""

from __future__ import annotations

import pytest

from test_actors import found, ids

NEW = [
    ("وأوضح ملك الأردن أن الحل سياسي", "king_abdullah_ii", "ملك الأردن"),
    ("خادم الحرمين يدعو لتعزيز التسامح", "king_salman", "خادم الحرمين"),
    ("واستقبل ملك السعودية الوفد", "king_salman", "ملك السعودية"),
    ("وقال العاهل المغربي إن", "king_mohammed_vi", "العاهل المغربي"),
    ("وقال ملك المغرب إن", "king_mohammed_vi", "ملك المغرب"),
    ("وأكد الملك محمد السادس أن", "king_mohammed_vi", "الملك محمد السادس"),
    ("وقال ستيفان ديوجاريك إن", "stephane_dujarric", "ستيفان ديوجاريك"),
    ("قصفت قاذفات روسية بعيدة المدى أهدافا", "russian_forces", "قاذفات روسية"),
    ("وهبطت المروحيات الروسية في المطار", "russian_forces", "المروحيات الروسية"),
    ("وصل الوفد إلى سيؤول", "seoul", "سيؤول"),
]


@pytest.mark.parametrize(("text", "actor", "span"), NEW)
def test_round10_names_are_found(table, text, actor, span):
    assert (actor, span) in found(table, text, date="2017-11-01")


def test_round10_the_prince_mohammed_is_bin_salman_only_beside_his_full_name(table):
    assert ids(table, "وأشار الأمير محمد إلى أن الأمر يتطلب مواجهة.") == []
    text = "قال ولي العهد الأمير محمد بن سلمان إن الحرب تسير. وأشار الأمير محمد إلى أن الأمر يتطلب مواجهة."
    assert ids(table, text, date="2017-11-01") == ["mohammed_bin_salman"] * 2
    assert ids(table, "عزل الأمير محمد بن نايف وتعيين الأمير محمد بن سلمان.") == ["mohammed_bin_salman"]
