"""Tenures of a kg graph (issue 11): how many, how many dated, and whether they hold together.

    python benchmarks/tenures_check.py GRAPH.nt

Prints the number of tenures (org:Membership), those with a beginning, an end, an end before a former mention,
first and last attestations, those closed by a successor; and the checks that must be 0: an end before its
beginning, a last attestation before the first, a tenure derived from a node the graph does not hold, a post's
holding without its tenure, and two tenures of one one-holder post whose dated intervals overlap. A script that
prints figures, not a test.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pyoxigraph as ox

PREFIXES = """PREFIX org: <http://www.w3.org/ns/org#> PREFIX kg: <https://w3id.org/kg-vn/ns#>
PREFIX time: <http://www.w3.org/2006/time#> PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""

FIGURES = {
    "tenures": "SELECT (COUNT(?m) AS ?n) WHERE { ?m a org:Membership }",
    "with a beginning": "SELECT (COUNT(?m) AS ?n) WHERE { ?m org:memberDuring/time:hasBeginning ?b }",
    "with an end": "SELECT (COUNT(?m) AS ?n) WHERE { ?m org:memberDuring/time:hasEnd ?e }",
    "ended by a successor": """SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m org:member ?p ;
        org:memberDuring/time:hasEnd ?e ; prov:wasDerivedFrom ?c . ?c a kg:PersonnelChange ; kg:person ?q
        FILTER (?q != ?p) }""",
    "ended before a former mention": "SELECT (COUNT(?m) AS ?n) WHERE { ?m org:memberDuring/kg:endedBefore ?d }",
    "known to have ended": "SELECT (COUNT(?m) AS ?n) WHERE { ?m org:memberDuring/kg:ended true }",
    "with first and last attestation": "SELECT (COUNT(?m) AS ?n) WHERE { ?m kg:firstAttested ?f }",
    "stated by 2 or more articles": "SELECT (COUNT(?m) AS ?n) WHERE { ?m kg:attestations ?a FILTER (?a >= 2) }",
}
CHECKS = {
    "an end before its beginning": """SELECT (COUNT(?m) AS ?n) WHERE { ?m org:memberDuring ?i .
        ?i time:hasBeginning/time:inXSDDate ?b ; time:hasEnd/time:inXSDDate ?e FILTER (?e < ?b) }""",
    "a last attestation before the first": """SELECT (COUNT(?m) AS ?n) WHERE { ?m kg:firstAttested ?f ;
        kg:lastAttested ?l FILTER (?l < ?f) }""",
    "derived from a node the graph does not hold": """SELECT (COUNT(?x) AS ?n) WHERE {
        ?m a org:Membership ; prov:wasDerivedFrom ?x FILTER NOT EXISTS { ?x a ?t } }""",
    "a holding without its tenure": """SELECT (COUNT(*) AS ?n) WHERE { ?p org:holds|kg:heldFormerly ?post
        FILTER NOT EXISTS { ?m org:member ?p ; kg:post ?post } }""",
    "two tenures of a one-holder post that overlap": """SELECT (COUNT(*) AS ?n) WHERE {
        ?a kg:post ?post ; org:role ?r ; org:memberDuring ?i . ?b kg:post ?post ; org:memberDuring ?j .
        ?r kg:singleHolder true .
        ?i time:hasBeginning/time:inXSDDate ?ab . ?j time:hasBeginning/time:inXSDDate ?bb .
        OPTIONAL { ?i time:hasEnd/time:inXSDDate ?ae }
        FILTER (STR(?a) < STR(?b) && ?ab <= ?bb && (!BOUND(?ae) || ?bb < ?ae)) }""",
}


def count(store: ox.Store, query: str) -> int:
    return next(iter(store.query(PREFIXES + query)))["n"].value  # type: ignore[index]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("graph", type=Path)
    ap.add_argument("--roles", type=Path, default=Path(__file__).resolve().parents[1] / "ontology" / "tenures.ttl",
                    help="the one-holder roles (kg:singleHolder), loaded beside the graph")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    store = ox.Store()
    store.bulk_load(path=str(args.graph), format=ox.RdfFormat.N_TRIPLES)
    store.bulk_load(path=str(args.roles), format=ox.RdfFormat.TURTLE)
    for label, q in FIGURES.items():
        print(f"{label}: {count(store, q)}")
    bad = 0
    for label, q in CHECKS.items():
        n = int(count(store, q))
        bad += n
        print(f"{label}: {n}")
    print(f"({time.perf_counter() - started:.0f} s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
