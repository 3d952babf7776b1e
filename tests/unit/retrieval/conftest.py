"""A tiny in-memory index (no FAISS, no model) shaped like `qa.index.reader.IndexReader`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pytest
from fakes import HashEmbedder

from qa.index.reader import row_fields
from qa.retrieval.bm25 import Bm25Index
from qa.types import Chunk, Document, Hit

DIM = 64


@dataclass
class FakeReader:
    documents: dict[str, Document]
    chunks: list[Chunk]
    embedder: HashEmbedder = field(default_factory=lambda: HashEmbedder(DIM))

    def __post_init__(self):
        self.chunk_row = {c.chunk_id: i for i, c in enumerate(self.chunks)}
        self.sources = sorted({d.source for d in self.documents.values() if d.source})
        by_doc: dict[str, list[int]] = {}
        for i, c in enumerate(self.chunks):
            by_doc.setdefault(c.doc_id, []).append(i)
        self.chunk_doc_rows = {k: np.asarray(v, dtype=np.int64) for k, v in by_doc.items()}
        self.row_source, self.row_date, self.rows_by_source, self.latest_year = row_fields(self.documents, self.chunks)
        self.vectors = self.embedder.embed([f"{self.documents[c.doc_id].title}\n{c.text}" for c in self.chunks])
        spans, ptr = [], [0]
        texts = []
        for c in self.chunks:
            for m in re.finditer(r"[^.!?]+[.!?]?", c.text):
                if m.group().strip():
                    spans.append((c.start + m.start(), c.start + m.end()))
                    texts.append(m.group())
            ptr.append(len(spans))
        self.sentence_ptr = np.asarray(ptr, dtype=np.int64)
        self.sentence_spans = np.asarray(spans, dtype=np.int32).reshape(-1, 2)
        self.sentence_vectors = self.embedder.embed(texts)
        self.bm25 = Bm25Index.build([f"{self.documents[c.doc_id].title}\n{c.text}" for c in self.chunks])

    def dense_search(self, qvec, k, rows=None, filters=None):
        rows = np.arange(len(self.chunks)) if rows is None else np.asarray(rows, dtype=np.int64)
        if rows.size == 0:
            return rows, np.zeros(0, np.float32)
        scores = self.vectors[rows] @ qvec
        order = np.argsort(-scores, kind="stable")[:k]
        return rows[order], scores[order]

    def dense_searches(self, qvec, k, rows, filters, subsets, k_subset):
        return (self.dense_search(qvec, k, rows, filters)[0],
                {name: self.dense_search(qvec, k_subset, r)[0] for name, r in subsets.items()})

    def hit(self, row, score, scores=None):
        c = self.chunks[row]
        d = self.documents[c.doc_id]
        return Hit(chunk=c, title=d.title, score=score, source=d.source, published_at=d.published_at,
                   scores=dict(scores or {}))


ARTICLES = [
    ("v1", "The Verge", "2023-10-05T10:00:00+00:00", "Crypto trial opens",
     "The trial of the crypto founder opened in New York. Prosecutors say he committed fraud for personal gain. "
     "The jury was selected on Tuesday."),
    ("t1", "TechCrunch", "2023-10-09T09:00:00+00:00", "Inside the crypto trial",
     "The founder faces seven counts of fraud and conspiracy. His former partner testified against him. "
     "Markets barely reacted to the news."),
    ("t2", "TechCrunch", "2023-11-20T09:00:00+00:00", "Startup raises money",
     "A robotics startup raised fifty million dollars. The round was led by a venture firm."),
    ("g1", "The Guardian", "2023-10-05T12:00:00+00:00", "Football weekend",
     "The striker scored twice in the derby. The coach praised the defence after the match."),
    ("g2", "The Guardian", "2023-10-06T12:00:00+00:00", "Crypto trial reprint",
     "The trial of the crypto founder opened in New York. Prosecutors say he committed fraud for personal gain. "
     "The jury was selected on Tuesday."),
    ("f1", "FOX News - Lifestyle", "2023-12-01T08:00:00+00:00", "Holiday recipes",
     "Bake the cookies for twelve minutes. Let them cool before serving."),
]


def make_reader() -> FakeReader:
    docs, chunks = {}, []
    for doc_id, source, date, title, text in ARTICLES:
        docs[doc_id] = Document(doc_id=doc_id, text=text, title=title, source=source, published_at=date)
        # two chunks per article: first sentence(s) and the rest
        cut = text.index(". ") + 2
        for n, (s, e) in enumerate(((0, cut - 1), (cut, len(text)))):
            chunks.append(Chunk(chunk_id=f"{doc_id}-{n}", doc_id=doc_id, start=s, end=e, text=text[s:e], ordinal=n))
    return FakeReader(docs, chunks)


@pytest.fixture
def reader() -> FakeReader:
    return make_reader()


@pytest.fixture
def hash_embedder() -> HashEmbedder:
    return HashEmbedder(DIM)
