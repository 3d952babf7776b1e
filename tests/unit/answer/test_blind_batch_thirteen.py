"""Sentences and wordings from the thirteenth blind batch (eval/datasets/kursk_more11 and pages_more13, first read in
session 15): a figure counted by the people noun it is given to ("the population ... is estimated at around
40,000"), "how much" of a substance named by a compound, a modal verb ending the asked unit, a person called by their
age, a fuller date around the chosen one, facilities asked as places, the name of someone described by "whom", by a
hyphenated noun or after a number, a yes/no form around a question for a stated value, a name asked for outright
inside a longer request, an overview asked "what is happening" and then requested, a weekday asked. Pure: no index,
no model."""

from __future__ import annotations

import pytest

from qa.answer.aggregate import AnswerCandidate, _SPEAKS_OF_PEOPLE, _fuller_date_first
from qa.answer.evidence import _CAUSE, matching_figures, named_referent
from qa.answer.extractive import _ASKS_NAME
from qa.answer.mentions import asks_day, asks_year, mentions
from qa.answer.quantities import find_figures
from qa.query import build_query, stated_value_asked


@pytest.mark.parametrize("text", [
    "The population in the Rukban camp has fluctuated and currently is estimated at around 40,000.",
    "The town has a population of 12,000.",
    "Attendance was 45,000.",
    "The death toll rose to 120.",
])
def test_a_figure_given_to_a_people_noun_counts_people(text):
    (figure,) = find_figures(text)
    assert (figure.unit, figure.head) == ("", "people")


def test_a_figure_given_to_another_noun_counts_nothing_named():
    (figure,) = find_figures("The crowd control budget is 5,000.")
    assert figure.head == ""


def test_how_many_people_live_is_answered_by_a_population():
    query = build_query("Roughly how many people live in the Rukban refugee camp?")
    figures = find_figures("The population in the Rukban camp is estimated at around 40,000.")
    assert [f.text for f in matching_figures(query, figures)] == ["around 40,000"]


def test_how_much_of_a_compound_substance_asks_a_measure_not_a_count():
    query = build_query("How much water vapor did Lucas Paganini's team detect at Jupiter's moon Europa?")
    assert query.unit_mass
    counted = find_figures("Researchers have now detected one such plume's water vapor directly for the first time.")
    weighed = find_figures("And there was quite a bit of the stuff — about 2,300 tons, according to the researchers.")
    assert matching_figures(query, counted) == []
    assert [f.text for f in matching_figures(query, weighed)] == ["about 2,300"]
    assert not build_query("How much is gold worth?").unit_mass


def test_a_modal_verb_ends_the_asked_unit():
    query = build_query("How much bond must each of the prison officers charged in connection with Jeffrey Epstein's "
                        "death put up?")
    assert (query.answer_type, query.unit_head) == ("money", "bond")


def test_a_question_about_people_described_may_be_answered_by_their_names():
    assert _SPEAKS_OF_PEOPLE.search("How much bond must each of the prison officers put up?")
    assert not _SPEAKS_OF_PEOPLE.search("How much did Adaptive raise?")


def test_a_person_called_by_their_age_is_the_last_named_or_the_one_most_repeated():
    before = ("Jose Mourinho has agreed a deal to replace Mauricio Pochettino as Tottenham's manager. Negotiations "
              "with Mourinho's representatives intensified. The Portuguese boss had been out of work since being "
              "sacked by Manchester United. ")
    referent = named_referent("The 56-year-old said after his appointment: \"I am excited.\"", before)
    assert referent == "Manchester United Jose Mourinho"
    assert named_referent("The 56-year-old said so.", "Talks ended. Jose Mourinho signed. ") == "Jose Mourinho"


def test_a_body_written_after_the_is_no_person_called_by_age():
    before = ("Western Bulldogs forward Richelle Cranston has revealed she has kidney disease. Richelle Cranston of "
              "the Bulldogs said it is hard. Credit: Getty Images ")
    assert named_referent("The 34-year-old posted the caption.", before) == "Getty Images Richelle Cranston"


