"""Network analysis of a kg graph: RDF → networkx (``graph``), rankings and communities (``measures``), names,
paths and ego networks (``lookup``), GraphML/GEXF/HTML export (``export``) and the CLI verbs (``verbs``); people
over time: tenures read from a graph or store as careers and holders on a date (``careers``), and their
Gantt-style charts (``career_plot``).

The graph-building API is re-exported here, so notebooks write ``from kg.network import entity_graph``.
"""

from kg.network.graph import (
    CREDITS,
    MENTIONS,
    PROJECTIONS,
    TYPES,
    cooccurrence,
    document_issuer,
    entity_graph,
    issuer_counts,
    load,
    nodes_of_type,
    person_organization,
    project,
    structural,
    without,
)

__all__ = ["CREDITS", "MENTIONS", "PROJECTIONS", "TYPES", "cooccurrence", "document_issuer", "entity_graph",
           "issuer_counts", "load", "nodes_of_type", "person_organization", "project", "structural", "without"]
