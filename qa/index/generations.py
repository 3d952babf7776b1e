"""Generations: every ingest writes a complete new folder, then switches `CURRENT` atomically.

Layout of an index folder:
    CURRENT                  the name of the live generation (replaced with os.replace)
    .lock                    held (flock) by the one process writing
    generations/g000007/     manifest.json, docstore.sqlite, vectors.npy, vectors.faiss, sentence_*.npy, bm25_*
    generations/.tmp-*       a generation being written; ignored by readers, removed by the next writer
    embedding_cache.sqlite   vectors by content hash, so an interrupted or repeated ingest embeds nothing twice

A process killed at any moment leaves either the old CURRENT (pointing at a complete generation)
or the new one (pointing at a complete, fsynced generation): readers never see a half-written one.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from qa.errors import IndexCorruptError, IndexNotFoundError, QAError

FORMAT_VERSION = 1
CURRENT = "CURRENT"
GENERATIONS = "generations"
MANIFEST = "manifest.json"


class IndexLockedError(QAError):
    exit_code = 8


def current_generation(root: Path) -> str | None:
    try:
        name = (root / CURRENT).read_text().strip()
    except FileNotFoundError:
        return None
    return name or None


def generation_path(root: Path, name: str) -> Path:
    return root / GENERATIONS / name


def require_current(root: Path) -> tuple[str, Path]:
    name = current_generation(root)
    if name is None:
        if root.exists() and any(root.iterdir()):
            raise IndexNotFoundError(
                f"{root} holds no complete index generation", hint=f"run `qa ingest PATH --index {root}`"
            )
        raise IndexNotFoundError(f"no index at {root}", hint=f"run `qa ingest PATH --index {root}` first")
    path = generation_path(root, name)
    if not (path / MANIFEST).exists():
        raise IndexCorruptError(f"generation {name} of {root} is missing", hint="run `qa ingest --rebuild`")
    return name, path


def read_manifest(generation_dir: Path) -> dict[str, Any]:
    try:
        return json.loads((generation_dir / MANIFEST).read_text())
    except (OSError, json.JSONDecodeError) as exc:
        raise IndexCorruptError(f"cannot read {generation_dir / MANIFEST}: {exc}", hint="run `qa ingest --rebuild`") from exc


@contextmanager
def writer_lock(root: Path) -> Iterator[None]:
    """One writer at a time per index; a second `qa ingest` fails at once with a clear message."""
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".lock", "a+") as fh:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise IndexLockedError(
                f"another process is writing the index at {root}", hint="wait for it to finish, then retry"
            ) from exc
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def new_generation_dir(root: Path) -> tuple[str, Path]:
    """A fresh temporary folder for the next generation, after clearing leftovers of killed writers."""
    gens = root / GENERATIONS
    gens.mkdir(parents=True, exist_ok=True)
    for leftover in gens.glob(".tmp-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    numbers = [int(p.name[1:]) for p in gens.iterdir() if p.name.startswith("g") and p.name[1:].isdigit()]
    name = f"g{(max(numbers) + 1) if numbers else 1:06d}"
    tmp = gens / f".tmp-{name}-{os.getpid()}"
    tmp.mkdir()
    return name, tmp


def file_checksums(directory: Path) -> dict[str, dict[str, Any]]:
    out = {}
    for path in sorted(directory.iterdir()):
        if path.is_file() and path.name != MANIFEST:
            digest = hashlib.sha256()
            with open(path, "rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(block)
            out[path.name] = {"sha256": digest.hexdigest(), "bytes": path.stat().st_size}
    return out


def verify_checksums(generation_dir: Path, manifest: dict[str, Any], full: bool = False) -> list[str]:
    """Problems found: missing files, wrong sizes, and (with full=True) wrong hashes."""
    problems = []
    for name, expected in manifest.get("files", {}).items():
        path = generation_dir / name
        if not path.exists():
            problems.append(f"{name} is missing")
        elif path.stat().st_size != expected["bytes"]:
            problems.append(f"{name} has {path.stat().st_size} bytes, expected {expected['bytes']}")
    if full and not problems:
        actual = file_checksums(generation_dir)
        problems += [f"{n} checksum differs" for n, e in manifest.get("files", {}).items() if actual[n]["sha256"] != e["sha256"]]
    return problems


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def commit_generation(root: Path, name: str, tmp: Path, manifest: dict[str, Any], keep_old: int) -> Path:
    """Seal `tmp` (manifest with checksums, fsync), rename it into place, then switch CURRENT."""
    manifest = dict(manifest, generation=name, format_version=FORMAT_VERSION, files=file_checksums(tmp))
    (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    for path in tmp.iterdir():
        with open(path, "rb") as fh:
            os.fsync(fh.fileno())
    _fsync_dir(tmp)
    final = generation_path(root, name)
    os.rename(tmp, final)
    _fsync_dir(final.parent)
    pointer = root / f".{CURRENT}.tmp-{os.getpid()}"
    with open(pointer, "w") as fh:
        fh.write(name + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(pointer, root / CURRENT)  # the atomic switch
    _fsync_dir(root)
    _prune(root, keep=name, keep_old=keep_old)
    return final


def _prune(root: Path, keep: str, keep_old: int) -> None:
    gens = sorted(p for p in (root / GENERATIONS).iterdir() if p.name.startswith("g") and p.name != keep)
    # Old generations are kept briefly so a reader that read CURRENT just before the switch can still open it.
    for old in gens[: max(0, len(gens) - keep_old)]:
        shutil.rmtree(old, ignore_errors=True)


def now_iso() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
