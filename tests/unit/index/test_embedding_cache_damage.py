"""A damaged embedding cache is a cache miss, never a traceback or a wrong vector."""

import sqlite3

import numpy as np

from qa.index.embedding_cache import FILE, EmbeddingCache

DIM = 8


def _unit(rows: int, seed: int) -> np.ndarray:
    v = np.random.default_rng(seed).standard_normal((rows, DIM)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def _filled(tmp_path) -> EmbeddingCache:
    cache = EmbeddingCache(tmp_path, "m", DIM)
    cache.put_many([("a", _unit(1, 0)[0], _unit(3, 1)), ("b", _unit(1, 2)[0], _unit(2, 3))])
    return cache


def test_intact_cache_returns_what_was_stored(tmp_path):
    cache = _filled(tmp_path)
    got = cache.get_many(["a", "b", "c"])
    assert set(got) == {"a", "b"} and got["a"][1].shape == (3, DIM)
    np.testing.assert_allclose(got["b"][0], _unit(1, 2)[0])
    assert cache.discarded is None


def test_a_changed_vector_is_a_miss_so_it_is_embedded_again(tmp_path):
    cache = _filled(tmp_path)
    cache.close()
    con = sqlite3.connect(tmp_path / FILE)
    blob = bytearray(con.execute("SELECT chunk FROM vectors WHERE embed_hash='a'").fetchone()[0])
    blob[7] ^= 0xFF  # the high byte of the second float: the value changes a lot, the size does not
    con.execute("UPDATE vectors SET chunk=? WHERE embed_hash='a'", (bytes(blob),))
    con.execute("UPDATE vectors SET n_sentences=5 WHERE embed_hash='b'")  # no longer fits its blob
    con.commit()
    con.close()
    assert EmbeddingCache(tmp_path, "m", DIM).get_many(["a", "b"]) == {}


def test_a_cache_sqlite_cannot_read_is_emptied_with_a_one_line_reason(tmp_path):
    (tmp_path / FILE).write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    cache = EmbeddingCache(tmp_path, "m", DIM)
    assert cache.discarded and "\n" not in cache.discarded and FILE in cache.discarded
    assert cache.get_many(["a"]) == {}
    cache.put_many([("a", _unit(1, 0)[0], _unit(1, 1))])
    assert set(cache.get_many(["a"])) == {"a"}
