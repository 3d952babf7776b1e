"""A tiny in-memory index shaped like `IndexReader` (no FAISS, no model) and a bag-of-words embedder."""

from __future__ import annotations

import numpy as np
import pytest
from fakes import HashEmbedder

from qa.ingest.sentences import split_sentences
from qa.retrieval.bm25 import Bm25Index
from qa.types import Chunk, Document, Hit


class FakeReader:
    """One chunk per document; sentence spans from the real splitter, vectors from HashEmbedder."""

    def __init__(self, articles, embedder=None):
        self.embedder = embedder or HashEmbedder()
        self.documents = {}
        self.chunks = []
        for doc_id, title, source, text in articles:
            self.documents[doc_id] = Document(doc_id=doc_id, text=text, title=title, source=source)
            self.chunks.append(Chunk(chunk_id=f"{doc_id}-c0", doc_id=doc_id, start=0, end=len(text), text=text))
        self.chunk_row = {c.chunk_id: i for i, c in enumerate(self.chunks)}
        spans, ptr, texts = [], [0], []
        for c in self.chunks:
            for s, e in split_sentences(c.text):
                spans.append((c.start + s, c.start + e))
                texts.append(c.text[s:e])
            ptr.append(len(spans))
        self.sentence_ptr = np.asarray(ptr, dtype=np.int64)
        self.sentence_spans = np.asarray(spans, dtype=np.int32).reshape(-1, 2)
        self.sentence_vectors = self.embedder.embed(texts)
        self.vectors = self.embedder.embed([c.text for c in self.chunks])
        self.bm25 = Bm25Index.build([c.text for c in self.chunks])

    def hits(self, query):
        """Every chunk as a Hit, best dense match first (a stand-in for HybridRetriever)."""
        q = self.embedder.embed([query])[0]
        scores = self.vectors @ q
        order = np.argsort(-scores, kind="stable")
        return [self.hit(int(r), float(scores[r])) for r in order]

    def hit(self, row, score, scores=None):
        c = self.chunks[row]
        d = self.documents[c.doc_id]
        return Hit(chunk=c, title=d.title, score=score, source=d.source, scores=dict(scores or {}))


ARTICLES = [
    (
        "a",
        "Troops in Kursk",
        "Wire A",
        "North Korean troops have come under fire in the Kursk region, according to a Kyiv official. "
        "Estimates suggest that there are between 8,000 and 12,000 North Korean troops in the region.",
    ),
    (
        "b",
        "Pentagon warning",
        "Wire B",
        "The Pentagon reported that approximately 10,000 North Korean soldiers have been sent to train "
        "in eastern Russia. "
        "NATO Secretary General Mark Rutte confirmed the deployment of North Korean troops in Kursk.",
    ),
    (
        "c",
        "Minister's estimate",
        None,
        "Umerov anticipates that approximately 15,000 North Korean soldiers will be deployed to the Kursk area. "
        "While their engagement in combat has not yet commenced, experts say they could change the front.",
    ),
]


@pytest.fixture
def reader():
    return FakeReader(ARTICLES)


@pytest.fixture
def embedder(reader):
    return reader.embedder


@pytest.fixture
def answer_settings(tmp_path):
    from qa.settings import Settings

    return Settings(indexes_dir=tmp_path / "indexes", cache_dir=tmp_path / "cache", abstain_threshold=0.3)


@pytest.fixture
def make_reader():
    """`make_reader(articles)`: a FakeReader over other articles (test modules must not import conftest by name:
    another folder's conftest may be the one imported as `conftest`)."""
    return FakeReader


@pytest.fixture
def asked():
    """`asked(articles, question)`: the question's analysis and the evidence a FakeReader over `articles` gathers
    for it, `(query, evidence)`."""
    from qa.answer.evidence import gather
    from qa.query import build_query

    def ask(articles, question):
        reader = FakeReader(articles)
        query = build_query(question)
        return query, gather(query, reader.hits(question), reader, reader.embedder.embed([question])[0])

    return ask
