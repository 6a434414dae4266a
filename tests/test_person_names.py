"""No person name is a sentence fragment, an outlet, a club or a brand (issue 10 point 1, in part).

Sentences written for these tests in the style of Vietnamese news captions and bylines: a credit run into the
next sentence ("Ảnh: Sina. Một …"), a byline naming an outlet ("Theo Trí Thức Trẻ"), a foreign name glued to the
next sentence's first word ("Barack Obama Chính"), a club after a title ("HLV Bayern Munich"), a family name read
as a place ("Bí thư Thành ủy Đinh La Thăng"). The words are data: kg:SentenceOpener (ontology/language.ttl),
kg:NewsAgency (agencies.ttl), kg:Brand and kg:SportsClub (brands.ttl).
"""

from __future__ import annotations

import pytest

from kg.corpus import Article
from kg.extract.facts import ArticleFacts
from kg.run.build import facts_of

LEAD = "Tin trong ngày\n\nNgười dân phấn khởi đón năm mới. "


def facts(body: str) -> ArticleFacts:
    return facts_of(Article(id="t", text=LEAD + body))


def credits(body: str) -> list[tuple[str, str | None]]:
    return [(c.person, c.agency) for c in facts(body).credits]


def holders(body: str) -> list[tuple[str, str]]:
    return [(p.person.name, p.title) for p in facts(body).posts]


@pytest.mark.parametrize(("body", "expected"), [
    ("Ảnh: Sina. Một người dân đi qua cây cầu mới xây.", []),  # an outlet, then the next sentence
    ("Ảnh: Internet Theo báo cáo, số khách tăng mạnh.", []),  # no dot: "Theo" opens the next sentence
    ("Ảnh: Google Maps", []),  # a brand, no photographer
    ("Ảnh: Nguồn Internet", []),  # a source word and a brand
    ("Ảnh: Quochoi.vn Chủ tịch Quốc hội phát biểu khai mạc.", []),  # a web address, then the next sentence
    ("Ảnh: Minh Khang. Một người dân đi qua cây cầu mới xây.", [("Minh Khang", None)]),
    ("Ảnh: T.Q.Huy. Người dân đi lễ chùa đầu năm.", [("T.Q.Huy", None)]),
    ("Ảnh: K.T.", [("K.T.", None)]),  # initials keep their dot
    ("Ảnh: Nhan Sáng/TTXVN", [("Nhan Sáng", "TTXVN")]),  # a time word ("Sáng") may be a name syllable
    ("Ảnh: P.V Trung Đông là thị trường lớn của lao động.", []),  # "P.V": the paper's reporter, no name
    ("Ảnh: PV", []),
    ("Ảnh: PV/VOV-Bắc Kinh", []),  # the radio's reporter in Beijing: no person "Bắc Kinh"
    ("Ảnh: M.T. Minh Lê (20 tuổi, sinh viên) cho biết.", [("M.T.", None)]),  # initials, then the next sentence
    ("Ảnh: T.Q. Huy Người dân đi lễ chùa đầu năm.", [("T.Q. Huy", None)]),  # initials and one syllable: a name
    ("Ảnh: ThS Lê Hà", [("Lê Hà", None)]),  # a degree is no name syllable
])
def test_photo_credit_is_a_person_only_when_its_words_are_a_name(body: str, expected: list) -> None:
    assert credits(body) == expected


@pytest.mark.parametrize(("body", "expected"), [
    ("Lễ hội kết thúc vào cuối tuần. Theo Trí Thức Trẻ", []),  # "Theo" + an outlet: no author
    ("Lễ hội kết thúc vào cuối tuần. Theo Thời Đại", []),
    ("Lễ hội kết thúc vào cuối tuần. Hồng Nhung, Theo Thời Đại", [("Hồng Nhung", None)]),
    ("Lễ hội kết thúc vào cuối tuần. Theo Mai Lan/Dân trí", [("Mai Lan", "Dân trí")]),  # the author, the outlet
])
def test_byline_after_theo_names_an_outlet_not_a_person(body: str, expected: list) -> None:
    assert credits(body) == expected


@pytest.mark.parametrize(("body", "expected"), [
    ("Sản phụ đã được xuất viện an toàn. Bs Hoàng Lan", [("Hoàng Lan", None)]),  # the doctor who wrote it
    ("Mưa lớn gây ngập nhiều tuyến đường. Ảnh: M.Q HOÀNG QUÂN", [("M.Q", None), ("Hoàng Quân", None)]),
])  # the second: the photo's initials, then the byline (not "Q Hoàng Quân": that dot is an initial's)
def test_closing_byline_is_the_name_alone(body: str, expected: list) -> None:
    assert credits(body) == expected


def test_foreign_name_glued_to_the_next_sentence_word_ends_before_it() -> None:
    body = "Bài học từ Tổng thống Barack Obama Chính Tổng thống Obama cũng từng đối mặt với Quốc hội."
    assert holders(body) == [("Barack Obama", "Tổng thống")]


def test_foreign_name_run_into_thậm_chí_ends_before_it() -> None:
    body = "Ông cảm ơn Tổng thống Mỹ Donald Trump Thậm chí nhiều người không đồng ý."
    assert [name for name, _ in holders(body)] == ["Donald Trump"]


@pytest.mark.parametrize("body", [
    "HLV Bayern Munich - Carlo Ancelotti muốn chiêu mộ tiền đạo này.",
    "Giám đốc điều hành Disney Bob Iger cho biết doanh thu tăng.",
])
def test_club_or_brand_is_never_a_person(body: str) -> None:
    assert not any(name.startswith(("Bayern", "Disney")) for name, _ in holders(body))


def test_name_ends_before_a_club_or_outlet_run_into_it() -> None:
    assert holders("HLV Arsene Wenger Arsenal cho biết đội bóng sẽ mua thêm cầu thủ.") == [
        ("Arsene Wenger", "Huấn luyện viên")]


def test_sentence_opener_is_no_first_syllable_of_a_name() -> None:
    assert not any(name.startswith("Khi") for name, _ in holders(
        "Khi Perez đến sân, Chủ tịch Florentino Perez nói với các phóng viên."))


def test_family_name_after_thành_ủy_opens_the_name_not_a_place() -> None:
    body = "Ủy viên Bộ Chính trị, Bí thư Thành ủy Đinh La Thăng đã chấp thuận chủ trương này."
    posts = facts(body).posts
    assert {p.person.name for p in posts} == {"Đinh La Thăng"}
    assert {p.org.label for p in posts if p.org} == {"Bộ Chính trị", "Thành ủy"}


def test_known_one_syllable_place_still_ends_the_organization() -> None:
    assert holders("Bí thư Thành ủy Huế Lê Trường Lưu phát biểu tại hội nghị.") == [
        ("Lê Trường Lưu", "Bí thư Thành ủy Huế")]


def test_family_name_after_a_level_word_opens_the_name() -> None:
    assert holders("Phó Chủ tịch UBND tỉnh Vũ Văn Diện phát biểu tại hội nghị.") == [
        ("Vũ Văn Diện", "Phó Chủ tịch Ủy ban nhân dân tỉnh")]
