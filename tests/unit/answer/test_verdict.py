"""Yes/no verdicts from small hand-written evidence: one test per relation, outlet and date awareness,
negation, and the abstention when a clause has no support."""

from __future__ import annotations

import numpy as np
import pytest

from qa.answer.evidence import Candidate, Evidence
from qa.answer.verdict import (NO, UNDECIDED, YES, _order_reversed, _outranked, decide, negated_sentence, split_clauses,
                               verdict)
from qa.query import build_query, content_terms
from qa.types import Chunk, Hit

SOURCES = ["TechCrunch", "Fortune", "The Verge", "Engadget", "Sky Sports"]


def sentence(text: str, source: str, published: str, doc_id: str, start: int = 0) -> Candidate:
    chunk = Chunk(chunk_id=f"{doc_id}#0", doc_id=doc_id, start=0, end=start + len(text), text=text)
    hit = Hit(chunk=chunk, title=f"{source} story", score=1.0, source=source, published_at=published)
    terms = frozenset(content_terms(text))
    return Candidate(doc_id=doc_id, chunk_id=chunk.chunk_id, start=start, end=start + len(text), text=text,
                     vector=np.zeros(4, dtype=np.float32), hit_rank=0, hit=hit, terms=terms, chunk_terms=terms)


def evidence(question: str, *candidates: Candidate) -> tuple[object, Evidence]:
    query = build_query(question, sources=SOURCES)
    return query, Evidence(question=query, candidates=list(candidates), idf={}, documents={})


# One story told by two outlets, agreeing or not: the reports several verdict tests compare.
def beeper_techcrunch() -> Candidate:
    return sentence("Apple blocked Beeper Mini, saying the iMessage app posed security risks.", "TechCrunch",
                    "2023-12-11", "tc-3")


def beeper_verge_same() -> Candidate:
    return sentence("Apple blocked Beeper Mini over what it called security risks.", "The Verge", "2023-12-09",
                    "verge-1")


def beeper_verge_denies() -> Candidate:
    return sentence("Apple did not block Beeper Mini; the outage was a server fault.", "The Verge", "2023-12-09",
                    "verge-2")


COHEN_TC = sentence("Bankman-Fried will be represented by Cohen & Gresser, and Mark Cohen, a high-profile defense "
                    "attorney, will be the lead attorney for Bankman-Fried.", "TechCrunch", "2023-10-01T14:00:29+00:00",
                    "tc-1")
COHEN_FORTUNE = sentence("But Bankman-Fried was no liar, according to Mark Cohen, one of his lawyers.", "Fortune",
                         "2023-10-04T23:32:53+00:00", "fortune-1")


def test_both_outlets_support_the_claim_yes_with_each_cited() -> None:
    query, ev = evidence("Did both TechCrunch and Fortune report that Mark Cohen is Bankman-Fried's lawyer?",
                         COHEN_TC, COHEN_FORTUNE)
    decision = decide(query, ev)
    assert decision.answer == YES
    assert [s.candidate.doc_id for s in decision.supports] == ["tc-1", "fortune-1"]
    draft = verdict(query, ev)
    assert draft is not None and not draft.abstained
    assert draft.text.startswith("Yes. ")
    assert {t.doc_id for t in draft.targets.values()} == {"tc-1", "fortune-1"}
    assert "[1] (TechCrunch, 2023-10-01)." in draft.text and "[2] (Fortune, 2023-10-04)." in draft.text


def test_a_negation_elsewhere_in_the_sentence_is_not_a_denial() -> None:
    # "was no liar, according to Mark Cohen": the "no" is about "liar", not about Cohen being his lawyer
    assert not negated_sentence(COHEN_FORTUNE.text, ["mark", "cohen", "lawyer"])
    assert negated_sentence("Mark Cohen is not his lawyer any more.", ["mark", "cohen", "lawyer"])


def test_both_with_one_outlet_silent_is_undecided_and_the_composer_abstains() -> None:
    unrelated = sentence("Fortune's reporters counted the crowd outside the court.", "Fortune", "2023-10-04",
                         "fortune-2")
    query, ev = evidence("Did both TechCrunch and Fortune report that Mark Cohen is Bankman-Fried's lawyer?",
                         COHEN_TC, unrelated)
    assert decide(query, ev).answer == UNDECIDED
    draft = verdict(query, ev)
    assert draft is not None and draft.abstained


