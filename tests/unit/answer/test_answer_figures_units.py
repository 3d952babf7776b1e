"""Figures of every unit and ages as news pages write them (issue 11, real pages of other domains)."""

import pytest

from qa.answer.mentions import mentions
from qa.answer.quantities import find_figures
from qa.answer.mentions import _same_noun
from qa.answer.evidence import gather
from qa.query import build_query


def test_a_number_joined_to_a_word_names_a_thing_not_an_amount():
    figures = find_figures("The state's confirmed caseload of Covid-19 is nearly 162,000, of whom 7,844 have died.")
    assert [f.text for f in figures] == ["nearly 162,000", "7,844"]
    assert [f.text for f in find_figures("The F-16 jets, 12 of them, flew.")] == ["12"]
    assert [f.text for f in find_figures("a -5 degree night")] == ["5"]  # a sign is not a word


def test_a_pronoun_is_no_unit():
    figures = find_figures("Demand reached 44,947 megawatts, much lower than the 46,797 he saw on Friday.")
    assert [(f.text, f.unit) for f in figures] == [("44,947", "megawatts"), ("46,797", "")]


def test_a_measure_keeps_its_unit_in_the_short_answer_and_a_count_does_not():
    [energy] = find_figures("The effort may have consumed about 2.8 gigawatt-hours of electricity.")
    assert energy.display() == "about 2.8 gigawatt-hours"
    assert find_figures("Venues must not play music above 85 decibels.")[0].display() == "85 decibels"
    assert find_figures("about 10,000 North Korean troops")[0].display() == "about 10,000"


def test_a_material_asked_matches_the_units_that_measure_it():
    assert _same_noun("gigawatt-hours", "electricity") and _same_noun("tonnes", "weight")
    assert not _same_noun("gigawatt-hours", "troops")
    assert [m.value for m in mentions("It used about 2.8 gigawatt-hours of electricity.", "count", "electricity")] \
        == ["about 2.8"]


@pytest.mark.parametrize("sentence, ages", [
    ("“It’s safe over here and people want a safe area,” said Lopiano, 52.", ["52"]),
    ("Nadia Mohamed, 27, won with 58% of the vote.", ["27"]),
    ("While police have not identified him, loved ones say he is Kevin Andrews. He was 25 years old.", ["25"]),
    ("The victims were two women who were 22 and 24 years old at the time.", ["22 and 24"]),
    ("Residents who are at least 18 years old can vote.", ["18"]),
    ("In 2019, 23 people voted.", []),  # a year before a comma is no person's name
    ("The count in Dallas, 2023.", []),  # nor is a year after one (out of range)
])
def test_ages_as_news_pages_write_them(sentence, ages):
    assert [m.value for m in mentions(sentence, "age")] == ages


def test_percent_signs_and_per_cent_are_the_unit_of_their_figure():
    changes = find_figures("His support fell from 54% in November to 35%.")
    assert [(f.display(), f.unit_class) for f in changes] == [("54%", "percent"), ("35%", "percent")]
    assert [f.display() for f in find_figures("Positivity rose from 3.9 per cent to 5.8 per cent.")] == \
        ["3.9 per cent", "5.8 per cent"]
    assert find_figures("Prices would rise by 7.3 percent this year.")[0].display() == "7.3 percent"


def test_money_keeps_its_sign_and_currency():
    assert [f.display() for f in find_figures("They paid up to $600 an hour.")] == ["$600"]
    assert [f.display() for f in find_figures("It sold for 24.4 million euros ($26 million).")] == \
        ["24.4 million euros", "$26 million"]


def test_a_fraction_and_an_old_year_are_no_amounts():
    assert [f.text for f in find_figures("LVMH is covering two-thirds of the cost, and a company gives 1 million euros.")] \
        == ["1 million"]
    assert find_figures("a 1761 work that set auction records") == []


DEFENDANTS = ("Defendants James Lee, 68, of Torrance, California; Junmyung Lee, 30, of Dedham; and the alleged "
              "ringleader Han Lee, 41, of Cambridge are charged.")


