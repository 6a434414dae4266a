"""Figures of body identity in a kg graph (issue 10): are bodies canonical, nameless bodies article-scoped, posts one
per (role, body), foreign officials kept off Việt Nam's bodies?

    python benchmarks/bodies_check.py GRAPH.nt [--sample 20]

Prints: nameless organization nodes (a label that is only a kind, per kg.knowledge.registry) shared by two or more
articles; organization and post nodes with more than one rdfs:label; (role, body) pairs held through more than one
post node, bodies compared by their canonical key (kg.knowledge.registry); persons whose name is not Vietnamese
(``kg.extract.bodies.BodyResolver.foreign_name``) holding a post in a Vietnamese national body of the registry
that is not scoped to an article (with a sample to read). Reads N-Triples line by line, so it runs on the 35k
graph. A script that prints figures, not a test.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ntriples import literal, triples  # noqa: E402

from kg.extract.bodies import BodyResolver  # noqa: E402
from kg.knowledge.registry import default_registry  # noqa: E402

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
MENTIONS = "https://schema.org/mentions"
NAME = "https://schema.org/name"
ORG = "http://www.w3.org/ns/org#"
ORG_SLASHES = "<https://w3id.org/kg-vn/id/org/x>".count("/")  # more: an IRI scoped to an article


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("graph", type=Path)
    ap.add_argument("--sample", type=int, default=20, help="foreign-name posts to print")
    args = ap.parse_args(argv)
    reg = default_registry()
    foreign_name = BodyResolver(reg.k, reg).foreign_name
    labels: dict[str, set[str]] = defaultdict(set)
    post_labels: dict[str, set[str]] = defaultdict(set)
    mentioned_by: dict[str, set[str]] = defaultdict(set)
    post_role: dict[str, str] = {}
    post_in: dict[str, str] = {}
    holds: list[tuple[str, str]] = []
    names: dict[str, str] = {}
    for s, p, o in triples(args.graph):
        if p == RDFS_LABEL and "/org/" in s:
            labels[s].add(literal(o) or "")
        elif p == RDFS_LABEL and "/post/" in s:
            post_labels[s].add(literal(o) or "")
        elif p == MENTIONS and "/org/" in o:
            mentioned_by[o].add(s)
        elif p == ORG + "role":
            post_role[s] = o
        elif p == ORG + "postIn":
            post_in[s] = o
        elif p in (ORG + "holds", "https://w3id.org/kg-vn/ns#heldFormerly"):
            holds.append((s, o))
        elif p == NAME and "/person/" in s:
            names[s] = literal(o) or ""
    orgs = sorted(labels)
    nameless = [o for o in orgs if any(reg.resolve(lb).nameless for lb in labels[o])]
    shared = sorted((o for o in nameless if len(mentioned_by.get(o, ())) >= 2),
                    key=lambda o: (-len(mentioned_by[o]), o))
    multi = [o for o in orgs if len(labels[o]) > 1]
    by_pair: dict[tuple[str, str], set[str]] = defaultdict(set)  # (role, the body's canonical key) → posts
    for post, role in post_role.items():
        org = post_in.get(post)
        if org and org.count("/") <= ORG_SLASHES and labels.get(org):
            by_pair[(role, reg.key(reg.resolve(sorted(labels[org])[0]).label))].add(post)
    dup_pairs = {k: v for k, v in by_pair.items() if len(v) > 1}
    foreign, scoped = [], 0
    for person, post in holds:
        name = names.get(person, "")
        org = post_in.get(post)
        if not name or not org or not foreign_name(name):
            continue
        if any(reg.resolve(lb).national for lb in labels.get(org, ())):
            if org.count("/") > ORG_SLASHES:  # org/<article>/…: the article's own body, not Việt Nam's
                scoped += 1
                continue
            foreign.append((name, sorted(labels[org])[0], org))
    foreign_posts = sum(1 for person, post in holds if post in post_in and names.get(person)
                        and foreign_name(names[person]))
    print(f"graph: {args.graph}")
    print(f"organization nodes: {len(orgs)}")
    print(f"nameless organization nodes: {len(nameless)}; shared by >= 2 articles: {len(shared)}")
    for o in shared[:10]:
        print(f"  {len(mentioned_by[o]):4d} articles  {sorted(labels[o])[0]!r}  {o}")
    print(f"organization nodes with > 1 rdfs:label: {len(multi)}")
    for o in multi[:10]:
        print(f"  {sorted(labels[o])}")
    print(f"post nodes with > 1 rdfs:label: {sum(1 for v in post_labels.values() if len(v) > 1)}")
    print(f"(role, canonical body) pairs with > 1 post node: {len(dup_pairs)}")
    for (role, org), posts in sorted(dup_pairs.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:5]:
        print(f"  {role.rsplit('/', 1)[-1].rstrip('>')} @ {org!r}: {len(posts)} posts")
    print(f"posts held by foreign-name persons: {foreign_posts}; in Vietnamese national bodies: {len(foreign)} "
          f"(and {scoped} in an article's own body of that name)")
    for name, label, org in sorted(set(foreign))[: args.sample]:
        print(f"  {name} — {label}  {org}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
