"""Named events: "Hội nghị …", "Đại hội Đảng bộ … lần thứ I, nhiệm kỳ 2025 - 2030", with date and place.

Rule: ``events.named`` — an event head word (capitalized) and its name up to the clause end; ordinal
("lần thứ XIV", "Kỳ họp thứ 10", "Đại hội XIV"), term ("nhiệm kỳ 2025 - 2030"), place ("tại …") and date ("ngày …",
the start of "từ ngày 6 đến 8/10/2025"; never the date of a document number) when the sentence gives them. Persons
whose posts were read in the same sentence with "phát biểu" / "chủ trì" become speaker / chair; so do those of a
later sentence that names the event by its head word alone ("Bí thư Tỉnh ủy A chủ trì Đại hội.").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from kg.extract.documents import DATE_RE, NUMBER, date_of, iso_date
from kg.extract.tokens import Sentence
from kg.facts import Event, Evidence, Post
from kg.text import clean

HEADS = (r"Hội nghị|Đại hội|Kỳ họp|Phiên họp|Hội thảo|Diễn đàn|Hội đàm|Lễ kỷ niệm|Lễ khai mạc|Lễ bế mạc|Lễ ra mắt"
         r"|Lễ công bố|Lễ trao")
STOP = (r"đã|đang|sẽ|diễn ra|được|là|với|và|của|tại|vào|ngày|do|cho|khai mạc|bế mạc|long trọng|trọng thể|sau|trước"
        r"|trong|từ|đến|kéo dài")
FIRST = STOP + r"|dự kiến|thảo luận|quán triệt|thông qua|biểu quyết|tiến hành|họp|chính thức|lần này|này"
EVENT = re.compile(
    rf"(?<![\wĐđ])(?P<label>(?:{HEADS}) (?!(?:{FIRST})\b)[^\s,.;:()“”\"]+(?: [^\s,.;:()“”\"]+){{0,13}}?)"
    r"(?P<ord>,? lần thứ (?P<ordinal>[IVXLC]+|\d+|[a-zà-ỹ]+))?"
    r"(?=\s?[,.;:()“”\"]|\s(?:" + STOP + r")\b|$)"
)
TERM = re.compile(r",? nhiệm kỳ (?P<term>\d{4}\s*[-–]\s*\d{4})")
ORDINAL = re.compile(r"(?:\blần thứ|\bthứ|^(?:Đại hội|Hội nghị)(?: đại biểu toàn quốc)?) (?P<o>[IVXLC]+|\d+)\b")
FACILITY = re.compile(r"(?:Trung tâm|Cung|Nhà|Hội trường)\s$")
PLACE = re.compile(rf"\btại (?!(?:{HEADS})\b)"
                   rf"(?P<place>(?:(?:thành phố|tỉnh|huyện|xã|phường|TP\.?)\s?)?[A-ZĐÀ-Ỹ][^,.;()“”]{{0,60}}?)"
                   rf"(?=\s*[,.;()“”]|\s(?:{STOP})\b|$)")
RANGE = re.compile(r"(?i:từ\s+)?ngày\s+(\d{1,2})(?:/(\d{1,2}))?\s*(?:đến|-|–)\s*(?:ngày\s+)?"
                   r"(\d{1,2})/(\d{1,2})/(\d{4})")
DOC_BEFORE = re.compile(rf"{NUMBER}\s*[,(]?\s*$")
SPEAKS = re.compile(r"phát biểu|cho biết|nhấn mạnh|khẳng định")
CHAIRS = re.compile(r"chủ trì")


def _participants(sent: str, s: Sentence, posts: list[Post]) -> set[tuple[str, str]]:
    """(name, "speaker" | "chair") of the persons with a post in this sentence, by what the sentence says they do."""
    names = {p.person.name for p in posts if s.start <= p.evidence.start < s.end}
    roles = ["speaker"] * bool(SPEAKS.search(sent)) + ["chair"] * bool(CHAIRS.search(sent))
    return {(name, role) for name in names for role in roles}


def _event_date(sent: str) -> str | None:
    r = RANGE.search(sent)
    if r:
        return iso_date(r.group(1), r.group(2) or r.group(4), r.group(5))
    for dm in re.finditer(rf"(?i:ngày|sáng|chiều|tối|trưa|đêm)\s+(?:ngày\s+)?{DATE_RE.pattern}", sent):
        if not DOC_BEFORE.search(sent[: dm.start()]):  # "Quyết định số 1234-QĐ/TU ngày 5/9/2025" dates the document
            return date_of(dm)
    return None


def extract_events(s: Sentence, text: str, article: str, posts: list[Post]) -> list[Event]:
    sent = text[s.start : s.end]
    out = []
    for m in EVENT.finditer(sent):
        if FACILITY.search(sent[: m.start()]):
            continue  # "Trung tâm Hội nghị Quốc gia" is a place
        label = clean(m.group("label") + (m.group("ord") or ""))
        end = m.end()
        tm = TERM.match(sent, end)
        term = tm.group("term") if tm else None
        if tm:
            label, end = clean(label + tm.group()), tm.end()
        if len(label.split()) < 3 or re.search(r"\d+[/\-][A-ZĐ]", label):
            continue
        ordinal = m.group("ordinal")
        if not ordinal and (om := ORDINAL.search(label)):
            ordinal = om.group("o")
        pm = PLACE.search(sent)
        participants = _participants(sent, s, posts)
        ev = Evidence(article, s.start + m.start(), s.start + end, "events.named", 0.7, s.start, s.end)
        out.append(Event(label, ev, ordinal, re.sub(r"\s*[-–]\s*", "-", term or "") or None,
                         _event_date(sent), clean(pm.group("place")) if pm else None, tuple(sorted(participants))))
    return out


ANAPHOR = re.compile(rf"(?<![\wĐđ])(?:{HEADS})(?=\s?[,.;:]|\s*$)")


def attach_participants(events: list[Event], sents: list[Sentence], posts: list[Post], text: str) -> list[Event]:
    """"Bí thư Tỉnh ủy X chủ trì Đại hội." — a bare head word in a later sentence refers to the last such event."""
    out = list(events)
    if not out or not posts:
        return out
    # Linear, not events x sentences: evidence spans never change below and sentences come in text order,
    # so events that end before a sentence are swept in once, and the last of them per head word is kept.
    starts = sorted(e.evidence.start for e in out)
    by_end = sorted(range(len(out)), key=lambda i: out[i].evidence.end)
    post_at = sorted(((p.evidence.start, n) for n, p in enumerate(posts)))
    post_starts = [a for a, _ in post_at]
    ready = 0  # by_end[:ready] end before the current sentence
    last: dict[str, int] = {}  # head word → highest index of a ready event whose label starts with it
    for s in sents:
        while ready < len(by_end) and out[by_end[ready]].evidence.end <= s.start:
            i = by_end[ready]
            for head, j in last.items():
                if i > j and out[i].label.startswith(head):
                    last[head] = i
            ready += 1
        k = bisect.bisect_left(starts, s.start)
        if k < len(starts) and starts[k] < s.end:
            continue  # the sentence has an event of its own
        sent = text[s.start : s.end]
        m = ANAPHOR.search(sent)
        if not m:
            continue
        head = m.group()
        if head not in last:
            last[head] = max((i for i in by_end[:ready] if out[i].label.startswith(head)), default=-1)
        i = last[head]
        if i < 0:
            continue
        here = [posts[n] for _, n in post_at[bisect.bisect_left(post_starts, s.start):
                                             bisect.bisect_left(post_starts, s.end)]]
        add = _participants(sent, s, here)
        if add:
            out[i] = replace(out[i], participants=tuple(sorted(set(out[i].participants) | add)))
    return out
