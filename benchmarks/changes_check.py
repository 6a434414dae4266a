"""Personnel changes against hand-written gold (issue 11 point 5): precision and recall of kg's changes.

    python benchmarks/changes_check.py CORPUS [CORPUS ...] [--gold benchmarks/data/changes-gold.jsonl] [--show 10]

CORPUS: where the gold's articles are: .jsonl(.gz) files (e.g. ../shared/corpus/baomoi-2017.jsonl.gz) and folders of
.txt files (e.g. ../shared/corpus/dev). GOLD: one line per article, ``{"id", "changes": [{person, kind, role, org,
date, …}]}``, labelled by two annotators independently before the extractor was written, differences settled (the
kinds are the English labels of ontology/changes.ttl). A second gold, ``changes-gold-unseen.jsonl`` (30 more baomoi
articles drawn at random among those with a change verb, labelled the same way after the rules' first version and
kept out of their tuning), and a third, ``changes-gold-unseen-2.jsonl`` (30 more, labelled by two annotators before
the change frames were written), and a fourth, ``changes-gold-unseen-3.jsonl`` (30 more, drawn by
``benchmarks/sample_change_articles.py`` and labelled by two annotators before the list and member rules were
tuned), and a fifth, ``changes-gold-unseen-4.jsonl`` (30 more, drawn with ``--seed 20261205`` and labelled by two
annotators before the short-name, pronoun and gapped-clause rules), measure how the rules generalize: ``--gold``
them. A change matches a gold one of
the same article, person (case and tone placement folded) and kind; the figures: precision and recall of (person,
kind), then of (person, kind, role) and (person, kind, date) among the same, and the misses and extras. A script
that prints figures, not a test.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.corpus import Article, read_articles  # noqa: E402
from kg.extract.facts import Change  # noqa: E402
from kg.knowledge import default_knowledge  # noqa: E402
from kg.lang.vi.orthography import name_key  # noqa: E402
from kg.link import resolve_article  # noqa: E402
from kg.run.build import facts_of  # noqa: E402

GOLD = Path(__file__).resolve().parent / "data" / "changes-gold.jsonl"


def predicted(corpus: list[Path], ids: set[str]) -> dict[str, list[tuple[str, str, str | None, str | None]]]:
    """article → (person key, kind, role key, date) of kg's changes, for the articles in ``ids``."""
    kinds = {k.iri: k for k in default_knowledge().change_kinds.values()}
    english = _english()
    out: dict[str, list[tuple[str, str, str | None, str | None]]] = {}
    for article in read_articles(corpus):
        if not isinstance(article, Article) or article.id not in ids:
            continue
        facts = resolve_article(facts_of(article))
        out[article.id] = [_row(c, english.get(c.kind, kinds[c.kind].label)) for c in facts.changes]
    return out


def _english() -> dict[str, str]:
    from rdflib import SKOS, Graph

    from kg.knowledge.files import ontology_dir

    g = Graph().parse(ontology_dir() / "changes.ttl", format="turtle")
    return {str(s): str(o).casefold() for s, o in g.subject_objects(SKOS.prefLabel) if o.language == "en"}


def _row(c: Change, kind: str) -> tuple[str, str, str | None, str | None]:
    post = c.to_post or c.from_post
    return name_key(c.person), kind, name_key(post.role) if post else None, c.date


def score(gold: dict[str, list[dict]], got: dict[str, list[tuple]], show: int) -> list[str]:
    tp = fp = fn = role_ok = date_ok = 0
    misses, extras = [], []
    for aid, changes in sorted(gold.items()):
        want = Counter((name_key(c["person"]), c["kind"]) for c in changes)
        have = Counter((p, k) for p, k, _r, _d in got.get(aid, []))
        for key in want | have:
            hit = min(want[key], have[key])
            tp, fp, fn = tp + hit, fp + have[key] - hit, fn + want[key] - hit
            if want[key] > have[key]:
                misses.append((aid, key))
            if have[key] > want[key]:
                extras.append((aid, key))
            if hit:
                g = next(c for c in changes if (name_key(c["person"]), c["kind"]) == key)
                p = next(r for r in got[aid] if r[:2] == key)
                role_ok += p[2] == (name_key(g["role"]) if g.get("role") else None)
                date_ok += p[3] == g.get("date")
    prec, rec = tp / max(1, tp + fp), tp / max(1, tp + fn)
    out = [f"gold changes {tp + fn}, predicted {tp + fp}, matched (person, kind) {tp}",
           f"precision {prec:.3f} recall {rec:.3f}",
           f"of the matched: role right {role_ok}/{tp}, date right {date_ok}/{tp}",
           f"missed {len(misses)}:"]
    out += [f"    {aid}  {key}" for aid, key in misses[:show]]
    out.append(f"extra {len(extras)}:")
    out += [f"    {aid}  {key}" for aid, key in extras[:show]]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", nargs="+", type=Path)
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--show", type=int, default=10)
    a = ap.parse_args()
    gold = {r["id"]: r["changes"] for r in map(json.loads, a.gold.read_text(encoding="utf-8").splitlines())}
    got = predicted(a.corpus, set(gold))
    lost = sorted(set(gold) - set(got))
    if lost:
        print(f"articles of the gold not found in the corpus: {len(lost)} ({', '.join(lost[:5])})")
    print("\n".join(score(gold, got, a.show)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
