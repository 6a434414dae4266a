"""Pairwise precision and recall of kg's "same person" decisions against hand-labelled name groups.

    python benchmarks/person_linking.py GRAPH.nt [LABELS.tsv]

GRAPH: an N-Triples graph of (at least) the labelled articles, e.g. ``kg build
../shared/corpus/baomoi-2017.jsonl.gz -o full.nt``. LABELS (default ``benchmarks/data/person-groups.tsv``): group,
article, person. For each labelled mention the graph's person is the one the article mentions
(``schema:mentions``) whose ``schema:name`` or ``schema:alternateName`` is the group's name (case, NFC and tone
placement folded). Over every pair of mentions of one group (``not-a-person`` and ``unsure`` left out): a pair is
predicted "same" when both mentions have one IRI. Prints per-group and overall pairwise precision and recall, and
mentions the graph has no person for.
"""

from __future__ import annotations

import csv
import itertools
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from ntriples import literal as _literal  # noqa: E402
from ntriples import triples  # noqa: E402

from kg.lang.vi.orthography import name_key  # noqa: E402

NAMES = ("https://schema.org/name", "https://schema.org/alternateName", "http://www.w3.org/2004/02/skos/core#altLabel")
MENTIONS = "https://schema.org/mentions"
IDENTIFIER = "https://schema.org/identifier"
SKIP = {"not-a-person", "unsure"}


def literal(o: str) -> str | None:
    return _literal(o)


def read_graph(path: str, wanted_articles: set[str]) -> dict[str, dict[str, set[str]]]:
    """article id → name key → person IRIs the article mentions."""
    names: dict[str, set[str]] = defaultdict(set)
    mentions: dict[str, set[str]] = defaultdict(set)
    ids: dict[str, str] = {}
    for s, p, o in triples(path):
        s = s.strip("<>")
        if p in NAMES and "/person/" in s:
            names[s].add(name_key(literal(o) or ""))
        elif p == MENTIONS and "/person/" in o:
            mentions[s].add(o.strip("<>"))
        elif p == IDENTIFIER and "/article/" in s:
            ident = literal(o)
            if ident in wanted_articles:
                ids[s] = ident
    out: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for art, aid in ids.items():
        for person in mentions.get(art, ()):
            for key in names.get(person, ()):
                out[aid][key].add(person)
    return out


def main(argv: list[str]) -> int:
    graph = argv[1]
    labels = argv[2] if len(argv) > 2 else str(Path(__file__).with_name("data") / "person-groups.tsv")
    with open(labels, encoding="utf-8") as fh:
        rows = list(csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"))
    found = read_graph(graph, {r["article"] for r in rows})
    groups: dict[str, list[tuple[str, str, str | None]]] = defaultdict(list)
    missing = ambiguous = 0
    for r in rows:
        if r["person"] in SKIP:
            continue
        iris = found.get(r["article"], {}).get(name_key(r["group"]), set())
        if len(iris) != 1:
            missing += not iris
            ambiguous += len(iris) > 1
        groups[r["group"]].append((r["article"], r["person"], min(iris) if len(iris) == 1 else None))
    tp = fp = fn = 0
    print(f"{'group':28} {'mentions':>8} {'persons':>7} {'nodes':>5} {'P':>6} {'R':>6}")
    for g in sorted(groups):
        m = [x for x in groups[g] if x[2] is not None]
        gtp = gfp = gfn = 0
        for (_, la, pa), (_, lb, pb) in itertools.combinations(m, 2):
            same_gold, same_pred = la == lb, pa == pb
            gtp += same_gold and same_pred
            gfp += same_pred and not same_gold
            gfn += same_gold and not same_pred
        tp, fp, fn = tp + gtp, fp + gfp, fn + gfn
        p = gtp / (gtp + gfp) if gtp + gfp else 1.0
        r = gtp / (gtp + gfn) if gtp + gfn else 1.0
        print(f"{g:28} {len(groups[g]):8} {len({x[1] for x in groups[g]}):7} {len({x[2] for x in m}):5} "
              f"{p:6.3f} {r:6.3f}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    total = sum(len(v) for v in groups.values())
    print(f"\nmentions {total} (not found in the graph {missing}, several persons {ambiguous}); pairs same in gold "
          f"{tp + fn}, predicted same {tp + fp}")
    print(f"pairwise precision {precision:.3f} recall {recall:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
