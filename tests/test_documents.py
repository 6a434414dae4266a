"""Unit tests of the document rules (kg/extract/documents.py) and the per-article merge of document mentions.

Sentences written for these tests in TTXVN / Nhân Dân / VnExpress style. Expected values are what the
sentence says; where kg reads it wrong today the test is a single strict ``xfail`` saying what it reads.
"""

from __future__ import annotations

import pytest

from kg.corpus import Article
from kg.extract.facts import Document
from kg.run.build import facts_of


def docs(text: str) -> list[Document]:
    return facts_of(Article(id="t", text=text)).documents


def one(text: str) -> Document:
    found = docs(text)
    assert len(found) == 1, found
    return found[0]


def row(d: Document) -> tuple[str, str | None, str | None, str | None, str | None]:
    """(number, type, ISO date, stated issuer, symbol issuer kind)."""
    return d.number, d.type_label, d.date, d.issuer.label if d.issuer else None, d.symbol_issuer_kind


def quote(text: str, d: Document, which: str = "evidence") -> str:
    ev = getattr(d, which)
    assert ev is not None, which
    return text[ev.start : ev.end]


# --------------------------------------------------------------------------------- documents.typed_number


def test_documents_typed_number_full_chi_thi() -> None:
    text = ("Ban Thường vụ Tỉnh ủy tổ chức quán triệt Chỉ thị số 55-CT/TW ngày 22/12/2025 của Ban Bí thư "
            "Trung ương Đảng về tăng cường công tác phòng, chống tham nhũng.")
    d = one(text)
    assert row(d) == ("55-CT/TW", "Chỉ thị", "2025-12-22", "Ban Bí thư Trung ương Đảng", "Trung ương Đảng")
    assert d.subject == "tăng cường công tác phòng, chống tham nhũng"
    assert d.evidence.rule == "documents.typed_number"
    assert quote(text, d) == "Chỉ thị số 55-CT/TW"
    assert quote(text, d, "date_evidence") == "ngày 22/12/2025"
    assert d.date_evidence.rule == "documents.date_after"
    assert quote(text, d, "issuer_evidence") == "của Ban Bí thư Trung ương Đảng"
    assert d.issuer_evidence.rule == "documents.issuer_of"


def test_documents_typed_number_subject() -> None:
    d = one("Tỉnh đã triển khai Quyết định 669/QĐ-UBND về kế hoạch phát triển kinh tế - xã hội năm 2025.")
    assert d.subject == "kế hoạch phát triển kinh tế - xã hội năm 2025"


def test_documents_typed_number_subject_with_comma() -> None:
    d = one("Bộ Chính trị ban hành Nghị quyết số 57-NQ/TW ngày 22/12/2024 về đột phá phát triển khoa học, "
            "công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia.")
    assert d.subject == "đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia"


@pytest.mark.parametrize(
    ("text", "expected", "quoted"),
    [
        ("Tỉnh đã triển khai Quyết định 669/QĐ-UBND trong toàn ngành.",
         ("669/QĐ-UBND", "Quyết định", None, None, "Ủy ban nhân dân"), "Quyết định 669/QĐ-UBND"),
        ("Theo Nghị định 145/2020/NĐ-CP, người lao động được nghỉ thêm một ngày.",
         ("145/2020/NĐ-CP", "Nghị định", None, None, "Chính phủ"), "Nghị định 145/2020/NĐ-CP"),
        ("Luật số 76/2015/QH13 quy định về tổ chức Chính phủ.",
         ("76/2015/QH13", "Luật", None, None, "Quốc hội"), "Luật số 76/2015/QH13"),
        ("Tỉnh ủy quán triệt Nghị quyết số 11 của Bộ Chính trị tới toàn thể đảng viên.",
         ("11", "Nghị quyết", None, "Bộ Chính trị", None), "Nghị quyết số 11"),
        ("Theo Nghị quyết số 11, tỉnh sẽ sắp xếp lại bộ máy.",
         ("11", "Nghị quyết", None, None, None), "Nghị quyết số 11"),
        ("Kế hoạch thực hiện Thông tư 12/2024/TT-BTC của Bộ Tài chính được ban hành kịp thời.",
         ("12/2024/TT-BTC", "Thông tư", None, "Bộ Tài chính", "Bộ Tài chính"), "Thông tư 12/2024/TT-BTC"),
        ("Công văn số 123/BNV-TCBC của Bộ Nội vụ hướng dẫn sắp xếp cán bộ.",
         ("123/BNV-TCBC", "Công văn", None, "Bộ Nội vụ", "Bộ Nội vụ"), "Công văn số 123/BNV-TCBC"),
    ],
    ids=["quyet-dinh", "nghi-dinh", "luat", "bare-with-issuer", "bare", "thong-tu", "cong-van"],
)
def test_documents_typed_number_forms(text: str, expected: tuple, quoted: str) -> None:
    d = one(text)
    assert row(d) == expected
    assert quote(text, d) == quoted
    assert d.evidence.rule == "documents.typed_number"


