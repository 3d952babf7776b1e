"""Answer-format directives ("Number only: ...", "... Answer in one word."): found, removed, honoured."""

import pytest

from qa.answer.extractive import value_alone
from qa.answer.protocols import Draft
from qa.answer_format import split_directive
from qa.query import build_query


@pytest.mark.parametrize(
    "text, wants, question",
    [
        ("Number only: soldiers per unit in the five-unit breakdown.", "number",
         "Soldiers per unit in the five-unit breakdown."),
        ("Number only, skip the background: the independent count of soldiers.", "number",
         "The independent count of soldiers."),
        ("Give me a name and nothing else: the centre's founder.", "name", "The centre's founder."),
        ("Age only: how old is John Foreman?", "age", "How old is John Foreman?"),
        ("Date only, no explanation: when did the army start?", "date", "When did the army start?"),
        ("Okay, one-word answer: which city is at the other end?", "short", "Which city is at the other end?"),
        ("Short answer, no context: for how long was it left?", "short", "For how long was it left?"),
        ("Yes or no, no hedging: does the article say they fought?", "yesno", "Does the article say they fought?"),
        ("In one word: who leads NATO?", "short", "Who leads NATO?"),
        ("Percentage only - the rise in sales.", "percent", "The rise in sales."),
        ("How many troops are in Kursk? Just the number, please.", "number", "How many troops are in Kursk?"),
        ("Who founded the centre? Answer in one word.", "short", "Who founded the centre?"),
        ("Did Russia mobilise? Yes or no?", "yesno", "Did Russia mobilise?"),
        ("Who leads NATO? Name only.", "name", "Who leads NATO?"),
        ("Which city? Just the city, nothing else.", "place", "Which city?"),
    ],
)
def test_a_directive_is_found_and_the_question_proper_kept(text, wants, question):
    directive = split_directive(text)
    assert directive is not None and (directive.wants, directive.question) == (wants, question)


@pytest.mark.parametrize(
    "text",
    [
        "Name the company that bought Big Machine",  # a question that asks for a name, not a directive
        "What is the number only a few know?",
        "Who said the date - October 3 - was chosen?",
        "How many troops are there in total?",
        "Is it yes or no?",
        "Yes or no:",  # nothing is asked
        "Summarize the articles.",
    ],
)
def test_ordinary_questions_carry_no_directive(text):
    assert split_directive(text) is None


def test_a_directive_is_no_part_of_what_is_asked():
    plain = build_query("Does the article say the troops have begun fighting?")
    directed = build_query("Yes or no, no hedging: does the article say the troops have begun fighting?")
    assert directed.answer_format == "yesno" and plain.answer_format is None
    assert directed.terms == plain.terms and directed.answer_type == plain.answer_type == "yesno"
    assert build_query("Age only: how old is John Foreman?").answer_type == "age"
    number_only = build_query("Number only, skip the background: the independent count of soldiers.")
    assert not {"number", "skip", "background"} & set(number_only.terms)


def test_the_value_alone_answers_with_its_citations():
    draft = Draft(text="Rustem Umerov [1][2]. Ukraine's Defense Minister, Rustem Umerov, said so [1].",
                  short_answer="Rustem Umerov", answer_type="person")
    assert value_alone(draft).text == "Rustem Umerov [1][2]."
    # no single value, or a value the opening does not give: the draft stays whole
    for whole in (Draft(text="Sources disagree: Geneva [1]; Vienna [2].", short_answer="Geneva", conflict=True),
                  Draft(text="The talks were held in Geneva [1].", short_answer=None),
                  Draft(text="About 10,000 [1]. More came later [2].", short_answer="Vienna"),
                  Draft(text="", abstained=True)):
        assert value_alone(whole) == whole


@pytest.mark.parametrize(
    "spoken, plain",
    [
        ("Hey, um, how many soldiers has Russia got in the Kursk region, I mean the Russians, not the North Koreans?",
         "How many soldiers has Russia got in the Kursk region, the Russians?"),
        ("Okay, what did the Pentagon, uh, say about it?", "What did the Pentagon say about it?"),
        ("Right, when did it start?", "When did it start?"),
        ("How many Russians, not Ukrainians, died?", "How many Russians, died?"),
    ],
)
def test_spoken_openings_and_ruled_out_phrases_are_not_asked(spoken, plain):
    said, written = build_query(spoken), build_query(plain)
    assert said.terms == written.terms and said.answer_type == written.answer_type
    assert "Hey" not in said.entities and "North Koreans" not in said.entities


@pytest.mark.parametrize("question", ["Well water levels fell by how much?", "Why did the minister not attend?",
                                      "So who won the final?",
                                      # a deed denied, not a thing ruled out
                                      "Which company is accused of altering news, not fully releasing its model?",
                                      "Who won, not only the cup, but the league?"])
def test_words_that_only_look_spoken_stay(question):
    assert build_query(question).text == question
