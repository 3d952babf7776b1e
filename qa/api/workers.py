"""`qa serve --workers N`: several uvicorn worker processes on one listening socket, one index.

The parent binds the socket and supervises; each worker is a fresh (spawned) process that builds its
own `QAService` and app from the parent's settings, so every worker loads the index itself and keeps
it fresh on its own (`IndexState.refresh`: a new generation is picked up by each worker within a
second of the request that notices it). The kernel spreads connections over the workers.

What the workers share depends on the index's vector store:
- FAISS: each worker memory-maps the same generation files; the page cache holds them once.
- a Milvus server: every worker talks to the same collection (the alias's generation).
- milvus-lite: its embedded server holds the index file for one process, so more than one worker
  is refused before anything starts.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qa.errors import InputError, QAError
from qa.settings import Settings


@dataclass(frozen=True)
class WorkerApp:
    """The app factory a worker process calls (uvicorn `factory=True`); pickled to each worker."""

    settings: Settings
    index: Path

    def __call__(self) -> Any:
        from qa.api.app import create_app
        from qa.service import QAService

        return create_app(self.settings, QAService(self.settings, self.index))


def uses_milvus_lite(settings: Settings, index_path: Path) -> bool:
    """Whether the index is (or, not yet ingested, will be) served by embedded milvus-lite."""
    from qa.index.reader import read_manifest_json

    try:
        described = read_manifest_json(index_path).get("vector_store") or {}
    except QAError:  # no index yet, or a damaged one (readiness reports it): what an ingest would write
        return settings.vector_store == "milvus" and not settings.milvus_uri
    return described.get("backend") == "milvus" and not described.get("uri")


def check_workers(settings: Settings, index_path: Path) -> None:
    """Refuse a worker count the index's store cannot serve (InputError, exit 2)."""
    if settings.workers > 1 and uses_milvus_lite(settings, index_path):
        raise InputError(f"index {index_path} uses milvus-lite, which serves its file to one process: "
                         f"--workers {settings.workers} is not possible",
                         hint="serve it with --workers 1, or ingest it into a Milvus server (QA_MILVUS_URI) "
                              "for several workers")


def serve_workers(settings: Settings, index: Path, sock: socket.socket, log_level: str) -> None:
    """Run `settings.workers` worker processes on `sock` until interrupted (uvicorn's supervisor)."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    config = uvicorn.Config(WorkerApp(settings, index), factory=True, workers=settings.workers,
                            log_level=log_level, timeout_graceful_shutdown=5)
    Multiprocess(config, sockets=[sock]).run()
