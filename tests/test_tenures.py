"""Tenures (kg/link/tenures.py): one org:Membership per person and post, begun and ended where changes say when.

Dated articles written for these tests in the style of Vietnamese political news; the names are invented.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import RDF, Graph
from rdflib.namespace import PROV

from kg.cli import main
from kg.link.tenures import Attestation, closure
from kg.namespaces import KG, ORG

SECRETARY = ("s1", "2025-01-10", "Bí thư Tỉnh ủy Nghệ An Nguyễn Văn Thành chủ trì hội nghị tổng kết công tác năm.")
TRANSFER = ("s2", "2025-03-06", "Ngày 5/3/2025, Bộ Chính trị quyết định điều động ông Nguyễn Văn Thành, Bí thư "
                                "Tỉnh ủy Nghệ An, giữ chức Phó Trưởng Ban Tổ chức Trung ương.")
SUCCESSOR = ("s3", "2025-03-08", "Ngày 7/3, Bộ Chính trị quyết định bổ nhiệm ông Lê Quang Hải giữ chức Bí thư Tỉnh "
                                 "ủy Nghệ An.")
LATER = ("s4", "2025-06-01", "Bí thư Tỉnh ủy Nghệ An Lê Quang Hải làm việc với Sở Tư pháp tỉnh. Nguyên Bí thư Tỉnh "
                             "ủy Nghệ An Trần Minh Đức cũng tham dự.")
RETIRED = ("r1", "2025-06-20", "Ông Phạm Văn Long, Giám đốc Sở Tư pháp tỉnh Nghệ An, được nghỉ hưu theo chế độ từ "
                               "ngày 1/7/2025.")
UNDATED = ("u1", None, "Chủ tịch UBND tỉnh Hà Tĩnh Võ Trọng Hải kiểm tra tiến độ dự án.")

QUERY = """
PREFIX org: <http://www.w3.org/ns/org#> PREFIX kg: <https://w3id.org/kg-vn/ns#>
PREFIX time: <http://www.w3.org/2006/time#> PREFIX schema: <https://schema.org/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?name ?post ?start ?end ?before ?ended ?first ?last ?n WHERE {
  ?m a org:Membership ; org:member/schema:name ?name ; kg:post/rdfs:label ?post ; org:memberDuring ?i ;
     kg:attestations ?n .
  OPTIONAL { ?i time:hasBeginning/time:inXSDDate ?start } OPTIONAL { ?i time:hasEnd/time:inXSDDate ?end }
  OPTIONAL { ?i kg:endedBefore ?before } OPTIONAL { ?i kg:ended ?ended }
  OPTIONAL { ?m kg:firstAttested ?first } OPTIONAL { ?m kg:lastAttested ?last } }
