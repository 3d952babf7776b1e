"""Where someone works: the question asks an organisation, and an apposition says which names are organisations."""

from __future__ import annotations

import pytest

from qa.answer.mentions import appositive_organisations, mentions
from qa.ingest.entities import EntitySpan
from qa.query import build_query


@pytest.mark.parametrize("question, answer_type", [
    ("Where does Sasha Luccioni work?", "organisation"),
    ("Where does Jan Bielecki work?", "organisation"),
    ("Where did she study?", "organisation"),
    ("Where is Jane Doe employed?", "organisation"),
    ("Where does Jane Doe live?", "place"),
    ("Where did the researchers work on the vaccine trial?", "place"),  # work on something: where it was done
    ("Where are New York's mass burials taking place?", "place"),
])
def test_where_someone_works_asks_an_organisation(question, answer_type):
    assert build_query(question).answer_type == answer_type


@pytest.mark.parametrize("sentence, names", [
    ("says Sasha Luccioni, a postdoctoral researcher at Mila, an AI research institute in Canada.", ["Mila"]),
    ("estimates Evan Sparks, CEO of Determined AI, a startup that provides software.", ["Determined AI"]),
    ("The Pentagon, the US defense department, gave no number.", ["Pentagon"]),
    ("Sasha Luccioni, a researcher, said so.", []),  # a person's apposition names no organisation
    ("John Smith, a former bank employee, said so.", []),
    ("In Paris, a city with a big bank, they met.", []),  # the apposition's noun is "city"
])
def test_an_apposition_calls_a_name_an_organisation(sentence, names):
    assert [m.value for m in appositive_organisations(sentence)] == names


def test_an_apposition_overrides_the_recogniser_s_person_label():
    sentence = "says Sasha Luccioni, a postdoctoral researcher at Mila, an AI research institute in Canada."
    spans = [EntitySpan(sentence.index(t), sentence.index(t) + len(t), label, t)
             for t, label in (("Sasha Luccioni", "PERSON"), ("Mila", "PERSON"), ("Canada", "GPE"))]
    assert [m.value for m in mentions(sentence, "organisation", entities=spans)] == ["Mila"]
