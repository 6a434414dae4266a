"""The lookup tables extractors use, loaded from the SKOS/Turtle data in ``ontology/`` (``load``).

Nothing here knows extraction logic: it turns data (roles, organization kinds, abbreviations, places,
names, document types and symbol codes) into phrase indexes keyed by folded syllables, once per process.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, SKOS, Graph, Literal, URIRef

from kg.knowledge.files import ontology_dir, read_knowledge, vi_labels
from kg.knowledge.phrases import PhraseIndex
from kg.lang.vi.orthography import clean, fold
from kg.lang.vi.tokenizer import TOKEN_RE
from kg.namespaces import KG, SCHEMA


@dataclass(frozen=True)
class Role:
    label: str
    iri: str
    implied_org: str | None = None
    org_head: str | None = None
    party: bool = False  # a post of a Party committee (Bí thư, Ủy viên …)
    needs_org: bool = False  # meaningless without an organization (Thành viên)
    posted_abroad: bool = False  # held in another country: "Đại sứ Việt Nam tại Pháp"


@dataclass(frozen=True)
class TitleForm:
    role: Role
    org: str


@dataclass(frozen=True)
class OrgKind:
    label: str
    iri: str
    takes_place: bool = False
    level: str | None = None  # the administrative level a party committee kind belongs to (Tỉnh ủy → tỉnh)
    party: bool = False  # a Party body (Tỉnh ủy, Đảng ủy, Ban Chấp hành …)
    board: bool = False  # a company's board (HĐQT, HĐTV): "Chủ tịch HĐQT kiêm Tổng Giám đốc Tập đoàn X" → X's board
    member_role: str | None = None  # the role of one elected into it (kg:memberRole: Ban Chấp hành → Ủy viên)


@dataclass(frozen=True)
class Body:
    label: str
    iri: str
    kind: str | None = None
    member_role: str | None = None  # as OrgKind.member_role (Bộ Chính trị → Ủy viên)


@dataclass(frozen=True)
class Place:
    label: str
    iri: str
    kind: str  # "Province", "City", "Country", "Territory"
    home: bool = False  # Việt Nam itself: its leaders' bodies are the Vietnamese ones


@dataclass(frozen=True)
class DocType:
    label: str
    iri: str
    code: str | None = None


@dataclass(frozen=True)
class SymbolCode:
    """A code of document symbols (``kg:symbolCode``/``kg:symbolPattern``): how it is spelt and what it says."""

    spelling: str | None  # as the data writes it ("TTg"); None for a pattern's variants, spelt upper-case (QH15)
    issuer: bool = False  # an issuer code (TTg, UBND), not a type code (QĐ)
    national: bool = False  # one issuer in the whole country (kg:nationalIssuer)
    party: bool = False  # the Party's symbol style, number-TYPE/ISSUER (kg:partySymbol)


@dataclass(frozen=True)
class ChangeKind:
    """A kind of personnel change (ontology/changes.ttl): its concept, its label, whether its post is the one taken."""

    iri: str
    label: str
    gains: bool
    own: bool = False  # the person before the verb is the one who leaves ("nghỉ hưu", "từ chức")
    ends: bool = False  # ends the tenure of the post it leaves (ontology/tenures.ttl: kg:endsTenure)


@dataclass
class Knowledge:
    """All lookup tables. Phrase indexes take folded syllable tuples (see ``phrase_key``)."""

    graph: Graph
    roles: PhraseIndex[Role] = field(default_factory=PhraseIndex)
    title_forms: PhraseIndex[TitleForm] = field(default_factory=PhraseIndex)
    honorifics: PhraseIndex[str] = field(default_factory=PhraseIndex)
    ranks: PhraseIndex[str] = field(default_factory=PhraseIndex)  # ranks, degrees, honours: not posts
    former_markers: PhraseIndex[str] = field(default_factory=PhraseIndex)
    holds_markers: PhraseIndex[str] = field(default_factory=PhraseIndex)  # "giữ chức", "được bầu làm" …
    new_markers: PhraseIndex[str] = field(default_factory=PhraseIndex)
    org_kinds: PhraseIndex[OrgKind] = field(default_factory=PhraseIndex)
    admin_levels: PhraseIndex[str] = field(default_factory=PhraseIndex)
    abbreviations: dict[str, str] = field(default_factory=dict)  # exact short form → expansion
    bodies: PhraseIndex[Body] = field(default_factory=PhraseIndex)
    places: PhraseIndex[Place] = field(default_factory=PhraseIndex)
    career_families: dict[str, str] = field(default_factory=dict)  # kind or body IRI → "ProvincialLeadership" …
    single_holder_roles: frozenset[str] = frozenset()  # role IRIs one person holds at a time (kg:singleHolder)
    assembly_seats: frozenset[str] = frozenset()  # role IRIs of a seat in a large assembly (Đại biểu)
    place_bound: frozenset[str] = frozenset()  # kind IRIs every province has (Sở): no evidence without a place
    given_names: dict[str, str] = field(default_factory=dict)  # folded short form → folded full ("jim" → "james")
    family_names: frozenset[str] = frozenset()
    middle_names: frozenset[str] = frozenset()
    org_bigrams: frozenset[tuple[str, str]] = frozenset()  # (syllable, lower-case next syllable) in org names
    stop_words: frozenset[str] = frozenset()  # lower-case syllables that end an organization name
    official_honorifics: frozenset[str] = frozenset()  # ông, bà, đồng chí: may introduce an office holder
    genders: dict[str, str] = field(default_factory=dict)  # honorific (folded) → its schema:gender IRI
    pronouns: frozenset[str] = frozenset()  # ông, bà: alone, a person named before
    reporting_verbs: PhraseIndex[str] = field(default_factory=PhraseIndex)  # "cho biết": may end an apposition
    name_particles: frozenset[str] = frozenset()  # de, van, bin: lower-case inside foreign names
    object_prepositions: frozenset[str] = frozenset()  # "với", "tới": what follows is an object, not a subject
    agency_heads: frozenset[str] = frozenset()  # "báo", "đài": + a capitalised name is a news outlet
    staff_credits: frozenset[str] = frozenset()  # "pv", "ctv": a credit to the outlet's staff, no person's name
    change_verbs: PhraseIndex[ChangeKind] = field(default_factory=PhraseIndex)  # "bổ nhiệm" → appointment
    change_hedges: frozenset[str] = frozenset()  # "đề nghị", "dự kiến": before a change verb, no change
    change_links: frozenset[str] = frozenset()  # "được", "bị": may stand between a post and the verb ending it
    change_non_verbs: frozenset[str] = frozenset()  # "bầu cử": begins like a change verb, is none
    passive_markers: frozenset[str] = frozenset()  # "bị", "được": the person before the verb undergoes it
    change_objects: frozenset[str] = frozenset()  # "đối với", "cho": bring in the person a change is done to
    change_breaks: frozenset[str] = frozenset()  # "vì", "do": between a verb and a post, no object of it
    change_sequence: frozenset[str] = frozenset()  # "sau đó", "rồi": the change after it is a later one
    change_self_verbs: frozenset[str] = frozenset()  # "thôi chức", "đắc cử": its subject leaves or gains the post
    change_member_markers: frozenset[str] = frozenset()  # "vào": the body a change makes the person a member of
    change_from_markers: frozenset[str] = frozenset()  # "từ": the post a change moves the person from
    change_role_markers: PhraseIndex[str] = field(default_factory=PhraseIndex)  # "làm", "vào vị trí": the post next
    change_kinds: dict[str, ChangeKind] = field(default_factory=dict)  # IRI → kind
    place_qualifiers: frozenset[str] = frozenset()  # "(cũ)", "(mới)" after a place renamed or merged
    clause_words: frozenset[str] = frozenset()  # "đã", "được", "là": a clause goes on, an org name has ended
    time_openers: frozenset[str] = frozenset()  # "Sáng", "Ngày": open a sentence before a date, else a name syllable
    prepositions: frozenset[str] = frozenset()  # "về", "của": never the last word of an organization name
    plural_markers: frozenset[str] = frozenset()  # "các", "hai": the title before a list of names is shared
    person_asides: frozenset[str] = frozenset()  # "tuổi", "SN": an age aside opening "A (57 tuổi, Chủ tịch X)"
    # events (kg/extract/events.py): words as written, longest first, for the event grammar's alternations
    event_heads: tuple[str, ...] = ()  # "Hội nghị", "Lễ kỷ niệm": open an event's name
    event_name_ends: tuple[str, ...] = ()  # "đã", "tại", "khai mạc": an event's name has ended
    event_name_non_starts: tuple[str, ...] = ()  # "thảo luận", "này": never right after an event's head
    facility_heads: tuple[str, ...] = ()  # "Trung tâm" (Hội nghị Quốc gia): a place, not an event
    speech_verbs: tuple[str, ...] = ()  # "phát biểu": persons with a post in the sentence speak at the event
    chair_verbs: tuple[str, ...] = ()  # "chủ trì": … chair it
    day_parts: tuple[str, ...] = ()  # "sáng", "ngày": before an event's date
    credit_heads: tuple[str, ...] = ()  # "Ảnh", "Bài và ảnh": before a credit's colon
    source_prefixes: tuple[str, ...] = ()  # "Theo", "Nguồn": before a closing byline, not part of the name
    # documents (kg/extract/documents.py): verbs and markers around a document's number
    issue_verbs: tuple[str, ...] = ()  # "ban hành", "ký": "X ban hành Nghị định …" (X issued it)
    referring_verbs: tuple[str, ...] = ()  # "thống nhất": "được X thống nhất tại Văn bản …"
    auxiliaries: frozenset[str] = frozenset()  # "đã", "vừa": skipped between an issuer and its verb
    measure_words: tuple[str, ...] = ()  # "tháng", "xã": "Nghị quyết 35 tháng" is a count, not a number
    dating_verbs: tuple[str, ...] = ()  # "ký": "Quyết định số 12/QĐ-UBND ký ngày …"
    signing_verbs: tuple[str, ...] = ()  # "thông qua": "… được Quốc hội thông qua ngày …"
    on_behalf_markers: tuple[str, ...] = ()  # "Thay mặt", "T/M": the body signed for issues
    term_qualifiers: frozenset[str] = frozenset()  # "khóa": "Quốc hội khóa XV" issues as "Quốc hội"
    follow_up_openers: tuple[str, ...] = ()  # "Theo đó": details the document of the sentence before
    agent_markers: tuple[str, ...] = ()  # "do", "được" before an issuer
    possessive_markers: tuple[str, ...] = ()  # "của" before an issuer
    reference_prepositions: tuple[str, ...] = ()  # "tại", "theo" before a cited document
    generic_doc_types: frozenset[str] = frozenset()  # folded labels of generic types ("văn bản", "công văn")
    named_doc_types: tuple[str, ...] = ()  # "Luật", "Pháp lệnh" as written: "Luật Đất đai số 31/2024/QH15"
    demonstratives: tuple[str, ...] = ()  # "này", "nói trên": "Nghị quyết này" is the document named before
    tense_markers: tuple[str, ...] = ()  # "vừa", "đã": before an issuer marker or an announcing verb
    announcing_verbs: tuple[str, ...] = ()  # "có": "X vừa có văn bản … Theo đó, Hướng dẫn số …" (X issued it)
    document_day_parts: tuple[str, ...] = ()  # "sáng": "Thủ tướng sáng ngày 27/9/2025 đã ký …"
    subject_markers: tuple[str, ...] = ()  # "về việc", "về": open a document's subject
    subject_ends: tuple[str, ...] = ()  # "do", "và Nghị": a document's subject has ended
    trailing_conjunctions: tuple[str, ...] = ()  # "và": left off the end of a document's subject
    # events, continued
    ordinal_event_heads: tuple[str, ...] = ()  # "Đại hội": "Đại hội XIV" (the ordinal right after the head)
    ordinal_markers: tuple[str, ...] = ()  # "lần thứ", "thứ": before an event's ordinal
    name_ordinal_markers: tuple[str, ...] = ()  # "lần thứ": continues an event's name after a comma
    event_qualifiers: tuple[str, ...] = ()  # "đại biểu toàn quốc": between an ordinal event head and its ordinal
    term_markers: tuple[str, ...] = ()  # "nhiệm kỳ": "…, nhiệm kỳ 2025 - 2030" is part of an event's name
    venue_prepositions: tuple[str, ...] = ()  # "tại": before an event's venue
    venue_levels: tuple[str, ...] = ()  # "tỉnh", "TP.": may open an event's venue (altLabels too)
    # people (kg/extract/people.py)
    chain_conjunctions: tuple[str, ...] = ()  # "kiêm", as written: joins two titles of one person's chain
    posting_prepositions: frozenset[str] = frozenset()  # "tại": "Đại sứ Việt Nam tại Pháp" (where it is held)
    list_conjunctions: frozenset[str] = frozenset()  # "và": joins two people of a list, not words of a name
    list_introducers: frozenset[str] = frozenset()  # "là": "hai Thứ trưởng là A và B"
    sentence_openers: frozenset[str] = frozenset()  # capitalized, they start a sentence, never a name syllable
    name_conjunctions: frozenset[str] = frozenset()  # "và": inside an organization name, where prepositions end it
    doc_types: PhraseIndex[DocType] = field(default_factory=PhraseIndex)
    doc_types_by_code: dict[str, DocType] = field(default_factory=dict)
    issuer_codes: list[tuple[re.Pattern[str], str]] = field(default_factory=list)
    symbol_codes: dict[str, SymbolCode] = field(default_factory=dict)  # casefolded code → spelling and meaning
    symbol_patterns: list[tuple[re.Pattern[str], SymbolCode]] = field(default_factory=list)  # case-insensitive
    agencies: PhraseIndex[str] = field(default_factory=PhraseIndex)
    not_persons: PhraseIndex[str] = field(default_factory=PhraseIndex)  # brands, clubs, staff: names no person's

    def role_by_label(self, label: str) -> Role | None:
        return self.roles.get(label)

    def expand(self, token: str) -> str | None:
        """Expansion of an abbreviation written exactly as ``token`` (UBND, TP., T.Ư), or None."""
        return self.abbreviations.get(token) or self.abbreviations.get(token.rstrip("."))

    def symbol_code(self, part: str) -> SymbolCode | None:
        """What the data says of one part of a document symbol ("Ttg" → TTg, an issuer code), whatever its case."""
        code = self.symbol_codes.get(part.casefold())
        if code is None:
            code = next((c for pattern, c in self.symbol_patterns if pattern.fullmatch(part)), None)
        return code

    def issuer_kind(self, symbol: str) -> str | None:
        """What a document symbol's issuer code says of the issuer (55-CT/TW → Trung ương Đảng)."""
        parts = [p for p in re.split(r"[/\-]", symbol) if p and not p.isdigit()]
        for part in reversed(parts):
            for pattern, kind in self.issuer_codes:
                if pattern.fullmatch(part):
                    return kind
        return None

    @property
    def sentence_abbreviations(self) -> tuple[str, ...]:
        """Short forms ending in a dot (TP., GS.) after which a dot does not end a sentence."""
        shorts = {s.rstrip(".") for s in self.abbreviations if s.endswith(".")}
        for key in list(self.ranks._entries):
            if len(key) >= 2 and key[-1] == ".":
                shorts.add(key[-2])
        return tuple(sorted(shorts))


