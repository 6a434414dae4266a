"""Unit tests of the credit rules (kg/extract/credits.py) and the event rule (kg/extract/events.py).

Texts written for these tests in TTXVN / Nhân Dân / VnExpress style; names are invented. Where kg reads a
case wrong today the test is a single strict ``xfail`` saying what it reads instead.
"""

from __future__ import annotations

import pytest

from kg.corpus import Article
from kg.extract.facts import ArticleFacts
from kg.run.build import facts_of


def facts(text: str) -> ArticleFacts:
    return facts_of(Article(id="t", text=text))


def credits(text: str) -> list[tuple[str, str | None, str]]:
    return [(c.person, c.agency, c.kind) for c in facts(text).credits]


# ----------------------------------------------------------------------------------------- credits.photo


@pytest.mark.parametrize(
    ("text", "expected", "quote"),
    [
        ("Bí thư Tỉnh ủy Hà Nam Nguyễn Văn Hùng phát biểu tại hội nghị. Ảnh: Minh Hà - TTXVN",
         ("Minh Hà", "TTXVN", "photo"), "Ảnh: Minh Hà - TTXVN"),
        ("Thủ tướng Phạm Minh Tâm chủ trì phiên họp. Ảnh: VGP/Nhật Bắc",
         ("Nhật Bắc", "VGP", "photo"), "Ảnh: VGP/Nhật Bắc"),
        ("Các đại biểu dự hội nghị. (Ảnh: Minh Hà/TTXVN)",
         ("Minh Hà", "TTXVN", "photo"), "Ảnh: Minh Hà/TTXVN"),
        ("Quang cảnh phiên khai mạc.\nẢnh: Thanh Tùng\nKỳ họp kéo dài ba ngày.",
         ("Thanh Tùng", None, "photo"), "Ảnh: Thanh Tùng"),
        ("Đoàn công tác thăm nhà máy. Ảnh: Thành Cường. Sáng nay, hội nghị bế mạc.",
         ("Thành Cường", None, "photo"), "Ảnh: Thành Cường"),
        ("Lãnh đạo tỉnh tặng quà gia đình chính sách. Ảnh: Minh T.",
         ("Minh T.", None, "photo"), "Ảnh: Minh T."),
    ],
    ids=["person-dash-agency", "agency-slash-person", "parenthesized", "person-only", "sentence-full-stop",
         "initial-keeps-its-dot"],
)
def test_credits_photo(text: str, expected: tuple, quote: str) -> None:
    f = facts(text)
    photo = [c for c in f.credits if c.kind == "photo"]
    assert [(c.person, c.agency, c.kind) for c in photo] == [expected]
    assert photo[0].evidence.rule == "credits.photo"
    assert text[photo[0].evidence.start : photo[0].evidence.end] == quote


def test_credits_photo_agency_alone_is_not_a_credit() -> None:
    assert credits("Quang cảnh hội nghị. Ảnh: TTXVN") == []


def test_credits_photo_caption_name_is_not_a_post() -> None:
    f = facts("Thủ tướng Phạm Minh Tâm chủ trì phiên họp. Ảnh: VGP/Nhật Bắc")
    assert {p.person.name for p in f.posts} == {"Phạm Minh Tâm"}


# ---------------------------------------------------------------------------------------- credits.byline


@pytest.mark.parametrize(
    ("text", "expected", "quote"),
    [
        ("Bí thư Tỉnh ủy Hà Nam phát biểu tại hội nghị.\n\nTrần Minh", ("Trần Minh", None, "text"), "Trần Minh"),
        ("Tỉnh đã hoàn thành kế hoạch năm 2024.\n\nMinh Anh (TTXVN)", ("Minh Anh", "TTXVN", "text"),
         "Minh Anh (TTXVN)"),
        ("Tỉnh đã hoàn thành kế hoạch năm 2024.\n\nThanh Liêm - TTXVN\n", ("Thanh Liêm", "TTXVN", "text"),
         "Thanh Liêm - TTXVN"),
    ],
    ids=["name", "name-agency-paren", "name-dash-agency"],
)
def test_credits_byline(text: str, expected: tuple, quote: str) -> None:
    f = facts(text)
    assert [(c.person, c.agency, c.kind) for c in f.credits] == [expected]
    assert f.credits[0].evidence.rule == "credits.byline"
    assert text[f.credits[0].evidence.start : f.credits[0].evidence.end] == quote


