"""The main job: read articles → extract → link → publish, streamed in article order, on all cores.

Per article and map-only, a worker composes three stages from three modules: extract (``kg.extract``; skipped
for the lines of a facts file, which hold its output), link (``kg.link.resolve_article``) and publish
(``kg.publish.block``: ``kg.publish.rdf`` and ``kg.publish.writers``). Workers turn batches of articles into
rendered blocks of RDF; the parent writes them in input order, so a run on one core and a run on many give
byte-identical output, and memory stays bounded by the window of batches in flight, not the corpus.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import hashlib
import multiprocessing
import os
import re
import signal
import sys
import time
import urllib.parse
from array import array
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from kg.corpus import MAX_ARTICLE_BYTES, Article, InputProblem, read_articles
from kg.extract import Extractor, default_extractor
from kg.extract.facts import ArticleFacts
from kg.extract.facts_json import FactsLine
from kg.link import resolve_article
from kg.link.curation import Curation
from kg.publish.block import marker_id, publish
from kg.publish.iris import IRIs
from kg.run.job import check_stop

BATCH = 16  # articles per task: enough to amortize inter-process traffic, small enough to keep order cheap
STDOUT = "-"  # ``out`` for the graph on standard output


class BuildRefused(ValueError):
    """The build would make its output worse (or race another run), so nothing was touched."""


@dataclass
class Summary:
    """What a build did: articles built (and skipped), and the distinct persons, posts, documents, credits,
    events and triples of the output it wrote (with ``--into`` a file: of the whole file after the update)."""

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
    written: bool = False  # the output was replaced (or streamed)
    held: int | None = None  # ``--into`` a file: the articles it holds after the update
    relinked: int = 0  # ``--into``: articles already there re-published because linking changed their persons
    unlinked: int = 0  # ``--into``: articles already there with no facts beside the output (an older kg)

    @property
    def failures(self) -> list[InputProblem]:
        return [p for p in self.problems if p.fatal]

    @property
    def empty(self) -> bool:
        """Not one article read (all inputs missing or failing): an error, and the output is left as it was."""
        return self.articles == 0 and self.skipped == 0

    def lines(self) -> list[str]:
        out = [f"articles {self.articles}, persons {self.persons}, posts {self.posts}, documents {self.documents}, "
               f"credits {self.credits}, events {self.events}, triples {self.triples}, failures {len(self.failures)}"]
        if self.skipped:
            out[0] += f", unchanged {self.skipped}"
        if self.held is not None:
            out[0] += f", articles in output {self.held}"
        if self.relinked:
            out[0] += f", re-linked {self.relinked}"
        if self.unlinked:
            out.append(f"note: {self.unlinked} articles already in the output have no facts kept beside it (built by "
                       "an older kg): their persons are not re-linked with the new ones; rebuild with -o to link all")
        for p in self.problems:
            out.append(("error: " if p.fatal else "warning: ") + str(p))
        return out


def facts_of(article: Article, extractor: Extractor | None = None) -> ArticleFacts:
    """Extract and resolve one article: the map step."""
    return resolve_article((extractor or default_extractor())(article))


def digest(article: Article | FactsLine) -> str:
    """Content key of an article: a changed text (or title/date) gives a new digest. A facts line's is the one it
    states (checked against its article when read)."""
    if isinstance(article, FactsLine):
        return article.digest
    key = "\x1f".join([article.text, article.title or "", article.date or "", article.url or "", article.source or ""])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def digest_of_facts(facts: ArticleFacts) -> str:
    """The digest of the article the facts were extracted from (they hold its text and metadata)."""
    return digest(Article(facts.article_id, facts.text, facts.title, facts.date, facts.url, facts.source))


# -- what an output holds: distinct triples and things, as 64-bit hashes ------------------------------------

Census = tuple[bytes, dict[str, bytes], str]  # hashes of a block's triples; of its typed subjects / credits, by
# kind; and the article digest the block states (kg:sourceDigest; "" in a block of an older kg, which had none)
_SCHEMA, _ORG, _ELI = "https://schema.org/", "http://www.w3.org/ns/org#", "http://data.europa.eu/eli/ontology#"
_KINDS = {f"{_SCHEMA}NewsArticle": "articles", f"{_SCHEMA}Person": "persons", f"{_ORG}Post": "posts",
          f"{_ELI}LegalResource": "documents", f"{_SCHEMA}Event": "events"}
_CREDITS = (f"{_SCHEMA}creator", f"{_SCHEMA}author")  # one triple per photo or byline credit
KINDS = (*_KINDS.values(), "credits")
SOURCE_DIGEST = "https://w3id.org/kg-vn/ns#sourceDigest"  # <article> kg:sourceDigest "…": in every block


def census(block: str, fmt: str, header: str = "") -> Census:
    """Hashes of what one rendered block states, parsed back as a loader would; SyntaxError if it does not parse.

    Fresh blocks (in workers) and blocks ``--into`` carries forward both go through here, so the summary counts
    the output itself and a triple or person stated by many articles counts once. The hashes are pyoxigraph's
    own (computed in Rust, the same in every process of a run): cheap enough for a million triples.
    """
    import pyoxigraph as ox

    from kg.publish.writers import OX_FORMATS

    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    kinds_of = {ox.NamedNode(iri): kind for iri, kind in _KINDS.items()}
    credits = {ox.NamedNode(iri) for iri in _CREDITS}
    trig = fmt == "trig"
    triples = array("q")
    kinds: dict[str, array] = {}
    digest_of, dig = ox.NamedNode(SOURCE_DIGEST), ""
    for quad in ox.parse(header + block, format=OX_FORMATS[fmt]):
        key = hash(quad.triple if trig else quad)  # the same triple in two articles' named graphs is one
        triples.append(key)
        predicate = quad.predicate
        if predicate == rdf_type:
            kind = kinds_of.get(quad.object)  # type: ignore[call-overload]
            if kind is not None:
                kinds.setdefault(kind, array("q")).append(hash(quad.subject))
        elif predicate in credits:
            kinds.setdefault("credits", array("q")).append(key)
        elif predicate == digest_of:
            dig = quad.object.value
    return triples.tobytes(), {k: v.tobytes() for k, v in kinds.items()}, dig


class Tally:
    """Distinct counts over many censuses; triples kept as one compact buffer of 8-byte hashes (streaming)."""

    def __init__(self) -> None:
        self.triples = bytearray()
        self.kinds: dict[str, set[int]] = {k: set() for k in KINDS}

    def add(self, c: Census) -> None:
        self.triples += c[0]
        for kind, hashes in c[1].items():
            self.kinds[kind].update(memoryview(hashes).cast("q"))

    def counts(self) -> dict[str, int]:
        import numpy  # a dependency of spaCy: a few million 8-byte keys sorted in place in a fraction of a second

        out = {k: len(v) for k, v in self.kinds.items()}
        keys = numpy.frombuffer(self.triples, dtype=numpy.int64)  # a view: sorting reorders the buffer, no copy
        keys.sort()
        out["triples"] = int(keys.size and 1 + numpy.count_nonzero(keys[1:] != keys[:-1]))
        del keys
        return out

    def into(self, summary: Summary) -> None:
        for key, value in self.counts().items():
            if key != "articles":
                setattr(summary, key, value)


# -- the map step, in workers ----------------------------------------------------------------------------

_WORKER: dict[str, object] = {}


def _init_worker(fmt: str, base: str | None, extract: bool = True) -> None:
    from kg.publish import rdf, writers

    iris = IRIs(base) if base else IRIs()
    _WORKER["fmt"] = fmt
    _WORKER["builder"] = rdf.GraphBuilder(iris)
    _WORKER["header"] = writers.prefix_header(rdf.prefixes_for(iris)) if writers.get(fmt).header else ""
    if extract:  # facts files only: no language pipeline at all
        default_extractor()
    # the knowledge, the pipeline and the builder live as long as the process: out of the collector's sight, so
    # that its full collections, which the articles' short-lived facts set off, do not walk them every time
    gc.freeze()


def _init_pool_worker(fmt: str, base: str | None, extract: bool = True) -> None:
    """A worker leaves SIGINT and SIGTERM to the parent, which stops it between batches (see ``render_all``).

    A worker killed by a signal sent to the whole process group (Ctrl-C, ``kill -TERM -PGID``, systemd) could
    die holding the task queue's lock, and the pool would then hang; so workers never die of those signals.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _init_worker(fmt, base, extract)


