import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from transformers import AutoTokenizer

from arapol.alignment import WordEncoder, blank_pieces, window_labels
from arapol.base.tiny import build_tiny_bert

TEXTS = ["قال الرئيس بوتين إن روسيا تدعم الهدنة في حلب", "رحبت الأمم المتحدة بقرار وقف إطلاق النار",
         "وقال لافروف إن موسكو وأنقرة اتفقتا على هدنة في إدلب", "هاجم تنظيم داعش مواقع للجيش في دير الزور"] * 20


@pytest.fixture(scope="module")
def tokenizer(tmp_path_factory):
    return AutoTokenizer.from_pretrained(build_tiny_bert(tmp_path_factory.mktemp("tok"), TEXTS, vocab_size=200))


def test_a_word_that_tokenises_to_nothing_keeps_its_place(tokenizer):
    enc = WordEncoder(tokenizer, split_clitics=False).encode(["حلب \x00 دمشق"])[0]
    assert len(enc.words) == len(enc.pieces) == 3
    assert enc.pieces[1] == (tokenizer.unk_token_id,)
    assert enc.pieces[2] == WordEncoder(tokenizer).encode(["دمشق"])[0].pieces[0]


def test_a_word_whose_pieces_spell_nothing_is_empty(tokenizer, sentencepiece_tokenizer):
    """e5 reads U+FFFD as a bare ``▁`` and NUL or a symbol it lacks as ``▁`` + unk: such words hold nothing to read.
    A word of letters the vocabulary lacks (``ڤ``; WordPiece makes the whole word unk) is still read."""
    text = "روسيا \ufffd \x00 ڤيينا € \U000e0075 ۝ ؟"
    sp = WordEncoder(sentencepiece_tokenizer, split_clitics=False).encode([text])[0]
    assert [text[a:b] for a, b in sp.words] == text.split()
    assert sp.pieces[1] == (sentencepiece_tokenizer.convert_tokens_to_ids("▁"),)
    assert sp.empty == [False, True, True, False, True, True, True, False]  # ؟ is a piece of its own
    wp = WordEncoder(tokenizer, split_clitics=False).encode([text])[0]
    assert wp.pieces[3] == (tokenizer.unk_token_id,)
    assert wp.empty == [False, True, True, False, True, True, True, True]  # this vocabulary lacks ؟: unk


def _with_pieces(pre_tokenizer, pieces):
    from tokenizers import Tokenizer, models
    from transformers import PreTrainedTokenizerFast

    backend = Tokenizer(models.WordLevel({p: i for i, p in enumerate(["<unk>", *pieces])}, unk_token="<unk>"))
    backend.pre_tokenizer = pre_tokenizer
    return PreTrainedTokenizerFast(tokenizer_object=backend, unk_token="<unk>")


@pytest.mark.parametrize("kind, blank", [("metaspace", ["<unk>", "▁"]), ("metaspace_in_sequence", ["<unk>", "▁"]),
                                         ("byte_level", ["<unk>", "Ġ"]), ("whitespace", ["<unk>"])])
def test_blank_pieces_are_unk_and_only_the_word_start_mark_the_tokenizer_uses(kind, blank):
    """``▁`` and ``Ġ`` are marks only where the pre-tokenizer makes them so; elsewhere (XLM-R's own ``Ġ``, a
    WordPiece vocabulary) they are pieces like any other."""
    from tokenizers import pre_tokenizers as pt

    pre = {"metaspace": pt.Metaspace(), "metaspace_in_sequence": pt.Sequence([pt.WhitespaceSplit(), pt.Metaspace()]),
           "byte_level": pt.ByteLevel(), "whitespace": pt.Whitespace()}[kind]
    tok = _with_pieces(pre, ["▁", "Ġ", "حلب"])
    assert sorted(tok.convert_ids_to_tokens(sorted(blank_pieces(tok)))) == sorted(blank)


def test_clitic_is_split_when_it_is_the_first_piece(tokenizer):
    text = "وبوتين"
    ids = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    first = ids["offset_mapping"][0]
    enc = WordEncoder(tokenizer, split_clitics=True).encode([text])[0]
    if text[first[0]:first[1]] == "و":
        assert [text[a:b] for a, b in enc.words] == ["و", "بوتين"]
    else:
        assert [text[a:b] for a, b in enc.words] == ["وبوتين"]
    assert [text[a:b] for a, b in WordEncoder(tokenizer, split_clitics=False).encode([text])[0].words] == [text]


