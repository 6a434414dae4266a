"""One label per body across articles (kg/link/labels.py): a body the registry does not know, written in
capitals in one article and not in others, is one node with one rdfs:label, and so are its posts.

Articles written for these tests in the style of Vietnamese business and local news.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDFS, Graph, URIRef

from kg.cli import main
from kg.link.labels import BodyName, label_group
from tests.test_scale import jsonl

ID = "https://w3id.org/kg-vn/id/"
ROWS = [
    ("v1", "Tổng Giám đốc Công ty VINACAP Nguyễn Hữu Phước cho biết doanh thu quý I tăng 12%."),
    ("v2", "Theo Tổng Giám đốc Công ty Vinacap Nguyễn Hữu Phước, công ty sẽ mở thêm hai nhà máy."),
    ("v3", "Ông Nguyễn Hữu Phước, Tổng Giám đốc Công ty Vinacap, đã ký hợp đồng với đối tác Nhật Bản."),
]



def labels(g: Graph, iri: str) -> set[str]:
    return {str(o) for o in g.objects(URIRef(ID + iri), RDFS.label)}


def test_a_body_written_two_ways_has_the_label_most_articles_write(tmp_path: Path) -> None:
    out = tmp_path / "g.nt"
    assert main(["build", str(jsonl(tmp_path / "a.jsonl", ROWS)), "-o", str(out), "-q", "-j", "1"]) == 0
    g = Graph().parse(out, format="nt")
    assert labels(g, "org/công-ty-vinacap") == {"Công ty Vinacap"}
    assert labels(g, "post/tổng-giám-đốc--công-ty-vinacap") == {"Tổng Giám đốc Công ty Vinacap"}


def test_an_update_that_changes_a_body_label_re_publishes_the_articles_already_there(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, whole = tmp_path / "g.nt", tmp_path / "whole.nt"
    assert main(["build", str(jsonl(tmp_path / "a.jsonl", ROWS[:1])), "-o", str(out), "-q", "-j", "1"]) == 0
    assert labels(Graph().parse(out, format="nt"), "org/công-ty-vinacap") == {"Công ty VINACAP"}
    capsys.readouterr()
    assert main(["build", str(jsonl(tmp_path / "b.jsonl", ROWS[1:])), "--into", str(out), "-q", "-j", "1"]) == 0
    assert "re-linked 1" in capsys.readouterr().err  # v1 now labels the body as the others do
    assert main(["build", str(jsonl(tmp_path / "all.jsonl", ROWS)), "-o", str(whole), "-q", "-j", "1"]) == 0
    assert out.read_bytes() == whole.read_bytes()


def test_a_full_form_beats_a_re_cased_one_and_ties_go_to_code_point_order() -> None:
    group = [BodyName("a", "k", "Trường Trung Học Phổ Thông Chu Văn An"),
             BodyName("b", "k", "Trường Trung Học Phổ Thông Chu Văn An", ("Trường Trung học phổ thông Chu Văn An",))]
    assert {d.label for d in label_group(group).values()} == {"Trường Trung học phổ thông Chu Văn An"}
    tie = [BodyName("a", "k", "X", ("Công ty Bkav",)), BodyName("b", "k", "X", ("Công ty BKAV",))]
    assert {d.label for d in label_group(tie).values()} == {"Công ty BKAV"}


def test_a_body_written_with_and_without_its_và_is_one_node(tmp_path: Path) -> None:
    rows = [("w1", "Giám đốc Công ty Xây dựng và Thương mại Minh Long Trần Quốc Bảo cho biết dự án xong vào tháng 6."),
            ("w2", "Giám đốc Công ty Xây dựng - Thương mại Minh Long Trần Quốc Bảo đã ký hợp đồng thi công."),
            ("w3", "Ông Trần Quốc Bảo, Giám đốc Công ty Xây dựng và Thương mại Minh Long, dự lễ khởi công.")]
    out = tmp_path / "g.nt"
    assert main(["build", str(jsonl(tmp_path / "a.jsonl", rows)), "-o", str(out), "-q", "-j", "1"]) == 0
    g = Graph().parse(out, format="nt")
    orgs = {str(o) for o in g.subjects(RDFS.label, None) if "/org/" in str(o) and "minh-long" in str(o)}
    assert orgs == {ID + "org/công-ty-xây-dựng-và-thương-mại-minh-long"}
    assert labels(g, "org/công-ty-xây-dựng-và-thương-mại-minh-long") == {"Công ty Xây dựng và Thương mại Minh Long"}


@pytest.mark.parametrize(("written", "label"), [
    ("Cục Kiểm soát hoạt động bảo vệ môi trường", "Cục Kiểm soát hoạt động bảo vệ môi trường"),
    ("Trung tâm Y tế dự phòng tỉnh Nghệ An", "Trung tâm Y tế dự phòng tỉnh Nghệ An"),
    ("Chi cục An toàn vệ sinh thực phẩm", "Chi cục An toàn vệ sinh thực phẩm"),
    ("Vụ Bảo hiểm y tế", "Vụ Bảo hiểm y tế"),
    ("UBND xã Yên Lạc", "Ủy ban nhân dân xã Yên Lạc"),  # a place after a level keeps its capitals
    ("Bộ Quốc phòng Peru", "Bộ Quốc phòng Peru"),  # a foreign word is no Vietnamese syllable
])
def test_an_unknown_body_is_written_as_vietnamese_writes_names_of_bodies(written: str, label: str) -> None:
    from kg.knowledge.registry import default_registry

    assert default_registry().display(written) == label