Item = Article | FactsLine | InputProblem  # an article to extract, or one already extracted (a facts file)
Done = tuple[str, object]  # ("problem", InputProblem) | ("block", (marker id, digest, text, census))


def extracted(item: Article | FactsLine) -> ArticleFacts:
    """The extract stage: an article's facts (a facts file's line already holds them)."""
    if isinstance(item, FactsLine):
        return item.facts
    return default_extractor()(item)


def failed(item: Article | FactsLine, exc: Exception) -> Done:
    """The problem an article's bug makes: reported with its place, the rest of the batch still built."""
    stage = "linking" if isinstance(item, FactsLine) else "extraction"
    return "problem", InputProblem(item.origin, item.line, f"{stage} failed: {exc!r}", item.id)


def _render(item: Article | FactsLine) -> Done:
    """extract → link → publish, three stages from three modules; a facts line skips the first."""
    builder = _WORKER["builder"]
    try:
        facts = resolve_article(extracted(item))
    except Exception as exc:  # one article's bug must not lose the batch
        return failed(item, exc)
    fmt, dig = str(_WORKER["fmt"]), digest(item)
    block = publish(facts, dig, builder, fmt)
    return "block", (marker_id(item.id), dig, block, census(block, fmt, str(_WORKER["header"])))


def _render_batch(items: list[Item]) -> list[Done]:
    return [("problem", item) if isinstance(item, InputProblem) else _render(item) for item in items]


