"""Fixtures for the ingest unit tests: the sample articles and a deterministic token counter."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import pytest

ARTICLES = Path(__file__).resolve().parents[3] / "eval" / "datasets" / "kursk" / "articles"


def words_times_1_3(text: str) -> int:
    """Stands in for the embedder's word-piece count: whitespace words x 1.3, rounded up."""
    return math.ceil(len(text.split()) * 1.3)


@pytest.fixture
def count_tokens() -> Callable[[str], int]:
    return words_times_1_3


@pytest.fixture
def articles() -> list[Path]:
    paths = sorted(ARTICLES.glob("*.txt"))
    assert len(paths) == 5, f"expected the five sample articles in {ARTICLES}"
    return paths


@pytest.fixture
def article(articles) -> Callable[[str], Path]:
    """article("003") -> the path of the sample article whose name starts with 003."""

    def find(prefix: str) -> Path:
        return next(p for p in articles if p.name.startswith(prefix))

    return find
