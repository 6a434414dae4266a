"""The ``kg`` command: argument parsing and printing only; every verb is a thin call into the modules."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO

from kg.corpus import MAX_ARTICLE_BYTES  # stdlib only: cheap to import


def _build(args: argparse.Namespace) -> int:
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
    from kg.run.job import finish, run_job

    def job():  # noqa: ANN202
        if args.base is not None:
            from kg.publish.iris import check_base

            check_base(args.base)  # before anything is read or written
        if args.max_article_size <= 0:
            raise ValueError(f"--max-article-size must be a positive number of bytes, not {args.max_article_size}")
        from kg.link.curation import read_curation
        from kg.run.build import build

        curation = read_curation(args.curation) if args.curation else None  # a bad line stops before any work
        return build(args.paths, target, base=args.base, jobs=args.jobs, progress=progress,
                     shard_size=args.shard_size, into=bool(args.into), fmt=_FORMATS.get(args.format),
                     started=started, max_article_bytes=args.max_article_size, curation=curation)

    summary = run_job("build", target, job, stdout_what="the graph")
    if isinstance(summary, int):
        return summary
    done = "wrote" if summary.written else "nothing new for"  # --into: every article already there unchanged
    return finish("build", target, summary, stdout_what="the graph", nothing="no article was built", done=done)


_FORMATS = {"nt": "nt", "ttl": "turtle", "trig": "trig"}


def _load(args: argparse.Namespace) -> int:
    from kg.publish import store

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


class _Counting:
    """A binary stream that remembers whether anything was written to it (so a failed query is retried only
    before its first row is out)."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw, self.written = raw, 0

    def write(self, data: bytes) -> int:
        self.written += len(data)
        return self.raw.write(data)

    def flush(self) -> None:
        self.raw.flush()


