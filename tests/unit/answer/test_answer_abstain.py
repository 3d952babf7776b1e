"""The abstention model: shipped as data, its features, and the decision boundary override."""

from qa.settings import Settings
from qa.answer.abstain import FEATURES, features, load_model, probability
from qa.answer.compose import candidate_support, compose_answer
from qa.answer.evidence import gather
from qa.query import build_query


def evidence_for(reader, question):
    query = build_query(question)
    return reader, query, gather(query, reader.hits(question), reader, reader.embedder.embed([question])[0])


def test_the_model_ships_with_its_provenance():
    model = load_model()
    assert set(model["weights"]) == set(FEATURES)
    assert "fitted_on" in model and "fitted_at" in model


def test_probability_rises_with_support():
    low = {f: 0.0 for f in FEATURES}
    high = {**low, "relevance": 0.9, "clauses": 0.9, "entities": 1.0, "rare": 1.0, "dense": 0.8, "candidate": 1.0}
    assert probability(high) > probability(low)


def test_a_leader_given_the_asked_office_is_answered_at_the_boundary():
    weak = {f: 0.0 for f in FEATURES}
    assert probability(weak) < 0.5
    assert probability({**weak, "bound": 0.5}) == 0.5  # "His communications director, Tricia McLaughlin"
    assert probability({**weak, "bound": 1.0}) == 0.5  # "Bloomberg Economics chief economist Tom Orlik"
    assert probability({**weak, "bound": 0.25}) < 0.5  # the title without the question's own modifier: no floor
    strong = {**weak, "relevance": 0.9, "clauses": 0.9, "entities": 1.0, "rare": 1.0, "dense": 0.8}
    assert probability({**strong, "bound": 1.0}) == probability(strong)  # a floor, never a cap


def test_features_see_a_named_entity_the_passages_lack(reader):
    _, query, ev = evidence_for(reader, "How many soldiers did Kim Jong Un send to Kursk?")
    assert features(ev, candidate_support(query, ev))["entities"] < 1.0
    _, query, ev = evidence_for(reader, "How many soldiers did the Pentagon say were sent?")
    values = features(ev, candidate_support(query, ev))
    assert values["entities"] == 1.0 and values["typed_missing"] == 0.0 and values["candidate"] > 0


def test_a_question_for_a_value_with_none_in_the_evidence_is_flagged(reader):
    _, query, ev = evidence_for(reader, "How old is the Pentagon spokesman?")
    assert query.answer_type == "age"
    values = features(ev, candidate_support(query, ev))
    assert values["typed_missing"] == 1.0
    # the sentences still relate to the question, whatever they hold: a wrongly typed question keeps that
    assert values["relevance_any"] > 0.0 and values["relevance_any"] >= values["relevance"]


def test_threshold_overrides_the_boundary(reader):
    reader, query, _ = evidence_for(reader, "How many soldiers did the Pentagon say were sent?")
    hits = reader.hits(query.text)
    never = Settings(abstain_threshold=0.0)
    always = Settings(abstain_threshold=1.0)
    assert not compose_answer(query.text, hits, reader, reader.embedder, never, info=query).abstained
    gated = compose_answer(query.text, hits, reader, reader.embedder, always, info=query)
    assert gated.abstained and gated.citations == [] and 0.0 <= gated.support <= 1.0


def test_rare_terms_spread_over_unrelated_passages_are_not_covered_by_one(reader):
    # Rutte is named in one article, Umerov in another: together the passages hold both names, no
    # single passage does
    _, query, ev = evidence_for(reader, "What did Rutte tell Umerov?")
    values = features(ev, candidate_support(query, ev))
    assert values["rare"] == 1.0
    assert values["rare_passage"] < 1.0
    _, query, ev = evidence_for(reader, "What did Rutte confirm about Kursk?")
    assert features(ev, candidate_support(query, ev))["rare_passage"] == 1.0


def test_an_entity_written_another_way_counts_by_its_words():
    from qa.answer.abstain import entity_found

    text = "barry napier, ceo of cubic telecom, said the deal closed. openai updated its preparedness framework."
    assert entity_found("Cubic Telecom's CEO", text) == 1.0
    assert entity_found("OpenAI's Preparedness Framework", text) == 1.0
    assert entity_found("Kim Jong Un", text) == 0.0
    assert entity_found("Cubic Broadband", text) == 0.5
    # a nation written by its demonym in one and its name in the other is found
    assert entity_found("Barbadian", "barbados continues to deal with a surge in covid-19 cases.") == 1.0
    assert entity_found("Ukrainian", "ukraine's security council said") == 1.0
    assert entity_found("The Times of India", "indian designers said") == 0.0  # a word of a longer name: as before
    assert entity_found("Barbadian", "the ministry of education said") == 0.0


