"""Named events: "Hội nghị …", "Đại hội Đảng bộ … lần thứ I, nhiệm kỳ 2025 - 2030", with date and place.

Rule: ``events.named`` — an event head word (capitalized) and its name up to the clause end; ordinal
("lần thứ XIV"), term ("nhiệm kỳ 2025 - 2030"), place ("tại …") and date ("ngày …") when the sentence gives them;
persons whose posts were read in the same sentence with "phát biểu" / "chủ trì" become speaker / chair.
"""

from __future__ import annotations

import re

from kg.extract.documents import DATE_RE, date_of
from kg.extract.tokens import Sentence
from kg.facts import Event, Evidence, Post
from kg.text import clean

HEADS = (r"Hội nghị|Đại hội|Kỳ họp|Phiên họp|Hội thảo|Diễn đàn|Hội đàm|Lễ kỷ niệm|Lễ khai mạc|Lễ bế mạc|Lễ ra mắt"
         r"|Lễ công bố|Lễ trao")
EVENT = re.compile(
    rf"(?<![\wĐđ])(?P<label>(?:{HEADS})(?: [^\s,.;:()“”\"]+){{1,14}}?)"
    r"(?P<ord>,? lần thứ (?P<ordinal>[IVXLC]+|\d+|[a-zà-ỹ]+))?"
    r"(?P<termpart>,? nhiệm kỳ (?P<term>\d{4}\s*[-–]\s*\d{4}))?"
    r"(?=[,.;:()“”\"]|\s(?:đã|đang|sẽ|diễn ra|được|là|với|và|của|tại|vào|ngày|do|cho|khai mạc|bế mạc)\b|$)"
)
_PLACE_WORD = r"(?:[A-ZĐÀ-Ỹ][\wà-ỹđ]*|thành phố|tỉnh|huyện|TP\.?)"
PLACE = re.compile(rf"\btại (?!(?:{HEADS})\b)(?P<place>{_PLACE_WORD}(?: {_PLACE_WORD})*)")


def extract_events(s: Sentence, text: str, article: str, posts: list[Post]) -> list[Event]:
    sent = text[s.start : s.end]
    out = []
    for m in EVENT.finditer(sent):
        label = clean(m.group("label") + (m.group("ord") or "") + (m.group("termpart") or ""))
        if len(label.split()) < 3:
            continue
        d = None
        dm = re.search(rf"(?i:ngày|sáng|chiều|tối|trưa|đêm)\s+(?:ngày\s+)?{DATE_RE.pattern}", sent)
        if dm:
            d = date_of(dm)
        pm = PLACE.search(sent)
        participants = []
        for p in posts:
            if s.start <= p.evidence.start < s.end:
                if re.search(r"phát biểu|cho biết|nhấn mạnh|khẳng định", sent):
                    participants.append((p.person.name, "speaker"))
                if re.search(r"chủ trì", sent):
                    participants.append((p.person.name, "chair"))
        ev = Evidence(article, s.start + m.start(), s.start + m.end(), "events.named", 0.7, s.start, s.end)
        out.append(Event(label, ev, m.group("ordinal"), re.sub(r"\s*[-–]\s*", "-", m.group("term") or "") or None,
                         d, clean(pm.group("place")) if pm else None, tuple(sorted(set(participants)))))
    return out
