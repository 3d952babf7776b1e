"""Wordings and page text from the fifth blind batch (eval/datasets/kursk_more4, quiz_more4, pages_more5): how the
question is read, which mentions answer and whose they are. Pure: no index, no model."""

from __future__ import annotations

import pytest

from qa.answer.mentions import asks_calendar_date, day_without_date, mentions, person_mentions
from qa.answer.quantities import age_of_someone_else
from qa.query import build_query


@pytest.mark.parametrize("question, answer_type", [
    ("In the game, how much time does a single turn stand for?", "duration"),
    # a choice between two directions is answered by the sentence that says which, not by yes or no
    ("is support for ukraine in the west going up or down, per the stern piece?", "description"),
    ("Are prices rising or falling in Germany?", "description"),
    ("Is support for Ukraine waning?", "yesno"),
    ("Did the report from A or the article from B mention the deal?", "yesno"),
    # people and places the lexicon now names
    ("Which American scholar of Sudan objected to lifting the sanctions?", "person"),
    ("From which launch site did the cargo ship take off?", "place"),
    # the question is the last sentence, also when it opens on a preposition ("By what percentage ...?")
    ("Will Maas said money going to Dutch performers had dropped. By what percentage had it fallen?", "percent"),
    ("Don McLean released a Christmas album in December. When is his next album due out?", "date"),
    ("A reporter watched the lab test a sample. When the result came back a week later, how pure was it?",
     "description"),  # "When ..., how pure": a time that sets the scene, not a question about when
    ("Tsybulska says the first 1,000 arrived. Where does she get that information?", "description"),
    ("What does Daye charge in the UK for its test?", "money"),
    ("I'm thinking about buying the console. What does Engadget's review say it costs?", "money"),
    ("What does Russia pay North Korea with for its help?", "description"),  # the means, not an amount
    ("What was StarNews Mobile valued at?", "money"),
    ("How much a year could rightsholders lose to the US?", "money"),
    ("What was the attendance at Connor Bedard's NHL debut?", "count"),
    ("What was the high point of the show?", "description"),
])
def test_what_kind_of_answer_is_asked(question, answer_type):
    assert build_query(question).answer_type == answer_type


@pytest.mark.parametrize("question, speaker", [
    ("How did the Kremlin respond to Mark Rutte calling the deployment a dangerous expansion?", ("kremlin",)),
    ("What was Seoul's reaction to the deployment?", ("seoul",)),
    ("How did the company respond to the lawsuit?", ("company",)),
    ("How did the market react?", ()),  # a market says nothing
])
def test_a_reaction_asked_is_someone_s_words(question, speaker):
    assert build_query(question).speaker == speaker


def test_a_calendar_date_is_not_answered_by_a_weekday():
    assert asks_calendar_date("On what exact date did the United States warn Russia?")
    assert asks_calendar_date("Which day and month was it?")
    assert not asks_calendar_date("When did the United States warn Russia?")
    assert day_without_date("Monday") and day_without_date("last week") and day_without_date("yesterday")
    assert not day_without_date("October 28")


def test_ages_written_otherwise():
    assert [m.value for m in mentions("That's all in the last three months for King, who turns 80 in November.",
                                      "age")] == ["80"]
    assert mentions("He turned 30 yards upfield and the lead turned 2-0.", "age") == []
    sentence = "From the deck of his 106-year-old halibut schooner, skipper Wade Bassi has better insight."
    assert age_of_someone_else("What is the age of Wade Bassi?", sentence, sentence.index("106"))
    assert age_of_someone_else("How old is Jones?", "his 26-year-old mother of two", 4)
    assert not age_of_someone_else("How old is Jones's mother?", "his 26-year-old mother of two", 4)
    assert not age_of_someone_else("How old is Jones?", "Jones, a 45-year-old man from Texas, said so.", 9)


def test_a_duration_in_thousands():
    assert [m.value for m in mentions("As the war approaches its 1,000-day milestone, it could alter the conflict.",
                                      "duration")] == ["1,000-day"]


def test_names_with_accented_capitals():
    found = person_mentions("After more slapdash defending from Bayern, Éric Dina Ebimbe doubled their lead.")
    assert [m.value for m in found] == ["Éric Dina Ebimbe"]


