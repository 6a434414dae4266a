"""The knowledge files: where ``ontology/`` is (installed or checked out) and reading it into one graph, refusing
what would make extraction silently wrong (no files, a file that does not parse, duplicate concepts or labels,
a required class with no members)."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from rdflib import RDF, SKOS, Graph, Literal, URIRef

from kg.lang.vi.orthography import clean, fold
from kg.namespaces import KG


class KnowledgeError(ValueError):
    """The knowledge base cannot be used: missing, empty, unparsable or with duplicate concepts (names the file)."""


# Classes every usable knowledge base has members of: without them extraction silently finds nothing.
REQUIRED_CLASSES = ("Role", "OrganizationKind", "KnownBody", "Place", "DocumentType", "FamilyName", "StopWord")


def ontology_dir() -> Path:
    """The ontology folder: ``$KG_ONTOLOGY``, else the copy shipped in the package (``kg/ontology`` in a wheel),
    else ``ontology/`` of the source checkout (editable installs). The one place domain knowledge lives."""
    env = os.environ.get("KG_ONTOLOGY")
    if env:
        return Path(env)
    shipped = Path(str(resources.files("kg") / "ontology"))
    if shipped.is_dir():
        return shipped
    checkout = Path(__file__).resolve().parents[2] / "ontology"
    if checkout.is_dir():
        return checkout
    raise KnowledgeError(f"no ontology folder: neither {shipped} (installed package) nor {checkout} (checkout) "
                         "exists; reinstall kg or set KG_ONTOLOGY")


def read_knowledge(directory: Path) -> Graph:
    """Every ``*.ttl`` of ``directory`` in one graph, refusing what would make extraction silently wrong:
    no files, a file that does not parse, a concept defined in two files, two concepts of one class with the
    same label, a required class with no members."""
    paths = sorted(directory.glob("*.ttl"))
    if not paths:
        raise KnowledgeError(f"{directory}: no knowledge files (*.ttl); reinstall kg or set KG_ONTOLOGY")
    g = Graph()
    defined_in: dict[URIRef, str] = {}
    labels: dict[tuple[URIRef, str], tuple[str, URIRef]] = {}
    for path in paths:
        part = Graph()
        try:
            part.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises several types; all mean the same to the user
            raise KnowledgeError(f"{path}: not valid Turtle: {exc}") from exc
        for s in sorted(set(part.subjects(RDF.type, SKOS.Concept))):
            if not isinstance(s, URIRef):
                continue
            if s in defined_in:
                raise KnowledgeError(f"{path}: concept {s} is already defined in {defined_in[s]}")
            defined_in[s] = path.name
            for cls in part.objects(s, RDF.type):
                if cls == SKOS.Concept or not isinstance(cls, URIRef):
                    continue
                for label in vi_labels(part, s, SKOS.prefLabel):
                    key = (cls, fold(label))
                    if key in labels and labels[key][1] != s:
                        other_file, other = labels[key]
                        raise KnowledgeError(f"{path}: {s} and {other} ({other_file}) are both {cls} "
                                             f"labelled {label!r}")
                    labels[key] = (path.name, s)
        g += part
    for name in REQUIRED_CLASSES:
        if next(g.subjects(RDF.type, KG[name]), None) is None:
            raise KnowledgeError(f"{directory}: no kg:{name} concepts; the knowledge files are incomplete")
    return g


def vi_labels(g: Graph, s: URIRef, *props: URIRef) -> list[str]:
    """The Vietnamese (or untagged) literals of ``s`` under ``props``, cleaned."""
    out = []
    for p in props:
        for o in g.objects(s, p):
            if isinstance(o, Literal) and o.language in (None, "vi"):
                out.append(clean(str(o)))
    return out
