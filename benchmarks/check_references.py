"""Point 3's check: is every person a fact refers to one well-formed node?

For ``kg:spokeAt`` and ``kg:chaired`` (their subjects) and ``schema:creator`` and ``schema:author`` (their
objects), prints how many distinct persons there are, and how many of them are typed ``schema:Person`` with
exactly one ``schema:name``; then lists a few that are not.

    python benchmarks/check_references.py GRAPH [GRAPH ...] [--show 10]

GRAPH: kg output (.ttl .nt .trig, .gz too). A script that prints figures, not a test.
"""

from __future__ import annotations

import argparse
import gzip
from collections import Counter
from pathlib import Path

import pyoxigraph as ox

SCHEMA, KG = "https://schema.org/", "https://w3id.org/kg-vn/ns#"
CHECKS = [("kg:spokeAt", f"{KG}spokeAt", "subject"), ("kg:chaired", f"{KG}chaired", "subject"),
          ("schema:creator", f"{SCHEMA}creator", "object"), ("schema:author", f"{SCHEMA}author", "object")]
FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".trig": ox.RdfFormat.TRIG}


def load(paths: list[Path]) -> ox.Store:
    """The union of the graphs' triples (named graphs of TriG too) in one in-memory store's default graph."""
    store = ox.Store()
    for path in paths:
        fmt = FORMATS[Path(path.name.removesuffix(".gz")).suffix]
        with (gzip.open(path, "rb") if path.name.endswith(".gz") else open(path, "rb")) as fh:
            store.extend(ox.Quad(q.subject, q.predicate, q.object) for q in ox.parse(fh, format=fmt))
    return store


def check(store: ox.Store, show: int = 5) -> list[str]:
    """One line per property: persons referred to, how many are typed with one name; then a few that are not."""
    out = []
    for label, predicate, side in CHECKS:
        edge = f"?p <{predicate}> ?x" if side == "subject" else f"?x <{predicate}> ?p"
        rows = store.query(
            f"SELECT ?p (SAMPLE(?typed) AS ?t) (COUNT(DISTINCT ?name) AS ?names) WHERE {{ "
            f"{{ SELECT DISTINCT ?p WHERE {{ {edge} }} }} "
            f"OPTIONAL {{ ?p a ?typed FILTER(?typed = <{SCHEMA}Person>) }} OPTIONAL {{ ?p <{SCHEMA}name> ?name }} "
            f"}} GROUP BY ?p")
        total, good, bad = 0, 0, Counter()
        for row in rows:
            total += 1
            typed, names = row["t"] is not None, int(row["names"].value)
            if typed and names == 1:
                good += 1
            else:
                bad[f"{row['p'].value} (typed {typed}, names {names})"] += 1
        out.append(f"{label:15} {side}s {total:6}  typed schema:Person with one schema:name {good:6}  "
                   f"({100 * good / total if total else 100:.1f} %)")
        out += [f"    not: {b}" for b in list(bad)[:show]]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("graphs", nargs="+", type=Path)
    ap.add_argument("--show", type=int, default=5, help="list this many persons that fail, per property")
    args = ap.parse_args()
    for line in check(load(args.graphs), args.show):
        print(line)


if __name__ == "__main__":
    main()
