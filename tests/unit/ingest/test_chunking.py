"""Chunks: exact offsets always, budgets kept, whole sentences, overlap, stable ids."""

from __future__ import annotations

import dataclasses
import random

import pytest

from qa.errors import InputError
from qa.ingest.chunking import chunk_document, chunk_id, embedding_prefix, embedding_text
from qa.ingest.cleaning import clean_document
from qa.ingest.loaders import load_file
from qa.ingest.sentences import split_sentences
from qa.types import Document

SETTINGS = [(200, 40), (64, 16), (32, 0), (48, 47)]


def _doc(path) -> Document:
    return clean_document(load_file(path, path.stem, 10**7).documents[0])


def _check(doc: Document, chunks, count_tokens, budget: int) -> None:
    """The invariants every chunking must hold."""
    text = doc.text
    assert [c.ordinal for c in chunks] == list(range(len(chunks)))
    covered: set[int] = set()
    previous_start = -1
    for c in chunks:
        assert text[c.start:c.end] == c.text, "offsets must point at the chunk text"
        assert c.doc_id == doc.doc_id and c.text and c.text == c.text.strip()
        assert count_tokens(c.text) <= budget
        assert c.start > previous_start  # in document order, each chunk adds something
        previous_start = c.start
        covered.update(range(c.start, c.end))
    assert covered >= {i for i, ch in enumerate(text) if not ch.isspace()}, "no text may be lost"
    assert len({c.chunk_id for c in chunks}) == len(chunks)


def test_offsets_on_all_sample_articles(articles, count_tokens):
    for path in articles:
        doc = _doc(path)
        for budget, overlap in SETTINGS:
            chunks = chunk_document(doc, count_tokens, budget, overlap)
            assert chunks
            _check(doc, chunks, count_tokens, budget)


def test_offsets_on_raw_uncleaned_text(articles, count_tokens):
    # chunking must hold its invariant on any text, even one with blank lines and odd spacing
    for path in articles:
        raw = path.read_text(encoding="utf-8")
        doc = Document(doc_id=path.stem, text="\n\n  " + raw.replace(". ", ".   ") + " \n", title="t")
        _check(doc, chunk_document(doc, lambda s: len(s.split()), 50, 10), lambda s: len(s.split()), 50)


def test_offsets_on_random_texts(count_tokens):
    rng = random.Random(42)
    vocab = ["the", "troops", "Mr.", "U.S.", "arrived.", "Kursk!", "1.5", "said?", "“quote.”", "x" * 120,
             "https://example.com/" + "a" * 400, "\n", "\n\n", "  ", "\t", "word", "and", "a.m.", "Ukraine."]
    for i in range(300):
        words = [rng.choice(vocab) for _ in range(rng.randint(0, 400))]
        doc = Document(doc_id=f"r{i}", text=" ".join(words), title="")
        budget = rng.choice([8, 16, 40, 200])
        overlap = rng.randrange(0, budget)
        _check(doc, chunk_document(doc, count_tokens, budget, overlap), count_tokens, budget)


def test_chunks_are_whole_sentences_with_overlap(count_tokens):
    sentences = [f"Sentence number {i} tells about troops in the Kursk region today." for i in range(40)]
    doc = Document(doc_id="d", text=" ".join(sentences), title="t")
    chunks = chunk_document(doc, count_tokens, 60, 20)
    assert len(chunks) > 3
    starts = {s for s, _ in split_sentences(doc.text)}
    ends = {e for _, e in split_sentences(doc.text)}
    for c in chunks:
        assert c.start in starts and c.end in ends
    for a, b in zip(chunks, chunks[1:]):
        assert b.start < a.end, "consecutive chunks of one paragraph overlap"
        assert count_tokens(doc.text[b.start:a.end]) <= 20


def test_no_overlap_when_zero(count_tokens):
    doc = Document(doc_id="d", text=" ".join(f"Sentence {i} is here." for i in range(50)), title="t")
    chunks = chunk_document(doc, count_tokens, 30, 0)
    for a, b in zip(chunks, chunks[1:]):
        assert b.start > a.end


def test_chunks_do_not_cross_paragraphs_unless_tiny(count_tokens):
    para = " ".join(f"Paragraph sentence {i} describes the troop movements near the border." for i in range(6))
    doc = Document(doc_id="d", text=f"Short heading\n{para}\n{para.replace('Paragraph', 'Other')}", title="t")
    chunks = chunk_document(doc, count_tokens, 200, 40)
    first_break, second_break = doc.text.index("\n"), doc.text.rindex("\n")
    assert chunks[0].text.startswith("Short heading\nParagraph")  # the tiny heading joins the next paragraph
    assert not any(c.start < second_break < c.end for c in chunks)  # two long paragraphs stay apart
    assert first_break > 0