def test_the_claim_from_another_outlet_does_not_count() -> None:
    # the outlet asked about has nothing retrieved; the same claim from TechCrunch is no support for it
    query, ev = evidence("Did The Verge report that Mark Cohen is Bankman-Fried's lawyer?", COHEN_TC)
    assert decide(query, ev).answer == UNDECIDED


@pytest.mark.parametrize(("first", "second", "expected"), [
    ("2023-10-01T14:00:29+00:00", "2023-10-04T23:32:53+00:00", YES),
    ("2023-10-09T09:00:00+00:00", "2023-10-04T23:32:53+00:00", NO),
])
def test_before_compares_publication_dates(first: str, second: str, expected: str) -> None:
    collapse = sentence("FTX and Alameda filed for Chapter 11 bankruptcy after the FTX collapse in November 2022.",
                        "TechCrunch", first, "tc-2")
    opening = sentence("The opening statements of the trial painted two very different pictures of Bankman-Fried.",
                       "Fortune", second, "fortune-3")
    query, ev = evidence("Was the TechCrunch report on the FTX collapse published before the Fortune report on the "
                         "trial's opening statements?", collapse, opening)
    decision = decide(query, ev)
    assert decision.answer == expected
    assert decision.supports[0].candidate.doc_id == "tc-2" and decision.supports[1].candidate.doc_id == "fortune-3"


def test_after_compares_publication_dates_the_other_way() -> None:
    collapse = sentence("FTX and Alameda filed for Chapter 11 bankruptcy after the FTX collapse.", "TechCrunch",
                        "2023-10-01", "tc-2")
    opening = sentence("The opening statements of the trial painted two pictures of Bankman-Fried.", "Fortune",
                       "2023-10-04", "fortune-3")
    query, ev = evidence("Was the Fortune report on the opening statements published after the TechCrunch report on "
                         "the FTX collapse?", opening, collapse)
    assert decide(query, ev).answer == YES


def test_before_without_outlets_splits_at_the_order_word() -> None:
    prenup = sentence("Jada Pinkett Smith has revealed why she and Will Smith never signed a prenuptial agreement.",
                      "The Independent", "2023-10-16", "ind-1")
    baltimore = sentence("Will Smith spoke about his tumultuous relationship with Jada in Baltimore.",
                         "The Independent", "2023-10-19", "ind-2")
    query, ev = evidence("Was the article about why Jada and Will never signed a prenup published before the one "
                         "about Will's tumultuous relationship in Baltimore?", baltimore, prenup)
    assert len(split_clauses(query)) == 2
    decision = decide(query, ev)
    assert [s.candidate.doc_id for s in decision.supports] == ["ind-1", "ind-2"]
    assert decision.answer == YES


def test_consistent_accounts_yes_and_a_denial_no() -> None:
    tc = beeper_techcrunch()
    verge_same = beeper_verge_same()
    verge_denies = beeper_verge_denies()
    question = ("Is the TechCrunch report that Apple blocked Beeper Mini consistent with The Verge's report that "
                "Apple blocked Beeper Mini?")
    query, ev = evidence(question, tc, verge_same)
    assert query.relation == "same"
    assert decide(query, ev).answer == YES
    query, ev = evidence(question, tc, verge_denies)
    decision = decide(query, ev)
    assert decision.answer == NO
    assert verdict(query, ev).text.startswith("No. ")


def test_plain_question_answered_no_by_a_contradicting_sentence() -> None:
    uber = sentence("Investors had expected Uber to report revenues of around $9.5 billion, meaning that it fell "
                    "short of estimates.", "TechCrunch", "2023-11-07", "tc-4")
    query, ev = evidence("Did Uber's third-quarter revenue beat what investors expected?", uber)
    assert decide(query, ev).answer == NO


def test_plain_question_answered_yes_when_stated() -> None:
    binance = sentence("Binance, the world's largest crypto exchange, has agreed to pay about $4.3 billion to resolve "
                       "the DOJ's investigations.", "TechCrunch", "2023-11-21", "tc-5")
    query, ev = evidence("Has Binance agreed to pay $4.3 billion to resolve the DOJ's investigations?", binance)
    decision = decide(query, ev)
    assert decision.answer == YES
    assert verdict(query, ev).targets[1].doc_id == "tc-5"


