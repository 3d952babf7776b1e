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
    assert analyse("How many North Korean soldiers are in Kursk?").nationality == "north korean"


def test_term_matching():
    assert term_match("deploy", {"deploy"}) == 1.0
    assert term_match("send", {"deploy"}) == 0.8
    assert term_match("command", {"commander"}) == 0.7
    assert term_match("tank", {"troop"}) == 0.0
    assert same_head("interpreters", "interpreter") and same_head("brigades", "brigade")