def test_a_quarter_the_passages_do_not_cover_is_unanswerable_whatever_the_model_says():
    from qa.answer.abstain import period_conflict, quarters

    assert quarters("Uber's fourth-quarter revenue and Q3 profit, 2Q guidance") == {4, 3, 2}
    assert quarters("the quarterback threw in the quarter-finals") == set()
    q3 = "uber's revenue rose 11% in the third quarter to $9.3 billion; q3 bookings grew."
    assert period_conflict("What was Uber's fourth-quarter revenue?", q3)
    assert not period_conflict("What revenue did Uber report for the third quarter?", q3)
    assert not period_conflict("What was Uber's fourth-quarter revenue?", "uber's revenue rose 11%.")
    assert not period_conflict("What was Uber's revenue?", q3)
    sure = {f: 1.0 for f in FEATURES}
    assert probability(sure) > 0.5 and probability({**sure, "period_conflict": 1.0}) == 0.0



def test_the_focus_of_a_question_is_what_it_asks_of_the_entities_it_names():
    from qa.answer.abstain import focus_terms

    assert focus_terms(build_query("How many spectators attended Tottenham's 2-1 home defeat to West Ham?")) == [
        "spectator", "attend", "home", "defeat"]
    assert focus_terms(build_query("Who voices Astarion in Baldur's Gate 3?")) == ["voice"]
    # the noun naming the kind of answer is not asked of anyone: "city" is the answer's kind
    assert focus_terms(build_query("Which city did Travis Kelce fly to in November?")) == ["fly", "november"]


def test_a_value_whose_sentences_miss_what_is_asked_is_off_focus(reader):
    asked = "How many North Korean soldiers did the Pentagon say were sent to train in eastern Russia?"
    _, query, ev = evidence_for(reader, asked)
    stated = features(ev, candidate_support(query, ev))
    assert stated["focus"] == stated["focus_value"] == 1.0
    # the same entities and a figure of the asked unit, but no sentence says anyone was wounded
    _, query, ev = evidence_for(reader, "How many North Korean soldiers did the Pentagon say were wounded?")
    near_miss = features(ev, candidate_support(query, ev))
    assert near_miss["entities"] == 1.0 and near_miss["candidate"] > 0
    assert near_miss["focus_value"] < 0.5 and near_miss["focus"] < 0.5


def test_nothing_is_off_focus_without_a_typed_value_or_focus_terms(reader):
    _, query, ev = evidence_for(reader, "Why could the North Korean soldiers change the front?")
    assert candidate_support(query, ev) is None
    assert features(ev, None)["focus_value"] == 1.0
    _, query, ev = evidence_for(reader, "Who is Mark Rutte?")
    assert features(ev, candidate_support(query, ev))["focus"] == 1.0


def test_features_read_the_values_already_ranked_as_they_would_rank_them(reader):
    # compose passes the values it ranked for the support, so the evidence is aggregated once per question
    from qa.answer.compose import ranked_values

    _, query, ev = evidence_for(reader, "Which official said the North Korean troops were heading to Kursk?")
    support, ranked = ranked_values(query, ev)
    assert ranked and support == ranked[0].support == candidate_support(query, ev)
    assert features(ev, support, ranked) == features(ev, support)


def test_a_place_written_after_the_questions_own_words_is_bound(asked):
    # "In which town was Vincent born?" -- "Born in Alice Springs in 1983, Vincent ...": the place follows the
    # question's verb and preposition, as a holder follows the asked office; the abstention floor reads it so
    from qa.answer.compose import ranked_values

    articles = [("v1", "Vincent's story", None, "Born in Alice Springs in 1983, Vincent was moved to Perth with his "
                                                "sister and placed in foster care.")]
    query, ev = asked(articles, "In which town was Vincent born?")
    support, ranked = ranked_values(query, ev)
    assert ranked[0].value == "Alice Springs" and ranked[0].introduced
    assert features(ev, support, ranked)["bound"] == 1.0
    query, ev = asked(articles, "Which city did Vincent move to?")  # no preposition of its own: no binding
    support, ranked = ranked_values(query, ev)
    assert features(ev, support, ranked)["bound"] == 0.0
