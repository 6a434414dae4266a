"""kg: Vietnamese political news → RDF knowledge graph."""
