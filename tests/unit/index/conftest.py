"""Fixtures: a small generation's content (deterministic hash vectors, no model) and settings that write it."""

from __future__ import annotations

import pytest
from generation_content import make_content

from qa.index.writer import GenerationContent
from qa.settings import Settings


@pytest.fixture
def content() -> GenerationContent:
    return make_content()


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(indexes_dir=tmp_path / "indexes", keep_generations=1)