def _within_only() -> bool:
    """``KG_LINK=within``: link persons within each article only, in one map (no reduce, no second map), as kg did
    before cross-article linking; what ``benchmarks/build_bench.py --compare-linking`` measures linking against."""
    return os.environ.get("KG_LINK") == "within"


def needs_extractor(paths: Iterable[str | Path]) -> bool:
    """Whether any input is articles (not only facts files): only then is the language pipeline loaded."""
    from kg.extract.facts_json import is_facts_path

    return not all(is_facts_path(p) for p in paths)


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def render_all(items: Iterable[Item], fmt: str, base: str | None, jobs: int, *, extract: bool = True,
               task=_render_batch) -> Iterator[Done]:  # noqa: ANN001 - a module-level function of a batch
    """Rendered blocks (and problems) in input order, from ``jobs`` worker processes (1: in this process).

    ``extract``: some items are articles (else the language pipeline is never loaded); ``task``: what a worker
    does with a batch (``kg extract`` gives its own)."""
    if jobs <= 1:
        _init_worker(fmt, base, extract)
        for batch in _batches(items, BATCH):
            yield from task(batch)
        return
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    if extract:
        default_extractor()  # built once here, shared copy-on-write by forked workers
    pool = ctx.Pool(jobs, initializer=_init_pool_worker, initargs=(fmt, base, extract))
    try:
        window: deque = deque()
        for batch in _batches(items, BATCH):
            window.append(pool.apply_async(task, (batch,)))
            if len(window) >= jobs * 4:  # backpressure: never more than a few batches per worker in flight
                yield from window.popleft().get()
        while window:
            yield from window.popleft().get()
    finally:  # also when stopped (signal, closed pipe): workers finish the few batches in flight and exit;
        pool.close()  # never ``terminate``, whose SIGTERM they ignore
        pool.join()


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
          progress: bool = False, shard_size: int | None = None, into: bool = False, fmt: str | None = None,
          started: float | None = None, max_article_bytes: int | None = MAX_ARTICLE_BYTES,
          curation: Curation | None = None) -> Summary:
    """Build the graph of ``paths`` into ``out`` (format by extension, a shard folder, or ``"-"``: stdout).

    ``into``: ``out`` is an existing kg output file; articles already in it with the same content are left
    as they are, changed ones replace their own block, new ones are appended. The file is swapped in whole.
    An output is never made worse: a build that reads no article leaves it as it was (``Summary.empty``);
    ``into`` refuses (``BuildRefused``) a file or folder it cannot update faithfully; a file output is locked
    against other kg runs for the whole build (``.NAME.lock`` beside it; a second run is refused).
    ``fmt``: the format on stdout, "nt" (default), "turtle" or "trig". ``started``: when the run began
    (``time.monotonic()``), so that the summary's time includes start-up. An article over
    ``max_article_bytes`` of text (None: no bound), or whose IRI another id already has, is reported and skipped.
    Persons are linked across the articles built (``kg.link.across``), with ``curation``'s decisions applied.
    """
    from kg.publish import writers

    paths = list(paths)
    summary = Summary()
    started = time.monotonic() if started is None else started
    jobs = max(1, jobs if jobs is not None else (os.cpu_count() or 1))
    if isinstance(out, str) and out == STDOUT:
        if into or shard_size:
            raise ValueError("the graph goes to stdout (-o -) as one stream: not with --into or --shard-size")
        if (fmt or "nt") not in ("nt", "turtle", "trig"):
            raise ValueError(f"unsupported format for stdout {fmt!r}: use nt, turtle or trig")
        return _build_file(paths, None, fmt or "nt", base, jobs, summary, started, progress,
                           max_bytes=max_article_bytes, curation=curation)
    out = Path(out)
    if into and (out.is_dir() or not out.suffix):
        _check_store(out)
        return _build_into_store(paths, out, base, jobs, summary, started, progress, max_article_bytes, curation)
    if shard_size:
        with locked(out):  # one writer of a shard folder at a time, as of a file
            return _build_file(paths, out, "shards", base, jobs, summary, started, progress, shard_size=shard_size,
                               max_bytes=max_article_bytes, curation=curation)
    fmt = writers.format_for(out)
    if into and not writers.get(fmt).updatable:
        raise BuildRefused(f"{out}: kg cannot update JSON-LD in place (it has no per-article blocks), and "
                           "rewriting it would keep only the new articles; rebuild it with -o, or keep the "
                           "graph as .ttl, .nt or .trig to update it with --into")
    with locked(out):
        if not writers.get(fmt).streamed:  # JSON-LD is one document: built in memory (for small graphs)
            return _build_jsonld(paths, out, base, summary, started, max_article_bytes, curation)
        return _build_file(paths, out, fmt, base, jobs, summary, started, progress, into=into,
                           max_bytes=max_article_bytes, curation=curation)


