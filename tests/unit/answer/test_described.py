""""Which <noun> ...?": the noun and its qualifiers read from the question, names a sentence describes by that noun,
and the aggregate preferring them (quiz q48, q43 and their kind)."""

from __future__ import annotations

import numpy as np
import pytest

from qa.answer.aggregate import aggregate
from qa.answer.described import (DESCRIBED, DESCRIBED_AS_ASKED, NOT_DESCRIBED, described_level, described_mentions,
                                  does_as_asked)
from qa.answer.evidence import Candidate, Evidence
from qa.query import asked_noun, build_query, content_terms
from qa.types import Chunk, Hit


@pytest.mark.parametrize("question, noun, modifiers", [
    ("Which England batter did Jos Buttler say had a brilliant series?", "batter", ("England",)),
    ("Which Arkansas publisher filed a class action antitrust suit against Google?", "publisher", ("Arkansas",)),
    ("In which kibbutz was Emily Hand taken hostage by Hamas?", "kibbutz", ()),
    ("For which magazine was the photo shoot?", "magazine", ()),
    ("Which Japanese club does Samu Kerevi play for?", "club", ("Japanese",)),
    ("What companies make chips?", "company", ()),
    ("What do experts say about the deal?", "", ()),  # the noun after a verb is not the one asked for
    ("Who won the election?", "", ()),
    # a title is the asked noun, not a noun after the verb it comes before
    ("Which prosecutor delivered the government's opening statement?", "prosecutor", ()),
    # a compound's head is its last noun; a word ending in "s" after the noun is a verb ("hosts")
    ("Which venture capital firm does Andrew Parker work for?", "firm", ("venture", "capital")),
    ("Which capital city hosts the summit?", "city", ("capital",)),
])
def test_the_noun_a_question_asks_for_and_its_qualifiers(question, noun, modifiers):
    assert asked_noun(question) == (noun, modifiers)


def test_only_an_entity_question_carries_its_noun():
    assert build_query("Which firm led the seed round?").asked_noun == "firm"
    assert build_query("Which year did the war end?").asked_noun == ""  # a date: no name to describe


def _at(text: str, name: str) -> tuple[int, int]:
    return text.index(name), text.index(name) + len(name)


@pytest.mark.parametrize("text, name, noun, modifiers, level", [
    ("The case, filed by Arkansas-based publisher Helena World Chronicle, argues that Google siphons off content.",
     "Helena World Chronicle", "publisher", ("Arkansas",), DESCRIBED_AS_ASKED),
    ("The case was filed in the U.S. District Court in D.C. against Google.", "District Court", "publisher",
     ("Arkansas",), NOT_DESCRIBED),
    ("Kiwi heavyweight Joseph Parker stunned former champ Deontay Wilder.", "Joseph Parker", "heavyweight", (),
     DESCRIBED),
    ("She stayed at a friend's house in the kibbutz of Be’eri in southern Israel.", "Be’eri", "kibbutz", (),
     DESCRIBED),
    ("She shared images from her photo shoot with M Le Monde magazine.", "M Le Monde", "magazine", (), DESCRIBED),
    ("Accel, a venture capital firm based in Palo Alto, led the round.", "Accel", "firm", (), DESCRIBED),
    # a plural describes a set the name qualifies or belongs to, not the name
    ("Newcastle knocked out both Manchester clubs.", "Manchester", "club", (), NOT_DESCRIBED),
    ("Premier League: 20 clubs Championship: 7 clubs League One: 4 clubs", "League One", "club", (), NOT_DESCRIBED),
    ("In the Third Round, the eight Premier League clubs joined.", "Round", "club", (), NOT_DESCRIBED),
    ("Accel, one of the firms that backed Slack, led the round.", "Accel", "firm", (), DESCRIBED),
    # a noun that only restates the answer type singles nothing out; a name after the noun is the one it describes
    ("It accuses Google and parent company Alphabet of harm.", "Alphabet", "company", (), NOT_DESCRIBED),
    ("Premier League club Everton was relegated.", "Premier League", "club", (), NOT_DESCRIBED),
    ("Premier League club Everton was relegated.", "Everton", "club", (), DESCRIBED),
    # the question's proper qualifier leading the name, its noun left out
    ("Motie dismissed England’s in-form Phil Salt.", "Phil Salt", "batter", ("England",), DESCRIBED),
    ("A statement was laid down by Rovman Powell and his men.", "Rovman Powell", "batter", ("England",),
     NOT_DESCRIBED),
])
def test_how_a_sentence_describes_a_name(text, name, noun, modifiers, level):
    assert described_level(text, *_at(text, name), noun, modifiers) == level


def test_a_qualifier_alone_describes_no_name_that_is_not_already_a_mention():
    text = "Motie dismissed England’s in-form Phil Salt."
    assert described_level(text, *_at(text, "Phil Salt"), "batter", ("England",), noun_written=True) == NOT_DESCRIBED


def test_a_name_described_by_the_asked_noun_is_a_mention_of_the_asked_type():
    query = build_query("In which kibbutz was Emily Hand taken hostage by Hamas?")
    text = "She stayed at a friend's house in the kibbutz of Be’eri in southern Israel."
    found = described_mentions(query, text, [])
    assert [(m.value, m.key) for m in found] == [("Be’eri", "be’eri")]
    assert described_mentions(build_query("Who won the election?"), text, []) == []


