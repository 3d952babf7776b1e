"""The BM25 files of a generation: `bm25.json` (tokenizer version, parameters, vocabulary) and three
CSR arrays as `.npy` (never pickle). Readers memory-map the postings, or read them with positioned reads
(`qa/index/row_file.py`, for a large index): either way a query reads only the postings of its terms.
Scoring and tokenisation stay in `qa/retrieval/bm25.py`.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from qa.errors import IndexCorruptError
from qa.index.layout import load_array, save_array
from qa.index.row_file import open_rows
from qa.retrieval.bm25 import TOKENIZER_VERSION, Bm25Index

META_FILE = "bm25.json"
INDPTR_FILE = "bm25_indptr.npy"
ROWS_FILE = "bm25_rows.npy"
WEIGHTS_FILE = "bm25_weights.npy"


def write_bm25(directory: Path, index: Bm25Index) -> None:
    terms = [""] * len(index.vocab)
    for term, i in index.vocab.items():
        terms[i] = term
    save_array(directory, INDPTR_FILE, index.indptr)
    save_array(directory, ROWS_FILE, index.rows)
    save_array(directory, WEIGHTS_FILE, index.weights)
    meta = {"tokenizer_version": TOKENIZER_VERSION, "k1": index.k1, "b": index.b, "n_docs": index.n_docs,
            "terms": terms}
    (directory / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def has_bm25(directory: Path) -> bool:
    return (Path(directory) / META_FILE).exists()


def read_bm25(directory: Path, mmap: bool = True, positioned: bool = False) -> Bm25Index:
    """The BM25 index stored in `directory`; checks the tokenizer version and that the arrays agree.

    `positioned`: the postings (`rows`, `weights`) are read term by term with positioned reads instead of
    a memory map; otherwise `mmap` says whether they are memory-mapped or loaded."""
    directory = Path(directory)
    hint = "run `qa ingest PATH --rebuild`"
    try:
        meta = json.loads((directory / META_FILE).read_text(encoding="utf-8"))
        indptr = load_array(directory, INDPTR_FILE, mmap)
        if positioned:
            rows, weights = open_rows(directory, ROWS_FILE), open_rows(directory, WEIGHTS_FILE)
        else:
            rows, weights = load_array(directory, ROWS_FILE, mmap), load_array(directory, WEIGHTS_FILE, mmap)
    except (OSError, ValueError) as exc:
        raise IndexCorruptError(f"BM25 files in {directory} are unreadable: {exc}", hint=hint) from exc
    if meta.get("tokenizer_version") != TOKENIZER_VERSION:
        raise IndexCorruptError(f"the BM25 index in {directory} was built with another tokenizer", hint=hint)
    terms = meta["terms"]
    if indptr.shape[0] != len(terms) + 1 or rows.shape != weights.shape or int(indptr[-1]) != rows.shape[0]:
        raise IndexCorruptError(f"the BM25 arrays in {directory} do not match", hint=hint)
    return Bm25Index(vocab={t: i for i, t in enumerate(terms)}, indptr=np.asarray(indptr), rows=rows, weights=weights,
                     n_docs=int(meta["n_docs"]), k1=float(meta["k1"]), b=float(meta["b"]))
