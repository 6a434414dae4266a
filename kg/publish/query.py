"""SPARQL on graph files or a store, and its results as a table, W3C SPARQL results or RDF.

Queries only read the graphs they are given: an update is refused, ``SERVICE`` is refused unless allowed,
``FROM``/``FROM NAMED`` name graphs of the input and never load an IRI, and a JSON-LD graph's remote
``@context`` is never fetched. ``kg query`` runs every query with Oxigraph (graph files are read into an
in-memory store), so files and stores answer alike; ``run_query`` runs one on an rdflib graph (notebooks).
"""

from __future__ import annotations

import contextlib
import errno
import gzip
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import RDF, Dataset, Graph

from kg.namespaces import PREFIXES
from kg.publish.writers import by_extension, format_for

RESULT_FORMATS = {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV,
                  "tsv": ox.QueryResultsFormat.TSV, "xml": ox.QueryResultsFormat.XML}
RDF_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}
FORMATS = ["table", *RESULT_FORMATS, *RDF_FORMATS]


class QueryRefused(ValueError):
    """A query kg will not run: an update, or one calling a remote ``SERVICE`` when that was not allowed."""


# ------------------------------------------------------------------------------------------------ reading


def read_query(query: str) -> str:
    """The query text: stdin for ``-``, the contents of a ``.rq`` file or of an existing file, else the argument."""
    if query == "-":
        return sys.stdin.read()
    if query.endswith(".rq"):
        return Path(query).read_text(encoding="utf-8")
    try:
        is_file = "\n" not in query and Path(query).is_file()
    except (OSError, ValueError):  # a long one-line query is no file name ("File name too long")
        is_file = False
    return Path(query).read_text(encoding="utf-8") if is_file else query


def check_jsonld(data: Any, where: str = "JSON-LD") -> None:
    """Raise ValueError if a JSON-LD document refers to a remote ``@context`` (or ``@import``) anywhere.

    Such a context would be fetched from the network or a local file while parsing; kg never does that.
    """
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key == "@context":
                    for ctx in value if isinstance(value, list) else [value]:
                        if isinstance(ctx, str):
                            raise ValueError(f"{where}: remote @context {ctx!r} is not fetched; inline it")
                        if isinstance(ctx, dict) and "@import" in ctx:
                            raise ValueError(f"{where}: @context @import {ctx['@import']!r} is not fetched; inline it")
                stack.append(value)


def load_graph(path: str | Path) -> Graph:
    """Parse a graph file written by ``kg build`` into rdflib (format by extension; no remote JSON-LD context).

    Errors name the file as the user gave it: a missing one (rdflib would name a resolved path) and a
    syntax error (rdflib says "line 4 of <>").
    """
    fmt = format_for(path)
    if not Path(path).is_file():
        raise FileNotFoundError(errno.ENOENT, "no such file" if not Path(path).exists() else "not a file", str(path))
    g = Dataset(default_union=True) if fmt == "trig" else Graph()
    try:
        if fmt == "json-ld":
            text = Path(path).read_text(encoding="utf-8")
            check_jsonld(json.loads(text), str(path))
            g.parse(data=text, format="json-ld")
        else:
            g.parse(path, format=fmt)
    except OSError:
        raise
    except ValueError as exc:
        if str(path) in str(exc):
            raise
        raise ValueError(f"{path}: not valid {fmt}: {exc}") from exc
    except Exception as exc:  # rdflib's parsers raise many kinds for bad syntax
        raise ValueError(f"{path}: not valid {fmt}: {exc}") from exc
    return g


def _input_format(name: str) -> ox.RdfFormat:
    fmt = by_extension(name, written=False)
    if fmt is None or not fmt.extensions:
        raise ValueError(f"{name}: cannot read this graph format (use .ttl .nt .trig .nq .jsonld, or - for stdin)")
    return fmt.ox_format