def _build_file(paths: list[str | Path], out: Path | None, fmt: str, base: str | None, jobs: int, summary: Summary,
                started: float, progress: bool, *, into: bool = False, shard_size: int = 0,
                max_bytes: int | None = MAX_ARTICLE_BYTES, curation: Curation | None = None) -> Summary:
    """Blocks in input order to one file (``None``: stdout) or shards; written only if an article was built."""
    from kg.publish import rdf, writers
    from kg.run.linking import Held, Linked, StateWriter, linked_blocks

    existing = _existing(out, fmt) if into and out is not None and out.exists() else {}
    held = Held(out, {mid: v[0] for mid, v in existing.items()}) if existing and out is not None else None

    def items() -> Iterator[Item]:
        for item in _read(paths, IRIs(base) if base else IRIs(), max_bytes):
            if not isinstance(item, InputProblem) and marker_id(item.id) in existing:
                if existing[marker_id(item.id)][0] == digest(item):
                    summary.skipped += 1
                    continue
                held.replaced.add(item.id)  # type: ignore[union-attr]
            yield item

    prefixes = rdf.prefixes_for(IRIs(base) if base else IRIs())
    assert out is not None or fmt != "shards"
    writer = writers.ShardWriter(out, shard_size) if fmt == "shards" else writers.FileWriter(out, fmt, prefixes)
    meter = Progress(count_articles(paths) if progress else None, sys.stderr if progress else None)
    tally = Tally()
    changed: dict[str, tuple[str, Census]] = {}  # --into: new blocks of articles already in the file
    linked = Linked()
    if _within_only():  # the benchmarks' reference: persons by name, no facts kept beside the output
        state = None
        blocks = _blocks(render_all(items(), fmt, base, jobs, extract=needs_extractor(paths)), summary, meter)
    else:
        state = StateWriter(out) if out is not None and fmt != "shards" and writers.get(fmt).updatable else None
        blocks = _blocks(linked_blocks(items(), fmt, base, jobs, extract=needs_extractor(paths), meter=meter,
                                       curation=curation, held=held, state=state, linked=linked), summary, None)
    try:
        if existing:  # earlier articles keep their place; a changed one is rewritten where it was
            fresh: list[tuple[str, Census]] = []
            for mid, block, c in blocks:
                (changed.__setitem__(mid, (block, c)) if mid in existing else fresh.append((block, c)))
            for mid, (_dig, text, old) in existing.items():
                block, c = changed.get(mid, (text, old))
                writer.write(block)
                tally.add(c)
            for block, c in fresh:
                writer.write(block)
                tally.add(c)
            summary.held = len(existing) + len(fresh)
        else:
            for _mid, block, c in blocks:
                writer.write(block)
                tally.add(c)
            summary.held = summary.articles if into else None
        check_stop()
        summary.relinked, summary.unlinked = linked.relinked, linked.unlinked
        if summary.articles:  # nothing built: the output stays as it was (unchanged, or not written)
            writer.commit()
            if state is not None:  # after the output: a stop between leaves a state the next run checks
                state.commit()
            summary.written = True
        else:
            writer.abort()
            if state is not None:
                state.abort()
    except BaseException:
        writer.abort()
        if state is not None:
            state.abort()
        blocks.close()  # stops the workers now, not when the traceback is freed
        raise
    finally:
        meter.close()
    tally.into(summary)
    summary.seconds = time.monotonic() - started
    return summary


