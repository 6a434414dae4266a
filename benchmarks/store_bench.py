"""Store benchmark: `kg load` into an Oxigraph store, every query in ontology/queries/ on it, and incremental
updates (`kg build --into STORE`) of new, unchanged and changed articles.

    kg build ../shared/corpus/baomoi-2017.jsonl.gz -o big.ttl -q
    python benchmarks/store_bench.py big.ttl --corpus ../shared/corpus/baomoi-2017.jsonl.gz [--store DIR]

For each query it prints the rows and two times: the query alone (store opened, query run, every row read, best
of --repeat runs) and `kg query --store` end to end (a fresh process, output as CSV). A script that prints
figures, not a test.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

QUERIES = Path(__file__).resolve().parent.parent / "ontology" / "queries"
# a sentence every changed article gains, so that its facts really change
EXTRA = "Chủ tịch UBND tỉnh Hà Nam Nguyễn Văn Thử dự hội nghị."


def kg(*args: str) -> tuple[float, str]:
    """Wall seconds and stderr of one `kg` command (raises if it fails)."""
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True)
    seconds = time.monotonic() - start
    if proc.returncode != 0:
        raise SystemExit(f"kg {' '.join(args)} failed:\n{proc.stderr}")
    return seconds, proc.stderr.strip()


def time_query(store_dir: Path, path: Path, repeat: int) -> tuple[int, float]:
    import pyoxigraph as ox

    from kg.publish.query import read_query
    from kg.publish.store import with_prefixes

    text = with_prefixes(read_query(str(path)))
    best, rows = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        store = ox.Store.read_only(str(store_dir))
        rows = sum(1 for _ in store.query(text))
        best = min(best, time.perf_counter() - start)
        del store
    return rows, best


def busiest_article(store_dir: Path) -> str:
    import pyoxigraph as ox

    from kg.publish.store import query

    _, rows = query(ox.Store.read_only(str(store_dir)),
                    "SELECT ?id (COUNT(?ev) AS ?n) WHERE { ?ev kg:inArticle ?a . ?a schema:identifier ?id } "
                    "GROUP BY ?id ORDER BY DESC(?n) ?id LIMIT 1")
    return rows[0][0]


def articles(corpus: Path, n: int, skip: int = 0) -> list[dict]:
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in itertools.islice(f, skip, skip + n)]


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("graph", type=Path, help="a kg output file (.ttl .nt .trig) to load")
    ap.add_argument("--store", type=Path, help="store folder (default: a temporary one, removed at the end)")
    ap.add_argument("--corpus", type=Path, help="the .jsonl.gz the graph was built from, for the update runs")
    ap.add_argument("--changed", type=int, default=100, help="articles to add, re-add and change (default 100)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per query; the best is printed (default 3)")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="kg-store-bench-"))
    store = args.store or tmp / "store"
    try:
        if store.exists():
            shutil.rmtree(store)
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        seconds, message = kg("load", str(args.graph), "--store", str(store))
        rss = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
        size = sum(f.stat().st_size for f in store.rglob("*") if f.is_file()) / 2**20
        print(f"kg load {args.graph.name}: {seconds:.1f} s wall, peak RSS {rss:.0f} MB, store {size:.0f} MB")
        print(f"  ({message})")

        busiest = busiest_article(store)
        print(f"evidence.rq asks about {busiest}, the article with the most facts")

        def queries(title: str) -> None:
            print(f"\n{title}\n{'query':<30} {'rows':>7} {'query alone':>12} {'kg query':>9}")
            for original in sorted(QUERIES.glob("*.rq")):
                rq = tmp / original.name
                rq.write_text(original.read_text(encoding="utf-8").replace(
                    'VALUES ?article { "nam-dinh" }', f'VALUES ?article {{ "{busiest}" }}'), encoding="utf-8")
                rows, alone = time_query(store, rq, args.repeat)
                cli, _ = kg("query", "--store", str(store), str(rq), "--format", "csv")
                print(f"{original.name:<30} {rows:>7} {alone:>10.2f} s {cli:>7.2f} s")

        queries("Every query in ontology/queries/ on the loaded store:")
        if not args.corpus:
            return 0
        n = args.changed
        new = articles(args.corpus, n)
        for a in new:
            a["id"] = f"{a['id']}-bench-new"
        seconds, _ = kg("build", str(write_jsonl(tmp / "new.jsonl", new)), "--into", str(store), "-q")
        print(f"\nkg build --into: {n} new articles added in {seconds:.1f} s")
        seconds, _ = kg("build", str(write_jsonl(tmp / "new.jsonl", new)), "--into", str(store), "-q")
        print(f"kg build --into: the same {n} articles again (all skipped) in {seconds:.1f} s")
        changed = articles(args.corpus, n, skip=1000)
        for a in changed:
            a["text"] = f"{a['text']}\n{EXTRA}"
        seconds, _ = kg("build", str(write_jsonl(tmp / "changed.jsonl", changed)), "--into", str(store), "-q")
        print(f"kg build --into: {n} changed articles replaced in {seconds:.1f} s")
        queries("The same queries after the updates:")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