def test_different_yes_on_another_figure_no_on_the_same_figure_or_a_denied_side() -> None:
    tc = sentence("The Steam Deck OLED costs $549 for the 512GB model.", "TechCrunch", "2023-11-09", "tc-6")
    eng_other = sentence("Valve's Steam Deck OLED price starts at $649 for the 512GB model.", "Engadget", "2023-11-09",
                         "eng-1")
    eng_same = sentence("Valve's Steam Deck OLED price starts at $549 for the 512GB model.", "Engadget", "2023-11-09",
                        "eng-2")
    eng_denies = sentence("Valve has given no Steam Deck OLED price so far.", "Engadget", "2023-11-09", "eng-3")
    question = ("Does the TechCrunch article report the Steam Deck OLED price differently from the Engadget article "
                "on the Steam Deck OLED price?")
    query, ev = evidence(question, tc, eng_other)
    assert query.relation == "different"
    assert decide(query, ev).answer == YES
    query, ev = evidence(question, tc, eng_same)
    assert decide(query, ev).answer == NO
    query, ev = evidence(question, tc, eng_denies)
    assert decide(query, ev).answer == NO


def test_different_yes_when_the_question_words_each_side_and_each_report_states_its_own() -> None:
    fortune = sentence("Fortune described the jury weighing two very different stories of Bankman-Fried's rise "
                       "and fall.", "Fortune", "2023-10-04", "fortune-4")
    tc = sentence("Prosecutors allege Bankman-Fried knowingly committed fraud and misused customer funds.",
                  "TechCrunch", "2023-10-01", "tc-9")
    query, ev = evidence("Does the Fortune article about the jury weighing two stories suggest a different view of "
                         "Bankman-Fried than the TechCrunch article alleging he knowingly committed fraud?",
                         fortune, tc)
    assert query.relation == "different"
    assert decide(query, ev).answer == YES


def test_the_clause_date_picks_the_article_of_that_day() -> None:
    early = sentence("TechCrunch said the trial had started with jury selection.", "TechCrunch", "2023-10-01", "tc-7")
    late = sentence("TechCrunch said the trial had started and the verdict was near.", "TechCrunch", "2023-11-02",
                    "tc-8")
    query, ev = evidence("Did TechCrunch report on November 2, 2023 that the trial had started?", early, late)
    decision = decide(query, ev)
    assert decision.answer == YES
    assert decision.supports[0].candidate.doc_id == "tc-8"


def test_no_evidence_at_all_falls_back_to_the_composer() -> None:
    query, ev = evidence("Did both TechCrunch and Fortune report that Mark Cohen is Bankman-Fried's lawyer?")
    assert verdict(query, ev) is None


def test_a_choice_between_two_words_is_answered_with_the_word() -> None:
    tc = beeper_techcrunch()
    verge_same = beeper_verge_same()
    verge_denies = beeper_verge_denies()
    question = ("Were the TechCrunch report on Apple blocking Beeper Mini and The Verge's report on Apple blocking "
                "Beeper Mini consistent or inconsistent?")
    query, ev = evidence(question, tc, verge_same)
    decision = decide(query, ev)
    assert decision.option == "consistent"
    assert verdict(query, ev).text.startswith("Consistent. ")
    query, ev = evidence(question, tc, verge_denies)
    assert decide(query, ev).option == "inconsistent"
    query, ev = evidence("Was the TechCrunch report on Beeper Mini published before or after The Verge's report on "
                         "Beeper Mini?", tc, verge_same)
    assert decide(query, ev).option == "after"


def test_inconsistency_needs_a_conflict_found_and_a_negated_ask_flips_the_answer() -> None:
    tc = beeper_techcrunch()
    verge_other = sentence("Apple blocked Beeper Mini again after its developers pushed a fix.", "The Verge",
                           "2023-12-09", "verge-3")
    verge_denies = beeper_verge_denies()
    inconsistent = ("Was there inconsistency between the TechCrunch report that Apple blocked Beeper Mini and The "
                    "Verge's report that Apple blocked Beeper Mini?")
    query, ev = evidence(inconsistent, tc, verge_other)  # two reports saying different things do not conflict
    assert decide(query, ev).answer == NO
    query, ev = evidence(inconsistent, tc, verge_denies)
    assert decide(query, ev).answer == YES
    # "no change" asks the opposite of "a change": each report stating its own clause is a change
    changed = ("Was there {} change between the TechCrunch report that Apple blocked Beeper Mini and The Verge's "
               "report that Apple blocked Beeper Mini again?")
    query, ev = evidence(changed.format("a"), tc, verge_other)
    assert decide(query, ev).answer == YES
    query, ev = evidence(changed.format("no"), tc, verge_other)
    assert decide(query, ev).answer == NO


