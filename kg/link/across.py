"""Linking across articles: which mentions of one written name are one real person.

A pure reduce over name groups. Each article contributes, per person it names (after ``kg.link.within``), a
``Profile``: the name, its group key (``name_key``: case, NFC and tone placement folded, a short given name read
in full), the roles of its posts and its *contexts*, the evidence the article gives of who this is:

* ``body:<org>`` — a body the article says the person holds (or held) a post in, when the body is named (not an
  article-scoped, nameless "Ủy ban nhân dân tỉnh");
* ``province:<place>`` — the province whose leadership bodies that is (Tỉnh/Thành ủy, HĐND, UBND, Đoàn ĐBQH,
  MTTQ of one province: a career moves between them; data: ``kg:careerFamily kg:ProvincialLeadership``);
* ``national`` — a central body (the Party's central organs, the Government and its ministries, the National
  Assembly; ``kg:careerFamily kg:NationalLeadership``), unless the body is another country's;
* ``acronym:<initials>`` — the body's initials, so that a body written in full and abbreviated meet.

A body named only by its kind or without its place, and a seat in an assembly of hundreds, give no context
(``ontology/linking.ttl``). Within a name group, profiles that share a context are one person (union–find, so a
career chains through the article that names two of its posts), and so are those whose bodies are one body
written fully and shortly. A profile with no context is the person of its name who holds its role (the one, or
by far the most written of); one that holds no role is the group's one person when there is exactly one;
profiles whose role nobody with a context holds are one person per role among themselves; what stays between
several persons is scoped to its article (ambiguous: never guessed). Credits (bylines, photo credits) are their
own kind of person: one per name and outlet, never merged into an official.

Curation (``kg.link.curation``) adds "same" and "different" decisions between mentions or persons, applied before
the contexts.

The decision is a function of the group's own profiles only, so a group's IRIs do not change when articles about
other names are added, and groups can be reduced independently (one task per group on a distributed engine).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from kg.extract.facts import ArticleFacts, Organization
from kg.knowledge import Knowledge, phrase_key
from kg.knowledge.registry import registry_of
from kg.lang.vi.orthography import fold, id_key, name_key, slug
from kg.link.curation import Curation, Side
from kg.link.documents import DocDecision, DocName, DocumentIdentity, decide, document_names, retype
from kg.link.labels import BodyName, Label, body_names, label_group, relabel
from kg.link.tenures import Attestation, Tenure, attestations
from kg.link.tenures import decide as decide_tenures

NATIONAL = "national"


@dataclass(frozen=True)
class Profile:
    """One person as one article names it: the evidence the reduce links on."""

    article: str
    name: str  # as the article resolved it (its longest form)
    contexts: tuple[str, ...] = ()  # sorted: "body:…", "province:…", "national"
    credit: str | None = None  # a credit's outlet ("" when none is known): a journalist, not an official
    roles: tuple[str, ...] = ()  # the roles of its posts, folded: a mention without context joins the one person
    # of its name who holds the same role
    key: str = ""  # the name's key, a short given name read in full ("Jim Mattis" → james-mattis); "": name_key

    @property
    def group(self) -> str:
        return ("credit:" if self.credit is not None else "") + (self.key or name_key(self.name))

    @property
    def ref(self) -> tuple[str, str, bool]:
        """(article, name, whether a credit): a byline and an official of one name in one article are two."""
        return self.article, self.name, self.credit is not None


@dataclass(frozen=True)
class Identity:
    """What linking decided for one mention: the person's IRI key and the one name it is known by."""

    key: str  # IRI segment under person/: "nguyễn-văn-hùng--3f2a1c"
    name: str  # the person's schema:name (the group's most written form)
    scope: str | None = None  # the article, when the mention stays ambiguous
    journalist: bool = False


# -- the map side: an article's profiles ---------------------------------------------------------------------

