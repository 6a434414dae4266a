"""Article blocks: each article's triples rendered alone, in article order, never the whole graph in memory.

Each article becomes one block headed by a comment ``# article <id>``; the union of the blocks is the graph (a
triple two articles share is written in both blocks and merges on load). Each block states its article's
digest as data (``<article> kg:sourceDigest "…"``), so ``kg build --into FILE`` and the store replace or skip
an article's block without re-extracting the others; the marker is only the block's delimiter. The file's last
line, ``# end of kg graph: N articles``, says it is whole: a file cut short at a line break still parses, so
only this line tells a reader (``kg load``, ``--into``) that the last block lost its tail. Output is sorted
within a block, so the same input gives byte-identical files whatever the number of workers, and every line
break inside a term is escaped, so a line of N-Triples is one triple. Each format's body is its own module's.
"""

from __future__ import annotations

import gzip
import re
import urllib.parse
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, Graph, Literal, URIRef

from kg.publish.writers.registry import get

MARKER = "# article "
END = "# end of kg graph: "
# Oxigraph escapes every C0 control and DEL; these three it leaves raw, yet line-based tools (and Python's
# splitlines) break lines at them, so they are escaped too (a \uXXXX escape is valid in strings and IRIs alike)
_ESCAPED_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})
_PREFIX_LINES = re.compile(r"(?:@prefix [^\n]*\n)*")
_TYPE = str(RDF.type)
_SOURCE_DIGEST = URIRef("https://w3id.org/kg-vn/ns#sourceDigest")


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
        """One article's block in the streamed format ``fmt``, headed by its marker comment: the triples of
        ``graph`` and ``<article_iri> kg:sourceDigest "digest"`` (none if empty; ``graph`` is not changed)."""
        body = get(fmt).body
        if body is None:
            raise ValueError(f"no block writer for {fmt!r}")
        if digest:
            graph = [*graph, (URIRef(article_iri), _SOURCE_DIGEST, Literal(digest))]  # type: ignore[assignment]
        block = f"{MARKER}{article_id}\n" + body(self, article_iri, graph)
        if "\u2028" in block or "\x85" in block or "\u2029" in block:  # rare; `in` is much faster than a regex
            block = block.translate(_ESCAPED_BREAKS)
        return block

    def grouped(self, triples: list, fmt: ox.RdfFormat) -> str:
        """Turtle or TriG of sorted triples (or quads), subjects grouped, without the prefix lines (the file's
        header holds them once)."""
        text = ox.serialize(triples, format=fmt, prefixes=self.prefixes).decode("utf-8")
        return text[_PREFIX_LINES.match(text).end() :] + "\n"  # type: ignore[union-attr]


_RENDERERS: dict[tuple, BlockRenderer] = {}


def render_block(fmt: str, article_iri: str, article_id: str, digest: str, graph: Graph,
                 prefixes: dict[str, str]) -> str:
    """One article's block in ``fmt`` ("turtle", "nt", "trig"), headed by its marker comment."""
    key = tuple(sorted(prefixes.items()))
    renderer = _RENDERERS.get(key)
    if renderer is None:
        renderer = _RENDERERS[key] = BlockRenderer(prefixes)
    return renderer.render(fmt, article_iri, article_id, digest, graph)


def end_line(articles: int) -> str:
    """The line that closes a whole kg graph file of ``articles`` blocks."""
    return f"{END}{articles} articles\n"


class CutShort(ValueError):
    """A kg graph file that does not end with its closing line, or whose closing line counts other blocks."""

    def __init__(self, path: Path, line: int, article: str, why: str) -> None:
        super().__init__(f"{path} line {line}: {why} (in the block of article {article}): the file was cut short; "
                         "copy or build it again")
        self.path, self.line, self.article = path, line, article


def iter_blocks(path: Path) -> Iterator[tuple[str, str, str, str]]:
    """(header, marker id, marker digest, block) of each article block of a kg output file (``.gz`` too),
    streamed. The marker digest is what kg before the digest triple wrote (``# article <id> <digest>``), else "".

    After the last block, raises ``CutShort`` unless the file's closing line follows it and counts the blocks
    since the previous one (files joined end to end each close their own)."""
    opener = gzip.open if path.name.endswith(".gz") else open
    header: list[str] = []
    current: list[str] = []
    mid = dig = ""
    n = blocks = 0
    closed = True
    with opener(path, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):  # noqa: B007 - n is the last line's number after the loop
            if line.startswith(MARKER):
                if current:
                    yield "".join(header), mid, dig, "".join(current)
                mid, dig = (line[len(MARKER) :].split() + ["", ""])[:2]
                current, closed = [line], False
                blocks += 1
            elif line.startswith(END):
                if current:
                    yield "".join(header), mid, dig, "".join(current)
                stated = line[len(END) :].strip()
                if stated.split()[:1] != [str(blocks)]:
                    raise CutShort(path, n, urllib.parse.unquote(mid),
                                   f"the closing line counts {stated!r}, the file holds {blocks} blocks before it")
                current, mid, closed, blocks = [], "", True, 0
                header = []
            elif mid:
                current.append(line)
            else:
                header.append(line)
    if current:
        yield "".join(header), mid, dig, "".join(current)
    if not closed and not dig:  # kg that wrote the digest in the marker wrote no closing line either
        raise CutShort(path, n, urllib.parse.unquote(mid), "the file ends without kg's closing line")