@pytest.mark.parametrize(
    "text",
    [
        "Công ty có vốn điều lệ 4.495 tỷ đồng.",
        "Bị cáo bị tuyên phạt theo Quyết định 2 năm tù giam.",
        "Dự án có tổng vốn đầu tư 1.200 tỷ đồng, hoàn thành trong năm 2025.",
        "Luật Đất đai năm 2024 có hiệu lực từ ngày 1/8/2024.",
        "Theo Nghị quyết 2025 của Quốc hội, các tỉnh sẽ sáp nhập.",
        "Tỉnh có Quyết định 4 nhà máy phải di dời ra khỏi khu dân cư.",
    ],
    ids=["von-dieu-le", "quyet-dinh-2-nam", "ty-dong", "luat-nam", "year-only", "quyet-dinh-4-nha-may"],
)
def test_documents_typed_number_amounts_and_durations_are_not_documents(text: str) -> None:
    assert docs(text) == []


# ------------------------------------------------------------------------------------------ dates


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("ngày 22/12/2025", "2025-12-22"),
        ("ngày 22-12-2025", "2025-12-22"),
        ("ngày 22.12.2025", "2025-12-22"),
        ("ngày 22 tháng 12 năm 2025", "2025-12-22"),
        ("ngày 5/2/2024", "2024-02-05"),
        ("ngày 05/02/2024", "2024-02-05"),
    ],
    ids=["slash", "dash", "dot", "words", "short", "padded"],
)
def test_documents_date_after_forms(written: str, iso: str) -> None:
    text = f"Tỉnh ủy ban hành kế hoạch thực hiện Chỉ thị 05-CT/TU {written} của Tỉnh ủy Hà Nam."
    d = one(text)
    assert row(d) == ("05-CT/TU", "Chỉ thị", iso, "Tỉnh ủy Hà Nam", "Tỉnh ủy/Thành ủy")
    assert quote(text, d, "date_evidence") == written
    assert d.date_evidence.rule == "documents.date_after"


@pytest.mark.parametrize(
    "text",
    [
        "Kế hoạch thực hiện Kết luận số 45-KL/TW ngày 29/6 trong toàn tỉnh.",
        "Kế hoạch thực hiện Nghị quyết số 57-NQ/TW ngày 31/2/2024.",
    ],
    ids=["day-month-only", "impossible-date"],
)
def test_documents_date_after_needs_full_valid_date(text: str) -> None:
    d = one(text)
    assert d.date is None
    assert d.date_evidence is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kế hoạch thực hiện Kết luận số 45-KL/TW ngày 29/6 của Bộ Chính trị.",
         ("45-KL/TW", "Kết luận", None, "Bộ Chính trị", "Trung ương Đảng")),
        ("Thực hiện Quyết định số 669/QĐ-UBND ngày 29/6 của UBND tỉnh Hà Nam, các sở đã vào cuộc.",
         ("669/QĐ-UBND", "Quyết định", None, "Ủy ban nhân dân tỉnh Hà Nam", "Ủy ban nhân dân")),
    ],
    ids=["ket-luan", "quyet-dinh"],
)
def test_documents_issuer_of_after_day_month_date(text: str, expected: tuple) -> None:
    assert row(one(text)) == expected


