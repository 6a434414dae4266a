"""Knowledge is data: a word added to ontology/ changes what kg reads, with no code change."""

from __future__ import annotations

from pathlib import Path

from kg.corpus import Article
from kg.extract import Extractor
from kg.knowledge import load

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"
SENTENCE = "Sáng 5/3/2025, Lễ phát động phong trào thi đua yêu nước năm 2025 diễn ra tại tỉnh Nam Định."


def _with(tmp_path: Path, turtle: str) -> Extractor:
    onto = tmp_path / "ontology"
    onto.mkdir()
    for path in ONTOLOGY.glob("*.ttl"):
        (onto / path.name).write_bytes(path.read_bytes())
    (onto / "extra.ttl").write_text(
        "@prefix kg: <https://w3id.org/kg-vn/ns#> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        + turtle, "utf-8")
    return Extractor(knowledge=load(onto))


def test_a_new_event_head_is_a_data_edit(tmp_path: Path) -> None:
    before = Extractor()(Article(id="t", text=SENTENCE)).events
    assert not any(e.label.startswith("Lễ phát động") for e in before)
    extractor = _with(tmp_path, '<https://w3id.org/kg-vn/word/ev-head-le-phat-dong> a kg:EventHead ; '
                                'skos:prefLabel "Lễ phát động"@vi .\n')
    (event,) = extractor(Article(id="t", text=SENTENCE)).events
    assert event.label == "Lễ phát động phong trào thi đua yêu nước năm 2025"
    assert (event.date, event.place) == ("2025-03-05", "tỉnh Nam Định")


def test_a_new_credit_head_is_a_data_edit(tmp_path: Path) -> None:
    text = "Chủ tịch UBND tỉnh Nam Định Trần Văn Bình cho biết như vậy. Đồ họa: Minh Anh - TTXVN\nTin mới nhất."
    assert not any(c.person == "Minh Anh" for c in Extractor()(Article(id="t", text=text)).credits)
    extractor = _with(tmp_path, '<https://w3id.org/kg-vn/word/cr-head-do-hoa> a kg:CreditHead ; '
                                'skos:prefLabel "Đồ họa"@vi .\n')
    credits = extractor(Article(id="t", text=text)).credits
    assert [(c.person, c.agency, c.kind) for c in credits if c.person == "Minh Anh"] == [("Minh Anh", "TTXVN", "photo")]
