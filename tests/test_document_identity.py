"""Document identity across articles (kg/link/documents.py, issue 10 point 4).

Each test builds one graph from two short articles written for it and counts the ``eli:LegalResource`` nodes:
a symbol plus what disambiguates it (the year when the symbol has none, the issuer's place when the issuer code
is a local one) is one document across articles; a bare number, or a symbol whose issuer the text does not give,
stays its article's.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, SKOS, Graph, URIRef

from kg.cli import main
from kg.corpus import Article
from kg.knowledge import default_knowledge
from kg.link.documents import DocumentIdentity
from kg.namespaces import ELI
from kg.publish.rdf import GraphBuilder
from kg.run.build import facts_of
from tests.test_scale import jsonl


def graph(*texts: str) -> Graph:
    builder = GraphBuilder()
    g = builder.new_graph()
    for n, text in enumerate(texts, start=1):
        builder.add(g, facts_of(Article(id=f"a{n}", text=text)))
    return g


def documents(g: Graph) -> dict[URIRef, tuple[list[str], list[str]]]:
    """document node → (its eli:id_local values, its eli:date_document values), sorted."""
    return {d: (sorted(str(o) for o in g.objects(d, ELI.id_local)),
                sorted(str(o) for o in g.objects(d, ELI.date_document)))
            for d in g.subjects(RDF.type, ELI.LegalResource) if isinstance(d, URIRef)}


QUANG_NAM = ("Ngày 5/3/2017, UBND tỉnh Quảng Nam ban hành Quyết định số 327/QĐ-UBND về việc phê duyệt kế hoạch "
             "trồng rừng ven biển.")
QUANG_NAM_AGAIN = ("Thực hiện Quyết định số 327/QĐ-UBND ngày 5/3/2017 của Ủy ban nhân dân tỉnh Quảng Nam, các huyện "
                   "ven biển đã trồng mới 200 ha rừng.")
NGHE_AN = ("Chủ tịch UBND tỉnh Nghệ An vừa ký Quyết định số 327/QĐ-UBND ngày 10/3/2017 về việc thành lập Ban Chỉ "
           "đạo phòng, chống thiên tai.")


def test_two_provinces_327_qd_ubnd_are_two_documents() -> None:
    docs = documents(graph(QUANG_NAM, NGHE_AN))
    assert sorted(v for v in docs.values()) == [(["327/QĐ-UBND"], ["2017-03-05"]), (["327/QĐ-UBND"], ["2017-03-10"])]
    assert not any("/a1/" in d or "/a2/" in d for d in docs)  # each province's is a document of its own, not scoped


def test_one_province_327_qd_ubnd_in_two_articles_is_one_document() -> None:
    docs = documents(graph(QUANG_NAM, QUANG_NAM_AGAIN))
    assert list(docs.values()) == [(["327/QĐ-UBND"], ["2017-03-05"])]


def test_qd_ubnd_whose_province_is_not_given_stays_in_its_article() -> None:
    text = "Ngày 3/1/2017, UBND tỉnh đã ban hành Quyết định số 12/QĐ-UBND về việc giao chỉ tiêu tuyển sinh."
    docs = documents(graph(text, text))
    assert len(docs) == 2 and all(v == (["12/QĐ-UBND"], ["2017-01-03"]) for v in docs.values())


def test_58_2016_qd_ttg_written_two_ways_is_one_document_with_one_id() -> None:
    g = graph("Theo Quyết định số 58/2016/QĐ-Ttg của Thủ tướng Chính phủ, tiêu chí phân loại doanh nghiệp đã thay đổi.",
              "Quyết định 58/2016/QĐ-TTg quy định tiêu chí phân loại doanh nghiệp nhà nước.")
    docs = documents(g)
    assert list(docs.values()) == [(["58/2016/QĐ-TTg"], [])]
    (node,) = docs
    assert sorted(str(o) for o in g.objects(node, SKOS.altLabel)) == ["58/2016/QĐ-Ttg"]  # as one article wrote it


def test_nq_tw_symbol_of_two_years_is_two_documents() -> None:
    g = graph("Nghị quyết số 49-NQ/TW ngày 20/6/1961 của Bộ Chính trị bàn về công tác xây dựng Đảng.",
              "Nghị quyết số 49-NQ/TW ngày 2/6/2005 của Bộ Chính trị về Chiến lược cải cách tư pháp đến năm 2020.")
    docs = documents(g)
    assert sorted(docs.values()) == [(["49-NQ/TW"], ["1961-06-20"]), (["49-NQ/TW"], ["2005-06-02"])]


def test_nq_tw_symbol_of_one_year_written_two_ways_is_one_document() -> None:
    g = graph("Nghị quyết số 49-NQ/TW ngày 2/6/2005 của Bộ Chính trị về Chiến lược cải cách tư pháp.",
              "Tỉnh ủy sơ kết Nghị quyết 49/NQ-TW ngày 2/6/2005 của Bộ Chính trị.")
    assert list(documents(g).values()) == [(["49-NQ/TW"], ["2005-06-02"])]


def test_bare_number_in_two_articles_is_two_documents() -> None:
    text = "Tỉnh ủy tổ chức hội nghị quán triệt Nghị quyết số 35 của Bộ Chính trị."
    docs = documents(graph(text, text))
    assert len(docs) == 2 and all(v == (["35"], []) for v in docs.values())
    assert all("/document/a1/" in d or "/document/a2/" in d for d in docs)


def test_unlinked_year_less_symbol_without_a_date_is_one_undated_document_apart_from_dated_ones() -> None:
    undated = "Các cấp ủy tiếp tục thực hiện Chỉ thị 05-CT/TW của Bộ Chính trị về học tập và làm theo Bác."
    dated = "Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về học tập và làm theo Bác được quán triệt."
    docs = documents(graph(undated, undated, dated))
    assert sorted(docs.values()) == [(["05-CT/TW"], []), (["05-CT/TW"], ["2016-05-15"])]


@pytest.mark.parametrize(("written", "normalised"), [
    ("58/2016/QĐ-Ttg", "58/2016/QĐ-TTg"),
    ("58/2016/QĐ–TTg", "58/2016/QĐ-TTg"),
    ("16/NQ-TW", "16-NQ/TW"),
    ("470-QĐNS/TW", "470-QĐNS/TW"),
    ("19-2017/NQ-CP", "19/2017/NQ-CP"),
    ("72/2025/qh15", "72/2025/QH15"),
    ("12/kh-snv", "12/KH-SNV"),
    ("35", "35"),
])
def test_symbol_normalised_by_the_symbol_data(written: str, normalised: str) -> None:
    assert DocumentIdentity(default_knowledge()).symbol(written) == normalised


@pytest.mark.parametrize(("issuer", "key"), [
    ("UBND tỉnh Quảng Nam", "quang-nam"),
    ("Chủ tịch Ủy ban nhân dân tỉnh Quảng Nam", "quang-nam"),
    ("UBND tỉnh", None),
    ("UBND huyện Thanh Trì, thành phố Hà Nội", "ủy-ban-nhân-dân-huyện-thanh-trì-thành-phố-hà-nội"),
])
def test_issuer_key_is_the_place_of_a_places_body(issuer: str, key: str | None) -> None:
    assert DocumentIdentity(default_knowledge()).issuer_key(issuer) == key


# -- across articles: the reduce over a symbol's mentions (kg build links them) ---------------------------------

def linked(tmp: Path, *texts: str) -> Graph:
    src = jsonl(tmp / "in.jsonl", [(f"a{n}", t) for n, t in enumerate(texts, start=1)])
    assert main(["build", str(src), "-o", str(tmp / "g.nt"), "-q", "-j", "1"]) == 0
    return Graph().parse(tmp / "g.nt", format="nt")


UNDATED = "Các cấp ủy tiếp tục thực hiện Chỉ thị 05-CT/TW của Bộ Chính trị về học tập và làm theo Bác."
DATED = "Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về học tập và làm theo Bác được quán triệt."


def test_an_undated_mention_is_the_one_dated_document_of_its_symbol(tmp_path: Path) -> None:
    g = linked(tmp_path, UNDATED, UNDATED, DATED)
    assert list(documents(g).values()) == [(["05-CT/TW"], ["2016-05-15"])]  # one node; no date invented for a1, a2
    dates = [o for s, o in g.subject_objects(ELI.date_document)]
    assert len(dates) == 1


def test_an_undated_mention_of_a_symbol_two_years_use_stays_undated(tmp_path: Path) -> None:
    again = DATED.replace("15/5/2016", "3/2/2021")
    docs = documents(linked(tmp_path, UNDATED, DATED, again))
    assert sorted(docs.values()) == [(["05-CT/TW"], []), (["05-CT/TW"], ["2016-05-15"]),
                                     (["05-CT/TW"], ["2021-02-03"])]


def test_a_document_written_with_two_type_words_is_one_node_of_one_type(tmp_path: Path) -> None:
    g = linked(tmp_path, "Bộ Tài chính đã có Công văn số 301/BTC-TCT hướng dẫn quyết toán thuế năm 2016.",
               "Theo văn bản số 301/BTC-TCT của Bộ Tài chính, doanh nghiệp phải quyết toán trước ngày 31/3.",
               "Nghị định 39-NQ/TW của Bộ Chính trị về tinh giản biên chế được các tỉnh triển khai.",
               "Nghị quyết 39-NQ/TW của Bộ Chính trị về tinh giản biên chế đã được quán triệt.")
    docs = documents(g)
    assert sorted(v[0][0] for v in docs.values()) == ["301/BTC-TCT", "39-NQ/TW"]  # two nodes, not four
    types = {str(d).rsplit("/", 1)[-1]: {str(lab) for t in g.objects(d, ELI.type_document)
                                          for lab in g.objects(t, SKOS.prefLabel)} for d in docs}
    assert types == {"cong-van-301-btc-tct": {"Công văn"}, "nghi-quyet-39-nq-tw": {"Nghị quyết"}}


def test_a_type_code_in_the_issuers_place_does_not_type_the_document(tmp_path: Path) -> None:
    g = linked(tmp_path, "Bộ Tài nguyên và Môi trường đã có Văn bản số 60/BTNMT-TTr gửi UBND tỉnh về việc thanh tra.")
    types = {str(lab) for t in g.objects(None, ELI.type_document) for lab in g.objects(t, SKOS.prefLabel)}
    assert types == {"Văn bản"}  # TTr: the ministry's inspectorate, not a Tờ trình
