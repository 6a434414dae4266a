"""Unit tests of the people rules (kg/extract/people.py) and the in-article person resolution (kg/resolve.py).

Every sentence here was written for these tests in TTXVN / Nhân Dân / VnExpress style; names are invented.
Expected values are what a careful reader takes from the sentence; where kg reads it wrong today the test
is a single strict ``xfail`` saying what is extracted instead.
"""

from __future__ import annotations

import unicodedata

import pytest
from rdflib import Namespace

from kg.corpus import Article
from kg.extract.facts import ArticleFacts
from kg.publish.iris import IRIs
from kg.publish.rdf import build_graph
from kg.run.build import facts_of

ORG = Namespace("http://www.w3.org/ns/org#")
KG = Namespace("https://w3id.org/kg-vn/ns#")


def facts(text: str, aid: str = "t") -> ArticleFacts:
    return facts_of(Article(id=aid, text=text))


def posts(text: str) -> set[tuple[str, str, str | None, bool]]:
    """(person, role, organization, former) of every post read from ``text``."""
    return {(p.person.name, p.role, p.org.label if p.org else None, p.former) for p in facts(text).posts}


def rules(text: str) -> set[str]:
    return {p.evidence.rule for p in facts(text).posts}


# ------------------------------------------------------------------------------ people.chain_before_name


def test_people_chain_before_name_three_central_titles() -> None:
    text = ("Ủy viên Bộ Chính trị, Bí thư Trung ương Đảng, Trưởng Ban Tổ chức Trung ương Nguyễn Văn Hùng "
            "đã chủ trì cuộc họp.")
    f = facts(text)
    assert {(p.person.name, p.role, p.org.label if p.org else None, p.former) for p in f.posts} == {
        ("Nguyễn Văn Hùng", "Ủy viên", "Bộ Chính trị", False),
        ("Nguyễn Văn Hùng", "Bí thư", "Ban Bí thư Trung ương Đảng", False),
        ("Nguyễn Văn Hùng", "Trưởng ban", "Ban Tổ chức Trung ương", False),
    }
    assert {p.evidence.rule for p in f.posts} == {"people.chain_before_name"}
    quote = "Ủy viên Bộ Chính trị, Bí thư Trung ương Đảng, Trưởng Ban Tổ chức Trung ương Nguyễn Văn Hùng"
    assert {text[p.evidence.start : p.evidence.end] for p in f.posts} == {quote}
    assert [p.name for p in f.persons] == ["Nguyễn Văn Hùng"]


def test_people_chain_before_name_two_titles_deputy_pm_and_minister() -> None:
    assert posts("Phó Thủ tướng, Bộ trưởng Bộ Tài chính Hồ Đức Phúc ký quyết định phân bổ vốn.") == {
        ("Hồ Đức Phúc", "Phó Thủ tướng", "Chính phủ", False),
        ("Hồ Đức Phúc", "Bộ trưởng", "Bộ Tài chính", False),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Phó Bí thư Thành ủy, Chủ tịch UBND TP. Đà Nẵng Trần Văn Nam phát biểu tại hội nghị.",
         {("Trần Văn Nam", "Phó Bí thư", "Thành ủy Đà Nẵng", False),
          ("Trần Văn Nam", "Chủ tịch", "Ủy ban nhân dân thành phố Đà Nẵng", False)}),
        ("Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Nghệ An Lê Hồng Vinh cho biết tỉnh đã giải ngân hết vốn.",
         {("Lê Hồng Vinh", "Phó Bí thư", "Tỉnh ủy Nghệ An", False),
          ("Lê Hồng Vinh", "Chủ tịch", "Ủy ban nhân dân tỉnh Nghệ An", False)}),
        ("Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Lào Cai Đặng Xuân Phúc chủ trì kỳ họp.",
         {("Đặng Xuân Phúc", "Bí thư", "Tỉnh ủy Lào Cai", False),
          ("Đặng Xuân Phúc", "Chủ tịch", "Hội đồng nhân dân tỉnh Lào Cai", False)}),
        ("Phó Bí thư Thành ủy, Chủ tịch UBND thành phố Hải Phòng Nguyễn Văn Tùng phát biểu.",
         {("Nguyễn Văn Tùng", "Phó Bí thư", "Thành ủy Hải Phòng", False),
          ("Nguyễn Văn Tùng", "Chủ tịch", "Ủy ban nhân dân thành phố Hải Phòng", False)}),
    ],
    ids=["thanh-uy-tp-da-nang", "tinh-uy-nghe-an", "tinh-uy-hdnd-lao-cai", "thanh-uy-thanh-pho-hai-phong"],
)
def test_people_chain_before_name_elided_org_completed(text: str, expected: set) -> None:
    assert posts(text) == expected


def test_people_chain_before_name_elided_thanh_uy_completed_from_tp_hcm() -> None:
    direct = posts("Bí thư Thành ủy TP.HCM Nguyễn Văn Lực phát biểu.")
    (_, _, direct_org, _), = direct
    chain = posts("Phó Bí thư Thường trực Thành ủy, Chủ tịch HĐND TP.HCM Nguyễn Văn Lực phát biểu.")
    assert ("Nguyễn Văn Lực", "Phó Bí thư Thường trực", direct_org, False) in chain
    assert "Hồ Chí Minh" in direct_org


