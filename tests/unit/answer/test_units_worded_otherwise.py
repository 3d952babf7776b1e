"""A count or amount whose sentence words the asked unit otherwise than the question does."""

from qa.answer.evidence import matching_figures
from qa.answer.quantities import find_figures
from qa.query import build_query


def _answers(question: str, sentence: str) -> list[str]:
    return [f.text for f in matching_figures(build_query(question), find_figures(sentence))]


def test_the_unit_phrase_can_be_its_first_word():
    q = build_query("How many jurors decided that Google has an illegal monopoly over Android app distribution?")
    assert (q.unit, q.unit_head) == ("jurors", "jurors")
    assert build_query("How many Ukrainians fled to Poland?").unit_head == "ukrainians"


def test_a_plural_possessor_is_counted_by_its_own_figure():
    question = "How many pregnant people's urine samples were screened in the cannabis study?"
    assert build_query(question).unit_possessor == "people"
    sentence = ("In the study, the researchers screened frozen urine samples that had been collected from 9,200 "
                "pregnant people at eight U.S. medical centers.")
    assert _answers(question, sentence) == ["9,200"]
    # a singular possessor counts nothing: the company is one
    assert build_query("How many of the company's employees were laid off?").unit_possessor == ""
    assert _answers("How many of the company's employees were laid off?", "The company has 3 offices.") == []


def test_a_partitive_counts_the_noun_after_its_determiner():
    sentence = "So far, she’s attended five of Kelce’s games, including one on 3 December."
    assert _answers("How many of Travis Kelce's games had Swift been to by early December?", sentence) == ["five"]
    assert [(f.text, f.head) for f in find_figures("Two of the 15 players were hurt.")] == [
        ("Two", "players"), ("15", "players")]
    # "one of the biggest firms" is a superlative, "three of them" names no noun: neither is a count
    assert find_figures("It is one of the biggest firms in the city.") == []
    assert find_figures("Three of them left early.") == []


def test_a_member_compound_counts_the_members_of_its_group():
    sentence = "The nine-person jury decided that Google has an illegal monopoly over Android app distribution."
    (figure,) = find_figures(sentence)
    assert (figure.head, figure.of_noun) == ("person", "jury")
    assert _answers("How many jurors decided that Google has an illegal monopoly?", sentence) == ["nine"]
    assert _answers("How many panelists reviewed the bid?", "A 12-member panel reviewed the bid.") == ["12"]
    # a group noun that is not the asked members' does not answer
    assert _answers("How many jurors were dismissed?", "A 12-member panel reviewed the bid.") == []


def test_how_much_of_a_substance_is_answered_by_a_measure_of_it():
    question = "How much gold was found in the raid of Senator Bob Menendez's house?"
    assert build_query(question).unit_mass
    sentence = "A raid of Menendez’s house turned up $100,000 in gold bars and bundles of cash stuffed into jackets."
    (figure,) = find_figures(sentence)
    assert (figure.display(), figure.of_noun, figure.is_measure) == ("$100,000", "gold bars", True)
    assert _answers(question, sentence) == ["100,000"]
    salt = "It cached 20 grams (0.7 ounce) of salt per gram of gel."
    assert _answers("How much salt could the best hydrogel hold per gram of gel?", salt) == ["20"]
    # a measure of something else, or a count of the substance's things, does not answer
    assert _answers(question, "Agents seized $480,000 in cash from the house.") == []
    assert _answers(question, "Investigators counted 13 gold bars in the closet.") == []
    # "how much" with a measure or a plural noun is no substance
    assert not build_query("How much money did he try to pull out of FTX?").unit_mass
    assert not build_query("How much electricity did the plant generate?").unit_mass


def test_an_age_that_describes_a_relative_is_the_relatives():
    from qa.answer.quantities import age_of_someone_else

    sentence = "Will and Zampino share a 30-year-old son, Trey Smith, who was also present for the book event."
    at = sentence.index("30")
    assert age_of_someone_else("How old is Will Smith?", sentence, at)
    assert not age_of_someone_else("How old is Will Smith's son?", sentence, at)
    assert not age_of_someone_else("How old is Will Smith?", "The 55-year-old actor took the stage.", 4)
    described = "Smith, a 45-year-old father of two, spoke."
    assert not age_of_someone_else("How old is Smith?", described, described.index("45"))


def test_the_unit_of_a_question_whose_words_run_on():
    # more than five words before the first preposition: the unit is still the noun after "how many"
    q = build_query("How many spectators attended Tottenham's 2-1 home defeat to West Ham?")
    assert (q.unit, q.unit_head) == ("spectators", "spectators")
    assert build_query("How many people attended the 2023 AFL grand final between Collingwood and Brisbane?"
                       ).unit_head == "people"
    # no noun in the words ("jellyfish" has no plural ending): no unit, as before
    assert build_query("How many jellyfish went into the test tank at the start?").unit == ""
    # "How much does X weigh?" asks a weight: a price does not answer it
    q = build_query("How much does the Steam Deck OLED weigh?")
    assert q.unit_class == "weight"
    sentence = "The 512GB Steam Deck OLED costs $549 and weighs 640 grams."
    assert [f.text for f in matching_figures(q, find_figures(sentence))] == ["640"]