def _group(value: str, support: float) -> AnswerCandidate:
    group = AnswerCandidate(value, f"date:{value}")
    group.support = support
    return group


def test_a_fuller_date_around_the_first_with_nearly_its_support_answers():
    ranked = [_group("2020", 0.66), _group("2019", 0.65), _group("summer 2020", 0.67)]
    assert [g.value for g in _fuller_date_first(ranked)] == ["summer 2020", "2020", "2019"]
    weak = [_group("2020", 0.66), _group("summer 2020", 0.3)]
    assert [g.value for g in _fuller_date_first(weak)] == ["2020", "summer 2020"]
    assert [g.value for g in _fuller_date_first([_group("20", 0.6), _group("2020", 0.7)])] == ["20", "2020"]


# the kind of answer asked: facilities asked as places, a name asked by "whom", a hyphenated or counted noun; a question
# inside a yes/no form; an overview asked, then requested; a share of a whole counted in members; a change asked plainly
@pytest.mark.parametrize("question, answer_type", [
    ("At which observatory did researchers observe Jupiter's moon Europa?", "place"),
    ("In which stadium was the final played?", "place"),
    ("What is the name of the warden whom William Barr reassigned?", "person"),
    ("What is the name of the podcast that the comedian hosts?", "description"),
    ("What was the name of the French co-pilot on the flight?", "person"),
    ("What were the names of the two NYPD officers killed in Bed-Stuy?", "person"),
    ("What is the name of the aid worker diagnosed with Ebola in Glasgow?", "person"),
    ("One outlet cites Britain's defence ministry. Does any of the outlets name the town the Russians took there?",
     "place"),
    ("Does the report say who fired the shot?", "person"),
    ("Does the article say Russia lost?", "yesno"),
    ("My son wants a short, simple explanation of what is happening in Kursk. Could you give me one I can pass on?",
     "summary"),
    ("What is happening in Kursk?", "summary"),
    ("North Korea sent troops. Could you tell me whether they fought?", "yesno"),
    ("In the Kurdish region of Rojava, how much of the decision-making bodies must be women?", "percent"),
    ("How much of the money went to charity?", "count"),
    ("How much does Home Depot now expect its same-store sales to grow in 2019?", "count"),  # a change, any measure
    ("How much did they raise?", "money"),
    ("How much will the house cost?", "money"),
    ("The intelligence estimate of North Korean combat troops going to Russia tops out at what figure?", "count"),
    ("Which public figure resigned?", "person"),
])
def test_the_kind_of_answer_asked(question, answer_type):
    assert build_query(question).answer_type == answer_type


@pytest.mark.parametrize("question, noun", [
    ("What is the name of the warden whom William Barr reassigned?", "warden"),
    ("Which co-founder left the company?", "founder"),
    ("Which start-ups raised money?", "start-up"),
])
def test_the_noun_asked_for_is_read_in_the_singular_and_by_its_last_part(question, noun):
    assert build_query(question).asked_noun == noun


@pytest.mark.parametrize("question, inner", [
    ("The draft gives his age as 62. Can you confirm how old he is from the coverage?",
     "How old he is from the coverage?"),
    ("Does it, or any of the other outlets, give the year she started it?", "Which year she started it?"),
    ("One outlet cites Britain's defence ministry. Does any of the outlets name the town the Russians took there?",
     "Which town the Russians took there?"),
    ("Did the Pentagon say how many troops were sent?", "How many troops were sent?"),
    ("Does the article say Russia lost?", None),
    ("Did Stern say whether troops arrived?", None),
    ("Does NATO confirm the presence of troops?", None),
])
def test_a_yes_no_form_around_a_question_for_a_stated_value(question, inner):
    assert stated_value_asked(question) == inner


def test_a_year_asked_inside_a_yes_no_form():
    assert asks_year("Does it, or any of the other outlets, give the year she started it?")
    assert not asks_year("Does it say when she started it?")