def test_people_chain_before_name_elided_tinh_uy_completed_from_later_tinh_uy() -> None:
    assert posts("Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Tuyên giáo Tỉnh ủy Hà Nam Trần Văn Tâm dự họp.") == {
        ("Trần Văn Tâm", "Ủy viên Ban Thường vụ", "Tỉnh ủy Hà Nam", False),
        ("Trần Văn Tâm", "Trưởng ban", "Ban Tuyên giáo Tỉnh ủy Hà Nam", False),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chủ tịch HĐND tỉnh Thanh Hóa Đỗ Trọng Hải dự họp.",
         {("Đỗ Trọng Hải", "Chủ tịch", "Hội đồng nhân dân tỉnh Thanh Hóa", False)}),
        ("Chủ tịch UBND TP.HCM Nguyễn Văn Lực phát biểu.",
         {("Nguyễn Văn Lực", "Chủ tịch", "Ủy ban nhân dân thành phố Hồ Chí Minh", False)}),
        ("Chủ tịch Ủy ban Trung ương MTTQ Việt Nam Đỗ Văn Chính phát biểu khai mạc.",
         {("Đỗ Văn Chính", "Chủ tịch", "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", False)}),
        ("Chủ tịch UBMTTQ Việt Nam tỉnh Hà Nam Trần Thị Mai phát biểu.",
         {("Trần Thị Mai", "Chủ tịch", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Hà Nam", False)}),
        ("Ủy viên BCH Trung ương Đảng, Bí thư Tỉnh ủy Quảng Ninh Nguyễn Xuân Kiên dự lễ.",
         {("Nguyễn Xuân Kiên", "Ủy viên", "Ban Chấp hành Trung ương Đảng", False),
          ("Nguyễn Xuân Kiên", "Bí thư", "Tỉnh ủy Quảng Ninh", False)}),
        ("Trưởng Ban Tổ chức TƯ Lê Minh Hoàng dự họp.",
         {("Lê Minh Hoàng", "Trưởng ban", "Ban Tổ chức Trung ương", False)}),
        ("ĐBQH Nguyễn Thị Lan phát biểu tại phiên thảo luận.",
         {("Nguyễn Thị Lan", "Đại biểu", "Quốc hội", False)}),
        ("Bộ trưởng Bộ TN&MT Đỗ Đức Dũng kiểm tra công trình.",
         {("Đỗ Đức Dũng", "Bộ trưởng", "Bộ Tài nguyên và Môi trường", False)}),
        ("Bộ trưởng Bộ LĐ-TB&XH Đào Ngọc Dương phát biểu.",
         {("Đào Ngọc Dương", "Bộ trưởng", "Bộ Lao động - Thương binh và Xã hội", False)}),
    ],
    ids=["hdnd", "ubnd-tp-hcm", "mttq", "ubmttq", "bch-tw", "tu", "dbqh", "tn-mt", "ld-tb-xh"],
)
def test_people_chain_before_name_abbreviations_expanded(text: str, expected: set) -> None:
    assert posts(text) == expected


@pytest.mark.parametrize("tw", ["TW", "TƯ"], ids=["TW", "TU"])
def test_people_chain_before_name_abbreviated_tw_member(tw: str) -> None:
    assert posts(f"Ủy viên {tw} Đảng, Bí thư Tỉnh ủy Bắc Ninh Nguyễn Anh Tú dự lễ.") == {
        ("Nguyễn Anh Tú", "Ủy viên", "Ban Chấp hành Trung ương Đảng", False),
        ("Nguyễn Anh Tú", "Bí thư", "Tỉnh ủy Bắc Ninh", False),
    }


@pytest.mark.parametrize(
    ("text", "expected", "source"),
    [
        ("Thủ tướng Phạm Minh Tâm chủ trì phiên họp Chính phủ thường kỳ.",
         ("Phạm Minh Tâm", "Thủ tướng", "Chính phủ", False), "implied"),
        ("Tổng Bí thư Tô Văn Lâm phát biểu chỉ đạo hội nghị.",
         ("Tô Văn Lâm", "Tổng Bí thư", "Ban Chấp hành Trung ương Đảng", False), "implied"),
        ("Chủ tịch nước Lương Văn Quân tiếp đoàn đại biểu người có công.",
         ("Lương Văn Quân", "Chủ tịch nước", "Nhà nước", False), "text"),
        ("Ủy viên Trung ương Đảng Hoàng Văn Thắng dự họp.",
         ("Hoàng Văn Thắng", "Ủy viên", "Ban Chấp hành Trung ương Đảng", False), "text"),
    ],
    ids=["thu-tuong", "tong-bi-thu", "chu-tich-nuoc", "uy-vien-tw"],
)
def test_people_chain_before_name_implicit_bodies(text: str, expected: tuple, source: str) -> None:
    (post,) = facts(text).posts
    assert (post.person.name, post.role, post.org.label if post.org else None, post.former) == expected
    assert post.org_source == source
    assert post.evidence.rule == "people.chain_before_name"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tổng thống Pháp Emmanuel Macron thăm chính thức Việt Nam.",
         {("Emmanuel Macron", "Tổng thống", "Pháp", False)}),
        ("Thủ tướng Nhật Bản Ishiba Shigeru hội đàm với lãnh đạo Việt Nam.",
         {("Ishiba Shigeru", "Thủ tướng", "Nhật Bản", False)}),
        ("Tiếp Tổng thống Pháp Emmanuel Macron, Chủ tịch nước Lương Văn Quân khẳng định quan hệ tốt đẹp.",
         {("Emmanuel Macron", "Tổng thống", "Pháp", False),
          ("Lương Văn Quân", "Chủ tịch nước", "Nhà nước", False)}),
    ],
    ids=["phap", "nhat-ban", "with-vietnamese-host"],
)
def test_people_chain_before_name_foreign_officials(text: str, expected: set) -> None:
    assert posts(text) == expected