def test_words_starting_with_clitic_letters_stay_whole_when_the_piece_is_longer(tokenizer):
    enc = WordEncoder(tokenizer).encode(["وقال"])[0]
    pieces = tokenizer.convert_ids_to_tokens([i for p in enc.pieces for i in p])
    assert len(enc.words) == (2 if pieces[0] == "و" else 1)


@pytest.fixture(scope="module")
def clitic_tokenizer():
    """WordPiece pieces chosen so that each case of the ``retokenise`` rule happens (greedy longest match)."""
    from transformers import BertTokenizerFast

    pieces = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "و", "ح", "ال", "تركيا", "بغداد", "وت", "##ركيا",
              "الصين", "وال", "##صين", "##نيجر", "وح", "##ارم"]
    tok = BertTokenizerFast(vocab={w: i for i, w in enumerate(pieces)}, do_lower_case=False,
                            tokenize_chinese_chars=False, strip_accents=False)
    assert len(tok) == len(pieces)
    return tok


@pytest.mark.parametrize("word, parts", [
    ("وتركيا", ["و", "تركيا"]),   # وت ##ركيا: the rest alone is one piece
    ("والصين", ["و", "الصين"]),   # وال ##صين → الصين
    ("والنيجر", ["و", "النيجر"]),  # as many pieces (2), and the rest starts with ال
    ("وحارم", ["وحارم"]),          # as many pieces, no ال: kept whole
    ("بغداد", ["بغداد"]),          # one piece: a name that starts with a clitic letter stays whole
])
def test_retokenise_splits_a_clitic_the_pieces_hide(clitic_tokenizer, word, parts):
    text = f"قال {word} الآن"
    enc = WordEncoder(clitic_tokenizer, clitic_rule="retokenise").encode([text])[0]
    assert [text[a:b] for a, b in enc.words][1:-1] == parts
    assert enc.clitic[1:-1] == ([True, False] if len(parts) == 2 else [False])
    if len(parts) == 2:  # the clitic and the rest tokenised apart, as if a space parted them
        assert enc.pieces[1:3] == [tuple(clitic_tokenizer(p, add_special_tokens=False)["input_ids"]) for p in parts]
    pieces_rule = WordEncoder(clitic_tokenizer).encode([text])[0]  # the rule of models saved before
    assert [text[a:b] for a, b in pieces_rule.words][1:-1] == [word]
    assert [text[a:b] for a, b in WordEncoder(clitic_tokenizer, split_clitics=False, clitic_rule="retokenise")
            .encode([text])[0].words][1:-1] == [word]


def test_a_bare_space_piece_is_no_clitic(tmp_path):
    """A SentencePiece tokenizer with no ``▁``-piece to start a word puts a bare ``▁`` first, with the first letter's
    offsets (``بعثة`` as ``▁`` + ``بعث`` + ``ة``): that ``ب`` is no clitic, and the bare ``▁`` does not count against
    the whole word when ``retokenise`` weighs a split (``وتركيا`` still parts: ``تركيا`` is one piece)."""
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    pieces = [("<unk>", 0.0), ("<s>", 0.0), ("</s>", 0.0), ("<pad>", 0.0), ("▁", -3.0), ("بعث", -5.0), ("ة", -4.0),
              ("▁ع", -5.0), ("ثة", -5.0), ("▁ب", -5.0), ("وت", -5.0), ("ركيا", -5.0), ("▁تركيا", -5.0),
              ("▁و", -5.0), ("▁قال", -5.0)]
    backend = Tokenizer(models.Unigram(pieces, unk_id=0))
    backend.pre_tokenizer = pre_tokenizers.Metaspace()
    tok = PreTrainedTokenizerFast(tokenizer_object=backend, unk_token="<unk>", cls_token="<s>", sep_token="</s>",
                                  pad_token="<pad>")
    assert backend.encode("بعثة", add_special_tokens=False).offsets == [(0, 1), (0, 3), (3, 4)]
    text = "قال بعثة وتركيا"
    words = {rule: [text[a:b] for a, b in WordEncoder(tok, clitic_rule=rule).encode([text])[0].words]
             for rule in ("pieces", "retokenise")}
    assert words == {"pieces": ["قال", "بعثة", "وتركيا"], "retokenise": ["قال", "بعثة", "و", "تركيا"]}