def _read(paths: list[str | Path], iris: IRIs, max_bytes: int | None) -> Iterator[Item]:
    """``read_articles``, and an error for an article whose IRI an earlier id has: reported, never merged."""
    seen: dict[str, tuple[str, str]] = {}
    for item in read_articles(paths, max_bytes=max_bytes):
        if not isinstance(item, InputProblem):
            iri = iris.article(item.id)
            first = seen.setdefault(iri, (item.id, item.origin if item.line is None else f"{item.origin}:{item.line}"))
            if first[0] != item.id:  # the same id twice was already reported by read_articles
                yield InputProblem(item.origin, item.line, f"id {item.id} has the same IRI {iri} as id {first[0]} "
                                                           f"(at {first[1]}); skipped", item.id)
                continue
        yield item


def results(done: Iterator[Done], summary: Summary) -> Iterator[tuple[str, object]]:
    """What the workers made, in order, problems aside (into the summary); a stop is acted on between items."""
    for kind, value in done:
        if kind == "problem":
            assert isinstance(value, InputProblem)
            summary.problems.append(value)
            continue
        check_stop()
        yield kind, value


def _blocks(done: Iterator[Done], summary: Summary, meter: Progress | None) -> Iterator[tuple[str, str, Census]]:
    """(marker id, block, census) of the rendered blocks, in order (the census holds the digest); problems go to
    the summary."""
    for kind, value in results(done, summary):
        mid, _dig, block, c = value  # type: ignore[misc]
        if kind == "block":  # "relinked": an article already in the output, its persons re-linked
            summary.articles += 1
            if meter is not None:
                meter.tick()
        yield mid, block, c


