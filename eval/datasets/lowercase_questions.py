"""Write a question set with every question typed in lower case, as people type at a terminal or in a chat box.

    python eval/datasets/lowercase_questions.py eval/datasets/quiz/questions.jsonl /tmp/quiz_lower.jsonl
    qa eval run /tmp/quiz_lower.jsonl --index <index>

The answers and every other field are kept; only `question` changes. Run beside the set as written, it measures
how much of qa's reading of a question rests on capitals (names, outlets, titles): see eval/bench/answer_ablation.md,
session 9, "Lower case".
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(source: Path, target: Path) -> None:
    rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    with target.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps({**row, "question": row["question"].lower()}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: lowercase_questions.py QUESTIONS.jsonl OUT.jsonl")
    main(Path(sys.argv[1]), Path(sys.argv[2]))