class Contexts:
    """The context keys of a body, from the knowledge (career families, provinces, countries)."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.k = knowledge
        self._cache: dict[tuple[Organization, bool], tuple[str, ...]] = {}
        self.registry = registry_of(knowledge)  # which bodies take part in ``kg.link.labels``
        self.documents = DocumentIdentity(knowledge)  # the documents' groups (``kg.link.documents``)

    def name_key(self, name: str) -> str:
        """A person's name group: ``name_key``, with a short given name first read in full ("Jim" → "James",
        data: ``kg:GivenName`` in ontology/names.ttl)."""
        words = name.split()
        full = self.k.given_names.get(fold(words[0])) if len(words) > 1 else None
        return name_key(" ".join([full, *words[1:]]) if full else name)

    def of(self, org: Organization, seat: bool = False) -> tuple[str, ...]:
        """The context keys of a post in ``org``; ``seat``: the post is a seat in an assembly (Đại biểu), which
        is evidence of the province it represents only."""
        got = self._cache.get((org, seat))
        if got is None:
            got = self._cache[(org, seat)] = self._contexts(org, seat)
        return got

    def _contexts(self, org: Organization, seat: bool) -> tuple[str, ...]:
        if org.scope:  # nameless or only implied: says nothing across articles
            return ()
        words = phrase_key(org.label)
        places = []
        for i in range(len(words)):
            m = self.k.places.match(words, i)
            if m:
                places.append((i, m[0], m[1]))
        foreign = any(p.kind in ("Country", "Territory") and not p.home for _, _, p in places)
        provinces = [p for _, _, p in places if p.kind == "Province"]
        head = self.k.org_kinds.match(words, 0)
        kind = org.kind or (head[1].iri if head else "")
        body = self.k.bodies.get(org.label)
        family = self.k.career_families.get(kind) or (self.k.career_families.get(body.iri) if body else None)
        levels = self._levels(words)  # start → length of each level word ("tỉnh", "thành phố")
        if not body and ((head and head[0] == len(words)) or levels.get(0) == len(words)):
            return ()  # a kind or a level alone ("Trung tâm", "thành phố"): a body of the article's, unnamed
        names_a_place = any(i and i + n < len(words) for i, n in levels.items())  # "phường Minh Khai"
        ends_in_level = any(i and i + n == len(words) for i, n in levels.items())  # "Ủy ban nhân dân tỉnh"
        if not places and not body and not names_a_place and (
                kind in self.k.place_bound or (head and head[1].takes_place) or ends_in_level):
            return ()  # "Sở Tài nguyên và Môi trường", "Ủy ban nhân dân tỉnh": one of many, none in particular
        if places and self._only_place(words, places, levels):  # "Chủ tịch TP Hà Nội": its leadership; a country
            if places[-1][2].kind in ("Country", "Territory"):
                return (f"body:{name_key(org.label)}",)
            return (f"province:{slug(provinces[-1].label)}",) if provinces and not foreign else ()
        out = [] if seat else [f"body:{name_key(org.label)}"]
        acronym = _acronym(org.label)
        if not seat and len(acronym) >= 5:
            out.append(f"acronym:{acronym}")
        unknown_kind = not head and not body and places and places[-1][0] + places[-1][1] == len(words)
        if (family == "ProvincialLeadership" or seat or unknown_kind) and not foreign and provinces:
            out.append(f"province:{slug(provinces[-1].label)}")
        elif family == "NationalLeadership" and not foreign and not places and not seat:
            out.append(NATIONAL)
        return tuple(sorted(out))

    def _levels(self, words: list[str]) -> dict[int, int]:
        return {i: m[0] for i in range(len(words)) if (m := self.k.admin_levels.match(words, i))}

    @staticmethod
    def _only_place(words: list[str], places: list, levels: dict[int, int]) -> bool:
        """The name is a place, maybe after its level word ("thành phố Hà Nội", "TP. Hà Nội", "Hà Nội")."""
        i, n, _ = places[-1]
        return i + n == len(words) and (i == 0 or levels.get(0) == i)


def _acronym(label: str) -> str:
    """A body's name by its initials, so that "Ủy ban Khoa học, Công nghệ và Môi trường", "Ủy ban KH-CN-MT" and
    "Ủy ban KHCN&MT" meet: a written abbreviation (a word in capitals) counts whole, other words by their first
    letter; "và" and separators do not count."""
    out = []
    for w in re.findall(r"[^\W_]+", unicodedata.normalize("NFC", label)):
        if w.casefold() == "và":
            continue
        out.append(w.casefold() if len(w) > 1 and w.isupper() else w[0].casefold())
    return fold("".join(out)).translate(_NO_D)


_NO_D = str.maketrans({"đ": "d"})


Linkable = Profile | BodyName | DocName | Attestation  # what the map gives the reduce


def mentions(facts: ArticleFacts, contexts: Contexts) -> list[Linkable]:
    """What one article gives the reduce: its persons' profiles, its unknown bodies' names, its documents, and
    what it says of who holds which post (``kg.link.tenures``)."""
    people = profiles(facts, contexts)
    groups = {p.name: p.group for p in people if p.credit is None}
    return [*people, *body_names(facts, contexts.registry), *document_names(facts, contexts.documents),
            *attestations(facts, contexts.k, contexts.registry, groups)]


def profiles(facts: ArticleFacts, contexts: Contexts) -> list[Profile]:
    """The persons one linked article names, with their contexts (officials) or outlets (credits), sorted."""
    found: dict[str, set[str]] = defaultdict(set)
    roles: dict[str, set[str]] = defaultdict(set)
    seats = contexts.k.assembly_seats
    for p in facts.posts:
        found[p.person.name].update(contexts.of(p.org, p.role_iri in seats) if p.org else ())
        roles[p.person.name].add(fold(p.role))
    for e in facts.events:
        for name, _part in e.participants:
            found.setdefault(name, set())
    for c in facts.changes:  # a postless change's person: known by the name alone
        if c.postless:
            found.setdefault(c.person, set())
    out = [Profile(facts.article_id, name, tuple(sorted(c)), roles=tuple(sorted(roles.get(name, ()))),
                   key=contexts.name_key(name)) for name, c in found.items()]
    credited: dict[str, str] = {}
    for c in facts.credits:
        credited.setdefault(c.person, c.agency or facts.source or "")
    out += [Profile(facts.article_id, name, (), outlet) for name, outlet in credited.items()]
    return sorted(out, key=lambda p: (p.credit is not None, p.name))


# -- the reduce side: one name group ---------------------------------------------------------------------------

class _Sets:
    """Union–find over profile indexes that refuses a union the curation forbids."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.apart: dict[int, set[int]] = defaultdict(set)

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb or rb in self.apart[ra]:
            return
        lo, hi = min(ra, rb), max(ra, rb)
        self.parent[hi] = lo
        for other in self.apart.pop(hi, set()):
            self.apart[other].discard(hi)
            self.apart[other].add(lo)
            self.apart[lo].add(other)

    def keep_apart(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.apart[ra].add(rb)
            self.apart[rb].add(ra)


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def link_group(group: list[Profile], curation: Curation | None = None) -> dict[tuple[str, str, bool], Identity]:
    """Decide one name group: (article, name) → Identity. ``group``: profiles of one ``Profile.group``."""
    profs = sorted(set(group), key=lambda p: (p.article, p.name, p.contexts))
    if not profs:
        return {}
    base = profs[0].key or name_key(profs[0].name)
    if profs[0].credit is not None:  # journalists: one per name and outlet
        out: dict[tuple[str, str, bool], Identity] = {}
        by_outlet: dict[str, list[Profile]] = defaultdict(list)
        for p in profs:
            by_outlet[fold(p.credit or "")].append(p)
        for outlet, members in by_outlet.items():
            key = f"{base}--by-{slug(outlet)}" if outlet else f"{base}--by"
            name = _best_name(members)
            for p in members:
                out[p.ref] = Identity(key, name, journalist=True)
        return out
    sets = _Sets(len(profs))
    index: dict[Side, list[int]] = defaultdict(list)
    for i, p in enumerate(profs):
        index[(p.article, p.name)].append(i)
    root = _role_roots(r for p in profs for r in p.roles)
    if curation:
        _anchors(profs, base, root, index)
        for a, b in curation.different:  # a mention with the evidence of both is left to its contexts
            ia, ib = set(index.get(a, ())), set(index.get(b, ()))
            for i in sorted(ia - ib):
                for j in sorted(ib - ia):
                    sets.keep_apart(i, j)
        for a, b in curation.same:
            for i in index.get(a, ()):
                for j in index.get(b, ()):
                    sets.union(i, j)
    for ids in index.values():  # one article, one name: one person (within-article linking said so)
        for j in ids[1:]:
            sets.union(ids[0], j)
    first: dict[str, int] = {}
    for i, p in enumerate(profs):
        for c in p.contexts:
            if c in first:
                sets.union(first[c], i)
            else:
                first[c] = i
    _join_contained_bodies(first, sets)
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(profs)):
        clusters[sets.find(i)].append(i)
    known = [m for m in clusters.values() if any(profs[i].contexts for i in m)]
    loose = sorted(i for m in clusters.values() if not any(profs[i].contexts for i in m) for i in m)
    out: dict[tuple[str, str, bool], Identity] = {}
    taken: set[str] = set()

    def mint(anchor: str, first_article: str) -> str:
        key = f"{base}--{_digest(anchor)}"
        if key in taken:  # two persons on the same evidence, kept apart by curation: the later by its first article
            key = f"{base}--{_digest(anchor + chr(31) + first_article)}"
        taken.add(key)
        return key

    for anchor, first_article, members in sorted((min(c for i in m for c in profs[i].contexts),
                                                  min(profs[i].article for i in m), m) for m in known):
        _assign(out, [profs[i] for i in members], mint(anchor, first_article))
    # Mentions without context: the person of their name who holds their role (the one, or by far the most
    # written of), else the one person of their name when they hold no role, else one person per role among
    # themselves; what is left between several persons stays in its article.
    holders: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # role → key → articles
    for i in (i for m in known for i in m):
        for role in profs[i].roles:
            holders[root[role]][out[profs[i].ref].key].add(profs[i].article)
    names = {ident.key: ident.name for ident in out.values()}
    rest = []
    for i in loose:
        p = profs[i]
        held: Counter[str] = Counter()
        for role in {root[r] for r in p.roles}:
            for k, arts in holders.get(role, {}).items():
                held[k] += len(arts)
        key = _dominant(held) if p.roles else (next(iter(names)) if len(known) == 1 else None)
        if key is not None and not sets.apart.get(sets.find(i)):  # a mention curated apart is decided below
            out[p.ref] = Identity(key, names[key])
        elif held:  # its role is held by several persons of its name, none by far the most: ambiguous
            out[p.ref] = Identity(f"{base}--in-{id_key(p.article)}", p.name, scope=p.article)
        else:
            rest.append(i)
    by_role = _Sets(len(profs))
    by_role.apart = sets.apart
    first_with: dict[str, int] = {}
    for i in rest:
        by_role.union(i, sets.find(i))  # what curation or the article already joined
        for role in {root[r] for r in profs[i].roles}:
            if role in first_with:
                by_role.union(first_with[role], i)
            else:
                first_with[role] = i
    groups: dict[int, list[int]] = defaultdict(list)
    for i in rest:
        groups[by_role.find(i)].append(i)
    roleless = [m for m in groups.values() if not any(profs[i].roles for i in m)]
    roled = [m for m in groups.values() if any(profs[i].roles for i in m)]
    if len(roled) == 1 and not known:  # a person known by name and one role: the roleless mentions are them too
        roled[0] = sorted(roled[0] + [i for m in roleless for i in m])
        roleless = []
    if not known and not roled and roleless:  # nobody says anything but the name: one person by name
        roled, roleless = [sorted(i for m in roleless for i in m)], []
    for members in sorted(roled):
        if not known and len(roled) == 1:
            _assign(out, [profs[i] for i in members], base)  # the group's one person: the name alone
        else:
            role = min((root[r] for i in members for r in profs[i].roles), default="")
            _assign(out, [profs[i] for i in members], mint("role:" + role, min(profs[i].article for i in members)))
    for members in roleless:  # ambiguous between the group's persons: scoped to each article
        for i in members:
            p = profs[i]
            out[p.ref] = Identity(f"{base}--in-{id_key(p.article)}", p.name, scope=p.article)
    return out


