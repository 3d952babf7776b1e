"""Wordings and page text from the third blind batch (eval/datasets/kursk_more2, pages_more3, quiz_more2): how the
question is read, what a figure counts, which mentions answer. Pure: no index, no model."""

from __future__ import annotations

import numpy as np
import pytest

from qa.answer.evidence import Candidate, Evidence, matching_figures
from qa.answer.extractive import yes_no_answer
from qa.answer.mentions import mentions, number_mentions
from qa.answer.quantities import find_figures
from qa.query import build_query, content_terms
from qa.ingest.entities import EntitySpan
from qa.types import Chunk, Hit


@pytest.mark.parametrize("question, answer_type", [
    # a difference in whatever the sentence measures, not a distance travelled
    ("According to Samantha Burgess, how far above pre-industrial averages has global temperature risen?", "count"),
    ("How far is Kursk from Kyiv?", "distance"),
    # a name asked of a noun after its adjectives
    ("What is the name of Omairis Taylor's nonverbal autistic son, the subject of her Facebook post?", "person"),
    ("What is the name of the Russian Navy ship that docked?", "description"),
    ("Which bishop installed Fr. Dan Reehil as the exorcist?", "person"),
    # a rate counts its first noun
    ("How many burials a day are now carried out on Hart Island?", "count"),
    ("How many minutes a day do people spend in the app?", "duration"),
    # the question proper follows the scene it sets
    ("In 2023, who won the cup?", "person"),
    ("Before their Test defeat to India, when had Australia last lost a four-day match?", "date"),
    ("Since 2020, where has he lived?", "place"),
    ("Which safety features did Discord add?", "description"),
])
def test_what_kind_of_answer_is_asked(question, answer_type):
    assert build_query(question).answer_type == answer_type


def test_a_rate_is_not_a_percentage():
    query = build_query("How many points per game did he score?")
    assert (query.answer_type, query.unit_head) == ("count", "points")


def test_when_the_asker_stands_is_no_term():
    query = build_query("As of December 2023, how many years had Browns quarterback Joe Flacco played in the NFL?")
    assert "december" not in query.terms and "2023" not in query.terms
    assert "december" in build_query("What happened in December 2023?").terms


@pytest.mark.parametrize("question, speaker", [
    ("Stability on which peninsula is undermined, according to the concerns raised?", ()),
    ("What is the toll, according to the latest figures?", ()),
    ("How many troops are there, according to officials?", ("official",)),
    ("What caused the leak, according to the gas company?", ("gas", "company")),
    # the name says who, not the title another spokesman holds too
    ("What did Kremlin spokesman Dmitry Peskov say about the soldiers?", ("kremlin", "dmitry", "peskov")),
])
def test_only_someone_can_be_whose_words_are_asked(question, speaker):
    assert build_query(question).speaker == speaker


def test_paying_to_acquire_asks_a_price():
    assert build_query("How much did Shein pay to acquire the retailer Missguided?").money_kinds == ("price",)


@pytest.mark.parametrize("sentence, text, unit, head", [
    ("The temperature has surpassed pre-industrial averages by 1.43°C (Copernicus).", "1.43", "°C", "degrees"),
    ("Sales at the company's 23 branches nationwide could not be completed.", "23", "branches", "branches"),
    ("Millions of Ukrainians have left the country to escape the front.", "Millions", "Ukrainians", "ukrainians"),
    ("It is small beside the hundreds of thousands of troops fielded.", "hundreds of thousands", "troops", "troops"),
])
def test_what_a_figure_counts(sentence, text, unit, head):
    figure = next(f for f in find_figures(sentence) if f.text == text)
    assert (figure.unit, figure.head) == (unit, head)


def test_a_count_of_others_does_not_answer():
    asked = build_query("How many tenants live in the Nostrand Houses?")
    others = find_figures("It explores the choices thousands of additional public housing tenants will make.")
    assert not matching_figures(asked, others)
    more = build_query("How many additional tenants will have to choose?")
    assert matching_figures(more, others)


def test_a_length_of_time_in_another_scale_does_not_answer():
    sentence = "Vasiljevic, signed only 48 hours earlier, agreed a two-year deal after the 26-year-old left."
    assert [m.value for m in number_mentions(sentence, "duration", "years")] == ["two-year"]
    assert [m.value for m in number_mentions(sentence, "duration", "time")] == ["48 hours", "two-year"]


def test_a_building_the_recogniser_read_as_an_organisation_answers_where():
    sentence = "Hivley was taken by ambulance to Taylorville Memorial Hospital for evaluation."
    start = sentence.index("Taylorville")
    spans = [EntitySpan(0, 6, "ORG", "Hivley"), EntitySpan(start, start + 29, "ORG", "Taylorville Memorial Hospital")]
    assert [m.value for m in mentions(sentence, "place", entities=spans)] == ["Taylorville Memorial Hospital"]