@pytest.mark.parametrize("question, ages", [
    ("How old is Han Lee?", ["41"]),
    ("How old is James Lee?", ["68"]),
    ("How old is Lee?", ["68", "30", "41"]),  # no given name asked: any Lee
    ("How old are the defendants?", ["68", "30", "41"]),  # no one named
])
def test_an_age_in_apposition_is_the_name_before_it(question, ages):
    from qa.answer.quantities import age_of_someone_else

    found = [m.value for m in mentions(DEFENDANTS, "age") if not age_of_someone_else(question, DEFENDANTS, m.start)]
    assert found == ages


@pytest.mark.parametrize("question, sentences, elsewhere", [
    # a surname alone before the age is the asked person; another name's age is not
    ("How old is Throgs Neck resident Michael Lopiano?", ("“It’s safe over here,” said Lopiano, 52.",
                                                         "Throgs Neck resident Dennise Laboy, 55, said so."),
     [False, True]),
    # an age that likens is nobody's
    ("How old is Mekhi Gbedey?", ("“Mekhi is functioning at the level of an 80-year-old man,” said his mother.",
                                  "Mekhi Gbedey, 20, was diagnosed with muscular dystrophy."), [True, False]),
    # a day before the age is no one's name
    ("How old is the man who got Anders Tegnell tattooed?", ("But on Monday, 32-year-old admirer Gustav Agerblad "
                                                             "had a portrait of Tegnell inked on his arm.",), [False]),
])
def test_whose_age_a_sentence_gives(question, sentences, elsewhere):
    from qa.answer.quantities import age_of_someone_else

    assert [age_of_someone_else(question, s, m.start) for s in sentences for m in mentions(s, "age")] == elsewhere


@pytest.mark.parametrize("sentence, shares", [
    ("The state, which is funding two-thirds of the new line, agreed.", ["two-thirds"]),
    ("About half of the voters and a third of members came.", ["half", "a third"]),
    ("Three quarters of respondents said so, and 40% disagreed.", ["Three quarters", "40%"]),
    ("It was a half-hearted attempt.", []),
])
def test_a_share_written_as_a_fraction_answers_what_share(sentence, shares):
    assert [m.value for m in mentions(sentence, "percent")] == shares


def test_points_alone_are_counted_and_percentage_points_are_a_share():
    from qa.query import build_query

    assert build_query("How many points did Paul Reed score?").answer_type == "count"
    assert build_query("By how many percentage points did support fall?").answer_type == "percent"


LOPIANO = [("g1", "Rezoning plagues councilmember", "Gothamist",
            "Throgs Neck resident Michael Lopiano shared that sentiment on Wednesday. "
            "“It’s safe over here and people want a safe area,” said Lopiano, 52. "
            "Throgs Neck resident Dennise Laboy, 55, said the push incensed her and many of her neighbors.")]


def test_a_value_stated_right_after_the_sentence_that_introduces_its_subject_is_the_answer(make_reader):
    from qa.answer.aggregate import typed_answer
    from qa.answer.evidence import gather
    from qa.query import build_query

    reader = make_reader(LOPIANO)
    question = "How old is Throgs Neck resident Michael Lopiano?"
    query = build_query(question)
    ev = gather(query, reader.hits(question), reader, reader.embedder.embed([question])[0])
    draft = typed_answer(query, ev)
    assert draft is not None and draft.short_answer == "52"
    # the sentence right after the best one (same article, nothing between) is read with it; one further on is not
    from qa.answer.aggregate import follows_best

    import dataclasses

    first, quote, other = sorted(ev.candidates, key=lambda c: c.start)
    ev.candidates = [dataclasses.replace(first, dense=1.0, lexical=1.0), quote, other]  # the introduction is best
    assert [follows_best(c, ev) for c in (quote, other)] == [True, False]


