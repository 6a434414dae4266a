"""Issue 10 point 4's check: does one document node stand for one document?

Prints, for the ``eli:LegalResource`` nodes of a graph: how many there are and how many articles' mentions
they join; those with more than one ``eli:id_local``; those with more than one ``eli:date_document``; and those
whose symbol has a local issuer code (``QĐ-UBND``, ``NQ/TU``: no ``kg:nationalIssuer`` in
ontology/documents.ttl) and that are shared across articles whose issuers name different places, or by an
article that names no place for the issuer. Then a few examples of each.

    python benchmarks/documents_check.py GRAPH [GRAPH ...] [--show 5]

GRAPH: kg output (.nt .ttl .trig, .gz too), read as a stream. A script that prints figures, not a test.
"""

from __future__ import annotations

import argparse
import gzip
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

from kg.knowledge import default_knowledge
from kg.link.documents import DocumentIdentity

ELI, RDF_NS = "http://data.europa.eu/eli/ontology#", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
SCHEMA, RDFS = "https://schema.org/", "http://www.w3.org/2000/01/rdf-schema#"
PROV = "http://www.w3.org/ns/prov#"
FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".trig": ox.RdfFormat.TRIG}


class Documents:
    """What the check needs of a graph's documents, gathered in one pass over its triples."""

    def __init__(self) -> None:
        self.docs: set[str] = set()
        self.ids: dict[str, set[str]] = defaultdict(set)
        self.dates: dict[str, set[str]] = defaultdict(set)
        self.mentioned_by: dict[str, set[str]] = defaultdict(set)
        self.labels: dict[str, set[str]] = defaultdict(set)
        self.statements: dict[str, dict[str, str]] = defaultdict(dict)

    def add(self, s: str, p: str, o: ox.NamedNode | ox.Literal | ox.BlankNode) -> None:
        v = o.value
        if p == f"{RDF_NS}type" and v == f"{ELI}LegalResource":
            self.docs.add(s)
        elif p == f"{ELI}id_local":
            self.ids[s].add(v)
        elif p == f"{ELI}date_document":
            self.dates[s].add(v)
        elif p == f"{SCHEMA}mentions" and "/document/" in v:
            self.mentioned_by[v].add(s)
        elif p == f"{RDFS}label" and "/org/" in s:
            self.labels[s].add(v)
        elif p == f"{RDF_NS}subject" and "/document/" in v or p == f"{RDF_NS}object" and "/org/" in v \
                or p == f"{PROV}wasDerivedFrom" and "-documents-issuer-" in v:  # only issuer statements are kept
            self.statements[s][p.rsplit("#", 1)[-1]] = v

    def issuers(self) -> dict[str, dict[str, set[str]]]:
        """document → article → labels of the issuers that article states."""
        out: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for st in self.statements.values():
            if "wasDerivedFrom" in st and "subject" in st and "object" in st:
                # the evidence IRI names its article: <base>evidence/<article>/<span>-<rule>-<confidence>
                base, _, rest = st["wasDerivedFrom"].rpartition("/evidence/")
                art = f"{base}/article/{rest.split('/', 1)[0]}"
                out[st["subject"]][art].update(self.labels.get(st["object"], {st["object"]}))
        return out


def read(paths: list[Path]) -> Documents:
    d = Documents()
    for path in paths:
        fmt = FORMATS[Path(path.name.removesuffix(".gz")).suffix]
        with (gzip.open(path, "rb") if path.name.endswith(".gz") else open(path, "rb")) as fh:
            for q in ox.parse(fh, format=fmt):
                if isinstance(q.subject, ox.NamedNode):
                    d.add(q.subject.value, q.predicate.value, q.object)
    return d


def check(d: Documents, identity: DocumentIdentity, show: int = 5) -> list[str]:
    """The figures, one per line, each followed by up to ``show`` examples."""
    shared = [doc for doc in d.docs if len(d.mentioned_by[doc]) > 1]
    many_ids = sorted(doc for doc in d.docs if len(d.ids[doc]) > 1)
    many_dates = sorted(doc for doc in d.docs if len(d.dates[doc]) > 1)
    issuers = d.issuers()
    across, unplaced = [], []
    for doc in sorted(shared):
        number = sorted(d.ids[doc])[0] if d.ids[doc] else ""
        codes = [identity.k.symbol_code(c) for c in identity.parts(number)[2]]
        codes = [c for c in codes if c and c.issuer]
        if "/" not in number and "-" not in number or (codes and all(c.national for c in codes)):
            continue  # a national symbol needs no issuer to name one document
        places = {}
        for art in d.mentioned_by[doc]:
            places[art] = {identity.issuer_key(label) for label in issuers[doc].get(art, ())} - {None}
        if len(set().union(*places.values())) > 1:
            across.append((doc, number, sorted(set().union(*places.values()))))
        if any(not keys for keys in places.values()):
            unplaced.append((doc, number, sum(1 for keys in places.values() if not keys), len(places)))
    out = [f"document nodes {len(d.docs)}; shared by two or more articles {len(shared)} "
           f"(mentions joined {sum(len(d.mentioned_by[x]) for x in shared)})",
           f"documents with more than one eli:id_local: {len(many_ids)}"]
    out += [f"    {doc}  {sorted(d.ids[doc])}" for doc in many_ids[:show]]
    by_id: dict[str, set[str]] = defaultdict(set)  # symbol → its nodes outside any article's scope
    for doc in d.docs:
        local = doc.rsplit("/document/", 1)[-1]
        if "/" not in local:
            for i in d.ids[doc]:
                by_id[i].add(local)
    split = sorted((i, sorted(nodes)) for i, nodes in by_id.items() if len(nodes) > 1)
    typed = [(i, nodes) for i, nodes in split  # the same year and issuer, another type word
             if len({n.partition("--")[2] for n in nodes}) < len(nodes)]
    out.append(f"symbols held by more than one document node (not article-scoped): {len(split)} of {len(by_id)}; "
               f"told apart by the type word alone (should be 0): {len(typed)}; the rest by year or issuer")
    out += [f"    {i}  {nodes}" for i, nodes in (typed or split)[:show]]
    out.append(f"documents with more than one eli:date_document: {len(many_dates)}")
    out += [f"    {doc}  {sorted(d.dates[doc])}" for doc in many_dates[:show]]
    out.append(f"local-issuer symbols (QĐ-UBND …) shared across places: {len(across)}")
    out += [f"    {doc}  {number}  {places}" for doc, number, places in across[:show]]
    out.append(f"local-issuer symbols shared by an article that names no place for the issuer: {len(unplaced)}")
    out += [f"    {doc}  {number}  ({n} of {m} articles)" for doc, number, n, m in unplaced[:show]]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("graphs", nargs="+", type=Path)
    ap.add_argument("--show", type=int, default=5, help="examples per figure")
    a = ap.parse_args()
    print("\n".join(check(read(a.graphs), DocumentIdentity(default_knowledge()), a.show)))


if __name__ == "__main__":
    main()