def _pref(g: Graph, s: URIRef) -> str:
    labels = vi_labels(g, s, SKOS.prefLabel)
    return sorted(labels)[0] if labels else str(s).rsplit("/", 1)[-1]


def _str(g: Graph, s: URIRef, p: URIRef) -> str | None:
    vals = sorted(str(o) for o in g.objects(s, p))
    return clean(vals[0]) if vals else None


def _abbreviated_forms(label: str, abbreviations: dict[str, str]) -> list[str]:
    """The label and its forms with multi-word parts abbreviated ("Ủy viên Trung ương Đảng" → "Ủy viên TW Đảng")."""
    forms = [label]
    for short, expansion in sorted(abbreviations.items()):
        if " " not in expansion or not short[:1].isupper():
            continue
        pattern = re.compile(rf"(?<!\w){re.escape(expansion)}(?!\w)", re.IGNORECASE)
        forms += [pattern.sub(short, f) for f in forms if pattern.search(f)]
        if len(forms) > 64:
            break
    return forms


def _member_role(g: Graph, s: URIRef) -> str | None:
    """The label of the body's kg:memberRole, if it has one."""
    role = g.value(s, KG.memberRole)
    return _pref(g, role) if isinstance(role, URIRef) else None


def _flag(g: Graph, s: URIRef, p: URIRef) -> bool:
    value = g.value(s, p)
    return isinstance(value, Literal) and value.toPython() is True


