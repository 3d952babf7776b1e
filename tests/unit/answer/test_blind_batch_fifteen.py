"""Wordings and sentences from the fifteenth blind batch (eval/datasets/kursk_more13 and pages_more15, first read in
session 16): a yes/no question after a scene that quotes its own question or denies what is asked, a polite request
("Could you name ...?"), a name asked by its spelling, "which two regions", a flight time and a yearly budget, the
other spelling of a word, a figure spelt out, a person described (not named) with their age, a move of the other
way or of another index, and an outcome word that describes another noun. Pure but for the evidence tests, which
gather from an in-memory index."""

from __future__ import annotations

import pytest

from qa.query import build_query, spelling_variants


@pytest.mark.parametrize("question, answer_type", [
    ("A wall panel will list the gear Russia could give Kim's infantry. Could you name one or two of the items the "
     "commentary mentions?", "description"),
    ("Could you tell me whether Kyodo reported 2,000?", "yesno"),
    ("If Yahoo walked away from the Verizon deal, how much would it have to pay Verizon?", "money"),
    ("Talking-point check before the meeting: may the ambassador say that Russian forces had already cut off the "
     "northernmost part of the incursion?", "yesno"),
    ("I'm subtitling a documentary. How is that agency's name spelled?", "organisation"),
    ("What is the minister's name?", "person"),
    ("How do you spell the name of the Japanese news agency?", "organisation"),
    ("Which two regions does the coverage say face a security threat?", "list"),
    ("What flight time do the reports give?", "duration"),
    ("What is North Korea's yearly defence budget, according to the coverage?", "money"),
])
def test_the_question_proper_types_the_answer(question, answer_type):
    assert build_query(question).answer_type == answer_type


def test_a_yes_no_claim_is_the_question_s_own_not_its_scene_s():
    scene = ("Negation trap I'm testing: 'It's not true that Russia has waged a war of attrition since 2023, right?' "
             "Plainly, does the Stern piece say Russia has pursued that strategy since 2023?")
    query = build_query(scene, sources=["Stern"])
    assert query.answer_type == "yesno"
    assert all("not true" not in c for c in query.clauses)
    # a question that only points back at its scene keeps the scene's claim
    pointing = build_query("My guest will argue that the soldiers learn modern war. Does the Stern piece back that up?",
                           sources=["Stern"])
    assert any("modern war" in c for c in pointing.clauses)


def test_the_lexical_search_looks_for_a_word_s_other_spelling():
    assert "mobilizing" in spelling_variants("mobilising")
    query = build_query("Does the Stern commentary say that Putin is mobilising men inside Russia?")
    assert "mobilizing" in query.analysis.lexical_terms


def test_a_figure_spelt_out_is_searched_as_its_digits():
    query = build_query("Which wire service had two thousand troops going west?")
    assert "2000" in query.terms and "thousand" not in query.terms


def test_a_person_described_with_their_age_is_the_one_named_before():
    from qa.answer.evidence import described_with_age, named_referent

    sentence = "The former “Dawson’s Creek” star, 42, was voted off the popular dance competition on Monday."
    before = "James Van Der Beek has been eliminated from “Dancing with the Stars.” "
    assert described_with_age(sentence, sentence.index(", 42"))
    assert "Van Der Beek" in (named_referent(sentence, before) or "")
    assert not described_with_age("The star, who is 42, left.", 8)


def test_an_age_of_someone_described_binds_the_answer(asked):
    from qa.answer.aggregate import age_bound, aggregate

    articles = [("f", "Van Der Beek eliminated", "Fox News",
                 "James Van Der Beek has been eliminated from the dance competition. The former television star, 42, "
                 "was voted off on Monday in a tight race against singer Ally Brooke, 26, after two dances.")]
    query, evidence = asked(articles, "How old is James Van Der Beek?")
    ranked = aggregate(query, evidence)
    (group,) = [g for g in ranked if g.value == "42"]
    assert age_bound(group, query)


@pytest.mark.parametrize("question, way", [
    ("By how much did Hong Kong's Hang Seng index drop?", -1),
    ("How much did sales grow last year?", 1),
    ("How much did the index move?", 0),
    ("Who founded the company?", 0),
])
def test_the_way_a_change_question_asks(question, way):
    from qa.answer.aggregate import asked_way_of

    assert asked_way_of(question) == way


