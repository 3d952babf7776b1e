"""The dev/holdout split of quiz_fresh: answerable and unanswerable questions shuffled apart with
random.Random(SEED), the first half of each going to dev.jsonl and the rest to holdout.jsonl.

    .venv/bin/python eval/datasets/quiz_fresh/split.py
"""

from __future__ import annotations

import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20261130


def split(questions: list[dict]) -> tuple[list[dict], list[dict]]:
    dev: list[dict] = []
    holdout: list[dict] = []
    rng = random.Random(SEED)
    for group in ([q for q in questions if q["type"] != "null"], [q for q in questions if q["type"] == "null"]):
        shuffled = group[:]
        rng.shuffle(shuffled)
        half = (len(shuffled) + 1) // 2
        dev += shuffled[:half]
        holdout += shuffled[half:]
    order = {q["id"]: i for i, q in enumerate(questions)}
    return sorted(dev, key=lambda q: order[q["id"]]), sorted(holdout, key=lambda q: order[q["id"]])


if __name__ == "__main__":
    questions = [json.loads(line) for line in (HERE / "questions.jsonl").read_text(encoding="utf-8").splitlines()
                 if line.strip()]
    for name, part in zip(("dev", "holdout"), split(questions)):
        (HERE / f"{name}.jsonl").write_text("".join(json.dumps(q, ensure_ascii=False) + "\n" for q in part),
                                            encoding="utf-8")
        print(name, len(part), "questions,", sum(q["type"] == "null" for q in part), "unanswerable")