@pytest.mark.parametrize(
    "text",
    [
        "Tỉnh đã hoàn thành kế hoạch năm 2024.\n\nTheo TTXVN",
        "Tỉnh đã hoàn thành kế hoạch năm 2024.\nTheo TTXVN",
        "Tỉnh đã hoàn thành kế hoạch năm 2024.\n\nNguồn: TTXVN",
        "Tỉnh đã hoàn thành kế hoạch năm 2024.",
        "Tỉnh đã hoàn thành kế hoạch năm 2024.\n\nCác địa phương cần chủ động triển khai",
    ],
    ids=["theo-ttxvn", "theo-ttxvn-one-break", "nguon", "no-byline", "lower-case-line"],
)
def test_credits_byline_without_person_is_not_a_credit(text: str) -> None:
    assert credits(text) == []


def test_credits_byline_theo_person_agency() -> None:
    assert credits("Tỉnh đã hoàn thành kế hoạch năm 2024.\n\nTheo Minh Anh/TTXVN") == [("Minh Anh", "TTXVN", "text")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bà con phấn khởi đón Tết.\n\nBài và ảnh: Minh Thu", [("Minh Thu", None, "photo")]),
        ("Quang cảnh phiên họp. Ảnh: TỰ TRUNG", [("Tự Trung", None, "photo")]),
        ("Quang cảnh phiên họp. Ảnh: Quang Cường/Báo Tuyên Quang", [("Quang Cường", "Báo Tuyên Quang", "photo")]),
        ("Tỉnh đã hoàn thành kế hoạch năm 2024.\n\nThu Hà – Văn Sơn",
         [("Thu Hà", None, "text"), ("Văn Sơn", None, "text")]),
    ],
    ids=["bai-va-anh", "all-caps-name", "local-paper", "two-bylines"],
)
def test_credits_other_styles(text: str, expected: list) -> None:
    assert credits(text) == expected


def test_credits_two_places_are_not_two_bylines() -> None:
    assert credits("Đoàn công tác làm việc tại hai địa phương.\n\nHà Nội – Cần Thơ") == []


# ------------------------------------------------------------------------------------------- events.named


def test_events_named_ordinal_and_term() -> None:
    text = ("Ngày 12/4/2025, tại thành phố Phủ Lý, Tỉnh ủy Hà Nam tổ chức Hội nghị Ban Chấp hành Đảng bộ tỉnh "
            "lần thứ 5, nhiệm kỳ 2025 - 2030.")
    (e,) = facts(text).events
    assert e.label == "Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 5, nhiệm kỳ 2025 - 2030"
    assert (e.ordinal, e.term, e.place, e.participants) == ("5", "2025-2030", "thành phố Phủ Lý", ())
    assert e.evidence.rule == "events.named"
    assert text[e.evidence.start : e.evidence.end] == e.label


def test_events_named_roman_ordinal() -> None:
    (e,) = facts("Đại hội Đảng bộ tỉnh Hà Nam lần thứ XXI, nhiệm kỳ 2025 - 2030 diễn ra trong ba ngày.").events
    assert (e.label, e.ordinal, e.term) == ("Đại hội Đảng bộ tỉnh Hà Nam lần thứ XXI, nhiệm kỳ 2025 - 2030",
                                            "XXI", "2025-2030")


def test_events_named_date_and_place() -> None:
    text = ("Chiều 12/4, tại Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 5 diễn ra ngày 12/4/2025 tại thành phố "
            "Phủ Lý, Phó Bí thư Tỉnh ủy Hà Nam Trần Thị Mai phát biểu.")
    (e,) = facts(text).events
    assert (e.label, e.ordinal, e.term, e.date, e.place) == (
        "Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 5", "5", None, "2025-04-12", "thành phố Phủ Lý")
    assert e.participants == (("Trần Thị Mai", "speaker"),)


@pytest.mark.parametrize(
    "opening",
    ["Ngày 12/4/2025", "Sáng 12/4/2025"],
    ids=["ngay-capitalized", "sang"],
)
def test_events_named_date_at_sentence_start(opening: str) -> None:
    (e,) = facts(f"{opening}, Tỉnh ủy Hà Nam tổ chức Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 5, "
                 "nhiệm kỳ 2025 - 2030.").events
    assert e.date == "2025-04-12"