def open_graphs(paths: Iterable[str], stdin: IO[bytes] | None = None) -> ox.Store:
    """An in-memory store holding the graph files (``-`` is stdin: Turtle, N-Triples, TriG or JSON-LD).

    A missing file or a syntax error names the file as the user gave it (with Oxigraph's line and column).
    """
    store = ox.Store()
    for name in paths:
        where = "stdin" if name == "-" else name
        try:
            _load_one(store, name, stdin)
        except FileNotFoundError as exc:
            raise FileNotFoundError(errno.ENOENT, "no such file", name) from exc
        except SyntaxError as exc:
            raise ValueError(f"{where}: not valid RDF: {exc}") from exc
        except json.JSONDecodeError as exc:
            raise ValueError(f"{where}: not valid JSON-LD: {exc}") from exc
    return store


def _load_one(store: ox.Store, name: str, stdin: IO[bytes] | None) -> None:
    if name == "-":
        data = (stdin or sys.stdin.buffer).read()
        fmt = ox.RdfFormat.JSON_LD if data.lstrip()[:1] in (b"{", b"[") else ox.RdfFormat.TRIG
    else:
        fmt = _input_format(name)
        if not Path(name).is_file():
            raise FileNotFoundError(name)
        if fmt != ox.RdfFormat.JSON_LD and not name.endswith(".gz"):
            store.load(path=name, format=fmt)
            return
        with (gzip.open if name.endswith(".gz") else open)(name, "rb") as fh:
            data = fh.read()
    if fmt == ox.RdfFormat.JSON_LD:
        check_jsonld(json.loads(data), "stdin" if name == "-" else name)
    store.load(data, format=fmt)


# ------------------------------------------------------------------------------------------------- safety


_LEXEME = re.compile(r"""
    (?P<skip> \#[^\n]*                                          # a comment
      | "{3}(?:[^"\\]|\\.|"(?!""))*"{3} | '{3}(?:[^'\\]|\\.|'(?!''))*'{3}
      | "(?:[^"\\\n]|\\.)*" | '(?:[^'\\\n]|\\.)*'               # strings
      | <[^<>"{}|^`\\\x00-\x20]*>                               # IRIs
      | [?$]\w+ | @[A-Za-z][\w-]*                               # variables, language tags
      | [\w.-]*:(?:[\w.:%-]|\\.)* )                             # prefixed names, blank nodes
    | (?P<word> [A-Za-z_]\w* )
    | (?P<other> . )""", re.X | re.S)
_UPDATES = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}


def keywords(text: str) -> list[str]:
    """The bare words of a SPARQL text, upper-cased: its keywords and function names, in order.

    The text is split into SPARQL's terminals (comments, strings, IRIs, variables, prefixed names), so a
    word inside a comment, a string or an IRI is no keyword, and no comment or string can hide one.
    """
    return [m.group("word").upper() for m in _LEXEME.finditer(text) if m.group("word")]


def refuse_unsafe(text: str, allow_service: bool = False) -> None:
    """Raise QueryRefused for an update, or for a query calling ``SERVICE`` unless ``allow_service``.

    SERVICE is a reserved word used only for remote calls, so a query calls one exactly when the keyword
    occurs in it; an update is a text whose first keyword after its PREFIX/BASE lines is an update operation.
    The text is read as written and with its ``\\u`` escapes replaced, and refused if either reading is unsafe.
    (A token scan, since rdflib's full parser takes 0.1–0.7 s on the starter queries.)
    """
    # SPARQL lets \\uXXXX escapes stand for any character, keywords included: read the text both ways
    unescaped = re.sub(r"\\u([0-9A-Fa-f]{4})|\\U(0010[0-9A-Fa-f]{4}|000[0-9A-Fa-f]{5})",
                       lambda m: chr(int(m[1] or m[2], 16)), text)
    readings = [keywords(text)] + ([keywords(unescaped)] if unescaped != text else [])
    if any(next((w for w in words if w not in ("PREFIX", "BASE")), "") in _UPDATES for words in readings):
        raise QueryRefused("updates are not allowed: kg query only reads graphs "
                           "(change a graph with kg build --into)")
    if any("SERVICE" in words for words in readings) and not allow_service:
        raise QueryRefused("the query calls a remote SERVICE, which would send data out: "
                           "give --allow-service to run it")