def _candidate(text: str, doc_id: str, source: str) -> Candidate:
    chunk = Chunk(chunk_id=f"{doc_id}#0", doc_id=doc_id, start=0, end=len(text), text=text)
    terms = frozenset(content_terms(text))
    return Candidate(doc_id=doc_id, chunk_id=chunk.chunk_id, start=0, end=len(text), text=text,
                     vector=np.zeros(4, dtype=np.float32), hit_rank=0,
                     hit=Hit(chunk=chunk, title="t", score=1.0, source=source), terms=terms, chunk_terms=terms,
                     dense=0.9, lexical=0.9)


def test_two_sentences_sharing_only_a_name_do_not_disagree():
    query = build_query("Is part of North Korea's military equipment regarded as out of date?")
    suspicion = _candidate("The North Korean dictatorship was viewed with suspicion even by Russia and China.", "a",
                           "Stern")
    unknown = _candidate("Details of the weapons North Korea deploys were not available, Singh stated.", "b", "AP")
    idf = {t: 1.0 for t in query.terms}
    assert yes_no_answer(Evidence(question=query, candidates=[suspicion, unknown], idf=idf, documents={})) is None


def test_what_a_sentence_refers_back_to_carries_on_to_the_next(asked):
    article = [("f", "Hail Mary", "Wire", "Fields' counterpart, Joe Flacco, could only watch as the play unfolded. "
                                          "He had just driven the Browns to the go-ahead score. "
                                          "In his 16 years in the NFL, he has seen a lot.")]
    _, evidence = asked(article, "How many years had Joe Flacco played in the NFL?")
    years = next(c for c in evidence.candidates if c.text.startswith("In his 16 years"))
    assert {"joe", "flacco"} <= years.context_terms


def test_names_typed_in_lower_case_get_the_articles_capitals():
    from qa.query import truecase
    written_as = {"mark rutte": "Mark Rutte", "north korean": "North Korean", "kursk": "Kursk", "us": "US",
                  "nato": "NATO", "who": "WHO", "city": "City", "manchester city": "Manchester City"}.get
    assert truecase("who is mark rutte?", written_as) == "who is Mark Rutte?"
    assert truecase("how many north korean troops are in kursk?", written_as) == \
        "how many North Korean troops are in Kursk?"
    assert truecase("tell us what nato said", written_as) == "tell us what NATO said"  # "us" is no name
    assert truecase("which city hosts manchester city?", written_as) == "which city hosts Manchester City?"
    assert truecase("Who is mark rutte?", written_as) == "Who is Mark Rutte?"
    assert truecase("Who is Mark rutte?", written_as) == "Who is Mark rutte?"  # capitals typed: as is
    assert build_query("who is mark rutte?", written_as=written_as).entities == ("Mark Rutte",)


@pytest.mark.parametrize("sentence", [
    "This new phase in campus surveillance responds to high-profile school shootings.",
    "The recall came in response to complaints from drivers.",
    "The sell-off was driven by fears of a recession.",
])
def test_a_cause_written_as_a_response_answers_why(sentence):
    from qa.answer.evidence import cue
    query = build_query("Why are schools adopting video surveillance?")
    assert cue(query, _candidate(sentence, "a", "Wire")) == 1.0


def test_whose_words_are_asked_after_a_scene():
    assert build_query("After the match, what did Smith say?").speaker == ("smith",)


def test_which_country_is_answered_by_a_country_when_one_is_named():
    from dataclasses import replace as with_
    from qa.answer.aggregate import typed_answer

    def sentence(text, places, doc_id):
        spans = [EntitySpan(text.index(p), text.index(p) + len(p), "GPE", p) for p in places]
        return with_(_candidate(text, doc_id, "Wire"), entities=spans)

    def answer(question, *sentences):
        query = build_query(question)
        return typed_answer(query, Evidence(question=query, candidates=list(sentences), idf={}, documents={}))

    summit = sentence("Blinken wants an agreement with Latin American ministers before the summit in Los Angeles.",
                      ["Los Angeles"], "a")
    meeting = sentence("The head of U.S. diplomacy is in Panama meeting with ministers from the region.", ["Panama"],
                       "b")
    asked = "In which country is Blinken meeting Latin American ministers ahead of the summit?"
    assert answer(asked, summit, meeting).short_answer == "Panama"
    assert answer("Where is Blinken meeting Latin American ministers ahead of the summit?", summit,
                  meeting).short_answer == "Los Angeles"  # not asked as a country: the order stands
    supplier = sentence("Russian artillery is fueled by ammunition from Pyongyang, while Ukraine waits.",
                        ["Pyongyang", "Ukraine"], "d")
    assert answer("Which country provides the ammunition for Russia's artillery?", supplier).short_answer == \
        "Pyongyang"  # a capital stands for its country
