import pytest

from qa.answer.condense import rewrite_followup, rewrite_followup_llm
from qa.answer.prompts import parse_template

HISTORY = [("How many North Korean troops are in the Kursk region?", "Reports differ: ...")]


@pytest.mark.parametrize(
    "followup, expected",
    [
        ("and how many did the Pentagon say?", "How many North Korean troops did the Pentagon say?"),
        (
            "what about the Pentagon?",
            "How many North Korean troops are in the Kursk region, according to the Pentagon?",
        ),
        ("According to Umerov?", "How many North Korean troops are in the Kursk region, according to Umerov?"),
        ("When did they arrive?", "When did North Korean troops arrive?"),
        ("Who is Mark Rutte?", "Who is Mark Rutte?"),
        ("How many reservists does North Korea have?", "How many reservists does North Korea have?"),
    ],
)
def test_followups_become_standalone(followup, expected):
    assert rewrite_followup(followup, HISTORY) == expected


def test_no_history_means_no_change():
    assert rewrite_followup("  and how many did the Pentagon say? ", []) == "and how many did the Pentagon say?"


def test_chains_of_followups_use_the_rewritten_previous_question():
    history = HISTORY + [("and how many did the Pentagon say?", "The Pentagon reported ...")]
    assert rewrite_followup("when did they arrive?", history) == "When did North Korean troops arrive?"


class ReplyModel:
    def __init__(self, reply):
        self.reply = reply
        self.seen = None

    def invoke(self, messages):
        self.seen = messages
        from langchain_core.messages import AIMessage

        return AIMessage(content=self.reply)


PROMPT = parse_template("condense", "Rewrite.\n---\n{history}\nQ: {question}")


def test_llm_variant_uses_the_model_and_falls_back():
    model = ReplyModel("How many North Korean troops did the Pentagon report?")
    out = rewrite_followup_llm("and the Pentagon?", HISTORY, model, PROMPT)
    assert out == "How many North Korean troops did the Pentagon report?"
    assert "Kursk region" in model.seen[-1].content
    fallback = rewrite_followup_llm("and how many did the Pentagon say?", HISTORY, ReplyModel(""), PROMPT)
    assert fallback == "How many North Korean troops did the Pentagon say?"


def _chat(turns: int) -> list[tuple[str, str]]:
    history = list(HISTORY)
    followups = ["and how many did the Pentagon say?", "what about Umerov?", "when did they arrive?"]
    while len(history) < turns:
        history.append((followups[len(history) % len(followups)], "An answer [1]."))
    return history


def test_each_earlier_turn_is_rewritten_at_most_once(monkeypatch):
    """Rewriting used to recurse over the history before every turn: 2^(n-1) rewrites for n turns."""
    from qa.answer import condense

    calls = []
    step = condense.rewrite_against
    monkeypatch.setattr(condense, "rewrite_against", lambda q, prev: calls.append(q) or step(q, prev))
    for turns in (3, 8, 50):
        calls.clear()
        condense.rewrite_followup("and when did they arrive?", _chat(turns))
        assert len(calls) <= min(turns, condense.RECENT_TURNS) + 1


def test_a_long_history_costs_what_its_recent_turns_cost():
    from qa.answer.condense import RECENT_TURNS, TURN_CHARS, recent_turns

    history = [("q" * 50_000, "a" * 50_000)] * 200
    kept = recent_turns(history)
    assert len(kept) == RECENT_TURNS
    assert all(len(u) <= TURN_CHARS and len(a) <= TURN_CHARS for u, a in kept)
    # the answer depends only on the recent turns
    long_chat = _chat(50)
    assert rewrite_followup("when did they arrive?", long_chat) == rewrite_followup(
        "when did they arrive?", long_chat[-RECENT_TURNS:])


@pytest.mark.parametrize(
    "standalone, shown",
    [
        ("How many North Korean troops did the Pentagon say?", True),
        ("Why (how many North Korean troops are in the Kursk region)?", False),
        ("How many troops are in Kursk, according to the Pentagon, according to Umerov?", False),
        ("How many troops troops did the Pentagon say?", False),
        ("When did " + "North Korean troops " * 12 + "arrive?", False),
        ("and how many did the Pentagon say?", False),  # unchanged: nothing to show
    ],
)
def test_the_rewrite_is_shown_only_when_it_reads_well(standalone, shown):
    from qa.answer.condense import reads_well

    assert reads_well(standalone, "and how many did the Pentagon say?") is shown


def test_qualifiers_replace_each_other_instead_of_piling_up():
    history = HISTORY + [("what about the Pentagon?", "The Pentagon said ...")]
    assert rewrite_followup("what about Umerov?", history) == (
        "How many North Korean troops are in the Kursk region, according to Umerov?")
