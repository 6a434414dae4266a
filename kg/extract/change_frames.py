"""Posts a personnel-change sentence gives by its shape (pass ``change-posts``), which the title grammar of
``people`` does not read because the person and the post sit on either side of the change verb:

- the object of an active verb, then the post it gives: "Tổng thống A bổ nhiệm tỷ phú B làm Bộ trưởng Thương mại",
  "HĐND tỉnh bầu ông C (51 tuổi, Giám đốc Sở X) và ông D giữ chức Phó Chủ tịch UBND tỉnh" (rule
  ``changes.object_post``);
- a post written before the person it is done to: "quyết định cách chức Cục trưởng Cục Z đối với ông E",
  "trao quyết định bổ nhiệm chức vụ Phó Trưởng ban cho ông F" (``changes.post_of_object``);
- the subject before the verb, the post after it: "bà G được bổ nhiệm vị trí Bộ trưởng …", "ông H bị cách chức
  Giám đốc Sở Y", "ông I thôi chức Bí thư Tỉnh ủy" (``changes.subject_post``).

The words these frames rely on are data in ontology/changes.ttl (``kg:ChangeRoleMarker`` "làm", "vào vị trí";
``kg:ChangeObjectMarker`` "đối với", "của"; ``kg:ChangeLink`` "đã", "được", "bị"). The ``changes`` pass then pairs
these posts with their verbs like any other post.
"""

from __future__ import annotations

from kg.extract.changes import ASIDE, CHAIN_GAP, STOPS, ChangeExtractor, Verb
from kg.extract.facts import Person, Post
from kg.extract.names import ArticleNames
from kg.extract.orgs import OrgPart
from kg.extract.people import PeopleExtractor, Title
from kg.extract.rules import rule
from kg.lang.vi.orthography import fold
from kg.lang.vi.sentences import DASHES, Sentence

DESCRIPTOR = 5  # lower-case words between a verb and its object's name ("tỷ phú", "huyền thoại người Mỹ")
LOWER_RUN = 8  # lower-case words a body's name goes on with before an object marker ("Cục Kiểm soát hoạt động …")
GAPPED = "changes.gapped"  # the rule of a clause that leaves its verb out
ORG_PARTS = frozenset({"body", "orgkind", "word"})  # parts of an organization phrase a lower-case run may continue


