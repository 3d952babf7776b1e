"""Wordings and sentences from the fourteenth blind batch (eval/datasets/kursk_more12 and pages_more14, first read in
session 15): "On whose word ...?" after what the asker tells first, a yes/no question after a "when" clause, a dollar
amount asked, "What figure should she use?" after ground taken, a closing "yes or no?", a choice left open ("or from
someone else?"), the whole of a thing denied by a part of it, "both of his free throws" (no set of reports), and an
age a sentence gives the asked person. Pure but for the last, which gathers evidence from an in-memory index."""

from __future__ import annotations

import pytest

from qa.answer.verdict import _PART, _WHOLE
from qa.query import build_query


@pytest.mark.parametrize("question, answer_type", [
    ("In the report that gives a range of 8,000 to 12,000 North Koreans, the first sentence says they came under fire. "
     "On whose word, as that sentence puts it, does the claim rest?", "person"),
    ("For the record: when Liubov Tsybulska says the first thousand reached Kursk, does the article state that she "
     "relies on sources inside the Russian military?", "yesno"),
    ("The minister would like to cite the new military aid Washington pledged. What dollar amount is given?", "money"),
    ("The minister wants the latest ground Russia has taken in Donetsk. What figure should she use?", "distance"),
    ("My guest will argue that the soldiers learn modern war. Does the Stern piece back that up, yes or no?", "yesno"),
    ("Does that number come from Kyiv, from Washington, or from someone else, as the article words it?",
     "description"),
    ("Did it come from Kyiv or Washington?", "yesno"),
])
def test_the_question_proper_types_the_answer(question, answer_type):
    assert build_query(question).answer_type == answer_type


@pytest.mark.parametrize("question, relation", [
    ("Did LeBron James make both of his free throws in the final minute?", None),
    ("Did both the Pentagon and Stern report the troops?", "both"),
    ("Did all of their reports give the same number?", "same"),
])
def test_both_of_ones_own_things_is_no_set_of_reports(question, relation):
    assert build_query(question).relation == relation


@pytest.mark.parametrize("claim, sentence, denied", [
    ("Ukrainian forces occupy the whole of the Kursk region", "The region has been partially occupied since August.",
     True),
    ("The plant is fully operational", "The plant is partly operational after the fire.", True),
    ("Ukrainian forces occupy part of the Kursk region", "The region has been partially occupied since August.",
     False),
])
def test_the_whole_of_a_thing_is_denied_by_a_part_of_it(claim, sentence, denied):
    said = bool(_WHOLE.search(claim)) and bool(_PART.search(sentence)) and not _PART.search(claim)
    assert said is denied


def test_an_age_a_sentence_gives_the_asked_person_binds_the_answer(asked):
    from qa.answer.abstain import features
    from qa.answer.aggregate import age_bound, aggregate

    articles = [("w", "Wild beat Sabres", "Pioneer Press",
                 "Hours before Zach Parise's two-goal performance Tuesday, Wild coach Bruce Boudreau expressed "
                 "confidence in the veteran winger. Barely a week ago, Parise, 35, had scored just once in a 10-game "
                 "stretch. Wild defenseman Ryan Suter, 34, joked about it.")]
    query, evidence = asked(articles, "How old is Minnesota Wild winger Zach Parise?")
    ranked = aggregate(query, evidence)
    (group,) = [g for g in ranked if g.value == "35"]
    assert age_bound(group, query)
    assert features(evidence, group.support, [group])["bound"] == 1.0
    assert not age_bound(group, build_query("How old is Wild coach Bruce Boudreau?"))


@pytest.mark.parametrize("a, b, alike", [
    ("Connor Stalions", "Connor Stallions", True),
    ("Zelensky", "Zelenskyy", True),
    ("Kim Jong-un", "Kim Yo-jong", False),
    ("Geneva", "Vienna", False),
    ("eastern Russia", "western Russia", False),
    ("Ali", "Aly", False),  # too short to tell a misspelling from another name
])
def test_one_name_spelt_two_ways_is_no_disagreement(a, b, alike):
    from qa.answer.aggregate import spelt_alike

    assert spelt_alike(a, b) is alike

