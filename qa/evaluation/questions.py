"""Question sets: JSON lines of `id, question, answers[], evidence[{doc_id?, quote}], type[, answer_parts]`.

The format of `../shared/benchmarks/*/questions.jsonl` and `eval/datasets/*/questions.jsonl`.
Unknown extra fields are ignored. A malformed line becomes a `QuestionWarning` naming its line
number and the rest of the file still loads; only a missing or unreadable file is an error.
`answers: []` marks an unanswerable ("null") question.
"""

from __future__ import annotations

import json
import random
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from qa.errors import InputError


@dataclass(frozen=True)
class Evidence:
    """A gold fact: the exact sentence (`quote`) an article states, and that article's id when known."""

    quote: str
    doc_id: str | None = None


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    answers: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    type: str = "unknown"
    # every part must appear in the answer; any alternative within a part is enough
    answer_parts: tuple[tuple[str, ...], ...] = ()
    question_date: str | None = None  # YYYY-MM-DD the question was asked: "last week" counts from it

    @property
    def is_null(self) -> bool:
        """Unanswerable from the articles: the right behaviour is to abstain."""
        return not self.answers and not self.answer_parts


@dataclass(frozen=True)
class QuestionWarning:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass
class QuestionSet:
    path: Path
    questions: list[Question] = field(default_factory=list)
    warnings: list[QuestionWarning] = field(default_factory=list)

    @property
    def types(self) -> list[str]:
        return sorted({q.type for q in self.questions})


def load_questions(path: Path) -> QuestionSet:
    """Read a question set; bad lines are reported in `.warnings` (with line numbers) and skipped."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"question set not found: {path}", hint="pass the path of a questions.jsonl file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read question set {path}: {exc}", hint="pass a UTF-8 JSON lines file") from None
    result = QuestionSet(path=path)
    seen: dict[str, int] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            question = parse_question(line)
        except ValueError as exc:
            result.warnings.append(QuestionWarning(number, str(exc)))
            continue
        if question.id in seen:
            reason = f"id {question.id!r} repeats line {seen[question.id]}; skipped"
            result.warnings.append(QuestionWarning(number, reason))
            continue
        seen[question.id] = number
        result.questions.append(question)
    return result


def parse_question(line: str) -> Question:
    """One JSON line to a `Question`; raises ValueError saying what is wrong."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    qid = record.get("id")
    if isinstance(qid, int) and not isinstance(qid, bool):
        qid = str(qid)
    if not isinstance(qid, str) or not qid.strip():
        raise ValueError("missing or empty 'id'")
    text = record.get("question")
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"question {qid!r}: missing or empty 'question'")
    answers = _strings(record.get("answers", []), f"question {qid!r}: 'answers'")
    parts_raw = record.get("answer_parts") or []
    if not isinstance(parts_raw, list):
        raise ValueError(f"question {qid!r}: 'answer_parts' must be a list of lists of strings")
    parts = tuple(
        tuple(_strings(part if isinstance(part, list) else [part], f"question {qid!r}: 'answer_parts'"))
        for part in parts_raw
    )
    parts = tuple(p for p in parts if p)
    evidence = tuple(_evidence(record.get("evidence", []), qid))
    qtype = record.get("type")
    if qtype is None:
        qtype = "null" if not answers and not parts else "unknown"
    if not isinstance(qtype, str) or not qtype.strip():
        raise ValueError(f"question {qid!r}: 'type' must be a non-empty string")
    question_date = record.get("question_date")
    if question_date is not None and not (isinstance(question_date, str)
                                          and re.fullmatch(r"\d{4}-\d\d-\d\d", question_date[:10])):
        raise ValueError(f"question {qid!r}: 'question_date' must be a date, YYYY-MM-DD")
    return Question(id=qid.strip(), question=text, answers=tuple(answers), evidence=evidence,
                    type=qtype.strip(), answer_parts=parts,
                    question_date=question_date[:10] if question_date else None)


def _strings(value: Any, what: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) and not isinstance(v, bool)
                                              for v in value):
        raise ValueError(f"{what} must be a list of strings")
    return [str(v) for v in value if str(v).strip()]


def _evidence(value: Any, qid: str) -> Iterable[Evidence]:
    if value is None:
        return
    if not isinstance(value, list):
        raise ValueError(f"question {qid!r}: 'evidence' must be a list")
    for i, item in enumerate(value):
        if isinstance(item, str):  # a bare quote
            item = {"quote": item}
        if not isinstance(item, dict) or not isinstance(item.get("quote"), str) or not item["quote"].strip():
            raise ValueError(f"question {qid!r}: evidence[{i}] needs a non-empty 'quote'")
        doc_id = item.get("doc_id")
        yield Evidence(quote=item["quote"], doc_id=str(doc_id) if doc_id not in (None, "") else None)


def select_questions(
    questions: Sequence[Question],
    *,
    types: Sequence[str] | None = None,
    sample: int | None = None,
    seed: int = 0,
    limit: int | None = None,
) -> list[Question]:
    """Filter by type, then take a stratified sample, then the first `limit`; file order is kept.

    The sample is stratified by question type with proportional allocation (largest remainder),
    so a sample of 300 from MultiHop-RAG keeps its inference/comparison/temporal/null shares;
    the same `seed` always picks the same questions.
    """
    chosen = list(questions)
    if types:
        wanted = {t.strip() for t in types if t.strip()}
        unknown = wanted - {q.type for q in chosen}
        if unknown == wanted:
            raise InputError(f"no question has type {', '.join(sorted(unknown))}",
                             hint="types in this set: " + ", ".join(sorted({q.type for q in questions})))
        chosen = [q for q in chosen if q.type in wanted]
    if sample is not None:
        if sample <= 0:
            raise InputError("--sample must be greater than 0")
        chosen = stratified_sample(chosen, sample, seed)
    if limit is not None:
        if limit <= 0:
            raise InputError("--limit must be greater than 0")
        chosen = chosen[:limit]
    return chosen


def stratified_sample(questions: Sequence[Question], n: int, seed: int) -> list[Question]:
    if n >= len(questions):
        return list(questions)
    by_type: dict[str, list[int]] = defaultdict(list)
    for i, q in enumerate(questions):
        by_type[q.type].append(i)
    total = len(questions)
    quotas = {t: n * len(ix) / total for t, ix in by_type.items()}
    counts = {t: int(q) for t, q in quotas.items()}
    # hand the seats left by rounding down to the largest remainders (ties: type name, stable)
    for t in sorted(quotas, key=lambda t: (-(quotas[t] - counts[t]), t))[: n - sum(counts.values())]:
        counts[t] += 1
    rng = random.Random(seed)
    picked: list[int] = []
    for t in sorted(by_type):
        picked.extend(rng.sample(by_type[t], counts[t]))
    return [questions[i] for i in sorted(picked)]
