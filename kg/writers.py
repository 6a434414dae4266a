"""Streaming RDF writers: one article's triples at a time, in article order, never the whole graph in memory.

Each article becomes one block headed by a comment ``# article <id>``; the union of the blocks is the graph (a
triple two articles share is written in both blocks and merges on load). Each block states its article's
digest as data (``<article> kg:sourceDigest "…"``), so ``kg build --into FILE`` and the store replace or skip
an article's block without re-extracting the others; the marker is only the block's delimiter.

Formats: ``.ttl`` (Turtle, subjects grouped, prefixed names), ``.nt`` (N-Triples), ``.trig`` (one named
graph per article), all serialized by pyoxigraph, and gzipped N-Triples shards with a manifest for bulk
loaders. Output is sorted within a block, so the same input gives byte-identical files whatever the number
of workers, and every line break inside a term is escaped, so a line of N-Triples is one triple.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import gzip
import json
import os
import re
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import RDF, Graph, Literal, URIRef

MARKER = "# article "
FORMATS = {".ttl": "turtle", ".nt": "nt", ".trig": "trig", ".jsonld": "json-ld", ".json": "json-ld"}
OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG}
# Oxigraph escapes every C0 control and DEL; these three it leaves raw, yet line-based tools (and Python's
# splitlines) break lines at them, so they are escaped too (a \uXXXX escape is valid in strings and IRIs alike)
_ESCAPED_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})
_PREFIX_LINES = re.compile(r"(?:@prefix [^\n]*\n)*")
_TYPE = str(RDF.type)
_SOURCE_DIGEST = URIRef("https://w3id.org/kg-vn/ns#sourceDigest")


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
        """One article's block in ``fmt`` ("turtle", "nt", "trig"), headed by its marker comment: the triples of
        ``graph`` and ``<article_iri> kg:sourceDigest "digest"`` (none if empty; ``graph`` is not changed)."""
        head = f"{MARKER}{article_id}\n"
        if digest:
            graph = [*graph, (URIRef(article_iri), _SOURCE_DIGEST, Literal(digest))]  # type: ignore[assignment]
        if fmt == "nt":  # lines sorted as text, as kg always wrote them
            text = ox.serialize(self.triples(graph), format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
            body = "".join(f"{line}\n" for line in sorted(text.split("\n")[:-1]))  # not splitlines: U+2028
        elif fmt in ("turtle", "trig"):
            triples: list = self.triples(graph, ordered=True)
            if fmt == "trig":
                name = self.iri(article_iri)
                triples = [ox.Quad(t.subject, t.predicate, t.object, name) for t in triples]
            text = ox.serialize(triples, format=OX_FORMATS[fmt], prefixes=self.prefixes).decode("utf-8")
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


_PART = re.compile(r"part-\d+\.nt\.gz")
_OWN_TEMP = re.compile(r"\.(part-\d+\.nt\.gz|manifest\.json)\..*\.tmp")  # what older kg versions left behind


class ShardWriter:
    """Gzipped N-Triples shards of ``size`` articles each, plus ``manifest.json``, swapped in as one folder.

    The parts and the manifest are written into a fresh hidden sibling folder (``.NAME.kg-new-…``); ``commit``
    swaps it with the target in one atomic rename (Linux ``renameat2(RENAME_EXCHANGE)``; elsewhere two renames,
    the old folder set aside first) and deletes the old set. So ``DIR/part-*.nt.gz`` always holds exactly the
    manifest's articles: a kill, a full disk or an error leaves the old set, never a mix, and no stale parts
    of an earlier, bigger build. A folder that is not a kg shard folder (files other than ``manifest.json`` and
    ``part-*.nt.gz``) is refused, so kg never deletes anything it did not write.
    """

    def __init__(self, directory: Path, size: int) -> None:
        self.dir = Path(os.path.realpath(directory))  # a symlinked folder is swapped where it really is
        self.size = max(1, size)
        check_shard_folder(self.dir)
        self.dir.parent.mkdir(parents=True, exist_ok=True)
        _sweep(self.dir)
        self.work = Path(tempfile.mkdtemp(prefix=f".{self.dir.name}.kg-new-{os.getpid()}-", dir=self.dir.parent))
        os.chmod(self.work, _folder_mode(self.dir))
        self.shards: list[dict[str, object]] = []
        self._open: tuple[gzip.GzipFile, IO[bytes], Path] | None = None
        self._count = 0
        self._triples = 0

    def write(self, block: str) -> None:
        if self._open is None:
            path = self.work / f"part-{len(self.shards):05d}.nt.gz"
            raw = open(path, "xb")  # noqa: SIM115 (closed in _close_shard)
            self._open = (gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0), raw, path)
        self._open[0].write(block.encode("utf-8"))
        self._count += 1
        # one triple a line: every line break inside a term is escaped (see BlockRenderer)
        self._triples += sum(1 for line in block.split("\n") if line and not line.startswith("#"))
        if self._count >= self.size:
            self._close_shard()

    def _close_shard(self) -> None:
        if self._open is None:
            return
        gz, raw, path = self._open
        self._open = None
        gz.close()
        raw.flush()
        os.fsync(raw.fileno())
        raw.close()
        self.shards.append({"file": path.name, "articles": self._count, "triples": self._triples})
        self._count, self._triples = 0, 0

    def commit(self) -> None:
        """Write the manifest and swap the new set in; the old set is deleted once the new one is in place."""
        try:
            self._close_shard()
            manifest = {"format": "application/n-triples", "compression": "gzip", "shards": self.shards,
                        "articles": sum(int(s["articles"]) for s in self.shards),
                        "triples": sum(int(s["triples"]) for s in self.shards)}
            with open(self.work / "manifest.json", "x", encoding="utf-8", newline="\n") as fh:
                fh.write(json.dumps(manifest, indent=1) + "\n")
                fh.flush()
                os.fsync(fh.fileno())
            _fsync_dir(self.work)
            check_shard_folder(self.dir)  # still kg's (or gone) now that we are about to replace it
            if self.dir.exists():
                old = _swap(self.work, self.dir)
            else:
                os.rename(self.work, self.dir)
                old = None
            _fsync_dir(self.dir.parent)
        except BaseException:
            self.abort()
            raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        """Drop the new set; the old one was never touched."""
        if self._open is not None:
            gz, raw, _ = self._open
            self._open = None
            with contextlib.suppress(OSError):  # a full disk may fail the last flush too
                gz.close()
            raw.close()
        shutil.rmtree(self.work, ignore_errors=True)


def check_shard_folder(folder: Path) -> None:
    """Refuse (ValueError) a shard target that exists and is not a kg shard folder: a file, or a folder holding
    anything but ``manifest.json`` and ``part-*.nt.gz`` (an empty folder is fine)."""
    if not folder.exists():
        return
    if not folder.is_dir():
        raise ValueError(f"{folder} exists and is not a folder: cannot write shards there")
    names = sorted(p.name for p in folder.iterdir())
    if not names:
        return
    if "manifest.json" not in names:
        raise ValueError(f"{folder} is not a kg shard folder (no manifest.json): refusing to replace it; "
                         "give an empty or new folder")
    foreign = [n for n in names if n != "manifest.json" and not _PART.fullmatch(n) and not _OWN_TEMP.fullmatch(n)]
    if foreign:
        raise ValueError(f"{folder} holds files kg did not write ({', '.join(foreign[:5])}): refusing to replace "
                         "it; move them away or give another folder")


def _folder_mode(target: Path) -> int:
    """The mode the new folder gets: the old folder's, or what ``mkdir`` would give under the umask."""
    if target.is_dir():
        return target.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o777 & ~umask