def _has_service(node: Any) -> bool:
    """Whether an rdflib query algebra contains a SERVICE pattern."""
    stack = [node]
    while stack:
        n = stack.pop()
        if getattr(n, "name", None) == "ServiceGraphPattern":
            return True
        if isinstance(n, dict):
            stack.extend(n.values())
        elif isinstance(n, list | tuple):
            stack.extend(n)
    return False


@contextlib.contextmanager
def _no_graph_loading() -> Iterator[None]:
    """rdflib loads the IRI of a ``FROM`` it does not hold (a file, a URL); make it use only the input."""
    import rdflib.plugins.sparql as sparql

    before = sparql.SPARQL_LOAD_GRAPHS
    sparql.SPARQL_LOAD_GRAPHS = False
    try:
        yield
    finally:
        sparql.SPARQL_LOAD_GRAPHS = before


def run_query(graph: Graph, query: str, allow_service: bool = False) -> tuple[list[str], list[list[str]]]:
    """Column names and rows (as strings; empty string for unbound) of a SELECT/ASK query on an rdflib graph."""
    from rdflib.plugins.sparql import prepareQuery

    refuse_unsafe(query, allow_service)
    prepared = prepareQuery(query, initNs={**PREFIXES, "rdf": RDF})
    if not allow_service and _has_service(prepared.algebra):  # rdflib's own parse agrees with the scan
        raise QueryRefused("the query calls a remote SERVICE: give allow_service=True to run it")
    with _no_graph_loading():
        result = graph.query(prepared)
        if result.type == "ASK":
            return ["ask"], [[str(bool(result.askAnswer)).lower()]]
        header = [str(v) for v in result.vars or []]
        rows = [["" if v is None else str(v) for v in row] for row in result]
    return header, rows


# ------------------------------------------------------------------------------------------------ binding


def parse_sets(pairs: Iterable[str]) -> dict[str, list[str]]:
    """``NAME=VALUE`` pairs (``--set``) as name → values, in the order given."""
    out: dict[str, list[str]] = {}
    for pair in pairs:
        name, eq, value = pair.partition("=")
        name = name.strip().lstrip("?$")
        if not eq or not re.fullmatch(r"\w+", name):
            raise ValueError(f"--set {pair!r}: give NAME=VALUE (e.g. --set person='Đồng Văn Thanh')")
        out.setdefault(name, []).append(value)
    return out


def _term(value: str) -> str:
    """A --set value as SPARQL: ``<iri>`` and literals written in SPARQL (``"…"@vi``) as given, else a string."""
    if value.startswith("<") and value.endswith(">") or value.startswith('"'):
        text = value
    else:
        text = json.dumps(value, ensure_ascii=False)  # a JSON string is a valid SPARQL and N-Triples string
    try:
        next(iter(ox.parse(f"<urn:s> <urn:p> {text} .", format=ox.RdfFormat.N_TRIPLES)))
    except (SyntaxError, StopIteration) as exc:
        raise ValueError(f"--set value {value!r} is not an IRI <…>, a literal \"…\" or plain text") from exc
    return text


