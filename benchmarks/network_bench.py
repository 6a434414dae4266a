"""Benchmark of the network analysis on real articles: wall time and peak memory of each step.

    .venv/bin/python benchmarks/network_bench.py ../shared/corpus/baomoi-2017.jsonl.gz --articles 5000

Builds a graph from the first N articles of a .jsonl(.gz) corpus (or reuses --graph), then times parsing,
the entity graph and each projection, and each centrality measure on the entity graph (betweenness
sampled as ``kg centrality`` does by default). Target: projections + measures under 30 s on 2 cores.
Peak memory: the process's maximum resident set size after each step (it only grows), and with
``--tracemalloc`` the peak of Python allocations within each step (a second, slower pass).
"""

from __future__ import annotations

import argparse
import gzip
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def first_lines(corpus: Path, n: int, out: Path) -> int:
    """Copy the first ``n`` non-empty lines of a .jsonl(.gz) corpus to ``out`` (.jsonl.gz); how many were copied."""
    opener = gzip.open if corpus.suffix == ".gz" else open
    count = 0
    with opener(corpus, "rt", encoding="utf-8") as src, gzip.open(out, "wt", encoding="utf-8") as dst:
        for line in src:
            if line.strip():
                dst.write(line)
                count += 1
                if count >= n:
                    break
    return count


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def step(name: str, fn: Callable[[], Any], results: list[tuple[str, float, float, float | None]],
         trace: bool) -> Any:
    t = time.perf_counter()
    value = fn()
    seconds = time.perf_counter() - t
    peak = None
    if trace:
        tracemalloc.start()
        fn()
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    results.append((name, seconds, rss_mb(), peak))
    print(f"  {name:<34} {seconds:8.2f} s   max RSS {rss_mb():7.0f} MB" +
          (f"   peak alloc {peak:7.1f} MB" if peak is not None else ""), flush=True)
    return value


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path, help=".jsonl or .jsonl.gz corpus (one article per line)")
    ap.add_argument("--articles", type=int, default=5000, help="first N articles (default 5000)")
    ap.add_argument("--graph", type=Path, help="use (or keep) the built graph here instead of a temporary file")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="build workers")
    ap.add_argument("--tracemalloc", action="store_true", help="also measure each step's peak Python allocations")
    args = ap.parse_args(argv)

    from kg.run.build import build

    tmp = tempfile.TemporaryDirectory(prefix="kg-bench-")
    graph = args.graph or Path(tmp.name) / "graph.nt"
    print(f"corpus {args.corpus}, {args.articles} articles, {os.cpu_count()} cores", flush=True)
    if not graph.exists():
        sample = Path(tmp.name) / "sample.jsonl.gz"
        n = first_lines(args.corpus, args.articles, sample)
        t = time.perf_counter()
        summary = build([sample], graph, jobs=args.jobs)
        print(f"built {graph} from {n} articles in {time.perf_counter() - t:.1f} s (-j {args.jobs}): "
              f"{summary.lines()[0]}", flush=True)
    else:
        print(f"reusing {graph}")

    from kg.network import cooccurrence, document_issuer, entity_graph, load, person_organization
    from kg.network.measures import MEASURES, communities, scores, undirected

    results: list[tuple[str, float, float, float | None]] = []
    print(f"{'step':<36} {'wall':>8}     {'memory':>14}")
    rdf = step("parse RDF", lambda: load(graph), results, args.tracemalloc)
    print(f"  ({len(rdf)} triples)")
    G = step("entity graph (RDF → networkx)", lambda: entity_graph(rdf), results, args.tracemalloc)
    print(f"  ({G.number_of_nodes()} nodes, {G.number_of_edges()} edges)")
    step("projection person–organization", lambda: person_organization(G), results, args.tracemalloc)
    step("projection co-occurrence", lambda: cooccurrence(G), results, args.tracemalloc)
    step("projection document–issuer", lambda: document_issuer(G), results, args.tracemalloc)
    H = step("undirected simple view", lambda: undirected(G), results, args.tracemalloc)
    for m in MEASURES:
        step(f"centrality {m}", lambda m=m: scores(H, m), results, args.tracemalloc)
    step("communities louvain (extra)", lambda: communities(H, "louvain"), results, args.tracemalloc)

    analysis = sum(s for name, s, *_ in results if name not in ("parse RDF",) and "extra" not in name)
    total = sum(s for _, s, *_ in results)
    print(f"projections + centrality measures: {analysis:.2f} s (target < 30 s); with parsing and communities: "
          f"{total:.2f} s; max RSS {rss_mb():.0f} MB")
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
