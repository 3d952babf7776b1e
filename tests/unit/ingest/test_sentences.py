"""Sentence spans: abbreviations, initials, decimals, quotes, newlines; spans are exact."""

from __future__ import annotations

import random

import pytest

from qa.ingest.cleaning import clean_text
from qa.ingest.sentences import split_sentences


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Smith went to Washington. He met Gen. Jones.", ["Mr. Smith went to Washington.", "He met Gen. Jones."]),
        ("Dr. Who and St. Petersburg officials met. No. 10 said so.", ["Dr. Who and St. Petersburg officials met.", "No. 10 said so."]),
        ("The U.S. Defense Department said so. Then it left.", ["The U.S. Defense Department said so.", "Then it left."]),
        ("Troops left the U.S. The war went on.", ["Troops left the U.S.", "The war went on."]),
        ("J. Smith and J. R. Doe arrived. They spoke.", ["J. Smith and J. R. Doe arrived.", "They spoke."]),
        ("It grew 1.5 percent to 3.25 million. Prices rose.", ["It grew 1.5 percent to 3.25 million.", "Prices rose."]),
        ("It started at 9 a.m. Eastern time and ended at 5 p.m. The talks failed.",
         ["It started at 9 a.m. Eastern time and ended at 5 p.m.", "The talks failed."]),
        ('"Stop!" he said. She left.', ['"Stop!" he said.', "She left."]),
        ("“We will fight. We will win,” he said. Then he left.", ["“We will fight. We will win,” he said.", "Then he left."]),
        ("He said: “It is over.” Nobody answered.", ["He said: “It is over.”", "Nobody answered."]),
        ("Really? Yes! Fine.", ["Really?", "Yes!", "Fine."]),
        ("Wait... Then it came.", ["Wait...", "Then it came."]),
        ("Apple Inc. said so. Jr. members came.", ["Apple Inc. said so.", "Jr. members came."]),
        ("Sales fell (see Fig. 2). Costs rose.", ["Sales fell (see Fig. 2).", "Costs rose."]),
        ("e.g. this one, vs. that one.", ["e.g. this one, vs. that one."]),
        ("A headline without a stop\nThe body. More body.", ["A headline without a stop", "The body.", "More body."]),
        ("Kursk region. 12,000 soldiers came.", ["Kursk region.", "12,000 soldiers came."]),
        ("北朝鮮の兵士。ロシアに到着した。", ["北朝鮮の兵士。", "ロシアに到着した。"]),
        ("", []),
        ("   \n  \n", []),
    ],
)
def test_split_sentences(text, expected):
    assert _sentences(text) == expected


def test_newline_always_ends_a_sentence():
    assert _sentences("Mr.\nSmith") == ["Mr.", "Smith"]
    assert _sentences("one\ntwo\n\nthree") == ["one", "two", "three"]


def test_spans_are_stripped_and_exact():
    text = "  First one.   Second one.  \n\t Third one. "
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one.", "Third one."]


def _check_invariants(text: str) -> None:
    spans = split_sentences(text)
    last_end = 0
    covered = set()
    for s, e in spans:
        assert last_end <= s < e <= len(text)
        piece = text[s:e]
        assert piece == piece.strip() and "\n" not in piece
        covered.update(range(s, e))
        last_end = e
    # every non-space character belongs to exactly one sentence
    assert covered >= {i for i, ch in enumerate(text) if not ch.isspace()}


def test_invariants_on_the_sample_articles(articles):
    for path in articles:
        raw = path.read_text(encoding="utf-8")
        for text in (raw, clean_text(raw)):
            _check_invariants(text)
            assert len(split_sentences(text)) > 5


def test_invariants_on_random_texts():
    rng = random.Random(1234)
    vocab = ["Mr.", "U.S.", "the", "troops", "1.5", "a.m.", "J.", "Kursk", '"Yes!"', "“Go.”", "said.", "no?",
             "...", "St.", "(see", "Fig.", "2).", "«oui»", "\u00a0", "\t", "\n", "  ", "Ukraine!", "e.g.", "“", '"']
    for _ in range(500):
        words = [rng.choice(vocab) for _ in range(rng.randint(0, 60))]
        _check_invariants(" ".join(words))
