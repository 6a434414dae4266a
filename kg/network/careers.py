"""People over time: the tenures a graph holds (``org:Membership``, written by ``kg.link.tenures``), read into
dataclasses, as one person's career (``kg timeline``) and as the succession of a post or a body (``kg holders``).

A tenure's dates are ISO strings: ``start``/``end`` where a personnel change dates them, ``first_seen`` and
``last_seen`` (the dates of the articles that state the post as held), ``ended_before`` (a later article calls
the post former). ``Tenure.held_on`` says whether a tenure counts on a day (the rule is in the README, "People
over time"). Names match as ``kg.network.lookup`` matches them: case, spacing, tone placement and abbreviations
(UBND, HĐND …) do not matter, and a name without diacritics matches when nothing else does.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.lang.vi.orthography import slug

# One row per tenure; the written forms of its persons and bodies come from NAMES_QUERY (a join would multiply
# the rows by each person's names times each body's forms).
TENURES_QUERY = """
SELECT ?tenure ?person ?name ?post ?role ?orgNode ?organization ?start ?end ?endedBefore ?ended ?first ?last
       ?evidence
WHERE {
  ?tenure a org:Membership ; org:member ?person ; kg:post ?postNode .
  ?person schema:name ?name .
  OPTIONAL { ?postNode rdfs:label ?post }
  OPTIONAL { ?tenure org:role/rdfs:label ?role }
  OPTIONAL { ?tenure org:organization ?orgNode . OPTIONAL { ?orgNode rdfs:label ?organization } }
  OPTIONAL { ?tenure org:memberDuring ?during .
             OPTIONAL { ?during time:hasBeginning/time:inXSDDate ?start }
             OPTIONAL { ?during time:hasEnd/time:inXSDDate ?end }
             OPTIONAL { ?during kg:endedBefore ?endedBefore }
             OPTIONAL { ?during kg:ended ?ended } }
  OPTIONAL { ?tenure kg:firstAttested ?first }
  OPTIONAL { ?tenure kg:lastAttested ?last }
  OPTIONAL { ?tenure kg:attestations ?evidence }
}
"""
NAMES_QUERY = """
SELECT DISTINCT ?node ?written
WHERE {
  { ?tenure a org:Membership ; org:member ?node . ?node schema:name|schema:alternateName ?written }
  UNION
  { ?tenure a org:Membership ; org:organization ?node . ?node rdfs:label|skos:altLabel ?written }
}
"""
_LATEST = "9999-12-31"


class NotFound(LookupError):
    """A name that matches no person with a tenure, or no post or body (the message suggests close names)."""


@dataclass(frozen=True)
class Tenure:
    """One person's holding of one post, as the graph states it (dates ISO ``YYYY-MM-DD`` or None)."""

    iri: str
    person: str
    name: str
    post: str
    role: str | None = None
    organization: str | None = None
    start: str | None = None
    end: str | None = None
    ended_before: str | None = None
    ended: bool = False
    first_seen: str | None = None
    last_seen: str | None = None
    evidence: int = 0
    organization_iri: str | None = None

    @property
    def since(self) -> str | None:
        """The earliest day the tenure is known held: its start, else its first attestation."""
        return self.start or self.first_seen

    def order(self) -> tuple[str, str, str]:
        """Time order: by ``since`` (else the end, else last), then post and IRI."""
        return (self.since or self.end or self.ended_before or _LATEST, self.post, self.iri)

    def held_on(self, day: str) -> bool:
        """Whether the tenure counts on ``day`` (ISO): it began (start, else first attested) on or before it and
        had not ended: end on or after it; a former post before ``ended_before``; an undated end only up to the
        last attestation. A tenure nothing dates the beginning of counts on no day."""
        begin = self.since
        if begin is None or begin > day:
            return False
        if self.end is not None:
            return day <= self.end
        if self.ended_before is not None:
            return day < self.ended_before
        if self.ended:
            return day <= (self.last_seen or begin)
        return True

    def as_dict(self) -> dict[str, object]:
        """The JSON of a tenure (README, "People over time")."""
        return {"person": self.person, "name": self.name, "post": self.post, "role": self.role,
                "organization": self.organization, "start": self.start, "end": self.end,
                "ended": self.ended, "ended_before": self.ended_before, "first_seen": self.first_seen,
                "last_seen": self.last_seen, "evidence": self.evidence, "tenure": self.iri}


