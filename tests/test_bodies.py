"""Canonical bodies (issue 10): the registry of ``ontology/`` (kg.knowledge.registry) and the pass ``bodies``.

Every written variant of a body is one node with one label; a body named by its kind alone is its article's own
unless the article makes the place certain; a foreign official never sits on a Vietnamese body the text does not
name. Sentences written for these tests.
"""

from __future__ import annotations

from rdflib import RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef

from kg.corpus import Article
from kg.extract.facts import ArticleFacts
from kg.knowledge import default_knowledge
from kg.knowledge.registry import default_registry
from kg.publish.rdf import build_graph
from kg.run.build import facts_of

ORG = Namespace("http://www.w3.org/ns/org#")
KG = Namespace("https://w3id.org/kg-vn/ns#")
KGPLACE = Namespace("https://w3id.org/kg-vn/place/")
ID = "https://w3id.org/kg-vn/id/"


def graph(*texts: str) -> tuple[Graph, list[ArticleFacts]]:
    facts = [facts_of(Article(id=f"a{n}", text=t)) for n, t in enumerate(texts, start=1)]
    return build_graph(facts), facts


def post_orgs(g: Graph, name: str) -> set[URIRef]:
    """The organizations of the posts held by the person named ``name``."""
    return {o for p in g.subjects(URIRef("https://schema.org/name"), Literal(name, lang="vi"))
            for post in g.objects(p, ORG.holds) for o in g.objects(post, ORG.postIn)}


def labels(g: Graph, node: URIRef, prop: URIRef = RDFS.label) -> set[str]:
    return {str(o) for o in g.objects(node, prop)}


def test_a_ministry_written_four_ways_is_one_node_with_one_label() -> None:
    g, _ = graph("Ông Trần Văn Bình, Bộ trưởng Bộ Kế hoạch và Đầu tư, phát biểu tại hội nghị.",
                 "Ông Lê Văn Cường, Thứ trưởng Bộ Kế hoạch - Đầu tư, cho biết dự án sẽ khởi công.",
                 "Bà Phạm Thị Hoa, Thứ trưởng Bộ Kế hoạch Đầu tư, đã ký văn bản.",
                 "Ông Đỗ Văn Dũng, Vụ trưởng, Bộ KH&ĐT cho biết thêm.")
    orgs = post_orgs(g, "Trần Văn Bình") | post_orgs(g, "Lê Văn Cường") | post_orgs(g, "Phạm Thị Hoa")
    assert orgs == {URIRef(ID + "org/bộ-kế-hoạch-và-đầu-tư")}
    node = next(iter(orgs))
    assert labels(g, node) == {"Bộ Kế hoạch và Đầu tư"} == labels(g, node, SKOS.prefLabel)
    assert {"Bộ Kế hoạch - Đầu tư", "Bộ Kế hoạch Đầu tư"} <= labels(g, node, SKOS.altLabel)
    # the older body keeps its node; the registry says what it became, and that it is part of the Government
    assert (node, KG.mergedInto, URIRef(ID + "org/bộ-tài-chính")) in g
    assert (node, ORG.subOrganizationOf, URIRef(ID + "org/chính-phủ")) in g


def test_abbreviated_ministries_resolve_to_the_registry_label() -> None:
    reg = default_registry()
    for written, label in [("Bộ GD-ĐT", "Bộ Giáo dục và Đào tạo"), ("Bộ GD&ĐT", "Bộ Giáo dục và Đào tạo"),
                           ("Bộ VH-TT&DL", "Bộ Văn hóa, Thể thao và Du lịch"),
                           ("Bộ Văn hóa - Thể thao và Du lịch", "Bộ Văn hóa, Thể thao và Du lịch"),
                           ("Bộ TN-MT", "Bộ Tài nguyên và Môi trường"), ("Bộ TN&MT", "Bộ Tài nguyên và Môi trường"),
                           ("Bộ NN-PTNT", "Bộ Nông nghiệp và Phát triển nông thôn"),
                           ("Bộ LĐ-TB&XH", "Bộ Lao động - Thương binh và Xã hội"),
                           ("Bộ Lao động Thương binh và Xã hội", "Bộ Lao động - Thương binh và Xã hội"),
                           ("Bộ GTVT", "Bộ Giao thông vận tải"), ("Bộ TT-TT", "Bộ Thông tin và Truyền thông"),
                           ("Bộ TT&TT", "Bộ Thông tin và Truyền thông"), ("Bộ KH-CN", "Bộ Khoa học và Công nghệ"),
                           # a known body followed by the one it is part of is that body
                           ("Bộ Chính trị Ban Chấp hành Trung ương Đảng", "Bộ Chính trị"),
                           ("Ban Đối ngoại Trung ương Đảng", "Ban Đối ngoại Trung ương")]:
        assert reg.resolve(written).label == label, written
    assert reg.resolve("Bộ Y tế Chính phủ").parent == "Chính phủ"