def _anchors(profs: list[Profile], base: str, root: dict[str, str], index: dict[Side, list[int]]) -> None:
    """Index each profile under the IRI keys its evidence can mint (``kg.link.curation``: a person's IRI stands
    for the mentions that carry the evidence it was minted from): each context, each role, its article's scope, and
    the bare name for a profile without context."""
    for i, p in enumerate(profs):
        keys = {f"{base}--{_digest(c)}" for c in p.contexts}
        keys |= {f"{base}--{_digest('role:' + root[r])}" for r in p.roles}
        keys.add(f"{base}--in-{id_key(p.article)}")
        if not p.contexts:
            keys.add(base)
        for key in sorted(keys):
            index[key].append(i)


def _join_contained_bodies(first: dict[str, int], sets: _Sets) -> None:
    """One body written fully and shortly ("Phòng Cảnh sát giao thông Công an tỉnh Hòa Bình", "Cảnh sát giao thông
    Công an tỉnh Hòa Bình"; "Phòng Đào tạo Trường Đại học X" and the same "… thành phố Hồ Chí Minh"): a body name
    held within another's, at word boundaries, is that body when it is held within one person's bodies only."""
    bodies = sorted((c[5:], i) for c, i in first.items() if c.startswith("body:"))
    for short, i in bodies:
        if short.count("-") < 2:  # "công-an", "sở-y-tế": too short to tell one body
            continue
        within = {sets.find(j) for long, j in bodies if long != short and f"-{short}-" in f"-{long}-"}
        if len(within) == 1:
            sets.union(i, within.pop())