def test_a_place_that_says_where_an_official_is_from_is_no_person():
    query = build_query("Which Ukrainian official said North Korean troops had come under fire?")
    text = "North Korean troops have come under fire in the Kursk region, according to a Kyiv official."
    assert described_mentions(query, text, []) == []  # "a Kyiv official" is from Kyiv; Kyiv is no official
    named = "The troops came under fire, said Andrii Kovalenko, a Ukrainian official."
    assert [m.value for m in described_mentions(query, named, [])] == ["Andrii Kovalenko"]


def test_a_name_whose_last_word_is_the_asked_noun_is_described_by_it():
    query = build_query("Which hospital treated the injured police inspector?")
    text = "The cop was assisted to the Spanish Town Hospital where she was treated and released."
    start = text.index("Spanish")
    assert described_level(text, start, start + len("Spanish Town Hospital"), "hospital") == DESCRIBED
    assert [m.value for m in described_mentions(query, text, [])] == ["Spanish Town Hospital"]


def test_a_compound_adjective_before_the_noun_names_nothing():
    query = build_query("Which Arkansas publisher filed a class action suit against Google?")
    text = "The case, filed by Arkansas-based publisher Helena World Chronicle, argues that Google siphons off content."
    assert [m.value for m in described_mentions(query, text, [])] == ["Helena World Chronicle"]


def _sentence(text: str, doc_id: str, rank: int) -> Candidate:
    chunk = Chunk(chunk_id=f"{doc_id}#0", doc_id=doc_id, start=0, end=len(text), text=text)
    hit = Hit(chunk=chunk, title=f"{doc_id} story", score=1.0, source="Wire", published_at="2023-10-20")
    terms = frozenset(content_terms(text))
    return Candidate(doc_id=doc_id, chunk_id=chunk.chunk_id, start=0, end=len(text), text=text,
                     vector=np.zeros(4, dtype=np.float32), hit_rank=rank, hit=hit, terms=terms, chunk_terms=terms,
                     dense=0.9, lexical=0.9)


def test_the_aggregate_prefers_the_name_the_evidence_calls_by_the_asked_noun():
    query = build_query("Which Arkansas publisher filed a class action antitrust suit against Google?")
    court = "A class action antitrust suit filed this week in the U.S. District Court accuses Google of harm."
    publisher = "The case, filed by Arkansas-based publisher Helena World Chronicle, argues that Google siphons off ads."
    evidence = Evidence(question=query, candidates=[_sentence(court, "a", 0), _sentence(publisher, "b", 1)],
                        idf={}, documents={})
    ranked = aggregate(query, evidence)
    by_value = {g.value: g.support for g in ranked}
    assert by_value["Helena World Chronicle"] > by_value["District Court"]


@pytest.mark.parametrize("text, name, does", [
    ("Accel led the company’s $8.5 million seed round, which included BoxGroup.", "Accel", True),
    ("The $8.5 million seed round, led by Accel, closed in May.", "Accel", True),
    ("Accel led a Series B for another company.", "Accel", False),  # the verb, but none of the question’s words
    ("Accel said the seed round was oversubscribed.", "Accel", False),  # the words, but another verb
    ("The seed round led by Accel closed in May.", "seed round", False),  # a participle: its doer follows "by"
])
def test_a_name_that_does_what_the_question_asks(text, name, does):
    terms = frozenset({"8", "5", "million", "seed", "round", "payment", "startup", "rainforest"})
    assert does_as_asked(text, *_at(text, name), "led", terms) is does


def test_the_subject_of_the_asked_verb_is_a_mention_though_the_recogniser_missed_it():
    query = build_query("Which firm led the $8.5 million seed round of the payments startup Rainforest?")
    text = "Accel led the company’s $8.5 million seed round, which included participation from BoxGroup."
    assert "Accel" in [m.value for m in described_mentions(query, text, [])]


def _scored(text: str, doc_id: str, rank: int, relevance: float) -> Candidate:
    c = _sentence(text, doc_id, rank)
    c.dense = c.lexical = relevance  # relevance is a weighted mean of the two
    return c


def test_a_name_called_by_the_asked_noun_answers_from_a_sentence_less_like_the_question():
    from qa.answer.aggregate import typed_answer

    query = build_query("For which magazine was Emily Ratajkowski's photo shoot criticised as fatphobic?")
    best = "Emily Ratajkowski's photo shoot was criticised as fatphobic by thousands of users online."
    named = "For the shoot she posed for the magazine Marie Claire, its editors said."
    other = "For the shoot she posed with Vanity Fair, its editors said."
    evidence = Evidence(question=query, candidates=[_scored(best, "a", 0, 0.9), _scored(named, "a", 1, 0.63)],
                        idf={}, documents={})
    draft = typed_answer(query, evidence)  # 0.63 is under 0.8 of the best sentence, over 0.6: bound by its noun
    assert draft is not None and draft.short_answer == "Marie Claire"
    evidence = Evidence(question=query, candidates=[_scored(best, "a", 0, 0.9), _scored(other, "a", 1, 0.63)],
                        idf={}, documents={})
    assert typed_answer(query, evidence) is None  # a name not so called must come as near as any other lead
