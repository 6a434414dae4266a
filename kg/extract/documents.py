"""Numbered documents: identifier, type, date, issuer stated in the text, subject.

Rules (the ``rule`` on each evidence):

* ``documents.typed_number`` — "Chỉ thị số 55-CT/TW", "quyết định 3897/QĐ-UBND", "Nghị quyết 35".
* ``documents.symbol_only`` — "số 669/QĐ-UBND" without a type word: the type comes from the symbol code.
* ``documents.list_item`` — "các Kết luận số 126-KL/TW, 127-KL/TW và 128-KL/TW": each number of a list.
* ``documents.named_law`` — "Luật Tổ chức chính quyền địa phương số 72/2025/QH15": a law's name before "số".
* ``documents.date_after`` / ``documents.date_signed`` / ``documents.date_before`` — the document's date.
* ``documents.issuer_of`` ("của X"), ``documents.issuer_by`` ("do/được X ký"), ``documents.issuer_subject``
  ("X vừa ký Quyết định …"), ``documents.issuer_then`` ("Tại Văn bản …, X đã …"), ``documents.issuer_apposed``
  ("Nghị quyết 04 Bộ Chính trị"), ``documents.issuer_shared_subject`` ("Chính phủ ban hành Nghị quyết A và
  Nghị quyết B"). "Thay mặt Bộ Chính trị, Tổng Bí thư … ký": the body signed for is the issuer.
* ``documents.date_next_sentence`` / ``documents.issuer_next_sentence`` ("Thông tư được Bộ trưởng … ký ngày …" after
  the sentence naming it) and ``documents.issuer_previous_sentence`` ("X vừa có văn bản … Theo đó, Hướng dẫn số …").

The symbol's issuer code (TW, TTg, CP, UBND, QH14 …) is decoded into ``symbol_issuer_kind``: inferred, never
given as the stated issuer.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from kg.extract.facts import Document, Evidence, Organization
from kg.extract.people import PeopleExtractor
from kg.extract.rules import Rule, rule
from kg.knowledge import DocType, Knowledge, alternation, default_knowledge
from kg.lang.vi.dates import DATE_RE, date_of
from kg.lang.vi.orthography import clean, fold
from kg.lang.vi.sentences import Sentence

_UP = "A-ZĐƯƠĂÂÊÔ"  # capitals that symbol codes use (NQ/TƯ, QĐ-UBND)
_SEP = rf"(?:\s?[/\-–]\s?|\s(?=[{_UP}]{{1,8}}[-–][{_UP}]))"  # "67/2014 NĐ-CP": a space before a code
_PART = rf"(?:\d{{4}}|[{_UP}][{_UP}0-9]*[a-zđ]{{0,2}}[{_UP}0-9]*(?:\.[{_UP}0-9]+)*)"  # TTg, Ttg, QĐi
NUMBER = rf"\d{{1,5}}[a-z]?(?:{_SEP}{_PART})*(?![\wĐđ]|[.,]\d)"
SYMBOL_NUMBER = rf"\d{{1,5}}[a-z]?(?:{_SEP}{_PART})+(?![\wĐđ])"  # at least one symbol part
JOINED = r"\s*(?:,|và|,\s*và)\s*"  # what joins two documents of one list: ", ", " và ", ", và "
LIST_ITEM = re.compile(rf"{JOINED}(?:số\s+)?(?P<num>{SYMBOL_NUMBER})")


def _verbs(words: tuple[str, ...]) -> list[list[str]]:
    """Verb phrases as folded token lists, longest first: the longest verb that ends at a token wins."""
    return [fold(w).split() for w in sorted(words, key=len, reverse=True)]


def norm_number(number: str) -> str:
    """Identifier key: no spaces, separators or case (16-NQ/TW and 16/NQ-TW are one document)."""
    return re.sub(r"[\s./\-–]+", "", number).casefold()


def tidy_number(number: str) -> str:
    """The identifier as written, spaces inside the symbol removed ("470- QĐNS/TW" → "470-QĐNS/TW")."""
    number = re.sub(r"(?<=\d)\s+(?=[^\W\d_])", "/", number)  # "67/2014 NĐ-CP" → "67/2014/NĐ-CP"
    return re.sub(r"\s+", "", number).replace("–", "-")


class DocumentExtractor:
    def __init__(self, knowledge: Knowledge, people: PeopleExtractor) -> None:
        self.k = knowledge
        self.people = people
        labels = sorted({clean(" ".join(key)) for key in knowledge.doc_types._entries}, key=len, reverse=True)
        types = "|".join(re.escape(label).replace(r"\ ", r"\s+") for label in labels) or "(?!)"
        self.typed = re.compile(rf"(?<![\wĐđ])(?P<type>(?i:{types}))(?:\s+(?i:số))?\s*(?P<num>{NUMBER})")
        named = alternation(knowledge.named_doc_types)  # "Luật", "Pháp lệnh": a name between the type and "số"
        self.named_law = re.compile(rf"(?<![\wĐđ])(?P<type>{named})\s+[A-ZĐ][^.;:()\d]{{0,100}}?"
                                    rf"(?:\s*\([^)]{{1,20}}\))?\s+(?i:số)\s+(?P<num>{SYMBOL_NUMBER})")
        # "Nghị quyết này được Quốc hội thông qua ngày …": a sentence about the document of the sentence before
        follow_up = alternation(knowledge.follow_up_openers)
        self.anaphor = re.compile(rf"\s*(?:(?:{follow_up}),\s*)?(?P<type>(?i:{types}))"
                                  rf"(?:\s+(?:{alternation(knowledge.demonstratives)}))?(?=\s)")
        self.symbol_only = re.compile(rf"(?<![\wĐđ])(?i:số)\s+(?P<num>{SYMBOL_NUMBER})")
        # the word lists of ontology/language.ttl ("documents" section) in the document grammar
        k = knowledge
        dating = alternation(k.dating_verbs)
        self.date_after = re.compile(rf"\s*[,(]?\s*(?:(?:được\s+)?(?:{dating})\s+)?(?:vào\s+)?ngày\s+{DATE_RE.pattern}")
        self.signed_date = re.compile(rf"(?:{alternation(k.signing_verbs)})\s+(?:vào\s+)?ngày\s+{DATE_RE.pattern}")
        # a bare number followed by a measure word counts something; "năm"/"ngày" + a number is a date
        self.unit_after = re.compile(rf"\s*(?:năm(?!\s+\d{{4}})|ngày(?!\s+\d)|%|{alternation(k.measure_words)})\b",
                                     re.IGNORECASE)
        self.issue_verbs, self.referring_verbs = _verbs(k.issue_verbs), _verbs(k.referring_verbs)
        self.on_behalf = re.compile(rf"\s*(?:{alternation(k.on_behalf_markers)})\s+")
        self.agent = re.compile(rf"\b(?:{alternation(k.agent_markers)})\s+")
        tense = alternation(k.tense_markers)
        self.issuer_marker = re.compile(rf"\s*,?\s*(?:(?:{tense})\s+)?(?:(?P<of>{alternation(k.possessive_markers)})|"
                                        rf"(?P<by>{alternation(k.agent_markers)}))\s+")
        # "X vừa có văn bản … Theo đó, Hướng dẫn số …": the subject of the sentence before issued it
        self.announced = re.compile(rf"\s*(?P<subj>.+?)\s+(?:{tense})\s+(?:{alternation(k.announcing_verbs)})\b")
        # "… về việc thành lập Ban Chỉ đạo do Chủ tịch … ký": the subject, up to where it has ended
        markers = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in k.subject_markers) or "(?!)"
        self.subject = re.compile(rf"[^.;:]{{0,80}}?\b(?:{markers})\s+(?P<subj>[^.;:()“”\"\n]{{3,200}}?)"
                                  rf"(?=[.;:()“”\"\n]|,?\s(?:{alternation(k.subject_ends)})\s|$)")
        self.subject_tail = re.compile(rf"(?:\s+(?:{alternation(k.trailing_conjunctions)}))+$")
        # "Thủ tướng Chính phủ ngày 27/9/2025 đã ký …": a date between the issuer and its verb
        self.mid_date = re.compile(rf"(?:,\s*)?(?:(?:{alternation(k.document_day_parts)})\s+)?ngày\s+"
                                   rf"{DATE_RE.pattern}\s*,?\s*$")
        self.issuer_markers = frozenset(fold(w) for w in k.possessive_markers + k.agent_markers)
        self.reference_preps = frozenset(fold(w) for w in k.reference_prepositions)
        self.cited_after = re.compile(rf"(?i:(?:^|\s)(?:{alternation(k.reference_prepositions)}))$")

    def doc_type(self, label: str) -> DocType | None:
        return self.k.doc_types.get(label)

    def type_from_symbol(self, number: str) -> DocType | None:
        for part in re.split(r"[/\-–\s]+", number):
            if part and not part.isdigit():
                dtype = self.k.doc_types_by_code.get(part)
                if dtype:
                    return dtype
        return None

    def extract(self, s: Sentence, text: str, article: str) -> list[Document]:
        sent = text[s.start : s.end]
        found: list[tuple[int, int, str, DocType | None, Rule]] = []
        for m in self.typed.finditer(sent):
            number = tidy_number(m.group("num"))
            said_number = "số" in m.group().casefold()
            if "/" not in number and "-" not in number and not said_number:
                rest = sent[m.end() :]
                if self.unit_after.match(rest) or (len(number) == 4 and 1900 <= int(number[:4]) <= 2100):
                    continue
            found.append((m.start(), m.end(), number, self.doc_type(m.group("type")),
                          rule("documents.typed_number")))
        for f in list(found):
            pos = f[1]
            while (lm := LIST_ITEM.match(sent, pos)):
                found.append((lm.start("num"), lm.end(), tidy_number(lm.group("num")), f[3],
                              rule("documents.list_item")))
                pos = lm.end()
        for m in self.named_law.finditer(sent):
            if any(a <= m.start("num") < b for a, b, *_ in found):
                continue
            found.append((m.start(), m.end(), tidy_number(m.group("num")), self.doc_type(m.group("type")),
                          rule("documents.named_law")))
        for m in self.symbol_only.finditer(sent):
            if any(a <= m.start("num") < b for a, b, *_ in found):
                continue
            number = tidy_number(m.group("num"))
            dtype = self.type_from_symbol(number)
            if dtype:
                found.append((m.start(), m.end(), number, dtype, rule("documents.symbol_only")))
        found.sort(key=lambda f: f[0])
        docs: list[Document] = []
        for idx, (a, b, number, dtype, r) in enumerate(found):
            if dtype is None:
                dtype = self.type_from_symbol(number)
            symbol = "/" in number or "-" in number
            ev = Evidence(article, s.start + a, s.start + b, r.name, r.at(None if symbol else "bare_number"),
                          s.start, s.end)
            doc = Document(number, dtype.label if dtype else None, dtype.iri if dtype else None, ev,
                           symbol_issuer_kind=self.k.issuer_kind(number) if ("/" in number or "-" in number) else None)
            next_start = found[idx + 1][0] if idx + 1 < len(found) else len(sent)
            doc = self._after(doc, s, sent, b, next_start, article, only=len(found) == 1)
            prev_end = found[idx - 1][1] if idx else 0
            doc = self._before(doc, s, sent, a, article, prev_end)
            docs.append(doc)
        return self._share_issuer(docs, sent, s)

    def _share_issuer(self, docs: list[Document], sent: str, s: Sentence) -> list[Document]:
        """"QĐ số 1/QĐ-TTg ngày … và QĐ số 2/QĐ-TTg ngày … của Thủ tướng": the issuer is both documents'."""
        for i in range(1, len(docs)):
            a, b = docs[i - 1], docs[i]
            if b.issuer or not a.issuer or not a.issuer_evidence or not rule(a.issuer_evidence.rule).shares_with_next:
                continue
            end = max(a.evidence.end, a.date_evidence.end if a.date_evidence else 0) - s.start
            if re.fullmatch(JOINED, sent[end : b.evidence.start - s.start]):
                shared = rule("documents.issuer_shared_subject")
                ev = replace(a.issuer_evidence, rule=shared.name, confidence=shared.confidence)
                b = replace(b, issuer=a.issuer, issuer_evidence=ev)
                if not b.date and a.date_evidence and rule(a.date_evidence.rule).shares_with_next:
                    b = replace(b, date=a.date, date_evidence=a.date_evidence)  # "Ngày …, X ban hành A và B"
                docs[i] = b
        for i in range(len(docs) - 2, -1, -1):
            a, b = docs[i], docs[i + 1]
            if (a.issuer or not b.issuer or not b.issuer_evidence
                    or not rule(b.issuer_evidence.rule).shares_with_previous):
                continue
            end = (a.date_evidence or a.evidence).end - s.start
            if re.fullmatch(JOINED, sent[end : b.evidence.start - s.start]):
                shared = rule("documents.issuer_shared")
                ev = replace(b.issuer_evidence, rule=shared.name, confidence=shared.confidence)
                docs[i] = replace(a, issuer=b.issuer, issuer_evidence=ev)
        return docs

    def complete_from_next_sentence(self, docs: list[Document], sents: list[Sentence], text: str,
                                    article: str) -> list[Document]:
        """Date and issuer a following sentence gives a document of the sentence before.

        "… Thông tư số 12/2025/TT-BTC. Thông tư được Bộ trưởng Bộ Tài chính ký ngày 5/3/2025." and "X vừa có văn
        bản hướng dẫn … Theo đó, Hướng dẫn số 31-HD/BTCTW …" (the issuer is the earlier sentence's subject).
        """
        docs = list(docs)
        in_sentence = _by_sentence(docs, sents)  # evidence starts never change below: index once
        for k in range(1, len(sents)):
            s = sents[k]
            prev = sents[k - 1]
            sent = text[s.start : s.end]
            here = in_sentence.get(k, [])
            before = in_sentence.get(k - 1, [])
            if not here and before and (m := self.anaphor.match(sent)):
                dtype = self.doc_type(m.group("type"))
                same = [i for i in before if dtype and docs[i].type_label == dtype.label]
                if len(same) != 1:
                    continue  # "Hai nghị quyết này …" or no document of that type: whose is unclear
                i = same[0]
                d = docs[i]
                dm = self.signed_date.search(sent)
                if dm and not d.date and self._date(dm):
                    d = replace(d, date=self._date(dm), date_evidence=self._ev(
                        s, article, dm.start(), dm.end(), rule("documents.date_next_sentence")))
                im = self.agent.search(sent[m.end() :])
                if im and not d.issuer:
                    issuer, end = self._issuer_at(s, s.start + m.end() + im.end())
                    if issuer:
                        d = replace(d, issuer=issuer, issuer_evidence=self._ev(
                            s, article, m.end() + im.start(), end - s.start, rule("documents.issuer_next_sentence")))
                docs[i] = d
            elif len(here) == 1 and not docs[here[0]].issuer and sent.lstrip().startswith(self.k.follow_up_openers):
                pm = self.announced.match(text[prev.start : prev.end])
                if pm:
                    issuer, end = self._issuer_at(prev, prev.start + pm.start("subj"))
                    if issuer and end == prev.start + pm.end("subj"):
                        ev = self._ev(prev, article, pm.start("subj"), pm.end("subj"),
                                      rule("documents.issuer_previous_sentence"))
                        docs[here[0]] = replace(docs[here[0]], issuer=issuer, issuer_evidence=ev)
        return docs

    # -- what follows the number: date, issuer, subject ------------------------------------------------

    def _after(self, doc: Document, s: Sentence, sent: str, b: int, limit: int, article: str, only: bool) -> Document:
        pos = b
        date_after, date_signed = rule("documents.date_after"), rule("documents.date_signed")
        m = self.date_after.match(sent[pos:limit])
        if m:
            d = self._date(m)
            if d:
                doc = replace(doc, date=d, date_evidence=self._ev(s, article, pos + m.start(), pos + m.end(),
                                                                  date_after))
            pos += m.end()
            if m.group().lstrip().startswith("(") and sent[pos:limit].lstrip().startswith(")"):
                pos = sent.index(")", pos) + 1  # "(ngày 2-3-2025) của …"
        partial = re.match(r"\s*,?\s*ngày\s+\d{1,2}\s*[/.\-]\s*\d{1,2}(?![/.\-]?\s*\d)", sent[pos:limit])
        if partial and not doc.date:
            pos += partial.end()  # "ngày 29/6" without a year: no date, but the issuer may follow
        m = self.issuer_marker.match(sent[pos:limit])
        if m and not doc.issuer:
            issuer, end = self._issuer_at(s, s.start + pos + m.end())
            if issuer:
                ev = (self._issuer_of(s, article, pos + m.start(), end - s.start) if m.group("of")
                      else self._ev(s, article, pos + m.start(), end - s.start, rule("documents.issuer_by")))
                doc = replace(doc, issuer=issuer, issuer_evidence=ev)
                pos = end - s.start
        elif not doc.issuer:
            body = self._token_at(s, s.start + pos + (len(sent[pos:]) - len(sent[pos:].lstrip())))
            if body is not None and self.k.bodies.match(s.keys, body):
                issuer, end = self._issuer_at(s, s.toks[body].start)
                if issuer:
                    doc = replace(doc, issuer=issuer, issuer_evidence=self._ev(s, article, pos, end - s.start,
                                                                               rule("documents.issuer_apposed")))
                    pos = end - s.start
        m = self.date_after.match(sent[pos:limit]) if not doc.date and doc.issuer else None
        if m and self._date(m):  # "… của Bộ Chính trị ngày 2-6-2005", "… do Thủ tướng ký ngày 3/5/2024"
            signed = not m.group().lstrip(" ,(").startswith("ngày")
            ev = (self._ev(s, article, pos + m.start(), pos + m.end(), date_signed) if signed
                  else self._ev(s, article, pos + m.start(), pos + m.end(), date_after, "after_issuer"))
            doc = replace(doc, date=self._date(m), date_evidence=ev)
            pos += m.end()
        if not doc.date and only:
            m = self.signed_date.search(sent[pos:limit])
            if m:
                d = self._date(m)
                if d:
                    doc = replace(doc, date=d, date_evidence=self._ev(s, article, pos + m.start(), pos + m.end(),
                                                                      date_signed))
        m = self.subject.match(sent[pos:limit])
        if m and m.start() < 40:
            doc = replace(doc, subject=self.subject_tail.sub("", clean(m.group("subj"))))
        if not doc.issuer and only:
            doc = self._issuer_then(doc, s, sent, pos, article)
        return doc

    def _issuer_then(self, doc: Document, s: Sentence, sent: str, pos: int, article: str) -> Document:
        """"Tại Văn bản số … ngày …, Thủ tướng Chính phủ đã có ý kiến": the clause's subject issued it."""
        before = sent[: doc.evidence.start - s.start].rstrip()
        if not self.cited_after.search(before):
            return doc
        m = re.match(r"\s*,\s*", sent[pos:])
        if not m:
            return doc
        issuer, end = self._issuer_at(s, s.start + pos + m.end())
        if issuer:
            return replace(doc, issuer=issuer, issuer_evidence=self._ev(s, article, pos, end - s.start,
                                                                        rule("documents.issuer_then")))
        return doc

    # -- what precedes the type word: "X (đã) ký Quyết định …", "của X (tại Công văn …)" ---------------

    def _before(self, doc: Document, s: Sentence, sent: str, a: int, article: str, prev_end: int) -> Document:
        ti = self._token_at(s, s.start + a)
        if ti is None:
            return doc
        date_before = rule("documents.date_before")
        if not doc.issuer:
            j = ti
            if j > 1 and s.keys[j - 1] in self.reference_preps:
                # "chỉ đạo của UBND tỉnh (tại Công văn số …)", "được Thủ tướng phê duyệt tại Quyết định số …"
                end = j - 2 if s.toks[j - 2].text == "(" else j - 1
                verb = self._verb_before(s, end, self.referring_verbs)
                if verb is not None:
                    end = verb
                end = self._before_aux(s, end)
                issuer = self._issuer_ending_at(s, end, after_of=True)
                if issuer:
                    org, k0 = issuer
                    a0, b0 = s.toks[k0].start - s.start, s.toks[end - 1].end - s.start
                    ev = self._issuer_of(s, article, a0, b0, "before_number")
                    doc = replace(doc, issuer=org, issuer_evidence=ev)
            else:
                verb_end = j
                if verb_end > 0 and s.keys[verb_end - 1] in self.k.plural_markers:
                    verb_end -= 1  # "ban hành các Kết luận số …"
                verb_start = self._verb_before(s, verb_end)
                if verb_start is not None:
                    end = verb_start
                    end = self._before_aux(s, end)
                    mid_date = None  # "Thủ tướng Chính phủ ngày 27/9/2025 đã ký Công điện …"
                    if end > 0:
                        dm2 = self.mid_date.search(sent[: s.toks[end - 1].end - s.start])
                        if dm2:
                            k = self._token_at(s, s.start + dm2.start())
                            if k is not None and k < end:
                                mid_date, end = dm2, k
                                end = self._before_aux(s, end)
                    if end >= 2 and s.keys[end - 2] in self.k.term_qualifiers and re.fullmatch(
                            r"[IVXLC]+|\d+", s.toks[end - 1].text):
                        end -= 2  # "Quốc hội khóa XV đã thông qua …": the term qualifier is left out
                    issuer = self._issuer_ending_at(s, end, after_of=False)
                    if issuer and mid_date and not doc.date and self._date(mid_date):
                        doc = replace(doc, date=self._date(mid_date), date_evidence=self._ev(
                            s, article, mid_date.start(), mid_date.end(), date_before))
                    if issuer:
                        on = self.on_behalf.match(sent[: s.toks[issuer[1]].start - s.start])
                        if on:
                            body, _ = self._issuer_at(s, s.start + on.end())
                            if body is not None:
                                issuer = (body, issuer[1])
                    if issuer:
                        org, k0 = issuer
                        doc = replace(doc, issuer=org, issuer_evidence=self._ev(
                            s, article, s.toks[k0].start - s.start, s.toks[end - 1].end - s.start,
                            rule("documents.issuer_subject")))
                        if not doc.date:
                            dm = None
                            for dm in DATE_RE.finditer(sent, prev_end, s.toks[k0].start - s.start):  # noqa: B007
                                pass
                            if dm and s.toks[k0].start - s.start - dm.end() <= 4:
                                d = self._date(dm)
                                if d:
                                    doc = replace(doc, date=d, date_evidence=self._ev(
                                        s, article, dm.start(), dm.end(), date_before))
        return doc

    def _verb_before(self, s: Sentence, j: int, verbs: list[list[str]] | None = None) -> int | None:
        """Start token of an issuing verb ("ban hành", "ký", "có" …) that ends right before token ``j``."""
        for words in self.issue_verbs if verbs is None else verbs:
            k0 = j - len(words)
            if k0 >= 0 and s.keys[k0:j] == words:
                return k0
        return None

    def _issuer_ending_at(self, s: Sentence, end: int, after_of: bool) -> tuple[Organization, int] | None:
        """An organization or office (with an optional person name) whose phrase ends at token ``end``."""
        if end <= 0:
            return None
        for k0 in range(max(0, end - 16), end):
            if after_of and (k0 == 0 or s.keys[k0 - 1] not in self.issuer_markers):
                continue
            t = s.toks[k0]
            if not t.cap:
                continue
            org, stop = self._issuer_tokens(s, k0)
            if org is None:
                continue
            if stop == end:
                return org, k0
            name_end = self.people.name_at(s, self.people.skip_prefixes(s, stop), foreign=False)
            if name_end == end:
                return org, k0
        return None

    def _issuer_tokens(self, s: Sentence, k0: int) -> tuple[Organization | None, int]:
        if k0 >= len(s.toks) or not (s.toks[k0].cap or self.k.admin_levels.match(s.keys, k0)):
            return None, k0  # "được ban hành": a verb, not the body "Ban" ("tỉnh Lào Cai" may issue)
        title = self.people.title_at(s, k0)
        if title is not None:
            org = self.people.org_of(title, [title])
            label = f"{title.role.label} {org.label}" if org else title.role.label
            return Organization(clean(label)), title.end
        end, parts = self.people.parse_org(s, k0, None, has_parts=False)
        parts = [p for p in parts if p.kind != "paren"]
        if not parts or parts[0].kind not in ("body", "orgkind", "abbrev", "level"):
            return None, k0
        if parts[0].kind == "level" and (len(parts) > 1 or len(parts[0].text.split()) < 2):
            return None, k0  # a locality alone issues ("tỉnh Lào Cai đã điều chỉnh"), a bare "tỉnh" does not
        if parts[0].kind == "abbrev" and not self.k.org_kinds.get(parts[0].text):
            return None, k0
        label = clean(" ".join(p.text for p in parts))
        body = self.k.bodies.get(label)
        return Organization(body.label if body else label), end

    def _issuer_at(self, s: Sentence, char: int) -> tuple[Organization | None, int]:
        """The issuer phrase starting at character ``char`` (an office or a body), and its end offset."""
        ti = self._token_at(s, char)
        if ti is None:
            return None, char
        ti = self.people.skip_prefixes(s, ti)
        name_end = self.people.name_at(s, ti, foreign=False)
        if name_end is not None and name_end + 1 < len(s.toks) and s.toks[name_end].text in ",-–":
            ti = name_end + 1  # "do ông Phạm Văn A – Phó Chủ tịch UBND tỉnh B ký": the office issued it
        org, end = self._issuer_tokens(s, ti)
        if org is None:
            return None, char
        return org, s.toks[end - 1].end

    def _before_aux(self, s: Sentence, end: int) -> int:
        """``end`` moved back over auxiliaries ("đã", "vừa"); a capitalised one belongs to a name ("Lâm Đồng")."""
        while end > 0 and s.keys[end - 1] in self.k.auxiliaries and not s.toks[end - 1].cap:
            end -= 1
        return end

    @staticmethod
    def _token_at(s: Sentence, char: int) -> int | None:
        i = bisect.bisect_left([t.start for t in s.toks], char) if len(s.toks) > 64 else next(
            (i for i, t in enumerate(s.toks) if t.start >= char), len(s.toks))
        return i if i < len(s.toks) else None

    @staticmethod
    def _date(m: re.Match[str]) -> str | None:
        return date_of(m)

    @staticmethod
    def _ev(s: Sentence, article: str, a: int, b: int, r: Rule, variant: str | None = None) -> Evidence:
        """Evidence of rule ``r`` (at its confidence, or a variant's) for sentence-relative span [a, b), without
        leading spaces or commas."""
        while a < b and s.text[a] in " ,\t":
            a += 1
        return Evidence(article, s.start + a, s.start + b, r.name, r.at(variant), s.start, s.end)

    def _issuer_of(self, s: Sentence, article: str, a: int, b: int, variant: str | None = None) -> Evidence:
        """Evidence of ``documents.issuer_of``, read after the number ("… của X") or before it ("của X tại …")."""
        return self._ev(s, article, a, b, rule("documents.issuer_of"), variant)