def _role_roots(roles: Iterable[str]) -> dict[str, str]:
    """Each role → the shortest role of the set it begins with ("huấn luyện viên trưởng" → "huấn luyện viên"):
    one role written more or less fully."""
    ordered = sorted(set(roles), key=lambda r: (len(r.split()), r))
    roots: dict[str, str] = {}
    for r in ordered:
        roots[r] = next((q for q in ordered if q != r and roots.get(q) == q and r.startswith(q + " ")), r)
    return roots


DOMINANCE = 4  # a role's holder named in this many times more articles than its namesakes together is "the" one


def _dominant(articles_by_key: dict[str, int]) -> str | None:
    """The one person holding a role, or the one who holds it in ``DOMINANCE`` times more articles (and at least
    that many) than everyone else of the name: "Phó Chủ tịch Lê Văn A" in a group where one Lê Văn A is a city's
    vice-chairman in twenty articles and a namesake is one in one article."""
    if not articles_by_key:
        return None
    ranked = sorted(articles_by_key.items(), key=lambda kv: (-kv[1], kv[0]))
    if len(ranked) == 1:
        return ranked[0][0]
    top, rest = ranked[0][1], sum(n for _, n in ranked[1:])
    return ranked[0][0] if top >= DOMINANCE and top >= DOMINANCE * rest else None


