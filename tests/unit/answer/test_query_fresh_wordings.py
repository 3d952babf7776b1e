"""Wordings a newcomer uses (eval/datasets/kursk_fresh): how the question is understood, and the verdict on a
report its own article calls unverified. Pure: no index, no model."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from qa.answer.evidence import Candidate, Evidence
from qa.answer.question import term_match
from qa.answer.verdict import NO, decide, denied_terms
from qa.query import build_query, content_terms
from qa.types import Chunk, Hit


def test_a_role_asked_after_the_name_is_a_role_question():
    query = build_query("Liubov Tsybulska: what's her role?")
    assert query.terms == ("liubov", "tsybulska")  # 'role' is the question's word, not the evidence's
    assert "role" in build_query("What role did the analysts say the troops will play?").terms


@pytest.mark.parametrize("question, answer_type", [
    ("Name the White House official who confirmed the dispatch.", "person"),
    ("Which North Korean officer is in charge of the troops?", "person"),
    ("Name the three officials who spoke.", "list"),
    ("Which Coronation Street character did Bill Kenwright play?", "person"),  # a fictional person's name
    ("Which EU commissioner said so?", "person"),
    ("Which venture capital firm does he work for?", "organisation"),  # not "capital", a place
    ("Which company director resigned?", "person"),
    ("Which hospital performed the surgery?", "organisation"),
])
def test_a_title_after_which_or_name_the_asks_a_person(question, answer_type):
    assert build_query(question).answer_type == answer_type


def test_name_the_entity_drops_the_article():
    assert build_query("Name the White House official who spoke.").entities == ("White House",)


@pytest.mark.parametrize("question, unit", [
    ("What numbers do Stern and the Pentagon give for North Korean troops training in Russia?", "North Korean troops"),
    ("What range do estimates give for the number of North Korean troops in Kursk?", "North Korean troops"),
    ("What is the size of the North Korean military?", ""),  # no unit noun: any count answers
    ("What's the total of soldiers sent?", "soldiers"),
])
def test_numbers_figures_and_sizes_ask_a_count(question, unit):
    query = build_query(question)
    assert (query.kind, query.answer_type, query.unit) == ("quantity", "count", unit)


def test_count_words_are_answered_by_a_count():
    assert build_query("What is the size of the North Korean military?").type_terms == ("size",)
    assert term_match("military", frozenset({"army"})) == 0.8


def test_function_words_and_what_is_set_aside_are_no_terms():
    query = build_query("Besides soldiers, what might North Korea provide Russia?")
    assert query.terms == ("north", "korea", "provide", "russia")
    assert query.entities == ("North Korea", "Russia")  # a capitalised first word is no name


def test_a_country_word_matches_its_capital():
    assert term_match("russia", frozenset({"moscow", "supply"})) == 0.8
    assert term_match("north", frozenset({"pyongyang"})) == 0.8
    assert term_match("russia", frozenset({"pyongyang"})) == 0.0


def test_a_prefix_negation_denies_its_word():
    assert denied_terms("This report remains unverified.") == {"verifi"}
    assert denied_terms("The unit is united and unique.") == set()


def _sentence(text: str, start: int, before: str = "") -> Candidate:
    chunk = Chunk(chunk_id="a#0", doc_id="a", start=0, end=400, text=text)
    hit = Hit(chunk=chunk, title="story", score=1.0)
    terms = frozenset(content_terms(text))
    return Candidate(doc_id="a", chunk_id="a#0", start=start, end=start + len(text), text=text,
                     vector=np.zeros(4, dtype=np.float32), hit_rank=0, hit=hit, terms=terms, chunk_terms=terms,
                     context_terms=frozenset(content_terms(before)))


def test_a_report_its_article_calls_unverified_is_not_verified():
    claim = "Russia plans to assign one interpreter for every 30 North Korean soldiers."
    stated = _sentence(claim, 0)
    unverified = _sentence("This report remains unverified.", 80, before=claim)
    query = build_query("Was the report of one interpreter for 30 soldiers verified?")
    evidence = Evidence(question=query, candidates=[stated, unverified], idf={}, documents={})
    assert decide(query, evidence).answer == NO
    # without the sentence it refers back to, the short denial covers too little of the question to count
    alone = dataclasses.replace(unverified, context_terms=frozenset(), chunk_terms=unverified.terms)
    evidence = Evidence(question=query, candidates=[stated, alone], idf={}, documents={})
    assert decide(query, evidence).answer != NO


def test_have_got_is_have():
    assert build_query("How many troops has Russia got in Kursk?").terms == ("troop", "russia", "kursk")
    assert "get" in build_query("Who got the contract?").terms


def test_irregular_pasts_meet_their_verbs():
    assert content_terms("the troops came under fire") == content_terms("the troops come under fire")


def test_british_and_american_spellings_match():
    assert term_match("mobilise", frozenset(content_terms("refrains from mobilizing soldiers"))) == 1.0
    assert term_match("organisation", frozenset({"organization"})) == 1.0
    assert term_match("promise", frozenset({"premise"})) == 0.0


@pytest.mark.parametrize("question", ["Did Russia mobilise its own citizens?", "Did Russia mobilize its own citizens?"])
def test_refraining_from_an_act_denies_it(question):
    refrains = _sentence("Putin refrains from mobilizing soldiers in Russia, and Russians are lured by money.", 0)
    query = build_query(question)
    evidence = Evidence(question=query, candidates=[refrains], idf={}, documents={})
    assert decide(query, evidence).answer == NO


@pytest.mark.parametrize("question, answer_type, terms", [
    ("Kindly state the number of reservists North Korea maintains.", "count", ("reservist", "north", "korea")),
    ("Please tell me who heads NATO", "person", ("nato",)),
    ("Could you tell me when the troops arrived?", "date", ("troop", "arriv")),
    ("State media said what?", "description", ("state", "media")),  # no request: "State" names the media
])
def test_a_polite_request_is_the_askers_not_the_evidences(question, answer_type, terms):
    query = build_query(question)
    assert (query.answer_type, query.terms) == (answer_type, terms)
    assert "Kindly" not in query.entities


def test_an_opinion_asked_of_a_person_is_no_term():
    assert build_query("What is Foreman's view?").terms == ("foreman",)
    assert build_query("What does John Foreman think about the troops?").terms == ("john", "foreman", "troop")
    assert "view" in build_query("Which view of the valley is best?").terms


def test_a_contracted_question_word_is_no_entity():
    assert build_query("What's the significance of 1,000 soldiers militarily?").entities == ()
    query = build_query("What's the Pentagon's number for North Korean soldiers?")
    assert query.entities == ("Pentagon", "North Korean")


def test_thousands_separators_do_not_split_a_number():
    assert content_terms("1,000 soldiers") == content_terms("1000 soldiers") == ["1000", "soldier"]


@pytest.mark.parametrize("question, kind, answer_type", [
    ("Who's Rutte?", "what", "description"),
    ("What's going on with North Korea?", "summary", "summary"),
    ("What's the Pentagon's number for North Korean soldiers?", "quantity", "count"),
])
def test_contracted_wordings_are_typed_as_the_full_ones(question, kind, answer_type):
    query = build_query(question)
    assert (query.kind, query.answer_type) == (kind, answer_type)


def test_how_estimates_differ_between_sources_is_a_count_of_the_named_unit():
    query = build_query("How do estimates of North Korean troop numbers differ between sources?")
    assert (query.answer_type, query.unit, query.unit_class) == ("count", "North Korean troop", "personnel")
    assert query.terms == ("north", "korean", "troop")  # 'differ', 'sources' ask about the reports


@pytest.mark.parametrize("question, answer_type", [
    ("first troops arrived in Kursk when", "date"),
    ("north korean troops training where", "place"),
    ("the NATO secretary general is who?", "person"),
])
def test_a_terse_question_word_at_the_end_types_it(question, answer_type):
    assert build_query(question).answer_type == answer_type


def test_stemmed_question_words_and_size_adjectives_are_no_terms():
    assert build_query("According to Umerov, how large is each unit?").terms == ("umerov", "unit")
    assert "estimat" not in build_query("How many troops are estimated to be in Kursk?").terms


@pytest.mark.parametrize("question, answer_type", [
    ("How long is the South Dade Bus Rapid Transit line?", "distance"),
    ("How long is the border between Russia and Ukraine?", "distance"),
    ("How long is the trial?", "duration"),
    ("How long did the war last?", "duration"),
])
def test_how_long_is_a_thing_measured_by_length_asks_a_distance(question, answer_type):
    assert build_query(question).answer_type == answer_type


def test_a_denial_in_a_synonym_denies_the_clause():
    engage = _sentence("Kovalenko said the North Korean troops did not engage Ukrainian units in Kursk.", 0)
    query = build_query("Did the North Korean troops fight Ukrainian units in Kursk, according to Kovalenko?")
    assert decide(query, Evidence(question=query, candidates=[engage], idf={}, documents={})).answer == NO


@pytest.mark.parametrize("said, asked", [
    ("Military experts note that this number is too small to significantly alter the battlefield.",
     "Is the number of troops enough to change the battlefield?"),
    ("Sending Western combat troops to Ukraine is currently very unlikely.",
     "Are Western combat troops being sent to Ukraine?"),
])
def test_too_small_to_and_unlikely_deny_what_follows(said, asked):
    query = build_query(asked)
    assert decide(query, Evidence(question=query, candidates=[_sentence(said, 0)], idf={}, documents={})).answer == NO


@pytest.mark.parametrize("question, terms", [
    ("Why is the number of frontline soldiers important?", ("frontline", "soldier", "important")),
    ("How come the number fell?", ("fall",)),
])
def test_a_leading_why_asks_a_reason_even_about_a_number(question, terms):
    query = build_query(question)
    assert (query.kind, query.answer_type, query.terms) == ("why", "reason", terms)


@pytest.mark.parametrize("question, roles, terms", [
    ("who's the NATO chief?", True, ("nato",)),
    ("Who is the head of NATO?", True, ("nato",)),
    ("Who is the head coach of the Wild?", False, ("head", "coach", "wild")),  # a title of its own
])
def test_a_generic_leader_noun_asks_for_any_leaders_title(question, roles, terms):
    query = build_query(question)
    assert bool(query.roles) == roles and query.terms == terms


def test_a_shared_prefix_is_no_denial_of_a_clause_word():
    candid = _sentence("Altman was not consistently candid in his communications with the board.", 0)
    query = build_query("Was Altman's plan consistent with the board's communications?")
    assert decide(query, Evidence(question=query, candidates=[candid], idf={}, documents={})).answer != NO


@pytest.mark.parametrize("question, answer_type", [
    ("What is the name of the company that bought the start-up?", "organisation"),
    ("What was the name of the city the storm hit first?", "place"),
    ("What is the name of the official who resigned?", "person"),
    ("What is the name of Erin Spiceland's daughter?", "person"),  # kin: a person's name
    ("What were the names of the players who scored?", "person"),
    ("What is the name of the town where he was born?", "place"),
    # the name of anything else is a title no name pattern reads: the sentence that gives it answers
    ("What's the name of the podcast the brothers host?", "description"),
    ("What is the name of Discord's new set of teen safety features?", "description"),
    ("What is the name of the ship that carried the troops?", "description"),
])
def test_the_name_of_a_kind_asks_for_that_kind(question, answer_type):
    assert build_query(question).answer_type == answer_type


@pytest.mark.parametrize("question, answer_type", [
    ("Which Florida State quarterback broke his leg?", "person"),  # "State" is a word of a name, not a place noun
    ("Which Premier League club signed him?", "organisation"),
    ("In which Manhattan neighborhood is the restaurant?", "place"),
    ("Which NFL team won the game?", "organisation"),
])
def test_the_kind_asked_is_the_noun_after_the_names(question, answer_type):
    assert build_query(question).answer_type == answer_type


@pytest.mark.parametrize("question, answer_type", [
    ("What happened in Kursk?", "summary"),
    ("How would you summarize what happened?", "summary"),  # the request names a summary
    ("Can you tell me what happened with FTX?", "summary"),
    # a question asking who / which is no overview because a clause of it says "what happened"
    ("Which player said the last game was the opposite of what happened here?", "person"),
    ("Who knows what happened to the troops?", "person"),
])
def test_what_happened_inside_a_question_for_someone_is_no_request_for_an_overview(question, answer_type):
    assert build_query(question).answer_type == answer_type
