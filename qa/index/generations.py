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
import json
import os
import re
import shutil
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from qa.errors import IndexMismatchError, IndexNotFoundError, QAError
from qa.index import integrity

FORMAT_VERSION = 1
CURRENT = "CURRENT"
GENERATIONS = "generations"
MANIFEST = "manifest.json"
# What a writer names a generation (g000007); CURRENT naming anything else is damage, never a path to follow.
_GENERATION_NAME = re.compile(r"g[0-9]{6,}")


class IndexLockedError(QAError):
    exit_code = 8


def current_generation(root: Path) -> str | None:
    """The live generation's name; None when the index has never been committed."""
    try:
        raw = (root / CURRENT).read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:  # a folder where the file should be, unreadable, ...
        raise integrity.damaged(root, None, [f"CURRENT is unreadable ({exc.strerror or exc})"]) from exc
    name = raw.decode("latin-1").strip()  # every byte decodes, so bad bytes can be shown, escaped
    if not _GENERATION_NAME.fullmatch(name):
        shown = "'" + name[:40].encode("unicode_escape").decode("ascii") + "'" if name else "nothing"
        raise integrity.damaged(root, None, [f"CURRENT names {shown}, not a generation"])
    return name


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
        raise integrity.damaged(root, name, [f"CURRENT names generation {name}, which is missing"])
    return name, path


def read_manifest(generation_dir: Path) -> dict[str, Any]:
    """The generation's manifest, checked: readable, its own checksum, its format version, its shape."""
    root, name = generation_dir.parent.parent, generation_dir.name
    try:
        data = (generation_dir / MANIFEST).read_bytes()
    except OSError as exc:  # missing (pruned under us, or lost), a folder, unreadable
        raise integrity.damaged(root, name, [f"manifest.json is unreadable ({exc.strerror or exc})"]) from exc
    manifest, problems = integrity.parse_manifest(data)
    if problems or manifest is None:
        raise integrity.damaged(root, name, problems)
    version = manifest.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version != FORMAT_VERSION:
        raise IndexMismatchError(
            f"index {root} has format {version}, this qa reads {FORMAT_VERSION}",
            hint=f"rebuild it: `qa ingest PATH --index {root} --rebuild`",
        )
    problems = ([] if version == FORMAT_VERSION else ["the manifest has no format version"])
    problems += integrity.manifest_shape_problems(manifest)
    if problems:
        raise integrity.damaged(root, name, problems)
    return manifest


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
    """A fresh temporary folder for the next generation, after clearing leftovers of killed writers.

    Only the writer holding the lock calls this, so every `.tmp-*` folder and `.CURRENT.tmp-*` file
    found is a leftover of a writer killed before its switch."""
    gens = root / GENERATIONS
    gens.mkdir(parents=True, exist_ok=True)
    for leftover in gens.glob(".tmp-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    for pointer in root.glob(f".{CURRENT}.tmp-*"):
        pointer.unlink(missing_ok=True)
    numbers = [int(p.name[1:]) for p in gens.iterdir() if p.name.startswith("g") and p.name[1:].isdigit()]
    name = f"g{(max(numbers) + 1) if numbers else 1:06d}"
    tmp = gens / f".tmp-{name}-{os.getpid()}"
    tmp.mkdir()
    return name, tmp


def file_checksums(directory: Path) -> dict[str, dict[str, Any]]:
    """Size, sha256 and fast digest of every file of a generation folder but its manifest."""
    return integrity.file_digests(directory, skip=MANIFEST)


def verify_checksums(generation_dir: Path, manifest: dict[str, Any], full: bool = False,
                     required: tuple[str, ...] = ()) -> list[str]:
    """Problems found: files missing, resized or changed (fast digest; sha256 with full=True), and
    `required` files the manifest does not list."""
    return integrity.file_problems(generation_dir, manifest, required=required, full=full)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def commit_generation(root: Path, name: str, tmp: Path, manifest: dict[str, Any], keep_old: int) -> Path:
    """Seal `tmp` (manifest with checksums, fsync), rename it into place, then switch CURRENT."""
    manifest = integrity.seal(dict(manifest, generation=name, format_version=FORMAT_VERSION, files=file_checksums(tmp)))
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
