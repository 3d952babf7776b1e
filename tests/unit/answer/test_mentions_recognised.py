"""Mentions typed by the entities recognised at ingest; the patterns for numbers and for indexes without entities."""

from qa.answer.mentions import mentions
from qa.ingest.entities import EntitySpan


def _spans(sentence, *found):
    out = []
    for text, label in found:
        start = sentence.index(text)
        out.append(EntitySpan(start, start + len(text), label, text))
    return out


SENTENCE = "The board of Veltrona Foods said Okafor would step down, and Rustem Umerov agreed."


def test_the_recogniser_decides_organisations_and_the_patterns_persons():
    spans = _spans(SENTENCE, ("Veltrona Foods", "ORG"), ("Okafor", "PERSON"))
    assert [m.value for m in mentions(SENTENCE, "organisation", entities=spans)] == ["Veltrona Foods"]
    # persons: the patterns' names (measured on MultiHop-RAG, see RECOGNISED_LABELS), so a name the small
    # model missed ("Rustem Umerov") is still a candidate, plus the recognised ones the patterns cannot
    # read (a surname alone: "Okafor")
    people = {m.value: m.recognised for m in mentions(SENTENCE, "person", entities=spans)}
    assert people["Rustem Umerov"] is False and people["Okafor"] is True


def test_recognised_people_and_patterns_group_under_one_key():
    sentence = "Sam Bankman-Fried’s lawyers said Bankman-Fried would appeal."
    second = sentence.rindex("Bankman-Fried")
    spans = _spans(sentence, ("Sam Bankman-Fried", "PERSON")) + [
        EntitySpan(second, second + len("Bankman-Fried"), "PERSON", "Bankman-Fried")]
    keys = {m.key for m in mentions(sentence, "person", entities=spans)}
    assert keys == {"bankman-fried"}


def test_a_length_of_time_is_not_a_date():
    sentence = "After eleven years in charge, she leaves on Monday, 3 March 2025."
    spans = _spans(sentence, ("eleven years", "DATE"), ("Monday, 3 March 2025", "DATE"))
    assert [m.value for m in mentions(sentence, "date", entities=spans)] == ["Monday, 3 March 2025"]
    sentence = "In July, little 2-year-old Lucas received a new liver."  # an age the recogniser reads as a date
    spans = _spans(sentence, ("July", "DATE"), ("2-year-old", "DATE"))
    assert [m.value for m in mentions(sentence, "date", entities=spans)] == ["July"]
    sentence = "He got sicker each week until October."  # how often, not when
    spans = _spans(sentence, ("each week", "DATE"), ("October", "DATE"))
    assert [m.value for m in mentions(sentence, "date", entities=spans)] == ["October"]


def test_a_distance_with_a_word_between_number_and_unit():
    sentence = "USC's defense held Notre Dame to just 251 total yards of offense."
    assert [m.value for m in mentions(sentence, "distance")] == ["251 total yards"]


def test_numbers_keep_their_patterns_and_no_entities_means_patterns_only():
    sentence = "Shares of Veltrona fell 4 percent to $3.2 billion."
    spans = _spans(sentence, ("4 percent", "PERCENT"), ("$3.2 billion", "MONEY"), ("Veltrona", "ORG"))
    assert mentions(sentence, "percent", entities=spans) == mentions(sentence, "percent")
    assert mentions(sentence, "money", entities=spans) == mentions(sentence, "money")
    assert not any(m.recognised for m in mentions(sentence, "organisation"))


def test_a_first_name_alone_joins_the_one_full_name_it_belongs_to(make_reader):
    from qa.answer.aggregate import aggregate
    from qa.answer.evidence import gather
    from qa.query import build_query

    articles = [("w1", "Coach fired", "ESPN", "The Wild relieved head coach Dean Evason of his duties on Tuesday."),
                ("w2", "Reaction", "The Athletic", "Dean did an excellent job as head coach, the general manager said.")]
    reader = make_reader(articles)
    names = {"w1": "Dean Evason", "w2": "Dean"}  # what the recogniser stores for these texts

    def within(doc_id, start, end):
        text = reader.documents[doc_id].text
        at = text.find(names[doc_id])
        return [EntitySpan(at, at + len(names[doc_id]), "PERSON", names[doc_id])] if start <= at < end else []

    reader.entities_within = within
    question = "Who did the Wild fire as head coach?"
    query = build_query(question)
    evidence = gather(query, reader.hits(question), reader, reader.embedder.embed([question])[0])
    ranked = aggregate(query, evidence)
    assert [g.value for g in ranked] == ["Dean Evason"] and set(ranked[0].documents) == {"w1", "w2"}


def test_a_span_holding_a_figure_is_no_persons_name():
    sentence = "The Seminoles team that just beat Louisville 16-6 relied on a third-string quarterback, Brock Glenn."
    spans = _spans(sentence, ("Louisville 16-6", "PERSON"), ("Brock Glenn", "PERSON"))
    assert [m.value for m in mentions(sentence, "person", entities=spans)] == ["Brock Glenn"]


def test_an_employer_read_as_a_product_is_an_organisation():
    sentence = "Jacquelyn interviewed David Pakman, head of venture investments at CoinFund."
    at = sentence.index("CoinFund")
    found = mentions(sentence, "organisation", entities=[EntitySpan(at, at + 8, "PRODUCT", "CoinFund")])
    assert [m.value for m in found] == ["CoinFund"]
    sentence = "He bought an iPhone at the store."  # a product that is no one's workplace
    at = sentence.index("iPhone")
    assert mentions(sentence, "organisation", entities=[EntitySpan(at, at + 6, "PRODUCT", "iPhone")]) == []


def test_an_age_written_in_words_is_an_age():
    found = mentions("The two share daughters Jordan Kay, 12, and Peyton Marie, nine.", "age")
    assert [(m.value, m.key) for m in found] == [("12", "age:12"), ("9", "age:9")]
    assert [m.value for m in mentions("A twenty-one-year-old man was hurt.", "age")] == ["21"]
    assert mentions("He was one of two, officials said.", "age") == []  # no age: "one", "two" outside the range
