"""One label per body across articles, for the bodies the registry does not know.

Each article labels a body the registry does not know by itself (``kg.knowledge.registry.display``, which keeps
an acronym as the article wrote it and a "và" where the article wrote one), so "Công ty BKAV" and "Công ty Bkav"
would be one node (the IRI folds case) with two ``rdfs:label``s, and "Bộ Thông tin và Truyền thông Venezuela" and
"Bộ Thông tin - Truyền thông Venezuela" two nodes. Every article that names such a body gives a ``BodyName``: the
body's comparison key (``BodyRegistry.key``: abbreviations expanded, case, separators and "và" left out), its
label, and the forms it wrote in full (that key). The reduce over a key gives every article one label, and so one
node (the IRI is the label's key): the full form most articles write ("Trường Trung học phổ thông Chu Văn An"
rather than the re-cased "Trường Trung Học Phổ Thông Chu Văn An"), else the label most articles gave; ties to the
first in code-point order. A registry body has its canonical label already, and a nameless one is its article's
own: neither takes part.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from kg.extract.facts import ArticleFacts, Organization, Post
from kg.knowledge.registry import BodyRegistry

BODY = "body"  # the second part of a body's key among an article's identities (a person's is a bool)


@dataclass(frozen=True)
class BodyName:
    """A body the registry does not know, as one article labels it."""

    article: str
    key: str  # its comparison key (``BodyRegistry.key``)
    label: str  # the label the article gave it
    written: tuple[str, ...] = ()  # the forms the article wrote in full (the same key), first letter capital

    @property
    def group(self) -> str:
        return f"{BODY}:{self.key}"

    @property
    def ref(self) -> tuple[str, str, str]:
        return self.article, self.key, BODY


@dataclass(frozen=True)
class Label:
    """What the reduce decided for a body: its one label."""

    key: str
    label: str


def body_names(facts: ArticleFacts, registry: BodyRegistry) -> list[BodyName]:
    """The bodies of an article's posts and documents that the registry does not know, one per key, sorted."""
    found: dict[str, tuple[str, set[str]]] = {}
    for org in _orgs(facts):
        if org.scope or registry.resolve(org.label).known:
            continue
        key = registry.key(org.label)
        label, written = found.setdefault(key, (org.label, set()))
        for f in (f.strip(" -–—&,;:/") for f in org.forms):  # "Heineken châu Á &": a list went on
            if registry.key(f) == key and not _shouted(f) and not any(registry.k.expand(w) for w in f.split()):
                written.add(f[:1].upper() + f[1:])  # in full (no "THPT", "TP."), as a label starts
    return [BodyName(facts.article_id, key, label, tuple(sorted(written)))
            for key, (label, written) in sorted(found.items())]


def label_group(group: list[BodyName]) -> dict[tuple[str, str, str], Label]:
    """Every article's decision for one body: the full form most written, else the label most given."""
    written = Counter(f for b in group for f in set(b.written))
    counts = written or Counter(b.label for b in group)
    label = min(counts, key=lambda f: (-counts[f], f))
    return {b.ref: Label(b.key, label) for b in group}


def relabel(facts: ArticleFacts, registry: BodyRegistry) -> ArticleFacts:
    """The article's posts and documents with the label decided for each of their bodies (``facts.identities``)."""
    labels = {key: d.label for (key, kind), d in facts.identities.items() if kind == BODY}
    if not labels:
        return facts

    def org(o: Organization) -> Organization:
        label = labels.get(registry.key(o.label)) if not o.scope else None
        if label is None or label == o.label:
            return o
        return replace(o, label=label, forms=tuple(f for f in o.forms if f != label))

    def post(p: Post) -> Post:
        new = org(p.org) if p.org else None
        return p if new is p.org else replace(p, org=new, title=f"{p.role} {new.label}")  # type: ignore[union-attr]

    posts = [post(p) for p in facts.posts]
    docs = [replace(d, issuer=org(d.issuer)) if d.issuer else d for d in facts.documents]
    changes = [replace(c, to_post=post(c.to_post) if c.to_post else None,
                       from_post=post(c.from_post) if c.from_post else None,
                       decider=org(c.decider) if c.decider else None) for c in facts.changes]
    return replace(facts, posts=posts, documents=docs, changes=changes)


def _orgs(facts: ArticleFacts) -> Iterable[Organization]:
    for p in facts.posts:
        if p.org is not None:
            yield p.org
    for d in facts.documents:
        if d.issuer is not None:
            yield d.issuer
    for c in facts.changes:
        if c.decider is not None:
            yield c.decider


def _shouted(form: str) -> bool:
    """A form in capitals throughout (a headline's "CÔNG TY CỔ PHẦN …"): not how the body is written."""
    words = [w for w in form.split() if any(c.isalpha() for c in w)]
    return len(words) > 1 and all(w.isupper() for w in words)


__all__ = ["BODY", "BodyName", "Label", "body_names", "label_group", "relabel"]