def test_people_chain_before_name_foreign_short_mention_adds_nothing() -> None:
    text = ("Thủ tướng Nhật Bản Ishiba Shigeru hội đàm với Thủ tướng Phạm Minh Tâm. "
            "Thủ tướng Ishiba Shigeru nhấn mạnh hợp tác kinh tế.")
    assert posts(text) == {
        ("Ishiba Shigeru", "Thủ tướng", "Nhật Bản", False),
        ("Phạm Minh Tâm", "Thủ tướng", "Chính phủ", False),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nguyên Bộ trưởng Bộ Công Thương Vũ Văn Hải đã bị khởi tố.",
         {("Vũ Văn Hải", "Bộ trưởng", "Bộ Công Thương", True)}),
        ("Cựu Chủ tịch UBND tỉnh Bình Thuận Lê Văn Tiến bị bắt tạm giam.",
         {("Lê Văn Tiến", "Chủ tịch", "Ủy ban nhân dân tỉnh Bình Thuận", True)}),
        ("Tham dự có nguyên Ủy viên Bộ Chính trị, nguyên Phó Thủ tướng Trương Văn Hòa.",
         {("Trương Văn Hòa", "Ủy viên", "Bộ Chính trị", True),
          ("Trương Văn Hòa", "Phó Thủ tướng", "Chính phủ", True)}),
    ],
    ids=["nguyen", "cuu", "nguyen-chain"],
)
def test_people_chain_before_name_former_posts(text: str, expected: set) -> None:
    assert posts(text) == expected


def test_people_former_posts_are_not_held_in_graph() -> None:
    text = ("Nguyên Bộ trưởng Bộ Công Thương Vũ Văn Hải đã bị khởi tố. "
            "Bộ trưởng Bộ Y tế Trần Thị Mai dự buổi làm việc.")
    g = build_graph([facts(text, "former")])
    iris = IRIs()
    hai = iris.person("Vũ Văn Hải")
    mai = iris.person("Trần Thị Mai")
    held = {(str(s), str(o)) for s, o in g.subject_objects(ORG.holds)}
    formerly = {(str(s), str(o)) for s, o in g.subject_objects(KG.heldFormerly)}
    assert held == {(mai, iris.post("Bộ trưởng", "Bộ Y tế"))}
    assert formerly == {(hai, iris.post("Bộ trưởng", "Bộ Công Thương"))}


def test_people_foreign_leader_without_a_country_does_not_share_the_vietnamese_post() -> None:
    """"Thủ tướng Shinzo Abe": the implied "Chính phủ" is kept as the label, but not as Việt Nam's node."""
    g = build_graph([facts("Thủ tướng Shinzo Abe hội đàm với Thủ tướng Nguyễn Văn Tâm.", "pm")])
    iris = IRIs()
    held = {(str(s), str(o)) for s, o in g.subject_objects(ORG.holds)}
    assert held == {(iris.person("Nguyễn Văn Tâm"), iris.post("Thủ tướng", "Chính phủ")),
                    (iris.person("Shinzo Abe"), iris.post("Thủ tướng", "Chính phủ", scope="pm"))}
    assert posts("Thủ tướng Shinzo Abe hội đàm.") == {("Shinzo Abe", "Thủ tướng", "Chính phủ", False)}


@pytest.mark.parametrize(
    "text",
    [
        "Đại tướng Phan Văn Giang phát biểu tại buổi lễ.",
        "Thượng tướng Lê Quốc Hưng thăm các đơn vị.",
        "GS.TS Nguyễn Văn Minh trình bày tham luận.",
        "Ông Nguyễn Văn Hùng và bà Trần Thị Mai đến dự.",
        "Đồng chí Nguyễn Văn Hùng trao quà cho các gia đình chính sách.",
    ],
    ids=["dai-tuong", "thuong-tuong", "gs-ts", "ong-ba", "dong-chi"],
)
def test_people_chain_before_name_honorifics_ranks_degrees_are_not_posts(text: str) -> None:
    assert facts(text).posts == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bộ trưởng Bộ Quốc phòng Đại tướng Phan Văn Giang phát biểu.",
         {("Phan Văn Giang", "Bộ trưởng", "Bộ Quốc phòng", False)}),
        ("Thứ trưởng Bộ Công an Thượng tướng Lê Quốc Hưng dự lễ.",
         {("Lê Quốc Hưng", "Thứ trưởng", "Bộ Công an", False)}),
    ],
    ids=["dai-tuong", "thuong-tuong"],
)
def test_people_chain_before_name_rank_between_title_and_name(text: str, expected: set) -> None:
    assert posts(text) == expected


