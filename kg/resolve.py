"""Canonical names and deterministic IRIs; merging the same person within an article.

IRIs derive from normalized names only, so graphs built separately merge by plain union. Names keep their
Vietnamese letters in IRIs (``person/nguyễn-văn-hùng``), ids and codes are ASCII slugs. What is ambiguous
across articles is scoped to its article: bare document numbers ("Nghị quyết 35") and a body only implied for a
foreign person ("Thủ tướng Shinzo Abe" → a "Chính phủ" that is not Việt Nam's).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace

from kg.facts import ArticleFacts, Mentions, Person, Post, mentions_of
from kg.lang.vi.orthography import fold, id_key, name_key, slug

DEFAULT_BASE = "https://w3id.org/kg-vn/id/"

# An absolute IRI: a scheme, then no character an IRI may not hold (RFC 3987: space, controls, <>"{}|\^`),
# and "%" only as a percent-escape.
_BASE_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:(?:[^\x00-\x20\x7f-\x9f<>\"{}|\\^`%]|%[0-9A-Fa-f]{2})*")


def check_base(base: str) -> str:
    """``base`` if it is an absolute IRI that every RDF parser reads, else ValueError saying why."""
    if not _BASE_RE.fullmatch(base):
        bad = next((c for c in base if c in ' <>"{}|\\^`' or ord(c) < 0x21 or 0x7f <= ord(c) <= 0x9f), None)
        why = (f"holds {bad!r}" if bad is not None else "has a '%' that is not a %XX escape" if "%" in base
               else "has no scheme (such as https:)")
        raise ValueError(f"--base {base!r} is not an absolute IRI: it {why}; "
                         f"give one such as {DEFAULT_BASE}")
    return base


class IRIs:
    """Mints IRIs under one base (``--base``, checked by :func:`check_base`).

    Article ids, and the IRIs scoped to an article, go through ``id_key``: distinct ids never share an IRI.
    """

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        check_base(base)
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def article(self, article_id: str) -> str:
        return f"{self.base}article/{id_key(article_id)}"

    def person(self, name: str) -> str:
        return f"{self.base}person/{name_key(name)}"

    def org(self, label: str, scope: str | None = None) -> str:
        """An organization by name; one only implied for a foreign person is scoped to its article."""
        return f"{self.base}org/" + (f"{id_key(scope)}/" if scope else "") + name_key(label)

    def role(self, label: str) -> str:
        return f"{self.base}role/{name_key(label)}"

    def post(self, role: str, org: str | None, scope: str | None = None) -> str:
        return (f"{self.base}post/" + (f"{id_key(scope)}/" if scope else "") + name_key(role)
                + (f"--{name_key(org)}" if org else ""))

    def document(self, number: str, type_label: str | None, article_id: str) -> str:
        key = re.sub(r"[\s./\-–]+", "-", number)
        kind = slug(type_label or "van-ban")
        if not re.search(r"[/\-–]", number):  # bare numbers name different documents in different articles
            return f"{self.base}document/{id_key(article_id)}/{kind}-{slug(key)}"
        return f"{self.base}document/{kind}-{slug(re.sub(r'[^0-9A-Za-zĐđ]', '', number))}"

    def event(self, article_id: str, label: str) -> str:
        return f"{self.base}event/{id_key(article_id)}/{name_key(label)[:80]}"

    def evidence(self, article_id: str, start: int, end: int, rule: str, confidence: float) -> str:
        return f"{self.base}evidence/{id_key(article_id)}/{start}-{end}-{slug(rule)}-{round(confidence * 100)}"

    def statement(self, article_id: str, *parts: str) -> str:
        digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]
        return f"{self.base}statement/{id_key(article_id)}/{digest}"

    def image(self, article_id: str, n: int) -> str:
        return f"{self.base}image/{id_key(article_id)}/{n}"


def resolve_article(facts: ArticleFacts) -> ArticleFacts:
    """The link step within one article, over its person mention ids (``kg.facts.mentions_of``).

    Every fact kind resolves through the same table: an official's mention (a post's person, an event's
    speaker or chair) becomes the longest name in the article whose last words it is, so "Bí thư Văn Sơn phát
    biểu" speaks as the person "Nguyễn Văn Sơn"; a short name that fits several longer ones is dropped. A credit's
    mention resolves only among the article's credits ("Minh Anh" under a photo, "Nguyễn Minh Anh" in the
    byline): a pen name is never merged into an official's name merely because it is a suffix of it.
    """
    mentions = mentions_of(facts)
    pid = mentions.person_id
    officials = {pid(p.person.name) for p in facts.posts}
    person = _longest(officials, mentions)
    credit = _longest({pid(c.person) for c in facts.credits}, mentions)
    posts: list[Post] = []
    for p in facts.posts:
        target = person[pid(p.person.name)]
        if not target or len(target.split()) < 2:
            continue
        if target != p.person.name:
            p = replace(p, person=Person(target, (*p.person.forms, p.person.name)))
        posts.append(p)
    facts.posts = _drop_vaguer_posts(posts)
    # speakers and chairs are named as their posts were ("Bí thư Văn Sơn phát biểu"): the same person node
    events = []
    for e in facts.events:
        parts = {(person.get(pid(name), name), part) for name, part in e.participants}
        parts = {(name, part) for name, part in parts if name and len(name.split()) >= 2}
        events.append(replace(e, participants=tuple(sorted(parts))) if parts != set(e.participants) else e)
    facts.events = events
    credits = []
    for c in facts.credits:  # a short credit name that fits several fuller ones stays as written
        target = credit[pid(c.person)] or c.person
        credits.append(c if target == c.person else replace(c, person=target))
    facts.credits = credits
    persons: dict[str, Person] = {}
    for p in posts:
        known = persons.get(p.person.name)
        forms = tuple(sorted(set((known.forms if known else ()) + p.person.forms)))
        persons[p.person.name] = Person(p.person.name, forms)
    facts.persons = [persons[n] for n in sorted(persons)]
    return facts


def _longest(ids: set[str], mentions: Mentions) -> dict[str, str]:
    """Mention id → the name it resolves to among ``ids``: the one longer name that ends with its words, else
    its own; "" when several longer ones do (ambiguous)."""
    names = sorted({mentions.person(i).name for i in ids}, key=lambda n: (-len(n.split()), n))
    out: dict[str, str] = {}
    for i in ids:
        name = mentions.person(i).name
        words = fold(name).split()
        longer = [m for m in names if len(m.split()) > len(words) and fold(m).split()[-len(words):] == words]
        out[i] = longer[0] if len(longer) == 1 else "" if longer else name
    return out


def _drop_vaguer_posts(posts: list[Post]) -> list[Post]:
    """Drop a post that a fuller mention of the same person's post already says.

    "Bộ trưởng Trần Văn A" (no ministry) beside "Bộ trưởng Bộ Y tế Trần Văn A"; "Thủ tướng Shinzo Abe" (body
    implied: Chính phủ) beside "Thủ tướng Nhật Bản Shinzo Abe"; "Chủ tịch Trần Văn A" beside "Chủ tịch nước …";
    "Thành ủy" beside "Thành ủy Cần Thơ".
    """
    def org_key(p: Post) -> str:
        return fold(p.org.label) if p.org and p.org_source == "text" else ""

    def key(p: Post) -> tuple[str, str, bool]:
        return fold(p.role), org_key(p), p.org is None

    by_person: dict[tuple[str, bool], set[tuple[str, str, bool]]] = {}
    for p in posts:
        by_person.setdefault((p.person.name, p.former), set()).add(key(p))

    def vaguer(mine: tuple[str, str, bool], others: set[tuple[str, str, bool]]) -> bool:
        role, org, no_org = mine
        for qrole, theirs, _ in others:
            if (qrole, theirs) == (role, org):
                continue
            if qrole == role and (not org or f" {org} " in f" {theirs} "):
                return True  # the same post, said more fully elsewhere
            if no_org and qrole.startswith(role + " "):
                return True  # "Chủ tịch X" beside "Chủ tịch nước X": the short role names the same post
        return False

    verdicts: dict[tuple[str, bool, tuple[str, str, bool]], bool] = {}
    out = []
    for p in posts:  # distinct (role, organization) keys per person: linear in the number of posts
        person, k = (p.person.name, p.former), key(p)
        if (person + (k,)) not in verdicts:
            verdicts[person + (k,)] = vaguer(k, by_person[person])
        if not verdicts[person + (k,)]:
            out.append(p)
    return out