def _words(g: Graph, cls: URIRef) -> frozenset[str]:
    """The folded labels of every member of a closed word class (stop words, plural markers …)."""
    return frozenset(fold(str(o)) for s in _subjects(g, cls) for o in g.objects(s, SKOS.prefLabel))


def _as_written(g: Graph, cls: URIRef, *, alt: bool = False) -> tuple[str, ...]:
    """The labels of a closed word class exactly as written (case kept), longest first: for regex alternations.
    ``alt``: altLabels too ("TP." beside "TP")."""
    props = (SKOS.prefLabel, SKOS.altLabel) if alt else (SKOS.prefLabel,)
    labels = {clean(str(o)) for s in _subjects(g, cls) for p in props for o in g.objects(s, p)}
    return tuple(sorted(labels, key=lambda w: (-len(w), w)))


def _subjects(g: Graph, cls: URIRef) -> list[URIRef]:
    return sorted(s for s in g.subjects(RDF.type, cls) if isinstance(s, URIRef))


def _lower_bigrams(labels: Iterable[str]) -> set[tuple[str, str]]:
    """(syllable, next syllable) pairs of organization names where the next one is written lower-case."""
    out = set()
    for label in labels:
        toks = [m.group() for m in TOKEN_RE.finditer(label) if not m.group().isspace()]
        for a, b in zip(toks, toks[1:], strict=False):
            if b[:1].islower() and b.isalpha():
                out.add((fold(a), fold(b)))
    return out


