"""Golden `qa ask --json` answers (extractive mode) for a few kursk questions.

Scores and timings are left out (floats that move with any retrieval tweak); the answer text and
what each citation points at are compared exactly. Regenerate after an intended change with
`QA_UPDATE_GOLDEN=1 pytest tests/integration/test_kursk_golden.py` and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

GOLDEN = Path(__file__).parent / "golden" / "kursk_answers.json"
QUESTIONS = [
    "How many North Korean soldiers did the Pentagon say were sent to train in eastern Russia?",
    "How many North Korean troops are in the Kursk region?",
    "Have North Korean troops fought yet?",
    "Who described the deployment of North Korean troops in Kursk as a dangerous expansion of the conflict?",
    "How many North Korean soldiers have been killed in the fighting so far?",
]


def _stable(answer_json: dict) -> dict:
    keep = ("n", "doc_id", "chunk_id", "start", "end", "quote", "verified")
    return {
        "question": answer_json["question"],
        "answer": answer_json["answer"],
        "abstained": answer_json["abstained"],
        "mode": answer_json["mode"],
        "citations": [{k: c[k] for k in keep} for c in answer_json["citations"]],
        "passages": len(answer_json["passages"]),
        "short_answer": answer_json["short_answer"],
        "answer_type": answer_json["answer_type"],
        "conflict": answer_json["conflict"],
        "candidates": [[c["value"], c["citations"]] for c in answer_json["candidates"]],
    }


def test_golden_answers(kursk_index_master, session_dir):
    from qa.answer.abstain import DEFAULT_THRESHOLD
    from qa.service import QAService
    from qa.settings import Settings

    service = QAService(
        Settings(indexes_dir=session_dir / "indexes", abstain_threshold=DEFAULT_THRESHOLD), kursk_index_master
    )
    got = [_stable(service.ask(q).to_json()) for q in QUESTIONS]
    if os.environ.get("QA_UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert got == json.loads(GOLDEN.read_text(encoding="utf-8"))
