import textwrap
import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from arapol.sentences import soft_breaks, split_sentences


def sentences(text):
    return [text[a:b] for a, b in split_sentences(text)]


def test_arabic_punctuation_and_line_breaks_end_sentences():
    text = "رحبت موسكو بالهدنة. هل تصمد؟ لا أحد يعلم؛ الوضع هش!\nسطر جديد"
    assert sentences(text) == ["رحبت موسكو بالهدنة.", "هل تصمد؟", "لا أحد يعلم؛", "الوضع هش!", "سطر جديد"]


def test_every_kind_of_line_break_ends_a_sentence():
    text = "سطر أول\rسطر ثان\u2028سطر ثالث\r\nرابع\x85خامس"
    assert sentences(text) == ["سطر أول", "سطر ثان", "سطر ثالث", "رابع", "خامس"]


def test_an_abbreviation_with_a_diacritic_does_not_split():
    assert sentences("قال دُ. أحمد إن الهدنة صامدة. ورفض آخرون.") == ["قال دُ. أحمد إن الهدنة صامدة.", "ورفض آخرون."]


def test_numbers_and_abbreviations_do_not_split():
    text = "قال د. أحمد إن النمو بلغ 3.5 في المئة. ثم غادرت U.S. forces the base."
    assert sentences(text) == ["قال د. أحمد إن النمو بلغ 3.5 في المئة.", "ثم غادرت U.S. forces the base."]


def test_dotted_arabic_abbreviations_do_not_split():
    assert sentences("وقال أ.د. محمد علي إن الهدنة صامدة. ورفض آخرون.") == [
        "وقال أ.د. محمد علي إن الهدنة صامدة.", "ورفض آخرون."]
    assert sentences("قال المتحدث باسم ج.م.ع. إن الوضع هادئ.") == ["قال المتحدث باسم ج.م.ع. إن الوضع هادئ."]


def test_abbreviation_check_looks_back_only_near_the_dot():
    text = "أ" * 200 + " قال د. أحمد. " + "ب" * 100 + ". انتهى"
    assert sentences(text) == ["أ" * 200 + " قال د. أحمد.", "ب" * 100 + ".", "انتهى"]


def test_closing_quotes_stay_with_their_sentence():
    assert sentences("قال: «لن نقبل بالهدنة!» ثم غادر.") == ["قال: «لن نقبل بالهدنة!»", "ثم غادر."]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ابت ثج.!؟؛\n3»«U")), max_size=80) | st.text(max_size=80))
def test_spans_are_exact_ordered_and_trimmed(text):
    def edge(c: str) -> bool:  # whitespace, control characters, format and bidi marks, lone surrogates
        return c.isspace() or unicodedata.category(c) in ("Cc", "Cf", "Cs")

    def blank(c: str) -> bool:  # with harakat and tatweel, what alone makes no sentence
        return edge(c) or c == "\u0640" or unicodedata.category(c) in ("Mn", "Me")

    spans = split_sentences(text)
    prev = 0
    for a, b in spans:
        assert prev <= a < b <= len(text)
        assert not edge(text[a]) and not edge(text[b - 1])
        assert not all(blank(c) for c in text[a:b])
        prev = b
    covered = {i for a, b in spans for i in range(a, b)}
    assert all(blank(text[i]) for i in range(len(text)) if i not in covered)


def test_invisible_marks_make_no_sentence():
    """Text copied from right-to-left pages ends lines with an RLM; a BOM, a NUL or a stray haraka after the last
    full stop is no sentence of its own either (each became one, and took a speaker's continuation away)."""
    text = "قال لافروف إن الهدنة ضرورية.\u200f\nالوضع صعب.\u200f\nوأضاف أن الهدنة ستستمر."
    assert sentences(text) == ["قال لافروف إن الهدنة ضرورية.", "الوضع صعب.", "وأضاف أن الهدنة ستستمر."]
    for tail in ("\ufeff", "\x00", " َ", " ـ", "\u2069", "\ud800"):
        assert sentences("رحبت روسيا بالهدنة." + tail) == ["رحبت روسيا بالهدنة."], repr(tail)
    assert sentences("\ufeff") == [] and sentences("\u200f \u200e") == []
    assert sentences("\u200f الوضع صعب.") == ["الوضع صعب."]
    assert sentences("انتهت الهدنةُ") == ["انتهت الهدنةُ"]  # a final haraka belongs to its word
    assert sentences("قال: 🙂") == ["قال: 🙂"] and sentences(". 🙂") == [".", "🙂"]  # visible symbols stay


def test_web_addresses_and_file_names_stay_inside_their_sentence():
    assert sentences("زار www.aljazeera.net أمس. ثم عاد") == ["زار www.aljazeera.net أمس.", "ثم عاد"]
    assert sentences("رابط https://t.co/abc هنا. ثم") == ["رابط https://t.co/abc هنا.", "ثم"]
    assert sentences("الملف report.pdf هنا") == ["الملف report.pdf هنا"]
    assert sentences("انتهى الاجتماع.The end") == ["انتهى الاجتماع.", "The end"]  # an Arabic word ends it
    assert sentences("The vote passed.Then it ended.") == ["The vote passed.", "Then it ended."]  # a capital starts one
    assert sentences("في 2020.Turnout") == ["في 2020.", "Turnout"]


