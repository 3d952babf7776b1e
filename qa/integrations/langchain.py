"""The whole LangChain integration, in one adapter file: the core never imports LangChain's types.

    from qa.integrations.langchain import QARetriever, qa_runnable
    retriever = QARetriever(service=QAService(settings, "news"), k=5)
    docs = retriever.invoke("Pentagon estimate of North Korean troops")
    answer = qa_runnable(service).invoke("How many North Korean troops were reported in Kursk?")

`QARetriever` returns LangChain `Document`s (page_content = the chunk text; metadata: chunk_id,
doc_id, title, source, published_at, url, start, end, score, scores), so it drops into any
retrieval chain. `qa_runnable` is a `Runnable[str, Answer]` for chains that want qa's own cited
answer rather than an LLM prompt over the passages.
"""

from __future__ import annotations

from typing import Any, Sequence

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import Runnable, RunnableLambda

from qa.types import Answer, Hit


def hit_to_document(hit: Hit) -> Document:
    """A qa `Hit` as a LangChain `Document`; `start`/`end` index the article's cleaned text."""
    return Document(
        page_content=hit.chunk.text,
        id=hit.chunk_id,
        metadata={
            "chunk_id": hit.chunk_id,
            "doc_id": hit.doc_id,
            "title": hit.title,
            "source": hit.source,
            "published_at": hit.published_at,
            "url": hit.url,
            "start": hit.chunk.start,
            "end": hit.chunk.end,
            "score": float(hit.score),
            "scores": {k: float(v) for k, v in hit.scores.items()},
        },
    )


class QARetriever(BaseRetriever):
    """Hybrid search (BM25 + dense, reranked) over a qa index, as a LangChain retriever.

    `service` is a `qa.service.QAService` (or anything with its `search` method); `filters` a
    `qa.retrieval.filters.SearchFilters` to restrict outlets or dates.
    """

    service: Any
    k: int | None = None
    filters: Any = None

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        result = self.service.search(query, k=self.k, filters=self.filters)
        return [hit_to_document(hit) for hit in result.hits]


def qa_runnable(service: Any, *, mode: str | None = None, k: int | None = None) -> Runnable[Any, Answer]:
    """`question -> Answer` as a Runnable (a `RunnableLambda` over `service.ask`).

    The input is the question as a string, or a dict with `question` and optional `history`
    (a list of (question, answer) pairs) for follow-ups; the output is qa's `Answer`
    (`.answer` with [n] markers, `.citations`, `.abstained`, `.to_json()`).
    """

    def ask(value: Any) -> Answer:
        if isinstance(value, dict):
            history: Sequence[tuple[str, str]] = [tuple(t) for t in value.get("history", ())]
            return service.ask(value["question"], mode=mode, k=k, history=history)
        return service.ask(str(value), mode=mode, k=k)

    return RunnableLambda(ask, name="qa_answer")