@pytest.mark.parametrize("text, question, opening, referent", [
    # "Now they ...": a pronoun after an opening adverb refers back
    ("Millions of Ukrainians have left the country to escape the front. Now they are not only missing from the army, "
     "but also from the economy.", "The Ukrainians who fled, what are they missing from besides the army?", "Now",
     {"ukrainian", "front"}),
    # for an age, "he" anywhere in a sentence that names no one is whom the text before named
    ("As a kid in London, Eylon Levy dreamed about being a spokesman. Today, aged 32, that is exactly what he is "
     "doing.",
     "How old is Eylon Levy?", "Today", {"eylon", "levy"}),
])
def test_what_a_sentence_speaks_of_by_a_pronoun(asked, text, question, opening, referent):
    _, evidence = asked([("a", "Story", "Wire", text)], question)
    sentence = next(c for c in evidence.candidates if c.text.startswith(opening))
    assert referent <= sentence.context_terms


def test_a_city_is_not_answered_by_a_country_or_a_continent():
    from dataclasses import replace as with_

    import numpy as np

    from qa.answer.aggregate import aggregate
    from qa.answer.evidence import Candidate, Evidence
    from qa.ingest.entities import EntitySpan
    from qa.query import content_terms
    from qa.types import Chunk, Hit

    def sentence(text, *places):
        chunk = Chunk(chunk_id=text[:8], doc_id=text[:8], start=0, end=len(text), text=text, ordinal=0)
        terms = frozenset(content_terms(text))
        spans = [EntitySpan(text.index(p), text.index(p) + len(p), "GPE", p) for p in places]
        return with_(Candidate(doc_id=text[:8], chunk_id=text[:8], start=0, end=len(text), text=text,
                               vector=np.zeros(4, dtype=np.float32), hit_rank=0,
                               hit=Hit(chunk=chunk, title="t", score=1.0, source="Wire"), terms=terms,
                               chunk_terms=terms, dense=0.9, lexical=0.9), entities=spans)

    query = build_query("In which US city did Germany play Mexico in October?")
    trip = sentence("Germany played Mexico in America on the same trip in October.", "America")
    venue = sentence("Germany drew with Mexico in Philadelphia in October.", "Philadelphia")
    ranked = aggregate(query, Evidence(question=query, candidates=[trip, venue], idf={}, documents={}))
    assert [g.value for g in ranked] == ["Philadelphia"]


def test_units_of_measured_nouns():
    query = build_query("What was the morning low in Gwangju on Tuesday?")
    assert (query.unit_head, query.unit_class) == ("degrees", "temperature")
    assert build_query("What was the attendance at the final?").unit_head == "spectators"


def test_a_name_does_not_run_on_into_the_next_sentence():
    query = build_query("I'm thinking about buying Microsoft's Xbox One X. What does Engadget's review say it costs?")
    assert query.entities == ("Microsoft's Xbox One X", "Engadget")
    assert build_query("Who is J. K. Rowling?").entities == ("J. K. Rowling",)


@pytest.mark.parametrize("sentence, value", [
    ("AI21 Labs is leasing 7,000 square meters for NIS 15 million annually.", "NIS 15 million"),
    ("The C$20 billion transaction was the company's biggest deal ever.", "C$20 billion"),
    ("The studio paid 15 million shekels for the rights.", "15 million shekels"),
])
def test_currencies_written_as_codes_and_words(sentence, value):
    assert [m.value for m in mentions(sentence, "money")] == [value]


def test_how_often_and_how_long_are_no_dates():
    from qa.ingest.entities import EntitySpan
    sentence = "Less than a month before the war, AI21 Labs leased offices for NIS 15 million annually in May."
    entities = [EntitySpan(sentence.index(t), sentence.index(t) + len(t), "DATE", t)
                for t in ("Less than a month", "annually", "May")]
    assert [m.value for m in mentions(sentence, "date", entities=entities)] == ["May"]


def test_an_age_right_after_the_asked_name_gives_it_to_them():
    from qa.answer.quantities import age_of_the_asked
    sentence = "Before his address on Saturday, Yoon, 63, a former chief prosecutor, had not appeared."
    assert age_of_the_asked("How old is South Korean President Yoon Suk Yeol?", sentence, sentence.index(", 63"))
    assert not age_of_the_asked("How old is Han Lee?", "James Lee, 68, of Torrance, spoke.", 9)