def test_events_named_speaker() -> None:
    text = ("Phát biểu tại Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 5, nhiệm kỳ 2025 - 2030, Bí thư Tỉnh ủy "
            "Hà Nam Nguyễn Văn Hùng nhấn mạnh yêu cầu đổi mới phương thức lãnh đạo.")
    (e,) = facts(text).events
    assert e.label == "Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 5, nhiệm kỳ 2025 - 2030"
    assert e.participants == (("Nguyễn Văn Hùng", "speaker"),)


def test_events_named_chair() -> None:
    text = ("Bí thư Tỉnh ủy Hà Nam Nguyễn Văn Hùng chủ trì Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 5 "
            "tại thành phố Phủ Lý.")
    (e,) = facts(text).events
    assert (e.label, e.ordinal, e.place) == ("Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 5", "5", "thành phố Phủ Lý")
    assert e.participants == (("Nguyễn Văn Hùng", "chair"),)


def test_events_named_lower_case_head_is_not_an_event() -> None:
    assert facts("Bí thư Tỉnh ủy Hà Nam Nguyễn Văn Hùng chủ trì hội nghị.").events == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kỳ họp thứ 10, Quốc hội khóa XV khai mạc tại Nhà Quốc hội.", ("Kỳ họp thứ 10", "10", "Nhà Quốc hội")),
        ("Hội nghị lần thứ 13 Ban Chấp hành Trung ương Đảng khóa XIII bế mạc.",
         ("Hội nghị lần thứ 13 Ban Chấp hành Trung ương Đảng khóa XIII", "13", None)),
    ],
    ids=["ky-hop-thu-N-and-place", "ordinal-inside-the-name"],
)
def test_events_named_ordinal_in_the_name(text: str, expected: tuple) -> None:
    (e,) = facts(text).events
    assert (e.label, e.ordinal, e.place) == expected


def test_events_named_date_is_the_start_of_a_range_not_a_documents_date() -> None:
    text = ("Thực hiện Chỉ thị số 46-CT/TW ngày 14/4/2025 của Bộ Chính trị, từ ngày 6 đến ngày 8/10/2025, "
            "Đại hội đại biểu Đảng bộ tỉnh Hà Nam lần thứ XXI diễn ra tại thành phố Phủ Lý.")
    (e,) = facts(text).events
    assert (e.date, e.ordinal) == ("2025-10-06", "XXI")


@pytest.mark.parametrize(
    "text",
    ["Đại hội được tổ chức theo đúng kế hoạch của Ban Thường vụ.",
     "Các đại biểu tham quan Trung tâm Hội nghị Quốc gia trước giờ khai mạc."],
    ids=["verb-after-head", "venue-name"],
)
def test_events_named_not_events(text: str) -> None:
    assert facts(text).events == []


def test_events_chair_named_in_a_later_sentence() -> None:
    text = ("Sáng 6/10/2025, Đại hội đại biểu Đảng bộ tỉnh Hà Nam lần thứ XXI khai mạc. Bí thư Tỉnh ủy Hà Nam "
            "Nguyễn Văn Hùng chủ trì Đại hội.")
    (e,) = facts(text).events
    assert e.participants == (("Nguyễn Văn Hùng", "chair"),)


def test_a_speaker_named_short_is_the_person_named_in_full_earlier() -> None:
    """"Bí thư Tỉnh ủy … Nguyễn Văn Sơn … Bí thư Văn Sơn phát biểu": one person, and spokeAt hangs on that node."""
    from rdflib import RDF, URIRef

    from kg.publish.rdf import build_graph

    text = ("Bí thư Tỉnh ủy Nam Định Nguyễn Văn Sơn dự Hội nghị tổng kết công tác năm 2024 của tỉnh. "
            "Tại Hội nghị tổng kết công tác năm 2024, Bí thư Văn Sơn phát biểu chỉ đạo.")
    facts = facts_of(Article(id="t", text=text))
    assert {p for e in facts.events for p in e.participants} == {("Nguyễn Văn Sơn", "speaker")}
    g = build_graph([facts])
    kg, schema = "https://w3id.org/kg-vn/ns#", "https://schema.org/"
    speakers = set(g.subjects(URIRef(kg + "spokeAt"), None))
    assert len(speakers) == 1
    (speaker,) = speakers
    assert (speaker, RDF.type, URIRef(schema + "Person")) in g
    assert [str(n) for n in g.objects(speaker, URIRef(schema + "name"))] == ["Nguyễn Văn Sơn"]
