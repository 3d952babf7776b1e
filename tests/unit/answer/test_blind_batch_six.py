"""Wordings and page text from the ninth blind batch (eval/datasets/kursk_more7, pages_more9, quiz_more8) and the
misses of the batches before it that share a cause: synonyms a reader swaps for the reporter's word, a body named by
its initials, a difference asked as "how much lower", a successor named long after the office, an hour of the day,
a year counted from another, a sentence that opens on a pronoun. Pure: no index, no model."""

from __future__ import annotations

import pytest

from qa.answer.aggregate import typed_answer
from qa.answer.evidence import acronyms_of
from qa.answer.extractive import _counts_an_outcome, antecedent, sentence_answer
from qa.answer.mentions import asks_clock_time, clock_mentions, counted_years, person_mentions
from qa.answer.quantities import find_figures
from qa.answer.question import SYNONYM_CREDIT, content_terms, term_match
from qa.answer.roles import ASKED_HOLDER, asked_office, binding
from qa.query import build_query


@pytest.mark.parametrize("asked, written", [
    ("check", "audited"),  # "How many suppliers has CFM had to check?" / "CFM has had to audit more than 500"
    ("crossed", "invaded"),
    ("bracing", "preparing"),
    ("moved", "transported"),
    ("plunged", "dropped"),
    ("replaced", "succeeded"),
    ("death", "mortality"),
])
def test_a_word_a_reader_swaps_for_the_reporter_s_matches_it(asked, written):
    (term,) = content_terms(asked)
    assert term_match(term, frozenset(content_terms(written))) == SYNONYM_CREDIT


def test_words_of_different_meaning_stay_apart():
    (term,) = content_terms("position")  # a stance as often as a job: no synonym of "job"
    assert term_match(term, frozenset(content_terms("job"))) == 0.0


def test_a_hyphenated_name_has_capitals_after_its_hyphens():
    sentence = "A limit of 2 degrees above pre-Industrial levels, said Bankman-Fried of the anti-Western bloc."
    assert [m.value for m in person_mentions(sentence)] == ["Bankman-Fried"]


@pytest.mark.parametrize("text, shown", [
    ("my roughly 30-minute, highly controlled demo", "roughly 30 minutes"),
    ("as the war approaches its 1,000-day milestone", "1,000 days"),
    ("She has been a nurse for 16 years", "16 years"),
    ("with just 18 months left in power", "18 months"),
    ("15,000 troops", "15,000"),  # a count keeps the number alone
])
def test_a_span_of_time_is_shown_with_its_unit(text, shown):
    assert find_figures(text)[0].display() == shown


def test_a_body_s_initials_stand_for_its_name():
    initials = acronyms_of(("National Association of Realtors", "Lawrence Yun", "Bank of England"))
    assert set(initials) == {"nar"}  # a name of two words is no acronym's
    assert initials["nar"] == frozenset(content_terms("National Association of Realtors"))


def test_the_initials_give_a_sentence_the_name_s_words(asked):
    articles = [("a", "Home sales", "Wire A", "NAR chief economist Lawrence Yun said home sales fell again."),
                ("b", "Home sales", "Wire B", "Economist Lawrence Yun said home sales fell again.")]
    query, evidence = asked(articles, "What job does Lawrence Yun hold at the National Association of Realtors?")
    by_doc = {c.doc_id: c for c in evidence.candidates}
    assert by_doc["a"].lexical > by_doc["b"].lexical
    assert evidence.candidates[0].doc_id == "a"


@pytest.mark.parametrize("question, answer_type, unit", [
    ("In a 2023 UK study, how much lower was the death risk for people living a Mediterranean lifestyle?", "count",
     ""),  # a difference, in whatever the sentence measures ("a 29% lower risk")
    ("By November 2023, how much of its value had Group Psagot lost since Rani Zim took over?", "percent", ""),
    ("How much more money does she earn?", "money", "more money"),
])
def test_a_difference_and_a_share_of_value_asked_by_how_much(question, answer_type, unit):
    query = build_query(question)
    assert (query.answer_type, query.unit) == (answer_type, unit)


