"""JSON-LD (``.jsonld``, ``.json``): one document for the whole graph, built in memory (for small graphs), its
nodes and values sorted so the same input gives the same bytes. Not streamed, so ``--into`` cannot update it."""

from __future__ import annotations

import json

import pyoxigraph as ox
from rdflib import Dataset, Graph

from kg.publish.writers.registry import Format, register


def document(graph: Graph | Dataset) -> bytes:
    """The graph as deterministic JSON-LD bytes (rdflib's serializer, then nodes and values sorted)."""
    data = json.loads(graph.serialize(format="json-ld", encoding="utf-8").decode("utf-8"))
    if isinstance(data, list):
        data.sort(key=lambda node: node.get("@id", ""))
        for node in data:
            for _key, value in node.items():
                if isinstance(value, list):
                    value.sort(key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


FORMAT = register(Format("json-ld", (".jsonld", ".json"), "application/ld+json", ox.RdfFormat.JSON_LD))