@pytest.mark.parametrize("word, pieces_rule, retokenise", [
    ("وبشار", ["وب", "شار"], ["و", "بشار"]),        # وب ##شار: a chain parts only before the article
    ("وبالصين", ["وب", "الصين"], ["وب", "الصين"]),  # وب ##الصين: before it, it does
    ("للأمم", ["للأمم"], ["ل", "لأمم"]),           # للأ ##مم → لأ ##مم: as many pieces, and ل then ل is the article
    ("بنسلفانيا", ["بنسلفانيا"], ["بنسلفانيا"]),    # بن ##سل ##فانيا → نس ##لفانيا: fewer, but not one piece
])
def test_retokenise_keeps_names_whole_that_only_look_like_a_clitic(word, pieces_rule, retokenise):
    from transformers import BertTokenizerFast

    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "و", "ل", "ب", "وب", "##شار", "بشار", "الصين", "##الصين",
             "للأ", "##مم", "لأ", "بن", "##سل", "##فانيا", "نس", "##لفانيا", "قال"]
    tok = BertTokenizerFast(vocab={w: i for i, w in enumerate(vocab)}, do_lower_case=False,
                            tokenize_chinese_chars=False, strip_accents=False)
    text = f"قال {word}"
    for rule, parts in (("pieces", pieces_rule), ("retokenise", retokenise)):
        enc = WordEncoder(tok, clitic_rule=rule).encode([text])[0]
        assert [text[a:b] for a, b in enc.words][1:] == parts, rule


def test_retokenise_decides_the_same_when_its_cache_is_full(clitic_tokenizer, monkeypatch):
    import arapol.alignment as alignment

    monkeypatch.setattr(alignment, "_CACHE_SIZE", 1)
    encoder = WordEncoder(clitic_tokenizer, clitic_rule="retokenise")
    words = {"وتركيا": 2, "والصين": 2, "والنيجر": 2, "وحارم": 1}  # words each becomes
    for text in ("وتركيا والصين", "والنيجر وحارم", "وتركيا والصين", "والصين والنيجر وتركيا", "وحارم وتركيا"):
        assert len(encoder.encode([text])[0].words) == sum(words[w] for w in text.split()), text


def test_word_pieces_equal_the_tokenizer_on_each_word_and_ignore_its_padding_settings(tokenizer):
    words = sorted({w for t in TEXTS for w in t.split()}) + ["وبوتين", "\x00", "حلبدمشقإدلب" * 3, "داعش"]
    # a tokenizer.json may carry padding or truncation, and a padded call of the wrapper leaves its backend padding:
    # on when the encoder is built, and switched on again after
    found = []
    try:
        for build_first in (False, True):
            encoder = WordEncoder(tokenizer) if build_first else None
            tokenizer.backend_tokenizer.enable_padding(length=64)
            tokenizer.backend_tokenizer.enable_truncation(3)
            found.append((encoder or WordEncoder(tokenizer)).word_pieces(words))
    finally:
        tokenizer.backend_tokenizer.no_padding()
        tokenizer.backend_tokenizer.no_truncation()
    ref = tokenizer(words, add_special_tokens=False, return_offsets_mapping=True)
    expected = [(list(i), [tuple(o) for o in offs]) for i, offs in zip(ref["input_ids"], ref["offset_mapping"])]
    for got in found:
        assert [(list(i), [tuple(o) for o in offs]) for i, offs in got] == expected
    assert max(len(i) for i, _ in expected) > 3  # the truncation to 3 would have cut
    assert [(list(i), [tuple(o) for o in offs]) for i, offs in WordEncoder(tokenizer).word_pieces(words * 2)
            ] == expected * 2


@settings(max_examples=60, deadline=None)
@given(n_words=st.integers(0, 300), max_length=st.integers(16, 64), stride_frac=st.floats(0, 0.9))
def test_windows_fit_and_every_word_has_exactly_one_owner(tokenizer, n_words, max_length, stride_frac):
    vocab = (TEXTS[0] + " " + TEXTS[2]).split()
    text = " ".join(vocab[i % len(vocab)] for i in range(n_words))
    stride = int((max_length - 3) * stride_frac)
    encoder = WordEncoder(tokenizer, max_length=max_length, stride=stride)
    enc = encoder.encode([text])[0]
    windows = encoder.windows(enc)
    owned = []
    for w in windows:
        assert len(w.input_ids) <= max_length
        assert w.first <= w.own_first <= w.own_last <= w.last
        owned += range(w.own_first, w.own_last)
        labels = window_labels(w, list(range(len(enc.words))))
        assert [lab for lab in labels if lab != -100] == list(range(w.own_first, w.own_last))
    assert owned == list(range(len(enc.words)))
    if len(windows) > 1 and stride >= 8:
        assert all(b.first < a.last for a, b in zip(windows, windows[1:]))
