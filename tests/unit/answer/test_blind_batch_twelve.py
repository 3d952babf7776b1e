"""Sentences and wordings from the twelfth blind batch (eval/datasets/pages_more12 and quiz_more11, first read in
session 14): a people named by its nation as the counted noun, an age after a name's "Jr.", two ages sharing one
"-year-olds", an amount in cents, a change asked "by how much" with a verb of raising or cutting, an overspend asked
as a size, a follow-up asking for a figure of the kind its scene named, a hope stated as a purpose (and, in
test_verdict.py, "had X ever ... before" denied by "for the first time", the opposite order to the same event, "still
far from"). Pure: no index, no model."""

from __future__ import annotations

import pytest

from qa.answer.evidence import _CAUSE
from qa.answer.mentions import number_mentions
from qa.answer.quantities import find_figures
from qa.query import build_query


@pytest.mark.parametrize("text, unit, head", [
    ("More than 600,000 Israelis live in settlements in east Jerusalem.", "Israelis", "israelis"),
    ("About 12,000 North Koreans fight in the region.", "North Koreans", "koreans"),
    ("Some 10,000 North Korean troops were sent.", "North Korean troops", "troops"),  # an adjective: the noun follows
])
def test_a_people_named_by_its_nation_is_the_counted_noun(text, unit, head):
    (figure,) = find_figures(text)
    assert (figure.unit, figure.head) == (unit, head)


def test_how_many_of_a_people_is_answered_by_a_figure_of_them():
    query = build_query("How many Israelis live in settlements in east Jerusalem and the West Bank?")
    found = number_mentions("More than 600,000 Israelis live in settlements in east Jerusalem and the West Bank, "
                            "alongside more than three million Palestinians.", query.answer_type, query.unit_head)
    assert [m.value for m in found] == ["More than 600,000"]


@pytest.mark.parametrize("text, age", [
    ("Patrick Carlineo Jr., 55, could face up to 10 years in prison.", "55"),
    ("John Smith Sr., 81, died on Monday.", "81"),
    ("Jane Doe, 34, was arrested.", "34"),
])
def test_an_age_follows_a_name_and_its_generational_suffix(text, age):
    assert [m.value for m in number_mentions(text, "age")] == [age]


def test_no_age_after_an_abbreviation_that_is_no_name():
    assert number_mentions("The meeting is set for Feb., 14 people said.", "age") == []


@pytest.mark.parametrize("question", [
    "By how much did Indiana's April state budget raise base school spending in each of the next two years?",
    "By how much did the city cut its police budget?",
])
def test_a_change_asked_by_how_much_is_measured_as_the_sentence_measures_it(question):
    query = build_query(question)  # "boosted base school spending by 2.5%": a percent answers, not only money
    assert query.answer_type != "money" and query.unit_head == ""


def test_how_much_raised_without_by_stays_money():
    assert build_query("How much did Adaptive raise?").answer_type == "money"


def test_two_ages_sharing_one_year_olds_are_one_answer():
    found = number_mentions("The 11- and 12-year-olds came together to give their friend the CD.", "age")
    assert [(m.value, m.key) for m in found] == [("11 and 12", "age:11-12")]


def test_an_amount_in_cents_is_money_in_its_main_unit():
    found = number_mentions("iTunes sold songs for just 99 cents each; albums cost $9.99.", "money")
    assert [(m.value, m.key) for m in found] == [("99 cents", "money:0.99"), ("$9.99", "money:9.99")]
    assert number_mentions("It costs 50 pence.", "money")[0].key == number_mentions("It costs £0.50.", "money")[0].key
    assert number_mentions("a 99-cent song", "money")[0].key == "money:0.99"


def test_how_big_an_overspend_asks_money():
    assert build_query("How big was the 2021-22 overspend that landed Everton the sanction?").answer_type == "money"


def test_a_follow_up_asking_a_figure_asks_the_kind_its_scene_named():
    query = build_query("I'd like the dollar value of the artillery shells North Korea has shipped to Russia. "
                        "What figure is given?")
    assert query.answer_type == "money"
    plain = build_query("North Korea has shipped artillery shells to Russia. What figure is given?")
    assert plain.answer_type == "count"


@pytest.mark.parametrize("text, states_a_reason", [
    ("The girls came together to give their friend the CD in hopes of cheering her up after she broke her wrist.", True),
    ("They wrote to the council in the hope that it would reopen the library.", True),
    ("Fans waited outside, hoping to see the band.", True),
    ("The girls can be heard struggling to figure out how to get the CD out of its case.", False),
])
def test_a_hope_states_a_purpose(text, states_a_reason):
    assert bool(_CAUSE.search(text)) is states_a_reason
