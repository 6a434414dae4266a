"""The embedded persistent store (Oxigraph): load kg graphs, query fast, replace an article's facts.

Every article's triples live in the named graph of the article's IRI, together with the digest of the text
they came from (``kg:sourceDigest``), so adding articles again is cheap: an unchanged article is skipped, a
changed one is dropped and re-inserted, and nothing else is touched. The default graph holds the set union of
all articles' triples, which is what queries read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from kg.namespaces import PREFIXES
from kg.writers import iter_blocks

KG_DIGEST = "https://w3id.org/kg-vn/ns#sourceDigest"
NEWS_ARTICLE = ox.NamedNode("https://schema.org/NewsArticle")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
BATCH = 200  # articles per transaction


def open_store(path: str | Path, read_only: bool = False) -> ox.Store:
    path = Path(path)
    if read_only:
        if not path.is_dir():
            raise FileNotFoundError(f"no store at {path} (create one with `kg load GRAPH --store {path}`)")
        return ox.Store.read_only(str(path))
    path.mkdir(parents=True, exist_ok=True)
    return ox.Store(str(path))


def _format(path: Path) -> ox.RdfFormat:
    name = path.name.lower().removesuffix(".gz")
    for ext, fmt in ((".ttl", ox.RdfFormat.TURTLE), (".nt", ox.RdfFormat.N_TRIPLES), (".trig", ox.RdfFormat.TRIG),
                     (".nq", ox.RdfFormat.N_QUADS)):
        if name.endswith(ext):
            return fmt
    raise ValueError(f"{path}: cannot load this format into the store (use .ttl .nt .trig, or a shard folder)")


def article_quads(header: str, block: str, fmt: ox.RdfFormat, digest: str) -> tuple[ox.NamedNode | None, list]:
    """The quads of one article block, all in the article's named graph, plus its digest."""
    triples = list(ox.parse(header + block, format=fmt))
    article = next((t.subject for t in triples if t.predicate == RDF_TYPE and t.object == NEWS_ARTICLE), None)
    if article is None:
        return None, []
    graph = article
    quads = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]
    quads.append(ox.Quad(article, ox.NamedNode(KG_DIGEST), ox.Literal(digest), graph))
    return article, quads


def digests(store: ox.Store) -> dict[str, str]:
    """Article IRI → digest of every article in the store."""
    rows = store.query(f"SELECT ?a ?d WHERE {{ GRAPH ?a {{ ?a <{KG_DIGEST}> ?d }} }}")
    return {row["a"].value: row["d"].value for row in rows}


def replace_articles(store: ox.Store, items: Iterable[tuple[ox.NamedNode, list]]) -> int:
    """Replace each article's named graph and keep the default graph the set union of all articles' triples.

    Queries read the default graph (a triple stated by many articles is there once); the named graphs keep
    which article stated what, so a changed article's old triples leave the union unless another states them.
    """
    done = 0
    batch: list[tuple[ox.NamedNode, list]] = []
    default = ox.DefaultGraph()

    def flush() -> None:
        if not batch:
            return
        new_triples = set()
        for _, quads in batch:
            new_triples.update((q.subject, q.predicate, q.object) for q in quads)
        old: set = set()
        replacing = False
        for article, _ in batch:
            if store.contains_named_graph(article):
                stated = store.quads_for_pattern(None, None, None, article)
                old.update((q.subject, q.predicate, q.object) for q in stated)
                store.remove_graph(article)
                replacing = True
        for s, p, o in old - new_triples:
            if next(iter(store.quads_for_pattern(s, p, o, None)), None) is None or all(
                    q.graph_name == default for q in store.quads_for_pattern(s, p, o, None)):
                store.remove(ox.Quad(s, p, o, default))
        quads = [q for _, qs in batch for q in qs] + [ox.Quad(s, p, o, default) for s, p, o in new_triples]
        # new articles: written straight to sorted files (fast, and a reopened store needs no log replay);
        # replacements: one transaction, so a failure never leaves an article half replaced
        (store.extend if replacing else store.bulk_extend)(quads)
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


def load(store: ox.Store, paths: Iterable[str | Path]) -> dict[str, int]:
    """Load kg output files (article blocks become named graphs) or any RDF file (into the default graph)."""
    known = digests(store)
    stats = {"articles": 0, "unchanged": 0, "files": 0, "quad_files": 0}

    def fresh() -> Iterator[tuple[ox.NamedNode, list]]:
        for path in _files(paths):
            stats["files"] += 1
            fmt = _format(path)
            if fmt in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS):
                store.bulk_load(path=str(path), format=fmt)
                stats["quad_files"] += 1
                continue
            for header, _mid, digest, block in iter_blocks(path):
                article, quads = article_quads(header, block, fmt, digest)
                if article is None:
                    continue
                if known.get(article.value) == digest:
                    stats["unchanged"] += 1
                    continue
                yield article, quads

    stats["articles"] = replace_articles(store, fresh())
    if stats["quad_files"] and not stats["articles"]:
        store.optimize()
    return stats


def _files(paths: Iterable[str | Path]) -> Iterator[Path]:
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(x for x in p.iterdir() if re.search(r"\.(ttl|nt|trig|nq)(\.gz)?$", x.name))
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
    from kg.query import refuse_unsafe

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
