"""Unit tests of kg.lang.vi: orthography (tone style, fold, slug, NFC offsets), tokenizer, sentences, glued words."""

from __future__ import annotations

import unicodedata

import pytest
from spacy.language import Language

from kg.knowledge import default_knowledge
from kg.lang.vi.orthography import clean, fold, is_capitalized, name_key, new_tone_style, nfc_with_offsets, slug
from kg.lang.vi.tokenizer import build_pipeline, split_glued


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline(default_knowledge().sentence_abbreviations)


def words(nlp, text: str) -> list[str]:
    return [t.text for t in nlp(text) if not t.is_space]


def sents(nlp, text: str) -> list[str]:
    return [s.text for s in nlp(text).sents]


# ------------------------------------------------------------------------------------------- kg.lang.vi.orthography


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Thành uỷ", "Thành ủy"),
        ("Khánh Hoà", "Khánh Hòa"),
        ("Thanh Hoá", "Thanh Hóa"),
        ("thuỷ lợi", "thủy lợi"),
        ("hoà bình", "hòa bình"),
        ("sức khoẻ", "sức khỏe"),
        ("hoạ sĩ", "họa sĩ"),
        ("Uỷ ban", "Ủy ban"),
        ("Hoà.", "Hòa."),
        ("Quý Thuỷ", "Quý Thủy"),
    ],
)
def test_text_new_tone_style(old: str, new: str) -> None:
    assert new_tone_style(old) == new
    assert len(new_tone_style(old)) == len(old)


@pytest.mark.parametrize("word", ["quý", "Quý", "quỳ", "quà", "quạ", "khuya", "thuở", "hoàng", "thuyền", "toàn"])
def test_text_new_tone_style_leaves_other_syllables(word: str) -> None:
    assert new_tone_style(word) == word


def test_text_fold() -> None:
    assert fold("  Thành  uỷ\tKhánh Hoà ") == "thành ủy khánh hòa"
    assert fold("Thành ủy Khánh Hòa") == fold("THÀNH ỦY KHÁNH HÒA")
    assert fold(unicodedata.normalize("NFD", "Khánh Hòa")) == "khánh hòa"


@pytest.mark.parametrize(("upper", "lower"), [("THÀNH UỶ", "Thành ủy"), ("HOÀ BÌNH", "hòa bình")],
                         ids=["thanh-uy", "hoa-binh"])
def test_text_fold_upper_case_old_tone(upper: str, lower: str) -> None:
    assert fold(upper) == fold(lower)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thành ủy Đà Nẵng", "thanh-uy-da-nang"),
        ("Thành uỷ Đà Nẵng", "thanh-uy-da-nang"),
        ("Hội đồng nhân dân tỉnh Khánh Hoà", "hoi-dong-nhan-dan-tinh-khanh-hoa"),
        ("Bộ Giao thông vận tải", "bo-giao-thong-van-tai"),
        ("55-CT/TW", "55-ct-tw"),
        ("Ủy ban nhân dân TP. Hồ Chí Minh", "uy-ban-nhan-dan-tp-ho-chi-minh"),
        ("!!", "x"),
    ],
)
def test_text_slug(text: str, expected: str) -> None:
    assert slug(text) == expected
    assert slug(unicodedata.normalize("NFD", text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thành ủy Đà Nẵng", "thành-ủy-đà-nẵng"),
        ("Thành uỷ  Đà Nẵng", "thành-ủy-đà-nẵng"),  # old tone placement, doubled space
        ("HĐND tỉnh Khánh Hoà", "hđnd-tỉnh-khánh-hòa"),
        ("Ủy ban nhân dân TP. Hồ Chí Minh", "ủy-ban-nhân-dân-tp-hồ-chí-minh"),
        ("!!", "x"),
    ],
)
def test_text_name_key(text: str, expected: str) -> None:
    assert name_key(text) == expected
    assert name_key(unicodedata.normalize("NFD", text)) == expected


