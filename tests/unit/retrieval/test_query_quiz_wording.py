"""Quiz wordings of amounts (eval/datasets/quiz): a debt or a loan asked 'how much' is money, and the
verb 'share' that ends a question is not the noun 'share' of a percentage."""

from qa.query import build_query


def test_how_much_debt_is_money_and_how_many_loans_a_count():
    assert build_query("How much student loan debt does Marisa Johnson have?").answer_type == "money"
    assert build_query("How many loans did the bank approve last year?").answer_type == "count"


def test_the_verb_share_asks_no_percentage_the_noun_does():
    question = "How much prize money do the 2023 chemistry Nobel laureates share?"
    assert build_query(question).answer_type == "money"
    assert build_query("What share of the market does Temu hold?").answer_type == "percent"
    assert build_query("How big a share of the vote did the party win?").answer_type == "percent"


def test_which_noun_names_the_type_asked_for_roles_publications_and_places():
    assert build_query("Which heavyweight beat Deontay Wilder in Riyadh?").answer_type == "person"
    assert build_query("Which England batter had a brilliant series?").answer_type == "person"
    assert build_query("Which magazine picked Taylor Swift as its Person of the Year?").answer_type == "organisation"
    assert build_query("Which Arkansas publisher filed the suit?").answer_type == "organisation"
    assert build_query("In which kibbutz was she taken hostage?").answer_type == "place"


def test_a_money_noun_a_few_words_after_what_asks_money():
    assert build_query("What was the Cyber Monday price of the AirPods Max?").answer_type == "money"
    assert build_query("What was the bail bond SBF got released on?").answer_type == "money"