def test_people_chain_before_name_degree_between_title_and_name() -> None:
    assert posts("Giám đốc Bệnh viện Bạch Mai GS.TS Đào Xuân Cường cho biết.") == {
        ("Đào Xuân Cường", "Giám đốc", "Bệnh viện Bạch Mai", False),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Theo chủ tịch UBND tỉnh Hà Nam Nguyễn Văn Anh, tỉnh đã hoàn thành kế hoạch.",
         {("Nguyễn Văn Anh", "Chủ tịch", "Ủy ban nhân dân tỉnh Hà Nam", False)}),
        ("Theo phó chủ tịch HĐND tỉnh Nghệ An Nguyễn Văn Hùng, kỳ họp sẽ xem xét 20 nghị quyết.",
         {("Nguyễn Văn Hùng", "Phó Chủ tịch", "Hội đồng nhân dân tỉnh Nghệ An", False)}),
    ],
    ids=["chu-tich", "pho-chu-tich"],
)
def test_people_chain_before_name_lower_case_titles(text: str, expected: set) -> None:
    assert posts(text) == expected


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Phó Bí thư Thành uỷ, Chủ tịch UBND TP. Đà Nẵng Trần Văn Nam phát biểu.",
         "Phó Bí thư Thành ủy, Chủ tịch UBND TP. Đà Nẵng Trần Văn Nam phát biểu."),
        ("Bí thư Tỉnh uỷ Khánh Hoà Nguyễn Hải Ninh phát biểu.",
         "Bí thư Tỉnh ủy Khánh Hòa Nguyễn Hải Ninh phát biểu."),
        ("Chủ tịch Uỷ ban nhân dân tỉnh Thanh Hoá Đỗ Minh Tuấn phát biểu.",
         "Chủ tịch Ủy ban nhân dân tỉnh Thanh Hóa Đỗ Minh Tuấn phát biểu."),
    ],
    ids=["thanh-uy", "khanh-hoa", "thanh-hoa"],
)
def test_people_chain_before_name_old_tone_marks_same_facts(old: str, new: str) -> None:
    assert posts(old) == posts(new)
    assert posts(new)  # and the facts are there at all


def test_people_chain_before_name_khanh_hoa_label_in_new_style() -> None:
    assert posts("Bí thư Tỉnh uỷ Khánh Hoà Nguyễn Hải Ninh phát biểu.") == {
        ("Nguyễn Hải Ninh", "Bí thư", "Tỉnh ủy Khánh Hòa", False),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bộ trưởng Bộ GTVT Trần Hồng Minh kiểm tra dự án cao tốc.",
         {("Trần Hồng Minh", "Bộ trưởng", "Bộ Giao thông vận tải", False)}),
        ("Bộ trưởng Ngoại giao Lê Hoài Trung tiếp Đại sứ Australia.",
         {("Lê Hoài Trung", "Bộ trưởng", "Bộ Ngoại giao", False)}),
        ("Bộ trưởng Bộ KH&ĐT Nguyễn Chí Dũng trình bày báo cáo.",
         {("Nguyễn Chí Dũng", "Bộ trưởng", "Bộ Kế hoạch và Đầu tư", False)}),
    ],
    ids=["bo-gtvt", "ngoai-giao", "kh-dt"],
)
def test_people_chain_before_name_ministry_short_forms(text: str, expected: set) -> None:
    assert posts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bí thư Tỉnh ủy Nam Định Đặng Khánh Toàn và Chủ tịch UBND tỉnh Nam Định Phạm Đình Nghĩa cùng dự lễ.",
         {("Đặng Khánh Toàn", "Bí thư", "Tỉnh ủy Nam Định", False),
          ("Phạm Đình Nghĩa", "Chủ tịch", "Ủy ban nhân dân tỉnh Nam Định", False)}),
        ("Phó Thủ tướng Trần Hồng Hà và Bộ trưởng Bộ Y tế Trần Thị Mai dự lễ khởi công.",
         {("Trần Hồng Hà", "Phó Thủ tướng", "Chính phủ", False),
          ("Trần Thị Mai", "Bộ trưởng", "Bộ Y tế", False)}),
    ],
    ids=["tinh", "trung-uong"],
)
def test_people_chain_before_name_two_people_in_one_sentence(text: str, expected: set) -> None:
    f = facts(text)
    assert {(p.person.name, p.role, p.org.label if p.org else None, p.former) for p in f.posts} == expected
    assert len(f.persons) == 2


@pytest.mark.parametrize(
    "text",
    [
        "Tại Hà Nội, Thủ tướng Phạm Minh Tâm đã tiếp Đại sứ Hàn Quốc.",
        "Chiều 5/3, tại Thanh Hóa, Phó Thủ tướng Trần Hồng Hà kiểm tra dự án.",
        "Làm việc với Thủ tướng, Hà Nội cam kết hoàn thành tiến độ.",
    ],
    ids=["tai-ha-noi", "tai-thanh-hoa", "title-comma-place"],
)
def test_people_place_before_comma_is_not_a_person(text: str) -> None:
    names = {p.person.name for p in facts(text).posts}
    assert not names & {"Hà Nội", "Thanh Hóa"}
    assert names <= {"Phạm Minh Tâm", "Trần Hồng Hà"}


def test_people_place_before_comma_keeps_the_real_post() -> None:
    assert posts("Tại Hà Nội, Thủ tướng Phạm Minh Tâm đã tiếp Đại sứ Hàn Quốc.") == {
        ("Phạm Minh Tâm", "Thủ tướng", "Chính phủ", False),
    }


# ------------------------------------------------------------------------------------ people.apposition


