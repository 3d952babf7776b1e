"""The eval runner against a fake service (canned answers): rows, resume, retrieval-only, errors."""

from __future__ import annotations

import json

import pytest

from eval_fakes import FACT, QUESTIONS, REPLIES, FakeService
from qa.errors import InputError
from qa.evaluation.questions import Evidence, Question
from qa.evaluation.runner import RESULTS_FILE, RunOptions, read_results, run_eval


def test_run_writes_rows_with_ask_json_and_scores(tmp_path):
    service = FakeService(REPLIES)
    seen = []
    outcome = run_eval(service, QUESTIONS, tmp_path, RunOptions(), progress=lambda d, t: seen.append((d, t)))
    assert outcome.computed == 3 and outcome.resumed == 0 and outcome.errors == 0
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]
    rows = read_results(tmp_path / RESULTS_FILE)
    assert [r["id"] for r in rows] == ["a", "b", "c"]
    a = rows[0]
    assert a["type"] == "numeric" and a["ask"]["answer"] == "About 10,000 troops [1]."
    assert a["ask"]["passages"][1]["text"] == FACT and a["ask"]["citations"][0]["chunk_id"] == "c1"
    assert a["scores"]["hits@4"] == 1.0 and a["scores"]["mrr@10"] == 0.5 and a["scores"]["accuracy"] == 1.0
    assert a["scores"]["citation_recall"] == 1.0
    assert a["cold"] is True and rows[1]["cold"] is False
    assert set(a["timings_ms"]) >= {"retrieve", "compose", "total", "wall"}
    assert rows[1]["scores"]["abstained"] is True and rows[1]["scores"]["hits@4"] is None
    assert rows[2]["scores"]["accuracy"] == 0.0 and rows[2]["scores"]["hits@10"] == 0.0
    assert service.searched == []  # the answers had 10 passages: no extra search for the metrics
    assert json.loads((tmp_path / "run.json").read_text())["options"]["k_values"] == [4, 10]


def test_extra_search_when_the_answer_used_fewer_passages_than_max_k(tmp_path):
    service = FakeService(REPLIES, n_passages=1)
    outcome = run_eval(service, QUESTIONS[:1], tmp_path, RunOptions(k_values=(4, 10)))
    row = outcome.rows[0]
    assert service.searched == [("How many troops?", 10)]
    assert len(row["search"]["passages"]) == 10 and row["scores"]["hits@4"] == 1.0
    assert "search_for_metrics" in row["timings_ms"]


def test_resume_skips_ids_already_written(tmp_path):
    first = FakeService(REPLIES)
    run_eval(first, QUESTIONS[:1], tmp_path)
    # an interruption left half a line behind
    with (tmp_path / RESULTS_FILE).open("a", encoding="utf-8") as f:
        f.write('{"id": "b", "type": "nu')
    second = FakeService(REPLIES)
    outcome = run_eval(second, QUESTIONS, tmp_path)
    assert second.asked == ["Who won the election?", "How many tanks?"]
    assert outcome.resumed == 1 and outcome.computed == 2
    assert [r["id"] for r in outcome.rows] == ["a", "b", "c"]
    assert [r["id"] for r in read_results(tmp_path / RESULTS_FILE)] == ["a", "b", "c"]


def test_resume_with_other_options_is_refused(tmp_path):
    run_eval(FakeService(REPLIES), QUESTIONS[:1], tmp_path)
    with pytest.raises(InputError):
        run_eval(FakeService(REPLIES), QUESTIONS, tmp_path, RunOptions(retrieval_only=True))


def test_retrieval_only_calls_search_with_max_k(tmp_path):
    service = FakeService(REPLIES)
    outcome = run_eval(service, QUESTIONS, tmp_path, RunOptions(retrieval_only=True, k_values=(2, 5)))
    assert service.asked == [] and service.searched[0] == ("How many troops?", 5)
    row = outcome.rows[0]
    assert "ask" not in row and row["search"]["passages"][1]["text"] == FACT
    assert row["scores"]["hits@2"] == 1.0 and row["scores"]["mrr@2"] == 0.5
    assert "accuracy" not in row["scores"]


def test_a_refused_question_is_recorded_and_scored_as_a_miss(tmp_path):
    qs = [Question(id="x", question="boom", answers=("a",), evidence=(Evidence("a fact"),), type="t")]
    outcome = run_eval(FakeService(REPLIES), qs, tmp_path)
    row = outcome.rows[0]
    assert outcome.errors == 1 and row["error"] == "the question is too long"
    assert row["scores"]["accuracy"] == 0.0 and row["scores"]["hits@10"] == 0.0


def test_bad_k_values():
    with pytest.raises(InputError):
        RunOptions(k_values=(0,))
