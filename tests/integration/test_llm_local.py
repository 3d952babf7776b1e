"""The bundled Qwen2.5-Coder-0.5B GGUF, run for real by llama.cpp (xllamacpp), on one question."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.integration]


def test_bundled_llm_answers_with_aligned_citations(kursk_index_master, session_dir, tmp_path_factory):
    from qa.answer.abstain import DEFAULT_THRESHOLD
    from qa.service import QAService
    from qa.settings import Settings

    settings = Settings(
        indexes_dir=session_dir / "indexes",
        cache_dir=tmp_path_factory.mktemp("llm-cache"),
        mode="llm",
        llm_backend="local",
        abstain_threshold=DEFAULT_THRESHOLD,
        llm_max_tokens=96,
    )
    service = QAService(settings, kursk_index_master)
    tokens: list[str] = []
    answer = service.ask(
        "How many North Korean soldiers did the Pentagon say were sent to train in eastern Russia?",
        on_token=tokens.append,
    )
    assert tokens, "tokens are streamed"
    assert not answer.abstained
    assert "10,000" in answer.answer.replace("10000", "10,000")
    assert answer.citations and all(c.verified for c in answer.citations)
    docs = service.reader.documents
    for c in answer.citations:
        assert docs[c.doc_id].text[c.start : c.end] == c.quote
    assert any("Pentagon" in c.quote for c in answer.citations)