@pytest.mark.parametrize(
    ("text", "expected", "quote"),
    [
        ("Ông Phạm Văn Đức, Giám đốc Sở Tài chính tỉnh Hà Tĩnh, cho biết năm nay thu ngân sách tăng.",
         {("Phạm Văn Đức", "Giám đốc", "Sở Tài chính tỉnh Hà Tĩnh", False)},
         "Phạm Văn Đức, Giám đốc Sở Tài chính tỉnh Hà Tĩnh"),
        ("Bà Lê Thị Thu - Phó Chủ tịch UBND huyện Kim Bảng cho biết huyện đã hỗ trợ 300 hộ dân.",
         {("Lê Thị Thu", "Phó Chủ tịch", "Ủy ban nhân dân huyện Kim Bảng", False)},
         "Lê Thị Thu - Phó Chủ tịch UBND huyện Kim Bảng"),
        ("Đồng chí Nguyễn Thị Hạnh, Phó Bí thư Tỉnh ủy Lâm Đồng, trao quyết định cho cán bộ.",
         {("Nguyễn Thị Hạnh", "Phó Bí thư", "Tỉnh ủy Lâm Đồng", False)},
         "Nguyễn Thị Hạnh, Phó Bí thư Tỉnh ủy Lâm Đồng"),
        ("Đại tướng Phan Văn Giang, Bộ trưởng Bộ Quốc phòng, phát biểu tại buổi lễ.",
         {("Phan Văn Giang", "Bộ trưởng", "Bộ Quốc phòng", False)},
         "Phan Văn Giang, Bộ trưởng Bộ Quốc phòng"),
        ("GS.TS Nguyễn Văn Minh, Giám đốc Đại học Quốc gia Hà Nội, phát biểu khai mạc.",
         {("Nguyễn Văn Minh", "Giám đốc", "Đại học Quốc gia Hà Nội", False)},
         "Nguyễn Văn Minh, Giám đốc Đại học Quốc gia Hà Nội"),
        ("Nguyễn Văn Hùng - Bộ trưởng Bộ Xây dựng cho biết tiến độ đã được đẩy nhanh.",
         {("Nguyễn Văn Hùng", "Bộ trưởng", "Bộ Xây dựng", False)},
         "Nguyễn Văn Hùng - Bộ trưởng Bộ Xây dựng"),
        ("Đồng chí Nguyễn Văn Hùng, Phó Bí thư Huyện ủy Thanh Liêm, phát biểu.",
         {("Nguyễn Văn Hùng", "Phó Bí thư", "Huyện ủy Thanh Liêm", False)},
         "Nguyễn Văn Hùng, Phó Bí thư Huyện ủy Thanh Liêm"),
    ],
    ids=["ong-giam-doc-so", "ba-dash-huyen", "dong-chi", "dai-tuong", "gs-ts", "bare-name-dash", "huyen-uy"],
)
def test_people_apposition(text: str, expected: set, quote: str) -> None:
    f = facts(text)
    assert {(p.person.name, p.role, p.org.label if p.org else None, p.former) for p in f.posts} == expected
    assert {p.evidence.rule for p in f.posts} == {"people.apposition"}
    assert {text[p.evidence.start : p.evidence.end] for p in f.posts} == {quote}


def test_people_apposition_huyen_uy_place_starting_with_family_name() -> None:
    assert posts("Ông Nguyễn Văn Hùng, Bí thư Huyện ủy Kim Bảng, cho biết huyện đã về đích nông thôn mới.") == {
        ("Nguyễn Văn Hùng", "Bí thư", "Huyện ủy Kim Bảng", False),
    }


# -------------------------------------------------------------------------------- people.chain_comma_name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Quyết định do Phó Chủ tịch UBND tỉnh Hà Nam, Trần Xuân Dũng ký ban hành.",
         {("Trần Xuân Dũng", "Phó Chủ tịch", "Ủy ban nhân dân tỉnh Hà Nam", False)}),
        ("Giám đốc Sở Y tế tỉnh Hà Nam, ông Trần Văn Tùng cho biết ngành đã chuẩn bị đủ thuốc.",
         {("Trần Văn Tùng", "Giám đốc", "Sở Y tế tỉnh Hà Nam", False)}),
        ("Phó Chủ tịch UBND tỉnh Hà Nam, bà Trần Thị Mai cho biết tỉnh đã bố trí vốn.",
         {("Trần Thị Mai", "Phó Chủ tịch", "Ủy ban nhân dân tỉnh Hà Nam", False)}),
        ("Bộ trưởng Bộ Quốc phòng, Đại tướng Phan Văn Giang phát biểu chỉ đạo.",
         {("Phan Văn Giang", "Bộ trưởng", "Bộ Quốc phòng", False)}),
    ],
    ids=["do-ky", "ong", "ba", "dai-tuong"],
)
def test_people_chain_comma_name(text: str, expected: set) -> None:
    assert posts(text) == expected
    assert rules(text) == {"people.chain_comma_name"}


def test_people_chain_comma_name_name_between_commas() -> None:
    assert posts("Theo Phó Chủ tịch UBND tỉnh Quảng Nam, Trần Anh Tuấn, tỉnh đã chỉ đạo khắc phục hậu quả.") == {
        ("Trần Anh Tuấn", "Phó Chủ tịch", "Ủy ban nhân dân tỉnh Quảng Nam", False),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tuy nhiên, vị Chủ tịch Real Madrid, Florentino Perez vẫn chưa đồng ý.",
         {("Florentino Perez", "Chủ tịch", "Real Madrid", False)}),
        ("Ngày ông nhậm chức Bộ trưởng Quốc phòng Mỹ, Donald Trump ký sắc lệnh mới.", set()),
        ("Huấn luyện viên Hữu Thắng, Công Phượng và các đồng đội đã tập luyện.", set()),
    ],
    ids=["foreign-name-after-comma", "chain-after-a-verb-is-an-object", "vietnamese-given-names-are-not-foreign"],
)
def test_people_chain_comma_foreign_name(text: str, expected: set) -> None:
    assert posts(text) == expected


def test_people_chain_comma_name_list_of_places_is_not_a_person() -> None:
    assert facts("Đoàn công tác của Bộ trưởng đã đến Quảng Ninh, Hải Phòng, Thái Bình.").posts == []


