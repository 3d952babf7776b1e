"""What `focus_value` (qa/answer/abstain.py) adds to compose: the same questions answered with the
focus features computed and with them replaced by their neutral value, interleaved in one run (so load
falls on both alike); medians of compose time and of `focus_features` alone. Numbers go in
eval/bench/abstention.md.

    .venv/bin/python eval/bench/focus_cost.py --index /tmp/mh --questions eval/datasets/quiz/questions.jsonl
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--index", required=True)
    parser.add_argument("--questions", type=Path, default=ROOT / "eval" / "datasets" / "quiz" / "questions.jsonl")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from qa.answer import abstain
    from qa.service import QAService
    from qa.settings import Settings

    questions = [json.loads(line)["question"] for line in args.questions.read_text().splitlines() if line.strip()]
    real = abstain.focus_features
    spent: list[float] = []

    def timed(evidence, candidate_support):
        started = time.perf_counter()
        out = real(evidence, candidate_support)
        spent.append((time.perf_counter() - started) * 1000)
        return out

    def neutral(evidence, candidate_support):
        return {"focus": 1.0, "focus_value": 1.0}

    service = QAService(Settings(), args.index)
    for q in questions[:5]:
        service.ask(q)  # warm up
    compose: dict[str, list[float]] = {"with": [], "without": []}
    for _ in range(args.repeat):
        for i, q in enumerate(questions):
            order = (("with", timed), ("without", neutral))
            for label, fn in order if i % 2 == 0 else order[::-1]:  # the second ask of a question finds caches warm
                abstain.focus_features = fn
                compose[label].append(service.ask(q).timings_ms.get("compose", 0.0))
    abstain.focus_features = real
    print(json.dumps({
        "questions": len(questions), "repeat": args.repeat,
        "compose_p50_ms": {k: round(statistics.median(v), 2) for k, v in compose.items()},
        "focus_features_p50_ms": round(statistics.median(spent), 3),
        "focus_features_p95_ms": round(sorted(spent)[int(0.95 * (len(spent) - 1))], 3),
    }, indent=2))


if __name__ == "__main__":
    main()