def test_a_denial_in_the_claim_counts_only_where_the_sentence_speaks_of_it() -> None:
    streaming = sentence("Fans can stream the game on Peacock with a subscription.", "Engadget", "2023-11-09",
                         "eng-4")
    unrelated = sentence("Fans can stream the game on Peacock this Sunday night.", "Engadget", "2023-11-09", "eng-5")
    query, ev = evidence("Does the Engadget article say fans can stream the game on Peacock without a subscription?",
                         streaming)
    assert decide(query, ev).answer == NO  # the sentence names the subscription the claim denies
    query, ev = evidence("Does the Engadget article say fans can stream the game on Peacock without a subscription?",
                         unrelated)
    assert decide(query, ev).answer == YES  # nothing about a subscription: the denial cannot be checked
    # "without mentioning ..." describes what a report leaves out, not a denial
    query, ev = evidence("Does the Engadget article say fans can stream the game on Peacock, without mentioning "
                         "the price?", streaming)
    assert decide(query, ev).answer == YES


def test_figures_are_compared_by_their_unit_and_clock_times_are_no_figures() -> None:
    from qa.answer.verdict import _figures

    assert _figures("Hill had 157 yards and 2 touchdowns; revenue rose 10.2% to $1.45 billion.") == {
        "yard": {"157"}, "touchdown": {"2"}, "%": {"10.2"}, "$billion": {"1.45"}}
    assert _figures("8:28 p.m.: West Indies 114-5 after the 2023 final.") == {}


# A plain question about one thing: the sentence naming the thing best need not say the part asked.
FRAMES_INTRO = sentence("Amazon isn’t straying too far from that formula with these third-gen Echo Frames.",
                        "The Verge", "2023-12-07", "verge-frames", start=0)
FRAMES_NO_CAMERA = sentence("There’s no camera, no screen, and nothing to clue anyone in that you’re not just "
                            "wearing ordinary glasses.", "The Verge", "2023-12-07", "verge-frames", start=200)


def test_a_plain_question_is_no_when_its_article_denies_the_part_the_best_sentence_leaves_out() -> None:
    query, ev = evidence("Do Amazon's third-generation Echo Frames have a camera?", FRAMES_INTRO, FRAMES_NO_CAMERA)
    decision = decide(query, ev)
    assert decision.answer == NO
    assert [s.candidate.start for s in decision.supports] == [0, 200]
    draft = verdict(query, ev)
    assert draft is not None and draft.text.startswith("No. ") and len(draft.targets) == 2


def test_a_denial_in_another_article_or_of_a_word_the_best_sentence_states_does_not_overrule_it() -> None:
    elsewhere = sentence("There’s no camera on the cheaper glasses.", "Engadget", "2023-12-08", "eng-glasses")
    query, ev = evidence("Do Amazon's third-generation Echo Frames have a camera?", FRAMES_INTRO, elsewhere)
    assert decide(query, ev).answer == YES
    stated = sentence("The third-gen Echo Frames from Amazon have a camera in the hinge.", "The Verge", "2023-12-07",
                      "verge-frames", start=0)
    query, ev = evidence("Do Amazon's third-generation Echo Frames have a camera?", stated, FRAMES_NO_CAMERA)
    assert decide(query, ev).answer == YES


def test_a_plain_question_stating_another_figure_than_its_sentence_is_no() -> None:
    margin = sentence("Tesla reported a gross margin of 17.9%, down from 25.1% in the same period last year.",
                      "TechCrunch", "2023-10-22", "tc-tesla")
    query, ev = evidence("Did Tesla report a gross margin of 20% for the third quarter?", margin)
    assert decide(query, ev).answer == NO
    query, ev = evidence("Did Tesla report a gross margin of 17.9% for the third quarter?", margin)
    assert decide(query, ev).answer == YES
    # a figure of another unit compares nothing
    query, ev = evidence("Did Tesla report a gross margin in 3 markets?", margin)
    assert decide(query, ev).answer == YES


