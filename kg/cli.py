"""The ``kg`` command: argument parsing and printing only; every verb is a thin call into the modules."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _build(args: argparse.Namespace) -> int:
    import signal

    started = getattr(args, "started", None)
    target = args.into or args.output
    if target is None or (args.into and args.output):
        print("kg build: give either -o OUTPUT or --into STORE_OR_GRAPH", file=sys.stderr)
        return 2
    to_stdout = args.output == "-"
    if args.format and not to_stdout:
        print("kg build: --format is for -o - (a file's extension picks its format)", file=sys.stderr)
        return 2
    if str(args.into) == "-":
        print("kg build: --into needs a graph file or a store folder, not -", file=sys.stderr)
        return 2
    target = "-" if to_stdout else Path(target)
    progress = not args.quiet and sys.stderr.isatty()
    try:
        from kg.build import build, stop_on_sigterm

        with stop_on_sigterm():  # SIGTERM stops a build as Ctrl-C does: temporary files removed, workers stopped
            summary = build(args.paths, target, base=args.base, jobs=args.jobs, progress=progress,
                            shard_size=args.shard_size, into=bool(args.into), fmt=_FORMATS.get(args.format),
                            started=started)
    except (ValueError, OSError) as exc:
        if isinstance(exc, BrokenPipeError) and to_stdout:
            return _closed_stdout()
        print(f"kg build: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as exc:
        signum = getattr(exc, "signum", signal.SIGINT)
        where = "the graph on stdout is incomplete" if to_stdout else f"{target} left as it was"
        print(f"kg build: stopped by {signal.Signals(signum).name}; {where}", file=sys.stderr)
        return 128 + signum
    for line in summary.lines():
        print(line, file=sys.stderr)
    if summary.empty:  # every input missing or failing: an error, and no output is replaced by an empty one
        state = "" if to_stdout else f"; {target} {'left as it was' if Path(target).exists() else 'not written'}"
        print(f"kg build: no article was built{state}", file=sys.stderr)
        return 1
    rate = summary.articles / summary.seconds if summary.seconds else 0.0
    done = "wrote" if summary.written else "nothing new for"  # --into: every article already there unchanged
    where = "the graph to stdout" if to_stdout else target
    print(f"{done} {where} in {summary.seconds:.1f} s ({rate:.0f} articles/s)", file=sys.stderr)
    return 1 if summary.failures else 0


_FORMATS = {"nt": "nt", "ttl": "turtle", "trig": "trig"}


def _closed_stdout() -> int:
    """The reader of stdout went away (``| head``): stop quietly, as a process killed by SIGPIPE would."""
    import os

    try:  # the interpreter's last flush of stdout must not complain either
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return 141


def _load(args: argparse.Namespace) -> int:
    from kg import store

    try:
        db = store.open_store(args.store)
        stats = store.load(db, args.graphs)
    except (ValueError, OSError) as exc:
        print(f"kg load: {exc}", file=sys.stderr)
        return 2
    print(f"loaded {stats['articles']} articles from {stats['files']} files into {args.store} "
          f"({stats['unchanged']} unchanged)", file=sys.stderr)
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
        print(f"kg query: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(format_rows(header, rows, args.format))
    return 0


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="kg", description="Knowledge graphs from Vietnamese political news.")
    sub = ap.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="extract facts from articles and write an RDF graph")
    b.add_argument("paths", nargs="+", help=".txt articles, .jsonl/.jsonl.gz files, or folders of them")
    b.add_argument("-o", "--output",
                   help="output file; its extension picks the format: .ttl .nt .trig .jsonld "
                   "(a folder with --shard-size; - for stdout)")
    b.add_argument("--into", type=Path, help="add to an existing graph file or store folder instead: unchanged "
                   "articles are skipped, changed ones replace their own facts")
    b.add_argument("--base", help="base IRI for minted entities (default https://w3id.org/kg-vn/id/)")
    b.add_argument("-j", "--jobs", type=int, default=None, help="worker processes (default: all cores)")
    b.add_argument("--shard-size", type=int, help="write gzipped N-Triples shards of N articles into the -o folder")
    b.add_argument("--format", choices=sorted(_FORMATS), help="the format of -o - (default nt)")
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
    import time

    started = time.monotonic()  # the build summary's time counts start-up (imports, models) too
    args = parser().parse_args(argv)
    args.started = started
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
