"""Loading question sets: the format, malformed lines reported with their line number, sampling."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from qa.errors import InputError
from qa.evaluation.questions import Evidence, Question, load_questions, select_questions

GOOD = {"id": "q1", "question": "How many troops?", "answers": ["10,000"],
        "evidence": [{"doc_id": "d1", "quote": "About 10,000 troops."}, {"quote": "No doc id here."}],
        "type": "numeric", "answer_parts": [["10,000", "ten thousand"]], "official_answer": "ignored extra"}


def _write(tmp_path, lines):
    path = tmp_path / "questions.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_loads_all_fields_and_ignores_extras(tmp_path):
    null = {"id": "q2", "question": "Who won?", "answers": [], "evidence": [], "type": "null"}
    qs = load_questions(_write(tmp_path, [json.dumps(GOOD), "", json.dumps(null)]))
    assert qs.warnings == []
    q1, q2 = qs.questions
    assert q1 == Question(id="q1", question="How many troops?", answers=("10,000",),
                          evidence=(Evidence("About 10,000 troops.", "d1"), Evidence("No doc id here.", None)),
                          type="numeric", answer_parts=(("10,000", "ten thousand"),))
    assert not q1.is_null and q2.is_null
    assert qs.types == ["null", "numeric"]


def test_malformed_lines_reported_with_line_number_and_rest_loaded(tmp_path):
    lines = [
        json.dumps(GOOD),                                       # 1 ok
        "{not json",                                            # 2
        json.dumps({"question": "no id"}),                      # 3
        json.dumps({"id": "q3", "question": ""}),               # 4
        json.dumps({"id": "q4", "question": "x", "evidence": [{"doc_id": "d"}]}),  # 5 evidence without quote
        json.dumps([1, 2]),                                     # 6 not an object
        json.dumps({"id": "q1", "question": "dup"}),            # 7 repeated id
        json.dumps({"id": "q5", "question": "fine", "answers": "single string"}),  # 8 ok
    ]
    qs = load_questions(_write(tmp_path, lines))
    assert [q.id for q in qs.questions] == ["q1", "q5"]
    assert [w.line for w in qs.warnings] == [2, 3, 4, 5, 6, 7]
    assert "line 2: not valid JSON" in str(qs.warnings[0])
    assert "evidence[0]" in qs.warnings[3].reason
    assert "repeats line 1" in qs.warnings[5].reason
    assert qs.questions[1].answers == ("single string",)
    assert qs.questions[1].type == "unknown"


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError) as exc:
        load_questions(tmp_path / "nope.jsonl")
    assert exc.value.hint


def _many(n_per_type):
    out = []
    for t, n in n_per_type.items():
        out += [Question(id=f"{t}{i}", question="q", answers=("a",), type=t) for i in range(n)]
    return out


def test_stratified_sample_is_proportional_deterministic_and_in_file_order():
    qs = _many({"inference": 816, "comparison": 856, "temporal": 583, "null": 301})
    a = select_questions(qs, sample=100, seed=3)
    b = select_questions(qs, sample=100, seed=3)
    c = select_questions(qs, sample=100, seed=4)
    assert a == b and a != c and len(a) == 100
    counts = Counter(q.type for q in a)
    assert counts == {"comparison": 33, "inference": 32, "temporal": 23, "null": 12}
    positions = [qs.index(q) for q in a]
    assert positions == sorted(positions)


def test_types_and_limit():
    qs = _many({"a": 3, "b": 3})
    assert [q.id for q in select_questions(qs, types=["b"], limit=2)] == ["b0", "b1"]
    with pytest.raises(InputError):
        select_questions(qs, types=["zzz"])
    assert len(select_questions(qs, sample=50)) == 6
