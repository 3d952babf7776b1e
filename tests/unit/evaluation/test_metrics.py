"""Hand-made cases for every eval metric (pure functions, no models)."""

from __future__ import annotations

import pytest

from qa.evaluation import metrics as m

Q1 = "North Korea sent about 10,000 troops to Russia."
Q2 = "The Pentagon said they would train in eastern Russia."


# --- retrieval -------------------------------------------------------------------------------

def test_no_evidence_gives_no_retrieval_scores():
    assert m.retrieval_scores(["anything"], []) is None
    assert m.retrieval_scores(["anything"], ["   "]) is None


def test_whitespace_insensitive_substring_match():
    chunk = "Intro.  North Korea sent\nabout 10,000\ttroops to   Russia. More text."
    found = m.facts_in_passages([chunk, "unrelated"], [Q1])
    assert found == [{0}, set()]


def test_partial_quote_is_not_a_hit():
    assert m.facts_in_passages(["North Korea sent about 10,000 troops"], [Q1]) == [set()]


def test_hits_mrr_at_k():
    passages = ["noise a", "noise b", "x " + Q2, "noise c", Q1]
    s = m.retrieval_scores(passages, [Q1, Q2], k_values=(2, 4, 10))
    assert s["hits@2"] == 0 and s["mrr@2"] == 0
    assert s["hits@4"] == 1 and s["mrr@4"] == pytest.approx(1 / 3)
    assert s["hits@10"] == 1 and s["mrr@10"] == pytest.approx(1 / 3)
    # one of two facts by rank 4, both by rank 5
    assert s["fact_recall@4"] == 0.5 and s["all_facts@4"] == 0
    assert s["fact_recall@10"] == 1.0 and s["all_facts@10"] == 1


def test_map_follows_multihop_rag_definition():
    # facts first found at ranks 1 and 3: (1/1 + 1/3) / min(2, 10)
    s = m.retrieval_scores([Q1, "noise", Q2, Q1], [Q1, Q2], k_values=(10,))
    assert s["map@10"] == pytest.approx((1 + 1 / 3) / 2)
    # a chunk holding two new facts counts both at its rank: 2/1 / 2
    s = m.retrieval_scores([Q1 + " " + Q2], [Q1, Q2], k_values=(10,))
    assert s["map@10"] == pytest.approx(1.0)
    # the denominator is capped at k: 3 facts, k=2, one found at rank 2 -> (1/2) / 2
    s = m.retrieval_scores(["noise", Q1], [Q1, Q2, "a third fact"], k_values=(2,))
    assert s["map@2"] == pytest.approx(0.25)


def test_map_matches_reference_implementation_on_random_cases():
    """Our MAP@10/Hits/MRR equal a transcription of MultiHop-RAG's calculate_metrics loop."""
    import random

    def reference(retrieved, gold):
        gold = [g.replace(" ", "").replace("\n", "") for g in gold]
        retrieved = [r.replace(" ", "").replace("\n", "") for r in retrieved]
        ap, first, found, h4, h10 = 0.0, None, [], False, False
        for rank, item in enumerate(retrieved[:11], start=1):
            if any(g in item for g in gold) and rank <= 10:
                h10 = True
                first = first or rank
                h4 = h4 or rank <= 4
                count = 0
                for g in gold:
                    if g in item and g not in found:
                        count += 1
                        found.append(g)
                ap += count / rank
        return h4, h10, ap / min(len(gold), 10), (1 / first if first else 0)

    rng = random.Random(7)
    facts = [f"fact number {i} here" for i in range(6)]
    for _ in range(200):
        gold = rng.sample(facts, rng.randint(1, 4))
        passages = [" ".join(rng.sample(facts + ["noise"] * 6, rng.randint(1, 3))) for _ in range(rng.randint(0, 12))]
        h4, h10, ap, rr = reference(passages, gold)
        s = m.retrieval_scores(passages, gold)
        assert (s["hits@4"], s["hits@10"]) == (float(h4), float(h10))
        assert s["map@10"] == pytest.approx(ap) and s["mrr@10"] == pytest.approx(rr)


