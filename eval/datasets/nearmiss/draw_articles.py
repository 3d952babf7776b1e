"""The seeded draw the near-miss pairs were written from: MultiHop-RAG articles that neither
eval/datasets/mixed nor eval/datasets/quiz uses (quiz: its whole seeded draw, not only the articles
it wrote questions for), in the order drawn (see README.md for the ones skipped and why).

    .venv/bin/python eval/datasets/nearmiss/draw_articles.py [CORPUS.jsonl]
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import seeded_draw  # noqa: E402

SEED = 23
DRAWN = 60
_spec = importlib.util.spec_from_file_location("quiz_draw", seeded_draw.DATASETS / "quiz" / "draw_articles.py")
_quiz = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_quiz)


def draw(corpus: Path) -> list[dict]:
    quiz = {r["id"] for r in _quiz.draw(corpus)}
    return seeded_draw.draw(corpus, SEED, DRAWN, exclude=seeded_draw.ids_of_set("mixed") | quiz)


if __name__ == "__main__":
    for record in draw(Path(sys.argv[1]) if len(sys.argv) > 1 else seeded_draw.CORPUS):
        print(record["id"], record["source"], record["published_at"][:10], len(record["text"]), "|", record["title"])
