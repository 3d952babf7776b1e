"""Wordings and page text from the fourth blind batch (eval/datasets/kursk_more3, pages_more4, quiz_more3): how the
question is read, what a figure counts, which sentences and mentions answer. Pure: no index, no model."""

from __future__ import annotations

from dataclasses import replace as with_

import numpy as np
import pytest

from qa.answer.aggregate import about_someone_else, countries_by_demonym
from qa.answer.evidence import Candidate, cue
from qa.answer.mentions import mentions
from qa.answer.quantities import age_of_someone_else, find_figures, rate_after
from qa.ingest.entities import EntitySpan
from qa.query import asked_noun, build_query, content_terms
from qa.types import Chunk, Hit


def _candidate(text: str, entities: list[EntitySpan] | None = None) -> Candidate:
    chunk = Chunk(chunk_id="c", doc_id="d", start=0, end=len(text), text=text, ordinal=0)
    terms = frozenset(content_terms(text))
    return Candidate(doc_id="d", chunk_id="c", start=0, end=len(text), text=text, vector=np.zeros(4, dtype=np.float32),
                     hit_rank=0, hit=Hit(chunk=chunk, title="t", score=1.0, source="Wire"), terms=terms,
                     chunk_terms=terms, dense=0.9, lexical=0.9, entities=entities)


def _spans(text: str, *named: tuple[str, str]) -> list[EntitySpan]:
    return [EntitySpan(text.index(name), text.index(name) + len(name), label, name) for name, label in named]


def test_whose_thing_is_asked_asks_the_owner():
    query = build_query("Which country's economy is India forecast to overtake by 2030?")
    assert (query.answer_type, query.asked_noun) == ("place", "country")
    assert asked_noun("Which city's mayor resigned?") == ("city", ())
    # only a place owns what is asked: "which player's status changed, A or B?" asks about the player's status
    assert asked_noun("Which team's coach was fired?") == ("coach", ("team",))
    assert build_query("Which player's status changed, Cardoso or Achane?").answer_type == "description"
    assert asked_noun("Which venture capital firm led the round?") == ("firm", ("venture", "capital"))


def test_a_demonym_before_an_acronym_names_its_country():
    query = build_query("Which country's economy will India overtake by 2030?")
    found = countries_by_demonym(query, "The Indian GDP will exceed the Japanese GDP by 2030.", [])
    assert "Japan" in [m.value for m in found]


@pytest.mark.parametrize("sentence, text, unit", [
    ("outdoor seating only and no more than 15 customers at a time", "no more than 15", "customers"),
    ("its ally is sending it millions of grenades plus rockets", "millions", "grenades"),
    ("users were 3.67 times more likely to develop stomach paralysis", "3.67", "times"),
    ("a rebuttal to his critics, the 1,000-plus-page RN: The Memoirs of Richard Nixon", "1,000", "page"),
])
def test_what_a_figure_counts(sentence, text, unit):
    figure = find_figures(sentence)[0]
    assert (figure.text, figure.unit) == (text, unit)


@pytest.mark.parametrize("question, unit, answer_type", [
    ("How many pages long are Richard Nixon's memoirs?", "pages", "count"),
    ("How many feet tall is the statue?", "feet", "distance"),
    ("How many years long is the contract?", "years", "duration"),
])
def test_a_measure_adjective_after_the_unit_is_no_unit(question, unit, answer_type):
    query = build_query(question)
    assert (query.unit, query.answer_type) == (unit, answer_type)


def test_a_rate_asked_meets_a_rate_written():
    assert build_query("Before the war, how many patients a day came to the hospital?").rate == "day"
    assert build_query("How many people died in a day of fighting?").rate == ""
    assert build_query("How much does the plan cost per month?").rate == "month"
    sentence = "The hospital received 550 patients a day and treated 150 patients, $10 a month."
    assert [f.rate for f in find_figures(sentence)] == ["day", "", "month"]
    assert rate_after("2,000 daily", 5) == "day"


def test_a_rate_asked_is_answered_by_the_rate():
    from qa.answer.aggregate import aggregate
    from qa.answer.evidence import Evidence
    query = build_query("Before the war, how many patients a day came to the Friendship Hospital?")
    total = with_(_candidate("There are more than 10,000 cancer patients, said the director of the Friendship "
                             "Hospital."), lexical=0.95)
    daily = _candidate("Before the war, the Friendship Hospital received 550 patients a day.")
    for c in (total, daily):
        c.figures = find_figures(c.text)
    ranked = aggregate(query, Evidence(question=query, candidates=[total, daily], idf={}, documents={}))
    assert [g.value for g in ranked] == ["550"]


def test_a_time_opening_a_sentence_is_no_name_an_age_belongs_to():
    sentence = "Today, aged 32, that is exactly what he is doing."
    assert not age_of_someone_else("How old is Eylon Levy?", sentence, sentence.index("aged"))
    sentence = "Smith, 32, said the rest."
    assert age_of_someone_else("How old is Eylon Levy?", sentence, sentence.index(","))


def test_a_sentence_that_only_ends_on_a_question_mark_still_states(asked):
    article = [("a", "Derby", "Wire", "Gabriel gives Arsenal a three minute lead at Liverpool!??? "
                                      "The hosts pressed hard.")]
    _, evidence = asked(article, "Who scored Arsenal's goal at Liverpool?")
    assert any(c.text.startswith("Gabriel") for c in evidence.candidates)


def test_a_question_the_text_asks_itself_is_answered_by_the_next_sentence(asked):
    article = [("a", "Kremlin", "Stern", "Does the deployment show Putin's desperation, as has been claimed? "
                                         "In fact, the Kremlin ruler is demonstrating his capabilities here.")]
    _, evidence = asked(article, "What does the article say Putin is really showing?")
    assert [c.text for c in evidence.candidates] == [
        "In fact, the Kremlin ruler is demonstrating his capabilities here."]
    assert {"putin", "desperation"} <= evidence.candidates[0].context_terms


def test_a_named_day_is_a_date():
    sentence = "Officially released on Valentine’s Day, the EP is an electronic dreamscape."
    assert [m.value for m in mentions(sentence, "date")] == ["Valentine’s Day"]
    # the recogniser missed it
    assert [m.value for m in mentions(sentence, "date", entities=[])] == ["Valentine’s Day"]


def test_an_amount_of_another_party_does_not_answer():
    query = build_query("How much money did Adaptive, co-founded by Julien Launay, raise in its seed round?")
    def other(text, *named):
        return about_someone_else(query, _candidate(text, _spans(text, *named)), text.index("$"))

    assert other("Poolside, a company that recently raised a $126 million seed round, plans to use AI.")
    assert not other("Adaptive raised $20 million, led by Index Ventures.", ("Index Ventures", "ORG"))
    assert not other("The startup raised $20 million in a round its investors led.")  # names no other party
    # named after the amount, or someone spoken of by a pronoun: the amount may be of whom the question asks
    assert not other("An art collector worth $186 billion, the LVMH CEO launched a foundation.", ("LVMH", "ORG"))
    assert not other("According to a CBS News poll, his support fell to $35.", ("CBS News", "ORG"))
    text = "The startup raised $20 million in a round its investors led."
    assert not about_someone_else(query, _candidate(text, None), 20)  # no entities stored: nothing to judge


def test_an_absence_explained_answers_why():
    query = build_query("Why was Serge Gnabry missing from the Germany squad?")
    assert cue(query, _candidate("Injuries include Serge Gnabry who is out with a broken arm.")) == 1.0
    assert cue(query, _candidate("Serge Gnabry was left out of the squad.")) == 0.0
