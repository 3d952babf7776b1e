"""Large files are hashed on the first open after they change; any write to them is still caught."""

import os

import pytest

from qa.errors import IndexCorruptError
from qa.index import generations, integrity
from qa.index.layout import VECTORS
from qa.index.reader import open_index
from qa.index.writer import write_generation

from generation_content import EMBEDDER


@pytest.fixture
def counted_digests(monkeypatch):
    monkeypatch.setattr(integrity, "STAMPED_FROM_BYTES", 1)  # every file counts as large
    hashed: list[str] = []
    digest = integrity.fast_digest
    monkeypatch.setattr(integrity, "fast_digest", lambda path: hashed.append(path.name) or digest(path))
    return hashed


def test_unchanged_large_files_are_hashed_once(tmp_path, settings, content, counted_digests):
    root = tmp_path / "idx"
    write_generation(root, settings, content)
    _, gen = generations.require_current(root)
    open_index(root, EMBEDDER.name)
    assert VECTORS in counted_digests and (gen / integrity.STAMP_FILE).exists()
    counted_digests.clear()
    open_index(root, EMBEDDER.name)
    assert counted_digests == []  # nothing changed: no file read again
    assert integrity.file_problems(gen, generations.read_manifest(gen), full=True) == []  # --verify reads all


def test_a_flipped_byte_is_caught_even_with_its_mtime_restored(tmp_path, settings, content, counted_digests):
    root = tmp_path / "idx"
    write_generation(root, settings, content)
    _, gen = generations.require_current(root)
    open_index(root, EMBEDDER.name)  # stamps every file
    path = gen / VECTORS
    before = path.stat()
    data = bytearray(path.read_bytes())
    data[-1] ^= 0x01
    path.write_bytes(bytes(data))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # same size and mtime; ctime moves on
    with pytest.raises(IndexCorruptError, match="vectors.npy checksum differs"):
        open_index(root, EMBEDDER.name)


def test_small_files_are_hashed_on_every_open(tmp_path, settings, content, monkeypatch):
    hashed: list[str] = []
    digest = integrity.fast_digest
    monkeypatch.setattr(integrity, "fast_digest", lambda path: hashed.append(path.name) or digest(path))
    root = tmp_path / "idx"
    write_generation(root, settings, content)
    hashed.clear()  # the writer's own digests
    open_index(root, EMBEDDER.name)
    first = sorted(hashed)
    hashed.clear()
    open_index(root, EMBEDDER.name)
    assert sorted(hashed) == first and VECTORS in first
