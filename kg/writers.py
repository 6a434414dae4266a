"""Streaming RDF writers: one article's triples at a time, in article order, never the whole graph in memory.

Each article becomes one block headed by a comment ``# article <id> <digest>``; the union of the blocks is
the graph (a triple two articles share is written in both blocks and merges on load). The markers let
``kg build --into FILE`` replace or skip an article's block without re-extracting the others.

Formats: ``.ttl`` (Turtle, subjects grouped, prefixed names), ``.nt`` (N-Triples), ``.trig`` (one named
graph per article), and gzipped N-Triples shards with a manifest for bulk loaders. Output is sorted within
a block, so the same input gives byte-identical files whatever the number of workers.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import RDF, Graph, Literal, URIRef

MARKER = "# article "
FORMATS = {".ttl": "turtle", ".nt": "nt", ".trig": "trig", ".jsonld": "json-ld", ".json": "json-ld"}
_OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG}
# Oxigraph escapes every C0 control and DEL; these three it leaves raw, yet line-based tools (and Python's
# splitlines) break lines at them, so they are escaped too (a \uXXXX escape is valid in strings and IRIs alike)
_ESCAPED_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})
_PREFIX_LINES = re.compile(r"(?:@prefix [^\n]*\n)*")
_TYPE = str(RDF.type)


def format_for(path: str | Path) -> str:
    """rdflib format name for an output path, by extension."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"unsupported output extension {suffix!r}: use one of {', '.join(sorted(FORMATS))}")
    return FORMATS[suffix]


def prefix_header(prefixes: dict[str, str]) -> str:
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(prefixes.items())) + "\n"


