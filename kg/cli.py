"""The ``kg`` command: argument parsing and printing only; every verb is a thin call into the modules."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _build(args: argparse.Namespace) -> int:
    from kg.build import build

    try:
        summary = build(args.paths, args.output, base=args.base)
    except ValueError as exc:
        print(f"kg build: {exc}", file=sys.stderr)
        return 2
    for line in summary.lines():
        print(line, file=sys.stderr)
    print(f"wrote {args.output}", file=sys.stderr)
    return 1 if summary.failures else 0


def _query(args: argparse.Namespace) -> int:
    from kg.query import format_rows, load_graph, read_query, run_query

    try:
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
    b.add_argument("-o", "--output", required=True, type=Path,
                   help="output file; extension picks the format: .ttl .nt .trig .jsonld")
    b.add_argument("--base", help="base IRI for minted entities (default https://w3id.org/kg-vn/id/)")
    b.set_defaults(func=_build)
    q = sub.add_parser("query", help="run SPARQL on a graph file")
    q.add_argument("graph", type=Path, help="graph file (.ttl .nt .trig .jsonld)")
    q.add_argument("query", help="a .rq file or the query text")
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
