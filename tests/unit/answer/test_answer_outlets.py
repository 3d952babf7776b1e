"""Questions asking which outlet reported something are answered with the publisher, cited."""

from __future__ import annotations

import numpy as np

from qa.answer.evidence import Candidate, Evidence
from qa.answer.extractive import ExtractiveGenerator
from qa.answer.outlets import asks_outlet, outlet_answer
from qa.query import build_query, content_terms
from qa.types import Chunk, Hit

SOURCES = ["TechCrunch", "The Verge", "Fortune"]


def sentence(text: str, source: str, doc_id: str, lexical: float) -> Candidate:
    chunk = Chunk(chunk_id=f"{doc_id}#0", doc_id=doc_id, start=0, end=len(text), text=text)
    hit = Hit(chunk=chunk, title=f"{source} story", score=1.0, source=source, published_at="2023-12-09")
    terms = frozenset(content_terms(text))
    return Candidate(doc_id=doc_id, chunk_id=chunk.chunk_id, start=0, end=len(text), text=text,
                     vector=np.zeros(4, dtype=np.float32), hit_rank=0, hit=hit, terms=terms, chunk_terms=terms,
                     lexical=lexical, dense=lexical)


BLOCKED = sentence("Apple blocked Beeper Mini, saying the iMessage app posed security risks.", "TechCrunch", "tc", 0.9)
PRICE = sentence("Beeper Mini costs $1.99 a month.", "The Verge", "verge", 0.4)
SAM = sentence("Sam Altman returned as OpenAI's chief executive.", "Fortune", "fortune", 0.3)


def evidence(question: str, *candidates: Candidate) -> Evidence:
    query = build_query(question, sources=SOURCES)
    ranked = sorted(candidates, key=lambda c: c.relevance, reverse=True)
    return Evidence(question=query, candidates=ranked, idf={}, documents={})


def test_outlet_questions_are_recognised_and_other_sources_are_not() -> None:
    assert asks_outlet("Which news outlet reported that Apple blocked Beeper Mini?")
    assert asks_outlet("Between the TechCrunch report and the Verge article, which news source detailed the price?")
    assert asks_outlet("What publication first reported the deal?")
    assert not asks_outlet("Which source of energy does the plant use?")
    assert not asks_outlet("Which company bought the startup?")
    # an organisation a person reports for is named in the sentences, it is not the article's publisher
    assert not asks_outlet("Which news organisation does Mark Gurman report for?")
    assert asks_outlet("Which news source's excerpts indicate a consistent description?")


def test_the_outlet_of_the_best_sentence_is_the_answer_with_its_quote_cited() -> None:
    question = "Which news outlet reported that Apple blocked Beeper Mini?"
    draft = ExtractiveGenerator().generate(question, evidence(question, PRICE, BLOCKED, SAM))
    assert draft.short_answer == "TechCrunch"
    assert draft.text == "TechCrunch: Apple blocked Beeper Mini, saying the iMessage app posed security risks [1]."
    assert draft.targets[1].doc_id == "tc"
    assert [p.value for p in draft.candidates] == ["TechCrunch", "The Verge", "Fortune"]


def test_outlets_named_in_the_question_are_the_only_choices_and_two_close_ones_are_both_given() -> None:
    question = "Between The Verge and Fortune, which publication reported on Beeper Mini?"
    draft = outlet_answer(build_query(question, sources=SOURCES), evidence(question, BLOCKED, PRICE, SAM))
    assert draft is not None and draft.short_answer == "The Verge"
    close = sentence("Beeper Mini was blocked by Apple on Friday.", "Fortune", "fortune-2", 0.85)
    question = "Which outlets reported that Apple blocked Beeper Mini?"
    draft = outlet_answer(build_query(question, sources=SOURCES), evidence(question, BLOCKED, close))
    assert draft is not None and draft.short_answer is None
    assert draft.text.startswith("TechCrunch: ") and " Fortune: " in draft.text
    assert {t.doc_id for t in draft.targets.values()} == {"tc", "fortune-2"}


def test_an_outlet_asked_by_the_article_it_published() -> None:
    assert asks_outlet("Which outlet is the source of the article saying Apple blocked Beeper Mini?")
    assert asks_outlet("In which newspaper did the report on Beeper Mini appear?")
    assert not asks_outlet("In which city did the report say the startup was founded?")
    question = "Which outlet is the source of the article saying Apple blocked Beeper Mini?"
    draft = ExtractiveGenerator().generate(question, evidence(question, PRICE, BLOCKED, SAM))
    assert draft.short_answer == "TechCrunch"


def test_no_outlet_is_named_when_an_article_without_one_states_it_best() -> None:
    question = "Which news outlet reported that Apple blocked Beeper Mini?"
    unnamed = sentence("Apple blocked Beeper Mini, saying the iMessage app posed security risks.", "", "blog", 0.9)
    weaker = sentence("Beeper Mini was blocked by Apple.", "The Verge", "verge2", 0.5)
    assert outlet_answer(build_query(question, sources=SOURCES), evidence(question, unnamed, weaker)) is None
    assert outlet_answer(build_query(question, sources=SOURCES), evidence(question, BLOCKED, weaker)).short_answer \
        == "TechCrunch"