def _sweep(target: Path) -> None:
    """Remove what killed runs into ``target`` left beside it; a folder set aside (``kg-old``) when the target is
    missing is a swap that was cut short between its two renames: put it back."""
    for stale in sorted(target.parent.glob(f".{_glob_escape(target.name)}.kg-*-*")):
        kind, _, rest = stale.name[len(target.name) + 5 :].partition("-")
        pid = rest.split("-", 1)[0]
        if kind not in ("new", "old") or not pid.isdigit() or not stale.is_dir() or _alive(int(pid)):
            continue
        if kind == "old" and not target.exists() and (stale / "manifest.json").exists():
            os.rename(stale, target)
        else:
            shutil.rmtree(stale, ignore_errors=True)


def _glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # a leftover of an earlier run with our pid: not in use by this writer
    if os.name != "posix":
        return True  # no harmless probe (os.kill there stops the process): leave the folder alone
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _swap(new: Path, target: Path) -> Path:
    """Put ``new`` where ``target`` is; return where the old folder now is (to delete)."""
    if _exchange(new, target):
        return new
    aside = Path(tempfile.mkdtemp(prefix=f".{target.name}.kg-old-{os.getpid()}-", dir=target.parent))
    os.rmdir(aside)
    os.rename(target, aside)
    try:
        os.rename(new, target)
    except BaseException:
        os.rename(aside, target)
        raise
    return aside


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError, TypeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def iter_blocks(path: Path) -> Iterator[tuple[str, str, str, str]]:
    """(header, marker id, marker digest, block) of each article block of a kg output file (``.gz`` too),
    streamed. The marker digest is what kg before the digest triple wrote (``# article <id> <digest>``), else ""."""
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
