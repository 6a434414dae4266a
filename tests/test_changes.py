"""Personnel changes (kg/extract/changes.py, issue 11 point 1), on sentences written for these tests in the style
of Vietnamese political news: each change kind, the post taken and the one left, hedges, who decides, the date
(the article's year for a day and month, never a guessed one), the decision, the term, and the RDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from kg.cli import main
from kg.corpus import Article
from kg.extract.facts import ArticleFacts
from kg.extract.facts_json import dumps, parse_line
from kg.link import resolve_article
from kg.run.build import facts_of


def changes(text: str, date: str | None = None) -> list[tuple]:
    facts = resolve_article(facts_of(Article(id="t", text=text, date=date)))
    return [(c.person, c.kind.rsplit("/", 1)[-1], _post(c.to_post), _post(c.from_post), c.date,
             c.decider.label if c.decider else None) for c in facts.changes]


def _post(p) -> tuple[str, str | None] | None:  # noqa: ANN001
    return (p.role, p.org.label if p.org else None) if p else None


@pytest.mark.parametrize(("text", "expected"), [
    ("Ngày 5/3/2025, Bộ Chính trị quyết định bổ nhiệm ông Trần Văn Minh giữ chức Phó Chủ nhiệm Ủy ban Kiểm tra "
     "Trung ương.",
     ("Trần Văn Minh", "bo-nhiem", ("Phó Chủ nhiệm", "Ủy ban Kiểm tra Trung ương"), None, "2025-03-05",
      "Bộ Chính trị")),
    ("Sáng 12/6/2021, HĐND tỉnh Nghệ An đã bầu ông Nguyễn Đức Trung giữ chức Chủ tịch UBND tỉnh Nghệ An.",
     ("Nguyễn Đức Trung", "bau", ("Chủ tịch", "Ủy ban nhân dân tỉnh Nghệ An"), None, "2021-06-12",
      "Hội đồng nhân dân tỉnh Nghệ An")),
    ("Ông Lê Văn Hòa, Trưởng phòng Tổ chức cán bộ Sở Y tế tỉnh Hà Nam, được điều động giữ chức Phó Giám đốc Sở "
     "Tài chính tỉnh Hà Nam.",
     ("Lê Văn Hòa", "dieu-dong", ("Phó Giám đốc", "Sở Tài chính tỉnh Hà Nam"),
      ("Trưởng phòng", "Phòng Tổ chức cán bộ Sở Y tế tỉnh Hà Nam"), None, None)),
    ("Ban Thường vụ Thành ủy Huế điều động ông Hoàng Văn Nam, Phó Giám đốc Sở Nội vụ thành phố Huế, giữ chức "
     "Giám đốc Sở Xây dựng thành phố Huế.",  # "Giám đốc" inside "Phó Giám đốc" is the post held, not the new one
     ("Hoàng Văn Nam", "dieu-dong", ("Giám đốc", "Sở Xây dựng thành phố Huế"),
      ("Phó Giám đốc", "Sở Nội vụ thành phố Huế"), None, "Ban Thường vụ Thành ủy Huế")),
    ("Ông Nguyễn Văn Bình, Giám đốc Sở Tư pháp tỉnh Nam Định, đã được nghỉ hưu theo chế độ từ ngày 1/7/2025.",
     ("Nguyễn Văn Bình", "nghi-huu", None, ("Giám đốc", "Sở Tư pháp tỉnh Nam Định"), "2025-07-01", None)),
    ("Ông Trần Văn Hải, Phó Giám đốc Sở Xây dựng tỉnh Long An, bị cách chức.",
     ("Trần Văn Hải", "cach-chuc", None, ("Phó Giám đốc", "Sở Xây dựng tỉnh Long An"), None, None)),
])
def test_a_change_of_each_kind_with_its_posts_date_and_decider(text: str, expected: tuple) -> None:
    assert changes(text) == [expected]


def test_who_decides_a_suspension_is_not_the_one_suspended() -> None:
    got = changes("Chủ tịch UBND tỉnh Nam Định Phạm Đình Nghị vừa ký quyết định tạm đình chỉ công tác đối với ông "
                  "Vũ Văn Hà, Trưởng phòng Tài nguyên và Môi trường huyện Giao Thủy.")
    assert [(c[0], c[1]) for c in got] == [("Vũ Văn Hà", "dinh-chi")]


@pytest.mark.parametrize("text", [
    "Tỉnh ủy đề nghị bổ nhiệm ông Trần Văn An giữ chức Phó Giám đốc Sở Xây dựng tỉnh Bình Dương.",  # a proposal
    "Dự kiến HĐND tỉnh sẽ bầu ông Trần Văn An giữ chức Chủ tịch UBND tỉnh Bình Dương.",  # a plan
    "Cuộc bầu cử Tổng thống Mỹ có sự tham gia của Tổng thống Barack Obama.",  # "bầu cử" gives no post
    "Bầu Đức khẳng định HLV Nguyễn Quốc Tuấn vẫn được tin tưởng.",  # a club owner's nickname
])
def test_a_hedged_verb_or_a_post_that_is_no_object_of_the_verb_is_no_change(text: str) -> None:
    assert changes(text) == []


def test_a_day_and_month_take_the_articles_year_and_stay_without_one_when_it_has_none() -> None:
    text = "Chiều 10/6, HĐND tỉnh Nghệ An đã bầu ông Nguyễn Đức Trung giữ chức Chủ tịch UBND tỉnh Nghệ An."
    assert changes(text, date="2021-06-11")[0][4] == "2021-06-10"
    assert changes(text)[0][4] == "--06-10"  # never a guessed year


def test_a_change_names_its_decision_and_term_and_survives_the_facts_file() -> None:
    text = ("Thủ tướng Chính phủ ký Quyết định số 1234/QĐ-TTg phê chuẩn kết quả bầu ông Phạm Văn Sơn giữ chức Phó "
            "Chủ tịch UBND tỉnh Thái Bình nhiệm kỳ 2021-2026.")
    facts = facts_of(Article(id="t", text=text))
    (c,) = facts.changes
    assert (c.kind.rsplit("/", 1)[-1], c.decision, c.term) == ("phe-chuan", "1234/QĐ-TTg", "2021-2026")
    back, _digest = parse_line(dumps(facts, "0" * 16).encode("utf-8"))
    assert isinstance(back, ArticleFacts) and back.changes == facts.changes


def test_the_graph_states_a_change_with_its_evidence(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("date 2025-03-06\nNgày 5/3, Bộ Chính trị quyết định bổ nhiệm ông Trần Văn Minh giữ chức Phó Chủ "
                   "nhiệm Ủy ban Kiểm tra Trung ương.", encoding="utf-8")
    assert main(["build", str(src), "-o", str(tmp_path / "g.ttl"), "-q"]) == 0
    g = Graph().parse(tmp_path / "g.ttl")
    rows = list(g.query("""
        PREFIX kg: <https://w3id.org/kg-vn/ns#> PREFIX schema: <https://schema.org/>
        PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX org: <http://www.w3.org/ns/org#>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?name ?kind ?title ?date ?by ?quote WHERE {
          ?c a kg:PersonnelChange ; kg:changeKind ?kind ; kg:person ?p ; kg:toPost ?post ;
             schema:startDate ?date ; prov:wasAssociatedWith ?body .
          ?p schema:name ?name . ?post rdfs:label ?title . ?body rdfs:label ?by .
          ?st rdf:subject ?c ; rdf:predicate kg:changeKind ; prov:wasDerivedFrom ?ev . ?ev kg:quote ?quote .
        }"""))
    assert [(str(r[0]), str(r[1]).rsplit("/", 1)[-1], str(r[2]), str(r[3]), str(r[4])) for r in rows] == [
        ("Trần Văn Minh", "bo-nhiem", "Phó Chủ nhiệm Ủy ban Kiểm tra Trung ương", "2025-03-05", "Bộ Chính trị")]
    assert str(rows[0][5]).startswith("bổ nhiệm ông Trần Văn Minh giữ chức")


# -- change frames (kg/extract/change_frames.py) and posts the article states elsewhere ----------------------------

@pytest.mark.parametrize(("text", "expected"), [
    # the object of an active verb after a descriptor and an aside, the post after "làm"
    ("Tổng thống Pháp hôm qua bổ nhiệm cựu thị trưởng Jean Martin, một chính khách ôn hòa, làm Thủ tướng Pháp.",
     [("Jean Martin", "bo-nhiem", ("Thủ tướng", "Pháp"), None)]),
    # two objects of one verb, each with its own post
    ("Tổng thống Mỹ đã bổ nhiệm tỷ phú John Miller làm Bộ trưởng Bộ Thương mại Mỹ, Peter Wood làm Thứ trưởng "
     "Bộ Thương mại Mỹ.",
     [("John Miller", "bo-nhiem", ("Bộ trưởng", "Bộ Thương mại Hoa Kỳ"), None),
      ("Peter Wood", "bo-nhiem", ("Thứ trưởng", "Bộ Thương mại Hoa Kỳ"), None)]),
    # a post written before the person it is done to, brought in by "của"
    ("UBND tỉnh đã có quyết định cách chức Chi cục trưởng Chi cục Thú y tỉnh Nghệ An của ông Hồ Đức Lâm.",
     [("Hồ Đức Lâm", "cach-chuc", None, ("Chi cục trưởng", "Chi cục Thú y tỉnh Nghệ An"))]),
    # a passive subject with the agent between "bị" and the verb: the agent decides, is not removed
    ("Giám đốc Sở Công Thương tỉnh Bình Định Trần Văn Nam bị ông Lê Hữu Phước cách chức hôm qua.",
     [("Trần Văn Nam", "cach-chuc", None, ("Giám đốc", "Sở Công Thương tỉnh Bình Định"))]),
    # a former post is the one a removal ends
    ("Cựu Giám đốc Sở Tư pháp tỉnh Bình Định Trần Văn Nam đã bị sa thải.",
     [("Trần Văn Nam", "cach-chuc", None, ("Giám đốc", "Sở Tư pháp tỉnh Bình Định"))]),
    # one's own act after a link word ("tuyên bố")
    ("Bộ trưởng Bộ Tư pháp Pháp Jean Martin đã tuyên bố từ chức hôm 21/6.",
     [("Jean Martin", "tu-chuc", None, ("Bộ trưởng", "Bộ Tư pháp Pháp"))]),
    # the post follows a verb that ends it, the person comes before
    ("Cùng ngày, ông Phan Văn Tùng thôi chức Bí thư Tỉnh ủy Quảng Ngãi.",
     [("Phan Văn Tùng", "mien-nhiem", None, ("Bí thư", "Tỉnh ủy Quảng Ngãi"))]),
    # a short name the sentence gives no post: the post the article states for that one person
    ("Ông Trần Văn Minh, Phó Giám đốc Bệnh viện Đa khoa tỉnh Thanh Hóa, vắng mặt nhiều ngày. Ông Minh đã bị cách "
     "chức vì vi phạm kỷ luật.",
     [("Trần Văn Minh", "cach-chuc", None, ("Phó Giám đốc", "Bệnh viện Đa khoa tỉnh Thanh Hóa"))]),
    ("Ông Diệp Văn An - Phó Chi cục trưởng Chi cục Thủy lợi tỉnh Kon Tum và ông Cao Minh Tú - Trưởng phòng Phòng "
     "Tài nguyên nước tỉnh Kon Tum đã xô xát. Sở đã ra quyết định cách chức đối với 2 ông Diệp Văn An và ông Cao "
     "Minh Tú.",
     [("Diệp Văn An", "cach-chuc", None, ("Phó Chi cục trưởng", "Chi cục Thủy lợi tỉnh Kon Tum")),
      ("Cao Minh Tú", "cach-chuc", None, ("Trưởng phòng", "Phòng Tài nguyên nước tỉnh Kon Tum"))]),
])
def test_a_change_frame_gives_the_person_on_the_other_side_of_the_verb(text: str, expected: list) -> None:
    assert [c[:4] for c in changes(text, "2017-06-22")] == expected


def test_a_short_name_two_people_of_the_article_end_with_is_no_change() -> None:
    text = ("Ông Trần Văn Minh, Giám đốc Sở Y tế tỉnh Thanh Hóa, và ông Lê Văn Minh, Giám đốc Sở Xây dựng tỉnh Thanh "
            "Hóa, dự họp. Ông Minh đã bị cách chức.")
    assert changes(text) == []


def test_one_change_told_twice_keeps_what_the_second_telling_adds() -> None:
    text = ("PGS.TS Lưu Văn Trang vừa được bổ nhiệm giữ chức Hiệu trưởng Trường Đại học Sư phạm Huế. Theo đó, ông "
            "Lưu Văn Trang, Phó Hiệu trưởng Trường Đại học Sư phạm Huế, được bổ nhiệm làm Hiệu trưởng Trường Đại "
            "học Sư phạm Huế.")
    found = changes(text)
    school = found[0][2][1]  # the body's label as the registry writes it
    assert [c[:3] for c in found] == [("Lưu Văn Trang", "bo-nhiem", ("Hiệu trưởng", school))]
    assert found[0][3] == ("Phó Hiệu trưởng", school) and school.casefold() == "trường đại học sư phạm huế"


@pytest.mark.parametrize("text", [
    "Lãnh đạo Công đảng Jeremy Corbyn đã kêu gọi Thủ tướng Anh Theresa May từ chức.",  # a call, before the person
    "Tổng thống Mỹ cho biết ông từng có ý định sa thải Giám đốc FBI James Comey.",  # an intention
    "Giám đốc truyền thông Mike Dubke đã đệ đơn từ chức và được Tổng thống Donald Trump chấp nhận.",  # who accepts
    "Bà Karen Miller, 45 tuổi, được bổ nhiệm bởi Tổng thống Barack Obama vào năm 2014.",  # the agent, after "bởi"
    # the marker brings in someone else: the minister after the quote only receives the praise
    "“Tôi đã đề nghị cho thôi giữ chức đối với ông Vụ trưởng”, Thủ tướng nói và hoan nghênh Bộ trưởng Bộ Công "
    "Thương Trần Văn Tâm.",
    # a crawl glued a headline to the sentence: the post after "Theo" is a source's
    "Bổ nhiệm người thân gây bức xúc Theo Phó Thủ tướng Trương Văn Bình, Chính phủ đã có nhiều cố gắng.",
    "Trong cuộc điện đàm tại Văn phòng Bầu dục với Thủ tướng Ireland Leo Varadkar, hai bên bàn về thương mại.",
    "Sau khi chuyển bức thư sa thải của Tổng thống Donald Trump tới ông James Comey, trợ lý được chú ý.",  # owner
    "Tổng thống Pháp đắc cử Emmanuel Macron và Tổng thống Nga Vladimir Putin.",  # another's name between
    "Ngày 24/4, Ngân hàng Bưu điện Liên Việt đã xin ý kiến miễn nhiệm Phó Chủ tịch HĐQT Nguyễn Đức Hòa.",
])
def test_a_call_an_intention_or_a_post_named_beside_the_subject_is_no_change(text: str) -> None:
    assert changes(text) == []


# -- postless changes (rule changes.postless) ---------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Sau hơn 30 năm gắn bó với nhà đài, nhà báo Đỗ Quang Vinh đã nghỉ hưu từ ngày 1/7/2024.",
     [("Đỗ Quang Vinh", "nghi-huu", None, None, "2024-07-01", None)]),
    ("Ông Jean Dupont đã bị sa thải sau trận thua thứ năm liên tiếp.",
     [("Jean Dupont", "cach-chuc", None, None, None, None)]),
    # a post written beside the subject, or naming the cause, is not the one left: the change keeps no post
    ("Ông James Comey bị sa thải vì Tổng thống Donald Trump muốn dừng cuộc điều tra.",
     [("James Comey", "cach-chuc", None, None, None, None)]),
    ("Ông Mike Dubke, giám đốc truyền thông của Tổng thống Donald Trump, đã quyết định từ chức.",
     [("Mike Dubke", "tu-chuc", None, None, None, None)]),
    # the person's post stated elsewhere in the article wins over a postless change
    ("Ông Trần Văn Minh, Phó Giám đốc Sở Y tế tỉnh Thanh Hóa, đã công tác 35 năm. Ông Trần Văn Minh đã nghỉ hưu.",
     [("Trần Văn Minh", "nghi-huu", None, ("Phó Giám đốc", "Sở Y tế tỉnh Thanh Hóa"), None, None)]),
    # a one-syllable name no post completes, a hedge, and a person who decides are no postless change
    ("Ông Vinh đã nghỉ hưu từ năm ngoái.", []),
    ("Nhiều cổ động viên muốn ông Đỗ Quang Vinh từ chức ngay.", []),
    ("Ông Đỗ Quang Vinh đã cách chức hai cán bộ vi phạm.", []),
    ("Con trai của ông Đỗ Quang Vinh cũng bị tạm đình chỉ công tác.", []),  # whose son, not who
])
def test_a_change_without_a_post_keeps_its_person(text: str, expected: list) -> None:
    assert changes(text) == expected


def test_a_postless_change_is_a_person_node_in_the_graph_that_the_shapes_accept(tmp_path: Path) -> None:
    from test_graph_contract import shacl

    src = tmp_path / "a.txt"
    src.write_text("date 2024-07-02\nNhà báo Đỗ Quang Vinh đã nghỉ hưu từ ngày 1/7.", encoding="utf-8")
    assert main(["build", str(src), "-o", str(tmp_path / "g.ttl"), "-q"]) == 0
    g = Graph().parse(tmp_path / "g.ttl")
    rows = list(g.query("""
        PREFIX kg: <https://w3id.org/kg-vn/ns#> PREFIX schema: <https://schema.org/>
        SELECT ?name ?date WHERE {
          ?c a kg:PersonnelChange ; kg:person ?p ; schema:startDate ?date . ?p a schema:Person ; schema:name ?name .
          FILTER NOT EXISTS { ?c kg:toPost|kg:fromPost ?post }
        }"""))
    assert [(str(r[0]), str(r[1])) for r in rows] == [("Đỗ Quang Vinh", "2024-07-01")]
    conforms, report = shacl(g)
    assert conforms, report


def test_a_postless_change_survives_the_facts_file() -> None:
    facts = facts_of(Article(id="t", text="Nhà báo Đỗ Quang Vinh đã nghỉ hưu từ ngày 1/7/2024."))
    (c,) = facts.changes
    assert (c.person, c.to_post, c.from_post, c.evidence.rule) == ("Đỗ Quang Vinh", None, None, "changes.postless")
    back, _digest = parse_line(dumps(facts, "0" * 16).encode("utf-8"))
    assert isinstance(back, ArticleFacts) and back.changes == facts.changes


@pytest.mark.parametrize(("text", "expected"), [
    # a list of posts after the marker: one change per post
    ("Từ năm 2015, ông Hà Văn Sáng được bầu làm Ủy viên Ban Chấp hành Huyện ủy Đông Anh, Phó Bí thư và Chủ tịch "
     "UBND xã Tiên Dương.",
     [("Hà Văn Sáng", "bau", ("Ủy viên", "Ban Chấp hành Huyện ủy Đông Anh"), None),
      ("Hà Văn Sáng", "bau", ("Phó Bí thư", None), None),
      ("Hà Văn Sáng", "bau", ("Chủ tịch", "Ủy ban nhân dân xã Tiên Dương"), None)]),
    # "cách hết các chức vụ": every post of the aside is left
    ("Ban Thường vụ Tỉnh ủy quyết định cách hết các chức vụ đối với ông Lò Văn Pấng (52 tuổi, Phó Bí thư Đảng ủy "
     "xã Mường Chà, Chủ tịch UBND xã Mường Chà) vì sử dụng bằng giả.",
     [("Lò Văn Pấng", "cach-chuc", None, ("Phó Bí thư", "Đảng ủy xã Mường Chà")),
      ("Lò Văn Pấng", "cach-chuc", None, ("Chủ tịch", "Ủy ban nhân dân xã Mường Chà"))]),
    # a body after "vào": its member's post (kg:memberRole)
    ("Tại Đại hội XIII, ông Đinh Công Tráng được bầu vào Ban Chấp hành Trung ương Đảng khóa XIII.",
     [("Đinh Công Tráng", "bau", ("Ủy viên", "Ban Chấp hành Trung ương Đảng"), None)]),
    ("Hội nghị đã bầu bà Vi Thị Lan vào Bộ Chính trị.",
     [("Vi Thị Lan", "bau", ("Ủy viên", "Bộ Chính trị"), None)]),
    # "từ X lên làm Y" after two verbs of one decision: the post left and the post taken
    ("Ông Khổng Minh Đức được UBND tỉnh Yên Bái điều động, bổ nhiệm từ Phó Giám đốc Sở Tư pháp tỉnh Yên Bái lên "
     "làm Giám đốc Sở Nội vụ tỉnh Yên Bái.",
     [("Khổng Minh Đức", "dieu-dong", ("Giám đốc", "Sở Nội vụ tỉnh Yên Bái"),
       ("Phó Giám đốc", "Sở Tư pháp tỉnh Yên Bái"))]),
    # a former post before the verb is the one held before
    ("Ông Lưu Quang Khải, nguyên Giám đốc Sở Công Thương tỉnh Sơn La, được bổ nhiệm làm Phó Chủ tịch UBND tỉnh Sơn La.",
     [("Lưu Quang Khải", "bo-nhiem", ("Phó Chủ tịch", "Ủy ban nhân dân tỉnh Sơn La"),
       ("Giám đốc", "Sở Công Thương tỉnh Sơn La"))]),
    # the subject's honorific far before the verb, behind a long aside
    ("Ông Mạc Văn Tiến, nguyên Trưởng Ban Kinh tế - Ngân sách của HĐND thành phố Hải Phòng, được bổ nhiệm chức Giám "
     "đốc Sở Tài chính thành phố Hải Phòng.",
     [("Mạc Văn Tiến", "bo-nhiem", ("Giám đốc", "Sở Tài chính thành phố Hải Phòng"), None)]),
])
def test_a_change_gives_every_post_its_sentence_lists(text: str, expected: list) -> None:
    assert [c[:4] for c in changes(text, "2017-06-22")] == expected


def test_a_former_post_before_an_appointment_is_not_ended_by_it(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    import json

    src = tmp_path / "a.txt"
    # a transfer ends the post it leaves (kg:endsTenure); "nguyên" says that post had ended before
    src.write_text("date 2017-06-22\n\nNgày 20/6/2017, ông Lưu Quang Khải, nguyên Giám đốc Sở Công Thương tỉnh Sơn "
                   "La, được điều động giữ chức Phó Chủ tịch UBND tỉnh Sơn La.\n", encoding="utf-8")
    out = tmp_path / "g.ttl"
    assert main(["build", str(src), "-o", str(out), "-q"]) == 0
    capsys.readouterr()
    assert main(["timeline", str(out), "Lưu Quang Khải", "--format", "json"]) == 0
    posts = {p["role"]: (p["start"], p["end"]) for p in json.loads(capsys.readouterr().out)[0]["posts"]}
    assert posts == {"Giám đốc": (None, None), "Phó Chủ tịch": ("2017-06-20", None)}


def test_the_post_after_a_verb_whose_subject_gains_is_the_subjects() -> None:
    """"đắc cử": the subject is elected; a post after it written with another's name is not theirs."""
    got = changes("Sau khi ông Donald Trump đắc cử Tổng thống, Chủ tịch Tập Cận Bình đã có cuộc điện đàm.")
    assert [(c[0], c[1]) for c in got] == [("Donald Trump", "bau")]
    got = changes("Ông Trump bổ nhiệm Giám đốc FBI Christopher Wray.")  # not a subject-gains verb: the object's
    assert [(c[0], c[1]) for c in got] == [("Christopher Wray", "bo-nhiem")]


