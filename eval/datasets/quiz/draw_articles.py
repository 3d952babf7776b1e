"""The seeded draw the quiz questions were written from: 56 MultiHop-RAG articles, none of those
eval/datasets/mixed uses, in the order drawn (questions were written for 52 of them; see README.md).

    .venv/bin/python eval/datasets/quiz/draw_articles.py [CORPUS.jsonl]
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parents[2].parent / "shared" / "benchmarks" / "multihop_rag" / "corpus.jsonl"
SEED = 11
DRAWN = 56


def draw(corpus: Path) -> list[dict]:
    records = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    mixed = {json.loads(line)["id"] for line in (HERE.parent / "mixed" / "articles" / "corpus.jsonl")
             .read_text(encoding="utf-8").splitlines() if line.strip()}
    pool = sorted(r["id"] for r in records if r["id"] not in mixed)
    chosen = random.Random(SEED).sample(pool, DRAWN)
    by_id = {r["id"]: r for r in records}
    return [by_id[i] for i in chosen]


if __name__ == "__main__":
    for record in draw(Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS):
        print(record["id"], record["source"], record["published_at"][:10], "|", record["title"])