def _by_sentence(docs: list[Document], sents: list[Sentence]) -> dict[int, list[int]]:
    """Sentence index → indices of the documents whose evidence starts in it, in document order.

    Linear (a bisect per document) where scanning every document for every sentence was quadratic: an
    article dense with document numbers took minutes. Sentences are sorted and do not overlap.
    """
    starts = [s.start for s in sents]
    out: dict[int, list[int]] = {}
    for i, d in enumerate(docs):
        k = bisect.bisect_right(starts, d.evidence.start) - 1
        if k >= 0 and d.evidence.start < sents[k].end:
            out.setdefault(k, []).append(i)
    return out


def merge_documents(docs: list[Document], generic_types: frozenset[str] | None = None) -> list[Document]:
    """One document per identifier in an article: same number written two ways, bare "81" into "81/2015/NĐ-CP".

    ``generic_types``: folded labels of the generic document types (``Knowledge.generic_doc_types``; the default
    knowledge's when None), which give way to a more specific type.
    """
    generic = default_knowledge().generic_doc_types if generic_types is None else generic_types
    by_key: dict[tuple[str, str], Document] = {}
    order: list[tuple[str, str]] = []
    for d in docs:
        symbol = "/" in d.number or "-" in d.number  # a full symbol names one document, whatever word precedes it
        key = (norm_number(d.number), "" if symbol else fold(d.type_label or ""))
        if key in by_key:
            by_key[key] = _combine(by_key[key], d, generic)
        else:
            by_key[key] = d
            order.append(key)
    # a bare number folds into the full identifier of the same type that starts with it ("81" → "81/2015/…"):
    # full identifiers indexed by what precedes their first "/" or "-", so this stays linear in documents
    fulls_of: dict[str, list[tuple[str, str]]] = {}
    for key in order:
        number = by_key[key].number
        if "/" in number or "-" in number:
            fulls_of.setdefault(re.split(r"[/\-]", number, maxsplit=1)[0], []).append(key)
    for key in list(order):
        num, dtype = key
        d = by_key[key]
        if "/" in d.number or "-" in d.number:
            continue
        fulls = [k2 for k2 in fulls_of.get(d.number, ()) if k2 in by_key
                 and fold(by_key[k2].type_label or "") == dtype]
        if len(fulls) == 1:
            by_key[fulls[0]] = _combine(by_key[fulls[0]], d, generic)
            del by_key[key]
    return [by_key[k] for k in order if k in by_key]


def _combine(a: Document, b: Document, generic: frozenset[str]) -> Document:
    """Keep ``a``'s identifier; take date, issuer, subject from whichever mention states them.

    The type is the more specific word ("quyết định 12/QĐ-UBND" over "văn bản 12/QĐ-UBND").
    """
    typed = a if a.type_label and fold(a.type_label) not in generic else b if b.type_label else a
    return replace(
        a,
        type_label=typed.type_label, type_iri=typed.type_iri,
        date=a.date or b.date, date_evidence=a.date_evidence if a.date else b.date_evidence,
        issuer=a.issuer or b.issuer, issuer_evidence=a.issuer_evidence if a.issuer else b.issuer_evidence,
        symbol_issuer_kind=a.symbol_issuer_kind or b.symbol_issuer_kind, subject=a.subject or b.subject,
    )
