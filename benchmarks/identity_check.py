"""Figures of identity in a kg graph: does one node stand for one real thing?

    python benchmarks/identity_check.py GRAPH.nt [--examples N]

GRAPH: N-Triples written by ``kg build`` (e.g. of ../shared/corpus/baomoi-2017.jsonl.gz). Prints:

* persons: officials, journalists (``kg:Journalist``), mentions scoped to their article (``kg:identityScope``);
* persons with more than one ``schema:name`` (should be 0);
* organization nodes with more than one ``rdfs:label`` (should be 0);
* nameless organization nodes shared by two or more articles (should be 0): a body named by its kind alone
  ("Ủy ban nhân dân tỉnh", "Trung tâm", "Công ty"), as the registry of bodies tells (``kg.knowledge.registry``),
  minted outside an article's scope and mentioned by several articles;
* posts: (role, body) pairs with more than one post node (should be 0);
* documents with more than one ``eli:id_local``.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from ntriples import literal as _literal  # noqa: E402
from ntriples import triples  # noqa: E402

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SCHEMA, ORG, KG = "https://schema.org/", "http://www.w3.org/ns/org#", "https://w3id.org/kg-vn/ns#"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
ID_LOCAL = "http://data.europa.eu/eli/ontology#id_local"


def literal(o: str) -> str:
    got = _literal(o)
    return o if got is None else got


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("graph")
    ap.add_argument("--examples", type=int, default=5)
    args = ap.parse_args(argv)
    types: dict[str, set[str]] = defaultdict(set)
    names: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, set[str]] = defaultdict(set)
    ids: dict[str, set[str]] = defaultdict(set)
    mentioned: dict[str, set[str]] = defaultdict(set)
    role_of: dict[str, str] = {}
    post_in: dict[str, str] = {}
    scoped: set[str] = set()
    for s, p, o in triples(args.graph):
        s = s.strip("<>")
        if p == RDF_TYPE:
            types[s].add(o.strip("<>"))
        elif p == SCHEMA + "name":
            names[s].add(literal(o))
        elif p == LABEL:
            labels[s].add(literal(o))
        elif p == ID_LOCAL:
            ids[s].add(literal(o))
        elif p == SCHEMA + "mentions":
            mentioned[o.strip("<>")].add(s)
        elif p == ORG + "role":
            role_of[s] = o.strip("<>")
        elif p == ORG + "postIn":
            post_in[s] = o.strip("<>")
        elif p == KG + "identityScope":
            scoped.add(s)
    persons = [s for s, t in types.items() if SCHEMA + "Person" in t]
    journalists = [s for s in persons if KG + "Journalist" in types[s]]
    orgs = [s for s, t in types.items() if ORG + "Organization" in t]
    print(f"persons {len(persons)}: officials and others {len(persons) - len(journalists)}, journalists "
          f"{len(journalists)}, scoped to their article {len(scoped)}")
    many_names = sorted(s for s in persons if len(names[s]) > 1)
    print(f"persons with more than one schema:name: {len(many_names)}")
    for s in many_names[: args.examples]:
        print(f"   {s}  {sorted(names[s])}")
    many_labels = sorted(s for s in orgs if len(labels[s]) > 1)
    print(f"organization nodes with more than one rdfs:label: {len(many_labels)} of {len(orgs)}")
    for s in many_labels[: args.examples]:
        print(f"   {s}  {sorted(labels[s])[:4]}")
    from kg.knowledge.registry import default_registry

    registry = default_registry()
    base = orgs[0].split("/org/")[0] + "/org/" if orgs else ""
    nameless = []
    for s in orgs:
        tail = s[len(base):] if s.startswith(base) else s
        if "/" in tail or SCHEMA + "NewsMediaOrganization" in types[s]:  # scoped to an article; a publisher
            continue
        label = min(labels[s]) if labels[s] else ""
        if label and registry.resolve(label).nameless and len(mentioned[s]) >= 2:
            nameless.append((len(mentioned[s]), s, label))
    nameless.sort(reverse=True)
    print(f"nameless organization nodes shared by two or more articles: {len(nameless)}")
    for n, s, label in nameless[: args.examples]:
        print(f"   {n:5} articles  {label!r}  {s}")
    by_pair: dict[tuple[str, str], set[str]] = defaultdict(set)
    for post, role in role_of.items():
        by_pair[(role, post_in.get(post, ""))].add(post)
    split = sorted((len(v), k) for k, v in by_pair.items() if k[1] and len(v) > 1)
    print(f"(role, body) pairs with more than one post node: {len(split)}")
    for n, (role, body) in split[::-1][: args.examples]:
        print(f"   {n} posts  {role.rsplit('/', 1)[-1]} in {body}")
    docs = [s for s, t in types.items() if "http://data.europa.eu/eli/ontology#LegalResource" in t]
    many_ids = sorted(s for s in docs if len(ids[s]) > 1)
    print(f"documents with more than one eli:id_local: {len(many_ids)} of {len(docs)}")
    for s in many_ids[: args.examples]:
        print(f"   {s}  {sorted(ids[s])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