@dataclass(frozen=True)
class Career:
    """One person's tenures in time order."""

    person: str
    name: str
    tenures: tuple[Tenure, ...]

    def as_dict(self) -> dict[str, object]:
        posts = [{k: v for k, v in t.as_dict().items() if k not in ("person", "name")} for t in self.tenures]
        return {"person": self.person, "name": self.name, "posts": posts}


@dataclass
class Tenures:
    """The tenures of a graph or store, with every written form of their persons and bodies."""

    tenures: list[Tenure]
    person_names: dict[str, set[str]] = field(default_factory=dict)  # person IRI → schema:name and alternateName
    body_names: dict[str, set[str]] = field(default_factory=dict)  # organization IRI → labels and written forms


# ---------------------------------------------------------------------------------------------- reading


def read(graphs: Sequence[str | Path] = (), store_dir: str | Path | None = None) -> Tenures:
    """The tenures of graph files (their union) or of a store (``kg load``); raises OSError or ValueError for an
    input that cannot be read (the message names it)."""
    from kg.publish import query as kq
    from kg.publish import store

    if store_dir is None and not graphs:
        raise ValueError("give GRAPH files, or --store DIR")
    if store_dir is not None and graphs:
        raise ValueError("give either GRAPH files or --store DIR, not both")
    source = (store.open_store(store_dir, read_only=True) if store_dir is not None
              else kq.open_graphs([str(g) for g in graphs]))

    def rows(text: str) -> list[dict[str, str]]:
        header, found = store.table(store.execute(source, text, union=store_dir is None))
        return [dict(zip(header, r, strict=True)) for r in found]

    return from_rows(rows(TENURES_QUERY), rows(NAMES_QUERY))


def from_rows(rows: Iterable[dict[str, str]], names: Iterable[dict[str, str]] = ()) -> Tenures:
    """Tenures from rows of ``TENURES_QUERY`` and ``NAMES_QUERY`` (plain strings, "" when unbound)."""
    found: dict[str, Tenure] = {}
    written: dict[str, set[str]] = defaultdict(set)
    for r in names:
        written[r["node"]].add(r["written"])
    persons: dict[str, set[str]] = defaultdict(set)
    bodies: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        def get(key: str, r: dict[str, str] = r) -> str | None:
            return r.get(key) or None

        persons[r["person"]].update({r["name"], *written.get(r["person"], ())})
        if get("orgNode"):
            bodies[r["orgNode"]].update({n for n in (get("organization"),) if n} | written.get(r["orgNode"], set()))
        if r["tenure"] in found:
            continue
        found[r["tenure"]] = Tenure(
            iri=r["tenure"], person=r["person"], name=r["name"], post=get("post") or r["tenure"], role=get("role"),
            organization=get("organization"), start=get("start"), end=get("end"), ended_before=get("endedBefore"),
            ended=get("ended") == "true" or bool(get("end") or get("endedBefore")), first_seen=get("first"),
            last_seen=get("last"), evidence=int(get("evidence") or 0), organization_iri=get("orgNode"))
    return Tenures(sorted(found.values(), key=Tenure.order), dict(persons), dict(bodies))


# ---------------------------------------------------------------------------------------------- matching


def _keyer():  # noqa: ANN202 - a bound method of a NameIndex without nodes
    import networkx as nx

    from kg.network.lookup import NameIndex

    return NameIndex(nx.Graph()).key


def _match(name: str, forms: dict[str, set[str]], key) -> list[str]:  # noqa: ANN001
    """The ids whose forms equal ``name`` by key, else by key without diacritics."""
    k = key(name)
    for fold in (lambda s: s, slug):
        hits = sorted(i for i, written in forms.items() if any(fold(key(w)) == fold(k) for w in written))
        if hits:
            return hits
    return []


def _suggest(name: str, written: Iterable[str], key) -> str:  # noqa: ANN001
    by_key = {key(w): w for w in sorted(set(written))}
    close = difflib.get_close_matches(key(name), list(by_key), n=3, cutoff=0.75)
    return f"; did you mean: {', '.join(by_key[c] for c in close)}?" if close else ""


def careers(data: Tenures, name: str) -> list[Career]:
    """The careers of every person with a tenure whose name (or other written form) is ``name``, or whose IRI
    (or the end of it, ``person/hoàng-minh-tuấn--3b5a2cb6``) it is; one per person, earliest first."""
    by_person: dict[str, list[Tenure]] = defaultdict(list)
    for t in data.tenures:
        by_person[t.person].append(t)
    written = name.strip()
    tail = "/" + written.strip("/")
    by_iri = "/" in written or ("-" in written and " " not in written)  # person/hoàng-minh-tuấn--3b5a2cb6
    persons = [p for p in by_person if p == written or (by_iri and p.endswith(tail))]
    key = _keyer()
    if not persons:
        persons = _match(name, {p: data.person_names.get(p, set()) for p in by_person}, key)
    if not persons:
        raise NotFound(f"no person named {name!r} holds a post in the graph"
                       + _suggest(name, (n for ns in data.person_names.values() for n in ns), key))
    out = [Career(p, by_person[p][0].name, tuple(sorted(by_person[p], key=Tenure.order))) for p in persons]
    return sorted(out, key=lambda c: (c.tenures[0].order(), c.person))