def test_ubnd_tp_ha_noi_variants_are_one_node_with_alt_labels_and_one_post() -> None:
    g, _ = graph("Ông Nguyễn Văn Hòa, Chủ tịch UBND TP Hà Nội, đã tiếp đoàn công tác.",
                 "Ông Nguyễn Văn Hòa, Chủ tịch Ủy ban nhân dân Thành phố Hà Nội, cho biết kế hoạch.",
                 "Phó Chủ tịch UBND TP. Hà Nội Lê Thị Thu đã dự lễ.")
    node = URIRef(ID + "org/ủy-ban-nhân-dân-thành-phố-hà-nội")
    assert post_orgs(g, "Nguyễn Văn Hòa") == {node} == post_orgs(g, "Lê Thị Thu")
    assert labels(g, node) == {"Ủy ban nhân dân thành phố Hà Nội"}
    assert {"UBND TP Hà Nội", "Ủy ban nhân dân Thành phố Hà Nội"} <= labels(g, node, SKOS.altLabel)
    hoa = next(g.subjects(URIRef("https://schema.org/name"), Literal("Nguyễn Văn Hòa", lang="vi")))
    assert len(set(g.objects(hoa, ORG.holds))) == 1  # one post per (role, body), whatever the wording
    assert all(len(labels(g, o)) == 1 for o in g.subjects(RDF.type, ORG.Organization))


def test_two_articles_with_a_nameless_ubnd_tinh_get_two_nodes() -> None:
    g, _ = graph("Ông Trần Văn Nam, Phó Chủ tịch UBND tỉnh, cho biết sẽ kiểm tra.",
                 "Bà Lê Thị Hà, Phó Chủ tịch UBND tỉnh, đã chỉ đạo các sở.")
    nam, ha = post_orgs(g, "Trần Văn Nam"), post_orgs(g, "Lê Thị Hà")
    assert nam == {URIRef(ID + "org/a1/ủy-ban-nhân-dân-tỉnh")}
    assert ha == {URIRef(ID + "org/a2/ủy-ban-nhân-dân-tỉnh")}
    assert URIRef(ID + "org/ủy-ban-nhân-dân-tỉnh") not in set(g.subjects())
    # and so are their posts: a post in an article's own body is the article's own
    posts = {str(p) for p in g.subjects(RDF.type, ORG.Post)}
    assert all("/post/a1/" in p or "/post/a2/" in p for p in posts), posts


def test_nameless_bodies_stay_in_their_article() -> None:
    for written in ("Ủy ban nhân dân tỉnh", "Trung tâm", "Công ty", "Hội đồng quản trị", "Tỉnh ủy", "Sở",
                    "UBND huyện"):
        assert default_registry().resolve(written).nameless, written
    assert not default_registry().resolve("UBND huyện Kim Bảng").nameless


def test_an_article_naming_one_province_completes_ubnd_tinh() -> None:
    g, facts = graph("Bà Hoàng Thị Mai, Phó Chủ tịch UBND tỉnh, cho biết tỉnh Nghệ An sẽ hỗ trợ người dân. "
                     "Giám đốc Sở Y tế Trần Văn Đức nói các bệnh viện đã sẵn sàng.")
    assert post_orgs(g, "Hoàng Thị Mai") == {URIRef(ID + "org/ủy-ban-nhân-dân-tỉnh-nghệ-an")}
    so = URIRef(ID + "org/sở-y-tế-tỉnh-nghệ-an")
    assert post_orgs(g, "Trần Văn Đức") == {so}
    assert (so, ORG.subOrganizationOf, URIRef(ID + "org/ủy-ban-nhân-dân-tỉnh-nghệ-an")) in g
    # two provinces named: not certain, the body stays the article's
    g2, _ = graph("Bà Hoàng Thị Mai, Phó Chủ tịch UBND tỉnh, cho biết tỉnh Nghệ An và tỉnh Hà Tĩnh sẽ hợp tác.")
    assert post_orgs(g2, "Hoàng Thị Mai") == {URIRef(ID + "org/a1/ủy-ban-nhân-dân-tỉnh")}


