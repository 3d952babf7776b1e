"""The writer: one complete new generation from assembled content, then the atomic switch.

Ingest (qa/ingest/pipeline.py) decides *what* goes in (documents, chunks, vectors); this module
decides *how* it is stored (qa/index/layout.py), in a temporary folder that `generations` renames
into place and points `CURRENT` at. The vector store of the configured backend is written alongside:
a FAISS file inside the folder, or a new Milvus collection whose alias is switched after `CURRENT`.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, Sequence

import numpy as np

from qa.index import docstore, generations
from qa.index.bm25_files import write_bm25
from qa.index.layout import (ROW_DOC, SENTENCE_PTR, SENTENCE_SPANS, SENTENCE_VECTOR_DTYPE, SENTENCE_VECTORS,
                             VECTORS, save_array)
from qa.index.vector_store import RowFields, create_store
from qa.ingest.entities import EntitySpan
from qa.settings import Settings
from qa.types import Chunk, Document

# Rows handed to the vector store per call: bounds the memory of one Milvus insert request.
STORE_BATCH = 5000


@dataclass
class GenerationContent:
    """Everything one generation holds, in row order. `lexical_texts[i]` is what BM25 indexes for row i
    (the chunk with its title prefix); `sentence_ptr` has len(chunks) + 1 entries."""

    documents: Sequence[Document]
    chunks: Sequence[tuple[Chunk, str]]  # (chunk, embed_hash)
    lexical_texts: Sequence[str]
    vectors: np.ndarray
    sentence_ptr: np.ndarray
    sentence_spans: np.ndarray
    sentence_vectors: np.ndarray
    embedder: dict[str, Any]
    chunking: dict[str, Any]
    previous_generation: str | None = None
    # doc_id -> its named entities, spans in the document's text; None: recognised none (no table written)
    entities: Mapping[str, Sequence[EntitySpan]] | None = None
    recogniser: str = ""


def write_generation(root: Path, settings: Settings, content: GenerationContent,
                     progress: Callable[[str, int, int], None] | None = None) -> str:
    """Write `content` as the next generation of the index at `root` and make it live. Returns its name.

    The caller holds `generations.writer_lock(root)`. A process killed at any point leaves the previous
    generation (and, on Milvus, the previous collection behind the alias) serving."""
    from qa.retrieval.bm25 import Bm25Index

    n = len(content.chunks)
    name, tmp = generations.new_generation_dir(root)
    entity_rows = None if content.entities is None else list(_entity_rows(content.chunks, content.entities))
    docstore.write_docstore(tmp, content.documents, content.chunks, entity_rows)
    save_array(tmp, VECTORS, np.asarray(content.vectors, dtype=np.float32))
    save_array(tmp, SENTENCE_PTR, np.asarray(content.sentence_ptr, dtype=np.int64))
    save_array(tmp, SENTENCE_SPANS, np.asarray(content.sentence_spans, dtype=np.int32).reshape(-1, 2))
    # no copy when already float16: a file of tiny sentences has hundreds of thousands of these rows
    save_array(tmp, SENTENCE_VECTORS, np.asarray(content.sentence_vectors, dtype=SENTENCE_VECTOR_DTYPE))
    write_bm25(tmp, Bm25Index.build(content.lexical_texts))
    position = {d: i for i, d in enumerate(sorted(d.doc_id for d in content.documents))}
    save_array(tmp, ROW_DOC, np.fromiter((position[c.doc_id] for c, _ in content.chunks), dtype=np.int32,
                                         count=len(content.chunks)))

    store = create_store(settings, root, name, tmp, int(content.embedder["dimension"]), n)
    docs = {d.doc_id: d for d in content.documents}
    for start in range(0, n, STORE_BATCH):
        stop = min(n, start + STORE_BATCH)
        fields = None
        if store.pushes_down_filters:
            fields = [_fields(chunk, docs[chunk.doc_id], content.lexical_texts[start + j])
                      for j, (chunk, _) in enumerate(content.chunks[start:stop])]
        store.add(np.arange(start, stop, dtype=np.int64), content.vectors[start:stop], fields)
        if progress:
            progress("store", stop, n)
    store.commit()

    manifest = {
        "embedder": dict(content.embedder),
        "chunking": dict(content.chunking),
        "counts": {"documents": len(content.documents), "chunks": n,
                   "sentences": int(np.asarray(content.sentence_spans).reshape(-1, 2).shape[0]),
                   "near_duplicates": sum(1 for d in content.documents if d.duplicate_of)},
        "index_type": store.index_type,
        "vector_store": store.describe(),
        "created_at": generations.now_iso(),
        "previous_generation": content.previous_generation,
    }
    if entity_rows is not None:
        manifest["counts"]["entities"] = len(entity_rows)
        manifest["entities"] = {"recogniser": content.recogniser}
    generations.commit_generation(root, name, tmp, manifest, settings.keep_generations)
    store.publish(live_generations(root))
    return name


def _entity_rows(chunks: Sequence[tuple[Chunk, str]],
                 entities: Mapping[str, Sequence[EntitySpan]]) -> Iterator[tuple[str, int, EntitySpan]]:
    """(doc_id, row, span) of every entity, in row order; the row is the first chunk holding its start
    (chunks overlap, and a query reads a chunk's entities by span, so each is stored once)."""
    by_doc: dict[str, list[tuple[int, int, int]]] = {}
    for row, (chunk, _) in enumerate(chunks):
        by_doc.setdefault(chunk.doc_id, []).append((chunk.start, chunk.end, row))
    out: list[tuple[int, int, str, EntitySpan]] = []
    for doc_id, spans in entities.items():
        doc_chunks = sorted(by_doc.get(doc_id, ()))
        if not doc_chunks:
            continue
        starts = [s for s, _, _ in doc_chunks]
        for e in spans:
            i = max(0, bisect.bisect_right(starts, e.start) - 1)
            while i > 0 and doc_chunks[i - 1][1] > e.start:  # an earlier, overlapping chunk holds it too
                i -= 1
            out.append((doc_chunks[i][2], e.start, doc_id, e))
    out.sort(key=lambda t: (t[0], t[1]))
    return ((doc_id, row, e) for row, _, doc_id, e in out)


def live_generations(root: Path) -> list[str]:
    """Names of the generations still on disk (the live one and those kept for readers mid-switch)."""
    gens = root / generations.GENERATIONS
    return sorted(p.name for p in gens.iterdir() if p.name.startswith("g")) if gens.exists() else []


def _fields(chunk: Chunk, doc: Document, lexical_text: str) -> RowFields:
    return RowFields(chunk_id=chunk.chunk_id, doc_id=chunk.doc_id, start=chunk.start, end=chunk.end,
                     source=doc.source or "", published_at=doc.published_at or "", text=chunk.text,
                     lexical_text=lexical_text)