def holders(data: Tenures, post_or_body: str, on: str | None = None) -> list[Tenure]:
    """The tenures of the posts labelled ``post_or_body``, else of every post of the bodies of that name, else of
    the posts whose label contains it; on ``on`` (ISO date) only those held that day (``Tenure.held_on``).
    Ordered by post, then in time."""
    key = _keyer()
    posts: dict[str, set[str]] = defaultdict(set)
    for t in data.tenures:
        posts[t.post].add(t.post)
    chosen = set(_match(post_or_body, posts, key))
    bodies = set() if chosen else set(_match(post_or_body, data.body_names, key))
    if not chosen and not bodies:  # else a part of the label: "Quảng Bình", every post that names it
        k = key(post_or_body)
        chosen = {p for p in posts if k and k in key(p)}
    found = [t for t in data.tenures if t.post in chosen or t.organization_iri in bodies]
    if not found:
        written = [*posts, *(n for ns in data.body_names.values() for n in ns)]
        raise NotFound(f"no post or body named {post_or_body!r} in the graph" + _suggest(post_or_body, written, key))
    if on is not None:
        found = [t for t in found if t.held_on(on)]
    return sorted(found, key=lambda t: (t.post, t.order()))


def check_date(text: str) -> str:
    """``text`` if it is an ISO date (YYYY-MM-DD) that exists; else ValueError."""
    try:
        if len(text) == 10:
            return _dt.date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    raise ValueError(f"--on {text!r}: give a date as YYYY-MM-DD")


# --------------------------------------------------------------------------------------------- rendering


def _end(t: Tenure) -> str:
    """The end as a table shows it: a date, "before DATE" (a later article calls it former), "ended" (undated)."""
    if t.end:
        return t.end
    if t.ended_before:
        return f"before {t.ended_before}"
    return "ended" if t.ended else ""


CSV_FIELDS = ("person", "name", "post", "role", "organization", "start", "end", "ended", "ended_before",
              "first_seen", "last_seen", "evidence", "tenure")


def _csv(tenures: Iterable[Tenure]) -> str:
    from kg.publish.query import format_rows

    rows = [["" if (v := t.as_dict()[f]) is None else str(v).lower() if isinstance(v, bool) else str(v)
             for f in CSV_FIELDS] for t in tenures]
    return format_rows(list(CSV_FIELDS), rows, "csv")


def render_timeline(found: Sequence[Career], fmt: str = "table", width: int = 0) -> str:
    """Careers as text (one block per person), JSON (README, "People over time") or CSV (one row per tenure)."""
    from kg.publish.query import format_rows

    if fmt == "json":
        return json.dumps([c.as_dict() for c in found], ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        return _csv(t for c in found for t in c.tenures)
    header = ["post", "organization", "start", "end", "first seen", "last seen", "evidence"]
    blocks = []
    for c in found:
        rows = [[t.post, t.organization or "", t.start or "", _end(t), t.first_seen or "", t.last_seen or "",
                 str(t.evidence)] for t in c.tenures]
        blocks.append(f"{c.name} <{c.person}>\n" + format_rows(header, rows, width=width))
    return "\n".join(blocks)


def render_holders(found: Sequence[Tenure], fmt: str = "table", width: int = 0) -> str:
    """Holders as a table, JSON (README, "People over time") or CSV."""
    from kg.publish.query import format_rows

    if fmt == "json":
        return json.dumps([t.as_dict() for t in found], ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        return _csv(found)
    header = ["post", "name", "start", "end", "first seen", "last seen", "evidence", "person"]
    rows = [[t.post, t.name, t.start or "", _end(t), t.first_seen or "", t.last_seen or "", str(t.evidence),
             t.person] for t in found]
    return format_rows(header, rows, width=width)


__all__ = ["CSV_FIELDS", "NAMES_QUERY", "TENURES_QUERY", "Career", "NotFound", "Tenure", "Tenures", "careers",
           "check_date", "from_rows", "holders", "read", "render_holders", "render_timeline"]