def test_text_name_key_keeps_names_apart_that_differ_only_in_diacritics() -> None:
    names = ["Nguyễn Văn Hùng", "Nguyễn Văn Hưng", "Nguyễn Văn Hứng", "Lê Thanh", "Lê Thành", "Lê Thạnh"]
    assert len({name_key(n) for n in names}) == len(names)
    assert len({slug(n) for n in names}) == 2  # what an ASCII slug would have merged


def test_text_clean() -> None:
    assert clean(" - Thành  uỷ Hà Nội; ") == "Thành ủy Hà Nội"


def test_text_is_capitalized() -> None:
    assert is_capitalized("Đà") and is_capitalized("Ủy")
    assert not is_capitalized("ủy") and not is_capitalized("")


def test_text_nfc_with_offsets_identity_for_nfc() -> None:
    assert nfc_with_offsets("Hà Nội") == ("Hà Nội", None)


def test_text_nfc_with_offsets_maps_every_character() -> None:
    nfd = unicodedata.normalize("NFD", "Hà Nội")  # H a ` ␠ N o . ^ i
    assert len(nfd) == 9
    text, offsets = nfc_with_offsets(nfd)
    assert text == "Hà Nội"
    assert offsets == [0, 1, 3, 4, 5, 8, 9]


@pytest.mark.parametrize("original", [
    "Phó Bí thư Tỉnh ủy Khánh Hòa Nguyễn Thị Hồng",
    "Chỉ thị số 55-CT/TW ngày 22/12/2025 của Ban Bí thư",
])
def test_text_nfc_with_offsets_spans_map_back(original: str) -> None:
    nfd = unicodedata.normalize("NFD", original)
    text, offsets = nfc_with_offsets(nfd)
    assert text == original
    assert offsets is not None and len(offsets) == len(text) + 1 and offsets[-1] == len(nfd)
    assert offsets == sorted(offsets)
    for a in range(len(text)):
        for b in range(a + 1, len(text) + 1):
            assert unicodedata.normalize("NFC", nfd[offsets[a] : offsets[b]]) == text[a:b]


# -------------------------------------------------------------------------------------- kg.lang.vi.tokenizer tokens


@pytest.mark.parametrize(
    "text",
    [
        "Chỉ thị số 55-CT/TW ngày 22/12/2025 tại TP.HCM và ông H.R. McMaster.",
        "Ông  Hùng   nói.\n\nBà Mai đáp.\n",
        "  Bộ TN&MT\tvà Bộ KH-ĐT họp ngày 14.10.2025.  ",
        "Nguyễn Văn Cườngđã phát biểu về Facebook.",
    ],
)
def test_nlp_doc_text_is_input_and_offsets_exact(nlp: Language, text: str) -> None:
    doc = nlp(text)
    assert doc.text == text
    for t in doc:
        assert text[t.idx : t.idx + len(t.text)] == t.text


def test_nlp_tokens_symbols_dates_initials(nlp: Language) -> None:
    assert words(nlp, "Chỉ thị số 55-CT/TW ngày 22/12/2025 tại TP.HCM và ông H.R. McMaster.") == [
        "Chỉ", "thị", "số", "55-CT/TW", "ngày", "22/12/2025", "tại", "TP.HCM", "và", "ông", "H.R.", "McMaster", ".",
    ]


def test_nlp_tokens_joined_abbreviations(nlp: Language) -> None:
    assert words(nlp, "Bộ TN&MT và Bộ KH-ĐT họp ngày 14.10.2025 với ông Al-Herbish.") == [
        "Bộ", "TN&MT", "và", "Bộ", "KH-ĐT", "họp", "ngày", "14.10.2025", "với", "ông", "Al-Herbish", ".",
    ]


def test_nlp_tokens_tp_dot_space(nlp: Language) -> None:
    assert words(nlp, "Tại TP. Hồ Chí Minh, ông Hùng phát biểu.") == [
        "Tại", "TP", ".", "Hồ", "Chí", "Minh", ",", "ông", "Hùng", "phát", "biểu", ".",
    ]