def test_name_the_asks_which():
    query = build_query("Identify the Russian general in command of the Kursk counteroffensive.")
    assert (query.kind, query.answer_type) == ("who", "person")


def test_a_successor_named_after_a_long_aside():
    office = asked_office(build_query("Who replaced Rani Zim as chairperson of Group Psagot in late 2023?"))
    sentence = ("At any rate, Group Psagot recently announced that Rani Zim was stepping down as chairperson, to be "
                "replaced by Daniel Leventhal.")
    (successor,) = [m for m in person_mentions(sentence) if m.value == "Daniel Leventhal"]
    assert binding(sentence, successor, office) == ASKED_HOLDER


def test_what_time_asks_an_hour_of_the_day():
    assert asks_clock_time("what time did power come back on at stansted airport")
    assert asks_clock_time("At what hour did the polls close?")
    assert not asks_clock_time("What time of year do the birds return?")
    assert not asks_clock_time("When did power come back on?")
    sentence = "Crews had restored power at about 5:30 p.m. local time (12:30 p.m. EST) on December 22."
    assert [m.value for m in clock_mentions(sentence)] == ["5:30 p.m.", "12:30 p.m. EST"]


def test_what_time_is_not_answered_by_a_date(asked):
    articles = [("a", "Stansted", "Wire", "Stansted Airport lost power on December 22, 2014. The airport said crews had "
                 "restored power at about 5:30 p.m. local time.")]
    query, evidence = asked(articles, "What time did power come back on at Stansted Airport?")
    draft = typed_answer(query, evidence)
    assert draft is not None and draft.short_answer == "5:30 p.m."


def test_a_year_counted_from_another():
    sentence = ("When Dianne Austin went natural in 2011, she had no idea that four years later she would be hit with "
                "a breast cancer diagnosis.")
    (year,) = counted_years(sentence, [])
    assert (year.value, sentence[year.start:year.end]) == ("2015", "four years later")
    assert counted_years("He left in 1999; two years earlier he had met her.", [])[0].value == "1997"
    assert counted_years("Four years later she was diagnosed.", []) == []  # no year to count from
    assert counted_years("In 2011 and 2013 she ran; two years later she won.", []) == []  # from which?


def test_a_figure_of_some_of_a_group_does_not_count_the_group():
    killed = "Three people killed on the flight were holding hands."
    aboard = "Nobody knew what had happened to the 162 people on board."
    assert _counts_an_outcome(killed, find_figures(killed)[0])
    assert not _counts_an_outcome(aboard, find_figures(aboard)[0])


def test_a_sentence_opening_on_a_pronoun_is_quoted_after_the_one_before(asked):
    articles = [("a", "Troops", "Stern", "Parts of the troops are expressly trained for command operations in the rear "
                 "of enemy troops and for guerrilla warfare. They are probably best prepared for the war in Ukraine.")]
    query, evidence = asked(articles, "On what basis are they judged best prepared for the war in Ukraine?")
    best = next(c for c in evidence.candidates if c.text.startswith("They"))
    assert antecedent(best, evidence).text.startswith("Parts of the troops")
    draft = sentence_answer(evidence)
    assert draft.text.index("guerrilla warfare") < draft.text.index("best prepared")
    lead = next(c for c in evidence.candidates if c.text.startswith("Parts"))
    assert antecedent(lead, evidence) is None  # it opens on no pronoun


# --- from the tenth blind batch (kursk_more8, pages_more10, quiz_more9), after its first run


def test_a_company_s_legal_suffix_makes_no_sibling():
    from qa.answer.siblings import names_a_sibling

    question = "How old is Kevin Yearout, the chief executive of Yearout Mechanical in Albuquerque?"
    assert not names_a_sibling(question, "said Yearout, 51, chief executive officer of Yearout Mechanical Inc.")
    assert names_a_sibling("Who won the Nobel Prize in Literature?", "They won the Nobel Prize in medicine.")


@pytest.mark.parametrize("sentence, age", [
    ("When Noora Niasari was five years old, she lived in a women's shelter.", "5"),
    ("She died aged seventy-two.", "72"),
])
def test_an_age_in_words_before_years_old_or_after_aged(sentence, age):
    from qa.answer.mentions import mentions

    assert [m.value for m in mentions(sentence, "age")] == [age]