WORD_CLASSES: tuple[tuple[str, str, str], ...] = (  # Knowledge attribute, kg: class, how its labels are read
    ("family_names", "FamilyName", "words"),
    ("middle_names", "MiddleName", "words"),
    ("stop_words", "StopWord", "words"),
    ("name_particles", "NameParticle", "words"),
    ("object_prepositions", "ObjectPreposition", "words"),
    ("plural_markers", "PluralMarker", "words"),
    ("person_asides", "PersonAsideWord", "words"),
    ("prepositions", "Preposition", "words"),
    ("clause_words", "ClauseWord", "words"),
    ("time_openers", "TimeOpener", "words"),
    ("place_qualifiers", "PlaceQualifier", "words"),
    ("agency_heads", "AgencyHead", "words"),
    ("staff_credits", "StaffCredit", "words"),
    ("change_hedges", "ChangeHedge", "words"),
    ("change_links", "ChangeLink", "words"),
    ("change_non_verbs", "ChangeNonVerb", "words"),
    ("passive_markers", "PassiveMarker", "words"),
    ("change_objects", "ChangeObjectMarker", "words"),
    ("change_breaks", "ChangeBreak", "words"),
    ("change_sequence", "ChangeSequence", "words"),
    ("change_self_verbs", "ChangeSelfVerb", "words"),
    ("change_member_markers", "ChangeMemberMarker", "words"),
    ("change_from_markers", "ChangeFromMarker", "words"),
    ("sentence_openers", "SentenceOpener", "words"),
    ("event_heads", "EventHead", "written"),
    ("event_name_ends", "EventNameEnd", "written"),
    ("event_name_non_starts", "EventNameNonStart", "written"),
    ("facility_heads", "FacilityHead", "written"),
    ("speech_verbs", "SpeechVerb", "written"),
    ("chair_verbs", "ChairVerb", "written"),
    ("day_parts", "DayPart", "written"),
    ("credit_heads", "CreditHead", "written"),
    ("source_prefixes", "SourcePrefix", "written"),
    ("issue_verbs", "IssueVerb", "written"),
    ("referring_verbs", "ReferringVerb", "written"),
    ("auxiliaries", "Auxiliary", "words"),
    ("measure_words", "MeasureWord", "written"),
    ("dating_verbs", "DatingVerb", "written"),
    ("signing_verbs", "SigningVerb", "written"),
    ("on_behalf_markers", "OnBehalfMarker", "written"),
    ("term_qualifiers", "TermQualifier", "words"),
    ("follow_up_openers", "FollowUpOpener", "written"),
    ("agent_markers", "AgentMarker", "written"),
    ("possessive_markers", "PossessiveMarker", "written"),
    ("reference_prepositions", "ReferencePreposition", "written"),
    ("chain_conjunctions", "ChainConjunction", "written"),
    ("posting_prepositions", "PostingPreposition", "words"),
    ("list_conjunctions", "ListConjunction", "words"),
    ("list_introducers", "ListIntroducer", "words"),
    ("demonstratives", "Demonstrative", "written"),
    ("tense_markers", "TenseMarker", "written"),
    ("announcing_verbs", "AnnouncingVerb", "written"),
    ("subject_markers", "SubjectMarker", "written"),
    ("subject_ends", "SubjectEnd", "written"),
    ("trailing_conjunctions", "TrailingConjunction", "written"),
    ("document_day_parts", "DocumentDayPart", "written"),
    ("venue_prepositions", "VenuePreposition", "written"),
    ("venue_levels", "VenueLevel", "written+alt"),
    ("ordinal_event_heads", "OrdinalEventHead", "written"),
    ("ordinal_markers", "OrdinalMarker", "written"),
    ("name_ordinal_markers", "NameOrdinalMarker", "written"),
    ("event_qualifiers", "EventQualifier", "written"),
    ("term_markers", "TermMarker", "written"),
    ("name_conjunctions", "NameConjunction", "words"),
)
"""The closed word classes rules rely on: "words" are folded single labels (a frozenset, for membership),
"written" the labels as written, longest first (a tuple, for alternations), "written+alt" with altLabels too.
A new class is a line here, a field of ``Knowledge`` and its entries in ``ontology/``."""


