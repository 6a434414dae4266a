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

from kg.extract.documents import NUMBER
from kg.extract.facts import Event, Evidence, Post
from kg.extract.rules import rule
from kg.knowledge import Knowledge, alternation
from kg.lang.vi.dates import DATE_RANGE, DATE_RE, date_of, range_start
from kg.lang.vi.orthography import clean
from kg.lang.vi.sentences import Sentence

DOC_BEFORE = re.compile(rf"{NUMBER}\s*[,(]?\s*$")


class EventExtractor:
    """The event grammar, compiled once from the knowledge base's event words (``ontology/language.ttl``)."""

    def __init__(self, k: Knowledge) -> None:
        heads, stop = alternation(k.event_heads), alternation(k.event_name_ends)
        first = alternation(k.event_name_ends + k.event_name_non_starts)
        self.event = re.compile(
            rf"(?<![\wĐđ])(?P<label>(?:{heads}) (?!(?:{first})\b)[^\s,.;:()“”\"]+(?: [^\s,.;:()“”\"]+){{0,13}}?)"
            rf"(?P<ord>,? (?:{alternation(k.name_ordinal_markers)}) (?P<ordinal>[IVXLC]+|\d+|[a-zà-ỹ]+))?"
            r"(?=\s?[,.;:()“”\"]|\s(?:" + stop + r")\b|$)"
        )
        ordinal_heads = alternation(k.ordinal_event_heads)  # "Đại hội XIV", "Hội nghị đại biểu toàn quốc lần thứ II"
        self.ordinal = re.compile(rf"(?:\b(?:{alternation(k.ordinal_markers)})|^(?:{ordinal_heads})"
                                  rf"(?: (?:{alternation(k.event_qualifiers)}))?) (?P<o>[IVXLC]+|\d+)\b")
        self.term = re.compile(rf",? (?:{alternation(k.term_markers)}) (?P<term>\d{{4}}\s*[-–]\s*\d{{4}})")
        self.facility = re.compile(rf"(?:{alternation(k.facility_heads)})\s$")
        levels = rf"(?:(?:{alternation(k.venue_levels)})\s?)?"
        self.place = re.compile(rf"\b(?:{alternation(k.venue_prepositions)}) (?!(?:{heads})\b)"
                                rf"(?P<place>{levels}[A-ZĐÀ-Ỹ][^,.;()“”]{{0,60}}?)"
                                rf"(?=\s*[,.;()“”]|\s(?:{stop})\b|$)")
        self.speaks = re.compile(alternation(k.speech_verbs))
        self.chairs = re.compile(alternation(k.chair_verbs))
        self.dated = re.compile(rf"(?i:{alternation(k.day_parts)})\s+(?:ngày\s+)?{DATE_RE.pattern}")
        self.anaphor = re.compile(rf"(?<![\wĐđ])(?:{heads})(?=\s?[,.;:]|\s*$)")

    def _participants(self, sent: str, s: Sentence, posts: list[Post]) -> set[tuple[str, str]]:
        """(name, "speaker" | "chair") of the persons with a post in this sentence, by what it says they do."""
        names = {p.person.name for p in posts if s.start <= p.evidence.start < s.end}
        roles = ["speaker"] * bool(self.speaks.search(sent)) + ["chair"] * bool(self.chairs.search(sent))
        return {(name, role) for name in names for role in roles}

    def _event_date(self, sent: str) -> str | None:
        r = DATE_RANGE.search(sent)
        if r:
            return range_start(r)
        for dm in self.dated.finditer(sent):
            if not DOC_BEFORE.search(sent[: dm.start()]):  # "Quyết định số 1234-QĐ/TU ngày 5/9/2025" dates the document
                return date_of(dm)
        return None

    def extract(self, s: Sentence, text: str, article: str, posts: list[Post]) -> list[Event]:
        sent = text[s.start : s.end]
        out = []
        for m in self.event.finditer(sent):
            if self.facility.search(sent[: m.start()]):
                continue  # "Trung tâm Hội nghị Quốc gia" is a place
            label = clean(m.group("label") + (m.group("ord") or ""))
            end = m.end()
            tm = self.term.match(sent, end)
            term = tm.group("term") if tm else None
            if tm:
                label, end = clean(label + tm.group()), tm.end()
            if len(label.split()) < 3 or re.search(r"\d+[/\-][A-ZĐ]", label):
                continue
            ordinal = m.group("ordinal")
            if not ordinal and (om := self.ordinal.search(label)):
                ordinal = om.group("o")
            pm = self.place.search(sent)
            participants = self._participants(sent, s, posts)
            named = rule("events.named")
            ev = Evidence(article, s.start + m.start(), s.start + end, named.name, named.confidence, s.start, s.end)
            out.append(Event(label, ev, ordinal, re.sub(r"\s*[-–]\s*", "-", term or "") or None, self._event_date(sent),
                             clean(pm.group("place")) if pm else None, tuple(sorted(participants))))
        return out

    def attach_participants(self, events: list[Event], sents: list[Sentence], posts: list[Post],
                            text: str) -> list[Event]:
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
            m = self.anaphor.search(sent)
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
            add = self._participants(sent, s, here)
            if add:
                out[i] = replace(out[i], participants=tuple(sorted(set(out[i].participants) | add)))
        return out
