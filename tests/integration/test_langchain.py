"""The LangChain adapter over the real sample index: the retriever and the runnable inside LCEL chains."""

from __future__ import annotations

import pytest
from langchain_core.documents import Document
from langchain_core.runnables import RunnableLambda, RunnableParallel, RunnablePassthrough

from qa.integrations.langchain import QARetriever, qa_runnable

pytestmark = pytest.mark.integration

QUESTION = "How many North Korean troops were reported in Kursk?"


def test_retriever_returns_documents_with_spans(kursk_service):
    docs = QARetriever(service=kursk_service, k=4).invoke("Pentagon estimate of North Korean troops")
    assert 1 <= len(docs) <= 4
    documents = kursk_service.reader.documents
    for doc in docs:
        assert isinstance(doc, Document)
        meta = doc.metadata
        assert {"chunk_id", "doc_id", "title", "source", "published_at", "start", "end", "score", "scores"} <= set(meta)
        assert documents[meta["doc_id"]].text[meta["start"]:meta["end"]] == doc.page_content
        assert isinstance(meta["scores"], dict) and meta["scores"]
    scores = [d.metadata["score"] for d in docs]
    assert scores == sorted(scores, reverse=True)


def test_retriever_inside_an_lcel_chain(kursk_service):
    def format_docs(docs: list[Document]) -> str:
        return "\n\n".join(f"[{i + 1}] {d.metadata['title']}: {d.page_content}" for i, d in enumerate(docs))

    chain = (
        RunnableParallel(context=QARetriever(service=kursk_service, k=3) | RunnableLambda(format_docs),
                         question=RunnablePassthrough())
        | RunnableLambda(lambda x: f"Context:\n{x['context']}\n\nQuestion: {x['question']}")
    )
    prompt = chain.invoke(QUESTION)
    assert prompt.startswith("Context:\n[1] ") and prompt.endswith(QUESTION)
    batch = QARetriever(service=kursk_service, k=2).batch(["Kursk", "Pentagon"])
    assert [len(b) for b in batch] == [2, 2]


def test_runnable_returns_a_cited_answer(kursk_service):
    chain = qa_runnable(kursk_service) | RunnableLambda(
        lambda a: {"text": a.answer, "sources": sorted({c.title for c in a.citations}), "abstained": a.abstained})
    out = chain.invoke(QUESTION)
    assert out["abstained"] is False and out["sources"] and "[1]" in out["text"]
    answer = qa_runnable(kursk_service, k=4).invoke(
        {"question": "And what did the Pentagon say?", "history": [(QUESTION, out["text"])]})
    assert answer.standalone_question and answer.passages
