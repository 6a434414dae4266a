"""Streaming RDF writers, one module per format, each registering itself (``registry``): Turtle, N-Triples,
TriG (article blocks rendered by pyoxigraph, ``blocks``), JSON-LD (one document), shards (gzipped N-Triples
parts and a manifest, swapped in whole) and N-Quads (read only). ``files`` writes a file atomically."""

from kg.publish.writers import jsonld, nquads, ntriples, shards, trig, turtle  # noqa: F401 - each registers its format
from kg.publish.writers.blocks import MARKER, BlockRenderer, CutShort, iter_blocks, prefix_header, render_block
from kg.publish.writers.files import FileWriter, atomic_open, sweep_temps, write_atomic
from kg.publish.writers.registry import FORMATS, Format, by_extension, format_for, get, register
from kg.publish.writers.shards import ShardWriter, check_shard_folder

OX_FORMATS = {name: f.ox_format for name, f in FORMATS.items()}
"""Format name → the pyoxigraph format that parses it (a shard's parts: N-Triples)."""

__all__ = ["FORMATS", "MARKER", "OX_FORMATS", "BlockRenderer", "CutShort", "FileWriter", "Format", "ShardWriter",
           "atomic_open", "by_extension", "check_shard_folder", "format_for", "get", "iter_blocks",
           "prefix_header", "register", "render_block", "sweep_temps", "write_atomic"]
