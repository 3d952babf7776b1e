from qa.answer.abstain import abstention_text, support_score
from qa.answer.compose import compose_answer
from qa.answer.evidence import gather
from qa.answer.question import analyse


def ask(reader, embedder, settings, q):
    return compose_answer(q, reader.hits(q), reader, embedder, settings)


def test_single_figure_quotes_the_sentence(reader, embedder, answer_settings):
    comp = ask(
        reader, embedder, answer_settings, "How many North Korean soldiers did the Pentagon say were sent to train?"
    )
    assert not comp.abstained
    # the amount first, then the sentence that states it
    assert comp.answer.startswith("Approximately 10,000 [1]. The Pentagon reported that approximately 10,000")
    assert comp.answer.endswith("[1].")
    assert comp.short_answer == "Approximately 10,000" and comp.answer_type == "count"
    assert [(c.value, c.citations) for c in comp.candidates] == [("Approximately 10,000", (1,))]
    (c,) = comp.citations
    assert c.doc_id == "b" and c.verified and reader.documents["b"].text[c.start : c.end] == c.quote


def test_who_question_cites_a_named_person(reader, embedder, answer_settings):
    comp = ask(reader, embedder, answer_settings, "Who confirmed the deployment of North Korean troops in Kursk?")
    assert "Mark Rutte" in comp.answer and comp.citations[0].doc_id == "b"


def test_quantity_without_a_figure_of_that_unit_abstains(reader, embedder, answer_settings):
    q = "How many tanks has North Korea sent?"
    ev = gather(analyse(q), reader.hits(q), reader, embedder.embed([q])[0])
    assert support_score(ev) == 0.0
    comp = ask(reader, embedder, answer_settings, q)
    assert comp.abstained and comp.citations == []
    assert comp.answer == "The indexed articles do not say how many tanks has North Korea sent."


def test_no_hits_abstains(reader, embedder, answer_settings):
    comp = compose_answer("Who won?", [], reader, embedder, answer_settings)
    assert comp.abstained


def test_abstention_wording():
    assert abstention_text("and who commands them?") == "The indexed articles do not say who commands them."
    assert abstention_text("Have they fought yet?") == 'The indexed articles do not say: "Have they fought yet?"'


def test_evidence_within_equals_gathering_the_first_hits(reader, embedder):
    import numpy as np

    from qa.answer.evidence import gather
    from qa.answer.question import analyse

    q = "How many North Korean soldiers are being sent?"
    hits = reader.hits(q)
    assert len(hits) >= 3
    qvec = embedder.embed([q])[0]
    wide = gather(analyse(q), hits, reader, qvec).within(2)
    narrow = gather(analyse(q), hits[:2], reader, qvec)
    key = lambda ev: [(c.doc_id, c.start, c.hit_rank, round(c.score, 6)) for c in ev.candidates]  # noqa: E731
    assert key(wide) == key(narrow) and wide.hits == narrow.hits
    assert np.isfinite([c.score for c in wide.candidates]).all()