def test_a_title_is_no_part_of_a_recognised_name():
    from qa.ingest.entities import EntitySpan
    sentence = "She is the target of a vendetta by her brother, Rogers Chair Edward Rogers, a letter says."
    entities = [EntitySpan(sentence.index("Rogers Chair"), sentence.index("Rogers Chair") + 12, "PERSON",
                           "Rogers Chair")]
    assert [m.value for m in mentions(sentence, "person", entities=entities)] == ["Edward Rogers"]


def test_where_was_someone_born_is_answered_after_the_verb():
    from qa.answer.mentions import introduced_by_terms, where_anchor
    terms, prepositions = where_anchor("Where was 'American Pie' singer Don McLean born?")
    assert terms == {"born"} and prepositions == {"in", "at"}
    sentence = "Speaking of the season, McLean — born in New Rochelle, New York — said the holidays matter."
    place = next(m for m in mentions(sentence, "place") if m.value == "New Rochelle")
    assert introduced_by_terms(sentence, place, terms, prepositions)
    assert where_anchor("Where are the soldiers?") == (frozenset(), frozenset())


def test_a_cause_on_account_of():
    from tests.unit.answer.test_blind_batch_four import _candidate
    from qa.answer.evidence import cue
    query = build_query('Why is Grace Mugabe nicknamed "Gucci Grace"?')
    assert cue(query, _candidate('Dubbed "Gucci Grace" on account of her love of shopping, she rose fast.')) == 1.0


def test_a_role_verb_after_an_apposition_is_the_person_s():
    from qa.answer import roles
    query = build_query("Who directs the University of Michigan lab whose algorithm makes 3-D printers faster?")
    office = roles.asked_office(query)
    sentence = ("“It anticipates the vibration,” said Chinedum Okwudire, an associate professor of mechanical "
                "engineering who directs U-M’s Smart and Sustainable Automation Research Lab.")
    name = next(m for m in person_mentions(sentence) if m.value == "Chinedum Okwudire")
    assert roles.binding(sentence, name, office) >= roles.TITLED


def test_a_negated_verb_sharing_a_stem_with_the_claim_denies_it():
    from qa.answer.verdict import Clause, _same_polarity
    from qa.query import content_terms
    claim = "Is The Epoch Times checked by the two big independent circulation auditors?"
    clause = Clause(text=claim, terms=tuple(content_terms(claim)))
    assert not _same_polarity(clause, "The Epoch Times isn't audited by the two major independent collectors of "
                                      "circulation data.")
    assert _same_polarity(clause, "The Epoch Times is audited by the two major independent auditors.")


def test_a_live_blog_time_stamp_is_no_amount():
    from qa.answer.quantities import find_figures
    assert [f.text for f in find_figures("04.25 Three people killed on AirAsia flight QZ8501 were holding hands.")] \
        == ["Three"]
    assert "12.50" in [f.text for f in find_figures("The index rose 12.50 Thursday.")]


def test_the_asker_s_emphasis_is_no_term():
    query = build_query("How many Russian and Ukrainian troops are in Kursk right now?")
    assert "right" not in query.terms
    query = build_query("remind me when ukraine's army crossed into kursk?")
    assert (query.answer_type, "remind" in query.terms) == ("date", False)


def test_a_demonym_counts_the_nation_s_people():
    from qa.answer.evidence import matching_figures
    from qa.answer.quantities import find_figures
    query = build_query("Last week, how many North Koreans were said to have already arrived around Kursk?")
    figures = find_figures("Officials said several thousand North Korean troops had already arrived in Kursk.")
    assert [f.text for f in matching_figures(query, figures)] == ["several thousand"]


def test_a_change_asked_by_how_much_is_no_amount_of_money():
    query = build_query("By how much did Star Entertainment's shares fall on the day it raised $565 million?")
    assert (query.answer_type, query.unit_class) == ("count", None)


