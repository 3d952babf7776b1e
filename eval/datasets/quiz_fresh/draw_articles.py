"""The seeded draw the quiz_fresh questions were written from: 60 MultiHop-RAG articles, none of those
eval/datasets/mixed or eval/datasets/quiz uses, in the order drawn (see README.md for the ones skipped).

    .venv/bin/python eval/datasets/quiz_fresh/draw_articles.py [CORPUS.jsonl]
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parents[2].parent / "shared" / "benchmarks" / "multihop_rag" / "corpus.jsonl"
SEED = 2026
DRAWN = 60


def _ids(corpus: Path) -> set[str]:
    return {json.loads(line)["id"] for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()}


def draw(corpus: Path) -> list[dict]:
    records = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    used = _ids(HERE.parent / "mixed" / "articles" / "corpus.jsonl") | _ids(HERE.parent / "quiz" / "articles" / "corpus.jsonl")
    pool = sorted(r["id"] for r in records if r["id"] not in used)
    chosen = random.Random(SEED).sample(pool, DRAWN)
    by_id = {r["id"]: r for r in records}
    return [by_id[i] for i in chosen]


if __name__ == "__main__":
    for record in draw(Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS):
        print(record["id"], record["category"], len(record["text"]), record["source"], record["published_at"][:10], "|", record["title"])
