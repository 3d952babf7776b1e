"""The seeded draw the near-miss pairs were written from: MultiHop-RAG articles that neither
eval/datasets/mixed nor eval/datasets/quiz uses (quiz: its whole seeded draw, not only the articles
it wrote questions for), in the order drawn (see README.md for the ones skipped and why).

    .venv/bin/python eval/datasets/nearmiss/draw_articles.py [CORPUS.jsonl]
"""

from __future__ import annotations

import importlib.util
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("quiz_draw", HERE.parent / "quiz" / "draw_articles.py")
_quiz = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_quiz)
CORPUS = _quiz.CORPUS

SEED = 23
DRAWN = 60


def draw(corpus: Path) -> list[dict]:
    records = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    mixed = {json.loads(line)["id"] for line in (HERE.parent / "mixed" / "articles" / "corpus.jsonl")
             .read_text(encoding="utf-8").splitlines() if line.strip()}
    quiz = {r["id"] for r in _quiz.draw(corpus)}
    pool = sorted(r["id"] for r in records if r["id"] not in mixed | quiz)
    chosen = random.Random(SEED).sample(pool, DRAWN)
    by_id = {r["id"]: r for r in records}
    return [by_id[i] for i in chosen]


if __name__ == "__main__":
    for record in draw(Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS):
        print(record["id"], record["source"], record["published_at"][:10], len(record["text"]), "|", record["title"])