# -------------------------------------------------------------------------------- people.chain_name_list


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dự phiên họp có các Phó Thủ tướng Lê Thành Long, Hồ Đức Phớc và Bùi Thanh Sơn.",
         {("Lê Thành Long", "Phó Thủ tướng", "Chính phủ", False), ("Hồ Đức Phớc", "Phó Thủ tướng", "Chính phủ", False),
          ("Bùi Thanh Sơn", "Phó Thủ tướng", "Chính phủ", False)}),
        ("Các Phó Chủ tịch UBND tỉnh Thanh Hóa: Đầu Thanh Tùng, Mai Xuân Liêm cùng dự.",
         {("Đầu Thanh Tùng", "Phó Chủ tịch", "Ủy ban nhân dân tỉnh Thanh Hóa", False),
          ("Mai Xuân Liêm", "Phó Chủ tịch", "Ủy ban nhân dân tỉnh Thanh Hóa", False)}),
        ("Hai Thứ trưởng Bộ Quốc phòng là Thượng tướng Hoàng Xuân Chiến và Thượng tướng Vũ Hải Sản đã báo cáo.",
         {("Hoàng Xuân Chiến", "Thứ trưởng", "Bộ Quốc phòng", False),
          ("Vũ Hải Sản", "Thứ trưởng", "Bộ Quốc phòng", False)}),
    ],
    ids=["comma-and", "colon", "hai-la-ranks"],
)
def test_people_chain_name_list(text: str, expected: set) -> None:
    assert posts(text) == expected
    assert "people.chain_name_list" in rules(text)


def test_people_chain_name_list_stops_at_a_title_of_its_own() -> None:
    assert posts("Có mặt các Phó Thủ tướng Lê Thành Long, Hồ Đức Phớc và Bộ trưởng Bộ Y tế Đào Hồng Lan.") == {
        ("Lê Thành Long", "Phó Thủ tướng", "Chính phủ", False), ("Hồ Đức Phớc", "Phó Thủ tướng", "Chính phủ", False),
        ("Đào Hồng Lan", "Bộ trưởng", "Bộ Y tế", False),
    }


def test_people_chain_name_list_needs_a_plural_marker() -> None:
    """Without "các"/"hai", "Chức danh A và B" does not say B holds the title too."""
    assert posts("Chủ tịch UBND tỉnh Nghệ An Nguyễn Đức Trung và Lê Hồng Vinh đến thăm nhà máy.") == {
        ("Nguyễn Đức Trung", "Chủ tịch", "Ủy ban nhân dân tỉnh Nghệ An", False),
    }


# ------------------------------------------------------------- organizations that end where names begin


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a commune named after a country or city: the place is not "Liên bang Nga" and the name keeps its start
        ("Chủ tịch UBND xã Nga Thắng Lê Văn Tâm báo cáo tình hình.",
         ("Lê Văn Tâm", "Chủ tịch", "Ủy ban nhân dân xã Nga Thắng", False)),
        ("Chủ tịch UBND phường Mỹ Lộc Trần Thị Hoa phát biểu.",
         ("Trần Thị Hoa", "Chủ tịch", "Ủy ban nhân dân phường Mỹ Lộc", False)),
        # a known body whose last syllables are a family name and a middle name ("Bạch Mai")
        ("Giám đốc Bệnh viện Bạch Mai Đào Văn Lực chia sẻ kinh nghiệm.",
         ("Đào Văn Lực", "Giám đốc", "Bệnh viện Bạch Mai", False)),
        # a capitalised honorific after the organization starts the next clause
        ("Chánh Văn phòng Bộ Nội vụ Ông Trần Văn Tâm cho biết thêm.",
         ("Trần Văn Tâm", "Chánh Văn phòng", "Bộ Nội vụ", False)),
        # "(mới)" after a merged province
        ("Bí thư Tỉnh ủy Lào Cai (mới) Trịnh Văn Cường chủ trì.",
         ("Trịnh Văn Cường", "Bí thư", "Tỉnh ủy Lào Cai", False)),
        # an ambassador's posting ("tại Nhật Bản") is not the end of the title
        ("Đại sứ Việt Nam tại Nhật Bản Phạm Quang Huy trao quà.",
         ("Phạm Quang Huy", "Đại sứ", "Việt Nam", False)),
        # a foreign name with particles ends the organization
        ("Chủ tịch Nghị viện châu Âu Anna van der Berg phát biểu.",
         ("Anna van der Berg", "Chủ tịch", "Nghị viện châu Âu", False)),
    ],
    ids=["commune-named-like-a-country", "ward-named-like-a-city", "known-body-ends-in-a-name", "honorific-ends-org",
         "moi-after-place",
         "ambassador-posting", "name-particles"],
)
def test_people_organization_ends_where_the_name_begins(text: str, expected: tuple) -> None:
    assert posts(text) == {expected}


def test_people_board_title_takes_the_company_of_the_next_title() -> None:
    assert posts("Chủ tịch HĐQT kiêm Tổng Giám đốc Tập đoàn Hòa Phát Trần Văn Lâm phát biểu.") == {
        ("Trần Văn Lâm", "Chủ tịch", "Hội đồng quản trị Tập đoàn Hòa Phát", False),
        ("Trần Văn Lâm", "Tổng Giám đốc", "Tập đoàn Hòa Phát", False),
    }


