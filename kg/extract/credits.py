"""Photo and text credits: "Ảnh: Ngọc Thiện - TTXVN", "(Ảnh: VGP/Quang Hiếu)", a closing byline "Minh Anh".

Rules: ``credits.photo`` (after "Ảnh:"; captions are often run into the next sentence, so the credit is read
token by token: a 2–3 syllable name and an agency in either order) and ``credits.byline`` (what follows the
article's last sentence, or its last short line; "Thu Hà – Văn Sơn" gives one credit per name). Names may be
written in capitals ("Ảnh: TỰ TRUNG"); "Báo" + a capitalised name is a local paper ("Ảnh: Quang Cường/Báo Tuyên
Quang").
"""

from __future__ import annotations

import re

from kg.extract.facts import Credit, Evidence
from kg.extract.rules import rule
from kg.knowledge import Knowledge, alternation, phrase_key
from kg.lang.vi.orthography import fold

VOWELS = set("AĂÂEÊIOÔƠUƯYÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ")
TAIL = re.compile(r"(?:[.!?…”\")]\s*|\n)([^\n.!?…]{2,60}?)\s*$")
CHUNK = re.compile(r"[^\s/()\-–—,:;]+|[/()\-–—,:;]")  # credits split on spaces and separators only: "L.T.Thắng"
SEPARATORS = frozenset({"-", "–", "—", "/", "(", ")", ","})
INITIALS = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]*\.?")  # "K.T.", "L.T.Thắng", "T.Q.Huy.": a dot inside a name
ONLY_INITIALS = re.compile(r"[^\W\d_]\.(?:[^\W\d_]\.?)+")  # "M.T.", "Q.B": two initials or more, nothing else


def _ends_sentence(word: str) -> bool:
    """A word whose dot ends a sentence ("Sina.", "T.Q.Huy." in "Ảnh: Sina. Một …"), not an initial's ("K.T.")."""
    return word.endswith(".") and not re.fullmatch(r"(?:[^\W\d_]\.)+", word)


def _loose(phrase: str) -> str:
    """A phrase as a regex that also matches it with its spaces missing ("Bàivàảnh", "Tin,ảnh" in crawls)."""
    return r"\s*".join(re.escape(w) for w in re.findall(r"[^\s,]+|,", phrase))