"""


def corpus(path: Path, rows: list[tuple[str, str | None, str]]) -> Path:
    path.write_text("".join(json.dumps({"id": i, "text": t, **({"date": d} if d else {})}, ensure_ascii=False)
                            + "\n" for i, d, t in rows), encoding="utf-8")
    return path


def tenures(tmp: Path, rows: list[tuple[str, str | None, str]]) -> dict[tuple[str, str], tuple]:
    out = tmp / "g.nt"
    assert main(["build", str(corpus(tmp / "in.jsonl", rows)), "-o", str(out), "-q", "-j", "1"]) == 0
    found = {}
    for r in Graph().parse(out, format="nt").query(QUERY):
        key = (str(r.name), str(r.post))
        assert key not in found, f"two tenures of {key}"
        found[key] = tuple(None if v is None else str(v) for v in (r.start, r.end, r.before, r.ended, r.first,
                                                                  r.last, r.n))
    return found


def test_a_transfer_ends_the_post_it_leaves_and_begins_the_one_it_gives(tmp_path: Path) -> None:
    t = tenures(tmp_path, [SECRETARY, TRANSFER])
    assert t[("Nguyễn Văn Thành", "Bí thư Tỉnh ủy Nghệ An")] == (
        None, "2025-03-05", None, "true", "2025-01-10", "2025-01-10", "2")
    assert t[("Nguyễn Văn Thành", "Phó Trưởng ban Ban Tổ chức Trung ương")] == (
        "2025-03-05", None, None, None, "2025-03-06", "2025-03-06", "1")


def test_a_successor_closes_the_predecessors_tenure_of_a_one_holder_post(tmp_path: Path) -> None:
    t = tenures(tmp_path, [SECRETARY, SUCCESSOR])
    # the appointment gives a day and month: the year is the article's
    assert t[("Lê Quang Hải", "Bí thư Tỉnh ủy Nghệ An")][:2] == ("2025-03-07", None)
    assert t[("Nguyễn Văn Thành", "Bí thư Tỉnh ủy Nghệ An")][:4] == (None, "2025-03-07", None, "true")


def test_a_predecessor_stated_as_holding_the_post_later_is_not_closed(tmp_path: Path) -> None:
    still = ("s5", "2025-04-02", "Bí thư Tỉnh ủy Nghệ An Nguyễn Văn Thành tiếp đoàn công tác của Bộ Y tế.")
    t = tenures(tmp_path, [SECRETARY, SUCCESSOR, still])
    assert t[("Nguyễn Văn Thành", "Bí thư Tỉnh ủy Nghệ An")] == (
        None, None, None, None, "2025-01-10", "2025-04-02", "2")


def test_a_retirement_ends_the_post_on_its_date(tmp_path: Path) -> None:
    t = tenures(tmp_path, [RETIRED])
    assert t[("Phạm Văn Long", "Giám đốc Sở Tư pháp tỉnh Nghệ An")] == (
        None, "2025-07-01", None, "true", None, None, "1")


def test_a_former_post_ended_before_its_articles_date_and_no_date_is_invented(tmp_path: Path) -> None:
    t = tenures(tmp_path, [LATER, UNDATED])
    assert t[("Trần Minh Đức", "Bí thư Tỉnh ủy Nghệ An")] == (None, None, "2025-06-01", "true", None, None, "1")
    assert t[("Lê Quang Hải", "Bí thư Tỉnh ủy Nghệ An")] == (None, None, None, None, "2025-06-01", "2025-06-01", "1")
    assert t[("Võ Trọng Hải", "Chủ tịch Ủy ban nhân dân tỉnh Hà Tĩnh")] == (None, None, None, None, None, None, "1")


def test_every_tenure_derives_from_statements_and_changes_the_graph_holds(tmp_path: Path) -> None:
    out = tmp_path / "g.nt"
    assert main(["build", str(corpus(tmp_path / "in.jsonl", [SECRETARY, TRANSFER, SUCCESSOR, LATER])), "-o",
                 str(out), "-q", "-j", "1"]) == 0
    g = Graph().parse(out, format="nt")
    derived = {x for m in g.subjects(RDF.type, ORG.Membership) for x in g.objects(m, PROV.wasDerivedFrom)}
    assert len(derived) == 5  # two statements of holding, two changes (one cited twice), one former holding
    assert {x for x in derived if (x, RDF.type, None) not in g} == set()
    assert {g.value(x, RDF.type) for x in derived} == {RDF.Statement, KG.PersonnelChange}


@pytest.mark.parametrize("split", [1, 2, 3])
def test_a_graph_with_tenures_built_in_two_steps_equals_the_graph_built_at_once(tmp_path: Path, split: int) -> None:
    rows = [SECRETARY, TRANSFER, SUCCESSOR, LATER]
    whole, steps = tmp_path / "whole.nt", tmp_path / "steps.nt"
    assert main(["build", str(corpus(tmp_path / "all.jsonl", rows)), "-o", str(whole), "-q", "-j", "1"]) == 0
    assert main(["build", str(corpus(tmp_path / "one.jsonl", rows[:split])), "-o", str(steps), "-q", "-j", "1"]) == 0
    assert main(["build", str(corpus(tmp_path / "two.jsonl", rows[split:])), "--into", str(steps), "-q",
                 "-j", "1"]) == 0
    assert steps.read_bytes() == whole.read_bytes()


def test_the_groups_an_update_reduces_again_reach_every_holder_of_a_one_holder_post() -> None:
    def att(group: str, post: str, single: bool = True) -> Attestation:
        return Attestation("a", group, group, post, ("post", 0), None, "current", single=single)

    atts = [att("a", "bí-thư|tỉnh ủy x"), att("b", "bí-thư|tỉnh ủy x"), att("b", "chủ-tịch|ubnd y"),
            att("c", "chủ-tịch|ubnd y"), att("d", "ủy-viên|tỉnh ủy x", single=False),
            att("a", "ủy-viên|tỉnh ủy x", single=False)]
    assert closure({"a"}, atts) == {"a", "b", "c"}
    assert closure({"d"}, atts) == {"d"}


def test_one_appointment_reported_by_two_articles_is_one_beginning(tmp_path: Path) -> None:
    again = ("s3b", "2025-03-09", "Ngày 7/3/2025, Bộ Chính trị quyết định bổ nhiệm ông Lê Quang Hải giữ chức Bí thư "
                                  "Tỉnh ủy Nghệ An.")
    t = tenures(tmp_path, [SECRETARY, SUCCESSOR, again])
    assert t[("Lê Quang Hải", "Bí thư Tỉnh ủy Nghệ An")] == (
        "2025-03-07", None, None, None, "2025-03-08", "2025-03-09", "2")
    assert t[("Nguyễn Văn Thành", "Bí thư Tỉnh ủy Nghệ An")][1] == "2025-03-07"


def test_a_suspension_from_a_former_post_derives_from_the_former_holding(tmp_path: Path) -> None:
    suspended = ("d1", "2025-04-02", "Ông Lê Văn Tâm, nguyên Phó Thủ trưởng Cơ quan Cảnh sát điều tra Công an tỉnh "
                                     "Tiền Giang, vắng mặt. Công an tỉnh đã tạm đình chỉ công tác đối với ông Tâm.")
    out = tmp_path / "g.nt"
    assert main(["build", str(corpus(tmp_path / "in.jsonl", [suspended])), "-o", str(out), "-q", "-j", "1"]) == 0
    g = Graph().parse(out, format="nt")
    assert len(set(g.subjects(RDF.type, KG.PersonnelChange))) == 1
    derived = {x for m in g.subjects(RDF.type, ORG.Membership) for x in g.objects(m, PROV.wasDerivedFrom)}
    assert derived and {x for x in derived if (x, RDF.type, None) not in g} == set()
    assert {g.value(x, RDF.predicate) for x in derived if g.value(x, RDF.type) == RDF.Statement} == {KG.heldFormerly}
