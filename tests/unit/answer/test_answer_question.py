import pytest

from qa.answer.question import analyse, same_head, term_match


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
