"""The rule registry: every ``kg:rule`` value, its fact kind, confidence, description and examples.

A rule is a named value, not a string scattered through the extractors: they take a rule's name and
confidence from here (``rule("people.copula").confidence``), and what the code needs to know of a rule (may an
issuer be shared with the next document?) is an attribute of the rule, never a test of its name. Each rule's
examples are sentences with the facts the rule must read from them (Duckling-style): tests/test_rules.py runs
them, and ``kg rules`` lists them.

Where one rule fires with two confidences (a full symbol is surer than a bare number), the second is a named
``Variant`` with the reason; a ``relative`` rule's confidence is added to that of the fact it completes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

KINDS = ("post", "document", "date", "issuer", "event", "credit", "change")

Fact = tuple[str | None, ...]
"""A fact in compact form, by kind: post (person, role, organization); document, date and issuer (number, type,
date, issuer); event (label, date); credit (person, agency, kind); change (person, kind, role, organization,
date)."""


@dataclass(frozen=True)
class Example:
    """A sentence (or a short text) and facts the rule reads from it, each with the rule's name on its evidence."""

    text: str
    facts: tuple[Fact, ...]
    variant: str | None = None  # the variant whose confidence the evidence carries (None: the rule's own)


@dataclass(frozen=True)
class Variant:
    """A second confidence of one rule: the same reading in a less sure position, and why."""

    name: str
    confidence: float
    why: str


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str  # one of KINDS
    confidence: float
    description: str
    examples: tuple[Example, ...]
    variants: tuple[Variant, ...] = ()
    relative: bool = False  # confidence is added to the confidence of the fact the rule completes
    shares_with_next: bool = False  # what it read before a document also holds for one joined to it ("… và …")
    shares_with_previous: bool = False  # what it read after a document also holds for one joined before it

    def at(self, variant: str | None = None) -> float:
        """The confidence of the rule, or of one of its named variants."""
        if variant is None:
            return self.confidence
        for v in self.variants:
            if v.name == variant:
                return v.confidence
        raise KeyError(f"rule {self.name} has no variant {variant!r}")


def _r(name: str, kind: str, confidence: float, description: str, *examples: Example, **more: object) -> Rule:
    return Rule(name, kind, confidence, description, tuple(examples), **more)  # type: ignore[arg-type]


E = Example
BARE = (Variant("bare_number", 0.85, "a number without a symbol code (\"Nghị quyết 27\") may be something else"),)