def test_fewer_passages_than_k():
    s = m.retrieval_scores([Q1], [Q1, Q2], k_values=(4,))
    assert s == {"hits@4": 1.0, "mrr@4": 1.0, "map@4": 0.5, "fact_recall@4": 0.5, "all_facts@4": 0.0}
    s = m.retrieval_scores([], [Q1], k_values=(4,))
    assert s["hits@4"] == 0 and s["mrr@4"] == 0 and s["fact_recall@4"] == 0


def test_bad_k():
    with pytest.raises(ValueError):
        m.retrieval_scores(["x"], ["x"], k_values=(0,))


# --- answers ---------------------------------------------------------------------------------

@pytest.mark.parametrize("prediction, gold, expected", [
    ("Pyongyang sent 10,000 soldiers [1].", "10000", True),
    ("Pyongyang sent 10000 soldiers.", "10,000", True),
    ("about 1,000,000 people", "1000000", True),
    ("growth of 1.5 percent", "1.5", True),
    ("growth of 1.5%", "1.5 percent", True),
    ("growth of 15 percent", "1.5", False),           # the decimal point stays
    ("they sent 100 troops", "10", False),             # whole words only
    ("Zelenskyy’s office said", "Zelenskyy's", True),  # typographic apostrophe
    ("SAM BANKMAN-FRIED was convicted", "Sam Bankman-Fried", True),
    ("the answer is [1] yes", "1", False),              # citation markers are not answer text
    ("anything", "", False),
])
def test_contains_answer(prediction, gold, expected):
    assert m.contains_answer(prediction, gold) is expected


def test_answer_correct_any_accepted_answer():
    assert m.answer_correct("Kyiv said 11,000 [2].", ["10,000", "11,000"]) is True
    assert m.answer_correct("Kyiv said 12,000.", ["10,000", "11,000"]) is False


def test_answer_correct_with_answer_parts():
    parts = [["10,000", "ten thousand"], ["Pentagon", "US Department of Defense"]]
    assert m.answer_correct("The Pentagon said 10000 [1].", [], parts) is True
    assert m.answer_correct("The US Department of Defense said ten thousand.", [], parts) is True
    assert m.answer_correct("The Pentagon said 8,000.", [], parts) is False  # one part missing
    # answer_parts take precedence over answers
    assert m.answer_correct("10,000", ["10,000"], parts) is False


def test_answer_correct_null_question_is_not_applicable():
    assert m.answer_correct("anything", []) is None
    assert m.answer_correct("anything", [], [[]]) is None


def test_token_f1():
    assert m.token_f1("Sam Bankman-Fried", ["Sam Bankman-Fried"]) == 1.0
    # prediction: sam bankman fried was convicted (5), gold: sam bankman fried (3) -> p=3/5 r=1
    assert m.token_f1("Sam Bankman-Fried was convicted.", ["Sam Bankman-Fried"]) == pytest.approx(0.75)
    assert m.token_f1("The Verge", ["Verge"]) == 1.0  # articles dropped
    assert m.token_f1("nothing in common", ["Sam"]) == 0.0
    assert m.token_f1("x", []) is None
    assert m.token_f1("10000 troops", ["10,000", "no"]) == pytest.approx(2 / 3)


def test_lenient_match_is_multihop_rag_word_overlap():
    assert m.lenient_match("The answer is Donald J. Trump", "Donald Trump")
    assert m.lenient_match("the cat", "The Verge")           # a shared "the" counts: very lenient
    assert not m.lenient_match("Bankman-Fried,", "Sam Bankman-Fried")  # no punctuation stripping
    assert m.lenient_match('blah The answer to the question is "Yes" blah', "yes")
    assert not m.lenient_match('The answer to the question is "No"', "yes")
    assert not m.lenient_match("[1] nothing", "[1]")  # our citation markers are not words


