"""What an amount of money is the amount of: a question asking one kind is not answered by another."""

import pytest

from qa.answer.aggregate import aggregate, typed_answer
from qa.answer.money_kinds import amount_kind, kinds_named, of_other_kind
from qa.query import build_query


def kind_of(sentence: str, amount: str) -> str | None:
    start = sentence.index(amount)
    return amount_kind(sentence, start, start + len(amount))


@pytest.mark.parametrize("sentence, amount, kind", [
    ("The service kept growing, with a revenue of $33.6 million, up 10%.", "$33.6 million", "sales"),
    ("Revenue: $12.94 billion vs. $12.98 billion expected", "$12.94 billion", "sales"),
    ("Sales rose to $12.94 billion, up about 2% from a year earlier.", "$12.94 billion", "sales"),
    ("Analysts started coverage with a $55 price target on the shares.", "$55", "target"),
    ("The company has now raised more than $345 million, it said.", "$345 million", "funding"),
    ("The startup closed a $2 million seed round.", "$2 million", "funding"),
    ("This round is coming in at a flat valuation of $1.4 billion.", "$1.4 billion", "valuation"),
    ("The handheld costs $549 for the 512GB model.", "$549", "price"),
    ("They carry a list price of $169 but often sell for less.", "$169", "price"),
    ("The firm was fined $10,000 by the regulator.", "$10,000", "penalty"),
    ("He earns $3 billion in salary.", "$3 billion", "salary"),
])
def test_a_kind_bound_to_the_amount_is_read(sentence, amount, kind):
    assert kind_of(sentence, amount) == kind


@pytest.mark.parametrize("sentence, amount", [
    ("A year ago, it agreed to pay $105 million, plus half the proceeds.", "$105 million"),  # "pay": no kind
    ("Sales in China grew by 5% compared to a year ago to $1.7 billion.", "$1.7 billion"),  # a figure between
    ("Revenue fell, the company said, and it paid $4 million.", "$4 million"),  # another clause between
    ("Sales rose to $12.94 billion, up about 2% from $12.69 billion a year earlier.", "$12.69 billion"),
    ("Tom Brady was paid $55 million by the exchange.", "$55 million"),
])
def test_an_amount_whose_sentence_binds_no_kind_has_none(sentence, amount):
    assert kind_of(sentence, amount) is None


def test_the_question_names_the_kinds_it_asks():
    assert kinds_named("What revenue did Nike report for its first quarter?") == {"sales"}
    assert kinds_named("How much does the scooter cost in India?") == {"price"}
    assert kinds_named("What is the analysts' price target for Nike?") == {"target"}
    assert kinds_named("How much was Tom Brady paid by FTX?") == frozenset()
    assert build_query("What was Scalable Capital's revenue last year?").money_kinds == ("sales",)
    assert build_query("How many troops were sent?").money_kinds == ()


def test_only_a_bound_kind_other_than_the_asked_one_is_another_kind():
    sentence = "Its swapping service grew, with a revenue of $33.6 million, and a scooter costs $1,200."
    revenue, price = sentence.index("$33.6 million"), sentence.index("$1,200")
    assert of_other_kind(("price",), sentence, revenue, revenue + len("$33.6 million"))
    assert not of_other_kind(("price",), sentence, price, price + len("$1,200"))
    assert not of_other_kind((), sentence, revenue, revenue + len("$33.6 million"))  # no kind asked: no check


NIKE = [
    ("n1", "Nike earnings", "CNBC",
     "Analysts at one bank started coverage with a $55 price target on Nike shares after the earnings report."),
    ("n2", "Nike results", "Reuters",
     "Nike said its revenue for the fiscal first quarter was $12.94 billion, slightly below expectations."),
]
GOGORO = [
    ("g1", "Gogoro results", "TechCrunch",
     "Gogoro's battery-swapping service kept growing, with a revenue of $33.6 million in the last quarter."),
    ("g2", "Gogoro in India", "TechCrunch", "Gogoro raised $25 million to expand its smartscooter business in India."),
]


def test_an_amount_of_another_kind_is_no_candidate(asked):
    query, ev = asked(NIKE, "What revenue did Nike report for its fiscal first quarter?")
    assert [g.value for g in aggregate(query, ev)] == ["$12.94 billion"]


def test_a_question_whose_amounts_are_all_of_other_kinds_has_no_typed_evidence(asked):
    query, ev = asked(GOGORO, "How much does a Gogoro smartscooter cost in India?")
    assert aggregate(query, ev) == []
    assert all(c.cue == 0.0 for c in ev.candidates)


NIKE_TERSE = [
    ("n3", "Nike results", "CNBC",
     "Nike reported revenue on Thursday for its fiscal first quarter that fell short of Wall Street's expectations "
     "for the first time in two years, as shoppers in North America pulled back."),
    ("n4", "Nike results", "CNBC", "Fiscal first quarter revenue: $12.94 billion vs. $12.98 billion expected."),
]


def test_an_amount_bound_to_the_asked_kind_answers_from_a_terse_sentence(asked):
    query, ev = asked(NIKE_TERSE, "What revenue did Nike report for its fiscal first quarter?")
    draft = typed_answer(query, ev)
    assert draft is not None and draft.short_answer == "$12.94 billion"
