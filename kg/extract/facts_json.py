"""The serializable fact boundary: one article's extracted facts as one line of JSON (``NAME.facts.jsonl[.gz]``).

``kg extract`` writes these lines (the extract stage's output, before the link step); ``kg build`` reads them
back and runs only link and publish, so a graph built from facts is byte-identical to one built from the
articles. The shape is ``ontology/facts.schema.json`` (README, "Facts files"); ``SCHEMA_VERSION`` changes
whenever it does. Persons and organizations are mentions with article-local ids ("p1", "o1"); posts, document
issuers, event participants and credits refer to them by id, never by a bare string.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.corpus import InputProblem
from kg.extract.facts import (
    ArticleFacts,
    Change,
    Credit,
    Document,
    Event,
    Evidence,
    Organization,
    Person,
    Post,
    mentions_of,
)

SCHEMA_VERSION = 1
SUFFIXES = (".facts.jsonl", ".facts.jsonl.gz")
# JSON leaves these raw, yet line-based tools (and Python's splitlines) break lines at them
_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


class FactsError(ValueError):
    """A facts line kg cannot read: an unknown ``schema_version`` or a shape that is not the schema's."""


def is_facts_path(path: str | Path) -> bool:
    """Whether ``path`` names a facts file (by its suffix), not articles."""
    return str(path).lower().endswith(SUFFIXES)


def _org_json(oid: str, o: Organization) -> dict[str, Any]:
    """An organization mention; ``parent`` and ``merged_into`` (canonical labels) only when the registry says."""
    out: dict[str, Any] = {"id": oid, "label": o.label, "forms": list(o.forms), "kind": o.kind, "scope": o.scope}
    if o.parent:
        out["parent"] = o.parent
    if o.merged_into:
        out["merged_into"] = o.merged_into
    return out


def _evidence(e: Evidence, article: str) -> dict[str, Any]:
    out: dict[str, Any] = {"start": e.start, "end": e.end, "rule": e.rule, "confidence": e.confidence,
                           "sentence_start": e.sentence_start, "sentence_end": e.sentence_end}
    if e.article != article:
        out["article"] = e.article
    return out


def _opt_evidence(e: Evidence | None, article: str) -> dict[str, Any] | None:
    return None if e is None else _evidence(e, article)


def to_json(facts: ArticleFacts, digest: str) -> dict[str, Any]:
    """The facts of one article (as extracted, before the link step) as a JSON-ready dict of the schema."""
    aid = facts.article_id
    m = mentions_of(facts)
    pid, oid = m.person_id, m.org_id
    return {
        "schema_version": SCHEMA_VERSION,
        "article": {"id": aid, "digest": digest, "title": facts.title, "date": facts.date, "url": facts.url,
                    "source": facts.source, "text": facts.text},
        "persons": [{"id": p.id, "name": p.name, "forms": list(p.forms)} for p in m.persons],
        "organizations": [_org_json(o.id, o.org) for o in m.orgs],
        "posts": [{"person": pid(p.person.name), **({} if p.person.forms == (p.person.name,) else
                                                    {"forms": list(p.person.forms)}),
                   "role": p.role, "role_iri": p.role_iri, "org": oid(p.org) if p.org else None, "title": p.title,
                   "former": p.former, "org_source": p.org_source, "evidence": _evidence(p.evidence, aid)}
                  for p in facts.posts],
        "documents": [{"number": d.number, "type_label": d.type_label, "type_iri": d.type_iri,
                       "evidence": _evidence(d.evidence, aid), "date": d.date,
                       "date_evidence": _opt_evidence(d.date_evidence, aid),
                       "issuer": oid(d.issuer) if d.issuer else None,
                       "issuer_evidence": _opt_evidence(d.issuer_evidence, aid),
                       "symbol_issuer_kind": d.symbol_issuer_kind, "subject": d.subject} for d in facts.documents],
        "credits": [{"person": pid(c.person), "agency": c.agency, "kind": c.kind,
                     "evidence": _evidence(c.evidence, aid)} for c in facts.credits],
        "events": [{"label": e.label, "evidence": _evidence(e.evidence, aid), "ordinal": e.ordinal, "term": e.term,
                    "date": e.date, "place": e.place,
                    "participants": [{"person": pid(name), "part": part} for name, part in e.participants]}
                   for e in facts.events],
        "changes": [{"person": pid(c.person), "kind": c.kind, "evidence": _evidence(c.evidence, aid),
                     "to_post": _index(facts.posts, c.to_post), "from_post": _index(facts.posts, c.from_post),
                     "date": c.date, "decider": oid(c.decider) if c.decider else None, "decision": c.decision,
                     "term": c.term} for c in facts.changes],
    }


def _index(posts: list[Post], post: Post | None) -> int | None:
    return next((n for n, p in enumerate(posts) if p == post), None) if post is not None else None