def test_lenient_correct_abstention_and_null():
    assert m.lenient_correct("The articles do not say.", [], abstained=True, is_null=True)
    assert not m.lenient_correct("Trump did it.", [], abstained=False, is_null=True)
    assert not m.lenient_correct("Donald Trump was", ["Donald Trump"], abstained=True, is_null=False)
    assert m.lenient_correct("Donald Trump was", ["Donald Trump"], abstained=False, is_null=False)


# --- citations -------------------------------------------------------------------------------

def _cit(chunk_id, quote, verified=False):
    return {"n": 1, "chunk_id": chunk_id, "quote": quote, "verified": verified}


def test_citation_precision_and_recall():
    passages = [{"chunk_id": "c1", "text": "Intro. " + Q1 + " Outro."}, {"chunk_id": "c2", "text": "unrelated"}]
    cites = [_cit("c1", "Intro."), _cit("c2", "unrelated", verified=False), _cit("c2", "unrelated", verified=True)]
    s = m.citation_scores(cites, passages, [Q1, Q2])
    assert s["citation_precision"] == pytest.approx(2 / 3)      # c1 holds evidence, one verified
    assert s["citation_evidence_precision"] == pytest.approx(1 / 3)
    assert s["citation_recall"] == 0.5


def test_citation_quote_overlapping_evidence_counts_without_passage():
    # the cited chunk is not among the passages: its quote is judged; a quote inside the evidence counts
    s = m.citation_scores([_cit("gone", "North Korea sent about 10,000 troops")], [], [Q1])
    assert s["citation_evidence_precision"] == 1.0 and s["citation_recall"] == 1.0


def test_citations_edge_cases():
    assert m.citation_scores([], [], [Q1]) == {"citation_precision": None, "citation_evidence_precision": None,
                                              "citation_recall": 0.0}
    s = m.citation_scores([_cit("c", "x", verified=True)], [], [])
    assert s == {"citation_precision": 1.0, "citation_evidence_precision": None, "citation_recall": None}


# --- abstention, latency ---------------------------------------------------------------------

def test_abstention_scores():
    flags = [(True, True), (True, False), (False, True), (False, False), (False, False), (False, False)]
    s = m.abstention_scores(flags)
    assert s["abstention_precision"] == 0.5
    assert s["abstention_recall"] == 0.5
    assert s["false_abstention_rate"] == 0.25
    assert m.abstention_scores([]) == {"abstention_precision": None, "abstention_recall": None,
                                       "false_abstention_rate": None}


def test_percentile_and_latency_summary():
    assert m.percentile([], 50) is None
    assert m.percentile([5], 95) == 5
    assert m.percentile([1, 2, 3, 4], 50) == 2.5
    assert m.percentile(list(range(1, 101)), 95) == pytest.approx(95.05)
    s = m.latency_summary([{"retrieve": 10, "total": 20}, {"retrieve": 30, "total": 40, "bad": "x"}])
    assert s["retrieve"] == {"count": 2, "p50": 20.0, "p95": 29.0, "mean": 20.0}
    assert "bad" not in s


# --- per question and aggregate ----------------------------------------------------------------

def _answer(text, abstained=False, citations=(), passages=()):
    return {"answer": text, "abstained": abstained, "citations": list(citations), "passages": list(passages)}


def test_score_question_answerable():
    passages = [{"chunk_id": "c1", "text": Q1}]
    s = m.score_question(answers=["10,000"], answer_parts=[], quotes=[Q1], is_null=False, passages=[Q1],
                         k_values=(4,), answer=_answer("About 10,000 troops [1].", citations=[_cit("c1", Q1)],
                                                       passages=passages))
    assert s["hits@4"] == 1 and s["accuracy"] == 1.0 and s["lenient_accuracy"] == 1.0
    assert s["citation_recall"] == 1.0 and s["abstained"] is False and s["null"] is False
    assert 0 < s["f1"] < 1