def test_a_short_last_paragraph_joins_the_one_before(count_tokens):
    para = " ".join(f"Sentence {i} describes the troop movements near the border." for i in range(8))
    doc = Document(doc_id="d", text=f"{para}\nThe end.", title="t")
    chunks = chunk_document(doc, count_tokens, 200, 40)
    assert chunks[-1].text.endswith("\nThe end.")


def test_overlong_sentence_is_cut_at_word_boundaries(count_tokens):
    sentence = " ".join(f"word{i}" for i in range(500)) + "."
    doc = Document(doc_id="d", text=sentence, title="t")
    chunks = chunk_document(doc, count_tokens, 50, 10)
    assert len(chunks) > 10
    for c in chunks:
        assert count_tokens(c.text) <= 50
        assert c.start == 0 or doc.text[c.start - 1] == " "
        assert c.end == len(doc.text) or doc.text[c.end] == " "


def test_overlong_word_is_cut_by_characters():
    doc = Document(doc_id="d", text="see " + "x" * 1000 + " now", title="t")
    count_chars = len  # a counter that makes one word exceed the budget
    chunks = chunk_document(doc, count_chars, 100, 0)
    assert all(len(c.text) <= 100 for c in chunks)
    assert "".join(c.text for c in chunks if c.text.startswith("x")) == "x" * 1000


def test_chunk_ids_are_stable_and_content_derived(articles, count_tokens):
    path = articles[3]
    first = chunk_document(_doc(path), count_tokens)
    second = chunk_document(_doc(path), count_tokens)  # a fresh load: a second "run"
    assert [c.chunk_id for c in first] == [c.chunk_id for c in second]
    assert all(len(c.chunk_id) == 16 and int(c.chunk_id, 16) >= 0 for c in first)
    c0 = first[0]
    assert c0.chunk_id == chunk_id(c0.doc_id, 0, c0.text)
    other = chunk_document(dataclasses.replace(_doc(path), doc_id="other"), count_tokens)
    assert {c.chunk_id for c in other}.isdisjoint({c.chunk_id for c in first})


def test_chunk_ids_change_only_where_text_changes(count_tokens):
    paras = [" ".join(f"Paragraph {p} sentence {i} is about Kursk troops." for i in range(10)) for p in range(3)]
    doc = Document(doc_id="d", text="\n".join(paras), title="t")
    edited = dataclasses.replace(doc, text=doc.text.replace("Paragraph 2 sentence 5", "Paragraph 2 sentence five"))
    before = [c.chunk_id for c in chunk_document(doc, count_tokens, 60, 10)]
    after = [c.chunk_id for c in chunk_document(edited, count_tokens, 60, 10)]
    assert before[:3] == after[:3] and before != after


def test_identical_text_twice_gets_distinct_ids(count_tokens):
    para = " ".join(f"Sentence {i} repeats the very same words about Kursk." for i in range(8))
    doc = Document(doc_id="d", text=f"{para}\n{para}", title="t")
    chunks = chunk_document(doc, count_tokens, 200, 0)
    texts = [c.text for c in chunks]
    assert len(texts) == 2 and texts[0] == texts[1]
    assert chunks[0].chunk_id == chunk_id("d", 0, texts[0]) and chunks[1].chunk_id == chunk_id("d", 1, texts[1])


def test_empty_text_gives_no_chunks(count_tokens):
    assert chunk_document(Document(doc_id="d", text="", title="t"), count_tokens) == []
    assert chunk_document(Document(doc_id="d", text=" \n \n", title="t"), count_tokens) == []


def test_bad_sizes_are_rejected(count_tokens):
    doc = Document(doc_id="d", text="Text.", title="t")
    with pytest.raises(InputError):
        chunk_document(doc, count_tokens, 0, 0)
    with pytest.raises(InputError, match="overlap"):
        chunk_document(doc, count_tokens, 50, 50)


def test_embedding_text_has_headline_source_and_date(count_tokens):
    doc = Document(doc_id="d", text="Body sentence.", title="North Korean troops arrive", source="Stern",
                   published_at="2024-10-28T10:00:00+00:00")
    chunk = chunk_document(doc, count_tokens)[0]
    assert embedding_prefix(doc) == "North Korean troops arrive\nStern · 2024-10-28\n"
    assert embedding_text(doc, chunk) == embedding_prefix(doc) + chunk.text
    assert embedding_prefix(dataclasses.replace(doc, source=None)) == "North Korean troops arrive\n2024-10-28\n"
    assert embedding_prefix(dataclasses.replace(doc, source=None, published_at=None)) == "North Korean troops arrive\n"
    assert embedding_prefix(dataclasses.replace(doc, title="", source=None, published_at=None)) == ""
