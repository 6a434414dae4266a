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
    scope: str | None = None  # an article id: the body is only implied or nameless, not the one of that name
    parent: str | None = None  # the canonical label of the body it is part of (org:subOrganizationOf)
    merged_into: str | None = None  # the canonical label of the body it was merged into (kg:mergedInto)


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


@dataclass(frozen=True)
class Change:
    """A personnel change the text reports as decided: who, which kind (a kg:ChangeKind IRI), the post taken
    and the post left (one of the article's posts), when, by whom, by which decision, for which term."""

    person: str
    kind: str
    evidence: Evidence
    to_post: Post | None = None
    from_post: Post | None = None
    date: str | None = None  # YYYY-MM-DD; --MM-DD when text and article give no year; YYYY-MM, YYYY as written
    decider: Organization | None = None
    decision: str | None = None  # the number of one of the article's documents
    term: str | None = None  # "5 năm", "2016-2021"

    @property
    def postless(self) -> bool:
        """The text names neither post (rule ``changes.postless``): no post's person is the change's."""
        return self.to_post is None and self.from_post is None


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
    changes: list[Change] = field(default_factory=list)
    # set by cross-article linking (kg.link.across): (name, whether a credit) → the person's Identity
    identities: dict = field(default_factory=dict)


@dataclass(frozen=True)
class PersonMention:
    """A distinct written person name in one article: its article-local id ("p1" …) and the forms written."""

    id: str
    name: str
    forms: tuple[str, ...] = ()


@dataclass(frozen=True)
class OrgMention:
    """A distinct organization in one article (label, forms, kind, scope): its article-local id ("o1" …)."""

    id: str
    org: Organization


@dataclass(frozen=True)
class Mentions:
    """The person and organization mentions of one article, numbered in order of first appearance in the text.

    Posts, event speakers and chairs, and credits refer to a person mention by id; posts and document issuers
    to an organization mention. A person mention is a distinct name (``person_id``); an organization one a
    distinct ``Organization`` value (``org_id``).
    """

    persons: tuple[PersonMention, ...] = ()
    orgs: tuple[OrgMention, ...] = ()

    def person_id(self, name: str) -> str:
        return self._person_ids()[name]

    def org_id(self, org: Organization) -> str:
        return self._org_ids()[org]

    def person(self, mention_id: str) -> PersonMention:
        return self._by_id()[mention_id]  # type: ignore[return-value]

    def org(self, mention_id: str) -> Organization:
        return self._by_id()[mention_id].org  # type: ignore[union-attr]

    def _person_ids(self) -> dict[str, str]:
        return _cached(self, "_pids", lambda: {m.name: m.id for m in self.persons})

    def _org_ids(self) -> dict[Organization, str]:
        return _cached(self, "_oids", lambda: {m.org: m.id for m in self.orgs})

    def _by_id(self) -> dict[str, PersonMention | OrgMention]:
        return _cached(self, "_ids", lambda: {m.id: m for m in (*self.persons, *self.orgs)})


def _cached(obj: object, key: str, make):  # noqa: ANN001, ANN202 - a lookup table built once per Mentions
    table = obj.__dict__.get(key)
    if table is None:
        table = make()
        object.__setattr__(obj, key, table)
    return table


def mentions_of(facts: ArticleFacts) -> Mentions:
    """The article's mentions, numbered deterministically by where each first appears (evidence start), then by
    name: persons of posts, event participants, credits and postless changes; organizations of posts, document
    issuers and the bodies deciding changes."""
    people: dict[str, tuple[int, set[str]]] = {}

    def person(name: str, at: int, forms: tuple[str, ...] = ()) -> None:
        first, known = people.get(name, (at, set()))
        people[name] = (min(first, at), known | set(forms))

    for p in facts.posts:
        person(p.person.name, p.evidence.start, p.person.forms)
    for e in facts.events:
        for name, _part in e.participants:
            person(name, e.evidence.start)
    for c in facts.credits:
        person(c.person, c.evidence.start)
    for c in facts.changes:  # a change that names no post: its person is no post's
        if c.postless:
            person(c.person, c.evidence.start)
    orgs: dict[Organization, int] = {}
    for p in facts.posts:
        if p.org is not None:
            orgs[p.org] = min(orgs.get(p.org, p.evidence.start), p.evidence.start)
    for d in facts.documents:
        if d.issuer is not None:
            at = (d.issuer_evidence or d.evidence).start
            orgs[d.issuer] = min(orgs.get(d.issuer, at), at)
    for c in facts.changes:
        if c.decider is not None:
            orgs[c.decider] = min(orgs.get(c.decider, c.evidence.start), c.evidence.start)
    persons = sorted(people.items(), key=lambda kv: (kv[1][0], kv[0]))
    ordered = sorted(orgs.items(), key=lambda kv: (kv[1], kv[0].label, kv[0].forms, kv[0].kind or "",
                                                   kv[0].scope or ""))
    return Mentions(tuple(PersonMention(f"p{n}", name, tuple(sorted(forms)))
                          for n, (name, (_at, forms)) in enumerate(persons, start=1)),
                    tuple(OrgMention(f"o{n}", org) for n, (org, _at) in enumerate(ordered, start=1)))
