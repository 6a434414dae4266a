"""The vocabularies kg writes (W3C ORG, schema.org, ELI, PROV-O, SKOS) and its own ``kg:`` namespace.

Kept apart from extraction and serialization so that reading or querying a graph needs only this module.
"""

from __future__ import annotations

from rdflib import RDFS, SKOS, XSD, Namespace
from rdflib.namespace import PROV

KG = Namespace("https://w3id.org/kg-vn/ns#")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
ELI = Namespace("http://data.europa.eu/eli/ontology#")

PREFIXES = {"kg": KG, "org": ORG, "schema": SCHEMA, "eli": ELI, "prov": PROV, "skos": SKOS, "rdfs": RDFS,
            "xsd": XSD}
