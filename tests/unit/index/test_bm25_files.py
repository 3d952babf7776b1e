import numpy as np
import pytest

from qa.errors import IndexCorruptError
from qa.index import bm25_files
from qa.index.bm25_files import read_bm25, write_bm25
from qa.retrieval.bm25 import Bm25Index

TEXTS = [
    "Troops arrived in the Kursk region on Wednesday.",
    "The Pentagon said 10,000 soldiers were training in eastern Russia.",
    "Markets rallied as the central bank held rates.",
]


def test_round_trip_without_pickle_and_memory_mapped(tmp_path):
    index = Bm25Index.build(TEXTS)
    write_bm25(tmp_path, index)
    for name in (bm25_files.INDPTR_FILE, bm25_files.ROWS_FILE, bm25_files.WEIGHTS_FILE):
        np.load(tmp_path / name, allow_pickle=False)
    loaded = read_bm25(tmp_path)
    assert isinstance(loaded.weights, np.memmap) and isinstance(loaded.rows, np.memmap)
    assert loaded.n_docs == len(TEXTS)
    np.testing.assert_allclose(loaded.scores("Kursk soldiers"), index.scores("Kursk soldiers"))
    assert loaded.search("Pentagon", 2)[0].tolist() == [1]


def test_rejects_damaged_or_foreign_files(tmp_path):
    write_bm25(tmp_path, Bm25Index.build(TEXTS))
    meta_path = tmp_path / bm25_files.META_FILE
    meta_path.write_text(meta_path.read_text().replace('"tokenizer_version":"1"', '"tokenizer_version":"0"'))
    with pytest.raises(IndexCorruptError):
        read_bm25(tmp_path)
    meta_path.write_text("{not json")
    with pytest.raises(IndexCorruptError):
        read_bm25(tmp_path)


def test_empty_index_round_trips(tmp_path):
    write_bm25(tmp_path, Bm25Index.build([]))
    assert read_bm25(tmp_path).search("anything", 3)[0].size == 0
