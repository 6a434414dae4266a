"""Validate a kg graph against ``ontology/shapes.ttl`` with pyshacl (the shapes every graph kg writes conforms to).

    python benchmarks/shacl_check.py GRAPH.nt [--chunk ARTICLES]

A whole 35k-article graph (1.2 M triples) is more than pyshacl validates in memory in reasonable time, so the
graph is validated in chunks of whole articles (the triples of ``--chunk`` consecutive article blocks of an
N-Triples file kg wrote, 2,000 by default) plus, for the shapes that look across articles (one ``schema:name``
per person, one ``rdfs:label`` per organization), the union of the names, labels and types of every person and
organization. Prints each chunk's verdict,
the number of results, and the first report lines of a chunk that does not conform.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from rdflib import Graph

ROOT = Path(__file__).resolve().parents[1]
CROSS = ("<https://schema.org/name>", "<http://www.w3.org/2000/01/rdf-schema#label>",
         "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>")


def validate(data: Graph, shapes: Graph, ont: Graph) -> tuple[bool, str]:
    from pyshacl import validate as run

    conforms, _graph, text = run(data, shacl_graph=shapes, ont_graph=ont, inference="none", advanced=True,
                                 allow_warnings=False)
    return bool(conforms), str(text)


def chunks(path: Path, size: int):  # noqa: ANN201 - yields N-Triples text of ``size`` article blocks
    lines: list[str] = []
    articles = 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("# article "):
                articles += 1
                if articles > size:
                    yield "".join(lines)
                    lines, articles = [], 1
            lines.append(line)
    if lines:
        yield "".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("graph", type=Path)
    ap.add_argument("--chunk", type=int, default=2000)
    a = ap.parse_args()
    shapes = Graph().parse(ROOT / "ontology" / "shapes.ttl", format="turtle")
    ont = Graph().parse(ROOT / "ontology" / "kg.ttl", format="turtle")
    ok = True
    cross: set[str] = set()
    for n, text in enumerate(chunks(a.graph, a.chunk), start=1):
        start = time.monotonic()
        g = Graph().parse(data=text, format="nt")
        cross.update(line for line in text.splitlines()
                     if line.startswith(("<https://w3id.org/kg-vn/id/person/", "<https://w3id.org/kg-vn/id/org/"))
                     and any(f" {p} " in line for p in CROSS))
        conforms, report = validate(g, shapes, ont)
        ok &= conforms
        print(f"chunk {n}: {len(g)} triples, conforms {conforms} ({time.monotonic() - start:.0f} s)", flush=True)
        if not conforms:
            print("\n".join(report.splitlines()[:20]))
    g = Graph().parse(data="\n".join(sorted(cross)) + "\n", format="nt")
    conforms, report = validate(g, shapes, ont)
    print(f"names, labels and types of the whole graph: {len(g)} triples, conforms {conforms}")
    if not conforms:
        print("\n".join(report.splitlines()[:20]))
    ok &= conforms
    print("the graph conforms" if ok else "the graph does NOT conform")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