def test_documents_date_signed() -> None:
    text = "Quyết định số 1020/QĐ-TTg do Thủ tướng ký ngày 3/5/2024 về việc phê duyệt đề án."
    d = one(text)
    assert row(d) == ("1020/QĐ-TTg", "Quyết định", "2024-05-03", "Thủ tướng Chính phủ", "Thủ tướng Chính phủ")
    assert d.date_evidence.rule == "documents.date_signed"
    assert quote(text, d, "date_evidence") == "ký ngày 3/5/2024"
    assert d.subject == "phê duyệt đề án"


def test_documents_date_before() -> None:
    text = "Ngày 3/5/2024 UBND tỉnh Hà Nam ban hành Quyết định số 1020/QĐ-UBND."
    d = one(text)
    assert row(d) == ("1020/QĐ-UBND", "Quyết định", "2024-05-03", "Ủy ban nhân dân tỉnh Hà Nam", "Ủy ban nhân dân")
    assert d.date_evidence.rule == "documents.date_before"
    assert quote(text, d, "date_evidence") == "3/5/2024"


# --------------------------------------------------------------------------------- two documents, merging


def test_documents_two_in_one_sentence_each_own_date_and_issuer() -> None:
    text = ("Thực hiện Quyết định số 120/QĐ-TTg ngày 5/2/2024 của Thủ tướng Chính phủ và Nghị quyết số "
            "30/NQ-CP ngày 10/3/2024 của Chính phủ, tỉnh đã triển khai nhiều giải pháp.")
    found = docs(text)
    assert [row(d) for d in found] == [
        ("120/QĐ-TTg", "Quyết định", "2024-02-05", "Thủ tướng Chính phủ", "Thủ tướng Chính phủ"),
        ("30/NQ-CP", "Nghị quyết", "2024-03-10", "Chính phủ", "Chính phủ"),
    ]
    assert [quote(text, d, "date_evidence") for d in found] == ["ngày 5/2/2024", "ngày 10/3/2024"]
    assert [quote(text, d, "issuer_evidence") for d in found] == ["của Thủ tướng Chính phủ", "của Chính phủ"]


def test_documents_same_symbol_written_two_ways_is_one_document() -> None:
    text = ("Nghị quyết 16-NQ/TW của Bộ Chính trị có ý nghĩa quan trọng. Sau 3 năm thực hiện Nghị quyết "
            "16/NQ-TW, tỉnh đạt nhiều kết quả.")
    assert [row(d) for d in docs(text)] == [
        ("16-NQ/TW", "Nghị quyết", None, "Bộ Chính trị", "Trung ương Đảng"),
    ]


def test_documents_issuer_by_not_from_duoc_ban_hanh() -> None:
    d = one("Nghị quyết 16-NQ/TW được ban hành năm 2022 đã đi vào cuộc sống.")
    assert row(d) == ("16-NQ/TW", "Nghị quyết", None, None, "Trung ương Đảng")


def test_documents_bare_number_merged_into_full_symbol() -> None:
    text = ("Nghị định 81/2015/NĐ-CP ngày 18/9/2015 của Chính phủ quy định việc công bố thông tin. "
            "Theo Nghị định 81, doanh nghiệp nhà nước phải công bố báo cáo tài chính.")
    assert [row(d) for d in docs(text)] == [
        ("81/2015/NĐ-CP", "Nghị định", "2015-09-18", "Chính phủ", "Chính phủ"),
    ]


def test_documents_bare_number_of_another_type_stays_separate() -> None:
    text = "Nghị định 81/2015/NĐ-CP đã hết hiệu lực. Thông tư 81 hướng dẫn việc thi hành."
    assert [row(d) for d in docs(text)] == [
        ("81/2015/NĐ-CP", "Nghị định", None, None, "Chính phủ"),
        ("81", "Thông tư", None, None, None),
    ]