def test_an_amount_the_question_writes_does_not_answer_it():
    from qa.answer.evidence import matching_figures
    from qa.answer.quantities import find_figures
    query = build_query("By how much did Star Entertainment's shares fall on the day it raised $565 million?")
    sentence = "Star's shares hit a low of 60¢ after it raised $565 million, and closed 16 per cent weaker."
    assert "565 million" not in [f.text for f in matching_figures(query, find_figures(sentence))]


def test_a_place_before_based_is_where_something_is_based():
    from qa.answer.mentions import introduced_by_terms
    from qa.ingest.entities import EntitySpan
    sentence = "One Portland, Maine-based startup is out to help address the problem."
    entities = [EntitySpan(4, 12, "GPE", "Portland")]
    place = next(m for m in mentions(sentence, "place", entities=entities) if m.value == "Portland")
    assert introduced_by_terms(sentence, place, frozenset({"bas", "startup"}), frozenset({"in"}))


def test_a_direction_refines_a_place():
    from qa.answer.mentions import refines, with_direction
    from qa.answer.mentions import Mention
    sentence = "About 10,000 North Korean troops are undergoing training in eastern Russia."
    found = with_direction(sentence, Mention("Russia", "russia", sentence.index("Russia"), len(sentence) - 1))
    assert (found.value, found.key) == ("eastern Russia", "eastern russia")
    assert refines("eastern Russia", "Russia") and not refines("Russia", "eastern Russia")
    assert not refines("New York", "York")


def test_what_was_the_exact_date_asks_a_date():
    assert build_query("What was the exact date of the first clash between the two forces?").answer_type == "date"


def test_a_time_named_by_no_calendar_word_is_no_date():
    from qa.ingest.entities import EntitySpan
    sentence = "It was their last home game of the season, played in November."
    entities = [EntitySpan(sentence.index("the season"), sentence.index("the season") + 10, "DATE", "the season"),
                EntitySpan(sentence.index("November"), sentence.index("November") + 8, "DATE", "November")]
    assert [m.value for m in mentions(sentence, "date", entities=entities)] == ["November"]


def test_a_request_to_explain_is_no_yes_no_question():
    assert build_query("Could you explain what worries NATO about Russia and North Korea working together?"
                       ).answer_type == "description"


def test_not_only_is_no_denial():
    from qa.answer.verdict import denied_terms
    assert "send" not in denied_terms("Its ally is not only sending it grenades, it is also giving it soldiers.")
    assert "send" in denied_terms("Its ally is not sending it grenades.")


def test_a_calendar_date_needs_its_day():
    assert day_without_date("2014") and day_without_date("August") and day_without_date("the weekend")
    assert not day_without_date("Aug. 11, 2014") and not day_without_date("2023-11-05")


def test_the_wire_of_a_dateline_answers_nothing():
    from dataclasses import replace as with_
    from qa.answer.aggregate import aggregate
    from qa.answer.evidence import Evidence
    from qa.ingest.entities import EntitySpan
    from tests.unit.answer.test_blind_batch_four import _candidate
    text = "LONDON (Reuters) - A healthcare worker was isolated at Glasgow's Gartnavel Hospital, officials said."
    entities = [EntitySpan(text.index("Reuters"), text.index("Reuters") + 7, "ORG", "Reuters"),
                EntitySpan(text.index("Gartnavel"), text.index("Gartnavel") + 18, "ORG", "Gartnavel Hospital")]
    query = build_query("Which Glasgow hospital isolated the health worker?")
    ranked = aggregate(query, Evidence(question=query, candidates=[with_(_candidate(text), entities=entities)],
                                       idf={}, documents={}))
    assert "Reuters" not in [g.value for g in ranked]


def test_a_negation_that_goes_on_to_say_what_did_happen_denies_no_stem():
    from qa.answer.verdict import _negated_verbs
    assert _negated_verbs("But it didn’t release the full model — only a “lite” version called Gemini Pro.") == set()
    assert _negated_verbs("The Epoch Times isn't audited by the two major collectors.") == {"audit"}


def test_an_amount_is_written_in_a_text_only_as_it_stands():
    from qa.answer.quantities import written_in
    assert written_in("$565 million", "By how much did it fall on the day it raised $565 million?")
    assert not written_in("565", "It raised $1,565 million.") and not written_in("1990", "Music of the 1990s")
