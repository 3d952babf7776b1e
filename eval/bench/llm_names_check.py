"""What the name check of llm mode drops: each question is generated once and aligned twice, with and without it.

    nice -n 5 .venv/bin/python eval/bench/llm_names_check.py --index indexes/kursk --n 12 > runs/names.jsonl

One JSON line per question: the draft, its sentence count, the sentences kept with the check and
without it, and both aligned answers, so every sentence the check drops can be read and judged
(a swapped name, or a false drop). Settings come from qa.toml / QA_* as for the CLI (`--mode llm`
is forced; QA_LLM_BACKEND picks the model).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--questions", type=Path, default=Path("eval/datasets/kursk/questions.jsonl"))
    parser.add_argument("--n", type=int, default=12)
    parser.add_argument("--offset", type=int, default=0)
    args = parser.parse_args()

    import qa.answer.align as align
    import qa.answer.compose as compose
    from qa.answer.citations import split_claims
    from qa.config import load_settings
    from qa.service import QAService

    service = QAService(load_settings(os.environ, mode="llm"), args.index)
    rows = [json.loads(line) for line in args.questions.read_text().splitlines() if line.strip()]
    rows = [r for r in rows if r.get("answers")][args.offset : args.offset + args.n]
    captured: list[tuple] = []
    real_align, real_check = align.align_draft, align.unsupported_names

    def spy(draft, evidence, embedder):  # keeps what the composer aligned, to align it again
        captured.append((draft, evidence, embedder))
        return real_align(draft, evidence, embedder)

    compose.align_draft = spy
    for row in rows:
        captured.clear()
        started = time.perf_counter()
        service.ask(row["question"])
        if not captured:
            print(json.dumps({"q": row["question"], "note": "no draft (abstained before generation)"}), flush=True)
            continue
        draft, evidence, embedder = captured[0]
        checked = real_align(draft, evidence, embedder)
        align.unsupported_names = lambda *a, **k: []
        unchecked = real_align(draft, evidence, embedder)
        align.unsupported_names = real_check
        count = lambda d: len(split_claims(d.text)) if d.text else 0  # noqa: E731
        print(json.dumps({"q": row["question"], "answers": row["answers"], "draft": draft.text,
                          "sentences": len(split_claims(draft.text)), "kept_with_check": count(checked),
                          "kept_without_check": count(unchecked), "with_check": checked.text,
                          "without_check": unchecked.text, "s": round(time.perf_counter() - started, 1)},
                         ensure_ascii=False), flush=True)


if __name__ == "__main__":
    sys.exit(main())