# ---------------------------------------------------------------------------------- documents.symbol_only


def test_documents_symbol_only_type_from_code() -> None:
    text = "Theo số 12/QĐ-UBND ngày 3/1/2024 của UBND tỉnh Hà Nam, tỉnh thành lập tổ công tác."
    d = one(text)
    assert row(d) == ("12/QĐ-UBND", "Quyết định", "2024-01-03", "Ủy ban nhân dân tỉnh Hà Nam", "Ủy ban nhân dân")
    assert d.evidence.rule == "documents.symbol_only"
    assert quote(text, d) == "số 12/QĐ-UBND"


def test_documents_symbol_only_needs_a_known_code() -> None:
    assert docs("Căn hộ số 12/3A đường Lê Lợi đã được bàn giao.") == []


# ----------------------------------------------------------------------------------------------- issuers


def test_documents_issuer_of_stops_at_verb() -> None:
    d = one("Sở đã trình Công văn số 123/BNV-TCBC của Bộ Nội vụ lên UBND tỉnh.")
    assert row(d) == ("123/BNV-TCBC", "Công văn", None, "Bộ Nội vụ", "Bộ Nội vụ")


def test_documents_issuer_subject() -> None:
    text = "UBND tỉnh Hà Nam vừa ban hành Quyết định số 1020/QĐ-UBND về việc thành lập Ban chỉ đạo."
    d = one(text)
    assert row(d) == ("1020/QĐ-UBND", "Quyết định", None, "Ủy ban nhân dân tỉnh Hà Nam", "Ủy ban nhân dân")
    assert d.issuer_evidence.rule == "documents.issuer_subject"
    assert quote(text, d, "issuer_evidence") == "UBND tỉnh Hà Nam"
    assert d.subject == "thành lập Ban chỉ đạo"


def test_documents_issuer_subject_office() -> None:
    d = one("Thủ tướng Chính phủ vừa ký Quyết định số 1020/QĐ-TTg phê duyệt quy hoạch tỉnh.")
    assert row(d) == ("1020/QĐ-TTg", "Quyết định", None, "Thủ tướng Chính phủ", "Thủ tướng Chính phủ")
    assert d.issuer_evidence.rule == "documents.issuer_subject"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Quyết định số 1020/QĐ-TTg do Thủ tướng ký ngày 3/5/2024.",
         ("1020/QĐ-TTg", "Quyết định", "2024-05-03", "Thủ tướng Chính phủ", "Thủ tướng Chính phủ")),
        ("Quyết định số 1020/QĐ-TTg do Thủ tướng Chính phủ Phạm Minh Tâm ký ngày 3/5/2024.",
         ("1020/QĐ-TTg", "Quyết định", "2024-05-03", "Thủ tướng Chính phủ", "Thủ tướng Chính phủ")),
        ("Quyết định số 1020/QĐ-UBND do Chủ tịch UBND tỉnh Hà Nam ký ngày 3/5/2024.",
         ("1020/QĐ-UBND", "Quyết định", "2024-05-03", "Chủ tịch Ủy ban nhân dân tỉnh Hà Nam", "Ủy ban nhân dân")),
        ("Quyết định số 1020/QĐ-UBND ngày 3/5/2024 do Phó Chủ tịch UBND tỉnh Hà Nam Trần Văn Long ký.",
         ("1020/QĐ-UBND", "Quyết định", "2024-05-03", "Phó Chủ tịch Ủy ban nhân dân tỉnh Hà Nam",
          "Ủy ban nhân dân")),
        ("Quyết định số 1020/QĐ-TTg do Phó Thủ tướng Trần Hồng Hà ký.",
         ("1020/QĐ-TTg", "Quyết định", None, "Phó Thủ tướng Chính phủ", "Thủ tướng Chính phủ")),
    ],
    ids=["thu-tuong", "thu-tuong-name", "chu-tich-ubnd", "pho-chu-tich-name", "pho-thu-tuong"],
)
def test_documents_issuer_by(text: str, expected: tuple) -> None:
    d = one(text)
    assert row(d) == expected
    assert d.issuer_evidence.rule == "documents.issuer_by"
    assert quote(text, d, "issuer_evidence").startswith("do ")


