"""Personnel changes (pass ``changes``): "Ngày 5/3/2025, Bộ Chính trị quyết định bổ nhiệm ông A giữ chức Phó Chủ
nhiệm Ủy ban Kiểm tra Trung ương", "HĐND tỉnh đã bầu ông B giữ chức Chủ tịch UBND tỉnh", "ông C, Giám đốc Sở Tư
pháp, được nghỉ hưu theo chế độ từ ngày 1/7/2025".

A change is read from a sentence that has a change verb (data: ``kg:changeVerb`` of a ``kg:ChangeKind`` in
ontology/changes.ttl) and the posts the people extractor read in it. A verb that takes a post ("bổ nhiệm", "bầu",
"điều động") gives each person whose post follows it a change into that post, and the person's post written before
it is the one left ("ông A, Trưởng phòng X, được điều động giữ chức Phó Giám đốc Sở Y"); a verb that leaves one
("nghỉ hưu", "miễn nhiệm", "cách chức") gives a change out of the person's post next to it. A verb after a hedge
("đề nghị bổ nhiệm", "dự kiến bầu", "chưa bổ nhiệm": data ``kg:ChangeHedge``) is no change. The sentence also
gives the date (a full date; a day and month take the article's year, else stay ``--MM-DD``; a month or a year as
written, ``YYYY-MM`` or ``YYYY``: never guessed), the deciding body written before the verb, the decision (a
document of the sentence) and the term ("nhiệm kỳ 2016-2021", "thời hạn 5 năm"). Rules: ``changes.gain`` and
``changes.leave``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from kg.extract.facts import Change, Document, Evidence, Organization, Post
from kg.extract.names import NameRecogniser
from kg.extract.rules import rule
from kg.knowledge import Knowledge, phrase_key
from kg.knowledge.registry import BodyRegistry
from kg.knowledge.tables import ChangeKind
from kg.lang.vi.dates import DATE_RE, DAY_MONTH, date_of, day_month, partial_dates
from kg.lang.vi.orthography import fold
from kg.lang.vi.sentences import Sentence

TERM = re.compile(r"(?i:nhiệm\s+kỳ)\s+(\d{4})\s*[-–]\s*(\d{4})|(?i:thời\s+hạn)\s+(\d{1,2})\s+năm")
HEDGE_WINDOW = 3  # tokens before a verb (back to a punctuation mark) where a hedge makes it no change
SUBJECT_HEDGE_WINDOW = 6  # … and before the person of one's own act ("kêu gọi Thủ tướng A từ chức")
OBJECT_GAP = 6  # tokens between a verb and the post it gives when no "giữ chức"/"làm" marks it
MARKED_GAP = 14  # … when "đối với"/"cho" brings the person in ("đình chỉ công tác (lần 2) đối với ông A")
LEAVE_GAP = 4  # tokens between a post and the verb that ends it ("…, được nghỉ hưu", "… bị cách chức")
OBJECT_NEAR = 4  # tokens between an object marker and the mention of the person it brings in ("đối với ông A")
AGENT = 5  # tokens of the agent between "bị"/"được" and the verb ("bị ông Trump sa thải")
ASIDE = 16  # tokens of an aside after a name ("B, thuộc phe trung lập …, làm …", "(51 tuổi, Giám đốc Sở X)")
SUBJECT_SPAN = ASIDE + 8  # tokens before a verb where its subject's name may start: honorific, name, aside, links
STOPS = frozenset({".", ";", ":", "!", "?"})
CLAUSE_OPENERS = frozenset({",", ";", ":", "(", "-", "–"})  # before a pronoun that opens a clause
VERBS_KEPT = 512  # sentences whose verbs are kept (more than an article has; then the cache starts again)
CHAIN_GAP = 3  # tokens between two verbs of one decision ("phê chuẩn kết quả bầu", "điều động, bổ nhiệm")


@dataclass(frozen=True)
class Verb:
    start: int  # token index
    end: int
    kind: ChangeKind


class ChangeExtractor:
    """Reads the personnel changes of one sentence from its change verbs and the posts read in it."""

    def __init__(self, knowledge: Knowledge, registry: BodyRegistry) -> None:
        self.k = knowledge
        self.registry = registry
        self.names = NameRecogniser(knowledge)
        self.possessives = frozenset(fold(w) for w in knowledge.possessive_markers)
        self.first_syllables = frozenset(knowledge.change_verbs.first_syllables())
        self._seen: dict[int, tuple[Sentence, list[Verb]]] = {}  # id → (sentence, its verbs), of this article

    def verbs(self, s: Sentence) -> list[Verb]:
        """The change verbs of the sentence that no hedge comes before (kept for the article's sentences: the
        change-posts and changes passes both ask, sentence after sentence)."""
        seen = self._seen.get(id(s))
        if seen is not None and seen[0] is s:
            return seen[1]
        out = self._verbs(s)
        if len(self._seen) >= VERBS_KEPT:
            self._seen.clear()
        self._seen[id(s)] = (s, out)
        return out

    def _verbs(self, s: Sentence) -> list[Verb]:
        first = self.first_syllables
        if first.isdisjoint(s.keys):
            return []  # most sentences: no change verb starts anywhere
        out: list[Verb] = []
        i, n = 0, len(s.keys)
        while i < n:
            m = self.k.change_verbs.match(s.keys, i) if s.keys[i] in first else None
            if m is None:
                i += 1
                continue
            if any(" ".join(s.keys[i : i + n]) in self.k.change_non_verbs for n in (2, 3)) or (
                    i and " ".join(s.keys[i - 1 : i + 1]) in self.k.change_non_verbs):
                i += m[0]
                continue  # "bầu cử": an election campaign
            if i and s.toks[i].cap and s.toks[i - 1].is_word:
                i += m[0]
                continue  # "Văn phòng Bầu dục": a capital inside a name, no verb
            if m[0] == 1 and self._nickname(s, i + 1):
                i += 1
                continue  # "bầu Đức": a club owner's nickname, no vote
            if not _says(self._before(s, i), self.k.change_hedges):
                out.append(Verb(i, i + m[0], m[1]))
            i += m[0]
        return out

    @staticmethod
    def _before(s: Sentence, i: int, window: int = HEDGE_WINDOW) -> list[str]:
        """The ``window`` tokens before token ``i``, back to the nearest punctuation."""
        keys = []
        for j in range(i - 1, max(-1, i - window - 1), -1):
            if not s.toks[j].text[:1].isalnum():
                break
            keys.append(s.keys[j])
        return keys[::-1]

    def _hedged(self, s: Sentence, subject: int) -> bool:
        """A hedge before the subject of the change ("kêu gọi Thủ tướng A từ chức", "muốn bà B từ chức")."""
        return _says(self._before(s, subject, SUBJECT_HEDGE_WINDOW),
                     self.k.change_hedges)

    def governing(self, s: Sentence) -> list[Verb]:
        """The verbs of the sentence that decide (see ``_governing``)."""
        return _governing(self.verbs(s))

    def verb_at(self, s: Sentence, i: int) -> bool:
        """A change verb starts at token ``i``."""
        return self.k.change_verbs.match(s.keys, i) is not None

    def subject(self, s: Sentence, v: Verb, *, active: bool = False) -> tuple[int, int] | None:
        """The name nearest before the verb whose end only link words, an aside and a passive agent separate
        from it. Unless a passive marker is among them ("được bổ nhiệm", "bị ông B sa thải"), only one's own act
        ("nghỉ hưu") or, when ``active``, a verb of its subject (``kg:ChangeSelfVerb`` "thôi chức", "đắc cử") has the
        person undergoing it before it; before others the one named decides."""
        best = None
        self_verb = " ".join(s.keys[v.start : v.end]) in self.k.change_self_verbs
        for i in range(max(0, v.start - SUBJECT_SPAN), v.start):
            start = self.names.skip_prefixes(s, i)
            if start >= v.start or not s.toks[start].cap or (start == i and i > 0 and s.toks[i - 1].cap):
                continue
            end = self._name(s, start, honorific=start > i)
            if end is None or end > v.start:
                continue
            passive = self.bridge(s, self.aside_end(s, end), v.start)
            if passive is None or not (passive or v.kind.own or (active and self_verb)):
                continue
            best = (start, end)
        return best

    def pronoun_subject(self, s: Sentence, v: Verb, *, active: bool = False) -> int | None:
        """A pronoun opening the verb's clause ("Năm 2010, ông được bầu làm …", "Sau đó, bà được điều động …"; data
        ``kg:pronoun``): its token, when only link words and a passive agent stand between it and the verb, as
        ``subject`` asks of a name."""
        self_verb = " ".join(s.keys[v.start : v.end]) in self.k.change_self_verbs
        for i in range(v.start - 1, max(-1, v.start - SUBJECT_SPAN), -1):
            if s.keys[i] not in self.k.pronouns or i + 1 < len(s.toks) and s.toks[i + 1].cap:
                continue
            if i and s.toks[i - 1].text not in CLAUSE_OPENERS:
                return None  # "của ông", "cho bà": no subject
            passive = self.bridge(s, i + 1, v.start)
            return i if passive is not None and (passive or v.kind.own or (active and self_verb)) else None
        return None

    def _name(self, s: Sentence, start: int, *, honorific: bool, marked: bool = False) -> int | None:
        """End of a name at ``start``: a full one (foreign after an honorific or a marker), or after an honorific
        one capitalised syllable ("ông Minh"), which only the article can complete."""
        if not (honorific or marked):
            return self.names.name_at(s, start, foreign=False)
        end = self.names.name_at(s, start, foreign=True)
        if end is None and honorific and (short := self.names.short_name_at(s, start)) and not self._titled(s, start):
            end = short
        return end

    def _titled(self, s: Sentence, i: int) -> bool:
        """A title or a body starts at token ``i`` ("ông Bộ trưởng", "ông Cục trưởng"): no one-word name."""
        k = self.k
        return bool(k.roles.match(s.keys, i) or k.title_forms.match(s.keys, i) or self.body_at(s, i))

    def bridge(self, s: Sentence, start: int, verb: int) -> bool | None:
        """Whether only link words (and, after "được"/"bị", a short agent) stand between ``start`` and the verb:
        None when something else does, else whether a passive marker is among them."""
        k, i, passive = self.k, start, False
        while i < verb:
            t = s.toks[i]
            if t.key in k.passive_markers:
                passive = True
                i += 1
                if verb - i <= AGENT and not any(x.text[:1] in ",.;:()" for x in s.toks[i:verb]):
                    return True  # "bị ông Trump sa thải", "được Thủ tướng bổ nhiệm"
                continue
            size = next((n for n in (3, 2, 1) if i + n <= verb and " ".join(s.keys[i : i + n]) in k.change_links),
                        0)
            if not size:
                return None
            i += size
        return passive

    def aside_end(self, s: Sentence, j: int) -> int:
        """Past an aside after a name: "(51 tuổi, Giám đốc Sở X)", ", 56 tuổi,", ", thuộc phe …,"."""
        n = len(s.toks)
        if j >= n:
            return j
        if s.toks[j].text == "(":
            close = next((x for x in range(j + 1, min(n, j + ASIDE)) if s.toks[x].text == ")"), None)
            return close + 1 if close is not None else j
        if s.toks[j].text == ",":
            for x in range(j + 1, min(n, j + ASIDE)):
                t = s.toks[x]
                if t.text in STOPS or self.verb_at(s, x):
                    return j
                if t.text == ",":
                    return x + 1
        return j

    def _nickname(self, s: Sentence, j: int) -> bool:
        """A one-word verb right before a capitalised name that is no title or body ("bầu Đức", "bầu Hiển")."""
        k = self.k
        return (j < len(s.toks) and s.toks[j].cap and s.toks[j].text[:1].isalpha() and not k.roles.match(s.keys, j)
                and not k.org_kinds.match(s.keys, j) and not k.expand(s.toks[j].text))

    def extract_article(self, sentences: list[Sentence], posts: list[Post], documents: list[Document],
                        article: str, article_date: str | None) -> list[Change]:
        """The changes of an article, sentence by sentence, each once (a lead repeated in the body is one change:
        the same person, kind and post)."""
        by_sentence: dict[int, list[Post]] = {}
        for p in posts:
            by_sentence.setdefault(p.evidence.sentence_start, []).append(p)
        seen: dict[tuple, list[int]] = {}
        out: list[Change] = []
        for s in sentences:
            found = self.extract(s, by_sentence.get(s.start, []), documents, article, article_date)
            found += self.from_article(s, found, posts, documents, article, article_date)
            for c in found:
                post = c.to_post or c.from_post
                mine = seen.setdefault((c.person, c.kind, post.role if post else None), [])
                n = next((n for n in mine if _same_body(out[n], c)), None)
                if n is None:  # "Ủy viên" of the Central Committee and of the Politburo are two changes
                    mine.append(len(out))
                    out.append(c)
                else:  # the same change told again: what the first telling left out is taken from this one
                    out[n] = _completed(out[n], c)
        self._seen.clear()  # the last pass to ask: kept longer, the sentences would fill the collector's oldest
        return out

    def extract(self, s: Sentence, posts: list[Post], documents: list[Document], article: str,
                article_date: str | None) -> list[Change]:
        """The changes of sentence ``s``; ``posts``: the posts read in it, in text order."""
        verbs = self.verbs(s)
        if not verbs or not posts:
            return []
        at = {t.start: n for n, t in enumerate(s.toks)}

        def tok(offset: int) -> int:
            return at.get(offset, next((n for n, t in enumerate(s.toks) if t.start >= offset), len(s.toks)))

        verbs = _governing(verbs)
        dates = {v: self._date(s, v, article_date) for v in verbs}  # each verb's: "…, sau đó được …" is later
        first_post = min(tok(p.evidence.start) for p in posts)
        decider = self._decider(s, min(verbs[0].start, first_post))
        decision = _decision(s, documents)
        term = self._term(s.text)
        out: list[Change] = []
        by_person: dict[str, list[tuple[int, int, bool, Post]]] = {}  # name → (role at, end, marked, post)
        for p in posts:  # a former post is one a change may end ("cựu Giám đốc FBI A bị sa thải"), never take
            role_at = self._role_at(s, p, tok)
            end = tok(p.evidence.end)
            by_person.setdefault(p.person.name, []).append((role_at, end, self._marked(s, role_at), p))
        roles = sorted(m[0] for mine in by_person.values() for m in mine)

        def nearest(v: Verb) -> int:  # the first post written after the verb: its object
            return next((r for r in roles if r >= v.end), len(s.toks))

        for name, mine in by_person.items():
            mine.sort(key=lambda x: x[0])
            for v in verbs:
                after = [m for m in mine if m[0] >= v.end]
                before = [m for m in mine if m[0] < v.start]
                nxt = min((w.start for w in verbs if w.start >= v.end), default=len(s.toks))
                after = [m for m in after if m[0] < nxt]  # a later verb takes what follows it
                if v.kind.gains:
                    after = [m for m in after if not m[3].former]  # a former post before is the one held before
                    if not after:
                        continue
                    marked = [m for m in after if m[2]]
                    gained = (marked or after)[0]
                    if not marked and (gained[0] - v.end > OBJECT_GAP or gained[0] > nearest(v)
                                       or self._broken(s, v.end, gained[0])
                                       or self._other_name(s, v, gained[0], name)):
                        continue  # the post is not the verb's object: another clause's person
                    taken = max((w.end for w in verbs if w.kind.gains and w.end <= v.start), default=len(s.toks))
                    earlier = [m for m in (*before, *after) if m[0] < gained[0] and m is not gained
                               and not taken <= m[0] < v.start]  # not what a verb before gave ("…, sau đó …")
                    left = earlier[-1][3] if earlier else None
                    for m in self._listed(s, gained, after):  # "được bầu làm Ủy viên …, Phó Bí thư và Chủ tịch …"
                        out.append(self._change(name, v, m[3], left, s, dates[v], decider, decision, term, article))
                else:
                    near_before = [m for m in before if self._linked(s, m[1], v.start)
                                   and (v.kind.own or self._passive(s, m[1], v.start))
                                   and not self._possessed(s, m[3], tok)]
                    # one's own act takes a person after it only through a marker ("nghỉ hưu cho ông B"): "đơn
                    # từ chức và được Tổng thống A chấp nhận" is not A's
                    near_after = [m for m in after if (m[0] - v.end <= LEAVE_GAP - 2 and not v.kind.own
                                                       and not self._broken(s, v.end, m[0])) or (
                        m[0] - v.end <= MARKED_GAP
                        and self._object_marker(s, v.end, min(m[0], tok(m[3].evidence.start))))]
                    chosen = near_before[-1] if near_before else (near_after[0] if near_after else None)
                    if chosen is not None and not (near_before and self._hedged(s, tok(chosen[3].evidence.start))):
                        # after the verb, every post of a list is left ("cách hết các chức vụ đối với ông A (57
                        # tuổi, Ủy viên …, Phó Bí thư, Chủ tịch UBND xã B)")
                        for m in self._listed(s, chosen, after) if not near_before else [chosen]:
                            out.append(self._change(name, v, None, m[3], s, dates[v], decider, decision, term,
                                                    article))
        return out

    def _other_name(self, s: Sentence, v: Verb, role_at: int, name: str) -> bool:
        """Someone else is the verb's person: another's name between the verb and the post ("Tổng thống Pháp đắc
        cử A và Tổng thống Nga B"), or the subject of a verb whose subject gains ("ông A đắc cử Tổng thống, Chủ
        tịch B")."""
        for i in range(v.end, role_at):
            end = self.names.name_at(s, i, foreign=True) if s.toks[i].cap else None
            if end is not None and end <= role_at and not _same_person(name, s.text_between(i, end)):
                return True
        if " ".join(s.keys[v.start : v.end]) in self.k.change_self_verbs:
            subject = self.subject(s, v, active=True)
            return subject is not None and not _same_person(name, s.text_between(*subject))
        return False

    def _listed(self, s: Sentence, first: tuple, mine: list[tuple]) -> list[tuple]:
        """``first`` and the person's posts that follow it as one list: only a comma, "và" or "kiêm" between one's
        end and the next one's role ((role at, end, marked, post) tuples in text order)."""
        out = [first]
        for m in mine:
            if m[0] <= out[-1][0]:
                continue
            between = s.toks[out[-1][1] : m[0]]
            if len(between) > 2 or not all(t.text == "," or t.key in self.k.list_conjunctions for t in between):
                break
            out.append(m)
        return out

    def from_article(self, s: Sentence, found: list[Change], posts: list[Post], documents: list[Document],
                     article: str, article_date: str | None) -> list[Change]:
        """Changes out of a post the sentence does not write ("ông Minh bị cách chức", "kỷ luật cách chức đối với
        2 ông A và ông B"): the person's post the article states elsewhere (the last before, else the first
        after), when the name written is one person's of the article (rule ``changes.leave_context``). A full
        name that the article gives no post, as the subject of its own act or of a passive verb ("nhà báo Trần
        Văn A nghỉ hưu", "ông B bị sa thải"), leaves a post the text does not name (``changes.postless``)."""
        verbs = [v for v in self.governing(s) if not v.kind.gains]
        if not verbs:
            return []
        done = {fold(c.person) for c in found}
        out: list[Change] = []
        for v in verbs:
            names = self.objects(s, v)
            subject = self.subject(s, v)
            if subject is not None and not self._hedged(s, subject[0]) and not self._possessed_name(s, subject[0]):
                names.insert(0, subject)
            for start, end in names:
                written = s.text_between(start, end)
                post = self._article_post(s, written, posts)
                if post is not None:
                    person, r = post.person.name, rule("changes.leave_context")
                elif (start, end) == subject and self._postless(written, posts):
                    person, r = written, rule("changes.postless")
                else:
                    continue
                if fold(person) in done:
                    continue
                done.add(fold(person))
                a, b = min(start, v.start), max(end, v.end)
                ev = Evidence(article, s.toks[a].start, s.toks[b - 1].end, r.name, r.confidence, s.start, s.end)
                decision = _decision(s, documents)
                out.append(Change(person, v.kind.iri, ev, None, post, self._date(s, v, article_date),
                                  self._decider(s, min(v.start, start)), decision, self._term(s.text)))
        return out

    def _possessed_name(self, s: Sentence, start: int) -> bool:
        """The name at ``start``, with its honorific or title ("Thủ tướng Anh Theresa May"), follows "của": it
        names whose the subject is ("Hai trợ lý của Thủ tướng Anh Theresa May đệ đơn từ chức"), not the subject."""
        j = self._honorific_start(s, start)
        for _ in range(ASIDE // 2):
            if j == 0 or not s.toks[j - 1].cap:
                break
            j -= 1
        return j > 0 and s.keys[j - 1] in self.possessives

    def _honorific_start(self, s: Sentence, start: int) -> int:
        """Where the name at ``start`` begins with its honorific ("ông A": at "ông")."""
        return next((i for i in range(max(0, start - 2), start) if self.names.skip_prefixes(s, i) == start), start)

    @staticmethod
    def _postless(written: str, posts: list[Post]) -> bool:
        """A name of two syllables or more that no post of the article names, whole or as its last words."""
        return len(written.split()) >= 2 and not any(_same_person(p.person.name, written) for p in posts)

    @staticmethod
    def _article_post(s: Sentence, written: str, posts: list[Post]) -> Post | None:
        """The post of the one person of the article whose name ends with ``written``: the last stated before
        the sentence, else the first after it."""
        words = fold(written).split()
        mine = [p for p in posts if _ends_with(p.person.name, words)]
        if not mine or len({fold(p.person.name) for p in mine}) > 1:
            return None
        before = [p for p in mine if p.evidence.start < s.start]
        return before[-1] if before else min(mine, key=lambda p: p.evidence.start)

    def objects(self, s: Sentence, v: Verb) -> list[tuple[int, int]]:
        """The names right after a verb, after "đối với"/"cho" and a count ("đối với 2 ông A và ông B"); a name
        needs an honorific here unless a marker brings it in."""
        k, n = self.k, len(s.toks)
        j = v.end
        marked = False
        for at in range(v.end, min(n, v.end + MARKED_GAP)):  # "cho thôi làm nhiệm vụ đại biểu đối với ông A"
            size = next((m for m in (2, 1) if " ".join(s.keys[at : at + m]) in k.change_objects), 0)
            if size and (at == v.end or " ".join(s.keys[at : at + size]) != "cho"):
                j, marked = at + size, True
                break
            if not s.toks[at].text[:1].isalnum() or self.verb_at(s, at):
                break
        if j < n and s.toks[j].text.isdigit():
            j += 1
        out: list[tuple[int, int]] = []
        while j < n:
            start = self.names.skip_prefixes(s, j)
            end = self._name(s, start, honorific=start > j, marked=marked)
            if end is None:
                break
            out.append((start, end))
            j = end
            if j < n and s.toks[j].text == ",":
                j += 1
            if j < n and s.keys[j] in k.list_conjunctions:
                j += 1
            elif j >= n or s.toks[j - 1].text != ",":
                break
        return out

    def _role_at(self, s: Sentence, p: Post, tok: Callable[[int], int]) -> int:
        """The token where the post's role is written within its evidence (the person's name may come first): the
        occurrence a holds marker brings in ("…, giữ chức Giám đốc Sở X"), else the first that is no part of a
        longer title ("Giám đốc" inside "Phó Giám đốc")."""
        low, role = s.text.casefold(), p.role.casefold()
        a, b = p.evidence.start - s.start, p.evidence.end - s.start
        found = []
        at = low.find(role, a, b)
        while at >= 0:
            found.append(tok(s.start + at))
            at = low.find(role, at + 1, b)
        if not found:  # written short ("HLV trưởng" for Huấn luyện viên trưởng): where the role index reads it
            found = [i for i in range(tok(p.evidence.start), tok(p.evidence.end))
                     if (m := self.k.roles.match(s.keys, i)) and m[1].label == p.role]
        if not found and p.org is not None:  # a member's post ("được bầu vào Ban Chấp hành …"): its body's place
            found = [tok(s.start + at) for f in p.org.forms if (at := low.find(f.casefold(), a, b)) >= 0][:1]
        if not found:
            return tok(p.evidence.start)
        marked = [i for i in found if self._marked(s, i)]
        whole = [i for i in found if not (i and (m := self.k.roles.match(s.keys, i - 1)) and m[0] > 1)]
        return (marked or whole or found)[0]

    def _linked(self, s: Sentence, end: int, verb: int) -> bool:
        """Only link words and punctuation between a post's end and the verb that ends it."""
        between, links, keys = s.toks[end:verb], self.k.change_links, s.keys[end:verb]
        i = 0
        while i < len(between):
            t = between[i]
            if t.key in self.k.passive_markers and 0 < len(between) - i - 1 <= AGENT \
                    and all(x.text[:1].isalnum() for x in between[i + 1:]):
                return True  # "A bị ông Trump sa thải", "A được Thủ tướng cho nghỉ hưu"
            size = next((n for n in (3, 2, 1) if " ".join(keys[i : i + n]) in links), 0)
            if not t.text[:1].isalnum():
                i += 1
            elif size:
                i += size
            else:
                return False
        return len(between) <= LEAVE_GAP + 2

    def _possessed(self, s: Sentence, p: Post, tok: Callable[[int], int]) -> bool:
        """The post follows "của" ("giám đốc truyền thông của Tổng thống A, đã từ chức"): it names whose the
        subject is, not the subject."""
        at = tok(p.evidence.start)
        return at > 0 and s.keys[at - 1] in self.possessives

    def _object_marker(self, s: Sentence, start: int, at: int) -> bool:
        """"đối với", "cho" after the verb (``start``) and right before the person's mention at ``at``: the change is
        done to that person ("đình chỉ công tác (lần 2) đối với ông A"; not "… đối với ông Cục trưởng”, Thủ tướng
        nói và hoan nghênh Bộ trưởng B", where the marker brings in someone else)."""
        return _says(s.keys[max(start, at - OBJECT_NEAR) : at], self.k.change_objects)

    def _broken(self, s: Sentence, start: int, end: int) -> bool:
        """A comma or a break word ("vì", "do") between the verb and a post: the post is no object of the verb."""
        return any(t.text == "," or t.key in self.k.change_breaks for t in s.toks[start:end])

    def _passive(self, s: Sentence, end: int, verb: int) -> bool:
        """"bị" or "được" between a post and the verb: its person undergoes the change."""
        return any(t.key in self.k.passive_markers for t in s.toks[end:verb])

    def _marked(self, s: Sentence, role_at: int) -> bool:
        """The role follows a holds marker ("giữ chức", "làm"): the post a change gives, not the one held."""
        for i in range(max(0, role_at - 4), role_at):
            m = self.k.holds_markers.match(s.keys, i)
            if m and i + m[0] == role_at:
                return True
        return False

    def _change(self, name: str, v: Verb, gained: Post | None, left: Post | None, s: Sentence, date: str | None,
                decider: Organization | None, decision: str | None, term: str | None, article: str) -> Change:
        r = rule("changes.gain" if v.kind.gains else "changes.leave")
        spans = [s.toks[v.start].start, s.toks[v.end - 1].end]
        for p in (gained, left):
            if p is not None:
                spans += [p.evidence.start, p.evidence.end]
        ev = Evidence(article, min(spans), max(spans), r.name, r.confidence, s.start, s.end)
        return Change(name, v.kind.iri, ev, gained, left, date, decider, decision, term)

    def _date(self, s: Sentence, verb: Verb, article_date: str | None) -> str | None:
        """The sentence's date nearest before the verb (else the first after it): full, or a day and month with
        the article's year, or ``--MM-DD``; where no day is written, a month (``YYYY-MM``) or a year (``YYYY``)."""
        verb_at = s.toks[verb.start].start - s.start
        since = next((s.toks[i].start - s.start for i in range(verb.start - 1, -1, -1)
                      if _says(s.keys[i : i + 2], self.k.change_sequence)), -1)  # "…, sau đó được bổ nhiệm …"
        found: list[tuple[int, str]] = []
        for m in DATE_RE.finditer(s.text):
            d = date_of(m)
            if d:
                found.append((m.start(), d))
        for m in DAY_MONTH.finditer(s.text):
            if any(a <= m.start(1) < a + 12 for a, _ in found):
                continue
            d = day_month(m, article_date[:4] if article_date else None)
            if d:
                found.append((m.start(), d))
        if not found:
            found = partial_dates(s.text)  # "Tháng 6/1990, ông được bầu …": a month or a year, as precise as written
        if not found:
            return None
        before = [f for f in found if f[0] < verb_at]
        if since >= 0:  # a later change than the clause before: only a date after the sequence word is its own
            before = [f for f in before if f[0] > since]
            return max(before)[1] if before else None
        return (max(before) if before else min(found))[1]

    def _decider(self, s: Sentence, end: int) -> Organization | None:
        """The body written before the verb ("Bộ Chính trị", "HĐND tỉnh Nghệ An"): its canonical label."""
        k, keys, toks = self.k, s.keys, s.toks
        best: tuple[int, int] | None = None
        i = 0
        while i < end:
            m = self.body_at(s, i)
            if m is None or not toks[i].cap:
                i += 1
                continue
            j = min(end, i + m[0])
            while j < end and not k.roles.match(keys, j) and not k.change_verbs.match(keys, j):
                more = k.bodies.match(keys, j) or k.org_kinds.match(keys, j) or k.admin_levels.match(keys, j)
                if more and toks[j].cap or more and k.admin_levels.match(keys, j):
                    j = min(end, j + more[0])  # "Ban Thường vụ" + "Tỉnh ủy" + "Quảng Nam"
                elif toks[j].cap:
                    j += 1
                else:
                    break
            best = (i, j)
            i = j
        if best is None:
            return None
        written = s.text_between(*best)
        res = self.registry.resolve(written)
        return None if res.nameless else Organization(res.label, (written,), parent=res.parent)

    def body_at(self, s: Sentence, i: int) -> tuple[int, object] | None:
        """A known body, an organization kind or a kind's abbreviation ("UBND") at token ``i``: (tokens, entry)."""
        k = self.k
        return k.bodies.match(s.keys, i) or k.org_kinds.match(s.keys, i) or self._abbreviated_kind(s.toks[i].text)

    def _abbreviated_kind(self, written: str) -> tuple[int, object] | None:
        """A kind written as its abbreviation ("HĐND", "UBND"): one token."""
        expansion = self.k.expand(written)
        if not expansion:
            return None
        words = phrase_key(expansion)
        m = self.k.org_kinds.match(words, 0)
        return (1, m[1]) if m and m[0] == len(words) else None

    @staticmethod
    def _term(text: str) -> str | None:
        m = TERM.search(text)
        if not m:
            return None
        return f"{m.group(1)}-{m.group(2)}" if m.group(1) else f"{m.group(3)} năm"


__all__ = ["ChangeExtractor"]


def _ends_with(name: str, words: list[str]) -> bool:
    """Whether the folded words of ``name`` end with ``words`` ("Trần Văn Minh" ends with ["minh"])."""
    return fold(name).split()[-len(words):] == words


def _same_person(a: str, b: str) -> bool:
    """One name written whole or short for the other: either ends with the other's words ("Donald Trump",
    "Trump")."""
    return _ends_with(a, fold(b).split()) or _ends_with(b, fold(a).split())


def _says(keys: list[str], words: frozenset[str]) -> bool:
    """One of ``words`` (a word or a two-word phrase, folded) is among ``keys``."""
    return any(w in words for w in keys) or any(f"{a} {b}" in words for a, b in zip(keys, keys[1:], strict=False))


def _decision(s: Sentence, documents: list[Document]) -> str | None:
    """The number of the first of the article's documents written in the sentence: the change's decision."""
    return next((d.number for d in documents if s.start <= d.evidence.start < s.end), None)


def _same_body(a: Change, b: Change) -> bool:
    """The two changes' posts are of one body, or one of them names none: one label starts the other ("Sở Tài
    nguyên và Môi trường" and "… tỉnh Yên Bái")."""
    pa, pb = a.to_post or a.from_post, b.to_post or b.from_post
    if pa is None or pb is None or pa.org is None or pb.org is None:
        return True
    x, y = fold(pa.org.label), fold(pb.org.label)
    return x.startswith(y) or y.startswith(x)


def _completed(first: Change, again: Change) -> Change:
    """``first`` with the post left, date, deciding body, decision and term ``again`` gives where it gives none, and
    ``again``'s date where it says more of the same ("2015-03-05" for "2015-03")."""
    more = {f: getattr(again, f) for f in ("from_post", "date", "decider", "decision", "term")
            if getattr(first, f) is None and getattr(again, f) is not None}
    if first.date and again.date and len(again.date) > len(first.date) and again.date.startswith(first.date):
        more["date"] = again.date
    return replace(first, **more) if more else first


def _governing(verbs: list[Verb]) -> list[Verb]:
    """The verbs that decide: of two that take a post one after the other ("điều động, bổ nhiệm", "phê chuẩn kết
    quả bầu"), the first."""
    out: list[Verb] = []
    for v in verbs:
        if out and out[-1].kind.gains and v.kind.gains and v.start - out[-1].end <= CHAIN_GAP:
            continue
        out.append(v)
    return out