def _query(args: argparse.Namespace) -> int:
    import errno
    import io
    import os

    from kg.publish import query as kq
    from kg.publish.writers import atomic_open

    *graphs, query = args.inputs
    tmp = None
    stdout = _Counting(sys.stdout.buffer) if hasattr(sys.stdout, "buffer") else None
    try:
        if args.store and graphs:
            raise ValueError("with --store give only the QUERY")
        if not args.store and not graphs:
            raise ValueError("give GRAPH files (- for stdin) and a QUERY, or --store DIR and a QUERY")
        if args.inputs.count("-") > 1:
            raise ValueError("only one of the graphs or the query can come from stdin (-)")
        result = kq.execute(kq.read_query(query), graphs, store_dir=args.store, sets=args.set,
                            allow_service=args.allow_service)
        if args.output:
            fh, tmp = atomic_open(args.output, binary=True)
            with fh:
                kq.write_result(result, args.format, fh, width=args.width)
            os.replace(tmp, args.output)
        elif hasattr(sys.stdout, "buffer"):
            sys.stdout.flush()
            kq.write_result(result, args.format, stdout, width=args.width)
            sys.stdout.flush()
        else:  # a text-only stdout (an embedding application)
            buf = io.BytesIO()
            kq.write_result(result, args.format, buf, width=args.width)
            sys.stdout.write(buf.getvalue().decode("utf-8"))
    except BrokenPipeError:  # the reader stopped (| head): not an error, and nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # a bad query or graph is the user's to fix: say what, no traceback
        if isinstance(exc, OSError) and exc.errno == errno.EPIPE and not args.output:  # EPIPE raised by Oxigraph
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
        from kg.publish.store import busy_message, is_busy

        if args.store and is_busy(exc):  # a writer compacted the store's files under us: retry, then say so
            import time

            if stdout is not None and stdout.written:  # rows are out: a rerun would print them twice
                print(f"kg query: {busy_message(args.store)}; the results above are incomplete", file=sys.stderr)
                return 2
            args.retries = getattr(args, "retries", 0) + 1
            if args.retries < 3:
                time.sleep(0.3)
                return _query(args)
            print(f"kg query: {busy_message(args.store)}", file=sys.stderr)
            return 2
        print(f"kg query: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    finally:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)
    return 0


def _persons(args: argparse.Namespace) -> int:
    """The persons sharing a name, with the posts that told them apart (ontology/queries/persons-named.rq)."""
    import unicodedata

    from kg.knowledge.files import ontology_dir
    from kg.lang.vi.orthography import new_tone_style
    from kg.publish import query as kq

    written = " ".join(unicodedata.normalize("NFC", args.name).split())
    variants = sorted({written, new_tone_style(written)})
    try:
        if not args.store and not args.graphs:
            raise ValueError("give GRAPH files, or --store DIR")
        text = (ontology_dir() / "queries" / "persons-named.rq").read_text(encoding="utf-8")
        from kg.publish.store import table

        header, rows = table(kq.execute(text, [str(g) for g in args.graphs], store_dir=args.store,
                                        sets=[f"person={v}" for v in variants]))
        if not rows:
            print(f"kg persons: no person named {written!r}", file=sys.stderr)
            return 1
        sys.stdout.write(kq.format_rows(header, rows, args.format, width=args.width))
    except (ValueError, OSError, SyntaxError) as exc:
        print(f"kg persons: {exc}", file=sys.stderr)
        return 2
    return 0


def _careers_input(args: argparse.Namespace, tries: int = 3):  # noqa: ANN202 - kg.network.careers.Tenures
    """The tenures of the verb's graphs or store; a store a writer is compacting under us is read again (all is
    read before anything is printed), then reported busy."""
    import time

    from kg.network import careers
    from kg.publish.store import busy_message, is_busy

    for attempt in range(tries):
        try:
            return careers.read([str(g) for g in args.graphs], store_dir=args.store)
        except Exception as exc:
            if not (args.store and is_busy(exc)):
                raise
            if attempt + 1 == tries:
                raise OSError(busy_message(args.store)) from None
            time.sleep(0.3)
    raise AssertionError("unreachable")


def _chart(args: argparse.Namespace, bars: list, title: str) -> None:
    from kg.network import career_plot

    career_plot.write(bars, args.plot, title=title)
    print(f"wrote {args.plot}", file=sys.stderr)


def _timeline(args: argparse.Namespace) -> int:
    """A person's posts in time order, one block per person of that name (kg.network.careers)."""
    from kg.network import career_plot, careers

    try:
        if args.plot:
            career_plot.check_path(args.plot)  # before anything is read
        found = careers.careers(_careers_input(args), args.name)
        sys.stdout.write(careers.render_timeline(found, args.format, width=args.width))
        if args.plot:
            _chart(args, career_plot.timeline_bars(found), found[0].name)
    except (ValueError, OSError, SyntaxError, LookupError) as exc:
        print(f"kg timeline: {exc}", file=sys.stderr)
        return 2
    return 0


def _holders(args: argparse.Namespace) -> int:
    """Who held a post, or the posts of a body: on a date, or all in order with their intervals."""
    from kg.network import career_plot, careers

    try:
        on = careers.check_date(args.on) if args.on else None
        if args.plot:
            career_plot.check_path(args.plot)
        found = careers.holders(_careers_input(args), args.post, on=on)
        sys.stdout.write(careers.render_holders(found, args.format, width=args.width))
        if on and not found:
            print(f"kg holders: no tenure of {args.post!r} is known to be held on {on}", file=sys.stderr)
        if args.plot:
            _chart(args, career_plot.succession_bars(found), args.post)
    except (ValueError, OSError, SyntaxError, LookupError) as exc:
        print(f"kg holders: {exc}", file=sys.stderr)
        return 2
    return 0


def _rules(args: argparse.Namespace) -> int:
    from kg.extract import rules

    sys.stdout.write(rules.as_json() if args.format == "json" else rules.as_table())
    return 0


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="kg", description="Knowledge graphs from Vietnamese political news.")
    sub = ap.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="extract facts from articles and write an RDF graph")
    b.add_argument("paths", nargs="+", help=".txt articles, .jsonl/.jsonl.gz files, or folders of them; "
                   ".facts.jsonl[.gz] files of kg extract are built without extracting")
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
    b.add_argument("--max-article-size", type=int, metavar="BYTES", default=MAX_ARTICLE_BYTES,
                   help=f"skip (and report) an article whose text is larger (default {MAX_ARTICLE_BYTES}: 1 MB)")
    b.add_argument("--curation", type=Path, metavar="FILE", help="a user's linking decisions, applied in linking: "
                   "TSV lines 'same|different<TAB>A<TAB>B' (A, B: ARTICLE:NAME or a person IRI), or Turtle "
                   "(owl:sameAs, owl:differentFrom between person IRIs); README, 'Identity'")
    b.set_defaults(func=_build)
    ld = sub.add_parser("load", help="load graphs into an embedded persistent store for fast SPARQL")
    ld.add_argument("graphs", nargs="+", type=Path, help="graph files or shard folders written by kg build")
    ld.add_argument("--store", required=True, type=Path, help="store folder (created if missing)")
    ld.set_defaults(func=_load)
    q = sub.add_parser("query", help="run SPARQL on graph files or a store (reads nothing else)")
    q.add_argument("inputs", nargs="+", metavar="GRAPH... QUERY",
                   help="graph files (.ttl .nt .trig .nq .jsonld, - for stdin), then a .rq file, the query text or -")
    q.add_argument("--store", type=Path, help="query this store (see kg load) instead of graph files")
    q.add_argument("--format", choices=["table", "csv", "tsv", "json", "xml", "ttl", "nt"], default="table",
                   help="SELECT/ASK: table, or W3C SPARQL results csv tsv json xml; CONSTRUCT/DESCRIBE: ttl "
                   "(also for table), nt or json (JSON-LD)")
    q.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                   help="bind ?NAME: replaces the query's VALUES ?NAME line (repeat for several values)")
    q.add_argument("--width", type=int, default=80, help="table cells longer than this end in '…' (0: no limit)")
    q.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    q.add_argument("--allow-service", action="store_true",
                   help="let SERVICE clauses query remote endpoints (refused by default)")
    q.set_defaults(func=_query)
    _graph_reader(sub, "persons", "the persons sharing a name, with the posts that told them apart", "name",
                  "the name as written (case, NFC and tone placement do not matter)", _persons,
                  width="table column width")
    tl = _graph_reader(sub, "timeline", "a person's posts in time order (start, end, first and last attested)",
                       "name", "the person's name (case, NFC and tone placement do not matter) or IRI", _timeline)
    tl.add_argument("--plot", type=Path, metavar="FILE", help="also draw the career: .html or .svg (no script), "
                    ".png (needs matplotlib)")
    ho = _graph_reader(sub, "holders", "who held a post, or the posts of a body: on a date, or all in order", "post",
                       "a post's label (Chủ tịch UBND tỉnh Quảng Bình), else a body's (UBND tỉnh Quảng Bình: all "
                       "its posts)", _holders, metavar="POST_OR_BODY")
    ho.add_argument("--on", metavar="DATE", help="only who held it on this day (YYYY-MM-DD; README, "
                    "'People over time', for tenures without a start)")
    ho.add_argument("--plot", type=Path, metavar="FILE", help="also draw the succession: .html or .svg, .png")
    r = sub.add_parser("rules", help="list the extraction rules: name, kind, confidence, description, an example")
    r.add_argument("--format", choices=["table", "json"], default="table")
    r.set_defaults(func=_rules)
    for register in _extensions():
        register(sub)
    return ap


