"""Turtle (``.ttl``): subjects grouped, prefixed names, one prefix header at the top of the file."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph

from kg.publish.writers.blocks import BlockRenderer
from kg.publish.writers.registry import Format, register


def body(renderer: BlockRenderer, article_iri: str, graph: Graph) -> str:
    return renderer.grouped(renderer.triples(graph, ordered=True), ox.RdfFormat.TURTLE)


FORMAT = register(Format("turtle", (".ttl",), "text/turtle", ox.RdfFormat.TURTLE, body, header=True,
                         updatable=True))