def test_a_move_the_other_way_or_of_another_index_does_not_answer(asked):
    from qa.answer.extractive import reported_figures

    articles = [("c", "Asian markets mixed", "CNN",
                 "Japan's Nikkei 225 declined 0.3%, while South Korea's Kospi fell 0.5%. "
                 "Hong Kong's Hang Seng started in the red, but was last trading up about 1%.")]
    _, evidence = asked(articles, "How much did the Kospi fall?")
    assert [r.figure.low for r in reported_figures(evidence)][:1] == [0.5]
    _, evidence = asked(articles, "By how much did Hong Kong's Hang Seng index drop?")
    assert reported_figures(evidence) == []


@pytest.mark.parametrize("question, describes", [
    ("How many doses of flu vaccine were the doctors offering to detained migrants?", True),
    ("How many protesters were detained?", False),
    ("How many wounded soldiers were evacuated?", False),
    ("In a UK study, how much lower was the death risk for people living a Mediterranean lifestyle?", False),
])
def test_an_outcome_word_before_another_noun_is_no_outcome_counted(question, describes):
    from qa.answer.extractive import _describes_another_noun, outcome_terms

    query = build_query(question)
    assert any(_describes_another_noun(query, t) for t in outcome_terms(query.terms)) is describes


def test_a_body_introduced_as_the_asked_entity_s_own_is_not_someone_else():
    from qa.answer.aggregate import _introduced_as_theirs

    document = ("South Korea’s Ministry of Trade, Industry and Energy (MOTIE) has unveiled a plan. Priorities "
                "identified by MOTIE include a reduction in solar module costs to $0.10 by 2030.")
    assert _introduced_as_theirs("MOTIE", ["South Korea"], document)
    assert not _introduced_as_theirs("MOTIE", ["Japan"], document)


def test_the_reason_the_next_sentence_gives_is_quoted(asked):
    from qa.answer.extractive import sentence_answer

    articles = [("s", "Practice near Kursk", "Stern",
                 "This area has already been largely cut off by the Russians. Instead of clearing the zone, the "
                 "Russians have been holding out for several days. The assumption is that they are creating a "
                 "training zone for the allies here.")]
    _, evidence = asked(articles, "Why have the Russians held out for days instead of clearing the cut-off zone?")
    assert "training zone" in sentence_answer(evidence).text


def test_a_figure_of_us_troops_counts_troops_of_the_united_states():
    from qa.answer.quantities import find_figures
    from qa.query import nation_named

    (figure,) = find_figures("Roughly 13,000 US troops remain in Afghanistan.")[:1]
    assert (figure.head, figure.nationality) == ("troops", "united states")
    assert nation_named("tell us more") is None


def test_an_outcome_in_a_clause_about_a_thing_is_not_what_befell_those_counted():
    from qa.answer.extractive import _describes_another_noun

    query = build_query("Roughly how many US troops are still in Afghanistan, according to the report on the "
                        "helicopter crash that killed two service members?")
    assert _describes_another_noun(query, "kill")
    assert not _describes_another_noun(build_query("How many troops were killed in the crash?"), "kill")


@pytest.mark.parametrize("question, source", [
    ("How many protesters does Amnesty International say were killed in Iran's unrest?", {"amnesty", "international"}),
    ("By PolitiFact's estimate, what is the value of drugs seized each week?", {"politifact"}),
    ("How many protesters were killed in Iran's unrest?", set()),
])
def test_whose_figure_a_question_asks(question, source):
    from qa.answer.extractive import _figure_source

    assert _figure_source(question) == source


def test_the_figure_of_the_source_asked_is_given(asked):
    from qa.answer.extractive import reported_figures

    # the headline's figure matches the question best; Amnesty's, less relevant, is heard because the question asks it
    articles = [("p", "Iran unrest", "PanARMENIAN",
                 "More than 100 protesters were killed in Iran's unrest, reports say. Security forces crushed the "
                 "protests. At least 106 protesters have been killed in the unrest, according to Amnesty.")]
    _, evidence = asked(articles, "How many protesters does Amnesty say were killed in Iran's unrest?")
    assert [r.figure.low for r in reported_figures(evidence)][:1] == [106]
    _, evidence = asked(articles, "How many protesters were killed in Iran's unrest?")
    assert 106 not in [r.figure.low for r in reported_figures(evidence)]
