"""Persons and their posts from title chains and appositions.

Rules (each name is the ``rule`` on the evidence it produces):

* ``people.chain_before_name`` — "Ủy viên Bộ Chính trị, Bí thư Thành ủy Hà Nội Nguyễn Văn A": every title
  of a chain before a name is one post.
* ``people.apposition`` — "ông Nguyễn Văn A, Chủ tịch UBND tỉnh B, cho biết" / "Nguyễn Văn A - Bộ trưởng …".
* ``people.chain_comma_name`` — "do Chủ tịch UBND tỉnh B, Nguyễn Văn A ký": a chain, a comma, a name.
* ``people.chain_name_list`` — "các Phó Thủ tướng A, B và C", "hai Thứ trưởng Bộ Công an là A và B": a title
  after a plural marker (data: ``kg:PluralMarker``) is held by every name of the list.

A title = role (data: ``ontology/roles.ttl``) + organization phrase. Where the organization ends and the
name starts is decided with the gazetteers (known bodies, places) and Vietnamese family names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from kg.extract.rules import rule
from kg.extract.tokens import DASHES, PUNCT_BREAK, Sentence
from kg.facts import Evidence, Organization, Person, Post
from kg.knowledge import Knowledge, Place, Role
from kg.text import clean, fold

CHAIN_PUNCT = frozenset({",", "-", "–", "—"})  # with kg:ChainConjunction ("kiêm"); not "và": two people
MAX_NAME = 4
VI_ONLY_LETTER = re.compile("[đĐăĂơƠưƯĩĨũŨ\u1ea0-\u1ef9]")  # letters no other Latin-script language writes


@dataclass
class OrgPart:
    """One piece of an organization phrase: how it was recognized and the text to write for it."""

    kind: str  # "body" | "place" | "level" | "orgkind" | "abbrev" | "word" | "paren" | "posting"
    start: int
    end: int
    text: str
    takes_place: bool = False
    level: str | None = None  # for "level" parts: the administrative level word (tỉnh, thành phố)
    place: str | None = None  # for "level" and "place" parts: the place name


@dataclass
class Title:
    role: Role
    start: int  # token index of the role (or of its former marker)
    end: int  # token index after the organization phrase
    parts: list[OrgPart] = field(default_factory=list)
    fixed_org: str | None = None
    former: bool = False


class PeopleExtractor:
    """Finds title chains tied to person names in one sentence at a time."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.k = knowledge
        k = knowledge
        self._starters = frozenset().union(*(index._first for index in (
            k.roles, k.title_forms, k.former_markers, k.new_markers, k.honorifics, k.ranks)))
        self.chain_separators = CHAIN_PUNCT | frozenset(k.chain_conjunctions)  # as written: "Kiêm" is not one
        self.possessives = frozenset(fold(w) for w in k.possessive_markers)
        self.list_openers = frozenset({":"}) | k.list_introducers  # "các Phó Bí thư: A, B", "… là A và B"

    # -- names ---------------------------------------------------------------------------------------

    def cap_run(self, s: Sentence, i: int) -> int:
        """End index of the run of capitalized word tokens starting at ``i``.

        A capitalized function word ("Ngày", "Theo") starts the next sentence of a run-in caption, so it ends
        the run.
        """
        j = i
        n = len(s.toks)
        while j < n:
            t = s.toks[j]
            if not t.cap and j > i and s.keys[j] in self.k.name_particles:
                x = j
                while x < n and not s.toks[x].cap and s.keys[x] in self.k.name_particles:
                    x += 1
                if x < n and s.toks[x].cap:
                    j = x  # "Montes de Oca", "Ursula von der Leyen"
                    continue
            if not (t.cap and (t.is_word or t.is_initials)):
                break
            # a time word opens a sentence only before a date ("… Hải Sáng 12/4"), else it ends a name ("Vũ Xuân Sáng")
            opener = s.keys[j] in self.k.sentence_openers and (
                s.keys[j] not in self.k.time_openers or (j + 1 < n and s.toks[j + 1].text[:1].isdigit()))
            if j > i and (opener
                          or (j - i >= 2 and (self.k.roles.match(s.keys, j) or self.k.title_forms.match(s.keys, j)))):
                break  # "… Nguyễn Thiện Nhân Chủ tịch Quốc hội …": a caption runs into the next title
            j += 1
        return j

    def name_score(self, s: Sentence, i: int, j: int) -> float:
        """How much ``toks[i:j]`` looks like a Vietnamese person name (0 = not a name)."""
        n = j - i
        if not 2 <= n <= MAX_NAME:
            return 0.0
        keys = s.keys[i:j]
        if keys[0] not in self.k.family_names:
            return 0.0
        if any(len(t.text) > 1 and any(c.isupper() for c in t.text[1:]) for t in s.toks[i:j]):
            return 0.0  # acronyms and brand names (UBND, PVTex) are not name syllables
        score = 1.0 + (0.5 if n == 3 else 0.2 if n in (2, 4) else 0.0)
        if n >= 3 and keys[1] in self.k.middle_names:
            score += 0.3
        if keys[0] not in self.k.middle_names:  # "Văn", "Hoàng" also open names: weaker evidence of a start
            score += 0.5
        return score

    def foreign_name(self, s: Sentence, i: int, j: int) -> bool:
        """A run of 1–4 capitalized tokens that no gazetteer explains (Donald Trump, H.R. McMaster)."""
        if not 1 <= j - i <= MAX_NAME:
            return False
        for x in range(i, j):
            t = s.toks[x]
            if self.k.expand(t.text) or (len(t.text) > 1 and t.text[:2].isupper() and not t.is_initials):
                return False  # acronyms and brand names (UBND, PVTex) are not name syllables
            if self.k.bodies.match(s.keys, x) or self.k.places.match(s.keys, x) or self.k.org_kinds.match(s.keys, x):
                return False
            if self.k.roles.match(s.keys, x) or self.k.ranks.match(s.keys, x):
                return False
        if j - i == 2 and all(VI_ONLY_LETTER.search(s.toks[x].text) for x in range(i, j)):
            return False  # "Tổ Đúc", "Đông Hoàn", "Hữu Thắng": Vietnamese syllables, not a foreign name
        return j - i >= 2 or s.toks[i].is_initials

    def name_at(self, s: Sentence, i: int, *, foreign: bool) -> int | None:
        """End index of a person name starting exactly at ``i`` and ending a capitalized run, else None."""
        if i >= len(s.toks) or not s.toks[i].cap:
            return None
        j = self.cap_run(s, i)
        if j == i:
            return None
        pm = self.k.places.match(s.keys, i)
        if pm and pm[0] == j - i:
            return None  # "tại Hà Nội, …": a place, not a person
        if self.name_score(s, i, j) > 0:
            return j
        if s.toks[i].is_initials and j - i <= MAX_NAME:
            return j
        if foreign and self.foreign_name(s, i, j):
            if any(self.name_score(s, k, j) > 0 for k in range(i + 1, j - 2)):  # a full 3-syllable name at the end
                return None  # "Hòa Phát Trần Đình Long": a brand, then a Vietnamese name, not a foreign name
            return j
        return None

    def skip_prefixes(self, s: Sentence, i: int) -> int:
        """Skip honorifics, ranks, degrees before a name (ông, Thiếu tướng, GS.TS)."""
        while i < len(s.toks):
            m = self.k.honorifics.match(s.keys, i) or self.k.ranks.match(s.keys, i)
            if not m:
                break
            i += m[0]
        return i

    # -- organizations ---------------------------------------------------------------------------------

    def place_after_level(self, s: Sentence, i: int, stop: int) -> int:
        """End of the place name after an administrative level word, leaving a following name intact."""
        m = self.k.places.match(s.keys, i)
        if m and (i + m[0] >= stop or not s.toks[i + m[0]].cap):
            return i + m[0]
        if stop <= i:
            return i
        best_end, best = stop, 0.0  # default: the whole run is the place
        for k in range(i, stop - 1):
            score = self.name_score(s, k, stop)
            if score <= 0:
                continue
            place_len = k - i
            score += {0: -1.2, 1: -0.1, 2: 0.3}.get(place_len, 0.0)
            if m and place_len == m[0] and m[1].kind not in ("Country", "Territory"):
                score += 0.5  # a known province/city ends here
            if score > max(best, 0.5):
                best, best_end = score, k
        if best == 0.0 and m and self.name_at(s, i + m[0], foreign=True):
            return i + m[0]  # a known place, then a foreign name
        return best_end

    def parse_org(self, s: Sentence, i: int, role: Role | None, has_parts: bool = False,
                  complete: bool = False, tail: bool = False) -> tuple[int, list[OrgPart]]:
        """Read the organization phrase at ``i``; stop where a person name, a new title or a break starts."""
        k, toks, keys = self.k, s.toks, s.keys
        parts: list[OrgPart] = []
        j = i
        n = len(toks)
        while j < n:
            t = toks[j]
            if t.text == "(":
                close = next((x for x in range(j + 1, min(n, j + 6)) if toks[x].text == ")"), None)
                # "(UBND)", "(EVN)" or "tỉnh Phú Thọ (mới)": an aside inside the name, left out of the label
                if close is not None and (all(toks[x].cap or not toks[x].is_word for x in range(j + 1, close))
                                          or " ".join(keys[j + 1 : close]) in k.place_qualifiers):
                    parts.append(OrgPart("paren", j, close + 1, ""))
                    j = close + 1
                    continue
                break
            if t.text in PUNCT_BREAK:
                break
            if t.text in DASHES:
                nxt = j + 1
                if (parts and nxt < n and toks[nxt].cap and not k.roles.match(keys, nxt)
                        and not self.name_at(s, nxt, foreign=False) and parts[-1].kind != "paren"):
                    parts.append(OrgPart("word", j, j + 1, "-"))
                    j += 1
                    continue
                break
            if not t.is_word and not t.text[:1].isdigit():
                if t.text == "&" and parts:
                    parts.append(OrgPart("word", j, j + 1, "&"))
                    j += 1
                    continue
                break
            if not parts and not has_parts and not t.cap and keys[j] in k.stop_words:
                break  # "Thủ tướng Chính phủ ban hành": the verb "ban", not the organization kind "Ban"
            new_title = k.roles.match(keys, j) or k.title_forms.match(keys, j)
            starts_org = k.bodies.match(keys, j) or k.org_kinds.match(keys, j)
            if (parts or has_parts) and new_title and t.cap and not starts_org:
                break
            if (k.honorifics.match(keys, j) and not t.cap) or k.ranks.match(keys, j):
                break  # "Bộ trưởng Bộ Quốc phòng Đại tướng Phan Văn Giang": a rank starts the name part
            # a known body, possibly with the role's head noun elided (Bộ trưởng Ngoại giao → Bộ Ngoại giao)
            m = k.bodies.match(keys, j)
            if m and parts and not t.cap:
                m = None  # inside a name, a new body starts with a capital ("Chính phủ ban hành" is a verb)
            if role and role.org_head and not parts and not has_parts:
                m2 = self._body_with_head(s, j, role.org_head)
                if m2 and (m is None or m2[0] >= m[0]):
                    parts.append(OrgPart("body", j, j + m2[0], m2[1], takes_place=False))
                    j += m2[0]
                    complete = True
                    continue
            if m:
                parts.append(OrgPart("body", j, j + m[0], m[1].label))
                j += m[0]
                complete = True
                continue
            lvl = k.admin_levels.match(keys, j)
            om = k.org_kinds.match(keys, j)
            if om and (parts or has_parts) and not t.cap:
                om = None
            if lvl and om and om[0] > lvl[0]:
                lvl = None  # "Tỉnh ủy" is an organization kind, not the level "tỉnh"
            abbrev = k.expand(t.text)
            if lvl or (abbrev and abbrev in k.admin_levels):
                size = lvl[0] if lvl else 1
                if lvl is None and j + 1 < n and toks[j + 1].text == ".":
                    size = 2
                end_run = self.cap_run(s, j + size)
                end_place = self.place_after_level(s, j + size, end_run)
                level_text = abbrev or clean(" ".join(x.text for x in toks[j : j + size]))
                place_text = " ".join(x.text for x in toks[j + size : end_place])
                if place_text and (pm := k.places.match(keys, j + size)) and pm[0] == end_place - j - size:
                    place_text = self._place_text(s, j + size, end_place, pm[1])
                text = f"{level_text} {place_text}".strip()
                parts.append(OrgPart("level", j, end_place, text, level=level_text.casefold(),
                                     place=place_text or None))
                j = end_place
                # was `end_place > j - 0 and …` after `j = end_place`: always false, so a level and its place
                # never make the phrase complete (pinned by tests/test_pins.py)
                complete = False
                if end_place < n and toks[end_place].cap and self.name_at(s, end_place, foreign=True):
                    break
                continue
            if t.cap:
                hm = k.honorifics.match(keys, j)
                if parts and hm and self.name_at(s, j + hm[0], foreign=False):  # not "Bà Rịa", "Hạ viện Anh"
                    break  # "… Bộ VHTTDL Ông Nguyễn Văn A": a run-in caption, the next clause starts
                pm = k.places.match(keys, j)
                if pm:
                    after = j + pm[0]
                    if after >= n or not toks[after].cap or self.name_at(s, after, foreign=True):
                        place_text = self._place_text(s, j, after, pm[1])
                        parts.append(OrgPart("place", j, after, place_text, place=place_text))
                        j = after
                        complete = True
                        continue
                org_m = k.bodies.match(keys, j) or k.org_kinds.match(keys, j)
                head = not parts and role is not None and role.org_head and fold(role.org_head) == keys[j]
                if (not org_m or org_m[0] < 2) and not head \
                        and self.name_at(s, j, foreign=complete or not (parts or has_parts)):
                    break  # a person's name starts here ("Đoàn Văn A"), not an organization ("Đoàn Thanh niên")
            if om:
                parts.append(OrgPart("orgkind", j, j + om[0], om[1].label, takes_place=om[1].takes_place))
                j += om[0]
                complete = False
                if om[1].takes_place and j < n and toks[j].cap and not k.admin_levels.match(keys, j) \
                        and not k.places.match(keys, j) and not k.expand(toks[j].text):
                    # "Huyện ủy Kim Bảng": the place follows the kind directly; keep a following name intact
                    end_place = self.place_after_level(s, j, self.cap_run(s, j))
                    if end_place > j:
                        place_text = clean(" ".join(x.text for x in toks[j:end_place]))
                        parts.append(OrgPart("place", j, end_place, place_text, place=place_text))
                        j = end_place
                        complete = True
                continue
            if abbrev:
                kind = k.org_kinds.get(abbrev)
                if kind:
                    parts.append(OrgPart("orgkind", j, j + 1, abbrev, takes_place=kind.takes_place))
                else:
                    parts.append(OrgPart("abbrev", j, j + 1, abbrev))
                j += 1
                if j < n and toks[j].text == "." and t.text in ("TP", "Tp"):
                    j += 1
                complete = False
                continue
            if t.cap or t.text[:1].isdigit():
                if not parts and not has_parts and not t.cap:
                    break
                parts.append(OrgPart("word", j, j + 1, t.text))
                j += 1
                complete = False
                continue
            if role and role.posted_abroad and parts and keys[j] in k.posting_prepositions:
                pm = k.places.match(keys, j + 1)
                if pm:  # "Đại sứ Việt Nam tại Pháp": where the post is held, not part of its organization
                    parts.append(OrgPart("posting", j, j + 1 + pm[0], ""))
                    j += 1 + pm[0]
                    complete = True
                    continue
            if keys[j] in k.list_conjunctions and not (j + 1 < n and toks[j + 1].cap and not k.roles.match(keys, j + 1)
                                          and not self.name_at(s, j + 1, foreign=False)):
                break  # "… tỉnh Bắc Ninh và ông B": "và" joins two people, not two words of a name
            # a lower-case syllable continues the name only when the name's vocabulary says so
            if parts and (keys[j - 1], keys[j]) in k.org_bigrams:
                parts.append(OrgPart("word", j, j + 1, t.text))
                j += 1
                continue
            if parts and parts[-1].kind not in ("level", "place") and keys[j] not in k.stop_words \
                    and self._lowercase_bridge(s, j):
                parts.append(OrgPart("word", j, j + 1, t.text))
                j += 1
                continue
            if tail and parts and parts[-1].kind in ("word", "orgkind") and not t.cap \
                    and not any(p.text == "-" for p in parts):
                end = self._lowercase_tail(s, j)
                if end is not None:
                    parts.extend(OrgPart("word", x, x + 1, toks[x].text) for x in range(j, end))
                    j = end
                    continue
            break
        # a name never ends in a preposition a bigram let in ("Ban Chấp hành Trung ương về công tác …") nor in a
        # capitalised sentence opener of run-in text ("… Tỉnh ủy Yên Bái Theo báo cáo …")
        while parts and parts[-1].kind == "word" and (
                keys[parts[-1].start] in k.sentence_openers if toks[parts[-1].start].cap
                else keys[parts[-1].start] in k.prepositions):
            j = parts.pop().start
        return j, parts

    def _place_text(self, s: Sentence, i: int, j: int, place: Place) -> str:
        """A place as the text writes it (Huế stays Huế), abbreviations expanded, countries canonical (Mỹ → Hoa Kỳ)."""
        written = " ".join(t.text for t in s.toks[i:j])
        if place.kind in ("Country", "Territory"):
            return place.label
        return self.k.expand(written) or clean(written)

    def _country(self, part: OrgPart) -> Place | None:
        place = self.k.places.get(part.text) if part.kind == "place" else None
        return place if place and place.kind == "Country" else None

    def _is_country(self, part: OrgPart) -> bool:
        return self._country(part) is not None

    def _is_foreign_country(self, part: OrgPart) -> bool:
        country = self._country(part)
        return country is not None and not country.home

    def _lowercase_tail(self, s: Sentence, j: int, limit: int = 7) -> int | None:
        """End of lower-case syllables that finish an apposed organization name before the clause ends."""
        k, n = self.k, len(s.toks)
        x = j
        while x < n and x - j < limit:
            t = s.toks[x]
            if t.text in PUNCT_BREAK or k.reporting_verbs.match(s.keys, x):
                return x if x > j and t.text not in (":", "“", "\"", "'") else None
            if t.text in DASHES:
                x += 1
                continue
            if t.cap:
                if k.bodies.match(s.keys, x) or k.org_kinds.match(s.keys, x):
                    return x if x > j else None  # "Cục Kiểm tra văn bản Bộ Tư pháp": the parent body follows
                pm = k.places.match(s.keys, x) or k.admin_levels.match(s.keys, x)
                if pm and (x + pm[0] >= n or s.toks[x + pm[0]].text in PUNCT_BREAK
                           or k.reporting_verbs.match(s.keys, x + pm[0])):
                    return x  # "… vệ sinh thực phẩm Đà Nẵng thông tin": the place is read by the caller
                return None
            if not t.is_word or (s.keys[x] in k.prepositions and s.keys[x] not in k.name_conjunctions) \
                    or s.keys[x] in k.clause_words \
                    or k.roles.match(s.keys, x) or k.honorifics.match(s.keys, x):
                return None
            x += 1
        return x if x == n else None

    def _lowercase_bridge(self, s: Sentence, j: int) -> bool:
        """Lower-case words (at most 2, no stop word) followed by a capitalized organization word."""
        k = self.k
        for x in range(j, min(len(s.toks), j + 3)):
            t = s.toks[x]
            if t.cap:  # the name goes on, unless a new phrase (person, title, document, organization) starts
                new_phrase = (k.roles.match(s.keys, x) or k.doc_types.match(s.keys, x) or k.expand(t.text)
                              or k.org_kinds.match(s.keys, x) or k.bodies.match(s.keys, x))
                return not new_phrase and not self.name_at(s, x, foreign=False)
            if not t.is_word or s.keys[x] in self.k.stop_words or self.k.roles.match(s.keys, x):
                return False
        return False

    def _body_with_head(self, s: Sentence, j: int, head: str) -> tuple[int, str] | None:
        """A known body whose head noun the text leaves out, e.g. "Ngoại giao" after "Bộ trưởng"."""
        head_keys = fold(head).split()  # "Văn phòng" is two syllables: two keys
        keys = [*head_keys, *s.keys[j : j + self.k.bodies.max_len]]
        m = self.k.bodies.match(keys, 0)
        if m and m[0] > len(head_keys):
            return m[0] - len(head_keys), m[1].label
        return None

    # -- titles and chains ---------------------------------------------------------------------------

    def title_at(self, s: Sentence, i: int, tail: bool = False) -> Title | None:
        """A title (role + organization phrase) starting at token ``i``, or None."""
        k = self.k
        j = i
        former = False
        m = k.former_markers.match(s.keys, j)
        if m:
            former, j = True, j + m[0]
        else:
            m = k.new_markers.match(s.keys, j)
            if m:
                j += m[0]
        tf = k.title_forms.match(s.keys, j)
        rm = k.roles.match(s.keys, j)
        if former and not tf and not rm and (k.roles.match(s.keys, i) or k.title_forms.match(s.keys, i)):
            former, j = False, i  # "Cố vấn …" is a role, not the marker "cố" + a title
            tf = k.title_forms.match(s.keys, j)
            rm = k.roles.match(s.keys, j)
        if tf and (not rm or tf[0] >= rm[0]):
            title = Title(tf[1].role, i, j + tf[0], fixed_org=tf[1].org, former=former)
            end, parts = self.parse_org(s, title.end, None, has_parts=True, complete=True)
            title.parts, title.end = parts, end
            return title
        if not rm:
            return None
        role = rm[1]
        end, parts = self.parse_org(s, j + rm[0], role, tail=tail)
        if not parts and end + 1 < len(s.toks) and s.keys[end] in self.possessives and s.toks[end + 1].cap:
            end2, parts2 = self.parse_org(s, end + 1, None)  # "Giám đốc Điều hành của Nokia"
            if parts2 and parts2[0].kind in ("body", "orgkind", "word", "place"):
                end, parts = end2, parts2
        if role.needs_org and not parts:
            return None  # "Công ty TNHH Một thành viên Nam Triệu": no post
        return Title(role, i, end, parts, former=former)

    def chain_at(self, s: Sentence, i: int, *, apposition: bool = False) -> list[Title]:
        """Titles of a chain starting at ``i``, joined by commas, "kiêm", dashes.

        In an apposition after a dash ("A - Bộ trưởng X, Chủ tịch Y B") a title followed by a name belongs
        to the next person, so the chain stops before it.
        """
        chain: list[Title] = []
        j = i
        while True:
            title = self.title_at(s, j, tail=apposition)
            if title is None:
                break
            if chain and apposition and self._followed_by_name(s, title.end):
                break
            chain.append(title)
            j = title.end
            if not title.parts and not title.fixed_org and not s.toks[title.start].cap:
                break  # "của đại biểu, Bộ trưởng …": a lower-case bare role does not start a chain
            if j < len(s.toks) and s.toks[j].text in self.chain_separators:
                nxt = j + 1
                if nxt < len(s.toks) and (self.k.roles.match(s.keys, nxt) or self.k.title_forms.match(s.keys, nxt)
                                          or self.k.former_markers.match(s.keys, nxt)):
                    j = nxt
                    continue
            break
        self._share_orgs(chain)
        return chain

    def _share_orgs(self, chain: list[Title]) -> None:
        """A bare role takes the next title's organization: "Phó Chủ tịch kiêm Tổng Thư ký Ủy ban X".

        Not across the party/state line: in "Phó Bí thư, Chủ tịch UBND huyện" the Phó Bí thư is the Huyện ủy's.
        """
        for a, b in zip(chain, chain[1:], strict=False):
            kind = self.k.org_kinds.get(a.parts[0].text) if len(a.parts) == 1 and a.parts[0].kind == "orgkind" else None
            if kind and kind.board and b.parts and b.parts[0].kind in ("body", "orgkind", "word"):
                a.parts = a.parts + list(b.parts)  # "Chủ tịch HĐQT kiêm Tổng Giám đốc Tập đoàn X": X's board
                continue
            if a.parts or a.fixed_org or a.role.implied_org or not b.parts:
                continue
            if a.role.party != self._is_party_org(b.parts):
                continue
            a.parts = list(b.parts)

    def _is_party_org(self, parts: list[OrgPart]) -> bool:
        kind = self.k.org_kinds.get(parts[0].text) if parts[0].kind in ("orgkind", "body") else None
        return bool(kind and kind.party)

    def _followed_by_name(self, s: Sentence, j: int) -> bool:
        return self.name_at(s, self.skip_prefixes(s, j), foreign=True) is not None

    # -- organizations of a chain -------------------------------------------------------------------

    def org_of(self, title: Title, chain: list[Title], s: Sentence | None = None) -> Organization | None:
        """Full organization of a title: expanded, implicit body supplied, elided place completed."""
        parts = [p for p in title.parts if p.kind not in ("paren", "posting")]
        forms: tuple[str, ...] = ()
        if s is not None and parts:
            forms = (clean(s.text_between(parts[0].start, parts[-1].end)),)
        # a foreign country named by this title or a later one of the chain ("Tổng Bí thư, Chủ tịch nước Lào")
        later = chain[chain.index(title):] if title in chain else [title]
        country = next((p.text for t in later for p in t.parts if self._is_foreign_country(p)), None)
        if title.fixed_org:  # "Đại biểu Quốc hội tỉnh X": the post is in the fixed body
            if country and any(p.kind == "place" and p.text == country for p in parts):
                return Organization(f"{title.fixed_org} {country}", forms)  # "Quốc hội Bỉ", "Nhà nước Lào"
            return Organization(title.fixed_org, forms)
        if not parts:
            if title.role.implied_org:  # "Thủ tướng" → Chính phủ; "Thủ tướng Nhật Bản" → Chính phủ Nhật Bản
                return Organization(f"{title.role.implied_org} {country}" if country else title.role.implied_org)
            return None
        texts = [p.text for p in parts]
        head = title.role.org_head
        if head and parts[0].kind != "body" and fold(texts[0]) != fold(head) and not self.k.org_kinds.get(texts[0]):
            texts.insert(0, head)
        label = clean(" ".join(texts).replace(" & ", " và "))
        # elided place: "Phó Bí thư Thành ủy, Chủ tịch UBND TP. Cần Thơ" → Thành ủy Cần Thơ
        if len(parts) == 1 and parts[0].kind == "orgkind" and parts[0].takes_place:
            place = self._chain_place(chain, title)
            if place:
                level, name, written = place
                kind = self.k.org_kinds.get(parts[0].text)
                # a party committee carries the place as its chain wrote it (Thành ủy Cần Thơ, Thành ủy thành
                # phố Hồ Chí Minh from TP.HCM); a state body carries level and place (UBND thành phố Cần Thơ)
                label = f"{label} {written}" if kind and kind.level else f"{label} {level} {name}"
        return Organization(label, forms)

    def _chain_place(self, chain: list[Title], target: Title) -> tuple[str, str, str] | None:
        """The one (level, place, place as written) the chain's local bodies name (UBND tỉnh X, Tỉnh ủy X)."""
        places = set()
        for t in chain:
            if t is target:
                continue
            for a, b in zip(t.parts, t.parts[1:], strict=False):
                if a.kind != "orgkind" or not a.takes_place or b.kind not in ("level", "place") or not b.place:
                    continue
                kind = self.k.org_kinds.get(a.text)
                level, name = b.level, b.place
                if b.kind == "place":
                    words = name.split()
                    lvl = self.k.admin_levels.match([fold(w) for w in words], 0)
                    if lvl and lvl[0] < len(words):  # "thành phố Hồ Chí Minh" from TP.HCM
                        level, name = " ".join(words[: lvl[0]]).casefold(), " ".join(words[lvl[0]:])
                    else:
                        level = kind.level if kind and kind.level else None
                if level:
                    places.add((level, name, b.text if b.kind == "place" else name))
        return next(iter(places)) if len(places) == 1 else None

    # -- the rules ------------------------------------------------------------------------------------

    def extract(self, s: Sentence, article: str) -> list[Post]:
        posts: list[Post] = []
        apposition, copula, name_list = rule("people.apposition"), rule("people.copula"), rule("people.chain_name_list")
        used: set[int] = set()  # token indexes already part of a fact
        n = len(s.toks)
        i = 0
        starters = self._starters
        while i < n:
            if i in used or (not s.toks[i].cap and s.keys[i] not in starters):
                i += 1  # neither a name nor a title, honorific or marker starts here
                continue
            # apposition: [honorific] NAME (, | - | () chain;  copula: NAME giữ chức / được bầu làm … chain
            start = self.skip_prefixes(s, i)
            mid_run = start == i and i > 0 and s.toks[i - 1].cap and s.toks[i - 1].is_word
            name_end = None if mid_run else self.name_at(s, start, foreign=start > i)
            if name_end is not None and name_end < n:
                chain = self._apposition(s, name_end)
                found, conf = apposition, apposition.confidence
                former = False
                if not chain:
                    chain, former = self._copula(s, name_end)
                    found, conf = copula, copula.confidence
                if chain:
                    person = self._person(s, start, name_end)
                    for t in chain:
                        if former:
                            t.former = True
                        posts.append(self._post(s, article, person, t, chain, start, chain[-1].end, found.name,
                                                conf))
                    end = chain[-1].end
                    if end + 1 < n and s.toks[end].text == ",":  # "A, nguyên Bí thư X, nay là Phó Trưởng ban Y"
                        more, more_former = self._copula(s, end + 1)
                        for t in more:
                            t.former = t.former or more_former
                            posts.append(self._post(s, article, person, t, more, start, more[-1].end,
                                                    copula.name, copula.at("continued")))
                        chain = chain + more
                    used.update(range(i, chain[-1].end))
                    i = chain[-1].end
                    continue
            inside = i > 0 and s.toks[i - 1].cap and (self.k.org_kinds.match(s.keys, i - 1)
                                                      or self.k.bodies.match(s.keys, i - 1))
            if inside and inside[0] >= 2:
                i += inside[0] - 1  # "Đoàn Chủ tịch", "Phủ Chủ tịch", "Ban Giám đốc": a body, not a title
                continue
            chain = self.chain_at(s, i)
            if chain:
                end = chain[-1].end
                j = self.skip_prefixes(s, end)
                name_end = self.name_at(s, j, foreign=True)
                found = rule("people.chain_before_name")
                plural = chain[0].start > 0 and s.keys[chain[0].start - 1] in self.k.plural_markers
                if name_end is None and plural and end < n and s.keys[end] in self.list_openers:
                    j = self.skip_prefixes(s, end + 1)  # "các Phó Bí thư: A, B", "hai Thứ trưởng là A và B"
                    name_end = self.name_at(s, j, foreign=j > end + 1)
                    found = name_list
                if name_end is None and end < n and s.toks[end].text == ",":
                    j = self.skip_prefixes(s, end + 1)
                    # "Báo cáo với Bí thư Thành ủy, bà X cho biết": a chain that is an object is not X's
                    as_object = chain[0].start > 0 and s.keys[chain[0].start - 1] in self.k.object_prepositions
                    # after an honorific, only an official one (ông, bà, đồng chí — not em, cháu) and only a chain
                    # naming a real body or country ("Giám đốc Sở Y tế tỉnh A, ông B", "Thủ tướng Đức, bà C")
                    honorific = self.k.honorifics.match(s.keys, end + 1)
                    bodyless = honorific is not None and (
                        s.keys[end + 1] not in self.k.official_honorifics
                        or not any(p.kind in ("body", "orgkind") or self._is_country(p) for p in chain[-1].parts))
                    # a foreign name needs an honorific ("…, bà Angela Merkel") or a title that names a body or a
                    # country ("Chủ tịch Real Madrid, Florentino Perez")
                    named = (s.toks[chain[0].start].cap and bool(chain[-1].parts)
                             and chain[-1].parts[-1].kind in ("body", "orgkind", "word", "place"))
                    name_end = None if as_object or bodyless else self.name_at(
                        s, j, foreign=j > end + 1 or (named and j + 2 <= n and self._foreign_then_clause(s, j)))
                    found = rule("people.chain_comma_name")
                    if (name_end is not None and name_end + 1 < n and s.toks[name_end].text == ","
                            and s.toks[name_end + 1].cap):
                        name_end = None  # "A, B, C": a list, not a name
                if name_end is not None:
                    person = self._person(s, j, name_end)
                    for t in chain:
                        posts.append(self._post(s, article, person, t, chain, chain[0].start, name_end, found.name,
                                                found.confidence))
                    used.update(range(i, name_end))
                    if plural:  # "các Phó Thủ tướng A, B và C": every name in the list holds the posts
                        for j, listed_end in list(self._name_list(s, name_end)):
                            person = self._person(s, j, listed_end)
                            for t in chain:
                                posts.append(self._post(s, article, person, t, chain, chain[0].start, listed_end,
                                                        name_list.name, name_list.confidence))
                            name_end = listed_end
                        used.update(range(i, name_end))
                    # an apposition right after the name: "Trần Văn A - Bộ trưởng Bộ B"
                    elif name_end < n:
                        more = self._apposition(s, name_end)
                        if more:
                            for t in more:
                                posts.append(self._post(s, article, person, t, more, j, more[-1].end,
                                                        apposition.name, apposition.at("after_chain_name")))
                            name_end = more[-1].end
                    i = name_end
                    continue
                i = max(i + 1, chain[0].start + 1)
                continue
            i += 1
        return posts

    def _name_list(self, s: Sentence, k: int) -> Iterator[tuple[int, int]]:
        """(start, end) of each further name in a list after the name ending at ``k`` (", B", " và C")."""
        n = len(s.toks)
        while k < n:
            nxt = k + 1 if s.toks[k].text == "," else k
            if nxt < n and s.keys[nxt] in self.k.list_conjunctions:
                nxt += 1
            if nxt == k or nxt >= n:
                return
            j = self.skip_prefixes(s, nxt)
            if self.k.roles.match(s.keys, j) or self.k.title_forms.match(s.keys, j):
                return  # "…, và Bộ trưởng Bộ Tài chính C": C has a title of its own
            end = self.name_at(s, j, foreign=j > nxt)
            if end is None:
                return
            yield j, end
            k = end

    def _apposition(self, s: Sentence, name_end: int) -> list[Title]:
        """Titles apposed to the name ending at ``name_end`` ("A, Chủ tịch X," / "A - Bộ trưởng Y"), or []."""
        n = len(s.toks)
        sep = s.toks[name_end].text
        if sep == "(":  # "Trần Văn A (SN 1981), Phó Giám đốc …": skip a short aside after the name
            close = next((x for x in range(name_end + 1, min(n, name_end + 8)) if s.toks[x].text == ")"), None)
            if close is not None and close + 1 < n and s.toks[close + 1].text in (",", "-", "–") \
                    and not self.k.roles.match(s.keys, name_end + 1):
                name_end, sep = close + 1, s.toks[close + 1].text
        if sep not in (",", "-", "–", "(") or name_end + 1 >= n:
            return []
        chain = self.chain_at(s, name_end + 1, apposition=True)
        if not chain or not self._apposition_ends(s, chain[-1].end):
            return []
        if sep == ",":
            # "A, Chủ tịch X, Bí thư Y B": after a comma, a chain that ends in a name is B's, not A's
            full = self.chain_at(s, name_end + 1)
            if self._followed_by_name(s, full[-1].end):
                return []
        last = chain[-1]
        verb_follows = (last.end < n and s.toks[last.end].is_word and not s.toks[last.end].cap
                        and not self.k.reporting_verbs.match(s.keys, last.end))
        has_body = last.fixed_org or any(p.kind in ("body", "orgkind", "abbrev") for p in last.parts)
        if sep == "," and verb_follows and not has_body:
            # "A, Phó Chủ tịch UBND xã B tiến hành …" is an apposition; "A, Thủ tướng Úc cũng …" and
            # "ông A, Tổng Bí thư nói" start another clause: a verb after a title without a body
            return []
        return chain

    def _copula(self, s: Sentence, name_end: int) -> tuple[list[Title], bool]:
        """"A giữ chức Chủ tịch …", "A được bầu làm …", "A từng là …" (former): the titles after the verb."""
        m = self.k.holds_markers.match(s.keys, name_end)
        former = False
        if m is None:
            m = self.k.former_markers.match(s.keys, name_end)
            former = m is not None
        if m is None:
            return [], False
        chain = self.chain_at(s, name_end + m[0], apposition=True)
        if not chain or not (chain[0].parts or chain[0].fixed_org or chain[0].role.implied_org):
            return [], False
        return chain, former

    def _foreign_then_clause(self, s: Sentence, j: int) -> bool:
        """A 2–4 token foreign name at ``j`` followed by the clause's verb (a lower-case word, not "và") or its end."""
        end = self.cap_run(s, j)
        if not 2 <= end - j <= MAX_NAME or self.k.ranks.match(s.keys, j) \
                or any(VI_ONLY_LETTER.search(t.text) for t in s.toks[j:end]):
            return False  # "HLV Hữu Thắng, Công Phượng": a Vietnamese name needs its family name to be read
        if end >= len(s.toks):
            return True
        t = s.toks[end]
        return (t.is_word and not t.cap and s.keys[end] not in self.k.prepositions) or t.text in (".", ":")

    def _apposition_ends(self, s: Sentence, j: int) -> bool:
        """An apposition chain must end the clause: punctuation, end, or a lower-case verb."""
        if j >= len(s.toks):
            return True
        t = s.toks[j]
        if self._followed_by_name(s, j):
            return False
        return t.text in PUNCT_BREAK or t.text in DASHES or not t.cap

    def _person(self, s: Sentence, i: int, j: int) -> Person:
        text = " ".join(t.text for t in s.toks[i:j])
        return Person(clean(text), (text,))

    def _post(self, s: Sentence, article: str, person: Person, title: Title, chain: list[Title],
              start: int, end: int, rule: str, confidence: float) -> Post:
        org = self.org_of(title, chain, s)
        stated = bool(title.parts) or bool(title.fixed_org)
        if not stated:
            confidence -= 0.1
            if org and fold(person.name).split()[0] not in self.k.family_names:
                # "Thủ tướng Shinzo Abe": the implied "Chính phủ" is not Việt Nam's; its node stays in this article
                org = replace(org, scope=article)
        label = f"{title.role.label} {org.label}" if org else title.role.label
        ev = Evidence(article, s.toks[start].start, s.toks[end - 1].end, rule, round(confidence, 2), s.start, s.end)
        return Post(person, title.role.label, org, label, ev, title.role.iri, title.former,
                    "text" if stated or org is None else "implied")

    def complete_from_context(self, posts: list[Post], sents: list[Sentence]) -> list[Post]:
        """"Thứ trưởng Trần Văn A" with no ministry: the one ministry the article names (rule people.context_org)."""
        by_kind: dict[str, set[str]] = {}  # organization kind IRI → known bodies of that kind named in the article
        for s in sents:
            for i in range(len(s.toks)):
                m = self.k.bodies.match(s.keys, i)
                if m and m[1].kind:
                    by_kind.setdefault(m[1].kind, set()).add(m[1].label)
        out = []
        for p in posts:
            role = self.k.roles.get(p.role)
            kind = self.k.org_kinds.get(role.org_head) if role and role.org_head else None
            if p.org is None and kind:
                bodies = by_kind.get(kind.iri, set())
                if len(bodies) == 1:
                    org = Organization(next(iter(bodies)))
                    context = rule("people.context_org")  # relative: the post's own confidence, less 0.2
                    ev = replace(p.evidence, rule=context.name, confidence=round(p.evidence.confidence
                                                                                 + context.confidence, 2))
                    p = replace(p, org=org, title=f"{p.role} {org.label}", evidence=ev, org_source="context")
            out.append(p)
        return out
