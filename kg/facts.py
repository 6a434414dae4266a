"""The plain facts every extractor returns: no RDF, no NLP objects, just values with evidence."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: character span in the article's text as given, the rule, a confidence."""

    article: str
    start: int
    end: int
    rule: str
    confidence: float
    sentence_start: int = 0
    sentence_end: int = 0


@dataclass(frozen=True)
class Organization:
    """An organization by its full, expanded Vietnamese name; ``forms`` are the ways the text wrote it."""

    label: str
    forms: tuple[str, ...] = ()
    kind: str | None = None  # IRI of an organization kind concept, when known
    scope: str | None = None  # an article id: the body is only implied and may not be the one of that name


@dataclass(frozen=True)
class Person:
    name: str
    forms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Post:
    """A person's post: role + organization. ``former`` posts are kept but never asserted as held."""

    person: Person
    role: str  # role label, expanded ("Phó Bí thư Thường trực")
    org: Organization | None
    title: str  # the full title as a reader says it ("Phó Bí thư Thường trực Thành ủy Cần Thơ")
    evidence: Evidence
    role_iri: str | None = None  # concept in ontology/roles.ttl when the role is known
    former: bool = False
    org_source: str = "text"  # "text" (stated), "implied" (by the role), "context" (from the article)


@dataclass(frozen=True)
class Document:
    """A numbered document mention: identifier, type, and what the text says of date, issuer and subject."""

    number: str
    type_label: str | None
    type_iri: str | None
    evidence: Evidence
    date: str | None = None  # ISO date, only when day, month and year are given
    date_evidence: Evidence | None = None
    issuer: Organization | None = None  # as stated in the text
    issuer_evidence: Evidence | None = None
    symbol_issuer_kind: str | None = None  # what the symbol code says of the issuer (inferred, not stated)
    subject: str | None = None


@dataclass(frozen=True)
class Credit:
    """A photo or text credit: a person (creator) and optionally the agency."""

    person: str
    agency: str | None
    kind: str  # "photo" or "text"
    evidence: Evidence


@dataclass(frozen=True)
class Event:
    """An event named in the text (Hội nghị, Đại hội …) with who spoke/chaired, where and when."""

    label: str
    evidence: Evidence
    ordinal: str | None = None
    term: str | None = None
    date: str | None = None
    place: str | None = None
    participants: tuple[tuple[str, str], ...] = ()  # (person name, "speaker" | "chair")


@dataclass
class ArticleFacts:
    """Everything extracted from one article."""

    article_id: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None
    text: str = ""
    posts: list[Post] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
