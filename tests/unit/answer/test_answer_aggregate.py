"""Typed candidates aggregated across articles: short answers, conflicts over any value, overviews."""

import pytest
from qa.settings import Settings
from qa.answer.aggregate import aggregate, is_conflict
from qa.answer.compose import compose_answer
from qa.answer.evidence import gather
from qa.answer.mentions import mentions
from qa.ingest.entities import EntitySpan
from qa.query import build_query

SUMMIT = [
    ("s1", "Summit venue", "Reuters",
     "The peace summit will be held in Geneva in March, diplomats said. Delegations from 40 countries are expected."),
    ("s2", "Talks planned", "AP",
     "Officials confirmed the peace summit will take place in Geneva next spring. The agenda is not yet public."),
    ("s3", "Summit plans", "DW",
     "The peace summit will be hosted in Vienna, according to a government spokesman. Security will be tight."),
    ("s4", "Markets", "Bloomberg", "Shares of Acme Corp rose 12% on Tuesday after strong quarterly results."),
]
TRIAL = [
    ("t1", "Trial opens", "The Verge",
     "The criminal trial of Sam Bankman-Fried, the founder of the crypto exchange FTX, began on Tuesday in New York."),
    ("t2", "Fraud case", "TechCrunch",
     "Prosecutors said Bankman-Fried committed fraud for personal gain, misusing customer funds at FTX."),
    ("t3", "Testimony", "Fortune",
     "A former colleague, Caroline Ellison, testified that she was told to hide the losses."),
]


def evidence_for(make_reader, articles, question):
    reader = make_reader(articles)
    query = build_query(question, sources=sorted({a[2] for a in articles if a[2]}))
    hits = reader.hits(question)
    return reader, query, gather(query, hits, reader, reader.embedder.embed([question])[0])


@pytest.mark.parametrize("answer_type, sentence, values", [
    ("person", "NATO Secretary General Mark Rutte said on Monday that troops were sent.", ["Mark Rutte"]),
    ("person", "Before his fall, Bankman-Fried made himself out to be a trustworthy founder.", ["Bankman-Fried"]),
    ("organisation", "Google paid billions to be the default search engine, the Justice Department said.",
     ["Google", "Justice Department"]),
    ("place", "The summit will be held in Geneva, officials in Switzerland said.", ["Geneva", "Switzerland"]),
    ("date", "The trial started on October 3, 2023 in New York.", ["October 3, 2023"]),
    ("percent", "Sales fell 12.5% in the quarter, after 3 percent a year earlier.", ["12.5%", "3 percent"]),
    ("money", "Google paid $26.3 billion in 2021.", ["$26.3 billion"]),
    ("age", "Musk, 52, hired a 45-year-old engineer.", ["52", "45"]),
    ("duration", "The trial lasted five weeks.", ["five weeks"]),
    ("distance", "The troops are 40 km from the border.", ["40 km"]),
])
def test_mentions_of_each_type(answer_type, sentence, values):
    assert [m.value for m in mentions(sentence, answer_type)] == values


def test_full_and_short_names_are_one_candidate_cited_by_each_article(make_reader):
    reader, query, ev = evidence_for(make_reader, TRIAL, "Who is the founder accused of fraud for personal gain at FTX?")
    ranked = aggregate(query, ev)
    assert ranked[0].value == "Sam Bankman-Fried" and set(ranked[0].documents) == {"t1", "t2"}
    settings = Settings(abstain_threshold=0.0)  # never abstain: aggregation is tested here
    comp = compose_answer(query.text, reader.hits(query.text), reader, reader.embedder, settings, info=query)
    assert comp.short_answer == "Sam Bankman-Fried" and comp.answer_type == "person"
    assert comp.answer.startswith("Sam Bankman-Fried [1][2]. ")
    assert comp.candidates[0].citations == (1, 2) and not comp.conflict


def test_disagreeing_sources_are_both_stated_with_who_said_it(make_reader):
    reader, query, ev = evidence_for(make_reader, SUMMIT, "Which city will host the peace summit?")
    assert query.answer_type == "place"
    ranked = aggregate(query, ev)
    assert [g.value for g in ranked[:2]] == ["Geneva", "Vienna"] and is_conflict(ranked)
    settings = Settings(abstain_threshold=0.0)  # never abstain: aggregation is tested here
    comp = compose_answer(query.text, reader.hits(query.text), reader, reader.embedder, settings, info=query)
    assert comp.conflict and comp.short_answer is None
    assert comp.answer.startswith("Sources disagree: Geneva [1][2] (2 articles: Reuters, AP); Vienna [3] (1 article: DW)")
    assert all(c.verified for c in comp.citations)


