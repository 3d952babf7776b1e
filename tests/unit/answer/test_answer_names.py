"""LLM mode keeps a generated sentence only if its names and numbers are in the sentence it is aligned to."""

from __future__ import annotations

import pytest
from test_answer_llm_fake import ReplayChatModel, ask

from qa.answer.verify import check, missing_names, named_entities, names_match

RUTTE = "NATO Secretary General Mark Rutte confirmed the deployment of North Korean troops in Kursk."


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("Mark Rutte is the Secretary General of the United Nations",
         ["Mark Rutte", "Secretary General of the United Nations"]),
        ("According to Reuters, about 10,000 North Korean troops were sent to Russia's Kursk region.",
         ["Reuters", "North Korean", "Russia's Kursk"]),
        ("The Pentagon said NATO had confirmed it.", ["Pentagon", "NATO"]),
        ("Troops arrived on Monday.", ["Monday"]),  # a lone capital opening the sentence is no name
        ("In October, Kim Jong Un met Vladimir Putin.", ["October", "Kim Jong Un", "Vladimir Putin"]),
        ("NATO confirmed it.", ["NATO"]),  # an acronym opening the sentence is one
        ("The F-16 jets flew over Kyiv in 2024.", ["F-16", "Kyiv"]),  # numbers are checked apart
        ("He said it would rise by 3.5% in 2025.", []),
    ],
)
def test_named_entities_are_capitalised_spans(sentence, names):
    assert named_entities(sentence) == names


def test_the_nato_to_united_nations_swap_is_caught_where_the_old_check_passed_it():
    claim = "Mark Rutte, the Secretary General of the United Nations, confirmed the deployment of North Korean troops."
    assert check(claim, RUTTE).supported  # overlap alone says yes: that was the bug
    assert missing_names(claim, RUTTE) == ["Secretary General of the United Nations"]
    assert names_match("Mark Rutte, the NATO Secretary General, confirmed the deployment.", RUTTE)


@pytest.mark.parametrize(
    ("claim", "sentence"),
    [
        ("Rutte is the NATO secretary-general.", RUTTE),  # case and hyphens do not matter
        ("The North Atlantic Treaty Organization confirmed it.", "NATO confirmed it."),  # acronym, one way
        ("The United Nations confirmed it.", "The UN confirmed it."),  # and the other
        ("Russian troops entered Ukraine.", "Russia's troops entered Ukrainian territory."),  # forms of a name
        ("A spokesman for Zelenskyy's office said so.", "Zelenskyy said so."),
        ("A spokesman for Muller said so.", "Müller said so."),
    ],
)
def test_names_are_matched_through_normalisation(claim, sentence):
    assert names_match(claim, sentence), missing_names(claim, sentence)


@pytest.mark.parametrize(
    ("claim", "sentence"),
    [
        ("Mark Rutte is the Secretary General of the United Nations.", RUTTE),
        ("Jens Stoltenberg confirmed the deployment of North Korean troops in Kursk.", RUTTE),
        ("NATO Secretary General Mark Rutte confirmed the deployment of Chinese troops in Kursk.", RUTTE),
        ("The troops were deployed in Kharkiv.", "The troops were deployed in Kursk."),
    ],
)
def test_a_name_the_sentence_does_not_hold_fails(claim, sentence):
    assert not names_match(claim, sentence)


def test_the_passage_and_the_outlet_can_complete_a_name():
    passage = "NATO chief Mark Rutte spoke on Monday. Rutte said troops were deployed."
    sentence = "Rutte said troops were deployed."
    assert names_match("Mark Rutte said troops were deployed.", sentence, context=passage)
    # the passage only completes a name the sentence shares a word with
    assert not names_match("NATO said troops were deployed.", sentence, context=passage)
    assert names_match("Reuters reported that troops were deployed.", sentence, labels=("Reuters", "Troops"))


def test_llm_sentence_with_a_swapped_name_is_dropped(reader, embedder, answer_settings):
    swapped = ("Mark Rutte, the Secretary General of the United Nations, confirmed the deployment of North Korean "
               "troops in Kursk [1].")
    model = ReplayChatModel([swapped])
    comp = ask(reader, embedder, answer_settings, model, "Who is Mark Rutte?")
    assert comp.abstained and comp.citations == [] and "United Nations" not in comp.answer


def test_llm_sentence_with_the_right_name_is_kept_and_the_swapped_one_dropped(reader, embedder, answer_settings):
    reply = ("NATO Secretary General Mark Rutte confirmed the deployment of North Korean troops in Kursk [1]. "
             "Mark Rutte is the Secretary General of the United Nations [1].")
    comp = ask(reader, embedder, answer_settings, ReplayChatModel([reply]), "Who is Mark Rutte?")
    assert not comp.abstained
    assert "NATO Secretary General Mark Rutte" in comp.answer and "United Nations" not in comp.answer
    assert len(comp.citations) == 1 and comp.citations[0].verified and "NATO" in comp.citations[0].quote


def test_llm_sentence_with_a_number_the_sentence_lacks_is_dropped(reader, embedder, answer_settings):
    reply = ("The Pentagon reported that approximately 20,000 North Korean soldiers have been sent to train in "
             "eastern Russia [1].")
    comp = ask(reader, embedder, answer_settings, ReplayChatModel([reply]),
               "How many soldiers did the Pentagon report?")
    assert comp.abstained and "20,000" not in comp.answer


def test_a_name_from_the_sentence_before_is_accepted():
    """Measured on the bundled Qwen 0.5B (kursk): it folds the previous sentence's title into the claim."""
    claim = ("Ukraine's Defense Minister, Rustem Umerov, anticipates that approximately 15,000 North Korean "
             "soldiers will be deployed to the Kursk area.")
    sentence = "Umerov anticipates that approximately 15,000 North Korean soldiers will be deployed to the Kursk area."
    before = "Ukraine's Defense Minister, Rustem Umerov, described the engagement as small-scale fighting."
    assert missing_names(claim, sentence, context=before + " " + sentence) == ["Ukraine's Defense Minister"]
    assert names_match(claim, sentence, context=before + " " + sentence, nearby=before)
    assert not names_match("The United Nations said so.", sentence, nearby=before)


def test_llm_sentence_joining_two_source_sentences_is_kept(reader, embedder, answer_settings):
    reply = ("NATO Secretary General Mark Rutte said the Pentagon reported that approximately 10,000 North Korean "
             "soldiers have been sent to train in eastern Russia [1].")
    comp = ask(reader, embedder, answer_settings, ReplayChatModel([reply]),
               "How many soldiers did the Pentagon report?")
    assert not comp.abstained and "10,000" in comp.answer
    assert "Pentagon" in comp.citations[0].quote


def test_a_claim_may_name_the_outlets_of_the_retrieved_articles(reader, embedder, answer_settings):
    reply = ("Wire A and Wire B report that approximately 10,000 North Korean soldiers have been sent to train "
             "in eastern Russia [1].")
    comp = ask(reader, embedder, answer_settings, ReplayChatModel([reply]),
               "How many soldiers did the Pentagon report?")
    assert not comp.abstained and "Wire A and Wire B" in comp.answer
    reply = ("Both Reuters and Wire B report that approximately 10,000 North Korean soldiers have been sent to train "
             "in eastern Russia [1].")  # no retrieved article is from Reuters
    comp = ask(reader, embedder, answer_settings, ReplayChatModel([reply]),
               "How many soldiers did the Pentagon report?")
    assert comp.abstained