_ALL = (
    # -- people.py: posts ------------------------------------------------------------------------------------
    _r("people.chain_before_name", "post", 0.9,
       "every title of a chain right before a name is one post of that person",
       E("Bí thư Tỉnh ủy Nam Định Phạm Văn Hùng chủ trì hội nghị.",
         (("Phạm Văn Hùng", "Bí thư", "Tỉnh ủy Nam Định"),))),
    _r("people.apposition", "post", 0.85,
       "titles apposed to a name: \"ông A, Chủ tịch UBND tỉnh B, cho biết\", \"A - Bộ trưởng …\"",
       E("Ông Nguyễn Văn Bình, Chủ tịch UBND tỉnh Nam Định, cho biết tỉnh đã hoàn thành kế hoạch.",
         (("Nguyễn Văn Bình", "Chủ tịch", "Ủy ban nhân dân tỉnh Nam Định"),)),
       E("Bí thư Tỉnh ủy Nam Định Trần Văn Hải - Chủ tịch HĐND tỉnh Nam Định phát biểu khai mạc.",
         (("Trần Văn Hải", "Chủ tịch", "Hội đồng nhân dân tỉnh Nam Định"),), "after_chain_name"),
       E("Ông Hoàng Văn Lộc (58 tuổi, Chủ tịch UBND xã Yên Lạc) đã bị tạm giữ.",
         (("Hoàng Văn Lộc", "Chủ tịch", "Ủy ban nhân dân xã Yên Lạc"),)),
       E("Bà Lê Thị Hoa (SN 1975, Phó Giám đốc Sở Y tế tỉnh Hà Nam) được khen thưởng.",
         (("Lê Thị Hoa", "Phó Giám đốc", "Sở Y tế tỉnh Hà Nam"),)),
       variants=(Variant("after_chain_name", 0.8, "an apposition after a name that a title chain already preceded"),)),
    _r("people.copula", "post", 0.8,
       "titles after a holding verb: \"A giữ chức …\", \"A được bầu làm …\", \"A từng là …\" (former)",
       E("Ông Lê Văn Khoa giữ chức Giám đốc Sở Tài chính tỉnh Thái Bình từ năm 2020.",
         (("Lê Văn Khoa", "Giám đốc", "Sở Tài chính tỉnh Thái Bình"),)),
       E("Ông Lê Văn Khoa, nguyên Bí thư Tỉnh ủy Thái Bình, nay là Phó Trưởng Ban Tổ chức Trung ương.",
         (("Lê Văn Khoa", "Phó Trưởng ban", "Ban Tổ chức Trung ương"),), "continued"),
       variants=(Variant("continued", 0.75, "a second clause after a comma: \"A, nguyên Bí thư X, nay là …\""),)),
    _r("people.chain_comma_name", "post", 0.7,
       "a title chain, a comma, then the name: \"Phó Chủ tịch UBND tỉnh B, ông A cho biết\"",
       E("Phó Chủ tịch UBND tỉnh Ninh Bình, ông Đỗ Văn Tâm cho biết tỉnh đã bố trí vốn.",
         (("Đỗ Văn Tâm", "Phó Chủ tịch", "Ủy ban nhân dân tỉnh Ninh Bình"),))),
    _r("people.chain_name_list", "post", 0.75,
       "a title after a plural marker (\"các\", \"hai\") is held by every name of the list after it",
       E("Các Phó Chủ tịch UBND tỉnh Nam Định: Trần Văn Lâm, Nguyễn Hữu Phúc cùng dự hội nghị.",
         (("Trần Văn Lâm", "Phó Chủ tịch", "Ủy ban nhân dân tỉnh Nam Định"),
          ("Nguyễn Hữu Phúc", "Phó Chủ tịch", "Ủy ban nhân dân tỉnh Nam Định")))),
    _r("people.context_org", "post", -0.2,
       "a role with no organization (\"Thứ trưởng A\") gets the one body of its kind the article names",
       E("Thứ trưởng Nguyễn Văn Sáu cho biết Bộ Tài chính đang hoàn thiện dự thảo nghị định.",
         (("Nguyễn Văn Sáu", "Thứ trưởng", "Bộ Tài chính"),)),
       relative=True),
    # -- documents.py: numbers -----------------------------------------------------------------------------
    _r("documents.typed_number", "document", 0.95,
       "a type word and a number: \"Chỉ thị số 55-CT/TW\", \"quyết định 3897/QĐ-UBND\", \"Nghị quyết 35\"",
       E("Tỉnh triển khai Chỉ thị số 45-CT/TW về công tác phòng, chống tham nhũng.",
         (("45-CT/TW", "Chỉ thị", None, None),)),
       E("Tỉnh ủy tổ chức quán triệt Nghị quyết 27 về cải cách tiền lương.",
         (("27", "Nghị quyết", None, None),), "bare_number"),
       variants=BARE),
    _r("documents.symbol_only", "document", 0.95,
       "\"số 669/QĐ-UBND\" without a type word: the type comes from the symbol code",
       E("Theo số 25/QĐ-UBND ngày 4/1/2024 của UBND tỉnh Nam Định, tỉnh thành lập tổ công tác.",
         (("25/QĐ-UBND", "Quyết định", "2024-01-04", "Ủy ban nhân dân tỉnh Nam Định"),)),
       variants=BARE),
    _r("documents.list_item", "document", 0.95,
       "each further number of a list after a typed number: \"các Kết luận số 126-KL/TW, 127-KL/TW và 128-KL/TW\"",
       E("Bộ Chính trị đã ban hành các Kết luận số 151-KL/TW, 152-KL/TW và 153-KL/TW về công tác cán bộ.",
         (("152-KL/TW", "Kết luận", None, "Bộ Chính trị"), ("153-KL/TW", "Kết luận", None, "Bộ Chính trị"))),
       variants=BARE),
    _r("documents.named_law", "document", 0.95,
       "a law's name before \"số\": \"Luật Tổ chức chính quyền địa phương số 72/2025/QH15\"",
       E("Luật Đất đai số 31/2024/QH15 có hiệu lực từ tháng 8.", (("31/2024/QH15", "Luật", None, None),)),
       variants=BARE),
    # -- documents.py: dates -------------------------------------------------------------------------------
    _r("documents.date_after", "date", 0.95,
       "the date right after the number (\"… số 12/QĐ-UBND ngày 3/4/2024\") or after its issuer",
       E("Thực hiện Quyết định số 150/QĐ-TTg ngày 6/2/2024 của Thủ tướng Chính phủ, tỉnh đã rà soát quy hoạch.",
         (("150/QĐ-TTg", "Quyết định", "2024-02-06", "Thủ tướng Chính phủ"),)),
       E("Tỉnh quán triệt Nghị quyết 39-NQ/TW của Bộ Chính trị ngày 15-1-2019 về nguồn lực.",
         (("39-NQ/TW", "Nghị quyết", "2019-01-15", "Bộ Chính trị"),), "after_issuer"),
       variants=(Variant("after_issuer", 0.9, "a date after the issuer (\"… của Bộ Chính trị ngày …\") is "
                         "one step further from the number"),)),
    _r("documents.date_signed", "date", 0.8,
       "the signing date: \"… do Thủ tướng ký ngày 3/5/2024\"",
       E("Quyết định số 1030/QĐ-TTg do Thủ tướng ký ngày 4/5/2024 về việc phê duyệt đề án.",
         (("1030/QĐ-TTg", "Quyết định", "2024-05-04", "Thủ tướng Chính phủ"),))),
    _r("documents.date_before", "date", 0.8,
       "the date before the issuing subject: \"Ngày 3/5/2024 UBND tỉnh A ban hành …\", \"X ngày … đã ký …\"",
       E("Ngày 4/5/2024 UBND tỉnh Nam Định ban hành Quyết định số 1030/QĐ-UBND.",
         (("1030/QĐ-UBND", "Quyết định", "2024-05-04", "Ủy ban nhân dân tỉnh Nam Định"),)),
       E("Thủ tướng Chính phủ ngày 21/9/2025 đã ký Công điện số 172/CĐ-TTg về ứng phó bão.",
         (("172/CĐ-TTg", "Công điện", "2025-09-21", "Thủ tướng Chính phủ"),)),
       E("Ngày 5/6/2025, Chính phủ ban hành Nghị quyết 171/NQ-CP và Nghị quyết 172/NQ-CP về phân cấp.",
         (("171/NQ-CP", "Nghị quyết", "2025-06-05", "Chính phủ"), ("172/NQ-CP", "Nghị quyết", "2025-06-05",
                                                                   "Chính phủ"))),
       shares_with_next=True),
    _r("documents.date_next_sentence", "date", 0.75,
       "the signing date a following sentence gives: \"… Thông tư số … . Thông tư được … ký ngày …\"",
       E("Bộ Tài chính hướng dẫn các địa phương thực hiện Thông tư số 15/2025/TT-BTC về quản lý ngân sách. "
         "Thông tư được Bộ trưởng Bộ Tài chính ký ngày 7/3/2025.",
         (("15/2025/TT-BTC", "Thông tư", "2025-03-07", "Bộ trưởng Bộ Tài chính"),))),
    # -- documents.py: issuers -----------------------------------------------------------------------------
    _r("documents.issuer_of", "issuer", 0.9,
       "the issuer after \"của\": \"Quyết định số … của UBND tỉnh A\"; also \"của X (tại Công văn số …)\"",
       E("Thực hiện Quyết định số 150/QĐ-TTg ngày 6/2/2024 của Thủ tướng Chính phủ, tỉnh đã rà soát quy hoạch.",
         (("150/QĐ-TTg", "Quyết định", "2024-02-06", "Thủ tướng Chính phủ"),)),
       E("Các sở thực hiện chỉ đạo của UBND tỉnh Nam Định tại Công văn số 2345/UBND-VP.",
         (("2345/UBND-VP", "Công văn", None, "Ủy ban nhân dân tỉnh Nam Định"),), "before_number"),
       variants=(Variant("before_number", 0.8, "\"của X tại Công văn …\": the issuer of what is referred to, "
                         "read before the number"),),
       shares_with_previous=True),
    _r("documents.issuer_by", "issuer", 0.9,
       "the issuer after \"do\" / \"được\": \"Quyết định … do Thủ tướng ký\"",
       E("Quyết định số 1030/QĐ-TTg do Thủ tướng ký ngày 4/5/2024 về việc phê duyệt đề án.",
         (("1030/QĐ-TTg", "Quyết định", "2024-05-04", "Thủ tướng Chính phủ"),))),
    _r("documents.issuer_subject", "issuer", 0.85,
       "the subject of an issuing verb: \"X vừa ký Quyết định …\"; \"Thay mặt Bộ Chính trị, …\": the body",
       E("UBND tỉnh Nam Định vừa ban hành Quyết định số 1530/QĐ-UBND về kiện toàn ban chỉ đạo.",
         (("1530/QĐ-UBND", "Quyết định", None, "Ủy ban nhân dân tỉnh Nam Định"),)),
       shares_with_next=True),
    _r("documents.issuer_shared_subject", "issuer", 0.75,
       "one issuing subject for documents joined by \"và\": \"Chính phủ ban hành Nghị quyết A và Nghị quyết B\"",
       E("Chính phủ đã ban hành Nghị quyết 161/NQ-CP và Nghị quyết 162/NQ-CP về phân cấp cho địa phương.",
         (("162/NQ-CP", "Nghị quyết", None, "Chính phủ"),)),
       shares_with_next=True),
    _r("documents.issuer_shared", "issuer", 0.75,
       "the issuer after the last of documents joined by \"và\" is each one's: \"QĐ số 1 … và QĐ số 2 … của X\"",
       E("Quyết định số 22/QĐ-UBND ngày 3/4/2024 và Quyết định số 25/QĐ-UBND ngày 5/4/2024 của UBND tỉnh "
         "Thái Bình quy định mức thu phí.",
         (("22/QĐ-UBND", "Quyết định", "2024-04-03", "Ủy ban nhân dân tỉnh Thái Bình"),))),
    _r("documents.issuer_then", "issuer", 0.75,
       "the subject of the clause after the document: \"Tại Văn bản số … ngày …, X đã …\"",
       E("Tại Văn bản số 5690/VPCP-KTTH ngày 15/8/2024, Thủ tướng Chính phủ đã đồng ý chủ trương đầu tư.",
         (("5690/VPCP-KTTH", "Văn bản", "2024-08-15", "Thủ tướng Chính phủ"),))),
    _r("documents.issuer_apposed", "issuer", 0.7,
       "a body right after the number: \"Nghị quyết 04 Bộ Chính trị\"",
       E("Tỉnh ủy tổ chức quán triệt Nghị quyết 05 Bộ Chính trị về công tác cán bộ.",
         (("05", "Nghị quyết", None, "Bộ Chính trị"),))),
    _r("documents.issuer_next_sentence", "issuer", 0.75,
       "the issuer a following sentence gives: \"Thông tư được Bộ trưởng … ký …\"",
       E("Bộ Tài chính hướng dẫn các địa phương thực hiện Thông tư số 15/2025/TT-BTC về quản lý ngân sách. "
         "Thông tư được Bộ trưởng Bộ Tài chính ký ngày 7/3/2025.",
         (("15/2025/TT-BTC", "Thông tư", "2025-03-07", "Bộ trưởng Bộ Tài chính"),))),
    _r("documents.issuer_previous_sentence", "issuer", 0.7,
       "the subject of the sentence before: \"X vừa có văn bản … Theo đó, Hướng dẫn số …\"",
       E("Ban Tổ chức Trung ương vừa có văn bản hướng dẫn về công tác nhân sự. "
         "Theo đó, Hướng dẫn số 35-HD/BTCTW yêu cầu các cấp ủy rà soát quy hoạch.",
         (("35-HD/BTCTW", "Hướng dẫn", None, "Ban Tổ chức Trung ương"),))),
    # -- events.py, credits.py -----------------------------------------------------------------------------
    _r("events.named", "event", 0.7,
       "an event head word (Hội nghị, Đại hội …) and its name up to the clause end, with date and place",
       E("Ngày 12/10/2025, Đại hội Đảng bộ tỉnh Nam Định lần thứ XXI, nhiệm kỳ 2025 - 2030 khai mạc tại "
         "thành phố Nam Định.",
         (("Đại hội Đảng bộ tỉnh Nam Định lần thứ XXI, nhiệm kỳ 2025 - 2030", "2025-10-12"),))),
    # -- changes.py: personnel changes ----------------------------------------------------------------------
    _r("changes.gain", "change", 0.85,
       "a change verb that takes a post (\"bổ nhiệm\", \"bầu\", \"điều động\"; data: kg:changeVerb) before a "
       "person's post read in the same sentence: the change into that post",
       E("Ngày 5/3/2025, Bộ Chính trị quyết định bổ nhiệm ông Trần Văn Minh giữ chức Phó Chủ nhiệm Ủy ban Kiểm tra "
         "Trung ương.",
         (("Trần Văn Minh", "Bổ nhiệm", "Phó Chủ nhiệm", "Ủy ban Kiểm tra Trung ương", "2025-03-05"),)),
       E("Chiều 10/6/2021, HĐND tỉnh Nghệ An đã bầu ông Nguyễn Đức Trung giữ chức Chủ tịch UBND tỉnh Nghệ An.",
         (("Nguyễn Đức Trung", "Bầu", "Chủ tịch", "Ủy ban nhân dân tỉnh Nghệ An", "2021-06-10"),)),
       E("Ông Đỗ Văn Hòa được bầu làm Ủy viên Ban Thường vụ Huyện ủy, Phó Bí thư Huyện ủy và Chủ tịch UBND huyện "
         "Kim Sơn.",  # a list of posts after the verb: one change each
         (("Đỗ Văn Hòa", "Bầu", "Ủy viên Ban Thường vụ", "Huyện ủy Kim Sơn", None),  # the place the list
          ("Đỗ Văn Hòa", "Bầu", "Phó Bí thư", "Huyện ủy Kim Sơn", None),  # shares
          ("Đỗ Văn Hòa", "Bầu", "Chủ tịch", "Ủy ban nhân dân huyện Kim Sơn", None))),
       E("Tại Đại hội, ông Lê Minh Tâm được bầu vào Ban Chấp hành Trung ương Đảng khóa XIII.",  # kg:memberRole
         (("Lê Minh Tâm", "Bầu", "Ủy viên", "Ban Chấp hành Trung ương Đảng", None),)),
       E("Ông Phạm Văn Sơn được điều động từ Phó Giám đốc Sở Xây dựng lên làm Giám đốc Sở Giao thông vận tải tỉnh "
         "Hà Nam.",  # "từ X lên làm Y": Y gained, X left
         (("Phạm Văn Sơn", "Điều động", "Giám đốc", "Sở Giao thông vận tải tỉnh Hà Nam", None),)),
       E("Câu lạc bộ vừa bổ nhiệm ông Jan Kowalski làm HLV trưởng.",  # a role written short
         (("Jan Kowalski", "Bổ nhiệm", "Huấn luyện viên trưởng", None, None),)),
       E("Tháng 6/2019, ông Hồ Văn Lâm được bầu làm Phó Chủ tịch HĐND tỉnh Quảng Trị.",  # no day: the month
         (("Hồ Văn Lâm", "Bầu", "Phó Chủ tịch", "Hội đồng nhân dân tỉnh Quảng Trị", "2019-06"),)),
       E("Cuối năm 2014, bà Đinh Thị Hà được điều động giữ chức Giám đốc Sở Y tế tỉnh Hà Giang.",  # the year
         (("Đinh Thị Hà", "Điều động", "Giám đốc", "Sở Y tế tỉnh Hà Giang", "2014"),)),
       E("Ông Karel Novak sinh năm 1950 tại Praha. Tháng 6/1990, ông được bầu làm Chủ tịch Quốc hội Séc, sau đó "
         "được bổ nhiệm làm Bộ trưởng Bộ Tài chính Séc.",  # a pronoun, then a clause going on without a subject:
         (("Karel Novak", "Bầu", "Chủ tịch", "Quốc hội Séc", "1990-06"),  # the date before "sau đó" is not the
          ("Karel Novak", "Bổ nhiệm", "Bộ trưởng", "Bộ Tài chính Séc", None)))),  # later change's
    _r("changes.leave", "change", 0.8,
       "a change verb that ends a post (\"nghỉ hưu\", \"miễn nhiệm\", \"cách chức\") next to a person's post "
       "read in the same sentence: the change out of that post",
       E("Ông Nguyễn Văn Bình, Giám đốc Sở Tư pháp tỉnh Nam Định, được nghỉ hưu theo chế độ từ ngày 1/7/2025.",
         (("Nguyễn Văn Bình", "Nghỉ hưu", "Giám đốc", "Sở Tư pháp tỉnh Nam Định", "2025-07-01"),)),
       E("Ban Thường vụ Huyện ủy quyết định cách hết các chức vụ trong Đảng đối với ông Vũ Văn Lợi (52 tuổi, Bí thư "
         "Đảng ủy, Chủ tịch UBND xã Tân Lập).",  # every post of the aside is left
         (("Vũ Văn Lợi", "Cách chức", "Bí thư", "Đảng ủy xã Tân Lập", None),
          ("Vũ Văn Lợi", "Cách chức", "Chủ tịch", "Ủy ban nhân dân xã Tân Lập", None)))),
    _r("changes.leave_context", "change", 0.7,
       "a verb that ends a post next to a name the sentence gives no post (\"ông Minh bị cách chức\"): the post the "
       "article states for that one person elsewhere",
       E("Ông Trần Văn Minh, Phó Giám đốc Bệnh viện Đa khoa tỉnh Thanh Hóa, vắng mặt nhiều ngày. Ông Minh đã bị "
         "cách chức vì vi phạm kỷ luật.",
         (("Trần Văn Minh", "Cách chức", "Phó Giám đốc", "Bệnh viện Đa khoa tỉnh Thanh Hóa", None),))),
    _r("changes.postless", "change", 0.6,
       "the full name of a person the article gives no post, before a verb of their own act or after a passive "
       "one (\"nhà báo A nghỉ hưu\", \"ông B bị sa thải\"): a change that leaves a post the text does not name",
       E("Sau hơn 30 năm gắn bó với nhà đài, nhà báo Đỗ Quang Vinh đã nghỉ hưu từ ngày 1/7/2024.",
         (("Đỗ Quang Vinh", "Nghỉ hưu", None, None, "2024-07-01"),)),
       E("Ông Jean Dupont đã bị sa thải sau trận thua thứ năm liên tiếp.",
         (("Jean Dupont", "Cách chức", None, None, None),))),
    _r("changes.object_post", "post", 0.75,
       "the person after an active change verb and the post after a marker (\"làm\", \"giữ chức\": data "
       "kg:ChangeRoleMarker): \"bổ nhiệm tỷ phú B làm Bộ trưởng\", \"bầu ông A (…) và ông B giữ chức …\"",
       E("Tổng thống Pháp hôm qua bổ nhiệm ông Jean Martin, một nhà ngoại giao kỳ cựu, làm Bộ trưởng Bộ Ngoại giao "
         "Pháp.",
         (("Jean Martin", "Bộ trưởng", "Bộ Ngoại giao Pháp"),)),
       E("Ngày 14/7, HĐND tỉnh Nghệ An bầu ông Hồ Văn Nam (50 tuổi, Giám đốc Sở Tài chính) và ông Lê Văn Hải "
         "(47 tuổi) giữ chức Phó Chủ tịch UBND tỉnh Nghệ An.",
         (("Hồ Văn Nam", "Phó Chủ tịch", "Ủy ban nhân dân tỉnh Nghệ An"),
          ("Lê Văn Hải", "Phó Chủ tịch", "Ủy ban nhân dân tỉnh Nghệ An"))),
       E("Ông Peter Schulz từng là thượng nghị sĩ. Ngày 5/6, Thủ tướng Đức bổ nhiệm ông Schulz làm Bộ trưởng Bộ Tài "
         "chính Đức.",  # a name written short: the one full name of the article that ends with it
         (("Peter Schulz", "Bộ trưởng", "Bộ Tài chính Đức"),))),
    _r("changes.post_of_object", "post", 0.75,
       "a post right after a change verb, then \"đối với\", \"của\" or \"cho\" and the person: \"cách chức Cục "
       "trưởng Cục X đối với ông A\"",
       E("Bộ Y tế vừa có quyết định cách chức Cục trưởng Cục Quản lý Dược đối với ông Trần Quốc Bảo.",
         (("Trần Quốc Bảo", "Cục trưởng", "Cục Quản lý Dược"),)),
       E("Huyện ủy quyết định cho thôi chức Phó Chủ tịch UBND xã Yên Phú, đối với ông Đặng Văn Kiên.",
         (("Đặng Văn Kiên", "Phó Chủ tịch", "Ủy ban nhân dân xã Yên Phú"),)),
       E("Bộ Y tế quyết định cách chức Cục trưởng Cục Quản lý Dược (Bộ Y tế) đối với ông Vũ Đình Long.",
         (("Vũ Đình Long", "Cục trưởng", "Cục Quản lý Dược"),)),  # a parenthesis between chain and marker
       E("UBND tỉnh quyết định cách chức Chi cục trưởng Chi cục An toàn vệ sinh thực phẩm đối với ông Chu Văn "
         "Trọng.",  # the body's name goes on in lower case up to the marker
         (("Chu Văn Trọng", "Chi cục trưởng", "Chi cục An toàn vệ sinh thực phẩm"),)),
       E("Bà Lương Thị Hạnh sinh năm 1968. Bộ Y tế đã cách chức Vụ trưởng Vụ Bảo hiểm y tế đối với bà Hạnh.",
         (("Lương Thị Hạnh", "Vụ trưởng", "Vụ Bảo hiểm y tế"),)),  # the object written short
       E("Ủy ban Thường vụ Quốc hội đồng ý cho thôi làm nhiệm vụ đại biểu Quốc hội khóa XV đối với ông Trịnh Văn "
         "Quyết.",  # "nhiệm vụ" before the role, the term after the body
         (("Trịnh Văn Quyết", "Đại biểu", "Quốc hội"),))),
    _r("changes.gapped", "post", 0.7,
       "after a change verb, clauses after \";\" that leave it out, each a person and the post after a marker: "
       "\"A được chỉ định làm Bộ trưởng X; B giữ chức Bộ trưởng Y; và C làm Bộ trưởng Z\"",
       E("Người phát ngôn cho biết nghị sĩ Kim Min-ho được chỉ định làm Bộ trưởng Bộ Nội vụ Hàn Quốc; nghị sĩ Park "
         "Ji-won giữ chức Bộ trưởng Bộ Tài chính Hàn Quốc; và nghị sĩ Lee Sung-min làm Bộ trưởng Bộ Y tế Hàn Quốc.",
         (("Park Ji-won", "Bộ trưởng", "Bộ Tài chính Hàn Quốc"), ("Lee Sung-min", "Bộ trưởng", "Bộ Y tế Hàn Quốc")))),
    _r("changes.subject_post", "post", 0.75,
       "the person before a passive change verb (\"được\", \"bị\", with the agent between) or a verb ending a "
       "post, the post after it: \"bà A được bổ nhiệm vị trí Bộ trưởng …\", \"ông B thôi chức Bí thư …\"",
       E("Ông Lê Quang Vinh vừa được Thủ tướng bổ nhiệm giữ chức Thứ trưởng Bộ Tài chính.",
         (("Lê Quang Vinh", "Thứ trưởng", "Bộ Tài chính"),)),
       E("Cùng ngày, ông Phan Văn Tùng thôi chức Bí thư Tỉnh ủy Quảng Ngãi.",
         (("Phan Văn Tùng", "Bí thư", "Tỉnh ủy Quảng Ngãi"),)),
       E("Ông Trần Văn Bình sinh năm 1960 tại Nam Định. Tháng 3/2015, ông Bình được điều động giữ chức Phó Bí thư "
         "Tỉnh ủy Thái Bình.",  # the subject written short
         (("Trần Văn Bình", "Phó Bí thư", "Tỉnh ủy Thái Bình"),))),
    _r("credits.photo", "credit", 0.9,
       "a photo credit after \"Ảnh:\": a 2–3 syllable name and an agency in either order",
       E("Bí thư Tỉnh ủy Nam Định Phạm Văn Hùng phát biểu tại hội nghị. Ảnh: Minh Hải - TTXVN",
         (("Minh Hải", "TTXVN", "photo"),))),
    _r("credits.byline", "credit", 0.7,
       "the author's name after the article's last sentence or on its last short line",
       E("Tỉnh sẽ tiếp tục triển khai các giải pháp trong thời gian tới.\nThu Trang",
         (("Thu Trang", None, "text"),)),
       E("Tỉnh sẽ tiếp tục triển khai các giải pháp trong thời gian tới.\nThu Trang – Văn Hải",
         (("Thu Trang", None, "text"), ("Văn Hải", None, "text")), "name_list"),
       variants=(Variant("name_list", 0.6, "one credit per name of \"Thu Hà – Văn Sơn\": each name alone is "
                         "less sure than a whole parsed byline"),)),
)