# -- guards: never destroy what cannot be updated, never race another run ------------------------------------

_HEADER_LINE = re.compile(r"\s*(@prefix\s+[\w.-]*:\s*<[^<>\s]*>\s*\.)?\s*")


def _existing(out: Path, fmt: str) -> dict[str, tuple[str, str, Census]]:
    """Marker id → (digest, block, census) of the kg output file ``--into`` updates, every block checked.

    Refuses (``BuildRefused``, file untouched) a file kg did not write (no article markers, or anything but
    prefixes before the first), one that holds an article twice, and one with a block that does not parse:
    carrying such a file forward would silently drop or keep damage.
    """
    from kg.publish import writers

    header: list[str] = []
    try:
        with open(out, encoding="utf-8") as fh:
            for line in fh:
                if line.startswith(writers.MARKER):
                    break
                header.append(line)
    except UnicodeDecodeError:
        raise BuildRefused(f"{out} was not written by kg (it is not UTF-8 text); --into updates only kg's own "
                           "graph files: build a new one with -o") from None
    for n, line in enumerate(header, start=1):
        if not _HEADER_LINE.fullmatch(line):
            raise BuildRefused(f"{out} was not written by kg (line {n}, {line.strip()[:60]!r}, is outside any "
                               "'# article' block); --into updates only kg's own graph files: build a new one "
                               "with -o, or load this one with `kg load` next to kg's")
    head = "".join(header) if fmt != "nt" else ""
    try:
        return _blocks_of(out, fmt, head, len(header) + 1)
    except writers.CutShort as exc:
        raise BuildRefused(f"{exc}; nothing was changed") from None


def _blocks_of(out: Path, fmt: str, head: str, line: int) -> dict[str, tuple[str, str, Census]]:
    """``_existing``'s walk over the blocks (``line``: where the first starts)."""
    from kg.publish import writers

    blocks: dict[str, tuple[str, str, Census]] = {}
    first: dict[str, int] = {}
    for _header, mid, _marked, text in writers.iter_blocks(out):  # the marker's digest (older kg) is not read
        aid = urllib.parse.unquote(mid)
        if mid in blocks:
            raise BuildRefused(f"{out}: article {aid} appears twice (lines {first[mid]} and {line}); kg cannot "
                               "tell which to keep: rebuild the file with -o")
        try:
            c = census(text, fmt, head)  # the digest is the block's kg:sourceDigest: "" (changed) if it has none
            blocks[mid] = (c[2], text, c)
        except SyntaxError as exc:
            raise BuildRefused(f"{out}: the block of article {aid} (line {line}) does not parse ({exc}); "
                               "nothing was changed: repair or rebuild the file with -o") from None
        first[mid] = line
        line += text.count("\n")
    return blocks


def _check_store(path: Path) -> None:
    """``--into`` a folder: an Oxigraph store, or an empty or new folder that becomes one; nothing else."""
    if path.exists() and not path.is_dir():
        raise BuildRefused(f"{path} is a file without a graph extension (.ttl .nt .trig), not a store folder; "
                           "nothing was changed")
    if path.is_dir() and any(path.iterdir()) and not ((path / "CURRENT").is_file() and any(path.glob("MANIFEST-*"))):
        raise BuildRefused(f"{path} is a folder that is not an Oxigraph store (it holds other files); --into "
                           "makes a new store only in an empty or new folder")


