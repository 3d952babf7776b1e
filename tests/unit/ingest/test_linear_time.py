"""Ingest work grows linearly with the input: hostile shapes that used to be quadratic.

Where the work can be counted (characters handed to the tokenizer) the test counts it, which
is deterministic; elsewhere a bound far above the fixed cost (milliseconds) and far below the
quadratic one (tens of seconds at these sizes) guards the shape, not the speed.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from qa.ingest.chunking import chunk_document
from qa.ingest.cleaning import clean_text, guess_title
from qa.ingest.loaders.markdown import unwrap_paragraphs
from qa.ingest.sentences import split_sentences
from qa.types import Document

MB = 1_000_000


class _TokenizerWork(Exception):
    pass


def _metered(limit_chars: int) -> tuple[Callable[[str], int], list[int]]:
    """A token counter (each `=` one token, like a word-piece tokenizer) that meters the characters it reads."""
    read = [0]

    def count(text: str) -> int:
        read[0] += len(text)
        if read[0] > limit_chars:
            raise _TokenizerWork(f"tokenizer read over {limit_chars} characters")
        return text.count("=") + len(text.replace("=", " ").split())

    return count, read


@pytest.mark.parametrize("line", ["=" * MB, "x=" * (MB // 2)], ids=["equals", "mixed"])
def test_a_megabyte_line_of_punctuation_is_tokenised_a_bounded_number_of_times(line):
    count, read = _metered(limit_chars=12 * MB)
    chunks = chunk_document(Document(doc_id="d", text=line, title=""), count, chunk_tokens=200, overlap_tokens=40)
    assert read[0] <= 12 * MB
    assert "".join(c.text for c in chunks) == line  # the pieces tile the line, nothing lost
    assert all(count(c.text) <= 200 for c in chunks)
    assert len(chunks) == pytest.approx(MB / 200, rel=0.05)  # pieces as full as the budget allows


def test_overlong_word_pieces_are_as_full_as_the_budget_allows():
    count, _ = _metered(limit_chars=10 * MB)
    text = "=" * 1000 + "ab" * 500 + "=" * 1000  # dense, then sparse, then dense again
    chunks = chunk_document(Document(doc_id="d", text=text, title=""), count, chunk_tokens=100, overlap_tokens=0)
    assert "".join(c.text for c in chunks) == text
    assert all(count(c.text) <= 100 for c in chunks)
    assert len(chunks) <= 2000 // 100 + 3


def _seconds(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


@pytest.mark.parametrize("mark", ["_a ", "*a ", "**a ", "~~a "])
def test_guess_title_on_a_long_line_of_unclosed_marks(mark):
    line = mark * (40_000 // len(mark))
    assert _seconds(lambda: guess_title(line + "\nbody")) < 1.0  # was 5-10 s


def test_sentences_of_a_line_of_many_short_quotations():
    line = '"Hi." A "b." C ' * 4000
    assert _seconds(lambda: split_sentences(line)) < 1.0  # was ~4 s (each boundary scanned every quotation)
    assert _seconds(lambda: split_sentences("A. " * 100_000)) < 2.0


def test_markdown_unwrapping_of_many_short_lines():
    body = "*a\n" * 20_000
    assert _seconds(lambda: unwrap_paragraphs(body)) < 1.0  # was ~10 s (the joined paragraph rebuilt per line)
    assert unwrap_paragraphs(body) == " ".join(["*a"] * 20_000)


def test_cleaning_a_megabyte_of_hostile_text():
    for text in ("=" * MB, "_a " * (MB // 3), '"x." ' * (MB // 5), "\n" * MB + "x"):
        assert _seconds(lambda: clean_text(text)) < 2.0
