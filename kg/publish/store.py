"""The embedded persistent store (Oxigraph): load kg graphs, query fast, replace an article's facts.

Every article's triples live in the named graph of the article's IRI, together with the digest of the text they
came from (``kg:sourceDigest``, stated in the article's block), so adding articles again is cheap: an unchanged
article is skipped, a changed one is dropped and re-inserted, and nothing else is touched. The default graph
holds the set union of all articles' triples, which is what queries read. A writer killed at any point leaves
whole articles only (see ``replace_articles``), a broken input file changes nothing, and a store busy with
another process says so.
"""

from __future__ import annotations

import gzip
import re
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from kg.namespaces import PREFIXES
from kg.publish.writers import MARKER, CutShort, by_extension, iter_blocks

KG_DIGEST = "https://w3id.org/kg-vn/ns#sourceDigest"
NEWS_ARTICLE = ox.NamedNode("https://schema.org/NewsArticle")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
BATCH = 200  # articles per transaction
_DEFAULT = ox.DefaultGraph()
_FILES = re.compile(r"\.(ttl|nt|trig|nq)(\.gz)?$")


class StoreBusy(OSError):
    """Another kg process holds the store (writing), or rewrote it under a reader's feet."""


class LoadError(ValueError):
    """A graph file ``kg load`` cannot read: names the file and the line."""


def open_store(path: str | Path, read_only: bool = False) -> ox.Store:
    """Open a store folder; read-only ones must exist, writable ones are created. Busy stores raise StoreBusy."""
    path = Path(path)
    if read_only:
        if not path.is_dir():
            raise FileNotFoundError(f"no store at {path} (create one with `kg load GRAPH --store {path}`)")
        for attempt in range(3):
            try:
                return ox.Store.read_only(str(path))
            except (OSError, RuntimeError) as exc:  # a writer's compaction removed a file as we opened it
                if not is_busy(exc):
                    raise
                if attempt == 2:
                    raise StoreBusy(busy_message(path)) from exc
                time.sleep(0.2)
    path.mkdir(parents=True, exist_ok=True)
    try:
        return ox.Store(str(path))
    except OSError as exc:
        if "lock" in str(exc).lower():
            raise StoreBusy(f"the store {path} is in use by another kg process (kg load or kg build --into); "
                            "try again when it is done") from exc
        raise


def is_busy(exc: BaseException) -> bool:
    """Whether a read failed because a writer replaced the store's files meanwhile (RocksDB compaction)."""
    if isinstance(exc, StoreBusy):
        return True
    return isinstance(exc, (OSError, RuntimeError)) and bool(re.search(r"Corruption|\.sst\b|MANIFEST", str(exc)))


def busy_message(path: str | Path) -> str:
    """What to tell a reader whose store a writer changed under its feet."""
    return f"the store {path} is being written by another kg process; try again when it is done"


_LOADABLE = ("turtle", "nt", "trig", "nquads")  # line- or block-based: loaded per article, streamed


def _format(path: Path) -> ox.RdfFormat:
    fmt = by_extension(path, written=False)
    if fmt is not None and fmt.name in _LOADABLE:
        return fmt.ox_format
    raise ValueError(f"{path}: cannot load this format into the store (use .ttl .nt .trig .nq, or a shard folder)")


def article_quads(header: str, block: str, fmt: ox.RdfFormat) -> tuple[ox.NamedNode | None, list]:
    """The quads of one article block, all in the article's named graph, the digest (the block's own
    ``kg:sourceDigest`` triple) last. A block of an older kg states none: it gets the digest "", which no
    article's equals, so it is loaded whole and counts as changed the next time."""
    triples = list(ox.parse(header + block, format=fmt))
    article = next((t.subject for t in triples if t.predicate == RDF_TYPE and t.object == NEWS_ARTICLE), None)
    if article is None:
        return None, []
    graph = article
    digest = ox.NamedNode(KG_DIGEST)
    quads = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples if t.predicate != digest]
    stated = [t.object for t in triples if t.predicate == digest and t.subject == article]
    quads.append(ox.Quad(article, digest, stated[0] if stated else ox.Literal(""), graph))
    return article, quads


def block_digest(quads: list) -> str:
    """The digest ``article_quads`` sealed an article's quads with ("" for a block of an older kg)."""
    return quads[-1].object.value if quads else ""


def digests(store: ox.Store) -> dict[str, str]:
    """Article IRI → digest of every article in the store."""
    rows = store.query(f"SELECT ?a ?d WHERE {{ GRAPH ?a {{ ?a <{KG_DIGEST}> ?d }} }}")
    return {row["a"].value: row["d"].value for row in rows}


