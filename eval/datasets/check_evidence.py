"""Check a question set against its articles (`SET/questions.jsonl`, `SET/articles/corpus.jsonl`): every
evidence quote must be an exact substring of the article it names, and every accepted answer of an
answerable question must be found (normalised, as `qa eval` matches) in at least one of its evidence quotes.

    .venv/bin/python eval/datasets/check_evidence.py eval/datasets/mixed
    .venv/bin/python eval/datasets/check_evidence.py eval/datasets/quiz

Exits 1 and lists the problems when any check fails.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from qa.evaluation.metrics import contains_answer

def main(here: Path) -> int:
    articles = {}
    for line in (here / "articles" / "corpus.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            articles[record["id"]] = record["text"]
    problems: list[str] = []
    questions = [json.loads(line) for line in (here / "questions.jsonl").read_text(encoding="utf-8").splitlines()
                 if line.strip()]
    cited: set[str] = set()
    for q in questions:
        quotes = []
        for ev in q.get("evidence", []):
            text = articles.get(ev["doc_id"])
            if text is None:
                problems.append(f"{q['id']}: unknown article {ev['doc_id']}")
            elif ev["quote"] not in text:
                problems.append(f"{q['id']}: quote not in {ev['doc_id']}: {ev['quote'][:70]!r}")
            else:
                cited.add(ev["doc_id"])
                quotes.append(ev["quote"])
        if q["type"] == "null":
            if q.get("answers") or q.get("evidence"):
                problems.append(f"{q['id']}: an unanswerable question has answers or evidence")
            continue
        if not quotes:
            problems.append(f"{q['id']}: answerable but no evidence")
        if q.get("answer_type") == "yes_no":
            continue  # a verdict is decided from the quotes, not stated in them
        joined = " ".join(quotes)
        for part in q.get("answer_parts") or [q["answers"]]:
            if not any(contains_answer(joined, alt) for alt in part):
                problems.append(f"{q['id']}: answer {part} not in its evidence")
    types: dict[str, int] = {}
    for q in questions:
        types[q["type"]] = types.get(q["type"], 0) + 1
    print(f"{len(questions)} questions over {len(cited)} cited articles ({len(articles)} in the set); types {types}")
    for problem in problems:
        print("PROBLEM", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 2 or not (Path(sys.argv[1]) / "questions.jsonl").is_file():
        sys.exit("usage: check_evidence.py SET_FOLDER (holding questions.jsonl and articles/corpus.jsonl)")
    sys.exit(main(Path(sys.argv[1])))