def test_each_outlet_the_question_names_is_heard_by_its_own_figure(make_reader):
    from qa.answer.extractive import quantity_answer

    articles = [
        ("p1", "Troops train", "Wire", "The Pentagon reported that approximately 10,000 North Korean soldiers have "
                                       "been sent to train in eastern Russia."),
        ("s1", "Die Lage", "Stern", "With 12,000 men things look different for the front."),
    ]
    reader = make_reader(articles)
    question = "What numbers do Stern and the Pentagon give for North Korean troops training in Russia?"
    query = build_query(question, sources=["Stern", "Wire"])
    evidence = gather(query, reader.hits(question), reader, reader.embedder.embed([question])[0])
    draft = quantity_answer(evidence)
    assert draft.conflict and "10,000" in draft.text and "12,000" in draft.text
    # a question naming no outlet is answered by the figures of its own group only
    query = build_query(question.replace("Stern and ", ""), sources=["Stern", "Wire"])
    evidence = gather(query, reader.hits(question), reader, reader.embedder.embed([question])[0])
    assert "12,000" not in quantity_answer(evidence).text


@pytest.mark.parametrize("sentence, amounts", [
    ("6:30 p.m. — Connor Bedard is in the house for his NHL debut.", []),  # a time of day
    ("The game starts at 7:00 pm and 18,000 fans attended.", ["18,000"]),
    ("He ran it in 2:03:45 and won 3 races.", ["3"]),  # a timing
])
def test_a_clock_time_is_no_amount(sentence, amounts):
    assert [f.display() for f in find_figures(sentence)] == amounts


@pytest.mark.parametrize("sentence, unit_class", [
    ("At 4.8 pounds (for the M3 Max), there is a pronounced increase with the 16-inch Pro.", "weight"),
    ("The laptop weighs 3.5 pounds.", "weight"),
    ("He paid 200 pounds for it.", "money"),  # a verb of paying before it
    ("The club spent 50 million pounds on him.", "money"),  # a scale
    ("It is 20 pounds sterling.", "money"),
])
def test_pounds_are_a_weight_unless_the_sentence_speaks_of_money(sentence, unit_class):
    assert [f.unit_class for f in find_figures(sentence) if "pounds" in f.display()] == [unit_class]


JULLIARD = [("f1", "The victims of a crypto collapse", "Fortune",
             "The first was a victim: Marc Julliard, a Paris-born cocoa trader who lives in London. "
             "In 2021, Julliard decided to invest in crypto and landed on one exchange. "
             "On Nov. 8, in the exchange's final days, he tried to pull out his cash and crypto. "
             "How much? Almost $100,000 of money to pull out, he said."),
            ("f2", "Markets", "Wire", "The exchange held $8 billion of customer deposits, a report said.")]


def test_a_value_a_few_sentences_on_that_speaks_of_the_introduced_subject_continues_it(asked):
    """The value's own sentence matches the question's words poorly ("Almost $100,000, he said."); it continues, in the
    same passage, the sentence that introduces whom it is about, by a pronoun (aggregate.continues_best)."""
    import dataclasses

    from qa.answer.aggregate import continues_best, typed_answer

    query, ev = asked(JULLIARD, "How much money did the French cocoa trader try to pull out of the exchange?")
    intro = next(c for c in ev.candidates if c.text.startswith("The first"))
    value = next(c for c in ev.candidates if "100,000" in c.text)
    elsewhere = next(c for c in ev.candidates if "8 billion" in c.text)
    lift = 0.5 / intro.relevance  # the introduction is the best sentence, the value's well below 0.8 of it
    ev.candidates = [dataclasses.replace(intro, dense=intro.dense * lift, lexical=intro.lexical * lift)] + \
        [c for c in ev.candidates if c is not intro]
    assert value.relevance < 0.8 * 0.5
    floor = 0.8 * max(c.relevance for c in ev.candidates)
    assert continues_best(value, ev, floor)
    assert not continues_best(elsewhere, ev, floor)  # another article's passage
    assert not continues_best(value, ev, 10.0)  # nothing before it matches the question well enough
    draft = typed_answer(query, ev)
    assert draft is not None and draft.short_answer == "$100,000"
