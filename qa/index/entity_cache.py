"""Entity spans by document content hash, written batch by batch during an ingest.

The embedding cache's pattern (qa/index/embedding_cache.py) for named entities: re-ingesting an
unchanged document recognises nothing, and an interrupted ingest resumes where it stopped. The spans
of one document are stored as compact JSON `[[start, end, label], ...]` (no pickle); their text is
the document's own `text[start:end]`, so it is not stored twice.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Iterable

from qa.index.embedding_cache import open_cache_db, retain_rows
from qa.ingest.entities import EntitySpan

FILE = "entity_cache.sqlite"


class EntityCache:
    def __init__(self, root: Path, recogniser: str) -> None:
        self.recogniser = recogniser
        # Only a shortcut, as the embedding cache: a damaged file is emptied and filled again, and
        # `discarded` says so in the ingest summary's warnings.
        self.discarded: str | None = None
        try:
            self._con = _open(root / FILE)
        except sqlite3.DatabaseError as exc:
            reason = " ".join(str(exc).split())
            self.discarded = f"{FILE} was damaged ({reason}); it was emptied and its entities are recognised again"
            for suffix in ("", "-wal", "-shm"):
                (root / (FILE + suffix)).unlink(missing_ok=True)
            self._con = _open(root / FILE)

    def get_many(self, items: Iterable[tuple[str, str]]) -> dict[str, list[EntitySpan]]:
        """Spans by content hash, for each (content hash, text) whose spans are cached and fit the text."""
        wanted = dict(items)
        keys = list(wanted)
        out: dict[str, list[EntitySpan]] = {}
        for i in range(0, len(keys), 500):
            batch = keys[i : i + 500]
            q = f"SELECT text_hash, spans FROM entities WHERE recogniser=? AND text_hash IN ({','.join('?' * len(batch))})"
            for h, blob in self._con.execute(q, [self.recogniser, *batch]):
                spans = _decode(blob, wanted[h])
                if spans is not None:  # a damaged row is recognised again
                    out[h] = spans
        return out

    def put_many(self, rows: Iterable[tuple[str, list[EntitySpan]]]) -> None:
        self._con.executemany(
            "INSERT OR REPLACE INTO entities VALUES (?,?,?)",
            ((h, self.recogniser, json.dumps([[e.start, e.end, e.label] for e in spans], separators=(",", ":")))
             for h, spans in rows),
        )
        self._con.commit()

    def retain(self, hashes: set[str]) -> None:
        """Drop the entries no generation uses any more."""
        retain_rows(self._con, "entities", "text_hash", hashes)

    def close(self) -> None:
        self._con.close()


def _decode(blob: str, text: str) -> list[EntitySpan] | None:
    try:
        rows = json.loads(blob)
        spans = [EntitySpan(int(s), int(e), str(label), text[int(s):int(e)]) for s, e, label in rows]
    except (TypeError, ValueError):
        return None
    if any(not 0 <= e.start < e.end <= len(text) for e in spans):
        return None
    return spans


def _open(path: Path) -> sqlite3.Connection:
    return open_cache_db(path, "CREATE TABLE IF NOT EXISTS entities (text_hash TEXT PRIMARY KEY, "
                               "recogniser TEXT NOT NULL, spans TEXT NOT NULL)")
