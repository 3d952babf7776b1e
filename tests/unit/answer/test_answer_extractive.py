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


def test_what_someone_said_is_answered_only_by_a_sentence_reporting_them(make_reader):
    """"What did China say ...?" is not answered by a sentence that names China without reporting its words."""
    from qa.answer.evidence import gather
    from qa.answer.extractive import ExtractiveGenerator
    from qa.query import build_query

    assert build_query("What did China's foreign ministry say about the troops?").speaker == ("china", "foreign",
                                                                                              "ministry")
    assert build_query("What do experts say about the troops?").speaker == ("expert",)
    assert build_query("What did the troops do in Kursk?").speaker == ()
    named = ("The North Korean dictatorship was viewed with suspicion even by Russia and China before the "
             "deployment of its troops.")
    reported = "China said the deployment of North Korean troops was a matter for Moscow and Pyongyang."

    def answer(text, question="What did China say about the deployment of North Korean troops?"):
        reader = make_reader([("d1", "Deployment", "Wire", text)])
        query = build_query(question)
        evidence = gather(query, reader.hits(question), reader, reader.embedder.embed([question])[0])
        return ExtractiveGenerator().generate(question, evidence)

    assert answer(named).abstained
    assert answer(reported).text.startswith("China said")
    assert answer(f"The deployment of North Korean troops worries Seoul, according to China. {named}").text \
        .startswith("The deployment")  # the verb before the speaker


def test_according_to_someone_asks_their_account_but_an_outlet_is_its_article():
    from qa.query import build_query

    assert build_query("What caused the gas leak, according to the gas company?").speaker == ("gas", "company")
    assert build_query("What caused the gas leak, according to an article from The Verge?").speaker == ()
    assert build_query("What caused the gas leak, according to The Verge?", sources=["The Verge"]).speaker == ()