def _triple(q: ox.Quad) -> tuple:
    return q.subject, q.predicate, q.object


def _stale(store: ox.Store, triples: Iterable[tuple], leaving: set) -> list[tuple]:
    """Those triples no graph but the ``leaving`` ones states: they must leave the union default graph."""
    return [t for t in triples if all(q.graph_name in leaving or q.graph_name == _DEFAULT
                                      for q in store.quads_for_pattern(*t, None))]


def _nt(triples: Iterable[tuple]) -> str:
    return "\n".join(f"{s} {p} {o} ." for s, p, o in triples)


def repair(store: ox.Store) -> int:
    """Roll back articles a killed writer left half-written (a named graph without its digest); their number.

    New articles are bulk-written, which is not transactional: their triples first, their digests last, in one
    transaction. So an article graph without a digest is one that was being written; it and the union triples
    only it stated go, in one transaction, and the next run adds the article again.
    """
    have = set(digests(store))
    broken = {g for g in store.named_graphs() if isinstance(g, ox.NamedNode) and g.value not in have}
    if not broken:
        return 0
    triples = {_triple(q) for g in broken for q in store.quads_for_pattern(None, None, None, g)}
    drops = "".join(f"DROP SILENT GRAPH {g} ;\n" for g in sorted(broken, key=str))
    store.update(f"{drops}DELETE DATA {{\n{_nt(_stale(store, triples, broken))}\n}}")
    return len(broken)


def replace_articles(store: ox.Store, items: Iterable[tuple[ox.NamedNode, list]]) -> int:
    """Replace each article's named graph and keep the default graph the set union of all articles' triples.

    Queries read the default graph (a triple stated by many articles is there once); the named graphs keep
    which article stated what, so a changed article's old triples leave the union unless another states them.
    A process killed at any point leaves whole articles only: a batch that replaces articles is one SPARQL
    update (one transaction); a batch of new articles is bulk-written and then sealed by its digests, and
    ``repair`` (run first) rolls back an unsealed one.
    """
    repair(store)
    done = 0
    batch: list[tuple[ox.NamedNode, list]] = []

    def flush() -> None:
        if not batch:
            return
        new_triples = {_triple(q) for _, quads in batch for q in quads}
        replaced = {article for article, _ in batch if store.contains_named_graph(article)}
        if replaced:
            old = {_triple(q) for a in replaced for q in store.quads_for_pattern(None, None, None, a)}
            graphs = "\n".join(f"GRAPH {a} {{\n{_nt(map(_triple, quads))}\n}}" for a, quads in batch)
            drops = "".join(f"DROP SILENT GRAPH {a} ;\n" for a in sorted(replaced, key=str))
            store.update(f"{drops}DELETE DATA {{\n{_nt(_stale(store, old - new_triples, replaced))}\n}} ;\n"
                         f"INSERT DATA {{\n{graphs}\n{_nt(new_triples)}\n}}")
        else:
            # new articles: written straight to sorted files (fast, and a reopened store needs no log replay),
            # the named graphs first, then the union triples, and last, in one transaction, the digests
            digest = ox.NamedNode(KG_DIGEST)
            seals = [q for _, quads in batch for q in quads if q.predicate == digest]
            store.bulk_extend(q for _, quads in batch for q in quads if q.predicate != digest)
            store.bulk_extend(ox.Quad(s, p, o) for s, p, o in new_triples if p != digest)
            store.extend(seals + [ox.Quad(q.subject, q.predicate, q.object) for q in seals])
        batch.clear()

    for item in items:
        batch.append(item)
        done += 1
        if len(batch) >= BATCH:
            flush()
    flush()
    if done:
        # merge the many small sorted files bulk writes leave behind: joins then run about four times faster
        store.optimize()
    return done


class _Lines:
    """A binary file read through, counting its lines: where a truncated .gz ends."""

    def __init__(self, fh: IO[bytes]) -> None:
        self.fh, self.lines = fh, 0

    def read(self, n: int = -1) -> bytes:
        data = self.fh.read(n)
        self.lines += data.count(b"\n")
        return data


def _open(path: Path) -> IO[bytes]:
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else open(path, "rb")


def _has_markers(path: Path) -> bool:
    """Whether the file is kg output (article blocks headed by ``# article <id>``)."""
    with _open(path) as fh:
        for line in fh:
            if line.startswith(MARKER.encode()):
                return True
            if not (line.startswith((b"@prefix", b"PREFIX", b"#")) or not line.strip()):
                return False
    return False


