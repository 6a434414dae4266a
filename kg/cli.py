"""The ``kg`` command: argument parsing and printing only; every verb is a thin call into the modules."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _build(args: argparse.Namespace) -> int:
    from kg.build import build

    target = args.into or args.output
    if target is None or (args.into and args.output):
        print("kg build: give either -o OUTPUT or --into STORE_OR_GRAPH", file=sys.stderr)
        return 2
    progress = not args.quiet and sys.stderr.isatty()
    try:
        summary = build(args.paths, target, base=args.base, jobs=args.jobs, progress=progress,
                        shard_size=args.shard_size, into=bool(args.into))
    except (ValueError, OSError) as exc:
        print(f"kg build: {exc}", file=sys.stderr)
        return 2
    for line in summary.lines():
        print(line, file=sys.stderr)
    rate = summary.articles / summary.seconds if summary.seconds else 0.0
    print(f"wrote {target} in {summary.seconds:.1f} s ({rate:.0f} articles/s)", file=sys.stderr)
    return 1 if summary.failures else 0


def _load(args: argparse.Namespace) -> int:
    from kg import store

    try:
        files = store.check_files(args.graphs)  # a broken file stops the load before the store is touched
        stats = store.load(store.open_store(args.store), files, checked=True)
    except (ValueError, OSError) as exc:
        print(f"kg load: {exc}", file=sys.stderr)
        return 2
    foreign = f", {stats['default_triples']} triples into the default graph" if stats["default_triples"] else ""
    print(f"loaded {stats['articles']} articles from {stats['files']} files into {args.store} "
          f"({stats['unchanged']} unchanged){foreign}", file=sys.stderr)
    return 0


def _query(args: argparse.Namespace) -> int:
    from kg.query import format_rows, load_graph, read_query, run_query

    try:
        if args.store:
            from kg import store

            query = read_query(args.graph if args.query is None else args.query)
            result = store.execute(store.open_store(args.store, read_only=True), query)
            text = store.csv_text(result) if args.format == "csv" else None
            if text is not None:
                sys.stdout.write(text)
                return 0
            header, rows = store.table(result)
        else:
            if args.query is None:
                raise ValueError("give a GRAPH file and a QUERY, or --store DIR and a QUERY")
            graph = load_graph(args.graph)
            header, rows = run_query(graph, read_query(args.query))
    except Exception as exc:  # a bad query or graph is the user's to fix: say what, no traceback
        from kg.store import busy_message, is_busy

        if args.store and is_busy(exc):  # a writer compacted the store's files under us: retry, then say so
            import time

            args.retries = getattr(args, "retries", 0) + 1
            if args.retries < 3:
                time.sleep(0.3)
                return _query(args)
            print(f"kg query: {busy_message(args.store)}", file=sys.stderr)
            return 2
        print(f"kg query: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(format_rows(header, rows, args.format))
    return 0


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="kg", description="Knowledge graphs from Vietnamese political news.")
    sub = ap.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="extract facts from articles and write an RDF graph")
    b.add_argument("paths", nargs="+", help=".txt articles, .jsonl/.jsonl.gz files, or folders of them")
    b.add_argument("-o", "--output", type=Path,
                   help="output file; its extension picks the format: .ttl .nt .trig .jsonld "
                   "(a folder with --shard-size)")
    b.add_argument("--into", type=Path, help="add to an existing graph file or store folder instead: unchanged "
                   "articles are skipped, changed ones replace their own facts")
    b.add_argument("--base", help="base IRI for minted entities (default https://w3id.org/kg-vn/id/)")
    b.add_argument("-j", "--jobs", type=int, default=None, help="worker processes (default: all cores)")
    b.add_argument("--shard-size", type=int, help="write gzipped N-Triples shards of N articles into the -o folder")
    b.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    b.set_defaults(func=_build)
    ld = sub.add_parser("load", help="load graphs into an embedded persistent store for fast SPARQL")
    ld.add_argument("graphs", nargs="+", type=Path, help="graph files or shard folders written by kg build")
    ld.add_argument("--store", required=True, type=Path, help="store folder (created if missing)")
    ld.set_defaults(func=_load)
    q = sub.add_parser("query", help="run SPARQL on a graph file or a store")
    q.add_argument("graph", help="graph file (.ttl .nt .trig .jsonld); with --store, the query")
    q.add_argument("query", nargs="?", help="a .rq file or the query text")
    q.add_argument("--store", type=Path, help="query this store (see kg load) instead of a graph file")
    q.add_argument("--format", choices=["table", "csv", "json"], default="table")
    q.set_defaults(func=_query)
    for register in _extensions():
        register(sub)
    return ap


def _extensions() -> list:
    """Verb groups kept in their own modules (each has ``register(subparsers)``), imported lazily by name."""
    import importlib

    out = []
    for name in ("kg.network_cli",):
        try:
            out.append(importlib.import_module(name).register)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
    return out


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