def load(directory: Path | None = None) -> Knowledge:
    """Read every ``*.ttl`` of the ontology folder into lookup tables."""
    g = read_knowledge(directory or ontology_dir())
    k = Knowledge(graph=g)
    abbreviated: list[tuple[PhraseIndex, str, object]] = []  # phrases also written with abbreviations

    for s in _subjects(g, KG.Role):
        role = Role(_pref(g, s), str(s), _str(g, s, KG.impliedOrganization), _str(g, s, KG.organizationHead),
                    _flag(g, s, KG.partyRole), _flag(g, s, KG.requiresOrganization), _flag(g, s, KG.postedAbroad))
        for label in [role.label, *vi_labels(g, s, SKOS.altLabel)]:
            k.roles.add(label, role)
    for s in _subjects(g, KG.TitleForm):
        role_iri = g.value(s, KG.role)
        org = _str(g, s, KG.organizationLabel)
        if role_iri is None or org is None:
            continue
        role = k.roles.get(_pref(g, role_iri))
        if role is None:
            continue
        for form in vi_labels(g, s, KG.form, SKOS.altLabel):
            abbreviated.append((k.title_forms, form, TitleForm(role, org)))
    for cls, index in ((KG.Honorific, k.honorifics), (KG.Rank, k.ranks), (KG.Degree, k.ranks),
                       (KG.Honour, k.ranks), (KG.FormerMarker, k.former_markers), (KG.NewMarker, k.new_markers),
                       (KG.HoldsMarker, k.holds_markers),
                       (KG.ChangeRoleMarker, k.change_role_markers)):
        for s in _subjects(g, cls):
            for label in vi_labels(g, s, SKOS.prefLabel, SKOS.altLabel):
                index.add(label, label)
    for s in _subjects(g, KG.OrganizationKind):
        kind = OrgKind(_pref(g, s), str(s), _flag(g, s, KG.takesPlace), _str(g, s, KG.administrativeLevel),
                       _flag(g, s, KG.partyBody), _flag(g, s, KG.boardOfNextBody), _member_role(g, s))
        for label in [kind.label, *vi_labels(g, s, SKOS.altLabel)]:
            k.org_kinds.add(label, kind)
    for s in _subjects(g, KG.AdministrativeLevel):
        for label in vi_labels(g, s, SKOS.prefLabel, SKOS.altLabel):
            k.admin_levels.add(label, _pref(g, s))
    for s in _subjects(g, KG.Abbreviation):
        expansion = _str(g, s, KG.expansion)
        for short in g.objects(s, KG.short):
            if expansion:
                k.abbreviations[str(short)] = expansion
    for s in _subjects(g, KG.KnownBody):
        kind = g.value(s, KG.kind)
        body = Body(_pref(g, s), str(s), str(kind) if kind else None,
                    _member_role(g, s) or (_member_role(g, kind) if isinstance(kind, URIRef) else None))
        for label in [body.label, *vi_labels(g, s, SKOS.altLabel)]:
            abbreviated.append((k.bodies, label, body))
    for s in _subjects(g, KG.Place):
        kind = g.value(s, KG.placeKind)
        place = Place(_pref(g, s), str(s), str(kind).rsplit("#", 1)[-1] if kind else "Place",
                      _flag(g, s, KG.homeCountry))
        for label in [place.label, *vi_labels(g, s, SKOS.altLabel)]:
            k.places.add(label, place)
    for s, family in g.subject_objects(KG.careerFamily):
        k.career_families[str(s)] = str(family).rsplit("#", 1)[-1]
    k.single_holder_roles = frozenset(str(s) for s in g.subjects(KG.singleHolder, None) if _flag(g, s, KG.singleHolder))
    k.assembly_seats = frozenset(str(s) for s in g.subjects(KG.assemblySeat, None) if _flag(g, s, KG.assemblySeat))
    for s in _subjects(g, KG.GivenName):  # ontology/names.ttl
        for short in vi_labels(g, s, SKOS.altLabel):
            k.given_names[fold(short)] = fold(_pref(g, s))
    k.place_bound = frozenset(str(s) for s in g.subjects(KG.placeBound, None) if _flag(g, s, KG.placeBound))
    for s in _subjects(g, KG.DocumentType):
        code = min(g.objects(s, KG.symbolCode), default=None)  # one of several, the same in every process
        dtype = DocType(_pref(g, s), str(s), str(code) if code else None)
        for label in [dtype.label, *vi_labels(g, s, SKOS.altLabel)]:
            k.doc_types.add(label, dtype)
        for other in g.objects(s, KG.symbolCode):  # every code ("QĐ", "QĐNS"), not only the first
            k.doc_types_by_code[str(other)] = dtype
            k.symbol_codes.setdefault(str(other).casefold(), SymbolCode(str(other)))
    for s in _subjects(g, KG.IssuerCode):
        kind = _str(g, s, KG.issuerKind)
        if not kind:
            continue
        national, party = _flag(g, s, KG.nationalIssuer), _flag(g, s, KG.partySymbol)
        for code in sorted(g.objects(s, KG.symbolCode)):
            k.issuer_codes.append((re.compile(re.escape(str(code))), kind))
            k.symbol_codes[str(code).casefold()] = SymbolCode(str(code), True, national, party)
        for pattern in sorted(g.objects(s, KG.symbolPattern)):
            k.issuer_codes.append((re.compile(str(pattern)), kind))
            k.symbol_patterns.append((re.compile(str(pattern), re.IGNORECASE), SymbolCode(None, True, national, party)))
    for index, label, value in abbreviated:
        for variant in _abbreviated_forms(label, k.abbreviations):
            index.add(variant, value)
    for attr, cls, how in WORD_CLASSES:
        setattr(k, attr, _words(g, KG[cls]) if how == "words" else _as_written(g, KG[cls], alt=how.endswith("+alt")))
    k.official_honorifics = frozenset(
        fold(str(o)) for s in _subjects(g, KG.Honorific) if _flag(g, s, KG.officialHonorific)
        for o in g.objects(s, SKOS.prefLabel)
    )
    for s in _subjects(g, KG.Honorific):
        gender = g.value(s, SCHEMA.gender)
        for o in g.objects(s, SKOS.prefLabel):
            if gender is not None:
                k.genders[fold(str(o))] = str(gender)
            if _flag(g, s, KG.pronoun):
                k.pronouns |= {fold(str(o))}
    for s in _subjects(g, KG.ChangeKind):
        kind = k.change_kinds[str(s)] = ChangeKind(str(s), _pref(g, s), _flag(g, s, KG.gainsPost),
                                                       _flag(g, s, KG.ownAct), _flag(g, s, KG.endsTenure))
        for verb in sorted(vi_labels(g, s, KG.changeVerb)):
            k.change_verbs.add(verb, kind)
    for s in _subjects(g, KG.ReportingVerb):
        k.reporting_verbs.add(_pref(g, s), _pref(g, s))
    k.generic_doc_types = frozenset(fold(_pref(g, s)) for s in _subjects(g, KG.DocumentType)
                                    if _flag(g, s, KG.genericDocumentType))
    k.named_doc_types = tuple(sorted({_pref(g, s) for s in _subjects(g, KG.DocumentType)
                                      if _flag(g, s, KG.namedDocumentType)}, key=lambda w: (-len(w), w)))
    for s in _subjects(g, KG.NewsAgency):
        for label in vi_labels(g, s, SKOS.prefLabel, SKOS.altLabel):
            k.agencies.add(label, _pref(g, s))
    for cls in (KG.Brand, KG.SportsClub, KG.StaffCredit):  # ontology/brands.ttl, agencies.ttl
        for s in _subjects(g, cls):
            for label in vi_labels(g, s, SKOS.prefLabel, SKOS.altLabel):
                k.not_persons.add(label, _pref(g, s))
    name_classes = (KG.KnownBody, KG.OrganizationKind, KG.AdministrativeLevel, KG.OrganizationWord)
    words = [label for cls in name_classes for s in _subjects(g, cls)
             for label in vi_labels(g, s, SKOS.prefLabel, SKOS.altLabel)]
    words += list(k.abbreviations.values())
    k.org_bigrams = frozenset(_lower_bigrams(words))
    return k


@lru_cache(maxsize=2)
def default_knowledge() -> Knowledge:
    """The knowledge of the ontology folder, loaded once per process."""
    return load()
