"""Query latency benchmark (run by hand; numbers go in eval/bench/query.md).

    .venv/bin/python eval/bench/query_bench.py [--index PATH] [--questions FILE] [--mode extractive]

Warm: one QAService, every question asked 3 times, p50/p95 of total and of each stage.
Cold: `qa ask` as a fresh process, from start to printed answer, 5 times.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--index", default=str(ROOT / "indexes" / "kursk"))
    parser.add_argument("--questions", type=Path, default=ROOT / "eval" / "datasets" / "kursk" / "questions.jsonl")
    parser.add_argument("--mode", default="extractive")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cold", type=int, default=5)
    args = parser.parse_args()

    from qa.service import QAService
    from qa.settings import Settings

    questions = [json.loads(line)["question"] for line in args.questions.read_text().splitlines() if line.strip()]
    service = QAService(Settings(), args.index)
    service.ask(questions[0], mode=args.mode)  # load
    # "first": each question's first asking (the sentences it reads may be new to the process); "all": every asking
    # (a server asked the same questions again reads its caches)
    stages: dict[str, list[float]] = {}
    first: dict[str, list[float]] = {}
    for round_ in range(args.repeat):
        for q in questions:
            answer = service.ask(q, mode=args.mode)
            for key, value in answer.timings_ms.items():
                stages.setdefault(key, []).append(value)
                if round_ == 0:
                    first.setdefault(key, []).append(value)
    warm = {k: {"p50": round(statistics.median(v), 2), "p95": round(pct(v, 0.95), 2),
                "first_p50": round(statistics.median(first[k]), 2)} for k, v in stages.items()}

    cold = []
    for _ in range(args.cold):
        started = time.perf_counter()
        subprocess.run([str(ROOT / ".venv" / "bin" / "qa"), "ask", questions[0], "--index", args.index, "--mode", args.mode],
                       check=True, capture_output=True, cwd=ROOT)
        cold.append(time.perf_counter() - started)
    cold_s = {"p50": round(statistics.median(cold), 2), "max": round(max(cold), 2)} if cold else None
    print(json.dumps({"questions": len(questions), "mode": args.mode, "warm_ms": warm, "cold_s": cold_s}, indent=2))


if __name__ == "__main__":
    main()
