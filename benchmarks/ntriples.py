"""Reading the N-Triples graphs ``kg build -o graph.nt`` writes, line by line (a million triples in seconds, where
rdflib would take minutes): what the benchmark scripts share."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

TRIPLE = re.compile(r'^(<[^>]*>|_:\S+) <([^>]*)> (.*) \.$')


def triples(path: str | Path) -> Iterator[tuple[str, str, str]]:
    """(subject, predicate, object) of each triple line: the subject and object as written (``<iri>``, a literal
    with its quotes), the predicate's IRI bare; marker comments and blank lines skipped."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            m = TRIPLE.match(line.rstrip("\n"))
            if m:
                yield m.group(1), m.group(2), m.group(3)


def literal(o: str) -> str | None:
    """The lexical form of a literal as N-Triples writes it; None for an IRI or a blank node."""
    m = re.match(r'"((?:[^"\\]|\\.)*)"', o)
    return json.loads('"' + m.group(1) + '"') if m else None
