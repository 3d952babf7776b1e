"""The seeded dev/holdout split of the near-miss pairs, and a check that the two files follow it.

    .venv/bin/python eval/datasets/nearmiss/split.py

The 49 pairs p01..p49 (in the order written, one pair an article of the seeded draw) are shuffled with
random.Random(SEED); the first half (24 pairs) is the dev set `questions.jsonl`, the rest (25 pairs)
`holdout.jsonl`. Both questions of a pair fall on the same side. Exits 1 when a file disagrees.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 23
PAIRS = 49


def split() -> tuple[list[str], list[str]]:
    order = [f"p{n:02d}" for n in range(1, PAIRS + 1)]
    random.Random(SEED).shuffle(order)
    half = len(order) // 2
    return sorted(order[:half]), sorted(order[half:])


def pairs_in(path: Path) -> list[str]:
    return sorted({json.loads(line)["pair"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()})


if __name__ == "__main__":
    dev, holdout = split()
    ok = pairs_in(HERE / "questions.jsonl") == dev and pairs_in(HERE / "holdout.jsonl") == holdout
    print(f"dev {len(dev)} pairs, holdout {len(holdout)} pairs: {'as seeded' if ok else 'NOT as seeded'}")
    sys.exit(0 if ok else 1)