def test_a_spaced_ellipsis_is_one_end():
    assert sentences("نعم . . . لا") == ["نعم . . .", "لا"]


ARTICLE = Path(__file__).resolve().parents[1] / "data" / "sample_article.txt"


def test_a_hard_wrapped_article_splits_as_it_would_unwrapped():
    """A wire feed or a PDF extract wraps lines inside sentences: those breaks are spaces (a fresh-user audit: the
    speaker was cut off from what he said), whatever the width and line ending."""
    article = ARTICLE.read_text(encoding="utf-8").strip()
    unwrapped = sentences(article)
    for width in (45, 70, 100):
        for eol in ("\n", "\r\n"):
            wrapped = textwrap.fill(article, width).replace("\n", eol)
            assert soft_breaks(wrapped), (width, eol)
            assert [" ".join(s.split()) for s in sentences(wrapped)] == unwrapped, (width, eol)


def test_a_paragraph_separator_after_a_wrapped_line_ends_its_sentence():
    """In a hard-wrapped text, "\n\u2029" between two paragraphs was read as one soft break and the paragraphs as
    one sentence (a helper's probe), where "\n\n" split them; a page break after a line ("\n\f", as pdftotext
    writes where a page ends) is still a space inside the sentence."""
    line = "قال المتحدث باسم الخارجية الروسية إن موسكو تدعم اتفاق وقف إطلاق النار"
    first, second = "\n".join([line] * 3), "\n".join([line] * 2)
    want = [" ".join(first.split()), " ".join(second.split())]
    for sep in ("\n\n", "\n\u2029", "\n\u2028", "\n\x85", "\n\v", "\r\n \u2029"):
        text = first + sep + second
        assert len(first) not in soft_breaks(text), repr(sep)
        assert [" ".join(s.split()) for s in sentences(text)] == want, repr(sep)
    assert len(first) in soft_breaks(first + "\n\f" + second)
    assert len(sentences(first + "\n\f" + second)) == 1


def test_headlines_lists_and_a_sentence_a_line_keep_their_breaks():
    assert sentences("وقال وزير الخارجية الروسي سيرغي لافروف\nإن بلاده تدعم وقف إطلاق النار.") == [
        "وقال وزير الخارجية الروسي سيرغي لافروف", "إن بلاده تدعم وقف إطلاق النار."]  # one break: nothing to see
    headline = ("روسيا تعلن هدنة إنسانية في حلب\nموسكو - أعلنت وزارة الدفاع الروسية صباح الأحد بدء هدنة.\n"
                "وقال وزير الخارجية سيرغي لافروف إن بلاده تدعم وقف إطلاق النار في المدينة.\n"
                "ورحبت الأمم المتحدة بالإعلان ودعت جميع الأطراف إلى الالتزام به في الأيام المقبلة.")
    assert len(sentences(headline)) == 4
    longer = headline.replace("روسيا تعلن", "وزارة الدفاع الروسية تعلن بدء سريان")  # as long as the lines after it
    assert soft_breaks(longer) == frozenset() and len(sentences(longer)) == 4
    items = ("- وزارة الدفاع الروسية تعلن بدء الهدنة في حلب صباح الأحد\n"
             "- الأمم المتحدة ترحب بالإعلان وتدعو إلى إدخال المساعدات\n"
             "- فصائل المعارضة في إدلب ترفض الاتفاق وتواصل القتال\n"
             "- المرصد السوري يفيد بقصف مدفعي على ريف حلب الغربي")
    assert soft_breaks(items) == frozenset() and len(sentences(items)) == 4
    lines = "\n".join(["سطر قصير", "سطر آخر أطول منه بكثير في هذا النص التجريبي هنا", "ثالث", "رابع أطول قليلا"])
    assert soft_breaks(lines) == frozenset()


def test_a_spaced_closing_quote_ends_the_sentence_it_closes():
    """Text tokenised with spaces (UnifiedFC's: ``سوريا . "``) left the closing mark to open the next sentence, read
    as inside a quotation (a real-text probe: 79 lone ``"`` in 150 paragraphs, 12 credited); it now ends the
    sentence whose quotation it closes, across sentences of one quotation too. An opening mark stays with its own."""
    assert sentences('وقال أوباما " نحن نعمل من أجل سوريا . " وقال بوتين إن روسيا ستنسحب .') == [
        'وقال أوباما " نحن نعمل من أجل سوريا . "', "وقال بوتين إن روسيا ستنسحب ."]
    assert sentences("وقال : « نحن هنا . » ثم غادر .") == ["وقال : « نحن هنا . »", "ثم غادر ."]
    assert sentences('قال " أولا . ثانيا . " وانتهى .') == ['قال " أولا .', 'ثانيا . "', "وانتهى ."]
    assert sentences('انتهى . " جديد " هنا .') == ["انتهى .", '" جديد " هنا .']  # an opening mark
    assert sentences('قال " أولا .\n" ثانيا " هنا .') == ['قال " أولا .', '" ثانيا " هنا .']  # counted by line
