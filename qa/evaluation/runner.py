"""Run a question set through a `QAService` and write `DIR/results.jsonl`, one row per question.

A row: `id`, `type`, `question`, then `ask` (the full `qa ask --json` object) or, in a
retrieval-only run, `search` ({query, passages, timings_ms}); `scores` (the flat per-question
metrics of `metrics.score_question`), `timings_ms` (the stages used for latency, plus `wall`),
`cold` (true for the first question a process answered: it includes loading the models) and
`error` when the service refused the question.

Rows are appended and flushed one at a time, so an interrupted run resumes: ids already in
results.jsonl are skipped. `DIR/run.json` records how the run was made; resuming with other
settings (mode, k values, retrieval-only) is refused rather than mixing two runs in one file.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterator, Protocol, Sequence

from qa.errors import InputError, QAError
from qa.evaluation.metrics import DEFAULT_K_VALUES, score_question
from qa.evaluation.questions import Question
from qa.types import Answer, Hit

RESULTS_FILE = "results.jsonl"
RUN_FILE = "run.json"
Progress = Callable[[int, int], None]  # (questions done, questions in the run), resumed ones included


class SearchOutcome(Protocol):
    hits: list[Hit]
    timings_ms: dict[str, float]


class EvalTarget(Protocol):
    """What eval needs of `qa.service.QAService` (a fake in tests needs no inheritance)."""

    def ask(self, question: str, *, mode: str | None = None, k: int | None = None) -> Answer: ...
    # a question with a `question_date` is asked with `as_of=date` as well (QAService.ask takes it)

    def search(self, query: str, *, k: int | None = None) -> SearchOutcome: ...


@dataclass(frozen=True)
class RunOptions:
    mode: str | None = None  # None: the service's default mode
    k_values: tuple[int, ...] = DEFAULT_K_VALUES
    retrieval_only: bool = False

    def __post_init__(self) -> None:
        if not self.k_values or any(k <= 0 for k in self.k_values):
            raise InputError("k values must be positive integers", hint="e.g. --k-values 4,10")

    @property
    def max_k(self) -> int:
        return max(self.k_values)

    def to_json(self) -> dict[str, Any]:
        return {"mode": self.mode, "k_values": list(self.k_values), "retrieval_only": self.retrieval_only}


@dataclass
class RunOutcome:
    results_path: Path
    rows: list[dict[str, Any]] = field(default_factory=list)  # every row of the selected questions
    computed: int = 0
    resumed: int = 0
    errors: int = 0
    wall_s: float = 0.0  # this process's time on the computed questions


def read_results(path: Path) -> list[dict[str, Any]]:
    """The rows of a results.jsonl; a line cut short by an interruption is ignored."""
    rows = []
    if not path.exists():
        return rows
    for line in path.read_text(encoding="utf-8").split("\n"):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(row, dict) and isinstance(row.get("id"), str):
            rows.append(row)
    return rows


def _repair_tail(path: Path) -> None:
    """Cut a final line left half-written by an interruption, so the next row starts on its own line."""
    if not path.exists():
        return
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        path.write_bytes(data[: data.rfind(b"\n") + 1])


def _check_run_file(out_dir: Path, options: RunOptions, meta: dict[str, Any]) -> None:
    run_file = out_dir / RUN_FILE
    wanted = {"options": options.to_json(), **meta}
    if run_file.exists():
        try:
            previous = json.loads(run_file.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            previous = {}
        if previous.get("options") not in (None, options.to_json()):
            raise InputError(
                f"{out_dir} holds a run made with other options ({previous.get('options')})",
                hint="use the same options to resume, or another --out folder",
            )
        for key in ("index", "questions"):
            if key in previous and key in meta and previous[key] != meta[key]:
                raise InputError(f"{out_dir} holds a run over {key} {previous[key]!r}, not {meta[key]!r}",
                                 hint="use another --out folder")
    run_file.write_text(json.dumps(wanted, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def run_eval(
    target: EvalTarget,
    questions: Sequence[Question],
    out_dir: Path,
    options: RunOptions = RunOptions(),
    *,
    meta: dict[str, Any] | None = None,
    progress: Progress | None = None,
) -> RunOutcome:
    """Answer (or only retrieve for) every question not yet in `out_dir/results.jsonl`.

    `meta` (e.g. {"questions": path, "index": path}) is stored in run.json and must match on resume.
    Returns every row for `questions`, in their order (resumed rows read back from the file).
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    _check_run_file(out_dir, options, meta or {})
    results_path = out_dir / RESULTS_FILE
    _repair_tail(results_path)
    done = {row["id"]: row for row in read_results(results_path)}
    outcome = RunOutcome(results_path=results_path)
    total = len(questions)
    finished = sum(q.id in done for q in questions)
    outcome.resumed = finished
    if progress:
        progress(finished, total)
    cold = True
    started = time.perf_counter()
    with results_path.open("a", encoding="utf-8") as sink:
        for question in questions:
            if question.id in done:
                continue
            row = evaluate_question(target, question, options)
            row["cold"] = cold
            cold = False
            outcome.errors += "error" in row
            sink.write(json.dumps(row, ensure_ascii=False) + "\n")
            sink.flush()
            done[question.id] = row
            outcome.computed += 1
            finished += 1
            if progress:
                progress(finished, total)
    outcome.wall_s = time.perf_counter() - started
    outcome.rows = [done[q.id] for q in questions if q.id in done]
    return outcome