class CreditExtractor:
    """Credits after a credit head (data: kg:CreditHead) and closing bylines."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.k = knowledge
        self.photo = re.compile(rf"(?<![\w])(?:{'|'.join(_loose(h) for h in knowledge.credit_heads)})\s*:\s*")
        self.source = re.compile(rf"^(?:{alternation(knowledge.source_prefixes)})\s+")
        self.source_words = frozenset(fold(w) for w in knowledge.source_prefixes)  # "Ảnh: Nguồn Internet"

    def _agency(self, words: list[str], i: int) -> tuple[int, str] | None:
        m = self.k.agencies.match([w.casefold() for w in words], i)
        return m if m else None

    def _outlet(self, toks: list[tuple[str, int, int]], words: list[str], i: int) -> tuple[int, str] | None:
        """(tokens, name) of a known agency at ``i``, or of a local paper ("Báo Tuyên Quang": data kg:AgencyHead)."""
        m = self._agency(words, i)
        if m or words[i] not in self.k.agency_heads:
            return m
        j = i + 1
        while j < len(toks) and j - i <= 3 and toks[j][0][:1].isupper() and toks[j][0] not in SEPARATORS:
            j += 1
        return (j - i, " ".join(t[0] for t in toks[i:j])) if j > i + 1 else None

    def _is_name_word(self, w: str) -> bool:
        if not w[:1].isupper() or not w.replace(".", "").isalpha() or re.search(r"\.[a-z]", w):
            return False  # "Quochoi.vn", "Dantri.com.vn": a web address, not a name
        key = fold(w.rstrip("."))
        if key in self.k.sentence_openers and key not in self.k.time_openers or key in self.source_words:
            return False  # "Ảnh: Internet Theo …": the next sentence starts; a time word may be a name (Nhan Sáng)
        if w.isupper() and len(w) > 1 and "." not in w and VOWELS & set(w):  # "Ảnh: NGUYỄN KHÁNH" (Tuổi Trẻ)
            return True
        # acronyms and brands (TTXVN, LienVietPostBank) are not name syllables; initials (L.T.Thắng) are
        return not any(c.isupper() and w[i - 1] != "." for i, c in enumerate(w) if i > 0)

    def _degree(self, toks: list[tuple[str, int, int]], words: list[str], i: int) -> int:
        """The tokens of a degree or rank before a name at ``i`` ("BS", "ThS.", "PGS.TS"; data: kg:Degree), or 0."""
        m = self.k.ranks.match(words, i)
        return m[0] if m and i + m[0] < len(toks) and self._is_name_word(toks[i + m[0]][0]) else 0

    def parse(self, text: str, *, open_end: bool) -> tuple[str, str | None, int] | None:
        """(person, agency, characters used) of a credit at the start of ``text``.

        ``open_end``: the credit may run into the next sentence ("Ảnh: Minh Tuấn Đây là …"), so a name
        without an agency after it is taken as two syllables.
        """
        toks = [(m.group(), m.start(), m.end()) for m in CHUNK.finditer(text[:120])]
        words = [phrase_key(t[0])[0] if phrase_key(t[0]) else t[0] for t in toks]
        person = agency = None
        end = 0
        i = 0
        while i < len(toks) and (person is None or agency is None):
            a = self._outlet(toks, words, i)
            brand = self.k.not_persons.match(words, i) if person is None else None
            if a and agency is None:
                agency = a[1]
                i += a[0]
                end = toks[i - 1][2]
            elif brand and fold(brand[1]) in self.k.staff_credits:
                return None  # "Ảnh: P.V", "PV/VOV-Bắc Kinh": the paper's reporter (at a posting), no name
            elif brand:  # "Ảnh: Google Maps": a brand or a club (data: ontology/brands.ttl), no photographer
                i += brand[0]
                end = toks[i - 1][2]
            elif person is None and (self._is_name_word(toks[i][0]) or self._degree(toks, words, i)):
                i += self._degree(toks, words, i)  # "Bs Trinh Nguyễn", "ThS Lê Hà": the degree is no name
                j = i
                while (j < len(toks) and j - i < 4 and self._is_name_word(toks[j][0]) and not self._agency(words, j)
                       and not self.k.not_persons.match(words, j)):
                    j += 1
                    if _ends_sentence(toks[j - 1][0]):
                        break  # "Ảnh: Minh Anh. Một …": the dot ends the credit
                n = j - i
                if (n >= 3 and open_end and ONLY_INITIALS.fullmatch(toks[i][0]) and toks[i][0].isupper()
                        and (j < len(toks) and toks[j][0] in "(," or all(t[0].isupper() for t in toks[i + 1 : j]))):
                    n = 1  # initials sign the photo; then the next sentence's subject ("Ảnh: M.T. Minh Lê (20
                    # tuổi …)") or the byline in capitals ("Ảnh: M.Q MINH QUÂN")
                if n >= 3 and open_end and (j >= len(toks) or toks[j][0] not in SEPARATORS):
                    n = 2  # the rest starts the next sentence
                if n > 3 or (n == 1 and not INITIALS.fullmatch(toks[i][0])):
                    return None  # one word is a name only as initials ("L.T.Thắng"), never "Sina."
                person = " ".join(t[0] for t in toks[i : i + n])
                if person.isupper():
                    person = person.title()  # one person whether the paper prints "TỰ TRUNG" or "Tự Trung"
                i += n
                end = toks[i - 1][2]
                if person.endswith(".") and _ends_sentence(toks[i - 1][0]):  # "Thành Cường." ends a sentence;
                    # "Minh T." and "K.T." keep their initial's dot
                    person, end = person[:-1], end - 1
            else:
                break
            if i < len(toks) and toks[i][0] in SEPARATORS and toks[i][0] not in ",)":
                i += 1
                continue
            break
        opened = sum(t[0] == "(" for t in toks[:i]) > sum(t[0] == ")" for t in toks[:i])
        if opened and i < len(toks) and toks[i][0] == ")":
            end = toks[i][2]  # "Thanh Liêm (TTXVN)": the credit includes its closing parenthesis
        return (person, agency, end) if person else None

    def extract(self, text: str, body_start: int, article: str) -> list[Credit]:
        credits: list[Credit] = []
        photo, byline = rule("credits.photo"), rule("credits.byline")
        for m in self.photo.finditer(text, body_start):
            parsed = self.parse(text[m.end() :], open_end=True)
            if parsed:
                person, agency, used = parsed
                ev = Evidence(article, m.start(), m.end() + used, photo.name, photo.confidence)
                credits.append(Credit(person, agency, "photo", ev))
        tail = TAIL.search(text, body_start)
        if tail and not self.photo.search(tail.group(1)):
            start = tail.start(1)
            closing = tail.group(1)
            lone = re.match(r"[^\W\d_]\s+", closing) if text[start - 1 : start] == "." else None
            if lone:  # "Ảnh: M.Q MINH QUÂN": the dot was an initial's, the byline starts after "Q"
                start, closing = start + lone.end(), closing[lone.end() :]
            body = self.source.sub("", closing.strip(" -–"))
            sourced = body != closing.strip(" -–")
            start += closing.index(body) if body in closing else 0
            parsed = self.parse(body, open_end=False)
            if parsed and sourced and not parsed[1]:
                parsed = None  # "Theo Thời Đại" names an outlet; "Theo Mi Vân/Dân trí" an author and the outlet
            if parsed and parsed[2] >= len(body.rstrip()) - 1:
                person, agency, used = parsed
                ev = Evidence(article, start, start + used, byline.name, byline.confidence)
                credits.append(Credit(person, agency, "text", ev))
            else:
                parts = [(m.start(), m.group()) for m in re.finditer(r"[^–\-,]+", body) if m.group().strip()]
                got, source = [], False
                for off, seg in parts:
                    lead = len(seg) - len(seg.lstrip())
                    if self.source.match(seg.strip()):
                        source = True  # "Đình Đình, Theo Thời Đại": the outlet the author's text is from
                        continue
                    p = self.parse(seg.strip(), open_end=False)
                    if not p or p[2] < len(seg.strip()) - 1 or p[1] or self.k.places.get(p[0]):
                        got = []
                        break
                    got.append((p[0], start + off + lead, start + off + lead + p[2]))
                if len(got) > 1 or (got and source):
                    for person, a, b in got:
                        ev = Evidence(article, a, b, byline.name, byline.at("name_list"))
                        credits.append(Credit(person, None, "text", ev))
        seen, out = set(), []
        for c in credits:
            if (c.person, c.agency, c.kind) not in seen:
                seen.add((c.person, c.agency, c.kind))
                out.append(c)
        return out
