"""A sentence about a sibling of what the question names ("the Nobel Prize in medicine" for "the Nobel Prize in
Literature") states no answer to it; one that names the same thing, or leaves a word of it out, does."""

from __future__ import annotations

import pytest

from qa.answer.aggregate import typed_answer
from qa.answer.siblings import names_a_sibling, question_phrases

WEISSMAN = "On Monday, Katalin Karikó and Drew Weissman won the Nobel Prize in medicine for their discoveries."


@pytest.mark.parametrize("question, phrases", [
    ("Who won the 2023 Nobel Prize in Literature?", (("nobel", "prize", "literature"),)),
    ("When did Turkey's Constitutional Court rule?", (("turkey", "constitutional", "court"),)),  # possessive
    ("Who won the election?", ()),  # the question's first word names nothing
    ("Which club will Chelsea face?", ()),  # one capitalised word is no phrase
])
def test_the_questions_named_phrases(question, phrases):
    assert question_phrases(question) == phrases


@pytest.mark.parametrize("question, sentence, sibling", [
    ("Who won the 2023 Nobel Prize in Literature?", WEISSMAN, True),  # "in medicine" where "in Literature" was asked
    ("Who won the 2023 Nobel Peace Prize?", WEISSMAN, True),
    ("Who won the Nobel Peace Prize?", "Karikó won the Nobel Medicine Prize.", True),  # another word between
    ("Who won the Nobel Prize in medicine?", WEISSMAN, False),  # the same prize
    ("Who won the Nobel Peace Prize?", "Narges Mohammadi won the peace prize for her fight.", False),  # a word left out
    ("Who won the Nobel Peace Prize?", "Narges Mohammadi was awarded the Nobel Peace Prize.", False),
    ("What share of Manchester United is Sir Jim Ratcliffe buying?", "Sir Jim Ratcliffe’s bid to buy 25%.", False),
    ("When did Turkey's Constitutional Court rule?", "A ruling by the Constitutional Court of Turkey.", False),
])
def test_a_sentence_naming_a_sibling(question, sentence, sibling):
    assert names_a_sibling(question, sentence) is sibling


NOBEL = [("nb", "Nobel prize in medicine", "AP",
          "STOCKHOLM (AP) — Katalin Karikó and Drew Weissman won the Nobel Prize in medicine on Monday for their "
          "discoveries that enabled the creation of mRNA vaccines against COVID-19.")]


def test_a_name_stated_only_about_a_sibling_is_no_answer(asked):
    query, ev = asked(NOBEL, "Who won the 2023 Nobel Prize in Literature?")
    assert typed_answer(query, ev).abstained
    query, ev = asked(NOBEL, "Who won the Nobel Prize in medicine?")
    draft = typed_answer(query, ev)
    assert not draft.abstained and draft.short_answer in ("Katalin Karikó", "Drew Weissman")