def test_summary_is_an_overview_of_several_articles_not_an_abstention(make_reader):
    reader, query, ev = evidence_for(make_reader, SUMMIT, "Summarize the articles.")
    settings = Settings(abstain_threshold=0.99)  # even a strict gate does not abstain on a summary
    comp = compose_answer(query.text, reader.hits(query.text), reader, reader.embedder, settings, info=query)
    assert not comp.abstained and comp.answer_type == "summary"
    assert len({c.doc_id for c in comp.citations}) >= 3


ELECTION = [
    ("e1", "Count ends", "Herald", "Maria Okafor won the Harbour City mayoral election with 52 percent of the vote."),
    ("e2", "New mayor", "City Wire", "Harbour City voters elected Maria Okafor as their new mayor on Tuesday."),
    ("e3", "Mayor sworn", "Metro", "Maria Okafor won the Harbour City mayoral election and takes office in January."),
    ("e4", "Recount", "Coast News",
     "Daniel Reyes won the Harbour City mayoral election after a recount, officials said."),
]


def test_one_article_against_three_is_still_a_disagreement_to_report(make_reader):
    reader, query, ev = evidence_for(make_reader, ELECTION, "Who won the Harbour City mayoral election?")
    ranked = aggregate(query, ev)
    assert [g.value for g in ranked[:2]] == ["Maria Okafor", "Daniel Reyes"]
    assert len(ranked[0].documents) >= 2 and is_conflict(ranked)


# --- a sentence naming two values states one of them
HOCKEY = [
    ("h1", "Cup final", "Hockey World", "Finland won the Continental Hockey Cup, beating Sweden 3-2 in overtime."),
    ("h2", "Champions", "Ice Report", "Sweden won the Continental Hockey Cup for the third time."),
    ("h3", "Tour", "Cycling Hub", "The Sierra Cycling Tour was won by Andres Montoya, with Pieter Claes second."),
]


@pytest.mark.parametrize("question, sentence, answer_type, aside", [
    ("Which country won the Continental Hockey Cup?",
     "Finland won the Continental Hockey Cup, beating Sweden 3-2 in overtime.", "place", {"sweden"}),
    ("Who won the Sierra Cycling Tour?",
     "The Sierra Cycling Tour was won by Andres Montoya, with Pieter Claes second.", "person", {"claes"}),
    ("Who won the Maple Ridge mayoral race?",
     "Priya Nair defeated councillor Tom Hegarty to become mayor of Maple Ridge.", "person", {"hegarty"}),
    ("Where will the European robotics conference take place?",
     "The European robotics conference will be in Lyon; last year's edition was held in Madrid.", "place", {"madrid"}),
    ("Where will the peace summit be held?", "The peace summit will be held in Geneva.", "place", set()),
])
def test_a_value_named_beside_the_stated_one_is_secondary(question, sentence, answer_type, aside):
    from qa.answer.aggregate import secondary_mentions
    query = build_query(question)
    found = mentions(sentence, answer_type)
    assert secondary_mentions(query, sentence, found) == aside


def test_a_loser_named_beside_the_winner_does_not_hide_the_disagreement(make_reader):
    """'Finland won, beating Sweden' states Finland: Sweden, stated by another article, is the other side, and each
    side is cited by the article that states it."""
    reader, query, ev = evidence_for(make_reader, HOCKEY, "Which country won the Continental Hockey Cup?")
    ranked = aggregate(query, ev)
    assert is_conflict(ranked, query)
    settings = Settings(abstain_threshold=0.0)
    comp = compose_answer(query.text, reader.hits(query.text), reader, reader.embedder, settings, info=query)
    assert comp.conflict
    sides = dict(part.split(" [", 1) for part in comp.answer.removeprefix("Sources disagree: ").split("; "))
    assert set(sides) == {"Finland", "Sweden"}
    cited = {c.n: c.doc_id for c in comp.citations}
    assert {cited[int(n)] for n in sides["Sweden"].split("]")[0].split("][")} == {"h2"}


def test_a_runner_up_in_the_winners_sentence_is_no_disagreement(make_reader):
    reader, query, ev = evidence_for(make_reader, HOCKEY, "Who won the Sierra Cycling Tour?")
    ranked = aggregate(query, ev)
    assert ranked[0].value == "Andres Montoya" and not is_conflict(ranked, query)


