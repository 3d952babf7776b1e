"""The seeded draw of MultiHop-RAG articles that the quiz, quiz_fresh and nearmiss sets were written from.

Each set's own `draw_articles.py` names its seed, how many articles it drew and which articles it kept out
(those of the sets written before it); this module is the draw itself, so the three stay one procedure.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable
from pathlib import Path

DATASETS = Path(__file__).resolve().parent
CORPUS = DATASETS.parents[1].parent / "shared" / "benchmarks" / "multihop_rag" / "corpus.jsonl"


def read_records(path: Path) -> list[dict]:
    """The JSON lines of a corpus file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def ids_of_set(name: str) -> set[str]:
    """The ids of the articles a set under eval/datasets/ copies into its own articles/corpus.jsonl."""
    return {record["id"] for record in read_records(DATASETS / name / "articles" / "corpus.jsonl")}


def draw(corpus: Path, seed: int, count: int, exclude: Iterable[str] = ()) -> list[dict]:
    """`count` articles drawn with `seed` from the corpus's ids outside `exclude`, sorted first so the draw
    does not depend on the corpus's line order, returned in the order drawn."""
    records = read_records(corpus)
    kept_out = set(exclude)
    pool = sorted(r["id"] for r in records if r["id"] not in kept_out)
    by_id = {r["id"]: r for r in records}
    return [by_id[i] for i in random.Random(seed).sample(pool, count)]
