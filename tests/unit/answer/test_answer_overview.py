"""Overviews: on the question's topic, the facts a news article leads with, and an abstention when the
articles do not hold the topic."""

from qa.answer.evidence import gather
from qa.answer.overview import off_topic, overview_answer, overview_sentences
from qa.query import build_query

EXCHANGE = [
    ("x1", "Exchange chief quits", "TechCrunch",
     "Changpeng Zhao, the founder of Binance, is stepping down and has pleaded guilty to violations of US law. "
     "Binance has also agreed to pay about $4.3 billion to resolve the investigations, the agency said. "
     "Binance grew quickly after it launched and became a large exchange in the world of crypto trading. "
     "Binance has often made headlines for its many crypto products and its fast growth. "
     "This article has been updated to reflect the latest developments on the charges against Binance."),
    ("x2", "Dating app", "Fortune",
     "Dating app Bumble is replacing its founder chief executive with the chief executive of Slack this week."),
]


def evidence_for(make_reader, articles, question):
    reader = make_reader(articles)
    query = build_query(question, sources=sorted({a[2] for a in articles}))
    return gather(query, reader.hits(question), reader, reader.embedder.embed([question])[0])


def test_an_overview_quotes_the_topic_article_its_lede_and_figures_and_no_boilerplate(make_reader):
    ev = evidence_for(make_reader, EXCHANGE, "Summarize what happened to Binance and its chief.")
    picked = overview_sentences(ev, limit=3)
    texts = " ".join(c.text for c in picked)
    assert {c.doc_id for c in picked} == {"x1"}  # the dating-app article is off the topic
    assert "stepping down" in texts and "$4.3 billion" in texts
    assert "updated" not in " ".join(c.text for c in overview_sentences(ev))


def test_an_overview_of_a_topic_no_article_names_abstains(make_reader):
    ev = evidence_for(make_reader, EXCHANGE, "What happened in Gaza?")
    assert off_topic(ev)
    assert overview_answer(ev).abstained
    ev = evidence_for(make_reader, EXCHANGE, "Summarize the articles.")  # no topic: never off it
    assert not off_topic(ev) and not overview_answer(ev).abstained



MASKS = [("k1", "Masks stolen from Kobe hospital", "Example Times",
          "A total of 6,000 surgical masks were stolen from the Kobe hospital, officials at the Kobe hospital said. "
          "The 6,000 surgical masks stolen from the Kobe hospital were worth 40,000 yen, officials at the Kobe hospital "
          "said on Tuesday. The police in Hyogo are investigating the theft as a crime. "
          "Japan is seeing a shortage of face masks amid the spread of the virus.")]


def test_one_article_overview_keeps_its_lede_and_the_facts_that_share_its_words(make_reader):
    # a short focused story's sentences share its topic words (here at cosine 0.86): that is no repetition
    ev = evidence_for(make_reader, MASKS, "Summarize the story about the masks stolen from the Kobe hospital.")
    texts = [c.text for c in overview_sentences(ev)]
    assert texts[0].startswith("A total of 6,000 surgical masks") and any("40,000 yen" in t for t in texts)
