"""Person names in a sentence: capitalised runs scored by Vietnamese family and middle names (data:
``kg:FamilyName``, ``kg:MiddleName``), foreign names, and the honorifics and ranks that precede a name.

The name recogniser every rule shares; it knows nothing of titles or organizations.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from kg.extract.facts import Person
from kg.knowledge import Knowledge
from kg.lang.vi.orthography import clean, fold
from kg.lang.vi.sentences import Sentence

MAX_NAME = 4
PRONOUN_REACH = 6  # sentences back a pronoun's chain may go to the name it stands for
VI_ONLY_LETTER = re.compile("[đĐăĂơƠưƯĩĨũŨ\u1ea0-\u1ef9]")  # letters no other Latin-script language writes
VI_MARKED = re.compile("[đĐăĂâÂêÊôÔơƠưƯàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵÀÁẢÃẠÈÉẺẼẸÌÍỈĨỊÒÓỎÕỌÙÚỦŨỤỲÝỶỸỴ\u1ea0-\u1ef9]")
ASCII_WORD = re.compile(r"[A-Za-z][A-Za-z'.\-]*")


def glued_syllable(words: list[str], family_names: frozenset[str]) -> bool:
    """A foreign name run into the next sentence's Vietnamese syllable ("Barack Obama Chính", "Donald Trump Thậm"):
    two or more plain-letter words not opened by a Vietnamese family name ("Phan Thanh Bình" is a name), then one
    that carries a Vietnamese letter or tone mark."""
    return (len(words) >= 3 and fold(words[0]) not in family_names
            and all(ASCII_WORD.fullmatch(w) for w in words[:-1]) and VI_MARKED.search(words[-1]) is not None)


class NameRecogniser:
    """Where a person's name starts and ends in a sentence of tokens."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.k = knowledge

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
        if self.k.not_persons.match(s.keys, i) or self.k.agencies.match(s.keys, i):
            return None  # "HLV Bayern Munich", "CEO Disney Bob Iger": a club, brand or outlet (ontology/brands.ttl)
        if s.keys[i] in self.k.sentence_openers and s.keys[i] not in self.k.time_openers:
            return None  # "Khi Perez …": a word that opens a sentence is no name's first syllable
        brand = next((x for x in range(i + 1, j)
                      if self.k.not_persons.match(s.keys, x) or self.k.agencies.match(s.keys, x)), None)
        if brand is not None:
            j = brand  # "Arsene Wenger Arsenal", "Rodrigo Duterte Reuters": the name ends before the club or outlet
        if foreign and glued_syllable([t.text for t in s.toks[i:j]], self.k.family_names):
            j -= 1  # "Tổng thống Barack Obama Chính Tổng thống …": the name ends before the next sentence's word
        if self.name_score(s, i, j) > 0:
            return j
        if s.toks[i].is_initials and j - i <= MAX_NAME:
            return j
        if foreign and self.foreign_name(s, i, j):
            if any(self.name_score(s, k, j) > 0 for k in range(i + 1, j - 2)):  # a full 3-syllable name at the end
                return None  # "Hòa Phát Trần Đình Long": a brand, then a Vietnamese name, not a foreign name
            return j
        return None

    def short_name_at(self, s: Sentence, i: int) -> int | None:
        """End of a name written as one capitalised word not followed by another ("Duy" in "ông Duy"), which only
        the article can complete; None otherwise. The caller knows an honorific stands before it."""
        if i < len(s.toks) and s.toks[i].cap and s.toks[i].is_word and (i + 1 == len(s.toks) or not s.toks[i + 1].cap):
            return i + 1
        return None

    def skip_prefixes(self, s: Sentence, i: int) -> int:
        """Skip honorifics, ranks, degrees before a name (ông, Thiếu tướng, GS.TS)."""
        while i < len(s.toks):
            m = self.k.honorifics.match(s.keys, i) or self.k.ranks.match(s.keys, i)
            if not m:
                break
            i += m[0]
        return i

    def _followed_by_name(self, s: Sentence, j: int) -> bool:
        return self.name_at(s, self.skip_prefixes(s, j), foreign=True) is not None

    def _person(self, s: Sentence, i: int, j: int) -> Person:
        text = " ".join(t.text for t in s.toks[i:j])
        return Person(clean(text), (text,))