def test_a_pronoun_stands_for_the_last_person_of_its_gender_named_before() -> None:
    text = ("Bà Lê Thị Thu và ông Phạm Quốc Hưng cùng dự lễ. Năm 2012, ông được bổ nhiệm làm Giám đốc Sở Tư pháp "
            "tỉnh Hà Nam. Năm 2016, bà được bầu làm Phó Chủ tịch UBND tỉnh Hà Nam.")
    assert changes(text) == [
        ("Phạm Quốc Hưng", "bo-nhiem", ("Giám đốc", "Sở Tư pháp tỉnh Hà Nam"), None, "2012", None),
        ("Lê Thị Thu", "bau", ("Phó Chủ tịch", "Ủy ban nhân dân tỉnh Hà Nam"), None, "2016", None)]


@pytest.mark.parametrize("text", [
    "Sau khi nghe báo cáo của ông, Giám đốc Sở Tư pháp tỉnh Hà Nam được bổ nhiệm lại.",  # "của ông": no subject
    "Năm 2012, ông được bổ nhiệm làm Giám đốc Sở Tư pháp tỉnh Hà Nam.",  # nobody named before: nobody to stand for
    "Bà Lê Thị Thu dự lễ. Năm 2012, ông được bổ nhiệm làm Giám đốc Sở Tư pháp tỉnh Hà Nam.",  # only a woman before
])
def test_a_pronoun_with_no_one_to_stand_for_gives_no_change(text: str) -> None:
    assert changes(text) == []


