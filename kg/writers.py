"""Streaming RDF writers: one article's triples at a time, in article order, never the whole graph in memory.

Each article becomes one block headed by a comment ``# article <id> <digest>``; the union of the blocks is
the graph (a triple two articles share is written in both blocks and merges on load). The markers let
``kg build --into FILE`` replace or skip an article's block without re-extracting the others.

Formats: ``.ttl`` (Turtle, subjects grouped, prefixed names), ``.nt`` (N-Triples), ``.trig`` (one named
graph per article), and gzipped N-Triples shards with a manifest for bulk loaders. Output is sorted within
a block, so the same input gives byte-identical files whatever the number of workers.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from rdflib import RDF, Graph, Literal, URIRef

MARKER = "# article "
_SAFE_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_ESCAPE_RE = re.compile(r'[\\"\n\r\t]')
FORMATS = {".ttl": "turtle", ".nt": "nt", ".trig": "trig", ".jsonld": "json-ld", ".json": "json-ld"}


def format_for(path: str | Path) -> str:
    """rdflib format name for an output path, by extension."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"unsupported output extension {suffix!r}: use one of {', '.join(sorted(FORMATS))}")
    return FORMATS[suffix]


def escape(text: str) -> str:
    return _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group()], text)


def nt_term(term: object) -> str:
    """A term in N-Triples syntax (always one line)."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        body = f'"{escape(str(term))}"'
        if term.language:
            return f"{body}@{term.language}"
        if term.datatype:
            return f"{body}^^<{term.datatype}>"
        return body
    raise TypeError(f"unsupported term {term!r} (kg writes no blank nodes)")


class TermWriter:
    """Turtle terms with the graph's prefixes where the local name is safe."""

    def __init__(self, prefixes: dict[str, str]) -> None:
        self.prefixes = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))

    def __call__(self, term: object) -> str:
        if isinstance(term, URIRef):
            return self.iri(str(term))
        if isinstance(term, Literal) and term.datatype and not term.language:
            return f'"{escape(str(term))}"^^{self.iri(str(term.datatype))}'
        return nt_term(term)

    def iri(self, iri: str) -> str:
        for prefix, ns in self.prefixes:
            if iri.startswith(ns) and _SAFE_LOCAL.fullmatch(iri[len(ns) :]):
                return f"{prefix}:{iri[len(ns):]}"
        return f"<{iri}>"


def nt_lines(graph: Graph) -> list[str]:
    return sorted({f"{nt_term(s)} {nt_term(p)} {nt_term(o)} ." for s, p, o in graph})


def turtle_block(graph: Graph, terms: TermWriter, indent: str = "") -> str:
    """The graph's triples grouped by subject and predicate, sorted."""
    by_subject: dict[str, dict[str, list[str]]] = {}
    for s, p, o in graph:
        pred = "a" if p == RDF.type else terms(p)
        by_subject.setdefault(terms(s), {}).setdefault(pred, []).append(terms(o))
    out = []
    for subject in sorted(by_subject):
        preds = by_subject[subject]
        order = sorted(preds, key=lambda p: (p != "a", p))
        lines = [f"{p} {', '.join(sorted(set(preds[p])))}" for p in order]
        out.append(f"{indent}{subject} " + f" ;\n{indent}    ".join(lines) + " .\n")
    return "\n".join(out)


def prefix_header(prefixes: dict[str, str]) -> str:
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(prefixes.items())) + "\n"


def render_block(fmt: str, article_iri: str, article_id: str, digest: str, graph: Graph,
                 prefixes: dict[str, str]) -> str:
    """One article's block in ``fmt`` ("turtle", "nt", "trig"), headed by its marker comment."""
    head = f"{MARKER}{article_id} {digest}\n"
    if fmt == "nt":
        return head + "\n".join(nt_lines(graph)) + ("\n" if len(graph) else "")
    terms = TermWriter(prefixes)
    if fmt == "trig":
        return head + f"{terms(URIRef(article_iri))} {{\n" + turtle_block(graph, terms, "    ") + "}\n\n"
    return head + turtle_block(graph, terms) + "\n"


def _mode_for(path: Path) -> int:
    """The mode a plain write would give ``path``: an existing file's own, else 0666 less the umask."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_open(path: Path, binary: bool = False) -> tuple[IO, str]:
    """A temporary file beside ``path`` (``.NAME.XXXXXXXX.tmp``); ``commit`` renames it over ``path``.

    It gets the mode ``path`` has, or the umask's for a new file (not mkstemp's 0600), so the output reads as
    if written in place.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, _mode_for(path))
    except BaseException:
        os.close(fd)
        os.unlink(tmp)
        raise
    return (os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="\n")), tmp


def sweep_temps(path: Path) -> list[Path]:
    """Remove the temporary files of ``path`` that killed runs (SIGKILL, power loss) left beside it.

    Call it only while holding ``path``'s lock (``kg.build.locked``), so that no live run's file is taken.
    """
    pattern = re.compile(rf"\.{re.escape(path.name)}\.[a-z0-9_]{{8}}\.tmp")
    gone = []
    with os.scandir(path.parent) as entries:
        for entry in entries:
            if pattern.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)
                gone.append(Path(entry.path))
    return gone


class FileWriter:
    """Writes blocks in order to a temporary file and swaps it in on ``commit``; ``path`` None: to stdout."""

    def __init__(self, path: Path | None, fmt: str, prefixes: dict[str, str]) -> None:
        self.path, self.fmt = (None if path is None else Path(path)), fmt
        self.out: IO[bytes] | None = None
        if self.path is None:  # streamed as it comes (UTF-8 whatever the locale): nothing to swap in
            self.out, self.tmp = sys.stdout.buffer, ""
        else:
            self.fh, self.tmp = atomic_open(self.path)
        if fmt != "nt":
            self.write(prefix_header(prefixes))

    def write(self, block: str) -> None:
        if self.out is not None:
            self.out.write(block.encode("utf-8"))
        else:
            self.fh.write(block)

    def commit(self) -> None:
        if self.out is not None:
            self.out.flush()
            return
        self.fh.close()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        if self.out is not None:
            with contextlib.suppress(OSError):  # a closed pipe: nothing more can be said to it
                self.out.flush()
            return
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
        self._triples += sum(1 for line in block.splitlines() if line and not line.startswith("#"))
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