def test_the_other_side_must_name_what_the_question_names(make_reader):
    """A sentence about another race shares 'won' and 'race' but not the race's name: it is no side of the
    disagreement, though as relevant as the side that names the race."""
    articles = [
        ("r1", "Result", "Tarnow Gazette", "Challenger Rosa Delgado won the Tarnow county sheriff race by 312 votes."),
        ("r2", "Re-elected", "County Radio", "Incumbent Walt Brenner won the Tarnow county sheriff race, the clerk said."),
        ("r3", "Other race", "Valley News", "Priya Nair won the Maple Ridge mayoral race with 56 percent of the vote."),
    ]
    reader, query, ev = evidence_for(make_reader, articles, "Who won the Tarnow county sheriff race?")
    ranked = aggregate(query, ev)
    from qa.answer.aggregate import rival
    other = rival(ranked, query)
    assert other is not None
    assert {ranked[0].value.split()[-1], other.value.split()[-1]} == {"Delgado", "Brenner"}
    assert "Priya Nair" in [g.value for g in ranked]  # a candidate, but no side of the disagreement


def test_a_place_in_initials_before_a_plural_noun_is_an_adjective():
    import numpy as np

    from qa.answer.evidence import Candidate, Evidence
    from qa.query import content_terms
    from qa.types import Chunk, Hit

    def sentence(text, places):
        chunk = Chunk(chunk_id="r#0", doc_id="r", start=0, end=len(text), text=text)
        terms = frozenset(content_terms(text))
        spans = [EntitySpan(text.index(p), text.index(p) + len(p), "GPE", p) for p in places]
        return Candidate(doc_id="r", chunk_id="r#0", start=0, end=len(text), text=text,
                         vector=np.zeros(4, dtype=np.float32), hit_rank=0,
                         hit=Hit(chunk=chunk, title="Roundtable", score=1.0, source="Wire"), terms=terms,
                         chunk_terms=terms, dense=0.9, lexical=0.9, entities=spans)

    query = build_query("Where was the Caribbean Financial Access Roundtable held?")
    adjective = sentence("The Roundtable was held against the backdrop of de-risking by US banks.", ["US"])
    located = sentence("The Roundtable was held in Barbados, with US officials present.", ["Barbados", "US"])
    values = [g.value for g in aggregate(query, Evidence(question=query, candidates=[adjective, located], idf={},
                                                        documents={}))]
    assert values == ["Barbados"]


def test_places_the_recogniser_mistyped_are_places():
    from qa.answer.aggregate import mislabelled_places
    sentence = "Falke's new electronics plant is set to open in Ostrava."
    ents = [EntitySpan(48, 55, "ORG", "Ostrava")]
    assert [m.value for m in mislabelled_places(sentence, ents, [])] == ["Ostrava"]
    sentence = "Slovakia's Tomas Rehak finished fifth in the road race."
    assert [m.value for m in mislabelled_places(sentence, [EntitySpan(0, 8, "ORG", "Slovakia")], [])] == ["Slovakia"]
    sentence = "Quillbase signed a deal with Norvik Industries on Monday."  # an organisation where it is one
    assert mislabelled_places(sentence, [EntitySpan(29, 46, "ORG", "Norvik Industries")], []) == []
    # missed but for an adjective inside it, written where a place is
    sentence = "The dramatic incident took place in front of the Spanish Town Police Station in St Catherine."
    assert [m.value for m in mislabelled_places(sentence, [EntitySpan(49, 56, "NORP", "Spanish")], [])] == \
        ["Spanish Town Police Station"]
    sentence = "The Spanish Town Police Station said the incident was under review."  # no place is written there
    assert mislabelled_places(sentence, [EntitySpan(4, 11, "NORP", "Spanish")], []) == []


def test_one_figure_in_two_currencies_is_no_disagreement(make_reader):
    """'The 1.2-billion-yuan (US$171-million) telescope': the sentence states one cost, written twice; a
    sentence of the same article stating one of them again does not make the two disagree."""
    articles = [("n1", "Telescope", "Nature",
                 "The 1.2-billion-yuan (US$171-million) telescope took five years to build. "
                 "The telescope cost US$171-million, the observatory said.")]
    reader, query, ev = evidence_for(make_reader, articles, "How much did the telescope cost?")
    ranked = aggregate(query, ev)
    assert len(ranked) >= 2 and not is_conflict(ranked, query)


