"""The unit a number question asks about, however the question goes on after it."""

from qa.answer.mentions import number_mentions
from qa.answer.quantities import find_figures
from qa.answer.evidence import matching_figures
from qa.query import build_query


def test_unit_phrase_stops_before_a_plain_verb():
    q = build_query("How many North Korean special forces went to Vladivostok?")
    assert (q.answer_type, q.unit_head, q.unit_class) == ("count", "forces", "personnel")
    q = build_query("How many goals did the striker score?")
    assert q.unit_head == "goals"


def test_how_big_asks_a_count_unless_it_names_an_area():
    assert build_query("How big is the country's army?").answer_type == "count"
    assert build_query("How large is each of the five units?").answer_type == "count"
    assert build_query("How large is the area of the park in square miles?").answer_type == "distance"
    assert build_query("How far is the camp from the border?").answer_type == "distance"


def test_how_much_later_or_longer_asks_a_length_of_time():
    for question in ("How much later will the flight from Havana depart?", "How much longer will the strike last?",
                     "How much earlier did the train leave?"):
        q = build_query(question)
        assert (q.answer_type, q.unit_class) == ("duration", "time"), question


def test_what_something_is_worth_asks_an_amount_of_money():
    for question in ("What is the digital twin market expected to be worth in 2027?", "What was the deal worth?",
                     "What were the masks stolen in Kobe worth?"):
        assert build_query(question).answer_type == "money", question
    assert build_query("What is worth watching this week?").answer_type != "money"


def test_a_figure_of_the_same_unit_class_answers():
    sentence = "Analyses indicate about 30,000 Ukrainian forces remain engaged there."
    found = number_mentions(sentence, "count", unit_head="troops")
    assert [m.value for m in found] == ["about 30,000"]
    assert number_mentions("The club sold 3,000 tickets.", "count", unit_head="troops") == []


def test_any_figure_answers_when_no_unit_is_asked():
    q = build_query("How big is the country's army?")
    figures = find_figures("The country has the fourth largest army in the world with 1.3 million soldiers.")
    assert [f.text for f in matching_figures(q, figures)] == ["1.3 million"]


def test_hyphenated_amounts_of_money():
    from qa.answer.mentions import mentions

    sentence = "The 1.2-billion-yuan (US$171-million) telescope is linked to a $23-million data centre."
    assert [m.value for m in mentions(sentence, "money")] == ["1.2-billion-yuan", "US$171-million", "$23-million"]
