"""Photo and text credits: "Ảnh: Ngọc Thiện - TTXVN", "Ảnh: VGP/Quang Hiếu", a closing byline "Minh Anh".

Rules: ``credits.photo`` (after "Ảnh:"), ``credits.byline`` (the article's last short line).
"""

from __future__ import annotations

import re

from kg.facts import Credit, Evidence
from kg.knowledge import Knowledge, phrase_key
from kg.text import clean

PHOTO = re.compile(
    r"(?:^|(?<=[\s(.]))(?:Ảnh|Ảnh minh họa|Clip|Video|Nguồn ảnh)\s*:\s*(?P<body>[^\n()]{2,60}?)\s*(?=[)\n]|$|\.\s)"
)
NAME_WORD = re.compile(r"^(?:[A-ZĐÀ-Ỹ][\wÀ-ỹđĐ]*\.?)+$")


class CreditExtractor:
    def __init__(self, knowledge: Knowledge) -> None:
        self.k = knowledge

    def agency(self, text: str) -> str | None:
        key = phrase_key(text)
        m = self.k.agencies.match(list(key), 0)
        return m[1] if m and m[0] == len(key) else None

    def is_name(self, text: str) -> bool:
        words = text.replace(".", ". ").split()
        return 1 <= len(words) <= 5 and all(NAME_WORD.match(w) for w in words) and not self.agency(text)

    def parse(self, body: str) -> tuple[str, str | None] | None:
        """(person, agency) of a credit text such as "Ngọc Thiện - TTXVN" or "VGP/Quang Hiếu"."""
        pieces = [clean(p) for p in re.split(r"\s*[/–—]\s*|\s+-\s*|\s*-\s+|\s*\(\s*|\s*\)\s*", body) if clean(p)]
        person = agency = None
        for piece in pieces:
            if self.agency(piece):
                agency = agency or self.agency(piece)
            elif self.is_name(piece) and person is None:
                person = piece
        return (person, agency) if person else None

    def extract(self, text: str, body_start: int, article: str) -> list[Credit]:
        credits: list[Credit] = []
        for m in PHOTO.finditer(text, body_start):
            parsed = self.parse(m.group("body"))
            if parsed:
                ev = Evidence(article, m.start(), m.end("body"), "credits.photo", 0.9)
                credits.append(Credit(parsed[0], parsed[1], "photo", ev))
        lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text[body_start:])]
        if lines:
            start, line = lines[-1]
            start += body_start
            stripped = line.strip().strip("-–").strip()
            if 2 <= len(stripped) <= 50 and not PHOTO.search(line) and not stripped.endswith((".", "!", "?", ":")):
                parsed = self.parse(stripped)
                if parsed:
                    a = start + line.index(stripped)
                    ev = Evidence(article, a, a + len(stripped), "credits.byline", 0.7)
                    credits.append(Credit(parsed[0], parsed[1], "text", ev))
        seen, out = set(), []
        for c in credits:
            if (c.person, c.agency, c.kind) not in seen:
                seen.add((c.person, c.agency, c.kind))
                out.append(c)
        return out
