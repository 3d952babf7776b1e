"""LLM-mode benchmark (run by hand; numbers go in eval/bench/llm.md).

    .venv/bin/python eval/bench/llm_bench.py [--index PATH] [--questions FILE] [--n 8]

For the first N questions of the set (unanswerable ones left out): time to first token, decode
tokens/s, tokens generated, and the whole answer time (retrieve + generate + align + verify), with
the configured backend (default: the bundled Qwen2.5-Coder-0.5B GGUF on llama.cpp, QA_LLM_THREADS
threads). The first answer (which loads the model) is timed separately and not counted.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--index", default=str(ROOT / "indexes" / "kursk"))
    parser.add_argument("--questions", type=Path, default=ROOT / "eval" / "datasets" / "kursk" / "questions.jsonl")
    parser.add_argument("--n", type=int, default=8)
    args = parser.parse_args()

    from qa.answer.compose import compose_answer
    from qa.service import QAService
    from qa.config import load_settings

    rows = [json.loads(line) for line in args.questions.read_text().splitlines() if line.strip()]
    questions = [r["question"] for r in rows if r.get("answers")][: args.n + 1]
    settings = load_settings(os.environ, mode="llm")
    service = QAService(settings, args.index)
    reader, retriever = service._state()
    generator = service._generator("llm")

    def ask(q: str) -> tuple[object, float]:
        t0 = time.perf_counter()
        result = retriever.retrieve(q, settings.k, None)
        comp = compose_answer(q, result.hits, reader, service.embedder, settings, mode="llm", generator=generator,
                              query_vector=result.query_vector)
        return comp, (time.perf_counter() - t0) * 1000

    # the first answer loads the model: timed, then left out (and its question too: llama.cpp would
    # reuse the cached prompt)
    _, first_ms = ask(questions[0])
    per_question = []
    for q in questions[1:]:
        comp, total = ask(q)
        t = comp.timings_ms
        per_question.append({
            "question": q,
            "first_token_ms": t.get("generate_first_token"),
            "tokens": t.get("generate_tokens"),
            "tokens_per_s": t.get("generate_tokens_per_s"),
            "total_ms": total,
            "abstained": comp.abstained,
            "answer": comp.answer,
        })
        print(f"{total / 1000:6.1f} s  {q[:70]}", file=sys.stderr, flush=True)

    def med(key: str) -> float | None:
        values = [r[key] for r in per_question if r[key] is not None]
        return round(statistics.median(values), 1) if values else None

    report = {
        "backend": settings.llm_backend,
        "threads": settings.llm_threads,
        "questions": len(per_question),
        "first_answer_with_model_load_s": round(first_ms / 1000, 2),
        "first_token_ms_p50": med("first_token_ms"),
        "tokens_per_s_p50": med("tokens_per_s"),
        "tokens_p50": med("tokens"),
        "answer_ms_p50": med("total_ms"),
        "cpus": os.cpu_count(),
        "per_question": per_question,
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
