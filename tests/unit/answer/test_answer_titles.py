"""Who is named by the title a question asks for, places that follow the question's own words, names the recogniser
mistypes, and yes/no verdicts that a question sentence or a refusal would have turned (quiz_fresh dev misses)."""

from __future__ import annotations

import numpy as np
import pytest

from qa.answer.aggregate import aggregate
from qa.answer.evidence import Candidate, Evidence, gather
from qa.answer.mentions import (NOT_GIVEN, TITLED, TITLED_FOR_HOLDER, Mention, asked_title, asked_titles,
                                asked_prepositions, introduced_by_terms, introduced_by_title, mentions, person_mentions,
                                place_mentions)
from qa.answer.verdict import NO, decide
from qa.ingest.entities import EntitySpan
from qa.query import build_query, content_terms
from qa.types import Chunk, Hit


def sentence(text: str, source: str, published: str, doc_id: str) -> Candidate:
    chunk = Chunk(chunk_id=f"{doc_id}#0", doc_id=doc_id, start=0, end=len(text), text=text)
    hit = Hit(chunk=chunk, title=f"{source} story", score=1.0, source=source, published_at=published)
    terms = frozenset(content_terms(text))
    return Candidate(doc_id=doc_id, chunk_id=chunk.chunk_id, start=0, end=len(text), text=text,
                     vector=np.zeros(4, dtype=np.float32), hit_rank=0, hit=hit, terms=terms, chunk_terms=terms)


def evidence(question: str, *candidates: Candidate) -> tuple[object, Evidence]:
    query = build_query(question)
    return query, Evidence(question=query, candidates=list(candidates), idf={}, documents={})


def _spans(text, *found):
    return [EntitySpan(text.index(t), text.index(t) + len(t), label, t) for t, label in found]


def _person(text: str, name: str) -> Mention:
    start = text.index(name)
    return Mention(name, name.split()[-1].lower(), start, start + len(name))


def test_only_who_is_asks_for_the_holder_of_a_title():
    assert asked_title("Who is the CEO of Epic Games?").titles == {"ceo"}
    assert asked_title("Which prosecutor delivered the government's opening statement?").titles == frozenset()


def test_the_titles_a_question_asks_for():
    assert asked_titles("Who is the chairman and CEO of Universal Music Group?") == {"chairman", "ceo"}
    assert asked_titles("Who was Epic Games' lead attorney in its trial against Google?") == {"attorney"}
    assert asked_titles("Who is the chief economist of Bloomberg Economics?") == {"chief", "economist"}
    assert asked_titles("Which person won the award?") == frozenset()  # a noun for people is no title


@pytest.mark.parametrize("question, text, name, level", [
    ("Who was Epic Games' lead attorney in its trial against Google?",
     "Epic lead attorney Gary Bornstein was tasked with making the case.", "Gary Bornstein", TITLED_FOR_HOLDER),
    ("Who is Vivek Ramaswamy's communications director?",
     "His communications director, Tricia McLaughlin, did not respond.", "Tricia McLaughlin", TITLED),
    ("Who is the chairman and CEO of Universal Music Group?",
     "Sir Lucian Grainge, Chairman and CEO of Universal Music Group, said so.", "Lucian Grainge", TITLED_FOR_HOLDER),
    ("Who is the chief economist of Bloomberg Economics?", "— Tom Orlik, chief economist", "Tom Orlik", TITLED),
    ("Who is Manchester United's football director?",
     "The club may need a new football director, a position held by John Murtough.", "John Murtough", TITLED),
    ("Who is Vivek Ramaswamy's communications director?",
     "The director praised Jake Paul for his endorsement.", "Jake Paul", NOT_GIVEN),
    ("Who is the CEO of Epic Games?", "Google CEO Sundar Pichai testified on Tuesday.", "Sundar Pichai", NOT_GIVEN),
    ("Who is the CEO of Epic Games?", "Execs, including CEO Sundar Pichai, testified.", "Sundar Pichai", TITLED),
    ("Who was Michigan's acting head coach against Penn State?",
     "Michigan head coach Jim Harbaugh was suspended.", "Jim Harbaugh", NOT_GIVEN),  # another office
    ("Who was Michigan's acting head coach against Penn State?",
     "Michigan won under interim coach Sherrone Moore.", "Sherrone Moore", TITLED),
])
def test_a_person_introduced_by_the_asked_title(question, text, name, level):
    assert introduced_by_title(text, _person(text, name), asked_title(question)) == level