class BlockRenderer:
    """Article blocks serialized by Oxigraph from one article's rdflib graph.

    Output is deterministic: the triples are sorted first (subject, ``rdf:type`` first, predicate, object) and
    Oxigraph writes them in the order given, grouping a subject's triples in Turtle and TriG; N-Triples lines
    are sorted as text. Minted IRIs (the ``id`` base) are written whole: their local names hold ``/``, which a
    prefixed name could only carry escaped (``id:person\\/…``).
    """

    _CACHE_LIMIT = 50_000  # converted IRIs kept (predicates, classes and datatypes repeat in every article)

    def __init__(self, prefixes: dict[str, str]) -> None:
        self.prefixes = {p: ns for p, ns in prefixes.items() if p != "id"}
        self._iris: dict[str, ox.NamedNode] = {}

    def iri(self, value: str) -> ox.NamedNode:
        node = self._iris.get(value)
        if node is None:
            if len(self._iris) >= self._CACHE_LIMIT:
                self._iris.clear()
            node = self._iris[value] = ox.NamedNode(value)
        return node

    def triples(self, graph: Iterable[tuple], ordered: bool = False) -> list[ox.Triple]:
        """The graph's triples as Oxigraph terms; ``ordered``: sorted by subject, ``rdf:type`` first, predicate,
        object (by their text, so the order is total and the same in every process)."""
        cache, iri, triple, literal = self._iris, self.iri, ox.Triple, ox.Literal
        keyed = []
        for s, p, o in graph:
            subject, predicate = str(s), str(p)
            if isinstance(o, URIRef):
                value, lang, datatype, is_literal = str(o), "", "", False
                obj = cache.get(value) or iri(value)
            elif isinstance(o, Literal):
                value, lang, datatype, is_literal = str(o), o.language or "", str(o.datatype or ""), True
                obj = (literal(value, language=lang) if lang else
                       literal(value, datatype=cache.get(datatype) or iri(datatype)) if datatype else literal(value))
            else:
                raise TypeError(f"unsupported term {o!r} (kg writes no blank nodes)")
            t = triple(cache.get(subject) or iri(subject), cache.get(predicate) or iri(predicate), obj)
            keyed.append(((subject, predicate != _TYPE, predicate, is_literal, value, lang, datatype), t)
                         if ordered else t)
        if ordered:
            keyed.sort(key=lambda kt: kt[0])
            return [t for _, t in keyed]
        return keyed

    def render(self, fmt: str, article_iri: str, article_id: str, digest: str, graph: Graph) -> str:
        """One article's block in ``fmt`` ("turtle", "nt", "trig"), headed by its marker comment."""
        head = f"{MARKER}{article_id} {digest}\n"
        if fmt == "nt":  # lines sorted as text, as kg always wrote them
            text = ox.serialize(self.triples(graph), format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
            body = "".join(f"{line}\n" for line in sorted(text.split("\n")[:-1]))  # not splitlines: U+2028
        elif fmt in ("turtle", "trig"):
            triples: list = self.triples(graph, ordered=True)
            if fmt == "trig":
                name = self.iri(article_iri)
                triples = [ox.Quad(t.subject, t.predicate, t.object, name) for t in triples]
            text = ox.serialize(triples, format=_OX_FORMATS[fmt], prefixes=self.prefixes).decode("utf-8")
            body = text[_PREFIX_LINES.match(text).end() :] + "\n"  # type: ignore[union-attr]
        else:
            raise ValueError(f"no block writer for {fmt!r}")
        block = head + body
        if "\u2028" in block or "\x85" in block or "\u2029" in block:  # rare; `in` is much faster than a regex
            block = block.translate(_ESCAPED_BREAKS)
        return block


_RENDERERS: dict[tuple, BlockRenderer] = {}


def render_block(fmt: str, article_iri: str, article_id: str, digest: str, graph: Graph,
                 prefixes: dict[str, str]) -> str:
    """One article's block in ``fmt`` ("turtle", "nt", "trig"), headed by its marker comment."""
    key = tuple(sorted(prefixes.items()))
    renderer = _RENDERERS.get(key)
    if renderer is None:
        renderer = _RENDERERS[key] = BlockRenderer(prefixes)
    return renderer.render(fmt, article_iri, article_id, digest, graph)


def atomic_open(path: Path, binary: bool = False) -> tuple[IO, str]:
    """A temporary file beside ``path``; ``commit`` renames it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    return (os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="\n")), tmp


class FileWriter:
    """Writes blocks in order to a temporary file and swaps it in on ``commit``."""

    def __init__(self, path: Path, fmt: str, prefixes: dict[str, str]) -> None:
        self.path, self.fmt = Path(path), fmt
        self.fh, self.tmp = atomic_open(self.path)
        if fmt != "nt":
            self.fh.write(prefix_header(prefixes))

    def write(self, block: str) -> None:
        self.fh.write(block)

    def commit(self) -> None:
        self.fh.close()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        self.fh.close()
        if os.path.exists(self.tmp):
            os.unlink(self.tmp)


class ShardWriter:
    """Gzipped N-Triples shards of ``size`` articles each, plus ``manifest.json`` (written last)."""

    def __init__(self, directory: Path, size: int) -> None:
        self.dir, self.size = Path(directory), max(1, size)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.shards: list[dict[str, object]] = []
        self._open: tuple[IO, str, Path] | None = None
        self._count = 0
        self._triples = 0

    def write(self, block: str) -> None:
        if self._open is None:
            path = self.dir / f"part-{len(self.shards):05d}.nt.gz"
            fh, tmp = atomic_open(path, binary=True)
            self._open = (gzip.GzipFile(fileobj=fh, mode="wb", mtime=0), tmp, path)
            self._raw = fh
        gz, _, _ = self._open
        data = block.encode("utf-8")
        gz.write(data)
        self._count += 1
        # one triple a line: every line break inside a term is escaped (see BlockRenderer)
        self._triples += sum(1 for line in block.split("\n") if line and not line.startswith("#"))
        if self._count >= self.size:
            self._close_shard()

    def _close_shard(self) -> None:
        if self._open is None:
            return
        gz, tmp, path = self._open
        gz.close()
        self._raw.close()
        os.replace(tmp, path)
        self.shards.append({"file": path.name, "articles": self._count, "triples": self._triples})
        self._open, self._count, self._triples = None, 0, 0

    def commit(self) -> None:
        self._close_shard()
        manifest = {"format": "application/n-triples", "compression": "gzip", "shards": self.shards,
                    "articles": sum(int(s["articles"]) for s in self.shards),
                    "triples": sum(int(s["triples"]) for s in self.shards)}
        fh, tmp = atomic_open(self.dir / "manifest.json")
        fh.write(json.dumps(manifest, indent=1) + "\n")
        fh.close()
        os.replace(tmp, self.dir / "manifest.json")

    def abort(self) -> None:
        if self._open is not None:
            gz, tmp, _ = self._open
            gz.close()
            self._raw.close()
            if os.path.exists(tmp):
                os.unlink(tmp)


def iter_blocks(path: Path) -> Iterator[tuple[str, str, str, str]]:
    """(header, marker id, digest, block) of each article block of a kg output file (``.gz`` too), streamed."""
    opener = gzip.open if path.name.endswith(".gz") else open
    header: list[str] = []
    current: list[str] = []
    mid = dig = ""
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith(MARKER):
                if current:
                    yield "".join(header), mid, dig, "".join(current)
                mid, dig = (line[len(MARKER) :].split() + ["", ""])[:2]
                current = [line]
            elif mid:
                current.append(line)
            else:
                header.append(line)
    if current:
        yield "".join(header), mid, dig, "".join(current)
