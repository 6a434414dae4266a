"""Knowledge is data (ontology/language.ttl): a word added there changes what kg reads, with no code change
(documents', people's, events' and credits' word classes).

Sentences written for these tests; each first shows what kg reads without the new word.
"""

from __future__ import annotations

from pathlib import Path

from kg.corpus import Article
from kg.extract import Extractor
from kg.extract.facts import Document
from kg.knowledge import default_knowledge, load

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"
WORD = "https://w3id.org/kg-vn/word/"
EVENT_SENTENCE = "Sáng 5/3/2025, Lễ phát động phong trào thi đua yêu nước năm 2025 diễn ra tại tỉnh Nam Định."


def _with(tmp_path: Path, turtle: str) -> Extractor:
    """An extractor over a copy of the ontology plus one more file (the way a user adds a word)."""
    onto = tmp_path / "ontology"
    onto.mkdir()
    for path in ONTOLOGY.glob("*.ttl"):
        (onto / path.name).write_bytes(path.read_bytes())
    (onto / "extra.ttl").write_text(
        "@prefix kg: <https://w3id.org/kg-vn/ns#> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        + turtle, "utf-8")
    return Extractor(knowledge=load(onto))


def _docs(extractor: Extractor, text: str) -> list[Document]:
    return extractor(Article(id="t", text=text)).documents


def _issuers(extractor: Extractor, text: str) -> list[tuple[str, str | None]]:
    return [(d.number, d.issuer.label if d.issuer else None) for d in _docs(extractor, text)]


def test_the_documents_word_classes_hold_what_the_code_held() -> None:
    k = default_knowledge()
    assert set(k.issue_verbs) == {"biểu quyết thông qua", "ban hành", "ra", "có", "ký", "phê duyệt", "gửi",
                                  "thông qua", "ký ban hành", "vừa ký"}
    assert set(k.referring_verbs) == {"phê duyệt", "thống nhất", "chỉ đạo", "quyết định", "giao", "yêu cầu",
                                      "ban hành", "ký", "cho phép", "chấp thuận", "đồng ý", "quy định", "hướng dẫn"}
    assert k.auxiliaries == {"đã", "vừa", "mới", "cũng", "đồng", "thời", "trước", "đó"}
    assert (set(k.dating_verbs), set(k.signing_verbs)) == ({"ban hành", "ký", "ra", "đề"},
                                                          {"ký", "ban hành", "thông qua"})
    assert set(k.on_behalf_markers) == {"Thay mặt", "T/M", "TM."}
    assert (k.term_qualifiers, k.follow_up_openers) == ({"khóa", "nhiệm kỳ"}, ("Theo đó",))
    assert (set(k.agent_markers), k.possessive_markers) == ({"do", "được"}, ("của",))
    assert set(k.reference_prepositions) == {"tại", "theo"}
    assert k.generic_doc_types == {"văn bản", "công văn"}
    assert (k.named_doc_types, set(k.demonstratives)) == (("Pháp lệnh", "Bộ luật", "Luật"), {"nói trên", "này", "trên"})
    assert {"tháng", "người", "xã", "dự án", "học sinh", "chương", "mục", "USD"} <= set(k.measure_words)
    assert len(k.measure_words) == 30


def test_a_new_issue_verb_is_a_data_edit(tmp_path: Path) -> None:
    text = "UBND tỉnh Nam Định công bố Quyết định số 1234/QĐ-UBND về việc thành lập Ban Chỉ đạo."
    assert _issuers(Extractor(), text) == [("1234/QĐ-UBND", None)]
    extractor = _with(tmp_path, f'<{WORD}doc-issue-cong-bo> a kg:IssueVerb ; skos:prefLabel "công bố"@vi .\n')
    assert _issuers(extractor, text) == [("1234/QĐ-UBND", "Ủy ban nhân dân tỉnh Nam Định")]


def test_a_new_measure_word_is_a_data_edit(tmp_path: Path) -> None:
    text = "Theo Quyết định 15 doanh nghiệp được hỗ trợ vốn vay trong năm nay."
    assert [d.number for d in _docs(Extractor(), text)] == ["15"]
    extractor = _with(tmp_path, f'<{WORD}doc-unit-doanh-nghiep> a kg:MeasureWord ; '
                                'skos:prefLabel "doanh nghiệp"@vi .\n')
    assert _docs(extractor, text) == []  # "15 doanh nghiệp" counts firms: no document


def test_a_new_on_behalf_marker_is_a_data_edit(tmp_path: Path) -> None:
    text = ("Thừa lệnh Ban Bí thư, Chánh Văn phòng Trung ương Đảng Lê Văn Minh ký Thông báo số 45-TB/TW về việc "
            "tổ chức hội nghị.")
    assert _issuers(Extractor(), text) == [("45-TB/TW", "Chánh Văn phòng Văn phòng Trung ương Đảng")]
    extractor = _with(tmp_path, f'<{WORD}doc-onbehalf-thua-lenh> a kg:OnBehalfMarker ; '
                                'skos:prefLabel "Thừa lệnh"@vi .\n')
    assert _issuers(extractor, text) == [("45-TB/TW", "Ban Bí thư Trung ương Đảng")]


def test_a_new_reference_preposition_is_a_data_edit(tmp_path: Path) -> None:
    text = "Căn cứ Công văn số 12/UBND-KT ngày 3/4/2025, Chủ tịch UBND tỉnh Nam Định đã giao Sở Tài chính thực hiện."
    assert _issuers(Extractor(), text) == [("12/UBND-KT", None)]
    extractor = _with(tmp_path, f'<{WORD}doc-refprep-can-cu> a kg:ReferencePreposition ; '
                                'skos:prefLabel "căn cứ"@vi .\n')
    assert _issuers(extractor, text) == [("12/UBND-KT", "Chủ tịch Ủy ban nhân dân tỉnh Nam Định")]


def test_a_generic_document_type_is_a_flag_in_data(tmp_path: Path) -> None:
    text = ("UBND tỉnh Nam Định ban hành Kế hoạch số 88/KH-UBND về việc phòng chống thiên tai. Văn bản 88/KH-UBND "
            "nêu rõ nhiệm vụ của các sở.")
    assert [d.type_label for d in _docs(Extractor(), text)] == ["Kế hoạch"]
    extractor = _with(tmp_path, '<https://w3id.org/kg-vn/doctype/ke-hoach> kg:genericDocumentType true .\n')
    assert [d.type_label for d in _docs(extractor, text)] == ["Văn bản"]


def test_a_named_document_type_is_a_flag_in_data(tmp_path: Path) -> None:
    text = "Ban Thường vụ Tỉnh ủy ban hành Quy chế Làm việc của Tỉnh ủy Nam Định số 05-QC/TU để thực hiện."

    def mention(extractor: Extractor) -> str:
        (d,) = _docs(extractor, text)
        return text[d.evidence.start : d.evidence.end]

    assert mention(Extractor()) == "số 05-QC/TU"  # read from the number and its symbol code alone
    extractor = _with(tmp_path, '<https://w3id.org/kg-vn/doctype/quy-che> kg:namedDocumentType true .\n')
    assert mention(extractor) == "Quy chế Làm việc của Tỉnh ủy Nam Định số 05-QC/TU"  # the name is read with it


# ------------------------------------------------------------------------------- people (kg/extract/people.py)


def _posts(extractor: Extractor, text: str) -> list[tuple[str, str]]:
    return [(p.person.name, p.title) for p in extractor(Article(id="t", text=text)).posts]


def test_the_people_word_classes_hold_what_the_code_held() -> None:
    k = default_knowledge()
    assert (k.chain_conjunctions, k.posting_prepositions) == (("kiêm",), {"tại"})
    assert (k.list_conjunctions, k.list_introducers) == ({"và"}, {"là"})
    # the level words an abbreviation may expand to were a list in people.py; they are the administrative levels
    assert {"thành phố", "tỉnh", "huyện", "quận", "xã", "phường"} <= {" ".join(key) for key in k.admin_levels._entries}


def test_a_new_list_introducer_is_a_data_edit(tmp_path: Path) -> None:
    text = "Dự họp có hai Thứ trưởng Bộ Tài chính gồm Nguyễn Văn An và Trần Thị Bình."
    assert _posts(Extractor(), text) == []
    extractor = _with(tmp_path, f'<{WORD}ppl-intro-gom> a kg:ListIntroducer ; skos:prefLabel "gồm"@vi .\n')
    assert _posts(extractor, text) == [("Nguyễn Văn An", "Thứ trưởng Bộ Tài chính"),
                                       ("Trần Thị Bình", "Thứ trưởng Bộ Tài chính")]


def test_a_new_list_conjunction_is_a_data_edit(tmp_path: Path) -> None:
    text = "Hai Phó Chủ tịch UBND tỉnh Nam Định là Nguyễn Văn An cùng Trần Thị Bình đã dự lễ."
    title = "Phó Chủ tịch Ủy ban nhân dân tỉnh Nam Định"
    assert _posts(Extractor(), text) == [("Nguyễn Văn An", title)]
    extractor = _with(tmp_path, f'<{WORD}ppl-list-cung> a kg:ListConjunction ; skos:prefLabel "cùng"@vi .\n')
    assert _posts(extractor, text) == [("Nguyễn Văn An", title), ("Trần Thị Bình", title)]


def test_a_new_posting_preposition_is_a_data_edit(tmp_path: Path) -> None:
    text = "Đại sứ Việt Nam ở Pháp Nguyễn Văn An cho biết như vậy."
    assert _posts(Extractor(), text) == []
    extractor = _with(tmp_path, f'<{WORD}ppl-posting-o> a kg:PostingPreposition ; skos:prefLabel "ở"@vi .\n')
    assert _posts(extractor, text) == [("Nguyễn Văn An", "Đại sứ Việt Nam")]


def test_a_new_event_head_is_a_data_edit(tmp_path: Path) -> None:
    before = Extractor()(Article(id="t", text=EVENT_SENTENCE)).events
    assert not any(e.label.startswith("Lễ phát động") for e in before)
    extractor = _with(tmp_path, '<https://w3id.org/kg-vn/word/ev-head-le-phat-dong> a kg:EventHead ; '
                                'skos:prefLabel "Lễ phát động"@vi .\n')
    (event,) = extractor(Article(id="t", text=EVENT_SENTENCE)).events
    assert event.label == "Lễ phát động phong trào thi đua yêu nước năm 2025"
    assert (event.date, event.place) == ("2025-03-05", "tỉnh Nam Định")


def test_a_new_credit_head_is_a_data_edit(tmp_path: Path) -> None:
    text = "Chủ tịch UBND tỉnh Nam Định Trần Văn Bình cho biết như vậy. Đồ họa: Minh Anh - TTXVN\nTin mới nhất."
    assert not any(c.person == "Minh Anh" for c in Extractor()(Article(id="t", text=text)).credits)
    extractor = _with(tmp_path, '<https://w3id.org/kg-vn/word/cr-head-do-hoa> a kg:CreditHead ; '
                                'skos:prefLabel "Đồ họa"@vi .\n')
    credits = extractor(Article(id="t", text=text)).credits
    assert [(c.person, c.agency, c.kind) for c in credits if c.person == "Minh Anh"] == [("Minh Anh", "TTXVN", "photo")]


# ------------------------------------------------- the words that were literals in the extractors' regexes


def test_the_tense_markers_and_announcing_verbs_hold_what_the_code_held() -> None:
    k = default_knowledge()
    assert k.tense_markers == ("vừa", "đã")  # "Quyết định số 12/QĐ-UBND, vừa do …", "X vừa ký …"
    assert set(k.announcing_verbs) == {"có", "ban hành", "ký"}  # "X vừa có văn bản … Theo đó, Hướng dẫn số …"


def test_a_new_announcing_verb_is_a_data_edit(tmp_path: Path) -> None:
    text = ("Sở Tài chính tỉnh Nam Định vừa gửi văn bản hướng dẫn các huyện. Theo đó, Hướng dẫn số 35/HD-STC yêu cầu "
            "các huyện rà soát ngân sách.")
    assert _issuers(Extractor(), text) == [("35/HD-STC", None)]
    extractor = _with(tmp_path, f'<{WORD}doc-issue-gui> a kg:AnnouncingVerb .\n')  # "gửi" is an IssueVerb already
    assert _issuers(extractor, text) == [("35/HD-STC", "Sở Tài chính tỉnh Nam Định")]


def test_the_subject_words_hold_what_the_code_held() -> None:
    k = default_knowledge()
    assert k.subject_markers == ("về việc", "về")
    assert set(k.subject_ends) == {"được", "do", "đã", "vừa", "của", "ngày", "và Nghị", "và Quyết", "và Chỉ",
                                   "và Thông", "và Kết", "và Công"}
    assert set(k.trailing_conjunctions) == {"và", "hoặc", "cùng"}


def test_a_new_subject_end_is_a_data_edit(tmp_path: Path) -> None:
    text = ("UBND tỉnh Nam Định ban hành Quyết định số 1234/QĐ-UBND về việc thành lập Ban Chỉ đạo nhằm nâng cao "
            "hiệu quả phòng chống thiên tai.")
    (doc,) = _docs(Extractor(), text)
    assert doc.subject == "thành lập Ban Chỉ đạo nhằm nâng cao hiệu quả phòng chống thiên tai"
    extractor = _with(tmp_path, f'<{WORD}doc-subject-end-nham> a kg:SubjectEnd ; skos:prefLabel "nhằm"@vi .\n')
    (doc,) = _docs(extractor, text)
    assert doc.subject == "thành lập Ban Chỉ đạo"


def test_the_document_day_parts_hold_what_the_code_held() -> None:
    assert set(default_knowledge().document_day_parts) == {"sáng", "chiều", "tối"}  # not "trưa", "đêm" (kg:DayPart)


def test_the_venue_words_hold_what_the_code_held() -> None:
    k = default_knowledge()
    assert set(k.venue_levels) == {"thành phố", "tỉnh", "huyện", "xã", "phường", "TP.", "TP"}
    assert k.venue_levels.index("TP.") < k.venue_levels.index("TP")  # "TP\\.?": the dot is taken when written
    assert k.venue_prepositions == ("tại",)


def test_a_new_venue_level_is_a_data_edit(tmp_path: Path) -> None:
    text = "Sáng 5/3/2025, Hội nghị tổng kết công tác Đảng năm 2024 diễn ra tại quận Ba Đình."
    (event,) = Extractor()(Article(id="t", text=text)).events
    assert event.place is None
    extractor = _with(tmp_path, f'<{WORD}ev-venue-quan> a kg:VenueLevel ; skos:prefLabel "quận"@vi .\n')
    (event,) = extractor(Article(id="t", text=text)).events
    assert event.place == "quận Ba Đình"


def test_the_ordinal_words_hold_what_the_code_held() -> None:
    k = default_knowledge()
    assert (k.ordinal_markers, k.name_ordinal_markers) == (("lần thứ", "thứ"), ("lần thứ",))
    assert (set(k.ordinal_event_heads), k.event_qualifiers) == ({"Đại hội", "Hội nghị"}, ("đại biểu toàn quốc",))


def test_a_new_ordinal_marker_is_a_data_edit(tmp_path: Path) -> None:
    text = "Sáng 5/3/2025, Hội nghị Ban Chấp hành Đảng bộ tỉnh Nam Định lần 5 diễn ra tại tỉnh Nam Định."
    (event,) = Extractor()(Article(id="t", text=text)).events
    assert (event.label, event.ordinal) == ("Hội nghị Ban Chấp hành Đảng bộ tỉnh Nam Định lần 5", None)
    extractor = _with(tmp_path, f'<{WORD}ev-ordinal-lan> a kg:OrdinalMarker ; skos:prefLabel "lần"@vi .\n')
    (event,) = extractor(Article(id="t", text=text)).events
    assert event.ordinal == "5"


def test_the_term_markers_hold_what_the_code_held() -> None:
    assert default_knowledge().term_markers == ("nhiệm kỳ",)  # "…, nhiệm kỳ 2025 - 2030" is part of the name


def test_the_name_conjunctions_hold_what_the_code_held() -> None:
    assert default_knowledge().name_conjunctions == {"và"}  # "Bộ Lao động - Thương binh và Xã hội": one name