def test_how_old_is_someone_is_not_answered_by_an_age_they_were(asked):
    articles = [("a", "Reunion", "Wire", "When Bazella was five years old, her parents told her she was adopted. "
                 "Diane Bazella, 64, of Minnetonka, told reporters it meant the world.")]
    query, evidence = asked(articles, "How old is Diane Bazella?")
    assert typed_answer(query, evidence).short_answer == "64"
    query, evidence = asked(articles, "How old was Diane Bazella when she learned she was adopted?")
    assert "5" in [p.value for p in typed_answer(query, evidence).candidates]


@pytest.mark.parametrize("question, answer_type", [
    # a wh-word in place after a preposition: no yes/no question
    ("Amazon's 'Explore with Alexa' feature, launched in October, is designed for kids under what age?", "age"),
    ("According to Stern, is the deployment a sign of desperation?", "yesno"),
    # a closing request repeats the question
    ("A listener heard Putin boasting about retaking villages. So which villages were they, can you name them?",
     "place"),
    ("On whose radio show did Gwyneth Paltrow talk about her breakups?", "person"),
])
def test_how_these_wordings_are_read(question, answer_type):
    assert build_query(question).answer_type == answer_type


def test_whose_is_no_term():
    assert "whose" not in build_query("On whose radio show did she talk?").terms


def test_which_day_asks_a_day():
    from qa.answer.mentions import asks_day, names_a_day

    assert asks_day("Which day did the first batch turn up in Kursk?")
    assert not asks_day("What day of the year is it?")
    assert names_a_day("Wednesday") and names_a_day("5 October") and names_a_day("yesterday")
    assert not names_a_day("last week") and not names_a_day("2023") and not names_a_day("August")


def test_a_price_list_s_next_sign_is_no_unit():
    assert [f.display() for f in find_figures("Echo smart speaker $ 55 $ 100 45 % off")] == ["$55", "$100", "45%"]
    assert [f.display() for f in find_figures("PowerA Fusion Pro 3 $ 79")] == ["3", "$79"]


def test_a_state_does_not_answer_which_suburb(asked):
    articles = [("a", "House", "Digest", "The Arizona residence was designed by Marwan Al-Sayed for the Delaneys.")]
    query, evidence = asked(articles, "In which Phoenix suburb is the house Marwan Al-Sayed designed?")
    assert typed_answer(query, evidence) is None
    assert sentence_answer(evidence).abstained is False  # the sentence is quoted only by the generator's checks
    from qa.answer.extractive import ExtractiveGenerator

    assert ExtractiveGenerator().generate(query.text, evidence).abstained


def test_an_age_before_the_name_after_was_is_the_age_now(asked):
    articles = [("a", "Game", "Wire", "It was 17-year-old Rocco Zikarsky who stood tall in the paint.")]
    query, evidence = asked(articles, "How old is Rocco Zikarsky?")
    assert typed_answer(query, evidence).short_answer == "17"


def test_a_one_word_name_before_a_country_may_be_the_asked_city():
    from qa.answer.extractive import _placed_in_country

    assert _placed_in_country("measures taken after the 2019 Christchurch attacks in New Zealand", "")
    assert _placed_in_country("arrested in Ivins, Utah, on Wednesday", "")
    assert not _placed_in_country("The Kyodo News Agency said troops were moved to western Russia", "")
    assert not _placed_in_country("a startup competing against Google and Amazon", "")


# --- from the eleventh blind batch (kursk_more9), after its first run


def test_what_calendar_date_asks_a_date():
    query = build_query("On what calendar date did Kyodo put out its story about the troops?")
    assert query.answer_type == "date" and "calendar" not in query.terms


def test_a_question_that_follows_another_is_the_one_asked():
    query = build_query("Did the intelligence service say how many soldiers were in the first party that left in "
                        "March? How many was it?")
    assert query.answer_type == "count"
    assert "march" in query.terms  # the question before it stays in the terms