def test_documents_subject_stops_before_issuer_clause() -> None:
    d = one("Quyết định số 1020/QĐ-UBND về việc thành lập Ban chỉ đạo được Chủ tịch UBND tỉnh ký ban hành "
            "ngày 3/5/2024.")
    assert d.subject == "thành lập Ban chỉ đạo"
    assert d.date == "2024-05-03"


def test_documents_issuer_then() -> None:
    text = "Tại Văn bản số 5678/VPCP-KTTH ngày 14/8/2024, Thủ tướng Chính phủ đã đồng ý chủ trương đầu tư."
    d = one(text)
    assert row(d) == ("5678/VPCP-KTTH", "Văn bản", "2024-08-14", "Thủ tướng Chính phủ", "Văn phòng Chính phủ")
    assert d.issuer_evidence.rule == "documents.issuer_then"


def test_documents_issuer_apposed() -> None:
    d = one("Tỉnh ủy tổ chức quán triệt Nghị quyết 04 Bộ Chính trị về công tác cán bộ.")
    assert row(d) == ("04", "Nghị quyết", None, "Bộ Chính trị", None)
    assert d.issuer_evidence.rule == "documents.issuer_apposed"
    assert d.subject == "công tác cán bộ"


def test_documents_symbol_issuer_kind_distinct_from_stated_issuer() -> None:
    d = one("Tỉnh thực hiện Quyết định 35/QĐ-TTg của UBND tỉnh Hà Nam về điều chỉnh quy hoạch.")
    assert d.issuer.label == "Ủy ban nhân dân tỉnh Hà Nam"
    assert d.symbol_issuer_kind == "Thủ tướng Chính phủ"


def test_documents_no_issuer_when_not_stated() -> None:
    d = one("Theo Nghị định 145/2020/NĐ-CP, người lao động được nghỉ thêm một ngày.")
    assert d.issuer is None and d.issuer_evidence is None
    assert d.symbol_issuer_kind == "Chính phủ"  # inferred from the code, never given as the issuer


# ------------------------------------------------------------ lists, named laws, issuers in other positions


def test_documents_list_item_shares_type_and_issuer() -> None:
    found = docs("Bộ Chính trị đã ban hành các Kết luận số 141-KL/TW, 142-KL/TW và 143-KL/TW về công tác cán bộ.")
    assert [row(d)[:4] for d in found] == [
        ("141-KL/TW", "Kết luận", None, "Bộ Chính trị"), ("142-KL/TW", "Kết luận", None, "Bộ Chính trị"),
        ("143-KL/TW", "Kết luận", None, "Bộ Chính trị")]
    assert {d.evidence.rule for d in found} == {"documents.typed_number", "documents.list_item"}


def test_documents_issuer_shared_by_two_documents_of_one_subject() -> None:
    found = docs("Chính phủ đã ban hành Nghị quyết 151/NQ-CP và Nghị quyết 152/NQ-CP về phân cấp cho địa phương.")
    assert [(d.number, d.issuer.label if d.issuer else None) for d in found] == [
        ("151/NQ-CP", "Chính phủ"), ("152/NQ-CP", "Chính phủ")]


