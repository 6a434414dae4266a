"""Build benchmark: articles/s, triples/s, wall time and peak RSS of `kg build` for corpus prefixes of given sizes,
and underthesea's CRF `ner()` on a sample of the same articles as the reference point.

    python benchmarks/build_bench.py ../shared/corpus/baomoi-2017.jsonl.gz --sizes 1000 5000 0 [--jobs 2]
        [--compare-linking]   (each size also built with persons linked within articles only: linking's cost)
    (size 0 = the whole corpus; underthesea is measured only if installed: pip install underthesea)

A script that prints figures, not a test.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def prefix(corpus: Path, n: int, out: Path) -> int:
    with gzip.open(corpus, "rt", encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        lines = src if n == 0 else itertools.islice(src, n)
        count = 0
        for line in lines:
            dst.write(line)
            count += 1
    return count


def run_build(path: Path, out: Path, jobs: int | None, within_only: bool = False) -> dict[str, float]:
    import os

    cmd = [sys.executable, "-m", "kg.cli", "build", str(path), "-o", str(out), "-q"]
    if jobs:
        cmd += ["-j", str(jobs)]
    env = {**os.environ, **({"KG_LINK": "within"} if within_only else {})}
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.monotonic()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    wall = time.monotonic() - start
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    summary = proc.stderr.splitlines()[0] if proc.stderr else ""
    fields = dict(part.strip().split(" ", 1) for part in summary.split(",") if " " in part.strip())
    return {"wall": wall, "articles": float(fields.get("articles", 0)), "triples": float(fields.get("triples", 0)),
            "peak_rss_mb": peak / 1024}


def underthesea_rate(path: Path, sample: int) -> float | None:
    try:
        from underthesea import ner
    except ImportError:
        return None
    with open(path, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in itertools.islice(fh, sample)]
    ner("Khởi động.")  # load the model outside the timing
    start = time.monotonic()
    for text in texts:
        ner(text)
    return len(texts) / (time.monotonic() - start)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path, help=".jsonl.gz corpus (id, text …)")
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 0], help="article counts (0 = all)")
    ap.add_argument("--jobs", type=int, help="worker processes for kg build (default: all cores)")
    ap.add_argument("--ner-sample", type=int, default=100, help="articles for the underthesea reference")
    ap.add_argument("--compare-linking", action="store_true",
                    help="also build each size with persons linked within articles only (KG_LINK=within) and "
                         "print what cross-article linking adds to the wall time")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rows = []
        for size in a.sizes:
            src = Path(tmp) / f"corpus-{size}.jsonl"
            n = prefix(a.corpus, size, src)
            r = run_build(src, Path(tmp) / f"graph-{size}.ttl", a.jobs)
            rows.append((n, r))
            print(f"{n:>7} articles: {r['wall']:7.1f} s wall, {r['articles'] / r['wall']:7.0f} articles/s, "
                  f"{r['triples'] / r['wall']:9.0f} triples/s, {int(r['triples']):>9} triples, "
                  f"peak RSS {r['peak_rss_mb']:.0f} MB", flush=True)
            if a.compare_linking:
                w = run_build(src, Path(tmp) / f"within-{size}.ttl", a.jobs, within_only=True)
                print(f"{'':>7} within articles only: {w['wall']:7.1f} s wall; cross-article linking adds "
                      f"{100 * (r['wall'] / w['wall'] - 1):+.0f}% (peak RSS {w['peak_rss_mb']:.0f} MB)", flush=True)
        if len(rows) > 1:
            (n0, r0), (n1, r1) = rows[0], rows[-1]
            print(f"scaling: {n1 / n0:.1f}x the articles took {r1['wall'] / r0['wall']:.1f}x the time")
        ner_rate = underthesea_rate(Path(tmp) / f"corpus-{a.sizes[0]}.jsonl", a.ner_sample)
        best = max(r["articles"] / r["wall"] for _, r in rows)
        if ner_rate is None:
            print("underthesea not installed: no reference figure (pip install underthesea)")
        else:
            print(f"underthesea ner(): {ner_rate:.1f} articles/s on one core over {a.ner_sample} articles; "
                  f"kg build is {best / ner_rate:.0f}x faster end to end")


if __name__ == "__main__":
    main()