def test_a_name_asked_for_inside_a_longer_request():
    assert _ASKS_NAME.search("My colleague left a blank for the name of the South Korean official who briefed NATO.")
    assert _ASKS_NAME.search("What is the name of her daughter?")
    assert not _ASKS_NAME.search("Who briefed NATO about the names on the list?")


def test_a_weekday_asked_is_one_day():
    question = "On which weekday does the piece say the first thousand fighters got to Kursk?"
    assert build_query(question).answer_type == "date" and asks_day(question)


def test_two_dates_of_one_kind_are_a_list_not_a_fuller_date():
    ranked = [_group("Wednesday", 0.38), _group("Tuesday, Wednesday", 0.372)]
    assert [g.value for g in _fuller_date_first(ranked)] == ["Wednesday", "Tuesday, Wednesday"]
    dated = [_group("November 11", 0.5), _group("Saturday, November 11", 0.5)]
    assert [g.value for g in _fuller_date_first(dated)] == ["Saturday, November 11", "November 11"]


def test_what_before_a_preposition_names_no_kind_of_answer():
    question = "Russia's constant fighting is meant to do what to Ukraine's soldiers and materiel, according to Stern?"
    assert build_query(question).answer_type == "description"
    assert build_query("Which of the generals resigned?").answer_type == "person"


@pytest.mark.parametrize("question, relayed_for, text", [
    ("Okay, Marcus in Leeds wants to know which day the first batch turned up in Kursk?",
     "Marcus in Leeds wants to know", "which day the first batch turned up in Kursk?"),
    ("So Priya in Cardiff asks, okay, if they guard rear positions, why would that help Russia?",
     "So Priya in Cardiff asks, okay,", "if they guard rear positions, why would that help Russia?"),
    ("Next, a listener from Ohio asks: who won?", "Next, a listener from Ohio asks:", "who won?"),
    ("Russia wants to know who did it?", "", "Russia wants to know who did it?"),
])
def test_the_asker_a_question_is_relayed_for_is_no_part_of_it(question, relayed_for, text):
    query = build_query(question)
    assert (query.relayed_for, query.text) == (relayed_for, text)
    assert "marcus" not in query.terms and "leeds" not in query.terms


def test_a_unit_long_is_one_of_that_unit():
    found = mentions("After a lengthy decade-long restoration, it opened as a luxury hotel.", "duration")
    assert [(m.value, m.key) for m in found] == [("a decade", "dur:a decade")]
    assert [m.value for m in mentions("a three-week-long strike", "duration")] == ["three-week"]


@pytest.mark.parametrize("text, states_a_reason", [
    ("It has been blacklisted by the US for being complicit in China's repression of the Uyghur minority.", True),
    ("The regulator fined the bank for its handling of the complaints.", True),
    ("The company withdrew the product, citing safety concerns.", True),
    ("We will prioritize the safety and privacy of kidnapping victims.", True),
    ("He bought a car for his daughter.", False),
])
def test_what_a_deed_answers_for_or_is_for_states_a_reason(text, states_a_reason):
    assert bool(_CAUSE.search(text)) is states_a_reason


def test_a_value_whose_sentence_states_what_is_asked_answers_beside_a_better_match_that_does_not(asked):
    from qa.answer.aggregate import states_the_focus, typed_answer

    articles = [("a", "Apple and Salesforce", "Wire",
                 "Apple was pulled into the enterprise, CEO Tim Cook said on Tuesday in a fireside chat with "
                 "Salesforce founder and co-CEO Marc Benioff. But Apple has had a place in his heart since 1984, "
                 "Benioff said, ever since he did an internship at the company.")]
    query, evidence = asked(articles, "In what year did Salesforce founder Marc Benioff do an internship at Apple?")
    draft = typed_answer(query, evidence)
    assert draft is not None and draft.short_answer == "1984"
    from qa.answer.aggregate import aggregate
    (group, *_) = aggregate(query, evidence)
    assert states_the_focus(group, evidence, 0.0)
    assert not states_the_focus(group, evidence, 2.0)  # no sentence of the value is relevant enough
