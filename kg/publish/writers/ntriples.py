"""N-Triples (``.nt``): one triple a line, lines sorted within an article's block; no header."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph

from kg.publish.writers.blocks import BlockRenderer
from kg.publish.writers.registry import Format, register


def body(renderer: BlockRenderer, article_iri: str, graph: Graph) -> str:
    text = ox.serialize(renderer.triples(graph), format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    return "".join(f"{line}\n" for line in sorted(text.split("\n")[:-1]))  # not splitlines: U+2028


FORMAT = register(Format("nt", (".nt",), "application/n-triples", ox.RdfFormat.N_TRIPLES, body, updatable=True))