RULES: dict[str, Rule] = {r.name: r for r in _ALL}


def rule(name: str) -> Rule:
    """The registered rule of that name (KeyError for a name nobody registered)."""
    return RULES[name]


def _fact(f: Fact) -> str:
    return "(" + ", ".join("-" if v is None else v for v in f) + ")"


def confidence_text(r: Rule) -> str:
    """"0.95 (bare_number 0.85)", "-0.2 (relative)": the confidence as ``kg rules`` prints it."""
    head = f"{r.confidence:+g} (relative)" if r.relative else f"{r.confidence:g}"
    return head + "".join(f" ({v.name} {v.confidence:g})" for v in r.variants)


def as_rows() -> list[dict[str, object]]:
    """One plain dict per rule (``kg rules --format json``)."""
    return [{"name": r.name, "kind": r.kind, "confidence": r.confidence, "relative": r.relative,
             "variants": {v.name: {"confidence": v.confidence, "why": v.why} for v in r.variants},
             "description": r.description,
             "examples": [{"text": e.text, "facts": [list(f) for f in e.facts], "variant": e.variant}
                          for e in r.examples]} for r in RULES.values()]


def as_json() -> str:
    return json.dumps(as_rows(), ensure_ascii=False, indent=2) + "\n"


def as_table() -> str:
    """Name, kind, confidence, description and the first example, one block per rule."""
    width = max(len(n) for n in RULES)
    out = []
    for r in RULES.values():
        ex = r.examples[0]
        out.append(f"{r.name:<{width}}  {r.kind:<8}  {confidence_text(r)}\n"
                   f"    {r.description}\n"
                   f"    e.g. {ex.text.replace(chr(10), ' ')}\n"
                   f"      → {'; '.join(_fact(f) for f in ex.facts)}\n")
    return "\n".join(out)