def dumps(facts: ArticleFacts, digest: str) -> str:
    """One facts line (with its newline): compact, Vietnamese letters as they are, deterministic."""
    text = json.dumps(to_json(facts, digest), ensure_ascii=False, separators=(",", ":"))
    return text.translate(_BREAKS) + "\n"


# -- reading back: every value checked, so a damaged line is one clear problem, never a wrong graph ----------

def _get(d: Any, key: str, kind: type | tuple[type, ...], where: str, optional: bool = False) -> Any:
    if not isinstance(d, dict):
        raise FactsError(f"{where} is not an object")
    if key not in d:
        if optional:
            return None
        raise FactsError(f"{where} has no {key!r}")
    value = d[key]
    if value is None and optional:
        return None
    if not isinstance(value, kind) or (isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple)
                                                                                 else (kind,))):
        raise FactsError(f"{where}.{key} is {type(value).__name__}, not {getattr(kind, '__name__', kind)}")
    return value


def _list(d: Any, key: str, where: str) -> list:
    return _get(d, key, list, where)


def _strs(d: Any, key: str, where: str) -> tuple[str, ...]:
    values = _list(d, key, where)
    if not all(isinstance(v, str) for v in values):
        raise FactsError(f"{where}.{key} must be a list of strings")
    return tuple(values)


def _ev(d: Any, where: str, article: str, optional: bool = False) -> Evidence | None:
    if optional and (d is None):
        return None
    return Evidence(_get(d, "article", str, where, optional=True) or article, _get(d, "start", int, where),
                    _get(d, "end", int, where), _get(d, "rule", str, where),
                    _get(d, "confidence", (int, float), where), _get(d, "sentence_start", int, where),
                    _get(d, "sentence_end", int, where))


def _ref(table: dict[str, Any], d: Any, key: str, where: str, optional: bool = False) -> Any:
    ref = _get(d, key, str, where, optional)
    if ref is None:
        return None
    if ref not in table:
        raise FactsError(f"{where}.{key} refers to {ref!r}, which is not a mention of the article")
    return table[ref]


def record_digest(data: Any) -> str:
    """The article digest a facts line states."""
    return _get(_get(data, "article", dict, "line"), "digest", str, "article")


def from_json(data: Any) -> ArticleFacts:
    """The ``ArticleFacts`` of a facts line (``to_json``'s inverse); ``FactsError`` says what is wrong with it."""
    version = _get(data, "schema_version", int, "line")
    if version != SCHEMA_VERSION:
        raise FactsError(f"schema_version {version} is not one this kg reads ({SCHEMA_VERSION}); "
                         "re-run kg extract with this version")
    a = _get(data, "article", dict, "line")
    aid = _get(a, "id", str, "article")
    facts = ArticleFacts(aid, *(_get(a, k, str, "article", optional=True) for k in ("title", "date", "url", "source")),
                         _get(a, "text", str, "article"))
    persons: dict[str, str] = {}
    for n, p in enumerate(_list(data, "persons", "line")):
        where = f"persons[{n}]"
        persons[_get(p, "id", str, where)] = _get(p, "name", str, where)
        _strs(p, "forms", where)
    orgs: dict[str, Organization] = {}
    for n, o in enumerate(_list(data, "organizations", "line")):
        where = f"organizations[{n}]"
        orgs[_get(o, "id", str, where)] = Organization(_get(o, "label", str, where), _strs(o, "forms", where),
                                                       _get(o, "kind", str, where, True),
                                                       _get(o, "scope", str, where, True),
                                                       _get(o, "parent", str, where, True),
                                                       _get(o, "merged_into", str, where, True))
    for n, p in enumerate(_list(data, "posts", "line")):
        where = f"posts[{n}]"
        name = _ref(persons, p, "person", where)
        forms = _strs(p, "forms", where) if isinstance(p, dict) and "forms" in p else (name,)
        facts.posts.append(Post(Person(name, forms), _get(p, "role", str, where), _ref(orgs, p, "org", where, True),
                                _get(p, "title", str, where), _ev(_get(p, "evidence", dict, where), where, aid),
                                _get(p, "role_iri", str, where, True), _get(p, "former", bool, where),
                                _get(p, "org_source", str, where)))
    for n, d in enumerate(_list(data, "documents", "line")):
        where = f"documents[{n}]"
        facts.documents.append(Document(
            _get(d, "number", str, where), _get(d, "type_label", str, where, True),
            _get(d, "type_iri", str, where, True), _ev(_get(d, "evidence", dict, where), where, aid),
            _get(d, "date", str, where, True), _ev(_get(d, "date_evidence", dict, where, True), where, aid, True),
            _ref(orgs, d, "issuer", where, True),
            _ev(_get(d, "issuer_evidence", dict, where, True), where, aid, True),
            _get(d, "symbol_issuer_kind", str, where, True), _get(d, "subject", str, where, True)))
    for n, c in enumerate(_list(data, "credits", "line")):
        where = f"credits[{n}]"
        kind = _get(c, "kind", str, where)
        if kind not in ("photo", "text"):
            raise FactsError(f"{where}.kind is {kind!r}, not 'photo' or 'text'")
        facts.credits.append(Credit(_ref(persons, c, "person", where), _get(c, "agency", str, where, True), kind,
                                    _ev(_get(c, "evidence", dict, where), where, aid)))
    for n, e in enumerate(_list(data, "events", "line")):
        where = f"events[{n}]"
        parts = []
        for k, part in enumerate(_list(e, "participants", where)):
            role = _get(part, "part", str, f"{where}.participants[{k}]")
            if role not in ("speaker", "chair"):
                raise FactsError(f"{where}.participants[{k}].part is {role!r}, not 'speaker' or 'chair'")
            parts.append((_ref(persons, part, "person", f"{where}.participants[{k}]"), role))
        facts.events.append(Event(_get(e, "label", str, where), _ev(_get(e, "evidence", dict, where), where, aid),
                                  _get(e, "ordinal", str, where, True), _get(e, "term", str, where, True),
                                  _get(e, "date", str, where, True), _get(e, "place", str, where, True),
                                  tuple(parts)))
    for n, c in enumerate(_list(data, "changes", "line") if isinstance(data, dict) and "changes" in data else []):
        where = f"changes[{n}]"
        posts = [_post_at(facts.posts, c, k, where) for k in ("to_post", "from_post")]
        facts.changes.append(Change(_ref(persons, c, "person", where), _get(c, "kind", str, where),
                                    _ev(_get(c, "evidence", dict, where), where, aid), posts[0], posts[1],
                                    _get(c, "date", str, where, True), _ref(orgs, c, "decider", where, True),
                                    _get(c, "decision", str, where, True), _get(c, "term", str, where, True)))
    for ev in _spans(facts):
        if not 0 <= ev.start <= ev.end <= len(facts.text) or not 0 <= ev.sentence_start <= ev.sentence_end \
                <= len(facts.text):
            raise FactsError(f"an evidence span ({ev.start}-{ev.end}) lies outside the article's text")
    return facts