def test_who_won_a_contest_decides_did_a_beat_b_either_way() -> None:
    from qa.answer.verdict import contest_result, contest_sides

    assert contest_sides("Did the New York Jets beat the Kansas City Chiefs on Sunday Night Football?") == (
        "jets", "chiefs", True)
    assert contest_sides("Did Ellis Zorro lose his fight against Jai Opetaia?") == ("zorro", "opetaia", False)
    assert contest_sides("Did the Blackhawks win Connor Bedard's debut against the Penguins?") == (
        "blackhawks", "penguins", True)
    assert contest_sides("Did Apple win the case?") is None
    assert contest_sides("Do individuals who have lost a parent experience grief at big events?") is None
    assert contest_result("Final: Chiefs 23, Jets 20", "jets", "chiefs") == ("chiefs", 43)  # a score: its total
    assert contest_result("The rookie helped the Blackhawks to a 4-2 win over the Penguins.", "blackhawks",
                          "penguins") == ("blackhawks", 10**6)  # said who beat whom: above any score
    assert contest_result("Zorro lost to Opetaia in the first round.", "zorro", "opetaia") == ("opetaia", 10**6)
    assert contest_result("The Jets and Chiefs meet on Sunday.", "jets", "chiefs") is None

    final = sentence("Final: Chiefs 23, Jets 20", "Sporting News", "2023-10-01", "sn-1")
    lead = sentence("The Jets threw a vicious counterpunch against the Chiefs at MetLife Stadium.", "Sporting News",
                    "2023-10-01", "sn-1", start=100)
    query, ev = evidence("Did the New York Jets beat the Kansas City Chiefs at MetLife Stadium?", lead, final)
    decision = decide(query, ev)
    assert decision.answer == NO and decision.supports[0].candidate is final
    query, ev = evidence("Did the Kansas City Chiefs beat the New York Jets at MetLife Stadium?", lead, final)
    assert decide(query, ev).answer == YES


def test_of_a_live_report_s_scores_the_largest_is_the_final_one() -> None:
    early = sentence("Chiefs 7, Jets 10", "Sporting News", "2023-10-01", "sn-2", start=0)
    final = sentence("Chiefs 23, Jets 20", "Sporting News", "2023-10-01", "sn-2", start=50)
    query, ev = evidence("Did the New York Jets beat the Kansas City Chiefs?", early, final)
    decision = decide(query, ev)
    assert decision.answer == NO and decision.supports[0].candidate is final


def test_did_x_make_it_is_no_when_the_article_says_x_s_attempt_failed() -> None:
    attempt = sentence("Eddy Pineiro is attempting a 59-yard field goal to tie the game.", "Sporting News",
                       "2023-11-09", "sn-3", start=0)
    short = sentence("Pineiro's kick was short.", "Sporting News", "2023-11-09", "sn-3", start=300)
    query, ev = evidence("Did Eddy Pineiro make his 59-yard field goal attempt against the Bears?", attempt, short)
    decision = decide(query, ev)
    assert decision.answer == NO and decision.supports[1].candidate is short
    # another kicker's miss in the same report says nothing of Pineiro's
    other = sentence("Zuerlein's kick was short.", "Sporting News", "2023-11-09", "sn-3", start=300)
    query, ev = evidence("Did Eddy Pineiro make his 59-yard field goal attempt against the Bears?", attempt, other)
    assert decide(query, ev).answer == YES


def test_is_x_the_role_of_y_is_decided_by_who_the_articles_name_in_the_role() -> None:
    table = sentence("He started with JPMorgan Chase CEO Jamie Dimon and moved down a long table asking Citigroup "
                     "CEO Jane Fraser, and Wells Fargo CEO Charles Scharff how much each had returned.", "Fortune",
                     "2023-12-06", "fortune-banks")
    query, ev = evidence("Is Jane Fraser the CEO of Wells Fargo?", table)
    assert decide(query, ev).answer == NO
    query, ev = evidence("Is Jane Fraser the CEO of Citigroup?", table)
    assert decide(query, ev).answer == YES
    query, ev = evidence("Is Jamie Dimon the CEO of JPMorgan Chase?", table)
    assert decide(query, ev).answer == YES


