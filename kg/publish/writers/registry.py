"""The registry of RDF formats kg writes and reads: one module per format registers one ``Format`` (as rdflib
registers one plugin per serializer), and everything that needs to know a format asks here: the extension of an
output, how to render an article's block, whether ``--into`` can update it, what Oxigraph parses it with."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

if TYPE_CHECKING:
    from rdflib import Graph

    from kg.publish.writers.blocks import BlockRenderer

BlockBody = Callable[["BlockRenderer", str, "Graph"], str]
"""(renderer, article IRI, the article's graph) → the block's text after its marker line."""


@dataclass(frozen=True)
class Format:
    name: str  # what ``kg build --format`` and the code call it: "turtle", "nt", "trig", "json-ld", "shards"
    extensions: tuple[str, ...]  # of files in the format (the first is the one kg writes); () for a folder
    media_type: str
    ox_format: ox.RdfFormat  # what Oxigraph parses it (or each of its parts) with
    body: BlockBody | None = None  # an article's block; None: not written as blocks (a whole document, or read only)
    header: bool = False  # a prefix header heads the file (and is prepended to a block to parse it alone)
    updatable: bool = False  # ``--into`` can carry unchanged articles' blocks forward
    written: bool = True  # kg writes it (N-Quads it only reads)

    @property
    def streamed(self) -> bool:
        """Written one article block at a time, never the whole graph in memory."""
        return self.body is not None


FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    """Add a format; a name or extension registered twice is a programming error."""
    if fmt.name in FORMATS:
        raise ValueError(f"format {fmt.name!r} is registered twice")
    taken = {ext for f in FORMATS.values() for ext in f.extensions}
    if clash := taken.intersection(fmt.extensions):
        raise ValueError(f"extension {sorted(clash)[0]} is registered twice")
    FORMATS[fmt.name] = fmt
    return fmt


def get(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown format {name!r}: use one of {', '.join(sorted(FORMATS))}") from None


def by_extension(path: str | Path, *, written: bool = True) -> Format | None:
    """The format of a file by its extension (``.gz`` ignored); ``written``: only formats kg writes."""
    suffix = Path(str(path).lower().removesuffix(".gz")).suffix
    return next((f for f in FORMATS.values() if suffix in f.extensions and (f.written or not written)), None)


def format_for(path: str | Path) -> str:
    """The name of the format kg writes to ``path``, by its extension; ValueError naming the choices."""
    suffix = Path(path).suffix.lower()
    for f in FORMATS.values():
        if f.written and suffix in f.extensions:
            return f.name
    exts = sorted(ext for f in FORMATS.values() if f.written for ext in f.extensions)
    raise ValueError(f"unsupported output extension {suffix!r}: use one of {', '.join(exts)}")


def readable_extensions() -> list[str]:
    """Extensions of every format kg can read, in registration order."""
    return [ext for f in FORMATS.values() for ext in f.extensions]