@contextlib.contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold ``.NAME.lock`` beside ``out`` while it is built or updated: a second kg run is refused, not raced.

    While it is held no other kg run writes ``out``, so temporary files of killed runs of it are swept then.
    """
    from kg.publish import writers
    from kg.run.linking import state_path

    out.parent.mkdir(parents=True, exist_ok=True)
    lock = out.parent / f".{out.name}.lock"
    with open(lock, "a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildRefused(f"{out} is being updated by another kg process (it holds {lock.name}); try again "
                               "when that run has finished") from None
        writers.sweep_temps(out)
        writers.sweep_temps(state_path(out))  # and those of the facts kept beside it
        yield


def _build_into_store(paths: list[str | Path], store_dir: Path, base: str | None, jobs: int, summary: Summary,
                      started: float, progress: bool, max_bytes: int | None,
                      curation: Curation | None = None) -> Summary:
    """Add articles to an Oxigraph store: unchanged ones skipped, changed ones replaced (a kill leaves whole ones)."""
    import pyoxigraph as ox

    from kg.publish import store as kgstore
    from kg.run.linking import Held, Linked, StateWriter, linked_blocks

    iris = IRIs(base) if base else IRIs()
    db = kgstore.open_store(store_dir)
    known = kgstore.digests(db)
    held = Held(store_dir, dict(known), key=iris.article) if known else None

    def items() -> Iterator[Item]:
        for item in _read(paths, iris, max_bytes):
            if not isinstance(item, InputProblem) and iris.article(item.id) in known:
                if known[iris.article(item.id)] == digest(item):
                    summary.skipped += 1
                    continue
                held.replaced.add(item.id)  # type: ignore[union-attr]
            yield item

    meter = Progress(count_articles(paths) if progress else None, sys.stderr if progress else None)
    tally = Tally()  # of the articles this run adds

    state = StateWriter(store_dir)
    linked = Linked()

    def quads() -> Iterator[tuple]:
        for _mid, block, c in _blocks(linked_blocks(items(), "nt", base, jobs, extract=needs_extractor(paths),
                                                    meter=meter, curation=curation, held=held, state=state,
                                                    linked=linked), summary, None):
            tally.add(c)
            article, qs = kgstore.article_quads("", block, ox.RdfFormat.N_TRIPLES)
            if article is not None:
                yield article, qs

    try:
        kgstore.replace_articles(db, quads())
        check_stop()
        if summary.articles:
            state.commit()
        else:
            state.abort()
    except BaseException:
        state.abort()
        raise
    finally:
        meter.close()
    summary.relinked, summary.unlinked = linked.relinked, linked.unlinked
    tally.into(summary)
    summary.written = summary.articles > 0
    summary.seconds = time.monotonic() - started
    return summary


def _build_jsonld(paths: list[str | Path], out: Path, base: str | None, summary: Summary, started: float,
                  max_bytes: int | None, curation: Curation | None = None) -> Summary:
    from rdflib import RDF, Literal, URIRef

    from kg.publish import rdf, writers

    def facts() -> Iterator[ArticleFacts]:
        for item in _read(paths, IRIs(base) if base else IRIs(), max_bytes):
            if isinstance(item, InputProblem):
                summary.problems.append(item)
                continue
            try:
                f = resolve_article(extracted(item))
            except Exception as exc:  # one article's bug must not lose the batch
                summary.problems.append(InputProblem(item.origin, item.line, f"extraction failed: {exc!r}", item.id))
                continue
            summary.articles += 1
            digests[f.article_id] = digest(item)
            yield f

    from kg.knowledge import default_knowledge
    from kg.link.across import link_facts

    digests: dict[str, str] = {}
    graph = rdf.build_graph(link_facts(list(facts()), default_knowledge(), curation), IRIs(base) if base else IRIs())
    for aid, dig in digests.items():  # every article states its digest, as in the other formats
        graph.add((URIRef(IRIs(base).article(aid) if base else IRIs().article(aid)), URIRef(SOURCE_DIGEST),
                   Literal(dig)))
    for iri, kind in _KINDS.items():
        if kind != "articles":
            setattr(summary, kind, len(set(graph.subjects(RDF.type, URIRef(iri)))))
    summary.credits = sum(1 for p in _CREDITS for _ in graph.triples((None, URIRef(p), None)))
    summary.triples = len(graph)
    check_stop()
    if summary.articles:  # nothing built: the output stays as it was
        writers.write_atomic(writers.jsonld.document(graph), out)
        summary.written = True
    summary.seconds = time.monotonic() - started
    return summary