def test_people_title_form_body_is_the_inspectorate() -> None:
    assert posts("Tổng Thanh tra Chính phủ Đoàn Văn Phong dự họp.") == {
        ("Đoàn Văn Phong", "Tổng Thanh tra", "Thanh tra Chính phủ", False)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an apposed organization name that runs on in lower case up to the clause's end
        ("Ông Trần Văn Lâm, Chi cục trưởng Chi cục An toàn vệ sinh thực phẩm Đà Nẵng, cho biết thêm.",
         # (the label is the canonical one, a function of the name's key: kg.knowledge.registry.display)
         {("Trần Văn Lâm", "Chi cục trưởng", "Chi cục An toàn vệ sinh thực phẩm Đà Nẵng", False)}),
        # a time word inside a name ("Sáng") ends it only before a date
        ("Giám đốc Sở Kế hoạch và Đầu tư Vũ Xuân Sáng cho biết.",
         {("Vũ Xuân Sáng", "Giám đốc", "Sở Kế hoạch và Đầu tư", False)}),
        # "cố": the late holder, a former post
        ("Gia đình cố Thủ tướng Phan Văn Khải dự lễ.", {("Phan Văn Khải", "Thủ tướng", "Chính phủ", True)}),
        # the role's own head noun ("Đoàn") starts the organization, not the name "Đoàn Thể"
        ("Phó Trưởng đoàn Đoàn Thể thao Việt Nam Trần Đức Lâm cho biết.",
         {("Trần Đức Lâm", "Phó Trưởng đoàn", "Đoàn Thể thao Việt Nam", False)}),
        # a caption run into the next sentence ("… Nghĩa Trước đó, …")
        ("Đại biểu Quốc hội Trương Trọng Lâm Trước đó, tại phiên chất vấn, nhiều ý kiến được nêu.",
         {("Trương Trọng Lâm", "Đại biểu", "Quốc hội", False)}),
    ],
    ids=["lower-case-tail", "time-word-in-name", "co-the-late", "head-noun-is-not-a-name", "run-in-next-sentence"],
)
def test_people_names_and_lower_case_organizations(text: str, expected: set) -> None:
    assert posts(text) == expected


@pytest.mark.parametrize(
    "text",
    ["Tổ trưởng Tổ Đúc mạ cho biết sản lượng tăng.",
     "Đại diện Đoàn Chủ tịch Ủy ban Trung ương MTTQ Việt Nam phát biểu."],
    ids=["vietnamese-syllables-are-not-a-foreign-name", "doan-chu-tich-is-a-body"],
)
def test_people_not_posts(text: str) -> None:
    assert posts(text) == set()


def test_people_foreign_leader_keeps_their_country_not_vietnamese_bodies() -> None:
    """The implied or fixed body takes the country named by the chain's last title."""
    assert posts("Tổng Bí thư, Chủ tịch nước Lào Bua Khăm phát biểu tại lễ đón.") == {
        ("Bua Khăm", "Tổng Bí thư", "Ban Chấp hành Trung ương Đảng Lào", False),
        ("Bua Khăm", "Chủ tịch nước", "Nhà nước Lào", False),
    }


def test_people_current_post_after_former_one() -> None:
    assert posts("Ông Hồ Văn Tâm, nguyên Bí thư Tỉnh ủy Gia Lai, nay là Phó Trưởng Ban Nội chính Trung ương, "
                 "đã phát biểu.") == {
        ("Hồ Văn Tâm", "Bí thư", "Tỉnh ủy Gia Lai", True),
        ("Hồ Văn Tâm", "Phó Trưởng ban", "Ban Nội chính Trung ương", False),
    }


# ------------------------------------------------------------------------------------- people.context_org


def test_people_context_org_single_ministry_in_article() -> None:
    (post,) = facts("Thứ trưởng Trần Văn Sơn cho biết Bộ Tài chính đang hoàn thiện dự thảo nghị định.").posts
    assert (post.person.name, post.role, post.org.label, post.former) == ("Trần Văn Sơn", "Thứ trưởng",
                                                                          "Bộ Tài chính", False)
    assert post.evidence.rule == "people.context_org"
    assert post.org_source == "context"


def test_people_context_org_two_ministries_leave_it_open() -> None:
    (post,) = facts("Thứ trưởng Trần Văn Sơn cho biết Bộ Tài chính và Bộ Công Thương đang phối hợp.").posts
    assert (post.person.name, post.role, post.org) == ("Trần Văn Sơn", "Thứ trưởng", None)
    assert post.evidence.rule == "people.chain_before_name"


# ---------------------------------------------------------------------- resolution of later short mentions


@pytest.mark.parametrize(
    "text",
    [
        "Bí thư Tỉnh ủy Hà Giang Nguyễn Văn Hùng dự lễ khánh thành. Phát biểu tại buổi lễ, ông Hùng đề nghị "
        "các sở ngành phối hợp chặt chẽ.",
        "Ủy viên Ban Thường vụ Tỉnh ủy, Bí thư Tỉnh ủy Hà Giang Nguyễn Văn Hùng cho biết. Ông Hùng nhấn mạnh "
        "yêu cầu đổi mới.",
    ],
    ids=["ong-hung", "after-chain"],
)
def test_people_short_later_mention_is_not_a_new_person(text: str) -> None:
    f = facts(text)
    assert [p.name for p in f.persons] == ["Nguyễn Văn Hùng"]
    assert {p.person.name for p in f.posts} == {"Nguyễn Văn Hùng"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bộ trưởng Bộ Y tế Trần Thị Mai kiểm tra bệnh viện. Sau đó, Bộ trưởng Trần Thị Mai làm việc với "
         "lãnh đạo tỉnh.", {("Trần Thị Mai", "Bộ trưởng", "Bộ Y tế", False)}),
        ("Bộ trưởng Bộ Y tế Trần Thị Mai kiểm tra bệnh viện. Bộ trưởng Mai yêu cầu tăng cường phòng dịch.",
         {("Trần Thị Mai", "Bộ trưởng", "Bộ Y tế", False)}),
        ("Chủ tịch UBND tỉnh Hà Nam Nguyễn Văn Hùng dự lễ. Chủ tịch Nguyễn Văn Hùng nhấn mạnh vai trò "
         "của doanh nghiệp.", {("Nguyễn Văn Hùng", "Chủ tịch", "Ủy ban nhân dân tỉnh Hà Nam", False)}),
        ("Phó Thủ tướng Trần Hồng Hà kiểm tra công trình. Phó Thủ tướng Hà yêu cầu đẩy nhanh tiến độ.",
         {("Trần Hồng Hà", "Phó Thủ tướng", "Chính phủ", False)}),
        ("Tổng thống Pháp Emmanuel Macron thăm Việt Nam. Tổng thống Emmanuel Macron cho biết Pháp coi trọng "
         "quan hệ với Việt Nam.", {("Emmanuel Macron", "Tổng thống", "Pháp", False)}),
    ],
    ids=["bo-truong-full-name", "bo-truong-given-name", "chu-tich", "pho-thu-tuong", "tong-thong"],
)
def test_people_later_title_without_org_adds_no_duplicate_post(text: str, expected: set) -> None:
    assert posts(text) == expected


