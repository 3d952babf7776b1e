"""The seeded draw the quiz_fresh questions were written from: 60 MultiHop-RAG articles, none of those
eval/datasets/mixed or eval/datasets/quiz uses, in the order drawn (see README.md for the ones skipped).

    .venv/bin/python eval/datasets/quiz_fresh/draw_articles.py [CORPUS.jsonl]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import seeded_draw  # noqa: E402

SEED = 2026
DRAWN = 60


def draw(corpus: Path) -> list[dict]:
    used = seeded_draw.ids_of_set("mixed") | seeded_draw.ids_of_set("quiz")
    return seeded_draw.draw(corpus, SEED, DRAWN, exclude=used)


if __name__ == "__main__":
    for record in draw(Path(sys.argv[1]) if len(sys.argv) > 1 else seeded_draw.CORPUS):
        print(record["id"], record["category"], len(record["text"]), record["source"], record["published_at"][:10], "|", record["title"])
