"""A deterministic stand-in for QAService: same methods, no index, no models."""

from __future__ import annotations

import threading
import time
from typing import Any, Callable, Sequence

import pytest

from qa.errors import IndexNotFoundError
from qa.service import SearchResult, check_question
from qa.types import Answer, Chunk, Citation, Hit

TEXT = "Estimates suggest that there are between 8,000 and 12,000 North Korean troops in the region."
TITLE = "North Korean troops come under fire in Kursk"
URL = "https://www.kyivpost.example/post/north-korean-troops"


def _hit(generation: str) -> Hit:
    chunk = Chunk(chunk_id=f"{generation}:c0", doc_id="doc-1", start=0, end=len(TEXT), text=TEXT)
    return Hit(chunk=chunk, title=TITLE, score=0.9, source="Kyiv Post", published_at="2024-11-05",
               url=URL, scores={"dense": 0.8, "bm25": 7.5})


class FakeService:
    """Answers every question with one cited sentence; `missing=True` behaves like an absent index."""

    def __init__(self, *, missing: bool = False, delay_s: float = 0.0, draft: str | None = None) -> None:
        self.draft = draft  # what the "LLM" streams, when it differs from the checked answer
        self.generation = "g000001"
        self.missing = missing
        self.delay_s = delay_s
        self.calls: list[dict[str, Any]] = []
        self.reloads = 0
        self.stopped = 0  # answers abandoned at a passed deadline
        self._lock = threading.Lock()

    def info(self) -> dict[str, Any]:
        if self.missing:
            raise IndexNotFoundError("no index at /tmp/x", hint="run `qa ingest PATH --index /tmp/x` first")
        return {"path": "/tmp/x", "generation": self.generation, "documents": 1, "chunks": 1, "model": "fake"}

    def reload_if_changed(self) -> bool:
        with self._lock:
            self.reloads += 1
        return False

    def search(self, query: str, *, k: int | None = None, filters: Any = None) -> SearchResult:
        query = check_question(query, 2000)
        self.info()
        return SearchResult(hits=[_hit(self.generation)][: k or 8], timings_ms={"embed": 1.0}, query=query)

    def ask(self, question: str, *, mode: str | None = None, k: int | None = None,
            history: Sequence[tuple[str, str]] = (), filters: Any = None,
            on_token: Callable[[str], None] | None = None, deadline: Any = None,
            as_of: Any = None) -> Answer:
        question = check_question(question, 2000)
        self.info()
        self.calls.append({"question": question, "mode": mode, "k": k, "history": list(history),
                           "deadline": deadline})
        if self.delay_s:
            time.sleep(self.delay_s)
            if deadline is not None:  # as QAService does between stages
                try:
                    deadline.check("composing the answer")
                except Exception:
                    self.stopped += 1
                    raise
        text = "Between 8,000 and 12,000 North Korean troops were reported in Kursk [1]."
        if on_token is not None:
            pieces = [self.draft] if self.draft else ["Between 8,000 ", "and 12,000 North Korean troops ",
                                                      "were reported in Kursk [1]."]
            for piece in pieces:
                on_token(piece)
        hit = _hit(self.generation)
        citation = Citation(n=1, doc_id="doc-1", title=TITLE, chunk_id=hit.chunk_id, start=0, end=len(TEXT),
                            quote=TEXT, verified=True, score=0.9, source="Kyiv Post", published_at="2024-11-05")
        return Answer(question=question, answer=text, abstained=False, mode=mode or "extractive",
                      citations=[citation], passages=[hit], timings_ms={"total": 1.0},
                      standalone_question=f"{question} (rewritten)" if history else None)


@pytest.fixture
def fake_cls() -> type[FakeService]:
    return FakeService


@pytest.fixture
def make_client():
    """`make_client(service, **settings)` -> a TestClient over create_app, lifespan run (index loaded)."""
    from fastapi.testclient import TestClient

    from qa.api.app import create_app
    from qa.settings import Settings

    clients = []

    def make(service: Any = None, **overrides: Any) -> TestClient:
        app = create_app(Settings(**overrides), service if service is not None else FakeService())
        client = TestClient(app, raise_server_exceptions=False)
        client.__enter__()
        clients.append(client)
        deadline = time.monotonic() + 5
        while app.state.qa.reason == "loading the index" and time.monotonic() < deadline:
            time.sleep(0.01)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)
