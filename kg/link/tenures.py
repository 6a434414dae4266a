"""Tenures: who held which post from when to when, from personnel changes and dated mentions.

Each article gives, per post a person is said to hold, hold formerly, take or leave, an ``Attestation``: the
person's mention, the post's key across articles (its role and its body's comparison key), the article's date,
and for a change its kind's effect and date. The reduce (after ``kg.link.across`` decided who the persons are)
groups them by post and, within a post, by person: one ``Tenure`` per person and post.

* its beginning: the earliest full date of a change into the post; its end: the latest full date of a change
  out of it (a dismissal, a retirement, a transfer's previous post: ``kg:endsTenure`` in ontology/tenures.ttl),
  never before the beginning;
* a successor: for a role one person holds at a time (``kg:singleHolder``), another person's dated change into
  the post ends the tenure, unless the tenure is stated as held on a later date, or began after it;
* first and last attested: the dates of the articles that state the post as held (an appointment's article too,
  unless the appointment is dated later);
* a former post ("nguyên", "cựu") ended before its article's date, the earliest such date after the last
  attestation; an undated article only says the tenure ended. No date is ever invented.

A tenure is published in the block of one article that states it (the earliest dated, else the first by id), so
an output holds each once and an update re-publishes that article when the tenure changes. The reduce is over
posts, and a post's tenures depend on every person who holds it: ``closure`` gives the name groups an update
must reduce again together.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from kg.extract.facts import ArticleFacts, Post
from kg.knowledge import Knowledge
from kg.knowledge.registry import BodyRegistry
from kg.lang.vi.orthography import name_key

TENURE = "tenure"  # the second part of a tenure's key among an article's identities
FULL_DATE_LENGTH = 10  # YYYY-MM-DD: a date a tenure may begin or end on (not --MM-DD)

CURRENT, FORMER, GAIN, LEAVE = "current", "former", "gain", "leave"


@dataclass(frozen=True)
class Attestation:
    """One article's statement that a person holds, held, takes or leaves a post."""

    article: str
    name: str  # the person as the article resolved it
    group: str  # the person's name group (``kg.link.across.Profile.group``): reduced with the person
    post: str  # the post's key across articles: role, then the body's comparison key (or its article scope)
    at: tuple[str, int]  # where the article has the post: ("post", i) in its posts, ("to"|"from", j) of change j
    date: str | None  # the article's date
    status: str  # CURRENT, FORMER, GAIN or LEAVE
    change_date: str | None = None  # a change's date (GAIN, LEAVE)
    change: tuple[int, str] | None = None  # a change's evidence start and kind IRI (its IRI, with article and name)
    single: bool = False  # the role is one person's at a time


@dataclass(frozen=True)
class Tenure:
    """What the reduce decided for one person's holding of one post, for the article that publishes it."""

    key: str  # IRI segment under tenure/: the person's key, then the post's
    name: str  # the person's mention in the publishing article (its IRI through the article's identities)
    at: tuple[str, int]  # the post in the publishing article
    start: str | None = None
    end: str | None = None
    ended_before: str | None = None
    ended: bool = False
    first_seen: str | None = None
    last_seen: str | None = None
    attestations: int = 0  # articles that state it
    held: tuple[tuple[str, bool], ...] = ()  # (article, former) whose org:holds / kg:heldFormerly it derives from
    changes: tuple[tuple[str, int, str, str], ...] = ()  # (article, start, name, kind) of the changes it derives from


# -- the map side --------------------------------------------------------------------------------------------

def post_key(p: Post, article: str, registry: BodyRegistry) -> str:
    """The post's key across articles: its role and its body's comparison key (which the reduce's one label per
    body does not change); a post without a body, or with an article's own body, stays that article's."""
    role = name_key(p.role)
    if p.org is None:
        return f"{role}|@{article}"
    if p.org.scope:
        return f"{role}|@{p.org.scope}|{name_key(p.org.label)}"
    return f"{role}|{registry.key(p.org.label)}"


def attestations(facts: ArticleFacts, knowledge: Knowledge, registry: BodyRegistry,
                 group: dict[str, str]) -> list[Attestation]:
    """An article's attestations (after ``kg.link.within``); ``group``: each person's name group."""
    date = facts.date[:FULL_DATE_LENGTH] if facts.date else None
    single = knowledge.single_holder_roles
    out: list[Attestation] = []
    stated: set[Post] = set()  # posts a change takes or leaves: what the change says of them is their statement
    for j, c in enumerate(facts.changes):
        kind = knowledge.change_kinds.get(c.kind)
        if c.person not in group:
            continue
        change = (c.evidence.start, c.kind)
        if c.to_post is not None:
            stated.add(c.to_post)
            out.append(Attestation(facts.article_id, c.person, group[c.person],
                                   post_key(c.to_post, facts.article_id, registry), ("to", j), date, GAIN, c.date,
                                   change, c.to_post.role_iri in single))
        if c.from_post is not None and kind is not None and (kind.ends or not kind.gains):
            ends = kind.ends and not c.from_post.former  # "ông A, nguyên Giám đốc X, được bổ nhiệm": ended before
            stated.add(c.from_post)
            out.append(Attestation(facts.article_id, c.person, group[c.person],
                                   post_key(c.from_post, facts.article_id, registry), ("from", j), date,
                                   LEAVE if ends else FORMER if c.from_post.former else CURRENT,
                                   c.date if ends else None, change if ends else None,
                                   c.from_post.role_iri in single))
    for i, p in enumerate(facts.posts):
        if p in stated or p.person.name not in group:
            continue
        out.append(Attestation(facts.article_id, p.person.name, group[p.person.name],
                               post_key(p, facts.article_id, registry), ("post", i), date,
                               FORMER if p.former else CURRENT, single=p.role_iri in single))
    return out