def test_a_member_of_two_bodies_is_two_changes_each_dated_by_its_clause() -> None:
    text = ("Ông Nguyễn Văn Thành sinh năm 1955. Năm 2010, ông tiếp tục được bầu vào Ban Chấp hành Trung ương Đảng "
            "và đến giữa nhiệm kỳ, tháng 5/2013, ông được bầu bổ sung vào Bộ Chính trị.")
    assert changes(text) == [
        ("Nguyễn Văn Thành", "bau", ("Ủy viên", "Ban Chấp hành Trung ương Đảng"), None, "2010", None),
        ("Nguyễn Văn Thành", "bau", ("Ủy viên", "Bộ Chính trị"), None, "2013-05", None)]


@pytest.mark.parametrize(("text", "person"), [
    ("Tổng thống Donald Trump tới Texas. Việc sa thải Giám đốc FBI của ông Trump gây tranh cãi.", "Donald Trump"),
    ("Ông Lê Văn Minh là người sáng lập ngân hàng. Chiều 5/6, đại hội cổ đông bầu ông Nguyễn Văn An làm Chủ tịch "
     "Ngân hàng Đông Á thay thế cho ông Minh.", "Lê Văn Minh"),
])
def test_whose_act_it_is_or_whom_one_replaces_is_not_the_one_changed(text: str, person: str) -> None:
    assert person not in {c[0] for c in changes(text)}


def test_an_application_to_leave_is_no_resignation_but_a_tendered_resignation_is() -> None:
    assert changes("Ông Trần Văn Thành, Trưởng phòng Bảo vệ Sở Nội vụ tỉnh Hải Dương, đã có đơn xin thôi việc.") == []
    assert [c[:2] for c in changes("Ông Trần Văn Thành, Trưởng phòng Bảo vệ Sở Nội vụ tỉnh Hải Dương, đã đệ đơn "
                                   "từ chức.")] == [("Trần Văn Thành", "tu-chuc")]


@pytest.mark.parametrize("text", [
    "Sở Y tế tỉnh Ninh Bình đã tạm dừng việc bổ nhiệm lại ông Đặng Văn Bình giữ chức Giám đốc Bệnh viện Đa khoa "
    "huyện Gia Viễn.",  # a suspended appointment is none
    "Hai trợ lý cấp cao của Thủ tướng Anh Theresa May đệ đơn từ chức sau cuộc bầu cử.",  # whose aides resign
])
def test_a_halted_change_or_one_of_someone_elses_people_is_none(text: str) -> None:
    assert changes(text) == []