# --------------------------------------------------------------------------------- NFD input and evidence

NFD_CASES = [
    "Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Khánh Hòa Nguyễn Văn Hùng ký Quyết định số 12/QĐ-UBND ngày "
    "3/5/2024 của UBND tỉnh Khánh Hòa. Ảnh: Minh Hà - TTXVN\n",
    "Ông Phạm Văn Đức, Giám đốc Sở Tài chính tỉnh Hà Tĩnh, cho biết. Nguyên Bộ trưởng Bộ Công Thương "
    "Vũ Văn Hải đã bị khởi tố.",
]


def _summary(f: ArticleFacts) -> tuple:
    return (
        sorted((p.person.name, p.role, p.org.label if p.org else None, p.former, p.evidence.rule) for p in f.posts),
        sorted((d.number, d.type_label, d.date, d.issuer.label if d.issuer else None) for d in f.documents),
        sorted((c.person, c.agency, c.kind) for c in f.credits),
    )


@pytest.mark.parametrize("text", NFD_CASES, ids=["chain-doc-credit", "apposition-former"])
def test_people_nfd_input_same_facts_offsets_into_nfd_text(text: str) -> None:
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text
    nfc_facts, nfd_facts = facts(text), facts(nfd)
    assert _summary(nfd_facts) == _summary(nfc_facts)
    assert _summary(nfc_facts)[0]
    for a, b in zip(sorted(nfc_facts.posts, key=lambda p: (p.role, p.person.name)),
                    sorted(nfd_facts.posts, key=lambda p: (p.role, p.person.name)), strict=True):
        quote = text[a.evidence.start : a.evidence.end]
        assert nfd[b.evidence.start : b.evidence.end] == unicodedata.normalize("NFD", quote)
        assert nfd[b.evidence.sentence_start : b.evidence.sentence_end] == unicodedata.normalize(
            "NFD", text[a.evidence.sentence_start : a.evidence.sentence_end])
    for a, b in zip(nfc_facts.documents, nfd_facts.documents, strict=True):
        for ea, eb in ((a.evidence, b.evidence), (a.date_evidence, b.date_evidence),
                       (a.issuer_evidence, b.issuer_evidence)):
            assert (ea is None) == (eb is None)
            if ea is not None and eb is not None:
                assert nfd[eb.start : eb.end] == unicodedata.normalize("NFD", text[ea.start : ea.end])
    for a, b in zip(nfc_facts.credits, nfd_facts.credits, strict=True):
        assert nfd[b.evidence.start : b.evidence.end] == unicodedata.normalize(
            "NFD", text[a.evidence.start : a.evidence.end])


EVIDENCE_TEXTS = [
    *NFD_CASES,
    "date 2024-05-03\nPhó Thủ tướng, Bộ trưởng Bộ Tài chính Hồ Đức Phúc ký Nghị định 145/2020/NĐ-CP. "
    "Bộ trưởng Bộ Quốc phòng, Đại tướng Phan Văn Giang phát biểu.",
    "Tại Hà Nội, Thủ tướng Phạm Minh Tâm chủ trì Hội nghị Ban Chấp hành Đảng bộ Chính phủ lần thứ 3, "
    "nhiệm kỳ 2025 - 2030 và phát biểu chỉ đạo.\n\nThanh Liêm",
    unicodedata.normalize("NFD", "Bí thư Tỉnh uỷ Khánh Hoà Nguyễn Hải Ninh phát biểu. Ảnh: VGP/Nhật Bắc"),
]


@pytest.mark.parametrize("text", EVIDENCE_TEXTS, ids=["nfc-1", "nfc-2", "date-header", "event-byline", "nfd-old-tone"])
def test_people_evidence_spans_reproduce_text(text: str) -> None:
    f = facts(text)
    evidences = [p.evidence for p in f.posts] + [c.evidence for c in f.credits] + [e.evidence for e in f.events]
    for d in f.documents:
        evidences += [e for e in (d.evidence, d.date_evidence, d.issuer_evidence) if e is not None]
    assert evidences
    for ev in evidences:
        assert 0 <= ev.start < ev.end <= len(text)
        quote = text[ev.start : ev.end]
        assert quote == quote.strip()
        assert not unicodedata.combining(quote[0])
        assert ev.end == len(text) or not unicodedata.combining(text[ev.end])  # no mark cut off
        if ev.sentence_end:
            assert ev.sentence_start <= ev.start and ev.end <= ev.sentence_end
    for p in f.posts:
        quote = unicodedata.normalize("NFC", text[p.evidence.start : p.evidence.end])
        assert p.person.name in quote