class ArticleNames:
    """The full names an article writes after an honorific or rank ("ông Trần Văn Bình", "Giám đốc FBI Robert
    Mueller" read as a post), to complete a short mention ("ông Bình", "ông Mueller") where exactly one of them ends
    with it, and to tell whom a pronoun stands for ("Năm 2010, ông được bầu …": the last one named before). Read on
    the first ask: most articles never ask."""

    def __init__(self, recogniser: NameRecogniser, sentences: list[Sentence], known: list[tuple[int, str]]) -> None:
        self.recogniser = recogniser
        self.sentences = sentences
        self.known = known  # (offset, name) of names already read: the persons of the article's posts
        self._names: list[tuple[list[str], str]] | None = None  # (folded words, name)
        self._mentions: list[tuple[int, str, str | None]] = []  # (offset, name, gender of its honorific)
        self._starts = [s.start for s in sentences]

    def complete(self, written: str) -> str | None:
        """The one full name of the article whose last words are ``written``'s, else None (none, or several)."""
        words = fold(written).split()
        names = self._all()
        found = {name for folded, name in names if len(folded) > len(words) and folded[-len(words):] == words}
        if not found:  # "bà Kang" for Kang Kyung-wha: a foreign name written by its first word
            found = {name for folded, name in names if len(folded) > len(words) and folded[: len(words)] == words
                     and folded[0] not in self.recogniser.k.family_names}
        return found.pop() if len(found) == 1 else None

    def antecedent(self, at: int, pronoun: str) -> str | None:
        """Whom the pronoun at offset ``at`` stands for: the one person named in its sentence before it, else in
        the sentence before, and so on back while each sentence without a name goes on with a pronoun ("Ông
        Nguyễn Văn A sinh năm 1953. … ông trở lại công tác … Năm 2010, ông được bầu …"), at most PRONOUN_REACH
        sentences. One named with an honorific of the pronoun's gender (data: ``kg:pronoun``, ``schema:gender``)
        comes before one whose gender the text does not tell, never one of the other; None when it stays open."""
        self._all()
        key = fold(pronoun)
        gender = self.recogniser.k.genders.get(key)
        starts = self._starts
        here = max(0, bisect_right(starts, at) - 1)
        for n in range(here, max(-1, here - PRONOUN_REACH - 1), -1):
            a, b = starts[n], at if n == here else starts[n + 1]
            told = {name for o, name, g in self._mentions if a <= o < b and g == gender}
            untold = {name for o, name, g in self._mentions if a <= o < b and g is None}
            others = {name for o, name, g in self._mentions if a <= o < b and g is not None and g != gender}
            found = told or untold - others
            if found:
                name = found.pop() if len(found) == 1 else None
                return None if name is None or name.startswith("?") else name
            if others or n < here and self.recogniser.k.pronouns.isdisjoint(self.sentences[n].keys):
                return None  # someone else is named, or the sentence tells of no one: the chain is broken
        return None

    def _all(self) -> list[tuple[list[str], str]]:
        if self._names is None:
            r, genders = self.recogniser, self.recogniser.k.genders
            mentions = [(o, name, None) for o, name in self.known]
            short: list[tuple[int, str, str | None]] = []
            for s in self.sentences:
                for i in range(len(s.toks) - 1):
                    start = r.skip_prefixes(s, i)
                    if start == i or i and r.skip_prefixes(s, i - 1) == start:
                        continue  # no honorific here, or inside a longer one
                    end = r.name_at(s, start, foreign=True)
                    if end is not None and end - start >= 2:
                        mentions.append((s.toks[start].start, clean(s.text_between(start, end)),
                                         genders.get(s.keys[i])))
                    elif end is None and r.short_name_at(s, start) and (
                            (m := r.k.honorifics.match(s.keys, i)) and i + m[0] == start):  # "ông Duy", not a rank
                        short.append((s.toks[start].start, s.toks[start].text, genders.get(s.keys[i])))
                named = {o for o, _, _ in mentions}
                end = r.name_at(s, 0, foreign=True) if s.toks and s.toks[0].start not in named else None
                if end is not None and end >= 2:  # a sentence opened by a bare name ("James Robart sinh năm 1947")
                    mentions.append((s.toks[0].start, clean(s.text_between(0, end)), None))
            by_key: dict[str, str] = {}
            for name in sorted({name for _, name, _ in mentions}):
                by_key.setdefault(fold(name), name)  # one spelling per name ("Hoà"/"Hòa")
            self._names = [(key.split(), name) for key, name in sorted(by_key.items())]
            mentions = [(o, by_key[fold(name)], g) for o, name, g in mentions]
            for o, written, g in short:  # "ông Duy"; one the article does not complete still stands for someone
                mentions.append((o, self.complete(written) or f"?{written}", g))
            self._mentions = sorted(mentions, key=lambda m: (m[0], m[1], m[2] or ""))
        return self._names
