"""Rows read with positioned reads (qa/index/row_file.py) are the rows a memory map gives, bit for bit,
and an index opened that way answers exactly as the memory-mapped one does."""

import json

import numpy as np
import pytest

from qa.errors import IndexCorruptError
from qa.index import reader as reader_module
from qa.index.bm25_files import read_bm25, write_bm25
from qa.index.faiss_store import AnnParams, FaissStore
from qa.index.row_file import RowFile
from qa.retrieval.bm25 import Bm25Index

RNG = np.random.default_rng(7)


@pytest.fixture(params=[np.float32, np.float16, np.int32])
def stored(tmp_path, request):
    """(a .npy file of 50 rows, its memory map); 2-D floats, 1-D integers (as BM25 postings are)."""
    shape = (50,) if request.param == np.int32 else (50, 6)
    array = (RNG.integers(-1000, 1000, size=shape) if request.param == np.int32 else RNG.normal(size=shape))
    path = tmp_path / "a.npy"
    np.save(path, array.astype(request.param))
    return path, np.load(path, mmap_mode="r")


KEYS = [3, -1, np.int64(49), slice(None), slice(5, 17), slice(40, 90), slice(2, 30, 4), slice(30, 2, -3),
        slice(7, 7), [4, 5, 6, 20], [20, 3, 3, 49, 0, 4], np.array([[1, 2], [9, 8]]), np.zeros(0, np.int64),
        np.arange(50) % 3 == 0]


@pytest.mark.parametrize("key", KEYS, ids=repr)
def test_every_kind_of_row_index_reads_what_the_memory_map_holds(stored, key):
    path, mapped = stored
    rows = RowFile(path)
    expected, got = np.asarray(mapped[key]), np.asarray(rows[key])
    assert got.dtype == expected.dtype and got.shape == expected.shape
    assert got.tobytes() == expected.tobytes()


def test_shape_dtype_tuples_and_whole_reads(stored):
    path, mapped = stored
    rows = RowFile(path)
    assert (rows.shape, rows.dtype, rows.ndim, len(rows), rows.size) == (mapped.shape, mapped.dtype, mapped.ndim,
                                                                          len(mapped), mapped.size)
    assert np.asarray(rows).tobytes() == np.asarray(mapped).tobytes()
    if mapped.ndim == 2:
        assert rows[7, 2] == mapped[7, 2]
        assert rows[[3, 1], 4].tolist() == mapped[[3, 1], 4].tolist()
    with pytest.raises(IndexError):
        rows[50]
    with pytest.raises(IndexError):
        rows[[0, 50]]


def test_a_truncated_or_foreign_file_is_a_corrupt_index(tmp_path):
    path = tmp_path / "v.npy"
    np.save(path, np.ones((10, 4), np.float32))
    path.write_bytes(path.read_bytes()[:-20])
    with pytest.raises(IndexCorruptError, match="shorter"):
        RowFile(path)
    np.save(path, np.asfortranarray(np.ones((10, 4), np.float32)))
    with pytest.raises(IndexCorruptError):
        RowFile(path)
    path.write_bytes(b"not an array at all")
    with pytest.raises(IndexCorruptError):
        RowFile(path)


def test_bm25_postings_read_by_term_score_exactly_as_mapped_ones(tmp_path):
    words = "troops border drone strike river bridge minister talks sanctions oil gas grain port ship".split()
    texts = [" ".join(RNG.choice(words, size=int(RNG.integers(3, 12)))) for _ in range(300)]
    write_bm25(tmp_path, Bm25Index.build(texts))
    mapped, positioned = read_bm25(tmp_path), read_bm25(tmp_path, positioned=True)
    assert isinstance(positioned.rows, RowFile) and isinstance(mapped.rows, np.memmap)
    queries = ["drone strike on the river bridge, strike talks", "oil and gas sanctions", "bridge", "nothing known"]
    together = positioned.scores_many(queries)  # a term shared by the queries is read once
    for query, scores in zip(queries, together):
        assert scores.tobytes() == mapped.scores(query).tobytes() == positioned.scores(query).tobytes()
    assert positioned.search("oil port", 5)[0].tolist() == mapped.search("oil port", 5)[0].tolist()


def test_hnsw_refine_over_read_rows_returns_the_mapped_results(tmp_path):
    vectors = RNG.normal(size=(2000, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    np.save(tmp_path / "vectors.npy", vectors)
    store = FaissStore.create(tmp_path, 16, "hnsw", AnnParams(ef_construction=40, ef_search=64, candidates=40))
    store.add(np.arange(2000), vectors)
    store.commit()
    described = store.describe()
    mapped = FaissStore.open(tmp_path, described, np.load(tmp_path / "vectors.npy", mmap_mode="r"))
    positioned = FaissStore.open(tmp_path, described, RowFile(tmp_path / "vectors.npy"))
    for q in RNG.normal(size=(10, 16)).astype(np.float32):
        (r1, s1), (r2, s2) = mapped.search(q, 10), positioned.search(q, 10)
        assert r1.tolist() == r2.tolist() and s1.tobytes() == s2.tobytes()
        allowed = np.arange(0, 2000, 3)
        (r1, s1), (r2, s2) = mapped.search(q, 5, _rows(allowed)), positioned.search(q, 5, _rows(allowed))
        assert r1.tolist() == r2.tolist() and s1.tobytes() == s2.tobytes()


def _rows(allowed):
    from qa.index.vector_store import VectorFilter

    return VectorFilter(rows=allowed)


def _answers(service, questions):
    out = []
    for q in questions:
        answer = service.ask(q)
        shown = {k: v for k, v in answer.to_json().items() if "timing" not in k}
        out.append({**shown, "support": answer.support, "features": answer.features,
                    "scores": [h.scores for h in answer.passages]})
    return out


def test_the_sample_index_read_by_positioned_reads_answers_exactly_as_mapped(kursk_index_master, session_dir,
                                                                              monkeypatch):
    from sample_paths import KURSK_QUESTIONS

    from qa.service import QAService
    from qa.settings import Settings

    questions = [json.loads(line)["question"] for line in KURSK_QUESTIONS.read_text().splitlines()[:12]]
    settings = Settings(indexes_dir=session_dir / "indexes")
    mapped = QAService(settings, kursk_index_master)
    assert isinstance(mapped.reader.vectors, np.memmap)  # small: below POSITIONED_READS_FROM
    expected = _answers(mapped, questions)
    monkeypatch.setattr(reader_module, "POSITIONED_READS_FROM", 0)
    positioned = QAService(settings, kursk_index_master)
    positioned._embedder = mapped.embedder  # one query model load for both
    reader = positioned.reader
    assert isinstance(reader.vectors, RowFile) and isinstance(reader.sentence_vectors, RowFile)
    assert isinstance(reader.bm25.rows, RowFile)
    assert _answers(positioned, questions) == expected


def test_threads_reading_one_file_at_once_each_get_their_rows(tmp_path):
    """`qa serve` answers on worker threads that share the reader: positioned reads share no file offset."""
    from concurrent.futures import ThreadPoolExecutor

    path = tmp_path / "v.npy"
    np.save(path, RNG.normal(size=(5000, 8)).astype(np.float32))
    mapped, rows = np.load(path, mmap_mode="r"), RowFile(path)
    picks = [np.sort(RNG.choice(5000, 300, replace=False)) for _ in range(64)]
    with ThreadPoolExecutor(8) as pool:
        read = list(pool.map(lambda p: rows[p], picks))
    assert all(got.tobytes() == mapped[p].tobytes() for got, p in zip(read, picks))
