"""Duplicate detection: identical copies and syndicated reprints across a corpus."""

from __future__ import annotations

import hashlib
import random
import time

import pytest

from qa.errors import InputError
from qa.ingest.cleaning import clean_text
from qa.ingest.dedup import DuplicateDetector, exact_key, jaccard, shingles


def _corpus(articles) -> dict[str, str]:
    return {p.stem: clean_text(p.read_text(encoding="utf-8")) for p in articles}


def test_sample_articles_are_distinct(articles):
    detector = DuplicateDetector()
    for doc_id, text in _corpus(articles).items():
        assert detector.add(doc_id, text) == (None, None)
    assert len(detector) == 5


def test_exact_duplicate_ignores_case_and_spacing(articles):
    corpus = _corpus(articles)
    detector = DuplicateDetector()
    for doc_id, text in corpus.items():
        detector.add(doc_id, text)
    copy = "  " + corpus["000_130b95970b212a7e"].upper().replace(" ", "   ") + "\n"
    assert detector.add("copy", copy) == ("000_130b95970b212a7e", None)
    assert "copy" not in detector  # an exact copy is not stored


def test_reprint_with_a_changed_sentence_is_a_near_duplicate(articles):
    corpus = _corpus(articles)
    detector = DuplicateDetector(threshold=0.8)
    for doc_id, text in corpus.items():
        detector.add(doc_id, text)
    original = corpus["001_0e171da80b4cf268"]
    first_sentence = original.split(". ")[0]
    reprint = original.replace(first_sentence, "Washington warned on Monday that North Korean soldiers are heading west")
    reprint = "Syndicated from Example Wire\n" + reprint
    assert reprint != original
    assert detector.add("reprint", reprint) == (None, "001_0e171da80b4cf268")
    # a reprint of the reprint still points at a stored document
    exact, near = detector.add("reprint2", reprint.replace("Example Wire", "Other Wire"))
    assert exact is None and near in {"reprint", "001_0e171da80b4cf268"}


def test_articles_on_the_same_event_are_not_near_duplicates(articles):
    corpus = _corpus(articles)
    a, b = shingles(corpus["001_0e171da80b4cf268"]), shingles(corpus["004_4fbb5dd4bc5896b7"])
    assert jaccard(a, b) < 0.3  # 004 is partly rewritten from 001, yet far from a reprint


def test_remove_forgets_a_document():
    detector = DuplicateDetector()
    text = "North Korean troops arrived in the Kursk region on Monday, officials said. " * 5
    assert detector.add("a", text) == (None, None)
    detector.remove("a")
    detector.remove("never-added")  # no error
    assert detector.add("b", text) == (None, None)
    assert detector.add("c", text) == ("b", None)


def test_adding_an_id_again_replaces_its_text():
    detector = DuplicateDetector()
    detector.add("a", "first version of the story about troops in Kursk")
    assert detector.add("a", "a completely different second version") == (None, None)
    assert detector.add("b", "first version of the story about troops in Kursk") == (None, None)


def test_short_texts_can_match():
    detector = DuplicateDetector(threshold=0.5)
    detector.add("a", "Troops arrive in Kursk on Monday morning")
    assert detector.add("b", "Troops arrive in Kursk on Monday evening") == (None, "a")


def test_threshold_is_checked():
    with pytest.raises(InputError, match="threshold"):
        DuplicateDetector(threshold=0)
    with pytest.raises(InputError):
        DuplicateDetector(threshold=1.5)


def test_exact_key_is_stable():
    assert exact_key("A  b\nC") == exact_key("a b c")
    assert exact_key("a b c") == hashlib.sha256(b"a b c").hexdigest()


def test_many_documents_are_fast_and_correct():
    rng = random.Random(7)
    vocab = [f"w{i}" for i in range(5000)]
    docs = {f"d{i}": " ".join(rng.choice(vocab) for _ in range(800)) for i in range(600)}
    # ten reprints: one sentence-sized stretch of words changed
    for i in range(10):
        words = docs[f"d{i}"].split()
        words[100:115] = ["changed"] * 15
        docs[f"r{i}"] = " ".join(words)
    detector = DuplicateDetector()
    start = time.perf_counter()
    found = {doc_id: detector.add(doc_id, text) for doc_id, text in docs.items()}
    elapsed = time.perf_counter() - start
    assert {k: v for k, v in found.items() if v != (None, None)} == {f"r{i}": (None, f"d{i}") for i in range(10)}
    assert elapsed < 10, f"{elapsed:.1f}s for 610 documents: candidate search has become quadratic?"