def _extensions() -> list:
    """Verb groups kept in their own modules (each has ``register(subparsers)``), imported lazily by name."""
    import importlib

    out = []
    for name in ("kg.network.verbs", "kg.run.extract"):
        try:
            out.append(importlib.import_module(name).register)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
    return out


def _graph_reader(sub: argparse._SubParsersAction, name: str, help: str, target: str, target_help: str,  # noqa: A002
                  func: Callable[[argparse.Namespace], int], *, metavar: str | None = None,
                  width: str = "table column width (0: no limit)") -> argparse.ArgumentParser:
    """A verb that reads graph files or a store and looks one thing up: ``GRAPH... TARGET``, ``--store``,
    ``--format table|json|csv`` and ``--width`` (persons, timeline, holders)."""
    p = sub.add_parser(name, help=help)
    p.add_argument("graphs", nargs="*", type=Path, help="graph files written by kg build")
    p.add_argument(target, metavar=metavar, help=target_help)
    p.add_argument("--store", type=Path, help="a store folder instead of graph files")
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    p.add_argument("--width", type=int, default=100, help=width)
    p.set_defaults(func=func)
    return p


def main(argv: list[str] | None = None) -> int:
    import time

    started = time.monotonic()  # the build summary's time counts start-up (imports, models) too
    ap = parser()
    args, extra = ap.parse_known_args(argv)
    if extra and args.command == "query" and all(e == "-" or not e.startswith("-") for e in extra):
        args.inputs += extra  # a GRAPH or the QUERY after an option (argparse takes one run of positionals)
    elif extra:
        ap.error(f"unrecognized arguments: {' '.join(extra)}")
    args.started = started
    try:
        return args.func(args)
    except BrokenPipeError:  # any verb's reader went away (`kg ego … | head`): stop quietly, like SIGPIPE
        from kg.run.job import closed_stdout

        return closed_stdout()


if __name__ == "__main__":
    sys.exit(main())
