"""A sentence that has the question's verb done by another party the question names ("Pyongyang is to supply
Moscow" for "What could Russia supply the North Koreans with?") is not the answer's first sentence."""

from __future__ import annotations

import pytest

from qa.answer.direction import asked_deed, doer, reversed_deed
from qa.answer import extractive
from qa.answer.extractive import ExtractiveGenerator
from qa.answer.evidence import gather
from qa.query import build_query

TO_MOSCOW = "Pyongyang is now supposed to supply Moscow with as many artillery shells as Russia can produce itself."
TO_ALLIES = "That matters little if the Russians manage to supply the allies with drones and night vision goggles."


@pytest.mark.parametrize("question, deed", [
    ("What could Russia supply the North Koreans with?", ("russia", "supply", frozenset({"north korea"}))),
    ("What is North Korea expected to provide Russia?", ("north korea", "provide", frozenset({"russia"}))),
    ("How close to the Ukrainian border are the North Korean troops based?", None),  # "troops" is no verb
    ("What does Russia give in return?", None),  # no other party named: nothing to reverse
])
def test_the_questions_doer_and_verb(question, deed):
    assert asked_deed(question, tuple(build_query(question).entities)) == deed


def test_the_party_right_before_the_verb_or_a_synonym():
    assert doer(TO_MOSCOW, "supply") == "north korea"  # a capital names its nation
    assert doer(TO_ALLIES, "provide") == "russia"  # "supply" is of "provide"'s synonym group; a demonym its nation
    assert doer("Officials said on Monday that shells were supplied.", "supply") is None  # a clause break between


def test_a_reversed_deed():
    question = "What could Russia supply the North Koreans with?"
    entities = build_query(question).entities
    assert reversed_deed(question, entities, TO_MOSCOW)
    assert not reversed_deed(question, entities, TO_ALLIES)


def test_the_sentence_with_the_asked_doer_answers_first(make_reader, monkeypatch):
    # the test embedder scores the second sentence 0.65 of the first: the ratio is set below that
    monkeypatch.setattr(extractive, "REVERSED_RATIO", 0.6)
    reader = make_reader([("d1", "Deal", None, f"{TO_MOSCOW} {TO_ALLIES}")])
    question = "What could Russia supply the North Koreans with?"
    evidence = gather(build_query(question), reader.hits(question), reader, reader.embedder.embed([question])[0])
    draft = ExtractiveGenerator().generate(question, evidence)
    assert draft.text.startswith("That matters little if the Russians")
    monkeypatch.setattr(extractive, "REVERSED_RATIO", 0.8)  # too far below the best: the order stands
    assert ExtractiveGenerator().generate(question, evidence).text.startswith("Pyongyang")
