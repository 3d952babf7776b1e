"""A sentence that speaks of what the text before it named: by a definite noun that is a word of an earlier
proper name ("the salon" after "Aisha's Salon and Spa"), or by a pronoun at the start of a chunk."""

from __future__ import annotations

import numpy as np
import pytest

from qa.answer.evidence import gather, named_referent
from qa.query import build_query
from qa.types import Chunk


@pytest.mark.parametrize("sentence, before, name", [
    ("The salon namesake's son, Usman Hasib, runs the business now.",
     "A beauty business took measures. Aisha's Salon and Spa was founded 30 years ago. The owner said so.",
     "Aisha's Salon and Spa"),
    ("The hospital reported the theft.", "The masks were kept at the Japanese Red Cross Kobe Hospital.",
     "Japanese Red Cross Kobe Hospital"),
    ("The company said it would appeal.", "Apple sold phones.", None),  # no name has the noun as a word
    ("The hospital reported the theft.", "Hospital staff noticed it.", None),  # one capitalised word is no name
    ("Officials at the hospital said so.", "The Japanese Red Cross Kobe Hospital.", None),  # not a definite opening
    # a person called by their age alone is the last one named before ("The odds ..." is no name)
    ("The 31-year-old co-founded FTX in 2019.",
     "The trial of Sam Bankman-Fried started Tuesday. “The odds seem to be stacked against him.”", "Sam Bankman-Fried"),
    ("The 31-year-old Sam Bankman-Fried co-founded FTX.", "Caroline Ellison testified.", None),  # the age names him
    ("Asked about it, Ellison said the 31-year-old knew.", "Caroline Ellison testified.", None),  # a name before it
])
def test_named_referent(sentence, before, name):
    assert named_referent(sentence, before) == name


SALON = ("s", "Salon bans men", "ABC", "Aisha's Salon and Spa was founded 30 years ago to create a safe space. "
         "On Tuesday, a man came in and sat in the waiting area. "
         "The salon namesake's son, Usman Hasib, runs the business now. "
         "He said the signs will now be posted outside.")


def two_chunk_reader(make_reader, article, split_at):
    """A FakeReader whose one article is cut into two chunks at character `split_at` (a sentence start)."""
    reader = make_reader([article])
    doc_id, text = article[0], article[3]
    reader.chunks = [Chunk(chunk_id=f"{doc_id}-c0", doc_id=doc_id, start=0, end=split_at - 1,
                           text=text[:split_at - 1]),
                     Chunk(chunk_id=f"{doc_id}-c1", doc_id=doc_id, start=split_at, end=len(text), text=text[split_at:])]
    reader.chunk_row = {c.chunk_id: i for i, c in enumerate(reader.chunks)}
    spans = [tuple(s) for s in reader.sentence_spans]
    reader.sentence_ptr = np.asarray([0, sum(1 for s, _ in spans if s < split_at), len(spans)], dtype=np.int64)
    return reader


def test_a_definite_noun_borrows_the_words_of_the_name_it_stands_for(make_reader):
    reader = make_reader([SALON])
    question = "Who runs Aisha's Salon and Spa now?"
    evidence = gather(build_query(question), reader.hits(question), reader, reader.embedder.embed([question])[0])
    son = next(c for c in evidence.candidates if c.text.startswith("The salon"))
    assert {"aisha", "salon", "spa"} <= son.context_terms
    assert son.lexical == pytest.approx(1.0)


def test_a_chunk_that_opens_on_a_pronoun_refers_back_across_the_chunk_boundary(make_reader):
    text = SALON[3]
    reader = two_chunk_reader(make_reader, SALON, text.index("He said"))
    question = "What will the salon's son post outside?"
    hits = [reader.hit(1, 1.0), reader.hit(0, 0.5)]
    evidence = gather(build_query(question), hits, reader, reader.embedder.embed([question])[0])
    he = next(c for c in evidence.candidates if c.text.startswith("He said"))
    assert he.chunk_id == "s-c1" and {"usman", "hasib", "son"} <= he.context_terms


@pytest.mark.parametrize("sentence, back", [
    ("The victims were two women who were 22 and 24 years old at the time.", True),  # a group the text spoke of
    ("The women said they were afraid.", True),
    ("The suspects fled to Miami.", False),  # it names a place of its own: it may be about anyone
    ("The company reported revenue of $9.3 billion.", False),  # singular, and no company named before
    ("The main purpose of the update appears to be clear.", False),
])
def test_a_nameless_sentence_on_a_plural_definite_noun_refers_back(sentence, back):
    from qa.answer.evidence import refers_back
    from qa.query import content_terms

    before = frozenset(content_terms("The tribunal found that the official had harassed two employees."))
    assert refers_back(sentence, before) is back
