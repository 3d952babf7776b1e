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