def test_a_place_that_follows_the_questions_words():
    question = "In which town was the artist Mira Solberg born?"
    terms, prepositions = frozenset(content_terms(question)), asked_prepositions(question)
    born = "Born in Tromso in 1990, she moved to Oslo with her sister."
    shown = "Her portrait series is showing in Bergen this month."
    assert [introduced_by_terms(born, m, terms, prepositions) for m in place_mentions(born)] == [True, False]
    assert [introduced_by_terms(shown, m, terms, prepositions) for m in place_mentions(shown)] == [False]
    # only a question that puts a preposition before its answer says how the answer follows its words
    assert asked_prepositions("Which Florida State quarterback broke his leg?") == frozenset()
    assert asked_prepositions("Where was she born?") == frozenset()


def _ranked(make_reader, articles, question):
    reader = make_reader(articles)
    query = build_query(question)
    return aggregate(query, gather(query, reader.hits(question), reader, reader.embedder.embed([question])[0]))


def test_the_person_given_the_asked_title_is_the_answer(make_reader):
    # the investor's sentence says "Acme" and "CEO" more often; only the other gives anyone the title
    articles = [("a1", "Acme CEO race", "Reuters",
                 "The Acme CEO race is open, Acme investor Marcus Bell told the Acme CEO forum."),
                ("a2", "Acme expands", "AP", "Acme CEO Dana Whitfield said the company would expand into Asia.")]
    ranked = _ranked(make_reader, articles, "Who is the CEO of Acme?")
    assert [g.value for g in ranked] == ["Dana Whitfield", "Marcus Bell"]


def test_the_place_after_the_asked_event_is_the_answer(make_reader):
    articles = [("p1", "Artist profile", "Guardian", "The artist Mira Solberg's town portraits are showing in "
                 "Bergen. Born in Tromso, Solberg moved south as a child.")]
    ranked = _ranked(make_reader, articles, "In which town was the artist Mira Solberg born?")
    assert [g.value for g in ranked] == ["Tromso", "Bergen"]


def test_names_the_recogniser_mistypes_as_people():
    draw = "Liverpool and Arsenal played out a thrilling 1-1 draw at Anfield on Saturday."
    assert mentions(draw, "person", entities=_spans(draw, ("Anfield", "PERSON"))) == []
    label = "Jubelirer was promoted to chair of the Los Angeles-based label group."
    assert [m.value for m in mentions(label, "person", entities=_spans(label, ("Los Angeles-based", "PERSON")))] == []
    teaser = "GO DEEPER How Emma Hayes' winning ways at Chelsea can help"
    assert [m.value for m in person_mentions(teaser)] == ["Emma Hayes"]


def test_a_name_after_from_is_a_person_unless_recognised_as_a_place():
    text = "Debicki took over the role of Diana from Emma Corrin in season five."
    assert "Emma Corrin" not in [m.value for m in person_mentions(text)]  # patterns alone: a place cue
    people = [m.value for m in mentions(text, "person", entities=_spans(text, ("Debicki", "PERSON")))]
    assert "Emma Corrin" in people
    moved = "She moved from New York in 2019."
    assert [m.value for m in mentions(moved, "person", entities=_spans(moved, ("New York", "GPE")))] == []
    began = "“It looked bad,” began Thane Rehn, a prosecutor for the government."  # no from/to: the patterns decide
    assert [m.value for m in mentions(began, "person", entities=_spans(began, ("Thane Rehn", "GPE")))] == \
        ["Thane Rehn"]


def test_a_question_sentence_states_nothing_and_a_refusal_denies():
    query, ev = evidence("Did Northgate make the playoffs?",
                         sentence("Will Northgate make the playoffs?", "TechCrunch", "2023-12-01", "q-1"),
                         sentence("Northgate were left out of the playoffs on Sunday.", "Fortune", "2023-12-03", "f-1"))
    decision = decide(query, ev)
    assert decision.answer == NO and decision.supports[0].candidate.doc_id == "f-1"
    query, ev = evidence("Did Sony's artists take part in the Dream Track experiment?",
                         sentence("Sony's refusal to take part in the Dream Track experiment surprised no one.",
                                  "The Verge", "2023-11-23", "v-1"))
    assert decide(query, ev).answer == NO


def test_with_whom_asks_for_a_person():
    assert build_query("With whom did CM Punk have a backstage altercation?").answer_type == "person"


def test_a_country_given_as_a_first_name_is_a_person():
    assert [m.value for m in person_mentions("Florida State’s quarterback, Jordan Travis, broke his leg.")] == \
        ["Jordan Travis"]
    assert [m.value for m in person_mentions("Georgia Stanway scored after the restart.")] == ["Georgia Stanway"]
    assert person_mentions("The Russian Foreign Ministry said so.") == []