def _best_name(members: Iterable[Profile]) -> str:
    """The form written most often (by articles), ties to the first in code-point order: one schema:name."""
    counts = Counter(p.name for p in {(p.article, p.name): p for p in members}.values())
    return min(counts, key=lambda n: (-counts[n], n))


def _assign(out: dict[tuple[str, str, bool], Identity], members: list[Profile], key: str) -> None:
    name = _best_name(members)
    for p in members:
        out[p.ref] = Identity(key, name)


# (article, person name | body key | document ref | tenure key, whether a credit | BODY | DOC | TENURE) → what
# the reduce decided
Decisions = dict[tuple[str, str, bool | str], Identity | Label | DocDecision | Tenure]


def link(all_profiles: Iterable[Linkable], curation: Curation | None = None) -> Decisions:
    """Every mention's decision, a reduce over groups in group order (linear in the corpus): ``link_group`` for
    a name's persons, ``kg.link.labels.label_group`` for a body's one label, ``kg.link.documents.decide`` for a
    document's node; then, with the persons decided, ``kg.link.tenures.decide`` over the posts they hold."""
    groups: dict[str, list] = defaultdict(list)
    held: list[Attestation] = []
    for p in all_profiles:
        if isinstance(p, Attestation):
            held.append(p)
        else:
            groups[p.group].append(p)
    out: Decisions = {}
    for key in sorted(groups):
        group = groups[key]
        if isinstance(group[0], BodyName):
            out.update(label_group(group))
        elif isinstance(group[0], DocName):
            out.update(decide(group))
        else:
            out.update(link_group(group, curation))
    if held:
        person_of = {(a, n): d.key for (a, n, credit), d in out.items() if credit is False and isinstance(d, Identity)}
        out.update(decide_tenures(held, person_of))
    return out


Identities = dict[tuple[str, bool | str], Identity | Label | DocDecision | Tenure]  # one article's: (name,
# whether a credit) → Identity, (body key, BODY) → Label, (document ref, DOC) → DocDecision, (tenure key,
# TENURE) → Tenure


def by_article(decided: Decisions) -> dict[str, Identities]:
    """The decisions grouped by article: what the publish stage of each article needs."""
    arts: dict[str, Identities] = defaultdict(dict)
    for (article, name, credit), ident in decided.items():
        arts[article][(name, credit)] = ident
    return dict(arts)


def decided_facts(facts: ArticleFacts, contexts: Contexts) -> ArticleFacts:
    """An article with the reduce's decisions for its bodies and documents applied (``facts.identities`` set):
    one type per document node, one label per body."""
    return relabel(retype(facts, contexts.documents), contexts.registry)


def link_facts(all_facts: list[ArticleFacts], knowledge: Knowledge,
               curation: Curation | None = None) -> list[ArticleFacts]:
    """Link articles held in memory (each already linked within itself): their ``identities`` set in place."""
    contexts = Contexts(knowledge)
    decided = by_article(link((p for f in all_facts for p in mentions(f, contexts)), curation))
    out = []
    for f in all_facts:
        f.identities = decided.get(f.article_id, {})
        out.append(decided_facts(f, contexts))
    return out