def bind(text: str, sets: dict[str, list[str]]) -> str:
    """The query with each ``VALUES ?name { … }`` line replaced by the values set for ``name``; a variable set
    that has no VALUES line is bound by a VALUES clause added at the end of the query."""
    for name, values in sets.items():
        line = f"VALUES ?{name} {{ {' '.join(_term(v) for v in values)} }}"
        pattern = re.compile(rf"(?i)\bVALUES\s+[?$]{re.escape(name)}\s*\{{[^{{}}]*\}}")
        text, n = pattern.subn(lambda _m, line=line: line, text)
        if n:
            continue
        if not re.search(rf"[?$]{re.escape(name)}\b", text):
            raise ValueError(f"--set {name}: the query has no ?{name}")
        text = f"{text}\n{line}\n"
    return text


# ---------------------------------------------------------------------------------------------- executing


Result = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples


def execute(text: str, graphs: Iterable[str] = (), store_dir: str | Path | None = None,
            sets: Iterable[str] = (), allow_service: bool = False) -> Result:
    """Run a query on graph files (their union) or on a store, with ``--set`` bindings applied."""
    from kg.publish import store

    text = bind(text, parse_sets(sets))
    if store_dir is not None:
        return store.execute(store.open_store(store_dir, read_only=True), text, allow_service=allow_service)
    refuse_unsafe(text, allow_service)  # before reading any input
    return store.execute(open_graphs(graphs), text, allow_service=allow_service, union=True)


def write_result(result: Result, fmt: str, out: IO[bytes], width: int = 80) -> None:
    """Write a result: SELECT/ASK as a table or W3C SPARQL results, CONSTRUCT/DESCRIBE as Turtle or N-Triples."""
    if isinstance(result, ox.QueryTriples):
        if fmt not in ("table", "json", *RDF_FORMATS):
            raise ValueError(f"a CONSTRUCT or DESCRIBE result is RDF: use --format ttl, nt or json, not {fmt}")
        if fmt == "json":  # JSON-LD, expanded: one object per subject
            ox.serialize(result, out, ox.RdfFormat.JSON_LD)
            out.write(b"\n")
            return
        prefixes = {**{p: str(ns) for p, ns in PREFIXES.items()}, "rdf": str(RDF)}
        ox.serialize(result, out, RDF_FORMATS.get(fmt, ox.RdfFormat.TURTLE),
                     prefixes=prefixes if fmt != "nt" else None)
        return
    if fmt in RDF_FORMATS:
        raise ValueError(f"--format {fmt} is for CONSTRUCT and DESCRIBE; a SELECT or ASK result is "
                         "table, csv, tsv, json or xml")
    if isinstance(result, ox.QueryBoolean) and fmt in ("csv", "tsv"):  # no W3C form: one column "ask"
        out.write((f"ask\r\n{str(bool(result)).lower()}\r\n" if fmt == "csv"
                   else f"?ask\n{str(bool(result)).lower()}\n").encode())
        return
    if fmt in RESULT_FORMATS:
        result.serialize(out, RESULT_FORMATS[fmt])
        if fmt in ("json", "xml") or isinstance(result, ox.QueryBoolean):
            out.write(b"\n")  # Oxigraph ends these without a line break
        return
    from kg.publish.store import table

    out.write(format_rows(*table(result), width=width).encode("utf-8"))


def format_rows(header: list[str], rows: list[list[str]], fmt: str = "table", width: int = 80) -> str:
    """Rows as a readable table (a cell longer than ``width`` ends in "…"; 0: no limit), or CSV / JSON records."""
    if fmt == "csv":
        import csv
        import io

        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(header)
        w.writerows(rows)
        return buf.getvalue()
    if fmt == "json":
        return json.dumps([dict(zip(header, r, strict=True)) for r in rows], ensure_ascii=False, indent=1) + "\n"

    def cut(cell: str) -> str:
        return cell if not width or len(cell) <= width else cell[: max(width - 1, 0)] + "…"

    cells = [[cut(c) for c in r] for r in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(header)]

    def line(row: list[str]) -> str:
        return " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()

    out = [line(header), "-+-".join("-" * w for w in widths)] + [line(r) for r in cells]
    out.append(f"({len(rows)} rows)")
    return "\n".join(out) + "\n"