def test_documents_named_law() -> None:
    d = one("Luật Tổ chức chính quyền địa phương số 73/2025/QH15 có hiệu lực từ tháng 7.")
    assert row(d)[:2] == ("73/2025/QH15", "Luật")
    assert d.evidence.rule == "documents.named_law"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thủ tướng Chính phủ ngày 20/9/2025 đã ký Công điện số 171/CĐ-TTg về ứng phó bão.",
         ("171/CĐ-TTg", "Công điện", "2025-09-20", "Thủ tướng Chính phủ")),
        ("Thay mặt Bộ Chính trị, Tổng Bí thư Lê Văn Tâm đã ký ban hành Nghị quyết số 75-NQ/TW về giáo dục.",
         ("75-NQ/TW", "Nghị quyết", None, "Bộ Chính trị")),
        ("Quốc hội khóa XV đã thông qua Nghị quyết số 191/2025/QH15 về thí điểm chính sách.",
         ("191/2025/QH15", "Nghị quyết", None, "Quốc hội")),
        ("UBND tỉnh Lâm Đồng vừa có Quyết định số 1521/QĐ-UBND về kiện toàn ban chỉ đạo.",
         ("1521/QĐ-UBND", "Quyết định", None, "Ủy ban nhân dân tỉnh Lâm Đồng")),
        ("Các địa phương triển khai Chỉ thị 06/CT-TTg (ngày 2-3-2025) của Thủ tướng Chính phủ.",
         ("06/CT-TTg", "Chỉ thị", "2025-03-02", "Thủ tướng Chính phủ")),
        ("Quy định số 297-QĐ/TW của Ban Chấp hành Trung ương về công tác kiểm tra được quán triệt.",
         ("297-QĐ/TW", "Quy định", None, "Ban Chấp hành Trung ương Đảng")),
        ("Tỉnh quán triệt Nghị quyết 48-NQ/TW của Bộ Chính trị ngày 24-5-2005 về xây dựng pháp luật.",
         ("48-NQ/TW", "Nghị quyết", "2005-05-24", "Bộ Chính trị")),
        ("Sở đã nhận Công văn số 2101/UBND-KT đề ngày 16/6/2017 của UBND tỉnh Hà Nam.",
         ("2101/UBND-KT", "Công văn", "2017-06-16", "Ủy ban nhân dân tỉnh Hà Nam")),
    ],
    ids=["date-between-issuer-and-verb", "thay-mat", "khoa-after-issuer", "place-ending-in-dong",
         "date-in-brackets", "ve-after-trung-uong", "date-after-issuer", "de-ngay"],
)
def test_documents_issuer_and_date_positions(text: str, expected: tuple) -> None:
    assert row(one(text))[:4] == expected


def test_documents_symbol_only_second_code_of_a_type() -> None:
    assert row(one("Ông A được điều động theo số 471-QĐNS/TW của Bộ Chính trị."))[:2] == ("471-QĐNS/TW", "Quyết định")


# ------------------------------------------------------------------- a neighbouring sentence completes a document


def test_documents_date_and_issuer_from_the_next_sentence() -> None:
    text = ("Bộ Tài chính hướng dẫn các địa phương thực hiện Thông tư số 13/2025/TT-BTC về quản lý ngân sách. "
            "Thông tư được Bộ trưởng Bộ Tài chính ký ngày 6/3/2025 và có hiệu lực từ tháng 5.")
    d = one(text)
    assert row(d)[:4] == ("13/2025/TT-BTC", "Thông tư", "2025-03-06", "Bộ trưởng Bộ Tài chính")
    assert (d.date_evidence.rule, d.issuer_evidence.rule) == ("documents.date_next_sentence",
                                                              "documents.issuer_next_sentence")
    assert quote(text, d, "date_evidence") == "ký ngày 6/3/2025"


def test_documents_next_sentence_about_two_documents_is_left_alone() -> None:
    text = ("Tỉnh quán triệt Nghị quyết 66-NQ/TW và Nghị quyết 68-NQ/TW của Bộ Chính trị. "
            "Hai nghị quyết này lần lượt được ban hành ngày 30/4/2025 và 4/5/2025.")
    assert [d.date for d in docs(text)] == [None, None]


def test_documents_issuer_from_the_previous_sentence_subject() -> None:
    text = ("Ban Tổ chức Trung ương vừa có văn bản hướng dẫn về công tác nhân sự. "
            "Theo đó, Hướng dẫn số 32-HD/BTCTW yêu cầu các cấp ủy rà soát quy hoạch.")
    d = one(text)
    assert (d.number, d.issuer.label if d.issuer else None) == ("32-HD/BTCTW", "Ban Tổ chức Trung ương")
    assert d.issuer_evidence.rule == "documents.issuer_previous_sentence"
