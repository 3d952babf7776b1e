"""The learned order over candidate values (qa/answer/ranker.py): features, the shipped model, its use."""

import json

from qa.answer import ranker
from qa.answer.aggregate import aggregate, typed_answer
from qa.answer.ranker import FEATURES, MODEL_FILE, features, order
from qa.query import build_query
from qa.answer.evidence import gather

FESTIVAL = [
    ("f1", "Festival venue", "Reuters",
     "The film festival will be held in Berlin in June, organisers said. Jurors from 30 countries are expected."),
    ("f2", "Festival plans", "AP",
     "Organisers confirmed the film festival will take place in Berlin next summer. The programme is not yet public."),
    ("f3", "Festival move", "DW",
     "The film festival will be hosted in Madrid, according to a government spokesman. Tickets go on sale soon."),
]
# the question's own words ("game director") stand right by one name; the other is named more often, in
# sentences that say other things of it
STUDIO = [
    ("g1", "Season update", "Polygon",
     "Game director Joe Shely and associate game director Joe Piepiora sat down with reporters on Tuesday."),
    ("g2", "Patch notes", "PC Gamer",
     "Joe Shely will have help: the game's new season was announced by Mike Ybarra, with a director's cut."),
    ("g3", "Roadmap", "IGN", "Joe Shely and Mike Ybarra said the game's director had planned a roadmap for next year."),
]


def _evidence(make_reader, articles, question):
    reader = make_reader(articles)
    query = build_query(question, sources=sorted({a[2] for a in articles}))
    return query, gather(query, reader.hits(question), reader, reader.embedder.embed([question])[0])


def test_the_shipped_model_weighs_every_feature_and_says_what_it_was_fitted_on():
    model = json.loads(MODEL_FILE.read_text())
    assert set(model["weights"]) == set(FEATURES)
    assert model["date"] and len(model["fitted_on"]) >= 5
    # fitted without each set, the model puts the right value first at least as often as the support order
    for entry in model["fitted_on"]:
        assert entry["first_right_model_held_out"] >= entry["first_right_support_order"] - 1, entry["name"]


def test_features_are_shares_and_flags_of_each_candidate(make_reader):
    query, ev = _evidence(make_reader, STUDIO, "Who is the game director of the game?")
    groups = aggregate(query, ev)
    values = features(groups, query, ev)
    assert len(values) == len(groups) >= 2 and all(set(v) == set(FEATURES) for v in values)
    for v in values:
        for name in ("support", "stated", "near", "aside", "discounted", "in_question", "relevance"):
            assert 0.0 <= v[name] <= 1.0 + 1e-9, name
    by_value = dict(zip((g.value for g in groups), values))
    # "Game director Joe Shely": the question's words stand right by the name
    assert by_value["Joe Shely"]["near"] > by_value["Mike Ybarra"]["near"]


def test_the_order_follows_the_model_and_keeps_the_support_order_without_one(make_reader):
    query, ev = _evidence(make_reader, STUDIO, "Who is the game director of the game?")
    groups = aggregate(query, ev)
    assert order(groups, query, ev, model={}) == groups
    assert order(groups, query, ev, model={"weights": {"near": 1.0}})[0].value == "Joe Shely"
    assert order(groups, query, ev, model={"weights": {"near": -1.0}})[0].value == "Mike Ybarra"


def test_one_answer_is_the_learned_orders_first(make_reader, monkeypatch):
    query, ev = _evidence(make_reader, STUDIO, "Who is the game director of the game?")
    monkeypatch.setattr(ranker, "load_model", lambda *a, **k: {"weights": {"near": -1.0}})
    draft = typed_answer(query, ev)
    assert draft.short_answer not in (None, "Joe Shely") and not draft.conflict
    monkeypatch.setattr(ranker, "load_model", lambda *a, **k: {"weights": {"near": 1.0}})
    draft = typed_answer(query, ev)
    assert draft.short_answer == "Joe Shely" and "Game director Joe Shely" in draft.text


def test_a_disagreement_is_judged_on_support_whatever_the_order(make_reader, monkeypatch):
    # two articles say Berlin, one says Madrid: a model that would put Madrid first changes no side of it
    query, ev = _evidence(make_reader, FESTIVAL, "Which city will host the film festival?")
    for weights in ({"articles": 1.0}, {"articles": -1.0}):
        monkeypatch.setattr(ranker, "load_model", lambda *a, w=weights, **k: {"weights": w})
        draft = typed_answer(query, ev)
        assert draft.conflict and draft.text.startswith("Sources disagree: Berlin")