def check_files(paths: Iterable[str | Path]) -> list[Path]:
    """The graph files to load (folders expanded), each parsed through once: LoadError names a broken one."""
    files = list(_files(paths))
    for path in files:
        fmt = _format(path)
        reader = None
        try:
            with _open(path) as fh:
                reader = _Lines(fh)
                for _ in ox.parse(reader, format=fmt):
                    pass
        except SyntaxError as exc:
            message = re.sub(r"^Parser error at line \d+ (between columns \d+ and \d+|at column \d+)?:?\s*", "",
                             exc.msg or str(exc))
            raise LoadError(f"{path} line {exc.lineno}: {message}") from None
        except (EOFError, OSError, UnicodeDecodeError) as exc:
            line = reader.lines + 1 if reader is not None else 1
            raise LoadError(f"{path} line {line}: {exc}") from None
        if _has_markers(path):  # kg output: whole only with its closing line (a cut at a line break still parses)
            try:
                for _ in iter_blocks(path):
                    pass
            except CutShort as exc:
                raise LoadError(str(exc)) from None
    return files


def load(store: ox.Store, paths: Iterable[str | Path], *, checked: bool = False) -> dict[str, int]:
    """Load kg output files (article blocks become named graphs) and other RDF files (into the default graph).

    Every file is parsed through first (unless ``checked``: the caller ran ``check_files``), so a broken file
    changes nothing.
    """
    files = [Path(p) for p in paths] if checked else check_files(paths)
    known = digests(store)
    stats = {"articles": 0, "unchanged": 0, "files": len(files), "default_triples": 0}
    foreign = [path for path in files if not _has_markers(path)]

    def fresh() -> Iterator[tuple[ox.NamedNode, list]]:
        for path in files:
            if path in foreign:
                continue
            fmt = _format(path)
            for header, _mid, _marked, block in iter_blocks(path):  # the digest is the block's own triple
                article, quads = article_quads(header, block, fmt)
                if article is None:
                    continue
                digest = block_digest(quads)
                if digest and known.get(article.value) == digest:
                    stats["unchanged"] += 1
                    continue
                yield article, quads

    stats["articles"] = replace_articles(store, fresh())
    for path in foreign:  # not kg output: its triples (of any graph) join the default graph
        with _open(path) as fh:
            triples = {_triple(q) for q in ox.parse(fh, format=_format(path))}
        store.extend(ox.Quad(s, p, o) for s, p, o in triples)
        stats["default_triples"] += len(triples)
    return stats


def _files(paths: Iterable[str | Path]) -> Iterator[Path]:
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(x for x in p.iterdir() if _FILES.search(x.name))
        elif p.exists():
            yield p
        else:
            raise FileNotFoundError(f"{p}: no such file")


def with_prefixes(query: str) -> str:
    """The query with kg's usual PREFIX declarations added for the prefixes it uses but does not declare."""
    declared = {m.group(1) for m in re.finditer(r"(?i)PREFIX\s+([\w-]*):", query)}
    extra = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items()
                    if p not in declared and re.search(rf"(?<![\w<]){p}:", query))
    if "rdf:" in query and "rdf" not in declared:
        extra += "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
    return extra + query


def execute(store: ox.Store, text: str, *, allow_service: bool = False,
            union: bool = False) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    """Run a read-only query (kg's usual prefixes added) on the union of all articles' triples.

    Updates are refused, and so is ``SERVICE`` (it would send data to another server) unless
    ``allow_service``; ``union`` reads the union of the default and named graphs (graph files read into an
    in-memory store).
    """
    from kg.publish.query import refuse_unsafe

    refuse_unsafe(text, allow_service)
    return store.query(with_prefixes(text), use_default_graph_as_union=union)


def csv_text(result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples) -> str | None:
    """A SELECT result as CSV, written by Oxigraph itself (faster than row by row in Python); else None."""
    if isinstance(result, ox.QuerySolutions):
        return result.serialize(format=ox.QueryResultsFormat.CSV).decode("utf-8")
    return None


def query(store: ox.Store, text: str) -> tuple[list[str], list[list[str]]]:
    """Column names and rows (plain strings) of a SELECT, ASK or CONSTRUCT query over the union of all graphs."""
    return table(execute(store, text))


def table(result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples) -> tuple[list[str], list[list[str]]]:
    """Column names and rows (plain strings) of a query result."""
    if isinstance(result, ox.QueryBoolean):
        return ["ask"], [[str(bool(result)).lower()]]
    if isinstance(result, ox.QuerySolutions):
        header = [v.value for v in result.variables]
        rows = [["" if row[v] is None else row[v].value for v in header] for row in result]
        return header, rows
    triples = list(result)
    return ["subject", "predicate", "object"], [[t.subject.value, t.predicate.value, t.object.value] for t in triples]
