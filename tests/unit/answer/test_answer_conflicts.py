from qa.answer.compose import compose_answer
from qa.answer.conflicts import Side, amounts_differ, disagreement, polarity
from qa.answer.quantities import find_figures


def test_polarity_of_event_sentences():
    assert polarity("North Korean troops have come under fire in the Kursk region, according to a Kyiv official.") == 1
    assert polarity("Troops in Kursk had been shelled by Ukrainian artillery.") == 1
    assert polarity("While their engagement in combat has not yet commenced, experts say they could matter.") == -1
    assert polarity("The report remains unverified.") == -1
    assert polarity("If the North Koreans actually fight, that will be an escalation.") == 0


def test_amounts_differ():
    same = find_figures("about 10,000 troops") + find_figures("approximately 10,000 soldiers")
    assert not amounts_differ(same)
    assert amounts_differ(same + find_figures("15,000 soldiers"))


def test_disagreement_text():
    text = disagreement([Side("Troops came under fire.", 1), Side("Combat has not yet commenced.", 2)])
    assert text == "Sources disagree: Troops came under fire [1]; Combat has not yet commenced [2]."


def test_yes_no_question_with_opposite_sources(reader, embedder, answer_settings):
    q = "Have North Korean troops come under fire in combat yet?"
    comp = compose_answer(q, reader.hits(q), reader, embedder, answer_settings)
    assert comp.answer.startswith("Sources disagree:")
    assert {c.doc_id for c in comp.citations} == {"a", "c"}
    assert "not yet commenced" in comp.answer and "come under fire" in comp.answer


def test_figure_disagreement_lists_each_reporter(reader, embedder, answer_settings):
    q = "How many North Korean soldiers are being sent or deployed?"
    comp = compose_answer(q, reader.hits(q), reader, embedder, answer_settings)
    assert comp.answer.startswith("Reports differ:")
    for expected in ("the Pentagon reported", "approximately 10,000", "Umerov anticipates", "approximately 15,000"):
        assert expected in comp.answer
    assert all(c.verified for c in comp.citations)


def test_polarity_reads_the_events_own_verb():
    approve = ("arlen", "city", "council", "approve", "new", "budget")
    assert polarity("The Arlen city council approved the new budget by seven votes to four.", approve) == 1
    assert polarity("Arlen city council members rejected the new budget on Tuesday night.", approve) == -1
    bankrupt = ("brenna", "airway", "go", "bankrupt")
    assert polarity("Brenna Airways went bankrupt on Wednesday, stranding passengers.", bankrupt) == 1
    assert polarity("Brenna Airways avoided bankruptcy after a last-minute rescue deal.", bankrupt) == -1
    reopen = ("tolva", "mine", "reopen")
    assert polarity("Production resumed at the reopened Tolva mine this week.", reopen) == 0  # "the reopened": no verb
    reject = ("council", "reject", "budget")  # the refusal is the event asked about: asserted, not denied
    assert polarity("Arlen city council members rejected the new budget on Tuesday night.", reject) == 1
    assert polarity("The council approved the new budget.") == 0  # without the question's words, as before


def test_each_side_of_a_disagreement_names_its_outlet():
    text = disagreement([Side("The mine reopened.", 1, "Mining Weekly"), Side("The mine has not reopened.", 2, "Local Jobs")])
    assert text == "Sources disagree: The mine reopened [1] (Mining Weekly); The mine has not reopened [2] (Local Jobs)."
