"""Behaviours no other test guarded, pinned before the extractors are cut into stages (issue 9, point 7).

Sentences written for these tests; names invented.
"""

from __future__ import annotations

from kg.corpus import Article
from kg.run.build import facts_of


def _facts(text: str):  # noqa: ANN202 - ArticleFacts
    return facts_of(Article(id="t", text=text))


def test_documents_issuer_shared_two_coordinated_documents_take_the_later_issuer() -> None:
    text = ("Quyết định số 12/QĐ-UBND ngày 3/4/2024 và Quyết định số 15/QĐ-UBND ngày 5/4/2024 của UBND tỉnh "
            "Nam Định quy định mức thu phí.")
    docs = {d.number: d for d in _facts(text).documents}
    assert set(docs) == {"12/QĐ-UBND", "15/QĐ-UBND"}
    first, second = docs["12/QĐ-UBND"], docs["15/QĐ-UBND"]
    assert first.issuer is not None and second.issuer is not None
    assert first.issuer.label == second.issuer.label == "Ủy ban nhân dân tỉnh Nam Định"
    assert first.issuer_evidence.rule == "documents.issuer_shared"
    assert second.issuer_evidence.rule == "documents.issuer_of"
    assert (first.date, second.date) == ("2024-04-03", "2024-04-05")


def test_people_body_with_head_minister_of_an_elided_ministry() -> None:
    posts = _facts("Bộ trưởng Công an Lương Văn Quang làm việc với Công an tỉnh Nam Định.").posts
    assert [(p.person.name, p.role, p.org.label if p.org else None) for p in posts] == [
        ("Lương Văn Quang", "Bộ trưởng", "Bộ Công an")]


def test_people_a_comma_list_of_names_after_a_title_is_a_list_not_the_holder() -> None:
    listed = "Dự hội nghị có Giám đốc Sở Y tế tỉnh Nam Định, Nguyễn Văn An, Trần Văn Bình, Lê Thị Cúc."
    assert _facts(listed).posts == []
    posts = _facts("Giám đốc Sở Y tế tỉnh Nam Định, Nguyễn Văn An cho biết ngành sẽ tăng cường kiểm tra.").posts
    assert [(p.person.name, p.org.label if p.org else None, p.evidence.rule) for p in posts] == [
        ("Nguyễn Văn An", "Sở Y tế tỉnh Nam Định", "people.chain_comma_name")]


def test_people_level_and_place_do_not_complete_the_organization() -> None:
    """After "huyện Hải Hậu" the phrase is not complete: a following Vietnamese name is still read as the holder,
    a foreign-looking run is not taken for a name."""
    posts = _facts("Chủ tịch UBND huyện Hải Hậu Trần Văn Bình cho biết.").posts
    assert [(p.person.name, p.org.label if p.org else None) for p in posts] == [
        ("Trần Văn Bình", "Ủy ban nhân dân huyện Hải Hậu")]
    assert _facts("Phó Chủ tịch UBND huyện Hải Hậu John Smith cho biết.").posts == []
