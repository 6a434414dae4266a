"""SPARQL over an exported graph file, with results as a readable table, CSV or JSON."""

from __future__ import annotations

import csv
import errno
import io
import json
from pathlib import Path

from rdflib import Dataset, Graph

from kg.namespaces import PREFIXES
from kg.writers import format_for


def load_graph(path: str | Path) -> Graph:
    """Parse a graph file written by ``kg build`` (format by extension).

    Errors name the file as the user gave it: a missing one (rdflib would name a resolved path) and a
    syntax error (rdflib says "line 4 of <>").
    """
    fmt = format_for(path)
    if not Path(path).is_file():
        raise FileNotFoundError(errno.ENOENT, "no such file" if not Path(path).exists() else "not a file", str(path))
    g = Dataset(default_union=True) if fmt == "trig" else Graph()
    try:
        g.parse(path, format=fmt)
    except OSError:
        raise
    except Exception as exc:  # rdflib's parsers raise many kinds for bad syntax
        raise ValueError(f"{path}: not valid {fmt}: {exc}") from exc
    return g


def read_query(query: str) -> str:
    """The query text: the contents of a ``.rq`` file, or the argument itself."""
    path = Path(query)
    if query.endswith(".rq") or (len(query) < 4096 and "\n" not in query and path.is_file()):
        return path.read_text(encoding="utf-8")
    return query


def run_query(graph: Graph, query: str) -> tuple[list[str], list[list[str]]]:
    """Column names and rows (as strings; empty string for unbound) of a SELECT/ASK query."""
    result = graph.query(query, initNs=PREFIXES)
    if result.type == "ASK":
        return ["ask"], [[str(bool(result.askAnswer)).lower()]]
    header = [str(v) for v in result.vars or []]
    rows = [["" if v is None else str(v) for v in row] for row in result]
    return header, rows


def format_rows(header: list[str], rows: list[list[str]], fmt: str = "table") -> str:
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(header)
        w.writerows(rows)
        return buf.getvalue()
    if fmt == "json":
        return json.dumps([dict(zip(header, r, strict=True)) for r in rows], ensure_ascii=False, indent=1) + "\n"
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(header)]
    widths = [min(w, 80) for w in widths]

    def line(cells: list[str]) -> str:
        return " | ".join(c[:80].ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    out = [line(header), "-+-".join("-" * w for w in widths)] + [line(r) for r in rows]
    out.append(f"({len(rows)} rows)")
    return "\n".join(out) + "\n"
