"""Draw articles for a new personnel-change gold: random articles with a change verb, in no gold yet.

    python benchmarks/sample_change_articles.py ../shared/corpus/baomoi-2017.jsonl.gz -n 30 --seed 20261204

The articles (≤ 9,000 characters, a change verb in the text, not in any ``benchmarks/data/changes-gold*.jsonl``) are
shuffled with the seed and the first N written as JSON lines, to be labelled by two annotators before any rule is
tuned on them (``changes-gold-unseen-3.jsonl`` was drawn this way with the seed above, before it existed).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
VERB = re.compile(r"bổ nhiệm|được bầu|miễn nhiệm|cách chức|điều động|nghỉ hưu|từ chức|bãi nhiệm|luân chuyển|"
                  r"thôi giữ chức|giao phụ trách|phê chuẩn|đình chỉ|cách hết|sa thải|biệt phái|thôi chức")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path, help="a .jsonl or .jsonl.gz corpus")
    ap.add_argument("-n", type=int, default=30)
    ap.add_argument("--seed", type=int, default=20261204)
    a = ap.parse_args()
    seen = {json.loads(line)["id"] for f in DATA.glob("changes-gold*.jsonl") for line in f.open(encoding="utf-8")}
    rows = []
    with (gzip.open if a.corpus.suffix == ".gz" else open)(a.corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            article = json.loads(line)
            if article["id"] not in seen and len(article["text"]) <= 9000 and VERB.search(article["text"]):
                rows.append(article)
    random.Random(a.seed).shuffle(rows)
    for article in rows[: a.n]:
        sys.stdout.write(json.dumps(article, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
