"""Wordings and sentences from the sixteenth blind batch (eval/datasets/kursk_more14 and pages_more16, first read in
session 17): a closing "y/n", a quoted claim with "Is that true?" before the question proper, "and if not, what
...?", a search-box query ending on what it measures ("greg berlanti age"), "how much in new regulations", the length
of lines, a venue's capacity, an age said as "who was 21 at the time" or of a person the question describes, a
figure of another year, a place named only to qualify a noun, a denied verb's object, "unlikely", a picture's credit
line, a name inside a unit ("Russian Air Force flights"), a feast's name read as a person's, a sentence that says
what the question asks of its subject, and an interview's answer paragraph. Pure but for the evidence tests, which
gather from an in-memory index."""

from __future__ import annotations

import pytest

from qa.query import build_query


@pytest.mark.parametrize("question, answer_type", [
    ("ru labour shortage real or not per the stern piece? y/n", "yesno"),
    ("Did Kyodo report 2,000 troops? (yes/no)", "yesno"),
    ("I wanted to write: 'The Pentagon told reporters what weapons North Korea sent.' Is that true? Did the "
     "Pentagon's deputy press secretary give those details?", "yesno"),
    ("One paper casts Viktor Kovalenko as predicting that Kim's soldiers will turn the tide. Is that a fair reading, "
     "and if not, what did he forecast?", "description"),
    ("greg berlanti age", "age"),
    ("What's Greg Berlanti's age?", "age"),
    ("imf 2023 global growth forecast", "percent"),
    ("What is Germany's unemployment rate?", "percent"),
    ("Tesla 2023 revenue", "money"),
    ("What is the stadium's capacity?", "count"),
    ("What was the Stone Age?", "description"),
    ("According to Carl Icahn, how much in new regulations did business owners face?", "money"),
    ("How long are the lines used in the longline fishing off Hawaii?", "distance"),
    ("How long is the trial expected to last?", "duration"),
    ("Which top prospect did Boston send away in the trade?", "person"),
])
def test_the_question_types_the_answer(question, answer_type):
    assert build_query(question).answer_type == answer_type


def test_a_closing_alternative_denies_nothing_of_the_claim():
    query = build_query("ru labour shortage real or not per the stern piece? y/n")
    assert not any("not" in c.split() for c in query.clauses)


def test_a_unit_is_the_noun_a_name_qualifies():
    query = build_query("How many Russian Air Force flights between Vladivostok and Pyongyang have been counted?")
    assert query.unit_head == "flights" and query.unit_class is None


@pytest.mark.parametrize("sentence, age", [
    ("Roof, who was 21 at the time, was arrested the next day.", "21"),
    ("The suspect, who is 34, was released.", "34"),
])
def test_an_age_said_in_a_relative_clause(sentence, age):
    from qa.answer.mentions import number_mentions

    assert [m.value for m in number_mentions(sentence, "age", "age")] == [age]


def test_an_age_of_a_person_the_question_describes():
    from qa.answer.quantities import age_of_someone_else, age_of_the_asked

    question = "How old is the rookie Italian police officer who shot Berlin attack suspect Anis Amri?"
    sentence = "Amri was shot dead by trainee officer Luca Scata, 29, who was only on the job for months."
    at = sentence.index(", 29")
    assert not age_of_someone_else(question, sentence, at)
    assert age_of_the_asked(question, sentence, at)
    named = "Anis Amri, 24, was shot dead by an officer."
    assert age_of_someone_else(question, named, named.index(", 24"))


def test_a_venue_s_capacity_counts_people():
    from qa.answer.evidence import matching_figures
    from qa.answer.quantities import find_figures

    query = build_query("San Diego State is planning a new stadium. How many people will it seat?")
    figures = find_figures("San Diego State University wants its proposed 35,000-capacity stadium in Mission Valley.")
    assert [f.text for f in matching_figures(query, figures)] == ["35,000"]


@pytest.mark.parametrize("sentence, figure, year", [
    ("The IMF forecast that the global economy would eke out growth of just 2.7% next year.", "2.7%", 2023),
    ("The IMF left unchanged its forecast for international growth this year — a modest 3.2%.", "3.2%", 2022),
    ("Growth for 2023 is predicted to come in at 1.5%.", "1.5%", 2023),
    ("Growth came in at 1.5%.", "1.5%", None),
])
def test_the_year_a_figure_is_of(sentence, figure, year):
    from qa.answer.quantities import figure_year

    at = sentence.index(figure)
    assert figure_year(sentence, at, at + len(figure), "2022-10-11") == year


