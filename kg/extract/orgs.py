"""Organization phrases after a role: known bodies, organization kinds, administrative levels and places,
abbreviations (data: ``ontology/organizations.ttl``, ``agencies.ttl``, ``places.ttl``), read up to where a person's
name, a new title or a break starts.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.extract.names import NameRecogniser
from kg.knowledge import Place, Role
from kg.lang.vi.orthography import clean, fold
from kg.lang.vi.sentences import DASHES, PUNCT_BREAK, Sentence


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


class OrgPhraseParser(NameRecogniser):
    """Reads the organization phrase of a title; a name recogniser, since a name ends the phrase."""

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
            if place_len == 1 and not m and stop - i == 3 and s.keys[i] in self.k.family_names \
                    and self.name_score(s, i, stop) > 0:
                continue  # "Bí thư Thành ủy Đinh La Thăng": "Đinh" opens the name, it is no place
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
