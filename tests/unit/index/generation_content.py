"""A small generation's content: four articles, deterministic hash vectors, no model."""

from __future__ import annotations

import numpy as np
from fakes import HashEmbedder

from qa.index.writer import GenerationContent
from qa.types import Chunk, Document

ARTICLES = [
    ("a1", "Reuters", "2024-10-05T10:00:00+00:00", "Troops in Kursk",
     "About 10,000 soldiers arrived in Kursk. The Pentagon confirmed the number."),
    ("a2", "AP", "2024-10-09T09:00:00+00:00", "Markets",
     "Markets rallied on Tuesday. The central bank held rates steady."),
    ("a3", "reuters", "2024-11-20T09:00:00+00:00", "Robots",
     "A robotics startup raised fifty million dollars. The round was led by a venture firm."),
    ("a4", "BBC", None, "Football", "The striker scored twice in the derby."),
]
EMBEDDER = HashEmbedder(32)


def make_content() -> GenerationContent:
    docs, chunks, texts, spans, ptr, sentences = [], [], [], [], [0], []
    for doc_id, source, date, title, text in ARTICLES:
        docs.append(Document(doc_id=doc_id, title=title, text=text, source=source, published_at=date,
                             content_hash=doc_id))
        chunk = Chunk(chunk_id=f"{doc_id}:0", doc_id=doc_id, start=0, end=len(text), ordinal=0, text=text)
        chunks.append((chunk, f"h-{doc_id}"))
        texts.append(f"{title}\n{text}")
        start = 0
        for part in text.split(". "):
            end = min(len(text), start + len(part) + 1)
            spans.append((start, end))
            sentences.append(text[start:end])
            start = end + 1
        ptr.append(len(spans))
    return GenerationContent(
        documents=docs, chunks=chunks, lexical_texts=texts, vectors=EMBEDDER.embed(texts),
        sentence_ptr=np.asarray(ptr), sentence_spans=np.asarray(spans), sentence_vectors=EMBEDDER.embed(sentences),
        embedder={"name": EMBEDDER.name, "dimension": EMBEDDER.dimension, "max_tokens": 256},
        chunking={"chunk_tokens": 200},
    )
