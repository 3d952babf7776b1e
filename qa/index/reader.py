"""A read-only, in-memory snapshot of one index generation: what every query needs, loaded once."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from qa.errors import IndexCorruptError, IndexMismatchError
from qa.index import docstore, generations, integrity
from qa.index.vector_store import FaissStore
from qa.types import Chunk, Document, Hit

SENTENCE_PTR = "sentence_ptr.npy"
SENTENCE_SPANS = "sentence_spans.npy"
SENTENCE_VECTORS = "sentence_vectors.npy"
VECTORS = "vectors.npy"


@dataclass
class IndexReader:
    path: Path
    generation: str
    generation_path: Path
    manifest: dict[str, Any]
    chunks: list[Chunk]
    documents: dict[str, Document]
    vectors: np.ndarray
    sentence_ptr: np.ndarray
    sentence_spans: np.ndarray
    sentence_vectors: np.ndarray
    store: FaissStore
    bm25: Any = None
    chunk_row: dict[str, int] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    chunk_doc_rows: dict[str, np.ndarray] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.chunk_row = {c.chunk_id: i for i, c in enumerate(self.chunks)}
        self.sources = sorted({d.source for d in self.documents.values() if d.source})
        by_doc: dict[str, list[int]] = {}
        for i, c in enumerate(self.chunks):
            by_doc.setdefault(c.doc_id, []).append(i)
        self.chunk_doc_rows = {k: np.asarray(v, dtype=np.int64) for k, v in by_doc.items()}

    def __len__(self) -> int:
        return len(self.chunks)

    def dense_search(self, qvec: np.ndarray, k: int, rows: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(rows, scores) best first. With `rows`, exact search over just those rows (filters)."""
        if rows is None:
            return self.store.search(qvec, k)
        rows = np.asarray(rows, dtype=np.int64)
        if rows.size == 0:
            return rows, np.zeros(0, dtype=np.float32)
        scores = self.vectors[rows] @ qvec.astype(np.float32)
        k = min(k, rows.size)
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return rows[top], scores[top]

    def hit(self, row: int, score: float, scores: dict[str, float] | None = None) -> Hit:
        chunk = self.chunks[row]
        doc = self.documents[chunk.doc_id]
        return Hit(
            chunk=chunk, title=doc.title, score=float(score), source=doc.source, published_at=doc.published_at,
            url=doc.url, scores=dict(scores or {}),
        )

    def sentences_of(self, row: int) -> tuple[np.ndarray, np.ndarray]:
        """(doc char spans, vectors) of the sentences of chunk `row`."""
        a, b = int(self.sentence_ptr[row]), int(self.sentence_ptr[row + 1])
        return self.sentence_spans[a:b], self.sentence_vectors[a:b]

    def info(self) -> dict[str, Any]:
        m = self.manifest
        return {
            "path": str(self.path),
            "generation": self.generation,
            "documents": m["counts"]["documents"],
            "chunks": m["counts"]["chunks"],
            "sentences": m["counts"].get("sentences", 0),
            "model": m["embedder"]["name"],
            "dimension": m["embedder"]["dimension"],
            "index_type": m.get("index_type"),
            "created_at": m.get("created_at"),
            "size_bytes": sum(f["bytes"] for f in m.get("files", {}).values()),
        }


def check_embedder(manifest: dict[str, Any], embedder_name: str, dimension: int | None, root: Path) -> None:
    built = manifest["embedder"]
    if built["name"] != embedder_name or (dimension is not None and built["dimension"] != dimension):
        raise IndexMismatchError(
            f"index {root} was built with {built['name']} ({built['dimension']} dims) "
            f"but the configured embedder is {embedder_name}" + (f" ({dimension} dims)" if dimension else ""),
            hint=f"set QA_EMBEDDER={built['name']}, or rebuild with `qa ingest PATH --index {root} --rebuild`",
        )


def open_index(root: Path, embedder_name: str, dimension: int | None = None) -> IndexReader:
    """Open the live generation of the index at `root`, checking it matches the configured embedder."""
    for attempt in range(2):
        name = generations.current_generation(root)
        try:
            name, gen_dir = generations.require_current(root)
            reader = _load(root, name, gen_dir, embedder_name, dimension)
            problems = integrity.reader_problems(reader)
            if problems:
                raise integrity.damaged(root, name, problems)
            return reader
        except (FileNotFoundError, IndexCorruptError) as exc:
            # A writer may have pruned this generation while we loaded it: when CURRENT has moved on,
            # open the new one (once). When it has not, the live generation itself is damaged.
            if attempt == 0 and generations.current_generation(root) != name:
                continue
            if isinstance(exc, FileNotFoundError):
                raise integrity.damaged(root, name, [f"{Path(exc.filename or '?').name} is missing"]) from exc
            raise
    raise AssertionError("unreachable")


def _load(root: Path, name: str, gen_dir: Path, embedder_name: str, dimension: int | None) -> IndexReader:
    manifest = generations.read_manifest(gen_dir)
    if manifest.get("format_version") != generations.FORMAT_VERSION:
        raise IndexMismatchError(
            f"index {root} has format {manifest.get('format_version')}, this qa reads {generations.FORMAT_VERSION}",
            hint=f"rebuild it: `qa ingest PATH --index {root} --rebuild`",
        )
    check_embedder(manifest, embedder_name, dimension, root)
    problems = generations.verify_checksums(gen_dir, manifest)
    if problems:
        raise IndexCorruptError(f"index {root} generation {name} is damaged: {'; '.join(problems)}",
                                hint=f"run `qa ingest PATH --index {root} --rebuild`")
    documents = {d.doc_id: d for d in docstore.read_documents(gen_dir)}
    chunks = [c for c, _ in docstore.read_chunks(gen_dir)]
    vectors = np.load(gen_dir / VECTORS, allow_pickle=False)
    if len(chunks) != vectors.shape[0]:
        raise IndexCorruptError(f"index {root}: {len(chunks)} chunks but {vectors.shape[0]} vectors",
                                hint="run `qa ingest --rebuild`")
    bm25 = None
    if (gen_dir / "bm25.json").exists():
        from qa.retrieval.bm25 import Bm25Index

        bm25 = Bm25Index.load(gen_dir)
    return IndexReader(
        path=root,
        generation=name,
        generation_path=gen_dir,
        manifest=manifest,
        chunks=chunks,
        documents=documents,
        vectors=vectors,
        sentence_ptr=np.load(gen_dir / SENTENCE_PTR, allow_pickle=False),
        sentence_spans=np.load(gen_dir / SENTENCE_SPANS, allow_pickle=False),
        sentence_vectors=np.load(gen_dir / SENTENCE_VECTORS, allow_pickle=False).astype(np.float32),
        store=FaissStore.load(gen_dir, manifest.get("index_type", "flat")),
        bm25=bm25,
    )


def read_manifest_json(root: Path) -> dict[str, Any]:
    _, gen_dir = generations.require_current(root)
    return json.loads((gen_dir / generations.MANIFEST).read_text())