class ChangeFrames:
    """Reads the posts of the three change frames in one sentence."""

    def __init__(self, people: PeopleExtractor, changes: ChangeExtractor) -> None:
        self.people = people
        self.changes = changes
        self.k = people.k
        self.possessives = frozenset(people.possessives)
        self.object_markers = self.k.change_objects | self.possessives  # "đối với", "cho", "của"

    def extract(self, s: Sentence, posts: list[Post], article: str, names: ArticleNames | None = None) -> list[Post]:
        """The posts of sentence ``s`` the frames read that ``posts`` (read in it before) do not have; a person
        written short ("ông Bình", "ông Mueller") takes the one full name ``names`` (the article's) completes it to."""
        verbs = self.changes.governing(s)
        if not verbs:
            return []
        have = {_key(p) for p in posts}
        out: list[Post] = []
        for v in verbs:
            found = self._object_post(s, v) if v.kind.gains else []
            found = found or self._post_of_object(s, v) or self._subject_post(s, v)
            if v.kind.gains:
                found += self._gapped(s, v)
            for name_at, name_end, title, chain, how in found:
                person = self.people._person(s, name_at, name_end)
                if name_end - name_at == 1 and s.keys[name_at] in self.k.pronouns:  # "Năm 2010, ông được bầu …"
                    full = names.antecedent(s.toks[name_at].start, s.keys[name_at]) if names is not None else None
                    if full is None:
                        continue
                else:
                    full = names.complete(person.name) if names is not None and name_end - name_at == 1 else None
                if full is not None:
                    person = Person(full, person.forms)
                r = rule(how)
                # a gapped clause's post is read from its own name on: the verb's first clause has a post too
                start = name_at if how == GAPPED else min(name_at, v.start)
                end = max(name_end, chain[-1].end)
                post = self.people._post(s, article, person, title, chain, start, end, r.name, r.confidence)
                if _key(post) in have:
                    continue  # read before; "Ủy viên" of one body and of another are two posts
                have.add(_key(post))
                out.append(post)
        return out

    # -- frames --------------------------------------------------------------------------------------------

    def _object_post(self, s: Sentence, v: Verb) -> list[tuple]:
        """VERB [descriptor] NAME [aside] [và NAME [aside]] MARKER CHAIN: every name of the list takes the chain;
        ", NAME [aside] MARKER CHAIN" after it is one more object of the verb ("bổ nhiệm A làm X, B làm Y")."""
        out: list[tuple] = []
        j = self._skip_objects(s, v.end)
        first = self._object_name(s, j)
        while first is not None:
            names = [first]
            j = first[1]
            while True:
                j = self.changes.aside_end(s, j)
                nxt = self._next_in_list(s, j)
                if nxt is None:
                    break
                names.append(nxt)
                j = nxt[1]
            marker = self._marker(s, j)
            chain = self.people.chain_at(s, marker, apposition=True, listed=True) if marker is not None else []
            chain = chain or self._member(s, j)
            if not chain:
                break
            out += [(a, b, t, chain, "changes.object_post") for a, b in names for t in chain]
            end = chain[-1].end
            first = None
            if end + 1 < len(s.toks) and s.toks[end].text == ",":
                start = self.people.skip_prefixes(s, end + 1)
                name_end = self.people.name_at(s, start, foreign=True)
                first = (start, name_end) if name_end is not None else None
        return out

    def _post_of_object(self, s: Sentence, v: Verb) -> list[tuple]:
        """VERB [chức vụ] CHAIN (đối với|của|cho) [ông] NAME: the chain is the named person's."""
        j = self._skip_marker(s, v.end)
        chain = self.people.chain_at(s, j, apposition=True)
        if not chain:
            return []
        end = chain[-1].end
        n = len(s.toks)
        at = end
        while at < n and s.toks[at].text == ")":
            at += 1
        if at < n and s.toks[at].text == "(":  # "cách chức Cục trưởng Cục X (Tổng cục Y) đối với ông A"
            past = self.changes.aside_end(s, at)
            at = past if past > at else at + 1
        at = self._past_term(s, at)  # "cho thôi làm nhiệm vụ đại biểu Quốc hội khóa XIV đối với ông A"
        if at + 1 < n and s.toks[at].text == "," and self._skip_objects(s, at + 1) > at + 1:
            at += 1  # "cho thôi chức Phó Chủ tịch UBND xã X, đối với ông A"
        m = self._object_marker_at(s, at)  # "đối với", "cho", or "của" (kg:PossessiveMarker) here
        parts = chain[-1].parts
        if not m and parts and parts[0].kind == "orgkind" and parts[-1].kind in ORG_PARTS:
            # a body named by its kind, going on in lower case: "Cục trưởng Cục Kiểm soát hoạt động bảo vệ môi
            # trường đối với ông A" (not "Chủ tịch LienVietPostBank thay thế cho ông B")
            more = self._lower_run(s, at)
            if more > at and (m := self._object_marker_at(s, more)):
                last = chain[-1]
                last.parts.append(OrgPart("word", at, more, s.text_between(at, more)))
                last.end, at = more, more
        if not m:
            return []
        start = self.people.skip_prefixes(s, at + m)
        if start == at + m:
            return []  # "của Bộ Y tế": a body, not a person; the person needs an honorific here
        # after "của" a name written short is whose act it is ("sa thải giám đốc FBI của ông Trump"): a full one only
        possessive = " ".join(s.keys[at : at + m]) in self.possessives
        name_end = self.people.name_at(s, start, foreign=True) if possessive else self._name(s, at + m, start)
        if name_end is None:
            return []
        return [(start, name_end, t, chain, "changes.post_of_object") for t in chain]

    def _past_term(self, s: Sentence, at: int) -> int:
        """Past a term after a body ("khóa XIV", "nhiệm kỳ 2016 - 2021"; data ``kg:TermQualifier``)."""
        n = len(s.toks)
        size = next((m for m in (2, 1) if " ".join(s.keys[at : at + m]) in self.k.term_qualifiers), 0)
        if not size:
            return at
        at += size
        while at < n and (s.toks[at].text[:1].isdigit() or s.toks[at].text in DASHES
                          or s.toks[at].text.isupper() and s.toks[at].text.isalpha()):
            at += 1  # "XIV", "2016", "-", "2021"
        return at

    def _object_marker_at(self, s: Sentence, at: int) -> int:
        """Tokens of an object marker ("đối với", "cho") or "của" at ``at``, else 0."""
        return next((size for size in (2, 1) if at + size <= len(s.toks)
                     and " ".join(s.keys[at : at + size]) in self.object_markers), 0)

    def _lower_run(self, s: Sentence, at: int) -> int:
        """End of at most LOWER_RUN lower-case words at ``at`` that no break, verb or marker is among: a body's name
        going on in lower case up to the object marker."""
        j, n = at, len(s.toks)
        while j < n and j - at < LOWER_RUN:
            t = s.toks[j]
            if not t.is_word or t.cap or t.key in self.k.change_breaks or self.changes.verb_at(s, j) \
                    or self._object_marker_at(s, j):
                break
            j += 1
        return j

    def _subject_post(self, s: Sentence, v: Verb) -> list[tuple]:
        """NAME [aside] [đã|vừa] (được|bị) [agent] VERB [MARKER] CHAIN, or NAME [đã] VERB CHAIN for one's own act
        and a verb that ends a post ("thôi chức Bí thư …")."""
        subject = self._subject(s, v)
        if subject is None:
            return []
        start = self._past_chained(s, v)
        left: list[Title] = []
        if start < len(s.toks) and s.keys[start] in self.k.change_from_markers and v.kind.gains:
            left = self.people.chain_at(s, start + 1, apposition=True)  # "từ Phó Giám đốc Sở X lên làm …"
            start = left[-1].end if left else start
        j = self._skip_marker(s, start)
        chain = self.people.chain_at(s, j, apposition=True, listed=j > start) or (
            self._member(s, start) if v.kind.gains else [])
        if not chain or self.people._followed_by_name(s, chain[-1].end) or left and j == start:
            return []  # "… bổ nhiệm Giám đốc Sở X Trần Văn B": the chain is B's
        return [(subject[0], subject[1], t, c, "changes.subject_post") for c in (left, chain) if c for t in c]

    def _gapped(self, s: Sentence, v: Verb) -> list[tuple]:
        """Clauses after ";" that leave the verb out: "A được chỉ định làm Bộ trưởng X; B giữ chức Bộ trưởng Y; và
        C làm Bộ trưởng Z" — each [và] [descriptor] NAME [aside] MARKER CHAIN is one more change of the verb (rule
        ``changes.gapped``), up to the next change verb."""
        out: list[tuple] = []
        n = len(s.toks)
        stop = min((w.start for w in self.changes.verbs(s) if w.start >= v.end), default=n)
        for j in range(v.end, stop):
            if s.toks[j].text != ";":
                continue
            k = j + 1
            if k < n and s.keys[k] in self.k.list_conjunctions:
                k += 1
            name = self._object_name(s, k)
            if name is None:
                continue
            marker = self._marker(s, self.changes.aside_end(s, name[1]))
            chain = self.people.chain_at(s, marker, apposition=True, listed=True) if marker is not None else []
            if chain and marker is not None and marker < stop:
                out += [(name[0], name[1], t, chain, GAPPED) for t in chain]
        return out

    # -- pieces ----------------------------------------------------------------------------------------------

    def _subject(self, s: Sentence, v: Verb) -> tuple[int, int] | None:
        """The verb's subject: a name, a pronoun opening its clause, or, for a clause that goes on after a comma
        with no subject of its own, the subject of the verb before ("Tháng 6/1990, ông được bầu làm X, sau đó được
        bổ nhiệm làm Y")."""
        subject = self.changes.subject(s, v, active=True)
        if subject is None and (at := self.changes.pronoun_subject(s, v, active=True)) is not None:
            subject = (at, at + 1)
        if subject is not None:
            return subject
        before = [w for w in self.changes.governing(s) if w.end <= v.start]
        comma = next((i for i in range(v.start - 1, before[-1].end - 1, -1) if s.toks[i].text == ","), None) \
            if before else None
        if comma is None or not (self.changes.bridge(s, comma + 1, v.start) or v.kind.own):
            return None
        return self._subject(s, before[-1])


    def _past_chained(self, s: Sentence, v: Verb) -> int:
        """Past the verbs of the same decision that follow ``v`` ("điều động, bổ nhiệm", "điều động và bổ nhiệm")."""
        end = v.end
        for w in self.changes.verbs(s):
            if w.start >= end and w.kind.gains == v.kind.gains and w.start - end <= CHAIN_GAP and all(
                    t.text == "," or t.key in self.k.list_conjunctions for t in s.toks[end : w.start]):
                end = w.end
        return end

    def _member(self, s: Sentence, j: int) -> list[Title]:
        """After a member marker ("vào"), a body whose members hold a known post (data ``kg:memberRole``): "được
        bầu vào Ban Chấp hành Trung ương Đảng khóa XII" → Ủy viên of that body."""
        k, n = self.k, len(s.toks)
        if j + 1 >= n or s.keys[j] not in k.change_member_markers or not s.toks[j + 1].cap:
            return []
        m = self.changes.body_at(s, j + 1)
        role = k.roles.get(m[1].member_role) if m and m[1].member_role else None
        if role is None:
            return []
        end, parts = self.people.parse_org(s, j + 1, role)
        return [Title(role, j + 1, end, parts)] if parts else []

    def _skip_objects(self, s: Sentence, j: int) -> int:
        """Past an object marker right after the verb ("cho ông A", "đối với bà B")."""
        for size in (2, 1):
            if " ".join(s.keys[j : j + size]) in self.k.change_objects:
                return j + size
        return j

    def _skip_marker(self, s: Sentence, j: int) -> int:
        m = self.k.change_role_markers.match(s.keys, j)
        return j + m[0] if m else j

    def _object_name(self, s: Sentence, j: int) -> tuple[int, int] | None:
        """A name at ``j`` after at most DESCRIPTOR lower-case words or places, or after a chain of titles
        ("bổ nhiệm cựu Giám đốc FBI Robert Mueller làm …")."""
        n = len(s.toks)
        chain = self.people.chain_at(s, j)
        if chain:
            j = chain[-1].end
        for _ in range(DESCRIPTOR + 1):
            if j >= n:
                return None
            start = self.people.skip_prefixes(s, j)
            end = self._name(s, j, start)
            if end is not None:
                return start, end
            t = s.toks[j]
            place = self.k.places.match(s.keys, j)
            if place and t.cap:
                j += place[0]
            elif t.is_word and not t.cap and t.key not in self.k.change_breaks \
                    and not self.k.change_role_markers.match(s.keys, j):
                j += 1
            else:
                return None
        return None

    def _name(self, s: Sentence, j: int, start: int) -> int | None:
        """End of the name at ``start`` (``j``: where its honorific starts): a full one, or after an honorific one
        capitalised word ("ông Mueller", "ông Hanh") that the article's names may complete."""
        return self.changes._name(s, start, honorific=start > j, marked=True)

    def _next_in_list(self, s: Sentence, j: int) -> tuple[int, int] | None:
        """", ông B" or "và ông B" after a name: the next name of the list."""
        n = len(s.toks)
        if j < n and s.toks[j].text == ",":
            j += 1
        if j < n and s.keys[j] in self.k.list_conjunctions:
            j += 1
        else:
            return None
        start = self.people.skip_prefixes(s, j)
        end = self._name(s, j, start) if start > j else self.people.name_at(s, start, foreign=False)
        return (start, end) if end is not None else None

    def _marker(self, s: Sentence, j: int) -> int | None:
        """Where the chain starts after a post marker at ``j`` ("làm", "giữ chức", "vào vị trí"), or after one
        that ends an aside left open (", em trai Bí thư Tỉnh ủy làm Giám đốc Sở X")."""
        k, n = self.k, len(s.toks)
        m = k.change_role_markers.match(s.keys, j)
        if m:
            return j + m[0]
        if j < n and s.toks[j].text == ",":
            for x in range(j + 1, min(n, j + ASIDE)):
                if s.toks[x].text in STOPS or s.toks[x].text == "," or self.changes.verb_at(s, x):
                    return None
                m = k.change_role_markers.match(s.keys, x)
                if m and not k.former_markers.match(s.keys, x - 1):
                    return x + m[0]
        return None


__all__ = ["ChangeFrames"]


def _key(p: Post) -> tuple[str, str, str]:
    return fold(p.person.name), fold(p.role), fold(p.org.label) if p.org else ""
