"""TriG (``.trig``): each article's triples in the named graph of the article's IRI; one prefix header."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph

from kg.publish.writers.blocks import BlockRenderer
from kg.publish.writers.registry import Format, register


def body(renderer: BlockRenderer, article_iri: str, graph: Graph) -> str:
    name = renderer.iri(article_iri)
    quads = [ox.Quad(t.subject, t.predicate, t.object, name) for t in renderer.triples(graph, ordered=True)]
    return renderer.grouped(quads, ox.RdfFormat.TRIG)


FORMAT = register(Format("trig", (".trig",), "application/trig", ox.RdfFormat.TRIG, body, header=True,
                         updatable=True))