def test_a_foreign_minister_meeting_his_vietnamese_counterpart() -> None:
    g, _ = graph("Bộ trưởng Quốc phòng Ngô Xuân Lịch đã hội đàm với Bộ trưởng Quốc phòng James Mattis tại Hà Nội. "
                 "Hai bên nhất trí thúc đẩy quan hệ quốc phòng Việt Nam - Mỹ.")
    assert post_orgs(g, "Ngô Xuân Lịch") == {URIRef(ID + "org/bộ-quốc-phòng")}
    # the article's one foreign country gives his body, the registry's name for it
    assert post_orgs(g, "James Mattis") == {URIRef(ID + "org/bộ-quốc-phòng-mỹ")}
    g2, _ = graph("Bộ trưởng Nội vụ Bruno Le Roux đã từ chức, truyền thông Pháp đưa tin.")
    assert post_orgs(g2, "Bruno Le Roux") == {URIRef(ID + "org/bộ-nội-vụ-pháp")}


def test_a_pre_2025_province_body_keeps_its_node_and_says_what_it_merged_into() -> None:
    g, _ = graph("Ông Lê Văn Sơn, Chủ tịch UBND tỉnh Bắc Giang, đã kiểm tra công trình.")
    node = URIRef(ID + "org/ủy-ban-nhân-dân-tỉnh-bắc-giang")
    assert post_orgs(g, "Lê Văn Sơn") == {node}
    assert labels(g, node) == {"Ủy ban nhân dân tỉnh Bắc Giang"}
    assert (node, KG.mergedInto, URIRef(ID + "org/ủy-ban-nhân-dân-tỉnh-bắc-ninh")) in g
    kg = default_knowledge().graph
    assert (KGPLACE["bac-giang"], KG.mergedInto, KGPLACE["bac-ninh"]) in kg


def test_the_registry_holds_the_63_provinces_of_before_and_the_34_of_2025() -> None:
    kg = default_knowledge().graph
    before = set(kg.subjects(KG.provinceBeforeMerger, Literal(True)))
    after = set(kg.subjects(KG.provinceAfterMerger, Literal(True)))
    assert len(before) == 63 and len(after) == 34 and after <= before
    merged = {s: o for s, o in kg.subject_objects(KG.mergedInto) if s in before}
    assert set(merged) == before - after and set(merged.values()) <= after
    assert {s for s, o in merged.items() if o == KGPLACE["ho-chi-minh"]} == {KGPLACE["binh-duong"],
                                                                            KGPLACE["ba-ria-vung-tau"]}


def test_provincial_bodies_are_generated_with_one_canonical_label() -> None:
    reg = default_registry()
    for written, label in [("Thành ủy TP.HCM", "Thành ủy thành phố Hồ Chí Minh"),
                           ("HĐND TP.HCM", "Hội đồng nhân dân thành phố Hồ Chí Minh"),
                           ("Tỉnh ủy Nghệ An", "Tỉnh ủy Nghệ An"),
                           ("Đoàn ĐBQH tỉnh Nghệ An", "Đoàn đại biểu Quốc hội tỉnh Nghệ An"),
                           ("Ủy ban MTTQ tỉnh Nghệ An", "Ủy ban Mặt trận Tổ quốc tỉnh Nghệ An"),
                           ("Sở TN&MT Yên Bái", "Sở Tài nguyên và Môi trường tỉnh Yên Bái")]:
        assert reg.resolve(written).label == label, written
    assert reg.resolve("Thành ủy Huế").label == "Thành ủy Huế"  # the city's committee, not the province's


def test_facts_lines_keep_what_the_registry_says() -> None:
    from kg.extract.facts_json import from_json, to_json

    _, facts = graph("Ông Trần Văn Bình, Bộ trưởng Bộ KH-ĐT, phát biểu. Bà Lê Thị Hà, Phó Chủ tịch UBND tỉnh, dự.")
    back = from_json(to_json(facts[0], "0" * 16))
    orgs = {p.person.name: p.org for p in back.posts}
    assert orgs["Trần Văn Bình"].parent == "Chính phủ" and orgs["Trần Văn Bình"].merged_into == "Bộ Tài chính"
    assert orgs["Lê Thị Hà"].scope == "a1" and orgs["Lê Thị Hà"].parent is None
    assert back.posts == facts[0].posts