def test_an_organisation_is_found_by_its_first_word_and_its_possessive() -> None:
    epic = sentence("Tim Sweeney is Epic’s CEO, co-founder, and importantly its controlling shareholder.", "The Verge",
                    "2023-12-12", "verge-epic")
    query, ev = evidence("Is David Baszucki the CEO of Epic Games?", epic)
    assert decide(query, ev).answer == NO
    query, ev = evidence("Is Tim Sweeney the CEO of Epic Games?", epic)
    assert decide(query, ev).answer == YES


def test_has_x_confirmed_p_is_no_when_x_has_only_confirmed_something_else() -> None:
    vague = sentence("Experts believe the troop presence may not change the fighting, as Ukraine faces artillery "
                     "fueled by ammunition provided by Pyongyang.", "Kyiv Post", "2024-11-05", "kp-1")
    only = sentence("So far, Pyongyang has only confirmed that its own troops are on Russian territory in the Far "
                    "East.", "Kyiv Post", "2024-11-05", "kp-1", start=200)
    query, ev = evidence("Has Pyongyang confirmed its troops are fighting in Ukraine?", vague, only)
    decision = decide(query, ev)
    assert decision.answer == NO and decision.supports[0].candidate is only
    # what "only" restricts to is what is asked: no denial
    query, ev = evidence("Has Pyongyang confirmed its troops are on Russian territory?", vague, only)
    assert decide(query, ev).answer == YES
    # someone else's restriction says nothing of Pyongyang
    other = sentence("So far, Moscow has only confirmed that the troops are on Russian territory in the Far East.",
                     "Kyiv Post", "2024-11-05", "kp-1", start=200)
    query, ev = evidence("Has Pyongyang confirmed its troops are fighting in Ukraine?", vague, other)
    assert decide(query, ev).answer == YES


@pytest.mark.parametrize(
    "claim, sentence, outranked",
    [
        ("North Korea has the biggest army in the world", "North Korea has the fourth largest army in the world", True),
        ("Is it the largest bank?", "It is the 2nd-largest bank in the country", True),
        ("Is it the fourth largest army?", "It has the fourth largest army", False),  # the claim ranks it so too
        ("Is it the largest army?", "It has the largest army", False),
        ("Is it the richest man?", "He is the third oldest man", False),  # another superlative
        ("Does it have a large army?", "It has the fourth largest army", False),  # no superlative claimed
    ],
)
def test_a_lower_rank_denies_the_top_one(claim, sentence, outranked):
    assert _outranked(claim, sentence) is outranked


FIRST_TIME = sentence("The United States lost to Canada for the first time in the Davis Cup after Vasek Pospisil edged "
                      "Reilly Opelka.", "Sportsnet", "2019-11-19", "davis-1")


def test_had_it_ever_happened_before_is_denied_by_for_the_first_time():
    query, ev = evidence("Had the United States ever lost to Canada in the Davis Cup before the Finals in Madrid?",
                         FIRST_TIME)
    assert decide(query, ev).answer == NO


def test_has_it_ever_happened_is_confirmed_by_for_the_first_time():
    query, ev = evidence("Has the United States ever lost to Canada in the Davis Cup?", FIRST_TIME)
    assert decide(query, ev).answer == YES


@pytest.mark.parametrize("claim, sentence, reversed_", [
    ("Did the pixels send email addresses before users had consented?",
     "Email addresses were sent to Google and Meta only after a user had consented.", True),
    ("Was the bill signed after the election?", "The bill was signed before the election.", True),
    ("Did it happen before the election?", "It happened before the election.", False),
    ("Did it happen before the election?", "It happened after the final whistle.", False),  # another event
])
def test_the_opposite_order_to_the_same_event_denies(claim, sentence, reversed_):
    assert _order_reversed(claim, sentence) is reversed_


def test_still_far_from_denies_a_match():
    candidate = sentence("In terms of energy density, the zinc iodine battery is still far from commercial lithium-ion "
                         "batteries, Fan conceded.", "TechCrunch", "2023-09-20", "zib-1")
    query, ev = evidence("Could the zinc iodine battery match lithium-ion batteries for energy density?", candidate)
    assert decide(query, ev).answer == NO