def test_a_place_that_qualifies_a_noun_is_not_introduced_by_the_preposition():
    from qa.answer.mentions import Mention, introduced_by_terms

    sentence = "Anis Amri, the suspect in the Berlin attack, was killed by the police outside Milan."
    at = sentence.index("Berlin")
    berlin = Mention("Berlin", "berlin", at, at + 6)
    assert not introduced_by_terms(sentence, berlin, frozenset({"suspect"}), frozenset({"in"}))
    sentence = "The suspect in Berlin was arrested."
    at = sentence.index("Berlin")
    assert introduced_by_terms(sentence, Mention("Berlin", "berlin", at, at + 6), frozenset({"suspect"}),
                               frozenset({"in"}))


def test_a_denied_verb_denies_its_object():
    from qa.answer.verdict import denied_terms

    denied = denied_terms("In fact, Kiev's units currently mostly do not reach their target strength.")
    assert {"reach", "target"} <= denied
    assert "likely" in denied_terms("Sending Western combat troops to Ukraine is currently very unlikely.")


def test_a_picture_s_credit_line_is_no_part_of_the_story():
    from qa.ingest.cleaning import clean_text

    text = ("Body one.\nFeatured Image Credit: Australian Government\nPhoto credit: Getty Images\n"
            "Credit card debt rose 5% in March, the bank said, as households borrowed more to pay their bills.")
    assert clean_text(text) == ("Body one.\nCredit card debt rose 5% in March, the bank said, as households borrowed "
                                "more to pay their bills.")


def test_a_feast_s_name_is_no_one_s():
    from qa.answer.mentions import pattern_mentions

    sentence = "It was really an Easter Egg even within Slack, said Anna Pickard."
    assert [m.value for m in pattern_mentions(sentence, "person")] == ["Anna Pickard"]


def test_a_year_after_a_hedge_is_a_date():
    from qa.answer.mentions import mentions

    (found,) = mentions("Somewhere around 2005.", "date", "", [])
    assert (found.value, found.key) == ("around 2005", "2005")


def test_the_sentence_saying_what_is_asked_of_the_subject_comes_first(asked):
    from qa.answer.extractive import sentence_answer

    articles = [("a", "Officer laid to rest", "KTVI",
                 "The accused shooter, Trent Forster, was seated in a car when Officer Blake Snyder approached. "
                 "Forster, hit by Snyder's partner, has since been charged with first-degree murder.")]
    _, evidence = asked(articles, "What has Trent Forster been charged with over the killing of Officer Blake Snyder?")
    assert evidence.candidates[0].text.startswith("The accused")  # the best match names him, but says no charge
    assert sentence_answer(evidence).text.startswith("Forster, hit by")


def test_an_interview_answer_is_about_the_question_before_it(asked):
    articles = [("v", "Berlanti interview", "Vulture",
                 "I loved comic books as a kid.\nYou pitched an Iron Man movie?\nI did, yeah. Somewhere around 2005.\n"
                 "What was your pitch?")]
    _, evidence = asked(articles, "When did Greg Berlanti pitch an Iron Man movie?")
    answer = next(c for c in evidence.candidates if c.text.startswith("Somewhere"))
    assert {"iron", "movie"} <= answer.context_terms
    first = next(c for c in evidence.candidates if c.text.startswith("I loved"))
    assert not first.context_terms


def test_thousands_in_desk_shorthand_are_searched_as_digits():
    query = build_query("desk q: ~10k nk troops training in east russia - which us agency is that number from?")
    assert "10000" in query.terms and "10k" not in query.terms


def test_a_reason_with_no_cue_is_the_sentence_after_the_claim(asked):
    from qa.answer.extractive import sentence_answer

    articles = [("i", "IMF cuts outlook", "Investment Executive",
                 "The fund foresees China's economy growing just 3.2% this year, down from 8.1% last year. Beijing has "
                 "instituted a zero-Covid policy and cracked down on real estate lending, disrupting business.")]
    _, evidence = asked(articles, "Why does the IMF expect China's economy to grow only 3.2% this year?")
    assert "zero-Covid" in sentence_answer(evidence).text


def test_percent_in_words():
    from qa.answer.mentions import number_mentions

    found = number_mentions("Twenty-five percent of the show is animated, up from 5%.", "percent")
    assert [(m.value, m.key) for m in found] == [("Twenty-five percent", "pct:25"), ("5%", "pct:5")]


def test_a_hyphenated_length_of_time_before_another_noun_is_of_that_noun():
    from qa.answer.aggregate import amount_of_something_else
    from qa.answer.mentions import number_mentions

    query = build_query("How long does the North Koreans' training course last?")
    sentence = "As the war approaches its 1,000-day milestone, the troops train in the Far East."
    (m,) = number_mentions(sentence, "duration", "time")
    assert amount_of_something_else(query, sentence, m)
