import pytest

from qa.answer.evidence import coverage, sentence_and_passage_coverage
from qa.answer.question import analyse, content_terms, same_head, term_match


@pytest.mark.parametrize(
    "question, kind, unit_class",
    [
        ("How many North Korean soldiers did the Pentagon say were sent?", "quantity", "personnel"),
        ("How far from the border are the troops stationed?", "quantity", "distance"),
        ("How much is Russia paying each soldier?", "quantity", "money"),
        ("Into how many units will the soldiers be divided?", "quantity", "formation"),
        ("Who said the troops had been shelled?", "who", None),
        ("Which retired Ukrainian colonel spoke about it?", "who", None),
        ("Who is Mark Rutte?", "what", None),
        ("On which day did the first group arrive?", "when", None),
        ("Have North Korean troops fought yet?", "yesno", None),
        ("What did the Ukrainian Army issue?", "what", None),
    ],
)
def test_question_kinds(question, kind, unit_class):
    info = analyse(question)
    assert info.kind == kind and info.unit_class == unit_class


def test_terms_drop_question_words_and_map_irregular_verbs():
    info = analyse("How many troops did Ukraine's defence minister say they fought?")
    assert "many" not in info.terms and "say" not in info.terms
    assert "fight" in info.terms and "defense" in info.terms
    assert analyse("How many North Korean soldiers are in Kursk?").nationality == "north korea"


def test_term_matching():
    assert term_match("deploy", {"deploy"}) == 1.0
    assert term_match("send", {"deploy"}) == 0.8
    assert term_match("command", {"commander"}) == 0.7
    assert term_match("tank", {"troop"}) == 0.0
    assert same_head("interpreters", "interpreter") and same_head("brigades", "brigade")


@pytest.mark.parametrize(
    "question, answer_type",
    [
        ("Who is the individual facing a fraud trial, as reported by The Verge?", "person"),
        ("Which company, reported by TechCrunch, faces antitrust allegations?", "organisation"),
        ("Which city will host the summit?", "place"),
        ("When did the first group arrive?", "date"),
        ("How many people attended the match?", "count"),
        ("By what percentage did sales fall?", "percent"),
        ("How much did the company pay for the startup?", "money"),
        ("How old is the new chief executive?", "age"),
        ("How long did the trial last?", "duration"),
        ("How far from the border are the troops stationed?", "distance"),
        ("Why did the board fire its chief executive?", "reason"),
        ("Who is Mark Rutte?", "description"),
        ("Summarize the articles.", "summary"),
        ("What happened in Geneva?", "summary"),
        ("Does the Engadget review suggest a different aspect than The Verge's?", "yesno"),
        ("Between the report by FOX News on October 1 and the article from TechCrunch on October 2, "
         "is there consistency in the portrayal?", "yesno"),
        ("Considering an article from The Verge, which company was fined?", "organisation"),
    ],
)
def test_answer_types(question, answer_type):
    assert analyse(question).answer_type == answer_type


@pytest.mark.parametrize(
    "question, relation",
    [
        ("Is there consistency in the portrayal between the two reports?", "same"),
        ("After the report on December 5, was there a change in the portrayal of the team?", "different"),
        ("Was the Reuters report published before the BBC report?", "before"),
        ("Did both The Verge and TechCrunch report the fine?", "both"),
        ("How many troops arrived?", None),
    ],
)
def test_relation_asked(question, relation):
    assert analyse(question).relation == relation


def test_query_reads_outlets_dates_and_entities_once():
    from datetime import date

    from qa.query import build_query

    q = build_query("What did The Verge report last week about Sam Bankman-Fried and FTX?",
                    sources=["The Verge", "TechCrunch"], as_of=date(2023, 1, 5))
    assert q.sources_mentioned == ("The Verge",)
    assert [(r.start, r.end) for r in q.date_ranges] == [("2022-12-29", "2023-01-05")]
    assert "Sam Bankman-Fried" in q.entities and "FTX" in q.entities and "The Verge" not in q.entities
    assert q.as_of == date(2023, 1, 5) and q.analysis is not None


@pytest.mark.parametrize("question, terms", [
    ("What is Mark Rutte's job?", ("mark", "rutte")),
    ("What position does Rustem Umerov hold?", ("rustem", "umerov")),
    ("What is John Kirby's role?", ("john", "kirby")),
    ("How many jobs were cut?", ("job", "cut")),  # a count of jobs: "job" is what is counted
    ("What month did the port reopen?", ("port", "reopen")),  # the answer is "August", no sentence says "month"
    ("How many weeks did the strike last?", ("week", "strike", "last")),  # a duration counts weeks
])
def test_a_role_or_date_question_asks_for_the_value_not_the_word_job_or_month(question, terms):
    # no sentence calls a title a "job" or a "position": those words would only lower the relevance of
    # "NATO Secretary General Mark Rutte said ..."
    assert analyse(question).terms == terms


@pytest.mark.parametrize(
    "term, words, credit",
    [
        ("deploy", "they were deployed", 1.0),  # an inflection
        ("mobilise", "refrains from mobilizing", 1.0),  # another spelling, inflected
        ("send", "deploy", 0.8),  # a synonym
        ("pyongyang", "north korean officials", 0.8),  # a capital: its country's words, all of them
        ("pyongyang", "north officials", 0.0),  # not all of them
        ("russia", "officials in moscow", 0.8),  # a word of a country's name: its capital
        ("command", "commanders", 0.7),  # a shared stem of five letters
        ("warfare", "war", 0.0),  # a word under five letters is no stem
        ("tank", "troop", 0.0),
    ],
)
def test_term_match_gives_each_credit_alike_for_a_sentence_set_and_a_plain_set(term, words, credit):
    have = content_terms(words)
    # frozensets are read through cached per-term keys and a per-sentence prefix index; plain sets word by word
    assert term_match(term, frozenset(have)) == term_match(term, set(have)) == credit


def test_sentence_and_passage_coverage_equals_two_coverages():
    question = analyse("Where were the North Korean soldiers sent to train before moving toward Kursk?")
    sentences = ["The Pentagon reported that approximately 10,000 North Korean soldiers have been sent to train.",
                 "Officials in Pyongyang said nothing.", "Commanders moved toward the Kursk region.", ""]
    passage = frozenset(content_terms(" ".join(sentences)))
    idf = {t: 1.0 + i for i, t in enumerate(question.terms)}
    for text in sentences:
        said = frozenset(content_terms(text))
        assert sentence_and_passage_coverage(question.terms, said, said | passage, idf) == (
            coverage(question.terms, said, idf), coverage(question.terms, said | passage, idf))
    assert sentence_and_passage_coverage((), frozenset(), frozenset(), {}) == (0.0, 0.0)
