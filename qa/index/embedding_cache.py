"""Chunk and sentence vectors by content hash, written batch by batch during an ingest.

An interrupted ingest resumes without re-embedding what it already did, and re-ingesting unchanged
content embeds nothing. Stored as raw bytes in SQLite (no pickle): the chunk vector as float32, the
sentence vectors as float16, the precision the index stores them in (half the memory and disk).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Iterable

import numpy as np

FILE = "embedding_cache.sqlite"
SENTENCE_DTYPE = np.float16


class EmbeddingCache:
    def __init__(self, root: Path, model: str, dimension: int) -> None:
        self.dimension = dimension
        self.model = model
        # A cache is only a shortcut: a damaged one is deleted and refilled by embedding again, never
        # trusted and never a traceback. `discarded` says why, for the ingest summary's warnings.
        self.discarded: str | None = None
        try:
            self._con = _open(root / FILE)
        except sqlite3.DatabaseError as exc:
            reason = " ".join(str(exc).split())  # SQLite reports over several lines: the warning is one
            self.discarded = f"{FILE} was damaged ({reason}); it was emptied and its vectors are embedded again"
            for suffix in ("", "-wal", "-shm"):
                (root / (FILE + suffix)).unlink(missing_ok=True)
            self._con = _open(root / FILE)

    def get_many(self, hashes: Iterable[str]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        out: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        wanted = list(dict.fromkeys(hashes))
        for i in range(0, len(wanted), 500):
            batch = wanted[i : i + 500]
            q = f"SELECT embed_hash, chunk, sentences, n_sentences FROM vectors WHERE model=? AND embed_hash IN ({','.join('?' * len(batch))})"
            for h, chunk, sents, n in self._con.execute(q, [self.model, *batch]):
                try:
                    vectors = (np.frombuffer(chunk, dtype=np.float32),
                               np.frombuffer(sents, dtype=SENTENCE_DTYPE).reshape(n, self.dimension))
                except (TypeError, ValueError):  # a damaged row: embed it again
                    continue
                if _unit_length(vectors[0][None, :]) and _unit_length(vectors[1]):
                    out[h] = vectors
        return out

    def put_many(self, rows: Iterable[tuple[str, np.ndarray, np.ndarray]]) -> None:
        self._con.executemany(
            "INSERT OR REPLACE INTO vectors VALUES (?,?,?,?,?)",
            (
                (h, self.model, np.asarray(c, np.float32).tobytes(), np.asarray(s, SENTENCE_DTYPE).tobytes(), len(s))
                for h, c, s in rows
            ),
        )
        self._con.commit()

    def retain(self, hashes: set[str]) -> None:
        """Drop vectors no generation uses any more, so the cache does not grow forever."""
        retain_rows(self._con, "vectors", "embed_hash", hashes)

    def close(self) -> None:
        self._con.close()


def retain_rows(con: sqlite3.Connection, table: str, key: str, keep: set[str]) -> None:
    """Delete the rows of a content-keyed cache table whose `key` is not in `keep` (in batches of 500)."""
    stale = [h for (h,) in con.execute(f"SELECT {key} FROM {table}") if h not in keep]
    for i in range(0, len(stale), 500):
        batch = stale[i : i + 500]
        con.execute(f"DELETE FROM {table} WHERE {key} IN ({','.join('?' * len(batch))})", batch)
    con.commit()


def _open(path: Path) -> sqlite3.Connection:
    """The cache database, created if new; raises sqlite3.DatabaseError when SQLite finds it damaged."""
    return open_cache_db(path, "CREATE TABLE IF NOT EXISTS vectors (embed_hash TEXT PRIMARY KEY, model TEXT NOT NULL, "
                               "chunk BLOB NOT NULL, sentences BLOB NOT NULL, n_sentences INTEGER NOT NULL)")


def open_cache_db(path: Path, create_table: str) -> sqlite3.Connection:
    """A content-keyed cache database (WAL), its table created if new; raises sqlite3.DatabaseError when
    SQLite finds it damaged (the caller rebuilds it: a cache loses nothing)."""
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA journal_mode=WAL")
        con.execute(create_table)
        con.commit()
        (verdict,) = con.execute("PRAGMA quick_check(1)").fetchone()
        if verdict != "ok":
            raise sqlite3.DatabaseError(verdict)
    except sqlite3.DatabaseError:
        con.close()
        raise
    return con


def _unit_length(vectors: np.ndarray) -> bool:
    """Every vector is stored normalised: one that is not was changed on disk (a flipped byte). The
    tolerance leaves room for float16 storage (norms within ~1e-3 of 1); a flip that matters moves
    an exponent or a high mantissa bit, and the norm by far more."""
    return vectors.ndim == 2 and vectors.shape[1] > 0 and bool(
        np.all(np.abs(np.linalg.norm(vectors.astype(np.float32), axis=1) - 1.0) < 1e-2))
