"""Who did what the question asks: the verb a question asks the subject of, and the sentence's doer of it."""

import pytest

from qa.answer.agents import asked_verb, is_agent


@pytest.mark.parametrize("question, verb", [
    ("Who scored England's injury-time winner against the Netherlands?", "scored"),
    ("Which heavyweight beat Deontay Wilder on the same card in Riyadh?", "beat"),
    ("Which club won the 2023 League Cup final?", "won"),
    ("Which firm led the $8.5 million seed round?", "led"),
    ("Who will replace Dean Evason behind the bench?", "replace"),
    ("Who runs North Korea?", "runs"),
    # the object of a verb, a copula or no verb at all: nothing to read
    ("Which England batter did Jos Buttler say had a brilliant series?", None),
    ("Who did Anthony Joshua beat?", None),
    ("Who is the CEO of Cubic Telecom?", None),
    ("Which England batter?", None),
])
def test_the_verb_whose_subject_is_asked(question, verb):
    assert asked_verb(question) == verb


def agent(sentence: str, value: str, verb: str) -> bool:
    start = sentence.index(value)
    return is_agent(sentence, start, start + len(value), verb)


def test_the_subject_or_the_agent_after_by_does_it():
    assert agent("Joseph Parker beat Deontay Wilder on points in Riyadh.", "Joseph Parker", "beat")
    assert not agent("Joseph Parker beat Deontay Wilder on points in Riyadh.", "Deontay Wilder", "beat")
    assert agent("Wilder was comprehensively beaten by Joseph Parker.", "Joseph Parker", "beat")
    assert agent("Manchester United won the League Cup final against Newcastle.", "Manchester United", "won")
    assert agent("Chloe Kelly then scored the winner as Sarina Wiegman's side beat the Netherlands.", "Chloe Kelly",
                 "scored")
    # a name standing near the verb but not as its doer
    assert not agent("Chloe Kelly scored the winner as Sarina Wiegman's side beat the Netherlands.", "Sarina Wiegman",
                     "scored")
    assert not agent("Sarina Wiegman said. Kelly scored the winner.", "Sarina Wiegman", "scored")  # another sentence