def test_a_place_named_only_beside_the_answer_is_passed_over_for_the_other_side(make_reader):
    """'in La Palma, in the Canary Islands' names one location twice over: the other side is Chile, from the
    article that says the observatory is elsewhere."""
    articles = [
        ("o1", "Visiting", "Travel Stargazer",
         "The Astera Observatory sits on a mountain in La Palma, in the Canary Islands."),
        ("o2", "Observatory", "Astronomy Now", "The Astera Observatory is located in the desert of Chile."),
    ]
    reader, query, ev = evidence_for(make_reader, articles, "Where is the Astera Observatory located?")
    ranked = aggregate(query, ev)
    from qa.answer.aggregate import rival
    other = rival(ranked, query)
    assert other is not None and {ranked[0].value, other.value} in ({"La Palma", "Chile"}, {"Canary Islands", "Chile"})


@pytest.mark.parametrize("answer_type, a, b", [
    ("money", "Solna paid $2.1bn for Breeze.", "The deal cost $2.1 billion in cash."),
    ("money", "Orrin paid $300m for Crumb.", "Crumb was sold for $300 million."),
    ("date", "The terminal will open on 14 June.", "The terminal opens June 14, officials said."),
])
def test_one_value_written_two_ways_is_one_candidate(answer_type, a, b):
    from qa.answer.aggregate import group_key
    (first,), (second,) = mentions(a, answer_type), mentions(b, answer_type)
    assert group_key(first) == group_key(second)


def test_different_amounts_stay_apart():
    from qa.answer.aggregate import group_key
    (first,), (second,) = mentions("It paid $2.1bn.", "money"), mentions("It paid $1.6 billion.", "money")
    assert group_key(first) != group_key(second)


def test_a_demonym_states_the_country_asked_for():
    from qa.answer.aggregate import countries_by_demonym
    query = build_query("Which country does the cyclist Nuno Alves ride for?")
    found = countries_by_demonym(query, "Portuguese cyclist Nuno Alves won the mountain stage.", [])
    assert [(m.value, m.key) for m in found] == [("Portugal", "portugal")]
    other = build_query("Where did Nuno Alves win the stage?")  # not a question about a country
    assert countries_by_demonym(other, "Portuguese cyclist Nuno Alves won the mountain stage.", []) == []


def test_a_preferred_title_does_not_hide_a_disagreement(make_reader):
    """Both articles name a mayor of Westhaven, in two wordings: whichever the title preference favours, the other
    article's mayor is still the other side."""
    articles = [
        ("w1", "Bus plan", "Westhaven News", "Westhaven mayor Clara Diaz announced a new bus plan."),
        ("w2", "Council", "Regional Politics", "Mayor Peter Olsen of Westhaven opened the council session."),
    ]
    reader, query, ev = evidence_for(make_reader, articles, "Who is the mayor of Westhaven?")
    ranked = aggregate(query, ev)
    assert {g.value for g in ranked[:2]} == {"Clara Diaz", "Peter Olsen"} and is_conflict(ranked, query)


def test_a_question_asking_the_year_is_answered_by_a_year_only(make_reader):
    text = ("Garth Brooks and Trisha Yearwood have been candid about their nearly 20-year union. "
            "The two married in 2005 in Oklahoma.")
    reader = make_reader([("y1", "Country couple", None, text)])
    dates = ["20-year union", "2005"]  # what the recogniser stores: it labels the length of the union DATE too

    def within(doc_id, start, end):
        spans = [EntitySpan(text.index(d), text.index(d) + len(d), "DATE", d) for d in dates]
        return [e for e in spans if start <= e.start < end]

    reader.entities_within = within
    question = "In what year did Brooks and Yearwood marry?"
    query = build_query(question)
    evidence = gather(query, reader.hits(question), reader, reader.embedder.embed([question])[0])
    assert [g.value for g in aggregate(query, evidence)] == ["2005"]


def test_a_name_the_question_writes_as_its_initials_is_no_answer(make_reader):
    text = "The auction of the Indian Premier League 2024 is set to take place in Dubai, where Kolkata Knight Riders " \
           "bought Mitchell Starc."
    reader = make_reader([("i1", "Auction", None, text)])
    names = ["Indian Premier League", "Kolkata Knight Riders"]  # what the recogniser stores: organisations

    def within(doc_id, start, end):
        return [EntitySpan(text.index(n), text.index(n) + len(n), "ORG", n) for n in names]

    reader.entities_within = within
    question = "Which team bought Mitchell Starc at the IPL auction?"
    query = build_query(question)
    evidence = gather(query, reader.hits(question), reader, reader.embedder.embed([question])[0])
    assert [g.value for g in aggregate(query, evidence)] == ["Kolkata Knight Riders"]