def test_nlp_tokens_glued_words_split_with_offsets(nlp: Language) -> None:
    text = "Nguyễn Văn Cườngđã phát biểu."
    doc = nlp(text)
    toks = [(t.text, t.idx) for t in doc if not t.is_space]
    assert toks[:4] == [("Nguyễn", 0), ("Văn", 7), ("Cường", 11), ("đã", 16)]


# ----------------------------------------------------------------------------------- kg.lang.vi.tokenizer sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tại TP. Hồ Chí Minh, ông Hùng phát biểu. Bà Mai cho biết.",
         ["Tại TP. Hồ Chí Minh, ông Hùng phát biểu.", "Bà Mai cho biết."]),
        ("Đoàn công tác làm việc tại TP.HCM. Ông Hùng cho biết.",
         ["Đoàn công tác làm việc tại TP.HCM.", "Ông Hùng cho biết."]),
        ("GS. Nguyễn Văn An phát biểu. Sau đó hội nghị bế mạc.",
         ["GS. Nguyễn Văn An phát biểu.", "Sau đó hội nghị bế mạc."]),
        ("ThS. Nguyễn Văn An trình bày. Sau đó hội nghị bế mạc!",
         ["ThS. Nguyễn Văn An trình bày.", "Sau đó hội nghị bế mạc!"]),
        ("Năm 2024. 2025 sẽ tốt hơn.", ["Năm 2024.", "2025 sẽ tốt hơn."]),
        ("Ông Hùng nói: Tốt. Còn anh?", ["Ông Hùng nói: Tốt.", "Còn anh?"]),
        ("Tỉnh có 120 xã. các xã đều đạt chuẩn.", ["Tỉnh có 120 xã. các xã đều đạt chuẩn."]),
        ("Ông Lâm làm Chi cục trưởng Chi cục Thú y. UBND tỉnh đã quyết định.",
         ["Ông Lâm làm Chi cục trưởng Chi cục Thú y.", "UBND tỉnh đã quyết định."]),
        ("Hội đồng đã đồng ý. Ông Hùng phát biểu.", ["Hội đồng đã đồng ý.", "Ông Hùng phát biểu."]),
        ("Ông V. Ivanov phát biểu. Sau đó hội nghị bế mạc.", ["Ông V. Ivanov phát biểu.", "Sau đó hội nghị bế mạc."]),
    ],
    ids=["tp-dot", "tp-hcm-end", "gs", "ths", "digit-start", "question", "lower-case-after-dot", "one-letter-word",
         "one-letter-word-tone", "initial"],
)
def test_nlp_sentences(nlp: Language, text: str, expected: list[str]) -> None:
    assert sents(nlp, text) == expected


def test_nlp_sentences_at_line_breaks(nlp: Language) -> None:
    text = "Tại TP. Hồ Chí Minh, ông Hùng phát biểu. Bà Mai cho biết.\nDòng mới không dấu chấm\nDòng ba"
    assert [s.strip() for s in sents(nlp, text)] == [
        "Tại TP. Hồ Chí Minh, ông Hùng phát biểu.", "Bà Mai cho biết.", "Dòng mới không dấu chấm", "Dòng ba",
    ]


def test_nlp_sentences_line_break_without_period_separates_facts() -> None:
    from kg.corpus import Article
    from kg.run.build import facts_of

    f = facts_of(Article(id="t", text="Bí thư Tỉnh ủy Hà Nam\nNguyễn Văn Hùng dự lễ"))
    assert f.posts == []


# ---------------------------------------------------------------------------------------- split_glued


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Cườngđã", ("Cường", "đã")),
        ("Lâmbiểu", ("Lâm", "biểu")),
        ("hoàđã", ("hoà", "đã")),
    ],
)
def test_nlp_split_glued(word: str, expected: tuple[str, ...]) -> None:
    assert split_glued(word) == expected


@pytest.mark.parametrize(
    "word",
    ["Facebook", "Google", "McMaster", "Nguyễn", "Trường", "nghiêng", "ĐBQH", "TTXVN", "UBND", "Hà", "đã"],
)
def test_nlp_split_glued_leaves_other_words(word: str) -> None:
    assert split_glued(word) == (word,)
