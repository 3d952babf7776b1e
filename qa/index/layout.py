"""The files of one index generation: every name the writer writes and the reader reads, in one place.

    manifest.json            format version, embedder, chunking, counts, vector store, sha256 of every file
    docstore.sqlite          documents, chunks and named entities (qa/index/docstore.py); chunk `row` is
                             the vector row; entities by document span (absent from indexes without them)
    vectors.npy              float32 (chunks, dim): chunk vectors, memory-mapped by readers
    vectors.faiss            the FAISS index over them (FAISS backend only)
    sentence_ptr.npy         int64 (chunks + 1): sentences of chunk r are sentence_ptr[r]:sentence_ptr[r+1]
    sentence_spans.npy       int32 (sentences, 2): character span of each sentence in its document
    sentence_vectors.npy     float16 (sentences, dim): pooled sentence vectors, memory-mapped
    row_doc.npy              int32 (chunks,): each row's document (position in doc_id order), so a big
                             index opens without reading every chunk (qa/index/docstore_views.py)
    bm25.json, bm25_*.npy    BM25 vocabulary and CSR postings (qa/index/bm25_files.py), memory-mapped

Readers memory-map the arrays (`np.load(mmap_mode="r")`): opening costs no copy, and a query
touches only the pages of the rows it scores, so memory grows with what is read, not with the corpus.
From `reader.POSITIONED_READS_FROM` chunks on, the chunk vectors, sentence vectors and BM25 postings are
read with positioned reads instead (`qa/index/row_file.py`: a mapped page counts in the process's RSS).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from qa.errors import IndexCorruptError

VECTORS = "vectors.npy"
SENTENCE_PTR = "sentence_ptr.npy"
SENTENCE_SPANS = "sentence_spans.npy"
SENTENCE_VECTORS = "sentence_vectors.npy"
FAISS_INDEX = "vectors.faiss"
ROW_DOC = "row_doc.npy"  # int32 (chunks,): each row's document, as its position in doc_id order

# float16 halves the largest file; cosine scores move by < 1e-3 (measured in eval/bench/scale.md).
SENTENCE_VECTOR_DTYPE = np.float16


def save_array(directory: Path, name: str, array: np.ndarray) -> None:
    np.save(directory / name, np.ascontiguousarray(array), allow_pickle=False)


def load_array(directory: Path, name: str, mmap: bool = True) -> np.ndarray:
    """A stored array, memory-mapped read-only by default; a damaged file is an IndexCorruptError."""
    path = directory / name
    try:
        try:
            return np.load(path, mmap_mode="r" if mmap else None, allow_pickle=False)
        except ValueError:
            if not mmap:
                raise
            # An empty array cannot be memory-mapped (mmap of zero bytes): read it plainly.
            return np.load(path, allow_pickle=False)
    except FileNotFoundError:
        raise
    except (OSError, ValueError) as exc:
        raise IndexCorruptError(f"cannot read {path}: {exc}", hint="run `qa ingest PATH --rebuild`") from exc
