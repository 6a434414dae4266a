"""Linking within one article: every mention resolves to its person (the longest unambiguous name the article
gives it), for posts, event speakers and chairs and credits alike; vaguer duplicate posts are dropped.
Cross-article identity is the next stage of ``kg.link``."""

from __future__ import annotations

from dataclasses import replace

from kg.extract.facts import ArticleFacts, Change, Mentions, Person, Post, mentions_of
from kg.lang.vi.orthography import fold


def resolve_article(facts: ArticleFacts) -> ArticleFacts:
    """The link step within one article, over its person mention ids (``kg.extract.facts.mentions_of``).

    Every fact kind resolves through the same table: an official's mention (a post's person, an event's
    speaker or chair) becomes the longest name in the article whose last words it is, so "Bí thư Văn Sơn phát
    biểu" speaks as the person "Nguyễn Văn Sơn"; a short name that fits several longer ones is dropped. A credit's
    mention resolves only among the article's credits ("Minh Anh" under a photo, "Nguyễn Minh Anh" in the
    byline): a pen name is never merged into an official's name merely because it is a suffix of it.
    """
    mentions = mentions_of(facts)
    pid = mentions.person_id
    officials = {pid(p.person.name) for p in facts.posts}
    postless = [c.person for c in facts.changes if c.postless]
    person = _longest(officials | {pid(name) for name in postless}, mentions)
    credit = _longest({pid(c.person) for c in facts.credits}, mentions)
    posts: list[Post] = []
    renamed: dict[Post, Post] = {}
    for p in facts.posts:
        target = person[pid(p.person.name)]
        if not target or len(target.split()) < 2:
            continue
        old = p
        if target != p.person.name:
            p = replace(p, person=Person(target, (*p.person.forms, p.person.name)))
        renamed[old] = p
        posts.append(p)
    facts.posts = _drop_vaguer_posts(posts)
    names = {p.person.name: person[pid(p.person.name)] for p in renamed}
    names.update((name, person[pid(name)]) for name in postless)
    facts.changes = _changes_of(facts, renamed, names)
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
    for c in facts.changes:  # the person of a postless change, named by no post
        if c.postless:
            persons.setdefault(c.person, Person(c.person))
    facts.persons = [persons[n] for n in sorted(persons)]
    return facts


def _changes_of(facts: ArticleFacts, renamed: dict[Post, Post], names: dict[str, str]) -> list[Change]:
    # names: a post's person as written → the name it resolves to
    """The article's changes with their persons and posts as linking resolved them: a post dropped as vaguer is
    the fuller one of the same person and role; a change whose person is ambiguous, or whose posts are all gone,
    is dropped (one that never named a post keeps its person: ``changes.postless``)."""
    kept = set(facts.posts)

    def post(p: Post | None) -> Post | None:
        if p is None or p not in renamed:
            return None
        q = renamed[p]
        if q in kept:
            return q
        return next((k for k in facts.posts if k.person.name == q.person.name and fold(k.role) == fold(q.role)
                     and k.former == q.former), None)

    out = []
    for c in facts.changes:
        target = names.get(c.person, "")
        to_post, from_post = post(c.to_post), post(c.from_post)
        if not target or (to_post is None and from_post is None and not c.postless):
            continue
        out.append(replace(c, person=target, to_post=to_post, from_post=from_post))
    return out


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
