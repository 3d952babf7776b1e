"""A long chat over the real sample index: follow-up rewriting stays linear, and a passed deadline stops work."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.integration

FIRST = "How many North Korean troops were reported in Kursk?"
FOLLOWUPS = ["and how many did the Pentagon say?", "what about Umerov?", "when did they arrive?",
             "what about the Pentagon?"]


def fifty_turns() -> list[tuple[str, str]]:
    """A long chat as people have them: a question that stands alone, then a few follow-ups, again."""
    history: list[tuple[str, str]] = []
    while len(history) < 50:
        history.append((FIRST, "Between 10,000 and 12,000 North Korean troops [1]."))
        history += [(f, "The Pentagon said about 10,000 [1].") for f in FOLLOWUPS]
    return history[:50]


def test_a_fifty_turn_chat_rewrites_each_turn_at_most_once(kursk_service, monkeypatch):
    from qa.answer import condense

    calls: list[str] = []
    step = condense.rewrite_against
    monkeypatch.setattr(condense, "rewrite_against", lambda q, prev: calls.append(q) or step(q, prev))
    answer = kursk_service.ask("and how many did the Pentagon say?", history=fifty_turns())
    assert len(calls) <= condense.RECENT_TURNS + 1  # was 2^49 (each turn re-rewrote the history before it)
    assert answer.standalone_question and "North Korean troops" in answer.standalone_question
    assert answer.citations and not answer.abstained


def test_a_passed_deadline_stops_the_answer_before_retrieval(kursk_service, monkeypatch):
    from qa.deadline import Deadline, DeadlineExceeded

    kursk_service.info()  # loaded, so the only work left is the answer itself
    retrieved = []
    _, retriever = kursk_service._state()
    monkeypatch.setattr(retriever, "retrieve", lambda *a, **kw: retrieved.append(a))
    with pytest.raises(DeadlineExceeded) as err:
        kursk_service.ask(FIRST, history=fifty_turns(), deadline=Deadline(at=0.0))
    assert retrieved == []
    assert err.value.hint
