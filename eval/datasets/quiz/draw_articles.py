"""The seeded draw the quiz questions were written from: 56 MultiHop-RAG articles, none of those
eval/datasets/mixed uses, in the order drawn (questions were written for 52 of them; see README.md).

    .venv/bin/python eval/datasets/quiz/draw_articles.py [CORPUS.jsonl]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import seeded_draw  # noqa: E402

SEED = 11
DRAWN = 56


def draw(corpus: Path) -> list[dict]:
    return seeded_draw.draw(corpus, SEED, DRAWN, exclude=seeded_draw.ids_of_set("mixed"))


if __name__ == "__main__":
    for record in draw(Path(sys.argv[1]) if len(sys.argv) > 1 else seeded_draw.CORPUS):
        print(record["id"], record["source"], record["published_at"][:10], "|", record["title"])
