"""The main job: read articles → extract → resolve → RDF, streamed in article order, on all cores.

Extraction is per article and map-only (``facts_of``): workers turn batches of articles into rendered
blocks of RDF; the parent writes them in input order, so a run on one core and a run on many give
byte-identical output, and memory stays bounded by the window of batches in flight, not the corpus.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import sys
import time
import urllib.parse
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from kg.corpus import MAX_ARTICLE_BYTES, Article, InputProblem, read_articles
from kg.extract import Extractor, default_extractor
from kg.facts import ArticleFacts
from kg.resolve import IRIs, resolve_article

BATCH = 16  # articles per task: enough to amortize inter-process traffic, small enough to keep order cheap


@dataclass
class Summary:
    articles: int = 0
    skipped: int = 0  # already present unchanged (``--into``)
    persons: int = 0
    posts: int = 0
    documents: int = 0
    credits: int = 0
    events: int = 0
    triples: int = 0
    seconds: float = 0.0
    problems: list[InputProblem] = field(default_factory=list)

    @property
    def failures(self) -> list[InputProblem]:
        return [p for p in self.problems if p.fatal]

    def add(self, counts: dict[str, int]) -> None:
        for key, value in counts.items():
            setattr(self, key, getattr(self, key) + value)

    def lines(self) -> list[str]:
        out = [f"articles {self.articles}, persons {self.persons}, posts {self.posts}, documents {self.documents}, "
               f"credits {self.credits}, events {self.events}, triples {self.triples}, failures {len(self.failures)}"]
        if self.skipped:
            out[0] += f", unchanged {self.skipped}"
        for p in self.problems:
            out.append(("error: " if p.fatal else "warning: ") + str(p))
        return out


def facts_of(article: Article, extractor: Extractor | None = None) -> ArticleFacts:
    """Extract and resolve one article: the map step."""
    return resolve_article((extractor or default_extractor())(article))


def digest(article: Article) -> str:
    """Content key of an article: a changed text (or title/date) gives a new digest."""
    key = "\x1f".join([article.text, article.title or "", article.date or "", article.url or "", article.source or ""])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def marker_id(article_id: str) -> str:
    return urllib.parse.quote(article_id, safe="")


def _counts(facts: ArticleFacts) -> dict[str, int]:
    return {"articles": 1, "persons": len(facts.persons), "posts": len(facts.posts),
            "documents": len(facts.documents), "credits": len(facts.credits), "events": len(facts.events)}


# -- the map step, in workers ----------------------------------------------------------------------------

_WORKER: dict[str, object] = {}


def _init_worker(fmt: str, base: str | None) -> None:
    from kg import rdf

    _WORKER["fmt"] = fmt
    _WORKER["builder"] = rdf.GraphBuilder(IRIs(base) if base else IRIs())
    default_extractor()


Item = Article | InputProblem
Done = tuple[str, object]  # ("problem", InputProblem) | ("block", (marker id, digest, text, counts, triples))


def _render(article: Article) -> Done:
    from kg import rdf, writers

    builder = _WORKER["builder"]
    assert isinstance(builder, rdf.GraphBuilder)
    try:
        facts = facts_of(article)
    except Exception as exc:  # one article's bug must not lose the batch
        return "problem", InputProblem(article.origin, article.line, f"extraction failed: {exc!r}", article.id)
    graph = builder.new_graph(bind=False)
    builder.add(graph, facts)
    fmt = str(_WORKER["fmt"])
    block = writers.render_block("nt" if fmt == "shards" else fmt, builder.iris.article(article.id),
                                 marker_id(article.id), digest(article), graph, rdf.prefixes_for(builder.iris))
    counts = _counts(facts)
    return "block", (marker_id(article.id), digest(article), block, counts, len(graph))


def _render_batch(items: list[Item]) -> list[Done]:
    return [("problem", item) if isinstance(item, InputProblem) else _render(item) for item in items]


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def render_all(items: Iterable[Item], fmt: str, base: str | None, jobs: int) -> Iterator[Done]:
    """Rendered blocks (and problems) in input order, from ``jobs`` worker processes (1: in this process)."""
    if jobs <= 1:
        _init_worker(fmt, base)
        for batch in _batches(items, BATCH):
            yield from _render_batch(batch)
        return
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    default_extractor()  # built once here, shared copy-on-write by forked workers
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(fmt, base)) as pool:
        window: deque = deque()
        for batch in _batches(items, BATCH):
            window.append(pool.apply_async(_render_batch, (batch,)))
            if len(window) >= jobs * 4:  # backpressure: never more than a few batches per worker in flight
                yield from window.popleft().get()
        while window:
            yield from window.popleft().get()


# -- the reduce step: writing in order ---------------------------------------------------------------------

class Progress:
    """Articles/s and ETA on a terminal; silent otherwise."""

    def __init__(self, total: int | None, stream: TextIO | None) -> None:
        self.total, self.stream = total, stream
        self.start = self.last = time.monotonic()
        self.done = 0

    def tick(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if self.stream is None or now - self.last < 0.5:
            return
        self.last = now
        rate = self.done / max(now - self.start, 1e-9)
        eta = f", ETA {int((self.total - self.done) / rate)} s" if self.total and rate else ""
        total = f"/{self.total}" if self.total else ""
        self.stream.write(f"\r{self.done}{total} articles, {rate:.0f} articles/s{eta}   ")
        self.stream.flush()

    def close(self) -> None:
        if self.stream is not None and self.done:
            self.stream.write("\r" + " " * 70 + "\r")
            self.stream.flush()


def count_articles(paths: Iterable[str | Path]) -> int | None:
    """A quick count of the articles to come (lines of JSON, .txt files), for the ETA."""
    import gzip

    total = 0
    for path in map(Path, paths):
        # regular files only: opening a FIFO would block for ever
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path] * path.is_file()
        for f in files:
            name = f.name.lower()
            try:
                if name.endswith(".txt"):
                    total += 1
                elif name.endswith(".jsonl"):
                    with open(f, "rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                elif name.endswith(".jsonl.gz"):
                    with gzip.open(f, "rb") as fh:
                        total += sum(1 for line in fh if line.strip())
            except OSError:
                return None
    return total


def build(paths: Iterable[str | Path], out: str | Path, base: str | None = None, *, jobs: int | None = None,
          progress: bool = False, shard_size: int | None = None, into: bool = False,
          max_article_bytes: int | None = MAX_ARTICLE_BYTES) -> Summary:
    """Build the graph of ``paths`` into ``out`` (format by extension, or a shard folder).

    An article over ``max_article_bytes`` of text (None: no bound), or whose IRI another id already has, is
    reported and skipped.

    ``into``: ``out`` is an existing kg output file; articles already in it with the same content are left
    as they are, changed ones replace their own block, new ones are appended. The file is swapped in whole.
    """
    from kg import rdf, writers

    paths = list(paths)
    out = Path(out)
    started = time.monotonic()
    summary = Summary()
    jobs = max(1, jobs if jobs is not None else (os.cpu_count() or 1))
    if into and (out.is_dir() or not out.suffix):
        return _build_into_store(paths, out, base, jobs, summary, started, progress, max_article_bytes)
    fmt = "shards" if shard_size else writers.format_for(out)
    if fmt == "json-ld":  # JSON-LD is one document: built in memory (for small graphs)
        return _build_jsonld(paths, out, base, summary, started, max_article_bytes)

    existing: dict[str, tuple[str, str]] = {}
    if into and out.exists():
        existing = {mid: (dig, text) for _header, mid, dig, text in writers.iter_blocks(out)}

    def items() -> Iterator[Item]:
        for item in _read(paths, IRIs(base) if base else IRIs(), max_article_bytes):
            if isinstance(item, Article) and existing.get(marker_id(item.id), ("",))[0] == digest(item):
                summary.skipped += 1
                continue
            yield item

    prefixes = rdf.prefixes_for(IRIs(base) if base else IRIs())
    writer = writers.ShardWriter(out, shard_size) if shard_size else writers.FileWriter(out, fmt, prefixes)
    meter = Progress(count_articles(paths) if progress else None, sys.stderr if progress else None)
    changed: dict[str, str] = {}  # --into: new blocks of articles already in the file
    try:
        if existing:  # earlier articles keep their place; a changed one is rewritten where it was
            fresh: list[str] = []
            for block in _blocks(render_all(items(), fmt, base, jobs), summary, meter):
                mid = block[len(writers.MARKER) :].split(None, 1)[0]
                (changed.__setitem__(mid, block) if mid in existing else fresh.append(block))
            for mid, (_dig, text) in existing.items():
                writer.write(changed.get(mid, text))
            for block in fresh:
                writer.write(block)
        else:
            for block in _blocks(render_all(items(), fmt, base, jobs), summary, meter):
                writer.write(block)
        writer.commit()
    except BaseException:
        writer.abort()
        raise
    finally:
        meter.close()
    summary.seconds = time.monotonic() - started
    return summary


def _read(paths: list[str | Path], iris: IRIs, max_bytes: int | None) -> Iterator[Item]:
    """``read_articles``, and an error for an article whose IRI an earlier id has: reported, never merged."""
    seen: dict[str, tuple[str, str]] = {}
    for item in read_articles(paths, max_bytes=max_bytes):
        if isinstance(item, Article):
            iri = iris.article(item.id)
            first = seen.setdefault(iri, (item.id, item.origin if item.line is None else f"{item.origin}:{item.line}"))
            if first[0] != item.id:  # the same id twice was already reported by read_articles
                yield InputProblem(item.origin, item.line, f"id {item.id} has the same IRI {iri} as id {first[0]} "
                                                           f"(at {first[1]}); skipped", item.id)
                continue
        yield item


def _blocks(done: Iterator[Done], summary: Summary, meter: Progress) -> Iterator[str]:
    """The rendered blocks, in order; problems and counts go to the summary."""
    for kind, value in done:
        if kind == "problem":
            assert isinstance(value, InputProblem)
            summary.problems.append(value)
            continue
        _mid, _dig, block, counts, triples = value  # type: ignore[misc]
        summary.add(counts)
        summary.triples += triples
        meter.tick()
        yield block


def _build_into_store(paths: list[str | Path], store_dir: Path, base: str | None, jobs: int, summary: Summary,
                      started: float, progress: bool, max_bytes: int | None) -> Summary:
    """Add articles to an Oxigraph store: unchanged ones skipped, changed ones replaced (a kill leaves whole ones)."""
    import pyoxigraph as ox

    from kg import store as kgstore
    from kg import writers

    iris = IRIs(base) if base else IRIs()
    db = kgstore.open_store(store_dir)
    known = kgstore.digests(db)

    def items() -> Iterator[Item]:
        for item in _read(paths, iris, max_bytes):
            if isinstance(item, Article) and known.get(iris.article(item.id)) == digest(item):
                summary.skipped += 1
                continue
            yield item

    meter = Progress(count_articles(paths) if progress else None, sys.stderr if progress else None)

    def quads() -> Iterator[tuple]:
        for block in _blocks(render_all(items(), "nt", base, jobs), summary, meter):
            dig = block[len(writers.MARKER) :].split(None, 2)[1]
            article, qs = kgstore.article_quads("", block, ox.RdfFormat.N_TRIPLES, dig)
            if article is not None:
                yield article, qs

    try:
        kgstore.replace_articles(db, quads())
    finally:
        meter.close()
    summary.seconds = time.monotonic() - started
    return summary


def _build_jsonld(paths: list[str | Path], out: Path, base: str | None, summary: Summary, started: float,
                  max_bytes: int | None) -> Summary:
    from kg import rdf

    def facts() -> Iterator[ArticleFacts]:
        for item in _read(paths, IRIs(base) if base else IRIs(), max_bytes):
            if isinstance(item, InputProblem):
                summary.problems.append(item)
                continue
            try:
                f = facts_of(item)
            except Exception as exc:  # one article's bug must not lose the batch
                summary.problems.append(InputProblem(item.origin, item.line, f"extraction failed: {exc!r}", item.id))
                continue
            summary.add(_counts(f))
            yield f

    graph = rdf.build_graph(facts(), IRIs(base) if base else IRIs())
    summary.triples = len(graph)
    rdf.write_atomic(rdf.serialize(graph, "json-ld"), out)
    summary.seconds = time.monotonic() - started
    return summary
