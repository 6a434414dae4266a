"""Persons and their posts from title chains and appositions.

Rules (each name is the ``rule`` on the evidence it produces):

* ``people.chain_before_name`` — "Ủy viên Bộ Chính trị, Bí thư Thành ủy Hà Nội Nguyễn Văn A": every title
  of a chain before a name is one post.
* ``people.apposition`` — "ông Nguyễn Văn A, Chủ tịch UBND tỉnh B, cho biết" / "Nguyễn Văn A - Bộ trưởng …".
* ``people.chain_comma_name`` — "do Chủ tịch UBND tỉnh B, Nguyễn Văn A ký": a chain, a comma, a name.
* ``people.chain_name_list`` — "các Phó Thủ tướng A, B và C", "hai Thứ trưởng Bộ Công an là A và B": a title
  after a plural marker (data: ``kg:PluralMarker``) is held by every name of the list.

A title = role (data: ``ontology/roles.ttl``) + organization phrase (``kg.extract.orgs``); the name after it is
read by ``kg.extract.names``. Where the organization ends and the name starts is decided with the gazetteers
(known bodies, places) and Vietnamese family names.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from kg.extract.facts import Evidence, Organization, Person, Post
from kg.extract.names import MAX_NAME, VI_ONLY_LETTER
from kg.extract.orgs import OrgPart, OrgPhraseParser
from kg.extract.rules import rule
from kg.knowledge import Knowledge, Role
from kg.lang.vi.orthography import clean, fold
from kg.lang.vi.sentences import DASHES, PUNCT_BREAK, Sentence

CHAIN_PUNCT = frozenset({",", "-", "–", "—"})  # with kg:ChainConjunction ("kiêm"); not "và": two people


@dataclass
class Title:
    role: Role
    start: int  # token index of the role (or of its former marker)
    end: int  # token index after the organization phrase
    parts: list[OrgPart] = field(default_factory=list)
    fixed_org: str | None = None
    former: bool = False


class PeopleExtractor(OrgPhraseParser):
    """Finds title chains tied to person names in one sentence at a time."""

    def __init__(self, knowledge: Knowledge) -> None:
        super().__init__(knowledge)
        k = knowledge
        self._starters = frozenset().union(*(index._first for index in (
            k.roles, k.title_forms, k.former_markers, k.new_markers, k.honorifics, k.ranks)))
        self.chain_separators = CHAIN_PUNCT | frozenset(k.chain_conjunctions)  # as written: "Kiêm" is not one
        self.possessives = frozenset(fold(w) for w in k.possessive_markers)
        self.list_openers = frozenset({":"}) | k.list_introducers  # "các Phó Bí thư: A, B", "… là A và B"

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

    def chain_at(self, s: Sentence, i: int, *, apposition: bool = False, listed: bool = False) -> list[Title]:
        """Titles of a chain starting at ``i``, joined by commas, "kiêm", dashes.

        In an apposition after a dash ("A - Bộ trưởng X, Chủ tịch Y B") a title followed by a name belongs
        to the next person, so the chain stops before it. ``listed``: the chain is the object of a post marker
        ("được bầu làm Ủy viên …, Phó Bí thư và Chủ tịch UBND xã B"), where "và" joins its last title too.
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
            if j < len(s.toks) and (s.toks[j].text in self.chain_separators
                                    or listed and s.keys[j] in self.k.list_conjunctions):
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
            elif (comma := self._age_aside(s, name_end + 1)) is not None:
                name_end, sep = comma, "("  # "A (57 tuổi, Chủ tịch UBND xã B)": the titles after the age
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

    def _age_aside(self, s: Sentence, j: int) -> int | None:
        """The comma ending an age or birth-year aside that opens a parenthesis at ``j`` ("57 tuổi,", "SN 1970,",
        "sinh năm 1968,": a number and person-aside words only, data ``kg:PersonAsideWord``), or None."""
        for x in range(j, min(len(s.toks), j + 5)):
            if s.toks[x].text == ",":
                aside = range(j, x)
                numbers = [y for y in aside if s.toks[y].text.isdigit()]
                rest = [y for y in aside if y not in numbers]
                return x if len(numbers) == 1 and all(s.keys[y] in self.k.person_asides for y in rest) else None
        return None

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