def _post_at(posts: list[Post], c: Any, key: str, where: str) -> Post | None:
    n = _get(c, key, int, where, True)
    if n is None:
        return None
    if isinstance(n, bool) or not 0 <= n < len(posts):
        raise FactsError(f"{where}.{key} is {n!r}, not an index of this line's posts")
    return posts[n]


def _spans(facts: ArticleFacts) -> Iterator[Evidence]:
    yield from (p.evidence for p in facts.posts)
    for d in facts.documents:
        yield from (e for e in (d.evidence, d.date_evidence, d.issuer_evidence) if e is not None)
    yield from (c.evidence for c in facts.credits)
    yield from (e.evidence for e in facts.events)
    yield from (c.evidence for c in facts.changes)


@dataclass(frozen=True)
class FactsLine:
    """One article's facts read from a facts file, with where they came from (for problems and ordering)."""

    facts: ArticleFacts
    digest: str
    origin: str
    line: int

    @property
    def id(self) -> str:
        return self.facts.article_id

    @property
    def text(self) -> str:
        return self.facts.text


def read_facts_file(origin: str) -> Iterator[tuple[list[InputProblem], FactsLine | None]]:
    """(problems, facts line) of each line of a facts file, as ``kg.corpus`` reads articles: a line kg cannot
    read is a problem naming the file and line, and the rest is still read."""
    from kg.run.build import digest_of_facts

    try:
        for n, raw in read_lines(Path(origin)):
            try:
                facts, dig = parse_line(raw)
            except FactsError as exc:
                yield [InputProblem(origin, n, f"not a facts line kg can read: {exc}")], None
                continue
            if digest_of_facts(facts) != dig:
                yield [InputProblem(origin, n, f"the digest {dig} does not match the article's text and metadata "
                                               "(the line was edited?); re-run kg extract", facts.article_id)], None
                continue
            yield [], FactsLine(facts, dig, origin, n)
    except (OSError, EOFError, zlib.error) as exc:
        yield [InputProblem(origin, None, f"cannot read facts file: {exc}")], None


def read_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """(line number, raw line) of the non-blank lines of a facts file, ``.gz`` too."""
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rb") as fh:
        for n, raw in enumerate(fh, start=1):
            if raw.strip():
                yield n, raw


def parse_line(raw: bytes) -> tuple[ArticleFacts, str]:
    """The facts and digest of one raw line; ``FactsError`` if it is not a facts line of this schema."""
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FactsError(f"not a line of JSON ({exc})") from None
    facts = from_json(data)
    return facts, record_digest(data)


__all__ = ["SCHEMA_VERSION", "FactsError", "FactsLine", "dumps", "from_json", "is_facts_path",
           "parse_line", "read_lines", "record_digest", "to_json"]