def evaluate_question(target: EvalTarget, question: Question, options: RunOptions) -> dict[str, Any]:
    """One question through the service, with its scores: a results.jsonl row."""
    row: dict[str, Any] = {"id": question.id, "type": question.type, "question": question.question}
    quotes = [e.quote for e in question.evidence]
    started = time.perf_counter()
    answer_json: dict[str, Any] | None = None
    passages: list[str] = []
    timings: dict[str, float] = {}
    try:
        if options.retrieval_only:
            result = target.search(question.question, k=options.max_k)
            row["search"] = _search_json(question.question, result)
            passages = [h.chunk.text for h in result.hits]
            timings = dict(result.timings_ms)
        else:
            as_of = {"as_of": date.fromisoformat(question.question_date)} if question.question_date else {}
            answer = target.ask(question.question, mode=options.mode, **as_of)
            answer_json = answer.to_json()
            row["ask"] = answer_json
            if getattr(answer, "support", None) is not None:
                row["support"] = round(float(answer.support), 4)  # for the threshold calibration
            timings = dict(answer.timings_ms)
            passages = [h.chunk.text for h in answer.passages]
            if len(passages) < options.max_k:
                # the answer used fewer passages than the deepest k scored: rank the retrieval
                # metrics on a search of that depth (same retriever, same ranking prefix)
                result = target.search(question.question, k=options.max_k)
                row["search"] = _search_json(question.question, result)
                passages = [h.chunk.text for h in result.hits]
                timings["search_for_metrics"] = sum(result.timings_ms.values())
    except QAError as exc:
        row["error"] = exc.message
        if not options.retrieval_only:
            answer_json = {"answer": "", "abstained": False, "citations": [], "passages": []}
    timings["wall"] = (time.perf_counter() - started) * 1000
    row["timings_ms"] = {k: round(float(v), 3) for k, v in timings.items()}
    row["scores"] = score_question(
        answers=question.answers, answer_parts=question.answer_parts, quotes=quotes,
        is_null=question.is_null, passages=passages, k_values=options.k_values, answer=answer_json,
    )
    return row


def _search_json(query: str, result: SearchOutcome) -> dict[str, Any]:
    return {
        "query": query,
        "passages": [
            {"rank": i + 1, "chunk_id": h.chunk_id, "doc_id": h.doc_id, "title": h.title, "source": h.source,
             "published_at": h.published_at, "start": h.chunk.start, "end": h.chunk.end, "text": h.chunk.text,
             "score": round(float(h.score), 6)}
            for i, h in enumerate(result.hits)
        ],
        "timings_ms": {k: round(float(v), 3) for k, v in result.timings_ms.items()},
    }


def iter_rows(out_dir: Path) -> Iterator[dict[str, Any]]:
    yield from read_results(Path(out_dir) / RESULTS_FILE)