# -- the reduce side -----------------------------------------------------------------------------------------

def _full(date: str | None) -> str | None:
    return date if date and len(date) == FULL_DATE_LENGTH and not date.startswith("-") else None


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


@dataclass
class _Holding:
    person: str  # the person's IRI key
    post: str
    atts: list[Attestation]
    start: str | None = None
    end: str | None = None
    ended_before: str | None = None
    ended: bool = False
    first_seen: str | None = None
    last_seen: str | None = None
    successor: tuple[str, int, str, str] | None = None


def _holding(person: str, post: str, atts: list[Attestation]) -> _Holding:
    h = _Holding(person, post, atts)
    gains = sorted(d for a in atts if a.status == GAIN and (d := _full(a.change_date)))
    h.start = gains[0] if gains else None
    leaves = sorted(d for a in atts if a.status == LEAVE and (d := _full(a.change_date))
                    and (h.start is None or d >= h.start))
    h.end = leaves[-1] if leaves else None
    seen = sorted(a.date for a in atts if a.date and (
        a.status == CURRENT or a.status == GAIN and not (_full(a.change_date) and a.change_date > a.date)))
    h.first_seen, h.last_seen = (seen[0], seen[-1]) if seen else (None, None)
    formerly = sorted(a.date for a in atts if a.status == FORMER and a.date
                      and (h.last_seen is None or a.date > h.last_seen))
    h.ended_before = formerly[0] if formerly and h.end is None else None
    h.ended = h.end is not None or h.ended_before is not None or any(
        a.status in (FORMER, LEAVE) for a in atts)
    return h


def _close_by_successors(holdings: list[_Holding]) -> None:
    """A one-holder post: another person's dated change into it ends a tenure begun (or attested) before it and
    not stated as held after it."""
    arrivals = sorted(((d, h.person, a) for h in holdings for a in h.atts
                       if a.status == GAIN and a.single and (d := _full(a.change_date))),
                      key=lambda x: (x[0], x[1], _order(x[2])))
    for h in holdings:
        if h.end is not None:
            continue
        since = h.start or h.first_seen
        if since is None:
            continue
        for d, person, a in arrivals:
            if person == h.person or d <= since or (h.last_seen and h.last_seen > d):
                continue
            if h.ended_before is not None and h.ended_before <= d:
                break  # it had ended before this successor came
            h.end, h.ended, h.ended_before = d, True, None
            h.successor = (a.article, a.change[0], a.name, a.change[1])  # type: ignore[index]
            break


def decide(atts: Iterable[Attestation], person_of: dict[tuple[str, str], str]) -> dict[tuple[str, str, str], Tenure]:
    """The tenures of the attestations, keyed (publishing article, tenure key, TENURE); ``person_of``: (article,
    name) → the person's IRI key, as linking decided."""
    by_post: dict[str, dict[str, list[Attestation]]] = defaultdict(lambda: defaultdict(list))
    for a in atts:
        person = person_of.get((a.article, a.name)) or name_key(a.name)
        by_post[a.post][person].append(a)
    out: dict[tuple[str, str, str], Tenure] = {}
    for post in sorted(by_post):
        holdings = [_holding(person, post, sorted(mine, key=_order))
                    for person, mine in sorted(by_post[post].items())]
        if any(a.single for h in holdings for a in h.atts):
            _close_by_successors(holdings)
        for h in holdings:
            owner = h.atts[0]
            key = f"{h.person}/{name_key(post.split('|', 1)[0])}--{_digest(post)}"
            held = tuple(sorted({(a.article, a.status == FORMER) for a in h.atts if a.status in (CURRENT, FORMER)}))
            changes = {(a.article, a.change[0], a.name, a.change[1]) for a in h.atts if a.change}
            if h.successor:
                changes.add(h.successor)
            out[(owner.article, key, TENURE)] = Tenure(
                key, owner.name, owner.at, h.start, h.end, h.ended_before, h.ended, h.first_seen, h.last_seen,
                len({a.article for a in h.atts}), held, tuple(sorted(changes)))
    return out


def _order(a: Attestation) -> tuple:
    """The publishing article first: the earliest dated, else the first by id; within it, its first statement."""
    return (a.date or "~", a.article, a.at[0] != "post", a.at[1])


def closure(groups: set[str], atts: Iterable[Attestation]) -> set[str]:
    """``groups`` and the name groups of everyone holding a one-holder post that a person of them holds (to a
    fixpoint): a post's tenures are decided from all its holders at once."""
    by_post: dict[str, set[str]] = defaultdict(set)
    posts_of: dict[str, set[str]] = defaultdict(set)
    for a in atts:
        if a.single and "|@" not in a.post:
            by_post[a.post].add(a.group)
            posts_of[a.group].add(a.post)
    out, todo = set(groups), sorted(groups)
    while todo:
        for post in posts_of.get(todo.pop(), ()):
            for g in sorted(by_post[post] - out):
                out.add(g)
                todo.append(g)
    return out


__all__ = ["TENURE", "Attestation", "Tenure", "attestations", "closure", "decide", "post_key"]
