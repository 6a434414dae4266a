"""Extraction time against article size: seconds for one synthetic article of 0.1, 0.5, 1 and 2 MB.

The article is dense with document numbers ("Quyết định số 12/2024/QĐ-UBND ngày 3/4/2024 của UBND tỉnh …"),
people and sentences that refer back to a document, the shape that once made extraction quadratic. Time should
grow linearly with size (twice the text, about twice the seconds).

    python benchmarks/article_size_bench.py [--sizes 0.1 0.5 1 2] [--profile]

A script that prints figures, not a test. Sizes above kg.corpus.MAX_ARTICLE_BYTES are skipped by ``kg build``;
the extractor is timed directly here.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.corpus import Article  # noqa: E402
from kg.extract import default_extractor  # noqa: E402
from kg.run.build import facts_of  # noqa: E402

PROVINCES = ["Nam Định", "Thái Bình", "Hà Nam", "Ninh Bình", "Cần Thơ", "Quảng Ninh", "Nghệ An", "Lào Cai"]
KINDS = [("Quyết định", "QĐ"), ("Chỉ thị", "CT"), ("Kế hoạch", "KH"), ("Thông báo", "TB")]


def sentence(i: int) -> str:
    """One sentence of a synthetic article; numbers, dates and names vary with ``i``."""
    kind, code = KINDS[i % len(KINDS)]
    province = PROVINCES[i % len(PROVINCES)]
    day, month, year = i % 28 + 1, i % 12 + 1, 2015 + i % 10
    if i % 5 == 4:
        return f"{kind} được Chủ tịch UBND tỉnh {province} ký ngày {day}/{month}/{year}. "
    if i % 7 == 6:
        return f"Chủ tịch UBND tỉnh {province} Phạm Văn An cho biết tỉnh sẽ sớm triển khai {kind.lower()} này. "
    return (f"{kind} số {i}/{year}/{code}-UBND ngày {day}/{month}/{year} của UBND tỉnh {province} về việc "
            f"triển khai nhiệm vụ năm {year}. ")


def article(size_bytes: int) -> Article:
    parts: list[str] = []
    n = i = 0
    while n < size_bytes:
        s = sentence(i)
        parts.append(s)
        n += len(s.encode("utf-8"))
        i += 1
        if i % 6 == 0:
            parts.append("\n")
    return Article(f"bench-{size_bytes}", "".join(parts))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[0.1, 0.5, 1, 2], help="sizes in MB")
    ap.add_argument("--profile", action="store_true", help="print the top functions of a profile of the largest")
    args = ap.parse_args()
    default_extractor()  # load the pipeline before timing
    for mb in args.sizes:
        a = article(int(mb * 1_000_000))
        t = time.perf_counter()
        facts = facts_of(a)
        dt = time.perf_counter() - t
        print(f"{mb:5.1f} MB  {len(a.text):>9,} chars  {dt:7.2f} s  {dt / mb:6.2f} s/MB  "
              f"documents {len(facts.documents)}  posts {len(facts.posts)}", flush=True)
    if args.profile:
        prof = cProfile.Profile()
        prof.runcall(facts_of, article(int(max(args.sizes) * 1_000_000)))
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
