"""kg's own namespace is closed over what ontology/kg.ttl declares."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from kg import namespaces

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"


def test_kg_namespace_terms_are_exactly_those_kg_ttl_declares() -> None:
    ns = str(namespaces.KG)
    declared = {str(s)[len(ns) :] for s in Graph().parse(ONTOLOGY / "kg.ttl").subjects()
                if isinstance(s, URIRef) and str(s).startswith(ns)}
    assert set(namespaces.KG_TERMS) == declared


def test_a_misspelt_term_fails_where_it_is_written() -> None:
    KG, ORG, SCHEMA = namespaces.KG, namespaces.ORG, namespaces.SCHEMA  # not module-level: pytest probes those
    assert KG.heldFormerly == URIRef("https://w3id.org/kg-vn/ns#heldFormerly")
    with pytest.raises(AttributeError):
        _ = KG.heldFormally
    with pytest.raises(AttributeError):
        _ = ORG.hold
    assert SCHEMA.Person == URIRef("https://schema.org/Person")
