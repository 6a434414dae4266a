"""Issue 10 point 1's check (in part): is any person's name a sentence fragment, an outlet, a club or a brand?

Reads the ``schema:Person`` nodes and their ``schema:name`` and prints how many there are, then, with examples:

* credit fragments: a name holding a word's ". " ("Sina. Một"; not an initial's, "Q. Hải"), one that opens or
  ends with a word that starts a sentence and is never a name syllable (kg:SentenceOpener: "Theo Thời Đại",
  "Internet Theo"), a foreign name glued to the next sentence's Vietnamese word ("Barack Obama Chính"), one
  holding an outlet's, a brand's or a club's name beside other words ("Facebook Tiến Luật");
* outlet, brand and club persons: a name that is an outlet's (kg:NewsAgency), a brand's or a club's
  (ontology/brands.ttl): "Trí Thức Trẻ", "Google Maps", "Bayern Munich".

    python benchmarks/persons_check.py GRAPH [GRAPH ...] [--show 8]

GRAPH: kg output (.nt .ttl .trig, .gz too), read as a stream. A script that prints figures, not a test.
"""

from __future__ import annotations

import argparse
import gzip
import re
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

from kg.extract.names import glued_syllable
from kg.knowledge import Knowledge, default_knowledge, phrase_key

SCHEMA, RDF_TYPE = "https://schema.org/", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SENTENCE_DOT = re.compile(r"[^\W\d_]{2,}\. ")  # a word's dot, then more: "Sina. Một" (not the initial of "Q. Hải")
FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".trig": ox.RdfFormat.TRIG}


def read(paths: list[Path]) -> dict[str, set[str]]:
    """person → its names."""
    persons: set[str] = set()
    names: dict[str, set[str]] = defaultdict(set)
    for path in paths:
        fmt = FORMATS[Path(path.name.removesuffix(".gz")).suffix]
        with (gzip.open(path, "rb") if path.name.endswith(".gz") else open(path, "rb")) as fh:
            for q in ox.parse(fh, format=fmt):
                p = q.predicate.value
                if p == RDF_TYPE and q.object.value == f"{SCHEMA}Person":
                    persons.add(q.subject.value)
                elif p == f"{SCHEMA}name" and "/person/" in q.subject.value:
                    names[q.subject.value].add(q.object.value)
    return {p: names.get(p, set()) for p in persons}


def classify(name: str, k: Knowledge) -> str | None:
    """"fragment", "outlet" (an outlet, brand or club) or None for a name that may be a person's."""
    keys = list(phrase_key(name))
    if not keys:
        return "fragment"
    whole = [index.match(keys, 0) for index in (k.agencies, k.not_persons)]
    if any(m and m[0] == len(keys) for m in whole):
        return "outlet"
    non_name = k.sentence_openers - k.time_openers
    words = name.split()
    if (SENTENCE_DOT.search(name) or keys[0] in non_name or keys[-1] in non_name
            or glued_syllable(words, k.family_names)
            or any(index.match(keys, i) for index in (k.agencies, k.not_persons) for i in range(len(keys)))):
        return "fragment"  # "Sina. Một", "Theo Thời Đại", "Internet Theo", "Barack Obama Chính", "Facebook X"
    return None


def check(persons: dict[str, set[str]], k: Knowledge, show: int = 8) -> list[str]:
    found: dict[str, list[str]] = defaultdict(list)
    for person in sorted(persons):
        kinds = {classify(n, k) for n in persons[person]} - {None}
        for kind in sorted(kinds):
            found[kind].append(f"{sorted(persons[person])[0]}")
    total = len(persons)
    out = [f"schema:Person nodes {total}"]
    for kind, label in (("fragment", "credit fragments (\". \", a function word, a glued syllable, an outlet inside)"),
                        ("outlet", "outlets, brands and clubs")):
        n = len(found[kind])
        out.append(f"{label}: {n} ({100 * n / total if total else 0:.1f} %)")
        out += [f"    {name}" for name in found[kind][:show]]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("graphs", nargs="+", type=Path)
    ap.add_argument("--show", type=int, default=8, help="examples per figure")
    a = ap.parse_args()
    print("\n".join(check(read(a.graphs), default_knowledge(), a.show)))


if __name__ == "__main__":
    main()
