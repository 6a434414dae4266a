"""Cross-article person linking (kg/link/across.py): one node per real person, decided by evidence, not spelling.

Articles written for these tests in the style of Vietnamese political news; the names are invented or common.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import RDF, Graph, URIRef

from kg.cli import main
from kg.link.across import Profile, link_group
from kg.link.curation import Curation, read_curation
from kg.namespaces import KG, ORG, SCHEMA
from tests.test_scale import jsonl

HOMONYMS = [
    ("a1", "Sáng 5/3, Chủ tịch UBND tỉnh Bình Dương Nguyễn Văn Hùng đã tiếp đoàn công tác của Bộ Y tế."),
    ("a2", "Phát biểu tại buổi làm việc, Chủ tịch UBND tỉnh Bình Dương Nguyễn Văn Hùng đề nghị các sở đẩy nhanh "
           "tiến độ."),
    ("a3", "Viện trưởng Viện Kiểm sát nhân dân tỉnh Quảng Trị Nguyễn Văn Hùng cho biết vụ án đã được khởi tố."),
]
CAREER = [  # a provincial secretary who becomes a minister: the article naming both posts ties them
    ("b1", "Bí thư Tỉnh ủy Quảng Ninh Nguyễn Văn Đọc chủ trì hội nghị tổng kết công tác năm."),
    ("b2", "Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Quảng Ninh Nguyễn Văn Đọc phát biểu chỉ đạo."),
    ("b3", "Ủy viên Trung ương Đảng, Bộ trưởng Bộ Tài nguyên và Môi trường Nguyễn Văn Đọc đã ký quyết định."),
]
ONE_PROVINCE = [  # two leadership bodies of one province: one career
    ("c1", "Phó Chủ tịch UBND tỉnh Nghệ An Lê Thị Hoà dự lễ khai mạc."),
    ("c2", "Phó Chủ tịch HĐND tỉnh Nghệ An Lê Thị Hòa phát biểu tại kỳ họp."),
]
VAGUE = ("d1", "Chủ tịch Nguyễn Văn Hùng khẳng định sẽ xử lý nghiêm các sai phạm.")
BYLINES = [
    ("e1", "Bí thư Tỉnh ủy Hà Nam Lê Văn Tâm thăm các gia đình chính sách.\nẢnh: Minh Hà - TTXVN"),
    ("e2", "Chủ tịch UBND tỉnh Hà Nam Trần Quốc Vinh kiểm tra công trình.\nẢnh: Minh Hà - TTXVN"),
]


def build(tmp: Path, rows: list[tuple[str, str]], *extra: str, name: str = "graph.nt") -> Graph:
    src = tmp / f"{name}.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in rows),
                   encoding="utf-8")
    out = tmp / name
    assert main(["build", str(src), "-o", str(out), "-q", "-j", "1", *extra]) == 0
    return Graph().parse(out, format="nt")


def persons(g: Graph, name: str) -> set[URIRef]:
    return {p for p in g.subjects(RDF.type, SCHEMA.Person)
            if any(str(n).casefold() == name.casefold() for n in g.objects(p, SCHEMA.name))}


def person_of(g: Graph, article: str, name: str) -> URIRef:
    art = URIRef(f"https://w3id.org/kg-vn/id/article/{article}")
    found = {p for p in g.objects(art, SCHEMA.mentions) if p in persons(g, name)}
    assert len(found) == 1, found
    return found.pop()


def test_homonyms_in_two_provinces_are_two_persons_and_one_body_is_one(tmp_path: Path) -> None:
    g = build(tmp_path, HOMONYMS)
    assert len(persons(g, "Nguyễn Văn Hùng")) == 2
    assert person_of(g, "a1", "Nguyễn Văn Hùng") == person_of(g, "a2", "Nguyễn Văn Hùng")
    assert person_of(g, "a1", "Nguyễn Văn Hùng") != person_of(g, "a3", "Nguyễn Văn Hùng")
    assert str(person_of(g, "a1", "Nguyễn Văn Hùng")).startswith("https://w3id.org/kg-vn/id/person/nguyễn-văn-hùng--")


def test_a_career_from_province_to_ministry_is_one_person(tmp_path: Path) -> None:
    g = build(tmp_path, CAREER)
    (person,) = persons(g, "Nguyễn Văn Đọc")
    assert len(set(g.objects(person, ORG.holds))) >= 3


def test_two_leadership_bodies_of_one_province_and_tone_variants_are_one_person(tmp_path: Path) -> None:
    g = build(tmp_path, ONE_PROVINCE)
    (person,) = persons(g, "Lê Thị Hòa")
    assert len(set(g.objects(person, SCHEMA.name))) == 1  # one name; other spellings are alternateName


def test_a_mention_without_evidence_among_several_persons_stays_in_its_article(tmp_path: Path) -> None:
    two_chairmen = [HOMONYMS[0], ("a4", "Chủ tịch HĐND tỉnh Quảng Trị Nguyễn Văn Hùng khai mạc kỳ họp thứ ba.")]
    g = build(tmp_path, [*two_chairmen, VAGUE])
    vague = person_of(g, "d1", "Nguyễn Văn Hùng")
    assert (vague, KG.identityScope, URIRef("https://w3id.org/kg-vn/id/article/d1")) in g
    assert len(persons(g, "Nguyễn Văn Hùng")) == 3


def test_a_mention_without_a_body_is_the_one_of_its_name_who_holds_its_role(tmp_path: Path) -> None:
    g = build(tmp_path, [*HOMONYMS, VAGUE])  # a chairman and a procurator: "Chủ tịch Nguyễn Văn Hùng" is the first
    assert person_of(g, "d1", "Nguyễn Văn Hùng") == person_of(g, "a1", "Nguyễn Văn Hùng")
    assert len(persons(g, "Nguyễn Văn Hùng")) == 2


def test_a_mention_without_evidence_is_the_one_person_of_its_name(tmp_path: Path) -> None:
    g = build(tmp_path, [HOMONYMS[0], VAGUE])
    assert person_of(g, "d1", "Nguyễn Văn Hùng") == person_of(g, "a1", "Nguyễn Văn Hùng")


def test_photographers_are_journalists_apart_from_officials(tmp_path: Path) -> None:
    g = build(tmp_path, BYLINES)
    (journalist,) = persons(g, "Minh Hà")
    assert (journalist, RDF.type, KG.Journalist) in g
    assert not set(g.objects(journalist, ORG.holds))
    assert all((p, RDF.type, KG.Journalist) not in g for p in persons(g, "Lê Văn Tâm"))


def test_iris_do_not_change_when_articles_about_other_people_are_added(tmp_path: Path) -> None:
    before = build(tmp_path, HOMONYMS, name="before.nt")
    after = build(tmp_path, [*HOMONYMS, *CAREER, *ONE_PROVINCE, *BYLINES], name="after.nt")
    for article, _ in HOMONYMS:
        assert person_of(before, article, "Nguyễn Văn Hùng") == person_of(after, article, "Nguyễn Văn Hùng")


def test_the_same_input_gives_byte_identical_output_whatever_the_jobs(tmp_path: Path) -> None:
    rows = [*HOMONYMS, *CAREER, *ONE_PROVINCE, VAGUE, *BYLINES]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in rows),
                   encoding="utf-8")
    for jobs in ("1", "2"):
        assert main(["build", str(src), "-o", str(tmp_path / f"j{jobs}.nt"), "-q", "-j", jobs]) == 0
    assert (tmp_path / "j1.nt").read_bytes() == (tmp_path / "j2.nt").read_bytes()


# -- curation ----------------------------------------------------------------------------------------------

def test_curation_splits_and_joins_persons(tmp_path: Path) -> None:
    cur = tmp_path / "curation.tsv"
    cur.write_text("# a user's decisions\n"
                   "different\ta1:Nguyễn Văn Hùng\ta2:Nguyễn Văn Hùng\tthe 2017 and the 2020 chairman\n"
                   "same\ta2:Nguyễn Văn Hùng\ta3:Nguyễn Văn Hùng\n", encoding="utf-8")
    g = build(tmp_path, HOMONYMS, "--curation", str(cur))
    one, two, three = (person_of(g, a, "Nguyễn Văn Hùng") for a in ("a1", "a2", "a3"))
    assert one != two and two == three


@pytest.mark.parametrize(("line", "why"), [
    ("maybe\ta1:X Y\ta2:X Y\n", "expected 'same' or 'different'"),
    ("same\ta1 Nguyễn Văn Hùng\ta2:Nguyễn Văn Hùng\n", "is not ARTICLE:NAME"),
    ("same\ta1:Nguyễn Văn Hùng\ta2:Nguyễn Văn Hưng\n", "are not one name"),
])
def test_a_bad_curation_line_is_refused_naming_file_and_line(tmp_path: Path, line: str, why: str) -> None:
    cur = tmp_path / "c.tsv"
    cur.write_text("# header\n" + line, encoding="utf-8")
    with pytest.raises(ValueError, match=rf"c\.tsv:2: .*{why}"):
        read_curation(cur)


def test_a_curated_split_holds_against_shared_evidence() -> None:
    group = [Profile("x1", "Trần Văn Nam", ("body:tỉnh-ủy-bình-dương",)),
             Profile("x2", "Trần Văn Nam", ("body:tỉnh-ủy-bình-dương",)),
             Profile("x3", "Trần Văn Nam", ("body:tỉnh-ủy-bình-dương",))]
    assert len({i.key for i in link_group(group).values()}) == 1
    apart = Curation(different=[(("x1", "Trần Văn Nam"), ("x3", "Trần Văn Nam"))])
    decided = link_group(group, apart)
    assert decided[("x1", "Trần Văn Nam", False)].key != decided[("x3", "Trần Văn Nam", False)].key


# -- incremental: --into re-links the name groups an update touches ----------------------------------------------


CORPUS = [*HOMONYMS, *CAREER, *ONE_PROVINCE, *BYLINES, VAGUE]


@pytest.mark.parametrize("suffix", ["ttl", "nt", "trig"])
def test_a_graph_built_in_two_steps_equals_the_graph_built_at_once(tmp_path: Path, suffix: str) -> None:
    whole, steps = tmp_path / f"whole.{suffix}", tmp_path / f"steps.{suffix}"
    assert main(["build", str(jsonl(tmp_path / "all.jsonl", CORPUS)), "-o", str(whole), "-q", "-j", "1"]) == 0
    assert main(["build", str(jsonl(tmp_path / "one.jsonl", CORPUS[:5])), "-o", str(steps), "-q", "-j", "1"]) == 0
    assert main(["build", str(jsonl(tmp_path / "two.jsonl", CORPUS[5:])), "--into", str(steps), "-q",
                 "-j", "1"]) == 0
    assert steps.read_bytes() == whole.read_bytes()
    assert (tmp_path / f".steps.{suffix}.facts.jsonl.gz").read_bytes() == \
        (tmp_path / f".whole.{suffix}.facts.jsonl.gz").read_bytes()


def test_an_update_re_publishes_the_articles_whose_persons_it_changes(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "g.nt"
    vague = (VAGUE[0], VAGUE[1] + " Bí thư Tỉnh ủy Hà Nam Lê Văn Tâm dự buổi làm việc.")  # and a person of another name
    first = [HOMONYMS[0], vague]  # one Nguyễn Văn Hùng: the vague mention is him
    assert main(["build", str(jsonl(tmp_path / "a.jsonl", first)), "-o", str(out), "-q", "-j", "1"]) == 0
    g = Graph().parse(out, format="nt")
    assert person_of(g, "d1", "Nguyễn Văn Hùng") == person_of(g, "a1", "Nguyễn Văn Hùng")
    capsys.readouterr()
    namesake = [("a4", "Chủ tịch HĐND tỉnh Quảng Trị Nguyễn Văn Hùng khai mạc kỳ họp thứ ba.")]
    assert main(["build", str(jsonl(tmp_path / "b.jsonl", namesake)), "--into", str(out), "-q", "-j", "1"]) == 0
    assert "re-linked 1" in capsys.readouterr().err  # d1, already in the graph, is ambiguous now
    g = Graph().parse(out, format="nt")
    assert (person_of(g, "d1", "Nguyễn Văn Hùng"), KG.identityScope,
            URIRef("https://w3id.org/kg-vn/id/article/d1")) in g
    whole = tmp_path / "whole.nt"  # the re-published article is as a build of everything at once writes it
    assert main(["build", str(jsonl(tmp_path / "all.jsonl", [*first, *namesake])), "-o", str(whole), "-q",
                 "-j", "1"]) == 0
    assert out.read_bytes() == whole.read_bytes()


def test_a_store_built_in_two_steps_holds_the_graph_built_at_once(tmp_path: Path) -> None:
    from kg.publish import store

    whole = tmp_path / "whole.nt"
    assert main(["build", str(jsonl(tmp_path / "all.jsonl", CORPUS)), "-o", str(whole), "-q", "-j", "1"]) == 0
    db = tmp_path / "db"
    assert main(["build", str(jsonl(tmp_path / "one.jsonl", CORPUS[:5])), "--into", str(db), "-q", "-j", "1"]) == 0
    assert main(["build", str(jsonl(tmp_path / "two.jsonl", CORPUS[5:])), "--into", str(db), "-q", "-j", "1"]) == 0
    held = store.open_store(db, read_only=True)
    triples = {(str(q.subject), str(q.predicate), str(q.object)) for q in held.quads_for_pattern(None, None, None)}
    expected = {(s.n3(), p.n3(), o.n3()) for s, p, o in Graph().parse(whole, format="nt")}
    assert triples == expected


def test_an_output_of_an_older_kg_is_updated_and_says_its_persons_were_not_re_linked(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "g.nt"
    assert main(["build", str(jsonl(tmp_path / "a.jsonl", HOMONYMS)), "-o", str(out), "-q", "-j", "1"]) == 0
    (tmp_path / ".g.nt.facts.jsonl.gz").unlink()  # as an output written before kg kept its facts
    capsys.readouterr()
    assert main(["build", str(jsonl(tmp_path / "b.jsonl", [VAGUE])), "--into", str(out), "-q", "-j", "1"]) == 0
    assert "3 articles already in the output have no facts kept beside it" in capsys.readouterr().err


def test_the_network_leaves_journalists_out_unless_asked(tmp_path: Path) -> None:
    from kg.network import entity_graph, structural

    build(tmp_path, BYLINES)
    G = entity_graph(tmp_path / "graph.nt")
    journalists = [n for n, j in G.nodes(data="journalist") if j]
    assert len(journalists) == 1 and G.nodes[journalists[0]]["label"] == "Minh Hà"
    assert journalists[0] not in structural(G, with_mentions=True)
    assert journalists[0] in structural(G, with_mentions=True, with_credits=True)


def test_a_short_given_name_is_the_full_one(tmp_path: Path) -> None:
    g = build(tmp_path, [("m1", "Bộ trưởng Quốc phòng Mỹ James Mattis đến Hà Nội chiều nay."),
                         ("m2", "Bộ trưởng Quốc phòng Mỹ Jim Mattis gặp người đồng cấp Việt Nam.")])
    people = {p for p in g.subjects(RDF.type, SCHEMA.Person)
              if {str(n) for n in g.objects(p, SCHEMA.name)} & {"James Mattis", "Jim Mattis"}}
    assert len(people) == 1
    (person,) = people
    names = {str(n) for n in g.objects(person, SCHEMA.name)} | {str(n) for n in g.objects(person, SCHEMA.alternateName)}
    assert names == {"James Mattis", "Jim Mattis"}


TIED = [  # two persons of one name, then an article that names both posts: one career
    ("t1", "Giám đốc Sở Y tế tỉnh Nam Định Trần Văn Nam cho biết tỉnh đã tiêm chủng cho 95% trẻ em."),
    ("t2", "Giám đốc Công ty Dệt may Sông Hồng Trần Văn Nam ký hợp đồng xuất khẩu với đối tác Hàn Quốc."),
    ("t3", "Ông Trần Văn Nam, Giám đốc Sở Y tế tỉnh Nam Định, nguyên Giám đốc Công ty Dệt may Sông Hồng, dự lễ."),
]


def test_curation_by_person_iri_in_tsv_and_turtle_holds_when_articles_are_added(tmp_path: Path) -> None:
    g = build(tmp_path, TIED[:2], name="first.nt")
    one, two = person_of(g, "t1", "Trần Văn Nam"), person_of(g, "t2", "Trần Văn Nam")
    assert one != two
    assert len(persons(build(tmp_path, TIED, name="tied.nt"), "Trần Văn Nam")) == 1  # t3 ties the two
    ttl = tmp_path / "apart.ttl"
    ttl.write_text(f"@prefix owl: <http://www.w3.org/2002/07/owl#> .\n<{one}> owl:differentFrom <{two}> .\n",
                   encoding="utf-8")
    g = build(tmp_path, TIED, "--curation", str(ttl), name="apart.nt")
    apart = [person_of(g, a, "Trần Văn Nam") for a in ("t1", "t2", "t3")]
    assert apart[0] != apart[1] and apart[2] in apart[:2]  # t3 names both posts: its contexts decide
    tsv = tmp_path / "same.tsv"
    tsv.write_text(f"same\t{one}\t<{two}>\n", encoding="utf-8")  # as printed by kg persons, or in brackets
    g = build(tmp_path, TIED[:2], "--curation", str(tsv), name="same.nt")
    assert person_of(g, "t1", "Trần Văn Nam") == person_of(g, "t2", "Trần Văn Nam")


@pytest.mark.parametrize(("text", "why"), [
    ("<https://w3id.org/kg-vn/id/person/trần-văn-nam--1> <http://www.w3.org/2002/07/owl#sameAs> "
     "<https://w3id.org/kg-vn/id/person/trần-văn-năm--2> .", "are not one name"),
    ("<https://w3id.org/kg-vn/id/person/trần-văn-nam--1> <http://www.w3.org/2002/07/owl#sameAs> "
     "<https://w3id.org/kg-vn/id/org/sở-y-tế> .", "both sides must be person IRIs"),
    ("<https://w3id.org/kg-vn/id/person/trần-văn-nam--1> <http://www.w3.org/2002/07/owl#sameAs> "
     "<https://w3id.org/kg-vn/id/person/trần-văn-nam--by-ttxvn> .", "a journalist's"),
    ("<http://x/a> <http://x/b> <http://x/c> .", "no owl:sameAs or owl:differentFrom"),
])
def test_a_bad_turtle_curation_is_refused(tmp_path: Path, text: str, why: str) -> None:
    cur = tmp_path / "c.ttl"
    cur.write_text(text + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=why):
        read_curation(cur)