def test_strict_and_lenient_differ_on_number_format():
    s = m.score_question(answers=["10,000"], answer_parts=[], quotes=[], is_null=False, passages=[],
                         answer=_answer("About 10000 troops."))
    assert s["accuracy"] == 1.0 and s["lenient_accuracy"] == 0.0  # the official rule splits on spaces only


def test_score_question_abstained_on_answerable_is_wrong():
    s = m.score_question(answers=["10,000"], answer_parts=[], quotes=[Q1], is_null=False, passages=[],
                         answer=_answer("The indexed articles do not say whether 10,000 ...", abstained=True))
    assert s["accuracy"] == 0.0 and s["f1"] == 0.0 and s["lenient_accuracy"] == 0.0
    assert s["hits@10"] == 0.0


def test_score_question_null():
    s = m.score_question(answers=[], answer_parts=[], quotes=[], is_null=True, passages=["x"],
                         answer=_answer("The indexed articles do not say.", abstained=True))
    assert s["hits@4"] is None and s["accuracy"] is None and s["f1"] is None
    assert s["lenient_accuracy"] == 1.0 and s["abstained"] is True and s["null"] is True


def test_score_question_retrieval_only_has_no_answer_metrics():
    s = m.score_question(answers=["x"], answer_parts=[], quotes=[Q1], is_null=False, passages=[Q1])
    assert "accuracy" not in s and "abstained" not in s and s["mrr@10"] == 1.0


def test_aggregate_by_type_and_abstention():
    rows = [
        {"type": "a", "scores": {"null": False, "hits@4": 1.0, "accuracy": 1.0, "abstained": False},
         "timings_ms": {"total": 100}, "cold": True},
        {"type": "a", "scores": {"null": False, "hits@4": 0.0, "accuracy": 0.0, "abstained": True},
         "timings_ms": {"total": 10}},
        {"type": "null", "scores": {"null": True, "hits@4": None, "accuracy": None, "abstained": True},
         "timings_ms": {"total": 20}},
    ]
    agg = m.aggregate(rows)
    assert agg["count"] == 3 and agg["answerable"] == 2 and agg["null"] == 1
    assert agg["metrics"]["hits@4"] == 0.5 and agg["metrics"]["accuracy"] == 0.5
    assert agg["metrics"]["abstention_precision"] == 0.5 and agg["metrics"]["abstention_recall"] == 1.0
    assert agg["metrics"]["false_abstention_rate"] == 0.5
    assert agg["by_type"]["null"]["metrics"]["hits@4"] is None
    assert agg["by_type"]["a"]["metrics"]["accuracy"] == 0.5
    assert agg["latency"]["total"]["count"] == 2  # the cold row is left out


def test_calibrate_threshold_takes_the_middle_of_a_clean_gap():
    points = [(0.0, True), (0.37, True), (0.53, True), (0.59, False), (0.7, False), (0.9, False)]
    c = m.calibrate_threshold(points)
    assert c["threshold"] == pytest.approx(0.56)
    assert c["balanced_error"] == 0 and c["null_answered"] == 0 and c["answerable_abstained"] == 0


def test_calibrate_threshold_balances_the_two_error_rates():
    # 2 null, 8 answerable; the overlap at 0.4/0.45 cannot be separated
    points = [(0.2, True), (0.45, True), (0.4, False)] + [(0.6 + i / 100, False) for i in range(7)]
    c = m.calibrate_threshold(points)
    # answering the 0.4 answerable question would also answer a null one (1/2 of nulls): worse
    # balanced error than abstaining on it (1/8 of answerable)
    assert 0.45 < c["threshold"] < 0.6
    assert c["null_answered"] == 0 and c["answerable_abstained"] == 1
    assert c["balanced_error"] == pytest.approx(1 / 16)


def test_calibrate_threshold_needs_both_kinds():
    assert m.calibrate_threshold([(0.5, False), (0.7, False)]) is None
    assert m.calibrate_threshold([]) is None
